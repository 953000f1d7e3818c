//! Operations against their pages' HTTP examples.
//!
//! Each request example is matched to the operation whose method and path
//! it sends (path parameters match any segment, letter case aside); the
//! responses after it belong to that operation. Then:
//! - an operation whose page names no type for what it returns (or takes)
//!   gets the type its example is, by the one rule of `tie.rs` (the
//!   `objectType`, else the struct whose fields explain its members);
//! - the example's JSON decides the shape (one, a collection, a list);
//! - a 2xx response without a body makes the response empty (`202`:
//!   accepted);
//! - a request example that matches no row of its page's table, or that
//!   sends another method, is reported.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;

use super::extract::{Message, StartLine};
use super::tie::{self, PageText, StructIndex};
use crate::diagnostics::{Code, Diagnostics};
use crate::model::{
    Body, BodyFrom, ItemId, Method, Model, Operation, Reference, Response, Segment, Type,
};
use crate::parse::syntax;
use crate::source::{FileId, Sources, Span};
use partner_center_support::json::shape_of;

/// A request example, the responses after it, and the operation it is of.
#[derive(Clone, Debug)]
pub(crate) struct Exchange<'p> {
    /// Index of the operation in [`Model::operations`], if one fits.
    pub(crate) operation: Option<usize>,
    /// The request sends the method and path of that operation's row (not
    /// just the page's only operation).
    pub(crate) agrees: bool,
    /// The request, if the page shows one before these responses.
    pub(crate) request: Option<Message<'p>>,
    /// The responses shown after it.
    pub(crate) responses: Vec<Message<'p>>,
}

/// The path of a request target: `https://host/v1/x?y` and `/v1/x` are
/// both `/v1/x`; `None` for a target that is neither a URL nor a path.
pub(crate) fn target_path(target: &str) -> Option<String> {
    let target = target.trim();
    let path = match target.find("://") {
        Some(i) => {
            let rest = &target[i + 3..];
            &rest[rest.find('/')?..]
        }
        None if target.starts_with('/') => target,
        None => return None,
    };
    let mut path = path.split(['?', '#']).next().unwrap_or_default().to_owned();
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    if path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    Some(path)
}

/// The values `path` gives an operation's path parameters, when it is
/// the operation's path (letter case aside); `None` when it is not.
pub(crate) fn match_path(op: &Operation, path: &str) -> Option<Vec<(usize, String)>> {
    let template: String = op
        .path
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => text.clone(),
            Segment::Param(i) => format!("{{{i}}}"),
        })
        .collect();
    let wanted: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    let given: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if wanted.len() != given.len() {
        return None;
    }
    let mut values = Vec::new();
    for (w, g) in wanted.iter().zip(&given) {
        match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(index) => values.push((index.parse().ok()?, (*g).to_owned())),
            None if w.eq_ignore_ascii_case(g) => {}
            None => return None,
        }
    }
    Some(values)
}

/// The exchanges of one page, each with the operation it is of. `ops` are
/// the page's operations (index in the model, operation). Disagreements
/// with the table go to `diagnostics`.
pub(crate) fn exchanges<'p>(
    messages: Vec<Message<'p>>,
    ops: &[(usize, &Operation)],
    sources: &Sources,
    mut diagnostics: Option<&mut Diagnostics>,
) -> Vec<Exchange<'p>> {
    let mut out: Vec<Exchange<'p>> = Vec::new();
    for message in messages {
        match &message.start {
            StartLine::Request { method, target } => {
                let (operation, agrees) = match_operation(
                    &message,
                    method,
                    target,
                    ops,
                    sources,
                    diagnostics.as_deref_mut(),
                );
                let request = Some(message);
                out.push(Exchange { operation, agrees, request, responses: Vec::new() });
            }
            StartLine::Response { .. } => match out.last_mut() {
                Some(exchange) => exchange.responses.push(message),
                // A response shown before any request is of the page's
                // only operation, if it has one.
                None => out.push(Exchange {
                    operation: match ops {
                        [(index, _)] => Some(*index),
                        _ => None,
                    },
                    agrees: false,
                    request: None,
                    responses: vec![message],
                }),
            },
        }
    }
    out
}

