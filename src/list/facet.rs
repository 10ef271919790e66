//! A `<select>` that narrows a list page by one of the shared URL facets (`?kind=`, `?only=`):
//! its first option (value "") shows everything.

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key};
use crate::list::controller::ListController;
use crate::list::query::ListQuery;
use crate::list::window::Row;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Kind,
    Only,
}

impl Facet {
    fn get(self, q: &ListQuery) -> String {
        match self {
            Facet::Kind => q.kind.clone(),
            Facet::Only => q.only.clone(),
        }
        .unwrap_or_default()
    }

    fn set(self, q: &mut ListQuery, value: String) {
        let value = Some(value).filter(|v| !v.is_empty());
        match self {
            Facet::Kind => q.kind = value,
            Facet::Only => q.only = value,
        }
    }
}

/// Options whose labels are texts (e.g. kinds of namespace), in the reader's language.
pub fn text_options(choices: &'static [(&'static str, Key)]) -> Signal<Vec<(String, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        choices
            .iter()
            .map(|(value, label)| (value.to_string(), i18n.t(*label).to_string()))
            .collect()
    })
}

#[component]
pub fn FacetSelect<T: Row + Clone + PartialEq + Send + Sync + 'static>(
    controller: ListController<T>,
    facet: Facet,
    label: Key,
    testid: &'static str,
    /// (value, label) pairs, the first one for "all".
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let current = move || facet.get(&controller.query.get());
    view! {
        <label class="picker">
            <span>{tr(label)}</span>
            <select
                data-testid=testid
                on:change:target=move |ev| {
                    let value = ev.target().value();
                    controller.update_query(false, |q| {
                        facet.set(q, value);
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
                                <option value=value selected=move || current() == chosen>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
