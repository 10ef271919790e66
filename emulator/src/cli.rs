//! The command line, parsed by hand: every mistake must be one line on stderr (clap prints several).

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::fault::{self, FaultConfig};
use crate::registry_size_worker::RegistrySizeWorkerOptions;

pub const USAGE: &str = "usage: quay-emulator [--config FILE.yaml] [--db FILE.db] \
     [--listen 127.0.0.1:8080] [--dist DIR] [--seed demo [--seed-rng N]] [--dashboard-config FILE.json] [--fault-status CODE] \
     [--fault-latency-ms N] [--fault-rate PCT] [--fault-path PREFIX] [--fault-body KIND] \
     [--registry-size-poll-ms N] \
     [--registry-size-batch-pause-ms N] [--request-timeout-ms N] [--log requests]";

/// What `-h` prints.
pub const HELP: &str = "usage: quay-emulator [OPTIONS]

A local emulator of the Quay registry API (and the dashboard's web server).

  --config FILE.yaml      Quay config.yaml (default: the emulator's defaults; QUAY_OVERRIDE_CONFIG
                          JSON is applied on top)
  --db FILE.db            SQLite database, created when missing (default data/registry.db)
  --listen IP:PORT        address to serve on (default 127.0.0.1:8080; port 0 = any free port)
  --dist DIR              built dashboard to serve at / (default dist)

Demo data:
  --seed demo             fill the (new or empty) database with deterministic demo data before
                          serving: ~2,500 users, 300 organizations, repositories holding several TB,
                          quotas, service keys, 90 days of usage logs, builds. Writes the matching
                          Quay config (superusers) to FILE.db.config.yaml and serves with it unless
                          --config is given; pass that file with --config when serving again.
                          Sign in as admin / password. Refuses a database that holds data.
  --seed-rng N            seed of the demo data generator (default 1): same N, same data;
                          the seed also registers the dashboard's OAuth application (redirecting
                          to --listen) and writes DB.dashboard.json, the config.json naming it
  --dashboard-config FILE serve FILE as the dashboard's config.json (instead of the one in --dist)

