//! A build log as chunks: a phase header, or up to [`CHUNK_LINES`] consecutive lines of one kind
//! joined into one text. New entries extend the last chunk or add chunks after it; chunks before
//! the last never change. The page adds what it does not show yet a few chunks per animation
//! frame ([`Log::next_additions`]), so thousands of lines never make one long task, and a poll
//! that brings new lines touches only the end of the log.
//!
//! A phase entry repeating the phase the log is in (Quay appends one for every phase update it
//! accepts, and two updates racing to the same phase both get one) adds no second header: each
//! phase shows once where it began. Copy and download keep every entry, as Quay has them.

use crate::api::builds::LogEntry;

/// Lines in one chunk (one element on the page): small enough that laying out a new chunk, or
/// the last one grown, stays cheap; large enough that 20,000 lines are a few hundred elements.
pub const CHUNK_LINES: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Phase,
    Output,
    Command,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub kind: LineKind,
    /// Its lines joined with `\n`.
    pub text: String,
    pub lines: usize,
}

/// The whole log, as loaded so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    pub chunks: Vec<Chunk>,
    /// Entries read so far: the `start` of the next request.
    pub entries: u64,
    /// Plain text of everything, for copy and download.
    pub text: String,
    /// The phase of the last phase entry.
    pub phase: Option<String>,
    /// The message of the last `error` entry (the builder's reason for a failure).
    pub last_error: Option<String>,
    /// The last entry that is not a phase.
    pub last_line: Option<String>,
}

/// How much of the log the page shows: every chunk before `chunk`, and the first `lines` lines
/// (`bytes` bytes of text) of chunk `chunk`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    chunk: usize,
    lines: usize,
    bytes: usize,
}

