//! The application root: contexts (configuration, session, language, toasts, current user) and
//! the router.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::auth::oauth::{Grant, ReturnError};
use crate::auth::{CurrentUserResource, Session, SignInNotice};
use crate::components::shell::Shell;
use crate::components::toast::Toasts;
use crate::config::RuntimeConfig;
use crate::i18n::{I18n, Key};
use crate::pages::coming_next::ComingNext;
use crate::pages::not_found::NotFound;
use crate::pages::organizations::Organizations;
use crate::pages::overview::Overview;
use crate::pages::setup::SetupPage;
use crate::pages::users::Users;

#[component]
pub fn App(
    config: RuntimeConfig,
    base: String,
    /// What Quay's redirect back from sign-in carried, if this load is one.
    oauth_return: Option<Result<Grant, ReturnError>>,
) -> impl IntoView {
    let i18n = I18n::new();
    let toasts = Toasts::new();
    let session = Session::restore(config);
    match oauth_return {
        Some(Ok(grant)) => session.sign_in(grant.token, Some(grant.scopes)),
        Some(Err(e)) => session.notice.set(Some(SignInNotice::Returned(e))),
        None => {}
    }
    provide_context(i18n);
    provide_context(toasts);
    provide_context(session);
    provide_context(CurrentUserResource::new(session, toasts, i18n));

    let area = |key: Key| move || view! { <ComingNext title=key /> };
    view! {
        <Router base=base>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Overview />
                    <Route path=path!("/setup") view=SetupPage />
                    <Route path=path!("/users") view=Users />
                    <Route path=path!("/organizations") view=Organizations />
                    <Route path=path!("/quotas") view=area(Key::NavQuotas) />
                    <Route path=path!("/service-keys") view=area(Key::NavServiceKeys) />
                    <Route path=path!("/logs") view=area(Key::NavLogs) />
                    <Route path=path!("/registry-size") view=area(Key::NavRegistrySize) />
                    <Route path=path!("/builds") view=area(Key::NavBuilds) />
                </Routes>
            </Shell>
        </Router>
    }
}

/// Shown instead of the app when `config.json` cannot be loaded: nothing else can work.
#[component]
pub fn ConfigError(message: String) -> impl IntoView {
    let i18n = I18n::new();
    view! {
        <main id="main" class="page page-narrow">
            <div class="alert alert-error" role="alert">
                <h1 class="alert-title">{move || i18n.t(Key::ConfigErrorTitle)}</h1>
                <p class="server-message">{message}</p>
            </div>
        </main>
    }
}
