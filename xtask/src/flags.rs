//! Command-line flags of `cargo xtask`.

use std::path::PathBuf;

use partner_center_codegen::{Code, Severity};

/// Shown for `--help` and after a usage error.
pub(crate) const USAGE: &str = "\
usage: cargo xtask codegen [--check | --dump-ir] [--docs DIR] [--out DIR] [--pages GLOB] [--report]
                           [--with PAGE]... [--deny-warnings] [--allow CODE]... [--message-format human|json]
                           [--report-format text|markdown] [--force] [--runtime-version VERSION]
       cargo xtask diff-docs OLD_DIR NEW_DIR [--pages GLOB] [--report-format text|markdown]
                             [--fail-on breaking|additive]
       cargo xtask bench [--docs DIR] [--pages GLOB]
       cargo xtask conformance [--docs DIR] [--pages GLOB] [--with PAGE]...
       cargo xtask replay [--docs DIR] [--pages GLOB] [--with PAGE]...

codegen: generate the Rust models from the resource pages.

  --check       write nothing; fail with a diff if the output would change
  --dump-ir     print the intermediate model as JSON instead of writing
  --docs DIR    read the pages from DIR (default: docs-src/)
  --out DIR     write the crate to DIR (default: crates/partner-center-models);
                elsewhere, a complete crate of its own is written
  --pages GLOB  only the pages whose file name matches (default: *-resources.md)
  --with PAGE   read PAGE as a resource page too, beside the folder's; repeatable
  --report      print per page what became of its tables and fields
  --runtime-version VERSION
                with --out: the crates depend on partner-center-support and
                partner-center-http by this version (a registry, or a git
                source you patch in) instead of by path to this workspace
  --force       replace or delete files in the output that carry no
                `@generated` header (without it, such files stop the run)
  --deny-warnings  treat warnings as errors: write nothing if there are any
  --allow CODE  leave out the warnings of this code (e.g. W0201); repeatable
  --message-format human|json
                print diagnostics as text on stderr (default) or as JSON
                lines on stdout, one object per diagnostic

  --report-format text|markdown
                how to print the change report: what the run changes in the
                models for their users, each change classified as breaking,
                additive or docs-only, and the version bump it implies;
                printed on stdout, and, with this flag, even when nothing
                changed

diff-docs: the same change report between two docs folders, touching
nothing (e.g. the reference today and an upstream update of it).

  --fail-on breaking|additive
                exit 3 if the report has a change of that class (additive:
                or a breaking one), for a CI gate

Reports go to stdout, diagnostics and progress to stderr (with
--message-format json, stdout holds only the diagnostics).

Exit codes: 0 done (or no drift), 1 the pages have errors (or denied
warnings), 2 usage or I/O error, 3 `--check` found drift (or diff-docs
found what --fail-on names).

bench: time code generation over the pages (default: $PC_DOCS_DIR) against
pulldown-cmark alone, at 1x, 10x and 100x their size, and `cargo check` of
the generated crate.

conformance: generate the models from the pages (default: $PC_DOCS_DIR)
and docs-src/undocumented-resources.md (the bodies the reference shows only
in examples) into target/pc-full, build the CLI against them and run
`partner-center conformance` over the pages.

replay: the same crates and CLI, then `partner-center replay` over the
pages: every operation's documented request sent by the generated client
to a local server that answers with the documented response.";

/// What to do.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command {
    Help,
    Codegen(CodegenOptions),
    Bench(PagesOptions),
    /// `__parse-only`: the floor `bench` measures codegen against.
    ParseOnly(PagesOptions),
    /// `__scaled --factor N`: one growth run of `bench`.
    Scaled(PagesOptions, usize),
    Conformance(PagesOptions),
    Replay(PagesOptions),
    DiffDocs(DiffOptions),
}

/// How `diff-docs` runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DiffOptions {
    pub(crate) old: PathBuf,
    pub(crate) new: PathBuf,
    pub(crate) pages: Option<String>,
    pub(crate) report_format: ReportFormat,
    /// The class of change that makes `diff-docs` fail.
    pub(crate) fail_on: Option<FailOn>,
}

