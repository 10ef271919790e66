//! How a failed API call is shown: what failed (the caller's context), what kind of failure it
//! was in the reader's words, and the registry's own message verbatim (as text, never markup),
//! with a retry where retrying makes sense.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, Key};

/// The kind of failure: a title for when the caller names no context, an explanation, and the
/// label of the technical detail (the registry's words, or the browser's when nothing came back).
fn kind_texts(error: &ApiError) -> (Option<Key>, Option<Key>, Key) {
    match error {
        ApiError::Network(_) => (
            Some(Key::NetworkErrorTitle),
            Some(Key::NetworkErrorBody),
            Key::ErrorDetails,
        ),
        ApiError::Timeout(_) => (
            Some(Key::TimeoutTitle),
            Some(Key::TimeoutBody),
            Key::ErrorDetails,
        ),
        ApiError::Decode(_) => (
            Some(Key::UnreadableTitle),
            Some(Key::UnreadableBody),
            Key::ServerSaid,
        ),
        ApiError::Http { status, .. } if *status >= 500 => {
            (None, Some(Key::ServerErrorBody), Key::ServerSaid)
        }
        ApiError::Http { .. } => (None, None, Key::ServerSaid),
    }
}

#[component]
pub fn ApiErrorView(
    error: ApiError,
    /// What was being attempted, e.g. "The registry did not create the account."
    #[prop(optional)]
    context: Option<Key>,
    #[prop(optional)] retry: Option<Callback<()>>,
    /// What this failure means for this request, instead of the general words for its kind
    /// (a 500 that is Quay's known crash is not "try again in a moment").
    #[prop(default = None)]
    explained: Option<Key>,
) -> impl IntoView {
    let (kind_title, explanation, label) = kind_texts(&error);
    let explanation = explained.or(explanation);
    let title = context.or(kind_title).unwrap_or(Key::ErrorTitle);
    // With a context as the title, the kind's own title leads the explanation instead.
    let lead = kind_title.filter(|_| context.is_some());
    let message = error.to_string();
    view! {
        <div class="alert alert-error" role="alert" data-testid="api-error">
            <p class="alert-title">{tr(title)}</p>
            {explanation
                .map(|b| {
                    view! {
                        <p data-testid="error-explanation">
                            {lead.map(|l| view! { <strong>{tr(l)}</strong> " " })}
                            {tr(b)}
                        </p>
                    }
                })}
            <p>
                <span class="muted">{tr(label)}</span>
                " "
                <span class="server-message" data-testid="server-message">
                    {message}
                </span>
            </p>
            {retry
                .map(|r| {
                    view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="retry"
                            on:click=move |_| r.run(())
                        >
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