Fault injection (off by default; for testing the dashboard's error handling):
  --fault-status CODE     answer matching requests with HTTP status CODE (400-599), with the body
                          Quay, its Flask layer or its nginx would send
  --fault-latency-ms N    delay matching requests by N milliseconds (0-600000)
  --fault-rate PCT        percentage of matching requests faulted (0-100, default 100;
                          deterministic sequence)
  --fault-path PREFIX     only requests whose path starts with PREFIX (default /api/)
  --fault-body KIND       the body of a faulted answer: default (as above), json (Quay's API
                          {\"message\": ...} for the --fault-status), html (Werkzeug's error page
                          for the --fault-status), not-json (a proxy's HTML sign-in page, status
                          200 unless --fault-status is given)

Registry size worker (runs calculations queued with POST /api/v1/superuser/registrysize/):
  --registry-size-poll-ms N
                          how often it looks for a queued calculation (1-3600000, default 1000)
  --registry-size-batch-pause-ms N
                          pause between batches of 5,000 blobs (0-60000, default 100; a run
                          over the demo data then lasts about 2 s)

Limits (as Quay's nginx; bodies over 1 MiB are refused with 413):
  --request-timeout-ms N  answer 504 to a request not answered by then (1-3600000,
                          default 60000)

Logging (off by default):
  --log requests          one line per request on stderr: method, path, status, time taken

  -h, --help              this text";

/// The only data set `--seed` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    Demo,
}

/// The default `--seed-rng`.
pub const DEFAULT_SEED_RNG: u64 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliArgs {
    pub config: Option<PathBuf>,
    pub db: PathBuf,
    pub listen: SocketAddr,
    pub dist: PathBuf,
    /// `--seed demo`: seed the database before serving.
    pub seed: Option<Seed>,
    /// `--dashboard-config`: served as the dashboard's `config.json`.
    pub dashboard_config: Option<PathBuf>,
    pub seed_rng: u64,
    pub faults: FaultConfig,
    pub registry_size: RegistrySizeWorkerOptions,
    pub request_timeout: Duration,
    /// `--log requests`: a line per request on stderr.
    pub log_requests: bool,
}

impl Default for CliArgs {
    fn default() -> Self {
        CliArgs {
            config: None,
            db: PathBuf::from("data/registry.db"),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist: PathBuf::from("dist"),
            seed: None,
            dashboard_config: None,
            seed_rng: DEFAULT_SEED_RNG,
            faults: FaultConfig::none(),
            registry_size: RegistrySizeWorkerOptions::default(),
            request_timeout: crate::limits::DEFAULT_REQUEST_TIMEOUT,
            log_requests: false,
        }
    }
}

const FLAGS: &[&str] = &[
    "--config",
    "--db",
    "--listen",
    "--dist",
    "--seed",
    "--seed-rng",
    "--dashboard-config",
    "--fault-status",
    "--fault-latency-ms",
    "--fault-rate",
    "--fault-path",
    "--fault-body",
    "--registry-size-poll-ms",
    "--registry-size-batch-pause-ms",
    "--request-timeout-ms",
    "--log",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliAction {
    Run(Box<CliArgs>),
    Help,
}

/// Parses the arguments after the program name. `--flag value` and `--flag=value` both work; a later
/// repetition wins. The error is the one-line message to print.
pub fn parse_args<I>(args: I) -> Result<CliAction, String>
where
    I: IntoIterator<Item = OsString>,
{
    let mut parsed = CliArgs::default();
    let mut seed_rng_given = false;
    let mut rate_given = false;
    let mut path_given = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument is not valid UTF-8: {}", a.to_string_lossy()))?;
        if arg == "-h" || arg == "--help" {
            return Ok(CliAction::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value)),
            _ => (arg.clone(), None),
        };
        if !FLAGS.contains(&flag.as_str()) {
            return Err(if arg.starts_with('-') {
                format!("unknown option {flag} ({USAGE})")
            } else {
                format!("unexpected argument {arg:?} ({USAGE})")
            });
        }
        let value = match inline {
            Some(v) => v.to_string(),
            None => match args.next().map(OsString::into_string) {
                Some(Ok(v)) if !v.starts_with("--") => v,
                Some(Err(v)) => {
                    return Err(format!(
                        "value of {flag} is not valid UTF-8: {}",
                        v.to_string_lossy()
                    ))
                }
                _ => return Err(format!("option {flag} needs a value")),
            },
        };
        if value.is_empty() {
            return Err(format!("option {flag} needs a value"));
        }
        match flag.as_str() {
            "--config" => parsed.config = Some(PathBuf::from(value)),
            "--db" => parsed.db = PathBuf::from(value),
            "--dist" => parsed.dist = PathBuf::from(value),
            "--dashboard-config" => parsed.dashboard_config = Some(PathBuf::from(value)),
            "--seed" => {
                if value != "demo" {
                    return Err(format!(
                        "invalid --seed {value:?} (the only data set is demo)"
                    ));
                }
                parsed.seed = Some(Seed::Demo);
            }
            "--seed-rng" => {
                parsed.seed_rng = value.parse().map_err(|_| {
                    format!(
                        "invalid --seed-rng {value:?} (expected an integer 0 to {})",
                        u64::MAX
                    )
                })?;
                seed_rng_given = true;
            }
            "--fault-status" => parsed.faults.status = Some(fault::parse_status(&value)?),
            "--fault-latency-ms" => parsed.faults.latency_ms = fault::parse_latency_ms(&value)?,
            "--fault-rate" => {
                parsed.faults.rate_percent = fault::parse_rate(&value)?;
                rate_given = true;
            }
            "--fault-path" => {
                parsed.faults.path_prefix = fault::parse_path_prefix(&value)?;
                path_given = true;
            }
            "--fault-body" => parsed.faults.body = fault::parse_body(&value)?,
            "--registry-size-poll-ms" => {
                parsed.registry_size.poll_interval = parse_ms(&flag, &value, 1, 3_600_000)?;
            }
            "--registry-size-batch-pause-ms" => {
                parsed.registry_size.batch_pause = parse_ms(&flag, &value, 0, 60_000)?;
            }
            "--log" => {
                if value != "requests" {
                    return Err(format!(
                        "invalid --log {value:?} (the only log is requests)"
                    ));
                }
                parsed.log_requests = true;
            }
            "--request-timeout-ms" => {
                parsed.request_timeout = parse_ms(&flag, &value, 1, 3_600_000)?;
            }
            _ => {
                parsed.listen = value
                    .parse()
                    .map_err(|_| format!("invalid --listen address {value:?} (expected IP:PORT)"))?
            }
        }
    }
    if seed_rng_given && parsed.seed.is_none() {
        return Err("option --seed-rng needs --seed demo".to_string());
    }
    parsed
        .faults
        .validate()
        .map_err(|e| format!("invalid fault injection: {e}"))?;
    if !parsed.faults.is_active() {
        if rate_given {
            return Err("option --fault-rate needs --fault-status or --fault-latency-ms".into());
        }
        if path_given {
            return Err("option --fault-path needs --fault-status or --fault-latency-ms".into());
        }
    }
    Ok(CliAction::Run(Box::new(parsed)))
}

/// A number of milliseconds within `min..=max`.
fn parse_ms(flag: &str, value: &str, min: u64, max: u64) -> Result<Duration, String> {
    value
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .map(Duration::from_millis)
        .ok_or_else(|| format!("invalid {flag} {value:?} (expected an integer {min} to {max})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::FaultBody;
    use crate::registry_size_worker::{DEFAULT_BATCH_PAUSE_MS, DEFAULT_POLL_MS};

    fn parse(args: &[&str]) -> Result<CliAction, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn defaults() {
        assert_eq!(parse(&[]), Ok(CliAction::Run(Box::default())));
        let d = CliArgs::default();
        assert_eq!(d.db, PathBuf::from("data/registry.db"));
        assert_eq!(d.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(d.dist, PathBuf::from("dist"));
        assert_eq!(d.config, None);
        assert_eq!(d.seed, None);
        assert_eq!(d.seed_rng, 1);
        assert_eq!(d.faults, FaultConfig::none());
        assert_eq!(
            d.registry_size.poll_interval,
            Duration::from_millis(DEFAULT_POLL_MS)
        );
        assert_eq!(
            d.registry_size.batch_pause,
            Duration::from_millis(DEFAULT_BATCH_PAUSE_MS)
        );
        assert!(d.registry_size.enabled);
    }

    #[test]
    fn registry_size_flags() {
        let a = run_args(&[
            "--registry-size-poll-ms",
            "50",
            "--registry-size-batch-pause-ms=0",
        ]);
        assert_eq!(a.registry_size.poll_interval, Duration::from_millis(50));
        assert_eq!(a.registry_size.batch_pause, Duration::ZERO);
        for (args, starts) in [
            (
                &["--registry-size-poll-ms", "0"][..],
                "invalid --registry-size-poll-ms \"0\" (expected an integer 1 to 3600000)",
            ),
            (
                &["--registry-size-batch-pause-ms", "-1"][..],
                "invalid --registry-size-batch-pause-ms",
            ),
            (
                &["--registry-size-batch-pause-ms", "60001"][..],
                "invalid --registry-size-batch-pause-ms",
            ),
            (
                &["--registry-size-poll-ms"][..],
                "option --registry-size-poll-ms needs a value",
            ),
        ] {
            let err = parse(args).unwrap_err();
            assert!(err.starts_with(starts), "{args:?}: {err}");
        }
    }

    #[test]
    fn all_flags_both_forms() {
        let got = parse(&[
            "--config",
            "c.yaml",
            "--db=x/y.db",
            "--listen",
            "127.0.0.1:0",
            "--dist=site",
        ])
        .unwrap();
        assert_eq!(
            got,
            CliAction::Run(Box::new(CliArgs {
                config: Some("c.yaml".into()),
                db: "x/y.db".into(),
                listen: "127.0.0.1:0".parse().unwrap(),
                dist: "site".into(),
                ..CliArgs::default()
            }))
        );
    }

    fn run_args(args: &[&str]) -> CliArgs {
        match parse(args) {
            Ok(CliAction::Run(a)) => *a,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn seed_flags() {
        let a = run_args(&["--seed", "demo"]);
        assert_eq!(a.seed, Some(Seed::Demo));
        assert_eq!(a.seed_rng, DEFAULT_SEED_RNG);
        let a = run_args(&["--seed=demo", "--seed-rng", "18446744073709551615"]);
        assert_eq!(a.seed_rng, u64::MAX);
        assert_eq!(
            parse(&["--seed", "full"]).unwrap_err(),
            "invalid --seed \"full\" (the only data set is demo)"
        );
        assert!(parse(&["--seed"])
            .unwrap_err()
            .contains("--seed needs a value"));
        for bad in ["-1", "x", "18446744073709551616", "1.0"] {
            let err = parse(&["--seed", "demo", "--seed-rng", bad]).unwrap_err();
            assert!(err.starts_with("invalid --seed-rng"), "{err}");
        }
        assert_eq!(
            parse(&["--seed-rng", "5"]).unwrap_err(),
            "option --seed-rng needs --seed demo"
        );
    }

    #[test]
    fn fault_flags() {
        let a = run_args(&[
            "--fault-status",
            "503",
            "--fault-latency-ms=250",
            "--fault-rate",
            "30",
            "--fault-path",
            "/api/v1/superuser/",
        ]);
        assert_eq!(
            a.faults,
            FaultConfig {
                latency_ms: 250,
                status: Some(503),
                rate_percent: 30,
                path_prefix: "/api/v1/superuser/".into(),
                body: FaultBody::Component,
            }
        );
        let a = run_args(&["--fault-status", "500", "--fault-body", "json"]);
        assert_eq!(
            a.faults,
            FaultConfig::status(500).with_body(FaultBody::Json)
        );
        let a = run_args(&["--fault-body=not-json"]);
        assert!(
            a.faults.is_active(),
            "a body that is not JSON is a fault by itself"
        );
        let a = run_args(&["--fault-latency-ms", "100"]);
        assert_eq!(a.faults, FaultConfig::latency_ms(100));
        assert_eq!(a.faults.rate_percent, 100, "rate defaults to 100");
        for (args, starts) in [
            (&["--fault-status", "200"][..], "invalid --fault-status"),
            (&["--fault-status", "x"][..], "invalid --fault-status"),
            (
                &["--fault-latency-ms", "-1"][..],
                "invalid --fault-latency-ms",
            ),
            (
                &["--fault-status", "500", "--fault-rate", "101"][..],
                "invalid --fault-rate",
            ),
            (
                &["--fault-status", "500", "--fault-path", "api"][..],
                "invalid --fault-path",
            ),
            (
                &["--fault-rate", "50"][..],
                "option --fault-rate needs --fault-status",
            ),
            (
                &["--fault-path", "/"][..],
                "option --fault-path needs --fault-status",
            ),
            (
                &["--fault-status"][..],
                "option --fault-status needs a value",
            ),
            (&["--fault-body", "xml"][..], "invalid --fault-body"),
            (
                &["--fault-body", "html"][..],
                "invalid fault injection: a JSON or HTML fault body needs a fault status",
            ),
        ] {
            let err = parse(args).unwrap_err();
            assert!(err.starts_with(starts), "{args:?}: {err}");
            assert!(!err.contains('\n'));
        }
    }

    #[test]
    fn usage_is_one_line_and_help_lists_every_flag() {
        assert!(!USAGE.contains('\n'));
        for flag in FLAGS {
            assert!(USAGE.contains(flag), "{flag}");
            assert!(HELP.contains(flag), "{flag}");
        }
    }

    #[test]
    fn unknown_flag_is_one_line() {
        let err = parse(&["--port", "1"]).unwrap_err();
        assert!(err.starts_with("unknown option --port"), "{err}");
        assert!(!err.contains('\n'));
        assert!(parse(&["-x"]).unwrap_err().starts_with("unknown option -x"));
        assert!(parse(&["stray"])
            .unwrap_err()
            .starts_with("unexpected argument"));
    }

    #[test]
    fn missing_values() {
        assert_eq!(parse(&["--db"]).unwrap_err(), "option --db needs a value");
        assert_eq!(
            parse(&["--config", "--db", "x"]).unwrap_err(),
            "option --config needs a value"
        );
        assert_eq!(
            parse(&["--dist="]).unwrap_err(),
            "option --dist needs a value"
        );
    }

    #[test]
    fn bad_listen_address() {
        let err = parse(&["--listen", "localhost"]).unwrap_err();
        assert!(err.contains("invalid --listen address"), "{err}");
    }

    #[test]
    fn help() {
        assert_eq!(parse(&["--help"]), Ok(CliAction::Help));
    }
}
