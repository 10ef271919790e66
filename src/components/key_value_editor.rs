//! Free-form metadata as rows of key and value, each with its own labelled inputs, rows added
//! and removed by button (keyboard friendly, no drag and drop).

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key};

/// The metadata the rows describe: blank keys are dropped, a later duplicate key wins.
pub fn rows_to_map(rows: &[(String, String)]) -> BTreeMap<String, String> {
    rows.iter()
        .filter(|(k, _)| !k.trim().is_empty())
        .map(|(k, v)| (k.trim().to_string(), v.clone()))
        .collect()
}

#[component]
pub fn KeyValueEditor(
    rows: RwSignal<Vec<(String, String)>>,
    /// Prefix of the inputs' ids.
    id: &'static str,
    legend: Key,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Only a change in the number of rows rebuilds them: typing must not replace the input.
    let count = Memo::new(move |_| rows.with(Vec::len));
    view! {
        <fieldset class="kv-editor" data-testid=id>
            <legend>{tr(legend)}</legend>
            {move || {
                (0..count.get())
                    .map(|i| {
                        let key_id = format!("{id}-key-{i}");
                        let value_id = format!("{id}-value-{i}");
                        let get = move |pick: fn(&(String, String)) -> String| {
                            move || rows.with(|r| r.get(i).map(pick).unwrap_or_default())
                        };
                        view! {
                            <div class="kv-row">
                                <label for=key_id.clone() class="visually-hidden">
                                    {move || i18n.t(Key::MetadataKey).replace("{n}", &(i + 1).to_string())}
                                </label>
                                <input
                                    id=key_id.clone()
                                    type="text"
                                    placeholder=move || i18n.t(Key::MetadataKeyPlaceholder)
                                    prop:value=get(|r| r.0.clone())
                                    prop:disabled=move || disabled.get()
                                    on:input:target=move |ev| {
                                        let v = ev.target().value();
                                        rows.update(|r| if let Some(row) = r.get_mut(i) { row.0 = v });
                                    }
                                />
                                <label for=value_id.clone() class="visually-hidden">
                                    {move || i18n.t(Key::MetadataValue).replace("{n}", &(i + 1).to_string())}
                                </label>
                                <input
                                    id=value_id.clone()
                                    type="text"
                                    placeholder=move || i18n.t(Key::MetadataValuePlaceholder)
                                    prop:value=get(|r| r.1.clone())
                                    prop:disabled=move || disabled.get()
                                    on:input:target=move |ev| {
                                        let v = ev.target().value();
                                        rows.update(|r| if let Some(row) = r.get_mut(i) { row.1 = v });
                                    }
                                />
                                <button
                                    type="button"
                                    class="button button-small"
                                    prop:disabled=move || disabled.get()
                                    on:click=move |_| rows.update(|r| {
                                        if i < r.len() {
                                            r.remove(i);
                                        }
                                    })
                                >
                                    {tr(Key::RemoveRow)}
                                    <span class="visually-hidden">" " {(i + 1).to_string()}</span>
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="button button-small"
                data-testid=format!("{id}-add")
                prop:disabled=move || disabled.get()
                on:click=move |_| rows.update(|r| r.push((String::new(), String::new())))
            >
                {tr(Key::AddRow)}
            </button>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_keys_dropped_last_wins() {
        let rows = vec![
            ("a".to_string(), "1".to_string()),
            ("  ".to_string(), "x".to_string()),
            (" a ".to_string(), "2".to_string()),
            ("b".to_string(), String::new()),
        ];
        let map = rows_to_map(&rows);
        assert_eq!(map.len(), 2);
        assert_eq!(map["a"], "2");
        assert_eq!(map["b"], "");
    }
}
