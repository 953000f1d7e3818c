//! Resource pages: each section with a property table becomes a struct,
//! each value table an enum, and a string property that lists its values
//! an enum of its own.

use super::doc::DocLowering;
use super::enums;
use super::tables::{
    PropertyColumns, TableKind, ValueColumns, cell, classify, describes_http_request,
    looks_like_a_resource, source_cells,
};
use super::types::{self, TypeError};
use crate::diagnostics::Code;
use crate::model::{
    Doc, Enum, Field, FieldRef, Item, ItemId, ItemKind, Length, PageId, Reference, SkippedTable,
    Struct, Type, TypeFrom, Variant,
};
use crate::names;
use crate::parse::syntax::{self, Block, Cell, Row, Table};
use crate::source::Span;

/// The field that keeps properties the page does not list. `resolve`
/// renames it if a property takes the name.
pub(crate) const EXTRA_FIELD: &str = "extra";

/// The enum variant that keeps values the page does not list. `resolve`
/// renames it if a value takes the name.
pub(crate) const FALLBACK_VARIANT: &str = "Other";

pub(super) struct PageLowering<'a> {
    pub(super) page: PageId,
    /// The page's module name, for naming items under generic headings.
    pub(super) module: String,
    /// Property and value tables seen.
    pub(super) tables: u32,
    pub(super) docs: DocLowering<'a>,
    pub(super) items: &'a mut Vec<Item>,
    pub(super) skipped: Vec<SkippedTable>,
}

