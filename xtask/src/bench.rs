//! `cargo xtask bench`: how fast code generation is, and how it grows.
//!
//! Prints, for the pages given (default: every page of `$PC_DOCS_DIR`):
//! - the CPU time of the whole `xtask codegen --docs DIR --out TMP` process
//!   next to a process that only reads the same pages and parses them with
//!   pulldown-cmark (start-up and exit count the same for both), median of
//!   5, the two taken in turn: user and system time as the parent is told
//!   (`getrusage` of its children), and each process's own count at the
//!   end of `main` (which leaves out the exit);
//! - the time of each stage of the pipeline, in process;
//! - the run at 1x, 10x and 100x the pages (copies under new names), each a
//!   process of its own, three rounds in turn: median CPU time, its growth
//!   against 1x, and the highest peak memory;
//! - `cargo check` of the generated models crate with every page and with
//!   one page (dependencies built beforehand), next to the same structs
//!   written with plain `#[derive(Deserialize, Serialize)]`.
//!
//! Each measured process reports its own CPU time and peak memory (Linux:
//! `/proc/self/schedstat` and `VmHWM`) when `XTASK_USAGE` names a file; the
//! bench adds the CPU time the kernel reports for it once it has ended.
//! Run it optimised: `cargo run --release -p xtask -- bench`.

mod plain;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use partner_center_codegen::{
    Layout, Options, SourceFile, Sources, Stage, generate_into, generate_with, markdown_options,
};
use pulldown_cmark::Parser;

use crate::flags::PagesOptions;
use crate::pages::{read_pages, reference_docs};
use crate::paths::{display, target_dir, workspace_root};

/// The environment variable that asks an xtask process to report its usage.
const USAGE_FILE: &str = "XTASK_USAGE";

/// What a process used: CPU time and peak resident memory.
#[derive(Clone, Copy, Debug, Default)]
struct Usage {
    /// User and system time of the whole process, as its parent is told
    /// when it ends: start-up, the run, and exit (unmapping its memory).
    cpu: Duration,
    /// The process's own count at the end of `main`, without the exit.
    cpu_to_main_end: Duration,
    peak_kib: u64,
}

