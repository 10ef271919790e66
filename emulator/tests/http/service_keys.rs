//! Service keys: the superuser endpoints (Quay: `endpoints/api/superuser.py`) over HTTP (shapes,
//! JSON types, errors in Quay's order, access rules, log entries) and the key server
//! (`endpoints/keyserver/__init__.py`) with real self-signed JWTs built here with the `rsa` crate,
//! through approval, rotation and deletion.

use crate::common::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use quay_emulator::testing::seed;
use reqwest::Method;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const KEYS: &str = "/api/v1/superuser/keys";
const DAY: i64 = 86_400;
/// The key server's JWT audience under the reference configuration.
const AUDIENCE: &str = "http://localhost:8080";

// The `detail` of Quay's 400 for a body its JSON schema refuses: the message of jsonschema 3.2.0
// (Quay's `requirements.txt`) over the schemas of `endpoints/api/superuser.py`
// (`CreateServiceKey`, `PutServiceKey`, `ApproveServiceKey`), pretty-printed as Python does
// (`validate_json_request`, `endpoints/api/__init__.py`), each as a JSON string literal.

/// POST /superuser/keys — `service` missing (also when both are missing).
const MISSING_SERVICE: &str = r#""'service' is a required property\n\nFailed validating 'required' in schema:\n    {'description': 'Description of creation of a service key',\n     'id': 'CreateServiceKey',\n     'properties': {'expiration': {'anyOf': [{'type': 'number'},\n                                             {'type': 'null'}],\n                                   'description': 'The expiration date as '\n                                                  'a unix timestamp'},\n                    'metadata': {'description': 'The key/value pairs of '\n                                                \"this key's metadata\",\n                                 'type': 'object'},\n                    'name': {'description': 'The friendly name of a '\n                                            'service key',\n                             'type': 'string'},\n                    'notes': {'description': 'If specified, the extra '\n                                             'notes for the key',\n                              'type': 'string'},\n                    'service': {'description': 'The service authenticating '\n                                               'with this key',\n                                'type': 'string'}},\n     'required': ['service', 'expiration'],\n     'type': 'object'}\n\nOn instance:\n    {'expiration': 1795993800, 'name': 'nosvc'}""#;
/// POST /superuser/keys — `expiration` missing.
const MISSING_EXPIRATION: &str = r#""'expiration' is a required property\n\nFailed validating 'required' in schema:\n    {'description': 'Description of creation of a service key',\n     'id': 'CreateServiceKey',\n     'properties': {'expiration': {'anyOf': [{'type': 'number'},\n                                             {'type': 'null'}],\n                                   'description': 'The expiration date as '\n                                                  'a unix timestamp'},\n                    'metadata': {'description': 'The key/value pairs of '\n                                                \"this key's metadata\",\n                                 'type': 'object'},\n                    'name': {'description': 'The friendly name of a '\n                                            'service key',\n                             'type': 'string'},\n                    'notes': {'description': 'If specified, the extra '\n                                             'notes for the key',\n                              'type': 'string'},\n                    'service': {'description': 'The service authenticating '\n                                               'with this key',\n                                'type': 'string'}},\n     'required': ['service', 'expiration'],\n     'type': 'object'}\n\nOn instance:\n    {'name': 'noexpfield', 'service': 'testsvc'}""#;
/// POST /superuser/keys — `expiration` neither number nor null.
const EXPIRATION_NOT_NUMBER: &str = r#""'tomorrow' is not of type 'number'\n\nFailed validating 'type' in schema[0]:\n    {'type': 'number'}\n\nOn instance:\n    'tomorrow'""#;
/// POST /superuser/keys — `service` not a string.
const SERVICE_NOT_STRING: &str = r#""5 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['service']:\n    {'description': 'The service authenticating with this key',\n     'type': 'string'}\n\nOn instance['service']:\n    5""#;
/// POST /superuser/keys — `metadata` not an object (same for PutServiceKey).
const METADATA_NOT_OBJECT: &str = r#""'x' is not of type 'object'\n\nFailed validating 'type' in schema['properties']['metadata']:\n    {'description': \"The key/value pairs of this key's metadata\",\n     'type': 'object'}\n\nOn instance['metadata']:\n    'x'""#;
/// PUT /superuser/keys/{kid} — `name` not a string.
const NAME_NOT_STRING: &str = r#""5 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['name']:\n    {'description': 'The friendly name of a service key', 'type': 'string'}\n\nOn instance['name']:\n    5""#;
/// POST /superuser/approvedkeys/{kid} — `notes` not a string.
const NOTES_NOT_STRING: &str = r#""5 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['notes']:\n    {'description': 'Optional approval notes', 'type': 'string'}\n\nOn instance['notes']:\n    5""#;

fn key_path(kid: &str) -> String {
    format!("{KEYS}/{kid}")
}

fn approve_path(kid: &str) -> String {
    format!("/api/v1/superuser/approvedkeys/{kid}")
}

