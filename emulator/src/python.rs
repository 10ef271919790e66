//! How Python sees JSON values. Quay's messages and decisions come from Python code, so the emulator
//! reproduces truthiness, `str()`/`repr()` and `json.dumps` where their output reaches a client.

use base64::Engine;
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

/// Python's `int(text)` as a number (see [`int_text`]); values beyond `i64` saturate (Python's
/// are unbounded).
pub fn parse_int(text: &str) -> Option<i64> {
    let digits = int_text(text)?;
    Some(digits.parse().unwrap_or(if digits.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    }))
}

/// urllib's `unquote`: percent escapes decoded (`+` stays), invalid UTF-8 as U+FFFD.
pub fn unquote(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// urllib's `parse_qsl(query, keep_blank_values=True)`, which is how Werkzeug reads
/// `request.args`: pairs split at `&` (empty ones skipped) and at their first `=`, a name
/// without `=` has the value `""`, `+` is a space, percent escapes are decoded and invalid UTF-8
/// becomes U+FFFD. (The HTML form encoding that `form_urlencoded` parses is the same.)
pub fn parse_qsl(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Werkzeug's `MultiDict.get(name)` on parsed pairs: the first value given for `name`.
pub fn first_arg<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Python's `float(text)`: surrounding whitespace, Unicode digits, `_` between digits,
/// `inf`/`infinity`/`nan`.
pub fn python_float(text: &str) -> Option<f64> {
    // `_PyUnicode_TransformDecimalAndSpaceToASCII` (non-ASCII digits and spaces become ASCII,
    // any other non-ASCII character fails), then only ASCII whitespace is stripped.
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else if let Some(d) = crate::schema::decimal_digit(c) {
            ascii.push(char::from_digit(d, 10)?);
        } else if quay_rules::is_python_whitespace(c) {
            ascii.push(' ');
        } else {
            return None;
        }
    }
    let t = ascii.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if ["inf", "infinity", "nan"].contains(&unsigned.to_ascii_lowercase().as_str()) {
        return t.parse().ok();
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    // Digits with single underscores between them; `allow_empty` for the parts around a point.
    let digit_part = |part: &str, allow_empty: bool| {
        (allow_empty && part.is_empty())
            || (part.starts_with(|c: char| c.is_ascii_digit())
                && part.ends_with(|c: char| c.is_ascii_digit())
                && part.bytes().all(|b| b.is_ascii_digit() || b == b'_')
                && !part.contains("__"))
    };
    let mantissa_ok = match frac {
        None => digit_part(int, false),
        Some(frac) => {
            digit_part(int, true) && digit_part(frac, true) && !(int.is_empty() && frac.is_empty())
        }
    };
    let exponent_ok =
        exponent.is_none_or(|e| digit_part(e.strip_prefix(['+', '-']).unwrap_or(e), false));
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    t.replace('_', "").parse().ok()
}

/// Python's `int(text)` as Python prints it (`" +007 "` → `"7"`): any Unicode decimal digit,
/// single underscores between digits, surrounding whitespace; of any size.
pub fn int_text(text: &str) -> Option<String> {
    let t = text.trim_matches(quay_rules::is_python_whitespace);
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let mut digits = String::new();
    for c in body.chars().filter(|c| *c != '_') {
        let d = crate::schema::decimal_digit(c)?;
        digits.push(char::from_digit(d, 10)?);
    }
    let trimmed = digits.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed };
    let sign = if negative && digits != "0" { "-" } else { "" };
    Some(format!("{sign}{digits}"))
}

/// Python's lenient `urlsafe_b64decode`: both alphabets, characters outside them skipped,
/// padding optional.
pub fn b64_lenient(text: &str) -> Option<Vec<u8>> {
    let cleaned: String = text
        .chars()
        .filter_map(|c| match c {
            '-' => Some('+'),
            '_' => Some('/'),
            c if c.is_ascii_alphanumeric() || c == '+' || c == '/' => Some(c),
            _ => None,
        })
        .collect();
    if cleaned.len() % 4 == 1 {
        return None;
    }
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    );
    engine.decode(cleaned).ok()
}

/// Python's `int(value)` for a decoded JSON value (saturating where Python's ints are unbounded).
pub fn int_of_value(value: &Value) -> Option<i64> {
    match value {
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_u64().map(|_| i64::MAX))
            .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64)),
        Value::String(s) => parse_int(s),
        _ => None,
    }
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

    #[test]
    fn int_text_like_int() {
        assert_eq!(int_text(" +0012 ").as_deref(), Some("12"));
        assert_eq!(int_text("-3").as_deref(), Some("-3"));
        assert_eq!(int_text("-0").as_deref(), Some("0"));
        assert_eq!(int_text("1_000").as_deref(), Some("1000"));
        assert_eq!(int_text("\u{665}").as_deref(), Some("5"));
        for bad in ["", "abc", "1.5", "_1", "1__0", "1_", "--1", "+-1", "0x10"] {
            assert_eq!(int_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn parse_qsl_like_python_with_blank_values() {
        let pairs = |query| {
            parse_qsl(query)
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
        };
        // parse_qsl("a=1&&b=&c&=d&e=x=y&a=2", keep_blank_values=True)
        assert_eq!(
            pairs("a=1&&b=&c&=d&e=x=y&a=2"),
            ["a=1", "b=", "c=", "=d", "e=x=y", "a=2"]
        );
        assert_eq!(pairs("q=a+b%2Bc%20d"), ["q=a b+c d"]);
        // Invalid UTF-8 and broken escapes as Python's errors="replace" and unquote leave them.
        assert_eq!(
            pairs("n=%FFx%C3&m=%zz%4"),
            ["n=\u{fffd}x\u{fffd}", "m=%zz%4"]
        );
        assert_eq!(
            pairs("t=%F0%9F%98&s=%ED%A0%80"),
            ["t=\u{fffd}", "s=\u{fffd}\u{fffd}\u{fffd}"]
        );
        assert_eq!(pairs("%C3%A9t%C3%A9=%E2%9C%93"), ["\u{e9}t\u{e9}=\u{2713}"]);
        assert!(parse_qsl("").is_empty());
        assert!(parse_qsl("&&").is_empty());
    }

    #[test]
    fn unquote_keeps_plus() {
        assert_eq!(unquote("/a+b/%2e%2E/%FF"), "/a+b/../\u{fffd}");
    }

    #[test]
    fn python_float_syntax() {
        for (text, value) in [
            ("5", 5.0),
            (" 5 ", 5.0),
            ("5\n", 5.0),
            ("+1_000.5", 1000.5),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e3", 1000.0),
            ("1E+3", 1000.0),
            ("1_0e1_0", 1e11),
            ("\u{0665}", 5.0),
            ("\u{ff15}\u{ff10}", 50.0),
            ("\u{a0}7\u{2003}", 7.0),
        ] {
            assert_eq!(python_float(text), Some(value), "{text:?}");
        }
        assert!(python_float("nan").unwrap().is_nan());
        assert_eq!(python_float("-Infinity"), Some(f64::NEG_INFINITY));
        for bad in [
            "", " ", ".", "e5", "1e", "_1", "1_", "1__0", "1_.5", "1._5", "0x10", "1 0", "5é",
            "infinit",
        ] {
            assert_eq!(python_float(bad), None, "{bad:?}");
        }
    }
}
