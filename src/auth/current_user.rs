//! The signed-in user (`GET /api/v1/user/`), fetched once per token and shared by the header and
//! the pages. A 401 ends the session here, in one place.

use leptos::prelude::*;

use super::Session;
use crate::api::user::{current_user, CurrentUser};
use crate::api::ApiError;
use crate::components::toast::{ToastKind, Toasts};
use crate::i18n::{I18n, Key};

pub type CurrentUserResult = Option<Result<CurrentUser, ApiError>>;

#[derive(Clone, Copy)]
pub struct CurrentUserResource(pub LocalResource<CurrentUserResult>);

impl CurrentUserResource {
    pub fn new(session: Session, toasts: Toasts, i18n: I18n) -> Self {
        Self(LocalResource::new(move || {
            let client = session.client();
            let signed_in = session.is_signed_in();
            async move {
                if !signed_in {
                    return None;
                }
                let result = current_user(&client).await;
                if matches!(&result, Err(e) if e.is_unauthorized()) {
                    session.expire();
                    let text = i18n.t_now(Key::SessionExpired);
                    toasts.push(ToastKind::Error, text);
                }
                Some(result)
            }
        }))
    }

    /// The user once loaded successfully (reactive).
    pub fn user(&self) -> Option<CurrentUser> {
        self.0.get().flatten().and_then(Result::ok)
    }

    /// As [`Self::user`], without subscribing.
    pub fn user_untracked(&self) -> Option<CurrentUser> {
        self.0.get_untracked().flatten().and_then(Result::ok)
    }
}

pub fn use_current_user() -> CurrentUserResource {
    expect_context::<CurrentUserResource>()
}
