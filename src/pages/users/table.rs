//! The users table: selection boxes, sortable headers, one row per user, loading and empty
//! states.

use leptos::prelude::*;

use super::use_users_page;
use crate::api::quota::{quota_use, Owner};
use crate::api::superuser_users::{ListedRole, User};
use crate::auth::use_read_only;
use crate::components::cells::{EmailCell, NameCell};
use crate::components::quota_cell::QuotaCell;
use crate::components::quota_editor::QuotaTarget;
use crate::components::row_menu::{MenuAction, RowMenu};
use crate::i18n::{tr, use_i18n, Key};
use crate::list::selection::PageState;
use crate::list::DataTable;
use crate::list::SortHeader;

use super::row::real_email;

#[component]
pub fn UsersTable() -> impl IntoView {
    let page = use_users_page();
    let controller = page.controller;
    let page_state = move || {
        let keys = controller.page_keys();
        page.selection.with(|s| s.page_state(&keys))
    };
    let create = Callback::new(move |_| page.create_open.set(true));
    view! {
        <DataTable
            controller=controller
            testid="users-table"
            caption=Key::UsersCaption
            columns=7
            no_match=Key::NoUsersMatch
            none_yet=Key::NoUsersYet
            action=(Key::CreateUser, create)
            row=|user| view! { <UserRow user=user /> }
        >
            <th scope="col" class="col-select">
                <input
                    type="checkbox"
                    data-testid="select-page"
                    aria-label=tr(Key::SelectPage)
                    prop:checked=move || page_state() == PageState::All
                    prop:indeterminate=move || page_state() == PageState::Some
                    on:change=move |_| {
                        let keys = controller.page_keys();
                        page.selection.update(|s| s.toggle_page(&keys));
                    }
                />
            </th>
            <SortHeader controller=controller column="username" label=Key::ColUsername />
            <SortHeader controller=controller column="email" label=Key::ColEmail />
            <SortHeader controller=controller column="enabled" label=Key::ColStatus />
            <SortHeader controller=controller column="superuser" label=Key::ColRole />
            <SortHeader controller=controller column="quota" label=Key::ColQuota />
            <th scope="col">{tr(Key::ColActions)}</th>
        </DataTable>
    }
}

#[component]
fn UserRow(user: User) -> impl IntoView {
    let page = use_users_page();
    let i18n = use_i18n();
    let name = StoredValue::new(user.username.clone());
    let selected = move || page.selection.with(|s| s.contains(&name.get_value()));
    let on_select = move |ev: leptos::ev::MouseEvent| {
        let keys = page.controller.page_keys();
        page.selection
            .update(|s| s.click(&name.get_value(), ev.shift_key(), &keys));
    };
    let email = real_email(&user).map(str::to_string);
    let superuser = user.super_user;
    let quota_target = QuotaTarget {
        owner: Some(Owner::User),
        namespace: user.username.clone(),
        quota: user.quotas.first().cloned(),
        used: user.quota_report.as_ref().map_or(0, |r| r.quota_bytes),
    };
    let (manage, delete) = (page.manage, page.delete);
    let refused = use_read_only().refusal();
    let actions = vec![
        MenuAction::new(Key::QuotaAction, "quota-action", move || {
            page.quota.set(Some(quota_target.clone()))
        })
        .refused(refused),
        MenuAction::new(Key::Manage, "manage-user", move || {
            manage.set(Some(name.get_value()))
        })
        .refused(refused),
        MenuAction::new(Key::Delete, "delete-user", move || {
            delete.set(Some(name.get_value()))
        })
        .danger()
        .refused(refused.or(superuser.then_some(Key::SuperuserProtected))),
    ];
    view! {
        <tr class:row-selected=selected class:row-disabled=!user.enabled data-testid="user-row">
            <td class="col-select">
                <input
                    type="checkbox"
                    data-testid="select-row"
                    aria-label=move || i18n.t(Key::SelectRow).replace("{name}", &name.get_value())
                    prop:checked=selected
                    on:click=on_select
                />
            </td>
            <NameCell name=user.username.clone() avatar=user.avatar.clone() testid="username" />
            <EmailCell email=email />
            <td data-testid="user-status">
                {if user.enabled {
                    view! { <span class="badge badge-ok">{tr(Key::StatusEnabled)}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-muted">{tr(Key::StatusDisabled)}</span> }
                        .into_any()
                }}
            </td>
            <td data-testid="user-role">
                {match user.role() {
                    ListedRole::Superuser => Some(view! {
                        <span class="badge badge-accent" data-testid="row-superuser">
                            {tr(Key::SuperuserBadge)}
                        </span>
                    }.into_any()),
                    ListedRole::ReadOnlySuperuser => Some(view! {
                        <span class="badge badge-muted badge-two-lines" data-testid="row-read-only-superuser">
                            {move || {
                                let (first, second) = split_before(
                                    i18n.t(Key::RoleReadOnlySuperuser),
                                    i18n.t(Key::SuperuserBadge),
                                );
                                view! { {first} <wbr /> {second} }
                            }}
                        </span>
                    }.into_any()),
                    ListedRole::None => None,
                }}
            </td>
            <td>
                <QuotaCell quota=quota_use(user.quota_report.as_ref()) />
            </td>
            <td class="cell-actions">
                <RowMenu name=name.get_value() actions=actions />
            </td>
        </tr>
    }
}

/// `text` cut before its ending `last` (compared case-insensitively): "Read-only superuser" before
/// "Superuser", so the badge can take two lines where the Role column is narrow (Japanese and
/// Chinese have no space to break at, and must not break inside a word). Uncut if it does not
/// end so.
fn split_before<'a>(text: &'a str, last: &str) -> (&'a str, &'a str) {
    let at = text.len().saturating_sub(last.len());
    match text.get(at..) {
        Some(end) if at > 0 && end.to_lowercase() == last.to_lowercase() => text.split_at(at),
        _ => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::split_before;

    #[test]
    fn the_read_only_badge_breaks_before_superuser_in_every_language() {
        assert_eq!(
            split_before("Read-only superuser", "Superuser"),
            ("Read-only ", "superuser")
        );
        assert_eq!(
            split_before("読み取り専用スーパーユーザー", "スーパーユーザー"),
            ("読み取り専用", "スーパーユーザー")
        );
        assert_eq!(
            split_before("只读超级用户", "超级用户"),
            ("只读", "超级用户")
        );
        // Not ending so, or nothing before it: whole.
        assert_eq!(split_before("Auditor", "Superuser"), ("Auditor", ""));
        assert_eq!(split_before("Superuser", "Superuser"), ("Superuser", ""));
        assert_eq!(split_before("é", "Superuser"), ("é", ""));
    }
}
