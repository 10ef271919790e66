//! What the superuser panel reads and writes: namespace listings with their quotas and sizes,
//! temporary-password users, deletion marks, take ownership, renames, organization details,
//! e-mail codes and the local outbox.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};

use super::{
    user_by_id, user_from_row, QuotaLimit, QuotaRecord, Storage, StorageError, UserRecord,
    USER_COLUMNS,
};

/// Quay's `QuotaNamespaceSize` row of a namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamespaceSize {
    pub size_bytes: i64,
    /// Milliseconds since the Unix epoch.
    pub backfill_start_ms: Option<i64>,
    pub backfill_complete: bool,
}

/// Users or organizations (robots are never listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamespaceKind {
    User,
    Organization,
}

/// One query of Quay's `get_active_users` / `get_organizations`, optionally paginated the way
/// `modelutil.paginate` does it (`id >= start_id`, `LIMIT fetch`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamespaceQuery {
    pub kind: NamespaceKind,
    /// `disabled=false`: enabled namespaces only (deleted ones are disabled anyway); otherwise
    /// every namespace not marked as deleted.
    pub only_enabled: bool,
    pub start_id: Option<i64>,
    pub offset: i64,
    /// SQLite's `LIMIT`: a negative value means no limit, as in SQLite.
    pub fetch: Option<i64>,
}

/// Quotas and sizes of a set of namespaces, loaded together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamespaceDetails {
    pub quotas: HashMap<i64, Vec<QuotaRecord>>,
    pub sizes: HashMap<i64, NamespaceSize>,
}

impl NamespaceDetails {
    pub fn quotas_of(&self, namespace_id: i64) -> &[QuotaRecord] {
        self.quotas
            .get(&namespace_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn size_of(&self, namespace_id: i64) -> Option<&NamespaceSize> {
        self.sizes.get(&namespace_id)
    }
}

/// What marking a namespace for deletion did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeletionMark {
    /// Renamed to a UUID, disabled, its name reserved.
    Marked,
    /// Quay's `mark_namespace_for_deletion` returns early for a disabled namespace.
    AlreadyDisabled,
}

/// What taking ownership did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// The caller is (now) on the organization's admin team.
    OrganizationAdmin,
    /// The user became an organization with an `owners` team holding the caller.
    ConvertedUser,
    /// The organization has no admin team (only a deleted organization lost it).
    NoAdminTeam,
}

/// One message of the local outbox (what Quay would have sent by SMTP).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    pub html: String,
    /// Unix seconds.
    pub created: i64,
}

/// An organization's team as its detail view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSummary {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub description: String,
    pub member_count: i64,
    /// Whether the user asked about is on the team.
    pub is_member: bool,
}

