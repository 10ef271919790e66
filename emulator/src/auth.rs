//! Who is calling (Quay: `auth/decorators.py`, `process_oauth`): an OAuth bearer token or the
//! `_csrf_token` session cookie, with Quay's precedence (a present but invalid token makes the
//! request anonymous, whatever the cookie says).

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, HeaderMap, StatusCode};
use base64::Engine;

use crate::config::Config;
use crate::crypto::sha256_hex;
use crate::error::ApiError;
use crate::storage::{SessionRecord, Storage, StorageError, TokenRecord, UserRecord};

pub const SESSION_COOKIE: &str = "_csrf_token";

/// A set of Quay OAuth scopes (`auth/scopes.py`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes(u8);

impl Scopes {
    pub const REPO_READ: Scopes = Scopes(1);
    pub const REPO_WRITE: Scopes = Scopes(1 << 1);
    pub const REPO_ADMIN: Scopes = Scopes(1 << 2);
    pub const REPO_CREATE: Scopes = Scopes(1 << 3);
    pub const USER_READ: Scopes = Scopes(1 << 4);
    pub const USER_ADMIN: Scopes = Scopes(1 << 5);
    pub const ORG_ADMIN: Scopes = Scopes(1 << 6);
    pub const SUPER_USER: Scopes = Scopes(1 << 7);
    /// A session cookie (Quay's "direct login") carries every scope.
    pub const ALL: Scopes = Scopes(u8::MAX);

    const NAMES: [(&'static str, Scopes); 8] = [
        ("repo:read", Scopes::REPO_READ),
        ("repo:write", Scopes::REPO_WRITE),
        ("repo:admin", Scopes::REPO_ADMIN),
        ("repo:create", Scopes::REPO_CREATE),
        ("user:read", Scopes::USER_READ),
        ("user:admin", Scopes::USER_ADMIN),
        ("org:admin", Scopes::ORG_ADMIN),
        ("super:user", Scopes::SUPER_USER),
    ];

    /// Quay's `scopes_from_scope_string`: split on spaces and commas; one unknown piece (an empty
    /// piece included) makes the whole set empty.
    pub fn parse(text: &str) -> Scopes {
        let mut set = Scopes::default();
        for piece in text.split([' ', ',']) {
            match Scopes::NAMES.iter().find(|(name, _)| *name == piece) {
                Some((_, scope)) => set.0 |= scope.0,
                None => return Scopes::default(),
            }
        }
        set
    }

    /// The name of a single scope (`None` for a set of several or none).
    pub fn name(self) -> Option<&'static str> {
        Scopes::NAMES
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(name, _)| *name)
    }

    pub fn contains(self, other: Scopes) -> bool {
        self.0 & other.0 == other.0
    }
}

#[derive(Debug, Clone)]
pub enum Identity {
    Anonymous,
    Token {
        user: UserRecord,
        token: TokenRecord,
        scopes: Scopes,
    },
    Session {
        user: UserRecord,
    },
}

/// The request's credentials, resolved once by the API middleware and read by handlers.
#[derive(Debug, Clone)]
pub struct RequestAuth {
    pub identity: Identity,
    /// The cookie's session whoever is authenticated: the CSRF check compares against it.
    pub session: Option<SessionRecord>,
    /// The client's address (log entries).
    pub ip: Option<String>,
}

impl RequestAuth {
    pub fn anonymous() -> RequestAuth {
        RequestAuth {
            identity: Identity::Anonymous,
            session: None,
            ip: None,
        }
    }

    /// The OAuth token the request was made with, if any.
    pub fn token(&self) -> Option<&TokenRecord> {
        match &self.identity {
            Identity::Token { token, .. } => Some(token),
            _ => None,
        }
    }

    pub fn user(&self) -> Option<&UserRecord> {
        match &self.identity {
            Identity::Anonymous => None,
            Identity::Token { user, .. } | Identity::Session { user } => Some(user),
        }
    }

    pub fn scopes(&self) -> Scopes {
        match &self.identity {
            Identity::Anonymous => Scopes::default(),
            Identity::Token { scopes, .. } => *scopes,
            Identity::Session { .. } => Scopes::ALL,
        }
    }

    pub fn is_oauth_token(&self) -> bool {
        matches!(self.identity, Identity::Token { .. })
    }

    /// Quay's `UserReadPermission` on the caller itself: `user:read` or `user:admin`.
    pub fn can_read_self(&self) -> bool {
        let scopes = self.scopes();
        self.user().is_some()
            && (scopes.contains(Scopes::USER_READ) || scopes.contains(Scopes::USER_ADMIN))
    }

