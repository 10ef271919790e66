//! `/api/v1/user/...`: the signed-in user and the first-run initialization.

use serde::{Deserialize, Serialize};

use super::{ApiClient, ApiError};
use crate::json::Json;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Avatar {
    pub name: String,
    pub hash: String,
    pub color: String,
    pub kind: String,
}

impl Avatar {
    /// The same as the serde model, for the first load's reader (`crate::json`).
    fn from_json(v: &Json) -> Option<Self> {
        Some(Self {
            name: v.str_of("name")?,
            hash: v.str_of("hash")?,
            color: v.str_of("color")?,
            kind: v.str_of("kind")?,
        })
    }
}

/// `GET /api/v1/user/`. Fields beyond the basic four need `user:admin`; `super_user` is present
/// only when the caller is a superuser acting with `super:user`; `global_readonly_super_user`
/// (Quay 3.16 and later) only for a global read-only superuser, whatever the token's scopes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentUser {
    pub username: String,
    pub avatar: Avatar,
    pub email: Option<String>,
    pub super_user: Option<bool>,
    pub global_readonly_super_user: Option<bool>,
    /// Neither flag, yet the registry let this account list the users as a superuser does: a
    /// read-only superuser of a Quay that does not report them (before 3.16). See
    /// [`current_user`].
    pub reads_superuser_pages: bool,
}

/// What the admin pages may do for the signed-in account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// In `SUPER_USERS`, with `super:user`: reads and changes.
    Superuser,
    /// A global read-only superuser: reads everything, changes nothing. `reported`: the registry
    /// said so; otherwise the console found out by reading a superuser list.
    ReadOnlySuperuser { reported: bool },
    /// Neither: the admin pages would be refused.
    Other,
}

impl CurrentUser {
    /// Quay lets read-only win when a name is in both lists, and so does the console.
    pub fn role(&self) -> Role {
        if self.global_readonly_super_user == Some(true) {
            Role::ReadOnlySuperuser { reported: true }
        } else if self.super_user == Some(true) {
            Role::Superuser
        } else if self.reads_superuser_pages {
            Role::ReadOnlySuperuser { reported: false }
        } else {
            Role::Other
        }
    }

    /// A superuser of either kind: the admin pages are for both (a read-only one with every
    /// write disabled, see `crate::auth::read_only`).
    pub fn is_superuser(&self) -> bool {
        self.role() != Role::Other
    }

    pub fn is_read_only_superuser(&self) -> bool {
        matches!(self.role(), Role::ReadOnlySuperuser { .. })
    }

    /// Read without serde: this is the one model the first page load needs.
    fn from_json(v: &Json) -> Result<Self, String> {
        let missing = |what: &str| format!("unexpected response: no {what} in the user");
        Ok(Self {
            username: v.str_of("username").ok_or_else(|| missing("username"))?,
            avatar: v
                .get("avatar")
                .and_then(Avatar::from_json)
                .ok_or_else(|| missing("avatar"))?,
            email: v.str_of("email"),
            super_user: v.get("super_user").and_then(Json::as_bool),
            global_readonly_super_user: v.get("global_readonly_super_user").and_then(Json::as_bool),
            reads_superuser_pages: false,
        })
    }

    /// Whether the answer leaves open that this is a read-only superuser the registry does not
    /// report: no flag at all (a 3.16+ registry names read-only superusers, a full superuser
    /// with `super:user` carries `super_user`).
    fn unreported(&self) -> bool {
        self.super_user != Some(true) && self.global_readonly_super_user.is_none()
    }
}

