//! Reading and writing a model's JSON members, losslessly.
//!
//! Every generated struct implements [`Members`] through the [`members!`](crate::members!)
//! table: its fields with their wire names. [`deserialize_members`] drives
//! it:
//! - a key that is a wire name exactly goes straight to its field;
//! - a key in another ASCII casing (`CommerceId` from a .NET client) goes to
//!   the field it names;
//! - any other key is kept, with its value as raw JSON text, in the struct's
//!   [`UnknownMembers`], and written back on encode, so GET-modify-PUT loses
//!   nothing.
//!
//! A documented member whose value is not of its documented JSON type (an
//! object where the table says string) is kept the same way, raw, and
//! written back unchanged; the rest of the object decodes as usual.
//! [`FindUnknown::find_unknown`] lists both kinds, and [`decode_strict`]
//! refuses the second.
//!
//! [`decode_strict`]: crate::decode_strict

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use thin_vec::ThinVec;

/// A struct generated from a resource table; the [`members!`](crate::members!) table
/// implements it.
pub trait Members: Default {
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

    /// The members the struct has no field for, or whose value did not fit.
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
        let first = map.next_key()?;
        read_members(first, map)
    }
}

/// Reads the members of an object into a new `T`; `first` is its first
/// key, if already read.
fn read_members<'de, T: Members, A: MapAccess<'de>>(
    first: Option<Key<'de>>,
    map: A,
) -> Result<T, A::Error> {
    let mut value = T::default();
    read_members_into(&mut value, first, map)?;
    Ok(value)
}

/// Reads the members of an object into `value`, where it lies: a model is
/// filled in place, never moved (models are large, and nest).
fn read_members_into<'de, T: Members, A: MapAccess<'de>>(
    value: &mut T,
    first: Option<Key<'de>>,
    mut map: A,
) -> Result<(), A::Error> {
    let mut next = first;
    while let Some(Key(key)) = next {
        if !value.read_member(&key, &mut map)? {
            let canonical = T::MEMBERS.iter().find(|m| m.eq_ignore_ascii_case(&key));
            let read = match canonical {
                Some(canonical) => value.read_member(canonical, &mut map)?,
                None => false,
            };
            if !read {
                let raw = map.next_value_seed(RawSeed)?;
                let kept = Kept { name: Text::new(key), value: raw, expected: None };
                value.unknown_members_mut().members.push(kept);
            }
        }
        next = map.next_key()?;
    }
    Ok(())
}

/// With serde_json's `arbitrary_precision` feature on (any crate in a build
/// can turn it on), `deserialize_any` hands a number over as a map of this
/// one key, its value the number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// What a map given to a visitor turned out to be.
enum MapOrNumber<'de> {
    /// An object, its first key read (`None` when empty).
    Object(Option<Key<'de>>),
    /// A number (`arbitrary_precision`), as its text.
    Number(String),
}

/// Reads the first key of a map a visitor was given, telling an object
/// from a number in disguise.
// Called for every object read; inlined, decoding takes 1% fewer
// instructions (callgrind, 10,000 customers).
#[inline(always)]
fn map_or_number<'de, A: MapAccess<'de>>(map: &mut A) -> Result<MapOrNumber<'de>, A::Error> {
    match map.next_key::<Key<'de>>()? {
        Some(Key(key)) if key == NUMBER_TOKEN => Ok(MapOrNumber::Number(map.next_value()?)),
        first => Ok(MapOrNumber::Object(first)),
    }
}

/// Raw JSON for a map a visitor was given that does not fit: an object,
/// or a number in disguise.
#[cold]
fn raw_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Box<RawValue>, A::Error> {
    match map_or_number(&mut map)? {
        MapOrNumber::Number(text) => RawValue::from_string(text).map_err(de::Error::custom),
        MapOrNumber::Object(first) => raw_object(first, map),
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

/// Text short enough to be held where it is used, without an allocation.
#[derive(Clone, Copy)]
struct ShortText {
    len: u8,
    bytes: [u8; ShortText::MOST],
}

impl ShortText {
    /// The most bytes held (an enum of this or a box is as wide as a `String`).
    const MOST: usize = 22;

    fn new(text: &str) -> Option<ShortText> {
        let len = u8::try_from(text.len()).ok().filter(|_| text.len() <= ShortText::MOST)?;
        let mut bytes = [0; ShortText::MOST];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Some(ShortText { len, bytes })
    }

    fn as_str(&self) -> &str {
        // The bytes were copied from a `str`, whole.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

/// A kept member's name or value (its JSON text): held inline when it is
/// short, as nearly every name and most undocumented values (`"priority"`,
/// `2`, `true`) are, so that keeping a member allocates nothing but its list.
#[derive(Clone)]
enum Text {
    Inline(ShortText),
    Heap(Box<str>),
}

impl Text {
    fn new(text: Cow<'_, str>) -> Text {
        match ShortText::new(&text) {
            Some(short) => Text::Inline(short),
            None => Text::Heap(text.into_owned().into_boxed_str()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Text::Inline(short) => short.as_str(),
            Text::Heap(text) => text,
        }
    }

    /// A value's text as a `RawValue`, read again (it is valid JSON: it was
    /// read as such, or written by serde_json).
    fn raw(&self) -> &RawValue {
        serde_json::from_str(self.as_str()).expect("kept values are valid JSON")
    }
}

impl From<Box<RawValue>> for Text {
    fn from(raw: Box<RawValue>) -> Text {
        Text::Heap(raw.into())
    }
}

/// Writes a value's JSON text as it is, the way serde_json writes a
/// `RawValue` (so it is not read again to be written).
struct AsRaw<'a>(&'a str);

impl Serialize for AsRaw<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut raw = serializer.serialize_struct(RAW_VALUE_TOKEN, 1)?;
        raw.serialize_field(RAW_VALUE_TOKEN, self.0)?;
        raw.end()
    }
}

/// serde_json's name for its raw values: a `newtype_struct` of this name
/// hands the value's text over (as the one value of a map) instead of
/// reading it.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// Reads a value as its raw JSON text.
struct RawSeed;

impl<'de> DeserializeSeed<'de> for RawSeed {
    type Value = Text;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Text, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            // serde_json hands the text over as the one member of a map.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                map.next_key::<de::IgnoredAny>()?;
                map.next_value_seed(TextSeed)
            }
        }
        struct TextSeed;
        impl<'de> DeserializeSeed<'de> for TextSeed {
            type Value = Text;
            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Text, D::Error> {
                deserializer.deserialize_str(TextVisitor)
            }
        }
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("raw JSON text")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::new(Cow::Borrowed(text)))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Text, E> {
                Ok(Text::new(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawVisitor)
    }
}

