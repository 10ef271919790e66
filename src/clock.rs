//! The dashboard's one clock: the only place that reads the browser's "now". Everything that
//! depends on the date (log ranges, "expires in N days", chart days) takes "now" as an argument,
//! so unit tests fix it and browser tests set the page's clock.

/// Unix milliseconds now, as the browser's `Date` tells.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
