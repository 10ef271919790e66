//! The real `quay-emulator` binary: the `listening on` line, and exit code 2 with one stderr line
//! for every start-up mistake, without writing anything.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_quay-emulator");

fn command(cwd: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd)
        .env_remove("QUAY_OVERRIDE_CONFIG")
        .stdin(Stdio::null());
    cmd
}

/// Runs to completion; returns (exit code, stdout, stderr).
fn run_failing(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().expect("run binary");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_one_line_exit_2(result: (Option<i32>, String, String), starts_with: &str) {
    let (code, stdout, stderr) = result;
    assert_eq!(code, Some(2), "stderr: {stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.ends_with('\n'), "{stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with(starts_with), "{stderr:?}");
}

fn dir_is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn prints_listening_line_and_serves() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = command(dir.path())
        .args(["--listen", "127.0.0.1:0", "--db", "state/sub/registry.db"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .trim_end()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    assert_ne!(addr, "127.0.0.1:0", "the real port is printed");

    let response = http_get(&addr, "/api/v1/user/");
    assert!(response.starts_with("HTTP/1.1 401"), "{response}");
    assert!(dir.path().join("state/sub/registry.db").is_file());

    // Without a built dashboard `/` explains itself.
    let response = http_get(&addr, "/");
    assert!(response.starts_with("HTTP/1.1 404"), "{response}");
    assert!(response.contains("not built"));

    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn unknown_flag() {
    let dir = tempfile::tempdir().unwrap();
    let result = run_failing(command(dir.path()).args(["--port", "8080"]));
    assert_one_line_exit_2(result, "quay-emulator: unknown option --port");
    assert!(dir_is_empty(dir.path()), "nothing written");
}

#[test]
fn missing_flag_value() {
    let dir = tempfile::tempdir().unwrap();
    let result = run_failing(command(dir.path()).args(["--listen", "127.0.0.1:0", "--db"]));
    assert_one_line_exit_2(result, "quay-emulator: option --db needs a value");
    assert!(dir_is_empty(dir.path()));
}

#[test]
fn invalid_yaml_config_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(dir.path().join("bad.yaml"), "SUPER_USERS: [admin\n").unwrap();
    let result = run_failing(command(&work).args([
        "--config",
        "../bad.yaml",
        "--db",
        "data/registry.db",
        "--listen",
        "127.0.0.1:0",
    ]));
    assert_one_line_exit_2(result, "quay-emulator: invalid config ../bad.yaml: ");
    assert!(dir_is_empty(&work), "no data/ directory, no database");
}

#[test]
fn wrong_type_in_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.yaml"), "SUPER_USERS: admin\n").unwrap();
    let result =
        run_failing(command(dir.path()).args(["--config", "c.yaml", "--listen", "127.0.0.1:0"]));
    assert_one_line_exit_2(
        result,
        "quay-emulator: invalid config c.yaml: SUPER_USERS must be a list of strings, got a string",
    );
    assert!(!dir.path().join("data").exists());
}

#[test]
fn unreadable_config() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    let result = run_failing(command(dir.path()).args([
        "--config",
        missing.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
    ]));
    assert_one_line_exit_2(
        result,
        &format!(
            "quay-emulator: cannot read config {}: No such file or directory",
            missing.display()
        ),
    );
    assert!(dir_is_empty(dir.path()));
}

#[test]
fn invalid_override_json() {
    let dir = tempfile::tempdir().unwrap();
    let result = run_failing(
        command(dir.path())
            .env("QUAY_OVERRIDE_CONFIG", "{not json")
            .args(["--listen", "127.0.0.1:0"]),
    );
    assert_one_line_exit_2(
        result,
        "quay-emulator: invalid configuration override: QUAY_OVERRIDE_CONFIG is not valid JSON",
    );
    assert!(dir_is_empty(dir.path()));
}

#[test]
fn database_that_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("adir")).unwrap();
    let result = run_failing(command(dir.path()).args(["--db", "adir", "--listen", "127.0.0.1:0"]));
    assert_one_line_exit_2(result, "quay-emulator: cannot open database adir: ");
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["adir"], "nothing else written");
    assert!(dir_is_empty(&dir.path().join("adir")));
}

