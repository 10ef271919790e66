//! The superuser panel's users and organizations (Quay: `endpoints/api/superuser.py`): lists with
//! Quay's pagination, temporary-password users, changes with Quay's quirks (pre-change views,
//! logs written before validation), deletion marks, renames, take ownership and recovery e-mails.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use serde_json::{json, Value};

use crate::action_log::log_action;
use crate::auth::RequestAuth;
use crate::body::{ApiJson, ValidatedJson};
use crate::config::Config;
use crate::crypto;
use crate::error::ApiError;
use crate::middleware::EndpointContext;
use crate::pagination::{self, PageToken};
use crate::python::parse_qsl;
use crate::responses::json_response;
use crate::routes::{endpoint, ApiRoute};
use crate::state::AppState;
use crate::storage::{
    NamespaceDetails, NamespaceKind, NamespaceQuery, Ownership, Storage, StorageError, UserRecord,
};
use crate::views::{
    shows_quotas, superuser_org_view, superuser_user_view, SuperuserOrgView, SuperuserUserView,
};
use axum::http::Method;

/// The superuser panel's users and organizations (`endpoints/api/superuser.py`); the
/// recovery e-mail route only with `FEATURE_MAILING`, as Quay's `show_if`.
pub fn routes(config: &Config) -> Vec<ApiRoute> {
    let mut routes = vec![ApiRoute::new(
        "/api/v1/superuser/users/",
        "superuser",
        "endpoints.api.superuser.SuperUserList",
    )
    .op(endpoint(Method::GET, "listAllUsers", list_users)
        .any_superuser()
        .permission_after_args()
        .query("next_page", "string", "The page token for the next page")
        .query("limit", "integer", LIMIT_HELP)
        .query(
            "disabled",
            "boolean",
            "If false, only enabled users will be returned.",
        )
        .describe("Returns a list of all users in the system."))
    .op(endpoint(Method::POST, "createInstallUser", create_user)
        .superuser()
        .body("CreateInstallUser")
        .describe("Creates a new user."))];
    if config.feature_mailing {
        routes.push(
            ApiRoute::new(
                "/api/v1/superusers/users/{username}/sendrecovery",
                "superuser",
                "endpoints.api.superuser.SuperUserSendRecoveryEmail",
            )
            .op(
                endpoint(Method::POST, "sendInstallUserRecoveryEmail", send_recovery)
                    .superuser()
                    .permission_after_args()
                    .internal(),
            ),
        );
    }
    routes.extend([
        ApiRoute::new(
            "/api/v1/superuser/users/{username}",
            "superuser",
            "endpoints.api.superuser.SuperUserManagement",
        )
        .param("username", "The username of the user being managed")
        .op(endpoint(Method::GET, "getInstallUser", get_user)
            .any_superuser()
            .describe("Returns information about the specified user."))
        .op(endpoint(Method::PUT, "changeInstallUser", update_user)
            .superuser()
            .body("UpdateUser")
            .describe("Updates information about the specified user."))
        .op(endpoint(Method::DELETE, "deleteInstallUser", delete_user)
            .superuser()
            .describe("Deletes the specified user.")),
        ApiRoute::new(
            "/api/v1/superuser/takeownership/{namespace}",
            "superuser",
            "endpoints.api.superuser.SuperUserTakeOwnership",
        )
        .param(
            "namespace",
            "The namespace of the user or organization being managed",
        )
        .op(endpoint(Method::POST, "takeOwnership", take_ownership)
            .superuser()
            .internal()
            .describe("Takes ownership of the specified organization or user.")),
        ApiRoute::new(
            "/api/v1/superuser/organizations/",
            "superuser",
            "endpoints.api.superuser.SuperUserOrganizationList",
        )
        .op(
            endpoint(Method::GET, "listAllOrganizations", list_organizations)
                .any_superuser()
                .permission_after_args()
                .internal()
                .query("next_page", "string", "The page token for the next page")
                .query("limit", "integer", LIMIT_HELP)
                .describe("Returns a list of all organizations in the system."),
        ),
        ApiRoute::new(
            "/api/v1/superuser/organizations/{name}",
            "superuser",
            "endpoints.api.superuser.SuperUserOrganizationManagement",
        )
        .param("name", "The name of the organizaton being managed")
        .op(
            endpoint(Method::PUT, "changeOrganization", update_organization)
                .superuser()
                .body("UpdateOrg")
                .describe("Updates information about the specified user."),
        )
        .op(
            endpoint(Method::DELETE, "deleteOrganization", delete_organization)
                .superuser()
                .describe("Deletes the specified organization."),
        ),
    ]);
    routes
}

