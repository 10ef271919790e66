//! "Console access": who may sign in here. Quay lets only administrators of the organization that
//! owns this console's OAuth application through its authorize page, so the card lists every
//! superuser (read-only ones too, where the registry says who they are) with their standing on
//! that organization's admin team and adds (or, where the registry mails, invites) the ones who
//! are missing. Without an application it registers one.

use leptos::prelude::*;

use crate::api::application::application_information;
use crate::api::organization::organization_details;
use crate::api::superuser_users::{list_users_as, UserRole};
use crate::api::team::{add_team_member, team_members, Standing};
use crate::api::{ApiClient, ApiError};
use crate::auth::{oauth, use_session, WriteButton};
use crate::components::error_view::{error_slot, ApiErrorView};
use crate::components::register_console::{ClientIdCard, RegisterConsoleForm, Registrar};
use crate::components::write::use_write;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::pages::Skeleton;

/// Who can sign in, as far as the registry says.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Access {
    /// No client id configured or remembered: nobody can sign in through the registry.
    NoApplication,
    /// The registry has no application with this client id.
    UnknownApplication(String),
    Known(Roster),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Roster {
    organization: String,
    team: String,
    can_edit: bool,
    superusers: Vec<(Superuser, Standing)>,
    /// Whether the registry says who is a read-only superuser (Quay 3.17 and later).
    read_only_reported: bool,
}

/// A superuser of either kind (Quay lets read-only win when a name is in both lists).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Superuser {
    name: String,
    read_only: bool,
}

/// Every superuser, read-only ones included, page by page (Quay's page size limit is 100), and
/// whether the registry reported read-only superusers at all.
async fn superusers(client: &ApiClient) -> Result<(Vec<Superuser>, bool), ApiError> {
    let mut found = Vec::new();
    let mut reported = false;
    let mut next: Option<String> = None;
    loop {
        let page = list_users_as::<UserRole>(client, 100, next.as_deref(), true).await?;
        for user in page.users {
            reported |= user.global_readonly_super_user.is_some();
            let read_only = user.global_readonly_super_user == Some(true);
            if user.super_user || read_only {
                found.push(Superuser {
                    name: user.username,
                    read_only,
                });
            }
        }
        match page.next_page {
            Some(token) if !token.is_empty() => next = Some(token),
            _ => return Ok((found, reported)),
        }
    }
}

async fn load(client: ApiClient, client_id: Option<String>) -> Result<Access, ApiError> {
    let Some(id) = client_id else {
        return Ok(Access::NoApplication);
    };
    let app = match application_information(&client, &id).await {
        Err(e) if e.status() == Some(404) => return Ok(Access::UnknownApplication(id)),
        other => other?,
    };
    let organization = app.organization.name;
    let team = organization_details(&client, &organization)
        .await?
        .admin_team();
    let members = team_members(&client, &organization, &team).await?;
    let (found, read_only_reported) = superusers(&client).await?;
    let superusers = found
        .into_iter()
        .map(|superuser| {
            let standing = members.standing(&superuser.name);
            (superuser, standing)
        })
        .collect();
    Ok(Access::Known(Roster {
        organization,
        team,
        can_edit: members.can_edit,
        superusers,
        read_only_reported,
    }))
}

#[component]
pub fn ConsoleAccess() -> impl IntoView {
    let session = use_session();
    let configured = session.config().oauth_client_id;
    let client_id = RwSignal::new(oauth::client_id(configured.as_deref()));
    let access = LocalResource::new(move || load(session.client(), client_id.get()));
    let retry = Callback::new(move |_| access.refetch());
    let registered = RwSignal::new(None::<String>);
    let on_registered = Callback::new(move |id: String| {
        registered.set(Some(id.clone()));
        client_id.set(Some(id));
    });
    view! {
        <section class="card stack" aria-labelledby="console-access-title" data-testid="console-access">
            <h2 id="console-access-title">{tr(Key::ConsoleAccessTitle)}</h2>
            {move || registered.get().map(|id| view! { <ClientIdCard client_id=id /> })}
            {move || match access.get() {
                None => view! { <Skeleton lines=3 /> }.into_any(),
                Some(Err(e)) => view! {
                    <ApiErrorView error=e context=Key::ConsoleAccessLoadFailed retry=retry />
                }.into_any(),
                Some(Ok(Access::NoApplication)) => view! {
                    <p>{tr(Key::ConsoleAccessNoClient)}</p>
                    <Register on_registered=on_registered />
                }.into_any(),
                Some(Ok(Access::UnknownApplication(id))) => view! {
                    <p data-testid="unknown-client">{move || fill(use_i18n().t(Key::UnknownClientBody), &id)}</p>
                    <Register on_registered=on_registered />
                }.into_any(),
                Some(Ok(Access::Known(roster))) => view! {
                    <RosterTable roster=roster on_changed=retry />
                }.into_any(),
            }}
        </section>
    }
}

