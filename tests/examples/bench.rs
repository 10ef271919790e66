//! `make bench`: the benchmark report (never a pass/fail test). One run on this machine measures
//! - transfer sizes (raw, gzip, brotli) of the first load and of what each page adds;
//! - browser timings in headless Chromium, median of 5 runs after a warm-up: navigation → setup
//!   wizard interactive (empty registry); then on the demo data, token known → users table with
//!   100 rows, → quotas sorted over all namespaces, → first logs page, → the 30-day chart; and
//!   the JS heap after those;
//! - the emulator's throughput and latency under `wrk` over loopback (10 s each): the users
//!   list, the usage log, and user creation + deletion.
//!
//! Prints one table and writes `target/bench/report.json`.

use std::path::PathBuf;
use std::process::Command;

use quay_admin_e2e::{
    demo_config, dist_dir, median_after_warmup, ready, run_in_browser, sign_in_on_demo_data,
    time_navigations, Ctx,
};
use quay_emulator::Config;
use serde_json::{json, Value};

const RUNS: usize = 6;
const LOAD_SECONDS: u64 = 10;

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
local counter = 0
thread_id = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
request = function()
  counter = counter + 1
  local name = string.format("bench%d_%d", thread_id, math.floor((counter + 1) / 2))
  if counter % 2 == 1 then
    -- wrk.format uses the headers given instead of -H's: carry the token over.
    local headers = {["Content-Type"] = "application/json"}
    for k, v in pairs(wrk.headers) do headers[k] = v end
    return wrk.format("POST", "/api/v1/superuser/users/", headers,
      string.format('{"username": "%s", "email": "%s@example.com"}', name, name))
  else
    return wrk.format("DELETE", "/api/v1/superuser/users/" .. name)
  end
end
"#;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let transfer = transfer();
    let mut timings: Vec<Timing> = Vec::new();
    let mut load: Vec<Value> = Vec::new();
    let mut heap: Option<f64> = None;

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

    let (timings_ref, load_ref, heap_ref) = (&mut timings, &mut load, &mut heap);
    let (outcome, _) = run_in_browser("bench_demo", demo_config(), move |ctx| async move {
        let (timings, load, heap) = (timings_ref, load_ref, heap_ref);
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

        let token = quay_emulator::seed::create_access_token(
            &ctx.db_path,
            quay_emulator::demo::ADMIN_USERNAME,
            "super:user user:read org:admin",
        )
        .expect("token");
        let base = ctx.base_url.clone();
        load.push(wrk(
            "GET /api/v1/superuser/users/?limit=100",
            &format!("{base}/api/v1/superuser/users/?limit=100"),
            &token,
            32,
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

    let report = json!({
        "transfer": transfer,
        "browser": timings.iter().map(Timing::json).collect::<Vec<_>>(),
        "js_heap_bytes_after_pages": heap,
        "emulator_load": load,
        "not_measured": ["10,000 users in one table scrolled end to end: the Users table pages 25/50/100 rows; a single 10,000-row table needs the virtualised view that is not built yet"],
    });
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
    println!(
        "{:<58} {:>12}",
        "first load raw / gzip / brotli (bytes)",
        format!("{} / {} / {}", fl["raw"], fl["gzip"], fl["brotli"])
    );
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
}
