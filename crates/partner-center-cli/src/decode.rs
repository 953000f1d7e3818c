//! `partner-center decode TYPE [FILE|-] [--unknown] [--strict]`.

use partner_center_models::{Decoding, Resource, Shape, UnknownMember};
use partner_center_support::json::{elements, object_type};
use serde_json::value::RawValue;

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
    // Not JSON at all: say so, with the position, before any model.
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| {
        Failure::Input(format!(
            "{}:{}:{}: not JSON: {}",
            shown(file),
            e.line(),
            e.column().max(1),
            strip_position(&e.to_string())
        ))
    })?;
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
            e.column.max(1),
            e.path,
            e.message
        ))
    })?;
    let doubts = doubts(&value, resource, shape, &transcoded.unknown, &expected);
    if decoding == Decoding::Strict
        && let Some(doubt) = doubts.first()
    {
        return Err(Failure::Input(format!("{}: {doubt} (--strict)", shown(file))));
    }
    for doubt in &doubts {
        eprintln!("warning: {}: {doubt}", shown(file));
    }
    if unknown {
        let mut found: Vec<(usize, String)> = transcoded
            .unknown
            .iter()
            .map(|u| {
                let line = match u.expected {
                    None => format!("{}: {}\n", u.path, u.kind),
                    Some(expected) => format!("{}: {}, documented as {expected}\n", u.path, u.kind),
                };
                (offset_of(&json, &u.path).unwrap_or(usize::MAX), line)
            })
            .collect();
        // In the order they stand in the document.
        found.sort_by_key(|(offset, _)| *offset);
        return Ok(found.into_iter().map(|(_, line)| line).collect());
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

/// What makes a body look like something else than the type asked for: its
/// `attributes.objectType` names another resource, or not one of its
/// members is a documented member of the type.
fn doubts(
    value: &serde_json::Value,
    resource: &Resource,
    shape: Shape,
    unknown: &[UnknownMember],
    expected: &str,
) -> Vec<String> {
    let mut doubts = Vec::new();
    if shape == Shape::One
        && let Some(named) = object_type(value)
        && !resource.is_called(named)
    {
        doubts.push(format!(
            "the body's attributes.objectType says `{named}`; it was decoded as `{expected}`"
        ));
    }
    if let Some(object) = value.as_object().filter(|o| !o.is_empty()) {
        let unknown_at_top = |key: &str| {
            unknown.iter().any(|u| {
                u.expected.is_none()
                    && u.kind != UnknownMember::unlisted_value("").kind
                    && u.path == format!("$.{key}")
            })
        };
        if object.keys().all(|key| unknown_at_top(key)) {
            doubts.push(match object.len() {
                1 => format!("the body's one member is no documented member of `{expected}`"),
                n => format!(
                    "not one of the body's {n} members is a documented member of `{expected}`"
                ),
            });
        }
    }
    doubts
}

/// The byte offset in `json` of the value at `path` (`$.items[0].id`), for
/// listing findings in document order. Member names match exactly, else in
/// any ASCII casing (as the models read them).
fn offset_of(json: &str, path: &str) -> Option<usize> {
    let mut raw: &RawValue = serde_json::from_str(json).ok()?;
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let (index, tail) = after.split_once(']')?;
            let items: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
            raw = items.get(index.parse::<usize>().ok()?)?;
            rest = tail;
        } else {
            let after = rest.strip_prefix('.')?;
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let (name, tail) = after.split_at(end);
            let members = members_of(raw)?;
            raw = members
                .iter()
                .find(|(key, _)| key == name)
                .or_else(|| members.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)))
                .map(|(_, value)| *value)?;
            rest = tail;
        }
    }
    Some(raw.get().as_ptr() as usize - json.as_ptr() as usize)
}

/// The members of a raw JSON object.
fn members_of(raw: &RawValue) -> Option<Vec<(String, &RawValue)>> {
    let members: std::collections::BTreeMap<String, &RawValue> =
        serde_json::from_str(raw.get()).ok()?;
    Some(members.into_iter().collect())
}

/// serde_json's message without its " at line L column C".
fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |i| &message[..i])
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
