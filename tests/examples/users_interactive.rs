//! Benchmark (not a test): time from navigation to an interactive Users table of 100 rows on
//! the demo data (`quay-emulator --seed demo`), in headless Chromium, median of 5 runs.
//! `cargo run --release -p quay-admin-e2e --example users_interactive` after `make dist`.

use quay_admin_e2e::{
    demo_config, median_after_warmup, ready, run_in_browser, sign_in_on_demo_data, time_navigations,
};

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let (outcome, _) = run_in_browser("bench_users_interactive", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        let runs = time_navigations(&ctx, "/users?limit=100", ready::USERS_100_ROWS, 6).await;
        let median = median_after_warmup(&runs);
        println!(
            "navigation → users table with 100 rows (ms): runs {runs:.0?}, median {median:.0}"
        );
    })
    .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
