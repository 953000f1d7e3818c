//! [`Doc`] -> rustdoc lines: Markdown kept, links between resources as
//! intra-doc links, notes as quoted callouts, lines wrapped.
//!
//! Text is escaped just enough that rustdoc renders what the page meant and
//! its lints stay quiet: brackets (no accidental intra-doc links), angle
//! brackets (no accidental HTML), emphasis markers, bare URLs (wrapped in
//! `<...>`).

use std::fmt::Write as _;

use crate::model::{
    Doc, DocBlock, DocInline, ItemId, ItemKind, LinkTarget, Model, OperationPageId, PageId,
};

/// Characters of text per doc line before wrapping.
const WIDTH: usize = 80;

/// Renders a doc as lines, blocks separated by empty lines, for the models
/// crate (links to items are `crate::Name`).
pub(crate) fn lines(doc: &Doc, model: &Model) -> Vec<String> {
    lines_in(doc, Links { model, root: "crate" })
}

/// How links to the model's items and pages are written: under `root`
/// (`crate` in the models crate, `partner_center_models` elsewhere).
#[derive(Clone, Copy)]
pub(crate) struct Links<'m> {
    pub(crate) model: &'m Model,
    pub(crate) root: &'m str,
}

/// The docs of a model's pages, items, fields and values as rustdoc lines
/// (links under `crate`), each rendered once: the models back end prints
/// them and the surface stores them.
pub(crate) struct ModelDocs {
    pages: Vec<Vec<String>>,
    items: Vec<Vec<String>>,
    /// By item: each field's (a struct) or value's (an enum).
    members: Vec<Vec<Vec<String>>>,
}

impl ModelDocs {
    /// Renders every doc of the models crate.
    pub(crate) fn of(model: &Model) -> Self {
        let render = |doc| lines(doc, model);
        ModelDocs {
            pages: model.pages.iter().map(|page| render(&page.doc)).collect(),
            items: model.items.iter().map(|item| render(&item.doc)).collect(),
            members: model
                .items
                .iter()
                .map(|item| match &item.kind {
                    ItemKind::Struct(s) => s.fields.iter().map(|f| render(&f.doc)).collect(),
                    ItemKind::Enum(e) => e.variants.iter().map(|v| render(&v.doc)).collect(),
                })
                .collect(),
        }
    }

    /// A page's introduction.
    pub(crate) fn page(&self, id: PageId) -> &[String] {
        &self.pages[id.0 as usize]
    }

    /// An item's doc.
    pub(crate) fn item(&self, id: ItemId) -> &[String] {
        &self.items[id.0 as usize]
    }

    /// The doc of field (or value) `index` of an item.
    pub(crate) fn member(&self, id: ItemId, index: usize) -> &[String] {
        &self.members[id.0 as usize][index]
    }
}

/// The docs of the operations as rustdoc lines (links under the models
/// crate), each rendered once: the operations back end prints them and the
/// surface stores them.
pub(crate) struct OperationDocs {
    pages: Vec<Vec<String>>,
    /// By operation: each parameter's.
    params: Vec<Vec<Vec<String>>>,
}

impl OperationDocs {
    /// Renders every doc of the operations crate.
    pub(crate) fn of(model: &Model) -> Self {
        let links = Links { model, root: MODELS_CRATE };
        OperationDocs {
            pages: model.operation_pages.iter().map(|page| lines_in(&page.doc, links)).collect(),
            params: model
                .operations
                .iter()
                .map(|op| op.params.iter().map(|p| lines_in(&p.doc, links)).collect())
                .collect(),
        }
    }

    /// An operation page's introduction.
    pub(crate) fn page(&self, id: OperationPageId) -> &[String] {
        &self.pages[id.0 as usize]
    }

    /// The docs of the parameters of operation `index` (in the model's order).
    pub(crate) fn params(&self, index: usize) -> &[Vec<String>] {
        &self.params[index]
    }
}

/// The crate the generated models are in, as code outside it names it.
pub(crate) const MODELS_CRATE: &str = "partner_center_models";

/// Renders a doc as lines, links to items under `links.root`.
pub(crate) fn lines_in(doc: &Doc, links: Links<'_>) -> Vec<String> {
    let mut out = Vec::new();
    blocks_with(&doc.blocks, None, WIDTH, links, &mut out);
    out
}

/// The width inside a quote or list marker; deep nesting keeps a minimum
/// rather than wrapping every word onto its own line.
fn inner_width(width: usize) -> usize {
    width.saturating_sub(2).max(24)
}

