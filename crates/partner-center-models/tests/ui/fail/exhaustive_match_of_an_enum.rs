//! A documented enum is `#[non_exhaustive]`: a `match` that names every
//! variant, `Other` included, still needs a `_` arm, so a value the
//! reference adds later (a new variant) breaks no consumer's build.

use partner_center_models::CustomerRelationshipToPartner as Relationship;

fn is_partner(relationship: &Relationship) -> bool {
    match relationship {
        Relationship::None | Relationship::Other(_) => false,
        Relationship::Reseller | Relationship::Advisor => true,
        Relationship::Syndication | Relationship::MicrosoftSupport => true,
    }
}

fn main() {
    assert!(is_partner(&Relationship::Reseller));
}
