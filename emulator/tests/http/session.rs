//! Browser sessions (Quay: `csrf_token` in `endpoints/web.py`, `Signin` and `Signout` in
//! `endpoints/api/user.py`): `/csrf_token`, sign-in with CSRF and back-off, session cookies on
//! GETs and writes, sign-out, and the log entries they write.

use crate::common::*;
use quay_emulator::testing::seed;
use serde_json::{json, Value};

#[tokio::test]
async fn csrf_token_creates_a_session_once() {
    let emu = emulator().await;
    let resp = emu.client.get(emu.url("/csrf_token")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_no_cors(resp.headers());
    let set_cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.starts_with("_csrf_token="), "{set_cookie}");
    assert!(set_cookie.ends_with("; HttpOnly; Path=/; SameSite=Lax"));
    assert!(!set_cookie.contains("Expires"));
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let token = resp.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(token.len(), 64);
    let again = emu
        .client
        .get(emu.url("/csrf_token"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert!(again.headers().get("set-cookie").is_none());
    assert_eq!(again.json::<Value>().await.unwrap()["csrf_token"], token);
}

#[tokio::test]
async fn csrf_token_gets_credentialed_cors_with_an_origin_list() {
    let emu = emulator_with(config_with("CORS_ORIGIN: ['http://dash.example']\n")).await;
    let resp = emu
        .client
        .get(emu.url("/csrf_token"))
        .header("origin", "http://dash.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.headers()["access-control-allow-origin"],
        "http://dash.example"
    );
    assert_eq!(resp.headers()["access-control-allow-credentials"], "true");
}

#[tokio::test]
async fn signin_needs_the_csrf_token() {
    let emu = emulator().await;
    emu.seed_user("alice", "password1");
    let (cookie, _) = emu.session().await;
    let resp = emu.signin_raw(&cookie, None, "alice", "password1").await;
    assert_eq!(resp.status(), 403);
    assert_default_cors(resp.headers());
    assert_eq!(
        Emu::shape_c(resp).await,
        json!({"error": "CSRF token was invalid or missing."})
    );
    let resp = emu
        .client
        .post(emu.url("/api/v1/signin"))
        .json(&json!({"username": "alice", "password": "password1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn signin_success_rotates_the_session_and_csrf_token() {
    let emu = emulator().await;
    emu.seed_user("alice", "password1");
    let (cookie, csrf) = emu.session().await;
    let resp = emu
        .signin_raw(&cookie, Some(&csrf), "alice", "password1")
        .await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    let set_cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.contains("Expires="), "{set_cookie}");
    let next = resp.headers()["x-next-csrf-token"]
        .to_str()
        .unwrap()
        .to_string();
    assert_ne!(next, csrf);
    let new_cookie = cookie_of(&resp).unwrap();
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"success": true})
    );

    // The session works on GETs; the old cookie is gone.
    let me = emu
        .client
        .get(emu.url("/api/v1/user/"))
        .header("cookie", &new_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["username"], "alice");
    assert!(me.get("super_user").is_none());
    let old = emu
        .client
        .get(emu.url("/api/v1/user/"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401);

    // Writes over the session need the new CSRF token; the old one fails with the suffix.
    let create = |csrf: Option<String>| {
        let mut req = emu
            .client
            .post(emu.url("/api/v1/organization/"))
            .header("cookie", &new_cookie)
            .json(&json!({"name": "aliceorg"}));
        if let Some(c) = csrf {
            req = req.header("x-csrf-token", c);
        }
        req.send()
    };
    let resp = create(Some(csrf)).await.unwrap();
    assert_eq!(resp.status(), 403);
    assert_eq!(
        Emu::shape_c(resp).await["error"],
        "CSRF token was invalid or missing. (authorized: user alice)"
    );
    let resp = create(Some(next)).await.unwrap();
    assert_eq!(resp.status(), 201);

    let logs = emu.logs();
    let login = logs.iter().find(|l| l.kind == "login_success").unwrap();
    assert_eq!(login.account_name.as_deref(), Some("alice"));
    assert_eq!(login.metadata["type"], "quayauth");
    assert!(login.metadata.get("useragent").is_some());
    assert_eq!(login.ip.as_deref(), Some("127.0.0.1"));
}

#[tokio::test]
async fn username_may_be_the_email_address() {
    let emu = emulator().await;
    emu.seed_user("alice", "password1");
    let (cookie, csrf) = emu.session().await;
    let resp = emu
        .signin_raw(&cookie, Some(&csrf), "alice@example.com", "password1")
        .await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn wrong_password_disabled_user_and_throttle() {
    let emu = emulator_with(config_with("ACTION_LOG_AUDIT_LOGIN_FAILURES: true\n")).await;
    emu.seed_user("alice", "password1");
    let (cookie, csrf) = emu.session().await;
    let resp = emu.signin_raw(&cookie, Some(&csrf), "alice", "wrong").await;
    assert_eq!(resp.status(), 403);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"needsEmailVerification": false, "invalidCredentials": true,
               "message": "Invalid Username or Password"})
    );
    // Inside the 0.5 s window even the right password gets the 429.
    let resp = emu
        .signin_raw(&cookie, Some(&csrf), "alice", "password1")
        .await;
    assert_eq!(resp.status(), 429);
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_eq!(resp.headers()["retry-after"], "0");
    assert_default_cors(resp.headers());
    assert_eq!(
        resp.text().await.unwrap(),
        "Too many login attempts. \nPlease reset your Quay password and try again."
    );
    tokio::time::sleep(std::time::Duration::from_millis(550)).await;
    // Second failure: the window is now 1.5 s.
    let resp = emu.signin_raw(&cookie, Some(&csrf), "alice", "wrong").await;
    assert_eq!(resp.status(), 403);
    let resp = emu
        .signin_raw(&cookie, Some(&csrf), "alice", "password1")
        .await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers()["retry-after"], "1");
    // Unknown users are never throttled.
    let resp = emu.signin_raw(&cookie, Some(&csrf), "nobody", "x").await;
    assert_eq!(resp.status(), 403);

    seed::create_user(&emu.db_path(), "carol", "password1", "c@example.com").unwrap();
    seed::set_user_enabled(&emu.db_path(), "carol", false).unwrap();
    let resp = emu
        .signin_raw(&cookie, Some(&csrf), "carol", "password1")
        .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["message"],
        "This user has been disabled. Please contact your administrator."
    );
    let failures: Vec<_> = emu
        .logs()
        .into_iter()
        .filter(|l| l.kind == "login_failure")
        .collect();
    assert_eq!(failures.len(), 4);
    let nobody = failures
        .iter()
        .find(|l| l.metadata["username"] == "nobody")
        .unwrap();
    assert_eq!(nobody.account_id, None);
    assert_eq!(nobody.metadata["message"], "Invalid Username or Password");
}

