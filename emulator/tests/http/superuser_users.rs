//! Superuser users, take ownership and the recovery e-mail, over HTTP (Quay:
//! `endpoints/api/superuser.py`).

use std::collections::HashSet;

use crate::common::*;
use quay_emulator::testing::{avatar, seed};
use reqwest::Method;
use serde_json::{json, Value};

const USERS: &str = "/api/v1/superuser/users/";

fn user_path(name: &str) -> String {
    format!("/api/v1/superuser/users/{name}")
}

/// The metadata every entry written with the initialize token carries (Quay's `log_action`).
fn with_token_keys(mut meta: Value) -> Value {
    meta["oauth_token_id"] = json!(1);
    meta["oauth_token_application_id"] = json!("admin");
    meta["oauth_token_application"] = json!("automation");
    meta
}

async fn create(emu: &Emu, token: &str, body: Value) -> reqwest::Response {
    emu.call(Method::POST, USERS, Some(token), Some(body)).await
}

async fn list(emu: &Emu, token: &str, query: &str) -> Value {
    let (status, body) = emu.get_json(&format!("{USERS}{query}"), token).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect()
}

/// A user that exists only in the database; `enabled` as given.
fn seed(emu: &Emu, name: &str, enabled: bool) {
    emu.bulk_users(name, 1);
    emu.sql(&format!(
        "UPDATE users SET username = '{name}', email = '{name}@example.com', enabled = {} \
         WHERE username = '{name}00000'",
        i32::from(enabled)
    ));
}

#[tokio::test]
async fn list_shows_users_with_quay_views() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    seed(&emu, "alice", true);
    emu.sql(
        "INSERT INTO quotas (id, namespace_id, limit_bytes) SELECT 2, id, 524288000 FROM users \
         WHERE username = 'alice'; \
         INSERT INTO quota_limits (quota_id, limit_type, percent_of_limit) VALUES (2, 'Warning', 80); \
         INSERT INTO namespace_size (namespace_id, size_bytes, backfill_start_ms, \
         backfill_complete) SELECT id, 1234, 1700000000000, 1 FROM users WHERE username = 'alice';",
    );
    // Organizations and robots are never listed.
    emu.seed_user("carol", "password1");
    seed::create_organization(&emu.db_path(), "testorg", "t@example.com", "carol").unwrap();
    emu.sql(
        "INSERT INTO users (uuid, username, email, robot, removed_tag_expiration_s, \
         creation_date) VALUES ('r', 'testorg+bot', 'r', 1, 0, 0)",
    );

    let resp = emu.call(Method::GET, USERS, Some(&token), None).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    assert_eq!(keys(&body), ["users"], "no next_page without a limit");
    assert_eq!(names(&body, "users"), ["admin", "alice", "carol"]);
    insta::assert_json_snapshot!("listed", body);
}

#[tokio::test]
async fn quota_keys_need_quota_management_and_edit_quota() {
    for extra in [
        "FEATURE_QUOTA_MANAGEMENT: false\n",
        "FEATURE_EDIT_QUOTA: false\n",
    ] {
        let emu = emulator_with(config_with(extra)).await;
        let token = emu.admin_token("admin").await;
        let body = list(&emu, &token, "").await;
        let user = &body["users"][0];
        assert!(user.get("quotas").is_none() && user.get("quota_report").is_none());
        let (_, one) = emu.get_json(&user_path("admin"), &token).await;
        assert!(one.get("quotas").is_none(), "{extra}");
    }
    // A configured system default quota shows as the configured quota.
    let emu = emulator_with(config_with("DEFAULT_SYSTEM_REJECT_QUOTA_BYTES: 1000\n")).await;
    let token = emu.admin_token("admin").await;
    let body = list(&emu, &token, "").await;
    assert_eq!(body["users"][0]["quota_report"]["configured_quota"], 1000);
    assert_eq!(body["users"][0]["quotas"], json!([]));
}

