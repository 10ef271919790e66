//! Step 2 of the wizard: registers this console (an organization and an OAuth application, see
//! `components::register_console`). The client id it yields goes into `config.json`; until then
//! this browser remembers it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::register_console::{ClientIdCard, RegisterConsoleForm, Registrar};
use crate::i18n::{tr, Key};

#[component]
pub fn RegisterAppStep() -> impl IntoView {
    let navigate = use_navigate();
    let client_id = RwSignal::new(None::<String>);
    let to_overview =
        Callback::new(move |_: ()| navigate(&crate::routes::overview_url(), Default::default()));
    view! {
        <h1>{tr(Key::RegisterTitle)}</h1>
        <Show
            when=move || client_id.get().is_some()
            fallback=move || view! {
                <RegisterConsoleForm
                    registrar=Registrar::Token
                    on_registered=Callback::new(move |id| client_id.set(Some(id)))
                    skip=to_overview
                />
            }
        >
            <ClientIdCard client_id=client_id.get().unwrap_or_default() />
            <div class="form-actions">
                <button type="button" class="button button-primary" on:click=move |_| to_overview.run(()) data-testid="register-continue">
                    {tr(Key::ContinueToOverview)}
                </button>
            </div>
        </Show>
    }
}
