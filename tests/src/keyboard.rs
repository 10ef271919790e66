//! Driving the page with the keyboard only: real key presses through WebDriver actions (no
//! clicks, no scripted focus), and the check that whatever has the focus shows it.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::Ctx;

/// Tab presses before [`Ctx::tab_to`] gives up: more than any page has stops before its content.
const MAX_TABS: usize = 120;

/// Describes the focused element and what, if anything, makes its focus invisible: no outline or
/// box shadow (on SVG, no stroke), or an indicator under 3:1 against the background around it
/// (WCAG 1.4.11).
const FOCUS_REPORT: &str = r#"
const el = document.activeElement;
if (!el || el === document.body) return { who: 'body', problem: 'nothing is focused' };
const who = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (el.dataset && el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : '')
  + ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) + '"';
const rgb = c => { const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[, /]+([\d.]+))?/.exec(c);
  return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null; };
const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
// The indicator sits outside the element: compare with the first opaque background around it.
let background = null;
for (let n = el.parentElement; n && !background; n = n.parentElement) {
  const c = rgb(getComputedStyle(n).backgroundColor);
  if (c && c[3] > 0.5) background = c;
}
background = background || [255, 255, 255, 1];
const s = getComputedStyle(el);
let indicator = null;
if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) indicator = s.outlineColor;
else if (s.boxShadow && s.boxShadow !== 'none') indicator = s.boxShadow;
else if (el instanceof SVGElement) {
  const stroked = [el, ...el.querySelectorAll('*')].find(n => {
    const t = getComputedStyle(n); return t.stroke !== 'none' && parseFloat(t.strokeWidth) > 0; });
  if (stroked) indicator = getComputedStyle(stroked).stroke;
}
if (!indicator) return { who, problem: 'no focus indicator (outline ' + s.outlineStyle + ')' };
const color = rgb(indicator);
if (!color) return { who, problem: 'unreadable indicator colour ' + indicator };
const ratio = contrast(color, background);
if (ratio < 3) return { who, problem: 'focus indicator contrast ' + ratio.toFixed(2) + ':1 ' + indicator };
return { who, problem: null };
"#;

impl Ctx {
    async fn keys(&self, actions: Vec<KeyAction>) {
        let sequence = actions
            .into_iter()
            .fold(KeyActions::new("keyboard".to_string()), |seq, a| {
                seq.then(a)
            });
        self.client
            .perform_actions(sequence)
            .await
            .unwrap_or_else(|e| panic!("cannot press keys: {e}"));
    }

    /// Presses and releases `key`.
    pub async fn press(&self, key: Key) {
        let value = char::from(key);
        self.keys(vec![KeyAction::Down { value }, KeyAction::Up { value }])
            .await;
    }

    /// Presses `key` with Shift held.
    pub async fn press_with_shift(&self, key: Key) {
        let (shift, value) = (char::from(Key::Shift), char::from(key));
        self.keys(vec![
            KeyAction::Down { value: shift },
            KeyAction::Down { value },
            KeyAction::Up { value },
            KeyAction::Up { value: shift },
        ])
        .await;
    }

    /// Types `text` into whatever has the focus, key by key.
    pub async fn type_keys(&self, text: &str) {
        let actions = text
            .chars()
            .flat_map(|value| [KeyAction::Down { value }, KeyAction::Up { value }])
            .collect();
        self.keys(actions).await;
    }

    /// Whether the focused element matches `css`.
    pub async fn focus_is(&self, css: &str) -> bool {
        self.client
            .execute(
                "return !!document.activeElement && document.activeElement.matches(arguments[0]);",
                vec![json!(css)],
            )
            .await
            .unwrap_or_else(|e| panic!("cannot read the focus: {e}"))
            == Value::Bool(true)
    }

    /// Panics unless the focused element shows its focus (see [`FOCUS_REPORT`]); returns a
    /// description of it.
    pub async fn assert_focus_visible(&self) -> String {
        let report = self.js(FOCUS_REPORT).await;
        let who = report["who"].as_str().unwrap_or_default().to_string();
        if let Some(problem) = report["problem"].as_str() {
            self.screenshot("focus_invisible").await;
            panic!("focus on {who} is not visible: {problem}");
        }
        who
    }

    /// Presses Tab until the focused element matches `css`, checking at every stop that the
    /// focus is visible. Panics with the stops passed when `css` is not reached.
    pub async fn tab_to(&self, css: &str) {
        self.move_focus_to(css, false).await;
    }

    /// As [`Ctx::tab_to`], with Shift-Tab.
    pub async fn shift_tab_to(&self, css: &str) {
        self.move_focus_to(css, true).await;
    }

    async fn move_focus_to(&self, css: &str, backwards: bool) {
        // Wait for the target to exist before walking to it.
        self.find(css).await;
        let mut stops = Vec::new();
        for _ in 0..MAX_TABS {
            if backwards {
                self.press_with_shift(Key::Tab).await;
            } else {
                self.press(Key::Tab).await;
            }
            // Past the last stop the focus leaves the page (the body holds it) before wrapping.
            if self.focus_is("body").await {
                stops.push("(out of the page)".to_string());
                continue;
            }
            stops.push(self.assert_focus_visible().await);
            if self.focus_is(css).await {
                return;
            }
        }
        panic!(
            "{css} not reached in {MAX_TABS} presses; the focus went through:\n{}",
            stops.join("\n")
        );
    }
}
