//! The figures a 说明 and the charts speak of, taken from the tables once: totals, parts,
//! 财政拨款 by kind, 一般公共预算 by 类 and 项 with 年初预算, 人员/公用经费, 三公, and last
//! year's figures by key.
//!
//! Guarantees: a figure is `None` only when its table or row is missing (an empty cell is 0);
//! nothing here rounds.

use rust_decimal::Decimal;

use super::{FaRow, FinalAccounts};

/// Keys of last year's figures, with their Chinese labels.
pub const PRIOR_KEYS: &[(&str, &str)] = &[
    ("total", "收、支总计"),
    ("income", "本年收入合计"),
    ("expense", "本年支出合计"),
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("fiscal", "财政拨款收、支总计"),
    ("gpb_in", "一般公共预算财政拨款收入"),
    ("gpb", "一般公共预算财政拨款支出"),
    ("fund", "政府性基金预算财政拨款支出"),
    ("soe", "国有资本经营预算财政拨款支出"),
    ("sangong", "“三公”经费"),
    ("abroad", "因公出国（境）费"),
    ("car", "公务用车购置及运行费"),
    ("car_buy", "公务用车购置费"),
    ("car_run", "公务用车运行费"),
    ("reception", "公务接待费"),
];

/// The Chinese label of a prior key.
pub fn prior_label(key: &str) -> &str {
    PRIOR_KEYS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or(key)
}

/// One 功能分类 line of the 一般公共预算 table: code, name, 年初预算, 决算.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 科目编码.
    pub code: String,
    /// 科目名称.
    pub name: String,
    /// The 类 and 款 names above it (for "类 款 项" sentences).
    pub path: Vec<String>,
    /// 年初预算数, when the table has the column.
    pub budget: Option<Decimal>,
    /// 决算数 (合计).
    pub actual: Decimal,
}

/// The figures a 说明 speaks of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// 收入总计 / 支出总计 (总表).
    pub total_in: Option<Decimal>,
    /// 支出总计.
    pub total_out: Option<Decimal>,
    /// 本年收入合计.
    pub income: Option<Decimal>,
    /// 本年支出合计.
    pub expense: Option<Decimal>,
    /// The 总表's income rows with a figure: (label without its number, value).
    pub income_parts: Vec<(String, Decimal)>,
    /// 基本支出 / 项目支出 of the 支出决算表's 合计.
    pub basic: Option<Decimal>,
    /// 项目支出.
    pub project: Option<Decimal>,
    /// 财政拨款收入总计 / 支出总计.
    pub fiscal_in: Option<Decimal>,
    /// 财政拨款支出总计.
    pub fiscal_out: Option<Decimal>,
    /// 财政拨款本年收入 by kind: 一般公共预算, 政府性基金, 国有资本经营.
    pub fiscal_kinds: [Option<Decimal>; 3],
    /// 一般公共预算财政拨款支出 (合计).
    pub gpb: Option<Decimal>,
    /// Its 年初预算数.
    pub gpb_budget: Option<Decimal>,
    /// Its 类 lines.
    pub gpb_classes: Vec<Line>,
    /// Its 项 lines.
    pub gpb_items: Vec<Line>,
    /// 一般公共预算 基本支出.
    pub gpb_basic: Option<Decimal>,
    /// 人员经费 / 公用经费 合计.
    pub personnel: Option<Decimal>,
    /// 公用经费.
    pub public: Option<Decimal>,
    /// 政府性基金 本年支出; `None` without the table.
    pub fund: Option<Decimal>,
    /// 国有资本经营 本年支出.
    pub soe: Option<Decimal>,
    /// Whether the 政府性基金 / 国有资本经营 tables are empty.
    pub fund_empty: bool,
    /// 国有资本经营 table empty.
    pub soe_empty: bool,
    /// 三公 budget and actual: 合计, 出国, 车小计, 购置, 运行, 接待.
    pub sangong_budget: [Option<Decimal>; 6],
    /// 三公 决算.
    pub sangong_actual: [Option<Decimal>; 6],
}

