//! Form checks shown while typing, using Quay's own rules (crate `quay-rules`), so what the form
//! accepts is what the registry accepts.

use crate::i18n::Key;
use quay_rules::{
    check_namespace, is_python_whitespace, is_valid_email, is_valid_key_name,
    is_valid_service_name, NamespaceProblem, MIN_PASSWORD_LEN,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    UsernamePattern,
    UsernameLength,
    EmailInvalid,
    PasswordShort,
    PasswordWhitespace,
    PasswordMismatch,
    ServicePattern,
    KeyNamePattern,
    ExpirationPast,
}

impl FieldError {
    pub fn key(self) -> Key {
        match self {
            FieldError::Required => Key::ErrRequired,
            FieldError::UsernamePattern => Key::ErrUsernamePattern,
            FieldError::UsernameLength => Key::ErrUsernameLength,
            FieldError::EmailInvalid => Key::ErrEmailInvalid,
            FieldError::PasswordShort => Key::ErrPasswordShort,
            FieldError::PasswordWhitespace => Key::ErrPasswordWhitespace,
            FieldError::PasswordMismatch => Key::ErrPasswordMismatch,
            FieldError::ServicePattern => Key::ErrServicePattern,
            FieldError::KeyNamePattern => Key::ErrKeyNamePattern,
            FieldError::ExpirationPast => Key::ErrExpirationPast,
        }
    }
}

/// A service key's service: Quay's `^[a-z0-9_]+$`.
pub fn check_service(service: &str) -> Option<FieldError> {
    if service.is_empty() {
        Some(FieldError::Required)
    } else if !is_valid_service_name(service) {
        Some(FieldError::ServicePattern)
    } else {
        None
    }
}

/// A service key's friendly name: Quay's `^[\s a-zA-Z0-9\-_:/]*$` (Python's `\s`).
pub fn check_key_name(name: &str) -> Option<FieldError> {
    (!is_valid_key_name(name)).then_some(FieldError::KeyNamePattern)
}

/// An expiry (Unix seconds) must lie in the future; `None` (never) is always fine.
pub fn check_expiration(expiration: Option<i64>, now_seconds: i64) -> Option<FieldError> {
    expiration
        .filter(|t| *t <= now_seconds)
        .map(|_| FieldError::ExpirationPast)
}

/// Whether `text` can be a whole user or organization name (Quay's rules): worth asking the
/// registry for it by name.
pub fn is_namespace_name(text: &str) -> bool {
    check_namespace(text).is_ok()
}

pub fn check_username(name: &str) -> Option<FieldError> {
    if name.is_empty() {
        return Some(FieldError::Required);
    }
    match check_namespace(name) {
        Ok(()) => None,
        Err(NamespaceProblem::Pattern) => Some(FieldError::UsernamePattern),
        Err(NamespaceProblem::Length) => Some(FieldError::UsernameLength),
    }
}

/// The wizard asks for an e-mail even where the registry would accept none: an administrator
/// without a recovery address is a support ticket waiting to happen.
pub fn check_email(email: &str) -> Option<FieldError> {
    if email.is_empty() {
        Some(FieldError::Required)
    } else if !is_valid_email(email) {
        Some(FieldError::EmailInvalid)
    } else {
        None
    }
}

/// Whitespace is reported before length: "1234 56" is wrong for the space, whatever its length.
pub fn check_password(password: &str) -> Option<FieldError> {
    if password.is_empty() {
        Some(FieldError::Required)
    } else if password.chars().any(is_python_whitespace) {
        Some(FieldError::PasswordWhitespace)
    } else if password.chars().count() < MIN_PASSWORD_LEN {
        Some(FieldError::PasswordShort)
    } else {
        None
    }
}

pub fn check_confirmation(password: &str, confirmation: &str) -> Option<FieldError> {
    if confirmation.is_empty() {
        Some(FieldError::Required)
    } else if confirmation != password {
        Some(FieldError::PasswordMismatch)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_key_rules() {
        assert_eq!(check_service(""), Some(FieldError::Required));
        assert_eq!(check_service("clair_v4"), None);
        assert_eq!(
            check_service("Bad Service!"),
            Some(FieldError::ServicePattern)
        );
        assert_eq!(check_service("café"), Some(FieldError::ServicePattern));
        assert_eq!(check_key_name(""), None);
        assert_eq!(check_key_name("prod key: east/1"), None);
        assert_eq!(
            check_key_name("bad name!"),
            Some(FieldError::KeyNamePattern)
        );
        assert_eq!(check_key_name("<b>"), Some(FieldError::KeyNamePattern));
        assert_eq!(check_expiration(None, 100), None);
        assert_eq!(check_expiration(Some(101), 100), None);
        assert_eq!(
            check_expiration(Some(100), 100),
            Some(FieldError::ExpirationPast)
        );
    }

    #[test]
    fn username() {
        assert_eq!(check_username("quayadmin"), None);
        assert_eq!(check_username(""), Some(FieldError::Required));
        assert_eq!(check_username("Admin!"), Some(FieldError::UsernamePattern));
        assert_eq!(check_username("a"), Some(FieldError::UsernameLength));
        assert_eq!(
            check_username(&"a".repeat(256)),
            Some(FieldError::UsernameLength)
        );
    }

    #[test]
    fn email() {
        assert_eq!(check_email("admin@example.com"), None);
        assert_eq!(check_email(""), Some(FieldError::Required));
        assert_eq!(check_email("not-an-email"), Some(FieldError::EmailInvalid));
    }

    #[test]
    fn password_agrees_with_quay() {
        for pw in ["12345678", "correct-horse-battery", "密码密码密码密码"] {
            assert_eq!(check_password(pw), None, "{pw}");
            assert!(quay_rules::is_valid_password(pw));
        }
        for pw in ["1234567", "1234 5678", "12345678\u{a0}", "a b"] {
            assert!(check_password(pw).is_some(), "{pw}");
            assert!(!quay_rules::is_valid_password(pw));
        }
        assert_eq!(check_password("1234567"), Some(FieldError::PasswordShort));
        assert_eq!(check_password("a b"), Some(FieldError::PasswordWhitespace));
        assert_eq!(check_password(""), Some(FieldError::Required));
    }

    #[test]
    fn confirmation() {
        assert_eq!(check_confirmation("12345678", "12345678"), None);
        assert_eq!(
            check_confirmation("12345678", "1234567"),
            Some(FieldError::PasswordMismatch)
        );
        assert_eq!(
            check_confirmation("12345678", ""),
            Some(FieldError::Required)
        );
    }
}
