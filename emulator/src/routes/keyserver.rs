//! Quay's key server (`endpoints/keyserver/__init__.py`), mounted at `/keys`: services register
//! their own public keys with a self-signed JWT (`PUT /keys/services/{service}/keys/{kid}`, the
//! key then waits for a superuser's approval), rotate approved keys, delete keys, and fetch
//! approved keys.
//! Not an API route: no CORS, Werkzeug HTML error pages, no user credentials.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;
use rsa::RsaPublicKey;
use serde_json::{json, Map, Value};
use sha2::Sha256;

use crate::action_log::log_action;
use crate::auth::RequestAuth;
use crate::body::{parse_json_body, JsonBodyError};
use crate::config::Config;
use crate::error::{ApiError, NoCors, JSON};
use crate::error_pages::Page;
use crate::python::b64_lenient;
use crate::python::python_float;
use crate::responses::empty_html;
use crate::service_keys::{
    key_ttls, log_account, register_key, rsa_public_key, utc_from_timestamp, KeyRegistration,
};
use crate::state::AppState;
use crate::storage::{KeyFilter, NewServiceKey, ReplaceOutcome, ServiceKeyRecord, Storage};

const LIST_METHODS: &[Method] = &[Method::GET];
const KEY_METHODS: &[Method] = &[Method::GET, Method::PUT, Method::DELETE];

/// The key server's routes (Quay registers the blueprint whatever the features).
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/keys/services/{service}/keys",
            get(list_keys)
                .options(|| async { options(LIST_METHODS) })
                .fallback(|| async { not_allowed(LIST_METHODS) }),
        )
        .route(
            "/keys/services/{service}/keys/{kid}",
            get(get_key)
                .put(put_key)
                .delete(delete_key)
                .options(|| async { options(KEY_METHODS) })
                .fallback(|| async { not_allowed(KEY_METHODS) }),
        )
}

fn with_allow(mut resp: Response, methods: &[Method]) -> Response {
    if let Ok(allow) = HeaderValue::from_str(&crate::routes::allow_header(methods)) {
        resp.headers_mut().insert(header::ALLOW, allow);
    }
    resp.extensions_mut().insert(NoCors);
    resp
}

/// Flask's automatic OPTIONS answer.
fn options(methods: &[Method]) -> Response {
    with_allow(empty_html(StatusCode::OK), methods)
}

fn not_allowed(methods: &[Method]) -> Response {
    with_allow(Page::method_not_allowed().into_response(), methods)
}

fn bad_request() -> ApiError {
    ApiError::Page(Page::bad_request())
}

fn forbidden() -> ApiError {
    ApiError::Page(Page::new_forbidden())
}

/// Werkzeug's 409 page (Quay crashes on a kid that is taken; see DEVIATIONS.md).
fn conflict() -> ApiError {
    ApiError::Page(Page::conflict())
}

/// Flask's `jsonify`: compact JSON and a newline, no CORS.
fn flask_json(value: &Value) -> Response {
    let mut resp = (StatusCode::OK, format!("{value}\n")).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    resp.extensions_mut().insert(NoCors);
    resp
}

fn empty(status: StatusCode) -> Response {
    let mut resp = empty_html(status);
    resp.extensions_mut().insert(NoCors);
    resp
}

// ------------------------------------------------------------------------------------------------
// JWTs as PyJWT 2 (through Quay's `jwtutil.decode`) reads them.

/// Quay's `TOKEN_REGEX`: `^Bearer (([a-zA-Z0-9+\-_/]+\.)+[a-zA-Z0-9+\-_/]+)$`.
pub fn bearer_jwt(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?;
    let segments: Vec<&str> = token.split('.').collect();
    let ok = segments.len() >= 2
        && segments.iter().all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-_/".contains(&b))
        });
    ok.then_some(token)
}

