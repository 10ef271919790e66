//! Quay's `log_action` (`endpoints/api/__init__.py`): one usage-log entry per audited action; and
//! what the superuser log views (`SuperUserLogs`, `SuperUserAggregateLogs` in
//! `endpoints/api/superuser.py`) share: the `starttime`/`endtime` window
//! (`_validate_logs_arguments`), RFC 2822 dates (`format_date`) and the `next_page` token of the
//! log listing.

use serde_json::{json, Value};

use crate::auth::RequestAuth;
use crate::dates::{day_number, days_in_month, in_python_range, DAY_US};
use crate::storage::{NewLogEntry, Storage, StorageError};

/// Writes `kind` for the namespace `account_id`. The performer is the caller; a caller using an
/// OAuth token adds `oauth_token_id`, `oauth_token_application_id` and `oauth_token_application`
/// to the metadata. Blocking: run it inside `AppState::db`.
///
/// `account_id: None` is Quay's "no namespace": Quay stores its service log account (the first
/// user) instead, and the log views show that account for such entries.
pub fn log_action(
    storage: &Storage,
    kind: &str,
    account_id: Option<i64>,
    auth: &RequestAuth,
    metadata: Value,
) -> Result<i64, StorageError> {
    let mut metadata = match metadata {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    if let Some(token) = auth.token() {
        metadata.insert("oauth_token_id".into(), json!(token.id));
        metadata.insert("oauth_token_application_id".into(), json!(token.client_id));
        metadata.insert(
            "oauth_token_application".into(),
            json!(token.application_name),
        );
    }
    storage.write_log(&NewLogEntry {
        kind,
        account_id,
        performer_id: auth.user().map(|u| u.id),
        ip: auth.ip.clone(),
        metadata: Value::Object(metadata),
        datetime_us: storage.clock().unix_us(),
    })
}

/// Quay's `MAXIMUM_RANGE_SIZE` of aggregated logs: 31 days.
pub const MAX_AGGREGATE_RANGE_US: i64 = 31 * DAY_US;
/// Entries per page of the log listing (Quay's `paginate(limit=20)`).
pub const LOGS_PER_PAGE: usize = 20;

/// Python's `int()` of a run of `\d` characters (any Unicode decimal digit, as `re` matches).
fn unicode_digits(chars: &[char]) -> Option<u32> {
    chars.iter().try_fold(0u32, |acc, c| {
        crate::schema::decimal_digit(*c).map(|d| acc * 10 + d)
    })
}

/// Quay's `_parse_datetime`: `datetime.strptime(text + " UTC", "%m/%d/%Y %Z")`, as a day number;
/// `None` where Python raises `ValueError` (Quay then uses its default silently).
pub fn parse_date_arg(text: &str) -> Option<i64> {
    let chars: Vec<char> = text.chars().collect();
    let ascii = |i: usize, f: fn(char) -> bool| chars.get(i).is_some_and(|c| f(*c));
    let digit = |i: usize| {
        chars
            .get(i)
            .is_some_and(|c| crate::schema::decimal_digit(*c).is_some())
    };
    // `_strptime`'s alternations, in their order: `%m` = 1[0-2]|0[1-9]|[1-9],
    // `%d` = 3[01]|[12]\d|0[1-9]|[1-9]| [1-9]; each followed by `/`.
    let mut months = Vec::new();
    if ascii(0, |c| c == '1') && ascii(1, |c| ('0'..='2').contains(&c)) {
        months.push(2);
    }
    if ascii(0, |c| c == '0') && ascii(1, |c| ('1'..='9').contains(&c)) {
        months.push(2);
    }
    if ascii(0, |c| ('1'..='9').contains(&c)) {
        months.push(1);
    }
    for m_len in months {
        if !ascii(m_len, |c| c == '/') {
            continue;
        }
        let d0 = m_len + 1;
        let mut days: Vec<(usize, usize)> = Vec::new(); // (length, digits start)
        if ascii(d0, |c| c == '3') && ascii(d0 + 1, |c| c == '0' || c == '1') {
            days.push((2, d0));
        }
        if ascii(d0, |c| c == '1' || c == '2') && digit(d0 + 1) {
            days.push((2, d0));
        }
        if ascii(d0, |c| c == '0') && ascii(d0 + 1, |c| ('1'..='9').contains(&c)) {
            days.push((2, d0));
        }
        if ascii(d0, |c| ('1'..='9').contains(&c)) {
            days.push((1, d0));
        }
        if ascii(d0, |c| c == ' ') && ascii(d0 + 1, |c| ('1'..='9').contains(&c)) {
            days.push((2, d0 + 1));
        }
        for (d_len, d_start) in days {
            let y0 = d0 + d_len + 1;
            if !ascii(d0 + d_len, |c| c == '/') || !(y0..y0 + 4).all(digit) {
                continue;
            }
            // `\s+` then the time zone: only the appended " UTC" may follow the year.
            let rest: String = chars[y0 + 4..].iter().collect();
            let tail = rest.trim_start_matches(quay_rules::is_python_whitespace);
            if !tail.is_empty() {
                continue;
            }
            let month = unicode_digits(&chars[..m_len])?;
            let day = unicode_digits(&chars[d_start..d0 + d_len])?;
            let year = i64::from(unicode_digits(&chars[y0..y0 + 4])?);
            // The regex matched; an impossible date is a ValueError (no other alternative is
            // tried then).
            if year < 1 || day > days_in_month(year, month) {
                return None;
            }
            return day_number(year, month, day);
        }
    }
    None
}

/// A log window `start ≤ datetime < end` (microseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogWindow {
    pub start_us: i64,
    pub end_us: i64,
}

