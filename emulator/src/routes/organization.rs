//! Organizations and their OAuth applications (Quay: `endpoints/api/organization.py`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::action_log::log_action;
use crate::auth::{RequestAuth, Scopes};
use crate::avatar::{avatar, AvatarKind};
use crate::body::ApiJson;
use crate::error::ApiError;
use crate::responses::json_response;
use crate::routes::{endpoint, Access, ApiRoute};
use crate::state::AppState;
use crate::storage::{ApplicationFields, ApplicationRecord, NewOrganization, UserRecord};
use crate::views::{quota_report, quota_summary, shows_quotas, system_default_quota};
use axum::http::Method;

/// This module's API routes (see `routes::api_routes`).
pub fn routes() -> Vec<ApiRoute> {
    vec![
        ApiRoute::new(
            "/api/v1/organization/",
            "organization",
            "endpoints.api.organization.OrganizationList",
        )
        .op(
            endpoint(Method::POST, "createOrganization", create_organization)
                .scope_before_body(Scopes::USER_ADMIN)
                .body("NewOrg")
                .describe("Create a new organization."),
        ),
        ApiRoute::new(
            "/api/v1/organization/{orgname}",
            "organization",
            "endpoints.api.organization.Organization",
        )
        .param("orgname", "The name of the organization")
        .op(endpoint(Method::GET, "getOrganization", get_organization)
            .anonymous()
            .describe("Get the details for the specified organization"))
        // Organization admins, or superusers with FEATURE_SUPERUSERS_FULL_ACCESS: the handlers
        // decide (after the body, as Quay's permission checks inside the handler do).
        .op(endpoint(
            Method::PUT,
            "changeOrganizationDetails",
            update_organization,
        )
        .access(Access::Handler {
            scope: Scopes::ORG_ADMIN,
        })
        .body("UpdateOrg@organization")
        .describe("Change the details for the specified organization."))
        .op(endpoint(
            Method::DELETE,
            "deleteAdminedOrganization",
            delete_organization,
        )
        .access(Access::Handler {
            scope: Scopes::ORG_ADMIN,
        })
        .describe("Deletes the specified organization.")),
        ApiRoute::new(
            "/api/v1/app/{client_id}",
            "organization",
            "endpoints.api.organization.ApplicationInformation",
        )
        .param("client_id", "The OAuth client ID")
        .op(endpoint(
            Method::GET,
            "getApplicationInformation",
            get_application_information,
        )
        .anonymous()
        .describe("Get information on the specified application.")),
        ApiRoute::new(
            "/api/v1/organization/{orgname}/applications",
            "organization",
            "endpoints.api.organization.OrganizationApplications",
        )
        .param("orgname", "The name of the organization")
        .op(endpoint(
            Method::GET,
            "getOrganizationApplications",
            list_applications,
        )
        .scope(Scopes::ORG_ADMIN)
        .describe("List the applications for the specified organization."))
        .op(endpoint(
            Method::POST,
            "createOrganizationApplication",
            create_application,
        )
        .scope(Scopes::ORG_ADMIN)
        .body("NewApp")
        .describe("Creates a new application under this organization.")),
        ApiRoute::new(
            "/api/v1/organization/{orgname}/applications/{client_id}",
            "organization",
            "endpoints.api.organization.OrganizationApplicationResource",
        )
        .param("client_id", "The OAuth client ID")
        .param("orgname", "The name of the organization")
        .op(
            endpoint(Method::GET, "getOrganizationApplication", get_application)
                .scope(Scopes::ORG_ADMIN)
                .describe(
                    "Retrieves the application with the specified client_id under the specified \
                 organization.",
                ),
        )
        .op(endpoint(
            Method::PUT,
            "updateOrganizationApplication",
            update_application,
        )
        .scope(Scopes::ORG_ADMIN)
        .body("UpdateApp")
        .describe("Updates an application under this organization."))
        .op(endpoint(
            Method::DELETE,
            "deleteOrganizationApplication",
            delete_application,
        )
        .scope(Scopes::ORG_ADMIN)
        .describe("Deletes the application under this organization.")),
    ]
}

/// Quay's reserved bootstrap application name.
pub const BOOTSTRAP_APP_NAME: &str = "__quay_bootstrap_app";

/// Python's `a or b` on optional JSON strings.
fn first_truthy(body: &Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| body.get(*k).and_then(Value::as_str))
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

