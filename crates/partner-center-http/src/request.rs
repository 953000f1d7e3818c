//! What an operation asks for: its method, path, query, extra headers and
//! body. Generated operations build one; [`Client`](crate::Client) sends it.

use std::fmt::Write as _;

pub use reqwest::Method;
use serde::Serialize;

use crate::error::{Error, ErrorKind};

/// One request of an operation, before the client adds its headers.
#[derive(Clone, Debug)]
pub struct Request {
    /// The operation's name (the page it is documented on), for errors.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path below the base URL, segments already encoded
    /// ([`encode_segment`]), e.g. `/v1/customers/eebd1b55`.
    pub path: String,
    /// Query pairs in order; the client encodes them.
    pub query: Vec<(String, String)>,
    /// Headers beyond the ones every call sends (`MS-ContinuationToken`).
    pub headers: Vec<(String, String)>,
    /// A JSON body.
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// A request of `operation` for `method` and `path`.
    pub fn new(operation: &'static str, method: Method, path: impl Into<String>) -> Self {
        Request {
            operation,
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a query pair.
    #[must_use]
    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_owned(), value.to_string()));
        self
    }

    /// Adds a query pair if there is a value.
    #[must_use]
    pub fn query_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(value) => self.query(key, value),
            None => self,
        }
    }

    /// Adds a query pair per value (`ids=a&ids=b`).
    #[must_use]
    pub fn query_each<V: ToString>(
        mut self,
        key: &str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        for value in values {
            self = self.query(key, value);
        }
        self
    }

    /// Sets the body to `body` encoded as JSON.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::local(ErrorKind::Request, self.operation, &self.method, &self.path, e)
        })?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Sets the body to `body`, one of the generated models (or any JSON
    /// value), encoded as JSON.
    ///
    /// # Panics
    ///
    /// If `body` does not encode, which a model or a `serde_json::Value`
    /// never does; for other types use [`Request::json`].
    #[must_use]
    pub fn model<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = Some(serde_json::to_vec(body).expect("models always encode as JSON"));
        self
    }

    /// The request's method is safe to send twice: a retry cannot do
    /// anything the first attempt did not.
    pub fn is_idempotent(&self) -> bool {
        matches!(
            self.method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        )
    }
}

/// `value` made safe as one path segment: everything but RFC 3986's
/// unreserved characters is percent-encoded, so an id with a `/` or a space
/// stays one segment.
pub fn encode_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(encode_segment("eebd1b55-5360"), "eebd1b55-5360");
        assert_eq!(encode_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_segment("Türkiye"), "T%C3%BCrkiye");
    }

    #[test]
    fn only_safe_methods_are_idempotent() {
        let get = Request::new("x", Method::GET, "/v1/x");
        assert!(get.is_idempotent());
        assert!(!Request::new("x", Method::POST, "/v1/x").is_idempotent());
        assert!(!Request::new("x", Method::PATCH, "/v1/x").is_idempotent());
    }
}
