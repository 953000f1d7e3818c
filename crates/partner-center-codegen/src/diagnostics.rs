//! Problems found in the pages, collected across all stages and rendered
//! together at the end.
//!
//! Stages push into a [`Diagnostics`] collector and carry on, so one run shows
//! every problem at once. Only [`Severity::Error`] stops emission.

use std::fmt;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label};
use codespan_reporting::files::{Error as FileError, Files};
use codespan_reporting::term;
use serde::Serialize;

use crate::source::{FileId, SourceFile, Sources, Span};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Generation went on; the output may be less precise than the page meant.
    Warning,
    /// Nothing is written until the page is fixed.
    Error,
}

/// Every kind of problem the generator reports, each with a stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    /// A property table lacks a column the generator needs.
    MissingColumn,
    /// A type cell holds a word that is no known type.
    UnknownType,
    /// A property or value cell is empty or yields no identifier.
    InvalidName,
    /// A table row has more or fewer cells than its header.
    RowCells,
    /// YAML front matter that opens with `---` and never closes.
    FrontMatter,
    /// A page read on demand that could not be read when a stage asked.
    UnreadablePage,
    /// Text that is UTF-8 read as Windows-1252, repaired.
    Mojibake,
    /// A link to a page or anchor that does not exist.
    BrokenLink,
    /// A type reference that names no resource; the field holds any JSON.
    UnresolvedType,
    /// The same property listed twice in one table.
    DuplicateProperty,
    /// Two items or fields wanted the same Rust name; one was renamed.
    NameClash,
    /// A Length (min, max) cell that cannot be read.
    InvalidConstraint,
    /// A JSON example contradicts a table; the field's type follows the example.
    ExampleContradicts,
    /// A heading named like a resource with no table under it.
    HeadingWithoutTable,
    /// Bytes that are not UTF-8, repaired as Windows-1252.
    InvalidUtf8,
    /// A request URI with a defect that was repaired (`//`, a stray `>`,
    /// two `?`).
    MalformedUri,
    /// A `Method | Request URI` row that gives no operation.
    OperationSkipped,
    /// A path parameter without a row in the parameter table.
    UndocumentedParameter,
    /// A request example that disagrees with its page's table.
    ExampleDisagrees,
    /// The examples spell a member in another letter case than its table:
    /// their spelling became the wire name (or, spelled two ways, did not).
    WireNameFromExamples,
    /// A link whose text names one resource and whose anchor another; the
    /// anchor is followed.
    LinkTextDisagrees,
}

impl Code {
    /// The code printed in brackets, e.g. `E0102`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MissingColumn => "E0101",
            Code::UnknownType => "E0102",
            Code::InvalidName => "E0103",
            Code::RowCells => "E0104",
            Code::FrontMatter => "E0105",
            Code::UnreadablePage => "E0106",
            Code::Mojibake => "W0201",
            Code::BrokenLink => "W0202",
            Code::UnresolvedType => "W0203",
            Code::DuplicateProperty => "W0204",
            Code::NameClash => "W0205",
            Code::InvalidConstraint => "W0206",
            Code::ExampleContradicts => "W0207",
            Code::HeadingWithoutTable => "W0208",
            Code::InvalidUtf8 => "W0209",
            Code::MalformedUri => "W0210",
            Code::OperationSkipped => "W0211",
            Code::UndocumentedParameter => "W0212",
            Code::ExampleDisagrees => "W0213",
            Code::WireNameFromExamples => "W0214",
            Code::LinkTextDisagrees => "W0215",
        }
    }

    /// The code written `text` (e.g. `W0201`), if there is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|code| code.as_str().eq_ignore_ascii_case(text))
    }

    /// Every code, errors first, in code order.
    pub const ALL: [Code; 21] = [
        Code::MissingColumn,
        Code::UnknownType,
        Code::InvalidName,
        Code::RowCells,
        Code::FrontMatter,
        Code::UnreadablePage,
        Code::Mojibake,
        Code::BrokenLink,
        Code::UnresolvedType,
        Code::DuplicateProperty,
        Code::NameClash,
        Code::InvalidConstraint,
        Code::ExampleContradicts,
        Code::HeadingWithoutTable,
        Code::InvalidUtf8,
        Code::MalformedUri,
        Code::OperationSkipped,
        Code::UndocumentedParameter,
        Code::ExampleDisagrees,
        Code::WireNameFromExamples,
        Code::LinkTextDisagrees,
    ];

    /// The severity every problem of this kind has.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('E') { Severity::Error } else { Severity::Warning }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, located in a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of problem.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// A short text shown under the underlined source.
    pub label: String,
    /// Other places that matter, each with a short text (the other
    /// definition of a clashing name).
    pub related: Vec<Related>,
    /// Further lines: what else is worth knowing (`note: ...`).
    pub notes: Vec<String>,
    /// What to do about it; every diagnostic has one.
    pub help: String,
}

