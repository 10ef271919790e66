//! The Builds page against a real emulator: look a build up by id (deep link), its facts and
//! its log with phase headers, followed while it runs until it completes; Quay's message for an
//! unknown id.

use quay_admin_e2e::browser_test;
use quay_emulator::builds::{append_build_logs, create_build, set_build_phase, NewBuild};
use quay_emulator::{seed, usage, Config};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_running_build_is_followed_to_the_end() {
    browser_test(
        "builds_page",
        Config::default_emulator(),
        |ctx| async move {
            ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            usage::create_repository(&ctx.db_path, "alice", "app", false).expect("repository");
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
            ctx.goto("/builds").await;
            ctx.type_into("#build-uuid", &uuid).await;
            ctx.click("[data-testid=build-lookup]").await;
            ctx.wait_for_path(&format!("/builds/{uuid}")).await;
            ctx.wait_for_text("[data-testid=build-repository]", "alice/app")
                .await;
            ctx.wait_for_text("[data-testid=build-state]", "Running")
                .await;
            ctx.wait_for_text("[data-testid=build-log-count]", "3,002 lines")
                .await;
            ctx.wait_for_text("[data-testid=build-log] .log-phase", "building")
                .await;
            ctx.wait_for_text("[data-testid=build-log] .log-command", "FROM alpine")
                .await;
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
            ctx.wait_for_text("[data-testid=build-state]", "Complete")
                .await;
            ctx.wait_for_text("[data-testid=build-log]", "Successfully built")
                .await;
            ctx.wait_for_text("[data-testid=build-log-count]", "3,005 lines")
                .await;

            // Reloading the deep link shows the same build.
            ctx.goto(&format!("/builds/{uuid}")).await;
            ctx.wait_for_text("[data-testid=build-state]", "Complete")
                .await;

            // An unknown id: Quay's own message.
            ctx.goto("/builds/not-a-build").await;
            ctx.wait_for_text(
                "[data-testid=server-message]",
                "Unable to locate a build by id: not-a-build",
            )
            .await;

            ctx.choose_language("ja").await;
            ctx.wait_for_text("h1", "ビルド").await;
        },
    )
    .await;
}
