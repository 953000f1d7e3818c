//! `cargo xtask codegen`: reads the pages, runs the generator library,
//! prints its diagnostics, and writes (or checks) the generated files.
//!
//! Writing and checking share one path, [`sync`]: it compares each file
//! with what is on disk, then either writes the differences or reports
//! them as a diff. So `--check` and the drift test can never disagree with
//! what a plain run would write.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use partner_center_codegen::emit::{GENERATED_DIR, GeneratedFile};
use partner_center_codegen::{
    Colors, DEFAULT_PAGES, Layout, Options, Role, SourceFile, Sources, diagnostics, glob_match,
    report,
};

use crate::flags::{CodegenOptions, Mode, PagesOptions};

/// The workspace root (the parent of `xtask/`).
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

pub(crate) fn run(options: &CodegenOptions) -> Result<(), String> {
    let root = workspace_root();
    let docs = docs_dir(&options.input, &root);
    let models = root.join("crates/partner-center-models");
    let out = options.out.clone().unwrap_or_else(|| models.clone());
    let sources = read_pages(&docs, options.input.pages.as_deref(), &root)?;
    let layout = if same_dir(&out, &models) {
        Layout::Workspace
    } else {
        Layout::Standalone { support_path: support_path(&out, &root)? }
    };
    let codegen_options = Options { docs_label: display(&docs, &root), layout };
    let generation = partner_center_codegen::generate(&sources, &codegen_options);

    if !generation.diagnostics.is_empty() {
        let colors = if std::io::stderr().is_terminal() { Colors::Ansi } else { Colors::Never };
        eprint!("{}", diagnostics::render(&generation.diagnostics, &sources, colors));
    }
    if options.report {
        print!("{}", report::render(&generation.model, &sources));
    }
    if options.mode == Mode::DumpIr {
        let json = serde_json::to_string_pretty(&generation.model).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(());
    }
    if generation.has_errors() {
        return Err(format!(
            "error: the pages in {} have errors; nothing was written",
            display(&docs, &root)
        ));
    }
    let files =
        generation.files.iter().map(|f| reformat(f, &root)).collect::<Result<Vec<_>, _>>()?;
    let changes = sync(&out, &display(&out, &root), &files, options.mode)?;
    match options.mode {
        Mode::Check if !changes.is_empty() => Err(format!(
            "{}\nerror: {} generated file(s) in {} are out of date; run `cargo xtask codegen`",
            changes.diff,
            changes.paths.len(),
            display(&out, &root)
        )),
        Mode::Check => Ok(()),
        _ => {
            eprintln!(
                "{} file(s) generated from {} pages in {} into {}, {} changed",
                generation.files.len(),
                generation.model.pages.len(),
                display(&docs, &root),
                display(&out, &root),
                changes.paths.len()
            );
            Ok(())
        }
    }
}

/// The pages' directory: `--docs`, or `docs-src/`.
pub(crate) fn docs_dir(input: &PagesOptions, root: &Path) -> PathBuf {
    input.docs.clone().unwrap_or_else(|| root.join("docs-src"))
}

/// The pages a command over the reference reads: `--docs`, else the
/// directory in `$PC_DOCS_DIR`.
pub(crate) fn reference_docs(input: &PagesOptions) -> Result<PathBuf, String> {
    match (&input.docs, std::env::var_os("PC_DOCS_DIR")) {
        (Some(docs), _) => Ok(docs.clone()),
        (None, Some(dir)) => Ok(dir.into()),
        (None, None) => Err("error: pass --docs DIR or set PC_DOCS_DIR".into()),
    }
}

/// Generates the crate for the pages in `docs` (chosen by `input.pages`)
/// into `out`, as `cargo xtask codegen --docs DOCS --out OUT` does.
pub(crate) fn write_crate(input: &PagesOptions, docs: &Path, out: &Path) -> Result<(), String> {
    run(&CodegenOptions {
        mode: Mode::Write,
        input: PagesOptions { docs: Some(docs.to_owned()), pages: input.pages.clone() },
        out: Some(out.to_owned()),
        report: false,
    })
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The support crate's path as seen from the crate directory `out`:
/// relative where the two share a root, absolute otherwise.
fn support_path(out: &Path, root: &Path) -> Result<String, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("error: cannot create {}: {e}", out.display()))?;
    let out = out.canonicalize().map_err(|e| e.to_string())?;
    let support =
        root.join("crates/partner-center-support").canonicalize().map_err(|e| e.to_string())?;
    let common = out.components().zip(support.components()).take_while(|(a, b)| a == b).count();
    if common <= 1 {
        return Ok(support.to_string_lossy().replace('\\', "/"));
    }
    let ups = out.components().count() - common;
    let mut relative: Vec<String> = vec!["..".to_owned(); ups];
    relative.extend(
        support.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(relative.join("/"))
}