/// Spawns the binary and reads stdout up to the `listening on` line; returns the child, the lines
/// before it and the address. The caller kills and waits for the child.
#[allow(clippy::zombie_processes)]
fn spawn_until_listening(cmd: &mut Command) -> (std::process::Child, Vec<String>, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut before = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            let status = child.wait();
            panic!("stdout ended ({status:?}) after {before:?}");
        }
        if let Some(addr) = line.trim_end().strip_prefix("listening on http://") {
            return (child, before, addr.to_string());
        }
        before.push(line.trim_end().to_string());
    }
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn help_lists_seed_and_fault_flags() {
    let dir = tempfile::tempdir().unwrap();
    let out = command(dir.path()).arg("-h").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--seed demo",
        "--seed-rng",
        "--fault-status",
        "--fault-latency-ms",
        "--fault-rate",
        "--fault-path",
        "admin / password",
        "--log requests",
    ] {
        assert!(text.contains(flag), "{flag} missing from -h: {text}");
    }
    assert!(dir_is_empty(dir.path()));
}

#[test]
fn bad_seed_and_fault_values_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (args, starts) in [
        (
            &["--seed", "full"][..],
            "quay-emulator: invalid --seed \"full\"",
        ),
        (
            &["--log", "everything"][..],
            "quay-emulator: invalid --log \"everything\"",
        ),
        (
            &["--seed-rng", "5"][..],
            "quay-emulator: option --seed-rng needs --seed demo",
        ),
        (
            &["--seed", "demo", "--seed-rng", "x"][..],
            "quay-emulator: invalid --seed-rng",
        ),
        (
            &["--fault-status", "200"][..],
            "quay-emulator: invalid --fault-status \"200\"",
        ),
        (
            &["--fault-latency-ms", "soon"][..],
            "quay-emulator: invalid --fault-latency-ms",
        ),
        (
            &["--fault-status", "503", "--fault-rate", "101"][..],
            "quay-emulator: invalid --fault-rate",
        ),
        (
            &["--fault-rate", "50"][..],
            "quay-emulator: option --fault-rate needs --fault-status",
        ),
        (
            &["--fault-status", "503", "--fault-path", "api"][..],
            "quay-emulator: invalid --fault-path",
        ),
    ] {
        let result = run_failing(
            command(dir.path())
                .args(args)
                .args(["--listen", "127.0.0.1:0"]),
        );
        assert_one_line_exit_2(result, starts);
    }
    assert!(dir_is_empty(dir.path()), "nothing written");
}

