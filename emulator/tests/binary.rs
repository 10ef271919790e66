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

    let mut stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /api/v1/user/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 401"), "{response}");
    assert!(dir.path().join("state/sub/registry.db").is_file());

    // Without a built dashboard `/` explains itself.
    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
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
