//! Quay's `validate_json_request` for the flat object schemas the emulator serves, with
//! jsonschema 3.2.0's error text (§1.9). The schemas and their pretty-printed blocks are generated
//! by `schemas/generate.py` (Python's `pprint`, width 72) into `schemas/schemas.json`.
//!
//! The superuser quota bodies (§6) are `oneOf` schemas; they and jsonschema's `best_match` over
//! their errors are in the second half of this file.

use std::sync::OnceLock;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::python::{repr, string_repr};

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
    schemas()
        .get(name)
        .or_else(|| one_of_schemas().get(name))
        .and_then(|s| s.get("schema"))
}

/// Names of every schema known here.
pub fn names() -> Vec<&'static str> {
    schemas()
        .keys()
        .chain(one_of_schemas().keys())
        .map(String::as_str)
        .collect()
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
    if let Some(entry) = one_of_schemas().get(name) {
        return validate_one_of(entry, body, None);
    }
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
    // jsonschema's `best_match` ranks `anyOf` failures below every other error of the same depth.
    let mut weak = None;
    for prop in order.iter().filter_map(Value::as_str) {
        let Some(value) = fields.get(prop) else {
            continue;
        };
        let spec = &entry["schema"]["properties"][prop];
        if let Some(branches) = spec.get("anyOf").and_then(Value::as_array) {
            if weak.is_none() {
                weak = any_of_error(entry, prop, branches, value);
            }
            continue;
        }
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
    weak.map_or(Ok(()), Err)
}

/// A property's `anyOf` of typed branches (`{"anyOf": [{"type": "number"}, {"type": "null"}]}`)
/// that no branch accepts: `best_match` descends into the branches' errors and reports the first,
/// with paths relative to the branch (`schema[0]`, `instance`).
fn any_of_error(entry: &Value, prop: &str, branches: &[Value], value: &Value) -> Option<String> {
    let accepts = |branch: &Value| {
        let kinds = type_names(&branch["type"]);
        kinds.is_empty() || kinds.iter().any(|k| json_type_name(k, value))
    };
    if branches.iter().any(accepts) {
        return None;
    }
    let names: Vec<String> = type_names(&branches.first()?["type"])
        .iter()
        .map(|k| format!("'{k}'"))
        .collect();
    Some(format!(
        "{} is not of type {}\n\nFailed validating 'type' in schema[0]:\n{}\n\nOn instance:\n    {}",
        repr(value),
        names.join(", "),
        entry["any_of"][prop][0].as_str().unwrap_or(""),
        repr(value)
    ))
}

/// [`validate`] with the request body as sent: Python's `repr` in the first line of a message
/// shows objects in their own key order, which the parsed [`Value`] no longer has.
pub fn validate_source(name: &str, body: &Value, raw: &[u8]) -> Result<(), String> {
    match one_of_schemas().get(name) {
        Some(entry) => validate_one_of(entry, body, PyJson::parse(raw).as_ref()),
        None => validate(name, body),
    }
}

// ------------------------------------------------------------------------------------------------
// `oneOf` schemas: `NewNamespaceQuota` and `UpdateNamespaceQuota` (endpoints/api/superuser.py).
// Per schema: the schema, Python's `pprint` block of it, and per `oneOf` branch its keys and
// property names in Quay's source order (jsonschema reports errors in that order), its block, its
// `repr` (source order, for "is valid under each of") and the blocks of its properties. Generated
// with the code of schemas/generate.py.

