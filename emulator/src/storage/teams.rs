//! Team membership and team invitations (Quay's `TeamMember` and `TeamMemberInvite`).

use rusqlite::{params, OptionalExtension};

use super::{user_from_row, Storage, StorageError, UserRecord, USER_COLUMNS};

/// A team of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRecord {
    pub id: i64,
    pub name: String,
    pub role: String,
}

/// A pending invitation: for a user, or for an e-mail address only.
#[derive(Debug, Clone)]
pub struct TeamInvite {
    pub user: Option<UserRecord>,
    pub email: Option<String>,
}

impl Storage {
    /// Quay's `get_organization_team`.
    pub fn team_of(&self, org_id: i64, name: &str) -> Result<Option<TeamRecord>, StorageError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, name, role FROM teams WHERE organization_id = ?1 AND name = ?2",
                params![org_id, name],
                |r| {
                    Ok(TeamRecord {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        role: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Quay's `get_organization_team_members`: no ORDER BY there, so the database's order (the
    /// order they joined).
    pub fn team_members(&self, team_id: i64) -> Result<Vec<UserRecord>, StorageError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {USER_COLUMNS} FROM team_members m JOIN users u ON u.id = m.user_id \
             WHERE m.team_id = ?1 ORDER BY m.id"
        ))?;
        let rows = stmt.query_map([team_id], user_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn is_team_member(&self, team_id: i64, user_id: i64) -> Result<bool, StorageError> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM team_members WHERE team_id = ?1 AND user_id = ?2)",
            params![team_id, user_id],
            |r| r.get(0),
        )?)
    }

    /// Adds the user; false when it already was a member (Quay's `UserAlreadyInTeam`).
    pub fn add_team_member(&self, team_id: i64, user_id: i64) -> Result<bool, StorageError> {
        let added = self.conn().execute(
            "INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?1, ?2)",
            params![team_id, user_id],
        )?;
        Ok(added == 1)
    }

    /// Quay's `TeamMemberInvite.create` for a user (a new invitation each time, as in Quay).
    pub fn invite_to_team(
        &self,
        team_id: i64,
        user_id: i64,
        inviter_id: i64,
        token: &str,
    ) -> Result<(), StorageError> {
        self.conn().execute(
            "INSERT INTO team_invites (team_id, user_id, inviter_id, token) VALUES (?1, ?2, ?3, ?4)",
            params![team_id, user_id, inviter_id, token],
        )?;
        Ok(())
    }

    /// Quay's `get_organization_team_member_invites`, oldest first.
    pub fn team_invites(&self, team_id: i64) -> Result<Vec<TeamInvite>, StorageError> {
        let ids: Vec<(Option<i64>, Option<String>)> = {
            let conn = self.conn();
            let mut stmt = conn.prepare(
                "SELECT user_id, email FROM team_invites WHERE team_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([team_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        ids.into_iter()
            .map(|(user_id, email)| {
                let user = match user_id {
                    Some(id) => super::user_by_id(&self.conn(), id)?,
                    None => None,
                };
                Ok(TeamInvite { user, email })
            })
            .collect()
    }
}
