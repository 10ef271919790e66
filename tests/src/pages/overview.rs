//! The overview (`/`): the signed-in user's card, who may sign in to the console (adding the
//! other superusers to its organization's owners), and the notice for a user who is not a
//! superuser.

use crate::Ctx;

/// The user's card: what shows that the overview has loaded.
pub const USER_CARD: &str = ".user-card";
const ACCESS_ROW: &str = "[data-testid=console-access-row]";
const ACCESS_TABLE: &str = "[data-testid=console-access-table]";
const NOT_SUPERUSER: &str = "[data-testid=not-superuser]";

#[derive(Clone, Copy)]
pub struct Overview<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn overview(&self) -> Overview<'_> {
        Overview { ctx: self }
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
}
