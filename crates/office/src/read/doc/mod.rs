//! Word 97–2003 documents (.doc, and WPS 文字 .wps files that hold the same `WordDocument`
//! stream) read natively from the compound file, following [MS-DOC]: the FIB at the start of
//! the `WordDocument` stream, the piece table (Clx / PlcPcd) in the `0Table`/`1Table` stream,
//! the main document's text (compressed 8-bit and UTF-16 pieces), and the paragraph properties
//! of the PAPX FKPs ([`papx`]) that say which paragraphs are table cells and rows; [`table`]
//! turns them into the same grid blocks the .docx reader gives.
//!
//! What is read: the main document text only (no headers, footnotes, comments or text boxes);
//! paragraph marks end paragraphs, cell marks (0x07) end cells, vertical tabs (0x0B) are line
//! breaks, tabs stay `\t`, non-breaking hyphens become `-`; fields keep their shown result and
//! drop their instruction text (0x13 instruction 0x14 result 0x15); tracked deletions
//! ([`chpx`]), pictures, objects and other special characters are left out. Encrypted or obfuscated files and Word 6/95 files
//! are refused with their own message.
//!
//! Guarantees (hand-written because no small, bounded, wasm-ready crate reads .doc tables):
//! every offset and count is checked against its stream, streams are read up to
//! [`MAX_STREAM`] bytes, the text walked is at most the `WordDocument` stream's size, FKP pages
//! are read in place (a lookup is a binary search and one page's scan), so hostile files cannot make it panic, loop or allocate without bound.

mod chpx;
mod papx;
mod table;

use std::io::Read;

use super::{grid, ReadError};
use chpx::Runs;
use papx::{ParaProps, Props};
use table::Assembler;

/// Largest stream read from the compound file (bytes).
const MAX_STREAM: u64 = 64 * 1024 * 1024;
/// Deepest nesting of fields followed; deeper ones are read as plain text.
const MAX_FIELD_DEPTH: usize = 256;

/// How a paragraph of the text ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A paragraph mark (0x0D), or the end of the text.
    Paragraph,
    /// A cell mark (0x07): the end of a cell or, with the TTP property, of a row.
    Cell,
}

/// One paragraph of the main text with its properties.
#[derive(Debug)]
struct Para {
    text: String,
    mark: Mark,
    props: ParaProps,
}

/// Reads a compound file holding a `WordDocument` stream.
pub fn read(bytes: &[u8]) -> Result<grid::Document, ReadError> {
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(|_| damaged("复合文档结构无法读取"))?;
    let word = stream(&mut file, "WordDocument")?.ok_or_else(|| damaged("缺少 WordDocument 数据流"))?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.table1 { "1Table" } else { "0Table" };
    let table = stream(&mut file, table_name)?.ok_or_else(|| damaged("缺少表格数据流"))?;
    let data = stream(&mut file, "Data")?.unwrap_or_default();
    let clx = Clx::parse(slice(&table, fib.clx).ok_or_else(|| damaged("文字位置表超出数据流"))?)?;
    let mut props = Props::new(&word, &data, slice(&table, fib.bte_papx).unwrap_or_default());
    let mut runs = Runs::new(&word, slice(&table, fib.bte_chpx).unwrap_or_default());
    let sections = section_ends(slice(&table, fib.sed).unwrap_or_default());
    let mut blocks = Assembler::default();
    let text = Text { word: &word, clx: &clx, ccp_text: fib.ccp_text, sections: &sections };
    walk(&text, &mut props, &mut runs, &mut blocks)?;
    blocks.finish()
}

fn damaged(detail: &str) -> ReadError {
    ReadError::BadArchive(format!("Word 文档结构无效：{detail}"))
}

/// A stream of the root storage by name (any case), at most [`MAX_STREAM`] bytes.
fn stream<F: std::io::Read + std::io::Seek>(file: &mut cfb::CompoundFile<F>, wanted: &str) -> Result<Option<Vec<u8>>, ReadError> {
    let name = file.read_root_storage().filter(|e| e.is_stream()).map(|e| e.name().to_string()).find(|n| n.eq_ignore_ascii_case(wanted));
    let Some(name) = name else { return Ok(None) };
    let stream = file.open_stream(format!("/{name}")).map_err(|_| damaged("数据流无法读取"))?;
    if stream.len() > MAX_STREAM {
        return Err(ReadError::TooLarge);
    }
    let mut data = Vec::new();
    stream.take(MAX_STREAM).read_to_end(&mut data).map_err(|_| damaged("数据流不完整"))?;
    Ok(Some(data))
}

pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// `lcb` bytes at `fc`, if they lie inside `b`.
fn slice(b: &[u8], (fc, lcb): (u32, u32)) -> Option<&[u8]> {
    let start = fc as usize;
    b.get(start..start.checked_add(lcb as usize)?)
}

