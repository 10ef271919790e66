//! The command line, through clap: a mistake is one line on stderr (clap's own errors take
//! several), in words that name the option.

use std::ffi::{OsStr, OsString};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Args, Command, CommandFactory, FromArgMatches, Parser};

use crate::fault::{self, FaultBody, FaultConfig};
use crate::registry_size_worker::RegistrySizeWorkerOptions;

/// `--log requests`: prints the request log on stderr (call once, before serving).
pub use crate::request_log::print_to_stderr as log_requests_to_stderr;

/// The only data set `--seed` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    Demo,
}

/// The default `--seed-rng`.
const DEFAULT_SEED_RNG: u64 = 1;

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliAction {
    Run(Box<CliArgs>),
    /// `-h`/`--help`: the text for stdout.
    Help(String),
    /// `-V`/`--version`: the text for stdout.
    Version(String),
}

// The option texts keep their line breaks (`verbatim_doc_comment`): clap wraps help only with
// its `wrap_help` feature.
/// A local emulator of the Quay registry API (and the dashboard's web server).
#[derive(Parser)]
#[command(
    name = "quay-emulator",
    version,
    args_override_self = true,
    next_line_help = true
)]
struct Flags {
    /// Quay config.yaml (default: the emulator's defaults; QUAY_OVERRIDE_CONFIG JSON is
    /// applied on top)
    #[arg(long, value_name = "FILE.yaml", value_parser = Value(path), verbatim_doc_comment)]
    config: Option<PathBuf>,
    /// SQLite database, created when missing (default data/registry.db)
    #[arg(long, value_name = "FILE.db", value_parser = Value(path))]
    db: Option<PathBuf>,
    /// address to serve on (default 127.0.0.1:8080; port 0 = any free port)
    #[arg(long, value_name = "IP:PORT", value_parser = Value(listen))]
    listen: Option<SocketAddr>,
    /// built dashboard to serve at / (default dist)
    #[arg(long, value_name = "DIR", value_parser = Value(path))]
    dist: Option<PathBuf>,
    #[command(flatten)]
    demo: DemoFlags,
    #[command(flatten)]
    faults: FaultFlags,
    #[command(flatten)]
    registry_size: RegistrySizeFlags,
    /// answer 504 to a request not answered by then (1-3600000, default 60000)
    #[arg(long, value_name = "N", value_parser = Value(|flag, v| ms(flag, v, 1, 3_600_000)),
          help_heading = "Limits (as Quay's nginx; bodies over 1 MiB are refused with 413)")]
    request_timeout_ms: Option<Duration>,
    /// --log requests: one line per request on stderr: method, path, status, time taken
    #[arg(long = "log", value_name = "KIND", value_parser = Value(log),
          help_heading = "Logging (off by default)")]
    log_requests: Option<bool>,
    /// Words that are not options, refused once the options' values are checked: clap would
    /// refuse the word in `--config --db x` before `--config`'s value.
    #[arg(hide = true)]
    stray: Vec<OsString>,
}

#[derive(Args)]
#[command(next_help_heading = "Demo data")]
struct DemoFlags {
    /// demo: fill the (new or empty) database with deterministic demo data before serving:
    /// ~2,500 users, 300 organizations, repositories holding several TB, quotas, service keys,
    /// 90 days of usage logs, builds. Writes the matching Quay config (superusers) to
    /// FILE.db.config.yaml and serves with it unless --config is given; pass that file with
    /// --config when serving again. Sign in as admin / password. Refuses a database that holds
    /// data.
    #[arg(long, value_name = "DATA", value_parser = Value(seed), verbatim_doc_comment)]
    seed: Option<Seed>,
    /// seed of the demo data generator with --seed demo (default 1): same N, same data; the
    /// seed also registers the dashboard's OAuth application (redirecting to --listen) and
    /// writes DB.dashboard.json, the config.json naming it
    #[arg(long, value_name = "N", value_parser = Value(seed_rng), verbatim_doc_comment)]
    seed_rng: Option<u64>,
    /// serve FILE as the dashboard's config.json (instead of the one in --dist)
    #[arg(long, value_name = "FILE", value_parser = Value(path))]
    dashboard_config: Option<PathBuf>,
}

