//! Number formats of an Excel 97–2003 sheet: turns a cell's number and its format code
//! (General, `0`, `0.00`, `#,##0.00`, `0%`, `0.00%`, `0.00E+00`, dates such as
//! `yyyy"年"m"月"d"日"`) into the text the sheet displays.
//!
//! Guarantees: the value is rounded 四舍五入 (`num::round_half_up`) to the format's decimals,
//! never through a float; any format code, however odd, gives some text and never panics
//! (parts this module does not understand are left out, the number is still shown).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::number::Number;
use crate::model::num;

/// Format codes Excel does not write into the file (built-in ids, Chinese locale).
pub fn builtin(id: u16) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "¥#,##0;¥-#,##0",
        6 => "¥#,##0;[Red]¥-#,##0",
        7 => "¥#,##0.00;¥-#,##0.00",
        8 => "¥#,##0.00;[Red]¥-#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        27 | 36 | 50 | 57 => "yyyy\"年\"m\"月\"",
        28 | 29 | 51 | 54 | 56 | 58 => "m\"月\"d\"日\"",
        30 => "m-d-yy",
        31 | 52 | 53 | 55 => "yyyy\"年\"m\"月\"d\"日\"",
        32 => "h\"时\"mm\"分\"",
        33 => "h\"时\"mm\"分\"ss\"秒\"",
        34 => "上午/下午h\"时\"mm\"分\"",
        35 => "上午/下午h\"时\"mm\"分\"ss\"秒\"",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        // Accounting formats (Chinese locale): padding and fill show nothing, zero shows "-".
        41 => "_ * #,##0_ ;_ * \\-#,##0_ ;_ * \"-\"_ ;_ @_ ",
        42 => "_ ¥* #,##0_ ;_ ¥* \\-#,##0_ ;_ ¥* \"-\"_ ;_ @_ ",
        43 => "_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * \"-\"??_ ;_ @_ ",
        44 => "_ ¥* #,##0.00_ ;_ ¥* \\-#,##0.00_ ;_ ¥* \"-\"??_ ;_ @_ ",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// The text a cell holding `value` shows under `code` (`date1904`: the workbook counts dates
/// from 1904).
pub fn display(value: &Number, code: &str, date1904: bool) -> String {
    let sections = split_sections(code);
    let negative = value.negative && !value.is_zero();
    // With a second section, negative numbers use it and carry no automatic minus sign.
    let (section, signed) = match (sections.len(), negative, value.is_zero()) {
        (n, true, _) if n >= 2 => (sections[1].as_str(), false),
        (n, false, true) if n >= 3 => (sections[2].as_str(), false),
        _ => (sections.first().map_or("General", |s| s.as_str()), negative),
    };
    let tokens = tokenize(section);
    let has = |f: fn(&Token) -> bool| tokens.iter().any(f);
    if has(|t| matches!(t, Token::Date(_))) {
        return date_text(value, &tokens, date1904).unwrap_or_else(|| general(value));
    }
    let mut absolute = value.clone();
    absolute.negative = false;
    let minus = if signed { "-" } else { "" };
    let is_general = has(|t| matches!(t, Token::General)) || section.trim().is_empty() && sections.len() == 1;
    if !is_general && !has(|t| matches!(t, Token::Digit(_))) {
        if has(|t| matches!(t, Token::Text)) {
            // A text section ("@"): numbers show as General.
            return format!("{minus}{}", general(&absolute));
        }
        // Only literal text ("-" for zero), or nothing at all (";;;" hides values).
        return literals(&tokens).0;
    }
    let body = if is_general { general(&absolute) } else { numeric(&absolute, &tokens) };
    let (prefix, suffix) = literals(&tokens);
    let shows_zero = body.chars().all(|c| matches!(c, '0' | '.' | ',' | ' '));
    let minus = if shows_zero { "" } else { minus };
    format!("{minus}{prefix}{body}{suffix}")
}

/// The General format: the value with its (at most 15) significant digits, scientific
/// notation beyond what a cell shows plainly.
pub fn general(value: &Number) -> String {
    let magnitude = value.magnitude();
    if value.is_zero() {
        return "0".to_string();
    }
    if (-9..15).contains(&magnitude) {
        if let Some(d) = value.to_decimal() {
            return num::plain(d);
        }
    }
    scientific(value, value.digits.len().saturating_sub(1).min(14), false)
}

