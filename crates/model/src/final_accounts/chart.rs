//! The six charts of the 说明, as specs of the one chart module (`model::chart`, which draws
//! them as SVG with a text alternative, and whose spec the Word writer turns into DrawingML):
//! 图1 收、支决算总计变动 (bar), 图2 收入决算结构 (pie), 图3 支出决算结构 (pie),
//! 图4 财政拨款收、支决算总计变动 (bar), 图5 一般公共预算财政拨款支出决算变动 (bar),
//! 图6 一般公共预算财政拨款支出决算结构 (pie). Only what is 决算-specific lives here: which
//! charts, and their figures (万元) taken from the tables through `facts`.

use rust_decimal::Decimal;

use super::facts::facts;
use super::FinalAccounts;
use crate::chart::{ChartKind, ChartSpec};

/// A chart of one unnamed series in 万元.
fn spec(title: &str, kind: ChartKind, values: Vec<(String, Decimal)>) -> ChartSpec {
    let (labels, values) = values.into_iter().unzip();
    ChartSpec::simple(title, kind, labels, values, "万元")
}

/// The six charts of a document (a bar chart without last year's figure shows this year only).
pub fn charts(fa: &FinalAccounts) -> Vec<ChartSpec> {
    let f = facts(fa);
    let last = |k: &str| fa.last_year.get(k).copied();
    let (y, py) = (fa.year.trim().to_string(), fa.year.trim().parse::<i32>().map(|v| (v - 1).to_string()).unwrap_or_else(|_| "上".into()));
    let bar = |title: &str, now: Option<Decimal>, before: Option<Decimal>| {
        let mut values = Vec::new();
        if let Some(b) = before {
            values.push((format!("{py}年度"), b));
        }
        values.push((format!("{y}年度"), now.unwrap_or_default()));
        spec(title, ChartKind::Bar, values)
    };
    let mut expense_parts = vec![("基本支出".to_string(), f.basic.unwrap_or_default()), ("项目支出".to_string(), f.project.unwrap_or_default())];
    expense_parts.retain(|(_, v)| !v.is_zero());
    vec![
        bar("图1：收、支决算总计变动情况", f.total_in, last("total")),
        spec("图2：收入决算结构", ChartKind::Pie, f.income_parts.iter().filter(|(n, _)| n.ends_with("收入")).cloned().collect()),
        spec("图3：支出决算结构", ChartKind::Pie, expense_parts),
        bar("图4：财政拨款收、支决算总计变动情况", f.fiscal_in, last("fiscal")),
        bar("图5：一般公共预算财政拨款支出决算变动情况", f.gpb, last("gpb")),
        spec("图6：一般公共预算财政拨款支出决算结构", ChartKind::Pie, f.gpb_classes.iter().filter(|l| !l.actual.is_zero()).map(|l| (l.name.clone(), l.actual)).collect()),
    ]
}