/// One member kept as raw JSON.
#[derive(Clone)]
struct Kept {
    name: Text,
    /// Its JSON text, as received.
    value: Text,
    /// For a documented member whose value did not fit: what its table
    /// says it holds (`a string`). `None` for an undocumented member.
    expected: Option<&'static str>,
}

/// Members of a JSON object that its model has no field for (or whose
/// value does not fit its documented type), in the order they came, each
/// with its value as the exact JSON text received.
///
/// One pointer wide while empty, which it usually is: every model has one,
/// and models nest.
#[derive(Clone, Default)]
pub struct UnknownMembers {
    members: ThinVec<Kept>,
}

impl UnknownMembers {
    fn push(&mut self, name: Cow<'_, str>, value: Box<RawValue>, expected: Option<&'static str>) {
        self.members.push(Kept { name: Text::new(name), value: value.into(), expected });
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Each member's name and raw JSON value, in the order they came.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.members.iter().map(|m| (m.name.as_str(), m.value.raw()))
    }

    /// The documented members whose value did not fit their type: name,
    /// raw JSON value, and what the table says they hold.
    pub fn mismatched(&self) -> impl Iterator<Item = (&str, &RawValue, &'static str)> {
        self.members.iter().filter_map(|m| m.expected.map(|e| (m.name.as_str(), m.value.raw(), e)))
    }

    /// The raw JSON value of the member called `name` (exactly).
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.members.iter().find(|m| m.name.as_str() == name).map(|m| m.value.raw())
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
        match self.members.iter_mut().find(|m| m.name.as_str() == name) {
            Some(kept) => {
                kept.value = raw.into();
                kept.expected = None;
            }
            None => self.push(Cow::Owned(name), raw, None),
        }
        Ok(())
    }

    /// Removes the member called `name`, returning its raw value.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let index = self.members.iter().position(|m| m.name.as_str() == name)?;
        let text = self.members.remove(index).value.as_str().to_owned();
        Some(RawValue::from_string(text).expect("kept values are valid JSON"))
    }

    /// Writes every member into an object being encoded, but those for
    /// which `set(name)` says a field now holds the value.
    pub fn serialize_into<M: SerializeMap>(
        &self,
        map: &mut M,
        set: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error> {
        for kept in self.members.iter() {
            let name = kept.name.as_str();
            if kept.expected.is_none() || !set(name) {
                map.serialize_entry(name, &AsRaw(kept.value.as_str()))?;
            }
        }
        Ok(())
    }

    /// Adds each member to `found`, with its path below `path`.
    pub fn list(&self, path: &str, found: &mut Vec<UnknownMember>) {
        for kept in self.members.iter() {
            found.push(UnknownMember {
                path: format!("{path}.{}", kept.name.as_str()),
                kind: kind_of(kept.value.as_str()),
                expected: kept.expected,
            });
        }
    }
}

impl PartialEq for UnknownMembers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.members.iter().zip(other.members.iter()).all(|(a, b)| {
                a.name.as_str() == b.name.as_str() && a.value.as_str() == b.value.as_str()
            })
    }
}

impl fmt::Debug for UnknownMembers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.members.iter().map(|m| (m.name.as_str(), m.value.as_str())))
            .finish()
    }
}

/// A member the model did not know, a value that did not fit its type, or
/// an enum value the reference does not list, found by
/// [`FindUnknown::find_unknown`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownMember {
    /// Where, as a JSON path (`$.companyProfile.address`).
    pub path: String,
    /// What kind of JSON value it holds (`an object`, `a string`, ...).
    pub kind: &'static str,
    /// For a documented member whose value did not fit: what its table
    /// says it holds (`a string`). `None` for an undocumented member.
    pub expected: Option<&'static str>,
}

impl UnknownMember {
    /// An enum value the reference does not list, at `path`.
    pub fn unlisted_value(path: &str) -> UnknownMember {
        UnknownMember {
            path: path.to_owned(),
            kind: "a value the reference does not list",
            expected: None,
        }
    }
}

/// What kind of JSON value `raw` is, in words.
pub fn kind_of(raw: &str) -> &'static str {
    match raw.trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Models, and the values that can hold them: where unknown members can
/// be. Every field type implements it; for a value that holds no model it
/// finds nothing.
pub trait FindUnknown {
    /// False for a value that can hold no model (a string, a date): then
    /// there is nothing to look for, and the path need not be built.
    const HOLDS_MODELS: bool = true;

    /// Adds every unknown member inside `self` to `found`, with its JSON
    /// path below `path`.
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>);
}

impl<T: FindUnknown> FindUnknown for Vec<T> {
    const HOLDS_MODELS: bool = T::HOLDS_MODELS;

    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        for (i, item) in self.iter().enumerate() {
            item.find_unknown(&format!("{path}[{i}]"), found);
        }
    }
}

impl<T: FindUnknown> FindUnknown for Box<T> {
    const HOLDS_MODELS: bool = T::HOLDS_MODELS;

    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        (**self).find_unknown(path, found);
    }
}

impl<T: FindUnknown> FindUnknown for BTreeMap<String, T> {
    const HOLDS_MODELS: bool = T::HOLDS_MODELS;

    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        for (key, item) in self {
            item.find_unknown(&format!("{path}.{key}"), found);
        }
    }
}

/// Values that hold no model.
macro_rules! holds_no_model {
    ($($ty:ty),*) => {$(
        impl FindUnknown for $ty {
            const HOLDS_MODELS: bool = false;

            #[inline]
            fn find_unknown(&self, _path: &str, _found: &mut Vec<UnknownMember>) {}
        }
    )*};
}

holds_no_model!(
    String,
    bool,
    i64,
    f64,
    serde_json::Value,
    rust_decimal::Decimal,
    crate::DateTime,
    crate::LooseDecimal
);

/// Finds the unknown members inside the field `name` of a model at `path`.
#[inline]
pub fn find_unknown_in<T: FindUnknown>(
    value: &Option<T>,
    path: &str,
    name: &str,
    found: &mut Vec<UnknownMember>,
) {
    if let Some(value) = value.as_ref().filter(|_| T::HOLDS_MODELS) {
        value.find_unknown(&format!("{path}.{name}"), found);
    }
}

