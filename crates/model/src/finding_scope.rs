//! Which findings a page shows, and how a finding names the row it is about.
//!
//! Guarantees: a report nobody has typed into yet (exactly what 新建 made) shows no findings;
//! a page limited to one table (快速核分) shows only findings on fields of that table; when the
//! same message appears more than once in a list, each copy names its table, row number and
//! 三级指标, so the reader can tell them apart. Nothing here changes a figure.

use crate::check::Evaluation;
use crate::edit::{self, new_report, NewReport};
use crate::finding::Finding;
use crate::report::{Report, TableKind};
use crate::rules;

/// Whether the report is exactly what 新建自评报告 made for its rule pack, year, 部门 and tables:
/// nothing has been typed yet, so nothing can be wrong yet.
pub fn untouched(report: &Report) -> bool {
    let Some(pack) = rules::find(&report.rule_pack) else { return false };
    let form = NewReport {
        id: report.id.clone(),
        rule_pack: report.rule_pack.clone(),
        year: report.year,
        department: report.department.clone(),
        overall: report.overall.is_some(),
        basic_data: report.basic_data.is_some(),
        projects: report.projects.len(),
        narrative: !report.narrative.is_empty(),
    };
    new_report(&form, pack) == *report
}

/// Whether a finding's path lies in the part of the report at `scope` (`overall`, `projects[1]`).
pub fn within(path: &str, scope: &str) -> bool {
    path.strip_prefix(scope).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// The evaluation as a page shows it: no findings on an untouched new report; with `scope`,
/// only the findings on fields of that part (快速核分 shows a single table, so 封面 or 部门
/// findings there would be problems the user cannot fix on that page).
pub fn shown(report: &Report, mut evaluation: Evaluation, scope: Option<&str>) -> Evaluation {
    if untouched(report) {
        evaluation.findings.clear();
    } else if let Some(scope) = scope {
        evaluation.findings.retain(|f| within(&f.path, scope));
    }
    evaluation
}

/// Whether the table at `path` is a 项目 table, as print and Word decide it: by its kind (a 项目
/// table typed in 快速核分 sits in the `overall` slot), or by being one of `projects`.
pub fn is_project(table: &crate::report::PerfTable, path: &str) -> bool {
    table.kind == TableKind::Project || path.starts_with("projects[")
}

/// The official name of a scored table (`overall`, `projects[0]`).
pub fn table_label(report: &Report, path: &str) -> String {
    match edit::table(report, path) {
        Some(t) if !is_project(t, path) => "部门整体支出绩效自评表".to_string(),
        Some(t) => format!("项目支出绩效自评表：{}", if t.name.trim().is_empty() { "（未命名项目）" } else { t.name.trim() }),
        None => String::new(),
    }
}

fn index(segment: &str, name: &str) -> Option<usize> {
    segment.strip_prefix(name)?.strip_prefix('[')?.strip_suffix(']')?.parse().ok()
}

/// The indicator row a path is about, as a reader names it: (table path, row path, "第 3 行",
/// 三级指标 or, when that is empty, 二级指标).
pub fn row_of(report: &Report, path: &str) -> Option<(String, String, String, String)> {
    let mut parts = path.split('.');
    let table_path = parts.next()?;
    let table = edit::table(report, table_path)?;
    let second = parts.next()?;
    let (row_path, row, indicator) = match index(second, "indicators") {
        Some(i) => (format!("{table_path}.{second}"), i, table.indicators.get(i)?),
        None => {
            let g = index(second, "goals")?;
            let third = parts.next()?;
            let i = index(third, "indicators")?;
            (format!("{table_path}.{second}.{third}"), i, table.goals.get(g)?.indicators.get(i)?)
        }
    };
    let name = [&indicator.name, &indicator.level2].into_iter().map(|s| s.trim()).find(|s| !s.is_empty()).unwrap_or("").to_string();
    Some((table_path.to_string(), row_path, format!("第 {} 行", row + 1), name))
}

/// Where a finding is, in words: "部门整体支出绩效自评表 第 3 行“资金到位率”" (table name left
/// out when `with_table` is false, e.g. under the table's own heading), or `None` when the
/// finding is not about an indicator row.
pub fn place(report: &Report, path: &str, with_table: bool) -> Option<String> {
    let (table, _, row, name) = row_of(report, path)?;
    let mut out = String::new();
    if with_table {
        out.push_str(&table_label(report, &table));
        out.push(' ');
    }
    out.push_str(&row);
    if !name.is_empty() {
        out.push_str(&format!("“{name}”"));
    }
    Some(out)
}

/// The words of a field's last segment: 实际完成值 for `actual`, 全年执行数 for `executed`.
fn field_words(segment: &str) -> Option<&'static str> {
    let key = segment.split('[').next().unwrap_or(segment);
    Some(match key {
        "level1" => "一级指标",
        "level2" => "二级指标",
        "name" => "名称",
        "target" => "年度指标值",
        "target_note" => "年度指标值说明",
        "actual" => "实际完成值",
        "weight" => "分值",
        "declared_score" => "得分",
        "assessed_score" => "评定得分",
        "tier" => "评定档次",
        "reason" => "偏差原因分析及改进措施",
        "initial" => "年初预算数",
        "adjusted" => "全年预算数",
        "executed" => "全年执行数",
        "declared_rate_percent" => "执行率",
        "basic" => "基本支出",
        "project" => "项目支出",
        "declared_total" => "总分",
        "declared_grade" => "评价等次",
        "goal_expected" => "年度总体目标（预期目标）",
        "goal_actual" => "年度总体目标（实际完成情况）",
        "level1_weights" => "一级指标分值",
        "deviation_analysis" => "偏差大或目标未完成原因分析",
        "improvement" => "改进措施及结果应用方案",
        "supervisor" => "主管部门",
        "implementer" => "实施单位",
        "code" => "项目编码",
        "unit" => "金额单位",
        "budget" => "预算执行情况",
        "by_source" => "资金来源",
        "department" => "部门（单位）名称",
        "year" => "年度",
        "rule_pack" => "评分规则",
        "title" => "标题",
        "form_label" => "附件编号",
        "form_title" => "表名",
        "basic_data" => "基础数据表",
        "monitor" => "监控表",
        "narrative" => "自评报告",
        "sign_off" => "评价人员",
        "cover" => "封面",
        _ => return None,
    })
}

