//! Registry size (Quay's `SuperUserRegistrySize`, `QuotaRegistrySizeWorker`) over HTTP: the
//! endpoint's answers and access rules, and the background worker that runs queued calculations
//! (queued → running → done), also across restarts.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;
use quay_emulator::{start, Config, RegistrySizeWorkerOptions, RunningEmulator};
use reqwest::Method;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

const PATH: &str = "/api/v1/superuser/registrysize/";

fn worker(poll_ms: u64, batch_size: u32, pause_ms: u64) -> RegistrySizeWorkerOptions {
    RegistrySizeWorkerOptions {
        enabled: true,
        poll_interval: Duration::from_millis(poll_ms),
        batch_size,
        batch_pause: Duration::from_millis(pause_ms),
    }
}

/// Picks a job up at once and runs one blob per batch with a pause that a poller sees.
fn fast() -> RegistrySizeWorkerOptions {
    worker(20, 1, 60)
}

async fn start_on(db: &Path, config: Config, worker: RegistrySizeWorkerOptions) -> RunningEmulator {
    let opts = test_options(db).config(config).registry_size_worker(worker);
    start(opts).await.expect("emulator starts")
}

async fn emu_with(config: Config, worker: RegistrySizeWorkerOptions) -> Emu {
    let dir = tempfile::tempdir().expect("tempdir");
    let running = start_on(&dir.path().join("registry.db"), config, worker).await;
    Emu {
        running,
        dir,
        client: client(),
    }
}

/// Stops the emulator and starts a new one on the same database file.
async fn restart(emu: Emu, worker: RegistrySizeWorkerOptions) -> Emu {
    let Emu {
        running,
        dir,
        client,
    } = emu;
    running.shutdown().await;
    let running = start_on(&dir.path().join("registry.db"), reference_config(), worker).await;
    Emu {
        running,
        dir,
        client,
    }
}

