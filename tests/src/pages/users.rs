//! The Users page (`/users`): the list of users; creating one (its password shown once);
//! managing one (enabled, e-mail, password); deleting one with its name typed; bulk changes
//! reported per row.

use crate::pages::dialog::Dialog;
use crate::Ctx;

/// A user's row: what shows that the page has loaded its data.
pub const ROW: &str = "[data-testid=user-row]";
const USERNAME: &str = "[data-testid=username]";
const STATUS: &str = "[data-testid=user-status]";
const EMAIL: &str = ".cell-email";
const ROLE: &str = "[data-testid=user-role]";
const MANAGE: &str = "[data-testid=manage-user]";
const DELETE: &str = "[data-testid=delete-user]";
const QUOTA_ACTION: &str = "[data-testid=quota-action]";
const SELECT_ROW: &str = "[data-testid=select-row]";
/// The button that opens the create dialog.
pub const CREATE: &str = "[data-testid=create-user]";
/// The create dialog's fields and its submit button.
pub const NEW_USERNAME: &str = "#new-user-username";
pub const NEW_EMAIL: &str = "#new-user-email";
pub const CREATE_SUBMIT: &str = "[data-testid=create-user-submit]";
const NEW_USERNAME_ERROR: &str = "[data-testid=new-user-username-error]";
const PASSWORD_ONCE: &str = "[data-testid=password-once]";
const NEW_PASSWORD: &str = "[data-testid=new-password]";
/// The button that closes the password shown once.
pub const PASSWORD_DONE: &str = "[data-testid=password-done]";
const MANAGE_STATUS: &str = "[data-testid=manage-status]";
const TOGGLE_ENABLED: &str = "[data-testid=toggle-enabled]";
/// The manage dialog's e-mail field.
pub const MANAGE_EMAIL: &str = "#manage-email";
const SAVE_EMAIL: &str = "[data-testid=save-email]";
const MANAGE_PASSWORD: &str = "#manage-password";
const SAVE_PASSWORD: &str = "[data-testid=save-password]";
const MANAGE_PASSWORD_ERROR: &str = "[data-testid=manage-password-error]";
const BULK_BAR: &str = "[data-testid=bulk-bar]";
const BULK_DISABLE: &str = "[data-testid=bulk-disable]";
const BULK_CONFIRM: &str = "[data-testid=bulk-confirm]";
const BULK_PROGRESS: &str = "[data-testid=bulk-progress]";
const BULK_RESULT: &str = "[data-testid=bulk-result]";
const BULK_DELETE: &str = "[data-testid=bulk-delete]";
const BULK_LEFT_OUT: &str = "[data-testid=bulk-left-out]";
const BULK_TYPED: &str = "#bulk-typed";

#[derive(Clone, Copy)]
pub struct Users<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn users(&self) -> Users<'_> {
        Users { ctx: self }
    }
}

impl<'a> Users<'a> {
    /// Navigates to `/users` with `query` (e.g. `?limit=50`, or empty).
    pub async fn goto(&self, query: &str) {
        self.ctx.goto(&format!("/users{query}")).await;
    }

    /// [`Users::goto`], then waits for a row.
    pub async fn open(&self, query: &str) {
        self.goto(query).await;
        self.ctx.find(ROW).await;
    }

    /// The usernames shown on the current page, in order.
    pub async fn usernames(&self) -> Vec<String> {
        self.ctx.texts(&format!("{ROW} {USERNAME}")).await
    }

    /// The names of the rows drawn now (in one scrolling table, only those in view).
    pub async fn drawn_names(&self) -> Vec<String> {
        self.ctx.texts(&format!("{ROW} .cell-name .truncate")).await
    }

    /// Every row drawn now, as text.
    pub async fn rows(&self) -> Vec<String> {
        self.ctx.texts(ROW).await
    }

    /// Waits until exactly `n` rows show.
    pub async fn row_count_is(&self, n: usize) {
        self.ctx.wait_for_count(ROW, n).await;
    }

