//! Fault injection (off by default): delay and/or fail a share of the requests whose path starts
//! with a prefix, so the dashboard's loading states, error screens and retries can be exercised.
//!
//! One middleware, outermost (it also covers the dashboard's static files when the prefix matches).
//! The configuration can be changed while the emulator runs ([`FaultControl::set`]), e.g. to switch
//! a fault off and check that a retry succeeds. Which requests are faulted is decided by a
//! deterministic PRNG over the request count since the last change, so a run is reproducible.
//!
//! One body per status, as the component that would really produce it:
//!
//! | status | body |
//! |---|---|
//! | 400, 405 on `/api/` | Flask-RESTful's `{"message": …}` (shape B1) with the API CORS headers |
//! | 401, 403, 404 on `/api/` | Quay's shape A (`invalid_token`, `insufficient_scope`, `not_found`) with CORS |
//! | 400, 401, 403, 404, 405 elsewhere | Werkzeug's HTML error page |
//! | 500 | Werkzeug's HTML "Internal Server Error" page (Quay's unhandled error), no CORS |
//! | 502 | Quay's nginx `static/502.html` ("Quay is currently loading"), no CORS |
//! | any other (429 of nginx's `limit_req`, 503, 504, …) | nginx's built-in error page, no CORS |
//!
//! [`FaultBody`] overrides that table, to try every status with every kind of body: Quay's JSON
//! (`{"message": …}`, what Flask-RESTful answers for an aborted request), Werkzeug's HTML page, or
//! a body that is not JSON at all (a proxy's sign-in page) under a success status.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::config::CorsOrigin;
use crate::error::{ApiExceptionBody, JSON};
use crate::error_pages::Page;

/// The default `path_prefix`: the API only.
pub const DEFAULT_PATH_PREFIX: &str = "/api/";
/// The longest accepted delay (10 minutes).
pub const MAX_LATENCY_MS: u64 = 600_000;

/// What to inject. The default injects nothing; a fault is active when it has a latency or a
/// status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultConfig {
    /// Delay every faulted request by this many milliseconds (0 = none).
    pub latency_ms: u64,
    /// Answer faulted requests with this status (400–599) instead of serving them.
    pub status: Option<u16>,
    /// Percentage (0–100) of matching requests that are faulted.
    pub rate_percent: u8,
    /// Only requests whose path starts with this are considered (must start with `/`).
    pub path_prefix: String,
    /// Which body a faulted request gets.
    pub body: FaultBody,
}

/// The body of a faulted answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FaultBody {
    /// What the component answering that status really sends (the module table).
    #[default]
    Component,
    /// Quay's API JSON, `{"message": <Werkzeug's description of the status>}`, with CORS: what
    /// Flask-RESTful answers when Quay aborts a request with that status.
    Json,
    /// Werkzeug's HTML error page for the status, whichever component would really answer.
    Html,
    /// An HTML sign-in page of a proxy in front of the registry, under `status` or else 200: a
    /// body that is not JSON where the dashboard expects JSON.
    NotJson,
}

impl FaultBody {
    /// The `--fault-body` names.
    pub const NAMES: [(&'static str, FaultBody); 4] = [
        ("default", FaultBody::Component),
        ("json", FaultBody::Json),
        ("html", FaultBody::Html),
        ("not-json", FaultBody::NotJson),
    ];
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            latency_ms: 0,
            status: None,
            rate_percent: 100,
            path_prefix: DEFAULT_PATH_PREFIX.to_string(),
            body: FaultBody::Component,
        }
    }
}

impl FaultConfig {
    /// No fault at all (the default).
    pub fn none() -> FaultConfig {
        FaultConfig::default()
    }

    /// Every `/api/` request answers `status`.
    pub fn status(status: u16) -> FaultConfig {
        FaultConfig {
            status: Some(status),
            ..FaultConfig::default()
        }
    }

    /// Every `/api/` request is delayed by `ms` milliseconds.
    pub fn latency_ms(ms: u64) -> FaultConfig {
        FaultConfig {
            latency_ms: ms,
            ..FaultConfig::default()
        }
    }

    pub fn with_status(mut self, status: u16) -> FaultConfig {
        self.status = Some(status);
        self
    }

    pub fn with_latency_ms(mut self, ms: u64) -> FaultConfig {
        self.latency_ms = ms;
        self
    }

    pub fn with_rate(mut self, percent: u8) -> FaultConfig {
        self.rate_percent = percent;
        self
    }

    pub fn with_path_prefix(mut self, prefix: impl Into<String>) -> FaultConfig {
        self.path_prefix = prefix.into();
        self
    }

