//! Reads an Excel 97–2003 workbook (`.xls`, BIFF8 in an OLE compound file, as Excel, WPS,
//! LibreOffice and finance systems write it) into the shared grid [`Document`]: one
//! `Block::Table` per worksheet, named after the sheet, in workbook order.
//!
//! What a grid holds, so the `.xlsx` reader can give the same grid for the same sheet:
//! - rows are sheet rows from row 1 (leading empty rows are kept as rows without cells, so row
//!   `i` of the table is sheet row `i + 1`); trailing rows that no cell starts in or spans
//!   over are dropped;
//! - `Cell::col` is the zero-based sheet column (A = 0); cells whose text is empty are left out
//!   unless they carry a merged range (a merged range gives one cell at its top-left with
//!   `row_span`/`col_span`, its text possibly empty); the rows delivered reach down to the last
//!   row of every span, so a span never points past the table; cells hidden under a merged
//!   range are not delivered (a note names any that held text); a range overlapping an earlier
//!   one is ignored (Excel never writes such ranges);
//! - text is what the sheet shows: numbers through their number format (General, `0`, `0.00`,
//!   `#,##0.00`, `0%`, `0.00%`, scientific, common date formats), rounded 四舍五入 from the
//!   stored value first taken to 15 significant digits as Excel does (0.1 + 0.2 shows "0.3"),
//!   formulas by their cached result, booleans `TRUE`/`FALSE`, errors `#DIV/0!` etc.; line
//!   breaks are `\n` (`\r\n` and `\r` become `\n`), no-break spaces become spaces, trailing
//!   line breaks are removed, nothing is trimmed otherwise;
//! - hidden rows are delivered with `Row::hidden`; hidden rows, hidden columns and hidden
//!   sheets are also named in `Document::notes`. Chart and macro sheets are skipped.
//!
//! Guarantees: never panics and never loops without end on any input (every record length and
//! offset is checked, a workbook's scanning is bounded by its size); an encrypted workbook, an
//! Excel 95 workbook, a Word `.doc` and a damaged file each give their own [`XlsError`]; at most
//! [`MAX_CELLS`] cells are read. No floating point: see `number`.

mod records;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use jixiao_model::exchange::grid::{column_name, Block, Cell, Document, Row, Table};
use crate::numfmt::{self, number};
use number::Stored;
use records::{bytes8_at, kind, u16_at, u32_at, Continued, Record, Records};

/// Most cells read from one workbook; a larger one is refused (no 自评表 comes near it).
pub const MAX_CELLS: usize = 1_000_000;
/// Largest `Workbook` stream read (bytes).
pub const MAX_STREAM: u64 = 64 * 1024 * 1024;
/// Most merged ranges taken from one sheet; further ones are ignored with a note.
const MAX_MERGES: usize = 10_000;
/// Most worksheets read from one workbook.
const MAX_SHEETS: usize = 1_000;
/// Characters of one number format code (Excel's own limit is 255).
const MAX_FORMAT: usize = 255;
/// XF records (Excel's own limit is 64,000 cell formats).
const MAX_XFS: usize = 65_536;
/// Bytes of cell text in one workbook (a shared string counts once per cell showing it).
const MAX_TEXT: usize = 16 * 1024 * 1024;

/// Why an `.xls` file could not be read. Each variant's message is a Chinese sentence; the
/// caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsError {
    /// Not an OLE compound file (not `.xls`/`.doc` at all, or cut off in its header).
    NotCompoundFile,
    /// A Word 97–2003 document (`WordDocument` stream), e.g. a renamed or mis-chosen `.doc`.
    WordDocument,
    /// A compound file without a workbook stream (another Office 97–2003 program's file).
    NoWorkbook,
    /// An Excel 5.0/95 (BIFF5) or older workbook.
    Biff5,
    /// The workbook is password-protected (FILEPASS record, or an encrypted `.xlsx` package).
    Encrypted,
    /// Larger than [`MAX_STREAM`] bytes or [`MAX_CELLS`] cells.
    TooLarge,
    /// The file is damaged or cut off; the text says where (Chinese).
    Damaged(String),
    /// A count or size past one of this reader's limits; the text names it ("工作表超过 1000 个").
    Limit(String),
}

