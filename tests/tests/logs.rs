//! The Usage logs page against a real emulator: presets and a custom range in the URL, the
//! daily chart (a click narrows to the day), entries as sentences with their metadata, kind
//! and performer filters, "load all", CSV export of a range equal to the API's entries, and
//! Japanese labels.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::seed::{self, SeedLog};
use quay_emulator::Config;
use reqwest::Method;
use serde_json::{json, Value};

const DAY_US: i64 = 86_400_000_000;

/// `yyyy-mm-dd` and `mm/dd/yyyy` of the UTC day holding `us`.
fn day_texts(us: i64) -> (String, String) {
    let days = us.div_euclid(DAY_US);
    let (y, m, d) = quay_emulator::dates::ymd(days).expect("a day time can hold");
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

/// The page's CSV download, caught where the page hands the file to the browser.
async fn catch_downloads(ctx: &Ctx) {
    ctx.js(
        "window.__downloads = []; const original = URL.createObjectURL; \
         URL.createObjectURL = function (blob) { window.__downloads.push(blob); \
         return original.call(URL, blob); }; return true;",
    )
    .await;
}

/// The last file's text and whether it starts with a UTF-8 byte order mark (which `text()`
/// drops).
async fn last_download(ctx: &Ctx) -> (String, bool) {
    let file = ctx
        .js(
            "const b = window.__downloads[window.__downloads.length - 1]; \
             if (!b) return null; \
             return Promise.all([b.text(), b.slice(0, 3).arrayBuffer()]) \
               .then(([text, head]) => [text, new Uint8Array(head).join(',') === '239,187,191']);",
        )
        .await;
    (
        file[0].as_str().expect("a downloaded file").to_string(),
        file[1].as_bool().expect("bom"),
    )
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
        ctx.goto("/logs").await;
        ctx.find("[data-testid=chart-day]").await;
        assert_eq!(
            ctx.js("return document.querySelectorAll('[data-testid=chart-day]').length;").await,
            json!(7)
        );
        ctx.wait_for_text("[data-testid=range-7d][aria-pressed=true]", "7 days").await;
        ctx.wait_for_text("[data-testid=log-row]:first-child [data-testid=log-sentence]", "pushed to alice/app")
            .await;
        ctx.wait_for_text("[data-testid=chart-legend]", "push_repo").await;
        ctx.assert_accessible("usage logs page").await;

        // The chart's numbers as a table: three days ago, five pulls.
        ctx.click(".chart-table summary").await;
        let counts = ctx.texts("[data-testid=count-row]").await;
        assert!(
            counts.iter().any(|r| r.starts_with(&old_day) && r.contains('5')),
            "{counts:?}"
        );

        // A click on that day narrows the range to it (a deep link).
        ctx.click(&format!("[data-testid=chart-day][data-day='{old_day}']")).await;
        ctx.wait_for_text("[data-testid=list-range]", "1–5 of 5").await;
        let url = ctx.client.current_url().await.expect("url");
        assert_eq!(url.query(), Some(format!("limit=25&from={old_day}&to={old_day}").as_str()));
        // The deep link itself shows the same, with the custom range in the fields.
        ctx.client.refresh().await.expect("reload");
        ctx.wait_for_text("[data-testid=list-range]", "1–5 of 5").await;
        assert_eq!(ctx.value("#logs-from").await, old_day);
        assert_eq!(ctx.value("#logs-to").await, old_day);
        let sentences = ctx.texts("[data-testid=log-sentence]").await;
        assert_eq!(sentences.len(), 5);
        assert!(sentences.iter().all(|s| s == "alice pulled from alice/app"), "{sentences:?}");
        // Hostile metadata is text in the details.
        ctx.click("[data-testid=log-row]:first-child details summary").await;
        ctx.wait_for_text("[data-testid=log-row]:first-child .log-metadata", "<script>alert(1)</script>")
            .await;
        assert_eq!(ctx.js("return document.querySelectorAll('.log-metadata script').length;").await, json!(0));

        // Export of that range: the API's entries, in its order.
        catch_downloads(&ctx).await;
        ctx.click("[data-testid=export-range]").await;
        ctx.wait_for_text(".toast-stack", "Exported 5 entries").await;
        let (csv, bom) = last_download(&ctx).await;
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
        ctx.click("[data-testid=range-24h]").await;
        ctx.wait_for_text("[data-testid=range-24h][aria-pressed=true]", "24").await;
        ctx.wait_for_text("[data-testid=list-range]", "of 25").await;
        ctx.click("[data-testid=range-30d]").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–25").await;
        // Load all in range (page by page, 20 at a time), then filter by kind and performer.
        ctx.click("[data-testid=kind-filter]").await;
        ctx.js("const s = document.querySelector('[data-testid=kind-filter]'); \
                s.value = 'pull_repo'; s.dispatchEvent(new Event('change')); return true;")
            .await;
        ctx.wait_for_text("[data-testid=list-range]", "1–5 of 5").await;
        let kinds = ctx.js("return [...document.querySelectorAll('[data-testid=log-row]')].map(r => r.dataset.kind);").await;
        assert!(kinds.as_array().unwrap().iter().all(|k| k == "pull_repo"), "{kinds}");
        ctx.goto("/logs?range=30d&performer=bob").await;
        // Only two of Quay's pages are loaded: the filter says so and offers the rest.
        ctx.click("[data-testid=load-all]").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–5 of 5").await;
        let performers = ctx.texts("[data-testid=log-performer]").await;
        assert!(performers.iter().all(|p| p == "bob"), "{performers:?}");
        assert_eq!(ctx.value("[data-testid=performer-filter]").await, "bob");

        // The back button returns to the previous range.
        ctx.client.back().await.expect("back");
        ctx.wait_for_text("[data-testid=range-30d][aria-pressed=true]", "30").await;

        ctx.choose_language("ja").await;
        ctx.wait_for_text("h1", "利用ログ").await;
        ctx.wait_for_text("[data-testid=log-row]:first-child [data-testid=log-sentence]", "からプルしました")
            .await;
    })
    .await;
}
