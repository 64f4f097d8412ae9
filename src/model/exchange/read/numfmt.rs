//! Excel number formats applied to a cell's stored value, so a grid shows a number as the sheet
//! displays it ("129.25%" for 1.2925 under `0.00%`, "790.77" under General, "1,234.50" under
//! `#,##0.00`), computed with `Decimal`, never a float.
//!
//! Guarantees: General shows the value rounded to 15 significant digits without trailing zeros
//! (so a stored float artefact "1.2925000000000001" shows as "1.2925"); fixed-decimal, thousands
//! and percent formats round 四舍五入 (`num::round_half_up`); date and time formats show
//! `yyyy-mm-dd`, `hh:mm:ss` or `yyyy-mm-dd hh:mm` (ISO, whatever the format's own order);
//! literal text, quoted strings and currency symbols of the format are kept around the number;
//! colours, conditions, padding (`_x`) and fills (`*x`) are dropped. A value that is not a decimal number in
//! range shows as stored. Scientific and fraction formats fall back to General.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::model::num::round_half_up;

/// The format code of a built-in number format id (ECMA-376 18.8.30, with the Chinese locale's
/// date ids 27–36 and 50–58), `None` for General or an unknown id.
pub fn builtin(id: usize) -> Option<&'static str> {
    Some(match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 | 37 => "#,##0;-#,##0",
        6 | 38 => "#,##0;[Red]-#,##0",
        7 | 39 => "#,##0.00;-#,##0.00",
        8 | 40 => "#,##0.00;[Red]-#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 | 48 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 | 15 | 16 | 17 | 27..=31 | 34..=36 | 50..=58 => "yyyy-mm-dd",
        18..=21 | 32 | 33 | 45..=47 => "hh:mm:ss",
        22 => "yyyy-mm-dd hh:mm",
        49 => "@",
        _ => return None,
    })
}

/// `value` (the stored `<v>` text of a number cell) shown under format `code` (`None` = General).
/// `date1904` says the workbook counts dates from 1904.
pub fn show(value: &str, code: Option<&str>, date1904: bool) -> String {
    let raw = value.trim();
    let Some(number) = parse(raw) else {
        return raw.to_string();
    };
    let Some(code) = code else {
        return general(number);
    };
    let sections = split_sections(code);
    let (section, number) = match (sections.len(), number.is_sign_negative() && !number.is_zero()) {
        (n, true) if n >= 2 => (sections[1].as_str(), -number),
        (n, false) if n >= 3 && number.is_zero() => (sections[2].as_str(), number),
        _ => (sections.first().map(String::as_str).unwrap_or(""), number),
    };
    let section = strip_brackets(section);
    let lower = section.to_lowercase();
    if lower.trim().is_empty() || lower.trim() == "general" || lower.trim() == "@" {
        return general(number);
    }
    if is_date(&section) {
        return date_time(number, &lower, date1904).unwrap_or_else(|| general(number));
    }
    if lower.contains("e+") || lower.contains("e-") || section.contains('/') {
        return general(number);
    }
    numeric(number, &section)
}

/// General: up to 15 significant digits, no trailing zeros.
pub fn general(number: Decimal) -> String {
    let digits_before_point = {
        let whole = number.abs().trunc();
        if whole.is_zero() {
            0
        } else {
            whole.to_string().len() as i64
        }
    };
    let dp = (15 - digits_before_point).clamp(0, 28) as u32;
    let rounded = if digits_before_point == 0 {
        // 0.000123456…: count significant digits after the leading zeros.
        let mut leading = 0u32;
        let mut probe = number.abs();
        while !probe.is_zero() && probe < Decimal::ONE && leading < 28 {
            probe *= Decimal::TEN;
            leading += 1;
        }
        round_half_up(number, (leading.saturating_sub(1) + 15).min(28))
    } else {
        round_half_up(number, dp)
    };
    rounded.normalize().to_string()
}

fn parse(raw: &str) -> Option<Decimal> {
    if raw.is_empty() {
        return None;
    }
    if raw.contains(['e', 'E']) {
        Decimal::from_scientific(raw).ok()
    } else {
        raw.parse().ok()
    }
}

/// The `;`-separated sections of a format code, quotes and escapes respected.
fn split_sections(code: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let current = sections.last_mut();
        match (c, quoted) {
            ('"', _) => {
                quoted = !quoted;
                if let Some(s) = current {
                    s.push(c);
                }
            }
            ('\\', false) => {
                if let (Some(s), Some(next)) = (current, chars.next()) {
                    s.push('\\');
                    s.push(next);
                }
            }
            (';', false) => sections.push(String::new()),
            _ => {
                if let Some(s) = current {
                    s.push(c);
                }
            }
        }
    }
    sections
}

/// Drops `[Red]`, `[>=100]`, `[$-804]` and keeps the symbol of `[$¥-804]` as literal text.
fn strip_brackets(section: &str) -> String {
    let mut out = String::new();
    let mut rest = section;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            rest = "";
            break;
        };
        let inside = &after[..close];
        if let Some(currency) = inside.strip_prefix('$') {
            let symbol = currency.split('-').next().unwrap_or("");
            if !symbol.is_empty() {
                out.push('"');
                out.push_str(symbol);
                out.push('"');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a section formats dates or times: y, m, d, h or s outside quotes, and no digit
/// placeholders.
fn is_date(section: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    let mut date = false;
    for c in section.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => escaped = true,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' if !quoted => date = true,
            '0' | '#' | '?' if !quoted => return false,
            _ => {}
        }
    }
    date
}

