//! The local outbox: the e-mails Quay would send when `FEATURE_MAILING` is on (recovery,
//! confirmation), rendered roughly like Quay's `emails/*.html` templates and kept in the database
//! instead of going to an SMTP server. Read them with [`list`].

use std::path::Path;

use crate::config::Config;
use crate::storage::{Storage, StorageError};

pub use crate::storage::OutboxMessage;

/// Every message in the outbox of the registry at `db`, oldest first.
pub fn list(db: &Path) -> Result<Vec<OutboxMessage>, String> {
    Storage::open(db)
        .and_then(|s| s.outbox())
        .map_err(|e| e.to_string())
}

/// `REGISTRY_TITLE_SHORT` (Quay's default "Project Quay").
fn app_title(config: &Config) -> String {
    config
        .raw("REGISTRY_TITLE_SHORT")
        .and_then(|v| v.as_str())
        .unwrap_or("Project Quay")
        .to_string()
}

/// Quay's `get_app_url`.
fn app_url(config: &Config) -> String {
    format!(
        "{}://{}",
        config.preferred_url_scheme, config.server_hostname
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Quay's `send_email`: subject `[<title>] <subject>`, an HTML part and its text rendering.
fn send(
    storage: &Storage,
    config: &Config,
    recipient: &str,
    subject: &str,
    paragraphs: &[String],
    button: (&str, &str),
    closing: &str,
) -> Result<i64, StorageError> {
    let title = app_title(config);
    let link = format!("{}/{}", app_url(config), button.1);
    let mut html = format!(
        "<html><body><h3 style=\"font-weight: 400\">{}</h3>",
        escape(subject)
    );
    let mut text = format!("{subject}\n\n");
    for p in paragraphs {
        html.push_str(&format!("<p>{}</p>", escape(p)));
        text.push_str(p);
        text.push_str("\n\n");
    }
    html.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p><p>{}<br>The {} Team</p></body></html>",
        escape(&link),
        escape(button.0),
        escape(closing),
        escape(&title)
    ));
    text.push_str(&format!(
        "{}: {link}\n\n{closing}\nThe {title} Team\n",
        button.0
    ));
    storage.send_mail(recipient, &format!("[{title}] {subject}"), &text, &html)
}

/// Quay's `send_recovery_email` (`emails/recovery.html`).
pub fn send_recovery_email(
    storage: &Storage,
    config: &Config,
    email: &str,
    token: &str,
) -> Result<i64, StorageError> {
    let title = app_title(config);
    send(
        storage,
        config,
        email,
        "Account recovery",
        &[
            format!(
                "A user at {title} has attempted to recover their access to the account \
                 registered to this email address."
            ),
            "If you did not request this password reset, you can safely ignore this message \
             and the account password and access will not change."
                .to_string(),
        ],
        ("Recover Account", &format!("recovery?code={token}")),
        "Best Wishes,",
    )
}

/// Quay's `send_org_invite_email` (`emails/teaminvite.html`).
pub fn send_team_invite_email(
    storage: &Storage,
    config: &Config,
    invite: &TeamInviteMail<'_>,
) -> Result<i64, StorageError> {
    send(
        storage,
        config,
        invite.email,
        "Invitation to join team",
        &[
            format!(
                "You’ve been invited to join the team {} in the organization {} by user {}.",
                invite.team, invite.organization, invite.inviter
            ),
            "If you were not expecting this invitation, you can safely ignore this email."
                .to_string(),
        ],
        ("Join Team", &format!("confirminvite?code={}", invite.token)),
        "Thank you,",
    )
}

/// What the team invitation names.
pub struct TeamInviteMail<'a> {
    pub email: &'a str,
    pub organization: &'a str,
    pub team: &'a str,
    pub inviter: &'a str,
    pub token: &'a str,
}

/// Quay's `send_confirmation_email` (`emails/confirmemail.html`).
pub fn send_confirmation_email(
    storage: &Storage,
    config: &Config,
    username: &str,
    email: &str,
    token: &str,
) -> Result<i64, StorageError> {
    let title = app_title(config);
    send(
        storage,
        config,
        email,
        "Please confirm your e-mail address",
        &[
            format!("This email address was used to register user {username}."),
            format!("Once you confirm this email, you’ll be able to access your {title} account."),
        ],
        ("Confirm Email", &format!("confirm?code={token}")),
        "Welcome!",
    )
}
