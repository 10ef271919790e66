//! A table row's actions as one menu button (WAI-ARIA menu button pattern): "Actions" opens a
//! `role="menu"` of the row's actions, so a row needs one narrow column however many actions it
//! has. Keyboard: Enter, Space or ↓ opens on the first item, ↑ on the last; arrows, Home and End
//! move; Enter or Space runs; Escape closes; Tab or a click elsewhere closes.
//!
//! The menu is `position: fixed` at the button, so the table's scrolling frame cannot clip it,
//! and it closes when anything scrolls. Choosing an item puts focus back on the button first,
//! so the dialog it opens returns focus there when it closes.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_i18n, Key};

/// One action of a row.
#[derive(Clone)]
pub struct MenuAction {
    pub label: Key,
    pub testid: &'static str,
    pub run: Callback<()>,
    pub danger: bool,
    /// Why the registry would refuse it: the item is disabled and says why.
    pub refused: Option<Key>,
}

impl MenuAction {
    pub fn new(label: Key, testid: &'static str, run: impl Fn() + Send + Sync + 'static) -> Self {
        Self {
            label,
            testid,
            run: Callback::new(move |()| run()),
            danger: false,
            refused: None,
        }
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }

    pub fn refused(mut self, reason: Option<Key>) -> Self {
        self.refused = reason;
        self
    }
}

/// Menu placement: under the button, right edges aligned, or above it near the viewport's foot.
fn place(button: &web_sys::HtmlElement, menu: &web_sys::HtmlElement) {
    let b = button.get_bounding_client_rect();
    let height = f64::from(menu.offset_height());
    let width = f64::from(menu.offset_width());
    let (vw, vh) = web_sys::window()
        .map(|w| {
            let n = |v: Result<wasm_bindgen::JsValue, _>| {
                v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
            };
            (n(w.inner_width()), n(w.inner_height()))
        })
        .unwrap_or((0.0, 0.0));
    let below = b.bottom() + 4.0;
    let top = if below + height > vh && b.top() - height - 4.0 >= 0.0 {
        b.top() - height - 4.0
    } else {
        below
    };
    let left = (b.right() - width).clamp(4.0, (vw - width - 4.0).max(4.0));
    let style = menu.style();
    let _ = style.set_property("top", &format!("{top}px"));
    let _ = style.set_property("left", &format!("{left}px"));
}

