//! The Usage logs page (`/logs`): range presets and a custom range, the daily chart (and its
//! numbers as a table), entries as sentences with their metadata, kind and performer filters,
//! the walk of the range (progress, cancel, load all), the time zone, and the export of a range
//! as CSV.

use serde_json::Value;

use crate::Ctx;

/// An entry's row: what shows that the page has loaded its data.
pub const ROW: &str = "[data-testid=log-row]";
const SENTENCE: &str = "[data-testid=log-sentence]";
const PERFORMER: &str = "[data-testid=log-performer]";
const CHART_DAY: &str = "[data-testid=chart-day]";
const CHART_LEGEND: &str = "[data-testid=chart-legend]";
const CHART_TABLE: &str = ".chart-table summary";
const COUNT_ROW: &str = "[data-testid=count-row]";
const FROM: &str = "#logs-from";
const TO: &str = "#logs-to";
const KIND_FILTER: &str = "[data-testid=kind-filter]";
const PERFORMER_FILTER: &str = "[data-testid=performer-filter]";
const ZONE: &str = "[data-testid=zone]";
const TIME_HEADER: &str = "[data-testid=sort-time]";
const PROGRESS: &str = "[data-testid=logs-progress]";
const CANCEL: &str = "[data-testid=load-cancel]";
/// The entries table's box (it scrolls when the table is wider).
pub const TABLE_WRAP: &str = "[data-testid=logs-table-wrap]";
pub const TABLE: &str = "[data-testid=logs-table]";
pub const SKELETON_ROW: &str = "[data-testid=skeleton-row]";
/// The button that exports the range shown.
pub const EXPORT: &str = "[data-testid=export-range]";

/// Records the files the page hands to the browser (`URL.createObjectURL`).
const CATCH_DOWNLOADS: &str = "window.__downloads = []; const original = URL.createObjectURL; \
     URL.createObjectURL = function (blob) { window.__downloads.push(blob); \
     return original.call(URL, blob); }; return true;";

/// The last file caught: its text and whether it starts with a UTF-8 byte order mark.
const LAST_DOWNLOAD: &str = "const b = window.__downloads[window.__downloads.length - 1]; \
     if (!b) return null; \
     return Promise.all([b.text(), b.slice(0, 3).arrayBuffer()]) \
       .then(([text, head]) => [text, new Uint8Array(head).join(',') === '239,187,191']);";

#[derive(Clone, Copy)]
pub struct Logs<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn logs(&self) -> Logs<'_> {
        Logs { ctx: self }
    }
}

/// A range preset's button (`preset`: `24h`, `7d`, `30d`).
fn preset(preset: &str) -> String {
    format!("[data-testid=range-{preset}]")
}

impl<'a> Logs<'a> {
    /// Navigates to `/logs` with `query` (e.g. `?range=30d`, or empty).
    pub async fn goto(&self, query: &str) {
        self.ctx.goto(&format!("/logs{query}")).await;
    }

    /// Waits for an entry.
    pub async fn wait_for_entries(&self) {
        self.ctx.find(ROW).await;
    }

    /// Waits for the chart's days.
    pub async fn wait_for_chart(&self) {
        self.ctx.find(CHART_DAY).await;
    }

    /// How many days the chart has.
    pub async fn chart_days(&self) -> Value {
        self.ctx
            .js(&format!(
                "return document.querySelectorAll('{CHART_DAY}').length;"
            ))
            .await
    }

    pub async fn legend_shows(&self, text: &str) {
        self.ctx.wait_for_text(CHART_LEGEND, text).await;
    }

    /// Opens the chart's numbers as a table.
    pub async fn open_chart_table(&self) {
        self.ctx.click(CHART_TABLE).await;
    }

    /// The chart table's rows, as text.
    pub async fn day_counts(&self) -> Vec<String> {
        self.ctx.texts(COUNT_ROW).await
    }

    /// Clicks the chart's day `day` (`yyyy-mm-dd`): the range narrows to it.
    pub async fn narrow_to_day(&self, day: &str) {
        self.ctx
            .click(&format!("{CHART_DAY}[data-day='{day}']"))
            .await;
    }

    /// Clicks the range preset `name` (`24h`, `7d`, `30d`).
    pub async fn choose_range(&self, name: &str) {
        self.ctx.click(&preset(name)).await;
    }

