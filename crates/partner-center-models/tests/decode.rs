//! Decoding the seed's resources from JSON shaped like the service's
//! responses (our own example values, in the shape the reference's
//! get-a-customer-by-id response has).

use partner_center_models::{
    Customer, CustomerCompanyProfile, CustomerRelationshipRequest, CustomerRelationshipToPartner,
    Link, RESOURCES, ResourceCollection, SecureString, decode, decode_strict,
};
use partner_center_support::FindUnknown;
use serde_json::{Value, json};

const CUSTOMER: &str = include_str!("data/customer.json");

#[test]
fn a_customer_response_decodes_into_typed_fields() {
    let customer: Customer = decode(CUSTOMER).unwrap();
    assert_eq!(customer.id.as_deref(), Some("5d1e8a44-0c3b-4f6e-9a2d-7b8c9d0e1f2a"));
    assert_eq!(customer.commerce_id.as_deref(), Some("c0ffee00-1234-4abc-8def-0123456789ab"));
    assert_eq!(customer.relationship_to_partner, Some(CustomerRelationshipToPartner::Reseller));
    assert_eq!(customer.allow_delegated_access, Some(true));
    assert_eq!(customer.custom_domains.as_ref().map(Vec::len), Some(2));

    let company = customer.company_profile.as_ref().unwrap();
    assert_eq!(company.tenant_id.as_deref(), Some("5d1e8a44-0c3b-4f6e-9a2d-7b8c9d0e1f2a"));
    assert_eq!(company.company_name.as_deref(), Some("Northwind Traders"));

    let billing = customer.billing_profile.as_ref().unwrap();
    let address = billing.default_address.as_ref().unwrap();
    assert_eq!(address.address_line1.as_deref(), Some("12 Canal Wharf"));
    assert_eq!(address.postal_code.as_deref(), Some("LS11 5PS"));
    assert_eq!(billing.attributes.as_ref().unwrap().etag.as_deref(), Some("-8811302764281459371"));

    let link = billing.links.as_ref().unwrap().self_.as_ref().unwrap();
    assert_eq!(link.method.as_deref(), Some("GET"));
    let header = &link.headers.as_ref().unwrap()[0];
    assert_eq!(header.key.as_deref(), Some("MS-Contract-Version"));
}

#[test]
fn properties_the_docs_do_not_list_are_kept_not_lost() {
    let customer: Customer = decode(CUSTOMER).unwrap();
    let company = customer.company_profile.as_ref().unwrap();
    // The response has `address` and `email`; the company profile table does not.
    let email: String = company.extra.decode("email").unwrap().unwrap();
    assert_eq!(email, "admin@northwindtraders.example");
    let address: serde_json::Value = company.extra.decode("address").unwrap().unwrap();
    assert_eq!(address["city"], "Leeds");
    assert!(customer.extra.is_empty());
}

#[test]
fn re_encoding_gives_back_the_same_json_with_wire_names() {
    let customer: Customer = decode(CUSTOMER).unwrap();
    let encoded = serde_json::to_value(&customer).unwrap();
    let original: Value = serde_json::from_str(CUSTOMER).unwrap();
    assert_eq!(encoded, original);
    assert!(encoded.get("commerceId").is_some() && encoded.get("commerce_id").is_none());
    assert!(encoded["companyProfile"].get("tenantId").is_some());
}

