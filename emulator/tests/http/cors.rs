//! CORS on the new routes (Quay: `util/request.py`, `crossorigin`): API routes (errors and
//! preflights included) get the default set; web routes get none; a list of origins echoes and
//! adds credentials.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn api_routes_errors_and_preflights_carry_default_cors() {
    let emu = emulator().await;
    let cases: Vec<(reqwest::Method, &str, u16)> = vec![
        (reqwest::Method::GET, "/api/v1/discovery", 200),
        (reqwest::Method::POST, "/api/v1/signin", 403),
        (reqwest::Method::POST, "/api/v1/signout", 403),
        (reqwest::Method::POST, "/api/v1/organization/", 403),
        (reqwest::Method::GET, "/api/v1/organization/nope", 404),
        (
            reqwest::Method::GET,
            "/api/v1/organization/x/applications",
            401,
        ),
        (
            reqwest::Method::DELETE,
            "/api/v1/organization/x/applications/y",
            403,
        ),
    ];
    for (method, path, status) in cases {
        let resp = emu
            .client
            .request(method.clone(), emu.url(path))
            .header("origin", "http://dash.example")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), status, "{method} {path}");
        assert_default_cors(resp.headers());
    }
    for (path, allow) in [
        ("/api/v1/signin", "OPTIONS, HEAD, POST, GET"),
        ("/api/v1/organization/", "OPTIONS, HEAD, POST, GET"),
        (
            "/api/v1/organization/x/applications",
            "OPTIONS, HEAD, POST, GET",
        ),
        (
            "/api/v1/organization/x/applications/y",
            "OPTIONS, HEAD, DELETE, GET, PUT",
        ),
    ] {
        let resp = emu
            .client
            .request(reqwest::Method::OPTIONS, emu.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.headers()["allow"], allow, "{path}");
        assert_default_cors(resp.headers());
    }
}

#[tokio::test]
async fn web_routes_have_no_cors_and_quays_allow_sets() {
    let emu = emulator().await;
    for (path, allow) in [
        ("/oauth/authorize", "OPTIONS, HEAD, GET"),
        ("/oauth/authorizeapp", "OPTIONS, HEAD, POST, GET"),
        ("/csrf_token", "OPTIONS, HEAD, GET"),
    ] {
        let resp = emu
            .client
            .request(reqwest::Method::OPTIONS, emu.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.headers()["allow"], allow, "{path}");
        assert_no_cors(resp.headers());
    }
    // No trailing-slash redirect for the organization list without its slash: 308, no CORS.
    let resp = emu
        .client
        .post(emu.url("/api/v1/organization"))
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 308);
    assert_no_cors(resp.headers());
}

#[tokio::test]
async fn list_of_origins_on_new_routes() {
    let emu = emulator_with(config_with(
        "CORS_ORIGIN: ['http://a.example', 'http://b.example']\n",
    ))
    .await;
    let resp = emu
        .client
        .post(emu.url("/api/v1/signin"))
        .header("origin", "http://b.example")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let h = resp.headers();
    assert_eq!(h["access-control-allow-origin"], "http://b.example");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(
        h["access-control-allow-headers"],
        "AUTHORIZATION, CONTENT-TYPE, X-REQUESTED-WITH, COOKIE, X-CSRF-TOKEN"
    );
    let resp = emu
        .client
        .get(emu.url("/api/v1/discovery"))
        .header("origin", "http://c.example")
        .send()
        .await
        .unwrap();
    assert_default_cors(resp.headers());
    // /csrf_token: CORS only when the answer is not `*`.
    let listed = emu
        .client
        .get(emu.url("/csrf_token"))
        .header("origin", "http://a.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        listed.headers()["access-control-allow-origin"],
        "http://a.example"
    );
    let unlisted = emu
        .client
        .get(emu.url("/csrf_token"))
        .header("origin", "http://c.example")
        .send()
        .await
        .unwrap();
    assert_no_cors(unlisted.headers());
}
