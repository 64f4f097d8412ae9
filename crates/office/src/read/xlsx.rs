//! Excel workbooks (.xlsx, from Excel, WPS and LibreOffice): one table per sheet in workbook
//! order, each the sheet's used range with its merged ranges.
//!
//! Guarantees: shared strings (rich text runs joined, phonetic guides left out), inline strings,
//! formula results from their cached values, booleans as TRUE/FALSE, errors as their text
//! (#DIV/0!), and numbers as the sheet displays them (see [`numfmt`]). The used range is the
//! bounding box of the cells with text and of the merged ranges that start at one: leading empty
//! rows and columns are left out and `col` counts from its first column; every position inside it is a cell (empty text where the sheet
//! is empty) unless a merged range covers it. Hidden rows are marked [`grid::Row::hidden`];
//! hidden columns and hidden sheets are listed in [`grid::Document::notes`]. Empty sheets give
//! no table. Cells count against [`limits::MAX_CELLS`] before the grid is built.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use quick_xml::events::Event;

use super::archive::{relationship_ids, resolve, Archive};
use crate::numfmt;
use super::xml::{attr, attr_num, attr_on, local, Xml};
use super::{at_most, grid, limits, piece, CellBudget, ReadError};

/// Excel's last column (XFD) and row, zero-based.
const MAX_COL: usize = 16_383;
const MAX_ROW: usize = 1_048_575;

/// Number formats of a workbook: per cell style, the format code (`None` = General).
#[derive(Debug, Default)]
struct Styles {
    codes: Vec<Option<std::rc::Rc<str>>>,
}

/// A sheet as read: text by (row, col), merges, hidden rows and columns.
#[derive(Debug, Default)]
struct Sheet {
    cells: BTreeMap<(usize, usize), String>,
    merges: Vec<(usize, usize, usize, usize)>,
    hidden_rows: BTreeSet<usize>,
    hidden_cols: Vec<(usize, usize)>,
}

/// A sheet as the workbook lists it: name, relationship id, hidden.
type SheetEntry = (String, String, bool);

/// Reads a workbook whose `xl/workbook.xml` (`data`, named `part`) is already inflated.
pub fn read(archive: &mut Archive<'_>, data: &[u8], part: &str) -> Result<grid::Document, ReadError> {
    let dir = part.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let rels_name = format!("{dir}/_rels/{}.rels", part.rsplit('/').next().unwrap_or(part));
    let rels = match archive.part(&rels_name)? {
        Some(bytes) => relationship_ids(&bytes, &rels_name)?,
        None => Vec::new(),
    };
    let target = |suffix: &str, usual: &str| {
        rels.iter()
            .find(|(_, kind, _)| kind.ends_with(suffix))
            .and_then(|(_, _, t)| resolve(dir, t))
            .unwrap_or_else(|| format!("{dir}/{usual}"))
    };
    let shared = match archive.part(&target("/sharedStrings", "sharedStrings.xml"))? {
        Some(bytes) => shared_strings(&bytes)?,
        None => Vec::new(),
    };
    let styles = match archive.part(&target("/styles", "styles.xml"))? {
        Some(bytes) => styles(&bytes)?,
        None => Styles::default(),
    };
    let (sheets, date1904) = workbook(data, part)?;
    let mut doc = grid::Document::default();
    let mut budget = CellBudget::default();
    // Targets by relationship id, looked up once per sheet.
    let by_id: HashMap<&str, &str> = rels.iter().map(|(rid, _, t)| (rid.as_str(), t.as_str())).collect();
    for (index, (name, id, hidden)) in sheets.into_iter().enumerate() {
        let path = by_id
            .get(id.as_str())
            .and_then(|t| resolve(dir, t))
            .unwrap_or_else(|| format!("{dir}/worksheets/sheet{}.xml", index + 1));
        let Some(bytes) = archive.part(&path)? else {
            return Err(ReadError::MissingPart(path));
        };
        let sheet = sheet(&bytes, &path, &shared, &styles, date1904, &mut budget)?;
        if let Some(table) = table(&name, &sheet, &mut doc.notes, &mut budget)? {
            if hidden {
                doc.notes.push(format!("工作表“{name}”为隐藏工作表，已照常读取。"));
            }
            doc.blocks.push(grid::Block::Table(table));
        }
    }
    Ok(doc)
}

