//! Typed Rust models from the Partner Center REST reference.
//!
//! The pipeline has five stages, one module each, with plain data between
//! them:
//!
//! ```text
//! SourceFile ─parse─▶ syntax::Page ─lower─▶ Model ─resolve─▶ Model ─examples─▶ Model ─emit─▶ GeneratedFile
//! (Markdown)         (headings,            (IR, names       (references      (types checked   (Rust files)
//!                     tables, code)         unresolved)      bound)           against JSON)
//! ```
//!
//! Every stage reports problems into one [`Diagnostics`] collector; the run
//! ends with all of them at once, and any error means no files.
//! The library does no I/O: callers hand in pages and receive files.

pub mod api;
pub mod changes;
pub mod diagnostics;
pub mod emit;
pub mod encoding;
pub mod examples;
pub mod lower;
pub mod model;
pub mod names;
pub mod parse;
pub mod report;
pub mod resolve;
pub mod source;

pub use diagnostics::{Code, Colors, Diagnostic, Diagnostics, Severity};
pub use emit::{GeneratedFile, Layout, Options};
pub use examples::tie::object_type;
pub use examples::{Direction, HttpExample, Shape, TieRule, TiedModel, http_examples};
pub use model::Model;
pub use source::{DEFAULT_PAGES, Role, SourceFile, Sources, glob_match};

/// The outcome of [`generate`].
#[derive(Clone, Debug)]
pub struct Generation {
    /// The files to write; empty when there are errors.
    pub files: Vec<GeneratedFile>,
    /// The resolved model.
    pub model: Model,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Generation {
    /// True when an error stopped emission.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }
}

/// Parses, lowers and resolves the pages into the model, collecting
/// diagnostics. This is all of [`generate`] but emission.
pub fn build_model(sources: &Sources, diagnostics: &mut Diagnostics) -> Model {
    parse_and_build(sources, diagnostics).1
}

/// [`build_model`], keeping the parsed pages too.
pub(crate) fn parse_and_build(
    sources: &Sources,
    diagnostics: &mut Diagnostics,
) -> (Vec<parse::syntax::Page>, Model) {
    let pages: Vec<_> = sources.iter().map(|(id, file)| parse::parse_page(id, file)).collect();
    let mut model = lower::lower(sources, &pages, diagnostics);
    resolve::resolve(&mut model, diagnostics);
    examples::cross_check(&mut model, &pages, sources, diagnostics);
    (pages, model)
}

/// Runs the whole pipeline: the files for the crate `options` describe, or
/// none if there are errors.
pub fn generate(sources: &Sources, options: &Options) -> Generation {
    let mut diagnostics = Diagnostics::default();
    let model = build_model(sources, &mut diagnostics);
    let files = if diagnostics.has_errors() { Vec::new() } else { emit::emit(&model, options) };
    Generation { files, model, diagnostics: diagnostics.into_sorted() }
}
