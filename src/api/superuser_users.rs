//! `/api/v1/superuser/users/...`: every user of the registry, as a superuser manages them.

use serde::{Deserialize, Serialize};

use super::quota::{QuotaReport, QuotaSummary};
use super::user::Avatar;
use super::{ApiClient, ApiError};
use crate::format::percent_encode;

/// Quay's superuser user view.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct User {
    pub username: String,
    /// A random UUID when the user was created without an e-mail.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub verified: bool,
    pub avatar: Avatar,
    #[serde(default)]
    pub super_user: bool,
    /// In `GLOBAL_READONLY_SUPER_USERS`: Quay 3.17 and later say so; older releases leave it out,
    /// and nobody can tell (read as `false`).
    #[serde(default)]
    pub global_readonly_super_user: Option<bool>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub quotas: Vec<QuotaSummary>,
    #[serde(default)]
    pub quota_report: Option<QuotaReport>,
}

fn yes() -> bool {
    true
}

/// What kind of superuser a listed user is, as the Role column shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListedRole {
    None,
    ReadOnlySuperuser,
    Superuser,
}

impl User {
    /// Quay lets read-only win when a name is in both lists, and so does the console.
    pub fn role(&self) -> ListedRole {
        if self.global_readonly_super_user == Some(true) {
            ListedRole::ReadOnlySuperuser
        } else if self.super_user {
            ListedRole::Superuser
        } else {
            ListedRole::None
        }
    }
}

/// One page of the list, read as `T` (see [`list_users_as`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Page<T> {
    pub users: Vec<T>,
    #[serde(default)]
    pub next_page: Option<String>,
}

pub type UserPage = Page<User>;

/// What kind of superuser a listed user is: `super_user` (in `SUPER_USERS`) and, from Quay 3.17
/// on, `global_readonly_super_user` (`None`: the registry does not say, so nobody can tell).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct UserRole {
    pub username: String,
    #[serde(default)]
    pub super_user: bool,
    #[serde(default)]
    pub global_readonly_super_user: Option<bool>,
}

fn user_path(username: &str) -> String {
    format!("/api/v1/superuser/users/{}", percent_encode(username))
}

/// One page. Quay's `disabled` parameter reads inverted: `true` (its default) *includes*
/// disabled users, `false` lists enabled users only.
pub async fn list_users(
    client: &ApiClient,
    limit: u32,
    next_page: Option<&str>,
    include_disabled: bool,
) -> Result<UserPage, ApiError> {
    list_users_as(client, limit, next_page, include_disabled).await
}

/// [`list_users`] read into another shape, e.g. [`UserRole`].
pub async fn list_users_as<T: serde::de::DeserializeOwned>(
    client: &ApiClient,
    limit: u32,
    next_page: Option<&str>,
    include_disabled: bool,
) -> Result<Page<T>, ApiError> {
    let mut path = format!("/api/v1/superuser/users/?limit={limit}");
    if !include_disabled {
        path.push_str("&disabled=false");
    }
    if let Some(token) = next_page {
        path.push_str("&next_page=");
        path.push_str(&percent_encode(token));
    }
    client.get(&path).await
}

pub async fn get_user(client: &ApiClient, username: &str) -> Result<User, ApiError> {
    client.get(&user_path(username)).await
}

#[derive(Serialize)]
struct NewUser<'a> {
    username: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
}

/// What Quay answers to a create: the generated temporary password, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CreatedUser {
    pub username: String,
    pub password: String,
}

pub async fn create_user(
    client: &ApiClient,
    username: &str,
    email: Option<&str>,
) -> Result<CreatedUser, ApiError> {
    client
        .post("/api/v1/superuser/users/", &NewUser { username, email })
        .await
}

/// A change; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UserChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// Applies a change, then reads the user back: Quay's answer to the PUT shows some values as
/// they were *before* the change (enabled, avatar), so it cannot be shown as the new state.
pub async fn change_user(
    client: &ApiClient,
    username: &str,
    change: &UserChange,
) -> Result<User, ApiError> {
    client
        .put::<_, serde_json::Value>(&user_path(username), change)
        .await?;
    get_user(client, username).await
}

pub async fn delete_user(client: &ApiClient, username: &str) -> Result<(), ApiError> {
    client.delete(&user_path(username)).await
}

