//! Build a create-customer request body from outside the crate: the
//! structs are `#[non_exhaustive]`, so start from `Default` and use the
//! `with_*` setters.

use partner_center_models::{Address, Customer, CustomerBillingProfile, CustomerCompanyProfile};

fn main() {
    let customer = Customer::default()
        .with_company_profile(CustomerCompanyProfile::default().with_domain("northwind.onmicrosoft.com"))
        .with_billing_profile(
            CustomerBillingProfile::default()
                .with_culture("en-GB")
                .with_email("billing@northwind.example")
                .with_language("en")
                .with_company_name("Northwind Traders")
                .with_default_address(
                    Address::default()
                        .with_first_name("Amara")
                        .with_last_name("Okafor")
                        .with_address_line1("12 Canal Wharf")
                        .with_city("Leeds")
                        .with_postal_code("LS11 5PS")
                        .with_country("GB"),
                ),
        );

    // Fields stay public for reading and for changing in place.
    let mut customer = customer;
    if let Some(profile) = customer.company_profile.as_mut() {
        profile.company_name = Some("Northwind Traders".to_owned());
    }

    let body = serde_json::to_value(&customer).unwrap();
    assert_eq!(body["companyProfile"]["domain"], "northwind.onmicrosoft.com");
    assert_eq!(body["billingProfile"]["defaultAddress"]["addressLine1"], "12 Canal Wharf");
    // Fields left unset are not sent at all.
    assert!(body.get("id").is_none());
}
