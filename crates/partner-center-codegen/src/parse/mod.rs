//! Stage 1, parse: Markdown text -> [`syntax::Page`].
//!
//! pulldown-cmark does the Markdown; this module only folds its event stream
//! into headings, blocks and table cells, keeping byte offsets so that every
//! later message can point at a line and column.

mod html_table;
pub(crate) mod syntax;

use std::borrow::Cow;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, OffsetIter, Options, Parser, Tag,
    TagEnd,
};

use crate::source::{FileId, SourceFile, Span};
use syntax::{Block, Cell, Inline, Page, Row, Section, Table};

/// The Markdown extensions the reference pages use.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
}

/// Parses one page. A byte order mark at the start is skipped, so that
/// front matter after it is still front matter.
pub(crate) fn parse_page(file: FileId, source: &SourceFile) -> Page<'_> {
    let base = if source.text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let events = Parser::new_ext(&source.text[base..], markdown_options()).into_offset_iter();
    let mut cursor = Cursor { text: &source.text, events, base, file, depth: 0 };
    let mut page = Page { file, title: None, intro: Vec::new(), sections: Vec::new() };
    let mut pending_anchors = Vec::new();
    while let Some((event, range)) = cursor.next() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let inlines = cursor.inlines(|end| matches!(end, TagEnd::Heading(_)));
                let title = syntax::plain_text(&inlines);
                if level == HeadingLevel::H1 && page.title.is_none() && page.sections.is_empty() {
                    page.title = Some(title);
                    pending_anchors.clear();
                    continue;
                }
                let mut anchors = std::mem::take(&mut pending_anchors);
                anchors.extend(id.map(|id| id.into_string()));
                anchors.extend(html_anchors_in(&inlines));
                anchors.push(slug(&title));
                anchors.dedup();
                page.sections.push(Section {
                    level: heading_level(level),
                    title,
                    span: cursor.trimmed_span(range),
                    anchors,
                    blocks: Vec::new(),
                });
            }
            // Front matter (title, ms.date, ...) is not documentation.
            Event::Start(Tag::MetadataBlock(_)) => cursor.skip_to_end_of_block(),
            Event::Start(Tag::HtmlBlock) => {
                let mut end = range.end;
                // `<a name="x"></a>` on its own line names the heading below it.
                while let Some((event, html_range)) = cursor.next() {
                    match event {
                        Event::Html(html) => {
                            pending_anchors.extend(anchor_ids(&html));
                            end = end.max(html_range.end);
                        }
                        _ => break,
                    }
                }
                let html = &source.text[range.start..end];
                if let Some(table) = html_table::parse(html, range.start, file) {
                    pending_anchors.clear();
                    match page.sections.last_mut() {
                        Some(section) => section.blocks.push(Block::Table(table)),
                        None => page.intro.push(Block::Table(table)),
                    }
                }
            }
            Event::Start(tag) => {
                let block = cursor.block(tag, range);
                if let Block::Paragraph(inlines) = &block
                    && inlines.iter().all(|i| matches!(i, Inline::Html { .. } | Inline::SoftBreak))
                {
                    pending_anchors.extend(html_anchors_in(inlines));
                    continue;
                }
                pending_anchors.clear();
                match page.sections.last_mut() {
                    Some(section) => section.blocks.push(block),
                    None => page.intro.push(block),
                }
            }
            _ => {}
        }
    }
    page
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The anchor a docs site derives from a heading: lower case, punctuation
/// dropped, spaces as hyphens (`Customer company profile` ->
/// `customer-company-profile`).
pub(crate) fn slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    // A run of spaces, the punctuation in it dropped, is one hyphen.
    let mut gap = false;
    for c in title.chars() {
        if c == ' ' {
            gap = true;
        } else if c.is_alphanumeric() || matches!(c, '-' | '_') {
            if std::mem::take(&mut gap) && !slug.is_empty() {
                slug.push('-');
            }
            slug.extend(c.to_lowercase());
        }
    }
    slug
}