/// `d.ddddE+xx` with `decimals` digits after the point (`pad`: keep trailing zeros).
fn scientific(value: &Number, decimals: usize, pad: bool) -> String {
    if value.is_zero() {
        return format!("{}E+00", fixed_digits(&Number::zero(), decimals, pad));
    }
    let mut exponent = value.magnitude();
    let mut mantissa =
        Number { negative: false, digits: value.digits.clone(), exp10: -(value.digits.len() as i32 - 1) };
    let mut text = fixed_digits(&mantissa, decimals, pad);
    if text.starts_with("10") {
        // Rounding carried into a new digit (9.99 → 10.0): renormalize.
        exponent += 1;
        mantissa.exp10 -= 1;
        text = fixed_digits(&mantissa, decimals, pad);
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    let minus = if value.negative { "-" } else { "" };
    format!("{minus}{text}E{sign}{:02}", exponent.unsigned_abs())
}

/// `value` (non-negative, |x| < 10^28 or scientific) rounded half-up to `decimals` places.
fn fixed_digits(value: &Number, decimals: usize, pad: bool) -> String {
    let Some(d) = value.to_decimal() else { return general(value) };
    let rounded = num::round_half_up(d, decimals as u32);
    if pad {
        num::fixed(rounded, decimals as u32)
    } else {
        num::plain(rounded)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A digit placeholder: `0`, `#` or `?`.
    Digit(char),
    Point,
    Comma,
    Percent,
    /// `E+`/`E-` (scientific).
    Exponent,
    /// A date/time code: `yyyy`, `m`, `dd`, `h`, `ss`, `AM/PM`, `aaaa`, `[h]`.
    Date(String),
    /// `General`.
    General,
    /// `@`.
    Text,
    Literal(String),
}

/// Splits a format code into its `;`-separated sections, respecting quotes and escapes.
fn split_sections(code: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let current = sections.last_mut();
        let Some(current) = current else { break };
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            '\\' if !quoted => {
                current.push(c);
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ';' if !quoted => sections.push(String::new()),
            _ => current.push(c),
        }
    }
    sections
}

fn tokenize(section: &str) -> Vec<Token> {
    let chars: Vec<char> = section.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().take(7).collect::<String>().to_ascii_lowercase();
        match c {
            '"' => {
                let end = chars[i + 1..].iter().position(|c| *c == '"').map_or(chars.len(), |p| i + 1 + p);
                tokens.push(Token::Literal(chars[i + 1..end].iter().collect()));
                i = end + 1;
            }
            '\\' => {
                if let Some(next) = chars.get(i + 1) {
                    tokens.push(Token::Literal(next.to_string()));
                }
                i += 2;
            }
            '_' | '*' => i += 2, // padding and fill characters: no text of their own
            '[' => {
                let end = chars[i..].iter().position(|c| *c == ']').map_or(chars.len(), |p| i + p);
                let inner: String = chars[i + 1..end.min(chars.len())].iter().collect::<String>().to_ascii_lowercase();
                if !inner.is_empty() && inner.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    tokens.push(Token::Date(format!("[{inner}]")));
                } else if let Some(currency) = inner.strip_prefix('$') {
                    // A currency with its locale ([$¥-804]) shows the symbol; [$-804] nothing.
                    let original: String = chars[i + 2..end.min(chars.len())].iter().collect();
                    let symbol = original.split('-').next().unwrap_or("");
                    if !currency.is_empty() && !symbol.is_empty() {
                        tokens.push(Token::Literal(symbol.to_string()));
                    }
                }
                // Colours, conditions and other codes ([Red], [>100], [DBNum1]) show nothing.
                i = end + 1;
            }
            '0' | '#' | '?' => {
                tokens.push(Token::Digit(c));
                i += 1;
            }
            '.' => {
                tokens.push(Token::Point);
                i += 1;
            }
            ',' => {
                tokens.push(Token::Comma);
                i += 1;
            }
            '%' => {
                tokens.push(Token::Percent);
                i += 1;
            }
            '@' => {
                tokens.push(Token::Text);
                i += 1;
            }
            'E' | 'e' if matches!(chars.get(i + 1), Some('+') | Some('-')) => {
                tokens.push(Token::Exponent);
                i += 2;
            }
            _ if rest.starts_with("general") => {
                tokens.push(Token::General);
                i += 7;
            }
            _ if rest.starts_with("am/pm") => {
                tokens.push(Token::Date("am/pm".into()));
                i += 5;
            }
            _ if rest.starts_with("上午/下午") => {
                tokens.push(Token::Date("上午/下午".into()));
                i += 5;
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'a' | 'A' => {
                let lower = c.to_ascii_lowercase();
                let run = chars[i..].iter().take_while(|x| x.to_ascii_lowercase() == lower).count();
                if lower == 'a' && run < 3 {
                    tokens.push(Token::Literal(chars[i..i + run].iter().collect()));
                } else {
                    tokens.push(Token::Date(std::iter::repeat_n(lower, run).collect()));
                }
                i += run;
            }
            _ => {
                tokens.push(Token::Literal(c.to_string()));
                i += 1;
            }
        }
    }
    tokens
}

