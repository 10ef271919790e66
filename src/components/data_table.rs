//! A list page's table: the caption (with the page number), the page's header cells, and a
//! body of the current page's rows, or the loading skeleton and the empty state.

use leptos::prelude::*;

use super::list_view::{EmptyBody, ListController};
use crate::i18n::{use_i18n, Key};
use crate::listing::window::Row;

#[component]
pub fn DataTable<T, R, V>(
    controller: ListController<T>,
    testid: &'static str,
    /// The caption; `{page}` becomes the page number.
    caption: Key,
    /// How many columns (for the full-width loading and empty rows).
    columns: usize,
    no_match: Key,
    none_yet: Key,
    /// The page's primary action for an empty registry.
    #[prop(optional)]
    action: Option<(Key, Callback<()>)>,
    /// Renders one row.
    row: R,
    /// The header cells.
    children: Children,
) -> impl IntoView
where
    T: Row + Clone + PartialEq + Send + Sync + 'static,
    R: Fn(T) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let caption = move || {
        i18n.t(caption)
            .replace("{page}", &controller.window.get().page.to_string())
    };
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid=testid>
                <caption>{caption}</caption>
                <thead>
                    <tr>{children()}</tr>
                </thead>
                <tbody>
                    {move || {
                        let rows = controller.page_rows();
                        if rows.is_empty() {
                            view! {
                                <EmptyBody
                                    controller=controller
                                    columns=columns
                                    no_match=no_match
                                    none_yet=none_yet
                                    action=action
                                />
                            }
                                .into_any()
                        } else {
                            rows.into_iter().map(row).collect_view().into_any()
                        }
                    }}
                </tbody>
            </table>
        </div>
    }
}
