//! Reading an example body the way a person reads it.
//!
//! The reference's examples are written by hand: many are not strict
//! JSON. This reader takes what they mean and says what it repaired:
//! - elisions: `...` or `…` in an object or array, `{ ... }`, `[ ... ]`, and
//!   `"key": ...`: the elided part is known to be missing, so it is left
//!   out (a member whose value is elided is dropped), never invented;
//! - placeholders: a bare `<customer-id>` (or any bare word) where a value
//!   goes is a value the example does not give: dropped like an elision;
//! - comments (`// ...`, `/* ... */`), a BOM, smart quotes, `True`, `Null`;
//! - a trailing comma, a comma missing between two members or elements, an
//!   object wrapped in a second pair of braces (`{ {`), brackets left open
//!   at the end, control characters inside strings.
//!
//! Numbers keep their digits (the crate reads JSON with serde_json's
//! `arbitrary_precision`), so an example's decimals are checked exactly.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

/// A body read leniently.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Read {
    /// The value, elided parts left out.
    pub(crate) value: Value,
    /// Bytes of the text the value took.
    pub(crate) length: usize,
    /// What had to be read generously, each once, in order of first sight.
    pub(crate) repairs: Vec<&'static str>,
    /// Parts of the value are elided (so members may be missing).
    pub(crate) elided: bool,
}

/// Why a body cannot be read even generously.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReadError {
    /// Byte offset in the text.
    pub(crate) offset: usize,
    /// What is wrong.
    pub(crate) message: String,
}

/// How deep values may nest before the reader gives up.
const MAX_DEPTH: usize = 128;

/// Reads the first value of `text`.
pub(crate) fn read(text: &str) -> Result<Read, ReadError> {
    // Most bodies are strict JSON, which serde_json reads several times
    // faster; it gives the same value, and no repairs were needed.
    let mut strict = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    if let Some(Ok(value)) = strict.next() {
        return Ok(Read {
            value,
            length: strict.byte_offset(),
            repairs: Vec::new(),
            elided: false,
        });
    }
    let mut reader = Reader { text, offset: 0, repairs: Vec::new(), elided: false, depth: 0 };
    if reader.text.starts_with('\u{feff}') {
        reader.offset = '\u{feff}'.len_utf8();
        reader.repair("a byte order mark");
    }
    // A stray character before the body's first bracket (`?{`).
    let rest = reader.rest();
    if let Some(open) = rest
        .find(['{', '['])
        .filter(|&i| i > 0 && i <= 2 && !rest[..i].contains(char::is_whitespace))
    {
        reader.offset += open;
        reader.repair("a stray character before the body");
    }
    let value = match reader.value()? {
        Some(value) => value,
        None => return Err(reader.error("the whole body is elided")),
    };
    Ok(Read { value, length: reader.offset, repairs: reader.repairs, elided: reader.elided })
}

/// `text`'s first value as strict JSON, read as a person reads it; the
/// text itself (trimmed) when it cannot be read.
pub(crate) fn strict(text: &str) -> String {
    match read(text) {
        Ok(read) if read.repairs.is_empty() => text[..read.length].trim().to_owned(),
        Ok(read) => serde_json::to_string_pretty(&read.value).expect("a value encodes"),
        Err(_) => text.trim().to_owned(),
    }
}