/// Renders `blocks` into `out`; `lead` (a note's label) starts the first
/// paragraph, `width` is what is left of the line after any quote marker.
fn blocks_with(
    blocks: &[DocBlock],
    lead: Option<String>,
    width: usize,
    model: Links<'_>,
    out: &mut Vec<String>,
) {
    let mut lead = lead;
    for block in blocks {
        if !out.is_empty() {
            out.push(String::new());
        }
        match block {
            DocBlock::Paragraph(inlines) => {
                let text = inline_text(inlines, model);
                let text = match lead.take() {
                    Some(lead) => format!("{lead} {text}"),
                    None => text,
                };
                out.extend(wrap(&text, width));
            }
            DocBlock::Note { kind, blocks: inner } => {
                let mut body = Vec::new();
                let label = format!("**{}:**", title_case(kind));
                if matches!(inner.first(), Some(DocBlock::Paragraph(_))) {
                    blocks_with(inner, Some(label), inner_width(width), model, &mut body);
                } else {
                    body.push(label);
                    blocks_with(inner, None, inner_width(width), model, &mut body);
                }
                out.extend(body.into_iter().map(|mut l| {
                    l.insert_str(0, if l.is_empty() { ">" } else { "> " });
                    l
                }));
            }
            DocBlock::List(items) => {
                for item in items {
                    let mut body = Vec::new();
                    blocks_with(item, None, inner_width(width), model, &mut body);
                    for (j, mut line) in body.into_iter().enumerate() {
                        if j == 0 {
                            line.insert_str(0, "- ");
                        } else if !line.is_empty() {
                            line.insert_str(0, "  ");
                        }
                        out.push(line);
                    }
                }
            }
        }
    }
}

fn title_case(kind: &str) -> String {
    let lower = kind.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// Inline content as one line of Markdown.
pub(crate) fn inline_text(inlines: &[DocInline], links: Links<'_>) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            DocInline::Text(text) => escape_text(text, &mut out),
            DocInline::Code(code) => code_span(code, &mut out),
            DocInline::Emphasis(children) => {
                wrap_with("*", &inline_text(children, links), &mut out)
            }
            DocInline::Strong(children) => wrap_with("**", &inline_text(children, links), &mut out),
            DocInline::Link { target, children } => {
                let text = inline_text(children, links);
                match &**target {
                    LinkTarget::Item(id) => {
                        let _ =
                            write!(out, "[{text}]({}::{})", links.root, links.model.item(*id).name);
                    }
                    LinkTarget::Page(id) => {
                        let _ = write!(
                            out,
                            "[{text}]({}::{})",
                            links.root,
                            links.model.page(*id).module
                        );
                    }
                    LinkTarget::Url(url) if url.contains([' ', '(', ')']) => {
                        let _ = write!(out, "[{text}](<{url}>)");
                    }
                    LinkTarget::Url(url) => {
                        let _ = write!(out, "[{text}]({url})");
                    }
                    LinkTarget::Unresolved { .. } => out.push_str(&text),
                }
            }
            DocInline::LineBreak => out.push_str("<br>"),
        }
    }
    out
}

fn wrap_with(marker: &str, inner: &str, out: &mut String) {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(inner);
        return;
    }
    // Markers must touch the text they wrap; move spaces outside them.
    let leading = &inner[..inner.len() - inner.trim_start().len()];
    let trailing = &inner[inner.trim_end().len()..];
    out.push_str(leading);
    out.push_str(marker);
    out.push_str(trimmed);
    out.push_str(marker);
    out.push_str(trailing);
}

fn code_span(code: &str, out: &mut String) {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
}

/// Escapes text so that Markdown shows it as written.
fn escape_text(text: &str, out: &mut String) {
    // Most text has nothing to escape and no URL (which needs a `:`), so
    // the whole text is looked at: without an early exit, in a vector loop.
    if !text.bytes().fold(false, |found, b| found | may_need_escape(b) | (b == b':')) {
        out.push_str(text);
        return;
    }
    out.reserve(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let url_start = if word.contains(':') {
            word.find("https://").or_else(|| word.find("http://"))
        } else {
            None
        };
        if let Some(url_start) = url_start {
            // A bare URL: rustdoc wants it in angle brackets.
            let (before, url) = word.split_at(url_start);
            let url_end = url.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'']).len();
            escape_word(before, out);
            out.push('<');
            out.push_str(&url[..url_end]);
            out.push('>');
            escape_word(&url[url_end..], out);
        } else {
            escape_word(word, out);
        }
    }
}

/// The bytes [`escape_word`] may escape; text without them is copied as it is.
fn may_need_escape(b: u8) -> bool {
    matches!(b, b'\\' | b'`' | b'*' | b'[' | b']' | b'<' | b'>' | b'_' | b'&')
}

