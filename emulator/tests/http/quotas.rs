//! Superuser quotas (Quay: `SuperUserUserQuotaList`, `SuperUserUserQuota`) on both path families,
//! and real usage (`quay_emulator::testing::blobs`) in the user and organization views' `quota_report`,
//! over HTTP.

use crate::common::*;
use quay_emulator::testing::{blobs, seed};
use reqwest::Method;
use serde_json::{json, Value};

/// The two path families; the path word is not enforced.
const FAMILIES: [&str; 2] = ["/api/v1/superuser/organization", "/api/v1/superuser/users"];

fn list_path(family: &str, namespace: &str) -> String {
    format!("{family}/{namespace}/quota")
}

fn item_path(family: &str, namespace: &str, id: impl std::fmt::Display) -> String {
    format!("{family}/{namespace}/quota/{id}")
}

/// A registry with the superuser `admin` (token returned), the organization `testorg` (owned by
/// admin) and the user `alice`.
async fn registry(extra_yaml: &str) -> (Emu, String) {
    let emu = emulator_with(config_with(extra_yaml)).await;
    let token = emu.admin_token("admin").await;
    seed::create_organization(&emu.db_path(), "testorg", "testorg@example.com", "admin").unwrap();
    emu.seed_user("alice", "password1");
    (emu, token)
}

