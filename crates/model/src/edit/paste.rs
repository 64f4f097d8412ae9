//! Spreadsheet paste: rows copied in Excel or WPS land in the indicator table from the cell they
//! are pasted into, merged 一级/二级 cells filled down, every cell set by the typing rule.

use rust_decimal::Decimal;

use crate::num::parse_decimal;
use crate::report::{DeclaredWeight, Indicator, Report};

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
/// line ends, cells in double quotes may hold tabs, line breaks and `""` (Excel's quoting) —
/// the importer's reader of tab-separated text, without the trailing empty lines a spreadsheet
/// ends a copied block with.
pub fn split_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = crate::exchange::text::split(text);
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
    let Some(perf) = table_mut(report, table) else {
        return Err(EditError::NoSuchField(prefix));
    };
    let mut weights: Vec<(String, Decimal)> = Vec::new();
    let Some(rows) = rows_mut(perf, list) else {
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
            // A merged header cell copied from Excel keeps its line breaks ("产出指标\n(50分)"):
            // one-line fields get them joined; the 偏差原因 text keeps its paragraphs.
            let mut value = if *field == "reason" { value.trim().to_string() } else { one_line(value) };
            if *field == "level1" {
                let (name, weight) = split_weight(&value);
                if let (Some(w), RowList::Table) = (weight, list) {
                    weights.push((name.clone(), w));
                }
                value = name;
            }
            let value = match (*field, &above) {
                ("level1", Some((l1, _))) if value.is_empty() && r > 0 => l1.as_str(),
                ("level2", Some((_, l2))) if value.is_empty() && r > 0 => l2.as_str(),
                _ => value.as_str(),
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
    for (name, weight) in weights {
        match perf.level1_weights.iter_mut().find(|w| one_line(&w.name) == name) {
            Some(w) => w.weight = Some(weight),
            None => perf.level1_weights.push(DeclaredWeight { name, weight: Some(weight) }),
        }
    }
    Ok(pasted)
}

/// Text with its line breaks and runs of white space joined: nothing between two Chinese
/// characters, one space between Latin words.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let joins_cjk = out.chars().last().is_some_and(|c| !c.is_ascii()) || word.chars().next().is_some_and(|c| !c.is_ascii());
        if !out.is_empty() && !joins_cjk {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A 一级指标 cell as printed in a header, "产出指标（50分）" or "产出指标(50分)", split into the
/// name and the declared weight; a name without a weight is returned as it is.
pub fn split_weight(cell: &str) -> (String, Option<Decimal>) {
    let cell = cell.trim();
    let Some(inner) = cell.strip_suffix('）').or_else(|| cell.strip_suffix(')')) else { return (cell.to_string(), None) };
    let Some(open) = inner.rfind(['（', '(']) else { return (cell.to_string(), None) };
    let open_len = inner[open..].chars().next().map_or(1, char::len_utf8);
    let figure = inner[open + open_len..].trim();
    let figure = figure.strip_suffix('分').unwrap_or(figure).trim();
    match parse_decimal(figure) {
        Ok(w) if !inner[..open].trim().is_empty() => (inner[..open].trim().to_string(), Some(w)),
        _ => (cell.to_string(), None),
    }
}

