//! The gate in front of every admin page: an empty registry goes to the setup wizard, a visitor
//! without a session signs in (in place, so the URL and its filters survive), and an account
//! that cannot administer the registry is told exactly why, before any admin request is sent.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{use_page_title, Skeleton};
use crate::api::registry_config::registry_config;
use crate::api::registry_session::{self, SignInRefused};
use crate::api::user::{current_user, probe_setup_state, CurrentUser, SetupState};
use crate::auth::oauth::{self, ReturnError};
use crate::auth::{use_current_user, use_session, SignInNotice};
use crate::components::error_view::ApiErrorView;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::page_load_error::{PageLoadError, PageNotLoaded};
use crate::components::shell::SignOutButton;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::routes::SETUP_PATH;

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

#[component]
fn SuperuserGate(children: ChildrenFn) -> impl IntoView {
    let current = use_current_user();
    let retry = Callback::new(move |_| current.0.refetch());
    view! {
        {move || match current.0.get().flatten() {
            None => view! { <section class="page"><Skeleton lines=3 /></section> }.into_any(),
            Some(Err(e)) => {
                view! { <section class="page"><ApiErrorView error=e retry=retry /></section> }
                    .into_any()
            }
            Some(Ok(user)) if user.is_superuser() => children().into_any(),
            Some(Ok(user)) => view! { <NotSuperuser user=user /> }.into_any(),
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
            navigate(SETUP_PATH, options);
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
    let client_id = oauth::client_id(config.oauth_client_id.as_deref());
    // Quay's consent page needs this browser signed in to the registry. On the registry's own
    // origin the console can find out and sign in itself; elsewhere only the registry's page can.
    let registry_signin_url = format!("{}/signin/", api_origin.trim_end_matches('/'));
    let start_error = RwSignal::new(None::<String>);
    let step = RwSignal::new(Step::Start);
    let go = {
        let (api_origin, client_id) = (api_origin.clone(), client_id.clone());
        Callback::new(move |_: ()| {
            if let Some(id) = &client_id {
                if let Err(e) = oauth::begin(&api_origin, id, &current_app_path()) {
                    start_error.set(Some(e));
                    // Still here: the button works again.
                    step.set(Step::Start);
                }
            }
        })
    };
    let check = Action::new_local(move |_: &()| {
        let client = session.client_with(None);
        async move {
            match registry_session::signed_in_as(&client).await? {
                Some(_) => Ok(Step::Leaving),
                None => {
                    let external = registry_config(&client)
                        .await
                        .map(|c| c.has_external_login())
                        .unwrap_or(false);
                    Ok(if external {
                        Step::ExternalOnly
                    } else {
                        Step::RegistrySignIn
                    })
                }
            }
        }
    });
    let checking = check.pending();
    Effect::new(move |_| match check.value().get() {
        Some(Ok(Step::Leaving)) => {
            step.set(Step::Leaving);
            go.run(());
        }
        Some(Ok(next)) => step.set(next),
        _ => {}
    });
    let start = move |_| {
        if checking.get_untracked() || step.get_untracked() == Step::Leaving {
            return;
        }
        if same_origin {
            check.dispatch_local(());
        } else {
            go.run(());
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
    let has_client = client_id.is_some();
    view! {
        <section class="page page-narrow">
            <h1>{tr(Key::SignInTitle)}</h1>
            <p>
                <span class="muted">{tr(Key::RegistryLabel)}</span>
                " "
                <span class="server-message" data-testid="registry">{api_origin}</span>
            </p>
            {notice}
            <div class="card stack">
                <h2>{tr(Key::SignInWithQuay)}</h2>
                <p>{tr(if has_client { Key::SignInWithQuayBody } else { Key::NoClientIdBody })}</p>
                {(!same_origin).then(|| view! {
                    <p class="muted">
                        {tr(Key::RegistrySessionNeeded)} " "
                        <a href=registry_signin_url.clone() rel="noopener noreferrer">{tr(Key::RegistrySignInPage)}</a>
                    </p>
                })}
                {move || start_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                {move || check.value().get().and_then(Result::err).map(|e| view! {
                    <ApiErrorView error=e context=Key::RegistrySessionUnknown retry=Callback::new(move |_| { check.dispatch_local(()); }) />
                })}
                <div class="form-actions">
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="sign-in-oauth"
                        disabled=move || !has_client || checking.get()
                        aria-busy=move || checking.get().then_some("true")
                        on:click=start
                    >
                        {tr(Key::SignInWithQuay)}
                    </button>
                </div>
            </div>
            {move || match step.get() {
                Step::RegistrySignIn => view! { <RegistrySignIn on_signed_in=go /> }.into_any(),
                Step::ExternalOnly => view! {
                    <div class="alert alert-warning" role="status" data-testid="registry-external-login">
                        <p>
                            {tr(Key::RegistryExternalLogin)} " "
                            <a href=registry_signin_url.clone() rel="noopener noreferrer">{tr(Key::RegistrySignInPage)}</a>
                        </p>
                    </div>
                }.into_any(),
                Step::Start | Step::Leaving => ().into_any(),
            }}
            <TokenForm />
        </section>
    }
}

/// Where "Sign in with Quay" stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Start,
    /// No registry session in this browser: sign in to the registry here first.
    RegistrySignIn,
    /// No registry session, and the registry signs people in through another service.
    ExternalOnly,
    /// On the way to the registry's authorize page.
    Leaving,
}

/// Signs this browser in to the registry (as Quay's own sign-in page does), then carries on.
#[component]
fn RegistrySignIn(on_signed_in: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let submit = Action::new_local(move |(user, pass): &(String, String)| {
        let client = session.client_with(None);
        let (user, pass) = (user.clone(), pass.clone());
        async move { registry_session::sign_in(&client, &user, &pass).await }
    });
    let pending = submit.pending();
    Effect::new(move |_| {
        if let Some(Ok(())) = submit.value().get() {
            on_signed_in.run(());
        }
    });
    let required = |value: RwSignal<String>| {
        Signal::derive(move || value.with(|v| v.is_empty()).then_some(Key::ErrRequired))
    };
    let (user_problem, pass_problem) = (required(username), required(password));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let done = matches!(submit.value().get_untracked(), Some(Ok(())));
        if pending.get_untracked()
            || done
            || user_problem.get_untracked().is_some()
            || pass_problem.get_untracked().is_some()
        {
            return;
        }
        submit.dispatch_local((
            username.get_untracked().trim().to_string(),
            password.get_untracked(),
        ));
    };
    let refusal = move || {
        submit.value().get().and_then(Result::err).map(|refused| match refused {
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
            <p>{tr(Key::RegistrySignInBody)}</p>
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

/// The page's path and query relative to the app base, to come back to after signing in.
fn current_app_path() -> String {
    let href = window().location().href().unwrap_or_default();
    let base = oauth::redirect_uri().unwrap_or_default();
    match href.strip_prefix(base.trim_end_matches('/')) {
        Some(rest) if rest.starts_with('/') => rest.split('#').next().unwrap_or("/").to_string(),
        _ => "/".to_string(),
    }
}

#[component]
fn TokenForm() -> impl IntoView {
    let session = use_session();
    let token = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let check = Action::new_local(move |candidate: &String| {
        let client = session.client_with(Some(candidate.clone()));
        let candidate = candidate.clone();
        async move { current_user(&client).await.map(|_| candidate) }
    });
    let pending = check.pending();
    Effect::new(move |_| {
        if let Some(Ok(good)) = check.value().get() {
            session.sign_in(good, None);
        }
    });
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
        if pending.get_untracked() || problem.get_untracked().is_some() {
            return;
        }
        check.dispatch_local(token.get_untracked().trim().to_string());
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
            {move || {
                check
                    .value()
                    .get()
                    .and_then(Result::err)
                    .map(|e| view! { <ApiErrorView error=e context=Key::TokenRefused /> })
            }}
            <div class="form-actions">
                <SubmitButton label=Key::TokenSubmit pending_label=Key::Checking pending=pending testid="token-submit" class="button" />
            </div>
        </form>
    }
}
