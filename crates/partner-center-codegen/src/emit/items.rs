//! Items -> Rust tokens: a struct per resource, an enum per value set.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::emit::{Context, rustdoc, validate};
use crate::model::{
    Enum, Field, Item, ItemId, ItemKind, Model, PageId, Reference, Struct, SupportType, Type,
};
use crate::names;

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
}

/// Prints one item.
pub(crate) fn item(
    context: &Context<'_>,
    id: ItemId,
    item: &Item,
    imports: &mut Imports,
) -> TokenStream {
    match &item.kind {
        ItemKind::Struct(s) => {
            let mut tokens = structure(context, id, item, s, imports);
            if context.validated.contains(&id) {
                imports.validate = true;
                tokens.extend(validate::implementation(&ident(&item.name), s, &context.validated));
            }
            tokens
        }
        ItemKind::Enum(e) => enumeration(context.model, item, e),
    }
}

/// `#[doc]` attributes for lines of rustdoc.
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #(#[doc = #lines])* }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn structure(
    context: &Context<'_>,
    id: ItemId,
    item: &Item,
    s: &Struct,
    imports: &mut Imports,
) -> TokenStream {
    let model = context.model;
    let name = ident(&item.name);
    let mut doc = rustdoc::lines(&item.doc, model);
    if doc.is_empty() {
        doc.push(format!("The `{}` resource.", item.title));
    }
    let doc = doc_attrs(&doc);
    // `rename_all` only where it spells at least one field, as a person would write it.
    let camel_case = s.fields.iter().any(|f| {
        f.rust_name != f.wire_name && names::serde_camel_case(&f.rust_name) == f.wire_name
    });
    let rename_all = camel_case.then(|| quote!(#[serde(rename_all = "camelCase")]));
    let boxed = |i: usize| context.boxed.contains(&(id, i));
    let fields: Vec<_> = s
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| field(model, item.page, f, boxed(i), camel_case, imports))
        .collect();
    let extra = ident(&s.extra_field);
    imports.value = true;
    let setters = s.fields.iter().enumerate().map(|(i, f)| setter(model, item.page, f, boxed(i)));
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #rename_all
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Properties the service sent that the reference does not list,
            /// kept so that encoding the value again loses nothing.
            #[serde(flatten)]
            pub #extra: serde_json::Map<String, Value>,
        }

        impl #name {
            #(#setters)*
        }
    }
}

