//! Decoding a resource chosen by name at run time.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ResourceCollection;

/// One resource type, as the generated `RESOURCES` table lists it.
#[derive(Clone, Copy)]
pub struct Resource {
    /// The resource's name (`Customer`).
    pub name: &'static str,
    /// The docs page that defines it (`customer-resources.md`).
    pub page: &'static str,
    transcode: fn(&str) -> Result<String, DecodeError>,
    transcode_collection: fn(&str) -> Result<String, DecodeError>,
}

impl Resource {
    /// The entry for the type `T`.
    pub const fn of<T: Serialize + DeserializeOwned>(
        name: &'static str,
        page: &'static str,
    ) -> Self {
        Resource {
            name,
            page,
            transcode: transcode::<T>,
            transcode_collection: transcode::<ResourceCollection<T>>,
        }
    }

    /// Decodes `json` as this resource and encodes it again (pretty-printed),
    /// which shows exactly what the model understood.
    pub fn transcode(&self, json: &str) -> Result<String, DecodeError> {
        (self.transcode)(json)
    }

    /// The same for a list response: a [`ResourceCollection`] of this
    /// resource (`{"totalCount": ..., "items": [...], ...}`).
    pub fn transcode_collection(&self, json: &str) -> Result<String, DecodeError> {
        (self.transcode_collection)(json)
    }
}

impl fmt::Debug for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource").field("name", &self.name).field("page", &self.page).finish()
    }
}

fn transcode<T: Serialize + DeserializeOwned>(json: &str) -> Result<String, DecodeError> {
    let value: T = decode(json)?;
    Ok(serde_json::to_string_pretty(&value).expect("models always encode"))
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
    /// 1-based line in the document.
    pub line: usize,
    /// 1-based column in the document.
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
        write!(f, "{}: {} (line {}, column {})", self.path, self.message, self.line, self.column)
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Serialize, Deserialize)]
    struct Outer {
        inner: Option<Vec<Inner>>,
    }

    #[derive(Debug, Serialize, Deserialize)]
    struct Inner {
        n: Option<i32>,
    }

    #[test]
    fn errors_say_where_as_a_json_path() {
        let error = decode::<Outer>("{\"inner\": [{\"n\": 1},\n {\"n\": \"x\"}]}").unwrap_err();
        assert_eq!(error.path, "$.inner[1].n");
        assert_eq!(error.message, "invalid type: string \"x\", expected i32");
        assert_eq!((error.line, error.column), (2, 10));
    }

    #[test]
    fn trailing_garbage_is_an_error_too() {
        let error = decode::<Outer>("{} {}").unwrap_err();
        assert_eq!(error.path, "$");
        assert_eq!(error.message, "trailing characters");
    }

    #[test]
    fn a_table_entry_transcodes_collections_of_its_type() {
        let entry = Resource::of::<Inner>("Inner", "inner-resources.md");
        let json = r#"{"totalCount":1,"items":[{"n":1}],"attributes":{"objectType":"Collection"}}"#;
        let encoded: serde_json::Value =
            serde_json::from_str(&entry.transcode_collection(json).unwrap()).unwrap();
        assert_eq!(encoded, serde_json::from_str::<serde_json::Value>(json).unwrap());
        let error = entry.transcode_collection(r#"{"items":[{"n":"x"}]}"#).unwrap_err();
        assert_eq!(error.path, "$.items[0].n");
    }

    #[test]
    fn a_table_entry_transcodes_its_type() {
        let entry = Resource::of::<Outer>("Outer", "outer-resources.md");
        assert_eq!(
            entry.transcode(r#"{"inner":[{"n":1}]}"#).unwrap(),
            "{\n  \"inner\": [\n    {\n      \"n\": 1\n    }\n  ]\n}"
        );
    }
}
