//! The sign-in page: a pasted token, or "Sign in with Quay" (Quay's OAuth implicit flow), with
//! the registry sign-in the console shows when the browser has no registry session, the
//! explanation for a superuser who may not sign in to the console yet (and taking ownership of
//! its organization), and Quay's own consent page on the way.

use crate::pages::dialog::Dialog;
use crate::Ctx;

/// The field for a pasted token and its submit button.
pub const ACCESS_TOKEN: &str = "#access-token";
pub const TOKEN_SUBMIT: &str = "[data-testid=token-submit]";
/// The token form: what shows the sign-in page.
pub const TOKEN_FORM: &str = "[data-testid=token-form]";
const ACCESS_TOKEN_ERROR: &str = "[data-testid=access-token-error]";
const REGISTRY: &str = "[data-testid=registry]";
const NOTICE: &str = "[data-testid=sign-in-notice]";
const WITH_QUAY: &str = "[data-testid=sign-in-oauth]";
const REGISTER_CONSOLE: &str = "[data-testid=register-console]";
const REGISTRY_SIGN_IN: &str = "[data-testid=registry-sign-in]";
const REGISTRY_USERNAME: &str = "#registry-username";
const REGISTRY_PASSWORD: &str = "#registry-password";
const REGISTRY_SUBMIT: &str = "[data-testid=registry-sign-in-submit]";
const REGISTRY_BACKOFF: &str = "[data-testid=registry-sign-in-backoff]";
const NO_CONSOLE_ACCESS: &str = "[data-testid=no-console-access]";
const WHOM_TO_ASK: &str = "[data-testid=whom-to-ask]";
const TAKE_CONSOLE_OWNERSHIP: &str = "[data-testid=take-console-ownership]";
const SIGN_IN_REASON: &str = "[data-testid=registry-sign-in-reason]";

/// Quay's consent page (the registry's, not the console's).
const AUTHORIZE_OPEN: &str = "#authorize-open";
const AUTHORIZE_ALLOW: &str = "#authorize-allow";
const AUTHORIZE_DENY: &str = "#authorize-deny";

#[derive(Clone, Copy)]
pub struct SignIn<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn sign_in_page(&self) -> SignIn<'_> {
        SignIn { ctx: self }
    }

    pub fn quay_consent(&self) -> QuayConsent<'_> {
        QuayConsent { ctx: self }
    }
}

impl<'a> SignIn<'a> {
    /// Types `token` into the token field and submits it.
    pub async fn paste_token(&self, token: &str) {
        self.ctx.type_into(ACCESS_TOKEN, token).await;
        self.ctx.click(TOKEN_SUBMIT).await;
    }

    /// Waits for the token form.
    pub async fn token_form(&self) {
        self.ctx.find(TOKEN_FORM).await;
    }

    pub async fn token_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(ACCESS_TOKEN_ERROR, text).await;
    }

    /// Waits until the registry named shows `text`.
    pub async fn registry_shows(&self, text: &str) {
        self.ctx.wait_for_text(REGISTRY, text).await;
    }

    /// Waits until the notice (why the person is here again) shows `text`.
    pub async fn notice_shows(&self, text: &str) {
        self.ctx.wait_for_text(NOTICE, text).await;
    }

    /// Clicks "Sign in with Quay".
    pub async fn with_quay(&self) {
        self.ctx.click(WITH_QUAY).await;
    }

    /// Waits until "Sign in with Quay" reads `text`.
    pub async fn with_quay_shows(&self, text: &str) {
        self.ctx.wait_for_text(WITH_QUAY, text).await;
    }

    /// Waits until "Sign in with Quay" is disabled (no client id).
    pub async fn with_quay_disabled(&self) {
        self.ctx.find(&format!("{WITH_QUAY}[disabled]")).await;
    }

    /// Offers to register the console (with no client id).
    pub async fn register_console(&self) {
        self.ctx.click(REGISTER_CONSOLE).await;
    }

    /// Waits for the registry sign-in form.
    pub async fn registry_form(&self) {
        self.ctx.find(REGISTRY_SIGN_IN).await;
    }

    /// Waits until the registry sign-in form shows `text`.
    pub async fn registry_form_shows(&self, text: &str) {
        self.ctx.wait_for_text(REGISTRY_SIGN_IN, text).await;
    }

    /// Types the credentials into the registry sign-in form and submits it.
    pub async fn registry_sign_in(&self, username: &str, password: &str) {
        self.ctx.type_into(REGISTRY_USERNAME, username).await;
        self.registry_sign_in_again(password).await;
    }

    /// Types a password into the registry sign-in form and submits it (the username kept).
    pub async fn registry_sign_in_again(&self, password: &str) {
        self.ctx.type_into(REGISTRY_PASSWORD, password).await;
        self.submit_registry_sign_in().await;
    }

    pub async fn submit_registry_sign_in(&self) {
        self.ctx.click(REGISTRY_SUBMIT).await;
    }

    /// The registry sign-in's username, as typed.
    pub async fn registry_username(&self) -> String {
        self.ctx.value(REGISTRY_USERNAME).await
    }

    pub async fn registry_backoff_shows(&self, text: &str) {
        self.ctx.wait_for_text(REGISTRY_BACKOFF, text).await;
    }

    /// Waits until the explanation of no access to the console shows `text`.
    pub async fn no_console_access_shows(&self, text: &str) {
        self.ctx.wait_for_text(NO_CONSOLE_ACCESS, text).await;
    }

    /// Waits until whom to ask for access shows `text`.
    pub async fn whom_to_ask_shows(&self, text: &str) {
        self.ctx.wait_for_text(WHOM_TO_ASK, text).await;
    }

    pub async fn take_console_ownership(&self) {
        self.ctx.click(TAKE_CONSOLE_OWNERSHIP).await;
    }

    /// Waits until the reason the registry sign-in gives (e.g. the registry wants the password
    /// again) shows `text`.
    pub async fn registry_sign_in_reason_shows(&self, text: &str) {
        self.ctx.wait_for_text(SIGN_IN_REASON, text).await;
    }

    pub fn console_ownership_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("take-console-ownership-dialog")
    }
}

/// Quay's consent page for the console's application.
#[derive(Clone, Copy)]
pub struct QuayConsent<'a> {
    ctx: &'a Ctx,
}

impl QuayConsent<'_> {
    /// Waits for the consent page.
    pub async fn wait(&self) {
        self.ctx.find(AUTHORIZE_OPEN).await;
    }

    /// Whether the consent page shows.
    pub async fn shown(&self) -> bool {
        self.ctx.exists(AUTHORIZE_OPEN).await
    }

    /// "Authorize Application", then again in the confirmation its dangerous scopes need.
    pub async fn allow(&self) {
        self.ctx.click(AUTHORIZE_OPEN).await;
        self.ctx.click(AUTHORIZE_ALLOW).await;
    }

    /// Cancels.
    pub async fn deny(&self) {
        self.ctx.click(AUTHORIZE_DENY).await;
    }
}
