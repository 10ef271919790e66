//! A modal on the native `<dialog>`: the browser traps focus, Escape closes it, and focus goes
//! back to whatever opened it. Content is rendered only while open, so every opening starts
//! fresh. A dialog whose content must not be lost without a word (a secret shown once) passes
//! `on_close_request`: Escape, the × and a click on the backdrop then ask it instead of closing.

use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, Key};

/// How the admin asked to close a dialog (see `on_close_request`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseRequest {
    Escape,
    /// The header's ×.
    CloseButton,
    /// A click outside the dialog.
    Backdrop,
}

#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// `data-testid`, and the prefix of the heading's id.
    testid: &'static str,
    #[prop(default = "dialog")] class: &'static str,
    /// Instead of closing on Escape or the ×: called, and the content decides (it closes
    /// through `open`). A click outside, which otherwise does nothing, is reported too.
    #[prop(optional)]
    on_close_request: Option<Callback<CloseRequest>>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let opener: StoredValue<Option<SendWrapper<web_sys::HtmlElement>>> = StoredValue::new(None);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        let Some(dialog) = dialog_ref.get() else {
            return is_open;
        };
        if is_open && !dialog.open() {
            opener.set_value(active_element().map(SendWrapper::new));
            // Fails only if the element is not connected, which cannot happen after mount.
            let _ = dialog.show_modal();
            // The browser focuses the first focusable element, the header's ×; a form's first
            // field is where the admin starts (once the content is drawn).
            let el: web_sys::HtmlElement = (*dialog).clone();
            request_animation_frame(move || focus_first_field(&el));
        } else if !is_open && dialog.open() {
            dialog.close();
        }
        if was_open == Some(true) && !is_open {
            if let Some(el) = opener.get_value() {
                let _ = el.focus();
            }
        }
        is_open
    });
    let children = StoredValue::new(children);
    let title_id = format!("{testid}-title");
    let heading_id = title_id.clone();
    view! {
        <dialog
            node_ref=dialog_ref
            class=class
            aria-labelledby=title_id.clone()
            data-testid=testid
            // Escape and form[method=dialog] close natively; keep the signal in step.
            on:close=move |_| match on_close_request {
                // Closed although asked not to: Chromium lets a second Escape without a click
                // or key in between close the dialog anyway. Open it again, and ask.
                Some(ask) if open.get_untracked() => {
                    if let Some(dialog) = dialog_ref.get_untracked() {
                        let _ = dialog.show_modal();
                    }
                    ask.run(CloseRequest::Escape);
                }
                _ => open.set(false),
            }
            // A `cancel` the browser does not let us cancel is followed by `close`, which asks.
            on:cancel=move |ev: web_sys::Event| {
                if let (Some(ask), true) = (on_close_request, ev.cancelable()) {
                    ev.prevent_default();
                    ask.run(CloseRequest::Escape);
                }
            }
            // The dialog has no padding: a click whose target is the dialog itself landed on
            // the backdrop. Only a guarded dialog treats it as a request to close.
            on:click=move |ev| {
                let (Some(ask), Some(dialog)) = (on_close_request, dialog_ref.get_untracked())
                else {
                    return;
                };
                let itself: &web_sys::EventTarget = dialog.as_ref();
                if ev.target().as_ref() == Some(itself) {
                    ask.run(CloseRequest::Backdrop);
                }
            }
        >
            <Show when=move || open.get()>
                <header class="dialog-header">
                    // Clamped to a few lines by the stylesheet; the whole title in the tooltip.
                    <h2 id=heading_id.clone() title=move || title.get()>{move || title.get()}</h2>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label=tr(Key::Close)
                        on:click=move |_| match on_close_request {
                            Some(ask) => ask.run(CloseRequest::CloseButton),
                            None => open.set(false),
                        }
                    >
                        "×"
                    </button>
                </header>
                <div class="dialog-body">{children.read_value()()}</div>
            </Show>
        </dialog>
    }
}

/// Ties a dialog to a request signal: the dialog opens while `request` holds a value (copied
/// into `target`, which keeps it while the dialog closes) and closing clears the request.
/// Signals notify on every `set`, so each side is written only when it actually changes;
/// otherwise the two effects would wake each other forever.
pub fn open_on_request<T: Clone + Send + Sync + 'static>(
    request: RwSignal<Option<T>>,
    target: RwSignal<T>,
) -> RwSignal<bool> {
    let open = RwSignal::new(false);
    Effect::new(move |_| match request.get() {
        Some(value) => {
            target.set(value);
            if !open.get_untracked() {
                open.set(true);
            }
        }
        None => {
            if open.get_untracked() {
                open.set(false);
            }
        }
    });
    Effect::new(move |_| {
        if !open.get() && request.with_untracked(Option::is_some) {
            request.set(None);
        }
    });
    open
}

/// Focuses the first enabled field of the dialog's body, unless focus already moved into the
/// body (content that focuses something itself).
fn focus_first_field(dialog: &web_sys::HtmlElement) {
    let Ok(Some(body)) = dialog.query_selector(".dialog-body") else {
        return;
    };
    if active_element().is_some_and(|a| body.contains(Some(&a))) {
        return;
    }
    let field = body
        .query_selector("input:not([type=hidden]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled])")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = field {
        let _ = field.focus();
    }
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
