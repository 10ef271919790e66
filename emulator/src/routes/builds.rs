//! The superuser build views (Quay: `endpoints/api/superuser.py`,
//! `SuperUserRepositoryBuildStatus`, `SuperUserRepositoryBuildResource`,
//! `SuperUserRepositoryBuildLogs`): `GET /api/v1/superuser/{build_uuid}/status`, `/build` (the
//! same body; Quay's `RepositoryBuild.to_dict`) and `/logs` (the builder's log from `start` on,
//! `get_logs_or_log_url` in `endpoints/api/build.py`).

use axum::extract::{Path, RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::auth::{RequestAuth, Scopes};
use crate::config::Config;
use crate::error::{ApiError, ApiExceptionBody};

use crate::python::{first_arg, int_text, parse_qsl, truthy};
use crate::responses::json_response;
use crate::routes::{endpoint, ApiRoute};
use crate::state::AppState;
use crate::storage::{BuildRecord, BuildTriggerRecord};

const UUID_HELP: &str = "The UUID of the build";
const REPOSITORY_HELP: &str = "The full path of the repository. e.g. namespace/name";

/// Quay's three classes (`@path_param("repository")` is declared on two of them although the
/// path has no such argument, and so is their discovery entry).
pub fn routes() -> Vec<ApiRoute> {
    vec![
        ApiRoute::new(
            "/api/v1/superuser/{build_uuid}/logs",
            "superuser",
            "endpoints.api.superuser.SuperUserRepositoryBuildLogs",
        )
        .param("build_uuid", UUID_HELP)
        .op(
            endpoint(Method::GET, "getRepoBuildLogsSuperUser", build_logs)
                .any_superuser()
                .describe("Return the build logs for the build specified by the build uuid."),
        ),
        ApiRoute::new(
            "/api/v1/superuser/{build_uuid}/status",
            "superuser",
            "endpoints.api.superuser.SuperUserRepositoryBuildStatus",
        )
        .param("build_uuid", UUID_HELP)
        .param("repository", REPOSITORY_HELP)
        .op(
            endpoint(Method::GET, "getRepoBuildStatusSuperUser", build_status)
                .any_superuser()
                .describe("Return the status for the builds specified by the build uuids."),
        ),
        ApiRoute::new(
            "/api/v1/superuser/{build_uuid}/build",
            "superuser",
            "endpoints.api.superuser.SuperUserRepositoryBuildResource",
        )
        .param("build_uuid", UUID_HELP)
        .param("repository", REPOSITORY_HELP)
        .op(endpoint(Method::GET, "getRepoBuildSuperUser", get_build)
            .any_superuser()
            .describe("Returns information about a build.")),
    ]
}

/// Quay's `InvalidResponse` of an unknown build (400 `invalid_response`).
fn unknown_build(uuid: &str) -> ApiError {
    ApiError::ApiException(ApiExceptionBody {
        status: StatusCode::BAD_REQUEST,
        error_type: "invalid_response",
        detail: format!("Unable to locate a build by id: {uuid}"),
        adds_session_required: false,
    })
}

async fn find_build(state: &AppState, uuid: &str) -> Result<Option<BuildRecord>, ApiError> {
    let uuid = uuid.to_string();
    state.db(move |s| Ok(s.build_by_uuid(&uuid)?)).await
}

/// The caller's `ReadRepositoryPermission`, `ModifyRepositoryPermission` and
/// `AdministerRepositoryPermission` on the build's repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RepoAccess {
    read: bool,
    write: bool,
    admin: bool,
}

/// Quay's `QuayDeferredPermissionUser`: a full-access superuser may do anything; otherwise the
/// repository role comes from owning the namespace or an admin team of the organization
/// (repository-level permissions are not stored by the emulator), capped by the token's repo
/// scopes (a session may do everything).
async fn repo_access(
    state: &AppState,
    auth: &RequestAuth,
    build: &BuildRecord,
) -> Result<RepoAccess, ApiError> {
    let config = state.config();
    if config.feature_superusers_full_access && auth.is_super_user(config) {
        return Ok(RepoAccess {
            read: true,
            write: true,
            admin: true,
        });
    }
    let Some(user) = auth.user().cloned() else {
        return Ok(RepoAccess {
            read: false,
            write: false,
            admin: false,
        });
    };
    let namespace_id = build.namespace_id;
    let owner = user.id == namespace_id
        || state
            .db(move |s| Ok(s.is_org_admin(user.id, namespace_id)?))
            .await?;
    // 0 none, 1 read, 2 write, 3 admin.
    let scopes = auth.scopes();
    let cap = [
        (Scopes::REPO_ADMIN, 3),
        (Scopes::REPO_WRITE, 2),
        (Scopes::REPO_READ, 1),
    ]
    .into_iter()
    .find(|(scope, _)| scopes.contains(*scope))
    .map_or(0, |(_, role)| role);
    let role = if owner { cap } else { 0 };
    Ok(RepoAccess {
        read: role >= 1,
        write: role >= 2,
        admin: role >= 3,
    })
}

