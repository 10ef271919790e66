//! What a read-only superuser (Quay's `GLOBAL_READONLY_SUPER_USERS`) sees: the note above every
//! page, write controls disabled with the reason, and on the sign-in page the explanation of why
//! the registry's authorize page would refuse it.

use crate::Ctx;

const NOTE: &str = "[data-testid=read-only-note]";
const NO_ACCESS: &str = "[data-testid=read-only-no-access]";
const BADGE: &str = "[data-testid=read-only-superuser]";
/// The reason a write control is disabled, as its tooltip says.
pub const REASON: &str =
    "Read-only superuser: the registry does not let this account change anything";

/// What a refused control's description (the note) says.
pub const DESCRIPTION: &str = "does not let this account change anything";

/// A refused button: its tooltip and its description.
#[derive(Debug)]
pub struct Refused {
    pub title: String,
    pub description: String,
}

#[derive(Clone, Copy)]
pub struct ReadOnly<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn read_only(&self) -> ReadOnly<'_> {
        ReadOnly { ctx: self }
    }
}

impl ReadOnly<'_> {
    /// Waits until the note above the page shows `text`.
    pub async fn note_shows(&self, text: &str) {
        self.ctx.wait_for_text(NOTE, text).await;
    }

    pub async fn has_note(&self) -> bool {
        self.ctx.exists(NOTE).await
    }

    /// Waits until the sign-in page's explanation for a read-only superuser shows `text`.
    pub async fn no_access_shows(&self, text: &str) {
        self.ctx.wait_for_text(NO_ACCESS, text).await;
    }

    /// The first button (inside `scope`, a selector) whose visible name starts with `name`,
    /// waited for: `None` if it is enabled, else why it is refused, as its tooltip says, and
    /// its description (the text its `aria-describedby` points to), which screen readers read.
    pub async fn refused_button(&self, scope: &str, name: &str) -> Option<Refused> {
        let script = format!(
            "const name = {name:?}; \
             const b = [...document.querySelectorAll({scope:?} + ' button')] \
               .find(b => b.textContent.trim().startsWith(name)); \
             if (!b) return 'missing'; \
             if (!b.disabled && b.getAttribute('aria-disabled') !== 'true') return null; \
             const ids = (b.getAttribute('aria-describedby') || '').split(' ').filter(Boolean); \
             return {{title: b.title, description: ids.map(i => document.getElementById(i)?.textContent || '').join(' ')}};"
        );
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let v = self.ctx.js(&script).await;
            if v != "missing" {
                return v.as_object().map(|o| Refused {
                    title: o["title"].as_str().unwrap_or_default().to_string(),
                    description: o["description"].as_str().unwrap_or_default().to_string(),
                });
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no button {name:?} in {scope}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// Asserts that the button `name` in `scope` is refused with the read-only reason, shown
    /// and read out.
    pub async fn assert_refused(&self, scope: &str, name: &str) {
        let refused = self
            .refused_button(scope, name)
            .await
            .unwrap_or_else(|| panic!("{name:?} in {scope} is not disabled"));
        assert_eq!(refused.title, REASON, "{name:?}");
        assert!(
            refused.description.contains(DESCRIPTION),
            "{name:?}: {}",
            refused.description
        );
    }

    /// The read-only superusers the console-access card marks as such.
    pub async fn marked_in_console_access(&self) -> Vec<String> {
        let script = format!(
            "return [...document.querySelectorAll('{BADGE}')].map(b => b.closest('tr').querySelector('th .server-message').textContent)"
        );
        let names = self.ctx.js(&script).await;
        names
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}
