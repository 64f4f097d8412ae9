//! A table of an imported document laid out as a dense grid, with the text helpers the
//! recogniser matches header words by, and the record of which cells were placed.
//!
//! Guarantees: every non-empty source cell is one `Origin` and keeps its source location (table
//! number, row, column), also after a continuation table is joined on; lookups out of range
//! return `None`, never panic; `placed` marks a cell so it is not reported as a leftover.

use jixiao_model::exchange::grid;

/// Largest grid laid out densely (rows × columns); larger tables are cut to this many cells.
const MAX_CELLS: usize = 400_000;

/// Deepest nesting of tables in cells that is read.
const MAX_NESTING: usize = 16;

/// One source cell where it begins.
#[derive(Debug, Clone)]
pub struct Origin {
    /// 1-based table number in the document.
    pub table: usize,
    /// 1-based row within its source table.
    pub src_row: usize,
    /// Row in the (possibly joined) sheet, 0-based.
    pub row: usize,
    /// Column where it starts, 0-based.
    pub col: usize,
    /// Columns covered.
    pub col_span: usize,
    /// Text as the reader gave it.
    pub text: String,
    /// [`key`] of the text, for matching header words.
    pub key: String,
    /// Its row is hidden in the source (an Excel hidden row).
    pub hidden: bool,
}

/// A table (or a table and its continuations) as a dense grid of references to origins.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The origins, in reading order.
    pub cells: Vec<Origin>,
    /// `grid[row][col]` is the index of the origin covering that position.
    grid: Vec<Vec<Option<usize>>>,
    /// Whether each origin was placed into the report (or recognised as a label).
    pub placed: Vec<bool>,
    /// Number of columns.
    pub width: usize,
    /// Rows or nested tables beyond the limits were not read.
    pub truncated: bool,
}

impl Sheet {
    /// Lays out table number `table_no` (1-based).
    pub fn new(table: &grid::Table, table_no: usize) -> Sheet {
        let mut sheet = Sheet::default();
        sheet.append(table, table_no);
        sheet
    }

    /// Appends the rows of another table (a continuation) below.
    pub fn append(&mut self, table: &grid::Table, table_no: usize) {
        let width = table
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.col.saturating_add(c.col_span.max(1))))
            .max()
            .unwrap_or(0)
            .min(MAX_CELLS);
        self.width = self.width.max(width);
        let base = self.grid.len();
        for (r, row) in table.rows.iter().enumerate() {
            if (base + r + 1).saturating_mul(self.width.max(1)) > MAX_CELLS {
                // Past the layout limit the cells are still kept, as leftovers.
                self.truncated = true;
                for cell in &row.cells {
                    if self.cells.len() >= MAX_CELLS {
                        return;
                    }
                    let col = cell.col.min(MAX_CELLS);
                    self.cells.push(Origin { table: table_no, src_row: r + 1, row: usize::MAX, col, col_span: 1, text: cell.text.clone(), key: key(&cell.text), hidden: row.hidden });
                    self.placed.push(false);
                }
                continue;
            }
            while self.grid.len() <= base + r {
                self.grid.push(vec![None; self.width]);
            }
            for cell in &row.cells {
                // Bounded so no position arithmetic below can overflow on hostile spans.
                let col = cell.col.min(MAX_CELLS);
                let col_span = cell.col_span.clamp(1, MAX_CELLS);
                let index = self.cells.len();
                self.cells.push(Origin { table: table_no, src_row: r + 1, row: base + r, col, col_span, text: cell.text.clone(), key: key(&cell.text), hidden: row.hidden });
                self.placed.push(false);
                let rows = cell.row_span.max(1).min(table.rows.len().saturating_sub(r).max(1));
                for rr in base + r..base + r + rows {
                    while self.grid.len() <= rr {
                        if (self.grid.len() + 1).saturating_mul(self.width.max(1)) > MAX_CELLS {
                            break;
                        }
                        self.grid.push(vec![None; self.width]);
                    }
                    let Some(line) = self.grid.get_mut(rr) else { break };
                    for c in col..(col + col_span).min(self.width) {
                        if let Some(slot) = line.get_mut(c) {
                            *slot = Some(index);
                        }
                    }
                }
                self.add_nested(&cell.nested, table_no, r + 1, col, 0);
            }
        }
    }

    /// Tables nested in a cell are rare in 自评表: their cells are kept (as leftovers, never
    /// placed), however deep, up to a depth no real document reaches.
    fn add_nested(&mut self, tables: &[grid::Table], table_no: usize, src_row: usize, col: usize, depth: usize) {
        if depth >= MAX_NESTING {
            if !tables.is_empty() {
                self.truncated = true;
            }
            return;
        }
        for nested in tables {
            for (nr, nrow) in nested.rows.iter().enumerate() {
                for ncell in &nrow.cells {
                    if self.cells.len() >= MAX_CELLS {
                        self.truncated = true;
                        return;
                    }
                    self.cells.push(Origin {
                        table: table_no,
                        src_row: src_row + nr.min(MAX_CELLS),
                        row: usize::MAX,
                        col: col + ncell.col.min(MAX_CELLS),
                        col_span: 1,
                        text: ncell.text.clone(),
                        key: key(&ncell.text),
                        hidden: false,
                    });
                    self.placed.push(false);
                    self.add_nested(&ncell.nested, table_no, src_row + nr.min(MAX_CELLS), col, depth + 1);
                }
            }
        }
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.grid.len()
    }

    /// The origin covering (row, col).
    pub fn at(&self, row: usize, col: usize) -> Option<usize> {
        self.grid.get(row)?.get(col).copied().flatten()
    }

    /// The distinct origins covering row `row`, left to right (cells merged from above included).
    pub fn row(&self, row: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        if let Some(line) = self.grid.get(row) {
            // An origin covers contiguous columns, so duplicates are neighbours.
            for i in line.iter().flatten() {
                if out.last() != Some(i) {
                    out.push(*i);
                }
            }
        }
        out
    }

    /// The origins that begin in row `row` and hold text.
    pub fn starting(&self, row: usize) -> Vec<usize> {
        self.row(row).into_iter().filter(|&i| self.cells[i].row == row && !self.cells[i].key.is_empty()).collect()
    }

    /// Marks an origin as placed.
    pub fn place(&mut self, index: usize) {
        if let Some(p) = self.placed.get_mut(index) {
            *p = true;
        }
    }

    /// The first origin in `row` (starting there) whose key satisfies `pred`.
    pub fn find_in_row(&self, row: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.starting(row).into_iter().find(|&i| pred(&self.cells[i].key))
    }

    /// The origin right of `index` in its row (the value next to a label), skipping nothing.
    pub fn right_of(&self, index: usize) -> Option<usize> {
        let cell = &self.cells[index];
        self.at(cell.row, cell.col + cell.col_span)
    }

    /// All text of the sheet, keys joined (for layout signals).
    pub fn all_keys(&self) -> String {
        self.cells.iter().map(|c| c.key.as_str()).collect::<Vec<_>>().join("|")
    }
}

