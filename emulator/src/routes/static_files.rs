//! The built dashboard (`--dist DIR`) at `/` (or under a folder such as `/admin/`), with SPA
//! fallback to `index.html` and the security headers the dashboard is designed for.

use std::path::{Component, Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use sha2::{Digest, Sha256};

use crate::error_pages::Page;
use crate::state::AppState;

// The emulator serves the API on the dashboard's own origin, so the header narrows the meta tag's
// `connect-src 'self' https:` (which must allow any configured API origin) to that origin: a
// browser enforces both policies. `frame-ancestors` only works as a header.
const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self' data:; font-src 'self'; connect-src 'self'; \
                   manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const NO_CACHE: &str = "no-cache";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Paths owned by the backend: unknown ones there are 404s, never the dashboard.
fn is_backend_path(path: &str) -> bool {
    ["/api", "/oauth", "/keys"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
        || path == "/csrf_token"
}

pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if is_backend_path(&path) {
        return Page::not_found().into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut resp = dashboard(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            NO_CACHE,
            b"Method Not Allowed\n".to_vec(),
        );
        resp.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return resp;
    }
    let Some(served) = state.dashboard() else {
        return not_built(None);
    };
    let (dist, mount) = (served.dir.clone(), served.mount.as_str());
    // The folder without its slash redirects to it: relative URLs resolve from the folder.
    if format!("{path}/") == mount && served.redirect_bare_folder {
        return (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, mount.to_string())],
        )
            .into_response();
    }
    let Some(within) = path
        .strip_prefix(mount.trim_end_matches('/'))
        .filter(|rest| rest.starts_with('/'))
    else {
        return Page::not_found().into_response();
    };
    let file = match &served.config_file {
        Some(config) if within == "/config.json" => Some(config.clone()),
        _ => resolve_file(&dist, within),
    };
    let accepted = Accepted::from_header(req.headers().get(header::ACCEPT_ENCODING));
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let is_config = file.is_some() && within == "/config.json";
    if let Some(file) = file {
        // A mounted config.json is edited in place: never a stale precompressed copy of it.
        let accepted = if is_config { Accepted::NONE } else { accepted };
        if let Some(found) = read_variant(&file, accepted).await {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            return dashboard_file(
                content_type(name),
                cache_control(name),
                found,
                if_none_match,
            );
        }
    }
    // A missing content-hashed file is a stale or broken reference: the page would get
    // index.html as wasm or script. Only app paths fall back to the page.
    let last = within.rsplit('/').next().unwrap_or_default();
    if has_content_hash(last) {
        return dashboard(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            NO_CACHE,
            b"Not Found\n".to_vec(),
        );
    }
    match read_variant(&dist.join("index.html"), accepted).await {
        Some(found) => dashboard_file("text/html; charset=utf-8", NO_CACHE, found, if_none_match),
        None => not_built(Some(&dist)),
    }
}

/// The encodings a request accepts, of those `make dist` precompresses (`.br`, `.gz`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Accepted {
    br: bool,
    gzip: bool,
}

impl Accepted {
    const NONE: Self = Self {
        br: false,
        gzip: false,
    };

    /// From `Accept-Encoding`; a coding with `q=0` is refused, `*` accepts both.
    fn from_header(value: Option<&HeaderValue>) -> Self {
        let mut accepted = Self::NONE;
        let Some(text) = value.and_then(|v| v.to_str().ok()) else {
            return accepted;
        };
        for item in text.split(',') {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or_default().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match coding.as_str() {
                "br" => accepted.br = !refused,
                "gzip" | "x-gzip" => accepted.gzip = !refused,
                "*" if !refused => {
                    accepted.br = true;
                    accepted.gzip = true;
                }
                _ => {}
            }
        }
        accepted
    }
}

/// A file's bytes as sent: its precompressed copy when the request accepts one.
struct Variant {
    bytes: Vec<u8>,
    encoding: Option<&'static str>,
}

async fn read_variant(file: &Path, accepted: Accepted) -> Option<Variant> {
    for (ok, suffix, encoding) in [(accepted.br, "br", "br"), (accepted.gzip, "gz", "gzip")] {
        if !ok {
            continue;
        }
        let mut name = file.as_os_str().to_owned();
        name.push(format!(".{suffix}"));
        if let Ok(bytes) = tokio::fs::read(PathBuf::from(name)).await {
            return Some(Variant {
                bytes,
                encoding: Some(encoding),
            });
        }
    }
    let bytes = tokio::fs::read(file).await.ok()?;
    Some(Variant {
        bytes,
        encoding: None,
    })
}

/// A strong validator of the bytes sent (so each encoding has its own).
fn etag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn matches_etag(if_none_match: Option<&HeaderValue>, tag: &str) -> bool {
    if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == tag || t == "*")
        })
}

/// A file of the dashboard, answered `304 Not Modified` when the browser has these bytes.
fn dashboard_file(
    content_type: &'static str,
    cache: &'static str,
    found: Variant,
    if_none_match: Option<HeaderValue>,
) -> Response {
    let tag = etag(&found.bytes);
    let fresh = matches_etag(if_none_match.as_ref(), &tag);
    let mut resp = if fresh {
        dashboard(StatusCode::NOT_MODIFIED, content_type, cache, Vec::new())
    } else {
        dashboard(StatusCode::OK, content_type, cache, found.bytes)
    };
    let h = resp.headers_mut();
    if fresh {
        h.remove(header::CONTENT_LENGTH);
    }
    if let Ok(value) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, value);
    }
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Some(encoding) = found.encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    resp
}

