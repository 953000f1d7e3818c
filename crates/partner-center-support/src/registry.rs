//! Decoding a resource chosen by name at run time.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ResourceCollection;
use crate::members::{Field, FindUnknown, UnknownMember};

/// One resource type, as the generated `RESOURCES` table lists it.
#[derive(Clone, Copy)]
pub struct Resource {
    /// The resource's name (`Customer`).
    pub name: &'static str,
    /// The docs page that defines it (`customer-resources.md`).
    pub page: &'static str,
    /// Other names the service writes in `attributes.objectType` for it,
    /// learned from the pages' examples.
    pub aliases: &'static [&'static str],
    transcode: fn(&str, Shape) -> Result<Transcoded, DecodeError>,
}

/// What a decode does with a documented member whose value is not of its
/// documented JSON type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Decoding {
    /// Keep it raw, list it, and write it back on encode.
    #[default]
    Lenient,
    /// Fail, saying where: for tests and conformance checks.
    Strict,
}

/// The name of the error body of a failed request ([`crate::ServiceError`]).
pub const SERVICE_ERROR: &str = "ServiceError";

/// Hand-written types a whole body can be, beside the generated ones: the
/// error body of a failed request, which the reference defines nowhere.
pub static SUPPORT_RESOURCES: &[Resource] =
    &[Resource::of::<crate::ServiceError>(SERVICE_ERROR, "(support)", &[])];

/// Whether a document is one resource or a list response of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shape {
    /// A single resource.
    One,
    /// A [`ResourceCollection`] of the resource.
    Collection,
    /// A JSON array of the resource.
    List,
}

impl Shape {
    /// Its name (`One`, `Collection`, `List`).
    pub fn name(self) -> &'static str {
        match self {
            Shape::One => "One",
            Shape::Collection => "Collection",
            Shape::List => "List",
        }
    }
}

impl Serialize for Shape {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit_variant("Shape", *self as u32, self.name())
    }
}

/// What decoding a document and encoding it again gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcoded {
    /// The document as the model understood it, encoded again
    /// (pretty-printed, members in model order, unknown members last).
    pub json: String,
    /// The members the model had no field for, and those whose value did
    /// not fit their type, at any depth.
    pub unknown: Vec<UnknownMember>,
}

impl Resource {
    /// The entry for the type `T` (a model or an enum).
    pub const fn of<T: Field + Serialize + DeserializeOwned + FindUnknown>(
        name: &'static str,
        page: &'static str,
        aliases: &'static [&'static str],
    ) -> Self {
        Resource { name, page, aliases, transcode: transcode_shape::<T> }
    }

    /// Decodes `json` as this resource (or a collection of it) and encodes
    /// it again, which shows exactly what the model understood.
    pub fn transcode(
        &self,
        json: &str,
        shape: Shape,
        decoding: Decoding,
    ) -> Result<Transcoded, DecodeError> {
        match decoding {
            Decoding::Lenient => (self.transcode)(json, shape),
            Decoding::Strict => crate::members::strictly(|| (self.transcode)(json, shape)),
        }
    }

    /// True when `name` is this resource's name or an alias (any casing).
    pub fn is_called(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

impl fmt::Debug for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource")
            .field("name", &self.name)
            .field("page", &self.page)
            .field("aliases", &self.aliases)
            .finish()
    }
}

fn transcode_shape<T: Field + Serialize + DeserializeOwned + FindUnknown>(
    json: &str,
    shape: Shape,
) -> Result<Transcoded, DecodeError> {
    match shape {
        Shape::One => transcode::<T>(json),
        Shape::Collection => transcode::<ResourceCollection<T>>(json),
        Shape::List => transcode::<Vec<T>>(json),
    }
}

fn transcode<T: Serialize + DeserializeOwned + FindUnknown>(
    json: &str,
) -> Result<Transcoded, DecodeError> {
    let value: T = decode(json)?;
    let mut unknown = Vec::new();
    value.find_unknown("$", &mut unknown);
    let json = serde_json::to_string_pretty(&value).expect("models always encode");
    Ok(Transcoded { json, unknown })
}

/// Decodes `json` as `T`, saying where it failed as a JSON path.
pub fn decode<T: DeserializeOwned>(json: &str) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| DecodeError::new(path_suffix(&error.path().to_string()), error.inner()))?;
    deserializer.end().map_err(|error| DecodeError::new(String::new(), &error))?;
    Ok(value)
}

