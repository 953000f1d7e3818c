//! Match a documented enum; the fallback arm takes values the docs do not list.

use partner_center_models::CustomerRelationshipToPartner as Relationship;

fn describe(relationship: &Relationship) -> String {
    match relationship {
        Relationship::None => "no relationship".to_owned(),
        Relationship::Reseller => "reseller".to_owned(),
        Relationship::Advisor => "advisor".to_owned(),
        Relationship::Syndication => "syndication".to_owned(),
        Relationship::MicrosoftSupport => "Microsoft support".to_owned(),
        Relationship::Other(value) => format!("something new: {value}"),
    }
}

fn main() {
    let known: Relationship = serde_json::from_str("\"advisor\"").unwrap();
    assert_eq!(describe(&known), "advisor");
    let new: Relationship = serde_json::from_str("\"distributor\"").unwrap();
    assert_eq!(describe(&new), "something new: distributor");
}
