//! Following a collection from page to page.
//!
//! A page of a list response links to the next one in `links.next`:
//! `{"uri": "/customers?size=40&seekOperation=Next", "method": "GET",
//! "headers": [{"key": "MS-ContinuationToken", "value": "..."}]}`. Its
//! `uri` is relative to the version of the API (`{baseURL}/v1`), so the
//! next request is that version's prefix, then the `uri`, with the link's
//! headers. Analytics pages link with an OData `@nextLink` instead.
//! A link to another host is not followed: the bearer token would go
//! with it.

use futures_util::Stream;
use futures_util::stream::{self, TryStreamExt};
use partner_center_support::ResourceCollection;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{CallInfo, Error, ErrorKind};
use crate::request::{Method, Request};
use crate::response::Response;

/// A page type whose items can be taken out of it.
pub trait IntoItems {
    /// One item.
    type Item;

    /// The page's items (none when it has no `items`).
    fn into_items(self) -> Vec<Self::Item>;
}

impl<T, L, A> IntoItems for ResourceCollection<T, L, A> {
    type Item = T;

    fn into_items(self) -> Vec<T> {
        self.items.unwrap_or_default()
    }
}

/// The only members of a page that paging reads.
#[derive(Deserialize, Default)]
struct PageLinks {
    #[serde(default, alias = "Links")]
    links: Option<Links>,
    #[serde(default, rename = "@nextLink", alias = "@odata.nextLink", alias = "nextLink")]
    next_link: Option<String>,
}

#[derive(Deserialize, Default)]
struct Links {
    #[serde(default, alias = "Next")]
    next: Option<NextLink>,
}

#[derive(Deserialize, Default)]
struct NextLink {
    #[serde(default, alias = "Uri")]
    uri: Option<String>,
    #[serde(default, alias = "Method")]
    method: Option<String>,
    #[serde(default, alias = "Headers")]
    headers: Vec<LinkHeader>,
}

#[derive(Deserialize)]
struct LinkHeader {
    #[serde(alias = "Key")]
    key: String,
    #[serde(alias = "Value")]
    value: String,
}

impl Client {
    /// Every page of a list response, from `first` on: each page is
    /// fetched when the stream is polled for it, and the stream ends after
    /// the page without a next link.
    pub fn pages<P>(&self, first: Request) -> impl Stream<Item = Result<Response<P>, Error>> + '_
    where
        P: DeserializeOwned,
    {
        let prefix = version_prefix(&first.path);
        stream::try_unfold((Some(first), Vec::new()), move |(next, mut seen)| {
            let prefix = prefix.clone();
            async move {
                let Some(request) = next else { return Ok(None) };
                let raw = self.execute(&request).await?;
                let links: PageLinks = serde_json::from_slice(&raw.bytes).unwrap_or_default();
                let following = next_request(&request, links, &prefix, self.base_url());
                let following = match following {
                    Ok(Some(next)) => {
                        let key = (next.path.clone(), next.query.clone(), next.headers.clone());
                        if seen.contains(&key) {
                            return Err(paging_error(
                                &request,
                                &raw,
                                "the next link leads to a page already read",
                            ));
                        }
                        seen.push(key);
                        Some(next)
                    }
                    Ok(None) => None,
                    Err(why) => return Err(paging_error(&request, &raw, why)),
                };
                let page = raw.decode::<P>(&request)?;
                Ok(Some((page, (following, seen))))
            }
        })
    }

    /// Every item of every page of a list response, page by page.
    pub fn items<P>(&self, first: Request) -> impl Stream<Item = Result<P::Item, Error>> + '_
    where
        P: DeserializeOwned + IntoItems,
    {
        self.pages::<P>(first)
            .map_ok(|page| stream::iter(page.body.into_items().into_iter().map(Ok)))
            .try_flatten()
    }
}

fn paging_error(request: &Request, raw: &crate::client::Raw, why: &str) -> Error {
    let info = CallInfo {
        operation: request.operation,
        method: &request.method,
        url: &raw.url,
        request_id: &raw.request_id,
        correlation_id: &raw.correlation_id,
        attempts: raw.attempts,
    };
    Error::call(ErrorKind::Paging, &info, Some(why.into()))
}

