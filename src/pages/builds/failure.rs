//! Why a build failed, for the top of its page: Quay keeps no reason in the build itself, so it
//! is pieced together the way Quay records it. The `error` of a build's status is set only when
//! its live status cannot be read (`cannot_load`, `endpoints/api/build.py`); a builder that
//! reports its failure appends an entry of type `error` to the log; `internalerror` and
//! `expired` are the build manager's (a worker that died, with or without retries left). A
//! builder that only printed its failure leaves it in the log's last line.

use super::ansi;
use crate::i18n::Key;

/// What to say: an explanation in the console's words, the registry's own text, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub intro: Option<Key>,
    /// From the registry (hostile: shown as text), without escape codes.
    pub message: Option<String>,
}

/// The failure of a build in `phase`, or `None` when the phase is not a failure.
pub fn failure(
    phase: &str,
    status_error: Option<&str>,
    last_error: Option<&str>,
    last_line: Option<&str>,
) -> Option<Failure> {
    let text = |s: Option<&str>| {
        s.map(ansi::plain)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let (intro, message) = match phase {
        "error" => match (text(last_error), text(last_line)) {
            (Some(reason), _) => (None, Some(reason)),
            (None, Some(line)) => (Some(Key::BuildFailedLastLine), Some(line)),
            (None, None) => (Some(Key::BuildFailedNoReason), None),
        },
        "internalerror" => (Some(Key::BuildInternalErrorReason), text(last_error)),
        "expired" => (Some(Key::BuildExpiredReason), text(last_error)),
        "cannot_load" => (Some(Key::BuildCannotLoadReason), text(status_error)),
        _ => return None,
    };
    Some(Failure { intro, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(intro: Option<Key>, message: Option<&str>) -> Option<Failure> {
        Some(Failure {
            intro,
            message: message.map(String::from),
        })
    }

    #[test]
    fn the_builders_error_entry_is_the_reason() {
        assert_eq!(
            failure(
                "error",
                None,
                Some("\u{1b}[31mreturned a non-zero code: 1\u{1b}[0m"),
                Some("x")
            ),
            said(None, Some("returned a non-zero code: 1"))
        );
    }

    #[test]
    fn without_one_the_last_line_or_nothing() {
        assert_eq!(
            failure("error", None, None, Some("npm ERR! code E404")),
            said(Some(Key::BuildFailedLastLine), Some("npm ERR! code E404"))
        );
        assert_eq!(
            failure("error", None, Some("  "), None),
            said(Some(Key::BuildFailedNoReason), None)
        );
    }

    #[test]
    fn the_build_managers_failures_are_explained() {
        assert_eq!(
            failure(
                "internalerror",
                None,
                Some("Build worker stopped responding"),
                None
            ),
            said(
                Some(Key::BuildInternalErrorReason),
                Some("Build worker stopped responding")
            )
        );
        assert_eq!(
            failure("expired", None, None, Some("a line")),
            said(Some(Key::BuildExpiredReason), None)
        );
        assert_eq!(
            failure(
                "cannot_load",
                Some("Cannot retrieve build status: Error 111"),
                None,
                None
            ),
            said(
                Some(Key::BuildCannotLoadReason),
                Some("Cannot retrieve build status: Error 111")
            )
        );
    }

    #[test]
    fn other_phases_did_not_fail() {
        for phase in [
            "complete",
            "cancelled",
            "building",
            "waiting",
            "pushing",
            "",
        ] {
            assert_eq!(failure(phase, None, Some("x"), Some("y")), None, "{phase}");
        }
    }
}