    /// Quay's `UserAdminPermission` on the caller itself.
    pub fn can_admin_self(&self) -> bool {
        self.user().is_some() && self.scopes().contains(Scopes::USER_ADMIN)
    }

    /// Superuser status: the name is in `SUPER_USERS` *and* the credentials carry `super:user`.
    pub fn is_super_user(&self, config: &Config) -> bool {
        self.user()
            .is_some_and(|u| config.is_super_user(&u.username))
            && self.scopes().contains(Scopes::SUPER_USER)
    }

    /// What Quay appends to abort messages ("user admin") for a signed-in session.
    pub fn session_username(&self) -> Option<&str> {
        match &self.identity {
            Identity::Session { user } => Some(&user.username),
            _ => None,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestAuth {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<RequestAuth>()
            .cloned()
            .unwrap_or_else(RequestAuth::anonymous))
    }
}

/// What the `Authorization` header holds, as Quay's `validate_bearer_auth` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bearer {
    /// No header, or not exactly `Bearer <one value>`: ignored.
    Missing,
    Token(String),
}

pub fn parse_bearer(headers: &HeaderMap) -> Bearer {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Bearer::Missing;
    };
    let parts: Vec<&str> = value.split(' ').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [scheme, token] if scheme.eq_ignore_ascii_case("bearer") => {
            Bearer::Token(token.trim().to_string())
        }
        _ => Bearer::Missing,
    }
}

/// The value of the session cookie, from any `Cookie` header.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim_matches('"').to_string())
}

/// A token that is a JWT (`typ` JWT) goes to Quay's SSO validation, which with no SSO configured
/// aborts with 401. Returns that abort's message, or `None` for a token that is not a JWT.
fn sso_jwt_rejection(token: &str) -> Option<String> {
    let mut segments = token.split('.');
    let (header, payload) = (segments.next()?, segments.next()?);
    let decode = |segment: &str| -> Option<serde_json::Value> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(segment.trim_end_matches('='))
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    };
    let typ = decode(header)?
        .get("typ")
        .and_then(|t| t.as_str())
        .map(str::to_ascii_lowercase)?;
    if typ != "jwt" && typ != "at+jwt" {
        return None;
    }
    match decode(payload).and_then(|p| p.get("iss").cloned()) {
        Some(serde_json::Value::String(iss)) if !iss.is_empty() => {
            Some(format!("Issuer {iss} not configured"))
        }
        _ => Some("Token does not contain issuer".to_string()),
    }
}

/// Resolves the request's credentials. Blocking (SQLite): run it on a blocking thread.
pub fn resolve(storage: &Storage, headers: &HeaderMap) -> Result<RequestAuth, ApiError> {
    let session = match session_cookie(headers) {
        Some(cookie) => storage
            .session_by_hash(&sha256_hex(&cookie))?
            .filter(|(s, _)| s.expires_at.is_none_or(|at| at > storage.clock().unix_s())),
        None => None,
    };
    let (session, session_user) = match session {
        Some((s, u)) => (Some(s), u),
        None => (None, None),
    };
    let identity = match parse_bearer(headers) {
        Bearer::Token(token) => token_identity(storage, &token)?,
        Bearer::Missing => match session_user {
            Some(user) if user.enabled && !user.organization => Identity::Session { user },
            _ => Identity::Anonymous,
        },
    };
    Ok(RequestAuth {
        identity,
        session,
        ip: None,
    })
}

/// The session cookie's session and its signed-in (enabled, non-organization) user.
pub fn resolve_session(storage: &Storage, headers: &HeaderMap) -> Result<RequestAuth, ApiError> {
    let mut headers = headers.clone();
    headers.remove(header::AUTHORIZATION);
    resolve(storage, &headers)
}

/// `Authorization: Basic …` credentials, decoded (`None` for any other header).
pub fn parse_basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// `Set-Cookie` for a session cookie value; `expires_at` `None` makes a browser-session cookie.
pub fn session_set_cookie(cookie: &str, expires_at: Option<i64>) -> String {
    let mut out = format!("{SESSION_COOKIE}={cookie}; ");
    if let Some(at) = expires_at {
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(at.unsigned_abs());
        out.push_str(&format!("Expires={}; ", httpdate::fmt_http_date(when)));
    }
    out.push_str("HttpOnly; Path=/; SameSite=Lax");
    out
}

