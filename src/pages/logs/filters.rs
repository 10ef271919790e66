//! The log page's controls: the time range (presets and a custom pair of days), the kind
//! choice and the performer and namespace boxes. All of them live in the URL.

use leptos::prelude::*;

use super::chart_data::kind_totals;
use super::range::{LogRange, Preset};
use super::row::LogRow;
use super::{use_logs_page, LogsPage};
use crate::clock::now_ms;
use crate::dates::{day_to_input, input_to_day};
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, Key};
use crate::list::ListController;

fn preset_label(preset: Preset) -> Key {
    match preset {
        Preset::Day => Key::RangeLast24h,
        Preset::Week => Key::RangeLast7d,
        Preset::Month => Key::RangeLast30d,
    }
}

/// Shows `range` (a new history entry, back to the first page).
pub fn show_range(controller: ListController<LogRow>, range: LogRange) {
    controller.update_query(false, |q| {
        for (name, value) in range.params() {
            q.set_param(name, value);
        }
        q.page = 1;
    });
}

#[component]
pub fn RangePicker() -> impl IntoView {
    let page = use_logs_page();
    let resolved = move || page.range.get().resolve(now_ms());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // The custom fields show the days on screen, also after a preset or a chart click.
    Effect::new(move |_| {
        let r = resolved();
        from.set(day_to_input(r.first_day));
        to.set(day_to_input(r.last_day));
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(a), Some(b)) = (
            input_to_day(&from.get_untracked()),
            input_to_day(&to.get_untracked()),
        ) else {
            return;
        };
        show_range(
            page.controller,
            LogRange::Custom {
                from: a.min(b),
                to: a.max(b),
            },
        );
    };
    let presets = Preset::ALL
        .into_iter()
        .map(|preset| {
            let pressed = move || page.range.get() == LogRange::Preset(preset);
            view! {
                <button
                    type="button"
                    class="button button-small chip"
                    data-testid=format!("range-{}", preset.id())
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    on:click=move |_| show_range(page.controller, LogRange::Preset(preset))
                >
                    {tr(preset_label(preset))}
                </button>
            }
        })
        .collect_view();
    let custom = move || matches!(page.range.get(), LogRange::Custom { .. });
    view! {
        <form class="range-picker" aria-labelledby="range-label" on:submit=apply>
            <span id="range-label" class="range-label">{tr(Key::TimeRange)}</span>
            <div class="quick-filters">
                {presets}
                <span class="badge badge-muted" hidden=move || !custom() data-testid="range-custom">
                    {tr(Key::RangeCustom)}
                </span>
            </div>
            {date_field("logs-from", Key::RangeFrom, from)}
            {date_field("logs-to", Key::RangeTo, to)}
            <button type="submit" class="button button-small" data-testid="range-apply">
                {tr(Key::ShowRange)}
            </button>
        </form>
    }
}

fn date_field(id: &'static str, label: Key, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field field-inline">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                type="date"
                required
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </div>
    }
}

/// "All kinds", then the kinds in the range (from Quay's counts, with them; the loaded entries'
/// kinds if the counts failed), and a kind from the URL even before either arrives.
pub fn kind_options(page: LogsPage) -> Signal<Vec<(String, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let counts = page.counts.get().and_then(Result::ok);
        let mut kinds: Vec<(String, Option<u64>)> = counts
            .as_deref()
            .map(|counts| {
                kind_totals(counts)
                    .into_iter()
                    .map(|(k, n)| (k, Some(n)))
                    .collect()
            })
            .unwrap_or_default();
        let mut add = |kind: &str| {
            if !kinds.iter().any(|(k, _)| k == kind) {
                kinds.push((kind.to_string(), None));
            }
        };
        // The counts name every kind in the range. Only without them are the loaded entries
        // read (and followed), which "load all" would otherwise rescan after every page.
        if counts.is_none() {
            page.controller
                .list
                .loaded
                .with(|l| l.items.iter().for_each(|r| add(&r.entry.kind)));
        }
        if let Some(kind) = page.controller.query.get().kind {
            add(&kind);
        }
        std::iter::once((String::new(), i18n.t(Key::AllKinds).to_string()))
            .chain(kinds.into_iter().map(|(kind, count)| {
                let label = match count {
                    Some(n) => format!("{kind} ({})", group_thousands(n)),
                    None => kind.clone(),
                };
                (kind, label)
            }))
            .collect()
    })
}

/// A text box narrowing the loaded entries by one of the page's facets.
#[component]
pub fn FacetInput(param: &'static str, label: Key) -> impl IntoView {
    let controller = use_logs_page().controller;
    let id = format!("logs-{param}");
    view! {
        <div class="field field-inline">
            <label for=id.clone()>{tr(label)}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                spellcheck="false"
                data-testid=format!("{param}-filter")
                prop:value=move || controller.query.get().param(param).unwrap_or_default().to_string()
                // One history entry per filter, not one per keystroke.
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    controller.update_query(true, |q| {
                        q.set_param(param, Some(text));
                        q.page = 1;
                    });
                }
            />
        </div>
    }
}