/// What reading a field gave.
pub enum Read<T> {
    /// A value of the field's type.
    Value(T),
    /// `null`.
    Null,
    /// A value of another JSON type, as received.
    Misfit(Box<RawValue>),
}

/// A type a model's field can hold: how it is read from JSON (keeping a
/// value of another JSON type as raw text instead of failing), how it is
/// written, and what its table says it holds.
pub trait Field: Sized {
    /// What the field holds, in words (`a string`), for reports.
    const EXPECTED: &'static str;

    /// Reads one value.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error>;

    /// Reads one value into `slot` (`null` empties it) and gives back a
    /// value that does not fit, leaving `slot` as it was. Models override
    /// it to be read in place.
    #[inline]
    fn read_into<'de, D: Deserializer<'de>>(
        deserializer: D,
        slot: &mut Option<Self>,
    ) -> Result<Option<Box<RawValue>>, D::Error> {
        Ok(match Self::read(deserializer)? {
            Read::Value(value) => {
                *slot = Some(value);
                None
            }
            Read::Null => {
                *slot = None;
                None
            }
            Read::Misfit(raw) => Some(raw),
        })
    }

    /// Reads one element of a list onto the end of `items`; a value that
    /// does not fit (or a `null` that is not a value, see [`Field::null`])
    /// is given back instead. Models override it to be read where they
    /// will lie, not moved there.
    #[inline]
    fn read_push<'de, D: Deserializer<'de>>(
        deserializer: D,
        items: &mut Vec<Self>,
    ) -> Result<Read<()>, D::Error> {
        Ok(match element(Self::read(deserializer)?) {
            Read::Value(value) => {
                items.push(value);
                Read::Value(())
            }
            Read::Null => Read::Null,
            Read::Misfit(raw) => Read::Misfit(raw),
        })
    }

    /// What `null` is as an element of a list or map: `None` (the usual
    /// case) when it does not fit, so the list is kept raw; `serde_json`'s
    /// `Value::Null` for any JSON.
    fn null() -> Option<Self> {
        None
    }

    /// Writes one value (an exact decimal as a JSON number with its digits).
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// A field's value, serialized as [`Field::write`] writes it.
pub struct Written<'a, T>(pub &'a T);

impl<T: Field> Serialize for Written<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// Reads member `name`'s value into `slot`, or, where it does not fit,
/// into `extra` as raw JSON; `null` leaves the field empty.
#[inline]
pub fn read<'de, A: MapAccess<'de>, T: Field>(
    map: &mut A,
    slot: &mut Option<T>,
    extra: &mut UnknownMembers,
    name: &str,
) -> Result<(), A::Error> {
    if let Some(raw) = map.next_value_seed(ReadInto(slot))? {
        extra.push(Cow::Borrowed(name), raw, Some(T::EXPECTED));
    }
    Ok(())
}

/// Reads a value into the field it is for; gives back a value that does
/// not fit (in strict mode, fails on it instead).
struct ReadInto<'a, T>(&'a mut Option<T>);

impl<'de, T: Field> DeserializeSeed<'de> for ReadInto<'_, T> {
    type Value = Option<Box<RawValue>>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match T::read_into(deserializer, self.0)? {
            Some(raw) if STRICT.get() => Err(misfit_error(&raw, T::EXPECTED)),
            misfit => Ok(misfit),
        }
    }
}

/// The error of a value that does not fit, in strict mode.
fn misfit_error<E: de::Error>(raw: &RawValue, expected: &str) -> E {
    E::custom(format_args!("invalid type: {}, expected {expected}", kind_of(raw.get())))
}

thread_local! {
    /// Whether a value that does not fit its field fails the decode (see
    /// [`strictly`]) instead of being kept raw.
    static STRICT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `decode` so that a documented member whose value is not of its
/// documented type fails it, with the member's path and position, as a
/// plain derive would; what [`crate::decode_strict`] does.
pub fn strictly<R>(decode: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.set(self.0);
        }
    }
    let _restore = Restore(STRICT.replace(true));
    decode()
}

/// Writes member `name` if it holds a value.
#[inline]
pub fn write<M: SerializeMap, T: Field>(
    map: &mut M,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(name, &Written(value)),
        None => Ok(()),
    }
}

/// Writes member `name`, an exact decimal the service writes as a JSON
/// string (`"14.40"`), if it holds a value.
#[inline]
pub fn write_string<M: SerializeMap>(
    map: &mut M,
    name: &'static str,
    value: &Option<rust_decimal::Decimal>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(name, &crate::decimal::AsString(value)),
        None => Ok(()),
    }
}

struct Seed<T>(PhantomData<T>);

impl<'de, T: Field> DeserializeSeed<'de> for Seed<T> {
    type Value = Read<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        match T::read(deserializer)? {
            // Failing here, inside the value, keeps its path and position.
            Read::Misfit(raw) if STRICT.get() => Err(misfit_error(&raw, T::EXPECTED)),
            read => Ok(read),
        }
    }
}

/// Raw JSON for a scalar value read through a visitor.
#[cold]
fn raw_of<E: de::Error>(value: impl Serialize) -> Result<Box<RawValue>, E> {
    serde_json::value::to_raw_value(&value).map_err(E::custom)
}

/// Raw JSON for an object, read member by member (`first` is its first
/// key, if already read).
#[cold]
fn raw_object<'de, A: MapAccess<'de>>(
    first: Option<Key<'de>>,
    mut map: A,
) -> Result<Box<RawValue>, A::Error> {
    let mut text = String::from("{");
    let mut next = first;
    while let Some(Key(key)) = next {
        if text.len() > 1 {
            text.push(',');
        }
        let value: Box<RawValue> = map.next_value()?;
        text.push_str(&serde_json::to_string(&*key).map_err(de::Error::custom)?);
        text.push(':');
        text.push_str(value.get());
        next = map.next_key()?;
    }
    text.push('}');
    RawValue::from_string(text).map_err(de::Error::custom)
}

