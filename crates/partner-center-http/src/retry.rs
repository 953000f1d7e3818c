//! When a call is sent again, and after how long.
//!
//! - `429 Too Many Requests`: the service refused the call without doing
//!   it, so it is retried whatever its method, after `Retry-After` (seconds
//!   or an HTTP date) or, without one, the backoff.
//! - `503 Service Unavailable` and other 5xx, and a connection that fails
//!   after the request may have left: retried only for idempotent methods
//!   (GET, HEAD, PUT, DELETE), unless [`RetryPolicy::retry_non_idempotent`]
//!   says otherwise; `503` honours `Retry-After`.
//! - A connection that could not be made at all: the request never left,
//!   so it is retried whatever its method.
//!
//! The backoff doubles from `initial_backoff` up to `max_backoff`, with full
//! jitter. Attempts are bounded by `max_attempts`.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::ids::random_u64;

/// How a client retries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1: no retry).
    pub max_attempts: u32,
    /// The first backoff; each retry doubles it.
    pub initial_backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the call with
    /// its error instead of waiting.
    pub max_retry_after: Duration,
    /// Retry POST and PATCH after the request may have reached the service
    /// (a 5xx, a broken connection). Off: such a retry could do the work
    /// twice.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(300),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// How long to wait before attempt `attempt + 1` after a response with
    /// `status`; `None` when the call is not retried.
    pub(crate) fn after_status(
        &self,
        attempt: u32,
        idempotent: bool,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let may_repeat = idempotent || self.retry_non_idempotent;
        let honours_retry_after = match status {
            StatusCode::TOO_MANY_REQUESTS => true,
            StatusCode::SERVICE_UNAVAILABLE if may_repeat => true,
            s if s.is_server_error() && may_repeat => false,
            _ => return None,
        };
        let wait = match retry_after(headers).filter(|_| honours_retry_after) {
            Some(wait) if wait > self.max_retry_after => return None,
            Some(wait) => wait,
            None => self.backoff(attempt),
        };
        Some(wait)
    }

    /// How long to wait after a transport failure; `None` when the call is
    /// not retried. `connect` is true when no connection was made.
    pub(crate) fn after_transport(
        &self,
        attempt: u32,
        idempotent: bool,
        connect: bool,
    ) -> Option<Duration> {
        let may_repeat = connect || idempotent || self.retry_non_idempotent;
        (attempt < self.max_attempts && may_repeat).then(|| self.backoff(attempt))
    }

    /// The backoff before attempt `attempt + 1`: a random time up to
    /// `initial_backoff * 2^(attempt - 1)`, capped at `max_backoff`.
    fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(20);
        let ceiling = self.initial_backoff.saturating_mul(1 << exponent).min(self.max_backoff);
        let nanos = ceiling.as_nanos().min(u128::from(u64::MAX)) as u64;
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(random_u64() % nanos + 1)
    }
}

/// The wait a `Retry-After` header asks for: seconds, or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
        headers
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(&headers("57")), Some(Duration::from_secs(57)));
        let soon = SystemTime::now() + Duration::from_secs(120);
        let wait = retry_after(&headers(&httpdate::fmt_http_date(soon))).unwrap();
        assert!(wait > Duration::from_secs(100) && wait <= Duration::from_secs(120), "{wait:?}");
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("soon")), None);
    }

    #[test]
    fn throttling_is_retried_for_every_method_server_errors_only_when_idempotent() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        let throttled = policy.after_status(1, false, StatusCode::TOO_MANY_REQUESTS, &headers("3"));
        assert_eq!(throttled, Some(Duration::from_secs(3)));
        assert!(policy.after_status(1, true, StatusCode::BAD_GATEWAY, &none).is_some());
        assert_eq!(policy.after_status(1, false, StatusCode::BAD_GATEWAY, &none), None);
        assert_eq!(policy.after_status(1, true, StatusCode::NOT_FOUND, &none), None);
        // The last attempt is the last.
        assert_eq!(policy.after_status(4, true, StatusCode::BAD_GATEWAY, &none), None);
        // A Retry-After beyond the bound ends the call.
        assert_eq!(
            policy.after_status(1, true, StatusCode::TOO_MANY_REQUESTS, &headers("3600")),
            None
        );
        let brave = RetryPolicy { retry_non_idempotent: true, ..policy.clone() };
        assert!(brave.after_status(1, false, StatusCode::BAD_GATEWAY, &none).is_some());
    }

    #[test]
    fn backoff_doubles_within_its_bounds() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(250),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(5) <= Duration::from_millis(250));
        }
        assert!(policy.after_transport(1, false, true).is_some(), "never sent: retried");
        assert!(policy.after_transport(1, false, false).is_none(), "may have been sent");
    }
}
