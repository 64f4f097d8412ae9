//! Targets (年度指标值) and actuals (实际完成值) as people write them: "≥4次", "返还完成率≥90%",
//! "100万元", "按时上报", "开展了20多项市级技能竞赛".
//!
//! Guarantees: [`Measure::parse`] never fails and never panics; text without a usable number is
//! a qualitative value, not an error. The raw text is always kept. Money is converted to 元 so
//! "100万元" and "1,000,000元" compare equal; other 万/亿 multipliers scale the number.

use rust_decimal::Decimal;

use crate::num::{normalize, parse_decimal, plain};

/// The comparison a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// ≥ (higher is better; also the reading of a bare number such as "100%").
    AtLeast,
    /// ≤ (lower is better).
    AtMost,
    /// =.
    Equal,
    /// >.
    Above,
    /// <.
    Below,
}

impl Comparison {
    /// The symbol printed in tables.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
            Comparison::Equal => "=",
            Comparison::Above => ">",
            Comparison::Below => "<",
        }
    }

    /// Whether a higher actual is better (正向指标).
    pub fn is_positive(self) -> bool {
        matches!(self, Comparison::AtLeast | Comparison::Above)
    }
}

/// What kind of unit a quantity has; units of different kinds cannot be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// No unit written.
    Bare,
    /// %.
    Percent,
    /// 元, 万元, 亿元 (converted to 元).
    Money,
    /// A measure word: 次, 家, 人, 篇…
    Count,
    /// A compound unit: 元/人·次, 人/户.
    Compound,
}

/// One number found in the text, with its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// The value in the canonical unit (元 for money, multipliers applied).
    pub value: Decimal,
    /// The number as written.
    pub written: Decimal,
    /// The unit as written ("万元", "次", "%"), empty when none; `value` is in its base unit.
    pub unit: String,
    /// The unit's kind.
    pub kind: UnitKind,
    /// Written with 多/余 ("20多项"): a lower bound.
    pub approximate: bool,
}

impl Quantity {
    /// "4 次", "90%", "100 万元".
    pub fn display(&self) -> String {
        let approx = if self.approximate { "多" } else { "" };
        match self.kind {
            UnitKind::Percent => format!("{}%", plain(self.written)),
            UnitKind::Bare => format!("{}{}", plain(self.written), approx),
            _ => format!("{}{} {}", plain(self.written), approx, self.unit),
        }
    }

    /// Whether this quantity can be compared with `other` (same kind, or one of them bare).
    pub fn comparable(&self, other: &Quantity) -> bool {
        match (self.kind, other.kind) {
            (UnitKind::Bare, _) | (_, UnitKind::Bare) => true,
            (UnitKind::Compound, UnitKind::Compound) => self.unit == other.unit,
            (a, b) => a == b,
        }
    }
}

/// A parsed target or actual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// The text as written.
    pub raw: String,
    /// The comparison written before the main number, if any.
    pub comparison: Option<Comparison>,
    /// Every number found, in order.
    pub quantities: Vec<Quantity>,
    /// Index into `quantities` of the main number (the one after the comparison, else the first).
    pub primary: Option<usize>,
}

/// Units recognised after a number, longest first where one is a prefix of another.
const UNITS: &[&str] = &[
    "元/人·次", "元/人次", "元/人", "元/个", "元/户", "人/户", "万人次", "万元", "亿元", "千元", "人次", "户次",
    "平方米", "m²", "㎡", "公里", "千米", "小时", "工作日", "个月", "项次", "万人", "元", "人", "次", "场", "家",
    "个", "件", "篇", "项", "户", "名", "天", "日", "月", "年", "期", "批", "所", "座", "台", "套", "辆", "本",
    "份", "册", "条", "处", "亩", "倍", "只", "张", "吨", "米", "分", "期", "起", "轮", "节", "堂", "课", "门",
];

const AT_LEAST_WORDS: &[&str] = &["不低于", "不少于", "不小于", "大于等于", "以上", "达到"];
const AT_MOST_WORDS: &[&str] = &["不高于", "不超过", "不大于", "小于等于", "以下", "以内", "控制在"];

