//! Reading another program's file into a [`grid::Document`]: one entry point, [`read`], that
//! chooses the reader by the file's content (never by its name alone) — Word (.docx, .doc), Excel
//! (.xlsx), web pages and clipboard HTML, tab-separated text, PDF — and answers every other file with
//! a [`ReadError`] whose message says what to do.
//!
//! Guarantees: no panic and no unbounded work on hostile input: archives are limited in total
//! and per-entry expansion ([`limits`]), XML with a DOCTYPE is refused, table nesting and the
//! number of cells are capped, and every refusal is a Chinese sentence. Text decoding is the
//! caller's `decode` function (encoding_rs natively, TextDecoder in the browser), so the same
//! code gives the same grid on both.

mod archive;
mod doc;
mod docx;
mod html;
mod pdf;
mod sniff;
mod tsv;
mod xlsx;
mod xml;

use super::grid;
use super::xls::XlsError;

pub use sniff::{sniff, strip_bom, utf16, Kind};
pub use jixiao_model::exchange::text::split as split_tsv;

/// The limits that keep a hostile file from using unbounded memory or time.
pub mod limits {
    /// Total bytes all archive entries may expand to (declared and while inflating).
    pub const MAX_UNPACKED: u64 = 50 * 1024 * 1024;
    /// How many times its packed size an entry may expand to…
    pub const MAX_RATIO: u64 = 100;
    /// …once it is larger than this (small parts of real files compress better than 100×).
    pub const RATIO_FLOOR: u64 = 1024 * 1024;
    /// Tables inside tables, counted from the outermost.
    pub const MAX_DEPTH: usize = 50;
    /// Cells in all tables of one document.
    pub const MAX_CELLS: usize = 1_000_000;
    /// Bytes of a file the readers take at all (the browser and the CLI refuse larger files
    /// before reading them; text and web pages are held to it too).
    pub const MAX_FILE: usize = 30 * 1024 * 1024;
    /// Bytes of decoded text (UTF-8) in one cell, paragraph, shared string or line.
    pub const MAX_CELL_TEXT: usize = 1024 * 1024;
    /// Bytes of decoded text in all cells and paragraphs of one document, counted as they are
    /// read (a shared string counts once per cell that shows it).
    pub const MAX_TEXT: usize = 16 * 1024 * 1024;
    /// Characters of one number format code (Excel's own limit is 255).
    pub const MAX_FORMAT: usize = 255;
    /// Cell formats (`cellXfs` / XF records) of one workbook (Excel's own limit is 64,000).
    pub const MAX_FORMATS: usize = 65_536;
    /// Sheets of one workbook.
    pub const MAX_SHEETS: usize = 1000;
    /// Relationships of one part.
    pub const MAX_RELATIONSHIPS: usize = 10_000;
    /// Tables (including nested ones) of one document.
    pub const MAX_TABLES: usize = 10_000;
    /// Columns one cell may span (Excel's 16,384 columns).
    pub const MAX_SPAN: usize = 16_384;
}