fn escape_word(word: &str, out: &mut String) {
    // Most words need no escape.
    if !word.bytes().any(may_need_escape) {
        out.push_str(word);
        return;
    }
    let mut previous: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let at_edge = !previous.is_some_and(char::is_alphanumeric)
            || !next.is_some_and(char::is_alphanumeric);
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            // Inside a word `_` is plain text; at its edge it could open emphasis.
            '_' if at_edge => out.push_str("\\_"),
            '&' if looks_like_entity(&word[i + 1..]) => out.push_str("&amp;"),
            _ => out.push(c),
        }
        previous = Some(c);
    }
}

fn looks_like_entity(rest: &str) -> bool {
    let name_len = rest.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'#').count();
    name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';')
}

/// Greedy word wrap that never starts a line with something Markdown would
/// read as a block marker (`-`, `+`, `#`, `>`, `1.`, ...).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    // Words are one space apart, so each line is a slice of `text`,
    // copied once at its final size. memchr finds the spaces: the words
    // are short, and a char search per word costs more than its bytes.
    let mut lines = Vec::new();
    let (mut start, mut end) = (0, 0);
    // The line's length in characters.
    let mut length = 0;
    let mut word_start = 0;
    let bytes = text.as_bytes();
    let spaces = memchr::memchr_iter(b' ', bytes);
    for at in spaces.chain(std::iter::once(bytes.len())) {
        let word = &text[word_start..at];
        let word_at = std::mem::replace(&mut word_start, at + 1);
        if word.is_empty() {
            if word_at > 0 && at < bytes.len() {
                // Rare: a run of spaces. The lines are the words apart by one.
                let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
                return wrap(&words.join(" "), width);
            }
            continue;
        }
        let word_length = word.chars().count();
        if length > 0 && length + 1 + word_length > width && safe_line_start(word) {
            lines.push(text[start..end].to_owned());
            length = 0;
        }
        if length == 0 {
            start = word_at;
        } else {
            length += 1;
        }
        length += word_length;
        end = at;
    }
    if length > 0 {
        lines.push(text[start..end].to_owned());
    }
    lines
}

fn safe_line_start(word: &str) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    if matches!(first, '-' | '+' | '*' | '#' | '>' | '=' | '|')
        || word.starts_with("```")
        || word.starts_with("~~~")
    {
        return false;
    }
    // `1.` or `1)` opens an ordered list.
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    !(digits > 0 && matches!(word[digits..].chars().next(), Some('.' | ')')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(inlines: Vec<DocInline>) -> String {
        inline_text(&inlines, Links { model: &Model::default(), root: "crate" })
    }

    #[test]
    fn escapes_what_markdown_or_rustdoc_would_misread() {
        let text = |t: &str| render(vec![DocInline::Text(t.into())]);
        assert_eq!(text("Region [ArmRegionName]"), "Region \\[ArmRegionName\\]");
        assert_eq!(text("Dictionary<string, string>"), "Dictionary\\<string, string\\>");
        assert_eq!(text("microsoft_support and _emph_"), "microsoft_support and \\_emph\\_");
        assert_eq!(text("see https://aka.ms/x."), "see <https://aka.ms/x>.");
        assert_eq!(text("a & b &amp; c"), "a & b &amp;amp; c");
        assert_eq!(text("2 * 3"), "2 \\* 3");
    }

    #[test]
    fn renders_code_emphasis_and_links() {
        assert_eq!(render(vec![DocInline::Code("a`b".into())]), "`` a`b ``");
        assert_eq!(
            render(vec![
                DocInline::Strong(vec![DocInline::Text("Customer ".into())]),
                DocInline::Text("resource".into())
            ]),
            "**Customer** resource"
        );
        assert_eq!(
            render(vec![DocInline::Link {
                target: Box::new(LinkTarget::Url("https://example.com".into())),
                children: vec![DocInline::Text("here".into())],
            }]),
            "[here](https://example.com)"
        );
    }

    #[test]
    fn wraps_words_one_space_apart_whatever_the_spacing_given() {
        assert_eq!(wrap("  aaaa  bbbb   cccc dddd ", 9), ["aaaa bbbb", "cccc dddd"]);
        assert_eq!(wrap(" été  à là ", 6), ["été à", "là"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("   ", 4), Vec::<String>::new());
        for text in [" a b", "a b ", "a  ", "  a", "a  b", "", " ", "ab cd ef gh"] {
            let single: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(wrap(text, 3), wrap(&single.join(" "), 3), "{text:?}");
        }
    }

    #[test]
    fn wraps_without_starting_a_line_with_a_block_marker() {
        assert_eq!(wrap("aaaa bbbb - cccc 1. dddd", 9), ["aaaa bbbb -", "cccc 1.", "dddd"]);
        assert_eq!(wrap("a 1) b", 3), ["a 1)", "b"]);
    }
}
