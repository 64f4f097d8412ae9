//! The numbers of a spreadsheet, decoded without floating point: decimal text as `.xlsx`
//! stores it, or, in an Excel 97–2003 sheet, an IEEE 754 double
//! (NUMBER, FORMULA results) or an RK value (RK, MULRK) becomes the decimal Excel shows as the
//! cell's value, i.e. the exact binary value rounded half-up to 15 significant digits.
//!
//! Guarantees: no `f32`/`f64` is used anywhere; the conversion of the 64-bit pattern is exact
//! (a small arbitrary-precision integer, because `mantissa × 5^1074` does not fit any machine
//! integer and the project's rule forbids `f64`, whose own formatting would be the usual way);
//! NaN and infinities are reported as such, never panicked on.

use rust_decimal::Decimal;

/// Excel shows (and computes with) 15 significant decimal digits.
const SIGNIFICANT: usize = 15;
/// `Decimal` holds at most 28 digits after the point.
const MAX_SCALE: i32 = 28;

/// A number from a sheet: `±digits × 10^exp10`, with at most 15 significant digits and no
/// trailing zeros in `digits` (zero is `digits` empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The value is below zero.
    pub negative: bool,
    /// Decimal digits (`b'0'..=b'9'`), most significant first, no leading or trailing zeros.
    pub digits: Vec<u8>,
    /// Power of ten of the last digit.
    pub exp10: i32,
}

/// A stored number: finite, or a NaN/infinity that Excel itself would never write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// A finite number.
    Finite(Number),
    /// NaN or ±infinity.
    NotFinite,
}

impl Number {
    /// Zero.
    pub fn zero() -> Number {
        Number { negative: false, digits: Vec::new(), exp10: 0 }
    }

    /// The value is zero.
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Power of ten of the leading digit (1234 → 3, 0.05 → -2); 0 for zero.
    pub fn magnitude(&self) -> i32 {
        self.exp10.saturating_add(self.digits.len() as i32).saturating_sub(1)
    }

    /// The number divided by `10^n` (exact).
    pub fn shifted(mut self, n: i32) -> Number {
        if !self.is_zero() {
            self.exp10 = self.exp10.saturating_sub(n);
        }
        self
    }

    /// The value as a `Decimal`, or `None` when it is too large for one (|x| ≥ 10^28). Digits
    /// beyond 28 decimal places are rounded half-up (such values print as 0 in any format).
    pub fn to_decimal(&self) -> Option<Decimal> {
        if self.is_zero() {
            return Some(Decimal::ZERO);
        }
        if self.magnitude() >= MAX_SCALE {
            return None;
        }
        let mut digits = self.digits.clone();
        let mut exp10 = self.exp10;
        if exp10 < -MAX_SCALE {
            let keep = digits.len() as i64 - i64::from(-MAX_SCALE - exp10);
            digits = round_digits(&digits, keep);
            exp10 = -MAX_SCALE;
            if digits.is_empty() {
                return Some(Decimal::ZERO);
            }
        }
        let mut mantissa: i128 = 0;
        for d in &digits {
            mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(d - b'0'))?;
        }
        let (mantissa, scale) = if exp10 >= 0 {
            (mantissa.checked_mul(10i128.checked_pow(exp10 as u32)?)?, 0)
        } else {
            (mantissa, (-exp10) as u32)
        };
        let mantissa = if self.negative { -mantissa } else { mantissa };
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    }
}

/// Decodes the 8 little-endian bytes of an IEEE 754 double.
pub fn from_ieee(bytes: [u8; 8]) -> Stored {
    let bits = u64::from_le_bytes(bytes);
    let negative = bits >> 63 == 1;
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if exponent == 0x7ff {
        return Stored::NotFinite;
    }
    let (mantissa, exp2) = if exponent == 0 { (fraction, -1074) } else { (fraction | (1u64 << 52), exponent - 1075) };
    let mut number = exact(mantissa, exp2);
    number.negative = negative && !number.is_zero();
    Stored::Finite(number)
}

