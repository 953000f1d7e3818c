//! Markdown blocks and inlines -> [`Doc`], with mojibake repaired.

use crate::diagnostics::{Code, Diagnostics};
use crate::lower::{enums, mojibake};
use crate::model::{Doc, DocBlock, DocInline, LinkTarget};
use crate::parse::syntax::{Block, Inline};
use crate::source::{Sources, Span};

/// Turns page Markdown into documentation, reporting what it repairs.
pub(crate) struct DocLowering<'a> {
    pub(crate) sources: &'a Sources,
    pub(crate) diagnostics: &'a mut Diagnostics,
}

impl DocLowering<'_> {
    /// The prose blocks among `blocks`: paragraphs, notes, quotes and lists.
    /// Tables and code are left out.
    pub(crate) fn blocks(&mut self, blocks: &[Block<'_>]) -> Doc {
        let mut doc = Doc::default();
        for block in blocks {
            match block {
                Block::Paragraph(inlines) => {
                    let inlines = self.inlines(inlines);
                    if !inlines.is_empty() {
                        doc.blocks.push(DocBlock::Paragraph(inlines));
                    }
                }
                Block::Note { kind, blocks } => doc.blocks.push(DocBlock::Note {
                    kind: kind.clone(),
                    blocks: self.blocks(blocks).blocks,
                }),
                Block::Quote(blocks) => {
                    // Docs pages also write notes as `> **Note**` quotes.
                    doc.blocks.push(DocBlock::Note {
                        kind: "NOTE".into(),
                        blocks: self.blocks(blocks).blocks,
                    })
                }
                Block::List(items) => doc.blocks.push(DocBlock::List(
                    items.iter().map(|item| self.blocks(item).blocks).collect(),
                )),
                Block::Table(_) | Block::Code { .. } | Block::Other(_) => {}
            }
        }
        doc
    }

    /// One paragraph made of `inlines`, or an empty doc.
    pub(crate) fn paragraph(&mut self, inlines: &[Inline<'_>]) -> Doc {
        let inlines = self.inlines(inlines);
        let blocks =
            if inlines.is_empty() { Vec::new() } else { vec![DocBlock::Paragraph(inlines)] };
        Doc { blocks }
    }

    /// Inline content, trimmed at both ends.
    pub(crate) fn inlines(&mut self, inlines: &[Inline<'_>]) -> Vec<DocInline> {
        let mut out = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Text { text, span } => out.push(DocInline::Text(self.text(text, *span))),
                Inline::Code { text, .. } => out.push(DocInline::Code(enums::unescape_code(text))),
                Inline::Emphasis(children) => out.push(DocInline::Emphasis(self.inlines(children))),
                Inline::Strong(children) => out.push(DocInline::Strong(self.inlines(children))),
                Inline::Link { dest, children, span } => {
                    let target = if dest.starts_with("http://") || dest.starts_with("https://") {
                        LinkTarget::Url(dest.to_string())
                    } else {
                        LinkTarget::Unresolved { dest: dest.to_string(), span: *span }
                    };
                    out.push(DocInline::Link {
                        target: Box::new(target),
                        children: self.inlines(children),
                    });
                }
                Inline::SoftBreak => out.push(DocInline::Text(" ".into())),
                Inline::HardBreak => out.push(DocInline::LineBreak),
                Inline::Html { text, .. } => match html_tag_name(text).as_str() {
                    // Pages write `<br>`, `<br/>` and even `</br>` for a line break.
                    "br" | "/br" => out.push(DocInline::LineBreak),
                    // Anchors only name a place in the page.
                    "a" | "/a" | "span" | "/span" => {}
                    // Anything else is most likely a generic type the author
                    // did not escape (`List<Order>`): keep it as text.
                    _ => out.push(DocInline::Text(text.to_string())),
                },
            }
        }
        trim(&mut out);
        out
    }

    fn text(&mut self, text: &str, span: Span) -> String {
        let Some((fixed, repairs)) = mojibake::repair(text) else {
            return text.to_owned();
        };
        let source = &self.sources.get(span.file).text[span.range()];
        for repair in repairs {
            let at = source
                .find(&repair.garbled)
                .map_or(span, |i| span.within(i..i + repair.garbled.len()));
            self.diagnostics.push(
                Code::Mojibake,
                at,
                format!("garbled text `{}` repaired as `{}`", repair.garbled, repair.fixed),
                "UTF-8 text that was read as Windows-1252",
                format!("write `{}` in the page; the rustdoc already does", repair.fixed),
            );
        }
        fixed
    }
}

/// `br` for `<br>` and `<br/>`, `/a` for `</a>`, lower case.
fn html_tag_name(tag: &str) -> String {
    let inner = tag.trim_start_matches('<');
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if closing { format!("/{name}") } else { name }
}

/// Drops whitespace at the start and end of inline content.
fn trim(inlines: &mut Vec<DocInline>) {
    while let Some(DocInline::Text(t)) = inlines.first_mut() {
        let trimmed = t.trim_start();
        if trimmed.is_empty() {
            inlines.remove(0);
        } else {
            *t = trimmed.to_owned();
            break;
        }
    }
    while let Some(last) = inlines.last_mut() {
        match last {
            DocInline::Text(t) if t.trim_end().is_empty() => {
                inlines.pop();
            }
            DocInline::Text(t) => {
                t.truncate(t.trim_end().len());
                break;
            }
            DocInline::LineBreak => {
                inlines.pop();
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_tags_are_named_without_attributes_or_slashes() {
        assert_eq!(html_tag_name("<br>"), "br");
        assert_eq!(html_tag_name("<br/>"), "br");
        assert_eq!(html_tag_name("<BR />"), "br");
        assert_eq!(html_tag_name("</br>"), "/br");
        assert_eq!(html_tag_name("<a name=\"x\">"), "a");
        assert_eq!(html_tag_name("</a>"), "/a");
        assert_eq!(html_tag_name("<Order>"), "order");
    }
}
