//! The quotas table: one row per namespace, every column sortable over the whole set.

use leptos::prelude::*;

use super::row::QuotaRow;
use super::use_quotas_page;
use crate::api::quota::{Owner, QuotaUse};
use crate::components::cells::NameCell;
use crate::components::quota_cell::QuotaCell;
use crate::components::quota_editor::{QuotaButton, QuotaTarget};
use crate::format::{format_bytes, group_thousands};
use crate::i18n::{tr, Key};
use crate::list::DataTable;
use crate::list::SortHeader;
use crate::quota_limit::limit_text;

#[component]
pub fn QuotasTable() -> impl IntoView {
    let controller = use_quotas_page().controller;
    view! {
        <DataTable
            controller=controller
            testid="quotas-table"
            caption=Key::QuotasCaption
            columns=6
            no_match=Key::NoNamespacesMatch
            none_yet=Key::NoNamespacesYet
            row=|row| view! { <NamespaceRow row=row /> }
        >
            <SortHeader controller=controller column="name" label=Key::ColName />
            <SortHeader controller=controller column="kind" label=Key::ColKind />
            <SortHeader controller=controller column="used" label=Key::ColUsed />
            <SortHeader controller=controller column="limit" label=Key::ColLimit />
            <SortHeader controller=controller column="percent" label=Key::ColUsage />
            <th scope="col">{tr(Key::ColActions)}</th>
        </DataTable>
    }
}

/// Bytes in binary units (a limit as it was entered, see `limit_text`), the exact count in the
/// tooltip.
#[component]
fn BytesCell(bytes: Option<u64>, #[prop(optional)] limit: bool) -> impl IntoView {
    match bytes {
        Some(b) => view! {
            <td class="cell-number" title=format!("{} B", group_thousands(b))>
                {if limit { limit_text(b) } else { format_bytes(b) }}
            </td>
        }
        .into_any(),
        None => view! {
            <td class="cell-number muted">{tr(Key::QuotaNoLimit)}</td>
        }
        .into_any(),
    }
}

#[component]
fn NamespaceRow(row: QuotaRow) -> impl IntoView {
    let page = use_quotas_page();
    let kind = match row.owner {
        Owner::User => Key::KindUser,
        Owner::Organization => Key::KindOrganization,
    };
    let target = QuotaTarget {
        owner: Some(row.owner),
        namespace: row.name.clone(),
        quota: row.quota.clone(),
        used: row.used,
    };
    let usage = QuotaUse {
        used: row.used,
        limit: row.limit,
    };
    view! {
        <tr data-testid="quota-row">
            <NameCell name=row.name.clone() avatar=row.avatar.clone() testid="namespace-name" />
            <td>{tr(kind)}</td>
            <BytesCell bytes=Some(row.used) />
            <BytesCell bytes=row.limit limit=true />
            <td>
                <QuotaCell quota=Some(usage) percent_only=true />
            </td>
            <td class="cell-actions">
                <QuotaButton target=target request=page.editor />
            </td>
        </tr>
    }
}
