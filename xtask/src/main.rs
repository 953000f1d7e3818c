//! `cargo xtask`: the project's own commands.
//!
//! - `cargo xtask codegen` regenerates the models crate from `docs-src/`.
//! - `cargo xtask codegen --check` changes nothing and fails, with a diff,
//!   if the committed models differ from what the pages give.
//! - `cargo xtask codegen --dump-ir` prints the intermediate model as JSON.
//! - `cargo xtask codegen --docs DIR --out DIR` generates a crate of its own
//!   from another docs folder (the whole reference, say).
//! - `cargo xtask bench` times code generation; see `bench.rs`.
//! - `cargo xtask conformance` runs `partner-center conformance` over a docs
//!   folder with models generated from that folder.

mod bench;
mod codegen;
mod conformance;
mod flags;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match flags::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", flags::USAGE);
            return ExitCode::from(2);
        }
    };
    match command {
        flags::Command::Help => {
            println!("{}", flags::USAGE);
            ExitCode::SUCCESS
        }
        flags::Command::Codegen(options) => finish(codegen::run(&options)),
        flags::Command::Bench(options) => finish(bench::run(&options)),
        flags::Command::Conformance(options) => finish(conformance::run(&options)),
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
