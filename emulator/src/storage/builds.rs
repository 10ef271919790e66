//! Repository builds (Quay's `RepositoryBuild`, its trigger, pull robot and queue item) and their
//! logs (the list Quay's builders append to in Redis, `data/buildlogs.py`). The emulator runs no
//! builder: builds are written by the demo seed and, for tests, through the library functions at
//! the end of this file ([`create_build`], [`append_build_logs`], [`set_build_phase`],
//! [`set_build_status`]).

use std::path::Path;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde_json::{json, Value};

use super::{Storage, StorageError};

/// A build trigger as the build views read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildTriggerRecord {
    pub uuid: String,
    /// `github`, `gitlab`, `bitbucket` or `custom-git`.
    pub service: String,
    /// JSON text as stored.
    pub config: String,
}

/// A build with everything `/status`, `/build` and `/logs` show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildRecord {
    pub id: i64,
    pub uuid: String,
    pub namespace_id: i64,
    /// The namespace's current name.
    pub namespace: String,
    pub repository: String,
    pub resource_key: Option<String>,
    /// JSON text as stored.
    pub job_config: String,
    /// The stored phase.
    pub phase: String,
    /// Unix seconds.
    pub started: i64,
    pub display_name: String,
    pub trigger: Option<BuildTriggerRecord>,
    /// (username, is robot).
    pub pull_robot: Option<(String, bool)>,
    pub logs_archived: bool,
    pub queue_id: Option<String>,
    /// `retries_remaining` of the queue item `queue_id`, when there is such an item.
    pub queue_retries: Option<i64>,
    /// The live status (JSON text), if any.
    pub status: Option<String>,
    /// Why the live status cannot be read (the log store is down), if it cannot.
    pub status_error: Option<String>,
}

/// A trigger to create with a build ([`NewBuild::trigger`]).
#[derive(Debug, Clone, PartialEq)]
pub struct NewBuildTrigger {
    /// `github`, `gitlab`, `bitbucket` or `custom-git`.
    pub service: String,
    /// Quay's trigger config, e.g. `{"build_source": "org/repo", "hook_id": 1}` (GitHub and
    /// GitLab triggers are active with a `hook_id`, Bitbucket ones with a `webhook_id`, custom
    /// git ones with `credentials`).
    pub config: Value,
    /// The user who connected the trigger.
    pub connected_user: String,
}

/// A build to store with [`create_build`]. Start from [`NewBuild::new`] and change what the
/// test needs.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBuild {
    pub namespace: String,
    /// An existing repository of `namespace`.
    pub repository: String,
    /// `None`: a random UUID v4.
    pub uuid: Option<String>,
    /// The stored phase: `waiting`, `build-scheduled`, `unpacking`, `pulling`, `building`,
    /// `pushing`, `complete`, `error`, `internalerror` or `cancelled`.
    pub phase: String,
    pub display_name: String,
    /// Unix seconds; `None`: now.
    pub started: Option<i64>,
    /// Quay's job config (`docker_tags`, `build_subdir`, `context`, `trigger_metadata`,
    /// `is_manual`, `manual_user`, `archive_url`, …).
    pub job_config: Value,
    /// The uploaded build context (Quay's user file id).
    pub resource_key: Option<String>,
    pub trigger: Option<NewBuildTrigger>,
    /// A robot account (`namespace+name`).
    pub pull_robot: Option<String>,
    /// Old builds whose logs went to the archive (`/logs` then answers a `logs_url`).
    pub logs_archived: bool,
    /// A build queue item with this many retries left (an `internalerror` build without retries
    /// shows `expired`); `None`: no queue item.
    pub queue_retries: Option<i64>,
    /// The live status of a running build, e.g. `{"total_commands": 7, "current_command": 3,
    /// "heartbeat": <unix seconds>}` (a heartbeat older than a minute shows `internalerror`).
    pub status: Option<Value>,
    /// Set: reading the live status fails with this message (phase `cannot_load`, empty logs).
    pub status_error: Option<String>,
    /// Log entries, `{"message": …, "type"?: "phase"|"command"|"error", "data"?: {…}}`.
    pub logs: Vec<Value>,
}

impl NewBuild {
    /// A manual build of `latest` in phase `waiting`, started now, without logs.
    pub fn new(namespace: &str, repository: &str) -> NewBuild {
        NewBuild {
            namespace: namespace.to_string(),
            repository: repository.to_string(),
            uuid: None,
            phase: "waiting".into(),
            display_name: "build".into(),
            started: None,
            job_config: json!({
                "docker_tags": ["latest"],
                "registry": "localhost:8080",
                "build_subdir": "/Dockerfile",
                "context": "/",
                "trigger_metadata": {},
                "is_manual": true,
                "manual_user": null,
                "archive_url": null,
            }),
            resource_key: None,
            trigger: None,
            pull_robot: None,
            logs_archived: false,
            queue_retries: None,
            status: None,
            status_error: None,
            logs: Vec::new(),
        }
    }
}

