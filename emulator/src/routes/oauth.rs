//! Quay's OAuth provider web routes (`endpoints/web.py`): `GET /oauth/authorize`
//! (`request_authorization_code`), `POST /oauth/authorizeapp` (`authorize_application`),
//! `POST /oauth/denyapp` (`deny_application`), plus the emulator's stand-in for Quay's
//! sign-in page (`POST /emulator/signin`, see DEVIATIONS.md).
//!
//! The pages use no script and no inline style (`Content-Security-Policy: default-src 'none'`),
//! escape every value and label every input.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderName, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::auth::{self, Identity, RequestAuth};
use crate::avatar::{avatar_color, avatar_hash};
use crate::error::{ApiError, HTML};
use crate::error_pages::{escape, Page};
use crate::login::{self, LoginOutcome};
use crate::python::{first_arg, json_dumps, parse_qsl, unquote};
use crate::responses::{set_header, web_abort};
use crate::routes::{allow_header, options_response, without_cors};
use crate::routes::{redirect_with_slash, web_method_not_allowed};
use crate::scopes::SCOPES;
use crate::state::AppState;
use crate::storage::{ApplicationRecord, UserRecord};
use crate::web_session::{
    ensure_session, log_failed_login, start_signed_in_session, too_many_attempts, user_agent,
};

/// The OAuth web routes (`endpoints/web.py`) and the emulator's own sign-in page and form.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/oauth/authorize",
            get(authorize)
                .options(authorize_options)
                .fallback(|| web_method_not_allowed(&[Method::GET])),
        )
        .route(
            "/oauth/authorizeapp",
            post(authorize_app)
                .options(post_options)
                .get(redirect_with_slash)
                .fallback(|| web_method_not_allowed(&[Method::POST])),
        )
        .route(
            "/oauth/denyapp",
            post(deny_app)
                .options(post_options)
                .get(redirect_with_slash)
                .fallback(|| web_method_not_allowed(&[Method::POST])),
        )
        .route(SIGNIN_PATH, post(emulator_signin))
        .route("/signin/", get(signin_form))
}

/// Where the emulator's sign-in form posts (not a Quay route).
pub const SIGNIN_PATH: &str = "/emulator/signin";
/// Implicit-flow tokens live ten years (`int(60 * 60 * 24 * 365.25 * 10)`).
pub const OAUTH_TOKEN_LIFETIME_S: i64 = 315_576_000;
/// Quay's `LOCAL_OAUTH_HANDLER`, always an acceptable redirect URI.
pub const LOCAL_OAUTH_HANDLER: &str = "/oauth/localapp";

const CSP: &str = "default-src 'none'; base-uri 'none'; form-action 'self' http: https:; \
                   frame-ancestors 'none'";
const ASCII_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Quay's `oauth.utils.random_ascii_string`: `[A-Za-z0-9]`.
pub fn random_ascii(length: usize) -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..length)
        .map(|_| char::from(ASCII_ALNUM[rng.random_range(0..ASCII_ALNUM.len())]))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Scopes (auth/scopes.py)

/// `scopes_from_scope_string`: indexes into [`SCOPES`]; empty when any piece is unknown.
pub fn scope_set(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for piece in text.split([' ', ',']) {
        match SCOPES.iter().position(|s| s.scope == piece) {
            Some(i) => {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
            None => return Vec::new(),
        }
    }
    out.sort_unstable();
    out
}

fn implied(index: usize) -> Vec<&'static str> {
    match SCOPES[index].scope {
        "repo:admin" => vec!["repo:admin", "repo:write", "repo:read"],
        "repo:write" => vec!["repo:write", "repo:read"],
        other => vec![other],
    }
}

/// `is_subset_string(full, expected)`.
pub fn is_subset_string(full: &str, expected: &str) -> bool {
    let full = scope_set(full);
    if full.is_empty() {
        return false;
    }
    let granted: Vec<&str> = full.into_iter().flat_map(implied).collect();
    scope_set(expected)
        .into_iter()
        .all(|i| granted.contains(&SCOPES[i].scope))
}

