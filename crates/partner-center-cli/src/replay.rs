//! `partner-center replay DIR`: every operation's documented request,
//! sent by the generated client to a local server that answers with the
//! documented response.
//!
//! For each operation whose page shows a request example that agrees with
//! its row of the table (a replayable operation), the operation is called
//! through the table of operations with the arguments the example gives
//! (path values from its URL, query values by their wire key, its JSON
//! body), against a server on 127.0.0.1 that answers with the 2xx response
//! example shown after the request (or, where the page shows none, with
//! an empty 200, and only the request is checked). The request the server received must match the
//! example: method, path (letter case aside), query keys and values, the
//! JSON body (member casing, nulls and number spelling aside), and the
//! headers every call sends; the response must decode as the documented
//! type.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use partner_center_client::dynamic::{Arguments, CallError};
use partner_center_client::{Client, OPERATIONS, RetryPolicy, StaticToken};
use partner_center_codegen::{Replay, ReplayResponse};
use partner_center_testserver::{Recorded, Reply, Server};
use serde_json::Value;

use crate::compare::difference;
use crate::pages::read_pages;
use crate::{Failure, PagesArgs};

/// The share of replayable operations that must pass.
const REQUIRED_PERCENT: usize = 95;

/// The headers every call sends.
const REQUIRED_HEADERS: [&str; 4] = ["authorization", "accept", "ms-requestid", "ms-correlationid"];

#[derive(Clone, Copy, Default)]
struct Counts {
    operations: usize,
    /// Operations with a request example that agrees with their row.
    replayable: usize,
    replayed: usize,
    passed: usize,
    /// Of the passed, those whose page shows no 2xx response: only the
    /// request was checked.
    request_only: usize,
}

pub(crate) fn run(args: &PagesArgs) -> Result<(), Failure> {
    let sources = read_pages(args)?;
    let replays = partner_center_codegen::replays(&sources);
    let reply: Arc<Mutex<Reply>> = Arc::new(Mutex::new(Reply::empty(500)));
    let server = {
        let reply = reply.clone();
        Server::start(move |_| reply.lock().expect("not poisoned").clone())
    };
    let client = Client::builder(StaticToken::new("replay"))
        .base_url(server.url())
        .retry(RetryPolicy::never())
        .build()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the runtime: {e}")))?;

    let mut pages: BTreeMap<String, Counts> = BTreeMap::new();
    let mut findings = Vec::new();
    let short = |page: &str| page.rsplit('/').next().unwrap_or(page).to_owned();
    for (page, operation, why) in &replays.without {
        pages.entry(short(page)).or_default().operations += 1;
        findings.push(format!("{}: {operation}: not replayable: {why}", short(page)));
    }
    for case in &replays.cases {
        let counts = pages.entry(short(&case.page)).or_default();
        counts.operations += 1;
        let at = format!("{}:{}: {}", short(&case.page), case.line, case.operation);
        counts.replayable += 1;
        let Some(operation) = OPERATIONS.iter().find(|op| op.name == case.operation) else {
            findings.push(format!(
                "{at}: this build has no such operation (generate the crates from this folder)"
            ));
            continue;
        };
        // Without a documented response, the request is still checked; the
        // server answers with nothing, which the call need not decode.
        *reply.lock().expect("not poisoned") =
            case.response.as_ref().map_or_else(|| Reply::empty(200), served);
        let before = server.requests().len();
        let outcome = runtime.block_on((operation.call)(&client, arguments(case)));
        counts.replayed += 1;
        let sent = server.requests().into_iter().skip(before).collect::<Vec<_>>();
        let mut problems = match (outcome, &case.response) {
            (Ok(_), _) => Vec::new(),
            (Err(CallError::Usage(message)), _) => {
                vec![format!("the example's arguments: {message}")]
            }
            (Err(CallError::Call(error)), Some(response)) => vec![format!(
                "the documented response (line {}) does not decode: {error}",
                response.line
            )],
            (Err(CallError::Call(_)), None) => Vec::new(),
        };
        match sent.as_slice() {
            [request] => problems.extend(compare(case, request)),
            [] if problems.is_empty() => problems.push("no request was sent".into()),
            [] => {}
            more => problems.push(format!("{} requests were sent, not one", more.len())),
        }
        if problems.is_empty() {
            counts.passed += 1;
            if case.response.is_none() {
                counts.request_only += 1;
                findings.push(format!(
                    "{at}: request checked; no 2xx response example after it to answer with"
                ));
            }
        } else {
            findings.extend(problems.into_iter().map(|p| format!("{at}: {p}")));
        }
    }
    let (table, total, totals) = render(&pages);
    let mut out = table;
    for finding in &findings {
        let _ = writeln!(out, "  {finding}");
    }
    out.push_str(&total);
    if totals.passed * 100 >= totals.replayable * REQUIRED_PERCENT {
        print!("{out}");
        Ok(())
    } else {
        Err(Failure::Report(out))
    }
}

