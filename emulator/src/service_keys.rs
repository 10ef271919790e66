//! Service keys as Quay keeps them, apart from any HTTP route: names it accepts, key lifetimes,
//! Python's `utcfromtimestamp` for expirations, RSA JWKs and their thumbprints, generating a
//! key, storing a generated or a self-signed one with its log entry, approving a key. The
//! superuser routes, the key server, the seed and the demo all go through here.

use base64::Engine;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use rsa::pkcs8::EncodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::action_log::log_action;
use crate::auth::{Identity, RequestAuth};
use crate::config::Config;
use crate::error::ApiError;
use crate::error_pages::Page;
use crate::python::b64_lenient;
use crate::storage::{
    ApproveOutcome, NewServiceKey, ServiceKeyRecord, ServiceKeyTtls, Storage, StorageError,
    UserRecord, SUPERUSER_APPROVAL,
};

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
    if !quay_rules::is_valid_service_name(&request.service) {
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

/// Credentials standing for `user` in log entries written by the library (no token metadata).
pub fn acting_as(user: UserRecord) -> RequestAuth {
    RequestAuth {
        identity: Identity::Session { user },
        session: None,
        ip: None,
    }
}

/// Quay's `jwk_dict_to_public_key` for verifying RS256: an RSA public JWK (authlib imports a JWK
/// with `d` as a private key, on which Quay then fails), checked as `cryptography` checks it.
pub fn rsa_public_key(jwk: &Value) -> Option<RsaPublicKey> {
    if jwk.get("kty")? != "RSA" || jwk.get("d").is_some() {
        return None;
    }
    let number = |k: &str| jwk.get(k)?.as_str().and_then(b64_lenient);
    let e_bytes = number("e")?;
    let odd = e_bytes.last().is_some_and(|b| b & 1 == 1);
    let n = BigUint::from_bytes_be(&number("n")?);
    let e = BigUint::from_bytes_be(&e_bytes);
    let three = BigUint::from(3u8);
    if n < three || e < three || e >= n || !odd {
        return None;
    }
    RsaPublicKey::new_with_max_size(n, e, 16_384).ok()
}

/// A self-signed key registration as the key server receives it (after the JWT checked out).
pub struct KeyRegistration<'a> {
    pub service: &'a str,
    pub kid: &'a str,
    pub jwk: &'a Value,
    pub expiration: Option<Timestamp>,
    pub rotation_duration: Option<i64>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// Quay's `create_service_key` for a self-signed key plus its `service_key_create` entry (no
/// performer): the key waits for approval. 400 B2 `{"message": ""}` for a bad service name, the
/// 409 page for a taken kid (Quay: a 500; see DEVIATIONS.md).
pub fn register_key(
    s: &Storage,
    config: &Config,
    reg: &KeyRegistration<'_>,
) -> Result<ServiceKeyRecord, ApiError> {
    if !quay_rules::is_valid_service_name(reg.service) {
        return Err(ApiError::model(""));
    }
    let expiration_date = reg.expiration.map(|t| t.seconds);
    let key = s
        .create_service_key(
            &NewServiceKey {
                name: "",
                kid: reg.kid,
                service: reg.service,
                jwk: reg.jwk,
                metadata: &json!({ "ip": reg.ip }),
                expiration_date,
                rotation_duration: reg.rotation_duration,
            },
            key_ttls(config),
            s.clock().unix_s(),
        )?
        .ok_or_else(|| ApiError::Page(Page::conflict()))?;
    let auth = RequestAuth {
        ip: reg.ip.clone(),
        ..RequestAuth::anonymous()
    };
    log_action(
        s,
        "service_key_create",
        log_account(s, config)?,
        &auth,
        json!({"kid": reg.kid, "preshared": false, "service": reg.service, "name": "",
               "expiration_date": expiration_date, "user_agent": reg.user_agent, "ip": reg.ip}),
    )?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

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
