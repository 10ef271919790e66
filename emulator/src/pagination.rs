//! Quay's `page_support` (`endpoints/api/__init__.py`) and `paginate` (`data/model/modelutil.py`)
//! for id-ordered lists: the next page starts at an id (inclusive), carried in an encrypted
//! `next_page` token that Quay makes with Fernet. The emulator does the same with a key derived
//! from the database's own secret, so a token from another registry (or a garbled one, or one
//! older than two days) is silently ignored and the first page is served.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Quay's `_PAGE_TOKEN_TTL`: two days.
pub const PAGE_TOKEN_TTL_S: u64 = 2 * 86_400;

/// The decrypted `next_page` token (Quay's `paginate_query` dict).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageToken {
    pub start_index: i64,
    pub page_number: i64,
    pub offset_val: i64,
}

/// The Fernet key of page tokens, derived from the database's AES key.
pub fn token_key(aes_key: &[u8; 32]) -> [u8; 32] {
    let mut digest = Sha256::new();
    digest.update(b"quay-emulator page token key\0");
    digest.update(aes_key);
    digest.finalize().into()
}

/// Quay's `encrypt_page_token(json.dumps(token))`.
pub fn encrypt(key: &[u8; 32], token: &PageToken, now_s: i64) -> String {
    let text = crate::python::json_dumps(&json!({
        "start_index": token.start_index,
        "page_number": token.page_number,
        "is_datetime": false,
        "offset_val": token.offset_val,
    }));
    crate::crypto::fernet_encrypt(key, text.as_bytes(), u64::try_from(now_s).unwrap_or(0))
}

/// Quay's `decrypt_page_token`: `None` for anything that is not a live token of this registry.
pub fn decrypt(key: &[u8; 32], text: &str, now_s: i64) -> Option<PageToken> {
    let now = u64::try_from(now_s).unwrap_or(0);
    let plain = crate::crypto::fernet_decrypt(key, text, PAGE_TOKEN_TTL_S, now)?;
    let value: Value = serde_json::from_slice(&plain).ok()?;
    Some(PageToken {
        start_index: value.get("start_index")?.as_i64()?,
        page_number: value
            .get("page_number")
            .and_then(Value::as_i64)
            .unwrap_or(0),
        offset_val: value.get("offset_val").and_then(Value::as_i64).unwrap_or(0),
    })
}

/// Python's `results[index]` (negative indexes count from the end).
fn py_index(len: usize, index: i64) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let at = if index < 0 { len + index } else { index };
    (0..len)
        .contains(&at)
        .then(|| usize::try_from(at).ok())
        .flatten()
}

/// Python's `results[0:limit]`.
fn py_prefix_len(len: usize, limit: i64) -> usize {
    let len_i = i64::try_from(len).unwrap_or(i64::MAX);
    let end = if limit < 0 { len_i + limit } else { limit };
    usize::try_from(end.clamp(0, len_i)).unwrap_or(0)
}

/// What `paginate_query` makes of the rows fetched with `LIMIT limit + 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<PageToken>,
}

/// `paginate_query` with Python's indexing and slicing: `Err(())` where Quay raises an
/// `IndexError` (a negative limit on too short a result).
#[allow(clippy::result_unit_err)]
pub fn split<T>(
    mut rows: Vec<T>,
    limit: i64,
    previous: Option<&PageToken>,
    id: impl Fn(&T) -> i64,
) -> Result<Page<T>, ()> {
    let len = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let mut next = None;
    if len > limit {
        let at = py_index(rows.len(), limit).ok_or(())?;
        let page_number = previous.map(|p| p.page_number).filter(|n| *n != 0);
        next = Some(PageToken {
            start_index: id(&rows[at]),
            page_number: page_number.map_or(1, |n| n + 1),
            offset_val: previous.map_or(0, |p| p.offset_val),
        });
    }
    rows.truncate(py_prefix_len(rows.len(), limit));
    Ok(Page { items: rows, next })
}

/// The SQL `LIMIT` Quay's `query.limit(limit + 1)` sends (SQLite reads a negative one as "no
/// limit").
pub fn fetch_limit(limit: i64) -> i64 {
    limit.saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_foreign_ones_are_ignored() {
        let key = token_key(&[7u8; 32]);
        let token = PageToken {
            start_index: 42,
            page_number: 1,
            offset_val: 0,
        };
        let text = encrypt(&key, &token, 1_795_993_826);
        assert!(text.starts_with("gAAAAA"));
        assert!(text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)));
        assert_eq!(decrypt(&key, &text, 1_795_993_826), Some(token));
        assert_eq!(decrypt(&token_key(&[8u8; 32]), &text, 1_795_993_826), None);
        assert_eq!(decrypt(&key, "not a token", 1_795_993_826), None);
    }

    #[test]
    fn pages_like_paginate_query() {
        let ids = |n: i64| (1..=n).collect::<Vec<i64>>();
        let page = split(ids(3), 2, None, |i| *i).unwrap();
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next.unwrap().start_index, 3);
        assert_eq!(page.next.unwrap().page_number, 1);
        let page = split(ids(2), 2, page.next.as_ref(), |i| *i).unwrap();
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next, None);
        // limit=0: an empty page pointing at the same first row, as in Quay.
        let page = split(ids(1), 0, None, |i| *i).unwrap();
        assert!(page.items.is_empty());
        assert_eq!(page.next.unwrap().start_index, 1);
        // Negative limits: Python's negative indexing, IndexError when too short.
        let page = split(ids(5), -2, None, |i| *i).unwrap();
        assert_eq!(page.items, vec![1, 2, 3]);
        assert_eq!(page.next.unwrap().start_index, 4);
        assert!(split(Vec::<i64>::new(), -1, None, |i| *i).is_err());
        assert_eq!(fetch_limit(-1), 0);
        assert_eq!(fetch_limit(-5), -4);
        let second = PageToken {
            start_index: 3,
            page_number: 1,
            offset_val: 0,
        };
        let page = split(ids(4), 2, Some(&second), |i| *i).unwrap();
        assert_eq!(page.next.unwrap().page_number, 2);
    }
}
