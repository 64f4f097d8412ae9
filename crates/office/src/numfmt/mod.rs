//! Excel number formats, one engine for `.xlsx` and `.xls`: a cell's number and its format
//! code (General, `0`, `0.00`, `#,##0.00`, `0%`, `0.00%`, `0.00E+00`, accounting, dates such as
//! `yyyy"年"m"月"d"日"`) become the text the sheet displays in a Chinese-locale Excel or WPS.
//!
//! Guarantees: the value is first rounded half-up to the 15 significant digits Excel keeps
//! (so a stored float artefact "1.2925000000000001" shows as "1.2925"), then 四舍五入
//! (`num::round_half_up`) to the format's decimals, never through a float; any format code,
//! however odd, gives some text and never panics (parts this module does not understand are
//! left out, the number is still shown). Built-in format ids follow the Chinese locale (14 is
//! the short date `yyyy/m/d`, as Excel and WPS show it there), and a date shows as its code
//! says, so the same cell shows the same text from `.xlsx` and `.xls`. Files: number.rs (a
//! sheet's number as exact decimal digits: IEEE doubles and RK values of `.xls`, decimal text
//! of `.xlsx`), date.rs (date and time codes), tests.rs.

mod date;
pub(crate) mod number;
#[cfg(test)]
mod tests;

use number::Number;
use jixiao_model::num;
use date::date_text;

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

/// The text of a number cell whose stored value is `value` in decimal (an `.xlsx` `<v>` such as
/// "0.30000000000000004" or "1.2925E-2") under `code` (`None`: General); a value that is not a
/// decimal number shows as stored.
pub fn show(value: &str, code: Option<&str>, date1904: bool) -> String {
    match number::parse(value) {
        Some(n) => display(&n, code.unwrap_or("General"), date1904),
        None => value.trim().to_string(),
    }
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
pub(super) enum Token {
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
    let exponent = tokens.iter().position(|t| matches!(t, Token::Exponent));
    let mantissa_end = exponent.unwrap_or(tokens.len());
    // A point after the exponent ("0E+0.0", from a hostile file) is not the mantissa's point.
    let point = tokens.iter().position(|t| matches!(t, Token::Point)).filter(|&p| p < mantissa_end);
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
