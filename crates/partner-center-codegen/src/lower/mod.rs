//! Stage 2, lower: [`syntax::Page`]s -> the [`Model`] (IR), type references
//! still unresolved.
//!
//! Here a table gets its meaning. A section (heading) whose tables have a
//! Property/Name/Field column and a Type column is a resource: one struct,
//! one field per row. A section with a Value column is a set of values: an
//! enum. A string property whose description lists values in backticks gets
//! an enum of its own.

mod doc;
pub(crate) mod enums;
pub(crate) mod mojibake;
pub(crate) mod types;

use crate::diagnostics::{Code, Diagnostics};
use crate::model::{
    Doc, Enum, Field, FieldRef, Item, ItemId, ItemKind, Length, Model, Page, PageId, Reference,
    SkippedTable, Struct, Type, TypeFrom, Variant,
};
use crate::names;
use crate::parse::syntax::{self, Block, Cell, Row, Table};
use crate::source::{FileId, Role, SourceFile, Sources, Span};
use doc::DocLowering;
use types::TypeError;

/// Lowers parsed pages (given in [`Sources`] order) into the model.
pub(crate) fn lower(
    sources: &Sources,
    pages: &[syntax::Page],
    diagnostics: &mut Diagnostics,
) -> Model {
    let mut model = Model::default();
    for (id, source) in sources.iter() {
        report_repaired_bytes(id, source, diagnostics);
    }
    for page in pages.iter().filter(|p| sources.get(p.file).role == Role::Resources) {
        let source = sources.get(page.file);
        check_front_matter(page, source, diagnostics);
        let mut lowering = PageLowering {
            page: PageId(model.pages.len() as u32),
            docs: DocLowering { sources, diagnostics: &mut *diagnostics },
            items: &mut model.items,
            module: module_name(source.file_name()),
            tables: 0,
            skipped: Vec::new(),
        };
        let doc = lowering.docs.blocks(&page.intro);
        for section in &page.sections {
            lowering.section(section);
        }
        let (resource_tables, skipped_tables, module) =
            (lowering.tables, lowering.skipped, lowering.module);
        model.pages.push(Page {
            path: source.path.clone(),
            file_name: source.file_name().to_owned(),
            module,
            title: page.title.clone().unwrap_or_else(|| source.file_name().to_owned()),
            doc,
            depends_on: Vec::new(),
            resource_tables,
            skipped_tables,
        });
    }
    model
}

/// W0209 for each run of bytes that was not UTF-8.
fn report_repaired_bytes(file: FileId, source: &SourceFile, diagnostics: &mut Diagnostics) {
    for repair in &source.repaired {
        let range = &repair.range;
        let hex: Vec<String> = repair.bytes.iter().map(|b| format!("{b:#04x}")).collect();
        diagnostics.push(
            Code::InvalidUtf8,
            Span::new(file, range.clone()),
            format!(
                "bytes {} are not UTF-8; read as Windows-1252 `{}`",
                hex.join(" "),
                &source.text[range.clone()]
            ),
            "not UTF-8",
            "save the page as UTF-8",
        );
    }
}

/// E0105 when front matter opens with `---` and never closes: Markdown
/// would then read the whole page as one block of front matter or worse.
fn check_front_matter(page: &syntax::Page, source: &SourceFile, diagnostics: &mut Diagnostics) {
    let text = source.text.trim_start_matches('\u{FEFF}');
    let start = source.text.len() - text.len();
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return;
    }
    let closed = lines.any(|l| matches!(l.trim_end(), "---" | "..."));
    if !closed {
        diagnostics.push(
            Code::FrontMatter,
            Span::new(page.file, start..start + 3),
            "the front matter is never closed",
            "front matter opens here",
            "end the front matter with a line `---` before the page's first heading",
        );
    }
}

/// The field that keeps properties the page does not list. `resolve`
/// renames it if a property takes the name.
pub(crate) const EXTRA_FIELD: &str = "extra";

/// The enum variant that keeps values the page does not list. `resolve`
/// renames it if a value takes the name.
pub(crate) const FALLBACK_VARIANT: &str = "Other";

/// `customer-resources.md` -> `customer`.
pub(crate) fn module_name(file_name: &str) -> String {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let stem = stem.strip_suffix("-resources").unwrap_or(stem);
    names::snake_case(stem)
}

/// The type name a heading gives: `Customer` stays, `Subscription resource`
/// becomes `Subscription`, `Cart line item` becomes `CartLineItem`. A
/// heading that names a part of an operation rather than a resource
/// (`Request body`, `Response`, `Properties`) is prefixed with the page's
/// name: `Request body` on `create-a-cart.md` becomes `CreateACartRequestBody`.
pub(crate) fn item_name(title: &str, module: &str) -> String {
    const GENERIC: &[&str] = &["request", "response", "body", "properties"];
    let generic = title.split_whitespace().any(|w| GENERIC.contains(&w.to_lowercase().as_str()));
    let name = resource_name(title);
    if generic { names::pascal_case(module) + &name } else { name }
}

fn resource_name(title: &str) -> String {
    const NOUNS: &[&str] = &["resource", "resources", "object", "objects"];
    let mut words: Vec<&str> = title.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| NOUNS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    names::pascal_case(&words.join(" "))
}

/// True for a heading over URI parameters, request headers or request
/// syntax: its tables describe the HTTP request, not a JSON resource.
fn describes_http_request(title: &str) -> bool {
    const WORDS: &[&str] = &["parameter", "parameters", "header", "headers", "syntax"];
    title.split(|c: char| !c.is_alphanumeric()).any(|w| WORDS.contains(&w.to_lowercase().as_str()))
}

