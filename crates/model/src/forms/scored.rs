//! The layout of one scored table (部门整体 or 项目, plain or grouped by 年度绩效目标): project
//! or department header, the budget block with its 其中 rows, 年度总体目标, the indicator rows
//! with merged 年度绩效目标 / 一级 / 二级 cells, 总分, 评价等次, the analysis and the 填表人 line.
//!
//! Print, Word and Excel all render this one grid; its print hints say what paper adds (column
//! classes, merged labels as one box, one kept group per 一级指标 or 年度绩效目标 when it fits
//! half a page, 总分 and 评价等次 kept together, the analysis rows kept with 填表人).
//!
//! Guarantees: one figures policy (`model::figures`) for every output. The form's cells hold
//! what the department declared (as typed, numbers in Excel), and where a declared cell is
//! blank, the computed figure; print and Word add a differing computed figure beside the
//! declared one when 附上计算结果 is asked for ("98（计算 96.90）"). Excel keeps the declared
//! columns as typed and adds 计算 columns beside the form (计算执行率, 计算预算执行得分, and a
//! 计算得分 column for every row, 总分 and 评价等次) with live formulas whose cached values are
//! the model's exact figures; the 总分 formula follows the pack's `total_rule`. A row gets a
//! formula only when the formula, evaluated here with the model's own arithmetic, gives
//! exactly the model's score; otherwise (定性, 满意度, overshoot rules) it is a plain value.

use rust_decimal::Decimal;

use super::heading::Heading;
use super::{a1, Cell, Fmt, Grid, Hint, RowKind, Xl};
use crate::measure::{Answer, Comparison, Measure};
use crate::num::{div, fmt2, mul, plain};
use super::rows::{header_weight, indicator_rows, source_label};
use crate::report::{BudgetLine, Indicator, PerfTable, TableKind};
use crate::figures::TableFigures;
use crate::rules::{BudgetFormula, Denominator, RulePack, TotalRule};
use crate::score::{RowKind as ScoreKind, RowResult, TableResult};
use crate::view::MISSING;

/// A money cell: the declared figure as written, a number in Excel.
pub fn money(col: usize, d: Option<Decimal>) -> Cell {
    match d {
        Some(v) => Cell::figure(col, plain(v), Xl::Number(v, Fmt::Fixed2)),
        None => Cell::figure(col, "", Xl::Empty),
    }
}

/// A money cell of a part that may have been written as "not applicable": "/" then.
fn money_na(col: usize, d: Option<Decimal>, marks: &[String], field: &str) -> Cell {
    not_applicable_cell(col, d, marks, field).unwrap_or_else(|| money(col, d))
}

/// The "/" cell of a number field written as not applicable, in Word and in Excel.
fn not_applicable_cell(col: usize, d: Option<Decimal>, marks: &[String], field: &str) -> Option<Cell> {
    crate::report::not_applicable_shown(d, marks, field).map(|t| Cell::figure(col, t, Xl::Text(t.into())))
}

/// The score of a row as the model computes it, from the numbers read out of its texts, for
/// the formula cells: (comparison, target value, actual value).
fn quantities(ind: &Indicator) -> Option<(Comparison, Decimal, Decimal)> {
    let target = Measure::parse(&ind.target_text());
    let t = target.primary()?;
    let actual = Measure::parse(&ind.actual);
    match actual.answer_to(t) {
        Answer::Found(a) => Some((target.comparison.unwrap_or(Comparison::AtLeast), t.value, a.value)),
        _ => None,
    }
}

/// The quantitative formula with the model's arithmetic (same operations in the same order).
fn mirror(w: Decimal, cmp: Comparison, t: Decimal, a: Decimal) -> Option<Decimal> {
    let zero = Decimal::ZERO;
    let s = match cmp {
        Comparison::AtLeast | Comparison::Above => {
            let met = if cmp == Comparison::Above { a > t } else { a >= t };
            if met {
                Some(w)
            } else if t <= zero {
                Some(zero)
            } else {
                div(a.max(zero), t).and_then(|r| mul(w, r))
            }
        }
        Comparison::AtMost | Comparison::Below => {
            let met = if cmp == Comparison::Below { a < t } else { a <= t };
            if met {
                Some(w)
            } else if a <= zero || t < zero {
                Some(zero)
            } else {
                div(t, a).and_then(|r| mul(w, r))
            }
        }
        Comparison::Equal => {
            let (lo, hi) = if a < t { (a, t) } else { (t, a) };
            if a == t {
                Some(w)
            } else if hi <= zero || lo < zero {
                Some(zero)
            } else {
                div(lo, hi).and_then(|r| mul(w, r))
            }
        }
    };
    s.map(|s| s.max(zero).min(w))
}

