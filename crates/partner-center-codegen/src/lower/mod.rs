//! Stage 2, lower: [`syntax::Page`]s -> the [`Model`] (IR), type references
//! still unresolved.
//!
//! Here a table gets its meaning. On a resource page, a section (heading)
//! whose tables have a Property/Name/Field column and a Type column is a
//! resource: one struct, one field per row; a section with a Value column
//! is a set of values: an enum; a string property whose description lists
//! values in backticks gets an enum of its own (`resources.rs`). On another
//! page, each row of a `Method | Request URI` table is an operation, with
//! the parameters, body and response the page describes (`operations.rs`).

mod doc;
pub(crate) mod enums;
pub(crate) mod mojibake;
mod operations;
mod resources;
mod tables;
pub(crate) mod types;

use crate::diagnostics::{Code, Diagnostics};
use crate::model::{Model, OperationPageId, Page, PageId};
use crate::names;
use crate::parse::syntax;
use crate::source::{FileId, Role, SourceFile, Sources, Span};
use doc::DocLowering;
use resources::PageLowering;

/// Lowers parsed pages into the model one page at a time, so that a page's
/// syntax can be let go of as soon as it is lowered.
pub(crate) struct Lowering<'s> {
    sources: &'s Sources,
    model: Model,
}

impl<'s> Lowering<'s> {
    /// An empty model for the pages of `sources`.
    pub(crate) fn new(sources: &'s Sources) -> Self {
        Self { sources, model: Model::default() }
    }

    /// Lowers one page, parsed from `source`: its items, or its
    /// operations. Pages come in [`Sources`] order. Bytes that were not
    /// UTF-8 are reported here.
    pub(crate) fn page(
        &mut self,
        page: &syntax::Page<'_>,
        source: &SourceFile,
        diagnostics: &mut Diagnostics,
    ) {
        let sources = self.sources;
        let model = &mut self.model;
        report_repaired_bytes(page.file, source, diagnostics);
        match source.role {
            Role::Resources => {
                check_front_matter(page, source, diagnostics);
                let mut lowering = PageLowering {
                    page: PageId(model.pages.len() as u32),
                    docs: DocLowering { sources, diagnostics },
                    items: &mut model.items,
                    module: names::module_name(source.file_name()),
                    tables: 0,
                    skipped: Vec::new(),
                };
                let doc = lowering.docs.blocks(&page.intro);
                for section in &page.sections {
                    lowering.section(section);
                }
                let (resource_tables, skipped_tables, module) =
                    (lowering.tables, lowering.skipped, lowering.module);
                model.pages.push(Page {
                    path: source.path.clone(),
                    file_name: source.file_name().to_owned(),
                    module,
                    title: page.title.clone().unwrap_or_else(|| source.file_name().to_owned()),
                    doc,
                    depends_on: Vec::new(),
                    resource_tables,
                    skipped_tables,
                });
            }
            Role::Examples => {
                let mut docs = DocLowering { sources, diagnostics };
                let id = OperationPageId(model.operation_pages.len() as u32);
                if let Some(page) =
                    operations::lower_page(id, page, source, &mut docs, &mut model.operations)
                {
                    model.operation_pages.push(page);
                }
            }
        }
    }

    /// The model of every page lowered.
    pub(crate) fn finish(self) -> Model {
        self.model
    }
}

/// W0209 for each run of bytes that was not UTF-8.
fn report_repaired_bytes(file: FileId, source: &SourceFile, diagnostics: &mut Diagnostics) {
    for repair in &source.repaired {
        let range = &repair.range;
        let hex: Vec<String> = repair.bytes.iter().map(|b| format!("{b:#04x}")).collect();
        diagnostics.push(
            Code::InvalidUtf8,
            Span::new(file, range.clone()),
            format!(
                "bytes {} are not UTF-8; read as Windows-1252 `{}`",
                hex.join(" "),
                &source.text[range.clone()]
            ),
            "not UTF-8",
            "save the page as UTF-8",
        );
    }
}

/// E0105 when front matter opens with `---` and never closes: Markdown
/// would then read the whole page as one block of front matter or worse.
fn check_front_matter(page: &syntax::Page<'_>, source: &SourceFile, diagnostics: &mut Diagnostics) {
    let text = source.text.trim_start_matches('\u{FEFF}');
    let start = source.text.len() - text.len();
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return;
    }
    let closed = lines.any(|l| matches!(l.trim_end(), "---" | "..."));
    if !closed {
        diagnostics.push(
            Code::FrontMatter,
            Span::new(page.file, start..start + 3),
            "the front matter is never closed",
            "front matter opens here",
            "end the front matter with a line `---` before the page's first heading",
        );
    }
}
