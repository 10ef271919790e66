//! `/`: who is signed in, and whether that account can administer the registry.

use leptos::prelude::*;

use super::signed_out::RequireSession;
use super::{use_page_title, Skeleton};
use crate::api::user::CurrentUser;
use crate::auth::use_current_user;
use crate::components::avatar::Avatar;
use crate::components::error_view::ApiErrorView;
use crate::i18n::{fill, tr, use_i18n, Key};

#[component]
pub fn Overview() -> impl IntoView {
    use_page_title(Key::NavOverview);
    let current = use_current_user();
    let retry = Callback::new(move |_| current.0.refetch());
    view! {
        <RequireSession>
            <section class="page">
                {move || match current.0.get().flatten() {
                    None => view! { <Skeleton lines=3 /> }.into_any(),
                    Some(Ok(user)) => view! { <UserCard user=user /> }.into_any(),
                    Some(Err(e)) => view! { <ApiErrorView error=e retry=retry /> }.into_any(),
                }}
            </section>
        </RequireSession>
    }
}

#[component]
fn UserCard(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let name = user.username.clone();
    let heading = {
        let name = name.clone();
        move || fill(i18n.t(Key::HomeWelcome), &name)
    };
    let superuser = user.is_superuser();
    view! {
        <h1 data-testid="welcome">{heading}</h1>
        <div class="card user-card">
            <Avatar avatar=user.avatar.clone() />
            <div>
                <p class="user-card-name" data-testid="current-username">{user.username.clone()}</p>
                {user.email.clone().map(|e| view! { <p class="muted">{e}</p> })}
            </div>
            {superuser
                .then(|| view! { <span class="badge badge-ok" data-testid="superuser-badge">{tr(Key::SuperuserBadge)}</span> })}
        </div>
        {if superuser {
            view! { <p>{tr(Key::HomeSuperuserBody)}</p> }.into_any()
        } else {
            view! {
                <div class="alert alert-warning" role="status" data-testid="not-superuser">
                    <p class="alert-title">{move || fill(i18n.t(Key::NotSuperuserTitle), &name)}</p>
                    <p>{tr(Key::NotSuperuserBody)}</p>
                </div>
            }
                .into_any()
        }}
    }
}