/// What the page adds next, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addition<'a> {
    /// A new element for a chunk, with its text so far.
    Chunk { kind: LineKind, text: &'a str },
    /// More lines at the end of the last element (the text starts with a line break).
    More(&'a str),
}

impl Log {
    pub fn append(&mut self, entries: &[LogEntry]) {
        for entry in entries {
            self.entries += 1;
            if !self.text.is_empty() {
                self.text.push('\n');
            }
            let kind = match entry.kind.as_deref() {
                Some("phase") => {
                    self.text.push_str(&format!("== {} ==", entry.message));
                    if self.phase.as_deref() != Some(entry.message.as_str()) {
                        self.phase = Some(entry.message.clone());
                        self.chunks.push(Chunk {
                            kind: LineKind::Phase,
                            text: entry.message.clone(),
                            lines: 1,
                        });
                    }
                    continue;
                }
                Some("command") => LineKind::Command,
                Some("error") => {
                    self.last_error = Some(entry.message.clone());
                    LineKind::Error
                }
                _ => LineKind::Output,
            };
            if !entry.message.trim().is_empty() {
                self.last_line = Some(entry.message.clone());
            }
            self.text.push_str(&entry.message);
            match self.chunks.last_mut() {
                Some(last) if last.kind == kind && last.lines < CHUNK_LINES => {
                    last.text.push('\n');
                    last.text.push_str(&entry.message);
                    last.lines += 1;
                }
                _ => self.chunks.push(Chunk {
                    kind,
                    text: entry.message.clone(),
                    lines: 1,
                }),
            }
        }
    }

    /// What the page does not show yet after `shown`, about `budget` lines of it (whole chunks,
    /// at least one); moves `shown` past them. Empty when the page shows everything.
    pub fn next_additions(&self, shown: &mut Shown, budget: usize) -> Vec<Addition<'_>> {
        let mut additions = Vec::new();
        let mut left = budget;
        while let Some(chunk) = self.chunks.get(shown.chunk) {
            if left == 0 {
                break;
            }
            if shown.lines < chunk.lines {
                let text = &chunk.text[shown.bytes..];
                additions.push(if shown.lines == 0 {
                    Addition::Chunk {
                        kind: chunk.kind,
                        text,
                    }
                } else {
                    Addition::More(text)
                });
                left = left.saturating_sub(chunk.lines - shown.lines);
                shown.lines = chunk.lines;
                shown.bytes = chunk.text.len();
            }
            // Only the last chunk may still grow: stay on it.
            if shown.chunk + 1 == self.chunks.len() {
                break;
            }
            *shown = Shown {
                chunk: shown.chunk + 1,
                ..Shown::default()
            };
        }
        additions
    }

    /// Whether the page shows everything once it shows up to `shown`.
    pub fn all_shown(&self, shown: &Shown) -> bool {
        match self.chunks.len().checked_sub(1) {
            None => true,
            Some(last) => shown.chunk == last && shown.lines == self.chunks[last].lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(message: &str, kind: Option<&str>) -> LogEntry {
        LogEntry {
            message: message.into(),
            kind: kind.map(String::from),
        }
    }

    fn chunk(kind: LineKind, text: &str) -> Chunk {
        Chunk {
            kind,
            text: text.into(),
            lines: text.split('\n').count(),
        }
    }

    #[test]
    fn phases_head_runs_of_lines_and_appends_extend() {
        let mut log = Log::default();
        log.append(&[
            entry("building", Some("phase")),
            entry("Step 1/2 : FROM alpine", Some("command")),
            entry("a", None),
            entry("b", None),
        ]);
        log.append(&[entry("c", None), entry("boom", Some("error"))]);
        assert_eq!(log.entries, 6);
        assert_eq!(
            log.chunks,
            [
                chunk(LineKind::Phase, "building"),
                chunk(LineKind::Command, "Step 1/2 : FROM alpine"),
                chunk(LineKind::Output, "a\nb\nc"),
                chunk(LineKind::Error, "boom"),
            ]
        );
        assert_eq!(
            log.text,
            "== building ==\nStep 1/2 : FROM alpine\na\nb\nc\nboom"
        );
    }

    #[test]
    fn a_repeated_phase_heads_its_lines_once() {
        let mut log = Log::default();
        log.append(&[
            entry("building", Some("phase")),
            entry("a", None),
            entry("building", Some("phase")),
            entry("b", None),
        ]);
        log.append(&[
            entry("building", Some("phase")),
            entry("pushing", Some("phase")),
        ]);
        assert_eq!(
            log.chunks,
            [
                chunk(LineKind::Phase, "building"),
                chunk(LineKind::Output, "a\nb"),
                chunk(LineKind::Phase, "pushing"),
            ]
        );
        // Every entry is still counted, copied and downloaded.
        assert_eq!(log.entries, 6);
        assert_eq!(
            log.text,
            "== building ==\na\n== building ==\nb\n== building ==\n== pushing =="
        );
        // A phase that comes back later (a retried build) is a new header.
        log.append(&[entry("building", Some("phase"))]);
        assert_eq!(log.chunks.len(), 4);
        assert_eq!(log.phase.as_deref(), Some("building"));
    }

    #[test]
    fn the_last_error_and_the_last_line_are_kept() {
        let mut log = Log::default();
        log.append(&[entry("building", Some("phase")), entry("step", None)]);
        assert_eq!(log.last_error, None);
        assert_eq!(log.last_line.as_deref(), Some("step"));
        log.append(&[
            entry("exit code 1", Some("error")),
            entry("  ", None),
            entry("error", Some("phase")),
        ]);
        assert_eq!(log.last_error.as_deref(), Some("exit code 1"));
        assert_eq!(log.last_line.as_deref(), Some("exit code 1"));
    }

    #[test]
    fn thousands_of_lines_are_chunks_of_a_hundred() {
        let mut log = Log::default();
        let lines: Vec<LogEntry> = (0..5050)
            .map(|i| entry(&format!("line {i}"), None))
            .collect();
        log.append(&lines);
        assert_eq!(log.entries, 5050);
        assert_eq!(log.chunks.len(), 51);
        assert!(log.chunks[..50].iter().all(|c| c.lines == CHUNK_LINES));
        assert_eq!(log.chunks[50].lines, 50);
        assert!(log.chunks[50].text.starts_with("line 5000\n"));
        let joined: Vec<&str> = log.chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(joined.join("\n"), log.text);
    }

    #[test]
    fn additions_come_in_budgets_and_follow_the_growing_end() {
        let mut log = Log::default();
        let lines = |from: usize, to: usize| -> Vec<LogEntry> {
            (from..to).map(|i| entry(&i.to_string(), None)).collect()
        };
        log.append(&[entry("building", Some("phase"))]);
        log.append(&lines(0, 250));
        let mut shown = Shown::default();

        // A budget of 150 lines: the header and two chunks (201 lines, whole chunks only).
        let first = log.next_additions(&mut shown, 150);
        assert_eq!(first.len(), 3);
        assert_eq!(
            first[0],
            Addition::Chunk {
                kind: LineKind::Phase,
                text: "building"
            }
        );
        assert!(
            matches!(first[2], Addition::Chunk { kind: LineKind::Output, text } if text.starts_with("100\n"))
        );
        assert!(!log.all_shown(&shown));
        let rest = log.next_additions(&mut shown, 150);
        assert!(
            matches!(rest[..], [Addition::Chunk { text, .. }] if text.starts_with("200\n") && text.ends_with("\n249"))
        );
        assert!(log.all_shown(&shown));
        assert_eq!(log.next_additions(&mut shown, 150), []);

        // New lines: the last chunk's element grows, then new chunks follow.
        log.append(&lines(250, 310));
        let more = log.next_additions(&mut shown, 1000);
        assert_eq!(more.len(), 2);
        assert!(
            matches!(more[0], Addition::More(text) if text.starts_with("\n250\n") && text.ends_with("\n299"))
        );
        assert!(
            matches!(more[1], Addition::Chunk { kind: LineKind::Output, text } if text.starts_with("300\n") && text.ends_with("\n309"))
        );
        log.append(&[entry("pushing", Some("phase"))]);
        assert_eq!(
            log.next_additions(&mut shown, 1000),
            [Addition::Chunk {
                kind: LineKind::Phase,
                text: "pushing"
            }]
        );
        assert!(log.all_shown(&shown));
        assert!(Log::default().all_shown(&Shown::default()));
    }
}