#[derive(Deserialize)]
struct RecoverySent {
    email: String,
}

/// Quay serves this one under `/superusers/` (plural), and only with mailing enabled.
/// Returns the address the mail went to.
pub async fn send_recovery_email(client: &ApiClient, username: &str) -> Result<String, ApiError> {
    let path = format!(
        "/api/v1/superusers/users/{}/sendrecovery",
        percent_encode(username)
    );
    client
        .post_empty::<RecoverySent>(&path)
        .await
        .map(|r| r.email)
}

/// Makes the caller an admin of an organization, or converts a user into an organization
/// owned by the caller.
pub async fn take_ownership(client: &ApiClient, namespace: &str) -> Result<(), ApiError> {
    let path = format!(
        "/api/v1/superuser/takeownership/{}",
        percent_encode(namespace)
    );
    client
        .post_empty::<serde_json::Value>(&path)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quay_user_view() {
        let page: UserPage = serde_json::from_str(
            r##"{"users": [{"kind": "user", "name": "alice", "username": "alice", "email": "alice@example.com",
            "verified": true, "avatar": {"name": "alice", "hash": "ff", "color": "#a55194", "kind": "user"},
            "super_user": false, "global_readonly_super_user": false, "enabled": false,
            "quotas": [{"id": 1, "limit_bytes": 524288000, "limits": []}],
            "quota_report": {"quota_bytes": 5, "configured_quota": 524288000, "running_backfill": "waiting", "backfill_status": "waiting"}}],
            "next_page": "gAAAAAB"}"##,
        )
        .unwrap();
        let u = &page.users[0];
        assert!(!u.enabled);
        assert_eq!(u.quotas[0].limit_bytes, 524_288_000);
        assert_eq!(page.next_page.as_deref(), Some("gAAAAAB"));
        let last: UserPage = serde_json::from_str(r#"{"users": []}"#).unwrap();
        assert_eq!(last.next_page, None);
    }

    #[test]
    fn listed_roles_with_and_without_the_read_only_flag() {
        let user = |extra: &str| -> User {
            serde_json::from_str(&format!(
                r##"{{"username": "u", "avatar": {{"name": "u", "hash": "ff", "color": "#a55194", "kind": "user"}}{extra}}}"##
            ))
            .unwrap()
        };
        // Before Quay 3.17 the flag is absent: nobody is shown as read-only.
        let old = user(r#", "super_user": false"#);
        assert_eq!(old.global_readonly_super_user, None);
        assert_eq!(old.role(), ListedRole::None);
        assert_eq!(
            user(r#", "super_user": true"#).role(),
            ListedRole::Superuser
        );
        assert_eq!(
            user(r#", "global_readonly_super_user": true"#).role(),
            ListedRole::ReadOnlySuperuser
        );
        // In both lists: read-only wins, as in Quay.
        assert_eq!(
            user(r#", "super_user": true, "global_readonly_super_user": true"#).role(),
            ListedRole::ReadOnlySuperuser
        );
        assert!(ListedRole::None < ListedRole::ReadOnlySuperuser);
        assert!(ListedRole::ReadOnlySuperuser < ListedRole::Superuser);
    }

    #[test]
    fn roles_say_whether_the_registry_reports_read_only_superusers() {
        let page: Page<UserRole> = serde_json::from_str(
            r#"{"users": [{"username": "auditor", "super_user": false, "global_readonly_super_user": true},
            {"username": "admin", "super_user": true, "global_readonly_super_user": false}]}"#,
        )
        .unwrap();
        assert_eq!(page.users[0].global_readonly_super_user, Some(true));
        assert!(page.users[1].super_user);
        // Before Quay 3.17: no field, nobody can tell.
        let old: Page<UserRole> =
            serde_json::from_str(r#"{"users": [{"username": "auditor", "super_user": false}]}"#)
                .unwrap();
        assert_eq!(old.users[0].global_readonly_super_user, None);
    }

    #[test]
    fn change_sends_only_what_changes() {
        let body = serde_json::to_string(&UserChange {
            enabled: Some(false),
            ..UserChange::default()
        })
        .unwrap();
        assert_eq!(body, r#"{"enabled":false}"#);
        let body = serde_json::to_string(&NewUser {
            username: "bob",
            email: None,
        })
        .unwrap();
        assert_eq!(body, r#"{"username":"bob"}"#);
    }
}
