//! `/api/v1/superuser/logs` and `/aggregatelogs`: the registry-wide usage log, a page of 20
//! entries at a time (newest first), and counts per kind per day.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{ApiClient, ApiError};
use crate::format::percent_encode;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LogAccount {
    pub name: String,
    /// `user` or `org` for a namespace; `user` for a performer.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub is_robot: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LogEntry {
    pub kind: String,
    #[serde(default)]
    pub metadata: Map<String, Value>,
    #[serde(default)]
    pub ip: Option<String>,
    /// `Sun, 22 Nov 2026 23:08:35 -0000`.
    pub datetime: String,
    /// Absent when nobody performed it (e.g. the key server).
    #[serde(default)]
    pub performer: Option<LogAccount>,
    /// Absent when the account is gone.
    #[serde(default)]
    pub namespace: Option<LogAccount>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LogsPage {
    #[serde(default)]
    pub logs: Vec<LogEntry>,
    /// On every non-empty page, the last one included (Quay then looks in older tables).
    #[serde(default)]
    pub next_page: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AggregateCount {
    pub kind: String,
    pub count: u64,
    /// The day, at 00:00 `-0000`.
    pub datetime: String,
}

#[derive(Deserialize)]
struct Aggregated {
    #[serde(default)]
    aggregated: Vec<AggregateCount>,
}

fn window(starttime: &str, endtime: &str) -> String {
    format!(
        "starttime={}&endtime={}",
        percent_encode(starttime),
        percent_encode(endtime)
    )
}

/// One page of entries between two `mm/dd/yyyy` days (both included); `next` continues.
pub async fn list_logs(
    client: &ApiClient,
    starttime: &str,
    endtime: &str,
    next: Option<&str>,
) -> Result<LogsPage, ApiError> {
    let mut path = format!("/api/v1/superuser/logs?{}", window(starttime, endtime));
    if let Some(token) = next {
        path.push_str("&next_page=");
        path.push_str(&percent_encode(token));
    }
    client.get(&path).await
}

/// Counts per kind per day between two `mm/dd/yyyy` days of one month (see
/// `pages::logs::range::month_pieces` for why).
pub async fn aggregate_logs(
    client: &ApiClient,
    starttime: &str,
    endtime: &str,
) -> Result<Vec<AggregateCount>, ApiError> {
    let path = format!(
        "/api/v1/superuser/aggregatelogs?{}",
        window(starttime, endtime)
    );
    client.get::<Aggregated>(&path).await.map(|a| a.aggregated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quay_shapes() {
        let page: LogsPage = serde_json::from_str(
            r#"{"start_time": "Sat, 21 Nov 2026 23:10:44 -0000", "end_time": "Mon, 23 Nov 2026 23:10:44 -0000",
 "logs": [
  {"kind": "user_delete", "metadata": {"username": "dave", "oauth_token_id": 1},
   "ip": "127.0.0.1", "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
   "performer": {"kind": "user", "name": "admin", "is_robot": false, "avatar": {"name": "admin"}},
   "namespace": {"kind": "user", "name": "668bc5f5", "avatar": {}}},
  {"kind": "service_key_create", "metadata": {"kid": "K", "expiration_date": null},
   "ip": null, "datetime": "Sun, 22 Nov 2026 23:10:25 -0000"}],
 "next_page": "gAAAAAB"}"#,
        )
        .unwrap();
        assert_eq!(page.logs.len(), 2);
        assert_eq!(page.logs[0].performer.as_ref().unwrap().name, "admin");
        assert_eq!(page.logs[1].performer, None);
        assert_eq!(page.logs[1].ip, None);
        assert_eq!(page.next_page.as_deref(), Some("gAAAAAB"));
        let agg: Aggregated = serde_json::from_str(
            r#"{"aggregated": [{"kind": "user_create", "count": 4, "datetime": "Sun, 22 Nov 2026 00:00:00 -0000"}]}"#,
        )
        .unwrap();
        assert_eq!(agg.aggregated[0].count, 4);
        assert_eq!(
            window("11/01/2026", "11/05/2026"),
            "starttime=11%2F01%2F2026&endtime=11%2F05%2F2026"
        );
    }
}