/// True for a heading that is one identifier in camel case
/// (`CustomerBillingProfile`), as resource headings are.
fn looks_like_a_resource(title: &str) -> bool {
    let camel_hump =
        title.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    title.starts_with(|c: char| c.is_ascii_uppercase())
        && title.chars().all(|c| c.is_ascii_alphanumeric())
        && camel_hump
}

/// The number of cells a table row has in its source: pipes outside code
/// spans and not escaped, less the outer ones.
fn source_cells(row: &str) -> usize {
    let row = row.trim();
    let mut cells = 1;
    let mut in_code = false;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => cells += 1,
            _ => {}
        }
    }
    cells
        - usize::from(row.starts_with('|'))
        - usize::from(row.ends_with('|') && !row.ends_with("\\|") && row.len() > 1)
}

/// Which column holds what in a property table.
struct PropertyColumns {
    name: usize,
    ty: usize,
    description: Option<usize>,
    required: Option<usize>,
    length: Option<usize>,
}

/// Which column holds what in a value table.
struct ValueColumns {
    value: usize,
    description: Option<usize>,
}

enum TableKind {
    Properties(PropertyColumns),
    Values(ValueColumns),
    /// A Property or Field column but no Type column.
    NoTypeColumn,
    /// Type and Description columns, but no Property, Name or Field column.
    NoNameColumn,
    /// Not a table of properties or values (HTTP methods, error codes, ...).
    Unrelated,
}

fn classify(table: &Table) -> TableKind {
    let headers: Vec<String> = table
        .header
        .iter()
        .map(|c| c.plain_text().trim_matches(['*', ' ']).to_lowercase())
        .collect();
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let description = find(&["description", "details"]);
    let first = headers.first().map(String::as_str).unwrap_or_default();
    if matches!(first, "property" | "name" | "field" | "property name" | "field name") {
        return match find(&["type", "data type", "value type"]) {
            Some(ty) => TableKind::Properties(PropertyColumns {
                name: 0,
                ty,
                description,
                required: find(&["required", "mandatory"]),
                length: headers.iter().position(|h| h.starts_with("length")),
            }),
            None if first != "name" => TableKind::NoTypeColumn,
            None => TableKind::Unrelated,
        };
    }
    if first == "value" && find(&["type"]).is_none() {
        return TableKind::Values(ValueColumns { value: 0, description });
    }
    if find(&["type"]).is_some()
        && description.is_some()
        && !matches!(first, "parameter" | "header")
    {
        return TableKind::NoNameColumn;
    }
    TableKind::Unrelated
}

struct PageLowering<'a> {
    page: PageId,
    /// The page's module name, for naming items under generic headings.
    module: String,
    /// Property and value tables seen.
    tables: u32,
    docs: DocLowering<'a>,
    items: &'a mut Vec<Item>,
    skipped: Vec<SkippedTable>,
}

impl PageLowering<'_> {
    fn section(&mut self, section: &syntax::Section) {
        let mut properties = Vec::new();
        let mut values = Vec::new();
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
                }
                TableKind::Unrelated => {}
            }
        }
        for table in properties.iter().map(|(t, _)| *t).chain(values.iter().map(|(t, _)| *t)) {
            self.check_cell_counts(table);
        }
        if properties.is_empty() && values.is_empty() {
            if looks_like_a_resource(&section.title) {
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
        let name = item_name(&section.title, &self.module);
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
    fn check_cell_counts(&mut self, table: &Table) {
        let text = &self.docs.sources.get(table.span.file).text;
        // An HTML table's cells are all in its rows; a pipe table drops the
        // cells beyond the header's count, so they are counted in the text.
        let html = text[table.span.range()].starts_with('<');
        let count = |span: Span, cells: &[syntax::Cell]| {
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
        section: &syntax::Section,
        name: String,
        doc: Doc,
        tables: &[(&Table, PropertyColumns)],
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

    fn field(&mut self, row: &Row, columns: &PropertyColumns) -> Option<Field> {
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
            boxed: false,
            span: row.span,
        })
    }

    fn type_error(
        &mut self,
        error: TypeError,
        property: &str,
        type_cell: &Cell,
        row: &Row,
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

    fn length(&mut self, cell: &Cell) -> Option<Length> {
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
        row: &Row,
        columns: &PropertyColumns,
        field: &Field,
    ) -> Option<Vec<Variant>> {
        if field.ty != Type::String {
            return None;
        }
        let description = cell(row, columns.description?);
        let values = enums::listed_values(&description.inlines)?;
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
        section: &syntax::Section,
        name: String,
        doc: Doc,
        tables: &[(&Table, ValueColumns)],
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

/// A cell of a row. pulldown-cmark pads short rows to the header's width,
/// so the fallback only guards against a row it did not pad.
fn cell(row: &Row, index: usize) -> &Cell {
    static EMPTY: Cell =
        Cell { span: Span { file: FileId(0), start: 0, end: 0 }, inlines: Vec::new() };
    row.cells.get(index).unwrap_or(&EMPTY)
}

/// The property a Name cell names: `id`, `` `id` `` and `**id**` are all
/// `id`; a trailing remark in parentheses is not part of it.
fn property_name(text: &str) -> String {
    let name = text.split('(').next().unwrap_or_default().trim();
    name.trim_matches(['`', '*', '"']).to_owned()
}
