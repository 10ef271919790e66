//! The Quotas page (`/quotas`): every namespace sorted by usage, quick filters and kinds; and the
//! quota editor it shares with the Users and Organizations pages (a limit in human units, its
//! preview, removing it).

use serde_json::Value;

use crate::Ctx;

/// A namespace's row: what shows that the page has loaded its data.
pub const ROW: &str = "[data-testid=quota-row]";
/// A row, or what an empty list shows instead.
pub const ROW_OR_EMPTY: &str = "[data-testid=quota-row], [data-testid=empty-state]";
const NAMESPACE: &str = "[data-testid=namespace-name]";
const SUMMARY: &str = "[data-testid=quotas-summary]";
/// A row's button that opens the quota editor.
pub const ACTION: &str = "[data-testid=quota-action]";

const EDITOR: &str = "[data-testid=quota-editor]";
/// The editor's limit field and its save button.
pub const LIMIT: &str = "#quota-limit";
pub const SAVE: &str = "[data-testid=quota-save]";
const LIMIT_ERROR: &str = "[data-testid=quota-limit-error]";
const PREVIEW: &str = "[data-testid=quota-preview]";
const LIMIT_HINT: &str = "#quota-limit-hint";
const REMOVE: &str = "[data-testid=quota-remove]";
const REMOVE_QUESTION: &str = "#quota-remove-question";
const REMOVE_CONFIRM: &str = "[data-testid=quota-remove-confirm]";

#[derive(Clone, Copy)]
pub struct Quotas<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn quotas(&self) -> Quotas<'_> {
        Quotas { ctx: self }
    }

    pub fn quota_editor(&self) -> QuotaEditor<'_> {
        QuotaEditor { ctx: self }
    }
}

/// A quick filter's button (`name`: e.g. `noquota`).
fn quick_filter(name: &str) -> String {
    format!("[data-testid=only-{name}]")
}

impl Quotas<'_> {
    /// Navigates to `/quotas` with `query` (e.g. `?q=bob`, or empty).
    pub async fn goto(&self, query: &str) {
        self.ctx.goto(&format!("/quotas{query}")).await;
    }

    /// Waits until exactly `n` rows show.
    pub async fn row_count_is(&self, n: usize) {
        self.ctx.wait_for_count(ROW, n).await;
    }

    /// Waits until the first row shows `text`.
    pub async fn rows_show(&self, text: &str) {
        self.ctx.wait_for_text(ROW, text).await;
    }

    /// The namespaces shown, in order.
    pub async fn namespaces(&self) -> Vec<String> {
        self.ctx.texts(NAMESPACE).await
    }

    /// Waits until the first namespace shown is `name` (contains it).
    pub async fn namespace_shows(&self, name: &str) {
        self.ctx.wait_for_text(NAMESPACE, name).await;
    }

    pub async fn summary_shows(&self, text: &str) {
        self.ctx.wait_for_text(SUMMARY, text).await;
    }

    /// Opens the quota editor of the first row.
    pub async fn edit_first(&self) {
        self.ctx.click(ACTION).await;
    }

    /// The `aria-pressed` of the quick filter `name` (e.g. `noquota`).
    pub async fn quick_filter_pressed(&self, name: &str) -> Value {
        self.ctx
            .js(&format!(
                "return document.querySelector('{}').getAttribute('aria-pressed');",
                quick_filter(name)
            ))
            .await
    }

    /// Waits until the quick filter `name` reads `text`.
    pub async fn quick_filter_shows(&self, name: &str, text: &str) {
        self.ctx.wait_for_text(&quick_filter(name), text).await;
    }
}

/// The quota editor, from whichever page opened it.
#[derive(Clone, Copy)]
pub struct QuotaEditor<'a> {
    ctx: &'a Ctx,
}

impl QuotaEditor<'_> {
    /// Waits until the editor offers its limit field.
    pub async fn wait_ready(&self) {
        self.ctx.find(&format!("{EDITOR} {LIMIT}")).await;
    }

    /// Waits until it is open.
    pub async fn wait_open(&self) {
        self.ctx.find(&format!("{EDITOR}[open]")).await;
    }

    /// Waits until it is closed.
    pub async fn wait_closed(&self) {
        self.ctx.wait_gone(&format!("{EDITOR}[open]")).await;
    }

    /// Waits until it shows `text`.
    pub async fn shows(&self, text: &str) {
        self.ctx.wait_for_text(EDITOR, text).await;
    }

    /// Types `limit` (e.g. "1.5 TiB") into the limit field.
    pub async fn type_limit(&self, limit: &str) {
        self.ctx.type_into(LIMIT, limit).await;
    }

    /// The limit, as typed.
    pub async fn limit(&self) -> String {
        self.ctx.value(LIMIT).await
    }

    pub async fn save(&self) {
        self.ctx.click(SAVE).await;
    }

    pub async fn limit_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(LIMIT_ERROR, text).await;
    }

    /// Waits until the preview (the limit in bytes, the share used) shows `text`.
    pub async fn preview_shows(&self, text: &str) {
        self.ctx.wait_for_text(PREVIEW, text).await;
    }

    /// Waits until no preview shows (the input is not a limit).
    pub async fn preview_gone(&self) {
        self.ctx.wait_gone(PREVIEW).await;
    }

    /// The hint under the limit field (what it takes).
    pub async fn hint(&self) -> String {
        self.ctx.text(LIMIT_HINT).await
    }

    /// Asks to remove the quota.
    pub async fn remove(&self) {
        self.ctx.click(REMOVE).await;
    }

    /// Waits until the question before removing shows `text`.
    pub async fn remove_question_shows(&self, text: &str) {
        self.ctx.wait_for_text(REMOVE_QUESTION, text).await;
    }

    pub async fn confirm_remove(&self) {
        self.ctx.click(REMOVE_CONFIRM).await;
    }
}
