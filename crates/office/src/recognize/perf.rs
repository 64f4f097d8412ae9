//! The scored 自评表 in its regional layouts: Hunan / central (一级 weights in the 一级 cell,
//! 分值 column), Hubei (rows grouped under "年度绩效目标 N：（w分）", 年初目标值(A) /
//! 实际完成值(B), no 分值 column), Sichuan (指标性质 / 指标值 / 度量单位, 权重).
//!
//! Guarantees: columns are found by header words, repeated header rows are skipped, merged
//! 一级/二级 cells fill down, empty template rows are skipped, declared figures are kept as
//! written; a cell is marked placed only when its text went into the report (or it is a label).

use rust_decimal::Decimal;

use super::lines::{apply, apply_line, Context};
use super::sheet::{block, is_blank_marker, is_blank_number, key, one_line, points, split_weight, Sheet};
use super::heads::{self, Col};
use super::{budget, put, Found};
use jixiao_model::edit;
use jixiao_model::report::{Goal, Indicator, PerfTable, TableKind};

/// Labels of single-value rows: (words the label starts with, field of the table).
const INFO: &[(&str, &str)] = &[
    ("市级预算部门名称", "name"),
    ("预算部门名称", "name"),
    ("部门(单位)名称", "name"),
    ("部门名称", "name"),
    ("单位名称", "name"),
    ("项目支出名称", "name"),
    ("项目名称", "name"),
    ("主管部门", "supervisor"),
    ("实施单位", "implementer"),
    ("项目编码", "code"),
    ("基本支出总额", "budget.basic"),
    ("项目支出总额", "budget.project"),
    ("偏差大", "deviation_analysis"),
    ("存在问题", "deviation_analysis"),
    ("存在的问题", "deviation_analysis"),
    ("改进措施", "improvement"),
];

/// The field a label names ("2.项目实施内容及过程概述" is a label without a field: "").
fn info(k: &str) -> Option<&'static str> {
    let bare = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、');
    if bare.starts_with("项目实施内容") || bare.ends_with("概述") && bare.chars().count() <= 14 {
        return Some("");
    }
    INFO.iter().find(|(w, _)| bare.starts_with(w) && bare.chars().count() <= w.chars().count() + 12 && !bare.contains(':')).map(|(_, f)| *f)
}

/// Rows that end the indicator rows' reading (they are read by their label).
fn is_total(k: &str) -> bool {
    ["总分", "合计", "综合得分", "绩效自评综合得分", "自评得分", "总得分"].iter().any(|w| k.starts_with(w))
}

