//! Matching a documented enum must handle values the docs do not list.

use partner_center_models::CustomerRelationshipToPartner as Relationship;

fn is_partner(relationship: &Relationship) -> bool {
    match relationship {
        Relationship::None => false,
        Relationship::Reseller | Relationship::Advisor => true,
        Relationship::Syndication | Relationship::MicrosoftSupport => true,
    }
}

fn main() {
    assert!(is_partner(&Relationship::Reseller));
}