/// Quay's `_validate_logs_arguments`: `starttime` at 00:00 UTC, else now − 1 day; `endtime` + 1
/// day at 00:00 UTC, else now + 1 day. `None` where Quay overflows (`endtime` 12/31/9999).
pub fn log_window(
    starttime: Option<&str>,
    endtime: Option<&str>,
    now_us: i64,
) -> Option<LogWindow> {
    let start_us = match starttime.and_then(parse_date_arg) {
        Some(days) => days * DAY_US,
        None => now_us - DAY_US,
    };
    let end_us = match endtime.and_then(parse_date_arg) {
        Some(days) if in_python_range(days + 1) => (days + 1) * DAY_US,
        Some(_) => return None,
        None => now_us + DAY_US,
    };
    Some(LogWindow { start_us, end_us })
}

/// Quay's aggregated-log date (`get_aggregated_log_counts`): midnight of the window start's
/// year and month with the entry's day of month, one month later (day clamped, relativedelta)
/// when that day is before the start's. `None` where Python's `datetime()` raises (a day the
/// start's month does not have).
pub fn aggregate_day(start_us: i64, day_of_month: u32) -> Option<i64> {
    let start_day = start_us.div_euclid(DAY_US);
    let (year, month, start_dom) = crate::dates::ymd(start_day)?;
    if day_of_month == 0 || day_of_month > days_in_month(year, month) {
        return None;
    }
    let first_of_month = start_day - i64::from(start_dom) + 1;
    let day = first_of_month + i64::from(day_of_month) - 1;
    if day_of_month >= start_dom {
        return Some(day * DAY_US);
    }
    let next = crate::dates::add_months(day, 1)?;
    in_python_range(next).then_some(next * DAY_US)
}

/// Where the next page of the log listing starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogPageToken {
    /// At this entry (inclusive), newest first: Quay's `start_index` of `results[20]`.
    At {
        datetime_us: i64,
        id: i64,
        page_number: i64,
    },
    /// After the last page: Quay's `{"tti": 1}` (the next, older log table, which is empty).
    End,
}

/// The `next_page` text of a token (Fernet, like the other page tokens).
pub fn encrypt_log_token(aes_key: &[u8; 32], token: &LogPageToken, now_s: i64) -> String {
    let plain = match token {
        LogPageToken::At {
            datetime_us,
            id,
            page_number,
        } => json!({"start_index": datetime_us, "start_id": id, "page_number": page_number,
                    "is_datetime": true}),
        LogPageToken::End => json!({"tti": 1}),
    };
    let key = crate::pagination::token_key(aes_key);
    let now = u64::try_from(now_s).unwrap_or(0);
    crate::crypto::fernet_encrypt(&key, plain.to_string().as_bytes(), now)
}

