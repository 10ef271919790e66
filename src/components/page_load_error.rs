//! Instead of a page whose code (a lazily loaded wasm chunk) could not be fetched: the splits are
//! `fallible`, so a failed fetch reaches here instead of aborting the app.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// A page's code could not be fetched.
pub struct PageNotLoaded;

impl From<::leptos::wasm_split::SplitLoaderError> for PageNotLoaded {
    fn from(_: ::leptos::wasm_split::SplitLoaderError) -> Self {
        PageNotLoaded
    }
}

/// Instead of a page whose code could not be fetched. Reloading the same address fetches it
/// again (the page's state is in the URL, so nothing is lost).
#[component]
pub fn PageLoadError() -> impl IntoView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <section class="page">
            <div class="alert alert-error" role="alert" data-testid="page-load-error">
                <p class="alert-title">{tr(Key::PageLoadFailedTitle)}</p>
                <p>{tr(Key::PageLoadFailedBody)}</p>
                <button type="button" class="button" data-testid="retry" on:click=reload>
                    {tr(Key::Retry)}
                </button>
            </div>
        </section>
    }
}
