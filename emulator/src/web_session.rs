//! Quay's browser sessions (the `_csrf_token` cookie and its row): creating one, signing a user
//! in on a fresh one with its log entry, the sign-in back-off's 429, and the CORS rule of
//! `/csrf_token`. Used by the session, OAuth and initialize routes alike.

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::{self, Identity, RequestAuth};
use crate::crypto;
use crate::error::{ApiError, HTML};
use crate::login;
use crate::responses::set_header;
use crate::state::AppState;
use crate::storage::{NewSession, SessionRecord, UserRecord};

/// How long a permanent session lasts (`PERMANENT_SESSION_LIFETIME`, Quay's default 31 days).
pub const SESSION_LIFETIME_S: i64 = 31 * 86_400;

/// A session to create: the cookie value, its row and its CSRF token.
pub struct FreshSession {
    pub cookie: String,
    pub csrf_token: String,
    pub expires_at: Option<i64>,
    pub row: NewSession,
}

impl FreshSession {
    /// `signed_in`: a sign-in session (login time now, permanent when configured).
    pub fn new(signed_in: bool, permanent: bool, now: i64) -> FreshSession {
        let cookie = crypto::random_urlsafe(32);
        let csrf_token = crypto::random_urlsafe(48);
        let expires_at = (signed_in && permanent).then_some(now + SESSION_LIFETIME_S);
        FreshSession {
            row: NewSession {
                cookie_hash: crypto::sha256_hex(&cookie),
                csrf_token: csrf_token.clone(),
                login_time: signed_in.then_some(now),
                expires_at,
            },
            cookie,
            csrf_token,
            expires_at,
        }
    }

    pub fn set_cookie(&self) -> String {
        auth::session_set_cookie(&self.cookie, self.expires_at)
    }
}

/// `/csrf_token` gets CORS only when `CORS_ORIGIN` resolves to something other than `*`.
pub fn csrf_cors(state: &AppState, headers: &HeaderMap, resp: &mut Response) {
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let config = &state.config().cors_origin;
    if crate::cors::allowed_origin(config, origin) != "*" {
        crate::cors::apply(resp.headers_mut(), config, origin);
    }
}

/// The session behind the cookie, or a new anonymous one (with its `Set-Cookie`).
pub async fn ensure_session(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(RequestAuth, Option<String>), ApiError> {
    let h = headers.clone();
    let auth = state.db(move |s| auth::resolve_session(s, &h)).await?;
    if auth.session.is_some() {
        return Ok((auth, None));
    }
    let fresh = FreshSession::new(false, false, state.clock().unix_s());
    let row = NewSession {
        cookie_hash: fresh.row.cookie_hash.clone(),
        csrf_token: fresh.row.csrf_token.clone(),
        login_time: None,
        expires_at: None,
    };
    let id = state.db(move |s| Ok(s.create_session(&row, None)?)).await?;
    let auth = RequestAuth {
        identity: Identity::Anonymous,
        session: Some(SessionRecord {
            id,
            user_id: None,
            csrf_token: fresh.csrf_token.clone(),
            login_time: None,
            expires_at: None,
        }),
        ip: None,
    };
    Ok((auth, Some(fresh.set_cookie())))
}

/// The 429 of the back-off (text/html, `Retry-After` in whole seconds).
pub fn too_many_attempts(retry_after_s: f64) -> Response {
    let mut resp = (StatusCode::TOO_MANY_REQUESTS, login::TOO_MANY_ATTEMPTS).into_response();
    set_header(&mut resp, header::CONTENT_TYPE, HTML);
    set_header(
        &mut resp,
        header::RETRY_AFTER,
        &format!("{}", retry_after_s.max(0.0).floor() as i64),
    );
    resp
}

fn config_flag(state: &AppState, key: &str, default: bool) -> bool {
    state
        .config()
        .raw(key)
        .map(crate::python::truthy)
        .unwrap_or(default)
}

/// Signs `user` in on a new session (the caller's old one ends) and writes `login_success`,
/// performed by whoever the request was authenticated as before (Quay's
/// `get_authenticated_user()`: usually nobody).
pub async fn start_signed_in_session(
    state: &AppState,
    user: &UserRecord,
    caller: &RequestAuth,
    user_agent: String,
) -> Result<FreshSession, ApiError> {
    let fresh = FreshSession::new(
        true,
        state.config().feature_permanent_sessions,
        state.clock().unix_s(),
    );
    let row = NewSession {
        cookie_hash: fresh.row.cookie_hash.clone(),
        csrf_token: fresh.row.csrf_token.clone(),
        login_time: fresh.row.login_time,
        expires_at: fresh.row.expires_at,
    };
    let old_id = caller.session.as_ref().map(|s| s.id);
    let log = config_flag(state, "ACTION_LOG_AUDIT_LOGINS", true);
    let performer = caller.clone();
    let user_id = user.id;
    state
        .db(move |s| {
            s.create_session(&row, Some(user_id))?;
            if let Some(id) = old_id {
                s.delete_session(id)?;
            }
            if log {
                crate::action_log::log_action(
                    s,
                    "login_success",
                    Some(user_id),
                    &performer,
                    json!({"type": "quayauth", "useragent": user_agent}),
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(fresh)
}

/// Writes `login_failure` when `ACTION_LOG_AUDIT_LOGIN_FAILURES` is on (Quay's default: off).
pub async fn log_failed_login(
    state: &AppState,
    username: &str,
    message: &str,
    ip: Option<String>,
    user_agent: String,
) -> Result<(), ApiError> {
    if !config_flag(state, "ACTION_LOG_AUDIT_LOGIN_FAILURES", false) {
        return Ok(());
    }
    let (username, message) = (username.to_string(), message.to_string());
    state
        .db(move |s| {
            let possible = s.login_record(&username)?.map(|r| r.user);
            let auth = RequestAuth {
                identity: match &possible {
                    Some(user) => Identity::Session { user: user.clone() },
                    None => Identity::Anonymous,
                },
                session: None,
                ip,
            };
            crate::action_log::log_action(
                s,
                "login_failure",
                possible.as_ref().map(|u| u.id),
                &auth,
                json!({"type": "quayauth", "kind": "user", "useragent": user_agent,
                       "username": username, "message": message}),
            )?;
            Ok(())
        })
        .await
}

pub fn user_agent(headers: &HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}
