//! `partner-center decode TYPE [FILE|-] [--unknown] [--strict]`.

use partner_center_models::{Decoding, Resource, Shape};
use partner_center_support::json::{elements, object_type};

use crate::{Failure, find, read_input};

/// The arguments of `decode`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A resource (`Customer`), a list response of one
    /// (`ResourceCollection<Customer>`), or `auto` to take it from the
    /// body's attributes.objectType.
    #[arg(value_name = "TYPE")]
    name: String,
    /// The JSON file; `-` or none for standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    file: String,
    /// Print instead every member the models do not know, and every
    /// documented member whose value is not of its documented type, with
    /// its JSON path and kind of value.
    #[arg(long)]
    unknown: bool,
    /// Fail on a documented member whose value is not of its documented
    /// type, instead of keeping it as received.
    #[arg(long)]
    strict: bool,
}

pub(crate) fn run(args: &Args) -> Result<(), Failure> {
    let decoding = if args.strict { Decoding::Strict } else { Decoding::Lenient };
    print!("{}", decode(&args.name, &args.file, args.unknown, decoding)?);
    Ok(())
}

fn decode(name: &str, file: &str, unknown: bool, decoding: Decoding) -> Result<String, Failure> {
    let json = read_input(file)?;
    let (resource, shape) = match name {
        "auto" => auto_type(&json, file)?,
        _ => named_type(name)?,
    };
    let expected = match shape {
        Shape::One => resource.name.to_owned(),
        Shape::Collection => format!("ResourceCollection<{}>", resource.name),
        Shape::List => format!("Vec<{}>", resource.name),
    };
    let transcoded = resource.transcode(&json, shape, decoding).map_err(|e| {
        Failure::Input(format!(
            "{}:{}:{}: not a {expected}: at {}: {}",
            shown(file),
            e.line,
            e.column,
            e.path,
            e.message
        ))
    })?;
    if unknown {
        return Ok(transcoded
            .unknown
            .iter()
            .map(|u| match u.expected {
                None => format!("{}: {}\n", u.path, u.kind),
                Some(expected) => format!("{}: {}, documented as {expected}\n", u.path, u.kind),
            })
            .collect());
    }
    for drift in transcoded.unknown.iter().filter(|u| u.expected.is_some()) {
        eprintln!(
            "warning: {}: at {}: {} where the reference documents {}; kept as received \
             (--strict refuses it)",
            shown(file),
            drift.path,
            drift.kind,
            drift.expected.unwrap_or_default()
        );
    }
    Ok(transcoded.json + "\n")
}

fn shown(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

/// `Customer`, or `ResourceCollection<Customer>` (also `Collection<...>`).
fn named_type(name: &str) -> Result<(&'static Resource, Shape), Failure> {
    let element = name
        .strip_suffix('>')
        .and_then(|n| n.split_once('<'))
        .filter(|(wrapper, _)| {
            wrapper.eq_ignore_ascii_case("ResourceCollection")
                || wrapper.eq_ignore_ascii_case("Collection")
        })
        .map(|(_, element)| element.trim());
    match element {
        Some(element) => Ok((find(element)?, Shape::Collection)),
        None => Ok((find(name)?, Shape::One)),
    }
}

/// The type `attributes.objectType` names; a `Collection` takes its items'.
fn auto_type(json: &str, file: &str) -> Result<(&'static Resource, Shape), Failure> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        Failure::Input(format!("{}:{}:{}: not JSON: {e}", shown(file), e.line(), e.column()))
    })?;
    let missing = || {
        Failure::Input(format!(
            "{}: no attributes.objectType says what this is; name the type instead of `auto`",
            shown(file)
        ))
    };
    // Any casing, as the models decode it (`Attributes`, `ObjectType`).
    let top = object_type(&value).ok_or_else(missing)?;
    if top.eq_ignore_ascii_case("Collection") {
        let items = elements(&value, Shape::Collection);
        let first = items.first().and_then(|item| object_type(item)).ok_or_else(missing)?;
        return Ok((find(first)?, Shape::Collection));
    }
    Ok((find(top)?, Shape::One))
}