fn match_operation(
    message: &Message<'_>,
    method: &str,
    target: &str,
    ops: &[(usize, &Operation)],
    sources: &Sources,
    diagnostics: Option<&mut Diagnostics>,
) -> (Option<usize>, bool) {
    let path = target_path(target);
    let same_path: Vec<&(usize, &Operation)> = match &path {
        Some(path) => ops.iter().filter(|(_, op)| match_path(op, path).is_some()).collect(),
        None => Vec::new(),
    };
    if let Some((index, _)) =
        same_path.iter().find(|(_, op)| op.method.as_str().eq_ignore_ascii_case(method))
    {
        return (Some(*index), true);
    }
    let only = match ops {
        [(index, _)] => Some(*index),
        _ => None,
    };
    if let Some(diagnostics) = diagnostics {
        let file = sources.get(message.block.file);
        let line_start = message.start_offset(&file);
        let line_len =
            message.code.trim_start().find('\n').unwrap_or(message.code.trim_start().len());
        let span = Span::new(message.block.file, line_start..line_start + line_len);
        let (what, help) = match (same_path.first(), &path) {
            (Some((_, op)), _) => (
                format!(
                    "the request example sends {method}, but the table says {}",
                    op.method.as_str()
                ),
                "make the example and the `Method | Request URI` row agree; the table is used",
            ),
            (None, Some(path)) => (
                format!(
                    "the request example's path `{path}` matches no `Method | Request URI` row"
                ),
                "make the example's path and the table's agree; the table is used",
            ),
            (None, None) => (
                format!("the request example's target `{target}` is no URL or path"),
                "write the request line as `METHOD https://api.partnercenter.microsoft.com/v1/... HTTP/1.1`",
            ),
        };
        diagnostics.push(Code::ExampleDisagrees, span, what, "this request example", help);
    }
    (only.or_else(|| same_path.first().map(|(index, _)| *index)), false)
}

/// The operations of each operation page (their index in the model, and
/// themselves), by the page's path: made once, where a lookup for each page
/// would take time quadratic in the pages.
pub(crate) struct PageOperations<'m> {
    by_path: HashMap<&'m str, Vec<(usize, &'m Operation)>>,
    operations: &'m [Operation],
}

impl<'m> PageOperations<'m> {
    /// The operation at `index` in the model.
    pub(crate) fn operation(&self, index: usize) -> &'m Operation {
        &self.operations[index]
    }

    pub(crate) fn new(model: &'m Model) -> Self {
        let mut by_path: HashMap<&str, Vec<(usize, &Operation)>> =
            model.operation_pages.iter().map(|page| (page.path.as_str(), Vec::new())).collect();
        for (index, op) in model.operations.iter().enumerate() {
            let path = model.operation_pages[op.page.0 as usize].path.as_str();
            by_path.entry(path).or_default().push((index, op));
        }
        Self { by_path, operations: &model.operations }
    }

    /// The operations of the page at `path`, if it is an operation page.
    pub(crate) fn of(&self, path: &str) -> Option<&[(usize, &'m Operation)]> {
        self.by_path.get(path).map(Vec::as_slice)
    }
}

/// The operation each ```http block of `page` shows an exchange of, by
/// the block's span.
pub(crate) fn block_operations(
    page: &syntax::Page<'_>,
    text: &str,
    by_page: &PageOperations<'_>,
    sources: &Sources,
) -> Vec<(Span, usize)> {
    let Some(ops) = by_page.of(sources.path(page.file)) else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    for exchange in exchanges(super::extract::messages(page, text), ops, sources, None) {
        let Some(op) = exchange.operation else { continue };
        for message in exchange.request.iter().chain(&exchange.responses) {
            blocks.push((message.block, op));
        }
    }
    blocks
}

/// The struct an operation's body (or response) is, where it has a type.
pub(crate) fn typed_item(body: Option<&Body>) -> Option<ItemId> {
    match body? {
        Body { ty: Type::Named(Reference::Item(id)), from, .. } if *from != BodyFrom::Unknown => {
            Some(*id)
        }
        _ => None,
    }
}

/// The values of a page's bodies read already, by where their text starts
/// (the block, and the offset in its code of their first character that is
/// not blank): a message's body is then not read a second time.
pub(crate) type ReadBodies<'v> = HashMap<(Span, usize), &'v Value>;

/// The key in [`ReadBodies`] of text that starts at `from` in the code of
/// `block`: a body and a message body agree on it when they start alike.
pub(crate) fn read_key(block: Span, code: &str, from: usize) -> (Span, usize) {
    let rest = &code[from..];
    (block, from + rest.len() - rest.trim_start().len())
}

