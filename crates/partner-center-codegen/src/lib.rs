//! Typed Rust models from the Partner Center REST reference.
//!
//! The pipeline has five stages, one private module each, with plain data
//! between them; this file is the one place that knows their order:
//!
//! ```text
//! SourceFile ─parse─▶ syntax::Page ─lower─▶ Model ─resolve─▶ Model ─examples─▶ Model ─emit─▶ GeneratedFile
//! (Markdown)         (headings,            (IR, names       (references      (types checked   (Rust files)
//!                     tables, code)         unresolved)      bound)           against JSON)
//! ```
//!
//! After the front end (parse to examples) come the outputs, which read
//! only the model: the models crate (`emit::models`) and its API surface
//! (`model.json`, [`Surface`]).
//!
//! Every stage reports problems into one [`Diagnostics`] collector; the run
//! ends with all of them at once, and any error means no files.
//! The library does no I/O: callers hand in pages, or a loader that reads
//! one when a stage asks ([`Sources::select`] and
//! [`Sources::select_on_demand`] decide what each is read for), and receive
//! files.

mod emit;
mod encoding;
mod examples;
mod header;
mod lower;
mod model;
mod names;
mod parse;
mod resolve;
mod runtime;

pub mod diagnostics;
pub mod report;
pub mod source;
pub mod surface;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

pub use diagnostics::{Code, Colors, Diagnostic, Diagnostics, Related, Severity};
pub use emit::{Dependency, GENERATED_DIR, GeneratedFile, Layout, Options};
pub use examples::{Direction, HttpExample, Replay, ReplayResponse, Replays, TieRule, TiedModel};
pub use header::COMMAND;
pub use model::Model;
pub use parse::markdown_options;
pub use source::{DEFAULT_PAGES, Page, Role, SelectError, SourceFile, Sources};
pub use surface::{SURFACE_FILE, Surface, changes};

/// The outcome of [`generate`].
#[derive(Clone, Debug)]
pub struct Generation {
    /// The files to write, sorted by path; empty when there are errors, and
    /// when [`generate_into`] handed them to a sink instead.
    pub files: Vec<GeneratedFile>,
    /// The path of every file generated, sorted.
    pub paths: Vec<String>,
    /// The resolved model.
    pub model: Model,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The API surface of both crates (models and operations), as the
    /// change report compares it; empty when there are errors.
    pub surface: Surface,
}

impl Generation {
    /// True when an error stopped emission.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }
}

/// A stage of the pipeline, as [`generate_with`] reports its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Markdown -> headings, blocks and table cells.
    Parse,
    /// Tables -> the model's items.
    Lower,
    /// Names bound, made unique, cycles boxed.
    Resolve,
    /// The model checked against the pages' JSON examples.
    Examples,
    /// The model printed as files.
    Emit,
}

impl Stage {
    /// Every stage, in the order they run.
    pub const ALL: [Stage; 5] =
        [Stage::Parse, Stage::Lower, Stage::Resolve, Stage::Examples, Stage::Emit];

    /// Its name in lower case (`parse`).
    pub fn name(self) -> &'static str {
        match self {
            Stage::Parse => "parse",
            Stage::Lower => "lower",
            Stage::Resolve => "resolve",
            Stage::Examples => "examples",
            Stage::Emit => "emit",
        }
    }
}

/// Runs the whole pipeline: the files for the crate `options` describe, or
/// none if there are errors.
pub fn generate(sources: &Sources, options: &Options) -> Generation {
    generate_with(sources, options, &mut |_, _| {})
}

