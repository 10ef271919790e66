//! The entries table: the time in the page's one zone (named in the column's header), what
//! happened as a sentence (its raw kind and metadata in a disclosure), who did it, on which
//! namespace, from where. While the entries a page needs are on their way it shows placeholder
//! rows; when everything is there and nothing matches, why and the next step; never both, and
//! nothing at all when the load failed (the status above shows the error and a retry).

use leptos::prelude::*;

use super::build_link::{build_id, BuildLink};
use super::row::LogRow;
use super::sentence::{fill, placeholder, template, Part};
use super::use_logs_page;
use crate::i18n::{tr, use_i18n, Key};
use crate::intl;

const COLUMNS: usize = 5;

#[component]
pub fn LogsTable() -> impl IntoView {
    let page = use_logs_page();
    let i18n = use_i18n();
    let failed_empty =
        move || page.store.error.with(Option::is_some) && page.store.rows.with(Vec::is_empty);
    let caption = move || {
        i18n.t(Key::LogsCaption)
            .replace("{page}", &page.window.get().page.to_string())
    };
    let time_header = move || {
        i18n.t(Key::ColTimeZone)
            .replace("{zone}", &page.zone.get().name())
    };
    let body = move || {
        let rows: Vec<LogRow> = page.store.rows.with(|all| {
            page.window
                .get()
                .rows
                .iter()
                .filter_map(|&i| all.get(i).cloned())
                .collect()
        });
        if !rows.is_empty() {
            return rows
                .into_iter()
                .map(|row| view! { <LogRowView row=row /> })
                .collect_view()
                .into_any();
        }
        let waiting = !page.store.complete.get()
            && !page.store.cancelled.get()
            && page.store.error.with(Option::is_none);
        if waiting {
            return view! { <SkeletonRows /> }.into_any();
        }
        view! { <EmptyState /> }.into_any()
    };
    view! {
        <Show when=move || !failed_empty()>
            <div class="table-wrap logs-table-wrap" data-testid="logs-table-wrap">
                <table class="data-table logs-table" data-testid="logs-table">
                    <caption>{caption}</caption>
                    <colgroup>
                        <col class="col-time" />
                        <col class="col-action" />
                        <col class="col-performer" />
                        <col class="col-namespace" />
                        <col class="col-ip" />
                    </colgroup>
                    <thead>
                        <tr>
                            <SortHeader column="time" label=time_header />
                            <SortHeader column="kind" label=move || i18n.t(Key::ColAction).to_string() />
                            <SortHeader column="performer" label=move || i18n.t(Key::ColPerformer).to_string() />
                            <SortHeader column="namespace" label=move || i18n.t(Key::ColNamespace).to_string() />
                            <SortHeader column="ip" label=move || i18n.t(Key::ColIp).to_string() />
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </Show>
    }
}

/// A column header that sorts: a button inside the `<th>`, with `aria-sort` on the `<th>`.
#[component]
fn SortHeader(
    column: &'static str,
    label: impl Fn() -> String + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let page = use_logs_page();
    let sort = move || page.query.with(|q| q.aria_sort(column));
    let arrow = move || match sort() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "↕",
    };
    view! {
        <th scope="col" aria-sort=sort>
            <button
                type="button"
                class="sort-button"
                data-testid=format!("sort-{column}")
                on:click=move |_| page.toggle_sort(column)
            >
                {label}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[component]
fn SkeletonRows() -> impl IntoView {
    (0..5)
        .map(|_| {
            view! {
                <tr class="skeleton-row" aria-hidden="true" data-testid="skeleton-row">
                    <td colspan=COLUMNS><div class="skeleton-line"></div></td>
                </tr>
            }
        })
        .collect_view()
}

/// Nothing to show: nothing matches (and the way back), or the range is empty.
#[component]
fn EmptyState() -> impl IntoView {
    let page = use_logs_page();
    let filtered = move || page.query.with(|q| q.is_filtered());
    let clear = move |_| {
        page.update_query(false, |q| {
            q.filter.clear();
            q.kind = None;
            q.set_param("performer", None);
            q.set_param("namespace", None);
            q.page = 1;
        })
    };
    view! {
        <tr>
            <td colspan=COLUMNS class="empty-state" data-testid="empty-state">
                <Show
                    when=filtered
                    fallback=|| view! { <p>{tr(Key::NoLogsYet)}</p> }
                >
                    <p>{tr(Key::NoLogsMatch)}</p>
                    <button type="button" class="button" on:click=clear>
                        {tr(Key::ClearFilter)}
                    </button>
                </Show>
            </td>
        </tr>
    }
}

/// The entry as a sentence; a build it names (see `build_link`) is a link to that build.
#[component]
fn Sentence(row: LogRow) -> impl IntoView {
    let i18n = use_i18n();
    let build = build_id(&row.entry).map(str::to_string);
    move || {
        let someone = i18n.t(Key::LogSomeone);
        fill(i18n.t(template(&row.entry.kind)), |name| {
            placeholder(&row.entry, name, someone)
        })
        .into_iter()
        .map(|part| match part {
            Part::Text(t) => view! { <span>{t}</span> }.into_any(),
            Part::Value(v) if build.as_deref() == Some(v.as_str()) => {
                view! { <BuildLink build_id=v /> }.into_any()
            }
            // Cut (whole in the tooltip): a long value would stretch the row over many screens.
            Part::Value(v) => {
                view! { <strong class="truncate server-message" title=v.clone()>{v.clone()}</strong> }.into_any()
            }
        })
        .collect_view()
    }
}

#[component]
fn LogRowView(row: LogRow) -> impl IntoView {
    let i18n = use_i18n();
    let zone = use_logs_page().zone;
    let ms = row.ms;
    let metadata =
        serde_json::to_string_pretty(&serde_json::Value::Object(row.entry.metadata.clone()))
            .unwrap_or_default();
    let kind = row.entry.kind.clone();
    let kind_attr = kind.clone();
    let performer = row.performer().to_string();
    let namespace = row.namespace().to_string();
    let ip = row.entry.ip.clone().unwrap_or_default();
    view! {
        <tr data-testid="log-row" data-kind=kind_attr>
            <td class="cell-time">
                <time datetime=intl::iso(ms) title=intl::iso(ms) data-testid="log-time">
                    {move || zone.get().date_time(i18n.locale.get().tag(), ms)}
                </time>
            </td>
            <td class="cell-action">
                <span data-testid="log-sentence">
                    <Sentence row=row />
                </span>
                <details class="log-details">
                    <summary>{tr(Key::LogDetails)}</summary>
                    <p><code class="server-message" data-testid="log-kind">{kind}</code></p>
                    <pre class="server-message log-metadata">{metadata}</pre>
                </details>
            </td>
            <td>
                <span class="truncate server-message" title=performer.clone() data-testid="log-performer">
                    {performer.clone()}
                </span>
            </td>
            <td>
                <span class="truncate server-message" title=namespace.clone() data-testid="log-namespace">
                    {namespace.clone()}
                </span>
            </td>
            <td class="cell-ip">
                <span class="truncate server-message" title=ip.clone() data-testid="log-ip">
                    {ip.clone()}
                </span>
            </td>
        </tr>
    }
}
