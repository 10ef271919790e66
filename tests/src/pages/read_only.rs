//! What a read-only superuser (Quay's `GLOBAL_READONLY_SUPER_USERS`) sees: the note above every
//! page, write controls disabled with the reason, and on the sign-in page the explanation of why
//! the registry's authorize page would refuse it.

use crate::Ctx;

const NOTE: &str = "[data-testid=read-only-note]";
const NO_ACCESS: &str = "[data-testid=read-only-no-access]";
const BADGE: &str = "[data-testid=read-only-superuser]";
/// The reason a write control is disabled, as its tooltip says.
pub const REASON: &str =
    "Read-only superuser: the registry does not let this account change anything";

#[derive(Clone, Copy)]
pub struct ReadOnly<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn read_only(&self) -> ReadOnly<'_> {
        ReadOnly { ctx: self }
    }
}

impl ReadOnly<'_> {
    /// Waits until the note above the page shows `text`.
    pub async fn note_shows(&self, text: &str) {
        self.ctx.wait_for_text(NOTE, text).await;
    }

    pub async fn has_note(&self) -> bool {
        self.ctx.exists(NOTE).await
    }

    /// Waits until the sign-in page's explanation for a read-only superuser shows `text`.
    pub async fn no_access_shows(&self, text: &str) {
        self.ctx.wait_for_text(NO_ACCESS, text).await;
    }

    /// Waits for `css` (a button) to be disabled, and returns why (its tooltip).
    pub async fn disabled_reason(&self, css: &str) -> String {
        self.ctx.find(&format!("{css}[disabled]")).await;
        self.ctx
            .find(css)
            .await
            .attr("title")
            .await
            .expect("title")
            .unwrap_or_default()
    }

    /// The read-only superusers the console-access card marks as such.
    pub async fn marked_in_console_access(&self) -> Vec<String> {
        let script = format!(
            "return [...document.querySelectorAll('{BADGE}')].map(b => b.closest('tr').querySelector('th .server-message').textContent)"
        );
        let names = self.ctx.js(&script).await;
        names
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}
