//! How fast the models decode a large list response, next to plain
//! `#[derive(Deserialize)]` structs that drop unknown members and to
//! `serde_json::Value`.
//!
//! The payload is a collection of 10,000 customers shaped like the
//! reference's get-a-customer-by-id response, once with only documented
//! members and once with about 10% undocumented ones (as the service sends).
//! Run with `cargo bench -p partner-center-models --bench decode`; after
//! criterion's own lines it prints MB/s and the ratios to the plain derive.
//! The time is decoding only: dropping the result is left out for all three.

use std::time::Duration;

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use partner_center_models::{Customer, ResourceCollection};

const CUSTOMERS: usize = 10_000;

/// One customer; `unknown` adds undocumented members at three depths.
fn customer(i: usize, unknown: bool) -> String {
    let extra_top = if unknown { r#","partnerNotes":"priority","tier":2"# } else { "" };
    let extra_company = if unknown {
        r#","address":{"country":"GB","city":"Leeds","addressLine1":"12 Canal Wharf","postalCode":"LS11 5PS"},"email":"it@example.com""#
    } else {
        ""
    };
    let extra_billing = if unknown { r#","vatNumber":"GB123456789""# } else { "" };
    format!(
        r#"{{"id":"5d1e8a44-0c3b-4f6e-9a2d-{i:012}","commerceId":"c0ffee00-1234-4abc-8def-{i:012}","companyProfile":{{"tenantId":"5d1e8a44-0c3b-4f6e-9a2d-{i:012}","domain":"customer{i}.onmicrosoft.com","companyName":"Customer {i} Ltd","links":{{"self":{{"uri":"/customers/{i}/profiles/company","method":"GET","headers":[]}}}},"attributes":{{"objectType":"CustomerCompanyProfile"}}{extra_company}}},"billingProfile":{{"id":"a1b2c3d4-e5f6-4a7b-8c9d-{i:012}","firstName":"Amara","lastName":"Okafor","email":"billing{i}@example.com","culture":"en-GB","language":"en","companyName":"Customer {i} Ltd","defaultAddress":{{"country":"GB","city":"Leeds","state":"WY","addressLine1":"12 Canal Wharf","postalCode":"LS11 5PS","firstName":"Amara","lastName":"Okafor","phoneNumber":"4401132496000"}},"links":{{"self":{{"uri":"/customers/{i}/profiles/billing","method":"GET","headers":[]}}}},"attributes":{{"etag":"-8811302764281459371","objectType":"CustomerBillingProfile"}}{extra_billing}}},"relationshipToPartner":"reseller","allowDelegatedAccess":true,"customDomains":["customer{i}.example"],"links":{{"self":{{"uri":"/customers/{i}","method":"GET","headers":[]}}}},"attributes":{{"objectType":"Customer"}}{extra_top}}}"#
    )
}

fn payload(unknown: bool) -> String {
    let items: Vec<String> = (0..CUSTOMERS).map(|i| customer(i, unknown)).collect();
    format!(
        r#"{{"totalCount":{CUSTOMERS},"items":[{}],"links":{{"self":{{"uri":"/customers","method":"GET","headers":[]}}}},"attributes":{{"objectType":"Collection"}}}}"#,
        items.join(",")
    )
}

/// The same resources, with the same fields, as plain derives: what a
/// hand-written client would have, dropping every member it does not list.
#[expect(dead_code, reason = "the fields are only decoded, which is what is measured")]
mod plain {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub(super) struct Collection {
        total_count: Option<i64>,
        items: Option<Vec<Customer>>,
        links: Option<ResourceLinks>,
        continuation_token: Option<String>,
        attributes: Option<ResourceAttributes>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Customer {
        id: Option<String>,
        commerce_id: Option<String>,
        company_profile: Option<CompanyProfile>,
        billing_profile: Option<BillingProfile>,
        relationship_to_partner: Option<String>,
        allow_delegated_access: Option<bool>,
        user_credentials: Option<UserCredentials>,
        custom_domains: Option<Vec<String>>,
        associated_partner_id: Option<String>,
        links: Option<ResourceLinks>,
        attributes: Option<ResourceAttributes>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct UserCredentials {
        user_name: Option<String>,
        password: Option<SecureString>,
    }

    #[derive(Deserialize)]
    struct SecureString {
        length: Option<i64>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct CompanyProfile {
        tenant_id: Option<String>,
        domain: Option<String>,
        company_name: Option<String>,
        links: Option<ResourceLinks>,
        attributes: Option<ResourceAttributes>,
        organization_registration_number: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct BillingProfile {
        id: Option<String>,
        first_name: Option<String>,
        last_name: Option<String>,
        email: Option<String>,
        culture: Option<String>,
        language: Option<String>,
        company_name: Option<String>,
        default_address: Option<Address>,
        links: Option<ResourceLinks>,
        attributes: Option<ResourceAttributes>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Address {
        address_line1: Option<String>,
        address_line2: Option<String>,
        city: Option<String>,
        state: Option<String>,
        postal_code: Option<String>,
        country: Option<String>,
        region: Option<String>,
        first_name: Option<String>,
        middle_name: Option<String>,
        last_name: Option<String>,
        phone_number: Option<String>,
    }

    #[derive(Deserialize)]
    struct ResourceLinks {
        #[serde(rename = "self")]
        self_: Option<Link>,
        next: Option<Link>,
        previous: Option<Link>,
        attributes: Option<ResourceAttributes>,
    }

    #[derive(Deserialize)]
    struct Link {
        uri: Option<String>,
        method: Option<String>,
        headers: Option<Vec<KeyValuePair>>,
    }

    #[derive(Deserialize)]
    struct KeyValuePair {
        key: Option<String>,
        value: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ResourceAttributes {
        etag: Option<String>,
        object_type: Option<String>,
    }
}

const DECODERS: [&str; 3] = ["models", "plain derive", "serde_json::Value"];

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let payloads =
        [("documented members only", payload(false)), ("10% unknown members", payload(true))];
    for (name, json) in &payloads {
        // Sanity: the models keep what the plain derive drops.
        let decoded: ResourceCollection<Customer> = serde_json::from_str(json).unwrap();
        assert_eq!(decoded.items.as_ref().map(Vec::len), Some(CUSTOMERS));
        let mut group = criterion.benchmark_group(*name);
        group.throughput(Throughput::Bytes(json.len() as u64));
        // Dropping the result is not decoding: it is left out of the time.
        group.bench_function(DECODERS[0], |b| {
            b.iter_with_large_drop(|| {
                serde_json::from_str::<ResourceCollection<Customer>>(black_box(json)).unwrap()
            })
        });
        group.bench_function(DECODERS[1], |b| {
            b.iter_with_large_drop(|| {
                serde_json::from_str::<plain::Collection>(black_box(json)).unwrap()
            })
        });
        group.bench_function(DECODERS[2], |b| {
            b.iter_with_large_drop(|| {
                serde_json::from_str::<serde_json::Value>(black_box(json)).unwrap()
            })
        });
        group.finish();
    }
    criterion.final_summary();
    print_ratios(&payloads);
}

/// MB/s of each decoder and its ratio to the plain derive, from the means
/// criterion stored under target/criterion.
fn print_ratios(payloads: &[(&str, String)]) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../criterion");
    println!("\nthroughput (mean), and ratio to the plain derive:");
    for (name, json) in payloads {
        let mean = |which: &str| -> Option<f64> {
            // Criterion writes `serde_json::Value` as `serde_json__Value`.
            let path = dir.join(name).join(which.replace(':', "_")).join("new/estimates.json");
            let text = std::fs::read_to_string(path).ok()?;
            let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
            estimates["mean"]["point_estimate"].to_string().parse().ok()
        };
        let Some(plain) = mean("plain derive") else { continue };
        println!("  {name} ({:.1} MB):", json.len() as f64 / 1e6);
        for which in DECODERS {
            let Some(nanos) = mean(which) else { continue };
            let mb_s = json.len() as f64 / 1e6 / (nanos / 1e9);
            println!("    {which:<18} {mb_s:>7.1} MB/s  {:.2}x", plain / nanos);
        }
    }
}