impl Measure {
    /// Parses free text. Never fails: text without numbers is qualitative.
    pub fn parse(raw: &str) -> Measure {
        let text: Vec<char> = normalize(raw).chars().collect();
        let mut quantities = Vec::new();
        let mut comparison_at: Option<(usize, Comparison)> = None;
        let mut primary = None;
        let mut i = 0;
        while i < text.len() {
            let c = text[i];
            if let Some((cmp, len)) = symbol_at(&text, i) {
                if primary.is_none() {
                    comparison_at = Some((quantities.len(), cmp));
                }
                i += len;
                continue;
            }
            if c.is_ascii_digit() {
                let (quantity, next) = number_at(&text, i);
                if let Some(q) = quantity {
                    if let Some((at, _)) = comparison_at {
                        if at == quantities.len() && primary.is_none() {
                            primary = Some(at);
                        }
                    }
                    quantities.push(q);
                }
                i = next;
                continue;
            }
            i += 1;
        }
        let mut comparison = comparison_at.map(|(_, c)| c);
        if comparison.is_none() {
            let joined: String = text.iter().collect();
            if AT_MOST_WORDS.iter().any(|w| joined.contains(w)) {
                comparison = Some(Comparison::AtMost);
            } else if AT_LEAST_WORDS.iter().any(|w| joined.contains(w)) {
                comparison = Some(Comparison::AtLeast);
            }
        }
        if primary.is_none() && !quantities.is_empty() {
            primary = Some(0);
        }
        Measure { raw: raw.to_string(), comparison, quantities, primary }
    }

    /// The main number, if any.
    pub fn primary(&self) -> Option<&Quantity> {
        self.primary.and_then(|i| self.quantities.get(i))
    }

    /// No usable number: a qualitative value.
    pub fn is_qualitative(&self) -> bool {
        self.primary().is_none()
    }

    /// The number in this (actual) text that answers `target`: the only one, or the only one of
    /// the same kind of unit. Years ("2024年") are never an answer.
    pub fn answer_to(&self, target: &Quantity) -> Answer<'_> {
        let candidates: Vec<&Quantity> = self.quantities.iter().filter(|q| !is_year(q)).collect();
        let comparable: Vec<&Quantity> = candidates.iter().copied().filter(|q| q.comparable(target)).collect();
        match (candidates.len(), comparable.len()) {
            (0, _) => Answer::NoNumber,
            (_, 1) => Answer::Found(comparable[0]),
            (_, 0) => Answer::UnitMismatch(candidates[0]),
            _ => {
                // Several comparable numbers: prefer one of exactly the same unit.
                let same: Vec<&Quantity> = comparable.iter().copied().filter(|q| q.unit == target.unit).collect();
                if same.len() == 1 {
                    Answer::Found(same[0])
                } else {
                    Answer::Ambiguous
                }
            }
        }
    }

    /// What was understood, for display next to the cell: "≥ 4 次", "定性".
    pub fn summary(&self) -> String {
        match self.primary() {
            None if self.raw.trim().is_empty() => String::new(),
            None => "定性".to_string(),
            Some(q) => match self.comparison {
                Some(c) => format!("{} {}", c.symbol(), q.display()),
                None => q.display(),
            },
        }
    }
}