#[tokio::test]
async fn pagination_walks_thousands_of_users_without_gaps() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.bulk_users("user", 1250);
    // Organizations in between do not disturb the id-based pages.
    emu.seed_user("orgowner", "password1");
    for i in 0..5 {
        seed::create_organization(
            &emu.db_path(),
            &format!("org{i}"),
            "o@example.com",
            "orgowner",
        )
        .unwrap();
    }
    emu.bulk_users("zuser", 1250);
    let expected_total = 1 + 1250 + 1 + 1250;

    let started = std::time::Instant::now();
    let all = list(&emu, &token, "").await;
    let full = started.elapsed();
    assert_eq!(all["users"].as_array().unwrap().len(), expected_total);
    assert!(all.get("next_page").is_none());
    assert!(
        full < std::time::Duration::from_secs(10),
        "listing {expected_total} users took {full:?}"
    );

    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = match &next {
            None => "?limit=100".to_string(),
            Some(t) => format!(
                "?limit=100&next_page={}",
                percent_encoding::utf8_percent_encode(t, percent_encoding::NON_ALPHANUMERIC)
            ),
        };
        let page = list(&emu, &token, &query).await;
        let items = names(&page, "users");
        assert!(items.len() <= 100);
        pages += 1;
        seen.extend(items);
        match page.get("next_page") {
            Some(Value::String(t)) => {
                assert!(t.starts_with("gAAAAA"), "Fernet-like token {t}");
                assert!(t
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)));
                next = Some(t.clone());
            }
            None => break,
            other => panic!("next_page {other:?}"),
        }
        assert!(pages < 100, "runaway pagination");
    }
    assert_eq!(pages, expected_total.div_ceil(100));
    assert_eq!(seen.len(), expected_total, "no gap");
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), expected_total, "no duplicate");
    assert_eq!(
        seen,
        names(&all, "users"),
        "id order, same as the full list"
    );
}

