//! Stage 5, emit: the resolved [`Model`] -> Rust source files.
//!
//! Reads only the model. Each back end is a folder of its own and none
//! imports another: `models/` prints the resources and enums, `operations/`
//! the request builders of the operations. What they
//! share is here and in the leaves beside it: `rust.rs` (the one printer
//! of types), `rustdoc.rs` (docs), `text.rs` (the writer of Rust source),
//! `crate_files.rs` (`Cargo.toml`), and the layout below. The back ends
//! write the text directly, in its final layout (no token stream is built
//! and printed again); every file starts with the `@generated` header.

mod crate_files;
pub(crate) mod models;
pub(crate) mod operations;
pub(crate) mod rust;
pub(crate) mod rustdoc;
pub(crate) mod text;

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
