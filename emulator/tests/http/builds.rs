//! Superuser build views (Quay: `endpoints/api/superuser.py`, `endpoints/api/build.py`):
//! `/api/v1/superuser/{build_uuid}/status`, `/build` and `/logs`, over HTTP, with builds written
//! through the library (`quay_emulator::testing::builds`).

use std::collections::BTreeSet;

use crate::common::*;
use quay_emulator::testing::builds::{
    append_build_logs, create_build, set_build_phase, set_build_status, NewBuild, NewBuildTrigger,
};
use quay_emulator::testing::{blobs, seed};
use reqwest::Method;
use serde_json::{json, Value};

/// Sun, 22 Nov 2026 23:10:00 UTC.
const STARTED: i64 = 1_795_389_000;

fn status_path(uuid: &str) -> String {
    format!("/api/v1/superuser/{uuid}/status")
}

fn build_path(uuid: &str) -> String {
    format!("/api/v1/superuser/{uuid}/build")
}

fn logs_path(uuid: &str) -> String {
    format!("/api/v1/superuser/{uuid}/logs")
}

/// A registry with the superuser `admin` (initialize token returned) who owns `testorg`, the
/// user `alice` who owns `otherorg` (admin is no member), the repositories `testorg/repo` and
/// `otherorg/app`, the robot `testorg+bot` and the global read-only superuser `auditor`.
async fn registry(extra_yaml: &str) -> (Emu, String) {
    let emu = emulator_with(config_with(&format!(
        "GLOBAL_READONLY_SUPER_USERS: [auditor]\n{extra_yaml}"
    )))
    .await;
    let token = emu.admin_token("admin").await;
    let db = emu.db_path();
    emu.seed_user("alice", "password1");
    emu.seed_user("auditor", "password1");
    seed::create_organization(&db, "testorg", "testorg@example.com", "admin").unwrap();
    seed::create_organization(&db, "otherorg", "other@example.com", "alice").unwrap();
    blobs::create_repository(&db, "testorg", "repo", false).unwrap();
    blobs::create_repository(&db, "otherorg", "app", true).unwrap();
    emu.sql(
        "INSERT INTO users (uuid, username, email, robot, removed_tag_expiration_s, \
         creation_date) VALUES ('robot-uuid', 'testorg+bot', 'bot-placeholder', 1, 0, 0)",
    );
    (emu, token)
}

fn build(emu: &Emu, new: &NewBuild) -> String {
    create_build(&emu.db_path(), new).unwrap()
}

/// A finished build as Quay's `build_status_view` (`endpoints/api/build.py`) shows it: complete,
/// manual (`is_manual`, `manual_user`), started at [`STARTED`], with a fixed UUID, in the given
/// repository.
fn example(namespace: &str, repository: &str) -> NewBuild {
    let mut b = NewBuild::new(namespace, repository);
    b.uuid = Some("6906bb13-12df-4d5c-8201-e4851b722818".into());
    b.phase = "complete".into();
    b.display_name = "a1b2c3d".into();
    b.started = Some(STARTED);
    b.job_config = json!({
        "docker_tags": ["latest"], "registry": "localhost:8080", "build_subdir": "/",
        "context": "/", "trigger_metadata": {"commit": "a1b2c3d"}, "is_manual": true,
        "manual_user": "admin", "archive_url": "",
    });
    b
}

async fn get(emu: &Emu, token: &str, path: &str) -> (u16, Value) {
    emu.get_json(path, token).await
}

/// `/status` and `/build` answer the same body; returns it.
async fn view(emu: &Emu, token: &str, uuid: &str) -> Value {
    let (status, body) = get(emu, token, &status_path(uuid)).await;
    assert_eq!(status, 200, "{body}");
    let (status, same) = get(emu, token, &build_path(uuid)).await;
    assert_eq!(status, 200, "{same}");
    assert_eq!(body, same);
    body
}