const BUILD_SELECT: &str = "SELECT b.id, b.uuid, r.namespace_id, n.username, r.name, \
     b.resource_key, b.job_config, b.phase, b.started, b.display_name, t.uuid, t.service, \
     t.config, p.username, p.robot, b.logs_archived, b.queue_id, \
     (SELECT q.retries_remaining FROM queue_items q WHERE q.id = b.queue_id), b.status, \
     b.status_error FROM builds b \
     JOIN repositories r ON r.id = b.repository_id \
     JOIN users n ON n.id = r.namespace_id \
     LEFT JOIN build_triggers t ON t.id = b.trigger_id \
     LEFT JOIN users p ON p.id = b.pull_robot_id";

fn build_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BuildRecord> {
    let trigger = match (r.get::<_, Option<String>>(10)?, r.get(11)?, r.get(12)?) {
        (Some(uuid), Some(service), Some(config)) => Some(BuildTriggerRecord {
            uuid,
            service,
            config,
        }),
        _ => None,
    };
    let pull_robot = match r.get::<_, Option<String>>(13)? {
        Some(name) => Some((name, r.get::<_, Option<bool>>(14)?.unwrap_or(false))),
        None => None,
    };
    Ok(BuildRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        namespace_id: r.get(2)?,
        namespace: r.get(3)?,
        repository: r.get(4)?,
        resource_key: r.get(5)?,
        job_config: r.get(6)?,
        phase: r.get(7)?,
        started: r.get(8)?,
        display_name: r.get(9)?,
        trigger,
        pull_robot,
        logs_archived: r.get(15)?,
        queue_id: r.get(16)?,
        queue_retries: r.get(17)?,
        status: r.get(18)?,
        status_error: r.get(19)?,
    })
}

fn user_id(conn: &rusqlite::Connection, name: &str) -> Result<Option<i64>, StorageError> {
    Ok(conn
        .query_row("SELECT id FROM users WHERE username = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

fn append_lines(
    conn: &rusqlite::Connection,
    build_id: i64,
    entries: &[Value],
) -> Result<i64, StorageError> {
    let mut next: i64 = conn.query_row(
        "SELECT COUNT(*) FROM build_log_lines WHERE build_id = ?1",
        [build_id],
        |r| r.get(0),
    )?;
    let mut insert = conn
        .prepare_cached("INSERT INTO build_log_lines (build_id, idx, entry) VALUES (?1, ?2, ?3)")?;
    for entry in entries {
        insert.execute(params![build_id, next, entry.to_string()])?;
        next += 1;
    }
    Ok(next)
}

impl Storage {
    /// Quay's `get_repository_build`: the build with this UUID (compared as text), if any.
    pub fn build_by_uuid(&self, uuid: &str) -> Result<Option<BuildRecord>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!("{BUILD_SELECT} WHERE b.uuid = ?1"))?;
        Ok(stmt.query_row([uuid], build_from_row).optional()?)
    }

    /// Redis' `LLEN` and `LRANGE start -1` of the build's log: the number of entries and the
    /// entries (JSON text) from position `start` on (a negative `start` counts from the end).
    /// Entries are stored at their positions 0…n-1.
    pub fn build_log_entries(
        &self,
        build_id: i64,
        start: i64,
    ) -> Result<(i64, Vec<String>), StorageError> {
        let conn = self.conn();
        let total: i64 = conn.query_row(
            "SELECT COUNT(*) FROM build_log_lines WHERE build_id = ?1",
            [build_id],
            |r| r.get(0),
        )?;
        let from = if start < 0 {
            total.saturating_add(start).max(0)
        } else {
            start
        };
        let mut stmt = conn.prepare_cached(
            "SELECT entry FROM build_log_lines WHERE build_id = ?1 AND idx >= ?2 ORDER BY idx",
        )?;
        let rows = stmt.query_map(params![build_id, from], |r| r.get(0))?;
        Ok((total, rows.collect::<Result<Vec<_>, _>>()?))
    }

    /// Stores a build (with its trigger, queue item and log entries); returns its UUID.
    pub fn insert_build(&self, build: &NewBuild) -> Result<Result<String, String>, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let repo: Option<i64> = tx
            .query_row(
                "SELECT r.id FROM repositories r JOIN users n ON n.id = r.namespace_id \
                 WHERE n.username = ?1 AND r.name = ?2",
                params![build.namespace, build.repository],
                |r| r.get(0),
            )
            .optional()?;
        let Some(repo) = repo else {
            return Ok(Err(format!(
                "no repository {}/{}",
                build.namespace, build.repository
            )));
        };
        let pull_robot = match &build.pull_robot {
            Some(name) => match user_id(&tx, name)? {
                Some(id) => Some(id),
                None => return Ok(Err(format!("no robot {name}"))),
            },
            None => None,
        };
        let trigger = match &build.trigger {
            Some(t) => {
                let Some(connected) = user_id(&tx, &t.connected_user)? else {
                    return Ok(Err(format!("no user {}", t.connected_user)));
                };
                tx.execute(
                    "INSERT INTO build_triggers (uuid, service, repository_id, \
                     connected_user_id, config, pull_robot_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        uuid::Uuid::new_v4().to_string(),
                        t.service,
                        repo,
                        connected,
                        t.config.to_string(),
                        pull_robot
                    ],
                )?;
                Some(tx.last_insert_rowid())
            }
            None => None,
        };
        let uuid = build
            .uuid
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let started = build.started.unwrap_or_else(|| self.now());
        let queue_id = match build.queue_retries {
            Some(retries) => {
                tx.execute(
                    "INSERT INTO queue_items (queue_name, body, available_after, \
                     retries_remaining) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        format!("dockerfilebuild/{}/{}/", build.namespace, build.repository),
                        json!({"build_uuid": uuid, "pull_credentials": null}).to_string(),
                        started,
                        retries
                    ],
                )?;
                Some(tx.last_insert_rowid().to_string())
            }
            None => None,
        };
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO builds (uuid, repository_id, resource_key, job_config, phase, \
             started, display_name, trigger_id, pull_robot_id, logs_archived, queue_id, status, \
             status_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                uuid,
                repo,
                build.resource_key,
                build.job_config.to_string(),
                build.phase,
                started,
                build.display_name,
                trigger,
                pull_robot,
                build.logs_archived,
                queue_id,
                build.status.as_ref().map(Value::to_string),
                build.status_error
            ],
        )?;
        if inserted == 0 {
            return Ok(Err(format!("a build {uuid} already exists")));
        }
        append_lines(&tx, tx.last_insert_rowid(), &build.logs)?;
        tx.commit()?;
        Ok(Ok(uuid))
    }

    /// Appends entries to a build's log; the new number of entries (`None`: no such build).
    pub fn append_build_log(
        &self,
        uuid: &str,
        entries: &[Value],
    ) -> Result<Option<i64>, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id: Option<i64> = tx
            .query_row("SELECT id FROM builds WHERE uuid = ?1", [uuid], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(id) = id else { return Ok(None) };
        let total = append_lines(&tx, id, entries)?;
        tx.commit()?;
        Ok(Some(total))
    }

    /// Sets the stored phase; whether the build exists.
    pub fn update_build_phase(&self, uuid: &str, phase: &str) -> Result<bool, StorageError> {
        Ok(self.conn().execute(
            "UPDATE builds SET phase = ?2 WHERE uuid = ?1",
            params![uuid, phase],
        )? > 0)
    }

    /// Sets the live status and its read error; whether the build exists.
    pub fn update_build_status(
        &self,
        uuid: &str,
        status: Option<&Value>,
        error: Option<&str>,
    ) -> Result<bool, StorageError> {
        Ok(self.conn().execute(
            "UPDATE builds SET status = ?2, status_error = ?3 WHERE uuid = ?1",
            params![uuid, status.map(Value::to_string), error],
        )? > 0)
    }
}