/// Raw JSON for the rest of an array, read element by element.
#[cold]
fn raw_array<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Box<RawValue>, A::Error> {
    let mut text = String::from("[");
    while let Some(value) = seq.next_element::<Box<RawValue>>()? {
        if text.len() > 1 {
            text.push(',');
        }
        text.push_str(value.get());
    }
    text.push(']');
    RawValue::from_string(text).map_err(de::Error::custom)
}

/// Visitor methods that give back a string as raw JSON, wrapped in
/// `$wrap`, for visitors of values that are not strings.
macro_rules! misfit_strings {
    ($wrap:path) => {
        // `visit_borrowed_str` and `visit_string` come here too.
        #[cold]
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            raw_of(v).map($wrap)
        }
    };
}

/// Visitor methods that give back a number or a boolean as raw JSON,
/// wrapped in `$wrap`, for visitors of values that are neither.
macro_rules! misfit_numbers_and_bools {
    ($wrap:path) => {
        #[cold]
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            raw_of(v).map($wrap)
        }
        #[cold]
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            raw_of(v).map($wrap)
        }
        #[cold]
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            raw_of(v).map($wrap)
        }
        #[cold]
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            raw_of(v).map($wrap)
        }
    };
}

/// The visitor of a field: `accept` turns what fits into a value; every
/// other kind of JSON value is kept raw.
struct FieldVisitor<T, F> {
    expected: &'static str,
    accept: F,
    marker: PhantomData<T>,
}

/// A scalar value a field's visitor was given.
enum Given<'de> {
    Str(Cow<'de, str>),
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
}

impl Given<'_> {
    /// The value as raw JSON.
    fn raw<E: de::Error>(&self) -> Result<Box<RawValue>, E> {
        match self {
            Given::Str(s) => raw_of(&**s),
            Given::Bool(b) => raw_of(b),
            Given::I64(n) => raw_of(n),
            Given::U64(n) => raw_of(n),
            Given::F64(n) => raw_of(n),
        }
    }
}

impl<'de, T, F> FieldVisitor<T, F>
where
    F: FnOnce(&Given<'de>) -> Option<T>,
{
    #[inline]
    fn take<E: de::Error>(self, given: Given<'de>) -> Result<Read<T>, E> {
        match (self.accept)(&given) {
            Some(value) => Ok(Read::Value(value)),
            None => given.raw().map(Read::Misfit),
        }
    }

    /// A number given as its text (`arbitrary_precision`): kept exactly
    /// when it does not fit.
    fn take_number<E: de::Error>(self, text: String) -> Result<Read<T>, E> {
        let given = match (text.parse::<i64>(), text.parse::<u64>()) {
            (Ok(n), _) => Given::I64(n),
            (_, Ok(n)) => Given::U64(n),
            _ => Given::F64(text.parse().map_err(E::custom)?),
        };
        match (self.accept)(&given) {
            Some(value) => Ok(Read::Value(value)),
            None => RawValue::from_string(text).map(Read::Misfit).map_err(E::custom),
        }
    }
}

impl<'de, T, F> Visitor<'de> for FieldVisitor<T, F>
where
    F: FnOnce(&Given<'de>) -> Option<T>,
{
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Read<T>, E> {
        self.take(Given::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<T>, E> {
        self.take(Given::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Read<T>, E> {
        self.take(Given::Str(Cow::Owned(v)))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Read<T>, E> {
        self.take(Given::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<T>, E> {
        self.take(Given::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<T>, E> {
        self.take(Given::U64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Read<T>, E> {
        self.take(Given::F64(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read<T>, A::Error> {
        match map_or_number(&mut map)? {
            MapOrNumber::Number(text) => self.take_number(text),
            MapOrNumber::Object(first) => raw_object(first, map).map(Read::Misfit),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read<T>, A::Error> {
        raw_array(seq).map(Read::Misfit)
    }
}

/// Reads a scalar field: `accept` says which values fit.
fn read_scalar<'de, D, T>(
    deserializer: D,
    expected: &'static str,
    accept: impl FnOnce(&Given<'de>) -> Option<T>,
) -> Result<Read<T>, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_any(FieldVisitor { expected, accept, marker: PhantomData })
}

impl Field for String {
    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(self, serializer)
    }

    const EXPECTED: &'static str = "a string";

    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        let mut slot = None;
        Ok(match Self::read_into(deserializer, &mut slot)? {
            Some(raw) => Read::Misfit(raw),
            None => slot.map_or(Read::Null, Read::Value),
        })
    }

    // Strings are most of what the service sends: they are read straight
    // into their field, not through the scalars' common visitor.
    #[inline]
    fn read_into<'de, D: Deserializer<'de>>(
        deserializer: D,
        slot: &mut Option<Self>,
    ) -> Result<Option<Box<RawValue>>, D::Error> {
        deserializer.deserialize_any(StringInto(slot))
    }
}

/// The visitor that reads a string into its field; any other value but
/// `null` is given back raw.
struct StringInto<'a>(&'a mut Option<String>);

impl<'de> Visitor<'de> for StringInto<'_> {
    type Value = Option<Box<RawValue>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(String::EXPECTED)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        *self.0 = Some(v.to_owned());
        Ok(None)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        *self.0 = Some(v);
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        *self.0 = None;
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    misfit_numbers_and_bools!(Some);

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        raw_map(map).map(Some)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        raw_array(seq).map(Some)
    }
}

impl Field for bool {
    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(self, serializer)
    }

    const EXPECTED: &'static str = "a boolean";

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        read_scalar(deserializer, Self::EXPECTED, |given| match given {
            Given::Bool(b) => Some(*b),
            _ => None,
        })
    }
}

impl Field for i64 {
    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(self, serializer)
    }

    const EXPECTED: &'static str = "an integer";

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        read_scalar(deserializer, Self::EXPECTED, |given| match given {
            Given::I64(n) => Some(*n),
            Given::U64(n) => i64::try_from(*n).ok(),
            _ => None,
        })
    }
}

impl Field for f64 {
    #[inline]
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(self, serializer)
    }

    const EXPECTED: &'static str = "a number";

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        read_scalar(deserializer, Self::EXPECTED, |given| match given {
            Given::F64(n) => Some(*n),
            Given::I64(n) => Some(*n as f64),
            Given::U64(n) => Some(*n as f64),
            _ => None,
        })
    }
}

impl Field for serde_json::Value {
    const EXPECTED: &'static str = "any JSON";

    fn null() -> Option<Self> {
        Some(serde_json::Value::Null)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(self, serializer)
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Ok(match de::Deserialize::deserialize(deserializer)? {
            serde_json::Value::Null => Read::Null,
            value => Read::Value(value),
        })
    }
}

impl<T: Field> Field for Box<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).write(serializer)
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Ok(match T::read(deserializer)? {
            Read::Value(value) => Read::Value(Box::new(value)),
            Read::Null => Read::Null,
            Read::Misfit(raw) => Read::Misfit(raw),
        })
    }
}

/// An element of a list or map as read: `null` is a value where the
/// element type has one for it ([`Field::null`]).
fn element<T: Field>(read: Read<T>) -> Read<T> {
    match read {
        Read::Null => T::null().map_or(Read::Null, Read::Value),
        read => read,
    }
}

/// Raw JSON for an element that is not a value: `null`, or a misfit.
fn raw_of_odd<E: de::Error, T>(odd: Read<T>) -> Result<Box<RawValue>, E> {
    match odd {
        Read::Misfit(raw) => Ok(raw),
        _ => RawValue::from_string("null".into()).map_err(E::custom),
    }
}

/// Reads an element onto the end of a list (in strict mode, fails on a
/// value that does not fit).
struct PushInto<'a, T>(&'a mut Vec<T>);

impl<'de, T: Field> DeserializeSeed<'de> for PushInto<'_, T> {
    type Value = Read<()>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<()>, D::Error> {
        match T::read_push(deserializer, self.0)? {
            Read::Misfit(raw) if STRICT.get() => Err(misfit_error(&raw, T::EXPECTED)),
            read => Ok(read),
        }
    }
}

/// An element of a list being read: a value that fits, or one kept raw.
type Part<T> = (Option<&'static str>, Result<T, Box<RawValue>>);

/// Raw JSON for values that fit and raw values that did not, in order.
fn raw_of_parts<'a, E: de::Error, T: Field + 'a>(
    parts: impl Iterator<Item = (Option<&'a str>, Result<&'a T, &'a RawValue>)>,
    open: char,
    close: char,
) -> Result<Box<RawValue>, E> {
    let mut text = String::new();
    text.push(open);
    for (i, (key, part)) in parts.enumerate() {
        if i > 0 {
            text.push(',');
        }
        if let Some(key) = key {
            text.push_str(&serde_json::to_string(key).map_err(E::custom)?);
            text.push(':');
        }
        match part {
            Ok(value) => text.push_str(&serde_json::to_string(&Written(value)).map_err(E::custom)?),
            Err(raw) => text.push_str(raw.get()),
        }
    }
    text.push(close);
    RawValue::from_string(text).map_err(E::custom)
}

impl<T: Field> Field for Vec<T> {
    const EXPECTED: &'static str = "an array";

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Written))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        read_list(deserializer, 0)
    }
}

