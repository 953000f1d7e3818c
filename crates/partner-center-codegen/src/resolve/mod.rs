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

mod cycles;
mod index;
mod names;
mod references;

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostics;
use crate::model::Model;

/// Resolves the model in place, one pass after the other. `kept_names`
/// are the (page, Rust name) pairs of the crate as it is now.
pub(crate) fn resolve(
    model: &mut Model,
    kept_names: &BTreeSet<(String, String)>,
    diagnostics: &mut Diagnostics,
) {
    names::unique_module_names(model);
    names::unique_item_names(model, kept_names, diagnostics);
    references::bind(model, diagnostics);
    for item in &mut model.items {
        names::unique_member_names(&mut item.kind, &item.name, diagnostics);
    }
}

/// Boxes the fields that would make a struct contain itself. A pass of its
/// own, run once every field's type is final (the examples may retype some).
pub(crate) fn break_cycles(model: &mut Model) {
    cycles::box_recursive_fields(model);
}

#[cfg(test)]
mod tests {
    use super::index::split_link;
    use super::references::{DOCS_BASE_URL, web_address};
    use super::*;
    use crate::diagnostics::{Code, Colors, Diagnostic, render};
    use crate::model::{
        DocBlock, DocInline, ItemId, ItemKind, LinkTarget, PageId, Reference, Type,
    };
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
                DocInline::Link { target, .. } => Some((**target).clone()),
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
