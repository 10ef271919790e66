//! The end of a "shown once" view (a generated password, a private key): the warning that it
//! will not be shown again, and the button that closes it.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

#[component]
pub fn SecretOnceFooter(
    warning: Key,
    done_testid: &'static str,
    on_done: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="alert alert-warning" role="note">
            <p>{tr(warning)}</p>
        </div>
        <div class="dialog-actions">
            <button
                type="button"
                class="button button-primary"
                data-testid=done_testid
                on:click=move |_| on_done.run(())
            >
                {tr(Key::Done)}
            </button>
        </div>
    }
}
