//! Exact decimals on the wire.
//!
//! Amounts are `rust_decimal::Decimal`s. They decode exactly because the
//! workspace enables serde_json's `arbitrary_precision`, so a number reaches
//! `Decimal` as its digits rather than as an `f64`. On the way out,
//! `Decimal`'s own `Serialize` writes a string; the generated fields use
//! this module (`#[serde(with = "partner_center_support::decimal")]`) to
//! write a JSON number with the same digits instead.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};

/// Writes a present decimal as a JSON number with all its digits.
pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
    rust_decimal::serde::arbitrary_precision_option::serialize(value, serializer)
}

/// Reads a JSON number (or a numeric string) exactly; `null` is `None`.
pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    Option::<Decimal>::deserialize(deserializer)
}

/// For amounts the service writes as JSON strings (`"14.4"`): read like
/// the parent module, written back as a string with the same digits.
pub mod as_string {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Writes a present decimal as a JSON string with all its digits.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a numeric string (or a JSON number) exactly; `null` is `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        super::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Amount {
        #[serde(default, with = "super", skip_serializing_if = "Option::is_none")]
        value: Option<Decimal>,
    }

    #[test]
    fn keeps_every_digit_both_ways() {
        let json = r#"{"value":0.00431234567890123456789}"#;
        let amount: Amount = serde_json::from_str(json).unwrap();
        assert_eq!(amount.value.unwrap().to_string(), "0.00431234567890123456789");
        assert_eq!(serde_json::to_string(&amount).unwrap(), json);
    }

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Quoted {
        #[serde(default, with = "super::as_string", skip_serializing_if = "Option::is_none")]
        value: Option<Decimal>,
    }

    #[test]
    fn amounts_written_as_strings_are_written_back_as_strings() {
        let json = r#"{"value":"14.40"}"#;
        let quoted: Quoted = serde_json::from_str(json).unwrap();
        assert_eq!(quoted.value.unwrap().to_string(), "14.40");
        assert_eq!(serde_json::to_string(&quoted).unwrap(), json);
    }

    #[test]
    fn accepts_strings_and_absence() {
        let amount: Amount = serde_json::from_str(r#"{"value":"12.50"}"#).unwrap();
        assert_eq!(amount.value.unwrap().to_string(), "12.50");
        let absent: Amount = serde_json::from_str("{}").unwrap();
        assert_eq!(absent, Amount { value: None });
        let null: Amount = serde_json::from_str(r#"{"value":null}"#).unwrap();
        assert_eq!(null, Amount { value: None });
    }
}
