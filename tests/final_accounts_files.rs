//! 部门决算公开表 as real files read by the real readers through the import a user drops them on:
//! a 公开表 workbook LibreOffice writes (.xlsx and .xls, merged headers, amounts as formatted
//! numbers in 元) and a 决算公开 web page with colspan / rowspan tables, also as the .docx
//! LibreOffice Writer saves it.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod fa_layouts;

use std::path::PathBuf;
use std::process::Command;

use fa_layouts::*;
use jixiao_office::final_accounts::FinalAccounts;
use jixiao_office::import::{open, Opened};
use jixiao_office::read;
use rust_decimal::Decimal;

/// A figure with a decimal point, written as a number cell (as the 部门决算软件 writes amounts).
fn amount(text: &str) -> Option<String> {
    let plain = text.replace(',', "");
    (plain.contains('.') && plain.parse::<Decimal>().is_ok()).then_some(plain)
}

/// A flat OpenDocument spreadsheet, one sheet per table, merged cells as spans, amounts as
/// numbers shown with thousands separators and two decimals; codes and 栏次 stay text.
fn fods(sheets: &[(&str, &[&[&str]])]) -> String {
    let mut x = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><number:number-style style:name="N4"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N4"/></office:automatic-styles>
<office:body><office:spreadsheet>"#);
    for (name, rows) in sheets {
        x.push_str(&format!("<table:table table:name=\"{}\">", escape(name)));
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        for (r, cells) in rows.iter().zip(spans(rows)) {
            x.push_str("<table:table-row>");
            let mut col = 0;
            for (c, text, rs, cs) in cells {
                for _ in col..c {
                    x.push_str("<table:covered-table-cell/>");
                }
                let span = format!(" table:number-columns-spanned=\"{cs}\" table:number-rows-spanned=\"{rs}\"");
                match amount(&text) {
                    Some(v) => x.push_str(&format!("<table:table-cell table:style-name=\"ce1\" office:value-type=\"float\" office:value=\"{v}\"{span}><text:p>{}</text:p></table:table-cell>", escape(&text))),
                    None => x.push_str(&format!("<table:table-cell office:value-type=\"string\"{span}><text:p>{}</text:p></table:table-cell>", escape(&text))),
                }
                col = c + 1;
            }
            for _ in col..width.max(r.len()) {
                x.push_str("<table:covered-table-cell/>");
            }
            x.push_str("</table:table-row>");
        }
        x.push_str("</table:table>");
    }
    x.push_str("</office:spreadsheet></office:body></office:document>");
    x
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-falayout-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 公开表 workbook as LibreOffice writes it (.xlsx and .xls from a flat ODS with merged headers and
/// amounts as formatted numbers), read through the import as a user drops it.
#[test]
fn a_libreoffice_xlsx_of_published_tables() {
    let dir = tmp("xlsx");
    std::fs::write(dir.join("公开表.fods"), fods(&[("公开03表", T3_YUAN), ("公开06表", T6_BLOCKS), ("公开09表", T9_ACROSS)])).unwrap();
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}"), "--convert-to", "xlsx", "--outdir"])
        .arg(&dir)
        .arg(dir.join("公开表.fods"))
        .output()
        .expect("LibreOffice (soffice) is needed: run scripts/setup.sh");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(dir.join("公开表.xlsx")).unwrap();
    let opened = open("公开表.xlsx", &bytes, &read::decode);
    let Ok(Opened::FinalAccounts(fa)) = opened else { panic!("not read as a 决算: {:?}", opened.map(|_| ()).err()) };
    check_published_workbook(&fa);
    // The same workbook as Excel 97–2003 (.xls), as older 部门决算软件 versions export it.
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}"), "--convert-to", "xls", "--outdir"])
        .arg(&dir)
        .arg(dir.join("公开表.fods"))
        .output()
        .unwrap();
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(dir.join("公开表.xls")).unwrap();
    let opened = open("公开表.xls", &bytes, &read::decode);
    let Ok(Opened::FinalAccounts(fa)) = opened else { panic!(".xls not read as a 决算: {:?}", opened.map(|_| ()).err()) };
    check_published_workbook(&fa);
}