#[derive(Args)]
#[command(
    next_help_heading = "Fault injection (off by default; for testing the dashboard's error handling)"
)]
struct FaultFlags {
    /// answer matching requests with HTTP status CODE (400-599), with the body Quay, its Flask
    /// layer or its nginx would send
    #[arg(long, value_name = "CODE", value_parser = Value(|_, v| fault::parse_status(v)),
          verbatim_doc_comment)]
    fault_status: Option<u16>,
    /// delay matching requests by N milliseconds (0-600000)
    #[arg(long, value_name = "N", value_parser = Value(|_, v| fault::parse_latency_ms(v)))]
    fault_latency_ms: Option<u64>,
    /// percentage of matching requests faulted (0-100, default 100; deterministic sequence)
    #[arg(long, value_name = "PCT", value_parser = Value(|_, v| fault::parse_rate(v)))]
    fault_rate: Option<u8>,
    /// only requests whose path starts with PREFIX (default /api/)
    #[arg(long, value_name = "PREFIX", value_parser = Value(|_, v| fault::parse_path_prefix(v)))]
    fault_path: Option<String>,
    /// the body of a faulted answer: default (as above), json (Quay's API {"message": ...} for
    /// the --fault-status), html (Werkzeug's error page for the --fault-status), not-json (a
    /// proxy's HTML sign-in page, status 200 unless --fault-status is given)
    #[arg(long, value_name = "KIND", value_parser = Value(|_, v| fault::parse_body(v)),
          verbatim_doc_comment)]
    fault_body: Option<FaultBody>,
}

#[derive(Args)]
#[command(
    next_help_heading = "Registry size worker (runs calculations queued with POST /api/v1/superuser/registrysize/)"
)]
struct RegistrySizeFlags {
    /// how often it looks for a queued calculation (1-3600000, default 1000)
    #[arg(long = "registry-size-poll-ms", value_name = "N",
          value_parser = Value(|flag, v| ms(flag, v, 1, 3_600_000)))]
    poll_ms: Option<Duration>,
    /// pause between batches of 5,000 blobs (0-60000, default 100; a run over the demo data
    /// then lasts about 2 s)
    #[arg(long = "registry-size-batch-pause-ms", value_name = "N",
          value_parser = Value(|flag, v| ms(flag, v, 0, 60_000)), verbatim_doc_comment)]
    batch_pause_ms: Option<Duration>,
}

/// Parses the arguments after the program name. `--flag value` and `--flag=value` both work; a
/// later repetition wins; a value may start with `-` but not with `--`. The error is the one-line
/// message to print.
pub fn parse_args<I>(args: I) -> Result<CliAction, String>
where
    I: IntoIterator<Item = OsString>,
{
    // A value may start with `-` (`--seed-rng -1` is refused by its parser, not taken for an
    // option); `Value` refuses one starting with `--`.
    let command = Flags::command().mut_args(|arg| {
        let options = !arg.is_positional();
        arg.allow_hyphen_values(options)
    });
    let matches =
        command.try_get_matches_from(std::iter::once(OsString::from("quay-emulator")).chain(args));
    let flags = match matches.and_then(|m| Flags::from_arg_matches(&m)) {
        Ok(flags) => flags,
        Err(e) if e.kind() == ErrorKind::DisplayHelp => return Ok(CliAction::Help(e.to_string())),
        Err(e) if e.kind() == ErrorKind::DisplayVersion => {
            return Ok(CliAction::Version(e.to_string()))
        }
        Err(e) => return Err(one_line(&e)),
    };
    flags.resolve().map(|args| CliAction::Run(Box::new(args)))
}

impl Flags {
    /// The settings, defaults filled in, once the flags agree with each other.
    fn resolve(self) -> Result<CliArgs, String> {
        let defaults = CliArgs::default();
        if let Some(word) = self.stray.first() {
            return Err(format!(
                "unexpected argument {:?} ({HINT})",
                word.to_string_lossy()
            ));
        }
        if self.demo.seed_rng.is_some() && self.demo.seed.is_none() {
            return Err("option --seed-rng needs --seed demo".to_string());
        }
        Ok(CliArgs {
            config: self.config,
            db: self.db.unwrap_or(defaults.db),
            listen: self.listen.unwrap_or(defaults.listen),
            dist: self.dist.unwrap_or(defaults.dist),
            seed: self.demo.seed,
            dashboard_config: self.demo.dashboard_config,
            seed_rng: self.demo.seed_rng.unwrap_or(defaults.seed_rng),
            faults: self.faults.resolve()?,
            registry_size: RegistrySizeWorkerOptions {
                poll_interval: self
                    .registry_size
                    .poll_ms
                    .unwrap_or(defaults.registry_size.poll_interval),
                batch_pause: self
                    .registry_size
                    .batch_pause_ms
                    .unwrap_or(defaults.registry_size.batch_pause),
                ..defaults.registry_size
            },
            request_timeout: self.request_timeout_ms.unwrap_or(defaults.request_timeout),
            log_requests: self.log_requests.unwrap_or(defaults.log_requests),
        })
    }
}

