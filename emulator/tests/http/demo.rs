//! The demo data set (`quay_emulator::demo`): the promised volumes and shapes, determinism, and
//! that a seeded database serves with its generated configuration.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use base64::Engine;
use rusqlite::Connection;
use serde_json::Value;
use sha2::{Digest, Sha256};

use quay_emulator::demo::{self, DemoSummary};
use quay_emulator::testing::crypto;
use quay_emulator::{load_config, start, Clock, EmulatorOptions};

/// A fixed "now" (Sun, 18 Nov 2026 ~ 22:13 UTC) so two seeds are comparable row for row.
const NOW: i64 = 1_795_039_200;
const DAY: i64 = 86_400;

fn seeded(dir: &Path, name: &str, rng_seed: u64) -> (PathBuf, DemoSummary) {
    let db = dir.join(name);
    let summary = demo::seed_at(&db, rng_seed, NOW).expect("demo seed");
    (db, summary)
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// SHA-256 of every row of a query, as text.
fn rows_hash(conn: &Connection, sql: &str) -> String {
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    let mut hasher = Sha256::new();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        for i in 0..columns {
            let value: rusqlite::types::Value = row.get(i).unwrap();
            hasher.update(format!("{value:?}|").as_bytes());
        }
        hasher.update(b"\n");
    }
    format!("{:x}", hasher.finalize())
}

#[test]
fn demo_seed_volumes_determinism_and_serving() {
    let dir = tempfile::tempdir().unwrap();
    // Two seeds with the same inputs, in parallel (each takes seconds).
    let path = dir.path().to_path_buf();
    let twin = std::thread::spawn(move || seeded(&path, "b.db", 7));
    let (db, summary) = seeded(dir.path(), "a.db", 7);
    let (db_b, summary_b) = twin.join().unwrap();
    assert_eq!(summary, summary_b);

    let conn = Connection::open(&db).unwrap();
    check_accounts(&conn, &summary);
    check_storage(&conn, &summary);
    check_keys(&conn, &summary);
    check_logs(&conn, &summary);
    check_builds(&conn, &summary);

    // Same seed, same data (password hash and UUIDs included).
    let conn_b = Connection::open(&db_b).unwrap();
    for sql in [
        "SELECT * FROM users ORDER BY id",
        "SELECT * FROM teams ORDER BY id",
        "SELECT * FROM repositories ORDER BY id",
        "SELECT * FROM blobs ORDER BY id",
        "SELECT * FROM quotas ORDER BY id",
        "SELECT * FROM namespace_size ORDER BY namespace_id",
        "SELECT * FROM service_keys ORDER BY id",
        "SELECT * FROM builds ORDER BY id",
        "SELECT * FROM log_entries WHERE id % 97 = 0 ORDER BY id",
    ] {
        assert_eq!(rows_hash(&conn, sql), rows_hash(&conn_b, sql), "{sql}");
    }
    drop(conn_b);

    // Seeding again is refused: the database is not empty.
    let err = demo::seed_at(&db, 7, NOW).unwrap_err();
    assert_eq!(
        err,
        "the database is not empty (demo data needs a new database)"
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM log_entries"),
        summary.log_entries as i64
    );
    drop(conn);

    // The seeded database serves, with the generated configuration's superusers.
    let config_path = demo::write_config(&db, &summary).unwrap();
    assert_eq!(config_path, dir.path().join("a.db.config.yaml"));
    let config = load_config(Some(&config_path), None).unwrap();
    assert!(config.is_super_user(demo::ADMIN_USERNAME));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(serve_checks(db, config));
}

