//! The PDF reader: files built here byte by byte (tables drawn with lines, CJK text through
//! ToUnicode and predefined CMaps, xref streams and object streams, broken and hostile
//! structure), and PDFs that LibreOffice made from the sample .docx and .xlsx files, which must
//! give the same figures as the files they were made from.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod support;

use std::io::Write;

use jixiao::model::exchange::grid::{Block, Document};
use jixiao_office::read::{decode, read, ReadError};

/// A PDF of the given objects (numbered from 1, bodies without `n 0 obj`), object 1 the
/// catalog, with a classic xref table.
fn pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

fn stream(dict: &str, data: &[u8]) -> String {
    format!("<< {dict} /Length {} >>\nstream\n{}\nendstream", data.len(), String::from_utf8_lossy(data))
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A Type0 font (object 4) with Identity-H and a ToUnicode map (object 5) giving codes
/// 1.. the characters of `chars`.
fn cjk_font(chars: &str) -> [String; 2] {
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
    cmap.push_str(&format!("{} beginbfchar\n", chars.chars().count()));
    for (i, c) in chars.chars().enumerate() {
        cmap.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, c as u32));
    }
    cmap.push_str("endbfchar endcmap CMapName currentdict /CMap defineresource pop end end");
    [
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /ToUnicode 5 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 1000 >>] >>".into(),
        stream("", cmap.as_bytes()),
    ]
}

/// The hex codes of `text` in the font made by [`cjk_font`] from `chars`.
fn codes(chars: &str, text: &str) -> String {
    text.chars().map(|c| format!("{:04X}", chars.chars().position(|k| k == c).unwrap() + 1)).collect()
}

/// Content drawing a table with ruling lines: rows of cells (text per cell, widths 100 pt,
/// rows 20 pt high) from the top-left corner (50, top).
fn table_content(chars: &str, rows: &[&[&str]], top: i32) -> String {
    let mut s = String::from("0.5 w\n");
    let cols = rows[0].len() as i32;
    for r in 0..=rows.len() as i32 {
        s.push_str(&format!("50 {} m {} {} l S\n", top - 20 * r, 50 + 100 * cols, top - 20 * r));
    }
    for c in 0..=cols {
        s.push_str(&format!("{} {} m {} {} l S\n", 50 + 100 * c, top, 50 + 100 * c, top - 20 * rows.len() as i32));
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                s.push_str(&format!("BT /F1 10 Tf {} {} Td <{}> Tj ET\n", 53 + 100 * c, top - 20 * r as i32 - 14, codes(chars, text)));
            }
        }
    }
    s
}

fn one_page(content: &str, font: [String; 2]) -> Vec<u8> {
    let [f, cmap] = font;
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>".into(),
        f,
        cmap,
        stream("", content.as_bytes()),
    ])
}

fn tables(doc: &Document) -> Vec<Vec<Vec<(usize, String)>>> {
    doc.tables().map(|t| t.rows.iter().map(|r| r.cells.iter().map(|c| (c.col, c.text.clone())).collect()).collect()).collect()
}

const CHARS: &str = "总分得值项目一二三资金万元填表人：2";

#[test]
fn a_table_drawn_with_lines_and_cjk_text_through_to_unicode() {
    let mut content = String::from("BT /F1 12 Tf 50 800 Td <");
    content.push_str(&codes(CHARS, "项目资金"));
    content.push_str("> Tj ET\n");
    content.push_str(&table_content(CHARS, &[&["项目", "分值", "得分"], &["一", "二", "三"], &["总分", "", "万元"]], 700));
    content.push_str(&format!("BT /F1 10 Tf 50 600 Td <{}> Tj ET\n", codes(CHARS, "填表人：")));
    let doc = read("t.pdf", &one_page(&content, cjk_font(CHARS)), &decode).unwrap();
    assert_eq!(doc.blocks.first(), Some(&Block::Paragraph("项目资金".into())));
    assert_eq!(doc.blocks.last(), Some(&Block::Paragraph("填表人：".into())));
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        t[0],
        vec![
            vec![(0, "项目".into()), (1, "分值".into()), (2, "得分".into())],
            vec![(0, "一".into()), (1, "二".into()), (2, "三".into())],
            vec![(0, "总分".into()), (1, "".into()), (2, "万元".into())],
        ]
    );
}

