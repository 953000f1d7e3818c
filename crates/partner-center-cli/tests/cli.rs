//! The `partner-center` binary, run as a user would run it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const CUSTOMER: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../partner-center-models/tests/data/customer.json");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partner-center"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn decode_re_encodes_a_customer_with_its_wire_names() {
    let output = run(&["decode", "Customer", CUSTOMER], "");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let encoded: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(CUSTOMER).unwrap()).unwrap();
    assert_eq!(encoded, original);
    assert_eq!(encoded["id"], "5d1e8a44-0c3b-4f6e-9a2d-7b8c9d0e1f2a");
    assert_eq!(encoded["commerceId"], "c0ffee00-1234-4abc-8def-0123456789ab");
    assert_eq!(encoded["companyProfile"]["tenantId"], "5d1e8a44-0c3b-4f6e-9a2d-7b8c9d0e1f2a");
}

#[test]
fn decode_reads_standard_input_and_ignores_the_case_of_the_type() {
    let output = run(&["decode", "securestring", "-"], r#"{"length": 8}"#);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "{\n  \"length\": 8\n}\n");
}

#[test]
fn a_value_of_another_type_is_kept_and_reported_or_refused_with_strict() {
    let body = "{\n  \"companyProfile\": {\"tenantId\": 42, \"domain\": \"d\"}\n}";
    let output = run(&["decode", "Customer"], body);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        "warning: <stdin>: at $.companyProfile.tenantId: a number where the reference documents a string; kept as received (--strict refuses it)\n"
    );
    let encoded: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(encoded, serde_json::from_str::<serde_json::Value>(body).unwrap());

    let output = run(&["decode", "Customer", "--unknown"], body);
    assert_eq!(
        text(&output.stdout),
        "$.companyProfile.tenantId: a number, documented as a string\n"
    );

    let output = run(&["decode", "Customer", "--strict"], body);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "error: <stdin>:2:35: not a Customer: at $.companyProfile.tenantId: invalid type: a number, expected a string\n"
    );
}

#[test]
fn a_body_that_is_no_object_exits_1_naming_what_was_expected() {
    let output = run(&["decode", "Customer"], "\n [1]");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "error: <stdin>:2:1: not a Customer: at $: invalid type: sequence, expected a JSON object (a Customer)\n"
    );
}

#[test]
fn decode_reads_a_list_response_as_a_collection() {
    let list = r#"{"totalCount": 2, "items": [{"length": 8}, {"length": "x"}], "attributes": {"objectType": "Collection"}}"#;
    let output = run(&["decode", "ResourceCollection<SecureString>", "--strict"], list);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "error: <stdin>:1:58: not a ResourceCollection<SecureString>: at $.items[1].length: invalid type: a string, expected an integer\n"
    );
    let fixed = list.replace("\"x\"", "9");
    let output = run(&["decode", "collection<securestring>"], &fixed);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let encoded: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(encoded, serde_json::from_str::<serde_json::Value>(&fixed).unwrap());
}

#[test]
fn decode_auto_takes_the_type_from_the_object_type() {
    let output = run(&["decode", "auto", CUSTOMER], "");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("\"commerceId\""));

    let list = r#"{"totalCount": 1, "items": [{"length": 4, "attributes": {"objectType": "SecureString"}}], "attributes": {"objectType": "Collection"}}"#;
    let output = run(&["decode", "auto"], list);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    let output = run(&["decode", "auto"], r#"{"length": 4}"#);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("no attributes.objectType says what this is"));
}

