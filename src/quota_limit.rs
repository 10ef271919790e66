//! Quota limits as people write them ("500 GiB", "1.5 TiB") and as Quay stores them (a positive
//! whole number of bytes in a signed 64-bit column). Quay's own `limit` strings accept only whole
//! numbers, so the dashboard converts here and always sends `limit_bytes`.
//!
//! What Quay takes (`endpoints/api/namespacequota.py`, `data/model/namespacequota.py`):
//! `limit_bytes` is any integer above 0 that its `BigIntegerField` holds, so up to 2^63 − 1
//! bytes, just under 8 EiB; a larger one fails the database write ("Unsupported quota size
//! limit"). Hence the units go up to EiB and the bound is 8 EiB, exclusive.
//!
//! Refused here although a lenient reader could guess: a number without a unit (a bare "5" is 5
//! bytes to Quay, never what anyone means by a storage limit) and anything with a thousands
//! separator ("1,000 GiB" must not become 1 GiB or 1.000 GiB; the console's languages all
//! write decimals with a point, so a comma is never read as one).

/// Why an input is not a limit; each has a text in the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitError {
    Empty,
    /// Not a number followed by a unit.
    NotANumber,
    /// Digits grouped with `,`, a space, `'` or `_`.
    ThousandsSeparator,
    /// A number alone: a unit is required (`B` for bytes).
    NoUnit,
    UnknownUnit,
    /// Zero or less: Quay refuses it (`Invalid quota size limit value`).
    NotPositive,
    /// 8 EiB or more: more than Quay's 64-bit column holds.
    TooLarge,
}

/// Bytes per unit. Quay's rules: `Ki`…`Ei` and `KiB`…`EiB` are binary, `K`…`E` and `KB`…`EB`
/// decimal, `B` bytes. Matched without regard to case, except that the binary `i` is what
/// tells them apart.
fn unit_bytes(unit: &str) -> Option<u128> {
    let u = unit.to_ascii_lowercase();
    if u == "b" {
        return Some(1);
    }
    let u = u.strip_suffix('b').unwrap_or(&u);
    let (prefix, binary) = match u.strip_suffix('i') {
        Some(p) => (p, true),
        None => (u, false),
    };
    let power = match prefix {
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        "e" => 6,
        _ => return None,
    };
    Some(if binary { 1024u128 } else { 1000 }.pow(power))
}

/// Characters people group digits with: comma, space, no-break and thin spaces, apostrophes,
/// underscore.
fn is_group_separator(c: char) -> bool {
    matches!(
        c,
        ',' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\'' | '\u{2019}' | '_'
    )
}

/// The first `[0-9.]*` of `text` and the rest.
fn split_number(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    text.split_at(end)
}

/// `int.frac` × `per_unit`, rounded to the nearest byte, exactly. Digits past the 18th decimal
/// cannot move the result by a byte in any unit up to EiB, so they are dropped.
fn exact_bytes(int: &str, frac: &str, per_unit: u128) -> Result<u128, LimitError> {
    let int = int.trim_start_matches('0');
    if int.len() > 20 {
        return Err(LimitError::TooLarge);
    }
    let frac = &frac[..frac.len().min(18)];
    let scale = 10u128.pow(frac.len() as u32);
    let digits = |s: &str| s.parse::<u128>().unwrap_or(0);
    let mantissa = digits(int) * scale + digits(frac);
    // Overflow means more than 3.4e20 units of at least a byte after the point: far too large.
    let scaled = mantissa.checked_mul(per_unit).ok_or(LimitError::TooLarge)?;
    Ok((scaled + scale / 2) / scale)
}

/// Reads a limit: a decimal number (`.` as the decimal point) and a unit. Fractions of a byte
/// are rounded to the nearest byte.
pub fn parse_limit(input: &str) -> Result<u64, LimitError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(LimitError::Empty);
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (number, rest) = split_number(unsigned);
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.is_empty() && frac.is_empty() || frac.contains('.') {
        return Err(LimitError::NotANumber);
    }
    // "1,000", "1 000", "1'000", also "1,5": a separator followed by a digit.
    let mut after = rest.chars();
    if after.next().is_some_and(is_group_separator)
        && after.next().is_some_and(|c| c.is_ascii_digit())
    {
        return Err(LimitError::ThousandsSeparator);
    }
    if rest.starts_with(',') {
        return Err(LimitError::ThousandsSeparator);
    }
    let unit = rest.trim();
    if negative || int.bytes().chain(frac.bytes()).all(|b| b == b'0') {
        return Err(LimitError::NotPositive);
    }
    if unit.is_empty() {
        return Err(LimitError::NoUnit);
    }
    let per_unit = unit_bytes(unit).ok_or(LimitError::UnknownUnit)?;
    let bytes = exact_bytes(int, frac, per_unit)?;
    if bytes == 0 {
        return Err(LimitError::NotPositive);
    }
    i64::try_from(bytes)
        .map(|b| b as u64)
        .map_err(|_| LimitError::TooLarge)
}

