//! Writes the full-size hostile file of each family of issue 26 (the generators of
//! tests/adversarial/gen.rs) for the release CLI's time and peak memory in BENCHMARKS.md:
//! `cargo run --example adversarial-files [FOLDER]`.
#![allow(clippy::unwrap_used)] // a tool for the benchmark: a panic is a clear failure

#[allow(dead_code)] // the generators need only part of the test helpers
#[path = "../tests/support/mod.rs"]
mod support;
#[allow(dead_code)]
#[path = "../tests/adversarial/gen.rs"]
mod gen;

/// Writes the full-size file of each family (issue 26's sizes) to the folder given (target/adversarial by default), for the
/// release CLI's time and peak memory in BENCHMARKS.md.
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/adversarial".into());
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("paragraph.docx", gen::docx_long_paragraph(300_000)),
        ("paragraphs.docx", gen::docx_long_paragraphs(31, 340_000)),
        ("first-cell.docx", gen::docx_long_first_cell(300_000)),
        ("attributes.docx", gen::docx_attributes(300_000)),
        ("shared-string.xlsx", gen::xlsx_shared_string(333_000, 5_000)),
        ("zeros-format.xlsx", gen::xlsx_long_format('0', 1_000_000, 1, 1)),
        ("hash-format.xlsx", gen::xlsx_long_format('#', 1_000_000, 1, 10_000)),
        ("sheets.xlsx", gen::xlsx_sheets(20_000)), // 170,000 sheets make 50 MB: refused by size
        ("hidden-columns.xlsx", gen::xlsx_hidden_columns(300_000)),
        ("end-records.zip", gen::zip_many_eocd(20_000)),
        ("newlines.txt", gen::text_newlines(29 * 1024 * 1024)),
        ("tabs.txt", gen::text_tabs(29 * 1024 * 1024)),
        ("tags.html", gen::html_tags(9_000_000)),
        ("colspan.html", gen::html_colspan(1000)),
        ("paragraph.html", gen::html_long_paragraph(9_000_000)),
        ("tables.json", gen::json_tables(20_000)),
        ("shared-string.xls", gen::xls_shared_string(65_535, 30_000)),
        ("zeros-format.xls", gen::xls_long_format(65_530, 10)),
        ("continues.xls", gen::xls_empty_continues(1_000_000)),
        ("sheets.xls", gen::xls_sheets(1_001)),
    ];
    for (name, bytes) in files {
        std::fs::write(format!("{dir}/{name}"), bytes).unwrap();
    }
}