/// What the server answers for a response example: its status, its body
/// (the first JSON value, where it is one), its headers but the ones that
/// describe the example's own bytes.
fn served(response: &ReplayResponse) -> Reply {
    let body = response.body.trim_start_matches('\u{feff}');
    let body = match serde_json::Deserializer::from_str(body).into_iter::<Value>().next() {
        Some(Ok(_)) if body.starts_with(['{', '[']) => {
            let mut values = serde_json::Deserializer::from_str(body).into_iter::<Value>();
            let _ = values.next();
            body[..values.byte_offset()].to_owned()
        }
        _ => body.to_owned(),
    };
    let mut reply = Reply { status: response.status, headers: Vec::new(), body: body.into_bytes() };
    for (name, value) in &response.headers {
        let skip = ["content-length", "transfer-encoding", "connection", "date"];
        if !skip.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            reply = reply.header(name.clone(), value.clone());
        }
    }
    reply
}

/// The call's arguments as the example gives them.
fn arguments(case: &Replay) -> Arguments {
    let mut arguments = Arguments::new();
    for (name, value) in &case.arguments {
        arguments = arguments.param(name.clone(), value.clone());
    }
    if let Some(body) = &case.body {
        arguments = arguments.body(body.clone());
    }
    arguments
}

/// How the request the server received differs from the example.
fn compare(case: &Replay, sent: &Recorded) -> Vec<String> {
    let mut problems = Vec::new();
    if !sent.method.eq_ignore_ascii_case(&case.method) {
        problems.push(format!("sent {}, the example {}", sent.method, case.method));
    }
    let path = decode(&sent.path);
    if !path.eq_ignore_ascii_case(&case.path) {
        problems.push(format!("sent the path `{path}`, the example `{}`", case.path));
    }
    let mut expected: Vec<(String, String)> =
        case.query.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect();
    let mut got: Vec<(String, String)> =
        sent.query_pairs().into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect();
    expected.sort();
    got.sort();
    if expected != got {
        let show = |pairs: &[(String, String)]| {
            pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
        };
        problems.push(format!(
            "sent the query `{}`, the example `{}`",
            show(&got),
            show(&expected)
        ));
    }
    for key in &case.undocumented_keys {
        problems.push(format!("the example sends `{key}`, which no parameter of the table is"));
    }
    if let Some(body) = &case.body {
        let example: Option<Value> = parse_first(body);
        let sent_body: Option<Value> = serde_json::from_slice(&sent.body).ok();
        match (example, sent_body) {
            (Some(example), Some(sent)) => {
                if let Some(d) = difference(&example, &sent, "$") {
                    problems.push(format!("the body sent differs from the example: {d}"));
                }
            }
            (Some(_), None) => problems.push("no JSON body was sent".into()),
            (None, _) => {}
        }
    }
    for header in REQUIRED_HEADERS {
        if sent.header(header).is_none() {
            problems.push(format!("the request has no {header} header"));
        }
    }
    problems
}

fn parse_first(text: &str) -> Option<Value> {
    let text = text.trim_start_matches('\u{feff}');
    serde_json::Deserializer::from_str(text).into_iter::<Value>().next()?.ok()
}

/// `a%20b` -> `a b`.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
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

/// The table of pages, the total line, and the totals.
fn render(pages: &BTreeMap<String, Counts>) -> (String, String, Counts) {
    let width = pages.keys().map(String::len).max().unwrap_or(4).max(4);
    let mut out = format!(
        "{:width$}  {:>10}  {:>10}  {:>8}  {:>6}  {:>12}\n",
        "page", "operations", "replayable", "replayed", "passed", "request only"
    );
    let mut total = Counts::default();
    for (page, c) in pages {
        let _ = writeln!(
            out,
            "{page:width$}  {:>10}  {:>10}  {:>8}  {:>6}  {:>12}",
            c.operations, c.replayable, c.replayed, c.passed, c.request_only
        );
        total.operations += c.operations;
        total.replayable += c.replayable;
        total.replayed += c.replayed;
        total.passed += c.passed;
        total.request_only += c.request_only;
    }
    let percent = if total.replayable == 0 {
        100.0
    } else {
        total.passed as f64 * 100.0 / total.replayable as f64
    };
    let line = format!(
        "total: {} operations, {} replayable, {} replayed, {} passed ({percent:.1}% of replayable; {} of them request only)\n",
        total.operations, total.replayable, total.replayed, total.passed, total.request_only
    );
    (out, line, total)
}
