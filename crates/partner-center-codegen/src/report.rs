//! The coverage report of a run (`cargo xtask codegen --report`): per page,
//! what became of its tables and fields; then one total line.
//!
//! Reads the resolved model only; deterministic, so it can be snapshotted.

use std::fmt::Write as _;

use crate::model::{
    BodyFrom, ItemKind, Location, Model, Operation, PageId, Reference, Response, Segment, Shape,
    Type, TypeFrom,
};
use crate::names;
use crate::source::Sources;

/// Counts for one page or for all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Property and value tables found.
    pub tables: usize,
    /// Tables skipped, with a stated reason.
    pub skipped: usize,
    /// Structs emitted.
    pub structs: usize,
    /// Enums emitted (from value tables and from listed values).
    pub enums: usize,
    /// Fields emitted.
    pub fields: usize,
    /// Fields whose type is what the page states. Includes `object` fields,
    /// which the page itself says may hold any JSON.
    pub exact: usize,
    /// Of the exact fields, those the page types as `object`.
    pub any_json: usize,
    /// Fields that fell back to `serde_json::Value` because their type
    /// could not be read or resolved.
    pub fallback: usize,
    /// Fields whose type the pages' JSON examples changed (to `i64`, an
    /// exact decimal, or any JSON where they contradict the table).
    pub from_examples: usize,
    /// Of those, the fields that now hold any JSON.
    pub from_examples_any_json: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tables += other.tables;
        self.skipped += other.skipped;
        self.structs += other.structs;
        self.enums += other.enums;
        self.fields += other.fields;
        self.exact += other.exact;
        self.any_json += other.any_json;
        self.fallback += other.fallback;
        self.from_examples += other.from_examples;
        self.from_examples_any_json += other.from_examples_any_json;
    }
}

/// The counts of one page.
pub fn page_counts(model: &Model, page: PageId) -> Counts {
    let p = model.page(page);
    let mut counts = Counts {
        tables: p.resource_tables as usize,
        skipped: p.skipped_tables.len(),
        ..Counts::default()
    };
    for (_, item) in model.items_of(page) {
        match &item.kind {
            ItemKind::Struct(s) => {
                counts.structs += 1;
                for field in &s.fields {
                    counts.fields += 1;
                    if field.type_from == TypeFrom::Examples {
                        counts.from_examples += 1;
                        counts.from_examples_any_json +=
                            usize::from(contains(&field.ty, &Type::Fallback));
                    } else if contains(&field.ty, &Type::Fallback) {
                        counts.fallback += 1;
                    } else {
                        counts.exact += 1;
                        counts.any_json += usize::from(contains(&field.ty, &Type::Json));
                    }
                }
            }
            ItemKind::Enum(_) => counts.enums += 1,
        }
    }
    counts
}

fn contains(ty: &Type, wanted: &Type) -> bool {
    match ty {
        Type::List(inner) | Type::Map(inner) => contains(inner, wanted),
        Type::Named(Reference::Unresolved(_)) => false,
        other => other == wanted,
    }
}

/// The counts over all pages.
pub fn total_counts(model: &Model) -> Counts {
    let mut total = Counts::default();
    for i in 0..model.pages.len() {
        total.add(page_counts(model, PageId(i as u32)));
    }
    total
}

/// The report as text: one block per page, then the totals.
pub fn render(model: &Model, sources: &Sources) -> String {
    let mut out = String::new();
    for (i, page) in model.pages.iter().enumerate() {
        let page_id = PageId(i as u32);
        let c = page_counts(model, page_id);
        let _ = write!(
            out,
            "{}: {} tables, {} structs, {} enums, {} fields: {} exact ({} any JSON as documented), {} fell back to Value",
            page.file_name, c.tables, c.structs, c.enums, c.fields, c.exact, c.any_json, c.fallback
        );
        if c.from_examples > 0 {
            let _ = write!(
                out,
                ", {} changed by examples ({} to any JSON)",
                c.from_examples, c.from_examples_any_json
            );
        }
        out.push('\n');
        for skipped in &page.skipped_tables {
            let file = sources.get(skipped.span.file);
            let (line, _) = file.line_col(skipped.span.start as usize);
            let _ = writeln!(out, "  skipped {}:{line}: {}", page.file_name, skipped.reason);
        }
        for (_, item) in model.items_of(page_id) {
            let ItemKind::Struct(s) = &item.kind else { continue };
            // Keywords cannot name a field; the rename is a fixed rule, listed here.
            let renamed: Vec<String> = s
                .fields
                .iter()
                .filter(|f| names::is_keyword(f.rust_name.trim_end_matches('_')))
                .map(|f| format!("{} -> {}", f.wire_name, f.rust_name))
                .collect();
            if !renamed.is_empty() {
                let _ = writeln!(out, "  {} keywords renamed: {}", item.name, renamed.join(", "));
            }
            // Wire names the examples spell otherwise than the table.
            let respelled: Vec<String> = s
                .fields
                .iter()
                .filter_map(|f| {
                    let table = f.table_wire_name.as_ref()?;
                    Some(format!("{table} -> {}", f.wire_name))
                })
                .collect();
            if !respelled.is_empty() {
                let _ = writeln!(
                    out,
                    "  {} wire names taken from the examples: {}",
                    item.name,
                    respelled.join(", ")
                );
            }
            if !s.undocumented.is_empty() {
                let _ = writeln!(
                    out,
                    "  examples show {} properties its table lacks: {}",
                    item.name,
                    s.undocumented.join(", ")
                );
            }
        }
    }
    let t = total_counts(model);
    let _ = writeln!(
        out,
        "total: {} pages, {} tables ({} skipped, {}), {} structs, {} enums, {} fields: {} exact, {} fell back to Value ({}), {} changed by examples ({} to any JSON)",
        model.pages.len(),
        t.tables,
        t.skipped,
        percent(t.skipped, t.tables),
        t.structs,
        t.enums,
        t.fields,
        t.exact,
        t.fallback,
        percent(t.fallback, t.fields),
        t.from_examples,
        t.from_examples_any_json,
    );
    let e = &model.examples;
    let _ = writeln!(
        out,
        "examples: {} JSON bodies ({} unreadable, skipped), {} objects checked against their resource, {} undocumented properties seen, {} wire names taken from them",
        e.bodies, e.unreadable, e.objects, e.undocumented_properties, e.renamed_members
    );
    out
}