    /// Waits until the preset `name` is the one pressed, reading `text`.
    pub async fn range_pressed_shows(&self, name: &str, text: &str) {
        self.ctx
            .wait_for_text(&format!("{}[aria-pressed=true]", preset(name)), text)
            .await;
    }

    /// The custom range's first day, as in its field.
    pub async fn from(&self) -> String {
        self.ctx.value(FROM).await
    }

    /// The custom range's last day, as in its field.
    pub async fn to(&self) -> String {
        self.ctx.value(TO).await
    }

    /// The entries' sentences shown, in order.
    pub async fn sentences(&self) -> Vec<String> {
        self.ctx.texts(SENTENCE).await
    }

    /// The entries' performers shown, in order.
    pub async fn performers(&self) -> Vec<String> {
        self.ctx.texts(PERFORMER).await
    }

    /// The entries' kinds (`data-kind`), in order.
    pub async fn kinds(&self) -> Value {
        self.ctx
            .js(&format!(
                "return [...document.querySelectorAll('{ROW}')].map(r => r.dataset.kind);"
            ))
            .await
    }

    /// Every link in the entries, in order, per entry: its kind, the link's accessible text
    /// (visible and screen-reader-only together) and its `href` (`null`s for an entry
    /// without a link).
    pub async fn entry_links(&self) -> Value {
        self.ctx
            .js(&format!(
                "return [...document.querySelectorAll('{ROW}')].map(r => {{ \
                   const a = r.querySelector('a[href]'); \
                   return [r.dataset.kind, a && a.textContent.replace(/\\s+/g, ' ').trim(), a && a.getAttribute('href')]; }});"
            ))
            .await
    }

    /// Follows the link named `name` (its text begins so) in the entries.
    pub async fn follow_link(&self, name: &str) {
        self.ctx
            .js(&format!(
                "[...document.querySelectorAll('{ROW} a[href]')].find(a => a.textContent.trim().startsWith({name:?})).click(); return null;"
            ))
            .await;
    }

    /// How many `script` elements the entries' metadata holds.
    pub async fn scripts_in_metadata(&self) -> Value {
        self.ctx
            .js("return document.querySelectorAll('.log-metadata script').length;")
            .await
    }

