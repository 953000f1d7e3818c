//! The one error type of a call, with what a support ticket needs: the
//! operation, method and URL, the status, the service's error code and
//! description, the raw body, both request ids and the number of attempts.

use std::fmt;

use partner_center_support::ServiceError;
use reqwest::StatusCode;

/// What kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The service answered with a status that is no success (4xx, 5xx).
    Status,
    /// The request did not get a response: connection refused or reset,
    /// name not resolved, TLS failed.
    Transport,
    /// No response within the configured timeout.
    Timeout,
    /// The response's body is not what the operation returns.
    Decode,
    /// The token source gave no token.
    Token,
    /// The request could not be made (its body does not encode).
    Request,
    /// A next-page link that cannot be followed (another host, a loop).
    Paging,
}

/// A failed call.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    operation: &'static str,
    method: String,
    url: String,
    status: Option<StatusCode>,
    service: Option<ServiceError>,
    body: Option<String>,
    request_id: Option<String>,
    correlation_id: Option<String>,
    attempts: u32,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// What the client knew of a call when it failed.
pub(crate) struct CallInfo<'a> {
    pub(crate) operation: &'static str,
    pub(crate) method: &'a reqwest::Method,
    pub(crate) url: &'a str,
    pub(crate) request_id: &'a str,
    pub(crate) correlation_id: &'a str,
    pub(crate) attempts: u32,
}

impl Error {
    /// A failure before any request was sent.
    pub(crate) fn local(
        kind: ErrorKind,
        operation: &'static str,
        method: &reqwest::Method,
        url: &str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error(Box::new(Inner {
            kind,
            operation,
            method: method.to_string(),
            url: url.to_owned(),
            status: None,
            service: None,
            body: None,
            request_id: None,
            correlation_id: None,
            attempts: 0,
            source: Some(source.into()),
        }))
    }

    /// A failure of a call that was sent.
    pub(crate) fn call(
        kind: ErrorKind,
        info: &CallInfo<'_>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error(Box::new(Inner {
            kind,
            operation: info.operation,
            method: info.method.to_string(),
            url: info.url.to_owned(),
            status: None,
            service: None,
            body: None,
            request_id: Some(info.request_id.to_owned()),
            correlation_id: Some(info.correlation_id.to_owned()),
            attempts: info.attempts,
            source,
        }))
    }

    /// A response whose status is no success, with its body.
    pub(crate) fn status(info: &CallInfo<'_>, status: StatusCode, body: String) -> Self {
        let mut error = Error::call(ErrorKind::Status, info, None);
        error.0.status = Some(status);
        error.0.service = serde_json::from_str::<ServiceError>(&body)
            .ok()
            .filter(|e| e.code.is_some() || e.description.is_some());
        error.0.body = Some(body);
        error
    }

    /// A body that does not decode as what the operation returns.
    pub(crate) fn decode(
        info: &CallInfo<'_>,
        status: StatusCode,
        body: String,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        let mut error = Error::call(ErrorKind::Decode, info, Some(source.into()));
        error.0.status = Some(status);
        error.0.body = Some(body);
        error
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The operation that failed (the page that documents it).
    pub fn operation(&self) -> &'static str {
        self.0.operation
    }

    /// The method of the request.
    pub fn method(&self) -> &str {
        &self.0.method
    }

    /// The URL of the request (with its query).
    pub fn url(&self) -> &str {
        &self.0.url
    }

    /// The response's status, if there was a response.
    pub fn status_code(&self) -> Option<StatusCode> {
        self.0.status
    }

    /// The service's error body, where the response carried one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        self.0.service.as_ref()
    }

    /// The raw body of the response, if there was one.
    pub fn body(&self) -> Option<&str> {
        self.0.body.as_deref()
    }

    /// The `MS-RequestId` the call sent, if it was sent.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The `MS-CorrelationId` the call sent, if it was sent.
    pub fn correlation_id(&self) -> Option<&str> {
        self.0.correlation_id.as_deref()
    }

    /// How many times the request was sent.
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.0;
        write!(f, "{}: {} {}: ", e.operation, e.method, e.url)?;
        match (e.kind, e.status) {
            (ErrorKind::Status, Some(status)) => write!(f, "{status}")?,
            (ErrorKind::Decode, Some(status)) => {
                write!(f, "{status}, but the body is not what the operation returns")?
            }
            (ErrorKind::Transport, _) => f.write_str("no response")?,
            (ErrorKind::Timeout, _) => f.write_str("timed out")?,
            (ErrorKind::Token, _) => f.write_str("not sent")?,
            (ErrorKind::Request, _) => f.write_str("the request could not be made")?,
            (ErrorKind::Paging, _) => f.write_str("the next page cannot be fetched")?,
            (_, _) => f.write_str("failed")?,
        }
        if let Some(service) = &e.service {
            if let Some(code) = service.code {
                write!(f, ": error {code}")?;
            }
            if let Some(description) = &service.description {
                write!(f, ": {description}")?;
            }
        } else if let Some(body) = e.body.as_deref().filter(|b| !b.trim().is_empty())
            && e.kind == ErrorKind::Status
        {
            let short: String = body.trim().chars().take(200).collect();
            write!(f, ": {short}")?;
        }
        if let Some(source) = &e.source {
            write!(f, ": {source}")?;
        }
        if e.attempts > 1 {
            write!(f, " (after {} attempts)", e.attempts)?;
        }
        if let (Some(request), Some(correlation)) = (&e.request_id, &e.correlation_id) {
            write!(f, " [MS-RequestId: {request}, MS-CorrelationId: {correlation}]")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("operation", &self.0.operation)
            .field("method", &self.0.method)
            .field("url", &self.0.url)
            .field("status", &self.0.status)
            .field("service_error", &self.0.service)
            .field("request_id", &self.0.request_id)
            .field("correlation_id", &self.0.correlation_id)
            .field("attempts", &self.0.attempts)
            .field("source", &self.0.source)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Why a [`Client`](crate::Client) could not be built.
#[derive(Debug)]
pub struct BuildError(pub(crate) String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the Partner Center client: {}", self.0)
    }
}

impl std::error::Error for BuildError {}