/// The literal text before the first and after the last placeholder.
fn literals(tokens: &[Token]) -> (String, String) {
    let first = tokens.iter().position(|t| matches!(t, Token::Digit(_) | Token::General | Token::Point));
    let last = tokens.iter().rposition(|t| matches!(t, Token::Digit(_) | Token::General | Token::Point));
    let text = |slice: &[Token]| -> String {
        slice
            .iter()
            .map(|t| match t {
                Token::Literal(s) => s.as_str(),
                Token::Percent => "%",
                _ => "",
            })
            .collect()
    };
    match (first, last) {
        (Some(f), Some(l)) => (text(&tokens[..f]), text(&tokens[l + 1..])),
        _ => (text(tokens), String::new()),
    }
}

/// The number part of a numeric section: percent scaling, thousands scaling and grouping,
/// minimum integer digits, decimals (`0` kept, `#` dropped when zero), scientific notation.
fn numeric(value: &Number, tokens: &[Token]) -> String {
    let percents = tokens.iter().filter(|t| matches!(t, Token::Percent)).count() as i32;
    let point = tokens.iter().position(|t| matches!(t, Token::Point));
    let exponent = tokens.iter().position(|t| matches!(t, Token::Exponent));
    let mantissa_end = exponent.unwrap_or(tokens.len());
    let integer_end = point.unwrap_or(mantissa_end);
    let integer = &tokens[..integer_end];
    let fraction = point.map_or(&tokens[0..0], |p| &tokens[p + 1..mantissa_end]);
    let decimals = fraction.iter().filter(|t| matches!(t, Token::Digit(_))).count();
    // Decimals always shown ("0"), and shown or padded with a space ("?").
    let required = fraction.iter().take_while(|t| matches!(t, Token::Digit('0'))).count();
    let padded = fraction.iter().take_while(|t| matches!(t, Token::Digit('0') | Token::Digit('?'))).count();
    let min_integer = integer.iter().filter(|t| matches!(t, Token::Digit('0'))).count();
    let last_digit = integer.iter().rposition(|t| matches!(t, Token::Digit(_)));
    let first_digit = integer.iter().position(|t| matches!(t, Token::Digit(_)));
    let grouping = match (first_digit, last_digit) {
        (Some(f), Some(l)) => integer[f..l].iter().any(|t| matches!(t, Token::Comma)),
        _ => false,
    };
    // Commas right after the last integer placeholder (and no point) divide by 1000 each.
    let thousands = match (last_digit, point) {
        (Some(l), None) => integer[l + 1..].iter().take_while(|t| matches!(t, Token::Comma)).count() as i32,
        _ => 0,
    };
    let scaled = value.clone().shifted(3 * thousands - 2 * percents);
    if exponent.is_some() {
        return scientific(&scaled, decimals, true);
    }
    let Some(d) = scaled.to_decimal() else { return general(&scaled) };
    let rounded = num::fixed(d, decimals as u32);
    let (int_part, frac_part) = rounded.split_once('.').unwrap_or((rounded.as_str(), ""));
    let mut frac: String = frac_part.to_string();
    while frac.len() > required && frac.ends_with('0') {
        frac.pop();
    }
    while frac.len() < padded {
        frac.push(' ');
    }
    let mut int_text = int_part.trim_start_matches('0').to_string();
    while int_text.len() < min_integer {
        int_text.insert(0, '0');
    }
    if grouping {
        int_text = num::group_thousands(&int_text);
    } else if let (Some(first), Some(last)) = (first_digit, last_digit) {
        if integer[first..=last].iter().any(|t| matches!(t, Token::Literal(_))) {
            int_text = interleave(int_part.trim_start_matches('0'), &integer[first..=last]);
        }
    }
    if point.is_some() && (decimals > 0 || fraction.is_empty()) {
        if frac.is_empty() && padded == 0 && decimals > 0 {
            format!("{int_text}.")
        } else {
            format!("{int_text}.{frac}")
        }
    } else {
        int_text
    }
}

