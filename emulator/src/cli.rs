//! The command line, parsed by hand: every mistake must be one line on stderr (clap prints several).

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str =
    "usage: quay-emulator [--config FILE.yaml] [--db FILE.db] [--listen 127.0.0.1:8080] [--dist DIR]";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliArgs {
    pub config: Option<PathBuf>,
    pub db: PathBuf,
    pub listen: SocketAddr,
    pub dist: PathBuf,
}

impl Default for CliArgs {
    fn default() -> Self {
        CliArgs {
            config: None,
            db: PathBuf::from("data/registry.db"),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist: PathBuf::from("dist"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliAction {
    Run(CliArgs),
    Help,
}

/// Parses the arguments after the program name. `--flag value` and `--flag=value` both work; a later
/// repetition wins. The error is the one-line message to print.
pub fn parse_args<I>(args: I) -> Result<CliAction, String>
where
    I: IntoIterator<Item = OsString>,
{
    let mut parsed = CliArgs::default();
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
        if !matches!(flag.as_str(), "--config" | "--db" | "--listen" | "--dist") {
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
            _ => {
                parsed.listen = value
                    .parse()
                    .map_err(|_| format!("invalid --listen address {value:?} (expected IP:PORT)"))?
            }
        }
    }
    Ok(CliAction::Run(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<CliAction, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn defaults() {
        assert_eq!(parse(&[]), Ok(CliAction::Run(CliArgs::default())));
        let d = CliArgs::default();
        assert_eq!(d.db, PathBuf::from("data/registry.db"));
        assert_eq!(d.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(d.dist, PathBuf::from("dist"));
        assert_eq!(d.config, None);
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
            CliAction::Run(CliArgs {
                config: Some("c.yaml".into()),
                db: "x/y.db".into(),
                listen: "127.0.0.1:0".parse().unwrap(),
                dist: "site".into(),
            })
        );
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
