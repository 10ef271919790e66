//! JSON views shared by several routes: quota summaries and reports, the superuser panel's user
//! and organization views (Quay: `quota_view`, `User.to_dict`, `Organization.to_dict` in
//! `endpoints/api/superuser_models_interface.py`; `get_quota_for_view` in
//! `data/model/namespacequota.py`). Typed views serialise straight into the response (the
//! listings of 100 namespaces are the emulator's hottest path); field order is Quay's, whose
//! Flask layer sorts keys.

use serde::Serialize;
use serde_json::Value;

use crate::avatar::{Avatar, AvatarKind};
use crate::config::Config;
use crate::storage::{NamespaceDetails, NamespaceSize, QuotaLimit, QuotaRecord, UserRecord};

/// A view as a JSON value, for routes that build or extend values.
pub fn to_value(view: &impl Serialize) -> Value {
    // Views are plain structs of strings, numbers and values: serialising them cannot fail.
    serde_json::to_value(view).unwrap_or(Value::Null)
}

#[derive(Debug, Serialize)]
pub struct QuotaLimitView<'a> {
    id: i64,
    limit_percent: i64,
    #[serde(rename = "type")]
    limit_type: &'a str,
}

/// `{"id", "limit_bytes", "limits": [...]}` inside user and organization views.
#[derive(Debug, Serialize)]
pub struct QuotaSummary<'a> {
    id: i64,
    limit_bytes: i64,
    limits: Vec<QuotaLimitView<'a>>,
}

impl<'a> QuotaSummary<'a> {
    pub fn new(quota: &'a QuotaRecord) -> QuotaSummary<'a> {
        QuotaSummary {
            id: quota.id,
            limit_bytes: quota.limit_bytes,
            limits: quota.limits.iter().map(limit_view).collect(),
        }
    }
}

fn limit_view(limit: &QuotaLimit) -> QuotaLimitView<'_> {
    QuotaLimitView {
        id: limit.id,
        limit_percent: limit.percent_of_limit,
        limit_type: &limit.limit_type,
    }
}

/// [`QuotaSummary`] as a JSON value.
pub fn quota_summary(quota: &QuotaRecord) -> Value {
    to_value(&QuotaSummary::new(quota))
}

/// Quay's `fetch_system_default`: `DEFAULT_SYSTEM_REJECT_QUOTA_BYTES` unless it is 0 (Quay's
/// default), as configured.
pub fn system_default_quota(config: &Config) -> Value {
    match config.raw("DEFAULT_SYSTEM_REJECT_QUOTA_BYTES") {
        None | Some(Value::Bool(false)) => Value::Null,
        Some(Value::Number(n)) if n.as_f64() == Some(0.0) => Value::Null,
        Some(other) => other.clone(),
    }
}

/// The backfill status of `get_quota_for_view` (`""` for a completed backfill that never
/// started, as Quay's branches leave it).
pub fn backfill_status(size: Option<&NamespaceSize>) -> &'static str {
    match size {
        None => "waiting",
        Some(s) => match (s.backfill_start_ms.is_some(), s.backfill_complete) {
            (false, false) => "waiting",
            (true, false) => "running",
            (true, true) => "complete",
            (false, true) => "",
        },
    }
}

/// Quay's `get_quota_for_view`: the namespace's consumed bytes (0 without a size row), its quota
/// limit (or the system default) and the backfill status.
#[derive(Debug, Serialize)]
pub struct QuotaReport {
    backfill_status: &'static str,
    configured_quota: Value,
    quota_bytes: i64,
    running_backfill: &'static str,
}

impl QuotaReport {
    pub fn new(
        quotas: &[QuotaRecord],
        size: Option<&NamespaceSize>,
        system_default: &Value,
    ) -> QuotaReport {
        let status = backfill_status(size);
        QuotaReport {
            backfill_status: status,
            configured_quota: quotas
                .first()
                .map_or_else(|| system_default.clone(), |q| q.limit_bytes.into()),
            quota_bytes: size.map_or(0, |s| s.size_bytes),
            running_backfill: status,
        }
    }
}

/// [`QuotaReport`] as a JSON value.
pub fn quota_report(
    quotas: &[QuotaRecord],
    size: Option<&NamespaceSize>,
    system_default: &Value,
) -> Value {
    to_value(&QuotaReport::new(quotas, size, system_default))
}

/// Whether namespace views carry `quotas` and `quota_report`.
pub fn shows_quotas(config: &Config) -> bool {
    config.feature_quota_management && config.feature_edit_quota
}

/// `quota_report` and `quotas` of a namespace view, when the configuration shows them.
fn namespace_quotas<'a>(
    id: i64,
    details: &'a NamespaceDetails,
    config: &Config,
) -> (Option<QuotaReport>, Option<Vec<QuotaSummary<'a>>>) {
    if !shows_quotas(config) {
        return (None, None);
    }
    let quotas = details.quotas_of(id);
    (
        Some(QuotaReport::new(
            quotas,
            details.size_of(id),
            &system_default_quota(config),
        )),
        Some(quotas.iter().map(QuotaSummary::new).collect()),
    )
}

