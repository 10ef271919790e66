//! One namespace on the Quotas page: a user or an organization with its stored bytes and its
//! limit, and how the page filters, sorts and exports it.

use std::cmp::Ordering;

use crate::api::quota::{Owner, QuotaReport, QuotaSummary};
use crate::api::superuser_organizations::Organization;
use crate::api::superuser_users::User;
use crate::api::user::Avatar;
use crate::components::quota_cell::{level_of, Level};
use crate::format::percent_used;
use crate::list::csv::to_csv;
use crate::list::query::ListQuery;
use crate::list::window::{contains_folded, Row};

pub const COLUMNS: &[&str] = &["name", "kind", "used", "limit", "percent"];
/// Biggest first: what an admin looks for here.
pub const DEFAULT_SORT: (&str, bool) = ("used", true);

/// `?kind=` values.
pub const KIND_USER: &str = "user";
pub const KIND_ORGANIZATION: &str = "organization";
/// `?only=` values: the quick filters.
pub const OVER_90: &str = "over90";
pub const OVER_70: &str = "over70";
pub const NO_QUOTA: &str = "noquota";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaRow {
    pub name: String,
    pub owner: Owner,
    pub avatar: Avatar,
    pub used: u64,
    /// The namespace's own quota, if it has one.
    pub quota: Option<QuotaSummary>,
    /// The limit in force: the namespace's quota, or a registry-wide default.
    pub limit: Option<u64>,
}

impl QuotaRow {
    fn new(
        name: String,
        owner: Owner,
        avatar: Avatar,
        quotas: &[QuotaSummary],
        report: Option<&QuotaReport>,
    ) -> Self {
        let quota = quotas.first().cloned();
        let limit = report
            .and_then(|r| r.configured_quota)
            .or(quota.as_ref().map(|q| q.limit_bytes));
        Self {
            name,
            owner,
            avatar,
            used: report.map_or(0, |r| r.quota_bytes),
            quota,
            limit,
        }
    }

    pub fn from_user(u: User) -> Self {
        Self::new(
            u.username,
            Owner::User,
            u.avatar,
            &u.quotas,
            u.quota_report.as_ref(),
        )
    }

    pub fn from_organization(o: Organization) -> Self {
        Self::new(
            o.name,
            Owner::Organization,
            o.avatar,
            &o.quotas,
            o.quota_report.as_ref(),
        )
    }

    /// The page lists namespaces that have a quota or store anything.
    pub fn is_listed(&self) -> bool {
        self.limit.is_some() || self.used > 0
    }

    pub fn percent(&self) -> Option<u64> {
        percent_used(self.used, self.limit)
    }

    pub fn level(&self) -> Option<Level> {
        Some(level_of(self.used, self.limit?, self.percent()?))
    }

    /// After the quota editor saved: the namespace's quota as the registry now reports it.
    pub fn with_quota(mut self, quota: Option<QuotaSummary>) -> Self {
        self.limit = quota.as_ref().map(|q| q.limit_bytes);
        self.quota = quota;
        self
    }

    fn kind_word(&self) -> &'static str {
        match self.owner {
            Owner::User => KIND_USER,
            Owner::Organization => KIND_ORGANIZATION,
        }
    }
}

impl Row for QuotaRow {
    fn key(&self) -> &str {
        &self.name
    }

    fn matches(&self, needle: &str) -> bool {
        contains_folded(&self.name, needle)
    }

    fn compare(&self, other: &Self, column: &str) -> Ordering {
        match column {
            "name" => self.name.cmp(&other.name),
            "kind" => self.kind_word().cmp(other.kind_word()),
            "used" => self.used.cmp(&other.used),
            // No limit counts as the largest.
            "limit" => match (self.limit, other.limit) {
                (Some(a), Some(b)) => a.cmp(&b),
                (a, b) => b.is_some().cmp(&a.is_some()),
            },
            "percent" => (self.percent(), self.used).cmp(&(other.percent(), other.used)),
            _ => Ordering::Equal,
        }
    }

