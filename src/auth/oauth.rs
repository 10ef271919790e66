//! Sign-in through Quay's OAuth2 implicit flow. Quay redirects back to the dashboard with
//! `?oauth_state=…&scope=…&state=…#access_token=…` (or `?error=…`); the return is read once at
//! start-up, checked against the value this tab stored, and removed from the address bar before
//! anything renders.
//!
//! The value travels twice. As `state`, which Quay returns only when the grant needs no
//! confirmation (already granted, or no dangerous scope); and in the redirect URI's own query
//! (`oauth_state`), which Quay keeps on every answer. The console asks for dangerous scopes, and
//! Quay's confirmation form for them posts without `state`: a first sign-in comes back with the
//! redirect URI's value only.

use wasm_bindgen::JsValue;

use crate::browser::{local_storage, session_storage};
use crate::routes::join_base;

/// What the dashboard asks for: `super:user` for the admin API, `user:read` for who-am-I
/// (`GET /api/v1/user/` answers 401 without it), `org:admin` for organization settings (e-mail,
/// invoicing, tag expiration), which Quay serves only through the organization endpoint.
/// Nothing else: a stolen token can do no more.
pub const SCOPES: &str = "super:user user:read org:admin";

/// What a global read-only superuser asks for: `user:read` only. Quay gives such an account its
/// read-only superuser rights whatever the token's scopes (`auth/permissions.py`), and every
/// superuser page it may read needs no more; without `org:admin` the token cannot change even
/// the organizations the account administers, so nothing the console shows read-only can be
/// changed with it either.
pub const READ_ONLY_SCOPES: &str = "user:read";

const PENDING_KEY: &str = "quay-admin.oauth-pending";
/// A token-bearing return, `?query#fragment`, moved out of the address by `public/early.js`.
const RETURN_KEY: &str = "quay-admin.oauth-return";
const CLIENT_ID_KEY: &str = "quay-admin.oauth-client-id";

/// A token Quay granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub token: String,
    /// Scopes Quay reports as granted (from the `scope` query parameter).
    pub scopes: Vec<String>,
}

/// Why a return from Quay was not accepted. Nothing is stored in any of these cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReturnError {
    /// Quay (or the person, by denying) ended the flow with `error=<code>`.
    Refused { code: String },
    /// The answer does not carry this tab's value (or carries another one): possibly forged.
    StateMismatch,
    /// A return that carries neither a token nor an error.
    MissingToken,
}

/// The redirect URI's query parameter carrying this tab's value (see the module's comment).
const STATE_PARAM: &str = "oauth_state";

/// The authorize URL for the implicit flow: `state` both as OAuth's `state` and in the redirect
/// URI's query (Quay accepts any query below the registered redirect URI and keeps it).
pub fn authorize_url(
    api_origin: &str,
    client_id: &str,
    redirect_uri: &str,
    state: &str,
    scopes: &str,
) -> String {
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    let redirect = format!("{redirect_uri}{separator}{STATE_PARAM}={}", encode(state));
    format!(
        "{api_origin}/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope={}&state={}",
        encode(client_id),
        encode(&redirect),
        encode(scopes),
        encode(state)
    )
}

/// RFC 6749's error codes, plus the two Quay adds.
const OAUTH_ERRORS: &[&str] = &[
    "invalid_request",
    "unauthorized_client",
    "access_denied",
    "unsupported_response_type",
    "invalid_scope",
    "server_error",
    "temporarily_unavailable",
    "authorization_denied",
    "redirect_uri_mismatch",
];

/// Reads an OAuth return from the URL's query and fragment (both without their `?`/`#`).
/// `None` when the URL is not an OAuth return at all.
pub fn parse_return(
    query: &str,
    fragment: &str,
    expected_state: Option<&str>,
) -> Option<Result<Grant, ReturnError>> {
    let q = pairs(query);
    let f = pairs(fragment);
    let get = |list: &[(String, String)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let token = get(&f, "access_token");
    // Only OAuth's own error codes mark a return: pages may use `error` or `state` otherwise.
    let error = get(&q, "error")
        .or_else(|| get(&f, "error"))
        .filter(|code| OAUTH_ERRORS.contains(&code.as_str()));
    if token.is_none() && error.is_none() {
        return None;
    }
    if let Some(code) = error {
        return Some(Err(ReturnError::Refused { code }));
    }
    // Every value the answer carries must be this tab's, and it must carry at least one.
    let carried: Vec<String> = [get(&q, STATE_PARAM), get(&q, "state"), get(&f, "state")]
        .into_iter()
        .flatten()
        .collect();
    let expected = expected_state.filter(|s| !s.is_empty());
    if carried.is_empty()
        || expected.is_none()
        || carried.iter().any(|s| Some(s.as_str()) != expected)
    {
        return Some(Err(ReturnError::StateMismatch));
    }
    let Some(token) = token.filter(|t| super::session::is_plausible_token(t)) else {
        return Some(Err(ReturnError::MissingToken));
    };
    let scopes = get(&q, "scope")
        .or_else(|| get(&f, "scope"))
        .unwrap_or_default()
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some(Ok(Grant { token, scopes }))
}

/// `application/x-www-form-urlencoded` pairs, percent- and plus-decoded.
fn pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub use crate::format::percent_encode as encode;

/// What this tab remembers between leaving for Quay and coming back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub state: String,
    /// Path and query (relative to the app base) to return to.
    pub return_to: String,
}