const ONE_OF_JSON: &str = r##"{
 "NewNamespaceQuota": {
  "schema": {
   "type": "object",
   "description": "Description of a new organization quota",
   "oneOf": [
    {
     "required": [
      "limit_bytes"
     ],
     "properties": {
      "limit_bytes": {
       "type": "integer",
       "description": "Number of bytes the organization is allowed"
      }
     }
    },
    {
     "required": [
      "limit"
     ],
     "properties": {
      "limit": {
       "type": "string",
       "description": "Human readable storage capacity of the organization",
       "pattern": "^(\\d+\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$"
      }
     }
    }
   ]
  },
  "block": "    {'description': 'Description of a new organization quota',\n     'oneOf': [{'properties': {'limit_bytes': {'description': 'Number of '\n                                                              'bytes the '\n                                                              'organization '\n                                                              'is allowed',\n                                               'type': 'integer'}},\n                'required': ['limit_bytes']},\n               {'properties': {'limit': {'description': 'Human readable '\n                                                        'storage capacity '\n                                                        'of the '\n                                                        'organization',\n                                         'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n                                         'type': 'string'}},\n                'required': ['limit']}],\n     'type': 'object'}",
  "branches": [
   {
    "keys": [
     "required",
     "properties"
    ],
    "property_order": [
     "limit_bytes"
    ],
    "block": "    {'properties': {'limit_bytes': {'description': 'Number of bytes the '\n                                                   'organization is '\n                                                   'allowed',\n                                    'type': 'integer'}},\n     'required': ['limit_bytes']}",
    "repr": "{'required': ['limit_bytes'], 'properties': {'limit_bytes': {'type': 'integer', 'description': 'Number of bytes the organization is allowed'}}}",
    "properties": {
     "limit_bytes": "    {'description': 'Number of bytes the organization is allowed',\n     'type': 'integer'}"
    }
   },
   {
    "keys": [
     "required",
     "properties"
    ],
    "property_order": [
     "limit"
    ],
    "block": "    {'properties': {'limit': {'description': 'Human readable storage '\n                                             'capacity of the organization',\n                              'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n                              'type': 'string'}},\n     'required': ['limit']}",
    "repr": "{'required': ['limit'], 'properties': {'limit': {'type': 'string', 'description': 'Human readable storage capacity of the organization', 'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$'}}}",
    "properties": {
     "limit": "    {'description': 'Human readable storage capacity of the organization',\n     'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n     'type': 'string'}"
    }
   }
  ]
 },
 "UpdateNamespaceQuota": {
  "schema": {
   "type": "object",
   "description": "Description of a new organization quota",
   "oneOf": [
    {
     "properties": {
      "limit_bytes": {
       "type": "integer",
       "description": "Number of bytes the organization is allowed"
      }
     },
     "required": [
      "limit_bytes"
     ],
     "additionalProperties": false
    },
    {
     "properties": {
      "limit": {
       "type": "string",
       "description": "Human readable storage capacity of the organization",
       "pattern": "^(\\d+\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$"
      }
     },
     "required": [
      "limit"
     ],
     "additionalProperties": false
    },
    {
     "properties": {
      "limit_bytes": {
       "not": {}
      },
      "limit": {
       "not": {}
      }
     },
     "additionalProperties": false
    }
   ]
  },
  "block": "    {'description': 'Description of a new organization quota',\n     'oneOf': [{'additionalProperties': False,\n                'properties': {'limit_bytes': {'description': 'Number of '\n                                                              'bytes the '\n                                                              'organization '\n                                                              'is allowed',\n                                               'type': 'integer'}},\n                'required': ['limit_bytes']},\n               {'additionalProperties': False,\n                'properties': {'limit': {'description': 'Human readable '\n                                                        'storage capacity '\n                                                        'of the '\n                                                        'organization',\n                                         'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n                                         'type': 'string'}},\n                'required': ['limit']},\n               {'additionalProperties': False,\n                'properties': {'limit': {'not': {}},\n                               'limit_bytes': {'not': {}}}}],\n     'type': 'object'}",
  "branches": [
   {
    "keys": [
     "properties",
     "required",
     "additionalProperties"
    ],
    "property_order": [
     "limit_bytes"
    ],
    "block": "    {'additionalProperties': False,\n     'properties': {'limit_bytes': {'description': 'Number of bytes the '\n                                                   'organization is '\n                                                   'allowed',\n                                    'type': 'integer'}},\n     'required': ['limit_bytes']}",
    "repr": "{'properties': {'limit_bytes': {'type': 'integer', 'description': 'Number of bytes the organization is allowed'}}, 'required': ['limit_bytes'], 'additionalProperties': False}",
    "properties": {
     "limit_bytes": "    {'description': 'Number of bytes the organization is allowed',\n     'type': 'integer'}"
    }
   },
   {
    "keys": [
     "properties",
     "required",
     "additionalProperties"
    ],
    "property_order": [
     "limit"
    ],
    "block": "    {'additionalProperties': False,\n     'properties': {'limit': {'description': 'Human readable storage '\n                                             'capacity of the organization',\n                              'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n                              'type': 'string'}},\n     'required': ['limit']}",
    "repr": "{'properties': {'limit': {'type': 'string', 'description': 'Human readable storage capacity of the organization', 'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$'}}, 'required': ['limit'], 'additionalProperties': False}",
    "properties": {
     "limit": "    {'description': 'Human readable storage capacity of the organization',\n     'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n     'type': 'string'}"
    }
   },
   {
    "keys": [
     "properties",
     "additionalProperties"
    ],
    "property_order": [
     "limit_bytes",
     "limit"
    ],
    "block": "    {'additionalProperties': False,\n     'properties': {'limit': {'not': {}}, 'limit_bytes': {'not': {}}}}",
    "repr": "{'properties': {'limit_bytes': {'not': {}}, 'limit': {'not': {}}}, 'additionalProperties': False}",
    "properties": {
     "limit_bytes": "    {'not': {}}",
     "limit": "    {'not': {}}"
    }
   }
  ]
 }
}"##;

