//! Harness for the end-to-end tests: each test gets its own emulator (temporary database, random
//! loopback port, chosen config) serving the release `dist/`, and its own headless Chromium.
//! A failing test leaves a screenshot and the browser console under `target/e2e-artifacts/`;
//! a page that logged a panic or an uncaught error fails the test.

pub mod axe;
pub mod browser;
pub mod build_log;
pub mod keyboard;
pub mod outage;
pub mod page_load;
pub mod pages;
pub mod responsiveness;

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use futures_util::FutureExt;
use quay_emulator::{Clock, Config, EmulatorOptions, FaultControl};
use serde_json::Value;
use tokio::sync::Mutex;

use browser::{drain_console, ChromeDriver, ConsoleEntry};
use quay_emulator::testing::seed;

/// Browsers are heavy on a two-core machine: one browser test at a time.
static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

const WAIT: Duration = Duration::from_secs(15);

/// "Now" in every browser test, for the emulator and for the page alike: 2026-11-22 12:00:00
/// UTC when the test starts, whatever the day the tests run. Both clocks then run on together.
pub const PINNED_NOW_S: i64 = 1_795_348_800;

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The built dashboard: `$QUAY_ADMIN_DIST` or `<workspace>/dist` (`make test` builds it first).
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("QUAY_ADMIN_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "{} has no index.html: build the dashboard first (make dist)",
        dir.display()
    );
    dir
}

fn artifacts_dir() -> PathBuf {
    workspace_root().join("target").join("e2e-artifacts")
}

/// What a test body works with.
#[derive(Clone)]
pub struct Ctx {
    pub client: Client,
    pub base_url: String,
    pub http: reqwest::Client,
    /// The emulator's database, for `quay_emulator::testing::seed` (state Quay has no HTTP route
    /// for).
    pub db_path: PathBuf,
    /// The emulator's fault injection, switchable while the test runs.
    pub faults: FaultControl,
    /// Where the browser saves downloads (empty at the start): see [`Ctx::downloaded`].
    pub downloads: PathBuf,
    /// The emulator's clock, which the page's `Date` follows (see [`PINNED_NOW_S`]).
    pub clock: Clock,
    /// The emulator itself, to stop and restart it (see [`outage`]).
    emulator: outage::Emulator,
}

/// The benchmarks' setup: an emulator configured for the demo data (its superusers and its
/// read-only superuser `auditor`).
pub fn demo_config() -> Config {
    let overrides = serde_json::json!({
        "SUPER_USERS": quay_emulator::demo::SUPER_USERS,
        "GLOBAL_READONLY_SUPER_USERS": quay_emulator::demo::READONLY_SUPER_USERS,
    });
    Config::default_emulator()
        .with_overrides(&overrides.to_string())
        .expect("demo config")
}

/// Seeds the demo data into the test's database and signs the dashboard in as the demo
/// admin (token in sessionStorage, page size 100 remembered).
pub async fn sign_in_on_demo_data(ctx: &Ctx) {
    let summary =
        quay_emulator::demo::seed_at(&ctx.db_path, 1, ctx.clock.unix_s()).expect("demo seed");
    eprintln!(
        "seeded: {} users, {} organizations",
        summary.users, summary.organizations
    );
    let token = seed::create_access_token(
        &ctx.db_path,
        quay_emulator::demo::ADMIN_USERNAME,
        "super:user user:read org:admin",
    )
    .expect("token");
    ctx.goto("/").await;
    ctx.js(&format!(
        "sessionStorage.setItem('quay-admin.token', '{token}'); localStorage.setItem('quay-admin.page-size', '100');"
    ))
    .await;
}

/// When a benchmarked page is ready: JavaScript conditions for [`time_navigations`].
pub mod ready {
    pub const SETUP_WIZARD: &str = "document.querySelector('#setup-username')";
    pub const USERS_100_ROWS: &str =
        "document.querySelectorAll('[data-testid=user-row]').length >= 100";
    /// The whole set loaded (no partial notice, no load-all progress) and rows shown.
    pub const QUOTAS_SORTED: &str = "document.querySelector('[data-testid=quota-row]') \
        && !document.querySelector('[data-testid=partial-notice]') \
        && !document.querySelector('[data-testid=load-all-progress]')";
    pub const LOGS_FIRST_PAGE: &str = "document.querySelector('[data-testid=log-row]')";
    pub const LOGS_CHART: &str =
        "document.querySelector('[data-testid=chart-day] rect:not(.chart-hit)')";
}

