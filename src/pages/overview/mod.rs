//! `/`: who is signed in, who else can sign in here; the starting point of the admin areas.

mod console_access;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::auth::use_current_user;
use crate::components::avatar::Avatar;
use crate::components::page_load_error::{PageLoadError, PageNotLoaded};
use crate::i18n::{fill, tr, use_i18n, Key};

#[component]
pub fn Overview() -> impl IntoView {
    use_page_title(Key::NavOverview);
    view! {
        <RequireSession>
            <section class="page stack">
                <UserCard />
                <LazyConsoleAccess />
            </section>
        </RequireSession>
    }
}

#[component]
fn UserCard() -> impl IntoView {
    let i18n = use_i18n();
    let current = use_current_user();
    move || {
        current.user().map(|user| {
            let name = user.username.clone();
            view! {
                <h1 data-testid="welcome">{move || fill(i18n.t(Key::HomeWelcome), &name)}</h1>
                <div class="card user-card">
                    <Avatar avatar=user.avatar.clone() />
                    <div>
                        <p class="user-card-name" data-testid="current-username">
                            {user.username.clone()}
                        </p>
                        {user.email.clone().map(|e| view! { <p class="muted">{e}</p> })}
                    </div>
                    <span class="badge badge-ok" data-testid="superuser-badge">
                        {tr(Key::SuperuserBadge)}
                    </span>
                </div>
                <p>{tr(Key::HomeSuperuserBody)}</p>
            }
        })
    }
}

/// The console-access card is a separate wasm chunk (its table styles are the shell's), so the
/// first load does not grow; fallible like the pages' chunks.
#[::leptos::wasm_split::wasm_split(console_access_view, wasm_split_path = ::leptos::wasm_split, fallible)]
fn console_access_view() -> Result<AnyView, PageNotLoaded> {
    Ok(view! { <console_access::ConsoleAccess /> }.into_any())
}

#[component]
fn LazyConsoleAccess() -> impl IntoView {
    Suspend::new(async move {
        match console_access_view().await {
            Ok(view) => view,
            Err(PageNotLoaded) => view! { <PageLoadError /> }.into_any(),
        }
    })
}
