//! The lazily loaded pages' stylesheet (style/pages.css), kept out of the first load: the build
//! hook (scripts/stylesheets.py) names it and its integrity in
//! `<meta name="quay-admin-page-styles">` instead of linking it. `quayAdminLoadPageStyles` in
//! `public/early.js` adds the `<link>`, once; until the sheet has loaded (or failed: an unstyled
//! page beats none) the root's `page-styles-loading` class keeps `<main>` hidden, so nothing
//! flashes unstyled. It is a plain script because the same DOM work as wasm bindings cost about
//! 1 KB brotli in the first load; this only calls it.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// Throws only if early.js did not load.
    #[wasm_bindgen(catch, js_name = quayAdminLoadPageStyles)]
    fn load_page_styles() -> Result<(), wasm_bindgen::JsValue>;
}

/// Starts fetching the pages' stylesheet unless it is already there. Called as a lazy page's
/// route matches, so the sheet downloads alongside the page's chunk.
pub fn load() {
    // Without early.js the page shows unstyled; nothing else to do.
    let _ = load_page_styles();
}
