//! The API layer's CORS headers, as Quay's `crossorigin()` (`util/request.py`) computes them from
//! `CORS_ORIGIN`.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use crate::config::CorsOrigin;

const METHODS: &str = "DELETE, GET, HEAD, OPTIONS, POST, PUT";
const HEADERS: &str = "AUTHORIZATION, CONTENT-TYPE, X-REQUESTED-WITH";
const CREDENTIALED_HEADERS: &str =
    "AUTHORIZATION, CONTENT-TYPE, X-REQUESTED-WITH, COOKIE, X-CSRF-TOKEN";

/// The `Access-Control-Allow-Origin` value. Quay applies `len()` and `in` to the configured value,
/// so a string behaves like a sequence of characters: `"*"` has one element (itself), a longer
/// string echoes an `Origin` that is a substring of it. Lists behave as lists.
pub fn allowed_origin(config: &CorsOrigin, request_origin: Option<&str>) -> String {
    match config {
        CorsOrigin::List(list) => match list.as_slice() {
            [] => "*".to_string(),
            [only] => only.clone(),
            many => match request_origin {
                Some(o) if !o.is_empty() && many.iter().any(|m| m == o) => o.to_string(),
                _ => "*".to_string(),
            },
        },
        CorsOrigin::Text(text) => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (None, _) => "*".to_string(),
                (Some(c), None) => c.to_string(),
                _ => match request_origin {
                    Some(o) if !o.is_empty() && text.contains(o) => o.to_string(),
                    _ => "*".to_string(),
                },
            }
        }
    }
}

/// Sets the four (or, when the origin is not `*`, five) CORS headers on an API response.
pub fn apply(headers: &mut HeaderMap, config: &CorsOrigin, request_origin: Option<&str>) {
    let origin = allowed_origin(config, request_origin);
    let credentialed = origin != "*";
    let set = |headers: &mut HeaderMap, name: &'static str, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(HeaderName::from_static(name), v);
        }
    };
    set(headers, "access-control-allow-origin", &origin);
    set(headers, "access-control-allow-methods", METHODS);
    set(headers, "access-control-max-age", "21600");
    if credentialed {
        set(headers, "access-control-allow-credentials", "true");
    }
    set(
        headers,
        "access-control-allow-headers",
        if credentialed {
            CREDENTIALED_HEADERS
        } else {
            HEADERS
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> CorsOrigin {
        CorsOrigin::List(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn default_star() {
        let star = CorsOrigin::Text("*".into());
        assert_eq!(allowed_origin(&star, None), "*");
        assert_eq!(allowed_origin(&star, Some("http://x")), "*");
        let mut h = HeaderMap::new();
        apply(&mut h, &star, Some("http://x"));
        assert_eq!(h["access-control-allow-origin"], "*");
        assert_eq!(
            h["access-control-allow-methods"],
            "DELETE, GET, HEAD, OPTIONS, POST, PUT"
        );
        assert_eq!(h["access-control-max-age"], "21600");
        assert_eq!(
            h["access-control-allow-headers"],
            "AUTHORIZATION, CONTENT-TYPE, X-REQUESTED-WITH"
        );
        assert!(h.get("access-control-allow-credentials").is_none());
    }

    #[test]
    fn single_entry_list_is_always_sent() {
        let one = list(&["http://dash.example"]);
        assert_eq!(allowed_origin(&one, None), "http://dash.example");
        assert_eq!(
            allowed_origin(&one, Some("http://other")),
            "http://dash.example"
        );
        let mut h = HeaderMap::new();
        apply(&mut h, &one, None);
        assert_eq!(h["access-control-allow-credentials"], "true");
        assert_eq!(
            h["access-control-allow-headers"],
            "AUTHORIZATION, CONTENT-TYPE, X-REQUESTED-WITH, COOKIE, X-CSRF-TOKEN"
        );
    }

    #[test]
    fn several_entries_echo_or_fall_back_to_star() {
        let two = list(&["http://a", "http://b"]);
        assert_eq!(allowed_origin(&two, Some("http://b")), "http://b");
        assert_eq!(allowed_origin(&two, Some("http://c")), "*");
        assert_eq!(allowed_origin(&two, None), "*");
        let mut h = HeaderMap::new();
        apply(&mut h, &two, Some("http://c"));
        assert!(h.get("access-control-allow-credentials").is_none());
    }

    #[test]
    fn string_value_uses_python_sequence_semantics() {
        let text = CorsOrigin::Text("http://a.example".into());
        assert_eq!(
            allowed_origin(&text, Some("http://a.example")),
            "http://a.example"
        );
        assert_eq!(allowed_origin(&text, Some("http://b.example")), "*");
        assert_eq!(allowed_origin(&CorsOrigin::Text(String::new()), None), "*");
    }
}
