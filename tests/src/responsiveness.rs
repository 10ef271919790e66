//! Main-thread responsiveness of the page over a window the test chooses: long tasks (the Long
//! Tasks API reports every task over 50 ms), long animation frames (frames over 50 ms, where
//! Chromium supports them) and the longest gap between two animation frames (a figure also below
//! 50 ms).

use serde_json::Value;

use crate::Ctx;

/// Installed once per page load. `buffered: true` also delivers the long tasks from before the
/// observer existed (since the page loaded), so [`Responsiveness::longest_task_before`] covers
/// the start-up too.
const RECORDER: &str = r#"
if (!window.__responsiveness) {
  const r = window.__responsiveness = { from: null, tasks: [], frames: [], gap: 0, last: null };
  const keep = list => e => list.push([e.startTime, e.duration, e]);
  new PerformanceObserver(l => l.getEntries().forEach(keep(r.tasks)))
    .observe({ type: 'longtask', buffered: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver(l => l.getEntries().forEach(keep(r.frames)))
      .observe({ type: 'long-animation-frame', buffered: true });
  }
  const tick = t => {
    if (r.from !== null && r.last !== null && r.last >= r.from) r.gap = Math.max(r.gap, t - r.last);
    r.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"#;

/// The window opens at the first `arguments[0]` event the document sees (capture phase, before
/// the page's own handlers run).
const OPEN_ON_EVENT: &str = r#"
const r = window.__responsiveness;
document.addEventListener(arguments[0], () => { r.from = performance.now(); },
  { capture: true, once: true });
"#;

/// What happened from the window's opening until now (times in milliseconds).
const REPORT: &str = r#"
const r = window.__responsiveness;
if (!r || r.from === null) return null;
const inside = ([start]) => start >= r.from;
const durations = list => list.filter(inside).map(([, d]) => d);
const before = r.tasks.filter(e => !inside(e)).map(([, d]) => d);
const ms = t => Math.round(t) + ' ms';
const at = start => `at +${ms(start - r.from)}: `;
const frame = ([start, duration, e]) => at(start) + `frame of ${ms(duration)}, ` +
  (e.styleAndLayoutStart ? `style and layout ${ms(start + duration - e.styleAndLayoutStart)}, ` : '') +
  'scripts ' + JSON.stringify(e.scripts.map(s => `${s.invoker} ${ms(s.duration)}`));
return {
  from: r.from,
  window: performance.now() - r.from,
  tasks: durations(r.tasks),
  frames: durations(r.frames),
  gap: r.gap,
  before: before.length ? Math.max(...before) : 0,
  details: r.tasks.filter(inside).map(([start, d]) => at(start) + `task of ${ms(d)}`)
    .concat(r.frames.filter(inside).map(frame)),
};
"#;

/// Long tasks and frames inside the window (each over 50 ms by the APIs' definition).
#[derive(Clone, Debug)]
pub struct Responsiveness {
    /// `performance.now()` when the window opened.
    pub from: f64,
    /// How long the window has been open.
    pub window_ms: f64,
    /// Durations of the long tasks that started in the window.
    pub long_tasks: Vec<f64>,
    /// Durations of the long animation frames that started in the window.
    pub long_frames: Vec<f64>,
    /// The longest time between two animation frames in the window.
    pub longest_frame_gap: f64,
    /// The longest task before the window (0: none over 50 ms), e.g. compiling the wasm.
    pub longest_task_before: f64,
    /// When each long task and frame started in the window, and what ran in the frames.
    pub details: Vec<String>,
}

impl Responsiveness {
    /// The longest task in the window, or `None` when none took over 50 ms.
    pub fn longest_task(&self) -> Option<f64> {
        self.long_tasks.iter().copied().reduce(f64::max)
    }

    /// The longest animation frame in the window, or `None` when none took over 50 ms.
    pub fn longest_frame(&self) -> Option<f64> {
        self.long_frames.iter().copied().reduce(f64::max)
    }
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

impl Ctx {
    /// Starts recording on the current page and opens the window at the next `event` (e.g.
    /// `submit`) anywhere in the document. A navigation that reloads the page ends it.
    pub async fn record_responsiveness_from(&self, event: &str) {
        self.js(RECORDER).await;
        self.client
            .execute(OPEN_ON_EVENT, vec![Value::from(event)])
            .await
            .expect("open the responsiveness window");
    }

    /// What the page recorded since the window opened; panics if it never opened.
    pub async fn responsiveness(&self) -> Responsiveness {
        let r = self.js(REPORT).await;
        assert!(
            !r.is_null(),
            "the responsiveness window never opened (or the page reloaded)"
        );
        let number = |k: &str| r[k].as_f64().unwrap_or(f64::NAN);
        Responsiveness {
            from: number("from"),
            window_ms: number("window"),
            long_tasks: numbers(&r["tasks"]),
            long_frames: numbers(&r["frames"]),
            longest_frame_gap: number("gap"),
            longest_task_before: number("before"),
            details: r["details"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}
