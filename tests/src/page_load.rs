//! What a page load fetches, from the browser's Resource Timing: the static files (not the API),
//! each with the bytes it moved over the network and when it started and ended. Used by the
//! request-count tests and `make bench`.

use serde_json::{json, Value};

use crate::{browser, Ctx};

/// One request of the document or a file it loaded (not an API call).
#[derive(Debug, Clone)]
pub struct StaticRequest {
    /// The URL's path.
    pub path: String,
    /// Bytes over the network, headers included: 0 when served from the browser's cache
    /// without asking the server (a revalidation is a few hundred bytes).
    pub transfer: f64,
    /// Milliseconds since the navigation started.
    pub start: f64,
    pub end: f64,
}

impl StaticRequest {
    /// Whether the request reached the server (a download or a revalidation).
    pub fn hit_network(&self) -> bool {
        self.transfer > 0.0
    }

    /// The file's name (last path segment; "" for the folder, i.e. index.html).
    pub fn file(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or_default()
    }
}

const COLLECT: &str = r#"
const api = (p) => /\/(api|oauth)\//.test(p) || p === '/config'; // Quay's /config too
const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
return all
  .map((e) => ({ path: new URL(e.name).pathname, transfer: e.transferSize, start: e.startTime, end: e.responseEnd }))
  .filter((e) => !api(e.path));
"#;

/// The static requests of the current document so far.
pub async fn static_requests(ctx: &Ctx) -> Vec<StaticRequest> {
    let entries = ctx.js(COLLECT).await;
    let number = |e: &Value, key: &str| e[key].as_f64().unwrap_or_default();
    entries
        .as_array()
        .expect("resource timing entries")
        .iter()
        .map(|e| StaticRequest {
            path: e["path"].as_str().unwrap_or_default().to_string(),
            transfer: number(e, "transfer"),
            start: number(e, "start"),
            end: number(e, "end"),
        })
        .collect()
}

/// Empties the browser's HTTP cache: the next load is a first visit's.
pub async fn clear_cache(ctx: &Ctx) {
    browser::cdp(&ctx.client, "Network.clearBrowserCache", json!({})).await;
}
