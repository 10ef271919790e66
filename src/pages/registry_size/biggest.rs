//! The ten namespaces that store the most, from the same lists the Quotas page reads, each
//! linking to its row there.

use leptos::prelude::*;

use crate::api::quota::Owner;
use crate::auth::use_session;
use crate::components::error_view::ApiErrorView;
use crate::format::{format_bytes, group_thousands, percent_encode};
use crate::i18n::{tr, use_i18n, Key};
use crate::list::paged::PagedList;
use crate::pages::quotas::fetch_namespaces;
use crate::pages::quotas::row::QuotaRow;
use crate::routes;

const TOP: usize = 10;

/// The `count` largest by used bytes, largest first (ties by name).
pub fn biggest(rows: &[QuotaRow], count: usize) -> Vec<QuotaRow> {
    let mut sorted: Vec<&QuotaRow> = rows.iter().collect();
    sorted.sort_by(|a, b| b.used.cmp(&a.used).then_with(|| a.name.cmp(&b.name)));
    sorted.into_iter().take(count).cloned().collect()
}

#[component]
pub fn BiggestNamespaces() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let list = PagedList::new(fetch_namespaces());
    let loaded_count = RwSignal::new(0usize);
    let attempt = RwSignal::new(0u32);
    let load = LocalResource::new(move || {
        attempt.track();
        let client = session.client();
        async move {
            let result = list
                .load_all(&client, "", |n| {
                    loaded_count.set(n);
                    true
                })
                .await;
            if let Err(e) = &result {
                session.note_error(e);
            }
            result
        }
    });
    let top = Memo::new(move |_| list.loaded.with(|l| biggest(&l.items, TOP)));
    let complete = move || list.loaded.with(|l| l.complete);
    view! {
        <section class="card" aria-labelledby="biggest-title" data-testid="biggest-namespaces">
            <h2 id="biggest-title">{tr(Key::BiggestNamespaces)}</h2>
            {move || match load.get() {
                Some(Err(e)) => {
                    let retry = Callback::new(move |_| attempt.update(|a| *a += 1));
                    view! { <ApiErrorView error=e context=Key::BiggestLoadFailed retry=retry /> }
                        .into_any()
                }
                _ if !complete() => {
                    view! {
                        <p class="muted" role="status">
                            {move || {
                                i18n.t(Key::LoadingCount)
                                    .replace("{count}", &group_thousands(loaded_count.get() as u64))
                            }}
                        </p>
                    }
                        .into_any()
                }
                _ if top.with(Vec::is_empty) => {
                    view! { <p class="muted">{tr(Key::NoNamespacesYet)}</p> }.into_any()
                }
                _ => view! { <TopList rows=top.get() /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TopList(rows: Vec<QuotaRow>) -> impl IntoView {
    let largest = rows.first().map_or(1, |r| r.used.max(1));
    view! {
        <ol class="top-list">
            {rows
                .into_iter()
                .map(|row| {
                    let href = format!("{}?q={}", routes::QUOTAS.segment, percent_encode(&row.name));
                    let kind = match row.owner {
                        Owner::User => Key::KindUser,
                        Owner::Organization => Key::KindOrganization,
                    };
                    let width = format!("{}%", (row.used as u128 * 100 / largest as u128).max(1));
                    view! {
                        <li data-testid="biggest-row">
                            <a href=href class="top-name">{row.name.clone()}</a>
                            <span class="muted">{tr(kind)}</span>
                            <span class="cell-number" title=format!("{} B", group_thousands(row.used))>
                                {format_bytes(row.used)}
                            </span>
                            <span class="top-bar" aria-hidden="true">
                                <span class="top-fill" style:width=width></span>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::user::Avatar;

    fn row(name: &str, used: u64) -> QuotaRow {
        QuotaRow {
            name: name.into(),
            owner: Owner::User,
            avatar: Avatar {
                name: name.into(),
                hash: String::new(),
                color: "#000000".into(),
                kind: "user".into(),
            },
            used,
            quota: None,
            limit: None,
        }
    }

    #[test]
    fn largest_first_ties_by_name_at_most_count() {
        let rows = vec![row("b", 5), row("a", 5), row("c", 9), row("d", 1)];
        let names: Vec<String> = biggest(&rows, 3).into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["c", "a", "b"]);
        assert_eq!(biggest(&rows, 10).len(), 4);
    }
}
