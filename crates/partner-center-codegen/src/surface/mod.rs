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

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::emit::GeneratedFile;
use crate::emit::rust::{self, Imports};
use crate::emit::rustdoc::{ModelDocs, OperationDocs};
use crate::header::COMMAND;
use crate::model::{
    Body, BodyFrom, Item, ItemId, ItemKind, Location, Model, Operation, Reference, Response,
    Segment, Shape, Type,
};
use crate::source::Span;

/// The file the surface is stored in, relative to the crate root.
pub const SURFACE_FILE: &str = "model.json";

/// Every type and every operation of the generated crates, sorted by name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Surface {
    /// Names the command that writes the file.
    #[serde(rename = "@generated")]
    pub generated: String,
    /// The types, sorted by Rust name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TypeSurface>,
    /// The operations, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<OperationSurface>,
}

/// One operation: the method of `Client` and what it sends and returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// Its name, the page's file stem (`get-a-customer-by-id`).
    pub name: String,
    /// The `Client` method (`get_customer_by_id`).
    pub method_name: String,
    /// The page that documents it (file name).
    pub page: String,
    /// The HTTP method.
    pub method: String,
    /// The path template.
    pub path: String,
    /// Its parameters, path ones first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ParamSurface>,
    /// The request body's Rust type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// What `send()` returns (the body's Rust type, `()`, bytes, Accepted).
    pub response: String,
    /// Its rustdoc, from the page.
    pub doc: String,
    /// Its `Method | Request URI` row, when read from pages (not stored).
    #[serde(skip)]
    pub span: Option<Span>,
}