/// Reads one scored table (and the lines around it) into the report.
pub fn read(cx: &mut Context, sheet: &mut Sheet, table_no: usize, before: &str) {
    let head = (0..sheet.height().min(3)).map(|r| sheet.row(r).iter().map(|&i| sheet.cells[i].key.clone()).collect::<String>()).collect::<String>();
    let all = sheet.all_keys();
    let project = (cx.pending_project.is_some() || before.contains("项目支出绩效自评表") || head.contains("项目支出绩效自评表") || all.contains("项目名称") || all.contains("项目支出名称"))
        && !all.contains("部门名称");
    let path = if project || cx.report.overall.is_some() {
        cx.report.projects.push(PerfTable { kind: TableKind::Project, ..PerfTable::default() });
        format!("projects[{}]", cx.report.projects.len() - 1)
    } else {
        cx.report.overall = Some(PerfTable::default());
        "overall".to_string()
    };
    for (field, value) in std::mem::take(&mut cx.pending) {
        apply(cx, Some(&path), field, &value);
    }
    if let Some(name) = cx.pending_project.take() {
        put(cx, &format!("{path}.name"), &name);
    }
    if let Some(unit) = cx.pending_unit.take() {
        put(cx, &format!("{path}.unit"), unit);
    }
    super::lines::take_heading(cx, &path);

    let mut columns: Vec<(usize, Col)> = Vec::new();
    // The header rows and the row of the total, for saying what was not read.
    let mut header: Option<(usize, usize)> = None;
    let mut total_row: Option<usize> = None;
    let mut goal: Option<usize> = None;
    let mut after_total = false;
    let mut r = 0;
    while r < sheet.height() {
        let cells = sheet.starting(r);
        for &i in &cells {
            if let Some(unit) = budget::unit_line(&sheet.cells[i].key) {
                put(cx, &format!("{path}.unit"), unit);
                sheet.place(i);
            }
        }
        let cells: Vec<usize> = cells.into_iter().filter(|&i| !sheet.placed[i]).collect();
        let Some(&first) = cells.first() else {
            r += 1;
            continue;
        };
        let first_key = sheet.cells[first].key.clone();
        let row_keys: Vec<String> = cells.iter().map(|&i| sheet.cells[i].key.clone()).collect();

        // Title row inside the table ("部门预算项目支出绩效自评表（2024年度）", "三、部门…自评情况").
        let attachment = super::lines::attachment_label(&first_key);
        if cells.len() == 1 && (first_key.contains("自评表") || first_key.contains("自评情况") || attachment.is_some()) {
            // A sheet's own 附件 label and title rows are the form's, as printed.
            if let Some(label) = &attachment {
                put(cx, &format!("{path}.form_label"), label);
            } else if super::lines::is_form_title(&first_key) {
                put(cx, &format!("{path}.form_title"), &one_line(&sheet.cells[first].text));
            }
            sheet.place(first);
            r += 1;
            continue;
        }
        // "部门：…" / "项目名称：…" written in a row of its own (a sheet's title rows).
        if cells.len() == 1 && columns.is_empty() {
            let line = super::lines::name_line(&first_key, &sheet.cells[first].text);
            let placed = match line {
                Some(super::lines::NameLine::Department(v)) => {
                    cx.signals.departments.insert(0, v);
                    true
                }
                Some(super::lines::NameLine::Project(v)) => put(cx, &format!("{path}.name"), &v),
                None => false,
            };
            if placed {
                sheet.place(first);
                r += 1;
                continue;
            }
        }
        // Indicator header (the first, or a repeat in goal-grouped tables), over one to three rows.
        if heads::is_header(&row_keys) {
            let (found, last) = heads::read(sheet, r);
            for row in r..=last {
                for i in sheet.starting(row) {
                    sheet.place(i); // header words and the row label ("绩效指标（90分）")
                }
            }
            if found.iter().any(|(_, c)| *c == Col::Nature) {
                cx.signals.nature_columns = true;
            }
            columns = heads::overridden(found, &cx.overrides, table_no);
            header = Some((r, last));
            after_total = false;
            r = last + 1;
            continue;
        }
        // 年度绩效目标 N：（w分）title (numbered, so a 年度绩效目标 label over 预期/实际 is not one).
        let numbered_goal = first_key.strip_prefix("年度绩效目标").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        if numbered_goal {
            let text: Vec<String> = cells.iter().map(|&i| one_line(&sheet.cells[i].text)).collect();
            goal = Some(read_goal(cx, &path, &text.join("")));
            cx.signals.goals = true;
            for &i in &cells {
                sheet.place(i);
            }
            r += 1;
            continue;
        }
        // The budget block comes before the indicator rows in every layout.
        if columns.is_empty() && budget::is_header(sheet, r) {
            r = budget::read(cx, sheet, r, &path) + 1;
            continue;
        }
        if is_total(&first_key) {
            total_row = total_row.or(Some(r));
            read_total(cx, sheet, r, first, &columns, &path);
            after_total = true;
            r += 1;
            continue;
        }
        if first_key.starts_with("评价等次") || first_key.starts_with("自评等级") || first_key.starts_with("等次") {
            let value = sheet.right_of(first).map(|i| (i, one_line(&sheet.cells[i].text)));
            sheet.place(first);
            let text = value.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
            if put(cx, &format!("{path}.declared_grade"), &text) {
                if let Some((i, _)) = value {
                    sheet.place(i);
                }
            }
            r += 1;
            continue;
        }
        // 年度总体目标 / 项目年度目标: labels in this row, texts in the next.
        if let Some(done) = read_goal_texts(cx, sheet, r, &path) {
            r = done;
            continue;
        }
        let mut handled = false;
        let in_rows = !columns.is_empty() && !after_total;
        let first_is_label = info(&first_key).is_some() || !super::lines::fields(&sheet.cells[first].text).is_empty();
        let candidates = if in_rows && !first_is_label { Vec::new() } else { cells.clone() };
        for &i in &candidates {
            let k = sheet.cells[i].key.clone();
            if let Some(field) = info(&k) {
                handled = true;
                sheet.place(i);
                if field.is_empty() {
                    continue;
                }
                let Some(v) = sheet.right_of(i).filter(|&v| sheet.cells[v].row == r) else { continue };
                let text = sheet.cells[v].text.clone();
                let text = if field.starts_with("deviation") || field.starts_with("improvement") { block(&text) } else { one_line(&text) };
                if text.is_empty() {
                    continue;
                }
                if field == "name" && split_code(cx, &path, &text) {
                    sheet.place(v);
                    continue;
                }
                if put(cx, &format!("{path}.{field}"), &text) {
                    sheet.place(v);
                    if field == "name" && !project {
                        cx.signals.departments.push(department_of(&text));
                    }
                    if field == "implementer" || field == "supervisor" {
                        cx.signals.departments.push(text.trim_end_matches("部门").to_string());
                    }
                }
            } else if apply_cells_line(cx, sheet, i, &path) {
                handled = true;
            }
        }
        let wide = cells.iter().any(|&i| sheet.cells[i].col_span.saturating_mul(2) > sheet.width);
        if !handled && in_rows && !wide {
            read_row(cx, sheet, r, &columns, &path, goal);
        }
        r += 1;
    }
    if goal.is_some() {
        fill_goal_weights(cx, &path, &columns, table_no);
    }
    super::weights::share(cx, &path, table_no);
    super::weights::no_budget_block(cx, &path, table_no);
    let unread = header.map(|(h, last)| heads::unread(sheet, h, last, total_row, &columns)).unwrap_or_default();
    let (header_words, described) = header.map(|(h, last)| heads::describe(sheet, h, last, &columns)).unwrap_or_default();
    let name = edit::get(&cx.report, &format!("{path}.name"));
    let what = if project {
        if name.is_empty() { "项目支出绩效自评表".to_string() } else { format!("项目支出绩效自评表：{name}") }
    } else {
        "部门整体支出绩效自评表".to_string()
    };
    cx.found.push(Found { what, path: path.clone(), table: table_no, unread, header: header_words, columns: described });
    cx.last_table = Some(path);
}