    pub fn with_body(mut self, body: FaultBody) -> FaultConfig {
        self.body = body;
        self
    }

    /// Whether anything is injected at all.
    pub fn is_active(&self) -> bool {
        self.latency_ms > 0 || self.status.is_some() || self.body == FaultBody::NotJson
    }

    /// The one-line reason this configuration cannot be used.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(code) = self.status {
            check_status(code)?;
        }
        if self.latency_ms > MAX_LATENCY_MS {
            return Err(format!(
                "fault latency {} ms is above the maximum of {MAX_LATENCY_MS} ms",
                self.latency_ms
            ));
        }
        if self.rate_percent > 100 {
            return Err(format!(
                "fault rate {} is not a percentage from 0 to 100",
                self.rate_percent
            ));
        }
        if !self.path_prefix.starts_with('/') {
            return Err(format!(
                "fault path prefix {:?} must start with /",
                self.path_prefix
            ));
        }
        if matches!(self.body, FaultBody::Json | FaultBody::Html) && self.status.is_none() {
            return Err("a JSON or HTML fault body needs a fault status".to_string());
        }
        Ok(())
    }
}

fn check_status(code: u16) -> Result<(), String> {
    if (400..=599).contains(&code) {
        Ok(())
    } else {
        Err(format!(
            "fault status {code} is not an error status (400 to 599)"
        ))
    }
}

/// `--fault-status` value.
pub fn parse_status(text: &str) -> Result<u16, String> {
    let code: u16 = text.parse().map_err(|_| {
        format!("invalid --fault-status {text:?} (expected an HTTP status 400 to 599)")
    })?;
    check_status(code).map_err(|_| {
        format!("invalid --fault-status {text:?} (expected an HTTP status 400 to 599)")
    })?;
    Ok(code)
}

/// `--fault-latency-ms` value.
pub fn parse_latency_ms(text: &str) -> Result<u64, String> {
    text.parse::<u64>()
        .ok()
        .filter(|ms| *ms <= MAX_LATENCY_MS)
        .ok_or_else(|| {
            format!(
                "invalid --fault-latency-ms {text:?} (expected milliseconds, 0 to {MAX_LATENCY_MS})"
            )
        })
}

/// `--fault-rate` value.
pub fn parse_rate(text: &str) -> Result<u8, String> {
    text.parse::<u8>()
        .ok()
        .filter(|pct| *pct <= 100)
        .ok_or_else(|| format!("invalid --fault-rate {text:?} (expected a percentage, 0 to 100)"))
}

/// `--fault-path` value.
pub fn parse_path_prefix(text: &str) -> Result<String, String> {
    if text.starts_with('/') {
        Ok(text.to_string())
    } else {
        Err(format!(
            "invalid --fault-path {text:?} (expected a path prefix starting with /)"
        ))
    }
}

/// `--fault-body` value.
pub fn parse_body(text: &str) -> Result<FaultBody, String> {
    FaultBody::NAMES
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, body)| *body)
        .ok_or_else(|| {
            format!("invalid --fault-body {text:?} (expected default, json, html or not-json)")
        })
}

/// The live fault configuration of a running emulator; clones share it.
#[derive(Clone, Debug)]
pub struct FaultControl {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    config: RwLock<FaultConfig>,
    /// Matching requests seen since the last change (input of the rate PRNG).
    seen: AtomicU64,
}

/// Fixed seed of the rate decision.
const RATE_SEED: u64 = 0x0fa0_17ed_5eed;

impl FaultControl {
    /// The configuration must be valid (see [`FaultConfig::validate`]).
    pub fn new(config: FaultConfig) -> Result<FaultControl, String> {
        config.validate()?;
        Ok(FaultControl {
            inner: Arc::new(Shared {
                config: RwLock::new(config),
                seen: AtomicU64::new(0),
            }),
        })
    }