/// The help text of the `limit` query parameter, which is also its error message.
pub const LIMIT_HELP: &str = "Limit to the number of results to return per page. Max 100.";

/// The parsed query of a list (Quay's `parse_args` + `page_support`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListArgs {
    pub limit: Option<i64>,
    pub next_page: Option<String>,
    /// Quay's inverted `disabled`: `true` (the default) includes disabled users.
    pub disabled: bool,
}

/// flask-restful's `reqparse` over `next_page`, `limit` (Python `int`, every value converted, the
/// first kept) and `disabled`; a bad `limit` is the 400 B1 `{"message": {"limit": <help>}}`.
pub fn parse_list_args(query: Option<&str>) -> Result<ListArgs, ApiError> {
    let pairs = parse_qsl(query.unwrap_or(""));
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let next_page = values("next_page").first().map(|v| v.to_string());
    let mut limit = None;
    for value in values("limit") {
        let Some(n) = crate::python::parse_int(value) else {
            return Err(ApiError::RestfulMessage {
                status: StatusCode::BAD_REQUEST,
                message: json!({ "limit": LIMIT_HELP }),
            });
        };
        limit.get_or_insert(n);
    }
    let disabled = values("disabled")
        .first()
        .is_none_or(|v| crate::python::truthy_bool(v));
    Ok(ListArgs {
        limit,
        next_page,
        disabled,
    })
}

/// One page of namespaces with their quotas and sizes.
struct Listing {
    items: Vec<UserRecord>,
    next: Option<PageToken>,
    details: NamespaceDetails,
}

async fn list_namespaces(
    state: &AppState,
    kind: NamespaceKind,
    args: ListArgs,
) -> Result<Listing, ApiError> {
    if args.limit.is_some_and(|l| l > 100) {
        return Err(ApiError::invalid_request("Page limit cannot be above 100"));
    }
    let with_details = shows_quotas(state.config());
    let paged = args.limit.is_some();
    let work = move |s: &Storage| {
        let key = pagination::token_key(s.aes_key());
        let token = match (args.limit, &args.next_page) {
            (Some(_), Some(text)) => pagination::decrypt(&key, text, s.clock().unix_s()),
            _ => None,
        };
        let query = NamespaceQuery {
            kind,
            // Organizations are listed with Quay's default (`disabled=True`).
            only_enabled: kind == NamespaceKind::User && !args.disabled,
            start_id: token.map(|t| t.start_index),
            offset: token.map_or(0, |t| t.offset_val),
            fetch: args.limit.map(pagination::fetch_limit),
        };
        let rows = s.list_namespaces(&query)?;
        let (items, next) = match args.limit {
            None => (rows, None),
            Some(limit) => {
                let page = pagination::split(rows, limit, token.as_ref(), |u| u.id)
                    .map_err(|()| ApiError::invalid_request("Page limit cannot be negative"))?;
                (page.items, page.next)
            }
        };
        let details = match (with_details, items.first(), items.last()) {
            (true, Some(first), Some(last)) => s.namespace_details(first.id, last.id)?,
            _ => NamespaceDetails::default(),
        };
        Ok(Listing {
            items,
            next,
            details,
        })
    };
    // A page (at most 101 rows) is read in place; the unpaged listing of every namespace may
    // take milliseconds on a large registry.
    if paged {
        state.read(work)
    } else {
        state.db(work).await
    }
}

/// A page of a superuser listing: `{"next_page"?, "<key>": [...]}` (sorted keys, as Flask's).
struct ListingBody<T> {
    key: &'static str,
    items: Vec<T>,
    next_page: Option<String>,
}

impl<T: Serialize> Serialize for ListingBody<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if let Some(next) = &self.next_page {
            map.serialize_entry("next_page", next)?;
        }
        map.serialize_entry(self.key, &self.items)?;
        map.end()
    }
}