/// The value of a message's body: the one read already where a body starts
/// at the same place, else the body's text read now.
fn body_value<'v>(message: &Message<'_>, read: &ReadBodies<'v>) -> Option<Cow<'v, Value>> {
    if let Some(value) = read.get(&read_key(message.block, message.code, message.body_start)) {
        return Some(Cow::Borrowed(*value));
    }
    read_text(message.body()).map(Cow::Owned)
}

/// A body's value, read from its text as a person reads it.
fn read_text(text: &str) -> Option<Value> {
    super::lenient::read(text).ok().map(|read| read.value)
}

/// What the examples tell the operations: types where the page's text
/// named none, shapes from the JSON, empty and accepted responses.
///
/// A page is looked at while its bodies are read ([`Typing::page`]); all
/// is worked out then but the ties of bodies to structs, which wait until
/// the model's names and aliases are final ([`Typing::finish`]), and keep
/// only the values they need.
#[derive(Default)]
pub(crate) struct Typing {
    /// (operation, what its examples tell), in the order of the pages.
    told: Vec<(usize, Told)>,
}

/// What one exchange tells its operation.
enum Told {
    /// The response: the first step that tells something.
    Response(Vec<Step<Response>>),
    /// The request body.
    Body(Step<Option<Body>>),
}

/// A thing an example tells, or a body whose tie to a struct says it.
enum Step<T> {
    Known(T),
    /// A body (and the status of a response) to tie: read again when tied,
    /// which costs less than holding its value until then.
    Tie(Option<u16>, BodyText),
}

/// Where the text of a body is: in its page, or (where its code is no
/// slice of the page) held.
enum BodyText {
    InPage(FileId, std::ops::Range<usize>),
    Held(String),
}

impl BodyText {
    fn of(message: &Message<'_>) -> BodyText {
        match message.in_page {
            Some((start, end)) => BodyText::InPage(
                message.block.file,
                start as usize + message.body_start..end as usize,
            ),
            None => BodyText::Held(message.body().to_owned()),
        }
    }

    /// The body's value, read from its text.
    fn read(&self, sources: &Sources) -> Option<Value> {
        match self {
            BodyText::InPage(file, range) => {
                read_text(sources.get(*file).text.get(range.clone())?.trim())
            }
            BodyText::Held(text) => read_text(text),
        }
    }
}

impl Typing {
    /// Looks at the exchanges of one page, whose bodies `read` holds.
    pub(crate) fn page(
        &mut self,
        page: &syntax::Page<'_>,
        text: &str,
        by_page: &PageOperations<'_>,
        read: &ReadBodies<'_>,
        sources: &Sources,
        diagnostics: &mut Diagnostics,
    ) {
        let Some(ops) = by_page.of(sources.path(page.file)) else { return };
        let messages = super::extract::messages(page, text);
        for exchange in exchanges(messages, ops, sources, Some(diagnostics)) {
            let Some(op_index) = exchange.operation else { continue };
            let op = by_page.operation(op_index);
            if let Some(steps) = response_steps(op, &exchange, read) {
                self.told.push((op_index, Told::Response(steps)));
            }
            if let Some(body) = request_step(op, &exchange, read) {
                if op.body.is_none()
                    && let Some(request) = &exchange.request
                {
                    let line = request.line(&sources.get(request.block.file));
                    diagnostics.push(
                        Code::ExampleDisagrees,
                        request.block,
                        format!(
                            "the page says `{}` sends no request body, but its example (line {line}) sends one",
                            op.name
                        ),
                        "this request example has a body",
                        "state the request body under `Request body`; the example's is used",
                    );
                }
                self.told.push((op_index, Told::Body(body)));
            }
        }
    }