/// Python's `slash_join(endpoint, path)`.
fn slash_join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| {
            let p = p.strip_prefix('/').unwrap_or(p);
            p.strip_suffix('/').unwrap_or(p)
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The trigger service's endpoint setting (`GITHUB_TRIGGER_CONFIG.GITHUB_ENDPOINT`, …).
fn endpoint_setting(config: &Config, section: &str, key: &str, default: &str) -> String {
    config
        .raw(section)
        .and_then(|c| c.get(key))
        .and_then(Value::as_str)
        .unwrap_or(default)
        .to_string()
}

/// Quay's `BuildTrigger.to_dict` for a build (`for_build=True`: no pull robot).
fn trigger_view(trigger: &BuildTriggerRecord, access: RepoAccess, config: &Config) -> Value {
    let stored: Value = serde_json::from_str(&trigger.config).unwrap_or(Value::Null);
    let trigger_config = match stored {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let has = |key: &str| trigger_config.contains_key(key);
    let is_active = match trigger.service.as_str() {
        "github" | "gitlab" => has("hook_id"),
        "bitbucket" => has("webhook_id"),
        "custom-git" => has("credentials"),
        _ => false,
    };
    let build_source = trigger_config
        .get("build_source")
        .cloned()
        .unwrap_or(Value::Null);
    let source = build_source.as_str().filter(|s| !s.is_empty());
    let repository_url = match (trigger.service.as_str(), source) {
        ("github", Some(s)) => Some(slash_join(&[
            &endpoint_setting(
                config,
                "GITHUB_TRIGGER_CONFIG",
                "GITHUB_ENDPOINT",
                "https://github.com",
            ),
            s,
        ])),
        ("gitlab", Some(s)) => Some(slash_join(&[
            &endpoint_setting(
                config,
                "GITLAB_TRIGGER_CONFIG",
                "GITLAB_ENDPOINT",
                "https://gitlab.com",
            ),
            s,
        ])),
        ("bitbucket", Some(s)) => match s.split('/').collect::<Vec<_>>().as_slice() {
            [namespace, name] => Some(format!("https://bitbucket.org/{namespace}/{name}")),
            _ => None,
        },
        _ => None,
    };
    let can_read = access.read || access.admin;
    json!({
        "id": trigger.uuid,
        "service": trigger.service,
        "is_active": is_active,
        "build_source": if can_read { build_source } else { Value::Null },
        "repository_url": if can_read { json!(repository_url) } else { Value::Null },
        "config": if access.admin { Value::Object(trigger_config) } else { json!({}) },
        "can_invoke": access.admin,
    })
}

/// Quay's `_get_build_status`: the phase as shown, the live status and the read error.
fn build_phase(
    build: &BuildRecord,
    superuser: bool,
    now_s: f64,
) -> (String, Value, Option<String>) {
    let mut phase = build.phase.clone();
    let mut status = Value::Null;
    let mut error = None;
    let terminal = matches!(
        phase.as_str(),
        "complete" | "error" | "internalerror" | "cancelled"
    );
    if !terminal {
        match &build.status_error {
            Some(reason) => {
                phase = "cannot_load".into();
                error = Some(if superuser {
                    reason.clone()
                } else {
                    "Redis may be down. Please contact support.".into()
                });
            }
            None => {
                status = build
                    .status
                    .as_deref()
                    .and_then(|s| serde_json::from_str(s).ok())
                    .unwrap_or(Value::Null);
                // A heartbeat older than a minute: the builder is gone.
                let heartbeat = status
                    .get("heartbeat")
                    .filter(|h| truthy(h))
                    .and_then(Value::as_f64);
                if heartbeat.is_some_and(|h| now_s - h > 60.0) {
                    phase = "internalerror".into();
                }
            }
        }
    }
    if phase == "internalerror" {
        let retry = build.queue_id.as_deref().is_some_and(|q| !q.is_empty())
            && build.queue_retries.is_some_and(|r| r > 0);
        if !retry {
            phase = "expired".into();
        }
    }
    (phase, status, error)
}

/// Quay's `RepositoryBuild.to_dict` (superuser models).
fn build_view(
    build: &BuildRecord,
    access: RepoAccess,
    auth: &RequestAuth,
    config: &Config,
    now_s: f64,
) -> Value {
    let (phase, status, error) = build_phase(build, auth.is_super_user(config), now_s);
    let job: Map<String, Value> = match serde_json::from_str(&build.job_config) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let job_get = |key: &str, default: Value| job.get(key).cloned().unwrap_or(default);
    let mut view = json!({
        "id": build.uuid,
        "phase": phase,
        "started": crate::dates::format_date(build.started),
        "display_name": build.display_name,
        "status": if truthy(&status) { status } else { json!({}) },
        "subdirectory": job_get("build_subdir", json!("")),
        "dockerfile_path": job_get("build_subdir", json!("")),
        "context": job_get("context", json!("")),
        "tags": job_get("docker_tags", json!([])),
        "manual_user": job_get("manual_user", Value::Null),
        "is_writer": access.write,
        "trigger": build.trigger.as_ref().map(|t| trigger_view(t, access, config)),
        "trigger_metadata": if access.read { job_get("trigger_metadata", Value::Null) } else { Value::Null },
        "resource_key": build.resource_key,
        "pull_robot": build.pull_robot.as_ref().map(|(name, robot)| {
            json!({"name": name, "kind": "user", "is_robot": robot})
        }),
        "repository": {"namespace": build.namespace, "name": build.repository},
        "error": error,
    });
    if access.write {
        // The uploaded context's user-file URL (local storage: served by Quay itself).
        let archive_url = match &build.resource_key {
            Some(key) => Some(json!(format!(
                "{}://{}/userfiles/{key}",
                config.preferred_url_scheme, config.server_hostname
            ))),
            None => job.get("archive_url").filter(|u| truthy(u)).cloned(),
        };
        if let Some(url) = archive_url {
            view["archive_url"] = url;
        }
    }
    view
}

async fn view_of(
    state: &AppState,
    auth: &RequestAuth,
    build: &BuildRecord,
) -> Result<Json<Value>, ApiError> {
    let access = repo_access(state, auth, build).await?;
    Ok(Json(build_view(
        build,
        access,
        auth,
        state.config(),
        state.clock().unix_f64(),
    )))
}

/// `GET /api/v1/superuser/{build_uuid}/status` (`getRepoBuildStatusSuperUser`).
pub async fn build_status(
    State(state): State<AppState>,
    Path(build_uuid): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let build = find_build(&state, &build_uuid)
        .await?
        .ok_or_else(|| unknown_build(&build_uuid))?;
    view_of(&state, &auth, &build).await
}

/// `GET /api/v1/superuser/{build_uuid}/build` (`getRepoBuildSuperUser`): 404 when unknown.
pub async fn get_build(
    State(state): State<AppState>,
    Path(build_uuid): Path<String>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let build = find_build(&state, &build_uuid)
        .await?
        .ok_or_else(ApiError::not_found)?;
    view_of(&state, &auth, &build).await
}

/// `GET /api/v1/superuser/{build_uuid}/logs` (`getRepoBuildLogsSuperUser`, Quay's
/// `get_logs_or_log_url`): an archived build's log URL, or the entries from `start` on.
pub async fn build_logs(
    State(state): State<AppState>,
    Path(build_uuid): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let build = find_build(&state, &build_uuid)
        .await?
        .ok_or_else(|| unknown_build(&build_uuid))?;
    let config = state.config();
    if build.logs_archived {
        let url = format!(
            "{}://{}/logarchive/{}",
            config.preferred_url_scheme, config.server_hostname, build.uuid
        );
        return Ok(Json(json!({ "logs_url": url })).into_response());
    }
    let pairs = parse_qsl(query.as_deref().unwrap_or(""));
    let text = match first_arg(&pairs, "start") {
        None => "0".to_string(),
        // Quay's `int()` raises: a 500 there, a 400 here (DEVIATIONS.md).
        Some(v) => int_text(v).ok_or_else(|| ApiError::invalid_request("Invalid start index"))?,
    };
    let Ok(index) = text.parse::<i64>() else {
        // Beyond Redis' 64-bit indexes: its error makes the log unreadable, as Quay reports it.
        return Ok(json_response(
            StatusCode::OK,
            format!("{{\"start\": {text}, \"total\": 0, \"logs\": []}}"),
        ));
    };
    // An unreadable log store: `{"start": n, "total": 0, "logs": []}`.
    if build.status_error.is_some() {
        return Ok(Json(json!({"start": index, "total": 0, "logs": []})).into_response());
    }
    let id = build.id;
    let (total, entries) = state
        .db(move |s| Ok(s.build_log_entries(id, index)?))
        .await?;
    let logs: Vec<Value> = entries
        .iter()
        .map(|e| serde_json::from_str(e).unwrap_or(Value::Null))
        .collect();
    Ok(Json(json!({"start": index, "total": total, "logs": logs})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_join_like_quay() {
        assert_eq!(
            slash_join(&["https://github.com/", "/org/repo"]),
            "https://github.com/org/repo"
        );
        assert_eq!(
            slash_join(&["https://gitlab.com", "a/b"]),
            "https://gitlab.com/a/b"
        );
    }
}