impl FaultFlags {
    fn resolve(self) -> Result<FaultConfig, String> {
        let none = FaultConfig::none();
        let faults = FaultConfig {
            latency_ms: self.fault_latency_ms.unwrap_or(none.latency_ms),
            status: self.fault_status,
            rate_percent: self.fault_rate.unwrap_or(none.rate_percent),
            path_prefix: self.fault_path.clone().unwrap_or(none.path_prefix),
            body: self.fault_body.unwrap_or(none.body),
        };
        faults
            .validate()
            .map_err(|e| format!("invalid fault injection: {e}"))?;
        if !faults.is_active() {
            if self.fault_rate.is_some() {
                return Err(
                    "option --fault-rate needs --fault-status or --fault-latency-ms".into(),
                );
            }
            if self.fault_path.is_some() {
                return Err(
                    "option --fault-path needs --fault-status or --fault-latency-ms".into(),
                );
            }
        }
        Ok(faults)
    }
}

/// An option's value through `parse(flag, text)`. A value that is empty, that is the next option
/// (`--db --listen …`) or that is not UTF-8 is refused here, naming the option.
#[derive(Clone)]
struct Value<T>(fn(&str, &str) -> Result<T, String>);

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Value<T> {
    type Value = T;

    fn parse_ref(&self, _: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<T, clap::Error> {
        let flag = format!("--{}", arg.and_then(Arg::get_long).unwrap_or_default());
        let parsed = match value.to_str() {
            None => Err(format!(
                "value of {flag} is not valid UTF-8: {}",
                value.to_string_lossy()
            )),
            Some(text) if text.is_empty() || text.starts_with("--") => {
                Err(format!("option {flag} needs a value"))
            }
            Some(text) => (self.0)(&flag, text),
        };
        parsed.map_err(|message| clap::Error::raw(ErrorKind::ValueValidation, message))
    }
}

/// What a misused option's message ends with.
const HINT: &str = "quay-emulator --help lists the options";

/// clap's error as one line without its `error: ` prefix, an unknown or missing option's in
/// words of our own.
fn one_line(e: &clap::Error) -> String {
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => arg.as_str(),
        _ => "",
    };
    // clap names a known option with its value (`--db <FILE.db>`), an unknown one as given.
    let option = arg.split([' ', '=']).next().unwrap_or(arg);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("unknown option {option} ({HINT})"),
        ErrorKind::InvalidValue => format!("option {option} needs a value"),
        _ => {
            let text = e.to_string();
            let line = text.lines().next().unwrap_or_default();
            line.strip_prefix("error: ").unwrap_or(line).to_string()
        }
    }
}

fn path(_: &str, text: &str) -> Result<PathBuf, String> {
    Ok(PathBuf::from(text))
}

fn listen(_: &str, text: &str) -> Result<SocketAddr, String> {
    text.parse()
        .map_err(|_| format!("invalid --listen address {text:?} (expected IP:PORT)"))
}

fn seed(_: &str, text: &str) -> Result<Seed, String> {
    match text {
        "demo" => Ok(Seed::Demo),
        _ => Err(format!(
            "invalid --seed {text:?} (the only data set is demo)"
        )),
    }
}

fn seed_rng(_: &str, text: &str) -> Result<u64, String> {
    text.parse().map_err(|_| {
        format!(
            "invalid --seed-rng {text:?} (expected an integer 0 to {})",
            u64::MAX
        )
    })
}

fn log(_: &str, text: &str) -> Result<bool, String> {
    match text {
        "requests" => Ok(true),
        _ => Err(format!("invalid --log {text:?} (the only log is requests)")),
    }
}

/// A number of milliseconds within `min..=max`.
fn ms(flag: &str, value: &str, min: u64, max: u64) -> Result<Duration, String> {
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
    fn help_lists_every_flag() {
        let Ok(CliAction::Help(help)) = parse(&["-h"]) else {
            panic!("-h is help")
        };
        for flag in [
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
        ] {
            assert!(help.contains(flag), "{flag}");
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
    fn version_repetition_and_values_with_hyphens() {
        assert!(
            matches!(parse(&["--version"]), Ok(CliAction::Version(v)) if v.starts_with("quay-emulator "))
        );
        assert_eq!(
            run_args(&["--db", "a.db", "--db=b.db"]).db,
            PathBuf::from("b.db")
        );
        assert_eq!(
            run_args(&["--config", "-c.yaml"]).config,
            Some("-c.yaml".into())
        );
        assert_eq!(
            parse(&["--config=--db"]).unwrap_err(),
            "option --config needs a value"
        );
    }

    #[test]
    fn help() {
        assert!(matches!(parse(&["--help"]), Ok(CliAction::Help(_))));
    }
}
