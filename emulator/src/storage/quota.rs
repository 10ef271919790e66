//! Quotas (Quay's `data/model/namespacequota.py`) and real storage usage: repositories, their
//! blobs (one row per digest, shared by every repository that references it) and the namespace
//! and repository sizes Quay derives from them (`data/model/quota.py`).

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::{NamespaceSize, QuotaLimit, QuotaRecord, Storage, StorageError};

/// What adding blobs to a repository did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlobLink {
    /// Every blob is referenced by the repository; `added` links are new.
    Linked { added: usize },
    /// A blob with this digest is stored with another size; nothing was changed.
    SizeConflict {
        digest: String,
        stored: i64,
        given: i64,
    },
}

/// Namespace and repository size rows written by a full recomputation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecomputedSizes {
    pub namespaces: usize,
    pub repositories: usize,
}

fn quota_limits(conn: &Connection, quota_id: i64) -> Result<Vec<QuotaLimit>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, limit_type, percent_of_limit FROM quota_limits WHERE quota_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([quota_id], |r| {
        Ok(QuotaLimit {
            id: r.get(0)?,
            limit_type: r.get(1)?,
            percent_of_limit: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Quay's `eligible_namespace`: sizes are kept for enabled users and organizations only.
fn eligible(conn: &Connection, namespace_id: i64) -> Result<bool, StorageError> {
    Ok(conn
        .query_row(
            "SELECT enabled = 1 AND robot = 0 FROM users WHERE id = ?1",
            [namespace_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// Quay's `get_namespace_total`: the declared sizes of the distinct blobs that any repository of
/// the namespace references.
fn namespace_total(conn: &Connection, namespace_id: i64) -> Result<i64, StorageError> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(b.image_size), 0) FROM blobs b WHERE b.id IN \
         (SELECT rb.blob_id FROM repository_blobs rb \
          JOIN repositories r ON r.id = rb.repository_id WHERE r.namespace_id = ?1)",
        [namespace_id],
        |r| r.get(0),
    )?)
}

/// Quay's `get_repository_total` (links are distinct per repository).
fn repository_total(conn: &Connection, repository_id: i64) -> Result<i64, StorageError> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(b.image_size), 0) FROM repository_blobs rb \
         JOIN blobs b ON b.id = rb.blob_id WHERE rb.repository_id = ?1",
        [repository_id],
        |r| r.get(0),
    )?)
}

/// A completed size row; a backfill start already recorded is kept.
const UPSERT_NAMESPACE_SIZE: &str =
    "INSERT INTO namespace_size (namespace_id, size_bytes, backfill_start_ms, backfill_complete) \
     VALUES (?1, ?2, ?3, 1) ON CONFLICT (namespace_id) DO UPDATE SET \
     size_bytes = excluded.size_bytes, backfill_complete = 1, \
     backfill_start_ms = COALESCE(namespace_size.backfill_start_ms, excluded.backfill_start_ms)";
const UPSERT_REPOSITORY_SIZE: &str =
    "INSERT INTO repository_size (repository_id, size_bytes, backfill_start_ms, backfill_complete) \
     VALUES (?1, ?2, ?3, 1) ON CONFLICT (repository_id) DO UPDATE SET \
     size_bytes = excluded.size_bytes, backfill_complete = 1, \
     backfill_start_ms = COALESCE(repository_size.backfill_start_ms, excluded.backfill_start_ms)";

/// The namespace's size and, when given, one repository's, recomputed from the stored blobs (as
/// the emulator has no backfill worker, the result is a completed backfill at once).
fn recompute(
    conn: &Connection,
    namespace_id: i64,
    repository_id: Option<i64>,
    start: i64,
) -> Result<(), StorageError> {
    if !eligible(conn, namespace_id)? {
        return Ok(());
    }
    if let Some(repo) = repository_id {
        let total = repository_total(conn, repo)?;
        conn.execute(UPSERT_REPOSITORY_SIZE, params![repo, total, start])?;
    }
    let total = namespace_total(conn, namespace_id)?;
    conn.execute(UPSERT_NAMESPACE_SIZE, params![namespace_id, total, start])?;
    Ok(())
}

/// Quay's `get_namespace_total` for every namespace that has a repository, in one pass.
pub(crate) fn namespace_totals(conn: &Connection) -> Result<Vec<(i64, i64)>, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT r.namespace_id, COALESCE(t.total, 0) FROM \
         (SELECT DISTINCT namespace_id FROM repositories) r LEFT JOIN \
         (SELECT x.namespace_id, SUM(b.image_size) AS total FROM \
          (SELECT DISTINCT r.namespace_id, rb.blob_id FROM repositories r \
           JOIN repository_blobs rb ON rb.repository_id = r.id) x \
          JOIN blobs b ON b.id = x.blob_id GROUP BY x.namespace_id) t \
         ON t.namespace_id = r.namespace_id ORDER BY r.namespace_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// What Quay's backfill worker computes for every eligible namespace with a repository and each
