//! Benchmark (not a test): time from navigation to an interactive Users table of 100 rows on
//! the demo data (`quay-emulator --seed demo`), in headless Chromium, median of 5 runs.
//! `cargo run --release -p quay-admin-e2e --example users_interactive` after `make dist`.

use quay_admin_e2e::run_in_browser;
use quay_emulator::{demo, seed, Config};

/// Resolves once 100 rows are in the table, with milliseconds since navigation started.
const WAIT_FOR_ROWS: &str = r#"
const done = arguments[arguments.length - 1];
const check = () => {
  if (document.querySelectorAll('[data-testid=user-row]').length >= 100) {
    done(performance.now());
  } else {
    requestAnimationFrame(check);
  }
};
check();
"#;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let config = Config::default_emulator()
        .with_overrides(&serde_json::json!({ "SUPER_USERS": demo::SUPER_USERS }).to_string())
        .expect("config");
    let (outcome, _) = run_in_browser("bench_users_interactive", config, |ctx| async move {
        let summary = demo::seed(&ctx.db_path, 1).expect("demo seed");
        eprintln!("seeded: {} users", summary.users);
        let token = seed::create_access_token(
            &ctx.db_path,
            demo::ADMIN_USERNAME,
            "super:user user:read org:admin",
        )
        .expect("token");
        ctx.goto("/").await;
        ctx.js(&format!(
            "sessionStorage.setItem('quay-admin.token', '{token}'); localStorage.setItem('quay-admin.page-size', '100');"
        ))
        .await;
        let mut runs = Vec::new();
        for _ in 0..6 {
            ctx.goto("/users?limit=100").await;
            let ms = ctx
                .client
                .execute_async(WAIT_FOR_ROWS, Vec::new())
                .await
                .expect("rows")
                .as_f64()
                .expect("ms");
            runs.push(ms);
        }
        // The first run warms the emulator's caches and the browser's compiled wasm.
        let mut measured = runs[1..].to_vec();
        measured.sort_by(f64::total_cmp);
        let median = measured[measured.len() / 2];
        println!("navigation → users table with 100 rows (ms): runs {runs:.0?}, median {median:.0}");
    })
    .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
