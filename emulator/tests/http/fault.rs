//! Fault injection (`quay_emulator::fault`): injected statuses with their bodies, latency, rate,
//! path prefix, and switching faults at runtime.

use std::time::{Duration, Instant};

use crate::common::test_options;

use quay_emulator::{start, start_blocking, FaultBody, FaultConfig, RunningEmulator, StartError};

struct Faulty {
    running: RunningEmulator,
    _dir: tempfile::TempDir,
    client: reqwest::Client,
}

impl Faulty {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.base_url())
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    async fn status(&self, path: &str) -> u16 {
        self.get(path).await.status().as_u16()
    }
}

async fn emulator_with(faults: FaultConfig) -> Faulty {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = test_options(dir.path().join("registry.db"))
        .config(crate::common::reference_config())
        .faults(faults);
    let running = start(opts).await.expect("emulator starts");
    Faulty {
        running,
        _dir: dir,
        client: crate::common::client(),
    }
}

#[tokio::test]
async fn no_faults_by_default() {
    let emu = emulator_with(FaultConfig::default()).await;
    assert_eq!(emu.running.faults(), FaultConfig::none());
    assert_eq!(emu.status("/api/v1/discovery").await, 200);
}

#[tokio::test]
async fn status_503_is_nginxs_page_without_cors() {
    let emu = emulator_with(FaultConfig::status(503)).await;
    let resp = emu.get("/api/v1/discovery").await;
    assert_eq!(resp.status(), 503);
    assert_eq!(crate::common::content_type(resp.headers()), "text/html");
    crate::common::assert_no_cors(resp.headers());
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("<title>503 Service Temporarily Unavailable</title>"),
        "{body}"
    );
    assert!(body.contains("<center>nginx</center>"));
    // Writes are faulted too, before any CSRF or auth check.
    let resp = emu
        .client
        .post(emu.url("/api/v1/signin"))
        .json(&serde_json::json!({"username": "a", "password": "b"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 503);
}

#[tokio::test]
async fn status_500_is_quays_html_page() {
    let emu = emulator_with(FaultConfig::status(500)).await;
    let resp = emu.get("/api/v1/user/").await;
    assert_eq!(resp.status(), 500);
    assert_eq!(
        crate::common::content_type(resp.headers()),
        "text/html; charset=utf-8"
    );
    crate::common::assert_no_cors(resp.headers());
    let body = resp.text().await.unwrap();
    assert!(body.contains("<h1>Internal Server Error</h1>"), "{body}");
}

#[tokio::test]
async fn status_502_is_quays_loading_page_and_429_nginxs() {
    let emu = emulator_with(FaultConfig::status(502)).await;
    let resp = emu.get("/api/v1/discovery").await;
    assert_eq!(resp.status(), 502);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("Quay is currently loading"));
    emu.running.set_faults(FaultConfig::status(429)).unwrap();
    let resp = emu.get("/api/v1/discovery").await;
    assert_eq!(resp.status(), 429);
    assert!(resp.text().await.unwrap().contains("429 Too Many Requests"));
}

#[tokio::test]
async fn api_4xx_use_quays_json_shapes_with_cors() {
    let emu = emulator_with(FaultConfig::status(404)).await;
    let resp = emu.get("/api/v1/discovery").await;
    assert_eq!(resp.status(), 404);
    crate::common::assert_default_cors(resp.headers());
    assert_eq!(
        crate::common::content_type(resp.headers()),
        "application/json"
    );
    let addr = emu.running.addr();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"detail": "Not Found", "error_message": "Not Found",
            "error_type": "not_found", "title": "not_found",
            "type": format!("http://{addr}/api/v1/error/not_found"), "status": 404})
    );

    emu.running.set_faults(FaultConfig::status(401)).unwrap();
    let body: serde_json::Value = emu.get("/api/v1/user/").await.json().await.unwrap();
    assert_eq!(body["error_type"], "invalid_token");
    assert_eq!(body["detail"], "Requires authentication");

    emu.running.set_faults(FaultConfig::status(403)).unwrap();
    let body: serde_json::Value = emu.get("/api/v1/user/").await.json().await.unwrap();
    assert_eq!(body["error_type"], "insufficient_scope");

    emu.running.set_faults(FaultConfig::status(400)).unwrap();
    let resp = emu.get("/api/v1/user/").await;
    assert_eq!(resp.status(), 400);
    crate::common::assert_default_cors(resp.headers());
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        body["message"],
        "The browser (or proxy) sent a request that this server could not understand."
    );
}

