//! Comparing JSON as the service means it: member names in any ASCII
//! casing, `null` as an absent member, numbers by value.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// Where `after` differs from `before`, as a JSON path and what changed.
/// Member names compare in any ASCII casing (the models write the service's
/// spelling), `null` equals an absent member (the models leave `None` out),
/// and numbers compare by value (`2` and `2.0`).
pub(crate) fn difference(before: &Value, after: &Value, path: &str) -> Option<String> {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let lower = |m: &serde_json::Map<String, Value>| -> BTreeMap<String, (String, Value)> {
                m.iter().map(|(k, v)| (k.to_ascii_lowercase(), (k.clone(), v.clone()))).collect()
            };
            let (a, b) = (lower(a), lower(b));
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|key| {
                let name = a.get(key).or(b.get(key)).map(|(k, _)| k.as_str()).unwrap_or(key);
                let x = a.get(key).map_or(&Value::Null, |(_, v)| v);
                let y = b.get(key).map_or(&Value::Null, |(_, v)| v);
                difference(x, y, &format!("{path}.{name}"))
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| difference(x, y, &format!("{path}[{i}]"))),
        (Value::Number(x), Value::Number(y)) if same_number(&x.to_string(), &y.to_string()) => None,
        _ if before == after => None,
        _ => Some(format!("{path}: {} became {}", short(before), short(after))),
    }
}

fn same_number(x: &str, y: &str) -> bool {
    x == y || matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(a), Ok(b)) if a == b)
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 60 { format!("{}...", &text[..57]) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_ignore_casing_nulls_and_number_spelling() {
        let before = json!({"TenantID": "t", "gone": null, "n": 2, "items": [{"x": 1.50}]});
        let after = json!({"tenantId": "t", "n": 2.0, "items": [{"x": 1.5}]});
        assert_eq!(difference(&before, &after, "$"), None);
    }

    #[test]
    fn differences_name_their_path() {
        let before = json!({"a": {"b": [1, "25"]}});
        let after = json!({"a": {"b": [1, 25]}});
        assert_eq!(difference(&before, &after, "$"), Some("$.a.b[1]: \"25\" became 25".into()));
    }
}
