//! The chart of entries per day (per hour for the last 24 hours): one stacked SVG bar per day,
//! a y-axis with round ticks, a legend naming the kinds in the reader's language, and the same
//! numbers as a table for those who cannot see the drawing. With a kind chosen it shows that kind
//! alone. A click (or Enter / Space) on a day shows only that day.

use leptos::prelude::*;

use super::chart_data::{arrange, arrange_hours, stack, ticks, Bucket, Chart, Unit};
use super::filters::show_range;
use super::kinds::kind_label;
use super::range::LogRange;
use super::use_logs_page;
use crate::components::error_view::ApiErrorView;
use crate::dates::day_to_input;
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, I18n, Key};
use crate::intl::day_label;
use crate::pages::Skeleton;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 160.0;
/// Room under the bars for the day labels.
const LABELS: f64 = 22.0;
/// Room left of the bars for the y-axis' numbers.
const AXIS: f64 = 48.0;
/// Room above the bars for the axis' title and the top tick's number.
const TOP: f64 = 24.0;

#[component]
pub fn DailyChart() -> impl IntoView {
    let page = use_logs_page();
    let hourly = move || page.resolved.get().cutoff_ms.is_some();
    let title = move || {
        if hourly() {
            Key::ChartTitleHours
        } else {
            Key::ChartTitle
        }
    };
    let kind = move || page.query.with(|q| q.kind.clone());
    let body = move || {
        let r = page.resolved.get();
        if let Some(cutoff) = r.cutoff_ms {
            // The last 24 hours, counted from the entries once all are there.
            if !page.store.complete.get() {
                return view! { <Skeleton lines=4 /> }.into_any();
            }
            let kind = kind();
            let chart = page.store.rows.with(|rows| {
                arrange_hours(
                    rows.iter()
                        .filter(|row| kind.as_deref().is_none_or(|k| k == row.entry.kind))
                        .map(|row| (row.ms, row.entry.kind.as_str())),
                    cutoff,
                    cutoff + 86_400_000 - 1,
                )
            });
            return body_of(chart);
        }
        match page.counts.get() {
            None => view! { <Skeleton lines=4 /> }.into_any(),
            Some(Err(e)) => {
                let retry = Callback::new(move |_| page.counts.refetch());
                view! { <ApiErrorView error=e context=Key::ChartLoadFailed retry=retry /> }
                    .into_any()
            }
            Some(Ok(counts)) => {
                body_of(arrange(&counts, r.first_day, r.last_day, kind().as_deref()))
            }
        }
    };
    view! {
        <section class="card chart-card" aria-labelledby="chart-title" data-testid="logs-chart">
            <h2 id="chart-title">{move || tr(title())}</h2>
            {body}
        </section>
    }
}

fn body_of(chart: Chart) -> AnyView {
    if chart.total == 0 {
        view! { <p class="muted" data-testid="chart-empty">{tr(Key::ChartNoEntries)}</p> }
            .into_any()
    } else {
        view! { <ChartBody chart=chart /> }.into_any()
    }
}

/// The name of a series: a kind in the reader's language, or "other kinds" for the last.
fn series_name(i18n: I18n, chart: &Chart, index: usize) -> String {
    match chart.series.get(index) {
        Some(kind) => kind_label(i18n, kind),
        None => i18n.t(Key::ChartOtherKinds).to_string(),
    }
}

/// A bucket's label under its bar: the day, or the hour in the page's zone.
fn bucket_label(i18n: I18n, zone: super::zone::Zone, unit: Unit, start: i64) -> String {
    let locale = i18n.locale.get();
    match unit {
        Unit::Day => day_label(locale.tag(), start),
        Unit::Hour => zone.time(locale.tag(), start),
    }
}

