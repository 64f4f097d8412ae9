//! What the 评分规则 page and 按其他规则重算 show, as data and as escaped HTML strings: every
//! pack's rules in Chinese, two packs side by side with differences marked, and a report's
//! 总分 and 等次 under each available pack. Guarantees: every text from a pack file (a bureau's
//! own, possibly hostile) is escaped; the figures are `evaluate_with`'s, nothing recomputed here.

use crate::check::evaluate_with;
use crate::num::fmt2;
use crate::print::escape;
use crate::report::Report;
use crate::rules::{self, RulePack};
use crate::rules_text::{compare, describe};
use crate::view::MISSING;

/// Whether a pack is one of the built-in ones (a bureau's pack of the same id replaces it).
pub fn is_builtin(pack: &RulePack) -> bool {
    rules::all().iter().any(|b| b.hash == pack.hash)
}

/// Every pack's rules: a section per pack with its name, id, provenance and one line per topic.
pub fn packs_html(packs: &[&RulePack]) -> String {
    let mut out = String::new();
    for p in packs {
        let origin = if is_builtin(p) { "内置" } else { "本局导入" };
        out.push_str(&format!(
            "<section class=\"rule-pack\" data-pack=\"{}\"><h3>{}</h3><p class=\"muted\">{} · {} · 内容校验码 {}</p><table class=\"rule-lines\"><tbody>",
            escape(&p.id),
            escape(&p.name),
            escape(&p.id),
            origin,
            escape(&p.hash)
        ));
        for line in describe(p) {
            out.push_str(&format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", line.topic, escape(&line.text)));
        }
        out.push_str("</tbody></table></section>");
    }
    out
}

/// Two packs side by side; a differing topic gets the class `differs` and a 不同 mark.
pub fn compare_html(left: &RulePack, right: &RulePack) -> String {
    let mut out = format!(
        "<table class=\"rule-compare\" data-testid=\"rule-compare\"><thead><tr><th scope=\"col\">规则</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&left.name),
        escape(&right.name)
    );
    let lines = compare(left, right);
    let differing = lines.iter().filter(|c| c.differs).count();
    for c in lines {
        let (class, mark) = if c.differs { (" class=\"differs\"", "<span class=\"diff-mark\">不同</span> ") } else { ("", "") };
        out.push_str(&format!("<tr{class}><th scope=\"row\">{mark}{}</th><td>{}</td><td>{}</td></tr>", c.topic, escape(&c.left), escape(&c.right)));
    }
    out.push_str(&format!("</tbody><caption>共 {differing} 项规则不同</caption></table>"));
    out
}

/// A report's result under one pack (按其他规则重算).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescored {
    /// Pack id.
    pub pack_id: String,
    /// Pack name.
    pub pack_name: String,
    /// Every scored table in report order: (label, 总分 as shown "98.00" or "—", 评价等次 or "—").
    pub tables: Vec<(String, String, String)>,
    /// Whether this is the report's own pack.
    pub current: bool,
}

/// The report scored under each pack: every scored table's 总分 and 等次.
pub fn rescore(report: &Report, packs: &[&RulePack]) -> Vec<Rescored> {
    packs
        .iter()
        .map(|p| {
            let evaluation = evaluate_with(report, p);
            Rescored {
                pack_id: p.id.clone(),
                pack_name: p.name.clone(),
                tables: evaluation
                    .tables
                    .iter()
                    .map(|t| (t.label.clone(), t.total.map(fmt2).unwrap_or_else(|| MISSING.into()), t.grade.clone().unwrap_or_else(|| MISSING.into())))
                    .collect(),
                current: p.id == report.rule_pack,
            }
        })
        .collect()
}

