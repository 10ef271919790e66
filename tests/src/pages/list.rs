//! The list view the Users, Organizations, Quotas, Service keys and Usage logs pages share: the
//! range shown, paging, the filter, sorting, the page size, export, and a set loaded in parts
//! ("Load all"), plus its loading skeleton and the scrolling frame of one table (`?limit=all`).

use serde_json::Value;

use crate::Ctx;

/// The footer's range ("1–25 of 2,500 users").
pub const RANGE: &str = "[data-testid=list-range]";
const PAGE_NUMBER: &str = "[data-testid=page-number]";
const NEXT_PAGE: &str = "[data-testid=page-next]";
const FILTER: &str = "[data-testid=list-filter]";
const PAGE_SIZE: &str = "[data-testid=page-size]";
const EXPORT_CSV: &str = "[data-testid=export-csv]";
const PARTIAL_NOTICE: &str = "[data-testid=partial-notice]";
const LOAD_ALL: &str = "[data-testid=load-all]";
const SKELETON_ROW: &str = ".skeleton-row";
/// A row's "Actions" menu button.
pub const ROW_ACTIONS: &str = "[data-testid=row-actions]";
/// What an empty list shows instead of rows.
pub const EMPTY_STATE: &str = "[data-testid=empty-state]";

#[derive(Clone, Copy)]
pub struct List<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    /// The list on the current page.
    pub fn list(&self) -> List<'_> {
        List { ctx: self }
    }

    /// Runs a row's action: opens the row's "Actions" menu and chooses the item `item` (a
    /// selector, e.g. `[data-testid=manage-user]`). `row` selects the row (the first match).
    pub async fn row_action(&self, row: &str, item: &str) {
        self.click(&format!("{row} {ROW_ACTIONS}")).await;
        self.click(&format!("{row} [role=menu] {item}")).await;
    }

    /// Whether a row's action is refused (`aria-disabled` in its menu), and why (the item's
    /// description): opens the menu, reads the item, closes the menu with Escape.
    pub async fn row_action_refusal(&self, row: &str, item: &str) -> Option<String> {
        self.click(&format!("{row} {ROW_ACTIONS}")).await;
        let el = self.find(&format!("{row} [role=menu] {item}")).await;
        let refused = el.attr("aria-disabled").await.ok().flatten().as_deref() == Some("true");
        let reason = self
            .js(&format!(
                "const i = document.querySelector('{row} [role=menu] {item}'); \
                 const d = i && i.getAttribute('aria-describedby'); \
                 return d ? document.getElementById(d).textContent : null"
            ))
            .await;
        el.send_keys(&fantoccini::key::Key::Escape.to_string())
            .await
            .expect("Escape closes the menu");
        refused.then(|| reason.as_str().unwrap_or_default().to_string())
    }
}

/// A column's sort button (`column`: e.g. `username`).
fn sort_button(column: &str) -> String {
    format!("[data-testid=sort-{column}]")
}

impl List<'_> {
    /// Waits until the range shown (e.g. "1–25 of 250") contains `text`.
    pub async fn range_shows(&self, text: &str) {
        self.ctx.wait_for_text(RANGE, text).await;
    }

    /// Waits until the page number (e.g. "Page 2") contains `text`.
    pub async fn page_shows(&self, text: &str) {
        self.ctx.wait_for_text(PAGE_NUMBER, text).await;
    }

    pub async fn next_page(&self) {
        self.ctx.click(NEXT_PAGE).await;
    }

    /// Types `text` into the filter.
    pub async fn filter(&self, text: &str) {
        self.ctx.type_into(FILTER, text).await;
    }

    /// The filter's text.
    pub async fn filter_text(&self) -> String {
        self.ctx.value(FILTER).await
    }

    /// Clicks the sort button of `column` (e.g. `username`).
    pub async fn sort_by(&self, column: &str) {
        self.ctx.click(&sort_button(column)).await;
    }

    /// The `aria-sort` of `column`'s header.
    pub async fn sort_order(&self, column: &str) -> Value {
        self.ctx
            .js(&format!(
                "return document.querySelector('th:has({})').getAttribute('aria-sort')",
                sort_button(column)
            ))
            .await
    }

    /// Chooses `size` rows a page.
    pub async fn choose_page_size(&self, size: u32) {
        self.ctx
            .click(&format!("{PAGE_SIZE} option[value='{size}']"))
            .await;
    }

    /// Exports the rows (those the filter keeps) as CSV.
    pub async fn export_csv(&self) {
        self.ctx.click(EXPORT_CSV).await;
    }

    /// Waits until the notice of a partly loaded set shows `text`.
    pub async fn partial_notice_shows(&self, text: &str) {
        self.ctx.wait_for_text(PARTIAL_NOTICE, text).await;
    }

    /// Waits until the whole set is loaded (no notice of a partial one).
    pub async fn wait_whole(&self) {
        self.ctx.wait_gone(PARTIAL_NOTICE).await;
    }

    /// Loads the rest of a partly loaded set.
    pub async fn load_all(&self) {
        self.ctx.click(LOAD_ALL).await;
    }

    /// Waits for the loading skeleton.
    pub async fn skeleton(&self) {
        self.ctx.find(SKELETON_ROW).await;
    }

    /// Scrolls one table's frame to `fraction` of its height.
    pub async fn scroll_to(&self, fraction: f64) {
        self.ctx
            .js(&format!(
                "const f = document.querySelector('.table-scroll');
         f.scrollTop = (f.scrollHeight - f.clientHeight) * {fraction};
         f.dispatchEvent(new Event('scroll'));"
            ))
            .await;
    }
}
