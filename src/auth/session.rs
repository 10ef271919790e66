//! The signed-in session: the bearer token lives in memory and in this tab's sessionStorage only
//! (never localStorage, never the URL), so it dies with the tab.

use leptos::prelude::*;

use super::oauth::ReturnError;
use crate::api::ApiClient;
use crate::browser::session_storage;
use crate::config::RuntimeConfig;

const TOKEN_KEY: &str = "quay-admin.token";
const SCOPES_KEY: &str = "quay-admin.scopes";

/// Why the sign-in page is showing, when there is something to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInNotice {
    /// A request answered 401: the token expired or was revoked.
    Expired,
    /// Quay's redirect back was refused or forged.
    Returned(ReturnError),
}

#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    /// Scopes Quay reported when granting the token; `None` for a pasted token (unknown).
    scopes: RwSignal<Option<Vec<String>>>,
    pub notice: RwSignal<Option<SignInNotice>>,
    config: StoredValue<RuntimeConfig>,
}

impl Session {
    /// Restores a token this tab stored before a reload.
    pub fn restore(config: RuntimeConfig) -> Self {
        let storage = session_storage();
        let read = |key| {
            storage
                .as_ref()
                .and_then(|s| s.get_item(key).ok().flatten())
        };
        let token = read(TOKEN_KEY).filter(|t| is_plausible_token(t));
        let scopes = token.as_ref().and(read(SCOPES_KEY)).map(|s| {
            s.split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        });
        Self {
            token: RwSignal::new(token),
            scopes: RwSignal::new(scopes),
            notice: RwSignal::new(None),
            config: StoredValue::new(config),
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    pub fn sign_in(&self, token: String, scopes: Option<Vec<String>>) {
        if let Some(s) = session_storage() {
            // A full storage only costs the reload survival, not the session itself.
            let _ = s.set_item(TOKEN_KEY, &token);
            let _ = match &scopes {
                Some(list) => s.set_item(SCOPES_KEY, &list.join(" ")),
                None => s.remove_item(SCOPES_KEY),
            };
        }
        self.notice.set(None);
        self.scopes.set(scopes);
        self.token.set(Some(token));
    }

    pub fn sign_out(&self) {
        if let Some(s) = session_storage() {
            let _ = s.remove_item(TOKEN_KEY);
            let _ = s.remove_item(SCOPES_KEY);
        }
        self.scopes.set(None);
        self.token.set(None);
    }

    /// A 401 ended the session: sign out and say why on the sign-in page.
    pub fn expire(&self) {
        self.sign_out();
        self.notice.set(Some(SignInNotice::Expired));
    }

    /// Every failed call passes through here: a 401 means the token is dead, so the session ends
    /// and the sign-in page says why.
    pub fn note_error(&self, error: &crate::api::ApiError) {
        if error.is_unauthorized() {
            self.expire();
        }
    }

    /// Which session this is, without subscribing: a hash of the token (`None` signed out), so
    /// what is kept for a session (src/list/cache.rs) is never shown to the next one.
    pub fn identity_untracked(&self) -> Option<u64> {
        // FNV-1a: std's hasher would be instantiated anew here, and the first load would grow.
        self.token.with_untracked(|t| {
            t.as_ref().map(|t| {
                t.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
                })
            })
        })
    }

    /// Whether the token is known to lack `scope` (`None`: unknown, e.g. a pasted token).
    pub fn lacks_scope(&self, scope: &str) -> Option<bool> {
        self.scopes
            .with(|s| s.as_ref().map(|list| !list.iter().any(|g| g == scope)))
    }

    pub fn config(&self) -> RuntimeConfig {
        self.config.get_value()
    }

    /// A client carrying the current token; reading it inside a resource makes the resource
    /// refetch when the session changes.
    pub fn client(&self) -> ApiClient {
        self.client_with(self.token.get())
    }

    /// The same, without subscribing: for actions and event handlers.
    pub fn client_untracked(&self) -> ApiClient {
        self.client_with(self.token.get_untracked())
    }

    /// A client with the given token, e.g. to check a pasted token before keeping it.
    pub fn client_with(&self, token: Option<String>) -> ApiClient {
        let (base, timeout) = self
            .config
            .with_value(|c| (c.api_base.clone(), c.request_timeout));
        ApiClient::new(&base, token, timeout)
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Quay's tokens are 40 ASCII alphanumerics; anything else in storage or a URL was not written
/// by Quay and must not be sent as a credential (or put into a header, where it could break it).
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
