//! The access rules of every route in the table (README.md, "The API layer's checks"): 401 /
//! CSRF 403 / insufficient_scope 403, table-driven so routes added later are covered
//! automatically; plus a test-only superuser route.

use crate::common::*;
use axum::http::Method;
use axum::Json;
use quay_emulator::testing::api::{
    self, api_routes, endpoint, route_table, router, Access, ApiRoute, AppState, EndpointInfo,
    RequestAuth, RouteInfo, Scopes,
};
use quay_emulator::testing::{crypto, seed};
use serde_json::{json, Value};

async fn super_only(auth: RequestAuth) -> Json<Value> {
    Json(json!({ "user": auth.user().map(|u| u.username.clone()) }))
}

async fn super_write(auth: RequestAuth, body: api::ApiJson) -> Json<Value> {
    Json(json!({ "user": auth.user().map(|u| u.username.clone()), "body": body.0 }))
}

/// The real table plus two superuser-only test routes.
fn table() -> Vec<ApiRoute> {
    let mut routes = api_routes(&reference_config());
    routes.push(
        ApiRoute::new("/api/v1/test/superonly", "superuser", "tests.SuperOnly")
            .op(endpoint(Method::GET, "testSuperGet", super_only).superuser())
            .op(endpoint(Method::POST, "testSuperPost", super_write)
                .superuser()
                .body("NewOrg")),
    );
    routes
}

struct Server {
    _dir: tempfile::TempDir,
    base: String,
    db: std::path::PathBuf,
    routes: Vec<RouteInfo>,
}

async fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let storage = test_storage(&db);
    let routes = table();
    let info = route_table(&routes);
    let state = AppState::new(reference_config(), storage, None, info.clone());
    let app = router(state, routes);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    Server {
        _dir: dir,
        base: format!("http://{addr}"),
        db,
        routes: info,
    }
}

/// Path parameters name things that do not exist, so that allowed calls change nothing.
fn concrete(path: &str) -> String {
    path.replace("{orgname}", "testorg")
        .replace("{client_id}", "NOSUCHCLIENT")
        .replace("{username}", "nosuchuser")
        .replace("{namespace}", "nosuchnamespace")
        .replace("{name}", "nosuchorg")
        .replace("{quota_id}", "1")
        .replace("{kid}", "nosuchkid")
}

fn valid_body(op: &EndpointInfo) -> Option<Value> {
    op.body_schema.map(|schema| match schema {
        "NewOrg" => json!({"name": "brandneworg"}),
        "NewApp" => json!({"name": "app"}),
        "UpdateApp" => json!({"name": "app", "redirect_uri": "", "application_uri": ""}),
        "SigninUser" => json!({"username": "x", "password": "y"}),
        "CreateInstallUser" => json!({"username": "brandnewuser"}),
        "UpdateUser" | "UpdateOrg" | "UpdateOrg@organization" | "UpdateNamespaceQuota" => {
            json!({})
        }
        "NewNamespaceQuota" => json!({"limit_bytes": 1000}),
        "CreateServiceKey" => json!({"service": "accesstest", "expiration": null}),
        "PutServiceKey" | "ApproveServiceKey" => json!({}),
        other => panic!("add a valid body for schema {other}"),
    })
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    op: &EndpointInfo,
    token: Option<&str>,
) -> reqwest::Response {
    let method = reqwest::Method::from_bytes(op.method.as_str().as_bytes()).unwrap();
    let mut req = client.request(method, format!("{base}{}", concrete(path)));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(body) = valid_body(op) {
        req = req.json(&body);
    }
    req.send().await.unwrap()
}

fn token_for(db: &std::path::Path, username: &str, scope: &str) -> String {
    let token = crypto::random_upper_alnum(40);
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "INSERT INTO oauth_applications (client_id, client_secret, redirect_uri, \
         application_uri, organization_id, name, description) \
         SELECT ?1, 'S', '', '', id, 'testapp', '' FROM users WHERE username = ?2",
        rusqlite::params![crypto::random_upper_alnum(20), username],
    )
    .unwrap();
    let app = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO oauth_access_tokens (uuid, application_id, authorized_user_id, scope, \
         token_hash, created_at, expires_at) SELECT ?1, ?2, id, ?3, ?4, 0, ?5 FROM users \
         WHERE username = ?6",
        rusqlite::params![
            crypto::random_upper_alnum(32),
            app,
            scope,
            crypto::sha256_hex(&token),
            far_future(),
            username
        ],
    )
    .unwrap();
    token
}

async fn assert_shape_a(resp: reqwest::Response, status: u16, error_type: &str, what: &str) {
    assert_eq!(resp.status(), status, "{what}");
    assert_eq!(content_type(resp.headers()), "application/json", "{what}");
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error_type"], error_type, "{what}: {body}");
}

async fn assert_csrf(resp: reqwest::Response, what: &str) {
    assert_eq!(resp.status(), 403, "{what}");
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_default_cors(resp.headers());
    let body = Emu::shape_c(resp).await;
    assert_eq!(
        body,
        json!({"error": "CSRF token was invalid or missing."}),
        "{what}"
    );
}

