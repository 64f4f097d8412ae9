//! The 情况说明 drafted from the tables in the national outline (一 收入支出决算总体 … 九 三公,
//! 政府性基金 / 国有资本经营 空表说明), every figure computed: amounts, changes against last
//! year with their percentages, shares and completion rates; 持平 / 增加 / 减少 from the
//! figures. Where a figure changed, "主要原因：" is left for the user (a [`Gap`] flags it).
//!
//! Guarantees: percentages are 四舍五入 to 2 places; a rate over a zero base is never printed as
//! a number ("年初预算为 0，无法计算完成率"); a missing last-year figure gives no change clause.

use rust_decimal::Decimal;

use super::facts::{facts, Facts, SANGONG_KEYS};
use super::FinalAccounts;
use crate::num::{div, fmt2, fmt_rate};

/// The standard 名词解释 (editable by the user).
pub const GLOSSARY: &str = "（一）财政拨款收入：指单位从同级财政部门取得的财政预算资金。\n（二）事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。\n（三）经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。\n（四）其他收入：指单位取得的除上述收入以外的各项收入。\n（五）使用非财政拨款结余（含专用结余）：指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。\n（六）年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。\n（七）结余分配：指事业单位按照会计制度的规定从非财政补助结余中分配的事业基金和职工福利基金等。\n（八）年末结转和结余：指单位按有关规定结转到下年或以后年度继续使用的资金。\n（九）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。\n（十）项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。\n（十一）“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。\n（十二）机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。";

/// The placeholder a drafted sentence leaves for the reason.
pub const REASON_PLACEHOLDER: &str = "主要原因：（请填写）";

/// One drafted section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// "一、收入支出决算总体情况说明".
    pub heading: String,
    /// The text (paragraphs separated by `\n`).
    pub text: String,
    /// The chart drawn under it (图1 … 图6), if any.
    pub chart: Option<u8>,
}

/// A place the user still has to fill (a reason), by section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Section index.
    pub section: usize,
    /// What is missing, in Chinese.
    pub message: String,
}

/// "占 X%" of `part` in `whole`, or "" when the whole is 0.
pub fn share(part: Decimal, whole: Decimal) -> String {
    div(part, whole).map(|r| format!("，占{}", fmt_rate(r))).unwrap_or_default()
}

/// "与上年相比增加 X 万元，增长 P%" / "与上年持平"; `None` without last year's figure.
pub fn change(now: Decimal, last: Option<Decimal>) -> Option<(String, bool)> {
    let last = last?;
    let delta = now - last;
    if delta.is_zero() {
        return Some(("与上年持平".into(), false));
    }
    let (up, word, rate_word) = if delta > Decimal::ZERO { (true, "增加", "增长") } else { (false, "减少", "下降") };
    let _ = up;
    let rate = div(delta.abs(), last).map(|r| format!("，{rate_word}{}", fmt_rate(r))).unwrap_or_default();
    Some((format!("与上年相比{word}{}万元{rate}", fmt2(delta.abs())), true))
}

/// "完成年初预算的 R%" or the zero-budget sentence.
pub fn completion(actual: Decimal, budget: Decimal, what: &str) -> String {
    match div(actual, budget) {
        Some(r) => format!("完成{what}的{}", fmt_rate(r)),
        None => format!("{what}为0，无法计算完成率"),
    }
}

fn amount(v: Option<Decimal>) -> String {
    format!("{}万元", fmt2(v.unwrap_or_default()))
}

