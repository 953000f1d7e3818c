//! The HTTP runtime of the generated Partner Center operations.
//!
//! The operations themselves are generated (the `partner-center-client`
//! crate); this crate is what they run on:
//! - [`Client`] sends a [`Request`] to the service with the headers every
//!   call needs (`Authorization`, `Accept`, a new `MS-CorrelationId` per call
//!   and an `MS-RequestId` kept across the retries of one call, `X-Locale`),
//!   retries what is safe to retry ([`RetryPolicy`]) and decodes the body
//!   into the operation's model;
//! - [`TokenSource`] supplies the bearer token; nothing here stores
//!   credentials;
//! - [`Error`] carries everything a support ticket needs: the operation,
//!   method and URL, the status, the service's error code and description,
//!   the raw body, and both request ids;
//! - [`Client::pages`] and [`Client::items`] follow `links.next` as a
//!   [`Stream`](futures_util::Stream);
//! - [`dynamic`] describes operations as data, for callers that choose one
//!   at run time (the `partner-center call` command).

mod client;
pub mod dynamic;
mod error;
mod ids;
mod paging;
mod request;
mod response;
mod retry;
mod tls;
mod token;

pub use client::{CHINA_BASE_URL, Client, ClientBuilder, DEFAULT_BASE_URL};
pub use error::{BuildError, Error, ErrorKind};
pub use paging::IntoItems;
pub use request::{Method, Request, encode_segment};
pub use response::{Accepted, Response};
pub use retry::RetryPolicy;
pub use token::{FnToken, StaticToken, TokenError, TokenFuture, TokenSource, token_fn};