/// Decodes an RK value (RK and MULRK records): a 30-bit integer or the top 30 bits of a double,
/// optionally divided by 100.
pub fn from_rk(rk: u32) -> Stored {
    let divided = rk & 1 == 1;
    let stored = if rk & 2 == 2 {
        let n = (rk as i32) >> 2;
        Stored::Finite(from_integer(i64::from(n)))
    } else {
        from_ieee((u64::from(rk & 0xffff_fffc) << 32).to_le_bytes())
    };
    match stored {
        Stored::Finite(n) if divided => Stored::Finite(n.shifted(2)),
        other => other,
    }
}

/// An integer as a [`Number`].
pub fn from_integer(n: i64) -> Number {
    let digits: Vec<u8> = n.unsigned_abs().to_string().into_bytes();
    normalized(n < 0, digits, 0)
}

/// A number written in decimal as spreadsheet files store it ("790.77", "-0.30000000000000004",
/// "1.2925E-2"), rounded half-up to 15 significant digits; `None` when it is not such a number.
pub fn parse(text: &str) -> Option<Number> {
    let text = text.trim();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], body[at + 1..].parse::<i32>().ok()?),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !(-400..=400).contains(&exponent) {
        return None;
    }
    let digits: Vec<u8> = int.bytes().chain(frac.bytes()).skip_while(|b| *b == b'0').collect();
    let exp10 = exponent - frac.len().min(1000) as i32;
    let dropped = digits.len().saturating_sub(SIGNIFICANT) as i32;
    let number = normalized(negative, round_digits(&digits, SIGNIFICANT as i64), exp10 + dropped);
    Some(Number { negative: negative && !number.is_zero(), ..number })
}

/// `mantissa × 2^exp2` exactly, then rounded half-up to 15 significant digits.
fn exact(mantissa: u64, exp2: i32) -> Number {
    if mantissa == 0 {
        return Number::zero();
    }
    // Fewer factors of two to carry through the big multiplication.
    let zeros = mantissa.trailing_zeros() as i32;
    let mantissa = mantissa >> zeros;
    let exp2 = exp2 + zeros;
    let mut big = vec![(mantissa & 0xffff_ffff) as u32, (mantissa >> 32) as u32];
    let exp10 = if exp2 >= 0 {
        multiply_power(&mut big, 2, exp2 as u32);
        0
    } else {
        // m / 2^k = m × 5^k / 10^k
        multiply_power(&mut big, 5, (-exp2) as u32);
        exp2
    };
    let digits = to_decimal_digits(&big);
    let dropped = digits.len().saturating_sub(SIGNIFICANT) as i32;
    normalized(false, round_digits(&digits, SIGNIFICANT as i64), exp10 + dropped)
}

/// Keeps the first `keep` digits of `digits` (none when `keep` < 0), rounding half-up on the
/// rest. A carry out of the kept digits adds a leading digit (999|5 → 1000), so the value is
/// always `result × 10^(digits.len() − keep)` in units of the input's last digit.
fn round_digits(digits: &[u8], keep: i64) -> Vec<u8> {
    if keep >= digits.len() as i64 {
        return digits.to_vec();
    }
    if keep < 0 {
        return Vec::new(); // below half a unit of the last place kept
    }
    let keep = keep as usize;
    let mut kept = digits[..keep].to_vec();
    let round_up = digits.get(keep).is_some_and(|d| *d >= b'5');
    if !round_up {
        return kept;
    }
    for d in kept.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return kept;
        }
    }
    kept.insert(0, b'1');
    kept
}