    /// The configuration in force.
    pub fn get(&self) -> FaultConfig {
        self.inner
            .config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Replaces the configuration for the requests that arrive from now on and restarts the rate
    /// sequence. An invalid configuration is refused and the old one stays.
    pub fn set(&self, config: FaultConfig) -> Result<(), String> {
        config.validate()?;
        let mut current = self.inner.config.write().unwrap_or_else(|e| e.into_inner());
        *current = config;
        self.inner.seen.store(0, Ordering::SeqCst);
        Ok(())
    }

    /// The fault to apply to a request for `path`, if any.
    fn decide(&self, path: &str) -> Option<FaultConfig> {
        let config = self.inner.config.read().unwrap_or_else(|e| e.into_inner());
        if !config.is_active() || !path.starts_with(&config.path_prefix) {
            return None;
        }
        let n = self.inner.seen.fetch_add(1, Ordering::SeqCst);
        let roll = crate::prng::mix(RATE_SEED ^ crate::prng::mix(n)) % 100;
        (roll < u64::from(config.rate_percent)).then(|| config.clone())
    }
}

/// What the middleware needs: the switch and the CORS setting of API answers.
#[derive(Clone)]
pub struct FaultLayer {
    pub control: FaultControl,
    pub cors_origin: CorsOrigin,
}

pub async fn inject(State(layer): State<FaultLayer>, req: Request, next: Next) -> Response {
    let Some(fault) = layer.control.decide(req.uri().path()) else {
        return next.run(req).await;
    };
    if fault.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
    }
    let (path, headers) = (req.uri().path(), req.headers());
    match (fault.body, fault.status) {
        (FaultBody::NotJson, status) => not_json_response(status.unwrap_or(200)),
        (_, None) => next.run(req).await,
        (FaultBody::Component, Some(code)) => {
            fault_response(code, path, headers, &layer.cors_origin)
        }
        (FaultBody::Json, Some(code)) => {
            let status = status_of(code);
            let message = Page::for_status(status).description;
            let mut resp = typed(status, JSON, json!({ "message": message }).to_string());
            let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
            crate::cors::apply(resp.headers_mut(), &layer.cors_origin, origin);
            resp
        }
        (FaultBody::Html, Some(code)) => Page::for_status(status_of(code)).into_response(),
    }
}

