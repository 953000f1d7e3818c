//! Values a description lists in backticks: "Defines the program: `none`,
//! `reseller`, `advisor` or `microsoft\_support`." Such a string property
//! becomes an enum. Values in double quotes ("The status: "none",
//! "active" or "deleted".") do too, but only where the description says
//! that these are the values: the list follows a colon or "possible /
//! supported values", not an example ("for example "abc"").

use crate::parse::syntax::Inline;
use crate::source::Span;

/// The longest run of at least two code spans that stand in a list: only
/// commas, slashes, `or`, `and` and spaces between them. `None` for a
/// description that shows a single example (`such as \`en-us\``).
pub(crate) fn listed_values(description: &[Inline<'_>]) -> Option<Vec<(String, Span)>> {
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
fn flatten<'p>(inlines: &'p [Inline<'p>]) -> Vec<&'p Inline<'p>> {
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

/// The values of a list in double quotes that the description introduces
/// as its values (after a colon, "possible values", "supported values",
/// "values are", "one of" or "either"): two or more, with only commas,
/// `or`, `and` and a parenthesised remark on a value between them. Each
/// value has the span of the text it is in.
pub(crate) fn quoted_values(description: &[Inline<'_>]) -> Option<Vec<(String, Span)>> {
    // The description's text, and the span of the inline each byte is in.
    let mut text = String::new();
    let mut spans: Vec<(usize, Span)> = Vec::new();
    for inline in flatten(description) {
        let piece = match inline {
            Inline::Text { text, .. } | Inline::Code { text, .. } => &**text,
            Inline::SoftBreak | Inline::HardBreak => " ",
            // A link or HTML (`<br/>`) ends a list.
            _ => "\u{0}",
        };
        if let Inline::Text { span, .. } | Inline::Code { span, .. } = inline {
            spans.push((text.len(), *span));
        }
        text.push_str(&piece.replace(['\u{201c}', '\u{201d}'], "\""));
    }
    let span_at = |offset: usize| {
        spans.iter().rev().find(|(start, _)| *start <= offset).or(spans.first()).map(|(_, s)| *s)
    };
    // Quoted tokens: (start of the opening quote, end after the closing one, value).
    let mut tokens: Vec<(usize, usize, &str)> = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('"').map(|i| rest + i) {
        let Some(close) = text[open + 1..].find('"').map(|i| open + 1 + i) else { break };
        tokens.push((open, close + 1, &text[open + 1..close]));
        rest = close + 1;
    }
    let mut best: &[(usize, usize, &str)] = &[];
    let mut start = 0;
    for i in 1..=tokens.len() {
        let joined = i < tokens.len() && is_list_separator(&text[tokens[i - 1].1..tokens[i].0]);
        if !joined {
            if i - start > best.len() {
                best = &tokens[start..i];
            }
            start = i;
        }
    }
    if best.len() < 2 || !introduces_values(&text[..best[0].0]) {
        return None;
    }
    let mut values: Vec<(String, Span)> = Vec::new();
    for (open, _, value) in best {
        let value = value.trim().trim_end_matches([',', '.', ';']).trim();
        if value.is_empty() || value.contains(':') {
            return None;
        }
        if !values.iter().any(|(v, _)| v == value) {
            values.push((value.to_owned(), span_at(*open)?));
        }
    }
    (values.len() >= 2).then_some(values)
}

/// Between two quoted values of one list: commas, `or`, `and`, spaces,
/// and a parenthesised remark on the value before (`"Active" (can be
/// updated) and "Ordered"`).
fn is_list_separator(between: &str) -> bool {
    let mut rest = between.trim();
    if rest.starts_with('(') {
        let Some(end) = rest.find(')') else { return false };
        rest = rest[end + 1..].trim();
    }
    rest.split(|c: char| c.is_whitespace() || c == ',')
        .all(|word| word.is_empty() || word == "or" || word == "and")
}

/// Whether the text before a quoted list says the list is the values.
fn introduces_values(before: &str) -> bool {
    let sentence = before.rsplit(['.', '\u{0}']).next().unwrap_or(before).to_lowercase();
    let sentence = sentence.trim_end();
    let example =
        ["for example", "such as", "e.g.", "like", "="].iter().any(|w| sentence.contains(w));
    !example
        && (sentence.ends_with(':')
            || [
                "possible values",
                "supported values",
                "values are",
                "values include",
                "one of",
                "either",
            ]
            .iter()
            .any(|phrase| sentence.contains(phrase)))
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
        let source = SourceFile::new("t.md", format!("{description}\n"));
        let page = parse_page(FileId(0), &source);
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

    fn quoted(description: &str) -> Option<Vec<String>> {
        let source = SourceFile::new("t.md", format!("{description}\n"));
        let page = parse_page(FileId(0), &source);
        let Block::Paragraph(inlines) = &page.intro[0] else { panic!("no paragraph") };
        quoted_values(inlines).map(|v| v.into_iter().map(|(value, _)| value).collect())
    }

    #[test]
    fn reads_lists_in_quotes_that_the_description_calls_the_values() {
        let strings = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            quoted(r#"The status: "none", "active", "pending", or "deleted"."#),
            strings(&["none", "active", "pending", "deleted"])
        );
        assert_eq!(
            quoted(r#"Read-only. The type: "microsoft\_support" or "managed,"."#),
            strings(&["microsoft_support", "managed"])
        );
        assert_eq!(
            quoted(r#"Possible values are "Active" (can be updated) and "Ordered" (submitted)."#),
            strings(&["Active", "Ordered"])
        );
        assert_eq!(
            quoted(r#"The supported values are "Partial" and "Full""#),
            strings(&["Partial", "Full"])
        );
    }

    #[test]
    fn leaves_quotes_that_are_no_list_of_values() {
        // Not said to be the values.
        assert_eq!(quoted(r#"Whether it applies to a "User" or a "Tenant"."#), None);
        // An example, and a member quoted with its value.
        assert_eq!(quoted(r#"For example when type = "a", it holds "b" or "c"."#), None);
        assert_eq!(quoted(r#"The attributes. Contains "objectType": "Customer""#), None);
        // Values each followed by a sentence of their own.
        assert_eq!(
            quoted(r#"Possible values: "None" - no limit.<br/> "Concurrent" - a limit."#),
            None
        );
    }

    #[test]
    fn ignores_single_examples_and_code_in_prose() {
        assert_eq!(values("A culture, such as `en-us`."), None);
        assert_eq!(values("Set `a` to enable, then call `b` later."), None);
        assert_eq!(values("Run `cargo test` or `cargo check`."), None);
    }
}
