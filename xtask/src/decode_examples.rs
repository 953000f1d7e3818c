//! `cargo xtask decode-examples`: proves that the models generated from a
//! docs folder decode every example of its pages and lose nothing.
//!
//! Generates the crate into `target/pc-full`, writes a small program that
//! depends on it into `target/decode-examples` (its source is
//! `xtask/templates/decode_examples.rs`), and runs it over the pages.

use std::process::Command;

use crate::codegen::{reference_docs, workspace_root, write_crate};
use crate::flags::PagesOptions;

const PROGRAM: &str = include_str!("../templates/decode_examples.rs");

pub(crate) fn run(options: &PagesOptions) -> Result<(), String> {
    let root = workspace_root();
    let docs = reference_docs(options)?;
    write_crate(options, &docs, &root.join("target/pc-full"))?;
    let program = root.join("target/decode-examples");
    let write = |path: &str, contents: &str| {
        let path = program.join(path);
        std::fs::create_dir_all(path.parent().expect("a file in a directory"))
            .and_then(|()| std::fs::write(&path, contents))
            .map_err(|e| format!("error: cannot write {}: {e}", path.display()))
    };
    write(
        "Cargo.toml",
        r#"[package]
name = "decode-examples"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
partner-center-models = { path = "../pc-full" }
serde_json = { version = "1", features = ["arbitrary_precision"] }
"#,
    )?;
    write("src/main.rs", PROGRAM)?;
    let status = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(program.join("Cargo.toml"))
        .arg("--")
        .arg(&docs)
        .status()
        .map_err(|e| format!("error: cannot run cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err("error: some examples did not decode".into()) }
}
