//! [`DateTime`]: a point in time (or a date) as the service writes it.
//!
//! The service is not consistent: it sends `2019-05-24T16:34:00Z`,
//! `2018-05-10T00:00:00` (no offset), `2017-01-01T00:00:00.0000000Z` (seven
//! fraction digits), `2019-04-23T07:00:00+00:00`, and date-only `2019-08-01`.
//! Examples also show sloppier text (`2016-12-12T08: 00: 00Z`,
//! `10/24/2019: 12:00:00`). This type accepts all of them and writes a value
//! back exactly as it was read.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// A date, or a date and time of day, with or without a UTC offset.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    date: Date,
    time: Option<Time>,
    offset: Offset,
    fraction_digits: u8,
    /// The text as read, where it differs from the form [`fmt::Display`]
    /// would rebuild from the parts.
    written: Option<Box<str>>,
}

/// How the offset was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Offset {
    /// No offset; the service means UTC.
    Absent,
    /// `Z`.
    Zulu,
    /// `+01:00`, `-08:00`, ...
    Numeric(UtcOffset),
}

/// Why a text is not a date or time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    text: String,
    reason: &'static str,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date-time ({})", self.text, self.reason)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// The calendar date.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The time of day, if one was given.
    pub fn time(&self) -> Option<Time> {
        self.time
    }

    /// The UTC offset, if one was given.
    pub fn offset(&self) -> Option<UtcOffset> {
        match self.offset {
            Offset::Absent => None,
            Offset::Zulu => Some(UtcOffset::UTC),
            Offset::Numeric(offset) => Some(offset),
        }
    }

    /// The instant meant: midnight for a date alone, UTC where no offset
    /// was given (the service works in UTC).
    pub fn to_offset_date_time(&self) -> OffsetDateTime {
        let time = self.time.unwrap_or(Time::MIDNIGHT);
        PrimitiveDateTime::new(self.date, time)
            .assume_offset(self.offset().unwrap_or(UtcOffset::UTC))
    }
}

impl From<OffsetDateTime> for DateTime {
    /// Written as RFC 3339 with seconds, `Z` for UTC.
    fn from(value: OffsetDateTime) -> Self {
        let offset =
            if value.offset().is_utc() { Offset::Zulu } else { Offset::Numeric(value.offset()) };
        let fraction_digits = if value.nanosecond() == 0 { 0 } else { 9 };
        DateTime {
            date: value.date(),
            time: Some(value.time()),
            offset,
            fraction_digits,
            written: None,
        }
    }
}

impl From<Date> for DateTime {
    /// Written as a date alone.
    fn from(date: Date) -> Self {
        DateTime { date, time: None, offset: Offset::Absent, fraction_digits: 0, written: None }
    }
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parsed = Self::parse_parts(text)?;
        // Keep the text only where the parts would not give it back; the
        // comparison runs on the stack, as decoding does it for every date.
        let mut canonical = StackText::default();
        let fits = fmt::Write::write_fmt(&mut canonical, format_args!("{parsed}")).is_ok();
        if !fits || canonical.as_str() != text {
            parsed.written = Some(text.into());
        }
        Ok(parsed)
    }
}

/// A short text built without allocating; writing more than fits fails.
struct StackText {
    bytes: [u8; 48],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText { bytes: [0; 48], len: 0 }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl DateTime {
    /// Reads the parts of `text`; `written` is left empty.
    fn parse_parts(text: &str) -> Result<Self, DateTimeError> {
        let fail = |reason| DateTimeError { text: text.to_owned(), reason };
        let mut input = Input { rest: text.trim() };
        let date = input.date().ok_or_else(|| fail("expected a date such as 2019-05-24"))?;
        let date = date.map_err(fail)?;
        // The date may stand alone.
        if input.rest.is_empty() {
            return Ok(DateTime::from(date));
        }
        if !input.eat_one_of(&['T', 't', ' ', ':']) {
            return Err(fail("expected `T` between date and time"));
        }
        input.skip_spaces();
        let (time, fraction_digits) =
            input.time().ok_or_else(|| fail("expected a time such as 16:34:00"))?;
        let time = time.map_err(fail)?;
        let offset =
            input.offset().ok_or_else(|| fail("expected `Z` or an offset such as +01:00"))?;
        if !input.rest.is_empty() {
            return Err(fail("unexpected text after the time"));
        }
        Ok(DateTime { date, time: Some(time), offset, fraction_digits, written: None })
    }
}

/// A cursor over the text being parsed.
struct Input<'a> {
    rest: &'a str,
}

