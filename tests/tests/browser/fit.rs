//! Every screen and language (issue 16): from 1280 px up no table scrolls sideways and every
//! row's actions are in view, badges never wrap (in Japanese and Chinese either), a phone gets a
//! one-line header with a menu and lists as cards; a filter or sort covers the whole registry;
//! bulk delete is as deliberate as a single one and leaves out whom Quay refuses.

use quay_admin_e2e::pages::{list, users};
use quay_admin_e2e::{browser_test, demo_config, sign_in_on_demo_data, Ctx};
use quay_emulator::testing::blobs;
use quay_emulator::testing::seed::{self, create_many_users};
use quay_emulator::Config;
use serde_json::Value;

/// The list pages and what a loaded row of each is.
const LIST_PAGES: &[(&str, &str)] = &[
    ("/users", "[data-testid=user-row]"),
    ("/organizations", "[data-testid=organization-row]"),
    ("/service-keys", "[data-testid=key-row]"),
    ("/quotas", "[data-testid=quota-row]"),
];

/// How the page fits the window: sideways overflow of the page and of the table, the rows
/// whose actions end outside the window, and the tallest and shortest badge.
async fn measure(ctx: &Ctx) -> Value {
    ctx.js(
        "const w = window.innerWidth;
         const t = document.querySelector('.table-wrap');
         const rows = [...document.querySelectorAll('tbody tr')].filter(r => r.querySelector('.cell-actions'));
         const outside = rows.filter(r => {
             const a = r.querySelector('.cell-actions button');
             const b = a && a.getBoundingClientRect();
             return !b || b.right > w || b.left < 0 || b.width === 0;
         }).length;
         const badges = [...document.querySelectorAll('.badge')].map(b => b.getBoundingClientRect().height).filter(h => h > 0);
         return {
             page_overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
             table_overflow: t ? t.scrollWidth - t.clientWidth : 0,
             rows: rows.length,
             actions_outside: outside,
             badge_max: badges.length ? Math.max(...badges) : 0,
             badge_min: badges.length ? Math.min(...badges) : 0,
         };",
    )
    .await
}

