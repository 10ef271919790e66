//! Admin areas announced in the navigation whose pages arrive in later releases.

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::i18n::{tr, Key};

#[component]
pub fn ComingNext(title: Key) -> impl IntoView {
    use_page_title(title);
    view! {
        <RequireSession>
            <section class="page">
                <h1>{tr(title)}</h1>
                <p class="muted">{tr(Key::ComingNextBody)}</p>
            </section>
        </RequireSession>
    }
}
