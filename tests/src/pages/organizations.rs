//! The Organizations page (`/organizations`): renaming one, its settings (tag expiration in
//! human units), taking ownership of one the admin does not administer, deleting one with its
//! name typed.

use crate::pages::dialog::Dialog;
use crate::Ctx;

/// An organization's row: what shows that the page has loaded its data.
pub const ROW: &str = "[data-testid=organization-row]";
/// A row, or what an empty list shows instead.
pub const ROW_OR_EMPTY: &str = "[data-testid=organization-row], [data-testid=empty-state]";
const NAME: &str = "[data-testid=organization-name]";
const EDIT: &str = "[data-testid=edit-organization]";
const DELETE: &str = "[data-testid=delete-organization]";
const QUOTA_ACTION: &str = "[data-testid=quota-action]";
const NEW_NAME: &str = "#organization-name";
const RENAME: &str = "[data-testid=rename-organization]";
const NAME_TAKEN: &str = "[data-testid=name-taken]";
const RENAME_CRASH_EXPLAINED: &str = "[data-testid=rename-crash-explained]";
const TAG_EXPIRATION: &str = "[data-testid=tag-expiration]";
const SAVE_SETTINGS: &str = "[data-testid=save-organization-settings]";
const NOT_ADMIN: &str = "[data-testid=not-org-admin]";
const TAKE_OWNERSHIP: &str = "[data-testid=take-organization-ownership]";

#[derive(Clone, Copy)]
pub struct Organizations<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn organizations(&self) -> Organizations<'_> {
        Organizations { ctx: self }
    }
}

impl<'a> Organizations<'a> {
    /// Navigates to `/organizations` with `query` (e.g. `?q=acme`, or empty).
    pub async fn goto(&self, query: &str) {
        self.ctx.goto(&format!("/organizations{query}")).await;
    }

    /// Navigates to `/organizations` and waits for a row.
    pub async fn open(&self) {
        self.goto("").await;
        self.ctx.find(ROW).await;
    }

    /// Waits until exactly `n` rows show.
    pub async fn row_count_is(&self, n: usize) {
        self.ctx.wait_for_count(ROW, n).await;
    }

    /// Waits until the first row shows `text`.
    pub async fn rows_show(&self, text: &str) {
        self.ctx.wait_for_text(ROW, text).await;
    }

    /// The row of the organization `name`.
    pub fn row(&self, name: &str) -> OrganizationRow<'a> {
        OrganizationRow {
            ctx: self.ctx,
            css: format!("{ROW}:has({NAME}[title=\"{name}\"])"),
        }
    }

    /// The first row.
    pub fn first_row(&self) -> OrganizationRow<'a> {
        OrganizationRow {
            ctx: self.ctx,
            css: ROW.to_string(),
        }
    }

    /// The dialog with the rename and the settings.
    pub fn edit_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("edit-organization-dialog")
    }

    /// Types the new name and asks for the rename.
    pub async fn rename_to(&self, name: &str) {
        self.ctx.type_into(NEW_NAME, name).await;
        self.rename().await;
    }

    /// Asks for the rename to the name typed.
    pub async fn rename(&self) {
        self.ctx.click(RENAME).await;
    }

    /// The new name, as typed.
    pub async fn new_name(&self) -> String {
        self.ctx.value(NEW_NAME).await
    }

    /// Waits until the notice of a name already held shows `text`.
    pub async fn name_taken_shows(&self, text: &str) {
        self.ctx.wait_for_text(NAME_TAKEN, text).await;
    }

    /// Waits until the explanation of Quay's crash on a rename shows `text`.
    pub async fn rename_crash_explained_shows(&self, text: &str) {
        self.ctx.wait_for_text(RENAME_CRASH_EXPLAINED, text).await;
    }

    /// The tag expiration chosen, in seconds.
    pub async fn tag_expiration(&self) -> String {
        self.ctx.find(TAG_EXPIRATION).await;
        self.ctx.value(TAG_EXPIRATION).await
    }

    /// Waits until the tag expiration chosen reads `text` (e.g. "2 weeks").
    pub async fn tag_expiration_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&format!("{TAG_EXPIRATION} option:checked"), text)
            .await;
    }

    /// Chooses the tag expiration of `seconds`.
    pub async fn choose_tag_expiration(&self, seconds: u32) {
        self.ctx
            .click(&format!("{TAG_EXPIRATION} option[value='{seconds}']"))
            .await;
    }

    pub async fn save_settings(&self) {
        self.ctx.click(SAVE_SETTINGS).await;
    }

    /// Waits until the settings are offered.
    pub async fn settings_offered(&self) {
        self.ctx.find(SAVE_SETTINGS).await;
    }

    /// Waits until the notice for an organization the admin does not administer shows `text`.
    pub async fn not_admin_shows(&self, text: &str) {
        self.ctx.wait_for_text(NOT_ADMIN, text).await;
    }

    pub async fn take_ownership(&self) {
        self.ctx.click(TAKE_OWNERSHIP).await;
    }

    /// The confirmation asking for the name typed before a deletion.
    pub fn delete_dialog(&self) -> Dialog<'a> {
        self.ctx.dialog("delete-organization-dialog")
    }
}

/// One organization's row.
pub struct OrganizationRow<'a> {
    ctx: &'a Ctx,
    css: String,
}

impl OrganizationRow<'_> {
    /// Waits for the row.
    pub async fn find(&self) {
        self.ctx.find(&self.css).await;
    }

    /// Opens its edit dialog (rename and settings).
    pub async fn edit(&self) {
        self.ctx.row_action(&self.css, EDIT).await;
    }

    /// Opens its delete confirmation.
    pub async fn delete(&self) {
        self.ctx.row_action(&self.css, DELETE).await;
    }

    /// Opens the quota editor from it.
    pub async fn edit_quota(&self) {
        self.ctx.row_action(&self.css, QUOTA_ACTION).await;
    }

    /// Why its Quota, Manage and Delete are refused (`None` for one that is not).
    pub async fn refusals(&self) -> [Option<String>; 3] {
        [
            self.ctx.row_action_refusal(&self.css, QUOTA_ACTION).await,
            self.ctx.row_action_refusal(&self.css, EDIT).await,
            self.ctx.row_action_refusal(&self.css, DELETE).await,
        ]
    }
}
