//! A long build log on the Builds page: thousands of lines in phases and Dockerfile steps, looked
//! up, then followed while the build goes on until it completes, with the page's responsiveness
//! recorded throughout. Shared by the builds browser test (which asserts) and the `build_log`
//! benchmark (which reports).

use quay_emulator::testing::builds::{append_build_logs, create_build, set_build_phase, NewBuild};
use quay_emulator::testing::{blobs, seed};
use serde_json::{json, Value};

use crate::responsiveness::Responsiveness;
use crate::Ctx;

/// Entries per Dockerfile step: its command and its output.
pub const LINES_PER_STEP: usize = 100;

/// Step `n` of `of`: the command, then output with an error line now and then.
fn step(n: usize, of: usize) -> Vec<Value> {
    let command = json!({"message": format!("Step {n}/{of} : RUN make part-{n}"), "type": "command", "data": {}});
    let output = (1..LINES_PER_STEP).map(move |i| {
        let message = format!(
            "[part-{n}] compiling src/module_{i}.rs ({i}/{})",
            LINES_PER_STEP - 1
        );
        if i % 40 == 0 {
            json!({"message": format!("warning: {message} took long"), "type": "error"})
        } else {
            json!({ "message": message })
        }
    });
    std::iter::once(command).chain(output).collect()
}

/// What [`follow_long_log`] saw.
#[derive(Clone, Debug)]
pub struct FollowedLog {
    pub uuid: String,
    /// Entries when the build was looked up.
    pub first_lines: usize,
    /// From submitting the lookup to the last of those entries on the page (fetching included).
    pub first_render_ms: f64,
    /// Entries when the build completed.
    pub total_lines: usize,
    /// Lines on the page at the end.
    pub rendered_lines: usize,
    /// From submitting the lookup until the build completed and its last line showed.
    pub responsiveness: Responsiveness,
}

fn last_message(entries: &[Value]) -> String {
    entries.last().expect("entries")["message"]
        .as_str()
        .expect("message")
        .to_string()
}

/// Signs in, stores a running build whose log has `first_steps` steps (about
/// `first_steps * LINES_PER_STEP` lines), looks it up on the Builds page, then lets the builder
/// add `rounds` times `steps_per_round` steps (each round waits until the page shows its last
/// line), then the `pushing` phase and `complete`.
///
/// The window measured opens when the lookup form is submitted. Before that the page has shown
/// a small build (looked up the same way): compiling the Builds page's wasm chunk and the
/// browser's first `Intl` date formatter (its locale data, some 15-20 ms here) are one-off costs
/// of the page's start-up, not of the log. From then on the work is the log's: fetching and
/// decoding the entries, rendering them, following the build (and the build's facts, re-rendered
/// on each poll). Only the test's own probes run too, and they read one element a frame.
pub async fn follow_long_log(
    ctx: &Ctx,
    first_steps: usize,
    rounds: usize,
    steps_per_round: usize,
) -> FollowedLog {
    ctx.sign_in_as_superuser().await;
    seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com").expect("user");
    blobs::create_repository(&ctx.db_path, "alice", "app", false).expect("repository");
    let of = first_steps + rounds * steps_per_round;
    let mut build = NewBuild::new("alice", "app");
    build.phase = "building".into();
    build.display_name = "a1b2c3d".into();
    build.logs = std::iter::once(json!({"message": "pulling", "type": "phase"}))
        .chain((1..=20).map(|i| json!({"message": format!("Pulling base image layer {i}/20")})))
        .chain(std::iter::once(
            json!({"message": "building", "type": "phase"}),
        ))
        .chain((1..=first_steps).flat_map(|n| step(n, of)))
        .collect();
    let first_lines = build.logs.len();
    let first_last = last_message(&build.logs);
    let uuid = create_build(&ctx.db_path, &build).expect("build");
    let mut small = NewBuild::new("alice", "app");
    small.phase = "complete".into();
    small.logs = step(1, 1);
    let small_last = last_message(&small.logs);
    let small = create_build(&ctx.db_path, &small).expect("build");

    let builds = ctx.builds();
    builds.goto(&format!("?build={small}")).await;
    builds.wait_for_last_line(&small_last).await;
    ctx.record_responsiveness_from("submit").await;
    builds.look_up(&uuid).await;
    let shown = builds.wait_for_last_line(&first_last).await;
    let first_render_ms = shown - ctx.responsiveness().await.from;

    // The builder goes on while the page follows (it polls with back-off).
    let mut next = first_steps + 1;
    for _ in 0..rounds {
        let entries: Vec<Value> = (next..next + steps_per_round)
            .flat_map(|n| step(n, of))
            .collect();
        next += steps_per_round;
        append_build_logs(&ctx.db_path, &uuid, &entries).expect("logs");
        builds.wait_for_last_line(&last_message(&entries)).await;
    }
    set_build_phase(&ctx.db_path, &uuid, "pushing", json!({})).expect("phase");
    let pushed: Vec<Value> = (1..=5)
        .map(|i| json!({"message": format!("Pushing layer {i}/5")}))
        .collect();
    append_build_logs(&ctx.db_path, &uuid, &pushed).expect("logs");
    let total_lines =
        set_build_phase(&ctx.db_path, &uuid, "complete", json!({})).expect("phase") as usize;
    builds.wait_for_last_line("complete").await;
    builds.state_shows("Complete").await;
    let responsiveness = ctx.responsiveness().await;

    let rendered_lines = builds.rendered_lines().await;
    FollowedLog {
        uuid,
        first_lines,
        first_render_ms,
        total_lines,
        rendered_lines,
        responsiveness,
    }
}
