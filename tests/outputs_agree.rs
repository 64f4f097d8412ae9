//! The outputs agree: every seed (tests/fixtures/seeds) and every sample (tests/fixtures/samples,
//! imported as the checker and the app import it) rendered through every output (print HTML,
//! Word, Excel, CSV, the 审核 row, the import preview and `jixiao-check --json`), compared figure
//! by figure with the one figures policy (`model::figures`): 总分, 等次, 执行率, 预算执行得分,
//! each row's declared and computed 得分. Word and Excel are read back by an independent reader,
//! LibreOffice headless, which also recalculates every formula of the workbook: the recalculated
//! 计算 columns must equal the model's figures.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

mod office;

use jixiao_office::import::{self, open, Opened};
use office::{compact, in_order, soffice};
use jixiao_office::read;
use jixiao_office::write::{docx, xlsx, DocxOptions};
use jixiao::model::figures::{self, Figure, TableFigures};
use jixiao::model::num::round_half_up;
use jixiao::model::print::{report_html, PrintOptions};
use jixiao::model::score::all_indicators;
use jixiao::model::{evaluate, Evaluation, Report};
use rust_decimal::Decimal;

/// One report under test: a name for files and messages, the file the checker reads, the report.
struct Case {
    name: String,
    file: PathBuf,
    report: Report,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every seed and every sample: each sample file must import (Word, .doc, Excel, .xls, web page).
fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = jixiao::model::exchange::json::load(&text).unwrap().report;
        out.push(Case { name: path.file_stem().unwrap().to_string_lossy().into_owned(), file: path, report });
    }
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/samples")).unwrap().map(|e| e.unwrap().path()).collect();
    samples.sort();
    let mut imported = 0;
    for (i, path) in samples.into_iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match open(&name, &std::fs::read(&path).unwrap(), &read::decode) {
            Ok(Opened::Tables(preview)) => {
                imported += 1;
                out.push(Case { name: format!("sample-{i:02}"), file: path, report: preview.report });
            }
            Ok(Opened::Saved(_)) => panic!("{name}: a sample read as a saved report"),
            Ok(Opened::FinalAccounts(_)) => panic!("{name}: a sample read as a 部门决算"),
            Err(e) => panic!("{name}: not imported ({e})"),
        }
    }
    assert!(imported >= 18, "only {imported} samples imported");
    out
}

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|_| panic!("not a number: {text:?}"))
}

/// A figure cell as LibreOffice shows it ("98", "98.00", "373.29%", "1,234.50") as a number
/// in the figure's measure (percent for rates).
fn number(cell: &str) -> Option<Decimal> {
    let t = cell.trim().replace(',', "");
    if t.is_empty() || t == "—" {
        return None;
    }
    Some(d(t.strip_suffix('%').unwrap_or(&t)))
}

/// The computed figure as displayed (四舍五入 to 2 decimals).
fn rounded(f: &Figure) -> Option<Decimal> {
    f.computed.map(|c| round_half_up(c, 2))
}



/// RFC 4180 CSV into rows of cells (quoted cells may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

