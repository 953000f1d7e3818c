//! The names generated code takes from elsewhere: the prelude, serde, and
//! the hand-written support crate. One list, read by resolve (an item may
//! not take such a name) and by emit (which imports them).

/// The support type every error body is: the service's error response,
/// which the reference defines in no table.
pub(crate) const ERROR_BODY: &str = "ServiceError";

/// Names the generated code uses from elsewhere (the prelude, serde, the
/// support crate's re-exports); an item may not take them.
pub(crate) const RESERVED_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "String",
    "Vec",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Serialize",
    "Deserialize",
    "Value",
    "BTreeMap",
    "DateTime",
    "Date",
    "Decimal",
    "Self",
    "Resource",
    "ResourceCollection",
    "Shape",
    "Transcoded",
    "DecodeError",
    "Validate",
    "Violation",
    "Members",
    "FindUnknown",
    "UnknownMember",
    "UnknownMembers",
    "Deserializer",
    "MapAccess",
    "Serializer",
    "SerializeMap",
];
