//! Each reader on small hand-made files: what a user sees in Word, Excel or a browser is what
//! the grid holds — spans, merges, line breaks, numbers as displayed, hidden rows reported.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod support;

use jixiao::model::exchange::grid::Block;
use jixiao_office::read::read_pasted;
use support::{docx, layout, read_as, tables, xlsx};

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

#[test]
fn word_spans_merges_and_text_of_all_runs() {
    let body = format!(
        "{title}<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>\
         <w:tr>{a}{b}</w:tr>\
         <w:tr>{c}{d}{e}</w:tr>\
         <w:tr>{f}{g}</w:tr>\
         <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{h}{i}</w:tr>\
         </w:tbl>{after}",
        title = p("附件2"),
        a = tc("<w:vMerge w:val=\"restart\"/>", &format!("{}{}{}", p(""), p("产出指标"), p("(50分)"))),
        b = tc("<w:gridSpan w:val=\"2\"/>", &p("数量指标")),
        c = tc("<w:vMerge/>", &p("")),
        d = tc("", "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"),
        e = tc(
            "",
            "<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>\
             <w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>7</w:t></w:r>\
             <w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt></w:p>"
        ),
        f = tc("<w:vMerge/>", &p("")),
        g = tc("<w:gridSpan w:val=\"2\"/>", &p("\u{a0}")),
        h = tc("", &p("x")),
        i = tc("", &p("y")),
        after = p("填表人：刘  倩"),
    );
    let doc = read_as("t.docx", &docx(&body)).unwrap();
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        layout(&t[0]),
        [
            "0+3x1:产出指标\n(50分) | 1+1x2:数量指标",
            "1:a\tb\nc | 2:新链接7控件",
            "1+1x2:",
            "1:x | 2:y",
        ]
    );
    assert_eq!(doc.blocks[0], Block::Paragraph("附件2".into()));
    assert_eq!(doc.blocks[2], Block::Paragraph("填表人：刘  倩".into()));
}

#[test]
fn word_nested_tables_go_into_their_cell() {
    let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("", &p("内1")), tc("", &p("内2")));
    let body = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("", &format!("{}{inner}{}", p("前"), p("后"))), tc("", &p("外")));
    let doc = read_as("t.docx", &docx(&body)).unwrap();
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(layout(&t[0]), ["0:前\n后 | 1:外"]);
    assert_eq!(layout(&t[0].rows[0].cells[0].nested[0]), ["0:内1 | 1:内2"]);
}

#[test]
fn word_without_tables_is_read_with_no_tables() {
    let doc = read_as("空.docx", &docx(&p("只有一段文字"))).unwrap();
    assert_eq!(doc.tables().count(), 0);
    assert_eq!(doc.blocks, [Block::Paragraph("只有一段文字".into())]);
}

const STYLES: &str = r##"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0&quot;万元&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00;[Red]\-#,##0.00"/></numFmts>
<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="10"/><xf numFmtId="4"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="2"/></cellXfs>
<dxfs><dxf><numFmt numFmtId="9" formatCode="0.000"/></dxf></dxfs></styleSheet>"##;

#[test]
fn excel_numbers_show_as_the_sheet_displays_them() {
    let sheet = r#"<sheetData>
<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="2"><v>1.2925</v></c><c r="C1" s="3"><v>1234.5</v></c><c r="D1" s="4"><v>12.345</v></c></row>
<row r="2"><c r="A2"><v>1.2925000000000001</v></c><c r="B2"><v>790.77</v></c><c r="C2" s="5"><v>45657</v></c><c r="D2" s="6"><v>-1234.565</v></c></row>
<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><v>#DIV/0!</v></c><c r="C3" s="7"><f>B2*2</f><v>1581.54</v></c><c r="D3" s="2"><v>0.999949999</v></c></row>
<row r="4"><c r="A4"><v>1E-3</v></c><c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C4"><v>0.1</v></c><c r="D4" s="7"><v>0.125</v></c></row>
</sheetData>"#;
    let doc = read_as("n.xlsx", &xlsx(&[("表", "visible", sheet)], "", Some(STYLES))).unwrap();
    // C2: built-in format 14, the short date, shows as Excel and WPS show it in a Chinese
    // locale (2024/12/31), the same as from an .xls (one number-format engine, issue 23).
    assert_eq!(
        layout(&tables(&doc)[0]),
        [
            "0:100% | 1:129.25% | 2:1,234.50 | 3:12.3万元",
            "0:1.2925 | 1:790.77 | 2:2024/12/31 | 3:-1,234.57",
            "0:TRUE | 1:#DIV/0! | 2:1581.54 | 3:99.99%",
            "0:0.001 | 1:ab | 2:0.1 | 3:0.13",
        ]
    );
}

