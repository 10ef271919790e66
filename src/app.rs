//! The application root: contexts (configuration, session, language, toasts, current user) and
//! the router.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, StaticSegment};

use crate::auth::oauth::{Grant, ReturnError};
use crate::auth::{CurrentUserResource, Session, SignInNotice};
use crate::components::page_load_error::{PageLoadError, PageNotLoaded};
use crate::components::shell::Shell;
use crate::components::toast::Toasts;
use crate::config::RuntimeConfig;
use crate::i18n::{I18n, Key, Language};
use crate::page_styles;
use crate::pages::builds::Builds;
use crate::pages::logs::UsageLogs;
use crate::pages::not_found::NotFound;
use crate::pages::organizations::Organizations;
use crate::pages::overview::Overview;
use crate::pages::quotas::Quotas;
use crate::pages::registry_size::RegistrySizePage;
use crate::pages::service_keys::ServiceKeys;
use crate::pages::setup::SetupPage;
use crate::pages::users::Users;
use crate::routes;

#[component]
pub fn App(
    config: RuntimeConfig,
    base: String,
    /// What Quay's redirect back from sign-in carried, if this load is one.
    oauth_return: Option<Result<Grant, ReturnError>>,
    /// The start language, its texts already fetched.
    language: Language,
) -> impl IntoView {
    let i18n = I18n::new(language);
    let toasts = Toasts::new();
    let session = Session::restore(config);
    match oauth_return {
        Some(Ok(grant)) => session.sign_in(grant.token, Some(grant.scopes)),
        Some(Err(e)) => session.notice.set(Some(SignInNotice::Returned(e))),
        None => {}
    }
    provide_context(routes::RouterBase(base.clone()));
    provide_context(i18n);
    provide_context(toasts);
    provide_context(session);
    provide_context(CurrentUserResource::new(session, toasts, i18n));

    view! {
        <Router base=base>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment(routes::OVERVIEW.segment) view=Overview />
                    <Route path=StaticSegment(routes::SETUP.segment) view={Lazy::<SetupRoute>::new()} />
                    <Route path=StaticSegment(routes::USERS.segment) view={Lazy::<UsersRoute>::new()} />
                    <Route path=StaticSegment(routes::ORGANIZATIONS.segment) view={Lazy::<OrganizationsRoute>::new()} />
                    <Route path=StaticSegment(routes::QUOTAS.segment) view={Lazy::<QuotasRoute>::new()} />
                    <Route path=StaticSegment(routes::SERVICE_KEYS.segment) view={Lazy::<ServiceKeysRoute>::new()} />
                    <Route path=StaticSegment(routes::LOGS.segment) view={Lazy::<LogsRoute>::new()} />
                    <Route path=StaticSegment(routes::REGISTRY_SIZE.segment) view={Lazy::<RegistrySizeRoute>::new()} />
                    <Route path=StaticSegment(routes::BUILDS.segment) view={Lazy::<BuildsRoute>::new()} />
                </Routes>
            </Shell>
        </Router>
    }
}

// Admin pages load as separate wasm chunks (wasm-split, see scripts/wasm_split.py): the first
// load carries only the shell, sign-in and the overview. Each route's view is split out and
// fetched the first time the route is shown. Written out rather than with `#[lazy_route]`: its
// split expects the chunk to arrive, and a chunk that cannot be fetched (the registry is down
// when a page is first opened) would abort the whole app; `fallible` turns that into a page
// that says so and offers to try again.
macro_rules! lazy_page {
    ($route:ident => $page:ident, $split:ident) => {
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                page_styles::load();
                $route
            }

            async fn view(this: Self) -> AnyView {
                match $split(this).await {
                    Ok(view) => view,
                    Err(PageNotLoaded) => view! { <PageLoadError /> }.into_any(),
                }
            }
        }

        #[allow(non_snake_case)]
        #[::leptos::wasm_split::wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $split(_this: $route) -> Result<AnyView, PageNotLoaded> {
            Ok($page().into_any())
        }
    };
}

lazy_page!(SetupRoute => SetupPage, __setup_route_view);
lazy_page!(UsersRoute => Users, __users_route_view);
lazy_page!(OrganizationsRoute => Organizations, __organizations_route_view);
lazy_page!(QuotasRoute => Quotas, __quotas_route_view);
lazy_page!(RegistrySizeRoute => RegistrySizePage, __registry_size_route_view);
lazy_page!(ServiceKeysRoute => ServiceKeys, __service_keys_route_view);
lazy_page!(BuildsRoute => Builds, __builds_route_view);
lazy_page!(LogsRoute => UsageLogs, __logs_route_view);

/// Shown instead of the app when `config.json` cannot be loaded: nothing else can work.
#[component]
pub fn ConfigError(message: String, language: Language) -> impl IntoView {
    let i18n = I18n::new(language);
    view! {
        <main id="main" class="page page-narrow">
            <div class="alert alert-error" role="alert">
                <h1 class="alert-title">{move || i18n.t(Key::ConfigErrorTitle)}</h1>
                <p class="server-message">{message}</p>
            </div>
        </main>
    }
}