fn server_path(service: &str, kid: &str) -> String {
    format!("/keys/services/{service}/keys/{kid}")
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A schema error literal (above) as the string it stands for.
fn schema_error(literal: &str) -> String {
    serde_json::from_str(literal).expect("a JSON string literal")
}

/// RFC 7638 thumbprint of an RSA key, computed here independently of the emulator.
fn thumbprint(n: &str, e: &str) -> String {
    let canonical = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
    b64(&Sha256::digest(canonical.as_bytes()))
}

/// A `GMT` date of a key (Flask's `jsonify` of a `datetime`) as unix seconds.
fn gmt_seconds(value: &Value) -> i64 {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("a GMT date: {value}"));
    assert!(text.ends_with(" GMT"), "{text}");
    let at = httpdate::parse_http_date(text).unwrap_or_else(|_| panic!("{text}"));
    at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn sorted_keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// `names` plus the three keys an OAuth-token caller adds to log metadata, sorted.
fn with_token_keys(names: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = names
        .iter()
        .chain(&[
            "oauth_token_application",
            "oauth_token_application_id",
            "oauth_token_id",
        ])
        .map(|k| k.to_string())
        .collect();
    keys.sort();
    keys
}

/// A registry with the superuser `admin` (the first user; token returned) and the user `alice`.
async fn registry(extra_yaml: &str) -> (Emu, String) {
    let emu = emulator_with(config_with(extra_yaml)).await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("alice", "password1");
    (emu, token)
}

fn user_id(emu: &Emu, username: &str) -> i64 {
    let conn = rusqlite::Connection::open(emu.db_path()).unwrap();
    conn.query_row(
        "SELECT id FROM users WHERE username = ?1",
        [username],
        |r| r.get(0),
    )
    .unwrap()
}

/// A service-key usage-log entry, read from the database.
#[derive(Debug)]
struct Entry {
    kind: String,
    metadata: Value,
    account: Option<i64>,
    performer: Option<i64>,
    ip: Option<String>,
}

fn key_entries(emu: &Emu) -> Vec<Entry> {
    let conn = rusqlite::Connection::open(emu.db_path()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT k.name, e.metadata, e.account_id, e.performer_id, e.ip FROM log_entries e \
             JOIN log_entry_kinds k ON k.id = e.kind_id WHERE k.name LIKE 'service_key%' \
             ORDER BY e.id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let metadata: String = r.get(1)?;
            Ok(Entry {
                kind: r.get(0)?,
                metadata: serde_json::from_str(&metadata).unwrap(),
                account: r.get(2)?,
                performer: r.get(3)?,
                ip: r.get(4)?,
            })
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn kinds(entries: &[Entry]) -> Vec<&str> {
    entries.iter().map(|e| e.kind.as_str()).collect()
}

async fn create(emu: &Emu, token: &str, body: Value) -> (u16, Value) {
    emu.json_call(Method::POST, KEYS, Some(token), Some(body))
        .await
}

/// Creates a key through the API; its kid.
async fn create_kid(emu: &Emu, token: &str, body: Value) -> String {
    let (status, created) = create(emu, token, body).await;
    assert_eq!(status, 200, "{created}");
    created["kid"].as_str().unwrap().to_string()
}

async fn listed(emu: &Emu, token: &str) -> Vec<Value> {
    let (status, body) = emu.get_json(KEYS, token).await;
    assert_eq!(status, 200, "{body}");
    body["keys"].as_array().unwrap().clone()
}

async fn expect_empty_html(resp: reqwest::Response, status: u16) {
    assert_eq!(resp.status().as_u16(), status);
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_eq!(resp.text().await.unwrap(), "");
}

/// A Werkzeug HTML error page without CORS headers (key server).
async fn expect_page(resp: reqwest::Response, status: u16, what: &str) {
    assert_eq!(resp.status().as_u16(), status, "{what}");
    assert_eq!(
        content_type(resp.headers()),
        "text/html; charset=utf-8",
        "{what}"
    );
    assert_no_cors(resp.headers());
    let body = resp.text().await.unwrap();
    assert!(
        body.contains(&format!("<title>{status} ")),
        "{what}: {body}"
    );
}

// ------------------------------------------------------------------------------------------------
// A service of the key server: its own key pair and self-signed JWTs.

struct Service {
    name: String,
    key: RsaPrivateKey,
    kid: String,
    /// The JWK it submits.
    jwk: Value,
}

impl Service {
    fn new(name: &str) -> Service {
        let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
        let n = b64(&key.n().to_bytes_be());
        let e = b64(&key.e().to_bytes_be());
        let kid = thumbprint(&n, &e);
        Service {
            name: name.to_string(),
            jwk: json!({"kty": "RSA", "e": e, "n": n, "kid": kid}),
            kid,
            key,
        }
    }

    fn claims(&self) -> Value {
        // The emulator reads NOW_S when it starts, moments before.
        let t = NOW_S;
        json!({"iss": self.name, "aud": AUDIENCE, "iat": t, "nbf": t, "exp": t + 300})
    }

    fn header(&self) -> Value {
        json!({"alg": "RS256", "kid": self.kid, "typ": "JWT"})
    }

    /// An RS256 JWT over `header` and `claims`, signed with this service's key.
    fn sign(&self, header: &Value, claims: &Value) -> String {
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let signature = SigningKey::<Sha256>::new(self.key.clone()).sign(input.as_bytes());
        format!("{input}.{}", b64(&signature.to_bytes()))
    }

    fn self_signed(&self) -> String {
        self.sign(&self.header(), &self.claims())
    }
}

/// `PUT /keys/services/{service}/keys/{kid}{query}` with `Authorization: Bearer <jwt>`.
async fn put_server_key(
    emu: &Emu,
    service: &str,
    kid: &str,
    query: &str,
    jwt: Option<&str>,
    jwk: &Value,
) -> reqwest::Response {
    let mut req = emu
        .client
        .put(emu.url(&format!("{}{query}", server_path(service, kid))))
        .header("user-agent", "keytest/1.0")
        .json(jwk);
    if let Some(t) = jwt {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    req.send().await.unwrap()
}

/// Registers the service's own key (self-signed): 202.
async fn register(emu: &Emu, service: &Service, query: &str) {
    let resp = put_server_key(
        emu,
        &service.name,
        &service.kid,
        query,
        Some(&service.self_signed()),
        &service.jwk,
    )
    .await;
    expect_empty_html(resp, 202).await;
}

// ------------------------------------------------------------------------------------------------
// POST /api/v1/superuser/keys and the views.

#[tokio::test]
async fn create_returns_the_private_key_once_and_stores_an_approved_key() {
    let (emu, token) = registry("").await;
    let expiration = NOW_S + 7 * DAY;
    let resp = emu
        .call(
            Method::POST,
            KEYS,
            Some(&token),
            Some(
                json!({"service": "testsvc", "name": "mykey", "expiration": expiration,
                        "metadata": {"purpose": "test", "ip": "spoofed"},
                        "notes": "created by admin"}),
            ),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    let created: Value = resp.json().await.unwrap();
    insta::assert_json_snapshot!("created", created, {
        ".kid" => "[kid]", ".private_key" => "[pem]", ".public_key" => "[pem]"
    });

    // A real RSA-2048 pair: PKCS#1 private key, SubjectPublicKeyInfo public key, 64-char lines.
    let private_pem = created["private_key"].as_str().unwrap();
    assert!(private_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert!(private_pem.ends_with("\n-----END RSA PRIVATE KEY-----\n"));
    let public_pem = created["public_key"].as_str().unwrap();
    assert!(public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    assert!(public_pem.ends_with("\n-----END PUBLIC KEY-----\n"));
    for pem in [private_pem, public_pem] {
        let body: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(body[..body.len() - 1].iter().all(|l| l.len() == 64));
    }
    let private = RsaPrivateKey::from_pkcs1_pem(private_pem).unwrap();
    assert_eq!(private.size() * 8, 2048);
    assert_eq!(private.e().to_bytes_be(), [1, 0, 1]);
    assert_eq!(
        RsaPublicKey::from_public_key_pem(public_pem).unwrap(),
        private.to_public_key()
    );
    let n = b64(&private.n().to_bytes_be());
    let kid = created["kid"].as_str().unwrap();
    assert_eq!(kid, thumbprint(&n, "AQAB"));
    assert_eq!(kid.len(), 43);

    // The stored key: the public JWK, merged metadata, approved by the caller.
    let keys = listed(&emu, &token).await;
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(
        key["jwk"],
        json!({"e": "AQAB", "kid": kid, "kty": "RSA", "n": n})
    );
    assert_eq!(key["kid"], kid);
    let created_at = gmt_seconds(&key["created_date"]);
    assert!((gmt_seconds(&key["approval"]["approved_date"]) - created_at).abs() <= 1);
    insta::assert_json_snapshot!("listed", key, {
        ".kid" => "[kid]", ".jwk.kid" => "[kid]", ".jwk.n" => "[n]",
        ".created_date" => insta::dynamic_redaction(now_date),
        ".approval.approved_date" => insta::dynamic_redaction(now_date),
    });

    // One key, the same object.
    let resp = emu
        .call(Method::GET, &key_path(kid), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    let one: Value = resp.json().await.unwrap();
    assert_eq!(&one, key);

    // The private key is never shown or kept.
    let d = b64(&private.d().to_bytes_be());
    assert!(!Value::Array(keys.clone()).to_string().contains("PRIVATE"));
    let conn = rusqlite::Connection::open(emu.db_path()).unwrap();
    let stored: String = conn
        .query_row("SELECT jwk || metadata FROM service_keys", [], |r| r.get(0))
        .unwrap();
    assert!(!stored.contains("\"d\"") && !stored.contains(&d));

    // service_key_create then service_key_approve, for the first user, by the caller.
    let admin = user_id(&emu, "admin");
    let entries = key_entries(&emu);
    assert_eq!(
        kinds(&entries),
        ["service_key_create", "service_key_approve"]
    );
    for e in &entries {
        assert_eq!((e.account, e.performer), (Some(admin), Some(admin)));
        assert_eq!(e.ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(e.metadata["kid"], kid);
    }
    let metadata: Vec<&Value> = entries.iter().map(|e| &e.metadata).collect();
    insta::assert_json_snapshot!("logged", metadata, { "[].kid" => "[kid]" });
}

#[tokio::test]
async fn create_defaults_and_expiration_forms() {
    let (emu, token) = registry("").await;
    // No name, metadata or notes; never expires.
    let never = create_kid(
        &emu,
        &token,
        json!({"service": "nullexp", "expiration": null}),
    )
    .await;
    // A fractional expiration is kept to the second.
    let at = emu.now_s() + 3600;
    let fractional = create_kid(
        &emu,
        &token,
        json!({"service": "floatexp", "expiration": at as f64 + 0.75, "name": " a-b_c:d/e "}),
    )
    .await;
    let keys = listed(&emu, &token).await;
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["kid"], never);
    assert_eq!(keys[0]["name"], "");
    assert_eq!(keys[0]["expiration_date"], Value::Null);
    assert_eq!(
        sorted_keys(&keys[0]["metadata"]),
        ["created_by", "creator", "ip"]
    );
    assert_eq!(keys[0]["approval"]["notes"], "");
    assert_eq!(keys[1]["kid"], fractional);
    assert_eq!(keys[1]["name"], " a-b_c:d/e ");
    assert_eq!(gmt_seconds(&keys[1]["expiration_date"]), at);
    let entries = key_entries(&emu);
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0].metadata["expiration_date"], Value::Null);
    assert_eq!(entries[0].metadata["name"], "");
    assert_eq!(entries[2].metadata["expiration_date"], at);
}

#[tokio::test]
async fn create_errors_come_in_quays_order_and_change_nothing() {
    let (emu, token) = registry("").await;
    let past = emu.now_s() - 10;
    for (body, detail) in [
        (
            json!({"name": "nosvc", "expiration": 1_795_993_800}),
            schema_error(MISSING_SERVICE),
        ),
        (
            json!({"service": "testsvc", "name": "noexpfield"}),
            schema_error(MISSING_EXPIRATION),
        ),
        (
            json!({"service": "testsvc", "name": "strexp", "expiration": "tomorrow"}),
            schema_error(EXPIRATION_NOT_NUMBER),
        ),
        (
            json!({"service": 5, "expiration": null}),
            schema_error(SERVICE_NOT_STRING),
        ),
        (
            json!({"service": "a", "expiration": null, "metadata": "x"}),
            schema_error(METADATA_NOT_OBJECT),
        ),
        // The friendly name first, then the expiration, then (in the model) the service.
        (
            json!({"service": "Bad Service!", "name": "bad name!", "expiration": past}),
            "Invalid service key friendly name: bad name!".into(),
        ),
        (
            json!({"service": "Bad Service!", "expiration": past}),
            "Expiration date cannot be in the past".into(),
        ),
        (
            json!({"service": "testsvc", "expiration": 0}),
            "Expiration date cannot be in the past".into(),
        ),
        (
            json!({"service": "testsvc", "expiration": 253_402_300_800i64}),
            "Invalid expiration date: year 10000 is out of range".into(),
        ),
        // Quay crashes here (OverflowError; DEVIATIONS.md).
        (
            json!({"service": "testsvc", "expiration": 1e20}),
            "Invalid expiration date: timestamp out of range for platform time_t".into(),
        ),
    ] {
        let resp = emu.call(Method::POST, KEYS, Some(&token), Some(body)).await;
        expect_shape_a(resp, 400, "invalid_request", &detail).await;
    }
    // An invalid service name is a model error: 400 `{"message":""}`, no CORS.
    let resp = emu
        .call(
            Method::POST,
            KEYS,
            Some(&token),
            Some(json!({"service": "Bad Service!", "expiration": null})),
        )
        .await;
    assert_eq!(resp.status(), 400);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_no_cors(resp.headers());
    assert_eq!(resp.text().await.unwrap(), r#"{"message":""}"#);
    // Framework errors (B1).
    let resp = emu
        .client
        .post(emu.url(KEYS))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"message": "The browser (or proxy) sent a request that this server could not understand."})
    );
    let resp = emu
        .client
        .post(emu.url(KEYS))
        .bearer_auth(&token)
        .body(r#"{"service": "x", "expiration": null}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 415);
    assert!(listed(&emu, &token).await.is_empty());
    assert!(key_entries(&emu).is_empty());
}

// ------------------------------------------------------------------------------------------------
// Access rules.

#[tokio::test]
async fn callers_without_superuser_rights_and_read_only_superusers() {
    let (emu, token) = registry("GLOBAL_READONLY_SUPER_USERS: [reader]\n").await;
    emu.seed_user("reader", "password1");
    let kid = create_kid(&emu, &token, json!({"service": "svc", "expiration": null})).await;
    let alice = emu.insert_token("alice", "super:user user:admin", far_future());
    let admin_no_scope = emu.insert_token("admin", "user:read user:admin org:admin", far_future());
    let reader = emu.insert_token("reader", "user:read", far_future());
    let writes = [
        (
            Method::POST,
            KEYS.to_string(),
            json!({"service": "svc", "expiration": null}),
        ),
        (Method::PUT, key_path(&kid), json!({"name": "x"})),
        (Method::DELETE, key_path(&kid), Value::Null),
        (Method::POST, approve_path(&kid), json!({})),
    ];
    for (method, path, body) in writes.iter().cloned() {
        let body = (!body.is_null()).then_some(body);
        // Anonymous writes: the CSRF 403 (shape C).
        let resp = emu.call(method.clone(), &path, None, body.clone()).await;
        assert_eq!(resp.status(), 403, "{method} {path}");
        assert_eq!(
            Emu::shape_c(resp).await,
            json!({"error": "CSRF token was invalid or missing."})
        );
        for t in [&alice, &admin_no_scope, &reader] {
            let resp = emu.call(method.clone(), &path, Some(t), body.clone()).await;
            expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
        }
    }
    for path in [KEYS.to_string(), key_path(&kid)] {
        let resp = emu.call(Method::GET, &path, None, None).await;
        expect_shape_a(resp, 401, "invalid_token", "Requires authentication").await;
        for t in [&alice, &admin_no_scope] {
            let resp = emu.call(Method::GET, &path, Some(t), None).await;
            expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
        }
        // A global read-only superuser reads, whatever its token's scopes.
        let (status, _) = emu.get_json(&path, &reader).await;
        assert_eq!(status, 200, "{path}");
    }
    // The body is validated before the permission (README.md, "The API layer's checks").
    let (status, body) = create(&emu, &alice, json!({"service": "svc"})).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["detail"],
        schema_error(MISSING_EXPIRATION).replace(
            "{'name': 'noexpfield', 'service': 'testsvc'}",
            "{'service': 'svc'}"
        )
    );
    let resp = emu
        .call(
            Method::POST,
            &approve_path(&kid),
            Some(&alice),
            Some(json!({"notes": 5})),
        )
        .await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        &schema_error(NOTES_NOT_STRING),
    )
    .await;
    assert_eq!(listed(&emu, &token).await.len(), 1);
    assert_eq!(key_entries(&emu).len(), 2);

    // OPTIONS.
    let resp = emu.call(Method::OPTIONS, KEYS, None, None).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["allow"], "OPTIONS, HEAD, POST, GET");
    let resp = emu.call(Method::OPTIONS, &key_path(&kid), None, None).await;
    assert_eq!(resp.headers()["allow"], "OPTIONS, HEAD, DELETE, GET, PUT");
}

#[tokio::test]
async fn sessions_need_a_fresh_login_for_writes_only() {
    let (emu, token) = registry("").await;
    let kid = create_kid(&emu, &token, json!({"service": "svc", "expiration": null})).await;
    let (cookie, csrf) = emu.signed_in("admin", "password1").await;
    let session_call = |method: Method, path: String, body: Option<Value>| {
        let mut req = emu
            .client
            .request(method, emu.url(&path))
            .header("cookie", &cookie)
            .header("x-csrf-token", &csrf);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send()
    };
    let resp = session_call(Method::PUT, key_path(&kid), Some(json!({"name": "fresh"})))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    emu.sql("UPDATE sessions SET login_time = login_time - 601");
    for path in [KEYS.to_string(), key_path(&kid)] {
        let resp = session_call(Method::GET, path, None).await.unwrap();
        assert_eq!(resp.status(), 200);
    }
    for (method, path, body) in [
        (
            Method::POST,
            KEYS.to_string(),
            Some(json!({"service": "svc", "expiration": null})),
        ),
        (Method::PUT, key_path(&kid), Some(json!({"name": "stale"}))),
        (Method::DELETE, key_path(&kid), None),
        (Method::POST, approve_path(&kid), Some(json!({}))),
    ] {
        let resp = session_call(method, path, body).await.unwrap();
        expect_shape_a(resp, 401, "fresh_login_required", "Requires fresh login").await;
    }
    // Session callers add no token metadata to log entries.
    let modify = key_entries(&emu).pop().unwrap();
    assert_eq!(modify.kind, "service_key_modify");
    assert_eq!(
        sorted_keys(&modify.metadata),
        ["expiration_date", "kid", "name", "service"]
    );
}

// ------------------------------------------------------------------------------------------------
// PUT and DELETE /api/v1/superuser/keys/{kid}.

#[tokio::test]
async fn update_changes_expiration_then_name_and_metadata() {
    let (emu, token) = registry("").await;
    let first = emu.now_s() + DAY;
    let kid = create_kid(
        &emu,
        &token,
        json!({"service": "svc", "name": "orig", "expiration": first,
               "metadata": {"purpose": "test"}}),
    )
    .await;
    let path = key_path(&kid);
    let put = |body: Value| emu.json_call(Method::PUT, &path, Some(&token), Some(body));
    let log_count = || key_entries(&emu).len();
    assert_eq!(log_count(), 2);

    let resp = emu
        .call(
            Method::PUT,
            &key_path("nosuchkid"),
            Some(&token),
            Some(json!({"name": "x"})),
        )
        .await;
    expect_shape_a(resp, 404, "not_found", "Not Found").await;

    // Nothing to change: the key as it is, nothing logged.
    let (status, same) = put(json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(same, listed(&emu, &token).await[0]);
    assert_eq!(log_count(), 2);

    // Name and metadata: the name replaced, the metadata merged.
    let (status, key) =
        put(json!({"name": "renamed", "metadata": {"purpose": "changed", "extra": 1}})).await;
    assert_eq!(status, 200);
    assert_eq!(key["name"], "renamed");
    assert_eq!(
        key["metadata"],
        json!({"purpose": "changed", "extra": 1, "created_by": "Quay Superuser Panel",
               "creator": "admin", "ip": "127.0.0.1"})
    );
    let modify = key_entries(&emu).pop().unwrap();
    assert_eq!(modify.kind, "service_key_modify");
    assert_eq!(
        sorted_keys(&modify.metadata),
        with_token_keys(&["expiration_date", "kid", "name", "service"])
    );
    assert_eq!(modify.metadata["name"], "renamed");
    assert_eq!(modify.metadata["expiration_date"], first);
    assert_eq!(modify.metadata["service"], "svc");

    // Metadata alone keeps the name.
    let (_, key) = put(json!({"metadata": {"extra": 2}})).await;
    assert_eq!(key["name"], "renamed");
    assert_eq!(key["metadata"]["extra"], 2);
    assert_eq!(key_entries(&emu).pop().unwrap().metadata["name"], "renamed");

    // A new expiration: service_key_extend with the old and the new date.
    let second = emu.now_s() + 2 * DAY;
    let (status, key) = put(json!({"expiration": second})).await;
    assert_eq!(status, 200);
    assert_eq!(gmt_seconds(&key["expiration_date"]), second);
    let extend = key_entries(&emu).pop().unwrap();
    assert_eq!(extend.kind, "service_key_extend");
    assert_eq!(
        sorted_keys(&extend.metadata),
        with_token_keys(&[
            "expiration_date",
            "kid",
            "name",
            "old_expiration_date",
            "service"
        ])
    );
    assert_eq!(extend.metadata["old_expiration_date"], first);
    assert_eq!(extend.metadata["expiration_date"], second);
    assert_eq!(extend.metadata["name"], "renamed");

    // In the past: refused, nothing changes.
    let count = log_count();
    let resp = emu
        .call(
            Method::PUT,
            &key_path(&kid),
            Some(&token),
            Some(json!({"expiration": emu.now_s() - 5})),
        )
        .await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "Cannot have an expiration date in the past",
    )
    .await;
    let resp = emu
        .call(
            Method::PUT,
            &key_path(&kid),
            Some(&token),
            Some(json!({"expiration": 1e20})),
        )
        .await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "Invalid expiration date: timestamp out of range for platform time_t",
    )
    .await;
    assert_eq!(log_count(), count);

    // A bad name after a good expiration: the expiration change is kept (and logged).
    let third = emu.now_s() + 3 * DAY;
    let resp = emu
        .call(
            Method::PUT,
            &key_path(&kid),
            Some(&token),
            Some(json!({"expiration": third, "name": "bad name!"})),
        )
        .await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "Invalid service key friendly name: bad name!",
    )
    .await;
    let key = &listed(&emu, &token).await[0];
    assert_eq!(gmt_seconds(&key["expiration_date"]), third);
    assert_eq!(key["name"], "renamed");
    let entries = key_entries(&emu);
    assert_eq!(kinds(&entries[count..]), ["service_key_extend"]);
    // Quay logs the sent name in the extend entry, even the refused one.
    assert_eq!(entries[count].metadata["name"], "bad name!");

    // Both at once: extend, then modify with the same metadata object.
    let fourth = emu.now_s() + 4 * DAY;
    let (status, _) = put(json!({"expiration": fourth, "name": "both"})).await;
    assert_eq!(status, 200);
    let entries = key_entries(&emu);
    let last_two = &entries[entries.len() - 2..];
    assert_eq!(
        kinds(last_two),
        ["service_key_extend", "service_key_modify"]
    );
    assert_eq!(last_two[0].metadata, last_two[1].metadata);
    assert_eq!(last_two[1].metadata["expiration_date"], fourth);
    assert_eq!(last_two[1].metadata["old_expiration_date"], third);

    // Never expires.
    let (_, key) = put(json!({"expiration": null})).await;
    assert_eq!(key["expiration_date"], Value::Null);
    let extend = key_entries(&emu).pop().unwrap();
    assert_eq!(extend.metadata["expiration_date"], Value::Null);
    assert_eq!(extend.metadata["old_expiration_date"], fourth);

    // Schema errors.
    for (body, detail) in [
        (json!({"name": 5}), schema_error(NAME_NOT_STRING)),
        (json!({"metadata": "x"}), schema_error(METADATA_NOT_OBJECT)),
        (
            json!({"expiration": "tomorrow"}),
            schema_error(EXPIRATION_NOT_NUMBER),
        ),
    ] {
        let resp = emu
            .call(Method::PUT, &key_path(&kid), Some(&token), Some(body))
            .await;
        expect_shape_a(resp, 400, "invalid_request", &detail).await;
    }
}

