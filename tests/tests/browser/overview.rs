//! The overview opens on what needs attention (issue 16 item 10): each card counts what the
//! registry holds (checked against the registry's own API, on seeded data and on the demo data),
//! links to the page filtered to exactly those rows, fails alone with the registry's words and a
//! retry, and says "nothing needs attention" only when every check answered and all is well.

use std::time::{Duration, Instant};

use quay_admin_e2e::pages::logs;
use quay_admin_e2e::pages::overview::Check;
use quay_admin_e2e::{browser_test, demo_config, sign_in_on_demo_data, Ctx};
use quay_emulator::testing::dates::DAY_US;
use quay_emulator::testing::{blobs, seed};
use quay_emulator::{Config, FaultBody, FaultConfig};
use reqwest::Method;
use serde_json::{json, Value};

const MIB: u64 = 1 << 20;
const HOUR_US: i64 = 3_600_000_000;
/// The usage log's kind filter, and the kind it has chosen (named in the reader's language, with
/// the registry's count of it over the range).
const KIND_FILTER: &str = "[data-testid=kind-filter]";
const CHOSEN_KIND: &str = "[data-testid=kind-filter] option:checked";

/// Stores one blob of `bytes` in a new repository `namespace/app`.
fn store(ctx: &Ctx, namespace: &str, bytes: u64) {
    blobs::create_repository(&ctx.db_path, namespace, "app", false).expect("repository");
    let digest = blobs::digest_of(namespace.as_bytes());
    blobs::add_blob(&ctx.db_path, namespace, "app", &digest, bytes as i64).expect("blob");
}

async fn set_quota(ctx: &Ctx, token: &str, family: &str, namespace: &str, bytes: u64) {
    let path = format!("/api/v1/superuser/{family}/{namespace}/quota");
    let body = json!({ "limit_bytes": bytes });
    let (status, answer) = ctx.api(Method::POST, &path, token, Some(body)).await;
    assert_eq!(status, 201, "quota of {namespace}: {answer}");
}

/// A usage-log entry of `kind` at `datetime_us`.
fn log(kind: &str, datetime_us: i64) -> seed::SeedLog<'_> {
    seed::SeedLog {
        kind,
        account: Some("alice"),
        performer: None,
        ip: Some("10.0.0.9"),
        metadata: json!({"type": "quayauth", "username": "alice", "message": "Invalid password"}),
        datetime_us,
    }
}

