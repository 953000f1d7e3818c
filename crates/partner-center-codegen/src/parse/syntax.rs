//! The Markdown structure the later stages read: headings, the blocks under
//! them, and tables cell by cell, each with its span. No meaning yet: a table
//! here is just rows of cells.

use std::borrow::Cow;

use crate::source::{FileId, Span};

/// One page, split at its headings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Page<'a> {
    /// The page.
    pub file: FileId,
    /// Text of the first level-1 heading, if any.
    pub title: Option<String>,
    /// Blocks between the title and the first section.
    pub intro: Vec<Block<'a>>,
    /// Every heading below level 1 with the blocks up to the next heading.
    pub sections: Vec<Section<'a>>,
}

/// A heading and the blocks that follow it up to the next heading.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Section<'a> {
    /// 2 for `##`, 3 for `###`, ...
    pub level: u8,
    /// The heading as plain text.
    pub title: String,
    /// The heading line.
    pub span: Span,
    /// Every anchor that leads here: the slug of the title, an `{#id}`
    /// attribute, and the ids of `<a name>` / `<span id>` tags in or just
    /// before the heading.
    pub anchors: Vec<String>,
    /// The blocks of the section.
    pub blocks: Vec<Block<'a>>,
}

/// A block of Markdown.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block<'a> {
    /// A paragraph.
    Paragraph(Vec<Inline<'a>>),
    /// A `> [!NOTE]`-style callout; `kind` is `NOTE`, `TIP`, `IMPORTANT`, ...
    Note {
        /// The callout kind in capitals.
        kind: String,
        /// Its content.
        blocks: Vec<Block<'a>>,
    },
    /// A plain block quote.
    Quote(Vec<Block<'a>>),
    /// A bulleted or numbered list: one block list per item.
    List(Vec<Vec<Block<'a>>>),
    /// A table.
    Table(Table<'a>),
    /// A fenced or indented code block.
    Code {
        /// The info string's first word (`http`, `json`), lower case.
        lang: String,
        /// The code; empty once the page is [`Page::into_owned`] where
        /// `in_page` says where the code is ([`Block::code`] reads it).
        text: Cow<'a, str>,
        /// The whole block, fences included.
        span: Span,
        /// Where the code lies in the page, when it is one slice of it
        /// (outside quotes and lists it always is).
        in_page: Option<(u32, u32)>,
    },
    /// Anything else (HTML, rules): kept only as a position.
    Other(Span),
}

/// A pipe table, header row first.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table<'a> {
    /// The whole table.
    pub span: Span,
    /// The header row.
    pub header_span: Span,
    /// Header cells.
    pub header: Vec<Cell<'a>>,
    /// Body rows.
    pub rows: Vec<Row<'a>>,
}

/// A body row of a table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row<'a> {
    /// The row's line.
    pub span: Span,
    /// Its cells, as many as the source row has (up to the header's count).
    pub cells: Vec<Cell<'a>>,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cell<'a> {
    /// The cell's text, without the pipes.
    pub span: Span,
    /// Its inline content.
    pub inlines: Vec<Inline<'a>>,
}

impl Cell<'_> {
    /// The cell as plain text: code spans and emphasis unwrapped, links
    /// replaced by their text, whitespace collapsed.
    pub(crate) fn plain_text(&self) -> String {
        plain_text(&self.inlines)
    }
}

/// Inline Markdown.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Inline<'a> {
    /// Text, with escapes and entities already decoded.
    Text {
        /// The text.
        text: Cow<'a, str>,
        /// Its source.
        span: Span,
    },
    /// A code span.
    Code {
        /// Its content, between the backticks.
        text: Cow<'a, str>,
        /// Its source, backticks included.
        span: Span,
    },
    /// `*text*`.
    Emphasis(Vec<Inline<'a>>),
    /// `**text**`.
    Strong(Vec<Inline<'a>>),
    /// `[text](dest)`.
    Link {
        /// The destination as written.
        dest: Cow<'a, str>,
        /// The link text.
        children: Vec<Inline<'a>>,
        /// The whole link.
        span: Span,
    },
    /// Inline HTML such as `<br>` or `<a name="x">`.
    Html {
        /// The tag as written.
        text: Cow<'a, str>,
        /// Its source.
        span: Span,
    },
    /// A line break inside a paragraph that Markdown renders as a space.
    SoftBreak,
    /// A forced line break.
    HardBreak,
}

impl Block<'_> {
    /// The code of a code block, given the text of its page: its own text,
    /// or the slice of the page it lies in (empty if the page is no longer
    /// the text it was parsed from).
    pub(crate) fn code<'t>(text: &'t str, in_page: Option<(u32, u32)>, page: &'t str) -> &'t str {
        match in_page {
            Some((start, end)) if text.is_empty() => {
                page.get(start as usize..end as usize).unwrap_or_default()
            }
            _ => text,
        }
    }
}

impl Page<'_> {
    /// The page with every text it borrowed from its source copied, so
    /// that the source can be let go of; code that is a slice of the page
    /// is not copied, but read from the page again where it is needed.
    pub(crate) fn into_owned(self) -> Page<'static> {
        Page {
            file: self.file,
            title: self.title,
            intro: owned_blocks(self.intro),
            sections: self
                .sections
                .into_iter()
                .map(|s| Section {
                    level: s.level,
                    title: s.title,
                    span: s.span,
                    anchors: s.anchors,
                    blocks: owned_blocks(s.blocks),
                })
                .collect(),
        }
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn owned_blocks(blocks: Vec<Block<'_>>) -> Vec<Block<'static>> {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(inlines) => Block::Paragraph(owned_inlines(inlines)),
            Block::Note { kind, blocks } => Block::Note { kind, blocks: owned_blocks(blocks) },
            Block::Quote(blocks) => Block::Quote(owned_blocks(blocks)),
            Block::List(items) => Block::List(items.into_iter().map(owned_blocks).collect()),
            Block::Table(table) => Block::Table(Table {
                span: table.span,
                header_span: table.header_span,
                header: owned_cells(table.header),
                rows: table
                    .rows
                    .into_iter()
                    .map(|row| Row { span: row.span, cells: owned_cells(row.cells) })
                    .collect(),
            }),
            Block::Code { lang, text, span, in_page } => {
                let text = if in_page.is_some() { Cow::Borrowed("") } else { owned(text) };
                Block::Code { lang, text, span, in_page }
            }
            Block::Other(span) => Block::Other(span),
        })
        .collect()
}

