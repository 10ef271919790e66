//! quay-admin: a superuser console for a Quay container registry (Leptos CSR, built by Trunk).

mod api;
mod app;
mod auth;
mod browser;
mod clock;
mod components;
mod config;
mod dates;
mod format;
mod i18n;
mod intl;
mod json;
mod list;
mod page_styles;
mod pages;
mod quota_limit;
mod routes;
mod validation;

use leptos::prelude::*;

use crate::app::{App, ConfigError};
use crate::config::parse_runtime_config;

fn main() {
    // Release builds abort on panic without running any hook (-Cpanic=immediate-abort): there
    // the hook would be first-load bytes that never run.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // early.js is loading the page again without an OAuth return in its address.
    if document()
        .document_element()
        .is_some_and(|root| root.has_attribute("data-reloading"))
    {
        return;
    }
    // First of all, take a sign-in return (token or error) out of the address bar.
    let oauth_return = auth::oauth::take_return_from_location();
    wasm_bindgen_futures::spawn_local(async move {
        // Both at once: the language's texts must be there before the first paint.
        let (config, language) =
            futures_util::future::join(load_runtime_config(), i18n::prepare()).await;
        remove_boot_skeleton();
        match config {
            Ok(config) => {
                browser::add_policy(&config::connect_policy(&config.api_base));
                let mount = browser::mount_url().map_or_else(|| "/".to_string(), |u| u.pathname());
                let base = routes::router_base(&mount);
                leptos::mount::mount_to_body(
                    move || view! { <App config=config base=base oauth_return=oauth_return language=language /> },
                );
            }
            Err(message) => {
                leptos::mount::mount_to_body(
                    move || view! { <ConfigError message=message language=language /> },
                );
            }
        }
    });
}

/// `config.json` sits next to index.html.
async fn load_runtime_config() -> Result<config::RuntimeConfig, String> {
    parse_runtime_config(&browser::fetch_text("config.json").await?)
}

/// index.html shows a static skeleton so the page is never blank while the wasm loads.
fn remove_boot_skeleton() {
    if let Some(el) = document().get_element_by_id("boot") {
        el.remove();
    }
}
