//! Resources the reference uses without defining them in a table.

use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::members::{
    FindUnknown, Members, UnknownMember, UnknownMembers, deserialize_members, find_unknown_in,
};

/// The wrapper every list response comes in: the items, how many there are
/// in all, and how to get the next page.
///
/// `Links` and `Attributes` default to raw JSON; the models crate names the
/// typed version.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ResourceCollection<T, Links = Value, Attributes = Value> {
    /// Number of items in the whole result, across pages.
    pub total_count: Option<i64>,
    /// The items of this page.
    pub items: Option<Vec<T>>,
    /// Links to this page and its neighbours.
    pub links: Option<Links>,
    /// The token that asks for the next page, if there is one.
    pub continuation_token: Option<String>,
    /// Metadata about the collection.
    pub attributes: Option<Attributes>,
    /// Members the service sent that are not listed above.
    pub extra: UnknownMembers,
}

impl<T, L, A> Default for ResourceCollection<T, L, A> {
    fn default() -> Self {
        ResourceCollection {
            total_count: None,
            items: None,
            links: None,
            continuation_token: None,
            attributes: None,
            extra: UnknownMembers::default(),
        }
    }
}

impl<T, L, A> Members for ResourceCollection<T, L, A>
where
    T: for<'de> Deserialize<'de> + FindUnknown,
    L: for<'de> Deserialize<'de>,
    A: for<'de> Deserialize<'de>,
{
    const MEMBERS: &'static [&'static str] =
        &["totalCount", "items", "links", "continuationToken", "attributes"];
    const EXPECTING: &'static str = "a collection";

    fn read_member<'de, M: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut M,
    ) -> Result<bool, M::Error> {
        match key {
            "totalCount" => self.total_count = map.next_value()?,
            "items" => self.items = map.next_value()?,
            "links" => self.links = map.next_value()?,
            "continuationToken" => self.continuation_token = map.next_value()?,
            "attributes" => self.attributes = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn unknown_members(&self) -> &UnknownMembers {
        &self.extra
    }

    fn unknown_members_mut(&mut self) -> &mut UnknownMembers {
        &mut self.extra
    }
}

impl<T: FindUnknown, L, A> FindUnknown for ResourceCollection<T, L, A> {
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        self.extra.list(path, found);
        find_unknown_in(&self.items, path, "items", found);
    }
}

impl<'de, T, L, A> Deserialize<'de> for ResourceCollection<T, L, A>
where
    T: for<'a> Deserialize<'a> + FindUnknown,
    L: for<'a> Deserialize<'a>,
    A: for<'a> Deserialize<'a>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_members(deserializer)
    }
}

impl<T: Serialize, L: Serialize, A: Serialize> Serialize for ResourceCollection<T, L, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(value) = &self.total_count {
            map.serialize_entry("totalCount", value)?;
        }
        if let Some(value) = &self.items {
            map.serialize_entry("items", value)?;
        }
        if let Some(value) = &self.links {
            map.serialize_entry("links", value)?;
        }
        if let Some(value) = &self.continuation_token {
            map.serialize_entry("continuationToken", value)?;
        }
        if let Some(value) = &self.attributes {
            map.serialize_entry("attributes", value)?;
        }
        self.extra.serialize_into(&mut map)?;
        map.end()
    }
}

/// A key and its value, as .NET writes a `KeyValuePair`.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct KeyValuePair {
    /// The key.
    pub key: Option<String>,
    /// The value, of whatever JSON type the service sends.
    pub value: Option<Value>,
    /// Members the service sent that are not listed above.
    pub extra: UnknownMembers,
}

impl Members for KeyValuePair {
    const MEMBERS: &'static [&'static str] = &["key", "value"];
    const EXPECTING: &'static str = "a KeyValuePair";

    fn read_member<'de, M: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut M,
    ) -> Result<bool, M::Error> {
        match key {
            "key" => self.key = map.next_value()?,
            "value" => self.value = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn unknown_members(&self) -> &UnknownMembers {
        &self.extra
    }

    fn unknown_members_mut(&mut self) -> &mut UnknownMembers {
        &mut self.extra
    }
}

impl FindUnknown for KeyValuePair {
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        self.extra.list(path, found);
    }
}

impl<'de> Deserialize<'de> for KeyValuePair {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_members(deserializer)
    }
}

impl Serialize for KeyValuePair {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(value) = &self.key {
            map.serialize_entry("key", value)?;
        }
        if let Some(value) = &self.value {
            map.serialize_entry("value", value)?;
        }
        self.extra.serialize_into(&mut map)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_reads_its_items_and_keeps_the_rest() {
        let json = r#"{"totalCount":2,"items":[{"key":"a","value":1},{"Key":"b"}],"links":{"self":{"uri":"/x"}},"continuationToken":"abc","attributes":{"objectType":"Collection"},"other":true}"#;
        let collection: ResourceCollection<KeyValuePair> = serde_json::from_str(json).unwrap();
        let items = collection.items.as_ref().unwrap();
        assert_eq!(items[1].key.as_deref(), Some("b"));
        assert_eq!(collection.continuation_token.as_deref(), Some("abc"));
        assert_eq!(collection.extra.get("other").unwrap().get(), "true");
        let written = serde_json::to_string(&collection).unwrap();
        assert_eq!(written, json.replace(r#""Key""#, r#""key""#));
    }
}
