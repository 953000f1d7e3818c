//! Reading a Partner Center body as plain JSON, before choosing its model:
//! the resource its `attributes.objectType` names, and the objects that
//! stand for the resource in one, a collection or a list of it. The
//! `partner-center` CLI and the generator's examples check use these same
//! rules.

use serde_json::Value;

use crate::Shape;

/// The member `name` of an object, in any ASCII casing (.NET clients write
/// `Attributes` and `ObjectType`), as the models decode members.
pub fn member<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    let object = value.as_object()?;
    object.get(name).or_else(|| {
        object.iter().find_map(|(key, value)| key.eq_ignore_ascii_case(name).then_some(value))
    })
}

/// The resource an object names in `attributes.objectType`, in any casing.
pub fn object_type(value: &Value) -> Option<&str> {
    member(member(value, "attributes")?, "objectType")?.as_str()
}

/// How a body holds its resource: an object with an `items` array is a
/// collection, an array a list, anything else one resource.
pub fn shape_of(value: &Value) -> Shape {
    match value {
        Value::Object(_) if member(value, "items").is_some_and(Value::is_array) => {
            Shape::Collection
        }
        Value::Array(_) => Shape::List,
        _ => Shape::One,
    }
}

/// The objects of a body that stand for its resource: the body itself, its
/// `items`, or its elements.
pub fn elements(value: &Value, shape: Shape) -> Vec<&Value> {
    match shape {
        Shape::One => vec![value],
        Shape::Collection => member(value, "items")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        Shape::List => value.as_array().map(|a| a.iter().collect()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn object_types_are_read_in_any_casing() {
        let dotnet = json!({"Attributes": {"ObjectType": "Customer"}});
        assert_eq!(object_type(&dotnet), Some("Customer"));
        assert_eq!(object_type(&json!({"attributes": {}})), None);
    }

    #[test]
    fn shapes_and_their_elements() {
        let collection = json!({"totalCount": 1, "Items": [{"id": 1}]});
        assert_eq!(shape_of(&collection), Shape::Collection);
        assert_eq!(elements(&collection, Shape::Collection), [&json!({"id": 1})]);
        let list = json!([{"id": 1}, {"id": 2}]);
        assert_eq!(shape_of(&list), Shape::List);
        assert_eq!(elements(&list, Shape::List).len(), 2);
        assert_eq!(shape_of(&json!({"items": 3})), Shape::One);
    }
}
