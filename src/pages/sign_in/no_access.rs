//! Signed in to the registry as someone who does not administer the organization that owns this
//! console's OAuth application: Quay's authorize page would answer a bare 403. Says so, names
//! whom to ask, and lets a superuser take ownership of that organization (Quay's superuser
//! take-ownership puts the caller on its owners team) or switch registry accounts. A read-only
//! superuser, who can do neither, is told who can add it and that a pasted token works too.

use leptos::prelude::*;

use crate::api::organization::OWNERS_TEAM;
use crate::api::registry_session::{self, RegistryAccount};
use crate::api::superuser_users::{list_users, take_ownership};
use crate::api::team::team_members;
use crate::api::ApiError;
use crate::auth::use_session;
use crate::browser::{focus_by_id, yield_to_browser};
use crate::components::confirm::ConfirmDialog;
use crate::components::error_view::error_slot;
use crate::components::write::use_write_signed_out;
use crate::i18n::{fill, tr, use_i18n, Key};

use super::registry::RegistrySignIn;

#[component]
pub fn NoAccess(
    account: RegistryAccount,
    organization: String,
    /// The account now administers the organization: sign-in goes on.
    on_admin: Callback<()>,
    /// Signed out of the registry, to sign in as someone else.
    on_signed_out: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let org = StoredValue::new(organization.clone());
    // Whom to ask: the organization's owners where the registry lets this account see them,
    // else the other superusers (any superuser may list them); best effort, nothing on failure.
    let me = account.username.clone();
    let whom = LocalResource::new(move || {
        let (client, me) = (session.client_with(None), me.clone());
        async move {
            if let Ok(team) = team_members(&client, &org.get_value(), OWNERS_TEAM).await {
                return Some((Key::NoAccessAdmins, team.people()));
            }
            let page = list_users(&client, 100, None, false).await.ok()?;
            let others = page
                .users
                .into_iter()
                .filter(|u| u.super_user && u.username != me)
                .map(|u| u.username)
                .collect();
            Some((Key::NoAccessSuperusers, others))
        }
    });
    let confirm_open = RwSignal::new(false);
    let take = use_write_signed_out(
        move |session, ()| {
            let client = session.client_with(None);
            async move {
                let client = registry_session::with_csrf(&client).await?;
                take_ownership(&client, &org.get_value()).await
            }
        },
        move |()| {
            confirm_open.set(false);
            on_admin.run(());
            None
        },
    );
    let sign_out = use_write_signed_out(
        |session, ()| {
            let client = session.client_with(None);
            async move { registry_session::sign_out(&client).await }
        },
        move |()| {
            on_signed_out.run(());
            None
        },
    );
    // Quay's take-ownership wants a recent sign-in from a cookie session (`require_fresh_login`:
    // 10 minutes); a 401 there asks for the password again, then the change is sent again.
    let password_again = Memo::new(move |_| {
        take.error()
            .with(|e| e.as_ref().is_some_and(ApiError::is_unauthorized))
    });
    Effect::new(move |_| {
        if password_again.get() {
            confirm_open.set(false);
            // After the dialog has handed focus back: on to the password, below the fold.
            leptos::task::spawn_local(async {
                yield_to_browser().await;
                focus_by_id("registry-password");
            });
        }
    });
    let refusal = Signal::derive(move || take.error().get().filter(|e| !e.is_unauthorized()));
    // A read-only superuser cannot take ownership: someone else has to add it.
    let read_only = account.global_readonly_super_user;
    let username = account.username.clone();
    let again_name = account.username.clone();
    let org_name = organization.clone();
    view! {
        <div class="card stack" role="status" data-testid="no-console-access">
            <h2>{move || fill(i18n.t(Key::NoAccessTitle), &username)}</h2>
            <p>{move || fill(i18n.t(Key::NoAccessBody), &org_name)}</p>
            {move || whom.get().flatten().filter(|(_, names)| !names.is_empty()).map(|(label, names)| view! {
                <p data-testid="whom-to-ask">
                    {move || fill(i18n.t(label), &org.get_value())} " "
                    <span class="server-message">{names.join(", ")}</span>
                </p>
            })}
            {if read_only {
                let name = account.username.clone();
                view! {
                    <p data-testid="read-only-no-access">{move || fill(i18n.t(Key::NoAccessReadOnly), &name)}</p>
                    <p>{tr(Key::NoAccessReadOnlyToken)}</p>
                }
                .into_any()
            } else {
                view! { <p>{tr(Key::NoAccessAsk)}</p> }.into_any()
            }}
            {error_slot(sign_out.error(), Key::RegistrySignOutFailed)}
            <Show when=move || password_again.get()>
                <RegistrySignIn
                    username=again_name.clone()
                    reason=Signal::derive({
                        let name = again_name.clone();
                        move || fill(i18n.t(Key::NoAccessPasswordAgain), &name)
                    })
                    on_signed_in=Callback::new(move |_| take.dispatch(()))
                />
            </Show>
            <div class="form-actions">
                <button
                    type="button"
                    class="button"
                    data-testid="registry-sign-out"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| sign_out.dispatch(())
                >
                    {tr(Key::SignInAsSomeoneElse)}
                </button>
                {account.super_user.then(|| view! {
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="take-console-ownership"
                        on:click=move |_| confirm_open.set(true)
                    >
                        {move || fill(i18n.t(Key::NoAccessTakeOwnership), &org.get_value())}
                    </button>
                })}
            </div>
        </div>
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(move || fill(i18n.t(Key::NoAccessTakeOwnership), &org.get_value()))
            testid="take-console-ownership-dialog"
            confirm_label=Key::TakeOwnershipOrganization
            pending=take.pending()
            error=refusal
            on_confirm=Callback::new(move |_| take.dispatch(()))
        >
            <p>{move || fill(i18n.t(Key::NoAccessTakeOwnershipBody), &org.get_value())}</p>
        </ConfirmDialog>
    }
}
