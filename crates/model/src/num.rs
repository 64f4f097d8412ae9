//! Numbers as finance staff type them, and as the official tables print them.
//!
//! Guarantees: parsing never panics and accepts full-width digits and punctuation
//! (１２３．５％), thousands separators and a trailing `%`; every figure shown to a user goes
//! through [`round_half_up`] (四舍五入), never banker's rounding; arithmetic on user data uses
//! the checked helpers so an absurd input becomes a finding, not a panic.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// Largest magnitude accepted for any typed figure. A report in 万元 or 元 never comes near it,
/// and keeping inputs below it means sums of thousands of rows cannot overflow `Decimal`.
pub const MAX_ABS: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15 = 232830 × 2^32 + 2764472320

/// Why a typed number was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// The text is empty or only spaces.
    Empty,
    /// The text contains something that is not part of a number.
    NotANumber(String),
    /// The number is larger than any budget figure can be.
    TooLarge(String),
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberError::Empty => write!(f, "未填写数字"),
            NumberError::NotANumber(t) => write!(f, "“{t}”不是有效的数字"),
            NumberError::TooLarge(t) => write!(f, "“{t}”超出允许的数值范围（绝对值须小于10的15次方）"),
        }
    }
}

/// Maps full-width and look-alike characters to their ASCII forms; everything else is kept.
pub fn normalize_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '％' => '%',
        '＋' => '+',
        '－' | '−' | '—' => '-',
        '＞' => '>',
        '＜' => '<',
        '＝' => '=',
        '≧' => '≥',
        '≦' => '≤',
        '　' => ' ',
        _ => c,
    }
}

/// Normalizes a whole string with [`normalize_char`].
pub fn normalize(text: &str) -> String {
    text.chars().map(normalize_char).collect()
}

/// Whether a cell's text means "nothing here" or "not applicable" ("/", "／", "—", "－", "-",
/// "——", "无", "不适用"): such a cell is empty, never a number error.
pub fn not_applicable(text: &str) -> bool {
    let t = text.trim();
    matches!(t, "/" | "／" | "\\" | "无" | "不适用" | "…" | "……") || (!t.is_empty() && t.chars().all(|c| matches!(c, '-' | '—' | '－' | '–' | '−' | '―')))
}

/// Whether a typed or loaded number cell means "not applicable", read as [`parse_decimal`] reads
/// it (full-width forms, spaces and a trailing `%` aside).
pub fn means_not_applicable(text: &str) -> bool {
    let normalized = normalize(text);
    let trimmed = normalized.trim();
    not_applicable(trimmed.strip_suffix('%').unwrap_or(trimmed).trim())
}

/// Parses a plain number as typed into a money, weight or score cell: full-width digits,
/// thousands separators (`1,234.50`), surrounding spaces and a trailing `%` (the number is
/// returned as written, so "98%" gives 98) are accepted.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let normalized = normalize(text);
    let trimmed = normalized.trim();
    let trimmed = trimmed.strip_suffix('%').unwrap_or(trimmed).trim();
    if trimmed.is_empty() || not_applicable(trimmed) {
        return Err(NumberError::Empty);
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != ',' && *c != ' ').collect();
    let valid = {
        let body = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
        !body.is_empty()
            && body.chars().all(|c| c.is_ascii_digit() || c == '.')
            && body.chars().filter(|c| *c == '.').count() <= 1
            && body.chars().any(|c| c.is_ascii_digit())
    };
    if !valid {
        return Err(NumberError::NotANumber(text.trim().to_string()));
    }
    let value = Decimal::from_str(cleaned.trim_start_matches('+'))
        .map_err(|_| NumberError::TooLarge(text.trim().to_string()))?;
    if value.abs() >= MAX_ABS {
        return Err(NumberError::TooLarge(text.trim().to_string()));
    }
    Ok(value)
}

/// 四舍五入 to `dp` decimal places. The only rounding function the model uses.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A figure rounded half-up and printed with exactly `dp` decimals ("98.00").
pub fn fixed(value: Decimal, dp: u32) -> String {
    let mut rounded = round_half_up(value, dp);
    rounded.rescale(dp);
    rounded.to_string()
}

/// Money, scores and weights print with 2 decimals.
pub fn fmt2(value: Decimal) -> String {
    fixed(value, 2)
}

/// A rate held as a fraction (1.2925…) printed as a percentage with 2 decimals ("129.25%").
pub fn fmt_rate(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(percent) => format!("{}%", fixed(percent, 2)),
        None => "—".to_string(),
    }
}