/// Strips leading and trailing zeros, moving the exponent along.
fn normalized(negative: bool, mut digits: Vec<u8>, mut exp10: i32) -> Number {
    while digits.last() == Some(&b'0') {
        digits.pop();
        exp10 += 1;
    }
    let leading = digits.iter().take_while(|d| **d == b'0').count();
    digits.drain(..leading);
    if digits.is_empty() {
        return Number::zero();
    }
    Number { negative, digits, exp10 }
}

/// Multiplies a little-endian base-2^32 integer by `base^power` in place.
fn multiply_power(big: &mut Vec<u32>, base: u32, mut power: u32) {
    // The largest power of `base` that fits a u32 step.
    let (step, step_power) = if base == 2 { (1u32 << 31, 31) } else { (1_220_703_125u32, 13) }; // 5^13
    while power > 0 {
        let (factor, used) = if power >= step_power { (step, step_power) } else { (base.pow(power), power) };
        let mut carry: u64 = 0;
        for limb in big.iter_mut() {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = (product & 0xffff_ffff) as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            big.push(carry as u32);
        }
        power -= used;
    }
}

/// The decimal digits of a little-endian base-2^32 integer.
fn to_decimal_digits(big: &[u32]) -> Vec<u8> {
    let mut limbs = big.to_vec();
    let mut chunks: Vec<u32> = Vec::new();
    while limbs.iter().any(|l| *l != 0) {
        let mut remainder: u64 = 0;
        for limb in limbs.iter_mut().rev() {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / 1_000_000_000) as u32;
            remainder = current % 1_000_000_000;
        }
        chunks.push(remainder as u32);
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
    }
    let mut text = String::new();
    for (i, chunk) in chunks.iter().rev().enumerate() {
        if i == 0 {
            text.push_str(&chunk.to_string());
        } else {
            text.push_str(&format!("{chunk:09}"));
        }
    }
    text.into_bytes()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a panic is a failed test
mod tests {
    use super::*;

    fn shown(bits: u64) -> String {
        match from_ieee(bits.to_le_bytes()) {
            Stored::Finite(n) => match n.to_decimal() {
                Some(d) => d.normalize().to_string(),
                None => format!("big {}e{}", String::from_utf8(n.digits).unwrap(), n.exp10),
            },
            Stored::NotFinite => "not finite".to_string(),
        }
    }

    #[test]
    fn doubles_show_as_excel_shows_their_value() {
        // (bit pattern of the double, the value Excel shows)
        let cases: &[(u64, &str)] = &[
            (0x3FD3_3333_3333_3334, "0.3"), // 0.1 + 0.2 = 0.30000000000000004
            (0x3FD3_3333_3333_3333, "0.3"),
            (0x3FB9_9999_9999_999A, "0.1"),
            (0x3FF4_AE14_7AE1_47AE, "1.2925"),
            (0x4088_B628_F5C2_8F5B, "790.77"), // 790.7699999999999, one step below 790.77
            (0x4088_B628_F5C2_8F5C, "790.77"),
            (0x40A7_0FA8_F5C2_8F5C, "2951.83"),
            (0x415C_54B5_D70A_3D71, "7426775.36"),
            (0x3FF0_147A_E147_AE14, "1.005"), // 1.00499999999999989…
            (0x437B_69B4_BA63_0F35, "123456789012346000"),
            (0x3DDB_7CDF_D9D7_BDBB, "0.0000000001"),
            (0x3F20_1F31_F46E_D246, "0.000123"),
            (0x4059_0000_0000_0000, "100"),
            (0x3FF0_0000_0000_0000, "1"),
            (0xC024_0000_0000_0000, "-10"),
            (0xC0A7_0FA8_F5C2_8F5C, "-2951.83"),
            (0x0000_0000_0000_0000, "0"),
            (0x8000_0000_0000_0000, "0"),
            (0x3FF0_0000_0000_0001, "1"),
            (0x4340_0000_0000_0000, "9007199254740990"), // 2^53 = 9007199254740992 at 15 digits
            (0x7FF0_0000_0000_0000, "not finite"),
            (0x7FF8_0000_0000_0000, "not finite"),
            (0x7FEF_FFFF_FFFF_FFFF, "big 179769313486232e294"),
            (0x0000_0000_0000_0001, "0"),
            (0x3FEF_FFFF_FFFF_FFFF, "1"), // 0.99999999999999989 rounds up to 1
        ];
        for (bits, want) in cases {
            assert_eq!(shown(*bits), *want, "bits {bits:#018x}");
        }
    }

