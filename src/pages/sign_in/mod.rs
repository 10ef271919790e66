//! The gate in front of every admin page: an empty registry goes to the setup wizard, a visitor
//! without a session signs in (in place, so the URL and its filters survive), and an account
//! that cannot administer the registry is told exactly why, before any admin request is sent.

mod no_access;
mod registry;
mod token;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{use_page_title, Skeleton};
use crate::api::application::application_information;
use crate::api::registry_config::registry_config;
use crate::api::registry_session::{self, RegistryAccount};
use crate::api::user::{probe_setup_state, CurrentUser, Role, SetupState};
use crate::auth::oauth::{self, ReturnError};
use crate::auth::read_only::ReadOnlyNote;
use crate::auth::{use_current_user, use_session, ReadOnly, SignInNotice};
use crate::components::error_view::ApiErrorView;
use crate::components::page_load_error::{PageLoadError, PageNotLoaded};
use crate::components::register_console::{ClientIdCard, RegisterConsoleForm, Registrar};
use crate::components::shell::SignOutButton;
use crate::components::write::use_write_signed_out;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::routes;
use no_access::NoAccess;
use registry::RegistrySignIn;
use token::TokenForm;

/// Renders `children` for a signed-in superuser; otherwise what stands in the way.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let children = StoredValue::new(children);
    view! {
        <Show when=move || session.is_signed_in() fallback=|| view! { <LazySignInGate /> }>
            <SuperuserGate>{children.read_value()()}</SuperuserGate>
        </Show>
    }
}

/// The sign-in gate is a separate wasm chunk: a signed-in reload never downloads it. Fallible,
/// like the pages' chunks: a failed fetch shows an error with a retry instead of aborting.
#[::leptos::wasm_split::wasm_split(sign_in_gate_view, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sign_in_gate_view() -> Result<AnyView, PageNotLoaded> {
    Ok(view! { <SignInGate /> }.into_any())
}

#[component]
fn LazySignInGate() -> impl IntoView {
    Suspend::new(async move {
        match sign_in_gate_view().await {
            Ok(view) => view,
            Err(PageNotLoaded) => view! { <PageLoadError /> }.into_any(),
        }
    })
}

/// Lets superusers of both kinds in. A read-only superuser (Quay's `GLOBAL_READONLY_SUPER_USERS`)
/// sees every page with a note above it, and [`ReadOnly`] tells the pages to disable their writes.
#[component]
fn SuperuserGate(children: ChildrenFn) -> impl IntoView {
    let current = use_current_user();
    let retry = Callback::new(move |_| current.0.refetch());
    ReadOnly::provide(Signal::derive(move || {
        current.user().is_some_and(|u| u.is_read_only_superuser())
    }));
    view! {
        {move || match current.0.get().flatten() {
            None => view! { <section class="page"><Skeleton lines=3 /></section> }.into_any(),
            Some(Err(e)) => {
                view! { <section class="page"><ApiErrorView error=e retry=retry /></section> }
                    .into_any()
            }
            Some(Ok(user)) => match user.role() {
                Role::Superuser => children().into_any(),
                Role::ReadOnlySuperuser { reported } => view! {
                    <ReadOnlyNote reported=reported />
                    {children()}
                }
                .into_any(),
                Role::Other => view! { <NotSuperuser user=user /> }.into_any(),
            },
        }}
    }
}

#[component]
fn NotSuperuser(user: CurrentUser) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let name = user.username.clone();
    let (title, body) = match session.lacks_scope("super:user") {
        Some(true) => (Key::ScopeMissingTitle, Key::ScopeMissingBody),
        Some(false) => (Key::NotSuperuserTitle, Key::NotSuperuserBody),
        None => (Key::NotSuperuserTitle, Key::NotSuperuserUnknownBody),
    };
    view! {
        <section class="page page-narrow">
            <div class="alert alert-warning" role="status" data-testid="not-superuser">
                <h1 class="alert-title">{move || fill(i18n.t(title), &name)}</h1>
                <p>{tr(body)}</p>
            </div>
            <SignOutButton />
        </section>
    }
}

/// Signed out: an empty registry is sent to the wizard, any other gets the sign-in page.
#[component]
fn SignInGate() -> impl IntoView {
    let session = use_session();
    let probe = LocalResource::new(move || {
        let client = session.client_with(None);
        async move { probe_setup_state(&client).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(SetupState::Empty)) = probe.get() {
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(routes::SETUP.path, options);
        }
    });
    let retry = Callback::new(move |_| probe.refetch());
    move || {
        match probe.get() {
        None | Some(Ok(SetupState::Empty)) => view! {
            <section class="page page-narrow">
                <p class="muted">{tr(Key::CheckingRegistry)}</p>
                <Skeleton lines=2 />
            </section>
        }
        .into_any(),
        Some(result) => view! {
            {result.err().map(|e| view! { <section class="page page-narrow"><ApiErrorView error=e retry=retry /></section> })}
            <SignIn />
        }
        .into_any(),
    }
    }
}