/// The signed-in user. Quay before 3.16 does not say whether an account is a global read-only
/// superuser; for an account with neither flag the console asks for one user of the superuser
/// list (Quay lets superusers with `super:user` and read-only superusers read it, nobody else),
/// so such an account gets the read-only pages instead of "not a superuser".
pub async fn current_user(client: &ApiClient) -> Result<CurrentUser, ApiError> {
    let value = client.get_json("/api/v1/user/").await?;
    let mut user = CurrentUser::from_json(&value).map_err(ApiError::Decode)?;
    if user.unreported() {
        user.reads_superuser_pages = match client.get_json(READ_PROBE).await {
            Ok(_) => true,
            // Quay's `Unauthorized` (403): not a superuser of either kind; 404: the registry
            // has no superuser pages (`FEATURE_SUPER_USERS` off).
            Err(e) if matches!(e.status(), Some(403 | 404)) => false,
            Err(e) => return Err(e),
        };
    }
    Ok(user)
}

/// The smallest superuser read: one user of the list.
const READ_PROBE: &str = "/api/v1/superuser/users/?limit=1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InitializeRequest {
    pub username: String,
    pub email: String,
    pub password: String,
    pub access_token: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct InitializeResponse {
    pub username: String,
    #[serde(default)]
    pub access_token: Option<String>,
}

pub const INITIALIZE_PATH: &str = "/api/v1/user/initialize";

/// The scopes Quay gives the token that initialize returns.
pub const INITIALIZE_SCOPES: [&str; 8] = [
    "org:admin",
    "repo:admin",
    "repo:create",
    "repo:read",
    "repo:write",
    "super:user",
    "user:admin",
    "user:read",
];

pub async fn initialize(
    client: &ApiClient,
    request: &InitializeRequest,
) -> Result<InitializeResponse, ApiError> {
    client.post(INITIALIZE_PATH, request).await
}

/// Whether the registry still needs its first user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupState {
    /// No user exists: the setup wizard may create the first one.
    Empty,
    /// Users exist: setup is done.
    Initialized,
    /// The registry does not offer initialization (feature off or not database auth); the text
    /// is the registry's reason when it gave one.
    Unavailable(String),
}

/// The message Quay answers when a user already exists (checked before anything else).
const NON_EMPTY: &str = "Cannot initialize user in a non-empty database";

