//! Reading a folder of pages, as xtask does: list it and read the bytes;
//! `Sources::select` then decides what each page is read for.

use std::path::Path;

use partner_center_codegen::Page;

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
