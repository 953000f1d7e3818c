//! Operation pages: each `Method | Request URI` row becomes an operation,
//! with its parameters (from the URI and the parameter table), what the
//! page says it sends (`Request body`) and returns (`REST response`).
//!
//! Rows of one method and path that differ only in their query string
//! (`?size={size}`, `&seekOperation=Next`) are one operation. Defects the
//! reference has in its URIs (`//`, a stray `>`, two `?`) are repaired
//! where the repair is certain, with a warning; a row that cannot be read
//! gives no operation, and the page records why.

use std::collections::BTreeMap;

use super::doc::DocLowering;
use super::tables::cell;
use super::types;
use crate::diagnostics::Code;
use crate::model::{
    Body, Doc, Location, Method, Operation, OperationPage, OperationPageId, Param, Response,
    Segment, Shape, SkippedOperation, Type, TypeName,
};
use crate::names;
use crate::parse::syntax::{self, Block, Inline, Row, Table};
use crate::source::{SourceFile, Span};

/// Lowers one operation page: its operations are appended to `operations`.
pub(super) fn lower_page(
    id: OperationPageId,
    page: &syntax::Page<'_>,
    source: &SourceFile,
    docs: &mut DocLowering<'_>,
    operations: &mut Vec<Operation>,
) -> Option<OperationPage> {
    // The section titles in lower case, which both look through.
    let titles: Vec<String> = page.sections.iter().map(|s| s.title.to_lowercase()).collect();
    let tables = PageTables::of(page, &titles);
    if tables.methods.is_empty() && tables.unreadable.is_empty() {
        return None;
    }
    let mut lowering = PageLowering { source, docs, skipped: Vec::new() };
    for &span in &tables.unreadable {
        lowering.skip(
            span,
            "this `Method | Request URI` table is no Markdown table: its delimiter row has a \
             different number of cells than its header"
                .into(),
            "give the `|---|` row as many cells as the header row",
        );
    }
    let mut rows: Vec<RowUri> = Vec::new();
    for row in tables.methods.iter().flat_map(|t| &t.rows) {
        if let Some(uri) = lowering.method_row(row) {
            rows.push(uri);
        }
    }
    let groups = group_rows(rows);
    let stem = source.file_name().trim_end_matches(".md").to_owned();
    let (rust_base, type_base) = names::operation_names(&stem);
    let body_statement = statement(page, &titles, is_request_body_section);
    let response_statement = statement(page, &titles, is_response_section);
    // A row for a path parameter of another operation of the page is no
    // query parameter of this one.
    let all_path_params: Vec<String> =
        groups.iter().flat_map(|g| g.path_params.iter().map(|p| normalise(p))).collect();
    for (index, group) in groups.into_iter().enumerate() {
        let suffix = if index == 0 { String::new() } else { format!("{}", index + 1) };
        let params = lowering.params(&group, &tables.parameters, &all_path_params);
        let body = lowering.body(group.method, body_statement.as_ref());
        let response = response(response_statement.as_ref());
        operations.push(Operation {
            page: id,
            name: if suffix.is_empty() { stem.clone() } else { format!("{stem}-{suffix}") },
            rust_name: if suffix.is_empty() {
                rust_base.clone()
            } else {
                format!("{rust_base}_{suffix}")
            },
            type_name: format!("{type_base}{suffix}"),
            method: group.method,
            path: group.path,
            params,
            body,
            response,
            span: group.span,
        });
    }
    let doc = summary(page, lowering.docs);
    Some(OperationPage {
        path: source.path.clone(),
        file_name: source.file_name().to_owned(),
        title: page.title.clone().unwrap_or_else(|| stem.clone()),
        doc,
        skipped: lowering.skipped,
    })
}

/// The tables of an operation page that describe its requests.
struct PageTables<'p> {
    /// `Method | Request URI` tables.
    methods: Vec<&'p Table<'p>>,
    /// Parameter tables (`Name | Type | Required | Description`, or
    /// `Parameter | Type | Description`) under a heading about parameters.
    parameters: Vec<&'p Table<'p>>,
    /// Paragraphs that were meant as a `Method | Request URI` table but
    /// that Markdown does not read as one.
    unreadable: Vec<Span>,
}