#[test]
fn excel_shared_inline_rich_strings_merges_and_hidden_parts() {
    let shared = r#"<si><t>绩效指标</t></si><si><r><t>产出</t></r><r><rPr><b/></rPr><t xml:space="preserve">指标
(50分)</t></r><rPh sb="0" eb="1"><t>チャン</t></rPh></si><si><t>a_x000D_
b</t></si>"#;
    let sheet = r#"<cols><col min="3" max="3" hidden="1"/></cols><sheetData>
<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>WPS 内联</t></is></c></row>
<row r="3" hidden="1"><c r="B3" t="s"><v>2</v></c><c r="E3"><v>5</v></c></row>
<row r="4"><c r="B4" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>
<row r="9"><c r="B9"/></row>
</sheetData><mergeCells count="1"><mergeCell ref="C3:D4"/></mergeCells>"#;
    let doc = read_as(
        "s.xlsx",
        &xlsx(&[("附件2", "visible", sheet), ("空表", "visible", "<sheetData/>"), ("旧", "hidden", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#)], shared, None),
    )
    .unwrap();
    let t = tables(&doc);
    assert_eq!(t.len(), 2, "the empty sheet gives no table");
    assert_eq!((t[0].name.as_str(), t[1].name.as_str()), ("附件2", "旧"));
    assert_eq!(
        layout(&t[0]),
        ["0:绩效指标 | 1:产出指标\n(50分) | 2:WPS 内联 | 3:", "0:a\nb | 1+2x2: | 3:5", "0:富文本 | 3:"]
    );
    assert!(t[0].rows[1].hidden && !t[0].rows[0].hidden);
    assert_eq!(
        doc.notes,
        ["工作表“附件2”第 3 行为隐藏行，已照常读取。", "工作表“附件2”第 C 列为隐藏列，已照常读取。", "工作表“旧”为隐藏工作表，已照常读取。"]
    );
}

#[test]
fn web_page_spans_are_placed_around_rowspans() {
    let html = "<!DOCTYPE html><html><head><title>标题不算</title><style>td{}</style><script>var a='<table>';</script></head><body>\
        <h1>2024年度 项目支出\n  绩效自评表</h1><p>单位：万元</p>\
        <table><tr><td rowspan=2>A</td><td colspan=\"2\">B</td><td rowspan='3'>C</td></tr>\
        <tr><td>D</td><td>E</td></tr><tr><td colspan=2>F<td>G</tr></table>\
        <p>填表人：&nbsp;&nbsp;刘&nbsp;倩 &amp; 联系电话</p></body></html>";
    let doc = read_as("p.html", html.as_bytes()).unwrap();
    assert_eq!(doc.blocks[0], Block::Paragraph("2024年度 项目支出 绩效自评表".into()));
    assert_eq!(doc.blocks[1], Block::Paragraph("单位：万元".into()));
    assert_eq!(layout(&tables(&doc)[0]), ["0+2x1:A | 1+1x2:B | 3+3x1:C", "1:D | 2:E", "0+1x2:F | 2:G"]);
    assert_eq!(doc.blocks[3], Block::Paragraph("填表人：  刘 倩 & 联系电话".into()));
}

#[test]
fn word_clipboard_html_with_conditional_comments() {
    let html = "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000999\r\nStartFragment:0000000200\r\nEndFragment:0000000900\r\n\
        <html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=utf-8><!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]--></head><body>\
        <!--StartFragment--><table class=MsoNormalTable border=1><tr style='height:20pt'>\
        <td width=100 rowspan=2 style='mso-border-alt:solid'><p class=MsoNormal align=center><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\
        <p class=MsoNormal align=center><span style='font-family:宋体'>产出指标</span></p><p class=MsoNormal>(50<span>分</span>)<o:p></o:p></p></td>\
        <td><p class=MsoNormal><![if !supportLists]><span>1.</span><![endif]>数量<br>指标</p></td></tr>\
        <tr><td><p class=MsoNormal><span lang=EN-US>100%<o:p></o:p></span></p></td></tr></table><!--EndFragment--></body></html>";
    let doc = read_pasted(html).unwrap();
    assert_eq!(layout(&tables(&doc)[0]), ["0+2x1:产出指标\n(50分) | 1:1.数量\n指标", "1:100%"]);
}

#[test]
fn excel_clipboard_html_shows_the_displayed_text() {
    let html = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table border=0 cellpadding=0 cellspacing=0 width=300>\
        <col width=100 style='width:75pt'><col width=100 span=2>\
        <tr height=19><td class=xl65 x:num=\"1.2925\" style='mso-number-format:\"0\\.00%\"'>129.25%</td>\
        <td x:str>年度<br style='mso-data-placement:same-cell' />指标值</td><td class=xl66 x:num>14.82</td></tr>\
        <![if supportMisalignedColumns]><tr height=0 style='display:none'><td width=100></td><td width=100></td><td width=100></td></tr><![endif]>\
        </table></body></html>";
    let doc = read_pasted(html).unwrap();
    let t = tables(&doc);
    assert_eq!(layout(&t[0]), ["0:129.25% | 1:年度\n指标值 | 2:14.82", "0: | 1: | 2:"]);
    assert!(!t[0].rows[0].hidden && t[0].rows[1].hidden, "the column-width row is marked hidden");
}

#[test]
fn nested_html_tables_and_gbk_pages() {
    let html = "<table><tr><td>外<table><tr><td>内</td></tr></table>后</td></tr></table>";
    let doc = read_pasted(html).unwrap();
    let t = tables(&doc);
    assert_eq!(layout(&t[0]), ["0:外\n后"]);
    assert_eq!(layout(&t[0].rows[0].cells[0].nested[0]), ["0:内"]);
    let gbk = std::fs::read("tests/fixtures/import/gbk-page.html").unwrap();
    assert!(std::str::from_utf8(&gbk).is_err(), "the fixture is GB18030 bytes");
    let doc = read_as("gbk.html", &gbk).unwrap();
    let cells: Vec<String> = tables(&doc)[0].rows.iter().flat_map(|r| r.cells.iter().map(|c| c.text.clone())).collect();
    assert!(cells.iter().any(|c| c == "元/人·次"), "{cells:?}");
}

#[test]
fn tab_separated_text_with_excel_quoting() {
    let text = "2024年度项目支出绩效自评表\r\n一级指标\t二级指标\t指标值\r\n\"产出指标\n(50分)\"\t数量\t\"含\t制表符和\"\"引号\"\"\"\r\n\t\t100%\r\n填表人：刘倩\r\na\tb\n";
    let doc = read_as("p.txt", text.as_bytes()).unwrap();
    assert_eq!(doc.blocks[0], Block::Paragraph("2024年度项目支出绩效自评表".into()));
    let t = tables(&doc);
    assert_eq!(
        layout(&t[0]),
        ["0:一级指标 | 1:二级指标 | 2:指标值", "0:产出指标\n(50分) | 1:数量 | 2:含\t制表符和\"引号\"", "0: | 1: | 2:100%"]
    );
    assert_eq!(doc.blocks[2], Block::Paragraph("填表人：刘倩".into()));
    assert_eq!(layout(&t[1]), ["0:a | 1:b"]);
    let unclosed = read_pasted("\"a\tb\nc\td").unwrap();
    assert_eq!(layout(&tables(&unclosed)[0]), ["0:\"a | 1:b", "0:c | 1:d"]);
    let gbk = read_as("gbk.txt", b"\xd2\xbb\xbc\xb6\xd6\xb8\xb1\xea\t\xb7\xd6\xd6\xb5\n").unwrap();
    assert_eq!(layout(&tables(&gbk)[0]), ["0:一级指标 | 1:分值"]);
}
