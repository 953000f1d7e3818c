//! What a section and its tables are: the columns of a property or value
//! table, tables that describe the HTTP request instead, and headings that
//! look like resources.

use crate::parse::syntax::{Cell, Row, Table};
use crate::source::{FileId, Span};

/// True for a heading over URI parameters, request headers or request
/// syntax: its tables describe the HTTP request, not a JSON resource.
pub(super) fn describes_http_request(title: &str) -> bool {
    const WORDS: &[&str] = &["parameter", "parameters", "header", "headers", "syntax"];
    title.split(|c: char| !c.is_alphanumeric()).any(|w| WORDS.contains(&w.to_lowercase().as_str()))
}

/// True for a heading that is one identifier in camel case
/// (`CustomerBillingProfile`), as resource headings are.
pub(super) fn looks_like_a_resource(title: &str) -> bool {
    let camel_hump =
        title.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    title.starts_with(|c: char| c.is_ascii_uppercase())
        && title.chars().all(|c| c.is_ascii_alphanumeric())
        && camel_hump
}

/// The number of cells a table row has in its source: pipes outside code
/// spans and not escaped, less the outer ones.
pub(super) fn source_cells(row: &str) -> usize {
    let row = row.trim();
    let mut cells = 1;
    let has = |wanted: u8| row.bytes().fold(false, |found, b| found | (b == wanted));
    if !has(b'\\') && !has(b'`') {
        // Most rows: every pipe counts (counted in a vector loop).
        cells += row.bytes().filter(|&b| b == b'|').count();
    } else {
        let mut in_code = false;
        let mut escaped = false;
        for c in row.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '`' => in_code = !in_code,
                '|' if !in_code => cells += 1,
                _ => {}
            }
        }
    }
    cells
        - usize::from(row.starts_with('|'))
        - usize::from(row.ends_with('|') && !row.ends_with("\\|") && row.len() > 1)
}

/// Which column holds what in a property table.
pub(super) struct PropertyColumns {
    pub(super) name: usize,
    pub(super) ty: usize,
    pub(super) description: Option<usize>,
    pub(super) required: Option<usize>,
    pub(super) length: Option<usize>,
}

/// Which column holds what in a value table.
pub(super) struct ValueColumns {
    pub(super) value: usize,
    pub(super) description: Option<usize>,
}

/// What a table is.
pub(super) enum TableKind {
    Properties(PropertyColumns),
    Values(ValueColumns),
    /// A Property or Field column but no Type column.
    NoTypeColumn,
    /// Type and Description columns, but no Property, Name or Field column.
    NoNameColumn,
    /// Not a table of properties or values (HTTP methods, error codes, ...).
    Unrelated,
}

pub(super) fn classify(table: &Table<'_>) -> TableKind {
    let headers: Vec<String> = table
        .header
        .iter()
        .map(|c| c.plain_text().trim_matches(['*', ' ']).to_lowercase())
        .collect();
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let description = find(&["description", "details"]);
    let first = headers.first().map(String::as_str).unwrap_or_default();
    if matches!(first, "property" | "name" | "field" | "property name" | "field name") {
        return match find(&["type", "data type", "value type"]) {
            Some(ty) => TableKind::Properties(PropertyColumns {
                name: 0,
                ty,
                description,
                required: find(&["required", "mandatory"]),
                length: headers.iter().position(|h| h.starts_with("length")),
            }),
            None if first != "name" => TableKind::NoTypeColumn,
            None => TableKind::Unrelated,
        };
    }
    if first == "value" && find(&["type"]).is_none() {
        return TableKind::Values(ValueColumns { value: 0, description });
    }
    if find(&["type"]).is_some()
        && description.is_some()
        && !matches!(first, "parameter" | "header")
    {
        return TableKind::NoNameColumn;
    }
    TableKind::Unrelated
}

/// A cell of a row. pulldown-cmark pads short rows to the header's width,
/// so the fallback only guards against a row it did not pad.
pub(super) fn cell<'r>(row: &'r Row<'r>, index: usize) -> &'r Cell<'r> {
    static EMPTY: Cell<'static> =
        Cell { span: Span { file: FileId(0), start: 0, end: 0 }, inlines: Vec::new() };
    row.cells.get(index).unwrap_or(&EMPTY)
}

#[cfg(test)]
mod tests {
    use super::source_cells;

    #[test]
    fn cells_are_counted_between_pipes_outside_code_and_escapes() {
        let cases = [
            ("| a | b |", 2),
            ("  | a | b | c |   ", 3),
            ("a | b", 2),
            ("| é | ü |", 2),
            ("| a \\| b | c |", 2),
            ("| `a|b` | c |", 2),
            ("| `a` | b\\\\ | c |", 3),
            ("|", 1),
            ("", 1),
        ];
        for (row, cells) in cases {
            assert_eq!(source_cells(row), cells, "{row:?}");
        }
    }
}
