//! `partner-center`: decode Partner Center JSON with the typed models.
//!
//! ```text
//! partner-center decode TYPE [FILE|-] [--unknown]   decode JSON as TYPE, print it re-encoded
//! partner-center conformance DIR                    check every example of a docs folder
//! partner-center types                              list the resources it knows
//! ```
//!
//! Exit status: 0 on success, 1 when the input is not what was asked for
//! (or cannot be read, or a conformance check fails), 2 on a usage error.

#[cfg(feature = "conformance")]
mod conformance;
mod decode;

use std::process::ExitCode;

use partner_center_models::{RESOURCES, Resource, SUPPORT_RESOURCES};

const USAGE: &str = "\
usage: partner-center decode TYPE [FILE|-] [--unknown]
       partner-center conformance DIR [--pages GLOB] [--with PAGE]...
       partner-center types

  decode TYPE [FILE|-]  read JSON from FILE (or standard input), decode it as
                        TYPE and print it encoded again, as the models
                        understood it. TYPE is a resource (Customer), a list
                        response of one (ResourceCollection<Customer>), or
                        `auto` to take it from attributes.objectType
    --unknown           print instead every member the models do not know,
                        with its JSON path and kind of value
  conformance DIR       decode every JSON example of the docs pages in DIR,
                        encode it again and compare; a table per page
    --pages GLOB        the pages whose tables are the models' (as for
                        `cargo xtask codegen`; default *-resources.md)
    --with PAGE         a resource page read beside DIR's, as the models
                        were generated with it; repeatable
  types                 list the resources this build knows";

/// What went wrong, and the exit status it earns.
pub(crate) enum Failure {
    /// Bad arguments: status 2.
    Usage(String),
    /// The input is not what was asked for, or cannot be read: status 1.
    Input(String),
    /// A report that found failures: printed as it is, status 1.
    #[cfg(feature = "conformance")]
    Report(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
        #[cfg(feature = "conformance")]
        Err(Failure::Report(report)) => {
            print!("{report}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let unknown = args.iter().any(|a| a == "--unknown");
    let positional: Vec<&str> =
        args.iter().map(String::as_str).filter(|a| *a != "--unknown").collect();
    if unknown && positional.first() != Some(&"decode") {
        return Err(Failure::Usage("`--unknown` goes with `decode`".into()));
    }
    match positional.as_slice() {
        ["types"] => Ok(types()),
        ["decode", name] => decode::run(name, "-", unknown),
        ["decode", name, file] => decode::run(name, file, unknown),
        #[cfg(feature = "conformance")]
        ["conformance", dir, flags @ ..] => conformance::run(dir, &conformance_flags(flags)?),
        #[cfg(not(feature = "conformance"))]
        ["conformance", ..] => Err(Failure::Usage(
            "this build has no `conformance` (build it with the `conformance` feature)".into(),
        )),
        ["-h" | "--help" | "help"] => Ok(format!("{USAGE}\n")),
        [] => Err(Failure::Usage("no command given".into())),
        ["decode"] => Err(Failure::Usage("`decode` needs a TYPE".into())),
        #[cfg(feature = "conformance")]
        ["conformance"] => Err(Failure::Usage("`conformance` needs a DIR".into())),
        [command, ..] if !matches!(*command, "decode" | "types" | "conformance") => {
            Err(Failure::Usage(format!("unknown command `{command}`")))
        }
        _ => Err(Failure::Usage("too many arguments".into())),
    }
}

/// The flags of `conformance` after its DIR.
#[cfg(feature = "conformance")]
fn conformance_flags(mut flags: &[&str]) -> Result<conformance::Pages, Failure> {
    let mut pages = conformance::Pages::default();
    while let [flag, rest @ ..] = flags {
        let [value, rest @ ..] = rest else {
            return Err(Failure::Usage(format!("`{flag}` needs a value")));
        };
        match *flag {
            "--pages" => pages.glob = Some((*value).to_owned()),
            "--with" => pages.with.push((*value).to_owned()),
            _ => return Err(Failure::Usage(format!("unknown flag `{flag}`"))),
        }
        flags = rest;
    }
    Ok(pages)
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

/// The resource called `name` (its name or an alias, any casing).
pub(crate) fn find(name: &str) -> Result<&'static Resource, Failure> {
    if let Some(resource) = all_resources().find(|r| r.name == name) {
        return Ok(resource);
    }
    if let Some(resource) = all_resources().find(|r| r.is_called(name)) {
        return Ok(resource);
    }
    let nearest = all_resources()
        .map(|r| {
            (strsim::damerau_levenshtein(&r.name.to_lowercase(), &name.to_lowercase()), r.name)
        })
        .min();
    let hint = match nearest {
        Some((distance, nearest)) if distance <= 3 => format!("; did you mean `{nearest}`?"),
        _ => String::new(),
    };
    Err(Failure::Usage(format!(
        "unknown resource `{name}`{hint} (`partner-center types` lists them)"
    )))
}