impl Pending {
    fn to_storage(&self) -> String {
        format!("{}\n{}", self.state, self.return_to)
    }

    fn from_storage(s: &str) -> Option<Pending> {
        let (state, return_to) = s.split_once('\n')?;
        Some(Pending {
            state: state.to_string(),
            return_to: return_to.to_string(),
        })
    }
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// 128 random bits from the browser's CSPRNG, hex-encoded.
fn random_state() -> Option<String> {
    let crypto = window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The client id: `config.json`'s, else the one the setup wizard registered in this browser.
pub fn client_id(configured: Option<&str>) -> Option<String> {
    configured.map(str::to_string).or_else(|| {
        local_storage()?
            .get_item(CLIENT_ID_KEY)
            .ok()
            .flatten()
            .filter(|id| !id.is_empty())
    })
}

/// Remembers the client id the setup wizard just registered (not a secret: it is in every URL).
pub fn remember_client_id(client_id: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(CLIENT_ID_KEY, client_id);
    }
}

/// The dashboard's own URL (the folder it is served from), registered as the redirect URI.
pub fn redirect_uri() -> Option<String> {
    crate::browser::mount_url().map(|u| u.href())
}

/// Leaves for Quay's authorize page asking for `scopes` ([`SCOPES`] or [`READ_ONLY_SCOPES`]);
/// `return_to` is where to land after coming back.
pub fn begin(
    api_origin: &str,
    client_id: &str,
    return_to: &str,
    scopes: &str,
) -> Result<(), String> {
    let state = random_state().ok_or("no secure random source in this browser")?;
    let redirect = redirect_uri().ok_or("cannot determine this page's address")?;
    let storage = session_storage().ok_or("sessionStorage is not available")?;
    let pending = Pending {
        state: state.clone(),
        return_to: return_to.to_string(),
    };
    storage
        .set_item(PENDING_KEY, &pending.to_storage())
        .map_err(|_| "sessionStorage is full".to_string())?;
    let url = authorize_url(api_origin, client_id, &redirect, &state, scopes);
    window()
        .ok_or("no window")?
        .location()
        .assign(&url)
        .map_err(|_| "cannot open the sign-in page".to_string())
}

/// At start-up: takes an OAuth return out of the address bar (always, even when it is refused)
/// and reports it. The address bar then shows the page the sign-in started from.
pub fn take_return_from_location() -> Option<Result<Grant, ReturnError>> {
    let window = window()?;
    let location = window.location();
    let moved = session_storage().and_then(|s| {
        let item = s.get_item(RETURN_KEY).ok().flatten();
        let _ = s.remove_item(RETURN_KEY);
        item
    });
    let (query, fragment) = match moved {
        Some(r) => split_return(&r),
        None => (
            location.search().ok()?.trim_start_matches('?').to_string(),
            location.hash().ok()?.trim_start_matches('#').to_string(),
        ),
    };
    let pending = session_storage().and_then(|s| {
        let item = s.get_item(PENDING_KEY).ok().flatten();
        item.and_then(|p| Pending::from_storage(&p))
    });
    let result = parse_return(
        &query,
        &fragment,
        pending.as_ref().map(|p| p.state.as_str()),
    )?;
    if let Some(s) = session_storage() {
        let _ = s.remove_item(PENDING_KEY);
    }
    let base = redirect_uri().unwrap_or_else(|| "/".to_string());
    let target = match &pending {
        Some(p) if result.is_ok() => join_base(&base, &p.return_to),
        _ => base,
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&target));
    }
    Some(result)
}