/// of its repositories, all at once: completed size rows started at `backfill_start_ms`.
pub(crate) fn recompute_all(
    conn: &Connection,
    backfill_start_ms: i64,
) -> Result<RecomputedSizes, StorageError> {
    let repositories = conn.execute(
        "INSERT OR REPLACE INTO repository_size (repository_id, size_bytes, backfill_start_ms, \
         backfill_complete) \
         SELECT r.id, COALESCE(SUM(b.image_size), 0), ?1, 1 FROM repositories r \
         JOIN users u ON u.id = r.namespace_id AND u.enabled = 1 AND u.robot = 0 \
         LEFT JOIN repository_blobs rb ON rb.repository_id = r.id \
         LEFT JOIN blobs b ON b.id = rb.blob_id GROUP BY r.id",
        [backfill_start_ms],
    )?;
    let mut write = conn.prepare(
        "INSERT OR REPLACE INTO namespace_size (namespace_id, size_bytes, backfill_start_ms, \
         backfill_complete) SELECT id, ?2, ?3, 1 FROM users \
         WHERE id = ?1 AND enabled = 1 AND robot = 0",
    )?;
    let mut namespaces = 0;
    for (namespace_id, total) in namespace_totals(conn)? {
        namespaces += write.execute(params![namespace_id, total, backfill_start_ms])?;
    }
    Ok(RecomputedSizes {
        namespaces,
        repositories,
    })
}

/// The first step of Quay's `run_backfill`: the namespace's size is reset to 0 while its backfill
/// runs (status `running`).
pub(crate) fn mark_backfill_running(
    conn: &Connection,
    namespace_id: i64,
    backfill_start_ms: i64,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT OR REPLACE INTO namespace_size (namespace_id, size_bytes, backfill_start_ms, \
         backfill_complete) VALUES (?1, 0, ?2, 0)",
        params![namespace_id, backfill_start_ms],
    )?;
    Ok(())
}

