//! `GET /api/v1/app/{client_id}`: public facts about an OAuth application, above all which
//! organization owns it (only that organization's administrators may sign in through it).

use serde::Deserialize;

use super::{ApiClient, ApiError};
use crate::format::percent_encode;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ApplicationInformation {
    pub name: String,
    pub organization: OwningOrganization,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OwningOrganization {
    pub name: String,
}

/// A 404 means this registry has no application with that client id.
pub async fn application_information(
    client: &ApiClient,
    client_id: &str,
) -> Result<ApplicationInformation, ApiError> {
    client
        .get(&format!("/api/v1/app/{}", percent_encode(client_id)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quays_answer() {
        let app: ApplicationInformation = serde_json::from_str(
            r##"{"name": "Quay Admin dashboard", "description": "", "uri": "http://q/admin/",
                "avatar": {"name": "x", "hash": "0", "color": "#000", "kind": "app"},
                "organization": {"name": "quay-admin", "email": "", "is_admin": false,
                                 "is_member": false, "teams": {}, "ordered_teams": []}}"##,
        )
        .unwrap();
        assert_eq!(app.organization.name, "quay-admin");
    }
}
