//! `cargo xtask conformance` and `cargo xtask replay`: the CLI's
//! `partner-center conformance` and `partner-center replay` checks, built
//! against crates generated from a docs folder (by default `$PC_DOCS_DIR`,
//! the whole reference) rather than from `docs-src/`, together with
//! `docs-src/undocumented-resources.md`, our page for the bodies the
//! reference shows in examples but describes in no table.
//!
//! Generates the models and the operations into `pc-full` in the target
//! directory, builds the CLI's own source against them as a crate of its
//! own in `pc-cli` beside it (its manifest points at
//! `crates/partner-center-cli/src/main.rs`), and runs the check.

use std::path::Path;
use std::process::Command;

use crate::codegen::write_crate;
use crate::flags::PagesOptions;
use crate::pages::reference_docs;
use crate::paths::{target_dir, workspace_root};

/// Our page of the resources the reference shows only in examples.
const UNDOCUMENTED: &str = "docs-src/undocumented-resources.md";

/// Which check to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Check {
    /// Every JSON example decoded, encoded again and compared.
    Conformance,
    /// Every operation's documented request replayed on a local server.
    Replay,
}

impl Check {
    fn command(self) -> &'static str {
        match self {
            Check::Conformance => "conformance",
            Check::Replay => "replay",
        }
    }
}

pub(crate) fn run(options: &PagesOptions, check: Check) -> Result<(), String> {
    let root = workspace_root();
    let docs = reference_docs(options)?;
    let mut with = options.with.clone();
    with.push(root.join(UNDOCUMENTED));
    let options = &PagesOptions { with, ..options.clone() };
    let target = target_dir(&root);
    write_crate(options, &docs, &target.join("pc-full"))?;
    let cli = target.join("pc-cli");
    std::fs::create_dir_all(&cli)
        .map_err(|e| format!("error: cannot create {}: {e}", cli.display()))?;
    std::fs::write(cli.join("Cargo.toml"), manifest(&root))
        .map_err(|e| format!("error: cannot write {}: {e}", cli.display()))?;
    eprintln!("building the CLI against them in {}", cli.display());
    // Not --quiet: the first build takes a while, and cargo shows progress.
    let status = Command::new(env!("CARGO"))
        .args(["run", "--manifest-path"])
        .arg(cli.join("Cargo.toml"))
        .args(["--", check.command()])
        .arg(&docs)
        .args(options.pages.iter().flat_map(|p| ["--pages", p.as_str()]))
        .args(options.with.iter().flat_map(|p| [std::ffi::OsStr::new("--with"), p.as_os_str()]))
        .status()
        .map_err(|e| format!("error: cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("error: the {} check failed", check.command()))
    }
}

/// The CLI's manifest, with the generated models in place of the workspace's.
fn manifest(root: &Path) -> String {
    let path = |p: &str| root.join(p).to_string_lossy().replace('\\', "/");
    format!(
        r#"# Written by `cargo xtask conformance` and `cargo xtask replay`.
[package]
name = "partner-center-cli-full"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[[bin]]
name = "partner-center"
path = "{main}"

[features]
default = ["checks", "rustls"]
checks = []
rustls = []

[dependencies]
partner-center-models = {{ path = "../pc-full/models", features = ["full"] }}
partner-center-client = {{ path = "../pc-full/client", default-features = false, features = ["full"] }}
partner-center-support = {{ path = "{support}" }}
partner-center-codegen = {{ path = "{codegen}" }}
partner-center-testserver = {{ path = "{testserver}" }}
clap = {{ version = "4.5", default-features = false, features = ["std", "help", "usage", "error-context", "suggestions", "derive", "env"] }}
strsim = "0.11"
serde_json = {{ version = "1", features = ["arbitrary_precision", "raw_value"] }}
tokio = {{ version = "1.40", default-features = false, features = ["rt"] }}
"#,
        main = path("crates/partner-center-cli/src/main.rs"),
        codegen = path("crates/partner-center-codegen"),
        support = path("crates/partner-center-support"),
        testserver = path("crates/partner-center-testserver"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example of the reference that the rule ties to a model decodes
    /// with the models generated from it, and at least 99% go back unchanged.
    /// (The replay check builds the same CLI: it runs right after, in the
    /// same test, so the two share one build.)
    #[test]
    #[ignore = "needs the Partner Center reference: PC_DOCS_DIR=../shared/partner-center-docs cargo test -- --include-ignored (see README)"]
    fn the_reference_examples_conform_and_replay() {
        let dir = crate::pages::reference_for_tests();
        let options = PagesOptions { docs: Some(dir.into()), ..PagesOptions::default() };
        for check in [Check::Conformance, Check::Replay] {
            if let Err(failure) = run(&options, check) {
                panic!("{failure}");
            }
        }
        // The self-serve policy examples spell `tenantID`; the table,
        // `tenantId`. The models read either and write the examples'.
        let cli = target_dir(&workspace_root()).join("pc-cli/Cargo.toml");
        let mut child = Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--manifest-path"])
            .arg(&cli)
            .args(["--", "decode", "SelfServeEntity", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("cargo runs");
        use std::io::Write as _;
        let body = br#"{"selfServeEntityType": "customer", "tenantId": "0ee7ea8c"}"#;
        child.stdin.take().expect("a pipe").write_all(body).expect("the CLI reads its input");
        let output = child.wait_with_output().expect("the CLI ends");
        let encoded = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{encoded}");
        assert!(encoded.contains(r#""tenantID": "0ee7ea8c""#), "{encoded}");
    }
}
