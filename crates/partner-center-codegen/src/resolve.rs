//! Stage 3, resolve: binds every name in the [`Model`] and makes names unique.
//!
//! - Type references (`[UserCredentials](user-resources.md#usercredentials)`,
//!   `ResourceAttributes`, `UpgradeErrors`) become item or support-type
//!   references; one that names nothing becomes `serde_json::Value`, with a
//!   warning that suggests the nearest name.
//! - Documentation links become intra-doc links or web addresses.
//! - Clashing names are renamed by fixed rules and reported: items across
//!   pages, fields and variants within their item, modules across pages.
//! - Each page learns which pages it depends on, for cargo features.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostics};
use crate::model::{
    Doc, DocBlock, DocInline, ItemId, ItemKind, LinkTarget, Model, PageId, Reference, SupportType,
    Type, TypeName,
};
use crate::names;
use crate::source::Span;

/// Where links to pages outside the run point: the published reference.
pub const DOCS_BASE_URL: &str = "https://learn.microsoft.com/partner-center/developer/";

/// Names the generated code uses from elsewhere (the prelude, serde, the
/// support crate's re-exports); an item may not take them.
const RESERVED_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "String",
    "Vec",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Serialize",
    "Deserialize",
    "Value",
    "BTreeMap",
    "DateTime",
    "Date",
    "Decimal",
    "Self",
    "Resource",
    "ResourceCollection",
    "Shape",
    "Transcoded",
    "DecodeError",
    "Validate",
    "Violation",
    "Members",
    "FindUnknown",
    "UnknownMember",
    "UnknownMembers",
    "Deserializer",
    "MapAccess",
    "Serializer",
    "SerializeMap",
];

/// Resolves the model in place.
pub fn resolve(model: &mut Model, diagnostics: &mut Diagnostics) {
    unique_module_names(model);
    unique_item_names(model, diagnostics);
    let index = Index::new(model);
    let mut dependencies: Vec<BTreeSet<PageId>> = vec![BTreeSet::new(); model.pages.len()];
    let mut resolver = Resolver {
        model_index: &index,
        diagnostics,
        dependencies: &mut dependencies,
        suggestions: BTreeMap::new(),
    };
    for item in &mut model.items {
        let page = item.page;
        match &mut item.kind {
            ItemKind::Struct(s) => {
                for field in &mut s.fields {
                    resolver.ty(&mut field.ty, page);
                    resolver.doc(&mut field.doc, page);
                }
            }
            ItemKind::Enum(e) => {
                for variant in &mut e.variants {
                    resolver.doc(&mut variant.doc, page);
                }
            }
        }
        resolver.doc(&mut item.doc, page);
    }
    for (i, page) in model.pages.iter_mut().enumerate() {
        resolver.doc(&mut page.doc, PageId(i as u32));
    }
    for (page_index, deps) in dependencies.into_iter().enumerate() {
        model.pages[page_index].depends_on =
            deps.into_iter().filter(|p| p.0 as usize != page_index).collect();
    }
    for item in &mut model.items {
        unique_member_names(&mut item.kind, &item.name, diagnostics);
    }
}

/// Module names stay unique even if two file names snake-case alike, and
/// keep clear of the feature names the crate reserves.
fn unique_module_names(model: &mut Model) {
    let mut taken: BTreeSet<String> = ["full", "default"].map(String::from).into();
    for page in &mut model.pages {
        let base = page.module.clone();
        let mut n = 1;
        while !taken.insert(page.module.clone()) {
            n += 1;
            page.module = format!("{base}_{n}");
        }
    }
}