fn status_of(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A single-sign-on proxy's login page, as one answers in front of a registry whose session
/// it does not recognise: HTML where JSON was expected.
fn not_json_response(code: u16) -> Response {
    typed(
        status_of(code),
        "text/html; charset=utf-8",
        PROXY_SIGN_IN_HTML.to_string(),
    )
}

const PROXY_SIGN_IN_HTML: &str = "<!DOCTYPE html>
<html lang=\"en\">
<head><meta charset=\"utf-8\"><title>Sign in</title></head>
<body>
  <form method=\"post\" action=\"/oauth2/sign_in\">
    <h1>Sign in to continue</h1>
    <button type=\"submit\">Sign in with your company account</button>
  </form>
</body>
</html>
";

/// The answer for an injected `code` (see the module table).
pub fn fault_response(
    code: u16,
    path: &str,
    headers: &HeaderMap,
    cors_origin: &CorsOrigin,
) -> Response {
    let status = status_of(code);
    let api = path.starts_with("/api/");
    let mut resp = match status.as_u16() {
        400 | 405 if api => {
            let message = if status == StatusCode::BAD_REQUEST {
                "The browser (or proxy) sent a request that this server could not understand."
            } else {
                "The method is not allowed for the requested URL."
            };
            typed(status, JSON, json!({ "message": message }).to_string())
        }
        401 | 403 | 404 if api => {
            let (error_type, detail) = match status.as_u16() {
                401 => ("invalid_token", "Requires authentication"),
                403 => ("insufficient_scope", "Unauthorized"),
                _ => ("not_found", "Not Found"),
            };
            let shape = ApiExceptionBody {
                status,
                error_type,
                detail: detail.to_string(),
                adds_session_required: false,
            };
            typed(status, JSON, shape.body(&crate::routes::base_url(headers)))
        }
        400 => Page::bad_request().into_response(),
        401 => Page::unauthorized().into_response(),
        403 => Page::new_forbidden().into_response(),
        404 => Page::not_found().into_response(),
        405 => Page::method_not_allowed().into_response(),
        500 => Page::internal_server_error().into_response(),
        502 => typed(status, "text/html", QUAY_502_HTML.to_string()),
        _ => typed(status, "text/html", nginx_error_page(status)),
    };
    if api && matches!(status.as_u16(), 400 | 401 | 403 | 404 | 405) {
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
        crate::cors::apply(resp.headers_mut(), cors_origin, origin);
    }
    resp
}

fn typed(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

/// Quay's `static/502.html`, which its nginx serves when gunicorn is not answering.
const QUAY_502_HTML: &str = "<html>
  <head>
    <title>Quay Loading</title>
    <style type=\"text/css\">
      .information {
         padding: 30px;
         text-align: center;
      }

      .information h3 {
         margin-bottom: 20px;
      }
    </style>
  </head>
  <body>
    <div class=\"information\">
      <h3>Quay is currently loading</h3>
      <h4>
        <p>Please wait and refresh the page shortly to try again.</p>
      </h4>
    </div>
  </body>
</html>
";

/// nginx's built-in error page (CRLF line ends, nginx's own reason phrases).
fn nginx_error_page(status: StatusCode) -> String {
    let reason = match status.as_u16() {
        408 => "Request Time-out",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Large",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => status.canonical_reason().unwrap_or("Error"),
    };
    let line = format!("{} {reason}", status.as_u16());
    format!(
        "<html>\r\n<head><title>{line}</title></head>\r\n<body>\r\n<center><h1>{line}</h1></center>\r\n\
         <hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_inactive_and_valid() {
        let c = FaultConfig::default();
        assert!(!c.is_active());
        assert_eq!(c.rate_percent, 100);
        assert_eq!(c.path_prefix, "/api/");
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn validation() {
        assert!(FaultConfig::status(399).validate().is_err());
        assert!(FaultConfig::status(600).validate().is_err());
        assert!(FaultConfig::status(503).validate().is_ok());
        assert!(FaultConfig::status(503).with_rate(101).validate().is_err());
        assert!(FaultConfig::latency_ms(MAX_LATENCY_MS + 1)
            .validate()
            .is_err());
        assert!(FaultConfig::status(500)
            .with_path_prefix("api")
            .validate()
            .is_err());
    }

    #[test]
    fn flag_values() {
        assert_eq!(parse_status("503"), Ok(503));
        for bad in ["200", "abc", "", "-1", "70000", "5O3"] {
            let err = parse_status(bad).unwrap_err();
            assert!(err.starts_with("invalid --fault-status"), "{err}");
            assert!(!err.contains('\n'));
        }
        assert_eq!(parse_latency_ms("250"), Ok(250));
        assert!(parse_latency_ms("-5").is_err());
        assert!(parse_latency_ms("1.5").is_err());
        assert!(parse_latency_ms("600001").is_err());
        assert_eq!(parse_rate("0"), Ok(0));
        assert_eq!(parse_rate("100"), Ok(100));
        assert!(parse_rate("101").is_err());
        assert!(parse_rate("50%").is_err());
        assert_eq!(parse_path_prefix("/"), Ok("/".to_string()));
        assert!(parse_path_prefix("api").is_err());
        assert_eq!(parse_body("default"), Ok(FaultBody::Component));
        assert_eq!(parse_body("not-json"), Ok(FaultBody::NotJson));
        let err = parse_body("JSON").unwrap_err();
        assert!(err.starts_with("invalid --fault-body"), "{err}");
    }

    #[test]
    fn bodies_other_than_the_components_need_a_status_except_not_json() {
        let not_json = FaultConfig::none().with_body(FaultBody::NotJson);
        assert!(not_json.is_active());
        assert_eq!(not_json.validate(), Ok(()));
        for body in [FaultBody::Json, FaultBody::Html] {
            assert!(FaultConfig::latency_ms(5)
                .with_body(body)
                .validate()
                .is_err());
            assert!(FaultConfig::status(502).with_body(body).validate().is_ok());
        }
    }

    #[test]
    fn rate_is_deterministic_and_roughly_right() {
        let control = FaultControl::new(FaultConfig::status(503).with_rate(30)).unwrap();
        let first: Vec<bool> = (0..1000)
            .map(|_| control.decide("/api/v1/user/").is_some())
            .collect();
        let hits = first.iter().filter(|&&b| b).count();
        assert!((200..400).contains(&hits), "{hits}");
        control.set(FaultConfig::status(503).with_rate(30)).unwrap();
        let again: Vec<bool> = (0..1000)
            .map(|_| control.decide("/api/v1/user/").is_some())
            .collect();
        assert_eq!(first, again, "set() restarts the sequence");
        assert!(control.decide("/static/app.js").is_none(), "prefix");
        control.set(FaultConfig::status(503).with_rate(0)).unwrap();
        assert!((0..500).all(|_| control.decide("/api/").is_none()));
        assert!(control.set(FaultConfig::status(42)).is_err());
        assert_eq!(control.get(), FaultConfig::status(503).with_rate(0));
    }

    #[test]
    fn nginx_page_shape() {
        let page = nginx_error_page(StatusCode::SERVICE_UNAVAILABLE);
        assert!(page.starts_with(
            "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>"
        ));
        assert!(page.contains("<hr><center>nginx</center>"));
        assert!(nginx_error_page(StatusCode::TOO_MANY_REQUESTS).contains("429 Too Many Requests"));
    }
}