/// The integer digits placed into placeholders with literals between them ("000-0000",
/// "0000-00-00"), right to left as Excel does; the leftmost placeholder takes any extra digits.
fn interleave(digits: &str, tokens: &[Token]) -> String {
    let mut digits: Vec<char> = digits.chars().collect();
    let placeholders = tokens.iter().filter(|t| matches!(t, Token::Digit(_))).count();
    let mut seen = 0;
    let mut reversed: Vec<char> = Vec::new();
    for token in tokens.iter().rev() {
        match token {
            Token::Digit(kind) => {
                seen += 1;
                let before = reversed.len();
                if seen == placeholders {
                    while let Some(d) = digits.pop() {
                        reversed.push(d);
                    }
                } else if let Some(d) = digits.pop() {
                    reversed.push(d);
                }
                if reversed.len() == before {
                    match kind {
                        '0' => reversed.push('0'),
                        '?' => reversed.push(' '),
                        _ => {}
                    }
                }
            }
            Token::Literal(text) => reversed.extend(text.chars().rev()),
            _ => {}
        }
    }
    reversed.iter().rev().collect()
}


/// A date/time serial shown with date tokens; `None` when out of Excel's date range.
fn date_text(value: &Number, tokens: &[Token], date1904: bool) -> Option<String> {
    if value.negative {
        return None;
    }
    let serial = value.to_decimal()?;
    let day_number = serial.trunc().to_i64()?;
    if day_number > 2_958_465 {
        return None; // past 9999-12-31
    }
    let seconds_of_day =
        num::round_half_up((serial - serial.trunc()).checked_mul(Decimal::from(86_400))?, 0).to_i64()?;
    let (day_number, seconds) =
        if seconds_of_day >= 86_400 { (day_number + 1, 0) } else { (day_number, seconds_of_day) };
    let (year, month, day) = civil_date(day_number, date1904);
    let weekday = (day_number + if date1904 { 5 } else { 6 }).rem_euclid(7); // 0 = Sunday
    let (hour, minute, second) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let twelve_hour = tokens.iter().any(|t| matches!(t, Token::Date(s) if s == "am/pm" || s == "上午/下午"));
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Literal(s) => out.push_str(s),
            Token::Digit(c) => out.push(*c),
            Token::Point => out.push('.'),
            Token::Comma => out.push(','),
            Token::Percent => out.push('%'),
            Token::Date(code) => {
                let minutes = code.starts_with('m') && code.len() <= 2 && is_minute(tokens, i);
                let h = if twelve_hour { (hour + 11) % 12 + 1 } else { hour };
                let text = match code.as_str() {
                    "yy" => format!("{:02}", year % 100),
                    c if c.starts_with('y') => format!("{year}"),
                    "m" if minutes => minute.to_string(),
                    "mm" if minutes => format!("{minute:02}"),
                    "m" => month.to_string(),
                    "mm" => format!("{month:02}"),
                    "mmm" => MONTHS[(month - 1) as usize % 12][..3].to_string(),
                    c if c.starts_with('m') => MONTHS[(month - 1) as usize % 12].to_string(),
                    "d" => day.to_string(),
                    "dd" => format!("{day:02}"),
                    "ddd" => DAYS[weekday as usize][..3].to_string(),
                    c if c.starts_with('d') => DAYS[weekday as usize].to_string(),
                    "aaa" => WEEKDAYS_ZH[weekday as usize].to_string(),
                    c if c.starts_with('a') && c != "am/pm" => format!("星期{}", WEEKDAYS_ZH[weekday as usize]),
                    "h" => h.to_string(),
                    c if c.starts_with('h') => format!("{h:02}"),
                    "s" => second.to_string(),
                    c if c.starts_with('s') => format!("{second:02}"),
                    "[h]" => (day_number * 24 + hour).to_string(),
                    "[m]" | "[mm]" => (day_number * 1440 + hour * 60 + minute).to_string(),
                    "am/pm" => (if hour < 12 { "AM" } else { "PM" }).to_string(),
                    "上午/下午" => (if hour < 12 { "上午" } else { "下午" }).to_string(),
                    _ => String::new(),
                };
                out.push_str(&text);
            }
            Token::General | Token::Text | Token::Exponent => {}
        }
    }
    Some(out)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const WEEKDAYS_ZH: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];