/// "项目负责人：廖雅慧" and 填表人 lines inside a cell.
fn apply_cells_line(cx: &mut Context, sheet: &mut Sheet, i: usize, path: &str) -> bool {
    let text = sheet.cells[i].text.clone();
    let fields = super::lines::fields(&text);
    if fields.is_empty() {
        return false;
    }
    let saved = (cx.last_table.replace(path.to_string()), cx.last_was_scored);
    cx.last_was_scored = true;
    let all = apply_line(cx, &text);
    (cx.last_table, cx.last_was_scored) = saved;
    if all {
        sheet.place(i);
    }
    true
}

/// Sichuan writes 项目名称 as "51090422T000000386793-劳模经费": code and name.
fn split_code(cx: &mut Context, path: &str, text: &str) -> bool {
    let Some((code, name)) = text.split_once(['-', '－', '—']) else { return false };
    let is_code = code.len() >= 6 && code.chars().all(|c| c.is_ascii_alphanumeric());
    is_code && put(cx, &format!("{path}.code"), code) && put(cx, &format!("{path}.name"), name.trim())
}

/// "岳阳市总工会整体支出" → "岳阳市总工会".
fn department_of(name: &str) -> String {
    name.trim_end_matches("整体支出").trim_end_matches("部门整体").to_string()
}

/// Adds the goal "年度绩效目标 1：（5分）积极开展…" and returns its index.
fn read_goal(cx: &mut Context, path: &str, text: &str) -> usize {
    let Some(t) = edit::table_mut(&mut cx.report, path) else { return 0 };
    t.goals.push(Goal::default());
    let g = t.goals.len() - 1;
    let (weight, title) = split_goal(text);
    put(cx, &format!("{path}.goals[{g}].title"), &title);
    if let Some(weight) = weight {
        put(cx, &format!("{path}.goals[{g}].weight"), &weight);
    }
    g
}

