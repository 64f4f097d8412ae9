//! 插入数据: the standard sentences of a narrative section, drafted from the tables and the
//! computed figures, for the user to edit freely.
//!
//! Guarantees: every figure in a drafted sentence is the table's figure (money with 2 decimals in
//! the table's unit, shares and rates 四舍五入 to 2 decimals), so the narrative checker accepts
//! the draft as it stands; a figure the tables do not have is left out, never written as 0.

use rust_decimal::Decimal;

use crate::check::Evaluation;
use crate::num::{div, fmt2, fmt_rate, plain};
use crate::report::{PerfTable, Report};
use crate::score::TableResult;

/// What a narrative section is about, read from its title (Hunan 一…十, Sichuan 一…四, 专项).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// 基本情况 / 项目概况: staff, 三公经费.
    Basic,
    /// 一般公共预算支出情况 / 资金收支情况: the budget block.
    General,
    /// 政府性基金预算支出情况.
    Fund,
    /// 国有资本经营预算支出情况.
    StateCapital,
    /// 社会保险基金预算支出情况.
    SocialInsurance,
    /// 绩效情况 / 绩效分析 / 评价结论: scores and grades.
    Performance,
    /// 存在的问题及原因分析: rows below full marks with their 偏差原因, budget deviation.
    Problems,
    /// 改进措施 / 改进建议: the tables' 改进措施.
    Improvement,
    /// 结果拟应用和公开情况, 其他需要说明的情况 and anything else: nothing to draft.
    Other,
}

/// The topic of the section titled `title`; each title has exactly one, so no paragraph is
/// drafted into two sections.
pub fn topic(title: &str) -> Topic {
    let has = |keys: &[&str]| keys.iter().any(|k| title.contains(k));
    if has(&["问题"]) {
        Topic::Problems
    } else if has(&["应用", "公开", "其他需要说明"]) {
        Topic::Other
    } else if has(&["评价结论", "绩效情况", "绩效分析", "自评结果", "完成情况", "绩效目标"]) {
        Topic::Performance
    } else if has(&["改进", "措施", "建议"]) {
        Topic::Improvement
    } else if has(&["政府性基金"]) {
        Topic::Fund
    } else if has(&["国有资本"]) {
        Topic::StateCapital
    } else if has(&["社会保险"]) {
        Topic::SocialInsurance
    } else if has(&["一般公共预算", "收支", "预算执行", "支出情况"]) {
        Topic::General
    } else if has(&["基本情况", "概况"]) {
        Topic::Basic
    } else {
        Topic::Other
    }
}

/// The drafted text for the section titled `title` (empty when the tables hold nothing for it).
pub fn draft(report: &Report, evaluation: &Evaluation, title: &str) -> String {
    let mut sentences = Vec::new();
    let overall = report.overall.as_ref().zip(evaluation.tables.iter().find(|t| t.path == "overall"));
    let tables = || report.scored_tables().into_iter().filter_map(|(path, t)| evaluation.tables.iter().find(|r| r.path == path).map(|r| (t, r)));
    match topic(title) {
        Topic::Basic => {
            if let Some(basic) = &report.basic_data {
                if let (Some(quota), Some(actual)) = (basic.staff_quota, basic.staff_actual) {
                    sentences.push(format!("{}编制数{}人，实际在职人数{}人。", report.department, plain(quota), plain(actual)));
                }
                let unit = basic.unit.label();
                let t = &basic.three_public;
                if let (Some(b), Some(f)) = (t.budget, t.final_) {
                    sentences.push(format!("“三公”经费预算数{}{unit}，决算数{}{unit}。", fmt2(b), fmt2(f)));
                }
            }
        }
        Topic::General => {
            if let Some((table, result)) = overall {
                sentences.extend(budget_sentences(report.year, table, result));
            }
        }
        Topic::Fund => sentences.extend(fund_sentence(report, "政府性基金", "政府性基金预算")),
        Topic::StateCapital => sentences.extend(fund_sentence(report, "国有资本", "国有资本经营预算")),
        Topic::SocialInsurance => sentences.extend(fund_sentence(report, "社会保险", "社会保险基金预算")),
        Topic::Performance => {
            if let Some((_, result)) = overall {
                sentences.push(result_sentence("部门整体支出绩效自评", result));
            }
            let projects: Vec<String> = tables()
                .filter(|(t, _)| t.kind == crate::report::TableKind::Project)
                .filter_map(|(p, r)| r.total.map(|total| format!("{}{}分（{}）", p.name, fmt2(total), r.grade.clone().unwrap_or_default())))
                .collect();
            if !projects.is_empty() {
                sentences.push(format!("项目支出绩效自评{}个：{}。", projects.len(), projects.join("；")));
            }
        }
        Topic::Problems => {
            for (table, result) in tables() {
                sentences.extend(problem_sentences(table, result));
            }
        }
        Topic::Improvement => {
            for (table, _) in tables() {
                let text = table.improvement.trim();
                if !text.is_empty() {
                    sentences.push(format!("{}{}", table_prefix(table), ensure_stop(text)));
                }
            }
        }
        Topic::Other => {}
    }
    sentences.join("")
}

