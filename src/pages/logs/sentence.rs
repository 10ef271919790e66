//! A log entry as a sentence ("admin created user bob"): one translated template per kind whose
//! `{placeholders}` are filled from the entry. The filled values are API data, so the result is
//! a list of parts the view renders as text, never markup.

use serde_json::Value;

use crate::api::logs::LogEntry;
use crate::i18n::Key;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Words of the template.
    Text(String),
    /// A value from the entry (a name, a tag), shown emphasised.
    Value(String),
}

/// The template for a kind: every kind of Quay's log-kind catalogue has its own sentence (see
/// `QUAY_LOG_KINDS` in the tests); kinds Quay adds later name the kind.
pub fn template(kind: &str) -> Key {
    match kind {
        // Users and accounts.
        "user_create" => Key::LogUserCreate,
        "user_delete" => Key::LogUserDelete,
        "user_disable" => Key::LogUserDisable,
        "user_enable" => Key::LogUserEnable,
        "user_change_email" => Key::LogUserChangeEmail,
        "user_change_password" => Key::LogUserChangePassword,
        "user_change_name" => Key::LogUserChangeName,
        "user_change_invoicing" => Key::LogUserChangeInvoicing,
        "user_change_tag_expiration" => Key::LogUserTagExpiration,
        "user_change_metadata" => Key::LogUserChangeMetadata,
        "user_generate_client_key" => Key::LogUserClientKey,
        "account_change_plan" => Key::LogAccountChangePlan,
        "account_change_cc" => Key::LogAccountChangeCard,
        "account_change_password" => Key::LogAccountChangePassword,
        "account_convert" => Key::LogAccountConvert,
        "take_ownership" => Key::LogTakeOwnership,
        "login_success" => Key::LogLoginSuccess,
        "login_failure" => Key::LogLoginFailure,
        "logout_success" => Key::LogLogout,
        "create_app_specific_token" => Key::LogCreateAppToken,
        "revoke_app_specific_token" => Key::LogRevokeAppToken,
        "export_logs_success" => Key::LogExportSuccess,
        "export_logs_failure" => Key::LogExportFailure,
        // Robot accounts.
        "create_robot" => Key::LogCreateRobot,
        "delete_robot" => Key::LogDeleteRobot,
        "regenerate_robot_token" => Key::LogRegenerateRobotToken,
        "create_robot_federation" => Key::LogCreateRobotFederation,
        "delete_robot_federation" => Key::LogDeleteRobotFederation,
        "federated_robot_token_exchange" => Key::LogRobotTokenExchange,
        // Organizations, teams, default permissions, quotas.
        "org_create" => Key::LogOrgCreate,
        "org_delete" => Key::LogOrgDelete,
        "org_change_name" => Key::LogOrgChangeName,
        "org_change_email" => Key::LogOrgChangeEmail,
        "org_change_invoicing" => Key::LogOrgChangeInvoicing,
        "org_change_tag_expiration" => Key::LogOrgTagExpiration,
        "org_create_team" => Key::LogOrgCreateTeam,
        "org_delete_team" => Key::LogOrgDeleteTeam,
        "org_add_team_member" => Key::LogTeamAdd,
        "org_remove_team_member" => Key::LogTeamRemove,
        "org_invite_team_member" => Key::LogTeamInvite,
        "org_delete_team_member_invite" => Key::LogTeamInviteDelete,
        "org_team_member_invite_accepted" => Key::LogTeamInviteAccepted,
        "org_team_member_invite_declined" => Key::LogTeamInviteDeclined,
        "org_set_team_description" => Key::LogTeamDescription,
        "org_set_team_role" => Key::LogTeamRole,
        "enable_team_sync" => Key::LogTeamSyncEnable,
        "disable_team_sync" => Key::LogTeamSyncDisable,
        "create_prototype_permission" => Key::LogCreateDefaultPermission,
        "modify_prototype_permission" => Key::LogModifyDefaultPermission,
        "delete_prototype_permission" => Key::LogDeleteDefaultPermission,
        "org_create_quota" => Key::LogOrgCreateQuota,
        "org_change_quota" => Key::LogOrgChangeQuota,
        "org_delete_quota" => Key::LogOrgDeleteQuota,
        "org_create_quota_limit" => Key::LogOrgCreateQuotaLimit,
        "org_change_quota_limit" => Key::LogOrgChangeQuotaLimit,
        "org_delete_quota_limit" => Key::LogOrgDeleteQuotaLimit,
        "create_proxy_cache_config" => Key::LogCreateProxyCache,
        "delete_proxy_cache_config" => Key::LogDeleteProxyCache,
        // OAuth applications and tokens.
        "create_application" => Key::LogCreateApplication,
        "update_application" => Key::LogUpdateApplication,
        "delete_application" => Key::LogDeleteApplication,
        "reset_application_client_secret" => Key::LogResetClientSecret,
        "oauth_token_assigned" => Key::LogOauthTokenAssigned,
        "oauth_token_revoked" => Key::LogOauthTokenRevoked,
        "create_oauth_api_token" => Key::LogCreateOauthApiToken,
        "revoke_oauth_api_token" => Key::LogRevokeOauthApiToken,
        // Service keys.
        "service_key_create" => Key::LogKeyCreate,
        "service_key_approve" => Key::LogKeyApprove,
        "service_key_modify" => Key::LogKeyModify,
        "service_key_extend" => Key::LogKeyExtend,
        "service_key_delete" => Key::LogKeyDelete,
        "service_key_rotate" => Key::LogKeyRotate,
        // Repositories.
        "create_repo" => Key::LogCreateRepo,
        "delete_repo" => Key::LogDeleteRepo,
        "push_repo" => Key::LogPushRepo,
        "push_repo_failed" => Key::LogPushRepoFailed,
        "pull_repo" => Key::LogPullRepo,
        "pull_repo_failed" => Key::LogPullRepoFailed,
        "repo_verb" => Key::LogRepoVerb,
        "set_repo_description" => Key::LogRepoDescription,
        "change_repo_visibility" => Key::LogRepoVisibility,
        "change_repo_trust" => Key::LogRepoTrust,
        "change_repo_state" => Key::LogRepoState,
        "add_repo_permission" => Key::LogAddRepoPermission,
        "change_repo_permission" => Key::LogRepoPermission,
        "delete_repo_permission" => Key::LogDeleteRepoPermission,
        "add_repo_accesstoken" => Key::LogAddRepoAccessToken,
        "delete_repo_accesstoken" => Key::LogDeleteRepoAccessToken,
        "add_repo_webhook" => Key::LogAddRepoWebhook,
        "delete_repo_webhook" => Key::LogDeleteRepoWebhook,
        "add_repo_notification" => Key::LogAddRepoNotification,
        "delete_repo_notification" => Key::LogDeleteRepoNotification,
        "reset_repo_notification" => Key::LogResetRepoNotification,
        "create_namespace_notification" => Key::LogAddNamespaceNotification,
        "delete_namespace_notification" => Key::LogDeleteNamespaceNotification,
        "reset_namespace_notification" => Key::LogResetNamespaceNotification,
        // Tags and manifests.
        "create_tag" => Key::LogCreateTag,
        "move_tag" => Key::LogMoveTag,
        "delete_tag" => Key::LogDeleteTag,
        "delete_tag_failed" => Key::LogDeleteTagFailed,
        "revert_tag" => Key::LogRevertTag,
        "permanently_delete_tag" => Key::LogPermanentlyDeleteTag,
        "autoprune_tag_delete" => Key::LogAutopruneTagDelete,
        "change_tag_expiration" => Key::LogTagExpiration,
        "change_tag_immutability" => Key::LogTagImmutability,
        "manifest_label_add" => Key::LogManifestLabelAdd,
        "manifest_label_delete" => Key::LogManifestLabelDelete,
        // Policies.
        "create_namespace_autoprune_policy" => Key::LogCreateNamespaceAutoprune,
        "update_namespace_autoprune_policy" => Key::LogUpdateNamespaceAutoprune,
        "delete_namespace_autoprune_policy" => Key::LogDeleteNamespaceAutoprune,
        "create_repository_autoprune_policy" => Key::LogCreateRepoAutoprune,
        "update_repository_autoprune_policy" => Key::LogUpdateRepoAutoprune,
        "delete_repository_autoprune_policy" => Key::LogDeleteRepoAutoprune,
        "create_immutability_policy" => Key::LogCreateImmutabilityPolicy,
        "update_immutability_policy" => Key::LogUpdateImmutabilityPolicy,
        "delete_immutability_policy" => Key::LogDeleteImmutabilityPolicy,
        "tag_made_immutable_by_policy" => Key::LogTagImmutableByPolicy,
        "tags_made_immutable_by_policy" => Key::LogTagsImmutableByPolicy,
        // Builds.
        "build_dockerfile" => Key::LogBuildDockerfile,
        "setup_repo_trigger" => Key::LogSetupRepoTrigger,
        "delete_repo_trigger" => Key::LogDeleteRepoTrigger,
        "toggle_repo_trigger" => Key::LogToggleRepoTrigger,
        "start_build_trigger" => Key::LogStartBuildTrigger,
        "cancel_build" => Key::LogCancelBuild,
        // Repository mirroring.
        "repo_mirror_enabled" => Key::LogRepoMirrorEnabled,
        "repo_mirror_disabled" => Key::LogRepoMirrorDisabled,
        "repo_mirror_config_changed" => Key::LogRepoMirrorConfigChanged,
        "repo_mirror_sync_started" => Key::LogRepoMirrorSyncStarted,
        "repo_mirror_sync_failed" => Key::LogRepoMirrorSyncFailed,
        "repo_mirror_sync_success" => Key::LogRepoMirrorSyncSuccess,
        "repo_mirror_sync_now_requested" => Key::LogRepoMirrorSyncNow,
        "repo_mirror_sync_tag_success" => Key::LogRepoMirrorTagSuccess,
        "repo_mirror_sync_tag_failed" => Key::LogRepoMirrorTagFailed,
        "repo_mirror_sync_test_success" => Key::LogRepoMirrorTestSuccess,
        "repo_mirror_sync_test_failed" => Key::LogRepoMirrorTestFailed,
        "repo_mirror_sync_test_started" => Key::LogRepoMirrorTestStarted,
        // Organization mirroring.
        "org_mirror_enabled" => Key::LogOrgMirrorEnabled,
        "org_mirror_disabled" => Key::LogOrgMirrorDisabled,
        "org_mirror_config_changed" => Key::LogOrgMirrorConfigChanged,
        "org_mirror_sync_started" => Key::LogOrgMirrorSyncStarted,
        "org_mirror_sync_failed" => Key::LogOrgMirrorSyncFailed,
        "org_mirror_sync_success" => Key::LogOrgMirrorSyncSuccess,
        "org_mirror_sync_now_requested" => Key::LogOrgMirrorSyncNow,
        "org_mirror_sync_cancelled" => Key::LogOrgMirrorSyncCancelled,
        "org_mirror_repo_created" => Key::LogOrgMirrorRepoCreated,
        "org_mirror_repo_creation_failed" => Key::LogOrgMirrorRepoFailed,
        _ => Key::LogOther,
    }
}

