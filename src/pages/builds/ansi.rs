//! ANSI escape codes in build output (`docker build` colours its own lines, and so do the tools
//! a Dockerfile runs): the colour and bold codes become styled spans from a fixed list of
//! classes, every other escape sequence is dropped, so the log never prints `[32m`. Nothing from
//! the log ever reaches the page as markup: the text goes into text nodes, and the only thing a
//! code chooses is which of the classes below a span gets.
//!
//! Handled: SGR (`ESC [ … m`) with 0 (reset), 1 (bold), 22 (bold off), 30–37 and 90–97
//! (foreground), 39 (default foreground); the other SGR codes (underline, backgrounds, 256 and
//! true colours, with their arguments) are read and ignored. Other CSI sequences (cursor moves,
//! erasing), OSC sequences (titles, links) and two-character escapes are removed. Each line starts
//! plain: a log entry that forgets its reset does not colour the rest of the log.

const ESC: char = '\u{1b}';

/// Foreground classes: `ansi-30`…`ansi-37`, then `ansi-90`…`ansi-97` (the bright ones). The
/// stylesheet gives each an AA-contrast colour in the light and the dark theme.
const FOREGROUND: [&str; 16] = [
    "ansi-30", "ansi-31", "ansi-32", "ansi-33", "ansi-34", "ansi-35", "ansi-36", "ansi-37",
    "ansi-90", "ansi-91", "ansi-92", "ansi-93", "ansi-94", "ansi-95", "ansi-96", "ansi-97",
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Index into [`FOREGROUND`].
    fg: Option<u8>,
    bold: bool,
}

impl Style {
    /// The span's classes, all from a fixed list; `None` for plain text.
    pub fn classes(self) -> Option<String> {
        let fg = self
            .fg
            .map(|i| FOREGROUND[usize::from(i) % FOREGROUND.len()]);
        match (fg, self.bold) {
            (None, false) => None,
            (None, true) => Some("ansi-bold".to_string()),
            (Some(fg), false) => Some(fg.to_string()),
            (Some(fg), true) => Some(format!("{fg} ansi-bold")),
        }
    }

    /// Applies the parameters of one SGR sequence (`1;32`, empty for a reset).
    fn apply(&mut self, params: &str) {
        let mut codes = params.split(';').map(|p| p.parse::<u16>().unwrap_or(0));
        while let Some(code) = codes.next() {
            match code {
                0 => *self = Style::default(),
                1 => self.bold = true,
                22 => self.bold = false,
                30..=37 => self.fg = Some((code - 30) as u8),
                90..=97 => self.fg = Some((code - 90 + 8) as u8),
                39 => self.fg = None,
                // 256 colours (`38;5;n`) and true colours (`38;2;r;g;b`), also for the
                // background and underline: their arguments are not codes of their own.
                38 | 48 | 58 => {
                    let skip = match codes.next() {
                        Some(5) => 1,
                        Some(2) => 3,
                        _ => 0,
                    };
                    for _ in 0..skip {
                        codes.next();
                    }
                }
                _ => {}
            }
        }
    }
}

/// A run of text in one style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub style: Style,
}

/// Whether `text` has anything to interpret (most lines do not: they stay one text node).
pub fn has_escapes(text: &str) -> bool {
    text.contains(ESC)
}

/// Where the escape sequence starting at `start` (an ESC) ends, and its SGR parameters if it is
/// one. An unfinished sequence runs to the end of its line.
fn escape_at(text: &str, start: usize) -> (usize, Option<&str>) {
    let rest = &text[start + ESC.len_utf8()..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let after = start + ESC.len_utf8();
    match rest.chars().next() {
        // CSI: parameter and intermediate bytes, then one final byte in @..~.
        Some('[') => {
            let body = &rest[1..line_end];
            match body.find(|c: char| ('@'..='~').contains(&c)) {
                Some(i) => {
                    let end = after + 1 + i + 1;
                    let sgr = (body.as_bytes()[i] == b'm').then(|| &body[..i]);
                    (end, sgr)
                }
                None => (after + line_end, None),
            }
        }
        // OSC: up to BEL or ST (`ESC \`).
        Some(']') => {
            let body = &rest[1..line_end];
            let bel = body.find('\u{7}').map(|i| i + 1);
            let st = body.find("\u{1b}\\").map(|i| i + 2);
            let len = match (bel, st) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => body.len(),
            };
            (after + 1 + len, None)
        }
        // A two-character escape; a lone ESC at the end of a line is dropped alone.
        Some(c) if c != '\n' => (after + c.len_utf8(), None),
        _ => (after, None),
    }
}