#[tokio::test]
async fn limits_and_tokens() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.bulk_users("u", 150);
    let page = list(&emu, &token, "?limit=100").await;
    assert_eq!(page["users"].as_array().unwrap().len(), 100);
    let first = names(&page, "users");
    let resp = emu
        .call(
            Method::GET,
            &format!("{USERS}?limit=101"),
            Some(&token),
            None,
        )
        .await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "Page limit cannot be above 100",
    )
    .await;
    // Not an integer: flask-restful's 400 with the parameter's help text.
    for bad in ["abc", "1.5", ""] {
        let resp = emu
            .call(
                Method::GET,
                &format!("{USERS}?limit={bad}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(resp.status(), 400, "{bad}");
        assert_default_cors(resp.headers());
        let body: Value = resp.json().await.unwrap();
        assert_eq!(
            body,
            json!({"message": {"limit": "Limit to the number of results to return per page. Max 100."}})
        );
    }
    // A garbage, truncated or foreign token is ignored: the first page.
    let next = page["next_page"].as_str().unwrap().to_string();
    let other = emulator().await;
    let other_token = other.admin_token("admin").await;
    other.bulk_users("u", 150);
    let foreign = list(&other, &other_token, "?limit=5").await["next_page"]
        .as_str()
        .unwrap()
        .to_string();
    for garbage in [
        "garbage".to_string(),
        next[..next.len() - 8].to_string(),
        foreign,
    ] {
        let q = format!(
            "?limit=100&next_page={}",
            percent_encoding::utf8_percent_encode(&garbage, percent_encoding::NON_ALPHANUMERIC)
        );
        assert_eq!(names(&list(&emu, &token, &q).await, "users"), first);
    }
    // The token is ignored without a limit; limit=0 is an empty page pointing at the first user.
    let q = format!("?next_page={next}");
    assert_eq!(
        list(&emu, &token, &q).await["users"]
            .as_array()
            .unwrap()
            .len(),
        151
    );
    let zero = list(&emu, &token, "?limit=0").await;
    assert_eq!(zero["users"], json!([]));
    assert!(zero["next_page"].is_string());
    // The second page continues where the first stopped.
    let q = format!(
        "?limit=100&next_page={}",
        percent_encoding::utf8_percent_encode(&next, percent_encoding::NON_ALPHANUMERIC)
    );
    let second = list(&emu, &token, &q).await;
    assert_eq!(second["users"].as_array().unwrap().len(), 51);
    assert!(second.get("next_page").is_none());
}

#[tokio::test]
async fn disabled_filter_reads_inverted_and_deleted_users_never_show() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    seed(&emu, "alice", true);
    seed(&emu, "dave", false);
    seed(&emu, "gone", true);
    let resp = emu
        .call(Method::DELETE, &user_path("gone"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 204);

    assert_eq!(
        names(&list(&emu, &token, "").await, "users"),
        ["admin", "alice", "dave"]
    );
    for truthy in ["true", "1", "yes", "True"] {
        let body = list(&emu, &token, &format!("?disabled={truthy}")).await;
        assert_eq!(
            names(&body, "users"),
            ["admin", "alice", "dave"],
            "{truthy}"
        );
    }
    for falsy in ["false", "False", "FALSE", "0", "null", ""] {
        let body = list(&emu, &token, &format!("?disabled={falsy}")).await;
        assert_eq!(names(&body, "users"), ["admin", "alice"], "{falsy}");
        let body = list(&emu, &token, &format!("?disabled={falsy}&limit=1")).await;
        assert_eq!(names(&body, "users"), ["admin"]);
    }
    let dave = &list(&emu, &token, "").await["users"][2];
    assert_eq!(dave["enabled"], json!(false));
}

#[tokio::test]
async fn create_user_with_a_temporary_password() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    let resp = create(
        &emu,
        &token,
        json!({"username": "alice", "email": "alice@example.com"}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    insta::assert_json_snapshot!("created", body, {
        ".password" => "[password]", ".encrypted_password" => "[encrypted]"
    });
    let password = body["password"].as_str().unwrap();
    assert_eq!(password.len(), 32);
    assert!(password
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
    let encrypted = body["encrypted_password"].as_str().unwrap();
    assert_eq!(encrypted.len(), 108, "16-byte IV + 64 bytes of ciphertext");
    // The temporary password signs in.
    emu.signed_in("alice", password).await;

    // Without an e-mail (mailing off): `null` echoed, a UUID stored, verified.
    let resp = create(&emu, &token, json!({"username": "bob"})).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["email"], Value::Null);
    let (_, bob) = emu.get_json(&user_path("bob"), &token).await;
    assert!(uuid_like(bob["email"].as_str().unwrap()), "{bob}");
    assert_eq!(bob["verified"], json!(true));
    assert_eq!(
        bob["avatar"]["hash"],
        avatar::avatar_hash("bob", bob["email"].as_str())
    );
    // A duplicate e-mail is accepted with mailing off.
    let resp = create(
        &emu,
        &token,
        json!({"username": "carol", "email": "alice@example.com"}),
    )
    .await;
    assert_eq!(resp.status(), 200);

    let logs = emu.logs_of("user_create");
    assert_eq!(logs.len(), 3);
    assert_eq!(logs[0].account_name.as_deref(), Some("alice"));
    assert_eq!(logs[0].performer_name.as_deref(), Some("admin"));
    assert_eq!(
        logs[0].metadata,
        with_token_keys(json!({"email": "alice@example.com", "username": "alice",
                               "superuser": "admin"}))
    );
    assert_eq!(
        logs[1].metadata,
        with_token_keys(json!({"email": null, "username": "bob", "superuser": "admin"}))
    );
    assert!(emu.outbox().is_empty(), "no mail with mailing off");
}

async fn put_user(emu: &Emu, token: &str, name: &str, body: Value) -> reqwest::Response {
    emu.call(Method::PUT, &user_path(name), Some(token), Some(body))
        .await
}

async fn take_ownership(emu: &Emu, token: &str, namespace: &str) -> reqwest::Response {
    let path = format!("/api/v1/superuser/takeownership/{namespace}");
    emu.call(Method::POST, &path, Some(token), None).await
}

fn uuid_like(text: &str) -> bool {
    text.len() == 36 && text.chars().filter(|c| *c == '-').count() == 4
}

#[tokio::test]
async fn create_user_errors() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("carol", "password1");
    seed::create_organization(&emu.db_path(), "testorg", "t@example.com", "carol").unwrap();
    seed(&emu, "gone", true);
    assert_eq!(
        emu.call(Method::DELETE, &user_path("gone"), Some(&token), None)
            .await
            .status(),
        204
    );

    let resp = create(&emu, &token, json!({"email": "nobody@example.com"})).await;
    expect_shape_a(resp, 400, "invalid_request",
        "'username' is a required property\n\nFailed validating 'required' in schema:\n    {'description': 'Data for creating a user',\n     'id': 'CreateInstallUser',\n     'properties': {'email': {'description': 'The email address of the '\n                                             'user being created',\n                              'type': 'string'},\n                    'username': {'description': 'The username of the user '\n                                                'being created',\n                                 'type': 'string'}},\n     'required': ['username']}\n\nOn instance:\n    {'email': 'nobody@example.com'}").await;
    let resp = create(&emu, &token, json!({"username": 123})).await;
    expect_shape_a(resp, 400, "invalid_request",
        "123 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['username']:\n    {'description': 'The username of the user being created',\n     'type': 'string'}\n\nOn instance['username']:\n    123").await;
    let resp = create(&emu, &token, json!({"username": "x", "email": null})).await;
    expect_shape_a(resp, 400, "invalid_request",
        "None is not of type 'string'\n\nFailed validating 'type' in schema['properties']['email']:\n    {'description': 'The email address of the user being created',\n     'type': 'string'}\n\nOn instance['email']:\n    None").await;
    // Quay crashes on a body that is not an object (DEVIATIONS.md).
    let resp = create(&emu, &token, json!(["alice"])).await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "['alice'] is not of type 'object'",
    )
    .await;
    let resp = create(&emu, &token, json!("alice")).await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "'alice' is not of type 'object'",
    )
    .await;
    let resp = emu
        .client
        .post(emu.url(USERS))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_default_cors(resp.headers());
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"message": "The browser (or proxy) sent a request that this server could not understand."})
    );
    // Model errors: shape B2 without CORS.
    for (username, message) in [
        (
            "carol",
            "Username has already been taken by user cannot be reused: carol",
        ),
        (
            "testorg",
            "Username has already been taken by an organization and cannot be reused: testorg",
        ),
        (
            "Bad Name!",
            "Invalid namespace Bad Name!: Namespace must match expression ^([a-z0-9]+(?:[._-][a-z0-9]+)*)$",
        ),
        (
            "x",
            "Invalid namespace x: Namespace must be between 2 and 255 characters in length",
        ),
        ("gone", "Username is not available"),
    ] {
        let resp = create(&emu, &token, json!({ "username": username })).await;
        expect_model_error(resp, message).await;
    }
    assert!(emu.logs_of("user_create").is_empty());
}