/// Why a file could not be read. Each variant's message is a Chinese sentence for the user; the
/// caller puts the file name in front ("附件2.doc：…").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing in it.
    Empty,
    /// A Word 6.0/95 document (a WordDocument stream older than Word 97; Word 97–2003 files
    /// and WPS 文字 files in that format are read).
    LegacyWord,
    /// An Excel 97–2003 (.xls) or WPS 表格 (.et) workbook that the .xls reader refused.
    LegacyExcel(XlsError),
    /// Another compound (OLE) file: not a Word or Excel document.
    LegacyOther,
    /// Password-protected Office file (an encrypted package inside a compound file).
    Encrypted,
    /// A PDF without a readable page tree (damaged or cut short).
    Pdf,
    /// A PDF whose pages show no text: a scan or pictures.
    PdfNoText,
    /// A picture (PNG, JPEG, GIF, BMP, TIFF, WebP).
    Image,
    /// Rich Text Format (some systems export it under a .doc name).
    Rtf,
    /// Word 2003 or Excel 2003 XML (SpreadsheetML / WordprocessingML 2003).
    OfficeXml,
    /// A single-file web archive (.mht/.mhtml).
    Mht,
    /// A jixiao report or other JSON: to be opened with the JSON loader, not read as a table.
    Json,
    /// Some other binary format.
    Unknown,
    /// A zip archive that is damaged or cut short.
    BadArchive(String),
    /// A zip archive that is neither a Word nor an Excel document (e.g. .pptx, .odt, a plain zip).
    OtherArchive,
    /// An archive without a part the format requires.
    MissingPart(String),
    /// An archive that expands past the limits: probably a decompression bomb.
    TooLarge,
    /// A part of the file is not well-formed XML.
    BadXml { part: String, detail: String },
    /// XML with a DOCTYPE or entity definitions (refused: entity expansion attacks).
    Doctype,
    /// Tables nested deeper than [`limits::MAX_DEPTH`].
    TooDeep,
    /// More than [`limits::MAX_CELLS`] cells.
    TooManyCells,
    /// Text in an encoding the platform cannot decode.
    Encoding(String),
    /// A budget of [`limits`] passed while reading: the sentence names what and the limit
    /// ("单个单元格或段落的文字超过 1 MB").
    Limit(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Empty => write!(f, "文件是空的，没有可读取的内容。"),
            ReadError::LegacyWord => write!(
                f,
                "这是 Word 95 或更早版本的 .doc 文件，无法直接读取，请用 Word 或 WPS 另存为 .docx 后再导入。"
            ),
            ReadError::LegacyExcel(e) => write!(f, "{e}"),
            ReadError::LegacyOther => write!(
                f,
                "这是无法识别的 Office 旧版文件，请用 Word、Excel 或 WPS 打开后另存为 .docx 或 .xlsx 再导入。"
            ),
            ReadError::Encrypted => write!(f, "文件已加密，请取消密码后再导入。"),
            ReadError::Pdf => write!(
                f,
                "PDF 文件已损坏或不完整，无法读取其中的页面：请使用原始的 Word/Excel 文件，或用 WPS/Word 将 PDF 另存为 .docx 后再导入。"
            ),
            ReadError::PdfNoText => write!(
                f,
                "这个 PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字和表格（不支持文字识别）：请使用原始的 Word/Excel 文件或带文字的 PDF。"
            ),
            ReadError::Image => write!(f, "这是图片文件，图片无法识别表格文字，请使用原始 Word/Excel 文件。"),
            ReadError::Rtf => write!(f, "这是 RTF 格式的文件，无法直接读取，请用 Word 或 WPS 另存为 .docx 后再导入。"),
            ReadError::OfficeXml => write!(
                f,
                "这是 Word/Excel 2003 XML 格式的文件，无法直接读取，请用 Word、Excel 或 WPS 另存为 .docx 或 .xlsx 后再导入。"
            ),
            ReadError::Mht => write!(
                f,
                "这是单个网页文件（.mht），无法直接读取，请用 Word 或 WPS 打开后另存为 .docx，或用浏览器打开后复制表格粘贴。"
            ),
            ReadError::Json => write!(f, "这是 JSON 文件，不是 Word、Excel 或网页表格；绩效自评报告文件请通过“导入报告文件”打开。"),
            ReadError::Unknown => write!(
                f,
                "无法识别的文件格式：不是 Word（.docx）、Excel（.xlsx）、网页（.html）或文本文件。"
            ),
            ReadError::BadArchive(detail) => {
                write!(f, "文件已损坏或不完整，无法作为 Word/Excel 文件打开（{detail}）。")
            }
            ReadError::OtherArchive => write!(
                f,
                "这是一个压缩文件，但不是 Word（.docx）或 Excel（.xlsx）文件，无法读取其中的表格。"
            ),
            ReadError::MissingPart(part) => write!(f, "文件缺少必需的部分（{part}），可能已损坏。"),
            ReadError::TooLarge => write!(
                f,
                "文件解压后过大（超过 50 MB 或超过压缩大小的 100 倍），可能是恶意文件，已拒绝读取。"
            ),
            ReadError::BadXml { part, detail } => write!(f, "文件中的 {part} 内容有误，无法读取（{detail}）。"),
            ReadError::Doctype => write!(f, "文件中含有 DOCTYPE 或实体定义，出于安全原因拒绝读取。"),
            ReadError::TooDeep => write!(f, "表格嵌套超过 {} 层，无法读取。", limits::MAX_DEPTH),
            ReadError::TooManyCells => write!(f, "表格单元格超过 100 万个，文件过大，无法读取。"),
            ReadError::Encoding(label) => write!(f, "无法识别文件的文字编码（{label}），请另存为 UTF-8 后再导入。"),
            ReadError::Limit(what) => write!(f, "文件中{what}，超过读取上限，可能是损坏或恶意构造的文件，已拒绝读取。"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Decodes `bytes` in the encoding named by a WHATWG label ("gb18030", "utf-16le", …); `None`
/// when the label is unknown. The platform supplies it (see [`decode`] for the native one).
pub type Decode<'a> = &'a dyn Fn(&str, &[u8]) -> Option<String>;

/// Reads a file into a grid document, choosing the reader by content. `file_name` is used only
/// where the content leaves a choice (a compound file named `.et`); `decode` turns text in a
/// legacy encoding (GBK web pages, GB18030 text) into a string.
///
/// An `Ok` document may hold no table; the caller then says "没有找到表格".
pub fn read(file_name: &str, bytes: &[u8], decode: Decode<'_>) -> Result<grid::Document, ReadError> {
    if bytes.len() > limits::MAX_FILE {
        return Err(ReadError::Limit(format!("内容超过 {} MB", limits::MAX_FILE / 1024 / 1024)));
    }
    let doc = match sniff(bytes) {
        Kind::Empty => return Err(ReadError::Empty),
        Kind::Zip => archive::read_office(bytes)?,
        Kind::Compound => return compound(file_name, bytes),
        Kind::Pdf => pdf::read(bytes, decode)?,
        Kind::Image => return Err(ReadError::Image),
        Kind::Rtf => return Err(ReadError::Rtf),
        Kind::OfficeXml => return Err(ReadError::OfficeXml),
        Kind::Mht => return Err(ReadError::Mht),
        Kind::Html => html::read(bytes, decode)?,
        Kind::Text => {
            let text = sniff::decode_text(bytes, decode)?;
            if sniff::is_json(&text) {
                return Err(ReadError::Json);
            }
            tsv::read(&text)?
        }
        Kind::Unknown => return Err(ReadError::Unknown),
    };
    check_cells(&doc)?;
    Ok(doc)
}

/// Reads text that is already a string (the `text/html` or `text/plain` clipboard flavour).
/// HTML is recognised by its content as in [`read`]; anything else is tab-separated text.
pub fn read_pasted(text: &str) -> Result<grid::Document, ReadError> {
    if text.len() > limits::MAX_FILE {
        return Err(ReadError::Limit(format!("内容超过 {} MB", limits::MAX_FILE / 1024 / 1024)));
    }
    let doc = match sniff(text.as_bytes()) {
        Kind::Html => html::read_text(text)?,
        _ => tsv::read(text)?,
    };
    check_cells(&doc)?;
    Ok(doc)
}

/// The native `decode` for the CLI and tests: encoding_rs, replacing malformed sequences.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(label: &str, bytes: &[u8]) -> Option<String> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    let (text, _, _) = encoding.decode(bytes);
    Some(text.into_owned())
}

/// A compound (OLE) file: legacy Word, legacy Excel, or an encrypted OOXML package.
fn compound(file_name: &str, bytes: &[u8]) -> Result<grid::Document, ReadError> {
    let Ok(file) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return Err(ReadError::BadArchive("复合文档结构无效".into()));
    };
    let has = |name: &str| file.read_root_storage().any(|e| e.name().eq_ignore_ascii_case(name));
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Err(ReadError::Encrypted);
    }
    if has("WordDocument") {
        drop(file);
        let doc = doc::read(bytes)?;
        check_cells(&doc)?;
        return Ok(doc);
    }
    let named_et = file_name.to_lowercase().ends_with(".et");
    if has("Workbook") || has("Book") || named_et {
        drop(file);
        let doc = legacy_excel(bytes)?;
        check_cells(&doc)?;
        return Ok(doc);
    }
    Err(ReadError::LegacyOther)
}

