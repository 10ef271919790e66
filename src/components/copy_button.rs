//! Copies a text to the clipboard and says whether it worked.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Key};

#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    testid: &'static str,
    #[prop(default = Key::Copy)] label: Key,
    /// A narrow button for table cells: a symbol, with the words for screen readers and the
    /// tooltip.
    #[prop(optional)]
    icon: bool,
    /// Called once the text is on the clipboard (not when copying failed).
    #[prop(optional)]
    on_copied: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(None::<bool>);
    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            state.set(Some(false));
            return;
        };
        let promise = clipboard.write_text(&text.get_untracked());
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            let _ = state.try_set(Some(ok));
            if let (true, Some(copied)) = (ok, on_copied) {
                copied.run(());
            }
        });
    };
    let words = move || {
        i18n.t(match state.get() {
            None => label,
            Some(true) => Key::Copied,
            Some(false) => Key::CopyFailed,
        })
    };
    if icon {
        // Drawn, not a font glyph: a copy symbol is missing from many system fonts.
        let symbol = move || match state.get() {
            None => view! {
                <svg class="copy-icon" viewBox="0 0 16 16" width="14" height="14">
                    <rect x="5" y="5" width="9" height="9" rx="1.5" />
                    <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" />
                </svg>
            }
            .into_any(),
            Some(true) => "✓".into_any(),
            Some(false) => "!".into_any(),
        };
        view! {
            <button
                type="button"
                class="button button-small button-icon"
                data-testid=testid
                title=words
                on:click=copy
            >
                <span aria-hidden="true">{symbol}</span>
                <span class="visually-hidden">{words}</span>
            </button>
        }
        .into_any()
    } else {
        view! {
            <button type="button" class="button" data-testid=testid on:click=copy>
                {words}
            </button>
        }
        .into_any()
    }
}
