//! The one way the console sends a request a user asked for (a write, or a sign-in step): it
//! runs once at a time (a second click while it is on its way does nothing), its pending state
//! disables its control, the registry's refusal is kept for display next to that control, and
//! on success the page's follow-up runs, untracked, with the toast it returns.

use std::future::Future;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::auth::{use_session, Session};
use crate::components::toast::{use_toasts, ToastKind};

/// A request the user can send: see [`use_write`] and [`use_write_signed_out`].
pub struct Write<I: 'static, O: 'static, E: 'static = ApiError> {
    action: Action<I, Result<O, E>>,
    error: RwSignal<Option<E>>,
}

impl<I, O, E> Clone for Write<I, O, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O, E> Copy for Write<I, O, E> {}

impl<I: 'static, O: Clone + 'static, E: Clone + Send + Sync + 'static> Write<I, O, E> {
    /// Sends the request, unless one is already on its way; the last refusal leaves the screen
    /// as the new attempt starts.
    pub fn dispatch(&self, input: I) {
        if !self.action.pending().get_untracked() {
            self.error.set(None);
            self.action.dispatch_local(input);
        }
    }

    /// Whether the request is on its way (tracked): its control is disabled meanwhile.
    pub fn pending(&self) -> Memo<bool> {
        self.action.pending()
    }

    /// The registry's refusal of the last request (tracked), shown next to the control.
    pub fn error(&self) -> RwSignal<Option<E>> {
        self.error
    }

    /// Whether the last request succeeded (untracked): a form that signs in or registers once
    /// is not sent again.
    pub fn succeeded(&self) -> bool {
        self.action
            .value()
            .with_untracked(|v| matches!(v, Some(Ok(_))))
    }
}

/// A request with the session's token. A 401 ends the session (the sign-in page says why);
/// `on_success` gets the answer and returns the success toast's text, if any.
pub fn use_write<I, O, Fut>(
    request: impl Fn(ApiClient, I) -> Fut + 'static,
    on_success: impl Fn(O) -> Option<String> + 'static,
) -> Write<I, O>
where
    I: Clone + 'static,
    O: Clone + 'static,
    Fut: Future<Output = Result<O, ApiError>> + 'static,
{
    let session = use_session();
    writer(
        move |input: I| request(session.client_untracked(), input),
        on_success,
        move |e: &ApiError| session.note_error(e),
    )
}

/// A request of the sign-in steps, before there is a session: it picks its own client (the
/// registry's session cookie, a pasted token) and a refusal never ends a session.
pub fn use_write_signed_out<I, O, E, Fut>(
    request: impl Fn(Session, I) -> Fut + 'static,
    on_success: impl Fn(O) -> Option<String> + 'static,
) -> Write<I, O, E>
where
    I: Clone + 'static,
    O: Clone + 'static,
    E: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<O, E>> + 'static,
{
    let session = use_session();
    writer(
        move |input: I| request(session, input),
        on_success,
        |_: &E| {},
    )
}

fn writer<I, O, E, Fut>(
    request: impl Fn(I) -> Fut + 'static,
    on_success: impl Fn(O) -> Option<String> + 'static,
    on_error: impl Fn(&E) + 'static,
) -> Write<I, O, E>
where
    I: Clone + 'static,
    O: Clone + 'static,
    E: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<O, E>> + 'static,
{
    let toasts = use_toasts();
    let action = Action::new_local(move |input: &I| request(input.clone()));
    let error = RwSignal::new(None::<E>);
    Effect::new(move |_| {
        let Some(result) = action.value().get() else {
            return;
        };
        // Only the answer may wake this effect: the follow-ups read the pages' lists, and a
        // tracked read there would run them again on every change they make.
        untrack(|| match result {
            Ok(answer) => {
                error.set(None);
                if let Some(text) = on_success(answer) {
                    toasts.push(ToastKind::Success, text);
                }
            }
            Err(e) => {
                on_error(&e);
                error.set(Some(e));
            }
        });
    });
    Write { action, error }
}
