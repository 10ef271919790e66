//! The error view of a failed API call (what failed, the registry's words, a retry), wherever it
//! shows: in a page, a section, a dialog or a form.

use fantoccini::elements::Element;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::Ctx;

const ERROR: &str = "[data-testid=api-error]";
const TITLE: &str = ".alert-title";
const SERVER_MESSAGE: &str = "[data-testid=server-message]";
const RETRY: &str = "[data-testid=retry]";

/// The error views inside `scope` (a CSS selector; empty: anywhere in the page).
pub struct Errors<'a> {
    ctx: &'a Ctx,
    scope: String,
}

impl Ctx {
    /// The error views anywhere in the page.
    pub fn errors(&self) -> Errors<'_> {
        self.errors_in("")
    }

    /// The error views inside `scope` (e.g. `main`, or a dialog's selector).
    pub fn errors_in(&self, scope: &str) -> Errors<'_> {
        Errors {
            ctx: self,
            scope: scope.to_string(),
        }
    }
}

impl Errors<'_> {
    fn within(&self, part: &str) -> String {
        if self.scope.is_empty() {
            part.to_string()
        } else {
            format!("{} {part}", self.scope)
        }
    }

    /// Waits for an error view and returns it.
    pub async fn find(&self) -> Element {
        self.ctx.find(&self.within(ERROR)).await
    }

    /// Waits until an error view shows `text`.
    pub async fn shows(&self, text: &str) {
        self.ctx.wait_for_text(&self.within(ERROR), text).await;
    }

    /// Whether an error view shows now.
    pub async fn any(&self) -> bool {
        self.ctx.exists(&self.within(ERROR)).await
    }

    /// Waits until no error view shows.
    pub async fn wait_gone(&self) {
        self.ctx.wait_gone(&self.within(ERROR)).await;
    }

    /// The titles of the error views shown now.
    pub async fn titles(&self) -> Vec<String> {
        self.ctx
            .texts(&format!("{} {TITLE}", self.within(ERROR)))
            .await
    }

    /// Whether every error view shown offers a retry.
    pub async fn all_offer_retry(&self) -> Value {
        self.ctx
            .client
            .execute(
                "return [...document.querySelectorAll(arguments[0])].every(e => e.querySelector(arguments[1]));",
                vec![json!(self.within(ERROR)), json!(RETRY)],
            )
            .await
            .unwrap_or_else(|e| panic!("cannot look for retries: {e}"))
    }

    /// Waits until the registry's message shows `text`.
    pub async fn server_message_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&self.within(SERVER_MESSAGE), text)
            .await;
    }

    /// Clicks the (first) retry.
    pub async fn retry(&self) {
        self.ctx.click(&self.within(RETRY)).await;
    }

    /// Clicks the first retry if there is one now (without waiting for one).
    pub async fn retry_if_offered(&self) {
        if let Ok(retry) = self
            .ctx
            .client
            .find(Locator::Css(&self.within(RETRY)))
            .await
        {
            let _ = retry.click().await;
        }
    }
}