/// A size in bytes as megabytes with one decimal ("10.0"), for messages about files.
pub fn megabytes(bytes: u64) -> String {
    div(Decimal::from(bytes), Decimal::from(1024 * 1024)).map(|mb| fixed(mb, 1)).unwrap_or_default()
}

/// A figure as it was written, without trailing zeros beyond its own scale ("10", "790.77").
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `a × b`, or `None` on overflow.
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// `a ÷ b`, or `None` when `b` is zero or the result overflows.
pub fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
    }
}

/// Sum of figures, or `None` on overflow (impossible below [`MAX_ABS`] for realistic counts).
pub fn sum<I: IntoIterator<Item = Decimal>>(values: I) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// How a figure written in a document relates to the exact recomputation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Equal at the precision compared.
    Same,
    /// Differs only by rounding (at most the tolerance): a warning.
    Rounding,
    /// Really different: an error.
    Different,
}

/// How precisely a stated figure is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Compare at the number of decimals the document itself wrote: "89%" agrees with 89.19%.
    /// Used for percentages in text and tables, which are routinely printed to fewer places.
    AsStated,
    /// Compare at 2 decimals: a declared score of 98 does not agree with 97.60.
    TwoPlaces,
}

/// Compares a stated figure with the exact computed one. Within `tolerance` after rounding both
/// to 2 places is a rounding difference; equal at the compared precision is agreement.
pub fn agreement(stated: Decimal, computed: Decimal, precision: Precision, tolerance: Decimal) -> Agreement {
    let dp = match precision {
        Precision::AsStated => stated.scale().min(2),
        Precision::TwoPlaces => 2,
    };
    if round_half_up(computed, dp) == round_half_up(stated, dp) {
        return Agreement::Same;
    }
    let gap = (round_half_up(computed, 2) - round_half_up(stated, 2)).abs();
    if gap <= tolerance {
        Agreement::Rounding
    } else {
        Agreement::Different
    }
}

/// [`agreement`] for a figure computed by one formula from exact inputs (a score, a rate), not
/// a sum of rounded parts: a rounding difference is only a figure that some rounding of the
/// exact value produces at the digits printed (四舍五入 or truncation); any other digit is
/// wrong, however small the gap (see [`wrong_digit`]).
pub fn agreement_exact(stated: Decimal, computed: Decimal, precision: Precision, tolerance: Decimal) -> Agreement {
    match agreement(stated, computed, precision, tolerance) {
        Agreement::Rounding => {
            let places = stated.scale();
            let produced = round_half_up(computed, places) == stated
                || computed.round_dp_with_strategy(places, RoundingStrategy::ToZero) == stated;
            if produced { Agreement::Rounding } else { Agreement::Different }
        }
        other => other,
    }
}

/// The one printed digit of `stated` that no rounding of `computed` explains: "第2位小数应为3
/// （填为4）", comparing with the 四舍五入 of `computed` at the digits printed. `None` when they
/// agree or differ in more than one digit (a plainly different figure).
pub fn wrong_digit(stated: Decimal, computed: Decimal) -> Option<String> {
    let places = stated.scale();
    let mut expected = round_half_up(computed, places);
    expected.rescale(places);
    let (a, b) = (stated.to_string(), expected.to_string());
    if a == b || a.len() != b.len() {
        return None;
    }
    let point = a.find('.');
    let differing: Vec<usize> = a.chars().zip(b.chars()).enumerate().filter(|(_, (x, y))| x != y).map(|(i, _)| i).collect();
    let [at] = differing[..] else { return None };
    let (want, got) = (b.chars().nth(at)?, a.chars().nth(at)?);
    let name = match point {
        Some(p) if at > p => format!("第{}位小数", at - p),
        _ => {
            let end = point.unwrap_or(a.len());
            let names = ["个位", "十位", "百位", "千位", "万位"];
            names.get(end.checked_sub(at + 1)?).map(|n| (*n).to_string())?
        }
    };
    Some(format!("{name}应为{want}（填为{got}）"))
}

// Decimals in saved files and rule packs.

