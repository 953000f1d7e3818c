//! What the generated client costs per call, against a hand-written
//! `reqwest` call of the same request, in the same run, against the same
//! local server (127.0.0.1): the URL, the four headers every call sends,
//! the body read and decoded as a `Customer`. Both share one connection
//! pool, so the difference is the client's own work (ids, the retry loop,
//! the error context, decoding with JSON paths).
//!
//! `cargo bench -p partner-center-client --bench call`

use criterion::{Criterion, criterion_group, criterion_main};
use partner_center_client::models::Customer;
use partner_center_client::{Client, RetryPolicy, StaticToken};
use partner_center_testserver::{Reply, Server};

const CUSTOMER: &str = r#"{"id":"4a1b76e5-3c1e-4f0e-8a35-0c2c6d9e7b21","commerceId":"d2c5e8f1-0a3b-4c6d-9e7f-1a2b3c4d5e6f","companyProfile":{"tenantId":"4a1b76e5-3c1e-4f0e-8a35-0c2c6d9e7b21","domain":"fabrikamgardens.onmicrosoft.com","companyName":"Fabrikam Gardens","attributes":{"objectType":"CustomerCompanyProfile"}},"relationshipToPartner":"reseller","allowDelegatedAccess":true,"customDomains":["fabrikamgardens.onmicrosoft.com"],"links":{"self":{"uri":"/customers/4a1b76e5-3c1e-4f0e-8a35-0c2c6d9e7b21","method":"GET","headers":[]}},"attributes":{"objectType":"Customer"}}"#;

const ID: &str = "4a1b76e5-3c1e-4f0e-8a35-0c2c6d9e7b21";

fn calls(c: &mut Criterion) {
    let server = Server::start(|_| Reply::json(200, CUSTOMER));
    let client = Client::builder(StaticToken::new("t0k3n"))
        .base_url(server.url())
        .retry(RetryPolicy::never())
        .build()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let http = client.http().reqwest().clone();
    let url = format!("{}/v1/customers/{ID}", server.url());

    let mut group = c.benchmark_group("get a customer");
    group.bench_function("generated client", |b| {
        b.iter(|| runtime.block_on(client.get_customer_by_id(ID).send()).unwrap().body)
    });
    group.bench_function("reqwest by hand", |b| {
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            runtime.block_on(async {
                let response = http
                    .get(&url)
                    .header("Authorization", "Bearer t0k3n")
                    .header("Accept", "application/json")
                    .header("MS-RequestId", format!("00000000-0000-4000-8000-{n:012x}"))
                    .header("MS-CorrelationId", format!("00000000-0000-4000-9000-{n:012x}"))
                    .send()
                    .await
                    .unwrap();
                let bytes = response.bytes().await.unwrap();
                serde_json::from_slice::<Customer>(&bytes).unwrap()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, calls);
criterion_main!(benches);
