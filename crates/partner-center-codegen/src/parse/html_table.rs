//! `<table>` blocks, which older pages use instead of pipe tables, read into
//! the same [`Table`] a pipe table gives. Only what such tables hold is
//! understood: rows, `th`/`td` cells, and in cells text, `<code>`, `<a href>`
//! and `<br>`; other tags are dropped and their text kept.

use crate::source::{FileId, Span};

use super::syntax::{Cell, Inline, Row, Table};

/// The first table in the HTML block `html`, which starts at byte `base` of
/// the page; `None` if it holds no table with at least one row.
pub(super) fn parse(html: &str, base: usize, file: FileId) -> Option<Table<'_>> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<table")?;
    let end = lower[start..].find("</table").map_or(html.len(), |i| start + i);
    let span =
        |range: std::ops::Range<usize>| Span::new(file, base + range.start..base + range.end);
    let mut rows: Vec<Row<'_>> = Vec::new();
    let mut at = start;
    while let Some(row_start) = find_tag(&lower, at, end, "tr") {
        let row_end = next_of(&lower, row_start + 3, end, &["<tr", "</tr"]);
        let mut cells = Vec::new();
        let mut cell_at = row_start;
        while let Some(open) = find_cell(&lower, cell_at, row_end) {
            let content_start = lower[open..row_end].find('>').map_or(row_end, |i| open + i + 1);
            let content_end =
                next_of(&lower, content_start, row_end, &["</td", "</th", "<td", "<th"]);
            let inlines = inlines(&html[content_start..content_end], base + content_start, file);
            cells.push(Cell { span: span(trimmed(html, content_start..content_end)), inlines });
            cell_at = content_end;
        }
        rows.push(Row { span: span(row_start..row_end), cells });
        at = row_end;
    }
    let mut rows = rows.into_iter().filter(|r| !r.cells.is_empty());
    let header = rows.next()?;
    Some(Table {
        span: span(start..end),
        header_span: header.span,
        header: header.cells,
        rows: rows.collect(),
    })
}

/// Offset of the next `<name` tag (followed by `>` or a space) in `from..to`.
fn find_tag(lower: &str, from: usize, to: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = lower[at..to].find('<') {
        let tag = at + i + 1;
        let rest = &lower[tag..to];
        if rest.starts_with(name)
            && rest[name.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
        {
            return Some(at + i);
        }
        at = tag;
    }
    None
}

fn find_cell(lower: &str, from: usize, to: usize) -> Option<usize> {
    match (find_tag(lower, from, to, "td"), find_tag(lower, from, to, "th")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The first of `needles` in `from..to`, or `to`.
fn next_of(lower: &str, from: usize, to: usize, needles: &[&str]) -> usize {
    needles.iter().filter_map(|n| lower[from..to].find(n)).min().map_or(to, |i| from + i)
}

fn trimmed(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let inner = &text[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    start..(range.end - (inner.len() - inner.trim_end().len())).max(start)
}

/// A cell's HTML as inlines.
fn inlines(html: &str, base: usize, file: FileId) -> Vec<Inline<'_>> {
    let span =
        |range: std::ops::Range<usize>| Span::new(file, base + range.start..base + range.end);
    let mut out = Vec::new();
    let mut at = 0;
    let mut link: Option<(String, usize, Vec<Inline<'_>>)> = None;
    let mut code: Option<usize> = None;
    while at < html.len() {
        let Some(open) = html[at..].find('<').map(|i| at + i) else {
            push_text(&mut out, &mut link, &html[at..], span(at..html.len()), code.is_some());
            break;
        };
        if open > at {
            push_text(&mut out, &mut link, &html[at..open], span(at..open), code.is_some());
        }
        let close = html[open..].find('>').map_or(html.len(), |i| open + i + 1);
        let tag = &html[open..close];
        let name: String = tag
            .trim_start_matches('<')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "a" => {
                let dest = super::attribute(tag, "href").unwrap_or_default().to_owned();
                link = Some((dest, open, Vec::new()));
            }
            "/a" => {
                if let Some((dest, start, children)) = link.take() {
                    out.push(Inline::Link {
                        dest: dest.into(),
                        children,
                        span: span(start..close),
                    });
                }
            }
            "code" => code = Some(open),
            "/code" => code = None,
            "br" | "br/" => out.push(Inline::HardBreak),
            _ => {}
        }
        at = close;
    }
    if let Some((dest, start, children)) = link {
        out.push(Inline::Link { dest: dest.into(), children, span: span(start..html.len()) });
    }
    out
}

fn push_text(
    out: &mut Vec<Inline<'_>>,
    link: &mut Option<(String, usize, Vec<Inline<'_>>)>,
    raw: &str,
    span: Span,
    in_code: bool,
) {
    let text = decode_entities(raw);
    if text.trim().is_empty() {
        return;
    }
    let inline = if in_code {
        Inline::Code { text: text.into(), span }
    } else {
        Inline::Text { text: text.into(), span }
    };
    match link {
        Some((_, _, children)) => children.push(inline),
        None => out.push(inline),
    }
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}
