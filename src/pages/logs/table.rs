//! The entries table: the time in the reader's language and zone, what happened as a sentence
//! (its raw kind and metadata in a disclosure), who did it, on which namespace, from where.

use leptos::prelude::*;

use super::row::LogRow;
use super::sentence::{fill, placeholder, template, Part};
use super::use_logs_page;
use crate::i18n::{tr, use_i18n, Key};
use crate::intl;
use crate::list::DataTable;
use crate::list::SortHeader;

#[component]
pub fn LogsTable() -> impl IntoView {
    let controller = use_logs_page().controller;
    view! {
        <DataTable
            controller=controller
            testid="logs-table"
            caption=Key::LogsCaption
            columns=5
            no_match=Key::NoLogsMatch
            none_yet=Key::NoLogsYet
            row=|row| view! { <LogRowView row=row /> }
        >
            <SortHeader controller=controller column="time" label=Key::ColTime />
            <SortHeader controller=controller column="kind" label=Key::ColAction />
            <SortHeader controller=controller column="performer" label=Key::ColPerformer />
            <SortHeader controller=controller column="namespace" label=Key::ColNamespace />
            <SortHeader controller=controller column="ip" label=Key::ColIp />
        </DataTable>
    }
}

#[component]
fn Sentence(row: LogRow) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let someone = i18n.t(Key::LogSomeone);
        fill(i18n.t(template(&row.entry.kind)), |name| {
            placeholder(&row.entry, name, someone)
        })
        .into_iter()
        .map(|part| match part {
            Part::Text(t) => view! { <span>{t}</span> }.into_any(),
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
                <time datetime=intl::iso(ms) title=intl::iso(ms)>
                    {move || intl::date_time(i18n.locale.get().tag(), ms)}
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
            <td class="server-message" data-testid="log-ip">{ip}</td>
        </tr>
    }
}
