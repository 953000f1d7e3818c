//! The body of an error response (status 400 and up), which the reference
//! shows on many operation pages but defines in no table.

use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::members::{FindUnknown, Members, UnknownMember, UnknownMembers, deserialize_members};

/// What the service sends with a failed request, e.g.
/// `{"code": 3000, "description": "...", "data": [], "source": "PartnerFD"}`.
/// Other shapes (the throttling response's `statusCode` and `message`)
/// decode too: their members are kept in `extra`.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The error code (see the reference's error-codes page).
    pub code: Option<i64>,
    /// What went wrong, in words.
    pub description: Option<String>,
    /// Further detail, of whatever JSON type the service sends (usually a
    /// list of strings).
    pub data: Option<Value>,
    /// The service component that failed (`PartnerFD`).
    pub source: Option<String>,
    /// Members the service sent that are not listed above.
    pub extra: UnknownMembers,
}

impl Members for ServiceError {
    const MEMBERS: &'static [&'static str] = &["code", "description", "data", "source"];
    const EXPECTING: &'static str = "a ServiceError";

    fn read_member<'de, M: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut M,
    ) -> Result<bool, M::Error> {
        match key {
            "code" => self.code = map.next_value()?,
            "description" => self.description = map.next_value()?,
            "data" => self.data = map.next_value()?,
            "source" => self.source = map.next_value()?,
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

impl FindUnknown for ServiceError {
    fn find_unknown(&self, path: &str, found: &mut Vec<UnknownMember>) {
        self.extra.list(path, found);
    }
}

impl<'de> Deserialize<'de> for ServiceError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_members(deserializer)
    }
}

impl Serialize for ServiceError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(value) = &self.code {
            map.serialize_entry("code", value)?;
        }
        if let Some(value) = &self.description {
            map.serialize_entry("description", value)?;
        }
        if let Some(value) = &self.data {
            map.serialize_entry("data", value)?;
        }
        if let Some(value) = &self.source {
            map.serialize_entry("source", value)?;
        }
        self.extra.serialize_into(&mut map)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_of_both_shapes_round_trip() {
        let body = r#"{"code":60012,"description":"We're sorry.","data":["LicenseQuotaExceededException"],"source":"PartnerFD"}"#;
        let error: ServiceError = serde_json::from_str(body).unwrap();
        assert_eq!(error.code, Some(60012));
        assert_eq!(error.source.as_deref(), Some("PartnerFD"));
        assert_eq!(serde_json::to_string(&error).unwrap(), body);

        let throttled = r#"{"statusCode":429,"message":"Rate limit is exceeded."}"#;
        let error: ServiceError = serde_json::from_str(throttled).unwrap();
        assert_eq!(error.code, None);
        assert_eq!(serde_json::to_string(&error).unwrap(), throttled);
    }
}
