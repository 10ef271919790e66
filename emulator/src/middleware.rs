//! The API layer every `/api/v1` route inherits, in Quay's order (README.md, "The API layer's
//! checks"): OPTIONS / 405 / GET catch-all → browser XHR rule → credentials → CSRF → the route's
//! access rule (401, fresh login, 403 unless deferred past the body) → handler; then CORS on the
//! way out.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{self, Identity, RequestAuth};
use crate::config::Config;
use crate::error::{ApiError, ApiExceptionBody, NoCors};
use crate::routes::{
    allow_header, base_url, options_response, redirect_with_slash, Access, EndpointInfo,
};
use crate::state::AppState;

/// The operation being served, for extractors: its table entry and the 403 decision that Quay
/// takes only after the body validated (see [`crate::body::ApiJson`]).
#[derive(Debug, Clone)]
pub struct EndpointContext {
    pub info: EndpointInfo,
    deferred: Option<Deferred>,
}

#[derive(Debug, Clone)]
struct Deferred {
    denied: bool,
    /// Quay's `Unauthorized` is a 401 for nobody signed in, a 403 otherwise.
    anonymous: bool,
    checked: Arc<AtomicBool>,
}

impl EndpointContext {
    /// Reports the deferred permission decision (once the body is valid).
    pub fn check_deferred(&self) -> Result<(), ApiError> {
        match &self.deferred {
            Some(d) => {
                d.checked.store(true, Ordering::SeqCst);
                if d.denied && d.anonymous {
                    Err(ApiError::invalid_token())
                } else if d.denied {
                    Err(ApiError::unauthorized())
                } else {
                    Ok(())
                }
            }
            None => Ok(()),
        }
    }
}

/// Whether the credentials satisfy the access rule's scope/superuser part (the 403 decision).
pub fn permitted(access: Access, auth: &RequestAuth, config: &Config) -> bool {
    match access {
        Access::Anonymous | Access::Handler { .. } => true,
        Access::Scope { scope, .. } => auth.user().is_some() && auth.scopes().contains(scope),
        Access::SuperUser { .. } => auth.is_super_user(config),
        Access::AnySuperUser { .. } => {
            auth.is_super_user(config)
                || auth
                    .user()
                    .is_some_and(|u| config.is_global_readonly_super_user(&u.username))
        }
    }
}

pub async fn api_layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_string);
    let pattern = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let methods = state.route_methods(&pattern);
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let method = req.method().clone();
    let has_get = methods.contains(&Method::GET);

    let mut resp = if method == Method::OPTIONS {
        options_response(&methods)
    } else if (method == Method::GET || method == Method::HEAD) && !has_get {
        // Quay's web catch-all answers a GET the API route has no handler for.
        return redirect_with_slash(req).await;
    } else if !(methods.contains(&method) || (method == Method::HEAD && has_get)) {
        let mut resp = ApiError::method_not_allowed().into_response();
        if let Ok(allow) = HeaderValue::from_str(&allow_header(&methods)) {
            resp.headers_mut().insert(header::ALLOW, allow);
        }
        resp
    } else {
        let query = req.uri().query().map(str::to_string);
        let lookup = if method == Method::HEAD {
            Method::GET
        } else {
            method.clone()
        };
        let info = state.endpoint(&pattern, &lookup).cloned();
        match check_request(&state, method.clone(), req.headers().clone(), query).await {
            Ok(mut auth) => {
                auth.ip = ip;
                match info.map(|info| authorize(&state, &method, info, &auth)) {
                    Some(Ok(ctx)) => {
                        let checked = ctx.deferred.as_ref().map(|d| d.checked.clone());
                        req.extensions_mut().insert(auth);
                        req.extensions_mut().insert(ctx);
                        let resp = next.run(req).await;
                        match checked {
                            // A handler that never read its body never reported the 403.
                            Some(flag)
                                if !flag.load(Ordering::SeqCst) && resp.status().is_success() =>
                            {
                                ApiError::Internal(format!(
                                    "{method} {pattern}: deferred permission check never ran"
                                ))
                                .into_response()
                            }
                            _ => resp,
                        }
                    }
                    Some(Err(e)) => e.into_response(),
                    None => ApiError::Internal(format!("{method} {pattern}: not in the table"))
                        .into_response(),
                }
            }
            Err(e) => e.into_response(),
        }
    };

    if resp.extensions().get::<NoCors>().is_none() {
        crate::cors::apply(
            resp.headers_mut(),
            &state.config().cors_origin,
            origin.as_deref(),
        );
    }
    resp
}

