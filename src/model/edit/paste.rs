//! Spreadsheet paste: rows copied in Excel or WPS land in the indicator table from the cell they
//! are pasted into, merged 一级/二级 cells filled down, every cell set by the typing rule.

use crate::model::report::{Indicator, Report};


use super::change::{rows_mut, table_mut, RowList};
use super::node::{Node, SlotMut};
use super::{parse_optional, EditError};

/// The indicator columns a paste fills, in the order they are shown: (field, header).
pub const ROW_COLUMNS: &[(&str, &str)] = &[
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("name", "三级指标"),
    ("target", "年度指标值"),
    ("actual", "实际完成值"),
    ("weight", "分值"),
    ("declared_score", "填报得分"),
    ("reason", "偏差原因分析及改进措施"),
];

/// Largest paste accepted at once.
pub const MAX_PASTE_ROWS: usize = 2000;

/// What a paste did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pasted {
    /// Rows written (existing rows overwritten plus rows added).
    pub rows: usize,
    /// Rows added at the end of the list.
    pub added: usize,
    /// Cells refused, each with a Chinese message naming row and column.
    pub refused: Vec<String>,
}

/// Splits text copied from a spreadsheet into rows of cells: tab-separated, `\r\n` or `\n`
/// line ends, cells in double quotes may hold tabs, line breaks and `""` (Excel's quoting).
pub fn split_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    // Spreadsheets end a copied block with a line break; drop trailing empty lines only.
    while rows.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
        rows.pop();
    }
    rows
}

/// Pastes a block copied from Excel or WPS into the rows of `list`, starting at row `row` and
/// column `column` (an index into [`ROW_COLUMNS`]). Rows past the end are added. Blank 一级 or
/// 二级 cells inherit the value above, because Excel copies a merged cell into its first row only.
/// A number that does not parse leaves its cell unchanged and is listed in `refused`.
pub fn paste_rows(report: &mut Report, table: &str, list: RowList, row: usize, column: usize, text: &str) -> Result<Pasted, EditError> {
    let block = split_tsv(text);
    if block.len() > MAX_PASTE_ROWS {
        return Err(EditError::PasteTooLarge(block.len()));
    }
    let prefix = list.prefix(table);
    let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, list)) else {
        return Err(EditError::NoSuchField(prefix));
    };
    let mut pasted = Pasted::default();
    for (r, cells) in block.iter().enumerate() {
        let index = row + r;
        while rows.len() <= index {
            rows.push(Indicator::default());
            pasted.added += 1;
        }
        let above = index.checked_sub(1).and_then(|i| rows.get(i)).map(|a| (a.level1.clone(), a.level2.clone()));
        let target = &mut rows[index];
        for (c, value) in cells.iter().enumerate() {
            let Some((field, header)) = ROW_COLUMNS.get(column + c) else { break };
            let value = value.trim();
            let value = match (*field, &above) {
                ("level1", Some((l1, _))) if value.is_empty() && r > 0 => l1.as_str(),
                ("level2", Some((_, l2))) if value.is_empty() && r > 0 => l2.as_str(),
                _ => value,
            };
            let result = match target.slot_mut(field) {
                Some(SlotMut::Text(s)) => {
                    *s = value.to_string();
                    Ok(())
                }
                Some(SlotMut::Number(d)) => parse_optional(value).map(|v| *d = v),
                _ => Ok(()),
            };
            if let Err(e) = result {
                pasted.refused.push(format!("第 {} 行“{header}”：{e}", index + 1));
            }
        }
        pasted.rows += 1;
    }
    Ok(pasted)
}