/// `text` as styled runs without any escape sequence; neighbouring runs of one style are merged,
/// empty ones left out. Each line (after `\n`) starts plain.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    // (start, end, style) of each run in `text`.
    let mut runs: Vec<(usize, usize, Style)> = Vec::new();
    let mut push = |start: usize, end: usize, style: Style| {
        if start == end {
            return;
        }
        match runs.last_mut() {
            // Directly before this one in `text` (no escape removed between): extend.
            Some(last) if last.2 == style && last.1 == start => last.1 = end,
            _ => runs.push((start, end, style)),
        }
    };
    let mut style = Style::default();
    let mut plain_from = 0;
    while let Some(offset) = text[plain_from..].find([ESC, '\n']) {
        let at = plain_from + offset;
        if text[at..].starts_with('\n') {
            push(plain_from, at + 1, style);
            style = Style::default();
            plain_from = at + 1;
            continue;
        }
        push(plain_from, at, style);
        let (end, sgr) = escape_at(text, at);
        if let Some(params) = sgr {
            style.apply(params);
        }
        plain_from = end;
    }
    push(plain_from, text.len(), style);
    runs.into_iter()
        .map(|(start, end, style)| Segment {
            text: &text[start..end],
            style,
        })
        .collect()
}

/// `text` without its escape sequences: for copying into a message.
pub fn plain(text: &str) -> String {
    if !has_escapes(text) {
        return text.to_string();
    }
    segments(text).iter().map(|s| s.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs written out: plain text as it is, styled text as `{classes|text}`; neighbours of
    /// one style joined (the page may draw them as separate text nodes where an escape was
    /// dropped between them).
    fn shown(text: &str) -> String {
        let mut runs: Vec<(String, Option<String>)> = Vec::new();
        for s in segments(text) {
            match runs.last_mut() {
                Some((t, c)) if *c == s.style.classes() => t.push_str(s.text),
                _ => runs.push((s.text.to_string(), s.style.classes())),
            }
        }
        runs.into_iter()
            .map(|(t, c)| match c {
                Some(c) => format!("{{{c}|{t}}}"),
                None => t,
            })
            .collect()
    }

    #[test]
    fn plain_text_is_one_run() {
        assert_eq!(
            segments("Step 1/2 : FROM alpine\nline"),
            [Segment {
                text: "Step 1/2 : FROM alpine\nline",
                style: Style::default()
            }]
        );
        assert_eq!(segments(""), []);
        assert!(!has_escapes("no escapes"));
        // Lines after a coloured one are one run again, not one per line.
        let lines = segments("\u{1b}[32mok\u{1b}[0m\na\nb\nc");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].text, "\na\nb\nc");
    }

    #[test]
    fn colours_bold_and_reset() {
        assert_eq!(
            shown("\u{1b}[32m\u{2714}\u{1b}[0m compiled"),
            "{ansi-32|\u{2714}} compiled"
        );
        assert_eq!(
            shown("\u{1b}[1;31mERROR\u{1b}[22m still red\u{1b}[39m plain"),
            "{ansi-31 ansi-bold|ERROR}{ansi-31| still red} plain"
        );
        assert_eq!(
            shown("\u{1b}[90mdim\u{1b}[97mbright\u{1b}[m"),
            "{ansi-90|dim}{ansi-97|bright}"
        );
        assert_eq!(shown("\u{1b}[1mbold"), "{ansi-bold|bold}");
        // Every colour code maps to its own class.
        for code in (30..=37).chain(90..=97) {
            assert_eq!(
                shown(&format!("\u{1b}[{code}mx")),
                format!("{{ansi-{code}|x}}")
            );
        }
    }

    #[test]
    fn other_codes_are_ignored_with_their_arguments() {
        // Underline, a background, 256 and true colours: no class, and `5`/`2` and the colour
        // numbers are not read as codes (38;5;1 is not bold, 38;2;30;31;32 is not green).
        assert_eq!(shown("\u{1b}[4;41mx"), "x");
        assert_eq!(shown("\u{1b}[38;5;1mx"), "x");
        assert_eq!(shown("\u{1b}[38;2;30;31;32mx"), "x");
        assert_eq!(shown("\u{1b}[48;5;32;1mx"), "{ansi-bold|x}");
        assert_eq!(shown("\u{1b}[99999;32mx"), "{ansi-32|x}");
    }

    #[test]
    fn unknown_escapes_are_dropped() {
        // Erase line and cursor moves (docker's progress bars), an OSC title and hyperlink, a
        // two-character escape, an unfinished sequence, a lone ESC.
        assert_eq!(shown("\u{1b}[2K\u{1b}[1Adone"), "done");
        assert_eq!(shown("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(
            shown("\u{1b}]8;;https://x.example\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(shown("a\u{1b}7b\u{1b}8c"), "abc");
        assert_eq!(shown("a\u{1b}[12;3"), "a");
        assert_eq!(shown("a\u{1b}"), "a");
        // Markup stays text.
        assert_eq!(plain("\u{1b}[31m<b>&</b>\u{1b}[0m"), "<b>&</b>");
        assert_eq!(plain("no escapes"), "no escapes");
    }

    #[test]
    fn each_line_starts_plain() {
        assert_eq!(
            shown("\u{1b}[31mred\nnext \u{1b}[32mgreen\u{1b}[0m\nlast"),
            "{ansi-31|red\n}next {ansi-32|green}\nlast"
        );
        // An unfinished sequence ends with its line; the next line is text again.
        assert_eq!(shown("a\u{1b}[31\nb"), "a\nb");
        // A chunk that continues a log starts with its line break.
        assert_eq!(shown("\n\u{1b}[33mwarn"), "\n{ansi-33|warn}");
    }
}
