//! The coverage report of a run (`cargo xtask codegen --report`): per page,
//! what became of its tables and fields; then one total line.
//!
//! Reads the resolved model only; deterministic, so it can be snapshotted.

use std::fmt::Write as _;

use crate::model::{ItemKind, Model, PageId, Reference, Type};
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
                    if contains(&field.ty, &Type::Fallback) {
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

/// The report as text: one block per page, then the total.
pub fn render(model: &Model, sources: &Sources) -> String {
    let mut out = String::new();
    for (i, page) in model.pages.iter().enumerate() {
        let c = page_counts(model, PageId(i as u32));
        writeln!(
            out,
            "{}: {} tables, {} structs, {} enums, {} fields: {} exact ({} any JSON as documented), {} fell back to Value",
            page.file_name, c.tables, c.structs, c.enums, c.fields, c.exact, c.any_json, c.fallback
        )
        .expect("writing to a String");
        for skipped in &page.skipped_tables {
            let file = sources.get(skipped.span.file);
            let (line, _) = file.line_col(skipped.span.start as usize);
            writeln!(out, "  skipped {}:{line}: {}", page.file_name, skipped.reason)
                .expect("writing to a String");
        }
    }
    let t = total_counts(model);
    writeln!(
        out,
        "total: {} pages, {} tables ({} skipped, {}), {} structs, {} enums, {} fields: {} exact, {} fell back to Value ({})",
        model.pages.len(),
        t.tables,
        t.skipped,
        percent(t.skipped, t.tables),
        t.structs,
        t.enums,
        t.fields,
        t.exact,
        t.fallback,
        percent(t.fallback, t.fields)
    )
    .expect("writing to a String");
    out
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0.00%".into();
    }
    format!("{:.2}%", part as f64 * 100.0 / whole as f64)
}
