//! Reading and writing a model's JSON members, losslessly.
//!
//! Every generated struct implements [`Members`]: the list of its wire
//! names and how to read one member. [`deserialize_members`] drives it:
//! - a key that is a wire name exactly goes straight to its field;
//! - a key in another ASCII casing (`CommerceId` from a .NET client) goes to
//!   the field it names;
//! - any other key is kept, with its value as raw JSON text, in the struct's
//!   [`UnknownMembers`], and written back on encode, so GET-modify-PUT loses
//!   nothing.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde_json::value::RawValue;
use thin_vec::ThinVec;

/// A struct generated from a resource table.
pub trait Members: Default + FindUnknown {
    /// The wire names of its fields, as the service writes them.
    const MEMBERS: &'static [&'static str];

    /// What a decode error says was expected (`a Customer`).
    const EXPECTING: &'static str;

    /// Reads the value of member `key` into its field, if `key` is exactly
    /// one of [`Members::MEMBERS`]; returns whether it was.
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// The members the struct has no field for.
    fn unknown_members(&self) -> &UnknownMembers;

    /// The same, to add to.
    fn unknown_members_mut(&mut self) -> &mut UnknownMembers;
}

/// Decodes a [`Members`] struct from a JSON object.
pub fn deserialize_members<'de, T: Members, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(MembersVisitor(PhantomData))
}

struct MembersVisitor<T>(PhantomData<T>);

impl<'de, T: Members> Visitor<'de> for MembersVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object ({})", T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(Key(key)) = map.next_key()? {
            if value.read_member(&key, &mut map)? {
                continue;
            }
            let canonical = T::MEMBERS.iter().find(|m| m.eq_ignore_ascii_case(&key));
            if let Some(canonical) = canonical
                && value.read_member(canonical, &mut map)?
            {
                continue;
            }
            let raw: Box<RawValue> = map.next_value()?;
            value.unknown_members_mut().push(key.into_owned(), raw);
        }
        Ok(value)
    }
}

/// A member name, borrowed from the input where it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Members of a JSON object that its model has no field for, in the order
/// they came, each with its value as the exact JSON text received.
///
/// One pointer wide while empty, which it usually is: every model has one,
/// and models nest.
#[derive(Clone, Default)]
pub struct UnknownMembers {
    members: ThinVec<(Box<str>, Box<RawValue>)>,
}

impl UnknownMembers {
    fn slice(&self) -> &[(Box<str>, Box<RawValue>)] {
        &self.members
    }

    fn push(&mut self, name: String, value: Box<RawValue>) {
        self.members.push((name.into_boxed_str(), value));
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.slice().is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.slice().len()
    }

    /// Each member's name and raw JSON value, in the order they came.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.slice().iter().map(|(k, v)| (&**k, &**v))
    }

    /// The raw JSON value of the member called `name` (exactly).
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.slice().iter().find(|(k, _)| &**k == name).map(|(_, v)| &**v)
    }

    /// The member called `name`, decoded as `T`.
    pub fn decode<'a, T: de::Deserialize<'a>>(
        &'a self,
        name: &str,
    ) -> Option<serde_json::Result<T>> {
        self.get(name).map(|raw| serde_json::from_str(raw.get()))
    }

    /// Sets the member `name` (replacing one of that name) to `value`.
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        value: &impl serde::Serialize,
    ) -> serde_json::Result<()> {
        let name = name.into();
        let raw = serde_json::value::to_raw_value(value)?;
        let existing = self.members.iter_mut().find(|(k, _)| **k == *name);
        match existing {
            Some((_, slot)) => *slot = raw,
            None => self.push(name, raw),
        }
        Ok(())
    }

    /// Removes the member called `name`, returning its raw value.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let index = self.members.iter().position(|(k, _)| &**k == name)?;
        Some(self.members.remove(index).1)
    }

    /// Writes every member into an object being encoded.
    pub fn serialize_into<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.slice().iter().try_for_each(|(k, v)| map.serialize_entry(k, v))
    }

    /// Adds each member to `found`, with its path below `path`.
    pub fn list(&self, path: &str, found: &mut Vec<UnknownMember>) {
        for (name, value) in self.slice() {
            found
                .push(UnknownMember { path: format!("{path}.{name}"), kind: kind_of(value.get()) });
        }
    }
}

impl PartialEq for UnknownMembers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .slice()
                .iter()
                .zip(other.slice())
                .all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl fmt::Debug for UnknownMembers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.slice().iter().map(|(k, v)| (k, v.get()))).finish()
    }
}

/// A member the model did not know, found by [`FindUnknown::find_unknown`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownMember {
    /// Where, as a JSON path (`$.companyProfile.address`).
    pub path: String,
    /// What kind of JSON value it holds (`an object`, `a string`, ...).
    pub kind: &'static str,
}

fn kind_of(raw: &str) -> &'static str {
    match raw.trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Models, and the lists, maps and boxes that hold them: where unknown
