//! `/quotas`: every namespace (user or organization) that has a quota or stores data, sorted by
//! usage over the WHOLE registry: the page loads every page of both lists (with progress and
//! cancel), then filters and sorts. Quotas are set, changed and removed in place.

pub mod row;
mod table;

use std::rc::Rc;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::api::quota::QuotaSummary;
use crate::api::superuser_organizations::list_organizations;
use crate::api::superuser_users::list_users;
use crate::components::quota_editor::{QuotaEditor, QuotaTarget};
use crate::format::format_bytes;
use crate::i18n::{tr, use_i18n, Key};
use crate::list::paged::{FetchPage, PagedList};
use crate::list::{no_variants, ExportButton, ListController, ListFooter, ListToolbar};
use crate::list::{text_options, Facet, FacetSelect};
use crate::routes;
use row::{
    QuotaRow, COLUMNS, DEFAULT_SORT, KIND_ORGANIZATION, KIND_USER, NO_QUOTA, OVER_70, OVER_90,
};

/// Paging tokens over the two lists, users first: `u:<token>` within users, `o:` / `o:<token>`
/// within organizations. Quay's tokens are opaque; only the prefix is the page's own.
const USERS: &str = "u:";
const ORGANIZATIONS: &str = "o:";

/// Every user, then every organization, as quota rows (only those with a quota or data).
pub fn fetch_namespaces() -> FetchPage<QuotaRow> {
    Rc::new(|client, _, limit, next| {
        Box::pin(async move {
            let next = next.unwrap_or_else(|| USERS.to_string());
            if let Some(token) = next.strip_prefix(USERS) {
                let page =
                    list_users(&client, limit, Some(token).filter(|t| !t.is_empty()), true).await?;
                let rows = listed(page.users.into_iter().map(QuotaRow::from_user));
                let next = match page.next_page {
                    Some(t) => format!("{USERS}{t}"),
                    None => ORGANIZATIONS.to_string(),
                };
                Ok((rows, Some(next)))
            } else {
                let token = next.strip_prefix(ORGANIZATIONS).unwrap_or_default();
                let page =
                    list_organizations(&client, limit, Some(token).filter(|t| !t.is_empty()))
                        .await?;
                let rows = listed(
                    page.organizations
                        .into_iter()
                        .map(QuotaRow::from_organization),
                );
                Ok((rows, page.next_page.map(|t| format!("{ORGANIZATIONS}{t}"))))
            }
        })
    })
}

fn listed(rows: impl Iterator<Item = QuotaRow>) -> Vec<QuotaRow> {
    rows.filter(QuotaRow::is_listed).collect()
}

#[derive(Clone, Copy)]
pub struct QuotasPage {
    pub controller: ListController<QuotaRow>,
    pub editor: RwSignal<Option<QuotaTarget>>,
}

pub fn use_quotas_page() -> QuotasPage {
    expect_context::<QuotasPage>()
}

#[component]
pub fn Quotas() -> impl IntoView {
    use_page_title(Key::NavQuotas);
    view! {
        <RequireSession>
            <QuotasView />
        </RequireSession>
    }
}

#[component]
fn QuotasView() -> impl IntoView {
    let controller = ListController::with_default_sort(
        routes::QUOTAS.path,
        COLUMNS,
        Some(DEFAULT_SORT),
        PagedList::kept("namespaces", fetch_namespaces()),
        no_variants,
    );
    let page = QuotasPage {
        controller,
        editor: RwSignal::new(None),
    };
    provide_context(page);
    // Sorted by usage from the start: the controller loads the whole registry by itself.
    let on_saved = Callback::new(
        move |(target, quota): (QuotaTarget, Option<QuotaSummary>)| {
            let name = target.namespace;
            let row = controller
                .list
                .loaded
                .with_untracked(|l| l.items.iter().find(|r| r.name == name).cloned());
            if let Some(row) = row {
                controller
                    .list
                    .replace(|r| r.name == name, row.with_quota(quota));
            }
        },
    );
    view! {
        <section class="page page-wide">
            <div class="page-header">
                <h1>{tr(Key::NavQuotas)}</h1>
            </div>
            <Summary />
            <ListToolbar controller=controller filter_label=Key::FilterNamespaces>
                <FacetSelect
                    controller=controller
                    facet=Facet::Kind
                    label=Key::ColKind
                    testid="kind-filter"
                    options=text_options(KIND_CHOICES)
                />
                <ExportButton controller=controller filename="quay-quotas.csv" to_csv=row::quotas_csv />
            </ListToolbar>
            <QuickFilters />
            <table::QuotasTable />
            <ListFooter controller=controller noun=Key::NounNamespaces />
            <QuotaEditor request=page.editor on_saved=on_saved />
        </section>
    }
}

/// "42 namespaces · 6.4 TiB stored · 3 over their limit", over what is loaded.
#[component]
fn Summary() -> impl IntoView {
    let controller = use_quotas_page().controller;
    let i18n = use_i18n();
    let text = move || {
        controller.list.loaded.with(|l| {
            let total: u64 = l.items.iter().map(|r| r.used).sum();
            let over = l
                .items
                .iter()
                .filter(|r| r.level() == Some(crate::components::quota_cell::Level::Over))
                .count();
            i18n.t(Key::QuotasSummary)
                .replace(
                    "{count}",
                    &crate::format::group_thousands(l.items.len() as u64),
                )
                .replace("{used}", &format_bytes(total))
                .replace("{over}", &over.to_string())
        })
    };
    view! { <p class="page-summary" data-testid="quotas-summary">{text}</p> }
}

/// "All", "Over 90 %", "Over 70 %", "No quota": toggle buttons that say whether they are on.
#[component]
fn QuickFilters() -> impl IntoView {
    let controller = use_quotas_page().controller;
    let choices = [
        (None, Key::OnlyAll),
        (Some(OVER_90), Key::OnlyOver90),
        (Some(OVER_70), Key::OnlyOver70),
        (Some(NO_QUOTA), Key::OnlyNoQuota),
    ];
    view! {
        <div class="quick-filters" role="group" aria-label=tr(Key::QuickFilters)>
            {choices
                .into_iter()
                .map(|(value, label)| {
                    let on = move || controller.query.get().only.as_deref() == value;
                    view! {
                        <button
                            type="button"
                            class="button button-small chip"
                            data-testid=format!("only-{}", value.unwrap_or("all"))
                            aria-pressed=move || if on() { "true" } else { "false" }
                            on:click=move |_| {
                                controller
                                    .update_query(
                                        false,
                                        |q| {
                                            q.only = value.map(String::from);
                                            q.page = 1;
                                        },
                                    )
                            }
                        >
                            {tr(label)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

const KIND_CHOICES: &[(&str, Key)] = &[
    ("", Key::KindAll),
    (KIND_USER, Key::KindUser),
    (KIND_ORGANIZATION, Key::KindOrganization),
];
