//! The intermediate model (IR): what the pages describe, with Rust names
//! decided, as plain data.
//!
//! `lower` builds it from the Markdown structure, `resolve` binds its type
//! references, `emit` prints it. It serialises to JSON for
//! `cargo xtask codegen --dump-ir`.

mod operation;

use serde::Serialize;

use crate::source::Span;
pub(crate) use operation::{
    Body, BodyFrom, Location, Method, Operation, OperationPage, OperationPageId, Param, Response,
    Segment, Shape, SkippedOperation,
};

/// Everything one run generates from.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Model {
    /// Pages in path order; one generated module each.
    pub pages: Vec<Page>,
    /// Items of all pages: grouped by page in page order, each page's in
    /// document order.
    pub items: Vec<Item>,
    /// What checking against the pages' JSON examples found.
    pub examples: ExampleStats,
    /// Pages that document operations, in path order.
    pub(crate) operation_pages: Vec<OperationPage>,
    /// Operations of all operation pages, grouped by page in page order.
    pub(crate) operations: Vec<Operation>,
}

/// What the cross-check read and changed, for the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExampleStats {
    /// JSON bodies found in code blocks.
    pub bodies: usize,
    /// Bodies that are not valid JSON (elided with `...`, commented), skipped.
    pub unreadable: usize,
    /// Objects that named a resource of the model and were checked.
    pub objects: usize,
    /// Fields whose type the examples changed.
    pub changed_fields: usize,
    /// Fields whose wire name is the examples' spelling, not the table's.
    pub renamed_members: usize,
    /// Properties examples show that tables do not list (per resource).
    pub undocumented_properties: usize,
}

impl Model {
    /// The item behind an id.
    pub fn item(&self, id: ItemId) -> &Item {
        &self.items[id.0 as usize]
    }

    /// The page behind an id.
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0 as usize]
    }

    /// Items with their ids.
    pub fn items(&self) -> impl Iterator<Item = (ItemId, &Item)> {
        self.items.iter().enumerate().map(|(i, item)| (ItemId(i as u32), item))
    }

    /// Items of one page, in document order. Items are stored grouped by
    /// page, in page order, so this is a range of [`Model::items`].
    pub fn items_of(&self, page: PageId) -> impl Iterator<Item = (ItemId, &Item)> {
        let start = self.items.partition_point(|item| item.page < page);
        let end = self.items.partition_point(|item| item.page <= page);
        (start..end).map(|i| (ItemId(i as u32), &self.items[i]))
    }
}

/// Index of a page in [`Model::pages`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PageId(pub u32);

/// Index of an item in [`Model::items`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ItemId(pub u32);

/// One docs page: one Rust module and one cargo feature.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page {
    /// Path of the source, e.g. `docs-src/customer-resources.md`.
    pub path: String,
    /// File name of the source, e.g. `customer-resources.md`; links use it.
    pub file_name: String,
    /// Rust module name, e.g. `customer`; also the cargo feature name.
    pub module: String,
    /// The page's title (its level-1 heading).
    pub title: String,
    /// The text under the title.
    pub doc: Doc,
    /// Pages whose items this page's items or docs refer to (set by resolve).
    pub depends_on: Vec<PageId>,
    /// Number of property and value tables found on the page.
    pub resource_tables: u32,
    /// Property and value tables that did not become items, with the reason.
    pub skipped_tables: Vec<SkippedTable>,
}

/// A table that looked like a resource table but was not emitted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkippedTable {
    /// The table.
    pub span: Span,
    /// Why it was skipped.
    pub reason: String,
}

/// A resource (struct) or a set of values (enum).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// Rust type name, unique in the crate after resolve.
    pub name: String,
    /// The heading as the page writes it.
    pub title: String,
    /// The page that defines it.
    pub page: PageId,
    /// Anchors that link to it (`customercompanyprofile`).
    pub anchors: Vec<String>,
    /// Other names the service writes in `attributes.objectType` for it,
    /// learned from the pages' examples (sorted).
    pub aliases: Vec<String>,
    /// Its heading.
    pub span: Span,
    /// Its rustdoc.
    pub doc: Doc,
    /// Struct or enum.
    pub kind: ItemKind,
}

/// What an item is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ItemKind {
    /// A resource with properties.
    Struct(Struct),
    /// A closed set of string values, open at runtime through a fallback.
    Enum(Enum),
}

/// A resource's properties.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Struct {
    /// Properties in table order.
    pub fields: Vec<Field>,
    /// Name of the field that keeps undocumented properties (`extra`).
    pub extra_field: String,
    /// Properties the pages' JSON examples show but the table does not list
    /// (wire names, sorted).
    pub undocumented: Vec<String>,
}

/// One property of a resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    /// The property as the table writes it (`commerceID`).
    pub doc_name: String,
    /// The JSON key on the wire (`commerceId`).
    pub wire_name: String,
    /// The Rust field name (`commerce_id`).
    pub rust_name: String,
    /// Its type.
    pub ty: Type,
    /// Its rustdoc.
    pub doc: Doc,
    /// The table marks it required.
    pub required: bool,
    /// Length bounds from a `Length (min, max)` column.
    pub length: Option<Length>,
    /// Whether the type is the table's or was changed to fit the examples.
    pub type_from: TypeFrom,
    /// The table's spelling of the member, where the examples spell it
    /// otherwise (in letter case only) and their spelling became the wire
    /// name (`licensestoAssign` -> `licensesToAssign`).
    pub table_wire_name: Option<String>,
    /// The value is held in a `Box`, because the struct would otherwise
    /// contain itself (set by resolve once types are final).
    pub boxed: bool,
    /// The table row.
    pub span: Span,
}

