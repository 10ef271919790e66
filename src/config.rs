//! The runtime configuration `config.json`, fetched next to `index.html` at start-up, so one
//! `dist/` works behind any registry without a rebuild.

use serde::Deserialize;

/// What the dashboard needs to know about the registry it manages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    /// Origin (and optional path prefix) of the Quay API, without a trailing slash.
    /// Empty means "the origin this page was served from".
    pub api_base: String,
    /// Client id of the Quay OAuth application the dashboard signs in through.
    pub oauth_client_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    api_base: Option<String>,
    #[serde(default)]
    oauth_client_id: Option<String>,
}

/// Parses and checks `config.json`. The error text names the problem for the admin who wrote it.
pub fn parse_runtime_config(text: &str) -> Result<RuntimeConfig, String> {
    let invalid = |e: serde_json::Error| format!("config.json is not valid: {e}");
    let value: serde_json::Value = serde_json::from_str(text).map_err(invalid)?;
    if !value.is_object() {
        return Err("config.json must hold a JSON object".to_string());
    }
    let raw = RawConfig::deserialize(value).map_err(invalid)?;
    let api_base = raw.api_base.unwrap_or_default().trim().to_string();
    let api_base = api_base.trim_end_matches('/').to_string();
    if !api_base.is_empty() && !is_http_origin(&api_base) {
        return Err(format!(
            "config.json: api_base must be empty or start with http:// or https:// (got {api_base:?})"
        ));
    }
    let oauth_client_id = raw
        .oauth_client_id
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty());
    Ok(RuntimeConfig {
        api_base,
        oauth_client_id,
    })
}

fn is_http_origin(base: &str) -> bool {
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(['?', '#', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_means_same_origin() {
        let c = parse_runtime_config("{}").unwrap();
        assert_eq!(c.api_base, "");
        assert_eq!(c.oauth_client_id, None);
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
        assert!(parse_runtime_config(r#"{"apiBase": "x"}"#).is_err());
        assert!(parse_runtime_config(r#"{"api_base": 3}"#).is_err());
        assert!(parse_runtime_config("[]").is_err());
    }
}