#[test]
fn merged_cells_become_spans() {
    // A 2×2 grid whose left column is one cell: the middle horizontal line stops at x = 150.
    let content = format!(
        "0.5 w 50 700 m 250 700 l S 150 680 m 250 680 l S 50 660 m 250 660 l S 50 700 m 50 660 l S 150 700 m 150 660 l S 250 700 m 250 660 l S\n\
         BT /F1 10 Tf 53 675 Td <{}> Tj ET BT /F1 10 Tf 153 686 Td <{}> Tj ET BT /F1 10 Tf 153 666 Td <{}> Tj ET",
        codes(CHARS, "项目"),
        codes(CHARS, "一"),
        codes(CHARS, "二")
    );
    let doc = read("t.pdf", &one_page(&content, cjk_font(CHARS)), &decode).unwrap();
    let table = doc.tables().next().unwrap();
    assert_eq!(table.rows[0].cells[0].row_span, 2);
    assert_eq!(table.rows[0].cells[0].text, "项目");
    assert_eq!(table.rows[1].cells.len(), 1);
    assert_eq!(table.rows[1].cells[0].col, 1);
}

#[test]
fn a_table_split_over_two_pages_with_its_header_repeated_is_one_table() {
    let [f, cmap] = cjk_font(CHARS);
    let page1 = table_content(CHARS, &[&["项目", "分值"], &["一", "二"]], 700);
    let page2 = table_content(CHARS, &[&["项目", "分值"], &["三", "总分"]], 800) + "BT /F1 9 Tf 290 20 Td <" + &codes(CHARS, "2") + "> Tj ET";
    let file = pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 /Resources << /Font << /F1 4 0 R >> >> /MediaBox [0 0 595 842] >>".into(),
        "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>".into(),
        f,
        cmap,
        stream("", page1.as_bytes()),
        "<< /Type /Page /Parent 2 0 R /Contents 8 0 R >>".into(),
        stream("/Filter /FlateDecode", &[]).replace("/Length 0", &format!("/Length {}", zlib(page2.as_bytes()).len())),
    ]);
    // Put the compressed bytes in by hand (the builder writes text).
    let z = zlib(page2.as_bytes());
    let marker = b"stream\n\nendstream";
    let at = file.windows(marker.len()).position(|w| w == marker).unwrap();
    let mut fixed = file[..at + 7].to_vec();
    fixed.extend_from_slice(&z);
    fixed.extend_from_slice(&file[at + 7..]);
    // Offsets after the insert are wrong now: the reader finds the objects by scanning.
    let doc = read("t.pdf", &fixed, &decode).unwrap();
    let t = tables(&doc);
    assert_eq!(t.len(), 1, "{doc:?}");
    assert_eq!(t[0].len(), 3, "{doc:?}");
    assert_eq!(t[0][2], vec![(0, "三".into()), (1, "总分".into())]);
    // The page number at the foot of page 2 is not a paragraph.
    assert!(doc.blocks.iter().all(|b| matches!(b, Block::Table(_))), "{doc:?}");
}

