//! The Usage logs page against a real emulator: presets and a custom range in the URL, the
//! daily chart (a click narrows to the day), entries as sentences with their metadata, kind
//! and performer filters, "load all", CSV export of a range equal to the API's entries, and
//! Japanese labels.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::dates;
use quay_emulator::testing::seed::{self, SeedLog};
use quay_emulator::Config;
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
        logs.legend_shows("push_repo").await;
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
        logs.goto("?range=30d&performer=bob").await;
        // Only two of Quay's pages are loaded: the filter says so and offers the rest.
        list.load_all().await;
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