/// A token of [`encrypt_log_token`], or `None` (garbage, foreign, expired: the first page).
pub fn decrypt_log_token(aes_key: &[u8; 32], text: &str, now_s: i64) -> Option<LogPageToken> {
    let key = crate::pagination::token_key(aes_key);
    let now = u64::try_from(now_s).unwrap_or(0);
    let plain =
        crate::crypto::fernet_decrypt(&key, text, crate::pagination::PAGE_TOKEN_TTL_S, now)?;
    let value: Value = serde_json::from_slice(&plain).ok()?;
    if value.get("tti").is_some() {
        return Some(LogPageToken::End);
    }
    if value.get("is_datetime") != Some(&Value::Bool(true)) {
        return None;
    }
    Some(LogPageToken::At {
        datetime_us: value.get("start_index")?.as_i64()?,
        id: value.get("start_id")?.as_i64()?,
        page_number: value
            .get("page_number")
            .and_then(Value::as_i64)
            .unwrap_or(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW_S: i64 = 1_795_993_826;

    fn civil(year: i64, month: u32, day: u32) -> i64 {
        day_number(year, month, day).unwrap()
    }

    #[test]
    fn dates_parse_like_strptime() {
        let day = |y, m, d| Some(civil(y, m, d));
        assert_eq!(parse_date_arg("11/20/2026"), day(2026, 11, 20));
        assert_eq!(parse_date_arg("1/5/2026"), day(2026, 1, 5));
        assert_eq!(parse_date_arg("01/05/2026"), day(2026, 1, 5));
        assert_eq!(parse_date_arg("1/ 5/2026"), day(2026, 1, 5));
        assert_eq!(parse_date_arg("11/20/2026 \t"), day(2026, 11, 20));
        assert_eq!(parse_date_arg("02/29/2024"), day(2024, 2, 29));
        assert_eq!(parse_date_arg("12/31/9999"), day(9999, 12, 31));
        assert_eq!(parse_date_arg("01/01/0001"), day(1, 1, 1));
        // `\d` matches any Unicode decimal digit.
        assert_eq!(
            parse_date_arg("1/1\u{665}/\u{662}\u{660}\u{662}\u{666}"),
            day(2026, 1, 15)
        );
        for bad in [
            "",
            "garbage",
            "13/01/2026",
            "00/10/2026",
            "11/32/2026",
            "02/30/2026",
            "02/29/2026",
            "11/20/26",
            "11/20/20261",
            " 11/20/2026",
            "11/20/2026 UTC",
            "11-20-2026",
            "01/01/0000",
            "2026-11-20",
            "11/20/2026x",
        ] {
            assert_eq!(parse_date_arg(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn windows_follow_validate_logs_arguments() {
        let now = 1_795_993_826_123_456;
        assert_eq!(
            log_window(None, None, now),
            Some(LogWindow {
                start_us: now - DAY_US,
                end_us: now + DAY_US
            })
        );
        let w = log_window(Some("11/20/2026"), Some("11/21/2026"), now).unwrap();
        assert_eq!(w.start_us, civil(2026, 11, 20) * DAY_US);
        assert_eq!(w.end_us, civil(2026, 11, 22) * DAY_US);
        let w = log_window(Some("bad"), Some("bad"), now).unwrap();
        assert_eq!((w.start_us, w.end_us), (now - DAY_US, now + DAY_US));
        assert_eq!(log_window(None, Some("12/31/9999"), now), None);
    }

    #[test]
    fn aggregate_days_rebuild_from_the_start_month() {
        let start = civil(2026, 2, 25) * DAY_US + 3_600_000_000;
        assert_eq!(aggregate_day(start, 27), Some(civil(2026, 2, 27) * DAY_US));
        assert_eq!(aggregate_day(start, 3), Some(civil(2026, 3, 3) * DAY_US));
        // A day the start's month lacks: Python's ValueError.
        assert_eq!(aggregate_day(start, 30), None);
        // relativedelta clamps: Jan 31 start, day 30 → Feb 28.
        let start = civil(2026, 1, 31) * DAY_US;
        assert_eq!(aggregate_day(start, 30), Some(civil(2026, 2, 28) * DAY_US));
        let start = civil(2026, 12, 20) * DAY_US;
        assert_eq!(aggregate_day(start, 2), Some(civil(2027, 1, 2) * DAY_US));
    }

    #[test]
    fn log_tokens_round_trip() {
        let key = [3u8; 32];
        let at = LogPageToken::At {
            datetime_us: 1_795_993_826_123_456,
            id: 42,
            page_number: 2,
        };
        let text = encrypt_log_token(&key, &at, NOW_S);
        assert!(text.starts_with("gAAAAA"));
        assert_eq!(decrypt_log_token(&key, &text, NOW_S), Some(at));
        let end = encrypt_log_token(&key, &LogPageToken::End, NOW_S);
        assert_eq!(
            decrypt_log_token(&key, &end, NOW_S),
            Some(LogPageToken::End)
        );
        assert_eq!(decrypt_log_token(&[4u8; 32], &text, NOW_S), None);
        assert_eq!(decrypt_log_token(&key, "garbage", NOW_S), None);
        // A token of the user and organization lists is not a log token.
        let list = crate::pagination::encrypt(
            &crate::pagination::token_key(&key),
            &crate::pagination::PageToken {
                start_index: 5,
                page_number: 1,
                offset_val: 0,
            },
            NOW_S,
        );
        assert_eq!(decrypt_log_token(&key, &list, NOW_S), None);
    }
}
