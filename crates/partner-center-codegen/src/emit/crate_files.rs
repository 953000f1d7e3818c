//! The files that make the generated modules crates: each crate's
//! `Cargo.toml` (one feature per docs page), a standalone crate's
//! `src/lib.rs`, and the `Cargo.toml` of the folder that holds standalone
//! crates.

use std::collections::BTreeSet;

use super::GeneratedFile;
use crate::header::{self, COMMAND};
use crate::model::Model;

/// How [`generate`](crate::generate) names and lays out the generated
/// crates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// How the pages' directory is named in headers (e.g. `docs-src`).
    pub docs_label: String,
    /// Where the crates live.
    pub layout: Layout,
    /// The Rust names the crates have now, by page (from the committed
    /// `model.json`, [`Surface::kept_names`](crate::Surface::kept_names)):
    /// a type keeps its name when another page brings the same one.
    pub kept_names: BTreeSet<(String, String)>,
}

impl Options {
    /// Options for crates laid out as `layout`, with no names to keep.
    pub fn new(docs_label: String, layout: Layout) -> Options {
        Options { docs_label, layout, kept_names: BTreeSet::new() }
    }
}

/// Where the generated crates live, which decides their manifests. File
/// paths are relative to the workspace root ([`Layout::Workspace`]) or to
/// the output folder ([`Layout::Standalone`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// This workspace: the models in `crates/partner-center-models`, the
    /// operations in `crates/partner-center-client`; versions and lints come
    /// from the workspace; each `src/lib.rs` is hand-written.
    Workspace,
    /// Crates of their own in one folder: `models/`, `client/` (when the
    /// pages document operations) and a `Cargo.toml` making the folder their
    /// workspace; each `src/lib.rs` is generated.
    Standalone {
        /// How the crates name `partner-center-support`.
        support: Dependency,
        /// How the client names `partner-center-http`.
        http: Dependency,
    },
}

/// How a standalone crate depends on one of the hand-written runtime crates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dependency {
    /// By path: absolute, or relative to the output folder.
    Path(String),
    /// By version requirement, from a registry (`0.1`).
    Version(String),
}

impl Dependency {
    /// The dependency as a TOML value, for a crate one folder below the
    /// output folder, with `extra` keys.
    fn toml(&self, extra: &str) -> String {
        match self {
            Dependency::Path(path) => {
                let path = path.replace('\\', "/");
                let absolute = path.starts_with('/') || path.as_bytes().get(1) == Some(&b':');
                let path = if absolute { path } else { format!("../{path}") };
                format!("{{ path = \"{path}\"{extra} }}")
            }
            Dependency::Version(version) => format!("{{ version = \"{version}\"{extra} }}"),
        }
    }
}

impl Layout {
    /// The models crate's folder.
    pub fn models_dir(&self) -> &'static str {
        match self {
            Layout::Workspace => "crates/partner-center-models",
            Layout::Standalone { .. } => "models",
        }
    }

    /// The operations crate's folder.
    pub fn client_dir(&self) -> &'static str {
        match self {
            Layout::Workspace => "crates/partner-center-client",
            Layout::Standalone { .. } => "client",
        }
    }
}

/// Package name of the models crate.
const MODELS: &str = "partner-center-models";

/// Package name of the operations crate.
const CLIENT: &str = "partner-center-client";

/// The models crate's `Cargo.toml` and, standalone, its `src/lib.rs`
/// (paths relative to the crate).
pub(crate) fn models_crate(model: &Model, options: &Options) -> Vec<GeneratedFile> {
    let header = header::toml(&options.docs_label);
    let mut files = Vec::new();
    let manifest = match &options.layout {
        Layout::Workspace => workspace_models_manifest(model),
        Layout::Standalone { support, .. } => {
            files.push(GeneratedFile {
                path: "src/lib.rs".into(),
                contents: models_lib(model, options),
            });
            standalone_models_manifest(model, support)
        }
    };
    files.push(GeneratedFile { path: "Cargo.toml".into(), contents: header + &manifest });
    files
}

