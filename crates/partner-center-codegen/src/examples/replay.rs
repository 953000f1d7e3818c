//! What the replay check sends and answers: for each operation, the first
//! request example that agrees with the operation's row of the table,
//! read into the arguments the operation takes (path values from its URL,
//! query values by their wire key, the body), and the first 2xx response
//! shown after it.

use super::extract::{Message, StartLine};
use super::operations::{Exchange, PageOperations, exchanges, match_path, target_path};
use crate::model::{Location, Model, Operation};
use crate::parse::syntax;
use crate::source::Sources;

/// One operation's documented exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replay {
    /// The page, as its path was given.
    pub page: String,
    /// The line of the request example.
    pub line: usize,
    /// The operation's name (`get-a-customer-by-id`).
    pub operation: String,
    /// The request example's method.
    pub method: String,
    /// The request example's path, percent-decoded.
    pub path: String,
    /// The request example's query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The operation's arguments the example gives: parameter name (as
    /// the table writes it) and value.
    pub arguments: Vec<(String, String)>,
    /// The request example's body, if it has one, read like a response's.
    pub body: Option<String>,
    /// The first 2xx response shown after the request.
    pub response: Option<ReplayResponse>,
    /// Query keys of the example that no parameter of the table has.
    pub undocumented_keys: Vec<String>,
}

/// A response example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayResponse {
    /// The line of its status line.
    pub line: usize,
    /// Its status.
    pub status: u16,
    /// Its headers.
    pub headers: Vec<(String, String)>,
    /// Its body (empty when there is none): the JSON value it shows, read
    /// as a person reads it (elisions left out, slips repaired).
    pub body: String,
}

/// The replay cases of a model, and the operations that have none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replays {
    /// Operations of the model.
    pub operations: usize,
    /// One case per operation whose page shows a request example that
    /// agrees with its row.
    pub cases: Vec<Replay>,
    /// Operations without such an example: (page, operation, why).
    pub without: Vec<(String, String, String)>,
}

/// The replay cases of every operation of `model`.
pub(crate) fn replays(pages: &[syntax::Page<'_>], model: &Model, sources: &Sources) -> Replays {
    let mut out = Replays { operations: model.operations.len(), ..Replays::default() };
    let mut found = vec![false; model.operations.len()];
    let by_page = PageOperations::new(model);
    for page in pages {
        let Some(ops) = by_page.of(sources.path(page.file)) else {
            continue;
        };
        let file = sources.get(page.file);
        for exchange in exchanges(super::extract::messages(page, &file.text), ops, sources, None) {
            let Some(index) = exchange.operation.filter(|i| exchange.agrees && !found[*i]) else {
                continue;
            };
            found[index] = true;
            if let Some(case) = replay(&model.operations[index], &exchange, sources) {
                out.cases.push(case);
            }
        }
    }
    for (index, op) in model.operations.iter().enumerate() {
        if !found[index] {
            let page = &model.operation_pages[op.page.0 as usize];
            out.without.push((
                page.path.clone(),
                op.name.clone(),
                "no request example on its page sends its method and path".into(),
            ));
        }
    }
    out
}

fn replay(op: &Operation, exchange: &Exchange<'_>, sources: &Sources) -> Option<Replay> {
    let request = exchange.request.as_ref()?;
    let StartLine::Request { method, target } = &request.start else { return None };
    let file = sources.get(request.block.file);
    let path = decode(&target_path(target)?);
    let mut arguments: Vec<(String, String)> = match_path(op, &path)?
        .into_iter()
        .map(|(index, value)| (op.params[index].name.clone(), value))
        .collect();
    let query: Vec<(String, String)> = target
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or_default())
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    let mut undocumented_keys = Vec::new();
    for (key, value) in &query {
        let param = op
            .params
            .iter()
            .find(|p| p.location == Location::Query && p.wire.eq_ignore_ascii_case(key));
        match param {
            Some(param) if param.fixed.is_some() => {}
            Some(param) => arguments.push((param.name.clone(), value.clone())),
            None => undocumented_keys.push(key.clone()),
        }
    }
    let body = Some(request.body()).filter(|b| !b.is_empty()).map(super::lenient::strict);
    let response = exchange.responses.iter().find_map(|r| response(r, sources));
    Some(Replay {
        page: file.path.clone(),
        line: request.line(&file),
        operation: op.name.clone(),
        method: method.clone(),
        path,
        query,
        arguments,
        body,
        response,
        undocumented_keys,
    })
}

fn response(message: &Message<'_>, sources: &Sources) -> Option<ReplayResponse> {
    let StartLine::Response { status: Some(status) } = message.start else { return None };
    if !(200..300).contains(&status) {
        return None;
    }
    Some(ReplayResponse {
        line: message.line(&sources.get(message.block.file)),
        status,
        headers: message.headers.clone(),
        body: if message.body().is_empty() {
            String::new()
        } else {
            super::lenient::strict(message.body())
        },
    })
}

/// `a%20b+c` -> `a b c`, as a query component (or a path) is decoded.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 2;
            }
            (byte, _) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
