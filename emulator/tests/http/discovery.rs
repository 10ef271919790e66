//! `GET /api/v1/discovery` (Quay: `endpoints/api/discovery.py`) lists exactly the public
//! operations the emulator serves.

use std::collections::BTreeSet;

use crate::common::*;
use serde_json::{json, Value};

/// Maintained by hand on purpose: adding a route must update this list.
const EXPECTED: &[(&str, &str, &str, Option<&str>)] = &[
    ("/api/v1/discovery", "get", "discovery", None),
    (
        "/api/v1/app/{client_id}",
        "get",
        "getApplicationInformation",
        None,
    ),
    (
        "/api/v1/organization/{orgname}/team/{teamname}/members",
        "get",
        "getOrganizationTeamMembers",
        Some("org:admin"),
    ),
    (
        "/api/v1/organization/{orgname}/team/{teamname}/members/{membername}",
        "put",
        "updateOrganizationTeamMember",
        Some("org:admin"),
    ),
    ("/api/v1/user/", "get", "getLoggedInUser", Some("user:read")),
    (
        "/api/v1/organization/",
        "post",
        "createOrganization",
        Some("user:admin"),
    ),
    (
        "/api/v1/organization/{orgname}",
        "get",
        "getOrganization",
        None,
    ),
    (
        "/api/v1/organization/{orgname}",
        "put",
        "changeOrganizationDetails",
        Some("org:admin"),
    ),
    (
        "/api/v1/organization/{orgname}",
        "delete",
        "deleteAdminedOrganization",
        Some("org:admin"),
    ),
    (
        "/api/v1/organization/{orgname}/applications",
        "get",
        "getOrganizationApplications",
        Some("org:admin"),
    ),
    (
        "/api/v1/organization/{orgname}/applications",
        "post",
        "createOrganizationApplication",
        Some("org:admin"),
    ),
    (
        "/api/v1/organization/{orgname}/applications/{client_id}",
        "get",
        "getOrganizationApplication",
        Some("org:admin"),
    ),
    (
        "/api/v1/organization/{orgname}/applications/{client_id}",
        "put",
        "updateOrganizationApplication",
        Some("org:admin"),
    ),
    (
        "/api/v1/organization/{orgname}/applications/{client_id}",
        "delete",
        "deleteOrganizationApplication",
        Some("org:admin"),
    ),
    (
        "/api/v1/superuser/users/",
        "get",
        "listAllUsers",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/",
        "post",
        "createInstallUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/{username}",
        "get",
        "getInstallUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/{username}",
        "put",
        "changeInstallUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/{username}",
        "delete",
        "deleteInstallUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/organizations/{name}",
        "put",
        "changeOrganization",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/organizations/{name}",
        "delete",
        "deleteOrganization",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/{namespace}/quota",
        "get",
        "listUserQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/{namespace}/quota",
        "post",
        "createUserQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/organization/{namespace}/quota",
        "get",
        "listOrganizationQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/organization/{namespace}/quota",
        "post",
        "createOrganizationQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/{namespace}/quota/{quota_id}",
        "put",
        "changeUserQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/users/{namespace}/quota/{quota_id}",
        "delete",
        "deleteUserQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/organization/{namespace}/quota/{quota_id}",
        "put",
        "changeOrganizationQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/organization/{namespace}/quota/{quota_id}",
        "delete",
        "deleteOrganizationQuotaSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/logs",
        "get",
        "listAllLogs",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/{build_uuid}/logs",
        "get",
        "getRepoBuildLogsSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/{build_uuid}/status",
        "get",
        "getRepoBuildStatusSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/{build_uuid}/build",
        "get",
        "getRepoBuildSuperUser",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/keys",
        "get",
        "listServiceKeys",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/keys",
        "post",
        "createServiceKey",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/keys/{kid}",
        "get",
        "getServiceKey",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/keys/{kid}",
        "put",
        "updateServiceKey",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/keys/{kid}",
        "delete",
        "deleteServiceKey",
        Some("super:user"),
    ),
    (
        "/api/v1/superuser/approvedkeys/{kid}",
        "post",
        "approveServiceKey",
        Some("super:user"),
    ),
];

