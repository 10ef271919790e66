//! Quay's local avatars (`avatars/avatars.py`, `BaseAvatar.get_data`): a SHA-256 of the e-mail
//! (or name) and a colour picked from it.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

const AVATAR_COLORS: [&str; 32] = [
    "#969696", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896",
    "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7",
    "#bcbd22", "#1f77b4", "#17becf", "#9edae5", "#393b79", "#5254a3", "#6b6ecf", "#9c9ede",
    "#9ecae1", "#31a354", "#b5cf6b", "#a1d99b", "#8c6d31", "#ad494a", "#e7ba52", "#a55194",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvatarKind {
    User,
    Robot,
    Org,
    Team,
    App,
}

impl AvatarKind {
    fn as_str(self) -> &'static str {
        match self {
            AvatarKind::User => "user",
            AvatarKind::Robot => "robot",
            AvatarKind::Org => "org",
            AvatarKind::Team => "team",
            AvatarKind::App => "app",
        }
    }
}

/// Lowercase hex SHA-256 of `(email or name).strip().lower()`.
pub fn avatar_hash(name: &str, email: Option<&str>) -> String {
    let source = match email {
        Some(e) if !e.is_empty() => e,
        _ => name,
    };
    let normalized = source
        .trim_matches(quay_rules::is_python_whitespace)
        .to_lowercase();
    crate::crypto::hex_lower(&Sha256::digest(normalized.as_bytes()))
}

/// `AVATAR_COLORS[int(hash[0:2], 16) % 32]`.
pub fn avatar_color(hash: &str) -> &'static str {
    let index = hash
        .get(0..2)
        .and_then(|h| u8::from_str_radix(h, 16).ok())
        .unwrap_or(0);
    AVATAR_COLORS[usize::from(index) % AVATAR_COLORS.len()]
}

/// The avatar object of a namespace, team or application (keys in Quay's sorted order).
#[derive(Debug, Serialize)]
pub struct Avatar<'a> {
    color: &'static str,
    hash: String,
    kind: &'static str,
    name: &'a str,
}

impl<'a> Avatar<'a> {
    pub fn new(name: &'a str, email: Option<&str>, kind: AvatarKind) -> Avatar<'a> {
        let hash = avatar_hash(name, email);
        Avatar {
            color: avatar_color(&hash),
            hash,
            kind: kind.as_str(),
            name,
        }
    }
}

/// [`Avatar`] as a JSON value, for views built as values.
pub fn avatar(name: &str, email: Option<&str>, kind: AvatarKind) -> Value {
    crate::views::to_value(&Avatar::new(name, email, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(email: &str, prefix: &str, suffix: &str, color: &str) {
        let hash = avatar_hash("ignored", Some(email));
        assert_eq!(hash.len(), 64);
        assert!(
            hash.starts_with(prefix) && hash.ends_with(suffix),
            "{email}: {hash}"
        );
        assert_eq!(avatar_color(&hash), color, "{email}");
    }

    #[test]
    fn contract_vectors() {
        check("admin@example.com", "258d8dc9", "cabda4f", "#98df8a");
        check("alice@example.com", "ff8d9819", "c6d976", "#a55194");
        check("testorg@example.com", "5f113632", "9c53c8", "#a55194");
        check("alice2@example.com", "4ad316d0", "a65b52", "#8c564b");
        // Teams hash their name.
        let owners = avatar_hash("owners", None);
        assert!(owners.starts_with("6f0e3a8c") && owners.ends_with("0f8d90"));
        assert_eq!(avatar_color(&owners), "#c7c7c7");
    }

    #[test]
    fn full_hashes_from_the_contract() {
        assert_eq!(
            avatar_hash("admin", Some("admin@example.com")),
            "258d8dc916db8cea2cafb6c3cd0cb0246efe061421dbd83ec3a350428cabda4f"
        );
        assert_eq!(
            avatar_hash("x", Some("alice@example.com")),
            "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976"
        );
    }

    #[test]
    fn email_is_stripped_and_lowercased_and_empty_falls_back_to_name() {
        assert_eq!(
            avatar_hash("x", Some("  Admin@Example.COM\n")),
            avatar_hash("y", Some("admin@example.com"))
        );
        assert_eq!(avatar_hash("owners", Some("")), avatar_hash("owners", None));
    }

    #[test]
    fn object_shape() {
        let v = avatar("admin", Some("admin@example.com"), AvatarKind::User);
        assert_eq!(v["name"], "admin");
        assert_eq!(v["color"], "#98df8a");
        assert_eq!(v["kind"], "user");
        assert_eq!(avatar("o", None, AvatarKind::Org)["kind"], "org");
    }
}
