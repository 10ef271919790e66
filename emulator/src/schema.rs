//! Quay's `validate_json_request` for the flat object schemas the emulator serves, with
//! jsonschema 3.2.0's error text (§1.9). The schemas and their pretty-printed blocks are generated
//! by `schemas/generate.py` (Python's `pprint`, width 72) into `schemas/schemas.json`.

use std::sync::OnceLock;

use serde_json::Value;

use crate::python::repr;

const SCHEMAS_JSON: &str = include_str!("../schemas/schemas.json");

fn schemas() -> &'static serde_json::Map<String, Value> {
    static PARSED: OnceLock<serde_json::Map<String, Value>> = OnceLock::new();
    PARSED.get_or_init(|| match serde_json::from_str(SCHEMAS_JSON) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    })
}

/// The JSON schema called `name` (for the discovery document's definitions).
pub fn schema(name: &str) -> Option<&'static Value> {
    schemas().get(name).and_then(|s| s.get("schema"))
}

/// Names of every schema known here.
pub fn names() -> Vec<&'static str> {
    schemas().keys().map(String::as_str).collect()
}

fn json_type_name(kind: &str, value: &Value) -> bool {
    match kind {
        "object" => value.is_object(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        _ => true,
    }
}

/// `Ok` or the full validator message (the 400 A `detail`).
pub fn validate(name: &str, body: &Value) -> Result<(), String> {
    let Some(entry) = schemas().get(name) else {
        return Ok(());
    };
    let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or("");
    let Value::Object(fields) = body else {
        return Err(format!(
            "{} is not of type 'object'\n\nFailed validating 'type' in schema:\n{}\n\n\
             On instance:\n    {}",
            repr(body),
            text("block"),
            repr(body)
        ));
    };
    let required = entry["schema"]["required"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for name in required.iter().filter_map(Value::as_str) {
        if !fields.contains_key(name) {
            return Err(format!(
                "'{name}' is a required property\n\nFailed validating 'required' in schema:\n\
                 {}\n\nOn instance:\n    {}",
                text("block"),
                repr(body)
            ));
        }
    }
    let order = entry["property_order"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for prop in order.iter().filter_map(Value::as_str) {
        let Some(value) = fields.get(prop) else {
            continue;
        };
        let kind = entry["schema"]["properties"][prop]["type"]
            .as_str()
            .unwrap_or("");
        if !json_type_name(kind, value) {
            let block = entry["properties"][prop].as_str().unwrap_or("");
            return Err(format!(
                "{} is not of type '{kind}'\n\nFailed validating 'type' in \
                 schema['properties']['{prop}']:\n{block}\n\nOn instance['{prop}']:\n    {}",
                repr(value),
                repr(value)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn required_and_type_messages() {
        let e = validate("NewOrg", &json!({"email": "a@b.c"})).unwrap_err();
        assert!(e.starts_with(
            "'name' is a required property\n\nFailed validating 'required' in schema:\n    \
             {'description': 'Description of a new organization.',"
        ));
        assert!(e.ends_with("On instance:\n    {'email': 'a@b.c'}"));
        let e = validate("NewOrg", &json!({"name": 5})).unwrap_err();
        assert_eq!(
            e,
            "5 is not of type 'string'\n\nFailed validating 'type' in \
             schema['properties']['name']:\n    {'description': 'Organization username', \
             'type': 'string'}\n\nOn instance['name']:\n    5"
        );
        assert!(validate("NewOrg", &json!({"name": "x"})).is_ok());
        assert!(validate("NewOrg", &json!([1]))
            .unwrap_err()
            .starts_with("[1] is not of type 'object'"));
        assert!(validate("UpdateApp", &json!({"name": "x"}))
            .unwrap_err()
            .starts_with("'redirect_uri' is a required property"));
    }
}