/// A JWT split as PyJWS's `_load` splits it, with its header checked (`kid` a string, `crit`
/// only PyJWT's `b64`). `None`: Quay refuses the token (400, or a 500 it should not give).
#[derive(Debug, Clone)]
pub struct Jwt {
    pub header: Map<String, Value>,
    signing_input: String,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

impl Jwt {
    pub fn parse(token: &str) -> Option<Jwt> {
        let (signing_input, signature) = token.rsplit_once('.')?;
        let (header, payload) = signing_input.split_once('.')?;
        let Value::Object(header) = serde_json::from_slice(&b64_lenient(header)?).ok()? else {
            return None;
        };
        if header.get("kid").is_some_and(|k| !k.is_string()) {
            return None;
        }
        if let Some(crit) = header.get("crit") {
            let valid = crit.as_array().is_some_and(|list| {
                !list.is_empty() && list.iter().all(|e| e == "b64") && header.contains_key("b64")
            });
            if !valid {
                return None;
            }
        }
        // A detached payload (`b64: false`) is never supplied by Quay.
        if header.get("b64") == Some(&Value::Bool(false)) {
            return None;
        }
        Some(Jwt {
            signing_input: signing_input.to_string(),
            payload: b64_lenient(payload)?,
            signature: b64_lenient(signature)?,
            header,
        })
    }

    /// The header's `kid` (`None` when absent).
    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }

    /// `jwtutil.decode(jwt, key, algorithms=["RS256"], audience=…, issuer=…)`: whether the token
    /// is accepted at `now` (seconds).
    pub fn verify(&self, key: &RsaPublicKey, audience: &str, issuer: &str, now: f64) -> bool {
        if self.header.get("alg").and_then(Value::as_str) != Some("RS256") {
            return false;
        }
        let verified = Signature::try_from(self.signature.as_slice()).is_ok_and(|sig| {
            VerifyingKey::<Sha256>::new(key.clone())
                .verify(self.signing_input.as_bytes(), &sig)
                .is_ok()
        });
        if !verified {
            return false;
        }
        match serde_json::from_slice(&self.payload) {
            Ok(Value::Object(claims)) => claims_valid(&claims, audience, issuer, now),
            _ => false,
        }
    }
}

/// PyJWT's claim checks with Quay's `_StrictJWT` options (`nbf`, `iat`, `exp` required, no
/// leeway), then Quay's own "iat not in the future".
fn claims_valid(claims: &Map<String, Value>, audience: &str, issuer: &str, now: f64) -> bool {
    let present = |claim: &str| claims.get(claim).is_some_and(|v| !v.is_null());
    if !["nbf", "iat", "exp"].into_iter().all(present) {
        return false;
    }
    let time = |claim: &str| crate::python::int_of_value(&claims[claim]).map(|v| v as f64);
    let (Some(iat), Some(nbf), Some(exp)) = (time("iat"), time("nbf"), time("exp")) else {
        return false;
    };
    if iat > now || nbf > now || exp <= now {
        return false;
    }
    if claims.get("iss").and_then(Value::as_str) != Some(issuer) {
        return false;
    }
    let audience_ok = match claims.get("aud") {
        Some(Value::String(aud)) => aud == audience,
        Some(Value::Array(auds)) => {
            !auds.is_empty()
                && auds.iter().all(Value::is_string)
                && auds.iter().any(|a| a == audience)
        }
        _ => false,
    };
    audience_ok
        && ["sub", "jti"]
            .iter()
            .all(|c| claims.get(*c).is_none_or(Value::is_string))
}

/// Quay's `_validate_jwk`: `kty` RSA with `n` and `e`, or EC with `x` and `y`.
fn jwk_shape_valid(jwk: &Value) -> bool {
    let Value::Object(fields) = jwk else {
        return false;
    };
    let has = |k: &str| fields.contains_key(k);
    match fields.get("kty").and_then(Value::as_str) {
        Some("RSA") => has("n") && has("e"),
        Some("EC") => has("x") && has("y"),
        _ => false,
    }
}

/// `PREFERRED_URL_SCHEME://SERVER_HOSTNAME`, the audience of key-server JWTs.
pub fn jwt_audience(config: &Config) -> String {
    format!(
        "{}://{}",
        config.preferred_url_scheme, config.server_hostname
    )
}

