//! Small browser accessors every module needs, each returning `None`/doing nothing where the
//! browser refuses (storage disabled, element missing) instead of failing.

use std::cell::RefCell;
use std::rc::Rc;
use std::task::{Poll, Waker};
use std::time::Duration;

use wasm_bindgen::JsCast;

/// This tab's sessionStorage: the token and other per-tab state.
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// localStorage: preferences only (theme, language, the OAuth client id), never secrets.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The URL of the folder the dashboard is served from: the page's address up to its last `/`
/// (`https://quay.example.com/admin/` for `…/admin/users?q=x`). Every route is one segment below
/// it, so relative URLs (assets, `config.json`, catalogues) resolve there without a
/// `<base href>`, which the Content-Security-Policy forbids (`base-uri 'none'`): the dashboard
/// runs under any path without editing a file.
pub fn mount_url() -> Option<web_sys::Url> {
    let page = web_sys::window()?.document()?.url().ok()?;
    web_sys::Url::new_with_base(".", &page).ok()
}

/// Adds a Content-Security-Policy to the page (a `<meta>` in `<head>`). Policies only add up: a
/// later one can narrow what the page may do, never widen it.
pub fn add_policy(policy: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(head), Ok(meta)) = (document.head(), document.create_element("meta")) else {
        return;
    };
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", policy);
    let _ = head.append_child(&meta);
}

/// Fetches a file served with the dashboard (a path relative to [`mount_url`]), revalidated
/// rather than taken from a stale cache: `config.json` and the language catalogues change
/// without a rebuild. The error says which file and why, for the admin who deployed it.
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(path)
        .header("Cache-Control", "no-cache")
        .send()
        .await
        .map_err(|e| format!("{path} could not be fetched: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "{path} could not be fetched: HTTP {}",
            response.status()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("{path} could not be read: {e}"))
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

/// Lets the browser render and handle input before the caller goes on (a zero-delay timeout):
/// for long work done in steps.
pub async fn yield_to_browser() {
    sleep(Duration::ZERO).await
}

/// Resolves after `duration` (a timeout; at once if the browser refuses one).
pub async fn sleep(duration: Duration) {
    let state = Rc::new(RefCell::new((false, None::<Waker>)));
    let fired = state.clone();
    let queued = leptos::prelude::set_timeout_with_handle(
        move || {
            let mut fired = fired.borrow_mut();
            fired.0 = true;
            if let Some(waker) = fired.1.take() {
                waker.wake();
            }
        },
        duration,
    );
    if queued.is_err() {
        return;
    }
    std::future::poll_fn(move |cx| {
        let mut state = state.borrow_mut();
        if state.0 {
            Poll::Ready(())
        } else {
            state.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
    .await
}

/// A blob of `mime` type made of `parts` (strings or blobs; blobs are referenced, not copied).
pub fn blob_of(parts: &js_sys::Array, mime: &str) -> Result<web_sys::Blob, ()> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_blob_sequence_and_options(parts, &options).map_err(|_| ())
}

/// Offers `text` as a file download.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), ()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    download_blob(filename, &blob_of(&parts, mime)?)
}

/// Offers `blob` as a file download (an object URL on a temporary link, revoked afterwards).
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), ()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| ())?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(())?;
    let link = document
        .create_element("a")
        .map_err(|_| ())?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| ())?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // Revoked a little later: Chrome may still be reading the blob right after the click.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
    Ok(())
}
