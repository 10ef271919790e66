//! `/`: what needs attention in the registry first (pending keys, namespaces near their quota,
//! failed sign-ins, the registry's size), then who is signed in and who else can sign in here.

mod attention;
mod cards;
mod console_access;
mod facts;

use std::future::Future;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::auth::use_current_user;
use crate::components::avatar::Avatar;
use crate::components::page_load_error::{PageLoadError, PageNotLoaded};
use crate::i18n::{tr, Key};

#[component]
pub fn Overview() -> impl IntoView {
    use_page_title(Key::NavOverview);
    view! {
        <RequireSession>
            <section class="page stack">
                <h1>{tr(Key::NavOverview)}</h1>
                {lazy(attention_view())}
                <UserCard />
                {lazy(console_access_view())}
            </section>
        </RequireSession>
    }
}

#[component]
fn UserCard() -> impl IntoView {
    let current = use_current_user();
    move || {
        current.user().map(|user| {
            view! {
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

// The overview's sections are separate wasm chunks, so the first load does not grow (their
// styles are the pages'); fallible like the pages' chunks.

#[::leptos::wasm_split::wasm_split(attention_view, wasm_split_path = ::leptos::wasm_split, fallible)]
fn attention_view() -> Result<AnyView, PageNotLoaded> {
    Ok(view! { <attention::Attention /> }.into_any())
}

#[::leptos::wasm_split::wasm_split(console_access_view, wasm_split_path = ::leptos::wasm_split, fallible)]
fn console_access_view() -> Result<AnyView, PageNotLoaded> {
    Ok(view! { <console_access::ConsoleAccess /> }.into_any())
}

/// A section from its chunk, or the error of a chunk that could not be fetched.
fn lazy(
    chunk: impl Future<Output = Result<AnyView, PageNotLoaded>> + Send + 'static,
) -> impl IntoView {
    Suspend::new(async move {
        match chunk.await {
            Ok(view) => view,
            Err(PageNotLoaded) => view! { <PageLoadError /> }.into_any(),
        }
    })
}
