//! Fixture tests: each page in `fixtures/ok/` generates the Rust module in
//! the `.rs` file beside it (and, if it draws warnings, the `.txt` beside
//! it); each page in `fixtures/err/` fails with the diagnostics in its
//! `.txt`. A fixture can also be a folder of pages generated together
//! (`name/` beside `name.rs` / `name.txt`). Pages are read as bytes, so a
//! fixture can hold a BOM, CRLF line ends or bytes that are not UTF-8.
//! The expected files are reviewed by hand; regenerate them with
//! `UPDATE_EXPECT=1 cargo test -p partner-center-codegen --test fixtures`.

mod common;

use common::{fixtures, run};
use expect_test::expect_file;
use partner_center_codegen::{Colors, Layout, diagnostics};

/// The page modules a run generated: one module as it is, several each
/// under a `// ---- path ----` line.
fn page_modules(generation: &partner_center_codegen::Generation) -> String {
    let modules: Vec<_> = generation
        .files
        .iter()
        .filter(|f| f.path.contains("/src/generated/") && !f.path.ends_with("/mod.rs"))
        .collect();
    assert!(!modules.is_empty(), "no page module");
    if let [module] = modules.as_slice() {
        return module.contents.clone();
    }
    let shown =
        |path: &str| path.rsplit_once("/src/").map_or(path.to_owned(), |(_, p)| format!("src/{p}"));
    modules.iter().map(|m| format!("// ---- {} ----\n{}", shown(&m.path), m.contents)).collect()
}

#[test]
fn ok_pages_generate_their_reviewed_modules() {
    for page in fixtures("ok") {
        let (sources, generation) = run("ok", &page, Layout::Workspace);
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
        let (sources, generation) = run("err", &page, Layout::Workspace);
        assert!(generation.has_errors(), "{} generated without errors", page.display());
        assert!(generation.files.is_empty(), "errors must stop emission");
        let rendered = diagnostics::render(&generation.diagnostics, &sources, Colors::Never);
        expect_file![page.with_extension("txt")].assert_eq(&rendered);
    }
}
