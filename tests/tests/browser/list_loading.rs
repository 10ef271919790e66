//! Whole-registry lists without waiting (issue 17): after a list's first page the rest loads in
//! the background, so filter and sort cover the registry by the time the admin types; the
//! loaded list stays for the session, so coming back to the page shows it at once (and loads
//! it afresh in the background); and a complete name typed in the filter is asked for by name,
//! shown at once while the pages have not reached it yet.

use quay_admin_e2e::pages::list::RANGE;
use quay_admin_e2e::{browser_test, demo_config, sign_in_on_demo_data, Ctx};
use quay_emulator::testing::seed;
use quay_emulator::FaultConfig;

/// How many requests for the list at `path` the page has made so far.
async fn list_requests(ctx: &Ctx, path: &str) -> u64 {
    ctx.js(&format!(
        "return performance.getEntriesByType('resource')\
           .filter((e) => new URL(e.name).pathname === '{path}').length"
    ))
    .await
    .as_u64()
    .expect("a count")
}

/// The name (`field`) of the last row of the registry's whole list at `path` (under `key`).
async fn last_listed(ctx: &Ctx, path: &str, key: &str, field: &str) -> String {
    let admin = seed::create_access_token(
        &ctx.db_path,
        quay_emulator::demo::ADMIN_USERNAME,
        "super:user",
    )
    .expect("token");
    let (_, all) = ctx.api(reqwest::Method::GET, path, &admin, None).await;
    all[key]
        .as_array()
        .and_then(|a| a.last())
        .and_then(|row| row[field].as_str())
        .unwrap_or_else(|| panic!("no {key} in {all}"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rest_loads_in_the_background_and_stays_for_the_session() {
    browser_test("list_background", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        let users = ctx.users();
        users.goto("").await;
        users.row_count_is(100).await;
        // Nothing typed, nothing sorted: the whole registry arrives by itself.
        ctx.list().range_shows("1–100 of 2,500 users").await;
        let requests = list_requests(&ctx, "/api/v1/superuser/users/").await;
        assert!(
            requests >= 25,
            "2,500 users in pages of 100: {requests} requests"
        );

        // In-app navigation away and back: the kept list is there at once (read without
        // waiting), then loaded afresh in the background.
        let shell = ctx.shell();
        shell.navigate_to("organizations").await;
        ctx.organizations().row_count_is(100).await;
        shell.navigate_to("users").await;
        ctx.find("[data-testid=user-row]").await;
        assert_eq!(
            ctx.text(RANGE).await,
            "1–100 of 2,500 users",
            "the kept list, at once"
        );
        let revalidated = requests + 25;
        for _ in 0..100 {
            if list_requests(&ctx, "/api/v1/superuser/users/").await >= revalidated {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            list_requests(&ctx, "/api/v1/superuser/users/").await >= revalidated,
            "the kept list is revalidated"
        );
        ctx.list().range_shows("1–100 of 2,500 users").await;
        // The filter covers all of it without a request: the last user of the registry.
        let last = last_listed(
            &ctx,
            "/api/v1/superuser/users/?disabled=true",
            "users",
            "username",
        )
        .await;
        ctx.list().filter(&last).await;
        users.rows_show(&last).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_exact_name_is_shown_before_the_pages_reach_it() {
    browser_test("list_exact_name", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        let last = last_listed(
            &ctx,
            "/api/v1/superuser/organizations/",
            "organizations",
            "name",
        )
        .await;

        let organizations = ctx.organizations();
        organizations.goto("").await;
        organizations.row_count_is(100).await;
        // The registry's list becomes very slow: the pages will not reach `last` for a while.
        ctx.faults
            .set(
                FaultConfig::latency_ms(30_000)
                    .with_path_prefix("/api/v1/superuser/organizations/"),
            )
            .expect("fault");
        ctx.list().filter(&last).await;
        // (Other loaded names may contain it too.)
        organizations.rows_show(&last).await;
        // Still only part of the list: the notice says so.
        assert!(ctx.exists("[data-testid=partial-notice]").await);
        ctx.faults.set(FaultConfig::none()).expect("fault off");
    })
    .await;
}
