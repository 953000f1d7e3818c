//! Checking objects of the examples against their structs, and changing a
//! field's type where the examples contradict its table.

use std::collections::{BTreeMap, BTreeSet};

use partner_center_support::json::object_type;
use partner_center_support::{DateTime, Decimal};
use serde_json::Value;

use super::extract::BodyAt;
use crate::diagnostics::{Code, Diagnostics};
use crate::model::{
    DocBlock, DocInline, ExampleStats, ItemId, ItemKind, Model, Reference, Type, TypeFrom,
};
use crate::source::Sources;

/// What an example showed for a field, where the table says otherwise.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Seen {
    /// A JSON value of another kind (`a number`, `an object`, ...).
    Kind(&'static str),
    /// A number with more significant digits than an `f64` keeps.
    ManyDigits,
    /// A decimal written as a number, as the table expects; recorded to
    /// tell fields that always get strings from those that get both.
    Number,
    /// A decimal written as a string (`"14.4"`).
    NumericString,
}

/// When a finding was made, in the order of one pass that checks the
/// objects naming their resource on every page, then the bodies their page
/// ties (phase 0, then 1): (phase, page, object, finding), where `object`
/// counts the objects of the page met in that phase, matched or not, and
/// `finding` the findings at that object. Pages are checked one at a time,
/// both phases each (and a page again for names only a later page taught),
/// so that a page's values can be let go of; keeping the earliest of each
/// finding by this order finds what that one pass finds.
pub(super) type Order = (u8, u32, u32, u32);

/// What an example showed for a field, when, and where (`page:line`).
pub(super) type Finding = (Seen, Order, String);

/// Each spelling of a member in the examples, with the body it was first
/// seen in: in objects whose every member is PascalCase (a .NET
/// serializer's), and in the others.
#[derive(Debug, Default)]
pub(super) struct Spellings<'p> {
    pub(super) plain: BySpelling<'p>,
    pub(super) pascal: BySpelling<'p>,
}

/// Each spelling of a member with when and where it was first seen, in the
/// order of the spellings. A member has one or two: a sorted list, where a
/// map would allocate room for eleven (a megabyte over the reference).
pub(super) type BySpelling<'p> = Vec<(String, (Order, BodyAt<'p>))>;

pub(super) struct Checker<'m, 'p> {
    pub(super) model: &'m Model,
    /// The pages, to say where in them an example shows something.
    pub(super) sources: &'m Sources,
    /// (struct, field index) -> what examples showed, with when and where.
    pub(super) evidence: BTreeMap<(ItemId, usize), Vec<Finding>>,
    /// Struct -> properties examples show that its table does not list.
    pub(super) undocumented: BTreeMap<ItemId, BTreeSet<String>>,
    /// (struct, field index) -> each spelling of its member in the
    /// examples, with the body it was first seen in (where in the page is
    /// worked out only for the few a diagnostic names).
    pub(super) spellings: BTreeMap<(ItemId, usize), Spellings<'p>>,
    pub(super) stats: ExampleStats,
    /// The phase and page being checked, and the count of findings so far.
    pub(super) order: Order,
}