#[test]
fn xref_streams_object_streams_and_simple_fonts() {
    // Objects 3 (page) and 4 (font) live in object stream 6; the xref is a stream (object 7).
    let content = "0 w 10 700 100 20 re S 10 680 100 20 re S BT /F1 10 Tf 12 705 Td (Total) Tj 0 -20 Td [(9) 120 (8.5)] TJ ET";
    let objstm_body = "3 0 4 120 << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    let first = objstm_body.find("<<").unwrap();
    let index = &objstm_body[..first];
    let (a, b) = objstm_body[first..].split_at(objstm_body[first..].find(">> <<").unwrap() + 3);
    let body = format!("{index}{a}{b}");
    let body = body.replacen("4 120", &format!("4 {}", a.len()), 1);
    let first = body.find("<<").unwrap();
    let z = zlib(body.as_bytes());
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = [0usize; 8];
    let obj = |out: &mut Vec<u8>, n: usize, head: String, data: Option<&[u8]>| {
        let at = out.len();
        out.extend_from_slice(format!("{n} 0 obj\n{head}").as_bytes());
        if let Some(d) = data {
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(d);
            out.extend_from_slice(b"\nendstream");
        }
        out.extend_from_slice(b"\nendobj\n");
        at
    };
    offsets[1] = obj(&mut out, 1, "<< /Type /Catalog /Pages 2 0 R >>".into(), None);
    offsets[2] = obj(&mut out, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(), None);
    offsets[5] = obj(&mut out, 5, format!("<< /Length {} >>", content.len()), Some(content.as_bytes()));
    offsets[6] = obj(&mut out, 6, format!("<< /Type /ObjStm /N 2 /First {first} /Filter /FlateDecode /Length {} >>", z.len()), Some(&z));
    let xref_at = out.len();
    let mut rows = Vec::new();
    for (n, &offset) in offsets.iter().enumerate() {
        let (kind, a, b): (u8, u32, u8) = match n {
            3 => (2, 6, 0),
            4 => (2, 6, 1),
            1 | 2 | 5 | 6 => (1, offset as u32, 0),
            7 => (1, xref_at as u32, 0),
            _ => (0, 0, 0),
        };
        rows.push(kind);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.push(b);
    }
    let zr = zlib(&rows);
    obj(&mut out, 7, format!("<< /Type /XRef /Size 8 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /Length {} >>", zr.len()), Some(&zr));
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    let doc = read("t.pdf", &out, &decode).unwrap();
    assert_eq!(tables(&doc), vec![vec![vec![(0, "Total".to_string())], vec![(0, "98.5".to_string())]]], "{doc:?}");
}

#[test]
fn gbk_and_ucs2_cmaps_without_to_unicode() {
    let (gbk, _, _) = encoding_rs::GBK.encode("总分");
    let content = format!(
        "BT /F1 10 Tf 50 700 Td <{}> Tj ET BT /F2 10 Tf 50 650 Td <{}> Tj ET",
        gbk.iter().map(|b| format!("{b:02X}")).collect::<String>(),
        "5F974E3A"
    );
    let file = pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>".into(),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [<< /Subtype /CIDFontType0 >>] >>".into(),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Subtype /CIDFontType0 >>] >>".into(),
        stream("", content.as_bytes()),
    ]);
    let doc = read("t.pdf", &file, &decode).unwrap();
    assert_eq!(doc.blocks, vec![Block::Paragraph("总分".into()), Block::Paragraph("得为".into())]);
}

/// A page that is one picture, as a scanner's PDF is.
fn scanned() -> Vec<u8> {
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".into(),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\xff"),
        stream("", b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
    ])
}

#[test]
fn a_scanned_pdf_is_named_as_having_no_text() {
    let e = read("扫描件.pdf", &scanned(), &decode).unwrap_err();
    assert_eq!(e, ReadError::PdfNoText);
    assert!(e.to_string().contains("扫描件"), "{e}");
}

#[test]
fn encrypted_and_broken_files_are_refused_with_a_message() {
    let mut file = one_page("BT ET", cjk_font(CHARS));
    let trailer = file.windows(7).rposition(|w| w == b"/Root 1").unwrap();
    file.splice(trailer..trailer, b"/Encrypt << /Filter /Standard /V 2 /R 3 >> ".iter().copied());
    assert_eq!(read("a.pdf", &file, &decode).unwrap_err(), ReadError::Encrypted);
    assert_eq!(read("a.pdf", b"%PDF-1.7\n%\xe2\xe3", &decode).unwrap_err(), ReadError::Pdf);
}

