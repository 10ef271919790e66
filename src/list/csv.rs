//! CSV export (RFC 4180). Cells are API data, so they are also defused for spreadsheets: a cell
//! that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`.

/// One CSV document: a header line and the rows, CRLF line ends, a UTF-8 BOM so spreadsheet
/// programs read non-ASCII names correctly.
pub fn to_csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    csv_header(header) + &csv_lines(rows)
}

/// The start of a CSV document written in pieces: the BOM and the header line.
pub fn csv_header(header: &[&str]) -> String {
    let mut out = String::from("\u{feff}");
    push_line(&mut out, header.iter().map(|h| h.to_string()));
    out
}

/// Lines of a CSV document written in pieces.
pub fn csv_lines(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    for row in rows {
        push_line(&mut out, row.into_iter());
    }
    out
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    let line: Vec<String> = cells.map(|c| quote(&defuse(&c))).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_defusing() {
        let csv = to_csv(
            &["name", "email"],
            vec![
                vec!["alice".into(), "a@example.com".into()],
                vec!["b,\"c\"".into(), "line\nbreak".into()],
                vec!["=HYPERLINK(\"x\")".into(), "-1".into()],
                vec!["<img src=x onerror=alert(1)>".into(), "日本".into()],
            ],
        );
        assert_eq!(
            csv,
            "\u{feff}name,email\r\n\
             alice,a@example.com\r\n\
             \"b,\"\"c\"\"\",\"line\nbreak\"\r\n\
             \"'=HYPERLINK(\"\"x\"\")\",'-1\r\n\
             <img src=x onerror=alert(1)>,日本\r\n"
        );
    }

    #[test]
    fn empty_list_has_header() {
        assert_eq!(to_csv(&["a"], Vec::new()), "\u{feff}a\r\n");
    }
}