async fn size(emu: &Emu, token: &str) -> Value {
    let (status, body) = emu.get_json(PATH, token).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn queue(emu: &Emu, token: &str) -> u16 {
    let resp = emu.call(Method::POST, PATH, Some(token), None).await;
    let status = resp.status().as_u16();
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    assert_eq!(resp.text().await.unwrap(), "\"\"\n", "a JSON empty string");
    status
}

fn is_done(v: &Value) -> bool {
    v["queued"] == json!(false) && v["running"] == json!(false) && !v["last_ran"].is_null()
}

/// Polls GET until `pred` holds (10 s at most); every distinct state seen, in order.
async fn poll_until(emu: &Emu, token: &str, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen: Vec<Value> = Vec::new();
    loop {
        let body = size(emu, token).await;
        if seen.last() != Some(&body) {
            seen.push(body.clone());
        }
        if pred(&body) {
            return seen;
        }
        assert!(
            Instant::now() < deadline,
            "timed out; states seen: {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// The stored row, read through a second connection.
fn row(emu: &Emu) -> (bool, bool) {
    let conn = Connection::open(emu.db_path()).unwrap();
    conn.query_row("SELECT queued, running FROM registry_size", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
}

/// Namespaces, repositories and blobs written straight into the database.
struct Registry(Connection);

impl Registry {
    fn open(emu: &Emu) -> Registry {
        Registry(Connection::open(emu.db_path()).unwrap())
    }

    fn namespace(&self, name: &str, organization: bool) -> i64 {
        self.0
            .execute(
                "INSERT INTO users (uuid, username, email, organization, removed_tag_expiration_s, \
                 creation_date) VALUES (?1, ?1, ?2, ?3, 1209600, 0)",
                params![name, format!("{name}@example.com"), organization],
            )
            .unwrap();
        self.0.last_insert_rowid()
    }

    fn repository(&self, namespace: i64, name: &str) -> i64 {
        self.0
            .execute(
                "INSERT INTO repositories (namespace_id, name, visibility, badge_token) \
                 VALUES (?1, ?2, 'private', ?2)",
                params![namespace, name],
            )
            .unwrap();
        self.0.last_insert_rowid()
    }

    /// A blob with digest `sha256:<n as 64 hex digits>`.
    fn blob(&self, n: u64, size: i64, uploading: bool) -> i64 {
        self.0
            .execute(
                "INSERT INTO blobs (uuid, content_checksum, image_size, uploading) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    format!("blob-{n}"),
                    format!("sha256:{n:064x}"),
                    size,
                    uploading
                ],
            )
            .unwrap();
        self.0.last_insert_rowid()
    }

    fn link(&self, repository: i64, blobs: &[i64]) {
        for blob in blobs {
            self.0
                .execute(
                    "INSERT INTO repository_blobs (repository_id, blob_id) VALUES (?1, ?2)",
                    params![repository, blob],
                )
                .unwrap();
        }
    }
}

/// Base layers shared by repositories of three namespaces, a mirror holding another namespace's
/// blobs, a blob no repository references and one still uploading. Returns the registry size:
/// every stored blob once (Quay sums all of `ImageStorage`).
fn seed_registry(emu: &Emu) -> i64 {
    let r = Registry::open(emu);
    let alice = r.namespace("alice", false);
    let acme = r.namespace("acme", true);
    let bob = r.namespace("bob", false);
    let base1 = r.blob(1, 1_000_000_000, false);
    let base2 = r.blob(2, 2_500_000, false);
    let app = r.blob(3, 12_345, false);
    let api = r.blob(4, 777, false);
    let orphan = r.blob(5, 5, false);
    let uploading = r.blob(6, 100, true);
    let _ = (orphan, uploading);
    let alice_app = r.repository(alice, "app");
    let alice_web = r.repository(alice, "web");
    let acme_api = r.repository(acme, "api");
    let bob_mirror = r.repository(bob, "mirror");
    r.link(alice_app, &[base1, base2, app]);
    r.link(alice_web, &[base2]);
    r.link(acme_api, &[base1, api]);
    r.link(bob_mirror, &[base1, api]);
    1_000_000_000 + 2_500_000 + 12_345 + 777 + 5 + 100
}

#[tokio::test]
async fn get_before_any_calculation_routing_and_discovery() {
    let emu = emu_with(reference_config(), RegistrySizeWorkerOptions::default()).await;
    let token = emu.admin_token("admin").await;
    let resp = emu.call(Method::GET, PATH, Some(&token), None).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        json!({"size_bytes": 0, "last_ran": null, "running": false, "queued": false})
    );
    assert!(body["size_bytes"].is_i64());
    assert!(body["running"].is_boolean() && body["queued"].is_boolean());

    // Strict slash: GET and POST without it are redirected (method kept, no CORS).
    for method in [Method::GET, Method::POST] {
        let resp = emu
            .call(
                method.clone(),
                "/api/v1/superuser/registrysize",
                Some(&token),
                None,
            )
            .await;
        assert_eq!(resp.status(), 308, "{method}");
        assert_eq!(
            resp.headers()["location"],
            emu.url("/api/v1/superuser/registrysize/").as_str()
        );
        assert_no_cors(resp.headers());
    }
    let resp = emu.call(Method::OPTIONS, PATH, None, None).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["allow"], "OPTIONS, HEAD, POST, GET");
    let resp = emu.call(Method::DELETE, PATH, Some(&token), None).await;
    assert_eq!(resp.status(), 405);

    // Internal: not in discovery.
    let (status, doc) = emu.get_json("/api/v1/discovery", &token).await;
    assert_eq!(status, 200);
    assert!(doc["paths"].get(PATH).is_none());
    assert!(!doc.to_string().contains("registrysize"));
}

#[tokio::test]
async fn post_queues_then_answers_202_while_queued() {
    let emu = emu_with(reference_config(), RegistrySizeWorkerOptions::disabled()).await;
    let token = emu.admin_token("admin").await;
    assert_eq!(queue(&emu, &token).await, 201);
    let queued = json!({"size_bytes": 0, "last_ran": null, "queued": true, "running": false});
    assert_eq!(size(&emu, &token).await, queued);
    assert_eq!(queue(&emu, &token).await, 202);
    // Quay never reads the body: not even a broken one.
    let resp = emu
        .client
        .post(emu.url(PATH))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    // Without a worker it stays queued.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(size(&emu, &token).await, queued);
}

#[tokio::test]
async fn worker_runs_a_queued_calculation_and_counts_shared_blobs_once() {
    let emu = emu_with(reference_config(), fast()).await;
    let token = emu.admin_token("admin").await;
    let total = seed_registry(&emu);

    let before = emu.running.clock().unix_ms();
    assert_eq!(queue(&emu, &token).await, 201);
    let mut answered_202 = false;
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen: Vec<&str> = Vec::new();
    let done = loop {
        let body = size(&emu, &token).await;
        let state = match (body["queued"].as_bool(), body["running"].as_bool()) {
            (Some(true), Some(false)) => "queued",
            (Some(false), Some(true)) => "running",
            (Some(false), Some(false)) => "done",
            _ => panic!("unexpected state {body}"),
        };
        if seen.last() != Some(&state) {
            seen.push(state);
        }
        if state == "running" && !answered_202 {
            assert_eq!(body["size_bytes"], 0, "no partial totals");
            assert_eq!(queue(&emu, &token).await, 202, "already running");
            answered_202 = true;
        }
        if state == "done" {
            break body;
        }
        assert!(Instant::now() < deadline, "timed out: {seen:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let after = emu.running.clock().unix_ms();
    assert!(answered_202, "running never observed: {seen:?}");
    assert!(
        seen == ["queued", "running", "done"] || seen == ["running", "done"],
        "{seen:?}"
    );
    assert_eq!(done["size_bytes"], total);
    let last_ran = done["last_ran"].as_i64().expect("int ms");
    assert!(before <= last_ran && last_ran <= after, "{last_ran}");

    // Idle again: a new calculation is queued (201) and sees the new blob.
    Registry::open(&emu).blob(99, 1_000, false);
    assert_eq!(queue(&emu, &token).await, 201);
    let seen = poll_until(&emu, &token, |v| {
        is_done(v) && v["last_ran"].as_i64() > Some(last_ran)
    })
    .await;
    let last = seen.last().unwrap();
    assert_eq!(last["size_bytes"], total + 1_000);
    // The old total stays visible while the new run is queued or running.
    for state in &seen[..seen.len() - 1] {
        assert_eq!(state["size_bytes"], total, "{seen:?}");
    }
}

#[tokio::test]
async fn queued_calculation_runs_after_a_restart() {
    let emu = emu_with(reference_config(), RegistrySizeWorkerOptions::disabled()).await;
    let token = emu.admin_token("admin").await;
    let total = seed_registry(&emu);
    assert_eq!(queue(&emu, &token).await, 201);
    let emu = restart(emu, fast()).await;
    let seen = poll_until(&emu, &token, is_done).await;
    assert_eq!(seen.last().unwrap()["size_bytes"], total);
}

#[tokio::test]
async fn interrupted_calculation_runs_after_a_restart() {
    // Ten seconds between batches: the run is still going when the emulator stops.
    let emu = emu_with(reference_config(), worker(20, 1, 10_000)).await;
    let token = emu.admin_token("admin").await;
    let total = seed_registry(&emu);
    assert_eq!(queue(&emu, &token).await, 201);
    poll_until(&emu, &token, |v| v["running"] == json!(true)).await;

    // A clean stop does not wait for the run and puts it back in the queue.
    let stopping = Instant::now();
    let emu = restart(emu, RegistrySizeWorkerOptions::disabled()).await;
    assert!(stopping.elapsed() < Duration::from_secs(3));
    assert_eq!(row(&emu), (true, false));
    assert_eq!(
        size(&emu, &token).await,
        json!({"size_bytes": 0, "last_ran": null, "queued": true, "running": false})
    );

    // A crash leaves it running; the next start runs it all the same.
    let emu = restart(emu, RegistrySizeWorkerOptions::disabled()).await;
    emu.sql("UPDATE registry_size SET running = 1, queued = 0");
    let emu = restart(emu, fast()).await;
    let seen = poll_until(&emu, &token, is_done).await;
    assert_eq!(seen.last().unwrap()["size_bytes"], total);
}

#[tokio::test]
async fn access_rules() {
    let config = config_with("GLOBAL_READONLY_SUPER_USERS: [auditor]\n");
    let emu = emu_with(config, RegistrySizeWorkerOptions::disabled()).await;
    let admin = emu.admin_token("admin").await;
    emu.seed_user("alice", "password1");
    emu.seed_user("auditor", "password1");
    let alice = emu.insert_token("alice", "super:user user:admin", far_future());
    let auditor = emu.insert_token("auditor", "super:user", far_future());
    let admin_no_scope = emu.insert_token("admin", "user:read user:admin", far_future());
    assert_eq!(size(&emu, &admin).await["queued"], false);

    // Nobody: 401 for a read, the CSRF 403 for a write.
    let resp = emu.call(Method::GET, PATH, None, None).await;
    expect_shape_a(resp, 401, "invalid_token", "Requires authentication").await;
    let resp = emu.call(Method::POST, PATH, None, None).await;
    assert_eq!(resp.status(), 403);
    assert_eq!(
        Emu::shape_c(resp).await,
        json!({"error": "CSRF token was invalid or missing."})
    );
    // Not a superuser, or a superuser's token without super:user: 403 both ways.
    for token in [&alice, &admin_no_scope] {
        for method in [Method::GET, Method::POST] {
            let resp = emu.call(method, PATH, Some(token), None).await;
            expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
        }
    }
    // A read-only superuser may look but not queue.
    assert_eq!(size(&emu, &auditor).await["queued"], false);
    let resp = emu.call(Method::POST, PATH, Some(&auditor), None).await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;

    // Sessions: CSRF for the write, fresh login for both.
    let (cookie, csrf) = emu.signed_in("admin", "password1").await;
    let post = |csrf: Option<String>| {
        let mut req = emu.client.post(emu.url(PATH)).header("cookie", &cookie);
        if let Some(c) = csrf {
            req = req.header("x-csrf-token", c);
        }
        req.send()
    };
    let resp = post(None).await.unwrap();
    assert_eq!(resp.status(), 403);
    assert_eq!(
        Emu::shape_c(resp).await,
        json!({"error": "CSRF token was invalid or missing. (authorized: user admin)"})
    );
    assert_eq!(post(Some(csrf.clone())).await.unwrap().status(), 201);
    let get = || {
        emu.client
            .get(emu.url(PATH))
            .header("cookie", &cookie)
            .send()
    };
    assert_eq!(get().await.unwrap().status(), 200);
    emu.sql("UPDATE sessions SET login_time = login_time - 601");
    let resp = get().await.unwrap();
    expect_shape_a(resp, 401, "fresh_login_required", "Requires fresh login").await;
    let resp = post(Some(csrf)).await.unwrap();
    expect_shape_a(resp, 401, "fresh_login_required", "Requires fresh login").await;
}

#[tokio::test]
async fn no_route_without_superusers_and_no_worker_without_quota_management() {
    let emu = emu_with(config_with("FEATURE_SUPER_USERS: false\n"), fast()).await;
    let token = emu.admin_token("admin").await;
    let resp = emu.call(Method::GET, PATH, Some(&token), None).await;
    assert_eq!(resp.status(), 404);

    // Quay runs its registry-size worker only with quota management.
    let emu = emu_with(config_with("FEATURE_QUOTA_MANAGEMENT: false\n"), fast()).await;
    let token = emu.admin_token("admin").await;
    seed_registry(&emu);
    assert_eq!(queue(&emu, &token).await, 201);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        size(&emu, &token).await,
        json!({"size_bytes": 0, "last_ran": null, "queued": true, "running": false})
    );
}