/// The parts of the File Information Block this reader needs.
#[derive(Debug)]
struct Fib {
    /// fWhichTblStm: the table stream is `1Table` (else `0Table`).
    table1: bool,
    /// Characters of the main document.
    ccp_text: u32,
    /// fcClx / lcbClx.
    clx: (u32, u32),
    /// fcPlcfBtePapx / lcbPlcfBtePapx.
    bte_papx: (u32, u32),
    /// fcPlcfBteChpx / lcbPlcfBteChpx.
    bte_chpx: (u32, u32),
    /// fcPlcfSed / lcbPlcfSed (section ends).
    sed: (u32, u32),
}

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib, ReadError> {
        let short = || damaged("文件信息块不完整");
        if u16_at(w, 0).ok_or_else(short)? != 0xA5EC {
            return Err(damaged("文件标识不符"));
        }
        // Word 6.0/95 (nFib 101–105) use another structure.
        if u16_at(w, 2).ok_or_else(short)? < 0x00C0 {
            return Err(ReadError::LegacyWord);
        }
        let flags = u16_at(w, 0x0A).ok_or_else(short)?;
        // fEncrypted (with or without fObfuscated): the text cannot be read without the password.
        if flags & 0x0100 != 0 {
            return Err(ReadError::Encrypted);
        }
        let csw = usize::from(u16_at(w, 32).ok_or_else(short)?);
        let at_cslw = 34 + csw * 2;
        let cslw = usize::from(u16_at(w, at_cslw).ok_or_else(short)?);
        let rg_lw = at_cslw + 2;
        if cslw < 4 {
            return Err(short());
        }
        let ccp_text = u32_at(w, rg_lw + 12).ok_or_else(short)?;
        let at_cb = rg_lw + cslw * 4;
        let cb = usize::from(u16_at(w, at_cb).ok_or_else(short)?);
        let blob = at_cb + 2;
        // fcClx is pair 33 of FibRgFcLcb97; fcPlcfBtePapx 13, fcPlcfBteChpx 12, fcPlcfSed 6.
        if cb < 34 {
            return Err(short());
        }
        let pair = |i: usize| -> Result<(u32, u32), ReadError> {
            Ok((u32_at(w, blob + i * 8).ok_or_else(short)?, u32_at(w, blob + i * 8 + 4).ok_or_else(short)?))
        };
        Ok(Fib { table1: flags & 0x0200 != 0, ccp_text, clx: pair(33)?, bte_papx: pair(13)?, bte_chpx: pair(12)?, sed: pair(6)? })
    }
}

/// One piece descriptor: where a run of characters is stored and how.
#[derive(Debug, Clone, Copy)]
struct Pcd {
    /// Byte offset of the first character in the `WordDocument` stream.
    fc: usize,
    /// One byte per character (cp1252) instead of two (UTF-16LE).
    compressed: bool,
    /// Prm: with its low bit set, `prm >> 1` indexes the property runs of the Clx.
    prm: u16,
}

/// The piece table and the property runs (Prc) of the Clx.
#[derive(Debug, Default)]
struct Clx {
    /// Character positions: piece `i` is `cps[i]..cps[i + 1]`.
    cps: Vec<u32>,
    pcds: Vec<Pcd>,
    /// Grpprls of the Prc entries, in order.
    prcs: Vec<Vec<u8>>,
}

impl Clx {
    fn parse(b: &[u8]) -> Result<Clx, ReadError> {
        let mut clx = Clx::default();
        let mut pos = 0;
        loop {
            match b.get(pos) {
                Some(1) => {
                    let cb = u16_at(b, pos + 1).ok_or_else(|| damaged("属性段不完整"))? as i16;
                    let start = pos + 3;
                    let grpprl = usize::try_from(cb).ok().and_then(|cb| b.get(start..start + cb)).ok_or_else(|| damaged("属性段超出范围"))?;
                    clx.prcs.push(grpprl.to_vec());
                    pos = start + grpprl.len();
                }
                Some(2) => {
                    let lcb = u32_at(b, pos + 1).ok_or_else(|| damaged("文字位置表不完整"))? as usize;
                    let plc = pos.checked_add(5).and_then(|s| b.get(s..s.checked_add(lcb)?)).ok_or_else(|| damaged("文字位置表超出范围"))?;
                    if lcb < 16 {
                        return Err(damaged("文字位置表为空"));
                    }
                    let n = (lcb - 4) / 12;
                    clx.cps = (0..=n).filter_map(|i| u32_at(plc, i * 4)).collect();
                    clx.pcds = (0..n)
                        .filter_map(|i| {
                            let at = (n + 1) * 4 + i * 8;
                            let raw = u32_at(plc, at + 2)?;
                            let compressed = raw & 0x4000_0000 != 0;
                            let fc = (raw & 0x3FFF_FFFF) as usize;
                            Some(Pcd { fc: if compressed { fc / 2 } else { fc }, compressed, prm: u16_at(plc, at + 6)? })
                        })
                        .collect();
                    return Ok(clx);
                }
                _ => return Err(damaged("缺少文字位置表")),
            }
        }
    }
}

/// Cp1252 characters 0x80–0x9F (the rest of a compressed piece is Latin-1).
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•',
        '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Field state while walking the text: each open field, and whether it is still in its