/// A serial date-time in ISO form: date, time or both as the format asks.
fn date_time(serial: Decimal, lower: &str, date1904: bool) -> Option<String> {
    if serial.is_sign_negative() || serial > Decimal::from(2_958_465) {
        return None;
    }
    let has_date = lower.contains('y') || lower.contains('d') || (lower.contains('m') && !lower.contains('h'));
    let has_time = lower.contains('h') || lower.contains('s');
    let days = serial.trunc().to_i64()?;
    let seconds = round_half_up((serial - serial.trunc()) * Decimal::from(86_400), 0).to_i64()?.min(86_399);
    // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was.
    let epoch_offset = if date1904 { 24_107 } else if days >= 60 { 25_569 } else { 25_568 };
    let (y, m, d) = civil(days - epoch_offset);
    let date = format!("{y:04}-{m:02}-{d:02}");
    let time = format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
    Some(match (has_date, has_time) {
        (true, true) => format!("{date} {}", &time[..5]),
        (false, true) => time,
        _ => date,
    })
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A digit-placeholder format: literal prefix, the number, literal suffix.
fn numeric(number: Decimal, section: &str) -> String {
    let mut prefix = String::new();
    let mut suffix = String::new();
    let mut int_zeros = 0usize;
    let mut decimals = 0usize;
    let mut grouping = false;
    let mut percent = 0u32;
    let mut seen_digit = false;
    let mut after_point = false;
    let mut chars = section.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let literal = |s: &mut String, prefix: &mut String, seen: bool, ch: char| {
            if seen {
                s.push(ch)
            } else {
                prefix.push(ch)
            }
        };
        if quoted {
            if c == '"' {
                quoted = false;
            } else {
                literal(&mut suffix, &mut prefix, seen_digit, c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '\\' | '!' => {
                if let Some(next) = chars.next() {
                    literal(&mut suffix, &mut prefix, seen_digit, next);
                }
            }
            // Padding to the width of the next character: alignment, not text.
            '_' => {
                chars.next();
            }
            '*' => {
                chars.next();
            }
            '0' | '#' | '?' => {
                seen_digit = true;
                if after_point {
                    decimals += 1;
                } else if c == '0' {
                    int_zeros += 1;
                }
            }
            '.' if !after_point => {
                after_point = true;
                seen_digit = true;
            }
            ',' if seen_digit && !after_point => grouping = true,
            '%' => {
                percent += 1;
                literal(&mut suffix, &mut prefix, seen_digit, '%');
            }
            _ => literal(&mut suffix, &mut prefix, seen_digit, c),
        }
    }
    let mut scaled = number;
    for _ in 0..percent {
        scaled = scaled.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(scaled);
    }
    let mut rounded = round_half_up(scaled, decimals.min(28) as u32);
    rounded.rescale(decimals.min(28) as u32);
    let text = rounded.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut int_part = if int_part == "0" && int_zeros == 0 { String::new() } else { int_part };
    while int_part.len() < int_zeros {
        int_part.insert(0, '0');
    }
    if grouping {
        int_part = crate::model::num::group_thousands(&int_part);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() { "-" } else { "" };
    let body = match frac_part {
        Some(f) => format!("{int_part}.{f}"),
        None => int_part,
    };
    format!("{sign}{prefix}{body}{suffix}")
}


#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn values_show_as_excel_displays_them() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("1", Some("0%"), "100%"),
            ("1.2925", Some("0.00%"), "129.25%"),
            ("1.2925000000000001", None, "1.2925"),
            ("0.30000000000000004", None, "0.3"),
            ("790.77", None, "790.77"),
            ("12", Some("General"), "12"),
            ("1E-3", None, "0.001"),
            ("0.000123456789012345678", None, "0.000123456789012346"),
            ("123456789012345678", None, "123456789012345678"),
            ("1234.5", Some("#,##0.00"), "1,234.50"),
            ("2.675", Some("0.00"), "2.68"),
            ("14.82", Some("0"), "15"),
            ("-1234.565", Some("#,##0.00;[Red]\\-#,##0.00"), "-1,234.57"),
            ("-3", Some("0.00"), "-3.00"),
            ("0", Some("0.00;-0.00;\"-\""), "-"),
            ("12.345", Some("0.0\"万元\""), "12.3万元"),
            ("1234", Some("[$¥-804]#,##0"), "¥1,234"),
            ("0.5", Some("#.00"), ".50"),
            ("12.3", Some("0.00_ "), "12.30"),
            ("-1234.5", Some("#,##0.00_);[Red]\\(#,##0.00\\)"), "(1,234.50)"),
            ("1.5", Some("0.00\"%\""), "1.50%"),
            ("7", Some("000"), "007"),
            ("1.5", Some("0.00E+00"), "1.5"),
            ("5", Some("@"), "5"),
            ("45657", Some("yyyy-mm-dd"), "2024-12-31"),
            ("45657", Some("yyyy\"年\"m\"月\"d\"日\""), "2024-12-31"),
            ("45657.5", Some("yyyy/m/d h:mm"), "2024-12-31 12:00"),
            ("0.5", Some("h:mm:ss"), "12:00:00"),
            ("59", Some("yyyy-mm-dd"), "1900-02-28"),
            ("61", Some("yyyy-mm-dd"), "1900-03-01"),
            ("abc", Some("0.00"), "abc"),
            ("", Some("0.00"), ""),
        ];
        for (value, code, shown) in cases {
            assert_eq!(show(value, *code, false), *shown, "{value} under {code:?}");
        }
        assert_eq!(show("0", Some("yyyy-mm-dd"), true), "1904-01-01");
    }
}
