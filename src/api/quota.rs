//! The quota parts of Quay's user and organization views (`quotas`, `quota_report`).

use serde::{Deserialize, Deserializer};

/// A byte count Quay may send as an integer or, after some writes, as a float (`3221225472.0`).
pub fn bytes<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    n.as_u64()
        .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
        .ok_or_else(|| serde::de::Error::custom(format!("not a byte count: {n}")))
}

fn optional_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    struct Wrap(#[serde(deserialize_with = "bytes")] u64);
    Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct QuotaSummary {
    pub id: i64,
    #[serde(deserialize_with = "bytes")]
    pub limit_bytes: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct QuotaReport {
    #[serde(deserialize_with = "bytes")]
    pub quota_bytes: u64,
    #[serde(default, deserialize_with = "optional_bytes")]
    pub configured_quota: Option<u64>,
}

/// Used bytes and the limit, when the registry reports quotas at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotaUse {
    pub used: u64,
    pub limit: Option<u64>,
}

pub fn quota_use(report: Option<&QuotaReport>) -> Option<QuotaUse> {
    report.map(|r| QuotaUse {
        used: r.quota_bytes,
        limit: r.configured_quota,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_and_null_bytes() {
        let r: QuotaReport =
            serde_json::from_str(r#"{"quota_bytes": 10, "configured_quota": 3221225472.0, "running_backfill": "waiting"}"#)
                .unwrap();
        assert_eq!(r.configured_quota, Some(3_221_225_472));
        let r: QuotaReport =
            serde_json::from_str(r#"{"quota_bytes": 0, "configured_quota": null}"#).unwrap();
        assert_eq!(r.configured_quota, None);
        assert!(serde_json::from_str::<QuotaSummary>(r#"{"id": 1, "limit_bytes": -1}"#).is_err());
    }
}
