//! What changed for users of the crate between two API [`Surface`]s, each
//! change classified by its effect, and the semver bump they imply.
//!
//! The rules, which the README repeats:
//! - breaking: a type or field removed, a type renamed, a field's type or
//!   wire name changed, an enum value removed or its variant renamed, a
//!   struct become an enum or back;
//! - additive: a new type, field or enum value (structs and enums are
//!   `#[non_exhaustive]`, and enums keep unknown values, so no user code
//!   breaks);
//! - docs-only: a rustdoc changed.
//!
//! Operations alike: one removed, its method or path, body or response type
//! changed, a parameter removed or changed, or a required one added is
//! breaking; an operation or an optional parameter added is additive.
//!
//! A removed type and an added one of the same kind are one rename when
//! they share an anchor (the heading's link target) or all their fields.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{FieldSurface, OperationSurface, ParamSurface, Surface, TypeSurface, ValueSurface};
use crate::source::{Sources, Span};

/// How a change affects users of the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Code that compiled may no longer compile, or may read other JSON.
    Breaking,
    /// New things; existing code is unaffected.
    Additive,
    /// Only rustdoc changed.
    DocsOnly,
}

impl Impact {
    /// As the report prints it.
    pub fn label(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
            Impact::DocsOnly => "docs-only",
        }
    }
}

/// The semver bump a set of changes implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Docs only.
    Patch,
    /// Additions only.
    Minor,
    /// Something breaks.
    Major,
}

impl Bump {
    /// As the report prints it.
    pub fn label(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// Where in the pages a change comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A place in the new pages.
    New(Span),
    /// A place in the old pages (a removal, when they were read).
    Old(Span),
    /// Only the page is known (a removal read from a stored surface).
    Page(String),
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Its effect on users.
    pub impact: Impact,
    /// What happened, e.g. `field removed`.
    pub what: &'static str,
    /// What it happened to and how, e.g. `` `Customer.id` (`id`, `String`) ``.
    pub detail: String,
    /// Where.
    pub at: Location,
}

/// Every change between two surfaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The changes, breaking first.
    pub changes: Vec<Change>,
}

