//! Fixture tests: each page in `fixtures/ok/` generates the Rust module in
//! the `.rs` file beside it (and, if it draws warnings, the `.txt` beside
//! it); each page in `fixtures/err/` fails with the diagnostics in its
//! `.txt`. A fixture can also be a folder of pages generated together
//! (`name/` beside `name.rs` / `name.txt`). Pages are read as bytes, so a
//! fixture can hold a BOM, CRLF line ends or bytes that are not UTF-8.
//! The expected files are reviewed by hand; regenerate them with
//! `UPDATE_EXPECT=1 cargo test -p partner-center-codegen --test fixtures`.

mod common;

use std::path::{Path, PathBuf};

use expect_test::expect_file;
use partner_center_codegen::{Colors, Layout, Options, Page, Sources, diagnostics, generate};

/// The fixtures of `dir`: `.md` pages and folders of pages.
fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "md"))
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty(), "no fixtures in {}", dir.display());
    fixtures
}

/// Generates from one fixture, its pages shown as `ok/name.md` or
/// `err/folder/page.md`.
fn run(dir: &str, fixture: &Path) -> (Sources, partner_center_codegen::Generation) {
    let name = fixture.file_name().unwrap().to_string_lossy();
    let pages = if fixture.is_dir() {
        common::folder(fixture, &format!("{dir}/{name}"))
    } else {
        vec![Page::new(format!("{dir}/{name}"), std::fs::read(fixture).unwrap())]
    };
    // Every page of a fixture is a resource page, whatever its name.
    let sources = Sources::select(pages, Vec::new(), Some("*.md")).expect("a fixture has pages");
    let options = Options { docs_label: dir.to_owned(), layout: Layout::Workspace };
    let generation = generate(&sources, &options);
    (sources, generation)
}

/// The page modules a run generated: one module as it is, several each
/// under a `// ---- path ----` line.
fn page_modules(generation: &partner_center_codegen::Generation) -> String {
    let modules: Vec<_> = generation
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/generated/") && !f.path.ends_with("/mod.rs"))
        .collect();
    assert!(!modules.is_empty(), "no page module");
    if let [module] = modules.as_slice() {
        return module.contents.clone();
    }
    modules.iter().map(|m| format!("// ---- {} ----\n{}", m.path, m.contents)).collect()
}

#[test]
fn ok_pages_generate_their_reviewed_modules() {
    for page in fixtures("ok") {
        let (sources, generation) = run("ok", &page);
        let rendered = diagnostics::render(&generation.diagnostics, &sources, Colors::Never);
        assert!(!generation.has_errors(), "{}:\n{rendered}", page.display());
        expect_file![page.with_extension("rs")].assert_eq(&page_modules(&generation));
        let warnings = page.with_extension("txt");
        if !rendered.is_empty() || warnings.exists() {
            expect_file![warnings].assert_eq(&rendered);
        }
    }
}

#[test]
fn err_pages_fail_with_their_reviewed_diagnostics() {
    for page in fixtures("err") {
        let (sources, generation) = run("err", &page);
        assert!(generation.has_errors(), "{} generated without errors", page.display());
        assert!(generation.files.is_empty(), "errors must stop emission");
        let rendered = diagnostics::render(&generation.diagnostics, &sources, Colors::Never);
        expect_file![page.with_extension("txt")].assert_eq(&rendered);
    }
}