/// The same formula in Excel, on the weight `w`, target `t` and actual `a` cells.
fn formula(cmp: Comparison, w: &str, t: &str, a: &str) -> String {
    let inner = match cmp {
        Comparison::AtLeast | Comparison::Above => {
            let op = if cmp == Comparison::Above { ">" } else { ">=" };
            format!("IF({a}{op}{t},{w},IF({t}<=0,0,{w}*MAX({a},0)/{t}))")
        }
        Comparison::AtMost | Comparison::Below => {
            let op = if cmp == Comparison::Below { "<" } else { "<=" };
            format!("IF({a}{op}{t},{w},IF(OR({a}<=0,{t}<0),0,{w}*{t}/{a}))")
        }
        Comparison::Equal => {
            format!("IF({a}={t},{w},IF(OR(MAX({a},{t})<=0,MIN({a},{t})<0),0,{w}*MIN({a},{t})/MAX({a},{t})))")
        }
    };
    format!("MIN({w},MAX(0,{inner}))")
}

/// Column positions of a scored table (the goal column shifts the indicator block by one).
struct Cols {
    g: usize,
    n: usize,
}

impl Cols {
    fn weight(&self) -> usize {
        5 + self.g
    }
    fn score(&self) -> usize {
        6 + self.g
    }
    /// Excel-only columns after the form: 0 计算得分, 1 计算用：指标值, 2 计算用：完成值,
    /// 3 the goal or 一级 subtotal.
    fn helper(&self, i: usize) -> usize {
        self.n + i
    }
}

/// The grid of one scored table.
/// The declared number of a form cell as Excel holds it, or the computed `fallback` when blank.
fn declared_xl(declared: Option<Decimal>, fmt: Fmt, fallback: &Xl) -> Xl {
    declared.map_or_else(|| fallback.clone(), |d| Xl::Number(d, fmt))
}

/// What a scored table's layout shows: its figures (`model::figures`) and whether Word carries
/// a differing computed figure beside the declared one (附上计算结果).
pub struct Shown<'a> {
    /// The table's declared and computed figures.
    pub figures: &'a TableFigures,
    /// 附上计算结果.
    pub with_computed: bool,
}