pub async fn create_organization(
    State(state): State<AppState>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Response, ApiError> {
    let Some(creator) = auth.user().cloned() else {
        return Err(ApiError::invalid_token());
    };
    let name = body["name"].as_str().unwrap_or("").to_string();
    let email = first_truthy(&body, &["contact_email", "email"]);
    // Quay logs `contact_email or email` as Python evaluates it: `""` stays `""`.
    let log_email = match body.get("contact_email") {
        Some(c) if crate::python::truthy(c) => c.clone(),
        _ => body.get("email").cloned().unwrap_or(Value::Null),
    };
    let tag_expiration_s = state.config().default_tag_expiration_s;
    let auth2 = auth.clone();
    state
        .db(move |s| {
            if s.namespace_by_name(&name)?.is_some() {
                return Err(ApiError::invalid_request(
                    "A user or organization with this name already exists",
                ));
            }
            if let Some(e) = &email {
                if !quay_rules::is_valid_email(e) {
                    return Err(ApiError::invalid_request("Invalid email address"));
                }
                if s.email_in_use(e)? {
                    return Err(ApiError::invalid_request(format!(
                        "Email has already been used: {e}"
                    )));
                }
            }
            if let Some(problem) = quay_rules::namespace_problem(&name) {
                return Err(ApiError::invalid_request(format!(
                    "Invalid namespace {name}: {problem}"
                )));
            }
            if s.is_deleted_namespace(&name)? {
                return Err(ApiError::invalid_request("Username is not available"));
            }
            let org = s.create_organization(&NewOrganization {
                name: name.clone(),
                email: email
                    .clone()
                    .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
                tag_expiration_s,
                creator_id: creator.id,
            })?;
            log_action(
                s,
                "org_create",
                Some(org.id),
                &auth2,
                json!({"email": log_email, "namespace": name}),
            )?;
            Ok(())
        })
        .await?;
    Ok(json_response(StatusCode::CREATED, "\"Created\"\n".into()))
}

/// The organization called `name` (not a user), if any.
async fn find_org(state: &AppState, name: &str) -> Result<Option<UserRecord>, ApiError> {
    let name = name.to_string();
    state.db(move |s| Ok(s.organization_by_name(&name)?)).await
}

/// Quay's `org_view` (`endpoints/api/organization.py`): what the caller may see of the
/// organization. `with_teams` is what the caller passes for `teams` (the PUT always lists them;
/// the GET only for members and superusers who may view the organization).
async fn org_view(
    state: &AppState,
    auth: &RequestAuth,
    org: &UserRecord,
    teams_always: bool,
) -> Result<Value, ApiError> {
    let config = state.config();
    let (org_id, user_id) = (org.id, auth.user().map(|u| u.id));
    let (teams, db_admin, quotas, size) = state
        .db(move |s| {
            let db_admin = match user_id {
                Some(uid) => s.is_org_admin(uid, org_id)?,
                None => false,
            };
            Ok((
                s.org_team_summaries(org_id, user_id)?,
                db_admin,
                s.namespace_quotas(org_id)?,
                s.namespace_size(org_id)?,
            ))
        })
        .await?;
    // The strongest team role held, capped by the credentials' scopes (Quay's scoped needs).
    let held = teams
        .iter()
        .filter(|t| t.is_member)
        .map(|t| t.role.as_str())
        .min_by_key(|r| match *r {
            "admin" => 0,
            "creator" => 1,
            _ => 2,
        });
    let role = held.and_then(|r| crate::auth::effective_role(r, auth.scopes()));
    let mut is_admin = role == Some("admin");
    let mut is_member = role.is_some();
    // Global read-only superusers always see the organization; superusers with full access too.
    let readonly_superuser = auth
        .user()
        .is_some_and(|u| config.is_global_readonly_super_user(&u.username));
    let superuser_view =
        readonly_superuser || (config.feature_superusers_full_access && auth.is_super_user(config));
    let show_teams = teams_always || is_member || superuser_view;
    if superuser_view {
        is_admin = true;
        is_member = true;
    }
    let mut view = Map::new();
    view.insert("name".into(), json!(org.username));
    let email = if (is_admin || superuser_view) && quay_rules::is_valid_email(&org.email) {
        org.email.clone()
    } else {
        String::new()
    };
    view.insert("email".into(), json!(email));
    view.insert(
        "avatar".into(),
        avatar(&org.username, Some(&org.email), AvatarKind::User),
    );
    view.insert("is_admin".into(), json!(is_admin));
    view.insert("is_member".into(), json!(is_member));
    if show_teams {
        // get_viewable_teams_for_org: admins (by membership, whatever the scopes) see all.
        let sees_all = superuser_view || is_admin || db_admin;
        let mut by_name = Map::new();
        for t in &teams {
            by_name.insert(
                t.name.clone(),
                json!({"name": t.name, "description": t.description, "role": t.role,
                       "avatar": avatar(&t.name, None, AvatarKind::Team),
                       "can_view": sees_all || t.is_member,
                       "repo_count": 0, "member_count": t.member_count, "is_synced": false}),
            );
        }
        view.insert("teams".into(), Value::Object(by_name));
        view.insert(
            "ordered_teams".into(),
            json!(teams.iter().map(|t| t.name.clone()).collect::<Vec<_>>()),
        );
    }
    if is_admin {
        view.insert("invoice_email".into(), json!(org.invoice_email));
        view.insert(
            "invoice_email_address".into(),
            json!(org.invoice_email_address),
        );
        view.insert("tag_expiration_s".into(), json!(org.tag_expiration_s));
        view.insert("is_free_account".into(), json!(true));
    }
    if (is_admin || is_member) && shows_quotas(config) {
        view.insert(
            "quotas".into(),
            Value::Array(quotas.iter().map(quota_summary).collect()),
        );
        view.insert(
            "quota_report".into(),
            quota_report(&quotas, size.as_ref(), &system_default_quota(config)),
        );
    }
    Ok(Value::Object(view))
}

pub async fn get_organization(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let org = find_org(&state, &orgname)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(org_view(&state, &auth, &org, false).await?))
}