impl<'p> PageTables<'p> {
    /// The tables of `page`, whose section titles in lower case are `titles`.
    fn of(page: &'p syntax::Page<'_>, titles: &[String]) -> Self {
        let mut tables =
            PageTables { methods: Vec::new(), parameters: Vec::new(), unreadable: Vec::new() };
        let intro = std::iter::once(("", &page.intro));
        let sections =
            titles.iter().map(String::as_str).zip(page.sections.iter().map(|s| &s.blocks));
        let mut plain = String::new();
        for (title, blocks) in intro.chain(sections) {
            for block in blocks {
                if let Block::Paragraph(inlines) = block {
                    syntax::plain_text_into(inlines, &mut plain);
                    // Most paragraphs do not start with a `|` (bold aside).
                    if !plain.trim_start_matches('*').starts_with('|') {
                        continue;
                    }
                    let text = plain.to_lowercase().replace('*', "");
                    let looks_like_table = text.starts_with('|')
                        && text.trim_start_matches(['|', ' ']).starts_with("method")
                        && text.contains("request uri");
                    if let (true, Some(span)) = (looks_like_table, inline_span(inlines)) {
                        tables.unreadable.push(span);
                    }
                }
                let Block::Table(table) = block else { continue };
                let headers: Vec<String> = table
                    .header
                    .iter()
                    .map(|c| c.plain_text().trim_matches(['*', ' ']).to_lowercase())
                    .collect();
                let first = headers.first().map(String::as_str).unwrap_or_default();
                if first == "method" && headers.get(1).is_some_and(|h| h.contains("uri")) {
                    tables.methods.push(table);
                } else if matches!(first, "name" | "parameter" | "parameter name")
                    && headers.iter().any(|h| h == "type")
                    && (title.contains("parameter") || first == "parameter")
                {
                    tables.parameters.push(table);
                }
            }
        }
        tables
    }
}

/// Which column of a parameter table holds what.
struct ParamColumns {
    ty: usize,
    required: Option<usize>,
    description: Option<usize>,
}

impl ParamColumns {
    fn of(table: &Table<'_>) -> Option<Self> {
        let headers: Vec<String> = table
            .header
            .iter()
            .map(|c| c.plain_text().trim_matches(['*', ' ']).to_lowercase())
            .collect();
        let find = |name: &str| headers.iter().position(|h| h == name);
        Some(ParamColumns {
            ty: find("type")?,
            required: find("required"),
            description: find("description"),
        })
    }
}

/// One `Method | Request URI` row, read.
struct RowUri {
    method: Method,
    /// The path, pieces of literal text and parameter names.
    path: Vec<PathPiece>,
    /// The query as written: key and value, in order.
    query: Vec<(String, QueryValue)>,
    /// The row.
    span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum PathPiece {
    Literal(String),
    Param(String),
}

/// A query value as the URI writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum QueryValue {
    /// `{name}`: a parameter.
    Param(String),
    /// A literal (`office`, `Next`).
    Literal(String),
    /// A value with a parameter inside (`{"Field":"{x}"}`): a parameter
    /// named after its key.
    Template,
}

/// The rows of one method and path, merged.
struct Group {
    method: Method,
    path: Vec<Segment>,
    /// Path parameter names, in path order.
    path_params: Vec<String>,
    /// Every query key, with the values each row gave it (`None` for a row
    /// without it), in first-seen order.
    query: Vec<(String, Vec<Vec<QueryValue>>)>,
    rows: usize,
    span: Span,
}

