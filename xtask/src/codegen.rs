//! `cargo xtask codegen`: reads the pages, runs the generator library,
//! prints its diagnostics and the change report, and writes (or checks)
//! the generated files through [`Staged`].

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use partner_center_codegen::{
    Colors, Dependency, Diagnostic, Generation, Layout, Options, SURFACE_FILE, Sources, Surface,
    changes, diagnostics, report,
};

use crate::Failure;
use crate::flags::{CodegenOptions, MessageFormat, Mode, PagesOptions, ReportFormat};
use crate::pages::{docs_dir, read_pages};
use crate::paths::{display, workspace_root};
use crate::write::Staged;

pub(crate) fn run(options: &CodegenOptions) -> Result<(), Failure> {
    let root = workspace_root();
    let docs = docs_dir(&options.input, &root);
    let sources = read_pages(&docs, &options.input, &root)?;
    // Without --out, the workspace's own crates; with it, crates of their
    // own in that folder.
    let (out, layout) = match &options.out {
        None => (root.clone(), Layout::Workspace),
        Some(out) => {
            (out.clone(), standalone_layout(out, &root, options.runtime_version.as_deref())?)
        }
    };
    // The crates as they are now: their names are kept, and the change
    // report compares against them.
    let stored = Stored::read(&out, &layout);
    let mut codegen_options = Options::new(display(&docs, &root), layout.clone());
    if let Ok(names) = stored.kept_names(&layout) {
        codegen_options.kept_names = names;
    }
    // Each file is looked at against the disk, and staged, as it comes.
    let mut staged = Staged::new(&out, &display(&out, &root), options.mode);
    let mut generation = partner_center_codegen::generate_into(
        &sources,
        &codegen_options,
        &mut |_, _| {},
        &mut |file| staged.add(file),
    );
    // The project's own allowances (codegen.toml) hold for its own pages.
    let mut allowed = options.allow.clone();
    if options.input.docs.is_none() {
        allowed.extend(crate::allowances::read(&root)?);
    }
    generation.diagnostics.retain(|d| !allowed.contains(&d.code));
    print_diagnostics(&generation.diagnostics, &sources, options.message_format);
    if options.report {
        print!("{}", report::render(&generation.model, &sources));
        print!("{}", report::render_operations(&generation.model, &sources));
    }
    if options.mode == Mode::DumpIr {
        staged.discard();
        let json = serde_json::to_string_pretty(&generation.model).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(());
    }
    let docs_shown = display(&docs, &root);
    if generation.has_errors() {
        staged.discard();
        return Err(Failure::Docs(format!(
            "error: the pages in {docs_shown} have errors; nothing was written"
        )));
    }
    if options.deny_warnings && !generation.diagnostics.is_empty() {
        staged.discard();
        return Err(Failure::Docs(format!(
            "error: the pages in {docs_shown} have warnings and --deny-warnings is on; \
             nothing was written\nhelp: fix them, or leave a code out with --allow CODE"
        )));
    }
    // The library's layout is the committed text: no formatter runs here.
    let title = format!(
        "Changes to the crates: the pages against {}",
        display(&out.join(layout.models_dir()).join(SURFACE_FILE), &root)
    );
    let report =
        change_report(&generation, &staged, &sources, &stored, (&out, &root), &title, options);
    let generated_dirs = generation.generated_dirs(&layout);
    let changes = staged.finish(&generated_dirs, options.force)?;
    // The report is output (stdout); diagnostics and the diff are messages
    // (stderr), unless stdout holds the JSON diagnostics.
    if let Some(report) = &report {
        match options.message_format {
            MessageFormat::Human => print!("{report}"),
            MessageFormat::Json => eprint!("{report}"),
        }
    }
    match options.mode {
        Mode::Check if !changes.is_empty() => Err(Failure::Drift(format!(
            "{}\nerror: {} generated file(s) in {} are out of date; run `cargo xtask codegen`",
            changes.diff,
            changes.paths.len(),
            display(&out, &root)
        ))),
        Mode::Check => Ok(()),
        _ => {
            eprintln!(
                "{} file(s) generated from {} pages in {docs_shown} into {}, {} changed",
                generation.paths.len(),
                generation.model.pages.len(),
                display(&out, &root),
                changes.paths.len()
            );
            Ok(())
        }
    }
}

/// The stored surfaces of the crates in `out` (each crate's `model.json`):
/// which there are (paths relative to `out`), each read when asked for. A
/// run that changes nothing reads only the models crate's, for its names,
/// and lets go of it before generating.
struct Stored {
    out: PathBuf,
    files: Vec<String>,
}