    fn in_facets(&self, query: &ListQuery) -> bool {
        let kind_ok = query.kind.as_deref().is_none_or(|k| k == self.kind_word());
        let at_least =
            |p: u64| self.level() == Some(Level::Over) || self.percent().is_some_and(|x| x >= p);
        let only_ok = match query.only.as_deref() {
            Some(OVER_90) => at_least(90),
            Some(OVER_70) => at_least(70),
            Some(NO_QUOTA) => self.limit.is_none(),
            _ => true,
        };
        kind_ok && only_ok
    }
}

pub fn quotas_csv(rows: &[QuotaRow]) -> String {
    to_csv(
        &[
            "namespace",
            "kind",
            "used_bytes",
            "limit_bytes",
            "percent_used",
        ],
        rows.iter().map(|r| {
            vec![
                r.name.clone(),
                r.kind_word().to_string(),
                r.used.to_string(),
                r.limit.map(|l| l.to_string()).unwrap_or_default(),
                r.percent().map(|p| p.to_string()).unwrap_or_default(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::window::window;

    fn row(name: &str, owner: Owner, used: u64, limit: Option<u64>) -> QuotaRow {
        QuotaRow {
            name: name.into(),
            owner,
            avatar: Avatar {
                name: name.into(),
                hash: String::new(),
                color: "#000000".into(),
                kind: "user".into(),
            },
            used,
            quota: limit.map(|l| QuotaSummary {
                id: 1,
                limit_bytes: l,
            }),
            limit,
        }
    }

    fn rows() -> Vec<QuotaRow> {
        vec![
            row("alice", Owner::User, 50, Some(100)),
            row("acme", Owner::Organization, 95, Some(100)),
            row("bob", Owner::User, 300, None),
            row("zed", Owner::Organization, 101, Some(100)),
            row("carol", Owner::User, 75, Some(100)),
        ]
    }

    fn names(items: &[QuotaRow], q: &ListQuery) -> Vec<String> {
        window(items, q, true)
            .rows
            .iter()
            .map(|&i| items[i].name.clone())
            .collect()
    }

    fn query(only: Option<&str>, kind: Option<&str>) -> ListQuery {
        ListQuery {
            sort: Some(crate::list::query::Sort {
                column: "used".into(),
                descending: true,
            }),
            only: only.map(String::from),
            kind: kind.map(String::from),
            ..ListQuery::default()
        }
    }

    #[test]
    fn biggest_first_and_quick_filters() {
        let items = rows();
        assert_eq!(
            names(&items, &query(None, None)),
            ["bob", "zed", "acme", "carol", "alice"]
        );
        assert_eq!(names(&items, &query(Some("over90"), None)), ["zed", "acme"]);
        assert_eq!(
            names(&items, &query(Some("over70"), None)),
            ["zed", "acme", "carol"]
        );
        assert_eq!(names(&items, &query(Some("noquota"), None)), ["bob"]);
        assert_eq!(
            names(&items, &query(None, Some(KIND_ORGANIZATION))),
            ["zed", "acme"]
        );
        assert_eq!(
            names(&items, &query(Some("over90"), Some(KIND_USER))),
            Vec::<String>::new()
        );
    }

    #[test]
    fn no_limit_sorts_as_largest_and_listing_rule() {
        let items = rows();
        let mut q = query(None, None);
        q.sort = Some(crate::list::query::Sort {
            column: "limit".into(),
            descending: false,
        });
        assert_eq!(names(&items, &q).last().map(String::as_str), Some("bob"));
        assert!(row("x", Owner::User, 0, Some(1)).is_listed());
        assert!(row("x", Owner::User, 1, None).is_listed());
        assert!(!row("x", Owner::User, 0, None).is_listed());
        assert_eq!(
            row("x", Owner::User, 101, Some(100)).level(),
            Some(Level::Over)
        );
    }

    #[test]
    fn saved_quota_replaces_the_limit() {
        let r = row("bob", Owner::User, 300, None).with_quota(Some(QuotaSummary {
            id: 7,
            limit_bytes: 1000,
        }));
        assert_eq!((r.limit, r.percent()), (Some(1000), Some(30)));
        assert_eq!(r.with_quota(None).limit, None);
    }
}