// ---------------------------------------------------------------------------------------------
// URLs (Python's urllib.parse as oauth/utils.py uses it)

fn quote_plus(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `oauth.utils.build_url`: the base's query merged with `params` (dict semantics; `None`
/// values are dropped), re-encoded with `urlencode`.
pub fn build_url(base: &str, params: &[(&str, Option<&str>)]) -> String {
    let (rest, fragment) = match base.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (base, None),
    };
    let (head, query) = match rest.split_once('?') {
        Some((h, q)) => (h, q),
        None => (rest, ""),
    };
    let mut merged: Vec<(String, String)> = Vec::new();
    let put = |k: &str, v: &str, merged: &mut Vec<(String, String)>| match merged
        .iter_mut()
        .find(|(key, _)| key == k)
    {
        Some(entry) => entry.1 = v.to_string(),
        None => merged.push((k.to_string(), v.to_string())),
    };
    for (k, v) in parse_qsl(query) {
        put(&k, &v, &mut merged);
    }
    for (k, v) in params {
        match v {
            Some(v) => put(k, v, &mut merged),
            None => merged.retain(|(key, _)| key != k),
        }
    }
    let encoded = merged
        .iter()
        .map(|(k, v)| format!("{}={}", quote_plus(k), quote_plus(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut out = head.to_string();
    if !encoded.is_empty() {
        out.push('?');
        out.push_str(&encoded);
    }
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        out.push_str(f);
    }
    out
}

struct ParsedUrl {
    scheme: String,
    netloc: String,
    path: String,
}

fn urlparse(url: &str) -> ParsedUrl {
    let mut rest = url;
    let mut scheme = String::new();
    if let Some((s, r)) = url.split_once(':') {
        let valid = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if valid {
            scheme = s.to_ascii_lowercase();
            rest = r;
        }
    }
    let mut netloc = String::new();
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        netloc = after[..end].to_string();
        rest = &after[end..];
    }
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    ParsedUrl {
        scheme,
        netloc,
        path: rest[..end].to_string(),
    }
}

/// `DatabaseAuthorizationProvider.validate_redirect_uri`.
pub fn redirect_uri_ok(state: &AppState, registered: &str, provided: &str) -> bool {
    let config = state.config();
    let local = format!(
        "{}://{}{LOCAL_OAUTH_HANDLER}",
        config.preferred_url_scheme, config.server_hostname
    );
    if provided == local {
        return true;
    }
    if registered.is_empty() || provided.is_empty() {
        return false;
    }
    let (conf, given) = (urlparse(registered), urlparse(provided));
    if conf.scheme != given.scheme || conf.netloc != given.netloc {
        return false;
    }
    if let Some((userinfo, _)) = given.netloc.rsplit_once('@') {
        if userinfo.split(':').any(|p| !p.is_empty()) {
            return false;
        }
    }
    if unquote(&given.path).contains("..") || given.path.contains('@') {
        return false;
    }
    match given.path.strip_prefix(conf.path.as_str()) {
        Some(after) => !after.contains('%'),
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Responses

fn redirect(location: &str) -> Response {
    let mut resp = StatusCode::FOUND.into_response();
    set_header(&mut resp, header::CONTENT_TYPE, HTML);
    set_header(&mut resp, header::LOCATION, location);
    without_cors(resp)
}

fn redirect_error(redirect_uri: &str, error: &str) -> Response {
    redirect(&build_url(
        redirect_uri,
        &[
            ("error", Some(error)),
            ("response_type", None),
            ("client_id", None),
            ("redirect_uri", None),
        ],
    ))
}

/// The provider's JSON error: 400 `{"error": "invalid_request"}`.
fn invalid_request_json() -> Response {
    let mut resp = (
        StatusCode::BAD_REQUEST,
        json!({"error": "invalid_request"}).to_string(),
    )
        .into_response();
    set_header(
        &mut resp,
        header::CONTENT_TYPE,
        "application/json;charset=UTF-8",
    );
    set_header(&mut resp, header::CACHE_CONTROL, "no-store");
    set_header(&mut resp, header::PRAGMA, "no-cache");
    without_cors(resp)
}

fn no_cache(resp: &mut Response) {
    set_header(
        resp,
        header::CACHE_CONTROL,
        "no-cache, no-store, must-revalidate",
    );
}

fn html_page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    );
    let mut resp = (status, html).into_response();
    set_header(&mut resp, header::CONTENT_TYPE, HTML);
    set_header(
        &mut resp,
        HeaderName::from_static("x-frame-options"),
        "DENY",
    );
    set_header(
        &mut resp,
        HeaderName::from_static("content-security-policy"),
        CSP,
    );
    no_cache(&mut resp);
    without_cors(resp)
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
        escape(name),
        escape(value)
    )
}