#[test]
fn hostile_structure_ends() {
    let content = table_content(CHARS, &[&["总分"]], 700);
    let good = one_page(&content, cjk_font(CHARS));
    let text = String::from_utf8_lossy(&good).to_string();
    let cases: Vec<Vec<u8>> = vec![
        // /Prev pointing at itself.
        text.replace("/Root 1 0 R >>", &format!("/Root 1 0 R /Prev {} >>", text.find("xref").unwrap())).into_bytes(),
        // A /Length that lies (far too long, negative, a reference to itself).
        text.replacen(&format!("/Length {}", content.len()), "/Length 99999999", 1).into_bytes(),
        text.replacen(&format!("/Length {}", content.len()), "/Length -5", 1).into_bytes(),
        text.replacen(&format!("/Length {}", content.len()), "/Length 6 0 R", 1).into_bytes(),
        // A page tree whose kids contain the tree itself.
        text.replace("/Kids [3 0 R]", "/Kids [3 0 R 2 0 R 2 0 R]").into_bytes(),
        // Deep nesting and huge numbers.
        text.replace("/Count 1", &format!("/Count 99999999999999999999999 /X {}", "[".repeat(100_000))).into_bytes(),
        text.replace("0.5 w", "99999999999999999999 99999999999999999 99999 -9999999999 1e308 0 cm").into_bytes(),
        // q without Q, many times.
        text.replace("0.5 w", &"q ".repeat(100_000)).into_bytes(),
    ];
    // A grid of 500 × 500 lines (250,000 cells) and 200,000 characters on one page.
    let mut grid = String::new();
    for i in 0..500 {
        grid.push_str(&format!("0 {i} m 500 {i} l S {i} 0 m {i} 500 l S "));
    }
    grid.push_str(&format!("BT /F1 1 Tf 0 0 Td <{}> Tj ET", codes(CHARS, "总").repeat(200_000)));
    let cases = [cases, vec![one_page(&grid, cjk_font(CHARS))]].concat();
    for (i, case) in cases.iter().enumerate() {
        let started = support::Work::start();
        let result = read("h.pdf", case, &decode);
        assert!(started.elapsed().as_secs() < 10, "case {i}");
        if let Err(e) = result {
            assert!(!e.to_string().is_empty());
        }
    }
}


