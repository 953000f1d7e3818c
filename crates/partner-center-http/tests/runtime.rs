//! The runtime against a local server on 127.0.0.1: headers, paging,
//! retries and errors, as the generated operations use them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::TryStreamExt;
use partner_center_http::{Client, Error, ErrorKind, Method, Request, RetryPolicy, StaticToken};
use partner_center_support::{KeyValuePair, ResourceCollection};
use partner_center_testserver::{Reply, Server};

/// A client for `server`, with no timers of its own (no timeouts, no idle
/// pool reaper, so tokio's paused clock moves only for the retry waits)
/// and quick backoffs.
fn client(server: &Server) -> Client {
    Client::builder(StaticToken::new("t0k3n"))
        .base_url(server.url())
        .locale("fr-FR")
        .timeout(None)
        .connect_timeout(None)
        .pool_idle_timeout(None)
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(40),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

fn page(items: &[&str], next: Option<(&str, &str)>) -> String {
    let items: Vec<String> = items.iter().map(|k| format!(r#"{{"key": "{k}"}}"#)).collect();
    let links = match next {
        Some((uri, token)) => format!(
            r#", "links": {{"next": {{"uri": "{uri}", "method": "GET", "headers": [{{"key": "MS-ContinuationToken", "value": "{token}"}}]}}}}"#
        ),
        None => String::new(),
    };
    format!(
        r#"{{"totalCount": 5, "items": [{}]{links}, "attributes": {{"objectType": "Collection"}}}}"#,
        items.join(", ")
    )
}

#[tokio::test]
async fn every_call_sends_its_headers_and_pages_follow_links_next() {
    let server = Server::start(|request| match request.header("ms-continuationtoken") {
        None => Reply::json(
            200,
            page(&["a", "b"], Some(("/pairs?size=2&seekOperation=Next", "page-2"))),
        ),
        Some("page-2") => Reply::json(
            200,
            page(&["c", "d"], Some(("/pairs?size=2&seekOperation=Next", "page-3"))),
        ),
        Some(_) => Reply::json(200, page(&["e"], None)),
    });
    let client = client(&server);
    let first = Request::new("list-pairs", Method::GET, "/v1/pairs").query("size", 2);
    let keys: Vec<Option<String>> = client
        .items::<ResourceCollection<KeyValuePair>>(first)
        .map_ok(|pair| pair.key)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(keys, ["a", "b", "c", "d", "e"].map(|k| Some(k.to_owned())));

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].query.as_deref(), Some("size=2"));
    assert_eq!(requests[1].path, "/v1/pairs");
    assert_eq!(requests[1].query.as_deref(), Some("size=2&seekOperation=Next"));
    assert_eq!(requests[2].header("ms-continuationtoken"), Some("page-3"));
    for request in &requests {
        assert_eq!(request.header("authorization"), Some("Bearer t0k3n"));
        assert_eq!(request.header("accept"), Some("application/json"));
        assert_eq!(request.header("x-locale"), Some("fr-FR"));
        assert_eq!(request.header("ms-requestid").map(str::len), Some(36));
    }
    // Every call has ids of its own.
    let ids: std::collections::BTreeSet<_> =
        requests.iter().map(|r| r.header("ms-correlationid").unwrap().to_owned()).collect();
    assert_eq!(ids.len(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_throttled_call_waits_retry_after_and_keeps_its_request_id() {
    let calls = AtomicUsize::new(0);
    let server = Server::start(move |_| {
        if calls.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::json(429, r#"{"statusCode": 429, "message": "Rate limit is exceeded."}"#)
                .header("Retry-After", "57")
        } else {
            Reply::json(200, r#"{"key": "done"}"#)
        }
    });
    let client = client(&server);
    let started = tokio::time::Instant::now();
    let request = Request::new("create-pair", Method::POST, "/v1/pairs").json(&"x").unwrap();
    let response = client.send_json::<KeyValuePair>(request).await.unwrap();
    assert_eq!(response.body.key.as_deref(), Some("done"));
    // The paused clock moved by exactly the wait the service asked for.
    assert_eq!(started.elapsed(), Duration::from_secs(57));
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "a POST is retried after a 429: it was not done");
    assert_eq!(requests[0].header("ms-requestid"), requests[1].header("ms-requestid"));
    assert_eq!(requests[0].header("ms-correlationid"), requests[1].header("ms-correlationid"));
    assert_eq!(response.request_id, requests[1].header("ms-requestid").unwrap());
    assert_eq!(requests[1].body, b"\"x\"");
}

#[tokio::test(start_paused = true)]
async fn server_errors_are_retried_until_the_attempts_are_spent() {
    let server = Server::start(|_| {
        Reply::json(503, r#"{"code": 2001, "description": "The service is busy."}"#)
    });
    let client = client(&server);
    let error: Error = client
        .send_json::<KeyValuePair>(Request::new("get-pair", Method::GET, "/v1/pairs/1"))
        .await
        .unwrap_err();
    let requests = server.requests();
    assert_eq!(requests.len(), 4, "RetryPolicy::default() makes 4 attempts");
    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.attempts(), 4);
    assert_eq!(error.status_code().map(|s| s.as_u16()), Some(503));
    let request_id = requests[0].header("ms-requestid").unwrap();
    assert!(requests.iter().all(|r| r.header("ms-requestid") == Some(request_id)));
    assert_eq!(error.request_id(), Some(request_id));
    let message = error.to_string();
    assert!(message.contains("error 2001: The service is busy."), "{message}");
    assert!(message.contains(&format!("MS-RequestId: {request_id}")), "{message}");
    assert!(message.contains("(after 4 attempts)"), "{message}");

    // A POST that may have reached the service is not sent again.
    let before = server.requests().len();
    let post = Request::new("create-pair", Method::POST, "/v1/pairs");
    assert!(client.send_json::<KeyValuePair>(post).await.is_err());
    assert_eq!(server.requests().len() - before, 1);
}

#[tokio::test]
async fn a_404_carries_the_service_error_and_both_ids() {
    let server = Server::start(|_| {
        Reply::json(
            404,
            r#"{"code": 600001, "description": "Customer not found.", "data": [], "source": "PartnerFD"}"#,
        )
    });
    let client = client(&server);
    let request = Request::new("get-a-customer-by-id", Method::GET, "/v1/customers/nobody");
    let error = client.send_json::<KeyValuePair>(request).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.attempts(), 1, "a 404 is not retried");
    let service = error.service_error().unwrap();
    assert_eq!(service.code, Some(600001));
    assert_eq!(service.source.as_deref(), Some("PartnerFD"));
    let sent = &server.requests()[0];
    let expected = format!(
        "get-a-customer-by-id: GET {}/v1/customers/nobody: 404 Not Found: error 600001: Customer not found. [MS-RequestId: {}, MS-CorrelationId: {}]",
        server.url(),
        sent.header("ms-requestid").unwrap(),
        sent.header("ms-correlationid").unwrap()
    );
    assert_eq!(error.to_string(), expected);
}

#[tokio::test]
async fn a_body_that_is_not_the_model_says_where() {
    let server = Server::start(|_| Reply::json(200, r#"[{"key": "a"}, 5]"#));
    let client = client(&server);
    let error = client
        .send_json::<Vec<KeyValuePair>>(Request::new("get-pairs", Method::GET, "/v1/pairs"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.body(), Some(r#"[{"key": "a"}, 5]"#));
    assert!(
        error.to_string().contains("$[1]: invalid type: integer `5`, expected a JSON object"),
        "{error}"
    );
}

#[tokio::test]
async fn a_member_of_another_type_is_kept_and_the_rest_decodes() {
    let server = Server::start(|_| Reply::json(200, r#"{"key": 5, "value": "v"}"#));
    let client = client(&server);
    let pair = client
        .send_json::<KeyValuePair>(Request::new("get-pair", Method::GET, "/v1/pairs/1"))
        .await
        .unwrap()
        .into_body();
    assert_eq!((pair.key, pair.value), (None, Some(serde_json::Value::from("v"))));
    let kept: Vec<_> =
        pair.extra.mismatched().map(|(name, raw, expected)| (name, raw.get(), expected)).collect();
    assert_eq!(kept, [("key", "5", "a string")]);
}

#[tokio::test]
async fn nothing_listens_there_is_a_transport_error() {
    let url = {
        let server = Server::start(|_| Reply::empty(204));
        server.url()
    };
    let client = Client::builder(StaticToken::new("t"))
        .base_url(url)
        .retry(RetryPolicy::never())
        .build()
        .unwrap();
    let error = client
        .send_empty(Request::new("delete-pair", Method::DELETE, "/v1/pairs/1"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert!(error.request_id().is_some());
}
