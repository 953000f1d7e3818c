//! One operation -> its request builder (a struct with the parameters), the
//! `Client` method that makes it, its setters, `request()`, `send()` (and
//! for a collection `pages()` and `items()`), and its entry in the table of
//! operations with the function that calls it from text arguments.

use std::collections::BTreeSet;

use crate::emit::rustdoc::MODELS_CRATE as MODELS;
use crate::emit::text::{Code, string_literal};
use crate::model::{
    Body, BodyFrom, Location, Model, Operation, Param, Reference, Response, Segment, Shape, Type,
};

/// Names a module imports, collected while its operations are printed.
#[derive(Default)]
pub(super) struct Imports {
    /// Items of the models crate, by name.
    models: BTreeSet<String>,
    /// `partner_center_models::ResourceCollection`.
    collection: bool,
    /// `serde_json::Value`.
    value: bool,
    /// `futures_util::Stream` (a collection's `pages` and `items`).
    stream: bool,
    /// `dynamic::{Location, Param}`: some operation has parameters.
    params: bool,
}

impl Imports {
    /// The `use` declarations.
    pub(super) fn write(&self, code: &mut Code) {
        if self.stream {
            code.line("use futures_util::{Stream, TryStreamExt};");
        }
        let dynamic: &[&str] = if self.params {
            &["Arguments", "CallFuture", "Location", "Operation", "Output", "Param"]
        } else {
            &["Arguments", "CallFuture", "Operation", "Output"]
        };
        code.line("use partner_center_http as http;");
        let dynamic: Vec<String> = dynamic.iter().map(|s| s.to_string()).collect();
        code.list("use partner_center_http::dynamic::", &dynamic, ";");
        let mut models: Vec<String> = Vec::new();
        if self.collection {
            models.push("ResourceCollection".into());
        }
        models.extend(self.models.iter().filter(|m| *m != "ResourceCollection").cloned());
        models.sort();
        if !models.is_empty() {
            code.list("use partner_center_models::", &models, ";");
        }
        if self.value {
            code.line("use serde_json::Value;");
        }
        code.blank();
        code.line("use crate::Client;");
    }
}

/// The constant that holds an operation's table entry (`GET_CUSTOMER_BY_ID`).
pub(super) fn const_name(op: &Operation) -> String {
    op.rust_name.trim_end_matches('_').to_uppercase()
}

/// The path template as the page writes it (`/v1/customers/{customer-tenant-id}`).
fn template(op: &Operation) -> String {
    op.path
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => text.clone(),
            Segment::Param(i) => format!("{{{}}}", op.params[*i].name),
        })
        .collect()
}

/// The item a body names, if it names one.
fn body_item<'m>(model: &'m Model, body: &Body) -> Option<&'m str> {
    match (&body.ty, body.from) {
        (Type::Named(Reference::Item(id)), from) if from != BodyFrom::Unknown => {
            Some(&model.item(*id).name)
        }
        _ => None,
    }
}

/// The Rust type of a body: a model, a collection or a list of it, or any
/// JSON.
fn body_type(model: &Model, body: &Body, imports: &mut Imports) -> String {
    let Some(item) = body_item(model, body) else {
        imports.value = true;
        return "Value".into();
    };
    imports.models.insert(item.to_owned());
    match body.shape {
        Shape::One => item.to_owned(),
        Shape::Collection => {
            imports.collection = true;
            format!("ResourceCollection<{item}>")
        }
        Shape::List => format!("Vec<{item}>"),
    }
}

/// A body type as the table of operations names it.
fn body_name(model: &Model, body: &Body) -> String {
    let Some(item) = body_item(model, body) else { return "JSON".into() };
    match body.shape {
        Shape::One => item.to_owned(),
        Shape::Collection => format!("ResourceCollection<{item}>"),
        Shape::List => format!("Vec<{item}>"),
    }
}

/// What a parameter holds, as a Rust type and as words.
struct ParamType {
    /// The field's type for one value.
    scalar: &'static str,
    /// The argument type a method takes for one value.
    argument: &'static str,
    /// Whether the argument needs `.into()`.
    into: bool,
    /// `string`, `integer`, `number`, `boolean`.
    kind: &'static str,
}

fn param_type(param: &Param) -> ParamType {
    let scalar = match &param.ty {
        Type::List(inner) => inner.as_ref(),
        other => other,
    };
    let plain = |scalar, kind| ParamType { scalar, argument: scalar, into: false, kind };
    match scalar {
        Type::Int64 => plain("i64", "integer"),
        Type::Float64 => plain("f64", "number"),
        Type::Bool => plain("bool", "boolean"),
        _ => ParamType {
            scalar: "String",
            argument: "impl Into<String>",
            into: true,
            kind: "string",
        },
    }
}

