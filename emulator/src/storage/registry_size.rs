//! Quay's `QuotaRegistrySize` (`data/database.py`, `data/model/quota.py`): the queued/running
//! flags the registry-size endpoints and the background worker (`crate::registry_size_worker`)
//! share, and the batched sum over the stored blobs.
//!
//! Quay reads the first row and updates every row (`QuotaRegistrySize.update(...)` has no
//! `WHERE`); there is at most one row, so the emulator does the same.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::{Storage, StorageError};

/// The registry-size row as the API shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistrySize {
    pub size_bytes: i64,
    /// Unix milliseconds of the last completed run.
    pub completed_ms: Option<i64>,
    pub running: bool,
    pub queued: bool,
}

/// What `queue_registry_size_calculation` reports (Quay's `(queued, already_queued)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueOutcome {
    /// Newly queued: 201.
    Queued,
    /// A calculation is already queued or running: 202.
    AlreadyQueued,
    /// Nothing was updated: 400 (Quay's `updated == 0`).
    NotQueued,
}

/// One batch of blobs summed by [`Storage::sum_blob_batch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlobBatch {
    /// Blobs in the batch (fewer than asked: the last batch).
    pub count: i64,
    /// The highest blob id of the batch (the next batch starts after it).
    pub last_id: i64,
    pub bytes: i64,
}

fn read(conn: &Connection) -> Result<Option<RegistrySize>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT size_bytes, completed_ms, running, queued FROM registry_size \
             ORDER BY id LIMIT 1",
            [],
            |r| {
                Ok(RegistrySize {
                    size_bytes: r.get(0)?,
                    completed_ms: r.get(1)?,
                    running: r.get(2)?,
                    queued: r.get(3)?,
                })
            },
        )
        .optional()?)
}

impl Storage {
    /// Quay's `get_registry_size`: `None` until a calculation was first queued.
    pub fn registry_size(&self) -> Result<Option<RegistrySize>, StorageError> {
        read(&self.conn())
    }

    /// Quay's `queue_registry_size_calculation`, in one transaction so two concurrent POSTs
    /// cannot both insert the row.
    pub fn queue_registry_size_calculation(&self) -> Result<QueueOutcome, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = match read(&tx)? {
            None => {
                tx.execute(
                    "INSERT INTO registry_size (size_bytes, running, queued, completed_ms) \
                     VALUES (0, 0, 1, NULL)",
                    [],
                )?;
                QueueOutcome::Queued
            }
            Some(row) if row.queued || row.running => QueueOutcome::AlreadyQueued,
            Some(_) => match tx.execute("UPDATE registry_size SET queued = 1", [])? {
                0 => QueueOutcome::NotQueued,
                _ => QueueOutcome::Queued,
            },
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// The start of Quay's `calculate_registry_size`: a queued, not running calculation becomes
    /// running (and no longer queued). Whether there was one to start.
    pub fn start_registry_size_calculation(&self) -> Result<bool, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let start = read(&tx)?.is_some_and(|row| row.queued && !row.running);
        if start {
            tx.execute("UPDATE registry_size SET running = 1, queued = 0", [])?;
        }
        tx.commit()?;
        Ok(start)
    }

    /// Puts a calculation that was running back in the queue: one interrupted by a stop or a
    /// crash of the previous process, which Quay would leave running for ever. Whether there
    /// was one.
    pub fn requeue_registry_size_calculation(&self) -> Result<bool, StorageError> {
        let changed = self.conn().execute(
            "UPDATE registry_size SET running = 0, queued = 1 WHERE running = 1",
            [],
        )?;
        Ok(changed > 0)
    }

