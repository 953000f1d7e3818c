//! Reading a docs folder as `cargo xtask codegen` reads it: list it, read
//! each page's bytes, and let the generator library's one rule decide what
//! each page is for and decode its bytes.

use partner_center_codegen::{Page, Sources};

use crate::{Failure, PagesArgs};

/// Every `*.md` page of `dir`, and the pages `pages.with` names, read as
/// `cargo xtask codegen` reads them (the library's one rule decides what
/// each page is for and decodes its bytes).
pub(crate) fn read_pages(args: &PagesArgs) -> Result<Sources, Failure> {
    let dir = args.dir.as_str();
    let entries =
        std::fs::read_dir(dir).map_err(|e| Failure::Usage(format!("cannot read {dir}: {e}")))?;
    let mut folder = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Failure::Usage(format!("cannot list {dir}: {e}")))?.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            let bytes = std::fs::read(&path)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
            folder.push(Page::new(path.to_string_lossy(), bytes));
        }
    }
    let mut beside = Vec::new();
    for path in &args.with {
        let bytes =
            std::fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
        beside.push(Page::new(path.as_str(), bytes));
    }
    Sources::select(folder, beside, Some(&args.pages))
        .map_err(|e| Failure::Usage(format!("{dir}: {e}")))
}
