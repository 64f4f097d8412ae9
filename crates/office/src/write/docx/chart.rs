//! Charts in a Word package, shared by the 自评 Word (a 得分结构图 after each scored table) and
//! the 部门决算 Word (图1 … 图6 in the 说明): a `model::chart` spec becomes a DrawingML chart part
//! (`word/charts/chartN.xml`, bars or a pie with its categories and figures cached) with its
//! data as an embedded workbook (`word/embeddings/chartN.xlsx`, so Word and WPS can edit it),
//! and an inline drawing whose description is the chart's text alternative, followed by that
//! sentence as a caption line.
//!
//! Why DrawingML and not a picture: Word, WPS and LibreOffice all draw it natively, it stays
//! sharp in print and editable in Word, and no raster (the PNG twin Word wants beside an SVG)
//! has to be made without floats; VML would be legacy-only.
//!
//! Guarantees: every placed chart has its part, its content type, its relationship from the
//! document and its workbook; element order follows the schema (Word refuses a file otherwise);
//! text is escaped by `xml::escape` (characters XML cannot hold are dropped); a missing value is
//! left out of the cache (drawn as nothing), never written as 0; the bars' categories read from
//! top to bottom in the order of the spec, as in the SVG.

use super::super::xlsx;
use super::super::xml::escape;
use super::super::zip::ZipWriter;
use super::table;
use jixiao_model::chart::{alt_text, ChartKind, ChartSpec, COLOURS};
use jixiao_model::forms::{Cell, Fmt, Grid, RowKind, Xl};
use jixiao_model::num::fmt2;

const C_NS: &str = "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// The charts placed in one document, in order: chart `i` (from 1) is `word/charts/chart{i}.xml`,
/// relationship `rIdChart{i}`.
#[derive(Default)]
pub(crate) struct Charts {
    specs: Vec<ChartSpec>,
}

impl Charts {
    /// Appends `spec` to `body` as a centred inline chart (kept with its caption) and its text
    /// alternative as the caption line.
    pub(crate) fn place(&mut self, body: &mut String, spec: ChartSpec) {
        self.specs.push(spec);
        let i = self.specs.len();
        let Some(spec) = self.specs.last() else { return };
        let alt = alt_text(spec);
        // 15 cm wide; a pie 9 cm high, bars 0.64 cm a bar plus room for the title and axis.
        let bars = spec.labels.len() * spec.series.len().max(1);
        let cy = match spec.kind {
            ChartKind::Pie => 3_240_000,
            ChartKind::Bar => (1_080_000 + bars * 230_000).clamp(2_160_000, 6_000_000),
        };
        body.push_str(&format!(
            "<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"5400000\" cy=\"{cy}\"/><wp:docPr id=\"{}\" name=\"{}\" descr=\"{}\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rIdChart{i}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
            100 + i,
            escape(&spec.title),
            escape(&alt)
        ));
        table::para(body, "Line", Some("center"), &alt);
    }

    /// `types` (a `[Content_Types].xml`) with the chart parts and workbooks added.
    pub(crate) fn content_types(&self, types: &str) -> String {
        if self.specs.is_empty() {
            return types.to_string();
        }
        let mut add = String::from("<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>");
        for i in 1..=self.specs.len() {
            add.push_str(&format!("<Override PartName=\"/word/charts/chart{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"));
        }
        types.replacen("</Types>", &format!("{add}</Types>"), 1)
    }

    /// `rels` (the document's relationships) with one per chart added.
    pub(crate) fn relationships(&self, rels: &str) -> String {
        let add: String = (1..=self.specs.len())
            .map(|i| format!("<Relationship Id=\"rIdChart{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart{i}.xml\"/>"))
            .collect();
        rels.replacen("</Relationships>", &format!("{add}</Relationships>"), 1)
    }

    /// Writes every chart part, its relationships and its workbook.
    pub(crate) fn write(&self, zip: &mut ZipWriter) {
        for (n, spec) in self.specs.iter().enumerate() {
            let i = n + 1;
            zip.file(&format!("word/charts/chart{i}.xml"), chart_xml(spec).as_bytes());
            zip.file(
                &format!("word/charts/_rels/chart{i}.xml.rels"),
                format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"../embeddings/chart{i}.xlsx\"/></Relationships>").as_bytes(),
            );
            zip.file(&format!("word/embeddings/chart{i}.xlsx"), &workbook(spec));
        }
    }
}

