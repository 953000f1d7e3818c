//! Types of the model as Rust: one printer, which emit and the API surface
//! both use, so the two can never disagree about a field's type.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::model::{Model, PageId, Reference, SupportType, Type};

/// Names a module imports, collected while its items are printed.
#[derive(Default)]
pub(crate) struct Imports {
    /// `serde_json::Value`.
    pub(crate) value: bool,
    /// `std::collections::BTreeMap`.
    pub(crate) btree_map: bool,
    /// Support types by name (`DateTime`, `Decimal`, `KeyValuePair`).
    pub(crate) support: BTreeSet<&'static str>,
    /// Items of other pages, by name.
    pub(crate) items: BTreeSet<String>,
    /// `partner_center_support::validate` and its trait.
    pub(crate) validate: bool,
    /// What a struct's table uses (`members!`, `UnknownMembers`).
    pub(crate) structs: bool,
    /// What an enum's table uses (`string_enum!`).
    pub(crate) enums: bool,
}

/// The Rust type of a field of an item on `page`, without the `Option`
/// around it (`Vec<Address>`, `Box<Node>`), noting what it imports.
pub(crate) fn field_type(
    model: &Model,
    page: PageId,
    ty: &Type,
    boxed: bool,
    imports: &mut Imports,
) -> String {
    let mut out = String::new();
    if boxed {
        out.push_str("Box<");
    }
    write_type(model, page, ty, imports, &mut out);
    if boxed {
        out.push('>');
    }
    out
}

fn write_type(model: &Model, page: PageId, ty: &Type, imports: &mut Imports, out: &mut String) {
    let name = match ty {
        Type::String => "String",
        Type::Bool => "bool",
        Type::Int64 => "i64",
        Type::Float64 => "f64",
        Type::Decimal | Type::DecimalString => support(imports, "Decimal"),
        Type::DecimalLoose => support(imports, "LooseDecimal"),
        // The service writes dates as date-times as often as not; one
        // lenient type reads both and writes back the form it read.
        Type::DateTime | Type::Date => support(imports, "DateTime"),
        Type::Json | Type::Fallback => {
            imports.value = true;
            "Value"
        }
        Type::List(inner) => {
            out.push_str("Vec<");
            write_type(model, page, inner, imports, out);
            out.push('>');
            return;
        }
        Type::Map(inner) => {
            imports.btree_map = true;
            out.push_str("BTreeMap<String, ");
            write_type(model, page, inner, imports, out);
            out.push('>');
            return;
        }
        Type::Named(Reference::Item(id)) => {
            let target = model.item(*id);
            if target.page != page {
                imports.items.insert(target.name.clone());
            }
            out.push_str(&target.name);
            return;
        }
        Type::Named(Reference::Support(s)) => {
            let name = support(imports, s.name());
            if *s == SupportType::ResourceCollection {
                imports.value = true;
                let _ = write!(out, "{name}<Value>");
                return;
            }
            name
        }
        Type::Named(Reference::Unresolved(_)) => {
            unreachable!("resolve leaves no unresolved reference")
        }
    };
    out.push_str(name);
}

fn support(imports: &mut Imports, name: &'static str) -> &'static str {
    imports.support.insert(name);
    name
}
