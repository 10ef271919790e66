//! "Delete X?": the typed-name confirmation, the request, and its outcome as a toast, shared by
//! every page that deletes a named thing.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use super::confirm::ConfirmDialog;
use super::dialog::open_on_request;
use super::toast::{use_toasts, ToastKind};
use super::write::use_write;
use crate::api::{ApiClient, ApiError};
use crate::i18n::{fill, tr, use_i18n, Key};

/// What a delete request came to: `Ok(None)` deleted; `Ok(Some(why))` the server answered
/// success but the thing is still there, `why` says so.
pub type DeleteOutcome = Result<Option<Key>, ApiError>;
pub type DeleteFn = Rc<dyn Fn(ApiClient, String) -> Pin<Box<dyn Future<Output = DeleteOutcome>>>>;

#[derive(Clone, Copy)]
pub struct DeleteTexts {
    /// "Delete user {name}?"
    pub title: Key,
    pub body: Key,
    pub confirm: Key,
    /// "User {name} deleted."
    pub done: Key,
}

#[component]
pub fn DeleteDialog(
    /// The name to delete; set to open the dialog, cleared when it closes.
    request: RwSignal<Option<String>>,
    texts: DeleteTexts,
    testid: &'static str,
    delete: DeleteFn,
    /// Called with the name once it is gone.
    on_deleted: Callback<String>,
    /// Whether the name must be typed to confirm (off for long machine names such as key ids,
    /// where the dialog still names the target).
    #[prop(default = true)]
    typed: bool,
) -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    let target = RwSignal::new(String::new());
    let open = open_on_request(request, target);
    let delete = StoredValue::new_local(delete);
    let action = use_write(
        move |client, name: String| {
            let run = delete.get_value();
            async move { run(client, name.clone()).await.map(|why| (name, why)) }
        },
        move |(name, why)| {
            let toast = match why {
                None => {
                    on_deleted.run(name.clone());
                    Some(fill(i18n.t_now(texts.done), &name))
                }
                Some(why) => {
                    toasts.push(ToastKind::Error, fill(i18n.t_now(why), &name));
                    None
                }
            };
            open.set(false);
            toast
        },
    );
    let error = action.error();
    Effect::new(move |_| {
        if open.get() {
            error.set(None);
        }
    });
    let title = Signal::derive(move || fill(i18n.t(texts.title), &target.get()));
    view! {
        <ConfirmDialog
            open=open
            title=title
            testid=testid
            confirm_label=texts.confirm
            pending=action.pending()
            error=error
            typed_name=typed.then(|| Signal::derive(move || target.get()))
            on_confirm=Callback::new(move |_| {
                action.dispatch(target.get_untracked());
            })
        >
            <p>{tr(texts.body)}</p>
        </ConfirmDialog>
    }
}
