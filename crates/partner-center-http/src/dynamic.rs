//! Operations described as data, for callers that choose one at run time:
//! the generated crate lists every operation in a table of [`Operation`]s,
//! each with a function that reads its arguments from text, calls it and
//! returns the response encoded as JSON. The `partner-center call` command
//! is such a caller.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;

/// The future a dynamic call returns.
pub type CallFuture<'c> = Pin<Box<dyn Future<Output = Result<Output, CallError>> + Send + 'c>>;

/// One operation of the generated table.
#[derive(Clone, Copy)]
pub struct Operation<C: 'static> {
    /// Its name: the file stem of the page that documents it
    /// (`get-a-customer-by-id`).
    pub name: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The path template (`/v1/customers/{customer-tenant-id}`).
    pub path: &'static str,
    /// The page's title.
    pub title: &'static str,
    /// Its parameters.
    pub params: &'static [Param],
    /// The type of its request body, if it takes one.
    pub body: Option<&'static str>,
    /// What it returns (`Customer`, `ResourceCollection<Customer>`, `()`).
    pub response: &'static str,
    /// Its response is a collection whose pages can be followed.
    pub paged: bool,
    /// Calls it on a client of type `C` with arguments given as text.
    pub call: for<'c> fn(&'c C, Arguments) -> CallFuture<'c>,
}

impl<C> fmt::Debug for Operation<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("name", &self.name)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("params", &self.params)
            .field("body", &self.body)
            .field("response", &self.response)
            .field("paged", &self.paged)
            .finish_non_exhaustive()
    }
}

/// One parameter of an [`Operation`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// Its name as the page writes it (`customer-tenant-id`, `size`).
    pub name: &'static str,
    /// Path or query.
    pub location: Location,
    /// The call needs it.
    pub required: bool,
    /// Its type in words (`string`, `integer`, `number`, `boolean`).
    pub kind: &'static str,
    /// It may be given several times.
    pub repeated: bool,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
}

/// Arguments given as text: `name=value` pairs (names in any casing), a
/// JSON body, and whether to follow every page.
#[derive(Clone, Debug, Default)]
pub struct Arguments {
    params: Vec<(String, String)>,
    body: Option<String>,
    all_pages: bool,
}

impl Arguments {
    /// No arguments.
    pub fn new() -> Self {
        Arguments::default()
    }

    /// Adds the parameter `name` with `value`.
    #[must_use]
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Sets the request body (JSON text).
    #[must_use]
    pub fn body(mut self, json: impl Into<String>) -> Self {
        self.body = Some(json.into());
        self
    }

    /// Follow every page of a collection (the output is then every item).
    #[must_use]
    pub fn with_all_pages(mut self, all: bool) -> Self {
        self.all_pages = all;
        self
    }

    /// True when every page is wanted.
    pub fn all_pages(&self) -> bool {
        self.all_pages
    }

    /// The names given, as written.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.params.iter().map(|(name, _)| name.as_str())
    }

    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of the required parameter `name`.
    pub fn required<T: FromStr>(&self, name: &str, kind: &str) -> Result<T, CallError> {
        self.optional(name, kind)?
            .ok_or_else(|| CallError::Usage(format!("the parameter `{name}` is required")))
    }

    /// The value of the optional parameter `name`, if given.
    pub fn optional<T: FromStr>(&self, name: &str, kind: &str) -> Result<Option<T>, CallError> {
        self.values(name).next().map(|value| parse(name, value, kind)).transpose()
    }

    /// Every value given for the parameter `name`.
    pub fn repeated<T: FromStr>(&self, name: &str, kind: &str) -> Result<Vec<T>, CallError> {
        self.values(name).map(|value| parse(name, value, kind)).collect()
    }

    /// The body, decoded as the operation's request type `T` (`what` names
    /// it in the error). Strictly: a member of the wrong type is a mistake
    /// in what the user wrote, refused before anything is sent.
    pub fn json_body<T: DeserializeOwned>(&self, what: &str) -> Result<T, CallError> {
        let body = self
            .body
            .as_deref()
            .ok_or_else(|| CallError::Usage(format!("this operation takes a body (a {what})")))?;
        partner_center_support::decode_strict(body)
            .map_err(|e| CallError::Usage(format!("the body is not a {what}: {e}")))
    }
}

fn parse<T: FromStr>(name: &str, value: &str, kind: &str) -> Result<T, CallError> {
    value
        .parse()
        .map_err(|_| CallError::Usage(format!("`{value}` is no {kind} (parameter `{name}`)")))
}

/// What a dynamic call returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// The decoded response, encoded again as pretty JSON.
    Json(String),
    /// A response without a body.
    Empty,
    /// A response's bytes (a PDF).
    Bytes(Vec<u8>),
    /// `202 Accepted`, with its `Location`.
    Accepted(Option<String>),
}

impl Output {
    /// `value` as pretty JSON.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Output {
        Output::Json(serde_json::to_string_pretty(value).expect("models always encode"))
    }
}

/// Why a dynamic call failed.
#[derive(Debug)]
pub enum CallError {
    /// The arguments do not fit the operation (a missing or malformed
    /// parameter, a body that is not the request type).
    Usage(String),
    /// The call was made and failed.
    Call(Error),
}

impl From<Error> for CallError {
    fn from(error: Error) -> Self {
        CallError::Call(error)
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Usage(message) => f.write_str(message),
            CallError::Call(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for CallError {}
