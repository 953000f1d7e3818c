//! `Validate` implementations: the constraints a table states (Required,
//! Length (min, max)), checked before a request body is sent.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

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
    name: &Ident,
    s: &Struct,
    validated: &BTreeSet<ItemId>,
) -> TokenStream {
    let checks = s.fields.iter().flat_map(|f| {
        let field = Ident::new(&f.rust_name, Span::call_site());
        let wire = &f.wire_name;
        let mut checks = Vec::new();
        if f.required {
            checks.push(quote!(validate::required(&self.#field, path, #wire, violations);));
        }
        if let (Some(length), Type::String) = (f.length, &f.ty) {
            let min = Literal::u32_unsuffixed(length.min);
            let max = Literal::u32_unsuffixed(length.max);
            checks.push(
                quote!(validate::length(&self.#field, (#min, #max), path, #wire, violations);),
            );
        }
        if nested_item(&f.ty).is_some_and(|n| validated.contains(&n)) {
            checks.push(quote!(validate::nested(&self.#field, path, #wire, violations);));
        }
        checks
    });
    quote! {
        impl Validate for #name {
            fn validate_at(&self, path: &str, violations: &mut Vec<Violation>) {
                #(#checks)*
            }
        }
    }
}