    /// The first entry.
    pub fn first_entry(&self) -> LogEntry<'a> {
        LogEntry {
            ctx: self.ctx,
            css: format!("{ROW}:first-child"),
        }
    }

    /// The (first) entry of the kind `kind`.
    pub fn entry_of_kind(&self, kind: &str) -> LogEntry<'a> {
        LogEntry {
            ctx: self.ctx,
            css: format!("{ROW}[data-kind={kind}]"),
        }
    }

    /// Chooses the kind filter `kind` (as a person does: opened, then changed).
    pub async fn filter_kind(&self, kind: &str) {
        self.ctx.click(KIND_FILTER).await;
        self.ctx
            .js(&format!(
                "const s = document.querySelector('{KIND_FILTER}'); \
                s.value = '{kind}'; s.dispatchEvent(new Event('change')); return true;"
            ))
            .await;
    }

    /// The kind choices' labels, in order.
    pub async fn kind_options(&self) -> Vec<String> {
        self.ctx.texts(&format!("{KIND_FILTER} option")).await
    }

    /// Waits until a kind choice reads `text`.
    pub async fn kind_option_shows(&self, text: &str) {
        self.ctx.wait_for_text(KIND_FILTER, text).await;
    }

    /// The chart legend's names, in order.
    pub async fn legend(&self) -> Vec<String> {
        self.ctx.texts(&format!("{CHART_LEGEND} li")).await
    }

    /// Waits until the walk's progress (or what is loaded) reads `text`.
    pub async fn progress_shows(&self, text: &str) {
        self.ctx.wait_for_text(PROGRESS, text).await;
    }

    /// Cancels the walk of the range.
    pub async fn cancel_loading(&self) {
        self.ctx.click(CANCEL).await;
    }

    /// The time column's header (it names the zone).
    pub async fn time_header(&self) -> String {
        self.ctx.text(TIME_HEADER).await
    }

    /// Chooses the time zone (`utc` or `local`).
    pub async fn choose_zone(&self, zone: &str) {
        self.ctx
            .js(&format!(
                "const s = document.querySelector('{ZONE}');                 s.value = '{zone}'; s.dispatchEvent(new Event('change')); return true;"
            ))
            .await;
    }

    /// The first entry's time as shown, and as the browser writes that instant in English in
    /// UTC and in its own zone: `[shown, utc, local]`.
    pub async fn first_time(&self) -> Value {
        self.ctx
            .js(&format!(
                "const t = document.querySelector('{ROW} [data-testid=log-time]');                  const d = new Date(t.getAttribute('datetime'));                  const o = {{dateStyle: 'medium', timeStyle: 'medium'}};                  return [t.textContent, d.toLocaleString('en', {{...o, timeZone: 'UTC'}}),                    d.toLocaleString('en', o)];"
            ))
            .await
    }

    /// `[scrollWidth, clientWidth]` of the entries table's box.
    pub async fn table_widths(&self) -> Value {
        self.ctx
            .js(&format!(
                "const w = document.querySelector('{TABLE_WRAP}'); return [w.scrollWidth, w.clientWidth];"
            ))
            .await
    }

    /// Whether every IP address shown is on one line.
    pub async fn addresses_unwrapped(&self) -> Value {
        self.ctx
            .js(&format!(
                "return [...document.querySelectorAll('{ROW} [data-testid=log-ip]')].every(e =>                  getComputedStyle(e).whiteSpace === 'nowrap' &&                  getComputedStyle(e.parentElement).whiteSpace === 'nowrap');"
            ))
            .await
    }

    /// Loads the whole range shown ("Load all") and waits until every entry is there: the
    /// milliseconds from the click, the usage-log requests made meanwhile (the browser's
    /// resource timings) and the list's range text.
    pub async fn load_whole_range(&self) -> (f64, usize, String) {
        self.ctx
            .js("performance.setResourceTimingBufferSize(1000000); performance.clearResourceTimings(); return true;")
            .await;
        let started = std::time::Instant::now();
        self.ctx.click("[data-testid=load-all]").await;
        let deadline = started + std::time::Duration::from_secs(600);
        let text = loop {
            let state = self
                .ctx
                .js("const r = document.querySelector('[data-testid=list-range]');                      const busy = document.querySelector('[data-testid=load-all-progress], [data-testid=load-all]');                      return [r ? r.textContent : '', !!busy];")
                .await;
            let text = state[0].as_str().unwrap_or_default().to_string();
            if state[1] == false && text.contains(" of ") && !text.contains("loaded") {
                break text;
            }
            assert!(std::time::Instant::now() < deadline, "never loaded: {text}");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let requests = self
            .ctx
            .js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/superuser/logs')).length;")
            .await
            .as_u64()
            .unwrap_or(0) as usize;
        (ms, requests, text)
    }

    /// The performer filter's text.
    pub async fn performer_filter(&self) -> String {
        self.ctx.value(PERFORMER_FILTER).await
    }

    /// Exports the range shown.
    pub async fn export(&self) {
        self.ctx.click(EXPORT).await;
    }

    /// From now on, catches the files the page hands to the browser (see
    /// [`Logs::last_download`]).
    pub async fn catch_downloads(&self) {
        self.ctx.js(CATCH_DOWNLOADS).await;
    }

    /// The last file caught: its text and whether it starts with a UTF-8 byte order mark (which
    /// `text()` drops).
    pub async fn last_download(&self) -> (String, bool) {
        let file = self.ctx.js(LAST_DOWNLOAD).await;
        (
            file[0].as_str().expect("a downloaded file").to_string(),
            file[1].as_bool().expect("bom"),
        )
    }
}

/// One entry of the log.
pub struct LogEntry<'a> {
    ctx: &'a Ctx,
    css: String,
}

impl LogEntry<'_> {
    pub async fn sentence_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&format!("{} {SENTENCE}", self.css), text)
            .await;
    }

    /// Opens its details (the metadata).
    pub async fn open_details(&self) {
        self.ctx
            .click(&format!("{} details summary", self.css))
            .await;
    }

    pub async fn metadata_shows(&self, text: &str) {
        self.ctx
            .wait_for_text(&format!("{} .log-metadata", self.css), text)
            .await;
    }
}
