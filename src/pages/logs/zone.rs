//! The one time zone the page reads times in: UTC by default (Quay's days, the range and the
//! chart are UTC days), or the reader's own (`?tz=local`). The table's time column names it.

use wasm_bindgen::JsValue;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zone {
    #[default]
    Utc,
    Local,
}

impl Zone {
    /// From `?tz=`: anything but `local` is UTC.
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            Some("local") => Zone::Local,
            _ => Zone::Utc,
        }
    }

    /// The URL value (`None`: the default, left out).
    pub fn param(self) -> Option<String> {
        match self {
            Zone::Utc => None,
            Zone::Local => Some("local".into()),
        }
    }

    /// "UTC", or the reader's offset now ("UTC+09:00").
    pub fn name(self) -> String {
        match self {
            Zone::Utc => "UTC".into(),
            Zone::Local => offset_name(js_sys::Date::new_0().get_timezone_offset()),
        }
    }

    fn options(self) -> js_sys::Object {
        let options = js_sys::Object::new();
        if self == Zone::Utc {
            let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
        }
        options
    }

    /// A date and time ("23 Nov 2026, 14:02:05") in the language `locale`.
    pub fn date_time(self, locale: &str, ms: i64) -> String {
        let options = self.options();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"medium".into());
        js_sys::Date::new(&JsValue::from_f64(ms as f64))
            .to_locale_string(locale, &options)
            .into()
    }

    /// The hour and minute ("14:00").
    pub fn time(self, locale: &str, ms: i64) -> String {
        let options = self.options();
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        js_sys::Date::new(&JsValue::from_f64(ms as f64))
            .to_locale_string(locale, &options)
            .into()
    }
}

/// `Date.getTimezoneOffset()` (minutes west of UTC) as "UTC+09:00" / "UTC−05:30" / "UTC".
pub fn offset_name(minutes_west: f64) -> String {
    let east = -(minutes_west.round() as i64);
    if east == 0 {
        return "UTC".into();
    }
    let sign = if east > 0 { '+' } else { '−' };
    format!("UTC{sign}{:02}:{:02}", east.abs() / 60, east.abs() % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_and_offsets() {
        assert_eq!(Zone::parse(None), Zone::Utc);
        assert_eq!(Zone::parse(Some("local")), Zone::Local);
        assert_eq!(Zone::parse(Some("Europe/Paris")), Zone::Utc);
        assert_eq!(Zone::Local.param().as_deref(), Some("local"));
        assert_eq!(Zone::Utc.param(), None);
        assert_eq!(offset_name(-540.0), "UTC+09:00");
        assert_eq!(offset_name(330.0), "UTC−05:30");
        assert_eq!(offset_name(0.0), "UTC");
    }
}
