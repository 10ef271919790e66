//! Signing this browser in to the registry itself (Quay's cookie session), which Quay's consent
//! page needs: username and password, with Quay's refusals and its back-off.

use leptos::prelude::*;

use crate::api::registry_session::{self, SignInRefused};
use crate::components::error_view::ApiErrorView;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::write::use_write_signed_out;
use crate::i18n::{fill, tr, use_i18n, Key};

/// Signs this browser in to the registry (as Quay's own sign-in page does), then carries on.
#[component]
pub fn RegistrySignIn(
    on_signed_in: Callback<()>,
    /// The account to sign in as, when the registry asks the same person again.
    #[prop(optional)]
    username: String,
    /// Why the registry asks (instead of the general introduction).
    #[prop(optional, into)]
    reason: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(username);
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let submit = use_write_signed_out(
        |session, (user, pass): (String, String)| {
            let client = session.client_with(None);
            async move { registry_session::sign_in(&client, &user, &pass).await }
        },
        move |()| {
            on_signed_in.run(());
            None
        },
    );
    let pending = submit.pending();
    let required = |value: RwSignal<String>| {
        Signal::derive(move || value.with(|v| v.is_empty()).then_some(Key::ErrRequired))
    };
    let (user_problem, pass_problem) = (required(username), required(password));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if submit.succeeded()
            || user_problem.get_untracked().is_some()
            || pass_problem.get_untracked().is_some()
        {
            return;
        }
        submit.dispatch((
            username.get_untracked().trim().to_string(),
            password.get_untracked(),
        ));
    };
    let refusal = move || {
        submit.error().get().map(|refused| match refused {
            SignInRefused::Refused(e) => {
                view! { <ApiErrorView error=e context=Key::RegistrySignInRefused /> }.into_any()
            }
            SignInRefused::BackOff { message, retry_after } => view! {
                <div class="alert alert-error" role="alert" data-testid="registry-sign-in-backoff">
                    <p class="server-message">{message}</p>
                    {retry_after.map(|s| view! { <p>{move || fill(i18n.t(Key::RetryAfterSeconds), &s.to_string())}</p> })}
                </div>
            }.into_any(),
        })
    };
    view! {
        <form class="card form" novalidate=true on:submit=on_submit data-testid="registry-sign-in">
            <h2>{tr(Key::RegistrySignInTitle)}</h2>
            {match reason {
                Some(reason) => view! {
                    <div class="alert alert-warning" role="alert" data-testid="registry-sign-in-reason">
                        <p>{move || reason.get()}</p>
                    </div>
                }.into_any(),
                None => view! { <p>{tr(Key::RegistrySignInBody)}</p> }.into_any(),
            }}
            <TextField
                id="registry-username"
                label=Key::FieldUsernameOrEmail
                value=username
                error=user_problem
                show_error=touched
                autocomplete="username"
                disabled=pending
                on_edit=Callback::new(move |_| touched.set(true))
            />
            <TextField
                id="registry-password"
                label=Key::FieldPassword
                value=password
                error=pass_problem
                show_error=touched
                input_type="password"
                autocomplete="current-password"
                disabled=pending
                on_edit=Callback::new(move |_| touched.set(true))
            />
            {refusal}
            <div class="form-actions">
                <SubmitButton label=Key::RegistrySignInSubmit pending_label=Key::SigningIn pending=pending testid="registry-sign-in-submit" class="button button-primary" />
            </div>
        </form>
    }
}