fn listing_body<'a, T>(
    state: &AppState,
    key: &'static str,
    listing: &'a Listing,
    view: impl Fn(&'a UserRecord, &crate::config::Config, &'a NamespaceDetails) -> T,
) -> ListingBody<T> {
    let config = state.config();
    let next_page = listing.next.as_ref().map(|next| {
        let token_key = pagination::token_key(state.storage().aes_key());
        pagination::encrypt(&token_key, next, state.clock().unix_s())
    });
    ListingBody {
        key,
        items: listing
            .items
            .iter()
            .map(|u| view(u, config, &listing.details))
            .collect(),
        next_page,
    }
}

/// `GET /api/v1/superuser/users/` (`listAllUsers`, `SuperUserList.get`).
pub async fn list_users(
    State(state): State<AppState>,
    Extension(ctx): Extension<EndpointContext>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let args = parse_list_args(query.as_deref())?;
    ctx.check_deferred()?;
    let listing = list_namespaces(&state, NamespaceKind::User, args).await?;
    Ok(Json(listing_body(
        &state,
        "users",
        &listing,
        SuperuserUserView::new,
    ))
    .into_response())
}

/// `GET /api/v1/superuser/organizations/` (`listAllOrganizations`,
/// `SuperUserOrganizationList.get`).
pub async fn list_organizations(
    State(state): State<AppState>,
    Extension(ctx): Extension<EndpointContext>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let args = parse_list_args(query.as_deref())?;
    ctx.check_deferred()?;
    let listing = list_namespaces(&state, NamespaceKind::Organization, args).await?;
    Ok(Json(listing_body(
        &state,
        "organizations",
        &listing,
        SuperuserOrgView::new,
    ))
    .into_response())
}

/// The signed-in caller's name (the `superuser` of log metadata).
fn caller_name(auth: &RequestAuth) -> Result<String, ApiError> {
    auth.user()
        .map(|u| u.username.clone())
        .ok_or_else(ApiError::invalid_token)
}

fn invalid_namespace(name: &str) -> Option<ApiError> {
    quay_rules::namespace_problem(name)
        .map(|problem| ApiError::model(format!("Invalid namespace {name}: {problem}")))
}

fn taken_by(existing: &UserRecord, name: &str) -> ApiError {
    if existing.organization {
        ApiError::model(format!(
            "Username has already been taken by an organization and cannot be reused: {name}"
        ))
    } else {
        ApiError::model(format!(
            "Username has already been taken by user cannot be reused: {name}"
        ))
    }
}

/// `POST /api/v1/superuser/users/` (`createInstallUser`, `SuperUserList.post`): a user with a
/// temporary password.
pub async fn create_user(
    State(state): State<AppState>,
    auth: RequestAuth,
    ValidatedJson(body, ctx): ValidatedJson,
) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    if config.authentication_type != "Database" {
        return Err(ApiError::invalid_request(
            "Cannot create a user in a non-database auth system",
        ));
    }
    if let Some(ctx) = ctx {
        ctx.check_deferred()?;
    }
    // The schema has no object type and Quay crashes on `body["username"]` (DEVIATIONS.md).
    let Value::Object(fields) = &body else {
        return Err(ApiError::invalid_request(format!(
            "{} is not of type 'object'",
            crate::python::repr(&body)
        )));
    };
    let username = fields
        .get("username")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let email = fields
        .get("email")
        .and_then(Value::as_str)
        .map(str::to_string);
    let caller = caller_name(&auth)?;
    let password = crypto::random_upper_alnum(32);
    let mailing = config.feature_mailing;
    let reply_email = email.clone();
    let (name, pw) = (username.clone(), password.clone());
    let encrypted = state
        .db(move |s| {
            // create_user → create_user_noverify, in Quay's order.
            let stored_email = if mailing {
                match &email {
                    Some(e) if quay_rules::is_valid_email(e) => e.clone(),
                    other => {
                        return Err(ApiError::model(format!(
                            "Invalid email address: {}",
                            other.as_deref().unwrap_or("None")
                        )))
                    }
                }
            } else {
                email
                    .clone()
                    .filter(|e| !e.is_empty())
                    .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
            };
            if let Some(e) = invalid_namespace(&name) {
                return Err(e);
            }
            if let Some(existing) = s.namespace_by_name(&name)? {
                return Err(taken_by(&existing, &name));
            }
            if s.is_deleted_namespace(&name)? {
                return Err(ApiError::model("Username is not available"));
            }
            if mailing && s.user_by_email(&stored_email)?.is_some() {
                return Err(ApiError::model(format!(
                    "Email has already been used: {stored_email}"
                )));
            }
            let hash = crypto::hash_password(&pw).map_err(ApiError::Internal)?;
            let user = s
                .insert_user(
                    &name,
                    &stored_email,
                    &hash,
                    !mailing,
                    config.default_tag_expiration_s,
                )?
                .ok_or_else(|| {
                    ApiError::model(format!(
                        "Username has already been taken by user cannot be reused: {name}"
                    ))
                })?;
            log_action(
                s,
                "user_create",
                Some(user.id),
                &auth,
                json!({"email": email, "username": name, "superuser": caller}),
            )?;
            if mailing {
                let code = s.create_email_code(user.id, false, true)?;
                crate::outbox::send_confirmation_email(s, &config, &name, &stored_email, &code)?;
            }
            Ok(crypto::encrypt_user_password(s.aes_key(), &pw))
        })
        .await?;
    Ok(Json(json!({
        "username": username,
        "email": reply_email,
        "password": password,
        "encrypted_password": encrypted,
    })))
}