/// Where a crate in folder `dir` of the output stores its surface.
fn surface_path(dir: &str) -> String {
    format!("{dir}/{SURFACE_FILE}")
}

impl Stored {
    fn read(out: &Path, layout: &Layout) -> Stored {
        let files = [layout.models_dir(), layout.client_dir()]
            .into_iter()
            .map(surface_path)
            .filter(|path| out.join(path).is_file())
            .collect();
        Stored { out: out.to_owned(), files }
    }

    /// The text of the stored surface at `path`, if it can be read.
    fn text(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.out.join(path)).ok()
    }

    /// The names the crates have, which a regeneration keeps: those of
    /// their types, which only the models crate has (the operations
    /// crate's file, a third of the bytes, is not read for them).
    fn kept_names(&self, layout: &Layout) -> Result<BTreeSet<(String, String)>, serde_json::Error> {
        let models = surface_path(layout.models_dir());
        match self.files.iter().find(|path| **path == models).and_then(|path| self.text(path)) {
            Some(text) => Surface::kept_names_in(&text),
            None => Ok(BTreeSet::new()),
        }
    }

    /// The stored surfaces merged into one: `None` before a first run, an
    /// error message when one cannot be read.
    fn surface(&self, out: &Path, root: &Path) -> Option<Result<Surface, String>> {
        let mut merged: Option<Surface> = None;
        for path in &self.files {
            // One that went missing since the run began counts as none.
            let Some(text) = self.text(path) else { continue };
            match Surface::from_json(&text) {
                Ok(surface) => {
                    merged = Some(match merged {
                        Some(old) => old.merged(surface),
                        None => surface,
                    })
                }
                Err(error) => {
                    let shown = display(&out.join(path), root);
                    return Some(Err(format!("{shown} cannot be read ({error})")));
                }
            }
        }
        merged.map(Ok)
    }

    /// True when the run writes exactly the surfaces stored (`paths` it
    /// generated, each found the same on disk as it came): nothing a user
    /// sees changed, and there is nothing to compare.
    fn unchanged_by(&self, paths: &[String], staged: &Staged) -> bool {
        let written = paths.iter().filter(|p| p.ends_with(&format!("/{SURFACE_FILE}"))).count();
        !self.files.is_empty()
            && written == self.files.len()
            && self.files.iter().all(|path| staged.unchanged(path))
    }
}

/// What the run changes for users of the crates: their stored surface
/// against the new model's. `None` when there is no stored surface yet (a
/// first run), or when nothing changed and no report format was asked for.
fn change_report(
    generation: &Generation,
    staged: &Staged,
    sources: &Sources,
    stored: &Stored,
    (out, root): (&Path, &Path),
    title: &str,
    options: &CodegenOptions,
) -> Option<String> {
    let report = if stored.unchanged_by(&generation.paths, staged) {
        changes::Report::default()
    } else {
        let old = match stored.surface(out, root)? {
            Ok(old) => old,
            Err(error) => return Some(format!("{title}\nnote: {error}; no change report\n")),
        };
        changes::compare(&old, &generation.surface)
    };
    if report.is_empty() && !options.report_asked {
        return None;
    }
    let pages = changes::Pages { old: None, new: sources };
    Some(render_report(&report, pages, title, options.report_format))
}

/// A change report in the chosen format, followed by a blank line.
pub(crate) fn render_report(
    report: &changes::Report,
    pages: changes::Pages<'_>,
    title: &str,
    format: ReportFormat,
) -> String {
    let text = match format {
        ReportFormat::Text => changes::render_text(report, pages, title),
        ReportFormat::Markdown => changes::render_markdown(report, pages, title),
    };
    text + "\n"
}

/// Diagnostics as text on stderr (coloured on a terminal), or as JSON lines
/// on stdout.
pub(crate) fn print_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    format: MessageFormat,
) {
    match format {
        MessageFormat::Json => print!("{}", diagnostics::render_json(diagnostics, sources)),
        MessageFormat::Human if diagnostics.is_empty() => {}
        MessageFormat::Human => {
            let colors = if std::io::stderr().is_terminal() { Colors::Ansi } else { Colors::Never };
            eprint!("{}", diagnostics::render(diagnostics, sources, colors));
        }
    }
}