#[allow(clippy::too_many_lines)]
pub fn grid(heading: &Heading, table: &PerfTable, result: &TableResult, pack: Option<&RulePack>, path: &str, shown: &Shown<'_>) -> Grid {
    let figures = shown.figures;
    let with = shown.with_computed;
    let is_project = table.kind == TableKind::Project || path.starts_with("projects[");
    let goal_grouped = !table.goals.is_empty();
    let c = Cols { g: usize::from(goal_grouped), n: 8 + usize::from(goal_grouped) };
    let x = c.g;
    let mut widths: Vec<u16> = if goal_grouped { vec![18, 14, 12, 18, 13, 22, 9, 8, 16] } else { vec![12, 18, 18, 14, 20, 7, 9, 21] };
    widths.extend([12, 12, 12, 14]);
    let sheet = if is_project { table.name.trim().to_string() } else { "部门整体".to_string() };
    let mut grid = Grid::new(if sheet.is_empty() { "项目".to_string() } else { sheet }, widths, c.n);
    heading.push(&mut grid);

    if is_project {
        for (l1, v1, l2, v2) in [("项目名称", &table.name, "项目编码", &table.code), ("主管部门", &table.supervisor, "实施单位", &table.implementer)] {
            grid.push(RowKind::Body, vec![Cell::head(0, l1), Cell::text(1, v1.as_str()).cols(3), Cell::head(4, l2), Cell::text(5, v2.as_str()).cols(3 + x)]);
        }
    } else {
        grid.push(RowKind::Body, vec![Cell::head(0, "部门名称"), Cell::text(1, table.name.as_str()).cols(7 + x)]);
    }
    let score_ref = budget(&mut grid, table, result, pack, is_project, x, c.helper(0), shown);
    grid.push(RowKind::Body, vec![Cell::head(0, "年度总体目标").rows(2), Cell::head(1, "预期目标"), Cell::text(2, table.goal_expected.as_str()).cols(6 + x)]);
    grid.push(RowKind::Body, vec![Cell::head(1, "实际完成情况"), Cell::text(2, table.goal_actual.as_str()).cols(6 + x)]);

    // The indicator block: a new Word table with its header repeated on every page.
    grid.break_table();
    let mut header = Vec::new();
    if goal_grouped {
        header.push(Cell::head(0, "年度绩效目标").hint(Hint::Column("c-goal")));
    }
    let heads = [("一级指标", "c-level"), ("二级指标", "c-level"), ("三级指标", "c-name"), ("年度指标值", "c-target"), ("实际完成值", "c-actual"), ("分值", "c-num"), ("得分", "c-num"), ("偏差原因分析及改进措施", "c-reason")];
    for (i, (h, class)) in heads.into_iter().enumerate() {
        header.push(Cell::head(i + x, h).hint(Hint::Column(class)));
    }
    header.push(Cell::head(c.helper(0), "计算得分"));
    header.push(Cell::head(c.helper(1), "计算用：指标值"));
    header.push(Cell::head(c.helper(2), "计算用：完成值"));
    header.push(Cell::head(c.helper(3), if goal_grouped { "计算用：目标得分" } else { "计算用：一级指标得分" }));
    let header_row = grid.push(RowKind::Header, header);
    grid.rows[header_row].print.table = "indicators";

    let rows = indicator_rows(table, result, with);
    let first = grid.rows.len();
    let mut level1_first: Vec<(String, usize, Vec<String>)> = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let r = first + n;
        let ind = row.indicator;
        let res: Option<&RowResult> = result.rows.get(n);
        let mut cells = Vec::new();
        if let Some((goal, g, span)) = row.goal.filter(|_| goal_grouped).and_then(|(g, span)| Some((table.goals.get(g)?, g, span))) {
            let text = format!("{}{}", goal.title, goal.weight.map(|w| format!("（{}分）", plain(w))).unwrap_or_default());
            cells.push(Cell::text(0, text).rows(span).hint(Hint::Label));
            let sub = result.goals.get(g);
            let refs = format!("{}:{}", a1(r, c.helper(0)), a1(r + span - 1, c.helper(0)));
            let sum = match goal.weight {
                Some(w) => format!("MIN({},SUM({refs}))", plain(w)),
                None => format!("SUM({refs})"),
            };
            cells.push(subtotal(c.helper(3), sum, sub.and_then(|s| s.score)));
        }
        if let Some(span) = row.level1 {
            let name = ind.level1.trim();
            let weight = if goal_grouped { None } else { header_weight(table, pack, name) };
            cells.push(Cell::text(x, format!("{name}{}", weight.map(|w| format!("（{}分）", plain(w))).unwrap_or_default())).rows(span).hint(Hint::Label));
        }
        if let Some(span) = row.level2 {
            cells.push(Cell::text(x + 1, ind.level2.trim()).rows(span).hint(Hint::Label));
        }
        cells.push(Cell::text(x + 2, ind.name.as_str()));
        cells.push(Cell::text(x + 3, ind.target_text()));
        cells.push(Cell::text(x + 4, ind.actual.as_str()));
        cells.push(match ind.weight {
            Some(w) => Cell::figure(c.weight(), plain(w), Xl::Number(w, Fmt::General)),
            None => not_applicable_cell(c.weight(), None, &ind.not_applicable, "weight").unwrap_or_else(|| Cell::figure(c.weight(), "", Xl::Empty)),
        });
        let placeholder = res.is_none_or(|r| r.kind == ScoreKind::Placeholder);
        let text = if placeholder { String::new() } else { row.score.clone() };
        let computed = res.and_then(|r| r.score);
        let mut xl = match computed {
            Some(s) => Xl::Number(s, Fmt::Fixed2),
            None if placeholder => Xl::Empty,
            None => Xl::Text(MISSING.into()),
        };
        if let (Some(res), Some(w), Some(s)) = (res, ind.weight, computed) {
            if res.kind == ScoreKind::Quantitative {
                if let Some((cmp, t, a)) = quantities(ind) {
                    if mirror(w, cmp, t, a) == Some(s) {
                        cells.push(Cell::figure(c.helper(1), plain(t), Xl::Number(t, Fmt::General)));
                        cells.push(Cell::figure(c.helper(2), plain(a), Xl::Number(a, Fmt::General)));
                        let f = formula(cmp, &a1(r, c.weight()), &a1(r, c.helper(1)), &a1(r, c.helper(2)));
                        xl = Xl::Formula(f, Some(s), Fmt::Fixed2);
                    }
                }
            }
        }
        cells.push(Cell::figure(c.score(), text, if placeholder { Xl::Empty } else { declared_xl(ind.declared_score, Fmt::General, &xl) }));
        cells.push(Cell::figure(c.helper(0), "", xl));
        cells.push(Cell::text(x + 7, ind.reason.as_str()));
        if let (false, Some(res)) = (goal_grouped || placeholder, res) {
            match level1_first.iter_mut().find(|(name, _, _)| *name == res.level1) {
                Some((_, _, refs)) => refs.push(a1(r, c.helper(0))),
                None => level1_first.push((res.level1.clone(), r, vec![a1(r, c.helper(0))])),
            }
        }
        let r = grid.push(RowKind::Body, cells);
        // One group per 一级指标 (per 年度绩效目标 where goals are merged), kept on one page when
        // it is at most half a page high.
        let starts = if goal_grouped { row.goal.map(|(_, span)| span) } else { row.level1 };
        if let Some(span) = starts.or((n == 0).then_some(1)) {
            grid.rows[r].print.group = Some(fits_half_a_page(&rows[n..(n + span).min(rows.len())]));
        }
    }
    for (name, r, refs) in &level1_first {
        let cached = result.level1.iter().find(|s| s.name == *name).and_then(|s| s.score);
        grid.rows[*r].cells.push(subtotal(c.helper(3), format!("SUM({})", refs.join(",")), cached));
    }

    let last = grid.rows.len();
    let label_span = 5 + x;
    let total_xl = match result.total {
        Some(t) if last > first => {
            let parts = if goal_grouped {
                let refs: Vec<String> = rows.iter().enumerate().filter(|(_, r)| r.goal.is_some() && goal_grouped).map(|(n, _)| a1(first + n, c.helper(3))).collect();
                refs.join(",")
            } else {
                format!("{}:{}", a1(first, c.helper(0)), a1(last - 1, c.helper(0)))
            };
            let sum = format!("{score_ref}+SUM({parts})");
            let weights = crate::score::weight_total(table, &result.budget, &result.rows, &result.goals);
            let total = match (pack.map_or(TotalRule::Cap, |p| p.total_rule), weights) {
                (TotalRule::Cap, _) => format!("MIN(100,{sum})"),
                (TotalRule::Normalise, Some(w)) if w != Decimal::ONE_HUNDRED && w > Decimal::ZERO => format!("({sum})*100/{}", plain(w)),
                _ => sum,
            };
            Xl::Formula(format!("IF({score_ref}=\"\",\"\",{total})"), Some(t), Fmt::Fixed2)
        }
        Some(t) => Xl::Number(t, Fmt::Fixed2),
        None => Xl::Text(MISSING.into()),
    };
    let total_row = grid.push(
        RowKind::Body,
        vec![
            Cell::head(0, "总分").cols(label_span),
            Cell::figure(label_span, "100", Xl::Number(Decimal::ONE_HUNDRED, Fmt::General)),
            Cell::figure(label_span + 1, figures.total.beside(with), declared_xl(table.declared_total, Fmt::General, &total_xl)),
            Cell::text(label_span + 2, ""),
            Cell::figure(c.helper(0), "", total_xl),
        ],
    );
    grid.rows[total_row].print.class = "total-row";
    grid.rows[total_row].print.group = Some(true);
    let grade_xl = match (pack, &result.grade, result.total) {
        (Some(p), Some(g), Some(_)) => Xl::FormulaText(grade_formula(p, &a1(total_row, c.helper(0))), g.clone()),
        _ => Xl::Text(result.grade.clone().unwrap_or_else(|| MISSING.into())),
    };
    let form_grade = match &figures.grade.declared {
        Some(g) => Xl::Text(g.clone()),
        None => grade_xl.clone(),
    };
    let grade_row = grid.push(
        RowKind::Body,
        vec![
            Cell::head(0, "评价等次").cols(label_span),
            Cell { text: figures.grade.beside(with), xl: form_grade, ..Cell::text(label_span, "") }.cols(3),
            Cell::figure(c.helper(0), "", grade_xl),
        ],
    );
    grid.rows[grade_row].print.class = "total-row";

    // The analysis rows and 填表人 in one unbreakable block on paper: the line never stands alone.
    grid.break_table();
    for (label, text) in [("偏差大或目标未完成原因分析", &table.deviation_analysis), ("改进措施及结果应用方案", &table.improvement)] {
        grid.push(RowKind::Body, vec![Cell::head(0, label).cols(2), Cell::text(2, text.as_str()).cols(6 + x)]);
    }
    if let Some(analysis) = grid.rows.len().checked_sub(2) {
        grid.rows[analysis].print.keep_to_end = true;
    }
    let fill = grid.line(
        RowKind::Line,
        format!(
            "填表人：{}　　填报日期：{}　　联系电话：{}　　{}：{}",
            table.filled_by,
            table.fill_date,
            table.phone,
            head_label(pack, is_project),
            table.head
        ),
    );
    grid.rows[fill].print.class = "fill-line";
    grid
}