impl Report {
    /// The bump the changes imply.
    pub fn bump(&self) -> Bump {
        self.changes.iter().map(|c| c.impact).min().map_or(Bump::None, |impact| match impact {
            Impact::Breaking => Bump::Major,
            Impact::Additive => Bump::Minor,
            Impact::DocsOnly => Bump::Patch,
        })
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    fn summary(&self) -> String {
        format!(
            "{} breaking, {} additive, {} docs-only",
            self.count(Impact::Breaking),
            self.count(Impact::Additive),
            self.count(Impact::DocsOnly)
        )
    }
}

/// Compares the surface of the old crate with the new one.
pub fn compare(old: &Surface, new: &Surface) -> Report {
    let mut changes = Vec::new();
    let old_types: BTreeMap<&str, &TypeSurface> =
        old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let new_types: BTreeMap<&str, &TypeSurface> =
        new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut added: Vec<&TypeSurface> =
        new.types.iter().filter(|t| !old_types.contains_key(t.name.as_str())).collect();
    for old_type in &old.types {
        if let Some(new_type) = new_types.get(old_type.name.as_str()) {
            compare_types(old_type, new_type, &mut changes);
            continue;
        }
        match added.iter().position(|a| is_rename(old_type, a)) {
            Some(i) => {
                let new_type = added.remove(i);
                changes.push(Change {
                    impact: Impact::Breaking,
                    what: "type renamed",
                    detail: format!("`{}` -> `{}`", old_type.name, new_type.name),
                    at: new_location(new_type.span, old_type),
                });
                compare_types(old_type, new_type, &mut changes);
            }
            None => changes.push(Change {
                impact: Impact::Breaking,
                what: "type removed",
                detail: format!("`{}` ({} on {})", old_type.name, old_type.kind, old_type.page),
                at: old_location(old_type.span, old_type),
            }),
        }
    }
    for new_type in added {
        changes.push(Change {
            impact: Impact::Additive,
            what: "type added",
            detail: format!("`{}` ({})", new_type.name, new_type.kind),
            at: new_location(new_type.span, new_type),
        });
    }
    compare_operations(old, new, &mut changes);
    changes.sort_by(|a, b| a.impact.cmp(&b.impact).then_with(|| order(&a.at).cmp(&order(&b.at))));
    Report { changes }
}

fn operation_location(span: Option<Span>, op: &OperationSurface) -> Location {
    span.map_or_else(|| Location::Page(op.page.clone()), Location::New)
}

/// Operations are compared by name (the page's file stem): removed or
/// added, method or path changed, parameters added, removed or changed,
/// body or response types changed, docs changed.
fn compare_operations(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let by_name: BTreeMap<&str, &OperationSurface> =
        new.operations.iter().map(|op| (op.name.as_str(), op)).collect();
    let old_names: BTreeSet<&str> = old.operations.iter().map(|op| op.name.as_str()).collect();
    for before in &old.operations {
        let Some(now) = by_name.get(before.name.as_str()) else {
            out.push(Change {
                impact: Impact::Breaking,
                what: "operation removed",
                detail: format!("`{}` (`Client::{}`)", before.name, before.method_name),
                at: span_or_page(before.span.map(Location::Old), &before.page),
            });
            continue;
        };
        let at = operation_location(now.span, now);
        let subject = format!("`Client::{}`", now.method_name);
        let mut breaking = |what: &'static str, detail: String| {
            out.push(Change { impact: Impact::Breaking, what, detail, at: at.clone() });
        };
        if before.method_name != now.method_name {
            breaking("operation renamed", format!("`Client::{}` -> {subject}", before.method_name));
        }
        if (&before.method, &before.path) != (&now.method, &now.path) {
            breaking(
                "operation request changed",
                format!(
                    "{subject}: `{} {}` -> `{} {}`",
                    before.method, before.path, now.method, now.path
                ),
            );
        }
        if before.body != now.body {
            let show = |b: &Option<String>| b.clone().unwrap_or_else(|| "no body".into());
            breaking(
                "request body changed",
                format!("{subject}: `{}` -> `{}`", show(&before.body), show(&now.body)),
            );
        }
        if before.response != now.response {
            breaking(
                "response type changed",
                format!("{subject}: `{}` -> `{}`", before.response, now.response),
            );
        }
        compare_params(before, now, &subject, out);
        if before.doc != now.doc {
            out.push(Change {
                impact: Impact::DocsOnly,
                what: "docs changed",
                detail: subject.clone(),
                at: operation_location(now.span, now),
            });
        }
    }
    for op in new.operations.iter().filter(|op| !old_names.contains(op.name.as_str())) {
        out.push(Change {
            impact: Impact::Additive,
            what: "operation added",
            detail: format!(
                "`{}` (`Client::{}`, `{} {}`)",
                op.name, op.method_name, op.method, op.path
            ),
            at: operation_location(op.span, op),
        });
    }
}

fn span_or_page(at: Option<Location>, page: &str) -> Location {
    at.unwrap_or_else(|| Location::Page(page.to_owned()))
}

/// A parameter that becomes required, or a required one added, changes
/// the method's arguments: breaking; an optional one added is a new
/// setter: additive.
fn compare_params(
    before: &OperationSurface,
    now: &OperationSurface,
    subject: &str,
    out: &mut Vec<Change>,
) {
    let old: BTreeMap<&str, &ParamSurface> =
        before.params.iter().map(|p| (p.name.as_str(), p)).collect();
    let new: BTreeMap<&str, &ParamSurface> =
        now.params.iter().map(|p| (p.name.as_str(), p)).collect();
    let at =
        |p: &ParamSurface| p.span.map_or_else(|| operation_location(now.span, now), Location::New);
    for param in &before.params {
        let Some(current) = new.get(param.name.as_str()) else {
            out.push(Change {
                impact: Impact::Breaking,
                what: "parameter removed",
                detail: format!("{subject}: `{}` (`{}`)", param.name, param.ty),
                at: operation_location(now.span, now),
            });
            continue;
        };
        let changed = (&param.ty, param.required, &param.fixed, &param.location, &param.rust)
            != (&current.ty, current.required, &current.fixed, &current.location, &current.rust);
        if changed {
            out.push(Change {
                impact: Impact::Breaking,
                what: "parameter changed",
                detail: format!(
                    "{subject}: `{}`: {} -> {}",
                    param.name,
                    describe_param(param),
                    describe_param(current)
                ),
                at: at(current),
            });
        } else if param.doc != current.doc {
            out.push(Change {
                impact: Impact::DocsOnly,
                what: "docs changed",
                detail: format!("{subject}: `{}`", param.name),
                at: at(current),
            });
        }
    }
    for param in now.params.iter().filter(|p| !old.contains_key(p.name.as_str())) {
        let (impact, what) = if param.required && param.fixed.is_none() {
            (Impact::Breaking, "required parameter added")
        } else {
            (Impact::Additive, "parameter added")
        };
        out.push(Change {
            impact,
            what,
            detail: format!("{subject}: `{}` ({}, `{}`)", param.name, param.location, param.ty),
            at: at(param),
        });
    }
}

