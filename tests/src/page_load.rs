//! What a page load fetches and how long it takes to be ready: the static files (not the API)
//! from the browser's Resource Timing, each with the bytes it moved over the network and when it
//! started and ended; the API calls made; the time until the page's first row shows; and the
//! networks Chrome DevTools emulates for it. Used by the request-count tests and `make bench`.

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

/// Every finished request of the current document, each marked as an API call or not.
const COLLECT: &str = r#"
const api = (p) => /\/(api|oauth)\//.test(p) || p === '/config'; // Quay's /config too
const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
return all.map((e) => {
  const path = new URL(e.name).pathname;
  return { path, api: api(path), transfer: e.transferSize, start: e.startTime, end: e.responseEnd };
});
"#;

/// The requests of the current document so far (those that have finished).
pub struct Requests {
    /// The document and the files it loaded.
    pub statics: Vec<StaticRequest>,
    /// How many API calls (the registry's `/api/`, `/oauth/`, `/config`).
    pub api: usize,
}

/// The static requests and the API calls of the current document so far.
pub async fn requests(ctx: &Ctx) -> Requests {
    let entries = ctx.js(COLLECT).await;
    let number = |e: &Value, key: &str| e[key].as_f64().unwrap_or_default();
    let (api, statics): (Vec<&Value>, Vec<&Value>) = entries
        .as_array()
        .expect("resource timing entries")
        .iter()
        .partition(|e| e["api"].as_bool().unwrap_or(false));
    Requests {
        statics: statics
            .into_iter()
            .map(|e| StaticRequest {
                path: e["path"].as_str().unwrap_or_default().to_string(),
                transfer: number(e, "transfer"),
                start: number(e, "start"),
                end: number(e, "end"),
            })
            .collect(),
        api: api.len(),
    }
}

/// The static requests of the current document so far.
pub async fn static_requests(ctx: &Ctx) -> Vec<StaticRequest> {
    requests(ctx).await.statics
}

/// Empties the browser's HTTP cache: the next load is a first visit's.
pub async fn clear_cache(ctx: &Ctx) {
    browser::cdp(&ctx.client, "Network.clearBrowserCache", json!({})).await;
}

/// A network as Chrome DevTools emulates it (`Network.emulateNetworkConditions`): every
/// request that reaches the network (not one served from the cache) waits `latency_ms` and
/// moves its bytes at the given rates.
#[derive(Debug, Clone, Copy)]
pub struct Network {
    pub name: &'static str,
    /// Megabits per second; `None` leaves the link as it is (loopback).
    pub down_mbit: Option<f64>,
    pub up_mbit: Option<f64>,
    pub latency_ms: f64,
}

/// Loopback as it is.
pub const UNTHROTTLED: Network = Network {
    name: "none",
    down_mbit: None,
    up_mbit: None,
    latency_ms: 0.0,
};

/// DevTools' cable preset: 5 Mbit/s down, 1 Mbit/s up, 28 ms.
pub const CABLE: Network = Network {
    name: "cable",
    down_mbit: Some(5.0),
    up_mbit: Some(1.0),
    latency_ms: 28.0,
};

/// DevTools' "Fast 3G" preset: 1.6 Mbit/s down, 0.75 Mbit/s up, 150 ms.
pub const FAST_3G: Network = Network {
    name: "fast 3G",
    down_mbit: Some(1.6),
    up_mbit: Some(0.75),
    latency_ms: 150.0,
};

impl Network {
    /// The parameters of `Network.emulateNetworkConditions`: throughput in bytes per second,
    /// -1 for no limit.
    pub fn cdp_params(&self) -> Value {
        let bytes_per_s = |mbit: Option<f64>| mbit.map_or(-1.0, |m| m * 1e6 / 8.0);
        json!({
            "offline": false,
            "latency": self.latency_ms,
            "downloadThroughput": bytes_per_s(self.down_mbit),
            "uploadThroughput": bytes_per_s(self.up_mbit),
        })
    }
}

