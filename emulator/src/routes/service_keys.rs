//! The superuser service-key endpoints (§7.1–§7.6): list, generate (RSA-2048, auto-approved, the
//! private key returned once), show, change, delete and approve keys, with Quay's checks, messages,
//! GMT dates and log entries (§8.4). The key server (§7.7) is in `keyserver.rs`.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use rsa::pkcs8::EncodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::auth::{Identity, RequestAuth};
use crate::body::ApiJson;
use crate::config::Config;
use crate::dates::gmt_date;
use crate::error::{ApiError, HTML};
use crate::logs::log_action;
use crate::routes::{endpoint, Access, ApiRoute};
use crate::state::AppState;
use crate::storage::{
    ApproveOutcome, KeyFilter, NamespaceDetails, NewServiceKey, ServiceKeyRecord, ServiceKeyTtls,
    Storage, StorageError, UserRecord, SUPERUSER_APPROVAL,
};
use crate::views::{shows_quotas, superuser_user_view};

/// The three routes (Quay's `SuperUserServiceKeyManagement`, `SuperUserServiceKey`,
/// `SuperUserServiceKeyApproval`). The GETs allow read-only superusers and need no fresh login.
pub fn routes() -> Vec<ApiRoute> {
    let read = Access::AnySuperUser { fresh_login: false };
    vec![
        ApiRoute::new(
            "/api/v1/superuser/keys",
            "superuser",
            "endpoints.api.superuser.SuperUserServiceKeyManagement",
        )
        .op(endpoint(Method::GET, "listServiceKeys", list_keys).access(read))
        .op(endpoint(Method::POST, "createServiceKey", create_key)
            .superuser()
            .body("CreateServiceKey")),
        ApiRoute::new(
            "/api/v1/superuser/keys/{kid}",
            "superuser",
            "endpoints.api.superuser.SuperUserServiceKey",
        )
        .param("kid", "The unique identifier for a service key")
        .op(endpoint(Method::GET, "getServiceKey", get_key).access(read))
        .op(endpoint(Method::PUT, "updateServiceKey", update_key)
            .superuser()
            .body("PutServiceKey"))
        .op(endpoint(Method::DELETE, "deleteServiceKey", delete_key).superuser()),
        ApiRoute::new(
            "/api/v1/superuser/approvedkeys/{kid}",
            "superuser",
            "endpoints.api.superuser.SuperUserServiceKeyApproval",
        )
        .param("kid", "The unique identifier for a service key")
        .op(endpoint(Method::POST, "approveServiceKey", approve_key)
            .superuser()
            .body("ApproveServiceKey")),
    ]
}

// ------------------------------------------------------------------------------------------------
// Rules and formats shared with the key server.

/// `re.match(r"^[a-z0-9_]+$", service)` (Python's `$` also matches before a final newline).
pub fn is_valid_service_name(service: &str) -> bool {
    let body = service.strip_suffix('\n').unwrap_or(service);
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Quay's `validate_service_key_name`: `^[\s a-zA-Z0-9\-_:/]*$` (`\s` is Unicode whitespace).
pub fn is_valid_key_name(name: &str) -> bool {
    name.chars().all(|c| {
        c.is_ascii_alphanumeric() || "-_:/ ".contains(c) || quay_rules::is_python_whitespace(c)
    })
}

/// Quay's `EXPIRED_SERVICE_KEY_TTL_SEC` and `UNAPPROVED_SERVICE_KEY_TTL_SEC`.
pub fn key_ttls(config: &Config) -> ServiceKeyTtls {
    let defaults = ServiceKeyTtls::default();
    let seconds = |key: &str, default: i64| {
        config
            .raw(key)
            .and_then(Value::as_f64)
            .map_or(default, |v| v as i64)
    };
    ServiceKeyTtls {
        unapproved_s: seconds("UNAPPROVED_SERVICE_KEY_TTL_SEC", defaults.unapproved_s),
        expired_s: seconds("EXPIRED_SERVICE_KEY_TTL_SEC", defaults.expired_s),
    }
}

/// The namespace of service-key log entries: `SERVICE_LOG_ACCOUNT_ID`, else the first user
/// (Quay's `log_action(…, None, …)`).
pub fn log_account(s: &Storage, config: &Config) -> Result<Option<i64>, StorageError> {
    match config.raw("SERVICE_LOG_ACCOUNT_ID").and_then(Value::as_i64) {
        Some(id) => Ok(Some(id)),
        None => s.minimum_user_id(),
    }
}

/// A point in time as Python's `datetime.utcfromtimestamp(float(x))` holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// `timegm(dt.utctimetuple())`: what logs and the database keep.
    pub seconds: i64,
    pub micros: i64,
}