fn assert_fits(what: &str, m: &Value) {
    let n = |k: &str| m[k].as_f64().unwrap_or(f64::NAN);
    assert!(
        n("page_overflow") <= 0.0,
        "{what}: the page scrolls sideways: {m}"
    );
    assert!(
        n("table_overflow") <= 0.0,
        "{what}: the table is wider than its box: {m}"
    );
    assert!(n("rows") > 0.0, "{what}: no rows: {m}");
    assert_eq!(
        n("actions_outside"),
        0.0,
        "{what}: row actions out of view: {m}"
    );
    assert!(
        n("badge_max") <= n("badge_min") * 1.2,
        "{what}: a badge wraps onto more lines: {m}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn tables_fit_from_1280_px_in_every_language() {
    browser_test("fit_wide", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        for (width, height) in [(1280, 720), (1366, 768), (1920, 1080)] {
            ctx.client
                .set_window_size(width, height)
                .await
                .expect("window size");
            for language in ["en", "ja", "zh-Hans"] {
                for (path, row) in LIST_PAGES {
                    ctx.goto(path).await;
                    ctx.choose_language(language).await;
                    ctx.find(row).await;
                    let what = format!("{path} at {width} px in {language}");
                    assert_fits(&what, &measure(&ctx).await);
                    if width == 1280 {
                        let name = path.trim_start_matches('/');
                        ctx.screenshot(&format!("fit_{name}_{width}_{language}")).await;
                    }
                }
            }
        }
        // A row's menu opens inside the window, even on the last row in view.
        ctx.client.set_window_size(1280, 720).await.expect("size");
        ctx.goto("/users").await;
        ctx.choose_language("en").await;
        ctx.find("[data-testid=user-row]").await;
        ctx.js("const b = [...document.querySelectorAll('[data-testid=row-actions]')].filter(b => b.getBoundingClientRect().bottom < window.innerHeight).pop(); b.click();")
            .await;
        let menu = ctx
            .js("const m = document.querySelector('[role=menu]').getBoundingClientRect(); return [m.top, m.bottom, m.left, m.right, window.innerWidth, window.innerHeight];")
            .await;
        let v: Vec<f64> = serde_json::from_value(menu.clone()).expect("numbers");
        assert!(
            v[0] >= 0.0 && v[1] <= v[5] && v[2] >= 0.0 && v[3] <= v[4],
            "menu outside the window: {menu}"
        );
        ctx.assert_accessible("users with a row menu open").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phone_gets_a_one_line_header_and_cards() {
    browser_test("fit_phone", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        ctx.client.set_window_size(390, 844).await.expect("size");
        for language in ["en", "ja"] {
            for (path, row) in LIST_PAGES {
                ctx.goto(path).await;
                ctx.choose_language(language).await;
                ctx.find(row).await;
                let header = ctx
                    .js("return document.querySelector('.topbar').getBoundingClientRect().height")
                    .await;
                assert!(
                    header.as_f64().is_some_and(|h| h <= 64.0),
                    "{path} in {language}: header {header} px high"
                );
                assert_fits(
                    &format!("{path} at 390 px in {language}"),
                    &measure(&ctx).await,
                );
                let name = path.trim_start_matches('/');
                ctx.screenshot(&format!("fit_{name}_390_{language}")).await;
            }
        }
        // The navigation is behind "Menu"; choosing a page folds it again.
        ctx.choose_language("en").await;
        let nav_shown = || async {
            ctx.js(
                "return getComputedStyle(document.querySelector('nav.sidenav')).display !== 'none'",
            )
            .await
            .as_bool()
            .unwrap_or(false)
        };
        assert!(!nav_shown().await, "navigation shown without the menu");
        let toggle = ctx.find("button[aria-controls=site-menu]").await;
        assert!(toggle.text().await.unwrap_or_default().ends_with("Menu"));
        assert_eq!(
            toggle.attr("aria-expanded").await.ok().flatten().as_deref(),
            Some("false")
        );
        toggle.click().await.expect("open the menu");
        assert!(nav_shown().await, "the menu shows the navigation");
        ctx.screenshot("fit_menu_open_390").await;
        ctx.assert_accessible("phone menu open").await;
        ctx.shell().navigate_to("service-keys").await;
        ctx.find("[data-testid=key-row]").await;
        assert!(!nav_shown().await, "the menu folds after navigating");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn filter_and_sort_cover_the_whole_registry() {
    browser_test("fit_whole", Config::default_emulator(), |ctx| async move {
        ctx.sign_in_as_superuser().await;
        let db = &ctx.db_path;
        create_many_users(db, "bulk", 450).expect("users");
        // The last user Quay lists, and the one with the most storage.
        seed::create_user(db, "zimmer", "password123", "zimmer@example.com").expect("user");
        blobs::create_repository(db, "zimmer", "big", false).expect("repository");
        blobs::add_blob(db, "zimmer", "big", &blobs::digest_of(b"big"), 41 << 30).expect("blob");

        let (users, list) = (ctx.users(), ctx.list());
        users.open("?limit=25").await;
        list.range_shows("1–25").await;
        // Typing finds a user far beyond what was loaded.
        list.filter("zimmer").await;
        users.row_count_is(1).await;
        list.range_shows("1–1 of 1").await;
        list.wait_whole().await;

        // Sorting by storage puts the biggest of the whole registry first.
        users.open("?limit=25&sort=quota&dir=desc").await;
        users.first_row_shows("zimmer").await;
        list.range_shows("of 452").await;
        ctx.assert_accessible("users sorted by storage").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_delete_asks_for_the_count_and_leaves_out_superusers() {
    browser_test("fit_bulk", Config::default_emulator(), |ctx| async move {
        let token = ctx.sign_in_as_superuser().await;
        let names: Vec<String> = (1..=30).map(|n| format!("temp{n:02}")).collect();
        ctx.create_users(&token, &names).await;
        let (users, list) = (ctx.users(), ctx.list());
        ctx.client.set_window_size(1280, 720).await.expect("size");
        users.open("?limit=50").await;
        list.range_shows("of 31").await;
        // quayadmin (the admin signed in, a superuser) and everyone else.
        users.select_row(1).await;
        users.shift_select_row(31).await;
        users.bulk_bar_shows("31 selected").await;
        // Far down the list, the bar stays in view.
        ctx.js("window.scrollTo(0, document.body.scrollHeight)")
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let top = users.bulk_bar_top().await;
        assert!((0.0..100.0).contains(&top), "bulk bar at {top} px");

        users.bulk_delete().await;
        users.bulk_dialog().wait_open().await;
        let left_out = users.bulk_left_out().await;
        assert!(
            left_out.contains("quayadmin") && left_out.contains("(you)"),
            "{left_out}"
        );
        assert!(
            users.bulk_confirm_disabled().await,
            "deletes without typing"
        );
        users.type_bulk_count("31").await;
        assert!(
            users.bulk_confirm_disabled().await,
            "the wrong count confirms"
        );
        users.type_bulk_count("30").await;
        assert!(
            !users.bulk_confirm_disabled().await,
            "the count does not confirm"
        );
        ctx.assert_accessible("bulk delete dialog").await;
        ctx.screenshot("fit_bulk_delete").await;
        users.confirm_bulk().await;
        users.bulk_progress_shows("30 of 30").await;
        ctx.shell().toast_shows("30 done, 0 failed").await;
        users.bulk_dialog().close().await;
        list.range_shows("1–1 of 1").await;
        assert_eq!(users.usernames().await, vec!["quayadmin"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_list_shows_only_the_error() {
    browser_test("fit_failed", Config::default_emulator(), |ctx| async move {
        ctx.sign_in_as_superuser().await;
        ctx.faults
            .set(
                quay_emulator::FaultConfig::status(503)
                    .with_path_prefix("/api/v1/superuser/users/"),
            )
            .expect("fault");
        ctx.users().goto("").await;
        ctx.errors_in("main").shows("503").await;
        assert!(
            !ctx.exists(list::EMPTY_STATE).await,
            "an empty state with the error"
        );
        assert!(
            !ctx.exists(".skeleton-row").await,
            "skeleton rows with the error"
        );
        let range = ctx.texts(list::RANGE).await.join(" ");
        assert!(!range.contains("No rows"), "{range}");
        ctx.faults
            .set(quay_emulator::FaultConfig::none())
            .expect("fault off");
        ctx.errors_in("main").retry_if_offered().await;
        ctx.find(users::ROW).await;
    })
    .await;
}