/// Item names are unique across the crate. Among items that want the same
/// name, the one that has the best claim keeps it: first one whose heading
/// is the name itself (`Subscription`, not `Subscription resource`), then
/// one on the page named after it (`Subscription` on
/// `subscription-resources.md`), then the first in page order. The others
/// are prefixed with their page's name (`PartnerCenterAnalyticsSubscription`)
/// and numbered if that is taken too. Names the generated code needs for
/// itself are never given out.
fn unique_item_names(model: &mut Model, diagnostics: &mut Diagnostics) {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, item) in model.items.iter().enumerate() {
        by_name.entry(item.name.clone()).or_default().push(i);
    }
    let mut taken: BTreeSet<String> = by_name.keys().cloned().collect();
    let mut losers = Vec::new();
    for (name, mut claimants) in by_name {
        let claim = |i: &usize| {
            let item = &model.items[*i];
            let module = &model.pages[item.page.0 as usize].module;
            (item.title != name, !names::snake_case(&name).starts_with(module.as_str()), *i)
        };
        claimants.sort_by_key(claim);
        let reserved = RESERVED_NAMES.contains(&name.as_str());
        let keep = if reserved { 0 } else { 1 };
        losers.extend(claimants.into_iter().skip(keep).map(|i| (i, !reserved)));
    }
    losers.sort();
    for (i, clash) in losers {
        let item = &mut model.items[i];
        let wanted = item.name.clone();
        let prefix = names::pascal_case(&model.pages[item.page.0 as usize].module);
        let mut name = format!("{prefix}{wanted}");
        let mut n = 1;
        while taken.contains(&name) || RESERVED_NAMES.contains(&name.as_str()) {
            n += 1;
            name = format!("{prefix}{wanted}{n}");
        }
        let why = if clash {
            format!("another resource has a better claim to `{wanted}`")
        } else {
            format!("`{wanted}` is a name the generated code needs for something else")
        };
        diagnostics
            .push(
                Code::NameClash,
                item.span,
                format!("`{wanted}` is generated as `{name}`"),
                why,
                "give the heading a name of its own to choose the Rust name yourself",
            )
            .note("note: a heading that is exactly the name wins, then the page named after it, then page order");
        item.name = name.clone();
        taken.insert(name);
    }
}

/// Within a struct, field names are unique and the catch-all field takes a
/// free name; within an enum, variant names are unique and the fallback
/// variant takes a free name. A clash gets a number (`_2`, `2`).
fn unique_member_names(kind: &mut ItemKind, item: &str, diagnostics: &mut Diagnostics) {
    let mut taken = BTreeSet::new();
    let (members, reserved): (Vec<(&mut String, Span)>, &mut String) = match kind {
        ItemKind::Struct(s) => {
            (s.fields.iter_mut().map(|f| (&mut f.rust_name, f.span)).collect(), &mut s.extra_field)
        }
        ItemKind::Enum(e) => {
            (e.variants.iter_mut().map(|v| (&mut v.rust_name, v.span)).collect(), &mut e.fallback)
        }
    };
    let separator = if reserved.starts_with(char::is_uppercase) { "" } else { "_" };
    for (name, member_span) in members {
        let wanted = name.clone();
        let mut n = 1;
        while !taken.insert(name.clone()) {
            n += 1;
            *name = format!("{wanted}{separator}{n}");
        }
        if n > 1 {
            diagnostics
                .push(
                    Code::NameClash,
                    member_span,
                    format!("`{wanted}` in `{item}` is generated as `{name}`"),
                    "an earlier row has the same Rust name",
                    "spell the property as the service does; if both are right, the numbered name stays",
                )
                .note("note: two rows whose names differ only in case or punctuation map to one Rust name");
        }
    }
    let wanted = reserved.clone();
    let mut n = 1;
    while taken.contains(reserved.as_str()) {
        n += 1;
        *reserved = format!("{wanted}{separator}{n}");
    }
}

/// Lookup tables over the model, built once item names are final.
struct Index {
    /// Page of each item, by item index.
    item_pages: Vec<PageId>,
    /// File name (lower case) of each page, by page index.
    page_files: Vec<String>,
    /// (file name, lower-case anchor) -> item.
    anchors: BTreeMap<(String, String), ItemId>,
    /// File name -> page.
    pages: BTreeMap<String, PageId>,
    /// Lower-case item name and title -> items, in model order.
    names: BTreeMap<String, Vec<(ItemId, PageId)>>,
    /// All item names, for suggestions.
    all_names: Vec<String>,
}