fn part(archive: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The worksheet names of a workbook, in order.
fn sheet_names(xlsx: &[u8]) -> Vec<String> {
    let wb = part(xlsx, "xl/workbook.xml");
    wb.split("<sheet name=\"").skip(1).map(|s| s.split('"').next().unwrap().replace("&amp;", "&").replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")).collect()
}

/// Print: each scored section carries the table's figures as the policy shows them, with the
/// differing computed figures beside the declared ones (附上计算结果).
fn check_print(case: &Case, evaluation: &Evaluation, figures: &[TableFigures]) {
    let html = report_html(&case.report, evaluation, PrintOptions { computed: true, ..PrintOptions::default() });
    let sections: Vec<&str> = html.split("<section class=\"print-section landscape scored\">").skip(1).collect();
    assert_eq!(sections.len(), figures.len(), "{}: one printed section per table", case.name);
    for (section, f) in sections.iter().zip(figures) {
        let what = format!("{} print {}", case.name, f.label);
        // The cells' merges (the budget block's 执行率 and 得分 span its rows) are not figures.
        let section = &unspanned(section);
        assert!(section.contains(&format!("<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", f.rate.beside(true), f.budget_score.beside(true))), "{what}: 执行率 {} 得分 {}", f.rate.beside(true), f.budget_score.beside(true));
        let rows: Vec<String> = f.rows.iter().map(|r| format!("<td class=\"num\">{}</td><td>", r.score.beside(true))).collect();
        in_order(section, &rows, &format!("{what}: row scores"));
        assert!(section.contains(&format!("总分</th><td class=\"num\">100</td><td class=\"num\">{}</td>", f.total.beside(true))), "{what}: 总分 {}", f.total.beside(true));
        assert!(section.contains(&format!("评价等次</th><td>{}</td>", f.grade.beside(true))), "{what}: 等次");
    }
    let plain = report_html(&case.report, evaluation, PrintOptions::default());
    for f in figures {
        assert!(plain.contains(&format!("<td class=\"num\">{}</td>", f.total.shown())), "{}: the 总分 without 附上计算结果", case.name);
    }
    assert!(!plain.contains("（计算 "), "{}: computed figures only when asked", case.name);
}

/// HTML without its `colspan` and `rowspan` attributes.
fn unspanned(html: &str) -> String {
    let mut out = html.to_string();
    for attr in [" colspan=\"", " rowspan=\""] {
        while let Some(at) = out.find(attr) {
            let end = out[at + attr.len()..].find('"').map_or(out.len(), |e| at + attr.len() + e + 1);
            out.replace_range(at..end, "");
        }
    }
    out
}

/// One table as the reader sees it: per row, the cells that show text, each (text, columns
/// spanned); empty cells and the continuations of vertical merges left out.
type Cells = Vec<Vec<(String, usize)>>;

/// The text between `open` (up to its `>`) and `close`, and the attributes of `open`, for each
/// occurrence in `text`.
fn elements<'a>(text: &'a str, open: &str, close: &str) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find(open).map(|i| at + i) {
        let after = start + open.len();
        // `<w:t` must not match `<w:tbl`, `<td` not `<tdx`: the tag name ends here.
        if !text[after..].starts_with([' ', '>', '/']) {
            at = after;
            continue;
        }
        let Some(gt) = text[after..].find('>').map(|i| after + i) else { break };
        let Some(end) = text[gt..].find(close).map(|i| gt + i) else { break };
        out.push((&text[after..gt], &text[gt + 1..end]));
        at = end + close.len();
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&")
}

/// Every table of the print view's forms (`print-table`), as a reader sees its cells.
fn printed_tables(html: &str) -> Vec<Cells> {
    elements(html, "<table", "</table>")
        .into_iter()
        .filter(|(attrs, _)| attrs.contains("print-table"))
        .map(|(_, table)| {
            elements(table, "<tr", "</tr>")
                .into_iter()
                .map(|(_, tr)| {
                    let mut cells: Vec<(&str, &str)> = elements(tr, "<th", "</th>").into_iter().chain(elements(tr, "<td", "</td>")).collect();
                    cells.sort_by_key(|(attrs, _)| attrs.as_ptr());
                    cells
                        .into_iter()
                        .map(|(attrs, inner)| {
                            // Text for screen readers only is not on the page.
                            let seen = elements(inner, "<span", "</span>").into_iter().fold(inner.to_string(), |t, (a, s)| if a.contains("visually-hidden") { t.replace(s, "") } else { t });
                            let mut text = String::new();
                            let mut in_tag = false;
                            for c in seen.chars() {
                                match c {
                                    '<' => in_tag = true,
                                    '>' => in_tag = false,
                                    c if !in_tag => text.push(c),
                                    _ => {}
                                }
                            }
                            let span = attrs.split("colspan=\"").nth(1).and_then(|s| s.split('"').next()).map_or(1, |n| n.parse().unwrap());
                            (unescape(&text).replace('\r', ""), span)
                        })
                        .filter(|(text, _)| !text.is_empty())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Every table of a Word document part, as a reader sees its cells.
fn word_tables(document: &str) -> Vec<Cells> {
    elements(document, "<w:tbl", "</w:tbl>")
        .into_iter()
        .map(|(_, table)| {
            elements(table, "<w:tr", "</w:tr>")
                .into_iter()
                .map(|(_, tr)| {
                    elements(tr, "<w:tc", "</w:tc>")
                        .into_iter()
                        .map(|(_, tc)| {
                            let text: Vec<String> = tc.split("<w:br/>").map(|part| elements(part, "<w:t", "</w:t>").into_iter().map(|(_, t)| unescape(t)).collect::<String>()).collect();
                            let span = tc.split("<w:gridSpan w:val=\"").nth(1).and_then(|s| s.split('"').next()).map_or(1, |n| n.parse().unwrap());
                            (text.join("\n"), span)
                        })
                        .filter(|(text, _)| !text.is_empty())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Print and Word render the same form descriptions (`model::forms`): every table of every
/// official form, the scored 整体表 and 项目表 included, shows the same texts in the same cells
/// with the same horizontal merges, for every seed and sample, with and without 附上计算结果.
/// A second layout of a form in either output fails here.
#[test]
fn print_and_word_show_the_same_cells_in_every_form() {
    for case in cases() {
        let evaluation = evaluate(&case.report);
        for computed in [false, true] {
            let html = report_html(&case.report, &evaluation, PrintOptions { computed, ..PrintOptions::default() });
            let word = docx(&case.report, &evaluation, &DocxOptions { computed, ..DocxOptions::default() });
            let (printed, written) = (printed_tables(&html), word_tables(&part(&word, "word/document.xml")));
            let scored = case.report.scored_tables().len();
            assert!(printed.len() >= 3 * scored, "{}: {} printed tables for {scored} scored forms", case.name, printed.len());
            assert_eq!(printed.len(), written.len(), "{} (附上计算结果 {computed}): tables printed and in Word", case.name);
            for (n, (p, w)) in printed.iter().zip(&written).enumerate() {
                assert_eq!(p.len(), w.len(), "{} table {}: rows printed and in Word", case.name, n + 1);
                for (r, (pr, wr)) in p.iter().zip(w).enumerate() {
                    assert_eq!(pr, wr, "{} (附上计算结果 {computed}) table {} row {}: printed vs Word", case.name, n + 1, r + 1);
                }
            }
        }
    }
}

/// Word, as LibreOffice reads it back: the same figures in the same order, table by table.
fn check_word(case: &Case, text: &str, figures: &[TableFigures]) {
    let text = compact(text);
    let mut needles = Vec::new();
    for f in figures {
        needles.push(compact(&f.rate.beside(true)));
        needles.push(compact(&f.budget_score.beside(true)));
        let table = jixiao::model::edit::table(&case.report, &f.path).unwrap();
        for (ind, r) in all_indicators(table).zip(&f.rows_by_index(table)) {
            if let Some(score) = r {
                needles.push(compact(&format!("{}{}", ind.weight.map(jixiao::model::num::plain).unwrap_or_default(), score.beside(true))));
            }
        }
        needles.push(compact(&format!("总分100{}", f.total.beside(true))));
        needles.push(format!("评价等次{}", compact(&f.grade.beside(true))));
    }
    in_order(&text, &needles, &format!("{} Word", case.name));
}

trait ByIndex {
    fn rows_by_index(&self, table: &jixiao::model::report::PerfTable) -> Vec<Option<Figure>>;
}

impl ByIndex for TableFigures {
    /// The rows' figures aligned with every indicator row of the table (`None` for a placeholder).
    fn rows_by_index(&self, table: &jixiao::model::report::PerfTable) -> Vec<Option<Figure>> {
        let prefix = &self.path;
        let mut paths: Vec<String> = (0..table.indicators.len()).map(|i| format!("{prefix}.indicators[{i}]")).collect();
        for (g, goal) in table.goals.iter().enumerate() {
            paths.extend((0..goal.indicators.len()).map(|i| format!("{prefix}.goals[{g}].indicators[{i}]")));
        }
        paths.iter().map(|p| self.rows.iter().find(|r| &r.path == p).map(|r| r.score)).collect()
    }
}

/// Excel, recalculated by LibreOffice: the form's cells hold the declared figures (the computed
/// one where a declared cell is blank), the 计算 columns the model's figures.
fn check_excel(case: &Case, sheets: &[Vec<Vec<String>>], figures: &[TableFigures]) {
    assert!(sheets.len() >= figures.len(), "{}: {} scored sheets for {} tables", case.name, sheets.len(), figures.len());
    for (rows, f) in sheets.iter().zip(figures) {
        let what = format!("{} Excel {}", case.name, f.label);
        let col = |row: &[String], name: &str| row.iter().position(|c| c == name).unwrap_or_else(|| panic!("{what}: no {name} column"));
        let cell = |row: &[String], i: usize| row.get(i).cloned().unwrap_or_default();
        let form = |fig: &Figure| fig.declared.or_else(|| rounded(fig));
        // Budget block.
        let head = rows.iter().find(|r| r.iter().any(|c| c == "计算执行率")).unwrap_or_else(|| panic!("{what}: no budget header"));
        let (rate, score, c_rate, c_score) = (col(head, "执行率"), col(head, "得分"), col(head, "计算执行率"), col(head, "计算预算执行得分"));
        let budget = rows.iter().find(|r| r.get(1).is_some_and(|c| c == "年度资金总额")).unwrap();
        assert_eq!(number(&cell(budget, rate)), form(&f.rate), "{what}: 执行率 in the form");
        assert_eq!(number(&cell(budget, c_rate)), rounded(&f.rate), "{what}: 计算执行率 recalculated");
        assert_eq!(number(&cell(budget, score)), form(&f.budget_score), "{what}: 预算执行得分 in the form");
        assert_eq!(number(&cell(budget, c_score)), rounded(&f.budget_score), "{what}: 计算预算执行得分 recalculated");
        // Indicator rows, 总分 and 等次.
        let h = rows.iter().position(|r| r.iter().any(|c| c == "计算得分")).unwrap_or_else(|| panic!("{what}: no indicator header"));
        let (score, computed) = (col(&rows[h], "得分"), col(&rows[h], "计算得分"));
        let table = jixiao::model::edit::table(&case.report, &f.path).unwrap();
        let aligned = f.rows_by_index(table);
        for (n, fig) in aligned.iter().enumerate() {
            let row = &rows[h + 1 + n];
            if let Some(fig) = fig {
                assert_eq!(number(&cell(row, score)), form(fig), "{what}: row {} declared 得分", n + 1);
                assert_eq!(number(&cell(row, computed)), rounded(fig), "{what}: row {} 计算得分 recalculated", n + 1);
            }
        }
        let total = &rows[h + 1 + aligned.len()];
        assert_eq!(cell(total, 0), "总分", "{what}");
        assert_eq!(number(&cell(total, score)), form(&f.total), "{what}: 总分 in the form");
        assert_eq!(number(&cell(total, computed)), rounded(&f.total), "{what}: 计算 总分 recalculated");
        let grade = &rows[h + 2 + aligned.len()];
        assert_eq!(cell(grade, 0), "评价等次", "{what}");
        assert!(grade.iter().any(|c| *c == f.grade.shown()), "{what}: 等次 {} in {grade:?}", f.grade.shown());
        assert_eq!(cell(grade, computed), f.grade.computed.clone().unwrap_or_else(|| "—".into()), "{what}: 计算 等次 recalculated");
    }
}

/// The CSV of each table and the 审核 row and the import preview: the same texts.
fn check_csv_review_preview(case: &Case, evaluation: &Evaluation, figures: &[TableFigures]) {
    let declared = |f: &Figure| f.declared.map(|_| f.declared_text()).unwrap_or_default();
    for f in figures {
        let what = format!("{} CSV {}", case.name, f.label);
        let rows = parse_csv(&jixiao::model::exchange::csv::scored_table(&case.report, evaluation, &f.path).unwrap());
        assert_eq!(rows[2][5..9], [declared(&f.rate), f.rate.computed_text(), declared(&f.budget_score), f.budget_score.computed_text()], "{what}: budget");
        let h = rows.iter().position(|r| r.iter().any(|c| c == "计算得分")).unwrap();
        let (ds, cs) = (rows[h].iter().position(|c| c == "填报得分").unwrap(), rows[h].iter().position(|c| c == "计算得分").unwrap());
        let table = jixiao::model::edit::table(&case.report, &f.path).unwrap();
        for (n, fig) in f.rows_by_index(table).iter().enumerate() {
            if let Some(fig) = fig {
                assert_eq!([rows[h + 1 + n][ds].clone(), rows[h + 1 + n][cs].clone()], [declared(fig), fig.computed_text()], "{what}: row {}", n + 1);
            }
        }
        let total = rows.iter().find(|r| r[0] == "总分（填报）").unwrap();
        assert_eq!([total[1].clone(), total[3].clone()], [declared(&f.total), f.total.computed_text()], "{what}: 总分");
    }
    let review = jixiao::model::review::rows_for("x", 0, &case.report, evaluation);
    let review_csv = parse_csv(&jixiao::model::review::csv(&review.iter().collect::<Vec<_>>()));
    assert_eq!(review_csv.len() - 1, figures.len(), "{}: 审核 rows", case.name);
    for (row, f) in review_csv.iter().skip(1).zip(figures) {
        assert_eq!(row[4..8], [f.total.declared_text(), f.total.computed_text(), row[6].clone(), f.grade.pair()], "{} 审核", case.name);
    }
    assert_eq!(import::figures(&case.report, evaluation).len(), figures.len(), "{}: preview rows", case.name);
    for (p, f) in import::figures(&case.report, evaluation).iter().zip(figures) {
        assert_eq!((p.declared.as_str(), p.computed.as_str()), (f.total.declared_text().as_str(), f.total.computed_text().as_str()), "{} preview", case.name);
    }
}

/// `jixiao-check --json` on the file itself (the checker imports a sample by itself).
fn check_cli(cases: &[Case], all: &[Vec<TableFigures>], packs: &[PathBuf]) {
    let rules = packs.iter().flat_map(|p| [PathBuf::from("--rules"), p.clone()]);
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-check")).arg("--json").args(rules).args(cases.iter().map(|c| &c.file)).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let declared = |f: &Figure| f.declared.map(|_| f.declared_text());
    let computed = |f: &Figure| f.computed.map(|_| f.computed_text());
    for (case, figures) in cases.iter().zip(all) {
        let file = case.file.to_string_lossy();
        let mine: Vec<&serde_json::Value> = rows.iter().filter(|r| r["file"] == *file && r["path"] != "").collect();
        assert_eq!(mine.len(), figures.len(), "{} CLI tables", case.name);
        for (r, f) in mine.iter().zip(figures) {
            let what = format!("{} CLI {}", case.name, f.label);
            assert_eq!((text(&r["declared_total"]), text(&r["computed_total"])), (declared(&f.total), computed(&f.total)), "{what}: 总分");
            assert_eq!(text(&r["grade"]), f.grade.computed, "{what}: 等次");
            assert_eq!((text(&r["rate"]["declared"]), text(&r["rate"]["computed"])), (declared(&f.rate), computed(&f.rate)), "{what}: 执行率");
            assert_eq!((text(&r["budget_score"]["declared"]), text(&r["budget_score"]["computed"])), (declared(&f.budget_score), computed(&f.budget_score)), "{what}: 预算执行得分");
            let listed = r["rows"].as_array().unwrap();
            assert_eq!(listed.len(), f.rows.len(), "{what}: rows");
            for (l, row) in listed.iter().zip(&f.rows) {
                assert_eq!((text(&l["score"]["declared"]), text(&l["score"]["computed"])), (declared(&row.score), computed(&row.score)), "{what}: {}", row.place);
            }
        }
    }
}

/// Seed 000 with its first row's 分值 and 得分 raised by 5 (weights adding up to 105, scores to 103), under the Hunan
/// pack with each `total_rule`: installed here and written for the checker's `--rules`.
fn weights_105(dir: &Path) -> (Vec<Case>, Vec<PathBuf>) {
    let mut cases = Vec::new();
    let mut packs = Vec::new();
    for rule in ["cap", "normalise", "raw"] {
        let mut pack: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join("crates/model/rules/hunan-2024.json")).unwrap()).unwrap();
        let id = format!("hunan-2024-{rule}");
        pack["id"] = id.clone().into();
        pack["total_rule"] = rule.into();
        let pack_file = dir.join(format!("{id}.json"));
        std::fs::write(&pack_file, pack.to_string()).unwrap();
        jixiao::model::rules::install(jixiao::model::rules::parse(&id, &pack.to_string()).unwrap());
        packs.push(pack_file);
        let mut report = jixiao::model::examples::example("seed-000").unwrap().unwrap();
        report.rule_pack = id.clone();
        report.projects.clear();
        let row = &mut report.overall.as_mut().unwrap().indicators[0];
        row.weight = row.weight.map(|w| w + Decimal::from(5));
        // A qualitative row counted at its declared score: 5 more points, 103 in all.
        row.declared_score = row.declared_score.map(|w| w + Decimal::from(5));
        let file = dir.join(format!("weights-105-{rule}.json"));
        std::fs::write(&file, jixiao::model::exchange::json::save(&report, None)).unwrap();
        cases.push(Case { name: format!("weights-105-{rule}"), file, report });
    }
    (cases, packs)
}

#[test]
fn every_seed_and_sample_shows_the_same_figures_in_every_output() {
    let dir = std::env::temp_dir().join(format!("jixiao-agree-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cases = cases();
    // One total rule: weights adding up to 105 give one 总分 per rule, everywhere, and the
    // weights finding states that same 总分.
    let (extra, packs) = weights_105(&dir);
    let mut totals = Vec::new();
    for case in &extra {
        let e = evaluate(&case.report);
        let shown = figures::of_report(&case.report, &e)[0].total.computed_text();
        let finding = e.findings.iter().find(|f| f.code == "weights.total").unwrap();
        assert!(finding.message.contains(&format!("总分为 {shown}")), "{}: {}", case.name, finding.message);
        assert!(e.tables[0].total_explain.text.contains(&format!("= {shown}")), "{}", e.tables[0].total_explain.text);
        totals.push(shown);
    }
    assert_eq!(totals.iter().collect::<std::collections::BTreeSet<_>>().len(), 3, "three rules, three totals: {totals:?}");
    cases.extend(extra);
    let mut word_files = Vec::new();
    let mut excel_files = Vec::new();
    let mut all = Vec::new();
    for case in &cases {
        let evaluation = evaluate(&case.report);
        let figures = figures::of_report(&case.report, &evaluation);
        check_print(case, &evaluation, &figures);
        check_csv_review_preview(case, &evaluation, &figures);
        std::fs::write(dir.join(format!("{}.docx", case.name)), docx(&case.report, &evaluation, &DocxOptions { computed: true, ..DocxOptions::default() })).unwrap();
        std::fs::write(dir.join(format!("{}.xlsx", case.name)), xlsx(&case.report, &evaluation)).unwrap();
        word_files.push(format!("{}.docx", case.name));
        excel_files.push(format!("{}.xlsx", case.name));
        all.push(figures);
    }
    check_cli(&cases, &all, &packs);

    soffice(&dir, "txt:Text (encoded):UTF8", &word_files.iter().map(String::as_str).collect::<Vec<_>>());
    soffice(&dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", &excel_files.iter().map(String::as_str).collect::<Vec<_>>());
    for (case, figures) in cases.iter().zip(&all) {
        let text = std::fs::read_to_string(dir.join(format!("{}.txt", case.name))).unwrap();
        check_word(case, &text, figures);
        let workbook = std::fs::read(dir.join(format!("{}.xlsx", case.name))).unwrap();
        let sheets: Vec<Vec<Vec<String>>> = sheet_names(&workbook)
            .iter()
            .take(figures.len())
            .map(|s| parse_csv(&std::fs::read_to_string(dir.join(format!("{}-{s}.csv", case.name))).unwrap_or_else(|e| panic!("{}-{s}.csv: {e}", case.name))))
            .collect();
        check_excel(case, &sheets, figures);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
