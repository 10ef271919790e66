//! Step 1 of the wizard: the first account, through `POST /api/v1/user/initialize`, signed in
//! with the token it returns.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::user::{initialize, InitializeRequest, INITIALIZE_SCOPES};
use crate::auth::use_session;
use crate::browser::focus_by_id;
use crate::components::draft::{clear_drafts, use_draft};
use crate::components::error_view::ApiErrorView;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::toast::{use_toasts, ToastKind};
use crate::components::write::use_write_signed_out;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::validation::{
    check_confirmation, check_email, check_password, check_username, FieldError,
};

/// Field ids in form order: the first invalid one gets focus on a refused submit.
const USERNAME: &str = "setup-username";
const EMAIL: &str = "setup-email";
const PASSWORD: &str = "setup-password";
const CONFIRM: &str = "setup-confirm";

#[component]
pub fn AccountStep(
    /// Called once the account exists and is signed in.
    on_created: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let i18n = use_i18n();
    let navigate = use_navigate();

    let username = use_draft(USERNAME, "quayadmin");
    let email = use_draft(EMAIL, "");
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    // Problems show once a field was edited, and for every field after a submit attempt.
    let touched = RwSignal::new([false; 4]);
    let attempted = RwSignal::new(false);
    let shown = move |i: usize| Signal::derive(move || attempted.get() || touched.get()[i]);
    let touch = move |i: usize| Callback::new(move |_| touched.update(|t| t[i] = true));

    let username_error = Memo::new(move |_| check_username(&username.get()));
    let email_error = Memo::new(move |_| check_email(&email.get()));
    let password_error = Memo::new(move |_| check_password(&password.get()));
    let confirm_error = Memo::new(move |_| check_confirmation(&password.get(), &confirm.get()));
    let as_key = |m: Memo<Option<FieldError>>| Signal::derive(move || m.get().map(FieldError::key));

    let create = use_write_signed_out(
        |session, request: InitializeRequest| {
            let client = session.client_with(None);
            async move { initialize(&client, &request).await }
        },
        move |created| {
            clear_drafts(&[USERNAME, EMAIL]);
            match created.access_token {
                Some(token) => {
                    session.sign_in(token, Some(INITIALIZE_SCOPES.map(String::from).to_vec()));
                    on_created.run(());
                    Some(fill(
                        i18n.t_now(Key::ToastAccountCreated),
                        &created.username,
                    ))
                }
                None => {
                    let text = fill(i18n.t_now(Key::ToastCreatedNoToken), &created.username);
                    toasts.push(ToastKind::Error, text);
                    navigate(&crate::routes::overview_url(), Default::default());
                    None
                }
            }
        },
    );
    let pending = create.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let errors = [
            (USERNAME, username_error.get_untracked()),
            (EMAIL, email_error.get_untracked()),
            (PASSWORD, password_error.get_untracked()),
            (CONFIRM, confirm_error.get_untracked()),
        ];
        if let Some((id, _)) = errors.iter().find(|(_, e)| e.is_some()) {
            focus_by_id(id);
            return;
        }
        create.dispatch(InitializeRequest {
            username: username.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            access_token: true,
        });
    };

    let has_errors = move || {
        username_error.get().is_some()
            || email_error.get().is_some()
            || password_error.get().is_some()
            || confirm_error.get().is_some()
    };
    let server_error = create.error();

    view! {
        <h1>{tr(Key::SetupTitle)}</h1>
        <p>{tr(Key::SetupIntro)}</p>
        <form class="card form" novalidate=true on:submit=on_submit data-testid="setup-form">
            <TextField
                id=USERNAME
                label=Key::FieldUsername
                value=username
                error=as_key(username_error)
                show_error=shown(0)
                hint=Key::HintUsername
                autocomplete="username"
                disabled=pending
                on_edit=touch(0)
            />
            <TextField
                id=EMAIL
                label=Key::FieldEmail
                value=email
                error=as_key(email_error)
                show_error=shown(1)
                input_type="email"
                autocomplete="email"
                disabled=pending
                on_edit=touch(1)
            />
            <TextField
                id=PASSWORD
                label=Key::FieldPassword
                value=password
                error=as_key(password_error)
                show_error=shown(2)
                hint=Key::HintPassword
                input_type="password"
                autocomplete="new-password"
                disabled=pending
                on_edit=touch(2)
            />
            <TextField
                id=CONFIRM
                label=Key::FieldConfirmPassword
                value=confirm
                error=as_key(confirm_error)
                show_error=shown(3)
                input_type="password"
                autocomplete="new-password"
                disabled=pending
                on_edit=touch(3)
            />
            <Show when=move || attempted.get() && has_errors()>
                <p class="form-summary" role="alert">{tr(Key::FixErrors)}</p>
            </Show>
            {move || {
                server_error.get()
                    .map(|e| view! { <ApiErrorView error=e context=Key::SetupRefused /> })
            }}
            <div class="form-actions">
                <SubmitButton label=Key::SetupSubmit pending_label=Key::SetupSubmitting pending=pending testid="setup-submit" />
            </div>
        </form>
    }
}
