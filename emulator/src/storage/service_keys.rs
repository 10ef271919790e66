//! Service keys and their approvals (Quay's `ServiceKey`, `ServiceKeyApproval`,
//! `data/model/service_keys.py`), with Quay's filters: keys expired longer than
//! `EXPIRED_SERVICE_KEY_TTL_SEC` are never listed, and creating or deleting a key purges its
//! service's stale keys (expired too long, or unapproved longer than
//! `UNAPPROVED_SERVICE_KEY_TTL_SEC`). Times are unix seconds.

use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde_json::{Map, Value};

use super::{user_from_offset_row, Storage, StorageError, UserRecord, USER_COLUMNS};

/// `str(ServiceKeyApprovalType.SUPERUSER)`, as Quay stores and shows it.
pub const SUPERUSER_APPROVAL: &str = "ServiceKeyApprovalType.SUPERUSER";
/// The instance's own key, approved at boot (no approver).
pub const AUTOMATIC_APPROVAL: &str = "ServiceKeyApprovalType.AUTOMATIC";

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceKeyApproval {
    pub id: i64,
    pub approver: Option<UserRecord>,
    pub approval_type: String,
    pub approved_date: i64,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceKeyRecord {
    pub id: i64,
    pub name: String,
    pub kid: String,
    pub service: String,
    /// The public JWK as stored (generated keys: `{"e", "kid", "kty", "n"}`; key-server keys:
    /// the JWK as submitted).
    pub jwk: Value,
    pub metadata: Value,
    pub created_date: i64,
    pub expiration_date: Option<i64>,
    pub rotation_duration: Option<i64>,
    /// `None`: waiting for approval.
    pub approval: Option<ServiceKeyApproval>,
}

/// Quay's two key lifetimes (`UNAPPROVED_SERVICE_KEY_TTL_SEC`, `EXPIRED_SERVICE_KEY_TTL_SEC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceKeyTtls {
    pub unapproved_s: i64,
    pub expired_s: i64,
}

impl Default for ServiceKeyTtls {
    fn default() -> Self {
        ServiceKeyTtls {
            unapproved_s: 86_400,
            expired_s: 7 * 86_400,
        }
    }
}

/// The filters of Quay's `_list_service_keys_query`.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyFilter<'a> {
    pub kid: Option<&'a str>,
    pub service: Option<&'a str>,
    pub approved_only: bool,
    pub alive_only: bool,
}

