//! Typed models of the Microsoft Partner Center REST API.
//!
//! Every resource the reference pages describe is a struct here, every set
//! of documented values an enum. The modules are generated from the pages in
//! `docs-src/` by `cargo xtask codegen`; this file is the only hand-written
//! part of the crate.
//!
//! - Every field is an `Option`: the service leaves properties out freely,
//!   and absent fields are not written back.
//! - Properties the reference does not list are kept in each struct's
//!   `extra` member list, so decoding and encoding again loses nothing.
//! - A documented property whose value is not of its documented JSON type
//!   (an object where the table says string) is kept there too, exactly as
//!   received and written back unchanged, and the rest of the object decodes
//!   as usual; `extra.mismatched()` lists them. [`decode_strict`] refuses
//!   such a body instead, for tests.
//! - Enums have a fallback variant (`Other`) that keeps any value the
//!   reference does not list, so a new value never breaks decoding. They are
//!   `#[non_exhaustive]`: a `match` needs a `_` arm, so a value added to the
//!   reference later is not a breaking change (though a value that decoded
//!   to `Other` before then decodes to its own variant).
//! - Structs are `#[non_exhaustive]`: build them from `Default` with the
//!   `with_*` setters.
//! - Amounts are exact [`Decimal`]s, read from the number's digits; the crate
//!   turns on no feature of `serde_json` (no `arbitrary_precision`).
//!
//! ```
//! use partner_center_models::{Customer, CustomerRelationshipToPartner};
//!
//! let json = r#"{"id": "eebd1b55", "companyProfile": {"tenantId": "eebd1b55"},
//!                "relationshipToPartner": "reseller"}"#;
//! let customer: Customer = serde_json::from_str(json)?;
//! assert_eq!(customer.relationship_to_partner, Some(CustomerRelationshipToPartner::Reseller));
//! # Ok::<(), serde_json::Error>(())
//! ```

// The generator's layout is the committed text; rustfmt leaves it alone.
#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use partner_center_support::{
    DateTime, Decimal, DecodeError, Decoding, LooseDecimal, Resource, SUPPORT_RESOURCES,
    ServiceError, Shape, Transcoded, UnknownMember, UnknownMembers, Validate, Violation, decode,
    decode_strict, validate,
};

/// A list response of `T` (a page of customers, say), its links and
/// attributes typed: `page.links` holds a [`ResourceLinks`] whose `next`
/// asks for the next page.
#[cfg(feature = "utility")]
pub type ResourceCollection<T> =
    partner_center_support::ResourceCollection<T, ResourceLinks, ResourceAttributes>;
#[cfg(not(feature = "utility"))]
pub use partner_center_support::ResourceCollection;
