//! `GET /config`: Quay's public configuration for its web UI (`endpoints/web.py`): the
//! whitelisted config keys and every `FEATURE_*` switch without its prefix. Dashboards read it
//! to offer only what the registry does (e.g. recovery e-mails need `MAILING`).

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value};

use super::{options_response, without_cors};
use crate::config::Config;
use crate::error::JSON;
use crate::routes::web_method_not_allowed;
use crate::state::AppState;
use crate::web_session::csrf_cors;

/// `GET /config`, a web route.
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/config",
        get(config)
            .options(options)
            .fallback(|| web_method_not_allowed(&[Method::GET])),
    )
}

/// Quay's `CLIENT_WHITELIST` (config.py): the keys the UI may see.
const CLIENT_WHITELIST: &[&str] = &[
    "SERVER_HOSTNAME",
    "PREFERRED_URL_SCHEME",
    "MIXPANEL_KEY",
    "STRIPE_PUBLISHABLE_KEY",
    "ENTERPRISE_LOGO_URL",
    "ENTERPRISE_LOGO_URL_DARK",
    "SENTRY_PUBLIC_DSN",
    "AUTHENTICATION_TYPE",
    "REGISTRY_TITLE",
    "REGISTRY_TITLE_SHORT",
    "CONTACT_INFO",
    "AVATAR_KIND",
    "LOCAL_OAUTH_HANDLER",
    "SETUP_COMPLETE",
    "DEBUG",
    "MARKETO_MUNCHKIN_ID",
    "STATIC_SITE_BUCKET",
    "RECAPTCHA_SITE_KEY",
    "CHANNEL_COLORS",
    "TAG_EXPIRATION_OPTIONS",
    "INTERNAL_OIDC_SERVICE_ID",
    "SEARCH_RESULTS_PER_PAGE",
    "SEARCH_MAX_RESULT_PAGE_COUNT",
    "BRANDING",
    "DOCUMENTATION_ROOT",
    "FEATURE_REPO_MIRROR",
    "FEATURE_ORG_MIRROR",
    "FEATURE_QUOTA_MANAGEMENT",
    "FEATURE_QUOTA_NOTIFICATIONS",
    "FEATURE_EDIT_QUOTA",
    "FEATURE_PROXY_CACHE",
    "QUOTA_BACKFILL",
    "PERMANENTLY_DELETE_TAGS",
    "UI_V2_FEEDBACK_FORM",
    "FOOTER_LINKS",
    "UI_DELAY_AFTER_WRITE_SECONDS",
    "FEATURE_ASSIGN_OAUTH_TOKEN",
    "FEATURE_IMAGE_EXPIRY_TRIGGER",
    "FEATURE_AUTO_PRUNE",
    "DEFAULT_NAMESPACE_AUTOPRUNE_POLICY",
];

/// The document: `frontend_visible_config` and `features.get_features()`.
pub fn config_document(config: &Config) -> Value {
    let mut visible = Map::new();
    for key in CLIENT_WHITELIST {
        if let Some(v) = config.raw(key) {
            visible.insert(key.to_string(), v.clone());
        }
    }
    if let Some(logo) = config.raw("ENTERPRISE_LOGO_URL") {
        let mut branding = match visible.remove("BRANDING") {
            Some(Value::Object(b)) => b,
            _ => Map::new(),
        };
        branding.insert("logo".into(), logo.clone());
        if let Some(dark) = config.raw("ENTERPRISE_LOGO_URL_DARK") {
            branding.insert("logo_dark".into(), dark.clone());
        }
        visible.insert("BRANDING".into(), Value::Object(branding));
    }
    let features: Map<String, Value> = config
        .raw_keys()
        .filter_map(|k| {
            Some((
                k.strip_prefix("FEATURE_")?.to_string(),
                config.raw(k)?.clone(),
            ))
        })
        .collect();
    json!({
        "config": visible,
        "features": features,
        "oauth": {},
        "external_login": [],
        "registry_state": config.raw("REGISTRY_STATE").cloned().unwrap_or(json!("normal")),
        "account_recovery_mode": config.raw("ACCOUNT_RECOVERY_MODE").cloned().unwrap_or(json!(false)),
        "version_number": format!("Quay emulator {}", env!("CARGO_PKG_VERSION")),
    })
}

pub async fn config(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mut resp = config_document(state.config()).to_string().into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    // `@crossorigin(anonymous=False)`, as `/csrf_token`.
    csrf_cors(&state, &headers, &mut resp);
    without_cors(resp)
}

pub async fn options(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mut resp = options_response(&[Method::GET]);
    csrf_cors(&state, &headers, &mut resp);
    without_cors(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_and_whitelist() {
        let config = Config::default_emulator()
            .with_overrides(r#"{"FEATURE_MAILING": false, "ENTERPRISE_LOGO_URL": "/logo.svg", "DB_URI": "secret"}"#)
            .unwrap();
        let doc = config_document(&config);
        assert_eq!(doc["features"]["MAILING"], false);
        assert_eq!(doc["features"]["QUOTA_MANAGEMENT"], true);
        assert_eq!(doc["config"]["FEATURE_QUOTA_MANAGEMENT"], true);
        assert_eq!(doc["config"]["BRANDING"]["logo"], "/logo.svg");
        assert!(doc["config"].get("DB_URI").is_none());
        assert!(doc["config"].get("SUPER_USERS").is_none());
    }
}