#[tokio::test]
async fn status_and_build_answer_the_same_body() {
    let (emu, token) = registry("").await;
    let uuid = build(&emu, &example("otherorg", "app"));
    let resp = emu
        .call(Method::GET, &status_path(&uuid), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    // admin has no permission on otherorg/app: not a writer, no trigger metadata.
    insta::assert_json_snapshot!("example", view(&emu, &token, &uuid).await);
    // Missing job config keys take Quay's defaults.
    let mut bare = NewBuild::new("otherorg", "app");
    bare.job_config = json!({});
    let uuid = build(&emu, &bare);
    let body = view(&emu, &token, &uuid).await;
    assert_eq!(body["id"], uuid.as_str());
    insta::assert_json_snapshot!("defaults", body, {
        ".id" => "[uuid]", ".started" => insta::dynamic_redaction(now_date)
    });
}

#[tokio::test]
async fn unknown_and_malformed_build_ids() {
    let (emu, token) = registry("").await;
    for id in [
        "6906bb13-12df-4d5c-8201-e4851b722818",
        "nosuchbuild",
        "not a uuid",
        "%3Cb%3E",
    ] {
        let shown = id.replace("%3C", "<").replace("%3E", ">");
        for path in [status_path(id), logs_path(id)] {
            let resp = emu.call(Method::GET, &path, Some(&token), None).await;
            let body = expect_shape_a(
                resp,
                400,
                "invalid_response",
                &format!("Unable to locate a build by id: {shown}"),
            )
            .await;
            assert!(body["type"]
                .as_str()
                .unwrap()
                .ends_with("/api/v1/error/invalid_response"));
        }
        let resp = emu
            .call(Method::GET, &build_path(id), Some(&token), None)
            .await;
        expect_shape_a(resp, 404, "not_found", "Not Found").await;
        // The build is looked up before `start` is read.
        let resp = emu
            .call(
                Method::GET,
                &format!("{}?start=abc", logs_path(id)),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(resp.status(), 400);
        assert_eq!(
            resp.json::<Value>().await.unwrap()["error_type"],
            "invalid_response"
        );
    }
}

#[tokio::test]
async fn phases_as_quay_computes_them() {
    let (emu, token) = registry("").await;
    let auditor = emu.insert_token("auditor", "user:read", far_future());
    let make = |phase: &str, f: &dyn Fn(&mut NewBuild)| {
        let mut b = NewBuild::new("otherorg", "app");
        b.phase = phase.into();
        f(&mut b);
        build(&emu, &b)
    };
    let live = json!({"total_commands": 7, "current_command": 3, "push_completion": 0.0,
                      "pull_completion": 1.0, "heartbeat": emu.now_s()});
    let cases: Vec<(String, &str, Value)> = vec![
        // Every stored phase shows as is.
        (make("waiting", &|_| {}), "waiting", json!({})),
        (
            make("build-scheduled", &|_| {}),
            "build-scheduled",
            json!({}),
        ),
        (make("unpacking", &|_| {}), "unpacking", json!({})),
        (make("pulling", &|_| {}), "pulling", json!({})),
        (
            make("building", &|b| b.status = Some(live.clone())),
            "building",
            live.clone(),
        ),
        (make("pushing", &|_| {}), "pushing", json!({})),
        (make("complete", &|_| {}), "complete", json!({})),
        (make("error", &|_| {}), "error", json!({})),
        (make("cancelled", &|_| {}), "cancelled", json!({})),
        // Terminal builds: the live status is not read.
        (
            make("complete", &|b| b.status = Some(live.clone())),
            "complete",
            json!({}),
        ),
        // internalerror: `expired` unless the queue item has retries left.
        (
            make("internalerror", &|b| b.queue_retries = Some(2)),
            "internalerror",
            json!({}),
        ),
        (
            make("internalerror", &|b| b.queue_retries = Some(0)),
            "expired",
            json!({}),
        ),
        (make("internalerror", &|_| {}), "expired", json!({})),
        // A heartbeat older than a minute: the builder is gone.
        (
            make("pushing", &|b| {
                b.queue_retries = Some(1);
                b.status = Some(json!({"heartbeat": emu.now_s() - 120}));
            }),
            "internalerror",
            json!({"heartbeat": emu.now_s() - 120}),
        ),
        (
            make("building", &|b| {
                b.queue_retries = Some(0);
                b.status = Some(json!({"heartbeat": emu.now_s() - 120}));
            }),
            "expired",
            json!({"heartbeat": emu.now_s() - 120}),
        ),
        (
            make("building", &|b| b.status = Some(json!({"heartbeat": 0}))),
            "building",
            json!({"heartbeat": 0}),
        ),
    ];
    for (uuid, phase, status) in &cases {
        let body = view(&emu, &token, uuid).await;
        assert_eq!(body["phase"], *phase, "{body}");
        assert_eq!(body["status"], *status, "{body}");
        assert_eq!(body["error"], Value::Null);
    }
    // An unreadable live status: `cannot_load`, the reason for superusers, a generic message
    // for read-only superusers.
    let reason = "Cannot retrieve build status: Error 111 connecting to redis:6379.";
    let uuid = make("building", &|b| {
        b.status = Some(live.clone());
        b.status_error = Some(reason.into());
    });
    let body = view(&emu, &token, &uuid).await;
    assert_eq!(
        (&body["phase"], &body["status"], &body["error"]),
        (&json!("cannot_load"), &json!({}), &json!(reason))
    );
    let body = view(&emu, &auditor, &uuid).await;
    assert_eq!(body["phase"], "cannot_load");
    assert_eq!(body["error"], "Redis may be down. Please contact support.");
    // …but a terminal build does not read it.
    let uuid = make("error", &|b| b.status_error = Some(reason.into()));
    assert_eq!(view(&emu, &token, &uuid).await["phase"], "error");
}

#[tokio::test]
async fn repository_permissions_decide_writer_trigger_and_archive_fields() {
    let (emu, token) = registry("").await;
    let mut b = example("testorg", "repo");
    b.uuid = None;
    b.resource_key = Some("4dd1e6a6-4bd1-4c58-a2a8-c06f1b7b2a5e".into());
    b.pull_robot = Some("testorg+bot".into());
    b.job_config["is_manual"] = json!(false);
    b.trigger = Some(NewBuildTrigger {
        service: "github".into(),
        config: json!({"build_source": "testorg/repo", "hook_id": 7, "dockerfile_path": "/"}),
        connected_user: "admin".into(),
    });
    let uuid = build(&emu, &b);
    let robot = json!({"name": "testorg+bot", "kind": "user", "is_robot": true});

    // The initialize token carries repo:admin and admin owns testorg: everything.
    let body = view(&emu, &token, &uuid).await;
    assert_eq!(body["id"], uuid.as_str());
    assert!(body["trigger"]["id"].as_str().unwrap().len() == 36);
    insta::assert_json_snapshot!("all_rights", body, {
        ".id" => "[uuid]", ".trigger.id" => "[uuid]"
    });

    // Tokens are capped by their repo scopes; super:user alone gives no repository rights.
    for (scope, writer, reader, admin) in [
        ("super:user", false, false, false),
        ("super:user repo:read", false, true, false),
        ("super:user repo:write", true, true, false),
        ("super:user repo:admin", true, true, true),
    ] {
        let t = emu.insert_token("admin", scope, far_future());
        let body = view(&emu, &t, &uuid).await;
        assert_eq!(body["is_writer"], writer, "{scope}");
        assert_eq!(body["archive_url"].is_string(), writer, "{scope}");
        assert_eq!(
            body["trigger_metadata"],
            if reader {
                json!({"commit": "a1b2c3d"})
            } else {
                Value::Null
            },
            "{scope}"
        );
        let trigger = &body["trigger"];
        assert_eq!(trigger["is_active"], true, "{scope}");
        assert_eq!(trigger["service"], "github", "{scope}");
        assert_eq!(trigger["build_source"].is_string(), reader, "{scope}");
        assert_eq!(trigger["repository_url"].is_string(), reader, "{scope}");
        assert_eq!(trigger["can_invoke"], admin, "{scope}");
        assert_eq!(trigger["config"] == json!({}), !admin, "{scope}");
        assert_eq!(body["pull_robot"], robot, "{scope}");
    }
    // A session may do everything its user may.
    let (cookie, _) = emu.signed_in("admin", "password1").await;
    let resp = emu
        .client
        .get(emu.url(&status_path(&uuid)))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["is_writer"], true);
    assert_eq!(body["trigger"]["can_invoke"], true);

    // Without a resource key a writer gets the job's archive URL, if it has one.
    let mut b = example("testorg", "repo");
    b.uuid = None;
    b.job_config["archive_url"] = json!("https://example.com/context.tar.gz");
    let uuid = build(&emu, &b);
    assert_eq!(
        view(&emu, &token, &uuid).await["archive_url"],
        "https://example.com/context.tar.gz"
    );
    let mut b = example("testorg", "repo");
    b.uuid = None;
    let uuid = build(&emu, &b);
    assert!(view(&emu, &token, &uuid).await.get("archive_url").is_none());
}

#[tokio::test]
async fn trigger_services_and_full_access_superusers() {
    let (emu, token) = registry(
        "FEATURE_SUPERUSERS_FULL_ACCESS: true\n\
         GITLAB_TRIGGER_CONFIG: {GITLAB_ENDPOINT: 'https://gitlab.example.com/'}\n",
    )
    .await;
    let only_super = emu.insert_token("admin", "super:user", far_future());
    let auditor = emu.insert_token("auditor", "user:read", far_future());
    for (service, config, active, url) in [
        (
            "gitlab",
            json!({"build_source": "team/app", "hook_id": 1}),
            true,
            json!("https://gitlab.example.com/team/app"),
        ),
        (
            "bitbucket",
            json!({"build_source": "team/app", "webhook_id": "w"}),
            true,
            json!("https://bitbucket.org/team/app"),
        ),
        (
            "bitbucket",
            json!({"build_source": "team/app", "hook_id": 1}),
            false,
            json!("https://bitbucket.org/team/app"),
        ),
        (
            "custom-git",
            json!({"build_source": "git@git.example.com:team/app.git"}),
            false,
            Value::Null,
        ),
        (
            "custom-git",
            json!({"build_source": "git@x:y.git", "credentials": []}),
            true,
            Value::Null,
        ),
        ("github", json!({"hook_id": 1}), true, Value::Null),
    ] {
        // A build in otherorg, where admin is no member: full access decides.
        let mut b = example("otherorg", "app");
        b.uuid = None;
        b.trigger = Some(NewBuildTrigger {
            service: service.into(),
            config: config.clone(),
            connected_user: "alice".into(),
        });
        let uuid = build(&emu, &b);
        let body = view(&emu, &only_super, &uuid).await;
        let what = format!("{service} {config}");
        assert_eq!(body["is_writer"], true, "{what}");
        assert_eq!(body["trigger"]["is_active"], active, "{what}");
        assert_eq!(body["trigger"]["repository_url"], url, "{what}");
        assert_eq!(
            body["trigger"]["build_source"], config["build_source"],
            "{what}"
        );
        assert_eq!(body["trigger"]["config"], config, "{what}");
        assert_eq!(body["trigger"]["can_invoke"], true, "{what}");
        // Read-only superusers get no repository rights from full access.
        let body = view(&emu, &auditor, &uuid).await;
        assert_eq!(body["is_writer"], false, "{what}");
        assert_eq!(body["trigger"]["build_source"], Value::Null, "{what}");
        assert_eq!(body["trigger"]["config"], json!({}), "{what}");
        assert_eq!(body["trigger_metadata"], Value::Null, "{what}");
    }
    // The initialize token too (it has super:user).
    let uuid = build(&emu, &{
        let mut b = example("otherorg", "app");
        b.uuid = None;
        b
    });
    assert_eq!(view(&emu, &token, &uuid).await["is_writer"], true);
}

#[tokio::test]
async fn logs_from_start_with_redis_semantics() {
    let (emu, token) = registry("").await;
    let entries = vec![
        json!({"message": "build-scheduled", "type": "phase", "data": {}}),
        json!({"message": "Step 1/2 : FROM alpine", "type": "command", "data": {}}),
        json!({"message": "some output"}),
        json!({"message": "<script>alert(1)</script> & \"quotes\" \u{65e5}\u{672c}"}),
        json!({"message": "failed", "type": "error", "data": {"code": 1}}),
    ];
    let mut b = NewBuild::new("otherorg", "app");
    b.phase = "error".into();
    b.logs = entries.clone();
    let uuid = build(&emu, &b);
    let logs = |query: &str| logs_path(&uuid) + query;

    let resp = emu.call(Method::GET, &logs(""), Some(&token), None).await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"start": 0, "total": 5, "logs": entries})
    );
    for (query, start, from) in [
        ("?start=2", 2, 2),
        ("?start=+3", 3, 3),
        ("?start=%203%20", 3, 3),
        ("?start=0005", 5, 5),
        ("?start=99", 99, 5),
        // Negative starts count from the end, as Redis' LRANGE does.
        ("?start=-2", -2, 3),
        ("?start=-10", -10, 0),
        ("?start=-0", 0, 0),
        // The first value counts.
        ("?start=4&start=x", 4, 4),
    ] {
        let (status, body) = get(&emu, &token, &logs(query)).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(
            body,
            json!({"start": start, "total": 5, "logs": entries[from..]}),
            "{query}"
        );
    }
    // Quay's int() raises (500); a 400 here (DEVIATIONS.md).
    for query in [
        "?start=abc",
        "?start=",
        "?start",
        "?start=1.5",
        "?start=0x10",
    ] {
        let resp = emu
            .call(Method::GET, &logs(query), Some(&token), None)
            .await;
        expect_shape_a(resp, 400, "invalid_request", "Invalid start index").await;
    }
    // An index beyond 64 bits: Redis refuses it and Quay reports an empty log.
    let resp = emu
        .call(
            Method::GET,
            &logs("?start=123456789012345678901234567890"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.text().await.unwrap(),
        "{\"start\": 123456789012345678901234567890, \"total\": 0, \"logs\": []}"
    );

    // Archived logs: the archive's URL (before `start` is read).
    let mut b = NewBuild::new("otherorg", "app");
    b.phase = "complete".into();
    b.logs_archived = true;
    let archived = build(&emu, &b);
    for query in ["", "?start=abc"] {
        let (status, body) = get(&emu, &token, &format!("{}{query}", logs_path(&archived))).await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            json!({"logs_url": format!("http://localhost:8080/logarchive/{archived}")})
        );
    }
    // An unreadable log store: nothing.
    let mut b = NewBuild::new("otherorg", "app");
    b.phase = "building".into();
    b.logs = entries.clone();
    b.status_error = Some("Cannot retrieve build logs: down".into());
    let down = build(&emu, &b);
    let (_, body) = get(&emu, &token, &format!("{}?start=1", logs_path(&down))).await;
    assert_eq!(body, json!({"start": 1, "total": 0, "logs": []}));
    // No entries yet.
    let empty = build(&emu, &NewBuild::new("otherorg", "app"));
    let (_, body) = get(&emu, &token, &logs_path(&empty)).await;
    assert_eq!(body, json!({"start": 0, "total": 0, "logs": []}));
}