/// 400 unless `jwt` is signed with the key `jwk`, for `audience`, issued by `service` and current.
fn verify_signature(
    jwt: &Jwt,
    jwk: &Value,
    audience: &str,
    service: &str,
    now: f64,
) -> Result<(), ApiError> {
    let public = rsa_public_key(jwk).ok_or_else(bad_request)?;
    if jwt.verify(&public, audience, service, now) {
        Ok(())
    } else {
        Err(bad_request())
    }
}

/// The live key `kid` of `service` that signs a request (only an approved one if
/// `approved_only`); 403 when there is none.
fn live_signer(
    s: &Storage,
    config: &Config,
    kid: &str,
    service: &str,
    approved_only: bool,
) -> Result<ServiceKeyRecord, ApiError> {
    let filter = KeyFilter {
        kid: Some(kid),
        service: Some(service),
        approved_only,
        alive_only: true,
    };
    s.find_service_key(&filter, key_ttls(config), s.clock().unix_s())?
        .ok_or_else(forbidden)
}

// ------------------------------------------------------------------------------------------------
// Storage paths shared with the library.

// ------------------------------------------------------------------------------------------------
// Handlers.

fn client_ip(req: &Request) -> Option<String> {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The first value of a query parameter (Werkzeug's `request.args.get`).
fn query_arg(req: &Request, name: &str) -> Option<String> {
    let pairs = crate::python::parse_qsl(req.uri().query().unwrap_or(""));
    crate::python::first_arg(&pairs, name).map(str::to_string)
}

/// `GET /keys/services/{service}/keys`: the service's approved, unexpired keys as JWKs.
pub async fn list_keys(
    State(state): State<AppState>,
    Path(service): Path<String>,
) -> Result<Response, ApiError> {
    let config = state.config().clone();
    let keys = state
        .db(move |s| Ok(s.list_service_keys_of(&service, key_ttls(&config), s.clock().unix_s())?))
        .await?;
    let jwks: Vec<Value> = keys
        .into_iter()
        .map(|k| {
            let mut jwk = k.jwk;
            if let Value::Object(map) = &mut jwk {
                map.insert("kid".into(), json!(k.kid));
            }
            jwk
        })
        .collect();
    Ok(flask_json(&json!({ "keys": jwks })))
}

/// `GET /keys/services/{service}/keys/{kid}`: the JWK of an approved, unexpired key (any service),
/// cacheable for up to a day; 409 while pending, 403 once expired.
pub async fn get_key(
    State(state): State<AppState>,
    Path((_service, kid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let config = state.config().clone();
    let key = state
        .db(move |s| {
            let filter = KeyFilter {
                kid: Some(&kid),
                ..KeyFilter::default()
            };
            Ok(s.find_service_key(&filter, key_ttls(&config), s.clock().unix_s())?)
        })
        .await?
        .ok_or_else(|| ApiError::Page(Page::not_found()))?;
    if key.approval.is_none() {
        return Err(conflict());
    }
    let lifetime_us = match key.expiration_date {
        Some(at) => at.saturating_mul(1_000_000) - state.clock().unix_us(),
        None => i64::MAX,
    };
    if lifetime_us <= 0 {
        return Err(forbidden());
    }
    let mut resp = flask_json(&key.jwk);
    let max_age = (lifetime_us / 1_000_000).min(86_400);
    if let Ok(value) = HeaderValue::from_str(&format!("max-age={max_age}")) {
        resp.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    Ok(resp)
}

/// `PUT /keys/services/{service}/keys/{kid}` (Quay's `put_service_key`): a self-signed key is
/// stored pending (202); a JWT signed by an approved key of the service rotates that key (200).
pub async fn put_key(
    State(state): State<AppState>,
    Path((service, kid)): Path<(String, String)>,
    req: Request,
) -> Result<Response, ApiError> {
    let ip = client_ip(&req);
    let rotation = query_arg(&req, "rotation");
    let expiration = match query_arg(&req, "expiration") {
        // Quay answers 400 to what `float()`/`utcfromtimestamp` refuse, and crashes on overflow.
        Some(text) => Some(
            python_float(&text)
                .and_then(|f| utc_from_timestamp(f).ok())
                .ok_or_else(bad_request)?,
        ),
        None => None,
    };
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .map_err(|_| bad_request())?;
    let jwk = parse_json_body(&parts.headers, &bytes).map_err(JsonBodyError::page)?;
    let token = bearer_jwt(&parts.headers).ok_or_else(bad_request)?;
    if !jwk_shape_valid(&jwk) {
        return Err(bad_request());
    }
    let jwt = Jwt::parse(token).ok_or_else(bad_request)?;
    let config = state.config().clone();
    let audience = jwt_audience(&config);
    let user_agent = user_agent(&parts.headers);
    let signer_kid = jwt.kid().map(str::to_string);
    if signer_kid.is_none() || signer_kid.as_deref() == Some(kid.as_str()) {
        // Self-signed: a new key waiting for approval.
        verify_signature(&jwt, &jwk, &audience, &service, state.clock().unix_f64())?;
        state
            .db(move |s| {
                if !quay_rules::is_valid_service_name(&service) {
                    return Err(ApiError::model(""));
                }
                // Quay stores the text as is and its database refuses a non-integer.
                let rotation_duration = match rotation {
                    Some(text) => Some(crate::python::parse_int(&text).ok_or_else(bad_request)?),
                    None => None,
                };
                register_key(
                    s,
                    &config,
                    &KeyRegistration {
                        service: &service,
                        kid: &kid,
                        jwk: &jwk,
                        expiration,
                        rotation_duration,
                        ip,
                        user_agent,
                    },
                )
            })
            .await?;
        return Ok(empty(StatusCode::ACCEPTED));
    }
    let signer_kid = signer_kid.unwrap_or_default();
    state
        .db(move |s| {
            let ttls = key_ttls(&config);
            let signer = live_signer(s, &config, &signer_kid, &service, true)?;
            verify_signature(&jwt, &signer.jwk, &audience, &service, s.clock().unix_f64())?;
            let expiration_date = expiration.map(|t| t.seconds);
            let metadata = json!({"ip": ip, "created_by": "Key Rotation"});
            let new = NewServiceKey {
                name: "",
                kid: &kid,
                service: &service,
                jwk: &jwk,
                metadata: &metadata,
                expiration_date,
                rotation_duration: None,
            };
            match s.replace_service_key(&signer.kid, &new, ttls, s.clock().unix_s())? {
                ReplaceOutcome::NotFound => return Err(ApiError::Page(Page::not_found())),
                ReplaceOutcome::KidTaken => return Err(conflict()),
                ReplaceOutcome::Replaced(_) => {}
            }
            let auth = RequestAuth {
                ip: ip.clone(),
                ..RequestAuth::anonymous()
            };
            log_action(
                s,
                "service_key_rotate",
                log_account(s, &config)?,
                &auth,
                json!({"kid": kid, "signer_kid": signer.kid, "service": service,
                       "name": signer.name, "expiration_date": expiration_date,
                       "user_agent": user_agent, "ip": ip}),
            )?;
            Ok(())
        })
        .await?;
    Ok(empty(StatusCode::OK))
}

/// `DELETE /keys/services/{service}/keys/{kid}`: signed by the key itself or by an approved key of
/// the service; 204.
pub async fn delete_key(
    State(state): State<AppState>,
    Path((service, kid)): Path<(String, String)>,
    req: Request,
) -> Result<Response, ApiError> {
    let ip = client_ip(&req);
    let headers = req.headers().clone();
    let token = bearer_jwt(&headers).ok_or_else(bad_request)?;
    let jwt = Jwt::parse(token).ok_or_else(bad_request)?;
    let signer_kid = jwt
        .kid()
        .filter(|k| !k.is_empty())
        .ok_or_else(bad_request)?
        .to_string();
    let config = state.config().clone();
    let audience = jwt_audience(&config);
    let user_agent = user_agent(&headers);
    state
        .db(move |s| {
            let ttls = key_ttls(&config);
            let signer = live_signer(s, &config, &signer_kid, &service, false)?;
            if !(kid == signer_kid || signer.approval.is_some()) {
                return Err(forbidden());
            }
            verify_signature(&jwt, &signer.jwk, &audience, &service, s.clock().unix_f64())?;
            s.delete_service_key(&kid, ttls, s.clock().unix_s())?
                .ok_or_else(|| ApiError::Page(Page::not_found()))?;
            let auth = RequestAuth {
                ip: ip.clone(),
                ..RequestAuth::anonymous()
            };
            log_action(
                s,
                "service_key_delete",
                log_account(s, &config)?,
                &auth,
                json!({"kid": kid, "signer_kid": signer.kid, "service": service,
                       "name": signer.name, "user_agent": user_agent, "ip": ip}),
            )?;
            Ok(())
        })
        .await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(auth: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(auth).unwrap());
        h
    }

    #[test]
    fn bearer_token_regex() {
        assert_eq!(bearer_jwt(&headers("Bearer a.b")), Some("a.b"));
        assert_eq!(bearer_jwt(&headers("Bearer a+/-_.b.c")), Some("a+/-_.b.c"));
        for bad in [
            "Bearer abc",
            "bearer a.b",
            "Bearer  a.b",
            "Bearer a..b",
            "Bearer a.b.",
            "Bearer a.b=",
            "Token a.b",
        ] {
            assert_eq!(bearer_jwt(&headers(bad)), None, "{bad}");
        }
        assert_eq!(bearer_jwt(&HeaderMap::new()), None);
    }

    #[test]
    fn lenient_base64() {
        assert_eq!(b64_lenient("AQAB"), Some(vec![1, 0, 1]));
        assert_eq!(b64_lenient("AQAB=="), Some(vec![1, 0, 1]));
        assert_eq!(b64_lenient("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(b64_lenient("+/8"), Some(vec![0xfb, 0xff]));
        assert_eq!(b64_lenient("A"), None);
    }

    #[test]
    fn claims_follow_pyjwt() {
        let now = 1_800_000_000.5;
        let base = json!({"iss": "svc", "aud": "http://q", "iat": 1_800_000_000i64,
                          "nbf": 1_800_000_000i64, "exp": 1_800_000_100i64});
        let check = |patch: Value| {
            let mut claims = base.as_object().unwrap().clone();
            for (k, v) in patch.as_object().unwrap() {
                if v.is_null() {
                    claims.remove(k);
                } else {
                    claims.insert(k.clone(), v.clone());
                }
            }
            claims_valid(&claims, "http://q", "svc", now)
        };
        assert!(check(json!({})));
        assert!(check(json!({"aud": ["x", "http://q"]})));
        assert!(check(json!({"iat": "1800000000", "exp": 1_800_000_001.9})));
        assert!(check(json!({"sub": "s", "jti": "j"})));
        for bad in [
            json!({"iat": null}),
            json!({"nbf": null}),
            json!({"exp": null}),
            json!({"iat": 1_800_000_001i64}),
            json!({"nbf": 1_800_000_001i64}),
            json!({"exp": 1_800_000_000i64}),
            json!({"iss": "other"}),
            json!({"iss": null}),
            json!({"aud": "other"}),
            json!({"aud": null}),
            json!({"aud": []}),
            json!({"aud": ["http://q", 5]}),
            json!({"iat": "soon"}),
            json!({"iat": [1]}),
            json!({"sub": 5}),
            json!({"jti": 5}),
        ] {
            assert!(!check(bad.clone()), "{bad}");
        }
    }

    #[test]
    fn jwk_shapes() {
        assert!(jwk_shape_valid(
            &json!({"kty": "RSA", "n": "x", "e": "AQAB"})
        ));
        assert!(jwk_shape_valid(&json!({"kty": "EC", "x": "a", "y": "b"})));
        for bad in [
            json!({"kty": "RSA", "n": "x"}),
            json!({"kty": "EC", "x": "a"}),
            json!({"kty": "oct", "k": "a"}),
            json!({"n": "x", "e": "AQAB"}),
            json!(["kty"]),
            json!(null),
        ] {
            assert!(!jwk_shape_valid(&bad), "{bad}");
        }
        assert!(rsa_public_key(&json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"})).is_none());
        assert!(rsa_public_key(&json!({"kty": "RSA", "n": 5, "e": "AQAB"})).is_none());
    }
}
