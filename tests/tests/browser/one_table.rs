//! Every user in one scrolling table (`?limit=all`): the first server page at once, the rest
//! loaded by itself; only the rows in view are in the page, and scrolling reaches every row in
//! order.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::seed::create_many_users;
use quay_emulator::Config;

const USERS: usize = 1_500;

/// Scrolls the table's frame to `fraction` of its height and returns the usernames drawn.
async fn scroll_to(ctx: &Ctx, fraction: f64) -> Vec<String> {
    ctx.list().scroll_to(fraction).await;
    // The drawn rows follow on the next render.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    ctx.users().drawn_names().await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_row_scrolls_in_one_table() {
    browser_test("one_table", Config::default_emulator(), |ctx| async move {
        ctx.sign_in_as_superuser().await;
        create_many_users(&ctx.db_path, "bulk", USERS).expect("users");

        let list = ctx.list();
        ctx.users().goto("?limit=all").await;
        // "All" means all: after the first server page the rest loads by itself.
        let total = USERS + 1; // and quayadmin
        assert_eq!(total, 1_501);
        list.range_shows("1–1,501 of 1,501").await;
        list.wait_whole().await;
        let drawn = ctx.users().rows().await.len();
        assert!(
            drawn > 5 && drawn < 60,
            "{drawn} of {total} rows drawn: only those in view (and a few around) should be"
        );

        // Top, middle and end: each shows its part of the list, in server order, and no more
        // rows than fit are ever in the page.
        let top = scroll_to(&ctx, 0.0).await;
        assert_eq!(
            top.first().map(String::as_str),
            Some("quayadmin"),
            "{top:?}"
        );
        let middle = scroll_to(&ctx, 0.5).await;
        assert!(
            middle.iter().any(|n| n == "bulk00750"),
            "the middle of the list: {middle:?}"
        );
        let end = scroll_to(&ctx, 1.0).await;
        assert_eq!(end.last().map(String::as_str), Some("bulk01500"), "{end:?}");
        assert!(end.len() < 60, "{} rows drawn at the end", end.len());

        // Sorted, the same table scrolls in the new order.
        list.sort_by("username").await;
        let first = scroll_to(&ctx, 0.0).await;
        assert_eq!(first.first().map(String::as_str), Some("bulk00001"));
        ctx.assert_accessible("users in one table").await;
    })
    .await;
}