/// An Excel 97–2003 workbook through the .xls reader; its refusals keep their own sentence, but a
/// Word document or an encrypted file gets the message every format shares.
fn legacy_excel(bytes: &[u8]) -> Result<grid::Document, ReadError> {
    super::xls::read(bytes).map_err(|e| match e {
        XlsError::WordDocument => ReadError::LegacyWord,
        XlsError::Encrypted => ReadError::Encrypted,
        other => ReadError::LegacyExcel(other),
    })
}

/// Refuses a document with more than [`limits::MAX_CELLS`] cells in all its tables.
fn check_cells(doc: &grid::Document) -> Result<(), ReadError> {
    fn count(table: &grid::Table) -> usize {
        table.rows.iter().flat_map(|r| &r.cells).map(|c| 1 + c.nested.iter().map(count).sum::<usize>()).sum()
    }
    if doc.tables().map(count).sum::<usize>() > limits::MAX_CELLS {
        return Err(ReadError::TooManyCells);
    }
    Ok(())
}

/// Counts cells as a reader produces them and stops it at [`limits::MAX_CELLS`], so a huge sheet
/// is refused before it fills memory.
#[derive(Debug, Default)]
pub(crate) struct CellBudget {
    used: usize,
    text: usize,
}

impl CellBudget {
    /// Takes the text of one cell or paragraph from the budget: refused past
    /// [`limits::MAX_CELL_TEXT`] for the piece or [`limits::MAX_TEXT`] for the document.
    pub(crate) fn take_text(&mut self, bytes: usize) -> Result<(), ReadError> {
        piece(bytes)?;
        self.text = self.text.saturating_add(bytes);
        if self.text > limits::MAX_TEXT {
            return Err(ReadError::Limit(format!("文字总量超过 {} MB", limits::MAX_TEXT / 1024 / 1024)));
        }
        Ok(())
    }

    /// Takes `n` cells from the budget.
    pub(crate) fn take(&mut self, n: usize) -> Result<(), ReadError> {
        self.used = self.used.saturating_add(n);
        if self.used > limits::MAX_CELLS {
            Err(ReadError::TooManyCells)
        } else {
            Ok(())
        }
    }
}

/// Refuses one piece of text (a cell, paragraph, shared string or line) over
/// [`limits::MAX_CELL_TEXT`].
pub(crate) fn piece(bytes: usize) -> Result<(), ReadError> {
    if bytes > limits::MAX_CELL_TEXT {
        return Err(ReadError::Limit(format!("单个单元格、段落或字符串的文字超过 {} MB", limits::MAX_CELL_TEXT / 1024 / 1024)));
    }
    Ok(())
}

/// Refuses a count of `what` (sheets, relationships, tables…) over `limit`.
pub(crate) fn at_most(n: usize, limit: usize, what: &str) -> Result<(), ReadError> {
    if n > limit {
        return Err(ReadError::Limit(format!("{what}超过 {limit} 个")));
    }
    Ok(())
}
