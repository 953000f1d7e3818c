use expect_test::{Expect, expect};

use super::*;
use crate::diagnostics::Diagnostics;
use crate::source::SourceFile;

fn read(pages: &[(&str, &str)]) -> (Sources, Surface) {
    let sources =
        Sources::new(pages.iter().map(|(path, text)| SourceFile::new(*path, *text)).collect());
    let mut diagnostics = Diagnostics::default();
    let model = crate::build_model(&sources, &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    (sources, Surface::of(&model))
}

/// Compares two versions of one page, `old/x-resources.md` and
/// `new/x-resources.md`.
fn check(old: &str, new: &str, expected: Expect) {
    let (old_sources, old_surface) = read(&[("old/x-resources.md", old)]);
    let (new_sources, new_surface) = read(&[("new/x-resources.md", new)]);
    let report = compare(&old_surface, &new_surface);
    let pages = Pages { old: Some(&old_sources), new: &new_sources };
    expected.assert_eq(&render_text(&report, pages, "old -> new"));
}

const CUSTOMER: &str = "\
# Customers

## Customer

The customer.

| Property | Type | Description |
|----------|------|-------------|
| id | string | The identifier. |
| companyName | string | The name. |
| state | [CustomerState](#customerstate) | Its state. |

## CustomerState

| Value | Description |
|-------|-------------|
| active | In use. |
| suspended | Stopped for now. |
";

#[test]
fn nothing_changed() {
    check(
        CUSTOMER,
        CUSTOMER,
        expect![[r#"
            old -> new
            no changes to the crates
            implied version bump: none (0 breaking, 0 additive, 0 docs-only)
        "#]],
    );
}

#[test]
fn a_description_edit_is_docs_only() {
    let new = CUSTOMER
        .replace("The name.", "The company's name.")
        .replace("The customer.", "A customer.");
    check(
        CUSTOMER,
        &new,
        expect![[r#"
            old -> new
            docs-only  new/x-resources.md:3:1: docs changed: `Customer`
            docs-only  new/x-resources.md:10:1: docs changed: `Customer.company_name`
            implied version bump: patch (0 breaking, 0 additive, 2 docs-only)
        "#]],
    );
}

#[test]
fn additions_are_additive() {
    let new = CUSTOMER
        .replace("| state |", "| email | string | Where to write. |\n| state |")
        .replace("| suspended |", "| pending | Not yet in use. |\n| suspended |")
        + "\n## CustomerNote\n\n| Property | Type | Description |\n|--|--|--|\n| text | string | A note. |\n";
    check(
        CUSTOMER,
        &new,
        expect![[r#"
            old -> new
            additive   new/x-resources.md:11:1: field added: `Customer.email` (`email`, `String`)
            additive   new/x-resources.md:19:3: enum value added: `CustomerState::Pending` (`pending`), which decoded to the fallback variant before
            additive   new/x-resources.md:22:1: type added: `CustomerNote` (struct)
            implied version bump: minor (0 breaking, 3 additive, 0 docs-only)
        "#]],
    );
}

#[test]
fn removals_type_and_wire_name_changes_are_breaking() {
    let new = CUSTOMER
        .replace("| companyName | string |", "| companyName | int |")
        .replace("| id | string | The identifier. |\n", "")
        .replace("| suspended | Stopped for now. |\n", "")
        .replace("| companyName | int |", "| company_name | int |");
    check(
        CUSTOMER,
        &new,
        expect![[r#"
            old -> new
            breaking   new/x-resources.md:3:1: field removed: `Customer.id` (`id`, `String`)
            breaking   new/x-resources.md:9:1: field type changed: `Customer.company_name`: `String` -> `i64`
            breaking   new/x-resources.md:9:1: wire name changed: `Customer.company_name`: `companyName` -> `company_name`
            breaking   new/x-resources.md:12:1: enum value removed: `CustomerState::Suspended` (`suspended`)
            implied version bump: major (4 breaking, 0 additive, 0 docs-only)
        "#]],
    );
}

#[test]
fn a_removed_type_points_at_the_old_page() {
    let new = CUSTOMER.replace("| state | [CustomerState](#customerstate) | Its state. |\n", "");
    let new = &new[..new.find("## CustomerState").unwrap()];
    check(
        CUSTOMER,
        new,
        expect![[r#"
            old -> new
            breaking   new/x-resources.md:3:1: field removed: `Customer.state` (`state`, `CustomerState`)
            breaking   old/x-resources.md:13:1 (old): type removed: `CustomerState` (enum on x-resources.md)
            implied version bump: major (2 breaking, 0 additive, 0 docs-only)
        "#]],
    );
}

#[test]
fn renames_are_found_by_anchor_or_by_fields() {
    // `{#customerstate}` keeps the anchor while the heading changes.
    let by_anchor = CUSTOMER.replace("## CustomerState", "## CustomerStatus {#customerstate}");
    check(
        CUSTOMER,
        &by_anchor,
        expect![[r#"
            old -> new
            breaking   new/x-resources.md:11:1: field type changed: `Customer.state`: `CustomerState` -> `CustomerStatus`
            breaking   new/x-resources.md:13:1: type renamed: `CustomerState` -> `CustomerStatus`
            implied version bump: major (2 breaking, 0 additive, 0 docs-only)
        "#]],
    );
    let by_fields = CUSTOMER.replace("## Customer\n", "## Client\n");
    check(
        CUSTOMER,
        &by_fields,
        expect![[r#"
            old -> new
            breaking   new/x-resources.md:3:1: type renamed: `Customer` -> `Client`
            implied version bump: major (1 breaking, 0 additive, 0 docs-only)
        "#]],
    );
}

#[test]
fn a_struct_that_becomes_an_enum_is_breaking() {
    let new = CUSTOMER.replace(
        "| Property | Type | Description |\n|----------|------|-------------|\n| id |",
        "| Value | Description |\n|-------|-------------|\n| id |",
    );
    let new = new.replace("| id | string | The identifier. |\n| companyName | string | The name. |\n| state | [CustomerState](#customerstate) | Its state. |", "| id | The identifier. |");
    check(
        CUSTOMER,
        &new,
        expect![[r#"
            old -> new
            breaking   new/x-resources.md:3:1: kind changed: `Customer` was a struct, is an enum
            implied version bump: major (1 breaking, 0 additive, 0 docs-only)
        "#]],
    );
}

#[test]
fn a_stored_surface_compares_like_a_read_one() {
    let (_, old_surface) = read(&[("old/x-resources.md", CUSTOMER)]);
    let stored = Surface::from_json(&old_surface.to_json()).unwrap();
    let new = &CUSTOMER[..CUSTOMER.find("## CustomerState").unwrap()];
    let new = new.replace("[CustomerState](#customerstate)", "string");
    let (new_sources, new_surface) = read(&[("new/x-resources.md", &new)]);
    let report = compare(&stored, &new_surface);
    let pages = Pages { old: None, new: &new_sources };
    expect![[r#"
        ### stored -> new

        Implied version bump: **major** (2 breaking, 0 additive, 0 docs-only).

        #### Breaking

        - field type changed: `Customer.state`: `CustomerState` -> `String` (new/x-resources.md:11:1)
        - type removed: `CustomerState` (enum on x-resources.md) (x-resources.md (old))
    "#]]
    .assert_eq(&render_markdown(&report, pages, "stored -> new"));
}

/// An operation page beside `CUSTOMER`, in two versions.
fn check_operations(old: &str, new: &str, expected: Expect) {
    let read = |dir: &str, page: &str| {
        let pages = vec![
            crate::source::Page::new(format!("{dir}/x-resources.md"), CUSTOMER),
            crate::source::Page::new(format!("{dir}/get-customers.md"), page),
        ];
        let sources = Sources::select(pages, Vec::new(), None).unwrap();
        let mut diagnostics = Diagnostics::default();
        let model = crate::build_model(&sources, &mut diagnostics);
        (Surface::full(&model), sources)
    };
    let (old_surface, old_sources) = read("old", old);
    let (new_surface, new_sources) = read("new", new);
    let report = compare(&old_surface, &new_surface);
    let pages = Pages { old: Some(&old_sources), new: &new_sources };
    expected.assert_eq(&render_text(&report, pages, "old -> new"));
}

const OPERATION: &str = "\
# Get customers

## Request

| Method | Request URI |
|--------|-------------|
| **GET** | [*{baseURL}*](partner-center-rest-urls.md)/v1/customers/{customer-id}?size={size} HTTP/1.1 |

### URI parameters

| Name | Type | Required | Description |
|------|------|----------|-------------|
| customer-id | string | Y | The customer. |
| size | int | N | How many. |

## REST response

Returns a [Customer](x-resources.md#customer).
";

#[test]
fn operation_changes_are_classified_like_fields() {
    check_operations(
        OPERATION,
        OPERATION,
        expect![[r#"
        old -> new
        no changes to the crates
        implied version bump: none (0 breaking, 0 additive, 0 docs-only)
    "#]],
    );
    let optional_added = OPERATION.replace("?size={size}", "?size={size}&top={top}").replace(
        "| size | int | N | How many. |",
        "| size | int | N | How many. |\n| top | int | N | At most. |",
    );
    check_operations(
        OPERATION,
        &optional_added,
        expect![[r#"
        old -> new
        additive   new/get-customers.md:15:1: parameter added: `Client::get_customers`: `top` (query, `i64`)
        implied version bump: minor (0 breaking, 1 additive, 0 docs-only)
    "#]],
    );
    let changed = OPERATION
        .replace("| size | int | N |", "| size | int | Y |")
        .replace("/v1/customers/{customer-id}", "/v2/customers/{customer-id}")
        .replace(
            "Returns a [Customer](x-resources.md#customer).",
            "Returns a [CustomerState](x-resources.md#customerstate).",
        );
    check_operations(
        OPERATION,
        &changed,
        expect![[r#"
        old -> new
        breaking   new/get-customers.md:7:1: operation request changed: `Client::get_customers`: `GET /v1/customers/{customer-id}` -> `GET /v2/customers/{customer-id}`
        breaking   new/get-customers.md:7:1: response type changed: `Client::get_customers`: `Customer` -> `Value`
        breaking   new/get-customers.md:14:1: parameter changed: `Client::get_customers`: `size`: query `size` `i64` (optional) -> query `size` `i64` (required)
        implied version bump: major (3 breaking, 0 additive, 0 docs-only)
    "#]],
    );
    check_operations(
        OPERATION,
        "# Get customers\n\nNothing here any more.\n",
        expect![[r#"
        old -> new
        breaking   old/get-customers.md:7:1 (old): operation removed: `get-customers` (`Client::get_customers`)
        implied version bump: major (1 breaking, 0 additive, 0 docs-only)
    "#]],
    );
}

#[test]
fn a_field_becoming_boxed_is_breaking() {
    // A cycle is broken by boxing one of its fields: the one resolve meets
    // last. Moving `Next` above `Node` moves the `Box` from `Next.back` to
    // `Node.next`; the surface records it, and both are type changes.
    let node = "## Node\n\n| Property | Type | Description |\n|---|---|---|\n| next | [Next](#next) | The next one. |\n";
    let next = "## Next\n\n| Property | Type | Description |\n|---|---|---|\n| back | [Node](#node) | Back again. |\n";
    check(
        &format!("# Nodes\n\n{node}\n{next}"),
        &format!("# Nodes\n\n{next}\n{node}"),
        expect![[r#"
            old -> new
            breaking   new/x-resources.md:7:1: field type changed: `Next.back`: `Box<Node>` -> `Node`
            breaking   new/x-resources.md:13:1: field type changed: `Node.next`: `Next` -> `Box<Next>`
            implied version bump: major (2 breaking, 0 additive, 0 docs-only)
        "#]],
    );
}