/// Reads a list, with room for `capacity` elements from the start (or what
/// the format says it holds, if more).
fn read_list<'de, D: Deserializer<'de>, T: Field>(
    deserializer: D,
    capacity: usize,
) -> Result<Read<Vec<T>>, D::Error> {
    struct ListVisitor<T> {
        capacity: usize,
        marker: PhantomData<T>,
    }
    impl<'de, T: Field> Visitor<'de> for ListVisitor<T> {
        type Value = Read<Vec<T>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let hint = seq.size_hint().unwrap_or(0).min(1024);
            let mut items = Vec::with_capacity(hint.max(self.capacity));
            let odd = loop {
                match seq.next_element_seed(PushInto(&mut items))? {
                    None => return Ok(Read::Value(items)),
                    Some(Read::Value(())) => {}
                    Some(odd) => break odd,
                }
            };
            // An element that does not fit makes the whole list raw:
            // the rest is read element by element, to be written out.
            let mut parts: Vec<Part<T>> = items.into_iter().map(|v| (None, Ok(v))).collect();
            parts.push((None, Err(raw_of_odd(odd)?)));
            while let Some(read) = seq.next_element_seed(Seed::<T>(PhantomData))? {
                let part = match element(read) {
                    Read::Value(value) => Ok(value),
                    odd => Err(raw_of_odd(odd)?),
                };
                parts.push((None, part));
            }
            let parts = parts.iter().map(|(_, v)| (None, v.as_ref().map_err(|raw| &**raw)));
            raw_of_parts(parts, '[', ']').map(Read::Misfit)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Read::Null)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Read::Null)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            raw_map(map).map(Read::Misfit)
        }
        misfit_strings!(Read::Misfit);
        misfit_numbers_and_bools!(Read::Misfit);
    }
    deserializer.deserialize_any(ListVisitor { capacity, marker: PhantomData })
}

/// Reads member `name`, a list, as [`read`] does, with room for `capacity`
/// elements from the start: a collection's items, whose count the
/// collection gave before them, are read without growing the list.
pub(crate) fn read_list_member<'de, A: MapAccess<'de>, T: Field>(
    map: &mut A,
    slot: &mut Option<Vec<T>>,
    extra: &mut UnknownMembers,
    name: &str,
    capacity: usize,
) -> Result<(), A::Error> {
    struct Sized<T> {
        capacity: usize,
        marker: PhantomData<T>,
    }
    impl<'de, T: Field> DeserializeSeed<'de> for Sized<T> {
        type Value = Read<Vec<T>>;
        fn deserialize<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            match read_list(deserializer, self.capacity)? {
                Read::Misfit(raw) if STRICT.get() => {
                    Err(misfit_error(&raw, <Vec<T> as Field>::EXPECTED))
                }
                read => Ok(read),
            }
        }
    }
    match map.next_value_seed(Sized { capacity, marker: PhantomData })? {
        Read::Value(mut items) => {
            // A hint larger than the page (a count across pages) gives its
            // room back.
            if items.len() < items.capacity() / 2 {
                items.shrink_to_fit();
            }
            *slot = Some(items);
        }
        Read::Null => *slot = None,
        Read::Misfit(raw) => {
            extra.push(Cow::Borrowed(name), raw, Some(<Vec<T> as Field>::EXPECTED))
        }
    }
    Ok(())
}

