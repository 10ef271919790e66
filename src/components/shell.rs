//! The frame every page sits in: skip link, header (brand, language, theme, user, sign-out),
//! navigation for the admin areas, the main landmark and the toast area.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::auth::{use_current_user, use_session};
use crate::components::language::LanguagePicker;
use crate::components::theme::ThemePicker;
use crate::components::toast::{use_toasts, ToastArea, ToastKind};
use crate::i18n::{tr, use_i18n, Key};
use crate::routes::{self, app_href, NAV_AREAS};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = use_session();
    let current = use_current_user();
    // On a phone the navigation and the header's tools fold behind one "Menu" button, so the
    // page starts under a one-line header; going anywhere folds them again.
    let menu_open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    view! {
        <a class="skip-link" href="#main" on:click=focus_main>
            {tr(Key::SkipToContent)}
        </a>
        <div class="shell" class:menu-open=move || menu_open.get()>
        <header class="topbar">
            <A href=app_href(routes::OVERVIEW.path) attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"Q"</span>
                {tr(Key::AppName)}
            </A>
            <button
                type="button"
                class="button menu-toggle"
                aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                aria-controls="site-menu"
                on:click=move |_| menu_open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"☰ "</span>
                {tr(Key::Menu)}
            </button>
            <div class="topbar-tools" id="site-menu">
                <LanguagePicker />
                <ThemePicker />
                <Show when=move || session.is_signed_in()>
                    <UserMenu />
                </Show>
            </div>
        </header>
        <div class="layout">
            // Admin areas only for a superuser: anyone else gets the explanation, not dead links.
            <Show when=move || current.user().is_some_and(|u| u.is_superuser())>
                // A link chosen from the unfolded menu folds it.
                <div class="nav-frame" on:click=move |_| menu_open.set(false)>
                    <Navigation />
                </div>
            </Show>
            <main id="main" tabindex="-1">
                <ErrorBoundary fallback=page_errors>
                    {children()}
                </ErrorBoundary>
            </main>
        </div>
        </div>
        <ToastArea />
    }
}

/// The last line of defence: any error a page renders instead of handling shows here as text.
fn page_errors(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <section class="page">
            <div class="alert alert-error" role="alert">
                <p class="alert-title">{tr(Key::ErrorTitle)}</p>
                <ul>
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|(_, e)| view! { <li class="server-message">{e.to_string()}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </section>
    }
}

/// The skip link moves focus without touching the URL (a `#main` href would resolve against
/// `<base>` and navigate away).
fn focus_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    crate::browser::focus_by_id("main");
}

#[component]
fn Navigation() -> impl IntoView {
    view! {
        <nav class="sidenav" aria-label=tr(Key::MainNavigation)>
            <ul>
                {NAV_AREAS
                    .iter()
                    .map(|area| {
                        view! {
                            <li>
                                <A href=app_href(area.route.path) exact=true>
                                    {tr(area.title)}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Signs out, says so, and goes to the overview (which then offers sign-in).
#[component]
pub fn SignOutButton() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out();
        toasts.push(ToastKind::Info, i18n.t(Key::SignedOutToast));
        navigate(&crate::routes::overview_url(), NavigateOptions::default());
    };
    view! {
        <button type="button" class="button button-quiet" on:click=sign_out data-testid="sign-out">
            {tr(Key::SignOut)}
        </button>
    }
}

#[component]
fn UserMenu() -> impl IntoView {
    let current = use_current_user();
    view! {
        <div class="user-menu">
            {move || {
                current
                    .user()
                    .map(|u| {
                        view! {
                            <span class="user-name" data-testid="header-user">
                                <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                                {u.username}
                            </span>
                        }
                    })
            }}
            <SignOutButton />
        </div>
    }
}
