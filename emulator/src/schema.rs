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

/// The name the discovery document uses for a schema: schemas that share a name in Quay (two
/// resource classes both calling theirs `UpdateOrg`) are keyed `Name@qualifier` here.
pub fn discovery_name(name: &str) -> &str {
    name.split_once('@').map_or(name, |(base, _)| base)
}

/// jsonschema 3.2.0's Draft 7 type checks (an integral float is an integer; booleans are not
/// numbers).
fn json_type_name(kind: &str, value: &Value) -> bool {
    match kind {
        "object" => value.is_object(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "integer" => {
            value.is_i64()
                || value.is_u64()
                || value
                    .as_f64()
                    .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
        }
        "number" => value.is_number(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        _ => true,
    }
}

/// A property's `type`: one name or a list of names (`["string", "null"]`).
fn type_names(kind: &Value) -> Vec<&str> {
    match kind {
        Value::String(k) => vec![k.as_str()],
        Value::Array(ks) => ks.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `instance < minimum`, on numbers only.
fn below_minimum(value: &Value, minimum: &Value) -> bool {
    match (value.as_f64(), minimum.as_f64()) {
        (Some(v), Some(m)) if value.is_number() => match (value.as_i64(), minimum.as_i64()) {
            (Some(vi), Some(mi)) => vi < mi,
            _ => v < m,
        },
        _ => false,
    }
}

/// `Ok` or the full validator message (the 400 A `detail`).
pub fn validate(name: &str, body: &Value) -> Result<(), String> {
    let Some(entry) = schemas().get(name) else {
        return Ok(());
    };
    let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or("");
    let Value::Object(fields) = body else {
        // Without a top-level type, `required` and `properties` ignore non-objects.
        if entry["schema"].get("type").is_none() {
            return Ok(());
        }
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
        let spec = &entry["schema"]["properties"][prop];
        let block = entry["properties"][prop].as_str().unwrap_or("");
        let failed = |keyword: &str, message: String| {
            format!(
                "{message}\n\nFailed validating '{keyword}' in \
                 schema['properties']['{prop}']:\n{block}\n\nOn instance['{prop}']:\n    {}",
                repr(value)
            )
        };
        let kinds = type_names(&spec["type"]);
        if !kinds.is_empty() && !kinds.iter().any(|k| json_type_name(k, value)) {
            let names: Vec<String> = kinds.iter().map(|k| format!("'{k}'")).collect();
            return Err(failed(
                "type",
                format!("{} is not of type {}", repr(value), names.join(", ")),
            ));
        }
        if let Some(minimum) = spec.get("minimum") {
            if below_minimum(value, minimum) {
                return Err(failed(
                    "minimum",
                    format!(
                        "{} is less than the minimum of {}",
                        repr(value),
                        repr(minimum)
                    ),
                ));
            }
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

    #[test]
    fn schema_without_a_type_accepts_non_objects() {
        assert!(validate("CreateInstallUser", &json!([1])).is_ok());
        assert!(validate("CreateInstallUser", &json!("x")).is_ok());
        assert!(validate("UpdateUser", &json!([1]))
            .unwrap_err()
            .starts_with("[1] is not of type 'object'"));
    }

    #[test]
    fn type_lists_minimum_and_integral_floats() {
        let org = "UpdateOrg@organization";
        assert_eq!(
            validate(org, &json!({"contact_email": 5})).unwrap_err(),
            "5 is not of type 'string', 'null'\n\nFailed validating 'type' in \
             schema['properties']['contact_email']:\n    {'description': 'Organization \
             contact email',\n     'type': ['string', 'null']}\n\nOn \
             instance['contact_email']:\n    5"
        );
        assert!(validate(org, &json!({"contact_email": null})).is_ok());
        assert_eq!(
            validate(org, &json!({"tag_expiration_s": -1})).unwrap_err(),
            "-1 is less than the minimum of 0\n\nFailed validating 'minimum' in \
             schema['properties']['tag_expiration_s']:\n    {'description': 'The number of \
             seconds for tag expiration',\n     'minimum': 0,\n     'type': 'integer'}\n\nOn \
             instance['tag_expiration_s']:\n    -1"
        );
        assert!(validate(org, &json!({"tag_expiration_s": 86400.0})).is_ok());
        assert!(validate(org, &json!({"tag_expiration_s": true}))
            .unwrap_err()
            .starts_with("True is not of type 'integer'"));
        assert!(validate(org, &json!({"tag_expiration_s": 1.5}))
            .unwrap_err()
            .starts_with("1.5 is not of type 'integer'"));
        assert_eq!(discovery_name(org), "UpdateOrg");
        assert_eq!(discovery_name("UpdateOrg"), "UpdateOrg");
    }
}
