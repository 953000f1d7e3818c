//! Lookup tables over the model: items by anchor and by name (plural or
//! not), pages by file name, and the nearest names for suggestions.

use std::collections::BTreeMap;

use crate::model::{ItemId, Model, PageId, SupportType};

/// Lookup tables over the model, built once item names are final.
pub(super) struct Index {
    /// Page of each item, by item index.
    pub(super) item_pages: Vec<PageId>,
    /// File name (lower case) of each page, by page index.
    pub(super) page_files: Vec<String>,
    /// (file name, lower-case anchor) -> item.
    pub(super) anchors: BTreeMap<(String, String), ItemId>,
    /// File name -> page.
    pub(super) pages: BTreeMap<String, PageId>,
    /// Lower-case item name and title -> items, in model order.
    pub(super) names: BTreeMap<String, Vec<(ItemId, PageId)>>,
    /// Whether each item (by index) is a struct.
    pub(super) is_struct: Vec<bool>,
    /// All item names, for suggestions.
    pub(super) all_names: Vec<String>,
    /// `all_names` in lower case, made when a suggestion is first asked for.
    lower_names: std::sync::OnceLock<Vec<String>>,
}

impl Index {
    /// `file.md#anchor` of an item, as a link to it is written.
    pub(super) fn anchor_of(&self, item: ItemId) -> Option<String> {
        self.anchors
            .iter()
            .find(|(_, id)| **id == item)
            .map(|((file, anchor), _)| format!("{file}#{anchor}"))
    }
}

impl Index {
    pub(super) fn new(model: &Model) -> Self {
        let mut index = Index {
            item_pages: model.items.iter().map(|item| item.page).collect(),
            is_struct: model
                .items
                .iter()
                .map(|item| matches!(item.kind, crate::model::ItemKind::Struct(_)))
                .collect(),
            page_files: model.pages.iter().map(|page| page.file_name.to_lowercase()).collect(),
            anchors: BTreeMap::new(),
            pages: BTreeMap::new(),
            names: BTreeMap::new(),
            all_names: Vec::new(),
            lower_names: std::sync::OnceLock::new(),
        };
        for (i, page) in model.pages.iter().enumerate() {
            index.pages.insert(page.file_name.to_lowercase(), PageId(i as u32));
        }
        for (id, item) in model.items() {
            let file = model.page(item.page).file_name.to_lowercase();
            for anchor in &item.anchors {
                index.anchors.entry((file.clone(), anchor.to_lowercase())).or_insert(id);
            }
            for key in [item.name.to_lowercase(), item.title.to_lowercase()] {
                let entry = index.names.entry(key).or_default();
                if !entry.iter().any(|(known, _)| *known == id) {
                    entry.push((id, item.page));
                }
            }
            index.all_names.push(item.name.clone());
        }
        index
    }

    /// The item a name denotes, preferring one on `page`. Also tries the
    /// singular of a plural (`UpgradeErrors`, `Entities`, `Statuses`).
    pub(super) fn by_name(&self, name: &str, page: PageId) -> Option<ItemId> {
        let lower = name.to_lowercase();
        let compact: String = lower.split_whitespace().collect();
        let mut candidates = vec![lower.clone(), compact.clone()];
        for base in [&lower, &compact] {
            if let Some(stem) = base.strip_suffix("ies") {
                candidates.push(format!("{stem}y"));
            }
            if let Some(stem) = base.strip_suffix("es") {
                candidates.push(stem.to_owned());
            }
            if let Some(stem) = base.strip_suffix('s') {
                candidates.push(stem.to_owned());
            }
        }
        candidates.iter().find_map(|key| {
            let items = self.names.get(key)?;
            items.iter().find(|(_, p)| *p == page).or(items.first()).map(|(id, _)| *id)
        })
    }

    /// The support type a name denotes, singular or plural.
    pub(super) fn support(&self, name: &str) -> Option<SupportType> {
        let lower = name.to_lowercase();
        SupportType::ALL.into_iter().find(|s| {
            let n = s.name().to_lowercase();
            lower == n || lower == format!("{n}s")
        })
    }

    /// The anchor of `file` closest to `anchor`, if one is near.
    pub(super) fn nearest_anchor(&self, file: &str, anchor: &str) -> Option<String> {
        let (file, anchor) = (file.to_lowercase(), anchor.to_lowercase());
        self.anchors
            .keys()
            .filter(|(f, _)| *f == file)
            .filter_map(|(_, a)| Some((distance_within(a, &anchor, (a.len() / 3).max(2))?, a)))
            .min()
            .map(|(_, a)| a.clone())
    }

    /// The item names closest to `name`.
    pub(super) fn suggestion(&self, name: &str) -> Option<&str> {
        let lower = name.to_lowercase();
        let near = |n: &str| (n.len() / 3).max(2);
        let lower_names = self
            .lower_names
            .get_or_init(|| self.all_names.iter().map(|n| n.to_lowercase()).collect());
        self.all_names
            .iter()
            .zip(lower_names)
            // Lengths that differ by more than the allowed distance cannot
            // be near; skip them before the costly comparison.
            .filter(|(n, _)| n.len().abs_diff(lower.len()) <= near(n))
            .filter_map(|(n, n_lower)| Some((distance_within(n_lower, &lower, near(n))?, n)))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, n)| n.as_str())
    }
}

/// The Damerau-Levenshtein distance of `a` and `b` if it is at most
/// `limit`.
///
/// Most names are far from the one sought, so a cheap lower bound comes
/// first: the number of letters one has that the other lacks (a swap of
/// two letters changes no count, any other edit at most one each way).
fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        let mut counts = [0i32; 128];
        a.bytes().for_each(|c| counts[usize::from(c)] += 1);
        b.bytes().for_each(|c| counts[usize::from(c)] -= 1);
        let only_in_a: i32 = counts.iter().filter(|&&n| n > 0).sum();
        let only_in_b: i32 = -counts.iter().filter(|&&n| n < 0).sum::<i32>();
        if only_in_a.max(only_in_b) as usize > limit {
            return None;
        }
    }
    Some(strsim::damerau_levenshtein(a, b)).filter(|&distance| distance <= limit)
}

/// A link destination split into page file name and anchor.
pub(super) fn split_link(dest: &str, page_file: &str) -> (String, Option<String>) {
    let (path, anchor) = match dest.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_owned())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let file = path.rsplit('/').next().unwrap_or_default();
    let file = if file.is_empty() { page_file.to_owned() } else { file.to_owned() };
    (file, anchor)
}

#[cfg(test)]
mod tests {
    use super::distance_within;

    #[test]
    fn the_lower_bound_never_hides_a_near_name() {
        let names = [
            "",
            "a",
            "ab",
            "ba",
            "customer",
            "custmoer",
            "cutsomer",
            "customers",
            "costumer",
            "companyprofile",
            "compnayprofile",
            "profilecompany",
            "billingprofile",
            "subscription",
            "subscriptions",
            "supscription",
            "ca",
            "abc",
            "acb",
            "bca",
            "kunde",
            "küstomer",
            "customer ",
        ];
        for a in names {
            for b in names {
                let distance = strsim::damerau_levenshtein(a, b);
                for limit in 0..=6 {
                    let expected = (distance <= limit).then_some(distance);
                    assert_eq!(distance_within(a, b, limit), expected, "{a:?} {b:?} {limit}");
                }
            }
        }
    }
}