/// One parameter of an operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamSurface {
    /// The name as the page writes it (`customer-tenant-id`).
    pub name: String,
    /// The Rust name (argument or setter).
    pub rust: String,
    /// `path` or `query`.
    pub location: String,
    /// Its Rust type.
    #[serde(rename = "type")]
    pub ty: String,
    /// An argument of the method (else a setter).
    pub required: bool,
    /// The value the URI fixes (no argument, no setter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// Its rustdoc.
    pub doc: String,
    /// Its table row, when read from pages (not stored).
    #[serde(skip)]
    pub span: Option<Span>,
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
        Surface::of_documented(model, &ModelDocs::of(model))
    }

    /// [`Surface::of`], with the docs the models back end rendered.
    pub(crate) fn of_documented(model: &Model, docs: &ModelDocs) -> Surface {
        let mut types: Vec<TypeSurface> =
            model.items().map(|(id, item)| type_surface(model, docs, id, item)).collect();
        types.sort_by(|a, b| a.name.cmp(&b.name));
        Surface { generated: format!("by `{COMMAND}`; do not edit"), types, operations: Vec::new() }
    }

    /// The surface of the operations crate `model` generates.
    pub fn operations_of(model: &Model) -> Surface {
        Surface::operations_documented(model, &OperationDocs::of(model))
    }

    /// [`Surface::operations_of`], with the docs the operations back end
    /// rendered.
    pub(crate) fn operations_documented(model: &Model, docs: &OperationDocs) -> Surface {
        let mut operations: Vec<OperationSurface> = model
            .operations
            .iter()
            .enumerate()
            .map(|(index, op)| operation_surface(model, docs, index, op))
            .collect();
        operations.sort_by(|a, b| a.name.cmp(&b.name));
        Surface { generated: format!("by `{COMMAND}`; do not edit"), types: Vec::new(), operations }
    }

    /// Both surfaces in one, for comparing two runs.
    pub fn full(model: &Model) -> Surface {
        Surface { operations: Surface::operations_of(model).operations, ..Surface::of(model) }
    }

    /// Each type's page and Rust name: the names a regeneration keeps
    /// when another page brings the same name ([`Options::kept_names`]).
    ///
    /// [`Options::kept_names`]: crate::Options::kept_names
    pub fn kept_names(&self) -> BTreeSet<(String, String)> {
        self.types.iter().map(|t| (t.page.clone(), t.name.clone())).collect()
    }

    /// This surface with `other`'s types and operations added.
    pub fn merged(mut self, other: Surface) -> Surface {
        self.types.extend(other.types);
        self.operations.extend(other.operations);
        self.types.sort_by(|a, b| a.name.cmp(&b.name));
        self.operations.sort_by(|a, b| a.name.cmp(&b.name));
        self
    }

    /// The stored form as a file of the generated crate.
    pub fn file(&self) -> GeneratedFile {
        GeneratedFile { path: SURFACE_FILE.into(), contents: self.to_json() }
    }

    /// The stored form: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        // Allocated once at about its length: grown by doubling, the text
        // of a large surface would take up to three times its size while
        // the last copy is made.
        let mut json = Vec::with_capacity(self.json_len_estimate());
        serde_json::to_writer_pretty(&mut json, self).expect("the surface is plain data");
        json.push(b'\n');
        String::from_utf8(json).expect("serde_json writes UTF-8")
    }

    /// About the length of [`Surface::to_json`], a little over: each
    /// string with a sixteenth more for its escapes (a doc's line breaks,
    /// mostly; not counted, which would cost a pass over every byte), and
    /// for each member or element its key, indentation and punctuation.
    fn json_len_estimate(&self) -> usize {
        const MEMBER: usize = 22;
        fn text(s: &str) -> usize {
            s.len() + s.len() / 16 + MEMBER
        }
        fn texts(all: &[String]) -> usize {
            all.iter().map(|s| text(s)).sum::<usize>() + MEMBER
        }
        let types: usize = self
            .types
            .iter()
            .map(|t| {
                let fields: usize = t
                    .fields
                    .iter()
                    .map(|f| text(&f.name) + text(&f.wire) + text(&f.ty) + text(&f.doc) + MEMBER)
                    .sum();
                let values: usize = t
                    .values
                    .iter()
                    .map(|v| text(&v.variant) + text(&v.wire) + text(&v.doc) + MEMBER)
                    .sum();
                text(&t.name)
                    + text(&t.kind)
                    + text(&t.page)
                    + texts(&t.anchors)
                    + text(&t.doc)
                    + fields
                    + values
                    + 3 * MEMBER
            })
            .sum();
        let operations: usize = self
            .operations
            .iter()
            .map(|o| {
                let params: usize = o
                    .params
                    .iter()
                    .map(|p| {
                        text(&p.name)
                            + text(&p.rust)
                            + text(&p.location)
                            + text(&p.ty)
                            + p.fixed.as_deref().map_or(0, text)
                            + text(&p.doc)
                            + 3 * MEMBER
                    })
                    .sum();
                text(&o.name)
                    + text(&o.method_name)
                    + text(&o.page)
                    + text(&o.method)
                    + text(&o.path)
                    + o.body.as_deref().map_or(0, text)
                    + text(&o.response)
                    + text(&o.doc)
                    + params
                    + 3 * MEMBER
            })
            .sum();
        text(&self.generated) + types + operations + 4 * MEMBER
    }

    /// Reads the stored form.
    pub fn from_json(text: &str) -> Result<Surface, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// [`Surface::kept_names`] of a stored form, read without the rest of
    /// it (docs, fields, operations): what a regeneration needs first.
    pub fn kept_names_in(text: &str) -> Result<BTreeSet<(String, String)>, serde_json::Error> {
        #[derive(Deserialize)]
        struct Types {
            #[serde(default)]
            types: Vec<Named>,
        }
        #[derive(Deserialize)]
        struct Named {
            name: String,
            page: String,
        }
        let Types { types } = serde_json::from_str(text)?;
        Ok(types.into_iter().map(|t| (t.page, t.name)).collect())
    }

    /// The type called `name`.
    pub fn get(&self, name: &str) -> Option<&TypeSurface> {
        self.types.iter().find(|t| t.name == name)
    }
}

