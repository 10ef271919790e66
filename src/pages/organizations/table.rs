//! The organizations table.

use leptos::prelude::*;

use super::row::real_email;
use super::use_organizations_page;
use crate::api::quota::{quota_use, Owner};
use crate::api::superuser_organizations::Organization;
use crate::auth::use_read_only;
use crate::components::cells::{EmailCell, NameCell};
use crate::components::quota_cell::QuotaCell;
use crate::components::quota_editor::QuotaTarget;
use crate::components::row_menu::{MenuAction, RowMenu};
use crate::i18n::{tr, Key};
use crate::list::DataTable;
use crate::list::SortHeader;

#[component]
pub fn OrganizationsTable() -> impl IntoView {
    let controller = use_organizations_page().controller;
    view! {
        <DataTable
            controller=controller
            testid="organizations-table"
            caption=Key::OrganizationsCaption
            columns=4
            no_match=Key::NoOrganizationsMatch
            none_yet=Key::NoOrganizationsYet
            row=|org| view! { <OrganizationRow org=org /> }
        >
            <SortHeader controller=controller column="name" label=Key::ColName />
            <SortHeader controller=controller column="email" label=Key::ColEmail />
            <SortHeader controller=controller column="quota" label=Key::ColQuota />
            <th scope="col">{tr(Key::ColActions)}</th>
        </DataTable>
    }
}

#[component]
fn OrganizationRow(org: Organization) -> impl IntoView {
    let page = use_organizations_page();
    let email = real_email(&org).map(str::to_string);
    let quota_target = QuotaTarget {
        owner: Some(Owner::Organization),
        namespace: org.name.clone(),
        quota: org.quotas.first().cloned(),
        used: org.quota_report.as_ref().map_or(0, |r| r.quota_bytes),
    };
    let name = StoredValue::new(org.name.clone());
    let (edit, delete) = (page.edit, page.delete);
    let refused = use_read_only().refusal();
    let actions = vec![
        MenuAction::new(Key::QuotaAction, "quota-action", move || {
            page.quota.set(Some(quota_target.clone()))
        })
        .refused(refused),
        MenuAction::new(Key::Manage, "edit-organization", move || {
            edit.set(Some(name.get_value()))
        })
        .refused(refused),
        MenuAction::new(Key::Delete, "delete-organization", move || {
            delete.set(Some(name.get_value()))
        })
        .danger()
        .refused(refused),
    ];
    view! {
        <tr data-testid="organization-row">
            <NameCell name=org.name.clone() avatar=org.avatar.clone() testid="organization-name" />
            <EmailCell email=email />
            <td>
                <QuotaCell quota=quota_use(org.quota_report.as_ref()) />
            </td>
            <td class="cell-actions">
                <RowMenu name=name.get_value() actions=actions />
            </td>
        </tr>
    }
}