/// Drafts the 说明 and lists the reasons the user still has to write.
pub fn draft(fa: &FinalAccounts) -> (Vec<Section>, Vec<Gap>) {
    let f = facts(fa);
    let last = |k: &str| fa.last_year.get(k).copied();
    let year = fa.year.trim();
    let mut sections: Vec<Section> = Vec::new();
    let mut gaps: Vec<Gap> = Vec::new();
    let mut push = |heading: &str, mut text: String, chart: Option<u8>, changed: bool| {
        if changed {
            text.push('。');
            text.push_str(REASON_PLACEHOLDER);
            gaps.push(Gap { section: sections.len(), message: format!("“{heading}”中的主要原因尚未填写。") });
        }
        if !text.ends_with('。') && !text.ends_with('）') {
            text.push('。');
        }
        sections.push(Section { heading: heading.to_string(), text, chart });
    };
    // 一 总体.
    let total = f.total_in.unwrap_or_default();
    let (c, changed) = change(total, last("total")).unwrap_or_default();
    let mut text = format!("{year}年度收、支总计均为{}", amount(f.total_in));
    if !c.is_empty() {
        text.push_str(&format!("。{c}"));
    }
    push("一、收入支出决算总体情况说明", text, Some(1), changed);
    // 二 收入.
    let income = f.income.unwrap_or_default();
    let mut text = format!("{year}年度本年收入合计{}", amount(f.income));
    if let Some((c, _)) = change(income, last("income")) {
        text.push_str(&format!("，{c}"));
    }
    let parts: Vec<String> = f.income_parts.iter().filter(|(n, _)| n.ends_with("收入")).map(|(n, v)| format!("{n}{}万元{}", fmt2(*v), share(*v, income))).collect();
    if !parts.is_empty() {
        text.push_str(&format!("。其中：{}", parts.join("；")));
    }
    push("二、收入决算情况说明", text, Some(2), false);
    // 三 支出.
    let expense = f.expense.unwrap_or_default();
    let mut text = format!("{year}年度本年支出合计{}", amount(f.expense));
    if let Some((c, _)) = change(expense, last("expense")) {
        text.push_str(&format!("，{c}"));
    }
    text.push_str(&format!(
        "。其中：基本支出{}{}；项目支出{}{}",
        amount(f.basic),
        share(f.basic.unwrap_or_default(), expense),
        amount(f.project),
        share(f.project.unwrap_or_default(), expense)
    ));
    push("三、支出决算情况说明", text, Some(3), false);
    // 四 财政拨款总体.
    let fiscal = f.fiscal_in.unwrap_or_default();
    let (c, changed) = change(fiscal, last("fiscal")).unwrap_or_default();
    let mut text = format!("{year}年度财政拨款收、支总计均为{}", amount(f.fiscal_in));
    if !c.is_empty() {
        text.push_str(&format!("。{c}"));
    }
    push("四、财政拨款收入支出决算总体情况说明", text, Some(4), changed);
    // 五 一般公共预算.
    push("五、一般公共预算财政拨款支出决算情况说明", gpb_text(&f, year, last("gpb")), Some(5), false);
    let gpb = f.gpb.unwrap_or_default();
    let (c, changed) = change(gpb, last("gpb")).unwrap_or_default();
    let mut text = format!("（一）总体情况：{year}年度一般公共预算财政拨款支出{}{}", amount(f.gpb), share(gpb, expense).replace("，占", "，占本年支出合计的"));
    if !c.is_empty() {
        text.push_str(&format!("。{c}"));
    }
    push("（一）一般公共预算财政拨款支出决算总体情况", text, None, changed);
    let classes: Vec<String> = f.gpb_classes.iter().map(|l| format!("{}（类）{}万元{}", l.name.trim_end_matches("支出"), fmt2(l.actual), share(l.actual, gpb))).collect();
    push("（二）一般公共预算财政拨款支出决算结构情况", format!("{year}年度一般公共预算财政拨款支出{}，主要用于：{}", amount(f.gpb), classes.join("；")), Some(6), false);
    let mut lines = Vec::new();
    if let Some(budget) = f.gpb_budget {
        lines.push(format!("{year}年度一般公共预算财政拨款支出年初预算为{}万元，支出决算为{}，{}", fmt2(budget), amount(f.gpb), completion(gpb, budget, "年初预算")));
    }
    let mut any_off = false;
    for (n, l) in f.gpb_items.iter().enumerate() {
        let who = format!("{}.{}（类）{}（款）{}（项）", n + 1, l.path.first().map(|s| s.trim_end_matches("支出")).unwrap_or(""), l.path.get(1).map(String::as_str).unwrap_or(""), l.name);
        let mut s = match l.budget {
            Some(b) => format!("{who}。年初预算为{}万元，支出决算为{}万元，{}", fmt2(b), fmt2(l.actual), completion(l.actual, b, "年初预算")),
            None => format!("{who}。支出决算为{}万元", fmt2(l.actual)),
        };
        if l.budget.is_some_and(|b| b != l.actual) {
            any_off = true;
            s.push_str(if l.budget.is_some_and(|b| l.actual > b) { "，决算数大于年初预算数的主要原因：（请填写）" } else { "，决算数小于年初预算数的主要原因：（请填写）" });
        }
        lines.push(s);
    }
    let heading = "（三）一般公共预算财政拨款支出决算具体情况";
    if any_off {
        gaps.push(Gap { section: sections.len(), message: format!("“{heading}”中决算数与年初预算数不同的科目尚未填写原因。") });
    }
    sections.push(Section { heading: heading.into(), text: lines.join("。\n") + "。", chart: None });
    // 六 基本支出.
    let text = format!(
        "{year}年度一般公共预算财政拨款基本支出{}，其中：人员经费{}，主要包括：基本工资、津贴补贴、奖金、社会保障缴费、住房公积金等；公用经费{}，主要包括：办公费、差旅费、委托业务费、工会经费等",
        amount(f.gpb_basic),
        amount(f.personnel),
        amount(f.public)
    );
    sections.push(Section { heading: "六、一般公共预算财政拨款基本支出决算情况说明".into(), text: text + "。", chart: None });
    // 七 八 基金 / 国资.
    for (heading, empty, value, none) in [
        ("七、政府性基金预算财政拨款收入支出决算情况说明", f.fund_empty, f.fund, "本单位当年无政府性基金预算财政拨款收入支出。"),
        ("八、国有资本经营预算财政拨款支出决算情况说明", f.soe_empty, f.soe, "本单位当年无国有资本经营预算财政拨款支出。"),
    ] {
        let text = if empty { none.to_string() } else { format!("{year}年度{}支出{}{}。", &heading[heading.find('、').map(|i| i + 3).unwrap_or(0)..heading.find("支出").unwrap_or(heading.len())], amount(value), share(value.unwrap_or_default(), expense).replace("，占", "，占本年支出合计的")) };
        sections.push(Section { heading: heading.into(), text, chart: None });
    }
    // 九 三公.
    sections.push(Section { heading: "九、财政拨款“三公”经费支出决算情况说明".into(), text: sangong_text(&f, year, fa), chart: None });
    (sections, gaps)
}

