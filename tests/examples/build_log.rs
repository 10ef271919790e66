//! Benchmark (not a test): the Builds page with a log of thousands of lines, in headless
//! Chromium. For each size, the time from submitting the lookup to the last line on the page,
//! then the longest task, the long animation frames and the longest gap between frames while the
//! page shows the log and follows three rounds of 500 more lines until the build completes
//! (the window of `follow_long_log`). Sizes are Dockerfile steps of 100 lines, default 60 and
//! 200 (6,022 and 20,022 lines at first).
//! `cargo run --release -p quay-admin-e2e --example build_log [-- STEPS...]` after `make dist`.

use quay_admin_e2e::build_log::follow_long_log;
use quay_admin_e2e::run_in_browser;
use quay_emulator::Config;

fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "none over 50 ms".to_string(), |v| format!("{v:.0} ms"))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number of steps"))
        .collect();
    if sizes.is_empty() {
        sizes = vec![60, 200];
    }
    for steps in sizes {
        let (outcome, _) = run_in_browser(
            "bench_build_log",
            Config::default_emulator(),
            |ctx| async move {
                let run = follow_long_log(&ctx, steps, 3, 5).await;
                let r = &run.responsiveness;
                println!(
                    "{} lines: on the page {:.0} ms after the lookup; followed to {} lines ({} shown) \
                     over {:.1} s: longest task {}, long frames {:.0?}, longest frame gap {:.0} ms \
                     (before: longest task {:.0} ms)",
                    run.first_lines,
                    run.first_render_ms,
                    run.total_lines,
                    run.rendered_lines,
                    r.window_ms / 1000.0,
                    ms(r.longest_task()),
                    r.long_frames,
                    r.longest_frame_gap,
                    r.longest_task_before,
                );
            },
        )
        .await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}