fn type_surface(model: &Model, docs: &ModelDocs, id: ItemId, item: &Item) -> TypeSurface {
    let doc = |index| docs.member(id, index).join("\n");
    let (kind, fields, values) = match &item.kind {
        ItemKind::Struct(s) => {
            let fields = s
                .fields
                .iter()
                .enumerate()
                .map(|(index, f)| FieldSurface {
                    name: f.rust_name.clone(),
                    wire: f.wire_name.clone(),
                    ty: rust::field_type(model, item.page, &f.ty, f.boxed, &mut Imports::default()),
                    doc: doc(index),
                    span: Some(f.span),
                })
                .collect();
            ("struct", fields, Vec::new())
        }
        ItemKind::Enum(e) => {
            let values = e
                .variants
                .iter()
                .enumerate()
                .map(|(index, v)| ValueSurface {
                    variant: v.rust_name.clone(),
                    wire: v.wire_value.clone(),
                    doc: doc(index),
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
        doc: docs.item(id).join("\n"),
        fields,
        values,
        span: Some(item.span),
    }
}

fn operation_surface(
    model: &Model,
    docs: &OperationDocs,
    index: usize,
    op: &Operation,
) -> OperationSurface {
    let page = &model.operation_pages[op.page.0 as usize];
    let path: String = op
        .path
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => text.clone(),
            Segment::Param(i) => format!("{{{}}}", op.params[*i].name),
        })
        .collect();
    let params = op
        .params
        .iter()
        .zip(docs.params(index))
        .map(|(p, doc)| ParamSurface {
            name: p.name.clone(),
            rust: p.rust_name.clone(),
            location: match p.location {
                Location::Path => "path".into(),
                Location::Query => "query".into(),
            },
            ty: param_type(&p.ty),
            required: p.required || p.location == Location::Path,
            fixed: p.fixed.clone(),
            doc: doc.join("\n"),
            span: Some(p.span),
        })
        .collect();
    OperationSurface {
        name: op.name.clone(),
        method_name: op.rust_name.clone(),
        page: page.file_name.clone(),
        method: op.method.as_str().to_owned(),
        path,
        params,
        body: op.body.as_ref().map(|b| body_type(model, b)),
        response: match &op.response {
            Response::Json(body) => body_type(model, body),
            Response::Empty => "()".into(),
            Response::Bytes => "Vec<u8>".into(),
            Response::Accepted => "Accepted".into(),
        },
        doc: docs.page(op.page).join("\n"),
        span: Some(op.span),
    }
}

/// A parameter's Rust type as text.
fn param_type(ty: &Type) -> String {
    match ty {
        Type::Int64 => "i64".into(),
        Type::Float64 => "f64".into(),
        Type::Bool => "bool".into(),
        Type::List(inner) => format!("Vec<{}>", param_type(inner)),
        _ => "String".into(),
    }
}

/// A body's Rust type as text (`ResourceCollection<Customer>`, `Value`).
fn body_type(model: &Model, body: &Body) -> String {
    let item = match (&body.ty, body.from) {
        (Type::Named(Reference::Item(id)), from) if from != BodyFrom::Unknown => {
            model.item(*id).name.clone()
        }
        _ => return "Value".into(),
    };
    match body.shape {
        Shape::One => item,
        Shape::Collection => format!("ResourceCollection<{item}>"),
        Shape::List => format!("Vec<{item}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, Sources};

    /// The estimate that sizes the stored form is a little over its length:
    /// the text is allocated once, and not much more than it needs.
    #[test]
    fn the_stored_form_is_allocated_once_at_about_its_length() {
        let page = "# R\n\n## Order\n\nAn \"order\", with a `\\` in it.\n\n| Property | Type | Description |\n|---|---|---|\n| id | string | Its \"id\".<br>A second line. |\n| status | [Status](#status) | Where it is. |\n\n## Status\n\n| Value | Description |\n|---|---|\n| open | Not yet \"done\". |\n| closed | Done. |\n";
        let sources = Sources::new(vec![SourceFile::new("order-resources.md", page)]);
        let model = crate::build_model(&sources, &mut crate::Diagnostics::default());
        let surface = Surface::full(&model);
        assert!(!surface.types.is_empty());
        let (estimate, actual) = (surface.json_len_estimate(), surface.to_json().len());
        assert!(estimate >= actual && estimate <= actual * 3 / 2, "{estimate} for {actual}");
    }
}
