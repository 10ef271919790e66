//! Password sign-in as Quay's database authentication does it (`verify_user`), with its
//! exponential back-off after failures.

use crate::storage::{Storage, StorageError, UserRecord};

pub const INVALID_CREDENTIALS: &str = "Invalid Username or Password";
pub const USER_DISABLED: &str = "This user has been disabled. Please contact your administrator.";
/// The 429 body (note the space before the newline).
pub const TOO_MANY_ATTEMPTS: &str =
    "Too many login attempts. \nPlease reset your Quay password and try again.";

#[derive(Debug, Clone)]
pub enum LoginOutcome {
    Success(UserRecord),
    /// Refused with this message (403 on `/api/v1/signin`).
    Failed(&'static str),
    /// Inside the back-off window: retry after this many seconds.
    Throttled {
        retry_after_s: f64,
    },
}

/// After `n` consecutive failures the next attempt is allowed `0.5 × (2ⁿ − 1)` s after the last.
pub fn backoff_ms(failures: i64) -> i64 {
    let n = u32::try_from(failures.clamp(0, 40)).unwrap_or(40);
    ((1i64 << n) - 1) * 500
}

/// Checks `username_or_email` (a username, or the e-mail of a user) and `password`. Blocking.
pub fn verify(
    storage: &Storage,
    username_or_email: &str,
    password: &str,
) -> Result<LoginOutcome, StorageError> {
    if !username_or_email.is_ascii() {
        return Ok(LoginOutcome::Failed(INVALID_CREDENTIALS));
    }
    let Some(record) = storage.login_record(username_or_email)? else {
        return Ok(LoginOutcome::Failed(INVALID_CREDENTIALS));
    };
    let now = storage.clock().unix_ms();
    if record.invalid_login_attempts > 0 {
        let retry_at =
            record.last_invalid_login_ms.unwrap_or(0) + backoff_ms(record.invalid_login_attempts);
        if retry_at > now {
            return Ok(LoginOutcome::Throttled {
                retry_after_s: (retry_at - now) as f64 / 1000.0,
            });
        }
    }
    let matches = record
        .password_hash
        .as_deref()
        .is_some_and(|hash| crate::crypto::verify_password(password, hash));
    if !matches {
        storage.record_failed_login(record.user.id, now)?;
        return Ok(LoginOutcome::Failed(INVALID_CREDENTIALS));
    }
    storage.reset_failed_logins(record.user.id)?;
    if !record.user.enabled {
        return Ok(LoginOutcome::Failed(USER_DISABLED));
    }
    Ok(LoginOutcome::Success(record.user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles() {
        assert_eq!(backoff_ms(0), 0);
        assert_eq!(backoff_ms(1), 500);
        assert_eq!(backoff_ms(2), 1500);
        assert_eq!(backoff_ms(3), 3500);
    }
}