/// `?query#fragment` (either part may be missing) as `(query, fragment)` without `?` and `#`.
fn split_return(address: &str) -> (String, String) {
    let (query, fragment) = address.split_once('#').unwrap_or((address, ""));
    (
        query.trim_start_matches('?').to_string(),
        fragment.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "ImplicitTokenAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    #[test]
    fn a_moved_return_splits_into_query_and_fragment() {
        assert_eq!(
            split_return("?state=s1&scope=a#access_token=T&x=1"),
            ("state=s1&scope=a".into(), "access_token=T&x=1".into())
        );
        assert_eq!(
            split_return("#access_token=T"),
            ("".into(), "access_token=T".into())
        );
    }

    #[test]
    fn authorize_url_encodes_everything() {
        let url = authorize_url(
            "https://q.example",
            "CID",
            "http://127.0.0.1:8080/",
            "ab12",
            SCOPES,
        );
        assert_eq!(
            url,
            "https://q.example/oauth/authorize?response_type=token&client_id=CID&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F%3Foauth_state%3Dab12&scope=super%3Auser%20user%3Aread%20org%3Aadmin&state=ab12"
        );
        assert!(authorize_url("", "c", "http://h/admin/?x=1", "s", SCOPES)
            .contains("redirect_uri=http%3A%2F%2Fh%2Fadmin%2F%3Fx%3D1%26oauth_state%3Ds&"));
        assert!(authorize_url("", "a&b=c", "/", "s", SCOPES).contains("client_id=a%26b%3Dc"));
        assert!(authorize_url("", "c", "/", "s", READ_ONLY_SCOPES).contains("&scope=user%3Aread&"));
    }

    #[test]
    fn a_good_return() {
        let got = parse_return(
            "scope=super%3Auser+user%3Aread&state=s1",
            &format!("access_token={TOKEN}&token_type=Bearer&expires_in=315576000"),
            Some("s1"),
        );
        assert_eq!(
            got,
            Some(Ok(Grant {
                token: TOKEN.into(),
                scopes: vec!["super:user".into(), "user:read".into()]
            }))
        );
    }

    #[test]
    fn quays_confirmation_answer_carries_the_value_in_the_redirect_uri_only() {
        // Dangerous scopes: Quay's confirmation form posts without `state`.
        let got = parse_return(
            "oauth_state=s1&scope=super%3Auser+user%3Aread+org%3Aadmin",
            &format!("access_token={TOKEN}&token_type=Bearer&expires_in=315576000"),
            Some("s1"),
        );
        assert!(matches!(got, Some(Ok(ref g)) if g.token == TOKEN && g.scopes.len() == 3));
        // Already granted: both.
        let got = parse_return(
            "oauth_state=s1&scope=super%3Auser&state=s1",
            &format!("access_token={TOKEN}"),
            Some("s1"),
        );
        assert!(matches!(got, Some(Ok(_))));
    }

    #[test]
    fn every_value_carried_must_be_this_tabs() {
        let fragment = format!("access_token={TOKEN}");
        for query in [
            "oauth_state=forged",
            "oauth_state=s1&state=forged",
            "oauth_state=forged&state=s1",
            "oauth_state=&state=s1",
        ] {
            assert_eq!(
                parse_return(query, &fragment, Some("s1")),
                Some(Err(ReturnError::StateMismatch)),
                "{query}"
            );
        }
        assert_eq!(
            parse_return("oauth_state=s1", &fragment, Some("")),
            Some(Err(ReturnError::StateMismatch))
        );
    }

    #[test]
    fn state_must_match() {
        let fragment = format!("access_token={TOKEN}");
        assert_eq!(
            parse_return("state=forged", &fragment, Some("s1")),
            Some(Err(ReturnError::StateMismatch))
        );
        assert_eq!(
            parse_return("state=s1", &fragment, None),
            Some(Err(ReturnError::StateMismatch))
        );
        assert_eq!(
            parse_return("", &fragment, Some("s1")),
            Some(Err(ReturnError::StateMismatch))
        );
    }

    #[test]
    fn errors_win_and_need_no_state() {
        assert_eq!(
            parse_return("error=access_denied", "", Some("s1")),
            Some(Err(ReturnError::Refused {
                code: "access_denied".into()
            }))
        );
    }

    #[test]
    fn a_return_without_a_usable_token() {
        assert_eq!(
            parse_return("state=s1", "access_token=x%0Ay", Some("s1")),
            Some(Err(ReturnError::MissingToken))
        );
    }

    #[test]
    fn ordinary_urls_are_not_returns() {
        assert_eq!(parse_return("", "", Some("s1")), None);
        assert_eq!(parse_return("page=2&sort=name", "main", None), None);
        // A page's own `state` or `error` parameters are not OAuth returns.
        assert_eq!(parse_return("state=pending", "", Some("s1")), None);
        assert_eq!(parse_return("error=none&state=x", "", None), None);
    }

    #[test]
    fn decoding() {
        assert_eq!(decode("a+b%20c%3A"), "a b c:");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%E6%97%A5"), "日");
        assert_eq!(decode("%日本"), "%日本");
        assert_eq!(decode("%4"), "%4");
    }

    #[test]
    fn pending_round_trip() {
        let p = Pending {
            state: "abc".into(),
            return_to: "/users?q=a&page=2".into(),
        };
        assert_eq!(Pending::from_storage(&p.to_storage()), Some(p));
        assert_eq!(Pending::from_storage("garbage"), None);
    }

    #[test]
    fn base_join() {
        assert_eq!(
            join_base("http://h/admin/", "/users?x=1"),
            "http://h/admin/users?x=1"
        );
        assert_eq!(join_base("http://h/", "/"), "http://h/");
    }
}