/// "年度绩效目标 1：（5分）积极开展…" or "年度绩效目标1：积极开展…（5分）" → (weight, title).
fn split_goal(text: &str) -> (Option<String>, String) {
    let flat = one_line(text);
    let body = match flat.split_once(['：', ':']) {
        Some((head, rest)) if head.starts_with("年度绩效目标") => rest.trim().to_string(),
        _ => flat.trim_start_matches("年度绩效目标").trim_start_matches(|c: char| c.is_ascii_digit()).trim().to_string(),
    };
    // The first parenthesised group that reads "w分" is the weight; the rest is the title.
    let mut from = 0;
    while let Some(o) = body[from..].find(['（', '(']).map(|o| o + from) {
        let Some(c) = body[o..].find(['）', ')']).map(|c| c + o) else { break };
        let open_len = body[o..].chars().next().map(char::len_utf8).unwrap_or(1);
        let inner = key(&body[o + open_len..c]);
        if let Some(number) = inner.strip_suffix('分').filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.')) {
            let close_len = body[c..].chars().next().map(char::len_utf8).unwrap_or(1);
            let title = format!("{}{}", &body[..o], &body[c + close_len..]);
            return (Some(number.to_string()), title.trim().to_string());
        }
        from = c;
    }
    (None, body)
}

/// The 总分 / 合计 / 综合得分 row: the 得分 column (or the cell right of the label) is the
/// declared total; a figure in the 分值 column that equals the weights' sum is the printed sum.
fn read_total(cx: &mut Context, sheet: &mut Sheet, r: usize, label: usize, columns: &[(usize, Col)], path: &str) {
    sheet.place(label);
    let at = |col: Col| columns.iter().find(|(_, c)| *c == col).map(|(x, _)| *x);
    let score_cell = match at(Col::Score) {
        Some(c) => sheet.at(r, c).filter(|&i| i != label),
        None => sheet.right_of(label),
    };
    if let Some(i) = score_cell {
        let text = sheet.cells[i].text.clone();
        if is_blank_number(&sheet.cells[i].key) || put(cx, &format!("{path}.declared_total"), &points(&text)) {
            sheet.place(i);
        }
    }
    if let Some(i) = at(Col::Review).and_then(|c| sheet.at(r, c)).filter(|&i| Some(i) != score_cell && i != label && sheet.cells[i].row == r) {
        let text = sheet.cells[i].text.clone();
        if is_blank_number(&sheet.cells[i].key) || put(cx, &format!("{path}.reviewed_total"), &points(&text)) {
            sheet.place(i);
        }
    }
    // "总分 | 95 | 评价等次 | 优" on one row.
    if let Some(g) = sheet.find_in_row(r, |k| k.starts_with("评价等次") || k.starts_with("自评等级") || k.starts_with("等次")) {
        sheet.place(g);
        if let Some(v) = sheet.right_of(g).filter(|&v| sheet.cells[v].row == r) {
            if put(cx, &format!("{path}.declared_grade"), &one_line(&sheet.cells[v].text)) {
                sheet.place(v);
            }
        }
    }
    if let Some(i) = at(Col::Weight).and_then(|c| sheet.at(r, c)).filter(|&i| Some(i) != score_cell && i != label) {
        let printed = jixiao_model::num::parse_decimal(&sheet.cells[i].text).ok();
        let sum = edit::table(&cx.report, path).map(|t| {
            let rows = t.indicators.iter().chain(t.goals.iter().flat_map(|g| g.indicators.iter()));
            rows.filter_map(|x| x.weight).sum::<Decimal>() + t.budget.weight.unwrap_or_default()
        });
        if printed.is_some() && printed == sum {
            sheet.place(i);
        }
    }
}

