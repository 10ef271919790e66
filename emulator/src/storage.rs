//! All SQL lives here. Writes go through one SQLite connection (WAL) behind a mutex, which
//! serialises them; the hot reads use a pool of read-only connections (`readers`). Callers run
//! these methods on blocking threads (see `AppState::db`).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::clock::Clock;

mod accounts;
mod builds;
mod logs;
mod oauth;
mod quota;
mod readers;
mod registry_size;
mod service_keys;
mod superuser;
mod teams;

pub use accounts::NewOrganization;
pub use builds::{
    append_build_logs, create_build, set_build_phase, set_build_status, BuildRecord,
    BuildTriggerRecord, NewBuild, NewBuildTrigger,
};
pub use logs::{LogEntryRecord, NewLogEntry};
pub use oauth::{ApplicationFields, ApplicationRecord};
pub(crate) use quota::{mark_backfill_running, namespace_totals, recompute_all};
pub use quota::{BlobLink, RecomputedSizes};
pub use registry_size::{QueueOutcome, RegistrySize};
pub use service_keys::{
    ApproveOutcome, KeyFilter, NewServiceKey, ReplaceOutcome, ServiceKeyRecord, ServiceKeyTtls,
    AUTOMATIC_APPROVAL, SUPERUSER_APPROVAL,
};
pub use superuser::{
    NamespaceDetails, NamespaceKind, NamespaceQuery, NamespaceSize, OutboxMessage, Ownership,
};
pub use teams::TeamRecord;