/// A series' name as shown: its own, else the unit ("万元").
fn series_name<'a>(spec: &'a ChartSpec, name: &'a str) -> &'a str {
    if name.is_empty() { &spec.unit } else { name }
}

/// The chart's data as a workbook: categories in column A from row 2, one series a column
/// from B with its name in row 1 (what the part's formulas `Sheet1!$A$2:…` point at).
fn workbook(spec: &ChartSpec) -> Vec<u8> {
    let cols = spec.series.len() + 1;
    let mut grid = Grid::new("Sheet1", vec![24; cols], cols);
    let mut head = vec![Cell::head(0, "")];
    head.extend(spec.series.iter().enumerate().map(|(k, s)| Cell::head(k + 1, series_name(spec, &s.name))));
    grid.push(RowKind::Header, head);
    for (i, label) in spec.labels.iter().enumerate() {
        let mut row = vec![Cell::text(0, label.as_str())];
        for (k, s) in spec.series.iter().enumerate() {
            let value = s.values.get(i).copied().flatten();
            row.push(Cell::figure(k + 1, value.map(fmt2).unwrap_or_default(), value.map_or(Xl::Empty, |v| Xl::Number(v, Fmt::Fixed2))));
        }
        grid.push(RowKind::Body, row);
    }
    xlsx::workbook(&[grid])
}

/// The Excel name of series column `k` (B, C, …; charts have a handful of series).
fn column(k: usize) -> char {
    char::from(b'B' + u8::try_from(k.min(24)).unwrap_or(24))
}

/// Data labels outside the bar or slice (dark text stays readable): the value (bars) or the
/// percentage (a pie).
fn data_labels(pie: bool) -> String {
    format!(
        "<c:dLbls><c:numFmt formatCode=\"{}\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val=\"outEnd\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"{}\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"{}\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
        if pie { "0.00%" } else { "0.00" },
        u8::from(!pie),
        u8::from(pie)
    )
}

/// A fill of `COLOURS[i]` ("#8b1a1a" → "8B1A1A").
fn fill(i: usize) -> String {
    let hex = COLOURS[i % COLOURS.len()].trim_start_matches('#').to_ascii_uppercase();
    format!("<a:solidFill><a:srgbClr val=\"{hex}\"/></a:solidFill>")
}

/// One series: name, fills, labels, the categories and its values (cached).
fn series(spec: &ChartSpec, k: usize) -> String {
    let Some(s) = spec.series.get(k) else { return String::new() };
    let n = spec.labels.len();
    let col = column(k);
    let mut x = format!(
        "<c:ser><c:idx val=\"{k}\"/><c:order val=\"{k}\"/><c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>",
        escape(series_name(spec, &s.name))
    );
    let pie = spec.kind == ChartKind::Pie;
    if pie {
        // Explicit fills per slice: LibreOffice leaves a pie's slices unfilled without them.
        for i in 0..n {
            x.push_str(&format!("<c:dPt><c:idx val=\"{i}\"/><c:bubble3D val=\"0\"/><c:spPr>{}<a:ln><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill></a:ln></c:spPr></c:dPt>", fill(i)));
        }
    } else {
        x.push_str(&format!("<c:spPr>{}</c:spPr><c:invertIfNegative val=\"0\"/>", fill(k)));
    }
    x.push_str(&data_labels(pie));
    x.push_str(&format!("<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val=\"{n}\"/>", n + 1));
    for (i, label) in spec.labels.iter().enumerate() {
        x.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", escape(label)));
    }
    x.push_str(&format!("</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${}</c:f><c:numCache><c:formatCode>0.00</c:formatCode><c:ptCount val=\"{n}\"/>", n + 1));
    for (i, v) in s.values.iter().enumerate().take(n) {
        if let Some(v) = v {
            x.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", v.normalize()));
        }
    }
    x.push_str("</c:numCache></c:numRef></c:val></c:ser>");
    x
}

