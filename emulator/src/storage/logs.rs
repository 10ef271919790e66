//! Usage log entries (Quay's `LogEntry3`) and their kinds (Quay's `LogEntryKind` rows, created in
//! `initdb.py`'s order: `migrations/0002_logs_sessions_oauth.sql`).

use rusqlite::{params, Row};

use super::{Storage, StorageError};

pub struct NewLogEntry<'a> {
    /// A kind name of the `log_entry_kinds` table.
    pub kind: &'a str,
    pub account_id: Option<i64>,
    pub performer_id: Option<i64>,
    pub ip: Option<String>,
    pub metadata: serde_json::Value,
    /// Microseconds since the Unix epoch.
    pub datetime_us: i64,
}

/// A stored entry with its account and performer as they are now (a deleted namespace shows its
/// current, UUID name).
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntryRecord {
    pub id: i64,
    pub kind_id: i64,
    pub kind: String,
    /// As stored: `None` is Quay's service log account, shown as the first user (`account_*`).
    pub account_id: Option<i64>,
    /// `None` when the account row is gone.
    pub account_name: Option<String>,
    pub account_email: Option<String>,
    pub account_organization: bool,
    pub account_robot: bool,
    pub performer_id: Option<i64>,
    pub performer_name: Option<String>,
    pub performer_email: Option<String>,
    pub performer_robot: bool,
    pub ip: Option<String>,
    pub metadata: serde_json::Value,
    pub datetime_us: i64,
}

/// Entries counted per UTC day and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogKindCount {
    /// Days since 1970-01-01 (UTC).
    pub day: i64,
    pub kind_id: i64,
    pub kind: String,
    pub count: i64,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown log entry kind {0}")]
struct UnknownKind(String);

/// The columns of [`entry_from_row`]. A NULL account is Quay's service log account: the lowest
/// user id (`get_minimum_user_id`).
const ENTRY_SELECT: &str = "SELECT e.id, e.kind_id, k.name, e.account_id, a.username, a.email, \
     a.organization, a.robot, e.performer_id, p.username, p.email, p.robot, e.ip, e.metadata, \
     e.datetime_us FROM log_entries e \
     JOIN log_entry_kinds k ON k.id = e.kind_id \
     LEFT JOIN users a ON a.id = COALESCE(e.account_id, (SELECT MIN(id) FROM users)) \
     LEFT JOIN users p ON p.id = e.performer_id";

/// Counts per UTC day (floor division, also before 1970) and kind.
const COUNTS_SELECT: &str = "SELECT c.day, c.kind_id, k.name, c.n FROM \
     (SELECT (datetime_us - ((datetime_us % 86400000000) + 86400000000) % 86400000000) \
       / 86400000000 AS day, kind_id, COUNT(*) AS n FROM log_entries \
      WHERE datetime_us >= ?1 AND datetime_us < ?2 GROUP BY day, kind_id) c \
     JOIN log_entry_kinds k ON k.id = c.kind_id ORDER BY c.day, c.kind_id";

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<LogEntryRecord> {
    let metadata: String = r.get(13)?;
    Ok(LogEntryRecord {
        id: r.get(0)?,
        kind_id: r.get(1)?,
        kind: r.get(2)?,
        account_id: r.get(3)?,
        account_name: r.get(4)?,
        account_email: r.get(5)?,
        account_organization: r.get::<_, Option<bool>>(6)?.unwrap_or(false),
        account_robot: r.get::<_, Option<bool>>(7)?.unwrap_or(false),
        performer_id: r.get(8)?,
        performer_name: r.get(9)?,
        performer_email: r.get(10)?,
        performer_robot: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
        ip: r.get(12)?,
        // Quay's `json.loads(metadata_json or "{}")`.
        metadata: serde_json::from_str(&metadata)
            .unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new())),
        datetime_us: r.get(14)?,
    })
}

