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

/// The template for a kind; kinds without their own sentence name the kind.
pub fn template(kind: &str) -> Key {
    match kind {
        "user_create" => Key::LogUserCreate,
        "user_delete" => Key::LogUserDelete,
        "user_disable" => Key::LogUserDisable,
        "user_enable" => Key::LogUserEnable,
        "user_change_email" => Key::LogUserChangeEmail,
        "user_change_password" => Key::LogUserChangePassword,
        "org_create" => Key::LogOrgCreate,
        "org_delete" => Key::LogOrgDelete,
        "org_change_name" => Key::LogOrgChangeName,
        "service_key_create" => Key::LogKeyCreate,
        "service_key_approve" => Key::LogKeyApprove,
        "service_key_modify" => Key::LogKeyModify,
        "service_key_extend" => Key::LogKeyExtend,
        "service_key_delete" => Key::LogKeyDelete,
        "service_key_rotate" => Key::LogKeyRotate,
        "take_ownership" => Key::LogTakeOwnership,
        "create_application" => Key::LogCreateApplication,
        "login_success" => Key::LogLoginSuccess,
        "login_failure" => Key::LogLoginFailure,
        "logout_success" => Key::LogLogout,
        "create_app_specific_token" => Key::LogCreateAppToken,
        "create_repo" => Key::LogCreateRepo,
        "delete_repo" => Key::LogDeleteRepo,
        "push_repo" => Key::LogPushRepo,
        "pull_repo" => Key::LogPullRepo,
        "create_tag" => Key::LogCreateTag,
        "move_tag" => Key::LogMoveTag,
        "delete_tag" => Key::LogDeleteTag,
        "change_tag_expiration" => Key::LogTagExpiration,
        "set_repo_description" => Key::LogRepoDescription,
        "change_repo_visibility" => Key::LogRepoVisibility,
        "change_repo_permission" => Key::LogRepoPermission,
        "org_add_team_member" => Key::LogTeamAdd,
        "org_remove_team_member" => Key::LogTeamRemove,
        "create_robot" => Key::LogCreateRobot,
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

/// The value of a placeholder; `someone` stands for a missing performer or account.
pub fn placeholder(entry: &LogEntry, name: &str, someone: &str) -> String {
    let account = || entry.namespace.as_ref().map(|n| n.name.clone());
    let value = match name {
        "performer" => Some(
            entry
                .performer
                .as_ref()
                .map_or_else(|| someone.to_string(), |p| p.name.clone()),
        ),
        "account" => Some(account().unwrap_or_else(|| someone.to_string())),
        "kind" => Some(entry.kind.clone()),
        // The namespace the action was about: named in the metadata where Quay records it
        // (the account may have been renamed since), else the entry's account.
        "namespace" => metadata_text(entry, "namespace").or_else(account),
        "repository" => match (
            metadata_text(entry, "namespace"),
            metadata_text(entry, "repo"),
        ) {
            (Some(ns), Some(repo)) => Some(format!("{ns}/{repo}")),
            (None, Some(repo)) => Some(repo),
            _ => None,
        },
        "robot" => metadata_text(entry, "robot").map(|robot| match account() {
            Some(ns) => format!("{ns}+{robot}"),
            None => robot,
        }),
        other => metadata_text(entry, other),
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
    use super::*;
    use crate::i18n::Locale;

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
            r#"{"kind": "repo_verb", "metadata": {"n": 3}, "datetime": "Sun, 22 Nov 2026 23:08:35 -0000"}"#,
        );
        assert_eq!(sentence(&odd, Locale::En), "Someone did repo_verb");
        assert_eq!(placeholder(&odd, "n", "x"), "3");
        assert_eq!(placeholder(&odd, "missing", "x"), "—");
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

    #[test]
    fn every_template_names_only_known_placeholders() {
        let known = [
            "performer",
            "account",
            "kind",
            "namespace",
            "repository",
            "robot",
            "username",
            "email",
            "old_name",
            "new_name",
            "kid",
            "service",
            "signer_kid",
            "application_name",
            "app_specific_token_title",
            "tag",
            "visibility",
            "role",
            "member",
            "team",
        ];
        for key in Key::ALL {
            let en = key.english();
            if !(en.starts_with("{performer}")
                || en.starts_with("{account}")
                || en.starts_with("Failed"))
            {
                continue;
            }
            for locale in [Locale::En, Locale::Ja, Locale::ZhHans] {
                for part in fill(key.translation(locale), |n| n.to_string()) {
                    if let Part::Value(name) = part {
                        assert!(known.contains(&name.as_str()), "{key:?} {locale:?}: {name}");
                    }
                }
            }
        }
    }
}