fn gpb_text(f: &Facts, year: &str, _last: Option<Decimal>) -> String {
    format!("{year}年度一般公共预算财政拨款支出{}", amount(f.gpb))
}

fn sangong_text(f: &Facts, year: &str, fa: &FinalAccounts) -> String {
    let labels = ["“三公”经费财政拨款支出", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费"];
    let mut out = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let (b, a) = (f.sangong_budget[i].unwrap_or_default(), f.sangong_actual[i].unwrap_or_default());
        let mut s = format!("{}{label}全年预算为{}万元，支出决算为{}万元，{}", if i == 0 { year.to_string() + "年度" } else { String::new() }, fmt2(b), fmt2(a), completion(a, b, "全年预算"));
        if let Some((c, _)) = change(a, fa.last_year.get(SANGONG_KEYS[i]).copied()) {
            s.push_str(&format!("，{}", c.replace("与上年相比", "较上年")));
        }
        out.push(s);
    }
    out.join("。\n") + "。"
}

/// The drafted 说明 as one text (headings on their own lines), for the statement checker and
/// the Word file.
pub fn draft_text(fa: &FinalAccounts) -> String {
    let (sections, _) = draft(fa);
    sections.iter().map(|s| format!("{}\n{}", s.heading, s.text)).collect::<Vec<_>>().join("\n")
}