/// Text for matching: full-width forms to half-width, every kind of space and line break
/// removed ("实 施 单 位" → "实施单位", "（万元）" → "(万元)").
pub fn key(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '／' => '/',
            '＊' | '×' => '*',
            _ => jixiao_model::num::normalize_char(c),
        })
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{3000}')
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// A short value on one line: lines joined, spaces next to Chinese characters dropped, other
/// runs of spaces collapsed ("经费支出\n管理" → "经费支出管理", "2025 年 6 月" → "2025年6月").
pub fn one_line(text: &str) -> String {
    let joined: Vec<char> = text.replace('\u{a0}', " ").split('\n').map(str::trim).collect::<Vec<_>>().join("\n").chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < joined.len() {
        let c = joined[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < joined.len() && joined[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().last();
            let after = joined.get(j).copied();
            let glue = match (before, after) {
                (Some(b), Some(a)) => !(is_cjk(b) || is_cjk(a)),
                _ => false,
            };
            if glue {
                out.push(' ');
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A long text (goals, analyses): lines trimmed, empty lines dropped, line breaks kept.
pub fn block(text: &str) -> String {
    text.replace('\u{a0}', " ").split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A cell that stands for "nothing here" in templates: "/", "—", "-", "无" (in number columns),
/// "……", "指标2：" with nothing else.
pub fn is_blank_marker(key: &str) -> bool {
    if key.is_empty() || key.chars().all(|c| matches!(c, '/' | '\\' | '-' | '—' | '–' | '…' | '.' | '、' | '*')) {
        return true;
    }
    // "指标2:", "指标 3：", "三级指标1" left from the template.
    // "指标1:/": a template name with a marker after it.
    let body = key.trim_end_matches([':', '/', '\\', '-', '—', '–', '…', '.', '、', '*']);
    if let Some(rest) = body.strip_prefix("指标").or_else(|| body.strip_prefix("三级指标")) {
        return rest.chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// A blank-marker row or an empty cell, in a number column ("无" counts as blank there).
pub fn is_blank_number(key: &str) -> bool {
    is_blank_marker(key) || key == "无"
}

/// A 分值 / 得分 cell as a number: "5分" → "5" (the unit the column already states); any other
/// text is returned as it is, for the number parser to accept or refuse.
pub fn points(text: &str) -> String {
    let k = key(text);
    match k.strip_suffix('分') {
        Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.') => n.to_string(),
        _ => text.to_string(),
    }
}

/// The weight written in a label: "产出指标(50分)" → ("产出指标", Some("50")).
pub fn split_weight(text: &str) -> (String, Option<String>) {
    let k = key(text);
    let Some(open) = k.rfind('(') else { return (one_line(text), None) };
    let inner = &k[open + 1..];
    let inner = inner.strip_suffix(')').unwrap_or(inner);
    let Some(number) = inner.strip_suffix('分') else { return (one_line(text), None) };
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return (one_line(text), None);
    }
    (k[..open].to_string(), Some(number.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_helpers_normalise_as_the_tables_are_written() {
        assert_eq!(key("实 施 单 位 "), "实施单位");
        assert_eq!(key("年度预 算申请 （万元）"), "年度预算申请(万元)");
        assert_eq!(one_line("经费支出\n管理"), "经费支出管理");
        assert_eq!(one_line("2025 年 6 月 24 日"), "2025年6月24日");
        assert_eq!(one_line("刘  倩"), "刘倩");
        assert_eq!(one_line("abc  def"), "abc def");
        assert_eq!(split_weight("产出指标\n(50分)"), ("产出指标".to_string(), Some("50".to_string())));
        assert_eq!(split_weight("产出指标（50分）"), ("产出指标".to_string(), Some("50".to_string())));
        assert_eq!(split_weight("满意度 (10分)"), ("满意度".to_string(), Some("10".to_string())));
        assert_eq!(split_weight("数量指标"), ("数量指标".to_string(), None));
        for blank in ["/", "—", "……", "指标2:", "", "--", "指标1:/", "指标3:……"] {
            assert!(is_blank_marker(blank), "{blank}");
        }
        assert!(!is_blank_marker("无"));
        assert_eq!(points("5分"), "5");
        assert_eq!(points("９８．５ 分"), "98.5");
        assert_eq!(points("满分"), "满分");
        assert_eq!(points("96"), "96");
        assert!(is_blank_number("无"));
        assert!(!is_blank_marker("指标值"));
    }
}
