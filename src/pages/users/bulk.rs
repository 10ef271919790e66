//! Bulk enable, disable and delete of the selected users: one confirmation naming them all, then
//! one request per user with progress, and a result for every row (nothing silently skipped).

use leptos::prelude::*;

use super::delete::{delete_and_verify, Deleted};
use super::use_users_page;
use crate::api::superuser_users::{change_user, UserChange};
use crate::api::ApiError;
use crate::auth::{use_current_user, use_session, WriteButton};
use crate::components::dialog::{open_on_request, Dialog};
use crate::components::toast::{use_toasts, ToastKind};
use crate::i18n::{tr, use_i18n, Key};
use crate::list::selection::Selection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkAction {
    Enable,
    Disable,
    Delete,
}

impl BulkAction {
    fn title(self) -> Key {
        match self {
            BulkAction::Enable => Key::BulkEnableTitle,
            BulkAction::Disable => Key::BulkDisableTitle,
            BulkAction::Delete => Key::BulkDeleteTitle,
        }
    }

    fn confirm(self) -> Key {
        match self {
            BulkAction::Enable => Key::EnableUser,
            BulkAction::Disable => Key::DisableUser,
            BulkAction::Delete => Key::DeleteUserConfirm,
        }
    }
}

/// One row's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Waiting,
    Done,
    /// The server's refusal.
    Failed(String),
    /// Quay answered success to deleting a disabled user but kept it.
    Kept,
}

#[component]
pub fn BulkBar() -> impl IntoView {
    let page = use_users_page();
    let i18n = use_i18n();
    let count = move || page.selection.with(Selection::len);
    let any = move || !page.selection.with(Selection::is_empty);
    let open = move |action: BulkAction| move || page.bulk.set(Some(action));
    view! {
        <Show when=any>
            <div class="bulk-bar" role="region" aria-label=tr(Key::BulkActions) data-testid="bulk-bar">
                <p>{move || i18n.t(Key::SelectedCount).replace("{count}", &count().to_string())}</p>
                <WriteButton testid="bulk-enable" on_click=open(BulkAction::Enable)>
                    {tr(Key::EnableUser)}
                </WriteButton>
                <WriteButton testid="bulk-disable" on_click=open(BulkAction::Disable)>
                    {tr(Key::DisableUser)}
                </WriteButton>
                <WriteButton
                    class="button button-danger-quiet"
                    testid="bulk-delete"
                    on_click=open(BulkAction::Delete)
                >
                    {tr(Key::Delete)}
                </WriteButton>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| page.selection.update(Selection::clear)
                >
                    {tr(Key::ClearSelection)}
                </button>
            </div>
        </Show>
    }
}