/// The operations crate's `Cargo.toml` and, standalone, its `src/lib.rs`.
pub(crate) fn client_crate(model: &Model, options: &Options) -> Vec<GeneratedFile> {
    let header = header::toml(&options.docs_label);
    let mut files = Vec::new();
    let manifest = match &options.layout {
        Layout::Workspace => workspace_client_manifest(model),
        Layout::Standalone { http, .. } => {
            files.push(GeneratedFile { path: "src/lib.rs".into(), contents: client_lib(options) });
            standalone_client_manifest(model, http)
        }
    };
    files.push(GeneratedFile { path: "Cargo.toml".into(), contents: header + &manifest });
    files
}

/// The `Cargo.toml` of the folder that holds standalone crates: a
/// workspace of them.
pub(crate) fn standalone_workspace(options: &Options, members: &[&str]) -> GeneratedFile {
    let members: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    GeneratedFile {
        path: "Cargo.toml".into(),
        contents: header::toml(&options.docs_label)
            + &format!(
                "# The generated crates, a workspace of their own.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
                members.join(", ")
            ),
    }
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// Each page's feature name and the features it enables (`prefix` before
/// each page's own name forwards it to a dependency).
fn page_features(model: &Model, forward: Option<&str>) -> Vec<(String, Vec<String>)> {
    let mut pages: Vec<_> = model.pages.iter().collect();
    pages.sort_by(|a, b| a.module.cmp(&b.module));
    pages
        .into_iter()
        .map(|page| {
            let mut deps: Vec<String> = Vec::new();
            if let Some(dependency) = forward {
                deps.push(format!("{dependency}/{}", page.module));
            }
            let mut pages: Vec<String> =
                page.depends_on.iter().map(|d| model.page(*d).module.clone()).collect();
            pages.sort();
            deps.extend(pages);
            (page.module.clone(), deps)
        })
        .collect()
}

/// `[features]`: `default`, `full`, `extra` features, and one feature per
/// page that enables the pages it refers to.
fn features(
    model: &Model,
    forward: Option<&str>,
    default: &[&str],
    extra: &[(&str, &str)],
) -> String {
    let all: Vec<String> = {
        let mut modules: Vec<String> = model.pages.iter().map(|p| p.module.clone()).collect();
        modules.sort();
        modules
    };
    let default: Vec<String> = default.iter().map(|d| (*d).to_owned()).collect();
    let mut out = format!("[features]\ndefault = [{}]\n", quoted(&default));
    out += "# Every page.\n";
    out += &format!("full = [{}]\n", quoted(&all));
    for (name, value) in extra {
        out += &format!("{name} = {value}\n");
    }
    out += "# One feature per docs page; each enables the pages its types and docs refer to.\n";
    for (page, deps) in page_features(model, forward) {
        out += &format!("{page} = [{}]\n", quoted(&deps));
    }
    out
}

fn workspace_models_manifest(model: &Model) -> String {
    format!(
        r#"[package]
name = "{MODELS}"
description = "Typed models of the Microsoft Partner Center REST API, generated from its reference pages."
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
repository.workspace = true

{features}
[dependencies]
partner-center-support.workspace = true
serde.workspace = true
serde_json.workspace = true

[dev-dependencies]
criterion.workspace = true
trybuild.workspace = true

# Decoding speed against plain derives and serde_json::Value.
[[bench]]
name = "decode"
harness = false

[lints]
workspace = true
"#,
        features = features(model, None, &["full"], &[])
    )
}

fn standalone_models_manifest(model: &Model, support: &Dependency) -> String {
    format!(
        r#"[package]
name = "{MODELS}"
description = "Typed models of the Microsoft Partner Center REST API, generated from its reference pages."
version = "0.1.0"
edition = "2024"
rust-version = "1.88"
publish = false

{features}
[dependencies]
partner-center-support = {support}
serde = "1.0.190"
serde_json = "1"

[lints.rust]
missing_docs = "warn"
unsafe_code = "forbid"
"#,
        support = support.toml(""),
        features = features(model, None, &["full"], &[])
    )
}

const RUSTLS: (&str, &str) = ("rustls", "[\"partner-center-http/rustls\"]");

fn workspace_client_manifest(model: &Model) -> String {
    format!(
        r#"[package]
name = "{CLIENT}"
description = "Typed operations of the Microsoft Partner Center REST API, generated from its reference pages."
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
repository.workspace = true

{features}
[dependencies]
partner-center-http.workspace = true
partner-center-models.workspace = true
futures-util.workspace = true
serde_json.workspace = true

[dev-dependencies]
partner-center-testserver.workspace = true
tokio = {{ workspace = true, features = ["rt", "macros"] }}
criterion.workspace = true

# The client's cost per call against a hand-written reqwest call.
[[bench]]
name = "call"
harness = false

[lints]
workspace = true
"#,
        features = features(model, Some("partner-center-models"), &["full", "rustls"], &[RUSTLS])
    )
}

fn standalone_client_manifest(model: &Model, http: &Dependency) -> String {
    format!(
        r#"[package]
name = "{CLIENT}"
description = "Typed operations of the Microsoft Partner Center REST API, generated from its reference pages."
version = "0.1.0"
edition = "2024"
rust-version = "1.88"
publish = false

{features}
[dependencies]
partner-center-http = {http}
partner-center-models = {{ path = "../models", version = "0.1.0", default-features = false }}
futures-util = {{ version = "0.3.31", default-features = false, features = ["std"] }}
serde_json = "1"

[lints.rust]
missing_docs = "warn"
unsafe_code = "forbid"
"#,
        http = http.toml(", default-features = false"),
        features = features(model, Some("partner-center-models"), &["full", "rustls"], &[RUSTLS])
    )
}

fn models_lib(model: &Model, options: &Options) -> String {
    format!(
        r#"// @generated by `{COMMAND}` from the pages in {docs}.
// Do not edit: change the pages and run `{COMMAND}` again.

//! Typed models of the Microsoft Partner Center REST API, generated from the
//! pages in `{docs}`: one module and one cargo feature per page, every item
//! re-exported here.

#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use partner_center_support::{{
    DateTime, Decimal, DecodeError, Decoding, LooseDecimal, Resource, SUPPORT_RESOURCES,
    ServiceError, Shape, Transcoded, UnknownMember, UnknownMembers, Validate, Violation, decode,
    decode_strict, validate,
}};
{collection}"#,
        docs = options.docs_label,
        collection = collection_alias(model),
    )
}