/// The largest unit of `units` (largest first, `(name, bytes per unit)`) that shows `bytes`
/// exactly with at most three decimals and six digits in all (what a person would type:
/// "10737418.241 KB" is exact but nobody's way to write a limit).
fn exact_in(bytes: u64, units: &[(&str, u128)]) -> Option<String> {
    let thousandths = u128::from(bytes) * 1000;
    units.iter().find_map(|&(unit, size)| {
        if u128::from(bytes) < size || thousandths % size != 0 {
            return None;
        }
        let milli = thousandths / size;
        let whole = (milli / 1000).to_string();
        let frac = format!("{:03}", milli % 1000);
        let frac = frac.trim_end_matches('0');
        if whole.len() + frac.len() > 6 {
            return None;
        }
        Some(if frac.is_empty() {
            format!("{whole} {unit}")
        } else {
            format!("{whole}.{frac} {unit}")
        })
    })
}

/// A limit as people write it: exactly, in binary units (10737418240 → "10 GiB",
/// 1649267441664 → "1.5 TiB") or decimal ones (2000000000 → "2 GB", which in binary units is
/// only "1953125 KiB"), whichever is shorter; binary on a tie. `None` when neither is exact.
fn exact_limit_text(bytes: u64) -> Option<String> {
    const BINARY: [(&str, u128); 6] = [
        ("EiB", 1 << 60),
        ("PiB", 1 << 50),
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
    ];
    const DECIMAL: [(&str, u128); 6] = [
        ("EB", 1_000_000_000_000_000_000),
        ("PB", 1_000_000_000_000_000),
        ("TB", 1_000_000_000_000),
        ("GB", 1_000_000_000),
        ("MB", 1_000_000),
        ("KB", 1_000),
    ];
    match (exact_in(bytes, &BINARY), exact_in(bytes, &DECIMAL)) {
        (Some(b), Some(d)) if d.len() < b.len() => Some(d),
        (Some(b), _) => Some(b),
        (None, d) => d,
    }
}

/// A limit written back for editing: exact (see [`exact_limit_text`]), else plain bytes.
pub fn limit_input_text(bytes: u64) -> String {
    exact_limit_text(bytes).unwrap_or_else(|| format!("{bytes} B"))
}