/// One token, borrowed from the text where it can be (a string with an
/// escape is unescaped): looking ahead copies nothing.
#[derive(Clone, Debug, PartialEq)]
enum Token<'t> {
    Open(char),
    Close(char),
    Colon,
    Comma,
    String(Cow<'t, str>),
    Number(&'t str),
    /// `true`, `null`, an identifier, or a `<placeholder>`.
    Word(&'t str),
    Ellipsis,
    End,
}

struct Reader<'t> {
    text: &'t str,
    offset: usize,
    repairs: Vec<&'static str>,
    elided: bool,
    depth: usize,
}

impl<'t> Reader<'t> {
    fn repair(&mut self, what: &'static str) {
        if !self.repairs.contains(&what) {
            self.repairs.push(what);
        }
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError { offset: self.offset.min(self.text.len()), message: message.into() }
    }

    fn rest(&self) -> &'t str {
        &self.text[self.offset..]
    }

    /// Skips whitespace and comments; true when a line ended on the way.
    fn skip_space(&mut self) -> bool {
        let mut newline = false;
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            newline |= rest[..rest.len() - trimmed.len()].contains('\n');
            self.offset += rest.len() - trimmed.len();
            if let Some(comment) = trimmed.strip_prefix("//") {
                self.repair("a comment");
                let end = comment.find('\n').map_or(comment.len(), |i| i);
                self.offset += 2 + end;
            } else if let Some(comment) = trimmed.strip_prefix("/*") {
                self.repair("a comment");
                let end = comment.find("*/").map_or(comment.len(), |i| i + 2);
                self.offset += 2 + end;
            } else {
                return newline;
            }
        }
    }

    /// The next token, without taking it; and whether a line ended before it.
    fn peek(&mut self) -> (Token<'t>, bool) {
        let start = self.offset;
        let newline = self.skip_space();
        let (token, _) = self.token_at_offset();
        self.offset = start;
        (token, newline)
    }

    /// Takes the next token.
    fn next(&mut self) -> Result<(Token<'t>, bool), ReadError> {
        let newline = self.skip_space();
        let (token, length) = self.token_at_offset();
        if let Token::String(_) = token
            && length == 0
        {
            return Err(self.error("a string that never ends"));
        }
        self.offset += length;
        Ok((token, newline))
    }

    /// The token at the current offset and its length in bytes.
    fn token_at_offset(&self) -> (Token<'t>, usize) {
        let rest = self.rest();
        let Some(c) = rest.chars().next() else { return (Token::End, 0) };
        match c {
            '{' | '[' => (Token::Open(c), 1),
            '}' | ']' => (Token::Close(c), 1),
            ':' => (Token::Colon, 1),
            ',' => (Token::Comma, 1),
            '"' | '\u{201c}' | '\u{201d}' => match string(rest) {
                Some((text, length)) => (Token::String(text), length),
                None => (Token::String(Cow::Borrowed("")), 0),
            },
            '…' => (Token::Ellipsis, c.len_utf8()),
            '.' if rest.starts_with("...") => {
                (Token::Ellipsis, rest.len() - rest.trim_start_matches('.').len())
            }
            '-' | '0'..='9' => {
                let length = rest
                    .find(|c: char| {
                        !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
                    })
                    .unwrap_or(rest.len());
                (Token::Number(&rest[..length]), length)
            }
            '<' => {
                let length = rest.find('>').map_or(rest.len(), |i| i + 1);
                (Token::Word(&rest[..length]), length)
            }
            _ => {
                let length = rest
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, ',' | ':' | '}' | ']' | '{' | '[')
                    })
                    .unwrap_or(rest.len())
                    .max(c.len_utf8());
                (Token::Word(&rest[..length]), length)
            }
        }
    }

    /// A number as JSON writes it: a leading zero (`04`) is dropped.
    fn number_text(&mut self, text: &str) -> String {
        let (sign, digits) = text.strip_prefix('-').map_or(("", text), |d| ("-", d));
        let trimmed = digits.trim_start_matches('0');
        if trimmed.len() == digits.len() || trimmed.starts_with(['.', 'e', 'E']) || digits.len() < 2
        {
            return text.to_owned();
        }
        self.repair("a number with a leading zero");
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        format!("{sign}{trimmed}")
    }

    /// True when the next two tokens are a string and a colon.
    fn member_follows(&mut self) -> bool {
        let start = self.offset;
        let follows = matches!(self.next(), Ok((Token::String(_), _)))
            && matches!(self.peek().0, Token::Colon);
        self.offset = start;
        follows
    }

    /// A value, or `None` when the example elides it.
    fn value(&mut self) -> Result<Option<Value>, ReadError> {
        let start = self.offset;
        let (token, _) = self.next()?;
        match token {
            Token::Open('{') => self.object().map(Some),
            Token::Open(_) => self.array().map(Some),
            Token::String(text) => {
                let raw = &self.text[start..self.offset];
                if raw.chars().any(|c| c.is_control()) {
                    self.repair("a line break inside a string");
                }
                Ok(Some(Value::String(text.into_owned())))
            }
            Token::Number(text) => match serde_json::from_str::<Number>(&self.number_text(text)) {
                Ok(number) => Ok(Some(Value::Number(number))),
                Err(_) => {
                    self.offset = start;
                    Err(self.error(format!("`{text}` is no number")))
                }
            },
            Token::Word(word) => Ok(self.word(word)),
            Token::Ellipsis => {
                self.repair("an elision");
                self.elided = true;
                Ok(None)
            }
            Token::Close(c) => {
                self.offset = start;
                Err(self.error(format!("`{c}` where a value should be")))
            }
            Token::Colon | Token::Comma => {
                self.offset = start;
                Err(self.error("a value is missing"))
            }
            Token::End => Err(self.error("the body ends where a value should be")),
        }
    }

    /// A bare word: a literal in any casing, else a placeholder.
    fn word(&mut self, word: &str) -> Option<Value> {
        let literal = match word {
            "true" => return Some(Value::Bool(true)),
            "false" => return Some(Value::Bool(false)),
            "null" => return Some(Value::Null),
            w if w.eq_ignore_ascii_case("true") => Value::Bool(true),
            w if w.eq_ignore_ascii_case("false") => Value::Bool(false),
            w if w.eq_ignore_ascii_case("null") => Value::Null,
            _ => {
                self.repair("a placeholder where a value goes");
                self.elided = true;
                return None;
            }
        };
        self.repair("a literal in capitals");
        Some(literal)
    }

    fn enter(&mut self) -> Result<(), ReadError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("values nest too deep"));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Value, ReadError> {
        self.enter()?;
        let mut map = Map::new();
        let mut expecting_member = true;
        loop {
            let (token, newline) = self.peek();
            match token {
                Token::Close(c) => {
                    let _ = self.next()?;
                    if c == ']' {
                        self.repair("a bracket that does not match");
                    }
                    if expecting_member && !map.is_empty() {
                        self.repair("a trailing comma");
                    }
                    break;
                }
                Token::End => {
                    self.repair("a bracket left open");
                    break;
                }
                Token::Comma => {
                    let _ = self.next()?;
                    if expecting_member {
                        self.repair("a comma too many");
                    }
                    expecting_member = true;
                    continue;
                }
                Token::Ellipsis => {
                    let _ = self.next()?;
                    self.repair("an elision");
                    self.elided = true;
                    expecting_member = false;
                    continue;
                }
                _ if !expecting_member && newline => self.repair("a missing comma"),
                _ if !expecting_member => {
                    return Err(self.error("expected `,` or `}` after a member"));
                }
                _ => {}
            }
            let key = match self.next()? {
                (Token::String(key), _) => key.into_owned(),
                // An object where a member goes: its members are this one's.
                (Token::Open('{'), _) => {
                    self.repair("an object without a member name");
                    if let Value::Object(members) = self.object()? {
                        for (key, value) in members {
                            map.entry(key).or_insert(value);
                        }
                    }
                    expecting_member = false;
                    continue;
                }
                (Token::Word(word), _) => {
                    let name = word.trim_matches('"');
                    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        return Err(self.error("expected a member name in quotes"));
                    }
                    self.repair("a member name without its quotes");
                    name.to_owned()
                }
                _ => return Err(self.error("expected a member name in quotes")),
            };
            match self.peek() {
                (Token::Colon, _) => {
                    let _ = self.next()?;
                }
                _ => {
                    self.skip_space();
                    return Err(self.error(format!("expected `:` after the member name `{key}`")));
                }
            }
            if let Some(value) = self.value()? {
                map.entry(key).or_insert(value);
            }
            expecting_member = false;
        }
        self.depth -= 1;
        Ok(Value::Object(map))
    }

    fn array(&mut self) -> Result<Value, ReadError> {
        self.enter()?;
        let mut items = Vec::new();
        let mut expecting_item = true;
        loop {
            let (token, newline) = self.peek();
            match token {
                Token::Close(c) => {
                    let _ = self.next()?;
                    if c == '}' {
                        self.repair("a bracket that does not match");
                    }
                    if expecting_item && !items.is_empty() {
                        self.repair("a trailing comma");
                    }
                    break;
                }
                Token::End => {
                    self.repair("a bracket left open");
                    break;
                }
                Token::Comma => {
                    let _ = self.next()?;
                    if expecting_item {
                        self.repair("a comma too many");
                    }
                    expecting_item = true;
                    continue;
                }
                Token::String(_) if self.member_follows() => {
                    // `"name":` where an element goes: the array was never
                    // closed, and its object goes on.
                    self.repair("a bracket left open");
                    break;
                }
                _ if !expecting_item && newline => self.repair("a missing comma"),
                Token::Open('{') | Token::Open('[') if !expecting_item => {
                    self.repair("a missing comma")
                }
                _ if !expecting_item => {
                    return Err(self.error("expected `,` or `]` after an element"));
                }
                _ => {}
            }
            let elided_before = self.elided;
            self.elided = false;
            let value = self.value()?;
            let empty = match &value {
                Some(Value::Array(items)) => items.is_empty(),
                Some(Value::Object(members)) => members.is_empty(),
                _ => false,
            };
            let only_elided = self.elided && empty;
            self.elided |= elided_before;
            // `[...]` or `{...}` among elements stands for more elements.
            if let Some(value) = value.filter(|_| !only_elided) {
                items.push(value);
            }
            expecting_item = false;
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }
}

