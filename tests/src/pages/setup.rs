//! The first-run setup wizard (`/setup`): the first account, then registering the console as an
//! OAuth application (a step the sign-in page offers too).

use crate::pages::errors::Errors;
use crate::Ctx;

const FORM: &str = "[data-testid=setup-form]";
/// The wizard's fields.
pub const USERNAME: &str = "#setup-username";
pub const EMAIL: &str = "#setup-email";
const PASSWORD: &str = "#setup-password";
const CONFIRM: &str = "#setup-confirm";
const PASSWORD_ERROR: &str = "[data-testid=setup-password-error]";
const SUBMIT: &str = "[data-testid=setup-submit]";
const SUMMARY: &str = ".form-summary";
const DONE: &str = "[data-testid=setup-done]";
const UNAVAILABLE: &str = "[data-testid=setup-unavailable]";

const STEPS: &str = "[data-testid=wizard-steps] li";
const CURRENT_STEP: &str = "[data-testid=wizard-steps] li[aria-current=step]";

/// Buttons on the page whose label runs over more than one line, or that stick out of the
/// window: `{label, lines, right}` for each, and the page's width beyond the window.
const WRAPPED_BUTTONS: &str = r#"
const out = [];
for (const b of document.querySelectorAll('main button')) {
  if (!b.offsetParent) continue;
  const range = document.createRange();
  range.selectNodeContents(b);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  const right = b.getBoundingClientRect().right;
  if (tops.size > 1 || right > document.documentElement.clientWidth) {
    out.push({ label: b.textContent.trim(), lines: tops.size, right });
  }
}
const root = document.documentElement;
return { wrapped: out, overflow: root.scrollWidth - root.clientWidth };
"#;

const REGISTER_FORM: &str = "[data-testid=register-form]";
const REGISTER_ORGANIZATION: &str = "#register-organization";
const REGISTER_SUBMIT: &str = "[data-testid=register-submit]";
const REGISTER_SKIP: &str = "[data-testid=register-skip]";
const REGISTER_CONTINUE: &str = "[data-testid=register-continue]";
const CLIENT_ID: &str = "[data-testid=client-id]";

#[derive(Clone, Copy)]
pub struct Setup<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn setup(&self) -> Setup<'_> {
        Setup { ctx: self }
    }

    pub fn register_console(&self) -> RegisterConsole<'_> {
        RegisterConsole { ctx: self }
    }
}

impl<'a> Setup<'a> {
    /// Waits for the wizard's form.
    pub async fn form(&self) {
        self.ctx.find(FORM).await;
    }

    /// Whether the wizard's form shows.
    pub async fn has_form(&self) -> bool {
        self.ctx.exists(FORM).await
    }

    /// Waits until the wizard's form is gone.
    pub async fn form_gone(&self) {
        self.ctx.wait_gone(FORM).await;
    }

    /// Types the e-mail, the password and its confirmation.
    pub async fn fill(&self, email: &str, password: &str, confirm: &str) {
        self.ctx.type_into(EMAIL, email).await;
        self.ctx.type_into(PASSWORD, password).await;
        self.ctx.type_into(CONFIRM, confirm).await;
    }

    /// Fills the form (the suggested username) and submits it.
    pub async fn create_account(&self, email: &str, password: &str) {
        self.fill(email, password, password).await;
        self.submit().await;
    }

    pub async fn type_username(&self, username: &str) {
        self.ctx.type_into(USERNAME, username).await;
    }

    /// The username, as in its field.
    pub async fn username(&self) -> String {
        self.ctx.value(USERNAME).await
    }

    /// The e-mail, as in its field.
    pub async fn email(&self) -> String {
        self.ctx.value(EMAIL).await
    }

    /// The password, as in its field.
    pub async fn password(&self) -> String {
        self.ctx.value(PASSWORD).await
    }

    pub async fn submit(&self) {
        self.ctx.click(SUBMIT).await;
    }

    pub async fn password_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(PASSWORD_ERROR, text).await;
    }

    /// Waits until the summary of the form's errors shows `text`.
    pub async fn summary_shows(&self, text: &str) {
        self.ctx.wait_for_text(SUMMARY, text).await;
    }

    /// Waits until the notice that setup is done shows `text`.
    pub async fn done_shows(&self, text: &str) {
        self.ctx.wait_for_text(DONE, text).await;
    }

    /// Waits until the notice that the registry offers no setup shows `text`.
    pub async fn unavailable_shows(&self, text: &str) {
        self.ctx.wait_for_text(UNAVAILABLE, text).await;
    }

    /// The error views in the form.
    pub fn errors(&self) -> Errors<'a> {
        self.ctx.errors_in(FORM)
    }

    /// The wizard's steps as the indicator names them.
    pub async fn steps(&self) -> Vec<String> {
        self.ctx.find(STEPS).await;
        self.ctx.texts(STEPS).await
    }

    /// Waits until the step marked current (`aria-current="step"`) shows `text`.
    pub async fn current_step_shows(&self, text: &str) {
        self.ctx.wait_for_text(CURRENT_STEP, text).await;
    }

    /// How many steps are marked current.
    pub async fn current_step_count(&self) -> usize {
        self.ctx.texts(CURRENT_STEP).await.len()
    }

    /// Buttons whose label wraps or that stick out of the window, and how far the page is wider
    /// than the window (0 when it fits).
    pub async fn wrapped_buttons(&self) -> (Vec<String>, i64) {
        let report = self.ctx.js(WRAPPED_BUTTONS).await;
        let wrapped = report["wrapped"]
            .as_array()
            .map(|a| a.iter().map(|b| b.to_string()).collect())
            .unwrap_or_default();
        (wrapped, report["overflow"].as_i64().unwrap_or(0))
    }
}

/// Registering the console as an OAuth application of an organization.
#[derive(Clone, Copy)]
pub struct RegisterConsole<'a> {
    ctx: &'a Ctx,
}

impl RegisterConsole<'_> {
    /// Waits for the form.
    pub async fn form(&self) {
        self.ctx.find(REGISTER_FORM).await;
    }

    /// The organization to register in, as in its field.
    pub async fn organization(&self) -> String {
        self.ctx.value(REGISTER_ORGANIZATION).await
    }

    pub async fn register(&self) {
        self.ctx.click(REGISTER_SUBMIT).await;
    }

    /// The registered application's client id.
    pub async fn client_id(&self) -> String {
        self.ctx.text(CLIENT_ID).await
    }

    /// On, once registered.
    pub async fn continue_on(&self) {
        self.ctx.click(REGISTER_CONTINUE).await;
    }

    /// "Skip for now".
    pub async fn skip(&self) {
        self.ctx.click(REGISTER_SKIP).await;
    }
}