async fn find_user(state: &AppState, username: &str) -> Result<UserRecord, ApiError> {
    let name = username.to_string();
    state
        .db(move |s| Ok(s.nonrobot_user(&name)?))
        .await?
        .ok_or_else(ApiError::not_found)
}

fn details_of(s: &Storage, id: i64) -> Result<NamespaceDetails, StorageError> {
    s.namespace_details(id, id)
}

/// `GET /api/v1/superuser/users/{username}` (`getInstallUser`, `SuperUserManagement.get`).
pub async fn get_user(
    State(state): State<AppState>,
    Path(username): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, &username).await?;
    let id = user.id;
    let details = state.db(move |s| Ok(details_of(s, id)?)).await?;
    Ok(Json(superuser_user_view(&user, state.config(), &details)))
}

/// `PUT /api/v1/superuser/users/{username}` (`changeInstallUser`, `SuperUserManagement.put`).
/// Answers with the view of the user as loaded before the changes, patched as Quay patches it.
pub async fn update_user(
    State(state): State<AppState>,
    Path(username): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    let user = find_user(&state, &username).await?;
    if config.is_listed_super_user(&username) {
        return Err(ApiError::invalid_request("Cannot update a superuser"));
    }
    let caller = caller_name(&auth)?;
    let before = user.clone();
    let data = body.clone();
    let details = state
        .db(move |s| {
            if let Some(password) = data.get("password") {
                if config.authentication_type != "Database" {
                    return Err(ApiError::invalid_request(
                        "Cannot change password in non-database auth",
                    ));
                }
                // Logged before the password is checked, as Quay does.
                log_action(
                    s,
                    "user_change_password",
                    Some(user.id),
                    &auth,
                    json!({"username": username, "superuser": caller}),
                )?;
                let password = password.as_str().unwrap_or_default();
                if !quay_rules::is_valid_password(password) {
                    return Err(ApiError::model(quay_rules::INVALID_PASSWORD_MESSAGE));
                }
                let hash = crypto::hash_password(password).map_err(ApiError::Internal)?;
                s.change_password(user.id, &hash)?;
            }
            if let Some(email) = data.get("email") {
                if !["Database", "AppToken"].contains(&config.authentication_type.as_str()) {
                    return Err(ApiError::invalid_request(
                        "Cannot change e-mail in non-database auth",
                    ));
                }
                let new_email = email.as_str().unwrap_or_default();
                s.update_email(user.id, new_email, true)?;
                log_action(
                    s,
                    "user_change_email",
                    Some(user.id),
                    &auth,
                    json!({"old_email": user.email, "email": new_email, "superuser": caller}),
                )?;
            }
            if let Some(enabled) = data.get("enabled") {
                let enabled = crate::python::truthy(enabled);
                log_action(
                    s,
                    if enabled {
                        "user_enable"
                    } else {
                        "user_disable"
                    },
                    Some(user.id),
                    &auth,
                    json!({"username": username, "superuser": caller}),
                )?;
                s.set_user_enabled(user.id, enabled)?;
            }
            Ok(details_of(s, user.id)?)
        })
        .await?;
    let mut view = superuser_user_view(&before, state.config(), &details);
    if let Some(password) = body.get("password").and_then(Value::as_str) {
        view["encrypted_password"] = json!(crypto::encrypt_user_password(
            state.storage().aes_key(),
            password
        ));
    }
    if let Some(email) = body.get("email").filter(|e| !e.is_null()) {
        view["email"] = email.clone();
    }
    Ok(Json(view))
}