/// Runs a generated Rust file through rustfmt, so that `cargo fmt --check`
/// agrees with the generator (prettyplease lays code out a little
/// differently). Other files pass unchanged.
fn reformat(file: &GeneratedFile, root: &Path) -> Result<GeneratedFile, String> {
    if !file.path.ends_with(".rs") {
        return Ok(file.clone());
    }
    let rustfmt = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_owned());
    let mut child = Command::new(&rustfmt)
        .args(["--edition", "2024", "--emit", "stdout", "--quiet", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("error: cannot run {rustfmt}: {e}\nhelp: rustup component add rustfmt")
        })?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(file.contents.as_bytes())
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "error: rustfmt rejected {}:\n{}",
            file.path,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let contents = String::from_utf8(output.stdout).map_err(|e| e.to_string())?;
    Ok(GeneratedFile { path: file.path.clone(), contents })
}

/// Reads every `*.md` page of `dir` (not recursing), in path order. Pages
/// whose file name matches `glob` (default [`DEFAULT_PAGES`]) become models;
/// the others are read for their JSON examples only.
pub(crate) fn read_pages(dir: &Path, glob: Option<&str>, root: &Path) -> Result<Sources, String> {
    let glob = glob.unwrap_or(DEFAULT_PAGES);
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("error: cannot read {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("error: cannot list {}: {e}", dir.display()))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if !name.ends_with(".md") || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "error: {} is not UTF-8 (byte {}); save it as UTF-8",
                display(&path, root),
                e.utf8_error().valid_up_to()
            )
        })?;
        files.push(if glob_match(glob, &name) {
            SourceFile::new(display(&path, root), text)
        } else {
            SourceFile::examples(display(&path, root), text)
        });
    }
    if !files.iter().any(|f| f.role == Role::Resources) {
        return Err(format!("error: no pages match `{glob}` in {}", display(dir, root)));
    }
    Ok(Sources::new(files))
}

/// A path as messages show it: relative to the workspace when inside it.
pub(crate) fn display(path: &Path, root: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// Files that differ from what is on disk, and their diff.
#[derive(Default)]
struct Changes {
    paths: Vec<String>,
    diff: String,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

/// Compares the generated files with `out`: files to create or change, and
/// stale files in the generated directory to delete. Writes them unless
/// `mode` is [`Mode::Check`]. `shown_out` is `out` as the diff shows it.
fn sync(
    out: &Path,
    shown_out: &str,
    files: &[GeneratedFile],
    mode: Mode,
) -> Result<Changes, String> {
    let mut changes = Changes::default();
    for file in files {
        let path = out.join(&file.path);
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old == file.contents {
            continue;
        }
        changes.paths.push(file.path.clone());
        if mode == Mode::Check {
            let diff = similar::TextDiff::from_lines(&old, &file.contents);
            let header =
                (format!("a/{shown_out}/{}", file.path), format!("b/{shown_out}/{}", file.path));
            write!(
                changes.diff,
                "{}",
                diff.unified_diff().context_radius(3).header(&header.0, &header.1)
            )
            .expect("writing to a String");
        } else {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("error: cannot create {}: {e}", parent.display()))?;
            }
            std::fs::write(&path, &file.contents)
                .map_err(|e| format!("error: cannot write {}: {e}", path.display()))?;
        }
    }
    let generated_dir = out.join(GENERATED_DIR);
    if let Ok(entries) = std::fs::read_dir(&generated_dir) {
        let mut stale: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let relative = format!(
                    "{GENERATED_DIR}/{}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                );
                !files.iter().any(|f| f.path == relative)
            })
            .collect();
        stale.sort();
        for path in stale {
            let relative = format!(
                "{GENERATED_DIR}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            if mode == Mode::Check {
                writeln!(changes.diff, "stale file: {relative} (no page generates it any more)")
                    .expect("writing to a String");
            } else {
                std::fs::remove_file(&path)
                    .map_err(|e| format!("error: cannot delete {}: {e}", path.display()))?;
            }
            changes.paths.push(relative);
        }
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs-src/customer-resources.md` is the page the project started from
    /// and stays byte for byte the seed in `../shared`.
    #[test]
    fn the_seed_page_is_kept_byte_for_byte() {
        let root = workspace_root();
        let seed = root.join("../shared/seed/customer-resources.md");
        let Ok(expected) = std::fs::read(&seed) else {
            eprintln!(
                "skipped: no seed at {} (../shared is not beside the project)",
                seed.display()
            );
            return;
        };
        let actual = std::fs::read(root.join("docs-src/customer-resources.md")).unwrap();
        assert!(
            actual == expected,
            "docs-src/customer-resources.md differs from {}",
            seed.display()
        );
    }

    /// The committed models are what `docs-src/` generates. If this fails,
    /// run `cargo xtask codegen` and commit the result.
    #[test]
    fn committed_models_match_the_pages() {
        let options = CodegenOptions { mode: Mode::Check, ..CodegenOptions::default() };
        if let Err(failure) = run(&options) {
            panic!("{failure}");
        }
    }
}
