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
//!   `extra` map, so decoding and encoding again loses nothing.
//! - Enums have a fallback variant (`Other`) that keeps any value the
//!   reference does not list, so a new value never breaks decoding.
//! - Structs are `#[non_exhaustive]`: build them from `Default` with the
//!   `with_*` setters.
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
    DateTime, Decimal, DecodeError, Resource, ResourceCollection, SUPPORT_RESOURCES, ServiceError,
    Shape, Transcoded, UnknownMember, UnknownMembers, Validate, Violation, decode, validate,
};