/// A limit for display: as it was most likely entered ("2 GB" stays "2 GB", not Quay's
/// "1.9 GiB"), else rounded in binary units.
pub fn limit_text(bytes: u64) -> String {
    exact_limit_text(bytes).unwrap_or_else(|| crate::format::format_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1 << 30;
    const TIB: u64 = 1 << 40;

    #[test]
    fn binary_and_decimal_units_as_quay_reads_them() {
        assert_eq!(parse_limit("10 GiB"), Ok(10 * GIB));
        assert_eq!(parse_limit("10GiB"), Ok(10 * GIB));
        assert_eq!(parse_limit("10 Gi"), Ok(10 * GIB));
        assert_eq!(parse_limit("10 gib"), Ok(10 * GIB));
        assert_eq!(parse_limit("10 GB"), Ok(10_000_000_000));
        assert_eq!(parse_limit("10 G"), Ok(10_000_000_000));
        assert_eq!(parse_limit("500 MiB"), Ok(524_288_000));
        assert_eq!(parse_limit("2 PiB"), Ok(2 << 50));
        assert_eq!(parse_limit("1024 B"), Ok(1024));
        assert_eq!(parse_limit("1024b"), Ok(1024));
        assert_eq!(parse_limit(" 1 KiB "), Ok(1024));
        assert_eq!(parse_limit("+1 KiB"), Ok(1024));
        assert_eq!(parse_limit("1000 GiB"), Ok(1000 * GIB));
    }

    #[test]
    fn decimals_are_welcome() {
        assert_eq!(parse_limit("1.5 TiB"), Ok(TIB + TIB / 2));
        assert_eq!(parse_limit(".5 KiB"), Ok(512));
        assert_eq!(parse_limit("0.5 KiB"), Ok(512));
        assert_eq!(parse_limit("1.000 GiB"), Ok(GIB));
        // A fraction of a byte is rounded, half up.
        assert_eq!(parse_limit("0.1 KiB"), Ok(102));
        assert_eq!(parse_limit("0.5 B"), Ok(1));
        // Exactly, however many digits: no float rounding.
        assert_eq!(
            parse_limit("1.000000000000000001 EB"),
            Ok(1_000_000_000_000_000_001)
        );
        assert_eq!(parse_limit("0.333333333333333333 KiB"), Ok(341));
    }

    #[test]
    fn thousands_separators_are_refused_not_misread() {
        // Read leniently, each would be a limit a thousand times too small (or nonsense).
        for typed in [
            "1,000 GiB",
            "1,000",
            "1,000,000 MiB",
            "12,345.5 GiB",
            "1 000 GiB",
            "1\u{a0}000 GiB",
            "1\u{202f}000 GiB",
            "1'000 GiB",
            "1\u{2019}000 GiB",
            "1_000 GiB",
            // A decimal comma, too: the console's languages write decimals with a point.
            "1,5 TiB",
        ] {
            assert_eq!(
                parse_limit(typed),
                Err(LimitError::ThousandsSeparator),
                "{typed}"
            );
        }
        assert_eq!(parse_limit("1, GiB"), Err(LimitError::ThousandsSeparator));
    }

    #[test]
    fn a_unit_is_required() {
        for typed in ["5", "1024", "1.5", "  7 "] {
            assert_eq!(parse_limit(typed), Err(LimitError::NoUnit), "{typed}");
        }
        assert_eq!(parse_limit("5 B"), Ok(5));
    }

    #[test]
    fn exbibytes_up_to_what_quay_stores() {
        // Quay's column is a signed 64-bit integer: 2^63 - 1 bytes is the most it takes.
        assert_eq!(parse_limit("1 EiB"), Ok(1 << 60));
        assert_eq!(parse_limit("7 EiB"), Ok(7 << 60));
        assert_eq!(parse_limit("7.99 EiB"), Ok(9_211_842_821_808_707_338));
        assert_eq!(parse_limit("9223372036854775807 B"), Ok(i64::MAX as u64));
        assert_eq!(
            parse_limit("9223372036854775808 B"),
            Err(LimitError::TooLarge)
        );
        assert_eq!(parse_limit("8 EiB"), Err(LimitError::TooLarge));
        assert_eq!(parse_limit("9.3 EB"), Err(LimitError::TooLarge));
        assert_eq!(parse_limit("1 ZiB"), Err(LimitError::UnknownUnit));
        assert_eq!(
            parse_limit("123456789012345678901234567890 EiB"),
            Err(LimitError::TooLarge)
        );
        assert_eq!(
            parse_limit("99999999999999999999.999999999999999999 EiB"),
            Err(LimitError::TooLarge)
        );
    }

    #[test]
    fn what_quay_refuses_is_refused_before_sending() {
        assert_eq!(parse_limit(""), Err(LimitError::Empty));
        assert_eq!(parse_limit("   "), Err(LimitError::Empty));
        assert_eq!(parse_limit("ten gigs"), Err(LimitError::NotANumber));
        assert_eq!(parse_limit("GiB"), Err(LimitError::NotANumber));
        assert_eq!(parse_limit("."), Err(LimitError::NotANumber));
        assert_eq!(parse_limit("1.2.3 GiB"), Err(LimitError::NotANumber));
        assert_eq!(parse_limit("10 GiBs"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("10 XB"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("10 iB"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("1e30"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("0 GiB"), Err(LimitError::NotPositive));
        assert_eq!(parse_limit("0"), Err(LimitError::NotPositive));
        assert_eq!(parse_limit("-5 GiB"), Err(LimitError::NotPositive));
        assert_eq!(parse_limit("-5"), Err(LimitError::NotPositive));
        assert_eq!(parse_limit("0.4 B"), Err(LimitError::NotPositive));
    }

    #[test]
    fn limits_are_written_back_exactly() {
        assert_eq!(limit_input_text(10 * GIB), "10 GiB");
        assert_eq!(limit_input_text(TIB + TIB / 2), "1.5 TiB");
        assert_eq!(limit_input_text(524_288_000), "500 MiB");
        assert_eq!(limit_input_text(1 << 50), "1 PiB");
        assert_eq!(limit_input_text(1 << 60), "1 EiB");
        assert_eq!(limit_input_text(3 << 59), "1.5 EiB");
        assert_eq!(limit_input_text(2_000_000_000_000_000_000), "2 EB");
        assert_eq!(limit_input_text(1000), "1 KB");
        assert_eq!(limit_input_text(999), "999 B");
        assert_eq!(limit_input_text(10_000_000_000), "10 GB");
        assert_eq!(limit_input_text(2_000_000_000), "2 GB");
        assert_eq!(limit_input_text(1_500_000_000_000), "1.5 TB");
        assert_eq!(limit_input_text(1_024_000), "1000 KiB");
        assert_eq!(limit_input_text(1536), "1.5 KiB");
        assert_eq!(limit_input_text(10 * GIB + 1), "10737418241 B");
        for bytes in [
            1,
            1023,
            10 * GIB,
            3 * TIB + 7,
            524_288_000,
            1 << 62,
            i64::MAX as u64,
            2_000_000_000,
        ] {
            assert_eq!(parse_limit(&limit_input_text(bytes)), Ok(bytes), "{bytes}");
        }
    }

    #[test]
    fn limits_are_shown_as_they_were_entered() {
        for typed in [
            "2 GB", "10 GiB", "1.5 TiB", "500 MB", "750 MiB", "3 TB", "1 EiB", "7 EB",
        ] {
            assert_eq!(limit_text(parse_limit(typed).unwrap()), typed);
        }
        // Not exact in any unit: rounded, in binary units.
        assert_eq!(limit_text(10 * GIB + 1), "10 GiB");
        assert_eq!(limit_text(1_000_001), "976.6 KiB");
    }
}