impl Index {
    fn new(model: &Model) -> Self {
        let mut index = Index {
            item_pages: model.items.iter().map(|item| item.page).collect(),
            page_files: model.pages.iter().map(|page| page.file_name.to_lowercase()).collect(),
            anchors: BTreeMap::new(),
            pages: BTreeMap::new(),
            names: BTreeMap::new(),
            all_names: Vec::new(),
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
    fn by_name(&self, name: &str, page: PageId) -> Option<ItemId> {
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
    fn support(&self, name: &str) -> Option<SupportType> {
        let lower = name.to_lowercase();
        SupportType::ALL.into_iter().find(|s| {
            let n = s.name().to_lowercase();
            lower == n || lower == format!("{n}s")
        })
    }

    /// The anchor of `file` closest to `anchor`, if one is near.
    fn nearest_anchor(&self, file: &str, anchor: &str) -> Option<String> {
        let (file, anchor) = (file.to_lowercase(), anchor.to_lowercase());
        self.anchors
            .keys()
            .filter(|(f, _)| *f == file)
            .map(|(_, a)| (strsim::damerau_levenshtein(a, &anchor), a))
            .filter(|(distance, a)| *distance <= (a.len() / 3).max(2))
            .min()
            .map(|(_, a)| a.clone())
    }

    /// The item names closest to `name`.
    fn suggestion(&self, name: &str) -> Option<&str> {
        let lower = name.to_lowercase();
        let near = |n: &str| (n.len() / 3).max(2);
        self.all_names
            .iter()
            // Lengths that differ by more than the allowed distance cannot
            // be near; skip them before the costly comparison.
            .filter(|n| n.len().abs_diff(lower.len()) <= near(n))
            .map(|n| (strsim::damerau_levenshtein(&n.to_lowercase(), &lower), n))
            .filter(|(distance, n)| *distance <= near(n))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, n)| n.as_str())
    }
}

/// A link destination split into page file name and anchor.
fn split_link(dest: &str, page_file: &str) -> (String, Option<String>) {
    let (path, anchor) = match dest.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_owned())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let file = path.rsplit('/').next().unwrap_or_default();
    let file = if file.is_empty() { page_file.to_owned() } else { file.to_owned() };
    (file, anchor)
}

/// A web address for a link that leaves the model.
fn web_address(dest: &str) -> String {
    if dest.contains("://") || dest.starts_with("mailto:") {
        return dest.to_owned();
    }
    if dest.starts_with('/') {
        return format!("https://learn.microsoft.com{dest}");
    }
    let (path, anchor) = dest.split_once('#').map_or((dest, None), |(p, a)| (p, Some(a)));
    let mut segments: Vec<&str> = DOCS_BASE_URL.trim_end_matches('/').split('/').collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s.strip_suffix(".md").unwrap_or(s)),
        }
    }
    let mut url = segments.join("/");
    if let Some(anchor) = anchor {
        url.push('#');
        url.push_str(anchor);
    }
    url
}

struct Resolver<'a> {
    model_index: &'a Index,
    diagnostics: &'a mut Diagnostics,
    dependencies: &'a mut Vec<BTreeSet<PageId>>,
    /// Suggestions made so far, by name: the same unknown name tends to
    /// come up again and again, and each search compares it with every item.
    suggestions: BTreeMap<String, Option<String>>,
}