fn group_rows(rows: Vec<RowUri>) -> Vec<Group> {
    let mut groups: Vec<(String, Group)> = Vec::new();
    for row in rows {
        let key = format!(
            "{} {}",
            row.method.as_str(),
            row.path
                .iter()
                .map(|p| match p {
                    PathPiece::Literal(text) => text.to_lowercase(),
                    PathPiece::Param(_) => "{}".to_owned(),
                })
                .collect::<String>()
        );
        let index = match groups.iter().position(|(k, _)| *k == key) {
            Some(index) => index,
            None => {
                let mut path = Vec::new();
                let mut path_params = Vec::new();
                for piece in &row.path {
                    match piece {
                        PathPiece::Literal(text) => path.push(Segment::Literal(text.clone())),
                        PathPiece::Param(name) => {
                            path.push(Segment::Param(path_params.len()));
                            path_params.push(name.clone());
                        }
                    }
                }
                let group = Group {
                    method: row.method,
                    path,
                    path_params,
                    query: Vec::new(),
                    rows: 0,
                    span: row.span,
                };
                groups.push((key, group));
                groups.len() - 1
            }
        };
        let group = &mut groups[index].1;
        let row_index = group.rows;
        group.rows += 1;
        for (key, value) in row.query {
            let entry = match group.query.iter().position(|(k, _)| k.eq_ignore_ascii_case(&key)) {
                Some(i) => &mut group.query[i].1,
                None => {
                    group.query.push((key, Vec::new()));
                    &mut group.query.last_mut().expect("just pushed").1
                }
            };
            entry.resize(row_index + 1, Vec::new());
            entry[row_index].push(value);
        }
    }
    groups
        .into_iter()
        .map(|(_, mut group)| {
            let rows = group.rows;
            for (_, values) in &mut group.query {
                values.resize(rows, Vec::new());
            }
            group
        })
        .collect()
}

/// The words of a name in lower case: `SelfServePolicy-id` ->
/// {self, serve, policy, id}; `{id-for-subscription}` -> {id, for,
/// subscription}.
fn word_set(name: &str) -> std::collections::BTreeSet<String> {
    names::words(name).into_iter().map(str::to_ascii_lowercase).collect()
}

/// A name reduced to what identifies it: `customer-tenant-id`,
/// `CustomerTenantId` and `customer_tenant_id` are one.
fn normalise(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).flat_map(char::to_lowercase).collect()
}

struct PageLowering<'a, 'd> {
    source: &'a SourceFile,
    docs: &'a mut DocLowering<'d>,
    skipped: Vec<SkippedOperation>,
}

impl PageLowering<'_, '_> {
    /// The span of the first `needle` in the source of `within`, else `within`.
    fn locate(&self, within: Span, needle: &str) -> Span {
        let text = &self.source.text[within.range()];
        match text.find(needle) {
            Some(i) => within.within(i..i + needle.len()),
            None => within,
        }
    }

    fn skip(&mut self, span: Span, reason: String, help: &str) {
        self.docs.diagnostics.push(
            Code::OperationSkipped,
            span,
            format!("no operation from this row: {reason}"),
            "this row gives no operation",
            help,
        );
        self.skipped.push(SkippedOperation { span, reason });
    }

    fn repaired(&mut self, span: Span, what: &str, repair: &str) {
        self.docs.diagnostics.push(
            Code::MalformedUri,
            span,
            format!("the request URI has {what}; read as {repair}"),
            what.to_owned(),
            "correct the URI in the `Method | Request URI` table",
        );
    }

