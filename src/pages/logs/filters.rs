//! The log page's controls: the time range (presets and a custom pair of days), the search
//! box, the kind choice, the performer and namespace boxes, the time zone and the page size.
//! All of them live in the URL.

use leptos::prelude::*;

use super::kinds::kind_options;
use super::range::{LogRange, Preset};
use super::use_logs_page;
use super::zone::Zone;
use crate::dates::{day_to_input, input_to_day};
use crate::i18n::{tr, use_i18n, Key};
use crate::list::query::{ListQuery, PAGE_SIZES};

fn preset_label(preset: Preset) -> Key {
    match preset {
        Preset::Day => Key::RangeLast24h,
        Preset::Week => Key::RangeLast7d,
        Preset::Month => Key::RangeLast30d,
    }
}

/// Changes `q` to show `range` (from its first page).
pub fn show_range(q: &mut ListQuery, range: LogRange) {
    for (name, value) in range.params() {
        q.set_param(name, value);
    }
    q.page = 1;
}

#[component]
pub fn RangePicker() -> impl IntoView {
    let page = use_logs_page();
    let resolved = move || page.resolved.get();
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
        page.update_query(false, |q| {
            show_range(
                q,
                LogRange::Custom {
                    from: a.min(b),
                    to: a.max(b),
                },
            )
        });
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
                    on:click=move |_| {
                        page.update_query(false, |q| show_range(q, LogRange::Preset(preset)))
                    }
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

/// The search box, the kind, performer and namespace filters, the zone and the page size.
#[component]
pub fn Toolbar() -> impl IntoView {
    let page = use_logs_page();
    let i18n = use_i18n();
    let options = kind_options(page, i18n);
    let kind = move || page.query.with(|q| q.kind.clone().unwrap_or_default());
    let zone = move || page.zone.get();
    let set_zone = move |value: String| {
        let zone = Zone::parse(Some(&value));
        page.update_query(true, |q| q.set_param("tz", zone.param()));
    };
    view! {
        <div class="list-toolbar logs-toolbar" role="search">
            <div class="field field-inline">
                <label for="logs-search">{tr(Key::FilterLogs)}</label>
                <input
                    id="logs-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="list-filter"
                    prop:value=move || page.query.with(|q| q.filter.clone())
                    // One history entry per filter, not one per keystroke.
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        page.update_query(true, |q| {
                            q.filter = text;
                            q.page = 1;
                        });
                    }
                />
            </div>
            <div class="field field-inline">
                <label for="logs-kind">{tr(Key::ColKind)}</label>
                <select
                    id="logs-kind"
                    data-testid="kind-filter"
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        page.update_query(false, |q| {
                            q.kind = Some(value).filter(|v| !v.is_empty());
                            q.page = 1;
                        });
                    }
                >
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(value, text)| {
                                let chosen = value.clone();
                                view! {
                                    <option value=value selected=move || kind() == chosen>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <FacetInput param="performer" label=Key::FilterPerformer />
            <FacetInput param="namespace" label=Key::FilterNamespace />
            <div class="field field-inline">
                <label for="logs-zone">{tr(Key::TimeZone)}</label>
                <select
                    id="logs-zone"
                    data-testid="zone"
                    on:change:target=move |ev| set_zone(ev.target().value())
                >
                    <option value="utc" selected=move || zone() == Zone::Utc>
                        "UTC"
                    </option>
                    <option value="local" selected=move || zone() == Zone::Local>
                        {move || i18n.t(Key::ZoneLocal).replace("{zone}", &Zone::Local.name())}
                    </option>
                </select>
            </div>
            <div class="field field-inline">
                <label for="logs-page-size">{tr(Key::RowsPerPage)}</label>
                <select
                    id="logs-page-size"
                    data-testid="page-size"
                    on:change:target=move |ev| {
                        let Ok(size) = ev.target().value().parse::<u32>() else { return };
                        let first = page.window.get_untracked().first.max(1);
                        page.update_query(false, |q| {
                            // Keep the first row in view.
                            q.page = ((first - 1) as u32 / size) + 1;
                            q.limit = size;
                        });
                    }
                >
                    {PAGE_SIZES
                        .into_iter()
                        .map(|size| {
                            view! {
                                <option
                                    value=size.to_string()
                                    selected=move || page.query.with(|q| q.limit == size)
                                >
                                    {size}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// A text box narrowing the loaded entries by one of the page's facets.
#[component]
pub fn FacetInput(param: &'static str, label: Key) -> impl IntoView {
    let page = use_logs_page();
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
                prop:value=move || page.query.with(|q| q.param(param).unwrap_or_default().to_string())
                // One history entry per filter, not one per keystroke.
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    page.update_query(true, |q| {
                        q.set_param(param, Some(text));
                        q.page = 1;
                    });
                }
            />
        </div>
    }
}