fn owned_cells(cells: Vec<Cell<'_>>) -> Vec<Cell<'static>> {
    cells
        .into_iter()
        .map(|cell| Cell { span: cell.span, inlines: owned_inlines(cell.inlines) })
        .collect()
}

fn owned_inlines(inlines: Vec<Inline<'_>>) -> Vec<Inline<'static>> {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text { text, span } => Inline::Text { text: owned(text), span },
            Inline::Code { text, span } => Inline::Code { text: owned(text), span },
            Inline::Emphasis(children) => Inline::Emphasis(owned_inlines(children)),
            Inline::Strong(children) => Inline::Strong(owned_inlines(children)),
            Inline::Link { dest, children, span } => {
                Inline::Link { dest: owned(dest), children: owned_inlines(children), span }
            }
            Inline::Html { text, span } => Inline::Html { text: owned(text), span },
            Inline::SoftBreak => Inline::SoftBreak,
            Inline::HardBreak => Inline::HardBreak,
        })
        .collect()
}

/// The paragraphs among `blocks`, and those inside their notes, quotes and
/// lists, in page order (tables and code are not prose).
pub(crate) fn collect_paragraphs<'p>(blocks: &'p [Block<'p>], out: &mut Vec<&'p [Inline<'p>]>) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => out.push(inlines),
            Block::Note { blocks, .. } | Block::Quote(blocks) => collect_paragraphs(blocks, out),
            Block::List(items) => items.iter().for_each(|item| collect_paragraphs(item, out)),
            _ => {}
        }
    }
}

/// Plain text of inline content, with whitespace runs collapsed to one space.
pub(crate) fn plain_text(inlines: &[Inline<'_>]) -> String {
    let mut out = String::with_capacity(64);
    plain_text_into(inlines, &mut out);
    out
}

/// [`plain_text`] written into `out`, replacing what it held: a caller that
/// asks of many inlines reuses one buffer.
pub(crate) fn plain_text_into(inlines: &[Inline<'_>], out: &mut String) {
    fn walk(inlines: &[Inline<'_>], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text { text, .. } | Inline::Code { text, .. } => out.push_str(text),
                Inline::Emphasis(children)
                | Inline::Strong(children)
                | Inline::Link { children, .. } => walk(children, out),
                Inline::SoftBreak | Inline::HardBreak => out.push(' '),
                Inline::Html { .. } => {}
            }
        }
    }
    out.clear();
    walk(inlines, out);
    if !is_collapsed(out) {
        *out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    }
}

/// True when `text` is ASCII with no whitespace but single inner spaces,
/// as most cells are: collapsing it would change nothing.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return true };
    // No early exit: the compiler turns these into vector loops, which cost
    // less on a cell's few bytes than setting up a substring search.
    let other_whitespace_or_not_ascii =
        bytes.iter().fold(false, |found, &b| found | (b >= 0x80) | (b'\t'..=b'\r').contains(&b));
    let two_spaces = bytes
        .iter()
        .zip(&bytes[1..])
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    first != b' ' && last != b' ' && !other_whitespace_or_not_ascii && !two_spaces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn text_is_taken_as_it_is_only_where_collapsing_would_not_change_it() {
        for text in [
            "",
            "a",
            "a b c",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\rb",
            "a\x0bb",
            "a\x0cb",
            "a\x01b",
            "a\x7fb",
            "a b  ",
            "a\u{a0}b",
            "Türkiye is here",
            " ",
        ] {
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if is_collapsed(text) {
                assert_eq!(collapsed, text, "{text:?}");
            }
            let inlines =
                [Inline::Text { text: text.into(), span: Span::new(FileId(0), 0..text.len()) }];
            assert_eq!(plain_text(&inlines), collapsed, "{text:?}");
        }
        assert!(is_collapsed("a b c") && is_collapsed("") && !is_collapsed("a  b"));
    }
}