/// A decimal field as saved: a string (read as leniently as typing), a JSON number, `null` or
/// `""` (both "not filled in"). The one reader of decimals in files, rule packs included.
pub fn json_decimal(value: &serde_json::Value) -> Result<Option<Decimal>, String> {
    use serde_json::Value;
    match value {
        Value::Null => Ok(None),
        Value::String(t) if t.trim().is_empty() => Ok(None),
        Value::String(t) => match parse_decimal(t) {
            Ok(d) => Ok(Some(d)),
            Err(NumberError::Empty) => Ok(None),
            Err(e) => Err(e.to_string()),
        },
        // serde_json prints a number in its shortest exact form ("0.1"), so this keeps what the
        // file said without binary floating point arithmetic.
        Value::Number(n) => json_number(&n.to_string()).map(Some),
        other => Err(format!("应为数字，实际是{}", json_kind(other))),
    }
}

/// The Chinese name of a JSON value's kind, for messages ("应为数字，实际是文本").
pub fn json_kind(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "空值",
        Value::Bool(_) => "真假值",
        Value::Number(_) => "数字",
        Value::String(_) => "文本",
        Value::Array(_) => "列表",
        Value::Object(_) => "对象",
    }
}

/// A JSON number as a decimal: exponent forms (`1e3`, what serde_json prints for very large or
/// small numbers) are read exactly; magnitudes no budget figure reaches are refused.
fn json_number(text: &str) -> Result<Decimal, String> {
    if !text.contains(['e', 'E']) {
        return parse_decimal(text).map_err(|e| e.to_string());
    }
    match Decimal::from_scientific(text) {
        Ok(d) if d.abs() < MAX_ABS => Ok(d),
        _ => Err(NumberError::TooLarge(text.to_string()).to_string()),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn file_sizes_in_megabytes() {
        assert_eq!(megabytes(10 * 1024 * 1024), "10.0");
        assert_eq!(megabytes(5 * 1024 * 1024 + 60_000), "5.1");
        assert_eq!(megabytes(0), "0.0");
    }

    use super::*;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_what_finance_staff_type() {
        for (input, expected) in [
            ("790.77", "790.77"),
            ("１２３．５％", "123.5"),
            ("7,426,775.36", "7426775.36"),
            (" 98% ", "98"),
            ("-3", "-3"),
            ("+4", "4"),
        ] {
            assert_eq!(parse_decimal(input), Ok(d(expected)), "{input}");
        }
        assert_eq!(parse_decimal(""), Err(NumberError::Empty));
        assert!(matches!(parse_decimal("1.2.3"), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_decimal("abc"), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_decimal("1e5"), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_decimal("99999999999999999999999999999999"), Err(NumberError::TooLarge(_))));
        assert!(matches!(parse_decimal("1000000000000000"), Err(NumberError::TooLarge(_))));
    }

    #[test]
    fn rounds_half_up_not_bankers() {
        assert_eq!(fmt2(d("0.125")), "0.13");
        assert_eq!(fmt2(d("2.5")), "2.50");
        assert_eq!(fixed(d("2.5"), 0), "3");
        assert_eq!(fixed(d("-2.5"), 0), "-3");
        assert_eq!(fmt_rate(d("1.292542702")), "129.25%");
        assert_eq!(fmt2(d("14.149")), "14.15");
    }

    #[test]
    fn stated_figures_compare_at_their_own_precision() {
        let tol = d("0.01");
        // 33/37 = 89.19%, written as 89%: consistent (seed 000).
        assert_eq!(agreement(d("89"), d("89.189189"), Precision::AsStated, tol), Agreement::Same);
        // 851.15/901.30 = 94.436%, written 94.43%: rounding only (seed 004).
        assert_eq!(agreement(d("94.43"), d("94.4358"), Precision::AsStated, tol), Agreement::Rounding);
        // 27.85/465.38 = 5.98%, written 5.9%: wrong (seed 003).
        assert_eq!(agreement(d("5.9"), d("5.9844"), Precision::AsStated, tol), Agreement::Different);
        // A declared score of 98 does not agree with 97.60.
        assert_eq!(agreement(d("98"), d("97.6"), Precision::TwoPlaces, tol), Agreement::Different);
        assert_eq!(agreement(d("98"), d("98.00"), Precision::TwoPlaces, tol), Agreement::Same);
    }

    #[test]
    fn checked_helpers_never_panic() {
        assert_eq!(div(d("1"), Decimal::ZERO), None);
        assert_eq!(mul(Decimal::MAX, d("2")), None);
        assert_eq!(sum([Decimal::MAX, Decimal::MAX]), None);
    }
}

/// Digits with a comma every three from the right ("1234567" → "1,234,567"), as the .xlsx and
/// .xls readers show a `#,##0` format.
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
