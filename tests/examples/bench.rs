//! `make bench`: the benchmark report (never a pass/fail test). One run on this machine measures
//! - transfer sizes (raw, gzip, brotli) of the first load and of what each page adds;
//! - browser timings in headless Chromium, median of 5 runs after a warm-up: navigation → setup
//!   wizard interactive (empty registry); then on the demo data, token known → users table with
//!   100 rows, → quotas sorted over all namespaces, → first logs page, → the 30-day chart; and
//!   the JS heap after those; then the usage logs' 30 days loaded whole (time and requests);
//!   then 10,000 users loaded into one table ("All, scrolling") and
//!   scrolled end to end: the load time, the longest task and frame gap, and the JS heap;
//! - the emulator's throughput and latency under `wrk` over loopback (10 s each): the users
//!   list, the usage log, and user creation + deletion;
//! - page loads (issue 17), signed in on the demo data: Users, Service keys and Usage logs, cold
//!   (browser cache emptied first) and warm (the same page again, cache kept), on no throttling,
//!   cable and fast 3G (Chrome DevTools network emulation), median of 5 runs after a warm-up:
//!   the time until the page is ready (its first row shown, then one more animation frame, so
//!   the main thread is free for input again: `quay_admin_e2e::page_load::timed_load`), the
//!   static requests by then (how many reached the server, bytes moved), the API calls, and the
//!   main thread's long tasks before ready (wasm compile, start-up, first render).
//!   The emulator serves the files as the README's nginx block does (precompressed brotli,
//!   immutable hashed files, `no-cache` + ETag for the rest).
//!
//! Prints one table and writes `target/bench/report.json`. `BENCH_ONLY=page_loads` (a comma-
//! separated list of `transfer`, `wizard`, `demo`, `page_loads`; `demo` is the demo data's
//! timings, heap, logs, 10,000 rows and `wrk`) runs only those parts, e.g. while working on one.

use std::path::PathBuf;
use std::process::Command;

use quay_admin_e2e::page_load::{
    clear_cache, emulate, timed_load, Load, Network, CABLE, FAST_3G, UNTHROTTLED,
};
use quay_admin_e2e::pages::{logs, service_keys, users};
use quay_admin_e2e::{
    demo_config, dist_dir, median_after_warmup, ready, run_in_browser, sign_in_on_demo_data,
    time_navigations, Ctx,
};
use quay_emulator::testing::seed;
use quay_emulator::Config;
use serde_json::{json, Value};

const RUNS: usize = 6;
const LOAD_SECONDS: u64 = 10;

/// Whether `BENCH_ONLY` (unset: everything) names this part of the bench.
fn part(name: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |only| only.split(',').any(|p| p.trim() == name))
}

fn report_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("bench")
}

/// Runs scripts/size.py on the dashboard that the browser timings use.
fn transfer() -> Value {
    let out = report_dir().join("size.json");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new("python3")
        .current_dir(&root)
        .arg("scripts/size.py")
        .arg("--json")
        .arg(&out)
        .arg(dist_dir())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs");
    assert!(status.success(), "scripts/size.py failed");
    serde_json::from_str(&std::fs::read_to_string(&out).expect("size report")).expect("JSON")
}

struct Timing {
    what: &'static str,
    runs: Vec<f64>,
}

impl Timing {
    fn json(&self) -> Value {
        json!({"what": self.what, "runs_ms": self.runs, "median_ms": median_after_warmup(&self.runs)})
    }
}

/// Scrolls the one-table view one screen per animation frame to its end; resolves when there.
const SCROLL_TO_END: &str = r#"
const done = arguments[arguments.length - 1];
const frame = document.querySelector('.table-scroll');
let steps = 0;
const step = () => {
  frame.scrollTop += frame.clientHeight;
  steps += 1;
  if (frame.scrollTop + frame.clientHeight >= frame.scrollHeight - 1) {
    requestAnimationFrame(() => requestAnimationFrame(() => done(steps)));
  } else {
    requestAnimationFrame(step);
  }
};
requestAnimationFrame(step);
"#;