#[tokio::test]
async fn failed_logins_are_not_logged_by_default() {
    let emu = emulator().await;
    emu.seed_user("alice", "password1");
    let (cookie, csrf) = emu.session().await;
    emu.signin_raw(&cookie, Some(&csrf), "alice", "wrong").await;
    assert!(emu.logs().is_empty());
}

#[tokio::test]
async fn signin_body_is_validated() {
    let emu = emulator().await;
    let (cookie, csrf) = emu.session().await;
    let resp = emu
        .client
        .post(emu.url("/api/v1/signin"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&json!({"username": "alice"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .starts_with("'password' is a required property\n\nFailed validating 'required'"));
}

#[tokio::test]
async fn signout_ends_every_session_of_the_user() {
    let emu = emulator().await;
    emu.seed_user("alice", "password1");
    let (first, _) = emu.signed_in("alice", "password1").await;
    let (second, csrf) = emu.signed_in("alice", "password1").await;
    let resp = emu
        .client
        .post(emu.url("/api/v1/signout"))
        .header("cookie", &second)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403, "CSRF still applies");
    let resp = emu
        .client
        .post(emu.url("/api/v1/signout"))
        .header("cookie", &second)
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"success": true})
    );
    for cookie in [first, second] {
        let me = emu
            .client
            .get(emu.url("/api/v1/user/"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), 401);
    }
    assert!(emu.logs().iter().any(|l| l.kind == "logout_success"));
    // Anonymous sign-out is allowed (with the session's CSRF token).
    let (cookie, csrf) = emu.session().await;
    let resp = emu
        .client
        .post(emu.url("/api/v1/signout"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}