/// 年度总体目标 (预期目标 | 实际完成情况) or Sichuan's 项目年度目标 | 年度目标完成情况: texts
/// in the row below the labels. Returns the row after the block when this is one.
fn read_goal_texts(cx: &mut Context, sheet: &mut Sheet, r: usize, path: &str) -> Option<usize> {
    let cells = sheet.starting(r);
    let is_expected = |k: &str| {
        k == "预期目标" || k.ends_with("年度目标") && !k.contains("完成") || k == "年度总体目标预期" || k.contains("设定目标") || k == "年初目标" || k == "目标内容"
    };
    let is_actual = |k: &str| k.starts_with("实际完成") || k.contains("目标完成情况") || k.starts_with("实际") || k.starts_with("全年实际") || k == "完成情况";
    let expected = cells.iter().copied().find(|&i| is_expected(&sheet.cells[i].key))?;
    let actual = cells.iter().rev().copied().find(|&i| i != expected && is_actual(&sheet.cells[i].key));
    // In rows: "年初设定目标 | text" over "全年实际完成情况 | text".
    if actual.is_none() {
        let value = sheet.right_of(expected).filter(|&v| sheet.cells[v].row == r && !sheet.cells[v].key.is_empty());
        let below = sheet.starting(r + 1).into_iter().find(|&i| is_actual(&sheet.cells[i].key));
        if let (Some(value), Some(below)) = (value, below) {
            for &i in &cells {
                if sheet.cells[i].key.contains("总体目标") || i == expected {
                    sheet.place(i);
                }
            }
            sheet.place(below);
            for (v, field) in [(Some(value), "goal_expected"), (sheet.right_of(below).filter(|&v| sheet.cells[v].row == r + 1), "goal_actual")] {
                let Some(v) = v else { continue };
                let text = block(&sheet.cells[v].text);
                if text.is_empty() || put(cx, &format!("{path}.{field}"), &text) {
                    sheet.place(v);
                }
            }
            return Some(r + 2);
        }
    }
    for &i in &cells {
        let k = &sheet.cells[i].key;
        if i == expected || Some(i) == actual || k.contains("总体目标") || k.contains("基本情况") || k.contains("目标完成情况") {
            sheet.place(i);
        }
    }
    for (label, field) in [(Some(expected), "goal_expected"), (actual, "goal_actual")] {
        let Some(label) = label else { continue };
        let col = sheet.cells[label].col;
        if let Some(v) = sheet.at(r + 1, col).filter(|&v| sheet.cells[v].row == r + 1) {
            let text = block(&sheet.cells[v].text);
            if text.is_empty() || put(cx, &format!("{path}.{field}"), &text) {
                sheet.place(v);
            }
        }
    }
    // Row labels covering the value row ("年度总体目标" merged down) are labels too.
    for i in sheet.row(r + 1) {
        if sheet.cells[i].row < r + 1 {
            sheet.place(i);
        }
    }
    Some(r + 2)
}

/// One indicator row.
fn read_row(cx: &mut Context, sheet: &mut Sheet, r: usize, columns: &[(usize, Col)], path: &str, goal: Option<usize>) {
    let value = |col: Col| -> Option<usize> {
        let (c, _) = columns.iter().find(|(_, k)| *k == col)?;
        let i = sheet.at(r, *c)?;
        let fills_down = matches!(col, Col::Level1 | Col::Level2);
        (fills_down || sheet.cells[i].row == r).then_some(i)
    };
    let own = |col: Col| value(col).filter(|&i| sheet.cells[i].row == r).map(|i| sheet.cells[i].key.clone()).unwrap_or_default();
    let content = [Col::Name, Col::Target, Col::Adjusted, Col::Actual, Col::Weight, Col::Score, Col::Review, Col::Coefficient, Col::Reason, Col::Nature, Col::Unit];
    if content.iter().all(|c| is_blank_marker(&own(*c))) {
        // An empty template row: its markers ("……", "/") are read as blank; its 一级/二级 text
        // is placed only if another row uses it.
        let levels = [Col::Level1, Col::Level2].into_iter().filter(|c| is_blank_marker(&own(*c)));
        let markers: Vec<usize> = content.iter().copied().chain([Col::Criterion, Col::Core]).chain(levels).filter_map(value).collect();
        for i in markers {
            sheet.place(i);
        }
        return;
    }
    let list = match goal {
        Some(g) => format!("{path}.goals[{g}].indicators"),
        None => format!("{path}.indicators"),
    };
    let n = {
        let Some(t) = edit::table_mut(&mut cx.report, path) else { return };
        let rows = match goal {
            Some(g) => match t.goals.get_mut(g) {
                Some(goal) => &mut goal.indicators,
                None => return,
            },
            None => &mut t.indicators,
        };
        rows.push(Indicator::default());
        rows.len() - 1
    };
    let row_path = format!("{list}[{n}]");
    let found: Vec<(Col, usize)> = columns.iter().filter_map(|&(_, col)| value(col).map(|i| (col, i))).collect();
    // No 分值 column: a weight written in the 一级 or 二级 heading is shared among its rows
    // afterwards (weights::share); the more specific heading wins.
    let headed = !columns.iter().any(|(_, c)| *c == Col::Weight);
    for (col, i) in found {
        let text = sheet.cells[i].text.clone();
        let k = sheet.cells[i].key.clone();
        let field = format!("{row_path}.{}", col.field());
        let ok = match col {
            Col::Level1 | Col::Level2 => {
                let (name, weight) = split_weight(&text);
                if let Some(w) = &weight {
                    if col == Col::Level1 {
                        declare_level1(cx, path, &name, w);
                    }
                    if headed && (col == Col::Level2 || edit::get(&cx.report, &format!("{row_path}.weight_from")).is_empty()) {
                        put(cx, &format!("{row_path}.weight_from"), &one_line(&text));
                    }
                }
                let name = if col == Col::Level1 { name } else { key(&name) };
                put(cx, &field, &name)
            }
            Col::Weight | Col::Score | Col::Review | Col::Coefficient if is_blank_number(&k) => true,
            Col::Weight | Col::Score | Col::Review | Col::Coefficient => put(cx, &field, &points(&text)),
            _ if is_blank_marker(&k) => true,
            Col::Adjusted => {
                let initial = edit::get(&cx.report, &format!("{row_path}.target"));
                let name = edit::get(&cx.report, &format!("{row_path}.name"));
                let adjusted = join_lines(&text);
                if !initial.is_empty() && initial != adjusted {
                    let row = sheet.cells[i].src_row;
                    cx.notes.push(format!("表 {} 第 {row} 行“{name}”按调整指标值 {adjusted} 计分（年初指标值 {initial}）。", sheet.cells[i].table));
                }
                put(cx, &field, &adjusted)
            }
            Col::Reason | Col::Criterion => put(cx, &field, &block(&text)),
            _ => put(cx, &field, &join_lines(&text)),
        };
        if ok {
            sheet.place(i);
        }
    }
}