    /// Reads a `Method | Request URI` row, repairing what is certain.
    fn method_row(&mut self, row: &Row<'_>) -> Option<RowUri> {
        let method_text = cell(row, 0).plain_text();
        let method_text = method_text.trim_matches(['*', ' ']);
        let Some(method) = Method::parse(method_text) else {
            self.skip(
                row.span,
                format!("`{method_text}` is no HTTP method"),
                "write the method (GET, POST, PUT, PATCH, DELETE, HEAD) in the first column",
            );
            return None;
        };
        let uri_cell = cell(row, 1);
        let text = uri_cell.plain_text();
        let Some(start) = text.to_lowercase().find("{baseurl}") else {
            self.skip(
                row.span,
                "the request URI does not start with `{baseURL}`".into(),
                "write the URI as `{baseURL}/v1/...`, linking `{baseURL}` to partner-center-rest-urls.md",
            );
            return None;
        };
        let mut uri = text[start + "{baseurl}".len()..].trim().to_owned();
        if let Some(version) = uri.rfind(" HTTP/") {
            uri.truncate(version);
        }
        let mut uri = uri.trim().to_owned();
        if uri.contains(char::is_whitespace) {
            self.skip(
                row.span,
                format!("the request URI `{uri}` has a space in it"),
                "write the URI without spaces; put values with spaces in the parameter table",
            );
            return None;
        }
        let span = uri_cell.span;
        if let Some(stripped) = uri.strip_suffix(['>', '<']) {
            let at = self.locate(span, &format!("{stripped}>"));
            self.repaired(at, "a stray `>` at its end", "the URI without it");
            uri = stripped.to_owned();
        }
        // The query starts at the first `?`, or at an `&` written before it.
        let split = match (uri.find('?'), uri.find('&')) {
            (Some(q), Some(a)) if a < q => {
                self.repaired(self.locate(span, "&"), "`&` before `?`", "the start of the query");
                Some(a)
            }
            (Some(q), _) => Some(q),
            (None, Some(a)) => {
                self.repaired(self.locate(span, "&"), "`&` without `?`", "the start of the query");
                Some(a)
            }
            (None, None) => None,
        };
        let (mut path, query) = match split {
            Some(i) => (uri[..i].to_owned(), uri[i + 1..].to_owned()),
            None => (uri.clone(), String::new()),
        };
        if query.contains('?') {
            self.repaired(self.locate(span, "?"), "a second `?`", "`&`");
        }
        if path.contains("//") {
            self.repaired(self.locate(span, "//"), "`//`", "`/`");
            while path.contains("//") {
                path = path.replace("//", "/");
            }
        }
        if path.len() > 1 && path.ends_with('/') {
            self.repaired(self.locate(span, &path), "a trailing `/`", "the path without it");
            path.pop();
        }
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        let Some(pieces) = path_pieces(&path) else {
            self.skip(
                row.span,
                format!("the path `{path}` has characters a URI path cannot hold"),
                "write literal segments of letters, digits, `-`, `.`, `_` or `~`, and parameters as `{name}`",
            );
            return None;
        };
        let query = query
            .split(['&', '?'])
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (key.to_owned(), query_value(value))
            })
            .collect();
        Some(RowUri { method, path: pieces, query, span: row.span })
    }

    /// The parameters of a group: path parameters in path order, query
    /// parameters of the URI, then the parameter table's other rows (query
    /// parameters the URI does not show, such as `top` and `skip`).
    fn params(
        &mut self,
        group: &Group,
        tables: &[&Table<'_>],
        page_path_params: &[String],
    ) -> Vec<Param> {
        let rows: Vec<(&Row<'_>, ParamColumns)> = tables
            .iter()
            .filter_map(|t| ParamColumns::of(t).map(|c| (*t, c)))
            .flat_map(|(t, c)| {
                t.rows.iter().map(move |r| {
                    (r, ParamColumns { ty: c.ty, required: c.required, description: c.description })
                })
            })
            .collect();
        let row_name = |row: &Row<'_>| {
            cell(row, 0).plain_text().trim_matches(['*', '`', ' ', '{', '}']).to_owned()
        };
        let mut used = vec![false; rows.len()];
        let mut find_row = |names: &[&str]| -> Option<usize> {
            let wanted: Vec<String> = names.iter().map(|n| normalise(n)).collect();
            let found = rows
                .iter()
                .enumerate()
                .position(|(i, (row, _))| !used[i] && wanted.contains(&normalise(&row_name(row))));
            if let Some(i) = found {
                used[i] = true;
            }
            found
        };
        let mut params = Vec::new();
        let mut undocumented_path = Vec::new();
        for name in &group.path_params {
            let row = find_row(&[name]);
            if row.is_none() {
                undocumented_path.push(params.len());
            }
            params.push((
                Param {
                    name: name.clone(),
                    wire: name.clone(),
                    rust_name: names::snake_case(name),
                    location: Location::Path,
                    ty: Type::String,
                    typed: false,
                    required: true,
                    fixed: None,
                    repeated: false,
                    doc: Doc::default(),
                    span: self.locate(group.span, &format!("{{{name}}}")),
                },
                row,
            ));
        }
        for (key, values) in &group.query {
            let present_in_all = values.iter().all(|v| !v.is_empty());
            let repeated = values.iter().any(|v| v.len() > 1);
            let template = values.iter().flatten().find_map(|v| match v {
                QueryValue::Param(name) => Some(name.clone()),
                QueryValue::Template => Some(key.clone()),
                QueryValue::Literal(_) => None,
            });
            let literals: Vec<&String> = values
                .iter()
                .flatten()
                .filter_map(|v| match v {
                    QueryValue::Literal(l) => Some(l),
                    _ => None,
                })
                .collect();
            let fixed = match (&template, literals.first()) {
                (None, Some(first))
                    if present_in_all && !repeated && literals.iter().all(|l| l == first) =>
                {
                    Some((*first).clone())
                }
                _ => None,
            };
            let name = template.clone().unwrap_or_else(|| key.clone());
            // A fixed value's row documents it too: it is no other parameter.
            let row = find_row(&[&name, key]);
            params.push((
                Param {
                    name: if template.is_some() { name } else { key.clone() },
                    wire: key.clone(),
                    rust_name: names::snake_case(key),
                    location: Location::Query,
                    ty: if repeated { Type::List(Box::new(Type::String)) } else { Type::String },
                    typed: fixed.is_some(),
                    required: fixed.is_some() || (template.is_some() && present_in_all),
                    fixed,
                    repeated,
                    doc: Doc::default(),
                    span: self.locate(group.span, &format!("{key}=")),
                },
                row,
            ));
        }
        // A path parameter the table documents under another name (`{id}`
        // as `SelfServePolicy-id`): the one unused row whose name holds it.
        for index in undocumented_path {
            let words = word_set(&params[index].0.name);
            let candidates: Vec<usize> = (0..rows.len())
                .filter(|&i| !used[i])
                .filter(|&i| {
                    let row = word_set(&row_name(rows[i].0));
                    !row.is_empty() && (row.is_subset(&words) || words.is_subset(&row))
                })
                .collect();
            let param = &params[index].0;
            if let [only] = candidates.as_slice() {
                used[*only] = true;
                let documented = row_name(rows[*only].0);
                self.docs.diagnostics.push(
                    Code::UndocumentedParameter,
                    param.span,
                    format!(
                        "the path parameter `{{{}}}` is documented as `{documented}`",
                        param.name
                    ),
                    "read as the parameter of that row",
                    format!("name the row `{}`, as the URI does", param.name),
                );
                params[index].1 = Some(*only);
            } else {
                self.docs.diagnostics.push(
                    Code::UndocumentedParameter,
                    param.span,
                    format!(
                        "the path parameter `{{{}}}` has no row in a parameter table",
                        param.name
                    ),
                    "taken as a required string",
                    "add a row for it (Name | Type | Required | Description)",
                );
            }
        }
        let mut params: Vec<Param> = params
            .into_iter()
            .map(|(mut param, row)| {
                if let Some(i) = row {
                    self.apply_row(&mut param, rows[i].0, &rows[i].1);
                }
                param
            })
            .collect();
        for (i, (row, columns)) in rows.iter().enumerate() {
            let name = row_name(row);
            if used[i] || name.is_empty() || page_path_params.contains(&normalise(&name)) {
                continue;
            }
            let mut param = Param {
                rust_name: names::snake_case(&name),
                wire: name.clone(),
                name,
                location: Location::Query,
                ty: Type::String,
                typed: false,
                required: false,
                fixed: None,
                repeated: false,
                doc: Doc::default(),
                span: row.span,
            };
            self.apply_row(&mut param, row, columns);
            params.push(param);
        }
        unique_rust_names(&mut params);
        params
    }

    /// What a table row says of a parameter: its type, whether it is
    /// required, and its description.
    fn apply_row(&mut self, param: &mut Param, row: &Row<'_>, columns: &ParamColumns) {
        param.span = row.span;
        param.typed = true;
        if let Some(i) = columns.description {
            param.doc = self.docs.paragraph(&cell(row, i).inlines);
        }
        if param.fixed.is_some() {
            return;
        }
        param.ty = match types::parse_type(cell(row, columns.ty)) {
            Ok(ty) => param_type(ty, param.repeated),
            // `filter`, or prose: the service reads it as text.
            Err(_) => Type::String,
        };
        if let Some(i) = columns.required {
            let text = cell(row, i).plain_text().trim_matches(['*', ' ']).to_lowercase();
            match text.as_str() {
                "yes" | "y" | "true" | "required" => param.required = true,
                "no" | "n" | "false" | "optional" => param.required = false,
                _ => {}
            }
        }
        if param.location == Location::Path {
            param.required = true;
        }
    }

    /// The request body of an operation with `method`.
    fn body(&mut self, method: Method, statement: Option<&Statement>) -> Option<Body> {
        let sends = matches!(method, Method::Post | Method::Put | Method::Patch);
        match statement {
            Some(s) if s.none => None,
            Some(s) if !s.candidates.is_empty() => {
                Some(Body::stated(s.candidates.clone(), s.shape.unwrap_or(Shape::One)))
            }
            _ if sends => Some(Body::stated(Vec::new(), Shape::One)),
            _ => None,
        }
    }
}

