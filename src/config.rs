//! The runtime configuration `config.json`, fetched next to `index.html` at start-up, so one
//! `dist/` works behind any registry without a rebuild.

use std::time::Duration;

use crate::json::{self, Json};

/// What the dashboard needs to know about the registry it manages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    /// Origin (and optional path prefix) of the Quay API, without a trailing slash.
    /// Empty means "the origin this page was served from".
    pub api_base: String,
    /// Client id of the Quay OAuth application the dashboard signs in through.
    pub oauth_client_id: Option<String>,
    /// How long an API request may go unanswered before it is given up with a "timed out"
    /// error and a retry (browsers themselves wait for minutes, or forever behind some proxies).
    pub request_timeout: Duration,
}

/// The default of `request_timeout_seconds`: Quay's own nginx gives up after 60 s, but an admin
/// watching a spinner should not wait that long to learn that something is wrong.
pub const DEFAULT_REQUEST_TIMEOUT_SECONDS: u64 = 30;
const MAX_REQUEST_TIMEOUT_SECONDS: u64 = 600;

const KEYS: [&str; 3] = ["api_base", "oauth_client_id", "request_timeout_seconds"];

/// Parses and checks `config.json`. The error text names the problem for the admin who wrote it.
pub fn parse_runtime_config(text: &str) -> Result<RuntimeConfig, String> {
    let value = json::parse(text).map_err(|e| format!("config.json is not valid JSON: {e}"))?;
    let Json::Object(members) = &value else {
        return Err("config.json must hold a JSON object".to_string());
    };
    // A misspelt key would otherwise be ignored silently and the default used instead.
    if let Some((key, _)) = members.iter().find(|(k, _)| !KEYS.contains(&k.as_str())) {
        return Err(format!(
            "config.json: unknown key {} (expected {})",
            json::string_literal(key),
            KEYS.join(", ")
        ));
    }
    let string = |key: &str| match value.get(key) {
        None | Some(Json::Null) => Ok(String::new()),
        Some(Json::String(s)) => Ok(s.trim().to_string()),
        Some(other) => Err(format!(
            "config.json: {key} must be a string, not {}",
            other.kind()
        )),
    };
    let api_base = string("api_base")?.trim_end_matches('/').to_string();
    if !api_base.is_empty() && !is_http_origin(&api_base) {
        return Err(format!(
            "config.json: api_base must be empty or start with http:// or https:// (got {})",
            json::string_literal(&api_base)
        ));
    }
    let oauth_client_id = Some(string("oauth_client_id")?).filter(|id| !id.is_empty());
    let seconds = match value.get("request_timeout_seconds") {
        None | Some(Json::Null) => DEFAULT_REQUEST_TIMEOUT_SECONDS,
        Some(Json::Number(n))
            if n.fract() == 0.0 && (1.0..=MAX_REQUEST_TIMEOUT_SECONDS as f64).contains(n) =>
        {
            *n as u64
        }
        Some(other) => {
            // Whole numbers are quoted; anything else only by its kind: formatting an f64 would
            // put the float printer (kilobytes of code) into the first load for this one message.
            let got = match other {
                Json::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => (*n as i64).to_string(),
                _ => other.kind().to_string(),
            };
            return Err(format!(
                "config.json: request_timeout_seconds must be a whole number of seconds from 1 \
                 to {MAX_REQUEST_TIMEOUT_SECONDS} (got {got})"
            ));
        }
    };
    Ok(RuntimeConfig {
        api_base,
        oauth_client_id,
        request_timeout: Duration::from_secs(seconds),
    })
}

fn is_http_origin(base: &str) -> bool {
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(['?', '#', ' ']))
}