/// The superuser panel's user view (`User.to_dict`, `endpoints/api/superuser_models_interface.py`).
#[derive(Debug, Serialize)]
pub struct SuperuserUserView<'a> {
    avatar: Avatar<'a>,
    email: &'a str,
    enabled: bool,
    global_readonly_super_user: bool,
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    quota_report: Option<QuotaReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotas: Option<Vec<QuotaSummary<'a>>>,
    super_user: bool,
    username: &'a str,
    verified: bool,
}

impl<'a> SuperuserUserView<'a> {
    pub fn new(
        user: &'a UserRecord,
        config: &Config,
        details: &'a NamespaceDetails,
    ) -> SuperuserUserView<'a> {
        let (quota_report, quotas) = namespace_quotas(user.id, details, config);
        SuperuserUserView {
            avatar: Avatar::new(&user.username, Some(&user.email), AvatarKind::User),
            email: &user.email,
            enabled: user.enabled,
            global_readonly_super_user: config.is_global_readonly_super_user(&user.username),
            kind: "user",
            name: &user.username,
            quota_report,
            quotas,
            super_user: config.is_listed_super_user(&user.username),
            username: &user.username,
            verified: user.verified,
        }
    }
}

/// [`SuperuserUserView`] as a JSON value.
pub fn superuser_user_view(
    user: &UserRecord,
    config: &Config,
    details: &NamespaceDetails,
) -> Value {
    to_value(&SuperuserUserView::new(user, config, details))
}

/// The superuser panel's organization view (`superuser_models_interface.Organization.to_dict`):
/// the raw stored e-mail (UUID placeholders included) and an `org` avatar.
#[derive(Debug, Serialize)]
pub struct SuperuserOrgView<'a> {
    avatar: Avatar<'a>,
    email: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    quota_report: Option<QuotaReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotas: Option<Vec<QuotaSummary<'a>>>,
}

impl<'a> SuperuserOrgView<'a> {
    pub fn new(
        org: &'a UserRecord,
        config: &Config,
        details: &'a NamespaceDetails,
    ) -> SuperuserOrgView<'a> {
        let (quota_report, quotas) = namespace_quotas(org.id, details, config);
        SuperuserOrgView {
            avatar: Avatar::new(&org.username, Some(&org.email), AvatarKind::Org),
            email: &org.email,
            name: &org.username,
            quota_report,
            quotas,
        }
    }
}

/// [`SuperuserOrgView`] as a JSON value.
pub fn superuser_org_view(org: &UserRecord, config: &Config, details: &NamespaceDetails) -> Value {
    to_value(&SuperuserOrgView::new(org, config, details))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn backfill_states_follow_get_quota_for_view() {
        let size = |start: Option<i64>, complete: bool| NamespaceSize {
            size_bytes: 7,
            backfill_start_ms: start,
            backfill_complete: complete,
        };
        assert_eq!(backfill_status(None), "waiting");
        assert_eq!(backfill_status(Some(&size(None, false))), "waiting");
        assert_eq!(backfill_status(Some(&size(Some(1), false))), "running");
        assert_eq!(backfill_status(Some(&size(Some(1), true))), "complete");
        assert_eq!(backfill_status(Some(&size(None, true))), "");
        let report = quota_report(&[], Some(&size(Some(1), true)), &Value::Null);
        assert_eq!(
            report,
            json!({"quota_bytes": 7, "configured_quota": null, "running_backfill": "complete",
                   "backfill_status": "complete"})
        );
    }

    #[test]
    fn system_default_quota_is_null_unless_configured() {
        let config = Config::default_emulator();
        assert_eq!(system_default_quota(&config), Value::Null);
        let set = config
            .clone()
            .with_overrides(r#"{"DEFAULT_SYSTEM_REJECT_QUOTA_BYTES": 1000}"#)
            .unwrap();
        assert_eq!(system_default_quota(&set), json!(1000));
        let zero = config
            .with_overrides(r#"{"DEFAULT_SYSTEM_REJECT_QUOTA_BYTES": 0}"#)
            .unwrap();
        assert_eq!(system_default_quota(&zero), Value::Null);
    }

    #[test]
    fn report_and_summary() {
        assert_eq!(
            quota_report(&[], None, &Value::Null),
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
            quota_report(std::slice::from_ref(&q), None, &json!(5))["configured_quota"],
            524_288_000
        );
        assert_eq!(quota_report(&[], None, &json!(5))["configured_quota"], 5);
        assert_eq!(
            quota_summary(&q),
            json!({"id": 2, "limit_bytes": 524_288_000,
                   "limits": [{"id": 1, "type": "Warning", "limit_percent": 80}]})
        );
    }
}
