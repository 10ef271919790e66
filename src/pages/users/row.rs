//! What the Users table knows about a user row: its columns for filter and sort, and its CSV.

use std::cmp::Ordering;

use crate::api::quota::quota_use;
use crate::api::superuser_users::{ListedRole, User};
use crate::list::csv::to_csv;
use crate::list::window::{contains_folded, Row};

/// Sortable columns, as they appear in `?sort=`.
pub const COLUMNS: &[&str] = &["username", "email", "enabled", "superuser", "quota"];

pub fn real_email(user: &User) -> Option<&str> {
    crate::components::cells::real_email(user.email.as_deref())
}

impl Row for User {
    fn key(&self) -> &str {
        &self.username
    }

    fn matches(&self, needle: &str) -> bool {
        contains_folded(&self.username, needle)
            || real_email(self).is_some_and(|e| contains_folded(e, needle))
    }

    fn compare(&self, other: &Self, column: &str) -> Ordering {
        match column {
            "username" => self.username.cmp(&other.username),
            "email" => real_email(self)
                .map(str::to_lowercase)
                .cmp(&real_email(other).map(str::to_lowercase)),
            "enabled" => self.enabled.cmp(&other.enabled),
            "superuser" => self.role().cmp(&other.role()),
            // By used bytes; the limit breaks ties.
            "quota" => {
                let key = |u: &User| quota_use(u.quota_report.as_ref()).map(|q| (q.used, q.limit));
                key(self).cmp(&key(other))
            }
            _ => Ordering::Equal,
        }
    }
}

pub fn users_csv(users: &[User]) -> String {
    let header = [
        "username",
        "email",
        "enabled",
        "superuser",
        "readonly_superuser",
        "verified",
        "quota_used_bytes",
        "quota_limit_bytes",
    ];
    to_csv(
        &header,
        users.iter().map(|u| {
            let quota = quota_use(u.quota_report.as_ref());
            vec![
                u.username.clone(),
                real_email(u).unwrap_or_default().to_string(),
                u.enabled.to_string(),
                u.super_user.to_string(),
                (u.role() == ListedRole::ReadOnlySuperuser).to_string(),
                u.verified.to_string(),
                quota.map(|q| q.used.to_string()).unwrap_or_default(),
                quota
                    .and_then(|q| q.limit)
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::quota::QuotaReport;
    use crate::api::user::Avatar;

    fn user(name: &str, email: &str, used: u64) -> User {
        User {
            username: name.into(),
            email: Some(email.into()),
            verified: true,
            avatar: Avatar {
                name: name.into(),
                hash: String::new(),
                color: "#969696".into(),
                kind: "user".into(),
            },
            super_user: false,
            global_readonly_super_user: None,
            enabled: true,
            quotas: Vec::new(),
            quota_report: Some(QuotaReport {
                quota_bytes: used,
                configured_quota: None,
            }),
        }
    }

    #[test]
    fn uuid_placeholder_is_not_an_email() {
        let u = user("bob", "d8470120-32f8-4ece-bf76-b90224993dfa", 0);
        assert_eq!(real_email(&u), None);
        assert!(!u.matches("d847"));
        assert!(u.matches("bo"));
        assert!(user("x", "Alice@Example.com", 0).matches("alice@"));
    }

    #[test]
    fn sorts_by_role() {
        let plain = user("a", "a@x.io", 0);
        let reader = User {
            global_readonly_super_user: Some(true),
            ..user("r", "r@x.io", 0)
        };
        let admin = User {
            super_user: true,
            ..user("s", "s@x.io", 0)
        };
        assert_eq!(plain.compare(&reader, "superuser"), Ordering::Less);
        assert_eq!(reader.compare(&admin, "superuser"), Ordering::Less);
    }

    #[test]
    fn sorts_by_usage() {
        let small = user("a", "a@x.io", 10);
        let big = user("b", "b@x.io", 20);
        assert_eq!(small.compare(&big, "quota"), Ordering::Less);
        assert_eq!(small.compare(&big, "nonsense"), Ordering::Equal);
    }

    #[test]
    fn csv_rows() {
        let csv = users_csv(&[user("alice", "=cmd@x.io", 5)]);
        assert!(
            csv.ends_with("alice,'=cmd@x.io,true,false,false,true,5,\r\n"),
            "{csv}"
        );
    }
}