/// The rescored list as a table: a row per pack, 总分 and 等次 of each scored table.
pub fn rescore_html(rows: &[Rescored]) -> String {
    let labels: Vec<&str> = rows.first().map(|r| r.tables.iter().map(|t| t.0.as_str()).collect()).unwrap_or_default();
    let mut out = String::from("<table class=\"rescore\" data-testid=\"rescore\"><caption>按各评分规则重算</caption><thead><tr><th scope=\"col\" rowspan=\"2\">评分规则</th>");
    for label in &labels {
        let name = if *label == "整体" { "部门整体".to_string() } else { format!("项目：{label}") };
        out.push_str(&format!("<th scope=\"colgroup\" colspan=\"2\">{}</th>", escape(&name)));
    }
    out.push_str("</tr><tr>");
    for _ in &labels {
        out.push_str("<th scope=\"col\">总分</th><th scope=\"col\">评价等次</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        let current = if r.current { "（本报告所用）" } else { "" };
        out.push_str(&format!("<tr data-pack=\"{}\"><th scope=\"row\">{}{current}</th>", escape(&r.pack_id), escape(&r.pack_name)));
        for (_, total, grade) in &r.tables {
            out.push_str(&format!("<td>{}</td><td>{}</td>", escape(total), escape(grade)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::examples;

    const EXAMPLE: &str = include_str!("../../../docs/rules-example.json");

    #[test]
    fn a_report_rescored_under_every_pack() {
        let report = examples::example("seed-000").unwrap().unwrap();
        let packs: Vec<&RulePack> = ["hunan-2024", "central-2020"].iter().map(|id| rules::find(id).unwrap()).collect();
        let rows = rescore(&report, &packs);
        let shown: Vec<(&str, &str, &str, bool)> = rows.iter().map(|r| (r.pack_id.as_str(), r.tables[0].1.as_str(), r.tables[0].2.as_str(), r.current)).collect();
        assert_eq!(shown[0], ("hunan-2024", "98.00", "优", true));
        assert_eq!(shown[1].0, "central-2020");
        assert!(!shown[1].3);
        // Every scored table, not only the first: seed 000's project table too.
        assert_eq!(rows[0].tables.len(), report.scored_tables().len());
        assert!(rows[0].tables.len() > 1);
        let project = &rows[0].tables[1];
        let own = crate::evaluate(&report);
        assert_eq!(project.1, own.tables[1].total.map(fmt2).unwrap_or_else(|| MISSING.into()), "{project:?}");
        let html = rescore_html(&rows);
        assert!(html.contains("<tr data-pack=\"hunan-2024\"><th scope=\"row\">"), "{html}");
        assert!(html.contains("98.00</td><td>优</td>"), "{html}");
        assert!(html.contains(&format!("项目：{}", project.0)), "{html}");
        assert!(html.contains("（本报告所用）"));
    }

    #[test]
    fn a_bureau_pack_scores_a_report_it_was_not_written_for() {
        let bureau = rules::parse("bureau-page-test.json", &EXAMPLE.replace("example-bureau-2025", "bureau-page-test")).unwrap();
        let report = examples::example("seed-000").unwrap().unwrap();
        let rows = rescore(&report, &[&bureau]);
        assert_eq!(rows[0].pack_id, "bureau-page-test");
        assert_ne!(rows[0].tables[0].1, MISSING);
        assert!(!is_builtin(&bureau));
        assert!(is_builtin(rules::find("hunan-2024").unwrap()));
    }

    #[test]
    fn pack_texts_are_escaped_and_differences_marked() {
        let hostile = EXAMPLE.replace("某市财政局 2025 年度项目支出绩效自评（本局口径示例）", "<script>x</script>");
        let bureau = rules::parse("hostile.json", &hostile).unwrap();
        let html = packs_html(&[&bureau]);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;") && !html.contains("<script>"), "{html}");
        assert!(html.contains("本局导入"));
        let hunan = rules::find("hunan-2024").unwrap();
        let side = compare_html(hunan, &bureau);
        let marked = side.matches("class=\"differs\"").count();
        assert!(marked > 0 && side.contains(&format!("共 {marked} 项规则不同")), "{side}");
        assert!(compare_html(hunan, hunan).contains("共 0 项规则不同"));
    }

    #[test]
    fn an_installed_text_is_found_and_a_broken_one_names_its_field() {
        use rules::{install_text, installed_texts, pack_file};
        let text = EXAMPLE.replace("example-bureau-2025", "page-installed");
        assert_eq!(install_text("page-installed.json", &text).unwrap().id, "page-installed");
        // Installed again from the same text: the same pack, not a second copy.
        let first = install_text("page-installed.json", &text).unwrap();
        assert!(std::ptr::eq(first, install_text("page-installed.json", &text).unwrap()));
        assert!(rules::available().iter().any(|p| p.id == "page-installed"));
        // Its file goes to the reader worker and is offered as a starting point, as is a built-in one.
        assert!(installed_texts().contains(&("page-installed.json".to_string(), text.clone())));
        assert_eq!(pack_file("page-installed"), Some(("page-installed.json".to_string(), text.clone())));
        let (name, generic) = pack_file("generic").unwrap();
        assert_eq!(name, "generic.json");
        assert_eq!(rules::parse(&name, &generic).unwrap().id, "generic");
        assert_eq!(pack_file("no-such-pack"), None);
        let broken = EXAMPLE.replace("\"capped\"", "\"capd\"");
        assert_eq!(install_text("broken.json", &broken).unwrap_err().to_string(), "评分规则文件 broken.json 有误：budget.formula：应为 capped、deviation 之一");
    }
}