impl<'p> Checker<'_, 'p> {
    /// The order of the next finding.
    fn next(&mut self) -> Order {
        self.order.3 += 1;
        self.order
    }

    /// Starts checking `page` in `phase`.
    pub(super) fn start(&mut self, phase: u8, page: usize) {
        self.order = (phase, page as u32, 0, 0);
    }

    /// Counts the next object met.
    pub(super) fn next_object(&mut self) {
        self.order = (self.order.0, self.order.1, self.order.2 + 1, 0);
    }

    /// What examples showed of each field, in the order first shown.
    pub(super) fn take_evidence(&mut self) -> BTreeMap<(ItemId, usize), Vec<(Seen, String)>> {
        std::mem::take(&mut self.evidence)
            .into_iter()
            .map(|(field, mut seen)| {
                seen.sort_by_key(|(_, order, _)| *order);
                (field, seen.into_iter().map(|(seen, _, at)| (seen, at)).collect())
            })
            .collect()
    }

    /// Struct items by lower-case name, title and alias.
    pub(super) fn object_types(
        &self,
        aliases: &BTreeMap<String, ItemId>,
    ) -> BTreeMap<String, ItemId> {
        let mut names = BTreeMap::new();
        for (id, item) in self.model.items() {
            if matches!(item.kind, ItemKind::Struct(_)) {
                names.entry(item.name.to_lowercase()).or_insert(id);
                names.entry(item.title.to_lowercase()).or_insert(id);
            }
        }
        for (alias, id) in aliases {
            names.entry(alias.to_lowercase()).or_insert(*id);
        }
        names
    }

    /// Checks every object in `value` that names a resource of the model
    /// by a name of `by_object_type`; adds to `missed` the names (in lower
    /// case) that named none.
    pub(super) fn find_objects(
        &mut self,
        value: &Value,
        by_object_type: &BTreeMap<String, ItemId>,
        example: BodyAt<'p>,
        missed: &mut BTreeSet<String>,
    ) {
        match value {
            Value::Object(map) => {
                self.next_object();
                if let Some(name) = object_type(value) {
                    let name = name.to_lowercase();
                    match by_object_type.get(&name) {
                        Some(&id) => {
                            self.stats.objects += 1;
                            self.check_struct(map, id, example);
                        }
                        None => {
                            missed.insert(name);
                        }
                    }
                }
                map.values().for_each(|v| self.find_objects(v, by_object_type, example, missed));
            }
            Value::Array(items) => {
                items.iter().for_each(|v| self.find_objects(v, by_object_type, example, missed))
            }
            _ => {}
        }
    }

    pub(super) fn check_struct(
        &mut self,
        object: &serde_json::Map<String, Value>,
        id: ItemId,
        example: BodyAt<'p>,
    ) {
        // The model outlives the checker: borrowed from it, not from `self`.
        let model = self.model;
        let ItemKind::Struct(s) = &model.item(id).kind else { return };
        let pascal = object.keys().all(|k| k.starts_with(|c: char| c.is_ascii_uppercase()));
        for (key, value) in object {
            match s.fields.iter().position(|f| f.wire_name.eq_ignore_ascii_case(key)) {
                Some(index) => {
                    let order = self.next();
                    let spellings = self.spellings.entry((id, index)).or_default();
                    let spellings =
                        if pascal { &mut spellings.pascal } else { &mut spellings.plain };
                    match spellings.binary_search_by(|(spelling, _)| spelling.cmp(key)) {
                        Ok(at) if spellings[at].1.0 < order => {}
                        Ok(at) => spellings[at].1 = (order, example),
                        Err(at) => spellings.insert(at, (key.clone(), (order, example))),
                    }
                    self.check(value, &s.fields[index].ty, (id, index), key, example);
                }
                None => {
                    let undocumented = self.undocumented.entry(id).or_default();
                    if !undocumented.contains(key) {
                        undocumented.insert(key.clone());
                    }
                }
            }
        }
    }

    /// Checks `value` against `ty`, the type of `field` (or of its elements).
    fn check(
        &mut self,
        value: &Value,
        ty: &Type,
        field: (ItemId, usize),
        key: &str,
        example: BodyAt<'p>,
    ) {
        if value.is_null() {
            return;
        }
        let seen = match (ty, value) {
            (Type::Json | Type::Fallback, _) => None,
            (Type::String, Value::String(_)) => None,
            // Checked with the very parser the models use.
            (Type::DateTime | Type::Date, Value::String(text)) => {
                text.parse::<DateTime>().is_err().then_some(Seen::Kind("a string that is no date"))
            }
            (Type::Bool, Value::Bool(_)) => None,
            (Type::Int64, Value::Number(n)) if n.is_i64() => None,
            (Type::Float64, Value::Number(n)) => {
                (significant_digits(&n.to_string()) > 17).then_some(Seen::ManyDigits)
            }
            (Type::Decimal, Value::Number(_)) => Some(Seen::Number),
            (Type::Decimal, Value::String(s)) if s.trim().parse::<Decimal>().is_ok() => {
                Some(Seen::NumericString)
            }
            (Type::List(inner), Value::Array(items)) => {
                items.iter().for_each(|v| self.check(v, inner, field, key, example));
                None
            }
            (Type::Map(inner), Value::Object(map)) => {
                map.values().for_each(|v| self.check(v, inner, field, key, example));
                None
            }
            (Type::Named(Reference::Item(id)), _) => match (&self.model.item(*id).kind, value) {
                (ItemKind::Struct(_), Value::Object(map)) => {
                    self.check_struct(map, *id, example);
                    None
                }
                (ItemKind::Enum(_), Value::String(_)) => None,
                _ => Some(Seen::Kind(kind(value))),
            },
            (Type::Named(Reference::Support(_)), Value::Object(_)) => None,
            _ => Some(Seen::Kind(kind(value))),
        };
        if let Some(seen) = seen {
            let order = self.next();
            let entry = self.evidence.entry(field).or_default();
            match entry.iter_mut().find(|(s, _, _)| *s == seen) {
                Some(first) if first.1 < order => {}
                Some(first) => *first = (seen, order, locate(&example, key, self.sources)),
                None => entry.push((seen, order, locate(&example, key, self.sources))),
            }
        }
    }
}