/// A string token at the start of `text`: its value and its length in
/// bytes; smart quotes close it as a straight quote does, and control
/// characters (a line break in a description) are kept.
fn string(text: &str) -> Option<(Cow<'_, str>, usize)> {
    // Most strings open with `"` and hold no escape: the text up to the
    // next `"` is the string.
    if let Some(body) = text.strip_prefix('"')
        && let Some(end) = body.find(['"', '\\'])
        && body[end..].starts_with('"')
    {
        return Some((Cow::Borrowed(&body[..end]), end + 2));
    }
    let mut chars = text.char_indices();
    let (_, open) = chars.next()?;
    let closes =
        |c: char| if open == '"' { c == '"' } else { matches!(c, '\u{201c}' | '\u{201d}' | '"') };
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, escaped) = chars.next()?;
                match escaped {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let hex: String =
                            (0..4).filter_map(|_| chars.next().map(|(_, c)| c)).collect();
                        let code = u32::from_str_radix(&hex, 16).ok()?;
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => out.push(other),
                }
            }
            c if closes(c) => return Some((Cow::Owned(out), i + c.len_utf8())),
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value(text: &str) -> (Value, Vec<&'static str>, bool) {
        let read = read(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        (read.value, read.repairs, read.elided)
    }

    #[test]
    fn strict_json_reads_as_it_is() {
        let text = r#"{"a": [1, 2.50, "x\n"], "b": {"c": null}} trailing prose"#;
        let read = read(text).unwrap();
        let strict: Value = serde_json::from_str(&text[..read.length]).unwrap();
        assert_eq!(read.value, strict);
        assert_eq!(&text[..read.length], r#"{"a": [1, 2.50, "x\n"], "b": {"c": null}}"#);
        assert!(read.repairs.is_empty() && !read.elided);
        // Digits are kept as written.
        assert_eq!(read.value["a"][1].to_string(), "2.50");
    }

    #[test]
    fn elisions_and_placeholders_are_left_out_never_invented() {
        let (v, repairs, elided) = value(
            r#"{"id": <customer-id>, "product": { ... }, "sku": {...}, "items": [ ... ], "links": ..., "n": 1, ...}"#,
        );
        assert_eq!(v, json!({"product": {}, "sku": {}, "items": [], "n": 1}));
        assert!(elided);
        assert_eq!(repairs, ["a placeholder where a value goes", "an elision"]);
    }

    #[test]
    fn hand_written_slips_are_read_as_meant() {
        let (v, repairs, _) = value(
            "{\n  /* the customer */\n  \"a\": True, // yes\n  \"b\": Null\n  \"c\": [1, 2,],\n  \"d\": \u{201c}e\u{201d},\n}",
        );
        assert_eq!(v, json!({"a": true, "b": null, "c": [1, 2], "d": "e"}));
        assert_eq!(
            repairs,
            ["a comment", "a literal in capitals", "a missing comma", "a trailing comma"]
        );
        let (v, repairs, _) = value("{\n {\n  \"amount\": 100\n },\n \"links\": {\"self\": {}}\n}");
        assert_eq!(v, json!({"amount": 100, "links": {"self": {}}}));
        assert_eq!(repairs, ["an object without a member name"]);
        let (v, repairs, _) = value(
            "{\"items\": [\n {\"a\": 1}\n ],\n OrderId\": 2, \"b\": [{\"c\": 1},\n \"d\": 3}",
        );
        assert_eq!(v, json!({"items": [{"a": 1}], "OrderId": 2, "b": [{"c": 1}], "d": 3}));
        assert_eq!(
            repairs,
            ["a member name without its quotes", "a bracket left open", "a missing comma"]
        );
        let (v, repairs, _) = value("\u{feff}{\"n\": 04, \"m\": 0.5, \"z\": 0}");
        assert_eq!(v, serde_json::from_str::<Value>(r#"{"n": 4, "m": 0.5, "z": 0}"#).unwrap());
        assert_eq!(repairs, ["a byte order mark", "a number with a leading zero"]);
        assert_eq!(value("?{\"a\": 1}").0, json!({"a": 1}));
        let (v, _, elided) = value("[{\"a\": 1}, [...], {...}]");
        assert_eq!((v, elided), (json!([{"a": 1}]), true));
        let (v, _, _) = value("[\n {\"a\": 1}\n {\"a\": 2}\n]");
        assert_eq!(v, json!([{"a": 1}, {"a": 2}]));
        let (v, repairs, _) = value("{\"items\": [\n {\"a\": 1}\n}");
        assert_eq!(v, json!({"items": [{"a": 1}]}));
        assert_eq!(repairs, ["a bracket that does not match", "a bracket left open"]);
        let (v, _, _) = value("{\"text\": \"two\nlines\"}");
        assert_eq!(v, json!({"text": "two\nlines"}));
    }

    #[test]
    fn what_cannot_be_read_says_where() {
        let error = read("{\n    _content    {System.Net.Http.ByteArrayContent}\n}").unwrap_err();
        assert_eq!(error.message, "expected `:` after the member name `_content`");
        assert_eq!(error.offset, 18);
        assert_eq!(read("...").unwrap_err().message, "the whole body is elided");
        assert!(read(&"[".repeat(200)).is_err());
    }
}
