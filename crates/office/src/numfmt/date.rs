//! Date and time format codes (`yyyy"年"m"月"d"日"`, `yyyy/m/d h:mm`, `h:mm AM/PM`, `aaaa`,
//! `[h]:mm`): an Excel serial day number in the 1900 system (with its fictitious 1900-02-29) or
//! the 1904 system shown as the code says.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::Token;
use super::number::Number;
use jixiao_model::num;

/// A date/time serial shown with date tokens; `None` when out of Excel's date range.
pub(super) fn date_text(value: &Number, tokens: &[Token], date1904: bool) -> Option<String> {
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

