//! The printable report: cover, narrative, 基础数据表, 监控表, every scored table and 评价人员,
//! as one HTML fragment in the official layouts, built here so that it is tested natively and
//! costs the browser bundle one string instead of a component tree. Every official form is
//! rendered from its one description in `model::forms` (`form_html`), the grid Word and Excel
//! render too, so print lays out no form of its own.
//!
//! Guarantees: every text a person typed is HTML-escaped (a report cannot inject markup); the
//! figures are the computed ones, as the screen shows them (rates and scores 四舍五入 to two
//! decimals), never recomputed differently; no inline style (the app runs under a strict CSP):
//! layout is by class names in `style/main.css`, whose print rules give A4 pages, repeated
//! table headers, unsplit rows and "第 X 页 共 Y 页".

use std::fmt::Write;

use crate::check::Evaluation;
use crate::forms::{heading, official, scored, Cell, Grid, Hint, Look, RowKind};
use crate::report::Report;
use crate::rules;
use crate::score::Explained;

/// What to include.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrintOptions {
    /// Append the findings (检查结果) after the tables.
    pub findings: bool,
    /// Append how every figure was computed (计算说明), for the reviewer's read-only view.
    pub explanations: bool,
    /// 附上计算结果: a computed figure that differs from the declared one is printed beside it
    /// ("98（计算 96.90）"), in the same words as Word and 审核 (`model::figures`).
    pub computed: bool,
    /// Print the import notes (导入时未识别的内容), which otherwise stay in the draft only.
    pub import_notes: bool,
}

/// The narrative sections an output prints: all but the import notes, unless asked for.
pub fn printed_sections(report: &Report, options: PrintOptions) -> impl Iterator<Item = &crate::report::NarrativeSection> {
    report.narrative.iter().filter(move |s| options.import_notes || s.title != crate::report::IMPORT_NOTES_TITLE)
}

/// Escapes text for HTML (and SVG) element content and attribute values, dropping the characters
/// XML 1.0 cannot hold (control characters but tab, newline and carriage return; U+FFFE, U+FFFF):
/// invisible on the page, they would make an SVG or XHTML copy of it ill-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The whole printable report.
pub fn report_html(report: &Report, evaluation: &Evaluation, options: PrintOptions) -> String {
    let pack = rules::find(&report.rule_pack);
    let mut html = String::new();
    cover(&mut html, report);
    if printed_sections(report, options).next().is_some() {
        html.push_str("<section class=\"print-section narrative\">");
        let _ = write!(html, "<h2>{}</h2>", escape(&report_title(report)));
        for section in printed_sections(report, options) {
            let _ = write!(html, "<h3>{}</h3>", escape(&section.title));
            for line in section.text.lines().filter(|l| !l.trim().is_empty()) {
                let _ = write!(html, "<p>{}</p>", escape(line.trim()));
            }
        }
        html.push_str("</section>");
    }
    if let Some(b) = &report.basic_data {
        form_html(&mut html, &official::basic_data(b, evaluation.staff_control_rate, &heading::of_basic_data(report, b)), "");
    }
    if let Some(m) = &report.monitor {
        form_html(&mut html, &official::monitor(m, &heading::of_monitor(report, m)), " landscape");
    }
    let figures = crate::figures::of_report(report, evaluation);
    for (((path, table), result), figures) in report.scored_tables().into_iter().zip(&evaluation.tables).zip(&figures) {
        let grid = scored::grid(&heading::of_table(report, table, &path), table, result, pack, &path, &scored::Shown { figures, with_computed: options.computed });
        form_html(&mut html, &grid, " landscape scored");
    }
    sign_off(&mut html, report);
    if options.findings {
        findings(&mut html, report, evaluation);
    }
    if options.explanations {
        explanations(&mut html, report, evaluation);
    }
    html
}

