//! The private key shown once after a service key is created (`/service-keys`, "Create key"):
//! its key id, Copy and Download, and the question the dialog asks before it closes with a key
//! nobody kept (Escape, the ×, a click outside, Done). Buttons are found by role and visible
//! name, as a person finds them.

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use fantoccini::Locator;

use crate::pages::dialog::Dialog;
use crate::Ctx;

const DIALOG: &str = "create-key-dialog";
const KID: &str = "[data-testid=private-key-kid]";
const QUESTION: &str = "[data-testid=private-key-close-question]";
const COPY: &str = "[data-testid=copy-private-key]";

/// The button named `name` (its text or `aria-label`) in the open create-key dialog.
fn button(name: &str) -> String {
    format!(
        "//dialog[@data-testid='{DIALOG}'][@open]//button[normalize-space(.)='{name}' or @aria-label='{name}']"
    )
}

#[derive(Clone, Copy)]
pub struct NewKey<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    /// The create-key dialog once it shows a new private key.
    pub fn new_key(&self) -> NewKey<'_> {
        NewKey { ctx: self }
    }
}

impl<'a> NewKey<'a> {
    pub fn dialog(&self) -> Dialog<'a> {
        self.ctx.dialog(DIALOG)
    }

    async fn click_button(&self, name: &str) {
        let xpath = button(name);
        self.ctx
            .client
            .wait()
            .at_most(std::time::Duration::from_secs(10))
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no button {name:?} in the dialog: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {name:?}: {e}"));
    }

    /// The key id shown next to the private key.
    pub async fn kid(&self) -> String {
        self.ctx.text(KID).await
    }

    /// Copies the private key and waits until the button says `copied` (e.g. "Copied").
    pub async fn copy(&self, copied: &str) {
        self.ctx.click(COPY).await;
        self.ctx.wait_for_text(COPY, copied).await;
    }

    /// Presses Escape, as a person does (a real key press, not a script).
    pub async fn press_escape(&self) {
        self.ctx.press(Key::Escape).await;
    }

    /// The header's × ("Close").
    pub async fn close_button(&self, name: &str) {
        self.click_button(name).await;
    }

    /// Clicks outside the dialog, on the backdrop near the window's top left corner.
    pub async fn click_outside(&self) {
        let mouse = MouseActions::new("mouse".to_string())
            .then(PointerAction::MoveTo {
                duration: None,
                x: 4.0,
                y: 4.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.ctx
            .client
            .perform_actions(mouse)
            .await
            .unwrap_or_else(|e| panic!("cannot click outside the dialog: {e}"));
    }

    /// Waits until the dialog asks before closing; returns the question.
    pub async fn question_shows(&self, text: &str) -> String {
        self.ctx.wait_for_text(QUESTION, text).await
    }

    /// Waits until the question is gone (the key still shows).
    pub async fn question_gone(&self) {
        self.ctx.wait_gone(QUESTION).await;
    }

    /// Whether the question shows right now.
    pub async fn asks(&self) -> bool {
        self.ctx.exists(QUESTION).await
    }

    /// Answers the question with the button named `name` ("Keep it open", "Close without the
    /// key").
    pub async fn answer(&self, name: &str) {
        self.click_button(name).await;
    }
}