fn token_identity(storage: &Storage, token: &str) -> Result<Identity, ApiError> {
    if token.contains('.') {
        if let Some(message) = sso_jwt_rejection(token) {
            return Err(ApiError::WebAbort {
                status: StatusCode::UNAUTHORIZED,
                error: message,
            });
        }
        // Emulator tokens never contain dots: nothing to look up.
        return Ok(Identity::Anonymous);
    }
    let found = storage
        .token_by_hash(&sha256_hex(token))
        .map_err(|e: StorageError| ApiError::from(e))?;
    Ok(match found {
        Some((token, user)) if token.expires_at > storage.clock().unix_s() && user.enabled => {
            Identity::Token {
                scopes: Scopes::parse(&token.scope),
                user,
                token,
            }
        }
        _ => Identity::Anonymous,
    })
}

/// The team role the credentials may exercise (Quay's `SCOPE_MAX_TEAM_ROLES`): a member's role
/// capped by the token's scopes (`org:admin` → admin, `repo:create` → creator; a session may use
/// everything); `None` when the scopes give no team role at all (e.g. `user:read`, `super:user`).
pub fn effective_role(member_role: &str, scopes: Scopes) -> Option<&'static str> {
    let cap = if scopes.contains(Scopes::ORG_ADMIN) {
        3
    } else if scopes.contains(Scopes::REPO_CREATE) {
        2
    } else {
        0
    };
    let held = match member_role {
        "admin" => 3,
        "creator" => 2,
        _ => 1,
    };
    match held.min(cap) {
        3 => Some("admin"),
        2 => Some("creator"),
        1 => Some("member"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_auth(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn scope_strings() {
        let all = Scopes::parse(
            "org:admin repo:admin repo:create repo:read repo:write super:user user:admin user:read",
        );
        assert_eq!(all, Scopes::ALL);
        let s = Scopes::parse("user:read,super:user");
        assert!(s.contains(Scopes::USER_READ) && s.contains(Scopes::SUPER_USER));
        assert!(!s.contains(Scopes::USER_ADMIN));
        assert_eq!(Scopes::parse("user:read bogus"), Scopes::default());
        assert_eq!(Scopes::parse("user:read  super:user"), Scopes::default());
        assert_eq!(Scopes::parse(""), Scopes::default());
    }

    #[test]
    fn bearer_header_forms() {
        assert_eq!(
            parse_bearer(&with_auth("Bearer ABC")),
            Bearer::Token("ABC".into())
        );
        assert_eq!(
            parse_bearer(&with_auth("bearer   ABC")),
            Bearer::Token("ABC".into())
        );
        assert_eq!(parse_bearer(&with_auth("Bearer")), Bearer::Missing);
        assert_eq!(parse_bearer(&with_auth("Bearer A B")), Bearer::Missing);
        assert_eq!(parse_bearer(&with_auth("Basic YTpi")), Bearer::Missing);
        assert_eq!(parse_bearer(&HeaderMap::new()), Bearer::Missing);
    }

    #[test]
    fn session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; _csrf_token=XYZ; b=2"),
        );
        assert_eq!(session_cookie(&h), Some("XYZ".into()));
        assert_eq!(session_cookie(&HeaderMap::new()), None);
    }

    #[test]
    fn jwt_tokens_are_rejected_like_unconfigured_sso() {
        let enc = |v: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        let jwt = format!(
            "{}.{}.sig",
            enc(r#"{"alg":"RS256","typ":"JWT"}"#),
            enc(r#"{"iss":"https://sso.example"}"#)
        );
        assert_eq!(
            sso_jwt_rejection(&jwt).as_deref(),
            Some("Issuer https://sso.example not configured")
        );
        let no_iss = format!("{}.{}.sig", enc(r#"{"typ":"jwt"}"#), enc("{}"));
        assert_eq!(
            sso_jwt_rejection(&no_iss).as_deref(),
            Some("Token does not contain issuer")
        );
        assert_eq!(sso_jwt_rejection("a.b.c"), None);
    }

    #[test]
    fn roles_are_capped_by_scopes() {
        assert_eq!(effective_role("admin", Scopes::ALL), Some("admin"));
        assert_eq!(
            effective_role("admin", Scopes::REPO_CREATE),
            Some("creator")
        );
        assert_eq!(
            effective_role("member", Scopes::REPO_CREATE),
            Some("member")
        );
        assert_eq!(effective_role("admin", Scopes::USER_READ), None);
        assert_eq!(effective_role("member", Scopes::ALL), Some("member"));
        assert_eq!(effective_role("creator", Scopes::ALL), Some("creator"));
    }
}
