//! The client: configuration, the headers of every call, retries, and
//! decoding the body into the operation's model.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

use crate::error::{BuildError, CallInfo, Error, ErrorKind};
use crate::ids::new_uuid;
use crate::request::Request;
use crate::response::{Accepted, Response};
use crate::retry::RetryPolicy;
use crate::token::TokenSource;

/// The service's address for the global cloud (and Germany and US
/// Government).
pub const DEFAULT_BASE_URL: &str = "https://api.partnercenter.microsoft.com";

/// The service's address for Partner Center operated by 21Vianet.
pub const CHINA_BASE_URL: &str = "https://partner.partnercenterapi.microsoftonline.cn";

/// Sends requests to Partner Center. Cheap to clone: clones share one
/// connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    token: Box<dyn TokenSource>,
    locale: Option<String>,
    application: Option<String>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("locale", &self.inner.locale)
            .field("application", &self.inner.application)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`], or a type made from one (`C`, such as the
/// generated client, which wraps this one).
pub struct ClientBuilder<C = Client> {
    base_url: String,
    token: Box<dyn TokenSource>,
    locale: Option<String>,
    application: Option<String>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    pool_idle_timeout: Option<Duration>,
    http: Option<reqwest::Client>,
    into: PhantomData<fn() -> C>,
}

impl<C> std::fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("locale", &self.locale)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder with the defaults: [`DEFAULT_BASE_URL`], no locale (the
    /// service's default, `en-US`), [`RetryPolicy::default`], a 100 s
    /// timeout per attempt and 10 s to connect.
    pub fn new(token: impl TokenSource) -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            token: Box::new(token),
            locale: None,
            application: None,
            retry: RetryPolicy::default(),
            timeout: Some(Duration::from_secs(100)),
            connect_timeout: Some(Duration::from_secs(10)),
            pool_idle_timeout: Some(Duration::from_secs(90)),
            http: None,
            into: PhantomData,
        }
    }

    /// The service's address: [`DEFAULT_BASE_URL`], [`CHINA_BASE_URL`], or
    /// any URL (a local server in tests).
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The `X-Locale` sent with every call (`en-US`, `fr-FR`).
    #[must_use]
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// The `MS-PartnerCenter-Application` sent with every call: your
    /// application's name, for the service's logs.
    #[must_use]
    pub fn application(mut self, name: impl Into<String>) -> Self {
        self.application = Some(name.into());
        self
    }

    /// How calls are retried.
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The longest one attempt may take, response body included (`None`:
    /// no limit).
    #[must_use]
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (`None`: no limit).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long an unused connection is kept for the next call (`None`:
    /// until the service closes it).
    #[must_use]
    pub fn pool_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// Sends through this `reqwest` client (its proxy, TLS and pool
    /// settings) instead of one built here; the timeouts above are then
    /// the given client's. With this crate's `rustls` feature, reqwest has
    /// rustls without a crypto provider: build the given client with a TLS
    /// configuration of its own (or install a process-wide rustls provider).
    #[must_use]
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The client.
    pub fn build(self) -> Result<C, BuildError> {
        let url = Url::parse(&self.base_url)
            .map_err(|e| BuildError(format!("the base URL `{}` is no URL: {e}", self.base_url)))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(BuildError(format!("the base URL `{}` is not http(s)", self.base_url)));
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut builder =
                    reqwest::Client::builder().pool_idle_timeout(self.pool_idle_timeout);
                if let Some(timeout) = self.connect_timeout {
                    builder = builder.connect_timeout(timeout);
                }
                if let Some(timeout) = self.timeout {
                    builder = builder.timeout(timeout);
                }
                crate::tls::configure(builder)?.build().map_err(|e| BuildError(e.to_string()))?
            }
        };
        let client = Client {
            inner: Arc::new(Inner {
                http,
                base_url: self.base_url.trim_end_matches('/').to_owned(),
                token: self.token,
                locale: self.locale,
                application: self.application,
                retry: self.retry,
            }),
        };
        Ok(C::from(client))
    }
}

/// A response as it came, before its body is decoded.
pub(crate) struct Raw {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) bytes: Vec<u8>,
    pub(crate) url: String,
    pub(crate) request_id: String,
    pub(crate) correlation_id: String,
    pub(crate) attempts: u32,
}

impl Raw {
    fn info<'a>(&'a self, request: &'a Request) -> CallInfo<'a> {
        CallInfo {
            operation: request.operation,
            method: &request.method,
            url: &self.url,
            request_id: &self.request_id,
            correlation_id: &self.correlation_id,
            attempts: self.attempts,
        }
    }

    fn response<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            body,
            request_id: self.request_id,
            correlation_id: self.correlation_id,
        }
    }

    /// The body decoded as `T`, or an error saying where it does not fit.
    pub(crate) fn decode<T: DeserializeOwned>(
        self,
        request: &Request,
    ) -> Result<Response<T>, Error> {
        let text = match std::str::from_utf8(&self.bytes) {
            Ok(text) => text,
            Err(e) => {
                let body = String::from_utf8_lossy(&self.bytes).into_owned();
                return Err(Error::decode(&self.info(request), self.status, body, e));
            }
        };
        match partner_center_support::decode::<T>(text) {
            Ok(body) => Ok(self.response(body)),
            Err(e) => Err(Error::decode(&self.info(request), self.status, text.to_owned(), e)),
        }
    }
}

impl Client {
    /// A client with the defaults of [`ClientBuilder::new`].
    ///
    /// # Panics
    ///
    /// If the TLS backend cannot be set up (the platform's certificate
    /// store cannot be read); [`Client::builder`] returns that as an error.
    pub fn new(token: impl TokenSource) -> Client {
        Client::builder(token).build().expect("the default client builds")
    }

    /// A builder, to set the base URL, locale, retries and timeouts.
    pub fn builder(token: impl TokenSource) -> ClientBuilder<Client> {
        ClientBuilder::new(token)
    }

    /// The service's address, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The `reqwest` client calls are sent with (its connection pool and
    /// TLS settings), for requests of your own beside the operations.
    pub fn reqwest(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// Sends `request` and decodes the body as `T`.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<Response<T>, Error> {
        let raw = self.execute(&request).await?;
        raw.decode(&request)
    }

    /// Sends `request`, whose success has no body (`204 No Content`).
    pub async fn send_empty(&self, request: Request) -> Result<Response<()>, Error> {
        Ok(self.execute(&request).await?.response(()))
    }

    /// Sends `request` and returns the body's bytes (a PDF).
    pub async fn send_bytes(&self, request: Request) -> Result<Response<Vec<u8>>, Error> {
        let mut raw = self.execute(&request).await?;
        let bytes = std::mem::take(&mut raw.bytes);
        Ok(raw.response(bytes))
    }

    /// Sends `request`, whose success is `202 Accepted` with a `Location`.
    pub async fn send_accepted(&self, request: Request) -> Result<Response<Accepted>, Error> {
        let raw = self.execute(&request).await?;
        let location = raw
            .headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(raw.response(Accepted { location }))
    }

    /// The full URL of `request`.
    fn url(&self, request: &Request) -> Result<Url, Error> {
        let joined = format!("{}{}", self.inner.base_url, request.path);
        let mut url = Url::parse(&joined).map_err(|e| {
            Error::local(ErrorKind::Request, request.operation, &request.method, &joined, e)
        })?;
        if !request.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (key, value) in &request.query {
                pairs.append_pair(key, value);
            }
        }
        Ok(url)
    }

    /// Sends `request` until it succeeds, fails for good, or the attempts
    /// are spent. One `MS-RequestId` and one `MS-CorrelationId` for all
    /// attempts; a token asked for each.
    pub(crate) async fn execute(&self, request: &Request) -> Result<Raw, Error> {
        let inner = &*self.inner;
        let url = self.url(request)?;
        let shown_url = url.to_string();
        let request_id = new_uuid();
        let correlation_id = new_uuid();
        let idempotent = request.is_idempotent();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let info = CallInfo {
                operation: request.operation,
                method: &request.method,
                url: &shown_url,
                request_id: &request_id,
                correlation_id: &correlation_id,
                attempts: attempt,
            };
            let token = inner
                .token
                .token()
                .await
                .map_err(|e| Error::call(ErrorKind::Token, &info, Some(Box::new(e))))?;
            let mut builder = inner
                .http
                .request(request.method.clone(), url.clone())
                .header(AUTHORIZATION, format!("Bearer {token}"))
                .header(ACCEPT, "application/json")
                .header("MS-RequestId", &request_id)
                .header("MS-CorrelationId", &correlation_id);
            if let Some(locale) = &inner.locale {
                builder = builder.header("X-Locale", locale);
            }
            if let Some(application) = &inner.application {
                builder = builder.header("MS-PartnerCenter-Application", application);
            }
            for (name, value) in &request.headers {
                builder = builder.header(name.as_str(), value);
            }
            if let Some(body) = &request.body {
                builder = builder.header(CONTENT_TYPE, "application/json").body(body.clone());
            }
            let failure = match builder.send().await {
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    match response.bytes().await {
                        Ok(bytes) if status.is_success() => {
                            return Ok(Raw {
                                status,
                                headers,
                                bytes: bytes.to_vec(),
                                url: shown_url,
                                request_id,
                                correlation_id,
                                attempts: attempt,
                            });
                        }
                        Ok(bytes) => {
                            let wait =
                                inner.retry.after_status(attempt, idempotent, status, &headers);
                            match wait {
                                Some(wait) => Ok(wait),
                                None => {
                                    let body = String::from_utf8_lossy(&bytes).into_owned();
                                    return Err(Error::status(&info, status, body));
                                }
                            }
                        }
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
            let wait = match failure {
                Ok(wait) => wait,
                Err(e) => match inner.retry.after_transport(attempt, idempotent, e.is_connect()) {
                    Some(wait) => wait,
                    None => {
                        let kind =
                            if e.is_timeout() { ErrorKind::Timeout } else { ErrorKind::Transport };
                        return Err(Error::call(kind, &info, Some(Box::new(e))));
                    }
                },
            };
            tokio::time::sleep(wait).await;
        }
    }
}