impl std::fmt::Display for XlsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XlsError::NotCompoundFile => {
                write!(f, "文件不是 Excel 97–2003 工作簿（.xls）：文件头无法识别，可能已损坏或扩展名有误。")
            }
            XlsError::WordDocument => {
                write!(f, "这是 Word 97–2003 文档（.doc），不是 Excel 工作簿；请用 Word/WPS 另存为 .docx 后再导入。")
            }
            XlsError::NoWorkbook => {
                write!(f, "文件中没有 Excel 工作簿数据；请用 Excel/WPS 打开后另存为 .xlsx 再导入。")
            }
            XlsError::Biff5 => {
                write!(f, "这是 Excel 95 或更早版本格式的工作簿，暂不支持；请用 Excel/WPS 另存为 .xlsx 后再导入。")
            }
            XlsError::Encrypted => write!(f, "文件已加密，请取消密码后再导入。"),
            XlsError::TooLarge => write!(
                f,
                "工作簿过大（超过 {} MB 或 {MAX_CELLS} 个单元格），无法导入；请删除无关的工作表后另存再试。",
                MAX_STREAM / 1024 / 1024
            ),
            XlsError::Limit(what) => write!(f, "Excel 文件中{what}，超过读取上限，可能是损坏或恶意构造的文件，已拒绝读取。"),
            XlsError::Damaged(what) => {
                write!(f, "Excel 文件已损坏或不完整（{what}），无法读取；请用 Excel/WPS 打开后另存为 .xlsx 再导入。")
            }
        }
    }
}

impl std::error::Error for XlsError {}

/// Reads an `.xls` workbook into a grid document (see the module documentation for exactly
/// what the grid holds).
pub fn read(bytes: &[u8]) -> Result<Document, XlsError> {
    read_with_limit(bytes, MAX_CELLS)
}

/// [`read`] with another cell limit (tests use a small one: a million cells take long to build
/// in a debug build).
fn read_with_limit(bytes: &[u8], max_cells: usize) -> Result<Document, XlsError> {
    let stream = workbook_stream(bytes)?;
    let globals = read_globals(&stream)?;
    let mut document = Document::default();
    let mut budget = Budget { cells: max_cells, bytes: stream.len().saturating_mul(4).saturating_add(1 << 16), text: MAX_TEXT };
    let mut seen_offsets = BTreeSet::new();
    for sheet in &globals.sheets {
        if sheet.kind != 0 {
            continue; // macro, chart and VBA sheets hold no table
        }
        if !seen_offsets.insert(sheet.offset) {
            return Err(damaged("两个工作表指向同一位置"));
        }
        let Some(data) = read_sheet(&stream, sheet.offset, &globals, &mut budget)? else { continue };
        if sheet.hidden {
            document.notes.push(format!("工作表“{}”为隐藏工作表", sheet.name));
        }
        let table = assemble(&sheet.name, data, &mut document.notes);
        document.blocks.push(Block::Table(table));
    }
    Ok(document)
}

/// The text a number shows under an Excel number format code (`.xls` and `.xlsx` share the
/// codes): `value` as a file stores it in decimal (an `.xlsx` `<v>` such as "0.30000000000000004"
/// or "1.2925E-2"), rounded half-up to the 15 significant digits Excel keeps, then formatted
/// with 四舍五入 (0.3, "129.25%", "1,234.50", "2025年6月11日"). `None` when `value` is not a
/// number. The one engine (`exchange::numfmt`) that the `.xlsx` reader uses too.
pub fn format_number(value: &str, code: &str, date1904: bool) -> Option<String> {
    Some(numfmt::display(&number::parse(value)?, code, date1904))
}

/// The format code of a built-in number format id (0 General, 9 `0%`, 10 `0.00%`, 14 a date,
/// 31 `yyyy"年"m"月"d"日"`, …; Chinese locale), which files use without writing the code.
pub fn builtin_format(id: u16) -> Option<&'static str> {
    numfmt::builtin(id)
}

fn damaged(what: &str) -> XlsError {
    XlsError::Damaged(what.to_string())
}