#[component]
pub fn BulkDialog() -> impl IntoView {
    let page = use_users_page();
    let session = use_session();
    let toasts = use_toasts();
    let i18n = use_i18n();
    let action = RwSignal::new(BulkAction::Disable);
    let open = open_on_request(page.bulk, action);
    let current = use_current_user();
    let rows = RwSignal::new(Vec::<(String, Outcome)>::new());
    let left_out = RwSignal::new(Vec::<String>::new());
    let typed = RwSignal::new(String::new());
    let running = RwSignal::new(false);
    let finished = RwSignal::new(false);
    // Each opening lists the selection as it is now, every row still to do, without the
    // accounts Quay refuses to change or delete (superusers, so also the admin signed in here).
    Effect::new(move |_| {
        if open.get() {
            let me = current
                .user_untracked()
                .map(|u| u.username)
                .unwrap_or_default();
            let (keep, skip) = split_refused(
                page.selection.get_untracked().keys(),
                |name| page.user_untracked(name).is_some_and(|u| u.super_user),
                &me,
            );
            rows.set(keep.into_iter().map(|k| (k, Outcome::Waiting)).collect());
            left_out.set(skip);
            typed.set(String::new());
            finished.set(false);
        }
    });
    // Deleting many accounts is as deliberate as deleting one: the number is typed.
    let count_text = move || rows.with(Vec::len).to_string();
    let confirmed =
        move || action.get() != BulkAction::Delete || typed.with(|t| t.trim() == count_text());

    let run = move || {
        running.set(true);
        let which = action.get_untracked();
        let names: Vec<String> = rows.get_untracked().into_iter().map(|(n, _)| n).collect();
        let client = session.client_untracked();
        leptos::task::spawn_local(async move {
            // One at a time: Quay's superuser API has no batch call, and an admin watching the
            // progress sees each row settle in order.
            let mut failures = 0;
            for (i, name) in names.iter().enumerate() {
                let outcome = apply(&client, which, name).await;
                let outcome = match outcome {
                    Ok(update) => {
                        update.apply(page, name);
                        Outcome::Done
                    }
                    Err(None) => {
                        failures += 1;
                        Outcome::Kept
                    }
                    Err(Some(e)) => {
                        session.note_error(&e);
                        failures += 1;
                        Outcome::Failed(e.to_string())
                    }
                };
                if rows.try_update(|r| r[i].1 = outcome).is_none() {
                    return; // the page is gone
                }
            }
            running.set(false);
            finished.set(true);
            let done = names.len() - failures;
            let text = i18n
                .t_now(Key::BulkResultToast)
                .replace("{done}", &done.to_string())
                .replace("{failed}", &failures.to_string());
            toasts.push(
                if failures == 0 {
                    ToastKind::Success
                } else {
                    ToastKind::Error
                },
                text,
            );
        });
    };

    let progress = move || {
        let r = rows.get();
        let settled = r.iter().filter(|(_, o)| *o != Outcome::Waiting).count();
        i18n.t(Key::BulkProgress)
            .replace("{done}", &settled.to_string())
            .replace("{total}", &r.len().to_string())
    };
    let title = Signal::derive(move || {
        i18n.t(action.get().title())
            .replace("{count}", &rows.with(Vec::len).to_string())
    });
    view! {
        <Dialog open=open title=title testid="bulk-dialog">
            <div class="stack">
                <p id="bulk-list-intro">{tr(Key::BulkListIntro)}</p>
                // Focusable: a long list scrolls, and the keyboard must reach all of it.
                <ul
                    class="result-list"
                    data-testid="bulk-results"
                    tabindex="0"
                    aria-labelledby="bulk-list-intro"
                >
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|(name, outcome)| {
                                let (class, status) = match &outcome {
                                    Outcome::Waiting => ("result result-waiting", None),
                                    Outcome::Done => ("result result-done", Some(i18n.t(Key::ResultDone).to_string())),
                                    Outcome::Failed(m) => ("result result-failed", Some(m.clone())),
                                    Outcome::Kept => ("result result-failed", Some(i18n.t(Key::UserKeptDisabledShort).to_string())),
                                };
                                view! {
                                    <li class=class data-testid="bulk-result">
                                        <span class="result-name">{name}</span>
                                        {status.map(|s| view! { <span class="result-status server-message">{s}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <Show when=move || left_out.with(|l| !l.is_empty())>
                    <div class="alert alert-warning" data-testid="bulk-left-out">
                        <p>{tr(Key::BulkLeftOutSuperusers)}</p>
                        <ul class="left-out-list">
                            {move || {
                                let me = current.user().map(|u| u.username).unwrap_or_default();
                                left_out
                                    .get()
                                    .into_iter()
                                    .map(|name| {
                                        let you = (name == me).then(|| view! { " " <span class="muted">{tr(Key::BulkYou)}</span> });
                                        view! { <li class="result"><span class="result-name">{name}</span>{you}</li> }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </Show>
                <Show when=move || rows.with(Vec::is_empty)>
                    <p data-testid="bulk-nothing">{tr(Key::BulkNothingLeft)}</p>
                </Show>
                <Show when=move || {
                    action.get() == BulkAction::Delete && !finished.get() && rows.with(|r| !r.is_empty())
                }>
                    <div class="field">
                        <label for="bulk-typed">
                            {move || i18n.t(Key::BulkTypeCount).replace("{count}", &count_text())}
                        </label>
                        <input
                            id="bulk-typed"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            data-testid="bulk-typed"
                            prop:value=move || typed.get()
                            prop:disabled=move || running.get()
                            on:input:target=move |ev| typed.set(ev.target().value())
                        />
                    </div>
                </Show>
                <Show when=move || running.get() || finished.get()>
                    <p role="status" data-testid="bulk-progress">{progress}</p>
                </Show>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>
                        {move || if finished.get() { tr(Key::Close)() } else { tr(Key::Cancel)() }}
                    </button>
                    <Show when=move || !finished.get()>
                        <button
                            type="button"
                            class=move || {
                                if action.get() == BulkAction::Delete {
                                    "button button-danger"
                                } else {
                                    "button button-primary"
                                }
                            }
                            data-testid="bulk-confirm"
                            prop:disabled=move || running.get() || rows.with(Vec::is_empty) || !confirmed()
                            aria-busy=move || if running.get() { "true" } else { "false" }
                            on:click=move |_| run()
                        >
                            {move || i18n.t(if running.get() { Key::Working } else { action.get().confirm() })}
                        </button>
                    </Show>
                </div>
            </div>
        </Dialog>
    }
}

/// The selected accounts in two: those to act on, and those Quay refuses to change or delete
/// (superusers; `me`, the admin signed in, is one), in selection order.
fn split_refused(
    selected: Vec<String>,
    is_superuser: impl Fn(&str) -> bool,
    me: &str,
) -> (Vec<String>, Vec<String>) {
    selected
        .into_iter()
        .partition(|name| name != me && !is_superuser(name))
}

/// What a successful request changes in the page.
enum RowChange {
    Row(Box<crate::api::superuser_users::User>),
    Removed,
}

impl RowChange {
    fn apply(self, page: super::UsersPage, name: &str) {
        match self {
            RowChange::Row(user) => page.controller.list.replace(|u| u.username == name, *user),
            RowChange::Removed => {
                page.controller.list.remove(|u| u.username == name);
                page.selection.update(|s| s.remove(name));
            }
        }
    }
}

/// `Err(None)`: the delete was answered with success but the user is still there.
async fn apply(
    client: &crate::api::ApiClient,
    action: BulkAction,
    name: &str,
) -> Result<RowChange, Option<ApiError>> {
    let enabled = match action {
        BulkAction::Enable => true,
        BulkAction::Disable => false,
        BulkAction::Delete => {
            return match delete_and_verify(client, name).await? {
                Deleted::Gone => Ok(RowChange::Removed),
                Deleted::KeptBecauseDisabled => Err(None),
            };
        }
    };
    let change = UserChange {
        enabled: Some(enabled),
        ..UserChange::default()
    };
    let user = change_user(client, name, &change).await?;
    Ok(RowChange::Row(Box::new(user)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superusers_and_the_signed_in_admin_are_left_out() {
        let selected = ["ann", "root", "me", "bob"].map(String::from).to_vec();
        let (keep, skip) = split_refused(selected, |n| n == "root", "me");
        assert_eq!(keep, ["ann", "bob"]);
        assert_eq!(skip, ["root", "me"]);
    }
}