/// Generates the crate for the pages in `docs` (chosen by `input.pages`)
/// into `out`, as `cargo xtask codegen --docs DOCS --out OUT` does.
pub(crate) fn write_crate(input: &PagesOptions, docs: &Path, out: &Path) -> Result<(), String> {
    run(&CodegenOptions {
        input: PagesOptions {
            docs: Some(docs.to_owned()),
            pages: input.pages.clone(),
            with: input.with.clone(),
        },
        out: Some(out.to_owned()),
        ..CodegenOptions::default()
    })
    .map_err(|failure| failure.message().to_owned())
}

/// The layout of crates written to `out`: each names the runtime crates of
/// this workspace by a path relative to `out` (absolute where the two share
/// no root).
fn standalone_layout(out: &Path, root: &Path, version: Option<&str>) -> Result<Layout, String> {
    if let Some(version) = version {
        return Ok(Layout::Standalone {
            support: Dependency::Version(version.to_owned()),
            http: Dependency::Version(version.to_owned()),
        });
    }
    Ok(Layout::Standalone {
        support: Dependency::Path(relative_path(out, &root.join("crates/partner-center-support"))?),
        http: Dependency::Path(relative_path(out, &root.join("crates/partner-center-http"))?),
    })
}

/// `to` as seen from the folder `from`: relative where the two share a
/// root, absolute otherwise.
fn relative_path(from: &Path, to: &Path) -> Result<String, String> {
    std::fs::create_dir_all(from)
        .map_err(|e| format!("error: cannot create {}: {e}", from.display()))?;
    let from = from.canonicalize().map_err(|e| e.to_string())?;
    let to = to.canonicalize().map_err(|e| e.to_string())?;
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    if common <= 1 {
        return Ok(to.to_string_lossy().replace('\\', "/"));
    }
    let ups = from.components().count() - common;
    let mut relative: Vec<String> = vec!["..".to_owned(); ups];
    relative
        .extend(to.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Ok(relative.join("/"))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;

    use super::*;
    use partner_center_codegen::{Code, GENERATED_DIR};

    /// `docs-src/customer-resources.md` is the page the project started from
    /// and stays byte for byte the seed in `../shared`.
    #[test]
    #[ignore = "needs ../shared/seed beside the project: cargo test -- --include-ignored"]
    fn the_seed_page_is_kept_byte_for_byte() {
        let root = workspace_root();
        let seed = root.join("../shared/seed/customer-resources.md");
        let expected = std::fs::read(&seed)
            .unwrap_or_else(|e| panic!("this test needs the seed page at {}: {e}", seed.display()));
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
            panic!("{}", failure.message());
        }
    }

    /// A scratch folder in the target directory holding a copy of the test
    /// pages (`xtask/tests/docs`, not `docs-src/`: editing the project's
    /// pages must break none of these tests).
    pub(super) fn scratch(name: &str) -> (PathBuf, PathBuf, PathBuf) {
        let root = workspace_root();
        let dir = crate::paths::target_dir(&root).join("xtask-tests").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        let docs = dir.join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        for entry in std::fs::read_dir(root.join("xtask/tests/docs")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, docs.join(path.file_name().unwrap())).unwrap();
        }
        (root, docs, dir.join("crate"))
    }

    /// `text` with the scratch folder of test `name` shown as `<scratch>`,
    /// wherever the target directory is.
    pub(super) fn scrubbed(text: &str, name: &str) -> String {
        let root = workspace_root();
        let dir = crate::paths::target_dir(&root).join("xtask-tests").join(name);
        text.replace(&display(&dir, &root), "<scratch>")
    }

    pub(super) fn options(docs: &Path, out: &Path) -> CodegenOptions {
        CodegenOptions {
            input: PagesOptions { docs: Some(docs.to_owned()), ..PagesOptions::default() },
            out: Some(out.to_owned()),
            ..CodegenOptions::default()
        }
    }

    /// Every file under `dir` with its bytes, in path order.
    pub(crate) fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push((path.clone(), std::fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn a_failing_run_leaves_the_crate_byte_identical() {
        let (_, docs, out) = scratch("failing-run");
        run(&options(&docs, &out)).unwrap();
        let before = snapshot(&out);
        assert!(before.len() > 3, "the first run wrote the crate");

        // An edit that would change a module, next to a page with an error.
        let customer = docs.join("customer-resources.md");
        let text = std::fs::read_to_string(&customer).unwrap();
        std::fs::write(&customer, text.replace("The commerce ID.", "The commerce identifier."))
            .unwrap();
        std::fs::write(
            docs.join("broken-resources.md"),
            "# Broken\n\n## Broken\n\n| Type | Description |\n|--|--|\n| string | x |\n",
        )
        .unwrap();
        let failure = run(&options(&docs, &out)).unwrap_err();
        assert!(matches!(failure, Failure::Docs(_)), "{failure:?}");
        assert!(snapshot(&out) == before, "a failing run changed the crate");

        // Warnings alone are fatal under --deny-warnings, and nothing is written.
        std::fs::write(
            docs.join("broken-resources.md"),
            "# Broken\n\n## BrokenThing\n\nIts table is missing.\n",
        )
        .unwrap();
        let denying = CodegenOptions { deny_warnings: true, ..options(&docs, &out) };
        assert!(matches!(run(&denying), Err(Failure::Docs(_))));
        assert!(snapshot(&out) == before, "a denied run changed the crate");

        // The same run passes when the warning's code is allowed.
        let allowing = CodegenOptions { allow: vec![Code::HeadingWithoutTable], ..denying };
        run(&allowing).unwrap();
        assert!(snapshot(&out) != before, "the edit was written");
    }

    /// `--out` into a folder holding files the generator did not write:
    /// the run stops, naming them, and writes nothing; `--force` replaces.
    #[test]
    fn files_without_the_generated_header_are_kept_unless_forced() {
        let (_, docs, out) = scratch("foreign-files");
        run(&options(&docs, &out)).unwrap();
        let lib = out.join("models/src/lib.rs");
        let own_module = out.join("models").join(GENERATED_DIR).join("mine.rs");
        std::fs::write(&lib, "//! My own crate root.\n").unwrap();
        std::fs::write(&own_module, "//! My own module.\n").unwrap();
        let customer = docs.join("customer-resources.md");
        let text = std::fs::read_to_string(&customer).unwrap();
        std::fs::write(&customer, text.replace("The customer ID.", "The customer's ID.")).unwrap();
        let before = snapshot(&out);

        let Err(Failure::Io(message)) = run(&options(&docs, &out)) else {
            panic!("the run replaced a file it did not write")
        };
        let message = scrubbed(&message, "foreign-files");
        assert!(
            message.starts_with("error: 2 file(s) in <scratch>/crate were not written"),
            "{message}"
        );
        assert!(message.contains("  <scratch>/crate/models/src/lib.rs\n"), "{message}");
        assert!(message.contains("  <scratch>/crate/models/src/generated/mine.rs\n"), "{message}");
        assert!(snapshot(&out) == before, "a stopped run changed the crate");

        run(&CodegenOptions { force: true, ..options(&docs, &out) }).unwrap();
        assert!(std::fs::read_to_string(&lib).unwrap().contains("@generated"));
        assert!(!own_module.exists());
    }

    /// `--out` with `--runtime-version`: the crates name the runtime crates
    /// by version, so they hold no path out of their folder and can move.
    #[test]
    fn a_crate_can_name_the_runtime_by_version() {
        let (_, docs, out) = scratch("by-version");
        let options =
            CodegenOptions { runtime_version: Some("0.1.0".into()), ..options(&docs, &out) };
        run(&options).unwrap();
        let models = std::fs::read_to_string(out.join("models/Cargo.toml")).unwrap();
        assert!(models.contains("partner-center-support = { version = \"0.1.0\" }"), "{models}");
        assert!(!models.contains("path ="), "{models}");
    }

    #[test]
    fn a_clean_run_removes_the_modules_of_a_deleted_page() {
        let (_, docs, out) = scratch("deleted-page");
        run(&options(&docs, &out)).unwrap();
        let user = out.join("models").join(GENERATED_DIR).join("user.rs");
        assert!(user.exists());

        std::fs::remove_file(docs.join("user-resources.md")).unwrap();
        let check = CodegenOptions { mode: Mode::Check, ..options(&docs, &out) };
        let drift = run(&check).unwrap_err();
        assert!(
            matches!(&drift, Failure::Drift(m) if m.contains("stale file: models/src/generated/user.rs"))
        );
        assert!(user.exists(), "--check deleted a file");

        run(&options(&docs, &out)).unwrap();
        assert!(!user.exists(), "the deleted page's module is still there");
        let module_list =
            std::fs::read_to_string(out.join("models").join(GENERATED_DIR).join("mod.rs")).unwrap();
        assert!(!module_list.contains("mod user"), "{module_list}");
        let leftovers: Vec<_> = snapshot(&out)
            .into_iter()
            .filter(|(p, _)| p.to_string_lossy().ends_with(".codegen-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left behind");
        run(&check).unwrap();
    }

    /// An unchanged run prints an empty report when one was asked for, and
    /// nothing otherwise; whether the stored surface is the text the run
    /// writes (nothing is compared) or the same surface written otherwise.
    #[test]
    fn a_report_asked_for_is_printed_even_when_nothing_changed() {
        let (root, docs, out) = scratch("empty-report");
        let sources = read_pages(&docs, &PagesOptions::default(), &root).unwrap();
        let options = Options::new("models".into(), Layout::Workspace);
        let generation = partner_center_codegen::generate(&sources, &options);
        let surfaces = generation.files.iter().filter(|f| f.path.ends_with("/model.json"));
        let compact = |text: &str| {
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(text).unwrap())
                .unwrap()
        };
        // The stored surfaces on disk, as written or reformatted, and the
        // run's files looked at against them.
        let stored_as = |folder: &str, reformat: bool| {
            let out = out.join(folder);
            for file in surfaces.clone() {
                let text = if reformat { compact(&file.contents) } else { file.contents.clone() };
                std::fs::create_dir_all(out.join(&file.path).parent().unwrap()).unwrap();
                std::fs::write(out.join(&file.path), text).unwrap();
            }
            let mut staged = Staged::new(&out, folder, Mode::Check);
            generation.files.iter().for_each(|file| staged.add(file.clone()));
            (Stored::read(&out, &Layout::Workspace), staged)
        };
        let ((as_written, same), (reformatted, other)) =
            (stored_as("same", false), stored_as("other", true));
        assert!(as_written.unchanged_by(&generation.paths, &same));
        assert!(!reformatted.unchanged_by(&generation.paths, &other));
        let report = |asked: Option<ReportFormat>| {
            let options = CodegenOptions {
                report_format: asked.unwrap_or_default(),
                report_asked: asked.is_some(),
                ..CodegenOptions::default()
            };
            let of = |stored, staged| {
                change_report(
                    &generation,
                    staged,
                    &sources,
                    stored,
                    (&root, &root),
                    "Changes",
                    &options,
                )
            };
            let report = of(&as_written, &same);
            assert_eq!(report, of(&reformatted, &other));
            report
        };
        assert_eq!(report(None), None);
        expect_test::expect![[r#"
            ### Changes

            Implied version bump: **none** (0 breaking, 0 additive, 0 docs-only).

        "#]]
        .assert_eq(&report(Some(ReportFormat::Markdown)).unwrap());
        expect_test::expect![[r#"
            Changes
            no changes to the crates
            implied version bump: none (0 breaking, 0 additive, 0 docs-only)

        "#]]
        .assert_eq(&report(Some(ReportFormat::Text)).unwrap());
    }

    /// Five kinds of edit to docs-src: `--check` names each in words, with
    /// its file:line and the implied bump, before the text diff.
    #[test]
    fn check_reports_what_edits_change_for_users() {
        let (_, docs, out) = scratch("change-report");
        run(&options(&docs, &out)).unwrap();
        let edit = |page: &str, from: &str, to: &str| {
            let path = docs.join(page);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{page} has no `{from}`");
            std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        };
        edit(
            "utility-resources.md",
            "| region       | string | n/a               | Region within the country.         |\n",
            "",
        );
        edit(
            "utility-resources.md",
            "| length   | int  | Number of characters in the secret. |",
            "| length   | int  | Number of characters in the secret. |\n| hint     | string | A reminder the user chose. |",
        );
        edit("utility-resources.md", "| value    | string |", "| value    | object |");
        edit("utility-resources.md", "City or town.", "The city or town.");
        edit("customer-resources.md", "`syndication` or", "`syndication`, `distributor` or");

        let check = CodegenOptions { mode: Mode::Check, ..options(&docs, &out) };
        let Err(Failure::Drift(message)) = run(&check) else { panic!("no drift found") };
        let message = scrubbed(&message, "change-report");
        assert!(message.contains("--- a/<scratch>/crate/models/model.json"), "{message}");

        // The report is the command's output: stdout, apart from the
        // diagnostics and the diff on stderr.
        let output = std::process::Command::new(env!("CARGO"))
            .args(["run", "--quiet", "-p", "xtask", "--", "codegen", "--check", "--docs"])
            .arg(&docs)
            .arg("--out")
            .arg(&out)
            .current_dir(workspace_root())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(3), "{}", String::from_utf8_lossy(&output.stderr));
        let stdout = scrubbed(&String::from_utf8_lossy(&output.stdout), "change-report");
        let report = stdout.trim_end();
        expect_test::expect![[r#"
            Changes to the crates: the pages against <scratch>/crate/models/model.json
            breaking   <scratch>/docs/utility-resources.md:5:1: field removed: `Address.region` (`region`, `String`)
            breaking   <scratch>/docs/utility-resources.md:22:1: field type changed: `KeyValuePair.value`: `String` -> `Value`
            additive   <scratch>/docs/customer-resources.md:15:95: enum value added: `CustomerRelationshipToPartner::Distributor` (`distributor`), which decoded to the fallback variant before
            additive   <scratch>/docs/utility-resources.md:31:1: field added: `SecureString.hint` (`hint`, `String`)
            docs-only  <scratch>/docs/customer-resources.md:15:1: docs changed: `Customer.relationship_to_partner`
            docs-only  <scratch>/docs/customer-resources.md:15:1: docs changed: `CustomerRelationshipToPartner`
            docs-only  <scratch>/docs/utility-resources.md:12:1: docs changed: `Address.city`
            implied version bump: major (2 breaking, 2 additive, 3 docs-only)"#]]
        .assert_eq(report);
    }
}

#[cfg(test)]
mod stable_names {
    use partner_center_codegen::{Code, Colors, Layout};

    use super::tests::{options, scratch};
    use super::*;

    /// A page added later that defines `Address` too: the crate's `Address`
    /// keeps its name (users name it), the newcomer gets its page's prefix,
    /// and the warning shows both definitions.
    #[test]
    fn a_new_page_does_not_rename_a_type_the_crate_has() {
        let (root, docs, out) = scratch("stable-names");
        run(&options(&docs, &out)).unwrap();
        std::fs::write(
            docs.join("postal-resources.md"),
            "# Postal\n\n## Address\n\nAn address as the post office writes it.\n\n\
             | Property | Type | Description |\n|---|---|---|\n| street | string | The street. |\n",
        )
        .unwrap();

        let input = PagesOptions { docs: Some(docs.clone()), ..PagesOptions::default() };
        let sources = read_pages(&docs, &input, &root).unwrap();
        let layout = standalone_layout(&out, &root, None).unwrap();
        let stored = Stored::read(&out, &layout);
        let kept_names = stored.kept_names(&layout).unwrap();
        // Read on their own, the names are those of the whole surface.
        assert_eq!(kept_names, stored.surface(&out, &root).unwrap().unwrap().kept_names());
        let mut options = Options::new("docs".into(), layout);
        options.kept_names = kept_names;
        let generation = partner_center_codegen::generate(&sources, &options);
        let names: Vec<(&str, &str)> = generation
            .model
            .items
            .iter()
            .filter(|item| item.name.ends_with("Address"))
            .map(|item| (item.name.as_str(), generation.model.page(item.page).file_name.as_str()))
            .collect();
        assert_eq!(
            names,
            [("PostalAddress", "postal-resources.md"), ("Address", "utility-resources.md")]
        );
        let clash: Vec<_> =
            generation.diagnostics.into_iter().filter(|d| d.code == Code::NameClash).collect();
        let rendered = partner_center_codegen::diagnostics::render(&clash, &sources, Colors::Never);
        let rendered = super::tests::scrubbed(&rendered, "stable-names");
        expect_test::expect![[r#"
            warning[W0205]: `Address` is generated as `PostalAddress`
              ┌─ <scratch>/docs/postal-resources.md:3:1
              │
            3 │ ## Address
              │ ^^^^^^^^^^ another resource has a better claim to `Address`
              │
              ┌─ <scratch>/docs/utility-resources.md:5:1
              │
            5 │ ## Address
              │ ---------- `Address` is defined here, and the crate already calls it so
              │
              = note: a name the crate already has wins, then a heading that is exactly the name, then the page named after it, then page order
              = help: give the heading a name of its own to choose the Rust name yourself

            0 errors, 1 warning
        "#]]
        .assert_eq(&rendered);

        // Without the stored names, page order would have renamed it.
        let fresh = partner_center_codegen::generate(
            &sources,
            &Options::new("docs".into(), Layout::Workspace),
        );
        assert!(fresh.model.items.iter().any(|item| item.name == "UtilityAddress"));
    }
}