/// A parameter as the builder holds it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    /// Given to the constructor.
    Required,
    /// Set by a setter, maybe never.
    Optional,
    /// Set by a setter to any number of values.
    Repeated,
    /// Fixed by the URI: no field.
    Fixed,
}

fn held(param: &Param) -> Held {
    if param.fixed.is_some() {
        Held::Fixed
    } else if param.repeated {
        Held::Repeated
    } else if param.required || param.location == Location::Path {
        Held::Required
    } else {
        Held::Optional
    }
}

/// Builder methods a setter may not be named after.
const BUILDER_METHODS: &[&str] = &["request", "send", "pages", "items", "client", "body"];

fn setter_name(param: &Param) -> String {
    let name = param.rust_name.as_str();
    if BUILDER_METHODS.contains(&name) { format!("{name}_param") } else { name.to_owned() }
}

fn field_name(param: &Param) -> String {
    let name = param.rust_name.as_str();
    if matches!(name, "client" | "body") { format!("{name}_param") } else { name.to_owned() }
}

/// What an operation's call returns, in the forms the printer needs.
struct Returns {
    /// The Rust type of the response's body.
    ty: String,
    /// The method of `http::Client` that sends it.
    send_with: &'static str,
    /// The type as the table of operations names it.
    text: String,
    /// For a collection of a model: the model.
    paged_item: Option<String>,
}

fn returns(model: &Model, response: &Response, imports: &mut Imports) -> Returns {
    let fixed = |ty: &str, send_with, text: &str| Returns {
        ty: ty.into(),
        send_with,
        text: text.into(),
        paged_item: None,
    };
    match response {
        Response::Json(body) => Returns {
            ty: body_type(model, body, imports),
            send_with: "send_json",
            text: body_name(model, body),
            paged_item: body_item(model, body)
                .filter(|_| body.shape == Shape::Collection)
                .map(str::to_owned),
        },
        Response::Empty => fixed("()", "send_empty", "()"),
        Response::Bytes => fixed("Vec<u8>", "send_bytes", "bytes"),
        Response::Accepted => fixed("http::Accepted", "send_accepted", "Accepted"),
    }
}

/// The rendered docs one operation prints.
#[derive(Clone, Copy)]
pub(super) struct Docs<'d> {
    /// Its page's introduction.
    pub(super) page: &'d [String],
    /// Each parameter's, in order.
    pub(super) params: &'d [Vec<String>],
}

/// Everything one operation generates.
pub(super) fn operation(
    model: &Model,
    op: &Operation,
    docs: Docs<'_>,
    imports: &mut Imports,
    code: &mut Code,
) {
    let page = &model.operation_pages[op.page.0 as usize];
    let name = &op.type_name;
    let template = template(op);
    let signature = format!("`{} {template}`", op.method.as_str());
    let returns = returns(model, &op.response, imports);
    imports.stream |= returns.paged_item.is_some();
    let body = op.body.as_ref().map(|b| (body_type(model, b, imports), body_name(model, b)));

    // The request builder.
    let has_setters = op.params.iter().any(|p| matches!(held(p), Held::Optional | Held::Repeated));
    let next = if has_setters {
        "Set its optional parameters, then `send()` it."
    } else {
        "`send()` sends it."
    };
    code.doc(&[
        format!("The request of [`Client::{}`]: {signature}.", op.rust_name),
        String::new(),
        next.to_owned(),
    ]);
    code.line("#[derive(Clone, Debug)]");
    code.line("#[must_use = \"a request does nothing until it is sent\"]");
    code.open(format_args!("pub struct {name}<'c> {{"));
    code.line("client: &'c Client,");
    for param in &op.params {
        let (field, scalar) = (field_name(param), param_type(param).scalar);
        match held(param) {
            Held::Fixed => {}
            Held::Required => code.line([&field, ": ", scalar, ","]),
            Held::Optional => code.line([&field, ": Option<", scalar, ">,"]),
            Held::Repeated => code.line([&field, ": Vec<", scalar, ">,"]),
        }
    }
    if let Some((ty, _)) = &body {
        code.line(format_args!("body: {ty},"));
    }
    code.close("}");

    // The method of `Client` that makes it.
    code.blank();
    code.open("impl Client {");
    code.doc(&method_doc(model, op, docs, &signature, body.as_ref().map(|(_, n)| n.as_str())));
    let mut arguments = vec!["&self".to_owned()];
    for param in op.params.iter().filter(|p| held(p) == Held::Required) {
        arguments.push([&field_name(param), ": ", param_type(param).argument].concat());
    }
    if let Some((ty, _)) = &body {
        arguments.push(format!("body: {ty}"));
    }
    code.function(&format!("pub fn {}", op.rust_name), &arguments, &format!(" -> {name}<'_> {{"));
    code.open(format_args!("{name} {{"));
    code.line("client: self,");
    for param in &op.params {
        let (field, ty) = (field_name(param), param_type(param));
        match held(param) {
            Held::Fixed => {}
            Held::Required if ty.into => code.line([&field, ": ", &field, ".into(),"]),
            Held::Required => code.line([&field, ","]),
            Held::Optional => code.line([&field, ": None,"]),
            Held::Repeated => code.line([&field, ": Vec::new(),"]),
        }
    }
    if body.is_some() {
        code.line("body,");
    }
    code.close("}");
    code.close("}");
    code.close("}");

    // Its setters, `request()`, `send()`, and the paging methods.
    code.blank();
    code.open(format_args!("impl<'c> {name}<'c> {{"));
    for (param, doc) in op.params.iter().zip(docs.params) {
        setter(param, doc, code);
    }
    request(op, body.is_some(), code);
    code.blank();
    code.doc(&["Sends the request."]);
    let result = format!(" -> Result<http::Response<{}>, http::Error> {{", returns.ty);
    code.function("pub async fn send", &["self".into()], &result);
    code.line(format_args!("self.client.http().{}(self.request()).await", returns.send_with));
    code.close("}");
    if let Some(item) = &returns.paged_item {
        paging(item, code);
    }
    code.close("}");

    code.blank();
    table_entry(imports, op, &template, &returns, body.as_ref(), &page.title, code);
    code.blank();
    call_function(op, body.as_ref(), returns.paged_item.is_some(), code);
}