/// Another place a diagnostic points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// A short text shown under it.
    pub label: String,
}

impl Diagnostic {
    /// Adds another place that matters, shown with its own `file:line`.
    pub fn also(&mut self, span: Span, label: impl Into<String>) -> &mut Self {
        self.related.push(Related { span, label: label.into() });
        self
    }

    /// How bad the problem is (given by its code).
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Adds a note line (`note: ...`).
    pub fn note(&mut self, note: impl Into<String>) -> &mut Self {
        self.notes.push(note.into());
        self
    }
}

/// The collector every stage pushes into.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem and returns it for adding notes. `help` says what
    /// to do about it.
    pub fn push(
        &mut self,
        code: Code,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Diagnostic {
        self.list.push(Diagnostic {
            code,
            message: message.into(),
            span,
            label: label.into(),
            related: Vec::new(),
            notes: Vec::new(),
            help: help.into(),
        });
        self.list.last_mut().expect("just pushed")
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity() == Severity::Error)
    }

    /// The problems in a stable order: by file, then position, then code.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
        self.list.dedup();
        self.list
    }
}

/// Whether rendered diagnostics carry terminal colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colors {
    /// Plain text, for files, tests and pipes.
    Never,
    /// ANSI escape codes, for a terminal.
    Ansi,
}

/// Renders diagnostics as rustc-style text: code, message, `file:line:col`
/// and the source line with the span underlined; then a summary line.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, colors: Colors) -> String {
    let config = term::Config::default();
    let mut out = Vec::new();
    for d in diagnostics {
        let files = Pages::of(d, sources);
        let head = match d.severity() {
            Severity::Error => Rendered::error(),
            Severity::Warning => Rendered::warning(),
        };
        let rendered = head
            .with_code(d.code.as_str())
            .with_message(&d.message)
            .with_labels(
                std::iter::once(Label::primary(d.span.file, d.span.range()).with_message(&d.label))
                    .chain(d.related.iter().map(|r| {
                        Label::secondary(r.span.file, r.span.range()).with_message(&r.label)
                    }))
                    .collect(),
            )
            .with_notes(d.notes.iter().cloned().chain([format!("help: {}", d.help)]).collect());
        let result = match colors {
            Colors::Never => term::emit_to_io_write(&mut out, &config, &files, &rendered),
            Colors::Ansi => {
                let styles = term::Styles::default();
                let mut writer =
                    term::StylesWriter::new(term::termcolor::Ansi::new(&mut out), &styles);
                term::emit_to_write_style(&mut writer, &config, &files, &rendered)
            }
        };
        if result.is_err() {
            // The page is no longer what it was when it was read (changed or
            // gone while the run read it on demand): no snippet to show.
            let (line, column) = sources.get(d.span.file).line_col(d.span.start as usize);
            let path = sources.path(d.span.file);
            let severity = match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let head = format!("{severity}[{}]: {}", d.code.as_str(), d.message);
            out.extend(format!("{head}\n  --> {path}:{line}:{column}\n\n").bytes());
        }
    }
    let mut text = String::from_utf8(out).expect("codespan writes UTF-8");
    let errors = diagnostics.iter().filter(|d| d.severity() == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    if !diagnostics.is_empty() {
        text.push_str(&format!("{}, {}\n", plural(errors, "error"), plural(warnings, "warning")));
    }
    text
}

/// The pages one diagnostic points into, as codespan reads them, with the
/// line index each page already keeps (codespan's own `SimpleFiles` copies
/// and indexes each page). Lines are as `SimpleFiles` makes them: a line
/// ends after its `\n`. Only these pages are held while it is rendered.
struct Pages(Vec<(FileId, Arc<SourceFile>)>);

