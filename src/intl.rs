//! Dates in the reader's language through the browser's `Intl` (no locale data in the wasm).

use wasm_bindgen::JsValue;

use crate::format::relative_time;

/// "3 hours ago", "yesterday", "in 2 days" in the language with BCP 47 tag `locale`.
pub fn relative(locale: &str, then_ms: i64, now_ms: i64) -> String {
    let (value, unit) = relative_time(then_ms, now_ms);
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let options = js_sys::Object::new();
    // "numeric: auto" says "yesterday" rather than "1 day ago".
    let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
    js_sys::Intl::RelativeTimeFormat::new(&locales, &options)
        .format(value as f64, unit)
        .into()
}

/// A date and time, e.g. "23 Nov 2026, 14:02", in the language `locale` and the reader's
/// time zone.
pub fn date_time(locale: &str, ms: i64) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"medium".into());
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
        .to_locale_string(locale, &options)
        .into()
}

/// A UTC day as "Nov 21" (or "11月21日") in the language `locale`: Quay's days are UTC days,
/// whatever the reader's time zone.
pub fn day_label(locale: &str, day: i64) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"month".into(), &"short".into());
    let _ = js_sys::Reflect::set(&options, &"day".into(), &"numeric".into());
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    js_sys::Date::new(&JsValue::from_f64((day * 86_400_000) as f64))
        .to_locale_date_string(locale, &options)
        .into()
}

/// The ISO 8601 form (UTC), for `<time datetime>`.
pub fn iso(ms: i64) -> String {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
        .to_iso_string()
        .into()
}
