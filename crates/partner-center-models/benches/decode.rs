//! How fast the models decode a large list response, next to plain
//! `#[derive(Deserialize)]` structs that drop unknown members, the same
//! structs keeping them in a `#[serde(flatten)]` map (what the models do,
//! the way serde offers), and `serde_json::Value`.
//!
//! The payload is a collection of 10,000 customers shaped like the
//! reference's get-a-customer-by-id response, once with only documented
//! members and once with about 10% undocumented ones (as the service sends).
//! Run with `cargo bench -p partner-center-models --bench decode`; after
//! criterion's own lines it prints MB/s and the ratios to the plain derive,
//! then the same from rounds in which the four run in turn (each round
//! starting with the next), with the median of each round's own ratio.
//! The time is decoding only: dropping the result is left out for all four.
//! Encoding the decoded collection back to JSON is measured the same way
//! (the plain derive then writes only what it kept).

use std::time::{Duration, Instant};

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

/// The same resources, with the same fields, as plain derives, each
/// struct ending with `$extra`: nothing (a hand-written client that drops
/// every member it does not list), or a flattened map that keeps them as
/// the models do.
macro_rules! resources {
    ($($extra:tt)*) => {
        use serde::{Deserialize, Serialize};

        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        pub(super) struct Collection {
            #[serde(skip_serializing_if = "Option::is_none")]
            total_count: Option<i64>,
            #[serde(skip_serializing_if = "Option::is_none")]
            items: Option<Vec<Customer>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            links: Option<ResourceLinks>,
            #[serde(skip_serializing_if = "Option::is_none")]
            continuation_token: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            attributes: Option<ResourceAttributes>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Customer {
            #[serde(skip_serializing_if = "Option::is_none")]
            id: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            commerce_id: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            company_profile: Option<CompanyProfile>,
            #[serde(skip_serializing_if = "Option::is_none")]
            billing_profile: Option<BillingProfile>,
            #[serde(skip_serializing_if = "Option::is_none")]
            relationship_to_partner: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            allow_delegated_access: Option<bool>,
            #[serde(skip_serializing_if = "Option::is_none")]
            user_credentials: Option<UserCredentials>,
            #[serde(skip_serializing_if = "Option::is_none")]
            custom_domains: Option<Vec<String>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            associated_partner_id: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            links: Option<ResourceLinks>,
            #[serde(skip_serializing_if = "Option::is_none")]
            attributes: Option<ResourceAttributes>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        struct UserCredentials {
            #[serde(skip_serializing_if = "Option::is_none")]
            user_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            password: Option<SecureString>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        struct SecureString {
            #[serde(skip_serializing_if = "Option::is_none")]
            length: Option<i64>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        struct CompanyProfile {
            #[serde(skip_serializing_if = "Option::is_none")]
            tenant_id: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            domain: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            company_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            links: Option<ResourceLinks>,
            #[serde(skip_serializing_if = "Option::is_none")]
            attributes: Option<ResourceAttributes>,
            #[serde(skip_serializing_if = "Option::is_none")]
            organization_registration_number: Option<String>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        struct BillingProfile {
            #[serde(skip_serializing_if = "Option::is_none")]
            id: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            first_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            last_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            email: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            culture: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            language: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            company_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            default_address: Option<Address>,
            #[serde(skip_serializing_if = "Option::is_none")]
            links: Option<ResourceLinks>,
            #[serde(skip_serializing_if = "Option::is_none")]
            attributes: Option<ResourceAttributes>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Address {
            #[serde(skip_serializing_if = "Option::is_none")]
            address_line1: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            address_line2: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            city: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            state: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            postal_code: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            country: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            region: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            first_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            middle_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            last_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            phone_number: Option<String>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        struct ResourceLinks {
            #[serde(rename = "self")]
            #[serde(skip_serializing_if = "Option::is_none")]
            self_: Option<Link>,
            #[serde(skip_serializing_if = "Option::is_none")]
            next: Option<Link>,
            #[serde(skip_serializing_if = "Option::is_none")]
            previous: Option<Link>,
            #[serde(skip_serializing_if = "Option::is_none")]
            attributes: Option<ResourceAttributes>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        struct Link {
            #[serde(skip_serializing_if = "Option::is_none")]
            uri: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            method: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            headers: Option<Vec<KeyValuePair>>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        struct KeyValuePair {
            #[serde(skip_serializing_if = "Option::is_none")]
            key: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            value: Option<String>,
            $($extra)*
        }

        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        struct ResourceAttributes {
            #[serde(skip_serializing_if = "Option::is_none")]
            etag: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            object_type: Option<String>,
            $($extra)*
        }
    };
}

/// What a hand-written client would have: members it does not list dropped.
mod plain {
    resources!();
}

/// Plain derives that keep what they do not list, the way serde offers:
/// `#[serde(flatten)]` into a map of `serde_json::Value`s.
mod flatten {
    resources!(
        #[serde(flatten)]
        extra: serde_json::Map<String, serde_json::Value>,
    );
}

const DECODERS: [&str; 4] = ["models", "plain derive", "derive + flatten", "serde_json::Value"];

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
        // Each result is dropped before the next decode, so every decoder
        // reuses freed memory as a long-running client does (criterion's
        // `iter_with_large_drop` holds a whole batch, and then the order
        // of the decoders decides who gets fresh pages from the kernel).
        group.bench_function(DECODERS[0], |b| {
            b.iter_custom(|iters| {
                decode_each(iters, || {
                    serde_json::from_str::<ResourceCollection<Customer>>(black_box(json)).unwrap()
                })
            })
        });
        group.bench_function(DECODERS[1], |b| {
            b.iter_custom(|iters| {
                decode_each(iters, || {
                    serde_json::from_str::<plain::Collection>(black_box(json)).unwrap()
                })
            })
        });
        group.bench_function(DECODERS[2], |b| {
            b.iter_custom(|iters| {
                decode_each(iters, || {
                    serde_json::from_str::<flatten::Collection>(black_box(json)).unwrap()
                })
            })
        });
        group.bench_function(DECODERS[3], |b| {
            b.iter_custom(|iters| {
                decode_each(iters, || {
                    serde_json::from_str::<serde_json::Value>(black_box(json)).unwrap()
                })
            })
        });
        group.finish();

        let models: ResourceCollection<Customer> = serde_json::from_str(json).unwrap();
        let plain: plain::Collection = serde_json::from_str(json).unwrap();
        let flatten: flatten::Collection = serde_json::from_str(json).unwrap();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let mut group = criterion.benchmark_group(format!("{name}, encode"));
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function(DECODERS[0], |b| {
            b.iter(|| serde_json::to_vec(black_box(&models)).unwrap())
        });
        group.bench_function(DECODERS[1], |b| {
            b.iter(|| serde_json::to_vec(black_box(&plain)).unwrap())
        });
        group.bench_function(DECODERS[2], |b| {
            b.iter(|| serde_json::to_vec(black_box(&flatten)).unwrap())
        });
        group.bench_function(DECODERS[3], |b| {
            b.iter(|| serde_json::to_vec(black_box(&value)).unwrap())
        });
        group.finish();
    }
    criterion.final_summary();
    print_ratios(&payloads);
    print_interleaved(&payloads);
}

/// How many rounds the interleaved comparison runs.
const ROUNDS: usize = 21;

/// Each decoder's median and best time over rounds in which all four
/// run one after the other, and their ratios to the plain derive. On a
/// shared machine whose speed drifts, criterion's figures (one decoder
/// after the other, several seconds each) can differ by 20% between runs;
/// interleaving puts every decoder under the same drift, and the ratio
/// within each round (the median of those is printed too) cancels most
/// of what is left.
fn print_interleaved(payloads: &[(&str, String)]) {
    println!(
        "\ninterleaved, {ROUNDS} rounds; ratio to the plain derive: of the medians, the median of \
         each round's, of the best:"
    );
    for (name, json) in payloads {
        let decoders: [&dyn Fn() -> Duration; 4] = [
            &|| time(|| serde_json::from_str::<ResourceCollection<Customer>>(json).unwrap()),
            &|| time(|| serde_json::from_str::<plain::Collection>(json).unwrap()),
            &|| time(|| serde_json::from_str::<flatten::Collection>(json).unwrap()),
            &|| time(|| serde_json::from_str::<serde_json::Value>(json).unwrap()),
        ];
        report(name, json.len(), &decoders);
        let models: ResourceCollection<Customer> = serde_json::from_str(json).unwrap();
        let plain: plain::Collection = serde_json::from_str(json).unwrap();
        let flatten: flatten::Collection = serde_json::from_str(json).unwrap();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let encoders: [&dyn Fn() -> Duration; 4] = [
            &|| time(|| serde_json::to_vec(&models).unwrap()),
            &|| time(|| serde_json::to_vec(&plain).unwrap()),
            &|| time(|| serde_json::to_vec(&flatten).unwrap()),
            &|| time(|| serde_json::to_vec(&value).unwrap()),
        ];
        report(&format!("{name}, encode"), json.len(), &encoders);
    }
}

/// The time of one call of `run`; its result is dropped after the clock stops.
fn time<T>(run: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = run();
    let elapsed = start.elapsed();
    drop(black_box(result));
    elapsed
}

/// Runs the four in turn, [`ROUNDS`] times, and prints their figures.
/// Each round starts with the next one, so that none always runs on
/// memory the same other one has just freed.
fn report(name: &str, bytes: usize, runs: &[&dyn Fn() -> Duration; 4]) {
    let mut times: [Vec<f64>; 4] = Default::default();
    for round in 0..ROUNDS {
        for k in 0..runs.len() {
            let which = (round + k) % runs.len();
            times[which].push(runs[which]().as_secs_f64());
        }
    }
    let plain = times[1].clone();
    let mut plain_sorted = plain.clone();
    plain_sorted.sort_by(f64::total_cmp);
    println!("  {name} ({:.1} MB):", bytes as f64 / 1e6);
    for (which, mut own) in DECODERS.iter().zip(times) {
        let mut ratios: Vec<f64> = plain.iter().zip(&own).map(|(p, o)| p / o).collect();
        ratios.sort_by(f64::total_cmp);
        own.sort_by(f64::total_cmp);
        let median = own[ROUNDS / 2];
        println!(
            "    {which:<18} {:>7.1} MB/s  {:.2}x  {:.2}x  {:.2}x",
            bytes as f64 / 1e6 / median,
            plain_sorted[ROUNDS / 2] / median,
            ratios[ROUNDS / 2],
            plain_sorted[0] / own[0]
        );
    }
}

/// The time of `iters` calls of `decode`, without dropping their results.
fn decode_each<T>(iters: u64, mut decode: impl FnMut() -> T) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        let decoded = decode();
        total += start.elapsed();
        drop(black_box(decoded));
    }
    total
}

/// MB/s of each decoder and its ratio to the plain derive, from the medians
/// criterion stored under target/criterion.
fn print_ratios(payloads: &[(&str, String)]) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../criterion");
    println!(
        "\nthroughput (median, which outliers move less than the mean), and ratio to the plain derive:"
    );
    let groups = payloads
        .iter()
        .flat_map(|(name, json)| [(name.to_string(), json), (format!("{name}, encode"), json)]);
    for (name, json) in groups {
        let median = |which: &str| -> Option<f64> {
            // Criterion writes `serde_json::Value` as `serde_json__Value`.
            let path = dir.join(&name).join(which.replace(':', "_")).join("new/estimates.json");
            let text = std::fs::read_to_string(path).ok()?;
            let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
            estimates["median"]["point_estimate"].to_string().parse().ok()
        };
        let Some(plain) = median("plain derive") else { continue };
        println!("  {name} ({:.1} MB):", json.len() as f64 / 1e6);
        for which in DECODERS {
            let Some(nanos) = median(which) else { continue };
            let mb_s = json.len() as f64 / 1e6 / (nanos / 1e9);
            println!("    {which:<18} {mb_s:>7.1} MB/s  {:.2}x", plain / nanos);
        }
    }
}
