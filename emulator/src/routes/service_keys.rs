//! The superuser service-key endpoints (Quay: `endpoints/api/superuser.py`,
//! `SuperUserServiceKeyManagement`, `SuperUserServiceKey`, `SuperUserServiceKeyApproval`): list,
//! generate (RSA-2048, auto-approved, the private key returned once), show, change, delete and
//! approve keys, with Quay's checks, messages, GMT dates and log entries. The key server is in
//! `keyserver.rs`.

use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::action_log::log_action;
use crate::auth::RequestAuth;
use crate::body::ApiJson;
use crate::config::Config;
use crate::dates::gmt_date;
use crate::error::ApiError;
use crate::responses::empty_html;
use crate::routes::{endpoint, Access, ApiRoute};
use crate::service_keys::{
    approve_as, generate_key, key_ttls, log_account, store_generated_key, utc_from_timestamp,
    GeneratedKeyRequest, Timestamp,
};
use crate::state::AppState;
use crate::storage::{KeyFilter, NamespaceDetails, ServiceKeyRecord, Storage, StorageError};
use crate::views::{shows_quotas, superuser_user_view};

/// The three routes (Quay's `SuperUserServiceKeyManagement`, `SuperUserServiceKey`,
/// `SuperUserServiceKeyApproval`). The GETs allow read-only superusers and need no fresh login.
pub fn routes() -> Vec<ApiRoute> {
    let read = Access::AnySuperUser { fresh_login: false };
    vec![
        ApiRoute::new(
            "/api/v1/superuser/keys",
            "superuser",
            "endpoints.api.superuser.SuperUserServiceKeyManagement",
        )
        .op(endpoint(Method::GET, "listServiceKeys", list_keys).access(read))
        .op(endpoint(Method::POST, "createServiceKey", create_key)
            .superuser()
            .body("CreateServiceKey")),
        ApiRoute::new(
            "/api/v1/superuser/keys/{kid}",
            "superuser",
            "endpoints.api.superuser.SuperUserServiceKey",
        )
        .param("kid", "The unique identifier for a service key")
        .op(endpoint(Method::GET, "getServiceKey", get_key).access(read))
        .op(endpoint(Method::PUT, "updateServiceKey", update_key)
            .superuser()
            .body("PutServiceKey"))
        .op(endpoint(Method::DELETE, "deleteServiceKey", delete_key).superuser()),
        ApiRoute::new(
            "/api/v1/superuser/approvedkeys/{kid}",
            "superuser",
            "endpoints.api.superuser.SuperUserServiceKeyApproval",
        )
        .param("kid", "The unique identifier for a service key")
        .op(endpoint(Method::POST, "approveServiceKey", approve_key)
            .superuser()
            .body("ApproveServiceKey")),
    ]
}

// ------------------------------------------------------------------------------------------------
// Rules and formats shared with the key server.

// ------------------------------------------------------------------------------------------------
// Views.

