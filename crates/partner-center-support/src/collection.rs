//! Resources the reference uses without defining them in a table.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The wrapper every list response comes in: the items, how many there are
/// in all, and links to further pages.
///
/// `Links` and `Attributes` default to raw JSON; the models crate names the
/// typed version (`ResourceLinks`, `ResourceAttributes`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ResourceCollection<T, Links = Value, Attributes = Value> {
    /// Number of items in the whole result, across pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    /// Links to this page and its neighbours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Metadata about the collection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Attributes>,
    /// Properties the service sent that are not listed above.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

impl<T, Links, Attributes> Default for ResourceCollection<T, Links, Attributes> {
    fn default() -> Self {
        ResourceCollection {
            total_count: None,
            items: Vec::new(),
            links: None,
            attributes: None,
            extra: serde_json::Map::new(),
        }
    }
}

/// A key and its value, as .NET writes a `KeyValuePair`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyValuePair {
    /// The key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value, of whatever JSON type the service sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_reads_its_items_and_keeps_the_rest() {
        let json = r#"{"totalCount":2,"items":[1,2],"links":{"self":{"uri":"/x"}},"attributes":{"objectType":"Collection"},"continuationToken":"abc"}"#;
        let collection: ResourceCollection<u8> = serde_json::from_str(json).unwrap();
        assert_eq!(collection.items, [1, 2]);
        assert_eq!(collection.total_count, Some(2));
        assert_eq!(collection.extra["continuationToken"], "abc");
        assert_eq!(serde_json::to_string(&collection).unwrap(), json);
    }
}
