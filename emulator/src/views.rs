//! JSON views shared by several routes (§1.10): quota summaries and reports.

use serde_json::{json, Value};

use crate::storage::QuotaRecord;

/// `{"id", "limit_bytes", "limits": [...]}` inside user and organization views.
pub fn quota_summary(quota: &QuotaRecord) -> Value {
    json!({
        "id": quota.id,
        "limit_bytes": quota.limit_bytes,
        "limits": quota.limits.iter().map(|l| json!({
            "id": l.id,
            "type": l.limit_type,
            "limit_percent": l.percent_of_limit,
        })).collect::<Vec<_>>(),
    })
}

/// Quay's `get_quota_for_view`: no size worker runs, so usage is 0 and backfill stays "waiting".
pub fn quota_report(quotas: &[QuotaRecord]) -> Value {
    json!({
        "quota_bytes": 0,
        "configured_quota": quotas.first().map(|q| q.limit_bytes),
        "running_backfill": "waiting",
        "backfill_status": "waiting",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::QuotaLimit;

    #[test]
    fn report_and_summary() {
        assert_eq!(
            quota_report(&[]),
            json!({"quota_bytes": 0, "configured_quota": null, "running_backfill": "waiting",
                   "backfill_status": "waiting"})
        );
        let q = QuotaRecord {
            id: 2,
            limit_bytes: 524_288_000,
            limits: vec![QuotaLimit {
                id: 1,
                limit_type: "Warning".into(),
                percent_of_limit: 80,
            }],
        };
        assert_eq!(
            quota_report(std::slice::from_ref(&q))["configured_quota"],
            524_288_000
        );
        assert_eq!(
            quota_summary(&q),
            json!({"id": 2, "limit_bytes": 524_288_000,
                   "limits": [{"id": 1, "type": "Warning", "limit_percent": 80}]})
        );
    }
}
