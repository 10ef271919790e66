//! What the Organizations table knows about a row: filter, sort and CSV.

use std::cmp::Ordering;

use crate::api::quota::quota_use;
use crate::api::superuser_organizations::Organization;
use crate::list::csv::to_csv;
use crate::list::window::{contains_folded, Row};

pub const COLUMNS: &[&str] = &["name", "email", "quota"];

pub fn real_email(org: &Organization) -> Option<&str> {
    crate::components::cells::real_email(org.email.as_deref())
}

impl Row for Organization {
    fn key(&self) -> &str {
        &self.name
    }

    fn matches(&self, needle: &str) -> bool {
        contains_folded(&self.name, needle)
            || real_email(self).is_some_and(|e| contains_folded(e, needle))
    }

    fn compare(&self, other: &Self, column: &str) -> Ordering {
        match column {
            "name" => self.name.cmp(&other.name),
            "email" => real_email(self)
                .map(str::to_lowercase)
                .cmp(&real_email(other).map(str::to_lowercase)),
            "quota" => {
                let key = |o: &Organization| {
                    quota_use(o.quota_report.as_ref()).map(|q| (q.used, q.limit))
                };
                key(self).cmp(&key(other))
            }
            _ => Ordering::Equal,
        }
    }
}

pub fn organizations_csv(orgs: &[Organization]) -> String {
    to_csv(
        &["name", "email", "quota_used_bytes", "quota_limit_bytes"],
        orgs.iter().map(|o| {
            let quota = quota_use(o.quota_report.as_ref());
            vec![
                o.name.clone(),
                real_email(o).unwrap_or_default().to_string(),
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

    fn org(name: &str, email: &str, used: u64, limit: Option<u64>) -> Organization {
        Organization {
            name: name.into(),
            email: Some(email.into()),
            avatar: Avatar {
                name: name.into(),
                hash: String::new(),
                color: "#969696".into(),
                kind: "org".into(),
            },
            quotas: Vec::new(),
            quota_report: Some(QuotaReport {
                quota_bytes: used,
                configured_quota: limit,
            }),
        }
    }

    #[test]
    fn filter_sort_csv() {
        let a = org("acme", "ops@acme.io", 5, Some(10));
        let b = org("beta", "81f3adc1-68f7-4b6b-9b93-6ed85cdf7ea6", 50, None);
        assert!(a.matches("ops@"));
        assert!(!b.matches("81f3"));
        assert_eq!(a.compare(&b, "quota"), Ordering::Less);
        assert_eq!(a.compare(&b, "name"), Ordering::Less);
        let csv = organizations_csv(&[a, b]);
        assert!(csv.contains("acme,ops@acme.io,5,10\r\n"));
        assert!(csv.contains("beta,,50,\r\n"));
    }
}
