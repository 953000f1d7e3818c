//! The models back end: one module per page (its structs and enums with
//! their serde impls), the index module `mod.rs`, and the crate files.

mod items;
mod validate;

use std::collections::BTreeSet;

use super::rust::Imports;
use super::rustdoc::ModelDocs;
use super::text::{Code, string_literal};
use super::{GENERATED_DIR, GeneratedFile, Options, crate_files};
use crate::header;
use crate::model::{ItemId, ItemKind, Model, PageId, Reference, SupportType, Type};

/// Prints every generated file of the models crate, handing each to `sink`
/// as it is printed: the page modules, their index, and the crate files the
/// layout needs (`Cargo.toml`, and for a standalone crate `src/lib.rs`).
pub(crate) fn emit(
    model: &Model,
    docs: &ModelDocs,
    options: &Options,
    sink: &mut dyn FnMut(GeneratedFile),
) {
    let context = Context { model, docs, validated: validate::validated_items(model) };
    for i in 0..model.pages.len() {
        sink(page_module(&context, PageId(i as u32)));
    }
    sink(index_module(model, &options.docs_label));
    crate_files::models_crate(model, options).into_iter().for_each(sink);
}

/// What printing an item needs to know beyond the item.
pub(crate) struct Context<'a> {
    pub(crate) model: &'a Model,
    /// The model's docs, rendered.
    pub(crate) docs: &'a ModelDocs,
    /// Structs that get a `Validate` implementation.
    pub(crate) validated: BTreeSet<ItemId>,
}

fn page_module(context: &Context<'_>, page_id: PageId) -> GeneratedFile {
    let model = context.model;
    let page = model.page(page_id);
    // Items first: printing them says what the module imports.
    let mut imports = Imports::default();
    let mut body = Code::with_capacity(16 * 1024);
    for (i, (id, item)) in model.items_of(page_id).enumerate() {
        if i > 0 {
            body.blank();
        }
        items::item(context, id, item, &mut imports, &mut body);
    }

    let mut code = Code::with_capacity(body.len() + 2048);
    let mut doc = vec![
        format!("Models from `{}`: {}.", page.file_name, page.title),
        String::new(),
        "Every field is an `Option`: a member that is absent or `null` decodes as".into(),
        "`None`, and `None` is left out when encoding (it is not written as `null`).".into(),
    ];
    let intro = context.docs.page(page_id);
    if !intro.is_empty() {
        doc.push(String::new());
        doc.extend_from_slice(intro);
    }
    code.module_doc(&doc);
    code.blank();
    if uses(&imports, &mut code) {
        code.blank();
    }
    GeneratedFile {
        path: format!("{GENERATED_DIR}/{}.rs", page.module),
        contents: header::rust(&page.path) + &code.finish() + &body.finish(),
    }
}

/// The `use` declarations a page module needs; false when it needs none.
fn uses(imports: &Imports, code: &mut Code) -> bool {
    let mut any = false;
    if imports.btree_map {
        code.line("use std::collections::BTreeMap;");
        code.blank();
        any = true;
    }
    let mut support: Vec<String> = imports.support.iter().map(|s| s.to_string()).collect();
    if imports.structs {
        support.extend(["UnknownMembers".into(), "members".into()]);
    }
    if imports.enums {
        support.push("string_enum".into());
    }
    // rustfmt's order: types (capitalised) before macros and modules.
    support.sort_by(|a, b| {
        (a.starts_with(char::is_lowercase), a).cmp(&(b.starts_with(char::is_lowercase), b))
    });
    if !support.is_empty() {
        code.list("use partner_center_support::", &support, ";");
        any = true;
    }
    if imports.validate {
        code.line("use partner_center_support::validate::{self, Validate, Violation};");
        any = true;
    }
    if imports.value {
        code.line("use serde_json::Value;");
        any = true;
    }
    if !imports.items.is_empty() {
        if any {
            code.blank();
        }
        let items: Vec<String> = imports.items.iter().cloned().collect();
        code.list("use crate::", &items, ";");
        any = true;
    }
    any
}

/// `mod.rs`: the page modules (each behind its cargo feature), their items
/// re-exported, the support types the pages use without defining, and the
/// table of resources by name.
fn index_module(model: &Model, docs_label: &str) -> GeneratedFile {
    let mut code = Code::with_capacity(64 * 1024);
    code.module_doc(&[
        "Models generated from the resource pages, one module per page, each",
        "behind the cargo feature of the same name.",
    ]);
    code.blank();
    code.line("use partner_center_support::Resource;");
    for (i, page) in model.pages.iter().enumerate() {
        let feature = string_literal(&page.module);
        code.blank();
        code.line(format_args!("#[cfg(feature = {feature})]"));
        code.line(format_args!("pub mod {};", page.module));
        // A page without resources has nothing to re-export.
        if model.items_of(PageId(i as u32)).next().is_some() {
            code.line(format_args!("#[cfg(feature = {feature})]"));
            code.line(format_args!("pub use {}::*;", page.module));
        }
    }
    let support: Vec<String> = used_support_types(model)
        .into_iter()
        .filter(|s| !model.items.iter().any(|item| item.name == s.name()))
        .map(|s| s.name().to_owned())
        .collect();
    if !support.is_empty() {
        code.blank();
        code.list("pub use partner_center_support::", &support, ";");
    }
    code.blank();
    code.doc(&[
        "Every resource and enum of this crate (with the enabled features) by",
        "name, for decoding a type chosen at run time (as the `partner-center`",
        "CLI does).",
    ]);
    code.open("pub static RESOURCES: &[Resource] = &[");
    for (_, item) in model.items() {
        let page = model.page(item.page);
        code.line(format_args!("#[cfg(feature = {})]", string_literal(&page.module)));
        let aliases: Vec<String> = item.aliases.iter().map(|a| string_literal(a)).collect();
        let arguments = [
            string_literal(&item.name),
            string_literal(&page.file_name),
            format!("&[{}]", aliases.join(", ")),
        ];
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        code.call(&format!("Resource::of::<{}>", item.name), &arguments, ",");
    }
    code.close("];");
    GeneratedFile {
        path: format!("{GENERATED_DIR}/mod.rs"),
        contents: header::rust(&format!("the pages in {docs_label}")) + &code.finish(),
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
