//! Small browser accessors every module needs, each returning `None`/doing nothing where the
//! browser refuses (storage disabled, element missing) instead of failing.

use wasm_bindgen::JsCast;

/// This tab's sessionStorage: the token and other per-tab state.
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// localStorage: preferences only (theme, language, the OAuth client id), never secrets.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Moves keyboard focus to the element with `id`, if it exists and can take focus.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = element {
        let _ = el.focus();
    }
}
