//! Users, organizations, teams, sessions and the sign-in back-off.

use rusqlite::{params, OptionalExtension};

use super::{
    insert_session, user_by_id, user_from_offset_row, user_from_row, NewSession, SessionRecord,
    Storage, StorageError, UserRecord, USER_COLUMNS,
};

/// A namespace that can sign in, with what the password check needs.
#[derive(Debug, Clone)]
pub struct LoginRecord {
    pub user: UserRecord,
    pub password_hash: Option<String>,
    pub invalid_login_attempts: i64,
    pub last_invalid_login_ms: Option<i64>,
}

pub struct NewOrganization {
    pub name: String,
    /// The stored e-mail (a random UUID when none was given).
    pub email: String,
    pub tag_expiration_s: i64,
    pub creator_id: i64,
}

impl Storage {
    /// Quay's `verify_user` lookup: the namespace called `username_or_email`, or the user (not an
    /// organization) with that e-mail.
    pub fn login_record(
        &self,
        username_or_email: &str,
    ) -> Result<Option<LoginRecord>, StorageError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash, u.invalid_login_attempts, \
             u.last_invalid_login_ms FROM users u \
             WHERE u.username = ?1 OR (u.email = ?1 AND u.organization = 0) \
             ORDER BY u.username = ?1 DESC, u.id LIMIT 1"
        );
        let conn = self.conn();
        Ok(conn
            .query_row(&sql, [username_or_email], |row| {
                Ok(LoginRecord {
                    user: user_from_offset_row(row, 0)?,
                    password_hash: row.get(16)?,
                    invalid_login_attempts: row.get(17)?,
                    last_invalid_login_ms: row.get(18)?,
                })
            })
            .optional()?)
    }

    pub fn record_failed_login(&self, user_id: i64, at_ms: i64) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET invalid_login_attempts = invalid_login_attempts + 1, \
             last_invalid_login_ms = ?2 WHERE id = ?1",
            params![user_id, at_ms],
        )?;
        Ok(())
    }

    pub fn reset_failed_logins(&self, user_id: i64) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET invalid_login_attempts = 0, last_accessed = ?2 \
             WHERE id = ?1 AND invalid_login_attempts > 0",
            params![user_id, self.now()],
        )?;
        Ok(())
    }

    /// A new session row; `user_id` `None` for an anonymous session (`/csrf_token`).
    pub fn create_session(
        &self,
        session: &NewSession,
        user_id: Option<i64>,
    ) -> Result<i64, StorageError> {
        insert_session(&self.conn(), session, user_id, self.now())
    }

    pub fn delete_session(&self, session_id: i64) -> Result<(), StorageError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE id = ?1", [session_id])?;
        Ok(())
    }

    /// Moves the sign-in time of every signed-in session of `user_id` back by `seconds` (a
    /// session that signed in long ago, as Quay's `require_fresh_login` sees it).
    pub fn backdate_sign_ins(&self, user_id: i64, seconds: i64) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE sessions SET login_time = login_time - ?2 \
             WHERE user_id = ?1 AND login_time IS NOT NULL",
            params![user_id, seconds],
        )?;
        Ok(())
    }

    /// Quay's sign-out: every session of the user ends; the current one stays as an anonymous
    /// session (its CSRF token keeps working).
    pub fn sign_out(
        &self,
        user_id: i64,
        current: Option<&SessionRecord>,
    ) -> Result<(), StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let keep = current.map(|s| s.id).unwrap_or(-1);
        tx.execute(
            "DELETE FROM sessions WHERE user_id = ?1 AND id <> ?2",
            params![user_id, keep],
        )?;
        tx.execute(
            "UPDATE sessions SET user_id = NULL, login_time = NULL WHERE id = ?1",
            [keep],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Any namespace row (user, organization, robot) with this exact name.
    pub fn namespace_by_name(&self, name: &str) -> Result<Option<UserRecord>, StorageError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = ?1");
        Ok(self
            .reader()?
            .query_row(&sql, [name], user_from_row)
            .optional()?)
    }

    /// The organization called `name` (Quay's `model.organization.get_organization`): `None` for
    /// a user or robot of that name.
    pub fn organization_by_name(&self, name: &str) -> Result<Option<UserRecord>, StorageError> {
        Ok(self.namespace_by_name(name)?.filter(|n| n.organization))
    }

    /// Quay's `find_user_by_email`: any namespace with this e-mail.
    pub fn email_in_use(&self, email: &str) -> Result<bool, StorageError> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM users WHERE email = ?1)",
            [email],
            |r| r.get(0),
        )?)
    }

    pub fn is_deleted_namespace(&self, name: &str) -> Result<bool, StorageError> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM deleted_namespaces WHERE original_username = ?1)",
            [name],
            |r| r.get(0),
        )?)
    }

    /// Creates a user with an Argon2id password hash (`None`: no password). For seeding and tests;
    /// the API creates users through initialize.
    pub fn create_user(
        &self,
        username: &str,
        email: &str,
        password_hash: Option<&str>,
        tag_expiration_s: i64,
    ) -> Result<UserRecord, StorageError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO users (uuid, username, email, password_hash, verified, \
             removed_tag_expiration_s, creation_date) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
            params![
                uuid::Uuid::new_v4().to_string(),
                username,
                email,
                password_hash,
                tag_expiration_s,
                self.now()
            ],
        )?;
        let id = conn.last_insert_rowid();
        user_by_id(&conn, id)?.ok_or(StorageError::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Creates many users without a password in one transaction (large registries for tests and
    /// benchmarks: ten thousand take well under a second).
    pub fn create_users_without_password(
        &self,
        users: &[(String, String)],
        tag_expiration_s: i64,
    ) -> Result<(), StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO users (uuid, username, email, verified, removed_tag_expiration_s, \
                 creation_date) VALUES (?1, ?2, ?3, 1, ?4, ?5)",
            )?;
            let now = self.now();
            for (username, email) in users {
                insert.execute(params![
                    uuid::Uuid::new_v4().to_string(),
                    username,
                    email,
                    tag_expiration_s,
                    now
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub fn set_user_enabled(&self, user_id: i64, enabled: bool) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE users SET enabled = ?2 WHERE id = ?1",
            params![user_id, enabled],
        )?;
        Ok(())
    }

    /// Quay's `create_organization`: the organization, its `owners` team (role admin) and the
    /// creator as that team's only member, all or nothing.
    pub fn create_organization(&self, org: &NewOrganization) -> Result<UserRecord, StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO users (uuid, username, email, organization, verified, \
             removed_tag_expiration_s, creation_date) VALUES (?1, ?2, ?3, 1, 0, ?4, ?5)",
            params![
                uuid::Uuid::new_v4().to_string(),
                org.name,
                org.email,
                org.tag_expiration_s,
                self.now()
            ],
        )?;
        let org_id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO teams (organization_id, name, role) VALUES (?1, 'owners', 'admin')",
            [org_id],
        )?;
        let team_id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO team_members (team_id, user_id) VALUES (?1, ?2)",
            params![team_id, org.creator_id],
        )?;
        let created = user_by_id(&tx, org_id)?;
        tx.commit()?;
        created.ok_or(StorageError::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Whether the user is on a team with the `admin` role in the organization.
    pub fn is_org_admin(&self, user_id: i64, org_id: i64) -> Result<bool, StorageError> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM team_members m JOIN teams t ON t.id = m.team_id \
             WHERE m.user_id = ?1 AND t.organization_id = ?2 AND t.role = 'admin')",
            params![user_id, org_id],
            |r| r.get(0),
        )?)
    }

    /// Teams of an organization: (name, role, description, member count), by name.
    pub fn org_teams(
        &self,
        org_id: i64,
    ) -> Result<Vec<(String, String, String, i64)>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT t.name, t.role, t.description, \
             (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) \
             FROM teams t WHERE t.organization_id = ?1 ORDER BY t.name",
        )?;
        let rows = stmt.query_map([org_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Whether the user is on any team of the organization.
    pub fn is_org_member(&self, user_id: i64, org_id: i64) -> Result<bool, StorageError> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM team_members m JOIN teams t ON t.id = m.team_id \
             WHERE m.user_id = ?1 AND t.organization_id = ?2)",
            params![user_id, org_id],
            |r| r.get(0),
        )?)
    }
}