    /// Waits until the first row found shows `text`.
    pub async fn rows_show(&self, text: &str) {
        self.ctx.wait_for_text(ROW, text).await;
    }

    /// Waits until the row that is its table's first child shows `text`.
    pub async fn first_row_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&format!("{ROW}:first-child"), text)
            .await;
    }

    /// The row of the user `name`.
    pub fn row(&self, name: &str) -> UserRow<'a> {
        UserRow {
            ctx: self.ctx,
            css: format!("{ROW}:has({USERNAME}[title=\"{name}\"])"),
        }
    }

    /// The first row.
    pub fn first_row(&self) -> UserRow<'a> {
        UserRow {
            ctx: self.ctx,
            css: ROW.to_string(),
        }
    }

    pub async fn open_create_dialog(&self) {
        self.ctx.click(CREATE).await;
    }

    /// Waits until the create button reads `text`.
    pub async fn create_button_shows(&self, text: &str) {
        self.ctx.wait_for_text(CREATE, text).await;
    }

    pub fn create_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("create-user-dialog")
    }

    pub async fn type_new_username(&self, username: &str) {
        self.ctx.type_into(NEW_USERNAME, username).await;
    }

    pub async fn type_new_email(&self, email: &str) {
        self.ctx.type_into(NEW_EMAIL, email).await;
    }

    /// The create dialog's username, as typed.
    pub async fn new_username(&self) -> String {
        self.ctx.value(NEW_USERNAME).await
    }

    /// The create dialog's e-mail, as typed.
    pub async fn new_email(&self) -> String {
        self.ctx.value(NEW_EMAIL).await
    }

    pub async fn submit_new_user(&self) {
        self.ctx.click(CREATE_SUBMIT).await;
    }

    pub async fn new_username_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(NEW_USERNAME_ERROR, text).await;
    }

    /// Waits for the new user's password, shown once.
    pub async fn password_shown_once(&self) {
        self.ctx.find(PASSWORD_ONCE).await;
    }

    /// The password shown once.
    pub async fn new_password(&self) -> String {
        self.ctx.value(NEW_PASSWORD).await
    }

    /// Closes the password shown once and waits until it is gone.
    pub async fn done_with_password(&self) {
        self.ctx.click(PASSWORD_DONE).await;
        self.ctx.wait_gone(PASSWORD_ONCE).await;
    }

    pub fn manage_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("manage-user-dialog")
    }

    /// Waits until the manage dialog's status (Enabled, Disabled) shows `text`.
    pub async fn manage_status_shows(&self, text: &str) {
        self.ctx.wait_for_text(MANAGE_STATUS, text).await;
    }

    pub async fn toggle_enabled(&self) {
        self.ctx.click(TOGGLE_ENABLED).await;
    }

    /// Types `email` into the manage dialog and saves it.
    pub async fn change_email(&self, email: &str) {
        self.ctx.type_into(MANAGE_EMAIL, email).await;
        self.ctx.click(SAVE_EMAIL).await;
    }

    /// The manage dialog's e-mail, as typed.
    pub async fn managed_email(&self) -> String {
        self.ctx.value(MANAGE_EMAIL).await
    }

    /// Types `password` into the manage dialog and saves it.
    pub async fn change_password(&self, password: &str) {
        self.ctx.type_into(MANAGE_PASSWORD, password).await;
        self.ctx.click(SAVE_PASSWORD).await;
    }

    pub async fn password_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(MANAGE_PASSWORD_ERROR, text).await;
    }

    /// The confirmation asking for the name typed before a deletion.
    pub fn delete_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("delete-user-dialog")
    }

    /// Ticks the row at `position` (from 1).
    pub async fn select_row(&self, position: usize) {
        self.ctx
            .click(&format!("{ROW}:nth-child({position}) {SELECT_ROW}"))
            .await;
    }

    /// Shift-clicks the row at `position` (from 1): the range from the last tick is selected.
    pub async fn shift_select_row(&self, position: usize) {
        self.ctx
            .js(&format!(
                "const box = document.querySelector('{ROW}:nth-child({position}) {SELECT_ROW}'); box.dispatchEvent(new MouseEvent('click', {{shiftKey: true, bubbles: true}}));"
            ))
            .await;
    }

    /// Waits until the bulk bar (what is selected, the bulk actions) shows `text`.
    pub async fn bulk_bar_shows(&self, text: &str) {
        self.ctx.wait_for_text(BULK_BAR, text).await;
    }

    pub async fn bulk_disable(&self) {
        self.ctx.click(BULK_DISABLE).await;
    }

    pub fn bulk_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("bulk-dialog")
    }

    pub async fn confirm_bulk(&self) {
        self.ctx.click(BULK_CONFIRM).await;
    }

    pub async fn bulk_delete(&self) {
        self.ctx.click(BULK_DELETE).await;
    }

    /// What the bulk dialog leaves out, and why, as text.
    pub async fn bulk_left_out(&self) -> String {
        self.ctx.text(BULK_LEFT_OUT).await
    }

    /// Types into the bulk delete's confirmation (the number of accounts).
    pub async fn type_bulk_count(&self, text: &str) {
        self.ctx.type_into(BULK_TYPED, text).await;
    }

    /// Whether the bulk dialog's confirm button is disabled.
    pub async fn bulk_confirm_disabled(&self) -> bool {
        self.ctx
            .js(&format!(
                "return document.querySelector('{BULK_CONFIRM}').disabled"
            ))
            .await
            .as_bool()
            .unwrap_or(false)
    }

    /// The bulk bar's distance from the top of the viewport, in pixels.
    pub async fn bulk_bar_top(&self) -> f64 {
        self.ctx
            .js(&format!(
                "return document.querySelector('{BULK_BAR}').getBoundingClientRect().top"
            ))
            .await
            .as_f64()
            .unwrap_or(f64::NAN)
    }

    pub async fn bulk_progress_shows(&self, text: &str) {
        self.ctx.wait_for_text(BULK_PROGRESS, text).await;
    }

    /// The bulk change's result for each row, as text.
    pub async fn bulk_results(&self) -> Vec<String> {
        self.ctx.texts(BULK_RESULT).await
    }
}