impl<T: Field> Field for BTreeMap<String, T> {
    const EXPECTED: &'static str = "an object";

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(k, v)| (k, Written(v))))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        struct MapVisitor<T>(PhantomData<T>);
        impl<'de, T: Field> Visitor<'de> for MapVisitor<T> {
            type Value = Read<BTreeMap<String, T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut next = match map_or_number(&mut map)? {
                    MapOrNumber::Number(text) => {
                        return RawValue::from_string(text)
                            .map(Read::Misfit)
                            .map_err(de::Error::custom);
                    }
                    MapOrNumber::Object(first) => first,
                };
                let mut entries: Vec<(String, Result<T, Box<RawValue>>)> = Vec::new();
                let mut misfit = false;
                while let Some(Key(key)) = next {
                    let value = match element(map.next_value_seed(Seed::<T>(PhantomData))?) {
                        Read::Value(value) => Ok(value),
                        Read::Null => Err(raw_of("null")?),
                        Read::Misfit(raw) => Err(raw),
                    };
                    misfit |= value.is_err();
                    entries.push((key.into_owned(), value));
                    next = map.next_key()?;
                }
                if misfit {
                    let parts = entries
                        .iter()
                        .map(|(k, v)| (Some(k.as_str()), v.as_ref().map_err(|raw| &**raw)));
                    return raw_of_parts(parts, '{', '}').map(Read::Misfit);
                }
                Ok(Read::Value(
                    entries.into_iter().filter_map(|(k, v)| Some((k, v.ok()?))).collect(),
                ))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Read::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Read::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                raw_array(seq).map(Read::Misfit)
            }
            misfit_strings!(Read::Misfit);
            misfit_numbers_and_bools!(Read::Misfit);
        }
        deserializer.deserialize_any(MapVisitor(PhantomData))
    }
}

/// Reads a model (a [`Members`] struct) as a field: an object decodes as
/// the model, `null` leaves the field empty, anything else is kept raw.
pub fn read_model<'de, D: Deserializer<'de>, T: Members>(
    deserializer: D,
) -> Result<Read<T>, D::Error> {
    deserializer.deserialize_any(ModelVisitor(NewModel(PhantomData)))
}

/// Reads a model (a [`Members`] struct) into the field `slot`, in place:
/// an object fills it, `null` empties it, anything else is given back raw.
pub fn read_model_into<'de, D: Deserializer<'de>, T: Members>(
    deserializer: D,
    slot: &mut Option<T>,
) -> Result<Option<Box<RawValue>>, D::Error> {
    Ok(match deserializer.deserialize_any(ModelVisitor(slot))? {
        Read::Misfit(raw) => Some(raw),
        Read::Value(()) | Read::Null => None,
    })
}

/// Reads a model (a [`Members`] struct) as an element of a list, onto the
/// end of `items` where it will stay: an object is pushed, `null` and
/// anything else are given back.
pub fn read_model_push<'de, D: Deserializer<'de>, T: Members>(
    deserializer: D,
    items: &mut Vec<T>,
) -> Result<Read<()>, D::Error> {
    deserializer.deserialize_any(ModelVisitor(items))
}

/// Where [`ModelVisitor`] puts the model it reads: a new value, a field,
/// or the end of a list. Large models are filled where they will lie.
trait ModelPlace {
    /// The model.
    type Model: Members;
    /// What reading an object gives back.
    type Filled;
    /// Reads the members of an object (`first` is its first key) into
    /// the place.
    fn fill<'de, A: MapAccess<'de>>(
        self,
        first: Option<Key<'de>>,
        map: A,
    ) -> Result<Self::Filled, A::Error>;
    /// Empties the place, for `null`.
    fn clear(self);
}

/// A model read as a new value.
struct NewModel<T>(PhantomData<T>);

impl<T: Members> ModelPlace for NewModel<T> {
    type Model = T;
    type Filled = T;
    fn fill<'de, A: MapAccess<'de>>(self, first: Option<Key<'de>>, map: A) -> Result<T, A::Error> {
        read_members(first, map)
    }
    fn clear(self) {}
}

impl<T: Members> ModelPlace for &mut Option<T> {
    type Model = T;
    type Filled = ();
    fn fill<'de, A: MapAccess<'de>>(self, first: Option<Key<'de>>, map: A) -> Result<(), A::Error> {
        // A member given twice: the later value replaces the earlier one.
        if self.is_some() {
            *self = None;
        }
        read_members_into(self.get_or_insert_with(T::default), first, map)
    }
    fn clear(self) {
        *self = None;
    }
}

impl<T: Members> ModelPlace for &mut Vec<T> {
    type Model = T;
    type Filled = ();
    fn fill<'de, A: MapAccess<'de>>(self, first: Option<Key<'de>>, map: A) -> Result<(), A::Error> {
        self.push(T::default());
        let value = self.last_mut().expect("an element was just pushed");
        read_members_into(value, first, map)
    }
    fn clear(self) {}
}

/// The visitor of a model: an object is read into its place, `null`
/// empties it, any other value is given back raw.
struct ModelVisitor<P>(P);

impl<'de, P: ModelPlace> Visitor<'de> for ModelVisitor<P> {
    type Value = Read<P::Filled>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object ({})", P::Model::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        match map_or_number(&mut map)? {
            MapOrNumber::Number(text) => {
                RawValue::from_string(text).map(Read::Misfit).map_err(de::Error::custom)
            }
            MapOrNumber::Object(first) => self.0.fill(first, map).map(Read::Value),
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.clear();
        Ok(Read::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        raw_array(seq).map(Read::Misfit)
    }
    misfit_strings!(Read::Misfit);
    misfit_numbers_and_bools!(Read::Misfit);
}

/// Reads a field written as a string that `parse` reads (a date): a
/// string it reads is a value, any other value is kept raw.
pub fn read_parsed<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    expected: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Read<T>, D::Error> {
    read_scalar(deserializer, expected, |given| match given {
        Given::Str(s) => parse(s),
        _ => None,
    })
}

