//! A small writer of .docx and .xlsx files from a grid, for the layout fixtures: the HTML file
//! is the source a person writes; the Word and Excel twins are generated from the grid the HTML
//! reader gives, with real merged cells (w:gridSpan / w:vMerge, <mergeCell>), so the Word and
//! Excel readers are exercised on the same table.
#![allow(dead_code, clippy::unwrap_used)]

use jixiao::model::exchange::grid::{Block, Document, Table};
use jixiao_office::write::xml::escape;
use jixiao_office::write::zip::ZipWriter;

fn width(t: &Table) -> usize {
    t.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.col + c.col_span.max(1))).max().unwrap_or(0)
}

/// For each row, for each column: Some((origin row, origin col)) of the cell covering it.
fn layout(t: &Table) -> Vec<Vec<Option<(usize, usize)>>> {
    let w = width(t);
    let mut g = vec![vec![None; w]; t.rows.len()];
    for (r, row) in t.rows.iter().enumerate() {
        for c in &row.cells {
            for line in g.iter_mut().skip(r).take(c.row_span.max(1)) {
                for slot in line.iter_mut().skip(c.col).take(c.col_span.max(1)) {
                    *slot = Some((r, c.col));
                }
            }
        }
    }
    g
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", escape(text))
}

/// The document as a .docx.
pub fn docx(doc: &Document) -> Vec<u8> {
    let mut body = String::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => body.push_str(&para(p)),
            Block::Table(t) => {
                let w = width(t);
                let g = layout(t);
                body.push_str("<w:tbl><w:tblPr><w:tblBorders/></w:tblPr><w:tblGrid>");
                for _ in 0..w {
                    body.push_str("<w:gridCol w:w=\"1200\"/>");
                }
                body.push_str("</w:tblGrid>");
                for (r, row) in t.rows.iter().enumerate() {
                    body.push_str("<w:tr>");
                    let mut c = 0;
                    while c < w {
                        let own = row.cells.iter().find(|x| x.col == c);
                        let (span, merge, text) = match (own, g[r][c]) {
                            (Some(cell), _) => (cell.col_span.max(1), if cell.row_span > 1 { "<w:vMerge w:val=\"restart\"/>" } else { "" }, cell.text.as_str()),
                            (None, Some((or, oc))) if oc == c && or < r => {
                                let origin = t.rows[or].cells.iter().find(|x| x.col == oc).unwrap();
                                (origin.col_span.max(1), "<w:vMerge/>", "")
                            }
                            _ => (1, "", ""),
                        };
                        let grid_span = if span > 1 { format!("<w:gridSpan w:val=\"{span}\"/>") } else { String::new() };
                        body.push_str(&format!("<w:tc><w:tcPr>{grid_span}{merge}</w:tcPr>"));
                        if text.is_empty() {
                            body.push_str("<w:p/>");
                        }
                        for line in text.split('\n').filter(|_| !text.is_empty()) {
                            body.push_str(&para(line));
                        }
                        body.push_str("</w:tc>");
                        c += span;
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl><w:p/>");
            }
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = ZipWriter::new();
    zip.file("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#);
    zip.file("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#);
    zip.file("word/document.xml", document.as_bytes());
    zip.finish()
}

fn col_name(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (c % 26) as u8) as char);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.iter().rev().collect()
}

/// The document as a .xlsx: one sheet per table; the paragraphs before a table are its first
/// rows (a title merged across the table's width, as the samples' workbooks have it).
pub fn xlsx(doc: &Document) -> Vec<u8> {
    let mut sheets: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) if !p.trim().is_empty() => lines.push(p.clone()),
            Block::Paragraph(_) => {}
            Block::Table(t) => {
                let w = width(t).max(1);
                let mut rows = String::new();
                let mut merges = Vec::new();
                let mut r0 = 0;
                for line in lines.drain(..) {
                    r0 += 1;
                    rows.push_str(&format!("<row r=\"{r0}\"><c r=\"A{r0}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c></row>", escape(&line)));
                    if w > 1 {
                        merges.push(format!("A{r0}:{}{r0}", col_name(w - 1)));
                    }
                }
                for (r, row) in t.rows.iter().enumerate() {
                    let n = r0 + r + 1;
                    rows.push_str(&format!("<row r=\"{n}\">"));
                    for c in &row.cells {
                        rows.push_str(&format!("<c r=\"{}{n}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", col_name(c.col), escape(&c.text)));
                        if c.row_span > 1 || c.col_span > 1 {
                            merges.push(format!("{}{n}:{}{}", col_name(c.col), col_name(c.col + c.col_span.max(1) - 1), n + c.row_span.max(1) - 1));
                        }
                    }
                    rows.push_str("</row>");
                }
                let merge_xml = if merges.is_empty() {
                    String::new()
                } else {
                    format!("<mergeCells count=\"{}\">{}</mergeCells>", merges.len(), merges.iter().map(|m| format!("<mergeCell ref=\"{m}\"/>")).collect::<String>())
                };
                sheets.push(format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData>{merge_xml}</worksheet>"
                ));
            }
        }
    }
    let mut zip = ZipWriter::new();
    let overrides: String = (1..=sheets.len())
        .map(|i| format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
        .collect();
    zip.file("[Content_Types].xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{overrides}</Types>").as_bytes());
    zip.file("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
    let list: String = (1..=sheets.len()).map(|i| format!("<sheet name=\"Sheet{i}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>")).collect();
    zip.file("xl/workbook.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{list}</sheets></workbook>").as_bytes());
    let rels: String = (1..=sheets.len())
        .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
        .collect();
    zip.file("xl/_rels/workbook.xml.rels", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>").as_bytes());
    for (i, s) in sheets.iter().enumerate() {
        zip.file(&format!("xl/worksheets/sheet{}.xml", i + 1), s.as_bytes());
    }
    zip.finish()
}