/// Fills the demo registry up to 10,000 users, loads them all into one table and scrolls it from
/// top to bottom.
async fn ten_thousand_rows(ctx: &Ctx) -> Value {
    const TOTAL: usize = 10_000;
    let (_, first) = ctx
        .api(
            reqwest::Method::GET,
            // Disabled users too, as the Users page lists them by default.
            "/api/v1/superuser/users/?disabled=true",
            &seed::create_access_token(
                &ctx.db_path,
                quay_emulator::demo::ADMIN_USERNAME,
                "super:user",
            )
            .expect("token"),
            None,
        )
        .await;
    let present = first["users"].as_array().map_or(0, Vec::len);
    seed::create_many_users(&ctx.db_path, "scroll", TOTAL - present).expect("users");
    ctx.goto("/users?limit=all").await;
    ctx.wait_for_text("[data-testid=list-range]", "1–100 of 100")
        .await;
    let started = std::time::Instant::now();
    // "All, scrolling" loads the rest by itself once the first page is in (the footer's Load
    // all only when that was cancelled or in a build before that): timed from the first page.
    if ctx.exists("[data-testid=load-all]").await {
        ctx.click("[data-testid=load-all]").await;
    }
    ctx.wait_for_text("[data-testid=list-range]", "of 10,000")
        .await;
    let load_all_ms = started.elapsed().as_secs_f64() * 1000.0;
    ctx.record_responsiveness_from("scroll").await;
    let steps = ctx
        .client
        .execute_async(SCROLL_TO_END, Vec::new())
        .await
        .expect("scrolled");
    let r = ctx.responsiveness().await;
    let drawn = ctx
        .js("return document.querySelectorAll('[data-testid=user-row]').length;")
        .await;
    let heap = ctx
        .js("return performance.memory ? performance.memory.usedJSHeapSize : null;")
        .await;
    json!({
        "rows": TOTAL,
        "load_all_ms": load_all_ms,
        "scroll_steps": steps,
        "scroll_ms": r.window_ms,
        "longest_task_ms": r.longest_task(),
        "long_tasks": r.long_tasks.len(),
        "longest_frame_gap_ms": r.longest_frame_gap,
        "rows_in_page_at_end": drawn,
        "js_heap_bytes": heap,
    })
}

/// The pages whose loads are measured: name, address, their list's row.
const PAGE_LOADS: [(&str, &str, &str); 3] = [
    ("Users", "/users", users::ROW),
    ("Service keys", "/service-keys", service_keys::ROW),
    ("Usage logs", "/logs", logs::ROW),
];

const NETWORKS: [Network; 3] = [UNTHROTTLED, CABLE, FAST_3G];

/// Issue 17's targets, medians on this bench: ready in ms for (cache, network), and static
/// requests (cold: all of them; warm: those that reach the server).
fn ready_target(cache: &str, network: &str) -> Option<f64> {
    match (cache, network) {
        ("cold", "none") => Some(700.0),
        ("warm", "none") => Some(500.0),
        ("cold", "fast 3G") => Some(2500.0),
        _ => None,
    }
}

fn requests_target(cache: &str) -> f64 {
    if cache == "cold" {
        10.0
    } else {
        3.0
    }
}

/// The medians (after the warm-up) of a page's loads in one cache state on one network.
fn loads_json(page: &str, path: &str, cache: &str, network: &Network, loads: &[Load]) -> Value {
    let median =
        |f: &dyn Fn(&Load) -> f64| median_after_warmup(&loads.iter().map(f).collect::<Vec<_>>());
    let ready: Vec<f64> = loads.iter().map(|l| l.ready_ms).collect();
    let last = loads.last().map(|l| &l.requests.statics);
    json!({
        "page": page,
        "path": path,
        "cache": cache,
        "network": network.name,
        "ready_runs_ms": ready,
        "ready_median_ms": median_after_warmup(&ready),
        "long_tasks_before_ready_median_ms": median(&|l| l.busy_ms),
        "static_requests": median(&|l| l.requests.statics.len() as f64),
        "static_requests_to_server": median(&|l| {
            l.requests.statics.iter().filter(|r| r.hit_network()).count() as f64
        }),
        "static_transfer_bytes": median(&|l| l.requests.statics.iter().map(|r| r.transfer).sum()),
        "api_requests": median(&|l| l.requests.api as f64),
        // The last run's files with the bytes each moved (0: from the cache), to see what changed.
        "static_files_last_run": last.into_iter().flatten()
            .map(|r| json!({"path": r.path, "transfer": r.transfer}))
            .collect::<Vec<_>>(),
    })
}

