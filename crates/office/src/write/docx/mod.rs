//! The whole report as a Word document (.docx) laid out like the print view: cover, narrative,
//! 基础数据表, the Sichuan 监控 table, every scored table, 评价人员 with its signature and seal
//! lines, and optionally the findings and the 计算说明.
//!
//! Guarantees: A4 throughout; the cover, narrative, 基础数据表 and 评价人员 in portrait
//! sections with the GB/T 9704 margins (上 37 mm, 下 35 mm, 左 28 mm, 右 26 mm), the wide tables
//! in landscape sections with the print view's margins (上 15 mm, 下 18 mm, 左右 20 mm), so that a
//! 项目表 of up to about ten rows fits on one page; each part starts a new page; every section has the
//! "第 X 页 共 Y 页" footer. Figures are as declared, and where a declared cell is blank, as
//! computed and 四舍五入 (see `forms::scored`). Each scored table is followed by its 得分结构图
//! (`model::chart::score_structure`) as a DrawingML chart with its text alternative as the
//! drawing's description and as a caption line (`chart`).

pub(crate) mod chart;
pub(crate) mod keep;
pub(crate) mod parts;
pub(crate) mod table;

use super::extra;
use jixiao_model::forms::{heading, official, scored, Grid, RowKind};
use super::zip::ZipWriter;
use jixiao_model::check::Evaluation;
use jixiao_model::print::{report_title, PrintOptions};
use jixiao_model::report::Report;
use jixiao_model::rules;

/// What to append to the document: the same choices as the print view (findings, 计算说明).
pub type DocxOptions = PrintOptions;

/// Page orientation of a section.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    Portrait,
    Landscape,
}

/// mm → twips (1 mm = 1440 / 25.4 twips), for the margins below.
const fn mm(v: u32) -> u32 {
    v * 14400 / 254
}

impl Page {
    /// Text width in twips.
    fn width(self) -> u32 {
        match self {
            Page::Portrait => 11906 - mm(28) - mm(26),
            Page::Landscape => 16838 - 2 * mm(20),
        }
    }

    /// Text height in twips.
    fn height(self) -> u32 {
        match self {
            Page::Portrait => 16838 - mm(37) - mm(35),
            Page::Landscape => 11906 - mm(15) - mm(18),
        }
    }

    fn sect_pr(self, out: &mut String) {
        out.push_str("<w:sectPr><w:footerReference w:type=\"default\" r:id=\"");
        out.push_str(parts::FOOTER_ID);
        out.push_str("\"/><w:type w:val=\"nextPage\"/>");
        let (size, margins) = match self {
            Page::Portrait => ("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>".to_string(), (mm(37), mm(26), mm(35), mm(28), mm(15))),
            Page::Landscape => ("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>".to_string(), (mm(15), mm(20), mm(18), mm(20), mm(8))),
        };
        out.push_str(&size);
        let (top, right, bottom, left, footer) = margins;
        out.push_str(&format!(
            "<w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" w:header=\"{footer}\" w:footer=\"{footer}\" w:gutter=\"0\"/></w:sectPr>"
        ));
    }
}

/// The document body being written, section by section.
struct Body {
    xml: String,
}

impl Body {
    /// Ends the current section with its page settings (its last paragraph carries them).
    fn end_section(&mut self, page: Page) {
        self.xml.push_str("<w:p><w:pPr>");
        page.sect_pr(&mut self.xml);
        self.xml.push_str("</w:pPr></w:p>");
    }

    fn grid(&mut self, grid: &Grid, page: Page) {
        table::grid(&mut self.xml, grid, page.width(), page.height());
    }
}

/// A second-level heading of the official outline: "（一）基本支出情况" (short, numbered in
/// full-width parentheses), printed in 楷体 as GB/T 9704 documents do.
fn is_subheading(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('（') else { return false };
    let Some((number, title)) = rest.split_once('）') else { return false };
    !number.is_empty() && number.chars().all(|c| "一二三四五六七八九十".contains(c)) && title.chars().count() <= 30 && !title.contains('。')
}