/// Lines of a cell joined: no separator between Chinese text, a space elsewhere; spaces inside
/// a line kept as written ("≥30 件").
fn join_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.replace('\u{a0}', " ").split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        let ascii_edge = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric()) && line.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_edge {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Records "产出指标（50分）" once per 一级指标.
fn declare_level1(cx: &mut Context, path: &str, name: &str, weight: &str) {
    if cx.level1_declared.insert(format!("{path}\0{name}"), 0).is_some() {
        return;
    }
    let Some(t) = edit::table_mut(&mut cx.report, path) else { return };
    t.level1_weights.push(Default::default());
    let n = t.level1_weights.len() - 1;
    put(cx, &format!("{path}.level1_weights[{n}].name"), name);
    put(cx, &format!("{path}.level1_weights[{n}].weight"), weight);
}

/// Goal-grouped tables without a 分值 column print one 得分 per row and a weight per goal. When
/// a goal's row scores add up to its weight, each row's 分值 is its 得分 (the way the seeds were
/// transcribed); otherwise the weights stay blank. Either way a note says so.
fn fill_goal_weights(cx: &mut Context, path: &str, columns: &[(usize, Col)], table_no: usize) {
    if columns.iter().any(|(_, c)| *c == Col::Weight) {
        return;
    }
    let Some(t) = edit::table_mut(&mut cx.report, path) else { return };
    let mut filled = 0;
    for goal in &mut t.goals {
        let scores: Option<Vec<Decimal>> = goal.indicators.iter().map(|i| i.declared_score).collect();
        let Some(scores) = scores else { continue };
        if goal.weight.is_some() && Some(scores.iter().sum::<Decimal>()) == goal.weight && goal.indicators.iter().all(|i| i.weight.is_none()) {
            for row in &mut goal.indicators {
                row.weight = row.declared_score;
            }
            filled += 1;
        }
    }
    let goals = t.goals.len();
    cx.notes.push(if filled == goals {
        format!("表 {table_no} 没有分值列：每个年度绩效目标的指标得分合计等于目标分值，各指标的分值按其得分填入。")
    } else {
        format!("表 {table_no} 没有分值列：{} 个年度绩效目标的指标得分合计与目标分值不符，其指标分值留空，请补填。", goals - filled)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_titles_and_cell_lines() {
        assert_eq!(join_lines("≥30 件"), "≥30 件");
        let goal = |t: &str| split_goal(t);
        assert_eq!(goal("年度绩效目标 1：（5分）积极开展招商引资。"), (Some("5".into()), "积极开展招商引资。".into()));
        assert_eq!(goal("年度绩效目标 3:（10 分）坚持依法维权"), (Some("10".into()), "坚持依法维权".into()));
        assert_eq!(goal("年度绩效目标2：做好稳企保岗（含2家）工作（8分）"), (Some("8".into()), "做好稳企保岗（含2家）工作".into()));
        assert_eq!(goal("年度绩效目标4：无分值"), (None, "无分值".into()));
        assert_eq!(join_lines("经费支出\n管理"), "经费支出管理");
    }
}
