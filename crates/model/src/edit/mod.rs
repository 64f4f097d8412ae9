//! Editing a report by field path: the one way the editor (and its tests) read and change a
//! report, so every cell of every table is a path string like `overall.indicators[3].actual` —
//! the same paths the findings carry, which is what lets a finding focus its field.
//!
//! Guarantees: `get` never fails (an absent part reads as empty text); `set` either changes
//! exactly the addressed field or returns a Chinese message and leaves the report untouched; a
//! number is stored only when [`parse_decimal`] accepts it (full-width digits, thousands
//! separators and `%` included). This file holds get/set/kind; the rest of editing lives beside
//! it, one job a file: `node` (path navigation), `load` (reading a saved report through the same
//! paths), `change` (rows, projects, goals, reviewers, unit switch), `paste` (Excel/WPS rows),
//! `new` (a new report per rule pack) and `history` (undo).

mod change;
mod history;
mod load;
mod new;
mod node;
mod paste;
mod units;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use crate::num::{means_not_applicable, parse_decimal, plain, NumberError};
use crate::report::{not_applicable_shown, MoneyUnit, Report, TableKind, Tier, NOT_APPLICABLE};
use node::{walk, walk_mut, Node, Slot, SlotMut};

pub use change::{apply, set_unit, table, table_mut, Change, RowList};
pub use history::{History, HISTORY_LIMIT};
pub use load::{from_json, JsonError};
pub use new::{blank_table, new_report, source_labels, NewReport, MAX_NEW_PROJECTS};
pub use paste::{one_line, paste_rows, split_weight, split_tsv, Pasted, MAX_PASTE_ROWS, ROW_COLUMNS};
pub use units::{parse_in, quantity, refused_message, Quantity};

/// Why an edit was refused. Each message is a Chinese sentence shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The path names no field (a programming error in the caller, never user input).
    NoSuchField(String),
    /// A number cell got text that is not a number.
    Number(NumberError),
    /// A choice cell got a value outside its list.
    BadChoice(String),
    /// A paste that is too large to be a table.
    PasteTooLarge(usize),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoSuchField(p) => write!(f, "没有字段 {p}。"),
            EditError::Number(e) => write!(f, "{e}，本格保留原值。"),
            EditError::BadChoice(v) => write!(f, "“{v}”不是可选的值。"),
            EditError::PasteTooLarge(n) => write!(f, "粘贴内容有 {n} 行，超过每次 {MAX_PASTE_ROWS} 行的上限，未作改动。"),
        }
    }
}

/// What kind of value a field holds, so the editor picks the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A number (money, weight, score, percent).
    Number,
    /// 评价等次 as written (a row that may exist and be blank).
    Grade,
    /// 定性指标 tier.
    Tier,
    /// 年度.
    Year,
    /// 万元 / 元 (changed through [`Change::SetUnit`], which converts the amounts).
    Unit,
    /// 整体 / 项目.
    TableKind,
}

/// The value of a field as shown in its input.
pub fn get(report: &Report, path: &str) -> String {
    let Some((node, last)) = walk(report as &dyn Node, path) else { return String::new() };
    match node.slot(last) {
        Some(Slot::Text(s)) => s.clone(),
        Some(Slot::Number(d)) => match node.marks().and_then(|m| not_applicable_shown(*d, m, last)) {
            Some(shown) => shown.to_string(),
            None => d.map(plain).unwrap_or_default(),
        },
        Some(Slot::Grade(g)) => g.clone().unwrap_or_default(),
        Some(Slot::Tier(t)) => t.map(Tier::key).unwrap_or_default().to_string(),
        Some(Slot::Year(y)) => if *y == 0 { String::new() } else { y.to_string() },
        Some(Slot::Unit(u)) => u.label().to_string(),
        Some(Slot::Kind(k)) => table_kind_key(*k).to_string(),
        None => String::new(),
    }
}

/// The kind of the field at `path`, or `None` when the path names no field.
pub fn kind(path: &str) -> Option<FieldKind> {
    let mut probe = Report::default();
    let (node, last) = walk_mut(&mut probe as &mut dyn Node, path)?;
    Some(match node.slot_mut(last)? {
        SlotMut::Text(_) => FieldKind::Text,
        SlotMut::Number(_) => FieldKind::Number,
        SlotMut::Grade(_) => FieldKind::Grade,
        SlotMut::Tier(_) => FieldKind::Tier,
        SlotMut::Year(_) => FieldKind::Year,
        SlotMut::Unit(_) => FieldKind::Unit,
        SlotMut::Kind(_) => FieldKind::TableKind,
    })
}

