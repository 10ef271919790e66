//! Team members (`endpoints/api/team.py`) and public application information
//! (`ApplicationInformation`): what the console's "console access" needs, with Quay's answers.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const OWNERS: &str = "/api/v1/organization/acme/team/owners/members";

/// An organization `acme` whose owners team is `admin`, plus users `bob` and `carol`.
async fn registry(config: quay_emulator::Config) -> (Emu, String) {
    let emu = emulator_with(config).await;
    let token = emu.admin_token("admin").await;
    let (status, _) = emu
        .json_call(
            Method::POST,
            "/api/v1/organization/",
            Some(&token),
            Some(json!({"name": "acme"})),
        )
        .await;
    assert_eq!(status, 201);
    emu.seed_user("bob", "password1");
    emu.seed_user("carol", "password1");
    (emu, token)
}

fn names(body: &Value) -> Vec<(String, bool)> {
    body["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap().to_string(),
                m["invited"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_admin_adds_a_user_to_the_owners_team_without_mailing() {
    let (emu, token) = registry(reference_config()).await;
    let (status, body) = emu.get_json(OWNERS, &token).await;
    assert_eq!(status, 200);
    assert_eq!(body["name"], "owners");
    assert_eq!(body["can_edit"], true);
    assert_eq!(names(&body), vec![("admin".to_string(), false)]);

    let (status, added) = emu
        .json_call(Method::PUT, &format!("{OWNERS}/bob"), Some(&token), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        keys(&added),
        ["avatar", "invited", "is_robot", "kind", "name"]
    );
    assert_eq!(
        (&added["name"], &added["invited"], &added["kind"]),
        (&json!("bob"), &json!(false), &json!("user"))
    );
    let (_, body) = emu.get_json(OWNERS, &token).await;
    assert_eq!(
        names(&body),
        vec![("admin".to_string(), false), ("bob".to_string(), false)]
    );
    let logged = emu.logs_of("org_add_team_member");
    assert_eq!(logged.len(), 1);
    assert_eq!(
        (&logged[0].metadata["member"], &logged[0].metadata["team"]),
        (&json!("bob"), &json!("owners"))
    );

    // UserAlreadyInTeam, a DataModelException: Quay's handle_dme.
    expect_model_error(
        emu.call(Method::PUT, &format!("{OWNERS}/bob"), Some(&token), None)
            .await,
        "User bob is already a member of team owners",
    )
    .await;
    // request_error(message="Unknown user"); an unknown team is a 404.
    expect_shape_a(
        emu.call(Method::PUT, &format!("{OWNERS}/nobody"), Some(&token), None)
            .await,
        400,
        "invalid_request",
        "Unknown user",
    )
    .await;
    let (status, _) = emu
        .json_call(
            Method::PUT,
            "/api/v1/organization/acme/team/nope/members/bob",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn with_mailing_on_people_outside_the_organization_are_invited() {
    let (emu, token) = registry(config_with("FEATURE_MAILING: true\n")).await;
    let (status, invited) = emu
        .json_call(Method::PUT, &format!("{OWNERS}/bob"), Some(&token), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(invited["invited"], true);
    // Not a member yet: listed only with includePending, for admins.
    let (_, body) = emu.get_json(OWNERS, &token).await;
    assert_eq!(names(&body), vec![("admin".to_string(), false)]);
    let (_, body) = emu
        .get_json(&format!("{OWNERS}?includePending=true"), &token)
        .await;
    assert_eq!(
        names(&body),
        vec![("admin".to_string(), false), ("bob".to_string(), true)]
    );
    let mail = emu.outbox();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].recipient, "bob@example.com");
    assert!(mail[0]
        .body
        .contains("team owners in the organization acme by user admin"));
    assert!(mail[0].body.contains("confirminvite?code="));
    assert_eq!(emu.logs_of("org_invite_team_member").len(), 1);
    assert!(!emu
        .storage()
        .is_org_admin(user_id(&emu, "bob"), user_id(&emu, "acme"))
        .unwrap());
}

fn user_id(emu: &Emu, name: &str) -> i64 {
    emu.storage().namespace_by_name(name).unwrap().unwrap().id
}

#[tokio::test]
async fn others_may_not_list_or_add() {
    let (emu, _) = registry(reference_config()).await;
    // bob is in no team of acme: 403; nobody signed in: 401.
    let bob = emu.insert_token("bob", "org:admin", far_future());
    let (status, _) = emu.get_json(OWNERS, &bob).await;
    assert_eq!(status, 403);
    let (status, _) = emu
        .json_call(Method::PUT, &format!("{OWNERS}/bob"), Some(&bob), None)
        .await;
    assert_eq!(status, 403);
    let (status, _) = emu.json_call(Method::GET, OWNERS, None, None).await;
    assert_eq!(status, 401);
    // A token without org:admin: the owner's team roles are capped to nothing, so 403.
    let read = emu.insert_token("admin", "user:read", far_future());
    let (status, _) = emu.get_json(OWNERS, &read).await;
    assert_eq!(status, 403);
    let (status, _) = emu
        .json_call(Method::PUT, &format!("{OWNERS}/bob"), Some(&read), None)
        .await;
    assert_eq!(status, 403);
}

/// Quay's `require_scope` only declares `org:admin`: a global read-only superuser lists any
/// team whatever its token's scopes (`allow_if_global_readonly_superuser`), and may not edit it.
#[tokio::test]
async fn a_read_only_superuser_lists_with_any_scope_and_adds_nobody() {
    let config = config_with("GLOBAL_READONLY_SUPER_USERS: [auditor]\n");
    let (emu, token) = registry(config).await;
    emu.seed_user("auditor", "password1");
    for scopes in ["user:read", "super:user", "org:admin"] {
        let auditor = emu.insert_token("auditor", scopes, far_future());
        let (status, body) = emu.get_json(OWNERS, &auditor).await;
        assert_eq!(status, 200, "{scopes}");
        assert_eq!(body["can_edit"], false);
        assert_eq!(names(&body), vec![("admin".to_string(), false)]);
        let resp = emu
            .call(Method::PUT, &format!("{OWNERS}/bob"), Some(&auditor), None)
            .await;
        expect_shape_a(resp, 403, "insufficient_scope", "Unauthorized").await;
    }
    // Made an administrator, with a user:read token it still changes nothing.
    let (status, _) = emu
        .json_call(
            Method::PUT,
            &format!("{OWNERS}/auditor"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let auditor = emu.insert_token("auditor", "user:read", far_future());
    let (status, body) = emu.get_json(OWNERS, &auditor).await;
    assert_eq!((status, &body["can_edit"]), (200, &json!(false)));
    let resp = emu
        .call(Method::PUT, &format!("{OWNERS}/bob"), Some(&auditor), None)
        .await;
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn application_information_is_public_and_names_the_organization() {
    let (emu, token) = registry(reference_config()).await;
    let (status, app) = emu
        .json_call(
            Method::POST,
            "/api/v1/organization/acme/applications",
            Some(&token),
            Some(
                json!({"name": "Console", "redirect_uri": "http://localhost:8080/admin/",
                        "application_uri": "http://localhost:8080/admin/"}),
            ),
        )
        .await;
    assert_eq!(status, 200, "{app}");
    let client_id = app["client_id"].as_str().unwrap();
    let path = format!("/api/v1/app/{client_id}");
    let (status, anonymous) = emu.json_call(Method::GET, &path, None, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        keys(&anonymous),
        ["avatar", "description", "name", "organization", "uri"]
    );
    assert_eq!(anonymous["uri"], "http://localhost:8080/admin/");
    assert_eq!(anonymous["avatar"]["kind"], "app");
    let org = &anonymous["organization"];
    assert_eq!(
        (
            &org["name"],
            &org["is_admin"],
            &org["teams"],
            &org["ordered_teams"]
        ),
        (&json!("acme"), &json!(false), &json!({}), &json!([]))
    );
    let (_, admin_view) = emu.get_json(&path, &token).await;
    assert_eq!(admin_view["organization"]["is_admin"], true);
    assert_eq!(admin_view["organization"]["teams"], json!({}));
    let (status, _) = emu
        .json_call(Method::GET, "/api/v1/app/unknown", None, None)
        .await;
    assert_eq!(status, 404);
}