/// What an operation returns, as its page states it.
fn response(statement: Option<&Statement>) -> Response {
    let Some(s) = statement else { return Response::Json(Body::stated(Vec::new(), Shape::One)) };
    if !s.candidates.is_empty() {
        return Response::Json(Body::stated(s.candidates.clone(), s.shape.unwrap_or(Shape::One)));
    }
    let words = &s.text;
    if words.contains("pdf") || words.contains("stream") {
        Response::Bytes
    } else if words.contains("202") || words.contains("location header") {
        Response::Accepted
    } else if words.contains("204")
        || words.contains("no content")
        || words.contains("empty response")
        || words.contains("empty body")
        || words.contains("no response body")
    {
        Response::Empty
    } else {
        Response::Json(Body::stated(Vec::new(), s.shape.unwrap_or(Shape::One)))
    }
}

/// A parameter's type from its Type cell: text, a number or a boolean on
/// the wire; anything else is sent as text.
fn param_type(ty: Type, repeated: bool) -> Type {
    let scalar = match ty {
        Type::Bool => Type::Bool,
        Type::Int64 => Type::Int64,
        Type::Float64 | Type::Decimal => Type::Float64,
        Type::List(_) => return Type::List(Box::new(Type::String)),
        _ => Type::String,
    };
    if repeated { Type::List(Box::new(scalar)) } else { scalar }
}

