//! The column heads of a scored table's indicator rows: which header words name which field,
//! and heads written over two or three rows ("年度" over "指标值", or a merged "指标值" over
//! 年度指标值 | 全年实际值) joined into one name per column.
//!
//! Guarantees: a row below the header row is read as more header only when its cells hold no
//! figure, each joined with the head above names a field, and the header shows it is one (heads
//! merged down over it, or a merged head over its cells); a column is given to the first head
//! that names its field.

use super::sheet::Sheet;

pub use jixiao_model::exchange::found::Col;

/// The column a header word names (variants of every region).
pub fn column(k: &str) -> Option<Col> {
    Some(if k.contains("一级指标") {
        Col::Level1
    } else if k.contains("二级指标") {
        Col::Level2
    } else if k.contains("三级指标") || k.starts_with("指标名称") {
        Col::Name
    } else if k.contains("指标性质") {
        Col::Nature
    } else if k.contains("度量单位") || k.contains("计量单位") {
        Col::Unit
    } else if k.contains("复核") {
        Col::Review
    } else if k.contains("得分系数") {
        Col::Coefficient
    } else if k.contains("核心指标") {
        Col::Core
    } else if k.contains("评分标准") || k.contains("指标解释") || k.contains("评分细则") || k.contains("评分办法") {
        Col::Criterion
    } else if k.contains("实际") || k.contains("完成值") || k.contains("完成情况") {
        Col::Actual
    } else if k.contains("调整") && k.contains("指标值") {
        Col::Adjusted
    } else if k.contains("指标值") || k.contains("目标值") || k.starts_with("年度指标") {
        Col::Target
    } else if k.contains("分值") || k.contains("权重") {
        Col::Weight
    } else if k.contains("得分") || k.contains("自评分") {
        Col::Score
    } else if k.contains("原因") || k.contains("改进措施") {
        Col::Reason
    } else {
        return None;
    })
}

/// Whether the row's words make it the head of indicator rows.
pub fn is_header(keys: &[String]) -> bool {
    let has = |w: &str| keys.iter().any(|k| k.contains(w));
    has("三级指标") || (has("一级指标") && has("二级指标")) || (keys.iter().any(|k| k.starts_with("指标名称")) && (has("权重") || has("得分系数") || has("指标得分")))
}

/// The columns named by the header starting at row `r`, and the last row of the header (more
/// than `r` when heads are written over two or three rows).
pub fn read(sheet: &Sheet, r: usize) -> (Vec<(usize, Col)>, usize) {
    let mut last = r;
    while last + 1 < sheet.height() && last < r + 2 && continues(sheet, r, last + 1) {
        last += 1;
    }
    let mut found: Vec<(usize, Col)> = Vec::new();
    for c in 0..sheet.width {
        let Some(name) = name_of(sheet, r, last, c) else { continue };
        if let Some(col) = column(&name) {
            if !found.iter().any(|(_, k)| *k == col) {
                found.push((c, col));
            }
        }
    }
    (found, last)
}