/// A field as a person names it, never its path: "第 6 行“会员满意度”的偏差原因分析及改进措施",
/// "预算执行情况的全年执行数", "总分" (with the table's name in front when `with_table`).
pub fn field_name(report: &Report, path: &str, with_table: bool) -> String {
    let table_path = path.split('.').next().unwrap_or("");
    let label = match table_label(report, table_path) {
        // A path into a report not (yet) at hand, e.g. a file that did not load.
        l if l.is_empty() && table_path == "overall" => "部门整体支出绩效自评表".to_string(),
        l if l.is_empty() => index(table_path, "projects").map(|i| format!("第 {} 个项目支出绩效自评表", i + 1)).unwrap_or_default(),
        l => l,
    };
    let prefix = if with_table { label.clone() } else { String::new() };
    let join = |a: String, b: String| if a.is_empty() { b } else if b.is_empty() { a } else { format!("{a} {b}") };
    if let Some((_, row_path, row, name)) = row_of(report, path) {
        let mut out = row;
        if !name.is_empty() {
            out.push_str(&format!("“{name}”"));
        }
        let rest = path.strip_prefix(&row_path).unwrap_or("").trim_start_matches('.');
        if let Some(words) = rest.rsplit('.').next().filter(|r| !r.is_empty()).and_then(field_words) {
            out.push('的');
            out.push_str(words);
        }
        return join(prefix, out);
    }
    let segments: Vec<&str> = path.split('.').skip(usize::from(!label.is_empty())).collect();
    let mut words: Vec<String> = Vec::new();
    for seg in &segments {
        let numbered = seg.split_once('[').and_then(|(_, n)| n.strip_suffix(']')?.parse::<usize>().ok());
        match (field_words(seg), numbered) {
            (Some(_), Some(n)) if seg.starts_with("goals") => words.push(format!("年度绩效目标{}", n + 1)),
            (Some(w), Some(n)) => words.push(format!("{w}第 {} 行", n + 1)),
            (Some(w), None) => words.push(w.to_string()),
            (None, Some(n)) if seg.starts_with("goals") => words.push(format!("年度绩效目标{}", n + 1)),
            (None, Some(n)) if seg.starts_with("projects") => words.push(format!("项目 {}", n + 1)),
            (None, Some(n)) if seg.starts_with("indicators") => words.push(format!("第 {} 行", n + 1)),
            _ => {}
        }
    }
    join(prefix, words.join("的"))
}

