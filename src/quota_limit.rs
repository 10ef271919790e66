//! Quota limits as people write them ("500 GiB", "1.5 TiB") and as Quay stores them (a positive
//! whole number of bytes in a signed 64-bit column). Quay's own `limit` strings accept only whole
//! numbers, so the dashboard converts here and always sends `limit_bytes`.

/// Why an input is not a limit; each has a text in the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitError {
    Empty,
    /// Not a number followed by an optional unit.
    NotANumber,
    UnknownUnit,
    /// Zero or less: Quay refuses it (`Invalid quota size limit value`).
    NotPositive,
    /// More than Quay's 64-bit column holds.
    TooLarge,
}

const KIB: f64 = 1024.0;

/// Bytes per unit. Quay's rules: `Ki`…`Ei` and `KiB`…`EiB` are binary, `K`…`E` and `KB`…`EB`
/// decimal, no unit or `B` bytes. Matched without regard to case, except that the binary `i`
/// is what tells them apart.
fn unit_bytes(unit: &str) -> Option<f64> {
    let u = unit.to_ascii_lowercase();
    let u = u.strip_suffix('b').unwrap_or(&u);
    let (prefix, binary) = match u.strip_suffix('i') {
        Some(p) => (p, true),
        None => (u, false),
    };
    let power = match prefix {
        "" if !binary => return Some(1.0),
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        "e" => 6,
        _ => return None,
    };
    Some(if binary { KIB } else { 1000.0 }.powi(power))
}

/// Reads a limit: a decimal number (`.` or `,` as the decimal mark) and an optional unit.
/// Fractions of a byte are rounded to the nearest byte.
pub fn parse_limit(input: &str) -> Result<u64, LimitError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(LimitError::Empty);
    }
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number = number.replace(',', ".");
    let value: f64 = number.parse().map_err(|_| LimitError::NotANumber)?;
    if !value.is_finite() {
        return Err(LimitError::NotANumber);
    }
    let per_unit = unit_bytes(unit.trim()).ok_or(LimitError::UnknownUnit)?;
    let bytes = (value * per_unit).round();
    if bytes < 1.0 {
        return Err(LimitError::NotPositive);
    }
    // i64::MAX as f64 rounds up to 2^63, which itself no longer fits: hence `>=`.
    if bytes >= i64::MAX as f64 {
        return Err(LimitError::TooLarge);
    }
    Ok(bytes as u64)
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
    const BINARY: [(&str, u128); 5] = [
        ("PiB", 1 << 50),
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
    ];
    const DECIMAL: [(&str, u128); 5] = [
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
        assert_eq!(parse_limit("1024"), Ok(1024));
        assert_eq!(parse_limit("1024 B"), Ok(1024));
        assert_eq!(parse_limit(" 1 KiB "), Ok(1024));
    }

    #[test]
    fn decimals_are_welcome() {
        assert_eq!(parse_limit("1.5 TiB"), Ok(TIB + TIB / 2));
        assert_eq!(parse_limit("1,5 TiB"), Ok(TIB + TIB / 2));
        assert_eq!(parse_limit("0.5 KiB"), Ok(512));
        // A fraction of a byte is rounded.
        assert_eq!(parse_limit("0.1 KiB"), Ok(102));
    }

    #[test]
    fn what_quay_refuses_is_refused_before_sending() {
        assert_eq!(parse_limit(""), Err(LimitError::Empty));
        assert_eq!(parse_limit("   "), Err(LimitError::Empty));
        assert_eq!(parse_limit("ten gigs"), Err(LimitError::NotANumber));
        assert_eq!(parse_limit("1.2.3 GiB"), Err(LimitError::NotANumber));
        assert_eq!(parse_limit("10 GiBs"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("10 XB"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("10 iB"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("0 GiB"), Err(LimitError::NotPositive));
        assert_eq!(parse_limit("-5"), Err(LimitError::NotPositive));
        assert_eq!(parse_limit("0.4"), Err(LimitError::NotPositive));
        assert_eq!(parse_limit("8 EiB"), Err(LimitError::TooLarge));
        assert_eq!(parse_limit("1e30"), Err(LimitError::UnknownUnit));
        assert_eq!(parse_limit("7 EiB"), Ok(7 << 60));
    }

    #[test]
    fn limits_are_written_back_exactly() {
        assert_eq!(limit_input_text(10 * GIB), "10 GiB");
        assert_eq!(limit_input_text(TIB + TIB / 2), "1.5 TiB");
        assert_eq!(limit_input_text(524_288_000), "500 MiB");
        assert_eq!(limit_input_text(1 << 50), "1 PiB");
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
            2_000_000_000,
        ] {
            assert_eq!(parse_limit(&limit_input_text(bytes)), Ok(bytes), "{bytes}");
        }
    }

    #[test]
    fn limits_are_shown_as_they_were_entered() {
        for typed in ["2 GB", "10 GiB", "1.5 TiB", "500 MB", "750 MiB", "3 TB"] {
            assert_eq!(limit_text(parse_limit(typed).unwrap()), typed);
        }
        // Not exact in any unit: rounded, in binary units.
        assert_eq!(limit_text(10 * GIB + 1), "10 GiB");
        assert_eq!(limit_text(1_000_001), "976.6 KiB");
    }
}
