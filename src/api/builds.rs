//! `/api/v1/superuser/{build_uuid}/…`: one build's status and its log.

use serde::Deserialize;
use serde_json::Value;

use super::{ApiClient, ApiError};
use crate::format::percent_encode;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BuildRepository {
    pub namespace: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BuildTrigger {
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub build_source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Build {
    pub id: String,
    pub phase: String,
    /// `Sun, 22 Nov 2026 23:10:00 -0000`.
    pub started: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub manual_user: Option<String>,
    #[serde(default)]
    pub trigger: Option<BuildTrigger>,
    pub repository: BuildRepository,
    #[serde(default)]
    pub error: Option<String>,
    /// The builder's live status while the build runs.
    #[serde(default)]
    pub status: Value,
}

impl Build {
    /// Whether the build may still change (and its log grow).
    pub fn running(&self) -> bool {
        matches!(
            self.phase.as_str(),
            "waiting" | "build-scheduled" | "unpacking" | "pulling" | "building" | "pushing"
        )
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LogEntry {
    pub message: String,
    /// `phase`, `command`, `error`, or absent for plain output.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LogPage {
    #[serde(default)]
    pub start: u64,
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub logs: Vec<LogEntry>,
    /// Set instead of the entries when the log was archived.
    #[serde(default)]
    pub logs_url: Option<String>,
}

fn build_path(uuid: &str, what: &str) -> String {
    format!("/api/v1/superuser/{}/{what}", percent_encode(uuid))
}

pub async fn build_status(client: &ApiClient, uuid: &str) -> Result<Build, ApiError> {
    client.get(&build_path(uuid, "status")).await
}

/// The log entries from index `start` on.
pub async fn build_logs(client: &ApiClient, uuid: &str, start: u64) -> Result<LogPage, ApiError> {
    client
        .get(&format!("{}?start={start}", build_path(uuid, "logs")))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quay_shapes() {
        let b: Build = serde_json::from_str(
            r#"{"id": "6906bb13-12df-4d5c-8201-e4851b722818", "phase": "building",
 "started": "Sun, 22 Nov 2026 23:10:00 -0000", "display_name": "a1b2c3d",
 "status": {"heartbeat": 1}, "subdirectory": "/", "dockerfile_path": "/", "context": "/",
 "tags": ["latest"], "manual_user": "admin", "is_writer": false,
 "trigger": null, "trigger_metadata": null, "resource_key": null, "pull_robot": null,
 "repository": {"namespace": "testorg", "name": "repo"}, "error": null}"#,
        )
        .unwrap();
        assert!(b.running());
        assert_eq!(b.repository.name, "repo");
        let page: LogPage = serde_json::from_str(
            r#"{"start": 0, "total": 3, "logs": [{"message": "build-scheduled", "type": "phase", "data": {}},
          {"message": "Step 1/2 : FROM alpine", "type": "command", "data": {}}, {"message": "out"}]}"#,
        )
        .unwrap();
        assert_eq!(page.logs[2].kind, None);
        assert_eq!(page.logs[0].kind.as_deref(), Some("phase"));
        assert_eq!(build_path("a/b", "logs"), "/api/v1/superuser/a%2Fb/logs");
    }
}
