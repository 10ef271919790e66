//! One service key as the page shows it: its dates read once, its approval and expiry states
//! (in words, not colour only), and how the page filters, sorts and exports it.

use std::cmp::Ordering;

use crate::api::service_keys::ServiceKey;
use crate::dates::parse_quay_date;
use crate::list::csv::to_csv;
use crate::list::query::ListQuery;
use crate::list::window::{contains_folded, Row};

pub const COLUMNS: &[&str] = &["name", "service", "kid", "created", "expires", "approval"];
/// Newest first.
pub const DEFAULT_SORT: (&str, bool) = ("created", true);
/// Keys expiring within this long are flagged.
pub const EXPIRING_SOON_MS: i64 = 7 * 86_400_000;

/// `?only=` values.
pub const PENDING: &str = "pending";
pub const APPROVED: &str = "approved";
pub const EXPIRED: &str = "expired";
pub const EXPIRING: &str = "expiring";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    Never,
    Valid,
    /// Within [`EXPIRING_SOON_MS`].
    Soon,
    Expired,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyRow {
    pub key: ServiceKey,
    pub created_ms: Option<i64>,
    pub expires_ms: Option<i64>,
    /// When the list was read: the expiry states are as of then.
    pub now_ms: i64,
}

impl KeyRow {
    pub fn new(key: ServiceKey, now_ms: i64) -> Self {
        Self {
            created_ms: parse_quay_date(&key.created_date),
            expires_ms: key.expiration_date.as_deref().and_then(parse_quay_date),
            key,
            now_ms,
        }
    }

    pub fn expiry(&self) -> Expiry {
        match self.expires_ms {
            None => Expiry::Never,
            Some(t) if t <= self.now_ms => Expiry::Expired,
            Some(t) if t - self.now_ms <= EXPIRING_SOON_MS => Expiry::Soon,
            Some(_) => Expiry::Valid,
        }
    }

    pub fn pending(&self) -> bool {
        self.key.approval.is_none()
    }

    fn approver(&self) -> Option<&str> {
        self.key
            .approval
            .as_ref()
            .and_then(|a| a.approver.as_ref())
            .map(|a| a.username.as_str())
    }
}

impl Row for KeyRow {
    fn key(&self) -> &str {
        &self.key.kid
    }

    fn matches(&self, needle: &str) -> bool {
        contains_folded(&self.key.name, needle)
            || contains_folded(&self.key.service, needle)
            || contains_folded(&self.key.kid, needle)
    }

    fn compare(&self, other: &Self, column: &str) -> Ordering {
        match column {
            "name" => self
                .key
                .name
                .to_lowercase()
                .cmp(&other.key.name.to_lowercase()),
            "service" => self.key.service.cmp(&other.key.service),
            "kid" => self.key.kid.cmp(&other.key.kid),
            "created" => self.created_ms.cmp(&other.created_ms),
            // Never expiring counts as the latest.
            "expires" => match (self.expires_ms, other.expires_ms) {
                (Some(a), Some(b)) => a.cmp(&b),
                (a, b) => b.is_some().cmp(&a.is_some()),
            },
            // Pending first when ascending, then by approver.
            "approval" => {
                (!self.pending(), self.approver()).cmp(&(!other.pending(), other.approver()))
            }
            _ => Ordering::Equal,
        }
    }

    fn in_facets(&self, query: &ListQuery) -> bool {
        let service_ok = query.kind.as_deref().is_none_or(|s| s == self.key.service);
        let state_ok = match query.only.as_deref() {
            Some(PENDING) => self.pending(),
            Some(APPROVED) => !self.pending(),
            Some(EXPIRED) => self.expiry() == Expiry::Expired,
            Some(EXPIRING) => self.expiry() == Expiry::Soon,
            _ => true,
        };
        service_ok && state_ok
    }
}

pub fn keys_csv(rows: &[KeyRow]) -> String {
    to_csv(
        &[
            "kid",
            "name",
            "service",
            "created",
            "expires",
            "approved_by",
            "approved",
        ],
        rows.iter().map(|r| {
            let approval = r.key.approval.as_ref();
            vec![
                r.key.kid.clone(),
                r.key.name.clone(),
                r.key.service.clone(),
                r.key.created_date.clone(),
                r.key.expiration_date.clone().unwrap_or_default(),
                r.approver().unwrap_or_default().to_string(),
                approval
                    .map(|a| a.approved_date.clone())
                    .unwrap_or_default(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::service_keys::{Approval, Approver};
    use crate::list::window::window;

    const NOW: i64 = 1_795_389_000_000; // Sun, 22 Nov 2026 23:10:00 GMT

    fn key(kid: &str, service: &str, expires: Option<&str>, approver: Option<&str>) -> KeyRow {
        KeyRow::new(
            ServiceKey {
                kid: kid.into(),
                name: format!("{kid} name"),
                service: service.into(),
                metadata: Default::default(),
                created_date: "Sat, 21 Nov 2026 10:00:00 GMT".into(),
                expiration_date: expires.map(String::from),
                approval: approver.map(|a| Approval {
                    approval_type: "ServiceKeyApprovalType.SUPERUSER".into(),
                    approved_date: "Sat, 21 Nov 2026 11:00:00 GMT".into(),
                    approver: Some(Approver { username: a.into() }),
                    notes: String::new(),
                }),
            },
            NOW,
        )
    }

    #[test]
    fn expiry_states() {
        assert_eq!(key("a", "s", None, None).expiry(), Expiry::Never);
        assert_eq!(
            key("a", "s", Some("Sat, 21 Nov 2026 00:00:00 GMT"), None).expiry(),
            Expiry::Expired
        );
        assert_eq!(
            key("a", "s", Some("Fri, 27 Nov 2026 00:00:00 GMT"), None).expiry(),
            Expiry::Soon
        );
        assert_eq!(
            key("a", "s", Some("Fri, 01 Jan 2027 00:00:00 GMT"), None).expiry(),
            Expiry::Valid
        );
    }

    #[test]
    fn filters_by_service_and_state() {
        let rows = vec![
            key("k1", "quay", None, Some("admin")),
            key(
                "k2",
                "clair",
                Some("Sat, 21 Nov 2026 00:00:00 GMT"),
                Some("ops"),
            ),
            key("k3", "clair", Some("Fri, 27 Nov 2026 00:00:00 GMT"), None),
        ];
        let ids = |kind: Option<&str>, only: Option<&str>| -> Vec<String> {
            let q = ListQuery {
                kind: kind.map(String::from),
                only: only.map(String::from),
                ..ListQuery::default()
            };
            window(&rows, &q, true)
                .rows
                .iter()
                .map(|&i| rows[i].key.kid.clone())
                .collect()
        };
        assert_eq!(ids(Some("clair"), None), ["k2", "k3"]);
        assert_eq!(ids(None, Some(PENDING)), ["k3"]);
        assert_eq!(ids(None, Some(APPROVED)), ["k1", "k2"]);
        assert_eq!(ids(None, Some(EXPIRED)), ["k2"]);
        assert_eq!(ids(Some("clair"), Some(EXPIRING)), ["k3"]);
        assert_eq!(ids(Some("quay"), Some(PENDING)), Vec::<String>::new());
    }
}
