//! The public surface of the generated crate, read off the resolved
//! [`Model`]: every type with its Rust name, its fields' Rust names, wire
//! names and Rust types, its enum values, and the rustdoc of each.
//!
//! It is what users of the crate depend on, so it is what [`changes`]
//! compares. It is written beside the models as `model.json` (sorted,
//! stable: no positions in it), so the next run can tell what changed.
//! Types are printed by emit's one type printer, so a field that becomes
//! `Box<_>` shows here as it does in the code.

pub mod changes;

use serde::{Deserialize, Serialize};

use crate::emit::rust::{self, Imports};
use crate::emit::{GeneratedFile, rustdoc};
use crate::header::COMMAND;
use crate::model::{Item, ItemKind, Model};
use crate::source::Span;

/// The file the surface is stored in, relative to the crate root.
pub const SURFACE_FILE: &str = "model.json";

/// Every type of the crate, sorted by name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Surface {
    /// Names the command that writes the file.
    #[serde(rename = "@generated")]
    pub generated: String,
    /// The types, sorted by Rust name.
    pub types: Vec<TypeSurface>,
}

/// One generated struct or enum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeSurface {
    /// The Rust name.
    pub name: String,
    /// `struct` or `enum`.
    pub kind: String,
    /// The page that defines it (file name).
    pub page: String,
    /// Anchors that link to it.
    pub anchors: Vec<String>,
    /// Its rustdoc.
    pub doc: String,
    /// A struct's fields, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldSurface>,
    /// An enum's values, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ValueSurface>,
    /// Its heading, when read from pages (not stored).
    #[serde(skip)]
    pub span: Option<Span>,
}

/// One field of a struct.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSurface {
    /// The Rust field name.
    pub name: String,
    /// The JSON member name.
    pub wire: String,
    /// The Rust type inside the `Option`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Its rustdoc.
    pub doc: String,
    /// Its table row, when read from pages (not stored).
    #[serde(skip)]
    pub span: Option<Span>,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueSurface {
    /// The Rust variant name.
    pub variant: String,
    /// The value on the wire.
    pub wire: String,
    /// Its rustdoc.
    pub doc: String,
    /// Its table row, when read from pages (not stored).
    #[serde(skip)]
    pub span: Option<Span>,
}

impl Surface {
    /// The surface of the crate `model` generates.
    pub fn of(model: &Model) -> Surface {
        let mut types: Vec<TypeSurface> =
            model.items.iter().map(|i| type_surface(model, i)).collect();
        types.sort_by(|a, b| a.name.cmp(&b.name));
        Surface { generated: format!("by `{COMMAND}`; do not edit"), types }
    }

    /// The stored form as a file of the generated crate.
    pub fn file(&self) -> GeneratedFile {
        GeneratedFile { path: SURFACE_FILE.into(), contents: self.to_json() }
    }

    /// The stored form: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the surface is plain data") + "\n"
    }

    /// Reads the stored form.
    pub fn from_json(text: &str) -> Result<Surface, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The type called `name`.
    pub fn get(&self, name: &str) -> Option<&TypeSurface> {
        self.types.iter().find(|t| t.name == name)
    }
}

fn type_surface(model: &Model, item: &Item) -> TypeSurface {
    let doc = |d| rustdoc::lines(d, model).join("\n");
    let (kind, fields, values) = match &item.kind {
        ItemKind::Struct(s) => {
            let fields = s
                .fields
                .iter()
                .map(|f| FieldSurface {
                    name: f.rust_name.clone(),
                    wire: f.wire_name.clone(),
                    ty: rust::field_type(model, item.page, &f.ty, f.boxed, &mut Imports::default()),
                    doc: doc(&f.doc),
                    span: Some(f.span),
                })
                .collect();
            ("struct", fields, Vec::new())
        }
        ItemKind::Enum(e) => {
            let values = e
                .variants
                .iter()
                .map(|v| ValueSurface {
                    variant: v.rust_name.clone(),
                    wire: v.wire_value.clone(),
                    doc: doc(&v.doc),
                    span: Some(v.span),
                })
                .collect();
            ("enum", Vec::new(), values)
        }
    };
    TypeSurface {
        name: item.name.clone(),
        kind: kind.to_owned(),
        page: model.pages[item.page.0 as usize].file_name.clone(),
        anchors: item.anchors.clone(),
        doc: doc(&item.doc),
        fields,
        values,
        span: Some(item.span),
    }
}
