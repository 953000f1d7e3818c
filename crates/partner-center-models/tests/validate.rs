//! `validate()` checks a request body against the constraints the pages
//! state (here the Length column of Address), reporting every violation
//! with its JSON path.

use partner_center_models::{
    Address, Customer, CustomerBillingProfile, Validate, validate::Problem,
};

fn customer_with(address: Address) -> Customer {
    Customer::default()
        .with_billing_profile(CustomerBillingProfile::default().with_default_address(address))
}

#[test]
fn a_good_address_passes() {
    let address = Address::default()
        .with_address_line1("12 Canal Wharf")
        .with_country("GB")
        .with_first_name("Amara")
        .with_last_name("Okafor");
    assert_eq!(customer_with(address).validate(), Ok(()));
    // Absent properties break no length bound.
    assert_eq!(Customer::default().validate(), Ok(()));
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let address = Address::default()
        .with_address_line1("")
        .with_country("GBR")
        .with_state("West Yorkshire")
        .with_first_name("A".repeat(51));
    let violations = customer_with(address).validate().unwrap_err();
    let found: Vec<(String, Problem)> =
        violations.into_iter().map(|v| (v.path, v.problem)).collect();
    assert_eq!(
        found,
        [
            (
                "$.billingProfile.defaultAddress.addressLine1".to_owned(),
                Problem::TooShort { min: 1, length: 0 }
            ),
            (
                "$.billingProfile.defaultAddress.state".to_owned(),
                Problem::TooLong { max: 2, length: 14 }
            ),
            (
                "$.billingProfile.defaultAddress.country".to_owned(),
                Problem::TooLong { max: 2, length: 3 }
            ),
            (
                "$.billingProfile.defaultAddress.firstName".to_owned(),
                Problem::TooLong { max: 50, length: 51 }
            ),
        ]
    );
}

#[test]
fn violations_read_as_sentences() {
    let violation = Address::default().with_country("G").validate().unwrap_err().remove(0);
    assert_eq!(violation.to_string(), "$.country: 1 characters, at least 2 required");
}
