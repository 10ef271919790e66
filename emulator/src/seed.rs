//! Test and demo seeding through the library (Quay has no HTTP routes for these): users with a
//! password, organizations with an admin, OAuth applications. Works on the database file of a
//! running emulator (SQLite WAL allows a second connection).

use std::path::Path;

use crate::storage::{ApplicationFields, NewOrganization, Storage};

/// Two weeks, Quay's default `DEFAULT_TAG_EXPIRATION`.
const TAG_EXPIRATION_S: i64 = 1_209_600;

fn open(db: &Path) -> Result<Storage, String> {
    Storage::open(db).map_err(|e| e.to_string())
}

/// Creates a (verified, enabled) user who can sign in with `password`.
pub fn create_user(db: &Path, username: &str, password: &str, email: &str) -> Result<(), String> {
    let storage = open(db)?;
    let hash = crate::crypto::hash_password(password)?;
    storage
        .create_user(username, email, Some(&hash), TAG_EXPIRATION_S)
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Creates `count` users `{prefix}00001`, `{prefix}00002`, ... (e-mail `name@example.com`, no
/// password) in one go: a large registry for tests and benchmarks.
pub fn create_many_users(db: &Path, prefix: &str, count: usize) -> Result<(), String> {
    let users: Vec<(String, String)> = (1..=count)
        .map(|n| {
            let name = format!("{prefix}{n:05}");
            let email = format!("{name}@example.com");
            (name, email)
        })
        .collect();
    open(db)?
        .create_users_without_password(&users, TAG_EXPIRATION_S)
        .map_err(|e| e.to_string())
}

/// Enables or disables a user.
pub fn set_user_enabled(db: &Path, username: &str, enabled: bool) -> Result<(), String> {
    let storage = open(db)?;
    let user = storage
        .namespace_by_name(username)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user {username}"))?;
    storage
        .set_user_enabled(user.id, enabled)
        .map_err(|e| e.to_string())
}

/// Creates an organization whose `owners` team (role admin) holds `admin`.
pub fn create_organization(db: &Path, name: &str, email: &str, admin: &str) -> Result<(), String> {
    let storage = open(db)?;
    let creator = storage
        .namespace_by_name(admin)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user {admin}"))?;
    storage
        .create_organization(&NewOrganization {
            name: name.to_string(),
            email: email.to_string(),
            tag_expiration_s: TAG_EXPIRATION_S,
            creator_id: creator.id,
        })
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Registers an OAuth application in `org`; returns `(client_id, client_secret)`.
pub fn create_application(
    db: &Path,
    org: &str,
    name: &str,
    redirect_uri: &str,
    application_uri: &str,
) -> Result<(String, String), String> {
    let storage = open(db)?;
    let org = storage
        .namespace_by_name(org)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no organization {org}"))?;
    let client_id = crate::crypto::random_upper_alnum(20);
    let secret = crate::crypto::random_upper_alnum(40);
    storage
        .create_application(
            org.id,
            &client_id,
            &secret,
            &ApplicationFields {
                name: name.to_string(),
                redirect_uri: redirect_uri.to_string(),
                application_uri: application_uri.to_string(),
                description: String::new(),
                avatar_email: None,
            },
        )
        .map_err(|e| e.to_string())?;
    Ok((client_id, secret))
}

/// An OAuth access token for `username` with `scope` (space-separated), issued to a new
/// application in the user's own namespace and valid for ten years, as Quay's implicit flow
/// issues them. For tests and benchmarks that start from a seeded database.
pub fn create_access_token(db: &Path, username: &str, scope: &str) -> Result<String, String> {
    const TEN_YEARS_S: i64 = 315_576_000;
    let storage = open(db)?;
    let user = storage
        .namespace_by_name(username)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user {username}"))?;
    let client_id = crate::crypto::random_upper_alnum(20);
    let app = storage
        .create_application(
            user.id,
            &client_id,
            &crate::crypto::random_upper_alnum(40),
            &ApplicationFields {
                name: "seeded-token".to_string(),
                redirect_uri: String::new(),
                application_uri: String::new(),
                description: String::new(),
                avatar_email: None,
            },
        )
        .map_err(|e| e.to_string())?;
    let token = crate::crypto::random_upper_alnum(40);
    storage
        .create_access_token(
            app.id,
            user.id,
            scope,
            &crate::crypto::sha256_hex(&token),
            storage.clock().unix_s() + TEN_YEARS_S,
        )
        .map_err(|e| e.to_string())?;
    Ok(token)
}

/// A service key's generated pair: `kid` (RFC 7638 thumbprint), public `jwk`, `private_pem`
/// (PKCS#1) and `public_pem` (SubjectPublicKeyInfo).
pub use crate::service_keys::GeneratedKey;

fn seeding_config() -> crate::Config {
    crate::Config::quay_defaults()
}

fn superuser_auth(storage: &Storage, username: &str) -> Result<crate::auth::RequestAuth, String> {
    let user = storage
        .namespace_by_name(username)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user {username}"))?;
    Ok(crate::service_keys::acting_as(user))
}

fn api_error(e: crate::error::ApiError) -> String {
    format!("{e:?}")
}

/// A service key as `POST /api/v1/superuser/keys` makes it: RSA-2048, metadata
/// `{"created_by": "Quay Superuser Panel", "creator": approver, "ip": null}`, approved by
/// `approver` with `notes`, both log entries written. `expiration` (unix seconds) may lie in the
/// past, for expired keys.
pub fn create_service_key(
    db: &Path,
    approver: &str,
    service: &str,
    name: &str,
    expiration: Option<i64>,
    notes: &str,
) -> Result<GeneratedKey, String> {
    use crate::service_keys::{generate_key, store_generated_key, GeneratedKeyRequest};
    let storage = open(db)?;
    let auth = superuser_auth(&storage, approver)?;
    let key = generate_key()?;
    let mut metadata = serde_json::Map::new();
    metadata.insert("created_by".into(), "Quay Superuser Panel".into());
    metadata.insert("creator".into(), approver.into());
    metadata.insert("ip".into(), serde_json::Value::Null);
    let request = GeneratedKeyRequest {
        service: service.to_string(),
        name: name.to_string(),
        metadata,
        expiration: expiration.map(|seconds| crate::service_keys::Timestamp { seconds, micros: 0 }),
        notes: notes.to_string(),
    };
    store_generated_key(&storage, &seeding_config(), &auth, &key, &request).map_err(api_error)?;
    Ok(key)
}

/// A key registered by `service` through the key server (`PUT /keys/services/…`, self-signed):
/// name `""`, metadata `{"ip": null}`, the JWK `{"e", "kid", "kty", "n"}`, waiting for approval,
/// logged `service_key_create` without performer. The pair is generated here; `expiration` (unix
/// seconds) may lie in the past.
pub fn register_pending_service_key(
    db: &Path,
    service: &str,
    expiration: Option<i64>,
) -> Result<GeneratedKey, String> {
    use crate::service_keys::{register_key, KeyRegistration};
    let storage = open(db)?;
    let key = crate::service_keys::generate_key()?;
    register_key(
        &storage,
        &seeding_config(),
        &KeyRegistration {
            service,
            kid: &key.kid,
            jwk: &key.jwk,
            expiration: expiration
                .map(|seconds| crate::service_keys::Timestamp { seconds, micros: 0 }),
            rotation_duration: None,
            ip: None,
            user_agent: None,
        },
    )
    .map_err(api_error)?;
    Ok(key)
}

/// Approves a pending key as `POST /api/v1/superuser/approvedkeys/{kid}` does (logged
/// `service_key_approve`). `Ok(false)` when the key was approved already.
pub fn approve_service_key(
    db: &Path,
    kid: &str,
    approver: &str,
    notes: &str,
) -> Result<bool, String> {
    let storage = open(db)?;
    let auth = superuser_auth(&storage, approver)?;
    crate::service_keys::approve_as(&storage, &seeding_config(), &auth, kid, notes)
        .map_err(api_error)
}

/// A usage-log entry as another Quay component (the registry, the UI's sign-in) would write it:
/// of `kind`, on the namespace named `account`, performed by `performer`, at `datetime_us`.
pub struct SeedLog<'a> {
    pub kind: &'a str,
    pub account: Option<&'a str>,
    pub performer: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub metadata: serde_json::Value,
    pub datetime_us: i64,
}

/// Writes usage-log entries (for tests: entries on past days, which no route can write).
pub fn write_logs(db: &Path, entries: &[SeedLog<'_>]) -> Result<(), String> {
    let storage = open(db)?;
    let id_of = |name: Option<&str>| -> Result<Option<i64>, String> {
        let Some(name) = name else { return Ok(None) };
        storage
            .namespace_by_name(name)
            .map_err(|e| e.to_string())?
            .map(|n| Some(n.id))
            .ok_or_else(|| format!("no namespace {name}"))
    };
    for e in entries {
        storage
            .write_log(&crate::storage::NewLogEntry {
                kind: e.kind,
                account_id: id_of(e.account)?,
                performer_id: id_of(e.performer)?,
                ip: e.ip.map(str::to_string),
                metadata: e.metadata.clone(),
                datetime_us: e.datetime_us,
            })
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn namespace_id(storage: &Storage, name: &str) -> Result<i64, String> {
    storage
        .namespace_by_name(name)
        .map_err(|e| e.to_string())?
        .map(|n| n.id)
        .ok_or_else(|| format!("no namespace {name}"))
}

/// Stores `email` as the namespace's e-mail exactly as given: Quay's database can hold text its
/// API would refuse today (older rules, direct edits), and the dashboard must show it as text.
pub fn set_email(db: &Path, namespace: &str, email: &str) -> Result<(), String> {
    let storage = open(db)?;
    let id = namespace_id(&storage, namespace)?;
    storage
        .set_namespace_email(id, email)
        .map_err(|e| e.to_string())
}

/// Makes `username`'s browser sessions have signed in `seconds` earlier than they did, e.g. past
/// the 10 minutes after which Quay asks for the password again (`require_fresh_login`).
pub fn backdate_sign_ins(db: &Path, username: &str, seconds: i64) -> Result<(), String> {
    let storage = open(db)?;
    let id = namespace_id(&storage, username)?;
    storage
        .backdate_sign_ins(id, seconds)
        .map_err(|e| e.to_string())
}

/// Turns invoice e-mails on for `org`, sent to `address` (stored as given, unchecked).
pub fn set_invoice_email(db: &Path, org: &str, address: &str) -> Result<(), String> {
    let storage = open(db)?;
    let id = namespace_id(&storage, org)?;
    storage
        .set_invoice_email(id, true)
        .and_then(|()| storage.set_invoice_email_address(id, Some(address)))
        .map_err(|e| e.to_string())
}

/// Renames the key `kid` and merges `metadata` into its metadata, as
/// `PUT /api/v1/superuser/keys/{kid}` does but without its checks (any text a key server or an
/// older Quay may have stored).
pub fn update_service_key(
    db: &Path,
    kid: &str,
    name: &str,
    metadata: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), String> {
    let found = open(db)?
        .update_service_key(kid, Some(name), Some(metadata))
        .map_err(|e| e.to_string())?;
    found.then_some(()).ok_or_else(|| format!("no key {kid}"))
}