/// `file:line` of the first `"key"` in the example's JSON body.
pub(super) fn locate(example: &BodyAt<'_>, key: &str, sources: &Sources) -> String {
    let file = sources.get(example.block.file);
    let in_body = example.json(&file).find(&format!("\"{key}\"")).unwrap_or(0);
    let (line, _) = file.line_col(example.file_offset(&file, in_body));
    format!("{}:{line}", file.path)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Significant digits of a JSON number as written.
fn significant_digits(number: &str) -> usize {
    let mantissa = number.split(['e', 'E']).next().unwrap_or_default();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// Changes a field's type as its evidence demands; true if it changed.
pub(super) fn apply(
    model: &mut Model,
    item: ItemId,
    field: usize,
    seen: &[(Seen, String)],
    diagnostics: &mut Diagnostics,
) -> bool {
    let item_name = model.item(item).name.clone();
    let ItemKind::Struct(s) = &mut model.items[item.0 as usize].kind else { return false };
    let f = &mut s.fields[field];
    let documented = describe(&f.ty);
    let has = |wanted: &Seen| seen.iter().any(|(s, _)| s == wanted);
    let kind = seen.iter().find_map(|(s, _)| match s {
        Seen::Kind(kind) => Some(*kind),
        _ => None,
    });
    let (new_type, because, deciding) = if let Some(kind) = kind {
        let because = format!("its examples show {kind}, so it holds any JSON");
        (Type::Fallback, because, Seen::Kind(kind))
    } else if has(&Seen::ManyDigits) {
        let because =
            "its examples have more digits than a double keeps, so it is an exact decimal";
        (
            replace_scalar(&f.ty, &Type::Float64, &Type::Decimal),
            because.to_owned(),
            Seen::ManyDigits,
        )
    } else if has(&Seen::NumericString) && !has(&Seen::Number) {
        let because =
            "its examples write it as a string, so it is a decimal read and written as one";
        (
            replace_scalar(&f.ty, &Type::Decimal, &Type::DecimalString),
            because.to_owned(),
            Seen::NumericString,
        )
    } else if has(&Seen::NumericString) {
        let because =
            "its examples write it both as a number and as a string, so each value keeps its form";
        (
            replace_scalar(&f.ty, &Type::Decimal, &Type::DecimalLoose),
            because.to_owned(),
            Seen::NumericString,
        )
    } else {
        return false;
    };
    if new_type == f.ty {
        return false;
    }
    let d = diagnostics.push(
        Code::ExampleContradicts,
        f.span,
        format!("`{}` of `{item_name}` is documented as {documented}, but {because}", f.wire_name),
        "the examples win: they are what the service sent",
        "if the example is right, correct the table; if the table is, the example",
    );
    for (_, location) in seen.iter().filter(|(s, _)| *s == deciding) {
        d.note(format!("note: example at {location}"));
    }
    f.doc.blocks.push(DocBlock::Note {
        kind: "NOTE".into(),
        blocks: vec![DocBlock::Paragraph(vec![DocInline::Text(format!(
            "The reference documents this as {documented}, but {because}."
        ))])],
    });
    f.ty = new_type;
    f.type_from = TypeFrom::Examples;
    true
}

/// Takes the examples' spelling of a member as its wire name where they
/// all spell it one way, other than the table; true if it changed.
///
/// Objects written entirely in PascalCase follow a serializer's convention
/// (the .NET SDK's); they count only for a member no other example shows.
pub(super) fn apply_spelling(
    model: &mut Model,
    item: ItemId,
    field: usize,
    spellings: &Spellings<'_>,
    sources: &Sources,
    diagnostics: &mut Diagnostics,
) -> bool {
    let item_name = model.item(item).name.clone();
    let ItemKind::Struct(s) = &mut model.items[item.0 as usize].kind else { return false };
    let f = &mut s.fields[field];
    // Objects in PascalCase count only where no other object shows the member.
    let spellings = if spellings.plain.is_empty() { &spellings.pascal } else { &spellings.plain };
    let spellings: Vec<(&str, &BodyAt<'_>)> =
        spellings.iter().map(|(spelling, (_, at))| (spelling.as_str(), at)).collect();
    let Some(&(first_other, example)) = spellings.iter().find(|(s, _)| *s != f.wire_name) else {
        return false;
    };
    if spellings.len() > 1 {
        let d = diagnostics.push(
            Code::WireNameFromExamples,
            f.span,
            format!(
                "the examples spell `{}` of `{item_name}` {} ways; the table's spelling stays",
                f.wire_name,
                spellings.len()
            ),
            "the wire name stays as the table writes it",
            "find out which spelling the service sends, and make the table and examples agree",
        );
        for (spelling, example) in &spellings {
            d.note(format!("note: spelled `{spelling}` at {}", locate(example, spelling, sources)));
        }
        return false;
    }
    let d = diagnostics.push(
        Code::WireNameFromExamples,
        f.span,
        format!(
            "the examples spell `{}` of `{item_name}` as `{first_other}`; that is the wire name",
            f.wire_name
        ),
        "the examples win: they are what the service sent",
        "if the example is right, correct the table's spelling; if the table is, the example",
    );
    d.note(format!("note: example at {}", locate(example, first_other, sources)));
    f.doc.blocks.push(DocBlock::Note {
        kind: "NOTE".into(),
        blocks: vec![DocBlock::Paragraph(vec![
            DocInline::Text("The reference's table spells this member ".into()),
            DocInline::Code(f.wire_name.clone()),
            DocInline::Text(
                ", but its examples, which show what the service sends, spell it ".into(),
            ),
            DocInline::Code(first_other.to_owned()),
            DocInline::Text(": that is how it is written (it is read in any casing).".into()),
        ])],
    });
    f.table_wire_name = Some(std::mem::replace(&mut f.wire_name, first_other.to_owned()));
    true
}

fn replace_scalar(ty: &Type, from: &Type, to: &Type) -> Type {
    match ty {
        Type::List(inner) => Type::List(Box::new(replace_scalar(inner, from, to))),
        Type::Map(inner) => Type::Map(Box::new(replace_scalar(inner, from, to))),
        other if other == from => to.clone(),
        other => other.clone(),
    }
}

fn describe(ty: &Type) -> String {
    match ty {
        Type::String => "a string".into(),
        Type::Bool => "a boolean".into(),
        Type::Int64 => "a 64-bit integer".into(),
        Type::Float64 => "a double".into(),
        Type::Decimal | Type::DecimalString | Type::DecimalLoose => "a decimal".into(),
        Type::DateTime | Type::Date => "a date".into(),
        Type::Json | Type::Fallback => "any JSON".into(),
        Type::List(inner) => format!("a list of {}", describe(inner)),
        Type::Map(inner) => format!("a map of {}", describe(inner)),
        Type::Named(_) => "a resource".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_significant_digits() {
        assert_eq!(significant_digits("28.82860766744404945074"), 22);
        assert_eq!(significant_digits("0.00120"), 2);
        assert_eq!(significant_digits("-1.5e10"), 2);
    }
}
