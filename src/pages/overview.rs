//! `/`: who is signed in; the starting point of the admin areas.

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::auth::use_current_user;
use crate::components::avatar::Avatar;
use crate::i18n::{fill, tr, use_i18n, Key};

#[component]
pub fn Overview() -> impl IntoView {
    use_page_title(Key::NavOverview);
    view! {
        <RequireSession>
            <section class="page">
                <UserCard />
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
