//! Organizations (§5.1, §5.2) and their OAuth applications (§12.1).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::auth::RequestAuth;
use crate::avatar::{avatar, AvatarKind};
use crate::body::ApiJson;
use crate::error::{ApiError, JSON};
use crate::logs::log_action;
use crate::state::AppState;
use crate::storage::{ApplicationFields, ApplicationRecord, NewOrganization, UserRecord};
use crate::views::{quota_report, quota_summary};

/// Quay's reserved bootstrap application name.
pub const BOOTSTRAP_APP_NAME: &str = "__quay_bootstrap_app";

fn json_response(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    resp
}

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
                json!({"email": email, "namespace": name}),
            )?;
            Ok(())
        })
        .await?;
    Ok(json_response(StatusCode::CREATED, "\"Created\"\n".into()))
}

/// The organization called `name` (not a user), if any.
async fn find_org(state: &AppState, name: &str) -> Result<Option<UserRecord>, ApiError> {
    let name = name.to_string();
    state
        .db(move |s| Ok(s.namespace_by_name(&name)?.filter(|u| u.organization)))
        .await
}

pub async fn get_organization(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let org = find_org(&state, &orgname)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let (org_id, user_id) = (org.id, auth.user().map(|u| u.id));
    let org_name = org.username.clone();
    let (held, quotas) = state
        .db(move |s| {
            let held = match user_id {
                Some(uid) => s
                    .user_memberships(uid)?
                    .into_iter()
                    .find(|m| m.name == org_name)
                    .map(|m| m.role),
                None => None,
            };
            Ok((held, s.namespace_quotas(org_id)?))
        })
        .await?;
    // The role the credentials may exercise (Quay caps team roles by the token's scopes).
    let role = held.and_then(|r| crate::routes::user::effective_role(&r, auth.scopes()));
    let is_admin = role == Some("admin");
    let member = role.is_some();
    let teams = if member {
        state.db(move |s| Ok(s.org_teams(org_id)?)).await?
    } else {
        Vec::new()
    };
    let config = state.config();
    let mut view = Map::new();
    view.insert("name".into(), json!(org.username));
    let email = if is_admin && quay_rules::is_valid_email(&org.email) {
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
    view.insert("is_member".into(), json!(member));
    if member {
        let mut by_name = Map::new();
        for (name, role, description, members) in &teams {
            by_name.insert(
                name.clone(),
                json!({"name": name, "description": description, "role": role,
                       "avatar": avatar(name, None, AvatarKind::Team), "can_view": true,
                       "repo_count": 0, "member_count": members, "is_synced": false}),
            );
        }
        view.insert("teams".into(), Value::Object(by_name));
        view.insert(
            "ordered_teams".into(),
            json!(teams.iter().map(|t| t.0.clone()).collect::<Vec<_>>()),
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
    if (is_admin || member) && config.feature_quota_management && config.feature_edit_quota {
        view.insert(
            "quotas".into(),
            Value::Array(quotas.iter().map(quota_summary).collect()),
        );
        view.insert("quota_report".into(), quota_report(&quotas));
    }
    Ok(Json(Value::Object(view)))
}

/// `PUT /api/v1/organization/{orgname}` (`changeOrganizationDetails`): routed (org:admin, JSON
/// body, then the organization's admin permission) but not implemented.
pub async fn update_organization(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    crate::body::api_json_value(&headers, &body)?;
    administered_org(&state, &auth, &orgname).await?;
    Err(ApiError::not_implemented())
}

/// `DELETE /api/v1/organization/{orgname}` (`deleteAdminedOrganization`): routed (org:admin,
/// fresh login, then the organization's admin permission) but not implemented.
pub async fn delete_organization(
    State(state): State<AppState>,
    Path(orgname): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    crate::middleware::require_fresh_login(&auth, state.config())?;
    administered_org(&state, &auth, &orgname).await?;
    Err(ApiError::not_implemented())
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