/// The path's version prefix: `/v1`, `/partner/v1`, `/webhooks/v1`.
fn version_prefix(path: &str) -> String {
    let mut prefix = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        let is_version = segment.len() > 1
            && segment.starts_with(['v', 'V'])
            && segment[1..].chars().all(|c| c.is_ascii_digit());
        if is_version {
            return prefix;
        }
    }
    String::new()
}

/// The request for the page after one whose links are `links`.
fn next_request(
    current: &Request,
    links: PageLinks,
    prefix: &str,
    base_url: &str,
) -> Result<Option<Request>, &'static str> {
    let (uri, method, headers) = match (links.links.and_then(|l| l.next), links.next_link) {
        (Some(next), _) if next.uri.is_some() => {
            (next.uri.unwrap_or_default(), next.method, next.headers)
        }
        (_, Some(next)) => (next, None, Vec::new()),
        _ => return Ok(None),
    };
    let uri = uri.trim();
    let relative = if let Some(rest) = uri.strip_prefix(base_url) {
        rest.to_owned()
    } else if uri.contains("://") {
        return Err("the next link leads to another host");
    } else if uri.starts_with(prefix) || prefix.is_empty() {
        format!("/{}", uri.trim_start_matches('/'))
    } else {
        format!("{prefix}/{}", uri.trim_start_matches('/'))
    };
    let (path, query) = relative.split_once('?').unwrap_or((&relative, ""));
    let method = match method.as_deref().map(str::to_ascii_uppercase).as_deref() {
        None | Some("GET") => Method::GET,
        Some("POST") => Method::POST,
        Some(_) => return Err("the next link asks for a method paging does not use"),
    };
    let mut request = Request::new(current.operation, method, path);
    // A next link's query is already encoded; decode it so the client
    // encodes it once.
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        request = request.query(&percent_decode(key), percent_decode(value));
    }
    request.headers = headers.into_iter().map(|h| (h.key, h.value)).collect();
    Ok(Some(request))
}

/// `a%20b+c` -> `a b c`, as a query component is decoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 2;
            }
            (byte, _) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(json: &str) -> PageLinks {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn next_links_are_relative_to_the_version() {
        let first = Request::new("get-a-list-of-customers", Method::GET, "/v1/customers");
        let page = links(
            r#"{"links": {"next": {"uri": "/customers?size=40&seekOperation=Next", "method": "GET",
                "headers": [{"key": "MS-ContinuationToken", "value": "abc"}]}}}"#,
        );
        let next = next_request(&first, page, "/v1", "http://h").unwrap().unwrap();
        assert_eq!(next.path, "/v1/customers");
        assert_eq!(
            next.query,
            [("size".into(), "40".into()), ("seekOperation".into(), "Next".into())]
        );
        assert_eq!(next.headers, [("MS-ContinuationToken".into(), "abc".into())]);

        let page = links(r#"{"links": {"next": {"uri": "/v1/invoices?size=2&offset=2"}}}"#);
        assert_eq!(
            next_request(&first, page, "/v1", "http://h").unwrap().unwrap().path,
            "/v1/invoices"
        );
        let page = links(r#"{"@nextLink": "http://h/partner/v1/analytics/x?skip=10"}"#);
        let next = next_request(&first, page, "/partner/v1", "http://h").unwrap().unwrap();
        assert_eq!(
            (next.path.as_str(), next.query[0].1.as_str()),
            ("/partner/v1/analytics/x", "10")
        );
        assert!(next_request(&first, links("{}"), "/v1", "http://h").unwrap().is_none());
        let elsewhere = links(r#"{"links": {"next": {"uri": "https://evil.example/v1/x"}}}"#);
        assert!(next_request(&first, elsewhere, "/v1", "http://h").is_err());
    }

    #[test]
    fn prefixes_and_decoding() {
        assert_eq!(version_prefix("/v1/customers/x"), "/v1");
        assert_eq!(version_prefix("/partner/v1/analytics"), "/partner/v1");
        assert_eq!(version_prefix("/webhooks/v1/registration"), "/webhooks/v1");
        assert_eq!(percent_decode("a%20b+c%2"), "a b c%2");
    }
}
