//! Items -> Rust tokens: a struct per resource, an enum per value set.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::{Context, serde_impls, validate};
use crate::emit::rust::{self, Imports};
use crate::emit::rustdoc;
use crate::model::{Enum, Field, Item, ItemId, ItemKind, Model, PageId, Struct, Type};

/// Prints one item.
pub(crate) fn item(
    context: &Context<'_>,
    id: ItemId,
    item: &Item,
    imports: &mut Imports,
) -> TokenStream {
    match &item.kind {
        ItemKind::Struct(s) => {
            let mut tokens = structure(context, item, s, imports);
            if context.validated.contains(&id) {
                imports.validate = true;
                tokens.extend(validate::implementation(&ident(&item.name), s, &context.validated));
            }
            tokens
        }
        ItemKind::Enum(e) => {
            imports.enums = true;
            enumeration(context.model, item, e)
        }
    }
}

/// `#[doc]` attributes for lines of rustdoc.
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| rustdoc::attribute_text(l));
    quote! { #(#[doc = #lines])* }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn structure(context: &Context<'_>, item: &Item, s: &Struct, imports: &mut Imports) -> TokenStream {
    let model = context.model;
    let name = ident(&item.name);
    let mut doc = rustdoc::lines(&item.doc, model);
    if doc.is_empty() {
        doc.push(format!("The `{}` resource.", item.title));
    }
    let doc = doc_attrs(&doc);
    let fields: Vec<_> = s.fields.iter().map(|f| field(model, item.page, f, imports)).collect();
    let extra = ident(&s.extra_field);
    imports.structs = true;
    imports.decimal |= s.fields.iter().any(|f| matches!(f.ty, Type::Decimal | Type::DecimalString));
    let setters = s.fields.iter().map(|f| setter(model, item.page, f));
    let serde = serde_impls::structure(model, &name, &item.name, s);
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Members the service sent that the reference does not list,
            /// kept as raw JSON and written back, so nothing is lost.
            pub #extra: UnknownMembers,
        }

        impl #name {
            #(#setters)*
        }

        #serde
    }
}

fn field(model: &Model, page: PageId, f: &Field, imports: &mut Imports) -> TokenStream {
    let mut doc = rustdoc::lines(&f.doc, model);
    if doc.is_empty() {
        doc.push(format!("The `{}` property.", f.wire_name));
    }
    let doc = doc_attrs(&doc);
    let name = ident(&f.rust_name);
    let ty = rust::field_type_tokens(model, page, &f.ty, f.boxed, imports);
    quote! {
        #doc
        pub #name: Option<#ty>,
    }
}

/// A `with_*` method that sets one field and returns the value, so request
/// bodies can be built in one expression despite `#[non_exhaustive]`.
fn setter(model: &Model, page: PageId, f: &Field) -> TokenStream {
    let name = ident(&f.rust_name);
    let method = format_ident!("with_{}", f.rust_name.trim_end_matches('_'));
    let ty = rust::field_type_tokens(model, page, &f.ty, false, &mut Imports::default());
    let doc = format!(" Sets [`{0}`](Self::{0}).", f.rust_name);
    let value = if f.boxed { quote!(Box::new(value.into())) } else { quote!(value.into()) };
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #method(mut self, value: impl Into<#ty>) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

fn enumeration(model: &Model, item: &Item, e: &Enum) -> TokenStream {
    let name = ident(&item.name);
    let mut doc = rustdoc::lines(&item.doc, model);
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
    let doc = doc_attrs(&doc);
    let variants = e.variants.iter().map(|v| {
        let mut doc = rustdoc::lines(&v.doc, model);
        if doc.is_empty() {
            doc.push(format!("`{}`", v.wire_value));
        }
        let doc = doc_attrs(&doc);
        let variant = ident(&v.rust_name);
        quote! { #doc #variant, }
    });
    let fallback = ident(&e.fallback);
    let arms = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#variant => #wire,)
    });
    let serde = serde_impls::enumeration(&name, e);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value the reference does not list, kept as the service sent it.
            #fallback(String),
        }

        impl #name {
            /// The value as the service writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#fallback(value) => value,
                }
            }
        }

        #serde
    }
}