/// instruction part.
#[derive(Debug, Default)]
struct Fields {
    open: Vec<bool>,
    /// How many of `open` are in their instruction part.
    instructions: usize,
    /// Open fields beyond [`MAX_FIELD_DEPTH`] (counted, not followed).
    overflow: usize,
}

impl Fields {
    fn in_instruction(&self) -> bool {
        self.instructions > 0
    }

    /// Handles a field character; false when `c` is not one.
    fn step(&mut self, c: u32) -> bool {
        match c {
            0x13 if self.open.len() < MAX_FIELD_DEPTH => {
                self.open.push(true);
                self.instructions += 1;
            }
            0x13 => self.overflow += 1,
            0x14 if self.overflow == 0 => {
                if let Some(top) = self.open.last_mut().filter(|top| **top) {
                    *top = false;
                    self.instructions -= 1;
                }
            }
            0x15 if self.overflow > 0 => self.overflow -= 1,
            0x15 => {
                if self.open.pop() == Some(true) {
                    self.instructions -= 1;
                }
            }
            0x14 => {}
            _ => return false,
        }
        true
    }
}

/// The character positions where sections end (PlcfSed), sorted: the section mark (0x0C)
/// before each ends a paragraph too.
fn section_ends(plc: &[u8]) -> Vec<u32> {
    let n = plc.len().saturating_sub(4) / 16;
    let mut ends: Vec<u32> = (1..=n).filter_map(|i| u32_at(plc, i * 4)).collect();
    ends.sort_unstable();
    ends
}

/// Where the main document's text is and how it is cut.
struct Text<'a> {
    word: &'a [u8],
    clx: &'a Clx,
    ccp_text: u32,
    sections: &'a [u32],
}

/// Walks the main document's text, giving each paragraph, with the properties of its mark, to
/// `blocks` as soon as it ends.
fn walk(t: &Text<'_>, props: &mut Props<'_>, runs: &mut Runs<'_>, blocks: &mut Assembler) -> Result<(), ReadError> {
    let (word, clx, ccp_text) = (t.word, t.clx, t.ccp_text);
    // Every character is stored somewhere in the stream: more than its length is a lie.
    let ccp_text = (ccp_text as usize).min(word.len());
    let mut text = String::new();
    let mut fields = Fields::default();
    let mut high: Option<u16> = None;
    let mut done = 0usize;
    for (i, pcd) in clx.pcds.iter().enumerate() {
        let (Some(&start), Some(&end)) = (clx.cps.get(i), clx.cps.get(i + 1)) else { break };
        let (start, end) = (start as usize, (end as usize).min(ccp_text));
        // Pieces run forward without overlap; one going back is ignored.
        if start < done || start >= end {
            continue;
        }
        done = end;
        let count = end - start;
        let width = if pcd.compressed { 1 } else { 2 };
        let bytes = pcd.fc.checked_add(count * width).and_then(|stop| word.get(pcd.fc..stop)).ok_or_else(|| damaged("文字片段超出文档范围"))?;
        let extra = if pcd.prm & 1 == 1 { clx.prcs.get(usize::from(pcd.prm >> 1)).map(Vec::as_slice) } else { None };
        for k in 0..count {
            let (unit, fc) = if pcd.compressed {
                (u32::from(bytes[k]), pcd.fc + k)
            } else {
                (u32::from(u16::from_le_bytes([bytes[2 * k], bytes[2 * k + 1]])), pcd.fc + 2 * k)
            };
            let mark = match unit {
                0x0D => Some(Mark::Paragraph),
                0x07 => Some(Mark::Cell),
                0x0C if t.sections.binary_search(&((start + k + 1) as u32)).is_ok() => Some(Mark::Paragraph),
                _ => None,
            };
            if let Some(mark) = mark {
                high = None;
                blocks.push(Para { text: std::mem::take(&mut text), mark, props: props.at(fc, extra) })?;
                continue;
            }
            if runs.deleted(fc) || fields.step(unit) || fields.in_instruction() {
                continue;
            }
            push_unit(&mut text, unit, &mut high, pcd.compressed);
        }
    }
    if !text.is_empty() {
        blocks.push(Para { text, mark: Mark::Paragraph, props: ParaProps::default() })?;
    }
    Ok(())
}

/// Adds one character of text as shown: tabs and line breaks kept, other control characters
/// (pictures, objects, note references, page breaks) left out, UTF-16 surrogate pairs joined.
fn push_unit(text: &mut String, unit: u32, high: &mut Option<u16>, compressed: bool) {
    match unit {
        0x09 => text.push('\t'),
        0x0B => text.push('\n'),
        0x1E => text.push('-'),
        0..=0x1F => {}
        _ if compressed => text.push(cp1252(unit as u8)),
        0xD800..=0xDBFF => *high = Some(unit as u16),
        0xDC00..=0xDFFF => {
            if let Some(h) = high.take() {
                text.extend(char::decode_utf16([h, unit as u16]).filter_map(Result::ok));
            }
        }
        _ => {
            *high = None;
            text.extend(char::from_u32(unit));
        }
    }
}