/// Each page of [`PAGE_LOADS`] on each network of [`NETWORKS`]: runs of a cold load (cache
/// emptied) followed by a warm one (cache kept). The emulation is lifted at the end.
async fn page_loads(ctx: &Ctx) -> Value {
    let mut results = Vec::new();
    for network in &NETWORKS {
        emulate(ctx, network).await;
        for (page, path, row) in PAGE_LOADS {
            let (mut cold, mut warm) = (Vec::new(), Vec::new());
            for _ in 0..RUNS {
                clear_cache(ctx).await;
                cold.push(timed_load(ctx, path, row).await);
                warm.push(timed_load(ctx, path, row).await);
            }
            results.push(loads_json(page, path, "cold", network, &cold));
            results.push(loads_json(page, path, "warm", network, &warm));
        }
    }
    emulate(ctx, &UNTHROTTLED).await;
    json!({
        "ready": "navigation start → the list's first row visible, then one more animation frame",
        "runs": RUNS,
        "targets": {
            "ready_ms": {"cold none": 700, "warm none": 500, "cold fast 3G": 2500},
            "static_requests_cold": requests_target("cold"),
            "static_requests_to_server_warm": requests_target("warm"),
        },
        "networks": NETWORKS.iter()
            .map(|n| json!({"name": n.name, "emulated": n.cdp_params()}))
            .collect::<Vec<_>>(),
        "results": results,
    })
}

async fn time(ctx: &Ctx, what: &'static str, path: &str, condition: &str) -> Timing {
    let runs = time_navigations(ctx, path, condition, RUNS).await;
    Timing { what, runs }
}

/// One `wrk` run with two threads and `connections`; `script` is a Lua file for requests other
/// than a GET.
fn wrk(
    name: &'static str,
    url: &str,
    token: &str,
    connections: u32,
    script: Option<&str>,
) -> Value {
    let mut cmd = Command::new("wrk");
    cmd.args([
        "-t2",
        &format!("-c{connections}"),
        &format!("-d{LOAD_SECONDS}s"),
        "--latency",
        "--timeout",
        "5s",
    ])
    .arg("-H")
    .arg(format!("Authorization: Bearer {token}"));
    let lua;
    if let Some(body) = script {
        lua = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(lua.path(), body).expect("lua script");
        cmd.arg("-s").arg(lua.path());
    }
    let out = cmd
        .arg(url)
        .output()
        .expect("wrk runs (scripts/bootstrap.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let number_after = |label: &str| -> Option<f64> {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|v| v.parse().ok())
    };
    let percentile = |p: &str| -> Option<f64> {
        let raw = text
            .lines()
            .find_map(|l| l.trim().strip_prefix(p).map(str::trim))?;
        let (value, unit) = raw.split_at(raw.find(|c: char| c.is_ascii_alphabetic())?);
        let value: f64 = value.parse().ok()?;
        Some(match unit {
            "us" => value / 1000.0,
            "ms" => value,
            "s" => value * 1000.0,
            _ => return None,
        })
    };
    json!({
        "what": name,
        "connections": connections,
        "requests_per_s": number_after("Requests/sec:"),
        "p50_ms": percentile("50%"),
        "p99_ms": percentile("99%"),
        "non_2xx": number_after("Non-2xx or 3xx responses:").unwrap_or(0.0),
        "errors": text.lines().find(|l| l.contains("Socket errors")).map(str::trim),
    })
}