/// Every computed figure's explanation, table by table: (table title, [(label, explanation)]).
/// Shared by the print view and the Word writer.
pub fn explanation_items<'a>(report: &'a Report, evaluation: &'a Evaluation) -> Vec<(String, Vec<(String, &'a Explained)>)> {
    let mut out = Vec::new();
    for ((path, table), result) in report.scored_tables().into_iter().zip(&evaluation.tables) {
        let title = if crate::finding_scope::is_project(table, &path) { format!("项目：{}", table.name) } else { "部门整体支出绩效自评表".to_string() };
        let mut items: Vec<(String, &Explained)> = vec![
            ("预算执行率".into(), &result.budget.rate_explain),
            ("预算执行得分".into(), &result.budget.score_explain),
        ];
        for (ind, row) in crate::score::all_indicators(table).zip(&result.rows) {
            if row.kind != crate::score::RowKind::Placeholder {
                items.push((format!("{}（{}）", ind.name, crate::view::row_score(row)), &row.explain));
            }
        }
        for sub in result.level1.iter().chain(&result.goals) {
            items.push((sub.name.clone(), &sub.explain));
        }
        items.push(("总分".into(), &result.total_explain));
        items.push(("评价等次".into(), &result.grade_explain));
        out.push((title, items));
    }
    out
}

fn explanations(html: &mut String, report: &Report, evaluation: &Evaluation) {
    html.push_str("<section class=\"print-section explanations\"><h2>附：计算说明</h2>");
    for (title, items) in explanation_items(report, evaluation) {
        let _ = write!(html, "<h3>{}</h3><dl>", escape(&title));
        for (label, e) in items {
            let _ = write!(html, "<dt>{}</dt><dd>{}<br><small>依据：{}</small></dd>", escape(&label), escape(&e.text), escape(&e.clause));
        }
        html.push_str("</dl>");
    }
    html.push_str("</section>");
}

pub fn report_title(report: &Report) -> String {
    match report.cover.as_ref().map(|c| c.title.trim()).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => crate::report::default_title(&report.department, report.year, report.overall.is_none() && !report.projects.is_empty()),
    }
}

