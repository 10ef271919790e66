//! `/api/v1/superuser/registrysize/` (Quay's `SuperUserRegistrySize`,
//! `endpoints/api/superuser.py`): the last computed registry size and queuing a new calculation,
//! which the background worker (`crate::registry_size_worker`) runs.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::responses::json_response;
use crate::routes::{endpoint, ApiRoute};
use crate::state::AppState;
use crate::storage::{QueueOutcome, RegistrySize};
use axum::http::Method;

/// This module's API routes (see `routes::api_routes`).
pub fn routes() -> Vec<ApiRoute> {
    vec![ApiRoute::new(
        "/api/v1/superuser/registrysize/",
        "superuser",
        "endpoints.api.superuser.SuperUserRegistrySize",
    )
    .op(endpoint(Method::GET, "getRegistrySize", get_registry_size)
        .any_superuser()
        .internal()
        .describe("Returns size of the registry"))
    .op(endpoint(
        Method::POST,
        "queueRegistrySizeCalculation",
        queue_registry_size,
    )
    .superuser()
    .internal()
    .describe("Queues registry size calculation"))]
}

/// Quay's answer: the stored row, or the never-queued defaults.
fn view(size: Option<RegistrySize>) -> Value {
    match size {
        Some(s) => json!({
            "size_bytes": s.size_bytes,
            "last_ran": s.completed_ms,
            "queued": s.queued,
            "running": s.running,
        }),
        None => json!({"size_bytes": 0, "last_ran": null, "running": false, "queued": false}),
    }
}

/// `GET`: `getRegistrySize`.
pub async fn get_registry_size(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let size = state.db(|s| Ok(s.registry_size()?)).await?;
    Ok(Json(view(size)))
}

/// `POST`: `queueRegistrySizeCalculation`. Quay never reads the body, so none is parsed.
pub async fn queue_registry_size(State(state): State<AppState>) -> Result<Response, ApiError> {
    let outcome = state
        .db(|s| Ok(s.queue_registry_size_calculation()?))
        .await?;
    // flask-restful's JSON encoding of Quay's `return "", 201`.
    let empty = || "\"\"\n".to_string();
    match outcome {
        QueueOutcome::Queued => Ok(json_response(StatusCode::CREATED, empty())),
        QueueOutcome::AlreadyQueued => Ok(json_response(StatusCode::ACCEPTED, empty())),
        QueueOutcome::NotQueued => Err(ApiError::invalid_request(
            "Could not queue registry size calculation",
        )),
    }
}