#[tokio::test]
async fn create_user_with_mailing_on_needs_a_unique_email_and_sends_a_confirmation() {
    let emu = emulator_with(config_with("FEATURE_MAILING: true\n")).await;
    let token = emu.admin_token("admin").await;
    for (body, message) in [
        (json!({"username": "alice"}), "Invalid email address: None"),
        (
            json!({"username": "alice", "email": "not-an-email"}),
            "Invalid email address: not-an-email",
        ),
        (
            json!({"username": "alice", "email": ""}),
            "Invalid email address: ",
        ),
        (
            json!({"username": "alice", "email": "admin@example.com"}),
            "Email has already been used: admin@example.com",
        ),
        // The e-mail is checked before the name.
        (
            json!({"username": "Bad!", "email": "x"}),
            "Invalid email address: x",
        ),
    ] {
        expect_model_error(create(&emu, &token, body).await, message).await;
    }
    let resp = create(
        &emu,
        &token,
        json!({"username": "alice", "email": "alice@example.com"}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let (_, alice) = emu.get_json(&user_path("alice"), &token).await;
    assert_eq!(alice["verified"], json!(false));
    let mail = emu.outbox();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].recipient, "alice@example.com");
    assert_eq!(
        mail[0].subject,
        "[Project Quay] Please confirm your e-mail address"
    );
    assert!(mail[0]
        .body
        .contains("This email address was used to register user alice."));
    assert!(mail[0].body.contains("http://localhost:8080/confirm?code="));
    assert!(mail[0]
        .html
        .contains("href=\"http://localhost:8080/confirm?code="));
}

#[tokio::test]
async fn create_user_in_a_non_database_auth_system() {
    let emu = emulator_with(config_with("AUTHENTICATION_TYPE: LDAP\n")).await;
    // Initialize refuses too: the superuser comes from the library.
    emu.seed_user("admin", "password1");
    let token = emu.insert_token("admin", "super:user", far_future());
    let resp = create(&emu, &token, json!({"username": "alice"})).await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "Cannot create a user in a non-database auth system",
    )
    .await;
    // Checked before the permission: a non-superuser gets the same 400.
    emu.seed_user("bob", "password1");
    let bob = emu.insert_token("bob", "super:user", far_future());
    let resp = create(&emu, &bob, json!({"username": "alice"})).await;
    assert_eq!(resp.status(), 400);
    let resp = emu
        .call(
            Method::PUT,
            &user_path("bob"),
            Some(&token),
            Some(json!({"password": "newpassword1"})),
        )
        .await;
    expect_shape_a(
        resp,
        400,
        "invalid_request",
        "Cannot change password in non-database auth",
    )
    .await;
}