/// Navigates to `path` `runs` times; after each, the time from navigation until `ready` (a
/// JavaScript condition, see [`ready`]) first holds, checked every animation frame.
pub async fn time_navigations(ctx: &Ctx, path: &str, ready: &str, runs: usize) -> Vec<f64> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         const check = () => {{ if ({ready}) {{ done(performance.now()); }} else {{ requestAnimationFrame(check); }} }};
         check();"
    );
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        ctx.goto(path).await;
        let ms = ctx
            .client
            .execute_async(&script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("{path} never got ready: {e}"))
            .as_f64()
            .expect("milliseconds");
        times.push(ms);
    }
    times
}

/// A benchmark's figure: the median of the runs after the first (which warms the emulator's
/// caches and the browser's compiled wasm).
pub fn median_after_warmup(runs: &[f64]) -> f64 {
    let mut measured = runs[1.min(runs.len())..].to_vec();
    measured.sort_by(f64::total_cmp);
    measured
        .get(measured.len() / 2)
        .copied()
        .unwrap_or(f64::NAN)
}

/// Starts an emulator with `config` and a browser, runs `body`, and tears both down. Fails when
/// `body` panics or the page logged a failure (see [`ConsoleEntry::is_failure`]).
pub async fn browser_test<F, Fut>(name: &str, config: Config, body: F)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()>,
{
    browser_test_with(name, config, |o| o, body).await;
}

/// [`browser_test`] with emulator options beyond the config (e.g. a faster registry-size
/// worker).
pub async fn browser_test_with<F, Fut>(
    name: &str,
    config: Config,
    options: impl FnOnce(EmulatorOptions) -> EmulatorOptions,
    body: F,
) where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()>,
{
    let (outcome, console) = run_in_browser_with(name, config, options, body).await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
    let failures: Vec<&ConsoleEntry> = console.iter().filter(|e| e.is_failure()).collect();
    assert!(
        failures.is_empty(),
        "the page logged errors (artifacts in target/e2e-artifacts/{name}.*):\n{failures:#?}"
    );
}

type Outcome = Result<(), Box<dyn std::any::Any + Send>>;

/// The machinery of [`browser_test`]: the body's outcome and the whole browser console, with
/// artifacts saved when either shows a failure.
pub async fn run_in_browser<F, Fut>(
    name: &str,
    config: Config,
    body: F,
) -> (Outcome, Vec<ConsoleEntry>)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()>,
{
    run_in_browser_with(name, config, |o| o, body).await
}

async fn run_in_browser_with<F, Fut>(
    name: &str,
    config: Config,
    options: impl FnOnce(EmulatorOptions) -> EmulatorOptions,
    body: F,
) -> (Outcome, Vec<ConsoleEntry>)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()>,
{
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("registry.db");
    let pinned = EmulatorOptions::new(&db_path)
        .config(config)
        .clock(Clock::pinned_unix(PINNED_NOW_S));
    let options = emulator_options(options(pinned));
    let running = quay_emulator::start(options.clone())
        .await
        .expect("the emulator starts");
    let (base_url, faults) = (running.base_url(), running.fault_control());
    let clock = running.clock().clone();
    let emulator = outage::Emulator::new(running, options);
    let driver = ChromeDriver::spawn().await;
    let profile = tmp.path().join("profile");
    std::fs::create_dir_all(&profile).expect("profile dir");
    let downloads = tmp.path().join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads dir");
    let client = driver.new_session(&profile, &downloads).await;
    browser::pin_page_clock(&client, &clock).await;
    let ctx = Ctx {
        client: client.clone(),
        base_url,
        http: reqwest::Client::new(),
        db_path,
        faults,
        downloads,
        clock,
        emulator: emulator.clone(),
    };

    let outcome = AssertUnwindSafe(body(ctx)).catch_unwind().await;
    let console = drain_console(&client).await;
    if outcome.is_err() || console.iter().any(ConsoleEntry::is_failure) {
        save_artifacts(name, &client, &console).await;
    }
    let _ = client.close().await;
    emulator.shutdown().await;
    (outcome, console)
}

