//! Values a description lists in backticks: "Defines the program: `none`,
//! `reseller`, `advisor` or `microsoft\_support`." Such a string property
//! becomes an enum.

use crate::parse::syntax::Inline;
use crate::source::Span;

/// The longest run of at least two code spans that stand in a list: only
/// commas, slashes, `or`, `and` and spaces between them. `None` for a
/// description that shows a single example (`such as \`en-us\``).
pub(crate) fn listed_values(description: &[Inline]) -> Option<Vec<(String, Span)>> {
    let mut best: Vec<(String, Span)> = Vec::new();
    let mut run: Vec<(String, Span)> = Vec::new();
    let mut separated = true;
    for inline in flatten(description) {
        match inline {
            Inline::Code { text, span } => {
                if !separated {
                    keep_longer(&mut best, std::mem::take(&mut run));
                }
                run.push((value_of(text), *span));
                separated = false;
            }
            Inline::Text { text, .. } if is_separator(text) => separated = true,
            Inline::SoftBreak => {}
            _ => {
                keep_longer(&mut best, std::mem::take(&mut run));
                separated = true;
            }
        }
    }
    keep_longer(&mut best, run);
    let mut seen = std::collections::BTreeSet::new();
    best.retain(|(value, _)| seen.insert(value.clone()));
    (best.len() >= 2 && best.iter().all(|(v, _)| !v.is_empty() && !v.contains(' '))).then_some(best)
}

fn keep_longer(best: &mut Vec<(String, Span)>, run: Vec<(String, Span)>) {
    if run.len() > best.len() {
        *best = run;
    }
}

/// Emphasis around values (`*\`a\`*`) does not matter here.
fn flatten(inlines: &[Inline]) -> Vec<&Inline> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Emphasis(children) | Inline::Strong(children) => out.extend(flatten(children)),
            other => out.push(other),
        }
    }
    out
}

fn is_separator(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '|'))
        .all(|word| word.is_empty() || word == "or" || word == "and")
}

/// Quotes around a value (`"none"`) are not part of it.
fn value_of(code: &str) -> String {
    unescape_code(code.trim().trim_matches(['"', '\'']))
}

/// Backslash escapes do nothing inside code spans, yet authors write
/// `microsoft\_support` out of habit; the text meant has no backslash.
pub(crate) fn unescape_code(code: &str) -> String {
    let mut value = String::with_capacity(code.len());
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && next.is_ascii_punctuation() => {}
            _ => value.push(c),
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;
    use crate::parse::syntax::Block;
    use crate::source::{FileId, SourceFile};

    fn values(description: &str) -> Option<Vec<String>> {
        let page = parse_page(FileId(0), &SourceFile::new("t.md", format!("{description}\n")));
        let Block::Paragraph(inlines) = &page.intro[0] else { panic!("no paragraph") };
        listed_values(inlines).map(|v| v.into_iter().map(|(value, _)| value).collect())
    }

    #[test]
    fn reads_lists_in_backticks() {
        assert_eq!(
            values(
                "The program: `none`, `reseller`, `advisor`, `syndication` or `microsoft\\_support`."
            ),
            Some(
                vec!["none", "reseller", "advisor", "syndication", "microsoft_support"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )
        );
        assert_eq!(
            values("Possible values: `succeeded`, `failed`, or `progress`, which means busy."),
            Some(vec!["succeeded".into(), "failed".into(), "progress".into()])
        );
        assert_eq!(values("Either `\"on\"` / `\"off\"`"), Some(vec!["on".into(), "off".into()]));
    }

    #[test]
    fn ignores_single_examples_and_code_in_prose() {
        assert_eq!(values("A culture, such as `en-us`."), None);
        assert_eq!(values("Set `a` to enable, then call `b` later."), None);
        assert_eq!(values("Run `cargo test` or `cargo check`."), None);
    }
}
