//! `cargo xtask`: the project's own commands.
//!
//! - `cargo xtask codegen` regenerates the models crate from `docs-src/`.
//! - `cargo xtask codegen --check` changes nothing and fails, with a diff,
//!   if the committed models differ from what the pages give.
//! - `cargo xtask codegen --dump-ir` prints the intermediate model as JSON.
//! - `cargo xtask codegen --docs DIR --out DIR` generates a crate of its own
//!   from another docs folder (the whole reference, say).
//! - `cargo xtask diff-docs OLD NEW` prints what a docs update would change
//!   in the models for their users.
//! - `cargo xtask bench` times code generation; see `bench.rs`.
//! - `cargo xtask conformance` runs `partner-center conformance` over a docs
//!   folder with models generated from that folder; `cargo xtask replay`
//!   runs `partner-center replay` the same way.

mod allowances;
mod bench;
mod checks;
mod codegen;
mod diff_docs;
mod flags;
mod outside;
mod pages;
mod paths;
mod write;

use std::process::ExitCode;

/// Code generation makes and frees about 330,000 small blocks per run of
/// the reference. With mimalloc the whole run takes a sixth fewer
/// instructions than with the system allocator (callgrind: 321 M, was 385 M).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match flags::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", flags::USAGE);
            return ExitCode::from(2);
        }
    };
    if command != flags::Command::Help && paths::find_workspace_root().is_none() {
        let here = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
        eprintln!(
            "error: `cargo xtask` works on this project's workspace, and no folder from {here} \
             up holds one (a Cargo.toml beside xtask/Cargo.toml)\n\
             help: run it inside the project's clone"
        );
        return ExitCode::from(2);
    }
    let code = match command {
        flags::Command::Help => {
            println!("{}", flags::USAGE);
            ExitCode::SUCCESS
        }
        flags::Command::Codegen(options) => exit(codegen::run(&options)),
        flags::Command::DiffDocs(options) => exit(diff_docs::run(&options)),
        flags::Command::Bench(options) => finish(bench::run(&options)),
        flags::Command::Conformance(options) => {
            finish(checks::run(&options, checks::Check::Conformance))
        }
        flags::Command::Replay(options) => finish(checks::run(&options, checks::Check::Replay)),
        flags::Command::ParseOnly(options) => finish(bench::parse_only(&options)),
        flags::Command::Scaled(options, factor) => finish(bench::scaled(&options, factor)),
    };
    bench::report_usage();
    code
}

fn exit(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.message());
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Why `codegen` or `diff-docs` failed, which decides its exit code (see `flags::USAGE`).
#[derive(Debug)]
pub(crate) enum Failure {
    /// The pages have errors, or warnings that were denied: exit 1.
    Docs(String),
    /// A usage or I/O error: exit 2.
    Io(String),
    /// `--check` found generated files out of date: exit 3.
    Drift(String),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Docs(_) => 1,
            Failure::Io(_) => 2,
            Failure::Drift(_) => 3,
        }
    }

    /// What to print.
    pub(crate) fn message(&self) -> &str {
        let (Failure::Docs(message) | Failure::Io(message) | Failure::Drift(message)) = self;
        message
    }
}

/// Most failures are of I/O: files that cannot be read or written.
impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Io(message)
    }
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}