/// Asks without side effects: an initialize call whose password Quay must refuse. Quay checks
/// "database non-empty" first, so the refusal tells the two states apart, and an empty registry
/// stays empty because the password check fails before anything is written.
/// A registry that has accounts never becomes empty again, so once a probe has said so, this
/// page asks no more (a gate re-created by navigation or a language switch would ask again).
pub async fn probe_setup_state(client: &ApiClient) -> Result<SetupState, ApiError> {
    thread_local! {
        static KNOWN_INITIALIZED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if KNOWN_INITIALIZED.with(std::cell::Cell::get) {
        return Ok(SetupState::Initialized);
    }
    let probe = serde_json::json!({ "username": "setup-probe", "password": "" });
    let state = match client
        .post::<_, serde_json::Value>(INITIALIZE_PATH, &probe)
        .await
    {
        // Cannot happen with an empty password; treat it as "done" rather than offering setup twice.
        Ok(_) => SetupState::Initialized,
        Err(e) => classify_probe_error(e)?,
    };
    if state == SetupState::Initialized {
        KNOWN_INITIALIZED.with(|known| known.set(true));
    }
    Ok(state)
}

/// Pure part of [`probe_setup_state`].
pub fn classify_probe_error(error: ApiError) -> Result<SetupState, ApiError> {
    match &error {
        ApiError::Http {
            status: 400,
            message,
        } if message == NON_EMPTY => Ok(SetupState::Initialized),
        ApiError::Http {
            status: 400,
            message,
        } if message.starts_with("Failed to initialize user") => Ok(SetupState::Empty),
        ApiError::Http {
            status: 400,
            message,
        } if message.starts_with("Cannot initialize user") => {
            Ok(SetupState::Unavailable(message.clone()))
        }
        // route_show_if(FEATURE_USER_INITIALIZE) hides the route entirely.
        ApiError::Http { status: 404, .. } => Ok(SetupState::Unavailable(String::new())),
        _ => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn http(status: u16, message: &str) -> ApiError {
        ApiError::Http {
            status,
            message: message.into(),
        }
    }

    #[test]
    fn probe_outcomes() {
        assert_eq!(
            classify_probe_error(http(400, NON_EMPTY)),
            Ok(SetupState::Initialized)
        );
        assert_eq!(
            classify_probe_error(http(
                400,
                "Failed to initialize user: Invalid password, password must be at least 8 characters and contain no whitespace."
            )),
            Ok(SetupState::Empty)
        );
        assert_eq!(
            classify_probe_error(http(
                400,
                "Cannot initialize user, FEATURE_USER_INITIALIZE is False"
            )),
            Ok(SetupState::Unavailable(
                "Cannot initialize user, FEATURE_USER_INITIALIZE is False".into()
            ))
        );
        assert_eq!(
            classify_probe_error(http(404, "HTTP 404 Not Found")),
            Ok(SetupState::Unavailable(String::new()))
        );
        let network = ApiError::Network("offline".into());
        assert_eq!(classify_probe_error(network.clone()), Err(network));
        assert!(classify_probe_error(http(500, "boom")).is_err());
    }

    #[test]
    fn initialize_request_asks_for_a_token() {
        let body = serde_json::to_value(InitializeRequest {
            username: "quayadmin".into(),
            email: "a@b.c".into(),
            password: "12345678".into(),
            access_token: true,
        })
        .unwrap();
        assert_eq!(body["access_token"], true);
        assert_eq!(body["username"], "quayadmin");
    }

    #[test]
    fn superuser_flag_is_absent_for_non_superusers() {
        let u = CurrentUser::from_json(&json::parse(
            r##"{"anonymous": false, "username": "bob", "avatar": {"name": "bob", "hash": "00", "color": "#969696", "kind": "user"}, "organizations": []}"##,
        ).unwrap())
        .unwrap();
        assert!(!u.is_superuser());
        assert_eq!(u.email, None);
        assert_eq!(u.avatar.color, "#969696");
        let admin = CurrentUser::from_json(&json::parse(
            r##"{"username": "root", "email": "r@x", "super_user": true, "avatar": {"name": "root", "hash": "1", "color": "#000000", "kind": "user"}}"##,
        ).unwrap())
        .unwrap();
        assert!(admin.is_superuser());
        assert_eq!(admin.email.as_deref(), Some("r@x"));
        assert_eq!(
            CurrentUser::from_json(&json::parse(r#"{"username": "x"}"#).unwrap()),
            Err("unexpected response: no avatar in the user".into())
        );
    }

    fn user(extra: &str) -> CurrentUser {
        CurrentUser::from_json(&json::parse(&format!(
            r##"{{"username": "u", "avatar": {{"name": "u", "hash": "0", "color": "#000000", "kind": "user"}}{extra}}}"##
        )).unwrap())
        .unwrap()
    }

    #[test]
    fn roles() {
        assert_eq!(user(r#", "super_user": true"#).role(), Role::Superuser);
        let auditor = user(r#", "global_readonly_super_user": true"#);
        assert_eq!(auditor.role(), Role::ReadOnlySuperuser { reported: true });
        assert!(auditor.is_superuser() && auditor.is_read_only_superuser());
        assert!(!auditor.unreported());
        // Quay lets read-only win when a name is in both lists.
        assert_eq!(
            user(r#", "super_user": true, "global_readonly_super_user": true"#).role(),
            Role::ReadOnlySuperuser { reported: true }
        );
        let plain = user("");
        assert!(plain.unreported());
        assert_eq!(plain.role(), Role::Other);
        assert!(!plain.is_superuser());
        // Before 3.16: no flag, but the superuser list was readable.
        let probed = CurrentUser {
            reads_superuser_pages: true,
            ..plain
        };
        assert_eq!(probed.role(), Role::ReadOnlySuperuser { reported: false });
        assert!(!user(r#", "super_user": true"#).unreported());
    }
}