/// Where a field's type comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TypeFrom {
    /// The Type cell of the table.
    Table,
    /// The pages' JSON examples, which contradict the table.
    Examples,
}

/// Inclusive bounds on a string's length in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Length {
    /// Fewest characters.
    pub min: u32,
    /// Most characters.
    pub max: u32,
}

/// A set of string values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Enum {
    /// Known values in table or listing order.
    pub variants: Vec<Variant>,
    /// Name of the variant that holds any other value (`Other`).
    pub fallback: String,
    /// The field whose description listed the values, if it came from one.
    pub listed_by: Option<FieldRef>,
}

/// A field of a struct item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FieldRef {
    /// The struct.
    pub item: ItemId,
    /// Index into its fields.
    pub field: u32,
}

/// One known value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Variant {
    /// The string on the wire.
    pub wire_value: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// Its rustdoc.
    pub doc: Doc,
    /// Where the value is written.
    pub span: Span,
}

/// A property's type. Every field is optional on the wire, so emit wraps
/// each one in `Option`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Type {
    /// Text.
    String,
    /// `true` / `false`.
    Bool,
    /// An integer (`int`, `integer`, `long`): 64 bits, as examples show
    /// values beyond 32.
    Int64,
    /// A binary floating-point number (`double`).
    Float64,
    /// An exact decimal number (`decimal`, `number`): money.
    Decimal,
    /// An exact decimal number that the service writes as a JSON string
    /// (`"14.4"`), as the pages' examples show.
    DecimalString,
    /// An exact decimal number that the service writes both ways, as the
    /// pages' examples show; each value keeps its form.
    DecimalLoose,
    /// A point in time.
    DateTime,
    /// A calendar date.
    Date,
    /// Any JSON, as the page says (`object`).
    Json,
    /// Any JSON, because the page's type could not be read or resolved
    /// (a warning says why).
    Fallback,
    /// A list.
    List(Box<Type>),
    /// An object with string keys.
    Map(Box<Type>),
    /// A resource or enum.
    Named(Reference),
}

/// A type reference, before and after resolve.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Reference {
    /// As the page writes it; resolve replaces it. Boxed: every type is
    /// resolved or falls back before the model is used, so the IR's types
    /// stay small.
    Unresolved(Box<TypeName>),
    /// An item of the model.
    Item(ItemId),
    /// A hand-written support type.
    Support(SupportType),
}

/// A type name as written in a type cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeName {
    /// The name (`UserCredentials`, `UpgradeErrors`).
    pub name: String,
    /// The link destination, if the name is a link.
    pub link: Option<String>,
    /// Where it is written.
    pub span: Span,
}

/// Types the support crate defines by hand because the reference uses them
/// without a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum SupportType {
    /// `{ "key": ..., "value": ... }`.
    KeyValuePair,
    /// The collection wrapper: `totalCount`, `items`, `links`, `attributes`.
    ResourceCollection,
}

impl SupportType {
    /// Every support type.
    pub const ALL: [SupportType; 2] = [SupportType::KeyValuePair, SupportType::ResourceCollection];

    /// Its Rust name in the support crate.
    pub fn name(self) -> &'static str {
        match self {
            SupportType::KeyValuePair => "KeyValuePair",
            SupportType::ResourceCollection => "ResourceCollection",
        }
    }
}

/// Rustdoc content: Markdown blocks.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Doc {
    /// The blocks in order.
    pub blocks: Vec<DocBlock>,
}

impl Doc {
    /// True when there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// A block of documentation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum DocBlock {
    /// A paragraph.
    Paragraph(Vec<DocInline>),
    /// A callout such as `> [!NOTE]`; `kind` is `NOTE`, `TIP`, ...
    Note {
        /// The callout kind in capitals.
        kind: String,
        /// Its content.
        blocks: Vec<DocBlock>,
    },
    /// A list; one block list per item.
    List(Vec<Vec<DocBlock>>),
}

/// Inline documentation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum DocInline {
    /// Plain text.
    Text(String),
    /// A code span.
    Code(String),
    /// Emphasis.
    Emphasis(Vec<DocInline>),
    /// Strong emphasis.
    Strong(Vec<DocInline>),
    /// A link.
    Link {
        /// Where it leads (boxed: links are few, and every other inline
        /// is then half as wide).
        target: Box<LinkTarget>,
        /// Its text.
        children: Vec<DocInline>,
    },
    /// A forced line break.
    LineBreak,
}

/// Where a documentation link leads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum LinkTarget {
    /// As written in the page; resolve replaces it.
    Unresolved {
        /// The destination as written.
        dest: String,
        /// The link.
        span: Span,
    },
    /// An item of the model: an intra-doc link.
    Item(ItemId),
    /// A page of the model: a link to its module.
    Page(PageId),
    /// A web address.
    Url(String),
}