#[tokio::test]
async fn a_running_build_grows_through_the_library() {
    let (emu, token) = registry("").await;
    let db = emu.db_path();
    let mut b = NewBuild::new("testorg", "repo");
    b.queue_retries = Some(3);
    let uuid = build(&emu, &b);
    assert_eq!(view(&emu, &token, &uuid).await["phase"], "waiting");

    assert_eq!(
        set_build_phase(&db, &uuid, "build-scheduled", json!({})).unwrap(),
        1
    );
    assert_eq!(
        set_build_phase(&db, &uuid, "pulling", json!({"base_image": "alpine"})).unwrap(),
        2
    );
    set_build_status(
        &db,
        &uuid,
        Some(json!({"total_commands": 3, "current_command": 0, "heartbeat": emu.now_s()})),
        None,
    )
    .unwrap();
    let body = view(&emu, &token, &uuid).await;
    assert_eq!(body["phase"], "pulling");
    assert_eq!(body["status"]["total_commands"], 3);
    let (_, body) = get(&emu, &token, &logs_path(&uuid)).await;
    assert_eq!(
        body["logs"],
        json!([{"message": "build-scheduled", "type": "phase"},
               {"message": "pulling", "type": "phase", "data": {"base_image": "alpine"}}])
    );

    // A client polls from where it stopped.
    let mut seen = 2;
    for step in 1..=3 {
        let lines: Vec<Value> = (0..step * 10)
            .map(|i| json!({"message": format!("step {step} line {i}")}))
            .collect();
        let total = append_build_logs(&db, &uuid, &lines).unwrap();
        let (_, body) = get(&emu, &token, &format!("{}?start={seen}", logs_path(&uuid))).await;
        assert_eq!(body["start"], seen);
        assert_eq!(body["total"], total);
        assert_eq!(body["logs"], json!(lines));
        seen = total;
    }
    set_build_phase(&db, &uuid, "complete", Value::Null).unwrap();
    let body = view(&emu, &token, &uuid).await;
    assert_eq!(body["phase"], "complete");
    assert_eq!(body["status"], json!({}));
    let (_, body) = get(&emu, &token, &format!("{}?start=-1", logs_path(&uuid))).await;
    assert_eq!(
        body["logs"],
        json!([{"message": "complete", "type": "phase"}])
    );

    // The helpers refuse what Quay would never store.
    assert!(set_build_phase(&db, &uuid, "expired", Value::Null).is_err());
    assert!(set_build_phase(&db, "nosuchbuild", "complete", Value::Null).is_err());
    assert!(append_build_logs(&db, "nosuchbuild", &[]).is_err());
    assert!(create_build(&db, &NewBuild::new("testorg", "nosuchrepo")).is_err());
    let mut dup = NewBuild::new("testorg", "repo");
    dup.uuid = Some(uuid.clone());
    assert!(create_build(&db, &dup).is_err());
}

