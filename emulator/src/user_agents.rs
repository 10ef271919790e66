//! Does a `User-Agent` belong to a browser, for the browser XHR rule (`require_xhr_from_browser`)?
//!
//! Quay asks ua-parser for the UA's family and compares it, lowercased, with a fixed list
//! (`endpoints/decorators.py`: chrome, firefox, safari, opera, konqueror, lynx, links, seamonkey,
//! camino, galeon, netscape, …). Only exact family names count, so "Chrome Mobile", "Mobile Safari",
//! "Edge", "Firefox Mobile" or "IE" are *not* browsers to Quay. This module approximates ua-parser's
//! ordered regex list for the families that matter, without shipping its 8 000-line YAML.
//!
//! One deliberate difference: ua-parser names headless Chrome "HeadlessChrome", which is not on
//! Quay's list; the emulator treats it as Chrome so browser tests (headless) see what real Chrome
//! users see.

/// Whether Quay's XHR rule applies to this `User-Agent`.
pub fn is_browser(user_agent: &str) -> bool {
    family(user_agent).is_some_and(|f| QUAY_BROWSERS.contains(&f))
}

/// Quay's list, lowercased family names.
const QUAY_BROWSERS: &[&str] = &[
    "aol",
    "ask",
    "camino",
    "chrome",
    "firefox",
    "galeon",
    "google",
    "kmeleon",
    "konqueror",
    "links",
    "lynx",
    "msie",
    "msn",
    "netscape",
    "opera",
    "safari",
    "seamonkey",
    "webkit",
    "yahoo",
];

/// A lowercased ua-parser-like family for the UAs that matter here; `None` for the rest.
fn family(ua: &str) -> Option<&'static str> {
    let has = |needle: &str| ua.contains(needle);
    let lower = ua.to_ascii_lowercase();
    // Bots, libraries and tools come first in ua-parser too.
    const NOT_BROWSERS: &[&str] = &[
        "bot",
        "spider",
        "crawl",
        "curl/",
        "wget/",
        "python-",
        "go-http",
        "okhttp",
        "java/",
        "node-fetch",
        "axios/",
        "reqwest",
        "postman",
        "httpie",
    ];
    if NOT_BROWSERS.iter().any(|n| lower.contains(n)) {
        return None;
    }
    if has("HeadlessChrome") {
        return Some("chrome");
    }
    if has("Opera Mini") || has("Opera Mobi") || has("OPiOS") {
        return None;
    }
    if has("OPR/") || has("Opera/") || has("Opera ") {
        return Some("opera");
    }
    // Chromium-based and other browsers with their own family name.
    const OWN_FAMILY: &[&str] = &[
        "Edg/",
        "Edge/",
        "EdgA/",
        "EdgiOS/",
        "YaBrowser/",
        "SamsungBrowser/",
        "Vivaldi/",
        "UCBrowser/",
        "Silk/",
        "Brave/",
        "Whale/",
        "Chromium/",
        "CriOS/",
        "FxiOS/",
        "Focus/",
        "Iceweasel/",
        "PaleMoon/",
        "Waterfox/",
    ];
    if OWN_FAMILY.iter().any(|n| has(n)) {
        return None;
    }
    if has("SeaMonkey/") {
        return Some("seamonkey");
    }
    if has("Camino/") {
        return Some("camino");
    }
    if has("Galeon/") {
        return Some("galeon");
    }
    if has("Firefox/") {
        let mobile = has("Mobile") || has("Tablet") || has("Android");
        return (!mobile).then_some("firefox");
    }
    if has("Chrome/") {
        // Android WebView ("; wv)") and phones are "Chrome Mobile …" to ua-parser.
        let mobile = has("Mobile") || has("; wv)") || has("Android");
        return (!mobile).then_some("chrome");
    }
    if has("Konqueror/") {
        return Some("konqueror");
    }
    if has("Safari/") && has("Version/") {
        let mobile = has("Mobile") || has("iPhone") || has("iPad") || has("iPod");
        return (!mobile).then_some("safari");
    }
    if lower.starts_with("lynx/") {
        return Some("lynx");
    }
    if lower.starts_with("links ") || lower.starts_with("links/") {
        return Some("links");
    }
    if has("Netscape") {
        return Some("netscape");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desktop_browsers_count() {
        for ua in [
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0",
            "Lynx/2.8.9rel.1 libwww-FM/2.14",
        ] {
            assert!(is_browser(ua), "{ua}");
        }
    }

    #[test]
    fn families_outside_quays_list_do_not() {
        for ua in [
            "curl/8.5.0",
            "python-requests/2.31.0",
            "",
            "reqwest",
            // ua-parser: "Edge", "Chrome Mobile", "Mobile Safari", "Firefox Mobile", "IE".
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
            "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/120.0 Safari/537.36",
        ] {
            assert!(!is_browser(ua), "{ua}");
        }
    }
}