fn metadata_text(entry: &LogEntry, key: &str) -> Option<String> {
    match entry.metadata.get(key)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The value of a placeholder; `someone` stands for a missing performer or account. Besides the
/// names below, a placeholder names a metadata key.
pub fn placeholder(entry: &LogEntry, name: &str, someone: &str) -> String {
    let account = || entry.namespace.as_ref().map(|n| n.name.clone());
    let meta = |key: &str| metadata_text(entry, key);
    // The namespace the action was about: named in the metadata where Quay records it
    // (the account may have been renamed since), else the entry's account.
    let namespace = || meta("namespace").or_else(account);
    // Quay records a repository's name, mostly with its namespace; without, the action was
    // logged under the repository's namespace.
    let repository = || {
        meta("repo").map(|repo| match namespace() {
            Some(ns) => format!("{ns}/{repo}"),
            None => repo,
        })
    };
    let value = match name {
        "performer" => Some(
            entry
                .performer
                .as_ref()
                .map_or_else(|| someone.to_string(), |p| p.name.clone()),
        ),
        "account" => Some(account().unwrap_or_else(|| someone.to_string())),
        "kind" => Some(entry.kind.clone()),
        "namespace" => namespace(),
        "repository" => repository(),
        // Mostly the robot's short name, then prefixed with its owner; sign-ins record it whole.
        "robot" => meta("robot").map(|robot| match account() {
            Some(ns) if !robot.contains('+') => format!("{ns}+{robot}"),
            _ => robot,
        }),
        // Whom a repository permission is for: a user, a team or a token.
        "grantee" => meta("username")
            .or_else(|| meta("team"))
            .or_else(|| meta("token")),
        // Whom a default permission is for: a user or a team.
        "delegate" => meta("delegate_user").or_else(|| meta("delegate_team")),
        // What a policy is about: the repository where one is recorded, else the namespace.
        "target" => repository().or_else(namespace),
        other => meta(other),
    };
    value.unwrap_or_else(|| "—".to_string())
}

/// Splits a template at its `{placeholders}` and fills them with `value`.
pub fn fill(template: &str, value: impl Fn(&str) -> String) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            parts.push(Part::Text(rest[..open].to_string()));
        }
        parts.push(Part::Value(value(&rest[open + 1..close])));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_string()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    use super::*;
    use crate::i18n::Locale;

    /// Quay's log-kind catalogue: the `LogEntryKind` rows `initdb.py` creates (145) and those its
    /// migrations add (`data/migrations/versions/`; only `org_mirror_repo_creation_failed`, from
    /// `b1c2d3e4f5a6`, is not in `initdb.py` too), at quay/quay master commit ffba0c70e2d8
    /// (2026-08-21): 146 kinds, the same as Quay's own seed (`internal/dal/schema/sqlite`).
    const QUAY_LOG_KINDS: &[&str] = &[
        "account_change_cc",
        "account_change_password",
        "account_change_plan",
        "account_convert",
        "add_repo_accesstoken",
        "add_repo_notification",
        "add_repo_permission",
        "add_repo_webhook",
        "autoprune_tag_delete",
        "build_dockerfile",
        "cancel_build",
        "change_repo_permission",
        "change_repo_state",
        "change_repo_trust",
        "change_repo_visibility",
        "change_tag_expiration",
        "change_tag_immutability",
        "create_app_specific_token",
        "create_application",
        "create_immutability_policy",
        "create_namespace_autoprune_policy",
        "create_namespace_notification",
        "create_oauth_api_token",
        "create_prototype_permission",
        "create_proxy_cache_config",
        "create_repo",
        "create_repository_autoprune_policy",
        "create_robot",
        "create_robot_federation",
        "create_tag",
        "delete_application",
        "delete_immutability_policy",
        "delete_namespace_autoprune_policy",
        "delete_namespace_notification",
        "delete_prototype_permission",
        "delete_proxy_cache_config",
        "delete_repo",
        "delete_repo_accesstoken",
        "delete_repo_notification",
        "delete_repo_permission",
        "delete_repo_trigger",
        "delete_repo_webhook",
        "delete_repository_autoprune_policy",
        "delete_robot",
        "delete_robot_federation",
        "delete_tag",
        "delete_tag_failed",
        "disable_team_sync",
        "enable_team_sync",
        "export_logs_failure",
        "export_logs_success",
        "federated_robot_token_exchange",
        "login_failure",
        "login_success",
        "logout_success",
        "manifest_label_add",
        "manifest_label_delete",
        "modify_prototype_permission",
        "move_tag",
        "oauth_token_assigned",
        "oauth_token_revoked",
        "org_add_team_member",
        "org_change_email",
        "org_change_invoicing",
        "org_change_name",
        "org_change_quota",
        "org_change_quota_limit",
        "org_change_tag_expiration",
        "org_create",
        "org_create_quota",
        "org_create_quota_limit",
        "org_create_team",
        "org_delete",
        "org_delete_quota",
        "org_delete_quota_limit",
        "org_delete_team",
        "org_delete_team_member_invite",
        "org_invite_team_member",
        "org_mirror_config_changed",
        "org_mirror_disabled",
        "org_mirror_enabled",
        "org_mirror_repo_created",
        "org_mirror_repo_creation_failed",
        "org_mirror_sync_cancelled",
        "org_mirror_sync_failed",
        "org_mirror_sync_now_requested",
        "org_mirror_sync_started",
        "org_mirror_sync_success",
        "org_remove_team_member",
        "org_set_team_description",
        "org_set_team_role",
        "org_team_member_invite_accepted",
        "org_team_member_invite_declined",
        "permanently_delete_tag",
        "pull_repo",
        "pull_repo_failed",
        "push_repo",
        "push_repo_failed",
        "regenerate_robot_token",
        "repo_mirror_config_changed",
        "repo_mirror_disabled",
        "repo_mirror_enabled",
        "repo_mirror_sync_failed",
        "repo_mirror_sync_now_requested",
        "repo_mirror_sync_started",
        "repo_mirror_sync_success",
        "repo_mirror_sync_tag_failed",
        "repo_mirror_sync_tag_success",
        "repo_mirror_sync_test_failed",
        "repo_mirror_sync_test_started",
        "repo_mirror_sync_test_success",
        "repo_verb",
        "reset_application_client_secret",
        "reset_namespace_notification",
        "reset_repo_notification",
        "revert_tag",
        "revoke_app_specific_token",
        "revoke_oauth_api_token",
        "service_key_approve",
        "service_key_create",
        "service_key_delete",
        "service_key_extend",
        "service_key_modify",
        "service_key_rotate",
        "set_repo_description",
        "setup_repo_trigger",
        "start_build_trigger",
        "tag_made_immutable_by_policy",
        "tags_made_immutable_by_policy",
        "take_ownership",
        "toggle_repo_trigger",
        "update_application",
        "update_immutability_policy",
        "update_namespace_autoprune_policy",
        "update_repository_autoprune_policy",
        "user_change_email",
        "user_change_invoicing",
        "user_change_metadata",
        "user_change_name",
        "user_change_password",
        "user_change_tag_expiration",
        "user_create",
        "user_delete",
        "user_disable",
        "user_enable",
        "user_generate_client_key",
    ];

    /// What `placeholder` derives from the entry rather than reading one metadata key.
    const DERIVED: &[&str] = &[
        "performer",
        "account",
        "kind",
        "namespace",
        "repository",
        "robot",
        "grantee",
        "delegate",
        "target",
    ];

    /// The metadata keys the templates read, as Quay's `log_action` calls record them.
    const METADATA_KEYS: &[&str] = &[
        "app_specific_token_title",
        "application",
        "application_name",
        "assigned_user",
        "assigning_user",
        "build_id",
        "build_uuid",
        "changed",
        "count",
        "email",
        "enabled",
        "error",
        "event",
        "export_id",
        "external_namespace",
        "external_reference",
        "external_registry_url",
        "immutable",
        "inviter",
        "issuer",
        "key",
        "kid",
        "limit",
        "manifest_digest",
        "member",
        "message",
        "method",
        "new_name",
        "oauth_token_uuid",
        "old_name",
        "old_username",
        "original_role",
        "plan",
        "previous_limit",
        "previous_threshold_percent",
        "previous_type",
        "role",
        "scope",
        "service",
        "signer_kid",
        "state_changed",
        "subject",
        "tag",
        "tag_expiration",
        "tag_pattern",
        "team",
        "threshold_percent",
        "to",
        "token",
        "trigger_uuid",
        "trust_enabled",
        "type",
        "upstream_registry",
        "username",
        "value",
        "verb",
        "visibility",
    ];

    /// The sentence as plain text (for search and export).
    fn plain(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| match p {
                Part::Text(t) | Part::Value(t) => t.as_str(),
            })
            .collect()
    }

    fn entry(json: &str) -> LogEntry {
        serde_json::from_str(json).unwrap()
    }

    fn sentence(e: &LogEntry, locale: Locale) -> String {
        let t = template(&e.kind).translation(locale);
        plain(&fill(t, |name| placeholder(e, name, "Someone")))
    }

    /// The placeholder names of a template.
    fn names(template: &str) -> BTreeSet<String> {
        fill(template, |n| n.to_string())
            .into_iter()
            .filter_map(|part| match part {
                Part::Value(name) => Some(name),
                Part::Text(_) => None,
            })
            .collect()
    }

    /// Every sentence template: one per catalogue kind, and the fallback.
    fn templates() -> Vec<Key> {
        let mut keys: Vec<Key> = QUAY_LOG_KINDS.iter().map(|k| template(k)).collect();
        keys.push(Key::LogOther);
        keys
    }

    #[test]
    fn every_quay_kind_has_its_own_sentence() {
        assert!(DERIVED.iter().all(|name| !METADATA_KEYS.contains(name)));
        let kinds: HashSet<&str> = QUAY_LOG_KINDS.iter().copied().collect();
        assert_eq!(kinds.len(), QUAY_LOG_KINDS.len(), "a kind is listed twice");
        let mut seen = HashSet::new();
        for kind in QUAY_LOG_KINDS {
            let key = template(kind);
            assert_ne!(key, Key::LogOther, "{kind} has no sentence");
            assert!(seen.insert(key.index()), "{kind} shares {key:?}");
        }
        assert_eq!(template("future_kind"), Key::LogOther);
    }

    #[test]
    fn translations_name_the_english_placeholders() {
        for key in templates() {
            let en = names(key.english());
            for locale in [Locale::Ja, Locale::ZhHans] {
                assert_eq!(names(key.translation(locale)), en, "{key:?} {locale:?}");
            }
        }
    }

    #[test]
    fn every_template_names_only_known_placeholders() {
        for key in templates() {
            for locale in [Locale::En, Locale::Ja, Locale::ZhHans] {
                for part in fill(key.translation(locale), |n| n.to_string()) {
                    match part {
                        Part::Value(name) => assert!(
                            DERIVED.contains(&name.as_str())
                                || METADATA_KEYS.contains(&name.as_str()),
                            "{key:?} {locale:?}: {name}"
                        ),
                        Part::Text(text) => assert!(
                            !text.contains(['{', '}']),
                            "{key:?} {locale:?}: a brace outside a placeholder"
                        ),
                    }
                }
            }
        }
    }

    #[test]
    fn sentences_in_three_languages() {
        let e = entry(
            r#"{"kind": "user_create", "metadata": {"username": "bob", "email": null},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
                "performer": {"kind": "user", "name": "alice", "is_robot": false},
                "namespace": {"kind": "user", "name": "bob"}}"#,
        );
        assert_eq!(sentence(&e, Locale::En), "alice created user bob");
        assert_eq!(
            sentence(&e, Locale::Ja),
            "alice がユーザー bob を作成しました"
        );
        assert_eq!(sentence(&e, Locale::ZhHans), "alice 创建了用户 bob");
        let email = entry(
            r#"{"kind": "org_change_email",
                "metadata": {"email": "ops@acme.io", "namespace": "acme", "old_email": "a@acme.io"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
                "performer": {"name": "quayadmin"}, "namespace": {"kind": "org", "name": "acme"}}"#,
        );
        assert_eq!(
            sentence(&email, Locale::En),
            "quayadmin changed the e-mail of organization acme to ops@acme.io"
        );
        assert_eq!(
            sentence(&email, Locale::Ja),
            "quayadmin が組織 acme のメールアドレスを ops@acme.io に変更しました"
        );
        assert_eq!(
            sentence(&email, Locale::ZhHans),
            "quayadmin 将组织 acme 的电子邮件改为 ops@acme.io"
        );
        let window = entry(
            r#"{"kind": "org_change_tag_expiration",
                "metadata": {"tag_expiration": 1209600, "namespace": "acme"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000", "performer": {"name": "quayadmin"}}"#,
        );
        assert_eq!(
            sentence(&window, Locale::En),
            "quayadmin set the time machine window of organization acme to 1209600 seconds"
        );
    }

    #[test]
    fn values_from_metadata_and_accounts() {
        let pull = entry(
            r#"{"kind": "pull_repo", "metadata": {"namespace": "acme", "repo": "web", "tag": "v1"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000"}"#,
        );
        assert_eq!(sentence(&pull, Locale::En), "Someone pulled from acme/web");
        let robot = entry(
            r#"{"kind": "create_robot", "metadata": {"robot": "ci"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
                "performer": {"name": "alice"}, "namespace": {"kind": "org", "name": "acme"}}"#,
        );
        assert_eq!(
            sentence(&robot, Locale::En),
            "alice created robot account acme+ci"
        );
        let odd = entry(
            r#"{"kind": "future_kind", "metadata": {"n": 3}, "datetime": "Sun, 22 Nov 2026 23:08:35 -0000"}"#,
        );
        assert_eq!(sentence(&odd, Locale::En), "Someone did future_kind");
        assert_eq!(placeholder(&odd, "n", "x"), "3");
        assert_eq!(placeholder(&odd, "missing", "x"), "—");
    }

    #[test]
    fn derived_values() {
        // A team's permission names neither user nor namespace: the account is the namespace.
        let team = entry(
            r#"{"kind": "change_repo_permission", "metadata": {"team": "ops", "repo": "web", "role": "write"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
                "performer": {"name": "alice"}, "namespace": {"kind": "org", "name": "acme"}}"#,
        );
        assert_eq!(
            sentence(&team, Locale::En),
            "alice gave ops write access to acme/web"
        );
        // A sign-in records the robot's whole name.
        let sign_in = entry(
            r#"{"kind": "login_failure", "metadata": {"robot": "acme+ci", "username": "acme"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000", "namespace": {"name": "acme"}}"#,
        );
        assert_eq!(placeholder(&sign_in, "robot", "x"), "acme+ci");
        let prototype = entry(
            r#"{"kind": "create_prototype_permission",
                "metadata": {"role": "read", "delegate_team": "readers", "activating_username": null},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
                "performer": {"name": "alice"}, "namespace": {"kind": "org", "name": "acme"}}"#,
        );
        assert_eq!(
            sentence(&prototype, Locale::En),
            "alice created a default permission in acme: read for readers"
        );
        // A policy is about a repository where one is recorded, else its namespace.
        let policy = |metadata: &str| {
            entry(&format!(
                r#"{{"kind": "delete_immutability_policy", "metadata": {metadata},
                    "datetime": "Sun, 22 Nov 2026 23:08:35 -0000", "performer": {{"name": "alice"}}}}"#
            ))
        };
        assert_eq!(
            sentence(
                &policy(r#"{"namespace": "acme", "repo": "web"}"#),
                Locale::En
            ),
            "alice deleted an immutability policy for acme/web"
        );
        assert_eq!(
            sentence(&policy(r#"{"namespace": "acme"}"#), Locale::En),
            "alice deleted an immutability policy for acme"
        );
        // Worker entries have no performer and need none.
        let mirror = entry(
            r#"{"kind": "repo_mirror_sync_failed",
                "metadata": {"namespace": "acme", "repo": "web", "message": "'quay.io/x' job lost"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000"}"#,
        );
        assert_eq!(
            sentence(&mirror, Locale::En),
            "Mirroring of acme/web failed: 'quay.io/x' job lost"
        );
    }

    #[test]
    fn hostile_values_stay_values() {
        let e = entry(
            r#"{"kind": "user_delete", "metadata": {"username": "<img src=x onerror=alert(1)>{performer}"},
                "datetime": "Sun, 22 Nov 2026 23:08:35 -0000", "performer": {"name": "a{b"}}"#,
        );
        let parts = fill(template(&e.kind).english(), |n| {
            placeholder(&e, n, "Someone")
        });
        assert_eq!(
            parts,
            vec![
                Part::Value("a{b".into()),
                Part::Text(" deleted user ".into()),
                Part::Value("<img src=x onerror=alert(1)>{performer}".into()),
            ]
        );
    }
}