/// Opens the compound file and returns its `Workbook` stream.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, XlsError> {
    const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !bytes.starts_with(&MAGIC) {
        return Err(XlsError::NotCompoundFile);
    }
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(|_| damaged("复合文档结构无法读取"))?;
    let names: Vec<String> = file.read_root_storage().filter(|e| e.is_stream()).map(|e| e.name().to_string()).collect();
    let find = |wanted: &str| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)).cloned();
    // Excel 5.0/95 names its stream "Book"; read it anyway, its BOF record tells the version
    // (a few programs write BIFF8 under that name).
    let Some(name) = find("Workbook").or_else(|| find("Book")) else {
        return Err(if find("EncryptedPackage").is_some() || find("EncryptionInfo").is_some() {
            XlsError::Encrypted
        } else if find("WordDocument").is_some() {
            XlsError::WordDocument
        } else {
            XlsError::NoWorkbook
        });
    };
    let path = format!("/{name}");
    let stream = file.open_stream(&path).map_err(|_| damaged("工作簿数据无法读取"))?;
    if stream.len() > MAX_STREAM {
        return Err(XlsError::TooLarge);
    }
    let mut data = Vec::new();
    stream.take(MAX_STREAM).read_to_end(&mut data).map_err(|_| damaged("工作簿数据不完整"))?;
    Ok(data)
}

/// A sheet entry of the workbook (BOUNDSHEET8).
struct SheetEntry {
    name: String,
    offset: usize,
    hidden: bool,
    /// 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module.
    kind: u8,
}

/// What the workbook-wide records say.
struct Globals {
    sheets: Vec<SheetEntry>,
    strings: Vec<String>,
    /// Number format code by format id (FORMAT records).
    formats: BTreeMap<u16, String>,
    /// Format id of each cell style (XF records, in order).
    xf_formats: Vec<u16>,
    date1904: bool,
}

impl Globals {
    /// The text a number shows in a cell of style `xf`.
    fn number_text(&self, value: &Stored, xf: u16) -> String {
        let Stored::Finite(value) = value else { return "#NUM!".to_string() };
        let id = self.xf_formats.get(usize::from(xf)).copied().unwrap_or(0);
        let code = self.formats.get(&id).map(String::as_str).or_else(|| numfmt::builtin(id)).unwrap_or("General");
        numfmt::display(value, code, self.date1904)
    }
}

fn read_globals(stream: &[u8]) -> Result<Globals, XlsError> {
    let mut records = Records::new(stream, 0);
    let bof = match records.next() {
        Some(Ok(r)) if r.kind == kind::BOF => r,
        Some(Ok(r)) if r.kind == 0x0009 || r.kind == 0x0209 || r.kind == 0x0409 => return Err(XlsError::Biff5),
        _ => return Err(damaged("缺少工作簿开头记录")),
    };
    if u16_at(bof.data, 0) == Some(0x0500) {
        return Err(XlsError::Biff5);
    }
    let mut globals = Globals {
        sheets: Vec::new(),
        strings: Vec::new(),
        formats: BTreeMap::new(),
        xf_formats: Vec::new(),
        date1904: false,
    };
    while let Some(record) = records.next() {
        let record = record.map_err(|_| damaged("记录长度超出文件末尾"))?;
        match record.kind {
            kind::EOF => break,
            kind::FILEPASS => return Err(XlsError::Encrypted),
            kind::DATEMODE => globals.date1904 = u16_at(record.data, 0) == Some(1),
            kind::BOUNDSHEET => {
                if globals.sheets.len() >= MAX_SHEETS {
                    return Err(XlsError::Limit(format!("工作表超过 {MAX_SHEETS} 个")));
                }
                let offset = u32_at(record.data, 0).ok_or_else(|| damaged("工作表目录不完整"))? as usize;
                let state = record.data.get(4).copied().unwrap_or(0) & 0x03;
                let sheet_kind = record.data.get(5).copied().unwrap_or(0);
                let name = records::short_string(record.data, 6).ok_or_else(|| damaged("工作表名称不完整"))?;
                globals.sheets.push(SheetEntry { name, offset, hidden: state != 0, kind: sheet_kind });
            }
            kind::SST => {
                let segments = with_continues(record, &mut records)?;
                globals.strings = records::shared_strings(segments).ok_or_else(|| damaged("共享字符串表不完整"))?;
            }
            kind::FORMAT => {
                let id = u16_at(record.data, 0).ok_or_else(|| damaged("数字格式记录不完整"))?;
                let code = record.data.get(2..).and_then(|rest| Continued::new(vec![rest]).unicode_string());
                let code = code.ok_or_else(|| damaged("数字格式记录不完整"))?;
                if code.chars().count() > MAX_FORMAT {
                    return Err(XlsError::Limit(format!("有数字格式超过 {MAX_FORMAT} 个字符")));
                }
                globals.formats.insert(id, code);
            }
            kind::XF => {
                if globals.xf_formats.len() >= MAX_XFS {
                    return Err(XlsError::Limit(format!("单元格格式超过 {MAX_XFS} 个")));
                }
                globals.xf_formats.push(u16_at(record.data, 2).unwrap_or(0));
            }
            _ => {}
        }
    }
    Ok(globals)
}

