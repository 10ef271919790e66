//! The browser's own session on the registry (Quay's cookie), which Quay's OAuth consent page
//! needs: whether this browser has one (`GET /api/v1/user/` with the cookie, no bearer), and
//! signing in with a username and password the way Quay's UI does (`GET /csrf_token`, then
//! `POST /api/v1/signin` with `X-CSRF-Token`). Only meaningful on the registry's own origin.

use serde::{Deserialize, Serialize};

use super::{ApiClient, ApiError};

/// The account this browser is signed in to the registry as (Quay's cookie session).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RegistryAccount {
    pub username: String,
    #[serde(default)]
    pub super_user: bool,
    /// A global read-only superuser (Quay 3.16 and later say so; earlier ones do not).
    #[serde(default)]
    pub global_readonly_super_user: bool,
    #[serde(default)]
    organizations: Vec<Membership>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
struct Membership {
    name: String,
    #[serde(default)]
    is_org_admin: bool,
}

impl RegistryAccount {
    /// Whether the account administers `organization` (is on a team with the admin role), which
    /// is what Quay's `/oauth/authorize` checks for the organization owning the application.
    pub fn administers(&self, organization: &str) -> bool {
        self.organizations
            .iter()
            .any(|m| m.is_org_admin && m.name == organization)
    }
}

/// Who this browser is signed in to the registry as, if anyone. `client` must carry no token.
pub async fn signed_in_as(client: &ApiClient) -> Result<Option<RegistryAccount>, ApiError> {
    match client.get::<RegistryAccount>("/api/v1/user/").await {
        Ok(me) => Ok(Some(me)),
        // Quay's answer without a session: 401 (`InvalidToken`), or 403 behind some proxies.
        Err(e) if matches!(e.status(), Some(401 | 403)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A client for writes with the cookie session: Quay wants its CSRF token in `X-CSRF-Token`.
pub async fn with_csrf(client: &ApiClient) -> Result<ApiClient, ApiError> {
    #[derive(Deserialize)]
    struct Csrf {
        csrf_token: String,
    }
    let csrf = client.get::<Csrf>("/csrf_token").await?;
    Ok(client.clone().with_csrf(csrf.csrf_token))
}

/// Signs this browser out of the registry (`POST /api/v1/signout`), to sign in as someone else.
pub async fn sign_out(client: &ApiClient) -> Result<(), ApiError> {
    with_csrf(client)
        .await?
        .post_empty::<serde_json::Value>("/api/v1/signout")
        .await
        .map(|_| ())
}

/// Why the registry refused a sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInRefused {
    /// Too many failed attempts: Quay's words and how many seconds to wait (`Retry-After`).
    BackOff {
        message: String,
        retry_after: Option<u64>,
    },
    /// Wrong credentials, a disabled user, …: the registry's own message.
    Refused(ApiError),
}

/// Signs this browser in to the registry. `Ok` once Quay has set its session cookie.
pub async fn sign_in(
    client: &ApiClient,
    username: &str,
    password: &str,
) -> Result<(), SignInRefused> {
    #[derive(Serialize)]
    struct Credentials<'a> {
        username: &'a str,
        password: &'a str,
    }
    let answer = with_csrf(client)
        .await
        .map_err(SignInRefused::Refused)?
        .post_for_answer("/api/v1/signin", &Credentials { username, password })
        .await
        .map_err(SignInRefused::Refused)?;
    classify(answer.status, answer.error(), answer.retry_after)
}

/// Pure part of [`sign_in`]: what an answer of `/api/v1/signin` means.
fn classify(status: u16, error: ApiError, retry_after: Option<u64>) -> Result<(), SignInRefused> {
    match status {
        200..=299 => Ok(()),
        429 => Err(SignInRefused::BackOff {
            message: error.to_string(),
            retry_after,
        }),
        _ => Err(SignInRefused::Refused(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn administers_only_with_the_admin_flag() {
        let me: RegistryAccount = serde_json::from_str(
            r##"{"anonymous": false, "username": "bob", "super_user": true, "organizations": [
                {"name": "quay-admin", "is_org_admin": false, "can_create_repo": true},
                {"name": "acme", "is_org_admin": true}]}"##,
        )
        .unwrap();
        assert!(me.super_user);
        assert!(!me.global_readonly_super_user);
        assert!(!me.administers("quay-admin"));
        assert!(me.administers("acme"));
        assert!(!me.administers("other"));
    }

    #[test]
    fn a_read_only_superuser() {
        let me: RegistryAccount = serde_json::from_str(
            r#"{"username": "auditor", "global_readonly_super_user": true, "organizations": []}"#,
        )
        .unwrap();
        assert!(me.global_readonly_super_user && !me.super_user);
    }

    #[test]
    fn sign_in_answers() {
        let err = |status, body: &str| ApiError::from_response(status, body);
        assert_eq!(classify(200, err(200, ""), None), Ok(()));
        assert_eq!(
            classify(
                429,
                err(
                    429,
                    "Too many login attempts. \nPlease reset your Quay password and try again."
                ),
                Some(7)
            ),
            Err(SignInRefused::BackOff {
                message: "Too many login attempts. Please reset your Quay password and try again."
                    .into(),
                retry_after: Some(7)
            })
        );
        let invalid = err(
            403,
            r#"{"success": false, "invalidCredentials": true, "message": "Invalid Username or Password"}"#,
        );
        assert_eq!(
            classify(403, invalid.clone(), None),
            Err(SignInRefused::Refused(invalid))
        );
    }
}
