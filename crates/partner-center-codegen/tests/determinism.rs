//! Output depends on the pages only: not on the order they are handed in,
//! not on the run.

mod common;

use partner_center_codegen::{GeneratedFile, Layout, Options, Page, Sources, generate};

fn docs_src() -> Vec<Page> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-src");
    let pages = common::folder(&dir, "docs-src");
    assert!(pages.len() >= 3, "docs-src has its pages");
    pages
}

fn files(pages: Vec<Page>) -> Vec<GeneratedFile> {
    let generation = generate(
        &Sources::select(pages, Vec::new(), None).unwrap(),
        &Options::new("docs-src".into(), Layout::Workspace),
    );
    assert!(!generation.has_errors());
    generation.files
}

#[test]
fn output_is_the_same_whatever_the_page_order() {
    let sorted = files(docs_src());
    let mut reversed_pages = docs_src();
    reversed_pages.reverse();
    let reversed = files(reversed_pages);
    let mut rotated_pages = docs_src();
    rotated_pages.rotate_left(1);
    assert_eq!(sorted, reversed);
    assert_eq!(sorted, files(rotated_pages));
}

#[test]
fn two_runs_give_identical_files() {
    assert_eq!(files(docs_src()), files(docs_src()));
}