/// A record's payload and the payloads of the CONTINUE records right after it.
fn with_continues<'a>(first: Record<'a>, records: &mut Records<'a>) -> Result<Vec<&'a [u8]>, XlsError> {
    let mut segments = vec![first.data];
    while let Some(Ok(next)) = records.peek() {
        if next.kind != kind::CONTINUE {
            break;
        }
        segments.push(next.data);
        records.next();
    }
    if let Some(Err(_)) = records.peek() {
        return Err(damaged("记录长度超出文件末尾"));
    }
    Ok(segments)
}

/// What is left to spend on one workbook: cells to keep, bytes of records to scan.
struct Budget {
    cells: usize,
    bytes: usize,
    text: usize,
}

/// The cells and layout records of one worksheet.
#[derive(Default)]
struct SheetData {
    /// Cell text by (row, column).
    cells: BTreeMap<u32, BTreeMap<u32, String>>,
    /// Merged ranges: first row, last row, first column, last column.
    merges: Vec<(u32, u32, u32, u32)>,
    merges_dropped: bool,
    hidden_rows: BTreeSet<u32>,
    hidden_columns: BTreeSet<u32>,
}

impl SheetData {
    fn put(&mut self, row: u32, col: u32, text: String, budget: &mut Budget) -> Result<(), XlsError> {
        budget.cells = budget.cells.checked_sub(1).ok_or(XlsError::TooLarge)?;
        budget.text = budget
            .text
            .checked_sub(text.len())
            .ok_or_else(|| XlsError::Limit(format!("单元格文字总量超过 {} MB", MAX_TEXT / 1024 / 1024)))?;
        self.cells.entry(row).or_default().insert(col, text);
        Ok(())
    }
}

/// Reads the worksheet whose BOF is at `offset`; `None` when it is not a worksheet.
fn read_sheet(
    stream: &[u8],
    offset: usize,
    globals: &Globals,
    budget: &mut Budget,
) -> Result<Option<SheetData>, XlsError> {
    let mut records = Records::new(stream, offset);
    match records.next() {
        Some(Ok(bof)) if bof.kind == kind::BOF => {
            // 0x0010 worksheet (also dialog sheets); charts and macro sheets have other types.
            if u16_at(bof.data, 2) != Some(0x0010) {
                return Ok(None);
            }
        }
        _ => return Err(damaged("工作表位置错误")),
    }
    let mut sheet = SheetData::default();
    let mut depth = 1usize;
    // A formula whose cached text follows in a STRING record: its cell.
    let mut pending: Option<(u32, u32)> = None;
    while let Some(record) = records.next() {
        let record = record.map_err(|_| damaged("记录长度超出文件末尾"))?;
        budget.bytes = budget.bytes.checked_sub(record.data.len() + 4).ok_or_else(|| damaged("工作表记录相互重叠"))?;
        match record.kind {
            kind::BOF => depth += 1, // an embedded chart's substream
            kind::EOF => {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(sheet));
                }
            }
            _ if depth > 1 => {}
            kind::STRING => {
                if let Some((row, col)) = pending.take() {
                    let segments = with_continues(record, &mut records)?;
                    let text =
                        Continued::new(segments).unicode_string().ok_or_else(|| damaged("公式结果文本不完整"))?;
                    sheet.put(row, col, text, budget)?;
                }
            }
            kind::LABEL | kind::RSTRING => {
                // A text cell holding its own string (some exporters write these instead of
                // LABELSST); a long one continues in CONTINUE records.
                pending = None;
                let mut reader = Continued::new(with_continues(record, &mut records)?);
                let (Some(row), Some(col), Some(_style)) = (reader.u16(), reader.u16(), reader.u16()) else {
                    return Err(damaged("单元格记录不完整"));
                };
                let text = reader.unicode_string().ok_or_else(|| damaged("文本单元格不完整"))?;
                sheet.put(u32::from(row), u32::from(col), text, budget)?;
            }
            // Shared and array formula records may stand between a FORMULA and its STRING.
            0x04BC | 0x0221 | 0x0236 => {}
            _ => {
                pending = None;
                read_sheet_record(record, globals, &mut sheet, &mut pending, budget)?;
            }
        }
    }
    // No EOF: a cut-off file. Keep what was read; the cells before the cut are genuine.
    Ok(Some(sheet))
}

