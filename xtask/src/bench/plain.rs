//! The models as a hand-written client would have them: the same structs
//! and enums with plain `#[derive(Deserialize, Serialize)]`, in one crate
//! without features, to set the generated crate's `cargo check` time
//! against.

use std::fmt::Write as _;
use std::path::Path;

use partner_center_codegen::{Layout, Options, Sources, Surface, generate};

/// Writes the crate `plain-models` into `dir`.
pub(super) fn write_crate(sources: &Sources, dir: &Path, support: &Path) -> Result<(), String> {
    let options = Options::new("bench".into(), Layout::Workspace);
    let generation = generate(sources, &options);
    if generation.has_errors() {
        return Err("error: the benchmark pages have errors".into());
    }
    let surface = Surface::of(&generation.model);
    let mut code = String::from(
        "//! The generated models' structs and enums with plain derives.\n\n\
         #![allow(missing_docs)]\n\n\
         use std::collections::BTreeMap;\n\n\
         use partner_center_support::{DateTime, KeyValuePair, LooseDecimal, ResourceCollection};\n\
         use rust_decimal::Decimal;\n\
         use serde::{Deserialize, Serialize};\n\
         use serde_json::Value;\n",
    );
    for ty in &surface.types {
        code.push('\n');
        if ty.kind == "enum" {
            code.push_str("#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]\n");
            let _ = writeln!(code, "pub enum {} {{", ty.name);
            for value in &ty.values {
                let _ = writeln!(
                    code,
                    "    #[serde(rename = {:?})]\n    {},",
                    value.wire, value.variant
                );
            }
            code.push_str("    #[serde(other)]\n    UnlistedValue,\n}\n");
        } else {
            code.push_str("#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]\n");
            let _ = writeln!(code, "pub struct {} {{", ty.name);
            for field in &ty.fields {
                let _ = writeln!(
                    code,
                    "    #[serde(rename = {:?}, default, skip_serializing_if = \"Option::is_none\")]\n    pub {}: Option<{}>,",
                    field.wire, field.name, field.ty
                );
            }
            code.push_str("}\n");
        }
    }
    let support = support.canonicalize().map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"plain-models\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n\
         [dependencies]\n\
         partner-center-support = {{ path = {:?} }}\n\
         serde = {{ version = \"1.0.190\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\
         rust_decimal = {{ version = \"1.36\", default-features = false, features = [\"std\", \"serde\"] }}\n",
        support.to_string_lossy()
    );
    let write = |path: &Path, text: &str| {
        std::fs::create_dir_all(path.parent().expect("a file in a folder"))
            .and_then(|()| std::fs::write(path, text))
            .map_err(|e| format!("error: cannot write {}: {e}", path.display()))
    };
    write(&dir.join("Cargo.toml"), &manifest)?;
    write(&dir.join("src/lib.rs"), &code)
}
