//! Deleting users. Quay answers 204 to deleting a *disabled* user without deleting it, so the
//! dashboard looks again instead of trusting the status.

use std::rc::Rc;

use leptos::prelude::*;

use super::use_users_page;
use crate::api::superuser_users::{delete_user, get_user};
use crate::api::{ApiClient, ApiError};
use crate::components::delete_dialog::{DeleteDialog, DeleteFn, DeleteTexts};
use crate::i18n::Key;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deleted {
    Gone,
    KeptBecauseDisabled,
}

pub async fn delete_and_verify(client: &ApiClient, username: &str) -> Result<Deleted, ApiError> {
    delete_user(client, username).await?;
    match get_user(client, username).await {
        Err(e) if e.status() == Some(404) => Ok(Deleted::Gone),
        Ok(_) => Ok(Deleted::KeptBecauseDisabled),
        Err(e) => Err(e),
    }
}

#[component]
pub fn DeleteUserDialog() -> impl IntoView {
    let page = use_users_page();
    let delete: DeleteFn = Rc::new(|client, name| {
        Box::pin(async move {
            Ok(match delete_and_verify(&client, &name).await? {
                Deleted::Gone => None,
                Deleted::KeptBecauseDisabled => Some(Key::UserKeptDisabled),
            })
        })
    });
    let on_deleted = Callback::new(move |name: String| {
        page.controller.list.remove(|u| u.username == name);
        page.selection.update(|s| s.remove(&name));
    });
    view! {
        <DeleteDialog
            request=page.delete
            texts=DeleteTexts {
                title: Key::DeleteUserTitle,
                body: Key::DeleteUserBody,
                confirm: Key::DeleteUserConfirm,
                done: Key::UserDeletedToast,
            }
            testid="delete-user-dialog"
            delete=delete
            on_deleted=on_deleted
        />
    }
}