#[component]
fn SignIn() -> impl IntoView {
    use_page_title(Key::SignInTitle);
    let session = use_session();
    let i18n = use_i18n();
    let config = session.config();
    let origin = window().location().origin().unwrap_or_default();
    let same_origin = config.api_base.is_empty() || config.api_base.trim_end_matches('/') == origin;
    let api_origin = if config.api_base.is_empty() {
        origin
    } else {
        config.api_base.clone()
    };
    let client_id = RwSignal::new(oauth::client_id(config.oauth_client_id.as_deref()));
    let registered = RwSignal::new(None::<String>);
    // Quay's consent page needs this browser signed in to the registry. On the registry's own
    // origin the console can find out and sign in itself; elsewhere only the registry's page can.
    let registry_signin_url = format!("{}/signin/", api_origin.trim_end_matches('/'));
    let start_error = RwSignal::new(None::<String>);
    // On another origin the console cannot see the browser's registry session, so it cannot
    // tell in advance whether Quay's authorize page will refuse this person (a bare 403 for
    // anyone not administering the application's organization, read-only superusers too): it
    // says so before the button, naming the organization (public application information).
    let admins_only = LocalResource::new(move || {
        let (client, id) = (session.client_with(None), client_id.get());
        async move {
            match id {
                Some(id) if !same_origin => application_information(&client, &id)
                    .await
                    .ok()
                    .map(|app| app.organization.name),
                _ => None,
            }
        }
    });
    let step = RwSignal::new(Step::Start);
    let go = {
        let api_origin = api_origin.clone();
        Callback::new(move |scopes: &'static str| {
            if let Some(id) = client_id.get_untracked() {
                if let Err(e) = oauth::begin(&api_origin, &id, &current_app_path(), scopes) {
                    start_error.set(Some(e));
                    // Still here: the button works again.
                    step.set(Step::Start);
                }
            }
        })
    };
    // What the browser's registry session allows: signing in to it first, registering this
    // console, or (Quay's `/oauth/authorize` answers 403 otherwise) only for administrators of
    // the organization that owns the console's application.
    let check = use_write_signed_out(
        move |session, purpose: Purpose| {
            let (client, id) = (session.client_with(None), client_id.get_untracked());
            async move {
                let Some(account) = registry_session::signed_in_as(&client).await? else {
                    let external = registry_config(&client)
                        .await
                        .map(|c| c.has_external_login())
                        .unwrap_or(false);
                    return Ok(if external {
                        Step::ExternalOnly
                    } else {
                        Step::RegistrySignIn(purpose)
                    });
                };
                let Some(id) = id.filter(|_| purpose == Purpose::SignIn) else {
                    return Ok(Step::Register);
                };
                let scopes = scopes_for(&account);
                Ok(match application_information(&client, &id).await {
                    Ok(app) if account.administers(&app.organization.name) => Step::Leaving(scopes),
                    Ok(app) => Step::NoAccess {
                        account,
                        organization: app.organization.name,
                    },
                    Err(e) if e.status() == Some(404) => Step::UnknownClient(id),
                    // Cannot tell: the registry's consent page decides.
                    Err(_) => Step::Leaving(scopes),
                })
            }
        },
        move |next: Step| {
            let leaving = next.leaving();
            step.set(next);
            if let Some(scopes) = leaving {
                go.run(scopes);
            }
            None
        },
    );
    let checking = check.pending();
    let busy = move || checking.get() || step.with(|s| s.leaving().is_some());
    let start = move |purpose: Purpose| {
        if checking.get_untracked() || step.with_untracked(|s| s.leaving().is_some()) {
            return;
        }
        if same_origin {
            check.dispatch(purpose);
        } else {
            // Whether this is a read-only superuser shows only after signing in.
            go.run(oauth::SCOPES);
        }
    };
    let notice = move || {
        session.notice.get().map(|n| {
            let text = match n {
                SignInNotice::Expired => i18n.t(Key::SessionExpired).to_string(),
                SignInNotice::Returned(ReturnError::Refused { code }) => {
                    fill(i18n.t(Key::ReturnRefused), &code)
                }
                SignInNotice::Returned(ReturnError::StateMismatch) => {
                    i18n.t(Key::ReturnStateMismatch).to_string()
                }
                SignInNotice::Returned(ReturnError::MissingToken) => {
                    i18n.t(Key::ReturnMissingToken).to_string()
                }
            };
            view! {
                <div class="alert alert-error" role="alert" data-testid="sign-in-notice">
                    <p>{text}</p>
                </div>
            }
        })
    };
    let has_client = move || client_id.with(Option::is_some);
    let on_registered = Callback::new(move |id: String| {
        client_id.set(Some(id.clone()));
        registered.set(Some(id));
        step.set(Step::Start);
    });
    let redo_check = Callback::new(move |purpose: Purpose| {
        check.dispatch(purpose);
    });
    view! {
        <section class="page page-narrow">
            <h1>{tr(Key::SignInTitle)}</h1>
            <p>
                <span class="muted">{tr(Key::RegistryLabel)}</span>
                " "
                <span class="server-message" data-testid="registry">{api_origin}</span>
            </p>
            {notice}
            {move || registered.get().map(|id| view! { <ClientIdCard client_id=id /> })}
            <div class="card stack">
                <h2>{tr(Key::SignInWithQuay)}</h2>
                <p>{move || i18n.t(if has_client() { Key::SignInWithQuayBody } else { Key::NoClientIdBody })}</p>
                {(!same_origin).then(|| view! {
                    <p class="muted">
                        {tr(Key::RegistrySessionNeeded)} " "
                        <a href=registry_signin_url.clone() rel="noopener noreferrer">{tr(Key::RegistrySignInPage)}</a>
                    </p>
                    {move || admins_only.get().flatten().map(|org| view! {
                        <p data-testid="sign-in-admins-only">{move || fill(i18n.t(Key::SignInAdminsOnly), &org)}</p>
                    })}
                })}
                {move || start_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                {move || check.error().get().map(|e| view! {
                    <ApiErrorView error=e context=Key::RegistrySessionUnknown retry=Callback::new(move |_| { check.dispatch(Purpose::SignIn); }) />
                })}
                <div class="form-actions">
                    {move || (same_origin && !has_client()).then(|| view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="register-console"
                            disabled=busy
                            on:click=move |_| start(Purpose::Register)
                        >
                            {tr(Key::RegisterThisConsole)}
                        </button>
                    })}
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="sign-in-oauth"
                        disabled=move || !has_client() || busy()
                        aria-busy=move || checking.get().then_some("true")
                        on:click=move |_| start(Purpose::SignIn)
                    >
                        {tr(Key::SignInWithQuay)}
                    </button>
                </div>
            </div>
            {move || match step.get() {
                Step::RegistrySignIn(purpose) => view! {
                    <RegistrySignIn on_signed_in=Callback::new(move |_| redo_check.run(purpose)) />
                }.into_any(),
                Step::ExternalOnly => view! {
                    <div class="alert alert-warning" role="status" data-testid="registry-external-login">
                        <p>
                            {tr(Key::RegistryExternalLogin)} " "
                            <a href=registry_signin_url.clone() rel="noopener noreferrer">{tr(Key::RegistrySignInPage)}</a>
                        </p>
                    </div>
                }.into_any(),
                Step::NoAccess { account, organization } => view! {
                    <NoAccess
                        account=account
                        organization=organization
                        on_admin=Callback::new(move |_| redo_check.run(Purpose::SignIn))
                        on_signed_out=Callback::new(move |_| step.set(Step::RegistrySignIn(Purpose::SignIn)))
                    />
                }.into_any(),
                Step::UnknownClient(id) => view! {
                    <div class="alert alert-warning" role="status" data-testid="unknown-client">
                        <p>{move || fill(i18n.t(Key::UnknownClientBody), &id)}</p>
                    </div>
                    <h2>{tr(Key::RegisterThisConsole)}</h2>
                    <RegisterConsoleForm registrar=Registrar::RegistrySession on_registered=on_registered />
                }.into_any(),
                Step::Register => view! {
                    <h2>{tr(Key::RegisterThisConsole)}</h2>
                    <RegisterConsoleForm registrar=Registrar::RegistrySession on_registered=on_registered />
                }.into_any(),
                Step::Start | Step::Leaving(_) => ().into_any(),
            }}
            <TokenForm />
        </section>
    }
}

