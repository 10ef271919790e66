//! The harness's own guarantees: a page error fails a browser test, and a failure leaves artifacts.

use quay_admin_e2e::{browser_test, run_in_browser};
use quay_emulator::Config;

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
        ctx.goto("/").await;
        ctx.find("main").await;
        // An input without any label: axe rates "label" as critical.
        ctx.js("document.querySelector('main').appendChild(document.createElement('input')); return null;")
            .await;
        ctx.assert_accessible("page with an unlabelled input").await;
    })
    .await;
}
