//! The body of an error response (status 400 and up), which the reference
//! shows on many operation pages but defines in no table.

use serde_json::Value;

use crate::members::UnknownMembers;

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

crate::members! {
    ServiceError: "a ServiceError" {
        code: "code",
        description: "description",
        data: "data",
        source: "source",
    }
    extra
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
