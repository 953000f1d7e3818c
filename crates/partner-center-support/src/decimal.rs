//! Exact decimals on the wire.
//!
//! Amounts are `rust_decimal::Decimal`s. They decode exactly because the
//! workspace enables serde_json's `arbitrary_precision`, so a number reaches
//! `Decimal` as its digits rather than as an `f64` (a numeric string or
//! `null` decodes too). `Decimal`'s own `Serialize` writes a string; the
//! generated models write through [`AsNumber`] or, for amounts the service
//! writes as strings, [`AsString`], so each goes back as it came; an amount
//! it writes both ways is a [`LooseDecimal`].

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

/// An exact decimal that the service writes sometimes as a JSON number and
/// sometimes as a numeric string (`3.1618`, `"25"`); it keeps the form it
/// came in and is written back in that form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LooseDecimal {
    /// The value.
    pub value: Decimal,
    /// True when it came (and goes back) as a string.
    pub quoted: bool,
}

impl From<Decimal> for LooseDecimal {
    /// A decimal written as a JSON number.
    fn from(value: Decimal) -> Self {
        LooseDecimal { value, quoted: false }
    }
}

impl std::ops::Deref for LooseDecimal {
    type Target = Decimal;

    fn deref(&self) -> &Decimal {
        &self.value
    }
}

impl Serialize for LooseDecimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            AsString(&self.value).serialize(serializer)
        } else {
            AsNumber(&self.value).serialize(serializer)
        }
    }
}

impl<'de> serde::Deserialize<'de> for LooseDecimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Buffered once as JSON to see whether it is quoted; the digits stay exact.
        let raw: Box<serde_json::value::RawValue> = serde::Deserialize::deserialize(deserializer)?;
        let text = raw.get().trim();
        let quoted = text.starts_with('"');
        let value = serde_json::from_str::<Decimal>(text).map_err(serde::de::Error::custom)?;
        Ok(LooseDecimal { value, quoted })
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
    fn a_loose_decimal_goes_back_in_the_form_it_came() {
        for json in ["3.1618", "\"25\"", "\"0.10\""] {
            let value: LooseDecimal = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
        let value: LooseDecimal = serde_json::from_str("\"25\"").unwrap();
        assert!(value.quoted);
        assert_eq!(*value, Decimal::from(25));
    }

    #[test]
    fn null_is_none() {
        assert_eq!(read("null"), None);
    }
}
