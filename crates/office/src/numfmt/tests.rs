//! The number-format engine's tests: the union of the former `.xls` and `.xlsx` engines'
//! cases, each value as a file stores it, with the text Excel (Chinese locale) shows.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use super::*;

/// A number written in decimal ("-1234.5"), as a cell holds it after decoding.
fn number(text: &str) -> Number {
    let negative = text.starts_with('-');
    let body = text.trim_start_matches('-');
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let whole: i64 = format!("{int}{frac}").parse().unwrap();
    let mut n = number::from_integer(whole).shifted(frac.len() as i32);
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
    // A point after the exponent is no decimal point of the mantissa (it used to panic).
    for code in ["0E+0.0", "0.0E+0.00", "#E-.", "0E+00."] {
        assert!(!display(&number("12.5"), code, false).is_empty(), "{code:?}");
    }
}

/// The cases of the former `.xlsx` engine, through `show` (the stored `<v>` text). Where the two
/// engines disagreed, the text is what Excel and WPS show in a Chinese locale: a date as its
/// code says (the `.xlsx` engine wrote every date as ISO), scientific formats in scientific
/// notation, and General beyond 15 integer digits in scientific notation.
#[test]
fn stored_values_show_as_excel_displays_them() {
    let cases: &[(&str, Option<&str>, &str)] = &[
        ("1", Some("0%"), "100%"),
        ("1.2925", Some("0.00%"), "129.25%"),
        ("1.2925000000000001", None, "1.2925"),
        ("0.30000000000000004", None, "0.3"),
        ("790.77", None, "790.77"),
        ("12", Some("General"), "12"),
        ("1E-3", None, "0.001"),
        ("0.000123456789012345678", None, "0.000123456789012346"),
        ("123456789012345678", None, "1.23456789012346E+17"),
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
        ("1.5", Some("0.00E+00"), "1.50E+00"),
        ("5", Some("@"), "5"),
        ("45657", Some("yyyy-mm-dd"), "2024-12-31"),
        ("45657", Some("yyyy\"年\"m\"月\"d\"日\""), "2024年12月31日"),
        ("45657.5", Some("yyyy/m/d h:mm"), "2024/12/31 12:00"),
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

/// The case: 2024-03-05 stored under built-in format 14 (the short date) shows as
/// Excel and WPS show it in a Chinese locale, the same from `.xlsx` (`show`) and `.xls`
/// (`display` of the decoded double).
#[test]
fn a_date_shows_the_same_from_xlsx_and_xls() {
    let code = builtin(14).unwrap();
    assert_eq!(show("45356", Some(code), false), "2024/3/5");
    assert_eq!(display(&number("45356"), code, false), "2024/3/5");
    assert_eq!(show("45356", builtin(31), false), "2024年3月5日");
}