/// "项目“…”：" for a project table, nothing for the 部门整体 table.
fn table_prefix(table: &PerfTable) -> String {
    match table.kind {
        crate::report::TableKind::Project => format!("项目“{}”：", table.name.trim()),
        crate::report::TableKind::Overall => String::new(),
    }
}

fn ensure_stop(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['。', '；', '！', '.']) {
        text.to_string()
    } else {
        format!("{text}。")
    }
}

/// The 其中 line of the 整体表 naming this kind of fund: its 执行数, "无…支出" when it is 0,
/// nothing when the table does not say.
fn fund_sentence(report: &Report, key: &str, what: &str) -> Option<String> {
    let table = report.overall.as_ref()?;
    let line = table.budget.by_source.iter().find(|l| l.label.contains(key))?;
    let executed = line.executed?;
    Some(if executed.is_zero() {
        format!("本年度无{what}支出。")
    } else {
        format!("{what}支出{}{}。", fmt2(executed), table.unit.label())
    })
}

/// What a table says about problems: a budget rate off the budget, every scored row below its
/// 分值 with its 偏差原因, and the table's own 原因分析.
fn problem_sentences(table: &PerfTable, result: &TableResult) -> Vec<String> {
    let prefix = table_prefix(table);
    let mut out = Vec::new();
    if let Some(rate) = result.budget.rate {
        if rate > Decimal::ONE || rate < Decimal::new(9, 1) {
            out.push(format!("{prefix}预算执行率{}，执行数与预算数偏差较大。", fmt_rate(rate)));
        }
    }
    let rows = table.indicators.iter().chain(table.goals.iter().flat_map(|g| g.indicators.iter()));
    let mut below = Vec::new();
    for (ind, row) in rows.zip(&result.rows) {
        let (Some(score), Some(weight)) = (row.score, ind.weight) else { continue };
        if score < weight {
            let reason = ind.reason.split_whitespace().collect::<Vec<_>>().join("");
            let reason = if reason.is_empty() { String::new() } else { format!("，{}", reason.trim_end_matches(['。', '；'])) };
            below.push(format!("“{}”分值{}分，得{}分{reason}", ind.name.trim(), plain(weight), fmt2(score)));
        }
    }
    if !below.is_empty() {
        out.push(format!("{prefix}{}个指标未得满分：{}。", below.len(), below.join("；")));
    }
    let analysis = table.deviation_analysis.trim();
    if !analysis.is_empty() {
        out.push(format!("{prefix}{}", ensure_stop(analysis)));
    }
    out
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
    use crate::finding::Findings;
    use crate::{evaluate, examples};

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
    }

    #[test]
    fn each_hunan_section_gets_its_own_paragraph() {
        let r = examples::example("seed-000").unwrap().unwrap();
        let e = evaluate(&r);
        let texts: Vec<(String, String)> = r.narrative.iter().map(|s| (s.title.clone(), draft(&r, &e, &s.title))).collect();
        let by = |n: &str| texts.iter().find(|(t, _)| t.starts_with(n)).map(|(_, d)| d.clone()).unwrap();
        assert!(by("二、").contains("全年执行数2951.83万元"));
        for n in ["三、", "四、", "五、", "九、", "十、"] {
            assert_eq!(by(n), "", "{n} has no figure of its own in seed 000");
        }
        assert!(by("六、").starts_with("部门整体支出绩效自评得分98.00分"));
        let problems = by("七、");
        assert!(problems.contains("预算执行率373.29%，执行数与预算数偏差较大。"), "{problems}");
        assert!(problems.contains("“活动阵地建设”分值5分，得3.00分"), "{problems}");
        let filled: Vec<&String> = texts.iter().map(|(_, d)| d).filter(|d| !d.is_empty()).collect();
        for (i, a) in filled.iter().enumerate() {
            assert!(filled[i + 1..].iter().all(|b| b != a), "the same paragraph twice: {a}");
        }
    }

    #[test]
    fn fund_sections_take_their_own_line_and_improvements_come_from_the_tables() {
        let mut r = examples::example("seed-000").unwrap().unwrap();
        let t = r.overall.as_mut().unwrap();
        t.budget.by_source[1].executed = Some(Decimal::new(1250, 1));
        t.improvement = "加强预算编制".into();
        let e = evaluate(&r);
        assert_eq!(draft(&r, &e, "三、政府性基金预算支出情况"), "政府性基金预算支出125.00万元。");
        assert_eq!(draft(&r, &e, "四、国有资本经营预算支出情况"), "");
        assert_eq!(draft(&r, &e, "八、下一步改进措施"), "加强预算编制。");
        assert_eq!(topic("四、评价结论及建议"), Topic::Performance);
        assert_eq!(topic("九、部门整体支出绩效自评结果拟应用和公开情况"), Topic::Other);
        assert_eq!(topic("二、部门资金收支情况"), Topic::General);
    }

    #[test]
    fn drafted_figures_pass_the_narrative_checker() {
        let r = examples::example("seed-000").unwrap().unwrap();
        let e = evaluate(&r);
        let text = draft(&r, &e, "二、一般公共预算支出情况");
        let mut findings = Findings::default();
        crate::narrative::check_text(&text, "narrative[1].text", Decimal::new(1, 2), &mut findings);
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
