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
/// only when the caller is a superuser acting with `super:user`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentUser {
    pub username: String,
    pub avatar: Avatar,
    pub email: Option<String>,
    pub super_user: Option<bool>,
}

impl CurrentUser {
    pub fn is_superuser(&self) -> bool {
        self.super_user == Some(true)
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
        })
    }
}

pub async fn current_user(client: &ApiClient) -> Result<CurrentUser, ApiError> {
    let value = client.get_json("/api/v1/user/").await?;
    CurrentUser::from_json(&value).map_err(ApiError::Decode)
}

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
}
