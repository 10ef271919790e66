//! The chart of entries per day: one stacked SVG bar per day of the range, a legend, and the
//! same numbers as a table for those who cannot see the drawing. A click (or Enter / Space) on
//! a day shows only that day.

use leptos::prelude::*;

use super::chart_data::{arrange, stack, Chart};
use super::filters::show_range;
use super::range::LogRange;
use super::use_logs_page;
use crate::clock::now_ms;
use crate::components::error_view::ApiErrorView;
use crate::dates::day_to_input;
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, Key};
use crate::intl::day_label;
use crate::pages::Skeleton;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 160.0;
/// Room under the bars for the day labels.
const LABELS: f64 = 22.0;

#[component]
pub fn DailyChart() -> impl IntoView {
    let page = use_logs_page();
    view! {
        <section class="card chart-card" aria-labelledby="chart-title" data-testid="logs-chart">
            <h2 id="chart-title">{tr(Key::ChartTitle)}</h2>
            {move || match page.counts.get() {
                None => view! { <Skeleton lines=4 /> }.into_any(),
                Some(Err(e)) => {
                    let retry = Callback::new(move |_| page.counts.refetch());
                    view! { <ApiErrorView error=e context=Key::ChartLoadFailed retry=retry /> }
                        .into_any()
                }
                Some(Ok(counts)) => {
                    let r = page.range.get_untracked().resolve(now_ms());
                    let chart = arrange(&counts, r.first_day, r.last_day);
                    if chart.total == 0 {
                        view! { <p class="muted" data-testid="chart-empty">{tr(Key::ChartNoEntries)}</p> }
                            .into_any()
                    } else {
                        view! { <ChartBody chart=chart /> }.into_any()
                    }
                }
            }}
        </section>
    }
}

/// The name of a series: a kind, or "other kinds" for the last.
fn series_name(chart: &Chart, index: usize, other: &str) -> String {
    chart
        .series
        .get(index)
        .cloned()
        .unwrap_or_else(|| other.to_string())
}

#[component]
fn ChartBody(chart: Chart) -> impl IntoView {
    let i18n = use_i18n();
    let controller = use_logs_page().controller;
    let slot = WIDTH / chart.days.len() as f64;
    let bar = (slot * 0.7).max(1.0);
    // Label every nth day so the labels never overlap.
    let every = (chart.days.len() as f64 / 10.0).ceil().max(1.0) as usize;
    let bars = chart
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let x = i as f64 * slot + (slot - bar) / 2.0;
            let segments = stack(day, chart.max, HEIGHT)
                .into_iter()
                .map(|s| {
                    view! {
                        <rect
                            class=format!("series-{}", s.series)
                            x=x
                            y=s.y
                            width=bar
                            height=s.height
                        />
                    }
                })
                .collect_view();
            let (d, total) = (day.day, day.total);
            let label = move || {
                i18n.t(Key::ChartDayLabel)
                    .replace("{day}", &day_label(i18n.locale.get().tag(), d))
                    .replace("{count}", &group_thousands(total))
            };
            let narrow = move || show_range(controller, LogRange::Custom { from: d, to: d });
            let text = (i % every == 0).then(|| {
                view! {
                    <text class="chart-label" x=x + bar / 2.0 y=HEIGHT + 16.0 text-anchor="middle">
                        {move || day_label(i18n.locale.get().tag(), d)}
                    </text>
                }
            });
            view! {
                <g
                    class="chart-day"
                    role="button"
                    tabindex="0"
                    aria-label=label
                    data-testid="chart-day"
                    data-day=day_to_input(d)
                    on:click=move |_| narrow()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            narrow();
                        }
                    }
                >
                    <title>{label}</title>
                    // The whole column is the target, also above a short bar.
                    <rect class="chart-hit" x=i as f64 * slot y=0 width=slot height=HEIGHT />
                    {segments}
                    {text}
                </g>
            }
        })
        .collect_view();
    let series_count = chart.series.len() + usize::from(chart.has_other);
    let legend = (0..series_count)
        .map(|i| {
            let name = {
                let chart = chart.clone();
                move || series_name(&chart, i, i18n.t(Key::ChartOtherKinds))
            };
            view! {
                <li>
                    <span class=format!("swatch series-{i}") aria-hidden="true"></span>
                    <span class="server-message">{name}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {}", HEIGHT + LABELS)
            role="group"
            aria-labelledby="chart-title"
        >
            {bars}
        </svg>
        <ul class="chart-legend" data-testid="chart-legend">{legend}</ul>
        <CountsTable chart=chart />
    }
}

/// The chart's numbers as a table (inside a disclosure, for screen readers and exact counts).
#[component]
fn CountsTable(chart: Chart) -> impl IntoView {
    let i18n = use_i18n();
    let series_count = chart.series.len() + usize::from(chart.has_other);
    let (first, last) = (
        chart.days.first().map(|d| d.day).unwrap_or_default(),
        chart.days.last().map(|d| d.day).unwrap_or_default(),
    );
    let caption = move || {
        i18n.t(Key::ChartCaption)
            .replace("{from}", &day_to_input(first))
            .replace("{to}", &day_to_input(last))
    };
    let headers = {
        let chart = chart.clone();
        move || {
            (0..series_count)
                .map(|i| {
                    view! {
                        <th scope="col" class="cell-number">
                            {series_name(&chart, i, i18n.t(Key::ChartOtherKinds))}
                        </th>
                    }
                })
                .collect_view()
        }
    };
    let rows = chart
        .days
        .iter()
        .map(|day| {
            let cells = day.counts[..chart.series.len()]
                .iter()
                .chain(chart.has_other.then(|| &day.counts[chart.series.len()]))
                .map(|n| view! { <td class="cell-number">{group_thousands(*n)}</td> })
                .collect_view();
            view! {
                <tr data-testid="count-row">
                    <th scope="row">{day_to_input(day.day)}</th>
                    {cells}
                    <td class="cell-number">{group_thousands(day.total)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="chart-table">
            <summary>{tr(Key::ChartShowTable)}</summary>
            <div class="table-wrap">
                <table class="data-table" data-testid="counts-table">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::ColDay)}</th>
                            {headers}
                            <th scope="col" class="cell-number">{tr(Key::ColTotal)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}
