//! OAuth applications, access tokens and authorization codes.

use rusqlite::{params, OptionalExtension, Row};

use super::{user_from_offset_row, Storage, StorageError, UserRecord, USER_COLUMNS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub id: i64,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    pub application_uri: String,
    pub organization_id: i64,
    pub name: String,
    pub description: String,
    pub avatar_email: Option<String>,
}

/// The editable fields of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationFields {
    pub name: String,
    pub redirect_uri: String,
    pub application_uri: String,
    pub description: String,
    pub avatar_email: Option<String>,
}

const APP_COLUMNS: &str = "a.id, a.client_id, a.client_secret, a.redirect_uri, \
     a.application_uri, a.organization_id, a.name, a.description, a.avatar_email";
const APP_COLUMN_COUNT: usize = 9;

fn app_from_row(row: &Row<'_>) -> rusqlite::Result<ApplicationRecord> {
    Ok(ApplicationRecord {
        id: row.get(0)?,
        client_id: row.get(1)?,
        client_secret: row.get(2)?,
        redirect_uri: row.get(3)?,
        application_uri: row.get(4)?,
        organization_id: row.get(5)?,
        name: row.get(6)?,
        description: row.get(7)?,
        avatar_email: row.get(8)?,
    })
}

impl Storage {
    pub fn create_application(
        &self,
        org_id: i64,
        client_id: &str,
        client_secret: &str,
        fields: &ApplicationFields,
    ) -> Result<ApplicationRecord, StorageError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO oauth_applications (client_id, client_secret, redirect_uri, \
             application_uri, organization_id, name, description, avatar_email) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                client_id,
                client_secret,
                fields.redirect_uri,
                fields.application_uri,
                org_id,
                fields.name,
                fields.description,
                fields.avatar_email
            ],
        )?;
        let id = conn.last_insert_rowid();
        let sql = format!("SELECT {APP_COLUMNS} FROM oauth_applications a WHERE a.id = ?1");
        Ok(conn.query_row(&sql, [id], app_from_row)?)
    }

    /// The organization's applications, in creation order.
    pub fn applications_of(&self, org_id: i64) -> Result<Vec<ApplicationRecord>, StorageError> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {APP_COLUMNS} FROM oauth_applications a WHERE a.organization_id = ?1 \
             ORDER BY a.id"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([org_id], app_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Quay's `lookup_application(org, client_id)`.
    pub fn application_of(
        &self,
        org_id: i64,
        client_id: &str,
    ) -> Result<Option<ApplicationRecord>, StorageError> {
        let sql = format!(
            "SELECT {APP_COLUMNS} FROM oauth_applications a \
             WHERE a.organization_id = ?1 AND a.client_id = ?2"
        );
        Ok(self
            .conn()
            .query_row(&sql, params![org_id, client_id], app_from_row)
            .optional()?)
    }

    /// An application by client id, with its owning namespace.
    pub fn application_by_client_id(
        &self,
        client_id: &str,
    ) -> Result<Option<(ApplicationRecord, UserRecord)>, StorageError> {
        let sql = format!(
            "SELECT {APP_COLUMNS}, {USER_COLUMNS} FROM oauth_applications a \
             JOIN users u ON u.id = a.organization_id WHERE a.client_id = ?1"
        );
        Ok(self
            .conn()
            .query_row(&sql, [client_id], |row| {
                Ok((
                    app_from_row(row)?,
                    user_from_offset_row(row, APP_COLUMN_COUNT)?,
                ))
            })
            .optional()?)
    }

    pub fn update_application(
        &self,
        app_id: i64,
        fields: &ApplicationFields,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "UPDATE oauth_applications SET name = ?2, redirect_uri = ?3, application_uri = ?4, \
             description = ?5, avatar_email = ?6 WHERE id = ?1",
            params![
                app_id,
                fields.name,
                fields.redirect_uri,
                fields.application_uri,
                fields.description,
                fields.avatar_email
            ],
        )?;
        Ok(())
    }

    /// Deletes the application with its tokens and codes.
    pub fn delete_application(&self, app_id: i64) -> Result<(), StorageError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM oauth_access_tokens WHERE application_id = ?1",
            [app_id],
        )?;
        tx.execute(
            "DELETE FROM oauth_authorization_codes WHERE application_id = ?1",
            [app_id],
        )?;
        tx.execute("DELETE FROM oauth_applications WHERE id = ?1", [app_id])?;
        tx.commit()?;
        Ok(())
    }

    /// Scope strings of the user's live tokens for the application (Quay's
    /// `load_authorized_scope_string` joins them with commas).
    pub fn granted_scopes(&self, app_id: i64, user_id: i64) -> Result<Vec<String>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT scope FROM oauth_access_tokens WHERE application_id = ?1 \
             AND authorized_user_id = ?2 AND expires_at > ?3 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![app_id, user_id, self.now()], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Stores an access token (as its SHA-256); returns the token's row id.
    pub fn create_access_token(
        &self,
        app_id: i64,
        user_id: i64,
        scope: &str,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<i64, StorageError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO oauth_access_tokens (uuid, application_id, authorized_user_id, scope, \
             token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                uuid::Uuid::new_v4().to_string(),
                app_id,
                user_id,
                scope,
                token_hash,
                self.now(),
                expires_at
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    pub fn create_authorization_code(
        &self,
        app_id: i64,
        scope: &str,
        code_hash: &str,
        data: &str,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "INSERT INTO oauth_authorization_codes (application_id, scope, code_hash, data, \
             created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![app_id, scope, code_hash, data, self.now()],
        )?;
        Ok(())
    }

    /// The scope and data of a stored authorization code.
    pub fn authorization_code(
        &self,
        code_hash: &str,
    ) -> Result<Option<(i64, String, String)>, StorageError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT application_id, scope, data FROM oauth_authorization_codes \
                 WHERE code_hash = ?1",
                [code_hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }
}