#[test]
fn fault_flags_fault_the_api_only() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, _, addr) = spawn_until_listening(command(dir.path()).args([
        "--listen",
        "127.0.0.1:0",
        "--db",
        "registry.db",
        "--fault-status",
        "503",
        "--fault-latency-ms",
        "50",
    ]));
    let response = http_get(&addr, "/api/v1/user/");
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    assert!(response.contains("Service Temporarily Unavailable"));
    let response = http_get(&addr, "/");
    assert!(response.starts_with("HTTP/1.1 404"), "{response}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn seed_demo_prints_the_credentials_then_serves_and_refuses_to_reseed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, lines, addr) = spawn_until_listening(command(dir.path()).args([
        "--listen",
        "127.0.0.1:0",
        "--db",
        "data/demo.db",
        "--seed",
        "demo",
        "--seed-rng",
        "3",
    ]));
    assert!(
        lines[0].starts_with("seeded demo data (seed 3) in "),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("sign in as admin / password")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("210000 usage log entries")),
        "{lines:?}"
    );
    let config = dir.path().join("data/demo.db.config.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    assert!(yaml.contains("SUPER_USERS: [admin, "), "{yaml}");
    let response = http_get(&addr, "/api/v1/discovery");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    child.kill().unwrap();
    child.wait().unwrap();

    // A database with data is never seeded again.
    let result = run_failing(command(dir.path()).args([
        "--listen",
        "127.0.0.1:0",
        "--db",
        "data/demo.db",
        "--seed",
        "demo",
    ]));
    assert_one_line_exit_2(
        result,
        "quay-emulator: cannot seed data/demo.db: the database is not empty",
    );

    // Served again with the generated configuration, without seeding.
    let (mut child, lines, addr) = spawn_until_listening(command(dir.path()).args([
        "--listen",
        "127.0.0.1:0",
        "--db",
        "data/demo.db",
        "--config",
        "data/demo.db.config.yaml",
    ]));
    assert!(lines.is_empty(), "{lines:?}");
    let response = http_get(&addr, "/api/v1/user/");
    assert!(response.starts_with("HTTP/1.1 401"), "{response}");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// A fresh `--seed demo` signs in as the README says: the seed registers the dashboard's OAuth
/// application, redirecting to the address served, and `config.json` names it.
#[test]
fn the_demo_seed_registers_the_dashboard_and_config_json_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dist.join("config.json"), r#"{"api_base": ""}"#).unwrap();
    let (mut child, _, addr) = spawn_until_listening(
        command(dir.path())
            .args([
                "--listen",
                "127.0.0.1:0",
                "--db",
                "demo.db",
                "--seed",
                "demo",
            ])
            .arg("--dist")
            .arg(&dist),
    );
    let response = http_get(&addr, "/config.json");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let body = response.split("\r\n\r\n").nth(1).unwrap();
    let config: serde_json::Value = serde_json::from_str(body).unwrap();
    let client_id = config["oauth_client_id"].as_str().unwrap().to_string();
    assert_eq!(client_id.len(), 20, "{config}");
    let written = dir.path().join("demo.db.dashboard.json");
    assert!(written.is_file());

    let conn = rusqlite::Connection::open(dir.path().join("demo.db")).unwrap();
    let (redirect, org): (String, String) = conn
        .query_row(
            "SELECT a.redirect_uri, u.username FROM oauth_applications a \
             JOIN users u ON u.id = a.organization_id WHERE a.client_id = ?1",
            [&client_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(redirect, format!("http://{addr}/"));
    assert_eq!(org, "quay-admin");
    let _ = child.kill();
    let _ = child.wait();
}

/// Serves on a free port with `extra` arguments and stderr captured; returns the child and the
/// address it listens on.
fn serve_with_stderr(dir: &Path, extra: &[&str]) -> (std::process::Child, String) {
    let mut child = command(dir)
        .args(["--listen", "127.0.0.1:0", "--db", "registry.db"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim_end()
        .strip_prefix("listening on http://")
        .unwrap();
    (child, addr.to_string())
}

#[test]
fn log_requests_prints_a_line_per_request_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = serve_with_stderr(dir.path(), &["--log", "requests"]);
    assert!(http_get(&addr, "/api/v1/discovery").starts_with("HTTP/1.1 200"));
    assert!(http_get(&addr, "/api/v1/user/").starts_with("HTTP/1.1 401"));
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = Vec::new();
    while seen.len() < 2 {
        seen.push(lines.next().unwrap().unwrap());
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen[0].contains("method=GET") && seen[0].contains("path=/api/v1/discovery"),
        "{seen:?}"
    );
    assert!(
        seen[0].contains("status=200") && seen[0].contains("latency="),
        "{seen:?}"
    );
    assert!(
        seen[1].contains("path=/api/v1/user/") && seen[1].contains("status=401"),
        "{seen:?}"
    );
}

#[test]
fn without_log_requests_stderr_stays_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = serve_with_stderr(dir.path(), &[]);
    assert!(http_get(&addr, "/api/v1/discovery").starts_with("HTTP/1.1 200"));
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