/// The keys of the header cells over column `c` in rows `r..=last`, joined (cells starting
/// above the header are not part of it).
pub fn name_of(sheet: &Sheet, r: usize, last: usize, c: usize) -> Option<String> {
    let mut seen: Vec<usize> = Vec::new();
    for row in r..=last {
        if let Some(i) = sheet.at(row, c).filter(|&i| sheet.cells[i].row >= r && sheet.cells[i].row <= last) {
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
    }
    // A merged cell that merely continues from the left is named once, at its first column.
    let first = *seen.first()?;
    if sheet.cells[first].col != c && seen.len() == 1 {
        return None;
    }
    Some(seen.iter().map(|&i| sheet.cells[i].key.as_str()).collect())
}

/// Whether row `n` continues the header rows `r..n`: heads of other columns are merged down
/// over it, or every cell starting in it stands under a head merged over more columns or under
/// a head that alone names no field; the joined words name a field; no cell holds a figure.
fn continues(sheet: &Sheet, r: usize, n: usize) -> bool {
    let cells = sheet.starting(n);
    if cells.is_empty() {
        return false;
    }
    // Heads of other columns merged down over this row ("一级指标" over two rows) make it part
    // of the header.
    let merged_down = sheet.row(n).into_iter().any(|i| {
        let c = &sheet.cells[i];
        c.row >= r && c.row < n && column(&c.key).is_some()
    });
    cells.iter().all(|&i| {
        let cell = &sheet.cells[i];
        if cell.key.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        let Some(above) = sheet.at(n - 1, cell.col).filter(|&a| a != i && sheet.cells[a].row >= r) else { return false };
        let head = &sheet.cells[above];
        let joined = format!("{}{}", head.key, cell.key);
        (merged_down || head.col_span > cell.col_span || column(&head.key).is_none()) && column(&joined).is_some()
    })
}

/// The columns found by their heads with the hand-made assignments for table `table_no` put
/// over them: an assigned column reads as its field (taking that field from any other column),
/// a column assigned to nothing is dropped.
pub fn overridden(mut found: Vec<(usize, Col)>, overrides: &[(usize, usize, Option<Col>)], table_no: usize) -> Vec<(usize, Col)> {
    for &(table, column, col) in overrides.iter().filter(|o| o.0 == table_no) {
        let _ = table;
        found.retain(|&(c, k)| c != column && Some(k) != col);
        if let Some(col) = col {
            found.push((column, col));
        }
    }
    found
}

/// The header's words (the key files with the same header share) and each column under a head
/// with the field it was read as.
pub fn describe(sheet: &Sheet, h: usize, last: usize, columns: &[(usize, Col)]) -> (String, Vec<super::Column>) {
    let words: Vec<String> = (h..=last).flat_map(|r| sheet.starting(r)).map(|i| sheet.cells[i].key.clone()).collect();
    let described = (0..sheet.width)
        .filter_map(|c| {
            let head = name_of(sheet, h, last, c)?;
            let field = columns.iter().find(|(x, _)| *x == c).map(|(_, k)| k.field()).unwrap_or_default();
            Some(super::Column { column: c + 1, head, field: field.to_string() })
        })
        .collect();
    (words.join("|"), described)
}

/// The figures the columns hold that were not read, in words, one sentence per column: a column
/// whose head names a figure (实际完成值, 分值, 得分 …, or any head with 值 / 分 / 率) with
/// cells in the indicator rows (below the header `h..=last`, above the total row) that were
/// not placed: "3 个实际完成值未读入（第 5 列）".
pub fn unread(sheet: &Sheet, h: usize, last: usize, total: Option<usize>, columns: &[(usize, Col)]) -> Vec<String> {
    let end = total.unwrap_or(sheet.height()).min(sheet.height());
    let mut out = Vec::new();
    for c in 0..sheet.width {
        let Some(name) = name_of(sheet, h, last, c) else { continue };
        let assigned = columns.iter().find(|(x, _)| *x == c).map(|(_, k)| *k);
        let label = match assigned.or_else(|| column(&name)) {
            Some(k) if matches!(k, Col::Target | Col::Adjusted | Col::Actual | Col::Weight | Col::Score | Col::Review | Col::Coefficient) => {
                if assigned.is_some() { k.label().to_string() } else { format!("“{name}”") }
            }
            Some(_) => continue,
            None if name.contains('值') || name.contains('分') || name.contains('率') => format!("“{name}”"),
            None => continue,
        };
        let mut count = 0;
        for row in last + 1..end {
            let Some(i) = sheet.at(row, c) else { continue };
            let cell = &sheet.cells[i];
            // Each origin starts in one row: counted once.
            if cell.row != row || cell.col != c {
                continue;
            }
            if !sheet.placed[i] && !super::sheet::is_blank_number(&cell.key) {
                count += 1;
            }
        }
        if count > 0 {
            out.push(format!("{count} 个{label}未读入（第 {} 列）", c + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::sheet::key;

    #[test]
    fn indicator_header_words_in_every_wording() {
        for (words, col) in [
            ("年度指标值", Col::Target),
            ("年初目标值（A）", Col::Target),
            ("指标值", Col::Target),
            ("年度指标", Col::Target),
            ("实际完成值", Col::Actual),
            ("全年实际值", Col::Actual),
            ("实际完成值（B）", Col::Actual),
            ("完成值", Col::Actual),
            ("全年完成值", Col::Actual),
            ("分值", Col::Weight),
            ("权重", Col::Weight),
            ("指标权重", Col::Weight),
            ("得分", Col::Score),
            ("自评分", Col::Score),
            ("指标得分", Col::Score),
            ("复核分", Col::Review),
            ("得分系数", Col::Coefficient),
            ("调整指标值", Col::Adjusted),
            ("年初指标值", Col::Target),
            ("是否核心指标", Col::Core),
            ("评分标准", Col::Criterion),
            ("指标名称", Col::Name),
            ("偏差原因分析 及改进措施", Col::Reason),
            ("未完成原因", Col::Reason),
            ("指标性质", Col::Nature),
            ("度量单位", Col::Unit),
            ("三级\n指标", Col::Name),
            ("年度指标值", Col::Target),
            ("指标值全年实际值", Col::Actual),
        ] {
            assert_eq!(column(&key(words)), Some(col), "{words}");
        }
        assert_eq!(Col::from_name("实际完成值"), Some(Col::Actual));
        assert_eq!(Col::from_name("actual"), Some(Col::Actual));
        assert_eq!(Col::from_name("target"), Some(Col::Target));
    }
}