/// `DELETE /api/v1/superuser/users/{username}` (`deleteInstallUser`, `SuperUserManagement.delete`).
pub async fn delete_user(
    State(state): State<AppState>,
    Path(username): Path<String>,
    auth: RequestAuth,
) -> Result<Response, ApiError> {
    let user = find_user(&state, &username).await?;
    if state.config().is_listed_super_user(&username) {
        return Err(ApiError::invalid_request("Cannot delete a superuser"));
    }
    state
        .db(move |s| {
            log_action(
                s,
                "user_delete",
                Some(user.id),
                &auth,
                json!({ "username": username }),
            )?;
            // A disabled user is left as it is (Quay's mark_namespace_for_deletion returns early).
            s.mark_namespace_deleted(user.id)?;
            Ok(())
        })
        .await?;
    Ok(json_response(StatusCode::NO_CONTENT, String::new()))
}

/// `POST /api/v1/superusers/users/{username}/sendrecovery` (`sendInstallUserRecoveryEmail`,
/// only with `FEATURE_MAILING`): a recovery e-mail into the outbox.
pub async fn send_recovery(
    State(state): State<AppState>,
    Path(username): Path<String>,
    Extension(ctx): Extension<EndpointContext>,
) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    if config.authentication_type != "Database" {
        return Err(ApiError::invalid_request(
            "Cannot send a recovery e-mail for non-database auth",
        ));
    }
    ctx.check_deferred()?;
    let user = find_user(&state, &username).await?;
    if config.is_listed_super_user(&username) {
        return Err(ApiError::invalid_request(
            "Cannot send a recovery email for a superuser",
        ));
    }
    let email = user.email.clone();
    state
        .db(move |s| {
            // Quay's create_reset_password_email_code looks the user up by e-mail again.
            let owner = s.user_by_email(&user.email)?.unwrap_or(user.clone());
            let code = s.create_email_code(owner.id, true, false)?;
            crate::outbox::send_recovery_email(s, &config, &user.email, &code)?;
            Ok(())
        })
        .await?;
    Ok(Json(json!({ "email": email })))
}

/// `POST /api/v1/superuser/takeownership/{namespace}` (`takeOwnership`,
/// `SuperUserTakeOwnership.post`).
pub async fn take_ownership(
    State(state): State<AppState>,
    Path(namespace): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    if state.config().is_listed_super_user(&namespace) {
        return Err(ApiError::invalid_request(
            "Cannot take ownership of a superuser",
        ));
    }
    let caller = auth.user().cloned().ok_or_else(ApiError::invalid_token)?;
    let name = namespace.clone();
    state
        .db(move |s| {
            let entity = s
                .namespace_by_name(&name)?
                .filter(|n| !n.robot)
                .ok_or_else(ApiError::not_found)?;
            match s.take_ownership(entity.id, caller.id)? {
                // Quay: an unhandled Team.DoesNotExist (500); see DEVIATIONS.md.
                Ownership::NoAdminTeam => return Err(ApiError::not_found()),
                Ownership::OrganizationAdmin | Ownership::ConvertedUser => {}
            }
            log_action(
                s,
                "take_ownership",
                Some(caller.id),
                &auth,
                json!({"entity_id": entity.id, "namespace": name,
                       "was_user": !entity.organization, "superuser": caller.username}),
            )?;
            Ok(())
        })
        .await?;
    Ok(Json(json!({ "namespace": namespace })))
}