/// What the admin set out to do when the registry session was checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    SignIn,
    Register,
}

/// Where "Sign in with Quay" stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Start,
    /// No registry session in this browser: sign in to the registry here first, then go on.
    RegistrySignIn(Purpose),
    /// No registry session, and the registry signs people in through another service.
    ExternalOnly,
    /// Signed in to the registry as someone who does not administer the organization owning the
    /// console's application, which Quay's authorize page would refuse with a bare 403.
    NoAccess {
        account: RegistryAccount,
        organization: String,
    },
    /// The registry has no application with the configured client id (Quay's bare 404).
    UnknownClient(String),
    /// No client id: register this console with the registry session.
    Register,
    /// On the way to the registry's authorize page, asking for these scopes.
    Leaving(&'static str),
}

impl Step {
    /// The scopes asked for, when on the way to the registry.
    fn leaving(&self) -> Option<&'static str> {
        match self {
            Step::Leaving(scopes) => Some(scopes),
            _ => None,
        }
    }
}

/// A read-only superuser asks only for what it can use (see [`oauth::READ_ONLY_SCOPES`]).
fn scopes_for(account: &RegistryAccount) -> &'static str {
    if account.global_readonly_super_user {
        oauth::READ_ONLY_SCOPES
    } else {
        oauth::SCOPES
    }
}

/// The page's path and query relative to the app base, to come back to after signing in.
fn current_app_path() -> String {
    let href = window().location().href().unwrap_or_default();
    let base = oauth::redirect_uri().unwrap_or_default();
    match href.strip_prefix(base.trim_end_matches('/')) {
        Some(rest) if rest.starts_with('/') => rest.split('#').next().unwrap_or("/").to_string(),
        _ => "/".to_string(),
    }
}