fn describe_param(param: &ParamSurface) -> String {
    let how = match (&param.fixed, param.required) {
        (Some(value), _) => format!("fixed `{value}`"),
        (None, true) => "required".to_owned(),
        (None, false) => "optional".to_owned(),
    };
    format!("{} `{}` `{}` ({how})", param.location, param.rust, param.ty)
}

/// Sorts locations by page and position.
fn order(at: &Location) -> (u32, String, u32) {
    match at {
        Location::New(span) => (span.file.0, String::new(), span.start),
        Location::Old(span) => (u32::MAX, span.file.0.to_string(), span.start),
        Location::Page(page) => (u32::MAX, page.clone(), 0),
    }
}

fn new_location(span: Option<Span>, owner: &TypeSurface) -> Location {
    span.map_or_else(|| Location::Page(owner.page.clone()), Location::New)
}

fn old_location(span: Option<Span>, owner: &TypeSurface) -> Location {
    span.map_or_else(|| Location::Page(owner.page.clone()), Location::Old)
}

/// A rename: same kind, and a shared anchor or the same non-empty members.
fn is_rename(old: &TypeSurface, new: &TypeSurface) -> bool {
    if old.kind != new.kind {
        return false;
    }
    let shared_anchor = old.anchors.iter().any(|a| new.anchors.contains(a));
    let members = |t: &TypeSurface| -> BTreeSet<(String, String)> {
        t.fields
            .iter()
            .map(|f| (f.wire.clone(), f.ty.clone()))
            .chain(t.values.iter().map(|v| (v.wire.clone(), String::new())))
            .collect()
    };
    let old_members = members(old);
    shared_anchor || (!old_members.is_empty() && old_members == members(new))
}

fn compare_types(old: &TypeSurface, new: &TypeSurface, changes: &mut Vec<Change>) {
    let here = new_location(new.span, new);
    if old.kind != new.kind {
        changes.push(Change {
            impact: Impact::Breaking,
            what: "kind changed",
            detail: format!("`{}` was {}, is {}", new.name, article(&old.kind), article(&new.kind)),
            at: here,
        });
        return;
    }
    if old.doc != new.doc {
        changes.push(Change {
            impact: Impact::DocsOnly,
            what: "docs changed",
            detail: format!("`{}`", new.name),
            at: here.clone(),
        });
    }
    compare_fields(old, new, &here, changes);
    compare_values(old, new, &here, changes);
}

/// `a struct`, `an enum`.
fn article(kind: &str) -> String {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {kind}")
    } else {
        format!("a {kind}")
    }
}

fn compare_fields(old: &TypeSurface, new: &TypeSurface, here: &Location, out: &mut Vec<Change>) {
    let by_name = |t: &TypeSurface| -> BTreeMap<String, FieldSurface> {
        t.fields.iter().map(|f| (f.name.clone(), f.clone())).collect()
    };
    let (old_fields, new_fields) = (by_name(old), by_name(new));
    let subject = |f: &FieldSurface| format!("`{}.{}`", new.name, f.name);
    for field in &old.fields {
        let Some(now) = new_fields.get(&field.name) else {
            out.push(Change {
                impact: Impact::Breaking,
                what: "field removed",
                detail: format!("{} (`{}`, `{}`)", subject(field), field.wire, field.ty),
                at: here.clone(),
            });
            continue;
        };
        let at = new_location(now.span, new);
        if field.ty != now.ty {
            out.push(Change {
                impact: Impact::Breaking,
                what: "field type changed",
                detail: format!("{}: `{}` -> `{}`", subject(now), field.ty, now.ty),
                at: at.clone(),
            });
        }
        if field.wire != now.wire {
            out.push(Change {
                impact: Impact::Breaking,
                what: "wire name changed",
                detail: format!("{}: `{}` -> `{}`", subject(now), field.wire, now.wire),
                at: at.clone(),
            });
        }
        if field.doc != now.doc {
            out.push(Change {
                impact: Impact::DocsOnly,
                what: "docs changed",
                detail: subject(now),
                at,
            });
        }
    }
    for field in new.fields.iter().filter(|f| !old_fields.contains_key(&f.name)) {
        out.push(Change {
            impact: Impact::Additive,
            what: "field added",
            detail: format!("{} (`{}`, `{}`)", subject(field), field.wire, field.ty),
            at: new_location(field.span, new),
        });
    }
}

