//! The whole 决算公开 document as .docx: title, the tables (landscape), the 情况说明 (the one the
//! department wrote, else the drafted one) with the six charts, and the 名词解释.
//!
//! Charts are DrawingML charts (`word/charts/chartN.xml`, a bar or pie chart with its figures
//! cached in the part), not pictures: Word and LibreOffice both draw them natively, they stay
//! sharp in print and editable in Word, and no raster (PNG fallback for SVG) has to be made
//! without floats. VML would be legacy-only; SVG in Word needs a PNG beside it. Each chart is
//! followed by its text alternative as a caption line (and as the drawing's `descr`).

use super::chart::{self, Chart, Kind};
use super::{draft, out, FinalAccounts};
use crate::model::exchange::write::docx::{parts, table};
use crate::model::exchange::write::xml::escape;
use crate::model::exchange::write::zip::ZipWriter;

const C_NS: &str = "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

const FILLS: &[&str] = &["2F6DB5", "E08A2C", "4A9A5B", "B8433F", "7A5BA8", "8C6D3F", "C25C9A", "6B7B8C"];

/// Explicit fills per point: LibreOffice leaves a pie's slices unfilled without them.
fn points(n: usize) -> String {
    (0..n)
        .map(|i| format!("<c:dPt><c:idx val=\"{i}\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill></a:ln></c:spPr></c:dPt>", FILLS[i % FILLS.len()]))
        .collect()
}

fn labels(show_val: bool, show_pct: bool) -> String {
    let fmt = if show_pct { "0.00%" } else { "0.00" };
    format!(
        "<c:dLbls><c:numFmt formatCode=\"{fmt}\" sourceLinked=\"0\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"{}\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"{}\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
        u8::from(show_val),
        u8::from(show_pct)
    )
}

/// A chart part (DrawingML) with its categories and figures cached.
pub fn chart_xml(c: &Chart) -> String {
    let n = c.values.len();
    let mut cat = format!("<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val=\"{n}\"/>", n + 1);
    let mut val = format!("<c:val><c:numRef><c:f>Sheet1!$B$2:$B${}</c:f><c:numCache><c:formatCode>0.00</c:formatCode><c:ptCount val=\"{n}\"/>", n + 1);
    for (i, (label, v)) in c.values.iter().enumerate() {
        cat.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", escape(label)));
        val.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", v.normalize()));
    }
    cat.push_str("</c:strCache></c:strRef></c:cat>");
    val.push_str("</c:numCache></c:numRef></c:val>");
    let ser = |extra: &str| format!("<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>万元</c:v></c:pt></c:strCache></c:strRef></c:tx>{extra}{cat}{val}</c:ser>");
    let plot = match c.kind {
        Kind::Bar => format!(
            "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>{}<c:gapWidth val=\"100\"/><c:axId val=\"100\"/><c:axId val=\"200\"/></c:barChart><c:catAx><c:axId val=\"100\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/><c:crossAx val=\"200\"/></c:catAx><c:valAx><c:axId val=\"200\"/><c:scaling><c:orientation val=\"minMax\"/><c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:numFmt formatCode=\"0.00\" sourceLinked=\"0\"/><c:crossAx val=\"100\"/></c:valAx>",
            ser(&format!("<c:spPr><a:solidFill><a:srgbClr val=\"2F6DB5\"/></a:solidFill></c:spPr>{}", labels(true, false)))
        ),
        Kind::Pie => format!("<c:pieChart><c:varyColors val=\"1\"/>{}<c:firstSliceAng val=\"0\"/></c:pieChart>", ser(&format!("{}{}", points(n), labels(false, true)))),
    };
    let legend = if c.kind == Kind::Pie { "<c:legend><c:legendPos val=\"r\"/><c:overlay val=\"0\"/></c:legend>" } else { "" };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<c:chartSpace {C_NS}><c:roundedCorners val=\"0\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>{plot}</c:plotArea>{legend}<c:plotVisOnly val=\"1\"/></c:chart></c:chartSpace>",
        escape(&c.title)
    )
}

/// An inline drawing referring to chart relationship `rid`.
fn drawing(out: &mut String, id: usize, rid: &str, c: &Chart) {
    let (cx, cy) = (5_400_000, 3_240_000);
    out.push_str(&format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{id}\" name=\"{}\" descr=\"{}\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"{rid}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
        escape(&c.title),
        escape(&chart::alt_text(c))
    ));
}

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
    let charts = chart::charts(fa);
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
    let put_chart = |body: &mut String, i: usize, placed: &mut [bool; 6]| {
        if let Some(c) = charts.get(i) {
            if !placed[i] {
                placed[i] = true;
                drawing(body, 100 + i, &format!("rIdChart{}", i + 1), c);
                table::para(body, "Line", Some("center"), &chart::alt_text(c));
            }
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
    doc.push_str(" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>");
    doc.push_str(&body);
    doc.push_str("<w:p/>");
    doc.push_str(PORTRAIT);
    doc.push_str("</w:body></w:document>");

    let chart_types: String = (1..=charts.len())
        .map(|i| format!("<Override PartName=\"/word/charts/chart{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"))
        .collect();
    let types = parts::CONTENT_TYPES.replacen("</Types>", &format!("{chart_types}</Types>"), 1);
    let chart_rels: String = (1..=charts.len())
        .map(|i| format!("<Relationship Id=\"rIdChart{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart{i}.xml\"/>"))
        .collect();
    let rels = parts::DOCUMENT_RELS.replacen("</Relationships>", &format!("{chart_rels}</Relationships>"), 1);
    let mut zip = ZipWriter::new();
    zip.file("[Content_Types].xml", types.as_bytes());
    zip.file("_rels/.rels", parts::ROOT_RELS.as_bytes());
    zip.file("docProps/core.xml", parts::core(&title).as_bytes());
    zip.file("word/document.xml", doc.as_bytes());
    zip.file("word/_rels/document.xml.rels", rels.as_bytes());
    zip.file("word/styles.xml", parts::STYLES.as_bytes());
    zip.file("word/settings.xml", parts::SETTINGS.as_bytes());
    zip.file("word/fontTable.xml", parts::FONT_TABLE.as_bytes());
    zip.file("word/footer1.xml", parts::FOOTER.as_bytes());
    for (i, c) in charts.iter().enumerate() {
        zip.file(&format!("word/charts/chart{}.xml", i + 1), chart_xml(c).as_bytes());
    }
    zip.finish()
}
