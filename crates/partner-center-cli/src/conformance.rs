//! `partner-center conformance DIR`: every HTTP example of a docs folder,
//! decoded with this build's models, encoded again and compared.
//!
//! The generator library finds the examples and ties each to its model
//! (`partner_center_codegen::http_examples`); this module decodes them. A
//! build whose models come from `docs-src/` knows few of the reference's
//! resources: generate the models from the folder first
//! (`cargo xtask codegen --docs DIR`) or use `cargo xtask conformance`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use partner_center_codegen::{Code, Colors, Direction, Page, Sources, diagnostics};
use partner_center_models::{RESOURCES, SUPPORT_RESOURCES, Shape};
use serde_json::Value;

use crate::Failure;

/// Counts for one page or all.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    examples: usize,
    invalid: usize,
    tied: usize,
    decoded: usize,
    lossless: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.examples += other.examples;
        self.invalid += other.invalid;
        self.tied += other.tied;
        self.decoded += other.decoded;
        self.lossless += other.lossless;
    }
}

/// Which pages of the folder give the models' names, and which pages
/// beside it.
#[derive(Debug, Default)]
pub(crate) struct Pages {
    /// The folder's pages whose tables are models (default `*-resources.md`).
    pub(crate) glob: Option<String>,
    /// Resource pages read beside the folder's (`--with PAGE`).
    pub(crate) with: Vec<String>,
}

pub(crate) fn run(dir: &str, input: &Pages) -> Result<String, Failure> {
    let sources = read_pages(dir, input)?;
    let (examples, diagnostics) = partner_center_codegen::examples(&sources);
    // Pages are read as `cargo xtask codegen` reads them; say so where bytes
    // had to be repaired. The generator's other findings are its own report.
    let repaired: Vec<_> =
        diagnostics.into_iter().filter(|d| d.code == Code::InvalidUtf8).collect();
    eprint!("{}", diagnostics::render(&repaired, &sources, Colors::Never));
    let mut pages: BTreeMap<String, Counts> = BTreeMap::new();
    let mut findings = Vec::new();
    // A tied example that does not decode (or that this build has no model
    // for) fails the check, and so does a response the rule cannot tie (a
    // body users get and could not decode) or a lossless rate under 99%.
    // Requests the rule cannot tie are listed: they are gaps in the docs.
    let mut failed = 0;
    for example in examples {
        let page = example.page.rsplit('/').next().unwrap_or_default().to_owned();
        let counts = pages.entry(page.clone()).or_default();
        counts.examples += 1;
        let at = format!("{page}:{}", example.line);
        let what = match example.direction {
            Direction::Request => "request",
            _ => "response",
        };
        let json = match &example.json {
            Ok(json) => json,
            Err(error) => {
                counts.invalid += 1;
                findings.push(format!("{page}:{error}: {what} body is not JSON"));
                continue;
            }
        };
        let tie = match &example.tie {
            Ok(tie) => tie,
            Err(why) => {
                if example.direction != Direction::Request {
                    failed += 1;
                }
                findings.push(format!("{at}: {what} not tied to a model: {why}"));
                continue;
            }
        };
        counts.tied += 1;
        let shape = tie.shape;
        let shown = match shape {
            Shape::One => tie.name.clone(),
            Shape::Collection => format!("ResourceCollection<{}>", tie.name),
            Shape::List => format!("Vec<{}>", tie.name),
        };
        let Some(resource) = RESOURCES.iter().chain(SUPPORT_RESOURCES).find(|r| r.name == tie.name)
        else {
            failed += 1;
            findings.push(format!(
                "{at}: {what} is a {shown}, which this build has no model for (generate the models from this folder)"
            ));
            continue;
        };
        let transcoded = match resource.transcode(json, shape) {
            Ok(transcoded) => transcoded,
            Err(e) => {
                failed += 1;
                let line = example.line + e.line.saturating_sub(1);
                findings.push(format!(
                    "{page}:{line}: {what} does not decode as {shown}: at {}: {}",
                    e.path, e.message
                ));
                continue;
            }
        };
        counts.decoded += 1;
        let original: Value = serde_json::from_str(json).expect("the library parsed it");
        let again: Value = serde_json::from_str(&transcoded.json).expect("models write JSON");
        match difference(&original, &again, "$") {
            None => counts.lossless += 1,
            Some(difference) => findings
                .push(format!("{at}: {what} as {shown} changes on a round trip: {difference}")),
        }
    }
    let (table, total) = render(&pages);
    let mut out = table;
    for finding in &findings {
        let _ = writeln!(out, "  {finding}");
    }
    out.push_str(&total);
    let lossless_enough = total_counts(&pages).lossless * 100 >= total_counts(&pages).decoded * 99;
    if failed == 0 && lossless_enough { Ok(out) } else { Err(Failure::Report(out)) }
}

