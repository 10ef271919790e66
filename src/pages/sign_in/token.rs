//! Signing in with a pasted OAuth access token, checked by the registry before it is kept.

use leptos::prelude::*;

use crate::api::user::current_user;
use crate::auth::use_session;
use crate::components::error_view::error_slot;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::write::use_write_signed_out;
use crate::i18n::{tr, Key};

#[component]
pub fn TokenForm() -> impl IntoView {
    let session = use_session();
    let token = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let check = use_write_signed_out(
        |session, candidate: String| {
            let client = session.client_with(Some(candidate.clone()));
            async move { current_user(&client).await.map(|_| candidate) }
        },
        move |good| {
            session.sign_in(good, None);
            None
        },
    );
    let pending = check.pending();
    let problem = Signal::derive(move || {
        let t = token.get();
        if t.trim().is_empty() {
            Some(Key::ErrRequired)
        } else if !crate::auth::session::is_plausible_token(t.trim()) {
            Some(Key::ErrTokenFormat)
        } else {
            None
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if problem.get_untracked().is_some() {
            return;
        }
        check.dispatch(token.get_untracked().trim().to_string());
    };
    view! {
        <form class="card form" novalidate=true on:submit=on_submit data-testid="token-form">
            <h2>{tr(Key::TokenTitle)}</h2>
            <p>{tr(Key::TokenBody)}</p>
            <TextField
                id="access-token"
                label=Key::FieldAccessToken
                value=token
                error=problem
                show_error=touched
                input_type="password"
                autocomplete="off"
                disabled=pending
                on_edit=Callback::new(move |_| touched.set(true))
            />
            {error_slot(check.error(), Key::TokenRefused)}
            <div class="form-actions">
                <SubmitButton label=Key::TokenSubmit pending_label=Key::Checking pending=pending testid="token-submit" class="button" />
            </div>
        </form>
    }
}
