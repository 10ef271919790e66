//! The dashboard at `/` from `--dist DIR`, with SPA fallback and security headers.

use crate::common::*;
use quay_emulator::start;

const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const WASM: &str = "quay-admin-0123abcd4567ef89_bg.wasm";

fn assert_security_headers(h: &reqwest::header::HeaderMap) {
    assert_eq!(h["content-security-policy"], CSP);
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["x-frame-options"], "DENY");
}

async fn with_dist(build: bool) -> (tempfile::TempDir, quay_emulator::RunningEmulator) {
    with_dist_at(build, "/").await
}

async fn with_dist_at(
    build: bool,
    mount: &str,
) -> (tempfile::TempDir, quay_emulator::RunningEmulator) {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    if build {
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>dash</title>",
        )
        .unwrap();
        std::fs::write(dist.join(WASM), b"\0asm").unwrap();
        std::fs::write(dist.join("config.json"), "{}").unwrap();
        std::fs::write(dist.join("assets/app.css"), "body{}").unwrap();
    }
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let opts = test_options(dir.path().join("r.db"))
        .config(reference_config())
        .dist(&dist)
        .dist_mount(mount);
    let running = start(opts).await.unwrap();
    (dir, running)
}

#[tokio::test]
async fn index_files_and_spa_fallback() {
    let (_dir, emu) = with_dist(true).await;
    let c = client();
    let base = emu.base_url();
    for path in ["/", "/users", "/organizations/testorg/quota"] {
        let resp = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
        assert_eq!(resp.headers()["cache-control"], "no-cache");
        assert_security_headers(resp.headers());
        assert!(resp.text().await.unwrap().contains("<title>dash</title>"));
    }
    let wasm = c.get(format!("{base}/{WASM}")).send().await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(content_type(wasm.headers()), "application/wasm");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_security_headers(wasm.headers());
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"\0asm");

    let config = c.get(format!("{base}/config.json")).send().await.unwrap();
    assert_eq!(content_type(config.headers()), "application/json");
    assert_eq!(config.headers()["cache-control"], "no-cache");

    let css = c
        .get(format!("{base}/assets/app.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(content_type(css.headers()), "text/css; charset=utf-8");
}

#[tokio::test]
async fn under_a_folder_as_behind_the_registry() {
    let (_dir, emu) = with_dist_at(true, "admin").await;
    let c = client();
    let base = emu.base_url();
    for path in ["/admin/", "/admin/users", "/admin/builds?build=x"] {
        let resp = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_security_headers(resp.headers());
        assert!(resp.text().await.unwrap().contains("<title>dash</title>"));
    }
    let wasm = c.get(format!("{base}/admin/{WASM}")).send().await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(content_type(wasm.headers()), "application/wasm");
    // The folder's own name leads into it, so relative URLs resolve from the folder.
    let folder = c.get(format!("{base}/admin")).send().await.unwrap();
    assert_eq!(folder.status(), 308);
    assert_eq!(folder.headers()["location"], "/admin/");
    // Outside the folder there is no dashboard, and the API stays where it is.
    for path in ["/", "/users", "/adminx", &format!("/{WASM}")] {
        let resp = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(resp.status(), 404, "{path}");
    }
    let discovery = c
        .get(format!("{base}/api/v1/discovery"))
        .send()
        .await
        .unwrap();
    assert_eq!(discovery.status(), 200);
}

// The raw client blocks its thread: the server needs a worker of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn traversal_never_leaves_dist() {
    let (_dir, emu) = with_dist(true).await;
    for path in [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/assets/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
    ] {
        let (status, _, body) = raw_get(emu.addr(), path);
        let body = String::from_utf8_lossy(&body);
        assert!(!body.contains("top secret"), "{path} leaked");
        assert!(
            status == 200 || status == 400 || status == 404,
            "{path}: {status}"
        );
    }
}

#[tokio::test]
async fn missing_dashboard_is_a_plain_404_and_the_api_still_works() {
    let (_dir, emu) = with_dist(false).await;
    let c = client();
    let resp = c.get(format!("{}/", emu.base_url())).send().await.unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(content_type(resp.headers()), "text/plain; charset=utf-8");
    assert!(resp.text().await.unwrap().contains("not built"));
    let api = c
        .get(format!("{}/api/v1/user/", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401);
}

/// `make dist` writes `.br` and `.gz` beside the files: sent as they are, by `Accept-Encoding`,
/// with a validator per encoding; a mounted `config.json` never goes out as a stale copy; a
/// missing content-hashed file is a 404, never the page.
#[tokio::test]
async fn precompressed_files_validators_and_missing_hashed_files() {
    let (dir, emu) = with_dist(true).await;
    let dist = dir.path().join("dist");
    std::fs::write(dist.join(format!("{WASM}.br")), b"brotli bytes").unwrap();
    std::fs::write(dist.join(format!("{WASM}.gz")), b"gzip bytes").unwrap();
    std::fs::write(dist.join("index.html.gz"), b"gzip page").unwrap();
    std::fs::write(dist.join("config.json.br"), b"stale").unwrap();
    let c = client();
    let base = emu.base_url();
    let get = |path: &str, encodings: &str| {
        let req = c.get(format!("{base}{path}"));
        let req = if encodings.is_empty() {
            req
        } else {
            req.header("accept-encoding", encodings)
        };
        req.send()
    };

    let br = get(&format!("/{WASM}"), "gzip, deflate, br, zstd")
        .await
        .unwrap();
    assert_eq!(br.status(), 200);
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["vary"], "Accept-Encoding");
    assert_eq!(content_type(br.headers()), "application/wasm");
    assert_eq!(
        br.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_security_headers(br.headers());
    let br_tag = br.headers()["etag"].clone();
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let gz = get(&format!("/{WASM}"), "gzip, br;q=0").await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_ne!(gz.headers()["etag"], br_tag);
    assert_eq!(gz.bytes().await.unwrap().as_ref(), b"gzip bytes");

    let plain = get(&format!("/{WASM}"), "").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm");

    // The SPA fallback is precompressed too.
    let page = get("/users", "gzip").await.unwrap();
    assert_eq!(page.headers()["content-encoding"], "gzip");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert_eq!(page.bytes().await.unwrap().as_ref(), b"gzip page");

    let config = get("/config.json", "br").await.unwrap();
    assert!(config.headers().get("content-encoding").is_none());
    assert_eq!(config.text().await.unwrap(), "{}");

    // Revalidation: the same bytes are a 304 without a body, other bytes a 200.
    let first = get("/", "").await.unwrap();
    let tag = first.headers()["etag"].clone();
    let again = c
        .get(format!("{base}/"))
        .header("if-none-match", tag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], tag);
    assert_eq!(again.headers()["cache-control"], "no-cache");
    assert!(again.bytes().await.unwrap().is_empty());
    let changed = c
        .get(format!("{base}/"))
        .header("if-none-match", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);

    let missing = get("/split_users-0123abcd4567ef89.wasm", "br")
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(content_type(missing.headers()), "text/plain; charset=utf-8");
}