#[tokio::test]
async fn json_body_is_quays_message_for_any_status_with_cors() {
    let emu = emulator_with(FaultConfig::status(500).with_body(FaultBody::Json)).await;
    let resp = emu.get("/api/v1/superuser/users/").await;
    assert_eq!(resp.status(), 500);
    assert_eq!(
        crate::common::content_type(resp.headers()),
        "application/json"
    );
    crate::common::assert_default_cors(resp.headers());
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"message": "The server encountered an internal error and was unable \
            to complete your request. Either the server is overloaded or there is an error in the \
            application."})
    );
    emu.running
        .set_faults(FaultConfig::status(503).with_body(FaultBody::Json))
        .unwrap();
    let body: serde_json::Value = emu.get("/api/v1/user/").await.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("The server is temporarily unable to service your request"),
        "{body}"
    );
}

#[tokio::test]
async fn html_body_is_werkzeugs_page_for_any_status() {
    let emu = emulator_with(FaultConfig::status(503).with_body(FaultBody::Html)).await;
    let resp = emu.get("/api/v1/discovery").await;
    assert_eq!(resp.status(), 503);
    assert_eq!(
        crate::common::content_type(resp.headers()),
        "text/html; charset=utf-8"
    );
    crate::common::assert_no_cors(resp.headers());
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("<title>503 Service Unavailable</title>"),
        "{body}"
    );
    assert!(!body.contains("nginx"), "Werkzeug's page, not nginx's");
}

