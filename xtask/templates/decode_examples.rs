//! Written by `cargo xtask decode-examples` into target/decode-examples.
//!
//! Decodes every object of the pages' JSON examples that names its resource
//! (`"attributes": {"objectType": ...}`; a list response as a collection of
//! its items' resource) with the generated models, encodes
//! it again and compares: the models must decode every example and lose
//! nothing. Member names compare in any casing; `null` and an absent
//! property count as the same, and so do two
//! spellings of one number (`2`, `2.0` and, for an amount the service writes
//! both ways, `"2"`).

use partner_center_models::{RESOURCES, Shape};
use serde_json::Value;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: decode-examples DOCS_DIR");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the docs directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let (mut decoded, mut failures, mut unknown) = (0, Vec::new(), std::collections::BTreeMap::new());
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a page");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for block in text.split("```").skip(1).step_by(2) {
            let Some(start) = block.lines().position(|l| l.trim_start().starts_with(['{', '['])) else {
                continue;
            };
            let body: String = block.lines().skip(start).collect::<Vec<_>>().join("\n");
            let Some(Ok(value)) = serde_json::Deserializer::from_str(&body).into_iter::<Value>().next() else {
                continue;
            };
            let mut objects = Vec::new();
            typed_objects(&value, &mut objects);
            for (object_type, object) in objects {
                // A list response names its element type on its items.
                let collection = object_type.eq_ignore_ascii_case("collection");
                let element_type = match collection {
                    true => object.pointer("/items/0/attributes/objectType").and_then(Value::as_str),
                    false => Some(object_type.as_str()),
                };
                let resource = element_type.and_then(|t| RESOURCES.iter().find(|r| r.is_called(t)));
                let Some(resource) = resource else {
                    let shown = match (collection, element_type) {
                        (true, Some(t)) => format!("Collection<{t}>"),
                        (true, None) => "Collection of untyped items".to_owned(),
                        (false, _) => object_type,
                    };
                    *unknown.entry(shown).or_insert(0) += 1;
                    continue;
                };
                let shape = if collection { Shape::Collection } else { Shape::One };
                match resource.transcode(&object.to_string(), shape) {
                    Ok(transcoded) => {
                        let again: Value = serde_json::from_str(&transcoded.json).expect("models encode JSON");
                        if same(&object, &again) {
                            decoded += 1;
                        } else {
                            failures.push(format!("{name}: {}: encoding again changed it:\n  {object}\n  {again}", resource.name));
                        }
                    }
                    Err(error) => failures.push(format!("{name}: {}: {error}", resource.name)),
                }
            }
        }
    }
    for failure in &failures {
        println!("FAILED {failure}");
    }
    println!("{decoded} example objects decoded and encoded again without loss; {} failed", failures.len());
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.iter().map(|(n, c)| format!("{n} ({c})")).collect();
        println!("objectTypes no resource table defines, not checked: {}", names.join(", "));
    }
    std::process::exit(if failures.is_empty() { 0 } else { 1 });
}

/// Objects in `value` that name their resource, outermost first.
fn typed_objects(value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(name)) = map.get("attributes").and_then(|a| a.get("objectType")) {
                out.push((name.clone(), value.clone()));
            }
            map.values().for_each(|v| typed_objects(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| typed_objects(v, out)),
        _ => {}
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            // Member names compare in any ASCII casing: the models write the
            // service's spelling of a name sent as `TenantID`.
            let lower = |m: &serde_json::Map<String, Value>| -> std::collections::BTreeMap<String, Value> {
                m.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect()
            };
            let (x, y) = (lower(x), lower(y));
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| same(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Number(x), Value::Number(y)) => same_number(&x.to_string(), &y.to_string()),
        (Value::Number(x), Value::String(y)) | (Value::String(y), Value::Number(x)) => {
            same_number(&x.to_string(), y)
        }
        _ => a == b,
    }
}

fn same_number(x: &str, y: &str) -> bool {
    x == y || matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(x), Ok(y)) if x == y)
}