/// Embedded migrations, applied in order; `PRAGMA user_version` counts the applied ones.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../migrations/0001_initial.sql"),
    ),
    (
        "0002_logs_sessions_oauth",
        include_str!("../migrations/0002_logs_sessions_oauth.sql"),
    ),
    (
        "0003_membership_token_indexes",
        include_str!("../migrations/0003_membership_token_indexes.sql"),
    ),
    (
        "0004_namespace_size",
        include_str!("../migrations/0004_namespace_size.sql"),
    ),
    (
        "0005_repositories_keys_builds",
        include_str!("../migrations/0005_repositories_keys_builds.sql"),
    ),
    (
        "0006_log_views",
        include_str!("../migrations/0006_log_views.sql"),
    ),
    (
        "0007_team_invites",
        include_str!("../migrations/0007_team_invites.sql"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("cannot create directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database schema version {found} is newer than this emulator's ({known})")]
    NewerSchema { found: i64, known: usize },
    #[error("migration {name} failed: {source}")]
    Migration {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub uuid: String,
    pub username: String,
    pub email: String,
    pub verified: bool,
    pub enabled: bool,
    pub organization: bool,
    pub robot: bool,
    pub has_password: bool,
    pub tag_expiration_s: i64,
    pub invoice_email: bool,
    pub invoice_email_address: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
}

const USER_COLUMNS: &str = "u.id, u.uuid, u.username, u.email, u.verified, u.enabled, \
     u.organization, u.robot, u.password_hash IS NOT NULL, u.removed_tag_expiration_s, \
     u.invoice_email, u.invoice_email_address, u.given_name, u.family_name, u.company, u.location";
const USER_COLUMN_COUNT: usize = 16;

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<UserRecord> {
    user_from_offset_row(row, 0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub id: i64,
    pub scope: String,
    pub expires_at: i64,
    pub application_name: String,
    pub client_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: i64,
    pub user_id: Option<i64>,
    pub csrf_token: String,
    pub login_time: Option<i64>,
    pub expires_at: Option<i64>,
}

/// An organization a user belongs to, with the user's strongest team role in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub name: String,
    pub email: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaLimit {
    pub id: i64,
    pub limit_type: String,
    pub percent_of_limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaRecord {
    pub id: i64,
    pub limit_bytes: i64,
    pub limits: Vec<QuotaLimit>,
}

pub struct NewUser {
    pub username: String,
    pub email: String,
    pub password_hash: String,
    pub verified: bool,
    pub tag_expiration_s: i64,
}

/// A token issued together with the OAuth application that owns it (initialize's `automation`).
pub struct NewAppToken {
    pub application_name: String,
    pub client_id: String,
    pub client_secret: String,
    pub description: String,
    pub token_hash: String,
    pub scope: String,
    pub expires_at: i64,
}

pub struct NewSession {
    pub cookie_hash: String,
    pub csrf_token: String,
    pub login_time: Option<i64>,
    pub expires_at: Option<i64>,
}

pub struct Storage {
    conn: Mutex<Connection>,
    readers: readers::ReaderPool,
    aes_key: [u8; 32],
    clock: Clock,
}

impl Storage {
    /// Opens (creating when missing, with its parent directory) and migrates the database. Its
    /// dates come from the clock of the emulator serving it in this process (a test's pinned
    /// clock), else from the wall clock (see [`Storage::open_with_clock`]).
    pub fn open(path: &Path) -> Result<Storage, StorageError> {
        Storage::open_with_clock(path, crate::clock::for_database(path))
    }

    /// [`Storage::open`] with its dates read from `clock`.
    pub fn open_with_clock(path: &Path, clock: Clock) -> Result<Storage, StorageError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StorageError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // journal_mode answers with a row, so it is read rather than "updated".
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrate(&conn)?;
        let aes_key = load_or_create_key(&conn)?;
        Ok(Storage {
            conn: Mutex::new(conn),
            readers: readers::ReaderPool::new(path),
            aes_key,
            clock,
        })
    }

    /// Where this storage's "now" comes from.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Now, in Unix seconds (the unit of the tables' dates).
    fn now(&self) -> i64 {
        self.clock.unix_s()
    }

    fn now_ms(&self) -> i64 {
        self.clock.unix_ms()
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A read-only connection: for reads that need no consistency with a write of their own.
    fn reader(&self) -> Result<readers::Reader<'_>, StorageError> {
        Ok(self.readers.get()?)
    }

    /// The key of Quay's `encrypt_user_password`, generated on first start and kept in the database.
    pub fn aes_key(&self) -> &[u8; 32] {
        &self.aes_key
    }

    /// Quay's `has_users`: any namespace row at all (users, organizations, robots, deleted ones).
    pub fn has_users(&self) -> Result<bool, StorageError> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM users)", [], |r| r.get(0))?)
    }

    /// Creates the first user, its session and optionally its `automation` app and token, all or
    /// nothing. `None` when the database is not empty any more (a concurrent initialize won).
    pub fn initialize_first_user(
        &self,
        user: &NewUser,
        token: Option<&NewAppToken>,
        session: &NewSession,
    ) -> Result<Option<UserRecord>, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let taken: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM users)", [], |r| r.get(0))?;
        if taken {
            return Ok(None);
        }
        let now = self.now();
        tx.execute(
            "INSERT INTO users (uuid, username, email, password_hash, verified, \
             removed_tag_expiration_s, creation_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                uuid::Uuid::new_v4().to_string(),
                user.username,
                user.email,
                user.password_hash,
                user.verified,
                user.tag_expiration_s,
                now
            ],
        )?;
        let user_id = tx.last_insert_rowid();
        if let Some(t) = token {
            tx.execute(
                "INSERT INTO oauth_applications (client_id, client_secret, redirect_uri, \
                 application_uri, organization_id, name, description) \
                 VALUES (?1, ?2, '', '', ?3, ?4, ?5)",
                params![
                    t.client_id,
                    t.client_secret,
                    user_id,
                    t.application_name,
                    t.description
                ],
            )?;
            let app_id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO oauth_access_tokens (uuid, application_id, authorized_user_id, scope, \
                 token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    uuid::Uuid::new_v4().to_string(),
                    app_id,
                    user_id,
                    t.scope,
                    t.token_hash,
                    now,
                    t.expires_at
                ],
            )?;
        }
        insert_session(&tx, session, Some(user_id), now)?;
        let created = user_by_id(&tx, user_id)?;
        tx.commit()?;
        Ok(created)
    }

    /// The token with this SHA-256 and the user it was granted to; expiry is the caller's call.
    pub fn token_by_hash(
        &self,
        token_hash: &str,
    ) -> Result<Option<(TokenRecord, UserRecord)>, StorageError> {
        let sql = format!(
            "SELECT t.id, t.scope, t.expires_at, a.name, a.client_id, {USER_COLUMNS} \
             FROM oauth_access_tokens t \
             JOIN oauth_applications a ON a.id = t.application_id \
             JOIN users u ON u.id = t.authorized_user_id \
             WHERE t.token_hash = ?1"
        );
        let conn = self.reader()?;
        // Every API request looks its token up: keep the statement compiled.
        let found = conn
            .prepare_cached(&sql)?
            .query_row([token_hash], |row| {
                let token = TokenRecord {
                    id: row.get(0)?,
                    scope: row.get(1)?,
                    expires_at: row.get(2)?,
                    application_name: row.get(3)?,
                    client_id: row.get(4)?,
                };
                let user = user_from_offset_row(row, 5)?;
                Ok((token, user))
            })
            .optional()?;
        Ok(found)
    }

    /// The session behind a cookie and its signed-in user, if any.
    pub fn session_by_hash(
        &self,
        cookie_hash: &str,
    ) -> Result<Option<(SessionRecord, Option<UserRecord>)>, StorageError> {
        let conn = self.reader()?;
        let session = conn
            .query_row(
                "SELECT id, user_id, csrf_token, login_time, expires_at FROM sessions \
                 WHERE cookie_hash = ?1",
                [cookie_hash],
                |row| {
                    Ok(SessionRecord {
                        id: row.get(0)?,
                        user_id: row.get(1)?,
                        csrf_token: row.get(2)?,
                        login_time: row.get(3)?,
                        expires_at: row.get(4)?,
                    })
                },
            )
            .optional()?;
        let Some(session) = session else {
            return Ok(None);
        };
        let user = match session.user_id {
            Some(id) => user_by_id(&conn, id)?,
            None => None,
        };
        Ok(Some((session, user)))
    }

    /// Organizations the user is a member of (through any team), in database order.
    pub fn user_memberships(&self, user_id: i64) -> Result<Vec<Membership>, StorageError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT o.username, o.email, \
               CASE MIN(CASE t.role WHEN 'admin' THEN 0 WHEN 'creator' THEN 1 ELSE 2 END) \
                 WHEN 0 THEN 'admin' WHEN 1 THEN 'creator' ELSE 'member' END \
             FROM team_members m \
             JOIN teams t ON t.id = m.team_id \
             JOIN users o ON o.id = t.organization_id \
             WHERE m.user_id = ?1 AND o.organization = 1 \
             GROUP BY o.id ORDER BY o.id",
        )?;
        let rows = stmt.query_map([user_id], |row| {
            Ok(Membership {
                name: row.get(0)?,
                email: row.get(1)?,
                role: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The quotas of a namespace (at most one) with their limits.
    pub fn namespace_quotas(&self, namespace_id: i64) -> Result<Vec<QuotaRecord>, StorageError> {
        let conn = self.reader()?;
        let mut stmt =
            conn.prepare("SELECT id, limit_bytes FROM quotas WHERE namespace_id = ?1 ORDER BY id")?;
        let quotas = stmt
            .query_map([namespace_id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<Vec<(i64, i64)>, _>>()?;
        let mut limits_stmt = conn.prepare(
            "SELECT id, limit_type, percent_of_limit FROM quota_limits WHERE quota_id = ?1 \
             ORDER BY id",
        )?;
        let mut out = Vec::with_capacity(quotas.len());
        for (id, limit_bytes) in quotas {
            let limits = limits_stmt
                .query_map([id], |row| {
                    Ok(QuotaLimit {
                        id: row.get(0)?,
                        limit_type: row.get(1)?,
                        percent_of_limit: row.get(2)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            out.push(QuotaRecord {
                id,
                limit_bytes,
                limits,
            });
        }
        Ok(out)
    }
}

fn user_from_offset_row(row: &Row<'_>, offset: usize) -> rusqlite::Result<UserRecord> {
    let g = |i: usize| offset + i;
    debug_assert!(offset + USER_COLUMN_COUNT <= row.as_ref().column_count());
    Ok(UserRecord {
        id: row.get(g(0))?,
        uuid: row.get(g(1))?,
        username: row.get(g(2))?,
        email: row.get(g(3))?,
        verified: row.get(g(4))?,
        enabled: row.get(g(5))?,
        organization: row.get(g(6))?,
        robot: row.get(g(7))?,
        has_password: row.get(g(8))?,
        tag_expiration_s: row.get(g(9))?,
        invoice_email: row.get(g(10))?,
        invoice_email_address: row.get(g(11))?,
        given_name: row.get(g(12))?,
        family_name: row.get(g(13))?,
        company: row.get(g(14))?,
        location: row.get(g(15))?,
    })
}

fn user_by_id(conn: &Connection, id: i64) -> Result<Option<UserRecord>, StorageError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?1");
    Ok(conn.query_row(&sql, [id], user_from_row).optional()?)
}

fn insert_session(
    conn: &Connection,
    session: &NewSession,
    user_id: Option<i64>,
    now: i64,
) -> Result<i64, StorageError> {
    conn.execute(
        "INSERT INTO sessions (cookie_hash, user_id, csrf_token, login_time, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            session.cookie_hash,
            user_id,
            session.csrf_token,
            session.login_time,
            now,
            session.expires_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn migrate(conn: &Connection) -> Result<(), StorageError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let applied = usize::try_from(version).unwrap_or(usize::MAX);
    if applied > MIGRATIONS.len() {
        return Err(StorageError::NewerSchema {
            found: version,
            known: MIGRATIONS.len(),
        });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(applied) {
        let run = || -> rusqlite::Result<()> {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(sql)?;
            // user_version lives in the database header and commits with the transaction.
            tx.pragma_update(None, "user_version", index + 1)?;
            tx.commit()
        };
        run().map_err(|source| StorageError::Migration { name, source })?;
    }
    Ok(())
}

fn load_or_create_key(conn: &Connection) -> Result<[u8; 32], StorageError> {
    let existing: Option<Vec<u8>> = conn
        .query_row(
            "SELECT value FROM emulator_secret WHERE name = 'aes_key'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(key) = existing.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()) {
        return Ok(key);
    }
    let key = crate::crypto::random_key();
    conn.execute(
        "INSERT OR REPLACE INTO emulator_secret (name, value) VALUES ('aes_key', ?1)",
        [key.as_slice()],
    )?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-22 12:00 UTC.
    const NOW: i64 = 1_795_348_800;

    fn temp_db() -> (tempfile::TempDir, Storage) {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::open_with_clock(
            &dir.path().join("sub/dir/registry.db"),
            Clock::pinned_unix(NOW),
        )
        .unwrap();
        (dir, storage)
    }

    fn new_user(name: &str) -> NewUser {
        NewUser {
            username: name.into(),
            email: format!("{name}@example.com"),
            password_hash: "$argon2id$x".into(),
            verified: true,
            tag_expiration_s: 1_209_600,
        }
    }

    fn new_session() -> NewSession {
        NewSession {
            cookie_hash: crate::crypto::sha256_hex(&crate::crypto::random_urlsafe(32)),
            csrf_token: "csrf".into(),
            login_time: Some(NOW),
            expires_at: None,
        }
    }

    #[test]
    fn member_and_application_lookups_use_indexes() {
        let (_dir, storage) = temp_db();
        let conn = storage.conn();
        for (query, index) in [
            (
                "SELECT team_id FROM team_members WHERE user_id = 1",
                "team_members_user",
            ),
            (
                "SELECT id FROM oauth_access_tokens WHERE application_id = 1",
                "oauth_access_tokens_application",
            ),
        ] {
            let plan: String = conn
                .query_row(&format!("EXPLAIN QUERY PLAN {query}"), [], |r| r.get(3))
                .unwrap();
            assert!(plan.contains(index), "{query}: {plan}");
        }
    }

    #[test]
    fn migrations_set_user_version_and_wal() {
        let (dir, storage) = temp_db();
        let conn = storage.conn();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(conn);
        drop(dir);
    }

    #[test]
    fn key_and_data_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let first = Storage::open(&path).unwrap();
        let key = *first.aes_key();
        assert!(!first.has_users().unwrap());
        first
            .initialize_first_user(&new_user("admin"), None, &new_session())
            .unwrap()
            .unwrap();
        drop(first);
        let second = Storage::open(&path).unwrap();
        assert_eq!(*second.aes_key(), key);
        assert!(second.has_users().unwrap());
    }

    #[test]
    fn initialize_only_once() {
        let (_dir, storage) = temp_db();
        let user = storage
            .initialize_first_user(&new_user("admin"), None, &new_session())
            .unwrap()
            .unwrap();
        assert_eq!(user.username, "admin");
        assert!(user.verified && user.enabled && user.has_password);
        assert!(storage
            .initialize_first_user(&new_user("other"), None, &new_session())
            .unwrap()
            .is_none());
    }

    #[test]
    fn token_lookup_by_hash() {
        let (_dir, storage) = temp_db();
        let token = NewAppToken {
            application_name: "automation".into(),
            client_id: "admin".into(),
            client_secret: "S".into(),
            description: "d".into(),
            token_hash: crate::crypto::sha256_hex("TOKEN"),
            scope: "user:read".into(),
            expires_at: NOW + 9000,
        };
        storage
            .initialize_first_user(&new_user("admin"), Some(&token), &new_session())
            .unwrap()
            .unwrap();
        let (t, u) = storage
            .token_by_hash(&crate::crypto::sha256_hex("TOKEN"))
            .unwrap()
            .unwrap();
        assert_eq!(t.scope, "user:read");
        assert_eq!(t.client_id, "admin");
        assert_eq!(t.application_name, "automation");
        assert_eq!(u.username, "admin");
        assert!(storage.token_by_hash("nope").unwrap().is_none());
        assert!(storage.user_memberships(u.id).unwrap().is_empty());
        assert!(storage.namespace_quotas(u.id).unwrap().is_empty());
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        drop(Storage::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        assert!(matches!(
            Storage::open(&path),
            Err(StorageError::NewerSchema { found: 99, .. })
        ));
    }
}
