//! Organizations and their OAuth applications (`/api/v1/organization/...`).

use serde::{Deserialize, Serialize};

use super::{ApiClient, ApiError};

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
        crate::auth::oauth::encode(organization)
    );
    client.post(&path, app).await
}
