//! Generators of hostile files, one function per family of issue 26, each at a size given as an
//! argument so the suite can run them small (fast in a debug build, yet large enough that
//! quadratic work would take far longer than the bound) and the benchmark at full size.

use super::support::{docx, xlsx, zip};

/// A BIFF8 record.
pub fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

fn bof(sheet_type: u16) -> Vec<u8> {
    let mut data = vec![0x00, 0x06];
    data.extend_from_slice(&sheet_type.to_le_bytes());
    data.extend_from_slice(&[0; 12]);
    record(0x0809, &data)
}

fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

/// A BIFF8 workbook in a compound file: `globals` after the BOF, then `sheets` worksheets,
/// the first holding `cells` (the others empty).
pub fn xls(globals: &[Vec<u8>], sheets: usize, cells: &[Vec<u8>]) -> Vec<u8> {
    let boundsheet = |offset: u32, i: usize| {
        let name = format!("S{i}");
        let mut data = offset.to_le_bytes().to_vec();
        data.extend_from_slice(&[0, 0, name.len() as u8, 0]);
        data.extend_from_slice(name.as_bytes());
        record(0x0085, &data)
    };
    let mut head = bof(0x0005);
    for r in globals {
        head.extend_from_slice(r);
    }
    let directory: usize = (0..sheets).map(|i| boundsheet(0, i).len()).sum();
    let mut offset = head.len() + directory + eof().len();
    let mut bodies = Vec::new();
    for i in 0..sheets {
        head.extend_from_slice(&boundsheet(offset as u32, i));
        let mut body = bof(0x0010);
        if i == 0 {
            for c in cells {
                body.extend_from_slice(c);
            }
        }
        body.extend_from_slice(&eof());
        offset += body.len();
        bodies.push(body);
    }
    head.extend_from_slice(&eof());
    head.extend(bodies.concat());
    super::support::compound(&[("Workbook", &head)])
}

/// An SST holding one string of `len` one-byte characters, split into CONTINUE records.
fn sst_of_one(len: usize) -> Vec<Vec<u8>> {
    let mut first = 1u32.to_le_bytes().to_vec();
    first.extend_from_slice(&1u32.to_le_bytes());
    first.extend_from_slice(&(len as u16).to_le_bytes());
    first.push(0);
    let mut text = vec![b'x'; len];
    let room = 8224 - first.len();
    let rest = text.split_off(room.min(text.len()));
    first.extend(text);
    let mut out = vec![record(0x00FC, &first)];
    for chunk in rest.chunks(8000) {
        let mut data = vec![0u8];
        data.extend_from_slice(chunk);
        out.push(record(0x003C, &data));
    }
    out
}

fn cell_head(row: u16, col: u16, xf: u16) -> Vec<u8> {
    [row.to_le_bytes(), col.to_le_bytes(), xf.to_le_bytes()].concat()
}

/// .xls: a shared string of `len` characters (≤ 65,535) on `cells` cells.
pub fn xls_shared_string(len: usize, cells: usize) -> Vec<u8> {
    let labels: Vec<Vec<u8>> =
        (0..cells).map(|i| record(0x00FD, &[cell_head((i / 200) as u16, (i % 200) as u16, 0), 0u32.to_le_bytes().to_vec()].concat())).collect();
    xls(&sst_of_one(len), 1, &labels)
}

/// .xls: one number format of `zeros` zeros (≤ 65,530) used by `cells` numbers.
pub fn xls_long_format(zeros: usize, cells: usize) -> Vec<u8> {
    let mut format = 200u16.to_le_bytes().to_vec();
    format.extend_from_slice(&(zeros as u16).to_le_bytes());
    format.push(0);
    let mut globals = vec![];
    // One record longer than BIFF8's 8,224 bytes: its length field allows 65,535.
    format.extend(vec![b'0'; zeros]);
    globals.push(record(0x041E, &format));
    // 16 style XFs then cell XFs: XF 16 uses format 200.
    for i in 0..17u16 {
        let mut xf = vec![0u8; 20];
        xf[2..4].copy_from_slice(&(if i == 16 { 200u16 } else { 0 }).to_le_bytes());
        xf[4..6].copy_from_slice(&(if i < 16 { 0xFFF5u16 } else { 0x0001 }).to_le_bytes());
        globals.push(record(0x00E0, &xf));
    }
    let numbers: Vec<Vec<u8>> =
        (0..cells).map(|i| record(0x0203, &[cell_head((i / 100) as u16, (i % 100) as u16, 16), 1.5f64.to_bits().to_le_bytes().to_vec()].concat())).collect();
    xls(&globals, 1, &numbers)
}

/// .xls: an SST followed by `n` empty CONTINUE records.
pub fn xls_empty_continues(n: usize) -> Vec<u8> {
    let mut globals = sst_of_one(10);
    globals.extend((0..n).map(|_| record(0x003C, &[])));
    xls(&globals, 1, &[])
}