/// What `diff-docs --fail-on` fails on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailOn {
    /// A breaking change.
    Breaking,
    /// Any change but docs: breaking or additive.
    Additive,
}

/// How the change report is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    /// One line a change.
    #[default]
    Text,
    /// Sections for a pull request or CHANGELOG.
    Markdown,
}

/// Which pages to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PagesOptions {
    pub(crate) docs: Option<PathBuf>,
    pub(crate) pages: Option<String>,
    /// Resource pages read beside the folder's (`--with PAGE`).
    pub(crate) with: Vec<PathBuf>,
}

/// How `codegen` runs.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct CodegenOptions {
    pub(crate) mode: Mode,
    pub(crate) input: PagesOptions,
    pub(crate) out: Option<PathBuf>,
    pub(crate) report: bool,
    pub(crate) deny_warnings: bool,
    /// Warnings left out, by code.
    pub(crate) allow: Vec<Code>,
    pub(crate) message_format: MessageFormat,
    pub(crate) report_format: ReportFormat,
    /// `--report-format` was given: the report is printed even when it
    /// finds no change (a file or PR comment made from it is never empty).
    pub(crate) report_asked: bool,
    /// Replace or delete files in the output that the generator did not
    /// write.
    pub(crate) force: bool,
    /// With `--out`: depend on the runtime crates by this version rather
    /// than by path to this workspace.
    pub(crate) runtime_version: Option<String>,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum MessageFormat {
    /// Rendered text with the source underlined, on stderr.
    #[default]
    Human,
    /// JSON lines on stdout.
    Json,
}

/// Whether `codegen` writes, checks or dumps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Mode {
    #[default]
    Write,
    Check,
    DumpIr,
}

pub(crate) fn parse(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter();
    let command = match args.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("diff-docs") => return parse_diff_docs(args.as_slice()),
        Some(
            command
            @ ("codegen" | "bench" | "conformance" | "replay" | "__parse-only" | "__scaled"),
        ) => command,
        Some(other) => return Err(format!("unknown command `{other}`")),
    };
    let only_pages = command != "codegen";
    let mut options = CodegenOptions::default();
    let mut factor = 1;
    while let Some(arg) = args.next() {
        let mut value =
            |flag: &str| args.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--docs" => options.input.docs = Some(value("--docs")?.into()),
            "--pages" => options.input.pages = Some(value("--pages")?),
            "--factor" if command == "__scaled" => {
                factor = value("--factor")?.parse().map_err(|_| "`--factor` needs a number")?;
            }
            "--with" => options.input.with.push(value("--with")?.into()),
            "--check" if !only_pages => options.mode = Mode::Check,
            "--dump-ir" if !only_pages => options.mode = Mode::DumpIr,
            "--out" if !only_pages => options.out = Some(value("--out")?.into()),
            "--report" if !only_pages => options.report = true,
            "--force" if !only_pages => options.force = true,
            "--runtime-version" if !only_pages => {
                options.runtime_version = Some(value("--runtime-version")?)
            }
            "--deny-warnings" if !only_pages => options.deny_warnings = true,
            "--allow" if !only_pages => options.allow.push(warning_code(&value("--allow")?)?),
            "--report-format" if !only_pages => {
                options.report_format = report_format(&value("--report-format")?)?;
                options.report_asked = true;
            }
            "--message-format" if !only_pages => {
                options.message_format = match value("--message-format")?.as_str() {
                    "human" => MessageFormat::Human,
                    "json" => MessageFormat::Json,
                    other => return Err(format!("unknown message format `{other}`")),
                }
            }
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    Ok(match command {
        "bench" => Command::Bench(options.input),
        "__parse-only" => Command::ParseOnly(options.input),
        "__scaled" => Command::Scaled(options.input, factor),
        "conformance" => Command::Conformance(options.input),
        "replay" => Command::Replay(options.input),
        _ => Command::Codegen(options),
    })
}

fn report_format(text: &str) -> Result<ReportFormat, String> {
    match text {
        "text" => Ok(ReportFormat::Text),
        "markdown" => Ok(ReportFormat::Markdown),
        other => Err(format!("unknown report format `{other}`")),
    }
}