/// A call whose JSON body is sent exactly as written (key order matters in some messages).
async fn raw_call(
    emu: &Emu,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> reqwest::Response {
    let mut req = emu
        .client
        .request(method, emu.url(path))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

async fn create(
    emu: &Emu,
    token: &str,
    family: &str,
    namespace: &str,
    body: &str,
) -> reqwest::Response {
    raw_call(
        emu,
        Method::POST,
        &list_path(family, namespace),
        Some(token),
        body,
    )
    .await
}

async fn change(
    emu: &Emu,
    token: &str,
    family: &str,
    namespace: &str,
    id: impl std::fmt::Display,
    body: &str,
) -> reqwest::Response {
    raw_call(
        emu,
        Method::PUT,
        &item_path(family, namespace, id),
        Some(token),
        body,
    )
    .await
}

async fn remove(
    emu: &Emu,
    token: &str,
    family: &str,
    namespace: &str,
    id: impl std::fmt::Display,
) -> reqwest::Response {
    emu.call(
        Method::DELETE,
        &item_path(family, namespace, id),
        Some(token),
        None,
    )
    .await
}

async fn list(emu: &Emu, token: &str, family: &str, namespace: &str) -> Value {
    let resp = emu
        .call(
            Method::GET,
            &list_path(family, namespace),
            Some(token),
            None,
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    resp.json().await.unwrap()
}

/// The quota view (Quay's `quota_view`, `endpoints/api/namespacequota.py`) of a quota without
/// limits, under the reference configuration.
fn view(id: i64, limit_bytes: Value, limit: &str) -> Value {
    json!({"id": id, "limit_bytes": limit_bytes, "limit": limit, "default_config": false,
           "limits": [], "default_config_exists": false})
}

/// The id of the namespace's only quota.
async fn quota_id(emu: &Emu, token: &str, namespace: &str) -> i64 {
    list(emu, token, FAMILIES[0], namespace).await[0]["id"]
        .as_i64()
        .unwrap()
}

/// A schema error `detail` (jsonschema 3.2.0's message over the `NewNamespaceQuota` or
/// `UpdateNamespaceQuota` schema of Quay's `endpoints/api/superuser.py`), given as a JSON
/// string literal, as the string it stands for.
fn schema_error(literal: &str) -> String {
    serde_json::from_str(literal).expect("JSON string literal")
}

async fn expect_invalid(resp: reqwest::Response, detail: &str) {
    expect_shape_a(resp, 400, "invalid_request", detail).await;
}

async fn expect_not_found(resp: reqwest::Response) {
    expect_shape_a(resp, 404, "not_found", "Not Found").await;
}

#[tokio::test]
async fn create_list_change_delete_on_both_path_families() {
    let (emu, token) = registry("").await;
    let logs_before = emu.logs().len();
    // Both namespaces through both families: the path word is not enforced.
    for family in FAMILIES {
        for namespace in ["testorg", "alice"] {
            let what = format!("{family} {namespace}");
            assert_eq!(
                list(&emu, &token, family, namespace).await,
                json!([]),
                "{what}"
            );

            let resp = create(
                &emu,
                &token,
                family,
                namespace,
                r#"{"limit_bytes": 10737418240}"#,
            )
            .await;
            assert_eq!(resp.status(), 201, "{what}");
            assert_eq!(content_type(resp.headers()), "application/json");
            assert_default_cors(resp.headers());
            assert_eq!(resp.json::<Value>().await.unwrap(), json!("Created"));

            let listed = list(&emu, &token, family, namespace).await;
            let id = listed[0]["id"].as_i64().unwrap();
            assert_eq!(
                listed,
                json!([view(id, json!(10737418240_i64), "10.0 GiB")]),
                "{what}"
            );
            assert!(listed[0]["limit_bytes"].is_i64());

            // A second quota: refused, before the value is looked at.
            let resp = create(&emu, &token, family, namespace, r#"{"limit_bytes": -5}"#).await;
            expect_invalid(resp, &format!("Quota for '{namespace}' already exists")).await;

            let resp = change(
                &emu,
                &token,
                family,
                namespace,
                id,
                r#"{"limit_bytes": 2147483648}"#,
            )
            .await;
            assert_eq!(resp.status(), 200);
            assert_default_cors(resp.headers());
            let body: Value = resp.json().await.unwrap();
            assert_eq!(body, view(id, json!(2147483648_i64), "2.0 GiB"));
            assert!(body["limit_bytes"].is_i64());

            // A human limit: the answer holds the float bitmath computed, later GETs the integer.
            let resp = change(&emu, &token, family, namespace, id, r#"{"limit": "3 GiB"}"#).await;
            assert_eq!(resp.status(), 200);
            let text = resp.text().await.unwrap();
            assert!(text.contains("3221225472.0"), "{text}");
            let body: Value = serde_json::from_str(&text).unwrap();
            assert!(body["limit_bytes"].is_f64());
            assert_eq!(body, view(id, json!(3221225472.0), "3.0 GiB"));
            let listed = list(&emu, &token, family, namespace).await;
            assert!(listed[0]["limit_bytes"].is_i64());
            assert_eq!(listed, json!([view(id, json!(3221225472_i64), "3.0 GiB")]));

            // Falsy values change nothing.
            for unchanged in ["{}", r#"{"limit_bytes": 0}"#, r#"{"limit": "0 GiB"}"#] {
                let resp = change(&emu, &token, family, namespace, id, unchanged).await;
                assert_eq!(resp.status(), 200, "{unchanged}");
                let body: Value = resp.json().await.unwrap();
                assert!(body["limit_bytes"].is_i64(), "{unchanged}");
                assert_eq!(
                    body,
                    view(id, json!(3221225472_i64), "3.0 GiB"),
                    "{unchanged}"
                );
            }

            let resp = emu
                .call(
                    Method::DELETE,
                    &item_path(family, namespace, id),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(resp.status(), 204);
            assert_eq!(content_type(resp.headers()), "application/json");
            assert_default_cors(resp.headers());
            assert_eq!(resp.text().await.unwrap(), "");
            let resp = emu
                .call(
                    Method::DELETE,
                    &item_path(family, namespace, id),
                    Some(&token),
                    None,
                )
                .await;
            expect_not_found(resp).await;
            assert_eq!(list(&emu, &token, family, namespace).await, json!([]));
        }
    }
    // Quay writes no log entry for any of these.
    assert_eq!(emu.logs().len(), logs_before);
}

#[tokio::test]
async fn human_limits_are_parsed_like_bitmath() {
    let (emu, token) = registry("").await;
    for (family, (limit, bytes, text)) in FAMILIES.iter().cycle().zip([
        ("500 MiB", 524_288_000_i64, "500.0 MiB"),
        ("500MiB", 524_288_000, "500.0 MiB"),
        ("2 Gi", 2_147_483_648, "2.0 GiB"),
        ("5 K", 5_000, "4.9 KiB"),
        ("5 KB", 5_000, "4.9 KiB"),
        ("3 G", 3_000_000_000, "2.8 GiB"),
        ("1 T", 1_000_000_000_000, "931.3 GiB"),
        ("7 EiB", 8_070_450_532_247_928_832, "7.0 EiB"),
        ("1000", 1_000, "1000.0 Byte"),
        ("1023 Ki", 1_047_552, "1023.0 KiB"),
    ]) {
        let resp = create(
            &emu,
            &token,
            family,
            "alice",
            &json!({ "limit": limit }).to_string(),
        )
        .await;
        assert_eq!(resp.status(), 201, "{limit}");
        let id = quota_id(&emu, &token, "alice").await;
        assert_eq!(
            list(&emu, &token, family, "alice").await,
            json!([view(id, json!(bytes), text)]),
            "{limit}"
        );
        // The same value set by PUT: the float, and the same text.
        let resp = change(
            &emu,
            &token,
            family,
            "alice",
            id,
            &json!({ "limit": limit }).to_string(),
        )
        .await;
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["limit_bytes"], json!(bytes as f64), "{limit}");
        assert_eq!(body["limit"], text, "{limit}");
        let resp = emu
            .call(
                Method::DELETE,
                &item_path(family, "alice", id),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(resp.status(), 204);
    }
}

#[tokio::test]
async fn create_errors() {
    let (emu, token) = registry("").await;
    emu.sql(
        "INSERT INTO users (uuid, username, email, robot, removed_tag_expiration_s, \
         creation_date) VALUES ('r', 'testorg+bot', 'r', 1, 0, 0)",
    );
    for family in FAMILIES {
        let post = |body: &'static str| create(&emu, &token, family, "testorg", body);
        for (body, literal) in [
            (
                "{}",
                r#""'limit_bytes' is a required property\n\nFailed validating 'required' in schema[0]:\n    {'properties': {'limit_bytes': {'description': 'Number of bytes the '\n                                                   'organization is '\n                                                   'allowed',\n                                    'type': 'integer'}},\n     'required': ['limit_bytes']}\n\nOn instance:\n    {}""#,
            ),
            (
                r#"{"limit_bytes": "1000"}"#,
                r#""'1000' is not of type 'integer'\n\nFailed validating 'type' in schema[0]['properties']['limit_bytes']:\n    {'description': 'Number of bytes the organization is allowed',\n     'type': 'integer'}\n\nOn instance['limit_bytes']:\n    '1000'""#,
            ),
            (
                r#"{"limit": "ten gigs"}"#,
                r#""'ten gigs' does not match '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$'\n\nFailed validating 'pattern' in schema[1]['properties']['limit']:\n    {'description': 'Human readable storage capacity of the organization',\n     'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n     'type': 'string'}\n\nOn instance['limit']:\n    'ten gigs'""#,
            ),
            (
                r#"{"limit": 5}"#,
                r#""5 is not of type 'string'\n\nFailed validating 'type' in schema[1]['properties']['limit']:\n    {'description': 'Human readable storage capacity of the organization',\n     'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n     'type': 'string'}\n\nOn instance['limit']:\n    5""#,
            ),
            (
                r#"{"limit_bytes": 1000, "limit": "1 GiB"}"#,
                r#""{'limit_bytes': 1000, 'limit': '1 GiB'} is valid under each of {'required': ['limit'], 'properties': {'limit': {'type': 'string', 'description': 'Human readable storage capacity of the organization', 'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$'}}}, {'required': ['limit_bytes'], 'properties': {'limit_bytes': {'type': 'integer', 'description': 'Number of bytes the organization is allowed'}}}\n\nFailed validating 'oneOf' in schema:\n    {'description': 'Description of a new organization quota',\n     'oneOf': [{'properties': {'limit_bytes': {'description': 'Number of '\n                                                              'bytes the '\n                                                              'organization '\n                                                              'is allowed',\n                                               'type': 'integer'}},\n                'required': ['limit_bytes']},\n               {'properties': {'limit': {'description': 'Human readable '\n                                                        'storage capacity '\n                                                        'of the '\n                                                        'organization',\n                                         'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n                                         'type': 'string'}},\n                'required': ['limit']}],\n     'type': 'object'}\n\nOn instance:\n    {'limit': '1 GiB', 'limit_bytes': 1000}""#,
            ),
        ] {
            expect_invalid(post(body).await, &schema_error(literal)).await;
        }
        // The first line keeps the body's own key order.
        let resp = post(r#"{"limit": "1 GiB", "limit_bytes": 1000}"#).await;
        let body: Value = resp.json().await.unwrap();
        assert!(body["detail"]
            .as_str()
            .unwrap()
            .starts_with("{'limit': '1 GiB', 'limit_bytes': 1000} is valid under each of"));
        let resp = post("[1]").await;
        let body: Value = resp.json().await.unwrap();
        assert!(body["detail"]
            .as_str()
            .unwrap()
            .starts_with("[1] is not of type 'object'\n\nFailed validating 'type' in schema:\n"));

        for (body, value) in [
            (r#"{"limit_bytes": -5}"#, "-5"),
            (r#"{"limit_bytes": 0}"#, "0"),
            (r#"{"limit_bytes": -5.0}"#, "-5.0"),
            (r#"{"limit": "0 GiB"}"#, "0.0"),
            (r#"{"limit": "0"}"#, "0.0"),
        ] {
            expect_invalid(
                post(body).await,
                &format!("Invalid quota size limit value: '{value}'"),
            )
            .await;
        }
        for unit in ["B", "ZiB", "YiB", "Zi", "Yi"] {
            let body = json!({ "limit": format!("5 {unit}") }).to_string();
            let resp = create(&emu, &token, family, "testorg", &body).await;
            expect_invalid(resp, "Invalid limit format").await;
        }
        // Beyond 64 bits: Quay's UnsupportedQuotaSize (on SQLite a 500, see DEVIATIONS.md).
        let resp = post(r#"{"limit": "10 EB"}"#).await;
        expect_invalid(resp, "Unsupported quota size limit.").await;
        // Bodies Flask refuses, and `null`.
        let resp = post("null").await;
        expect_invalid(resp, "Missing JSON body").await;
        let resp = post("{").await;
        assert_eq!(resp.status(), 400);
        assert_default_cors(resp.headers());
        assert_eq!(
            resp.json::<Value>().await.unwrap(),
            json!({"message": "The browser (or proxy) sent a request that this server could not understand."})
        );
        let resp = emu
            .client
            .post(emu.url(&list_path(family, "testorg")))
            .bearer_auth(&token)
            .header("content-type", "text/plain")
            .body(r#"{"limit_bytes": 5}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 415);

        // The limit is parsed before the namespace is looked up; for a name that is no user or
        // organization (also a robot or a non-ASCII name) Quay then crashes (500 page).
        let resp = create(&emu, &token, family, "nosuchns", r#"{"limit": "5 B"}"#).await;
        expect_invalid(resp, "Invalid limit format").await;
        for namespace in ["nosuchns", "testorg+bot", "nosuchn\u{e9}"] {
            for body in [r#"{"limit_bytes": 5}"#, r#"{"limit": "10 EB"}"#] {
                let resp = create(&emu, &token, family, namespace, body).await;
                expect_quay_500(resp).await;
            }
        }
    }
    // Nothing was created; extra keys are allowed.
    assert_eq!(list(&emu, &token, FAMILIES[0], "testorg").await, json!([]));
    let resp = create(
        &emu,
        &token,
        FAMILIES[1],
        "testorg",
        r#"{"limit_bytes": 1000, "foo": 1}"#,
    )
    .await;
    assert_eq!(resp.status(), 201);
}

#[tokio::test]
async fn change_errors() {
    let (emu, token) = registry("").await;
    emu.sql(
        "INSERT INTO users (uuid, username, email, robot, removed_tag_expiration_s, \
         creation_date) VALUES ('r', 'testorg+bot', 'r', 1, 0, 0)",
    );
    for namespace in ["testorg", "alice"] {
        let resp = create(
            &emu,
            &token,
            FAMILIES[0],
            namespace,
            r#"{"limit_bytes": 1000}"#,
        )
        .await;
        assert_eq!(resp.status(), 201);
    }
    let org_quota = quota_id(&emu, &token, "testorg").await;
    let alice_quota = quota_id(&emu, &token, "alice").await;
    for family in FAMILIES {
        let put = |body: &'static str| change(&emu, &token, family, "testorg", org_quota, body);
        for (body, literal) in [
            (
                r#"{"limit": "lots"}"#,
                r#""'lots' does not match '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$'\n\nFailed validating 'pattern' in schema[1]['properties']['limit']:\n    {'description': 'Human readable storage capacity of the organization',\n     'pattern': '^(\\\\d+\\\\s?(B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB|Ki|Mi|Gi|Ti|Pi|Ei|Zi|Yi|KB|MB|GB|TB|PB|EB|ZB|YB|K|M|G|T|P|E|Z|Y)?)$',\n     'type': 'string'}\n\nOn instance['limit']:\n    'lots'""#,
            ),
            (
                r#"{"limit_bytes": "5"}"#,
                r#""'5' is not of type 'integer'\n\nFailed validating 'type' in schema[0]['properties']['limit_bytes']:\n    {'description': 'Number of bytes the organization is allowed',\n     'type': 'integer'}\n\nOn instance['limit_bytes']:\n    '5'""#,
            ),
            (
                r#"{"limit_bytes": 5, "limit": "1 GiB"}"#,
                r#""{} is not allowed for 5\n\nFailed validating 'not' in schema[2]['properties']['limit_bytes']:\n    {'not': {}}\n\nOn instance['limit_bytes']:\n    5""#,
            ),
            (
                r#"{"limit_bytes": 5, "foo": 1}"#,
                r#""{} is not allowed for 5\n\nFailed validating 'not' in schema[2]['properties']['limit_bytes']:\n    {'not': {}}\n\nOn instance['limit_bytes']:\n    5""#,
            ),
            (
                r#"{"foo": 1}"#,
                r#""'limit_bytes' is a required property\n\nFailed validating 'required' in schema[0]:\n    {'additionalProperties': False,\n     'properties': {'limit_bytes': {'description': 'Number of bytes the '\n                                                   'organization is '\n                                                   'allowed',\n                                    'type': 'integer'}},\n     'required': ['limit_bytes']}\n\nOn instance:\n    {'foo': 1}""#,
            ),
        ] {
            expect_invalid(put(body).await, &schema_error(literal)).await;
        }
        expect_invalid(
            put(r#"{"limit_bytes": -5}"#).await,
            "Invalid quota size limit value: '-5'",
        )
        .await;
        for unit in ["B", "ZiB", "YiB", "Zi", "Yi"] {
            let body = json!({ "limit": format!("5 {unit}") }).to_string();
            let resp = change(&emu, &token, family, "testorg", org_quota, &body).await;
            expect_invalid(resp, "Invalid limit format").await;
        }
        expect_invalid(put("null").await, "Missing JSON body").await;

        // Unknown ids and another namespace's quota: 404, checked before the limit is parsed.
        for id in [
            String::from("999"),
            alice_quota.to_string(),
            String::from("abc"),
        ] {
            let resp = change(&emu, &token, family, "testorg", &id, r#"{"limit": "5 B"}"#).await;
            expect_not_found(resp).await;
            let resp = emu
                .call(
                    Method::DELETE,
                    &item_path(family, "testorg", &id),
                    Some(&token),
                    None,
                )
                .await;
            expect_not_found(resp).await;
        }
        // A name that is no user or organization (also a robot or a non-ASCII name): Quay's
        // change and delete crash (500 page) before the quota id or the limit is looked at; only
        // the list answers 404.
        for namespace in ["nosuchns", "testorg+bot", "nosuchn\u{e9}"] {
            for body in ["{}", r#"{"limit": "5 B"}"#, r#"{"limit_bytes": 5}"#] {
                let resp = change(&emu, &token, family, namespace, org_quota, body).await;
                expect_quay_500(resp).await;
                let resp = change(&emu, &token, family, namespace, "999", body).await;
                expect_quay_500(resp).await;
            }
            let resp = emu
                .call(
                    Method::DELETE,
                    &item_path(family, namespace, org_quota),
                    Some(&token),
                    None,
                )
                .await;
            expect_quay_500(resp).await;
            let resp = emu
                .call(
                    Method::GET,
                    &list_path(family, namespace),
                    Some(&token),
                    None,
                )
                .await;
            expect_not_found(resp).await;
        }
        // The body is still validated first.
        let resp = change(&emu, &token, family, "nosuchns", org_quota, "null").await;
        expect_invalid(resp, "Missing JSON body").await;
    }
    // Nothing changed.
    let listed = list(&emu, &token, FAMILIES[1], "testorg").await;
    assert_eq!(listed, json!([view(org_quota, json!(1000), "1000.0 Byte")]));
}

#[tokio::test]
async fn quota_ids_are_reused_like_sqlite_rowids() {
    let (emu, token) = registry("").await;
    emu.seed_user("bob", "password1");
    let post = |ns: &'static str| create(&emu, &token, FAMILIES[0], ns, r#"{"limit_bytes": 1000}"#);
    let delete = |ns: &'static str, id: i64| remove(&emu, &token, FAMILIES[1], ns, id);
    assert_eq!(post("testorg").await.status(), 201);
    assert_eq!(quota_id(&emu, &token, "testorg").await, 1);
    assert_eq!(post("alice").await.status(), 201);
    assert_eq!(quota_id(&emu, &token, "alice").await, 2);
    // The highest id is reused after its deletion.
    assert_eq!(delete("alice", 2).await.status(), 204);
    assert_eq!(post("bob").await.status(), 201);
    assert_eq!(quota_id(&emu, &token, "bob").await, 2);
    // A lower one is not.
    assert_eq!(delete("testorg", 1).await.status(), 204);
    assert_eq!(post("testorg").await.status(), 201);
    assert_eq!(quota_id(&emu, &token, "testorg").await, 3);
    assert_eq!(delete("testorg", 3).await.status(), 204);
    assert_eq!(post("alice").await.status(), 201);
    assert_eq!(quota_id(&emu, &token, "alice").await, 3);
}

#[tokio::test]
async fn limits_and_default_config_in_the_view() {
    let (emu, token) = registry("DEFAULT_SYSTEM_REJECT_QUOTA_BYTES: 1000\n").await;
    assert_eq!(
        create(
            &emu,
            &token,
            FAMILIES[0],
            "testorg",
            r#"{"limit_bytes": 5000}"#
        )
        .await
        .status(),
        201
    );
    emu.sql(
        "INSERT INTO quota_limits (quota_id, limit_type, percent_of_limit) VALUES \
         (1, 'Warning', 80), (1, 'Reject', 100);",
    );
    let listed = list(&emu, &token, FAMILIES[1], "testorg").await;
    insta::assert_json_snapshot!("limits", listed);
    let resp = change(&emu, &token, FAMILIES[0], "testorg", 1, "{}").await;
    assert_eq!(resp.json::<Value>().await.unwrap(), listed[0]);
    // Deleting the quota deletes its limits.
    let resp = emu
        .call(
            Method::DELETE,
            &item_path(FAMILIES[0], "testorg", 1),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(resp.status(), 204);
    let conn = rusqlite::Connection::open(emu.db_path()).unwrap();
    let left: i64 = conn
        .query_row("SELECT COUNT(*) FROM quota_limits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn access_rules_on_every_operation() {
    let (emu, _admin) = registry("GLOBAL_READONLY_SUPER_USERS: [auditor]\n").await;
    emu.seed_user("auditor", "password1");
    let alice = emu.insert_token("alice", "super:user user:admin", far_future());
    let scopeless = emu.insert_token("admin", "user:read user:admin org:admin", far_future());
    let auditor = emu.insert_token("auditor", "user:read", far_future());
    for family in FAMILIES {
        let ops = [
            (Method::GET, list_path(family, "testorg"), None),
            (
                Method::POST,
                list_path(family, "testorg"),
                Some(json!({"limit_bytes": 5})),
            ),
            (
                Method::PUT,
                item_path(family, "testorg", 1),
                Some(json!({})),
            ),
            (Method::DELETE, item_path(family, "testorg", 1), None),
        ];
        for (method, path, body) in ops {
            let what = format!("{method} {path}");
            // Nobody: 401 for reads, the CSRF 403 for writes.
            let resp = emu.call(method.clone(), &path, None, body.clone()).await;
            if method == Method::GET {
                expect_shape_a(resp, 401, "invalid_token", "Requires authentication").await;
            } else {
                assert_eq!(resp.status(), 403, "{what}");
                assert_eq!(
                    Emu::shape_c(resp).await,
                    json!({"error": "CSRF token was invalid or missing."})
                );
            }
            // Not a superuser (with super:user), or a superuser without super:user: 403.
            for token in [&alice, &scopeless] {
                let resp = emu
                    .call(method.clone(), &path, Some(token), body.clone())
                    .await;
                expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
            }
            // A global read-only superuser may only list.
            let resp = emu
                .call(method.clone(), &path, Some(&auditor), body.clone())
                .await;
            if method == Method::GET {
                assert_eq!(resp.status(), 200, "{what}");
            } else {
                expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
            }
        }
        // The body is validated before the 403.
        let resp = create(&emu, &alice, family, "testorg", "{}").await;
        assert_eq!(resp.status(), 400);
        let resp = change(&emu, &alice, family, "testorg", 1, r#"{"foo": 1}"#).await;
        assert_eq!(resp.status(), 400);
    }
}

#[tokio::test]
async fn sessions_need_a_fresh_login_except_for_delete() {
    let (emu, token) = registry("").await;
    assert_eq!(
        create(
            &emu,
            &token,
            FAMILIES[0],
            "testorg",
            r#"{"limit_bytes": 5}"#
        )
        .await
        .status(),
        201
    );
    let (cookie, csrf) = emu.signed_in("admin", "password1").await;
    let session = |method: Method, path: String, body: Option<&str>| {
        let mut req = emu
            .client
            .request(method, emu.url(&path))
            .header("cookie", &cookie)
            .header("x-csrf-token", &csrf);
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        req.send()
    };
    let resp = session(Method::GET, list_path(FAMILIES[1], "testorg"), None)
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    emu.sql("UPDATE sessions SET login_time = login_time - 601");
    for family in FAMILIES {
        for (method, path, body) in [
            (Method::GET, list_path(family, "testorg"), None),
            (
                Method::POST,
                list_path(family, "alice"),
                Some(r#"{"limit_bytes": 5}"#),
            ),
            (Method::PUT, item_path(family, "testorg", 1), Some("{}")),
        ] {
            let resp = session(method, path, body).await.unwrap();
            expect_shape_a(resp, 401, "fresh_login_required", "Requires fresh login").await;
        }
    }
    let resp = session(Method::DELETE, item_path(FAMILIES[1], "testorg", 1), None)
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
}

/// An entry of a superuser list (`users` or `organizations`) by name.
async fn listed(emu: &Emu, token: &str, kind: &str, name: &str) -> Value {
    let (status, all) = emu
        .get_json(&format!("/api/v1/superuser/{kind}/"), token)
        .await;
    assert_eq!(status, 200);
    all[kind]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .cloned()
        .unwrap()
}

/// The user and organization views holding the namespace's `quotas` and `quota_report`:
/// `GET /api/v1/organization/testorg` and the superuser organization list for testorg, or the
/// superuser user list and user view for alice.
async fn views_of(emu: &Emu, token: &str, namespace: &str) -> Vec<Value> {
    if namespace == "testorg" {
        vec![
            emu.get_json("/api/v1/organization/testorg", token).await.1,
            listed(emu, token, "organizations", "testorg").await,
        ]
    } else {
        vec![
            listed(emu, token, "users", namespace).await,
            emu.get_json(&format!("/api/v1/superuser/users/{namespace}"), token)
                .await
                .1,
        ]
    }
}

fn report(bytes: i64, configured: Value, status: &str) -> Value {
    json!({"quota_bytes": bytes, "configured_quota": configured,
           "running_backfill": status, "backfill_status": status})
}

async fn expect_views(emu: &Emu, token: &str, namespace: &str, quotas: Value, report: Value) {
    for view in views_of(emu, token, namespace).await {
        assert_eq!(view["quotas"], quotas, "{namespace}: {view}");
        assert_eq!(view["quota_report"], report, "{namespace}: {view}");
    }
}

#[tokio::test]
async fn namespace_views_show_quotas_and_reports() {
    let (emu, token) = registry("").await;
    let summary = |id: i64, bytes: i64| json!([{"id": id, "limit_bytes": bytes, "limits": []}]);
    let resp = create(
        &emu,
        &token,
        FAMILIES[1],
        "testorg",
        r#"{"limit": "500 MiB"}"#,
    )
    .await;
    assert_eq!(resp.status(), 201);
    let resp = create(
        &emu,
        &token,
        FAMILIES[0],
        "alice",
        r#"{"limit_bytes": 1000}"#,
    )
    .await;
    assert_eq!(resp.status(), 201);
    let waiting = |configured: Value| report(0, configured, "waiting");
    expect_views(
        &emu,
        &token,
        "testorg",
        summary(1, 524_288_000),
        waiting(json!(524_288_000)),
    )
    .await;
    expect_views(
        &emu,
        &token,
        "alice",
        summary(2, 1000),
        waiting(json!(1000)),
    )
    .await;

    let resp = change(
        &emu,
        &token,
        FAMILIES[0],
        "testorg",
        1,
        r#"{"limit": "1 GiB"}"#,
    )
    .await;
    assert_eq!(resp.status(), 200);
    expect_views(
        &emu,
        &token,
        "testorg",
        summary(1, 1_073_741_824),
        waiting(json!(1_073_741_824)),
    )
    .await;

    for (ns, id) in [("testorg", 1), ("alice", 2)] {
        let resp = emu
            .call(
                Method::DELETE,
                &item_path(FAMILIES[1], ns, id),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(resp.status(), 204);
        expect_views(&emu, &token, ns, json!([]), waiting(Value::Null)).await;
    }
}

#[tokio::test]
async fn usage_follows_stored_blobs() {
    let (emu, token) = registry("").await;
    let db = emu.db_path();
    let (a, b, c) = (
        blobs::digest_of(b"a"),
        blobs::digest_of(b"b"),
        blobs::digest_of(b"c"),
    );
    let complete = |bytes: i64, configured: Value| report(bytes, configured, "complete");
    let none = || json!([]);
    expect_views(
        &emu,
        &token,
        "alice",
        none(),
        report(0, Value::Null, "waiting"),
    )
    .await;

    blobs::create_repository(&db, "alice", "one", false).unwrap();
    blobs::create_repository(&db, "alice", "two", true).unwrap();
    expect_views(&emu, &token, "alice", none(), complete(0, Value::Null)).await;
    // `a` is in both repositories of alice: counted once.
    blobs::add_blobs(&db, "alice", "one", &[(&a, 1_000), (&b, 200)]).unwrap();
    blobs::add_blobs(&db, "alice", "two", &[(&a, 1_000), (&c, 30)]).unwrap();
    expect_views(&emu, &token, "alice", none(), complete(1_230, Value::Null)).await;
    assert_eq!(blobs::namespace_size(&db, "alice").unwrap(), Some(1_230));
    assert_eq!(
        blobs::repository_size(&db, "alice", "one").unwrap(),
        Some(1_200)
    );
    assert_eq!(
        blobs::repository_size(&db, "alice", "two").unwrap(),
        Some(1_030)
    );

    // Shared with another namespace: counted there too.
    blobs::create_repository(&db, "testorg", "mirror", false).unwrap();
    blobs::add_blob(&db, "testorg", "mirror", &a, 1_000).unwrap();
    expect_views(
        &emu,
        &token,
        "testorg",
        none(),
        complete(1_000, Value::Null),
    )
    .await;
    expect_views(&emu, &token, "alice", none(), complete(1_230, Value::Null)).await;

    // With a quota, the report carries its limit.
    let resp = create(
        &emu,
        &token,
        FAMILIES[0],
        "testorg",
        r#"{"limit_bytes": 4000}"#,
    )
    .await;
    assert_eq!(resp.status(), 201);
    let quotas = json!([{"id": 1, "limit_bytes": 4000, "limits": []}]);
    expect_views(
        &emu,
        &token,
        "testorg",
        quotas.clone(),
        complete(1_000, json!(4000)),
    )
    .await;

    // Removing a blob the other repository still references changes nothing for alice.
    assert!(blobs::remove_blob(&db, "alice", "one", &a).unwrap());
    expect_views(&emu, &token, "alice", none(), complete(1_230, Value::Null)).await;
    assert!(blobs::remove_blob(&db, "alice", "one", &b).unwrap());
    expect_views(&emu, &token, "alice", none(), complete(1_030, Value::Null)).await;
    blobs::delete_repository(&db, "alice", "two").unwrap();
    expect_views(&emu, &token, "alice", none(), complete(0, Value::Null)).await;
    expect_views(
        &emu,
        &token,
        "testorg",
        quotas.clone(),
        complete(1_000, json!(4000)),
    )
    .await;
    blobs::delete_repository(&db, "testorg", "mirror").unwrap();
    expect_views(&emu, &token, "testorg", quotas, complete(0, json!(4000))).await;

    // The signed-in user's own view (GET /api/v1/user/) follows its namespace too.
    blobs::create_repository(&db, "admin", "tools", false).unwrap();
    blobs::add_blob(&db, "admin", "tools", &c, 30).unwrap();
    let (_, me) = emu.get_json("/api/v1/user/", &token).await;
    assert_eq!(me["quota_report"], complete(30, Value::Null));
}

#[tokio::test]
async fn routes_need_quota_management_and_edit_quota() {
    let (emu, _) = registry("").await;
    let (_, doc) = emu
        .json_call(Method::GET, "/api/v1/discovery", None, None)
        .await;
    for family in FAMILIES {
        let list = &doc["paths"][format!("{family}/{{namespace}}/quota")];
        assert_eq!(
            list["x-name"],
            "endpoints.api.superuser.SuperUserUserQuotaList"
        );
        assert!(list.get("parameters").is_none());
        let post = &list["post"]["parameters"];
        assert_eq!(
            post[0],
            json!({"name": "namespace", "in": "path", "required": true, "description": "",
                   "type": "string"})
        );
        assert_eq!(post[1]["schema"]["$ref"], "#/definitions/NewNamespaceQuota");
        let item = &doc["paths"][format!("{family}/{{namespace}}/quota/{{quota_id}}")];
        let names: Vec<&str> = item["put"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["namespace", "quota_id", "body"]);
        assert_eq!(item["delete"]["responses"]["204"]["description"], "Deleted");
    }
    assert_eq!(
        doc["definitions"]["UpdateNamespaceQuota"]["oneOf"][2],
        json!({"properties": {"limit_bytes": {"not": {}}, "limit": {"not": {}}},
               "additionalProperties": false})
    );

    for extra in [
        "FEATURE_QUOTA_MANAGEMENT: false\n",
        "FEATURE_EDIT_QUOTA: false\n",
    ] {
        let (emu, token) = registry(extra).await;
        let (_, doc) = emu
            .json_call(Method::GET, "/api/v1/discovery", None, None)
            .await;
        let paths = doc["paths"].as_object().unwrap();
        assert!(!paths.keys().any(|p| p.contains("quota")), "{extra}");
        for family in FAMILIES {
            let resp = emu
                .call(
                    Method::GET,
                    &list_path(family, "testorg"),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(resp.status(), 404, "{extra}");
        }
    }
}
