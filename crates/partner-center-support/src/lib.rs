//! Hand-written support for the generated Partner Center models: the types
//! the reference uses without defining them, exact decimals, lenient
//! date-times, decoding by resource name, and checking documented
//! constraints.

mod collection;
mod date_time;
pub mod decimal;
pub mod json;
pub mod members;
mod registry;
mod service_error;
pub mod validate;

pub use collection::{KeyValuePair, ResourceCollection};
pub use date_time::{DateTime, DateTimeError};
pub use decimal::LooseDecimal;
pub use members::{FindUnknown, Members, UnknownMember, UnknownMembers};
pub use registry::{
    DecodeError, Decoding, Resource, SERVICE_ERROR, SUPPORT_RESOURCES, Shape, Transcoded, decode,
    decode_strict,
};
pub use rust_decimal::Decimal;
pub use service_error::ServiceError;
pub use validate::{Problem, Validate, Violation};

/// serde, as the [`members!`](crate::members!) and [`string_enum!`](crate::string_enum!) tables name it.
#[doc(hidden)]
pub use serde;
/// serde_json, as the [`members!`](crate::members!) table names it.
#[doc(hidden)]
pub use serde_json;
