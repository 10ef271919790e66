//! Quay's `log_action`: one usage-log entry per audited action (§8.3, §8.4).

use serde_json::{json, Value};

use crate::auth::RequestAuth;
use crate::storage::{NewLogEntry, Storage, StorageError};

/// Microseconds since the Unix epoch.
pub fn now_us() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Writes `kind` for the namespace `account_id`. The performer is the caller; a caller using an
/// OAuth token adds `oauth_token_id`, `oauth_token_application_id` and `oauth_token_application`
/// to the metadata. Blocking: run it inside `AppState::db`.
pub fn log_action(
    storage: &Storage,
    kind: &str,
    account_id: Option<i64>,
    auth: &RequestAuth,
    metadata: Value,
) -> Result<i64, StorageError> {
    let mut metadata = match metadata {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    if let Some(token) = auth.token() {
        metadata.insert("oauth_token_id".into(), json!(token.id));
        metadata.insert("oauth_token_application_id".into(), json!(token.client_id));
        metadata.insert(
            "oauth_token_application".into(),
            json!(token.application_name),
        );
    }
    storage.write_log(&NewLogEntry {
        kind,
        account_id,
        performer_id: auth.user().map(|u| u.id),
        ip: auth.ip.clone(),
        metadata: Value::Object(metadata),
        datetime_us: now_us(),
    })
}