/// The rustdoc of the `Client` method: the title and signature, the page's
/// introduction, the arguments, what it returns, and where it is documented.
fn method_doc(
    model: &Model,
    op: &Operation,
    docs: Docs<'_>,
    signature: &str,
    body: Option<&str>,
) -> Vec<String> {
    let page = &model.operation_pages[op.page.0 as usize];
    let mut doc = vec![format!("{}: {signature}.", page.title.trim_end_matches('.'))];
    if !docs.page.is_empty() {
        doc.push(String::new());
        doc.extend_from_slice(docs.page);
    }
    let mut arguments: Vec<Vec<String>> = Vec::new();
    let required = op.params.iter().zip(docs.params).filter(|(p, _)| held(p) == Held::Required);
    for (param, description) in required {
        let mut lines = vec![["`", &param.name, "`"].concat()];
        if let Some(first) = description.first() {
            lines[0] = ["`", &param.name, "`: ", first].concat();
            lines.extend(description[1..].iter().cloned());
        }
        arguments.push(lines);
    }
    if let Some(type_name) = body {
        arguments.push(vec![format!("`body`: the request body, a `{type_name}`.")]);
    }
    if !arguments.is_empty() {
        doc.push(String::new());
        for lines in &arguments {
            doc.push(["- ", &lines[0]].concat());
            doc.extend(lines[1..].iter().map(|l| ["  ", l].concat()));
        }
    }
    doc.push(String::new());
    doc.push(format!("Returns {}.", returns_doc(model, &op.response)));
    doc.push(String::new());
    doc.push(format!(
        "Documented in `{}`; [`{}::send`] sends the request.",
        page.file_name, op.type_name
    ));
    doc
}

/// The setter of an optional or repeated parameter.
fn setter(param: &Param, description: &[String], code: &mut Code) {
    let held = held(param);
    if !matches!(held, Held::Optional | Held::Repeated) {
        return;
    }
    let (field, setter, ty) = (field_name(param), setter_name(param), param_type(param));
    let mut doc = vec![match held {
        Held::Repeated => ["Sets `", &param.name, "`, sent once per value."].concat(),
        _ => ["Sets `", &param.name, "` (optional)."].concat(),
    }];
    if !description.is_empty() {
        doc.push(String::new());
        doc.extend_from_slice(description);
    }
    code.doc(&doc);
    if held == Held::Repeated {
        let argument = ["values: impl IntoIterator<Item = ", ty.argument, ">"].concat();
        let head = ["pub fn ", &setter].concat();
        code.function(&head, &["mut self".into(), argument], " -> Self {");
        let value = if ty.into { "v.into()" } else { "v" };
        code.line(["self.", &field, " = values.into_iter().map(|v| ", value, ").collect();"]);
    } else {
        let argument = ["value: ", ty.argument].concat();
        let head = ["pub fn ", &setter].concat();
        code.function(&head, &["mut self".into(), argument], " -> Self {");
        let value = if ty.into { "value.into()" } else { "value" };
        code.line(["self.", &field, " = Some(", value, ");"]);
    }
    code.line("self");
    code.close("}");
    code.blank();
}