/// `companyProfile.tenantId` -> `.companyProfile.tenantId`; `[0].id` stays.
fn path_suffix(path: &str) -> String {
    match path {
        "." | "" => String::new(),
        p if p.starts_with('[') => p.to_owned(),
        p => format!(".{p}"),
    }
}

/// Decodes `json` as `T` like [`decode`], but refuses a documented member
/// whose value is not of its documented JSON type instead of keeping it
/// raw: for tests and conformance checks, where drift must fail.
pub fn decode_strict<T: DeserializeOwned>(json: &str) -> Result<T, DecodeError> {
    crate::members::strictly(|| decode(json))
}

/// serde_json appends " at line L column C"; the error reports those apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Why a JSON document is not the resource asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Where in the document, as a JSON path (`$.companyProfile.tenantId`).
    pub path: String,
    /// What was wrong (`invalid type: integer `5`, expected a string`).
    pub message: String,
    /// 1-based line in the document (0 if unknown).
    pub line: usize,
    /// 1-based column in the document (0 if unknown).
    pub column: usize,
}

impl DecodeError {
    fn new(path_suffix: String, error: &serde_json::Error) -> Self {
        DecodeError {
            path: format!("${path_suffix}"),
            message: strip_position(&error.to_string()),
            line: error.line(),
            column: error.column(),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KeyValuePair, decode, decode_strict};

    #[test]
    fn errors_say_where_as_a_json_path() {
        let error = decode::<Vec<KeyValuePair>>("[{\"key\": \"a\"},\n {\"key\" 5}]").unwrap_err();
        assert_eq!(error.path, "$[1]");
        assert_eq!(error.message, "expected `:`");
        assert_eq!((error.line, error.column), (2, 9));
        let error = decode::<Vec<KeyValuePair>>("[{}, 5]").unwrap_err();
        assert_eq!(error.path, "$[1]");
        assert_eq!(
            error.message,
            "invalid type: integer `5`, expected a JSON object (a KeyValuePair)"
        );
    }

    #[test]
    fn strict_decoding_refuses_what_lenient_decoding_keeps() {
        let json = "[{\"key\": \"a\"},\n {\"key\": 5}]";
        let lenient = decode::<Vec<KeyValuePair>>(json).unwrap();
        assert_eq!(lenient[1].extra.get("key").unwrap().get(), "5");
        let error = decode_strict::<Vec<KeyValuePair>>(json).unwrap_err();
        assert_eq!(
            error.to_string(),
            "$[1].key: invalid type: a number, expected a string (line 2, column 11)"
        );
    }

    #[test]
    fn trailing_garbage_is_an_error_too() {
        let error = decode::<KeyValuePair>("{} {}").unwrap_err();
        assert_eq!(error.path, "$");
        assert_eq!(error.message, "trailing characters");
    }

    #[test]
    fn a_table_entry_transcodes_its_type_and_collections_of_it() {
        let entry = Resource::of::<KeyValuePair>("KeyValuePair", "utility-resources.md", &["Pair"]);
        let one =
            entry.transcode(r#"{"Key":"a","note":1}"#, Shape::One, Decoding::Lenient).unwrap();
        assert_eq!(one.json, "{\n  \"key\": \"a\",\n  \"note\": 1\n}");
        let note = UnknownMember { path: "$.note".into(), kind: "a number", expected: None };
        assert_eq!(one.unknown, [note]);

        let list = r#"{"totalCount":1,"items":[{"key":"a","x":[]}],"attributes":{"objectType":"Collection"}}"#;
        let many = entry.transcode(list, Shape::Collection, Decoding::Lenient).unwrap();
        let x = UnknownMember { path: "$.items[0].x".into(), kind: "an array", expected: None };
        assert_eq!(many.unknown, [x]);
        let drifted = r#"{"items":[{"key":5}]}"#;
        let drift = entry.transcode(drifted, Shape::Collection, Decoding::Lenient).unwrap();
        let key = UnknownMember {
            path: "$.items[0].key".into(),
            kind: "a number",
            expected: Some("a string"),
        };
        assert_eq!(drift.unknown, [key]);
        let error = entry.transcode(drifted, Shape::Collection, Decoding::Strict).unwrap_err();
        assert_eq!(error.path, "$.items[0].key");
        assert!(
            entry.is_called("pair") && entry.is_called("keyvaluepair") && !entry.is_called("pairs")
        );
    }
}