/// The findings' messages as listed: a message that appears more than once in `findings`
/// carries the place of each copy ("……（第 3 行“资金到位率”）").
pub fn messages(report: &Report, findings: &[&Finding], with_table: bool) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let repeated = findings.iter().filter(|g| g.message == f.message).count() > 1;
            match place(report, &f.path, with_table).filter(|_| repeated) {
                Some(p) => format!("{}（{p}）", f.message),
                None => f.message.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{evaluate, examples};

    fn fresh() -> Report {
        let form = NewReport {
            id: "d1".into(),
            rule_pack: "hunan-2024".into(),
            year: 2025,
            department: "某某局".into(),
            overall: true,
            basic_data: true,
            projects: 1,
            narrative: true,
        };
        new_report(&form, rules::find("hunan-2024").unwrap())
    }

    #[test]
    fn a_new_report_shows_no_findings_until_something_is_typed() {
        let mut report = fresh();
        assert!(!evaluate(&report).findings.is_empty(), "the checks do find the empty cells");
        assert!(shown(&report, evaluate(&report), None).findings.is_empty());
        edit::set(&mut report, "overall.budget.initial", "100").unwrap();
        assert!(!untouched(&report));
        assert!(!shown(&report, evaluate(&report), None).findings.is_empty());
        let seed = examples::example("seed-000").unwrap().unwrap();
        assert!(!untouched(&seed));
    }

    #[test]
    fn a_scope_keeps_only_that_tables_findings() {
        let mut report = fresh();
        report.department.clear();
        edit::set(&mut report, "overall.budget.initial", "100").unwrap();
        let all = evaluate(&report);
        assert!(all.findings.iter().any(|f| !within(&f.path, "overall")), "there are 封面/部门 findings");
        let only = shown(&report, all, Some("overall"));
        assert!(!only.findings.is_empty());
        assert!(only.findings.iter().all(|f| f.path == "overall" || f.path.starts_with("overall.")));
        assert!(within("projects[1].budget", "projects[1]") && !within("projects[10].budget", "projects[1]"));
    }

    #[test]
    fn repeated_messages_name_their_rows() {
        let report = examples::example("seed-000").unwrap().unwrap();
        let table = report.overall.as_ref().unwrap();
        let name = table.indicators[3].name.clone();
        assert_eq!(place(&report, "overall.indicators[3].actual", true), Some(format!("部门整体支出绩效自评表 第 4 行“{name}”")));
        assert_eq!(place(&report, "overall.budget.executed", true), None);
        let a = Finding { code: "x".into(), severity: crate::Severity::Error, path: "overall.indicators[0].weight".into(), message: "未填写分值".into() };
        let b = Finding { path: "overall.indicators[3].weight".into(), ..a.clone() };
        let c = Finding { path: "overall.budget.executed".into(), message: "另一个问题".into(), ..a.clone() };
        let texts = messages(&report, &[&a, &b, &c], false);
        assert_eq!(texts[1], format!("未填写分值（第 4 行“{name}”）"));
        assert!(texts[0].starts_with("未填写分值（第 1 行"));
        assert_eq!(texts[2], "另一个问题");
    }

    #[test]
    fn fields_are_named_as_people_name_them() {
        let report = examples::example("seed-000").unwrap().unwrap();
        let table = report.overall.as_ref().unwrap();
        let name = table.indicators[5].name.clone();
        assert_eq!(field_name(&report, "overall.indicators[5].reason", false), format!("第 6 行“{name}”的偏差原因分析及改进措施"));
        assert_eq!(field_name(&report, "overall.indicators[5].reason", true), format!("部门整体支出绩效自评表 第 6 行“{name}”的偏差原因分析及改进措施"));
        assert_eq!(field_name(&report, "overall.budget.executed", false), "预算执行情况的全年执行数");
        assert_eq!(field_name(&report, "overall.declared_total", false), "总分");
        assert_eq!(field_name(&report, "overall.budget.by_source[1].executed", false), "预算执行情况的资金来源第 2 行的全年执行数");
        assert_eq!(field_name(&report, "department", false), "部门（单位）名称");
        let nothing = Report::default();
        assert_eq!(field_name(&nothing, "overall.indicators[0].weight", true), "部门整体支出绩效自评表 第 1 行的分值");
        assert_eq!(field_name(&nothing, "projects[1].budget.executed", true), "第 2 个项目支出绩效自评表 预算执行情况的全年执行数");
        for f in &crate::evaluate(&report).findings {
            let named = field_name(&report, &f.path, true);
            assert!(!named.contains('[') && !named.contains('.') && !named.contains('_'), "{} → {named}", f.path);
        }
    }
}