/// Counts of the operations of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OperationCounts {
    /// Pages with a `Method | Request URI` table.
    pub pages: usize,
    /// Pages that gave at least one operation.
    pub pages_with_operations: usize,
    /// Operations generated.
    pub operations: usize,
    /// Pages whose every operation has every parameter typed by the page.
    pub pages_typed_params: usize,
    /// Pages whose every operation's response is typed (a model, empty,
    /// bytes or accepted).
    pub pages_typed_response: usize,
    /// Operations with every parameter, the body and the response typed.
    pub fully_typed: usize,
    /// `Method | Request URI` rows that gave no operation.
    pub skipped_rows: usize,
}

fn params_typed(op: &Operation) -> bool {
    op.params.iter().all(|p| p.typed)
}

fn body_typed(op: &Operation) -> bool {
    op.body.as_ref().is_none_or(|b| b.from != BodyFrom::Unknown)
}

fn response_typed(op: &Operation) -> bool {
    match &op.response {
        Response::Json(body) => body.from != BodyFrom::Unknown,
        Response::Empty | Response::Bytes | Response::Accepted => true,
    }
}

/// The operation counts of a model.
pub fn operation_counts(model: &Model) -> OperationCounts {
    let mut counts = OperationCounts { pages: model.operation_pages.len(), ..Default::default() };
    for (i, page) in model.operation_pages.iter().enumerate() {
        counts.skipped_rows += page.skipped.len();
        let ops: Vec<&Operation> =
            model.operations.iter().filter(|op| op.page.0 as usize == i).collect();
        counts.operations += ops.len();
        counts.fully_typed += ops
            .iter()
            .filter(|op| params_typed(op) && body_typed(op) && response_typed(op))
            .count();
        if ops.is_empty() {
            continue;
        }
        counts.pages_with_operations += 1;
        counts.pages_typed_params += usize::from(ops.iter().all(|op| params_typed(op)));
        counts.pages_typed_response += usize::from(ops.iter().all(|op| response_typed(op)));
    }
    counts
}

/// `GET /v1/customers/{customer-tenant-id}`.
fn signature(op: &Operation) -> String {
    let path: String = op
        .path
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => text.clone(),
            Segment::Param(i) => format!("{{{}}}", op.params[*i].name),
        })
        .collect();
    format!("{} {path}", op.method.as_str())
}

fn type_name(model: &Model, ty: &Type) -> String {
    match ty {
        Type::Named(Reference::Item(id)) => model.item(*id).name.clone(),
        _ => "JSON".into(),
    }
}

fn body_text(model: &Model, body: &crate::model::Body) -> String {
    let name = type_name(model, &body.ty);
    let name = match body.shape {
        Shape::One => name,
        Shape::Collection => format!("ResourceCollection<{name}>"),
        Shape::List => format!("Vec<{name}>"),
    };
    match body.from {
        BodyFrom::PageText => name,
        BodyFrom::Example => format!("{name} (from its example)"),
        BodyFrom::Unknown => "untyped JSON".into(),
    }
}

/// The operations part of the report: a line per operation, the rows that
/// gave none with their reason, then the totals.
pub fn render_operations(model: &Model, sources: &Sources) -> String {
    let mut out = String::new();
    for (i, page) in model.operation_pages.iter().enumerate() {
        for op in model.operations.iter().filter(|op| op.page.0 as usize == i) {
            let response = match &op.response {
                Response::Json(body) => body_text(model, body),
                Response::Empty => "nothing (empty)".into(),
                Response::Bytes => "bytes".into(),
                Response::Accepted => "202 Accepted + Location".into(),
            };
            let body = op.body.as_ref().map(|b| format!(", body {}", body_text(model, b)));
            let untyped: Vec<&str> =
                op.params.iter().filter(|p| !p.typed).map(|p| p.name.as_str()).collect();
            let query = op.params.iter().filter(|p| p.location == Location::Query).count();
            let _ = write!(
                out,
                "{}: {} `{}` -> {response}{}; {} params ({query} query)",
                page.file_name,
                op.name,
                signature(op),
                body.unwrap_or_default(),
                op.params.len(),
            );
            if !untyped.is_empty() {
                let _ = write!(out, ", no row for {}", untyped.join(", "));
            }
            out.push('\n');
        }
        for skipped in &page.skipped {
            let file = sources.get(skipped.span.file);
            let (line, _) = file.line_col(skipped.span.start as usize);
            let _ = writeln!(out, "  skipped {}:{line}: {}", page.file_name, skipped.reason);
        }
    }
    let c = operation_counts(model);
    let _ = writeln!(
        out,
        "operations: {} operation pages, {} with an operation, {} operations ({} fully typed), {} pages with every parameter typed, {} with a typed response, {} rows skipped",
        c.pages,
        c.pages_with_operations,
        c.operations,
        c.fully_typed,
        c.pages_typed_params,
        c.pages_typed_response,
        c.skipped_rows
    );
    out
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0.00%".into();
    }
    format!("{:.2}%", part as f64 * 100.0 / whole as f64)
}
