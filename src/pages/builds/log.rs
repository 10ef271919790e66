//! A build log as blocks: a phase header, or a run of consecutive lines of one kind joined into
//! one text. Thousands of lines become a few dozen DOM nodes, and new lines extend the last block.

use crate::api::builds::LogEntry;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Output,
    Command,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Phase(String),
    Lines {
        kind: LineKind,
        text: String,
        count: usize,
    },
}

/// The whole log, as loaded so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    pub blocks: Vec<Block>,
    /// Entries read so far: the `start` of the next request.
    pub entries: u64,
    /// Plain text of everything, for copy and download.
    pub text: String,
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
                    self.blocks.push(Block::Phase(entry.message.clone()));
                    continue;
                }
                Some("command") => LineKind::Command,
                Some("error") => LineKind::Error,
                _ => LineKind::Output,
            };
            self.text.push_str(&entry.message);
            match self.blocks.last_mut() {
                Some(Block::Lines {
                    kind: k,
                    text,
                    count,
                }) if *k == kind => {
                    text.push('\n');
                    text.push_str(&entry.message);
                    *count += 1;
                }
                _ => self.blocks.push(Block::Lines {
                    kind,
                    text: entry.message.clone(),
                    count: 1,
                }),
            }
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
        assert_eq!(log.blocks.len(), 4);
        assert_eq!(log.blocks[0], Block::Phase("building".into()));
        assert_eq!(
            log.blocks[2],
            Block::Lines {
                kind: LineKind::Output,
                text: "a\nb\nc".into(),
                count: 3
            }
        );
        assert_eq!(
            log.text,
            "== building ==\nStep 1/2 : FROM alpine\na\nb\nc\nboom"
        );
    }

    #[test]
    fn thousands_of_lines_stay_few_blocks() {
        let mut log = Log::default();
        let lines: Vec<LogEntry> = (0..5000)
            .map(|i| entry(&format!("line {i}"), None))
            .collect();
        log.append(&lines);
        assert_eq!(log.blocks.len(), 1);
        assert_eq!(log.entries, 5000);
    }
}
