//! The Registry size page (`/registry-size`): the total, when it was calculated, the biggest
//! namespaces, and "Calculate now" followed from queued to a new total.

use crate::Ctx;

/// A row of the biggest namespaces: what shows that the page has loaded its data.
pub const BIGGEST_ROW: &str = "[data-testid=biggest-row]";
/// The table of the biggest namespaces (also when it is empty).
pub const BIGGEST_NAMESPACES: &str = "[data-testid=biggest-namespaces]";
/// The calculation's state (Idle, Queued, Running).
pub const STATE: &str = "[data-testid=size-state]";
const LAST_CALCULATED: &str = "[data-testid=last-calculated]";
const CALCULATE_NOW: &str = "[data-testid=calculate-now]";
const TOTAL: &str = "[data-testid=total-size]";
const TOTAL_BYTES: &str = "[data-testid=total-bytes]";

#[derive(Clone, Copy)]
pub struct RegistrySize<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn registry_size(&self) -> RegistrySize<'_> {
        RegistrySize { ctx: self }
    }
}

impl RegistrySize<'_> {
    pub async fn goto(&self) {
        self.ctx.goto("/registry-size").await;
    }

    pub async fn last_calculated_shows(&self, text: &str) {
        self.ctx.wait_for_text(LAST_CALCULATED, text).await;
    }

    /// When it was last calculated, as shown.
    pub async fn last_calculated(&self) -> String {
        self.ctx.text(LAST_CALCULATED).await
    }

    /// Waits until the state shows `text`.
    pub async fn state_shows(&self, text: &str) {
        self.ctx.wait_for_text(STATE, text).await;
    }

    /// Waits until the first of the biggest namespaces shows `text`.
    pub async fn biggest_shows(&self, text: &str) {
        self.ctx.wait_for_text(BIGGEST_ROW, text).await;
    }

    pub async fn calculate_now(&self) {
        self.ctx.click(CALCULATE_NOW).await;
    }

    /// The state shown (if any) and whether "Calculate now" is disabled, read in one script so
    /// that both come from the same render.
    pub async fn state_and_button(&self) -> (Option<String>, Option<bool>) {
        let snapshot = self
            .ctx
            .js(&format!(
                "const s = document.querySelector('{STATE}'); \
                 return [s ? s.textContent.trim() : null, \
                 document.querySelector('{CALCULATE_NOW}').disabled];"
            ))
            .await;
        (
            snapshot[0].as_str().map(str::to_string),
            snapshot[1].as_bool(),
        )
    }

    pub async fn total_shows(&self, text: &str) {
        self.ctx.wait_for_text(TOTAL, text).await;
    }

    pub async fn total_bytes_show(&self, text: &str) {
        self.ctx.wait_for_text(TOTAL_BYTES, text).await;
    }
}
