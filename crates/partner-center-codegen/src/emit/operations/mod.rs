//! The operations back end: one module per operation page (a request
//! builder per operation, the method of `Client` that makes it, and its
//! entry in the table of operations), the index module with `Client` and
//! `OPERATIONS`, and the crate files. Reads only the model; shares nothing
//! with the models back end but the printers beside it.

mod builder;

use std::collections::BTreeSet;

use super::rustdoc::OperationDocs;
use super::text::{Code, string_literal};
use super::{GENERATED_DIR, GeneratedFile, Options, crate_files};
use crate::header;
use crate::model::{Model, Operation, Reference, Response, Type};
use crate::names;

/// Prints every file of the operations crate (paths relative to it), or
/// nothing when the pages document no operation.
pub(crate) fn emit(
    model: &Model,
    docs: &OperationDocs,
    options: &Options,
    sink: &mut dyn FnMut(GeneratedFile),
) -> bool {
    if model.operations.is_empty() {
        return false;
    }
    let modules = module_names(model);
    let mut entries = Vec::new();
    // Each operation with its index in the model, which its docs are kept
    // by, under its page (grouped once: a scan per page would be quadratic).
    let mut by_page: Vec<Vec<(usize, &Operation)>> = vec![Vec::new(); model.operation_pages.len()];
    for (index, op) in model.operations.iter().enumerate() {
        by_page[op.page.0 as usize].push((index, op));
    }
    for (i, page) in model.operation_pages.iter().enumerate() {
        let indexed = &by_page[i];
        let ops: Vec<&Operation> = indexed.iter().map(|&(_, op)| op).collect();
        if ops.is_empty() {
            continue;
        }
        let module = &modules[i];
        let features = features_of(model, &ops);
        let mut imports = builder::Imports::default();
        let mut body = Code::with_capacity(32 * 1024);
        for (i, &(index, op)) in indexed.iter().enumerate() {
            if i > 0 {
                body.blank();
            }
            let op_docs = builder::Docs { page: docs.page(op.page), params: docs.params(index) };
            builder::operation(model, op, op_docs, &mut imports, &mut body);
        }
        let mut code = Code::with_capacity(body.len() + 1024);
        code.module_doc(&[format!("Operations from `{}`: {}.", page.file_name, page.title)]);
        code.blank();
        imports.write(&mut code);
        code.blank();
        sink(GeneratedFile {
            path: format!("{GENERATED_DIR}/{module}.rs"),
            contents: header::rust(&page.path) + &code.finish() + &body.finish(),
        });
        for op in &ops {
            entries.push((module.clone(), builder::const_name(op), features.clone()));
        }
    }
    sink(index_module(&entries, &options.docs_label));
    crate_files::client_crate(model, options).into_iter().for_each(sink);
    true
}

/// A module name per operation page: its operations' name without the
/// articles (`get_customer_by_id`), unique.
fn module_names(model: &Model) -> Vec<String> {
    let mut taken = BTreeSet::new();
    model
        .operation_pages
        .iter()
        .map(|page| {
            let stem = page.file_name.trim_end_matches(".md");
            let base = names::operation_names(stem).0;
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) || name == "mod" {
                n += 1;
                name = format!("{base}_{n}");
            }
            name
        })
        .collect()
}

/// The model pages (cargo features) whose items the operations use.
fn features_of(model: &Model, ops: &[&Operation]) -> Vec<String> {
    fn walk(model: &Model, ty: &Type, out: &mut BTreeSet<String>) {
        match ty {
            Type::List(inner) | Type::Map(inner) => walk(model, inner, out),
            Type::Named(Reference::Item(id)) => {
                out.insert(model.page(model.item(*id).page).module.clone());
            }
            _ => {}
        }
    }
    let mut pages = BTreeSet::new();
    for op in ops {
        if let Some(body) = &op.body {
            walk(model, &body.ty, &mut pages);
        }
        if let Response::Json(body) = &op.response {
            walk(model, &body.ty, &mut pages);
        }
    }
    pages.into_iter().collect()
}

/// `#[cfg(...)]` for code that needs the features `features`, if any.
fn cfg(features: &[String], code: &mut Code) {
    let features: Vec<String> =
        features.iter().map(|f| format!("feature = {}", string_literal(f))).collect();
    match features.as_slice() {
        [] => {}
        [one] => code.line(format_args!("#[cfg({one})]")),
        many => code.line(format_args!("#[cfg(all({}))]", many.join(", "))),
    }
}

/// `mod.rs`: the modules, `Client`, and the table of every operation.
fn index_module(entries: &[(String, String, Vec<String>)], docs_label: &str) -> GeneratedFile {
    let mut code = Code::with_capacity(32 * 1024);
    code.module_doc(&[
        "The operations generated from the operation pages, one module per",
        "page, each behind the cargo features of the models it uses; the",
        "client they are methods of; and the table of all of them.",
    ]);
    code.blank();
    code.line("use partner_center_http as http;");
    code.line("use partner_center_http::dynamic::Operation;");
    let mut seen = BTreeSet::new();
    for (module, _, features) in entries.iter().filter(|(m, _, _)| seen.insert(m.clone())) {
        code.blank();
        cfg(features, &mut code);
        code.line(format_args!("mod {module};"));
        cfg(features, &mut code);
        code.line(format_args!("pub use {module}::*;"));
    }
    code.blank();
    code.verbatim(CLIENT);
    code.blank();
    code.doc(&[
        "Every operation of this build (with its features), for calling one",
        "chosen at run time by name, as the `partner-center` CLI does.",
    ]);
    code.open("pub static OPERATIONS: &[Operation<Client>] = &[");
    for (module, constant, features) in entries {
        cfg(features, &mut code);
        code.line(format_args!("{module}::{constant},"));
    }
    code.close("];");
    GeneratedFile {
        path: format!("{GENERATED_DIR}/mod.rs"),
        contents: header::rust(&format!("the pages in {docs_label}")) + &code.finish(),
    }
}

/// `Client`, the same in every build.
const CLIENT: &str = r#"/// A Partner Center client: every documented operation is a method that
/// returns a request builder, and the builder's `send()` sends it.
///
/// Cheap to clone; clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    http: http::Client,
}

impl Client {
    /// A client with the defaults of [`http::ClientBuilder::new`]: the global
    /// service, retries, and `token` for every call.
    ///
    /// # Panics
    ///
    /// If TLS cannot be set up; [`Client::builder`] returns that as an error.
    pub fn new(token: impl http::TokenSource) -> Self {
        Self::from(http::Client::new(token))
    }

    /// A builder, to choose the base URL, locale, retries and timeouts.
    pub fn builder(token: impl http::TokenSource) -> http::ClientBuilder<Client> {
        http::ClientBuilder::new(token)
    }

    /// The HTTP client the operations are sent with.
    pub fn http(&self) -> &http::Client {
        &self.http
    }
}

impl From<http::Client> for Client {
    fn from(http: http::Client) -> Self {
        Client { http }
    }
}
"#;