/// Queues a registry-size calculation and waits until the registry has a total.
async fn calculate_registry_size(ctx: &Ctx, token: &str) {
    let path = "/api/v1/superuser/registrysize/";
    let (status, _) = ctx.api(Method::POST, path, token, None).await;
    assert!(status == 201 || status == 202, "queued: {status}");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, size) = ctx.api(Method::GET, path, token, None).await;
        if !size["last_ran"].is_null() && size["running"] == false && size["queued"] == false {
            return;
        }
        assert!(Instant::now() < deadline, "no registry size: {size}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Returns to the overview and waits for every check to answer.
async fn back_to_overview(ctx: &Ctx) {
    ctx.goto("/").await;
    ctx.overview().settled_states().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn each_card_counts_what_the_registry_holds_and_links_to_those_rows() {
    browser_test(
        "overview_attention",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            let db = &ctx.db_path;
            for name in ["alice", "bob", "carol"] {
                seed::create_user(db, name, "password123", &format!("{name}@example.com"))
                    .expect("user");
            }
            seed::create_organization(db, "acme", "ops@acme.example", "quayadmin").expect("org");
            // Two keys wait for approval (one of them already expired), one is approved.
            seed::register_pending_service_key(db, "clair", None).expect("pending key");
            let expired = ctx.clock.unix_s() - 86_400;
            seed::register_pending_service_key(db, "builder", Some(expired)).expect("pending key");
            seed::create_service_key(db, "quayadmin", "clair", "scanner", None, "ok").expect("key");
            // alice over her limit, the organization at 95 %, bob at 50 %, carol without one.
            store(&ctx, "alice", 150 * MIB);
            store(&ctx, "acme", 95 * MIB);
            store(&ctx, "bob", 50 * MIB);
            store(&ctx, "carol", 500 * MIB);
            set_quota(&ctx, &token, "users", "alice", 100 * MIB).await;
            set_quota(&ctx, &token, "organization", "acme", 100 * MIB).await;
            set_quota(&ctx, &token, "users", "bob", 100 * MIB).await;
            // Failed sign-ins: two today, two yesterday (one more than 24 hours ago: Quay
            // counts whole days, and so does the card), one three days ago (not counted).
            let now = ctx.clock.unix_us();
            let today = now - now.rem_euclid(DAY_US);
            seed::write_logs(
                db,
                &[
                    log("login_failure", today - 3 * DAY_US + HOUR_US),
                    log("login_failure", today - DAY_US + 10 * HOUR_US),
                    log("login_failure", today - 2 * HOUR_US),
                    log("pull_repo", now - 3 * HOUR_US),
                    log("login_failure", now - 2 * HOUR_US),
                    log("login_failure", now - HOUR_US),
                ],
            )
            .expect("logs");

            ctx.goto("/").await;
            let overview = ctx.overview();
            assert_eq!(overview.settled_states().await, ["attention"; 4]);
            overview
                .attention_summary_shows("Needs attention: 4 of 4")
                .await;

            assert_eq!(overview.count(Check::Keys).await, 2);
            assert_eq!(overview.badge(Check::Keys).await, "Needs attention");
            let (text, href) = overview.link(Check::Keys).await;
            assert!(text.contains("Review pending keys"), "{text}");
            assert_eq!(href, "/service-keys?only=pending");

            assert_eq!(overview.count(Check::Quotas).await, 2);
            overview
                .note_shows(Check::Quotas, "1 over their limit, 1 at 90 % or more.")
                .await;
            assert_eq!(overview.link(Check::Quotas).await.1, "/quotas?only=over90");

            assert_eq!(overview.count(Check::SignIns).await, 4);
            overview
                .note_shows(Check::SignIns, "Logged since Nov 21, 00:00 UTC")
                .await;
            assert_eq!(
                overview.link(Check::SignIns).await.1,
                "/logs?from=2026-11-21&to=2026-11-22&kind=login_failure"
            );

            overview.note_shows(Check::Size, "Never calculated").await;
            assert_eq!(overview.link(Check::Size).await.1, "/registry-size");
            ctx.assert_accessible("overview with everything to attend to")
                .await;

            // Each link lands on its page filtered to exactly the rows counted.
            overview.follow(Check::Keys).await;
            ctx.wait_for_path("/service-keys?only=pending").await;
            ctx.service_keys().row_count_is(2).await;

            back_to_overview(&ctx).await;
            overview.follow(Check::Quotas).await;
            ctx.wait_for_path("/quotas?only=over90").await;
            ctx.quotas().row_count_is(2).await;
            let mut shown = ctx.quotas().namespaces().await;
            shown.sort();
            assert_eq!(shown, ["acme", "alice"]);

            back_to_overview(&ctx).await;
            overview.follow(Check::SignIns).await;
            ctx.wait_for_path("/logs?from=2026-11-21&to=2026-11-22&kind=login_failure")
                .await;
            ctx.wait_for_count(logs::ROW, 4).await;
            assert_eq!(ctx.logs().kinds().await, json!(vec!["login_failure"; 4]));
            ctx.wait_for_text(CHOSEN_KIND, "(4)").await;
            assert_eq!(ctx.value(KIND_FILTER).await, "login_failure");

            back_to_overview(&ctx).await;
            overview.follow(Check::Size).await;
            ctx.wait_for_path("/registry-size").await;
            ctx.registry_size().last_calculated_shows("Never").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_check_shows_the_registrys_words_and_a_retry_on_its_card_only() {
    browser_test(
        "overview_attention_failure",
        Config::default_emulator(),
        |ctx| async move {
            ctx.sign_in_as_superuser().await;
            seed::register_pending_service_key(&ctx.db_path, "clair", None).expect("key");
            let overview = ctx.overview();
            ctx.faults
                .set(
                    FaultConfig::status(500)
                        .with_body(FaultBody::Json)
                        .with_path_prefix("/api/v1/superuser/keys"),
                )
                .expect("fault");
            ctx.goto("/").await;
            let states = overview.settled_states().await;
            assert_eq!(states, ["failed", "calm", "calm", "attention"]);
            let errors = overview.errors(Check::Keys);
            errors
                .shows("The pending service keys could not be counted.")
                .await;
            errors
                .server_message_shows("The server encountered an internal error")
                .await;
            // Only this card failed, and it shows no count: a failure is never a zero.
            assert_eq!(ctx.errors_in("main").titles().await.len(), 1);
            assert!(
                !ctx.exists(&format!(
                    "{} [data-testid=check-figure]",
                    Check::Keys.card()
                ))
                .await
            );
            overview
                .attention_summary_shows("Needs attention: 1 of 4")
                .await;

            ctx.faults.set(FaultConfig::none()).expect("fault off");
            errors.retry().await;
            overview.check_is(Check::Keys, "attention").await;
            assert_eq!(overview.count(Check::Keys).await, 1);
            errors.wait_gone().await;

            // A registry without the endpoint (an older Quay, or a feature turned off): said so.
            ctx.faults
                .set(FaultConfig::status(404).with_path_prefix("/api/v1/superuser/registrysize/"))
                .expect("fault");
            ctx.goto("/").await;
            overview.check_is(Check::Size, "failed").await;
            let errors = overview.errors(Check::Size);
            errors.shows("This registry does not offer this").await;
            errors.shows("Retry").await;
            overview.check_is(Check::Keys, "attention").await;
            ctx.assert_accessible("overview with a failed check").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn all_well_says_nothing_needs_attention() {
    browser_test(
        "overview_all_well",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            seed::create_service_key(&ctx.db_path, "quayadmin", "clair", "scanner", None, "ok")
                .expect("key");
            store(&ctx, "alice", 40 * MIB);
            set_quota(&ctx, &token, "users", "alice", 100 * MIB).await;
            calculate_registry_size(&ctx, &token).await;

            ctx.goto("/").await;
            let overview = ctx.overview();
            assert_eq!(overview.settled_states().await, ["calm"; 4]);
            overview
                .attention_summary_shows("Nothing needs attention.")
                .await;
            for check in [Check::Keys, Check::Quotas, Check::SignIns, Check::Size] {
                assert_eq!(overview.badge(check).await, "OK", "{check:?}");
            }
            assert_eq!(overview.count(Check::Keys).await, 0);
            overview
                .note_shows(Check::Keys, "No key is waiting for approval.")
                .await;
            assert_eq!(overview.count(Check::Quotas).await, 0);
            // A zero that may only mean "not logged" says so.
            overview
                .note_shows(Check::SignIns, "ACTION_LOG_AUDIT_LOGIN_FAILURES")
                .await;
            assert_eq!(overview.figure(Check::Size).await, "40 MiB");
            overview.note_shows(Check::Size, "Calculated").await;
            // Calm cards lead to their pages, unfiltered.
            assert_eq!(overview.link(Check::Keys).await.1, "/service-keys");
            assert_eq!(overview.link(Check::Quotas).await.1, "/quotas");
            ctx.assert_accessible("overview with nothing to attend to")
                .await;

            ctx.choose_language("ja").await;
            overview
                .attention_summary_shows("対応が必要な項目はありません。")
                .await;
            assert_eq!(overview.badge(Check::Keys).await, "問題なし");
        },
    )
    .await;
}

/// Every superuser list page by page, as an independent count of the namespaces at 90 % of
/// their limit or more (over it, or at least 90 % of it rounded down).
async fn namespaces_over_90(ctx: &Ctx, token: &str) -> usize {
    let mut count = 0;
    for (family, key) in [("users", "users"), ("organizations", "organizations")] {
        let mut next: Option<String> = None;
        loop {
            let mut url = reqwest::Url::parse(&ctx.url(&format!("/api/v1/superuser/{family}/")))
                .expect("url");
            url.query_pairs_mut().append_pair("limit", "100");
            if let Some(token) = &next {
                url.query_pairs_mut().append_pair("next_page", token);
            }
            let path = format!("{}?{}", url.path(), url.query().unwrap_or_default());
            let (status, page) = ctx.api(Method::GET, &path, token, None).await;
            assert_eq!(status, 200, "{page}");
            for namespace in page[key].as_array().expect("a list") {
                let report = &namespace["quota_report"];
                let used = report["quota_bytes"].as_f64().unwrap_or(0.0) as u64;
                let limit = report["configured_quota"]
                    .as_f64()
                    .or_else(|| namespace["quotas"][0]["limit_bytes"].as_f64())
                    .map(|l| l as u64);
                if let Some(limit) = limit.filter(|&l| l > 0) {
                    if used > limit || used * 100 / limit >= 90 {
                        count += 1;
                    }
                }
            }
            match page["next_page"].as_str() {
                Some(token) => next = Some(token.to_string()),
                None => break,
            }
        }
    }
    count
}

/// On the demo data (pending keys, dozens of namespaces over their quota, 90 days of logs) the
/// cards count what the registry's own API says, and the links land on those rows.
#[tokio::test(flavor = "multi_thread")]
async fn demo_data_counts_match_the_registry() {
    browser_test("overview_demo", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        let token = seed::create_access_token(
            &ctx.db_path,
            quay_emulator::demo::ADMIN_USERNAME,
            "super:user user:read org:admin",
        )
        .expect("token");

        let (_, keys) = ctx
            .api(Method::GET, "/api/v1/superuser/keys", &token, None)
            .await;
        let pending = keys["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .filter(|k| k["approval"].is_null())
            .count();
        let over_90 = namespaces_over_90(&ctx, &token).await;
        let (_, counts) = ctx
            .api(
                Method::GET,
                "/api/v1/superuser/aggregatelogs?starttime=11%2F21%2F2026&endtime=11%2F22%2F2026",
                &token,
                None,
            )
            .await;
        let failed_sign_ins: u64 = counts["aggregated"]
            .as_array()
            .expect("counts")
            .iter()
            .filter(|c| c["kind"] == "login_failure")
            .map(|c| c["count"].as_u64().unwrap_or(0))
            .sum();
        eprintln!("demo: {pending} pending keys, {over_90} namespaces at 90 % or more, {failed_sign_ins} failed sign-ins");
        assert!(pending > 0 && over_90 > 0 && failed_sign_ins > 0);

        ctx.goto("/").await;
        let overview = ctx.overview();
        let states = overview.settled_states().await;
        assert_eq!(&states[..3], ["attention"; 3]);
        assert_eq!(overview.count(Check::Keys).await, pending as u64);
        assert_eq!(overview.count(Check::Quotas).await, over_90 as u64);
        assert_eq!(overview.count(Check::SignIns).await, failed_sign_ins);
        overview.note_shows(Check::Size, "Calculated").await;
        let size = overview.figure(Check::Size).await;
        assert!(size.ends_with("TiB"), "{size}");

        overview.follow(Check::Keys).await;
        ctx.wait_for_path("/service-keys?only=pending").await;
        ctx.service_keys().row_count_is(pending).await;

        back_to_overview(&ctx).await;
        overview.follow(Check::Quotas).await;
        ctx.wait_for_path("/quotas?only=over90").await;
        ctx.list().wait_whole().await;
        ctx.quotas().row_count_is(over_90).await;

        back_to_overview(&ctx).await;
        overview.follow(Check::SignIns).await;
        ctx.wait_for_path("/logs?from=2026-11-21&to=2026-11-22&kind=login_failure")
            .await;
        ctx.wait_for_text(CHOSEN_KIND, &format!("({failed_sign_ins})"))
            .await;
        assert_eq!(ctx.value(KIND_FILTER).await, "login_failure");
        // Every one of them, 25 to a page.
        ctx.list()
            .range_shows(&format!("of {failed_sign_ins} entries"))
            .await;
        ctx.wait_for_count(logs::ROW, failed_sign_ins.min(25) as usize)
            .await;
        let kinds = ctx.logs().kinds().await;
        let shown: &Vec<Value> = kinds.as_array().expect("kinds");
        assert!(shown.iter().all(|k| k == "login_failure"), "{kinds}");

        back_to_overview(&ctx).await;
        overview.follow(Check::Size).await;
        ctx.wait_for_path("/registry-size").await;
        ctx.registry_size().total_shows(&size).await;
    })
    .await;
}
