//! Match a documented enum. The enums are `#[non_exhaustive]`: a `match`
//! needs a `_` arm, which is where a value the reference lists later goes
//! (`Other` holds the values no variant names, as the service sent them).

use partner_center_models::CustomerRelationshipToPartner as Relationship;

fn describe(relationship: &Relationship) -> String {
    match relationship {
        Relationship::None => "no relationship".to_owned(),
        Relationship::Reseller => "reseller".to_owned(),
        Relationship::Advisor => "advisor".to_owned(),
        Relationship::Syndication => "syndication".to_owned(),
        Relationship::MicrosoftSupport => "Microsoft support".to_owned(),
        Relationship::Other(value) => format!("something new: {value}"),
        _ => format!("listed since: {}", relationship.as_str()),
    }
}

fn main() {
    let known: Relationship = serde_json::from_str("\"advisor\"").unwrap();
    assert_eq!(describe(&known), "advisor");
    let new: Relationship = serde_json::from_str("\"not_a_listed_program\"").unwrap();
    assert_eq!(describe(&new), "something new: not_a_listed_program");
    assert_eq!(serde_json::to_string(&new).unwrap(), "\"not_a_listed_program\"");
}
