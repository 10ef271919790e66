//! Every page, with data in it, in the light and the dark theme: axe finds no violation of any
//! impact (contrast included). Like every browser test, it also fails on any
//! Content-Security-Policy violation the browser reports (`ConsoleEntry::is_failure`), under the
//! emulator's policy header (`connect-src 'self'`) and the page's own meta policy.

use quay_admin_e2e::pages::{
    builds, logs, organizations, overview, quotas, registry_size, service_keys, users,
};
use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::builds::{create_build, NewBuild};
use quay_emulator::testing::{blobs, seed};
use quay_emulator::Config;
use reqwest::Method;
use serde_json::json;

/// Each page and what shows that it has loaded its data.
const PAGES: &[(&str, &str)] = &[
    ("/", overview::USER_CARD),
    ("/users", users::ROW),
    ("/organizations", organizations::ROW),
    ("/quotas", quotas::ROW),
    ("/service-keys", service_keys::ROW),
    ("/logs", logs::ROW),
    ("/registry-size", registry_size::BIGGEST_ROW),
];

async fn sweep(ctx: &Ctx, theme: &str, build: &str) {
    ctx.choose_theme(theme).await;
    let build_page = format!("/builds?build={build}");
    let pages = PAGES
        .iter()
        .map(|(path, ready)| (path.to_string(), *ready))
        .chain(std::iter::once((build_page, builds::LOG_PHASE)));
    for (path, ready) in pages {
        ctx.goto(&path).await;
        ctx.find(ready).await;
        assert_eq!(ctx.theme().await.as_deref(), Some(theme), "{path}");
        ctx.assert_no_axe_violations(&format!("{path} ({theme})"))
            .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_in_both_themes() {
    browser_test(
        "accessibility",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["alice".to_string(), "bob".to_string()])
                .await;
            seed::create_organization(&ctx.db_path, "acme", "acme@example.com", "alice")
                .expect("organization");
            blobs::create_repository(&ctx.db_path, "alice", "app", false).expect("repository");
            blobs::add_blob(
                &ctx.db_path,
                "alice",
                "app",
                &blobs::digest_of(b"a"),
                800 << 20,
            )
            .expect("blob");
            let (status, body) = ctx
                .api(
                    Method::POST,
                    "/api/v1/superuser/users/alice/quota",
                    &token,
                    Some(json!({"limit_bytes": 1u64 << 30})),
                )
                .await;
            assert_eq!(status, 201, "{body}");
            seed::create_service_key(&ctx.db_path, "quayadmin", "clair", "scanner", None, "ok")
                .expect("service key");
            let mut build = NewBuild::new("alice", "app");
            build.phase = "complete".into();
            build.logs = vec![
                json!({"message": "building", "type": "phase"}),
                json!({"message": "Step 1/1 : FROM alpine", "type": "command"}),
                json!({"message": "done"}),
            ];
            let uuid = create_build(&ctx.db_path, &build).expect("build");
            ctx.api(
                Method::POST,
                "/api/v1/superuser/registrysize/",
                &token,
                None,
            )
            .await;

            sweep(&ctx, "light", &uuid).await;
            sweep(&ctx, "dark", &uuid).await;
        },
    )
    .await;
}