#[tokio::test]
async fn callers_without_superuser_rights() {
    let emu = emulator_with(config_with("GLOBAL_READONLY_SUPER_USERS: [reader]\n")).await;
    emu.admin_token("admin").await;
    emu.seed_user("alice", "password1");
    emu.seed_user("reader", "password1");
    let alice = emu.insert_token("alice", "super:user user:admin", far_future());
    let admin_no_scope = emu.insert_token("admin", "user:read user:admin org:admin", far_future());

    for (method, path) in [
        (Method::GET, USERS.to_string()),
        (Method::GET, user_path("alice")),
        (Method::DELETE, user_path("alice")),
        (Method::POST, "/api/v1/superuser/takeownership/alice".into()),
    ] {
        // Anonymous: 401 for reads, the CSRF 403 for writes.
        let resp = emu.call(method.clone(), &path, None, None).await;
        if method == Method::GET {
            expect_shape_a(resp, 401, "invalid_token", "Requires authentication").await;
        } else {
            assert_eq!(resp.status(), 403);
            assert_eq!(
                Emu::shape_c(resp).await,
                json!({"error": "CSRF token was invalid or missing."})
            );
        }
        for t in [&alice, &admin_no_scope] {
            let resp = emu.call(method.clone(), &path, Some(t), None).await;
            expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
        }
    }
    // The body is validated before the permission (README.md, "The API layer's checks").
    let resp = create(&emu, &alice, json!({})).await;
    assert_eq!(resp.status(), 400);
    let resp = create(&emu, &alice, json!({"username": "zed"})).await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    // So are the list's arguments.
    let resp = emu
        .call(
            Method::GET,
            &format!("{USERS}?limit=abc"),
            Some(&alice),
            None,
        )
        .await;
    assert_eq!(resp.status(), 400);

    // A global read-only superuser reads (whatever its token's scopes) but writes nothing.
    let reader = emu.insert_token("reader", "user:read", far_future());
    let (status, body) = emu.get_json(USERS, &reader).await;
    assert_eq!(status, 200);
    let me = body["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "reader")
        .unwrap();
    assert_eq!(me["global_readonly_super_user"], json!(true));
    assert_eq!(me["super_user"], json!(false));
    assert_eq!(emu.get_json(&user_path("alice"), &reader).await.0, 200);
    let reader_su = emu.insert_token("reader", "super:user", far_future());
    let resp = create(&emu, &reader_su, json!({"username": "zed"})).await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    let resp = emu
        .call(Method::DELETE, &user_path("alice"), Some(&reader_su), None)
        .await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
}

#[tokio::test]
async fn get_one_user() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("carol", "password1");
    seed::create_organization(&emu.db_path(), "testorg", "t@example.com", "carol").unwrap();
    let (status, admin) = emu.get_json(&user_path("admin"), &token).await;
    assert_eq!(status, 200);
    insta::assert_json_snapshot!("admin", admin);
    let (status, carol) = emu.get_json(&user_path("carol"), &token).await;
    assert_eq!(status, 200);
    insta::assert_json_snapshot!("carol", carol);
    for missing in ["nobody", "testorg"] {
        let resp = emu
            .call(Method::GET, &user_path(missing), Some(&token), None)
            .await;
        expect_shape_a(resp, 404, "not_found", "Not Found").await;
    }
}

