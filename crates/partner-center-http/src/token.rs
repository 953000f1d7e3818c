//! Where the bearer token comes from. The client asks for one before every
//! attempt, so a source may refresh it as it likes; nothing here keeps
//! credentials.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A boxed future, as [`TokenSource::token`] returns it.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, TokenError>> + Send + 'a>>;

/// Supplies the access token sent as `Authorization: Bearer <token>`.
pub trait TokenSource: Send + Sync + 'static {
    /// The token to send now.
    fn token(&self) -> TokenFuture<'_>;
}

/// Why a token source gave no token.
#[derive(Debug)]
pub struct TokenError(Box<dyn std::error::Error + Send + Sync>);

impl TokenError {
    /// A token error caused by `error`.
    pub fn new(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TokenError(error.into())
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no access token: {}", self.0)
    }
}

impl std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

/// A token fixed when the client is built (for scripts and tests).
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    /// The token `token`.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A token source made of a closure that returns a future of the token,
/// for tokens fetched and refreshed by the caller's own code.
///
/// ```
/// use partner_center_http::{TokenError, token_fn};
///
/// let source = token_fn(|| async { Ok::<_, TokenError>("eyJ0eXAi...".to_owned()) });
/// # let _ = source;
/// ```
pub fn token_fn<F, Fut>(f: F) -> FnToken<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, TokenError>> + Send + 'static,
{
    FnToken(f)
}

/// The token source [`token_fn`] makes.
pub struct FnToken<F>(F);

impl<F> fmt::Debug for FnToken<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FnToken(..)")
    }
}

impl<F, Fut> TokenSource for FnToken<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, TokenError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin((self.0)())
    }
}
