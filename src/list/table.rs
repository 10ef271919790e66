//! A list page's table: the caption (with the page number), the page's header cells, and a
//! body of the current page's rows, or the loading skeleton and the empty state. With every row
//! in one table (`?limit=all`) it scrolls inside its frame and draws only the rows in view, with
//! spacer rows standing for the rest, so ten thousand rows cost what thirty do.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{use_i18n, Key};
use crate::list::query::ALL_ROWS;
use crate::list::window::{drawn_rows, Row};
use crate::list::{EmptyBody, ListController};

/// A first guess of a row's height in pixels; measured once rows are drawn.
const ROW_HEIGHT_GUESS: f64 = 44.0;

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
    let one_table = Memo::new(move |_| controller.query.with(|q| q.limit == ALL_ROWS));
    let frame = NodeRef::<Div>::new();
    // (scroll position, frame height, row height), as last measured.
    let geometry = RwSignal::new((0.0, 600.0, ROW_HEIGHT_GUESS));
    let measure = move || {
        if let Some(el) = frame.get_untracked() {
            let row_height = first_row_height(&el).unwrap_or(geometry.get_untracked().2);
            geometry.set((
                f64::from(el.scroll_top()),
                f64::from(el.client_height()),
                row_height,
            ));
        }
    };
    let drawn = Memo::new(move |_| {
        let count = controller.window.with(|w| w.rows.len());
        let (top, height, row_height) = geometry.get();
        drawn_rows(count, top, height, row_height)
    });
    // What the body draws, as memos of the rows themselves: loading more of the list (in the
    // background) changes the window's counts on every batch, but redraws the body only when
    // its rows change, so an open row menu, focus and hover stay put.
    let page_rows = Memo::new(move |_| (!one_table.get()).then(|| controller.page_rows()));
    let drawn_part = Memo::new(move |_| {
        one_table.get().then(|| {
            let count = controller.window.with(|w| w.rows.len());
            let (start, end) = drawn.get();
            (start, end, count, controller.rows_between(start, end))
        })
    });
    let empty = move || {
        view! {
            <EmptyBody
                controller=controller
                columns=columns
                no_match=no_match
                none_yet=none_yet
                action=action
            />
        }
    };
    view! {
        <div
            class="table-wrap"
            class:table-scroll=one_table
            node_ref=frame
            on:scroll=move |_| measure()
        >
            <table class="data-table" data-testid=testid>
                <caption>{caption}</caption>
                <thead>
                    <tr>{children()}</tr>
                </thead>
                <tbody>
                    {move || {
                        if one_table.get() {
                            let Some((start, end, count, rows)) = drawn_part.get() else {
                                return empty().into_any();
                            };
                            if count == 0 {
                                return empty().into_any();
                            }
                            let row_height = geometry.with(|g| g.2);
                            view! {
                                <Spacer columns=columns height=start as f64 * row_height />
                                {rows.into_iter().map(row).collect_view()}
                                <Spacer columns=columns height=(count - end) as f64 * row_height />
                            }
                                .into_any()
                        } else {
                            let rows = page_rows.get().unwrap_or_default();
                            if rows.is_empty() {
                                empty().into_any()
                            } else {
                                rows.into_iter().map(row).collect_view().into_any()
                            }
                        }
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// Stands for rows not drawn, keeping the scroll height (and the scrollbar) true.
#[component]
fn Spacer(columns: usize, height: f64) -> impl IntoView {
    view! {
        <tr class="virtual-spacer" aria-hidden="true">
            <td colspan=columns style:height=format!("{height}px")></td>
        </tr>
    }
}

/// The height of the first drawn row in the frame (rows are one line high in this view).
fn first_row_height(frame: &web_sys::HtmlDivElement) -> Option<f64> {
    let row = frame
        .query_selector("tbody tr:not(.virtual-spacer)")
        .ok()??
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    let height = f64::from(row.offset_height());
    (height > 0.0).then_some(height)
}