pub(crate) fn run(options: &PagesOptions) -> Result<(), String> {
    let root = workspace_root();
    let docs = reference_docs(options)?;
    if cfg!(debug_assertions) {
        eprintln!(
            "note: built without optimisations; for real figures run `cargo run --release -p xtask -- bench`"
        );
    }
    let sources = read_pages(&docs, options, &root)?;
    let pages = held_pages(&sources);
    println!(
        "pages: {} from {} ({:.1} KiB)",
        pages.len(),
        display(&docs, &root),
        pages.iter().map(|p| p.text.len()).sum::<usize>() as f64 / 1024.0
    );
    let scratch = target_dir(&root).join("bench");
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let pages_args = pages_args(&docs, options);
    let with_pages = |head: &[&str]| -> Vec<String> {
        head.iter().map(|s| s.to_string()).chain(pages_args.iter().cloned()).collect()
    };

    eprintln!("(measuring whole processes, 5 runs each...)");
    // Whole processes, the same start-up and reading for both, taken in
    // turn so that both see the same machine (its speed drifts here).
    let parse_args = with_pages(&["__parse-only"]);
    let out = scratch.join("out").to_string_lossy().into_owned();
    let codegen_args = with_pages(&["codegen", "--out", &out]);
    run_xtask(&scratch, &codegen_args)?; // writes the crate the runs compare against
    let mut pairs = Vec::new();
    for _ in 0..5 {
        pairs.push((run_xtask(&scratch, &parse_args)?, run_xtask(&scratch, &codegen_args)?));
    }
    let cpu_line = |cpu: fn(&Usage) -> Duration| {
        let parse = median(pairs.iter().map(|(parse, _)| cpu(parse)));
        let codegen = median(pairs.iter().map(|(_, codegen)| cpu(codegen)));
        let ratio = median_f64(
            pairs
                .iter()
                .map(|(parse, codegen)| cpu(codegen).as_secs_f64() / cpu(parse).as_secs_f64()),
        );
        format!(
            "codegen {:.1} ms | parse-only baseline {:.1} ms | {:.2}x (median of the 5 ratios {ratio:.2}x)",
            ms(codegen),
            ms(parse),
            codegen.as_secs_f64() / parse.as_secs_f64()
        )
    };
    println!(
        "whole process, CPU (user + system, exit included), median of 5 taken in turn: {}",
        cpu_line(|u| u.cpu)
    );
    println!(
        "  counted by each process up to the end of main: {}",
        cpu_line(|u| u.cpu_to_main_end)
    );

    let stages = median_stages(5, &pages);
    let shown: Vec<String> =
        stages.iter().map(|(stage, t)| format!("{} {:.1} ms", stage.name(), ms(*t))).collect();
    println!("in process, by stage (median of 5): {}", shown.join(", "));
    let in_process: Duration =
        (0..5).map(|_| time_codegen(pages.clone())).min().unwrap_or_default();
    let parse_only: Duration = (0..5).map(|_| time_parse(&pages)).min().unwrap_or_default();
    println!(
        "in process, best of 5: pipeline {:.1} ms, pulldown-cmark alone {:.1} ms",
        ms(in_process),
        ms(parse_only)
    );

    println!(
        "growth (pages copied under new names; each a process of its own, median of 3 taken in turn):"
    );
    let factors = [1, 10, 100];
    let mut runs: Vec<Vec<Usage>> = vec![Vec::new(); factors.len()];
    for round in 1..=3 {
        for (factor, usages) in factors.iter().zip(&mut runs) {
            eprintln!("  (round {round} of 3: running {factor}x...)");
            let factor_text = factor.to_string();
            let args = with_pages(&["__scaled", "--factor", &factor_text]);
            usages.push(run_xtask(&scratch, &args)?);
        }
    }
    let base = median(runs[0].iter().map(|u| u.cpu));
    for (factor, usages) in factors.iter().zip(&runs) {
        let cpu = median(usages.iter().map(|u| u.cpu));
        let peak_kib = usages.iter().map(|u| u.peak_kib).max().unwrap_or(0);
        println!(
            "  {factor:>3}x {:>6} pages {:>10.1} ms CPU {:>7.1}x the 1x time  peak {:>7.1} MiB",
            pages.len() * factor,
            ms(cpu),
            cpu.as_secs_f64() / base.as_secs_f64(),
            peak_kib as f64 / 1024.0
        );
    }

    let crate_dir = target_dir(&root).join("bench-crate");
    let crate_text = crate_dir.to_string_lossy().into_owned();
    run_xtask(&scratch, &with_pages(&["codegen", "--out", &crate_text]))?;
    check_times(&root, &crate_dir, &sources)
}

/// The `--docs`/`--pages`/`--with` arguments that select these pages.
fn pages_args(docs: &Path, options: &PagesOptions) -> Vec<String> {
    let mut args = vec!["--docs".to_owned(), docs.to_string_lossy().into_owned()];
    if let Some(pages) = &options.pages {
        args.extend(["--pages".to_owned(), pages.clone()]);
    }
    for with in &options.with {
        args.extend(["--with".to_owned(), with.to_string_lossy().into_owned()]);
    }
    args
}

/// Runs this xtask binary with `args`, output discarded, and reads what it
/// reported using.
fn run_xtask<S: AsRef<str>>(scratch: &Path, args: &[S]) -> Result<Usage, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let report = scratch.join("usage");
    let _ = std::fs::remove_file(&report);
    let before = children_cpu()?;
    let status = Command::new(&exe)
        .args(args.iter().map(AsRef::as_ref))
        .env(USAGE_FILE, &report)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("error: cannot run {}: {e}", exe.display()))?;
    let cpu = children_cpu()?.saturating_sub(before);
    let shown: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    if !status.success() {
        return Err(format!("error: `xtask {}` failed ({status})", shown.join(" ")));
    }
    let text = std::fs::read_to_string(&report)
        .map_err(|e| format!("error: `xtask {}` reported no usage: {e}", shown.join(" ")))?;
    let mut numbers = text.split_whitespace().map(|n| n.parse::<u64>().unwrap_or(0));
    let (cpu_ns, peak_kib) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
    Ok(Usage { cpu, cpu_to_main_end: Duration::from_nanos(cpu_ns), peak_kib })
}