#[tokio::test]
async fn change_user_answers_with_the_pre_change_view() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("bob", "password1");
    let bob_token = emu.insert_token("bob", "user:read", far_future());
    let bob_path = user_path("bob");
    let put = |body: Value| emu.json_call(Method::PUT, &bob_path, Some(&token), Some(body));

    // Disabling: the answer still says enabled; bob's token stops working.
    let (status, view) = put(json!({"enabled": false})).await;
    assert_eq!(status, 200);
    assert_eq!(view["enabled"], json!(true));
    assert_eq!(emu.get_user(Some(&bob_token)).await.status(), 401);
    let (_, again) = emu.get_json(&user_path("bob"), &token).await;
    assert_eq!(again["enabled"], json!(false));
    // Re-enabling answers `false`.
    let (_, view) = put(json!({"enabled": true})).await;
    assert_eq!(view["enabled"], json!(false));
    assert_eq!(emu.get_user(Some(&bob_token)).await.status(), 200);

    // E-mail: the new address, but the avatar of the old one; marked verified.
    emu.sql("UPDATE users SET verified = 0 WHERE username = 'bob'");
    let (status, view) = put(json!({"email": "bob2@example.com"})).await;
    assert_eq!(status, 200);
    assert_eq!(view["email"], "bob2@example.com");
    assert_eq!(
        view["avatar"]["hash"],
        avatar::avatar_hash("bob", Some("bob@example.com"))
    );
    assert_eq!(
        view["verified"],
        json!(false),
        "the value before the change"
    );
    let (_, now) = emu.get_json(&user_path("bob"), &token).await;
    assert_eq!(now["verified"], json!(true));
    assert_eq!(
        now["avatar"]["hash"],
        avatar::avatar_hash("bob", Some("bob2@example.com"))
    );
    // Bad and duplicate e-mails are accepted.
    assert_eq!(put(json!({"email": "not-an-email"})).await.0, 200);
    assert_eq!(put(json!({"email": "admin@example.com"})).await.0, 200);

    // Password: `encrypted_password` is appended; the new password signs in.
    let (status, view) = put(json!({"password": "newpassword1"})).await;
    assert_eq!(status, 200);
    assert!(view["encrypted_password"].as_str().unwrap().len() >= 64);
    assert!(view.get("password").is_none());
    emu.signed_in("bob", "newpassword1").await;

    // `{}` changes nothing; unknown keys are ignored.
    let (status, view) = put(json!({"superuser": true, "other": 1})).await;
    assert_eq!(status, 200);
    insta::assert_json_snapshot!("unchanged", view);

    let meta = |extra: Value| {
        let mut m = with_token_keys(json!({"superuser": "admin"}));
        m.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        m
    };
    let disable = emu.logs_of("user_disable");
    assert_eq!(disable.len(), 1);
    assert_eq!(disable[0].account_name.as_deref(), Some("bob"));
    assert_eq!(disable[0].metadata, meta(json!({"username": "bob"})));
    assert_eq!(
        emu.logs_of("user_enable")[0].metadata,
        meta(json!({"username": "bob"}))
    );
    let emails = emu.logs_of("user_change_email");
    assert_eq!(emails.len(), 3);
    assert_eq!(
        emails[0].metadata,
        meta(json!({"old_email": "bob@example.com", "email": "bob2@example.com"}))
    );
    assert_eq!(
        emails[1].metadata,
        meta(json!({"old_email": "bob2@example.com", "email": "not-an-email"}))
    );
    assert_eq!(
        emu.logs_of("user_change_password")[0].metadata,
        meta(json!({"username": "bob"}))
    );
}

#[tokio::test]
async fn change_user_errors() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("bob", "password1");
    let put = |name: &'static str, body: Value| put_user(&emu, &token, name, body);
    expect_shape_a(
        put("nobody", json!({})).await,
        404,
        "not_found",
        "Not Found",
    )
    .await;
    expect_shape_a(
        put("admin", json!({"enabled": false})).await,
        400,
        "invalid_request",
        "Cannot update a superuser",
    )
    .await;
    expect_shape_a(put("bob", json!({"enabled": "yes"})).await, 400, "invalid_request",
        "'yes' is not of type 'boolean'\n\nFailed validating 'type' in schema['properties']['enabled']:\n    {'description': 'Whether the user is enabled', 'type': 'boolean'}\n\nOn instance['enabled']:\n    'yes'").await;
    expect_shape_a(put("bob", json!({"password": 5})).await, 400, "invalid_request",
        "5 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['password']:\n    {'description': 'The new password for the user', 'type': 'string'}\n\nOn instance['password']:\n    5").await;
    expect_shape_a(put("bob", json!({"email": 5})).await, 400, "invalid_request",
        "5 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['email']:\n    {'description': 'The new e-mail address for the user', 'type': 'string'}\n\nOn instance['email']:\n    5").await;
    expect_shape_a(put("bob", json!([1])).await, 400, "invalid_request",
        "[1] is not of type 'object'\n\nFailed validating 'type' in schema:\n    {'description': 'Description of updates for a user',\n     'id': 'UpdateUser',\n     'properties': {'email': {'description': 'The new e-mail address for '\n                                             'the user',\n                              'type': 'string'},\n                    'enabled': {'description': 'Whether the user is '\n                                               'enabled',\n                                'type': 'boolean'},\n                    'password': {'description': 'The new password for the '\n                                                'user',\n                                 'type': 'string'}},\n     'type': 'object'}\n\nOn instance:\n    [1]").await;
    assert!(emu.logs().is_empty(), "nothing logged so far");

    // A short password: logged first, then refused (B2); later fields are not applied.
    let resp = put("bob", json!({"password": "short", "enabled": false})).await;
    expect_model_error(
        resp,
        "Invalid password, password must be at least 8 characters and contain no whitespace.",
    )
    .await;
    assert_eq!(emu.logs_of("user_change_password").len(), 1);
    assert!(emu.logs_of("user_disable").is_empty());
    let (_, bob) = emu.get_json(&user_path("bob"), &token).await;
    assert_eq!(bob["enabled"], json!(true));
    emu.signed_in("bob", "password1").await;
}

