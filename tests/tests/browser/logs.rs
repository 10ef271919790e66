//! The Usage logs page against a real emulator: presets and a custom range in the URL, the
//! daily chart (a click narrows to the day), entries as sentences with their metadata, kind
//! and performer filters over the whole range, CSV export of a range equal to the API's
//! entries, and Japanese labels; at audit scale: a kind covering the range (its count is
//! Quay's), the walk's progress and cancel, the last 24 hours exactly, one time zone named in
//! the header, translated kinds, a failed load showing only the error and a retry, and a table
//! that fits its box at 1280 px.

use quay_admin_e2e::pages::logs::{SKELETON_ROW, TABLE};
use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::dates;
use quay_emulator::testing::seed::{self, SeedLog};
use quay_emulator::{Config, FaultConfig};
use reqwest::Method;
use serde_json::{json, Value};

const DAY_US: i64 = 86_400_000_000;

/// `yyyy-mm-dd` and `mm/dd/yyyy` of the UTC day holding `us`.
fn day_texts(us: i64) -> (String, String) {
    let days = us.div_euclid(DAY_US);
    let (y, m, d) = dates::ymd(days).expect("a day time can hold");
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{m:02}/{d:02}/{y:04}"),
    )
}

/// Every entry the API lists for one day, newest first, walking `next_page`.
async fn api_entries(ctx: &Ctx, token: &str, quay_day: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/superuser/logs?starttime={quay_day}&endtime={quay_day}");
        if let Some(t) = &next {
            path.push_str("&next_page=");
            path.extend(url::form_urlencoded::byte_serialize(t.as_bytes()));
        }
        let (status, body) = ctx.api(Method::GET, &path, token, None).await;
        assert_eq!(status, 200, "{body}");
        let logs = body["logs"].as_array().cloned().unwrap_or_default();
        if logs.is_empty() {
            return all;
        }
        all.extend(logs);
        match body["next_page"].as_str() {
            Some(t) => next = Some(t.to_string()),
            None => return all,
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn ranges_chart_filters_and_export() {
    browser_test("usage_logs", Config::default_emulator(), |ctx| async move {
        let token = ctx.sign_in_as_superuser().await;
        for name in ["alice", "bob"] {
            seed::create_user(&ctx.db_path, name, "password123", &format!("{name}@example.com"))
                .expect("user");
        }
        let now = ctx.clock.unix_us();
        // Three days ago at noon: five pulls by alice; forty days ago: outside every preset.
        let three_days_ago = (now.div_euclid(DAY_US) - 3) * DAY_US + DAY_US / 2;
        let mut entries: Vec<SeedLog> = (0..25)
            .map(|i| SeedLog {
                kind: "push_repo",
                account: Some("alice"),
                performer: Some(if i % 5 == 0 { "bob" } else { "alice" }),
                ip: Some("10.0.0.7"),
                metadata: json!({"namespace": "alice", "repo": "app", "tag": format!("v{i}")}),
                datetime_us: now - 60_000_000 - i * 1_000_000,
            })
            .collect();
        entries.extend((0..5).map(|i| SeedLog {
            kind: "pull_repo",
            account: Some("alice"),
            performer: Some("alice"),
            ip: Some("10.0.0.8"),
            metadata: json!({"namespace": "alice", "repo": "app", "tag": "<script>alert(1)</script>"}),
            datetime_us: three_days_ago + i * 1_000_000,
        }));
        entries.push(SeedLog {
            kind: "delete_tag",
            account: Some("alice"),
            performer: Some("alice"),
            ip: None,
            metadata: json!({"namespace": "alice", "repo": "app", "tag": "old"}),
            datetime_us: now - 40 * DAY_US,
        });
        seed::write_logs(&ctx.db_path, &entries).expect("logs");
        let (old_day, old_quay_day) = day_texts(three_days_ago);

        // The default range: the last 7 days, the chart above the entries.
        let (logs, list, shell) = (ctx.logs(), ctx.list(), ctx.shell());
        logs.goto("").await;
        logs.wait_for_chart().await;
        assert_eq!(logs.chart_days().await, json!(7));
        logs.range_pressed_shows("7d", "7 days").await;
        logs.first_entry().sentence_shows("pushed to alice/app").await;
        // Kinds by their sentences, not Quay's ids.
        logs.legend_shows("… pushed to …").await;
        ctx.assert_accessible("usage logs page").await;

        // The chart's numbers as a table: three days ago, five pulls.
        logs.open_chart_table().await;
        let counts = logs.day_counts().await;
        assert!(
            counts.iter().any(|r| r.starts_with(&old_day) && r.contains('5')),
            "{counts:?}"
        );

        // A click on that day narrows the range to it (a deep link).
        logs.narrow_to_day(&old_day).await;
        list.range_shows("1–5 of 5").await;
        let url = ctx.client.current_url().await.expect("url");
        assert_eq!(url.query(), Some(format!("limit=25&from={old_day}&to={old_day}").as_str()));
        // The deep link itself shows the same, with the custom range in the fields.
        ctx.client.refresh().await.expect("reload");
        list.range_shows("1–5 of 5").await;
        assert_eq!(logs.from().await, old_day);
        assert_eq!(logs.to().await, old_day);
        let sentences = logs.sentences().await;
        assert_eq!(sentences.len(), 5);
        assert!(sentences.iter().all(|s| s == "alice pulled from alice/app"), "{sentences:?}");
        // Hostile metadata is text in the details.
        logs.first_entry().open_details().await;
        logs.first_entry().metadata_shows("<script>alert(1)</script>").await;
        assert_eq!(logs.scripts_in_metadata().await, json!(0));

        // Export of that range: the API's entries, in its order.
        logs.catch_downloads().await;
        logs.export().await;
        shell.toast_shows("Exported 5 entries").await;
        let (csv, bom) = logs.last_download().await;
        assert!(bom, "spreadsheets need the byte order mark to read UTF-8");
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines[0], "datetime,kind,performer,namespace,ip,metadata");
        let api = api_entries(&ctx, &token, &old_quay_day).await;
        assert_eq!(lines.len() - 1, api.len());
        for (line, entry) in lines[1..].iter().zip(&api) {
            let cells = format!(
                ",{},{},{},{},",
                entry["kind"].as_str().unwrap(),
                entry["performer"]["name"].as_str().unwrap(),
                entry["namespace"]["name"].as_str().unwrap(),
                entry["ip"].as_str().unwrap()
            );
            assert!(line.contains(&cells), "{line} vs {entry}");
            assert!(line.contains("<script>alert(1)</script>"), "{line}");
        }

        // Presets: the last 24 hours leave the older pulls out; 30 days have them.
        logs.choose_range("24h").await;
        logs.range_pressed_shows("24h", "24").await;
        list.range_shows("of 25").await;
        logs.choose_range("30d").await;
        list.range_shows("1–25").await;
        // Load all in range (page by page, 20 at a time), then filter by kind and performer.
        logs.filter_kind("pull_repo").await;
        list.range_shows("1–5 of 5").await;
        let kinds = logs.kinds().await;
        assert!(kinds.as_array().unwrap().iter().all(|k| k == "pull_repo"), "{kinds}");
        // A filter covers the whole range: what it needs is loaded by itself.
        logs.goto("?range=30d&performer=bob").await;
        list.range_shows("1–5 of 5").await;
        let performers = logs.performers().await;
        assert!(performers.iter().all(|p| p == "bob"), "{performers:?}");
        assert_eq!(logs.performer_filter().await, "bob");

        // The back button returns to the previous range.
        ctx.client.back().await.expect("back");
        logs.range_pressed_shows("30d", "30").await;

        ctx.choose_language("ja").await;
        shell.heading_shows("利用ログ").await;
        logs.first_entry().sentence_shows("からプルしました").await;
    })
    .await;
}

/// Entries of `kind` by alice at `times` (µs), from `ip`.
fn entries<'a>(kind: &'a str, ip: &'a str, times: impl Iterator<Item = i64>) -> Vec<SeedLog<'a>> {
    times
        .map(|datetime_us| SeedLog {
            kind,
            account: Some("alice"),
            performer: Some("alice"),
            ip: Some(ip),
            metadata: json!({"namespace": "alice", "repo": "app", "tag": "v1", "username": "alice"}),
            datetime_us,
        })
        .collect()
}

/// Signed in as a superuser, with a user `alice` to own entries; returns now (µs).
async fn signed_in_with_alice(ctx: &Ctx) -> i64 {
    ctx.sign_in_as_superuser().await;
    seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com").expect("user");
    ctx.clock.unix_us()
}

#[tokio::test(flavor = "multi_thread")]
async fn audit_scale() {
    browser_test(
        "usage_logs_audit",
        Config::default_emulator(),
        |ctx| async move {
            let now = signed_in_with_alice(&ctx).await;
            let today = now.div_euclid(DAY_US) * DAY_US;
            let minute = 60_000_000;
            let hour = 60 * minute;
            // Six past days of 45 pushes each (three of Quay's pages a day), 20 pushes today before
            // now; sign-in failures on two past days and today, between the pushes.
            let mut seeded = Vec::new();
            for d in 1..=6 {
                let noon = today - d * DAY_US + DAY_US / 2 - hour;
                seeded.extend(entries(
                    "push_repo",
                    "10.1.2.3",
                    (0..45).map(|i| noon - i * minute),
                ));
            }
            seeded.extend(entries(
                "push_repo",
                "2001:db8:85a3::8a2e:370:7334",
                (0..20).map(|i| now - 2 * minute - i * 30_000_000),
            ));
            let failures: Vec<i64> = (0..7)
                .map(|i| today - 2 * DAY_US + DAY_US / 2 - i * 3 * minute - 30_000_000)
                .chain(
                    (0..5).map(|i| today - 5 * DAY_US + DAY_US / 2 - i * 7 * minute - 30_000_000),
                )
                .chain([now - hour, now - 23 * hour])
                .collect();
            seeded.extend(entries(
                "login_failure",
                "10.9.9.9",
                failures.iter().copied(),
            ));
            // 25 hours ago: outside the last 24 hours.
            seeded.extend(entries(
                "login_failure",
                "10.9.9.9",
                [now - 25 * hour].into_iter(),
            ));
            seed::write_logs(&ctx.db_path, &seeded).expect("logs");
            let in_week = seeded.len();
            let (logs, list) = (ctx.logs(), ctx.list());
            ctx.client
                .set_window_size(1280, 720)
                .await
                .expect("window size");

            // A kind covers the whole range, and its count is Quay's.
            logs.goto("?range=7d&kind=login_failure").await;
            logs.kind_option_shows("Failed sign-in as … (15)").await;
            list.range_shows("1–15 of 15 entries").await;
            let kinds = logs.kinds().await;
            assert_eq!(kinds.as_array().map(Vec::len), Some(15), "{kinds}");
            assert!(
                kinds
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|k| k == "login_failure"),
                "{kinds}"
            );
            // The chart follows the kind, with a y-axis.
            assert_eq!(logs.legend().await, ["Failed sign-in as …"]);
            ctx.find("[data-testid=chart-axis] text").await;

            // One zone throughout: UTC by default, named in the header; the reader's own as an
            // option, held in the URL.
            let header = logs.time_header().await;
            assert!(header.starts_with("Time (UTC)"), "{header}");
            let time = logs.first_time().await;
            assert_eq!(time[0], time[1], "{time}");
            logs.choose_zone("local").await;
            ctx.wait_for_text("[data-testid=sort-time]", "Time (").await;
            let url = ctx.client.current_url().await.expect("url");
            assert!(
                url.query().unwrap_or_default().contains("tz=local"),
                "{url}"
            );
            let time = logs.first_time().await;
            assert_eq!(time[0], time[2], "{time}");
            logs.choose_zone("utc").await;

            // The table fits its box at 1280 px; addresses stay on one line.
            logs.goto("?range=7d").await;
            logs.wait_for_entries().await;
            let widths = logs.table_widths().await;
            assert!(
                widths[0].as_i64() <= widths[1].as_i64(),
                "table wider than its box: {widths}"
            );
            assert_eq!(logs.addresses_unwrapped().await, json!(true));
            ctx.screenshot("logs_audit_1280").await;

            // Progress while the range is walked (a sort needs every entry), and cancel.
            ctx.faults
                .set(FaultConfig::latency_ms(400).with_path_prefix("/api/v1/superuser/logs"))
                .expect("fault");
            logs.goto("?range=7d&sort=performer").await;
            logs.progress_shows("of 7 days").await;
            logs.cancel_loading().await;
            logs.progress_shows("Stopped").await;
            ctx.faults.set(FaultConfig::none()).expect("fault off");
            list.load_all().await;
            list.range_shows(&format!("of {in_week} entries")).await;

            // The last 24 hours are 24 hours: per hour in the chart, nothing older in the table.
            logs.goto("?range=24h").await;
            ctx.wait_for_text("#chart-title", "Entries per hour").await;
            list.range_shows("1–22 of 22 entries").await;

            // Kinds in the reader's language in the menu and the legend.
            logs.goto("?range=7d").await;
            ctx.choose_language("ja").await;
            logs.kind_option_shows("としてのサインインに失敗しました (15)")
                .await;
            logs.legend_shows("にプッシュしました").await;
            ctx.wait_for_text("[data-testid=sort-time]", "日時 (UTC)")
                .await;
            ctx.screenshot("logs_audit_ja").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_load_shows_only_the_error_and_retry() {
    browser_test(
        "usage_logs_failed",
        Config::default_emulator(),
        |ctx| async move {
            let now = signed_in_with_alice(&ctx).await;
            seed::write_logs(
                &ctx.db_path,
                &entries("push_repo", "10.1.2.3", (1..4).map(|i| now - i * 1_000_000)),
            )
            .expect("logs");
            ctx.faults
                .set(FaultConfig::status(500).with_path_prefix("/api/v1/superuser/logs"))
                .expect("fault");
            let logs = ctx.logs();
            logs.goto("").await;
            ctx.errors().find().await;
            assert_eq!(ctx.errors().all_offer_retry().await, json!(true));
            for absent in [
                TABLE,
                SKELETON_ROW,
                "[data-testid=empty-state]",
                "[data-testid=list-range]",
            ] {
                assert!(!ctx.exists(absent).await, "{absent} shows with the error");
            }
            ctx.screenshot("logs_failed").await;
            ctx.faults.set(FaultConfig::none()).expect("fault off");
            ctx.errors().retry().await;
            logs.wait_for_entries().await;
            ctx.list().range_shows("1–3 of 3 entries").await;
            assert!(!ctx.errors().any().await);
        },
    )
    .await;
}

/// Build entries link to their build on the Builds page: `build_dockerfile` by its `build_id`,
/// `cancel_build` by its `build_uuid`, each link named "Open build <id>"; an id that is not a
/// UUID (hostile text) stays plain text.
#[tokio::test(flavor = "multi_thread")]
async fn build_entries_link_to_their_build() {
    browser_test(
        "usage_logs_build_links",
        Config::default_emulator(),
        |ctx| async move {
            let now = signed_in_with_alice(&ctx).await;
            let (queued, cancelled) = (
                "5f0c3e2a-8b1d-4c6e-9a7f-2d3b4c5e6f70",
                "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            );
            let entry = |kind, metadata, seconds_ago: i64| SeedLog {
                kind,
                account: Some("alice"),
                performer: Some("alice"),
                ip: Some("10.0.0.9"),
                metadata,
                datetime_us: now - seconds_ago * 1_000_000,
            };
            seed::write_logs(
                &ctx.db_path,
                &[
                    entry(
                        "build_dockerfile",
                        json!({"build_id": queued, "repo": "app", "namespace": "alice", "docker_tags": ["latest"], "is_manual": true, "manual_user": "alice"}),
                        10,
                    ),
                    entry("cancel_build", json!({"build_uuid": cancelled}), 20),
                    entry(
                        "build_dockerfile",
                        json!({"build_id": "../../users?q=x\" onclick=\"alert(1)", "repo": "app", "namespace": "alice"}),
                        30,
                    ),
                    entry("push_repo", json!({"namespace": "alice", "repo": "app", "tag": "v1", "build_id": queued}), 40),
                ],
            )
            .expect("logs");
            let logs = ctx.logs();
            logs.goto("").await;
            logs.wait_for_entries().await;
            assert_eq!(
                logs.entry_links().await,
                json!([
                    ["build_dockerfile", format!("Open build {queued}"), format!("/builds?build={queued}")],
                    ["cancel_build", format!("Open build {cancelled}"), format!("/builds?build={cancelled}")],
                    ["build_dockerfile", null, null],
                    ["push_repo", null, null],
                ])
            );
            // The hostile id is still there to read, as text.
            assert!(
                logs.sentences().await[2].contains("../../users"),
                "{:?}",
                logs.sentences().await
            );
            ctx.assert_accessible("usage logs with build links").await;
            logs.follow_link("Open build").await;
            ctx.wait_for_path(&format!("/builds?build={queued}")).await;
        },
    )
    .await;
}