fn html_anchors_in(inlines: &[Inline<'_>]) -> Vec<String> {
    inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Html { text, .. } => Some(anchor_ids(text)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Ids declared by `<a name="x">`, `<a id="x">` or `<span id="x">` tags.
fn anchor_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let name = tag.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
        if name != "a" && name != "span" {
            continue;
        }
        for attr in ["name", "id"] {
            if let Some(value) = attribute(tag, attr) {
                ids.push(value.to_owned());
            }
        }
    }
    ids
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before_ok {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        return if quote == '"' || quote == '\'' {
            value[1..].split(quote).next()
        } else {
            value.split(|c: char| c.is_whitespace() || c == '/').next()
        };
    }
    None
}

type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

/// How deep quotes, lists and inline markup may nest before the rest is
/// skipped: the stages after parse recurse over the tree, and a page of
/// `>>>>...` must not overflow the stack. Real pages nest a few levels.
const MAX_DEPTH: usize = 32;

/// A position in the events of one page, read as pulldown-cmark gives
/// them (the cursor never looks back).
struct Cursor<'a> {
    events: OffsetIter<'a>,
    /// Where the text given to the parser starts (after a byte order mark).
    base: usize,
    file: FileId,
    text: &'a str,
    /// Blocks and inlines being read, one inside the other.
    depth: usize,
}

/// `text` without the spaces it ends with, compared eight at a time.
fn without_trailing_spaces(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while end >= 8 && bytes[end - 8..end] == *b"        " {
        end -= 8;
    }
    while end > 0 && bytes[end - 1] == b' ' {
        end -= 1;
    }
    // Only spaces were taken off: `end` is a character boundary.
    &text[..end]
}

