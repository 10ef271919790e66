//! JSON views shared by several routes (§1.10): quota summaries and reports, the superuser
//! panel's user and organization views.

use serde_json::{json, Map, Value};

use crate::avatar::{avatar, AvatarKind};
use crate::config::Config;
use crate::storage::{NamespaceDetails, NamespaceSize, QuotaRecord, UserRecord};

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
pub fn quota_report(
    quotas: &[QuotaRecord],
    size: Option<&NamespaceSize>,
    system_default: &Value,
) -> Value {
    let status = backfill_status(size);
    json!({
        "quota_bytes": size.map_or(0, |s| s.size_bytes),
        "configured_quota": quotas
            .first()
            .map_or_else(|| system_default.clone(), |q| json!(q.limit_bytes)),
        "running_backfill": status,
        "backfill_status": status,
    })
}

/// Whether namespace views carry `quotas` and `quota_report`.
pub fn shows_quotas(config: &Config) -> bool {
    config.feature_quota_management && config.feature_edit_quota
}

fn add_quotas(view: &mut Map<String, Value>, id: i64, details: &NamespaceDetails, config: &Config) {
    if shows_quotas(config) {
        let quotas = details.quotas_of(id);
        view.insert(
            "quotas".into(),
            Value::Array(quotas.iter().map(quota_summary).collect()),
        );
        view.insert(
            "quota_report".into(),
            quota_report(quotas, details.size_of(id), &system_default_quota(config)),
        );
    }
}

/// The superuser panel's user view (`superuser_models_interface.User.to_dict`, §1.10).
pub fn superuser_user_view(
    user: &UserRecord,
    config: &Config,
    details: &NamespaceDetails,
) -> Value {
    let mut view = Map::new();
    view.insert("kind".into(), json!("user"));
    view.insert("name".into(), json!(user.username));
    view.insert("username".into(), json!(user.username));
    view.insert("email".into(), json!(user.email));
    view.insert("verified".into(), json!(user.verified));
    view.insert(
        "avatar".into(),
        avatar(&user.username, Some(&user.email), AvatarKind::User),
    );
    view.insert(
        "super_user".into(),
        json!(config.is_listed_super_user(&user.username)),
    );
    view.insert(
        "global_readonly_super_user".into(),
        json!(config.is_global_readonly_super_user(&user.username)),
    );
    view.insert("enabled".into(), json!(user.enabled));
    add_quotas(&mut view, user.id, details, config);
    Value::Object(view)
}

/// The superuser panel's organization view (`superuser_models_interface.Organization.to_dict`):
/// the raw stored e-mail (UUID placeholders included) and an `org` avatar.
pub fn superuser_org_view(org: &UserRecord, config: &Config, details: &NamespaceDetails) -> Value {
    let mut view = Map::new();
    view.insert("name".into(), json!(org.username));
    view.insert("email".into(), json!(org.email));
    view.insert(
        "avatar".into(),
        avatar(&org.username, Some(&org.email), AvatarKind::Org),
    );
    add_quotas(&mut view, org.id, details, config);
    Value::Object(view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::QuotaLimit;

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
