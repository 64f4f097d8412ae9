//! PDF files with a text layer (exported from Word, WPS, LibreOffice, printed from a browser)
//! as grid documents: tables rebuilt from the ruling lines the PDF draws, text placed in
//! cells by position, paragraphs between tables in reading order. Hand-written (a few modules
//! of syntax, filters, fonts and layout) rather than a PDF crate: the crates that parse PDF
//! bring large dependency trees into the browser's reader worker, and none rebuilds tables.
//!
//! Guarantees: no panic and bounded work on hostile files: the expansion budget of
//! [`limits::MAX_UNPACKED`] for all decoded streams, [`file::MAX_OBJECTS`] objects, a shared
//! operator budget for all pages, a million characters and ruling lines kept in all,
//! [`content::MAX_PAGES`] pages, cells counted against [`limits::MAX_CELLS`]. Files protected
//! without a user password (the usual "no copying" protection) are decrypted (RC4, AES-128);
//! those that need a password are refused ([`ReadError::Encrypted`]); a file whose pages show
//! no text (a scan) is [`ReadError::PdfNoText`]; one without a readable page tree is
//! [`ReadError::Pdf`]. Tables drawn without ruling lines are found only when their text stands
//! in clear columns of one line per row ([`aligned`]); otherwise their text comes as
//! paragraphs, and a note says so.

mod aligned;
mod content;
mod crypt;
mod file;
mod filter;
mod font;
mod layout;
mod syntax;

use super::{grid, limits, CellBudget, Decode, ReadError};

/// Content-stream operators read in the whole document.
const MAX_OPS: usize = 20_000_000;

/// Reads a PDF's tables and paragraphs.
pub fn read(bytes: &[u8], decode: Decode<'_>) -> Result<grid::Document, ReadError> {
    let file = match file::File::open(bytes, limits::MAX_UNPACKED as usize) {
        Ok(f) => f,
        Err(file::FileError::Encrypted) => return Err(ReadError::Encrypted),
        Err(file::FileError::TooLarge) => return Err(ReadError::TooLarge),
        Err(file::FileError::Broken) => return Err(ReadError::Pdf),
    };
    let dicts = content::pages(&file);
    if dicts.is_empty() {
        return Err(ReadError::Pdf);
    }
    let mut reader = content::Reader::new(&file, decode, MAX_OPS);
    let pages: Vec<content::Page> = dicts.iter().map(|d| reader.page(d)).collect();
    if file.over_budget.get() {
        return Err(ReadError::TooLarge);
    }
    let has_text = pages.iter().any(|p| p.chars.iter().any(|c| !c.text.trim().is_empty()));
    if !has_text {
        return Err(ReadError::PdfNoText);
    }
    let mut budget = CellBudget::default();
    let mut doc = layout::document(&pages, &mut budget)?;
    if doc.tables().next().is_none() {
        doc.notes.push("PDF 中没有找到画出表格线的表格：没有表格线的表格只能按文字行读取。".to_string());
    }
    if reader.unknown > 0 {
        doc.notes.push(format!("PDF 中有 {} 个字符的字体没有文字对照表，这些字符未能读出。", reader.unknown));
    }
    Ok(doc)
}