/// The cover's lines under the title, as printed and as exported to Word.
pub fn cover_lines(report: &Report) -> [(&'static str, String); 5] {
    let c = report.cover.clone().unwrap_or_default();
    [
        ("预算编码", c.budget_code),
        ("部门（单位）名称", report.department.clone()),
        ("评价方式", c.method),
        ("评价机构", c.agency),
        ("报告日期", c.report_date),
    ]
}

fn cover(html: &mut String, report: &Report) {
    html.push_str("<section class=\"print-section cover\">");
    let _ = write!(html, "<h1>{}</h1><table class=\"cover-fields\"><tbody>", escape(&report_title(report)));
    for (label, value) in cover_lines(report) {
        let _ = write!(html, "<tr><th>{label}：</th><td>{}</td></tr>", escape(&value));
    }
    html.push_str("</tbody></table>");
    let c = report.cover.clone().unwrap_or_default();
    if !c.issuer.trim().is_empty() {
        let _ = write!(html, "<p class=\"issuer\">{}</p>", escape(&c.issuer));
    }
    html.push_str("</section>");
}

/// An official form's description (`model::forms`) as print HTML: the title as a heading,
/// each table of the form (a Word table) as a `print-table` whose caption is the line just above
/// it, other lines as paragraphs; heading cells as `th`, figures right-aligned, merges as spans,
/// gaps as empty cells. The grid's print hints add the rest: column classes, merged labels as
/// one box, a `tbody` per group (`keep` where it must not split), row classes and the kept end
/// block. Only the form's own columns are printed (not Excel's helper columns).
pub fn form_html(html: &mut String, grid: &Grid, class: &str) {
    let _ = write!(html, "<section class=\"print-section{class}\">");
    // The open part of the open table (thead or tbody), if a table is open.
    let mut open: Option<RowKind> = None;
    let close = |html: &mut String, open: &mut Option<RowKind>| match open.take() {
        Some(RowKind::Header) => html.push_str("</thead></table>"),
        Some(_) => html.push_str("</tbody></table>"),
        None => {}
    };
    let mut caption: Option<String> = None;
    let mut kept_end = false;
    let cols = grid.print_cols;
    // Per column: rows still covered by a merged cell from a row above.
    let mut below = vec![0usize; cols];
    for (i, row) in grid.rows.iter().enumerate() {
        if row.new_table {
            close(html, &mut open);
        }
        if row.print.keep_to_end && !kept_end {
            close(html, &mut open);
            html.push_str("<div class=\"keep-end\">");
            kept_end = true;
        }
        match row.kind {
            RowKind::Title => {
                close(html, &mut open);
                let _ = write!(html, "<h2>{}</h2>", escape(&row_text(row)));
            }
            RowKind::Line if grid.rows.get(i + 1).is_some_and(|n| n.kind == RowKind::Title) => {
                // The 附件 label above the form's title.
                close(html, &mut open);
                let _ = write!(html, "<p class=\"form-label\">{}</p>", escape(&row_text(row)));
            }
            RowKind::Line => {
                close(html, &mut open);
                if let Some(earlier) = caption.take() {
                    let _ = write!(html, "<p>{}</p>", escape(&earlier));
                }
                let starts_table = grid.rows.get(i + 1).is_some_and(|n| matches!(n.kind, RowKind::Header | RowKind::Body));
                if !row.print.class.is_empty() {
                    let _ = write!(html, "<p class=\"{}\">{}</p>", row.print.class, escape(&row_text(row)));
                } else if starts_table {
                    caption = Some(row_text(row));
                } else {
                    let _ = write!(html, "<p>{}</p>", escape(&row_text(row)));
                }
            }
            kind => {
                let part = if kind == RowKind::Header { RowKind::Header } else { RowKind::Body };
                let regroup = part == RowKind::Body && row.print.group.is_some();
                if open != Some(part) || regroup {
                    match open {
                        None => {
                            let table = if row.print.table.is_empty() { String::new() } else { format!(" {}", row.print.table) };
                            let _ = write!(html, "<table class=\"print-table{table}\">");
                            if let Some(c) = caption.take() {
                                let _ = write!(html, "<caption>{}</caption>", escape(&c));
                            }
                            below.iter_mut().for_each(|b| *b = 0);
                        }
                        Some(RowKind::Header) => html.push_str("</thead>"),
                        Some(_) => html.push_str("</tbody>"),
                    }
                    html.push_str(match (part, row.print.group) {
                        (RowKind::Header, _) => "<thead>",
                        (_, Some(true)) => "<tbody class=\"keep\">",
                        _ => "<tbody>",
                    });
                    open = Some(part);
                }
                if row.print.class.is_empty() {
                    html.push_str("<tr>");
                } else {
                    let _ = write!(html, "<tr class=\"{}\">", row.print.class);
                }
                let mut c = 0;
                while c < cols {
                    if below[c] > 0 {
                        below[c] -= 1;
                        c += 1;
                    } else if let Some(cell) = row.cells.iter().find(|cell| cell.col == c) {
                        let colspan = cell.colspan.clamp(1, cols - c);
                        cell_html(html, cell, colspan);
                        below[c..c + colspan].iter_mut().for_each(|b| *b = cell.rowspan.saturating_sub(1));
                        c += colspan;
                    } else {
                        html.push_str("<td></td>");
                        c += 1;
                    }
                }
                html.push_str("</tr>");
            }
        }
    }
    close(html, &mut open);
    if let Some(c) = caption {
        let _ = write!(html, "<p>{}</p>", escape(&c));
    }
    if kept_end {
        html.push_str("</div>");
    }
    html.push_str("</section>");
}

/// One cell of a form's table.
fn cell_html(html: &mut String, c: &Cell, colspan: usize) {
    let span = |name: &str, n: usize| if n > 1 { format!(" {name}=\"{n}\"") } else { String::new() };
    let spans = format!("{}{}", span("colspan", colspan), span("rowspan", c.rowspan));
    let text = escape(&c.text);
    match (c.look, c.hint) {
        (Look::Head, Hint::Hidden(name)) if c.text.is_empty() => {
            let _ = write!(html, "<th{spans}><span class=\"visually-hidden\">{}</span></th>", escape(name));
        }
        (Look::Head, _) if c.text.is_empty() => { let _ = write!(html, "<td{spans}></td>"); }
        (Look::Head, Hint::Column(class)) => { let _ = write!(html, "<th class=\"{class}\"{spans}>{text}</th>"); }
        (Look::Head, _) => { let _ = write!(html, "<th{spans}>{text}</th>"); }
        (Look::Figure, _) => { let _ = write!(html, "<td class=\"num\"{spans}>{text}</td>"); }
        (Look::Signature, _) => { let _ = write!(html, "<td class=\"signature\"{spans}></td>"); }
        (Look::Text, Hint::Label) => { let _ = write!(html, "<td{spans}><span class=\"label\">{text}</span></td>"); }
        (Look::Text, _) => { let _ = write!(html, "<td{spans}>{text}</td>"); }
    }
}

/// The text of a title or line row.
fn row_text(row: &crate::forms::Row) -> String {
    row.cells.first().map(|c| c.text.clone()).unwrap_or_default()
}

fn sign_off(html: &mut String, report: &Report) {
    let s = report.sign_off.clone().unwrap_or_default();
    form_html(html, &official::sign_off(&s), " sign-off");
    // The lines under the table, with their blanks and seal marks (print markup of their own).
    html.truncate(html.len() - "</section>".len());
    let _ = write!(
        html,
        "<p class=\"sign-line\">评价组组长（签字）：<span class=\"blank\"></span>　日期：{}</p>\
         <div class=\"opinion\"><p><strong>部门（单位）意见：</strong>{}</p><p class=\"seal\">（盖章）　　负责人（签字）：<span class=\"blank\"></span>　日期：{}</p></div>\
         <div class=\"opinion\"><p><strong>财政部门归口业务股室意见：</strong>{}</p><p class=\"seal\">（盖章）　　负责人（签字）：<span class=\"blank\"></span>　日期：{}</p></div>\
         <p class=\"fill-line\">填报人：{}　　联系电话：{}</p></section>",
        escape(&s.leader_date),
        escape(&s.department_opinion),
        escape(&s.department_date),
        escape(&s.finance_opinion),
        escape(&s.finance_date),
        escape(&s.filled_by),
        escape(&s.phone)
    );
}

/// Which table a finding is about, as a reader names it.
pub fn finding_place(report: &Report, f: &crate::finding::Finding) -> String {
    match f.table_path().and_then(|p| crate::edit::table(report, p).map(|t| (p, t))) {
        Some((p, t)) if crate::finding_scope::is_project(t, p) => format!("项目：{}", t.name),
        Some(_) => "部门整体支出绩效自评表".to_string(),
        None => "报告".to_string(),
    }
}

fn findings(html: &mut String, report: &Report, evaluation: &Evaluation) {
    html.push_str("<section class=\"print-section findings-appendix\"><h2>附：检查结果</h2>");
    if evaluation.findings.is_empty() {
        html.push_str("<p>未发现问题。</p>");
    } else {
        html.push_str("<ol>");
        for f in &evaluation.findings {
            let where_ = finding_place(report, f);
            let severity = f.severity.label();
            let _ = write!(html, "<li><strong>{severity}</strong>（{}）{}</li>", escape(&where_), escape(&f.message));
        }
        html.push_str("</ol>");
    }
    let _ = write!(html, "<p class=\"hint\">评分规则：{}（{}）</p></section>", escape(&evaluation.rule_pack), escape(&evaluation.rule_pack_hash));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, examples};
    use rust_decimal::Decimal;

    #[test]
    fn seed_000_prints_every_part_with_the_computed_figures() {
        let r = examples::example("seed-000").unwrap().unwrap();
        let e = evaluate(&r);
        let html = report_html(&r, &e, PrintOptions::default());
        assert!(html.contains("<h1>岳阳市总工会2024年度部门整体支出绩效评价自评报告</h1>"));
        assert!(html.contains("<h3>二、一般公共预算支出情况</h3>"));
        // Issue 22: the Hunan forms' 附件 labels and titles (seed 000), the year in the title.
        assert!(html.contains("<p class=\"form-label\">附件1</p><h2>2024年度部门整体支出绩效评价基础数据表</h2>"));
        assert!(html.contains("<p class=\"form-label\">附件2</p><h2>2024年度部门整体支出绩效自评表</h2><table"));
        assert!(html.contains("<p class=\"form-label\">附件3</p><h2>2024年度项目支出绩效自评表</h2><table"));
        assert!(!html.contains("（2024年度）"), "no year line under a title that names the year");
        assert!(html.contains("预算执行情况（万元）"));
        // 分值, 执行率 and 得分 merged down the budget block, as in Word and Excel.
        assert!(html.contains("<td class=\"num\" rowspan=\"9\">100%</td><td class=\"num\" rowspan=\"9\">10</td></tr>"), "the declared rate and score, not the computed 373.29%");
        assert!(html.contains("<td rowspan=\"10\"><span class=\"label\">产出指标（50分）</span></td>"), "一级指标 merged over its rows with its weight");
        assert!(html.contains("<td rowspan=\"3\"><span class=\"label\">数量指标</span></td>"));
        // Each 一级指标 its own tbody; the 10-row 产出指标 of tall rows is over half a page, the
        // one-row 满意度指标 is kept; the analysis rows and 填表人 in one block.
        assert!(html.contains("<tbody><tr><td rowspan=\"10\"><span class=\"label\">产出指标"));
        assert!(html.contains("<tbody class=\"keep\"><tr><td><span class=\"label\">满意度指标"));
        assert!(html.contains("<div class=\"keep-end\"><table class=\"print-table\"><tbody><tr><th colspan=\"2\">偏差大或目标未完成原因分析</th>"));
        assert!(html.contains("单位负责人签字：</p></div></section>"), "填表人 inside the kept block");
        assert!(html.contains("<th colspan=\"5\">总分</th><td class=\"num\">100</td><td class=\"num\">98</td>"), "the declared 总分");
        assert!(html.contains("<th colspan=\"5\">评价等次</th><td colspan=\"3\">优</td>"), "computed where the declared 等次 is blank");
        assert!(html.contains("评价组组长（签字）") && html.contains("（盖章）"));
        assert!(!html.contains("附：检查结果"));
        let with = report_html(&r, &e, PrintOptions { findings: true, explanations: true, ..PrintOptions::default() });
        assert!(with.contains("附：检查结果") && with.contains("执行率填为 100%"));
        assert!(with.contains("<dt>总分</dt><dd>") && with.contains("附：计算说明"));
        assert!(!html.contains("style="), "no inline style under the CSP");
    }

    #[test]
    fn goal_grouped_tables_merge_goal_cells() {
        let r = examples::example("seed-003").unwrap().unwrap();
        let html = report_html(&r, &evaluate(&r), PrintOptions::default());
        assert!(html.contains("<th class=\"c-goal\">年度绩效目标</th>"));
        assert!(html.contains("<tbody class=\"keep\"><tr><td rowspan=\"2\"><span class=\"label\">积极开展招商引资，完成企业引进工作。（5分）</span></td>"), "one kept tbody per 年度绩效目标");
        assert!(html.contains("<th colspan=\"6\">总分</th><td class=\"num\">100</td><td class=\"num\">94.15</td>"));
    }

    #[test]
    fn budget_block_prints_every_row_of_the_official_forms() {
        let mut r = examples::example("seed-000").unwrap().unwrap();
        r.overall.as_mut().unwrap().budget.by_source[0].executed = Some(Decimal::from(700));
        let html = report_html(&r, &evaluate(&r), PrintOptions::default());
        // The 其中 rows as Word and Excel lay them out (`forms::scored`): a row per source and
        // per nature with its amounts, 分值 / 执行率 / 得分 merged down the block.
        for needle in [
            "<th rowspan=\"10\">预算执行情况（万元）</th><th><span class=\"visually-hidden\">项目</span></th><th>年初预算数</th>",
            "<tr class=\"budget-line\"><th>年度资金总额</th><td class=\"num\">790.77</td><td class=\"num\">790.77</td><td class=\"num\">2951.83</td><td class=\"num\" rowspan=\"9\">10</td>",
            "<tr class=\"budget-line\"><th>按收入性质分：</th><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td></tr>",
            "<tr class=\"budget-line\"><td>其中：一般公共预算</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">700</td></tr>",
            "<tr class=\"budget-line\"><td>政府性基金拨款</td>",
            "<tr class=\"budget-line\"><th>按支出性质分：</th>",
            "<tr class=\"budget-line\"><td>其中：基本支出</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">2019.16</td></tr>",
            "<tr class=\"budget-line\"><td>项目支出</td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">932.67</td></tr>",
            "<tr class=\"budget-line\"><td>其中：当年财政拨款</td><td class=\"num\">100</td><td class=\"num\">100</td><td class=\"num\">100</td></tr>",
            "<tr class=\"budget-line\"><td>上年结转资金</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td></tr>",
            "<tr class=\"budget-line\"><td>其他资金</td><td class=\"num\"></td>",
        ] {
            assert!(html.contains(needle), "missing {needle}");
        }
        assert!(html.matches("单位负责人签字：").count() == 1 + r.projects.len() && !html.contains("项目负责人"), "seed 000's forms have 单位负责人签字 under both tables");
        // A label typed with its 其中 and colon prints once, as the form words it.
        r.overall.as_mut().unwrap().budget.by_source[0].label = "其中：一般公共预算：".into();
        assert!(report_html(&r, &evaluate(&r), PrintOptions::default()).contains("<tr class=\"budget-line\"><td>其中：一般公共预算</td>"));
        let sichuan = examples::example("seed-004").unwrap().unwrap();
        let html = report_html(&sichuan, &evaluate(&sichuan), PrintOptions::default());
        assert!(sichuan.projects.is_empty() || html.contains("项目负责人："));
    }

    #[test]
    fn printed_figures_are_the_declared_ones_computed_only_where_blank() {
        let mut r = examples::example("seed-001").unwrap().unwrap();
        let e = evaluate(&r);
        let t = r.overall.as_ref().unwrap();
        let n = t.indicators.iter().zip(&e.tables[0].rows).position(|(i, row)| i.declared_score == Some(Decimal::from(10)) && row.score.is_some_and(|s| s < Decimal::from(10))).unwrap();
        let html = report_html(&r, &e, PrintOptions::default());
        let row = |html: &str, name: &str| html.split("<tr>").find(|tr| tr.contains(&format!("<td>{}</td>", escape(name)))).unwrap().to_string();
        let name = t.indicators[n].name.clone();
        assert!(row(&html, &name).contains("<td class=\"num\">10</td><td class=\"num\">10</td>"), "declared 10 printed, not the computed score: {}", row(&html, &name));
        r.overall.as_mut().unwrap().indicators[n].declared_score = None;
        let e = evaluate(&r);
        let computed = crate::num::fmt2(e.tables[0].rows[n].score.unwrap());
        assert!(row(&report_html(&r, &e, PrintOptions::default()), &name).contains(&format!("<td class=\"num\">{computed}</td>")), "blank declared cell takes the computed figure");
    }

    #[test]
    fn typed_markup_is_printed_as_text() {
        let mut r = examples::example("seed-001").unwrap().unwrap();
        r.department = "<img src=x onerror=alert(1)>&\"'".into();
        r.overall.as_mut().unwrap().indicators[0].name = "<script>alert(1)</script>".into();
        let html = report_html(&r, &evaluate(&r), PrintOptions { findings: true, explanations: true, ..PrintOptions::default() });
        assert!(!html.contains("<img") && !html.contains("<script"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn computed_figures_beside_declared_when_asked_and_import_notes_only_when_asked() {
        let mut r = examples::example("seed-000").unwrap().unwrap();
        r.narrative.push(crate::report::NarrativeSection { title: crate::report::IMPORT_NOTES_TITLE.into(), text: "表 1 第 1 行第 1 列：“附件2”".into() });
        let e = evaluate(&r);
        let plain_html = report_html(&r, &e, PrintOptions::default());
        assert!(plain_html.contains("<td class=\"num\" rowspan=\"9\">100%</td>") && !plain_html.contains("（计算 "));
        assert!(!plain_html.contains("导入时未识别的内容") && !plain_html.contains("表 1 第 1 行第 1 列"), "import notes stay in the draft");
        let with = report_html(&r, &e, PrintOptions { computed: true, import_notes: true, ..PrintOptions::default() });
        assert!(with.contains("<td class=\"num\" rowspan=\"9\">100%（计算 373.29%）</td>"), "附上计算结果");
        assert!(with.contains("<h3>导入时未识别的内容</h3>"));
    }

    #[test]
    fn a_report_of_project_tables_only_is_titled_as_one() {
        let mut r = examples::example("seed-000").unwrap().unwrap();
        r.cover = None;
        r.overall = None;
        let html = report_html(&r, &evaluate(&r), PrintOptions::default());
        assert!(html.contains("<h1>岳阳市总工会2024年度项目支出绩效自评报告</h1>"), "{}", &html[..300]);
        assert!(!html.contains("部门整体支出绩效评价自评报告") && !html.contains("<h2>部门整体支出绩效自评表</h2>"));
    }

    /// 基础数据表, 监控表 and 评价人员 print from the same description Word and Excel render:
    /// every text of the form's cells is printed, in order (the monitor's 年度主要任务 too, which
    /// the hand-written print once left out).
    #[test]
    fn unscored_forms_print_their_one_description() {
        for id in ["seed-000", "seed-004"] {
            let r = examples::example(id).unwrap().unwrap();
            let e = evaluate(&r);
            let html = report_html(&r, &e, PrintOptions::default());
            let mut grids = vec![official::sign_off(&r.sign_off.clone().unwrap_or_default())];
            grids.extend(r.basic_data.as_ref().map(|b| official::basic_data(b, e.staff_control_rate, &heading::of_basic_data(&r, b))));
            grids.extend(r.monitor.as_ref().map(|m| official::monitor(m, &heading::of_monitor(&r, m))));
            for grid in grids {
                let mut at = 0;
                for text in grid.rows.iter().flat_map(|row| &row.cells).map(|c| escape(&c.text)).filter(|t| !t.is_empty()) {
                    let found = html[at..].find(&text).unwrap_or_else(|| panic!("{id} {}: {text} printed in order", grid.sheet));
                    at += found;
                }
            }
        }
        let r = examples::example("seed-004").unwrap().unwrap();
        let html = report_html(&r, &evaluate(&r), PrintOptions::default());
        assert!(html.contains("<caption>年度主要任务完成情况</caption>") && html.contains("服务职工用心用情"));
    }

    #[test]
    fn merged_cell_spans() {
        use crate::forms::rows::spans;
        assert_eq!(spans(&[1, 1, 2, 3, 3, 3]), vec![Some(2), None, Some(1), Some(3), None, None]);
        assert_eq!(spans::<u8>(&[]), Vec::<Option<usize>>::new());
    }
}