#[tokio::test]
async fn every_route_answers_anonymous_and_bogus_callers_like_quay() {
    let srv = server().await;
    let client = client();
    let mut checked = 0;
    for route in &srv.routes {
        for op in &route.endpoints {
            if op.access == Access::Anonymous {
                continue;
            }
            for token in [None, Some("BOGUSTOKEN0000000000000000000000000000000")] {
                let what = format!("{} {} token={token:?}", op.method, route.path);
                let resp = call(&client, &srv.base, route.path, op, token).await;
                if op.method == Method::GET {
                    assert_shape_a(resp, 401, "invalid_token", &what).await;
                } else {
                    assert_csrf(resp, &what).await;
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 14, "only {checked} cases");
}

#[tokio::test]
async fn scopes_and_superuser_status_are_enforced_per_route() {
    let srv = server().await;
    let client = client();
    let init = client
        .post(format!("{}/api/v1/user/initialize", srv.base))
        .json(&json!({"username": "admin", "password": "password1", "email": "a@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(init.status(), 200);
    seed::create_user(&srv.db, "alice", "password1", "alice@example.com").unwrap();
    let mut checked = 0;
    for route in &srv.routes {
        for op in &route.endpoints {
            let what = format!("{} {}", op.method, route.path);
            match op.access {
                Access::Anonymous => {}
                Access::Handler { scope } if scope == Scopes::USER_READ => {
                    // GET /api/v1/user/: 401 with session_required for a token without it.
                    let t = token_for(&srv.db, "admin", "super:user");
                    let resp = call(&client, &srv.base, route.path, op, Some(&t)).await;
                    assert_eq!(resp.status(), 401, "{what}");
                    let body: Value = resp.json().await.unwrap();
                    assert_eq!(body["session_required"], json!(false));
                    checked += 1;
                }
                // Handlers that check `scope` (or a full-access superuser) themselves, and
                // routes whose scope the layer checks.
                Access::Handler { scope } | Access::Scope { scope, .. } => {
                    // Every other scope, but not this one: 403 insufficient_scope.
                    let others: Vec<&str> = [
                        "repo:read",
                        "repo:write",
                        "repo:admin",
                        "repo:create",
                        "user:read",
                        "user:admin",
                        "org:admin",
                        "super:user",
                    ]
                    .into_iter()
                    .filter(|s| Some(*s) != scope.name())
                    .collect();
                    let t = token_for(&srv.db, "admin", &others.join(" "));
                    let resp = call(&client, &srv.base, route.path, op, Some(&t)).await;
                    assert_shape_a(resp, 403, "insufficient_scope", &what).await;
                    checked += 1;
                }
                Access::SuperUser { .. } | Access::AnySuperUser { .. } => {
                    // A non-superuser holding super:user, and a superuser without it: 403.
                    let alice = token_for(&srv.db, "alice", "super:user user:admin");
                    let resp = call(&client, &srv.base, route.path, op, Some(&alice)).await;
                    assert_shape_a(resp, 403, "insufficient_scope", &what).await;
                    let admin = token_for(&srv.db, "admin", "user:read user:admin org:admin");
                    let resp = call(&client, &srv.base, route.path, op, Some(&admin)).await;
                    assert_shape_a(resp, 403, "insufficient_scope", &what).await;
                    // The superuser passes the layer (the handler may still answer 4xx for
                    // the made-up names, e.g. 404, or crash on them as Quay does: its 500 page).
                    let full = token_for(&srv.db, "admin", "super:user");
                    let resp = call(&client, &srv.base, route.path, op, Some(&full)).await;
                    let status = resp.status().as_u16();
                    if route.path.starts_with("/api/v1/test/") {
                        assert_eq!(status, 200, "{what}");
                    } else {
                        assert!(![401, 403].contains(&status), "{what}: {status}");
                        if status >= 500 {
                            assert_eq!(status, 500, "{what}");
                            let body = resp.text().await.unwrap();
                            assert_eq!(body, QUAY_500_HTML, "{what}: Quay's crash page");
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 8, "only {checked} cases");
}

#[tokio::test]
async fn superuser_route_checks_body_before_the_403_and_fresh_login_for_sessions() {
    let srv = server().await;
    let client = client();
    let init = client
        .post(format!("{}/api/v1/user/initialize", srv.base))
        .json(&json!({"username": "admin", "password": "password1"}))
        .send()
        .await
        .unwrap();
    let cookie = init.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = init.headers()["x-next-csrf-token"]
        .to_str()
        .unwrap()
        .to_string();
    seed::create_user(&srv.db, "alice", "password1", "alice@example.com").unwrap();
    let alice = token_for(&srv.db, "alice", "super:user");
    // Invalid body from a non-superuser: the 400, not the 403 (README.md, "The API layer's
    // checks").
    let resp = client
        .post(format!("{}/api/v1/test/superonly", srv.base))
        .bearer_auth(&alice)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let resp = client
        .post(format!("{}/api/v1/test/superonly", srv.base))
        .bearer_auth(&alice)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 415);

    // A fresh superuser session works; an old sign-in needs a fresh login.
    let get = |cookie: String| {
        client
            .get(format!("{}/api/v1/test/superonly", srv.base))
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(get(cookie.clone()).await.unwrap().status(), 200);
    let resp = client
        .post(format!("{}/api/v1/test/superonly", srv.base))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let conn = rusqlite::Connection::open(&srv.db).unwrap();
    conn.execute("UPDATE sessions SET login_time = login_time - 601", [])
        .unwrap();
    assert_shape_a(
        get(cookie).await.unwrap(),
        401,
        "fresh_login_required",
        "stale session",
    )
    .await;
}
