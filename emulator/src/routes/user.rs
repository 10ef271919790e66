//! `GET /api/v1/user/` (Quay: `endpoints/api/user.py`, `User.get`, `user_view`): the signed-in
//! user as its credentials allow it to see itself.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::auth::{effective_role, RequestAuth, Scopes};
use crate::avatar::{avatar, AvatarKind};
use crate::error::ApiError;
use crate::routes::{endpoint, Access, ApiRoute};
use crate::state::AppState;
use crate::storage::Membership;
use crate::views::{quota_report, quota_summary, system_default_quota};
use axum::http::Method;

/// This module's API routes (see `routes::api_routes`).
pub fn routes() -> Vec<ApiRoute> {
    vec![
        ApiRoute::new("/api/v1/user/", "user", "endpoints.api.user.User")
            .op(endpoint(Method::GET, "getLoggedInUser", get_user)
                .access(Access::Handler {
                    scope: Scopes::USER_READ,
                })
                .responds("UserView")
                .describe("Get user information for the authenticated user."))
            .op(endpoint(Method::PUT, "changeUserDetails", update_user)
                .scope_before_body(Scopes::USER_ADMIN)
                .internal()
                .describe("Update a users details such as password or email."))
            .op(endpoint(Method::POST, "createNewUser", create_user)
                .anonymous()
                .internal()
                .describe("Create a new user."))
            .op(endpoint(Method::DELETE, "deleteCurrentUser", delete_user)
                .scope(Scopes::USER_ADMIN)
                .internal()
                .describe("Deletes the current user.")),
    ]
}

pub async fn get_user(
    State(state): State<AppState>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let user = match auth.user() {
        Some(u) if !u.organization && auth.can_read_self() => u.clone(),
        _ => return Err(ApiError::invalid_token_no_session()),
    };
    let config = state.config();
    let user_id = user.id;
    let (memberships, quotas, size) = state
        .db(move |s| {
            Ok((
                s.user_memberships(user_id)?,
                s.namespace_quotas(user_id)?,
                s.namespace_size(user_id)?,
            ))
        })
        .await?;

    let is_admin = auth.can_admin_self();
    let scopes = auth.scopes();
    let mut body = Map::new();
    body.insert("anonymous".into(), json!(false));
    body.insert("username".into(), json!(user.username));
    body.insert(
        "avatar".into(),
        avatar(&user.username, Some(&user.email), AvatarKind::User),
    );
    if is_admin {
        let admin_fields = json!({
            "can_create_repo": true,
            "is_me": true,
            "verified": user.verified,
            "email": user.email,
            "logins": [],
            "invoice_email": user.invoice_email,
            "invoice_email_address": user.invoice_email_address,
            "preferred_namespace": false,
            "tag_expiration_s": user.tag_expiration_s,
            "prompts": [],
            "company": user.company,
            "family_name": user.family_name,
            "given_name": user.given_name,
            "location": user.location,
            "is_free_account": true,
            "has_password_set": user.has_password,
        });
        if let Value::Object(fields) = admin_fields {
            body.extend(fields);
        }
        if config.feature_quota_management && config.feature_edit_quota {
            body.insert(
                "quotas".into(),
                Value::Array(quotas.iter().map(quota_summary).collect()),
            );
            body.insert(
                "quota_report".into(),
                quota_report(&quotas, size.as_ref(), &system_default_quota(config)),
            );
        }
    }
    body.insert(
        "organizations".into(),
        Value::Array(
            memberships
                .iter()
                .map(|m| org_view(m, scopes, is_admin, &config.public_namespaces))
                .collect(),
        ),
    );
    if auth.is_super_user(config) {
        body.insert("super_user".into(), json!(true));
    }
    if config.is_global_readonly_super_user(&user.username) {
        body.insert("global_readonly_super_user".into(), json!(true));
    }
    Ok(Json(Value::Object(body)))
}

fn org_view(m: &Membership, scopes: Scopes, user_admin: bool, public: &[String]) -> Value {
    let role = effective_role(&m.role, scopes).unwrap_or("member");
    let mut view = json!({
        "name": m.name,
        "avatar": avatar(&m.name, Some(&m.email), AvatarKind::Org),
        "can_create_repo": role != "member",
        "public": public.iter().any(|p| p == &m.name),
    });
    if user_admin {
        view["is_org_admin"] = json!(role == "admin");
        view["preferred_namespace"] = json!(false);
    }
    view
}

/// `PUT /api/v1/user/` (`changeUserDetails`): routed (user:admin, fresh login, JSON body) but not
/// implemented.
pub async fn update_user(
    State(state): State<AppState>,
    auth: RequestAuth,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    crate::middleware::require_fresh_login(&auth, &state)?;
    crate::body::api_json_value(&headers, &body)?;
    Err(ApiError::not_implemented())
}

/// `POST /api/v1/user/` (`createNewUser`): routed (anonymous, JSON body) but not implemented.
pub async fn create_user(headers: HeaderMap, body: Bytes) -> Result<Json<Value>, ApiError> {
    crate::body::api_json_value(&headers, &body)?;
    Err(ApiError::not_implemented())
}

/// `DELETE /api/v1/user/` (`deleteCurrentUser`): routed (user:admin, fresh login) but not
/// implemented.
pub async fn delete_user(
    State(state): State<AppState>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    crate::middleware::require_fresh_login(&auth, &state)?;
    Err(ApiError::not_implemented())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_view_shapes() {
        let m = Membership {
            name: "testorg".into(),
            email: "testorg@example.com".into(),
            role: "admin".into(),
        };
        let basic = org_view(&m, Scopes::USER_READ, false, &[]);
        assert_eq!(basic["can_create_repo"], json!(false));
        assert_eq!(basic["public"], json!(false));
        assert!(basic.get("is_org_admin").is_none());
        assert_eq!(basic["avatar"]["kind"], "org");
        let full = org_view(&m, Scopes::ALL, true, &["testorg".into()]);
        assert_eq!(full["is_org_admin"], json!(true));
        assert_eq!(full["public"], json!(true));
        assert_eq!(full["can_create_repo"], json!(true));
    }
}
