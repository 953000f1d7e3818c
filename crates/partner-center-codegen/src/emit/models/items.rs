//! Items -> Rust: a struct per resource, an enum per value set.
//!
//! The serde side of each is one table: a `members!` invocation (a struct's
//! fields and their wire names) or a `string_enum!` one (variants and their
//! values). The support crate's macros expand them to the impls, so each
//! wire name is written once.

use super::{Context, validate};
use crate::emit::rust::{self, Imports};
use crate::emit::text::{Code, string_literal};
use crate::model::{Enum, Field, Item, ItemId, ItemKind, Struct, Type};

/// Prints one item.
pub(crate) fn item(
    context: &Context<'_>,
    id: ItemId,
    item: &Item,
    imports: &mut Imports,
    code: &mut Code,
) {
    match &item.kind {
        ItemKind::Struct(s) => {
            structure(context, id, item, s, imports, code);
            if context.validated.contains(&id) {
                imports.validate = true;
                code.blank();
                validate::implementation(&item.name, s, &context.validated, code);
            }
        }
        ItemKind::Enum(e) => {
            imports.enums = true;
            enumeration(context, id, item, e, code);
        }
    }
}

fn structure(
    context: &Context<'_>,
    id: ItemId,
    item: &Item,
    s: &Struct,
    imports: &mut Imports,
    code: &mut Code,
) {
    let model = context.model;
    imports.structs = true;
    code.doc_or(context.docs.item(id), || format!("The `{}` resource.", item.title));
    code.line("#[derive(Clone, Debug, Default, PartialEq)]");
    code.line("#[non_exhaustive]");
    code.open(format_args!("pub struct {} {{", item.name));
    let types: Vec<String> = s
        .fields
        .iter()
        .map(|f| rust::field_type(model, item.page, &f.ty, f.boxed, imports))
        .collect();
    for (index, (f, ty)) in s.fields.iter().zip(&types).enumerate() {
        code.doc_or(context.docs.member(id, index), || format!("The `{}` property.", f.wire_name));
        code.line(["pub ", &f.rust_name, ": Option<", ty, ">,"]);
    }
    code.doc(&[
        "Members the service sent that the reference does not list, and",
        "documented members whose value is not of their documented type: kept",
        "as raw JSON and written back, so nothing is lost.",
    ]);
    code.line(format_args!("pub {}: UnknownMembers,", s.extra_field));
    code.close("}");

    if !s.fields.is_empty() {
        code.blank();
        code.open(format_args!("impl {} {{", item.name));
        for (i, f) in s.fields.iter().enumerate() {
            if i > 0 {
                code.blank();
            }
            let plain = rust::field_type(model, item.page, &f.ty, false, imports);
            setter(f, &plain, code);
        }
        code.close("}");
    }

    code.blank();
    code.open("members! {");
    let expecting = format!("{} {}", article(&item.title), item.title);
    code.open(format_args!("{}: {} {{", item.name, string_literal(&expecting)));
    for f in &s.fields {
        let codec = if f.ty == Type::DecimalString { " as string" } else { "" };
        code.line([&f.rust_name, ": ", &string_literal(&f.wire_name), codec, ","]);
    }
    code.close("}");
    code.line(&s.extra_field);
    code.close("}");
}

/// A `with_*` method that sets one field and returns the value, so request
/// bodies can be built in one expression despite `#[non_exhaustive]`.
fn setter(f: &Field, ty: &str, code: &mut Code) {
    let name = &f.rust_name;
    code.doc(&[["Sets [`", name, "`](Self::", name, ")."].concat()]);
    code.line("#[must_use]");
    let parameters = ["mut self".to_owned(), ["value: impl Into<", ty, ">"].concat()];
    let head = ["pub fn with_", name.trim_end_matches('_')].concat();
    code.function(&head, &parameters, " -> Self {");
    let value = if f.boxed { "Box::new(value.into())" } else { "value.into()" };
    code.line(["self.", name, " = Some(", value, ");"]);
    code.line("self");
    code.close("}");
}

fn enumeration(context: &Context<'_>, id: ItemId, item: &Item, e: &Enum, code: &mut Code) {
    let model = context.model;
    let mut doc = context.docs.item(id).to_vec();
    if let Some(listed_by) = e.listed_by {
        let owner = model.item(listed_by.item);
        if let ItemKind::Struct(s) = &owner.kind {
            let field = &s.fields[listed_by.field as usize].rust_name;
            let intro = format!("Values of [`{0}::{1}`](crate::{0}::{1}).", owner.name, field);
            doc.splice(0..0, [intro, String::new()]);
        }
    }
    if doc.is_empty() {
        doc.push(format!("Values of `{}`.", item.title));
    }
    doc.extend([
        String::new(),
        "The reference may list more values later: a `match` needs a `_` arm.".into(),
    ]);
    code.doc(&doc);
    code.line("#[derive(Clone, Debug, PartialEq, Eq, Hash)]");
    code.line("#[non_exhaustive]");
    code.open(format_args!("pub enum {} {{", item.name));
    for (index, v) in e.variants.iter().enumerate() {
        code.doc_or(context.docs.member(id, index), || format!("`{}`", v.wire_value));
        code.line([&v.rust_name, ","]);
    }
    code.doc(&["A value the reference does not list, kept as the service sent it."]);
    code.line(format_args!("{}(String),", e.fallback));
    code.close("}");

    code.blank();
    code.open("string_enum! {");
    code.open(format_args!("{} {{", item.name));
    for v in &e.variants {
        code.line([&v.rust_name, " = ", &string_literal(&v.wire_value), ","]);
    }
    code.close("}");
    code.line(&e.fallback);
    code.close("}");
}

/// `a` or `an`, for `expected a Customer` / `expected an Invoice`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}