impl Timestamp {
    pub fn as_micros(self) -> i64 {
        self.seconds.saturating_mul(1_000_000) + self.micros
    }
}

/// Why `utcfromtimestamp` refused a value: Python's message, and whether Quay crashes on it
/// (`OverflowError`/`OSError`, not the `ValueError` Quay catches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    pub message: String,
    pub quay_crashes: bool,
}

/// Python's `datetime.utcfromtimestamp(value)` (CPython on 64-bit glibc): microseconds rounded
/// half to even, years 1…9999.
pub fn utc_from_timestamp(value: f64) -> Result<Timestamp, TimestampError> {
    let value_error = |message: String| TimestampError {
        message,
        quay_crashes: false,
    };
    if value.is_nan() {
        return Err(value_error("Invalid value NaN (not a number)".into()));
    }
    let overflow = TimestampError {
        message: "timestamp out of range for platform time_t".into(),
        quay_crashes: true,
    };
    let mut whole = value.trunc();
    let mut micros = ((value - whole) * 1e6).round_ties_even();
    if micros >= 1e6 {
        micros -= 1e6;
        whole += 1.0;
    } else if micros < 0.0 {
        micros += 1e6;
        whole -= 1.0;
    }
    if !(whole >= -(2f64.powi(63)) && whole < 2f64.powi(63)) {
        return Err(overflow);
    }
    let seconds = whole as i64;
    let year = crate::dates::year_of_day(seconds.div_euclid(86_400));
    // glibc's gmtime fails when the year does not fit `tm_year` (an int offset from 1900).
    if year - 1900 > i128::from(i32::MAX) || year - 1900 < i128::from(i32::MIN) {
        return Err(TimestampError {
            message: "[Errno 75] Value too large for defined data type".into(),
            quay_crashes: true,
        });
    }
    if !(1..=9999).contains(&year) {
        return Err(value_error(format!("year {year} is out of range")));
    }
    Ok(Timestamp {
        seconds,
        micros: micros as i64,
    })
}

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// RFC 7638 thumbprint of an RSA public key given by its base64url `n` and `e` (authlib's
/// `thumbprint()`, the kid of generated keys).
pub fn rsa_thumbprint(n: &str, e: &str) -> String {
    let canonical = json!({"e": e, "kty": "RSA", "n": n}).to_string();
    b64url(&Sha256::digest(canonical.as_bytes()))
}

/// The public JWK Quay stores for a generated key (authlib's `as_dict()`).
pub fn public_jwk(key: &RsaPublicKey) -> Value {
    let n = b64url(&key.n().to_bytes_be());
    let e = b64url(&key.e().to_bytes_be());
    json!({"e": e, "kid": rsa_thumbprint(&n, &e), "kty": "RSA", "n": n})
}

/// A freshly generated key pair as Quay returns it once.
#[derive(Debug, Clone)]
pub struct GeneratedKey {
    pub kid: String,
    pub jwk: Value,
    /// PKCS#1 `RSA PRIVATE KEY` PEM (cryptography's `TraditionalOpenSSL`).
    pub private_pem: String,
    /// SubjectPublicKeyInfo `PUBLIC KEY` PEM.
    pub public_pem: String,
}