/// One user's row.
pub struct UserRow<'a> {
    ctx: &'a Ctx,
    css: String,
}

impl UserRow<'_> {
    /// Its actions menu button (to tab to, or to find the focus on after a dialog).
    pub fn actions_button(&self) -> String {
        format!("{} {}", self.css, super::list::ROW_ACTIONS)
    }

    /// Opens its manage dialog.
    pub async fn manage(&self) {
        self.ctx.row_action(&self.css, MANAGE).await;
    }

    /// Opens its delete confirmation.
    pub async fn delete(&self) {
        self.ctx.row_action(&self.css, DELETE).await;
    }

    /// Why its Delete is refused, if it is.
    pub async fn delete_refusal(&self) -> Option<String> {
        self.ctx.row_action_refusal(&self.css, DELETE).await
    }

    /// Waits until its status (Enabled, Disabled) shows `text`.
    pub async fn status_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&format!("{} {STATUS}", self.css), text)
            .await;
    }

    /// Waits until its Role column shows `text`.
    pub async fn role_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&format!("{} {ROLE}", self.css), text)
            .await;
    }

    /// Why its Quota, Manage and Delete are refused (`None` for one that is not).
    pub async fn refusals(&self) -> [Option<String>; 3] {
        [
            self.ctx.row_action_refusal(&self.css, QUOTA_ACTION).await,
            self.ctx.row_action_refusal(&self.css, MANAGE).await,
            self.ctx.row_action_refusal(&self.css, DELETE).await,
        ]
    }

    /// Ticks its selection box.
    pub async fn select(&self) {
        self.ctx.click(&format!("{} {SELECT_ROW}", self.css)).await;
    }

    /// Waits until its e-mail shows `text`.
    pub async fn email_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&format!("{} {EMAIL}", self.css), text)
            .await;
    }

    /// Opens the quota editor from it.
    pub async fn edit_quota(&self) {
        self.ctx.row_action(&self.css, QUOTA_ACTION).await;
    }
}