    #[test]
    fn rk_values_decode_integers_doubles_and_hundredths() {
        let rk = |n: i32, x100: bool| ((n << 2) as u32) | 2 | u32::from(x100);
        let cases: &[(u32, &str)] = &[
            (rk(10, false), "10"),
            (rk(-3, false), "-3"),
            (rk(79077, true), "790.77"),
            (rk(-12345, true), "-123.45"),
            (rk(536_870_911, false), "536870911"),
            (0x3FF0_0000u32, "1"),         // double 1.0, top 30 bits
            (0x4059_0000u32 | 1, "1"),     // double 100.0, divided by 100
            (0xC024_0000u32, "-10"),       // double -10.0
            (0x3FF8_0000u32 | 1, "0.015"), // double 1.5 / 100
        ];
        for (raw, want) in cases {
            let Stored::Finite(n) = from_rk(*raw) else { panic!("{raw:#x} not finite") };
            assert_eq!(n.to_decimal().unwrap().normalize().to_string(), *want, "rk {raw:#x}");
        }
    }

    /// 1,900 doubles (random bit patterns from 10^-12 to 10^27, money typed with 2–4 decimals
    /// and their sums, ties at the 16th digit) with the value Excel shows, computed independently
    /// with Python's exact `decimal` arithmetic (tests/fixtures/xls/doubles.tsv).
    #[test]
    fn doubles_agree_with_exact_decimal_arithmetic() {
        let table = include_str!("../../../../tests/fixtures/xls/doubles.tsv");
        let mut checked = 0;
        for line in table.lines() {
            let (hex, want) = line.split_once('\t').unwrap();
            let bits = u64::from_str_radix(hex, 16).unwrap();
            assert_eq!(shown(bits), want, "bits {hex}");
            checked += 1;
        }
        assert!(checked > 1_800);
    }

    #[test]
    fn numbers_written_in_decimal_round_to_15_digits() {
        let cases: &[(&str, Option<&str>)] = &[
            ("790.77", Some("790.77")),
            ("0.30000000000000004", Some("0.3")),
            ("-0.30000000000000004", Some("-0.3")),
            ("1.2925E-2", Some("0.012925")),
            ("1E3", Some("1000")),
            ("2951.8300000000004", Some("2951.83")),
            ("100000000000000.5", Some("100000000000001")),
            ("007", Some("7")),
            ("-0", Some("0")),
            (".5", Some("0.5")),
            ("", None),
            ("abc", None),
            ("1.2.3", None),
            ("1e999", None),
            ("-", None),
        ];
        for (text, want) in cases {
            let got = parse(text).map(|n| n.to_decimal().unwrap().normalize().to_string());
            assert_eq!(got.as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn values_below_decimal_precision_round_at_the_28th_place() {
        let tiny = |digits: &str, exp10: i32| Number { negative: false, digits: digits.as_bytes().to_vec(), exp10 };
        let cases: &[(Number, &str)] = &[
            (tiny("5", -30), "0"),
            (tiny("5", -29), "0.0000000000000000000000000001"),
            (tiny("4", -29), "0"),
            (tiny("123", -30), "0.0000000000000000000000000001"),
            (tiny("15", -29), "0.0000000000000000000000000002"),
        ];
        for (number, want) in cases {
            assert_eq!(number.to_decimal().unwrap().normalize().to_string(), *want, "{number:?}");
        }
        assert_eq!(tiny("1", 28).to_decimal(), None);
    }

}
