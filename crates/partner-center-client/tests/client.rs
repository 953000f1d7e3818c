//! The generated operations against a local server on 127.0.0.1.

use futures_util::TryStreamExt;
use partner_center_client::{Client, ErrorKind, RetryPolicy, StaticToken};
use partner_center_testserver::{Reply, Server};

fn client(server: &Server) -> Client {
    Client::builder(StaticToken::new("t0k3n"))
        .base_url(server.url())
        .retry(RetryPolicy::never())
        .build()
        .unwrap()
}

/// A billing profile as the service sends it: `defaultAddress` carries a
/// member no table lists (`district`), and so does the profile (`taxId`).
const PROFILE: &str = r#"{"id":"2e3f4a5b","firstName":"Amara","email":"billing@fabrikam.example","defaultAddress":{"city":"Leeds","country":"GB","district":"Holbeck"},"taxId":"GB123","attributes":{"etag":"-284","objectType":"CustomerBillingProfile"}}"#;

#[tokio::test]
async fn get_modify_put_keeps_members_the_docs_do_not_list() {
    let server = Server::start(|request| match request.method.as_str() {
        "GET" => Reply::json(200, PROFILE),
        _ => Reply::json(200, String::from_utf8(request.body.clone()).unwrap()),
    });
    let client = client(&server);
    let mut profile = client.get_customer_billing_profile("4a1b76e5").send().await.unwrap().body;
    profile.email = Some("invoices@fabrikam.example".into());
    let updated =
        client.update_customer_billing_profile("4a1b76e5", profile).send().await.unwrap().body;
    assert_eq!(updated.email.as_deref(), Some("invoices@fabrikam.example"));

    let requests = server.requests();
    assert_eq!(requests[1].method, "PUT");
    assert_eq!(requests[1].path, "/v1/customers/4a1b76e5/profiles/billing");
    let sent: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    let mut expected: serde_json::Value = serde_json::from_str(PROFILE).unwrap();
    expected["email"] = "invoices@fabrikam.example".into();
    assert_eq!(sent, expected, "only the changed member changed");
    assert_eq!(sent["defaultAddress"]["district"], "Holbeck");
}

#[tokio::test]
async fn items_follow_every_page_of_a_list() {
    let server = Server::start(|request| {
        let body = match request.header("ms-continuationtoken") {
            None => {
                r#"{"totalCount":3,"items":[{"id":"a"},{"id":"b"}],"links":{"next":{"uri":"/customers?size=2&seekOperation=Next","headers":[{"key":"MS-ContinuationToken","value":"p2"}]}}}"#
            }
            Some(_) => r#"{"totalCount":3,"items":[{"id":"c"}]}"#,
        };
        Reply::json(200, body)
    });
    let client = client(&server);
    let ids: Vec<Option<String>> = client
        .get_list_of_customers()
        .size(2)
        .items()
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, [Some("a".into()), Some("b".into()), Some("c".into())]);
    let pages: Vec<_> = client.get_list_of_customers().pages().try_collect().await.unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].body.total_count, Some(3));
}

#[tokio::test]
async fn a_delete_returns_nothing_and_a_missing_customer_is_an_error() {
    let server = Server::start(|request| match request.path.as_str() {
        "/v1/customers/8b2c3d4e" => Reply::empty(204),
        _ => Reply::json(404, r#"{"code": 600001, "description": "Customer not found."}"#),
    });
    let client = client(&server);
    let deleted = client.delete_customer_from_sandbox("8b2c3d4e").send().await.unwrap();
    assert_eq!(deleted.status.as_u16(), 204);
    let error = client.get_customer_by_id("nobody/else").send().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.service_error().and_then(|e| e.code), Some(600001));
    // A path value is one segment, whatever it holds.
    assert_eq!(server.requests()[1].path, "/v1/customers/nobody%2Felse");
}