/// The whole report as a .docx file.
pub fn docx(report: &Report, evaluation: &Evaluation, options: &DocxOptions) -> Vec<u8> {
    let pack = rules::find(&report.rule_pack);
    let title = report_title(report);
    let mut body = Body { xml: String::new() };

    // Cover.
    body.xml.push_str("<w:p/><w:p/>");
    table::para(&mut body.xml, "Title", None, &title);
    body.xml.push_str("<w:p/><w:p/>");
    for (label, value) in jixiao_model::print::cover_lines(report) {
        table::para(&mut body.xml, "Body", None, &format!("{label}：{value}"));
    }
    let c = report.cover.clone().unwrap_or_default();
    if !c.issuer.trim().is_empty() {
        body.xml.push_str("<w:p/><w:p/>");
        table::para(&mut body.xml, "Normal", Some("center"), &c.issuer);
    }
    if jixiao_model::print::printed_sections(report, *options).next().is_some() {
        body.xml.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        table::para(&mut body.xml, "Title", None, &title);
        for section in jixiao_model::print::printed_sections(report, *options) {
            table::para(&mut body.xml, "Heading1", None, &section.title);
            for line in section.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                table::para(&mut body.xml, if is_subheading(line) { "Heading2" } else { "Body" }, None, line);
            }
        }
    }
    body.end_section(Page::Portrait);

    if let Some(b) = &report.basic_data {
        body.grid(&official::basic_data(b, evaluation.staff_control_rate, &heading::of_basic_data(report, b)), Page::Portrait);
        body.end_section(Page::Portrait);
    }
    if let Some(m) = &report.monitor {
        body.grid(&official::monitor(m, &heading::of_monitor(report, m)), Page::Landscape);
        body.end_section(Page::Landscape);
    }
    let figures = jixiao_model::figures::of_report(report, evaluation);
    let mut charts = chart::Charts::default();
    for (((path, table), result), figures) in report.scored_tables().into_iter().zip(&evaluation.tables).zip(&figures) {
        body.grid(&scored::grid(&heading::of_table(report, table, &path), table, result, pack, &path, &scored::Shown { figures, with_computed: options.computed }), Page::Landscape);
        if let Some(spec) = jixiao_model::chart::score_structure(result) {
            charts.place(&mut body.xml, spec);
        }
        body.end_section(Page::Landscape);
    }
    let s = report.sign_off.clone().unwrap_or_default();
    // The signature lines as lines of the grid, so that they stay with the table.
    let mut sign_off = official::sign_off(&s);
    for line in official::sign_off_lines(&s) {
        sign_off.line(RowKind::Line, line);
    }
    body.grid(&sign_off, Page::Portrait);
    let mut last = Page::Portrait;
    if options.findings || options.explanations {
        body.end_section(Page::Portrait);
        if options.findings {
            body.grid(&extra::findings(report, evaluation), Page::Landscape);
        }
        if options.explanations {
            body.grid(&extra::explanations(report, evaluation), Page::Landscape);
        }
        last = Page::Landscape;
    }

    let mut doc = String::with_capacity(body.xml.len() + 1024);
    doc.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ");
    doc.push_str(parts::W_NS);
    doc.push_str("><w:body>");
    doc.push_str(&body.xml);
    // Word wants the body to end with a paragraph, not a table, before the final section.
    doc.push_str("<w:p/>");
    last.sect_pr(&mut doc);
    doc.push_str("</w:body></w:document>");

    package(&title, &doc, &charts)
}

/// The .docx package around a document part: content types, relationships, core properties,
/// styles, settings, fonts, the footer and the charts' parts (the 自评 and the 决算 Word alike).
pub(crate) fn package(title: &str, document_xml: &str, charts: &chart::Charts) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    zip.file("[Content_Types].xml", charts.content_types(parts::CONTENT_TYPES).as_bytes());
    zip.file("_rels/.rels", parts::ROOT_RELS.as_bytes());
    zip.file("docProps/core.xml", parts::core(title).as_bytes());
    zip.file("word/document.xml", document_xml.as_bytes());
    zip.file("word/_rels/document.xml.rels", charts.relationships(parts::DOCUMENT_RELS).as_bytes());
    zip.file("word/styles.xml", parts::STYLES.as_bytes());
    zip.file("word/settings.xml", parts::SETTINGS.as_bytes());
    zip.file("word/fontTable.xml", parts::FONT_TABLE.as_bytes());
    zip.file("word/footer1.xml", parts::FOOTER.as_bytes());
    charts.write(&mut zip);
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_subheadings() {
        assert!(is_subheading("（一）基本支出情况"));
        assert!(is_subheading("（十二）其他"));
        assert!(!is_subheading("（1）数字编号"));
        assert!(!is_subheading("（一）基本支出：2024年预算执行数为2951.83万元，其中工资福利支出571.46万元。"));
        assert!(!is_subheading("基本支出情况"));
    }
}