fn items_of(menu: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// The index of the focused item, if focus is in the menu.
fn focused_index(items: &[web_sys::HtmlElement]) -> Option<usize> {
    let active = web_sys::window()?.document()?.active_element()?;
    items.iter().position(|i| i.is_same_node(Some(&active)))
}

#[derive(Clone, Copy)]
enum Start {
    First,
    Last,
}

#[component]
pub fn RowMenu(
    /// The row's name, for screen readers ("Actions alice") and the menu's ids.
    name: String,
    actions: Vec<MenuAction>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let button_ref = NodeRef::<html::Button>::new();
    let menu_ref = NodeRef::<html::Div>::new();
    let menu_id = next_menu_id();
    let start = StoredValue::new(Start::First);

    let focus_item = move |index: usize| {
        if let Some(menu) = menu_ref.get_untracked() {
            if let Some(item) = items_of(&menu).get(index) {
                let _ = item.focus();
            }
        }
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button_ref.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let show = move |at: Start| {
        start.set_value(at);
        open.set(true);
    };
    // Once drawn: placed at the button, focus on the first (or last) item, and closed by any
    // scroll (a fixed menu would otherwise float away from its row).
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let (Some(menu), Some(button)) = (menu_ref.get(), button_ref.get_untracked()) else {
            return;
        };
        place(&button, &menu);
        let items = items_of(&menu);
        let index = match start.get_value() {
            Start::First => 0,
            Start::Last => items.len().saturating_sub(1),
        };
        if let Some(item) = items.get(index) {
            let _ = item.focus();
        }
        close_on_scroll(open);
    });

    let on_button_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            show(Start::First);
        }
        "ArrowUp" => {
            ev.prevent_default();
            show(Start::Last);
        }
        _ => {}
    };
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(menu) = menu_ref.get_untracked() else {
            return;
        };
        let items = items_of(&menu);
        if items.is_empty() {
            return;
        }
        let last = items.len() - 1;
        let at = focused_index(&items);
        let target = match ev.key().as_str() {
            "ArrowDown" => Some(at.map_or(0, |i| if i == last { 0 } else { i + 1 })),
            "ArrowUp" => Some(at.map_or(last, |i| if i == 0 { last } else { i - 1 })),
            "Home" => Some(0),
            "End" => Some(last),
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                close(true);
                None
            }
            "Tab" => {
                ev.prevent_default();
                close(true);
                None
            }
            _ => None,
        };
        if let Some(i) = target {
            ev.prevent_default();
            focus_item(i);
        }
    };
    // Focus leaving the button and the menu (a click elsewhere, another window) closes it.
    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|node| {
                menu_ref
                    .get_untracked()
                    .is_some_and(|m| m.contains(Some(&node)))
                    || button_ref
                        .get_untracked()
                        .is_some_and(|b| b.is_same_node(Some(&node)))
            });
        if !inside {
            open.set(false);
        }
    };

    let reasons: Vec<(String, Key)> = actions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.refused.map(|k| (format!("{menu_id}-reason-{i}"), k)))
        .collect();
    let actions = StoredValue::new(actions);
    let label_name = name.clone();
    let reason_prefix = menu_id.clone();
    view! {
        <span class="row-menu" on:focusout=on_focus_out>
            <button
                type="button"
                class="button button-small row-menu-button"
                node_ref=button_ref
                data-testid="row-actions"
                aria-haspopup="menu"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=move || open.get().then(|| menu_id.clone())
                on:click=move |_| if open.get_untracked() { close(false) } else { show(Start::First) }
                on:keydown=on_button_key
            >
                {tr(Key::ColActions)}
                <span class="visually-hidden">" " {label_name}</span>
                <span class="row-menu-caret" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                <div
                    class="row-menu-list"
                    role="menu"
                    id=reason_prefix.clone()
                    node_ref=menu_ref
                    aria-label={
                        let name = name.clone();
                        move || format!("{} {}", i18n.t(Key::ColActions), name)
                    }
                    on:keydown=on_menu_key
                >
                    {actions
                        .get_value()
                        .into_iter()
                        .enumerate()
                        .map(|(i, action)| {
                            let reason_id = format!("{reason_prefix}-reason-{i}");
                            let refused = action.refused;
                            let run = action.run;
                            let activate = move || {
                                if refused.is_some() {
                                    return;
                                }
                                close(true);
                                run.run(());
                            };
                            view! {
                                <div
                                    role="menuitem"
                                    tabindex="-1"
                                    class="row-menu-item"
                                    class:row-menu-danger=action.danger
                                    data-testid=action.testid
                                    aria-disabled=refused.map(|_| "true")
                                    aria-describedby=refused.map(|_| reason_id.clone())
                                    title=move || refused.map(|k| i18n.t(k))
                                    on:click=move |_| activate()
                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                        if matches!(ev.key().as_str(), "Enter" | " ") {
                                            ev.prevent_default();
                                            activate();
                                        }
                                    }
                                >
                                    {tr(action.label)}
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
            // Outside the menu, whose children may only be items.
            {reasons
                .into_iter()
                .map(|(id, k)| view! { <span id=id class="visually-hidden">{tr(k)}</span> })
                .collect_view()}
        </span>
    }
}

/// Ids of the menus and their items' descriptions (row names are hostile: never in an id).
fn next_menu_id() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("row-menu-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Closes the menu on the next scroll anywhere (capturing, so a scrolling table frame counts).
fn close_on_scroll(open: RwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::once_into_js(move || {
        let _ = open.try_set(false);
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    options.set_once(true);
    options.set_passive(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "scroll",
        closure.unchecked_ref(),
        &options,
    );
}
