//! One operation -> its request builder (a struct with the parameters), the
//! `Client` method that makes it, its setters, `request()`, `send()` (and
//! for a collection `pages()` and `items()`), and its entry in the table of
//! operations with the function that calls it from text arguments.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::emit::rustdoc::{self, Links};
use crate::model::{
    Body, BodyFrom, Location, Model, Operation, Param, Reference, Response, Segment, Shape, Type,
};

/// The crate the generated models are in, as the client names it.
const MODELS: &str = "partner_center_models";

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
    pub(super) fn tokens(&self) -> TokenStream {
        let mut models: Vec<TokenStream> = Vec::new();
        if self.collection {
            models.push(quote!(ResourceCollection));
        }
        models.extend(self.models.iter().map(|name| {
            let name = format_ident!("{name}");
            quote!(#name)
        }));
        let models =
            (!models.is_empty()).then(|| quote!(use partner_center_models::{#(#models),*};));
        let stream = self.stream.then(|| {
            quote!(
                use futures_util::{Stream, TryStreamExt};
            )
        });
        let value = self.value.then(|| {
            quote!(
                use serde_json::Value;
            )
        });
        let dynamic = if self.params {
            quote!(Arguments, CallFuture, Location, Operation, Output, Param)
        } else {
            quote!(Arguments, CallFuture, Operation, Output)
        };
        quote! {
            use partner_center_http as http;
            use partner_center_http::dynamic::{#dynamic};
            #stream
            #models
            #value
            use crate::Client;
        }
    }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The constant that holds an operation's table entry (`GET_CUSTOMER_BY_ID`).
pub(super) fn const_name(op: &Operation) -> Ident {
    format_ident!("{}", op.rust_name.trim_end_matches('_').to_uppercase())
}

/// `#[doc]` attributes for lines.
fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| rustdoc::attribute_text(l));
    quote! { #(#[doc = #lines])* }
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

/// The Rust type of a body: a model, a collection or a list of it, or any
/// JSON.
fn body_type(model: &Model, body: &Body, imports: &mut Imports) -> TokenStream {
    let item = match (&body.ty, body.from) {
        (Type::Named(Reference::Item(id)), from) if from != BodyFrom::Unknown => {
            let name = &model.item(*id).name;
            imports.models.insert(name.clone());
            let name = ident(name);
            quote!(#name)
        }
        _ => {
            imports.value = true;
            return quote!(Value);
        }
    };
    match body.shape {
        Shape::One => item,
        Shape::Collection => {
            imports.collection = true;
            quote!(ResourceCollection<#item>)
        }
        Shape::List => quote!(Vec<#item>),
    }
}

/// A body type as the table of operations names it.
fn body_name(model: &Model, body: &Body) -> String {
    let item = match (&body.ty, body.from) {
        (Type::Named(Reference::Item(id)), from) if from != BodyFrom::Unknown => {
            model.item(*id).name.clone()
        }
        _ => return "JSON".into(),
    };
    match body.shape {
        Shape::One => item,
        Shape::Collection => format!("ResourceCollection<{item}>"),
        Shape::List => format!("Vec<{item}>"),
    }
}

/// What a parameter holds, as a Rust type and as words.
struct ParamType {
    /// The field's type for one value.
    scalar: TokenStream,
    /// The argument type a method takes for one value.
    argument: TokenStream,
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
    match scalar {
        Type::Int64 => {
            ParamType { scalar: quote!(i64), argument: quote!(i64), into: false, kind: "integer" }
        }
        Type::Float64 => {
            ParamType { scalar: quote!(f64), argument: quote!(f64), into: false, kind: "number" }
        }
        Type::Bool => {
            ParamType { scalar: quote!(bool), argument: quote!(bool), into: false, kind: "boolean" }
        }
        _ => ParamType {
            scalar: quote!(String),
            argument: quote!(impl Into<String>),
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

fn setter_name(param: &Param) -> Ident {
    let name = param.rust_name.as_str();
    if BUILDER_METHODS.contains(&name) { format_ident!("{name}_param") } else { ident(name) }
}

fn field_name(param: &Param) -> Ident {
    let name = param.rust_name.as_str();
    if matches!(name, "client" | "body") { format_ident!("{name}_param") } else { ident(name) }
}

/// Everything one operation generates.
pub(super) fn operation(model: &Model, op: &Operation, imports: &mut Imports) -> TokenStream {
    let links = Links { model, root: MODELS };
    let page = &model.operation_pages[op.page.0 as usize];
    let name = ident(&op.type_name);
    let method_name = ident(&op.rust_name);
    let template = template(op);
    let signature = format!("`{} {template}`", op.method.as_str());

    // What the call returns.
    let (returns, send_with, returns_text, paged_item) = match &op.response {
        Response::Json(body) => {
            let ty = body_type(model, body, imports);
            let item = match (body.shape, &body.ty, body.from) {
                (Shape::Collection, Type::Named(Reference::Item(id)), from)
                    if from != BodyFrom::Unknown =>
                {
                    let item = ident(&model.item(*id).name);
                    Some(quote!(#item))
                }
                _ => None,
            };
            (ty, quote!(send_json), body_name(model, body), item)
        }
        Response::Empty => (quote!(()), quote!(send_empty), "()".to_owned(), None),
        Response::Bytes => (quote!(Vec<u8>), quote!(send_bytes), "bytes".to_owned(), None),
        Response::Accepted => {
            (quote!(http::Accepted), quote!(send_accepted), "Accepted".to_owned(), None)
        }
    };
    if paged_item.is_some() {
        imports.stream = true;
    }
    let body = op.body.as_ref().map(|b| (body_type(model, b, imports), body_name(model, b)));

    // Fields, constructor arguments, setters.
    let mut fields = Vec::new();
    let mut arguments = Vec::new();
    let mut initialisers = Vec::new();
    let mut setters = Vec::new();
    let mut param_docs = Vec::new();
    for param in &op.params {
        let field = field_name(param);
        let ty = param_type(param);
        let scalar = &ty.scalar;
        let description = rustdoc::lines_in(&param.doc, links);
        match held(param) {
            Held::Fixed => continue,
            Held::Required => {
                fields.push(quote!(#field: #scalar,));
                let argument = &ty.argument;
                arguments.push(quote!(#field: #argument));
                initialisers.push(if ty.into {
                    quote!(#field: #field.into(),)
                } else {
                    quote!(#field,)
                });
                let mut lines = vec![format!("`{}`", param.name)];
                if let Some(first) = description.first() {
                    lines[0] = format!("`{}`: {first}", param.name);
                    lines.extend(description[1..].iter().cloned());
                }
                param_docs.push(lines);
            }
            Held::Optional => {
                fields.push(quote!(#field: Option<#scalar>,));
                initialisers.push(quote!(#field: None,));
                let setter = setter_name(param);
                let argument = &ty.argument;
                let value = if ty.into { quote!(value.into()) } else { quote!(value) };
                let mut doc = vec![format!("Sets `{}` (optional).", param.name)];
                if !description.is_empty() {
                    doc.push(String::new());
                    doc.extend(description);
                }
                let doc = doc_attrs(&doc);
                setters.push(quote! {
                    #doc
                    pub fn #setter(mut self, value: #argument) -> Self {
                        self.#field = Some(#value);
                        self
                    }
                });
            }
            Held::Repeated => {
                fields.push(quote!(#field: Vec<#scalar>,));
                initialisers.push(quote!(#field: Vec::new(),));
                let setter = setter_name(param);
                let argument = &ty.argument;
                let value = if ty.into { quote!(v.into()) } else { quote!(v) };
                let mut doc = vec![format!("Sets `{}`, sent once per value.", param.name)];
                if !description.is_empty() {
                    doc.push(String::new());
                    doc.extend(description);
                }
                let doc = doc_attrs(&doc);
                setters.push(quote! {
                    #doc
                    pub fn #setter(mut self, values: impl IntoIterator<Item = #argument>) -> Self {
                        self.#field = values.into_iter().map(|v| #value).collect();
                        self
                    }
                });
            }
        }
    }
    if let Some((ty, type_name)) = &body {
        fields.push(quote!(body: #ty,));
        arguments.push(quote!(body: #ty));
        initialisers.push(quote!(body,));
        param_docs.push(vec![format!("`body`: the request body, a `{type_name}`.")]);
    }

    // The request.
    let mut format_string = String::new();
    let mut format_args = Vec::new();
    for segment in &op.path {
        match segment {
            Segment::Literal(text) => format_string.push_str(text),
            Segment::Param(i) => {
                format_string.push_str("{}");
                let field = field_name(&op.params[*i]);
                format_args.push(quote!(http::encode_segment(&self.#field)));
            }
        }
    }
    let path = if format_args.is_empty() {
        quote!(#format_string)
    } else {
        quote!(format!(#format_string, #(#format_args),*))
    };
    let http_method = format_ident!("{}", op.method.as_str());
    let operation_name = &op.name;
    let query = op.params.iter().filter(|p| p.location == Location::Query).map(|param| {
        let wire = &param.wire;
        let field = field_name(param);
        match held(param) {
            Held::Fixed => {
                let value = param.fixed.as_deref().unwrap_or_default();
                quote!(.query(#wire, #value))
            }
            Held::Required if param_type(param).into => quote!(.query(#wire, &self.#field)),
            Held::Required => quote!(.query(#wire, self.#field)),
            Held::Optional => quote!(.query_opt(#wire, self.#field.as_ref())),
            Held::Repeated => quote!(.query_each(#wire, &self.#field)),
        }
    });
    let with_body = body.as_ref().map(|_| quote!(.model(&self.body)));

    // Docs.
    let intro = rustdoc::lines_in(&page.doc, links);
    let mut method_doc = vec![format!("{}: {signature}.", page.title.trim_end_matches('.'))];
    if !intro.is_empty() {
        method_doc.push(String::new());
        method_doc.extend(intro.iter().cloned());
    }
    if !param_docs.is_empty() {
        method_doc.push(String::new());
        for lines in &param_docs {
            method_doc.push(format!("- {}", lines[0]));
            method_doc.extend(lines[1..].iter().map(|l| format!("  {l}")));
        }
    }
    method_doc.push(String::new());
    method_doc.push(format!("Returns {}.", returns_doc(model, &op.response)));
    method_doc.push(String::new());
    method_doc.push(format!(
        "Documented in `{}`; [`{}::send`] sends the request.",
        page.file_name, op.type_name
    ));
    let method_doc = doc_attrs(&method_doc);
    let next = if setters.is_empty() {
        "`send()` sends it."
    } else {
        "Set its optional parameters, then `send()` it."
    };
    let struct_doc = doc_attrs(&[
        format!("The request of [`Client::{}`]: {signature}.", op.rust_name),
        String::new(),
        next.to_owned(),
    ]);

    let paging = paged_item.as_ref().map(|item| {
        quote! {
            /// Every page of the response, fetched as the stream is read,
            /// following each page's `links.next`.
            pub fn pages(self) -> impl Stream<Item = Result<http::Response<ResourceCollection<#item>>, http::Error>> + 'c {
                self.client.http().pages(self.request())
            }

            /// Every item of every page, page after page.
            pub fn items(self) -> impl Stream<Item = Result<#item, http::Error>> + 'c {
                self.client.http().items::<ResourceCollection<#item>>(self.request())
            }
        }
    });

    let table = table_entry(
        imports,
        op,
        &template,
        &returns_text,
        body.as_ref().map(|(_, n)| n.as_str()),
        paged_item.is_some(),
        &page.title,
    );
    let call =
        call_function(op, body.as_ref().map(|(ty, n)| (ty, n.as_str())), paged_item.is_some());

    quote! {
        #struct_doc
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name<'c> {
            client: &'c Client,
            #(#fields)*
        }

        impl Client {
            #method_doc
            pub fn #method_name(&self, #(#arguments),*) -> #name<'_> {
                #name {
                    client: self,
                    #(#initialisers)*
                }
            }
        }

        impl<'c> #name<'c> {
            #(#setters)*

            /// The request as it will be sent (without the client's headers).
            pub fn request(&self) -> http::Request {
                http::Request::new(#operation_name, http::Method::#http_method, #path)
                    #(#query)*
                    #with_body
            }

            /// Sends the request.
            pub async fn send(self) -> Result<http::Response<#returns>, http::Error> {
                self.client.http().#send_with(self.request()).await
            }

            #paging
        }

        #table
        #call
    }
}

fn returns_doc(model: &Model, response: &Response) -> String {
    match response {
        Response::Json(body) => {
            let item = match (&body.ty, body.from) {
                (Type::Named(Reference::Item(id)), from) if from != BodyFrom::Unknown => {
                    let name = &model.item(*id).name;
                    format!("[`{name}`]({MODELS}::{name})")
                }
                _ => return "the response's JSON (the reference names no type for it)".into(),
            };
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

/// The operation's entry in the table of operations.
fn table_entry(
    imports: &mut Imports,
    op: &Operation,
    template: &str,
    returns: &str,
    body: Option<&str>,
    paged: bool,
    title: &str,
) -> TokenStream {
    let constant = const_name(op);
    let call = format_ident!("call_{}", op.rust_name.trim_end_matches('_'));
    let (name, method) = (&op.name, op.method.as_str());
    imports.params |= op.params.iter().any(|p| p.fixed.is_none());
    let params = op.params.iter().filter(|p| p.fixed.is_none()).map(|param| {
        let name = &param.name;
        let location = match param.location {
            Location::Path => quote!(Location::Path),
            Location::Query => quote!(Location::Query),
        };
        let required = held(param) == Held::Required;
        let kind = param_type(param).kind;
        let repeated = param.repeated;
        quote!(Param { name: #name, location: #location, required: #required, kind: #kind, repeated: #repeated },)
    });
    let body = match body {
        Some(body) => quote!(Some(#body)),
        None => quote!(None),
    };
    let doc = format!(" The table entry of `{name}`.");
    quote! {
        #[doc = #doc]
        pub(crate) const #constant: Operation<Client> = Operation {
            name: #name,
            method: #method,
            path: #template,
            title: #title,
            params: &[#(#params)*],
            body: #body,
            response: #returns,
            paged: #paged,
            call: #call,
        };
    }
}

/// The function that calls the operation with text arguments.
fn call_function(op: &Operation, body: Option<(&TokenStream, &str)>, paged: bool) -> TokenStream {
    let call = format_ident!("call_{}", op.rust_name.trim_end_matches('_'));
    let method = ident(&op.rust_name);
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for param in &op.params {
        let name = &param.name;
        let ty = param_type(param);
        let (scalar, kind) = (&ty.scalar, ty.kind);
        match held(param) {
            Held::Fixed => {}
            Held::Required => required.push(quote!(args.required::<#scalar>(#name, #kind)?)),
            Held::Optional => {
                let setter = setter_name(param);
                optional.push(quote! {
                    if let Some(value) = args.optional::<#scalar>(#name, #kind)? {
                        request = request.#setter(value);
                    }
                });
            }
            Held::Repeated => {
                let setter = setter_name(param);
                optional.push(quote! {
                    let values = args.repeated::<#scalar>(#name, #kind)?;
                    if !values.is_empty() {
                        request = request.#setter(values);
                    }
                });
            }
        }
    }
    if let Some((ty, type_name)) = body {
        required.push(quote!(args.json_body::<#ty>(#type_name)?));
    }
    let mutable = if optional.is_empty() { quote!() } else { quote!(mut) };
    let output = match op.response {
        Response::Empty => quote!(request.send().await?; Ok(Output::Empty)),
        Response::Bytes => quote!(Ok(Output::Bytes(request.send().await?.body))),
        Response::Accepted => quote!(Ok(Output::Accepted(request.send().await?.body.location))),
        Response::Json(_) => quote!(Ok(Output::json(&request.send().await?.body))),
    };
    let all_pages = paged.then(|| {
        quote! {
            if args.all_pages() {
                let items: Vec<_> = request.items().try_collect().await?;
                return Ok(Output::json(&items));
            }
        }
    });
    let doc = format!(" Calls `{}` with text arguments.", op.name);
    let uses_args = !required.is_empty() || !optional.is_empty() || paged;
    let args = if uses_args { quote!(args) } else { quote!(_args) };
    quote! {
        #[doc = #doc]
        fn #call(client: &Client, #args: Arguments) -> CallFuture<'_> {
            Box::pin(async move {
                let #mutable request = client.#method(#(#required),*);
                #(#optional)*
                #all_pages
                #output
            })
        }
    }
}
