//! A successful response: the decoded body and what came with it.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// A response of a call that succeeded.
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The status (2xx).
    pub status: StatusCode,
    /// The response's headers.
    pub headers: HeaderMap,
    /// The body, decoded.
    pub body: T,
    /// The `MS-RequestId` the call sent (the same on every attempt).
    pub request_id: String,
    /// The `MS-CorrelationId` the call sent.
    pub correlation_id: String,
}

impl<T> Response<T> {
    /// The body alone.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The `Location` header, where a `202 Accepted` says to look next.
    pub fn location(&self) -> Option<&str> {
        self.headers.get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok())
    }

    /// The same response with its body changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
            request_id: self.request_id,
            correlation_id: self.correlation_id,
        }
    }
}

/// The body of a `202 Accepted`: the work goes on, and `location` says
/// where to ask how it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The `Location` header: a path below the version (`/customers/...`)
    /// or a URL.
    pub location: Option<String>,
}
