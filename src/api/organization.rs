//! Organizations and their OAuth applications (`/api/v1/organization/...`).

use serde::{Deserialize, Serialize};

use super::{ApiClient, ApiError};
use crate::format::percent_encode;

#[derive(Serialize)]
struct NewOrganization<'a> {
    name: &'a str,
}

/// `POST /api/v1/organization/`: the caller becomes the organization's only admin.
/// No e-mail is sent: Quay refuses one already used by a user, such as the admin's own.
pub async fn create_organization(client: &ApiClient, name: &str) -> Result<(), ApiError> {
    client
        .post::<_, serde_json::Value>("/api/v1/organization/", &NewOrganization { name })
        .await
        .map(|_| ())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewApplication {
    pub name: String,
    pub redirect_uri: String,
    pub application_uri: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Application {
    pub name: String,
    pub client_id: String,
    pub redirect_uri: String,
}

/// `POST /api/v1/organization/{org}/applications`.
pub async fn create_application(
    client: &ApiClient,
    organization: &str,
    app: &NewApplication,
) -> Result<Application, ApiError> {
    let path = format!(
        "/api/v1/organization/{}/applications",
        percent_encode(organization)
    );
    client.post(&path, app).await
}

/// `GET /api/v1/organization/{org}`: the settings fields are present only for the
/// organization's admins (or superusers with Quay's full-access feature).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OrganizationDetails {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub is_admin: bool,
    #[serde(default)]
    pub invoice_email: Option<bool>,
    #[serde(default)]
    pub invoice_email_address: Option<String>,
    #[serde(default)]
    pub tag_expiration_s: Option<u64>,
    /// Present for members, and for superusers who may view the organization.
    #[serde(default)]
    pub teams: std::collections::BTreeMap<String, TeamSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TeamSummary {
    pub role: String,
}

/// Quay's first organization team, with the admin role.
pub const OWNERS_TEAM: &str = "owners";

impl OrganizationDetails {
    /// The team whose members administer the organization: `owners` where it still has the admin
    /// role (Quay creates it so), else the first team that has it.
    pub fn admin_team(&self) -> String {
        match self.teams.get(OWNERS_TEAM) {
            Some(t) if t.role == "admin" => OWNERS_TEAM.to_string(),
            _ => self
                .teams
                .iter()
                .find(|(_, team)| team.role == "admin")
                .map_or_else(|| OWNERS_TEAM.to_string(), |(name, _)| name.clone()),
        }
    }
}

pub async fn organization_details(
    client: &ApiClient,
    name: &str,
) -> Result<OrganizationDetails, ApiError> {
    client
        .get(&format!("/api/v1/organization/{}", percent_encode(name)))
        .await
}

/// The settings an admin may change; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OrganizationChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_email: Option<bool>,
    /// `Some(None)` clears the address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_email_address: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_expiration_s: Option<u64>,
}

/// `PUT /api/v1/organization/{org}` (needs the `org:admin` scope and admin rights there).
pub async fn change_organization(
    client: &ApiClient,
    name: &str,
    change: &OrganizationChange,
) -> Result<OrganizationDetails, ApiError> {
    client
        .put(
            &format!("/api/v1/organization/{}", percent_encode(name)),
            change,
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_of_a_non_member_superuser() {
        let d: OrganizationDetails = serde_json::from_str(
            r##"{"name": "acme", "email": "", "avatar": {"name": "acme", "hash": "0", "color": "#969696", "kind": "user"}, "is_admin": false, "is_member": false}"##,
        )
        .unwrap();
        assert!(!d.is_admin);
        assert_eq!(d.tag_expiration_s, None);
    }

    #[test]
    fn the_admin_team() {
        let read = |teams: &str| -> OrganizationDetails {
            serde_json::from_str(&format!(r#"{{"name": "acme", "teams": {teams}}}"#)).unwrap()
        };
        let owners = r#"{"dev": {"role": "member"}, "owners": {"role": "admin"}}"#;
        assert_eq!(read(owners).admin_team(), "owners");
        let renamed = r#"{"admins": {"role": "admin"}, "owners": {"role": "member"}}"#;
        assert_eq!(read(renamed).admin_team(), "admins");
        assert_eq!(read("{}").admin_team(), "owners");
    }

    #[test]
    fn change_serialises_cleared_address_as_null() {
        let body = serde_json::to_string(&OrganizationChange {
            invoice_email_address: Some(None),
            tag_expiration_s: Some(1_209_600),
            ..OrganizationChange::default()
        })
        .unwrap();
        assert_eq!(
            body,
            r#"{"invoice_email_address":null,"tag_expiration_s":1209600}"#
        );
    }
}