#[tokio::test]
async fn delete_user_marks_it_deleted() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("bob", "password1");
    let bob_token = emu.insert_token("bob", "user:read", far_future());
    emu.seed_user("carol", "password1");
    seed::create_organization(&emu.db_path(), "testorg", "t@example.com", "carol").unwrap();

    let resp = emu
        .call(Method::DELETE, &user_path("bob"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    assert!(resp.text().await.unwrap().is_empty());

    assert_eq!(
        emu.get_user(Some(&bob_token)).await.status(),
        401,
        "tokens die"
    );
    let resp = emu
        .call(Method::GET, &user_path("bob"), Some(&token), None)
        .await;
    expect_shape_a(resp, 404, "not_found", "Not Found").await;
    let resp = emu
        .call(Method::DELETE, &user_path("bob"), Some(&token), None)
        .await;
    expect_shape_a(resp, 404, "not_found", "Not Found").await;
    expect_model_error(
        create(&emu, &token, json!({"username": "bob"})).await,
        "Username is not available",
    )
    .await;
    // Renamed to a UUID with a UUID e-mail, disabled; the log entry follows the rename.
    let logs = emu.logs_of("user_delete");
    assert_eq!(logs.len(), 1);
    let renamed = logs[0].account_name.clone().unwrap();
    assert!(uuid_like(&renamed), "{renamed}");
    assert_eq!(
        logs[0].metadata,
        with_token_keys(json!({"username": "bob"}))
    );
    let record = emu.storage().namespace_by_name(&renamed).unwrap().unwrap();
    assert!(!record.enabled && uuid_like(&record.email));
    assert_eq!(
        names(&list(&emu, &token, "?disabled=true").await, "users"),
        ["admin", "carol"]
    );

    for (name, status) in [("admin", 400), ("testorg", 404), ("nobody", 404)] {
        let resp = emu
            .call(Method::DELETE, &user_path(name), Some(&token), None)
            .await;
        if status == 400 {
            expect_shape_a(resp, 400, "invalid_request", "Cannot delete a superuser").await;
        } else {
            expect_shape_a(resp, 404, "not_found", "Not Found").await;
        }
    }
}

#[tokio::test]
async fn deleting_a_disabled_user_is_a_silent_no_op() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    seed(&emu, "dave", false);
    let resp = emu
        .call(Method::DELETE, &user_path("dave"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 204);
    let (status, dave) = emu.get_json(&user_path("dave"), &token).await;
    assert_eq!(status, 200, "still there");
    assert_eq!(dave["enabled"], json!(false));
    assert_eq!(
        names(&list(&emu, &token, "").await, "users"),
        ["admin", "dave"]
    );
    // Quay writes the log before finding nothing to do.
    assert_eq!(emu.logs_of("user_delete").len(), 1);
    assert_eq!(
        emu.logs_of("user_delete")[0].account_name.as_deref(),
        Some("dave")
    );
}

#[tokio::test]
async fn send_recovery_only_with_mailing() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("bob", "password1");
    let resp = emu
        .call(
            Method::POST,
            "/api/v1/superusers/users/bob/sendrecovery",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(resp.status(), 404, "no route without FEATURE_MAILING");

    let emu = emulator_with(config_with("FEATURE_MAILING: true\n")).await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("bob", "password1");
    emu.seed_user("carol", "password1");
    seed::create_organization(&emu.db_path(), "testorg", "t@example.com", "carol").unwrap();
    let path = |name: &str| format!("/api/v1/superusers/users/{name}/sendrecovery");
    let (status, body) = emu
        .json_call(Method::POST, &path("bob"), Some(&token), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"email": "bob@example.com"}));
    let mail = emu.outbox();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].recipient, "bob@example.com");
    assert_eq!(mail[0].subject, "[Project Quay] Account recovery");
    assert!(mail[0].body.contains(
        "A user at Project Quay has attempted to recover their access to the account \
         registered to this email address."
    ));
    let link = mail[0]
        .body
        .split("http://localhost:8080/recovery?code=")
        .nth(1)
        .expect("recovery link");
    let code = link.split_whitespace().next().unwrap();
    assert!(code.len() >= 40, "{code}");
    assert!(mail[0].html.contains(&format!("recovery?code={code}")));

    for (name, status, message) in [
        ("nobody", 404, "Not Found"),
        ("testorg", 404, "Not Found"),
        ("admin", 400, "Cannot send a recovery email for a superuser"),
    ] {
        let resp = emu
            .call(Method::POST, &path(name), Some(&token), None)
            .await;
        let kind = if status == 404 {
            "not_found"
        } else {
            "invalid_request"
        };
        expect_shape_a(resp, status, kind, message).await;
    }
    // Superusers only; GET is Quay's 308 catch-all.
    let bob = emu.insert_token("bob", "super:user", far_future());
    let resp = emu
        .call(Method::POST, &path("carol"), Some(&bob), None)
        .await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    let resp = emu
        .call(Method::GET, &path("bob"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 308);
    assert_eq!(emu.outbox().len(), 1);
}