/// The Content-Security-Policy the dashboard adds once `config.json` is read: requests may go to
/// its own origin (config, catalogues) and to the configured API only. index.html's policy must
/// allow any `https:` origin because the API is only known at run time; the browser enforces
/// both, so this narrows it.
pub fn connect_policy(api_base: &str) -> String {
    let origin = api_base
        .find("://")
        .map(|scheme_end| {
            let authority_end = api_base[scheme_end + 3..]
                .find('/')
                .map_or(api_base.len(), |i| scheme_end + 3 + i);
            &api_base[..authority_end]
        })
        .unwrap_or_default();
    // A source expression is whitespace- and semicolon-separated: anything beyond host syntax
    // could add directives, so such a value gets no exception (and its requests fail visibly).
    let plain = origin
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '/' | '[' | ']'));
    if origin.is_empty() || !plain {
        "connect-src 'self'".to_string()
    } else {
        format!("connect-src 'self' {origin}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_policy_names_the_api_origin_only() {
        assert_eq!(connect_policy(""), "connect-src 'self'");
        assert_eq!(
            connect_policy("https://quay.example.com"),
            "connect-src 'self' https://quay.example.com"
        );
        assert_eq!(
            connect_policy("http://10.0.0.5:8080/quay"),
            "connect-src 'self' http://10.0.0.5:8080"
        );
        assert_eq!(
            connect_policy("https://[::1]:8443/"),
            "connect-src 'self' https://[::1]:8443"
        );
        assert_eq!(
            connect_policy("https://a.example;script-src_*"),
            "connect-src 'self'"
        );
        assert_eq!(
            connect_policy("https://a.example\t'unsafe-inline'"),
            "connect-src 'self'"
        );
    }

    #[test]
    fn empty_object_means_same_origin() {
        let c = parse_runtime_config("{}").unwrap();
        assert_eq!(c.api_base, "");
        assert_eq!(c.oauth_client_id, None);
        assert_eq!(c.request_timeout, Duration::from_secs(30));
    }

    #[test]
    fn request_timeout_is_whole_seconds_within_bounds() {
        let c = parse_runtime_config(r#"{"request_timeout_seconds": 5}"#).unwrap();
        assert_eq!(c.request_timeout, Duration::from_secs(5));
        for bad in ["0", "601", "2.5", "\"10\"", "-1"] {
            let err = parse_runtime_config(&format!(r#"{{"request_timeout_seconds": {bad}}}"#))
                .unwrap_err();
            assert!(
                err.starts_with("config.json: request_timeout_seconds"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn trailing_slashes_and_blanks_are_trimmed() {
        let c = parse_runtime_config(
            r#"{"api_base": " https://quay.example.com/ ", "oauth_client_id": " ABC "}"#,
        )
        .unwrap();
        assert_eq!(c.api_base, "https://quay.example.com");
        assert_eq!(c.oauth_client_id.as_deref(), Some("ABC"));
        let c = parse_runtime_config(r#"{"api_base": "", "oauth_client_id": "  "}"#).unwrap();
        assert_eq!(c.oauth_client_id, None);
    }

    #[test]
    fn path_prefix_is_kept() {
        let c = parse_runtime_config(r#"{"api_base": "http://127.0.0.1:8080/quay"}"#).unwrap();
        assert_eq!(c.api_base, "http://127.0.0.1:8080/quay");
    }

    #[test]
    fn rejects_what_would_send_the_token_elsewhere_by_accident() {
        for bad in [
            r#"{"api_base": "javascript:alert(1)"}"#,
            r#"{"api_base": "//evil.example"}"#,
            r#"{"api_base": "https://"}"#,
            r#"{"api_base": "https:///path"}"#,
            r#"{"api_base": "ftp://x"}"#,
        ] {
            assert!(parse_runtime_config(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_malformed_json_unknown_keys_and_wrong_types() {
        assert!(parse_runtime_config("not json").is_err());
        assert_eq!(
            parse_runtime_config(r#"{"apiBase": "x"}"#),
            Err(
                r#"config.json: unknown key "apiBase" (expected api_base, oauth_client_id, request_timeout_seconds)"#
                    .into()
            )
        );
        assert_eq!(
            parse_runtime_config(r#"{"oauth_client_id": true}"#),
            Err("config.json: oauth_client_id must be a string, not a boolean".into())
        );
        assert!(parse_runtime_config(r#"{"api_base": null}"#).is_ok());
        assert!(parse_runtime_config(r#"{"api_base": 3}"#).is_err());
        assert!(parse_runtime_config("[]").is_err());
    }
}
