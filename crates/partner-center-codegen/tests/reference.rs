//! The real Partner Center reference (`PC_DOCS_DIR`, set by `.ci/run`): its
//! 38 resource pages generate without errors, nearly every table and field
//! comes out typed, and the coverage report matches the reviewed snapshot.
//! The tests are `#[ignore]`d (they need the reference): run them with
//! `PC_DOCS_DIR=DIR cargo test -- --include-ignored`.

mod common;

use expect_test::expect_file;
use partner_center_codegen::{
    Dependency, Generation, Layout, Options, Page, Role, Sources, generate, report,
};

/// The reference's pages, shown as `reference/NAME.md`: the resource pages
/// become models, the operation pages give JSON examples to check them by.
fn reference_pages() -> Vec<Page> {
    common::folder(&common::reference_dir(), "reference")
}

fn run(pages: Vec<Page>) -> (Sources, Generation) {
    let sources = Sources::select(pages, Vec::new(), None).unwrap();
    let layout = Layout::Standalone {
        support: Dependency::Path("../support".into()),
        http: Dependency::Path("../http".into()),
    };
    let options = Options::new("reference".into(), layout);
    let generation = generate(&sources, &options);
    (sources, generation)
}

#[test]
#[ignore = "needs the Partner Center reference: PC_DOCS_DIR=../shared/partner-center-docs cargo test -- --include-ignored (see README)"]
fn the_reference_generates_nearly_everything_typed() {
    let pages = reference_pages();
    let (sources, generation) = run(pages);
    let resource_pages = sources.iter().filter(|(_, p)| p.role == Role::Resources).count();
    assert_eq!(resource_pages, 38, "the reference has 38 resource pages");
    assert!(!generation.has_errors(), "{:#?}", generation.diagnostics);

    let total = report::total_counts(&generation.model);
    assert!(total.tables >= 160, "{total:?}");
    // Every table became an item or was skipped with a reason ...
    let items_from_tables = total.structs + total.enums;
    assert!(items_from_tables + total.skipped >= total.tables, "{total:?}");
    // ... and at most 2% were skipped, at most 2% of fields fell back to Value.
    assert!(total.skipped * 50 <= total.tables, "{total:?}");
    assert!(total.fallback * 50 <= total.fields, "{total:?}");
    // Where the examples contradict a table the field holds any JSON, so
    // that both forms decode; those stay under 2% too.
    assert!(total.from_examples_any_json * 50 <= total.fields, "{total:?}");
    assert!(generation.model.examples.objects >= 150, "{:?}", generation.model.examples);

    expect_file!["reference_report.txt"].assert_eq(&report::render(&generation.model, &sources));
}

#[test]
#[ignore = "needs the Partner Center reference: PC_DOCS_DIR=../shared/partner-center-docs cargo test -- --include-ignored (see README)"]
fn the_reference_output_does_not_depend_on_page_order() {
    let pages = reference_pages();
    let (_, sorted) = run(pages.clone());
    let mut reversed = pages;
    reversed.reverse();
    let (_, from_reversed) = run(reversed);
    assert_eq!(sorted.files, from_reversed.files);
    assert_eq!(sorted.diagnostics, from_reversed.diagnostics);
}