/// `AdministerOrganizationPermission(orgname).can() or allow_if_superuser_with_full_access()`,
/// then the organization itself (404 when there is none).
async fn org_admin_or_full_access(
    state: &AppState,
    auth: &RequestAuth,
    orgname: &str,
) -> Result<UserRecord, ApiError> {
    let config = state.config();
    let full_access = config.feature_superusers_full_access && auth.is_super_user(config);
    let admin = match auth.user() {
        Some(user) if auth.scopes().contains(Scopes::ORG_ADMIN) => {
            let (name, user) = (orgname.to_string(), user.clone());
            state
                .db(move |s| {
                    Ok(match s.namespace_by_name(&name)? {
                        // A user administers its own namespace (then it is no organization: 404).
                        Some(ns) if ns.id == user.id => true,
                        Some(ns) => ns.organization && s.is_org_admin(user.id, ns.id)?,
                        None => false,
                    })
                })
                .await?
        }
        _ => false,
    };
    if !(admin || full_access) {
        return Err(ApiError::unauthorized_for(auth));
    }
    find_org(state, orgname)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// `TAG_EXPIRATION_OPTIONS` in seconds (Quay's default `0s 1d 1w 2w 4w`).
fn tag_expiration_options(config: &crate::config::Config) -> Vec<i64> {
    let options: Vec<String> = match config.raw("TAG_EXPIRATION_OPTIONS") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => ["0s", "1d", "1w", "2w", "4w"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    options
        .iter()
        .filter_map(|o| crate::config::parse_timespan(o))
        .collect()
}

/// `PUT /api/v1/organization/{orgname}` (`changeOrganizationDetails`): invoicing, e-mail and tag
/// expiration, each change saved and logged in Quay's order (a later failure keeps the earlier
/// changes, as in Quay); answers with the organization view.
pub async fn update_organization(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let org = org_admin_or_full_access(&state, &auth, &orgname).await?;
    let config = state.config();
    let change_tag_expiration = config.feature("FEATURE_CHANGE_TAG_EXPIRATION", true);
    let options = tag_expiration_options(config);
    let (auth2, org2) = (auth.clone(), org.clone());
    state
        .db(move |s| {
            let (auth, org) = (auth2, org2);
            let log = |kind: &str, metadata: Value| -> Result<(), ApiError> {
                log_action(s, kind, Some(org.id), &auth, metadata)?;
                Ok(())
            };
            if let Some(invoice_email) = body.get("invoice_email") {
                s.set_invoice_email(org.id, crate::python::truthy(invoice_email))?;
                log(
                    "org_change_invoicing",
                    json!({"invoice_email": invoice_email, "namespace": orgname}),
                )?;
            }
            if let Some(address) = body.get("invoice_email_address") {
                let current = org.invoice_email_address.as_deref();
                // Quay compares the sent value (a string or null) with the stored one.
                if address.as_str() != current {
                    // Quay stores an empty address as NULL.
                    let stored = address.as_str().filter(|a| !a.is_empty());
                    s.set_invoice_email_address(org.id, stored)?;
                    log(
                        "org_change_invoicing",
                        json!({"invoice_email_address": address, "namespace": orgname}),
                    )?;
                }
            }
            if body.get("contact_email").is_some() || body.get("email").is_some() {
                let requested = body.get("contact_email").or_else(|| body.get("email"));
                let new_email = requested
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let current = if quay_rules::is_valid_email(&org.email) {
                    org.email.clone()
                } else {
                    String::new()
                };
                if new_email != current {
                    if !new_email.is_empty() && !quay_rules::is_valid_email(&new_email) {
                        return Err(ApiError::invalid_request("Invalid email address"));
                    }
                    let stored = if new_email.is_empty() {
                        uuid::Uuid::new_v4().to_string()
                    } else {
                        new_email.clone()
                    };
                    s.set_namespace_email(org.id, &stored)?;
                    log(
                        "org_change_email",
                        json!({"email": new_email, "namespace": orgname, "old_email": current}),
                    )?;
                }
            }
            if let Some(expiration) = body
                .get("tag_expiration_s")
                .filter(|_| change_tag_expiration)
            {
                let seconds = expiration.as_f64().unwrap_or(-1.0);
                let allowed = options.iter().any(|o| (*o as f64) == seconds);
                if !allowed {
                    return Err(ApiError::model("Invalid tag expiration option"));
                }
                s.set_tag_expiration(org.id, seconds as i64)?;
                log(
                    "org_change_tag_expiration",
                    json!({"tag_expiration": expiration, "namespace": orgname}),
                )?;
            }
            Ok(())
        })
        .await?;
    let org = find_org(&state, &org.username)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(org_view(&state, &auth, &org, true).await?))
}

/// `DELETE /api/v1/organization/{orgname}` (`deleteAdminedOrganization`): fresh login, the
/// admin (or full-access superuser) permission, then the `org_delete` log and the deletion mark.
pub async fn delete_organization(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
) -> Result<Response, ApiError> {
    crate::middleware::require_fresh_login(&auth, &state)?;
    let org = org_admin_or_full_access(&state, &auth, &orgname).await?;
    state
        .db(move |s| {
            log_action(
                s,
                "org_delete",
                Some(org.id),
                &auth,
                json!({ "namespace": orgname }),
            )?;
            s.mark_namespace_deleted(org.id)?;
            Ok(())
        })
        .await?;
    Ok(json_response(StatusCode::NO_CONTENT, String::new()))
}

/// Quay's `AdministerOrganizationPermission(orgname)` (the route already required `org:admin`):
/// 403 for a non-admin (also when the organization does not exist), then 404 when it is not an
/// organization.
async fn administered_org(
    state: &AppState,
    auth: &RequestAuth,
    orgname: &str,
) -> Result<UserRecord, ApiError> {
    let user = auth.user().cloned().ok_or_else(ApiError::invalid_token)?;
    let name = orgname.to_string();
    let found = state
        .db(move |s| {
            let Some(ns) = s.namespace_by_name(&name)? else {
                return Ok(None);
            };
            if ns.id == user.id {
                return Ok(Some((ns, true)));
            }
            let admin = ns.organization && s.is_org_admin(user.id, ns.id)?;
            Ok(Some((ns, admin)))
        })
        .await?;
    match found {
        Some((ns, true)) if ns.organization => Ok(ns),
        // A user's own namespace: permitted, but not an organization.
        Some((_, true)) => Err(ApiError::not_found()),
        _ => Err(ApiError::unauthorized()),
    }
}

pub fn app_view(app: &ApplicationRecord) -> Value {
    json!({
        "name": app.name,
        "description": app.description,
        "application_uri": app.application_uri,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
        "redirect_uri": app.redirect_uri,
        "avatar_email": app.avatar_email,
    })
}

fn reserved(name: &str) -> Result<(), ApiError> {
    if name == BOOTSTRAP_APP_NAME {
        return Err(ApiError::invalid_request(
            "Application name is reserved for bootstrap token provisioning",
        ));
    }
    Ok(())
}

fn text(body: &Value, key: &str) -> String {
    body.get(key)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn fields(body: &Value) -> ApplicationFields {
    ApplicationFields {
        name: text(body, "name"),
        redirect_uri: text(body, "redirect_uri"),
        application_uri: text(body, "application_uri"),
        description: text(body, "description"),
        avatar_email: body
            .get("avatar_email")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// The request body plus `application_name` and `client_id` (Quay logs `app_data` updated so).
fn app_log_metadata(body: &Value, app_name: &str, client_id: &str) -> Value {
    let mut meta = body.as_object().cloned().unwrap_or_default();
    meta.insert("application_name".into(), json!(app_name));
    meta.insert("client_id".into(), json!(client_id));
    Value::Object(meta)
}

pub async fn list_applications(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let org = administered_org(&state, &auth, &orgname).await?;
    let apps = state.db(move |s| Ok(s.applications_of(org.id)?)).await?;
    Ok(Json(
        json!({"applications": apps.iter().map(app_view).collect::<Vec<_>>()}),
    ))
}

pub async fn create_application(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let org = administered_org(&state, &auth, &orgname).await?;
    reserved(&text(&body, "name"))?;
    let fields = fields(&body);
    let app = state
        .db(move |s| {
            let app = s.create_application(
                org.id,
                &crate::crypto::random_upper_alnum(20),
                &crate::crypto::random_upper_alnum(40),
                &fields,
            )?;
            log_action(
                s,
                "create_application",
                Some(org.id),
                &auth,
                app_log_metadata(&body, &app.name, &app.client_id),
            )?;
            Ok(app)
        })
        .await?;
    Ok(Json(app_view(&app)))
}

async fn find_app(
    state: &AppState,
    org: &UserRecord,
    client_id: &str,
) -> Result<ApplicationRecord, ApiError> {
    let (org_id, client_id) = (org.id, client_id.to_string());
    state
        .db(move |s| Ok(s.application_of(org_id, &client_id)?))
        .await?
        .ok_or_else(ApiError::not_found)
}

pub async fn get_application(
    State(state): State<AppState>,
    Path((orgname, client_id)): Path<(String, String)>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let org = administered_org(&state, &auth, &orgname).await?;
    Ok(Json(app_view(&find_app(&state, &org, &client_id).await?)))
}

pub async fn update_application(
    State(state): State<AppState>,
    Path((orgname, client_id)): Path<(String, String)>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let org = administered_org(&state, &auth, &orgname).await?;
    let app = find_app(&state, &org, &client_id).await?;
    reserved(&text(&body, "name"))?;
    let fields = fields(&body);
    let updated = ApplicationRecord {
        name: fields.name.clone(),
        redirect_uri: fields.redirect_uri.clone(),
        application_uri: fields.application_uri.clone(),
        description: fields.description.clone(),
        avatar_email: fields.avatar_email.clone(),
        ..app
    };
    let view = app_view(&updated);
    state
        .db(move |s| {
            s.update_application(updated.id, &fields)?;
            log_action(
                s,
                "update_application",
                Some(org.id),
                &auth,
                app_log_metadata(&body, &updated.name, &updated.client_id),
            )?;
            Ok(())
        })
        .await?;
    Ok(Json(view))
}

pub async fn delete_application(
    State(state): State<AppState>,
    Path((orgname, client_id)): Path<(String, String)>,
    auth: RequestAuth,
) -> Result<Response, ApiError> {
    let org = administered_org(&state, &auth, &orgname).await?;
    let app = find_app(&state, &org, &client_id).await?;
    state
        .db(move |s| {
            s.delete_application(app.id)?;
            log_action(
                s,
                "delete_application",
                Some(org.id),
                &auth,
                json!({"application_name": app.name, "client_id": client_id}),
            )?;
            Ok(())
        })
        .await?;
    Ok(json_response(StatusCode::NO_CONTENT, String::new()))
}

/// `GET /api/v1/app/{client_id}` (`getApplicationInformation`): public facts about an OAuth
/// application, with its organization as `org_view(organization, [])` sees it for the caller
/// (an empty `teams`, not none: the team list is present and empty).
pub async fn get_application_information(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let (app, org) = state
        .db(move |s| Ok(s.application_by_client_id(&client_id)?))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut organization = org_view(&state, &auth, &org, true).await?;
    organization["teams"] = json!({});
    organization["ordered_teams"] = json!([]);
    let app_email = app
        .avatar_email
        .clone()
        .unwrap_or_else(|| org.email.clone());
    Ok(Json(json!({
        "name": app.name,
        "description": app.description,
        "uri": app.application_uri,
        "avatar": avatar(&app.name, Some(&app_email), AvatarKind::App),
        "organization": organization,
    })))
}
