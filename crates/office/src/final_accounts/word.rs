//! The whole 决算公开 document as .docx: title, the tables (landscape), the 情况说明 (the one the
//! department wrote, else the drafted one) with the six charts, and the 名词解释.
//!
//! Charts are DrawingML charts written by the Word writer's shared chart module
//! (`exchange::write::docx::chart`, the same as the 自评 Word's 得分结构图), each placed after
//! the 说明 paragraph that names it (图1 … 图6) and followed by its text alternative as a
//! caption line (and as the drawing's `descr`).

use super::{chart, draft, out, FinalAccounts};
use crate::write::docx::chart::Charts;
use crate::write::docx::{parts, table};

const PORTRAIT: &str = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:type w:val=\"nextPage\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"850\" w:footer=\"850\" w:gutter=\"0\"/></w:sectPr>";
const LANDSCAPE: &str = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:type w:val=\"nextPage\"/><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>";

fn end_section(body: &mut String, sect: &str) {
    body.push_str("<w:p><w:pPr>");
    body.push_str(sect);
    body.push_str("</w:pPr></w:p>");
}

/// The whole document as a .docx file.
pub fn docx(fa: &FinalAccounts) -> Vec<u8> {
    let title = fa.title();
    let specs = chart::charts(fa);
    let mut charts = Charts::default();
    let mut body = String::new();
    table::para(&mut body, "Title", None, &title);
    table::para(&mut body, "Heading1", None, "第一部分　部门决算表");
    end_section(&mut body, PORTRAIT);
    for t in &fa.tables {
        table::grid(&mut body, &out::grid(fa, t), 16838 - 2 * 1134, 11906 - 2 * 1134);
        end_section(&mut body, LANDSCAPE);
    }
    table::para(&mut body, "Heading1", None, "第二部分　部门决算情况说明");
    let mut placed = [false; 6];
    let mut put_chart = |body: &mut String, i: usize, placed: &mut [bool; 6]| {
        if let (Some(spec), Some(false)) = (specs.get(i), placed.get(i).copied()) {
            placed[i] = true;
            charts.place(body, spec.clone());
        }
    };
    if fa.statement.trim().is_empty() {
        let (sections, _) = draft::draft(fa);
        for s in sections {
            table::para(&mut body, if s.heading.starts_with('（') { "Heading2" } else { "Heading1" }, None, &s.heading);
            for line in s.text.lines() {
                table::para(&mut body, "Body", None, line);
            }
            if let Some(n) = s.chart {
                put_chart(&mut body, usize::from(n) - 1, &mut placed);
            }
        }
    } else {
        for line in fa.statement.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let heading = line.chars().take(4).any(|c| c == '、') && line.chars().count() < 40;
            table::para(&mut body, if heading { "Heading1" } else { "Body" }, None, line);
            for i in 0..6 {
                let mark = format!("图{}", i + 1);
                if line.contains(&mark) {
                    put_chart(&mut body, i, &mut placed);
                }
            }
        }
    }
    for i in 0..6 {
        put_chart(&mut body, i, &mut placed);
    }
    table::para(&mut body, "Heading1", None, "第三部分　名词解释");
    let glossary = if fa.glossary.trim().is_empty() { draft::GLOSSARY } else { fa.glossary.as_str() };
    for line in glossary.lines().filter(|l| !l.trim().is_empty()) {
        table::para(&mut body, "Body", None, line.trim());
    }
    let mut doc = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ");
    doc.push_str(parts::W_NS);
    doc.push_str("><w:body>");
    doc.push_str(&body);
    doc.push_str("<w:p/>");
    doc.push_str(PORTRAIT);
    doc.push_str("</w:body></w:document>");

    crate::write::docx::package(&title, &doc, &charts)
}