pub struct NewServiceKey<'a> {
    pub name: &'a str,
    pub kid: &'a str,
    pub service: &'a str,
    pub jwk: &'a Value,
    pub metadata: &'a Value,
    pub expiration_date: Option<i64>,
    pub rotation_duration: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApproveOutcome {
    Approved(Box<ServiceKeyRecord>),
    AlreadyApproved,
    NotFound,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReplaceOutcome {
    Replaced(Box<ServiceKeyRecord>),
    NotFound,
    /// The new kid is already taken (Quay: a unique-constraint 500).
    KidTaken,
}

const KEY_COLUMNS: &str = "k.id, k.name, k.kid, k.service, k.jwk, k.metadata, k.created_date, \
     k.expiration_date, k.rotation_duration, a.id, a.approval_type, a.approved_date, a.notes, \
     a.approver_id";
const KEY_COLUMN_COUNT: usize = 14;

fn json_column(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn key_from_row(row: &Row<'_>) -> rusqlite::Result<ServiceKeyRecord> {
    let approval_id: Option<i64> = row.get(9)?;
    let approver_id: Option<i64> = row.get(13)?;
    let approval = match approval_id {
        Some(id) => Some(ServiceKeyApproval {
            id,
            approver: match approver_id {
                Some(_) => Some(user_from_offset_row(row, KEY_COLUMN_COUNT)?),
                None => None,
            },
            approval_type: row.get(10)?,
            approved_date: row.get(11)?,
            notes: row.get(12)?,
        }),
        None => None,
    };
    Ok(ServiceKeyRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        kid: row.get(2)?,
        service: row.get(3)?,
        jwk: json_column(row.get(4)?),
        metadata: json_column(row.get(5)?),
        created_date: row.get(6)?,
        expiration_date: row.get(7)?,
        rotation_duration: row.get(8)?,
        approval,
    })
}

/// Quay's `_list_service_keys_query`, with SQL's three-valued logic as Quay's query has it (a
/// service's key without expiration that is unapproved and stale is not found either).
fn select_keys(
    conn: &Connection,
    filter: &KeyFilter<'_>,
    ttls: ServiceKeyTtls,
    now: i64,
) -> Result<Vec<ServiceKeyRecord>, StorageError> {
    let sql = format!(
        "SELECT {KEY_COLUMNS}, {USER_COLUMNS} FROM service_keys k \
         LEFT JOIN service_key_approvals a ON a.id = k.approval_id \
         LEFT JOIN users u ON u.id = a.approver_id \
         WHERE (?1 = 0 OR k.approval_id IS NOT NULL) \
         AND (?2 = 0 OR k.expiration_date > ?3 OR k.expiration_date IS NULL) \
         AND (?4 IS NULL OR (k.service = ?4 AND (NOT (k.service = ?4 AND k.expiration_date <= ?3) \
              OR NOT (k.service = ?4 AND k.approval_id IS NULL AND k.created_date <= ?5)))) \
         AND (?6 IS NULL OR k.kid = ?6) \
         AND (NOT (k.expiration_date <= ?7) OR k.expiration_date IS NULL) \
         ORDER BY k.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            filter.approved_only,
            filter.alive_only,
            now,
            filter.service,
            now - ttls.unapproved_s,
            filter.kid,
            now - ttls.expired_s,
        ],
        key_from_row,
    )?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The key with this kid whatever its state (Quay's `ServiceKey.get(kid=…)`).
fn any_key(conn: &Connection, kid: &str) -> Result<Option<ServiceKeyRecord>, StorageError> {
    let sql = format!(
        "SELECT {KEY_COLUMNS}, {USER_COLUMNS} FROM service_keys k \
         LEFT JOIN service_key_approvals a ON a.id = k.approval_id \
         LEFT JOIN users u ON u.id = a.approver_id WHERE k.kid = ?1"
    );
    Ok(conn.query_row(&sql, [kid], key_from_row).optional()?)
}

/// Quay's `_gc_expired`: the service's keys expired longer than the TTL, and its unapproved keys
/// older than theirs.
fn gc_expired(
    conn: &Connection,
    service: &str,
    ttls: ServiceKeyTtls,
    now: i64,
) -> Result<(), StorageError> {
    conn.execute(
        "DELETE FROM service_keys WHERE (service = ?1 AND expiration_date <= ?2) \
         OR (service = ?1 AND approval_id IS NULL AND created_date <= ?3)",
        params![service, now - ttls.expired_s, now - ttls.unapproved_s],
    )?;
    Ok(())
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

impl Storage {
    /// Quay's `list_all_keys`: every key, approved or not, expired ones included unless expired
    /// longer than the TTL; creation order.
    pub fn list_all_service_keys(
        &self,
        ttls: ServiceKeyTtls,
        now: i64,
    ) -> Result<Vec<ServiceKeyRecord>, StorageError> {
        select_keys(&*self.reader()?, &KeyFilter::default(), ttls, now)
    }

    /// Quay's `list_service_keys(service)`: the service's approved, unexpired keys.
    pub fn list_service_keys_of(
        &self,
        service: &str,
        ttls: ServiceKeyTtls,
        now: i64,
    ) -> Result<Vec<ServiceKeyRecord>, StorageError> {
        let filter = KeyFilter {
            service: Some(service),
            approved_only: true,
            alive_only: true,
            ..KeyFilter::default()
        };
        select_keys(&*self.reader()?, &filter, ttls, now)
    }

    /// Quay's `get_service_key(kid, service, alive_only, approved_only)`.
    pub fn find_service_key(
        &self,
        filter: &KeyFilter<'_>,
        ttls: ServiceKeyTtls,
        now: i64,
    ) -> Result<Option<ServiceKeyRecord>, StorageError> {
        Ok(select_keys(&self.conn(), filter, ttls, now)?
            .into_iter()
            .next())
    }

    /// The key with this kid in any state (expired long ago included).
    pub fn service_key_by_kid(&self, kid: &str) -> Result<Option<ServiceKeyRecord>, StorageError> {
        any_key(&self.conn(), kid)
    }

    /// Quay's `create_service_key` (after its service-name check): purges the service's stale
    /// keys, then stores the key (pending). `None` when the kid is taken.
    pub fn create_service_key(
        &self,
        key: &NewServiceKey<'_>,
        ttls: ServiceKeyTtls,
        now: i64,
    ) -> Result<Option<ServiceKeyRecord>, StorageError> {
        let conn = self.conn();
        // Quay's purge is committed on its own, whether the insert then succeeds or not.
        gc_expired(&conn, key.service, ttls, now)?;
        let inserted = conn.execute(
            "INSERT INTO service_keys (name, kid, service, jwk, metadata, created_date, \
             expiration_date, rotation_duration) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                key.name,
                key.kid,
                key.service,
                key.jwk.to_string(),
                key.metadata.to_string(),
                now,
                key.expiration_date,
                key.rotation_duration
            ],
        );
        match inserted {
            Ok(_) => any_key(&conn, key.kid),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Quay's `approve_service_key` on the key with this kid in any state.
    pub fn approve_service_key(
        &self,
        kid: &str,
        approver_id: Option<i64>,
        approval_type: &str,
        notes: &str,
        now: i64,
    ) -> Result<ApproveOutcome, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<Option<i64>> = tx
            .query_row(
                "SELECT approval_id FROM service_keys WHERE kid = ?1",
                [kid],
                |r| r.get(0),
            )
            .optional()?;
        match found {
            None => return Ok(ApproveOutcome::NotFound),
            Some(Some(_)) => return Ok(ApproveOutcome::AlreadyApproved),
            Some(None) => {}
        }
        tx.execute(
            "INSERT INTO service_key_approvals (approver_id, approval_type, approved_date, notes) \
             VALUES (?1, ?2, ?3, ?4)",
            params![approver_id, approval_type, now, notes],
        )?;
        let approval_id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE service_keys SET approval_id = ?2 WHERE kid = ?1",
            params![kid, approval_id],
        )?;
        let key = any_key(&tx, kid)?;
        tx.commit()?;
        Ok(key.map_or(ApproveOutcome::NotFound, |k| {
            ApproveOutcome::Approved(Box::new(k))
        }))
    }

    /// Quay's `update_service_key`: a new name, and metadata merged into the stored object.
    /// Whether the key exists.
    pub fn update_service_key(
        &self,
        kid: &str,
        name: Option<&str>,
        metadata: Option<&Map<String, Value>>,
    ) -> Result<bool, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(key) = any_key(&tx, kid)? else {
            return Ok(false);
        };
        let mut merged = match key.metadata {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        if let Some(extra) = metadata {
            merged.extend(extra.clone());
        }
        tx.execute(
            "UPDATE service_keys SET name = ?2, metadata = ?3 WHERE kid = ?1",
            params![
                kid,
                name.unwrap_or(key.name.as_str()),
                Value::Object(merged).to_string()
            ],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Quay's `set_key_expiration` (`None`: never expires). Whether the key exists.
    pub fn set_service_key_expiration(
        &self,
        kid: &str,
        expiration_date: Option<i64>,
    ) -> Result<bool, StorageError> {
        Ok(self.conn().execute(
            "UPDATE service_keys SET expiration_date = ?2 WHERE kid = ?1",
            params![kid, expiration_date],
        )? > 0)
    }

    /// Quay's `delete_service_key`: the key with this kid in any state, then the purge of its
    /// service's stale keys. The deleted key, if there was one.
    pub fn delete_service_key(
        &self,
        kid: &str,
        ttls: ServiceKeyTtls,
        now: i64,
    ) -> Result<Option<ServiceKeyRecord>, StorageError> {
        let conn = self.conn();
        let Some(key) = any_key(&conn, kid)? else {
            return Ok(None);
        };
        conn.execute("DELETE FROM service_keys WHERE kid = ?1", [kid])?;
        gc_expired(&conn, &key.service, ttls, now)?;
        Ok(Some(key))
    }

    /// Quay's `replace_service_key` (key rotation): a new key `kid` with the old key's name,
    /// service, rotation duration and approval, its metadata merged with `metadata`; the old key
    /// is deleted and the service's stale keys purged.
    pub fn replace_service_key(
        &self,
        old_kid: &str,
        new: &NewServiceKey<'_>,
        ttls: ServiceKeyTtls,
        now: i64,
    ) -> Result<ReplaceOutcome, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(old) = any_key(&tx, old_kid)? else {
            return Ok(ReplaceOutcome::NotFound);
        };
        let mut metadata = match old.metadata {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        if let Value::Object(extra) = new.metadata {
            metadata.extend(extra.clone());
        }
        let inserted = tx.execute(
            "INSERT INTO service_keys (name, kid, service, jwk, metadata, created_date, \
             expiration_date, rotation_duration, approval_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                old.name,
                new.kid,
                old.service,
                new.jwk.to_string(),
                Value::Object(metadata).to_string(),
                now,
                new.expiration_date,
                old.rotation_duration,
                old.approval.as_ref().map(|a| a.id)
            ],
        );
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => return Ok(ReplaceOutcome::KidTaken),
            Err(e) => return Err(e.into()),
        }
        tx.execute("DELETE FROM service_keys WHERE id = ?1", [old.id])?;
        let replaced = any_key(&tx, new.kid)?;
        tx.commit()?;
        gc_expired(&conn, &old.service, ttls, now)?;
        Ok(replaced.map_or(ReplaceOutcome::NotFound, |k| {
            ReplaceOutcome::Replaced(Box::new(k))
        }))
    }

    /// Quay's `get_minimum_user_id`: the namespace that service-key log entries belong to.
    pub fn minimum_user_id(&self) -> Result<Option<i64>, StorageError> {
        Ok(self
            .conn()
            .query_row("SELECT MIN(id) FROM users", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn storage() -> (tempfile::TempDir, Storage) {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::open(&dir.path().join("r.db")).unwrap();
        (dir, storage)
    }

    fn new_key<'a>(
        kid: &'a str,
        service: &'a str,
        jwk: &'a Value,
        meta: &'a Value,
    ) -> NewServiceKey<'a> {
        NewServiceKey {
            name: "",
            kid,
            service,
            jwk,
            metadata: meta,
            expiration_date: None,
            rotation_duration: None,
        }
    }

    #[test]
    fn create_approve_and_filters() {
        let (_dir, s) = storage();
        let ttls = ServiceKeyTtls::default();
        let (jwk, meta) = (json!({"kty": "RSA"}), json!({"ip": "1.2.3.4"}));
        let now = 1_800_000_000;
        let key = s
            .create_service_key(&new_key("k1", "svc", &jwk, &meta), ttls, now)
            .unwrap()
            .unwrap();
        assert_eq!(key.approval, None);
        assert_eq!(key.metadata, meta);
        assert!(s
            .create_service_key(&new_key("k1", "svc", &jwk, &meta), ttls, now)
            .unwrap()
            .is_none());
        assert!(s.list_service_keys_of("svc", ttls, now).unwrap().is_empty());
        assert_eq!(
            s.approve_service_key("k1", None, AUTOMATIC_APPROVAL, "n", now)
                .unwrap(),
            ApproveOutcome::Approved(Box::new(s.service_key_by_kid("k1").unwrap().unwrap()))
        );
        assert_eq!(
            s.approve_service_key("k1", None, AUTOMATIC_APPROVAL, "", now)
                .unwrap(),
            ApproveOutcome::AlreadyApproved
        );
        assert_eq!(
            s.approve_service_key("nope", None, AUTOMATIC_APPROVAL, "", now)
                .unwrap(),
            ApproveOutcome::NotFound
        );
        assert_eq!(s.list_service_keys_of("svc", ttls, now).unwrap().len(), 1);
        // Expired more than a week ago: neither listed nor found, but still deletable.
        s.set_service_key_expiration("k1", Some(now - 8 * 86_400))
            .unwrap();
        assert!(s.list_all_service_keys(ttls, now).unwrap().is_empty());
        let filter = KeyFilter {
            kid: Some("k1"),
            ..KeyFilter::default()
        };
        assert!(s.find_service_key(&filter, ttls, now).unwrap().is_none());
        assert!(s.delete_service_key("k1", ttls, now).unwrap().is_some());
        assert!(s.delete_service_key("k1", ttls, now).unwrap().is_none());
    }

    #[test]
    fn stale_unapproved_keys_are_purged_on_create() {
        let (_dir, s) = storage();
        let ttls = ServiceKeyTtls::default();
        let (jwk, meta) = (json!({}), json!({}));
        let now = 1_800_000_000;
        s.create_service_key(&new_key("old", "svc", &jwk, &meta), ttls, now - 2 * 86_400)
            .unwrap();
        s.create_service_key(
            &new_key("other", "svc2", &jwk, &meta),
            ttls,
            now - 2 * 86_400,
        )
        .unwrap();
        s.create_service_key(&new_key("new", "svc", &jwk, &meta), ttls, now)
            .unwrap();
        let kids: Vec<String> = s
            .list_all_service_keys(ttls, now)
            .unwrap()
            .into_iter()
            .map(|k| k.kid)
            .collect();
        assert_eq!(kids, ["other", "new"]);
    }

    #[test]
    fn rotation_keeps_name_approval_and_merges_metadata() {
        let (_dir, s) = storage();
        let ttls = ServiceKeyTtls::default();
        let (jwk, meta) = (json!({"kty": "RSA"}), json!({"ip": "a", "x": 1}));
        let now = 1_800_000_000;
        s.create_service_key(&new_key("k1", "svc", &jwk, &meta), ttls, now)
            .unwrap();
        s.update_service_key("k1", Some("named"), None).unwrap();
        s.approve_service_key("k1", None, SUPERUSER_APPROVAL, "", now)
            .unwrap();
        let (jwk2, meta2) = (json!({"kty": "EC"}), json!({"ip": "b"}));
        let ReplaceOutcome::Replaced(key) = s
            .replace_service_key("k1", &new_key("k2", "ignored", &jwk2, &meta2), ttls, now)
            .unwrap()
        else {
            panic!()
        };
        assert_eq!((key.name.as_str(), key.service.as_str()), ("named", "svc"));
        assert_eq!(key.metadata, json!({"ip": "b", "x": 1}));
        assert!(key.approval.is_some());
        assert!(s.service_key_by_kid("k1").unwrap().is_none());
    }
}