/// The signature label of a table's footer: the Hunan and central forms (seed 000) print
/// 单位负责人签字 under both tables; the Sichuan project form (seed 004) has 项目负责人.
fn head_label(pack: Option<&RulePack>, is_project: bool) -> &'static str {
    if is_project && pack.is_some_and(|p| p.id.starts_with("sichuan")) {
        "项目负责人"
    } else {
        "单位负责人签字"
    }
}

/// Whether a group of indicator rows is at most half a landscape page high in print (A4, 177 mm
/// of text height, 10.5 pt lines of 1.25): the columns hold about 9 (三级指标, 年度指标值), 18
/// (实际完成值) and 12 (偏差原因) CJK characters a line.
fn fits_half_a_page(rows: &[super::rows::PrintRow<'_>]) -> bool {
    let lines = |text: &str, per_line: usize| text.lines().map(|l| l.chars().count().div_ceil(per_line).max(1)).sum::<usize>().max(1);
    let tenths_mm: usize = rows
        .iter()
        .map(|r| {
            let i = r.indicator;
            let n = lines(&i.name, 9).max(lines(&i.target_text(), 9)).max(lines(&i.actual, 18)).max(lines(&i.reason, 12));
            n * 47 + 20
        })
        .sum();
    tenths_mm <= 880
}

fn subtotal(col: usize, f: String, cached: Option<Decimal>) -> Cell {
    match cached {
        Some(s) => Cell::figure(col, fmt2(s), Xl::Formula(f, Some(s), Fmt::Fixed2)),
        None => Cell::figure(col, MISSING, Xl::Text(MISSING.into())),
    }
}

/// 评价等次 from the total, by the pack's thresholds (best first), as nested IFs.
fn grade_formula(pack: &RulePack, total: &str) -> String {
    let mut f = String::from("\"\"");
    for g in pack.grades.iter().rev() {
        let name = g.name.replace('"', "\"\"");
        f = match g.min {
            Some(min) => format!("IF({total}>={},\"{name}\",{f})", plain(min)),
            None => format!("\"{name}\""),
        };
    }
    format!("IF({total}=\"\",\"\",{f})")
}

/// The budget block with its 其中 rows; returns the reference of the 得分 cell.
#[allow(clippy::too_many_arguments)]
fn budget(grid: &mut Grid, table: &PerfTable, result: &TableResult, pack: Option<&RulePack>, is_project: bool, x: usize, h: usize, shown: &Shown<'_>) -> String {
    let b = &table.budget;
    // The 其中 rows, as lines of the block (a section label has no figures).
    let line = |label: String, executed: Option<Decimal>| BudgetLine { label, executed, ..BudgetLine::default() };
    let mut parts: Vec<BudgetLine> = Vec::new();
    if !b.by_source.is_empty() {
        if !is_project {
            parts.push(line("按收入性质分：".into(), None));
        }
        for (i, l) in b.by_source.iter().enumerate() {
            parts.push(BudgetLine { label: source_label(i, "", &l.label), ..l.clone() });
        }
    }
    if b.basic.is_some() || b.project.is_some() {
        parts.push(line("按支出性质分：".into(), None));
        parts.push(line("其中：基本支出".into(), b.basic));
        parts.push(line("项目支出".into(), b.project));
    }
    let unit = table.unit.label();
    let top = grid.rows.len();
    let mut head = vec![Cell::head(0, format!("预算执行情况（{unit}）")).rows(2 + parts.len()), Cell::head(1, "").hint(Hint::Hidden("项目"))];
    for (i, h) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].iter().enumerate() {
        head.push(Cell::head(2 + i, *h));
    }
    if let Some(last) = head.last_mut() {
        last.colspan = 1 + x;
    }
    head.push(Cell::head(h, "计算执行率"));
    head.push(Cell::head(h + 1, "计算预算执行得分"));
    grid.push(RowKind::Body, head);
    let r = top + 1;
    let (init, adj, exec, weight) = (a1(r, 2), a1(r, 3), a1(r, 4), a1(r, 5));
    // The formulas work on the computed rate and score beside the form, never on the declared.
    let (rate_ref, score_ref) = (a1(r, h), a1(r, h + 1));
    let formula_kind = pack.map(|p| (p.budget.formula, p.budget.denominator));
    let br = &result.budget;
    let (rate_xl, score_xl) = match formula_kind {
        Some((formula, denominator)) => {
            let den = match denominator {
                Denominator::Adjusted => format!("IF({adj}=\"\",{init},{adj})"),
                Denominator::Initial => init.clone(),
            };
            let score = match formula {
                BudgetFormula::Capped => format!("IF({rate_ref}=\"\",\"\",{weight}*MIN({rate_ref},1))"),
                BudgetFormula::Deviation => format!("IF({rate_ref}=\"\",\"\",{weight}*MAX(0,1-ABS({rate_ref}-1)))"),
            };
            (
                Xl::Formula(format!("IF({exec}=\"\",\"\",IFERROR({exec}/{den},\"\"))"), br.rate, Fmt::Percent),
                Xl::Formula(score, br.score, Fmt::Fixed2),
            )
        }
        None => (
            br.rate.map(|v| Xl::Number(v, Fmt::Percent)).unwrap_or(Xl::Empty),
            br.score.map(|v| Xl::Number(v, Fmt::Fixed2)).unwrap_or(Xl::Empty),
        ),
    };
    let span = 1 + parts.len();
    let total_line = grid.push(
        RowKind::Body,
        vec![
            Cell::head(1, "年度资金总额"),
            money_na(2, b.initial, &b.not_applicable, "initial"),
            money_na(3, b.adjusted, &b.not_applicable, "adjusted"),
            money_na(4, b.executed, &b.not_applicable, "executed"),
            Cell::figure(5, plain(br.weight), Xl::Number(br.weight, Fmt::General)).rows(span),
            Cell::figure(6, shown.figures.rate.beside(shown.with_computed), declared_xl(b.declared_rate_percent.map(|p| p / Decimal::ONE_HUNDRED), Fmt::Percent, &rate_xl)).rows(span),
            Cell::figure(7, shown.figures.budget_score.beside(shown.with_computed), declared_xl(b.declared_score, Fmt::General, &score_xl)).rows(span).cols(1 + x),
            Cell::figure(h, "", rate_xl),
            Cell::figure(h + 1, "", score_xl),
        ],
    );
    grid.rows[total_line].print.class = "budget-line";
    for l in parts {
        let label_cell = if l.label.ends_with('：') { Cell::head(1, l.label) } else { Cell::text(1, l.label) };
        let line = grid.push(RowKind::Body, vec![label_cell, money(2, l.initial), money(3, l.adjusted), money(4, l.executed)]);
        // On paper each line's label stays on one line (纳入专户管理的非税收入拨款).
        grid.rows[line].print.class = "budget-line";
    }
    score_ref
}