/// User and system time of every child process this one has waited for.
fn children_cpu() -> Result<Duration, String> {
    use nix::sys::resource::{UsageWho, getrusage};
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN)
        .map_err(|e| format!("error: cannot read the children's CPU time: {e}"))?;
    let time = |t: nix::sys::time::TimeVal| {
        Duration::from_secs(t.tv_sec().unsigned_abs())
            + Duration::from_micros(t.tv_usec().unsigned_abs())
    };
    Ok(time(usage.user_time()) + time(usage.system_time()))
}

/// Writes this process's usage where `XTASK_USAGE` says, if it is set:
/// called by `main` as the process ends.
pub(crate) fn report_usage() {
    let Some(path) = std::env::var_os(USAGE_FILE) else { return };
    // `schedstat`: nanoseconds on the CPU (the process is one thread).
    let cpu_ns = std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0);
    let peak_kib = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .unwrap_or(0);
    let _ = std::fs::write(PathBuf::from(path), format!("{cpu_ns} {peak_kib}\n"));
}

/// `xtask __parse-only`: read the pages as `codegen` does and parse each
/// with pulldown-cmark, nothing more; the floor codegen is measured against.
pub(crate) fn parse_only(options: &PagesOptions) -> Result<(), String> {
    let root = workspace_root();
    let docs = reference_docs(options)?;
    let sources = read_pages(&docs, options, &root)?;
    let events: usize = sources
        .iter()
        .map(|(id, _)| {
            let page = sources.get(id);
            Parser::new_ext(&page.text, markdown_options()).into_offset_iter().count()
        })
        .sum();
    println!("{events} events");
    Ok(())
}

/// `xtask __scaled --factor N`: the pipeline over N copies of the pages, in
/// this process, so its peak memory is the run's. As `codegen` reads pages
/// from disk when the generator asks, the copies are made when it asks, from
/// the pages read once.
pub(crate) fn scaled(options: &PagesOptions, factor: usize) -> Result<(), String> {
    let root = workspace_root();
    let docs = reference_docs(options)?;
    let sources = read_pages(&docs, options, &root)?;
    let pages = held_pages(&sources);
    drop(sources);
    let time = time_codegen_on_demand(copies(pages, factor));
    println!("{:.1} ms", ms(time));
    Ok(())
}