/// A free loopback port, and the built dashboard unless the test serves another copy.
fn emulator_options(options: EmulatorOptions) -> EmulatorOptions {
    let options = options.listen("127.0.0.1:0".parse().expect("loopback address"));
    match options.dist {
        Some(_) => options,
        None => options.dist(dist_dir()),
    }
}

async fn save_artifacts(name: &str, client: &Client, console: &[ConsoleEntry]) {
    let dir = artifacts_dir();
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
    let log: String = console
        .iter()
        .map(|e| format!("{} [{}] {}\n", e.level, e.source, e.message))
        .collect();
    let _ = std::fs::write(dir.join(format!("{name}.console.txt")), log);
    eprintln!("saved {}/{name}.png and .console.txt", dir.display());
}

impl Ctx {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&self.url(path))
            .await
            .unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    }

    /// Waits until an element matching `css` exists.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} within {WAIT:?}: {e}"))
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Replaces the text of the input `css` as a user would (select all, type).
    pub async fn type_into(&self, css: &str, text: &str) {
        let input = self.find(css).await;
        input.clear().await.expect("clear input");
        input
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    /// The current `value` of the input `css`.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap_or_default()
    }

    /// Waits until the element `css` shows text containing `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if last.contains(expected) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} never showed {expected:?} within {WAIT:?} (last text: {last:?})");
    }

    /// Picks a language in the header's picker by its tag (`ja`, `zh-Hans`, `en`).
    pub async fn choose_language(&self, tag: &str) {
        let picker = self.find("#language-picker").await;
        let unfolded = self.unfold_header_menu().await;
        picker
            .select_by_value(tag)
            .await
            .unwrap_or_else(|e| panic!("cannot choose {tag}: {e}"));
        if unfolded {
            self.fold_header_menu().await;
        }
    }

    /// Chooses `theme` ("light", "dark", "system") in the theme picker; panics unless a light or
    /// dark choice is applied to the document.
    pub async fn choose_theme(&self, theme: &str) {
        let picker = self.find("#theme-picker").await;
        let unfolded = self.unfold_header_menu().await;
        picker
            .select_by_value(theme)
            .await
            .unwrap_or_else(|e| panic!("cannot choose the {theme} theme: {e}"));
        if unfolded {
            self.fold_header_menu().await;
        }
        if theme != "system" {
            assert_eq!(self.theme().await.as_deref(), Some(theme), "theme applied");
        }
    }

    /// On a phone the header's tools are behind its "Menu" button: opens it if they are
    /// hidden, and says whether it did.
    pub async fn unfold_header_menu(&self) -> bool {
        self.js("const tools = document.getElementById('site-menu'); \
             const toggle = document.querySelector('button[aria-controls=site-menu]'); \
             const hidden = !!tools && !!toggle && getComputedStyle(tools).display === 'none'; \
             if (hidden) toggle.click(); \
             return hidden;")
            .await
            .as_bool()
            .unwrap_or(false)
    }

    /// Closes the header's "Menu" again.
    pub async fn fold_header_menu(&self) {
        self.js(
            "document.querySelector('button[aria-controls=site-menu][aria-expanded=true]')?.click()",
        )
        .await;
    }

    /// The theme applied to the document (`data-theme`), if one was chosen.
    pub async fn theme(&self) -> Option<String> {
        self.js("return document.documentElement.getAttribute('data-theme');")
            .await
            .as_str()
            .map(str::to_string)
    }

    /// Waits until the page path (without origin) is `path`, and its query too if `path` has one.
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(url) = self.client.current_url().await {
                // With a query in `path`, the query must match too.
                last = match url.query() {
                    Some(query) if path.contains('?') => format!("{}?{query}", url.path()),
                    _ => url.path().to_string(),
                };
                if last == path {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("never reached {path} within {WAIT:?} (at {last})");
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn session_storage(&self, key: &str) -> Option<String> {
        let script = format!("return window.sessionStorage.getItem({key:?});");
        self.js(&script).await.as_str().map(str::to_string)
    }

    /// Everything in localStorage, joined: for "the token is never stored there" checks.
    pub async fn local_storage_dump(&self) -> String {
        self.js("return JSON.stringify(Object.assign({}, window.localStorage));")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Every element matching `css` right now, as text.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
        {
            out.push(el.text().await.unwrap_or_default());
        }
        out
    }

    /// Waits until exactly `n` elements match `css`.
    pub async fn wait_for_count(&self, css: &str, n: usize) {
        let deadline = Instant::now() + WAIT;
        let mut last = 0;
        while Instant::now() < deadline {
            last = self
                .client
                .find_all(Locator::Css(css))
                .await
                .map(|v| v.len())
                .unwrap_or(0);
            if last == n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} matched {last} elements, not {n}, within {WAIT:?}");
    }

    /// Waits until the browser has saved the download `name` (exactly that file name) into
    /// [`Ctx::downloads`] and returns its content. Chromium writes a download under a temporary
    /// name and renames it when complete, so a file found here is whole. Panics naming what was
    /// downloaded instead when `name` does not come.
    pub async fn downloaded(&self, name: &str) -> String {
        let path = self.downloads.join(name);
        let deadline = Instant::now() + WAIT;
        // Chrome reserves the final name with an empty file while the bytes still go to a
        // `.crdownload` file, so a download is complete once it has content and nothing is
        // still in flight.
        while Instant::now() < deadline {
            match std::fs::read_to_string(&path) {
                Ok(content) if !content.is_empty() && !self.download_in_flight() => return content,
                _ => {}
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if let Ok(content) = std::fs::read_to_string(&path) {
            return content;
        }
        let found: Vec<String> = std::fs::read_dir(&self.downloads)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        panic!("no download {name:?} within {WAIT:?} (downloaded: {found:?})");
    }

    fn download_in_flight(&self) -> bool {
        std::fs::read_dir(&self.downloads).is_ok_and(|dir| {
            dir.filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"))
        })
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        self.wait_for_count(css, 0).await;
    }

    /// Saves a screenshot to `target/e2e-artifacts/<name>.png`, to look at the page.
    pub async fn screenshot(&self, name: &str) {
        let dir = artifacts_dir();
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Initializes the registry with the superuser `quayadmin` and signs the dashboard in with
    /// its token (pasted on the sign-in page). Returns the token.
    pub async fn sign_in_as_superuser(&self) -> String {
        let init = self.initialize_registry("quayadmin", "password123").await;
        let token = init["access_token"].as_str().expect("token").to_string();
        self.goto("/").await;
        self.sign_in_page().paste_token(&token).await;
        self.shell().current_username_shows("quayadmin").await;
        token
    }

    /// A JSON API call with a bearer token; returns the status and the body (JSON or `null`).
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut request = self.http.request(method, self.url(path)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("API request");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Creates users through the superuser API (`<name>@example.com`).
    pub async fn create_users(&self, token: &str, names: &[String]) {
        for name in names {
            let body =
                serde_json::json!({"username": name, "email": format!("{name}@example.com")});
            let (status, answer) = self
                .api(
                    reqwest::Method::POST,
                    "/api/v1/superuser/users/",
                    token,
                    Some(body),
                )
                .await;
            assert_eq!(status, 200, "creating {name}: {answer}");
        }
    }

    /// `POST /api/v1/user/initialize` straight to the emulator (for tests that need a non-empty registry).
    pub async fn initialize_registry(&self, username: &str, password: &str) -> Value {
        let response = self
            .http
            .post(self.url("/api/v1/user/initialize"))
            .json(&serde_json::json!({
                "username": username,
                "password": password,
                "email": format!("{username}@example.com"),
                "access_token": true,
            }))
            .send()
            .await
            .expect("initialize request");
        assert_eq!(response.status(), 200, "initialize failed");
        response.json().await.expect("initialize JSON")
    }
}
