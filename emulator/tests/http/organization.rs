//! Organizations (also as `GET /api/v1/user/` lists them) and OAuth applications, with their log
//! entries (Quay: `endpoints/api/organization.py`).

use crate::common::*;
use serde_json::{json, Value};

async fn post_org(emu: &Emu, token: &str, body: Value) -> reqwest::Response {
    emu.client
        .post(emu.url("/api/v1/organization/"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn detail(resp: reqwest::Response, status: u16) -> String {
    assert_eq!(resp.status(), status);
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error_type"], "invalid_request", "{body}");
    body["detail"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn create_organization_and_list_it_on_the_user() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    let resp = post_org(
        &emu,
        &token,
        json!({"name": "testorg", "email": "testorg@example.com"}),
    )
    .await;
    assert_eq!(resp.status(), 201);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    assert_eq!(resp.json::<Value>().await.unwrap(), json!("Created"));

    let me: Value = emu.get_user(Some(&token)).await.json().await.unwrap();
    insta::assert_json_snapshot!("user_organizations", me["organizations"]);

    let org: Value = emu
        .client
        .get(emu.url("/api/v1/organization/testorg"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    insta::assert_json_snapshot!("admin_view", org);
    let anon: Value = emu
        .client
        .get(emu.url("/api/v1/organization/testorg"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(anon["avatar"], org["avatar"]);
    insta::assert_json_snapshot!("anonymous_view", anon);
    let missing = emu
        .client
        .get(emu.url("/api/v1/organization/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    let logs = emu.logs();
    let entry = logs.iter().find(|l| l.kind == "org_create").unwrap();
    assert_eq!(entry.account_name.as_deref(), Some("testorg"));
    assert_eq!(entry.performer_name.as_deref(), Some("admin"));
    insta::assert_json_snapshot!("logged", entry.metadata);
}

#[tokio::test]
async fn create_organization_errors_in_quays_order() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    assert_eq!(
        post_org(&emu, &token, json!({"name": "taken"}))
            .await
            .status(),
        201
    );
    let d = detail(post_org(&emu, &token, json!({"name": "admin"})).await, 400).await;
    assert_eq!(d, "A user or organization with this name already exists");
    let d = detail(post_org(&emu, &token, json!({"name": "taken"})).await, 400).await;
    assert_eq!(d, "A user or organization with this name already exists");
    let d = detail(
        post_org(&emu, &token, json!({"name": "Bad Org", "email": "nope"})).await,
        400,
    )
    .await;
    assert_eq!(d, "Invalid email address");
    let d = detail(
        post_org(
            &emu,
            &token,
            json!({"name": "other", "contact_email": "admin@example.com"}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(d, "Email has already been used: admin@example.com");
    let d = detail(
        post_org(&emu, &token, json!({"name": "Bad Org"})).await,
        400,
    )
    .await;
    assert_eq!(
        d,
        "Invalid namespace Bad Org: Namespace must match expression ^([a-z0-9]+(?:[._-][a-z0-9]+)*)$"
    );
    let d = detail(post_org(&emu, &token, json!({"email": "x@y.z"})).await, 400).await;
    assert!(d.starts_with("'name' is a required property\n\nFailed validating 'required' in schema:\n    {'description': 'Description of a new organization.',"), "{d}");
    assert!(d.ends_with("On instance:\n    {'email': 'x@y.z'}"));
    let d = detail(post_org(&emu, &token, json!({"name": 5})).await, 400).await;
    assert!(d.starts_with("5 is not of type 'string'"));

    // require_user_admin comes before the body: 403 even for an invalid body.
    let weak = emu.insert_token("admin", "user:read org:admin", far_future());
    let resp = post_org(&emu, &weak, json!({})).await;
    assert_eq!(resp.status(), 403);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["error_type"],
        "insufficient_scope"
    );
}

async fn apps_call(
    emu: &Emu,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = emu
        .client
        .request(method, emu.url(&format!("/api/v1/organization/{path}")))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn applications_crud() {
    use reqwest::Method;
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    assert_eq!(
        post_org(&emu, &token, json!({"name": "testorg"}))
            .await
            .status(),
        201
    );

    let resp = apps_call(
        &emu,
        Method::POST,
        "testorg/applications",
        &token,
        Some(
            json!({"name": "dashapp", "redirect_uri": "http://127.0.0.1:9999/callback",
                    "application_uri": "http://127.0.0.1:9999/", "description": "d"}),
        ),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    let app: Value = resp.json().await.unwrap();
    let client_id = app["client_id"].as_str().unwrap().to_string();
    assert_eq!(client_id.len(), 20);
    assert!(client_id
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
    assert_eq!(app["client_secret"].as_str().unwrap().len(), 40);
    insta::assert_json_snapshot!("created_app", app, {
        ".client_id" => "[client id]", ".client_secret" => "[secret]"
    });

    let minimal: Value = apps_call(
        &emu,
        Method::POST,
        "testorg/applications",
        &token,
        Some(json!({"name": "min"})),
    )
    .await
    .json()
    .await
    .unwrap();
    insta::assert_json_snapshot!("minimal_app", minimal, {
        ".client_id" => "[client id]", ".client_secret" => "[secret]"
    });

    let reserved = apps_call(
        &emu,
        Method::POST,
        "testorg/applications",
        &token,
        Some(json!({"name": "__quay_bootstrap_app"})),
    )
    .await;
    assert_eq!(
        detail(reserved, 400).await,
        "Application name is reserved for bootstrap token provisioning"
    );

    let list: Value = apps_call(&emu, Method::GET, "testorg/applications", &token, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["applications"].as_array().unwrap().len(), 2);
    assert_eq!(list["applications"][0], app);

    let path = format!("testorg/applications/{client_id}");
    let one: Value = apps_call(&emu, Method::GET, &path, &token, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one, app);

    let bad = apps_call(&emu, Method::PUT, &path, &token, Some(json!({"name": "x"}))).await;
    assert!(detail(bad, 400)
        .await
        .starts_with("'redirect_uri' is a required property"));
    let updated: Value = apps_call(
        &emu,
        Method::PUT,
        &path,
        &token,
        Some(
            json!({"name": "renamed", "redirect_uri": "http://h/cb", "application_uri": "http://h/",
                    "avatar_email": "a@example.com"}),
        ),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(updated["client_id"], app["client_id"]);
    assert_eq!(updated["client_secret"], app["client_secret"]);
    insta::assert_json_snapshot!("updated_app", updated, {
        ".client_id" => "[client id]", ".client_secret" => "[secret]"
    });

    let missing = apps_call(&emu, Method::GET, "testorg/applications/NOPE", &token, None).await;
    assert_eq!(missing.status(), 404);
    let resp = apps_call(&emu, Method::DELETE, &path, &token, None).await;
    assert_eq!(resp.status(), 204);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert!(resp.text().await.unwrap().is_empty());
    let gone = apps_call(&emu, Method::GET, &path, &token, None).await;
    assert_eq!(gone.status(), 404);

    let logs = emu.logs();
    let kinds: Vec<&str> = logs.iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "delete_application",
            "update_application",
            "create_application",
            "create_application",
            "org_create"
        ]
    );
    let create = &logs[3];
    assert_eq!(create.metadata["application_name"], "dashapp");
    assert_eq!(create.metadata["client_id"], client_id.as_str());
    assert_eq!(
        create.metadata["redirect_uri"],
        "http://127.0.0.1:9999/callback"
    );
    assert_eq!(create.account_name.as_deref(), Some("testorg"));
    assert_eq!(logs[1].metadata["application_name"], "renamed");
    assert_eq!(
        logs[0].metadata,
        json!({"application_name": "renamed", "client_id": client_id,
               "oauth_token_id": logs[0].metadata["oauth_token_id"],
               "oauth_token_application_id": "admin", "oauth_token_application": "automation"})
    );
}

#[tokio::test]
async fn applications_need_an_org_admin() {
    use reqwest::Method;
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    assert_eq!(
        post_org(&emu, &token, json!({"name": "testorg"}))
            .await
            .status(),
        201
    );
    emu.seed_user("alice", "password1");
    let alice = emu.insert_token("alice", "org:admin user:admin", far_future());
    for path in ["testorg/applications", "nosuchorg/applications"] {
        let resp = apps_call(&emu, Method::GET, path, &alice, None).await;
        assert_eq!(resp.status(), 403, "{path}");
    }
    // Body validation comes before the admin check.
    let resp = apps_call(
        &emu,
        Method::POST,
        "testorg/applications",
        &alice,
        Some(json!({})),
    )
    .await;
    assert_eq!(resp.status(), 400);
    let resp = apps_call(
        &emu,
        Method::POST,
        "testorg/applications",
        &alice,
        Some(json!({"name": "x"})),
    )
    .await;
    assert_eq!(resp.status(), 403);
    // The admin of a missing org: 403 too (checked before the lookup).
    let resp = apps_call(&emu, Method::GET, "nosuchorg/applications", &token, None).await;
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn organization_membership_is_capped_by_token_scopes() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    let resp = post_org(
        &emu,
        &token,
        json!({"name": "testorg", "email": "testorg@example.com"}),
    )
    .await;
    assert_eq!(resp.status(), 201);
    let get = |t: String| {
        let req = emu
            .client
            .get(emu.url("/api/v1/organization/testorg"))
            .bearer_auth(t);
        async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let full = get(token.clone()).await;
    assert_eq!(full["is_admin"], json!(true));
    assert!(full.get("quotas").is_some());
    for scope in ["user:read", "super:user", "user:admin repo:read"] {
        let t = emu.insert_token("admin", scope, far_future());
        let org = get(t).await;
        assert_eq!(
            org,
            json!({"name": "testorg", "email": "", "avatar": full["avatar"],
                   "is_admin": false, "is_member": false}),
            "{scope}"
        );
    }
    let creator = get(emu.insert_token("admin", "repo:create", far_future())).await;
    // Quay's org_view shows quotas to members too.
    assert_eq!(creator["quotas"], full["quotas"]);
    assert_eq!(creator["quota_report"], full["quota_report"]);
    insta::assert_json_snapshot!("member_view", creator);
    let admin = get(emu.insert_token("admin", "org:admin", far_future())).await;
    assert_eq!(admin, full);
}

/// Quay's application routes have only `require_scope` (metadata), so for nobody signed in the
/// body is validated first and the handler's `Unauthorized` (401 for anonymous) comes after.
#[tokio::test]
async fn anonymous_application_writes_validate_the_body_before_the_401() {
    let emu = emulator().await;
    let token = emu.admin_token("admin").await;
    assert_eq!(
        post_org(&emu, &token, json!({"name": "testorg"}))
            .await
            .status(),
        201
    );
    let (cookie, csrf) = emu.session().await;
    let anonymous = |body: &'static str, content_type: &'static str| {
        emu.client
            .post(emu.url("/api/v1/organization/testorg/applications"))
            .header("Cookie", cookie.clone())
            .header("X-CSRF-Token", csrf.clone())
            .header("Content-Type", content_type)
            .body(body)
            .send()
    };
    // Invalid body: the schema's 400, not the 401.
    let resp = anonymous("{}", "application/json").await.unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error_type"], "invalid_request", "{body}");
    // Wrong content type: the 415.
    let resp = anonymous("x", "text/plain").await.unwrap();
    assert_eq!(resp.status(), 415);
    // A valid body: now the 401.
    let resp = anonymous(r#"{"name": "app"}"#, "application/json")
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error_type"], "invalid_token", "{body}");
}