fn read_sheet_record(
    record: Record<'_>,
    globals: &Globals,
    sheet: &mut SheetData,
    pending: &mut Option<(u32, u32)>,
    budget: &mut Budget,
) -> Result<(), XlsError> {
    let data = record.data;
    let cell = || -> Result<(u32, u32, u16), XlsError> {
        match (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4)) {
            (Some(r), Some(c), Some(xf)) => Ok((u32::from(r), u32::from(c), xf)),
            _ => Err(damaged("单元格记录不完整")),
        }
    };
    match record.kind {
        kind::LABELSST => {
            let (row, col, _) = cell()?;
            let index = u32_at(data, 6).ok_or_else(|| damaged("单元格记录不完整"))? as usize;
            let text = globals.strings.get(index).ok_or_else(|| damaged("单元格引用了不存在的共享字符串"))?;
            sheet.put(row, col, text.clone(), budget)?;
        }
        kind::NUMBER => {
            let (row, col, xf) = cell()?;
            let bits = bytes8_at(data, 6).ok_or_else(|| damaged("数字单元格不完整"))?;
            sheet.put(row, col, globals.number_text(&number::from_ieee(bits), xf), budget)?;
        }
        kind::RK => {
            let (row, col, xf) = cell()?;
            let rk = u32_at(data, 6).ok_or_else(|| damaged("数字单元格不完整"))?;
            sheet.put(row, col, globals.number_text(&number::from_rk(rk), xf), budget)?;
        }
        kind::MULRK => {
            let row = u32::from(u16_at(data, 0).ok_or_else(|| damaged("数字单元格不完整"))?);
            let first = u32::from(u16_at(data, 2).ok_or_else(|| damaged("数字单元格不完整"))?);
            // rw, colFirst, then 6 bytes (xf, rk) per cell, then colLast.
            let count = data.len().saturating_sub(6) / 6;
            for i in 0..count {
                let at = 4 + 6 * i;
                let (Some(xf), Some(rk)) = (u16_at(data, at), u32_at(data, at + 2)) else { break };
                sheet.put(row, first + i as u32, globals.number_text(&number::from_rk(rk), xf), budget)?;
            }
        }
        kind::BOOLERR => {
            let (row, col, _) = cell()?;
            let (Some(value), Some(is_error)) = (data.get(6), data.get(7)) else {
                return Err(damaged("单元格记录不完整"));
            };
            let text = if *is_error == 1 { error_text(*value) } else { bool_text(*value) };
            sheet.put(row, col, text.to_string(), budget)?;
        }
        kind::FORMULA => {
            let (row, col, xf) = cell()?;
            let value = bytes8_at(data, 6).ok_or_else(|| damaged("公式单元格不完整"))?;
            if value[6] == 0xFF && value[7] == 0xFF {
                match value[0] {
                    0 => *pending = Some((row, col)),
                    1 => sheet.put(row, col, bool_text(value[2]).to_string(), budget)?,
                    2 => sheet.put(row, col, error_text(value[2]).to_string(), budget)?,
                    _ => {} // 3: an empty string
                }
            } else {
                sheet.put(row, col, globals.number_text(&number::from_ieee(value), xf), budget)?;
            }
        }
        kind::MERGEDCELLS => {
            let count = usize::from(u16_at(data, 0).unwrap_or(0));
            for i in 0..count {
                let at = 2 + 8 * i;
                let (Some(r1), Some(r2), Some(c1), Some(c2)) =
                    (u16_at(data, at), u16_at(data, at + 2), u16_at(data, at + 4), u16_at(data, at + 6))
                else {
                    break;
                };
                if r1 > r2 || c1 > c2 || (r1 == r2 && c1 == c2) {
                    continue;
                }
                if sheet.merges.len() >= MAX_MERGES {
                    sheet.merges_dropped = true;
                    break;
                }
                sheet.merges.push((u32::from(r1), u32::from(r2), u32::from(c1), u32::from(c2)));
            }
        }
        kind::ROW => {
            let (Some(row), Some(flags)) = (u16_at(data, 0), u16_at(data, 12)) else { return Ok(()) };
            if flags & 0x20 != 0 {
                sheet.hidden_rows.insert(u32::from(row));
            }
        }
        kind::COLINFO => {
            let (Some(first), Some(last), Some(flags)) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, 8)) else {
                return Ok(());
            };
            if flags & 0x01 != 0 {
                // Only the 256 columns a BIFF8 sheet has.
                sheet.hidden_columns.extend(u32::from(first)..=u32::from(last.min(255)));
            }
        }
        _ => {}
    }
    Ok(())
}

