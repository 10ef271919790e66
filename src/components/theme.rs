//! Light/dark theme: follows the system until the admin picks one, which is remembered (the
//! preference is not a secret, so localStorage is fine). `public/early.js` applies the stored
//! choice before the first paint; this module keeps it in sync afterwards.

use leptos::prelude::*;

use crate::browser::local_storage;
use crate::i18n::{tr, Key};

const THEME_KEY: &str = "quay-admin.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    fn label(self) -> Key {
        match self {
            Theme::System => Key::ThemeSystem,
            Theme::Light => Key::ThemeLight,
            Theme::Dark => Key::ThemeDark,
        }
    }
}

fn stored_theme() -> Theme {
    local_storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .map(|v| Theme::parse(&v))
        .unwrap_or(Theme::System)
}

fn apply(theme: Theme) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(html) = window.document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Theme::System => html.remove_attribute("data-theme"),
            other => html.set_attribute("data-theme", other.as_str()),
        };
    }
    if let Some(storage) = local_storage() {
        let _ = match theme {
            Theme::System => storage.remove_item(THEME_KEY),
            other => storage.set_item(THEME_KEY, other.as_str()),
        };
    }
}

/// The theme picker in the header.
#[component]
pub fn ThemePicker() -> impl IntoView {
    let theme = RwSignal::new(stored_theme());
    Effect::new(move |_| apply(theme.get()));
    view! {
        <label class="picker">
            <span>{tr(Key::ThemeLabel)}</span>
            <select
                id="theme-picker"
                on:change:target=move |ev| theme.set(Theme::parse(&ev.target().value()))
            >
                {Theme::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <option value=t.as_str() selected=move || theme.get() == t>
                                {tr(t.label())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.as_str()), t);
        }
        assert_eq!(Theme::parse("garbage"), Theme::System);
    }
}
