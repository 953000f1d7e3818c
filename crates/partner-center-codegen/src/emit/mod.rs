//! Stage 5, emit: the resolved [`Model`] -> Rust source files.
//!
//! Reads only the model. Tokens come from `quote`, layout from
//! `prettyplease`; every file starts with the `@generated` header.

mod crate_files;
mod items;
pub mod rustdoc;
mod serde_impls;
mod validate;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use std::collections::BTreeSet;

use crate::model::{ItemId, ItemKind, Model, PageId, Reference, SupportType, Type};
pub use crate_files::{Layout, Options};
use items::Imports;

/// The command that writes the generated files; named in their header.
pub const COMMAND: &str = "cargo xtask codegen";

/// A file to write, relative to the generated crate's root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path with `/` separators, e.g. `src/generated/customer.rs`.
    pub path: String,
    /// Full contents.
    pub contents: String,
}

/// Directory of the generated modules inside the crate.
pub const GENERATED_DIR: &str = "src/generated";

/// Prints every generated file of the model: the page modules, their
/// index, the crate files the layout needs (`Cargo.toml`, and for a
/// standalone crate `src/lib.rs`), and the crate's API surface
/// (`model.json`, see [`crate::api`]).
pub fn emit(model: &Model, options: &Options) -> Vec<GeneratedFile> {
    let context =
        Context { model, validated: validate::validated_items(model), boxed: boxed_fields(model) };
    let mut files: Vec<GeneratedFile> =
        (0..model.pages.len()).map(|i| page_module(&context, PageId(i as u32))).collect();
    files.push(index_module(model, &options.docs_label));
    files.extend(crate_files::crate_files(model, options));
    files.push(GeneratedFile {
        path: crate::api::SURFACE_FILE.into(),
        contents: crate::api::Surface::of(model).to_json(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// A field's Rust type (inside its `Option`) as text, e.g. `Vec<Address>`.
pub fn type_text(model: &Model, page: PageId, ty: &Type) -> String {
    let tokens = items::rust_type(model, page, ty, &mut Imports::default());
    tokens.to_string().replace(" <", "<").replace("< ", "<").replace(" >", ">").replace(" ,", ",")
}

/// What printing an item needs to know beyond the item.
pub(crate) struct Context<'a> {
    pub(crate) model: &'a Model,
    /// Structs that get a `Validate` implementation.
    pub(crate) validated: BTreeSet<ItemId>,
    /// Fields (struct, field index) that hold their value in a `Box`.
    pub(crate) boxed: BTreeSet<(ItemId, usize)>,
}

/// Fields that must be boxed: a struct that contains itself, directly or
/// through other structs, would have infinite size. Each such cycle is cut
/// where it steps back in item order: a field is boxed when it holds (not in
/// a list or map, which are on the heap already) a struct that comes no later
/// than its own and from which its own struct can be reached that way.
fn boxed_fields(model: &Model) -> BTreeSet<(ItemId, usize)> {
    let direct_targets = |kind: &ItemKind| -> Vec<(usize, usize)> {
        match kind {
            ItemKind::Struct(s) => s
                .fields
                .iter()
                .enumerate()
                .filter_map(|(i, f)| match f.ty {
                    Type::Named(Reference::Item(target)) => Some((i, target.0 as usize)),
                    _ => None,
                })
                .collect(),
            ItemKind::Enum(_) => Vec::new(),
        }
    };
    let fields: Vec<Vec<(usize, usize)>> =
        model.items.iter().map(|i| direct_targets(&i.kind)).collect();
    let edges: Vec<Vec<usize>> =
        fields.iter().map(|f| f.iter().map(|(_, t)| *t).collect()).collect();
    let component = strongly_connected_components(&edges);
    let mut boxed = BTreeSet::new();
    for (id, targets) in fields.iter().enumerate() {
        for &(field, target) in targets {
            if target <= id && component[target] == component[id] {
                boxed.insert((ItemId(id as u32), field));
            }
        }
    }
    boxed
}

/// The strongly connected component of every node (Kosaraju's algorithm,
/// iterative): two nodes share one exactly when each reaches the other.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    // First pass: nodes in order of finishing a depth-first search.
    let mut finished = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for root in 0..n {
        if visited[root] {
            continue;
        }
        visited[root] = true;
        let mut stack = vec![(root, 0)];
        while let Some((node, next)) = stack.pop() {
            match edges[node].get(next) {
                Some(&target) => {
                    stack.push((node, next + 1));
                    if !visited[target] {
                        visited[target] = true;
                        stack.push((target, 0));
                    }
                }
                None => finished.push(node),
            }
        }
    }
    // Second pass: on the reversed graph, latest finished first.
    let mut reversed = vec![Vec::new(); n];
    for (from, targets) in edges.iter().enumerate() {
        for &to in targets {
            reversed[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut components = 0;
    for &root in finished.iter().rev() {
        if component[root] != usize::MAX {
            continue;
        }
        let count = components;
        components += 1;
        let mut stack = vec![root];
        component[root] = count;
        while let Some(node) = stack.pop() {
            for &from in &reversed[node] {
                if component[from] == usize::MAX {
                    component[from] = count;
                    stack.push(from);
                }
            }
        }
    }
    component
}

fn header(source: &str) -> String {
    format!(
        "// @generated by `{COMMAND}` from {source}.\n// Do not edit: change the page and run `{COMMAND}` again.\n\n"
    )
}

/// Lays out chunks of items, a blank line between chunks.
fn format(chunks: impl IntoIterator<Item = TokenStream>) -> String {
    let formatted: Vec<String> = chunks
        .into_iter()
        .map(|tokens| {
            let file: syn::File = syn::parse2(tokens).expect("emit produces valid Rust");
            space_items(&prettyplease::unparse(&file))
        })
        .collect();
    formatted.join("\n")
}

/// prettyplease puts items right after each other; hand-written code has a
/// blank line between items (and between methods), except between `use`
/// declarations, and after the module docs.
fn space_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "fn ", "impl", "const ", "static ", "struct ", "enum ", "type ",
        "use ",
    ];
    const ONE_LINE_ITEMS: &[&str] = &["const ", "static ", "type ", "use ", "pub use "];
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    let mut in_uses = false;
    for line in code.lines() {
        let l = line.trim();
        let starts_item = ITEM_STARTS.iter().any(|s| l.starts_with(s));
        if let Some(prev) = previous {
            let p = prev.trim();
            let ends_item = matches!(p, "}" | "};" | "];")
                || (p.ends_with(';') && ONE_LINE_ITEMS.iter().any(|s| p.starts_with(s)));
            let next_use = l.starts_with("use ") || l.starts_with("pub use ");
            let between_items =
                ends_item && starts_item && indent(prev) == indent(line) && !(in_uses && next_use);
            let after_module_doc = p.starts_with("//!") && !l.starts_with("//!");
            if between_items || after_module_doc {
                out.push('\n');
            }
        }
        if starts_item && !l.starts_with("///") && !l.starts_with("#[") {
            in_uses = l.starts_with("use ") || l.starts_with("pub use ");
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
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
        contents: header(&page.path) + &format([tokens]),
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
        contents: header(&format!("the pages in {docs_label}"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_group_nodes_that_reach_each_other() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 loops on itself; 4 -> 0 is outside.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected_components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[4] != c[3]);
    }
}