/// Every page of `sources`, read now and held.
fn held_pages(sources: &Sources) -> Vec<SourceFile> {
    sources.iter().map(|(id, _)| SourceFile::clone(&sources.get(id))).collect()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn median(durations: impl Iterator<Item = Duration>) -> Duration {
    let mut all: Vec<Duration> = durations.collect();
    all.sort();
    all[all.len() / 2]
}

fn median_f64(values: impl Iterator<Item = f64>) -> f64 {
    let mut all: Vec<f64> = values.collect();
    all.sort_by(f64::total_cmp);
    all[all.len() / 2]
}

fn time_codegen(pages: Vec<SourceFile>) -> Duration {
    time_codegen_on_demand(Sources::new(pages))
}

/// The pipeline over `sources`, each file handed on as it is printed (as
/// `codegen` writes it) and counted.
fn time_codegen_on_demand(sources: Sources) -> Duration {
    let options = Options::new("bench".into(), Layout::Workspace);
    let start = Instant::now();
    let mut bytes = 0;
    let generation =
        generate_into(&sources, &options, &mut |_, _| {}, &mut |file| bytes += file.contents.len());
    let elapsed = start.elapsed();
    assert!(!generation.has_errors(), "the benchmark pages have errors");
    assert!(bytes > 0, "the benchmark pages generate nothing");
    elapsed
}

/// Each stage's median time over `runs` runs, as the library reports them.
fn median_stages(runs: usize, pages: &[SourceFile]) -> Vec<(Stage, Duration)> {
    let options = Options::new("bench".into(), Layout::Workspace);
    let mut all: Vec<Vec<(Stage, Duration)>> = Vec::new();
    for _ in 0..runs {
        let mut times = Vec::new();
        let sources = Sources::new(pages.to_vec());
        generate_with(&sources, &options, &mut |stage, time| times.push((stage, time)));
        all.push(times);
    }
    let mut medians = all[0].clone();
    for (i, (_, time)) in medians.iter_mut().enumerate() {
        let mut times: Vec<Duration> = all.iter().map(|run| run[i].1).collect();
        times.sort();
        *time = times[runs / 2];
    }
    medians
}

fn time_parse(pages: &[SourceFile]) -> Duration {
    let start = Instant::now();
    let mut events = 0usize;
    for page in pages {
        events += Parser::new_ext(&page.text, markdown_options()).into_offset_iter().count();
    }
    let elapsed = start.elapsed();
    assert!(events > 0);
    elapsed
}

/// `factor` copies of every page, read on demand: copy `k` of
/// `x-resources.md` is `copies/x-k-resources.md`, so every copy is a page
/// (and a module) of its own. A copy's bytes are made when the generator
/// asks for them, from the page's text (the reference is all UTF-8).
fn copies(pages: Vec<SourceFile>, factor: usize) -> Sources {
    let mut listed = Vec::with_capacity(pages.len() * factor);
    let mut origin: HashMap<String, usize> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        for k in 0..factor {
            let path = match k {
                0 => page.path.clone(),
                _ => format!("copies/{}", copy_name(page.file_name(), k)),
            };
            origin.insert(path.clone(), i);
            listed.push((path, page.role));
        }
    }
    Sources::on_demand(listed, move |path| {
        let page = origin.get(path).ok_or_else(|| format!("{path} is no copy"))?;
        Ok(pages[*page].text.clone().into_bytes())
    })
}

/// The file name of copy `k` of a page.
fn copy_name(name: &str, k: usize) -> String {
    match name.strip_suffix("-resources.md") {
        Some(stem) => format!("{stem}-{k}-resources.md"),
        None => format!("{}-{k}.md", name.trim_end_matches(".md")),
    }
}

/// With the crate generated into `out`, writes the same structs with plain
/// derives into `bench-plain` in the target directory, builds their
/// dependencies, then times `cargo check` of the models crate alone with
/// every page and with the feature of one page, and of the plain one.
fn check_times(root: &Path, out: &Path, sources: &Sources) -> Result<(), String> {
    let plain_dir = target_dir(root).join("bench-plain");
    plain::write_crate(sources, &plain_dir, &root.join("crates/partner-center-support"))?;
    let one_page = if std::fs::read_to_string(out.join("models/Cargo.toml"))
        .is_ok_and(|t| t.contains("\ncustomer = "))
    {
        "customer"
    } else {
        "utility"
    };
    println!("cargo check of the models crate (dependencies already built), best of 3:");
    let generated = |features: &'static str, args: Vec<&'static str>| {
        (out, "partner-center-models", "generated (members!)", features, args)
    };
    let runs = [
        generated("all pages", vec!["--all-features"]),
        generated(one_page, vec!["--no-default-features", "--features", one_page]),
        (plain_dir.as_path(), "plain-models", "plain derives", "all pages", vec![]),
    ];
    for (dir, package, label, features, extra) in runs {
        let mut args = vec!["check", "--quiet", "-p", package];
        args.extend(extra);
        eprintln!(
            "  (cargo check of {package} in {}: building its dependencies first...)",
            dir.display()
        );
        cargo(dir, &args)?; // builds the dependencies
        let mut best = Duration::MAX;
        for _ in 0..3 {
            cargo(dir, &["clean", "--quiet", "-p", package])?;
            best = best.min(cargo(dir, &args)?);
        }
        println!("  {label:<22} {features:<10} {:>6.2} s", best.as_secs_f64());
    }
    Ok(())
}

/// Runs cargo in `dir`, returning how long it took.
fn cargo(dir: &Path, args: &[&str]) -> Result<Duration, String> {
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "error: cargo {args:?} in {} failed:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(start.elapsed())
}
