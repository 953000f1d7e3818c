//! Operations in the IR: what an operation page's `Method | Request URI`
//! table, parameter table, request body and response statement describe.
//! Parameters and bodies refer to items through the same [`Type`] fields
//! use, so resolve binds both alike.

use serde::Serialize;

pub(crate) use partner_center_support::Shape;

use super::{Doc, Type, TypeName};
use crate::source::Span;

/// Index of an operation page in [`Model::operation_pages`](super::Model).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) struct OperationPageId(pub(crate) u32);

/// A page that documents operations (one, or a few).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct OperationPage {
    /// Path of the source, e.g. `docs-src/get-a-customer-by-id.md`.
    pub(crate) path: String,
    /// File name, e.g. `get-a-customer-by-id.md`.
    pub(crate) file_name: String,
    /// The page's title (its level-1 heading).
    pub(crate) title: String,
    /// What the page says the operation does: its first paragraphs.
    pub(crate) doc: Doc,
    /// `Method | Request URI` rows that gave no operation, with the reason.
    pub(crate) skipped: Vec<SkippedOperation>,
}

/// A `Method | Request URI` row that gave no operation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct SkippedOperation {
    /// The row.
    pub(crate) span: Span,
    /// Why.
    pub(crate) reason: String,
}

/// One HTTP operation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Operation {
    /// The page that documents it.
    pub(crate) page: OperationPageId,
    /// Its name as the CLI takes it: the page's file stem
    /// (`get-a-customer-by-id`), `-2`, `-3` ... for further operations of
    /// one page.
    pub(crate) name: String,
    /// The Rust method name (`get_customer_by_id`).
    pub(crate) rust_name: String,
    /// The Rust type name of its request builder (`GetCustomerById`).
    pub(crate) type_name: String,
    /// The HTTP method.
    pub(crate) method: Method,
    /// The path below the base URL, segment by segment (`/v1/customers/{id}`).
    pub(crate) path: Vec<Segment>,
    /// Path and query parameters, path parameters first in path order.
    pub(crate) params: Vec<Param>,
    /// What it sends, if anything.
    pub(crate) body: Option<Body>,
    /// What it returns.
    pub(crate) response: Response,
    /// The `Method | Request URI` row (the first, for merged rows).
    pub(crate) span: Span,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
    /// `HEAD`
    Head,
}

impl Method {
    /// Every method.
    pub(crate) const ALL: [Method; 6] =
        [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete, Method::Head];

    /// As HTTP writes it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }

    /// The method written `text`, in any casing.
    pub(crate) fn parse(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(text))
    }
}

/// A piece of the path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) enum Segment {
    /// Literal text, as the table writes it (`customers`).
    Literal(String),
    /// A path parameter: an index into [`Operation::params`].
    Param(usize),
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) enum Location {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Param {
    /// The name as the page writes it (`customer-tenant-id`, `size`): what
    /// the CLI's `--param` takes.
    pub(crate) name: String,
    /// The query key on the wire (`billingType` for
    /// `billingType={billing-cycle-type}`); for a path parameter, `name`.
    pub(crate) wire: String,
    /// The Rust name (`customer_tenant_id`).
    pub(crate) rust_name: String,
    /// Path or query.
    pub(crate) location: Location,
    /// Its type, read like a Type cell (string when the page gives none).
    pub(crate) ty: Type,
    /// Whether the table found a type for it (else it is a string).
    pub(crate) typed: bool,
    /// The call needs it. Path parameters always are.
    pub(crate) required: bool,
    /// A value the URI fixes (`provider=office`): sent always, no setter.
    pub(crate) fixed: Option<String>,
    /// The key may be given several times (`ids=a&ids=b`).
    pub(crate) repeated: bool,
    /// Its description.
    pub(crate) doc: Doc,
    /// Its table row, or the URI where no row documents it.
    pub(crate) span: Span,
}

/// A JSON body: a resource, or a collection or list of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Body {
    /// The resource (an item), or any JSON where the page names none.
    pub(crate) ty: Type,
    /// One, a collection or a list of it.
    pub(crate) shape: Shape,
    /// How the type was found.
    pub(crate) from: BodyFrom,
    /// The names the page's text gives it, in order, until resolve picks
    /// the first that is a resource of the model.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) candidates: Vec<TypeName>,
}

/// Where a body's type was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) enum BodyFrom {
    /// A link or a bold name in the page's text about the body.
    PageText,
    /// The page's JSON example (its `objectType`, or its members).
    Example,
    /// Nothing names it: any JSON.
    Unknown,
}

/// What an operation returns on success.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) enum Response {
    /// A JSON body.
    Json(Body),
    /// No body (`204 No Content`, "empty response").
    Empty,
    /// Raw bytes (a PDF).
    Bytes,
    /// `202 Accepted` with a `Location` to poll.
    Accepted,
}

impl Body {
    /// A body whose type the page's text may name; resolve decides.
    pub(crate) fn stated(candidates: Vec<TypeName>, shape: Shape) -> Self {
        Body { ty: Type::Json, shape, from: BodyFrom::Unknown, candidates }
    }
}