/// Reads a string enum as a field: a string is a value (a known one or the
/// fallback), `null` leaves the field empty, anything else is kept raw.
pub fn read_string_enum<'de, D: Deserializer<'de>, T: for<'a> From<&'a str>>(
    deserializer: D,
) -> Result<Read<T>, D::Error> {
    read_scalar(deserializer, "a string", |given| match given {
        Given::Str(s) => Some(T::from(s)),
        _ => None,
    })
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

/// Implements [`Members`], [`FindUnknown`], [`Field`], `Deserialize` and
/// `Serialize` for a struct of `Option` fields and an [`UnknownMembers`]
/// field, from one table: each field with its wire name.
///
/// ```
/// use partner_center_support::members::UnknownMembers;
///
/// #[derive(Debug, Default, PartialEq)]
/// pub struct Profile {
///     pub tenant_id: Option<String>,
///     pub seats: Option<i64>,
///     pub extra: UnknownMembers,
/// }
///
/// partner_center_support::members! {
///     Profile: "a Profile" {
///         tenant_id: "tenantId",
///         seats: "seats",
///     }
///     extra
/// }
///
/// let profile: Profile = serde_json::from_str(r#"{"TenantId": "t", "seats": 3}"#).unwrap();
/// assert_eq!(profile.tenant_id.as_deref(), Some("t"));
/// assert_eq!(serde_json::to_string(&profile).unwrap(), r#"{"tenantId":"t","seats":3}"#);
/// ```
#[macro_export]
macro_rules! members {
    ($name:ident: $expecting:literal { $($field:ident: $wire:literal $(as $codec:ident)?),* $(,)? } $extra:ident) => {
        impl $crate::members::Members for $name {
            const MEMBERS: &'static [&'static str] = &[$($wire),*];
            const EXPECTING: &'static str = $expecting;

            fn read_member<'de, A: $crate::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::core::result::Result<bool, A::Error> {
                match key {
                    $($wire => $crate::members::read(map, &mut self.$field, &mut self.$extra, $wire)?,)*
                    _ => return ::core::result::Result::Ok(false),
                }
                ::core::result::Result::Ok(true)
            }

            fn unknown_members(&self) -> &$crate::members::UnknownMembers {
                &self.$extra
            }

            fn unknown_members_mut(&mut self) -> &mut $crate::members::UnknownMembers {
                &mut self.$extra
            }
        }

        impl $crate::members::FindUnknown for $name {
            fn find_unknown(
                &self,
                path: &str,
                found: &mut ::std::vec::Vec<$crate::members::UnknownMember>,
            ) {
                self.$extra.list(path, found);
                $($crate::members::find_unknown_in(&self.$field, path, $wire, found);)*
            }
        }

        impl $crate::members::Field for $name {
            const EXPECTED: &'static str = $expecting;

            fn read<'de, D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<$crate::members::Read<Self>, D::Error> {
                $crate::members::read_model(deserializer)
            }

            fn read_into<'de, D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
                slot: &mut ::core::option::Option<Self>,
            ) -> ::core::result::Result<
                ::core::option::Option<::std::boxed::Box<$crate::serde_json::value::RawValue>>,
                D::Error,
            > {
                $crate::members::read_model_into(deserializer, slot)
            }

            fn read_push<'de, D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
                items: &mut ::std::vec::Vec<Self>,
            ) -> ::core::result::Result<$crate::members::Read<()>, D::Error> {
                $crate::members::read_model_push(deserializer, items)
            }

            fn write<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::serde::Serialize::serialize(self, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::members::deserialize_members(deserializer)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                $($crate::__write_member!(map, $wire, &self.$field $(, $codec)?);)*
                if !self.$extra.is_empty() {
                    self.$extra.serialize_into(&mut map, |name| match name {
                        $($wire => self.$field.is_some(),)*
                        _ => false,
                    })?;
                }
                map.end()
            }
        }
    };
}

/// Writes one member of a [`members!`](crate::members!) table, as its codec says.
#[doc(hidden)]
#[macro_export]
macro_rules! __write_member {
    ($map:ident, $wire:literal, $value:expr) => {
        $crate::members::write(&mut $map, $wire, $value)?
    };
    ($map:ident, $wire:literal, $value:expr, string) => {
        $crate::members::write_string(&mut $map, $wire, $value)?
    };
}

