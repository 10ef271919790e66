//! The limits of Quay's nginx (`quay_emulator::limits`): bodies over 1 MiB get 413 and slow
//! requests 504, as nginx's own error pages.

use std::time::{Duration, Instant};

use quay_emulator::{start, EmulatorOptions, FaultConfig, RunningEmulator};

async fn emulator(
    options: impl FnOnce(EmulatorOptions) -> EmulatorOptions,
) -> (RunningEmulator, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = options(
        crate::common::test_options(dir.path().join("registry.db"))
            .config(crate::common::reference_config()),
    );
    (start(opts).await.expect("emulator starts"), dir)
}

#[tokio::test]
async fn bodies_over_a_mebibyte_are_refused_before_any_handler() {
    let (emu, _dir) = emulator(|o| o).await;
    let client = crate::common::client();
    let url = format!("{}/api/v1/superuser/users/", emu.base_url());
    let big = format!("{{\"username\": \"{}\"}}", "a".repeat(1024 * 1024));
    let resp = client
        .post(&url)
        .header("Content-Type", "application/json")
        .body(big)
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status().as_u16(), 413);
    let body = resp.text().await.expect("body");
    assert!(body.contains("413 Request Entity Too Large"), "{body}");
    assert!(body.contains("<center>nginx</center>"), "{body}");

    // Under the limit the API answers (here: its refusal of a request without credentials).
    let small = format!("{{\"username\": \"{}\"}}", "a".repeat(1000));
    let resp = client
        .post(&url)
        .header("Content-Type", "application/json")
        .body(small)
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status().as_u16(), 403);
    let body: serde_json::Value = resp.json().await.expect("the API's JSON");
    assert_eq!(body["error"], "CSRF token was invalid or missing.");
}

/// A POST with a chunked body of `total` bytes, written straight to the socket; the status.
fn chunked_post(addr: std::net::SocketAddr, path: &str, total: usize) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).expect("head");
    let chunk = vec![b' '; 64 * 1024];
    let mut sent = 0;
    while sent < total {
        let n = chunk.len().min(total - sent);
        // The server may answer and close before the whole body is sent.
        if write!(stream, "{n:x}\r\n").is_err()
            || stream.write_all(&chunk[..n]).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
        sent += n;
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let head = String::from_utf8_lossy(&raw);
    head.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status")
}

#[tokio::test]
async fn a_chunked_body_over_a_mebibyte_is_refused_too() {
    let (emu, _dir) = emulator(|o| o).await;
    let addr = emu.addr();
    let path = "/api/v1/superuser/users/";
    let big = tokio::task::spawn_blocking(move || chunked_post(addr, path, 2 * 1024 * 1024))
        .await
        .unwrap();
    assert_eq!(big, 413);
    // A chunked body under the limit reaches the API (its CSRF refusal: no credentials).
    let small = tokio::task::spawn_blocking(move || chunked_post(addr, path, 1000))
        .await
        .unwrap();
    assert_eq!(small, 403);
}

#[tokio::test]
async fn a_request_slower_than_the_timeout_gets_504() {
    let faults = FaultConfig {
        latency_ms: 800,
        ..FaultConfig::none()
    };
    let (emu, _dir) =
        emulator(|o| o.faults(faults).request_timeout(Duration::from_millis(200))).await;
    let started = Instant::now();
    let resp = crate::common::client()
        .get(format!("{}/api/v1/discovery", emu.base_url()))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status().as_u16(), 504);
    assert!(
        started.elapsed() < Duration::from_millis(700),
        "{:?}",
        started.elapsed()
    );
    let body = resp.text().await.expect("body");
    assert!(body.contains("504 Gateway Time-out"), "{body}");
}

#[tokio::test]
async fn the_default_timeout_is_nginxs_60_seconds() {
    let defaults = EmulatorOptions::new("x.db");
    assert_eq!(defaults.request_timeout, Duration::from_secs(60));
}
