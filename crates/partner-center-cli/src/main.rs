//! `partner-center`: call the Partner Center REST API and decode its JSON
//! with the generated crates.
//!
//! ```text
//! partner-center decode TYPE [FILE|-] [--unknown] [--strict]
//! partner-center types
//! partner-center operations
//! partner-center call NAME [--param NAME=VALUE]... [--body FILE|-] [--base-url URL] [--all-pages]
//! partner-center conformance DIR [--pages GLOB] [--with PAGE]...
//! partner-center replay DIR [--pages GLOB] [--with PAGE]...
//! ```
//!
//! Exit status: 0 on success; 1 when the input is not what was asked for,
//! a call fails (the service's error, or no response), or a check finds
//! failures; 2 on a usage or I/O error.

mod call;
#[cfg(feature = "checks")]
mod compare;
#[cfg(feature = "checks")]
mod conformance;
mod decode;
#[cfg(feature = "checks")]
mod pages;
#[cfg(feature = "checks")]
mod replay;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use partner_center_models::{RESOURCES, Resource, SUPPORT_RESOURCES};

/// Call the Partner Center REST API and decode its JSON with the typed
/// models generated from its reference pages.
#[derive(Debug, Parser)]
#[command(name = "partner-center", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode JSON as a resource and print it encoded again, as the models
    /// understood it.
    Decode(decode::Args),
    /// List the resources this build knows.
    Types,
    /// List the operations this build can call: name, method, path.
    Operations,
    /// Call an operation (the token comes from PARTNER_CENTER_TOKEN) and
    /// print its decoded response as JSON.
    Call(call::Args),
    /// Decode every JSON example of a docs folder, encode it again and
    /// compare: a table per page.
    #[cfg(feature = "checks")]
    Conformance(PagesArgs),
    /// Replay every operation's documented request against a local server
    /// that answers with the documented response: a table per page.
    #[cfg(feature = "checks")]
    Replay(PagesArgs),
}

/// A docs folder, as the models were generated from it.
#[derive(Debug, clap::Args)]
#[cfg(feature = "checks")]
pub(crate) struct PagesArgs {
    /// The docs folder.
    pub(crate) dir: String,
    /// The pages whose tables are models (as for `cargo xtask codegen`).
    #[arg(long, value_name = "GLOB", default_value = "*-resources.md")]
    pub(crate) pages: String,
    /// A resource page read beside DIR's, as the models were generated
    /// with it; repeatable.
    #[arg(long = "with", value_name = "PAGE")]
    pub(crate) with: Vec<String>,
}

/// What went wrong, and the exit status it earns.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad arguments, or a file that cannot be read: status 2.
    Usage(String),
    /// The input is not what was asked for, or a call failed: status 1.
    Input(String),
    /// A report that found failures: printed as it is, status 1.
    #[cfg(feature = "checks")]
    Report(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
        #[cfg(feature = "checks")]
        Err(Failure::Report(report)) => {
            print!("{report}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Decode(args) => decode::run(&args),
        Command::Types => {
            print!("{}", types());
            Ok(())
        }
        Command::Operations => {
            print!("{}", call::list());
            Ok(())
        }
        Command::Call(args) => call::run(&args),
        #[cfg(feature = "checks")]
        Command::Conformance(args) => conformance::run(&args),
        #[cfg(feature = "checks")]
        Command::Replay(args) => replay::run(&args),
    }
}

/// Every type a body can be decoded as: the generated resources, then the
/// hand-written ones (the error body).
fn all_resources() -> impl Iterator<Item = &'static Resource> {
    RESOURCES.iter().chain(SUPPORT_RESOURCES)
}

fn types() -> String {
    let width = all_resources().map(|r| r.name.len()).max().unwrap_or(0);
    all_resources().map(|r| format!("{:width$}  {}\n", r.name, r.page)).collect()
}

/// The closest of `candidates` to `name`, if one is close.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(&c.to_lowercase(), &name.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(3))
        .min()
        .map(|(_, c)| c)
}

/// The resource called `name` (its name or an alias, any casing).
pub(crate) fn find(name: &str) -> Result<&'static Resource, Failure> {
    if let Some(resource) = all_resources().find(|r| r.name == name) {
        return Ok(resource);
    }
    if let Some(resource) = all_resources().find(|r| r.is_called(name)) {
        return Ok(resource);
    }
    let hint = did_you_mean(name, all_resources().map(|r| r.name))
        .map(|nearest| format!("; did you mean `{nearest}`?"))
        .unwrap_or_default();
    Err(Failure::Usage(format!(
        "unknown resource `{name}`{hint} (`partner-center types` lists them)"
    )))
}

/// The text of `file`, or of standard input for `-`.
pub(crate) fn read_input(file: &str) -> Result<String, Failure> {
    use std::io::Read;
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::Usage(format!("cannot read {file}: {e}")))
    }
}