/// `m`/`mm` means minutes right after an hour code or right before a seconds code.
fn is_minute(tokens: &[Token], at: usize) -> bool {
    fn first_code<'t>(mut tokens: impl Iterator<Item = &'t Token>) -> Option<String> {
        tokens.find_map(|t| match t {
            Token::Date(c) if c != "am/pm" && c != "上午/下午" => Some(c.clone()),
            _ => None,
        })
    }
    let before = first_code(tokens[..at].iter().rev());
    let after = first_code(tokens[at + 1..].iter());
    before.is_some_and(|c| c.starts_with('h') || c.starts_with("[h")) || after.is_some_and(|c| c.starts_with('s'))
}

/// Year, month, day of an Excel day number (1900 system with its fictitious 1900-02-29, or
/// the 1904 system).
fn civil_date(day_number: i64, date1904: bool) -> (i64, i64, i64) {
    if !date1904 {
        if day_number == 60 {
            return (1900, 2, 29);
        }
        if day_number == 0 {
            return (1900, 1, 0);
        }
    }
    // Days since 1970-01-01.
    let unix = if date1904 {
        day_number - 24_107
    } else if day_number < 60 {
        day_number - 25_568
    } else {
        day_number - 25_569
    };
    // Howard Hinnant's civil_from_days.
    let z = unix + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a panic is a failed test
mod tests {
    use super::*;

    /// A number written in decimal ("-1234.5"), as a cell holds it after decoding.
    fn number(text: &str) -> Number {
        let negative = text.starts_with('-');
        let body = text.trim_start_matches('-');
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let whole: i64 = format!("{int}{frac}").parse().unwrap();
        let mut n = super::super::number::from_integer(whole).shifted(frac.len() as i32);
        n.negative = negative && !n.is_zero();
        n
    }

    #[test]
    fn numbers_show_through_their_format_as_excel_shows_them() {
        // (stored value, format code, text the sheet shows)
        let cases: &[(&str, &str, &str)] = &[
            ("790.77", "General", "790.77"),
            ("10", "General", "10"),
            ("-3.5", "General", "-3.5"),
            ("0", "General", "0"),
            ("123456789012345", "General", "123456789012345"),
            ("1234567890123456", "General", "1.23456789012346E+15"),
            ("0.0000000001", "General", "1E-10"),
            ("1", "0%", "100%"),
            ("1.2925", "0.00%", "129.25%"),
            ("0.5", "0.0%", "50.0%"),
            ("3.2278", "0.00%", "322.78%"),
            ("0", "0.00%", "0.00%"),
            ("14.82", "0.00", "14.82"),
            ("41.8", "0.00", "41.80"),
            ("1.005", "0.00", "1.01"), // 四舍五入 on the 15-digit value
            ("2.5", "0", "3"),         // half-up, not banker's
            ("-2.5", "0", "-3"),
            ("-0.001", "0.00", "0.00"), // no "-0.00"
            ("1234567.891", "#,##0.00", "1,234,567.89"),
            ("-1234.5", "#,##0.00", "-1,234.50"),
            ("-1234.5", "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
            ("-1234.5", "#,##0.00;(#,##0.00)", "(1,234.50)"),
            ("0", "#,##0.00;-#,##0.00;\"-\"", "-"),
            ("1234", "#,##0", "1,234"),
            ("999", "#,##0", "999"),
            ("0.5", "#.##", ".5"),
            ("5", "0.##", "5."),
            ("12.3", "0.0#", "12.3"),
            ("1.5", "0.0?", "1.5 "),
            ("1.25", "0.0?", "1.25"),
            ("7", "00", "07"),
            ("1234567", "#,##0,", "1,235"),
            ("12345.678", "0.00E+00", "1.23E+04"),
            ("0.000123", "0.00E+00", "1.23E-04"),
            ("9.999", "0.00E+00", "1.00E+01"),
            ("2951.83", "¥#,##0.00", "¥2,951.83"),
            ("2951.83", "#,##0.00_ ", "2,951.83"),
            ("2951.83", "[$-804]#,##0.00\"万元\"", "2,951.83万元"),
            ("2951.83", "@", "2951.83"),
            ("20250611", "0000-00-00", "2025-06-11"),
            ("7268250", "0730-000-0000", "0730-726-8250"),
            ("12", "000-0000", "000-0012"),
            ("2951.83", "[$¥-804]#,##0.00", "¥2,951.83"),
            ("2951.83", "[DBNum1][$-804]General", "2951.83"),
            ("2951.83", builtin(43).unwrap(), "2,951.83"),
            ("-2951.83", builtin(43).unwrap(), "-2,951.83"),
            ("0", builtin(43).unwrap(), "-"),
            ("2951.83", builtin(44).unwrap(), "¥2,951.83"),
            ("1234", builtin(41).unwrap(), "1,234"),
            ("0", builtin(42).unwrap(), "¥-"),
            ("45819", "yyyy\"年\"m\"月\"d\"日\"", "2025年6月11日"),
            ("45819", "yyyy-mm-dd", "2025-06-11"),
            ("45819", "yyyy/m/d", "2025/6/11"),
            ("45819.75", "yyyy/m/d h:mm", "2025/6/11 18:00"),
            ("45819.75", "h:mm AM/PM", "6:00 PM"),
            ("0.5", "h:mm:ss", "12:00:00"),
            ("45819", "m\"月\"d\"日\"", "6月11日"),
            ("45819", "aaaa", "星期三"),
            ("60", "yyyy-mm-dd", "1900-02-29"),
            ("61", "yyyy-mm-dd", "1900-03-01"),
            ("1", "yyyy-mm-dd", "1900-01-01"),
            ("1.5", "[h]:mm", "36:00"),
        ];
        for (value, code, want) in cases {
            assert_eq!(display(&number(value), code, false), *want, "{value} in {code}");
        }
    }

    #[test]
    fn the_1904_date_system_counts_from_1904() {
        assert_eq!(display(&number("0"), "yyyy-mm-dd", true), "1904-01-01");
        assert_eq!(display(&number("44357"), "yyyy-mm-dd", true), "2025-06-11");
    }

    #[test]
    fn odd_format_codes_give_some_text_without_failing() {
        // Broken or unusual codes as a hand-edited or foreign file may hold: no panic, and the
        // number is shown where the code has a place for it; literal-only sections show their
        // text and ";;;" hides the value, as in Excel.
        let cases: &[(&str, &str)] = &[
            ("", "12.5"),
            ("\"", ""),
            ("[", ""),
            ("[Red", ""),
            (";;;", ""),
            ("_", ""),
            ("\\", ""),
            ("E+", ""),
            ("0.0.0", "12.5"),
            ("0%%", "125000%%"),
            ("#,##0,,,,", "0"),
            ("yyyy\"年", "1900年"),
            ("\"合计：\"0.0", "合计：12.5"),
        ];
        for (code, want) in cases {
            assert_eq!(display(&number("12.5"), code, false), *want, "{code:?}");
        }
    }
}
