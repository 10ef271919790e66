//! The harness's own guarantees: a page error fails a browser test, and a failure leaves artifacts.

use quay_admin_e2e::{browser_test, run_in_browser};
use quay_emulator::Config;
use reqwest::Method;

#[tokio::test(flavor = "multi_thread")]
async fn uncaught_page_errors_are_caught_and_leave_artifacts() {
    let name = "harness_self_check";
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/e2e-artifacts")
        .join(format!("{name}.png"));
    let _ = std::fs::remove_file(&artifacts);
    let (outcome, console) = run_in_browser(name, Config::default_emulator(), |ctx| async move {
        ctx.goto("/").await;
        ctx.find("main").await;
        ctx.js("setTimeout(() => { throw new Error('boom from the page'); }, 0); return null;")
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    })
    .await;
    assert!(outcome.is_ok());
    let failure = console
        .iter()
        .find(|e| e.is_failure())
        .unwrap_or_else(|| panic!("the thrown error was not seen: {console:#?}"));
    assert!(
        failure.message.contains("boom from the page"),
        "{failure:?}"
    );
    assert!(artifacts.is_file(), "a screenshot was saved");
}

#[tokio::test(flavor = "multi_thread")]
#[should_panic(expected = "the page logged errors")]
async fn browser_test_fails_on_a_console_error() {
    browser_test(
        "harness_console_error",
        Config::default_emulator(),
        |ctx| async move {
            ctx.goto("/").await;
            ctx.find("main").await;
            ctx.js("console.error('panicked at src/lib.rs:1:1: simulated'); return null;")
                .await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[should_panic(expected = "accessibility violations")]
async fn the_accessibility_check_fails_on_a_serious_violation() {
    browser_test("harness_axe", Config::default_emulator(), |ctx| async move {
        // A settled page (the empty registry's wizard), so no re-render removes the input below.
        ctx.goto("/").await;
        ctx.wait_for_path("/setup").await;
        ctx.find(quay_admin_e2e::pages::setup::EMAIL).await;
        // An input without any label: axe rates "label" as critical.
        ctx.js("document.querySelector('main').appendChild(document.createElement('input')); return null;")
            .await;
        ctx.assert_accessible("page with an unlabelled input").await;
    })
    .await;
}

/// The page and the emulator share one pinned "now" (`PINNED_NOW_S`), whatever the day the tests
/// run: dates shown and dates asked for are the same in every run.
#[tokio::test(flavor = "multi_thread")]
async fn the_page_and_the_emulator_share_a_pinned_clock() {
    browser_test("harness_clock", Config::default_emulator(), |ctx| async move {
        ctx.goto("/").await;
        ctx.find("main").await;
        let page = ctx
            .js("return [Date.now(), new Date().getTime(), new Date(0).getTime(), new Date().toISOString()];")
            .await;
        let emulator_ms = ctx.clock.unix_ms();
        let (now, constructed) = (page[0].as_i64().unwrap(), page[1].as_i64().unwrap());
        assert!(
            (emulator_ms - now).abs() < 5_000,
            "page {now}, emulator {emulator_ms}"
        );
        assert!((constructed - now).abs() < 5_000);
        assert_eq!(page[2], 0, "a given time is not moved");
        let pinned_ms = quay_admin_e2e::PINNED_NOW_S * 1000;
        assert!(
            (pinned_ms..pinned_ms + 600_000).contains(&now),
            "{}",
            page[3]
        );
        // The emulator dates its answers by the same clock: the log window defaults to now ± 1 day.
        let token = ctx.sign_in_as_superuser().await;
        let (status, window) = ctx
            .api(Method::GET, "/api/v1/superuser/logs", &token, None)
            .await;
        assert_eq!(status, 200, "{window}");
        assert_eq!(window["start_time"].as_str().unwrap().get(..16), Some("Sat, 21 Nov 2026"));
    })
    .await;
}