/// Odd requests create a user, even ones delete it. Run with one connection per thread, so each
/// delete follows its create.
const CREATE_DELETE: &str = r#"
-- One connection per thread, so a response is read before the next request is made: a user is
-- deleted only once its creation was answered (a name made by a call wrk did not send is skipped).
local counter = 0
local created = nil
local last = nil
thread_id = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
request = function()
  if created then
    local name = created
    created = nil
    last = nil
    return wrk.format("DELETE", "/api/v1/superuser/users/" .. name)
  end
  counter = counter + 1
  last = string.format("bench%d_%d", thread_id, counter)
  -- wrk.format uses the headers given instead of -H's: carry the token over.
  local headers = {["Content-Type"] = "application/json"}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  return wrk.format("POST", "/api/v1/superuser/users/", headers,
    string.format('{"username": "%s", "email": "%s@example.com"}', last, last))
end
response = function(status, headers, body)
  if status == 200 and last then created = last end
end
"#;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let transfer = if part("transfer") {
        transfer()
    } else {
        Value::Null
    };
    let mut timings: Vec<Timing> = Vec::new();
    let mut load: Vec<Value> = Vec::new();
    let mut heap: Option<f64> = None;
    let mut scroll = Value::Null;
    let mut logs_loaded = Value::Null;

    if part("wizard") {
        let wizard = &mut timings;
        let (outcome, _) = run_in_browser(
            "bench_wizard",
            Config::default_emulator(),
            move |ctx| async move {
                wizard.push(
                    time(
                        &ctx,
                        "navigation → setup wizard interactive",
                        "/",
                        ready::SETUP_WIZARD,
                    )
                    .await,
                );
            },
        )
        .await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }

    if part("demo") {
        let (timings_ref, load_ref, heap_ref, scroll_ref, logs_ref) = (
            &mut timings,
            &mut load,
            &mut heap,
            &mut scroll,
            &mut logs_loaded,
        );
        let (outcome, _) = run_in_browser("bench_demo", demo_config(), move |ctx| async move {
            let (timings, load, heap, scroll, logs_loaded) =
                (timings_ref, load_ref, heap_ref, scroll_ref, logs_ref);
            sign_in_on_demo_data(&ctx).await;
            timings.push(
                time(
                    &ctx,
                    "token known → users table with 100 rows",
                    "/users?limit=100",
                    ready::USERS_100_ROWS,
                )
                .await,
            );
            timings.push(
                time(
                    &ctx,
                    "token known → quotas sorted over all namespaces",
                    "/quotas?limit=100",
                    ready::QUOTAS_SORTED,
                )
                .await,
            );
            timings.push(
                time(
                    &ctx,
                    "token known → first logs page",
                    "/logs?range=30d&limit=25",
                    ready::LOGS_FIRST_PAGE,
                )
                .await,
            );
            timings.push(
                time(
                    &ctx,
                    "token known → 30-day logs chart",
                    "/logs?range=30d&limit=25",
                    ready::LOGS_CHART,
                )
                .await,
            );
            *heap = ctx
                .js("return performance.memory ? performance.memory.usedJSHeapSize : null;")
                .await
                .as_f64();

            ctx.goto("/logs?range=30d&limit=all").await;
            ctx.find(quay_admin_e2e::pages::logs::ROW).await;
            let (ms, requests, text) = ctx.logs().load_whole_range().await;
            *logs_loaded = json!({"ms": ms, "requests": requests, "range": text});

            *scroll = ten_thousand_rows(&ctx).await;

            let token = seed::create_access_token(
                &ctx.db_path,
                quay_emulator::demo::ADMIN_USERNAME,
                "super:user user:read org:admin",
            )
            .expect("token");
            let base = ctx.base_url.clone();
            // 16 connections: a busy console's worth; 64: far beyond, to show the saturation.
            load.push(wrk(
                "GET /api/v1/superuser/users/?limit=100 (16 connections)",
                &format!("{base}/api/v1/superuser/users/?limit=100"),
                &token,
                16,
                None,
            ));
            load.push(wrk(
                "GET /api/v1/superuser/users/?limit=100 (64 connections)",
                &format!("{base}/api/v1/superuser/users/?limit=100"),
                &token,
                64,
                None,
            ));
            load.push(wrk(
                "GET /api/v1/superuser/logs",
                &format!("{base}/api/v1/superuser/logs"),
                &token,
                32,
                None,
            ));
            load.push(wrk(
                "POST /api/v1/superuser/users/ + DELETE",
                &base,
                &token,
                2,
                Some(CREATE_DELETE),
            ));
        })
        .await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }

    let mut loads = Value::Null;
    if part("page_loads") {
        let loads_ref = &mut loads;
        let (outcome, _) =
            run_in_browser("bench_page_loads", demo_config(), move |ctx| async move {
                sign_in_on_demo_data(&ctx).await;
                *loads_ref = page_loads(&ctx).await;
            })
            .await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }

    let report = json!({
        "transfer": transfer,
        "browser": timings.iter().map(Timing::json).collect::<Vec<_>>(),
        "js_heap_bytes_after_pages": heap,
        "emulator_load": load,
        "ten_thousand_users_one_table": scroll,
        "usage_logs_30_days_loaded": logs_loaded,
        "page_loads": loads,
    });
    std::fs::create_dir_all(report_dir()).expect("report dir");
    let path = report_dir().join("report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).expect("JSON"))
        .expect("write report");
    print_table(&report);
    println!("\nwritten: {}", path.display());
}