/// The emulator's sign-in page: a labelled username/password form that signs in and returns to
/// `next` (the authorize URL).
pub fn signin_page(
    status: StatusCode,
    csrf_token: &str,
    next: &str,
    error: Option<&str>,
) -> Response {
    let error_html = error
        .map(|e| {
            format!(
                "<p id=\"signin-error\" role=\"alert\">{}</p>\n",
                escape(e).replace('\n', "<br>")
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<h1>Sign in to Quay</h1>\n{error_html}<form method=\"post\" action=\"{SIGNIN_PATH}\">\n{}{}\
         <p><label for=\"username\">Username or e-mail address</label><br>\n\
         <input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" \
         required></p>\n<p><label for=\"password\">Password</label><br>\n\
         <input id=\"password\" name=\"password\" type=\"password\" \
         autocomplete=\"current-password\" required></p>\n\
         <p><button type=\"submit\" id=\"signin-submit\">Sign in</button></p>\n</form>\n",
        hidden("_csrf_token", csrf_token),
        hidden("next", next),
    );
    html_page(status, "Sign in · Quay", &body)
}

/// The user to act for: valid HTTP Basic credentials, else the session's user. Bearer tokens
/// are not accepted. `Err` carries the 429 of the back-off.
async fn web_user(state: &AppState, headers: &HeaderMap) -> Result<RequestAuth, Response> {
    let h = headers.clone();
    let mut auth = state
        .db(move |s| auth::resolve_session(s, &h))
        .await
        .map_err(IntoResponse::into_response)?;
    if let Some((username, password)) = auth::parse_basic(headers) {
        let outcome = state
            .db(move |s| Ok(login::verify(s, &username, &password)?))
            .await
            .map_err(IntoResponse::into_response)?;
        match outcome {
            LoginOutcome::Success(user) => {
                auth.identity = Identity::Session { user };
                return Ok(auth);
            }
            LoginOutcome::Throttled { retry_after_s } => {
                return Err(without_cors(too_many_attempts(retry_after_s)))
            }
            // Quay's `_auth_decorator` stops at a failed Basic attempt: the cookie is not tried.
            LoginOutcome::Failed(_) => auth.identity = Identity::Anonymous,
        }
    }
    Ok(auth)
}

fn app_avatar_string(name: &str, email: &str, kind: &str) -> String {
    let hash = avatar_hash(name, Some(email));
    format!(
        "{{\"name\": {}, \"hash\": {}, \"color\": {}, \"kind\": {}}}",
        json_dumps(&json!(name)),
        json_dumps(&json!(hash)),
        json_dumps(&json!(avatar_color(&hash))),
        json_dumps(&json!(kind))
    )
}

struct AuthorizeRequest {
    response_type: String,
    client_id: String,
    redirect_uri: String,
    scope: String,
    state: Option<String>,
}

/// Issues a token (`token`) or a code (`code`) exactly as Quay's provider does, with its error
/// redirects. `redirect_uri_given`: false when the form had no `redirect_uri` at all.
async fn grant(
    state: &AppState,
    user: &UserRecord,
    req: &AuthorizeRequest,
    redirect_uri_given: bool,
) -> Result<Response, ApiError> {
    let client_id = req.client_id.clone();
    let user_id = user.id;
    let found = state
        .db(move |s| {
            Ok(match s.application_by_client_id(&client_id)? {
                Some((app, org)) => {
                    let admin = s.is_org_admin(user_id, org.id)?;
                    Some((app, org, admin))
                }
                None => None,
            })
        })
        .await?;
    if !redirect_uri_given {
        return Ok(invalid_request_json());
    }
    let token_flow = req.response_type == "token";
    if !token_flow && req.response_type != "code" {
        return Ok(redirect_error(
            &req.redirect_uri,
            "unsupported_response_type",
        ));
    }
    let app: ApplicationRecord = match found {
        Some((app, _, admin)) if admin || !token_flow => app,
        _ => return Ok(redirect_error(&req.redirect_uri, "unauthorized_client")),
    };
    if !redirect_uri_ok(state, &app.redirect_uri, &req.redirect_uri) {
        return Ok(invalid_request_json());
    }
    if scope_set(&req.scope).is_empty() {
        return Ok(redirect_error(&req.redirect_uri, "invalid_scope"));
    }
    let scope = req.scope.clone();
    let state_param = req.state.as_deref();
    if token_flow {
        let token = random_ascii(40);
        let hash = crate::crypto::sha256_hex(&token);
        let expires = state.clock().unix_s() + OAUTH_TOKEN_LIFETIME_S;
        let app_id = app.id;
        let sc = scope.clone();
        state
            .db(move |s| Ok(s.create_access_token(app_id, user_id, &sc, &hash, expires)?))
            .await?;
        let mut url = build_url(
            &req.redirect_uri,
            &[("scope", Some(&scope)), ("state", state_param)],
        );
        url.push_str(&format!(
            "#access_token={token}&token_type=Bearer&expires_in={OAUTH_TOKEN_LIFETIME_S}"
        ));
        Ok(redirect(&url))
    } else {
        let code = random_ascii(40);
        let hash = crate::crypto::sha256_hex(&code);
        let data = json!({"username": user.username}).to_string();
        let (app_id, sc) = (app.id, scope.clone());
        state
            .db(move |s| Ok(s.create_authorization_code(app_id, &sc, &hash, &data)?))
            .await?;
        Ok(redirect(&build_url(
            &req.redirect_uri,
            &[
                ("scope", Some(&scope)),
                ("state", state_param),
                ("code", Some(&code)),
            ],
        )))
    }
}

fn remote_ip(connect: Option<&ConnectInfo<SocketAddr>>) -> Option<String> {
    connect.map(|c| c.0.ip().to_string())
}

pub async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    match authorize_inner(&state, &headers, query.as_deref().unwrap_or("")).await {
        // Quay's `@no_cache` on the view: every response the view returns (not the aborts).
        Ok(mut resp) => {
            no_cache(&mut resp);
            resp
        }
        Err(resp) => resp,
    }
}

async fn authorize_inner(
    state: &AppState,
    headers: &HeaderMap,
    query: &str,
) -> Result<Response, Response> {
    let args = parse_qsl(query);
    for name in ["client_id", "redirect_uri", "scope"] {
        if first_arg(&args, name).is_none() {
            return Err(web_abort(
                StatusCode::BAD_REQUEST,
                format!("Required param: {name}"),
                &allow_header(&[Method::GET]),
            ));
        }
    }
    let req = AuthorizeRequest {
        response_type: first_arg(&args, "response_type")
            .unwrap_or("code")
            .to_string(),
        client_id: first_arg(&args, "client_id").unwrap_or("").to_string(),
        redirect_uri: first_arg(&args, "redirect_uri").unwrap_or("").to_string(),
        scope: first_arg(&args, "scope").unwrap_or("").to_string(),
        state: first_arg(&args, "state").map(str::to_string),
    };
    let json_format = first_arg(&args, "format").is_some_and(|f| f.eq_ignore_ascii_case("json"));

    let auth = web_user(state, headers).await?;
    // Quay's bare `abort(401)`: nothing to click (its UI is where people sign in).
    let Some(user) = auth.user().cloned() else {
        return Err(Page::unauthorized().into_response());
    };

    let (client_id, user_id) = (req.client_id.clone(), user.id);
    let found = state
        .db(move |s| {
            Ok(match s.application_by_client_id(&client_id)? {
                Some((app, org)) => {
                    let admin = s.is_org_admin(user_id, org.id)?;
                    let granted = s.granted_scopes(app.id, user_id)?.join(",");
                    Some((app, org, admin, granted))
                }
                None => None,
            })
        })
        .await
        .map_err(IntoResponse::into_response)?;
    let Some((app, org, admin, granted)) = found else {
        return Err(Page::not_found().into_response());
    };
    if !admin {
        return Err(Page::new_forbidden().into_response());
    }

    if !is_subset_string(&granted, &req.scope) {
        if !redirect_uri_ok(state, &app.redirect_uri, &req.redirect_uri) {
            return Ok(redirect_error(&app.redirect_uri, "redirect_uri_mismatch"));
        }
        let scopes = scope_set(&req.scope);
        if scopes.is_empty() {
            return Err(Page::not_found().into_response());
        }
        let csrf = auth
            .session
            .as_ref()
            .map(|s| s.csrf_token.clone())
            .unwrap_or_default();
        let app_email = app
            .avatar_email
            .clone()
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| org.email.clone());
        let dangerous = scopes.iter().any(|&i| SCOPES[i].dangerous);
        if json_format {
            let scope_info: Vec<Value> = scopes
                .iter()
                .map(|&i| {
                    let s = &SCOPES[i];
                    json!({"dangerous": s.dangerous, "description": s.description,
                           "icon": s.icon, "scope": s.scope, "title": s.title})
                })
                .collect();
            let body = json!({
                "application": {
                    "avatar": app_avatar_string(&app.name, &app_email, "app"),
                    "description": app.description,
                    "name": app.name,
                    "organization": {
                        "avatar": app_avatar_string(&org.username, &org.email, "org"),
                        "name": org.username,
                    },
                    "url": app.application_uri,
                },
                "assignment_uuid": first_arg(&args, "assignment_uuid"),
                "client_id": req.client_id,
                "csrf_token_val": csrf,
                "has_dangerous_scopes": dangerous,
                "redirect_uri": req.redirect_uri,
                "response_type": req.response_type,
                "scope": req.scope,
                "scopes": scope_info,
                "state": req.state,
            });
            let mut resp = body.to_string().into_response();
            set_header(&mut resp, header::CONTENT_TYPE, "application/json");
            no_cache(&mut resp);
            return Ok(without_cors(resp));
        }
        return Ok(consent_page(&app, &org, &req, &scopes, &csrf));
    }
    grant(state, &user, &req, true)
        .await
        .map_err(IntoResponse::into_response)
}

