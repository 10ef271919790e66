//! `/api/v1/superuser/{build_uuid}/…`: one build's status and its log.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::client::decode;
use super::{ApiClient, ApiError};
use crate::browser::yield_to_browser;
use crate::format::percent_encode;

/// Log entries decoded per browser task: a log of tens of thousands of entries is decoded in
/// steps of a few milliseconds each, the page rendering and taking input in between.
const ENTRIES_PER_TASK: usize = 2000;

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

/// What a log read says besides the entries (which go to the caller in steps, see
/// [`build_logs`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LogPage {
    pub start: u64,
    pub total: u64,
    /// Set instead of the entries when the log was archived.
    pub logs_url: Option<String>,
}

/// A [`LogPage`] whose entries are still JSON text: finding where each one is costs a fraction
/// of decoding it.
#[derive(Deserialize)]
struct RawLogPage<'a> {
    #[serde(default)]
    start: u64,
    #[serde(default)]
    total: u64,
    #[serde(default, borrow)]
    logs: Vec<&'a RawValue>,
    #[serde(default)]
    logs_url: Option<String>,
}

impl RawLogPage<'_> {
    fn page(&self) -> LogPage {
        LogPage {
            start: self.start,
            total: self.total,
            logs_url: self.logs_url.clone(),
        }
    }
}

fn decode_entries(raw: &[&RawValue]) -> Result<Vec<LogEntry>, ApiError> {
    raw.iter().map(|entry| decode(entry.get())).collect()
}

fn build_path(uuid: &str, what: &str) -> String {
    format!("/api/v1/superuser/{}/{what}", percent_encode(uuid))
}

pub async fn build_status(client: &ApiClient, uuid: &str) -> Result<Build, ApiError> {
    client.get(&build_path(uuid, "status")).await
}

/// The log entries from index `start` on. Quay sends all of them at once; they go to `take`
/// [`ENTRIES_PER_TASK`] at a time, each batch in a browser task of its own, with the index of
/// its first entry. `take` returns whether to go on (`false`: the page went away).
pub async fn build_logs(
    client: &ApiClient,
    uuid: &str,
    start: u64,
    mut take: impl FnMut(u64, Vec<LogEntry>) -> bool,
) -> Result<LogPage, ApiError> {
    let text = client
        .get_text(&format!("{}?start={start}", build_path(uuid, "logs")))
        .await?;
    let raw: RawLogPage = decode(&text)?;
    let mut first = raw.start;
    for (i, batch) in raw.logs.chunks(ENTRIES_PER_TASK).enumerate() {
        if i > 0 {
            yield_to_browser().await;
        }
        if !take(first, decode_entries(batch)?) {
            break;
        }
        first += batch.len() as u64;
    }
    Ok(raw.page())
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
        let raw: RawLogPage = decode(
            r#"{"start": 0, "total": 3, "logs": [{"message": "build-scheduled", "type": "phase", "data": {}},
          {"message": "Step 1/2 : FROM alpine", "type": "command", "data": {}}, {"message": "out \"x\""}]}"#,
        )
        .unwrap();
        let logs = decode_entries(&raw.logs).unwrap();
        assert_eq!(logs.len(), 3);
        assert_eq!(logs[2].kind, None);
        assert_eq!(logs[2].message, "out \"x\"");
        assert_eq!(logs[0].kind.as_deref(), Some("phase"));
        assert_eq!(raw.page().total, 3);
        let archived: RawLogPage =
            decode(r#"{"logs_url": "https://quay.example/logarchive/x"}"#).unwrap();
        assert!(archived.logs.is_empty());
        assert_eq!(
            archived.page().logs_url.as_deref(),
            Some("https://quay.example/logarchive/x")
        );
        assert!(decode_entries(
            &decode::<RawLogPage>(r#"{"logs": [{"type": "phase"}]}"#)
                .unwrap()
                .logs
        )
        .is_err());
        assert_eq!(build_path("a/b", "logs"), "/api/v1/superuser/a%2Fb/logs");
    }
}