/// An RSA-2048 key pair (authlib's `JsonWebKey.generate_key("RSA", 2048, is_private=True)`).
/// CPU-heavy: call it on a blocking thread.
pub fn generate_key() -> Result<GeneratedKey, String> {
    let private =
        RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).map_err(|e| e.to_string())?;
    let public = private.to_public_key();
    let jwk = public_jwk(&public);
    let private_pem = private
        .to_pkcs1_pem(LineEnding::LF)
        .map_err(|e| e.to_string())?
        .to_string();
    let public_pem = public
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| e.to_string())?;
    Ok(GeneratedKey {
        kid: jwk["kid"].as_str().unwrap_or_default().to_string(),
        jwk,
        private_pem,
        public_pem,
    })
}

// ------------------------------------------------------------------------------------------------
// Views.

/// Quotas and sizes of the approvers of `keys` (their user views carry them).
fn approver_details(
    s: &Storage,
    keys: &[ServiceKeyRecord],
    config: &Config,
) -> Result<NamespaceDetails, StorageError> {
    let mut details = NamespaceDetails::default();
    if !shows_quotas(config) {
        return Ok(details);
    }
    let mut ids: Vec<i64> = keys
        .iter()
        .filter_map(|k| k.approval.as_ref()?.approver.as_ref().map(|u| u.id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let one = s.namespace_details(id, id)?;
        details.quotas.extend(one.quotas);
        details.sizes.extend(one.sizes);
    }
    Ok(details)
}

/// Quay's `ServiceKey.to_dict()` (§7): dates in the GMT form, the approver as the superuser
/// panel's user view.
pub fn key_view(key: &ServiceKeyRecord, config: &Config, details: &NamespaceDetails) -> Value {
    let approval = key.approval.as_ref().map(|a| {
        json!({
            "approver": a.approver.as_ref().map(|u| superuser_user_view(u, config, details)),
            "approval_type": a.approval_type,
            "approved_date": gmt_date(a.approved_date),
            "notes": a.notes,
        })
    });
    json!({
        "name": key.name,
        "kid": key.kid,
        "service": key.service,
        "jwk": key.jwk,
        "metadata": key.metadata,
        "created_date": gmt_date(key.created_date),
        "expiration_date": key.expiration_date.map(gmt_date),
        "rotation_duration": key.rotation_duration,
        "approval": approval,
    })
}

/// `make_response("", status)`: an empty `text/html` body.
pub(crate) fn empty_html(status: StatusCode) -> Response {
    let mut resp = status.into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    resp
}

/// Quay's `get_service_key(kid, approved_only=False, alive_only=False)`.
fn shown_key(
    s: &Storage,
    kid: &str,
    config: &Config,
) -> Result<Option<ServiceKeyRecord>, StorageError> {
    let filter = KeyFilter {
        kid: Some(kid),
        ..KeyFilter::default()
    };
    s.find_service_key(&filter, key_ttls(config), s.clock().unix_s())
}

/// An `expiration` of a POST/PUT body (a number, the schema made sure) as Quay converts it.
fn body_expiration(value: f64, past_message: &str, now_us: i64) -> Result<Timestamp, ApiError> {
    let at = utc_from_timestamp(value).map_err(|e| {
        // §14 #10: Quay's OverflowError/OSError (a 500) is answered like its ValueError.
        ApiError::invalid_request(format!("Invalid expiration date: {}", e.message))
    })?;
    if at.as_micros() <= now_us {
        return Err(ApiError::invalid_request(past_message));
    }
    Ok(at)
}

// ------------------------------------------------------------------------------------------------
// Handlers.

/// `GET /api/v1/superuser/keys` (`listServiceKeys`, §7.1).
pub async fn list_keys(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    let views = state
        .db(move |s| {
            let keys = s.list_all_service_keys(key_ttls(&config), s.clock().unix_s())?;
            let details = approver_details(s, &keys, &config)?;
            Ok(keys
                .iter()
                .map(|k| key_view(k, &config, &details))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(json!({ "keys": views })))
}

/// `GET /api/v1/superuser/keys/{kid}` (`getServiceKey`, §7.3).
pub async fn get_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    let view = state
        .db(move |s| {
            let key = shown_key(s, &kid, &config)?.ok_or_else(ApiError::not_found)?;
            let details = approver_details(s, std::slice::from_ref(&key), &config)?;
            Ok(key_view(&key, &config, &details))
        })
        .await?;
    Ok(Json(view))
}

/// What a superuser-generated key is stored with.
pub struct GeneratedKeyRequest {
    pub service: String,
    pub name: String,
    pub metadata: Map<String, Value>,
    pub expiration: Option<Timestamp>,
    pub notes: String,
}

/// The storage half of `createServiceKey` (also the library's seeding path): Quay's service-name
/// check (400 B2 with an empty message), the key stored and approved by the caller, and the two
/// log entries. `auth` is the approving superuser.
pub fn store_generated_key(
    s: &Storage,
    config: &Config,
    auth: &RequestAuth,
    key: &GeneratedKey,
    request: &GeneratedKeyRequest,
) -> Result<ServiceKeyRecord, ApiError> {
    let approver = auth.user().ok_or_else(ApiError::invalid_token)?;
    if !is_valid_service_name(&request.service) {
        return Err(ApiError::model(""));
    }
    let now = s.clock().unix_s();
    let expiration_date = request.expiration.map(|t| t.seconds);
    let metadata = Value::Object(request.metadata.clone());
    s.create_service_key(
        &NewServiceKey {
            name: &request.name,
            kid: &key.kid,
            service: &request.service,
            jwk: &key.jwk,
            metadata: &metadata,
            expiration_date,
            rotation_duration: None,
        },
        key_ttls(config),
        now,
    )?
    .ok_or_else(|| ApiError::Internal(format!("generated kid {} already exists", key.kid)))?;
    let approved = s.approve_service_key(
        &key.kid,
        Some(approver.id),
        SUPERUSER_APPROVAL,
        &request.notes,
        now,
    )?;
    let ApproveOutcome::Approved(record) = approved else {
        return Err(ApiError::Internal(format!("{} vanished", key.kid)));
    };
    let account = log_account(s, config)?;
    let meta = json!({
        "kid": key.kid, "preshared": true, "service": request.service, "name": request.name,
        "expiration_date": expiration_date, "auto_approved": true,
    });
    log_action(s, "service_key_create", account, auth, meta.clone())?;
    log_action(s, "service_key_approve", account, auth, meta)?;
    Ok(*record)
}

/// `POST /api/v1/superuser/keys` (`createServiceKey`, §7.2): 200 with the private key, once.
pub async fn create_key(
    State(state): State<AppState>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !is_valid_key_name(&name) {
        return Err(ApiError::invalid_request(format!(
            "Invalid service key friendly name: {name}"
        )));
    }
    let expiration = match body.get("expiration").and_then(Value::as_f64) {
        Some(value) => Some(body_expiration(
            value,
            "Expiration date cannot be in the past",
            state.clock().unix_us(),
        )?),
        None => None,
    };
    let caller = auth.user().ok_or_else(ApiError::invalid_token)?;
    let mut metadata = match body.get("metadata") {
        Some(Value::Object(map)) => map.clone(),
        _ => Map::new(),
    };
    metadata.insert("created_by".into(), json!("Quay Superuser Panel"));
    metadata.insert("creator".into(), json!(caller.username));
    metadata.insert("ip".into(), json!(auth.ip));
    let request = GeneratedKeyRequest {
        service: body["service"].as_str().unwrap_or_default().to_string(),
        name,
        metadata,
        expiration,
        notes: body
            .get("notes")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    };
    // Quay generates the key before its model checks the service name; nothing is stored then.
    let key = tokio::task::spawn_blocking(generate_key)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::Internal)?;
    let config = state.config().clone();
    let (key, request) = state
        .db(move |s| {
            store_generated_key(s, &config, &auth, &key, &request)?;
            Ok((key, request))
        })
        .await?;
    Ok(Json(json!({
        "kid": key.kid,
        "name": request.name,
        "service": request.service,
        "public_key": key.public_pem,
        "private_key": key.private_pem,
    })))
}

/// `PUT /api/v1/superuser/keys/{kid}` (`updateServiceKey`, §7.4): the expiration first (logged
/// `service_key_extend`, kept even when the name is then refused), then name and metadata
/// (`service_key_modify`, sharing the same metadata object).
pub async fn update_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    let view = state
        .db(move |s| {
            let key = shown_key(s, &kid, &config)?.ok_or_else(ApiError::not_found)?;
            let account = log_account(s, &config)?;
            let mut meta = Map::new();
            meta.insert("kid".into(), json!(key.kid));
            meta.insert("service".into(), json!(key.service));
            meta.insert(
                "name".into(),
                body.get("name").cloned().unwrap_or(json!(key.name)),
            );
            meta.insert("expiration_date".into(), json!(key.expiration_date));
            if let Some(expiration) = body.get("expiration") {
                let new = match expiration.as_f64() {
                    Some(value) => Some(
                        body_expiration(
                            value,
                            "Cannot have an expiration date in the past",
                            s.clock().unix_us(),
                        )?
                        .seconds,
                    ),
                    None => None,
                };
                meta.insert("old_expiration_date".into(), json!(key.expiration_date));
                meta.insert("expiration_date".into(), json!(new));
                log_action(
                    s,
                    "service_key_extend",
                    account,
                    &auth,
                    Value::Object(meta.clone()),
                )?;
                s.set_service_key_expiration(&key.kid, new)?;
            }
            if body.get("name").is_some() || body.get("metadata").is_some() {
                let name = body.get("name").and_then(Value::as_str);
                if let Some(bad) = name.filter(|n| !is_valid_key_name(n)) {
                    return Err(ApiError::invalid_request(format!(
                        "Invalid service key friendly name: {bad}"
                    )));
                }
                s.update_service_key(
                    &key.kid,
                    name,
                    body.get("metadata").and_then(Value::as_object),
                )?;
                log_action(s, "service_key_modify", account, &auth, Value::Object(meta))?;
            }
            let key = shown_key(s, &key.kid, &config)?.ok_or_else(ApiError::not_found)?;
            let details = approver_details(s, std::slice::from_ref(&key), &config)?;
            Ok(key_view(&key, &config, &details))
        })
        .await?;
    Ok(Json(view))
}