/// The file named by a request path inside `dist`, or `None` (then the SPA fallback applies).
/// Percent-decoded first; `.`/`..` segments, backslashes, NULs and hidden names are refused, and
/// the canonical result must stay inside the canonical `dist` (symlinks included).
pub fn resolve_file(dist: &Path, raw_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut candidate = dist.to_path_buf();
    let mut any = false;
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        let mut components = Path::new(segment).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(part)), None) => candidate.push(part),
            _ => return None,
        }
        any = true;
    }
    if !any {
        return None;
    }
    let canonical = candidate.canonicalize().ok()?;
    let root = dist.canonicalize().ok()?;
    (canonical.starts_with(&root) && canonical.is_file()).then_some(canonical)
}

fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") | Some("htm") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") | Some("map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff") => "font/woff",
        Some("woff2") => "font/woff2",
        Some("ttf") => "font/ttf",
        Some("otf") => "font/otf",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

/// Trunk names built assets `<stem>-<hex hash>[_bg].<ext>`; those never change, the rest may.
fn cache_control(name: &str) -> &'static str {
    if has_content_hash(name) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(prefix, hash)| {
        !prefix.is_empty()
            && (12..=16).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn dashboard(
    status: StatusCode,
    content_type: &'static str,
    cache: &'static str,
    body: Vec<u8>,
) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

fn not_built(dist: Option<&Path>) -> Response {
    let text = match dist {
        Some(dir) => format!(
            "The dashboard is not built: {} does not exist. Build it with trunk, or pass \
             --dist DIR. The API under /api/v1/ works without it.\n",
            dir.join("index.html").display()
        ),
        None => "The dashboard is not served by this emulator (no dist directory). The API under \
                 /api/v1/ works without it.\n"
            .to_string(),
    };
    dashboard(
        StatusCode::NOT_FOUND,
        "text/plain; charset=utf-8",
        NO_CACHE,
        text.into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashes() {
        assert!(has_content_hash("quay-admin-0123abcd4567ef89.wasm"));
        assert!(has_content_hash("quay-admin-0123abcd4567ef89_bg.wasm"));
        assert!(has_content_hash("style-0123abcd4567ef8.css"));
        assert!(!has_content_hash("index.html"));
        assert!(!has_content_hash("config.json"));
        assert!(!has_content_hash("quay-admin.js"));
        assert!(!has_content_hash("quay-admin-FFFFFFFFFFFFFFFF.js"));
        assert!(!has_content_hash("-0123abcd4567ef89.js"));
    }

    #[test]
    fn accepted_encodings() {
        let parse = |v: &str| Accepted::from_header(Some(&HeaderValue::from_str(v).unwrap()));
        assert_eq!(
            parse("gzip, deflate, br, zstd"),
            Accepted {
                br: true,
                gzip: true
            }
        );
        assert_eq!(
            parse("gzip;q=1.0, br;q=0"),
            Accepted {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            parse("*"),
            Accepted {
                br: true,
                gzip: true
            }
        );
        assert_eq!(parse("identity"), Accepted::NONE);
        assert_eq!(Accepted::from_header(None), Accepted::NONE);
    }

    #[test]
    fn etags_match_what_the_browser_sends_back() {
        let tag = etag(b"x");
        assert!(matches_etag(
            Some(&HeaderValue::from_str(&tag).unwrap()),
            &tag
        ));
        let weak = HeaderValue::from_str(&format!("\"other\", W/{tag}")).unwrap();
        assert!(matches_etag(Some(&weak), &tag));
        assert!(!matches_etag(
            Some(&HeaderValue::from_static("\"other\"")),
            &tag
        ));
        assert!(!matches_etag(None, &tag));
        assert_ne!(etag(b"x"), etag(b"y"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a.wasm"), "application/wasm");
        assert_eq!(content_type("config.json"), "application/json");
        assert_eq!(content_type("x.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn traversal_never_leaves_dist() {
        let outer = tempfile::tempdir().unwrap();
        let dist = outer.path().join("dist");
        std::fs::create_dir_all(dist.join("sub")).unwrap();
        std::fs::write(dist.join("app.js"), "x").unwrap();
        std::fs::write(dist.join("sub/a.css"), "x").unwrap();
        std::fs::write(outer.path().join("secret.txt"), "x").unwrap();
        assert!(resolve_file(&dist, "/app.js").is_some());
        assert!(resolve_file(&dist, "/sub/a.css").is_some());
        assert!(resolve_file(&dist, "/sub%2Fa.css").is_some());
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/sub/%2E%2E/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/..%5csecret.txt",
            "/sub/..",
            "/",
            "/missing.js",
            "/%ff",
        ] {
            assert_eq!(resolve_file(&dist, bad), None, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outer.path().join("secret.txt"), dist.join("link.txt"))
                .unwrap();
            assert_eq!(resolve_file(&dist, "/link.txt"), None);
        }
    }
}