/// The sheets (name, relationship id, hidden) in workbook order and the 1904 date flag.
fn workbook(data: &[u8], part: &str) -> Result<(Vec<SheetEntry>, bool), ReadError> {
    let mut xml = Xml::new(data, part)?;
    let mut sheets = Vec::new();
    let mut date1904 = false;
    loop {
        match xml.next()? {
            Event::Start(e) => match local(&e) {
                b"workbookPr" => date1904 = attr_on(&e, b"date1904", false),
                b"sheet" => {
                    let name = attr(&e, b"name").unwrap_or_default();
                    let id = attr(&e, b"id").unwrap_or_default();
                    let hidden = attr(&e, b"state").is_some_and(|s| s != "visible");
                    sheets.push((name, id, hidden));
                    at_most(sheets.len(), limits::MAX_SHEETS, "工作表")?;
                }
                _ => {}
            },
            Event::Eof => return Ok((sheets, date1904)),
            _ => {}
        }
    }
}

/// The shared string table: the text of each `<si>`, as a cell shows it.
fn shared_strings(data: &[u8]) -> Result<Vec<String>, ReadError> {
    let mut xml = Xml::new(data, "sharedStrings.xml")?;
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    let mut total: usize = 0;
    loop {
        match xml.next()? {
            Event::Start(e) => match local(&e) {
                b"si" => current = Some(String::new()),
                b"t" => in_text = true,
                b"rPh" | b"phoneticPr" => xml.skip(&e)?,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = xml.text(&t)?;
                if let Some(s) = current.as_mut() {
                    piece(s.len().saturating_add(text.len()))?;
                    s.push_str(&text);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"si" => {
                    // Shown once here, not again for each cell that uses it.
                    let text = grid::shown_text(&unescape_ooxml(&current.take().unwrap_or_default()));
                    total = total.saturating_add(text.len());
                    if total > limits::MAX_TEXT {
                        return Err(ReadError::Limit(format!("共享字符串总量超过 {} MB", limits::MAX_TEXT / 1024 / 1024)));
                    }
                    out.push(text);
                }
                _ => {}
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The number format code of each cell style (`cellXfs`), custom `numFmts` before built-ins.
fn styles(data: &[u8]) -> Result<Styles, ReadError> {
    let mut xml = Xml::new(data, "styles.xml")?;
    let mut custom: HashMap<usize, std::rc::Rc<str>> = HashMap::new();
    let mut ids: Vec<usize> = Vec::new();
    let (mut in_numfmts, mut in_cellxfs) = (false, false);
    loop {
        match xml.next()? {
            Event::Start(e) => match local(&e) {
                b"numFmts" => in_numfmts = true,
                b"cellXfs" => in_cellxfs = true,
                b"numFmt" if in_numfmts => {
                    if let (Some(id), Some(code)) = (attr_num(&e, b"numFmtId"), attr(&e, b"formatCode")) {
                        if code.chars().count() > limits::MAX_FORMAT {
                            return Err(ReadError::Limit(format!("有数字格式超过 {} 个字符", limits::MAX_FORMAT)));
                        }
                        custom.insert(id, code.into());
                        at_most(custom.len(), limits::MAX_FORMATS, "数字格式")?;
                    }
                }
                b"xf" if in_cellxfs => {
                    ids.push(attr_num(&e, b"numFmtId").unwrap_or(0));
                    at_most(ids.len(), limits::MAX_FORMATS, "单元格格式")?;
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"numFmts" => in_numfmts = false,
                b"cellXfs" => in_cellxfs = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let codes = ids
        .into_iter()
        // One code shared by every style that uses it, not a copy each.
        .map(|id| custom.get(&id).cloned().or_else(|| u16::try_from(id).ok().and_then(numfmt::builtin).map(std::rc::Rc::from)))
        .collect();
    Ok(Styles { codes })
}

/// Reads one worksheet part.
fn sheet(
    data: &[u8],
    part: &str,
    shared: &[String],
    styles: &Styles,
    date1904: bool,
    budget: &mut CellBudget,
) -> Result<Sheet, ReadError> {
    let mut xml = Xml::new(data, part)?;
    let mut sheet = Sheet::default();
    let mut row: usize = 0;
    let mut next_row: usize = 0;
    let mut next_col: usize = 0;
    // The cell being read: position, type, style; its value and inline text.
    let mut cell: Option<(usize, usize, String, usize)> = None;
    let mut value = String::new();
    let (mut in_value, mut in_inline_text) = (false, false);
    loop {
        match xml.next()? {
            Event::Start(e) => match local(&e) {
                b"row" => {
                    row = attr_num(&e, b"r").map(|r| r.saturating_sub(1)).unwrap_or(next_row).min(MAX_ROW);
                    next_row = row + 1;
                    next_col = 0;
                    if attr_on(&e, b"hidden", false) {
                        sheet.hidden_rows.insert(row);
                    }
                }
                b"c" => {
                    let (r, c) = attr(&e, b"r").and_then(|a| cell_ref(&a)).unwrap_or((row, next_col));
                    next_col = c + 1;
                    let kind = attr(&e, b"t").unwrap_or_default();
                    cell = Some((r, c, kind, attr_num(&e, b"s").unwrap_or(0)));
                    value.clear();
                }
                b"v" => in_value = true,
                b"t" if cell.is_some() => in_inline_text = true,
                b"f" | b"rPh" | b"extLst" => xml.skip(&e)?,
                b"col" if attr_on(&e, b"hidden", false) => {
                    let min = attr_num(&e, b"min").unwrap_or(1).clamp(1, MAX_COL + 1) - 1;
                    let max = attr_num(&e, b"max").unwrap_or(min + 1).clamp(1, MAX_COL + 1) - 1;
                    sheet.hidden_cols.push((min, max.max(min)));
                }
                b"mergeCell" => {
                    if let Some((a, b)) = attr(&e, b"ref").as_deref().and_then(|r| r.split_once(':')) {
                        if let (Some((r0, c0)), Some((r1, c1))) = (cell_ref(a), cell_ref(b)) {
                            sheet.merges.push((r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1)));
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_value || in_inline_text => value.push_str(&xml.text(&t)?),
            Event::End(e) => match e.local_name().as_ref() {
                b"v" => in_value = false,
                b"t" => in_inline_text = false,
                b"c" => {
                    if let Some((r, c, kind, style)) = cell.take() {
                        let code = styles.codes.get(style).and_then(|c| c.as_deref());
                        let raw = shown(&kind, &value, code, shared, date1904);
                        // Counted before any work on it: a long shared string on many cells
                        // is refused after 16 MB of copies, not after gigabytes.
                        budget.take_text(raw.len())?;
                        let text = if kind == "s" { raw } else { grid::shown_text(&raw) };
                        if !text.trim().is_empty() {
                            budget.take(1)?;
                            sheet.cells.insert((r, c), text);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(sheet),
            _ => {}
        }
    }
}

/// A cell's text by its type.
fn shown(kind: &str, value: &str, code: Option<&str>, shared: &[String], date1904: bool) -> String {
    match kind {
        "s" => value.trim().parse::<usize>().ok().and_then(|i| shared.get(i)).cloned().unwrap_or_default(),
        "inlineStr" | "str" => unescape_ooxml(value),
        "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
        "e" | "d" => value.trim().to_string(),
        _ => numfmt::show(value, code, date1904),
    }
}

/// The grid of a sheet's used range, or `None` for an empty sheet.
fn table(
    name: &str,
    sheet: &Sheet,
    notes: &mut Vec<String>,
    budget: &mut CellBudget,
) -> Result<Option<grid::Table>, ReadError> {
    let Some((top, left, bottom, right)) = sheet.cells.keys().fold(None, |acc, &(r, c)| match acc {
        None => Some((r, c, r, c)),
        Some((t, l, b, rr)) => Some((t.min(r), l.min(c), b.max(r), rr.max(c))),
    }) else {
        return Ok(None);
    };
    // A merged cell with text reaches as far as its range, even into columns with no text.
    let (bottom, right) = sheet.merges.iter().filter(|m| sheet.cells.contains_key(&(m.0, m.1))).fold(
        (bottom, right),
        |(b, r), &(_, _, r1, c1)| (b.max(r1), r.max(c1)),
    );
    let (height, width) = (bottom - top + 1, right - left + 1);
    let area = height.saturating_mul(width);
    if area > limits::MAX_CELLS {
        return Err(ReadError::TooManyCells);
    }
    budget.take(area.saturating_sub(sheet.cells.len()))?;
    // Spans of merged ranges by their top-left position; positions they cover.
    let mut covered = vec![false; area];
    let mut spans: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    let mut work: usize = 0;
    for &(r0, c0, r1, c1) in &sheet.merges {
        if r0 < top || c0 < left || r0 > bottom || c0 > right {
            continue;
        }
        let (r1, c1) = (r1.min(bottom), c1.min(right));
        if covered[(r0 - top) * width + (c0 - left)] {
            continue;
        }
        work = work.saturating_add((r1 - r0 + 1) * (c1 - c0 + 1));
        if work > 4 * limits::MAX_CELLS {
            return Err(ReadError::TooManyCells);
        }
        spans.insert((r0, c0), (r1 - r0 + 1, c1 - c0 + 1));
        for r in r0..=r1 {
            for c in c0..=c1 {
                if (r, c) != (r0, c0) {
                    covered[(r - top) * width + (c - left)] = true;
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(height);
    for r in top..=bottom {
        let mut cells = Vec::new();
        for c in left..=right {
            if covered[(r - top) * width + (c - left)] {
                continue;
            }
            let mut cell = grid::Cell::new(c - left, sheet.cells.get(&(r, c)).cloned().unwrap_or_default());
            if let Some(&(rs, cs)) = spans.get(&(r, c)) {
                cell.row_span = rs;
                cell.col_span = cs;
            }
            cells.push(cell);
        }
        rows.push(grid::Row { cells, hidden: sheet.hidden_rows.contains(&r) });
    }
    let hidden_rows: Vec<String> =
        sheet.hidden_rows.iter().filter(|&&r| r >= top && r <= bottom).map(|r| (r + 1).to_string()).collect();
    if !hidden_rows.is_empty() {
        notes.push(format!("工作表“{name}”第 {} 行为隐藏行，已照常读取。", shorten(&hidden_rows)));
    }
    // Hidden ranges marked on the used columns by a difference array: linear in ranges and
    // columns, however many <col> elements the sheet has.
    let mut depth = vec![0i64; width + 1];
    for &(a, b) in &sheet.hidden_cols {
        let (a, b) = (a.max(left), b.min(right));
        if a <= b {
            depth[a - left] += 1;
            depth[b - left + 1] -= 1;
        }
    }
    let mut level = 0i64;
    let hidden_cols: Vec<String> = (left..=right)
        .filter(|c| {
            level += depth[c - left];
            level > 0
        })
        .map(grid::column_name)
        .collect();
    if !hidden_cols.is_empty() {
        notes.push(format!("工作表“{name}”第 {} 列为隐藏列，已照常读取。", shorten(&hidden_cols)));
    }
    Ok(Some(grid::Table { name: name.to_string(), rows }))
}

/// At most 20 items joined with "、", then "等 N 个".
fn shorten(items: &[String]) -> String {
    if items.len() <= 20 {
        items.join("、")
    } else {
        format!("{} 等 {} 个", items[..20].join("、"), items.len())
    }
}

/// "A1"-style reference to zero-based (row, col); `None` when malformed or outside a sheet.
fn cell_ref(reference: &str) -> Option<(usize, usize)> {
    let reference = reference.trim();
    let reference = if reference.contains('$') { reference.replace('$', "") } else { reference.to_string() };
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.chars().try_fold(0usize, |acc, ch| {
        ch.is_ascii_alphabetic().then(|| acc * 26 + (ch.to_ascii_uppercase() as usize - 'A' as usize + 1))
    })?;
    let row: usize = digits.parse().ok()?;
    ((1..=MAX_COL + 1).contains(&col) && (1..=MAX_ROW + 1).contains(&row)).then_some((row - 1, col - 1))
}


/// Decodes OOXML's `_xHHHH_` escapes of control characters ("_x000D_" for a carriage return).
fn unescape_ooxml(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let code = tail.get(2..6).filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
        match (code, tail.get(6..7)) {
            (Some(hex), Some("_")) => {
                if let Some(ch) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
                rest = &tail[7..];
            }
            _ => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}
