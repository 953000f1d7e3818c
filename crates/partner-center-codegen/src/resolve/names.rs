//! Unique names: modules across pages, items across the crate, fields and
//! variants within their item. Clashes are renamed by fixed rules and
//! reported.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostics};
use crate::model::{ItemKind, Model};
use crate::names;
use crate::runtime::RESERVED_NAMES;
use crate::source::Span;

/// Module names stay unique even if two file names snake-case alike, and
/// keep clear of the feature names the crate reserves.
pub(super) fn unique_module_names(model: &mut Model) {
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
/// name, the one that has the best claim keeps it: first the one that has
/// it in the crate as it is now (`kept_names`: a page added later must not
/// rename a type users already name), then one whose heading is the name
/// itself (`Subscription`, not `Subscription resource`), then one on the
/// page named after it (`Subscription` on `subscription-resources.md`),
/// then the first in page order. The others are prefixed with their page's
/// name (`PartnerCenterAnalyticsSubscription`) and numbered if that is
/// taken too. Names the generated code needs for itself are never given
/// out.
pub(super) fn unique_item_names(
    model: &mut Model,
    kept_names: &BTreeSet<(String, String)>,
    diagnostics: &mut Diagnostics,
) {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, item) in model.items.iter().enumerate() {
        by_name.entry(item.name.clone()).or_default().push(i);
    }
    let mut taken: BTreeSet<String> = by_name.keys().cloned().collect();
    // (loser, the item that keeps the name, whether it is a clash)
    let mut losers = Vec::new();
    for (name, mut claimants) in by_name {
        let claim = |i: &usize| {
            let item = &model.items[*i];
            let page = &model.pages[item.page.0 as usize];
            let kept = kept_names.contains(&(page.file_name.clone(), name.clone()));
            let module = &page.module;
            (!kept, item.title != name, !names::snake_case(&name).starts_with(module.as_str()), *i)
        };
        claimants.sort_by_key(claim);
        let reserved = RESERVED_NAMES.contains(&name.as_str());
        let winner = (!reserved).then(|| claimants[0]);
        let keep = usize::from(!reserved);
        losers.extend(claimants.into_iter().skip(keep).map(|i| (i, winner)));
    }
    losers.sort();
    for (i, winner) in losers {
        let winner_span = winner.map(|w| (model.items[w].span, model.items[w].page));
        let item = &mut model.items[i];
        let wanted = item.name.clone();
        let prefix = names::pascal_case(&model.pages[item.page.0 as usize].module);
        let mut name = format!("{prefix}{wanted}");
        let mut n = 1;
        while taken.contains(&name) || RESERVED_NAMES.contains(&name.as_str()) {
            n += 1;
            name = format!("{prefix}{wanted}{n}");
        }
        let why = match winner_span {
            Some(_) => format!("another resource has a better claim to `{wanted}`"),
            None => format!("`{wanted}` is a name the generated code needs for something else"),
        };
        let d = diagnostics.push(
            Code::NameClash,
            item.span,
            format!("`{wanted}` is generated as `{name}`"),
            why,
            "give the heading a name of its own to choose the Rust name yourself",
        );
        if let Some((span, page)) = winner_span {
            let page = &model.pages[page.0 as usize].file_name;
            let kept = kept_names.contains(&(page.clone(), wanted.clone()));
            let label = if kept {
                format!("`{wanted}` is defined here, and the crate already calls it so")
            } else {
                format!("`{wanted}` is defined here too, and keeps the name")
            };
            d.also(span, label);
        }
        d.note(
            "note: a name the crate already has wins, then a heading that is exactly the name, \
             then the page named after it, then page order",
        );
        item.name = name.clone();
        taken.insert(name);
    }
}

/// Within a struct, field names are unique and the catch-all field takes a
/// free name; within an enum, variant names are unique and the fallback
/// variant takes a free name. A clash gets a number (`_2`, `2`).
pub(super) fn unique_member_names(kind: &mut ItemKind, item: &str, diagnostics: &mut Diagnostics) {
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
        if taken.insert(name.clone()) {
            continue;
        }
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
