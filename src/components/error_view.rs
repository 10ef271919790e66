//! How a failed API call is shown: the server's own message verbatim (as text, never markup),
//! or a plain "cannot reach" for network failures, with a retry where retrying makes sense.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, Key};

#[component]
pub fn ApiErrorView(
    error: ApiError,
    /// What was being attempted, e.g. "The registry did not create the account."
    #[prop(optional)]
    context: Option<Key>,
    #[prop(optional)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let (title, body) = if error.is_network() {
        (Key::NetworkErrorTitle, Some(Key::NetworkErrorBody))
    } else {
        (context.unwrap_or(Key::ErrorTitle), None)
    };
    let message = error.to_string();
    view! {
        <div class="alert alert-error" role="alert" data-testid="api-error">
            <p class="alert-title">{tr(title)}</p>
            {body.map(|b| view! { <p>{tr(b)}</p> })}
            <p>
                <span class="muted">{tr(Key::ServerSaid)}</span>
                " "
                <span class="server-message" data-testid="server-message">
                    {message}
                </span>
            </p>
            {retry
                .map(|r| {
                    view! {
                        <button type="button" class="button" on:click=move |_| r.run(())>
                            {tr(Key::Retry)}
                        </button>
                    }
                })}
        </div>
    }
}

/// Where a form or section shows its last failure: nothing, or the error view.
pub fn error_slot(error: RwSignal<Option<ApiError>>, context: Key) -> impl IntoView {
    move || {
        error
            .get()
            .map(|e| view! { <ApiErrorView error=e context=context /> })
    }
}
