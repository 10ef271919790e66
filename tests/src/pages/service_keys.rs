//! The Service keys page (`/service-keys`): keys with their states in words, filters, creating
//! one (its private key shown once and downloaded), approving a pending one, editing, deleting.

use crate::pages::dialog::Dialog;
use crate::Ctx;

/// A key's row: what shows that the page has loaded its data.
pub const ROW: &str = "[data-testid=key-row]";
const APPROVAL: &str = "[data-testid=key-approval]";
const EXPIRES: &str = "[data-testid=key-expires]";
const NAME: &str = "[data-testid=key-name]";
/// A row's button that opens the manage dialog.
pub const MANAGE: &str = "[data-testid=manage-key]";
/// A pending key's own Approve button, on its row.
pub const APPROVE_ROW: &str = "[data-testid=approve-row]";
const DELETE: &str = "[data-testid=delete-key]";
const MANAGE_KID: &str = "[data-testid=manage-kid]";
/// The manage dialog's approval notes and approve button.
pub const APPROVE_NOTES: &str = "#approve-notes";
pub const APPROVE: &str = "[data-testid=approve-key]";
const APPROVE_SECTION: &str = "[data-testid=approve-section]";
const EDIT_NAME: &str = "#edit-key-name";
const SAVE: &str = "[data-testid=save-key]";
const CREATE: &str = "[data-testid=create-key]";
const CREATE_SUBMIT: &str = "[data-testid=create-key-submit]";
const NEW_SERVICE: &str = "#new-key-service";
const NEW_SERVICE_ERROR: &str = "[data-testid=new-key-service-error]";
const EXPIRATION_ERROR: &str = "[data-testid=key-expiration-error]";
const NEW_NAME: &str = "#new-key-name";
const NEVER_EXPIRES: &str = "[data-testid=never-expires]";
const METADATA_ADD: &str = "[data-testid=new-key-metadata-add]";
const PRIVATE_KEY_ONCE: &str = "[data-testid=private-key-once]";
const PRIVATE_KEY: &str = "[data-testid=private-key]";
const DOWNLOAD_PRIVATE_KEY: &str = "[data-testid=download-private-key]";
const PRIVATE_KEY_DONE: &str = "[data-testid=private-key-done]";

#[derive(Clone, Copy)]
pub struct ServiceKeys<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn service_keys(&self) -> ServiceKeys<'_> {
        ServiceKeys { ctx: self }
    }
}

/// The row whose approval shows the badge `badge` (a CSS class).
fn row_with_badge(badge: &str) -> String {
    format!("{ROW}:has({APPROVAL} .{badge})")
}

impl<'a> ServiceKeys<'a> {
    /// Navigates to `/service-keys` with `query` (e.g. `?only=pending`, or empty).
    pub async fn goto(&self, query: &str) {
        self.ctx.goto(&format!("/service-keys{query}")).await;
    }

    /// Waits until exactly `n` rows show.
    pub async fn row_count_is(&self, n: usize) {
        self.ctx.wait_for_count(ROW, n).await;
    }

    /// Waits until no row shows.
    pub async fn rows_gone(&self) {
        self.ctx.wait_gone(ROW).await;
    }

    /// Waits until the first key's approval shows `text`.
    pub async fn approval_shows(&self, text: &str) {
        self.ctx.wait_for_text(APPROVAL, text).await;
    }

    /// Waits until the first key's expiry shows `text`.
    pub async fn expiry_shows(&self, text: &str) {
        self.ctx.wait_for_text(EXPIRES, text).await;
    }

    /// Waits until the first key's name shows `text`.
    pub async fn name_shows(&self, text: &str) {
        self.ctx.wait_for_text(NAME, text).await;
    }

    /// Opens the manage dialog of the first key.
    pub async fn manage_first(&self) {
        self.ctx.row_action(ROW, MANAGE).await;
    }

    /// Opens the manage dialog of the (first) approved key.
    pub async fn manage_approved(&self) {
        self.ctx
            .row_action(&row_with_badge("badge-ok"), MANAGE)
            .await;
    }

    /// Opens the manage dialog of the (first) pending key.
    pub async fn manage_pending(&self) {
        self.ctx
            .row_action(&row_with_badge("badge-warn"), MANAGE)
            .await;
    }

    pub fn manage_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("manage-key-dialog")
    }

    /// Waits until the manage dialog's key id shows `kid`.
    pub async fn managed_kid_shows(&self, kid: &str) {
        self.ctx.wait_for_text(MANAGE_KID, kid).await;
    }

    pub async fn type_approval_notes(&self, notes: &str) {
        self.ctx.type_into(APPROVE_NOTES, notes).await;
    }

    pub async fn approve(&self) {
        self.ctx.click(APPROVE).await;
    }

    /// Waits until the open manage dialog offers the approval (of a pending key).
    pub async fn approval_offered(&self) {
        self.manage_dialog().wait_open_with(APPROVE_SECTION).await;
    }

    /// Waits until the approval is no longer offered.
    pub async fn approval_gone(&self) {
        self.ctx.wait_gone(APPROVE_SECTION).await;
    }

    /// Types a new name into the manage dialog and saves it.
    pub async fn rename(&self, name: &str) {
        self.ctx.type_into(EDIT_NAME, name).await;
        self.ctx.click(SAVE).await;
    }

    pub async fn open_create_dialog(&self) {
        self.ctx.click(CREATE).await;
    }

    pub async fn type_new_service(&self, service: &str) {
        self.ctx.type_into(NEW_SERVICE, service).await;
    }

    pub async fn type_new_name(&self, name: &str) {
        self.ctx.type_into(NEW_NAME, name).await;
    }

    pub async fn never_expires(&self) {
        self.ctx.click(NEVER_EXPIRES).await;
    }

    /// Adds the first metadata entry `key`: `value`.
    pub async fn add_metadata(&self, key: &str, value: &str) {
        self.ctx.click(METADATA_ADD).await;
        self.ctx.type_into("#new-key-metadata-key-0", key).await;
        self.ctx.type_into("#new-key-metadata-value-0", value).await;
    }

    pub async fn submit_new_key(&self) {
        self.ctx.click(CREATE_SUBMIT).await;
    }

    pub async fn service_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(NEW_SERVICE_ERROR, text).await;
    }

    pub async fn expiration_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(EXPIRATION_ERROR, text).await;
    }

    /// Waits until the private key shown once says `text`; returns what it says.
    pub async fn private_key_once_shows(&self, text: &str) -> String {
        self.ctx.wait_for_text(PRIVATE_KEY_ONCE, text).await
    }

    /// The private key shown once.
    pub async fn private_key(&self) -> String {
        self.ctx.value(PRIVATE_KEY).await
    }

    pub async fn download_private_key(&self) {
        self.ctx.click(DOWNLOAD_PRIVATE_KEY).await;
    }

    pub async fn done_with_private_key(&self) {
        self.ctx.click(PRIVATE_KEY_DONE).await;
    }

    /// Opens the delete confirmation of the first key.
    /// Why the first row's Manage and Delete are refused (`None` for one that is not).
    pub async fn first_row_refusals(&self) -> [Option<String>; 2] {
        [
            self.ctx.row_action_refusal(ROW, MANAGE).await,
            self.ctx.row_action_refusal(ROW, DELETE).await,
        ]
    }

    pub async fn delete_first(&self) {
        self.ctx.row_action(ROW, DELETE).await;
    }

    pub fn delete_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("delete-key-dialog")
    }
}
