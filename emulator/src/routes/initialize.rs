//! `POST /api/v1/user/initialize` (Quay: `endpoints/web.py`, `user_initialize`): the first user of
//! an empty database, signed in, with an optional OAuth token. A web route in Quay: no API layer,
//! no CORS on any reply.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::{Map, Value};

use crate::crypto;
use crate::error::{ApiError, JSON};
use crate::python;
use crate::routes::{options_response, without_cors};
use crate::routes::{redirect_with_slash, web_method_not_allowed};
use crate::state::AppState;
use crate::storage::{NewAppToken, NewSession, NewUser};

/// Quay's web route `POST /api/v1/user/initialize` (not an API resource: no CORS rules of the
/// API, Werkzeug's 405 page).
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/user/initialize",
        post(initialize)
            .options(options)
            .get(redirect_with_slash)
            .fallback(|| web_method_not_allowed(&[Method::POST])),
    )
}

/// Scopes of the initialize token (all of them).
pub const TOKEN_SCOPE: &str =
    "org:admin repo:admin repo:create repo:read repo:write super:user user:admin user:read";
/// The initialize token lives 2.5 hours.
pub const INITIALIZE_TOKEN_LIFETIME_S: i64 = 9000;

/// A request that passed Quay's checks.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidInitialize {
    pub username: String,
    pub password: String,
    /// What the reply echoes: the request's `email` value as sent (`null` if absent).
    pub email_echo: Value,
    /// What is stored: the e-mail, or a random UUID when none was given.
    pub stored_email: String,
    pub access_token: bool,
}

/// Why Quay does not create the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A `DataModelException`: 400 `{"message": "Failed to initialize user: <text>"}`.
    Model(String),
    /// An exception Quay does not handle (its 500 page); the text names it.
    Crash(&'static str),
}

/// Quay's checks in Quay's order, after the body parsed: `user_data["username"]` and
/// `user_data["password"]` (a body that is not an object raises `TypeError`, a missing key
/// `KeyError`), then `create_user`'s `validate_password` (`re.search` raises `TypeError` on a
/// non-string), `create_user_noverify`'s e-mail check, and `validate_username` (`re.match`
/// raises `TypeError` on a non-string).
pub fn validate(data: &Value, mailing: bool) -> Result<ValidInitialize, Refusal> {
    let Value::Object(fields) = data else {
        return Err(Refusal::Crash(
            "TypeError: the body is not subscriptable by 'username'",
        ));
    };
    let Some(username) = fields.get("username") else {
        return Err(Refusal::Crash("KeyError: 'username'"));
    };
    let Some(password) = fields.get("password") else {
        return Err(Refusal::Crash("KeyError: 'password'"));
    };
    let Value::String(password) = password else {
        return Err(Refusal::Crash("TypeError in validate_password"));
    };
    if !quay_rules::is_valid_password(password) {
        return Err(Refusal::Model(quay_rules::INVALID_PASSWORD_MESSAGE.into()));
    }
    let email = fields.get("email").cloned().unwrap_or(Value::Null);
    let stored_email = match &email {
        Value::String(e) if !mailing || quay_rules::is_valid_email(e) => {
            if e.is_empty() {
                uuid::Uuid::new_v4().to_string()
            } else {
                e.clone()
            }
        }
        // Mailing off: `email or str(uuid4())`, a non-string stored as its `str()` (peewee).
        other if !mailing && !python::truthy(other) => uuid::Uuid::new_v4().to_string(),
        other if !mailing => python::str_of(other),
        // `validate_email`: falsy, or `len()` over 254, is invalid; any other non-string
        // crashes it (`len()` of a number, `.split` of a list or an object).
        other
            if other.is_string()
                || !python::truthy(other)
                || python_len(other).is_some_and(|n| n > 254) =>
        {
            return Err(Refusal::Model(format!(
                "Invalid email address: {}",
                python::str_of(other)
            )))
        }
        _ => {
            return Err(Refusal::Crash(
                "TypeError or AttributeError in validate_email",
            ))
        }
    };
    let Value::String(username) = username else {
        return Err(Refusal::Crash("TypeError in validate_username"));
    };
    if let Some(problem) = quay_rules::namespace_problem(username) {
        return Err(Refusal::Model(format!(
            "Invalid namespace {username}: {problem}"
        )));
    }
    Ok(ValidInitialize {
        username: username.clone(),
        password: password.clone(),
        email_echo: email,
        stored_email,
        access_token: fields.get("access_token").is_some_and(python::truthy),
    })
}