/// .xls with `n` empty sheets.
pub fn xls_sheets(n: usize) -> Vec<u8> {
    xls(&[], n, &[])
}

/// .docx: one paragraph of `len` characters.
pub fn docx_long_paragraph(len: usize) -> Vec<u8> {
    docx(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "预".repeat(len)))
}

/// .docx: a table whose first cell holds `len` characters.
pub fn docx_long_first_cell(len: usize) -> Vec<u8> {
    docx(&format!(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>分值</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        "指标".repeat(len / 2)
    ))
}

/// .docx: one element with `n` attributes.
pub fn docx_attributes(n: usize) -> Vec<u8> {
    let attrs: String = (0..n).map(|i| format!(" a{i}=\"\"")).collect();
    docx(&format!("<w:p{attrs}><w:r><w:t>x</w:t></w:r></w:p>"))
}

/// .xlsx: a shared string of `len` characters on `cells` cells.
pub fn xlsx_shared_string(len: usize, cells: usize) -> Vec<u8> {
    let row: String = (0..cells).map(|i| format!("<c r=\"{}{}\" t=\"s\"><v>0</v></c>", col(i % 100), 1 + i / 100)).collect();
    let rows = wrap_rows(&row, cells);
    xlsx(&[("S", "visible", &rows)], &format!("<si><t>{}</t></si>", "x".repeat(len)), None)
}