/// `request()`: the path with its parameters, the query, the body.
fn request(op: &Operation, has_body: bool, code: &mut Code) {
    let mut path = String::new();
    let mut path_arguments = Vec::new();
    for segment in &op.path {
        match segment {
            Segment::Literal(text) => path.push_str(text),
            Segment::Param(i) => {
                path.push_str("{}");
                let field = field_name(&op.params[*i]);
                path_arguments.push(["http::encode_segment(&self.", &field, ")"].concat());
            }
        }
    }
    code.doc(&["The request as it will be sent (without the client's headers)."]);
    code.open("pub fn request(&self) -> http::Request {");
    let path = if path_arguments.is_empty() {
        string_literal(&path)
    } else {
        let mut arguments = vec![string_literal(&path)];
        arguments.extend(path_arguments);
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        code.call("let path = format!", &arguments, ";");
        "path".to_owned()
    };
    let method = format!("http::Method::{}", op.method.as_str());
    let one_line =
        code.call("http::Request::new", &[&string_literal(&op.name), &method, &path], "");
    // A chain after a call on one line is indented; after `)` it is not.
    if one_line {
        code.indent_more();
    }
    for param in op.params.iter().filter(|p| p.location == Location::Query) {
        let wire = string_literal(&param.wire);
        let field = field_name(param);
        match held(param) {
            Held::Fixed => {
                let value = string_literal(param.fixed.as_deref().unwrap_or_default());
                code.line([".query(", &wire, ", ", &value, ")"]);
            }
            Held::Required if param_type(param).into => {
                code.line([".query(", &wire, ", &self.", &field, ")"])
            }
            Held::Required => code.line([".query(", &wire, ", self.", &field, ")"]),
            Held::Optional => code.line([".query_opt(", &wire, ", self.", &field, ".as_ref())"]),
            Held::Repeated => code.line([".query_each(", &wire, ", &self.", &field, ")"]),
        }
    }
    if has_body {
        code.line(".model(&self.body)");
    }
    if one_line {
        code.indent_less();
    }
    code.close("}");
}

/// `pages()` and `items()` of an operation that answers with a collection.
fn paging(item: &str, code: &mut Code) {
    code.blank();
    code.doc(&[
        "Every page of the response, fetched as the stream is read,",
        "following each page's `links.next`.",
    ]);
    let page = format!("http::Response<ResourceCollection<{item}>>");
    code.function(
        "pub fn pages",
        &["self".into()],
        &format!(" -> impl Stream<Item = Result<{page}, http::Error>> + 'c {{"),
    );
    code.line("self.client.http().pages(self.request())");
    code.close("}");
    code.blank();
    code.doc(&["Every item of every page, page after page."]);
    code.function(
        "pub fn items",
        &["self".into()],
        &format!(" -> impl Stream<Item = Result<{item}, http::Error>> + 'c {{"),
    );
    code.line(format_args!(
        "self.client.http().items::<ResourceCollection<{item}>>(self.request())"
    ));
    code.close("}");
}

fn returns_doc(model: &Model, response: &Response) -> String {
    match response {
        Response::Json(body) => {
            let Some(name) = body_item(model, body) else {
                return "the response's JSON (the reference names no type for it)".into();
            };
            let item = format!("[`{name}`]({MODELS}::{name})");
            match body.shape {
                Shape::One => format!("a {item}"),
                Shape::Collection => format!("a collection of {item} (see `pages` and `items`)"),
                Shape::List => format!("a list of {item}"),
            }
        }
        Response::Empty => "no body".into(),
        Response::Bytes => "the response's bytes".into(),
        Response::Accepted => "`202 Accepted` and the `Location` to ask next".into(),
    }
}

