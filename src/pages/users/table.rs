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
                        <span class="badge badge-muted badge-read-only" data-testid="row-read-only-superuser">
                            {tr(Key::RoleReadOnlySuperuser)}
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
