//! Registers this console with the registry: an organization of the admin's choice (kept when it
//! already exists and the admin runs it) and, in it, an OAuth application whose redirect URI is
//! this console's address. Used by the setup wizard (with its fresh token) and by the sign-in
//! page (with the browser's registry session) when no client id is configured.

use leptos::prelude::*;

use crate::api::organization::{
    create_application, create_organization, organization_details, NewApplication,
};
use crate::api::{registry_session, ApiClient, ApiError};
use crate::auth::oauth;
use crate::components::copy_button::CopyButton;
use crate::components::error_view::error_slot;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::write::{use_write, use_write_signed_out};
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::validation::{check_username, FieldError};

pub const DEFAULT_ORGANIZATION: &str = "quay-admin";
const APPLICATION_NAME: &str = "Quay Admin dashboard";

/// Whose rights register the application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Registrar {
    /// The signed-in session's bearer token.
    Token,
    /// The browser's own registry session (cookie and CSRF token), before any token exists.
    RegistrySession,
}

async fn register(client: ApiClient, org: String, redirect: String) -> Result<String, ApiError> {
    // An organization the admin already runs is reused (a second registration, or one that was
    // deleted); any other answer than "not found" leaves the decision to the create call.
    let runs_it = matches!(organization_details(&client, &org).await, Ok(d) if d.is_admin);
    if !runs_it {
        create_organization(&client, &org).await?;
    }
    let app = NewApplication {
        name: APPLICATION_NAME.to_string(),
        redirect_uri: redirect.clone(),
        application_uri: redirect,
        description: "Superuser console for this registry".to_string(),
    };
    Ok(create_application(&client, &org, &app).await?.client_id)
}

/// The form; `on_registered` receives the new client id, which this browser also remembers.
#[component]
pub fn RegisterConsoleForm(
    registrar: Registrar,
    on_registered: Callback<String>,
    /// A quiet second button ("Skip for now") next to the submit button.
    #[prop(optional)]
    skip: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let redirect = oauth::redirect_uri().unwrap_or_default();
    let organization = RwSignal::new(DEFAULT_ORGANIZATION.to_string());
    let touched = RwSignal::new(false);
    let problem = Memo::new(move |_| check_username(&organization.get()));
    let on_success = move |id: String| {
        oauth::remember_client_id(&id);
        on_registered.run(id);
        None
    };
    let action = {
        let redirect = redirect.clone();
        match registrar {
            Registrar::Token => use_write(
                move |client, org| register(client, org, redirect.clone()),
                on_success,
            ),
            Registrar::RegistrySession => use_write_signed_out(
                move |session, org| {
                    let (client, redirect) = (session.client_with(None), redirect.clone());
                    async move {
                        let client = registry_session::with_csrf(&client).await?;
                        register(client, org, redirect).await
                    }
                },
                on_success,
            ),
        }
    };
    let pending = action.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if action.succeeded() || problem.get_untracked().is_some() {
            return;
        }
        action.dispatch(organization.get_untracked());
    };
    view! {
        <form class="card form" novalidate=true on:submit=on_submit data-testid="register-form">
            <p>{move || fill(i18n.t(Key::RegisterBody), &redirect)}</p>
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
            {error_slot(action.error(), Key::RegisterRefused)}
            <div class="form-actions">
                {skip.map(|skip| view! {
                    <button type="button" class="button button-quiet" on:click=move |_| skip.run(()) data-testid="register-skip">
                        {tr(Key::SkipForNow)}
                    </button>
                })}
                <SubmitButton label=Key::RegisterSubmit pending_label=Key::RegisterSubmitting pending=pending testid="register-submit" />
            </div>
        </form>
    }
}

/// The registered client id and where it belongs.
#[component]
pub fn ClientIdCard(client_id: String) -> impl IntoView {
    let snippet = format!("\"oauth_client_id\": \"{client_id}\"");
    view! {
        <div class="card stack" role="status" data-testid="register-done">
            <h2>{tr(Key::RegisterDoneTitle)}</h2>
            <p>
                <span class="muted">{tr(Key::ClientIdLabel)}</span>
                " "
                <code class="server-message" data-testid="client-id">{client_id.clone()}</code>
                " "
                <CopyButton text=client_id testid="copy-client-id" />
            </p>
            <p>{tr(Key::RegisterDoneBody)}</p>
            <pre class="server-message">{snippet}</pre>
        </div>
    }
}