/// `DELETE /api/v1/superuser/keys/{kid}` (`deleteServiceKey`, §7.5): 204, empty `text/html`. A
/// key expired too long ago to be listed can still be deleted, as in Quay.
pub async fn delete_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
    auth: RequestAuth,
) -> Result<Response, ApiError> {
    let config = state.config().clone();
    state
        .db(move |s| {
            let key = s
                .delete_service_key(&kid, key_ttls(&config), s.clock().unix_s())?
                .ok_or_else(ApiError::not_found)?;
            let account = log_account(s, &config)?;
            log_action(
                s,
                "service_key_delete",
                account,
                &auth,
                json!({"kid": kid, "service": key.service, "name": key.name,
                       "created_date": key.created_date, "expiration_date": key.expiration_date}),
            )?;
            Ok(())
        })
        .await?;
    Ok(empty_html(StatusCode::NO_CONTENT))
}

/// Approves the key `kid` as `auth`'s user (type SUPERUSER) and logs `service_key_approve`; an
/// approved key is left as it is (`Ok(false)`).
pub fn approve_as(
    s: &Storage,
    config: &Config,
    auth: &RequestAuth,
    kid: &str,
    notes: &str,
) -> Result<bool, ApiError> {
    let approver = auth.user().map(|u| u.id);
    match s.approve_service_key(kid, approver, SUPERUSER_APPROVAL, notes, s.clock().unix_s())? {
        ApproveOutcome::NotFound => Err(ApiError::not_found()),
        ApproveOutcome::AlreadyApproved => Ok(false),
        ApproveOutcome::Approved(key) => {
            let account = log_account(s, config)?;
            log_action(
                s,
                "service_key_approve",
                account,
                auth,
                json!({"kid": kid, "service": key.service, "name": key.name,
                       "expiration_date": key.expiration_date}),
            )?;
            Ok(true)
        }
    }
}

