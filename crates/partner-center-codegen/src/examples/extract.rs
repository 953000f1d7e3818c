//! Finding the JSON bodies in the pages' code blocks.

use super::lenient;
use crate::parse::syntax::{self, Block};
use crate::source::{SourceFile, Span};

/// Whether a body is sent or received.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Direction {
    /// An HTTP request (`GET /v1/... HTTP/1.1`): a body the method takes.
    Request,
    /// An HTTP response (`HTTP/1.1 200 OK`): a body the method returns.
    Response,
    /// A bare ```json block.
    Unknown,
}

/// A JSON body in a code block of a page (`'p`, as kept for the examples),
/// read with the page's text (`'t`).
#[derive(Clone, Debug)]
pub(super) struct Body<'p, 't> {
    /// The code block, fences included.
    pub block: Span,
    /// The code inside the fences.
    pub code: &'t str,
    /// Where the code lies in the page, when it is a slice of it.
    pub in_page: Option<(u32, u32)>,
    /// The code as the kept page holds it, where it is no slice of the
    /// page (in a quote or list); else empty.
    pub kept: &'p str,
    /// Where the JSON starts in `code`.
    pub json_start: usize,
    /// Request, response, or neither.
    pub direction: Direction,
    /// The status code of a response (`200`).
    pub status: Option<u16>,
    /// The body's JSON value, read as a person reads it (elisions left
    /// out, slips repaired), and the length of its text; text after it is
    /// ignored (blocks sometimes end with a remark). Read once, when the
    /// body is found (its length tells where a further body may start).
    pub read: Result<lenient::Read, lenient::ReadError>,
}

/// Where a body is, without its value or its page's text: enough to point
/// at a member of it once both are let go of.
#[derive(Clone, Copy, Debug)]
pub(super) struct BodyAt<'p> {
    /// The code block, fences included.
    pub block: Span,
    /// Where the code lies in the page, when it is a slice of it.
    pub in_page: Option<(u32, u32)>,
    /// The code as the kept page holds it, where it is no slice of the page.
    pub kept: &'p str,
    /// Where the JSON starts in the code.
    pub json_start: usize,
}

impl BodyAt<'_> {
    /// The JSON text (and whatever follows it in the block), given the
    /// page's text.
    pub(super) fn json<'a>(&'a self, file: &'a SourceFile) -> &'a str {
        let code = match self.in_page {
            Some((start, end)) => file.text.get(start as usize..end as usize).unwrap_or_default(),
            None => self.kept,
        };
        code.get(self.json_start..).unwrap_or_default()
    }

    /// Byte offset in the page of `offset` bytes into the JSON.
    pub(super) fn file_offset(&self, file: &SourceFile, offset: usize) -> usize {
        (code_start(file, self.block) + self.json_start + offset).min(self.block.end as usize)
    }
}

/// Byte offset in the page where the code of `block` starts: on the line
/// after the opening fence.
fn code_start(file: &SourceFile, block: Span) -> usize {
    let text = file.text.get(block.range()).unwrap_or_default();
    block.start as usize + text.find('\n').map_or(0, |i| i + 1)
}

impl<'p, 't> Body<'p, 't> {
    /// Where the body is.
    pub(super) fn at(&self) -> BodyAt<'p> {
        BodyAt {
            block: self.block,
            in_page: self.in_page,
            kept: self.kept,
            json_start: self.json_start,
        }
    }

    /// The JSON text (and whatever follows it in the block).
    pub(super) fn json(&self) -> &'t str {
        &self.code[self.json_start..]
    }

    /// Byte offset in the page of `offset` bytes into the JSON.
    pub(super) fn file_offset(&self, file: &SourceFile, offset: usize) -> usize {
        self.at().file_offset(file, offset)
    }

    /// 1-based line in the page where the JSON starts.
    pub(super) fn line(&self, file: &SourceFile) -> usize {
        file.line_col(self.file_offset(file, 0)).0
    }

    /// The body's JSON value, where it could be read.
    pub(super) fn value(&self) -> Option<&serde_json::Value> {
        self.read.as_ref().ok().map(|read| &read.value)
    }

    /// The body as strict JSON: its own text where it is strict, else the
    /// value it was read as, encoded.
    pub(super) fn strict_json(&self, read: &lenient::Read) -> String {
        if read.repairs.is_empty() {
            self.json()[..read.length].to_owned()
        } else {
            serde_json::to_string_pretty(&read.value).expect("a value encodes")
        }
    }
}