impl PageLowering<'_> {
    pub(super) fn section(&mut self, section: &syntax::Section<'_>) {
        let mut properties = Vec::new();
        let mut values = Vec::new();
        // A table that was reported already (no Type column, ...): the
        // heading has a table, so "no table follows it" would be untrue.
        let mut reported = false;
        let request_part = describes_http_request(&section.title);
        for block in &section.blocks {
            let Block::Table(table) = block else { continue };
            let kind = classify(table);
            if !matches!(kind, TableKind::Unrelated) {
                self.tables += 1;
            }
            if request_part && !matches!(kind, TableKind::Unrelated) {
                self.skip(
                    table.span,
                    &format!("lists HTTP request parts (`{}`), not JSON properties", section.title),
                );
                continue;
            }
            match kind {
                TableKind::Properties(columns) => properties.push((table, columns)),
                TableKind::Values(columns) => values.push((table, columns)),
                TableKind::NoTypeColumn => {
                    self.docs.diagnostics.push(
                        Code::MissingColumn,
                        table.header[0].span,
                        format!("the property table under `{}` has no Type column", section.title),
                        "a table of properties needs a Type column",
                        "add a `Type` column (string, int, boolean, a link to a resource, ...)",
                    );
                    self.skip(table.span, "a Property column but no Type column");
                    reported = true;
                }
                TableKind::NoNameColumn => {
                    self.docs.diagnostics.push(
                        Code::MissingColumn,
                        table.header[0].span,
                        format!(
                            "the table under `{}` has a Type column but no Property column",
                            section.title
                        ),
                        "a table of properties starts with a Property, Name or Field column",
                        "name the first column `Property` and put each property's JSON name in it",
                    );
                    self.skip(table.span, "a Type column but no Property column");
                    reported = true;
                }
                TableKind::Unrelated => {}
            }
        }
        for table in properties.iter().map(|(t, _)| *t).chain(values.iter().map(|(t, _)| *t)) {
            self.check_cell_counts(table);
        }
        if properties.is_empty() && values.is_empty() {
            if looks_like_a_resource(&section.title) && !reported {
                self.docs.diagnostics.push(
                    Code::HeadingWithoutTable,
                    section.span,
                    format!("`{}` is named like a resource, but no table follows it", section.title),
                    "no Property | Type | Description table under this heading",
                    "add the resource's table under the heading, or rename the heading if it is no resource",
                );
            }
            return;
        }
        let doc = self.docs.blocks(&section.blocks);
        let name = names::item_name(&section.title, &self.module);
        if !properties.is_empty() {
            self.struct_item(section, name.clone(), doc.clone(), &properties);
        }
        if !values.is_empty() {
            self.enum_item(section, name, doc, &values);
        }
    }

    /// E0104 for rows whose source has more or fewer cells than the header:
    /// an unescaped `|` in a description cuts the row short, a missing one
    /// shifts every cell after it.
    fn check_cell_counts(&mut self, table: &Table<'_>) {
        let text = &self.docs.sources.get(table.span.file).text;
        // An HTML table's cells are all in its rows; a pipe table drops the
        // cells beyond the header's count, so they are counted in the text.
        let html = text[table.span.range()].starts_with('<');
        let count = |span: Span, cells: &[syntax::Cell<'_>]| {
            if html { cells.len() } else { source_cells(&text[span.range()]) }
        };
        let header = count(table.header_span, &table.header);
        for row in &table.rows {
            let cells = count(row.span, &row.cells);
            if cells == header {
                continue;
            }
            let help = if cells > header {
                "a `|` inside a cell ends it: write it as `\\|`"
            } else {
                "add the missing cells; an empty cell is written `| |`"
            };
            self.docs.diagnostics.push(
                Code::RowCells,
                row.span,
                format!("this row has {cells} cells, its header {header}"),
                "wrong number of cells",
                help,
            );
        }
    }

    fn skip(&mut self, span: Span, reason: &str) {
        self.skipped.push(SkippedTable { span, reason: reason.to_owned() });
    }

    fn push(&mut self, item: Item) -> ItemId {
        self.items.push(item);
        ItemId(self.items.len() as u32 - 1)
    }

    fn struct_item(
        &mut self,
        section: &syntax::Section<'_>,
        name: String,
        doc: Doc,
        tables: &[(&Table<'_>, PropertyColumns)],
    ) {
        let id = self.push(Item {
            name: name.clone(),
            title: section.title.clone(),
            page: self.page,
            anchors: section.anchors.clone(),
            aliases: Vec::new(),
            span: section.span,
            doc,
            kind: ItemKind::Struct(Struct {
                fields: Vec::new(),
                extra_field: EXTRA_FIELD.to_owned(),
                undocumented: Vec::new(),
            }),
        });
        let mut fields: Vec<Field> = Vec::new();
        for (table, columns) in tables {
            for row in &table.rows {
                let Some(mut field) = self.field(row, columns) else {
                    continue;
                };
                if let Some(first) = fields.iter().find(|f| f.wire_name == field.wire_name) {
                    let (line, _) =
                        self.docs.sources.get(first.span.file).line_col(first.span.start as usize);
                    self.docs.diagnostics.push(
                        Code::DuplicateProperty,
                        row.cells[columns.name].span,
                        format!("`{}` is listed twice in `{name}`", field.doc_name),
                        "this row is ignored",
                        format!(
                            "delete one of the rows; the first `{}` is on line {line}",
                            first.doc_name
                        ),
                    );
                    continue;
                }
                if let Some(values) = self.listed_enum(row, columns, &field) {
                    let enum_id = self.push(Item {
                        name: format!("{name}{}", names::pascal_case(&field.wire_name)),
                        title: format!("{name}.{}", field.doc_name),
                        page: self.page,
                        anchors: Vec::new(),
                        aliases: Vec::new(),
                        span: field.span,
                        doc: field.doc.clone(),
                        kind: ItemKind::Enum(Enum {
                            variants: values,
                            fallback: FALLBACK_VARIANT.to_owned(),
                            listed_by: Some(FieldRef { item: id, field: fields.len() as u32 }),
                        }),
                    });
                    field.ty = Type::Named(Reference::Item(enum_id));
                }
                fields.push(field);
            }
        }
        if let ItemKind::Struct(s) = &mut self.items[id.0 as usize].kind {
            s.fields = fields;
        }
    }

    fn field(&mut self, row: &Row<'_>, columns: &PropertyColumns) -> Option<Field> {
        let name_cell = cell(row, columns.name);
        let doc_name = property_name(&name_cell.plain_text());
        // `@` starts OData's control members (`@nextLink`).
        let valid_start = doc_name.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '@');
        // A Rust field name is made of the ASCII letters and digits of the
        // JSON name; a name with none of them would have no field name.
        let has_ascii = doc_name.chars().any(|c| c.is_ascii_alphanumeric());
        if doc_name.is_empty() || !valid_start || !has_ascii {
            const HELP: &str =
                "write the property's JSON name, starting with a letter, in the first column";
            let (span, message, help) = if doc_name.is_empty() {
                (row.span, "this row names no property".to_owned(), HELP)
            } else if !valid_start {
                (name_cell.span, format!("`{doc_name}` cannot be a property name"), HELP)
            } else {
                (
                    name_cell.span,
                    format!("`{doc_name}` has no ASCII letter or digit to name a field"),
                    "write the JSON name exactly as the service sends it; Rust field names \
                     are made of its ASCII letters and digits",
                )
            };
            self.docs.diagnostics.push(
                Code::InvalidName,
                span,
                message,
                "expected a property name such as `companyName`",
                help,
            );
            return None;
        }
        let type_cell = cell(row, columns.ty);
        let ty = match types::parse_type(type_cell) {
            Ok(ty) => ty,
            Err(error) => self.type_error(error, &doc_name, type_cell, row)?,
        };
        let description = columns.description.map(|i| cell(row, i));
        let doc = description.map(|c| self.docs.paragraph(&c.inlines)).unwrap_or_default();
        let required = columns.required.is_some_and(|i| {
            matches!(
                cell(row, i).plain_text().to_lowercase().as_str(),
                "yes" | "y" | "true" | "required"
            )
        });
        let length = columns.length.and_then(|i| self.length(cell(row, i)));
        let wire_name = names::wire_name(&doc_name);
        Some(Field {
            rust_name: names::snake_case(&wire_name),
            wire_name,
            doc_name,
            ty,
            doc,
            required,
            length,
            type_from: TypeFrom::Table,
            table_wire_name: None,
            boxed: false,
            span: row.span,
        })
    }

    fn type_error(
        &mut self,
        error: TypeError,
        property: &str,
        type_cell: &Cell<'_>,
        row: &Row<'_>,
    ) -> Option<Type> {
        let span =
            if type_cell.span.start == type_cell.span.end { row.span } else { type_cell.span };
        let diagnostics = &mut *self.docs.diagnostics;
        match error {
            TypeError::Empty => {
                diagnostics.push(
                    Code::UnknownType,
                    span,
                    format!("`{property}` has no type"),
                    "empty Type cell",
                    "write a type such as `string`, `int`, `boolean` or a link to a resource",
                );
                None
            }
            TypeError::UnknownWord { word, suggestion } => {
                let help = match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "use string, int, long, decimal, double, boolean, date, datetime, object, or a link to a resource".to_owned(),
                };
                diagnostics.push(
                    Code::UnknownType,
                    span,
                    format!("unknown type `{word}` for `{property}`"),
                    "not a type the generator knows",
                    help,
                );
                None
            }
            TypeError::Unreadable(words) => {
                diagnostics.push(
                    Code::UnresolvedType,
                    span,
                    format!("cannot read the type `{words}` of `{property}`"),
                    "the field will hold any JSON (`serde_json::Value`)",
                    "write the type as e.g. `array of [Name](#name)` or `string`",
                );
                Some(Type::Fallback)
            }
        }
    }

    fn length(&mut self, cell: &Cell<'_>) -> Option<Length> {
        let text = cell.plain_text();
        let trimmed = text.trim().to_lowercase();
        if matches!(trimmed.as_str(), "" | "n/a" | "na" | "-" | "none") {
            return None;
        }
        let inner = trimmed.trim_start_matches('(').trim_end_matches(')');
        let parsed = inner.split_once(',').and_then(|(min, max)| {
            Some(Length { min: min.trim().parse().ok()?, max: max.trim().parse().ok()? })
        });
        if parsed.is_none_or(|l| l.min > l.max) {
            self.docs
                .diagnostics
                .push(
                    Code::InvalidConstraint,
                    cell.span,
                    format!("`{}` are no length bounds", text.trim()),
                    "expected `(min, max)` with min <= max, or `n/a`",
                    "write the bounds as `(min, max)`, or `n/a` for none",
                )
                .note("note: no length check is generated for this property");
            return None;
        }
        parsed
    }

    fn listed_enum(
        &mut self,
        row: &Row<'_>,
        columns: &PropertyColumns,
        field: &Field,
    ) -> Option<Vec<Variant>> {
        if field.ty != Type::String {
            return None;
        }
        let description = cell(row, columns.description?);
        let values = enums::listed_values(&description.inlines)
            .or_else(|| enums::quoted_values(&description.inlines))?;
        Some(
            values
                .into_iter()
                .map(|(value, span)| Variant {
                    rust_name: names::pascal_case(&value),
                    wire_value: value,
                    doc: Doc::default(),
                    span,
                })
                .collect(),
        )
    }

    fn enum_item(
        &mut self,
        section: &syntax::Section<'_>,
        name: String,
        doc: Doc,
        tables: &[(&Table<'_>, ValueColumns)],
    ) {
        let mut variants: Vec<Variant> = Vec::new();
        for (table, columns) in tables {
            for row in &table.rows {
                let value_cell = cell(row, columns.value);
                let value = value_cell.plain_text();
                if value.is_empty() {
                    self.docs.diagnostics.push(
                        Code::InvalidName,
                        row.span,
                        "this row names no value",
                        "expected the value as the service sends it",
                        "write the value in the first column, or delete the row",
                    );
                    continue;
                }
                if variants.iter().any(|v| v.wire_value == value) {
                    self.docs.diagnostics.push(
                        Code::DuplicateProperty,
                        value_cell.span,
                        format!("`{value}` is listed twice in `{name}`"),
                        "this row is ignored",
                        "delete one of the rows",
                    );
                    continue;
                }
                let doc = columns
                    .description
                    .map(|i| self.docs.paragraph(&cell(row, i).inlines))
                    .unwrap_or_default();
                variants.push(Variant {
                    rust_name: names::pascal_case(&value),
                    wire_value: value,
                    doc,
                    span: value_cell.span,
                });
            }
        }
        self.push(Item {
            name,
            title: section.title.clone(),
            page: self.page,
            anchors: section.anchors.clone(),
            aliases: Vec::new(),
            span: section.span,
            doc,
            kind: ItemKind::Enum(Enum {
                variants,
                fallback: FALLBACK_VARIANT.to_owned(),
                listed_by: None,
            }),
        });
    }
}

/// The property a Name cell names: `id`, `` `id` `` and `**id**` are all
/// `id`; a trailing remark in parentheses is not part of it.
fn property_name(text: &str) -> String {
    let name = text.split('(').next().unwrap_or_default().trim();
    name.trim_matches(['`', '*', '"']).to_owned()
}