fn check_accounts(conn: &Connection, summary: &DemoSummary) {
    let live_users = "FROM users WHERE organization = 0 AND robot = 0 \
                      AND id NOT IN (SELECT namespace_id FROM deleted_namespaces)";
    let users = count(conn, &format!("SELECT COUNT(*) {live_users}"));
    assert!((2_400..=2_600).contains(&users), "{users} users");
    assert_eq!(users, summary.users as i64);
    let disabled = count(
        conn,
        &format!("SELECT COUNT(*) {live_users} AND enabled = 0"),
    );
    assert!(
        disabled * 100 >= users * 3 && disabled * 100 <= users * 8,
        "{disabled} of {users} disabled"
    );
    let orgs = count(
        conn,
        "SELECT COUNT(*) FROM users WHERE organization = 1 \
         AND id NOT IN (SELECT namespace_id FROM deleted_namespaces)",
    );
    assert!(orgs >= 300, "{orgs} organizations");
    assert!(count(conn, "SELECT COUNT(*) FROM deleted_namespaces") > 0);
    // The admin is the first user and can sign in; every organization has an owners team with
    // an admin.
    let (id, name, hash): (i64, String, String) = conn
        .query_row(
            "SELECT id, username, password_hash FROM users ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((id, name.as_str()), (1, demo::ADMIN_USERNAME));
    assert!(crypto::verify_password(demo::DEMO_PASSWORD, &hash));
    assert_eq!(
        count(
            conn,
            "SELECT COUNT(*) FROM users o WHERE o.organization = 1 \
             AND o.id NOT IN (SELECT namespace_id FROM deleted_namespaces) AND NOT EXISTS \
             (SELECT 1 FROM teams t JOIN team_members m ON m.team_id = t.id \
              WHERE t.organization_id = o.id AND t.name = 'owners' AND t.role = 'admin')"
        ),
        0,
        "organizations without an owner"
    );
    // Hostile but valid: every live name passes Quay's rule; some extreme cases are present.
    let mut stmt = conn
        .prepare(
            "SELECT username, email FROM users WHERE robot = 0 \
             AND id NOT IN (SELECT namespace_id FROM deleted_namespaces)",
        )
        .unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, _) in &rows {
        assert_eq!(quay_rules::check_namespace(name), Ok(()), "{name}");
    }
    assert!(rows.iter().any(|(n, _)| n.len() == 255));
    assert!(rows
        .iter()
        .any(|(_, e)| e.contains("<img src=x onerror=alert(1)>")));
    assert!(rows.iter().any(|(_, e)| e.contains('\u{202e}')));
    assert!(rows.iter().any(|(_, e)| e.contains('\u{200b}')));
    assert!(rows.iter().any(|(n, _)| n == "null"));
    // Robots are `namespace+name`.
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM users WHERE robot = 1 AND username LIKE '%+%'"
        ) > 0
    );
}

fn check_storage(conn: &Connection, summary: &DemoSummary) {
    let total = count(conn, "SELECT SUM(image_size) FROM blobs");
    assert!(total >= 2_000_000_000_000, "{total} bytes of blobs");
    assert_eq!(total, summary.blob_bytes);
    assert_eq!(count(conn, "SELECT size_bytes FROM registry_size"), total);
    // Blobs are shared across namespaces.
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM (SELECT rb.blob_id FROM repository_blobs rb \
             JOIN repositories r ON r.id = rb.repository_id GROUP BY rb.blob_id \
             HAVING COUNT(DISTINCT r.namespace_id) > 1)"
        ) > 0
    );
    // Namespace sizes: distinct blobs per namespace; complete backfills match exactly.
    let usage = "SELECT x.namespace_id AS ns, SUM(b.image_size) AS used FROM \
                 (SELECT DISTINCT r.namespace_id, rb.blob_id FROM repositories r \
                  JOIN repository_blobs rb ON rb.repository_id = r.id) x \
                 JOIN blobs b ON b.id = x.blob_id GROUP BY x.namespace_id";
    assert_eq!(
        count(
            conn,
            &format!(
                "SELECT COUNT(*) FROM namespace_size s JOIN ({usage}) u ON u.ns = s.namespace_id \
                 WHERE s.backfill_complete = 1 AND s.size_bytes != u.used"
            )
        ),
        0
    );
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM namespace_size WHERE backfill_complete = 1"
        ) > 500
    );
    // Quotas near (70–90 %) and over (> 100 %) their limit.
    let ratio = format!(
        "SELECT CAST(u.used AS REAL) / q.limit_bytes AS r FROM quotas q JOIN ({usage}) u \
         ON u.ns = q.namespace_id"
    );
    let near = count(
        conn,
        &format!("SELECT COUNT(*) FROM ({ratio}) WHERE r BETWEEN 0.7 AND 0.9"),
    );
    let over = count(
        conn,
        &format!("SELECT COUNT(*) FROM ({ratio}) WHERE r > 1.0"),
    );
    assert!(near >= 5, "{near} quotas near the limit");
    assert!(over >= 5, "{over} quotas over the limit");
    assert_eq!(near, summary.quotas_near_limit as i64);
    assert_eq!(over, summary.quotas_over_limit as i64);
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM quota_limits WHERE limit_type = 'Reject'"
        ) > 0
    );
}