/// Every JSON body in a page's ```http, ```json and plain code blocks,
/// given the page's text.
pub(super) fn bodies<'p: 't, 't>(page: &'p syntax::Page<'p>, text: &'t str) -> Vec<Body<'p, 't>> {
    fn walk<'p: 't, 't>(blocks: &'p [Block<'p>], text: &'t str, out: &mut Vec<Body<'p, 't>>) {
        for block in blocks {
            match block {
                Block::Code { lang, text: code, span, in_page }
                    if matches!(lang.as_str(), "http" | "json" | "") =>
                {
                    let kept: &'p str = if in_page.is_some() { "" } else { code };
                    let code = Block::code(code, *in_page, text);
                    out.extend(bodies_of(code, (*span, *in_page, kept), lang == "json"))
                }
                Block::Note { blocks, .. } | Block::Quote(blocks) => walk(blocks, text, out),
                Block::List(items) => items.iter().for_each(|item| walk(item, text, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&page.intro, text, &mut out);
    page.sections.iter().for_each(|s| walk(&s.blocks, text, &mut out));
    out
}

/// The bodies of one block: the JSON from the first line that opens an
/// object or array (after the request or status line and the headers), and
/// any further JSON value after it (some blocks show two).
/// `at`: the block, where its code lies in the page, and the code as kept.
fn bodies_of<'p, 't>(
    code: &'t str,
    at: (Span, Option<(u32, u32)>, &'p str),
    is_json: bool,
) -> Vec<Body<'p, 't>> {
    let (block, in_page, kept) = at;
    let Some(first) = code.lines().find(|l| !l.trim().is_empty()) else { return Vec::new() };
    let first = first.trim_start();
    let direction = if is_json {
        Direction::Unknown
    } else if first.starts_with("HTTP/") {
        Direction::Response
    } else if first.split_whitespace().nth(1).is_some_and(|target| target.starts_with(['/', 'h'])) {
        Direction::Request
    } else {
        Direction::Unknown
    };
    let status = match direction {
        Direction::Response => first.split_whitespace().nth(1).and_then(|code| code.parse().ok()),
        _ => None,
    };
    let mut bodies = Vec::new();
    let mut from = 0;
    while let Some(start) = json_line(code, from) {
        let read = lenient::read(&code[start..]);
        let next = read.as_ref().ok().map(|read| start + read.length.max(1));
        let body = Body { block, code, in_page, kept, json_start: start, direction, status, read };
        bodies.push(body);
        match next {
            Some(next) => from = next,
            None => break,
        }
    }
    bodies
}

/// The offset of the first line at or after `from` that opens an object
/// or an array. After a body (`from` > 0) only blank space may come
/// first: a further body stands apart, and text that goes on from the
/// previous one (`],` after a body closed too early) is no body.
fn json_line(code: &str, from: usize) -> Option<usize> {
    if from > 0 {
        let rest = &code[from..];
        let next = rest.trim_start();
        let start = from + rest.len() - next.len();
        let line_start = code[..start].rfind('\n').map_or(0, |i| i + 1);
        return next.starts_with(['{', '[']).then_some(line_start.max(from));
    }
    let mut offset = 0;
    for line in lines_with_breaks(code) {
        if opens_json(line) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// The lines of `code`, each with its `\n` (as `split_inclusive` gives
/// them), found with memchr: a char search per line costs more to set up
/// than a short line of an example takes to scan.
fn lines_with_breaks(code: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', code.as_bytes()).map(|i| i + 1);
    ends.chain(std::iter::once(code.len())).filter_map(move |end| {
        let line = &code[start..end];
        start = end;
        (!line.is_empty()).then_some(line)
    })
}

/// True for a line that opens an object or an array, maybe after a byte
/// order mark or a stray character (`?{`).
fn opens_json(line: &str) -> bool {
    let line = line.trim_start().trim_start_matches('\u{feff}');
    line.starts_with(['{', '['])
        || line.find(['{', '[']).is_some_and(|i| {
            i <= 2 && !line[..i].contains(char::is_whitespace) && !line[..i].contains(['"', ':'])
        })
}

/// An HTTP message in a ```http block: a request or a response, its
/// headers, and where its body starts.
#[derive(Clone, Debug)]
pub(crate) struct Message<'p> {
    /// The code block, fences included.
    pub(crate) block: Span,
    /// The code inside the fences.
    pub(crate) code: &'p str,
    /// Its first line, read.
    pub(crate) start: StartLine,
    /// Its headers, as written.
    pub(crate) headers: Vec<(String, String)>,
    /// Where the body starts in `code`: after the blank line that ends the
    /// headers, at the first line that is not a header.
    pub(crate) body_start: usize,
    /// Where `code` lies in the page, when it is a slice of it.
    pub(crate) in_page: Option<(u32, u32)>,
}

/// The first line of an HTTP message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum StartLine {
    /// `GET https://api.partnercenter.microsoft.com/v1/customers HTTP/1.1`.
    Request {
        /// The method as written.
        method: String,
        /// The target as written (a URL or a path).
        target: String,
    },
    /// `HTTP/1.1 200 OK`.
    Response {
        /// The status code, if it reads as one.
        status: Option<u16>,
    },
}

impl Message<'_> {
    /// The body's text, trimmed; empty when there is none.
    pub(crate) fn body(&self) -> &str {
        self.code[self.body_start..].trim()
    }

    /// Byte offset in `file` of the message's first line.
    pub(crate) fn start_offset(&self, file: &SourceFile) -> usize {
        code_start(file, self.block) + (self.code.len() - self.code.trim_start().len())
    }

    /// 1-based line of the message's first line in `file`.
    pub(crate) fn line(&self, file: &SourceFile) -> usize {
        file.line_col(self.start_offset(file)).0
    }
}

/// Every HTTP message of a page's ```http blocks (and plain blocks that
/// start like one), in document order.
pub(crate) fn messages<'p: 't, 't>(page: &'p syntax::Page<'p>, text: &'t str) -> Vec<Message<'t>> {
    fn walk<'p: 't, 't>(blocks: &'p [Block<'p>], text: &'t str, out: &mut Vec<Message<'t>>) {
        for block in blocks {
            match block {
                Block::Code { lang, text: code, span, in_page }
                    if matches!(lang.as_str(), "http" | "") =>
                {
                    let message = message_of(Block::code(code, *in_page, text), *span);
                    out.extend(message.map(|m| Message { in_page: *in_page, ..m }))
                }
                Block::Note { blocks, .. } | Block::Quote(blocks) => walk(blocks, text, out),
                Block::List(items) => items.iter().for_each(|item| walk(item, text, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&page.intro, text, &mut out);
    page.sections.iter().for_each(|s| walk(&s.blocks, text, &mut out));
    out
}

fn message_of(code: &str, block: Span) -> Option<Message<'_>> {
    let mut lines = lines_with_breaks(code);
    let mut offset = 0;
    let first = loop {
        let line = lines.next()?;
        offset += line.len();
        if !line.trim().is_empty() {
            break line.trim();
        }
    };
    let mut words = first.split_whitespace();
    let start = if first.starts_with("HTTP/") || first.starts_with("HTTP ") {
        let status = words.find_map(|w| w.parse::<u16>().ok());
        StartLine::Response { status }
    } else {
        let method = words.next()?;
        if !method.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        // The target runs to the protocol version; some examples leave a
        // space in it unencoded (`?filter=autoRenewEnabled eq true`).
        let rest = first[method.len()..].trim();
        let target = match rest.rfind(" HTTP") {
            Some(end) => rest[..end].trim(),
            None => rest,
        };
        if target.is_empty() {
            return None;
        }
        StartLine::Request { method: method.to_owned(), target: target.to_owned() }
    };
    let mut headers = Vec::new();
    for line in lines {
        let trimmed = line.trim();
        let header = trimmed.split_once(':').filter(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        match header {
            Some((name, value)) if !trimmed.starts_with(['{', '[', '"']) => {
                headers.push((name.to_owned(), value.trim().to_owned()));
                offset += line.len();
            }
            _ if trimmed.is_empty() => {
                offset += line.len();
                break;
            }
            _ => break,
        }
    }
    Some(Message { block, code, start, headers, body_start: offset.min(code.len()), in_page: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;
    use crate::source::FileId;

    #[test]
    fn lines_come_with_their_breaks_as_split_inclusive_gives_them() {
        for code in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "é\r\nà"] {
            let lines: Vec<&str> = lines_with_breaks(code).collect();
            assert_eq!(lines, code.split_inclusive('\n').collect::<Vec<_>>(), "{code:?}");
        }
    }

    fn page_bodies(text: &str) -> Vec<(Direction, String, usize)> {
        let file = SourceFile::new("p.md", text);
        // Cut loose from the text, as the examples stage reads it.
        let page = parse_page(FileId(0), &file).into_owned();
        bodies(&page, &file.text)
            .iter()
            .map(|b| (b.direction, b.json().trim().to_owned(), b.line(&file)))
            .collect()
    }

    #[test]
    fn finds_request_and_response_bodies_with_their_lines() {
        let text = "# P\n\n```http\nPOST https://api.partnercenter.microsoft.com/v1/customers HTTP/1.1\nAccept: application/json\n\n{\"id\": 1}\n```\n\n```http\nHTTP/1.1 201 Created\n\n{\"id\": 2}\n```\n\n```http\nGET /v1/customers HTTP/1.1\n```\n\n```json\n[1]\n```\n";
        assert_eq!(
            page_bodies(text),
            [
                (Direction::Request, "{\"id\": 1}".to_owned(), 7),
                (Direction::Response, "{\"id\": 2}".to_owned(), 13),
                (Direction::Unknown, "[1]".to_owned(), 21),
            ]
        );
    }

    #[test]
    fn a_body_with_a_remark_after_it_still_parses_and_bad_json_says_where() {
        let file = SourceFile::new(
            "p.md",
            "```http\nHTTP/1.1 200 OK\n\n{\"a\": 1}\nmore text\n```\n\n```http\nHTTP/1.1 200 OK\n\n{\"a\": ...}\n```\n\n```http\nHTTP/1.1 200 OK\n\n{\"a\" 1}\n```\n",
        );
        // Cut loose from the text, as the examples stage reads it.
        let page = parse_page(FileId(0), &file).into_owned();
        let found = bodies(&page, &file.text);
        let read = found[0].read.clone().unwrap();
        assert_eq!(read.value, serde_json::json!({"a": 1}));
        assert_eq!(found[0].strict_json(&read), "{\"a\": 1}");
        // An elided member is left out.
        let read = found[1].read.clone().unwrap();
        assert_eq!((read.value, read.elided), (serde_json::json!({}), true));
        let error = found[2].read.clone().unwrap_err();
        let (line, column) = file.line_col(found[2].file_offset(&file, error.offset));
        assert_eq!(
            (line, column, error.message.as_str()),
            (17, 6, "expected `:` after the member name `a`")
        );
    }

    #[test]
    fn a_block_with_two_bodies_gives_both() {
        let file = SourceFile::new("p.md", "```json\n{\"a\": 1}\n\n{\"b\": 2}\n```\n");
        // Cut loose from the text, as the examples stage reads it.
        let page = parse_page(FileId(0), &file).into_owned();
        let values: Vec<_> =
            bodies(&page, &file.text).iter().map(|b| b.value().unwrap().clone()).collect();
        assert_eq!(values, [serde_json::json!({"a": 1}), serde_json::json!({"b": 2})]);
    }
}
