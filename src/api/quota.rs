//! Quotas: the quota parts of Quay's user and organization views (`quotas`, `quota_report`) and
//! the superuser quota endpoints (`/api/v1/superuser/{users|organization}/{ns}/quota`).

use serde::{Deserialize, Deserializer, Serialize};

use super::{ApiClient, ApiError};
use crate::format::percent_encode;

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

/// Puts a namespace's new quota into its view's `quotas` and `quota_report` (after a change the
/// registry confirmed), so the row shows it without reloading the list.
pub fn apply_quota(
    quotas: &mut Vec<QuotaSummary>,
    report: &mut Option<QuotaReport>,
    quota: Option<QuotaSummary>,
) {
    let limit = quota.as_ref().map(|q| q.limit_bytes);
    *quotas = quota.into_iter().collect();
    let report = report.get_or_insert_with(QuotaReport::default);
    report.configured_quota = limit;
}

/// Whose quota: Quay serves the same endpoints under a users path and an organization path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    User,
    Organization,
}

fn quota_path(owner: Owner, namespace: &str) -> String {
    let family = match owner {
        Owner::User => "users",
        Owner::Organization => "organization",
    };
    format!(
        "/api/v1/superuser/{family}/{}/quota",
        percent_encode(namespace)
    )
}

#[derive(Serialize)]
struct Limit {
    limit_bytes: u64,
}

/// The namespace's quotas (Quay allows at most one).
pub async fn list_quotas(
    client: &ApiClient,
    owner: Owner,
    namespace: &str,
) -> Result<Vec<QuotaSummary>, ApiError> {
    client.get(&quota_path(owner, namespace)).await
}

/// Creates the namespace's quota (Quay answers 201 `"Created"`, without the new id).
pub async fn create_quota(
    client: &ApiClient,
    owner: Owner,
    namespace: &str,
    limit_bytes: u64,
) -> Result<(), ApiError> {
    client
        .post::<_, String>(&quota_path(owner, namespace), &Limit { limit_bytes })
        .await
        .map(|_| ())
}

pub async fn change_quota(
    client: &ApiClient,
    owner: Owner,
    namespace: &str,
    id: i64,
    limit_bytes: u64,
) -> Result<QuotaSummary, ApiError> {
    let path = format!("{}/{id}", quota_path(owner, namespace));
    client.put(&path, &Limit { limit_bytes }).await
}

pub async fn delete_quota(
    client: &ApiClient,
    owner: Owner,
    namespace: &str,
    id: i64,
) -> Result<(), ApiError> {
    client
        .delete(&format!("{}/{id}", quota_path(owner, namespace)))
        .await
}

/// Sets a namespace's limit whatever it had (create or change), or removes it (`None`), and
/// answers the quota as the registry then reports it.
pub async fn set_limit(
    client: &ApiClient,
    owner: Owner,
    namespace: &str,
    current: Option<i64>,
    limit_bytes: Option<u64>,
) -> Result<Option<QuotaSummary>, ApiError> {
    match (current, limit_bytes) {
        (Some(id), Some(bytes)) => {
            change_quota(client, owner, namespace, id, bytes).await?;
        }
        (None, Some(bytes)) => create_quota(client, owner, namespace, bytes).await?,
        (Some(id), None) => delete_quota(client, owner, namespace, id).await?,
        (None, None) => {}
    }
    // Read back: the create answer has no id, and another admin may have changed it meanwhile.
    Ok(list_quotas(client, owner, namespace)
        .await?
        .into_iter()
        .next())
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

    #[test]
    fn paths_per_owner_with_hostile_names_encoded() {
        assert_eq!(
            quota_path(Owner::User, "alice"),
            "/api/v1/superuser/users/alice/quota"
        );
        assert_eq!(
            quota_path(Owner::Organization, "a/b?c"),
            "/api/v1/superuser/organization/a%2Fb%3Fc/quota"
        );
        let body = serde_json::to_string(&Limit { limit_bytes: 5 }).unwrap();
        assert_eq!(body, r#"{"limit_bytes":5}"#);
    }
}
