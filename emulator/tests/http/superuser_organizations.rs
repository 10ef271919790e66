//! Superuser organizations (Quay: `SuperUserOrganizationList`, `SuperUserOrganizationManagement`)
//! and the organization's own detail routes (`GET`/`PUT`/`DELETE /api/v1/organization/{orgname}`),
//! over HTTP.

use crate::common::*;
use quay_emulator::testing::{avatar, seed};
use reqwest::Method;
use serde_json::{json, Value};

const ORGS: &str = "/api/v1/superuser/organizations/";

fn su_org(name: &str) -> String {
    format!("/api/v1/superuser/organizations/{name}")
}

fn org_path(name: &str) -> String {
    format!("/api/v1/organization/{name}")
}

fn with_token_keys(mut meta: Value) -> Value {
    meta["oauth_token_id"] = json!(1);
    meta["oauth_token_application_id"] = json!("admin");
    meta["oauth_token_application"] = json!("automation");
    meta
}

fn names(list: &Value) -> Vec<String> {
    list["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect()
}

/// An organization whose `owners` team holds `owner`.
fn org(emu: &Emu, name: &str, email: &str, owner: &str) {
    seed::create_organization(&emu.db_path(), name, email, owner).unwrap();
}

/// A registry with the superuser `admin` (its initialize token returned) and `carol`, who owns
/// `testorg`.
async fn registry(extra_yaml: &str) -> (Emu, String) {
    let emu = emulator_with(config_with(extra_yaml)).await;
    let token = emu.admin_token("admin").await;
    emu.seed_user("carol", "password1");
    org(&emu, "testorg", "testorg@example.com", "carol");
    (emu, token)
}

async fn put_json(emu: &Emu, path: &str, token: &str, body: Value) -> reqwest::Response {
    emu.call(Method::PUT, path, Some(token), Some(body)).await
}

#[tokio::test]
async fn list_organizations_with_quay_views_and_pages() {
    let (emu, token) = registry("").await;
    let carol = emu.insert_token("carol", "user:admin org:admin", far_future());
    // No e-mail: a UUID is stored and shown raw.
    let resp = emu
        .call(
            Method::POST,
            "/api/v1/organization/",
            Some(&carol),
            Some(json!({"name": "plainorg"})),
        )
        .await;
    assert_eq!(resp.status(), 201);
    emu.sql(
        "INSERT INTO quotas (id, namespace_id, limit_bytes) SELECT 1, id, 524288000 FROM users \
         WHERE username = 'testorg'",
    );

    let resp = emu.call(Method::GET, ORGS, Some(&token), None).await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    let plain = &body["organizations"][1];
    let email = plain["email"].as_str().unwrap();
    assert_eq!(email.len(), 36, "a UUID: {email}");
    assert_eq!(
        plain["avatar"]["hash"],
        avatar::avatar_hash("plainorg", Some(email))
    );
    insta::assert_json_snapshot!("listed", body, {
        ".organizations[1].email" => "[uuid]",
        ".organizations[1].avatar.hash" => "[hash]",
        ".organizations[1].avatar.color" => "[color]",
    });

    // Pages by id; users are never listed; `disabled` is not a parameter here.
    for i in 0..5 {
        org(&emu, &format!("org{i}"), "o@example.com", "carol");
    }
    emu.seed_user("dave", "password1");
    emu.sql("UPDATE users SET enabled = 0 WHERE username = 'org4'");
    let mut seen = Vec::new();
    let mut query = "?limit=2".to_string();
    loop {
        let (status, page) = emu.get_json(&format!("{ORGS}{query}"), &token).await;
        assert_eq!(status, 200);
        assert!(page["organizations"].as_array().unwrap().len() <= 2);
        seen.extend(names(&page));
        match page.get("next_page").and_then(Value::as_str) {
            Some(t) => {
                query = format!(
                    "?limit=2&disabled=false&next_page={}",
                    percent_encoding::utf8_percent_encode(t, percent_encoding::NON_ALPHANUMERIC)
                )
            }
            None => break,
        }
    }
    assert_eq!(
        seen,
        ["testorg", "plainorg", "org0", "org1", "org2", "org3", "org4"]
    );
    let resp = emu
        .call(
            Method::GET,
            &format!("{ORGS}?limit=101"),
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
    let resp = emu
        .call(Method::GET, &format!("{ORGS}?limit=x"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 400);
    assert_eq!(
        resp.json::<Value>().await.unwrap(),
        json!({"message": {"limit": "Limit to the number of results to return per page. Max 100."}})
    );
    let (_, first) = emu
        .get_json(&format!("{ORGS}?limit=2&next_page=bogus"), &token)
        .await;
    assert_eq!(names(&first), ["testorg", "plainorg"]);

    // Deleted organizations never appear.
    let resp = emu
        .call(Method::DELETE, &su_org("org0"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 204);
    let (_, all) = emu.get_json(ORGS, &token).await;
    assert_eq!(
        names(&all),
        ["testorg", "plainorg", "org1", "org2", "org3", "org4"]
    );
}

#[tokio::test]
async fn organization_list_needs_a_superuser() {
    let (emu, _token) = registry("GLOBAL_READONLY_SUPER_USERS: [reader]\n").await;
    let carol = emu.insert_token("carol", "super:user", far_future());
    let resp = emu.call(Method::GET, ORGS, Some(&carol), None).await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    let resp = emu.call(Method::GET, ORGS, None, None).await;
    expect_shape_a(resp, 401, "invalid_token", "Requires authentication").await;
    emu.seed_user("reader", "password1");
    let reader = emu.insert_token("reader", "user:read", far_future());
    assert_eq!(emu.get_json(ORGS, &reader).await.0, 200);
    let resp = put_json(&emu, &su_org("testorg"), &reader, json!({"name": "x1"})).await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
}

#[tokio::test]
async fn rename_organization() {
    let (emu, token) = registry("").await;
    let resp = put_json(
        &emu,
        &su_org("testorg"),
        &token,
        json!({"name": "renamedorg"}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    let view: Value = resp.json().await.unwrap();
    insta::assert_json_snapshot!("renamed", view);
    let carol = emu.insert_token("carol", "org:admin", far_future());
    assert_eq!(emu.get_json(&org_path("renamedorg"), &carol).await.0, 200);
    assert_eq!(emu.get_json(&org_path("testorg"), &carol).await.0, 404);
    let logs = emu.logs_of("org_change_name");
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].account_name.as_deref(), Some("renamedorg"));
    assert_eq!(
        logs[0].metadata,
        with_token_keys(
            json!({"old_name": "testorg", "new_name": "renamedorg", "superuser": "admin"})
        )
    );

    // `{}`: nothing changes, but the entry is written with `new_name: null`.
    let resp = put_json(&emu, &su_org("renamedorg"), &token, json!({})).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Value>().await.unwrap()["name"], "renamedorg");
    let logs = emu.logs_of("org_change_name");
    assert_eq!(logs[1].metadata["new_name"], Value::Null);
    // The same name again is no conflict; a deleted organization's name is not checked.
    org(&emu, "doomed", "d@example.com", "carol");
    assert_eq!(
        emu.call(Method::DELETE, &su_org("doomed"), Some(&token), None)
            .await
            .status(),
        204
    );
    let resp = put_json(
        &emu,
        &su_org("renamedorg"),
        &token,
        json!({"name": "renamedorg"}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let resp = put_json(
        &emu,
        &su_org("renamedorg"),
        &token,
        json!({"name": "doomed"}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(emu.logs_of("org_change_name").len(), 4);
}

#[tokio::test]
async fn rename_organization_errors_log_first() {
    let (emu, token) = registry("").await;
    org(&emu, "otherorg", "o@example.com", "carol");
    let count = || emu.logs_of("org_change_name").len();

    let resp = put_json(&emu, &su_org("testorg"), &token, json!({"name": 5})).await;
    expect_shape_a(resp, 400, "invalid_request",
        "5 is not of type 'string'\n\nFailed validating 'type' in schema['properties']['name']:\n    {'description': 'The new name for the organization', 'type': 'string'}\n\nOn instance['name']:\n    5").await;
    assert_eq!(count(), 0);

    let resp = put_json(
        &emu,
        &su_org("testorg"),
        &token,
        json!({"name": "Bad Name"}),
    )
    .await;
    expect_model_error(
        resp,
        "Invalid username Bad Name: Namespace must match expression ^([a-z0-9]+(?:[._-][a-z0-9]+)*)$",
    )
    .await;
    assert_eq!(count(), 1);
    assert_eq!(
        emu.logs_of("org_change_name")[0].metadata["new_name"],
        "Bad Name"
    );

    // A user: logged in the user's namespace, then refused.
    let resp = put_json(&emu, &su_org("carol"), &token, json!({"name": "carol2"})).await;
    expect_model_error(resp, "Organization does not exist: carol").await;
    assert_eq!(count(), 2);
    assert_eq!(
        emu.logs_of("org_change_name")[1].account_name.as_deref(),
        Some("carol")
    );

    // A taken name: Quay's 500 (the unique index's IntegrityError) after the log was written
    // for a rename that never happened.
    for (i, taken) in ["otherorg", "carol"].into_iter().enumerate() {
        let resp = put_json(&emu, &su_org("testorg"), &token, json!({ "name": taken })).await;
        expect_quay_500(resp).await;
        let entry = &emu.logs_of("org_change_name")[2 + i];
        assert_eq!(entry.account_name.as_deref(), Some("testorg"));
        assert_eq!(
            entry.metadata,
            with_token_keys(
                json!({"old_name": "testorg", "new_name": taken, "superuser": "admin"})
            )
        );
    }
    assert_eq!(count(), 4);

    // An unknown namespace: Quay's 500 from the log write itself, so nothing is logged.
    let resp = put_json(&emu, &su_org("nosuchorg"), &token, json!({"name": "x1"})).await;
    expect_quay_500(resp).await;
    assert_eq!(count(), 4);
    let (_, all) = emu.get_json(ORGS, &token).await;
    assert_eq!(names(&all), ["testorg", "otherorg"]);
    assert!(emu.storage().namespace_by_name("x1").unwrap().is_none());
    assert!(
        !emu.storage()
            .namespace_by_name("carol")
            .unwrap()
            .unwrap()
            .organization
    );
}

#[tokio::test]
async fn delete_organization_marks_it_deleted() {
    let (emu, token) = registry("").await;
    seed::create_application(
        &emu.db_path(),
        "testorg",
        "app",
        "http://localhost/cb",
        "http://localhost",
    )
    .unwrap();
    let org_id = emu
        .storage()
        .namespace_by_name("testorg")
        .unwrap()
        .unwrap()
        .id;

    let resp = emu
        .call(Method::DELETE, &su_org("testorg"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    assert!(resp.text().await.unwrap().is_empty());

    let logs = emu.logs_of("org_delete");
    assert_eq!(logs.len(), 1);
    let renamed = logs[0].account_name.clone().unwrap();
    assert_eq!(
        renamed.len(),
        36,
        "the UUID the organization was renamed to"
    );
    assert_eq!(
        logs[0].metadata,
        with_token_keys(json!({"namespace": "testorg"}))
    );
    let conn = rusqlite::Connection::open(emu.db_path()).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [org_id], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT COUNT(*) FROM teams WHERE organization_id = ?1"),
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM oauth_applications WHERE organization_id = ?1"),
        0
    );
    assert_eq!(
        count("SELECT enabled FROM users WHERE id = ?1"),
        0,
        "disabled"
    );

    let carol = emu.insert_token("carol", "user:admin org:admin", far_future());
    assert_eq!(emu.get_json(&org_path("testorg"), &carol).await.0, 404);
    let resp = emu
        .call(
            Method::POST,
            "/api/v1/organization/",
            Some(&carol),
            Some(json!({"name": "testorg"})),
        )
        .await;
    expect_shape_a(resp, 400, "invalid_request", "Username is not available").await;
    for name in ["testorg", "carol", "nosuchorg"] {
        let resp = emu
            .call(Method::DELETE, &su_org(name), Some(&token), None)
            .await;
        expect_shape_a(resp, 404, "not_found", "Not Found").await;
    }
    // Reached by its UUID name the deleted organization is still found; deleting it again
    // changes nothing (it is disabled) but is logged, as in Quay.
    let resp = emu
        .call(Method::DELETE, &su_org(&renamed), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(emu.logs_of("org_delete").len(), 2);
    assert!(emu.storage().namespace_by_name(&renamed).unwrap().is_some());
}

#[tokio::test]
async fn get_on_an_organization_is_the_catch_all_redirect() {
    let (emu, token) = registry("").await;
    let resp = emu
        .call(Method::GET, &su_org("testorg"), Some(&token), None)
        .await;
    assert_eq!(resp.status(), 308);
    assert_eq!(
        resp.headers()["location"],
        emu.url("/api/v1/superuser/organizations/testorg/").as_str()
    );
    assert_no_cors(resp.headers());
    let resp = emu
        .call(
            Method::GET,
            "/api/v1/superuser/organizations",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(resp.status(), 308);
    let resp = emu
        .client
        .request(Method::OPTIONS, emu.url(&su_org("testorg")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["allow"], "OPTIONS, HEAD, DELETE, GET, PUT");
}

#[tokio::test]
async fn change_organization_details() {
    let (emu, _token) = registry("").await;
    let carol = emu.insert_token("carol", "org:admin", far_future());
    let resp = put_json(
        &emu,
        &org_path("testorg"),
        &carol,
        json!({"invoice_email": true, "invoice_email_address": "billing@example.com",
               "email": "new@example.com", "tag_expiration_s": 86400}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_default_cors(resp.headers());
    let view: Value = resp.json().await.unwrap();
    assert_eq!(
        view["avatar"]["hash"],
        avatar::avatar_hash("testorg", Some("new@example.com"))
    );
    insta::assert_json_snapshot!("changed", view);

    let kinds: Vec<String> = emu
        .logs()
        .into_iter()
        .rev()
        .filter(|l| l.kind.starts_with("org_change"))
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "org_change_invoicing",
            "org_change_invoicing",
            "org_change_email",
            "org_change_tag_expiration"
        ]
    );
    let strip = |mut m: Value| {
        let o = m.as_object_mut().unwrap();
        assert!(o.remove("oauth_token_id").unwrap().is_i64());
        assert!(o.remove("oauth_token_application_id").unwrap().is_string());
        assert_eq!(o.remove("oauth_token_application").unwrap(), "testapp");
        m
    };
    let invoicing = emu.logs_of("org_change_invoicing");
    assert_eq!(
        strip(invoicing[0].metadata.clone()),
        json!({"invoice_email": true, "namespace": "testorg"})
    );
    assert_eq!(
        strip(invoicing[1].metadata.clone()),
        json!({"invoice_email_address": "billing@example.com", "namespace": "testorg"})
    );
    assert_eq!(
        strip(emu.logs_of("org_change_email")[0].metadata.clone()),
        json!({"email": "new@example.com", "namespace": "testorg",
               "old_email": "testorg@example.com"})
    );
    assert_eq!(
        strip(emu.logs_of("org_change_tag_expiration")[0].metadata.clone()),
        json!({"tag_expiration": 86400, "namespace": "testorg"})
    );
    assert_eq!(
        emu.logs_of("org_change_email")[0].account_name.as_deref(),
        Some("testorg")
    );

    // Unchanged values are not logged again; `contact_email` wins over `email`; an empty
    // e-mail stores a UUID and shows as "".
    let resp = put_json(
        &emu,
        &org_path("testorg"),
        &carol,
        json!({"invoice_email_address": "billing@example.com", "email": "ignored@example.com",
               "contact_email": ""}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let view: Value = resp.json().await.unwrap();
    assert_eq!(view["email"], "");
    assert_eq!(emu.logs_of("org_change_invoicing").len(), 2);
    let emails = emu.logs_of("org_change_email");
    assert_eq!(emails.len(), 2);
    assert_eq!(
        strip(emails[1].metadata.clone()),
        json!({"email": "", "namespace": "testorg", "old_email": "new@example.com"})
    );
    let stored = emu.storage().namespace_by_name("testorg").unwrap().unwrap();
    assert_eq!(stored.email.len(), 36, "a UUID");
    // An empty address is stored as null (and logged as sent).
    let resp = put_json(
        &emu,
        &org_path("testorg"),
        &carol,
        json!({"invoice_email_address": ""}),
    )
    .await;
    assert_eq!(
        resp.json::<Value>().await.unwrap()["invoice_email_address"],
        Value::Null
    );
    assert_eq!(
        emu.logs_of("org_change_invoicing")[2].metadata["invoice_email_address"],
        ""
    );
}

#[tokio::test]
async fn change_organization_details_errors() {
    let (emu, _token) = registry("").await;
    let carol = emu.insert_token("carol", "org:admin", far_future());
    let put = |body: Value| put_json(&emu, "/api/v1/organization/testorg", &carol, body);

    // A bad e-mail stops the request after the invoicing change was saved (and logged).
    let resp = put(json!({"invoice_email": true, "email": "not-an-email"})).await;
    expect_shape_a(resp, 400, "invalid_request", "Invalid email address").await;
    assert_eq!(emu.logs_of("org_change_invoicing").len(), 1);
    let stored = emu.storage().namespace_by_name("testorg").unwrap().unwrap();
    assert!(stored.invoice_email);
    assert_eq!(stored.email, "testorg@example.com");

    expect_model_error(
        put(json!({"tag_expiration_s": 5})).await,
        "Invalid tag expiration option",
    )
    .await;
    expect_shape_a(put(json!({"tag_expiration_s": -1})).await, 400, "invalid_request",
        "-1 is less than the minimum of 0\n\nFailed validating 'minimum' in schema['properties']['tag_expiration_s']:\n    {'description': 'The number of seconds for tag expiration',\n     'minimum': 0,\n     'type': 'integer'}\n\nOn instance['tag_expiration_s']:\n    -1").await;
    expect_shape_a(put(json!({"tag_expiration_s": "1d"})).await, 400, "invalid_request",
        "'1d' is not of type 'integer'\n\nFailed validating 'type' in schema['properties']['tag_expiration_s']:\n    {'description': 'The number of seconds for tag expiration',\n     'minimum': 0,\n     'type': 'integer'}\n\nOn instance['tag_expiration_s']:\n    '1d'").await;
    expect_shape_a(put(json!({"contact_email": 5})).await, 400, "invalid_request",
        "5 is not of type 'string', 'null'\n\nFailed validating 'type' in schema['properties']['contact_email']:\n    {'description': 'Organization contact email',\n     'type': ['string', 'null']}\n\nOn instance['contact_email']:\n    5").await;
    expect_shape_a(put(json!({"invoice_email": "yes"})).await, 400, "invalid_request",
        "'yes' is not of type 'boolean'\n\nFailed validating 'type' in schema['properties']['invoice_email']:\n    {'description': 'Whether the organization desires to receive emails '\n                    'for invoices',\n     'type': 'boolean'}\n\nOn instance['invoice_email']:\n    'yes'").await;
    // The options Quay allows (0s 1d 1w 2w 4w).
    for ok in [0, 86_400, 604_800, 1_209_600, 2_419_200] {
        assert_eq!(
            put(json!({ "tag_expiration_s": ok })).await.status(),
            200,
            "{ok}"
        );
    }
    assert_eq!(emu.logs_of("org_change_tag_expiration").len(), 5);
    expect_shape_a(
        put_json(&emu, &org_path("carol"), &carol, json!({})).await,
        404,
        "not_found",
        "Not Found",
    )
    .await;

    // With FEATURE_CHANGE_TAG_EXPIRATION off the field is ignored.
    let (emu, _token) = registry("FEATURE_CHANGE_TAG_EXPIRATION: false\n").await;
    let carol = emu.insert_token("carol", "org:admin", far_future());
    let resp = put_json(
        &emu,
        &org_path("testorg"),
        &carol,
        json!({"tag_expiration_s": 5}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["tag_expiration_s"],
        1_209_600
    );
    assert!(emu.logs_of("org_change_tag_expiration").is_empty());
}

#[tokio::test]
async fn session_writes_log_without_token_metadata() {
    let (emu, _token) = registry("").await;
    let (cookie, csrf) = emu.signed_in("carol", "password1").await;
    let resp = emu
        .client
        .put(emu.url(&org_path("testorg")))
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .json(&json!({"invoice_email": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        emu.logs_of("org_change_invoicing")[0].metadata,
        json!({"invoice_email": true, "namespace": "testorg"})
    );
}

/// alice is on a `readers` team (role member) of testorg.
fn add_reader(emu: &Emu) {
    emu.seed_user("alice", "password1");
    emu.sql(
        "INSERT INTO teams (organization_id, name, role) SELECT id, 'readers', 'member' \
         FROM users WHERE username = 'testorg'; \
         INSERT INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t, users u \
         WHERE t.name = 'readers' AND u.username = 'alice';",
    );
}

#[tokio::test]
async fn organization_detail_permissions() {
    let (emu, token) = registry("").await;
    add_reader(&emu);
    let alice = emu.insert_token("alice", "org:admin user:admin", far_future());
    let carol_read = emu.insert_token("carol", "user:read", far_future());
    let admin_su = emu.insert_token("admin", "super:user", far_future());

    // A member sees the teams (only its own viewable), the quotas, no admin fields.
    let (_, view) = emu.get_json(&org_path("testorg"), &alice).await;
    insta::assert_json_snapshot!("member_view", view);
    // A superuser outside the organization (no full access) sees the minimum.
    let (_, view) = emu.get_json(&org_path("testorg"), &token).await;
    insta::assert_json_snapshot!("outsider_view", view);

    for t in [&alice, &carol_read, &token, &admin_su] {
        let resp = put_json(&emu, &org_path("testorg"), t, json!({})).await;
        expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
        let resp = emu
            .call(Method::DELETE, &org_path("testorg"), Some(t), None)
            .await;
        expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    }
    // Unknown organization: not an admin of it, so 403 (before any 404).
    let carol = emu.insert_token("carol", "org:admin", far_future());
    let resp = put_json(&emu, &org_path("nosuchorg"), &carol, json!({})).await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    // The body is validated before the permission.
    let resp = put_json(&emu, &org_path("testorg"), &alice, json!({"email": 5})).await;
    assert_eq!(resp.status(), 400);
    // Anonymous writes stop at CSRF.
    let resp = emu
        .call(Method::PUT, &org_path("testorg"), None, Some(json!({})))
        .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(
        Emu::shape_c(resp).await,
        json!({"error": "CSRF token was invalid or missing."})
    );
}

#[tokio::test]
async fn superusers_with_full_access_and_global_readers() {
    let (emu, _token) =
        registry("FEATURE_SUPERUSERS_FULL_ACCESS: true\nGLOBAL_READONLY_SUPER_USERS: [reader]\n")
            .await;
    let admin_su = emu.insert_token("admin", "super:user", far_future());
    emu.seed_user("reader", "password1");
    let reader = emu.insert_token("reader", "user:read", far_future());

    let (status, view) = emu.get_json(&org_path("testorg"), &admin_su).await;
    assert_eq!(status, 200);
    assert_eq!(
        emu.get_json(&org_path("testorg"), &reader).await,
        (200, view.clone())
    );
    insta::assert_json_snapshot!("full_access_view", view);
    // Full access: a super:user token changes and deletes any organization.
    let resp = put_json(
        &emu,
        &org_path("testorg"),
        &admin_su,
        json!({"invoice_email": true}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let resp = put_json(&emu, &org_path("nosuchorg"), &admin_su, json!({})).await;
    expect_shape_a(resp, 404, "not_found", "Not Found").await;
    // The global reader only reads.
    let reader_all = emu.insert_token("reader", "org:admin super:user", far_future());
    let resp = put_json(&emu, &org_path("testorg"), &reader_all, json!({})).await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    let resp = emu
        .call(Method::DELETE, &org_path("testorg"), Some(&admin_su), None)
        .await;
    assert_eq!(resp.status(), 204);
    let logs = emu.logs_of("org_delete");
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].performer_name.as_deref(), Some("admin"));
    assert_eq!(logs[0].metadata["namespace"], "testorg");
}

#[tokio::test]
async fn organization_admin_deletes_its_organization() {
    let (emu, token) = registry("").await;
    let carol = emu.insert_token("carol", "org:admin", far_future());
    let resp = emu
        .call(Method::DELETE, &org_path("testorg"), Some(&carol), None)
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(content_type(resp.headers()), "application/json");
    let logs = emu.logs_of("org_delete");
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].performer_name.as_deref(), Some("carol"));
    assert_eq!(
        logs[0].metadata["namespace"], "testorg",
        "{:?}",
        logs[0].metadata
    );
    let (_, all) = emu.get_json(ORGS, &token).await;
    assert!(names(&all).is_empty());
    let resp = emu
        .call(Method::DELETE, &org_path("testorg"), Some(&carol), None)
        .await;
    expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
}
