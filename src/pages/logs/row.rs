//! One usage log entry as the page lists it: its time read once, what the search box, the kind,
//! performer and namespace filters and the column sort see, and its CSV line.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::api::logs::LogEntry;
use crate::dates::{iso_utc, parse_quay_date};
use crate::list::query::{ListQuery, PageParams};
use crate::list::window::{contains_folded, Row};

pub const COLUMNS: &[&str] = &["time", "kind", "performer", "namespace", "ip"];

/// The page's own URL parameters: the range picks which entries Quay sends and the zone how
/// times read; performer and namespace narrow the entries (the kind uses the shared `?kind=`).
pub const PARAMS: PageParams = PageParams {
    scope: &["range", "from", "to", "tz"],
    facets: &["performer", "namespace"],
};

/// Cheap to clone (shared parts): a 30-day range holds tens of thousands of rows, and the list
/// of rows in view is rebuilt as pages arrive.
#[derive(Clone, Debug, PartialEq)]
pub struct LogRow {
    pub entry: Arc<LogEntry>,
    /// Unix ms of `datetime` (0 if Quay sent something unreadable).
    pub ms: i64,
    /// The day and the position in that day's walk: entries have no id of their own.
    id: Arc<str>,
    /// Lower-cased text the search box looks in.
    haystack: Arc<str>,
}

impl LogRow {
    pub fn new(entry: LogEntry, id: String) -> Self {
        let haystack = [
            entry.kind.as_str(),
            entry.performer.as_ref().map_or("", |p| p.name.as_str()),
            entry.namespace.as_ref().map_or("", |n| n.name.as_str()),
            entry.ip.as_deref().unwrap_or(""),
            &serde_json::Value::Object(entry.metadata.clone()).to_string(),
        ]
        .join("\n")
        .to_lowercase();
        Self {
            ms: parse_quay_date(&entry.datetime).unwrap_or(0),
            id: id.into(),
            haystack: haystack.into(),
            entry: Arc::new(entry),
        }
    }

    pub fn performer(&self) -> &str {
        self.entry
            .performer
            .as_ref()
            .map_or("", |p| p.name.as_str())
    }

    pub fn namespace(&self) -> &str {
        self.entry
            .namespace
            .as_ref()
            .map_or("", |n| n.name.as_str())
    }
}

impl Row for LogRow {
    fn key(&self) -> &str {
        &self.id
    }

    fn matches(&self, needle: &str) -> bool {
        self.haystack.contains(needle)
    }

    fn compare(&self, other: &Self, column: &str) -> Ordering {
        match column {
            "time" => self.ms.cmp(&other.ms),
            "kind" => self.entry.kind.cmp(&other.entry.kind),
            "performer" => self.performer().cmp(other.performer()),
            "namespace" => self.namespace().cmp(other.namespace()),
            "ip" => self.entry.ip.cmp(&other.entry.ip),
            _ => Ordering::Equal,
        }
    }

    fn in_facets(&self, query: &ListQuery) -> bool {
        let folded = |name: &str| query.param(name).map(|v| v.trim().to_lowercase());
        query.kind.as_deref().is_none_or(|k| k == self.entry.kind)
            && folded("performer").is_none_or(|p| contains_folded(self.performer(), &p))
            && folded("namespace").is_none_or(|n| contains_folded(self.namespace(), &n))
    }
}

pub const CSV_HEADER: &[&str] = &[
    "datetime",
    "kind",
    "performer",
    "namespace",
    "ip",
    "metadata",
];

/// The entry's CSV cells: the time in ISO 8601 (UTC), the metadata as JSON.
pub fn csv_cells(row: &LogRow) -> Vec<String> {
    vec![
        iso_utc(row.ms),
        row.entry.kind.clone(),
        row.performer().to_string(),
        row.namespace().to_string(),
        row.entry.ip.clone().unwrap_or_default(),
        serde_json::Value::Object(row.entry.metadata.clone()).to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn row(kind: &str, performer: &str, namespace: &str) -> LogRow {
        let entry: LogEntry = serde_json::from_value(serde_json::json!({
            "kind": kind, "metadata": {"tag": "V1"}, "ip": "10.0.0.1",
            "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
            "performer": {"name": performer}, "namespace": {"name": namespace, "kind": "org"},
        }))
        .unwrap();
        LogRow::new(entry, "7".into())
    }

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListQuery::parse(|k| map.get(k).cloned(), COLUMNS, None)
            .with_params(|k| map.get(k).cloned(), PARAMS)
    }

    #[test]
    fn filters() {
        let r = row("push_repo", "Alice", "acme");
        assert_eq!(r.key(), "7");
        assert!(r.matches("v1"), "metadata is searched, case-folded");
        assert!(r.matches("10.0.0"));
        assert!(r.in_facets(&query(&[("kind", "push_repo"), ("performer", "ali")])));
        assert!(!r.in_facets(&query(&[("kind", "pull_repo")])));
        assert!(!r.in_facets(&query(&[("namespace", "other")])));
        assert!(query(&[("performer", "x")]).is_filtered());
        assert!(!query(&[("range", "30d")]).is_filtered());
    }

    #[test]
    fn csv_line() {
        let r = row("push_repo", "alice", "acme");
        assert_eq!(
            csv_cells(&r),
            vec![
                "2026-11-22T23:08:35Z",
                "push_repo",
                "alice",
                "acme",
                "10.0.0.1",
                "{\"tag\":\"V1\"}"
            ]
        );
    }
}