/// `true` or `false`, as Rust writes it.
fn boolean(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

/// The operation's entry in the table of operations.
fn table_entry(
    imports: &mut Imports,
    op: &Operation,
    template: &str,
    returns: &Returns,
    body: Option<&(String, String)>,
    title: &str,
    code: &mut Code,
) {
    let params: Vec<&Param> = op.params.iter().filter(|p| p.fixed.is_none()).collect();
    imports.params |= !params.is_empty();
    code.doc(&[format!("The table entry of `{}`.", op.name)]);
    code.open(format_args!(
        "pub(crate) const {}: Operation<Client> = Operation {{",
        const_name(op)
    ));
    code.line(format_args!("name: {},", string_literal(&op.name)));
    code.line(format_args!("method: {},", string_literal(op.method.as_str())));
    code.line(format_args!("path: {},", string_literal(template)));
    code.line(format_args!("title: {},", string_literal(title)));
    if params.is_empty() {
        code.line("params: &[],");
    } else {
        code.open("params: &[");
        for param in params {
            let location = match param.location {
                Location::Path => "Path",
                Location::Query => "Query",
            };
            code.open("Param {");
            code.line(["name: ", &string_literal(&param.name), ","]);
            code.line(["location: Location::", location, ","]);
            code.line(["required: ", boolean(held(param) == Held::Required), ","]);
            code.line(["kind: ", &string_literal(param_type(param).kind), ","]);
            code.line(["repeated: ", boolean(param.repeated), ","]);
            code.close("},");
        }
        code.close("],");
    }
    match body {
        Some((_, name)) => code.line(format_args!("body: Some({}),", string_literal(name))),
        None => code.line("body: None,"),
    }
    code.line(format_args!("response: {},", string_literal(&returns.text)));
    code.line(format_args!("paged: {},", returns.paged_item.is_some()));
    code.line(format_args!("call: call_{},", op.rust_name.trim_end_matches('_')));
    code.close("};");
}

/// The function that calls the operation with text arguments.
fn call_function(op: &Operation, body: Option<&(String, String)>, paged: bool, code: &mut Code) {
    let mut required = Vec::new();
    let mut optional = false;
    for param in &op.params {
        let ty = param_type(param);
        match held(param) {
            Held::Required => required.push(
                [
                    "args.required::<",
                    ty.scalar,
                    ">(",
                    &string_literal(&param.name),
                    ", ",
                    &string_literal(ty.kind),
                    ")?",
                ]
                .concat(),
            ),
            Held::Optional | Held::Repeated => optional = true,
            Held::Fixed => {}
        }
    }
    if let Some((ty, name)) = body {
        required.push(format!("args.json_body::<{ty}>({})?", string_literal(name)));
    }
    let uses_args = !required.is_empty() || optional || paged;
    code.doc(&[format!("Calls `{}` with text arguments.", op.name)]);
    let args = if uses_args { "args" } else { "_args" };
    code.open(format_args!(
        "fn call_{}(client: &Client, {args}: Arguments) -> CallFuture<'_> {{",
        op.rust_name.trim_end_matches('_')
    ));
    code.open("Box::pin(async move {");
    let binding = if optional { "let mut request = " } else { "let request = " };
    let required: Vec<&str> = required.iter().map(String::as_str).collect();
    code.call(&format!("{binding}client.{}", op.rust_name), &required, ";");
    for param in &op.params {
        let (name, ty, setter) =
            (string_literal(&param.name), param_type(param), setter_name(param));
        match held(param) {
            Held::Optional => {
                let kind = string_literal(ty.kind);
                code.open([
                    "if let Some(value) = args.optional::<",
                    ty.scalar,
                    ">(",
                    &name,
                    ", ",
                    &kind,
                    ")? {",
                ]);
                code.line(["request = request.", &setter, "(value);"]);
                code.close("}");
            }
            Held::Repeated => {
                let kind = string_literal(ty.kind);
                code.line([
                    "let values = args.repeated::<",
                    ty.scalar,
                    ">(",
                    &name,
                    ", ",
                    &kind,
                    ")?;",
                ]);
                code.open("if !values.is_empty() {");
                code.line(["request = request.", &setter, "(values);"]);
                code.close("}");
            }
            Held::Required | Held::Fixed => {}
        }
    }
    if paged {
        code.open("if args.all_pages() {");
        code.line("let items: Vec<_> = request.items().try_collect().await?;");
        code.line("return Ok(Output::json(&items));");
        code.close("}");
    }
    match op.response {
        Response::Empty => {
            code.line("request.send().await?;");
            code.line("Ok(Output::Empty)");
        }
        Response::Bytes => code.line("Ok(Output::Bytes(request.send().await?.body))"),
        Response::Accepted => {
            code.line("Ok(Output::Accepted(request.send().await?.body.location))")
        }
        Response::Json(_) => code.line("Ok(Output::json(&request.send().await?.body))"),
    }
    code.close("})");
    code.close("}");
}