impl<'a> Cursor<'a> {
    fn next(&mut self) -> Option<Spanned<'a>> {
        let (event, range) = self.events.next()?;
        Some((event, range.start + self.base..range.end + self.base))
    }

    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// The span of `range` without surrounding spaces (a cell's padding),
    /// or where the range starts if it holds only spaces.
    fn trimmed_span(&self, range: std::ops::Range<usize>) -> Span {
        let text = &self.text[range.clone()];
        let start = range.start + (text.len() - text.trim_start().len());
        // Cells are padded to line the columns up, often with tens of
        // spaces: those go eight at a time, then any other whitespace.
        let end = range.end - (text.len() - without_trailing_spaces(text).trim_end().len());
        Span::new(self.file, start..end.max(start))
    }

    /// Reads the block that `tag` opened, up to its end.
    fn block(&mut self, tag: Tag<'a>, range: std::ops::Range<usize>) -> Block<'a> {
        if self.depth >= MAX_DEPTH {
            self.skip_to_end_of_block();
            return Block::Other(self.span(range));
        }
        self.depth += 1;
        let block = self.block_within(tag, range);
        self.depth -= 1;
        block
    }

    fn block_within(&mut self, tag: Tag<'a>, range: std::ops::Range<usize>) -> Block<'a> {
        match tag {
            Tag::Paragraph => Block::Paragraph(self.inlines(|end| end == &TagEnd::Paragraph)),
            Tag::BlockQuote(kind) => {
                let blocks = self.blocks_until(|end| matches!(end, TagEnd::BlockQuote(_)));
                match kind {
                    Some(kind) => Block::Note { kind: quote_kind(kind).to_owned(), blocks },
                    None => Block::Quote(blocks),
                }
            }
            Tag::List(_) => {
                let mut items = Vec::new();
                while let Some((event, _)) = self.next() {
                    match event {
                        Event::Start(Tag::Item) => {
                            items.push(self.blocks_until(|end| end == &TagEnd::Item));
                        }
                        Event::End(TagEnd::List(_)) => break,
                        _ => {}
                    }
                }
                Block::List(items)
            }
            Tag::Table(_) => Block::Table(self.table(range)),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or_default().to_lowercase()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                // The code's lines come as pieces; where they follow one
                // another in the page (outside quotes and lists, that is
                // always), the code is one slice of it.
                let mut text: Cow<'a, str> = Cow::Borrowed("");
                // Where `text` lies in the page, while it is a slice of it.
                let mut slice: Option<std::ops::Range<usize>> = Some(0..0);
                while let Some((event, piece)) = self.next() {
                    match event {
                        Event::Text(t) => {
                            let joined = slice.take().and_then(|s| match s {
                                s if s.is_empty() => Some(piece.clone()),
                                s if s.end == piece.start => Some(s.start..piece.end),
                                _ => None,
                            });
                            match joined {
                                Some(joined) if self.text.get(piece) == Some(&*t) => {
                                    text = Cow::Borrowed(&self.text[joined.clone()]);
                                    slice = Some(joined);
                                }
                                _ => text.to_mut().push_str(&t),
                            }
                        }
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let in_page = slice.map(|s| (s.start as u32, s.end as u32));
                Block::Code { lang, text, span: self.span(range), in_page }
            }
            _ => {
                self.skip_to_end_of_block();
                Block::Other(self.span(range))
            }
        }
    }

    /// Reads blocks up to the end tag that `is_end` accepts. Tight list items
    /// hold bare inline content; it becomes a paragraph.
    fn blocks_until(&mut self, is_end: impl Fn(&TagEnd) -> bool) -> Vec<Block<'a>> {
        let mut blocks = Vec::new();
        let mut loose = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(end) if is_end(&end) => break,
                Event::Start(tag) if is_block(&tag) => {
                    if !loose.is_empty() {
                        blocks.push(Block::Paragraph(std::mem::take(&mut loose)));
                    }
                    blocks.push(self.block(tag, range));
                }
                other => self.inline(other, range, &mut loose),
            }
        }
        if !loose.is_empty() {
            blocks.push(Block::Paragraph(loose));
        }
        blocks
    }

    fn skip_to_end_of_block(&mut self) {
        let mut depth = 1;
        while let Some((event, _)) = self.next() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, range: std::ops::Range<usize>) -> Table<'a> {
        let span = self.span(range);
        let mut table = Table { span, header_span: span, header: Vec::new(), rows: Vec::new() };
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::TableHead) => {
                    table.header_span = self.trimmed_span(range);
                    table.header = self.cells(|end| end == &TagEnd::TableHead, 4);
                }
                Event::Start(Tag::TableRow) => {
                    // A row has as many cells as the header, mostly.
                    let cells = self.cells(|end| end == &TagEnd::TableRow, table.header.len());
                    table.rows.push(Row { span: self.trimmed_span(range), cells });
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        table
    }

    fn cells(&mut self, is_end: impl Fn(&TagEnd) -> bool, expected: usize) -> Vec<Cell<'a>> {
        let mut cells = Vec::with_capacity(expected);
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::TableCell) => {
                    let inlines = self.inlines(|end| end == &TagEnd::TableCell);
                    cells.push(Cell { span: self.trimmed_span(range), inlines });
                }
                Event::End(end) if is_end(&end) => break,
                _ => {}
            }
        }
        cells
    }

    /// Reads inline content up to the end tag that `is_end` accepts.
    fn inlines(&mut self, is_end: impl Fn(&TagEnd) -> bool) -> Vec<Inline<'a>> {
        self.depth += 1;
        // Most cells and spans hold one inline: room for one, not the four
        // a first push reserves (this tree is the run's largest structure).
        let mut out = Vec::with_capacity(1);
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(end) if is_end(&end) => break,
                other => self.inline(other, range, &mut out),
            }
        }
        self.depth -= 1;
        out
    }

    fn inline(
        &mut self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
        out: &mut Vec<Inline<'a>>,
    ) {
        let span = self.span(range);
        if matches!(event, Event::Start(_)) && self.depth >= MAX_DEPTH {
            self.skip_to_end_of_block();
            return;
        }
        match event {
            Event::Text(text) => match out.last_mut() {
                // pulldown-cmark splits text at escapes; join the pieces.
                Some(Inline::Text { text: last, span: last_span })
                    if last_span.end <= span.start =>
                {
                    last.to_mut().push_str(&text);
                    last_span.end = span.end;
                }
                _ => out.push(Inline::Text { text: borrowed(text), span }),
            },
            Event::Code(text) => out.push(Inline::Code { text: borrowed(text), span }),
            Event::InlineHtml(text) | Event::Html(text) => {
                out.push(Inline::Html { text: borrowed(text), span })
            }
            Event::SoftBreak => out.push(Inline::SoftBreak),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::Start(Tag::Emphasis) => {
                out.push(Inline::Emphasis(self.inlines(|end| end == &TagEnd::Emphasis)))
            }
            Event::Start(Tag::Strong) => {
                out.push(Inline::Strong(self.inlines(|end| end == &TagEnd::Strong)))
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let children = self.inlines(|end| end == &TagEnd::Link);
                out.push(Inline::Link { dest: borrowed(dest_url), children, span });
            }
            // Strikethrough, images and the like: keep their text.
            Event::Start(_) => {
                let children = self.inlines(|_| true);
                out.extend(children);
            }
            _ => {}
        }
    }
}

/// Text pulldown-cmark gives, borrowed from the page where it is a slice
/// of it (nearly always), so the syntax tree copies little.
fn borrowed(text: CowStr<'_>) -> Cow<'_, str> {
    match text {
        CowStr::Borrowed(text) => Cow::Borrowed(text),
        other => Cow::Owned(other.into_string()),
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Heading { .. }
    )
}

fn quote_kind(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "NOTE",
        BlockQuoteKind::Tip => "TIP",
        BlockQuoteKind::Important => "IMPORTANT",
        BlockQuoteKind::Warning => "WARNING",
        BlockQuoteKind::Caution => "CAUTION",
    }
}

#[cfg(test)]
mod tests;
