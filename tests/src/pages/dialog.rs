//! A modal dialog (`<dialog data-testid=…>`), and the confirmation dialog that asks for a name
//! typed before a deletion (`…-typed`, `…-confirm`). Pages hand out their dialogs, e.g.
//! `ctx.users().delete_dialog()`.

use serde_json::Value;

use crate::pages::errors::Errors;
use crate::Ctx;

pub struct Dialog<'a> {
    ctx: &'a Ctx,
    testid: &'static str,
}

impl Ctx {
    /// The dialog `data-testid=testid` (pages name theirs: prefer those).
    pub fn dialog(&self, testid: &'static str) -> Dialog<'_> {
        Dialog { ctx: self, testid }
    }
}

impl<'a> Dialog<'a> {
    /// The dialog, open or closed.
    pub fn selector(&self) -> String {
        format!("[data-testid={}]", self.testid)
    }

    fn open_selector(&self) -> String {
        format!("[data-testid={}][open]", self.testid)
    }

    /// Waits until it is open.
    pub async fn wait_open(&self) {
        self.ctx.find(&self.open_selector()).await;
    }

    /// Waits until the open dialog holds `part` (a CSS selector).
    pub async fn wait_open_with(&self, part: &str) {
        self.ctx
            .find(&format!("{} {part}", self.open_selector()))
            .await;
    }

    /// Waits until it is closed.
    pub async fn wait_closed(&self) {
        self.ctx.wait_gone(&self.open_selector()).await;
    }

    /// Closes it straight away (as its close button does).
    pub async fn close(&self) {
        self.ctx
            .js(&format!(
                "document.querySelector('{}').close(); return null;",
                self.selector()
            ))
            .await;
    }

    /// Sends Escape to the focused element as a key press would (without WebDriver's keys).
    pub async fn escape_by_script(&self) {
        self.ctx
            .js("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))")
            .await;
    }

    /// Waits until it shows `text`; returns its whole text.
    pub async fn shows(&self, text: &str) -> String {
        self.ctx.wait_for_text(&self.selector(), text).await
    }

    /// The error views inside it.
    pub fn errors(&self) -> Errors<'a> {
        self.ctx.errors_in(&self.selector())
    }

    /// A confirmation dialog's field for the name typed to confirm.
    pub async fn type_confirmation(&self, name: &str) {
        self.ctx
            .type_into(&format!("[data-testid={}-typed]", self.testid), name)
            .await;
    }

    fn confirm_button(&self) -> String {
        format!("[data-testid={}-confirm]", self.testid)
    }

    /// A confirmation dialog's confirm button.
    pub async fn confirm(&self) {
        self.ctx.click(&self.confirm_button()).await;
    }

    /// Whether the confirm button is disabled.
    pub async fn confirm_disabled(&self) -> Value {
        self.ctx
            .js(&format!(
                "return document.querySelector('{}').disabled",
                self.confirm_button()
            ))
            .await
    }
}