#[tokio::test]
async fn access_rules_of_the_build_routes() {
    let (emu, token) = registry("").await;
    let uuid = build(&emu, &example("otherorg", "app"));
    let alice = emu.insert_token("alice", "super:user user:admin", far_future());
    let admin_without_scope = emu.insert_token("admin", "user:read user:admin", far_future());
    let auditor = emu.insert_token("auditor", "user:read", far_future());
    let (cookie, _) = emu.signed_in("admin", "password1").await;
    for path in [status_path(&uuid), build_path(&uuid), logs_path(&uuid)] {
        let resp = emu.call(Method::GET, &path, None, None).await;
        expect_shape_a(resp, 401, "invalid_token", "Requires authentication").await;
        // Unknown builds too: the access rule comes first.
        let resp = emu
            .call(Method::GET, &path.replace(&uuid, "nosuchbuild"), None, None)
            .await;
        assert_eq!(resp.status(), 401);
        for who in [&alice, &admin_without_scope] {
            let resp = emu.call(Method::GET, &path, Some(who), None).await;
            expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
        }
        for who in [&token, &auditor] {
            let (status, _) = get(&emu, who, &path).await;
            assert_eq!(status, 200, "{path}");
        }
        let resp = emu
            .client
            .get(emu.url(&path))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        // POST is not an operation of these routes.
        let resp = emu.call(Method::POST, &path, Some(&token), None).await;
        assert_eq!(resp.status(), 405, "{path}");
    }
    emu.sql("UPDATE sessions SET login_time = login_time - 601");
    for path in [status_path(&uuid), build_path(&uuid), logs_path(&uuid)] {
        let resp = emu
            .client
            .get(emu.url(&path))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        expect_shape_a(resp, 401, "fresh_login_required", "Requires fresh login").await;
    }
}