/// Implements, for an enum of documented string values with a fallback
/// variant that holds any other value: `as_str`, `From<&str>`,
/// `Deserialize`, `Serialize`, [`Field`] and [`FindUnknown`], from one
/// table of variants and their values.
///
/// ```
/// #[derive(Clone, Debug, PartialEq, Eq, Hash)]
/// #[non_exhaustive]
/// pub enum State {
///     Active,
///     Suspended,
///     Other(String),
/// }
///
/// partner_center_support::string_enum! {
///     State {
///         Active = "active",
///         Suspended = "suspended",
///     }
///     Other
/// }
///
/// let state: State = serde_json::from_str(r#""paused""#).unwrap();
/// assert_eq!(state, State::Other("paused".into()));
/// assert_eq!(State::Active.as_str(), "active");
/// ```
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $fallback:ident) => {
        impl $name {
            /// The value as the service writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$fallback(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            /// The variant for a value, the fallback for one the reference
            /// does not list.
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::$fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::members::deserialize_string_enum(deserializer)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::members::Field for $name {
            const EXPECTED: &'static str = "a string";

            fn read<'de, D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<$crate::members::Read<Self>, D::Error> {
                $crate::members::read_string_enum(deserializer)
            }

            fn write<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::members::FindUnknown for $name {
            /// A value the reference does not list is worth reporting too.
            fn find_unknown(
                &self,
                path: &str,
                found: &mut ::std::vec::Vec<$crate::members::UnknownMember>,
            ) {
                if let Self::$fallback(_) = self {
                    found.push($crate::members::UnknownMember::unlisted_value(path));
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the generator writes for a two-field table.
    #[derive(Clone, Debug, Default, PartialEq)]
    struct Profile {
        tenant_id: Option<String>,
        seats: Option<i64>,
        extra: UnknownMembers,
    }

    crate::members! {
        Profile: "a Profile" {
            tenant_id: "tenantId",
            seats: "seats",
        }
        extra
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
                UnknownMember { path: "$.address".into(), kind: "an object", expected: None },
                UnknownMember { path: "$.email".into(), kind: "a string", expected: None },
            ]
        );
    }

    #[test]
    fn names_of_any_length_are_kept_exactly() {
        // 22 bytes (held inline), 23 bytes (on the heap), multi-byte
        // characters, an escape, and a very long name.
        let long = "n".repeat(300);
        let json = format!(
            r#"{{"abcdefghijklmnopqrstuv":1,"abcdefghijklmnopqrstuvw":2,"Türkiye":3,"a\"b":4,"{long}":5}}"#
        );
        let profile: Profile = serde_json::from_str(&json).unwrap();
        let names: Vec<&str> = profile.extra.iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            ["abcdefghijklmnopqrstuv", "abcdefghijklmnopqrstuvw", "Türkiye", "a\"b", &long]
        );
        assert_eq!(profile.extra.get(&long).unwrap().get(), "5");
        assert_eq!(serde_json::to_string(&profile).unwrap(), json);
    }

    #[test]
    fn values_of_any_length_are_kept_exactly_however_the_json_is_read() {
        // 22 bytes of JSON text (held inline), 23 (on the heap), an escape,
        // multi-byte characters, numbers as written, and a large object.
        let large = format!("{{\"list\":[{}]}}", vec!["1.50"; 100].join(","));
        let json = format!(
            r#"{{"a":"abcdefghijklmnopqrst","b":"abcdefghijklmnopqrstu","c":"q\"uote","d":"Türkiye","e":1.50,"f":-0,"g":{large}}}"#
        );
        let from_text: Profile = serde_json::from_str(&json).unwrap();
        let from_bytes: Profile = serde_json::from_slice(json.as_bytes()).unwrap();
        let from_reader: Profile = serde_json::from_reader(json.as_bytes()).unwrap();
        assert_eq!(from_text, from_bytes);
        assert_eq!(from_text, from_reader);
        let values: Vec<&str> = from_reader.extra.iter().map(|(_, raw)| raw.get()).collect();
        assert_eq!(
            values,
            [
                r#""abcdefghijklmnopqrst""#,
                r#""abcdefghijklmnopqrstu""#,
                r#""q\"uote""#,
                r#""Türkiye""#,
                "1.50",
                "-0",
                large.as_str()
            ]
        );
        for profile in [&from_text, &from_reader] {
            assert_eq!(serde_json::to_string(profile).unwrap(), json);
        }
        // Read from a `Value`, members come as serde_json writes them.
        let value: serde_json::Value = serde_json::from_str(r#"{"e":1.5,"g":[true]}"#).unwrap();
        let from_value: Profile = serde_json::from_value(value).unwrap();
        assert_eq!(serde_json::to_string(&from_value).unwrap(), r#"{"e":1.5,"g":[true]}"#);
        let mut changed = from_text.clone();
        assert_eq!(changed.extra.remove("b").unwrap().get(), r#""abcdefghijklmnopqrstu""#);
        assert_eq!(changed.extra.remove("a").unwrap().get(), r#""abcdefghijklmnopqrst""#);
        assert_eq!(changed.extra.len(), 5);
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
    fn values_of_another_type_are_kept_raw_and_the_rest_decodes() {
        let json = r#"{"tenantId":{"code":"USD","symbol":"$"},"seats":"12"}"#;
        let profile: Profile = serde_json::from_str(json).unwrap();
        assert_eq!((profile.tenant_id.as_deref(), profile.seats), (None, None));
        assert_eq!(serde_json::to_string(&profile).unwrap(), json);
        let mismatched: Vec<_> =
            profile.extra.mismatched().map(|(n, v, e)| (n, v.get(), e)).collect();
        assert_eq!(
            mismatched,
            [
                ("tenantId", r#"{"code":"USD","symbol":"$"}"#, "a string"),
                ("seats", r#""12""#, "an integer")
            ]
        );
        // A field set later replaces the kept value on encode.
        let mut fixed = profile.clone();
        fixed.seats = Some(12);
        assert_eq!(
            serde_json::to_string(&fixed).unwrap(),
            r#"{"seats":12,"tenantId":{"code":"USD","symbol":"$"}}"#
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

    #[test]
    fn null_is_a_value_in_lists_and_maps_of_any_json() {
        #[derive(Debug, Default, PartialEq)]
        struct Bag {
            list: Option<Vec<serde_json::Value>>,
            map: Option<BTreeMap<String, serde_json::Value>>,
            extra: UnknownMembers,
        }
        crate::members! { Bag: "a Bag" { list: "list", map: "map" } extra }
        let json = r#"{"list":[1,null],"map":{"a":null,"b":[]}}"#;
        let bag: Bag = serde_json::from_str(json).unwrap();
        assert!(bag.extra.is_empty(), "{:?}", bag.extra);
        assert_eq!(serde_json::to_string(&bag).unwrap(), json);
    }

    #[test]
    fn lists_with_a_value_that_does_not_fit_are_kept_whole() {
        #[derive(Debug, Default, PartialEq)]
        struct Tags {
            tags: Option<Vec<String>>,
            extra: UnknownMembers,
        }
        crate::members! { Tags: "Tags" { tags: "tags" } extra }
        let fine: Tags = serde_json::from_str(r#"{"tags":["a","b"]}"#).unwrap();
        assert_eq!(fine.tags, Some(vec!["a".into(), "b".into()]));
        let json = r#"{"tags":["a",{"b":1},null]}"#;
        let odd: Tags = serde_json::from_str(json).unwrap();
        assert_eq!(odd.tags, None);
        assert_eq!(serde_json::to_string(&odd).unwrap(), json);
    }

    #[test]
    fn lists_of_models_are_read_in_place_and_kept_whole_when_one_does_not_fit() {
        #[derive(Debug, Default, PartialEq)]
        struct Team {
            members: Option<Vec<Profile>>,
            extra: UnknownMembers,
        }
        crate::members! { Team: "a Team" { members: "members" } extra }
        let fine: Team =
            serde_json::from_str(r#"{"members":[{"seats":1},{"tenantId":"t","x":true}]}"#).unwrap();
        let members = fine.members.as_deref().unwrap();
        assert_eq!((members[0].seats, members[1].tenant_id.as_deref()), (Some(1), Some("t")));
        assert_eq!(members[1].extra.get("x").unwrap().get(), "true");
        for json in [
            r#"{"members":[{"seats":1},"two",{"seats":3}]}"#,
            r#"{"members":[{"seats":1},null]}"#,
            r#"{"members":[7]}"#,
        ] {
            let odd: Team = serde_json::from_str(json).unwrap();
            assert_eq!(odd.members, None, "{json}");
            assert_eq!(odd.extra.mismatched().count(), 1, "{json}");
            assert_eq!(serde_json::to_string(&odd).unwrap(), json);
        }
        let strict = strictly(|| serde_json::from_str::<Team>(r#"{"members":[{},"two"]}"#));
        assert_eq!(
            strict.unwrap_err().to_string(),
            "invalid type: a string, expected a Profile at line 1 column 21"
        );
    }
}