/// XHR rule, credentials and CSRF; the resolved credentials on success.
async fn check_request(
    state: &AppState,
    method: Method,
    headers: axum::http::HeaderMap,
    query: Option<String>,
) -> Result<RequestAuth, ApiError> {
    let config = state.config();
    let csrf_header = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);

    if method == Method::GET && config.browser_api_calls_xhr_only && !config.debugging {
        let ua = headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let xhr = headers
            .get("x-requested-with")
            .is_some_and(|v| v.as_bytes() == b"XMLHttpRequest");
        if !ua.is_empty() && !xhr && crate::user_agents::is_browser(ua) {
            return Err(ApiError::xhr_required());
        }
    }

    let auth = state.read(|storage| auth::resolve(storage, &headers))?;

    // Writes not made with an OAuth token must carry the session's CSRF token.
    if method != Method::GET && method != Method::HEAD && !auth.is_oauth_token() {
        let expected = auth.session.as_ref().map(|s| s.csrf_token.as_str());
        let given = csrf_from_query(query.as_deref()).or(csrf_header);
        let valid = matches!((expected, given.as_deref()), (Some(e), Some(g))
            if !e.is_empty() && constant_time_eq(e.as_bytes(), g.as_bytes()));
        if !valid {
            return Err(ApiError::csrf(auth.session_username()));
        }
    }
    Ok(auth)
}

/// The route's access rule: 401 when nobody is signed in, fresh login for superuser routes over a
/// session, and the 403 now or (for bodies checked inside Quay's handlers) later.
fn authorize(
    state: &AppState,
    method: &Method,
    info: EndpointInfo,
    auth: &RequestAuth,
) -> Result<EndpointContext, ApiError> {
    let config = state.config();
    let access = info.access;
    let has_body = *method == Method::POST || *method == Method::PUT;
    let early = !info.permission_after_args
        && (info.body_schema.is_none()
            || match access {
                Access::Scope { before_body, .. } => before_body || !has_body,
                _ => !has_body,
            });
    // Nobody signed in: 401 at once where Quay has a decorator saying so (superuser routes'
    // require_fresh_login, require_user_admin); where only the handler checks (a bare
    // require_scope), the body is validated first and the 401 comes after it.
    let anonymous = auth.user().is_none();
    let superuser = access.superuser_fresh_login();
    let needs_user = matches!(access, Access::Scope { .. }) || superuser.is_some();
    if needs_user && anonymous && (early || superuser.is_some()) {
        return Err(ApiError::invalid_token());
    }
    if superuser == Some(true) {
        require_fresh_login(auth, state)?;
    }
    let allowed = permitted(access, auth, config);
    if early {
        if !allowed {
            return Err(ApiError::unauthorized());
        }
        return Ok(EndpointContext {
            info,
            deferred: None,
        });
    }
    Ok(EndpointContext {
        info,
        deferred: Some(Deferred {
            denied: !allowed,
            anonymous,
            checked: Arc::new(AtomicBool::new(false)),
        }),
    })
}

/// Quay's `require_fresh_login`: a session of a user with a password must have signed in within
/// `FRESH_LOGIN_TIMEOUT` (OAuth tokens are exempt).
pub fn require_fresh_login(auth: &RequestAuth, state: &AppState) -> Result<(), ApiError> {
    let config = state.config();
    if let Identity::Session { user } = &auth.identity {
        let login = auth
            .session
            .as_ref()
            .and_then(|s| s.login_time)
            .unwrap_or(0);
        if user.has_password && login < state.clock().unix_s() - config.fresh_login_timeout_s {
            return Err(ApiError::fresh_login_required());
        }
    }
    Ok(())
}

fn csrf_from_query(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "_csrf_token")
        .map(|(_, v)| {
            percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|v| !v.is_empty())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Outermost layer: gives shape A errors their `type` URL from the request's scheme and Host.
pub async fn finalize(req: Request, next: Next) -> Response {
    let base = base_url(req.headers());
    let mut resp = next.run(req).await;
    if let Some(shape) = resp.extensions_mut().remove::<ApiExceptionBody>() {
        *resp.body_mut() = Body::from(shape.body(&base));
        resp.headers_mut().remove(header::CONTENT_LENGTH);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csrf_query_parameter() {
        assert_eq!(
            csrf_from_query(Some("a=1&_csrf_token=x%2By")),
            Some("x+y".into())
        );
        assert_eq!(csrf_from_query(Some("_csrf_token=")), None);
        assert_eq!(csrf_from_query(None), None);
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
