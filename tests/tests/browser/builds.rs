//! The Builds page against a real emulator: look a build up by id (deep link), its facts and
//! its log with phase headers, followed while it runs until it completes, downloaded as a file;
//! Quay's message for an unknown id; a failed build's reason at the top, its colours, each phase
//! once. A log of thousands of lines shows and is followed without a task over 50 ms.

use quay_admin_e2e::browser_test;
use quay_admin_e2e::build_log::follow_long_log;
use quay_emulator::testing::builds::{append_build_logs, create_build, set_build_phase, NewBuild};
use quay_emulator::testing::{blobs, seed};
use quay_emulator::Config;
use reqwest::Method;
use serde_json::{json, Value};

/// The log as the dashboard's copy and download give it: one line an entry, phases as
/// `== phase ==`.
fn log_text(entries: &[Value]) -> String {
    entries
        .iter()
        .map(|e| {
            let message = e["message"].as_str().expect("message");
            if e["type"] == "phase" {
                format!("== {message} ==")
            } else {
                message.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_running_build_is_followed_to_the_end() {
    browser_test(
        "builds_page",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            blobs::create_repository(&ctx.db_path, "alice", "app", false).expect("repository");
            let mut build = NewBuild::new("alice", "app");
            build.phase = "building".into();
            build.display_name = "a1b2c3d".into();
            build.logs =
                std::iter::once(json!({"message": "building", "type": "phase", "data": {}}))
                    .chain(std::iter::once(
                        json!({"message": "Step 1/2 : FROM alpine", "type": "command", "data": {}}),
                    ))
                    .chain((0..3000).map(|i| json!({"message": format!("output line {i}")})))
                    .collect();
            let uuid = create_build(&ctx.db_path, &build).expect("build");

            // Look it up by id: the URL becomes its deep link.
            let builds = ctx.builds();
            builds.goto("").await;
            builds.look_up(&uuid).await;
            ctx.wait_for_path(&format!("/builds?build={uuid}")).await;
            builds.repository_shows("alice/app").await;
            builds.state_shows("Running").await;
            builds.line_count_shows("3,002 lines").await;
            builds.phase_shows("building").await;
            builds.command_shows("FROM alpine").await;
            ctx.assert_accessible("build page").await;

            // The builder goes on: the page follows until the build is complete.
            append_build_logs(
                &ctx.db_path,
                &uuid,
                &[json!({"message": "Successfully built"})],
            )
            .expect("logs");
            set_build_phase(&ctx.db_path, &uuid, "pushing", json!({})).expect("phase");
            set_build_phase(&ctx.db_path, &uuid, "complete", json!({})).expect("phase");
            builds.state_shows("Complete").await;
            builds.log_shows("Successfully built").await;
            builds.line_count_shows("3,005 lines").await;

            // Download: a file named after the build with every entry, as Quay has them.
            builds.download_log().await;
            let file = ctx.downloaded(&format!("build-{uuid}.log")).await;
            let (status, page) = ctx
                .api(
                    Method::GET,
                    &format!("/api/v1/superuser/{uuid}/logs"),
                    &token,
                    None,
                )
                .await;
            assert_eq!(status, 200, "{page}");
            let expected = log_text(page["logs"].as_array().expect("logs"));
            assert_eq!(expected.lines().count(), 3005);
            if let Some((i, (got, want))) = file
                .lines()
                .zip(expected.lines())
                .enumerate()
                .find(|(_, (got, want))| got != want)
            {
                panic!("downloaded log line {} is {got:?}, not {want:?}", i + 1);
            }
            assert_eq!(file, expected, "the downloaded log differs at its end");

            // Reloading the deep link shows the same build.
            builds.goto(&format!("?build={uuid}")).await;
            builds.state_shows("Complete").await;

            // An unknown id: Quay's own message.
            builds.goto("?build=not-a-build").await;
            ctx.errors()
                .server_message_shows("Unable to locate a build by id: not-a-build")
                .await;

            ctx.choose_language("ja").await;
            ctx.shell().heading_shows("ビルド").await;
        },
    )
    .await;
}

/// A failed build: where build ids come from is explained, a build's address in Quay finds it,
/// its reason shows above everything (escape codes removed), the state and the phase are not
/// said twice, a repeated phase heads the log once, and the output's colours are spans of
/// readable colours in both themes instead of escape codes.
#[tokio::test(flavor = "multi_thread")]
async fn a_failed_build_says_why_in_colour_and_each_phase_once() {
    browser_test(
        "builds_failed",
        Config::default_emulator(),
        |ctx| async move {
            ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            blobs::create_repository(&ctx.db_path, "alice", "app", false).expect("repository");
            let phase = |p: &str| json!({"message": p, "type": "phase", "data": {}});
            let line = |m: &str| json!({"message": m, "data": {}});
            let mut logs = vec![
                phase("build-scheduled"),
                phase("building"),
                json!({"message": "Step 1/2 : FROM alpine", "type": "command", "data": {}}),
                line("\u{1b}[32m\u{2714}\u{1b}[0m compiled <App /> & \"quoted\""),
                line("\u{1b}[2K\u{1b}[1A\u{1b}[1;31mERR!\u{1b}[0m \u{1b}]0;title\u{7}missing"),
                // Quay appended the same phase again: no second header.
                phase("building"),
            ];
            // Every colour the log knows, to measure their contrast.
            for code in (30..=37).chain(90..=97) {
                logs.push(line(&format!("\u{1b}[{code}mcolour {code}\u{1b}[0m")));
            }
            logs.push(json!({
                "message": "\u{1b}[31mThe command '/bin/sh -c npm ci' returned a non-zero code: 1\u{1b}[0m",
                "type": "error",
                "data": {}
            }));
            logs.push(phase("error"));
            let mut build = NewBuild::new("alice", "app");
            build.phase = "error".into();
            build.logs = logs;
            let uuid = create_build(&ctx.db_path, &build).expect("build");

            let builds = ctx.builds();
            builds.goto("").await;
            builds.id_help_shows("build_dockerfile").await;
            builds
                .look_up(&format!(
                    "https://quay.example.com/repository/alice/app/build/{uuid}?tab=logs"
                ))
                .await;
            ctx.wait_for_path(&format!("/builds?build={uuid}")).await;
            builds.repository_shows("alice/app").await;

            let failure = builds
                .failure_shows("returned a non-zero code: 1")
                .await;
            assert!(failure.contains("Why the build failed"), "{failure}");
            assert!(!failure.contains('\u{1b}') && !failure.contains("[31m"), "{failure}");
            assert!(builds.failure_is_first().await, "the reason is at the top");

            builds.state_shows("Failed").await;
            assert!(!builds.shows_phase_code().await, "Failed, not Failed error");
            builds.phase_shows("build-scheduled").await;
            builds.log_shows("colour 97").await;
            assert_eq!(
                builds.phase_headers().await,
                ["build-scheduled", "building", "error"]
            );
            let text = builds.log_text().await;
            assert!(text.contains("\u{2714} compiled <App /> & \"quoted\""), "{text}");
            assert!(text.contains("ERR! missing"), "{text}");
            assert!(!text.contains('\u{1b}') && !text.contains("[0m") && !text.contains("title"), "{text}");
            // 24 entries, every one counted, as Quay has them.
            builds.line_count_shows("24 lines").await;
            ctx.assert_accessible("failed build").await;

            for theme in ["light", "dark"] {
                ctx.choose_theme(theme).await;
                let contrasts = builds.log_colour_contrasts().await;
                // The 16 colour lines, the tick, ERR! and the error entry.
                assert_eq!(contrasts.len(), 19, "{contrasts:?}");
                for (class, ratio) in contrasts {
                    assert!(ratio >= 4.5, "{class} is {ratio:.2}:1 in the {theme} theme");
                }
            }

            // A build the worker gave up on: explained in words, with the builder's message.
            let mut retrying = NewBuild::new("alice", "app");
            retrying.phase = "internalerror".into();
            retrying.queue_retries = Some(2);
            retrying.logs = vec![
                phase("build-scheduled"),
                json!({"message": "Build worker stopped responding", "type": "error", "data": {}}),
                phase("internalerror"),
            ];
            let retrying = create_build(&ctx.db_path, &retrying).expect("build");
            builds.goto(&format!("?build={retrying}")).await;
            let failure = builds.failure_shows("Quay will run the build again").await;
            assert!(failure.contains("Build worker stopped responding"), "{failure}");
            builds.phase_shows("build-scheduled").await;
            assert!(builds.shows_phase_code().await, "Failed: internalerror");

            // A build that did not fail has no reason to show; one line is "1 line".
            let mut waiting = NewBuild::new("alice", "app");
            waiting.phase = "build-scheduled".into();
            waiting.queue_retries = Some(3);
            waiting.logs = vec![phase("build-scheduled")];
            let waiting = create_build(&ctx.db_path, &waiting).expect("build");
            builds.goto(&format!("?build={waiting}")).await;
            builds.line_count_shows("1 line").await;
            assert!(!builds.shows_failure().await);

            // Japanese and Chinese.
            builds.goto(&format!("?build={uuid}")).await;
            ctx.choose_language("ja").await;
            builds.failure_shows("ビルドが失敗した理由").await;
            builds.id_help_shows("build_dockerfile").await;
            ctx.choose_language("zh-Hans").await;
            builds.failure_shows("构建失败的原因").await;
        },
    )
    .await;
}

/// About 6,000 lines in two phases and 60 Dockerfile steps, then three rounds of 500 more while
/// the page follows, then the push and completion: 7,529 lines. Every task from submitting the
/// lookup to the last line of the completed build showing must stay under 50 ms: fetching and
/// decoding the entries, rendering them, and every poll that appends lines. The window opens
/// after the page has shown a small build first, because compiling the page's wasm chunk and
/// the browser's first date formatter are the page's start-up, which this test does not
/// measure (see `follow_long_log`). The Long Tasks API reports exactly the tasks over 50 ms.
#[tokio::test(flavor = "multi_thread")]
async fn a_long_log_shows_and_follows_without_long_tasks() {
    // A timing check on a shared machine: a run whose long tasks come from elsewhere (another
    // process taking the CPU) is repeated, up to three runs. The log's own cost is the same in
    // every run, so a page that really blocks fails all three (the old rendering did: 54 and
    // 112 ms tasks on every run).
    let mut attempts: Vec<String> = Vec::new();
    for attempt in 1..=3 {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(None::<(Vec<f64>, String)>));
        let record = seen.clone();
        browser_test(
            &format!("builds_long_log_{attempt}"),
            Config::default_emulator(),
            |ctx| async move {
                let run = follow_long_log(&ctx, 60, 3, 5).await;
                let r = &run.responsiveness;
                let summary = format!(
                    "{} lines shown in {:.0} ms, {} after following; window {:.0} ms: long tasks \
                     {:.0?}, long frames {:.0?}, longest frame gap {:.0} ms (before the window: \
                     longest task {:.0} ms)\n{}",
                    run.first_lines,
                    run.first_render_ms,
                    run.total_lines,
                    r.window_ms,
                    r.long_tasks,
                    r.long_frames,
                    r.longest_frame_gap,
                    r.longest_task_before,
                    r.details.join("\n"),
                );
                eprintln!("{summary}");
                assert_eq!(run.total_lines, 7_529);
                assert_eq!(run.rendered_lines, run.total_lines, "lines on the page");
                ctx.builds().line_count_shows("7,529 lines").await;
                *record.lock().expect("record") = Some((r.long_tasks.clone(), summary));
            },
        )
        .await;
        let (long_tasks, summary) = seen.lock().expect("record").take().expect("a run");
        if long_tasks.is_empty() {
            return;
        }
        attempts.push(format!("run {attempt}: {summary}"));
    }
    panic!(
        "tasks over 50 ms while the log showed and followed, in every run:\n{}",
        attempts.join("\n")
    );
}
