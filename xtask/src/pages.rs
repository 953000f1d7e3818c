//! Reading the pages of a run: list the docs folder and hand the paths to
//! the library's one rule ([`Sources::select_on_demand`]), which decides
//! what each page is read for; a page's bytes are read when the generator
//! asks for them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use partner_center_codegen::Sources;

use crate::flags::PagesOptions;
use crate::paths::display;

/// The pages' directory: `--docs`, or `docs-src/`.
pub(crate) fn docs_dir(input: &PagesOptions, root: &Path) -> PathBuf {
    input.docs.clone().unwrap_or_else(|| root.join("docs-src"))
}

/// The pages a command over the reference reads: `--docs`, else the
/// directory in `$PC_DOCS_DIR`.
pub(crate) fn reference_docs(input: &PagesOptions) -> Result<PathBuf, String> {
    match (&input.docs, std::env::var_os("PC_DOCS_DIR")) {
        (Some(docs), _) => Ok(docs.clone()),
        (None, Some(dir)) => Ok(dir.into()),
        (None, None) => Err("error: pass --docs DIR or set PC_DOCS_DIR".into()),
    }
}

/// Every page of `dir` (not recursing) and the pages `input.with` names,
/// with their roles: those of `dir` whose file name matches `input.pages`
/// and those of `input.with` become models, the others are read for their
/// JSON examples only. The folder is listed now; each page is read when the
/// generator asks for it, so a run holds one page's text at a time.
pub(crate) fn read_pages(dir: &Path, input: &PagesOptions, root: &Path) -> Result<Sources, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("error: cannot read {}: {e}", dir.display()))?;
    // The path each page is shown as, and where it is.
    let mut found: HashMap<String, PathBuf> = HashMap::new();
    let mut folder = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("error: cannot list {}: {e}", dir.display()))?.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            folder.push(display(&path, root));
            found.insert(display(&path, root), path);
        }
    }
    let mut beside = Vec::new();
    for path in &input.with {
        let unreadable =
            |why: String| format!("error: cannot read the page {} (--with): {why}", path.display());
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => return Err(unreadable("not a file".into())),
            Err(e) => return Err(unreadable(e.to_string())),
        }
        beside.push(display(path, root));
        found.insert(display(path, root), path.clone());
    }
    let load = move |shown: &str| {
        let path = found.get(shown).ok_or_else(|| format!("{shown} was not listed"))?;
        std::fs::read(path).map_err(|e| e.to_string())
    };
    Sources::select_on_demand(folder, beside, input.pages.as_deref(), load)
        .map_err(|e| format!("error: {}: {e}", display(dir, root)))
}

/// The reference's folder for a test that needs it (`PC_DOCS_DIR`); such
/// tests are `#[ignore]`d and run with `--include-ignored`.
#[cfg(test)]
pub(crate) fn reference_for_tests() -> std::ffi::OsString {
    std::env::var_os("PC_DOCS_DIR").unwrap_or_else(|| {
        panic!(
            "this test needs the Partner Center reference: set PC_DOCS_DIR to its folder \
             (../shared/partner-center-docs here; README, \"Testing against the reference\")"
        )
    })
}