fn consent_page(
    app: &ApplicationRecord,
    org: &UserRecord,
    req: &AuthorizeRequest,
    scopes: &[usize],
    csrf: &str,
) -> Response {
    let mut items = String::new();
    for &i in scopes {
        let s = &SCOPES[i];
        let warning = if s.dangerous {
            "<p><strong>This scope grants permissions which are potentially dangerous. Be \
             careful when authorizing it!</strong></p>\n"
        } else {
            ""
        };
        items.push_str(&format!(
            "<li>\n<h3>{} <small>({})</small></h3>\n{warning}<p>{}</p>\n</li>\n",
            escape(s.title),
            escape(s.scope),
            escape(s.description)
        ));
    }
    let name = if app.application_uri.is_empty() {
        escape(&app.name)
    } else {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape(&app.application_uri),
            escape(&app.name)
        )
    };
    // Jinja renders a missing `state` as the text `None`, and Quay sends that back.
    let state_field = hidden("state", req.state.as_deref().unwrap_or("None"));
    let (rt, cid, ru, sc, cs) = (
        hidden("response_type", &req.response_type),
        hidden("client_id", &req.client_id),
        hidden("redirect_uri", &req.redirect_uri),
        hidden("scope", &req.scope),
        hidden("_csrf_token", csrf),
    );
    // Dangerous scopes: "Authorize Application" opens a confirmation whose form (unlike the
    // plain one) has no `state` field, as Quay's modal (a disclosure here: the page runs no script).
    let allow = if scopes.iter().any(|&i| SCOPES[i].dangerous) {
        format!(
            "<details id=\"confirm-authorize\">\n<summary role=\"button\" id=\"authorize-open\">\
             Authorize Application</summary>\n<section role=\"dialog\" \
             aria-labelledby=\"confirm-title\">\n<h2 id=\"confirm-title\">Confirm Authorization</h2>\n\
             <p>The application <strong>{app}</strong> is requesting permission to perform \
             actions which are potentially dangerous.</p>\n<p>Are you sure you want to authorize \
             this application?</p>\n<form method=\"post\" action=\"/oauth/authorizeapp\">\n\
             {rt}{cid}{ru}{sc}{cs}<button type=\"submit\" id=\"authorize-allow\">Authorize \
             Application</button>\n</form>\n<form method=\"post\" action=\"/oauth/denyapp\">\n\
             {cid}{ru}{sc}{cs}<button type=\"submit\" id=\"authorize-deny-confirm\">Deny</button>\n\
             </form>\n</section>\n</details>\n",
            app = escape(&app.name),
        )
    } else {
        format!(
            "<form method=\"post\" action=\"/oauth/authorizeapp\">\n{rt}{cid}{ru}{sc}{cs}{state_field}\
             <p><button type=\"submit\" id=\"authorize-allow\">Authorize Application</button></p>\n\
             </form>\n"
        )
    };
    let body = format!(
        "<h1>Authorize {name}</h1>\n<p>Application of the organization <strong>{org}</strong>\
         </p>\n<h2>This application would like permission to:</h2>\n<ul>\n{items}</ul>\n\
         {allow}<form method=\"post\" action=\"/oauth/denyapp\">\n{cid}{ru}{sc}{cs}{state_field}\
         <p><button type=\"submit\" id=\"authorize-deny\">Cancel</button></p>\n</form>\n",
        org = escape(&org.username),
    );
    html_page(
        StatusCode::OK,
        &format!("Authorize {} · Quay", app.name),
        &body,
    )
}

