//! The fuzz harness: what `fuzz/fuzz_targets/*` run under libFuzzer, and
//! what the smoke test in `tests/smoke.rs` replays on every `cargo test`.
//!
//! Two inputs: arbitrary bytes taken as one page ([`check_bytes`]), and
//! pages built from headings, tables, links and type words
//! ([`pages::Pages`], [`check_pages`]), which reach deep into the
//! generator far sooner than random bytes do. Either way the generator
//! must not panic, its diagnostics must render, and when it accepts the
//! input every Rust file it emits must parse with `syn`.

pub mod pages;

use partner_center_codegen::{
    Colors, Layout, Options, Page, Sources, diagnostics, generate, report,
};

/// Inputs above this size are not run: the generator's cost grows with
/// the page, and a fuzzer spending seconds on one input finds less.
pub const MAX_INPUT: usize = 64 * 1024;

/// Runs arbitrary bytes as one resource page. Returns the number of Rust
/// files emitted (each of which parsed).
pub fn check_bytes(data: &[u8]) -> usize {
    if data.len() > MAX_INPUT {
        return 0;
    }
    check(vec![Page::new("fuzz-resources.md", data)])
}

/// Runs structure-aware pages. Returns the number of Rust files emitted
/// (each of which parsed).
pub fn check_pages(pages: &pages::Pages) -> usize {
    let files = pages.render();
    if files.iter().map(|(_, bytes)| bytes.len()).sum::<usize>() > MAX_INPUT {
        return 0;
    }
    check(files.into_iter().map(|(name, bytes)| Page::new(name, bytes)).collect())
}

/// The whole pipeline over `files`, then every output the user would see.
/// Panics (which the fuzzer reports) when emitted Rust does not parse.
fn check(pages: Vec<Page>) -> usize {
    // No page at all is nothing to generate from.
    let Ok(sources) = Sources::select(pages, Vec::new(), None) else { return 0 };
    let options = Options::new("fuzz".into(), Layout::Workspace);
    let generation = generate(&sources, &options);
    diagnostics::render(&generation.diagnostics, &sources, Colors::Never);
    diagnostics::render_json(&generation.diagnostics, &sources);
    report::render(&generation.model, &sources);
    if generation.has_errors() {
        assert!(generation.files.is_empty(), "files emitted despite errors");
        return 0;
    }
    let rust: Vec<_> = generation.files.iter().filter(|f| f.path.ends_with(".rs")).collect();
    for file in &rust {
        if let Err(error) = syn::parse_file(&file.contents) {
            panic!("{} does not parse: {error}\n{}", file.path, file.contents);
        }
    }
    rust.len()
}