fn check_published_workbook(fa: &FinalAccounts) {
    assert_eq!(fa.tables.iter().map(|t| t.form.as_str()).collect::<Vec<_>>(), ["t3", "t6", "t9"]);
    let t3 = fa.table("t3").unwrap();
    assert_eq!(shown(t3, ""), ["465.38", "315.18", "150.20"]);
    assert_eq!(shown(t3, "2012901"), ["218.63", "218.63", ""]);
    assert_eq!(shown(t3, "2080505"), ["103.28", "96.55", "6.73"]);
    assert_eq!(t3.rows.len(), 8);
    let t6 = fa.table("t6").unwrap();
    assert_eq!((shown(t6, "30228"), shown(t6, "30201"), shown(t6, "personnel")), (vec!["10.57".to_string()], vec![String::new()], vec!["304.61".to_string()]));
    let t9 = fa.table("t9").unwrap();
    assert_eq!(shown(t9, "actual"), ["2.59", "", "2.00", "", "2.00", "0.59"]);
    no_findings(fa);
}

/// A 决算公开 web page: title and table captions as paragraphs, the national 总表 with merged
/// 收入 / 支出 and a 栏次 row, the 基本支出 blocks and 三公 down the page, as `<table>`s with
/// colspan and rowspan, read by the web-page reader; and the same page as a Word document.
#[test]
fn a_web_page_of_published_tables_with_merged_cells() {
    let mut page = String::from("<html><head><meta charset=\"utf-8\"></head><body><h1>武汉市汉阳区总工会2024年度部门决算</h1><h2>第一部分　部门决算表</h2>");
    for (caption, rows) in [("收入支出决算总表", T1_NATIONAL), ("一般公共预算财政拨款基本支出决算表", T6_BLOCKS), ("财政拨款“三公”经费支出决算表", T9_DOWN)] {
        page.push_str(&format!("<p>{caption}</p><table border=\"1\">"));
        for cells in spans(rows) {
            page.push_str("<tr>");
            for (_, text, rs, cs) in cells {
                page.push_str(&format!("<td rowspan=\"{rs}\" colspan=\"{cs}\">{}</td>", escape(&text).replace(' ', "&nbsp;")));
            }
            page.push_str("</tr>");
        }
        page.push_str("</table>");
    }
    page.push_str("</body></html>");
    let Ok(Opened::FinalAccounts(fa)) = open("决算公开.html", page.as_bytes(), &read::decode) else { panic!("not read as a 决算") };
    check_published_page(&fa);
    // The same page saved as Word by LibreOffice Writer (merged cells as gridSpan / vMerge).
    let dir = tmp("docx");
    std::fs::write(dir.join("决算公开.html"), &page).unwrap();
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}"), "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&dir)
        .arg(dir.join("决算公开.html"))
        .output()
        .expect("LibreOffice (soffice) is needed: run scripts/setup.sh");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(dir.join("决算公开.docx")).unwrap();
    let opened = open("决算公开.docx", &bytes, &read::decode);
    let Ok(Opened::FinalAccounts(fa)) = opened else { panic!(".docx not read as a 决算: {:?}", opened.map(|_| ()).err()) };
    check_published_page(&fa);
}

fn check_published_page(fa: &FinalAccounts) {
    assert_eq!((fa.department.as_str(), fa.year.as_str()), ("武汉市汉阳区总工会", "2024"));
    assert_eq!(fa.tables.iter().map(|t| t.form.as_str()).collect::<Vec<_>>(), ["t1", "t6", "t9"]);
    let t1 = fa.table("t1").unwrap();
    assert_eq!((shown(t1, "in.gpb"), shown(t1, "208"), shown(t1, "in.surplus"), shown(t1, "out.grand")), (vec!["465.38".into()], vec!["42.69".into()], vec!["12.50".into()], vec!["477.88".into()]));
    assert_eq!(shown(fa.table("t6").unwrap(), "public"), ["10.57"]);
    assert_eq!(shown(fa.table("t9").unwrap(), "budget"), ["3.50", "", "2.00", "", "2.00", "1.50"]);
    no_findings(fa);
}
