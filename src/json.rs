//! A small JSON value read by the browser's own `JSON.parse`, for what the first page load
//! decodes (config.json, the signed-in user, error bodies). Pages decode their models with
//! serde; keeping serde_json's parser out of the first load saves about a tenth of it.
//!
//! Natively (unit tests) the same value is read with serde_json, so the logic written against
//! [`Json`] is tested without a browser.

/// A parsed JSON value. Objects keep their keys in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object (`None` for other values or a missing key).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A string member, or `None` when it is missing, `null` or not a string.
    pub fn str_of(&self, key: &str) -> Option<String> {
        self.get(key).and_then(Json::as_str).map(str::to_string)
    }

    /// The name of the value's type, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// A number as JavaScript writes it. In the browser JavaScript does the formatting: Rust's float
/// printer is kilobytes of code this would otherwise put in the first load.
#[cfg(target_arch = "wasm32")]
fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn number_text(n: f64) -> String {
    n.to_string()
}

/// A string as a JSON literal (quoted and escaped), by the browser's `JSON.stringify` (Rust's
/// escaping carries Unicode tables).
#[cfg(target_arch = "wasm32")]
pub fn string_literal(s: &str) -> String {
    js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_str(s))
        .map(String::from)
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn string_literal(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Compact JSON text of a value (strings escaped as JSON does), for showing odd values literally.
impl std::fmt::Display for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => f.write_str(&number_text(*n)),
            Json::String(s) => f.write_str(&string_literal(s)),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Json::Object(members) => {
                f.write_str("{")?;
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{}:{v}", string_literal(k))?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Parses JSON text; the error is the parser's own description.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Result<Json, String> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".to_string())
    })?;
    Ok(from_js(&value))
}

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;

#[cfg(target_arch = "wasm32")]
fn from_js(value: &wasm_bindgen::JsValue) -> Json {
    if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(s) = value.as_string() {
        Json::String(s)
    } else if js_sys::Array::is_array(value) {
        Json::Array(
            js_sys::Array::from(value)
                .iter()
                .map(|v| from_js(&v))
                .collect(),
        )
    } else if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        Json::Object(
            js_sys::Object::entries(object)
                .iter()
                .map(|entry| {
                    let pair = js_sys::Array::from(&entry);
                    (
                        pair.get(0).as_string().unwrap_or_default(),
                        from_js(&pair.get(1)),
                    )
                })
                .collect(),
        )
    } else {
        Json::Null
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Json, String> {
    fn from_serde(v: serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(items.into_iter().map(from_serde).collect()),
            Value::Object(map) => {
                Json::Object(map.into_iter().map(|(k, v)| (k, from_serde(v))).collect())
            }
        }
    }
    serde_json::from_str(text)
        .map(from_serde)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_members_by_type() {
        let v =
            parse(r#"{"a": "x", "b": true, "c": null, "d": 2.5, "e": [1, {"f": "g"}]}"#).unwrap();
        assert_eq!(v.str_of("a").as_deref(), Some("x"));
        assert_eq!(v.get("b").and_then(Json::as_bool), Some(true));
        assert_eq!(v.str_of("c"), None);
        assert_eq!(v.str_of("d"), None);
        assert_eq!(v.get("missing"), None);
        assert_eq!(v.get("d").map(Json::kind), Some("a number"));
        assert_eq!(Json::String("s".into()).get("a"), None);
        assert!(parse("{").is_err());
    }

    #[test]
    fn displays_as_compact_json() {
        let v = parse(r#"{"a": ["x\"y", 1, null, false], "b": {}}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"a":["x\"y",1,null,false],"b":{}}"#);
    }
}
