//! Signed in to the registry as someone who does not administer the organization that owns this
//! console's OAuth application: Quay's authorize page would answer a bare 403. Says so, names
//! whom to ask, and lets a superuser take ownership of that organization (Quay's superuser
//! take-ownership puts the caller on its owners team) or switch registry accounts.

use leptos::prelude::*;

use crate::api::organization::OWNERS_TEAM;
use crate::api::registry_session::{self, RegistryAccount};
use crate::api::superuser_users::{list_users, take_ownership};
use crate::api::team::team_members;
use crate::auth::use_session;
use crate::components::confirm::ConfirmDialog;
use crate::components::error_view::error_slot;
use crate::components::write::use_write_signed_out;
use crate::i18n::{fill, tr, use_i18n, Key};

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
    let username = account.username.clone();
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
            <p>{tr(Key::NoAccessAsk)}</p>
            {error_slot(sign_out.error(), Key::RegistrySignOutFailed)}
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
            error=take.error()
            on_confirm=Callback::new(move |_| take.dispatch(()))
        >
            <p>{move || fill(i18n.t(Key::NoAccessTakeOwnershipBody), &org.get_value())}</p>
        </ConfirmDialog>
    }
}
