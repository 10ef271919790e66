//! Shared helpers: an in-process emulator on a free port with its own temporary database.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use quay_emulator::testing::storage::{self, Storage};
use quay_emulator::testing::{crypto, outbox, seed};
use quay_emulator::{start, Clock, Config, EmulatorOptions, RunningEmulator};
use reqwest::header::HeaderMap;
use serde_json::Value;

/// The tests' Quay `config.yaml` (superuser `admin`, database authentication, quotas, mailing
/// off, `SERVER_HOSTNAME` `localhost:8080`, CORS `*`); `config_with` adds to it.
pub const REFERENCE_YAML: &str = "SUPER_USERS: [admin]\nFEATURE_SUPER_USERS: true\n\
     FEATURE_USER_INITIALIZE: true\nAUTHENTICATION_TYPE: Database\nFEATURE_QUOTA_MANAGEMENT: true\n\
     FEATURE_EDIT_QUOTA: true\nFEATURE_MAILING: false\nSERVER_HOSTNAME: localhost:8080\n\
     PREFERRED_URL_SCHEME: http\nCORS_ORIGIN: '*'\nBROWSER_API_CALLS_XHR_ONLY: true\n";

pub const CHROME_UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
pub const HEADLESS_UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";

/// "Now" for every test emulator when it starts: 2026-11-25 12:00:00 UTC, whatever the day the
/// tests run (its clock then runs on, so time still passes within a test).
pub const NOW_S: i64 = 1_795_608_000;

/// A clock reading [`NOW_S`] now.
pub fn test_clock() -> Clock {
    Clock::pinned_unix(NOW_S)
}

/// Options for an emulator on `db` whose clock is pinned (see [`NOW_S`]).
pub fn test_options(db: impl Into<std::path::PathBuf>) -> EmulatorOptions {
    EmulatorOptions::new(db).clock(test_clock())
}

/// The database at `db`, its dates read from a pinned clock (see [`NOW_S`]).
pub fn test_storage(db: &std::path::Path) -> Storage {
    Storage::open_with_clock(db, test_clock()).expect("db")
}

pub fn reference_config() -> Config {
    Config::from_yaml_str(REFERENCE_YAML).expect("reference config")
}

pub fn config_with(extra_yaml: &str) -> Config {
    Config::from_yaml_str(&format!("{REFERENCE_YAML}{extra_yaml}")).expect("config")
}

pub struct Emu {
    pub running: RunningEmulator,
    pub dir: tempfile::TempDir,
    pub client: reqwest::Client,
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub async fn emulator() -> Emu {
    emulator_with(reference_config()).await
}

pub async fn emulator_with(config: Config) -> Emu {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = test_options(dir.path().join("registry.db")).config(config);
    let running = start(opts).await.expect("emulator starts");
    Emu {
        running,
        dir,
        client: client(),
    }
}

impl Emu {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.base_url())
    }

    /// The emulator's "now" in Unix seconds.
    pub fn now_s(&self) -> i64 {
        self.running.clock().unix_s()
    }

    /// The emulator's "now" in Unix microseconds.
    pub fn now_us(&self) -> i64 {
        self.running.clock().unix_us()
    }

    pub fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("registry.db")
    }

    pub async fn initialize(&self, body: Value) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/user/initialize"))
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    /// Initializes `username` with a token and returns the token.
    pub async fn admin_token(&self, username: &str) -> String {
        let resp = self
            .initialize(serde_json::json!({
                "username": username, "password": "password1",
                "email": format!("{username}@example.com"), "access_token": true
            }))
            .await;
        assert_eq!(resp.status(), 200);
        let body: Value = resp.json().await.expect("json");
        body["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    pub async fn get_user(&self, token: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(self.url("/api/v1/user/"));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    /// Adds a token with the given scope for an existing user, straight into the database.
    pub fn insert_token(&self, username: &str, scope: &str, expires_at: i64) -> String {
        let token = crypto::random_upper_alnum(40);
        let conn = rusqlite::Connection::open(self.db_path()).expect("db");
        conn.execute(
            "INSERT INTO oauth_applications (client_id, client_secret, redirect_uri, \
             application_uri, organization_id, name, description) \
             SELECT ?1, 'S', '', '', id, 'testapp', '' FROM users WHERE username = ?2",
            rusqlite::params![crypto::random_upper_alnum(20), username],
        )
        .expect("app");
        let app_id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO oauth_access_tokens (uuid, application_id, authorized_user_id, scope, \
             token_hash, created_at, expires_at) \
             SELECT ?1, ?2, id, ?3, ?4, 0, ?5 FROM users WHERE username = ?6",
            rusqlite::params![
                uuid_like(),
                app_id,
                scope,
                crypto::sha256_hex(&token),
                expires_at,
                username
            ],
        )
        .expect("token");
        token
    }

    pub fn sql(&self, statement: &str) {
        let conn = rusqlite::Connection::open(self.db_path()).expect("db");
        conn.execute_batch(statement).expect("sql");
    }
}

