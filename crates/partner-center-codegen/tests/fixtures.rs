//! Fixture tests: each page in `fixtures/ok/` generates the Rust module in
//! the `.rs` file beside it (and, if it draws warnings, the `.txt` beside
//! it); each page in `fixtures/err/` fails with the diagnostics in its
//! `.txt`. The expected files are reviewed by hand; regenerate them with
//! `UPDATE_EXPECT=1 cargo test -p partner-center-codegen --test fixtures`.

use std::path::{Path, PathBuf};

use expect_test::expect_file;
use partner_center_codegen::{Colors, Layout, Options, SourceFile, Sources, diagnostics, generate};

fn pages(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no fixtures in {}", dir.display());
    pages
}

/// Generates from one fixture page, shown as `ok/name.md` or `err/name.md`.
fn run(dir: &str, page: &Path) -> (Sources, partner_center_codegen::Generation) {
    let name = page.file_name().unwrap().to_string_lossy();
    let text = std::fs::read_to_string(page).unwrap();
    let sources = Sources::new(vec![SourceFile::new(format!("{dir}/{name}"), text)]);
    let options = Options { docs_label: dir.to_owned(), layout: Layout::Workspace };
    let generation = generate(&sources, &options);
    (sources, generation)
}

#[test]
fn ok_pages_generate_their_reviewed_modules() {
    for page in pages("ok") {
        let (sources, generation) = run("ok", &page);
        let rendered = diagnostics::render(&generation.diagnostics, &sources, Colors::Never);
        assert!(!generation.has_errors(), "{}:\n{rendered}", page.display());
        let module = generation
            .files
            .iter()
            .find(|f| f.path.starts_with("src/generated/") && !f.path.ends_with("/mod.rs"))
            .expect("a page module");
        expect_file![page.with_extension("rs")].assert_eq(&module.contents);
        let warnings = page.with_extension("txt");
        if !rendered.is_empty() || warnings.exists() {
            expect_file![warnings].assert_eq(&rendered);
        }
    }
}

#[test]
fn err_pages_fail_with_their_reviewed_diagnostics() {
    for page in pages("err") {
        let (sources, generation) = run("err", &page);
        assert!(generation.has_errors(), "{} generated without errors", page.display());
        assert!(generation.files.is_empty(), "errors must stop emission");
        let rendered = diagnostics::render(&generation.diagnostics, &sources, Colors::Never);
        expect_file![page.with_extension("txt")].assert_eq(&rendered);
    }
}
