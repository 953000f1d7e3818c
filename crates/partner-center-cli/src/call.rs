//! `partner-center operations` and `partner-center call NAME`: the
//! generated operations, listed and called by name.

use std::io::Write;

use partner_center_client::dynamic::{Arguments, CallError, Location, Operation, Output};
use partner_center_client::{Client, DEFAULT_BASE_URL, OPERATIONS, StaticToken};

use crate::{Failure, did_you_mean, read_input};

/// The environment variable that holds the access token.
const TOKEN: &str = "PARTNER_CENTER_TOKEN";

/// The arguments of `call`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The operation: the file stem of the page that documents it
    /// (`get-a-customer-by-id`); `partner-center operations` lists them.
    name: String,
    /// A parameter as the page's table writes it (`customer-tenant-id=...`,
    /// `size=2`; any casing); repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// The request body: a JSON file, or `-` for standard input.
    #[arg(long, value_name = "FILE|-")]
    body: Option<String>,
    /// The service's address (a local server in tests).
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL)]
    base_url: String,
    /// Follow every page of a list response and print every item as one
    /// JSON array.
    #[arg(long)]
    all_pages: bool,
    /// The locale sent as X-Locale (`en-US`).
    #[arg(long)]
    locale: Option<String>,
}

/// `operations`: a line per operation.
pub(crate) fn list() -> String {
    let width = OPERATIONS.iter().map(|op| op.name.len()).max().unwrap_or(0);
    OPERATIONS
        .iter()
        .map(|op| format!("{:width$}  {:6}  {}\n", op.name, op.method, op.path))
        .collect()
}

pub(crate) fn run(args: &Args) -> Result<(), Failure> {
    let operation = find(&args.name)?;
    let arguments = arguments(operation, args)?;
    let token = std::env::var(TOKEN).map_err(|_| {
        Failure::Usage(format!("set {TOKEN} to an access token for Partner Center"))
    })?;
    let mut builder = Client::builder(StaticToken::new(token)).base_url(&args.base_url);
    if let Some(locale) = &args.locale {
        builder = builder.locale(locale);
    }
    let client = builder.build().map_err(|e| Failure::Usage(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the runtime: {e}")))?;
    let output = runtime.block_on((operation.call)(&client, arguments)).map_err(|e| match e {
        CallError::Usage(message) => Failure::Usage(message),
        CallError::Call(error) => Failure::Input(error.to_string()),
    })?;
    let mut stdout = std::io::stdout().lock();
    let written = match output {
        Output::Json(json) => writeln!(stdout, "{json}"),
        Output::Empty => Ok(()),
        Output::Bytes(bytes) => stdout.write_all(&bytes),
        Output::Accepted(location) => {
            let location = serde_json::to_string(&location).expect("a string encodes");
            writeln!(stdout, "{{\n  \"status\": 202,\n  \"location\": {location}\n}}")
        }
    };
    written.map_err(|e| Failure::Usage(format!("cannot write the output: {e}")))
}

/// The operation called `name` (any casing).
fn find(name: &str) -> Result<&'static Operation<Client>, Failure> {
    if let Some(op) = OPERATIONS.iter().find(|op| op.name.eq_ignore_ascii_case(name)) {
        return Ok(op);
    }
    let hint = did_you_mean(name, OPERATIONS.iter().map(|op| op.name))
        .map(|nearest| format!("; did you mean `{nearest}`?"))
        .unwrap_or_default();
    Err(Failure::Usage(format!(
        "unknown operation `{name}`{hint} (`partner-center operations` lists them)"
    )))
}

/// The arguments of a call, checked against the operation's parameters:
/// every name known, every required one given.
fn arguments(operation: &Operation<Client>, args: &Args) -> Result<Arguments, Failure> {
    let mut arguments = Arguments::new().with_all_pages(args.all_pages);
    if args.all_pages && !operation.paged {
        return Err(Failure::Usage(format!(
            "`{}` returns no collection; --all-pages does not apply",
            operation.name
        )));
    }
    for param in &args.params {
        let Some((name, value)) = param.split_once('=') else {
            return Err(Failure::Usage(format!("`--param {param}` is no NAME=VALUE")));
        };
        let known = operation.params.iter().find(|p| p.name.eq_ignore_ascii_case(name));
        let Some(known) = known else {
            let names: Vec<&str> = operation.params.iter().map(|p| p.name).collect();
            let hint = did_you_mean(name, names.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            let all = if names.is_empty() { "none".to_owned() } else { names.join(", ") };
            return Err(Failure::Usage(format!(
                "`{}` has no parameter `{name}`{hint} (it has: {all})",
                operation.name
            )));
        };
        arguments = arguments.param(known.name, value);
    }
    let missing: Vec<&str> = operation
        .params
        .iter()
        .filter(|p| {
            p.required
                && !args
                    .params
                    .iter()
                    .any(|a| a.split('=').next().is_some_and(|n| n.eq_ignore_ascii_case(p.name)))
        })
        .map(|p| match p.location {
            Location::Path | Location::Query => p.name,
        })
        .collect();
    if !missing.is_empty() {
        return Err(Failure::Usage(format!(
            "`{}` needs {}",
            operation.name,
            missing.iter().map(|n| format!("--param {n}=...")).collect::<Vec<_>>().join(" ")
        )));
    }
    match (&args.body, operation.body) {
        (Some(file), Some(_)) => arguments = arguments.body(read_input(file)?),
        (Some(_), None) => {
            return Err(Failure::Usage(format!("`{}` takes no body", operation.name)));
        }
        (None, Some(ty)) => {
            return Err(Failure::Usage(format!(
                "`{}` takes a body (a {ty}): pass --body FILE or --body -",
                operation.name
            )));
        }
        (None, None) => {}
    }
    Ok(arguments)
}