/// members can be.
pub trait FindUnknown {
    /// Adds every unknown member inside `self` to `found`, with its JSON
    /// path below `path`.
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>);
}

impl<T: FindUnknown> FindUnknown for Vec<T> {
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        for (i, item) in self.iter().enumerate() {
            item.find_unknown(&format!("{path}[{i}]"), found);
        }
    }
}

impl<T: FindUnknown> FindUnknown for Box<T> {
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        (**self).find_unknown(path, found);
    }
}

impl<T: FindUnknown> FindUnknown for std::collections::BTreeMap<String, T> {
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        for (key, item) in self {
            item.find_unknown(&format!("{path}.{key}"), found);
        }
    }
}

/// Finds the unknown members inside the field `name` of a model at `path`.
pub fn find_unknown_in<T: FindUnknown>(
    value: &Option<T>,
    path: &str,
    name: &str,
    found: &mut Vec<UnknownMember>,
) {
    if let Some(value) = value {
        value.find_unknown(&format!("{path}.{name}"), found);
    }
}

/// Decodes an enum of documented string values: `T::from` maps a known
/// value to its variant and any other to the fallback.
pub fn deserialize_string_enum<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str>,
    D: Deserializer<'de>,
{
    let Key(value) = de::Deserialize::deserialize(deserializer)?;
    Ok(T::from(&value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Serialize, Serializer};

    /// What the generator writes for a two-field table.
    #[derive(Debug, Default, PartialEq)]
    struct Profile {
        tenant_id: Option<String>,
        seats: Option<i64>,
        extra: UnknownMembers,
    }

    impl Members for Profile {
        const MEMBERS: &'static [&'static str] = &["tenantId", "seats"];
        const EXPECTING: &'static str = "a Profile";

        fn read_member<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            match key {
                "tenantId" => self.tenant_id = map.next_value()?,
                "seats" => self.seats = map.next_value()?,
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

    impl FindUnknown for Profile {
        fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
            self.extra.list(path, found);
        }
    }

    impl<'de> de::Deserialize<'de> for Profile {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_members(deserializer)
        }
    }

    impl Serialize for Profile {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            if let Some(value) = &self.tenant_id {
                map.serialize_entry("tenantId", value)?;
            }
            if let Some(value) = &self.seats {
                map.serialize_entry("seats", value)?;
            }
            self.extra.serialize_into(&mut map)?;
            map.end()
        }
    }

    #[test]
    fn unknown_members_are_kept_exactly_and_written_back() {
        let json = r#"{"tenantId":"t","address":{"city":"Leeds","n":1.50},"email":"a@b.c"}"#;
        let profile: Profile = serde_json::from_str(json).unwrap();
        assert_eq!(profile.tenant_id.as_deref(), Some("t"));
        assert_eq!(profile.extra.get("address").unwrap().get(), r#"{"city":"Leeds","n":1.50}"#);
        assert_eq!(profile.extra.decode::<String>("email").unwrap().unwrap(), "a@b.c");
        assert_eq!(serde_json::to_string(&profile).unwrap(), json);
        let mut found = Vec::new();
        profile.find_unknown("$", &mut found);
        assert_eq!(
            found,
            [
                UnknownMember { path: "$.address".into(), kind: "an object" },
                UnknownMember { path: "$.email".into(), kind: "a string" },
            ]
        );
    }

    #[test]
    fn any_ascii_casing_of_a_member_name_reads_its_field() {
        let pascal: Profile = serde_json::from_str(r#"{"TenantId":"t","SEATS":3}"#).unwrap();
        let camel: Profile = serde_json::from_str(r#"{"tenantId":"t","seats":3}"#).unwrap();
        assert_eq!(pascal, camel);
        assert_eq!(serde_json::to_string(&pascal).unwrap(), r#"{"tenantId":"t","seats":3}"#);
    }

    #[test]
    fn null_reads_as_absent_and_escaped_keys_work() {
        let profile: Profile = serde_json::from_str(r#"{"tenantId":null,"se\u0061ts":2}"#).unwrap();
        assert_eq!(
            profile,
            Profile { tenant_id: None, seats: Some(2), extra: UnknownMembers::default() }
        );
    }

    #[test]
    fn unknown_members_can_be_changed() {
        let mut profile: Profile = serde_json::from_str(r#"{"a":1,"b":2}"#).unwrap();
        profile.extra.insert("a", &"one").unwrap();
        profile.extra.insert("c", &[3]).unwrap();
        assert_eq!(profile.extra.remove("b").unwrap().get(), "2");
        assert_eq!(serde_json::to_string(&profile).unwrap(), r#"{"a":"one","c":[3]}"#);
    }

    #[test]
    fn a_mismatch_says_which_model_was_expected() {
        let error = serde_json::from_str::<Profile>("[1]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: sequence, expected a JSON object (a Profile) at line 1 column 0"
        );
    }
}
