//! Exact decimals on the wire.
//!
//! Amounts are `rust_decimal::Decimal`s. They decode exactly because the
//! workspace enables serde_json's `arbitrary_precision`, so a number reaches
//! `Decimal` as its digits rather than as an `f64` (a numeric string or
//! `null` decodes too). `Decimal`'s own `Serialize` writes a string; the
//! generated models write through [`AsNumber`] or, for amounts the service
//! writes as strings, [`AsString`], so each goes back as it came.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// Writes a decimal as a JSON number with all its digits.
pub struct AsNumber<'a>(pub &'a Decimal);

impl Serialize for AsNumber<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision::serialize(self.0, serializer)
    }
}

/// Writes a decimal as a JSON string with all its digits.
pub struct AsString<'a>(pub &'a Decimal);

impl Serialize for AsString<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Option<Decimal> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn keeps_every_digit_both_ways() {
        let value = read("0.00431234567890123456789").unwrap();
        assert_eq!(value.to_string(), "0.00431234567890123456789");
        assert_eq!(serde_json::to_string(&AsNumber(&value)).unwrap(), "0.00431234567890123456789");
    }

    #[test]
    fn amounts_written_as_strings_are_written_back_as_strings() {
        let value = read(r#""14.40""#).unwrap();
        assert_eq!(serde_json::to_string(&AsString(&value)).unwrap(), r#""14.40""#);
        assert_eq!(serde_json::to_string(&AsNumber(&value)).unwrap(), "14.40");
    }

    #[test]
    fn null_is_none() {
        assert_eq!(read("null"), None);
    }
}