fn failed(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::Model(message) => ApiError::model(format!("Failed to initialize user: {message}")),
        Refusal::Crash(exception) => ApiError::Crash(exception),
    }
}

pub async fn initialize(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let config = state.config();
    // Quay's route_show_if aborts with util.http.abort(404): `{"error": "Not Found"}`.
    if !config.feature_user_initialize {
        return Ok(crate::responses::web_abort(
            axum::http::StatusCode::NOT_FOUND,
            "Not Found".to_string(),
            &crate::routes::allow_header(&[Method::POST]),
        ));
    }
    if config.authentication_type != "Database" {
        return Err(ApiError::model(
            "Cannot initialize user in a non-database auth system",
        ));
    }
    let non_empty = || ApiError::model("Cannot initialize user in a non-empty database");
    if state.db(|s| Ok(s.has_users()?)).await? {
        return Err(non_empty());
    }
    let data = crate::body::parse_json_body(&headers, &body).map_err(|e| e.page())?;
    let valid = validate(&data, config.feature_mailing).map_err(failed)?;

    let token = valid.access_token.then(|| crypto::random_upper_alnum(40));
    let cookie = crypto::random_urlsafe(32);
    let csrf_token = crypto::random_urlsafe(48);
    let permanent = config.feature_permanent_sessions;
    let now = state.clock().unix_s();
    let expires_at = permanent.then_some(now + crate::web_session::SESSION_LIFETIME_S);
    let tag_expiration_s = config.default_tag_expiration_s;

    let user = NewUser {
        username: valid.username.clone(),
        email: valid.stored_email.clone(),
        password_hash: String::new(),
        verified: true,
        tag_expiration_s,
    };
    let app_token = token.as_ref().map(|t| NewAppToken {
        application_name: "automation".into(),
        client_id: valid.username.clone(),
        client_secret: crypto::random_upper_alnum(40),
        description: "Application token generated via /api/v1/user/initialize".into(),
        token_hash: crypto::sha256_hex(t),
        scope: TOKEN_SCOPE.into(),
        expires_at: now + INITIALIZE_TOKEN_LIFETIME_S,
    });
    let session = NewSession {
        cookie_hash: crypto::sha256_hex(&cookie),
        csrf_token: csrf_token.clone(),
        login_time: Some(now),
        expires_at,
    };
    let password = valid.password.clone();
    let (created, encrypted_password) = state
        .db(move |s| {
            let password_hash = crypto::hash_password(&password).map_err(ApiError::Internal)?;
            let user = NewUser {
                password_hash,
                ..user
            };
            let created = s.initialize_first_user(&user, app_token.as_ref(), &session)?;
            Ok((
                created,
                crypto::encrypt_user_password(s.aes_key(), &password),
            ))
        })
        .await?;
    if created.is_none() {
        // Another initialize won the race since the first check.
        return Err(non_empty());
    }

    // Flask sorts the keys and writes compact JSON.
    let mut reply = Map::new();
    if let Some(t) = &token {
        reply.insert("access_token".into(), Value::String(t.clone()));
    }
    reply.insert("email".into(), valid.email_echo.clone());
    reply.insert(
        "encrypted_password".into(),
        Value::String(encrypted_password),
    );
    reply.insert("username".into(), Value::String(valid.username.clone()));

    let mut cookie_header = format!("_csrf_token={cookie}; ");
    if let Some(at) = expires_at {
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(at.unsigned_abs());
        cookie_header.push_str(&format!("Expires={}; ", httpdate::fmt_http_date(when)));
    }
    cookie_header.push_str("HttpOnly; Path=/; SameSite=Lax");

    let mut resp = Value::Object(reply).to_string().into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    if let Ok(v) = HeaderValue::from_str(&cookie_header) {
        h.insert(header::SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&csrf_token) {
        h.insert("x-next-csrf-token", v);
    }
    Ok(without_cors(resp))
}

/// Flask's automatic OPTIONS for the route (no CORS: it is a web route).
pub async fn options() -> Response {
    without_cors(options_response(&[Method::POST]))
}

/// Werkzeug's 405 page for the methods the route lacks.
/// Python's `len()` of a JSON value, where it has one.
fn python_len(value: &Value) -> Option<usize> {
    match value {
        Value::String(s) => Some(s.chars().count()),
        Value::Array(a) => Some(a.len()),
        Value::Object(o) => Some(o.len()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(data: Value, mailing: bool) -> String {
        match validate(&data, mailing).unwrap_err() {
            Refusal::Model(message) => message,
            Refusal::Crash(exception) => panic!("crashed ({exception}) instead of a message"),
        }
    }

    fn crashes(data: Value, mailing: bool) -> bool {
        matches!(validate(&data, mailing), Err(Refusal::Crash(_)))
    }

    #[test]
    fn missing_fields_and_wrong_types_crash_like_quay() {
        for mailing in [false, true] {
            for body in [
                json!({}),
                json!({"username": "admin"}),
                json!({"password": "password1"}),
                json!(["admin"]),
                json!(null),
                json!("admin"),
                json!(5),
                json!({"username": "admin", "password": null}),
                json!({"username": "admin", "password": 12345678}),
                json!({"username": 5, "password": 5}),
                json!({"username": 5, "password": "password1", "email": "a@b.c"}),
                json!({"username": null, "password": "password1", "email": "a@b.c"}),
                json!({"username": ["admin"], "password": "password1", "email": "a@b.c"}),
            ] {
                assert!(crashes(body.clone(), mailing), "{body} (mailing {mailing})");
            }
        }
    }

    #[test]
    fn checks_before_a_crash_still_answer() {
        // The password is checked before the username's type, the e-mail (with mailing) too.
        assert!(
            err(json!({"username": 5, "password": "short"}), false).starts_with("Invalid password")
        );
        assert_eq!(
            err(
                json!({"username": 5, "password": "password1", "email": "x"}),
                true
            ),
            "Invalid email address: x"
        );
    }

    #[test]
    fn order_password_then_email_then_username() {
        let bad_everything = json!({"username": "Admin!", "password": "short", "email": "x"});
        assert!(err(bad_everything, true).starts_with("Invalid password"));
        let bad_email_and_name =
            json!({"username": "Admin!", "password": "password1", "email": "x"});
        assert_eq!(err(bad_email_and_name, true), "Invalid email address: x");
        assert_eq!(
            err(json!({"username": "admin", "password": "password1"}), true),
            "Invalid email address: None"
        );
        assert_eq!(
            err(json!({"username": "x", "password": "password1"}), false),
            "Invalid namespace x: Namespace must be between 2 and 255 characters in length"
        );
    }

    #[test]
    fn mailing_off_accepts_any_email_and_stores_uuid_when_absent() {
        let v = validate(
            &json!({"username": "admin", "password": "password1", "email": "not-an-email"}),
            false,
        )
        .unwrap();
        assert_eq!(v.stored_email, "not-an-email");
        let v = validate(
            &json!({"username": "admin", "password": "password1"}),
            false,
        )
        .unwrap();
        assert_eq!(v.email_echo, Value::Null);
        assert!(uuid::Uuid::parse_str(&v.stored_email).is_ok());
        assert!(!v.access_token);
        // A truthy non-string is stored as Python's str() of it.
        let v = validate(
            &json!({"username": "admin", "password": "password1", "email": ["a@b.c"]}),
            false,
        )
        .unwrap();
        assert_eq!(v.stored_email, "['a@b.c']");
        assert_eq!(v.email_echo, json!(["a@b.c"]));
    }

    #[test]
    fn with_mailing_a_non_string_email_crashes_validate_email() {
        let body =
            |email: Value| json!({"username": "admin", "password": "password1", "email": email});
        assert!(crashes(body(json!(5)), true));
        assert!(crashes(body(json!(["a@b.c"])), true));
        assert!(crashes(body(json!({"a": 1})), true));
        // Falsy, or longer than 254 by len(): refused before anything crashes.
        assert_eq!(err(body(json!(0)), true), "Invalid email address: 0");
        assert_eq!(err(body(json!([])), true), "Invalid email address: []");
        let long = Value::Array(vec![json!(1); 255]);
        assert!(err(body(long), true).starts_with("Invalid email address: [1, 1"));
    }

    #[test]
    fn access_token_uses_python_truthiness() {
        for (flag, expected) in [
            (json!(true), true),
            (json!("yes"), true),
            (json!(1), true),
            (json!(false), false),
            (json!(0), false),
            (json!(""), false),
            (json!(null), false),
        ] {
            let v = validate(
                &json!({"username": "admin", "password": "password1", "access_token": flag}),
                false,
            )
            .unwrap();
            assert_eq!(v.access_token, expected, "{flag}");
        }
    }
}