/// A chart part (DrawingML) with its categories and figures cached; its data relationship is
/// `rId1` (the embedded workbook).
pub(crate) fn chart_xml(spec: &ChartSpec) -> String {
    let all: String = (0..spec.series.len()).map(|k| series(spec, k)).collect();
    let (plot, legend) = match spec.kind {
        ChartKind::Bar => (
            // Horizontal bars; the category axis runs from top to bottom (maxMin) as in the SVG.
            format!(
                "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>{all}<c:gapWidth val=\"60\"/><c:axId val=\"100\"/><c:axId val=\"200\"/></c:barChart><c:catAx><c:axId val=\"100\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"200\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"1\"/></c:catAx><c:valAx><c:axId val=\"200\"/><c:scaling><c:orientation val=\"minMax\"/><c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/><c:majorGridlines/><c:numFmt formatCode=\"0.00\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"100\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>"
            ),
            spec.series.iter().any(|s| !s.name.is_empty()),
        ),
        ChartKind::Pie => (format!("<c:pieChart><c:varyColors val=\"1\"/>{all}<c:firstSliceAng val=\"0\"/></c:pieChart>"), true),
    };
    let legend = match (legend, spec.kind) {
        (false, _) => "",
        (true, ChartKind::Bar) => "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>",
        (true, ChartKind::Pie) => "<c:legend><c:legendPos val=\"r\"/><c:overlay val=\"0\"/></c:legend>",
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<c:chartSpace {C_NS}><c:roundedCorners val=\"0\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"zh-CN\" sz=\"1200\" b=\"1\"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>{plot}</c:plotArea>{legend}<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\"><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"宋体\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr><c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>",
        escape(&spec.title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::chart::Series;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn a_part_per_chart_with_its_type_relationship_and_workbook() {
        let spec = ChartSpec {
            title: "得分<结构>\u{1}".into(),
            kind: ChartKind::Bar,
            labels: vec!["预算执行率".into(), "产出\u{7}指标".into()],
            series: vec![Series { name: "分值".into(), values: vec![Some(d("10")), Some(d("50"))] }, Series { name: "得分".into(), values: vec![Some(d("9.5")), None] }],
            unit: "分".into(),
        };
        let mut charts = Charts::default();
        let mut body = String::new();
        charts.place(&mut body, spec.clone());
        charts.place(&mut body, ChartSpec::simple("图2", ChartKind::Pie, vec!["甲".into()], vec![d("1")], "万元"));
        assert!(body.contains("r:id=\"rIdChart1\"") && body.contains("r:id=\"rIdChart2\""));
        assert!(body.contains("descr=\"得分&lt;结构&gt;：预算执行率 分值 10.00分、得分 9.50分；产出指标 分值 50.00分、得分 —。\""), "{body}");
        let types = charts.content_types("<Types></Types>");
        assert_eq!(types.matches("drawingml.chart+xml").count(), 2);
        assert!(types.contains("Extension=\"xlsx\""));
        assert_eq!(charts.relationships("<Relationships></Relationships>").matches("Target=\"charts/chart").count(), 2);
        let xml = chart_xml(&spec);
        assert!(!xml.contains('\u{1}') && !xml.contains('\u{7}'), "control characters are dropped");
        assert!(xml.contains("<c:v>产出指标</c:v>") && xml.contains("<c:v>得分</c:v>") && xml.contains("Sheet1!$C$2:$C$3"));
        // The missing 得分 is left out of the cache, not written as 0.
        let second = xml.split("<c:ser>").nth(2).and_then(|s| s.split("<c:numCache>").nth(1)).unwrap_or_default();
        assert_eq!(second.matches("<c:pt ").count(), 1, "{second}");
        assert!(second.contains("<c:pt idx=\"0\"><c:v>9.5</c:v>"));
        let mut zip = ZipWriter::new();
        charts.write(&mut zip);
        let bytes = zip.finish();
        assert!(bytes.windows(b"word/embeddings/chart2.xlsx".len()).any(|w| w == b"word/embeddings/chart2.xlsx"));
        assert_eq!(Charts::default().content_types("<Types></Types>"), "<Types></Types>");
    }
}