fn field(
    model: &Model,
    page: PageId,
    f: &Field,
    boxed: bool,
    camel_case: bool,
    imports: &mut Imports,
) -> TokenStream {
    let mut doc = rustdoc::lines(&f.doc, model);
    if doc.is_empty() {
        doc.push(format!("The `{}` property.", f.wire_name));
    }
    let doc = doc_attrs(&doc);
    let name = ident(&f.rust_name);
    let mut ty = rust_type(model, page, &f.ty, imports);
    if boxed {
        ty = quote!(Box<#ty>);
    }
    let mut serde = Vec::new();
    let serde_spelling =
        if camel_case { names::serde_camel_case(&f.rust_name) } else { f.rust_name.clone() };
    if serde_spelling != f.wire_name {
        let wire = &f.wire_name;
        serde.push(quote!(rename = #wire));
    }
    match f.ty {
        // Exact decimals need serde_json's arbitrary precision on the way out too.
        Type::Decimal => serde.push(quote!(default, with = "partner_center_support::decimal")),
        Type::DecimalString => {
            serde.push(quote!(default, with = "partner_center_support::decimal::as_string"))
        }
        _ => {}
    }
    serde.push(quote!(skip_serializing_if = "Option::is_none"));
    quote! {
        #doc
        #[serde(#(#serde),*)]
        pub #name: Option<#ty>,
    }
}

/// A `with_*` method that sets one field and returns the value, so request
/// bodies can be built in one expression despite `#[non_exhaustive]`.
fn setter(model: &Model, page: PageId, f: &Field, boxed: bool) -> TokenStream {
    let name = ident(&f.rust_name);
    let method = format_ident!("with_{}", f.rust_name.trim_end_matches('_'));
    let ty = rust_type(model, page, &f.ty, &mut Imports::default());
    let doc = format!(" Sets [`{0}`](Self::{0}).", f.rust_name);
    let value = if boxed { quote!(Box::new(value.into())) } else { quote!(value.into()) };
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #method(mut self, value: impl Into<#ty>) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

/// The Rust type of a field, without the `Option` around it.
pub(crate) fn rust_type(
    model: &Model,
    page: PageId,
    ty: &Type,
    imports: &mut Imports,
) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Bool => quote!(bool),
        Type::Int32 => quote!(i32),
        Type::Int64 => quote!(i64),
        Type::Float64 => quote!(f64),
        Type::Decimal | Type::DecimalString => support(imports, "Decimal"),
        // The service writes dates as date-times as often as not; one
        // lenient type reads both and writes back the form it read.
        Type::DateTime | Type::Date => support(imports, "DateTime"),
        Type::Json | Type::Fallback => {
            imports.value = true;
            quote!(Value)
        }
        Type::List(inner) => {
            let inner = rust_type(model, page, inner, imports);
            quote!(Vec<#inner>)
        }
        Type::Map(inner) => {
            imports.btree_map = true;
            let inner = rust_type(model, page, inner, imports);
            quote!(BTreeMap<String, #inner>)
        }
        Type::Named(Reference::Item(id)) => {
            let target = model.item(*id);
            if target.page != page {
                imports.items.insert(target.name.clone());
            }
            let name = ident(&target.name);
            quote!(#name)
        }
        Type::Named(Reference::Support(s)) => support(imports, s.name()),
        Type::Named(Reference::Unresolved(_)) => {
            unreachable!("resolve leaves no unresolved reference")
        }
    }
}

fn support(imports: &mut Imports, name: &'static str) -> TokenStream {
    imports.support.insert(name);
    let name = ident(name);
    if name == SupportType::ResourceCollection.name() {
        imports.value = true;
        quote!(#name<Value>)
    } else {
        quote!(#name)
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
    let rule = variant_rule(e);
    let rename_all = rule.map(|(rule, _)| quote!(#[serde(rename_all = #rule)]));
    let variants = e.variants.iter().map(|v| {
        let mut doc = rustdoc::lines(&v.doc, model);
        if doc.is_empty() {
            doc.push(format!("`{}`", v.wire_value));
        }
        let doc = doc_attrs(&doc);
        let variant = ident(&v.rust_name);
        let renamed = rule.is_none_or(|(_, apply)| apply(&v.rust_name) != v.wire_value);
        let rename = (renamed && v.rust_name != v.wire_value).then(|| {
            let wire = &v.wire_value;
            quote!(#[serde(rename = #wire)])
        });
        quote! { #doc #rename #variant, }
    });
    let fallback = ident(&e.fallback);
    let arms = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#variant => #wire,)
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #rename_all
        pub enum #name {
            #(#variants)*
            /// A value the reference does not list, kept as the service sent it.
            #[serde(untagged)]
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
    }
}

/// The serde `rename_all` rule that spells the most variants right, if it
/// spells more than the variant names as they are.
fn variant_rule(e: &Enum) -> Option<names::VariantRule> {
    let count = |apply: &dyn Fn(&str) -> String| {
        e.variants.iter().filter(|v| apply(&v.rust_name) == v.wire_value).count()
    };
    let unchanged = count(&|name: &str| name.to_owned());
    names::VARIANT_RULES
        .iter()
        .map(|&(rule, apply)| (count(&apply), rule, apply))
        .filter(|(n, _, _)| *n > unchanged)
        // Most matches first; among equals, the rule listed first.
        .min_by_key(|(n, _, _)| std::cmp::Reverse(*n))
        .map(|(_, rule, apply)| (rule, apply))
}
