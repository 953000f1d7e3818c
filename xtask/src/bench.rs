//! `cargo xtask bench`: how fast code generation is, and how it grows.
//!
//! Prints, for the pages given (default: the resource pages of
//! `$PC_DOCS_DIR`):
//! - the time the whole pipeline takes next to the time pulldown-cmark alone
//!   takes to parse the same bytes, and their ratio;
//! - the pipeline's time at 1x, 10x and 100x the pages (copies under new
//!   names), with the growth factor and peak memory;
//! - `cargo check` of the generated crate with `full` and with one page's
//!   feature (dependencies built beforehand, so only the crate is timed).
//!
//! Run it optimised: `cargo run --release -p xtask -- bench`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use partner_center_codegen::{
    Layout, Options, SourceFile, Sources, Stage, generate, generate_with, markdown_options,
};
use pulldown_cmark::Parser;

use crate::codegen::write_crate;
use crate::flags::PagesOptions;
use crate::pages::{read_pages, reference_docs};
use crate::paths::{display, target_dir, workspace_root};

pub(crate) fn run(options: &PagesOptions) -> Result<(), String> {
    let root = workspace_root();
    let docs = reference_docs(options)?;
    if cfg!(debug_assertions) {
        eprintln!(
            "note: built without optimisations; for real figures run `cargo run --release -p xtask -- bench`"
        );
    }
    let sources = read_pages(&docs, options, &root)?;
    let pages: Vec<SourceFile> = sources.iter().map(|(_, f)| f.clone()).collect();
    let bytes = sources.total_bytes();
    println!(
        "pages: {} from {} ({:.1} KiB)",
        pages.len(),
        display(&docs, &root),
        bytes as f64 / 1024.0
    );

    let codegen = median(9, || time_codegen(&pages));
    let parse = median(9, || time_parse(&pages));
    println!(
        "codegen {:>9.2} ms | pulldown-cmark parse {:>7.2} ms | ratio {:.1}x",
        ms(codegen),
        ms(parse),
        codegen.as_secs_f64() / parse.as_secs_f64()
    );

    println!("growth (pages copied under new names):");
    let mut base = None;
    for (factor, runs) in [(1, 5), (10, 3), (100, 1)] {
        let copies = replicate(&pages, factor);
        let size: usize = copies.iter().map(|p| p.text.len()).sum();
        let time = median(runs, || time_codegen(&copies));
        let base = *base.get_or_insert(time);
        println!(
            "  {factor:>3}x {:>5} pages {:>8.1} KiB {:>10.1} ms  {:>6.1}x the 1x time  {:>6.1} MiB/s",
            copies.len(),
            size as f64 / 1024.0,
            ms(time),
            time.as_secs_f64() / base.as_secs_f64(),
            size as f64 / 1024.0 / 1024.0 / time.as_secs_f64(),
        );
        let stages = stage_times(&copies);
        let shown: Vec<String> =
            stages.iter().map(|(stage, t)| format!("{} {:.1} ms", stage.name(), ms(*t))).collect();
        println!("       by stage: {}", shown.join(", "));
    }
    if let Some(peak) = peak_memory_kib() {
        println!("peak memory of this process: {:.1} MiB", peak as f64 / 1024.0);
    }

    check_times(&root, &docs, options)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn median(runs: usize, mut measure: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| measure()).collect();
    times.sort();
    times[runs / 2]
}

fn time_codegen(pages: &[SourceFile]) -> Duration {
    let options = Options { docs_label: "bench".into(), layout: Layout::Workspace };
    let start = Instant::now();
    let generation = generate(&Sources::new(pages.to_vec()), &options);
    let elapsed = start.elapsed();
    assert!(!generation.has_errors(), "the benchmark pages have errors");
    elapsed
}

/// The time of each stage of one run, as the library reports them.
fn stage_times(pages: &[SourceFile]) -> Vec<(Stage, Duration)> {
    let options = Options { docs_label: "bench".into(), layout: Layout::Workspace };
    let mut times = Vec::new();
    let generation = generate_with(&Sources::new(pages.to_vec()), &options, &mut |stage, time| {
        times.push((stage, time))
    });
    assert!(!generation.files.is_empty());
    times
}

fn time_parse(pages: &[SourceFile]) -> Duration {
    let start = Instant::now();
    let mut events = 0usize;
    for page in pages {
        let options = markdown_options();
        events += Parser::new_ext(&page.text, options).into_offset_iter().count();
    }
    let elapsed = start.elapsed();
    assert!(events > 0);
    elapsed
}

/// `factor` copies of every page; copy `k` of `x-resources.md` is
/// `x-k-resources.md`, so every copy is a page (and a module) of its own.
fn replicate(pages: &[SourceFile], factor: usize) -> Vec<SourceFile> {
    (0..factor)
        .flat_map(|k| {
            pages.iter().map(move |p| {
                if k == 0 {
                    return p.clone();
                }
                let name = p.file_name();
                let renamed = match name.strip_suffix("-resources.md") {
                    Some(stem) => format!("{stem}-{k}-resources.md"),
                    None => format!("{}-{k}.md", name.trim_end_matches(".md")),
                };
                SourceFile::new(format!("copies/{renamed}"), p.text.clone())
            })
        })
        .collect()
}

/// Peak resident memory of this process (Linux), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Generates the crate into `bench-crate` in the target directory, builds its dependencies,
/// then times `cargo check` of the crate alone with `full` and with the
/// feature of one page.
fn check_times(root: &Path, docs: &Path, options: &PagesOptions) -> Result<(), String> {
    let out = target_dir(root).join("bench-crate");
    write_crate(options, docs, &out)?;
    let cargo = |args: &[&str]| -> Result<Duration, String> {
        let start = Instant::now();
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&out)
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!(
                "error: cargo {args:?} failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(start.elapsed())
    };
    let one_page = if std::fs::read_to_string(out.join("Cargo.toml"))
        .is_ok_and(|t| t.contains("\ncustomer = "))
    {
        "customer"
    } else {
        "utility"
    };
    println!("cargo check of the generated crate (dependencies already built):");
    for (label, features) in [
        ("full", vec!["check", "--quiet", "--features", "full"]),
        (one_page, vec!["check", "--quiet", "--no-default-features", "--features", one_page]),
    ] {
        cargo(&features)?; // builds the dependencies
        cargo(&["clean", "--quiet", "-p", "partner-center-models"])?;
        let time = cargo(&features)?;
        println!("  --features {label:<10} {:>7.2} s", time.as_secs_f64());
    }
    Ok(())
}
