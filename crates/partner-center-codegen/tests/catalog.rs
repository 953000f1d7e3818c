//! `docs/diagnostics.md` lists every diagnostic code, and each entry's
//! example page draws the message the entry shows.

use std::collections::BTreeSet;
use std::path::Path;

use partner_center_codegen::{Code, Layout, Options, Page, Sources, generate};

/// One `## CODE: title` entry: its example page (if it can be run) and the
/// message line it shows.
struct Entry {
    code: String,
    example: Option<String>,
    message: Option<String>,
}

/// Reads the entries: `## ` headings, `~~~markdown` examples and ```` ```text ````
/// message blocks.
fn entries(catalog: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut lines = catalog.lines();
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("## ") {
            let code = title.split(':').next().unwrap_or_default().trim().to_owned();
            entries.push(Entry { code, example: None, message: None });
            continue;
        }
        let Some(entry) = entries.last_mut() else { continue };
        let fence = if line == "~~~markdown" {
            "~~~"
        } else if line == "```text" {
            "```"
        } else {
            continue;
        };
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != fence).collect();
        let block = block.join("\n") + "\n";
        if fence == "~~~" {
            entry.example = Some(block);
        } else {
            entry.message = Some(block.trim_end().to_owned());
        }
    }
    entries
}

#[test]
fn the_catalog_lists_every_code_and_its_examples_draw_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics.md");
    let catalog = std::fs::read_to_string(&path).unwrap();
    let entries = entries(&catalog);

    let listed: BTreeSet<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    let in_source: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, in_source, "docs/diagnostics.md and Code::ALL differ");
    assert_eq!(listed.len(), entries.len(), "a code is listed twice");

    let mut wrong = Vec::new();
    for entry in &entries {
        let message =
            entry.message.as_deref().unwrap_or_else(|| panic!("{}: no message", entry.code));
        let Some(example) = &entry.example else {
            continue; // W0209's bytes cannot be shown in Markdown; a fixture covers it.
        };
        // An example with a `Method | Request URI` table is an operation
        // page, read beside an (empty) resource page; any other a resource page.
        let pages = if example.contains("| Request URI") {
            vec![
                Page::new("docs/models-resources.md", "# Models\n"),
                Page::new("docs/example.md", example.as_str()),
            ]
        } else {
            vec![Page::new("docs/example-resources.md", example.as_str())]
        };
        let sources = Sources::select(pages, Vec::new(), None).unwrap();
        let options = Options::new("docs".into(), Layout::Workspace);
        let generation = generate(&sources, &options);
        let drawn: Vec<String> = generation
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == entry.code)
            .map(|d| format!("{}[{}]: {}", severity(d.code), d.code, d.message))
            .collect();
        if drawn.first().map(String::as_str) != Some(message) {
            wrong.push(format!(
                "{}: the catalog shows\n  {message}\nthe example draws\n  {drawn:?}",
                entry.code
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn severity(code: Code) -> &'static str {
    match code.severity() {
        partner_center_codegen::Severity::Error => "error",
        partner_center_codegen::Severity::Warning => "warning",
    }
}