fn uuid_like() -> String {
    crypto::random_upper_alnum(32)
}

/// An hour after the pinned "now".
pub fn far_future() -> i64 {
    NOW_S + 3600
}

/// No `Access-Control-*` header at all.
pub fn assert_no_cors(headers: &HeaderMap) {
    let cors: Vec<_> = headers
        .keys()
        .filter(|k| k.as_str().starts_with("access-control-"))
        .collect();
    assert!(cors.is_empty(), "unexpected CORS headers: {cors:?}");
}

/// Exactly the default API CORS set (Quay's `crossorigin` with `CORS_ORIGIN` `*`).
pub fn assert_default_cors(headers: &HeaderMap) {
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert_eq!(
        headers["access-control-allow-methods"],
        "DELETE, GET, HEAD, OPTIONS, POST, PUT"
    );
    assert_eq!(headers["access-control-max-age"], "21600");
    assert_eq!(
        headers["access-control-allow-headers"],
        "AUTHORIZATION, CONTENT-TYPE, X-REQUESTED-WITH"
    );
    assert!(headers.get("access-control-allow-credentials").is_none());
    assert!(headers.get("access-control-expose-headers").is_none());
}

pub fn content_type(headers: &HeaderMap) -> String {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// A raw HTTP/1.1 request (for paths a URL library would normalise); returns status line, head
/// and body.
pub fn raw_get(addr: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("head end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, head, raw[split + 4..].to_vec())
}

/// The `name=value` part of a `Set-Cookie` header.
pub fn cookie_of(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

impl Emu {
    /// A user who can sign in with `password` (through the library, as browser tests do).
    pub fn seed_user(&self, username: &str, password: &str) {
        seed::create_user(
            &self.db_path(),
            username,
            password,
            &format!("{username}@example.com"),
        )
        .expect("seed user");
    }

    /// An anonymous session: (cookie, csrf token).
    pub async fn session(&self) -> (String, String) {
        let resp = self
            .client
            .get(self.url("/csrf_token"))
            .send()
            .await
            .expect("csrf_token");
        assert_eq!(resp.status(), 200);
        let cookie = cookie_of(&resp).expect("session cookie");
        let body: Value = resp.json().await.expect("json");
        (
            cookie,
            body["csrf_token"].as_str().expect("token").to_string(),
        )
    }

    pub async fn signin_raw(
        &self,
        cookie: &str,
        csrf: Option<&str>,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        let mut req = self
            .client
            .post(self.url("/api/v1/signin"))
            .header("cookie", cookie)
            .json(&serde_json::json!({"username": username, "password": password}));
        if let Some(c) = csrf {
            req = req.header("x-csrf-token", c);
        }
        req.send().await.expect("signin")
    }

    /// Signs in through a fresh session; returns the signed-in (cookie, csrf token).
    pub async fn signed_in(&self, username: &str, password: &str) -> (String, String) {
        let (cookie, csrf) = self.session().await;
        let resp = self
            .signin_raw(&cookie, Some(&csrf), username, password)
            .await;
        assert_eq!(resp.status(), 200, "signin of {username}");
        let next = resp.headers()["x-next-csrf-token"]
            .to_str()
            .unwrap()
            .to_string();
        (cookie_of(&resp).expect("new cookie"), next)
    }

    /// Usage-log entries, newest first.
    pub fn logs(&self) -> Vec<storage::LogEntryRecord> {
        let storage = test_storage(&self.db_path());
        storage.log_entries(0, i64::MAX, 1000).expect("logs")
    }

    /// Parses a shape C body (`text/html` JSON).
    pub async fn shape_c(resp: reqwest::Response) -> Value {
        serde_json::from_str(&resp.text().await.expect("body")).expect("json body")
    }
}

/// Superuser-panel calls: JSON bodies, bearer tokens, parsed answers.
impl Emu {
    /// Any API call with an optional bearer token and JSON body.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    /// Status and JSON body (`null` for an empty body) of a call.
    pub async fn json_call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let resp = self.call(method, path, token, body).await;
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    pub async fn get_json(&self, path: &str, token: &str) -> (u16, Value) {
        self.json_call(reqwest::Method::GET, path, Some(token), None)
            .await
    }

    /// The library's view of the database (a second connection; SQLite WAL allows it).
    pub fn storage(&self) -> storage::Storage {
        test_storage(&self.db_path())
    }

    /// `n` enabled, verified users `<prefix>00000…` straight into the database, in one
    /// transaction (no password hashing): for listings of thousands of users.
    pub fn bulk_users(&self, prefix: &str, n: usize) {
        let mut conn = rusqlite::Connection::open(self.db_path()).expect("db");
        let tx = conn.transaction().expect("tx");
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO users (uuid, username, email, password_hash, verified, \
                     removed_tag_expiration_s, creation_date) VALUES (?1, ?2, ?3, NULL, 1, \
                     1209600, 0)",
                )
                .expect("prepare");
            for i in 0..n {
                let name = format!("{prefix}{i:05}");
                stmt.execute(rusqlite::params![
                    format!("{prefix}-uuid-{i}"),
                    name,
                    format!("{name}@example.com")
                ])
                .expect("insert");
            }
        }
        tx.commit().expect("commit");
    }

    /// Usage-log entries of one kind, oldest first.
    pub fn logs_of(&self, kind: &str) -> Vec<storage::LogEntryRecord> {
        let mut logs: Vec<_> = self.logs().into_iter().filter(|l| l.kind == kind).collect();
        logs.reverse();
        logs
    }

    /// The local outbox, oldest first.
    pub fn outbox(&self) -> Vec<outbox::OutboxMessage> {
        outbox::list(&self.db_path()).expect("outbox")
    }
}

/// A shape A error (README.md, "Error shapes") with the default CORS headers; returns the body.
pub async fn expect_shape_a(
    resp: reqwest::Response,
    status: u16,
    error_type: &str,
    detail: &str,
) -> Value {
    assert_eq!(resp.status().as_u16(), status, "status");
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["error_type"], error_type, "{body}");
    assert_eq!(body["title"], error_type, "{body}");
    assert_eq!(body["detail"], detail, "{body}");
    assert_eq!(body["error_message"], detail, "{body}");
    assert_eq!(body["status"], status, "{body}");
    body
}

