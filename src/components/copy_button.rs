//! Copies a text to the clipboard and says whether it worked.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Key};

#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    testid: &'static str,
    #[prop(default = Key::Copy)] label: Key,
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
        });
    };
    view! {
        <button type="button" class="button" data-testid=testid on:click=copy>
            {move || {
                i18n.t(
                    match state.get() {
                        None => label,
                        Some(true) => Key::Copied,
                        Some(false) => Key::CopyFailed,
                    },
                )
            }}
        </button>
    }
}