fn bool_text(value: u8) -> &'static str {
    if value == 0 {
        "FALSE"
    } else {
        "TRUE"
    }
}

fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        _ => "#N/A",
    }
}

/// Text as the grid holds it: `\n` line breaks, no-break spaces as spaces, no trailing break.
fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace(['\r'], "\n").replace('\u{a0}', " ");
    text.trim_end_matches('\n').to_string()
}


/// "第 7 行" / "第 7–9 行" phrases for runs of consecutive numbers.
fn runs(numbers: &BTreeSet<u32>, name: impl Fn(u32) -> String) -> Vec<String> {
    let mut out = Vec::new();
    let mut iter = numbers.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end += 1;
            iter.next();
        }
        out.push(if start == end { name(start) } else { format!("{}–{}", name(start), name(end)) });
    }
    out
}

/// Builds the grid table of a sheet and adds its notes.
fn assemble(name: &str, mut sheet: SheetData, notes: &mut Vec<String>) -> Table {
    // Merged ranges: the top-left cell carries the spans; cells under a range are not shown.
    // Ranges overlapping an earlier one are ignored (Excel never writes them); this also bounds
    // the work below by the sheet's area.
    let mut anchors: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
    let mut accepted: Vec<(u32, u32, u32, u32)> = Vec::new();
    for &(r1, r2, c1, c2) in &sheet.merges {
        if accepted.iter().any(|&(a1, a2, b1, b2)| r1 <= a2 && a1 <= r2 && c1 <= b2 && b1 <= c2) {
            continue;
        }
        accepted.push((r1, r2, c1, c2));
        anchors.insert((r1, c1), (r2 - r1 + 1, c2 - c1 + 1));
        for (&row, cols) in sheet.cells.range_mut(r1..=r2) {
            let covered: Vec<u32> = cols.range(c1..=c2).map(|(c, _)| *c).filter(|c| (row, *c) != (r1, c1)).collect();
            for col in covered {
                if let Some(text) = cols.remove(&col) {
                    if !text.trim().is_empty() {
                        notes.push(format!(
                            "工作表“{name}”{}{} 单元格在合并区域内，其内容“{}”不显示",
                            column_name(col as usize),
                            row + 1,
                            clean(&text)
                        ));
                    }
                }
            }
        }
    }
    if sheet.merges_dropped {
        notes.push(format!("工作表“{name}”的合并区域超过 {MAX_MERGES} 个，其余未读取"));
    }
    let mut placed: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
    let mut keys: BTreeSet<(u32, u32)> = anchors.keys().copied().collect();
    for (row, cols) in &sheet.cells {
        keys.extend(cols.keys().map(|c| (*row, *c)));
    }
    for (row, col) in keys {
        let text = sheet.cells.get(&row).and_then(|c| c.get(&col)).map(|t| clean(t)).unwrap_or_default();
        let span = anchors.get(&(row, col)).copied();
        if text.is_empty() && span.is_none() {
            continue;
        }
        let (row_span, col_span) = span.unwrap_or((1, 1));
        let mut cell = Cell::new(col as usize, text);
        cell.row_span = row_span as usize;
        cell.col_span = col_span as usize;
        placed.entry(row).or_default().push(cell);
    }
    // The table reaches down to its last cell, merged ranges included.
    let n_rows =
        placed.iter().flat_map(|(row, cells)| cells.iter().map(move |c| *row as usize + c.row_span)).max().unwrap_or(0);
    let mut rows: Vec<Row> =
        (0..n_rows as u32).map(|r| Row { cells: Vec::new(), hidden: sheet.hidden_rows.contains(&r) }).collect();
    let mut max_col = 0usize;
    for (row, cells) in placed {
        for cell in &cells {
            max_col = max_col.max(cell.col + cell.col_span);
        }
        if let Some(r) = rows.get_mut(row as usize) {
            r.cells = cells;
        }
    }
    let hidden_rows: BTreeSet<u32> = sheet.hidden_rows.range(..n_rows as u32).copied().collect();
    for phrase in runs(&hidden_rows, |r| (r + 1).to_string()) {
        notes.push(format!("工作表“{name}”第 {phrase} 行为隐藏行"));
    }
    let hidden_columns: BTreeSet<u32> = sheet.hidden_columns.range(..max_col as u32).copied().collect();
    for phrase in runs(&hidden_columns, |c| column_name(c as usize)) {
        notes.push(format!("工作表“{name}”第 {phrase} 列为隐藏列"));
    }
    sheet.cells.clear();
    Table { name: name.to_string(), rows }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a panic is a failed test
mod tests {
    use super::*;

    /// A one-sheet workbook whose sheet holds `cells` numbers in MULRK records of 250.
    fn workbook_with_cells(cells: usize) -> Vec<u8> {
        let record = |kind: u16, data: &[u8]| {
            [kind.to_le_bytes().to_vec(), (data.len() as u16).to_le_bytes().to_vec(), data.to_vec()].concat()
        };
        let bof = |sheet_type: u16| {
            record(kind::BOF, &[vec![0x00, 0x06], sheet_type.to_le_bytes().to_vec(), vec![0; 12]].concat())
        };
        let mut sheet = bof(0x0010);
        for row in 0..cells.div_ceil(250) {
            let n = (cells - row * 250).min(250);
            let mut data = [(row as u16).to_le_bytes(), 0u16.to_le_bytes()].concat();
            for _ in 0..n {
                data.extend_from_slice(&[0, 0, 6, 0, 0, 0]); // style 0, RK integer 1
            }
            data.extend_from_slice(&(n as u16 - 1).to_le_bytes());
            sheet.extend(record(kind::MULRK, &data));
        }
        sheet.extend(record(kind::EOF, &[]));
        let name = [vec![2, 0], "大表".encode_utf16().flat_map(u16::to_le_bytes).collect()].concat(); // count 2, wide
        let directory_len = 4 + 6 + name.len();
        let globals_len = 20 + directory_len + 4;
        let mut stream = bof(0x0005);
        stream.extend(record(
            kind::BOUNDSHEET,
            &[(globals_len as u32).to_le_bytes().to_vec(), vec![0, 0, 2, 1], name[2..].to_vec()].concat(),
        ));
        stream.extend(record(kind::EOF, &[]));
        stream.extend(sheet);
        let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        std::io::Write::write_all(&mut file.create_stream("/Workbook").unwrap(), &stream).unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn a_workbook_over_the_cell_limit_is_refused() {
        let bytes = workbook_with_cells(1_001);
        assert_eq!(read_with_limit(&bytes, 1_000), Err(XlsError::TooLarge));
        let at_limit = read_with_limit(&workbook_with_cells(1_000), 1_000).unwrap();
        assert_eq!(at_limit.tables().map(|t| t.rows.len()).sum::<usize>(), 4);
        assert_eq!(
            XlsError::TooLarge.to_string(),
            "工作簿过大（超过 64 MB 或 1000000 个单元格），无法导入；请删除无关的工作表后另存再试。"
        );
    }
}