/// A shape B2 model error (README.md, "Error shapes"): 400, `{"message": …}`, no CORS headers.
pub async fn expect_model_error(resp: reqwest::Response, message: &str) {
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_no_cors(resp.headers());
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body, serde_json::json!({ "message": message }));
}

/// Keys of a JSON object, sorted.
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

/// Gunicorn's page for an exception Quay does not handle (Quay propagates exceptions out of
/// Flask; gunicorn 23's `write_error`).
pub const QUAY_500_HTML: &str = "<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n";

/// Quay's crash: 500, gunicorn's page as `text/html` (no charset), no CORS headers, no cookie.
pub async fn expect_quay_500(resp: reqwest::Response) {
    assert_eq!(resp.status().as_u16(), 500, "status");
    assert_eq!(content_type(resp.headers()), "text/html");
    assert_no_cors(resp.headers());
    assert!(resp.headers().get("set-cookie").is_none());
    assert_eq!(resp.text().await.expect("body"), QUAY_500_HTML);
}

/// For `insta::dynamic_redaction`: a date (`Wed, 25 Nov 2026 12:00:03 GMT`, or `… -0000`) the
/// emulator took from its clock during the test, which runs on from [`NOW_S`]: checked to lie in
/// the ten minutes after it, shown as `[now]`.
pub fn now_date(
    value: insta::internals::Content,
    path: insta::internals::ContentPath<'_>,
) -> &'static str {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{path}: a date, not {value:?}"));
    let gmt = text.replace(" -0000", " GMT");
    assert!(gmt.ends_with(" GMT"), "{path}: {text}");
    let at = httpdate::parse_http_date(&gmt).unwrap_or_else(|_| panic!("{path}: {text}"));
    let s = at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!(
        (NOW_S..NOW_S + 600).contains(&s),
        "{path}: {text} is not the test's now"
    );
    "[now]"
}
