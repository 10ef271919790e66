//! Usage log entries (Quay's `LogEntry3`) and their kinds (Appendix C).

use rusqlite::params;

use super::{Storage, StorageError};

pub struct NewLogEntry<'a> {
    /// A kind name of Appendix C.
    pub kind: &'a str,
    pub account_id: Option<i64>,
    pub performer_id: Option<i64>,
    pub ip: Option<String>,
    pub metadata: serde_json::Value,
    /// Microseconds since the Unix epoch.
    pub datetime_us: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogEntryRecord {
    pub id: i64,
    pub kind_id: i64,
    pub kind: String,
    pub account_id: Option<i64>,
    pub account_name: Option<String>,
    pub performer_id: Option<i64>,
    pub performer_name: Option<String>,
    pub ip: Option<String>,
    pub metadata: serde_json::Value,
    pub datetime_us: i64,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown log entry kind {0}")]
struct UnknownKind(String);

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
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT e.id, e.kind_id, k.name, e.account_id, a.username, e.performer_id, \
             p.username, e.ip, e.metadata, e.datetime_us FROM log_entries e \
             JOIN log_entry_kinds k ON k.id = e.kind_id \
             LEFT JOIN users a ON a.id = e.account_id \
             LEFT JOIN users p ON p.id = e.performer_id \
             WHERE e.datetime_us >= ?1 AND e.datetime_us < ?2 \
             ORDER BY e.datetime_us DESC, e.id DESC LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![start_us, end_us, limit], |r| {
            let metadata: String = r.get(8)?;
            Ok(LogEntryRecord {
                id: r.get(0)?,
                kind_id: r.get(1)?,
                kind: r.get(2)?,
                account_id: r.get(3)?,
                account_name: r.get(4)?,
                performer_id: r.get(5)?,
                performer_name: r.get(6)?,
                ip: r.get(7)?,
                metadata: serde_json::from_str(&metadata).unwrap_or(serde_json::Value::Null),
                datetime_us: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The kind names in id order (Appendix C).
    pub fn log_kinds(&self) -> Result<Vec<(i64, String)>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT id, name FROM log_entry_kinds ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
