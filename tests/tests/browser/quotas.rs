//! The Quotas and Registry size pages against a real emulator: the whole set sorted by usage,
//! setting, validating and removing a quota in human units (also from the Users page), and
//! "Calculate now" followed from queued to a new total.

use std::time::{Duration, Instant};

use quay_admin_e2e::{browser_test, browser_test_with, Ctx};
use quay_emulator::testing::{blobs, seed};
use quay_emulator::{Config, RegistrySizeWorkerOptions};
use reqwest::Method;
use serde_json::json;

const GIB: i64 = 1 << 30;

/// Stores blobs of the given sizes in a new repository `namespace/repo`.
fn store(ctx: &Ctx, namespace: &str, repo: &str, sizes: &[i64]) {
    blobs::create_repository(&ctx.db_path, namespace, repo, false).expect("repository");
    let digests: Vec<String> = (0..sizes.len())
        .map(|i| blobs::digest_of(format!("{namespace}/{repo}/{i}").as_bytes()))
        .collect();
    let blobs: Vec<(&str, i64)> = digests
        .iter()
        .map(String::as_str)
        .zip(sizes.iter().copied())
        .collect();
    blobs::add_blobs(&ctx.db_path, namespace, repo, &blobs).expect("blobs");
}

async fn quota_of(ctx: &Ctx, token: &str, family: &str, namespace: &str) -> serde_json::Value {
    let path = format!("/api/v1/superuser/{family}/{namespace}/quota");
    let (status, body) = ctx.api(Method::GET, &path, token, None).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn sorted_over_everything_set_invalid_and_remove() {
    browser_test(
        "quotas_page",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            for name in ["alice", "bob", "carol"] {
                seed::create_user(
                    &ctx.db_path,
                    name,
                    "password123",
                    &format!("{name}@example.com"),
                )
                .expect("user");
            }
            // The organization comes from the last API page (organizations after users), yet it
            // stores the most, so it must come first.
            seed::create_organization(&ctx.db_path, "zeta-org", "zeta@example.com", "quayadmin")
                .expect("organization");
            store(&ctx, "alice", "app", &[GIB]);
            store(&ctx, "bob", "api", &[GIB, 2 * GIB]);
            store(&ctx, "zeta-org", "web", &[5 * GIB]);

            let (quotas, editor, shell) = (ctx.quotas(), ctx.quota_editor(), ctx.shell());
            quotas.goto("?limit=25").await;
            quotas.row_count_is(3).await;
            ctx.list().wait_whole().await;
            let names = quotas.namespaces().await;
            assert_eq!(
                names,
                ["zeta-org", "bob", "alice"],
                "largest first, carol has nothing"
            );
            quotas.summary_shows("3 namespaces").await;
            ctx.assert_accessible("quotas page").await;

            // Invalid input is refused with the reason, before anything is sent.
            quotas.goto("?q=bob").await;
            quotas.row_count_is(1).await;
            quotas.edit_first().await;
            editor.wait_ready().await;
            editor.type_limit("ten gigs").await;
            editor.save().await;
            editor.limit_error_shows("Enter a number").await;
            editor.type_limit("10 GiBs").await;
            editor.limit_error_shows("Unknown unit").await;
            assert_eq!(quota_of(&ctx, &token, "users", "bob").await, json!([]));

            // 1.5 TiB, shown in bytes before saving, then in the row.
            editor.type_limit("1.5 TiB").await;
            editor.preview_shows("1,649,267,441,664 bytes").await;
            ctx.assert_accessible("quota editor").await;
            editor.save().await;
            shell.toast_shows("Quota of bob set to 1.5 TiB").await;
            editor.wait_closed().await;
            quotas.rows_show("1.5 TiB").await;
            let set = quota_of(&ctx, &token, "users", "bob").await;
            assert_eq!(set[0]["limit_bytes"], 1_649_267_441_664_i64);

            // Removing it asks first, naming the namespace.
            quotas.edit_first().await;
            editor.wait_ready().await;
            assert_eq!(editor.limit().await, "1.5 TiB");
            editor.remove().await;
            editor
                .remove_question_shows("Remove the quota of bob")
                .await;
            editor.confirm_remove().await;
            shell.toast_shows("Quota of bob removed").await;
            assert_eq!(quota_of(&ctx, &token, "users", "bob").await, json!([]));

            // Quick filters and kind, from the URL too.
            quotas.goto("?only=noquota&kind=organization").await;
            quotas.row_count_is(1).await;
            quotas.namespace_shows("zeta-org").await;
            let pressed = quotas.quick_filter_pressed("noquota").await;
            assert_eq!(pressed.as_str(), Some("true"));

            // Japanese labels.
            ctx.choose_language("ja").await;
            shell.heading_shows("クォータ").await;
            quotas.quick_filter_shows("noquota", "クォータなし").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_quota_editor_works_from_the_users_and_organizations_pages() {
    browser_test(
        "quotas_from_lists",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            seed::create_organization(&ctx.db_path, "acme", "acme@example.com", "quayadmin")
                .expect("organization");
            store(&ctx, "alice", "app", &[GIB]);

            let (users, organizations) = (ctx.users(), ctx.organizations());
            let (editor, shell) = (ctx.quota_editor(), ctx.shell());
            users.goto("?q=alice").await;
            users.row_count_is(1).await;
            users.first_row().edit_quota().await;
            editor.wait_ready().await;
            editor.shows("Uses 1 GiB now").await;
            editor.type_limit("2 GiB").await;
            editor.preview_shows("50 %").await;
            editor.save().await;
            shell.toast_shows("Quota of alice set to 2 GiB").await;
            users.rows_show("1 GiB / 2 GiB").await;
            assert_eq!(
                quota_of(&ctx, &token, "users", "alice").await[0]["limit_bytes"],
                2 * GIB
            );

            organizations.goto("?q=acme").await;
            organizations.row_count_is(1).await;
            organizations.first_row().edit_quota().await;
            editor.wait_ready().await;
            editor.type_limit("750 MiB").await;
            editor.save().await;
            shell.toast_shows("Quota of acme set to 750 MiB").await;
            organizations.rows_show("750 MiB").await;
            assert_eq!(
                quota_of(&ctx, &token, "organization", "acme").await[0]["limit_bytes"],
                750 * (1 << 20)
            );
        },
    )
    .await;
}

/// The limit field refuses what it would misread, saying why: thousands separators ("1,000 GiB"
/// is not 1 GiB), a number without a unit (not 5 bytes), 8 EiB or more (Quay's 64-bit column);
/// it takes EiB as its hint says, and the preview groups the digits of a huge share.
#[tokio::test(flavor = "multi_thread")]
async fn the_limit_field_refuses_what_it_would_misread() {
    browser_test(
        "quota_limit_input",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "bob", "password123", "bob@example.com").expect("user");
            store(&ctx, "bob", "api", &[GIB, 2 * GIB]);
            let (quotas, editor, shell) = (ctx.quotas(), ctx.quota_editor(), ctx.shell());
            quotas.goto("?q=bob").await;
            quotas.row_count_is(1).await;
            quotas.edit_first().await;
            editor.wait_ready().await;
            let hint = editor.hint().await;
            assert!(
                hint.contains("EiB") && hint.contains("below 8 EiB"),
                "{hint}"
            );

            for typed in ["1,000 GiB", "1 000 GiB", "1,5 TiB"] {
                editor.type_limit(typed).await;
                editor.limit_error_shows("thousands separators").await;
                editor.preview_gone().await;
            }
            editor.type_limit("5").await;
            editor.limit_error_shows("Add a unit").await;
            editor.preview_gone().await;
            editor.save().await;
            editor.wait_open().await;
            editor.type_limit("8 EiB").await;
            editor.limit_error_shows("below 8 EiB").await;
            assert_eq!(quota_of(&ctx, &token, "users", "bob").await, json!([]));

            // 3 GiB under a 1 KiB limit: the share, grouped like the bytes.
            editor.type_limit("1 KiB").await;
            editor
                .preview_shows("1,024 bytes · 314,572,800 % of it in use now")
                .await;
            ctx.assert_accessible("quota editor refusing a limit").await;

            // EiB, as the hint says, up to what Quay stores.
            editor.type_limit("1000 GiB").await;
            editor.preview_shows("1,073,741,824,000 bytes").await;
            editor.type_limit("1 EiB").await;
            editor
                .preview_shows("1,152,921,504,606,846,976 bytes")
                .await;
            editor.save().await;
            shell.toast_shows("Quota of bob set to 1 EiB").await;
            assert_eq!(
                quota_of(&ctx, &token, "users", "bob").await[0]["limit_bytes"],
                1_i64 << 60
            );

            // The reasons in Japanese and Chinese.
            ctx.choose_language("ja").await;
            quotas.edit_first().await;
            editor.wait_ready().await;
            editor.type_limit("1,000 GiB").await;
            editor.limit_error_shows("桁区切り").await;
            editor.type_limit("5").await;
            editor.limit_error_shows("単位を付けてください").await;
            ctx.press(fantoccini::key::Key::Escape).await;
            editor.wait_closed().await;
            ctx.choose_language("zh-Hans").await;
            quotas.edit_first().await;
            editor.wait_ready().await;
            editor.type_limit("1,000 GiB").await;
            editor.limit_error_shows("千位分隔符").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn calculate_now_follows_the_job_to_a_new_total() {
    // A slow worker, so the page can be seen following it: picked up within 2 s, then one blob
    // per step with 400 ms pauses.
    let worker = RegistrySizeWorkerOptions {
        enabled: true,
        poll_interval: Duration::from_millis(2000),
        batch_size: 1,
        batch_pause: Duration::from_millis(400),
    };
    browser_test_with(
        "registry_size_page",
        Config::default_emulator(),
        move |o| o.registry_size_worker(worker),
        |ctx| async move {
            ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            // Twelve blobs of 512 MiB: the run lasts about 4.4 s, longer than the page's
            // polling gaps while it runs, so "Running" is seen.
            store(&ctx, "alice", "app", &[GIB / 2; 12]);
            // The same blob in a second repository counts once in the registry total.
            let shared = blobs::digest_of(b"alice/app/0");
            blobs::create_repository(&ctx.db_path, "alice", "copy", false).expect("repository");
            blobs::add_blob(&ctx.db_path, "alice", "copy", &shared, GIB / 2).expect("shared blob");

            let size = ctx.registry_size();
            size.goto().await;
            size.last_calculated_shows("Never calculated").await;
            size.state_shows("Idle").await;
            size.biggest_shows("alice").await;
            ctx.assert_accessible("registry size page").await;

            size.calculate_now().await;
            // Seen states, in order, until the job is done.
            let mut seen: Vec<String> = Vec::new();
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                // State and button read in one script, so both come from the same render.
                let (state, disabled) = size.state_and_button().await;
                let Some(state) = state else {
                    assert!(
                        Instant::now() < deadline,
                        "the state went away; seen: {seen:?}"
                    );
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                if seen.last() != Some(&state) {
                    seen.push(state.clone());
                }
                if state == "Queued" || state == "Running" {
                    assert_eq!(disabled, Some(true), "a second click while {state}");
                }
                if state == "Idle" && seen.len() > 1 {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "never finished; states seen: {seen:?}"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            assert!(
                seen.iter().any(|s| s == "Running"),
                "the page never showed the job running: {seen:?}"
            );
            // The first read may come before the page left Idle or after: then, only Queued or
            // Running until the end.
            let after_click: Vec<&str> = seen
                .iter()
                .map(String::as_str)
                .skip_while(|s| *s == "Idle")
                .collect();
            assert!(
                matches!(after_click.first(), Some(&("Queued" | "Running"))),
                "{seen:?}"
            );
            assert_eq!(after_click.last(), Some(&"Idle"), "{seen:?}");
            size.total_shows("6 GiB").await;
            size.total_bytes_show("6,442,450,944").await;
            ctx.shell()
                .toast_shows("Registry size calculated: 6 GiB")
                .await;
            let last = size.last_calculated().await;
            assert!(!last.contains("Never"), "{last}");

            ctx.choose_language("ja").await;
            ctx.shell().heading_shows("レジストリサイズ").await;
            size.state_shows("待機中").await;
        },
    )
    .await;
}
