//! The Builds page (`/builds`): a build looked up by id (its deep link), its facts, and its log
//! with phase headers, followed while it runs and downloaded as a file.

use serde_json::Value;

use crate::Ctx;

/// The field for a build's id.
pub const UUID_FIELD: &str = "#build-uuid";
/// The build's facts: what shows that a build has loaded.
pub const FACTS: &str = "[data-testid=build-facts]";
/// A phase header in the log: what shows that the log has loaded.
pub const LOG_PHASE: &str = "[data-testid=build-log] .log-phase";
/// The build's repository: what shows that a build has loaded.
pub const REPOSITORY: &str = "[data-testid=build-repository]";
const LOOKUP: &str = "[data-testid=build-lookup]";
const STATE: &str = "[data-testid=build-state]";
const LOG: &str = "[data-testid=build-log]";
const LOG_COMMAND: &str = "[data-testid=build-log] .log-command";
const LOG_COUNT: &str = "[data-testid=build-log-count]";
const DOWNLOAD_LOG: &str = "[data-testid=download-build-log]";
const ID_HELP: &str = "[data-testid=build-id-help]";
const FAILURE: &str = "[data-testid=build-failure]";
const PHASE_CODE: &str = "[data-testid=build-phase]";
const LOG_PHASES: &str = "[data-testid=build-log] .log-phase";

/// Whether the failure's reason comes before the build's facts on the page.
const FAILURE_FIRST: &str = r#"
const failure = document.querySelector('[data-testid=build-failure]');
const facts = document.querySelector('[data-testid=build-facts]');
return !!(failure && facts && (failure.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING));
"#;

/// For each coloured span of the log: its classes and the contrast of its colour with the
/// log's background.
const LOG_COLOUR_CONTRASTS: &str = r#"
const rgb = c => (/rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)/.exec(c) || []).slice(1).map(Number);
const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const log = document.querySelector('[data-testid=build-log]');
const bg = lum(rgb(getComputedStyle(log).backgroundColor));
return [...log.querySelectorAll('span[class*=ansi-]')].map(s => {
  const l = lum(rgb(getComputedStyle(s).color));
  return [s.className, (Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05)];
});
"#;

/// Resolves with `performance.now()` once the log's last element ends with `arguments[0]`: the
/// last entry is on the page. Reads one element per frame, so waiting costs the page nothing.
const WAIT_FOR_LAST_LINE: &str = r#"
const expected = arguments[0];
const done = arguments[arguments.length - 1];
const check = () => {
  const log = document.querySelector('[data-testid=build-log]');
  const last = log && log.lastElementChild;
  if (last && last.textContent.endsWith(expected)) done(performance.now());
  else requestAnimationFrame(check);
};
check();
"#;

/// Lines on the page (each entry is one line; phases are headers of one line).
const RENDERED_LINES: &str = r#"
const log = document.querySelector('[data-testid=build-log]');
return Array.from(log.children).reduce((n, el) => n + el.textContent.split('\n').length, 0);
"#;

#[derive(Clone, Copy)]
pub struct Builds<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn builds(&self) -> Builds<'_> {
        Builds { ctx: self }
    }
}

impl Builds<'_> {
    /// Navigates to `/builds` with `query` (e.g. `?build=<id>`, or empty).
    pub async fn goto(&self, query: &str) {
        self.ctx.goto(&format!("/builds{query}")).await;
    }

    /// Types the build's id and looks it up.
    pub async fn look_up(&self, uuid: &str) {
        self.ctx.type_into(UUID_FIELD, uuid).await;
        self.ctx.click(LOOKUP).await;
    }

    pub async fn repository_shows(&self, text: &str) {
        self.ctx.wait_for_text(REPOSITORY, text).await;
    }

    /// Waits until the build's state (Running, Complete…) shows `text`.
    pub async fn state_shows(&self, text: &str) {
        self.ctx.wait_for_text(STATE, text).await;
    }

    /// Waits until the log's line count shows `text`.
    pub async fn line_count_shows(&self, text: &str) {
        self.ctx.wait_for_text(LOG_COUNT, text).await;
    }

    /// Waits until the log's first phase header shows `text`.
    pub async fn phase_shows(&self, text: &str) {
        self.ctx.wait_for_text(LOG_PHASE, text).await;
    }

    /// Waits until the log's first command shows `text`.
    pub async fn command_shows(&self, text: &str) {
        self.ctx.wait_for_text(LOG_COMMAND, text).await;
    }

    /// Waits until the log shows `text`.
    pub async fn log_shows(&self, text: &str) {
        self.ctx.wait_for_text(LOG, text).await;
    }

    /// Waits until the explanation of where build ids come from shows `text`.
    pub async fn id_help_shows(&self, text: &str) {
        self.ctx.wait_for_text(ID_HELP, text).await;
    }

    /// Waits until the reason a build failed shows `text`; returns all it says.
    pub async fn failure_shows(&self, text: &str) -> String {
        self.ctx.wait_for_text(FAILURE, text).await
    }

    /// Whether a failure's reason shows.
    pub async fn shows_failure(&self) -> bool {
        self.ctx.exists(FAILURE).await
    }

    /// Whether the failure's reason is above the build's facts.
    pub async fn failure_is_first(&self) -> bool {
        self.ctx.js(FAILURE_FIRST).await.as_bool().unwrap_or(false)
    }

    /// Whether Quay's word for the phase shows besides the state badge.
    pub async fn shows_phase_code(&self) -> bool {
        self.ctx.exists(PHASE_CODE).await
    }

    /// The log's phase headers, in order.
    pub async fn phase_headers(&self) -> Vec<String> {
        self.ctx.texts(LOG_PHASES).await
    }

    /// The log's text as the page shows it.
    pub async fn log_text(&self) -> String {
        self.ctx.text(LOG).await
    }

    /// The coloured spans of the log: their classes and contrast with the log's background.
    pub async fn log_colour_contrasts(&self) -> Vec<(String, f64)> {
        let spans = self.ctx.js(LOG_COLOUR_CONTRASTS).await;
        spans
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|p| {
                        (
                            p[0].as_str().unwrap_or_default().to_string(),
                            p[1].as_f64().unwrap_or(0.0),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub async fn download_log(&self) {
        self.ctx.click(DOWNLOAD_LOG).await;
    }

    /// Waits until the log's last line ends with `message`; returns `performance.now()` then.
    pub async fn wait_for_last_line(&self, message: &str) -> f64 {
        self.ctx
            .client
            .execute_async(WAIT_FOR_LAST_LINE, vec![Value::from(message)])
            .await
            .unwrap_or_else(|e| panic!("{message:?} never became the log's last line: {e}"))
            .as_f64()
            .expect("milliseconds")
    }

    /// How many lines the log has on the page.
    pub async fn rendered_lines(&self) -> usize {
        self.ctx.js(RENDERED_LINES).await.as_u64().expect("count") as usize
    }
}
