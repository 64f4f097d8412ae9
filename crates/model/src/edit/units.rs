//! Unit suffixes typed into number cells ("150万元", "1,500元", "10分") and the message a
//! refused number shows: the value the cell keeps.
//!
//! Guarantees: a suffix is understood only where it is unambiguous: 万元 and 元 in a money cell
//! of a table whose unit is known (元 typed into a 万元 table is converted: 1,500元 is 0.15
//! 万元, exactly, no rounding), 分 in a 分值 or 得分 cell; anywhere else the text is refused as
//! before, so a typed figure is never silently read in the wrong unit.

use rust_decimal::Decimal;

use crate::num::{div, mul, parse_decimal, NumberError};
use crate::report::{MoneyUnit, Report};

use super::{get, parse_optional, table, EditError};

/// What a number cell measures, as far as its unit suffix is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// An amount of money in the table's unit.
    Money(MoneyUnit),
    /// 分值 / 得分 / 总分.
    Points,
    /// Anything else (people, areas, percentages): no suffix understood.
    Plain,
}

/// The quantity of the number cell at `path`.
pub fn quantity(report: &Report, path: &str) -> Quantity {
    let last = path.rsplit('.').next().unwrap_or("");
    if matches!(last, "weight" | "declared_score" | "assessed_score" | "declared_total") {
        return Quantity::Points;
    }
    let head = path.split('.').next().unwrap_or("");
    if path.contains(".budget.") && matches!(last, "initial" | "adjusted" | "executed" | "basic" | "project") {
        return table(report, head).map_or(Quantity::Plain, |t| Quantity::Money(t.unit));
    }
    if head == "basic_data" && matches!(last, "prev_final" | "budget" | "final_") {
        return report.basic_data.as_ref().map_or(Quantity::Plain, |b| Quantity::Money(b.unit));
    }
    if head == "monitor" && matches!(last, "budget" | "executed") {
        return report.monitor.as_ref().map_or(Quantity::Plain, |m| Quantity::Money(m.unit));
    }
    Quantity::Plain
}

/// A typed number with an optional unit suffix the cell understands; empty clears.
pub fn parse_in(quantity: Quantity, text: &str) -> Result<Option<Decimal>, EditError> {
    let t = text.trim();
    let refuse = || EditError::Number(NumberError::NotANumber(t.to_string()));
    let number = |s: &str| parse_decimal(s).map_err(|_| refuse());
    if let Some(n) = t.strip_suffix("万元") {
        return match quantity {
            Quantity::Money(MoneyUnit::WanYuan) => number(n).map(Some),
            Quantity::Money(MoneyUnit::Yuan) => mul(number(n)?, Decimal::from(10_000)).map(Some).ok_or_else(refuse),
            _ => Err(refuse()),
        };
    }
    if let Some(n) = t.strip_suffix('元') {
        return match quantity {
            Quantity::Money(MoneyUnit::Yuan) => number(n).map(Some),
            Quantity::Money(MoneyUnit::WanYuan) => div(number(n)?, Decimal::from(10_000)).map(Some).ok_or_else(refuse),
            _ => Err(refuse()),
        };
    }
    // A percentage is a rate: refused in a money or points cell ("90%" is not 90 分).
    if t.ends_with('%') || t.ends_with('％') {
        return match quantity {
            Quantity::Money(_) | Quantity::Points => Err(refuse()),
            Quantity::Plain => parse_optional(t),
        };
    }
    if let Some(n) = t.strip_suffix('分') {
        return match quantity {
            Quantity::Points => number(n).map(Some),
            _ => Err(refuse()),
        };
    }
    parse_optional(t)
}

/// The message of a refused edit, naming the value the cell keeps: "“abc”不是有效的数字，本格
/// 保留原值 150。" (or "本格仍为空。").
pub fn refused_message(report: &Report, path: &str, error: &EditError) -> String {
    let text = error.to_string();
    let Some(stem) = text.strip_suffix("本格保留原值。") else { return text };
    match get(report, path) {
        old if old.trim().is_empty() => format!("{stem}本格仍为空。"),
        old => format!("{stem}本格保留原值 {old}。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    /// (path, typed, stored value or refused).
    type Case<'a> = (&'a str, &'a str, Result<Option<&'a str>, ()>);

    #[test]
    fn unit_suffixes_where_unambiguous() {
        let mut r = examples::example("seed-000").unwrap().unwrap();
        let cases: &[Case] = &[
            ("overall.budget.executed", "150万元", Ok(Some("150"))),
            ("overall.budget.executed", "1,500元", Ok(Some("0.15"))),
            ("overall.budget.executed", "150", Ok(Some("150"))),
            ("overall.budget.executed", "150分", Err(())),
            ("overall.indicators[0].weight", "10分", Ok(Some("10"))),
            ("overall.declared_total", "98.5 分", Ok(Some("98.5"))),
            ("overall.indicators[0].weight", "10元", Err(())),
            ("overall.indicators[0].weight", "10%", Err(())),
            ("overall.budget.executed", "90%", Err(())),
            ("overall.budget.declared_rate_percent", "90%", Ok(Some("90"))),
            ("overall.budget.declared_rate_percent", "９０％", Ok(Some("90"))),
            ("basic_data.staff_quota", "10元", Err(())),
        ];
        for (path, typed, want) in cases {
            let got = parse_in(quantity(&r, path), typed).map(|v| v.map(|d| d.normalize().to_string())).map_err(|_| ());
            assert_eq!(got, want.map(|v| v.map(str::to_string)), "{path} ← {typed}");
        }
        crate::edit::set_unit(r.overall.as_mut().unwrap(), MoneyUnit::Yuan);
        assert_eq!(parse_in(quantity(&r, "overall.budget.executed"), "2万元").unwrap(), Some(Decimal::from(20_000)));
        assert_eq!(quantity(&r, "overall.budget.by_source[0].executed"), Quantity::Money(MoneyUnit::Yuan));
    }

    #[test]
    fn a_refused_number_says_which_value_stays() {
        let mut r = examples::example("seed-000").unwrap().unwrap();
        r.overall.as_mut().unwrap().budget.executed = Some(Decimal::from(150));
        let before = r.clone();
        let err = crate::edit::set(&mut r, "overall.budget.executed", "abc").unwrap_err();
        assert_eq!(r, before, "nothing changed");
        assert_eq!(refused_message(&r, "overall.budget.executed", &err), "“abc”不是有效的数字，本格保留原值 150。");
        assert_eq!(refused_message(&r, "overall.budget.basic", &EditError::Number(NumberError::NotANumber("x".into()))), "“x”不是有效的数字，本格保留原值 2019.16。");
        r.overall.as_mut().unwrap().budget.basic = None;
        assert!(refused_message(&r, "overall.budget.basic", &err).ends_with("本格仍为空。"));
    }
}