fn parse_diff_docs(args: &[String]) -> Result<Command, String> {
    let mut options = DiffOptions::default();
    let mut folders = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value =
            |flag: &str| args.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--pages" => options.pages = Some(value("--pages")?),
            "--report-format" => options.report_format = report_format(&value("--report-format")?)?,
            "--fail-on" => {
                options.fail_on = Some(match value("--fail-on")?.as_str() {
                    "breaking" => FailOn::Breaking,
                    "additive" => FailOn::Additive,
                    other => {
                        return Err(format!(
                            "unknown class `{other}` for --fail-on (breaking or additive)"
                        ));
                    }
                })
            }
            "-h" | "--help" => return Ok(Command::Help),
            flag if flag.starts_with('-') => return Err(format!("unknown flag `{flag}`")),
            folder => folders.push(PathBuf::from(folder)),
        }
    }
    let [old, new] = <[PathBuf; 2]>::try_from(folders)
        .map_err(|_| "diff-docs needs two folders: OLD_DIR NEW_DIR".to_owned())?;
    options.old = old;
    options.new = new;
    Ok(Command::DiffDocs(options))
}

/// A warning code for `--allow`; errors cannot be allowed.
fn warning_code(text: &str) -> Result<Code, String> {
    match Code::parse(text) {
        Some(code) if code.severity() == Severity::Warning => Ok(code),
        Some(code) => Err(format!("`{code}` is an error; errors cannot be allowed")),
        None => Err(format!("`{text}` is no diagnostic code (see docs/diagnostics.md)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_codegen_flags() {
        assert_eq!(
            parse(&args("codegen --check --docs d --out o --pages *.md --with extra.md --report")),
            Ok(Command::Codegen(CodegenOptions {
                mode: Mode::Check,
                input: PagesOptions {
                    docs: Some("d".into()),
                    pages: Some("*.md".into()),
                    with: vec!["extra.md".into()],
                },
                out: Some("o".into()),
                report: true,
                ..CodegenOptions::default()
            }))
        );
        assert_eq!(
            parse(&args(
                "codegen --deny-warnings --allow W0201 --allow w0202 --message-format json"
            )),
            Ok(Command::Codegen(CodegenOptions {
                deny_warnings: true,
                allow: vec![Code::Mojibake, Code::BrokenLink],
                message_format: MessageFormat::Json,
                ..CodegenOptions::default()
            }))
        );
        assert_eq!(parse(&args("")), Ok(Command::Help));
        assert_eq!(
            parse(&args("diff-docs a b --report-format markdown --pages *.md --fail-on breaking")),
            Ok(Command::DiffDocs(DiffOptions {
                old: "a".into(),
                new: "b".into(),
                pages: Some("*.md".into()),
                report_format: ReportFormat::Markdown,
                fail_on: Some(FailOn::Breaking),
            }))
        );
        assert_eq!(
            parse(&args("diff-docs a b --fail-on docs")),
            Err("unknown class `docs` for --fail-on (breaking or additive)".into())
        );
        assert_eq!(
            parse(&args("bench --docs d")),
            Ok(Command::Bench(PagesOptions { docs: Some("d".into()), ..PagesOptions::default() }))
        );
    }

    #[test]
    fn rejects_unknown_input() {
        assert_eq!(parse(&args("codegen --frobnicate")), Err("unknown flag `--frobnicate`".into()));
        assert_eq!(parse(&args("build")), Err("unknown command `build`".into()));
        assert_eq!(parse(&args("codegen --docs")), Err("`--docs` needs a value".into()));
        assert_eq!(parse(&args("bench --check")), Err("unknown flag `--check`".into()));
        assert_eq!(
            parse(&args("codegen --allow E0101")),
            Err("`E0101` is an error; errors cannot be allowed".into())
        );
        assert_eq!(
            parse(&args("codegen --allow W9999")),
            Err("`W9999` is no diagnostic code (see docs/diagnostics.md)".into())
        );
        assert_eq!(
            parse(&args("diff-docs old")),
            Err("diff-docs needs two folders: OLD_DIR NEW_DIR".into())
        );
        assert_eq!(
            parse(&args("codegen --message-format xml")),
            Err("unknown message format `xml`".into())
        );
    }
}
