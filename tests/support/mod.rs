//! Small files built in the tests for the readers: zip archives with given parts, minimal Word
//! and Excel documents around a body, and compound (OLE) files with given streams.
#![allow(clippy::unwrap_used, dead_code)] // test code: a panic is a failed test; not every test file uses every builder

pub mod doc;

/// A stopwatch of this thread's CPU time (Unix; wall time elsewhere): the tests' time bounds
/// measure the work done, not the load of a shared 2-core machine (a reading of 2 s of work
/// took 11 s of wall time beside other builds). Quadratic work still exceeds the bounds by far.
pub struct Work(std::time::Duration);

impl Work {
    pub fn start() -> Work {
        Work(work_now())
    }

    pub fn elapsed(&self) -> std::time::Duration {
        work_now().saturating_sub(self.0)
    }
}

fn work_now() -> std::time::Duration {
    #[cfg(unix)]
    {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime only writes the timespec it is given.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
            return std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

use std::io::{Cursor, Write};

use jixiao::model::exchange::grid::{Document, Table};
use jixiao_office::read::{decode, read, ReadError};

/// A zip archive of `(name, bytes)` entries, deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A .docx whose `w:body` holds `body` (WordprocessingML without the `w:body` element).
pub fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>"#
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS_DOCX.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// A .xlsx with the given sheets `(name, state, sheet XML inside <worksheet>)`, shared strings
/// (`<si>` elements) and styles (a whole styles.xml, or none).
pub fn xlsx(sheets: &[(&str, &str, &str)], shared: &str, styles: Option<&str>) -> Vec<u8> {
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let mut book = format!(r#"<workbook {ns}><sheets>"#);
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>"#,
    );
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, state, xml)) in sheets.iter().enumerate() {
        book.push_str(&format!(r#"<sheet name="{name}" sheetId="{}" state="{state}" r:id="rId{i}"/>"#, i + 1));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s{i}.xml"/>"#
        ));
        parts.push((format!("xl/worksheets/s{i}.xml"), format!("<worksheet {ns}>{xml}</worksheet>").into_bytes()));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    parts.push(("xl/workbook.xml".into(), book.into_bytes()));
    parts.push(("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()));
    parts.push(("_rels/.rels".into(), ROOT_RELS_XLSX.as_bytes().to_vec()));
    parts.push(("xl/sharedStrings.xml".into(), format!("<sst {ns}>{shared}</sst>").into_bytes()));
    if let Some(styles) = styles {
        parts.push(("xl/styles.xml".into(), styles.as_bytes().to_vec()));
    }
    let entries: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip(&entries)
}

/// A compound file with the given streams.
pub fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, bytes) in streams {
        let mut stream = file.create_stream(format!("/{name}")).unwrap();
        stream.write_all(bytes).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// Reads bytes named `name` with the native decoder.
pub fn read_as(name: &str, bytes: &[u8]) -> Result<Document, ReadError> {
    read(name, bytes, &decode)
}

/// The tables of a document that must read.
pub fn tables(doc: &Document) -> Vec<Table> {
    doc.tables().cloned().collect()
}

/// A table as rows of "col:text" (spans as "col+rs×cs:text") for compact assertions.
pub fn layout(table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| {
                    let span = if c.row_span > 1 || c.col_span > 1 {
                        format!("+{}x{}", c.row_span, c.col_span)
                    } else {
                        String::new()
                    };
                    format!("{}{span}:{}", c.col, c.text)
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;

const ROOT_RELS_DOCX: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const ROOT_RELS_XLSX: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
