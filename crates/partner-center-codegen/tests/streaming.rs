//! A run that holds little at a time: pages read on demand
//! (`Sources::select_on_demand`, as `cargo xtask codegen` reads a folder)
//! give the same output as pages handed in, and a page that goes missing or
//! changes during the run is an error, never a panic; files handed to a
//! sink (`generate_into`) are the files `generate` collects.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{fixtures, folder};
use partner_center_codegen::{
    Colors, Dependency, GeneratedFile, Layout, Options, Page, Sources, diagnostics::render,
    generate, generate_into,
};

/// The pages of a fixture, shown as `ok/name.md` or `ok/folder/page.md`.
fn pages_of(fixture: &Path) -> Vec<Page> {
    let name = fixture.file_name().unwrap().to_string_lossy();
    if fixture.is_dir() {
        folder(fixture, &format!("ok/{name}"))
    } else {
        vec![Page::new(format!("ok/{name}"), std::fs::read(fixture).unwrap())]
    }
}

/// The pages as on-demand sources whose loader serves `bytes` and counts
/// its calls.
fn on_demand(
    pages: &[Page],
    bytes: impl Fn(&str, usize) -> Result<Vec<u8>, String> + Send + Sync + 'static,
) -> (Sources, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let paths = pages.iter().map(|p| p.path.clone()).collect();
    let load = move |path: &str| bytes(path, counted.fetch_add(1, Ordering::SeqCst));
    (Sources::select_on_demand(paths, Vec::new(), Some("*.md"), load).unwrap(), calls)
}

fn served(pages: &[Page]) -> HashMap<String, Vec<u8>> {
    pages.iter().map(|p| (p.path.clone(), p.bytes.clone())).collect()
}

#[test]
fn pages_read_on_demand_generate_what_pages_handed_in_do() {
    for fixture in fixtures("ok") {
        let pages = pages_of(&fixture);
        let held = Sources::select(pages.clone(), Vec::new(), Some("*.md")).unwrap();
        let bytes = served(&pages);
        let (lazy, calls) = on_demand(&pages, move |path, _| Ok(bytes[path].clone()));
        assert_eq!(
            calls.load(Ordering::SeqCst),
            0,
            "{}: nothing is read up front",
            fixture.display()
        );

        let options = Options::new("ok".into(), Layout::Workspace);
        let (expected, actual) = (generate(&held, &options), generate(&lazy, &options));
        assert!(calls.load(Ordering::SeqCst) >= pages.len(), "{}", fixture.display());
        assert_eq!(actual.files, expected.files, "{}", fixture.display());
        assert_eq!(actual.diagnostics, expected.diagnostics, "{}", fixture.display());
        assert_eq!(
            render(&actual.diagnostics, &lazy, Colors::Never),
            render(&expected.diagnostics, &held, Colors::Never),
            "{}",
            fixture.display()
        );
    }
}

const PAGE: &str = "# Things\n\n## Thing\n\n| Property | Type | Description |\n|---|---|---|\n| id | string | The id. |\n";

#[test]
fn a_page_that_cannot_be_read_stops_the_run_with_an_error() {
    let pages = [Page::new("docs/thing-resources.md", PAGE)];
    let (sources, _) = on_demand(&pages, |_, _| Err("No such file or directory".into()));
    let generation = generate(&sources, &Options::new("docs".into(), Layout::Workspace));
    assert!(generation.has_errors());
    assert!(generation.files.is_empty());
    let text = render(&generation.diagnostics, &sources, Colors::Never);
    assert!(
        text.contains("error[E0106]: cannot read this page: No such file or directory"),
        "{text}"
    );
    assert!(text.contains("docs/thing-resources.md:1:1"), "{text}");
}

#[test]
fn a_page_that_changes_while_the_run_reads_it_stops_the_run_with_an_error() {
    // The example contradicts its table: the warning names the example's
    // line, so the page is read again after the other page was lowered.
    let contradicted = format!(
        "{PAGE}\n```http\nHTTP/1.1 200 OK\n\n{{\"id\": 7, \"attributes\": {{\"objectType\": \"Thing\"}}}}\n```\n"
    );
    let pages = [
        Page::new("docs/a-resources.md", contradicted),
        Page::new("docs/b-resources.md", PAGE.replace("Thing", "Other")),
    ];
    let bytes = served(&pages);
    let reads: Arc<std::sync::Mutex<HashMap<String, usize>>> = Arc::default();
    let (sources, _) = on_demand(&pages, move |path, _| {
        let mut reads = reads.lock().unwrap();
        let read = reads.entry(path.to_owned()).or_default();
        *read += 1;
        let mut page = bytes[path].clone();
        if *read > 1 {
            page.extend_from_slice(b"\nA line added while the run went on.\n");
        }
        Ok(page)
    });
    let generation = generate(&sources, &Options::new("docs".into(), Layout::Workspace));
    let text = render(&generation.diagnostics, &sources, Colors::Never);
    assert!(generation.has_errors() && generation.files.is_empty(), "{text}");
    assert!(
        text.contains("error[E0106]: cannot read this page: it changed while this run read it"),
        "{text}"
    );
}

#[test]
fn files_handed_to_a_sink_are_the_files_generate_collects() {
    for fixture in fixtures("ok") {
        let sources = Sources::select(pages_of(&fixture), Vec::new(), Some("*.md")).unwrap();
        let layout = Layout::Standalone {
            support: Dependency::Version("0.1".into()),
            http: Dependency::Version("0.1".into()),
        };
        let options = Options::new("ok".into(), layout);
        let collected = generate(&sources, &options);
        let mut handed: Vec<GeneratedFile> = Vec::new();
        let streamed = generate_into(&sources, &options, &mut |_, _| {}, &mut |f| handed.push(f));
        assert!(streamed.files.is_empty());
        handed.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(handed, collected.files, "{}", fixture.display());
        let paths: Vec<&str> = handed.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(streamed.paths, paths, "{}", fixture.display());
        assert_eq!(streamed.surface, collected.surface, "{}", fixture.display());
    }
}

#[test]
fn a_sink_gets_no_file_when_there_are_errors() {
    let page = Page::new(
        "docs/broken-resources.md",
        "# B\n\n## Thing\n\n| Property | Type |\n|---|---|\n| id | strnig |\n",
    );
    let sources = Sources::select(vec![page], Vec::new(), None).unwrap();
    let mut handed = 0;
    let options = Options::new("docs".into(), Layout::Workspace);
    let generation = generate_into(&sources, &options, &mut |_, _| {}, &mut |_| handed += 1);
    assert!(generation.has_errors());
    assert_eq!((handed, generation.paths.len()), (0, 0));
}
