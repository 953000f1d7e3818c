//! The models back end: one module per page (its structs and enums with
//! their serde impls), the index module `mod.rs`, and the crate files.

mod items;
mod serde_impls;
mod validate;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::Imports;
use super::{GENERATED_DIR, GeneratedFile, Options, crate_files, format, rustdoc};
use crate::header;
use crate::model::{ItemId, ItemKind, Model, PageId, Reference, SupportType, Type};

/// Prints every generated file of the models crate: the page modules, their
/// index, and the crate files the layout needs (`Cargo.toml`, and for a
/// standalone crate `src/lib.rs`).
pub(crate) fn emit(model: &Model, options: &Options) -> Vec<GeneratedFile> {
    let context = Context { model, validated: validate::validated_items(model) };
    let mut files: Vec<GeneratedFile> =
        (0..model.pages.len()).map(|i| page_module(&context, PageId(i as u32))).collect();
    files.push(index_module(model, &options.docs_label));
    files.extend(crate_files::models_crate(model, options));
    files
}

/// What printing an item needs to know beyond the item.
pub(crate) struct Context<'a> {
    pub(crate) model: &'a Model,
    /// Structs that get a `Validate` implementation.
    pub(crate) validated: BTreeSet<ItemId>,
}

fn page_module(context: &Context<'_>, page_id: PageId) -> GeneratedFile {
    let model = context.model;
    let page = model.page(page_id);
    let mut imports = Imports::default();
    let items: Vec<TokenStream> = model
        .items_of(page_id)
        .map(|(id, item)| items::item(context, id, item, &mut imports))
        .collect();

    let mut doc = vec![
        format!("Models from `{}`: {}.", page.file_name, page.title),
        String::new(),
        "Every field is an `Option`: a member that is absent or `null` decodes as".into(),
        "`None`, and `None` is left out when encoding (it is not written as `null`).".into(),
    ];
    let intro = rustdoc::lines(&page.doc, model);
    if !intro.is_empty() {
        doc.push(String::new());
        doc.extend(intro);
    }
    let doc = doc.iter().map(|l| rustdoc::attribute_text(l));

    let mut uses = Vec::new();
    if imports.btree_map {
        uses.push(quote!(
            use std::collections::BTreeMap;
        ));
    }
    let mut support: Vec<TokenStream> = Vec::new();
    if imports.decimal {
        support.push(quote!(decimal));
    }
    if imports.structs {
        support.push(quote!(members::{self, FindUnknown, Members, UnknownMember, UnknownMembers}));
    } else if imports.enums {
        support.push(quote!(members));
    }
    if imports.validate {
        support.push(quote!(validate::{self, Validate, Violation}));
    }
    support.extend(imports.support.iter().map(|s| {
        let s = format_ident!("{s}");
        quote!(#s)
    }));
    if !support.is_empty() {
        uses.push(quote!(use partner_center_support::{#(#support),*};));
    }
    if imports.structs {
        uses.push(quote!(
            use serde::de::{Deserialize, Deserializer, MapAccess};
        ));
        uses.push(quote!(
            use serde::ser::{Serialize, SerializeMap, Serializer};
        ));
    } else if imports.enums {
        uses.push(quote!(
            use serde::{Deserialize, Deserializer, Serialize, Serializer};
        ));
    }
    if imports.value {
        uses.push(quote!(
            use serde_json::Value;
        ));
    }
    if !imports.items.is_empty() {
        let items = imports.items.iter().map(|s| format_ident!("{s}"));
        uses.push(quote!(use crate::{#(#items),*};));
    }
    let tokens = quote! {
        #(#![doc = #doc])*
        #(#uses)*
        #(#items)*
    };
    GeneratedFile {
        path: format!("{GENERATED_DIR}/{}.rs", page.module),
        contents: header::rust(&page.path) + &format([tokens]),
    }
}

/// `mod.rs`: the page modules (each behind its cargo feature), their items
/// re-exported, the support types the pages use without defining, and the
/// table of resources by name.
fn index_module(model: &Model, docs_label: &str) -> GeneratedFile {
    let modules = model.pages.iter().enumerate().map(|(i, p)| {
        let module = format_ident!("{}", p.module);
        let feature = &p.module;
        // A page without resources has nothing to re-export.
        let has_items = model.items_of(PageId(i as u32)).next().is_some();
        let reexport = has_items.then(|| quote!(#[cfg(feature = #feature)] pub use #module::*;));
        quote! {
            #[cfg(feature = #feature)]
            pub mod #module;
            #reexport
        }
    });
    let support: Vec<_> = used_support_types(model)
        .into_iter()
        .filter(|s| !model.items.iter().any(|item| item.name == s.name()))
        .map(|s| format_ident!("{}", s.name()))
        .collect();
    let resources = model.items().map(|(_, item)| {
        let name = format_ident!("{}", item.name);
        let title = &item.name;
        let page = model.page(item.page);
        let (file, feature) = (&page.file_name, &page.module);
        let aliases = &item.aliases;
        let of = match item.kind {
            ItemKind::Struct(_) => quote!(of),
            ItemKind::Enum(_) => quote!(of_values),
        };
        quote!(#[cfg(feature = #feature)] Resource::#of::<#name>(#title, #file, &[#(#aliases),*]),)
    });
    let support_use =
        (!support.is_empty()).then(|| quote!(pub use partner_center_support::{#(#support),*};));
    let head = quote! {
        //! Models generated from the resource pages, one module per page,
        //! each behind the cargo feature of the same name.

        use partner_center_support::Resource;
    };
    let registry = quote! {
        #support_use

        /// Every resource and enum of this crate (with the enabled
        /// features) by name, for decoding a type chosen at run time (as the
        /// `partner-center` CLI does).
        pub static RESOURCES: &[Resource] = &[
            #(#resources)*
        ];
    };
    GeneratedFile {
        path: format!("{GENERATED_DIR}/mod.rs"),
        contents: header::rust(&format!("the pages in {docs_label}"))
            + &format(std::iter::once(head).chain(modules).chain([registry])),
    }
}

/// Support types some field refers to.
fn used_support_types(model: &Model) -> Vec<SupportType> {
    fn walk(ty: &Type, out: &mut Vec<SupportType>) {
        match ty {
            Type::List(inner) | Type::Map(inner) => walk(inner, out),
            Type::Named(Reference::Support(s)) if !out.contains(s) => out.push(*s),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for item in &model.items {
        if let ItemKind::Struct(s) = &item.kind {
            s.fields.iter().for_each(|f| walk(&f.ty, &mut out));
        }
    }
    out.sort();
    out
}