#[tokio::test]
async fn delete_answers_204_and_logs_and_stale_keys_are_hidden() {
    let (emu, token) = registry("").await;
    let expiration = emu.now_s() + DAY;
    let kid = create_kid(
        &emu,
        &token,
        json!({"service": "svc", "name": "gone", "expiration": expiration}),
    )
    .await;
    let created = gmt_seconds(&listed(&emu, &token).await[0]["created_date"]);
    let resp = emu
        .call(Method::DELETE, &key_path(&kid), Some(&token), None)
        .await;
    assert_default_cors(resp.headers());
    expect_empty_html(resp, 204).await;
    let delete = key_entries(&emu).pop().unwrap();
    assert_eq!(delete.kind, "service_key_delete");
    assert_eq!(
        sorted_keys(&delete.metadata),
        with_token_keys(&["created_date", "expiration_date", "kid", "name", "service"])
    );
    assert_eq!(delete.metadata["created_date"], created);
    assert_eq!(delete.metadata["expiration_date"], expiration);
    assert_eq!(delete.metadata["name"], "gone");
    assert_eq!(delete.performer, Some(user_id(&emu, "admin")));
    for method in [Method::GET, Method::DELETE] {
        let resp = emu.call(method, &key_path(&kid), Some(&token), None).await;
        expect_shape_a(resp, 404, "not_found", "Not Found").await;
    }

    // Expired a day ago: still listed. Expired more than 7 days ago: hidden (GET/PUT 404), but
    // DELETE still finds it, as Quay's does.
    let recent = create_kid(&emu, &token, json!({"service": "old", "expiration": null})).await;
    let stale = create_kid(&emu, &token, json!({"service": "old2", "expiration": null})).await;
    emu.sql(&format!(
        "UPDATE service_keys SET expiration_date = {} WHERE kid = '{recent}';
         UPDATE service_keys SET expiration_date = {} WHERE kid = '{stale}';",
        emu.now_s() - DAY,
        emu.now_s() - 8 * DAY
    ));
    let kids: Vec<Value> = listed(&emu, &token)
        .await
        .iter()
        .map(|k| k["kid"].clone())
        .collect();
    assert_eq!(kids, [json!(recent)]);
    let resp = emu
        .call(Method::GET, &key_path(&stale), Some(&token), None)
        .await;
    expect_shape_a(resp, 404, "not_found", "Not Found").await;
    let resp = emu
        .call(
            Method::PUT,
            &key_path(&stale),
            Some(&token),
            Some(json!({"name": "x"})),
        )
        .await;
    expect_shape_a(resp, 404, "not_found", "Not Found").await;
    let resp = emu
        .call(Method::DELETE, &key_path(&stale), Some(&token), None)
        .await;
    expect_empty_html(resp, 204).await;
}

