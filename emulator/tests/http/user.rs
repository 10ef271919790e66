//! `GET /api/v1/user/` as Quay's `User.get` (`endpoints/api/user.py`) answers it: credentials,
//! scopes and the avatars of the views.

use crate::common::*;
use serde_json::{json, Value};

async fn expect_401(resp: reqwest::Response, base_url: &str) {
    assert_eq!(resp.status(), 401);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        json!({"session_required": false, "detail": "Requires authentication",
               "error_message": "Requires authentication", "error_type": "invalid_token",
               "title": "invalid_token", "type": format!("{base_url}/api/v1/error/invalid_token"),
               "status": 401})
    );
}

#[tokio::test]
async fn anonymous_and_bogus_tokens_get_401_with_session_required() {
    let emu = emulator().await;
    let base = emu.running.base_url();
    expect_401(emu.get_user(None).await, &base).await;
    expect_401(
        emu.get_user(Some("BOGUSTOKEN0000000000000000000000000000000"))
            .await,
        &base,
    )
    .await;
    expect_401(emu.get_user(Some("a.b.c")).await, &base).await;
}

#[tokio::test]
async fn error_type_url_uses_the_request_host() {
    let emu = emulator().await;
    let resp = emu
        .client
        .get(emu.url("/api/v1/user/"))
        .header("host", "registry.example:9999")
        .send()
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(
        body["type"],
        "http://registry.example:9999/api/v1/error/invalid_token"
    );
}

#[tokio::test]
async fn full_body_for_a_superuser_token() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    let resp = emu.get_user(Some(&token)).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    insta::assert_json_snapshot!("superuser", body);
}

#[tokio::test]
async fn non_superuser_has_no_super_user_key() {
    let emu = emulator().await;
    let token = emu.admin_token("alice").await;
    let body: Value = emu.get_user(Some(&token)).await.json().await.unwrap();
    assert!(body.get("super_user").is_none(), "{body}");
    insta::assert_json_snapshot!("alice", body);
}

#[tokio::test]
async fn scopes_shape_the_body() {
    let emu = emulator().await;
    emu.admin_token("admin").await;
    let read_only = emu.insert_token("admin", "user:read", far_future());
    let body: Value = emu.get_user(Some(&read_only)).await.json().await.unwrap();
    insta::assert_json_snapshot!("read_only", body);

    // super:user counts only together with read permission, and only then shows super_user.
    let read_super = emu.insert_token("admin", "user:read super:user", far_future());
    let body: Value = emu.get_user(Some(&read_super)).await.json().await.unwrap();
    assert_eq!(body["super_user"], true);
    assert!(body.get("email").is_none());

    let super_only = emu.insert_token("admin", "super:user", far_future());
    let base = emu.running.base_url();
    expect_401(emu.get_user(Some(&super_only)).await, &base).await;

    // user:admin implies read; without super:user the superuser is not one.
    let admin_only = emu.insert_token("admin", "user:admin", far_future());
    let body: Value = emu.get_user(Some(&admin_only)).await.json().await.unwrap();
    assert_eq!(body["email"], "admin@example.com");
    assert!(body.get("quota_report").is_some());
    assert!(body.get("super_user").is_none());
}

#[tokio::test]
async fn expired_tokens_and_disabled_users_are_anonymous() {
    let emu = emulator().await;
    emu.admin_token("admin").await;
    let base = emu.running.base_url();
    let expired = emu.insert_token("admin", "user:read", emu.now_s() - 1);
    expect_401(emu.get_user(Some(&expired)).await, &base).await;

    let live = emu.insert_token("admin", "user:read", far_future());
    assert_eq!(emu.get_user(Some(&live)).await.status(), 200);
    emu.sql("UPDATE users SET enabled = 0 WHERE username = 'admin'");
    expect_401(emu.get_user(Some(&live)).await, &base).await;
}

#[tokio::test]
async fn invalid_bearer_hides_a_valid_cookie() {
    let emu = emulator().await;
    let resp = emu
        .initialize(json!({"username": "admin", "password": "password1"}))
        .await;
    let cookie = resp.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let with = |auth: Option<&str>| {
        let mut req = emu
            .client
            .get(emu.url("/api/v1/user/"))
            .header("cookie", cookie.clone());
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        req.send()
    };
    assert_eq!(with(None).await.unwrap().status(), 200);
    assert_eq!(
        with(Some("Bearer NOTAVALIDTOKEN")).await.unwrap().status(),
        401
    );
    // A header that is not exactly `Bearer <value>` is ignored: the cookie counts.
    assert_eq!(with(Some("Token abc")).await.unwrap().status(), 200);
    assert_eq!(with(Some("Bearer two parts")).await.unwrap().status(), 200);
}

#[tokio::test]
async fn quotas_only_with_quota_management_and_edit_quota() {
    let emu = emulator_with(config_with("FEATURE_QUOTA_MANAGEMENT: false\n")).await;
    let token = emu.admin_token("admin").await;
    let body: Value = emu.get_user(Some(&token)).await.json().await.unwrap();
    assert!(body.get("quotas").is_none());
    assert!(body.get("quota_report").is_none());
    assert_eq!(body["email"], "admin@example.com");
}

#[tokio::test]
async fn quota_and_organizations_from_the_database() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    emu.sql(
        "INSERT INTO users (uuid, username, email, organization, removed_tag_expiration_s, \
           creation_date) VALUES ('u-org', 'testorg', 'testorg@example.com', 1, 1209600, 0);
         INSERT INTO teams (organization_id, name, role) \
           SELECT id, 'owners', 'admin' FROM users WHERE username = 'testorg';
         INSERT INTO team_members (team_id, user_id) \
           SELECT t.id, u.id FROM teams t, users u WHERE u.username = 'admin';
         INSERT INTO quotas (namespace_id, limit_bytes) \
           SELECT id, 524288000 FROM users WHERE username = 'admin';",
    );
    let body: Value = emu.get_user(Some(&token)).await.json().await.unwrap();
    insta::assert_json_snapshot!("quota_and_organization", body);
    let read_only = emu.insert_token("admin", "user:read", far_future());
    let body: Value = emu.get_user(Some(&read_only)).await.json().await.unwrap();
    assert_eq!(body["organizations"][0]["can_create_repo"], false);
    assert!(body["organizations"][0].get("is_org_admin").is_none());
}

#[tokio::test]
async fn without_trailing_slash_is_a_308() {
    let emu = emulator().await;
    let resp = emu
        .client
        .get(emu.url("/api/v1/user?x=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 308);
    assert_eq!(
        resp.headers()["location"],
        emu.url("/api/v1/user/?x=1").as_str()
    );
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_no_cors(resp.headers());
    assert!(resp.text().await.unwrap().contains("Redirecting..."));
}
