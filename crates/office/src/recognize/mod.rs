//! The recogniser: turns the grid of an imported Word, Excel or web-page document into the parts
//! of a report (自评表, 评价人员, 封面, 监控表, 基础数据表), by the header words of the tables, not
//! by their positions; a 自评报告's text goes into its sections by the outline headings.
//!
//! Guarantees: every figure is kept as the document declares it (declared 得分, 执行率, 总分,
//! 等次), blank stays blank; fields are filled through `edit::set`, so an import parses a cell
//! exactly as typing it would; every non-empty cell or paragraph it did not place is listed in
//! `leftovers` with its location (nothing is lost silently); hostile input gives an error or a
//! partial result, never a panic.

mod basic;
mod budget;
mod heads;
mod lines;
mod narrative;
mod others;
mod perf;
mod propose;
mod sheet;
mod weights;

use jixiao_model::edit;
use jixiao_model::exchange::grid::{Block, Document};
use jixiao_model::report::Report;

pub use jixiao_model::exchange::found::{assignable_fields, Column, ColumnOverride, Found, Leftover, Proposal, RecognizeError};

use lines::Context;
use sheet::Sheet;

/// What the recogniser made of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognized {
    /// The report parts found (id empty: the caller assigns one).
    pub report: Report,
    /// Each recognised table, in document order.
    pub tables: Vec<Found>,
    /// Every non-empty cell or paragraph that was not placed.
    pub leftovers: Vec<Leftover>,
    /// Proposed rule pack, year and department (the user confirms or changes them).
    pub proposal: Proposal,
    /// Remarks on how something was read, in Chinese (e.g. a number cell that did not parse).
    pub notes: Vec<String>,
}

/// What kind of table a grid is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A scored 自评表 (整体 or 项目, any region).
    Perf,
    /// Sichuan 监控 table.
    Monitor,
    /// 评价人员.
    Reviewers,
    /// 基础数据表.
    Basic,
    /// No header words of its own.
    Unknown,
}

fn classify(sheet: &Sheet) -> Kind {
    let all = sheet.all_keys();
    let has = |w: &str| all.contains(w);
    if has("预计完成") || (has("监控") && has("三级指标")) {
        return Kind::Monitor;
    }
    if has("三级指标") || (has("一级指标") && has("二级指标")) || (has("指标名称") && (has("指标权重") || has("得分系数"))) {
        return Kind::Perf;
    }
    if has("三公经费") || has("编制数") || has("经费控制情况") {
        return Kind::Basic;
    }
    if has("姓名") && (has("职务") || has("职称")) {
        return Kind::Reviewers;
    }
    Kind::Unknown
}

/// A block after continuation tables are joined on.
enum Item {
    Paragraph(String),
    Table { kind: Kind, sheet: Sheet, first: usize },
}

/// Recognises the report parts in an imported document.
pub fn recognize(doc: &Document) -> Result<Recognized, RecognizeError> {
    recognize_with(doc, &[])
}