#[test]
fn absent_fields_stay_absent() {
    let customer: Customer = decode(r#"{"id": "x"}"#).unwrap();
    assert_eq!(customer.company_profile, None);
    assert_eq!(serde_json::to_value(&customer).unwrap(), json!({"id": "x"}));
}

#[test]
fn unknown_enum_values_fall_back_and_round_trip() {
    let customer: Customer =
        decode(r#"{"relationshipToPartner": "not_a_listed_program"}"#).unwrap();
    let value = customer.relationship_to_partner.clone().unwrap();
    assert_eq!(value, CustomerRelationshipToPartner::Other("not_a_listed_program".into()));
    assert_eq!(value.as_str(), "not_a_listed_program");
    assert_eq!(
        serde_json::to_value(&customer).unwrap(),
        json!({"relationshipToPartner": "not_a_listed_program"})
    );

    // Every listed value, including the one the docs escape as `microsoft\_support`.
    for (wire, variant) in [
        ("none", CustomerRelationshipToPartner::None),
        ("reseller", CustomerRelationshipToPartner::Reseller),
        ("advisor", CustomerRelationshipToPartner::Advisor),
        ("syndication", CustomerRelationshipToPartner::Syndication),
        ("microsoft_support", CustomerRelationshipToPartner::MicrosoftSupport),
    ] {
        let decoded: CustomerRelationshipToPartner = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(decoded, variant);
        assert_eq!(variant.as_str(), wire);
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(wire));
    }
}

#[test]
fn wire_names_differ_from_the_docs_spelling_where_the_service_does() {
    let link: Link = decode(r#"{"uri": "/customers", "method": "GET"}"#).unwrap();
    assert_eq!(link.uri.as_deref(), Some("/customers"));
    let secret: SecureString = decode(r#"{"length": 12}"#).unwrap();
    assert_eq!(secret.length, Some(12));
}

#[test]
fn a_body_that_is_no_object_names_the_json_path() {
    let error = decode::<Vec<Customer>>(r#"[{}, [1]]"#).unwrap_err();
    assert_eq!(error.path, "$[1]");
    assert_eq!(error.message, "invalid type: sequence, expected a JSON object (a Customer)");
}

/// A list response, compact as the service sends it, whose documented
/// members have the wrong JSON type: a string for an integer
/// (`totalCount`), an object for a string, an array for an object, a string
/// for a boolean, a number in a list of strings.
const DRIFTED: &str = concat!(
    r#"{"totalCount":"1","items":[{"#,
    r#""id":{"value":"5d1e8a44","kind":"guid"},"#,
    r#""commerceId":"c0ffee00","#,
    r#""companyProfile":{"tenantId":"5d1e8a44","domain":["northwind.example","northwind.test"]},"#,
    r#""billingProfile":[{"email":"billing@northwind.example"}],"#,
    r#""allowDelegatedAccess":"yes","#,
    r#""customDomains":["northwind.example",7],"#,
    r#""links":{"self":{"uri":"/customers/5d1e8a44","method":"GET","headers":[]}},"#,
    r#""relationshipToPartner":"reseller","#,
    "\n",
    r#""newMember":1.50}]}"#
);

#[test]
fn members_of_another_type_are_kept_exactly_and_the_rest_is_typed() {
    let page: ResourceCollection<Customer> = decode(DRIFTED).unwrap();
    assert_eq!(page.total_count, None);
    let customer = &page.items.as_ref().unwrap()[0];
    // Every member that fits is typed.
    assert_eq!(customer.commerce_id.as_deref(), Some("c0ffee00"));
    assert_eq!(customer.relationship_to_partner, Some(CustomerRelationshipToPartner::Reseller));
    let profile = customer.company_profile.as_ref().unwrap();
    assert_eq!(profile.tenant_id.as_deref(), Some("5d1e8a44"));
    let link = customer.links.as_ref().and_then(|l| l.self_.as_ref()).unwrap();
    assert_eq!(link.uri.as_deref(), Some("/customers/5d1e8a44"));
    // Those that do not are empty fields, kept raw beside them.
    assert_eq!((&customer.id, &customer.billing_profile), (&None, &None));
    assert_eq!((customer.allow_delegated_access, &customer.custom_domains), (None, &None));
    assert_eq!(profile.domain, None);

    // Listed with their paths, what they are and what the table says.
    let mut found = Vec::new();
    page.find_unknown("$", &mut found);
    let found: Vec<_> = found.iter().map(|u| (u.path.as_str(), u.kind, u.expected)).collect();
    assert_eq!(
        found,
        [
            ("$.totalCount", "a string", Some("an integer")),
            ("$.items[0].id", "an object", Some("a string")),
            ("$.items[0].billingProfile", "an array", Some("a CustomerBillingProfile")),
            ("$.items[0].allowDelegatedAccess", "a string", Some("a boolean")),
            ("$.items[0].customDomains", "an array", Some("an array")),
            ("$.items[0].newMember", "a number", None),
            ("$.items[0].companyProfile.domain", "an array", Some("a string")),
        ]
    );

    // Encoding gives back the same document, the odd values byte for byte.
    let encoded = serde_json::to_string(&page).unwrap();
    for raw in [
        r#""totalCount":"1""#,
        r#""id":{"value":"5d1e8a44","kind":"guid"}"#,
        r#""billingProfile":[{"email":"billing@northwind.example"}]"#,
        r#""domain":["northwind.example","northwind.test"]"#,
        r#""allowDelegatedAccess":"yes""#,
        r#""customDomains":["northwind.example",7]"#,
        r#""newMember":1.50"#,
    ] {
        assert!(encoded.contains(raw), "{raw} in {encoded}");
    }
    let again: serde_json::Value = serde_json::from_str(&encoded).unwrap();
    assert_eq!(again, serde_json::from_str::<serde_json::Value>(DRIFTED).unwrap());
}

#[test]
fn strict_decoding_refuses_the_same_body() {
    let error = decode_strict::<ResourceCollection<Customer>>(DRIFTED).unwrap_err();
    assert_eq!(error.path, "$.totalCount");
    assert_eq!(error.message, "invalid type: a string, expected an integer");
    assert_eq!(error.line, 1);
    let fixed = DRIFTED.replace(r#""1""#, "1");
    let error = decode_strict::<ResourceCollection<Customer>>(&fixed).unwrap_err();
    assert_eq!(error.path, "$.items[0].id");
    assert_eq!(error.message, "invalid type: an object, expected a string");
    assert_eq!(error.line, 1);
}

#[test]
fn the_resource_table_lists_every_struct_by_name() {
    let names: Vec<_> = RESOURCES.iter().map(|r| r.name).collect();
    for expected in [
        "Customer",
        "CustomerCompanyProfile",
        "CustomerBillingProfile",
        "CustomerRelationshipRequest",
        "UserCredentials",
        "SecureString",
        "Address",
        "ResourceLinks",
        "Link",
        "KeyValuePair",
        "ResourceAttributes",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    let request: CustomerRelationshipRequest = decode(
        r#"{"url": "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship"}"#,
    )
    .unwrap();
    assert!(request.url.unwrap().starts_with("https://"));
    let _: CustomerCompanyProfile = decode("{}").unwrap();
}

#[test]
fn a_list_response_has_typed_links_and_attributes() {
    let page: ResourceCollection<Customer> = decode(
        r#"{"totalCount": 1, "items": [{"id": "a"}],
            "links": {"next": {"uri": "/customers?seekOperation=Next", "method": "GET",
                               "headers": [{"key": "MS-ContinuationToken", "value": "t"}]}},
            "attributes": {"objectType": "Collection"}}"#,
    )
    .unwrap();
    let next = page.links.as_ref().and_then(|l| l.next.as_ref()).unwrap();
    assert_eq!(next.uri.as_deref(), Some("/customers?seekOperation=Next"));
    assert_eq!(next.headers.as_ref().unwrap()[0].key.as_deref(), Some("MS-ContinuationToken"));
    let kind = page.attributes.as_ref().and_then(|a| a.object_type.as_deref());
    assert_eq!(kind, Some("Collection"));
}
