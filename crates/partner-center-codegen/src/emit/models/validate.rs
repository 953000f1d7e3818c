//! `Validate` implementations: the constraints a table states (Required,
//! Length (min, max)), checked before a request body is sent.

use std::collections::BTreeSet;

use crate::emit::text::{Code, string_literal};
use crate::model::{ItemId, ItemKind, Model, Reference, Struct, Type};

/// Structs with a constraint of their own, or a field (or list) holding
/// such a struct: exactly those implement `Validate`.
pub(crate) fn validated_items(model: &Model) -> BTreeSet<ItemId> {
    let structs: Vec<(ItemId, &Struct)> = model
        .items()
        .filter_map(|(id, item)| match &item.kind {
            ItemKind::Struct(s) => Some((id, s)),
            ItemKind::Enum(_) => None,
        })
        .collect();
    let mut validated: BTreeSet<ItemId> = structs
        .iter()
        .filter(|(_, s)| s.fields.iter().any(|f| f.required || f.length.is_some()))
        .map(|(id, _)| *id)
        .collect();
    // Grow to a fixed point: holding a validated struct makes one validated.
    loop {
        let before = validated.len();
        for (id, s) in &structs {
            if s.fields.iter().any(|f| nested_item(&f.ty).is_some_and(|n| validated.contains(&n))) {
                validated.insert(*id);
            }
        }
        if validated.len() == before {
            return validated;
        }
    }
}

/// The struct a field holds directly or as a list, if any.
fn nested_item(ty: &Type) -> Option<ItemId> {
    match ty {
        Type::Named(Reference::Item(id)) => Some(*id),
        Type::List(inner) => nested_item(inner),
        _ => None,
    }
}

/// `impl Validate for Name { ... }`, with one check per constraint.
pub(crate) fn implementation(
    name: &str,
    s: &Struct,
    validated: &BTreeSet<ItemId>,
    code: &mut Code,
) {
    code.open(format_args!("impl Validate for {name} {{"));
    code.open("fn validate_at(&self, path: &str, violations: &mut Vec<Violation>) {");
    for f in &s.fields {
        let field = format!("&self.{}", f.rust_name);
        let wire = string_literal(&f.wire_name);
        if f.required {
            code.call("validate::required", &[&field, "path", &wire, "violations"], ";");
        }
        if let (Some(length), Type::String) = (f.length, &f.ty) {
            let bounds = format!("({}, {})", length.min, length.max);
            code.call("validate::length", &[&field, &bounds, "path", &wire, "violations"], ";");
        }
        if nested_item(&f.ty).is_some_and(|n| validated.contains(&n)) {
            code.call("validate::nested", &[&field, "path", &wire, "violations"], ";");
        }
    }
    code.close("}");
    code.close("}");
}
