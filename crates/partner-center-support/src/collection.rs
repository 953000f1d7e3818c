//! Resources the reference uses without defining them in a table.

use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::members::{
    self, Field, FindUnknown, Members, Read, UnknownMember, UnknownMembers, deserialize_members,
    find_unknown_in,
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

impl<T: Field, L: Field, A: Field> Members for ResourceCollection<T, L, A> {
    const MEMBERS: &'static [&'static str] =
        &["totalCount", "items", "links", "continuationToken", "attributes"];
    const EXPECTING: &'static str = "a collection";

    fn read_member<'de, M: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut M,
    ) -> Result<bool, M::Error> {
        let extra = &mut self.extra;
        match key {
            "totalCount" => members::read(map, &mut self.total_count, extra, key)?,
            "items" => {
                let capacity = items_expected(self.total_count);
                members::read_list_member(map, &mut self.items, extra, key, capacity)?
            }
            "links" => members::read(map, &mut self.links, extra, key)?,
            "continuationToken" => members::read(map, &mut self.continuation_token, extra, key)?,
            "attributes" => members::read(map, &mut self.attributes, extra, key)?,
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

/// How many items to make room for before reading them: `totalCount`,
/// when the service sent it first (it does), up to a bound. It counts the
/// items of every page, so it is only a hint: a page may hold fewer, and
/// room that is never written is never touched.
fn items_expected(total_count: Option<i64>) -> usize {
    /// Beyond this a list grows as it is read.
    const MOST: usize = 1 << 14;
    total_count.map_or(0, |n| usize::try_from(n).unwrap_or(0).min(MOST))
}

impl<T: FindUnknown, L: FindUnknown, A: FindUnknown> FindUnknown for ResourceCollection<T, L, A> {
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        self.extra.list(path, found);
        find_unknown_in(&self.items, path, "items", found);
        find_unknown_in(&self.links, path, "links", found);
        find_unknown_in(&self.attributes, path, "attributes", found);
    }
}

impl<'de, T: Field, L: Field, A: Field> Deserialize<'de> for ResourceCollection<T, L, A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_members(deserializer)
    }
}

impl<T: Field, L: Field, A: Field> Serialize for ResourceCollection<T, L, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        members::write(&mut map, "totalCount", &self.total_count)?;
        members::write(&mut map, "items", &self.items)?;
        members::write(&mut map, "links", &self.links)?;
        members::write(&mut map, "continuationToken", &self.continuation_token)?;
        members::write(&mut map, "attributes", &self.attributes)?;
        self.extra.serialize_into(&mut map, |name| match name {
            "totalCount" => self.total_count.is_some(),
            "items" => self.items.is_some(),
            "links" => self.links.is_some(),
            "continuationToken" => self.continuation_token.is_some(),
            "attributes" => self.attributes.is_some(),
            _ => false,
        })?;
        map.end()
    }
}

impl<T: Field, L: Field, A: Field> Field for ResourceCollection<T, L, A> {
    const EXPECTED: &'static str = "a collection";

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        members::read_model(deserializer)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
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

crate::members! {
    KeyValuePair: "a KeyValuePair" {
        key: "key",
        value: "value",
    }
    extra
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

    #[test]
    fn the_count_given_first_makes_room_for_the_items_and_no_more() {
        let one_page = r#"{"totalCount":3,"items":[{"key":"a"},{"key":"b"},{"key":"c"}]}"#;
        let read: ResourceCollection<KeyValuePair> = serde_json::from_str(one_page).unwrap();
        let items = read.items.unwrap();
        assert_eq!((items.len(), items.capacity()), (3, 3));

        // A count across many pages: the room a page did not use is given back.
        let first_page = r#"{"totalCount":5000,"items":[{"key":"a"}]}"#;
        let read: ResourceCollection<KeyValuePair> = serde_json::from_str(first_page).unwrap();
        assert_eq!(read.items.unwrap().capacity(), 1);

        // Items that are not a list are kept raw, as any misfit is.
        let odd = r#"{"totalCount":2,"items":"none"}"#;
        let read: ResourceCollection<KeyValuePair> = serde_json::from_str(odd).unwrap();
        assert_eq!(read.items, None);
        assert_eq!(read.extra.mismatched().collect::<Vec<_>>().len(), 1);
        assert!(crate::members::strictly(|| {
            serde_json::from_str::<ResourceCollection<KeyValuePair>>(odd).is_err()
        }));
        let null = r#"{"totalCount":2,"items":null}"#;
        let read: ResourceCollection<KeyValuePair> = serde_json::from_str(null).unwrap();
        assert_eq!(read.items, None);
    }
}