/// Every build of the demo data reads through all three routes, in every phase Quay shows.
#[tokio::test]
async fn demo_builds_read_in_every_phase() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let summary = quay_emulator::demo::seed_at(&db, 5, NOW_S).unwrap();
    let config_path = quay_emulator::demo::write_config(&db, &summary).unwrap();
    let config = quay_emulator::load_config(Some(&config_path), None).unwrap();
    let running = quay_emulator::start(test_options(&db).config(config))
        .await
        .unwrap();
    let emu = Emu {
        running,
        dir,
        client: client(),
    };
    let token = seed::create_access_token(&db, "admin", "super:user").unwrap();
    let uuids: Vec<(String, bool, i64)> = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT b.uuid, b.logs_archived, (SELECT COUNT(*) FROM build_log_lines l \
                 WHERE l.build_id = b.id) FROM builds b ORDER BY b.id",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(uuids.len(), summary.builds);
    let mut phases = BTreeSet::new();
    let mut longest = 0;
    for (uuid, archived, lines) in &uuids {
        let body = view(&emu, &token, uuid).await;
        assert_eq!(body["id"], uuid.as_str());
        assert!(body["started"].as_str().unwrap().ends_with(" -0000"));
        assert!(body["repository"]["namespace"].is_string());
        assert!(body["tags"].is_array());
        phases.insert(body["phase"].as_str().unwrap().to_string());
        if body["phase"] == "cannot_load" {
            assert!(body["error"]
                .as_str()
                .unwrap()
                .starts_with("Cannot retrieve"));
        }
        let (status, logs) = get(&emu, &token, &logs_path(uuid)).await;
        assert_eq!(status, 200);
        if *archived {
            assert!(logs["logs_url"].as_str().unwrap().ends_with(uuid.as_str()));
        } else if body["phase"] != "cannot_load" {
            assert_eq!(logs["total"], *lines, "{uuid}");
            assert_eq!(logs["logs"].as_array().unwrap().len() as i64, *lines);
            longest = longest.max(*lines);
        }
    }
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
        "expired",
        "cannot_load",
    ] {
        assert!(phases.contains(phase), "no {phase} build in {phases:?}");
    }
    // The long build pages by `start`.
    assert!(longest > 5_000, "{longest}");
    let (uuid, _, total) = uuids.iter().find(|(_, _, n)| *n == longest).unwrap();
    let (_, tail) = get(&emu, &token, &format!("{}?start=5000", logs_path(uuid))).await;
    assert_eq!(tail["total"], *total);
    assert_eq!(tail["logs"].as_array().unwrap().len() as i64, total - 5_000);
    let (_, all) = get(&emu, &token, &logs_path(uuid)).await;
    assert_eq!(tail["logs"][0], all["logs"][5_000]);
}