fn compare_values(old: &TypeSurface, new: &TypeSurface, here: &Location, out: &mut Vec<Change>) {
    let by_wire = |t: &TypeSurface| -> BTreeMap<String, ValueSurface> {
        t.values.iter().map(|v| (v.wire.clone(), v.clone())).collect()
    };
    let (old_values, new_values) = (by_wire(old), by_wire(new));
    let subject = |v: &ValueSurface| format!("`{}::{}` (`{}`)", new.name, v.variant, v.wire);
    for value in &old.values {
        let Some(now) = new_values.get(&value.wire) else {
            out.push(Change {
                impact: Impact::Breaking,
                what: "enum value removed",
                detail: subject(value),
                at: here.clone(),
            });
            continue;
        };
        let at = new_location(now.span, new);
        if value.variant != now.variant {
            out.push(Change {
                impact: Impact::Breaking,
                what: "variant renamed",
                detail: format!("`{}::{}` -> `{}`", new.name, value.variant, now.variant),
                at: at.clone(),
            });
        }
        if value.doc != now.doc {
            out.push(Change {
                impact: Impact::DocsOnly,
                what: "docs changed",
                detail: subject(now),
                at,
            });
        }
    }
    for value in new.values.iter().filter(|v| !old_values.contains_key(&v.wire)) {
        out.push(Change {
            impact: Impact::Additive,
            what: "enum value added",
            // Code that matched the value through the fallback variant (or
            // the `_` arm) sees it as its own variant from now on.
            detail: format!("{}, which decoded to the fallback variant before", subject(value)),
            at: new_location(value.span, new),
        });
    }
}

/// The pages the two surfaces were read from, to turn spans into
/// `file:line:col`. `old` is `None` when the old surface was stored.
#[derive(Clone, Copy)]
pub struct Pages<'a> {
    /// The old pages, if read.
    pub old: Option<&'a Sources>,
    /// The new pages.
    pub new: &'a Sources,
}

impl Pages<'_> {
    fn locate(&self, at: &Location) -> String {
        let place = |sources: &Sources, span: Span| {
            let file = sources.get(span.file);
            let (line, col) = file.line_col(span.start as usize);
            format!("{}:{line}:{col}", file.path)
        };
        match (at, self.old) {
            (Location::New(span), _) => place(self.new, *span),
            (Location::Old(span), Some(old)) => format!("{} (old)", place(old, *span)),
            (Location::Old(_), None) => "(old pages)".to_owned(),
            (Location::Page(page), _) => format!("{page} (old)"),
        }
    }
}

/// The report as text, one line a change, then the implied bump. `title`
/// says what was compared.
pub fn render_text(report: &Report, pages: Pages<'_>, title: &str) -> String {
    let mut out = format!("{title}\n");
    if report.is_empty() {
        out.push_str("no changes to the crates\n");
    }
    for change in &report.changes {
        writeln!(
            out,
            "{:<9}  {}: {}: {}",
            change.impact.label(),
            pages.locate(&change.at),
            change.what,
            change.detail
        )
        .expect("writing to a String");
    }
    writeln!(out, "implied version bump: {} ({})", report.bump().label(), report.summary())
        .expect("writing to a String");
    out
}

/// The report as Markdown for a pull request or CHANGELOG entry.
pub fn render_markdown(report: &Report, pages: Pages<'_>, title: &str) -> String {
    let mut out = format!("### {title}\n\n");
    writeln!(out, "Implied version bump: **{}** ({}).", report.bump().label(), report.summary())
        .expect("writing to a String");
    for (impact, heading) in [
        (Impact::Breaking, "Breaking"),
        (Impact::Additive, "Additive"),
        (Impact::DocsOnly, "Docs only"),
    ] {
        let changes: Vec<_> = report.changes.iter().filter(|c| c.impact == impact).collect();
        if changes.is_empty() {
            continue;
        }
        writeln!(out, "\n#### {heading}\n").expect("writing to a String");
        for change in changes {
            writeln!(out, "- {}: {} ({})", change.what, change.detail, pages.locate(&change.at))
                .expect("writing to a String");
        }
    }
    out
}

#[cfg(test)]
mod tests;