#[tokio::test]
async fn not_json_body_is_a_sign_in_page_under_200_or_the_status() {
    let emu = emulator_with(FaultConfig::none().with_body(FaultBody::NotJson)).await;
    let resp = emu.get("/api/v1/superuser/users/").await;
    assert_eq!(
        resp.status(),
        200,
        "a success status, so only the body is wrong"
    );
    assert_eq!(
        crate::common::content_type(resp.headers()),
        "text/html; charset=utf-8"
    );
    let body = resp.text().await.unwrap();
    assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
    // Writes too: nothing is served behind the page.
    let resp = emu
        .client
        .post(emu.url("/api/v1/superuser/users/"))
        .json(&serde_json::json!({"username": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    emu.running
        .set_faults(
            FaultConfig::status(502)
                .with_body(FaultBody::NotJson)
                .with_path_prefix("/api/v1/user/"),
        )
        .unwrap();
    assert_eq!(emu.status("/api/v1/user/").await, 502);
    assert_eq!(emu.status("/api/v1/discovery").await, 200, "prefix");
    // JSON and HTML bodies need a status to answer.
    let err = emu
        .running
        .set_faults(FaultConfig::none().with_body(FaultBody::Html))
        .unwrap_err();
    assert!(err.contains("needs a fault status"), "{err}");
}

#[tokio::test]
async fn a_restart_on_the_same_port_and_database_keeps_the_fault_switch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = test_options(dir.path().join("registry.db"))
        .config(crate::common::reference_config())
        .faults(FaultConfig::status(503));
    let first = start(options.clone()).await.expect("emulator starts");
    let (addr, control) = (first.addr(), first.fault_control());
    first.shutdown().await;
    let url = format!("http://{addr}/api/v1/discovery");
    assert!(
        crate::common::client().get(&url).send().await.is_err(),
        "refused while stopped"
    );
    let second = start(options.listen(addr).fault_control(control.clone()))
        .await
        .expect("restarts on the same port");
    let status = |url: String| async move {
        crate::common::client()
            .get(url)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(status(url.clone()).await, 503, "the switch kept its fault");
    control.set(FaultConfig::none()).unwrap();
    assert_eq!(status(url).await, 200, "and the old handle still drives it");
    assert_eq!(second.faults(), FaultConfig::none());
    second.shutdown().await;
}

#[tokio::test]
async fn latency_delays_matching_requests() {
    let emu = emulator_with(FaultConfig::latency_ms(300)).await;
    let started = Instant::now();
    assert_eq!(
        emu.status("/api/v1/discovery").await,
        200,
        "served after the delay"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    // Latency and status together: delayed, then failed.
    emu.running
        .set_faults(FaultConfig::status(503).with_latency_ms(200))
        .unwrap();
    let started = Instant::now();
    assert_eq!(emu.status("/api/v1/discovery").await, 503);
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn rate_zero_never_faults_and_partial_rates_are_deterministic() {
    let emu = emulator_with(FaultConfig::status(500).with_rate(0)).await;
    for _ in 0..40 {
        assert_eq!(emu.status("/api/v1/discovery").await, 200);
    }
    let mut runs = Vec::new();
    for _ in 0..2 {
        emu.running
            .set_faults(FaultConfig::status(500).with_rate(50))
            .unwrap();
        let mut statuses = Vec::new();
        for _ in 0..40 {
            statuses.push(emu.status("/api/v1/discovery").await);
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1], "the same sequence after every change");
    let faulted = runs[0].iter().filter(|&&s| s == 500).count();
    assert!(
        (5..35).contains(&faulted),
        "{faulted} of 40 faulted at 50 %"
    );
    assert!(runs[0].iter().all(|&s| s == 200 || s == 500));
}

#[tokio::test]
async fn only_paths_with_the_prefix_are_faulted() {
    let emu = emulator_with(FaultConfig::status(503)).await;
    // The default prefix is /api/: the dashboard's files and web routes are untouched.
    assert_eq!(
        emu.status("/").await,
        404,
        "no dashboard here, but not faulted"
    );
    assert_eq!(emu.status("/csrf_token").await, 200);

    emu.running
        .set_faults(FaultConfig::status(503).with_path_prefix("/api/v1/superuser/"))
        .unwrap();
    assert_eq!(emu.status("/api/v1/discovery").await, 200);
    assert_eq!(emu.status("/api/v1/superuser/users/").await, 503);

    // "/" covers everything, static files included.
    emu.running
        .set_faults(FaultConfig::status(503).with_path_prefix("/"))
        .unwrap();
    assert_eq!(emu.status("/").await, 503);
    assert_eq!(emu.status("/csrf_token").await, 503);
}

#[tokio::test]
async fn faults_can_be_switched_at_runtime() {
    let emu = emulator_with(FaultConfig::status(503)).await;
    assert_eq!(emu.status("/api/v1/discovery").await, 503);
    // A retry after the outage ends succeeds.
    emu.running.set_faults(FaultConfig::none()).unwrap();
    assert_eq!(emu.status("/api/v1/discovery").await, 200);
    let handle = emu.running.fault_control();
    handle.set(FaultConfig::status(500)).unwrap();
    assert_eq!(emu.status("/api/v1/discovery").await, 500);
    assert_eq!(emu.running.faults(), FaultConfig::status(500));
    // An invalid configuration is refused and the old one stays.
    let err = emu
        .running
        .set_faults(FaultConfig::status(200))
        .unwrap_err();
    assert!(err.contains("400 to 599"), "{err}");
    assert_eq!(emu.status("/api/v1/discovery").await, 500);
}

#[tokio::test]
async fn invalid_faults_refuse_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let opts = test_options(dir.path().join("registry.db"))
        .faults(FaultConfig::status(503).with_rate(150));
    match start(opts).await {
        Err(StartError::Faults(message)) => assert!(message.contains("0 to 100"), "{message}"),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("started with an invalid fault rate"),
    }
    assert!(
        !dir.path().join("registry.db").exists(),
        "checked before the database is created"
    );
}

#[test]
fn blocking_emulator_switches_faults_too() {
    let dir = tempfile::tempdir().unwrap();
    let emu = start_blocking(
        test_options(dir.path().join("registry.db")).faults(FaultConfig::status(503)),
    )
    .unwrap();
    let get = |path: &str| {
        let (status, _, _) = crate::common::raw_get(emu.addr(), path);
        status
    };
    assert_eq!(get("/api/v1/discovery"), 503);
    emu.set_faults(FaultConfig::none()).unwrap();
    assert_eq!(get("/api/v1/discovery"), 200);
    assert_eq!(emu.faults(), FaultConfig::none());
}