/// 三公 item keys in column order.
pub const SANGONG_KEYS: [&str; 6] = ["sangong", "abroad", "car", "car_buy", "car_run", "reception"];

/// Collects the facts of a document.
pub fn facts(fa: &FinalAccounts) -> Facts {
    let mut f = Facts::default();
    if let Some(t1) = fa.table("t1") {
        f.total_in = t1.value("in.grand", 0);
        f.total_out = t1.value("out.grand", 0);
        f.income = t1.value("in.total", 0);
        f.expense = t1.value("out.total", 0);
        for r in t1.rows.iter().filter(|r| r.code.starts_with("in.") && !matches!(r.code.as_str(), "in.total" | "in.grand")) {
            let v = r.get(0);
            if !v.is_zero() {
                f.income_parts.push((strip_ordinal(&r.name), v));
            }
        }
    }
    if let Some(t3) = fa.table("t3") {
        if let Some(total) = t3.total_row() {
            f.basic = t3.col("基本支出").map(|c| total.get(c));
            f.project = t3.col("项目支出").map(|c| total.get(c));
            if f.expense.is_none() {
                f.expense = Some(total.get(0));
            }
        }
    }
    if let Some(t4) = fa.table("t4") {
        f.fiscal_in = t4.value("in.grand", 0);
        f.fiscal_out = t4.value("out.grand", 0);
        f.fiscal_kinds = [t4.value("in.gpb", 0), t4.value("in.fund", 0), t4.value("in.soe", 0)];
    }
    if let Some(t5) = fa.table("t5") {
        let total_col = t5.col("合计").unwrap_or(0);
        let budget_col = t5.col("预算");
        if let Some(total) = t5.total_row() {
            f.gpb = Some(total.get(total_col));
            f.gpb_budget = budget_col.map(|c| total.get(c));
            f.gpb_basic = t5.col("基本支出").map(|c| total.get(c));
        }
        let mut path: Vec<String> = Vec::new();
        for r in &t5.rows {
            let line = |r: &FaRow, path: &[String]| Line {
                code: r.code.clone(),
                name: r.name.trim().to_string(),
                path: path.to_vec(),
                budget: budget_col.map(|c| r.get(c)),
                actual: r.get(total_col),
            };
            match r.level() {
                1 => {
                    path = vec![r.name.trim().to_string()];
                    f.gpb_classes.push(line(r, &[]));
                }
                2 => {
                    path.truncate(1);
                    path.push(r.name.trim().to_string());
                }
                3 => f.gpb_items.push(line(r, &path)),
                _ => {}
            }
        }
    }
    if let Some(t6) = fa.table("t6") {
        f.personnel = t6.value("personnel", 0);
        f.public = t6.value("public", 0);
    }
    for (id, out, empty) in [("t7", &mut f.fund, &mut f.fund_empty), ("t8", &mut f.soe, &mut f.soe_empty)] {
        match fa.table(id) {
            Some(t) => {
                let col = t.col("本年支出").unwrap_or(2);
                *out = Some(t.total_row().map(|r| r.get(col)).unwrap_or_default());
                *empty = t.is_empty();
            }
            None => *empty = true,
        }
    }
    if let Some(t9) = fa.table("t9") {
        for i in 0..6 {
            f.sangong_budget[i] = t9.value("budget", i);
            f.sangong_actual[i] = t9.value("actual", i);
        }
    }
    f
}

/// "一、一般公共预算财政拨款收入" → "一般公共预算财政拨款收入".
pub fn strip_ordinal(label: &str) -> String {
    let t = label.trim();
    match t.find('、') {
        Some(i) if t[..i].chars().all(|c| "一二三四五六七八九十".contains(c)) => t[i + '、'.len_utf8()..].trim().to_string(),
        _ => t.to_string(),
    }
}
