//! Browser sessions: `GET /csrf_token` (Quay: `endpoints/web.py`, `csrf_token`),
//! `POST /api/v1/signin` and `POST /api/v1/signout` (`endpoints/api/user.py`, `Signin`,
//! `Signout`).

use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use crate::auth::RequestAuth;
use crate::body::ApiJson;
use crate::error::{ApiError, JSON};
use crate::login::{self, LoginOutcome};
use crate::responses::set_header;
use crate::routes::web_method_not_allowed;
use crate::routes::{endpoint, options_response, without_cors, ApiRoute};
use crate::state::AppState;
use crate::web_session::{
    csrf_cors, ensure_session, log_failed_login, start_signed_in_session, too_many_attempts,
    user_agent,
};

/// This module's API routes (see `routes::api_routes`).
pub fn routes() -> Vec<ApiRoute> {
    vec![
        ApiRoute::new("/api/v1/signin", "user", "endpoints.api.user.Signin").op(endpoint(
            Method::POST,
            "signinUser",
            signin,
        )
        .anonymous()
        .body("SigninUser")
        .internal()
        .describe("Sign in the user with the specified credentials.")),
        ApiRoute::new("/api/v1/signout", "user", "endpoints.api.user.Signout").op(endpoint(
            Method::POST,
            "logout",
            signout,
        )
        .anonymous()
        .internal()
        .describe("Request that the current user be signed out.")),
    ]
}

/// `GET /csrf_token`, a web route.
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/csrf_token",
        get(csrf_token)
            .options(csrf_options)
            .fallback(|| web_method_not_allowed(&[Method::GET])),
    )
}

pub async fn csrf_token(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (auth, cookie) = match ensure_session(&state, &headers).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let token = auth.session.map(|s| s.csrf_token).unwrap_or_default();
    let mut resp = json!({ "csrf_token": token }).to_string().into_response();
    set_header(&mut resp, header::CONTENT_TYPE, JSON);
    if let Some(c) = cookie {
        set_header(&mut resp, header::SET_COOKIE, &c);
    }
    csrf_cors(&state, &headers, &mut resp);
    without_cors(resp)
}

pub async fn csrf_options(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mut resp = options_response(&[Method::GET]);
    csrf_cors(&state, &headers, &mut resp);
    without_cors(resp)
}

pub async fn signin(
    State(state): State<AppState>,
    auth: RequestAuth,
    headers: HeaderMap,
    ApiJson(body): ApiJson,
) -> Result<Response, ApiError> {
    let username = body["username"].as_str().unwrap_or("").to_string();
    let password = body["password"].as_str().unwrap_or("").to_string();
    let (u, p) = (username.clone(), password);
    let outcome = state.db(move |s| Ok(login::verify(s, &u, &p)?)).await?;
    let ua = user_agent(&headers);
    match outcome {
        LoginOutcome::Throttled { retry_after_s } => Ok(too_many_attempts(retry_after_s)),
        LoginOutcome::Failed(message) => {
            log_failed_login(&state, &username, message, auth.ip.clone(), ua).await?;
            let mut resp = (
                StatusCode::FORBIDDEN,
                json!({"needsEmailVerification": false, "invalidCredentials": true,
                       "message": message})
                .to_string(),
            )
                .into_response();
            set_header(&mut resp, header::CONTENT_TYPE, JSON);
            Ok(resp)
        }
        LoginOutcome::Success(user) => {
            let fresh = start_signed_in_session(&state, &user, &auth, ua).await?;
            let mut resp = json!({"success": true}).to_string().into_response();
            set_header(&mut resp, header::CONTENT_TYPE, JSON);
            set_header(&mut resp, header::SET_COOKIE, &fresh.set_cookie());
            set_header(
                &mut resp,
                header::HeaderName::from_static("x-next-csrf-token"),
                &fresh.csrf_token,
            );
            Ok(resp)
        }
    }
}

pub async fn signout(
    State(state): State<AppState>,
    auth: RequestAuth,
) -> Result<axum::Json<Value>, ApiError> {
    if let Some(user) = auth.user().cloned() {
        let auth = auth.clone();
        state
            .db(move |s| {
                s.sign_out(user.id, auth.session.as_ref())?;
                crate::action_log::log_action(
                    s,
                    "logout_success",
                    Some(user.id),
                    &auth,
                    json!({}),
                )?;
                Ok(())
            })
            .await?;
    }
    Ok(axum::Json(json!({"success": true})))
}
