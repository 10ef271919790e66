//! Quay's own input rules, reproduced exactly (quay/quay `util/validation.py`), so the dashboard can
//! warn before submit and the emulator can refuse with Quay's words. No dependencies: this crate is
//! compiled into the wasm bundle, where a regex engine would cost more than these few loops.

/// The pattern Quay quotes in its "Invalid namespace" message.
pub const NAMESPACE_PATTERN: &str = "^([a-z0-9]+(?:[._-][a-z0-9]+)*)$";
pub const MIN_NAMESPACE_LEN: usize = 2;
pub const MAX_NAMESPACE_LEN: usize = 255;
pub const MIN_PASSWORD_LEN: usize = 8;

/// Quay's `INVALID_PASSWORD_MESSAGE`.
pub const INVALID_PASSWORD_MESSAGE: &str =
    "Invalid password, password must be at least 8 characters and contain no whitespace.";

/// Which of Quay's two namespace rules a name breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamespaceProblem {
    Pattern,
    Length,
}

impl NamespaceProblem {
    /// Quay's wording (the part after "Invalid namespace NAME: ").
    pub fn message(self) -> String {
        match self {
            NamespaceProblem::Pattern => format!("Namespace must match expression {NAMESPACE_PATTERN}"),
            NamespaceProblem::Length => format!(
                "Namespace must be between {MIN_NAMESPACE_LEN} and {MAX_NAMESPACE_LEN} characters in length"
            ),
        }
    }
}

/// Checks a namespace (user or organization name) in Quay's order: the pattern first, then the length.
pub fn check_namespace(name: &str) -> Result<(), NamespaceProblem> {
    if !matches_namespace_pattern(name) {
        return Err(NamespaceProblem::Pattern);
    }
    let len = name.chars().count();
    if !(MIN_NAMESPACE_LEN..=MAX_NAMESPACE_LEN).contains(&len) {
        return Err(NamespaceProblem::Length);
    }
    Ok(())
}

/// Why a namespace is refused, in Quay's words, or `None` when valid.
pub fn namespace_problem(name: &str) -> Option<String> {
    check_namespace(name).err().map(NamespaceProblem::message)
}

/// `re.match(r"^([a-z0-9]+(?:[._-][a-z0-9]+)*)$", name)`: runs of `[a-z0-9]` joined by single
/// `.`, `_` or `-`. Python's `$` also matches just before one trailing newline, and Quay inherits that.
fn matches_namespace_pattern(name: &str) -> bool {
    let body = name.strip_suffix('\n').unwrap_or(name);
    !body.is_empty()
        && body.split(['.', '_', '-']).all(|run| {
            !run.is_empty()
                && run
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Python's `\s` on `str` (what `str.isspace` accepts): Unicode White_Space plus the four
/// information separators U+001C..U+001F, which Rust's `char::is_whitespace` leaves out.
pub fn is_python_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Quay's `validate_password`: at least 8 characters (code points) and no whitespace.
pub fn is_valid_password(password: &str) -> bool {
    !password.chars().any(is_python_whitespace) && password.chars().count() >= MIN_PASSWORD_LEN
}

/// Quay's `validate_email`: at most 254 characters, exactly one `@`, a non-empty local part and a
/// domain of at least two non-empty dot-separated labels. Deliberately loose, as Quay's is.
pub fn is_valid_email(address: &str) -> bool {
    if address.is_empty() || address.chars().count() > 254 {
        return false;
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty() && labels.len() >= 2 && labels.iter().all(|l| !l.is_empty())
}

/// A service key's service: Quay's `re.match(r"^[a-z0-9_]+$", service)` (Python's `$` also
/// matches before a final newline).
pub fn is_valid_service_name(service: &str) -> bool {
    let body = service.strip_suffix('\n').unwrap_or(service);
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A service key's friendly name: Quay's `validate_service_key_name`,
/// `^[\s a-zA-Z0-9\-_:/]*$` (Python's `\s`, Unicode whitespace).
pub fn is_valid_key_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_:/ ".contains(c) || is_python_whitespace(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_key_names_follow_quays_patterns() {
        for ok in ["svc", "a_b_9", "svc\n"] {
            assert!(is_valid_service_name(ok), "{ok:?}");
        }
        for bad in ["", "Bad Service!", "a-b", "svc\n\n", "é"] {
            assert!(!is_valid_service_name(bad), "{bad:?}");
        }
        for ok in ["", "my key: a/b-c_d", "tab\there", "nbsp\u{a0}", "\u{1f}"] {
            assert!(is_valid_key_name(ok), "{ok:?}");
        }
        for bad in ["bad name!", "é", "a.b", "a@b"] {
            assert!(!is_valid_key_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn namespace_pattern_accepts_quay_names() {
        for ok in [
            "quayadmin",
            "ab",
            "a1",
            "my.org",
            "my_org",
            "my-org",
            "a.b-c_d",
            "0x9",
        ] {
            assert_eq!(namespace_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn namespace_pattern_refuses_with_quay_message() {
        for bad in [
            "Admin!",
            "",
            "-a",
            "a-",
            "a..b",
            "a.-b",
            "UPPER",
            "with space",
            "é",
            "a\n\n",
        ] {
            assert_eq!(
                namespace_problem(bad).as_deref(),
                Some("Namespace must match expression ^([a-z0-9]+(?:[._-][a-z0-9]+)*)$"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn namespace_length_is_checked_after_pattern() {
        let msg = Some("Namespace must be between 2 and 255 characters in length".to_string());
        assert_eq!(namespace_problem("x"), msg);
        assert_eq!(namespace_problem(&"a".repeat(256)), msg);
        assert_eq!(namespace_problem(&"a".repeat(255)), None);
    }

    #[test]
    fn python_dollar_allows_one_trailing_newline() {
        assert_eq!(namespace_problem("admin\n"), None);
        // ...but the newline still counts toward the length, as len() does in Quay.
        assert!(namespace_problem("a\n").is_none());
    }

    #[test]
    fn password_rules() {
        assert!(is_valid_password("12345678"));
        assert!(is_valid_password("pässwörd"));
        assert!(!is_valid_password("1234567"), "7 characters");
        assert!(!is_valid_password(""));
        assert!(!is_valid_password("1234 5678"));
        assert!(!is_valid_password("12345678\t"));
        assert!(!is_valid_password("1234\u{a0}5678"), "no-break space");
        assert!(!is_valid_password("1234\u{3000}5678"), "ideographic space");
        assert!(
            !is_valid_password("1234\u{1f}5678"),
            "unit separator is space to Python"
        );
        // Eight code points, even when they take more bytes.
        assert!(is_valid_password("密码密码密码密码"));
        assert!(!is_valid_password("密码密码密码密"));
    }

    #[test]
    fn email_rules_are_quays_loose_ones() {
        assert!(is_valid_email("admin@example.com"));
        assert!(is_valid_email("a@b.c"));
        assert!(!is_valid_email("not-an-email"));
        assert!(!is_valid_email("a@b"));
        assert!(!is_valid_email("@b.c"));
        assert!(!is_valid_email("a@b..c"));
        assert!(!is_valid_email("a@@b.c"));
        assert!(!is_valid_email(""));
        assert!(!is_valid_email(&format!("{}@example.com", "a".repeat(250))));
    }
}
