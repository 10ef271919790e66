//! Step 2 of the wizard: an organization of the admin's choice and, in it, an OAuth application
//! whose redirect URI is this dashboard's address. The client id it yields goes into
//! `config.json`; until then this browser remembers it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::organization::{create_application, create_organization, NewApplication};
use crate::api::ApiError;
use crate::auth::{oauth, use_session};
use crate::components::error_view::ApiErrorView;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::toast::{use_toasts, ToastKind};
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::validation::{check_username, FieldError};

pub const DEFAULT_ORGANIZATION: &str = "quay-admin";
const APPLICATION_NAME: &str = "Quay Admin dashboard";

#[component]
pub fn RegisterAppStep() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let redirect = oauth::redirect_uri().unwrap_or_default();
    let organization = RwSignal::new(DEFAULT_ORGANIZATION.to_string());
    let touched = RwSignal::new(false);
    let problem = Memo::new(move |_| check_username(&organization.get()));

    let register = Action::new_local({
        let redirect = redirect.clone();
        move |org: &String| {
            let client = session.client_untracked();
            let org = org.clone();
            let app = NewApplication {
                name: APPLICATION_NAME.to_string(),
                redirect_uri: redirect.clone(),
                application_uri: redirect.clone(),
                description: "Superuser console for this registry".to_string(),
            };
            async move {
                create_organization(&client, &org).await?;
                create_application(&client, &org, &app).await
            }
        }
    });
    let pending = register.pending();
    let client_id = Memo::new(move |_| {
        register
            .value()
            .get()
            .and_then(Result::ok)
            .map(|app| app.client_id)
    });
    Effect::new(move |_| {
        if let Some(id) = client_id.get() {
            oauth::remember_client_id(&id);
        }
    });
    let error = move || register.value().get().and_then(Result::<_, ApiError>::err);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if pending.get_untracked() || problem.get_untracked().is_some() {
            return;
        }
        register.dispatch_local(organization.get_untracked());
    };
    let skip = {
        let navigate = navigate.clone();
        move |_| navigate(&crate::routes::overview_url(), Default::default())
    };
    let done = move |_| navigate(&crate::routes::overview_url(), Default::default());

    view! {
        <h1>{tr(Key::RegisterTitle)}</h1>
        <p>{move || fill(i18n.t(Key::RegisterBody), &redirect)}</p>
        <Show
            when=move || client_id.get().is_some()
            fallback=move || {
                view! {
                    <form class="card form" novalidate=true on:submit=on_submit data-testid="register-form">
                        <TextField
                            id="register-organization"
                            label=Key::FieldOrganization
                            value=organization
                            error=Signal::derive(move || problem.get().map(FieldError::key))
                            show_error=touched
                            hint=Key::HintUsername
                            disabled=pending
                            on_edit=Callback::new(move |_| touched.set(true))
                        />
                        {move || error().map(|e| view! { <ApiErrorView error=e context=Key::RegisterRefused /> })}
                        <div class="form-actions">
                            <button type="button" class="button button-quiet" on:click=skip.clone() data-testid="register-skip">
                                {tr(Key::SkipForNow)}
                            </button>
                            <SubmitButton label=Key::RegisterSubmit pending_label=Key::RegisterSubmitting pending=pending testid="register-submit" />
                        </div>
                    </form>
                }
            }
        >
            <ClientIdCard client_id=client_id.get().unwrap_or_default() />
            <div class="form-actions">
                <button type="button" class="button button-primary" on:click=done.clone() data-testid="register-continue">
                    {tr(Key::ContinueToOverview)}
                </button>
            </div>
        </Show>
    }
}

#[component]
fn ClientIdCard(client_id: String) -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    let snippet = format!("\"oauth_client_id\": \"{client_id}\"");
    let copy = {
        let client_id = client_id.clone();
        move |_| {
            let text = client_id.clone();
            let done = i18n.t(Key::Copied);
            wasm_bindgen_futures::spawn_local(async move {
                let promise = window().navigator().clipboard().write_text(&text);
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    toasts.push(ToastKind::Success, done);
                }
            });
        }
    };
    view! {
        <div class="card stack" role="status" data-testid="register-done">
            <h2>{tr(Key::RegisterDoneTitle)}</h2>
            <p>
                <span class="muted">{tr(Key::ClientIdLabel)}</span>
                " "
                <code class="server-message" data-testid="client-id">{client_id}</code>
                " "
                <button type="button" class="button" on:click=copy>{tr(Key::Copy)}</button>
            </p>
            <p>{tr(Key::RegisterDoneBody)}</p>
            <pre class="server-message">{snippet}</pre>
        </div>
    }
}
