//! The dashboard's own OAuth application in the demo registry, so "Sign in with Quay" works on a
//! fresh `make demo` as the README says: an organization the demo admin owns, an application
//! redirecting to where the emulator serves the dashboard, and a `config.json` naming it.

use std::path::{Path, PathBuf};

use super::ADMIN_USERNAME;

/// The organization holding the application (the setup wizard's default name).
const DASHBOARD_ORGANIZATION: &str = "quay-admin";

/// `<db>.dashboard.json`, next to the database (as `<db>.config.yaml`).
pub fn dashboard_config_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".dashboard.json");
    PathBuf::from(name)
}

/// Registers the application (redirect URI `dashboard_url`, e.g. `http://127.0.0.1:8080/`) and
/// writes the dashboard's `config.json` naming it; returns that file's path.
pub fn register_dashboard(db: &Path, dashboard_url: &str) -> Result<PathBuf, String> {
    crate::seed::create_organization(db, DASHBOARD_ORGANIZATION, "", ADMIN_USERNAME)?;
    let (client_id, _secret) = crate::seed::create_application(
        db,
        DASHBOARD_ORGANIZATION,
        "Quay Admin console",
        dashboard_url,
        dashboard_url,
    )?;
    let path = dashboard_config_path(db);
    let config = serde_json::json!({ "api_base": "", "oauth_client_id": client_id });
    std::fs::write(&path, format!("{config:#}\n"))
        .map_err(|e| format!("cannot write {}: {}", path.display(), crate::io_message(&e)))?;
    Ok(path)
}