/// The kind of the field at `path` in this report (lists index into its rows).
pub fn kind_in(report: &Report, path: &str) -> Option<FieldKind> {
    let found = walk(report as &dyn Node, path).and_then(|(node, last)| node.slot(last)).map(|slot| match slot {
        Slot::Text(_) => FieldKind::Text,
        Slot::Number(_) => FieldKind::Number,
        Slot::Grade(_) => FieldKind::Grade,
        Slot::Tier(_) => FieldKind::Tier,
        Slot::Year(_) => FieldKind::Year,
        Slot::Unit(_) => FieldKind::Unit,
        Slot::Kind(_) => FieldKind::TableKind,
    });
    found.or_else(|| kind(path))
}

/// Sets the field at `path` from the text typed into it. An empty number cell clears it.
pub fn set(report: &mut Report, path: &str, text: &str) -> Result<(), EditError> {
    let missing = || EditError::NoSuchField(path.to_string());
    // Parse before walking: walking creates absent parts (封面, 基础数据表) on the way, and a
    // refused edit must leave the report exactly as it was.
    let kind = kind_in(report, path).ok_or_else(missing)?;
    let number = match kind {
        FieldKind::Number => parse_in(quantity(report, path), text)?,
        _ => None,
    };
    let tier = match kind {
        FieldKind::Tier => Some(parse_tier(text)?),
        _ => None,
    };
    let year = match kind {
        FieldKind::Year => Some(parse_year(text)?),
        _ => None,
    };
    let (node, last) = walk_mut(report as &mut dyn Node, path).ok_or_else(missing)?;
    match node.slot_mut(last).ok_or_else(missing)? {
        SlotMut::Text(s) => *s = text.to_string(),
        SlotMut::Number(d) => *d = number,
        SlotMut::Grade(g) => *g = Some(text.trim().to_string()),
        SlotMut::Tier(t) => *t = tier.flatten(),
        SlotMut::Year(y) => *y = year.unwrap_or_default(),
        SlotMut::Unit(u) => *u = parse_unit(text)?,
        SlotMut::Kind(k) => *k = parse_table_kind(text)?,
    }
    if kind == FieldKind::Number {
        // "/" and its kind mean "not applicable": empty for the figures, kept as such.
        node::mark_not_applicable(node, last, number.is_none() && means_not_applicable(text));
    }
    Ok(())
}

/// Whether the text in an input already shows the stored value `stored` (as [`get`] writes it),
/// so the input need not be rewritten: "1." and "１０" show 1 and 10, a grade may carry spaces.
pub fn shows(kind: FieldKind, typed: &str, stored: &str) -> bool {
    match kind {
        FieldKind::Number if stored == NOT_APPLICABLE => means_not_applicable(typed),
        FieldKind::Number => parse_optional(typed).ok().map(|d| d.map(plain).unwrap_or_default()).as_deref() == Some(stored),
        FieldKind::Grade => typed.trim() == stored,
        _ => typed == stored,
    }
}

/// [`shows`] for the field at `path` of this report, where a number may carry a unit suffix
/// ("150万元" shows 150).
pub fn shows_at(report: &Report, path: &str, kind: FieldKind, typed: &str, stored: &str) -> bool {
    match kind {
        FieldKind::Number if stored == NOT_APPLICABLE => shows(kind, typed, stored),
        FieldKind::Number => parse_in(quantity(report, path), typed).ok().map(|d| d.map(plain).unwrap_or_default()).as_deref() == Some(stored),
        _ => shows(kind, typed, stored),
    }
}

/// A typed number: empty clears, otherwise it must parse.
pub fn parse_optional(text: &str) -> Result<Option<Decimal>, EditError> {
    match parse_decimal(text) {
        Ok(d) => Ok(Some(d)),
        Err(NumberError::Empty) => Ok(None),
        Err(e) => Err(EditError::Number(e)),
    }
}

fn parse_year(text: &str) -> Result<u32, EditError> {
    match parse_optional(text)? {
        None => Ok(0),
        Some(d) if d.fract().is_zero() && d >= Decimal::from(1990) && d <= Decimal::from(2100) => {
            Ok(d.to_string().parse().unwrap_or_default())
        }
        Some(_) => Err(EditError::BadChoice(text.trim().to_string())),
    }
}

fn table_kind_key(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Overall => "overall",
        TableKind::Project => "project",
    }
}

fn parse_unit(text: &str) -> Result<MoneyUnit, EditError> {
    match text.trim() {
        "万元" => Ok(MoneyUnit::WanYuan),
        "元" => Ok(MoneyUnit::Yuan),
        other => Err(EditError::BadChoice(other.to_string())),
    }
}

fn parse_table_kind(text: &str) -> Result<TableKind, EditError> {
    match text.trim() {
        "overall" => Ok(TableKind::Overall),
        "project" => Ok(TableKind::Project),
        other => Err(EditError::BadChoice(other.to_string())),
    }
}

fn parse_tier(text: &str) -> Result<Option<Tier>, EditError> {
    match text.trim() {
        "" => Ok(None),
        "met" => Ok(Some(Tier::Met)),
        "partly" => Ok(Some(Tier::Partly)),
        "not_met" => Ok(Some(Tier::NotMet)),
        other => Err(EditError::BadChoice(other.to_string())),
    }
}