/// Recognises the report parts with some columns assigned by hand (the import preview's 第 5 列
/// → 实际完成值): those columns are read as the given field, the others by their heads.
pub fn recognize_with(doc: &Document, overrides: &[ColumnOverride]) -> Result<Recognized, RecognizeError> {
    let items = join_continuations(doc);
    if items.is_empty() {
        return Err(RecognizeError::Empty);
    }
    let mut cx = Context::default();
    for o in overrides {
        let field = o.field.trim();
        let col = if field.is_empty() || field == "忽略" { None } else { heads::Col::from_name(field) };
        if col.is_none() && !(field.is_empty() || field == "忽略") {
            cx.notes.push(format!("表 {} 第 {} 列指定的“{field}”不是可读入的栏目，已忽略。", o.table, o.column));
            continue;
        }
        cx.overrides.push((o.table, o.column.saturating_sub(1), col));
    }
    let mut paragraphs: Vec<(String, bool)> = Vec::new();
    let mut tables: Vec<Sheet> = Vec::new();
    let mut recent: Vec<String> = Vec::new();
    // Paragraph numbers in document order, `None` for a table (the 自评报告 outline's blocks).
    let mut order: Vec<Option<usize>> = Vec::new();
    for item in items {
        match item {
            Item::Paragraph(text) => {
                let placed = lines::paragraph(&mut cx, &text);
                recent.push(sheet::key(&text));
                order.push(Some(paragraphs.len()));
                paragraphs.push((text, placed));
            }
            Item::Table { kind, mut sheet, first } => {
                order.push(None);
                let before = recent.join("|");
                recent.clear();
                match kind {
                    Kind::Perf => perf::read(&mut cx, &mut sheet, first, &before),
                    Kind::Monitor => others::monitor(&mut cx, &mut sheet, first),
                    Kind::Reviewers => others::reviewers(&mut cx, &mut sheet, first),
                    Kind::Basic => others::basic_data(&mut cx, &mut sheet, first),
                    Kind::Unknown => {}
                }
                // Lines above a table that is no form (or was joined on) label nothing after it.
                cx.pending_heading = (None, None);
                cx.tables_seen += 1;
                cx.last_was_scored = kind == Kind::Perf;
                tables.push(sheet);
            }
        }
    }
    // A 自评报告's outline (一、… 十、) fills the narrative sections, with or without tables.
    let placed_here = |i: usize| cx.placed_paragraphs.iter().any(|(p, placed)| *p == i && *placed);
    let blocks: Vec<Option<(usize, &str)>> = order
        .iter()
        .filter_map(|o| match o {
            None => Some(None),
            Some(i) => paragraphs.get(*i).filter(|(_, placed)| !placed && !placed_here(*i)).map(|(t, _)| Some((*i, t.as_str()))),
        })
        .collect();
    let (narrative, used) = narrative::sections(&blocks);
    if !narrative.is_empty() && cx.report.narrative.is_empty() {
        for i in used {
            if let Some(p) = paragraphs.get_mut(i) {
                p.1 = true;
            }
        }
        cx.found.push(Found::new(format!("自评报告（{} 节）", narrative.len()), "narrative", 0));
        cx.report.narrative = narrative;
    }
    if cx.found.is_empty() {
        return Err(RecognizeError::NoTable);
    }
    let mut leftovers = Vec::new();
    for sheet in tables.iter().filter(|s| s.truncated) {
        let first = sheet.cells.first().map(|c| c.table).unwrap_or_default();
        cx.notes.push(format!("表 {first} 过大或嵌套过深，超出部分未读取。"));
    }
    for sheet in &tables {
        let mut hidden: Vec<(usize, usize)> = Vec::new();
        for (cell, placed) in sheet.cells.iter().zip(&sheet.placed) {
            if *placed && cell.hidden && !cell.key.is_empty() && !hidden.contains(&(cell.table, cell.src_row)) {
                hidden.push((cell.table, cell.src_row));
            }
        }
        for (table, row) in hidden {
            cx.notes.push(format!("表 {table} 第 {row} 行在原文件中是隐藏行，其内容已读入，请核对。"));
        }
    }
    for sheet in &tables {
        for (cell, placed) in sheet.cells.iter().zip(&sheet.placed) {
            if !placed && !cell.key.is_empty() {
                leftovers.push(Leftover { table: Some(cell.table), row: cell.src_row, column: cell.col + 1, text: sheet::block(&cell.text) });
            }
        }
    }
    for (i, placed) in cx.placed_paragraphs.iter() {
        if let Some(p) = paragraphs.get_mut(*i) {
            p.1 |= *placed;
        }
    }
    for (text, placed) in &paragraphs {
        if !placed && !sheet::key(text).is_empty() {
            leftovers.push(Leftover { table: None, row: 0, column: 0, text: sheet::block(text) });
        }
    }
    let all_text: Vec<String> = paragraphs.iter().map(|(t, _)| sheet::key(t)).chain(tables.iter().map(Sheet::all_keys)).collect();
    let proposal = propose::propose(&cx, &all_text);
    let mut report = cx.report;
    if report.department.is_empty() {
        report.department = proposal.department.clone();
    }
    if report.rule_pack.is_empty() {
        report.rule_pack = proposal.rule_pack.clone();
    }
    if let Some(overall) = report.overall.as_mut().filter(|o| o.name.is_empty()) {
        // The 整体 table's name is the department's (as a new report's is).
        overall.name = proposal.department.clone();
    }
    if report.year == 0 {
        report.year = proposal.year.unwrap_or_default();
    }
    Ok(Recognized { report, tables: cx.found, leftovers, proposal, notes: cx.notes })
}

/// Tables without header words of their own that directly follow a recognised table with the
/// same number of columns are its continuation (Word splits a table at a page break; a
/// workbook continues on the next sheet): their rows are joined on.
fn join_continuations(doc: &Document) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut table_no = 0;
    // Paragraphs seen since the last table that do not stop a continuation (empty, 续表).
    let mut gap_is_soft = true;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(text) => {
                let k = sheet::key(text);
                if !(k.is_empty() || k.starts_with("续表") || k.starts_with("(续")) {
                    gap_is_soft = false;
                }
                items.push(Item::Paragraph(text.clone()));
            }
            Block::Table(table) => {
                table_no += 1;
                let sheet = Sheet::new(table, table_no);
                let kind = classify(&sheet);
                if kind == Kind::Unknown && gap_is_soft {
                    if let Some(Item::Table { kind: Kind::Perf, sheet: previous, .. }) =
                        items.iter_mut().rev().find(|i| matches!(i, Item::Table { .. }))
                    {
                        if previous.width == sheet.width && sheet.height() > 0 {
                            previous.append(table, table_no);
                            continue;
                        }
                    }
                }
                // A budget block standing as a table of its own right before the indicator
                // table (how jixiao's own Word export and some templates lay it out) is the head
                // of that scored table: the indicator rows are joined onto it.
                if kind == Kind::Perf && gap_is_soft {
                    if let Some(Item::Table { kind: previous_kind, sheet: previous, .. }) =
                        items.iter_mut().rev().find(|i| matches!(i, Item::Table { .. }))
                    {
                        if *previous_kind == Kind::Unknown && (0..previous.height()).any(|r| budget::is_header(previous, r)) {
                            previous.append(table, table_no);
                            *previous_kind = Kind::Perf;
                            continue;
                        }
                    }
                }
                gap_is_soft = true;
                items.push(Item::Table { kind, sheet, first: table_no });
            }
        }
    }
    items
}

/// Sets a field through the editor's rules; a value the field refuses is noted and reported as
/// not placed (`false`).
fn put(cx: &mut Context, path: &str, text: &str) -> bool {
    match edit::set(&mut cx.report, path, text) {
        Ok(()) => true,
        Err(e) => {
            cx.notes.push(format!("“{}”未能填入：{e}", text.trim()));
            false
        }
    }
}
