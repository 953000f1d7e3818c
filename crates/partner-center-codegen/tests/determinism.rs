//! Output depends on the pages only: not on the order they are handed in,
//! not on the run.

use partner_center_codegen::{GeneratedFile, Layout, Options, SourceFile, Sources, generate};

fn docs_src() -> Vec<SourceFile> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-src");
    let mut pages: Vec<SourceFile> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            SourceFile::new(format!("docs-src/{name}"), std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(pages.len() >= 3, "docs-src has its pages");
    pages
}

fn files(pages: Vec<SourceFile>) -> Vec<GeneratedFile> {
    let generation = generate(
        &Sources::new(pages),
        &Options { docs_label: "docs-src".into(), layout: Layout::Workspace },
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
