//! Translated catalogues: Japanese and Chinese live in `public/i18n/<tag>.json` (served as
//! `i18n/<tag>.json`), a JSON array of texts in `Key` order, fetched when the language is shown.
//! The files are generated from `texts.rs` (`make i18n`); a unit test fails when they are stale.

use super::{Key, Locale};

/// A language's texts, indexed by `Key::index`.
pub type Catalogue = &'static [&'static str];

/// Where a language's catalogue is served, relative to `<base href>`. English is built in.
pub fn file(locale: Locale) -> Option<&'static str> {
    match locale {
        Locale::En => None,
        Locale::Ja => Some("i18n/ja.json"),
        Locale::ZhHans => Some("i18n/zh-Hans.json"),
    }
}

/// Checks a fetched catalogue and keeps it for the page's lifetime. Each language is fetched at
/// most once per page load (`I18n` caches it), so what is kept is bounded by the three files.
pub fn accept(texts: Vec<String>) -> Result<Catalogue, String> {
    if texts.len() != Key::COUNT {
        return Err(format!(
            "{} texts instead of {} (a file from another version?)",
            texts.len(),
            Key::COUNT
        ));
    }
    let kept: Vec<&'static str> = texts
        .into_iter()
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    Ok(Box::leak(kept.into_boxed_slice()))
}

/// Fetches the catalogue of `locale` (`None` for English, which needs none). The browser's
/// `JSON.parse` reads it, so the first load carries no JSON parser for it.
pub async fn fetch(locale: Locale) -> Result<Option<Catalogue>, String> {
    let Some(path) = file(locale) else {
        return Ok(None);
    };
    let text = crate::browser::fetch_text(path).await?;
    let invalid = || format!("{path} is not a JSON array of texts");
    let value = js_sys::JSON::parse(&text).map_err(|_| invalid())?;
    if !js_sys::Array::is_array(&value) {
        return Err(invalid());
    }
    let texts = js_sys::Array::from(&value)
        .iter()
        .map(|v| v.as_string().ok_or_else(invalid))
        .collect::<Result<Vec<_>, _>>()?;
    accept(texts).map(Some).map_err(|e| format!("{path}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn keys_index_the_catalogue_in_order() {
        assert_eq!(Key::ALL.len(), Key::COUNT);
        for (i, key) in Key::ALL.iter().enumerate() {
            assert_eq!(key.index(), i);
        }
    }

    #[test]
    fn accept_checks_the_count() {
        let texts = |n| (0..n).map(|i| format!("t{i}")).collect::<Vec<_>>();
        assert!(accept(texts(Key::COUNT - 1)).is_err());
        assert!(accept(texts(Key::COUNT + 1)).is_err());
        let catalogue = accept(texts(Key::COUNT)).unwrap();
        assert_eq!(catalogue[Key::COUNT - 1], format!("t{}", Key::COUNT - 1));
    }

    /// The served files are generated from `texts.rs` by `make i18n` (tools/i18n, which reads
    /// this source rather than compiling it): a stale file fails here rather than showing wrong
    /// texts, and so does a generator that reads `texts.rs` differently from its macro.
    #[test]
    fn committed_catalogues_match_texts() {
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        for locale in [Locale::Ja, Locale::ZhHans] {
            let texts: Vec<&str> = Key::ALL.iter().map(|k| k.translation(locale)).collect();
            let json = serde_json::to_string_pretty(&texts).unwrap() + "\n";
            let path = public.join(file(locale).unwrap());
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == json,
                "{} is out of date with src/i18n/texts.rs: run `make i18n`",
                path.display()
            );
        }
    }
}
