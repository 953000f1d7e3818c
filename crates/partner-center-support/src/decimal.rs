//! Exact decimals on the wire, without `arbitrary_precision`.
//!
//! Amounts are `rust_decimal::Decimal`s. They are read from the number's
//! own digits (the JSON text, through serde_json's `RawValue`), never
//! through an `f64`, so `0.00431234567890123456789` stays exactly that; a
//! numeric string (`"14.40"`) reads too. They are written back as a JSON
//! number with all their digits, or, for amounts the service writes as
//! strings, as a string ([`AsString`]); an amount it writes both ways is a
//! [`LooseDecimal`], which keeps the form it came in.
//!
//! None of this turns on a feature of serde_json that would change how
//! other code in a program reads numbers.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::Deserializer;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::members::{Field, Read};

/// Reads a JSON number's text (or a numeric string's) as an exact decimal.
pub fn parse(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let digits = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text).trim();
    Decimal::from_str_exact(digits)
        .or_else(|_| Decimal::from_scientific(digits))
        .or_else(|_| Decimal::from_str(digits))
        .ok()
}

/// Reads one raw JSON value as a decimal: `null` is empty, a number or a
/// numeric string is a value (and `quoted` says which), anything else is
/// kept raw.
fn read_raw<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<(Decimal, bool)>, D::Error> {
    let raw: Box<RawValue> = serde::Deserialize::deserialize(deserializer)?;
    let text = raw.get().trim();
    if text == "null" {
        return Ok(Read::Null);
    }
    let quoted = text.starts_with('"');
    let number = quoted || text.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    match parse(text).filter(|_| number) {
        Some(value) => Ok(Read::Value((value, quoted))),
        None => Ok(Read::Misfit(raw)),
    }
}

/// Writes a decimal as a JSON number with all its digits.
pub struct AsNumber<'a>(pub &'a Decimal);

impl Serialize for AsNumber<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(self.0.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// Writes a decimal as a JSON string with all its digits.
pub struct AsString<'a>(pub &'a Decimal);

impl Serialize for AsString<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl Field for Decimal {
    const EXPECTED: &'static str = "a number";

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Ok(match read_raw(deserializer)? {
            Read::Value((value, _)) => Read::Value(value),
            Read::Null => Read::Null,
            Read::Misfit(raw) => Read::Misfit(raw),
        })
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AsNumber(self).serialize(serializer)
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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match read_raw(deserializer)? {
            Read::Value((value, quoted)) => Ok(LooseDecimal { value, quoted }),
            Read::Null => Err(serde::de::Error::custom("expected a decimal, found null")),
            Read::Misfit(raw) => {
                Err(serde::de::Error::custom(format!("expected a decimal, found {}", raw.get())))
            }
        }
    }
}

impl Field for LooseDecimal {
    const EXPECTED: &'static str = "a number";

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error> {
        Ok(match read_raw(deserializer)? {
            Read::Value((value, quoted)) => Read::Value(LooseDecimal { value, quoted }),
            Read::Null => Read::Null,
            Read::Misfit(raw) => Read::Misfit(raw),
        })
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Option<Decimal> {
        match Decimal::read(&mut serde_json::Deserializer::from_str(json)).unwrap() {
            Read::Value(value) => Some(value),
            _ => None,
        }
    }

    #[test]
    fn keeps_every_digit_both_ways() {
        let value = read("0.00431234567890123456789").unwrap();
        assert_eq!(value.to_string(), "0.00431234567890123456789");
        assert_eq!(serde_json::to_string(&AsNumber(&value)).unwrap(), "0.00431234567890123456789");
        assert_eq!(read("1.50").unwrap().to_string(), "1.50");
        assert_eq!(read("1e3").unwrap(), Decimal::from(1000));
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
    fn null_is_empty_and_other_values_are_kept() {
        assert_eq!(read("null"), None);
        let kept = Decimal::read(&mut serde_json::Deserializer::from_str(r#""abc""#)).unwrap();
        assert!(matches!(kept, Read::Misfit(raw) if raw.get() == r#""abc""#));
    }
}