/// `ResourceCollection<T>` with the pages' own `ResourceLinks` and
/// `ResourceAttributes` where they define them (behind their page's
/// feature), else the support crate's, whose links are raw JSON.
fn collection_alias(model: &Model) -> String {
    let page_of = |name: &str| {
        model.items.iter().find(|item| item.name == name).map(|item| &model.page(item.page).module)
    };
    let raw = "pub use partner_center_support::ResourceCollection;\n";
    let (Some(links), Some(attributes)) = (page_of("ResourceLinks"), page_of("ResourceAttributes"))
    else {
        return format!("\n{raw}");
    };
    let features = if links == attributes {
        format!("feature = \"{links}\"")
    } else {
        format!("all(feature = \"{links}\", feature = \"{attributes}\")")
    };
    format!(
        r#"
/// A list response of `T`, its links and attributes typed.
#[cfg({features})]
pub type ResourceCollection<T> =
    partner_center_support::ResourceCollection<T, ResourceLinks, ResourceAttributes>;
#[cfg(not({features}))]
{raw}"#
    )
}

fn client_lib(options: &Options) -> String {
    format!(
        r#"// @generated by `{COMMAND}` from the pages in {docs}.
// Do not edit: change the pages and run `{COMMAND}` again.

//! Typed operations of the Microsoft Partner Center REST API, generated from
//! the pages in `{docs}`: every operation is a method of [`Client`] that
//! returns a request builder; `send()` sends it.

#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use partner_center_http::{{
    Accepted, CHINA_BASE_URL, ClientBuilder, DEFAULT_BASE_URL, Error, ErrorKind, Response,
    RetryPolicy, StaticToken, TokenError, TokenSource, dynamic, token_fn,
}};
pub use partner_center_models as models;
"#,
        docs = options.docs_label
    )
}