    /// Up to `limit` blobs with ids above `after_id`, in id order: their count, highest id and
    /// total `image_size`. Quay sums `ImageStorage.image_size` over every row (uploading ones
    /// included); a row is one digest, so shared blobs count once.
    pub fn sum_blob_batch(&self, after_id: i64, limit: i64) -> Result<BlobBatch, StorageError> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*), COALESCE(MAX(id), ?1), COALESCE(SUM(image_size), 0) \
             FROM (SELECT id, image_size FROM blobs WHERE id > ?1 ORDER BY id LIMIT ?2)",
            [after_id, limit],
            |r| {
                Ok(BlobBatch {
                    count: r.get(0)?,
                    last_id: r.get(1)?,
                    bytes: r.get(2)?,
                })
            },
        )?)
    }

    /// Quay's `update_registry_size`: the result, the completion time, neither queued nor
    /// running (a POST during the run was answered 202 and is not repeated).
    pub fn finish_registry_size_calculation(
        &self,
        size_bytes: i64,
        completed_ms: i64,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE registry_size SET running = 0, queued = 0, size_bytes = ?1, \
             completed_ms = ?2",
            [size_bytes, completed_ms],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage() -> (tempfile::TempDir, Storage) {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::open(&dir.path().join("r.db")).unwrap();
        (dir, storage)
    }

    #[test]
    fn queue_start_finish_cycle() {
        let (_dir, s) = storage();
        assert_eq!(s.registry_size().unwrap(), None);
        assert!(!s.start_registry_size_calculation().unwrap());
        assert_eq!(
            s.queue_registry_size_calculation().unwrap(),
            QueueOutcome::Queued
        );
        assert_eq!(
            s.queue_registry_size_calculation().unwrap(),
            QueueOutcome::AlreadyQueued
        );
        assert!(s.start_registry_size_calculation().unwrap());
        assert!(!s.start_registry_size_calculation().unwrap());
        let row = s.registry_size().unwrap().unwrap();
        assert!(row.running && !row.queued);
        assert_eq!(
            s.queue_registry_size_calculation().unwrap(),
            QueueOutcome::AlreadyQueued,
            "running counts as queued"
        );
        s.finish_registry_size_calculation(42, 1_700_000_000_000)
            .unwrap();
        assert_eq!(
            s.registry_size().unwrap(),
            Some(RegistrySize {
                size_bytes: 42,
                completed_ms: Some(1_700_000_000_000),
                running: false,
                queued: false
            })
        );
        assert_eq!(
            s.queue_registry_size_calculation().unwrap(),
            QueueOutcome::Queued
        );
        assert_eq!(s.registry_size().unwrap().unwrap().size_bytes, 42);
    }

    #[test]
    fn requeue_only_touches_a_running_calculation() {
        let (_dir, s) = storage();
        assert!(!s.requeue_registry_size_calculation().unwrap());
        s.queue_registry_size_calculation().unwrap();
        assert!(!s.requeue_registry_size_calculation().unwrap());
        s.start_registry_size_calculation().unwrap();
        assert!(s.requeue_registry_size_calculation().unwrap());
        let row = s.registry_size().unwrap().unwrap();
        assert!(row.queued && !row.running);
    }

    #[test]
    fn batches_walk_every_blob_once() {
        let (_dir, s) = storage();
        {
            let conn = s.conn();
            for (i, size) in [10_i64, 20, 30, 40, 50].iter().enumerate() {
                conn.execute(
                    "INSERT INTO blobs (uuid, content_checksum, image_size, uploading) \
                     VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![format!("u{i}"), format!("sha256:{i}"), size, i == 4],
                )
                .unwrap();
            }
        }
        let mut after = 0;
        let mut total = 0;
        let mut batches = 0;
        loop {
            let b = s.sum_blob_batch(after, 2).unwrap();
            total += b.bytes;
            batches += 1;
            after = b.last_id;
            if b.count < 2 {
                break;
            }
        }
        assert_eq!(total, 150, "uploading blobs count, as in Quay");
        assert_eq!(batches, 3);
        let empty = s.sum_blob_batch(after, 2).unwrap();
        assert_eq!(
            empty,
            BlobBatch {
                count: 0,
                last_id: after,
                bytes: 0
            }
        );
    }
}
