//! How Python sees JSON values. Quay's messages and decisions come from Python code, so the emulator
//! reproduces truthiness, `str()`/`repr()` and `json.dumps` where their output reaches a client.

use serde_json::Value;

/// Python's `bool(value)` for a value decoded by `json.loads`.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Quay's `util.parsing.truthy_bool` over a query-string value.
pub fn truthy_bool(value: &str) -> bool {
    !matches!(value, "false" | "False" | "0" | "FALSE" | "" | "null")
}

/// Python's `str(value)`: strings as they are, everything else as `repr`.
pub fn str_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => repr(other),
    }
}

/// Python's `repr(value)` (`None`, `True`, `'text'`, `[1, 'a']`, `{'k': 1}`).
pub fn repr(value: &Value) -> String {
    match value {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) => number_repr(n),
        Value::String(s) => string_repr(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", string_repr(k), repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn number_repr(n: &serde_json::Number) -> String {
    if n.is_f64() {
        // Python writes `1e+20` where Rust writes `1e20`.
        let text = n.to_string();
        match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with(['-', '+']) => format!("{mantissa}e+{exp}"),
            _ => text,
        }
    } else {
        n.to_string()
    }
}

/// Python's `repr(str)`: single quotes unless the text holds `'` and no `"`.
pub fn string_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `json.dumps(value)` with its defaults: `", "` and `": "` separators and `ensure_ascii`
/// (every non-ASCII character as `\uXXXX`, surrogate pairs above the BMP). Keys in map order.
pub fn json_dumps(value: &Value) -> String {
    match value {
        Value::String(s) => json_string(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(json_dumps).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", json_string(k), json_dumps(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_ascii() && (c as u32) >= 0x20 => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// Python's `int(text)` for a query value: surrounding whitespace, an optional sign, ASCII digits
/// with single underscores between them. Values beyond `i64` saturate (Python's are unbounded).
pub fn parse_int(text: &str) -> Option<i64> {
    let t = text.trim_matches(quay_rules::is_python_whitespace);
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let bytes = digits.as_bytes();
    let valid = !bytes.is_empty()
        && bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes.last().is_some_and(u8::is_ascii_digit)
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_')
        && !digits.contains("__");
    if !valid {
        return None;
    }
    let mut value: i64 = 0;
    for b in bytes.iter().filter(|b| b.is_ascii_digit()) {
        let d = i64::from(b - b'0');
        value = value
            .saturating_mul(10)
            .saturating_add(if negative { -d } else { d });
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn truthiness_matches_python() {
        for falsy in [
            json!(null),
            json!(false),
            json!(0),
            json!(0.0),
            json!(""),
            json!([]),
            json!({}),
        ] {
            assert!(!truthy(&falsy), "{falsy}");
        }
        for truthy_value in [
            json!(true),
            json!(1),
            json!(-1),
            json!(0.5),
            json!("false"),
            json!("0"),
            json!([0]),
            json!({"a": null}),
        ] {
            assert!(truthy(&truthy_value), "{truthy_value}");
        }
    }

    #[test]
    fn repr_and_str() {
        assert_eq!(repr(&json!(null)), "None");
        assert_eq!(repr(&json!(true)), "True");
        assert_eq!(repr(&json!(123)), "123");
        assert_eq!(repr(&json!(1.5)), "1.5");
        assert_eq!(repr(&json!(1e20)), "1e+20");
        assert_eq!(repr(&json!("x")), "'x'");
        assert_eq!(repr(&json!("it's")), "\"it's\"");
        assert_eq!(repr(&json!("a\nb")), "'a\\nb'");
        assert_eq!(repr(&json!([1, "a", null])), "[1, 'a', None]");
        assert_eq!(repr(&json!({"k": false})), "{'k': False}");
        assert_eq!(str_of(&json!("plain")), "plain");
        assert_eq!(str_of(&json!(null)), "None");
    }

    #[test]
    fn json_dumps_like_python() {
        assert_eq!(
            json_dumps(&json!({"password": "12345678"})),
            r#"{"password": "12345678"}"#
        );
        assert_eq!(
            json_dumps(&json!({"password": "pässwörd\"\\"})),
            r#"{"password": "p\u00e4ssw\u00f6rd\"\\"}"#
        );
        assert_eq!(json_dumps(&json!("😀")), r#""\ud83d\ude00""#);
        assert_eq!(json_dumps(&json!([1, null, true])), "[1, null, true]");
    }

    #[test]
    fn int_parsing_like_python() {
        assert_eq!(parse_int("5"), Some(5));
        assert_eq!(parse_int(" +7\n"), Some(7));
        assert_eq!(parse_int("-3"), Some(-3));
        assert_eq!(parse_int("1_000"), Some(1000));
        assert_eq!(parse_int("99999999999999999999999"), Some(i64::MAX));
        for bad in ["", "abc", "5.0", "0x10", "1__0", "_1", "1_", "- 1", "+"] {
            assert_eq!(parse_int(bad), None, "{bad}");
        }
    }
}