#[test]
fn decode_unknown_lists_the_members_the_models_do_not_know() {
    let output = run(&["decode", "Customer", CUSTOMER, "--unknown"], "");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "$.companyProfile.address: an object\n$.companyProfile.email: a string\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let unknown = run(&["decode", "Custmer", CUSTOMER], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr)
            .starts_with("error: unknown resource `Custmer`; did you mean `Customer`?")
    );
    for args in [&[][..], &["decode"], &["frobnicate"], &["decode", "Customer", "a", "b"]] {
        assert_eq!(run(args, "").status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn an_unreadable_file_is_an_io_error_exit_2() {
    let output = run(&["decode", "Customer", "/no/such/file.json"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).starts_with("error: cannot read /no/such/file.json"));
}

#[test]
fn types_lists_the_generated_resources_then_the_error_body() {
    let output = run(&["types"], "");
    assert_eq!(output.status.code(), Some(0));
    let listing = text(&output.stdout);
    for line in ["Customer ", "UserCredentials ", "ResourceAttributes "] {
        assert!(listing.lines().any(|l| l.starts_with(line)), "{line} missing:\n{listing}");
    }
    let (last, generated) =
        listing.lines().collect::<Vec<_>>().split_last().map(|(l, g)| (*l, g.to_vec())).unwrap();
    assert!(generated.iter().all(|l| l.ends_with("-resources.md")), "{listing}");
    assert!(last.starts_with("ServiceError ") && last.ends_with("(support)"), "{listing}");
}

#[test]
fn an_error_body_decodes_as_service_error() {
    let body = r#"{"code": 3000, "description": "Not found", "data": [], "source": "PartnerFD"}"#;
    let output = run(&["decode", "ServiceError", "-"], body);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let decoded: serde_json::Value = serde_json::from_str(&text(&output.stdout)).unwrap();
    assert_eq!(decoded, serde_json::from_str::<serde_json::Value>(body).unwrap());
}

/// A docs folder of one operation page whose examples are `bodies`
/// (`(first line, JSON)`), for `conformance`.
fn docs_folder(name: &str, bodies: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut page = String::from("# Webhooks\n\nNo page text names a resource here.\n");
    for (first_line, json) in bodies {
        page +=
            &format!("\n```http\n{first_line}\nContent-Type: application/json\n\n{json}\n```\n");
    }
    std::fs::write(dir.join("webhooks.md"), page).unwrap();
    dir
}

const UNDOCUMENTED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-src/undocumented-resources.md");

#[test]
fn conformance_ties_every_response_or_fails() {
    let bodies = [
        ("HTTP/1.1 200 OK", r#"["test-created", "invoice-ready"]"#),
        ("HTTP/1.1 200 OK", r#"{"IsSigned": true}"#),
        (
            "POST /webhooks/v1/registration HTTP/1.1",
            r#"{"WebhookUrl": "https://x", "WebhookEvents": ["test-created"]}"#,
        ),
        (
            "PUT /roles HTTP/1.1",
            r#"{"Name": "Reader", "Attributes": {"ObjectType": "DirectoryRole"}}"#,
        ),
    ];
    let dir = docs_folder("conformance-ok", &bodies);
    let output = run(&["conformance", dir.to_str().unwrap(), "--with", UNDOCUMENTED], "");
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", text(&output.stderr));
    assert!(
        stdout.ends_with(
            "total: 4 examples, 0 invalid JSON, 4 tied, 4 decoded, 4 lossless (100.0% of decoded)\n"
        ),
        "{stdout}"
    );

    // A response no model explains fails the check; a request is listed.
    let mut untied = bodies.to_vec();
    untied.push(("HTTP/1.1 200 OK", r#"{"mystery": 1, "other": 2}"#));
    untied.push(("POST /x HTTP/1.1", r#"{"riddle": 1, "enigma": 2}"#));
    let dir = docs_folder("conformance-untied", &untied);
    let output = run(&["conformance", dir.to_str().unwrap(), "--with", UNDOCUMENTED], "");
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("response not tied to a model: no objectType"), "{stdout}");
    assert!(stdout.contains("request not tied to a model: no objectType"), "{stdout}");
    assert!(stdout.contains("total: 6 examples, 0 invalid JSON, 4 tied"), "{stdout}");

    let output = run(&["conformance", dir.to_str().unwrap(), "--with"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("a value is required for '--with <PAGE>'"));
}

#[test]
fn decode_auto_reads_object_type_in_any_casing() {
    let role = r#"{"Id": "r1", "Name": "Reader", "Attributes": {"ObjectType": "DirectoryRole"}}"#;
    let output = run(&["decode", "auto"], role);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let encoded: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        encoded,
        serde_json::json!({"id": "r1", "name": "Reader", "attributes": {"objectType": "DirectoryRole"}})
    );
}

/// A page saved as Windows-1252 reads as `cargo xtask codegen` reads it:
/// repaired, with the same warning, and its examples are checked.
#[test]
fn conformance_reads_a_windows_1252_page_with_its_warning() {
    let dir = docs_folder("conformance-cp1252", &[("HTTP/1.1 200 OK", r#"{"IsSigned": true}"#)]);
    let mut page = std::fs::read(dir.join("webhooks.md")).unwrap();
    // "Caf\xe9" is `Café` in Windows-1252 and not UTF-8.
    page.extend_from_slice(b"\nA note from the Caf\xe9.\n");
    std::fs::write(dir.join("webhooks.md"), page).unwrap();
    let output = run(&["conformance", dir.to_str().unwrap(), "--with", UNDOCUMENTED], "");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains("warning[W0209]: bytes 0xe9 are not UTF-8; read as Windows-1252 `é`"),
        "{stderr}"
    );
    assert!(stdout.contains("total: 1 examples, 0 invalid JSON, 1 tied, 1 decoded"), "{stdout}");
}

mod call {
    //! `partner-center call` against a local server on 127.0.0.1.

    use std::sync::atomic::{AtomicUsize, Ordering};

    use partner_center_testserver::{Reply, Server};

    use super::text;

    fn call(server: &Server, args: &[&str]) -> std::process::Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_partner-center"))
            .arg("call")
            .args(args)
            .args(["--base-url", &server.url()])
            .env("PARTNER_CENTER_TOKEN", "t0k3n")
            .output()
            .expect("the binary runs")
    }

    const CUSTOMER: &str = r#"{"id": "4a1b76e5", "companyProfile": {"tenantId": "4a1b76e5", "domain": "fabrikam.example", "address": {"city": "Leeds"}}, "attributes": {"objectType": "Customer"}}"#;

    #[test]
    fn get_a_customer_by_id_returns_the_customer() {
        let server = Server::start(|_| Reply::json(200, CUSTOMER));
        let output =
            call(&server, &["get-a-customer-by-id", "--param", "Customer-Tenant-Id=4a1b76e5"]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(printed, serde_json::from_str::<serde_json::Value>(CUSTOMER).unwrap());
        let sent = &server.requests()[0];
        assert_eq!((sent.method.as_str(), sent.path.as_str()), ("GET", "/v1/customers/4a1b76e5"));
        assert_eq!(sent.header("authorization"), Some("Bearer t0k3n"));
    }

    #[test]
    fn all_pages_follows_links_next_with_its_continuation_header() {
        let server = Server::start(|request| {
            let (items, next) = match request.header("ms-continuationtoken") {
                None => (
                    r#"[{"id": "a"}, {"id": "b"}]"#,
                    r#", "links": {"next": {"uri": "/customers?size=2&seekOperation=Next", "headers": [{"key": "MS-ContinuationToken", "value": "page-2"}]}}"#,
                ),
                Some(_) => (r#"[{"id": "c"}]"#, ""),
            };
            Reply::json(200, format!(r#"{{"totalCount": 3, "items": {items}{next}}}"#))
        });
        let output =
            call(&server, &["get-a-list-of-customers", "--param", "size=2", "--all-pages"]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(printed, serde_json::json!([{"id": "a"}, {"id": "b"}, {"id": "c"}]));
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].query.as_deref(), Some("size=2"));
        assert_eq!(requests[1].query.as_deref(), Some("size=2&seekOperation=Next"));
        assert_eq!(requests[1].header("ms-continuationtoken"), Some("page-2"));
    }

    #[test]
    fn a_throttled_call_is_retried_with_the_same_request_id() {
        let calls = AtomicUsize::new(0);
        let server = Server::start(move |_| {
            if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                Reply::json(429, r#"{"statusCode": 429, "message": "Rate limit is exceeded."}"#)
                    .header("Retry-After", "1")
            } else {
                Reply::json(200, CUSTOMER)
            }
        });
        let output =
            call(&server, &["get-a-customer-by-id", "--param", "customer-tenant-id=4a1b76e5"]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].header("ms-requestid"), requests[1].header("ms-requestid"));
    }

    #[test]
    fn a_404_exits_1_with_the_error_and_both_ids() {
        let server = Server::start(|_| {
            Reply::json(
                404,
                r#"{"code": 600001, "description": "Customer not found.", "source": "PartnerFD"}"#,
            )
        });
        let output =
            call(&server, &["get-a-customer-by-id", "--param", "customer-tenant-id=nobody"]);
        assert_eq!(output.status.code(), Some(1));
        let sent = &server.requests()[0];
        let message = text(&output.stderr);
        assert!(message.starts_with("error: get-a-customer-by-id: GET "), "{message}");
        assert!(message.contains("404 Not Found: error 600001: Customer not found."), "{message}");
        assert!(message.contains(sent.header("ms-requestid").unwrap()), "{message}");
        assert!(message.contains(sent.header("ms-correlationid").unwrap()), "{message}");
    }

    #[test]
    fn usage_errors_name_what_is_wrong_and_exit_2() {
        let server = Server::start(|_| Reply::json(200, CUSTOMER));
        let cases: [(&[&str], &str); 5] = [
            (
                &["get-a-custmer-by-id"],
                "unknown operation `get-a-custmer-by-id`; did you mean `get-a-customer-by-id`?",
            ),
            (
                &["get-a-customer-by-id"],
                "`get-a-customer-by-id` needs --param customer-tenant-id=...",
            ),
            (
                &["get-a-customer-by-id", "--param", "customer-tennant-id=x"],
                "has no parameter `customer-tennant-id`; did you mean `customer-tenant-id`?",
            ),
            (
                &["get-a-list-of-customers", "--param", "size=two"],
                "`two` is no integer (parameter `size`)",
            ),
            (&["create-a-customer", "--body", "-"], "the body is not a Customer"),
        ];
        for (args, expected) in cases {
            let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_partner-center"));
            command
                .arg("call")
                .args(args)
                .args(["--base-url", &server.url()])
                .env("PARTNER_CENTER_TOKEN", "t");
            command
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = command.spawn().unwrap();
            use std::io::Write;
            // Most cases exit before reading it; a closed pipe is no failure.
            let _ = child.stdin.take().unwrap().write_all(br#"{"companyProfile": 5}"#);
            let output = child.wait_with_output().unwrap();
            assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output.stderr));
            assert!(text(&output.stderr).contains(expected), "{args:?}: {}", text(&output.stderr));
        }
        assert!(server.requests().is_empty(), "no usage error reaches the server");
    }

    #[test]
    fn operations_lists_name_method_and_path() {
        let output = super::run(&["operations"], "");
        assert_eq!(output.status.code(), Some(0));
        let listing = text(&output.stdout);
        assert!(
            listing.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
                == ["get-a-customer-by-id", "GET", "/v1/customers/{customer-tenant-id}"]),
            "{listing}"
        );
    }
}

/// Our own operation pages replay: every operation sends what its example
/// shows and decodes what its example answers.
#[test]
fn replay_passes_on_docs_src() {
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-src");
    let output = run(&["replay", docs], "");
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", text(&output.stderr));
    assert!(
        stdout.ends_with(
            "total: 8 operations, 8 replayable, 8 replayed, 8 passed (100.0% of replayable; 0 of them request only)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_body_that_says_it_is_something_else_is_flagged() {
    let output = run(&["decode", "Address", CUSTOMER], "");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(
            "the body's attributes.objectType says `Customer`; it was decoded as `Address`"
        ),
        "{stderr}"
    );
    let output = run(&["decode", "Address", CUSTOMER, "--strict"], "");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));

    let output = run(&["decode", "Customer"], r#"{"foo": 1}"#);
    assert_eq!(
        text(&output.stderr),
        "warning: <stdin>: the body's one member is no documented member of `Customer`\n"
    );
    let output = run(&["decode", "ResourceCollection<Customer>"], r#"{"id": "a", "foo": 1}"#);
    assert!(
        text(&output.stderr).contains(
            "not one of the body's 2 members is a documented member of `ResourceCollection<Customer>`"
        ),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn malformed_json_says_it_is_not_json_with_its_position() {
    let output = run(&["decode", "Customer"], "{\"id\": 1,\n");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stderr), "error: <stdin>:2:1: not JSON: EOF while parsing a value\n");
}

#[test]
fn unknown_lists_members_and_unlisted_values_in_document_order() {
    let body = r#"{"relationshipToPartner": "not_a_listed_program",
        "companyProfile": {"tenantId": "t", "mascot": "heron"}, "tier": 2}"#;
    let output = run(&["decode", "Customer", "--unknown"], body);
    assert_eq!(
        text(&output.stdout),
        "$.relationshipToPartner: a value the reference does not list\n\
         $.companyProfile.mascot: a string\n\
         $.tier: a number\n"
    );
}

#[test]
fn every_subcommand_has_help_and_unknown_flags_are_named() {
    for command in ["decode", "types", "operations", "call", "conformance", "replay"] {
        let output = run(&[command, "--help"], "");
        assert_eq!(output.status.code(), Some(0), "{command}: {}", text(&output.stderr));
        assert!(text(&output.stdout).contains("Usage: partner-center"), "{command}");
    }
    let output = run(&["decode", "Customer", "--unknwn"], "{}");
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("unexpected argument '--unknwn'"), "{stderr}");
    assert!(stderr.contains("a similar argument exists: '--unknown'"), "{stderr}");
}
