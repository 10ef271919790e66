//! Benchmark (not a test): time from navigation to the Quotas table sorted by usage over ALL
//! namespaces of the demo data (every users and organizations page loaded), in headless
//! Chromium, median of 5 runs. Also saves screenshots of /quotas and /registry-size into
//! target/e2e-artifacts/. `cargo run --release -p quay-admin-e2e --example quotas_sorted` after
//! `make dist`.

use quay_admin_e2e::{
    demo_config, median_after_warmup, ready, run_in_browser, sign_in_on_demo_data, time_navigations,
};

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let (outcome, _) = run_in_browser("bench_quotas_sorted", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        let runs = time_navigations(&ctx, "/quotas?limit=100", ready::QUOTAS_SORTED, 6).await;
        let median = median_after_warmup(&runs);
        let first = ctx.find("[data-testid=quota-row]").await.text().await.unwrap_or_default();
        println!(
            "navigation → quotas table sorted over all namespaces (ms): runs {runs:.0?}, median {median:.0}"
        );
        println!("largest namespace row: {}", first.replace('\n', " | "));
        ctx.screenshot("quotas_demo").await;
        ctx.goto("/registry-size").await;
        ctx.find("[data-testid=biggest-row]").await;
        ctx.screenshot("registry_size_demo").await;
    })
    .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
