//! Decode a customer and read nested fields.

use partner_center_models::Customer;

fn main() {
    let json = r#"{
        "id": "5d1e8a44-0c3b-4f6e-9a2d-7b8c9d0e1f2a",
        "companyProfile": { "tenantId": "5d1e8a44", "domain": "northwind.example" },
        "billingProfile": { "defaultAddress": { "city": "Leeds", "country": "GB" } }
    }"#;
    let customer: Customer = serde_json::from_str(json).expect("a customer");
    let domain = customer.company_profile.as_ref().and_then(|p| p.domain.as_deref());
    assert_eq!(domain, Some("northwind.example"));
    let city = customer
        .billing_profile
        .and_then(|b| b.default_address)
        .and_then(|a| a.city);
    assert_eq!(city.as_deref(), Some("Leeds"));
}