/// How an actual answers a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer<'a> {
    /// A comparable number.
    Found(&'a Quantity),
    /// The actual has no number.
    NoNumber,
    /// The actual's numbers are of another kind of unit (the first one is given).
    UnitMismatch(&'a Quantity),
    /// Several numbers could be the answer.
    Ambiguous,
}

fn is_year(q: &Quantity) -> bool {
    q.unit == "年" && q.written.fract().is_zero() && q.written >= Decimal::from(1900) && q.written <= Decimal::from(2100)
}

fn symbol_at(text: &[char], i: usize) -> Option<(Comparison, usize)> {
    let next = text.get(i + 1).copied();
    match text[i] {
        // Look-alikes from other fonts and input methods (≧ ≦ ＞ ＜ ＝ are already folded by
        // `normalize`).
        '≥' | '⩾' | '≧' => Some((Comparison::AtLeast, 1)),
        '≤' | '⩽' | '≦' => Some((Comparison::AtMost, 1)),
        '═' | '﹦' | '〓' => Some((Comparison::Equal, 1)),
        '﹥' => Some((Comparison::Above, 1)),
        '﹤' => Some((Comparison::Below, 1)),
        '>' if next == Some('=') => Some((Comparison::AtLeast, 2)),
        '<' if next == Some('=') => Some((Comparison::AtMost, 2)),
        '>' => Some((Comparison::Above, 1)),
        '<' => Some((Comparison::Below, 1)),
        '=' => Some((Comparison::Equal, 1)),
        _ => None,
    }
}

/// Reads a number starting at `start` (a digit) and the unit after it.
fn number_at(text: &[char], start: usize) -> (Option<Quantity>, usize) {
    let mut i = start;
    let mut digits = String::new();
    while i < text.len() {
        let c = text[i];
        let decimal_point = c == '.' && text.get(i + 1).is_some_and(|n| n.is_ascii_digit()) && !digits.contains('.');
        if c.is_ascii_digit() || decimal_point {
            digits.push(c);
        } else if c == ',' && is_thousands_separator(text, i) {
            // skip
        } else {
            break;
        }
        i += 1;
    }
    let Ok(written) = parse_decimal(&digits) else {
        return (None, i.max(start + 1));
    };
    let negative = start > 0 && text[start - 1] == '-' && (start < 2 || !text[start - 2].is_ascii_digit());
    let written = if negative { -written } else { written };
    // Spaces between a number and its unit are common in PDF text ("165 件").
    let mut j = i;
    while j < text.len() && text[j] == ' ' {
        j += 1;
    }
    let mut approximate = false;
    if j < text.len() && (text[j] == '多' || text[j] == '余') {
        approximate = true;
        j += 1;
    }
    if j < text.len() && text[j] == '%' {
        let q = Quantity { value: written, written, unit: "%".into(), kind: UnitKind::Percent, approximate };
        return (Some(q), j + 1);
    }
    let rest: String = text[j..text.len().min(j + 8)].iter().collect();
    let unit = UNITS.iter().find(|u| rest.starts_with(**u)).copied();
    let Some(unit) = unit else {
        let q = Quantity { value: written, written, unit: String::new(), kind: UnitKind::Bare, approximate };
        return (Some(q), i);
    };
    let mut end = j + unit.chars().count();
    // Compound units are kept whole as written ("元/人·次", "次/人·年", "人/平方公里"): after a
    // known unit, "/" or "·" followed by a word extends it.
    let mut whole = unit.to_string();
    while end + 1 < text.len() && matches!(text[end], '/' | '·' | '・' | '／') && is_cjk(text[end + 1]) {
        let rest: String = text[end + 1..text.len().min(end + 9)].iter().collect();
        let part = UNITS.iter().find(|u| !u.contains('/') && rest.starts_with(**u)).map(|u| u.to_string()).unwrap_or_else(|| {
            // An unknown word ("平方公里"): the run of Chinese characters, at most four.
            text[end + 1..].iter().take(4).take_while(|c| is_cjk(**c)).collect()
        });
        whole.push(text[end]);
        end += 1 + part.chars().count();
        whole.push_str(&part);
    }
    let unit = whole.as_str();
    let (value, kind) = match unit {
        "元" => (Some(written), UnitKind::Money),
        "万元" => (written.checked_mul(Decimal::from(10_000)), UnitKind::Money),
        "千元" => (written.checked_mul(Decimal::from(1_000)), UnitKind::Money),
        "亿元" => (written.checked_mul(Decimal::from(100_000_000)), UnitKind::Money),
        "万人" | "万人次" => (written.checked_mul(Decimal::from(10_000)), UnitKind::Count),
        u if u.contains('/') => (Some(written), UnitKind::Compound),
        _ => (Some(written), UnitKind::Count),
    };
    let Some(value) = value else {
        return (None, end);
    };
    (Some(Quantity { value, written, unit: unit.to_string(), kind, approximate }), end)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn is_thousands_separator(text: &[char], i: usize) -> bool {
    let before = i > 0 && text[i - 1].is_ascii_digit();
    let three = (1..=3).all(|k| text.get(i + k).is_some_and(|c| c.is_ascii_digit()));
    let then_not_digit = !text.get(i + 4).is_some_and(|c| c.is_ascii_digit());
    before && three && then_not_digit
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// (text, expected summary, expected primary value in canonical units or None)
    fn check(text: &str, summary: &str, value: Option<&str>) {
        let m = Measure::parse(text);
        assert_eq!(m.summary(), summary, "summary of {text:?}");
        assert_eq!(m.primary().map(|q| q.value), value.map(d), "value of {text:?}");
        assert_eq!(m.raw, text);
    }

    #[test]
    fn targets_as_people_write_them() {
        check("≥4次", "≥ 4 次", Some("4"));
        check("返还完成率≥90%", "≥ 90%", Some("90"));
        check("100万元", "100 万元", Some("1000000"));
        check("≤5%", "≤ 5%", Some("5"));
        check("=100%", "= 100%", Some("100"));
        check("按时上报", "定性", None);
        check("从紧", "定性", None);
        check(">=30 件", "≥ 30 件", Some("30"));
        check("不低于95%", "≥ 95%", Some("95"));
        check("控制在10%以内", "≤ 10%", Some("10"));
        check("１２３．５％", "123.5%", Some("123.5"));
        check("1,000,000元", "1000000 元", Some("1000000"));
        check("1.5万人次", "1.5 万人次", Some("15000"));
        check("", "", None);
        check("≥50元/人·次", "≥ 50 元/人·次", Some("50"));
        check("≤200元/人·天", "≤ 200 元/人·天", Some("200"));
        check("≥2次/人·年", "≥ 2 次/人·年", Some("2"));
        check("≥30人/平方公里", "≥ 30 人/平方公里", Some("30"));
    }

    #[test]
    fn look_alike_comparators_and_words() {
        // (text, expected summary)
        let cases = [
            ("≧90%", "≥ 90%"),
            ("≦5天", "≤ 5 天"),
            ("⩾10次", "≥ 10 次"),
            ("⩽3%", "≤ 3%"),
            ("═100%", "= 100%"),
            ("﹦0起", "= 0 起"),
            ("＝100%", "= 100%"),
            ("＞95%", "> 95%"),
            ("＜2小时", "< 2 小时"),
            ("≥ 4 次", "≥ 4 次"),
            ("≤ 10%", "≤ 10%"),
            ("不低于95%", "≥ 95%"),
            ("不少于4次", "≥ 4 次"),
            ("不高于5%", "≤ 5%"),
            ("不超过10天", "≤ 10 天"),
            ("90%以上", "≥ 90%"),
            ("10天以内", "≤ 10 天"),
            ("5%以下", "≤ 5%"),
            ("达到100%", "≥ 100%"),
            ("100%", "100%"),
        ];
        for (text, summary) in cases {
            check(text, summary, Measure::parse(text).primary().map(|q| q.value.to_string()).as_deref());
        }
    }

    #[test]
    fn actuals_as_people_write_them() {
        check("5家", "5 家", Some("5"));
        check("98%", "98%", Some("98"));
        check("已完成", "定性", None);
        check("165 件", "165 件", Some("165"));
        check("开展了20多项市级技能竞赛", "20多 项", Some("20"));
    }

    #[test]
    fn actual_answers_target_by_unit() {
        let target = Measure::parse("返还完成率≥90%");
        let actual = Measure::parse("2024年全市小额缴费工会经费返还单位2211个，总额432.1万元，返还进度98%");
        let t = target.primary().unwrap();
        assert_eq!(actual.answer_to(t), Answer::Found(&actual.quantities[3]));
        assert_eq!(actual.quantities[3].value, d("98"));

        let target = Measure::parse("≥50元/人·次");
        let actual = Measure::parse("99%");
        assert!(matches!(actual.answer_to(target.primary().unwrap()), Answer::UnitMismatch(_)));

        let target = Measure::parse("≥5篇");
        let actual = Measure::parse("组织全市各级工会干部和广大职工积极参加大国工匠论坛征文活动");
        assert_eq!(actual.answer_to(target.primary().unwrap()), Answer::NoNumber);

        // Count words may differ between target and actual ("场" vs "项"): still comparable.
        let target = Measure::parse("≥10场");
        let actual = Measure::parse("开展了20多项市级技能竞赛");
        assert!(matches!(actual.answer_to(target.primary().unwrap()), Answer::Found(_)));
    }
}
