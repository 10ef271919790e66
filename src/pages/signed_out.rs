//! What a visitor without a session sees: on an empty registry they are sent to the setup wizard;
//! otherwise they are told they are signed out.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{use_page_title, Skeleton};
use crate::api::user::{probe_setup_state, SetupState};
use crate::auth::use_session;
use crate::components::error_view::ApiErrorView;
use crate::i18n::{tr, Key};
use crate::routes::SETUP_PATH;

/// Renders `children` with a session, the signed-out landing without one.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.is_signed_in() fallback=|| view! { <SignedOut /> }>
            {children()}
        </Show>
    }
}

#[component]
fn SignedOut() -> impl IntoView {
    use_page_title(Key::SignedOutTitle);
    let session = use_session();
    let probe = LocalResource::new(move || {
        let client = session.anonymous_client();
        async move { probe_setup_state(&client).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(SetupState::Empty)) = probe.get() {
            navigate(
                SETUP_PATH,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let retry = Callback::new(move |_| probe.refetch());
    view! {
        <section class="page page-narrow">
            {move || match probe.get() {
                None | Some(Ok(SetupState::Empty)) => {
                    view! {
                        <p class="muted">{tr(Key::CheckingRegistry)}</p>
                        <Skeleton lines=2 />
                    }
                        .into_any()
                }
                Some(result) => {
                    view! {
                        <h1>{tr(Key::SignedOutTitle)}</h1>
                        <p>{tr(Key::SignedOutBody)}</p>
                        {result.err().map(|e| view! { <ApiErrorView error=e retry=retry /> })}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
