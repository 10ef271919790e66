//! Benchmark (not a test): on the demo data (90 days of usage logs, over 200,000 entries), the
//! time from navigation to the first page of log entries and to the daily chart of the last 30
//! days, in headless Chromium, median of 5 runs after a warm-up; then the whole 30 days loaded
//! ("Load all": time, requests). Also saves a screenshot of /logs into target/e2e-artifacts/.
//! `cargo run --release -p quay-admin-e2e --example logs_timings` after `make dist` (or with
//! `QUAY_ADMIN_DIST` naming another build).

use quay_admin_e2e::{
    demo_config, median_after_warmup, ready, run_in_browser, sign_in_on_demo_data, time_navigations,
};

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let (outcome, _) = run_in_browser("bench_logs", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        let path = "/logs?range=30d&limit=25";
        let list = time_navigations(&ctx, path, ready::LOGS_FIRST_PAGE, 6).await;
        let chart = time_navigations(&ctx, path, ready::LOGS_CHART, 6).await;
        println!(
            "navigation → first logs page (ms): runs {list:.0?}, median {:.0}",
            median_after_warmup(&list)
        );
        println!(
            "navigation → 30-day chart (ms): runs {chart:.0?}, median {:.0}",
            median_after_warmup(&chart)
        );
        ctx.goto("/logs?range=30d&limit=all").await;
        ctx.find(quay_admin_e2e::pages::logs::ROW).await;
        let (ms, requests, text) = ctx.logs().load_whole_range().await;
        println!("30 days loaded: {ms:.0} ms, {requests} requests ({text})");
        ctx.find("[data-testid=chart-legend]").await;
        ctx.screenshot("logs_demo").await;
        ctx.js("document.querySelector('[data-testid=logs-table]').scrollIntoView(); return true;")
            .await;
        ctx.click("[data-testid=log-row]:first-child details summary")
            .await;
        ctx.screenshot("logs_demo_table").await;
    })
    .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