impl Storage {
    /// Writes one entry. An unknown kind is a programming error and fails the request.
    pub fn write_log(&self, entry: &NewLogEntry<'_>) -> Result<i64, StorageError> {
        let conn = self.conn();
        let changed = conn.execute(
            "INSERT INTO log_entries (kind_id, account_id, performer_id, ip, metadata, \
             datetime_us) SELECT k.id, ?2, ?3, ?4, ?5, ?6 FROM log_entry_kinds k \
             WHERE k.name = ?1",
            params![
                entry.kind,
                entry.account_id,
                entry.performer_id,
                entry.ip,
                entry.metadata.to_string(),
                entry.datetime_us
            ],
        )?;
        if changed == 0 {
            return Err(StorageError::Sqlite(
                rusqlite::Error::ToSqlConversionFailure(Box::new(UnknownKind(
                    entry.kind.to_string(),
                ))),
            ));
        }
        Ok(conn.last_insert_rowid())
    }

    /// Entries with `start_us <= datetime < end_us`, newest first (equal times: latest written
    /// first), at most `limit`.
    pub fn log_entries(
        &self,
        start_us: i64,
        end_us: i64,
        limit: usize,
    ) -> Result<Vec<LogEntryRecord>, StorageError> {
        self.log_page(start_us, end_us, None, limit)
    }

    /// One page of [`Storage::log_entries`] starting at the entry `from = (datetime_us, id)`
    /// (inclusive) when given: a keyset walk down the `(datetime_us, id)` index, so every page
    /// costs the same whatever its depth.
    pub fn log_page(
        &self,
        start_us: i64,
        end_us: i64,
        from: Option<(i64, i64)>,
        limit: usize,
    ) -> Result<Vec<LogEntryRecord>, StorageError> {
        let conn = self.reader()?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        // Without a start entry the bound is the window's end (exclusive): the same query with
        // an id above any rowid.
        let (from_us, from_id) = from.unwrap_or((end_us - 1, i64::MAX));
        let sql = format!(
            "{ENTRY_SELECT} WHERE e.datetime_us >= ?1 AND e.datetime_us < ?2 \
             AND e.datetime_us <= ?3 AND (e.datetime_us < ?3 OR e.id <= ?4) \
             ORDER BY e.datetime_us DESC, e.id DESC LIMIT ?5"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![start_us, end_us, from_us, from_id, limit],
            entry_from_row,
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Entries with `start_us <= datetime < end_us` counted per UTC day and kind, by day then
    /// kind id (an index-only scan of `log_entries_datetime_kind`).
    pub fn log_counts_by_day(
        &self,
        start_us: i64,
        end_us: i64,
    ) -> Result<Vec<LogKindCount>, StorageError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(COUNTS_SELECT)?;
        let rows = stmt.query_map(params![start_us, end_us], |r| {
            Ok(LogKindCount {
                day: r.get(0)?,
                kind_id: r.get(1)?,
                kind: r.get(2)?,
                count: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The kind names in id order (Quay's `initdb.py` order).
    pub fn log_kinds(&self) -> Result<Vec<(i64, String)>, StorageError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare("SELECT id, name FROM log_entry_kinds ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_counts_use_the_datetime_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::open(&dir.path().join("r.db")).unwrap();
        let conn = storage.conn();
        let plan = |sql: &str| -> String {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.collect::<Result<Vec<_>, _>>().unwrap().join("\n")
        };
        let page = plan(&format!(
            "{ENTRY_SELECT} WHERE e.datetime_us >= 1 AND e.datetime_us < 9 AND e.datetime_us <= 8 \
             AND (e.datetime_us < 8 OR e.id <= 5) ORDER BY e.datetime_us DESC, e.id DESC LIMIT 21"
        ));
        assert!(page.contains("USING INDEX log_entries_datetime"), "{page}");
        assert!(!page.contains("TEMP B-TREE"), "{page}");
        let counts = plan(&COUNTS_SELECT.replace("?1", "1").replace("?2", "9"));
        assert!(
            counts.contains("USING COVERING INDEX log_entries_datetime_kind"),
            "{counts}"
        );
    }
}