impl Pages {
    fn of(diagnostic: &Diagnostic, sources: &Sources) -> Self {
        let mut pages: Vec<(FileId, Arc<SourceFile>)> = Vec::new();
        let files = std::iter::once(diagnostic.span.file)
            .chain(diagnostic.related.iter().map(|r| r.span.file));
        for file in files {
            if !pages.iter().any(|(id, _)| *id == file) {
                pages.push((file, sources.get(file)));
            }
        }
        Pages(pages)
    }

    fn page(&self, file: FileId) -> Result<&SourceFile, FileError> {
        self.0
            .iter()
            .find(|(id, _)| *id == file)
            .map(|(_, page)| &**page)
            .ok_or(FileError::FileMissing)
    }

    /// Where line `line` (0-based) of `file` starts; the end of the text for
    /// the line after the last.
    fn line_start(&self, file: FileId, line: usize) -> Result<usize, FileError> {
        let page = self.page(file)?;
        let starts = page.line_starts();
        match line.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[line]),
            std::cmp::Ordering::Equal => Ok(page.text.len()),
            std::cmp::Ordering::Greater => {
                Err(FileError::LineTooLarge { given: line, max: starts.len() - 1 })
            }
        }
    }
}

impl<'s> Files<'s> for Pages {
    type FileId = FileId;
    type Name = &'s str;
    type Source = &'s str;

    fn name(&'s self, file: FileId) -> Result<&'s str, FileError> {
        Ok(&self.page(file)?.path)
    }

    fn source(&'s self, file: FileId) -> Result<&'s str, FileError> {
        Ok(&self.page(file)?.text)
    }

    fn line_index(&'s self, file: FileId, byte_index: usize) -> Result<usize, FileError> {
        Ok(self.page(file)?.line_index(byte_index))
    }

    fn line_range(
        &'s self,
        file: FileId,
        line: usize,
    ) -> Result<std::ops::Range<usize>, FileError> {
        Ok(self.line_start(file, line)?..self.line_start(file, line + 1)?)
    }
}

/// Renders diagnostics as JSON lines, one object per diagnostic, for
/// editors and CI annotations: `code`, `severity`, `message`, `file`,
/// `line`, `column`, `end_line`, `end_column` (1-based, columns in
/// characters), `label`, `notes` and `help`.
pub fn render_json(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut text = String::new();
    for d in diagnostics {
        let file = sources.get(d.span.file);
        let (line, column) = file.line_col(d.span.start as usize);
        let (end_line, end_column) = file.line_col(d.span.end as usize);
        let related: Vec<serde_json::Value> = d
            .related
            .iter()
            .map(|r| {
                let file = sources.get(r.span.file);
                let (line, column) = file.line_col(r.span.start as usize);
                serde_json::json!({"file": file.path, "line": line, "column": column, "label": r.label})
            })
            .collect();
        let object = serde_json::json!({
            "code": d.code.as_str(),
            "severity": d.severity(),
            "message": d.message,
            "file": file.path,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "label": d.label,
            "related": related,
            "notes": d.notes,
            "help": d.help,
        });
        text.push_str(&object.to_string());
        text.push('\n');
    }
    text
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile};

    #[test]
    fn json_lines_carry_the_position_and_the_help() {
        let sources = Sources::new(vec![SourceFile::new("p.md", "# T\n\n| x | strnig |\n")]);
        let mut diagnostics = Diagnostics::default();
        diagnostics
            .push(
                Code::UnknownType,
                Span::new(FileId(0), 11..17),
                "unknown type `strnig` for `x`",
                "not a type",
                "did you mean `string`?",
            )
            .also(Span::new(FileId(0), 0..3), "the page");
        let json = render_json(&diagnostics.into_sorted(), &sources);
        assert_eq!(json.lines().count(), 1);
        let value: serde_json::Value = serde_json::from_str(json.trim_end()).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "code": "E0102", "severity": "error",
                "message": "unknown type `strnig` for `x`",
                "file": "p.md", "line": 3, "column": 7, "end_line": 3, "end_column": 13,
                "label": "not a type", "notes": [], "help": "did you mean `string`?",
                "related": [{"file": "p.md", "line": 1, "column": 1, "label": "the page"}],
            })
        );
    }
}