/// `request.values`: query arguments, then the form body.
fn form_values(query: Option<&str>, headers: &HeaderMap, body: &[u8]) -> Vec<(String, String)> {
    let mut values = parse_qsl(query.unwrap_or(""));
    values.extend(form_body(headers, body));
    values
}

/// `request.form`: the urlencoded body only.
fn form_body(headers: &HeaderMap, body: &[u8]) -> Vec<(String, String)> {
    let mut values = Vec::new();
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    if is_form {
        values.extend(parse_qsl(&String::from_utf8_lossy(body)));
    }
    values
}

fn csrf_valid(auth: &RequestAuth, values: &[(String, String)], headers: &HeaderMap) -> bool {
    let expected = auth
        .session
        .as_ref()
        .map(|s| s.csrf_token.as_str())
        .unwrap_or("");
    let given = first_arg(values, "_csrf_token")
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .or_else(|| {
            headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default();
    !expected.is_empty() && !given.is_empty() && expected.as_bytes() == given.as_bytes()
}

/// The CSRF 403; `signed_in_as` is appended when the route authenticated the caller first.
fn csrf_failure(signed_in_as: Option<&str>) -> Response {
    let mut error = "CSRF token was invalid or missing.".to_string();
    if let Some(user) = signed_in_as {
        error.push_str(&format!(" (authorized: user {user})"));
    }
    web_abort(StatusCode::FORBIDDEN, error, &allow_header(&[Method::POST]))
}

pub async fn authorize_app(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let auth = match web_user(&state, &headers).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let Some(user) = auth.user().cloned() else {
        return Page::unauthorized().into_response();
    };
    let values = form_values(query.as_deref(), &headers, &body);
    if !csrf_valid(&auth, &values, &headers) {
        return csrf_failure(auth.user().map(|u| u.username.as_str()));
    }
    // Quay reads the grant from `request.form`; only the CSRF token may come from the query.
    let form = form_body(&headers, &body);
    let req = AuthorizeRequest {
        response_type: first_arg(&form, "response_type")
            .unwrap_or("code")
            .to_string(),
        client_id: first_arg(&form, "client_id").unwrap_or("").to_string(),
        redirect_uri: first_arg(&form, "redirect_uri").unwrap_or("").to_string(),
        scope: first_arg(&form, "scope").unwrap_or("").to_string(),
        state: first_arg(&form, "state").map(str::to_string),
    };
    let given = first_arg(&form, "redirect_uri").is_some();
    match grant(&state, &user, &req, given).await {
        Ok(resp) => resp,
        Err(e) => e.into_response(),
    }
}

pub async fn deny_app(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let h = headers.clone();
    let auth = match state.db(move |s| auth::resolve_session(s, &h)).await {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    let values = form_values(query.as_deref(), &headers, &body);
    if !csrf_valid(&auth, &values, &headers) {
        // `/oauth/denyapp` has no auth decorator in Quay: nobody to name.
        return csrf_failure(None);
    }
    if auth.user().is_none() {
        return Page::unauthorized().into_response();
    }
    let form = form_body(&headers, &body);
    let client_id = first_arg(&form, "client_id").unwrap_or("").to_string();
    let Some(redirect_uri) = first_arg(&form, "redirect_uri").map(str::to_string) else {
        return invalid_request_json();
    };
    let registered = match state
        .db(move |s| Ok(s.application_by_client_id(&client_id)?))
        .await
    {
        Ok(found) => found.map(|(app, _)| app.redirect_uri),
        Err(e) => return e.into_response(),
    };
    match registered {
        Some(r) if redirect_uri_ok(&state, &r, &redirect_uri) => {
            redirect_error(&redirect_uri, "authorization_denied")
        }
        _ => invalid_request_json(),
    }
}

/// Where to go after signing in: a path on this site (`next`), else `/`.
fn local_next(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or("/")
        .to_string()
}

/// `GET /signin/`, where Quay's UI signs people in: the emulator's sign-in form (Quay's page is
/// its JavaScript app; this one posts to [`SIGNIN_PATH`]). `?next=` is where to go afterwards.
pub async fn signin_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let args = parse_qsl(query.as_deref().unwrap_or(""));
    let next = local_next(first_arg(&args, "next"));
    let (session, cookie) = match ensure_session(&state, &headers).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let csrf = session.session.map(|s| s.csrf_token).unwrap_or_default();
    let mut resp = signin_page(StatusCode::OK, &csrf, &next, None);
    if let Some(c) = cookie {
        set_header(&mut resp, header::SET_COOKIE, &c);
    }
    resp
}

/// `POST /emulator/signin`: the sign-in form of [`signin_page`].
pub async fn emulator_signin(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Response {
    let ip = remote_ip(request.extensions().get::<ConnectInfo<SocketAddr>>());
    let body = match axum::body::to_bytes(request.into_body(), 1024 * 1024).await {
        Ok(b) => b,
        Err(_) => return Page::bad_request().into_response(),
    };
    let h = headers.clone();
    let auth = match state.db(move |s| auth::resolve_session(s, &h)).await {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    let values = form_values(None, &headers, &body);
    if !csrf_valid(&auth, &values, &headers) {
        return csrf_failure(auth.user().map(|u| u.username.as_str()));
    }
    let next = local_next(first_arg(&values, "next"));
    let username = first_arg(&values, "username").unwrap_or("").to_string();
    let password = first_arg(&values, "password").unwrap_or("").to_string();
    let csrf = auth
        .session
        .as_ref()
        .map(|s| s.csrf_token.clone())
        .unwrap_or_default();
    let u = username.clone();
    let outcome = match state
        .db(move |s| Ok(login::verify(s, &u, &password)?))
        .await
    {
        Ok(o) => o,
        Err(e) => return e.into_response(),
    };
    let ua = user_agent(&headers);
    match outcome {
        LoginOutcome::Throttled { retry_after_s } => {
            let mut resp = signin_page(
                StatusCode::TOO_MANY_REQUESTS,
                &csrf,
                &next,
                Some(login::TOO_MANY_ATTEMPTS),
            );
            set_header(
                &mut resp,
                header::RETRY_AFTER,
                &format!("{}", retry_after_s.max(0.0).floor() as i64),
            );
            resp
        }
        LoginOutcome::Failed(message) => {
            if let Err(e) = log_failed_login(&state, &username, message, ip, ua).await {
                return e.into_response();
            }
            signin_page(StatusCode::FORBIDDEN, &csrf, &next, Some(message))
        }
        LoginOutcome::Success(user) => {
            let caller = RequestAuth { ip, ..auth };
            match start_signed_in_session(&state, &user, &caller, ua).await {
                Ok(fresh) => {
                    let mut resp = StatusCode::SEE_OTHER.into_response();
                    set_header(&mut resp, header::LOCATION, &next);
                    set_header(&mut resp, header::SET_COOKIE, &fresh.set_cookie());
                    set_header(&mut resp, header::CONTENT_TYPE, HTML);
                    without_cors(resp)
                }
                Err(e) => e.into_response(),
            }
        }
    }
}

pub async fn authorize_options() -> Response {
    without_cors(options_response(&[Method::GET]))
}

pub async fn post_options() -> Response {
    without_cors(options_response(&[Method::POST]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_url_merges_and_encodes() {
        assert_eq!(
            build_url(
                "http://h:1/cb",
                &[("scope", Some("super:user")), ("state", None)]
            ),
            "http://h:1/cb?scope=super%3Auser"
        );
        assert_eq!(
            build_url(
                "http://h/cb?a=1&scope=x",
                &[("scope", Some("a b")), ("state", Some("s/1"))]
            ),
            "http://h/cb?a=1&scope=a+b&state=s%2F1"
        );
        assert_eq!(
            build_url(
                "http://h/cb",
                &[("error", Some("invalid_scope")), ("client_id", None)]
            ),
            "http://h/cb?error=invalid_scope"
        );
    }

    #[test]
    fn scope_strings() {
        assert_eq!(scope_set("super:user user:read").len(), 2);
        assert!(scope_set("super:user bogus").is_empty());
        assert!(scope_set("").is_empty());
        assert!(is_subset_string("repo:admin", "repo:read"));
        assert!(is_subset_string(
            "super:user,user:read",
            "user:read super:user"
        ));
        assert!(!is_subset_string("user:read", "super:user"));
        assert!(!is_subset_string("", "user:read"));
        // An unknown scope is "granted" once any token exists (Quay's quirk).
        assert!(is_subset_string("user:read", "bogus"));
    }

    #[test]
    fn random_ascii_alphabet() {
        let t = random_ascii(40);
        assert_eq!(t.len(), 40);
        assert!(t.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