/// `POST /api/v1/superuser/approvedkeys/{kid}` (`approveServiceKey`, §7.6): 201, empty
/// `text/html`, also for a key approved before (nothing changes then).
pub async fn approve_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Response, ApiError> {
    let notes = body
        .get("notes")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let config = state.config().clone();
    state
        .db(move |s| approve_as(s, &config, &auth, &kid, &notes))
        .await?;
    Ok(empty_html(StatusCode::CREATED))
}

/// Credentials standing for `user` in log entries written by the library (no token metadata).
pub fn acting_as(user: UserRecord) -> RequestAuth {
    RequestAuth {
        identity: Identity::Session { user },
        session: None,
        ip: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_quays_patterns() {
        for ok in ["svc", "a_b_9", "svc\n"] {
            assert!(is_valid_service_name(ok), "{ok:?}");
        }
        for bad in ["", "Bad Service!", "a-b", "svc\n\n", "é"] {
            assert!(!is_valid_service_name(bad), "{bad:?}");
        }
        for ok in ["", "my key: a/b-c_d", "tab\there", "nbsp\u{a0}", "\u{1f}"] {
            assert!(is_valid_key_name(ok), "{ok:?}");
        }
        for bad in ["bad name!", "é", "a.b", "a@b"] {
            assert!(!is_valid_key_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn timestamps_like_python() {
        let ok = |v: f64| utc_from_timestamp(v).unwrap();
        assert_eq!(
            ok(1.9999999),
            Timestamp {
                seconds: 2,
                micros: 0
            }
        );
        assert_eq!(
            ok(-1.5),
            Timestamp {
                seconds: -2,
                micros: 500_000
            }
        );
        assert_eq!(ok(253_402_300_799.0).seconds, 253_402_300_799);
        assert_eq!(ok(-62_135_596_800.0).seconds, -62_135_596_800);
        let err = |v: f64| utc_from_timestamp(v).unwrap_err();
        assert_eq!(err(253_402_300_800.0).message, "year 10000 is out of range");
        assert_eq!(err(-62_135_596_801.0).message, "year 0 is out of range");
        assert_eq!(err(1e15).message, "year 31690708 is out of range");
        assert_eq!(err(-1e15).message, "year -31686769 is out of range");
        assert_eq!(err(6.7e16).message, "year 2123147449 is out of range");
        assert!(!err(6.7e16).quay_crashes);
        assert_eq!(
            err(6.8e16).message,
            "[Errno 75] Value too large for defined data type"
        );
        assert_eq!(
            err(1e20).message,
            "timestamp out of range for platform time_t"
        );
        assert!(err(1e20).quay_crashes);
        assert_eq!(err(f64::NAN).message, "Invalid value NaN (not a number)");
        assert!(err(f64::INFINITY).quay_crashes);
    }

    #[test]
    fn thumbprint_is_rfc_7638() {
        // RFC 7638 §3.1's example key and thumbprint.
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        assert_eq!(
            rsa_thumbprint(n, "AQAB"),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }
}
