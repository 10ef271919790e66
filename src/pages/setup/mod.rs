//! `/setup`: the first-run wizard. Step 1 creates the registry's first account and signs it in;
//! step 2 registers this dashboard as an OAuth application so later sign-ins go through Quay.
//! Every step shows where the wizard is (`steps.rs`).

mod account;
mod register_app;
mod steps;

use leptos::prelude::*;
use leptos_router::components::A;

use super::{use_page_title, Skeleton};
use crate::api::user::{probe_setup_state, SetupState};
use crate::auth::use_session;
use crate::components::error_view::ApiErrorView;
use crate::i18n::{tr, Key};
use crate::routes::{self, app_href};
use account::AccountStep;
use register_app::RegisterAppStep;
use steps::StepIndicator;

#[component]
pub fn SetupPage() -> impl IntoView {
    use_page_title(Key::SetupTitle);
    let session = use_session();
    let probe = LocalResource::new(move || {
        let client = session.client_with(None);
        async move { probe_setup_state(&client).await }
    });
    let retry = Callback::new(move |_| probe.refetch());
    view! {
        <section class="page page-narrow">
            {move || match probe.get() {
                None => {
                    view! {
                        <h1>{tr(Key::SetupTitle)}</h1>
                        <p class="muted">{tr(Key::CheckingRegistry)}</p>
                        <Skeleton lines=4 />
                    }
                        .into_any()
                }
                Some(Ok(SetupState::Empty)) => view! { <Wizard /> }.into_any(),
                Some(Ok(SetupState::Initialized)) => {
                    view! {
                        <h1 data-testid="setup-done">{tr(Key::SetupDoneTitle)}</h1>
                        <p>{tr(Key::SetupDoneBody)}</p>
                        <p>
                            <A href=app_href(routes::OVERVIEW.path)>{tr(Key::GoToOverview)}</A>
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(SetupState::Unavailable(reason))) => {
                    view! {
                        <h1 data-testid="setup-unavailable">{tr(Key::SetupUnavailableTitle)}</h1>
                        <p>{tr(Key::SetupUnavailableBody)}</p>
                        {(!reason.is_empty())
                            .then(|| view! { <p class="server-message">{reason}</p> })}
                    }
                        .into_any()
                }
                Some(Err(e)) => {
                    view! {
                        <h1>{tr(Key::SetupTitle)}</h1>
                        <ApiErrorView error=e context=Key::SetupProbeFailed retry=retry />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The two steps; the second appears once the account exists (the page does not re-probe, so
/// the now non-empty registry does not close the wizard halfway).
#[component]
fn Wizard() -> impl IntoView {
    let created = RwSignal::new(false);
    view! {
        <div class="wizard">
            {move || view! { <StepIndicator current=usize::from(created.get()) /> }}
            <Show
                when=move || created.get()
                fallback=move || view! { <AccountStep on_created=Callback::new(move |_| created.set(true)) /> }
            >
                <RegisterAppStep />
            </Show>
        </div>
    }
}
