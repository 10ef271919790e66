//! The organizations table.

use leptos::prelude::*;

use super::row::real_email;
use super::use_organizations_page;
use crate::api::quota::quota_use;
use crate::api::superuser_organizations::Organization;
use crate::components::cells::{EmailCell, NameCell, RowAction};
use crate::components::list_view::{EmptyBody, SortHeader};
use crate::components::quota_cell::QuotaCell;
use crate::i18n::{tr, use_i18n, Key};

#[component]
pub fn OrganizationsTable() -> impl IntoView {
    let page = use_organizations_page();
    let controller = page.controller;
    let i18n = use_i18n();
    let caption = move || {
        i18n.t(Key::OrganizationsCaption)
            .replace("{page}", &controller.window.get().page.to_string())
    };
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="organizations-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <SortHeader controller=controller column="name" label=Key::ColName />
                        <SortHeader controller=controller column="email" label=Key::ColEmail />
                        <SortHeader controller=controller column="quota" label=Key::ColQuota />
                        <th scope="col">{tr(Key::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let rows = controller.page_rows();
                        if rows.is_empty() {
                            view! {
                                <EmptyBody
                                    controller=controller
                                    columns=4
                                    no_match=Key::NoOrganizationsMatch
                                    none_yet=Key::NoOrganizationsYet
                                    action=None
                                />
                            }
                                .into_any()
                        } else {
                            rows.into_iter()
                                .map(|org| view! { <OrganizationRow org=org /> })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn OrganizationRow(org: Organization) -> impl IntoView {
    let page = use_organizations_page();
    let email = real_email(&org).map(str::to_string);
    view! {
        <tr data-testid="organization-row">
            <NameCell name=org.name.clone() avatar=org.avatar.clone() testid="organization-name" />
            <EmailCell email=email />
            <td>
                <QuotaCell quota=quota_use(org.quota_report.as_ref()) />
            </td>
            <td class="cell-actions">
                <RowAction
                    label=Key::Edit
                    name=org.name.clone()
                    request=page.edit
                    testid="edit-organization"
                />
                <RowAction
                    label=Key::Delete
                    name=org.name.clone()
                    request=page.delete
                    testid="delete-organization"
                    danger=true
                />
            </td>
        </tr>
    }
}