fn check_keys(conn: &Connection, summary: &DemoSummary) {
    let approved = count(
        conn,
        &format!(
            "SELECT COUNT(*) FROM service_keys WHERE approval_id IS NOT NULL \
             AND (expiration_date IS NULL OR expiration_date > {NOW})"
        ),
    );
    let pending = count(
        conn,
        &format!(
            "SELECT COUNT(*) FROM service_keys WHERE approval_id IS NULL \
             AND (expiration_date IS NULL OR expiration_date > {NOW})"
        ),
    );
    let expired = count(
        conn,
        &format!("SELECT COUNT(*) FROM service_keys WHERE expiration_date <= {NOW}"),
    );
    assert!(
        approved >= 3 && pending >= 3 && expired >= 3,
        "{approved} {pending} {expired}"
    );
    assert_eq!(
        (approved, pending, expired),
        (
            summary.service_keys_approved as i64,
            summary.service_keys_pending as i64,
            summary.service_keys_expired as i64
        )
    );
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM service_key_approvals \
             WHERE approval_type = 'ServiceKeyApprovalType.AUTOMATIC' AND approver_id IS NULL"
        ) >= 1
    );
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM service_key_approvals \
             WHERE approval_type = 'ServiceKeyApprovalType.SUPERUSER' AND approver_id IS NOT NULL"
        ) >= 3
    );
    // Each kid is the RFC 7638 thumbprint of its RSA JWK.
    let mut stmt = conn.prepare("SELECT kid, jwk FROM service_keys").unwrap();
    let keys: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kid, jwk) in keys {
        let jwk: Value = serde_json::from_str(&jwk).unwrap();
        assert_eq!(jwk["kty"], "RSA");
        assert_eq!(jwk["e"], "AQAB");
        assert_eq!(jwk["kid"], kid.as_str());
        let n = jwk["n"].as_str().unwrap();
        assert_eq!(n.len(), 342);
        let canonical = format!(r#"{{"e":"AQAB","kty":"RSA","n":"{n}"}}"#);
        let thumbprint = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(Sha256::digest(canonical.as_bytes()));
        assert_eq!(kid, thumbprint);
    }
}

fn check_logs(conn: &Connection, summary: &DemoSummary) {
    let total = count(conn, "SELECT COUNT(*) FROM log_entries");
    assert!(total >= 200_000, "{total} log entries");
    assert_eq!(total, summary.log_entries as i64);
    let first = count(conn, "SELECT MIN(datetime_us) FROM log_entries") / 1_000_000;
    let last = count(conn, "SELECT MAX(datetime_us) FROM log_entries") / 1_000_000;
    assert!((NOW - 90 * DAY..NOW - 89 * DAY).contains(&first), "{first}");
    assert!((NOW - DAY..NOW).contains(&last), "{last}");
    // Every day of the window has entries.
    let days = count(
        conn,
        &format!(
            "SELECT COUNT(DISTINCT (datetime_us / 1000000 - {}) / 86400) FROM log_entries",
            NOW - 90 * DAY
        ),
    );
    assert_eq!(days, 90);
    assert_eq!(
        count(
            conn,
            "SELECT COUNT(*) FROM log_entries \
             WHERE json_valid(metadata) = 0 OR json_type(metadata) != 'object'"
        ),
        0
    );
    // Metadata keys per kind, as Quay writes them.
    let kinds: HashMap<&str, &[&str]> = HashMap::from([
        (
            "pull_repo",
            &["repo", "namespace", "user-agent", "mediaType"][..],
        ),
        (
            "push_repo",
            &["repo", "namespace", "user-agent", "tag", "username"][..],
        ),
        ("login_success", &["type", "useragent"][..]),
        ("user_create", &["email", "username", "superuser"][..]),
        ("user_delete", &["username"][..]),
        ("user_disable", &["username", "superuser"][..]),
        ("org_create", &["email", "namespace"][..]),
        ("org_delete", &["namespace"][..]),
        ("create_repo", &["repo", "namespace"][..]),
        (
            "service_key_create",
            &["kid", "preshared", "service", "name", "expiration_date"][..],
        ),
        (
            "service_key_approve",
            &["kid", "service", "name", "expiration_date"][..],
        ),
        (
            "build_dockerfile",
            &[
                "build_id",
                "docker_tags",
                "repo",
                "namespace",
                "is_manual",
                "manual_user",
            ][..],
        ),
    ]);
    for (kind, keys) in kinds {
        let mut stmt = conn
            .prepare(
                "SELECT e.metadata FROM log_entries e JOIN log_entry_kinds k ON k.id = e.kind_id \
                 WHERE k.name = ?1 LIMIT 50",
            )
            .unwrap();
        let rows: Vec<String> = stmt
            .query_map([kind], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!rows.is_empty(), "no {kind} entries");
        for row in rows {
            let meta: Value = serde_json::from_str(&row).unwrap();
            for key in keys {
                assert!(meta.get(*key).is_some(), "{kind} without {key}: {meta}");
            }
        }
    }
    assert!(count(conn, "SELECT COUNT(DISTINCT kind_id) FROM log_entries") >= 25);
    // The paging query (newest first within a window) is served by an index.
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM log_entries WHERE datetime_us >= 0 \
             AND datetime_us < 9 ORDER BY datetime_us DESC, id DESC LIMIT 20",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("log_entries_datetime"), "{plan}");
}