// ------------------------------------------------------------------------------------------------
// The key server and approval.

#[tokio::test]
async fn key_server_registers_a_pending_key_that_a_superuser_approves() {
    let (emu, token) = registry("").await;
    let svc = Service::new("pendingsvc");
    let expiration = NOW_S + 7 * DAY;
    let resp = put_server_key(
        &emu,
        &svc.name,
        &svc.kid,
        &format!("?expiration={expiration}"),
        Some(&svc.self_signed()),
        &svc.jwk,
    )
    .await;
    assert_no_cors(resp.headers());
    expect_empty_html(resp, 202).await;

    let keys = listed(&emu, &token).await;
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(key["kid"], svc.kid.as_str());
    assert_eq!(key["jwk"], svc.jwk);
    insta::assert_json_snapshot!("pending", key, {
        ".kid" => "[kid]", ".jwk.kid" => "[kid]", ".jwk.n" => "[n]",
        ".created_date" => insta::dynamic_redaction(now_date),
    });
    let create = key_entries(&emu).pop().unwrap();
    assert_eq!(create.kind, "service_key_create");
    assert_eq!(
        (create.account, create.performer),
        (Some(user_id(&emu, "admin")), None)
    );
    assert_eq!(create.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(
        create.metadata,
        json!({"kid": svc.kid, "preshared": false, "service": "pendingsvc", "name": "",
               "expiration_date": expiration, "user_agent": "keytest/1.0", "ip": "127.0.0.1"})
    );

    // Not served before approval; the same kid cannot be registered twice (409; Quay's 500 is in
    // DEVIATIONS.md).
    let resp = emu
        .client
        .get(emu.url(&server_path(&svc.name, &svc.kid)))
        .send()
        .await
        .unwrap();
    expect_page(resp, 409, "pending").await;
    let resp = put_server_key(
        &emu,
        &svc.name,
        &svc.kid,
        "",
        Some(&svc.self_signed()),
        &svc.jwk,
    )
    .await;
    expect_page(resp, 409, "kid taken").await;

    // Approval: 201, empty; approver, notes and date recorded; logged once.
    let resp = emu
        .call(
            Method::POST,
            &approve_path(&svc.kid),
            Some(&token),
            Some(json!({"notes": "checked the host"})),
        )
        .await;
    assert_default_cors(resp.headers());
    expect_empty_html(resp, 201).await;
    let (status, key) = emu.get_json(&key_path(&svc.kid), &token).await;
    assert_eq!(status, 200);
    let approval = &key["approval"];
    assert_eq!(
        approval["approval_type"],
        "ServiceKeyApprovalType.SUPERUSER"
    );
    assert_eq!(approval["notes"], "checked the host");
    assert_eq!(approval["approver"]["username"], "admin");
    assert!((gmt_seconds(&approval["approved_date"]) - emu.now_s()).abs() < 60);
    let approve = key_entries(&emu).pop().unwrap();
    assert_eq!(approve.kind, "service_key_approve");
    assert_eq!(approve.performer, Some(user_id(&emu, "admin")));
    assert_eq!(
        sorted_keys(&approve.metadata),
        with_token_keys(&["expiration_date", "kid", "name", "service"])
    );
    assert_eq!(approve.metadata["expiration_date"], expiration);
    let count = key_entries(&emu).len();
    let resp = emu
        .call(
            Method::POST,
            &approve_path(&svc.kid),
            Some(&token),
            Some(json!({"notes": "again"})),
        )
        .await;
    expect_empty_html(resp, 201).await;
    assert_eq!(key_entries(&emu).len(), count);
    let (_, key) = emu.get_json(&key_path(&svc.kid), &token).await;
    assert_eq!(key["approval"]["notes"], "checked the host");

    // Approving needs a JSON body and an existing key.
    let resp = emu
        .client
        .post(emu.url(&approve_path(&svc.kid)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 415);
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"message": "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."})
    );
    let resp = emu
        .call(
            Method::POST,
            &approve_path("nosuchkid"),
            Some(&token),
            Some(json!({})),
        )
        .await;
    expect_shape_a(resp, 404, "not_found", "Not Found").await;

    // Now the key server serves it.
    let resp = emu
        .client
        .get(emu.url(&server_path("anyservice", &svc.kid)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_eq!(resp.headers()["cache-control"], "max-age=86400");
    assert_no_cors(resp.headers());
    assert_eq!(resp.json::<Value>().await.unwrap(), svc.jwk);
    let resp = emu
        .client
        .get(emu.url("/keys/services/pendingsvc/keys"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"keys": [svc.jwk]})
    );
}

