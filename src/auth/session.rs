//! The signed-in session: the bearer token lives in memory and in this tab's sessionStorage only
//! (never localStorage, never the URL), so it dies with the tab.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::config::RuntimeConfig;

const TOKEN_KEY: &str = "quay-admin.token";

#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    config: StoredValue<RuntimeConfig>,
}

impl Session {
    /// Restores a token this tab stored before a reload.
    pub fn restore(config: RuntimeConfig) -> Self {
        let token = session_storage()
            .and_then(|s| s.get_item(TOKEN_KEY).ok().flatten())
            .filter(|t| is_plausible_token(t));
        Self {
            token: RwSignal::new(token),
            config: StoredValue::new(config),
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    pub fn sign_in(&self, token: String) {
        if let Some(s) = session_storage() {
            // A full storage only costs the reload survival, not the session itself.
            let _ = s.set_item(TOKEN_KEY, &token);
        }
        self.token.set(Some(token));
    }

    pub fn sign_out(&self) {
        if let Some(s) = session_storage() {
            let _ = s.remove_item(TOKEN_KEY);
        }
        self.token.set(None);
    }

    /// A client carrying the current token; reading it inside a resource makes the resource
    /// refetch when the session changes.
    pub fn client(&self) -> ApiClient {
        let base = self.config.with_value(|c| c.api_base.clone());
        ApiClient::new(&base, self.token.get())
    }

    /// A client without credentials, for the anonymous first-run calls.
    pub fn anonymous_client(&self) -> ApiClient {
        let base = self.config.with_value(|c| c.api_base.clone());
        ApiClient::new(&base, None)
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Quay's tokens are 40 ASCII alphanumerics; anything else in storage was not written by us and
/// must not be sent as a credential (or put into a header, where it could break the request).
pub fn is_plausible_token(token: &str) -> bool {
    (20..=512).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_tokens() {
        assert!(is_plausible_token(
            "TOKEN00000000000000000000000000000000000"
        ));
        assert!(is_plausible_token(
            "ImplicitTokenAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        ));
        assert!(!is_plausible_token(""));
        assert!(!is_plausible_token("short"));
        assert!(!is_plausible_token("TOKEN0000000000000000000\r\nX-Evil: 1"));
        assert!(!is_plausible_token("a.b.c-jwt-like-token-000000000000"));
    }
}