fn print_table(r: &Value) {
    let fl = &r["transfer"]["first_load"];
    println!("{:<58} {:>12}", "measure", "value");
    println!("{}", "-".repeat(72));
    if !fl.is_null() {
        println!(
            "{:<58} {:>12}",
            "first load raw / gzip / brotli (bytes)",
            format!("{} / {} / {}", fl["raw"], fl["gzip"], fl["brotli"])
        );
    }
    if let Some(points) = r["transfer"]["then_brotli"].as_object() {
        for (point, bytes) in points {
            println!(
                "{:<58} {:>12}",
                format!("  then {point} (+brotli bytes)"),
                bytes
            );
        }
    }
    for t in r["browser"].as_array().into_iter().flatten() {
        println!(
            "{:<58} {:>12}",
            format!("{} (median ms)", t["what"].as_str().unwrap_or("")),
            format!("{:.0}", t["median_ms"].as_f64().unwrap_or(f64::NAN))
        );
    }
    if let Some(h) = r["js_heap_bytes_after_pages"].as_f64() {
        println!(
            "{:<58} {:>12}",
            "JS heap after those pages (MB)",
            format!("{:.1}", h / 1e6)
        );
    }
    if !r["usage_logs_30_days_loaded"].is_null() {
        print_demo_extras(r);
    }
    for l in r["emulator_load"].as_array().into_iter().flatten() {
        println!(
            "{:<58} {:>12}",
            format!("{} req/s, p50/p99 ms", l["what"].as_str().unwrap_or("")),
            format!(
                "{:.0} {:.1}/{:.1}",
                l["requests_per_s"].as_f64().unwrap_or(f64::NAN),
                l["p50_ms"].as_f64().unwrap_or(f64::NAN),
                l["p99_ms"].as_f64().unwrap_or(f64::NAN)
            )
        );
        if l["non_2xx"].as_f64().unwrap_or(0.0) > 0.0 {
            println!("{:<58} {:>12}", "  non-2xx answers", l["non_2xx"]);
        }
    }
    if !r["page_loads"].is_null() {
        print_page_loads(&r["page_loads"]);
    }
}

