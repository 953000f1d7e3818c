//! Reading pages as xtask does (list a folder and read the bytes;
//! `Sources::select` then decides what each page is read for), and the
//! fixtures in `tests/fixtures/{ok,err}`.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::path::{Path, PathBuf};

use partner_center_codegen::{Generation, Layout, Options, Page, Sources, generate};

/// Every file of `dir` (not recursing), shown as `shown/NAME`.
pub(crate) fn folder(dir: &Path, shown: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            Page::new(format!("{shown}/{name}"), std::fs::read(&p).unwrap())
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

/// The fixtures of `dir` (`ok` or `err`): `.md` pages and folders of pages.
pub(crate) fn fixtures(dir: &str) -> Vec<PathBuf> {
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
/// `err/folder/page.md`, into a crate laid out as `layout` says.
pub(crate) fn run(dir: &str, fixture: &Path, layout: Layout) -> (Sources, Generation) {
    let name = fixture.file_name().unwrap().to_string_lossy();
    let pages = if fixture.is_dir() {
        folder(fixture, &format!("{dir}/{name}"))
    } else {
        vec![Page::new(format!("{dir}/{name}"), std::fs::read(fixture).unwrap())]
    };
    // Every page of a fixture is a resource page, whatever its name.
    let sources = Sources::select(pages, Vec::new(), Some("*.md")).expect("a fixture has pages");
    let options = Options::new(dir.to_owned(), layout);
    let generation = generate(&sources, &options);
    (sources, generation)
}

/// The target directory of this build: `CARGO_TARGET_DIR`, else the
/// workspace's `target/`.
pub(crate) fn target_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace.join(dir),
        _ => workspace.join("target"),
    }
}

/// The folder of the Partner Center reference, from `PC_DOCS_DIR`; the
/// tests that call this are `#[ignore]`d, and run with `--include-ignored`.
#[allow(dead_code)]
pub(crate) fn reference_dir() -> std::path::PathBuf {
    match std::env::var_os("PC_DOCS_DIR") {
        Some(dir) => dir.into(),
        None => panic!(
            "this test needs the Partner Center reference: set PC_DOCS_DIR to its folder \
             (../shared/partner-center-docs here; README, \"Testing against the reference\")"
        ),
    }
}