/// The figures an import gives: per scored table its declared 总分, computed 总分, budget block
/// and every indicator row's 分值 / 得分 / 实际值 (whitespace removed: a PDF shows wrapped text).
fn figures(name: &str, bytes: &[u8]) -> Vec<String> {
    use jixiao_office::import::{open, Opened};
    let preview = match open(name, bytes, &decode) {
        Ok(Opened::Tables(preview)) => preview,
        Ok(Opened::Saved(_)) => return vec!["a saved report".into()],
        Ok(Opened::FinalAccounts(_)) => return vec!["a 部门决算".into()],
        Err(e) => return vec![format!("error {e}")],
    };
    let evaluation = jixiao::model::evaluate(&preview.report);
    let compact = |s: &str| s.split_whitespace().collect::<String>();
    let mut out = vec![format!("pack {} year {:?}", preview.proposal.rule_pack, preview.proposal.year)];
    for (i, (path, t)) in preview.report.scored_tables().into_iter().enumerate() {
        let b = &t.budget;
        out.push(format!("{path} declared {:?} computed {:?}", t.declared_total, evaluation.tables.get(i).and_then(|e| e.total)));
        out.push(format!(
            "{path} budget {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            b.initial, b.adjusted, b.executed, b.weight, b.declared_rate_percent, b.declared_score, b.basic, b.project
        ));
        for line in &b.by_source {
            out.push(format!("{path} source {} {:?} {:?} {:?}", compact(&line.label), line.initial, line.adjusted, line.executed));
        }
        let rows = t.indicators.iter().chain(t.goals.iter().flat_map(|g| &g.indicators));
        for ind in rows {
            out.push(format!("{path} row {} {:?} {:?} {}", compact(&ind.name), ind.weight, ind.declared_score, compact(&ind.actual)));
        }
    }
    out
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (PDF in tests/fixtures/pdf, the sample it was made from). LibreOffice 7.4 (Noto CJK: Type 1
/// subsets with ToUnicode) made `*.docx.pdf` and `*.xlsx.pdf`; `*.cairo.pdf` are LibreOffice
/// with only WenQuanYi Zen Hei (a TrueType CJK font) rewritten by cairo 1.16 (`pdftocairo
/// -pdf`): CID TrueType subsets with Identity-H, another producer's layout of streams;
/// `*.reportlab.pdf` are reportlab 5.1 (`make-reportlab.py`): the non-embedded STSong-Light
/// with UniGB-UCS2-H and no ToUnicode; `*.html.chromium.pdf` are Chromium 156 headless
/// `--print-to-pdf` of the sample web pages (Skia: CID TrueType, Identity-H, the site's header,
/// navigation and footer around the table).
const FROM_SAMPLES: &[(&str, &str)] = &[
    ("seed-000-附件3.html.chromium.pdf", "seed-000-附件3.html"),
    ("seed-001-部门整体.html.chromium.pdf", "seed-001-部门整体.html"),
    ("seed-000-附件3.docx.reportlab.pdf", "seed-000-附件3.docx"),
    ("seed-000-附件3.docx.cairo.pdf", "seed-000-附件3.docx"),
    ("seed-003-整体绩效自评表.docx.cairo.pdf", "seed-003-整体绩效自评表.docx"),
    ("seed-000-附件2.docx.pdf", "seed-000-附件2.docx"),
    ("seed-000-附件2.xlsx.pdf", "seed-000-附件2.xlsx"),
    ("seed-000-附件3.docx.pdf", "seed-000-附件3.docx"),
    ("seed-001-部门整体.docx.pdf", "seed-001-部门整体.docx"),
    ("seed-001-部门整体.lo-from-html.docx.pdf", "seed-001-部门整体.lo-from-html.docx"),
    ("seed-003-整体绩效自评表.docx.pdf", "seed-003-整体绩效自评表.docx"),
    ("seed-003-整体绩效自评表.xlsx.pdf", "seed-003-整体绩效自评表.xlsx"),
    ("seed-004-劳模经费.docx.pdf", "seed-004-劳模经费.docx"),
    ("seed-004-困难职工帮扶救助.docx.pdf", "seed-004-困难职工帮扶救助.docx"),
    ("seed-004-项目支出绩效自评表.xlsx.pdf", "seed-004-项目支出绩效自评表.xlsx"),
];

/// The borderless sheet (seed-000-附件3.lo-from-docx.xlsx) printed by Calc is not in
/// [`FROM_SAMPLES`]: it draws no ruling lines (tables from text alignment alone are not read)
/// and Calc prints "##" for the 总分 figures its narrow columns cannot show, so no reader could
/// find them. It still reads, as paragraphs, without an error.
#[test]
fn the_fixtures_are_made_the_way_they_say() {
    let has = |file: &str, what: &str| {
        let bytes = fixture(&format!("pdf/{file}"));
        bytes.windows(what.len()).any(|w| w == what.as_bytes())
    };
    assert!(has("seed-000-附件3.docx.cairo.pdf", "/Identity-H") && has("seed-000-附件3.docx.cairo.pdf", "/FontFile2"));
    assert!(has("seed-000-附件3.docx.reportlab.pdf", "/UniGB-UCS2-H") && !has("seed-000-附件3.docx.reportlab.pdf", "/ToUnicode"));
    // Producer "LibreOffice 7.4" (UTF-16).
    assert!(has("seed-000-附件2.docx.pdf", "/ToUnicode") && has("seed-000-附件2.docx.pdf", "<FEFF004C0069006200720065004F0066006600690063006500200037002E0034>"));
    // The 20-page file: twenty copies of the 附件3 form, each on its own page, are 20 tables.
    let doc = read("x.pdf", &fixture("pdf/seed-000-附件3.docx.reportlab-20-pages.pdf"), &decode).unwrap();
    assert_eq!(doc.tables().count(), 20);
}

/// A table split over two pages (seed-000-附件2 in LibreOffice's layout: page 1 ends after
/// the 产出指标 rows, the 绩效指标 cell continues on page 2) is one table with the merged cells whole.
#[test]
fn a_table_split_over_two_pages_is_one_table_with_its_merged_cells_whole() {
    let doc = read("x.pdf", &fixture("pdf/seed-000-附件2.docx.pdf"), &decode).unwrap();
    assert_eq!(doc.tables().count(), 1, "{doc:?}");
    let table = doc.tables().next().unwrap();
    let cell = |text: &str| table.rows.iter().flat_map(|r| &r.cells).find(|c| c.text == text).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(cell("数量指标").row_span, 3);
    assert_eq!(cell("绩效指标").row_span, 18);
    assert_eq!(cell("产出指标(50分)").row_span, 10);
}

#[test]
fn a_borderless_sheet_reads_as_paragraphs() {
    let doc = read("x.pdf", &fixture("pdf/seed-000-附件3.lo-from-docx.xlsx.pdf"), &decode).unwrap();
    assert_eq!(doc.tables().count(), 0);
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.contains("总分 ## ##"))), "{doc:?}");
    assert!(doc.notes.iter().any(|n| n.contains("没有表格线")), "{:?}", doc.notes);
}