/// The phases Quay's builders store.
const PHASES: &[&str] = &[
    "waiting",
    "build-scheduled",
    "unpacking",
    "pulling",
    "building",
    "pushing",
    "complete",
    "error",
    "internalerror",
    "cancelled",
];

fn open(db: &Path) -> Result<Storage, String> {
    Storage::open(db).map_err(|e| e.to_string())
}

fn check_phase(phase: &str) -> Result<(), String> {
    if PHASES.contains(&phase) {
        Ok(())
    } else {
        Err(format!("unknown build phase {phase:?}"))
    }
}

/// Stores `build` in the database `db` (of a running emulator too: SQLite WAL allows a second
/// connection); returns its UUID.
pub fn create_build(db: &Path, build: &NewBuild) -> Result<String, String> {
    check_phase(&build.phase)?;
    open(db)?.insert_build(build).map_err(|e| e.to_string())?
}

/// Appends log entries to the build `uuid` (what a builder does while it runs); returns the new
/// number of entries.
pub fn append_build_logs(db: &Path, uuid: &str, entries: &[Value]) -> Result<i64, String> {
    open(db)?
        .append_build_log(uuid, entries)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no build {uuid}"))
}

/// Moves the build `uuid` to `phase` and, as Quay's build manager does, appends the phase entry
/// `{"message": phase, "type": "phase"}` (with `"data": data` unless `data` is empty or null)
/// to its log; returns the new number of entries.
pub fn set_build_phase(db: &Path, uuid: &str, phase: &str, data: Value) -> Result<i64, String> {
    check_phase(phase)?;
    let storage = open(db)?;
    if !storage
        .update_build_phase(uuid, phase)
        .map_err(|e| e.to_string())?
    {
        return Err(format!("no build {uuid}"));
    }
    let mut entry = json!({"message": phase, "type": "phase"});
    if crate::python::truthy(&data) {
        entry["data"] = data;
    }
    storage
        .append_build_log(uuid, &[entry])
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no build {uuid}"))
}

/// Replaces the live status of the build `uuid` (`None`: none); `error` set makes it unreadable
/// (phase `cannot_load`).
pub fn set_build_status(
    db: &Path,
    uuid: &str,
    status: Option<Value>,
    error: Option<&str>,
) -> Result<(), String> {
    if open(db)?
        .update_build_status(uuid, status.as_ref(), error)
        .map_err(|e| e.to_string())?
    {
        Ok(())
    } else {
        Err(format!("no build {uuid}"))
    }
}
