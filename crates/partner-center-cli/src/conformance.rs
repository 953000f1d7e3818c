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

use partner_center_codegen::{Code, Colors, Direction, diagnostics};
use partner_center_models::{Decoding, RESOURCES, SUPPORT_RESOURCES, Shape};
use serde_json::Value;

use crate::compare::difference;
use crate::pages::read_pages;
use crate::{Failure, PagesArgs};

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

pub(crate) fn run(args: &PagesArgs) -> Result<(), Failure> {
    let sources = read_pages(args)?;
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
        let transcoded = match resource.transcode(json, shape, Decoding::Strict) {
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
    if failed == 0 && lossless_enough {
        print!("{out}");
        Ok(())
    } else {
        Err(Failure::Report(out))
    }
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
