//! A modal on the native `<dialog>`: the browser traps focus, Escape closes it, and focus goes
//! back to whatever opened it. Content is rendered only while open, so every opening starts
//! fresh.

use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, Key};

#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// `data-testid`, and the prefix of the heading's id.
    testid: &'static str,
    #[prop(default = "dialog")] class: &'static str,
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
            on:close=move |_| open.set(false)
        >
            <Show when=move || open.get()>
                <header class="dialog-header">
                    // Clamped to a few lines by the stylesheet; the whole title in the tooltip.
                    <h2 id=heading_id.clone() title=move || title.get()>{move || title.get()}</h2>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label=tr(Key::Close)
                        on:click=move |_| open.set(false)
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

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
