//! The overview (`/`): what needs attention (one card per check: pending service keys, quotas,
//! failed sign-ins, the registry's size), the signed-in user's card, who may sign in to the
//! console (adding the other superusers to its organization's owners), and the notice for a user
//! who is not a superuser.

use crate::Ctx;

/// The user's card: what shows that the overview has loaded.
pub const USER_CARD: &str = ".user-card";
const ACCESS_ROW: &str = "[data-testid=console-access-row]";
const ACCESS_TABLE: &str = "[data-testid=console-access-table]";
const NOT_SUPERUSER: &str = "[data-testid=not-superuser]";
const ATTENTION_SUMMARY: &str = "[data-testid=attention-summary]";
const CHECK_CARDS: &str = "[data-testid=attention] li[data-state]";

#[derive(Clone, Copy)]
pub struct Overview<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn overview(&self) -> Overview<'_> {
        Overview { ctx: self }
    }
}

/// One of the attention checks, by its card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Service keys awaiting approval.
    Keys,
    /// Namespaces over or near their quota.
    Quotas,
    /// Failed sign-ins.
    SignIns,
    /// The registry's size and when it was calculated.
    Size,
}

impl Check {
    pub const ALL: [Check; 4] = [Check::Keys, Check::Quotas, Check::SignIns, Check::Size];

    /// The card's selector.
    pub fn card(self) -> &'static str {
        match self {
            Check::Keys => "[data-testid=check-keys]",
            Check::Quotas => "[data-testid=check-quotas]",
            Check::SignIns => "[data-testid=check-sign-ins]",
            Check::Size => "[data-testid=check-size]",
        }
    }

    fn part(self, part: &str) -> String {
        format!("{} [data-testid={part}]", self.card())
    }
}

impl Overview<'_> {
    /// Waits for the user's card.
    pub async fn user_card(&self) {
        self.ctx.find(USER_CARD).await;
    }

    /// Waits until exactly `n` superusers are listed under console access.
    pub async fn access_row_count_is(&self, n: usize) {
        self.ctx.wait_for_count(ACCESS_ROW, n).await;
    }

    /// The superusers listed under console access, as text.
    pub async fn access_rows(&self) -> Vec<String> {
        self.ctx.texts(ACCESS_ROW).await
    }

    pub async fn access_table_shows(&self, text: &str) {
        self.ctx.wait_for_text(ACCESS_TABLE, text).await;
    }

    /// Adds `username` to the owners of the console's organization.
    pub async fn add_to_owners(&self, username: &str) {
        self.ctx
            .click(&format!("[aria-label='Add to owners: {username}']"))
            .await;
    }

    /// Waits until the notice for a user who is not a superuser shows `text`.
    pub async fn not_superuser_shows(&self, text: &str) {
        self.ctx.wait_for_text(NOT_SUPERUSER, text).await;
    }

    /// Waits until the attention summary shows `text`.
    pub async fn attention_summary_shows(&self, text: &str) {
        self.ctx.wait_for_text(ATTENTION_SUMMARY, text).await;
    }

    /// Waits until the card of `check` is in `state` (`checking`, `failed`, `calm`, `off`,
    /// `attention`).
    pub async fn check_is(&self, check: Check, state: &str) {
        let css = format!("{}[data-state={state}]", check.card());
        self.ctx.find(&css).await;
    }

    /// Waits until every check has answered (none is checking) and returns their states in
    /// order.
    pub async fn settled_states(&self) -> Vec<String> {
        self.ctx.wait_for_count(CHECK_CARDS, Check::ALL.len()).await;
        self.ctx
            .wait_for_count(&format!("{CHECK_CARDS}[data-state=checking]"), 0)
            .await;
        let mut states = Vec::new();
        for check in Check::ALL {
            let state = self.ctx.find(check.card()).await.attr("data-state").await;
            states.push(state.ok().flatten().unwrap_or_default());
        }
        states
    }

    /// The card's big figure (a count, or the registry's size), once shown.
    pub async fn figure(&self, check: Check) -> String {
        self.ctx.text(&check.part("check-figure")).await
    }

    /// The card's figure as a number (thousands separators dropped).
    pub async fn count(&self, check: Check) -> u64 {
        let text = self.figure(check).await;
        text.replace([',', ' '], "")
            .parse()
            .unwrap_or_else(|_| panic!("{check:?} shows no count: {text:?}"))
    }

    /// The card's explanation.
    pub async fn note(&self, check: Check) -> String {
        self.ctx
            .text(&format!("{} .check-note", check.card()))
            .await
    }

    /// Waits until the card's explanation shows `text`.
    pub async fn note_shows(&self, check: Check, text: &str) {
        self.ctx
            .wait_for_text(&format!("{} .check-note", check.card()), text)
            .await;
    }

    /// The card's badge ("Needs attention", "OK", "Off").
    pub async fn badge(&self, check: Check) -> String {
        self.ctx.text(&check.part("check-badge")).await
    }

    /// The card's link: its visible text and where it leads (path and query).
    pub async fn link(&self, check: Check) -> (String, String) {
        let link = self.ctx.find(&check.part("check-link")).await;
        let text = link.text().await.unwrap_or_default();
        let href = link.attr("href").await.ok().flatten().unwrap_or_default();
        (text, href)
    }

    /// Follows the card's link.
    pub async fn follow(&self, check: Check) {
        self.ctx.click(&check.part("check-link")).await;
    }

    /// The error views inside the card of `check`.
    pub fn errors(&self, check: Check) -> crate::pages::errors::Errors<'_> {
        self.ctx.errors_in(check.card())
    }
}