    /// Ties what waited to the final model, and completes the operations:
    /// the first example that tells an operation something wins.
    pub(crate) fn finish(self, model: &mut Model, sources: &Sources) {
        let index = StructIndex::new(model);
        let mut updates: Vec<(usize, Update)> = Vec::new();
        for (op_index, told) in self.told {
            match told {
                Told::Response(steps) => {
                    let response = steps.into_iter().find_map(|step| match step {
                        Step::Known(response) => Some(response),
                        Step::Tie(status, text) => {
                            tied_response(&text.read(sources)?, status, &index)
                        }
                    });
                    if let Some(response) = response {
                        updates.push((op_index, Update::Response(response)));
                    }
                }
                Told::Body(Step::Known(body)) => updates.push((op_index, Update::Body(body))),
                Told::Body(Step::Tie(_, text)) => {
                    if let Some(value) = text.read(sources) {
                        updates.push((op_index, Update::Body(Some(tied_request(&value, &index)))))
                    }
                }
            }
        }
        let mut told = std::collections::BTreeSet::new();
        for (op_index, update) in updates {
            let op = &mut model.operations[op_index];
            match update {
                Update::Response(response) if told.insert((op_index, true)) => {
                    op.response = response
                }
                Update::Body(body) if told.insert((op_index, false)) => op.body = body,
                _ => {}
            }
        }
    }
}

enum Update {
    Response(Response),
    Body(Option<Body>),
}

/// What the 2xx response examples say the operation returns, where the
/// page left it open (no type) or to refine its shape: the steps up to the
/// first that tells for sure. `None` where the examples cannot tell.
fn response_steps(
    op: &Operation,
    exchange: &Exchange<'_>,
    read: &ReadBodies<'_>,
) -> Option<Vec<Step<Response>>> {
    let Response::Json(stated) = &op.response else { return None };
    if stated.from == BodyFrom::Example {
        return None;
    }
    let mut steps = Vec::new();
    for response in &exchange.responses {
        let StartLine::Response { status: Some(status) } = response.start else { continue };
        if !(200..300).contains(&status) {
            continue;
        }
        match response_step(stated, status, response, read) {
            Some(Step::Known(told)) => {
                steps.push(Step::Known(told));
                break;
            }
            Some(tie) => steps.push(tie),
            None => {}
        }
    }
    (!steps.is_empty()).then_some(steps)
}

fn response_step(
    stated: &Body,
    status: u16,
    response: &Message<'_>,
    read: &ReadBodies<'_>,
) -> Option<Step<Response>> {
    if response.body().is_empty() {
        return match (stated.from, status) {
            (BodyFrom::Unknown, 202) => Some(Step::Known(Response::Accepted)),
            (BodyFrom::Unknown, _) => Some(Step::Known(Response::Empty)),
            _ => None,
        };
    }
    let value = body_value(response, read)?;
    let shape = shape_of(&value);
    if stated.from == BodyFrom::PageText {
        return (shape != stated.shape)
            .then(|| Step::Known(Response::Json(Body { shape, ..stated.clone() })));
    }
    Some(Step::Tie(Some(status), BodyText::of(response)))
}

/// A response body tied to its struct, where it ties.
fn tied_response(value: &Value, status: Option<u16>, index: &StructIndex) -> Option<Response> {
    let tied =
        tie::tie(value, super::Direction::Response, status, PageText::default(), index).ok()?;
    Some(Response::Json(Body {
        ty: Type::Named(Reference::Item(tied.item)),
        shape: tied.shape,
        from: BodyFrom::Example,
        candidates: Vec::new(),
    }))
}

/// The request body the example sends, where the page named no type for
/// it, or said there is none though the method sends one: the example's
/// body (typed where it ties, once ties can be made), or none where the
/// example sends nothing.
fn request_step(
    op: &Operation,
    exchange: &Exchange<'_>,
    read: &ReadBodies<'_>,
) -> Option<Step<Option<Body>>> {
    let request = exchange.request.as_ref()?;
    let text = request.body();
    let sends = matches!(op.method, Method::Post | Method::Put | Method::Patch);
    match &op.body {
        Some(stated) if stated.from != BodyFrom::Unknown => return None,
        Some(stated) if text.is_empty() && stated.candidates.is_empty() => {
            return Some(Step::Known(None));
        }
        None if !sends || text.is_empty() => return None,
        _ => {}
    }
    body_value(request, read)?;
    Some(Step::Tie(None, BodyText::of(request)))
}

/// A request body: its struct where it ties, else any JSON of its shape.
fn tied_request(value: &Value, index: &StructIndex) -> Body {
    match tie::tie(value, super::Direction::Request, None, PageText::default(), index).ok() {
        Some(tied) => Body {
            ty: Type::Named(Reference::Item(tied.item)),
            shape: tied.shape,
            from: BodyFrom::Example,
            candidates: Vec::new(),
        },
        None => Body {
            ty: Type::Json,
            shape: shape_of(value),
            from: BodyFrom::Unknown,
            candidates: Vec::new(),
        },
    }
}
