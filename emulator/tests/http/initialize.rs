//! `POST /api/v1/user/initialize` as Quay's `user_initialize` (`endpoints/web.py`) answers it,
//! and Quay's crashes.

use crate::common::*;
use base64::Engine;
use quay_emulator::testing::avatar;
use serde_json::{json, Value};

const PASSWORD_MESSAGE: &str = "Failed to initialize user: Invalid password, password must be at least 8 characters and contain no whitespace.";

/// Status, content type, no CORS, and the exact compact JSON message.
async fn expect_message(resp: reqwest::Response, status: u16, message: &str) {
    assert_eq!(resp.status(), status);
    assert_no_cors(resp.headers());
    assert_eq!(content_type(resp.headers()), "application/json");
    let text = resp.text().await.unwrap();
    assert_eq!(
        text,
        serde_json::to_string(&json!({ "message": message })).unwrap()
    );
}

fn is_upper_alnum(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[tokio::test]
async fn success_with_token_then_token_works() {
    let emu = emulator().await;
    let resp = emu
        .initialize(json!({"username": "admin", "password": "password1",
                           "email": "admin@example.com", "access_token": true}))
        .await;
    assert_eq!(resp.status(), 200);
    let headers = resp.headers().clone();
    assert_no_cors(&headers);
    assert_eq!(content_type(&headers), "application/json");

    let cookie = headers["set-cookie"].to_str().unwrap().to_string();
    let (pair, attributes) = cookie.split_once("; ").unwrap();
    let session = pair.strip_prefix("_csrf_token=").expect("cookie name");
    assert!(!session.is_empty());
    let expires = attributes
        .strip_prefix("Expires=")
        .and_then(|rest| rest.split_once("; "))
        .map(|(date, rest)| {
            assert_eq!(rest, "HttpOnly; Path=/; SameSite=Lax");
            httpdate::parse_http_date(date).unwrap()
        })
        .expect("Expires attribute");
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(emu.now_s().unsigned_abs());
    let days = expires.duration_since(now).unwrap().as_secs_f64() / 86_400.0;
    assert!((30.9..=31.1).contains(&days), "{days} days");
    let csrf = headers["x-next-csrf-token"].to_str().unwrap();
    assert_eq!(csrf.len(), 64);

    let text = resp.text().await.unwrap();
    assert!(!text.contains(": "), "compact JSON: {text}");
    let body: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["access_token", "email", "encrypted_password", "username"]
    );
    assert_eq!(body["username"], "admin");
    assert_eq!(body["email"], "admin@example.com");
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(token.len(), 40);
    assert!(is_upper_alnum(token), "{token}");
    let encrypted = body["encrypted_password"].as_str().unwrap();
    assert_eq!(encrypted.len(), 64);
    let raw = base64::engine::general_purpose::STANDARD
        .decode(encrypted)
        .unwrap();
    assert_eq!(raw.len(), 48, "IV + two AES blocks");

    let me = emu.get_user(Some(token)).await;
    assert_eq!(me.status(), 200);
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["email"], "admin@example.com");
    assert_eq!(me["verified"], true);
    assert_eq!(me["super_user"], true);
}

#[tokio::test]
async fn success_without_token_signs_in_with_the_cookie() {
    let emu = emulator().await;
    let resp = emu
        .initialize(json!({"username": "admin", "password": "password1"}))
        .await;
    assert_eq!(resp.status(), 200);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    let pair = cookie.split(';').next().unwrap().to_string();
    let body: Value = resp.json().await.unwrap();
    assert!(body.get("access_token").is_none());
    assert_eq!(body["email"], Value::Null);
    assert_eq!(body.as_object().unwrap().len(), 3);

    let me = emu
        .client
        .get(emu.url("/api/v1/user/"))
        .header("cookie", pair)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["super_user"], true, "a session carries every scope");
    // No e-mail given: a random UUID is stored, and the avatar hashes it.
    let stored = me["email"].as_str().unwrap();
    assert_eq!(stored.len(), 36);
    assert_eq!(stored.matches('-').count(), 4);
    assert_eq!(
        me["avatar"]["hash"],
        avatar::avatar_hash("admin", Some(stored))
    );
}