#[component]
fn ChartBody(chart: Chart) -> impl IntoView {
    let i18n = use_i18n();
    let page = use_logs_page();
    let unit = chart.unit;
    let zone = page.zone;
    let slot = (WIDTH - AXIS) / chart.days.len() as f64;
    let bar = (slot * 0.7).max(1.0);
    let ticks = ticks(chart.max);
    let top = *ticks.last().unwrap_or(&0);
    // Label every nth bar so the labels never overlap.
    let every = (chart.days.len() as f64 / 10.0).ceil().max(1.0) as usize;
    let axis = ticks
        .iter()
        .map(|&t| {
            let y = TOP + HEIGHT
                - if top == 0 {
                    0.0
                } else {
                    t as f64 / top as f64 * HEIGHT
                };
            view! {
                <line class="chart-grid" x1=AXIS x2=WIDTH y1=y y2=y />
                <text class="chart-label" x=AXIS - 6.0 y=y + 4.0 text-anchor="end">
                    {group_thousands(t)}
                </text>
            }
        })
        .collect_view();
    let bars = chart
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| bar_view(i18n, page, unit, i, day, top, slot, bar, i % every == 0))
        .collect_view();
    let series_count = chart.series.len() + usize::from(chart.has_other);
    let legend = (0..series_count)
        .map(|i| {
            let kind = chart.series.get(i).cloned();
            let name = {
                let chart = chart.clone();
                move || series_name(i18n, &chart, i)
            };
            view! {
                <li title=kind.clone() data-kind=kind>
                    <span class=format!("swatch series-{i}") aria-hidden="true"></span>
                    <span>{name}</span>
                </li>
            }
        })
        .collect_view();
    let _ = zone;
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {}", TOP + HEIGHT + LABELS)
            role="group"
            aria-labelledby="chart-title"
        >
            <g class="chart-axis" aria-hidden="true" data-testid="chart-axis">
                {axis}
                <text class="chart-label chart-axis-title" x=0 y=11.0>
                    {tr(Key::ChartAxisEntries)}
                </text>
            </g>
            {bars}
        </svg>
        <ul class="chart-legend" data-testid="chart-legend">{legend}</ul>
        <CountsTable chart=chart />
    }
}

/// One bar: its segments, its label, and for a day the click that shows only that day.
#[allow(clippy::too_many_arguments)]
fn bar_view(
    i18n: I18n,
    page: super::LogsPage,
    unit: Unit,
    i: usize,
    day: &Bucket,
    top: u64,
    slot: f64,
    bar: f64,
    labelled: bool,
) -> impl IntoView {
    let x = AXIS + i as f64 * slot + (slot - bar) / 2.0;
    let segments = stack(day, top, HEIGHT)
        .into_iter()
        .map(|s| {
            view! {
                <rect
                    class=format!("series-{}", s.series)
                    x=x
                    y=TOP + s.y
                    width=bar
                    height=s.height
                />
            }
        })
        .collect_view();
    let (d, total) = (day.start, day.total);
    let zone = page.zone;
    let name = move || bucket_label(i18n, zone.get(), unit, d);
    let text = labelled.then(|| {
        view! {
            <text class="chart-label" x=x + bar / 2.0 y=TOP + HEIGHT + 16.0 text-anchor="middle">
                {name}
            </text>
        }
    });
    let hit = view! {
        <rect class="chart-hit" x=AXIS + i as f64 * slot y=TOP width=slot height=HEIGHT />
    };
    match unit {
        Unit::Hour => {
            let label = move || {
                i18n.t(Key::ChartHourLabel)
                    .replace("{hour}", &name())
                    .replace("{count}", &group_thousands(total))
            };
            view! {
                <g class="chart-hour" data-testid="chart-day">
                    <title>{label}</title>
                    {hit}
                    {segments}
                    {text}
                </g>
            }
            .into_any()
        }
        Unit::Day => {
            let label = move || {
                i18n.t(Key::ChartDayLabel)
                    .replace("{day}", &name())
                    .replace("{count}", &group_thousands(total))
            };
            let narrow = move || {
                page.update_query(false, |q| {
                    show_range(q, LogRange::Custom { from: d, to: d })
                })
            };
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
                    {hit}
                    {segments}
                    {text}
                </g>
            }
            .into_any()
        }
    }
}

/// The chart's numbers as a table (inside a disclosure, for screen readers and exact counts).
#[component]
fn CountsTable(chart: Chart) -> impl IntoView {
    let i18n = use_i18n();
    let series_count = chart.series.len() + usize::from(chart.has_other);
    let zone = use_logs_page().zone;
    let unit = chart.unit;
    let (first, last) = (
        chart.days.first().map(|d| d.start).unwrap_or_default(),
        chart.days.last().map(|d| d.start).unwrap_or_default(),
    );
    let caption = move || match unit {
        Unit::Day => i18n
            .t(Key::ChartCaption)
            .replace("{from}", &day_to_input(first))
            .replace("{to}", &day_to_input(last)),
        Unit::Hour => i18n
            .t(Key::ChartCaptionHours)
            .replace("{zone}", &zone.get().name()),
    };
    let headers = {
        let chart = chart.clone();
        move || {
            (0..series_count)
                .map(|i| {
                    view! {
                        <th scope="col" class="cell-number">
                            {series_name(i18n, &chart, i)}
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
            let start = day.start;
            let name = move || match unit {
                Unit::Day => day_to_input(start),
                Unit::Hour => zone.get().date_time(i18n.locale.get().tag(), start),
            };
            view! {
                <tr data-testid="count-row">
                    <th scope="row">{name}</th>
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
                            <th scope="col">
                                {move || tr(if unit == Unit::Day { Key::ColDay } else { Key::ColHour })}
                            </th>
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
