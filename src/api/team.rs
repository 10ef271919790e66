//! A team's members (`/api/v1/organization/{org}/team/{team}/members`): who administers the
//! organization that owns this console's OAuth application, and adding someone to it.

use serde::Deserialize;

use super::{ApiClient, ApiError};
use crate::format::percent_encode;

/// A member, or someone invited who has not accepted yet (`invited`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TeamMember {
    /// Absent for an invitation sent to an e-mail address only.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub invited: bool,
    #[serde(default)]
    pub is_robot: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TeamMembers {
    pub members: Vec<TeamMember>,
    #[serde(default)]
    pub can_edit: bool,
}

impl TeamMembers {
    /// The user's standing on the team.
    pub fn standing(&self, username: &str) -> Standing {
        match self
            .members
            .iter()
            .find(|m| m.name.as_deref() == Some(username))
        {
            Some(m) if m.invited => Standing::Invited,
            Some(_) => Standing::Member,
            None => Standing::Outside,
        }
    }

    /// Members who have accepted (people, not robots), in the registry's order.
    pub fn people(&self) -> Vec<String> {
        self.members
            .iter()
            .filter(|m| !m.invited && !m.is_robot)
            .filter_map(|m| m.name.clone())
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Member,
    Invited,
    Outside,
}

fn members_path(organization: &str, team: &str) -> String {
    format!(
        "/api/v1/organization/{}/team/{}/members",
        percent_encode(organization),
        percent_encode(team)
    )
}

/// The members, with pending invitations (listed only to the organization's admins).
pub async fn team_members(
    client: &ApiClient,
    organization: &str,
    team: &str,
) -> Result<TeamMembers, ApiError> {
    client
        .get(&format!(
            "{}?includePending=true",
            members_path(organization, team)
        ))
        .await
}

/// Adds the user, or (when the registry mails and the user is outside the organization) invites
/// them: the answer's `invited` says which.
pub async fn add_team_member(
    client: &ApiClient,
    organization: &str,
    team: &str,
    username: &str,
) -> Result<TeamMember, ApiError> {
    let path = format!(
        "{}/{}",
        members_path(organization, team),
        percent_encode(username)
    );
    client.put(&path, &serde_json::json!({})).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standing_of_members_invitees_and_others() {
        let team: TeamMembers = serde_json::from_str(
            r##"{"name": "owners", "can_edit": true, "members": [
                {"name": "alice", "kind": "user", "is_robot": false, "invited": false, "avatar": {}},
                {"name": "acme+ci", "kind": "user", "is_robot": true, "invited": false, "avatar": {}},
                {"name": "bob", "kind": "user", "is_robot": false, "invited": true, "avatar": {}},
                {"email": "c@example.com", "kind": "invite", "invited": true, "avatar": {}}]}"##,
        )
        .unwrap();
        assert_eq!(team.standing("alice"), Standing::Member);
        assert_eq!(team.standing("bob"), Standing::Invited);
        assert_eq!(team.standing("carol"), Standing::Outside);
        assert_eq!(team.people(), vec!["alice".to_string()]);
    }
}
