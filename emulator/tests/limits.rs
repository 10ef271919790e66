//! The limits of Quay's nginx (`quay_emulator::limits`): bodies over 1 MiB get 413 and slow
//! requests 504, as nginx's own error pages.

mod common;

use std::time::{Duration, Instant};

use quay_emulator::{start, EmulatorOptions, FaultConfig, RunningEmulator};

async fn emulator(
    options: impl FnOnce(EmulatorOptions) -> EmulatorOptions,
) -> (RunningEmulator, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = options(
        common::test_options(dir.path().join("registry.db")).config(common::reference_config()),
    );
    (start(opts).await.expect("emulator starts"), dir)
}

#[tokio::test]
async fn bodies_over_a_mebibyte_are_refused_before_any_handler() {
    let (emu, _dir) = emulator(|o| o).await;
    let client = common::client();
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

#[tokio::test]
async fn a_request_slower_than_the_timeout_gets_504() {
    let faults = FaultConfig {
        latency_ms: 800,
        ..FaultConfig::none()
    };
    let (emu, _dir) =
        emulator(|o| o.faults(faults).request_timeout(Duration::from_millis(200))).await;
    let started = Instant::now();
    let resp = common::client()
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
