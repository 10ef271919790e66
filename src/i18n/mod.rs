//! Languages: English, Japanese and Simplified Chinese. The choice follows the browser until the
//! admin picks one, which is remembered. Texts live in `texts.rs`, checked at compile time;
//! English is built in, the others are fetched as catalogues (`catalogue.rs`) when shown.
//!
//! Why not leptos_i18n: measured on 2026-11-23 with the release settings of this project, a
//! minimal Leptos 0.8 page with three texts in three languages is 20,931 bytes brotli with a
//! `match` catalogue like this one and 37,532 with leptos_i18n 0.6.2 (default features off,
//! `csr`): +16.6 KB compressed, because it links ICU4X locale and plural data. This catalogue
//! costs only its strings, and a missing translation is still a compile error.

mod catalogue;
mod texts;

use leptos::prelude::*;

use crate::browser::local_storage;
use catalogue::Catalogue;
pub use texts::Key;

const LOCALE_KEY: &str = "quay-admin.locale";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    En,
    Ja,
    ZhHans,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Ja, Locale::ZhHans];

    /// BCP 47 tag for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ja => "ja",
            Locale::ZhHans => "zh-Hans",
        }
    }

    /// The language's own name, so a reader who cannot read the current language finds theirs.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ja => "日本語",
            Locale::ZhHans => "简体中文",
        }
    }

    /// Maps a browser language tag (`ja-JP`, `zh-CN`, `zh-Hans-SG`, `en-GB`) to a supported locale.
    /// Traditional Chinese tags are not mapped to Simplified.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or_default();
        match primary {
            "en" => Some(Locale::En),
            "ja" => Some(Locale::Ja),
            "zh" => {
                let traditional = tag
                    .split('-')
                    .skip(1)
                    .any(|sub| matches!(sub, "hant" | "tw" | "hk" | "mo"));
                (!traditional).then_some(Locale::ZhHans)
            }
            _ => None,
        }
    }

    /// The first supported language of the browser's preference list, else English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred
            .into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or(Locale::En)
    }
}

/// The language to start in, with its texts, ready before the app mounts (see `prepare`).
pub struct Language {
    locale: Locale,
    catalogue: Option<Catalogue>,
}

/// Picks the start language (the remembered choice, else the browser's) and fetches its
/// catalogue. If that fails the app starts in English; the choice stays remembered for next time.
pub async fn prepare() -> Language {
    let stored = local_storage()
        .and_then(|s| s.get_item(LOCALE_KEY).ok().flatten())
        .and_then(|t| Locale::from_tag(&t));
    let locale =
        stored.unwrap_or_else(|| Locale::negotiate(browser_languages().iter().map(String::as_str)));
    match catalogue::fetch(locale).await {
        Ok(catalogue) => Language { locale, catalogue },
        Err(e) => {
            leptos::logging::warn!("starting in English: {e}");
            Language {
                locale: Locale::En,
                catalogue: None,
            }
        }
    }
}

#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
    /// The catalogues fetched so far (English needs none).
    catalogues: StoredValue<Vec<(Locale, Catalogue)>>,
}

impl I18n {
    pub fn new(start: Language) -> Self {
        let this = Self {
            locale: RwSignal::new(start.locale),
            catalogues: StoredValue::new(
                start
                    .catalogue
                    .map(|c| vec![(start.locale, c)])
                    .unwrap_or_default(),
            ),
        };
        Effect::new(move |_| {
            let tag = this.locale.get().tag();
            if let Some(html) = document_element() {
                let _ = html.set_attribute("lang", tag);
            }
        });
        this
    }

    /// Makes sure the texts of `locale` are here, fetching them the first time.
    pub async fn ensure_texts(self, locale: Locale) -> Result<(), String> {
        if !self.has_texts(locale) {
            if let Some(catalogue) = catalogue::fetch(locale).await? {
                self.catalogues
                    .update_value(|loaded| loaded.push((locale, catalogue)));
            }
        }
        Ok(())
    }

    /// Shows `locale` (its texts must be here: `ensure_texts`) and remembers the choice.
    pub fn set(&self, locale: Locale) {
        if let Some(s) = local_storage() {
            let _ = s.set_item(LOCALE_KEY, locale.tag());
        }
        self.locale.set(locale);
    }

    fn has_texts(&self, locale: Locale) -> bool {
        locale == Locale::En
            || self
                .catalogues
                .with_value(|loaded| loaded.iter().any(|(l, _)| *l == locale))
    }

    fn text(&self, key: Key, locale: Locale) -> &'static str {
        if locale == Locale::En {
            return key.english();
        }
        self.catalogues
            .with_value(|loaded| {
                loaded
                    .iter()
                    .find(|(l, _)| *l == locale)
                    .map(|(_, catalogue)| catalogue[key.index()])
            })
            .unwrap_or_else(|| key.english())
    }

    /// The text for `key` in the current language (reactive).
    pub fn t(&self, key: Key) -> &'static str {
        self.text(key, self.locale.get())
    }

    /// The same without subscribing: for toasts and other texts made in event handlers.
    pub fn t_now(&self, key: Key) -> &'static str {
        self.text(key, self.locale.get_untracked())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for views: `{tr(Key::Retry)}`.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// Replaces `{name}` in a text: the only placeholder the texts use.
pub fn fill(text: &str, name: &str) -> String {
    text.replace("{name}", name)
}

fn document_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_locales() {
        assert_eq!(Locale::from_tag("ja-JP"), Some(Locale::Ja));
        assert_eq!(Locale::from_tag("zh-CN"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh-Hans-SG"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh_CN"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh-TW"), None);
        assert_eq!(Locale::from_tag("zh-Hant"), None);
        assert_eq!(Locale::from_tag("EN-gb"), Some(Locale::En));
        assert_eq!(Locale::from_tag("de"), None);
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
    }

    #[test]
    fn negotiation_takes_first_supported() {
        assert_eq!(Locale::negotiate(["de-DE", "ja", "en"]), Locale::Ja);
        assert_eq!(Locale::negotiate(["fr", "zh-TW"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn every_text_exists_in_every_language() {
        for key in Key::ALL {
            for l in Locale::ALL {
                assert!(!key.translation(l).trim().is_empty(), "{key:?} in {l:?}");
            }
            let en = key.translation(Locale::En);
            assert_ne!(key.translation(Locale::Ja), en, "{key:?} untranslated (ja)");
            assert_ne!(
                key.translation(Locale::ZhHans),
                en,
                "{key:?} untranslated (zh)"
            );
        }
    }

    /// The `{placeholder}` names of a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn placeholders_survive_translation() {
        for key in Key::ALL {
            let en = placeholders(key.translation(Locale::En));
            assert_eq!(en, placeholders(key.translation(Locale::Ja)), "{key:?}");
            assert_eq!(en, placeholders(key.translation(Locale::ZhHans)), "{key:?}");
        }
        assert_eq!(fill("Hi {name}!", "<b>x</b>"), "Hi <b>x</b>!");
    }
}