#[tokio::test]
async fn second_call_is_refused_even_with_a_bad_body() {
    let emu = emulator().await;
    emu.admin_token("admin").await;
    let again = emu
        .initialize(json!({"username": "other", "password": "password1"}))
        .await;
    expect_message(again, 400, "Cannot initialize user in a non-empty database").await;
    let garbage = emu
        .client
        .post(emu.url("/api/v1/user/initialize"))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    expect_message(
        garbage,
        400,
        "Cannot initialize user in a non-empty database",
    )
    .await;
}

#[tokio::test]
async fn password_rules() {
    let emu = emulator().await;
    for password in ["1234567", "pass word1", "short", "password\t1", ""] {
        let resp = emu
            .initialize(json!({"username": "admin", "password": password}))
            .await;
        expect_message(resp, 400, PASSWORD_MESSAGE).await;
    }
    // Eight characters are enough, and nothing was written by the failures.
    let ok = emu
        .initialize(json!({"username": "admin", "password": "12345678"}))
        .await;
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn username_rules() {
    let emu = emulator().await;
    let resp = emu
        .initialize(json!({"username": "Admin!", "password": "password1"}))
        .await;
    expect_message(
        resp,
        400,
        "Failed to initialize user: Invalid namespace Admin!: Namespace must match expression ^([a-z0-9]+(?:[._-][a-z0-9]+)*)$",
    )
    .await;
    let resp = emu
        .initialize(json!({"username": "x", "password": "password1"}))
        .await;
    expect_message(
        resp,
        400,
        "Failed to initialize user: Invalid namespace x: Namespace must be between 2 and 255 characters in length",
    )
    .await;
    // The password is checked before the username.
    let resp = emu
        .initialize(json!({"username": "Admin!", "password": "short"}))
        .await;
    expect_message(resp, 400, PASSWORD_MESSAGE).await;
}

#[tokio::test]
async fn missing_fields_and_wrong_types_are_quays_500() {
    let emu = emulator().await;
    // `user_data["username"]` / `["password"]`: KeyError, or TypeError on a body that is not an
    // object; a non-string password (`validate_password`) or username (`validate_username`):
    // TypeError. Quay's 500 page, nothing created.
    for body in [
        json!({}),
        json!({"username": "admin"}),
        json!({"password": "password1"}),
        json!(["admin", "password1"]),
        json!(null),
        json!("admin"),
        json!({"username": "admin", "password": 12345678}),
        json!({"username": "admin", "password": null}),
        json!({"username": 5, "password": "password1"}),
        json!({"username": ["admin"], "password": "password1", "email": "a@example.com"}),
    ] {
        let resp = emu.initialize(body).await;
        expect_quay_500(resp).await;
    }
    // The password is checked before the username's type.
    let resp = emu
        .initialize(json!({"username": 5, "password": "short"}))
        .await;
    expect_message(resp, 400, PASSWORD_MESSAGE).await;
    // Nothing was created: the first user can still be initialized.
    let resp = emu
        .initialize(json!({"username": "admin", "password": "password1"}))
        .await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn email_is_checked_before_the_username_type_with_mailing() {
    let emu = emulator_with(config_with("FEATURE_MAILING: true\n")).await;
    let resp = emu
        .initialize(json!({"username": 5, "password": "password1", "email": "x"}))
        .await;
    expect_message(
        resp,
        400,
        "Failed to initialize user: Invalid email address: x",
    )
    .await;
    let resp = emu
        .initialize(json!({"username": 5, "password": "password1", "email": "a@example.com"}))
        .await;
    expect_quay_500(resp).await;
}

#[tokio::test]
async fn malformed_json_and_wrong_content_type_are_html() {
    let emu = emulator().await;
    let malformed = emu
        .client
        .post(emu.url("/api/v1/user/initialize"))
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(
        content_type(malformed.headers()),
        "text/html; charset=utf-8"
    );
    assert_no_cors(malformed.headers());
    assert!(malformed.text().await.unwrap().contains("400 Bad Request"));

    let plain = emu
        .client
        .post(emu.url("/api/v1/user/initialize"))
        .header("content-type", "text/plain")
        .body(r#"{"username": "admin", "password": "password1"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 415);
    assert_eq!(content_type(plain.headers()), "text/html; charset=utf-8");
    assert_no_cors(plain.headers());
    assert!(plain
        .text()
        .await
        .unwrap()
        .contains("415 Unsupported Media Type"));
}

#[tokio::test]
async fn email_rules_with_mailing_on() {
    let emu = emulator_with(config_with("FEATURE_MAILING: true\n")).await;
    let resp = emu
        .initialize(json!({"username": "admin", "password": "password1", "email": "not-an-email"}))
        .await;
    expect_message(
        resp,
        400,
        "Failed to initialize user: Invalid email address: not-an-email",
    )
    .await;
    let resp = emu
        .initialize(json!({"username": "admin", "password": "password1"}))
        .await;
    expect_message(
        resp,
        400,
        "Failed to initialize user: Invalid email address: None",
    )
    .await;
    // The e-mail is checked before the username.
    let resp = emu
        .initialize(json!({"username": "Bad!", "password": "password1"}))
        .await;
    expect_message(
        resp,
        400,
        "Failed to initialize user: Invalid email address: None",
    )
    .await;
    let ok = emu
        .initialize(json!({"username": "admin", "password": "password1", "email": "a@b.co"}))
        .await;
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn mailing_off_accepts_a_bad_email_as_given() {
    let emu = emulator().await;
    let resp = emu
        .initialize(json!({"username": "admin", "password": "password1",
                           "email": "not-an-email", "access_token": true}))
        .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["email"], "not-an-email");
    let me: Value = emu
        .get_user(body["access_token"].as_str())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "not-an-email");
}

#[tokio::test]
async fn access_token_follows_python_truthiness() {
    for (flag, expect_token) in [(json!("yes"), true), (json!(0), false), (json!(""), false)] {
        let emu = emulator().await;
        let body: Value = emu
            .initialize(json!({"username": "admin", "password": "password1", "access_token": flag}))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(body.get("access_token").is_some(), expect_token, "{flag}");
    }
}

#[tokio::test]
async fn feature_off_is_404_and_other_auth_is_refused() {
    let off = emulator_with(config_with("FEATURE_USER_INITIALIZE: false\n")).await;
    let resp = off
        .initialize(json!({"username": "admin", "password": "password1"}))
        .await;
    // route_show_if → util.http.abort(404): shape C with the raw web CORS headers.
    assert_eq!(resp.status(), 404);
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    assert_eq!(resp.headers()["vary"], "Origin");
    let body: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert_eq!(body, json!({"error": "Not Found"}));

    let ldap = emulator_with(config_with("AUTHENTICATION_TYPE: LDAP\n")).await;
    let resp = ldap
        .initialize(json!({"username": "admin", "password": "password1"}))
        .await;
    expect_message(
        resp,
        400,
        "Cannot initialize user in a non-database auth system",
    )
    .await;
}

#[tokio::test]
async fn get_redirects_and_options_has_no_cors() {
    let emu = emulator().await;
    let resp = emu
        .client
        .get(emu.url("/api/v1/user/initialize"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 308);
    assert_eq!(
        resp.headers()["location"],
        emu.url("/api/v1/user/initialize/").as_str()
    );
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_no_cors(resp.headers());

    let resp = emu
        .client
        .request(reqwest::Method::OPTIONS, emu.url("/api/v1/user/initialize"))
        .header("origin", "http://elsewhere.example")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["allow"], "OPTIONS, HEAD, POST, GET");
    assert_no_cors(resp.headers());
    assert!(resp.text().await.unwrap().is_empty());
}

#[tokio::test]
async fn database_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/registry.db");
    let opts = || test_options(&db).config(reference_config());
    let first = quay_emulator::start(opts()).await.unwrap();
    let client = client();
    let body: Value = client
        .post(format!("{}/api/v1/user/initialize", first.base_url()))
        .json(&json!({"username": "admin", "password": "password1", "access_token": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = body["access_token"].as_str().unwrap().to_string();
    first.shutdown().await;

    let second = quay_emulator::start(opts()).await.unwrap();
    let me = client
        .get(format!("{}/api/v1/user/", second.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let again = client
        .post(format!("{}/api/v1/user/initialize", second.base_url()))
        .json(&json!({"username": "other", "password": "password1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
}