/// Parameters of one operation get distinct Rust names (`id`, `id_2`).
fn unique_rust_names(params: &mut [Param]) {
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for param in params {
        let count = taken.entry(param.rust_name.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            param.rust_name = format!("{}_{count}", param.rust_name);
        }
    }
}

/// `/v1/customers/{customer-id}/orders` -> literal and parameter pieces;
/// `None` when a literal holds what a URI path cannot.
fn path_pieces(path: &str) -> Option<Vec<PathPiece>> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        match rest.find('{') {
            Some(0) => {
                let end = rest.find('}')?;
                let name = &rest[1..end];
                let valid = !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !valid {
                    return None;
                }
                pieces.push(PathPiece::Param(name.to_owned()));
                rest = &rest[end + 1..];
            }
            found => {
                let end = found.unwrap_or(rest.len());
                let literal = &rest[..end];
                let valid = literal
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_' | '~'));
                if !valid {
                    return None;
                }
                pieces.push(PathPiece::Literal(literal.to_owned()));
                rest = &rest[end..];
            }
        }
    }
    Some(pieces)
}

fn query_value(value: &str) -> QueryValue {
    let is_name = |s: &str| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    match value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
        Some(name) if is_name(name) => QueryValue::Param(name.to_owned()),
        _ if value.contains('{') => QueryValue::Template,
        _ => QueryValue::Literal(value.to_owned()),
    }
}

