//! 插入数据: the standard sentences of a narrative section, drafted from the tables and the
//! computed figures, for the user to edit freely.
//!
//! Guarantees: every figure in a drafted sentence is the table's figure (money with 2 decimals in
//! the table's unit, shares and rates 四舍五入 to 2 decimals), so the narrative checker accepts
//! the draft as it stands; a figure the tables do not have is left out, never written as 0.

use rust_decimal::Decimal;

use crate::model::check::Evaluation;
use crate::model::num::{div, fmt2, fmt_rate, plain};
use crate::model::report::{PerfTable, Report};
use crate::model::score::TableResult;

/// The drafted text for the section titled `title` (empty when the tables hold nothing for it).
pub fn draft(report: &Report, evaluation: &Evaluation, title: &str) -> String {
    let mut sentences = Vec::new();
    let overall = report.overall.as_ref().zip(evaluation.tables.iter().find(|t| t.path == "overall"));
    if title.contains("基本情况") {
        if let Some(basic) = &report.basic_data {
            if let (Some(quota), Some(actual)) = (basic.staff_quota, basic.staff_actual) {
                sentences.push(format!("{}编制数{}人，实际在职人数{}人。", report.department, plain(quota), plain(actual)));
            }
        }
    }
    let about_money = ["支出情况", "预算执行", "收支"].iter().any(|k| title.contains(k));
    let about_results = ["绩效情况", "自评结果", "评价结论", "绩效目标", "完成情况"].iter().any(|k| title.contains(k));
    if about_money || !about_results && sentences.is_empty() && !title.contains("问题") && !title.contains("措施") {
        if let Some((table, result)) = overall {
            sentences.extend(budget_sentences(report.year, table, result));
        }
        if about_money {
            if let Some(basic) = &report.basic_data {
                let unit = basic.unit.label();
                let t = &basic.three_public;
                if let (Some(b), Some(f)) = (t.budget, t.final_) {
                    sentences.push(format!("“三公”经费预算数{}{unit}，决算数{}{unit}。", fmt2(b), fmt2(f)));
                }
            }
        }
    }
    if about_results {
        if let Some((_, result)) = overall {
            sentences.push(result_sentence("部门整体支出绩效自评", result));
        }
        let projects: Vec<String> = report
            .projects
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let path = format!("projects[{i}]");
                evaluation.tables.iter().find(|t| t.path == path).map(|r| (p, r))
            })
            .filter_map(|(p, r)| r.total.map(|total| format!("{}{}分（{}）", p.name, fmt2(total), r.grade.clone().unwrap_or_default())))
            .collect();
        if !projects.is_empty() {
            sentences.push(format!("项目支出绩效自评{}个：{}。", projects.len(), projects.join("；")));
        }
    }
    sentences.join("")
}

fn budget_sentences(year: u32, table: &PerfTable, result: &TableResult) -> Vec<String> {
    let unit = table.unit.label();
    let b = &table.budget;
    let mut out = Vec::new();
    let mut parts = Vec::new();
    if let Some(v) = b.initial {
        parts.push(format!("年初预算数{}{unit}", fmt2(v)));
    }
    if let Some(v) = b.adjusted {
        parts.push(format!("全年预算数{}{unit}", fmt2(v)));
    }
    if !parts.is_empty() {
        let year = if year > 0 { format!("{year}年度") } else { String::new() };
        out.push(format!("{year}{}。", parts.join("，")));
    }
    // The split names its whole first, in its own sentence, so a reader (and the narrative
    // checker) takes each share against 全年执行数, not against the budget.
    if let Some(executed) = b.executed {
        let share = |part: Decimal| div(part, executed).map(fmt_rate);
        let mut split = Vec::new();
        for (label, value) in [("基本支出", b.basic), ("项目支出", b.project)] {
            if let Some(v) = value {
                split.push(match share(v) {
                    Some(s) => format!("{label}{}{unit}，占{s}", fmt2(v)),
                    None => format!("{label}{}{unit}", fmt2(v)),
                });
            }
        }
        if split.is_empty() {
            out.push(format!("全年执行数{}{unit}。", fmt2(executed)));
        } else {
            out.push(format!("全年执行数{}{unit}，其中{}。", fmt2(executed), split.join("；")));
        }
    }
    if let Some(rate) = result.budget.rate {
        out.push(format!("预算执行率{}。", fmt_rate(rate)));
    }
    out
}

fn result_sentence(what: &str, result: &TableResult) -> String {
    let mut s = match (result.total, &result.grade) {
        (Some(total), Some(grade)) => format!("{what}得分{}分，评价等次为“{grade}”。", fmt2(total)),
        (Some(total), None) => format!("{what}得分{}分。", fmt2(total)),
        _ => format!("{what}得分尚不能计算（自评表未填完整）。"),
    };
    let mut parts = Vec::new();
    if let (Some(rate), Some(score)) = (result.budget.rate, result.budget.score) {
        parts.push(format!("预算执行率{}，得{}分（分值{}分）", fmt_rate(rate), fmt2(score), plain(result.budget.weight)));
    }
    let subtotals = if result.goals.is_empty() { &result.level1 } else { &result.goals };
    for sub in subtotals {
        if let Some(score) = sub.score {
            let weight = sub.declared_weight.or(sub.rule_weight).unwrap_or(sub.weight_sum);
            parts.push(format!("{}得{}分（分值{}分）", sub.name, fmt2(score), plain(weight)));
        }
    }
    if !parts.is_empty() {
        s.push_str(&format!("其中{}。", parts.join("；")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::finding::Findings;
    use crate::model::{evaluate, examples};

    #[test]
    fn seed_000_budget_and_results() {
        let r = examples::example("seed-000").unwrap().unwrap();
        let e = evaluate(&r);
        let money = draft(&r, &e, "二、一般公共预算支出情况");
        assert!(
            money.starts_with(
                "2024年度年初预算数790.77万元，全年预算数790.77万元。全年执行数2951.83万元，其中基本支出2019.16万元，占68.40%；项目支出932.67万元，占31.60%。预算执行率373.29%。"
            ),
            "{money}"
        );
        let results = draft(&r, &e, "六、部门整体支出绩效情况");
        assert!(results.starts_with("部门整体支出绩效自评得分98.00分，评价等次为“优”。"), "{results}");
        assert!(results.contains("产出指标得48.00分（分值50分）"), "{results}");
        assert_eq!(draft(&r, &e, "七、存在的问题及原因分析"), "");
    }

    #[test]
    fn drafted_figures_pass_the_narrative_checker() {
        let r = examples::example("seed-000").unwrap().unwrap();
        let e = evaluate(&r);
        let text = draft(&r, &e, "二、一般公共预算支出情况");
        let mut findings = Findings::default();
        crate::model::narrative::check_text(&text, "narrative[1].text", Decimal::new(1, 2), &mut findings);
        assert!(findings.0.is_empty(), "{:?}", findings.0);
    }

    #[test]
    fn empty_report_drafts_nothing() {
        let r = Report::default();
        let e = evaluate(&r);
        assert_eq!(draft(&r, &e, "二、一般公共预算支出情况"), "");
        assert_eq!(draft(&r, &e, "六、部门整体支出绩效情况"), "");
    }
}
