//! Reliability under load and crashes: a minute of mixed concurrent reads and writes answers no
//! 5xx and loses or duplicates no write; `kill -9` in the middle of 200 concurrent user creations
//! keeps every creation that was answered, in a database that passes `PRAGMA integrity_check`.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long the mixed load runs (the issue asks for a minute; shorter for a quick local run).
fn soak_duration() -> Duration {
    let secs = std::env::var("QUAY_EMULATOR_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

const WORKERS: usize = 8;

/// What the load did, as the server answered it.
#[derive(Default)]
struct Outcome {
    created: Vec<String>,
    deleted: Vec<String>,
    alive: Vec<String>,
    requests: usize,
    /// Every answer that was not the expected success, with what was asked.
    unexpected: Vec<String>,
}

fn log_count(db: &Path, kind: &str, prefix: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("db");
    conn.query_row(
        "SELECT COUNT(*) FROM log_entries e JOIN log_entry_kinds k ON k.id = e.kind_id \
         WHERE k.name = ?1 AND json_extract(e.metadata, '$.username') LIKE ?2",
        rusqlite::params![kind, format!("{prefix}%")],
        |r| r.get(0),
    )
    .expect("count")
}

async fn user_status(client: &reqwest::Client, base: &str, token: &str, name: &str) -> u16 {
    client
        .get(format!("{base}/api/v1/superuser/users/{name}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

/// One worker: creates users, deletes some of its own, lists pages, reads and changes e-mails,
/// until `until`; every answer is checked.
async fn worker(
    id: usize,
    client: reqwest::Client,
    base: String,
    token: String,
    until: Instant,
) -> Outcome {
    let mut out = Outcome::default();
    let mut n = 0usize;
    while Instant::now() < until {
        n += 1;
        let name = format!("soak{id}x{n}");
        let (what, expected, resp) = match n % 5 {
            0 | 1 => (
                format!("create {name}"),
                200,
                client
                    .post(format!("{base}/api/v1/superuser/users/"))
                    .bearer_auth(&token)
                    .json(&json!({"username": name, "email": format!("{name}@example.com")}))
                    .send()
                    .await,
            ),
            2 if out.alive.len() > 2 => {
                let victim = out.alive[0].clone();
                (
                    format!("delete {victim}"),
                    204,
                    client
                        .delete(format!("{base}/api/v1/superuser/users/{victim}"))
                        .bearer_auth(&token)
                        .send()
                        .await,
                )
            }
            3 if !out.alive.is_empty() => {
                let target = out.alive[n % out.alive.len()].clone();
                (
                    format!("change the e-mail of {target}"),
                    200,
                    client
                        .put(format!("{base}/api/v1/superuser/users/{target}"))
                        .bearer_auth(&token)
                        .json(&json!({"email": format!("{target}.{n}@example.com")}))
                        .send()
                        .await,
                )
            }
            _ => (
                "list users".to_string(),
                200,
                client
                    .get(format!("{base}/api/v1/superuser/users/?limit=100"))
                    .bearer_auth(&token)
                    .send()
                    .await,
            ),
        };
        out.requests += 1;
        let status = match resp {
            Ok(r) => {
                let status = r.status().as_u16();
                // The whole body is read: a reply cut short would be a failure too.
                if let Err(e) = r.bytes().await {
                    out.unexpected.push(format!("{what}: body: {e}"));
                    continue;
                }
                status
            }
            Err(e) => {
                out.unexpected.push(format!("{what}: {e}"));
                continue;
            }
        };
        if status != expected {
            out.unexpected.push(format!("{what}: HTTP {status}"));
            continue;
        }
        if let Some(created) = what.strip_prefix("create ") {
            out.created.push(created.to_string());
            out.alive.push(created.to_string());
        } else if let Some(victim) = what.strip_prefix("delete ") {
            out.deleted.push(victim.to_string());
            out.alive.retain(|a| a != victim);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_minute_of_mixed_load_answers_no_5xx_and_keeps_every_write() {
    let emu = crate::common::emulator().await;
    let token = emu.admin_token("admin").await;
    let base = emu.running.base_url().to_string();
    let until = Instant::now() + soak_duration();
    let tasks: Vec<_> = (0..WORKERS)
        .map(|id| {
            tokio::spawn(worker(
                id,
                emu.client.clone(),
                base.clone(),
                token.clone(),
                until,
            ))
        })
        .collect();
    let mut total = Outcome::default();
    for task in tasks {
        let out = task.await.expect("worker");
        total.created.extend(out.created);
        total.deleted.extend(out.deleted);
        total.alive.extend(out.alive);
        total.requests += out.requests;
        total.unexpected.extend(out.unexpected);
    }
    eprintln!(
        "mixed load: {} requests, {} creations, {} deletions",
        total.requests,
        total.created.len(),
        total.deleted.len()
    );
    assert!(
        total.unexpected.is_empty(),
        "{} of {} answers were not the expected ones, first: {:?}",
        total.unexpected.len(),
        total.requests,
        &total.unexpected[..total.unexpected.len().min(10)]
    );
    assert!(
        total.created.len() > 20 && !total.deleted.is_empty(),
        "too little load to prove anything: {} created, {} deleted",
        total.created.len(),
        total.deleted.len()
    );

    // Every answered write happened exactly once: one log entry per creation and deletion...
    let db = emu.db_path();
    assert_eq!(
        log_count(&db, "user_create", "soak"),
        total.created.len() as i64
    );
    assert_eq!(
        log_count(&db, "user_delete", "soak"),
        total.deleted.len() as i64
    );
    // ...and the users are there, or gone, as answered.
    for name in &total.alive {
        assert_eq!(
            user_status(&emu.client, &base, &token, name).await,
            200,
            "{name} was created and not deleted"
        );
    }
    for name in &total.deleted {
        assert_eq!(
            user_status(&emu.client, &base, &token, name).await,
            404,
            "{name} was deleted"
        );
    }
    let unique: BTreeSet<&String> = total.created.iter().collect();
    assert_eq!(unique.len(), total.created.len());
}

const BIN: &str = env!("CARGO_BIN_EXE_quay-emulator");

/// The real binary on a free port; returns the child and its base URL.
fn spawn_binary(db: &Path) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(db)
        .env(
            "QUAY_OVERRIDE_CONFIG",
            r#"{"SUPER_USERS": ["admin"], "FEATURE_USER_INITIALIZE": true}"#,
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn emulator");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("listening line");
    let base = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    (child, base)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_200_creations_keeps_every_answered_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("registry.db");
    let client = crate::common::client();

    let (mut child, base) = spawn_binary(&db);
    let init: Value = client
        .post(format!("{base}/api/v1/user/initialize"))
        .json(&json!({"username": "admin", "password": "password1",
                      "email": "admin@example.com", "access_token": true}))
        .send()
        .await
        .expect("initialize")
        .json()
        .await
        .expect("json");
    let token = init["access_token"].as_str().expect("token").to_string();

    let answered = Arc::new(Mutex::new(Vec::<String>::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let creations: Vec<_> = (0..200)
        .map(|n| {
            let (client, base, token) = (client.clone(), base.clone(), token.clone());
            let (answered, count) = (answered.clone(), count.clone());
            tokio::spawn(async move {
                let name = format!("crash{n}");
                let resp = client
                    .post(format!("{base}/api/v1/superuser/users/"))
                    .bearer_auth(&token)
                    .json(&json!({"username": name, "email": format!("{name}@example.com")}))
                    .send()
                    .await;
                if let Ok(r) = resp {
                    if r.status() == 200 && r.bytes().await.is_ok() {
                        answered.lock().expect("lock").push(name);
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                }
            })
        })
        .collect();

    // Killed once some creations are answered, with most still in flight.
    let deadline = Instant::now() + Duration::from_secs(60);
    while count.load(Ordering::SeqCst) < 20 {
        assert!(Instant::now() < deadline, "no creation answered in 60 s");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let killed_at = count.load(Ordering::SeqCst);
    for creation in creations {
        creation.await.expect("task");
    }
    let answered = answered.lock().expect("lock").clone();
    eprintln!(
        "killed with {killed_at} of 200 creations answered ({} in all)",
        answered.len()
    );
    assert!(
        killed_at < 200,
        "every creation was answered before the kill: nothing was in flight"
    );

    let conn = rusqlite::Connection::open(&db).expect("db after the crash");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    drop(conn);

    // Started again on the same database, it has every user it said it created.
    let (mut child, base) = spawn_binary(&db);
    let mut missing = Vec::new();
    for name in &answered {
        if user_status(&client, &base, &token, name).await != 200 {
            missing.push(name.clone());
        }
    }
    child.kill().expect("stop");
    let _ = child.wait();
    assert!(
        missing.is_empty(),
        "{} of {} answered creations lost: {missing:?}",
        missing.len(),
        answered.len()
    );
}