/// [`generate`], telling `on_stage` how long each stage took (for
/// benchmarks).
pub fn generate_with(
    sources: &Sources,
    options: &Options,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> Generation {
    let mut files = Vec::new();
    let mut generation = generate_into(sources, options, on_stage, &mut |file| files.push(file));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    generation.files = files;
    generation
}

/// [`generate_with`], handing each file to `sink` as soon as it is printed
/// instead of collecting them (in an order that is the same on every run):
/// a run then holds one generated file at a time. No file comes when there
/// are errors; errors are all known before the first file.
pub fn generate_into(
    sources: &Sources,
    options: &Options,
    on_stage: &mut dyn FnMut(Stage, Duration),
    sink: &mut dyn FnMut(GeneratedFile),
) -> Generation {
    let mut diagnostics = Diagnostics::default();
    let (pages, model) = front_end(sources, &options.kept_names, &mut diagnostics, on_stage);
    drop(pages);
    let mut paths = Vec::new();
    let surface = if diagnostics.has_errors() {
        Surface::default()
    } else {
        let mut sink = |file: GeneratedFile| {
            paths.push(file.path.clone());
            sink(file);
        };
        timed(Stage::Emit, on_stage, || outputs(&model, options, &mut sink))
    };
    paths.sort();
    Generation { files: Vec::new(), paths, model, diagnostics: diagnostics.into_sorted(), surface }
}

/// Parses, lowers and resolves the pages into the model and checks it
/// against their examples, collecting diagnostics: all of [`generate`] but
/// emission.
pub fn build_model(sources: &Sources, diagnostics: &mut Diagnostics) -> Model {
    front_end(sources, &BTreeSet::new(), diagnostics, &mut |_, _| {}).1
}

/// Every HTTP example body of the pages, each tied to its model (or with
/// the reason it could not be), by the model the pages generate; and the
/// diagnostics of building that model.
pub fn examples(sources: &Sources) -> (Vec<HttpExample>, Vec<Diagnostic>) {
    let mut diagnostics = Diagnostics::default();
    let (pages, model) = front_end(sources, &BTreeSet::new(), &mut diagnostics, &mut |_, _| {});
    (examples::http_examples(&pages, &model, sources), diagnostics.into_sorted())
}

/// What the replay check sends and answers for each operation of the
/// pages: its first request example that agrees with its table, read into
/// arguments, and the 2xx response shown after it.
pub fn replays(sources: &Sources) -> Replays {
    let mut diagnostics = Diagnostics::default();
    let (pages, model) = front_end(sources, &BTreeSet::new(), &mut diagnostics, &mut |_, _| {});
    examples::replays(&pages, &model, sources)
}

/// The stages before the outputs, in order.
fn front_end(
    sources: &Sources,
    kept_names: &BTreeSet<(String, String)>,
    diagnostics: &mut Diagnostics,
    on_stage: &mut dyn FnMut(Stage, Duration),
) -> (Vec<parse::syntax::Page<'static>>, Model) {
    // A page at a time: parsed, lowered, then cut down to what the
    // examples stage reads, so that the syntax of all pages is never held.
    let (mut parse_time, mut lower_time) = (Duration::ZERO, Duration::ZERO);
    let mut lowering = lower::Lowering::new(sources);
    let pages: Vec<_> = sources
        .iter()
        .map(|(id, _)| {
            // Read on demand, a page's text is let go of once it is lowered.
            let file = sources.get(id);
            let start = Instant::now();
            let mut page = parse::parse_page(id, &file);
            let parsed = Instant::now();
            lowering.page(&page, &file, diagnostics);
            examples::keep_what_is_read(&mut page);
            let page = page.into_owned();
            (parse_time, lower_time) =
                (parse_time + (parsed - start), lower_time + parsed.elapsed());
            page
        })
        .collect();
    on_stage(Stage::Parse, parse_time);
    on_stage(Stage::Lower, lower_time);
    let mut model = lowering.finish();
    timed(Stage::Resolve, on_stage, || resolve::resolve(&mut model, kept_names, diagnostics));
    timed(Stage::Examples, on_stage, || {
        examples::cross_check(&mut model, &pages, sources, diagnostics);
        // Boxing comes last: the examples may have changed a field's type.
        resolve::break_cycles(&mut model);
    });
    // A page read on demand that went missing or changed: the run fails.
    for (file, why) in sources.failures() {
        diagnostics.push(
            Code::UnreadablePage,
            source::Span::new(file, 0..0),
            format!("cannot read this page: {why}"),
            "listed, then not readable",
            "run again once the docs folder is stable",
        );
    }
    (pages, model)
}

/// Every output of a model without errors, handed to `sink`: the models
/// crate with its API surface, and the operations crate when the pages
/// document operations (paths below the layout's folders). What is rendered
/// for one crate is let go of before the next.
fn outputs(model: &Model, options: &Options, sink: &mut dyn FnMut(GeneratedFile)) -> Surface {
    let layout = &options.layout;
    let (models_dir, client_dir) = (layout.models_dir(), layout.client_dir());
    // Each doc is rendered once, for the code and for the surface.
    let docs = emit::rustdoc::ModelDocs::of(model);
    let mut models = |file: GeneratedFile| sink(file.under(models_dir));
    emit::models::emit(model, &docs, options, &mut models);
    let types = Surface::of_documented(model, &docs);
    drop(docs);
    models(types.file());
    let docs = emit::rustdoc::OperationDocs::of(model);
    let mut operations = |file: GeneratedFile| sink(file.under(client_dir));
    let any_operations = emit::operations::emit(model, &docs, options, &mut operations);
    let operations_surface = Surface::operations_documented(model, &docs);
    drop(docs);
    if any_operations {
        operations(operations_surface.file());
    }
    let mut members = vec![models_dir];
    if any_operations {
        members.push(client_dir);
    }
    if let Layout::Standalone { .. } = layout {
        sink(emit::standalone_workspace(options, &members));
    }
    Surface { operations: operations_surface.operations, ..types }
}

impl Generation {
    /// The folders (relative to the output) that hold only generated
    /// modules: a module there that this run did not write is stale.
    pub fn generated_dirs(&self, layout: &Layout) -> Vec<String> {
        [layout.models_dir(), layout.client_dir()]
            .into_iter()
            .map(|dir| format!("{dir}/{GENERATED_DIR}"))
            .filter(|dir| self.paths.iter().any(|path| path.starts_with(dir.as_str())))
            .collect()
    }
}

fn timed<T>(stage: Stage, on_stage: &mut dyn FnMut(Stage, Duration), run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = run();
    on_stage(stage, start.elapsed());
    result
}