fn total_counts(pages: &BTreeMap<String, Counts>) -> Counts {
    let mut total = Counts::default();
    pages.values().for_each(|c| total.add(*c));
    total
}

/// The table of pages with examples, and the total line.
fn render(pages: &BTreeMap<String, Counts>) -> (String, String) {
    let width = pages.keys().map(String::len).max().unwrap_or(4).max(4);
    let mut out = format!(
        "{:width$}  {:>8}  {:>12}  {:>5}  {:>7}  {:>8}\n",
        "page", "examples", "invalid JSON", "tied", "decoded", "lossless"
    );
    for (page, c) in pages.iter().filter(|(_, c)| c.examples > 0) {
        let _ = writeln!(
            out,
            "{page:width$}  {:>8}  {:>12}  {:>5}  {:>7}  {:>8}",
            c.examples, c.invalid, c.tied, c.decoded, c.lossless
        );
    }
    let t = total_counts(pages);
    let percent = if t.decoded == 0 { 100.0 } else { t.lossless as f64 * 100.0 / t.decoded as f64 };
    let total = format!(
        "total: {} examples, {} invalid JSON, {} tied, {} decoded, {} lossless ({percent:.1}% of decoded)\n",
        t.examples, t.invalid, t.tied, t.decoded, t.lossless
    );
    (out, total)
}

/// Every `*.md` page of `dir`, and the pages `pages.with` names, read as
/// `cargo xtask codegen` reads them (the library's one rule decides what
/// each page is for and decodes its bytes).
fn read_pages(dir: &str, pages: &Pages) -> Result<Sources, Failure> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Failure::Input(format!("cannot read {dir}: {e}")))?;
    let mut folder = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Failure::Input(format!("cannot list {dir}: {e}")))?.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            let bytes = std::fs::read(&path)
                .map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))?;
            folder.push(Page::new(path.to_string_lossy(), bytes));
        }
    }
    let mut beside = Vec::new();
    for path in &pages.with {
        let bytes =
            std::fs::read(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
        beside.push(Page::new(path.as_str(), bytes));
    }
    Sources::select(folder, beside, pages.glob.as_deref())
        .map_err(|e| Failure::Input(format!("{dir}: {e}")))
}

/// Where `after` differs from `before`, as a JSON path and what changed.
/// Member names compare in any ASCII casing (the models write the service's
/// spelling), `null` equals an absent member (the models leave `None` out),
/// and numbers compare by value (`2` and `2.0`).
fn difference(before: &Value, after: &Value, path: &str) -> Option<String> {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let lower = |m: &serde_json::Map<String, Value>| -> BTreeMap<String, (String, Value)> {
                m.iter().map(|(k, v)| (k.to_ascii_lowercase(), (k.clone(), v.clone()))).collect()
            };
            let (a, b) = (lower(a), lower(b));
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|key| {
                let name = a.get(key).or(b.get(key)).map(|(k, _)| k.as_str()).unwrap_or(key);
                let x = a.get(key).map_or(&Value::Null, |(_, v)| v);
                let y = b.get(key).map_or(&Value::Null, |(_, v)| v);
                difference(x, y, &format!("{path}.{name}"))
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| difference(x, y, &format!("{path}[{i}]"))),
        (Value::Number(x), Value::Number(y)) if same_number(&x.to_string(), &y.to_string()) => None,
        _ if before == after => None,
        _ => Some(format!("{path}: {} became {}", short(before), short(after))),
    }
}

fn same_number(x: &str, y: &str) -> bool {
    x == y || matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(a), Ok(b)) if a == b)
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 60 { format!("{}...", &text[..57]) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_ignore_casing_nulls_and_number_spelling() {
        let before = json!({"TenantID": "t", "gone": null, "n": 2, "items": [{"x": 1.50}]});
        let after = json!({"tenantId": "t", "n": 2.0, "items": [{"x": 1.5}]});
        assert_eq!(difference(&before, &after, "$"), None);
    }

    #[test]
    fn differences_name_their_path() {
        let before = json!({"a": {"b": [1, "25"]}});
        let after = json!({"a": {"b": [1, 25]}});
        assert_eq!(difference(&before, &after, "$"), Some("$.a.b[1]: \"25\" became 25".into()));
    }
}