fn one_of_schemas() -> &'static Map<String, Value> {
    static PARSED: OnceLock<Map<String, Value>> = OnceLock::new();
    PARSED.get_or_init(|| match serde_json::from_str(ONE_OF_JSON) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    })
}

/// The `limit` pattern of the quota schemas.
pub const LIMIT_PATTERN: &str = r"^(\d+\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$";

const LIMIT_UNITS: &[&str] = &[
    "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB", "Ki", "Mi", "Gi", "Ti", "Pi",
    "Ei", "Zi", "Yi", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB", "K", "M", "G", "T", "P", "E",
    "Z", "Y",
];

/// The code points of `0` of every run of Unicode decimal digits (category Nd, Unicode 14): what
/// Python's `\d` matches and `float()` accepts.
const DECIMAL_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a Unicode decimal digit (Python's `unicodedata.decimal`).
pub fn decimal_digit(c: char) -> Option<u32> {
    let code = c as u32;
    let run = DECIMAL_ZEROS
        .partition_point(|&zero| zero <= code)
        .checked_sub(1)?;
    let value = code - DECIMAL_ZEROS[run];
    (value < 10).then_some(value)
}

/// `re.search(LIMIT_PATTERN, text)`: Unicode digits, one optional whitespace character, an
/// optional unit, and the end (`$` also matches before a final newline).
pub fn limit_pattern_matches(text: &str) -> bool {
    let digits = text
        .char_indices()
        .find(|(_, c)| decimal_digit(*c).is_none())
        .map_or(text.len(), |(i, _)| i);
    if digits == 0 {
        return false;
    }
    let rest = &text[digits..];
    let rest = rest.strip_suffix('\n').unwrap_or(rest);
    let rest = match rest.chars().next() {
        Some(c) if quay_rules::is_python_whitespace(c) => &rest[c.len_utf8()..],
        _ => rest,
    };
    rest.is_empty() || LIMIT_UNITS.contains(&rest)
}

/// A JSON value as Python's `json.loads` builds it: objects keep their keys in first-seen order
/// (a repeated key keeps its place and takes the last value), as `repr` shows them.
#[derive(Debug, Clone, PartialEq)]
pub enum PyJson {
    /// `null`, booleans, numbers and strings.
    Scalar(Value),
    List(Vec<PyJson>),
    Dict(Vec<(String, PyJson)>),
}

impl PyJson {
    /// The document in `raw`, if it is valid JSON.
    pub fn parse(raw: &[u8]) -> Option<PyJson> {
        serde_json::from_slice(raw).ok()
    }

    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&PyJson> {
        match self {
            PyJson::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Python's `repr`, keys in the document's order.
    pub fn repr(&self) -> String {
        match self {
            PyJson::Scalar(value) => repr(value),
            PyJson::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(PyJson::repr)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            PyJson::Dict(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", string_repr(k), v.repr()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl<'de> Deserialize<'de> for PyJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PyJson, D::Error> {
        deserializer.deserialize_any(PyJsonVisitor)
    }
}

struct PyJsonVisitor;

impl<'de> Visitor<'de> for PyJsonVisitor {
    type Value = PyJson;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<PyJson, E> {
        Ok(PyJson::Scalar(Value::Null))
    }

    fn visit_bool<E>(self, v: bool) -> Result<PyJson, E> {
        Ok(PyJson::Scalar(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<PyJson, E> {
        Ok(PyJson::Scalar(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<PyJson, E> {
        Ok(PyJson::Scalar(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<PyJson, E> {
        Ok(PyJson::Scalar(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<PyJson, E> {
        Ok(PyJson::Scalar(Value::String(v.to_string())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PyJson, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(PyJson::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PyJson, A::Error> {
        let mut entries: Vec<(String, PyJson)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, PyJson>()? {
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(PyJson::Dict(entries))
    }
}

/// One error of a `oneOf` branch; `depth` is the length of its instance path, which decides
/// jsonschema's `best_match` (the deepest wins, then the first).
struct BranchError {
    depth: usize,
    message: String,
}

/// jsonschema 3.2.0 on `{"type": "object", "oneOf": [...]}` whose branches use `properties`
/// (`type`, `pattern`, `not`), `required` and `additionalProperties: false`; the error
/// `best_match` reports. `ordered` is the body as sent, for the first line's `repr`.
fn validate_one_of(entry: &Value, body: &Value, ordered: Option<&PyJson>) -> Result<(), String> {
    let block = entry["block"].as_str().unwrap_or("");
    let shown =
        |value: &Value, sent: Option<&PyJson>| sent.map_or_else(|| repr(value), PyJson::repr);
    let Value::Object(fields) = body else {
        // Every branch ignores a non-object, so `oneOf` fails too ("valid under each of"); the
        // type error ranks first (`oneOf` is a weak match).
        return Err(format!(
            "{} is not of type 'object'\n\nFailed validating 'type' in schema:\n{block}\n\n\
             On instance:\n    {}",
            shown(body, ordered),
            repr(body)
        ));
    };
    let metas = entry["branches"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let schemas = entry["schema"]["oneOf"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut context = Vec::new();
    let mut valid = Vec::new();
    for (index, (meta, schema)) in metas.iter().zip(schemas).enumerate() {
        let errors = branch_errors(index, meta, schema, body, fields, ordered);
        if errors.is_empty() {
            valid.push(index);
        } else {
            context.extend(errors);
        }
    }
    match valid.split_first() {
        None => {
            let deepest = context.iter().map(|e| e.depth).max().unwrap_or(0);
            Err(context
                .into_iter()
                .find(|e| e.depth == deepest)
                .map(|e| e.message)
                .unwrap_or_default())
        }
        Some((_, [])) => Ok(()),
        Some((&first, others)) => {
            // jsonschema lists the other valid branches, then the first one.
            let reprs: Vec<&str> = others
                .iter()
                .chain(std::iter::once(&first))
                .map(|&i| metas[i]["repr"].as_str().unwrap_or(""))
                .collect();
            Err(format!(
                "{} is valid under each of {}\n\nFailed validating 'oneOf' in schema:\n{block}\n\n\
                 On instance:\n    {}",
                shown(body, ordered),
                reprs.join(", "),
                repr(body)
            ))
        }
    }
}

/// The errors of branch `index`, in the order jsonschema yields them (the branch's keys in
/// source order, properties in source order).
fn branch_errors(
    index: usize,
    meta: &Value,
    schema: &Value,
    body: &Value,
    fields: &Map<String, Value>,
    ordered: Option<&PyJson>,
) -> Vec<BranchError> {
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    for key in names(&meta["keys"]) {
        match key.as_str() {
            "properties" => {
                for prop in names(&meta["property_order"]) {
                    let Some(value) = fields.get(&prop) else {
                        continue;
                    };
                    let sent = ordered
                        .and_then(|o| o.get(&prop))
                        .map_or_else(|| repr(value), PyJson::repr);
                    let spec = &schema["properties"][&prop];
                    let failure = |keyword: &str, message: String| BranchError {
                        depth: 1,
                        message: format!(
                            "{message}\n\nFailed validating '{keyword}' in \
                             schema[{index}]['properties'][{}]:\n{}\n\nOn instance[{}]:\n    {}",
                            string_repr(&prop),
                            meta["properties"][&prop].as_str().unwrap_or(""),
                            string_repr(&prop),
                            repr(value)
                        ),
                    };
                    if spec.get("not").is_some() {
                        // `{"not": {}}`: any value fails.
                        errors.push(failure("not", format!("{{}} is not allowed for {sent}")));
                        continue;
                    }
                    if let Some(kind) = spec["type"].as_str() {
                        if !json_type_name(kind, value) {
                            errors.push(failure("type", format!("{sent} is not of type '{kind}'")));
                            continue;
                        }
                    }
                    if let (Some(pattern), Some(text)) = (spec["pattern"].as_str(), value.as_str())
                    {
                        debug_assert_eq!(pattern, LIMIT_PATTERN);
                        if !limit_pattern_matches(text) {
                            errors.push(failure(
                                "pattern",
                                format!("{sent} does not match {}", string_repr(pattern)),
                            ));
                        }
                    }
                }
            }
            "required" => {
                for name in names(&schema["required"]) {
                    if !fields.contains_key(&name) {
                        errors.push(BranchError {
                            depth: 0,
                            message: format!(
                                "{} is a required property\n\nFailed validating 'required' in \
                                 schema[{index}]:\n{}\n\nOn instance:\n    {}",
                                string_repr(&name),
                                meta["block"].as_str().unwrap_or(""),
                                repr(body)
                            ),
                        });
                    }
                }
            }
            "additionalProperties" if schema[&key] == Value::Bool(false) => {
                let extras: Vec<String> = fields
                    .keys()
                    .filter(|k| schema["properties"].get(k.as_str()).is_none())
                    .map(|k| string_repr(k))
                    .collect();
                if !extras.is_empty() {
                    // Never the best match here: a branch with an extra key always has an
                    // error before it or another branch has a deeper one.
                    errors.push(BranchError {
                        depth: 0,
                        message: format!(
                            "Additional properties are not allowed ({} {} unexpected)",
                            extras.join(", "),
                            if extras.len() == 1 { "was" } else { "were" }
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    errors
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
    fn service_key_schemas_report_like_jsonschema() {
        let create = "CreateServiceKey";
        assert_eq!(
            validate(create, &json!({"service": "s", "expiration": "tomorrow"})).unwrap_err(),
            "'tomorrow' is not of type 'number'\n\nFailed validating 'type' in schema[0]:\n    \
             {'type': 'number'}\n\nOn instance:\n    'tomorrow'"
        );
        assert!(validate(create, &json!({"service": "s", "expiration": null})).is_ok());
        assert!(validate(create, &json!({"service": "s", "expiration": 1.5})).is_ok());
        assert!(
            validate(create, &json!({"service": "s", "expiration": true}))
                .unwrap_err()
                .starts_with("True is not of type 'number'")
        );
        // A plain type error outranks the (weak) `anyOf` failure, wherever it is.
        assert!(
            validate(create, &json!({"service": "s", "expiration": "x", "notes": 5}))
                .unwrap_err()
                .starts_with("5 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['notes']")
        );
        assert!(validate(create, &json!({"name": "n", "expiration": 1}))
            .unwrap_err()
            .starts_with("'service' is a required property"));
        assert!(validate(create, &json!({"service": "s"}))
            .unwrap_err()
            .starts_with("'expiration' is a required property"));
        assert!(validate("PutServiceKey", &json!({})).is_ok());
        assert!(validate("PutServiceKey", &json!({"expiration": [1]}))
            .unwrap_err()
            .starts_with("[1] is not of type 'number'"));
        assert_eq!(
            validate("ApproveServiceKey", &json!({"notes": 5})).unwrap_err(),
            "5 is not of type 'string'\n\nFailed validating 'type' in \
             schema['properties']['notes']:\n    {'description': 'Optional approval notes', \
             'type': 'string'}\n\nOn instance['notes']:\n    5"
        );
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

    #[test]
    fn limit_pattern_like_python_re() {
        for ok in [
            "5",
            "5 GiB",
            "5GiB",
            "12 K",
            "5\n",
            "5 \n",
            "5\nGiB",
            "5\n\n",
            "5 GiB\n",
            "5\u{a0}Gi",
            "\u{665}\u{660} MiB",
            "5 B",
            "5 ZiB",
            "0",
        ] {
            assert!(limit_pattern_matches(ok), "{ok:?}");
        }
        for bad in [
            "",
            "GiB",
            " 5",
            "5  GiB",
            "5 GiB ",
            "5 gib",
            "5 KIB",
            "1.5 GiB",
            "-5",
            "5 GiB\n\n",
            "ten gigs",
        ] {
            assert!(!limit_pattern_matches(bad), "{bad:?}");
        }
        assert_eq!(decimal_digit('7'), Some(7));
        assert_eq!(decimal_digit('\u{ff19}'), Some(9));
        assert_eq!(decimal_digit('a'), None);
        assert_eq!(decimal_digit('\u{2167}'), None);
    }

    #[test]
    fn python_order_of_objects() {
        let doc =
            PyJson::parse(br#"{"b": 1, "a": {"y": [true, null], "x": 1.0}, "b": "z"}"#).unwrap();
        assert_eq!(doc.repr(), "{'b': 'z', 'a': {'y': [True, None], 'x': 1.0}}");
        assert_eq!(
            doc.get("a").unwrap().repr(),
            "{'y': [True, None], 'x': 1.0}"
        );
        assert!(PyJson::parse(b"{").is_none());
    }

    #[test]
    fn one_of_best_match() {
        let new = "NewNamespaceQuota";
        assert!(validate(new, &json!({"limit_bytes": 5, "extra": 1})).is_ok());
        assert!(validate(new, &json!({"limit": "5 GiB", "limit_bytes": "x"})).is_ok());
        let both = br#"{"limit_bytes": 1, "limit": "1 K"}"#;
        let e = validate_source(new, &serde_json::from_slice(both).unwrap(), both).unwrap_err();
        assert!(e.starts_with(
            "{'limit_bytes': 1, 'limit': '1 K'} is valid under each of {'required': ['limit']"
        ));
        assert!(e.ends_with("On instance:\n    {'limit': '1 K', 'limit_bytes': 1}"));
        assert!(validate(new, &json!("x"))
            .unwrap_err()
            .starts_with("'x' is not of type 'object'\n\nFailed validating 'type' in schema:\n    {'description'"));
        let update = "UpdateNamespaceQuota";
        for ok in [
            json!({}),
            json!({"limit_bytes": 5}),
            json!({"limit": "5 GiB"}),
        ] {
            assert!(validate(update, &ok).is_ok(), "{ok}");
        }
        assert!(validate(update, &json!({"limit": "1 K", "x": 1}))
            .unwrap_err()
            .starts_with("{} is not allowed for '1 K'\n\nFailed validating 'not' in schema[2]['properties']['limit']:\n    {'not': {}}"));
        assert!(validate(update, &json!({"limit": [1], "limit_bytes": 5}))
            .unwrap_err()
            .starts_with("[1] is not of type 'string'"));
        assert!(schema(update).is_some() && names().contains(&new));
    }
}
