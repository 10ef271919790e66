//! Where the next page of a range's entries starts: Quay's `next_page` token, together with the
//! days the first page was asked for. Quay wants the same window with every token, and a preset
//! ("last 7 days") must not slide to other days mid-walk when midnight passes.

use super::range::Resolved;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub range: Resolved,
    /// Quay's opaque token.
    pub token: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let cutoff = self
            .range
            .cutoff_ms
            .map(|c| c.to_string())
            .unwrap_or_default();
        format!(
            "{}|{}|{cutoff}|{}",
            self.range.first_day, self.range.last_day, self.token
        )
    }

    pub fn decode(text: &str) -> Option<Self> {
        let mut parts = text.splitn(4, '|');
        let first_day = parts.next()?.parse().ok()?;
        let last_day = parts.next()?.parse().ok()?;
        let cutoff = parts.next()?;
        let cutoff_ms = if cutoff.is_empty() {
            None
        } else {
            Some(cutoff.parse().ok()?)
        };
        Some(Cursor {
            range: Resolved {
                first_day,
                last_day,
                cutoff_ms,
            },
            token: parts.next()?.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for cutoff_ms in [None, Some(1_795_000_000_000)] {
            let c = Cursor {
                range: Resolved {
                    first_day: 20_000,
                    last_day: 20_006,
                    cutoff_ms,
                },
                token: "gAAAAAB|odd=token".into(),
            };
            assert_eq!(Cursor::decode(&c.encode()), Some(c));
        }
        assert_eq!(Cursor::decode("garbage"), None);
    }
}