/// The usage logs' 30 days loaded whole and the 10,000 rows in one table.
fn print_demo_extras(r: &Value) {
    let row = |label: &str, value: String| println!("{label:<58} {value:>12}");
    let l = &r["usage_logs_30_days_loaded"];
    row(
        "Usage logs: 30 days loaded (ms, requests)",
        format!(
            "{:.0}, {}",
            l["ms"].as_f64().unwrap_or(f64::NAN),
            l["requests"]
        ),
    );
    let t = &r["ten_thousand_users_one_table"];
    row(
        "10,000 users: load all into one table (ms)",
        format!("{:.0}", t["load_all_ms"].as_f64().unwrap_or(f64::NAN)),
    );
    row(
        "  scrolled end to end: longest task (ms, none = <50)",
        t["longest_task_ms"]
            .as_f64()
            .map_or("none".to_string(), |v| format!("{v:.0}")),
    );
    row(
        "  longest gap between frames while scrolling (ms)",
        format!(
            "{:.0}",
            t["longest_frame_gap_ms"].as_f64().unwrap_or(f64::NAN)
        ),
    );
    row(
        "  JS heap after (MB)",
        format!(
            "{:.1}",
            t["js_heap_bytes"].as_f64().unwrap_or(f64::NAN) / 1e6
        ),
    );
}

/// One row per page and cache state, a column per network (ms), then the requests: static
/// files (and how many of them reached the server), their bytes and the API calls, as on the
/// unthrottled link (all networks' values, "/"-separated, where they differ).
fn print_page_loads(p: &Value) {
    let results = p["results"].as_array().cloned().unwrap_or_default();
    let networks: Vec<&str> = NETWORKS.iter().map(|n| n.name).collect();
    let find = |page: &str, cache: &str, network: &str| {
        results
            .iter()
            .find(|x| x["page"] == page && x["cache"] == cache && x["network"] == network)
    };
    println!(
        "\npage loads: ready = navigation → first row shown + 1 frame (ms), median of {} after a warm-up",
        RUNS - 1
    );
    println!("targets: no throttling ≤ 700 cold, ≤ 500 warm; fast 3G cold ≤ 2500; static requests");
    println!("         ≤ 10 cold, ≤ 3 reaching the server warm; * = misses its target;");
    println!("busy = the main thread's long tasks before ready (ms, per network)");
    print!("{:<14} {:<5}", "page", "cache");
    for n in &networks {
        print!(" {n:>8}");
    }
    println!(
        " {:>8} {:>9} {:>8} {:>5} {:>11}",
        "static", "to server", "kB", "API", "busy ms"
    );
    println!("{}", "-".repeat(20 + 9 * networks.len() + 46));
    for (page, _, _) in PAGE_LOADS {
        for cache in ["cold", "warm"] {
            print!("{page:<14} {cache:<5}");
            for &network in &networks {
                let ms = find(page, cache, network)
                    .and_then(|x| x["ready_median_ms"].as_f64())
                    .unwrap_or(f64::NAN);
                let miss = ready_target(cache, network).is_some_and(|t| ms > t);
                print!(" {:>8}", format!("{ms:.0}{}", if miss { "*" } else { "" }));
            }
            let values = |key: &str, scale: f64, digits: usize| {
                let mut all: Vec<String> = networks
                    .iter()
                    .filter_map(|&n| find(page, cache, n).and_then(|x| x[key].as_f64()))
                    .map(|v| format!("{:.digits$}", v / scale))
                    .collect();
                all.dedup();
                all.join("/")
            };
            let limit = requests_target(cache);
            let (count_key, other_key) = if cache == "cold" {
                ("static_requests", "static_requests_to_server")
            } else {
                ("static_requests_to_server", "static_requests")
            };
            let over = networks.iter().any(|&n| {
                find(page, cache, n)
                    .and_then(|x| x[count_key].as_f64())
                    .is_some_and(|v| v > limit)
            });
            let mark = if over { "*" } else { "" };
            let (static_all, to_server) = if cache == "cold" {
                (
                    format!("{}{mark}", values(count_key, 1.0, 0)),
                    values(other_key, 1.0, 0),
                )
            } else {
                (
                    values(other_key, 1.0, 0),
                    format!("{}{mark}", values(count_key, 1.0, 0)),
                )
            };
            println!(
                " {static_all:>8} {to_server:>9} {:>8} {:>5} {:>11}",
                values("static_transfer_bytes", 1000.0, 1),
                values("api_requests", 1.0, 0),
                values("long_tasks_before_ready_median_ms", 1.0, 0)
            );
        }
    }
}