/// What a page says about a request body or a response: the names it
/// gives the resource, whether it is a collection, and its words.
struct Statement {
    /// It says there is none (`None.`).
    none: bool,
    /// Names in links and bold, in order.
    candidates: Vec<TypeName>,
    /// `collection of`, `list of` or `array of` before the first name.
    shape: Option<Shape>,
    /// Its text in lower case.
    text: String,
}

fn is_request_body_section(title: &str) -> bool {
    title.contains("request body")
}

fn is_response_section(title: &str) -> bool {
    let title = title.trim();
    (title == "response" || title.ends_with(" response") || title.contains("response body"))
        && !title.contains("example")
}

/// The statement of the first section `is_about` picks: its paragraphs and
/// list items (not its tables or code).
fn statement(
    page: &syntax::Page<'_>,
    titles: &[String],
    is_about: fn(&str) -> bool,
) -> Option<Statement> {
    let section = titles.iter().position(|t| is_about(t)).map(|i| &page.sections[i])?;
    let mut paragraphs = Vec::new();
    syntax::collect_paragraphs(&section.blocks, &mut paragraphs);
    let text = paragraphs
        .iter()
        .map(|p| syntax::plain_text(p))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut candidates = Vec::new();
    for paragraph in &paragraphs {
        names_in(paragraph, &mut candidates);
    }
    let before_first = match candidates.first() {
        Some(first) => text.find(&first.name.to_lowercase()).map_or(text.as_str(), |i| &text[..i]),
        None => text.as_str(),
    };
    let shape = if before_first.contains("collection") || before_first.contains("list of") {
        Some(Shape::Collection)
    } else if before_first.contains("array of") {
        Some(Shape::List)
    } else {
        None
    };
    let none = text.trim_start().starts_with("none") || text.trim() == "n/a";
    Some(Statement { none, candidates, shape, text })
}

/// The resource names in `inlines`: links to pages and names in bold or
/// emphasis, in order.
fn names_in(inlines: &[Inline<'_>], out: &mut Vec<TypeName>) {
    for inline in inlines {
        match inline {
            Inline::Link { dest, children, span }
                if dest.contains(".md") || dest.starts_with('#') =>
            {
                out.push(TypeName {
                    name: syntax::plain_text(children),
                    link: Some(dest.to_string()),
                    span: *span,
                });
            }
            Inline::Emphasis(children) | Inline::Strong(children) => {
                let name = syntax::plain_text(children);
                let nested_link = children.iter().any(|c| matches!(c, Inline::Link { .. }));
                if nested_link {
                    names_in(children, out);
                } else if !name.is_empty() {
                    let span = children.iter().find_map(|c| match c {
                        Inline::Text { span, .. } => Some(*span),
                        _ => None,
                    });
                    if let Some(span) = span {
                        out.push(TypeName { name, link: None, span });
                    }
                }
            }
            _ => {}
        }
    }
}

/// The span from the first to the last inline of a paragraph that has one.
fn inline_span(inlines: &[Inline<'_>]) -> Option<Span> {
    let spans: Vec<Span> = inlines
        .iter()
        .filter_map(|inline| match inline {
            Inline::Text { span, .. } | Inline::Code { span, .. } | Inline::Link { span, .. } => {
                Some(*span)
            }
            _ => None,
        })
        .collect();
    let (first, last) = (spans.first()?, spans.last()?);
    Some(Span { file: first.file, start: first.start, end: last.end })
}

/// The page's introduction, without its `Applies to` line.
fn summary(page: &syntax::Page<'_>, docs: &mut DocLowering<'_>) -> Doc {
    let blocks: Vec<Block<'_>> = page
        .intro
        .iter()
        .filter(|block| match block {
            Block::Paragraph(inlines) => {
                !syntax::plain_text(inlines).to_lowercase().starts_with("applies to")
            }
            _ => true,
        })
        .cloned()
        .collect();
    docs.blocks(&blocks)
}
