//! What a client does with the models: GET a resource, change a field, PUT
//! it back. Nothing it did not touch may change, whatever casing the JSON
//! came in.

use partner_center_models::{Customer, CustomerRelationshipToPartner, decode};
use serde_json::{Value, json};

const CUSTOMER: &str = include_str!("data/customer.json");

#[test]
fn get_modify_put_keeps_unknown_nested_members_exactly() {
    let mut customer: Customer = decode(CUSTOMER).unwrap();
    let company = customer.company_profile.as_mut().unwrap();
    company.company_name = Some("Northwind Traders Ltd".to_owned());

    let put = serde_json::to_string(&customer).unwrap();

    // The undocumented `companyProfile.address` goes back byte for byte ...
    let original_address = {
        let start = CUSTOMER.find("\"address\": {").unwrap() + "\"address\": ".len();
        let end = start + CUSTOMER[start..].find('}').unwrap() + 1;
        CUSTOMER[start..end].to_owned()
    };
    let customer_again: Customer = decode(&put).unwrap();
    let address =
        customer_again.company_profile.unwrap().extra.get("address").unwrap().get().to_owned();
    assert_eq!(address, original_address);

    // ... and the document differs from the GET only where it was changed.
    let mut expected: Value = serde_json::from_str(CUSTOMER).unwrap();
    expected["companyProfile"]["companyName"] = json!("Northwind Traders Ltd");
    assert_eq!(serde_json::from_str::<Value>(&put).unwrap(), expected);
}

/// Upper-cases the first letter of every member name, as .NET clients write.
fn pascal_case(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let mut key = k.clone();
                    key[..1].make_ascii_uppercase();
                    (key, pascal_case(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(pascal_case).collect()),
        other => other.clone(),
    }
}

#[test]
fn pascal_case_input_decodes_into_the_same_value_as_camel_case() {
    let camel = json!({
        "id": "5d1e8a44",
        "commerceId": "c0ffee00",
        "companyProfile": {"tenantId": "5d1e8a44", "domain": "northwind.example"},
        "billingProfile": {"defaultAddress": {"addressLine1": "12 Canal Wharf", "country": "GB"}},
        "relationshipToPartner": "reseller",
        "links": {"self": {"uri": "/customers/5d1e8a44", "method": "GET", "headers": []}}
    });
    let pascal = pascal_case(&camel);
    assert_eq!(pascal["CompanyProfile"]["TenantId"], "5d1e8a44");

    let from_camel: Customer = decode(&camel.to_string()).unwrap();
    let from_pascal: Customer = decode(&pascal.to_string()).unwrap();
    assert_eq!(from_pascal, from_camel);
    assert_eq!(from_pascal.relationship_to_partner, Some(CustomerRelationshipToPartner::Reseller));
    // Encoding writes the service's names, whatever came in.
    assert_eq!(serde_json::to_value(&from_pascal).unwrap(), camel);
}

#[test]
fn explicit_null_decodes_and_is_left_out_when_encoding() {
    let customer: Customer =
        decode(r#"{"id": "x", "commerceId": null, "companyProfile": null}"#).unwrap();
    assert_eq!(customer.commerce_id, None);
    assert_eq!(customer.company_profile, None);
    assert_eq!(serde_json::to_value(&customer).unwrap(), json!({"id": "x"}));
}
