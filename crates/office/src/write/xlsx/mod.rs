//! The scored tables as an Excel workbook (.xlsx): one sheet per table (部门整体, each 项目,
//! 基础数据表, the 监控 table) in the official layout, and a 检查结果 sheet; and 审核's batch
//! table as a workbook of its own.
//!
//! Guarantees: computed cells are formulas with the model's exact figures cached, and the
//! workbook asks to be recalculated on open (`fullCalcOnLoad`), so Excel, WPS and LibreOffice
//! show the same figures as jixiao and follow when a figure is changed; sheet names are unique,
//! at most 31 characters and free of `[]:*?/\`; each sheet prints on A4 landscape, fitted to
//! the page width, with its column header repeated on every page (`_xlnm.Print_Titles`) and the
//! Excel-only helper columns outside the print area (`_xlnm.Print_Area`).

pub(crate) mod parts;
pub(crate) mod sheet;

use super::extra;
use jixiao_model::forms::{heading, official, scored, Grid};
use super::xml::escape;
use super::zip::ZipWriter;
use jixiao_model::check::Evaluation;
use jixiao_model::report::Report;
use jixiao_model::review::ReviewRow;
use jixiao_model::rules;

/// The scored tables, 基础数据表, 监控 table and findings as a .xlsx file.
pub fn xlsx(report: &Report, evaluation: &Evaluation) -> Vec<u8> {
    let pack = rules::find(&report.rule_pack);
    let figures = jixiao_model::figures::of_report(report, evaluation);
    let mut grids: Vec<Grid> = report
        .scored_tables()
        .into_iter()
        .zip(&evaluation.tables)
        .zip(&figures)
        .map(|(((path, table), result), figures)| scored::grid(&heading::of_table(report, table, &path), table, result, pack, &path, &scored::Shown { figures, with_computed: false }))
        .collect();
    if let Some(b) = &report.basic_data {
        grids.push(official::basic_data(b, evaluation.staff_control_rate, &heading::of_basic_data(report, b)));
    }
    if let Some(m) = &report.monitor {
        grids.push(official::monitor(m, &heading::of_monitor(report, m)));
    }
    grids.push(extra::findings(report, evaluation));
    workbook(&grids)
}

/// 审核's batch table (the rows as shown, in their order) as a .xlsx file.
pub fn review_xlsx(rows: &[&ReviewRow]) -> Vec<u8> {
    workbook(&[extra::review(rows)])
}

/// A sheet name Excel accepts: without `[]:*?/\`, no leading or trailing apostrophe, at most 31
/// UTF-16 units, not yet taken (a "（2）" suffix otherwise).
pub(crate) fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control()).collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base = if clean.is_empty() { "表" } else { clean };
    let fit = |s: &str, room: usize| {
        let mut out = String::new();
        let mut units = 0;
        for c in s.chars() {
            units += c.len_utf16();
            if units > room {
                break;
            }
            out.push(c);
        }
        out
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!("（{n}）") };
        let room = 31 - suffix.encode_utf16().count();
        let name = format!("{}{suffix}", fit(base, room).trim_end_matches('\''));
        // Excel compares names without case; ASCII folding is enough for these names and
        // keeps Unicode case tables out of the bundle.
        if !taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            return name;
        }
        n += 1;
    }
}

pub(crate) fn workbook(grids: &[Grid]) -> Vec<u8> {
    let mut names: Vec<String> = Vec::new();
    for g in grids {
        let name = sheet_name(&g.sheet, &names);
        names.push(name);
    }
    let mut wb = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
    for (i, name) in names.iter().enumerate() {
        wb.push_str(&format!("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", escape(name), i + 1, i + 1));
    }
    wb.push_str("</sheets><definedNames>");
    for (i, (g, name)) in grids.iter().zip(&names).enumerate() {
        let quoted = format!("'{}'", name.replace('\'', "''"));
        wb.push_str(&format!("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"{i}\">{}</definedName>", escape(&format!("{quoted}!{}", sheet::print_area(g)))));
        if let Some(rows) = sheet::print_titles(g) {
            wb.push_str(&format!("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">{}</definedName>", escape(&format!("{quoted}!{rows}"))));
        }
    }
    wb.push_str("</definedNames><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>");

    let mut zip = ZipWriter::new();
    zip.file("[Content_Types].xml", parts::content_types(grids.len()).as_bytes());
    zip.file("_rels/.rels", parts::ROOT_RELS.as_bytes());
    zip.file("xl/workbook.xml", wb.as_bytes());
    zip.file("xl/_rels/workbook.xml.rels", parts::workbook_rels(grids.len()).as_bytes());
    zip.file("xl/styles.xml", parts::STYLES.as_bytes());
    for (i, g) in grids.iter().enumerate() {
        zip.file(&format!("xl/worksheets/sheet{}.xml", i + 1), sheet::worksheet(g, i == 0).as_bytes());
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = Vec::new();
        for wanted in ["项目[1]:a*b?c/d\\e", "项目[1]:a*b?c/d\\e", "", "'引号'", &"很长的项目名称".repeat(10)] {
            let name = sheet_name(wanted, &taken);
            assert!(name.encode_utf16().count() <= 31, "{name}");
            assert!(!name.contains(['[', ']', ':', '*', '?', '/', '\\']));
            assert!(!name.starts_with('\'') && !name.ends_with('\''));
            taken.push(name);
        }
        assert_eq!(taken[0], "项目1abcde");
        assert_eq!(taken[1], "项目1abcde（2）");
        assert_eq!(taken[2], "表");
        assert_eq!(taken[3], "引号");
        assert_eq!(taken[4].chars().count(), 31);
    }
}
