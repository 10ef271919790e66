//! Real storage usage, through the library (Quay stores images through the registry protocol,
//! which the emulator does not serve): repositories, the blobs they reference, and the namespace
//! and repository sizes Quay derives from them, so that `quota_report` in the user and
//! organization views reflects stored data.
//!
//! * A blob is stored once per digest (Quay's `ImageStorage`) and shared by every repository, of
//!   any namespace, that references it.
//! * After every change the repository's size and its namespace's size are recomputed as Quay's
//!   `data/model/quota.py` computes them: the sum over the *distinct* blobs of the repository /
//!   of all repositories of the namespace. The result is a completed backfill (there is no
//!   background worker to wait for). As in Quay, sizes are kept for enabled users and
//!   organizations only.
//! * A blob no repository references any more is dropped at once (Quay's garbage collection), so
//!   the registry size stops counting it.
//!
//! Every function works on the database file of a running emulator (SQLite WAL allows a second
//! connection), like [`crate::seed`].

use std::path::Path;

use rusqlite::Connection;

use crate::storage::{BlobLink, Storage, StorageError};

pub use crate::storage::RecomputedSizes;

fn open(db: &Path) -> Result<Storage, String> {
    Storage::open(db).map_err(|e| e.to_string())
}

fn namespace_id(storage: &Storage, namespace: &str) -> Result<i64, String> {
    storage
        .user_or_org_id(namespace)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user or organization {namespace}"))
}

fn repository_id(storage: &Storage, namespace: &str, repository: &str) -> Result<i64, String> {
    let ns = namespace_id(storage, namespace)?;
    storage
        .repository_id(ns, repository)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no repository {namespace}/{repository}"))
}

/// Quay's repository name rule: `^[a-z0-9][.a-z0-9_-]{0,254}$`.
fn valid_repository_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    (1..=255).contains(&bytes.len())
        && (bytes[0].is_ascii_digit() || bytes[0].is_ascii_lowercase())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b".-_".contains(b))
}

/// `sha256:` and 64 lowercase hexadecimal digits.
fn valid_digest(digest: &str) -> bool {
    digest.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// `sha256:<hex>` of `content`: a digest for [`add_blob`].
pub fn digest_of(content: &[u8]) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(content);
    let hex = crate::crypto::hex_lower(&hash);
    format!("sha256:{hex}")
}

/// Creates an empty image repository `namespace/name` (a user's or an organization's).
pub fn create_repository(
    db: &Path,
    namespace: &str,
    name: &str,
    public: bool,
) -> Result<(), String> {
    if !valid_repository_name(name) {
        return Err(format!("invalid repository name {name:?}"));
    }
    let storage = open(db)?;
    let ns = namespace_id(&storage, namespace)?;
    storage
        .create_repository(ns, name, public)
        .map_err(|e| e.to_string())?
        .map(drop)
        .ok_or_else(|| format!("repository {namespace}/{name} already exists"))
}

/// References the blob `digest` of `size_bytes` bytes from `namespace/repository` (see
/// [`add_blobs`]).
pub fn add_blob(
    db: &Path,
    namespace: &str,
    repository: &str,
    digest: &str,
    size_bytes: i64,
) -> Result<(), String> {
    add_blobs(db, namespace, repository, &[(digest, size_bytes)])
}

/// References the blobs `(digest, size in bytes)` from `namespace/repository`, in one
/// transaction. A digest already stored (by any repository) is the same blob and must have the
/// same size; one already referenced by this repository is left as it is.
pub fn add_blobs(
    db: &Path,
    namespace: &str,
    repository: &str,
    blobs: &[(&str, i64)],
) -> Result<(), String> {
    if let Some((digest, _)) = blobs.iter().find(|(d, _)| !valid_digest(d)) {
        return Err(format!(
            "invalid digest {digest:?} (expected sha256:<64 hex>)"
        ));
    }
    if let Some((digest, size)) = blobs.iter().find(|(_, s)| *s < 0) {
        return Err(format!("negative size {size} for {digest}"));
    }
    let storage = open(db)?;
    let repo = repository_id(&storage, namespace, repository)?;
    match storage
        .add_repository_blobs(repo, blobs)
        .map_err(|e| e.to_string())?
    {
        BlobLink::Linked { .. } => Ok(()),
        BlobLink::SizeConflict {
            digest,
            stored,
            given,
        } => Err(format!(
            "blob {digest} is stored with {stored} bytes, not {given}"
        )),
    }
}

/// Removes the reference of `namespace/repository` to the blob `digest`. Whether the
/// repository referenced it.
pub fn remove_blob(
    db: &Path,
    namespace: &str,
    repository: &str,
    digest: &str,
) -> Result<bool, String> {
    let storage = open(db)?;
    let repo = repository_id(&storage, namespace, repository)?;
    storage
        .remove_repository_blob(repo, digest)
        .map_err(|e| e.to_string())
}