/// Makes the browser's page go through `network` from now on (navigations included) until
/// called again; [`UNTHROTTLED`] lifts the emulation.
pub async fn emulate(ctx: &Ctx, network: &Network) {
    browser::cdp(&ctx.client, "Network.enable", json!({})).await;
    browser::cdp(
        &ctx.client,
        "Network.emulateNetworkConditions",
        network.cdp_params(),
    )
    .await;
}

/// One measured page load.
pub struct Load {
    /// Milliseconds from the navigation's start until the page was ready (see [`timed_load`]).
    pub ready_ms: f64,
    /// Of that, milliseconds the main thread spent in long tasks (over 50 ms each): what keeps
    /// the page from answering input while it starts.
    pub busy_ms: f64,
    /// What had been fetched by then.
    pub requests: Requests,
}

/// Watches every new document of the page from its very start: once `row` (CSS) matches an
/// element that is shown (laid out, not inside the `visibility: hidden` `<main>` of a page whose
/// styles are still loading; it may lie below the fold, as the usage logs' chart comes first)
/// the page has drawn its first row; one
/// animation frame later the main thread has painted that frame and come back to its event
/// loop, so input would be handled: that time is the page's "ready".
const READY_PROBE: &str = r#"
(() => {
  if (!location.protocol.startsWith('http')) return;
  // The main thread's long tasks (> 50 ms: wasm compile, start-up, first render), for
  // `Load::busy_ms`.
  window.__quayAdminBenchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__quayAdminBenchLongTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  };
  const check = () => {
    const el = document.querySelector(ROW);
    if (el && shown(el)) {
      requestAnimationFrame(() => { window.__quayAdminBenchReady = performance.now(); });
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();
"#;

/// Waits for the probe's answer (WebDriver's script timeout bounds the wait).
/// Answers `[ready, long-task ms before ready]`, a moment after ready so that the observer has
/// been told of every task before it.
const READY_AT: &str = r#"
const done = arguments[arguments.length - 1];
const poll = () => {
  const ready = window.__quayAdminBenchReady;
  if (ready === undefined) { setTimeout(poll, 10); return; }
  setTimeout(() => {
    const busy = (window.__quayAdminBenchLongTasks || [])
      .filter(([start]) => start < ready)
      .reduce((sum, [start, duration]) => sum + Math.min(duration, ready - start), 0);
    done([ready, busy]);
  }, 100);
};
poll();
"#;

/// Opens `path` (a navigation from whatever page is open, as [`crate::time_navigations`] does)
/// and measures it: the time until its first `row` (CSS) is shown and the page responds to
/// input (see [`READY_PROBE`]), and the requests made by then.
///
/// The probe is installed before the navigation and timestamps from inside the page, each
/// animation frame: WebDriver's navigation returns only after the `load` event (which waits for
/// the preloaded modules), so polling from outside would start late and add a round trip.
/// (Going through `about:blank` first made every load 70–100 ms slower here: the page then
/// starts in a new renderer process.)
pub async fn timed_load(ctx: &Ctx, path: &str, row: &str) -> Load {
    let source = READY_PROBE.replace("ROW", &serde_json::to_string(row).expect("JSON"));
    let added = browser::cdp(
        &ctx.client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await;
    ctx.goto(path).await;
    let ready = ctx.client.execute_async(READY_AT, Vec::new()).await;
    browser::cdp(
        &ctx.client,
        "Page.removeScriptToEvaluateOnNewDocument",
        json!({ "identifier": added["identifier"] }),
    )
    .await;
    let ready = ready.unwrap_or_else(|e| panic!("{path}: {row} never shown: {e}"));
    Load {
        ready_ms: ready[0].as_f64().expect("milliseconds"),
        busy_ms: ready[1].as_f64().unwrap_or_default(),
        requests: requests(ctx).await,
    }
}
