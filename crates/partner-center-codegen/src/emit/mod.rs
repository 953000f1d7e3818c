//! Stage 5, emit: the resolved [`Model`] -> Rust source files.
//!
//! Reads only the model. Each back end is a folder of its own and none
//! imports another: `models/` prints the resources and enums, `operations/`
//! the request builders of the operations. What they
//! share is here and in the leaves beside it: `rust.rs` (the one printer
//! of types), `rustdoc.rs` (docs), `crate_files.rs` (`Cargo.toml`), and the
//! layout below. Tokens come from `quote`, layout from `prettyplease`; every
//! file starts with the `@generated` header.

mod crate_files;
pub(crate) mod models;
pub(crate) mod operations;
pub(crate) mod rust;
pub(crate) mod rustdoc;
pub(crate) mod text;

use proc_macro2::TokenStream;

pub(crate) use crate_files::standalone_workspace;
pub use crate_files::{Dependency, Layout, Options};

/// A file to write, relative to the generated crate's root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path with `/` separators, e.g. `src/generated/customer.rs`.
    pub path: String,
    /// Full contents.
    pub contents: String,
}

/// Directory of the generated modules inside each crate.
pub const GENERATED_DIR: &str = "src/generated";

impl GeneratedFile {
    /// The same file under the directory `dir`.
    pub(crate) fn under(self, dir: &str) -> GeneratedFile {
        GeneratedFile { path: format!("{dir}/{}", self.path), contents: self.contents }
    }
}

/// Lays out chunks of items, a blank line between chunks.
pub(crate) fn format(chunks: impl IntoIterator<Item = TokenStream>) -> String {
    let formatted: Vec<String> = chunks
        .into_iter()
        .map(|tokens| {
            let file: syn::File = syn::parse2(tokens).expect("emit produces valid Rust");
            space_items(&prettyplease::unparse(&file))
        })
        .collect();
    formatted.join("\n")
}

/// prettyplease puts items right after each other; hand-written code has a
/// blank line between items (and between methods), except between `use`
/// declarations, and after the module docs.
fn space_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "fn ", "impl", "const ", "static ", "struct ", "enum ", "type ",
        "use ",
    ];
    const ONE_LINE_ITEMS: &[&str] = &["const ", "static ", "type ", "use ", "pub use "];
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    let mut in_uses = false;
    for line in code.lines() {
        let l = line.trim();
        let starts_item = ITEM_STARTS.iter().any(|s| l.starts_with(s));
        if let Some(prev) = previous {
            let p = prev.trim();
            let ends_item = matches!(p, "}" | "};" | "];")
                || (p.ends_with(';') && ONE_LINE_ITEMS.iter().any(|s| p.starts_with(s)));
            let next_use = l.starts_with("use ") || l.starts_with("pub use ");
            let between_items =
                ends_item && starts_item && indent(prev) == indent(line) && !(in_uses && next_use);
            let after_module_doc = p.starts_with("//!") && !l.starts_with("//!");
            if between_items || after_module_doc {
                out.push('\n');
            }
        }
        if starts_item && !l.starts_with("///") && !l.starts_with("#[") {
            in_uses = l.starts_with("use ") || l.starts_with("pub use ");
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}
