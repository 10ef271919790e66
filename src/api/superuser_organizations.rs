//! `/api/v1/superuser/organizations/...`: every organization, as a superuser manages them.

use serde::{Deserialize, Serialize};

use super::quota::{QuotaReport, QuotaSummary};
use super::user::Avatar;
use super::{ApiClient, ApiError};
use crate::format::percent_encode;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Organization {
    pub name: String,
    /// The stored value: a random UUID when the organization has no e-mail.
    #[serde(default)]
    pub email: Option<String>,
    pub avatar: Avatar,
    #[serde(default)]
    pub quotas: Vec<QuotaSummary>,
    #[serde(default)]
    pub quota_report: Option<QuotaReport>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OrganizationPage {
    pub organizations: Vec<Organization>,
    #[serde(default)]
    pub next_page: Option<String>,
}

fn organization_path(name: &str) -> String {
    format!("/api/v1/superuser/organizations/{}", percent_encode(name))
}

pub async fn list_organizations(
    client: &ApiClient,
    limit: u32,
    next_page: Option<&str>,
) -> Result<OrganizationPage, ApiError> {
    let mut path = format!("/api/v1/superuser/organizations/?limit={limit}");
    if let Some(token) = next_page {
        path.push_str("&next_page=");
        path.push_str(&percent_encode(token));
    }
    client.get(&path).await
}

/// One organization by name, as the list shows it (`GET /api/v1/organization/{name}`: Quay's
/// superuser list has no single-organization endpoint; this one answers superusers too).
pub async fn get_organization(client: &ApiClient, name: &str) -> Result<Organization, ApiError> {
    client
        .get(&format!("/api/v1/organization/{}", percent_encode(name)))
        .await
}

#[derive(Serialize)]
struct Rename<'a> {
    name: &'a str,
}

/// Renames; Quay answers with the organization as it is now.
pub async fn rename_organization(
    client: &ApiClient,
    name: &str,
    new_name: &str,
) -> Result<Organization, ApiError> {
    client
        .put(&organization_path(name), &Rename { name: new_name })
        .await
}

/// Whether a user or an organization already has `name`. Quay's rename does not check: a taken
/// name makes it fail with a 500 (after logging the rename), so the console asks first.
pub async fn name_is_taken(client: &ApiClient, name: &str) -> Result<bool, ApiError> {
    let encoded = percent_encode(name);
    for path in [
        format!("/api/v1/organization/{encoded}"),
        format!("/api/v1/superuser/users/{encoded}"),
    ] {
        match client.get::<serde_json::Value>(&path).await {
            Ok(_) => return Ok(true),
            Err(e) if e.status() == Some(404) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

pub async fn delete_organization(client: &ApiClient, name: &str) -> Result<(), ApiError> {
    client.delete(&organization_path(name)).await
}