/// "Register this console", which then shows the form (most visits do not need it open).
#[component]
fn Register(on_registered: Callback<String>) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <Show
            when=move || open.get()
            fallback=move || view! {
                <div class="form-actions">
                    <WriteButton testid="register-console" on_click=move || open.set(true)>
                        {tr(Key::RegisterThisConsole)}
                    </WriteButton>
                </div>
            }
        >
            <RegisterConsoleForm registrar=Registrar::Token on_registered=on_registered />
        </Show>
    }
}

#[component]
fn RosterTable(roster: Roster, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let Roster {
        organization,
        team,
        can_edit,
        superusers,
        read_only_reported,
    } = roster;
    let target = StoredValue::new((organization.clone(), team.clone()));
    let add = use_write(
        move |client, user: String| {
            let (org, team) = target.get_value();
            async move {
                add_team_member(&client, &org, &team, &user)
                    .await
                    .map(|m| (user, m.invited))
            }
        },
        move |(user, invited)| {
            let text = if invited {
                Key::InvitedToTeamToast
            } else {
                Key::AddedToTeamToast
            };
            on_changed.run(());
            Some(fill(i18n.t_now(text), &user))
        },
    );
    let busy = add.pending();
    let rows = superusers
        .into_iter()
        .map(|(Superuser { name, read_only: reader }, standing)| {
            let badge = match standing {
                Standing::Member => view! { <span class="badge badge-ok">{tr(Key::AccessMember)}</span> }.into_any(),
                Standing::Invited => view! {
                    <span class="badge badge-warn" title=move || i18n.t(Key::AccessInvitedHint)>{tr(Key::AccessInvited)}</span>
                }.into_any(),
                Standing::Outside => view! { <span class="badge badge-muted">{tr(Key::AccessNone)}</span> }.into_any(),
            };
            let action = (standing == Standing::Outside && can_edit).then(|| {
                let (label_name, user) = (name.clone(), name.clone());
                let (team, label_team) = (team.clone(), team.clone());
                view! {
                    <WriteButton
                        testid="add-to-admin-team"
                        busy=busy
                        on_click=move || add.dispatch(user.clone())
                        attr:aria-label=move || format!("{}: {label_name}", fill(i18n.t(Key::AddToTeam), &label_team))
                    >
                        {
                            let team = team.clone();
                            move || fill(i18n.t(Key::AddToTeam), &team)
                        }
                    </WriteButton>
                }
            });
            view! {
                <tr data-testid="console-access-row">
                    <th scope="row">
                        <span class="server-message">{name}</span>
                        {reader.then(|| view! {
                            " "
                            <span class="badge badge-muted" data-testid="read-only-superuser">{tr(Key::RoleReadOnlySuperuser)}</span>
                        })}
                    </th>
                    <td>{badge}</td>
                    <td class="cell-actions">{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>{
            let organization = organization.clone();
            move || fill(i18n.t(Key::ConsoleAccessBody), &organization)
        }</p>
        {(!read_only_reported).then(|| view! {
            <p class="muted" data-testid="read-only-unreported">
                {move || fill(i18n.t(Key::ConsoleAccessReadOnlyUnknown), &organization)}
            </p>
        })}
        {error_slot(add.error(), Key::AddToTeamFailed)}
        <div class="table-wrap">
            <table class="data-table" data-testid="console-access-table">
                <caption>{tr(Key::ConsoleAccessCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::ColSuperuser)}</th>
                        <th scope="col">{tr(Key::ColConsoleAccess)}</th>
                        <th scope="col"><span class="visually-hidden">{tr(Key::ColActions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