fn check_builds(conn: &Connection, summary: &DemoSummary) {
    let phases: BTreeSet<String> = {
        let mut stmt = conn.prepare("SELECT DISTINCT phase FROM builds").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    for phase in [
        "waiting",
        "build-scheduled",
        "unpacking",
        "pulling",
        "building",
        "pushing",
        "complete",
        "error",
        "internalerror",
        "cancelled",
    ] {
        assert!(phases.contains(phase), "no {phase} build");
    }
    assert_eq!(
        count(conn, "SELECT COUNT(*) FROM builds"),
        summary.builds as i64
    );
    let longest = count(
        conn,
        "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM build_log_lines GROUP BY build_id)",
    );
    assert!(longest >= 1_000, "{longest} lines in the longest build log");
    // An internalerror build without retries (shown as "expired"), one with.
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM builds b JOIN queue_items q ON CAST(q.id AS TEXT) = b.queue_id \
             WHERE b.phase = 'internalerror' AND q.retries_remaining = 0"
        ) >= 1
    );
    assert!(
        count(
            conn,
            "SELECT COUNT(*) FROM builds b JOIN queue_items q ON CAST(q.id AS TEXT) = b.queue_id \
             WHERE b.phase = 'internalerror' AND q.retries_remaining > 0"
        ) >= 1
    );
    // Log entries are Quay's {"message", "type"?, "data"?} objects, indexed from 0.
    assert_eq!(
        count(
            conn,
            "SELECT COUNT(*) FROM build_log_lines WHERE json_type(entry, '$.message') != 'text' \
             OR (json_type(entry, '$.type') IS NOT NULL \
                 AND json_extract(entry, '$.type') NOT IN ('phase', 'command', 'error'))"
        ),
        0
    );
    assert_eq!(
        count(
            conn,
            "SELECT COUNT(*) FROM (SELECT build_id FROM build_log_lines GROUP BY build_id \
             HAVING MIN(idx) != 0 OR MAX(idx) != COUNT(*) - 1)"
        ),
        0
    );
}

async fn serve_checks(db: PathBuf, config: quay_emulator::Config) {
    // Served on the seed's own date.
    let options = EmulatorOptions::new(&db).clock(Clock::pinned_unix(NOW));
    let running = start(options.config(config))
        .await
        .expect("serves the seeded database");
    let client = crate::common::client();
    let url = |path: &str| format!("{}{path}", running.base_url());

    // Sign in as the admin with the printed credentials.
    let resp = client.get(url("/csrf_token")).send().await.unwrap();
    let cookie = crate::common::cookie_of(&resp).unwrap();
    let csrf = resp.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    let resp = client
        .post(url("/api/v1/signin"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(
            &serde_json::json!({"username": demo::ADMIN_USERNAME, "password": demo::DEMO_PASSWORD}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{:?}", resp.text().await);
    let cookie = crate::common::cookie_of(&resp).unwrap();
    let resp = client
        .get(url("/api/v1/user/"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let user: Value = resp.json().await.unwrap();
    assert_eq!(user["username"], demo::ADMIN_USERNAME);
    assert!(
        user["organizations"]
            .as_array()
            .is_some_and(|o| !o.is_empty()),
        "the admin owns organizations: {user}"
    );

    // A bearer token for the admin works too.
    let token = crypto::random_upper_alnum(40);
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute(
            "INSERT INTO oauth_applications (client_id, client_secret, redirect_uri, \
             application_uri, organization_id, name, description) \
             VALUES ('DEMOTESTCLIENT000000', 'S', '', '', 1, 'automation', '')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO oauth_access_tokens (uuid, application_id, authorized_user_id, scope, \
             token_hash, created_at, expires_at) \
             VALUES ('demo-test-token', last_insert_rowid(), 1, 'user:read super:user', ?1, 0, ?2)",
            rusqlite::params![crypto::sha256_hex(&token), NOW + 3_600],
        )
        .unwrap();
    }
    let resp = client
        .get(url("/api/v1/user/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Value>().await.unwrap()["username"], "admin");

    // The generated configuration makes the admin a superuser: the superuser lists page through
    // the seeded users and organizations.
    let resp = client
        .get(url("/api/v1/superuser/users/?limit=100"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let page: Value = resp.json().await.unwrap();
    assert_eq!(page["users"].as_array().map(Vec::len), Some(100));
    assert!(page["next_page"].is_string());
    assert_eq!(page["users"][0]["username"], "admin");
    assert_eq!(page["users"][0]["super_user"], true);
    let resp = client
        .get(url("/api/v1/superuser/organizations/?limit=100"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    // Initialize refuses: the registry already has users.
    let resp = client
        .post(url("/api/v1/user/initialize"))
        .json(&serde_json::json!({"username": "x", "password": "password1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    running.shutdown().await;
}