impl Input<'_> {
    fn number(&mut self, min_digits: usize, max_digits: usize) -> Option<u32> {
        let digits = self.rest.bytes().take(max_digits).take_while(u8::is_ascii_digit).count();
        if digits < min_digits {
            return None;
        }
        let value = self.rest[..digits].parse().ok()?;
        self.rest = &self.rest[digits..];
        Some(value)
    }

    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn eat_one_of(&mut self, chars: &[char]) -> bool {
        chars.iter().any(|&c| self.eat(c))
    }

    fn skip_spaces(&mut self) {
        self.rest = self.rest.trim_start_matches(' ');
    }

    /// `YYYY-MM-DD`, or `MM/DD/YYYY` as some examples write it.
    fn date(&mut self) -> Option<Result<Date, &'static str>> {
        let first = self.number(1, 4)?;
        let (year, month, day) = if self.eat('-') {
            let month = self.number(1, 2)?;
            self.eat('-').then_some(())?;
            (first as i32, month, self.number(1, 2)?)
        } else if self.eat('/') {
            let day = self.number(1, 2)?;
            self.eat('/').then_some(())?;
            (self.number(4, 4)? as i32, first, day)
        } else {
            return None;
        };
        let month = Month::try_from(month as u8).map_err(|_| "month out of range");
        Some(month.and_then(|m| {
            Date::from_calendar_date(year, m, day as u8).map_err(|_| "day out of range")
        }))
    }

    /// `HH:MM[:SS[.fraction]]`, tolerating spaces after the colons.
    fn time(&mut self) -> Option<(Result<Time, &'static str>, u8)> {
        let hour = self.number(1, 2)?;
        self.eat(':').then_some(())?;
        self.skip_spaces();
        let minute = self.number(1, 2)?;
        let mut second = 0;
        let mut nanos = 0;
        let mut fraction_digits = 0;
        if self.eat(':') {
            self.skip_spaces();
            second = self.number(1, 2)?;
            if self.eat('.') || self.eat(',') {
                let digits = self.rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return None;
                }
                let kept = &self.rest[..digits.min(9)];
                nanos = kept.parse::<u32>().ok()? * 10u32.pow(9 - kept.len() as u32);
                fraction_digits = digits.min(9) as u8;
                self.rest = &self.rest[digits..];
            }
        }
        let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos)
            .map_err(|_| "time of day out of range");
        Some((time, fraction_digits))
    }

    /// `Z`, `+HH:MM`, `-HHMM`, `+HH`, or nothing.
    fn offset(&mut self) -> Option<Offset> {
        self.skip_spaces();
        if self.eat('Z') || self.eat('z') {
            return Some(Offset::Zulu);
        }
        let sign = if self.eat('+') {
            1
        } else if self.eat('-') {
            -1
        } else {
            return Some(Offset::Absent);
        };
        let hours = self.number(2, 2)? as i8;
        self.eat(':');
        let minutes = if self.rest.is_empty() { 0 } else { self.number(2, 2)? as i8 };
        UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok().map(Offset::Numeric)
    }
}

impl fmt::Display for DateTime {
    /// The text the value was read from; for a value built in code, ISO 8601:
    /// the date, `T`, the time with its fraction digits, and the offset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(written) = &self.written {
            return f.write_str(written);
        }
        let d = self.date;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())?;
        let Some(t) = self.time else { return Ok(()) };
        write!(f, "T{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())?;
        if self.fraction_digits > 0 {
            let digits = format!("{:09}", t.nanosecond());
            write!(f, ".{}", &digits[..self.fraction_digits as usize])?;
        }
        match self.offset {
            Offset::Absent => Ok(()),
            Offset::Zulu => f.write_str("Z"),
            Offset::Numeric(o) => {
                let sign = if o.is_negative() { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", o.whole_hours().abs(), o.minutes_past_hour().abs())
            }
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time string such as \"2019-05-24T16:34:00Z\"")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime, E> {
                text.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl crate::members::Field for DateTime {
    const EXPECTED: &'static str = "a date-time string";

    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<crate::members::Read<Self>, D::Error> {
        crate::members::read_parsed(deserializer, Self::EXPECTED, |text| text.parse().ok())
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        text.parse::<DateTime>().unwrap_or_else(|e| panic!("{e}")).to_string()
    }

    #[test]
    fn reads_and_rewrites_every_form_the_service_uses() {
        for text in [
            "2019-05-24T16:34:00Z",
            "2018-05-10T00:00:00",
            "2017-01-01T00:00:00.0000000Z",
            "2017-01-01T00:00:00.1234567",
            "2019-04-23T07:00:00+00:00",
            "2019-04-23T07:00:00.12-08:00",
            "2019-04-23T07:00:00.123+05:30",
            "2019-08-01",
        ] {
            assert_eq!(round_trip(text), text);
        }
    }

    #[test]
    fn reads_the_sloppy_forms_in_examples_and_writes_them_back_unchanged() {
        for (text, meant) in [
            ("2019-02-10T12: 00: 00Z", "2019-02-10T12:00:00Z"),
            ("10/24/2019: 12:00:00", "2019-10-24T12:00:00"),
            ("2019-02-10T12:00Z", "2019-02-10T12:00:00Z"),
            ("2019-02-10T12:00:00+0530", "2019-02-10T12:00:00+05:30"),
        ] {
            assert_eq!(round_trip(text), text);
            let read: DateTime = text.parse().unwrap();
            let clean: DateTime = meant.parse().unwrap();
            assert_eq!(read.to_offset_date_time(), clean.to_offset_date_time(), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_no_date() {
        for (text, reason) in [
            ("soon", "expected a date such as 2019-05-24"),
            ("2019-13-01", "month out of range"),
            ("2019-02-30T00:00:00Z", "day out of range"),
            ("2019-02-10T25:00:00Z", "time of day out of range"),
            ("2019-02-10T10:00:00Q", "unexpected text after the time"),
        ] {
            let error = text.parse::<DateTime>().unwrap_err();
            assert_eq!(error.reason, reason, "{text}");
        }
    }

    #[test]
    fn converts_to_an_instant_assuming_utc() {
        let local: DateTime = "2019-04-23T07:00:00-08:00".parse().unwrap();
        let plain: DateTime = "2019-04-23T15:00:00".parse().unwrap();
        assert_eq!(local.to_offset_date_time(), plain.to_offset_date_time());
        let date: DateTime = "2019-08-01".parse().unwrap();
        assert_eq!(date.time(), None);
        assert_eq!(date.to_offset_date_time().hour(), 0);
    }
}