#[tokio::test]
async fn take_ownership_of_a_user_converts_it() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("bob", "password1");
    let (status, body) = emu
        .json_call(
            Method::POST,
            "/api/v1/superuser/takeownership/bob",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"namespace": "bob"}));
    // Now an organization owned by the caller; bob can no longer sign in.
    assert_eq!(names(&list(&emu, &token, "").await, "users"), ["admin"]);
    let (_, orgs) = emu
        .get_json("/api/v1/superuser/organizations/", &token)
        .await;
    assert_eq!(names(&orgs, "organizations"), ["bob"]);
    let (_, org) = emu.get_json("/api/v1/organization/bob", &token).await;
    assert_eq!(org["is_admin"], json!(true));
    assert_eq!(org["ordered_teams"], json!(["owners"]));
    let (cookie, csrf) = emu.session().await;
    assert_ne!(
        emu.signin_raw(&cookie, Some(&csrf), "bob", "password1")
            .await
            .status(),
        200
    );
    let logs = emu.logs_of("take_ownership");
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].account_name.as_deref(), Some("admin"));
    assert_eq!(logs[0].performer_name.as_deref(), Some("admin"));
    let bob_id = emu.storage().namespace_by_name("bob").unwrap().unwrap().id;
    assert_eq!(
        logs[0].metadata,
        with_token_keys(
            json!({"entity_id": bob_id, "namespace": "bob", "was_user": true,
                               "superuser": "admin"})
        )
    );
}

#[tokio::test]
async fn take_ownership_of_an_organization_and_errors() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("carol", "password1");
    seed::create_organization(&emu.db_path(), "testorg", "t@example.com", "carol").unwrap();
    let take = |ns: &'static str| take_ownership(&emu, &token, ns);
    for _ in 0..2 {
        // Idempotent: already being an owner is no error.
        assert_eq!(take("testorg").await.status(), 200);
    }
    let (_, org) = emu.get_json("/api/v1/organization/testorg", &token).await;
    assert_eq!(org["teams"]["owners"]["member_count"], 2);
    assert_eq!(org["is_admin"], json!(true));
    let logs = emu.logs_of("take_ownership");
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0].metadata["was_user"], json!(false));
    assert_eq!(logs[0].metadata["namespace"], "testorg");

    expect_shape_a(
        take("admin").await,
        400,
        "invalid_request",
        "Cannot take ownership of a superuser",
    )
    .await;
    expect_shape_a(take("nobody").await, 404, "not_found", "Not Found").await;
    assert_eq!(emu.logs_of("take_ownership").len(), 2);
}
