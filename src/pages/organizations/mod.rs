//! `/organizations`: every organization, with paging, filter and sort in the URL, editing
//! (name, contact and invoice e-mail, tag expiration), take ownership and delete.

mod edit;
mod row;
mod table;

use std::rc::Rc;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::{use_page_title, use_registry_config};
use crate::api::quota::apply_quota;
use crate::api::superuser_organizations::{
    delete_organization, get_organization, list_organizations, Organization,
};
use crate::components::delete_dialog::{DeleteDialog, DeleteFn, DeleteTexts};
use crate::components::quota_editor::{QuotaEditor, QuotaTarget};
use crate::i18n::{tr, Key};
use crate::list::controller::FindOne;
use crate::list::paged::{FetchPage, PagedList};
use crate::list::{no_variants, ExportButton, ListController, ListFooter, ListToolbar};
use crate::routes;
use crate::validation::is_namespace_name;

#[derive(Clone, Copy)]
pub struct OrganizationsPage {
    pub controller: ListController<Organization>,
    pub edit: RwSignal<Option<String>>,
    pub delete: RwSignal<Option<String>>,
    pub quota: RwSignal<Option<QuotaTarget>>,
    /// The tag expirations Quay accepts here (`TAG_EXPIRATION_OPTIONS`), in seconds.
    pub tag_expiration_options: Signal<Vec<u64>>,
}

pub fn use_organizations_page() -> OrganizationsPage {
    expect_context::<OrganizationsPage>()
}

#[component]
pub fn Organizations() -> impl IntoView {
    use_page_title(Key::NavOrganizations);
    view! {
        <RequireSession>
            <OrganizationsView />
        </RequireSession>
    }
}

#[component]
fn OrganizationsView() -> impl IntoView {
    let fetch: FetchPage<Organization> = Rc::new(|client, _, limit, next| {
        Box::pin(async move {
            let page = list_organizations(&client, limit, next.as_deref()).await?;
            Ok((page.organizations, page.next_page))
        })
    });
    let find: FindOne<Organization> = Rc::new(|client, _, name| {
        Box::pin(async move {
            match get_organization(&client, &name).await {
                Ok(org) => Ok(Some(org)),
                Err(e) if e.status() == Some(404) => Ok(None),
                Err(e) => Err(e),
            }
        })
    });
    let controller = ListController::new(
        routes::ORGANIZATIONS.path,
        row::COLUMNS,
        PagedList::kept("organizations", fetch),
        no_variants,
    )
    .find_exact(is_namespace_name, find);
    let registry = use_registry_config();
    let page = OrganizationsPage {
        controller,
        edit: RwSignal::new(None),
        delete: RwSignal::new(None),
        quota: RwSignal::new(None),
        tag_expiration_options: Signal::derive(move || {
            registry.with(|r| r.tag_expiration_options())
        }),
    };
    provide_context(page);
    let delete: DeleteFn = Rc::new(|client, name| {
        Box::pin(async move { delete_organization(&client, &name).await.map(|_| None) })
    });
    let on_deleted = Callback::new(move |name: String| {
        controller.list.remove(|o| o.name == name);
    });
    view! {
        <section class="page page-wide">
            <div class="page-header">
                <h1>{tr(Key::NavOrganizations)}</h1>
            </div>
            <ListToolbar controller=controller filter_label=Key::FilterOrganizations>
                <ExportButton
                    controller=controller
                    filename="quay-organizations.csv"
                    to_csv=row::organizations_csv
                />
            </ListToolbar>
            <table::OrganizationsTable />
            <ListFooter controller=controller noun=Key::NounOrganizations />
            <edit::EditOrganizationDialog />
            <DeleteDialog
                request=page.delete
                texts=DeleteTexts {
                    title: Key::DeleteOrganizationTitle,
                    body: Key::DeleteOrganizationBody,
                    confirm: Key::DeleteUserConfirm,
                    done: Key::OrganizationDeletedToast,
                }
                testid="delete-organization-dialog"
                delete=delete
                on_deleted=on_deleted
            />
            <QuotaEditor
                request=page.quota
                on_saved=Callback::new(move |(target, quota): (QuotaTarget, _)| {
                    let name = target.namespace;
                    let org = controller
                        .list
                        .loaded
                        .with_untracked(|l| l.items.iter().find(|o| o.name == name).cloned());
                    if let Some(mut org) = org {
                        apply_quota(&mut org.quotas, &mut org.quota_report, quota);
                        controller.list.replace(|o| o.name == name, org);
                    }
                })
            />
        </section>
    }
}