/// `PUT /api/v1/superuser/organizations/{name}` (`changeOrganization`,
/// `SuperUserOrganizationManagement.put`): rename.
pub async fn update_organization(
    State(state): State<AppState>,
    Path(name): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let new_name = body.get("name").and_then(Value::as_str).map(str::to_string);
    let caller = caller_name(&auth)?;
    let (org, details) = state
        .db(move |s| {
            // Quay writes the log against the namespace first (`log_action` before
            // `change_organization_name`); with no namespace of that name the log write itself
            // crashes (`model.log.log_action`: `User.get(User.username == name)` raises
            // `User.DoesNotExist`): a 500, nothing logged.
            let ns = s
                .namespace_by_name(&name)?
                .ok_or(ApiError::Crash("User.DoesNotExist in log_action"))?;
            log_action(
                s,
                "org_change_name",
                Some(ns.id),
                &auth,
                json!({"old_name": name, "new_name": new_name, "superuser": caller}),
            )?;
            if !ns.organization {
                return Err(ApiError::model(format!(
                    "Organization does not exist: {name}"
                )));
            }
            if let Some(new_name) = &new_name {
                if let Some(problem) = quay_rules::namespace_problem(new_name) {
                    return Err(ApiError::model(format!(
                        "Invalid username {new_name}: {problem}"
                    )));
                }
                // A taken name: `change_username`'s `user.save()` raises the unique index's
                // `IntegrityError` (a 500); the entry written above stays.
                if !s.rename_namespace(ns.id, new_name)? {
                    return Err(ApiError::Crash("IntegrityError in change_username"));
                }
            }
            let org = s
                .namespace_by_name(new_name.as_deref().unwrap_or(&name))?
                .ok_or_else(ApiError::not_found)?;
            let details = details_of(s, org.id)?;
            Ok((org, details))
        })
        .await?;
    Ok(Json(superuser_org_view(&org, state.config(), &details)))
}

/// `DELETE /api/v1/superuser/organizations/{name}` (`deleteOrganization`,
/// `SuperUserOrganizationManagement.delete`).
pub async fn delete_organization(
    State(state): State<AppState>,
    Path(name): Path<String>,
    auth: RequestAuth,
) -> Result<Response, ApiError> {
    state
        .db(move |s| {
            let org = s
                .organization_by_name(&name)?
                .ok_or_else(ApiError::not_found)?;
            log_action(
                s,
                "org_delete",
                Some(org.id),
                &auth,
                json!({ "namespace": name }),
            )?;
            s.mark_namespace_deleted(org.id)?;
            Ok(())
        })
        .await?;
    Ok(json_response(StatusCode::NO_CONTENT, String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_arguments_like_reqparse() {
        let args = parse_list_args(None).unwrap();
        assert_eq!(
            args,
            ListArgs {
                limit: None,
                next_page: None,
                disabled: true
            }
        );
        let args = parse_list_args(Some("limit=+5&next_page=a%3D&disabled=FALSE")).unwrap();
        assert_eq!(args.limit, Some(5));
        assert_eq!(args.next_page.as_deref(), Some("a="));
        assert!(!args.disabled);
        for falsy in ["false", "False", "FALSE", "0", "null", ""] {
            let q = format!("disabled={falsy}");
            assert!(!parse_list_args(Some(&q)).unwrap().disabled, "{falsy}");
        }
        assert!(!parse_list_args(Some("disabled")).unwrap().disabled);
        for truthy in ["true", "no", "off", "f", "1"] {
            let q = format!("disabled={truthy}");
            assert!(parse_list_args(Some(&q)).unwrap().disabled, "{truthy}");
        }
        for bad in ["limit=abc", "limit=", "limit=5&limit=x", "limit=1.5"] {
            let Err(ApiError::RestfulMessage { status, message }) = parse_list_args(Some(bad))
            else {
                panic!("{bad}")
            };
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(message, json!({ "limit": LIMIT_HELP }));
        }
        assert_eq!(
            parse_list_args(Some("limit=7&limit=9")).unwrap().limit,
            Some(7)
        );
    }
}