/// The blob row of a digest: (id, size).
fn blob_by_digest(tx: &Transaction<'_>, digest: &str) -> Result<Option<(i64, i64)>, StorageError> {
    Ok(tx
        .query_row(
            "SELECT id, image_size FROM blobs WHERE content_checksum = ?1",
            [digest],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Drops blob rows no repository references any more (Quay's garbage collection, done at once:
/// the registry size then no longer counts them).
fn collect_garbage(tx: &Transaction<'_>, blob_ids: &[i64]) -> Result<(), StorageError> {
    let mut stmt = tx.prepare_cached(
        "DELETE FROM blobs WHERE id = ?1 AND NOT EXISTS \
         (SELECT 1 FROM repository_blobs WHERE blob_id = ?1)",
    )?;
    for id in blob_ids {
        stmt.execute([id])?;
    }
    Ok(())
}

fn repository_namespace(
    tx: &Transaction<'_>,
    repository_id: i64,
) -> Result<Option<i64>, StorageError> {
    Ok(tx
        .query_row(
            "SELECT namespace_id FROM repositories WHERE id = ?1",
            [repository_id],
            |r| r.get(0),
        )
        .optional()?)
}

impl Storage {
    /// Quay's `get_user_or_org`: the id of the user or organization (never a robot) called
    /// `name`.
    pub fn user_or_org_id(&self, name: &str) -> Result<Option<i64>, StorageError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM users WHERE username = ?1 AND robot = 0",
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Quay's `get_namespace_quota`: the quota with id `quota_id` if it belongs to the namespace.
    /// `quota_id` is compared as SQLite compares it (a text id such as `'1.0'` takes the
    /// column's numeric affinity), as Quay on SQLite does.
    pub fn namespace_quota(
        &self,
        namespace_id: i64,
        quota_id: &SqlValue,
    ) -> Result<Option<QuotaRecord>, StorageError> {
        let conn = self.conn();
        let quota: Option<(i64, i64)> = conn
            .query_row(
                "SELECT id, limit_bytes FROM quotas WHERE namespace_id = ?1 AND id = ?2",
                params![namespace_id, quota_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, limit_bytes)) = quota else {
            return Ok(None);
        };
        Ok(Some(QuotaRecord {
            id,
            limit_bytes,
            limits: quota_limits(&conn, id)?,
        }))
    }

    /// A new quota (the next rowid: a deleted highest id is reused). `None` when the namespace
    /// already has one.
    pub fn create_quota(
        &self,
        namespace_id: i64,
        limit_bytes: i64,
    ) -> Result<Option<i64>, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM quotas WHERE namespace_id = ?1)",
            [namespace_id],
            |r| r.get(0),
        )?;
        if taken {
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO quotas (namespace_id, limit_bytes) VALUES (?1, ?2)",
            params![namespace_id, limit_bytes],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Some(id))
    }

    /// Quay's `update_namespace_quota_size`.
    pub fn set_quota_limit_bytes(
        &self,
        quota_id: i64,
        limit_bytes: i64,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE quotas SET limit_bytes = ?2 WHERE id = ?1",
            params![quota_id, limit_bytes],
        )?;
        Ok(())
    }

    /// Quay's `delete_namespace_quota`: the quota and its limits.
    pub fn delete_quota(&self, quota_id: i64) -> Result<(), StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM quota_limits WHERE quota_id = ?1", [quota_id])?;
        tx.execute("DELETE FROM quotas WHERE id = ?1", [quota_id])?;
        tx.commit()?;
        Ok(())
    }

    /// The repository `name` of the namespace, if any.
    pub fn repository_id(
        &self,
        namespace_id: i64,
        name: &str,
    ) -> Result<Option<i64>, StorageError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM repositories WHERE namespace_id = ?1 AND name = ?2",
                params![namespace_id, name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// A new, empty image repository (its size row is written, 0 bytes). `None` when the
    /// namespace already has a repository of that name.
    pub fn create_repository(
        &self,
        namespace_id: i64,
        name: &str,
        public: bool,
    ) -> Result<Option<i64>, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO repositories (namespace_id, name, visibility, badge_token) \
             VALUES (?1, ?2, ?3, ?4)",
            params![
                namespace_id,
                name,
                if public { "public" } else { "private" },
                uuid::Uuid::new_v4().to_string()
            ],
        )?;
        if inserted == 0 {
            return Ok(None);
        }
        let id = tx.last_insert_rowid();
        recompute(&tx, namespace_id, Some(id), self.now_ms())?;
        tx.commit()?;
        Ok(Some(id))
    }

    /// References the blobs `(digest, size)` from the repository, storing a blob row for each
    /// digest not stored yet, then recomputes the repository's and its namespace's size.
    pub fn add_repository_blobs(
        &self,
        repository_id: i64,
        blobs: &[(&str, i64)],
    ) -> Result<BlobLink, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(namespace_id) = repository_namespace(&tx, repository_id)? else {
            return Ok(BlobLink::Linked { added: 0 });
        };
        let mut added = 0;
        for &(digest, size) in blobs {
            let blob_id = match blob_by_digest(&tx, digest)? {
                Some((_, stored)) if stored != size => {
                    return Ok(BlobLink::SizeConflict {
                        digest: digest.to_string(),
                        stored,
                        given: size,
                    });
                }
                Some((id, _)) => id,
                None => {
                    tx.execute(
                        "INSERT INTO blobs (uuid, content_checksum, image_size) VALUES (?1, ?2, ?3)",
                        params![uuid::Uuid::new_v4().to_string(), digest, size],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            added += tx.execute(
                "INSERT OR IGNORE INTO repository_blobs (repository_id, blob_id) VALUES (?1, ?2)",
                params![repository_id, blob_id],
            )?;
        }
        recompute(&tx, namespace_id, Some(repository_id), self.now_ms())?;
        tx.commit()?;
        Ok(BlobLink::Linked { added })
    }

    /// Removes the repository's reference to the blob with this digest (a blob nothing references
    /// any more is dropped) and recomputes the sizes. Whether there was such a reference.
    pub fn remove_repository_blob(
        &self,
        repository_id: i64,
        digest: &str,
    ) -> Result<bool, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (Some(namespace_id), Some((blob_id, _))) = (
            repository_namespace(&tx, repository_id)?,
            blob_by_digest(&tx, digest)?,
        ) else {
            return Ok(false);
        };
        let removed = tx.execute(
            "DELETE FROM repository_blobs WHERE repository_id = ?1 AND blob_id = ?2",
            params![repository_id, blob_id],
        )?;
        collect_garbage(&tx, &[blob_id])?;
        recompute(&tx, namespace_id, Some(repository_id), self.now_ms())?;
        tx.commit()?;
        Ok(removed > 0)
    }

    /// Deletes the repository with everything that belongs to it (blob references, size row,
    /// builds and triggers); blobs no other repository references are dropped and the
    /// namespace's size is recomputed. Whether the repository existed.
    pub fn delete_repository(&self, repository_id: i64) -> Result<bool, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(namespace_id) = repository_namespace(&tx, repository_id)? else {
            return Ok(false);
        };
        let blob_ids: Vec<i64> = {
            let mut stmt =
                tx.prepare("SELECT blob_id FROM repository_blobs WHERE repository_id = ?1")?;
            let rows = stmt.query_map([repository_id], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        // Foreign keys cascade to blob links, the size row, builds and triggers.
        tx.execute("DELETE FROM repositories WHERE id = ?1", [repository_id])?;
        collect_garbage(&tx, &blob_ids)?;
        recompute(&tx, namespace_id, None, self.now_ms())?;
        tx.commit()?;
        Ok(true)
    }

    /// The repository's `QuotaRepositorySize` row, if any.
    pub fn repository_size(
        &self,
        repository_id: i64,
    ) -> Result<Option<NamespaceSize>, StorageError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT size_bytes, backfill_start_ms, backfill_complete FROM repository_size \
                 WHERE repository_id = ?1",
                [repository_id],
                super::superuser::size_from_row,
            )
            .optional()?)
    }

    /// `recompute_all` in one transaction, started now.
    pub fn recompute_all_sizes(&self) -> Result<RecomputedSizes, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let counts = recompute_all(&tx, self.now_ms())?;
        tx.commit()?;
        Ok(counts)
    }
}
