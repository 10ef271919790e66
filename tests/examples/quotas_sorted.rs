//! Benchmark (not a test): time from navigation to the Quotas table sorted by usage over ALL
//! namespaces of the demo data (every users and organizations page loaded), in headless
//! Chromium, median of 5 runs. Also saves screenshots of /quotas and /registry-size into
//! target/e2e-artifacts/. `cargo run --release -p quay-admin-e2e --example quotas_sorted` after
//! `make dist`.

use quay_admin_e2e::{
    demo_config, median_after_warmup, run_in_browser, sign_in_on_demo_data, time_navigations,
};

/// Resolves when the whole set is loaded (no partial notice, no load-all progress) and rows
/// show, with milliseconds since navigation started.
const WAIT_FOR_SORTED: &str = r#"
const done = arguments[arguments.length - 1];
const check = () => {
  const rows = document.querySelectorAll('[data-testid=quota-row]').length;
  const partial = document.querySelector('[data-testid=partial-notice]');
  const loading = document.querySelector('[data-testid=load-all-progress]');
  if (rows > 0 && !partial && !loading) {
    done(performance.now());
  } else {
    requestAnimationFrame(check);
  }
};
check();
"#;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let (outcome, _) = run_in_browser("bench_quotas_sorted", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        let runs = time_navigations(&ctx, "/quotas?limit=100", WAIT_FOR_SORTED, 6).await;
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