#[tokio::test]
async fn discovery_lists_exactly_the_implemented_operations() {
    let emu = emulator().await;
    let resp = emu
        .client
        .get(emu.url("/api/v1/discovery"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_default_cors(resp.headers());
    let doc: Value = resp.json().await.unwrap();
    // The document without its paths and definitions (checked below).
    let mut head = doc.clone();
    head.as_object_mut().unwrap().remove("paths");
    head.as_object_mut().unwrap().remove("definitions");
    insta::assert_json_snapshot!("head", head);

    let mut found = BTreeSet::new();
    for (path, entry) in doc["paths"].as_object().unwrap() {
        assert_eq!(entry["x-path"], path.as_str());
        assert!(entry["x-name"]
            .as_str()
            .unwrap()
            .starts_with("endpoints.api."));
        for (method, op) in entry.as_object().unwrap() {
            if !["get", "post", "put", "delete"].contains(&method.as_str()) {
                continue;
            }
            let scope = op["security"][0]["oauth2_implicit"][0]
                .as_str()
                .map(str::to_string);
            found.insert((
                path.clone(),
                method.clone(),
                op["operationId"].as_str().unwrap().to_string(),
                scope,
            ));
            assert_eq!(op["tags"], json!([entry["x-tag"]]));
            for code in ["400", "401", "403", "404"] {
                assert_eq!(
                    op["responses"][code]["schema"]["$ref"],
                    "#/definitions/ApiError"
                );
            }
        }
    }
    let expected: BTreeSet<_> = EXPECTED
        .iter()
        .map(|(p, m, n, s)| {
            (
                p.to_string(),
                m.to_string(),
                n.to_string(),
                s.map(str::to_string),
            )
        })
        .collect();
    assert_eq!(found, expected);

    // Path parameters, body parameters and their definitions.
    let apps = &doc["paths"]["/api/v1/organization/{orgname}/applications/{client_id}"];
    let names: Vec<&str> = apps["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["client_id", "orgname"]);
    assert_eq!(apps["delete"]["responses"]["204"]["description"], "Deleted");
    let body = &apps["put"]["parameters"][0];
    assert_eq!(body["in"], "body");
    assert_eq!(body["schema"]["$ref"], "#/definitions/UpdateApp");
    let defs = doc["definitions"].as_object().unwrap();
    let names: BTreeSet<&str> = defs.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "ApiError",
            "ApproveServiceKey",
            "CreateInstallUser",
            "CreateServiceKey",
            "NewApp",
            "NewNamespaceQuota",
            "NewOrg",
            "PutServiceKey",
            "UpdateApp",
            "UpdateNamespaceQuota",
            "UpdateOrg",
            "UpdateUser",
            "UserView"
        ])
    );
    // Two of Quay's classes call their schema `UpdateOrg`; the superuser one, registered last,
    // is the document's, and both operations refer to it (as in Quay's document).
    insta::assert_json_snapshot!("UpdateOrg", defs["UpdateOrg"]);
    for (path, method) in [
        ("/api/v1/organization/{orgname}", "put"),
        ("/api/v1/superuser/organizations/{name}", "put"),
    ] {
        assert_eq!(
            doc["paths"][path][method]["parameters"][0]["schema"]["$ref"],
            "#/definitions/UpdateOrg"
        );
    }
    assert!(defs["CreateInstallUser"].get("type").is_none());
    let list = &doc["paths"]["/api/v1/superuser/users/"]["get"]["parameters"];
    let query: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        query,
        [
            ("next_page", "string"),
            ("limit", "integer"),
            ("disabled", "boolean")
        ]
    );
    let user = &doc["paths"]["/api/v1/superuser/users/{username}"];
    assert_eq!(
        user["x-name"],
        "endpoints.api.superuser.SuperUserManagement"
    );
    assert_eq!(user["parameters"][0]["name"], "username");
    assert_eq!(
        doc["paths"]["/api/v1/user/"]["get"]["responses"]["200"]["schema"]["$ref"],
        "#/definitions/UserView"
    );
    assert_eq!(
        doc["paths"]["/api/v1/organization/"]["post"]["responses"]["201"]["description"],
        "Successful creation"
    );
    // Internal operations are absent.
    assert!(doc["paths"].get("/api/v1/signin").is_none());
    assert!(doc["paths"].get("/api/v1/signout").is_none());
    for internal in [
        "/api/v1/superuser/aggregatelogs",
        "/api/v1/superuser/organizations/",
        "/api/v1/superuser/takeownership/{namespace}",
        "/api/v1/superusers/users/{username}/sendrecovery",
    ] {
        assert!(doc["paths"].get(internal).is_none(), "{internal}");
    }
    let tags: Vec<&str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        tags,
        ["discovery", "organization", "superuser", "team", "user"]
    );
}
