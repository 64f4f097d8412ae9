//! The proposal shown with an import: which rule pack the layout points to, the year and the
//! department, each with the reason in Chinese. The user confirms or changes them.
//!
//! Guarantees: the rule pack choice is one small function of the layout signals
//! ([`rule_pack`]); a year is proposed only from a title ("2024年度") or, failing that, a date
//! (the year before the date of filling).

use rust_decimal::Decimal;

use super::lines::{Context, Signals};
use super::Proposal;
use crate::model::edit;

/// Place names of Hunan, which uses the 附件1/2/3 template.
const HUNAN: &[&str] =
    &["湖南", "长沙", "岳阳", "株洲", "湘潭", "衡阳", "邵阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西"];

/// The rule pack the layout points to, and why.
pub fn rule_pack(signals: &Signals, text: &[String]) -> (&'static str, String) {
    if signals.nature_columns {
        return ("sichuan-2024", "指标性质、指标值、度量单位分列 → 四川 2024".into());
    }
    let twenty = signals.budget_points == Some(Decimal::from(20));
    match (signals.goals, twenty) {
        (true, true) => return ("hubei-2024", "预算执行率 20 分、按年度绩效目标分组 → 湖北 2024".into()),
        (true, false) => return ("hubei-2024", "按年度绩效目标分组 → 湖北 2024".into()),
        (false, true) => return ("hubei-2024", "预算执行率 20 分 → 湖北 2024".into()),
        (false, false) => {}
    }
    if let Some(place) = HUNAN.iter().find(|p| text.iter().any(|t| t.contains(*p))) {
        return ("hunan-2024", format!("表中有湖南地名“{place}” → 湖南 2024"));
    }
    if text.iter().any(|t| attachment(t)) {
        return ("hunan-2024", "附件编号（附件1/2/3）与湖南模板相同 → 湖南 2024".into());
    }
    // No regional signal: the generic pack checks what holds everywhere and cites no region's
    // fixed weights or formulas as rules (issue 16).
    ("generic", "未见地区特征 → 通用核算（不套用任何地区的固定分值；请按本地规则确认）".into())
}

fn attachment(k: &str) -> bool {
    k.split('|').any(|p| p.strip_prefix("附件").is_some_and(|r| r.starts_with(['1', '2', '3'])) && p.chars().count() <= 8)
}

/// The first "2024年度" in the texts, read in order.
fn year_in(texts: &[String]) -> Option<u32> {
    for t in texts {
        let chars: Vec<char> = t.chars().collect();
        for w in chars.windows(6) {
            if w[4] == '年' && w[5] == '度' && w[..4].iter().all(|c| c.is_ascii_digit()) {
                let y: String = w[..4].iter().collect();
                if let Ok(y) = y.parse::<u32>() {
                    if (1990..=2100).contains(&y) {
                        return Some(y);
                    }
                }
            }
        }
    }
    None
}

/// The year before a date written as "2025年6月11日" or "2025.6.11".
fn year_before(date: &str) -> Option<u32> {
    let digits: String = date.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
    let y: u32 = digits.parse().ok()?;
    (1991..=2101).contains(&y).then(|| y - 1)
}

/// A department named in a title: "岳阳市总工会2024年度…" → "岳阳市总工会",
/// "2024年度武汉市汉阳区总工会整体…" → "武汉市汉阳区总工会".
fn department_in_title(k: &str) -> Option<String> {
    let at = k.find("年度")?;
    let year_start = k[..at].char_indices().rev().take_while(|(_, c)| c.is_ascii_digit()).last().map(|(i, _)| i)?;
    let before = &k[..year_start];
    // Drop an outline number ("一、", "2.") in front of the title.
    let before = match before.char_indices().take(4).find(|(_, c)| *c == '、' || *c == '.') {
        Some((i, c)) => &before[i + c.len_utf8()..],
        None => before,
    };
    if before.chars().count() >= 3 && !before.contains("附件") {
        return Some(before.to_string());
    }
    let after = &k[at + "年度".len()..];
    let end = ["部门整体", "整体", "部门预算", "项目支出", "部门决算", "绩效"].iter().filter_map(|w| after.find(w)).min()?;
    let name = &after[..end];
    (name.chars().count() >= 3).then(|| name.to_string())
}

/// Proposes rule pack, year and department from what the run read.
pub fn propose(cx: &Context, texts: &[String]) -> Proposal {
    let (pack, why) = rule_pack(&cx.signals, texts);
    let dates = [
        cx.report.cover.as_ref().map(|c| c.report_date.clone()).unwrap_or_default(),
        cx.report.overall.as_ref().map(|t| t.fill_date.clone()).unwrap_or_default(),
    ];
    let project_dates = cx.report.projects.iter().map(|p| p.fill_date.clone());
    let year = year_in(texts).or_else(|| dates.into_iter().chain(project_dates).find_map(|d| year_before(&d)));
    let department = cx
        .signals
        .departments
        .iter()
        .find(|d| !d.is_empty())
        .cloned()
        .or_else(|| texts.iter().flat_map(|t| t.split('|')).find_map(department_in_title))
        .unwrap_or_else(|| edit::get(&cx.report, "department"));
    Proposal { rule_pack: pack.to_string(), year, department, why }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_departments_from_titles() {
        assert_eq!(year_in(&["附件2".into(), "2024年度部门整体支出绩效自评表".into()]), Some(2024));
        assert_eq!(year_in(&["部门预算项目支出绩效自评表(2024年度)".into()]), Some(2024));
        assert_eq!(year_before("2025年6月11日"), Some(2024));
        assert_eq!(year_before("2025.6.11"), Some(2024));
        assert_eq!(department_in_title("岳阳市总工会2024年度整体支出绩效自评报告").as_deref(), Some("岳阳市总工会"));
        assert_eq!(department_in_title("一、2024年度武汉市汉阳区总工会整体绩效评价自评表").as_deref(), Some("武汉市汉阳区总工会"));
        assert_eq!(department_in_title("2024年度部门整体支出绩效自评表"), None);
    }

    #[test]
    fn the_layout_chooses_the_rule_pack() {
        let none: Vec<String> = Vec::new();
        let mut s = Signals::default();
        assert_eq!(rule_pack(&s, &none).0, "generic");
        assert_eq!(rule_pack(&s, &["附件2".to_string()]).0, "hunan-2024");
        assert_eq!(rule_pack(&s, &["岳阳市总工会整体支出".to_string()]).0, "hunan-2024");
        s.goals = true;
        s.budget_points = Some(Decimal::from(20));
        assert_eq!(rule_pack(&s, &none), ("hubei-2024", "预算执行率 20 分、按年度绩效目标分组 → 湖北 2024".to_string()));
        s.nature_columns = true;
        assert_eq!(rule_pack(&s, &none).0, "sichuan-2024");
    }
}
