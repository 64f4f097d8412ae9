//! Paper out of Word, Excel and print (issue 27), as LibreOffice and Chromium lay it out page by
//! page: a merged
//! 一级 label never split from its rows ("（30 分）" alone at the top of a page), a 9-row 项目表
//! on one page, 填表人 on the page of the table's last row whatever the length of the text above
//! it, and Excel rows tall enough for their wrapped text with "产出指标（50分）" on one line.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod office;

use std::path::PathBuf;

use jixiao_office::write::{docx, xlsx, DocxOptions};
use jixiao::model::print::{report_html, PrintOptions};
use jixiao::model::{evaluate, examples, Report};
use office::{chromium_pdf, compact, pages, soffice};

fn seed(id: &str) -> Report {
    examples::example(id).unwrap().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-paper-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}


/// Seed 000's 项目表 alone, with nine indicator rows (its 可持续影响指标 row left out).
fn nine_rows() -> Report {
    let mut r = seed("seed-000");
    r.overall = None;
    r.basic_data = None;
    r.narrative.clear();
    r.projects[0].indicators.remove(8);
    assert_eq!(r.projects[0].indicators.len(), 9);
    r
}

/// Seed 000's 项目表 twenty times, its 改进措施 growing by half a line each time, so that the
/// end of the table passes every height at the foot of a page.
fn growing() -> Report {
    let mut r = nine_rows();
    let project = r.projects[0].clone();
    r.projects = (0..20)
        .map(|k| {
            let mut p = project.clone();
            p.indicators = r.projects[0].indicators.iter().chain(project.indicators.iter().take(k % 3)).cloned().collect();
            p.improvement = "进一步完善绩效目标，强化结果应用，".repeat(k * 2);
            p
        })
        .collect();
    r
}

fn word(dir: &std::path::Path, name: &str, r: &Report) {
    std::fs::write(dir.join(format!("{name}.docx")), docx(r, &evaluate(r), &DocxOptions::default())).unwrap();
}

/// A page on which a 一级 label's "（N 分）" line has no line starting with the label's name
/// above it: the label split from its rows.
fn lone_label(page: &str) -> Option<String> {
    let lines: Vec<&str> = page.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if t.starts_with('（') && t.contains("分）") && t.chars().filter(|c| !c.is_whitespace()).count() <= 7 {
            let named = lines[..i].iter().any(|above| ["产出指标", "效益指标", "满意度指标"].iter().any(|n| above.trim_start().starts_with(n)));
            if !named {
                return Some(t.to_string());
            }
        }
    }
    None
}

#[test]
fn word_keeps_labels_with_their_rows_small_tables_whole_and_the_fill_line_with_the_table() {
    let dir = scratch("word");
    word(&dir, "seed-000", &seed("seed-000"));
    word(&dir, "nine", &nine_rows());
    word(&dir, "growing", &growing());
    soffice(&dir, "pdf", &["seed-000.docx", "nine.docx", "growing.docx"]);

    let seed000 = pages(&dir.join("seed-000.pdf"));
    for (i, page) in seed000.iter().enumerate() {
        assert_eq!(lone_label(page), None, "seed 000, page {}: a merged 一级 label split from its name:\n{page}", i + 1);
    }
    assert!(seed000.iter().any(|p| compact(p).contains("效益指标")), "the labels are printed");

    let nine = pages(&dir.join("nine.pdf"));
    let title = nine.iter().position(|p| p.contains("项目支出绩效自评表")).unwrap();
    let fill = nine.iter().position(|p| p.contains("填表人：")).unwrap();
    assert_eq!(title, fill, "the 9-row 项目表 is on one page (title on page {}, 填表人 on page {})", title + 1, fill + 1);
    let page = compact(&nine[title]);
    for name in nine_rows().projects[0].indicators.iter().map(|i| compact(&i.name)) {
        assert!(page.contains(&name[..name.char_indices().nth(4).map_or(name.len(), |(b, _)| b)]), "row {name} on the table's page");
    }

    let growing = pages(&dir.join("growing.pdf"));
    let mut seen = 0;
    for (i, page) in growing.iter().enumerate() {
        if page.contains("填表人：") {
            seen += 1;
            assert!(compact(page).contains("改进措施及结果应用方案"), "page {}: 填表人 without the table's last row:\n{page}", i + 1);
        }
        assert_eq!(lone_label(page), None, "growing, page {}: a merged 一级 label split from its name", i + 1);
    }
    assert_eq!(seen, 20, "every table's 填表人 line is printed");
}

#[test]
fn excel_rows_fit_their_wrapped_text_and_short_labels_stay_on_one_line() {
    let dir = scratch("excel");
    let r = seed("seed-000");
    std::fs::write(dir.join("seed-000.xlsx"), xlsx(&r, &evaluate(&r))).unwrap();
    soffice(&dir, "pdf", &["seed-000.xlsx"]);
    let text: String = pages(&dir.join("seed-000.pdf")).concat();
    // (The row heights themselves: LibreOffice prints a clipped line's text all the same, so
    // `sheet::tests` checks them against its 16 pt lines.)
    for label in ["产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"] {
        assert!(text.lines().any(|l| compact(l).contains(label)), "“{label}” on one line");
    }
}

/// The print view (打印) of `r` printed by Chromium: the app's HTML in its stylesheet.
fn printed(dir: &std::path::Path, name: &str, r: &Report) -> Vec<String> {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).unwrap();
    let body = report_html(r, &evaluate(r), PrintOptions::default());
    let html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>{css}</style></head><body><main class=\"app-main\"><div class=\"print-doc\" data-testid=\"print-view\">{body}</div></main></body></html>"
    );
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, html).unwrap();
    let pdf = dir.join(format!("{name}-print.pdf"));
    chromium_pdf(&path, &pdf);
    pages(&pdf)
}

#[test]
fn print_keeps_labels_with_their_rows_small_tables_whole_and_the_fill_line_with_the_table() {
    let dir = scratch("print");
    for (i, page) in printed(&dir, "seed-000", &seed("seed-000")).iter().enumerate() {
        assert_eq!(lone_label(page), None, "seed 000 printed, page {}: a merged 一级 label split from its name:\n{page}", i + 1);
    }
    let nine = printed(&dir, "nine", &nine_rows());
    let title = nine.iter().position(|p| p.contains("项目支出绩效自评表")).unwrap();
    let fill = nine.iter().position(|p| p.contains("填表人：")).unwrap();
    assert_eq!(title, fill, "the printed 9-row 项目表 is on one page (title on page {}, 填表人 on page {})", title + 1, fill + 1);
    let page = compact(&nine[title]);
    assert!(page.contains("偏差原因分析及改进措施") && page.contains("评价等次"), "the whole form on that page:\n{}", nine[title]);

    let growing = printed(&dir, "growing", &growing());
    let mut seen = 0;
    for (i, page) in growing.iter().enumerate() {
        if page.contains("填表人：") {
            seen += 1;
            assert!(compact(page).contains("改进措施"), "printed page {}: 填表人 without the table's last row:\n{page}", i + 1);
        }
        assert_eq!(lone_label(page), None, "growing printed, page {}: a merged 一级 label split from its name", i + 1);
    }
    assert_eq!(seen, 20, "every table's 填表人 line is printed");
}