/// .xlsx: one number format of `len` copies of `digit` used by `xfs` cell formats, and `cells`
/// numbers each in one of them.
pub fn xlsx_long_format(digit: char, len: usize, xfs: usize, cells: usize) -> Vec<u8> {
    let code: String = std::iter::repeat_n(digit, len).collect();
    let xf: String = (0..xfs).map(|_| r#"<xf numFmtId="200" applyNumberFormat="1"/>"#).collect();
    let styles = format!(
        r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="200" formatCode="{code}"/></numFmts><cellXfs count="{xfs}">{xf}</cellXfs></styleSheet>"#
    );
    let row: String = (0..cells).map(|i| format!("<c r=\"{}{}\" s=\"{}\"><v>1.5</v></c>", col(i % 100), 1 + i / 100, i % xfs.max(1))).collect();
    xlsx(&[("S", "visible", &wrap_rows(&row, cells))], "", Some(&styles))
}

/// .xlsx with `n` empty sheets.
pub fn xlsx_sheets(n: usize) -> Vec<u8> {
    let names: Vec<String> = (0..n).map(|i| format!("S{i}")).collect();
    let sheets: Vec<(&str, &str, &str)> = names.iter().map(|s| (s.as_str(), "visible", "<sheetData/>")).collect();
    xlsx(&sheets, "", None)
}

/// .xlsx: `n` hidden columns, one `<col>` each, and one cell.
pub fn xlsx_hidden_columns(n: usize) -> Vec<u8> {
    let cols: String = (1..=n).map(|i| format!(r#"<col min="{i}" max="{i}" hidden="1"/>"#)).collect();
    xlsx(&[("S", "visible", &format!(r#"<cols>{cols}</cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#))], "", None)
}

/// A zip whose central directory is broken, followed by `n` end-of-central-directory records.
pub fn zip_many_eocd(n: usize) -> Vec<u8> {
    let mut bytes = zip(&[("word/document.xml", b"<w:document/>")]);
    let cut = bytes.len() - 22;
    bytes.truncate(cut);
    let mut eocd = b"PK\x05\x06".to_vec();
    eocd.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    eocd.extend_from_slice(&46u32.to_le_bytes());
    eocd.extend_from_slice(&0x7fff_0000u32.to_le_bytes());
    eocd.extend_from_slice(&[0, 0]);
    for _ in 0..n {
        bytes.extend_from_slice(&eocd);
    }
    bytes
}

/// Text: `n` newlines.
pub fn text_newlines(n: usize) -> Vec<u8> {
    let mut t = b"a\tb\n".to_vec();
    t.extend(std::iter::repeat_n(b'\n', n));
    t
}

/// Text: one line of `n` tabs.
pub fn text_tabs(n: usize) -> Vec<u8> {
    let mut t = b"a\tb\n".to_vec();
    t.extend(std::iter::repeat_n(b'\t', n));
    t
}

/// HTML: `n` `<b>` tags in a cell.
pub fn html_tags(n: usize) -> Vec<u8> {
    let mut t = b"<html><body><table><tr><td>".to_vec();
    t.extend(b"<b>".repeat(n));
    t.extend(b"</td></tr></table></body></html>");
    t
}

/// HTML: a row of 17 cells each `colspan` wide.
pub fn html_colspan(colspan: usize) -> Vec<u8> {
    let cells: String = (0..17).map(|_| format!("<td colspan=\"{colspan}\">x</td>")).collect();
    format!("<html><body><table><tr>{cells}</tr></table></body></html>").into_bytes()
}

/// A JSON report with `n` project tables (each with one indicator).
pub fn json_tables(n: usize) -> Vec<u8> {
    let project = r#"{"name":"项目","kind":"project","indicators":[{"level1":"产出目标","level2":"数量指标","name":"完成数","weight":"10","target":"≥1次","actual":"1次","declared_score":"9"}]}"#;
    let projects = vec![project; n].join(",");
    format!(r#"{{"format":"jixiao-report","version":1,"report":{{"id":"x","rule_pack":"generic","department":"部门","year":2024,"projects":[{projects}]}}}}"#).into_bytes()
}

fn col(i: usize) -> String {
    let mut n = i + 1;
    let mut s = String::new();
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

fn wrap_rows(cells: &str, count: usize) -> String {
    // Cells were generated 100 to a row: split them by their row numbers.
    let mut rows = String::from("<sheetData>");
    let mut current = 0;
    for c in cells.split_inclusive("</c>") {
        let r: usize = c.split('"').nth(1).map(|a| a.trim_start_matches(char::is_alphabetic)).and_then(|n| n.parse().ok()).unwrap_or(1);
        if r != current {
            if current != 0 {
                rows.push_str("</row>");
            }
            rows.push_str(&format!("<row r=\"{r}\">"));
            current = r;
        }
        rows.push_str(c);
    }
    if count > 0 {
        rows.push_str("</row>");
    }
    rows.push_str("</sheetData>");
    rows
}

/// .docx: `n` small tables, each of one row of two cells.
pub fn docx_tables(n: usize) -> Vec<u8> {
    let table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>";
    docx(&table.repeat(n))
}

/// .docx: `n` paragraphs of a labelled line.
pub fn docx_paragraphs(n: usize) -> Vec<u8> {
    docx(&"<w:p><w:r><w:t>填表人：张三 联系电话：123</w:t></w:r></w:p>".repeat(n))
}

/// .xlsx: one number of `digits` digits under a grouping format.
pub fn xlsx_long_number(digits: usize) -> Vec<u8> {
    let styles = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="4"/></cellXfs></styleSheet>"#;
    let sheet = format!(r#"<sheetData><row r="1"><c r="A1" s="0"><v>{}</v></c></row></sheetData>"#, "9".repeat(digits));
    xlsx(&[("S", "visible", &sheet)], "", Some(styles))
}

/// .xlsx: `n` merged ranges of two cells in one column.
pub fn xlsx_merges(n: usize) -> Vec<u8> {
    let rows: String = (0..n).map(|i| format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>"#, r = 2 * i + 1)).collect();
    let merges: String = (0..n).map(|i| format!(r#"<mergeCell ref="A{}:A{}"/>"#, 2 * i + 1, 2 * i + 2)).collect();
    xlsx(&[("S", "visible", &format!(r#"<sheetData>{rows}</sheetData><mergeCells>{merges}</mergeCells>"#))], "", None)
}

/// Text: a scored table's header and `rows` indicator rows.
pub fn text_indicators(rows: usize) -> Vec<u8> {
    let mut t = String::from("项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n");
    for i in 0..rows {
        t.push_str(&format!("产出指标\t数量指标\t指标{i}\t≥{i}次\t{i}次\t1\t1\t\n"));
    }
    t.into_bytes()
}

/// Text: a 项目 table without a 分值 column whose `rows` rows each have their own weighted
/// 一级指标 heading ("产出指标7（1分）"), so every heading's weight is shared to its row.
pub fn text_heading_weights(rows: usize) -> Vec<u8> {
    let mut t = String::from("项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t得分\t偏差原因分析及改进措施\n");
    for i in 0..rows {
        t.push_str(&format!("产出指标{i}（1分）\t数量指标\t指标{i}\t≥{i}次\t{i}次\t1\t\n"));
    }
    t.into_bytes()
}

/// HTML: one paragraph of `n` Chinese characters.
pub fn html_long_paragraph(n: usize) -> Vec<u8> {
    format!("<html><body><p>{}</p></body></html>", "预".repeat(n)).into_bytes()
}

/// .docx: `n` paragraphs of `len` pseudo-random Chinese characters each (so they do not
/// compress past the archive's ratio limit).
#[allow(dead_code)] // the full-size benchmark file only (examples/adversarial-files.rs)
pub fn docx_long_paragraphs(n: usize, len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut body = String::new();
    for _ in 0..n {
        body.push_str("<w:p><w:r><w:t>");
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            body.push(char::from_u32(0x4E00 + (state % 20_000) as u32).unwrap_or('预'));
        }
        body.push_str("</w:t></w:r></w:p>");
    }
    docx(&body)
}
