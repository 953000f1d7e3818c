//! `partner-center`: decode Partner Center JSON with the typed models.
//!
//! ```text
//! partner-center decode TYPE [FILE|-]   decode JSON as TYPE, print it re-encoded
//! partner-center types                  list the resources it knows
//! ```
//!
//! Exit status: 0 on success, 1 when the JSON is not a TYPE (or cannot be
//! read), 2 on a usage error.

use std::io::Read;
use std::process::ExitCode;

use partner_center_models::{RESOURCES, Resource};

const USAGE: &str = "\
usage: partner-center decode TYPE [FILE|-]
       partner-center types

  decode TYPE [FILE|-]  read JSON from FILE (or standard input), decode it as
                        the resource TYPE (e.g. Customer) and print it encoded
                        again, as the models understood it; for a list
                        response, TYPE is Collection<Customer>
  types                 list the resources this build knows";

/// What went wrong, and the exit status it earns.
enum Failure {
    /// Bad arguments: status 2.
    Usage(String),
    /// The input is not what was asked for, or cannot be read: status 1.
    Input(String),
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
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["types"] => Ok(types()),
        ["decode", name] => decode(name, "-"),
        ["decode", name, file] => decode(name, file),
        ["-h" | "--help" | "help"] => Ok(format!("{USAGE}\n")),
        [] => Err(Failure::Usage("no command given".into())),
        ["decode"] => Err(Failure::Usage("`decode` needs a TYPE".into())),
        [command, ..] if !matches!(*command, "decode" | "types") => {
            Err(Failure::Usage(format!("unknown command `{command}`")))
        }
        _ => Err(Failure::Usage("too many arguments".into())),
    }
}

fn types() -> String {
    let width = RESOURCES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    RESOURCES.iter().map(|r| format!("{:width$}  {}\n", r.name, r.page)).collect()
}

fn decode(name: &str, file: &str) -> Result<String, Failure> {
    let element = name
        .strip_suffix('>')
        .and_then(|n| n.split_once('<'))
        .filter(|(wrapper, _)| wrapper.eq_ignore_ascii_case("collection"))
        .map(|(_, element)| element.trim());
    let resource = find(element.unwrap_or(name))?;
    let json = if file == "-" {
        let mut json = String::new();
        std::io::stdin()
            .read_to_string(&mut json)
            .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
        json
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::Input(format!("cannot read {file}: {e}")))?
    };
    let (encoded, expected) = match element {
        Some(_) => (resource.transcode_collection(&json), format!("Collection<{}>", resource.name)),
        None => (resource.transcode(&json), resource.name.to_owned()),
    };
    let encoded = encoded.map_err(|e| {
        let source = if file == "-" { "<stdin>" } else { file };
        Failure::Input(format!(
            "{source}:{}:{}: not a {expected}: at {}: {}",
            e.line, e.column, e.path, e.message
        ))
    })?;
    Ok(encoded + "\n")
}

/// The resource called `name`; case does not matter.
fn find(name: &str) -> Result<&'static Resource, Failure> {
    if let Some(resource) = RESOURCES.iter().find(|r| r.name == name) {
        return Ok(resource);
    }
    if let Some(resource) = RESOURCES.iter().find(|r| r.name.eq_ignore_ascii_case(name)) {
        return Ok(resource);
    }
    let nearest = RESOURCES
        .iter()
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