fn kind_flag(kind: NamespaceKind) -> bool {
    kind == NamespaceKind::Organization
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

impl Storage {
    /// Namespaces of one kind (never robots) in id order; see `NamespaceQuery`.
    pub fn list_namespaces(&self, q: &NamespaceQuery) -> Result<Vec<UserRecord>, StorageError> {
        let filter = if q.only_enabled {
            "u.enabled = 1"
        } else {
            "u.id NOT IN (SELECT namespace_id FROM deleted_namespaces)"
        };
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.organization = ?1 AND u.robot = 0 \
             AND {filter} AND u.id >= ?2 ORDER BY u.id LIMIT ?3 OFFSET ?4"
        );
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                kind_flag(q.kind),
                q.start_id.unwrap_or(i64::MIN),
                q.fetch.unwrap_or(-1),
                q.offset.max(0)
            ],
            user_from_row,
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Quotas (with their limits) and sizes of every namespace whose id lies in
    /// `first_id..=last_id`: three queries whatever the number of namespaces.
    pub fn namespace_details(
        &self,
        first_id: i64,
        last_id: i64,
    ) -> Result<NamespaceDetails, StorageError> {
        let conn = self.reader()?;
        let mut details = NamespaceDetails::default();
        let mut stmt = conn.prepare_cached(
            "SELECT q.namespace_id, q.id, q.limit_bytes FROM quotas q \
             WHERE q.namespace_id BETWEEN ?1 AND ?2 ORDER BY q.id",
        )?;
        let quotas = stmt
            .query_map([first_id, last_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT l.quota_id, l.id, l.limit_type, l.percent_of_limit FROM quota_limits l \
             JOIN quotas q ON q.id = l.quota_id WHERE q.namespace_id BETWEEN ?1 AND ?2 \
             ORDER BY l.id",
        )?;
        let mut limits: HashMap<i64, Vec<QuotaLimit>> = HashMap::new();
        let rows = stmt.query_map([first_id, last_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                QuotaLimit {
                    id: r.get(1)?,
                    limit_type: r.get(2)?,
                    percent_of_limit: r.get(3)?,
                },
            ))
        })?;
        for row in rows {
            let (quota_id, limit) = row?;
            limits.entry(quota_id).or_default().push(limit);
        }
        for (namespace_id, id, limit_bytes) in quotas {
            details
                .quotas
                .entry(namespace_id)
                .or_default()
                .push(QuotaRecord {
                    id,
                    limit_bytes,
                    limits: limits.remove(&id).unwrap_or_default(),
                });
        }
        let mut stmt = conn.prepare_cached(
            "SELECT namespace_id, size_bytes, backfill_start_ms, backfill_complete \
             FROM namespace_size WHERE namespace_id BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map([first_id, last_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                NamespaceSize {
                    size_bytes: r.get(1)?,
                    backfill_start_ms: r.get(2)?,
                    backfill_complete: r.get(3)?,
                },
            ))
        })?;
        for row in rows {
            let (id, size) = row?;
            details.sizes.insert(id, size);
        }
        Ok(details)
    }

    /// The size row of one namespace, if the (absent) size worker ever wrote one.
    pub fn namespace_size(&self, namespace_id: i64) -> Result<Option<NamespaceSize>, StorageError> {
        Ok(self
            .reader()?
            .query_row(
                "SELECT size_bytes, backfill_start_ms, backfill_complete FROM namespace_size \
                 WHERE namespace_id = ?1",
                [namespace_id],
                size_from_row,
            )
            .optional()?)
    }

    /// Writes (or replaces) a namespace's size row, as Quay's size worker would.
    pub fn set_namespace_size(
        &self,
        namespace_id: i64,
        size: &NamespaceSize,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO namespace_size (namespace_id, size_bytes, backfill_start_ms, \
             backfill_complete) VALUES (?1, ?2, ?3, ?4)",
            params![
                namespace_id,
                size.size_bytes,
                size.backfill_start_ms,
                size.backfill_complete
            ],
        )?;
        Ok(())
    }

    /// Quay's `get_nonrobot_user`: the user (not an organization, not a robot) with this name.
    pub fn nonrobot_user(&self, username: &str) -> Result<Option<UserRecord>, StorageError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.username = ?1 AND u.organization = 0 \
             AND u.robot = 0"
        );
        Ok(self
            .reader()?
            .query_row(&sql, [username], user_from_row)
            .optional()?)
    }

    /// Quay's `find_user_by_email`: the first user (not an organization) with this e-mail.
    pub fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StorageError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.email = ?1 AND u.organization = 0 \
             ORDER BY u.id LIMIT 1"
        );
        Ok(self
            .conn()
            .query_row(&sql, [email], user_from_row)
            .optional()?)
    }

    /// Inserts a user the way Quay's `create_user` does once its checks passed. `None` when the
    /// name was taken in the meantime.
    pub fn insert_user(
        &self,
        username: &str,
        email: &str,
        password_hash: &str,
        verified: bool,
        tag_expiration_s: i64,
    ) -> Result<Option<UserRecord>, StorageError> {
        let conn = self.conn();
        let inserted = conn.execute(
            "INSERT INTO users (uuid, username, email, password_hash, verified, \
             removed_tag_expiration_s, creation_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                uuid::Uuid::new_v4().to_string(),
                username,
                email,
                password_hash,
                verified,
                tag_expiration_s,
                self.now()
            ],
        );
        match inserted {
            Ok(_) => Ok(user_by_id(&conn, conn.last_insert_rowid())?),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Quay's `change_password`: the new hash, the sign-in back-off reset and every session of
    /// the user ended (Quay rotates the user's UUID, which invalidates them).
    pub fn change_password(&self, user_id: i64, password_hash: &str) -> Result<(), StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE users SET password_hash = ?2, invalid_login_attempts = 0, uuid = ?3 \
             WHERE id = ?1",
            params![user_id, password_hash, uuid::Uuid::new_v4().to_string()],
        )?;
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user_id])?;
        tx.commit()?;
        Ok(())
    }

    /// Quay's `update_email`.
    pub fn update_email(
        &self,
        namespace_id: i64,
        email: &str,
        verified: bool,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET email = ?2, verified = ?3 WHERE id = ?1",
            params![namespace_id, email, verified],
        )?;
        Ok(())
    }

    /// A namespace's e-mail, nothing else.
    pub fn set_namespace_email(&self, namespace_id: i64, email: &str) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET email = ?2 WHERE id = ?1",
            params![namespace_id, email],
        )?;
        Ok(())
    }

    pub fn set_invoice_email(&self, namespace_id: i64, on: bool) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET invoice_email = ?2 WHERE id = ?1",
            params![namespace_id, on],
        )?;
        Ok(())
    }

    pub fn set_invoice_email_address(
        &self,
        namespace_id: i64,
        address: Option<&str>,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET invoice_email_address = ?2 WHERE id = ?1",
            params![namespace_id, address],
        )?;
        Ok(())
    }

    pub fn set_tag_expiration(
        &self,
        namespace_id: i64,
        tag_expiration_s: i64,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET removed_tag_expiration_s = ?2 WHERE id = ?1",
            params![namespace_id, tag_expiration_s],
        )?;
        Ok(())
    }

    /// Quay's `change_username` (no robots exist to rename). `false` when the name is taken.
    pub fn rename_namespace(
        &self,
        namespace_id: i64,
        new_name: &str,
    ) -> Result<bool, StorageError> {
        let changed = self.conn().execute(
            "UPDATE users SET username = ?2 WHERE id = ?1",
            params![namespace_id, new_name],
        );
        match changed {
            Ok(_) => Ok(true),
            Err(e) if is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Quay's `mark_namespace_for_deletion(force=True)`: unless the namespace is disabled, its
    /// linked data goes (an organization's teams and OAuth applications with their tokens, a
    /// user's team memberships; quotas and size either way), its name is reserved, and it is
    /// disabled and renamed to a random UUID with a random UUID as e-mail.
    pub fn mark_namespace_deleted(&self, namespace_id: i64) -> Result<DeletionMark, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let Some(ns) = user_by_id(&tx, namespace_id)? else {
            return Ok(DeletionMark::AlreadyDisabled);
        };
        if !ns.enabled {
            return Ok(DeletionMark::AlreadyDisabled);
        }
        delete_linked_data(&tx, &ns)?;
        let marked = tx.execute(
            "INSERT OR IGNORE INTO deleted_namespaces (namespace_id, marked, original_username, \
             original_email) VALUES (?1, ?2, ?3, ?4)",
            params![ns.id, self.now(), ns.username, ns.email],
        )?;
        if marked == 1 {
            tx.execute(
                "UPDATE users SET enabled = 0, username = ?2, email = ?3 WHERE id = ?1",
                params![
                    ns.id,
                    uuid::Uuid::new_v4().to_string(),
                    uuid::Uuid::new_v4().to_string()
                ],
            )?;
        }
        tx.commit()?;
        Ok(DeletionMark::Marked)
    }

    /// Quay's `take_ownership`: an organization gets the caller on its (first) admin team; a user
    /// is converted into an organization (password removed) with an `owners` team holding the
    /// caller.
    pub fn take_ownership(
        &self,
        namespace_id: i64,
        caller_id: i64,
    ) -> Result<Ownership, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let Some(ns) = user_by_id(&tx, namespace_id)? else {
            return Ok(Ownership::NoAdminTeam);
        };
        let outcome = if ns.organization {
            let team: Option<i64> = tx
                .query_row(
                    "SELECT id FROM teams WHERE organization_id = ?1 AND role = 'admin' \
                     ORDER BY id LIMIT 1",
                    [ns.id],
                    |r| r.get(0),
                )
                .optional()?;
            match team {
                Some(team_id) => {
                    tx.execute(
                        "INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?1, ?2)",
                        params![team_id, caller_id],
                    )?;
                    Ownership::OrganizationAdmin
                }
                None => Ownership::NoAdminTeam,
            }
        } else {
            tx.execute(
                "UPDATE users SET organization = 1, password_hash = NULL WHERE id = ?1",
                [ns.id],
            )?;
            tx.execute(
                "INSERT INTO teams (organization_id, name, role) VALUES (?1, 'owners', 'admin')",
                [ns.id],
            )?;
            let team_id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO team_members (team_id, user_id) VALUES (?1, ?2)",
                params![team_id, caller_id],
            )?;
            Ownership::ConvertedUser
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Teams of an organization in creation order, with whether `user_id` is on each.
    pub fn org_team_summaries(
        &self,
        org_id: i64,
        user_id: Option<i64>,
    ) -> Result<Vec<TeamSummary>, StorageError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT t.id, t.name, t.role, t.description, \
             (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id), \
             EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.user_id = ?2) \
             FROM teams t WHERE t.organization_id = ?1 ORDER BY t.id",
        )?;
        let rows = stmt.query_map(params![org_id, user_id], |r| {
            Ok(TeamSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                description: r.get(3)?,
                member_count: r.get(4)?,
                is_member: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// A new e-mail code for the user (Quay's `EmailConfirmation`); returns Quay's public/private
    /// token, `base64("<code>:<private>")`.
    pub fn create_email_code(
        &self,
        user_id: i64,
        pw_reset: bool,
        email_confirm: bool,
    ) -> Result<String, StorageError> {
        use base64::Engine;
        let code = crate::crypto::random_alnum(16);
        let private = crate::crypto::random_alnum(32);
        self.conn().execute(
            "INSERT INTO email_confirmations (code, verification_hash, user_id, pw_reset, \
             email_confirm, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                code,
                crate::crypto::sha256_hex(&private),
                user_id,
                pw_reset,
                email_confirm,
                self.now()
            ],
        )?;
        Ok(base64::engine::general_purpose::STANDARD.encode(format!("{code}:{private}")))
    }

    /// Puts a message into the local outbox.
    pub fn send_mail(
        &self,
        recipient: &str,
        subject: &str,
        body: &str,
        html: &str,
    ) -> Result<i64, StorageError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO outbox (recipient, subject, body, html, created) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![recipient, subject, body, html, self.now()],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// The outbox, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxMessage>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, recipient, subject, body, html, created FROM outbox ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(OutboxMessage {
                id: r.get(0)?,
                recipient: r.get(1)?,
                subject: r.get(2)?,
                body: r.get(3)?,
                html: r.get(4)?,
                created: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// Quay's `_delete_user_linked_data`, for what the emulator stores.
fn delete_linked_data(tx: &Transaction<'_>, ns: &UserRecord) -> Result<(), StorageError> {
    if ns.organization {
        tx.execute(
            "DELETE FROM team_members WHERE team_id IN \
             (SELECT id FROM teams WHERE organization_id = ?1)",
            [ns.id],
        )?;
        tx.execute("DELETE FROM teams WHERE organization_id = ?1", [ns.id])?;
        let apps = "(SELECT id FROM oauth_applications WHERE organization_id = ?1)";
        tx.execute(
            &format!("DELETE FROM oauth_access_tokens WHERE application_id IN {apps}"),
            [ns.id],
        )?;
        tx.execute(
            &format!("DELETE FROM oauth_authorization_codes WHERE application_id IN {apps}"),
            [ns.id],
        )?;
        tx.execute(
            "DELETE FROM oauth_applications WHERE organization_id = ?1",
            [ns.id],
        )?;
    } else {
        tx.execute("DELETE FROM team_members WHERE user_id = ?1", [ns.id])?;
    }
    tx.execute(
        "DELETE FROM quota_limits WHERE quota_id IN (SELECT id FROM quotas WHERE namespace_id = ?1)",
        [ns.id],
    )?;
    tx.execute("DELETE FROM quotas WHERE namespace_id = ?1", [ns.id])?;
    tx.execute(
        "DELETE FROM namespace_size WHERE namespace_id = ?1",
        [ns.id],
    )?;
    Ok(())
}

/// A `namespace_size` or `repository_size` row (`size_bytes, backfill_start_ms,
/// backfill_complete`).
pub(crate) fn size_from_row(r: &rusqlite::Row) -> rusqlite::Result<NamespaceSize> {
    Ok(NamespaceSize {
        size_bytes: r.get(0)?,
        backfill_start_ms: r.get(1)?,
        backfill_complete: r.get(2)?,
    })
}
