//! `/users`: every user of the registry, with paging, filter and sort in the URL, row selection
//! for bulk changes, per-user management, creation and CSV export.

mod bulk;
mod create;
mod delete;
mod manage;
mod row;
mod table;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::{use_page_title, use_registry_config};
use crate::api::quota::apply_quota;
use crate::api::registry_config::RegistryConfig;
use crate::api::superuser_users::{get_user, list_users, User};
use crate::auth::WriteButton;
use crate::components::quota_editor::{QuotaEditor, QuotaTarget};
use crate::i18n::{tr, Key};
use crate::list::controller::FindOne;
use crate::list::paged::{FetchPage, PagedList};
use crate::list::query::ListQuery;
use crate::list::selection::Selection;
use crate::list::{ExportButton, ListController, ListFooter, ListToolbar};
use crate::routes;
use crate::validation::is_namespace_name;

pub use row::COLUMNS;

/// Everything the parts of the page share.
#[derive(Clone, Copy)]
pub struct UsersPage {
    pub controller: ListController<User>,
    pub selection: RwSignal<Selection>,
    /// Whether the registry can send mail (recovery e-mails, e-mail required on create).
    pub mailing: Signal<bool>,
    pub create_open: RwSignal<bool>,
    pub manage: RwSignal<Option<String>>,
    pub delete: RwSignal<Option<String>>,
    pub bulk: RwSignal<Option<bulk::BulkAction>>,
    pub quota: RwSignal<Option<QuotaTarget>>,
}

impl UsersPage {
    /// The loaded row of `username`, if any (not reactive).
    pub fn user_untracked(&self, username: &str) -> Option<User> {
        self.controller
            .list
            .loaded
            .with_untracked(|l| l.items.iter().find(|u| u.username == username).cloned())
    }

    /// The loaded row of `username`, if any (reactive).
    pub fn user(&self, username: &str) -> Option<User> {
        self.controller
            .list
            .loaded
            .with(|l| l.items.iter().find(|u| u.username == username).cloned())
    }
}

fn variant(q: &ListQuery) -> String {
    if q.show_disabled { "all" } else { "enabled" }.to_string()
}

#[component]
pub fn Users() -> impl IntoView {
    use_page_title(Key::NavUsers);
    view! {
        <RequireSession>
            <UsersView />
        </RequireSession>
    }
}

#[component]
fn UsersView() -> impl IntoView {
    let fetch: FetchPage<User> = std::rc::Rc::new(|client, variant, limit, next| {
        Box::pin(async move {
            let page = list_users(&client, limit, next.as_deref(), variant == "all").await?;
            Ok((page.users, page.next_page))
        })
    });
    let find: FindOne<User> = std::rc::Rc::new(|client, variant, name| {
        Box::pin(async move {
            match get_user(&client, &name).await {
                // The list without disabled users must not show one.
                Ok(user) => Ok((variant == "all" || user.enabled).then_some(user)),
                Err(e) if e.status() == Some(404) => Ok(None),
                Err(e) => Err(e),
            }
        })
    });
    let controller = ListController::new(
        routes::USERS.path,
        COLUMNS,
        PagedList::kept("users", fetch),
        variant,
    )
    .find_exact(is_namespace_name, find);
    let registry = use_registry_config();
    let mailing = Signal::derive(move || registry.with(RegistryConfig::mailing));
    let page = UsersPage {
        controller,
        selection: RwSignal::new(Selection::default()),
        mailing,
        create_open: RwSignal::new(false),
        manage: RwSignal::new(None),
        delete: RwSignal::new(None),
        bulk: RwSignal::new(None),
        quota: RwSignal::new(None),
    };
    provide_context(page);
    view! {
        <section class="page page-wide">
            <div class="page-header">
                <h1>{tr(Key::NavUsers)}</h1>
                <WriteButton
                    class="button button-primary"
                    testid="create-user"
                    on_click=move || page.create_open.set(true)
                >
                    {tr(Key::CreateUser)}
                </WriteButton>
            </div>
            <ListToolbar controller=controller filter_label=Key::FilterUsers>
                <DisabledToggle />
                <ExportButton controller=controller filename="quay-users.csv" to_csv=row::users_csv />
            </ListToolbar>
            <bulk::BulkBar />
            <table::UsersTable />
            <ListFooter controller=controller noun=Key::NounUsers />
            <create::CreateUserDialog />
            <manage::ManageUserDialog />
            <delete::DeleteUserDialog />
            <bulk::BulkDialog />
            <QuotaEditor
                request=page.quota
                on_saved=Callback::new(move |(target, quota): (QuotaTarget, _)| {
                    if let Some(mut user) = page.user(&target.namespace) {
                        apply_quota(&mut user.quotas, &mut user.quota_report, quota);
                        controller.list.replace(|u| u.username == target.namespace, user);
                    }
                })
            />
        </section>
    }
}

pub fn use_users_page() -> UsersPage {
    expect_context::<UsersPage>()
}

#[component]
fn DisabledToggle() -> impl IntoView {
    let page = use_users_page();
    let controller = page.controller;
    view! {
        <label class="checkbox-field">
            <input
                type="checkbox"
                data-testid="show-disabled"
                prop:checked=move || controller.query.get().show_disabled
                on:change:target=move |ev| {
                    let show = ev.target().checked();
                    page.selection.update(Selection::clear);
                    controller
                        .update_query(
                            false,
                            |q| {
                                q.show_disabled = show;
                                q.page = 1;
                            },
                        );
                }
            />
            {tr(Key::ShowDisabledUsers)}
        </label>
    }
}
