//! Command-line flags of `cargo xtask`.

use std::path::PathBuf;

/// Shown for `--help` and after a usage error.
pub(crate) const USAGE: &str = "\
usage: cargo xtask codegen [--check | --dump-ir] [--docs DIR] [--out DIR]

Generates the Rust models from the resource pages.

  --check       write nothing; fail with a diff if the output would change
  --dump-ir     print the intermediate model as JSON instead of writing
  --docs DIR    read the pages from DIR (default: docs-src/)
  --out DIR     write the crate to DIR (default: crates/partner-center-models)";

/// What to do.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command {
    Help,
    Codegen(CodegenOptions),
}

/// How `codegen` runs.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct CodegenOptions {
    pub(crate) mode: Mode,
    pub(crate) docs: Option<PathBuf>,
    pub(crate) out: Option<PathBuf>,
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
    match args.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("codegen") => {}
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let mut options = CodegenOptions::default();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("`{flag}` needs a directory"))
        };
        match arg.as_str() {
            "--check" => options.mode = Mode::Check,
            "--dump-ir" => options.mode = Mode::DumpIr,
            "--docs" => options.docs = Some(value("--docs")?),
            "--out" => options.out = Some(value("--out")?),
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    Ok(Command::Codegen(options))
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
            parse(&args("codegen --check --docs d --out o")),
            Ok(Command::Codegen(CodegenOptions {
                mode: Mode::Check,
                docs: Some("d".into()),
                out: Some("o".into())
            }))
        );
        assert_eq!(parse(&args("")), Ok(Command::Help));
    }

    #[test]
    fn rejects_unknown_input() {
        assert_eq!(
            parse(&args("codegen --frobnicate")),
            Err("unknown flag `--frobnicate`".into())
        );
        assert_eq!(parse(&args("build")), Err("unknown command `build`".into()));
        assert_eq!(
            parse(&args("codegen --docs")),
            Err("`--docs` needs a directory".into())
        );
    }
}