#[test]
fn pdfs_made_from_the_samples_give_the_samples_figures() {
    let mut failed = Vec::new();
    for (pdf_name, source) in FROM_SAMPLES {
        let from_pdf = figures(pdf_name, &fixture(&format!("pdf/{pdf_name}")));
        let from_source = figures(source, &fixture(&format!("samples/{source}")));
        if from_pdf != from_source {
            let diff: Vec<String> = from_source
                .iter()
                .zip(from_pdf.iter().chain(std::iter::repeat(&String::new())))
                .filter(|(a, b)| a != b)
                .map(|(a, b)| format!("  source {a}\n  pdf    {b}"))
                .collect();
            failed.push(format!("{pdf_name} ({} vs {} lines):\n{}", from_source.len(), from_pdf.len(), diff.join("\n")));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

fn well_formed(doc: &Document) -> bool {
    doc.tables().all(|t| {
        t.rows.iter().all(|row| {
            row.cells.windows(2).all(|w| w[0].col + w[0].col_span <= w[1].col) && row.cells.iter().all(|c| c.row_span >= 1 && c.col_span >= 1)
        })
    })
}

fn check(result: Result<Document, ReadError>) -> Result<(), proptest::test_runner::TestCaseError> {
    match result {
        Ok(doc) => proptest::prop_assert!(well_formed(&doc), "{doc:?}"),
        Err(e) => proptest::prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    /// A small uncompressed PDF whose structure and content the mutations can reach.
    fn plain() -> Vec<u8> {
        let content = table_content(CHARS, &[&["项目", "分值"], &["一", "二"], &["总分", "2"]], 700);
        one_page(&content, cjk_font(CHARS))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn mutated_and_truncated_pdfs_never_panic(
            which in 0..3usize,
            mutations in prop::collection::vec((any::<usize>(), any::<u8>()), 0..8),
            keep_percent in 5usize..=100,
        ) {
            let mut bytes = match which {
                0 => plain(),
                1 => fixture("pdf/seed-000-附件3.docx.pdf"),
                _ => fixture("pdf/seed-004-劳模经费.docx.pdf"),
            };
            for (at, byte) in mutations {
                let i = at % bytes.len();
                bytes[i] = byte;
            }
            let cut = bytes.len() / 100 * keep_percent;
            check(read("m.pdf", &bytes[..cut.max(1)], &decode))?;
            check(read("m.pdf", &bytes, &decode))?;
        }

        #[test]
        fn pdf_tokens_inserted_anywhere_never_panic(
            inserts in prop::collection::vec((any::<usize>(), prop::sample::select(vec![
                "[", "]", "<<", ">>", "(", ")", "<", "/", "%", " R ", "1 0 R", "99999999999999999999", "-1", ".",
                "stream\n", "endstream", "endobj", " obj ", "q ", "Q ", "BT ", "ET ", " cm ", " Tf ", " re ", " l ", " Do ",
                "BI ID ", " TJ ", "/Length 2 0 R", "/Prev 0", "/Kids [2 0 R]", "/Encoding /GBK-EUC-H",
            ])), 1..10),
        ) {
            let mut bytes = plain();
            for (at, insert) in inserts {
                let i = at % bytes.len();
                bytes.splice(i..i, insert.bytes());
            }
            check(read("m.pdf", &bytes, &decode))?;
        }

        #[test]
        fn random_bytes_behind_the_header_never_panic(tail in prop::collection::vec(any::<u8>(), 0..4096)) {
            check(read("r.pdf", &[b"%PDF-1.7\n".as_slice(), &tail].concat(), &decode))?;
        }
    }
}

#[test]
fn jixiao_check_takes_pdfs_by_content_and_names_a_scan() {
    let dir = format!("{}/tests/fixtures/pdf", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-check"))
        .arg("--json")
        .arg(format!("{dir}/seed-000-附件3.docx.cairo.pdf"))
        .arg(format!("{dir}/seed-003-整体绩效自评表.docx.pdf"))
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let totals: Vec<&str> = rows.as_array().unwrap().iter().filter(|r| r["table"] != "报告").map(|r| r["computed_total"].as_str().unwrap_or("")).collect();
    assert_eq!(totals, ["100.00", "94.15"]);
    // A scan (a page that is one picture) is named with its reason; exit code 2.
    let scan = std::env::temp_dir().join(format!("jixiao-check-扫描件-{}.pdf", std::process::id()));
    std::fs::write(&scan, scanned()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-check")).arg(&scan).output().unwrap();
    let _ = std::fs::remove_file(&scan);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("扫描件") && err.contains("没有文字层") && err.contains(".pdf"), "{err}");
}

/// Made by qpdf 11 from the fixtures: an empty user password with an owner password (RC4 40
/// and 128 bit, AES-128; the last with object streams) opens; a user password, or AES-256
/// (revision 6, not read), is refused with the message every format shares.
#[test]
fn pdfs_protected_without_a_user_password_open_and_others_are_refused() {
    let source = figures("seed-000-附件3.docx", &fixture("samples/seed-000-附件3.docx"));
    for name in [
        "seed-000-附件3.docx.reportlab.enc-rc4-40.pdf",
        "seed-000-附件3.docx.reportlab.enc-rc4-128.pdf",
        "seed-000-附件3.docx.reportlab.enc-aes128.pdf",
        "seed-000-附件3.docx.enc-aes128-objstm.pdf",
    ] {
        assert_eq!(figures(name, &fixture(&format!("pdf/{name}"))), source, "{name}");
    }
    for name in ["seed-000-附件3.docx.reportlab.enc-user.pdf", "seed-000-附件3.docx.reportlab.enc-aes256.pdf"] {
        assert_eq!(read(name, &fixture(&format!("pdf/{name}")), &decode).unwrap_err(), ReadError::Encrypted, "{name}");
    }
}

/// Each page: the running header 资金万元 in the top margin, its body text, the page number
/// "2" (the only digit the test font has) in the bottom margin.
#[test]
fn running_headers_and_page_numbers_are_left_out_and_body_text_kept() {
    let [f, cmap] = cjk_font(CHARS);
    let page = |body: &str| {
        format!(
            "BT /F1 9 Tf 50 825 Td <{}> Tj ET BT /F1 12 Tf 50 700 Td <{}> Tj ET BT /F1 9 Tf 290 15 Td <{}> Tj ET",
            codes(CHARS, "资金万元"),
            codes(CHARS, body),
            codes(CHARS, "2")
        )
    };
    let file = pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 /Resources << /Font << /F1 4 0 R >> >> /MediaBox [0 0 595 842] >>".into(),
        "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>".into(),
        f,
        cmap,
        stream("", page("一二").as_bytes()),
        "<< /Type /Page /Parent 2 0 R /Contents 8 0 R >>".into(),
        stream("", page("三").as_bytes()),
    ]);
    let doc = read("h.pdf", &file, &decode).unwrap();
    assert_eq!(doc.blocks, vec![Block::Paragraph("一二".into()), Block::Paragraph("三".into())], "{doc:?}");
}

/// A page drawn turned on a landscape sheet and shown upright by /Rotate (as Word writes a
/// landscape page in a portrait document) reads in the order it is shown.
#[test]
fn a_page_shown_turned_reads_as_shown() {
    let body = table_content(CHARS, &[&["项目", "分值"], &["一", "二"]], 700);
    for (rotate, cm) in [(90, "0 1 -1 0 842 0"), (270, "0 -1 1 0 0 595")] {
        let [f, cmap] = cjk_font(CHARS);
        let file = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Rotate {rotate} /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>"),
            f,
            cmap,
            stream("", format!("q {cm} cm\n{body}\nQ").as_bytes()),
        ]);
        let doc = read("r.pdf", &file, &decode).unwrap();
        assert_eq!(tables(&doc), vec![vec![vec![(0, "项目".to_string()), (1, "分值".to_string())], vec![(0, "一".to_string()), (1, "二".to_string())]]], "{rotate}");
    }
}

/// A table drawn without lines (text in columns, as a sheet printed without borders) is found
/// from the alignment of its text; two-piece cover lines around it stay paragraphs.
#[test]
fn a_table_without_lines_is_found_from_its_columns() {
    let at = |x: i32, y: i32, text: &str| format!("BT /F1 10 Tf {x} {y} Td <{}> Tj ET\n", codes(CHARS, text));
    let mut content = at(50, 760, "项目：") + &at(150, 760, "资金");
    let rows = [("项目", "分值", "得分"), ("一", "2", "2"), ("二", "22", "2"), ("总分", "222", "22")];
    for (i, (a, b, c)) in rows.iter().enumerate() {
        let y = 700 - 16 * i as i32;
        // Numbers right-aligned at 260 and 360 (a digit is 10 pt wide in the test font).
        content += &(at(50, y, a) + &at(260 - 10 * b.chars().count() as i32, y, b) + &at(360 - 10 * c.chars().count() as i32, y, c));
    }
    content += &at(50, 600, "填表人：");
    let doc = read("t.pdf", &one_page(&content, cjk_font(CHARS)), &decode).unwrap();
    assert_eq!(doc.blocks.first(), Some(&Block::Paragraph("项目： 资金".into())), "{doc:?}");
    assert_eq!(doc.blocks.last(), Some(&Block::Paragraph("填表人：".into())), "{doc:?}");
    let t = tables(&doc);
    assert_eq!(t.len(), 1, "{doc:?}");
    let texts: Vec<Vec<String>> = t[0].iter().map(|r| r.iter().map(|c| format!("{}:{}", c.0, c.1)).collect()).collect();
    assert_eq!(texts, [["0:项目", "1:分值", "2:得分"], ["0:一", "1:2", "2:2"], ["0:二", "1:22", "2:2"], ["0:总分", "1:222", "2:22"]]);
}