/// Quotas and sizes of the approvers of `keys` (their user views carry them).
fn approver_details(
    s: &Storage,
    keys: &[ServiceKeyRecord],
    config: &Config,
) -> Result<NamespaceDetails, StorageError> {
    let mut details = NamespaceDetails::default();
    if !shows_quotas(config) {
        return Ok(details);
    }
    let mut ids: Vec<i64> = keys
        .iter()
        .filter_map(|k| k.approval.as_ref()?.approver.as_ref().map(|u| u.id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let one = s.namespace_details(id, id)?;
        details.quotas.extend(one.quotas);
        details.sizes.extend(one.sizes);
    }
    Ok(details)
}

/// Quay's `ServiceKey.to_dict()` (`endpoints/api/superuser_models_interface.py`): dates in the
/// GMT form (Flask's `jsonify`), the approver as the superuser panel's user view.
pub fn key_view(key: &ServiceKeyRecord, config: &Config, details: &NamespaceDetails) -> Value {
    let approval = key.approval.as_ref().map(|a| {
        json!({
            "approver": a.approver.as_ref().map(|u| superuser_user_view(u, config, details)),
            "approval_type": a.approval_type,
            "approved_date": gmt_date(a.approved_date),
            "notes": a.notes,
        })
    });
    json!({
        "name": key.name,
        "kid": key.kid,
        "service": key.service,
        "jwk": key.jwk,
        "metadata": key.metadata,
        "created_date": gmt_date(key.created_date),
        "expiration_date": key.expiration_date.map(gmt_date),
        "rotation_duration": key.rotation_duration,
        "approval": approval,
    })
}

/// Quay's `get_service_key(kid, approved_only=False, alive_only=False)`.
fn shown_key(
    s: &Storage,
    kid: &str,
    config: &Config,
) -> Result<Option<ServiceKeyRecord>, StorageError> {
    let filter = KeyFilter {
        kid: Some(kid),
        ..KeyFilter::default()
    };
    s.find_service_key(&filter, key_ttls(config), s.clock().unix_s())
}

/// An `expiration` of a POST/PUT body (a number, the schema made sure) as Quay converts it.
fn body_expiration(value: f64, past_message: &str, now_us: i64) -> Result<Timestamp, ApiError> {
    let at = utc_from_timestamp(value).map_err(|e| {
        // Quay's OverflowError/OSError (a 500) is answered like its ValueError (DEVIATIONS.md).
        ApiError::invalid_request(format!("Invalid expiration date: {}", e.message))
    })?;
    if at.as_micros() <= now_us {
        return Err(ApiError::invalid_request(past_message));
    }
    Ok(at)
}

// ------------------------------------------------------------------------------------------------
// Handlers.

/// `GET /api/v1/superuser/keys` (`listServiceKeys`, `SuperUserServiceKeyManagement.get`).
pub async fn list_keys(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    let views = state
        .db(move |s| {
            let keys = s.list_all_service_keys(key_ttls(&config), s.clock().unix_s())?;
            let details = approver_details(s, &keys, &config)?;
            Ok(keys
                .iter()
                .map(|k| key_view(k, &config, &details))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(json!({ "keys": views })))
}

/// `GET /api/v1/superuser/keys/{kid}` (`getServiceKey`, `SuperUserServiceKey.get`).
pub async fn get_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    let view = state
        .db(move |s| {
            let key = shown_key(s, &kid, &config)?.ok_or_else(ApiError::not_found)?;
            let details = approver_details(s, std::slice::from_ref(&key), &config)?;
            Ok(key_view(&key, &config, &details))
        })
        .await?;
    Ok(Json(view))
}

/// `POST /api/v1/superuser/keys` (`createServiceKey`, `SuperUserServiceKeyManagement.post`): 200
/// with the private key, once.
pub async fn create_key(
    State(state): State<AppState>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !quay_rules::is_valid_key_name(&name) {
        return Err(ApiError::invalid_request(format!(
            "Invalid service key friendly name: {name}"
        )));
    }
    let expiration = match body.get("expiration").and_then(Value::as_f64) {
        Some(value) => Some(body_expiration(
            value,
            "Expiration date cannot be in the past",
            state.clock().unix_us(),
        )?),
        None => None,
    };
    let caller = auth.user().ok_or_else(ApiError::invalid_token)?;
    let mut metadata = match body.get("metadata") {
        Some(Value::Object(map)) => map.clone(),
        _ => Map::new(),
    };
    metadata.insert("created_by".into(), json!("Quay Superuser Panel"));
    metadata.insert("creator".into(), json!(caller.username));
    metadata.insert("ip".into(), json!(auth.ip));
    let request = GeneratedKeyRequest {
        service: body["service"].as_str().unwrap_or_default().to_string(),
        name,
        metadata,
        expiration,
        notes: body
            .get("notes")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    };
    // Quay generates the key before its model checks the service name; nothing is stored then.
    let key = tokio::task::spawn_blocking(generate_key)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::Internal)?;
    let config = state.config().clone();
    let (key, request) = state
        .db(move |s| {
            store_generated_key(s, &config, &auth, &key, &request)?;
            Ok((key, request))
        })
        .await?;
    Ok(Json(json!({
        "kid": key.kid,
        "name": request.name,
        "service": request.service,
        "public_key": key.public_pem,
        "private_key": key.private_pem,
    })))
}

/// `PUT /api/v1/superuser/keys/{kid}` (`updateServiceKey`, `SuperUserServiceKey.put`): the
/// expiration first (logged `service_key_extend`, kept even when the name is then refused), then
/// name and metadata (`service_key_modify`, sharing the same metadata object).
pub async fn update_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Json<Value>, ApiError> {
    let config = state.config().clone();
    let view = state
        .db(move |s| {
            let key = shown_key(s, &kid, &config)?.ok_or_else(ApiError::not_found)?;
            let account = log_account(s, &config)?;
            let mut meta = Map::new();
            meta.insert("kid".into(), json!(key.kid));
            meta.insert("service".into(), json!(key.service));
            meta.insert(
                "name".into(),
                body.get("name").cloned().unwrap_or(json!(key.name)),
            );
            meta.insert("expiration_date".into(), json!(key.expiration_date));
            if let Some(expiration) = body.get("expiration") {
                let new = match expiration.as_f64() {
                    Some(value) => Some(
                        body_expiration(
                            value,
                            "Cannot have an expiration date in the past",
                            s.clock().unix_us(),
                        )?
                        .seconds,
                    ),
                    None => None,
                };
                meta.insert("old_expiration_date".into(), json!(key.expiration_date));
                meta.insert("expiration_date".into(), json!(new));
                log_action(
                    s,
                    "service_key_extend",
                    account,
                    &auth,
                    Value::Object(meta.clone()),
                )?;
                s.set_service_key_expiration(&key.kid, new)?;
            }
            if body.get("name").is_some() || body.get("metadata").is_some() {
                let name = body.get("name").and_then(Value::as_str);
                if let Some(bad) = name.filter(|n| !quay_rules::is_valid_key_name(n)) {
                    return Err(ApiError::invalid_request(format!(
                        "Invalid service key friendly name: {bad}"
                    )));
                }
                s.update_service_key(
                    &key.kid,
                    name,
                    body.get("metadata").and_then(Value::as_object),
                )?;
                log_action(s, "service_key_modify", account, &auth, Value::Object(meta))?;
            }
            let key = shown_key(s, &key.kid, &config)?.ok_or_else(ApiError::not_found)?;
            let details = approver_details(s, std::slice::from_ref(&key), &config)?;
            Ok(key_view(&key, &config, &details))
        })
        .await?;
    Ok(Json(view))
}

/// `DELETE /api/v1/superuser/keys/{kid}` (`deleteServiceKey`, `SuperUserServiceKey.delete`): 204,
/// empty `text/html`. A key expired too long ago to be listed can still be deleted, as in Quay.
pub async fn delete_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
    auth: RequestAuth,
) -> Result<Response, ApiError> {
    let config = state.config().clone();
    state
        .db(move |s| {
            let key = s
                .delete_service_key(&kid, key_ttls(&config), s.clock().unix_s())?
                .ok_or_else(ApiError::not_found)?;
            let account = log_account(s, &config)?;
            log_action(
                s,
                "service_key_delete",
                account,
                &auth,
                json!({"kid": kid, "service": key.service, "name": key.name,
                       "created_date": key.created_date, "expiration_date": key.expiration_date}),
            )?;
            Ok(())
        })
        .await?;
    Ok(empty_html(StatusCode::NO_CONTENT))
}

/// `POST /api/v1/superuser/approvedkeys/{kid}` (`approveServiceKey`,
/// `SuperUserServiceKeyApproval.post`): 201, empty `text/html`, also for a key approved before
/// (nothing changes then).
pub async fn approve_key(
    State(state): State<AppState>,
    Path(kid): Path<String>,
    auth: RequestAuth,
    ApiJson(body): ApiJson,
) -> Result<Response, ApiError> {
    let notes = body
        .get("notes")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let config = state.config().clone();
    state
        .db(move |s| approve_as(s, &config, &auth, &kid, &notes))
        .await?;
    Ok(empty_html(StatusCode::CREATED))
}