impl Resolver<'_> {
    /// The item name nearest to `name`, searched once per name.
    fn suggestion(&mut self, name: &str) -> Option<String> {
        if let Some(known) = self.suggestions.get(name) {
            return known.clone();
        }
        let found = self.model_index.suggestion(name).map(str::to_owned);
        self.suggestions.insert(name.to_owned(), found.clone());
        found
    }

    fn page_file(&self, page: PageId) -> &str {
        &self.model_index.page_files[page.0 as usize]
    }

    /// Records that `page` refers to `item`.
    fn depend_on_item(&mut self, page: PageId, item: ItemId) {
        let on = self.model_index.item_pages[item.0 as usize];
        self.depend(page, on);
    }

    fn depend(&mut self, page: PageId, on: PageId) {
        self.dependencies[page.0 as usize].insert(on);
    }

    fn ty(&mut self, ty: &mut Type, page: PageId) {
        match ty {
            Type::List(inner) | Type::Map(inner) => self.ty(inner, page),
            Type::Named(Reference::Unresolved(name)) => {
                *ty = match self.reference(name, page) {
                    Some(reference) => Type::Named(reference),
                    None => Type::Fallback,
                };
            }
            Type::Named(Reference::Item(id)) => self.depend_on_item(page, *id),
            _ => {}
        }
    }

    fn reference(&mut self, name: &TypeName, page: PageId) -> Option<Reference> {
        let index = self.model_index;
        let mut broken_link = None;
        let mut nearest_anchor = None;
        if let Some(dest) = &name.link {
            let (mut file, anchor) = split_link(dest, self.page_file(page));
            // Older pages link to `x.md.md`; the page meant is plain.
            if let Some(single) = file
                .strip_suffix(".md")
                .filter(|f| f.ends_with(".md") && index.pages.contains_key(&f.to_lowercase()))
            {
                let single = single.to_owned();
                self.diagnostics.push(
                    Code::BrokenLink,
                    name.span,
                    format!("the link to `{file}` has `.md` twice"),
                    format!("read as a link to `{single}`"),
                    format!("write `{single}`"),
                );
                file = single;
            }
            match (index.pages.get(&file.to_lowercase()), anchor) {
                (Some(_), Some(anchor)) => {
                    if let Some(&id) =
                        index.anchors.get(&(file.to_lowercase(), anchor.to_lowercase()))
                    {
                        self.depend_on_item(page, id);
                        return Some(Reference::Item(id));
                    }
                    broken_link =
                        Some(format!("`{file}` has no heading with the anchor `#{anchor}`"));
                    nearest_anchor = index.nearest_anchor(&file, &anchor);
                }
                (Some(_), None) => {}
                (None, _) => {
                    broken_link = Some(format!("`{file}` is not a page whose tables become models"))
                }
            }
        }
        let found = index
            .by_name(&name.name, page)
            .map(Reference::Item)
            .or_else(|| index.support(&name.name).map(Reference::Support));
        let suggestion = if found.is_none() { self.suggestion(&name.name) } else { None };
        if let Some(problem) = &broken_link {
            let help = match (&nearest_anchor, &suggestion) {
                (Some(anchor), _) => format!("did you mean `#{anchor}`?"),
                (None, Some(s)) if found.is_none() => format!("did you mean `{s}`?"),
                _ => "point the link at an existing `page.md#anchor`".to_owned(),
            };
            let note = match &found {
                Some(Reference::Item(id)) => {
                    format!(
                        "note: resolved by the link text to `{}`",
                        index.all_names[id.0 as usize]
                    )
                }
                Some(Reference::Support(s)) => {
                    format!("note: resolved by the link text to the support type `{}`", s.name())
                }
                _ => "note: nothing is called like the link text either; the field holds any JSON"
                    .to_owned(),
            };
            self.diagnostics
                .push(
                    Code::BrokenLink,
                    name.span,
                    format!("broken link to `{}`", name.link.as_deref().unwrap_or_default()),
                    problem,
                    help,
                )
                .note(note);
        }
        match found {
            Some(Reference::Item(id)) => self.depend_on_item(page, id),
            None if broken_link.is_none() || name.link.is_none() => {
                let help = match &suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "define the resource under a heading with a Property | Type | Description table, or link to it".to_owned(),
                };
                self.diagnostics.push(
                    Code::UnresolvedType,
                    name.span,
                    format!("no resource is called `{}`", name.name),
                    "the field will hold any JSON (`serde_json::Value`)",
                    help,
                );
            }
            _ => {}
        }
        found
    }

    fn doc(&mut self, doc: &mut Doc, page: PageId) {
        for block in &mut doc.blocks {
            self.block(block, page);
        }
    }

    fn block(&mut self, block: &mut DocBlock, page: PageId) {
        match block {
            DocBlock::Paragraph(inlines) => self.inlines(inlines, page),
            DocBlock::Note { blocks, .. } => blocks.iter_mut().for_each(|b| self.block(b, page)),
            DocBlock::List(items) => items.iter_mut().flatten().for_each(|b| self.block(b, page)),
        }
    }

    fn inlines(&mut self, inlines: &mut [DocInline], page: PageId) {
        for inline in inlines {
            match inline {
                DocInline::Emphasis(children) | DocInline::Strong(children) => {
                    self.inlines(children, page)
                }
                DocInline::Link { target, children } => {
                    self.inlines(children, page);
                    if let LinkTarget::Unresolved { dest, .. } = target {
                        *target = self.link(dest, page);
                    }
                }
                _ => {}
            }
        }
    }

    /// A documentation link: an item or page of the model where it points
    /// at one, the published page otherwise.
    fn link(&mut self, dest: &str, page: PageId) -> LinkTarget {
        if dest.contains("://") || dest.starts_with('/') || dest.starts_with("mailto:") {
            return LinkTarget::Url(web_address(dest));
        }
        let index = self.model_index;
        let (file, anchor) = split_link(dest, self.page_file(page));
        let Some(&target_page) = index.pages.get(&file.to_lowercase()) else {
            return LinkTarget::Url(web_address(dest));
        };
        match anchor {
            None => {
                self.depend(page, target_page);
                LinkTarget::Page(target_page)
            }
            Some(anchor) => {
                match index.anchors.get(&(file.to_lowercase(), anchor.to_lowercase())) {
                    Some(&id) => {
                        self.depend(page, target_page);
                        LinkTarget::Item(id)
                    }
                    None => LinkTarget::Url(web_address(&format!("{file}#{anchor}"))),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Colors, Diagnostic, render};
    use crate::source::{SourceFile, Sources};

    fn build(pages: &[(&str, &str)]) -> (Model, Vec<Diagnostic>, Sources) {
        let sources =
            Sources::new(pages.iter().map(|(path, text)| SourceFile::new(*path, *text)).collect());
        let mut diagnostics = Diagnostics::default();
        let model = crate::build_model(&sources, &mut diagnostics);
        (model, diagnostics.into_sorted(), sources)
    }

    /// The type of `field` in the struct `item`, with names for references.
    fn field_type(model: &Model, item: &str, field: &str) -> String {
        let (_, item) = model.items().find(|(_, i)| i.name == item).expect("item");
        let ItemKind::Struct(s) = &item.kind else { panic!("{} is no struct", item.name) };
        let ty = &s.fields.iter().find(|f| f.wire_name == field).expect("field").ty;
        fn show(model: &Model, ty: &Type) -> String {
            match ty {
                Type::Named(Reference::Item(id)) => model.item(*id).name.clone(),
                Type::Named(Reference::Support(s)) => format!("support {}", s.name()),
                Type::List(inner) => format!("Vec<{}>", show(model, inner)),
                other => format!("{other:?}"),
            }
        }
        show(model, ty)
    }

    const UTILITY: &str = "# U\n\n## Link\n\n| Property | Type |\n|---|---|\n| uri | string |\n\n## UpgradeError\n\n| Property | Type |\n|---|---|\n| code | int |\n";

    #[test]
    fn links_bare_names_and_plurals_resolve_across_pages() {
        let customer = "# C\n\n## Customer\n\n| Property | Type |\n|---|---|\n| self | [Link](utility-resources.md#link) |\n| next | Link |\n| errors | array of UpgradeErrors |\n| pairs | Array of KeyValuePairs |\n";
        let (model, diagnostics, _) =
            build(&[("customer-resources.md", customer), ("utility-resources.md", UTILITY)]);
        assert_eq!(diagnostics, []);
        assert_eq!(field_type(&model, "Customer", "self"), "Link");
        assert_eq!(field_type(&model, "Customer", "next"), "Link");
        assert_eq!(field_type(&model, "Customer", "errors"), "Vec<UpgradeError>");
        assert_eq!(field_type(&model, "Customer", "pairs"), "Vec<support KeyValuePair>");
        let customer_page = model.pages.iter().find(|p| p.module == "customer").unwrap();
        assert_eq!(customer_page.depends_on, [PageId(1)]);
    }

    #[test]
    fn a_link_to_a_missing_anchor_is_reported_with_its_position() {
        let customer = "# C\n\n## Customer\n\n| Property | Type |\n|---|---|\n| self | [Link](utility-resources.md#lnk) |\n";
        let (model, diagnostics, sources) =
            build(&[("customer-resources.md", customer), ("utility-resources.md", UTILITY)]);
        assert_eq!(field_type(&model, "Customer", "self"), "Link");
        let rendered = render(&diagnostics, &sources, Colors::Never);
        assert!(
            rendered.starts_with(
                "warning[W0202]: broken link to `utility-resources.md#lnk`\n  ┌─ customer-resources.md:7:10\n"
            ),
            "{rendered}"
        );
        assert!(
            rendered.contains("`utility-resources.md` has no heading with the anchor `#lnk`"),
            "{rendered}"
        );
        assert!(rendered.contains("note: resolved by the link text to `Link`"), "{rendered}");
    }

    #[test]
    fn an_unknown_name_falls_back_to_any_json_with_a_suggestion() {
        let customer = "# C\n\n## Customer\n\n| Property | Type |\n|---|---|\n| self | Lnk |\n| other | [Gone](gone-resources.md#gone) |\n";
        let (model, diagnostics, _) =
            build(&[("customer-resources.md", customer), ("utility-resources.md", UTILITY)]);
        assert_eq!(field_type(&model, "Customer", "self"), "Fallback");
        assert_eq!(field_type(&model, "Customer", "other"), "Fallback");
        let codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.message.as_str())).collect();
        assert_eq!(
            codes,
            [
                (Code::UnresolvedType, "no resource is called `Lnk`"),
                (Code::BrokenLink, "broken link to `gone-resources.md#gone`")
            ]
        );
        assert_eq!(diagnostics[0].help, "did you mean `Link`?");
    }

    #[test]
    fn clashing_names_are_renamed_by_page_and_reported() {
        let a = "# A\n\n## Offer\n\n| Property | Type |\n|---|---|\n| id | string |\n";
        let b = "# B\n\n## Offer\n\n| Property | Type |\n|---|---|\n| name | string |\n\n## Value\n\n| Property | Type |\n|---|---|\n| v | Offer |\n";
        let (model, diagnostics, _) = build(&[("cart-resources.md", b), ("offer-resources.md", a)]);
        let names: Vec<_> = model.items.iter().map(|i| i.name.as_str()).collect();
        // `cart` sorts first, but `offer-resources.md` is named after it, so
        // that page's Offer keeps the name; `Value` is reserved.
        assert_eq!(names, ["CartOffer", "CartValue", "Offer"]);
        // A bare name prefers the item on its own page.
        assert_eq!(field_type(&model, "CartValue", "v"), "CartOffer");
        assert!(diagnostics.iter().all(|d| d.code == Code::NameClash), "{diagnostics:?}");
        assert_eq!(diagnostics.len(), 2);
    }

    #[test]
    fn doc_links_become_intra_doc_links_or_web_addresses() {
        let customer = "# C\n\n## Customer\n\nSee [Link](utility-resources.md#link), [the page](utility-resources.md) and [ordering](create-an-order.md).\n\n| Property | Type |\n|---|---|\n| id | string |\n";
        let (model, _, _) =
            build(&[("customer-resources.md", customer), ("utility-resources.md", UTILITY)]);
        let DocBlock::Paragraph(inlines) = &model.items[0].doc.blocks[0] else { panic!() };
        let targets: Vec<_> = inlines
            .iter()
            .filter_map(|i| match i {
                DocInline::Link { target, .. } => Some(target.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            targets,
            [
                LinkTarget::Item(ItemId(1)),
                LinkTarget::Page(PageId(1)),
                LinkTarget::Url(format!("{DOCS_BASE_URL}create-an-order")),
            ]
        );
    }

    #[test]
    fn links_leaving_the_model_point_at_the_published_reference() {
        assert_eq!(
            web_address("get-market-specific-validation-data.md"),
            "https://learn.microsoft.com/partner-center/developer/get-market-specific-validation-data"
        );
        assert_eq!(
            web_address("../marketplace/offers.md#top"),
            "https://learn.microsoft.com/partner-center/marketplace/offers#top"
        );
        assert_eq!(
            web_address("/partner-center/csp-overview"),
            "https://learn.microsoft.com/partner-center/csp-overview"
        );
        assert_eq!(web_address("https://example.com/a"), "https://example.com/a");
    }

    #[test]
    fn link_destinations_split_into_page_and_anchor() {
        assert_eq!(
            split_link("#link", "utility-resources.md"),
            ("utility-resources.md".into(), Some("link".into()))
        );
        assert_eq!(
            split_link("user-resources.md#usercredentials", "customer-resources.md"),
            ("user-resources.md".into(), Some("usercredentials".into()))
        );
        assert_eq!(split_link("./offer-resources.md", "x.md"), ("offer-resources.md".into(), None));
    }
}