/// Deletes `namespace/repository` with its blob references (and builds, triggers, size).
pub fn delete_repository(db: &Path, namespace: &str, repository: &str) -> Result<(), String> {
    let storage = open(db)?;
    let repo = repository_id(&storage, namespace, repository)?;
    storage
        .delete_repository(repo)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The namespace's stored size in bytes (`quota_report.quota_bytes`); `None` without a size row.
pub fn namespace_size(db: &Path, namespace: &str) -> Result<Option<i64>, String> {
    let storage = open(db)?;
    let ns = namespace_id(&storage, namespace)?;
    Ok(storage
        .namespace_size(ns)
        .map_err(|e| e.to_string())?
        .map(|s| s.size_bytes))
}

/// The repository's stored size in bytes; `None` without a size row.
pub fn repository_size(
    db: &Path,
    namespace: &str,
    repository: &str,
) -> Result<Option<i64>, String> {
    let storage = open(db)?;
    let repo = repository_id(&storage, namespace, repository)?;
    Ok(storage
        .repository_size(repo)
        .map_err(|e| e.to_string())?
        .map(|s| s.size_bytes))
}

/// Recomputes the size of every (eligible) namespace that has a repository and of each of its
/// repositories, e.g. after blobs were written straight into the database.
#[cfg(test)]
pub fn recompute_all(db: &Path) -> Result<RecomputedSizes, String> {
    open(db)?.recompute_all_sizes().map_err(|e| e.to_string())
}

/// [`recompute_all`] on an open connection (inside the caller's transaction), with the given
/// backfill start time (unix milliseconds): what the demo seed uses.
pub fn recompute_all_in(
    conn: &Connection,
    backfill_start_ms: i64,
) -> Result<RecomputedSizes, StorageError> {
    crate::storage::recompute_all(conn, backfill_start_ms)
}

/// `(namespace id, bytes)` of every namespace that has a repository, eligible or not: the sum
/// over its distinct blobs (Quay's `get_namespace_total`).
pub fn namespace_totals_in(conn: &Connection) -> Result<Vec<(i64, i64)>, StorageError> {
    crate::storage::namespace_totals(conn)
}

/// Puts the namespace's size in the state of a backfill that has started and not finished
/// (Quay shows 0 bytes, status `running`, until it completes).
pub fn mark_backfill_running_in(
    conn: &Connection,
    namespace_id: i64,
    backfill_start_ms: i64,
) -> Result<(), StorageError> {
    crate::storage::mark_backfill_running(conn, namespace_id, backfill_start_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_digests() {
        for ok in ["a", "0", "a..b", "x-y_z.v1", &"r".repeat(255)] {
            assert!(valid_repository_name(ok), "{ok}");
        }
        for bad in ["", "A", ".a", "-a", "a/b", "a b", &"r".repeat(256)] {
            assert!(!valid_repository_name(bad), "{bad}");
        }
        let d = digest_of(b"layer");
        assert!(valid_digest(&d), "{d}");
        assert_eq!(
            digest_of(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(!valid_digest("sha256:ABC"));
        assert!(!valid_digest(&d.to_uppercase()));
        assert!(!valid_digest(
            "md5:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        ));
    }

    #[test]
    fn shared_blobs_count_once_per_namespace() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        crate::seed::create_user(&db, "alice", "password1", "a@example.com").unwrap();
        crate::seed::create_user(&db, "bob", "password1", "b@example.com").unwrap();
        let (a, b, c) = (digest_of(b"a"), digest_of(b"b"), digest_of(b"c"));
        create_repository(&db, "alice", "one", false).unwrap();
        assert_eq!(namespace_size(&db, "alice").unwrap(), Some(0));
        assert_eq!(repository_size(&db, "alice", "one").unwrap(), Some(0));
        create_repository(&db, "alice", "two", true).unwrap();
        create_repository(&db, "bob", "one", false).unwrap();
        assert!(create_repository(&db, "alice", "one", false).is_err());
        add_blobs(&db, "alice", "one", &[(&a, 100), (&b, 20)]).unwrap();
        add_blobs(&db, "alice", "two", &[(&a, 100), (&c, 3)]).unwrap();
        add_blob(&db, "bob", "one", &a, 100).unwrap();
        assert_eq!(namespace_size(&db, "alice").unwrap(), Some(123));
        assert_eq!(repository_size(&db, "alice", "one").unwrap(), Some(120));
        assert_eq!(repository_size(&db, "alice", "two").unwrap(), Some(103));
        assert_eq!(namespace_size(&db, "bob").unwrap(), Some(100));
        // Same digest, other size: refused, nothing changed.
        assert!(add_blobs(&db, "bob", "one", &[(&c, 3), (&b, 21)]).is_err());
        assert_eq!(namespace_size(&db, "bob").unwrap(), Some(100));
        assert!(add_blob(&db, "bob", "one", "sha256:x", 1).is_err());
        assert!(add_blob(&db, "nobody", "one", &a, 100).is_err());

        assert!(remove_blob(&db, "alice", "one", &a).unwrap());
        assert!(!remove_blob(&db, "alice", "one", &a).unwrap());
        assert_eq!(namespace_size(&db, "alice").unwrap(), Some(123));
        assert_eq!(repository_size(&db, "alice", "one").unwrap(), Some(20));
        delete_repository(&db, "alice", "two").unwrap();
        assert_eq!(namespace_size(&db, "alice").unwrap(), Some(20));
        assert!(repository_size(&db, "alice", "two").is_err());
        // `c` is gone (no reference left), `a` is still bob's.
        let conn = Connection::open(&db).unwrap();
        let count = |digest: &str| -> i64 {
            conn.query_row(
                "SELECT COUNT(*) FROM blobs WHERE content_checksum = ?1",
                [digest],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!((count(&a), count(&b), count(&c)), (1, 1, 0));

        // A full recomputation agrees with the incremental one.
        conn.execute("UPDATE namespace_size SET size_bytes = 7", [])
            .unwrap();
        let counts = recompute_all(&db).unwrap();
        assert_eq!(counts.namespaces, 2);
        assert_eq!(counts.repositories, 2);
        assert_eq!(namespace_size(&db, "alice").unwrap(), Some(20));
        assert_eq!(namespace_size(&db, "bob").unwrap(), Some(100));

        // Disabled namespaces keep their size as it was (Quay's eligible_namespace).
        crate::seed::set_user_enabled(&db, "bob", false).unwrap();
        delete_repository(&db, "bob", "one").unwrap();
        assert_eq!(namespace_size(&db, "bob").unwrap(), Some(100));
    }
}
