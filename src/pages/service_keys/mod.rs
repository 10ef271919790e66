//! `/service-keys`: the RSA keys other services (Clair, build workers, …) sign with: who
//! approved them, when they expire; create (the private key shown once), edit, approve, delete.

mod create;
mod manage;
mod row;
mod table;

use std::rc::Rc;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::api::service_keys::{delete_key, list_keys};
use crate::auth::WriteButton;
use crate::clock::now_ms;
use crate::components::delete_dialog::{DeleteDialog, DeleteFn, DeleteTexts};
use crate::i18n::{tr, use_i18n, Key};
use crate::list::paged::{FetchPage, PagedList};
use crate::list::{no_variants, ExportButton, ListController, ListFooter, ListToolbar};
use crate::list::{text_options, Facet, FacetSelect};
use crate::routes;
use row::{KeyRow, APPROVED, COLUMNS, DEFAULT_SORT, EXPIRED, EXPIRING, PENDING};

#[derive(Clone, Copy)]
pub struct ServiceKeysPage {
    pub controller: ListController<KeyRow>,
    pub create_open: RwSignal<bool>,
    pub manage: RwSignal<Option<String>>,
    pub delete: RwSignal<Option<String>>,
}

impl ServiceKeysPage {
    /// The loaded row of `kid` (reactive).
    pub fn key(&self, kid: &str) -> Option<KeyRow> {
        self.controller
            .list
            .loaded
            .with(|l| l.items.iter().find(|r| r.key.kid == kid).cloned())
    }
}

pub fn use_service_keys_page() -> ServiceKeysPage {
    expect_context::<ServiceKeysPage>()
}

/// Quay lists every key in one answer.
fn fetch_keys() -> FetchPage<KeyRow> {
    Rc::new(|client, _, _, _| {
        Box::pin(async move {
            let now = now_ms();
            let rows = list_keys(&client)
                .await?
                .into_iter()
                .map(|k| KeyRow::new(k, now))
                .collect();
            Ok((rows, None))
        })
    })
}

#[component]
pub fn ServiceKeys() -> impl IntoView {
    use_page_title(Key::NavServiceKeys);
    view! {
        <RequireSession>
            <ServiceKeysView />
        </RequireSession>
    }
}

#[component]
fn ServiceKeysView() -> impl IntoView {
    let controller = ListController::with_default_sort(
        routes::SERVICE_KEYS.path,
        COLUMNS,
        Some(DEFAULT_SORT),
        PagedList::kept("service-keys", fetch_keys()),
        no_variants,
    );
    let page = ServiceKeysPage {
        controller,
        create_open: RwSignal::new(false),
        manage: RwSignal::new(None),
        delete: RwSignal::new(None),
    };
    provide_context(page);
    let delete: DeleteFn = Rc::new(|client, kid| {
        Box::pin(async move { delete_key(&client, &kid).await.map(|_| None) })
    });
    let on_deleted = Callback::new(move |kid: String| {
        controller.list.remove(|r| r.key.kid == kid);
    });
    view! {
        <section class="page page-wide">
            <div class="page-header">
                <h1>{tr(Key::NavServiceKeys)}</h1>
                <WriteButton
                    class="button button-primary"
                    testid="create-key"
                    on_click=move || page.create_open.set(true)
                >
                    {tr(Key::CreateKey)}
                </WriteButton>
            </div>
            <ListToolbar controller=controller filter_label=Key::FilterKeys>
                <FacetSelect
                    controller=controller
                    facet=Facet::Kind
                    label=Key::ColService
                    testid="service-filter"
                    options=service_options(controller)
                />
                <FacetSelect
                    controller=controller
                    facet=Facet::Only
                    label=Key::SizeState
                    testid="state-filter"
                    options=text_options(STATE_CHOICES)
                />
                <ExportButton controller=controller filename="quay-service-keys.csv" to_csv=row::keys_csv />
            </ListToolbar>
            <table::KeysTable />
            <ListFooter controller=controller noun=Key::NounKeys />
            <create::CreateKeyDialog />
            <manage::ManageKeyDialog />
            <DeleteDialog
                request=page.delete
                texts=DeleteTexts {
                    title: Key::DeleteKeyTitle,
                    body: Key::DeleteKeyBody,
                    confirm: Key::DeleteKeyConfirm,
                    done: Key::KeyDeletedToast,
                }
                testid="delete-key-dialog"
                delete=delete
                on_deleted=on_deleted
                typed=false
            />
        </section>
    }
}

const STATE_CHOICES: &[(&str, Key)] = &[
    ("", Key::AllStates),
    (PENDING, Key::KeyPending),
    (APPROVED, Key::KeyApproved),
    (EXPIRING, Key::KeyExpiringSoon),
    (EXPIRED, Key::KeyExpired),
];

/// "All services", then the services that have keys.
fn service_options(controller: ListController<KeyRow>) -> Signal<Vec<(String, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let mut services: Vec<String> = controller
            .list
            .loaded
            .with(|l| l.items.iter().map(|r| r.key.service.clone()).collect());
        services.sort();
        services.dedup();
        std::iter::once((String::new(), i18n.t(Key::AllServices).to_string()))
            .chain(services.into_iter().map(|s| (s.clone(), s)))
            .collect()
    })
}
