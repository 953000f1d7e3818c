//! A crate outside the workspace that depends on the models, as a user's
//! crate does: it must build and behave as if the models were not there
//! (they turn on no behaviour-changing feature of a shared dependency),
//! and the models must keep every digit of the reference's numbers.
//!
//! Test only; the crate is written to `outside-user` in the target folder
//! and built there with a target folder of its own.

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::Command;

    use partner_center_codegen::{Direction, Sources};

    use crate::codegen::write_crate;
    use crate::flags::PagesOptions;
    use crate::pages::read_pages;
    use crate::paths::{target_dir, workspace_root};

    /// The user's crate: its own untagged enum and flattened struct of
    /// floats, and a check of every example the pages tie to a model.
    const USER_TESTS: &str = r##"//! A user's own serde types beside the Partner Center models.

use std::collections::BTreeMap;

use partner_center_models::{Decoding, RESOURCES, SUPPORT_RESOURCES, Shape};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum Loose {
    Float(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
struct Inner {
    n: f64,
}

#[derive(Debug, Deserialize)]
struct Outer {
    #[serde(flatten)]
    inner: Inner,
}

// With serde_json's `arbitrary_precision` on, both of these fail (serde-rs/json
// #721, #1108): they pass only if nothing in the build turned it on.
#[cfg(not(feature = "arbitrary"))]
#[test]
fn an_untagged_enum_of_a_float_decodes() {
    assert_eq!(serde_json::from_str::<Loose>("1.5").unwrap(), Loose::Float(1.5));
    assert_eq!(serde_json::from_str::<Loose>("\"x\"").unwrap(), Loose::Text("x".into()));
}

#[cfg(not(feature = "arbitrary"))]
#[test]
fn a_flattened_float_decodes() {
    let outer: Outer = serde_json::from_str(r#"{"n": 2.5}"#).unwrap();
    assert_eq!(outer.inner.n, 2.5);
}

#[derive(Deserialize)]
struct Example {
    at: String,
    name: String,
    shape: String,
    json: String,
}

/// Every example the pages tie to a model decodes strictly and encodes
/// again with the same members and values; a number with more digits than
/// an f64 keeps comes back digit for digit.
#[test]
fn the_reference_examples_keep_every_digit() {
    let Ok(path) = std::env::var("EXAMPLES") else {
        eprintln!("skipped: EXAMPLES is not set (the reference is not at hand)");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut exact = 0;
    let mut checked = 0;
    for line in text.lines() {
        let example: Example = serde_json::from_str(line).unwrap();
        let resource = RESOURCES
            .iter()
            .chain(SUPPORT_RESOURCES)
            .find(|r| r.name == example.name)
            .unwrap_or_else(|| panic!("{}: no model {}", example.at, example.name));
        let shape = match example.shape.as_str() {
            "Collection" => Shape::Collection,
            "List" => Shape::List,
            _ => Shape::One,
        };
        let again = resource
            .transcode(&example.json, shape, Decoding::Strict)
            .unwrap_or_else(|e| panic!("{}: {e}", example.at));
        let before: &RawValue = serde_json::from_str(&example.json).unwrap();
        let after: &RawValue = serde_json::from_str(&again.json).unwrap();
        compare(before, after, &mut exact, &example.at, "$");
        checked += 1;
    }
    assert!(checked > 200, "only {checked} examples");
    eprintln!("{checked} examples, {exact} long numbers digit for digit");
}

/// `after` holds what `before` does: members in any casing, `null` as
/// absent; numbers by value, and digit for digit where an f64 would lose
/// digits.
fn compare(before: &RawValue, after: &RawValue, exact: &mut usize, at: &str, path: &str) {
    let (b, a) = (before.get().trim(), after.get().trim());
    if b.starts_with('{') && a.starts_with('{') {
        let lower = |raw: &RawValue| -> BTreeMap<String, String> {
            let map: BTreeMap<String, &RawValue> = serde_json::from_str(raw.get()).unwrap();
            map.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v.get().to_owned())).collect()
        };
        let (b, a) = (lower(before), lower(after));
        for key in b.keys().chain(a.keys()) {
            let x = b.get(key).map_or("null", String::as_str);
            let y = a.get(key).map_or("null", String::as_str);
            let (x, y): (&RawValue, &RawValue) =
                (serde_json::from_str(x).unwrap(), serde_json::from_str(y).unwrap());
            compare(x, y, exact, at, &format!("{path}.{key}"));
        }
    } else if b.starts_with('[') && a.starts_with('[') {
        let b: Vec<&RawValue> = serde_json::from_str(b).unwrap();
        let a: Vec<&RawValue> = serde_json::from_str(a).unwrap();
        assert_eq!(b.len(), a.len(), "{at}: {path} has another length");
        for (i, (x, y)) in b.iter().zip(&a).enumerate() {
            compare(x, y, exact, at, &format!("{path}[{i}]"));
        }
    } else if b.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        let digits = b.split(['e', 'E']).next().unwrap().chars().filter(char::is_ascii_digit);
        let significant = digits.collect::<String>().trim_matches('0').len();
        if significant > 15 {
            assert_eq!(b, a, "{at}: {path} lost digits");
            *exact += 1;
        } else {
            let (x, y): (f64, f64) = (b.parse().unwrap(), a.parse().unwrap());
            assert_eq!(x, y, "{at}: {path}: {b} became {a}");
        }
    } else {
        let (x, y): (serde_json::Value, serde_json::Value) =
            (serde_json::from_str(b).unwrap(), serde_json::from_str(a).unwrap());
        assert_eq!(x, y, "{at}: {path}");
    }
}
"##;

    fn manifest(models: &Path) -> String {
        format!(
            r#"# Written by xtask's outside-crate test: a user's crate.
[package]
name = "outside-user"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[lib]
path = "src.rs"

[features]
# Turns serde_json's arbitrary_precision on, as some other crate of a build
# might: the models must still decode and keep their digits.
arbitrary = ["serde_json/arbitrary_precision"]

[dependencies]
partner-center-models = {{ path = {models:?} }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["raw_value"] }}
"#,
            models = models.to_string_lossy().replace('\\', "/")
        )
    }

    /// Every response and request example the pages tie to a model, one
    /// JSON object per line.
    fn tied_examples(sources: &Sources) -> String {
        let (examples, _) = partner_center_codegen::examples(sources);
        let mut lines = String::new();
        for example in examples {
            let (Ok(json), Ok(tie)) = (&example.json, &example.tie) else { continue };
            if example.direction == Direction::Unknown {
                continue;
            }
            let line = serde_json::json!({
                "at": format!("{}:{}", example.page, example.line),
                "name": tie.name,
                "shape": tie.shape.name(),
                "json": json,
            });
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
        lines
    }

    #[test]
    fn a_crate_outside_the_workspace_keeps_its_floats_and_the_decimals_stay_exact() {
        let root = workspace_root();
        let dir = target_dir(&root).join("outside-user");
        std::fs::create_dir_all(dir.join("tests")).unwrap();
        let mut examples = None;
        let models = match std::env::var_os("PC_DOCS_DIR") {
            Some(docs) => {
                let options = PagesOptions {
                    docs: Some(docs.clone().into()),
                    with: vec![root.join("docs-src/undocumented-resources.md")],
                    ..PagesOptions::default()
                };
                write_crate(&options, Path::new(&docs), &dir.join("pc-full")).unwrap();
                let sources = read_pages(Path::new(&docs), &options, &root).unwrap();
                let path = dir.join("examples.jsonl");
                std::fs::write(&path, tied_examples(&sources)).unwrap();
                examples = Some(path);
                dir.join("pc-full/models")
            }
            None => {
                eprintln!(
                    "PC_DOCS_DIR is not set: the outside crate uses the docs-src models, and the \
                     reference examples part is skipped"
                );
                root.join("crates/partner-center-models")
            }
        };
        std::fs::write(dir.join("Cargo.toml"), manifest(&models)).unwrap();
        std::fs::write(dir.join("src.rs"), "//! A user's crate.\n").unwrap();
        std::fs::write(dir.join("tests/user.rs"), USER_TESTS).unwrap();

        for features in [&[][..], &["--features", "arbitrary"][..]] {
            let mut command = Command::new(env!("CARGO"));
            command
                .args(["test", "--quiet", "--manifest-path"])
                .arg(dir.join("Cargo.toml"))
                .args(features)
                .env("CARGO_TARGET_DIR", dir.join("target"));
            if let Some(path) = &examples {
                command.env("EXAMPLES", path);
            }
            let output = command.output().unwrap();
            assert!(
                output.status.success(),
                "the user's crate failed ({features:?}):\n{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}