#[tokio::test]
async fn key_server_refuses_bad_requests_with_html_pages() {
    let (emu, token) = registry("").await;
    let svc = Service::new("svc");
    let other = Service::new("svc");
    let ok_jwt = svc.self_signed();
    let mut cases: Vec<(&str, String, Option<String>, Value, u16)> = Vec::new();
    let with = |patch: Value| {
        let mut claims = svc.claims();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                claims.as_object_mut().unwrap().remove(k);
            } else {
                claims[k] = v.clone();
            }
        }
        svc.sign(&svc.header(), &claims)
    };
    let t = emu.now_s();
    for (what, jwt) in [
        ("wrong audience", with(json!({"aud": "http://elsewhere"}))),
        (
            "audience list without ours",
            with(json!({"aud": ["a", "b"]})),
        ),
        ("wrong issuer", with(json!({"iss": "other"}))),
        ("expired", with(json!({"exp": t - 1}))),
        ("not yet valid", with(json!({"nbf": t + 60}))),
        ("issued in the future", with(json!({"iat": t + 60}))),
        ("no exp", with(json!({"exp": null}))),
        ("no nbf", with(json!({"nbf": null}))),
        ("no iat", with(json!({"iat": null}))),
        (
            "signed by another key",
            other.sign(&svc.header(), &svc.claims()),
        ),
        (
            "HS256",
            svc.sign(
                &json!({"alg": "HS256", "kid": svc.kid, "typ": "JWT"}),
                &svc.claims(),
            ),
        ),
        (
            "two segments",
            ok_jwt.rsplit_once('.').unwrap().0.to_string(),
        ),
        (
            "garbage header",
            format!("abc.{}", ok_jwt.split_once('.').unwrap().1),
        ),
        ("tampered", format!("{}x", ok_jwt)),
    ] {
        cases.push((what, String::new(), Some(jwt), svc.jwk.clone(), 400));
    }
    cases.push(("no bearer", String::new(), None, svc.jwk.clone(), 400));
    cases.push((
        "one segment",
        String::new(),
        Some("abc".into()),
        svc.jwk.clone(),
        400,
    ));
    cases.push((
        "jwk without n",
        String::new(),
        Some(ok_jwt.clone()),
        json!({"kty": "RSA", "e": "AQAB"}),
        400,
    ));
    cases.push((
        "oct jwk",
        String::new(),
        Some(ok_jwt.clone()),
        json!({"kty": "oct", "k": "abc"}),
        400,
    ));
    cases.push((
        "jwk not an object",
        String::new(),
        Some(ok_jwt.clone()),
        json!(["kty"]),
        400,
    ));
    cases.push((
        "jwk of another key",
        String::new(),
        Some(ok_jwt.clone()),
        other.jwk.clone(),
        400,
    ));
    cases.push((
        "bad expiration",
        "?expiration=abc".into(),
        Some(ok_jwt.clone()),
        svc.jwk.clone(),
        400,
    ));
    cases.push((
        "year 10000",
        "?expiration=253402300800".into(),
        Some(ok_jwt.clone()),
        svc.jwk.clone(),
        400,
    ));
    cases.push((
        "overflow",
        "?expiration=1e20".into(),
        Some(ok_jwt.clone()),
        svc.jwk.clone(),
        400,
    ));
    cases.push((
        "bad rotation",
        "?rotation=abc".into(),
        Some(ok_jwt.clone()),
        svc.jwk.clone(),
        400,
    ));
    // Signed by a kid that is no approved key of the service: a rotation that is refused.
    let rotation = svc.sign(
        &json!({"alg": "RS256", "kid": "unknownsigner", "typ": "JWT"}),
        &svc.claims(),
    );
    cases.push((
        "unknown signer",
        String::new(),
        Some(rotation),
        svc.jwk.clone(),
        403,
    ));
    for (what, query, jwt, jwk, status) in &cases {
        let resp = put_server_key(&emu, "svc", &svc.kid, query, jwt.as_deref(), jwk).await;
        expect_page(resp, *status, what).await;
    }
    // Not JSON.
    let resp = emu
        .client
        .put(emu.url(&server_path("svc", &svc.kid)))
        .header("authorization", format!("Bearer {ok_jwt}"))
        .body(svc.jwk.to_string())
        .send()
        .await
        .unwrap();
    expect_page(resp, 415, "not JSON").await;
    let resp = emu
        .client
        .put(emu.url(&server_path("svc", &svc.kid)))
        .header("authorization", format!("Bearer {ok_jwt}"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    expect_page(resp, 400, "malformed JSON").await;
    // A service name Quay's model refuses (checked after the JWT): `{"message":""}`, no CORS.
    let bad = Service::new("Bad-Service");
    let resp = put_server_key(
        &emu,
        "Bad-Service",
        &bad.kid,
        "",
        Some(&bad.self_signed()),
        &bad.jwk,
    )
    .await;
    assert_eq!(resp.status(), 400);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_no_cors(resp.headers());
    assert_eq!(resp.text().await.unwrap(), r#"{"message":""}"#);
    // Wrong method: Werkzeug's 405 with the route's methods.
    let resp = emu
        .client
        .post(emu.url(&server_path("svc", &svc.kid)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["allow"], "OPTIONS, HEAD, DELETE, GET, PUT");
    expect_page(resp, 405, "POST").await;
    let resp = emu
        .client
        .request(Method::OPTIONS, emu.url("/keys/services/svc/keys"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["allow"], "OPTIONS, HEAD, GET");
    assert_no_cors(resp.headers());
    // Unknown key.
    let resp = emu
        .client
        .get(emu.url(&server_path("svc", "nosuchkid")))
        .send()
        .await
        .unwrap();
    expect_page(resp, 404, "unknown kid").await;

    assert!(listed(&emu, &token).await.is_empty());
    assert!(key_entries(&emu).is_empty());
    // Accepted: a JWT without kid is self-signed too; `aud` may be a list; past expirations and
    // integer rotations are stored as given.
    let claims = json!({"iss": "svc", "aud": ["x", AUDIENCE], "iat": t, "nbf": t, "exp": t + 60});
    let jwt = svc.sign(&json!({"alg": "RS256", "typ": "JWT"}), &claims);
    let resp = put_server_key(
        &emu,
        "svc",
        &svc.kid,
        &format!("?expiration={}&rotation=3600", t - 60),
        Some(&jwt),
        &svc.jwk,
    )
    .await;
    expect_empty_html(resp, 202).await;
    let key = &listed(&emu, &token).await[0];
    assert_eq!(key["rotation_duration"], 3600);
    assert_eq!(gmt_seconds(&key["expiration_date"]), t - 60);
    // Expired: the key server refuses to serve it once approved.
    let resp = emu
        .call(
            Method::POST,
            &approve_path(&svc.kid),
            Some(&token),
            Some(json!({})),
        )
        .await;
    expect_empty_html(resp, 201).await;
    let resp = emu
        .client
        .get(emu.url(&server_path("svc", &svc.kid)))
        .send()
        .await
        .unwrap();
    expect_page(resp, 403, "expired").await;
}

#[tokio::test]
async fn key_server_rotates_and_deletes_keys() {
    let (emu, token) = registry("").await;
    let first = Service::new("rotating");
    register(&emu, &first, "?rotation=600").await;
    // A rotation signed by a key that is not approved yet: 403.
    let second = Service::new("rotating");
    let signed_by_first = first.sign(&first.header(), &first.claims());
    let resp = put_server_key(
        &emu,
        "rotating",
        &second.kid,
        "",
        Some(&signed_by_first),
        &second.jwk,
    )
    .await;
    expect_page(resp, 403, "unapproved signer").await;
    let resp = emu
        .call(
            Method::POST,
            &approve_path(&first.kid),
            Some(&token),
            Some(json!({"notes": "ok"})),
        )
        .await;
    expect_empty_html(resp, 201).await;
    emu.sql(&format!(
        "UPDATE service_keys SET name = 'rotated name' WHERE kid = '{}'",
        first.kid
    ));

    // Signed by the approved key: the new key replaces it (200), keeping name, approval and
    // rotation duration.
    let expiration = emu.now_s() + DAY;
    let resp = put_server_key(
        &emu,
        "rotating",
        &second.kid,
        &format!("?expiration={expiration}"),
        Some(&signed_by_first),
        &second.jwk,
    )
    .await;
    assert_no_cors(resp.headers());
    expect_empty_html(resp, 200).await;
    let keys = listed(&emu, &token).await;
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(key["kid"], second.kid.as_str());
    assert_eq!(key["jwk"], second.jwk);
    assert_eq!(key["name"], "rotated name");
    assert_eq!(key["rotation_duration"], 600);
    assert_eq!(key["approval"]["notes"], "ok");
    assert_eq!(
        key["metadata"],
        json!({"ip": "127.0.0.1", "created_by": "Key Rotation"})
    );
    let rotate = key_entries(&emu).pop().unwrap();
    assert_eq!(rotate.kind, "service_key_rotate");
    assert_eq!(rotate.performer, None);
    assert_eq!(
        rotate.metadata,
        json!({"kid": second.kid, "signer_kid": first.kid, "service": "rotating",
               "name": "rotated name", "expiration_date": expiration,
               "user_agent": "keytest/1.0", "ip": "127.0.0.1"})
    );

    // Deleting: the JWT's kid names the signer, which must be the key itself or approved.
    let delete = |jwt: String, kid: String| {
        emu.client
            .delete(emu.url(&server_path("rotating", &kid)))
            .header("authorization", format!("Bearer {jwt}"))
            .send()
    };
    let no_kid = second.sign(&json!({"alg": "RS256", "typ": "JWT"}), &second.claims());
    expect_page(
        delete(no_kid, second.kid.clone()).await.unwrap(),
        400,
        "no kid",
    )
    .await;
    let resp = delete(
        second.sign(&second.header(), &second.claims()),
        second.kid.clone(),
    )
    .await
    .unwrap();
    assert_no_cors(resp.headers());
    expect_empty_html(resp, 204).await;
    assert!(listed(&emu, &token).await.is_empty());
    let entry = key_entries(&emu).pop().unwrap();
    assert_eq!(entry.kind, "service_key_delete");
    assert_eq!(
        entry.metadata,
        json!({"kid": second.kid, "signer_kid": second.kid, "service": "rotating",
               "name": "rotated name", "user_agent": null, "ip": "127.0.0.1"})
    );
}

// ------------------------------------------------------------------------------------------------
// Stale keys and the library helpers.

#[tokio::test]
async fn stale_pending_keys_are_purged_when_the_service_registers_again() {
    let (emu, token) = registry("").await;
    let old = Service::new("purged");
    register(&emu, &old, "").await;
    let kept = Service::new("otherservice");
    register(&emu, &kept, "").await;
    emu.sql("UPDATE service_keys SET created_date = created_date - 2 * 86400");
    // Listed until the service registers a key again (Quay purges at creation and deletion).
    assert_eq!(listed(&emu, &token).await.len(), 2);
    let new = Service::new("purged");
    register(&emu, &new, "").await;
    let kids: Vec<Value> = listed(&emu, &token)
        .await
        .iter()
        .map(|k| k["kid"].clone())
        .collect();
    assert_eq!(kids, [json!(kept.kid), json!(new.kid)]);
}

#[tokio::test]
async fn library_helpers_make_approved_pending_and_expired_keys() {
    let (emu, token) = registry("").await;
    let db = emu.db_path();
    let approved = seed::create_service_key(
        &db,
        "admin",
        "libsvc",
        "library key",
        Some(emu.now_s() + DAY),
        "seeded",
    )
    .unwrap();
    let expired =
        seed::create_service_key(&db, "admin", "libsvc", "", Some(emu.now_s() - DAY), "").unwrap();
    let pending = seed::register_pending_service_key(&db, "libsvc", None).unwrap();
    for key in [&approved, &expired, &pending] {
        let n = key.jwk["n"].as_str().unwrap();
        assert_eq!(key.kid, thumbprint(n, "AQAB"));
        let private = RsaPrivateKey::from_pkcs1_pem(&key.private_pem).unwrap();
        assert_eq!(b64(&private.n().to_bytes_be()), n);
    }
    let keys = listed(&emu, &token).await;
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0]["approval"]["notes"], "seeded");
    assert_eq!(keys[0]["name"], "library key");
    assert_eq!(keys[0]["jwk"], approved.jwk);
    assert!(gmt_seconds(&keys[1]["expiration_date"]) < emu.now_s());
    assert_eq!(keys[2]["approval"], Value::Null);
    assert_eq!(keys[2]["metadata"], json!({"ip": null}));
    assert_eq!(keys[2]["jwk"], pending.jwk);
    assert_eq!(
        kinds(&key_entries(&emu)),
        [
            "service_key_create",
            "service_key_approve",
            "service_key_create",
            "service_key_approve",
            "service_key_create"
        ]
    );
    assert!(seed::approve_service_key(&db, &pending.kid, "admin", "lib").unwrap());
    assert!(!seed::approve_service_key(&db, &pending.kid, "admin", "x").unwrap());
    let (_, key) = emu.get_json(&key_path(&pending.kid), &token).await;
    assert_eq!(key["approval"]["notes"], "lib");
    assert_eq!(key["approval"]["approver"]["username"], "admin");
    // The generated private key signs JWTs the key server accepts for rotation.
    let private = RsaPrivateKey::from_pkcs1_pem(&pending.private_pem).unwrap();
    let signer = Service {
        name: "libsvc".into(),
        kid: pending.kid.clone(),
        jwk: pending.jwk.clone(),
        key: private,
    };
    let next = Service::new("libsvc");
    let resp = put_server_key(
        &emu,
        "libsvc",
        &next.kid,
        "",
        Some(&signer.self_signed()),
        &next.jwk,
    )
    .await;
    expect_empty_html(resp, 200).await;
}

#[tokio::test]
async fn discovery_documents_the_key_routes() {
    let (emu, _token) = registry("").await;
    let resp = emu
        .client
        .get(emu.url("/api/v1/discovery"))
        .send()
        .await
        .unwrap();
    let doc: Value = resp.json().await.unwrap();
    assert!(doc["definitions"]["ApproveServiceKey"].is_object());
    insta::assert_json_snapshot!(
        "discovery",
        json!({
            "/api/v1/superuser/keys/{kid}": doc["paths"]["/api/v1/superuser/keys/{kid}"],
            "CreateServiceKey": doc["definitions"]["CreateServiceKey"],
        })
    );
}
