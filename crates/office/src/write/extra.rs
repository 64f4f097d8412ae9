//! The writers' sheets that are not official forms: 检查结果 (one row per finding), 计算说明
//! (how every computed figure was obtained) and 审核's batch table, as `forms` grids so Word and
//! Excel render them like the forms.

use jixiao_model::check::Evaluation;
use rust_decimal::Decimal;

use jixiao_model::forms::{a1, Cell, Fmt, Grid, RowKind, Xl};
use jixiao_model::print::{explanation_items, finding_place};
use jixiao_model::report::Report;
use jixiao_model::review::{cells, ReviewRow, HEADERS};

/// 检查结果: one row per finding.
pub(crate) fn findings(report: &Report, evaluation: &Evaluation) -> Grid {
    let mut grid = Grid::new("检查结果", vec![8, 26, 34, 70], 4);
    grid.line(RowKind::Title, "检查结果");
    grid.push(RowKind::Header, ["严重程度", "表", "字段", "说明"].iter().enumerate().map(|(i, h)| Cell::head(i, *h)).collect());
    for f in &evaluation.findings {
        grid.push(
            RowKind::Body,
            vec![Cell::text(0, f.severity.label()), Cell::text(1, finding_place(report, f)), Cell::text(2, jixiao_model::finding_scope::field_name(report, &f.path, false)), Cell::text(3, f.message.as_str())],
        );
    }
    if evaluation.findings.is_empty() {
        grid.push(RowKind::Body, vec![Cell::text(0, "未发现问题。").cols(4)]);
    }
    grid.line(RowKind::Line, format!("评分规则：{}（{}）", evaluation.rule_pack, evaluation.rule_pack_hash));
    grid
}

/// 计算说明: how every computed figure was obtained, with the rule it comes from.
pub(crate) fn explanations(report: &Report, evaluation: &Evaluation) -> Grid {
    let mut grid = Grid::new("计算说明", vec![24, 60, 40], 3);
    grid.line(RowKind::Title, "附：计算说明");
    for (title, items) in explanation_items(report, evaluation) {
        grid.break_table();
        grid.line(RowKind::Line, title);
        grid.push(RowKind::Header, vec![Cell::head(0, "项目"), Cell::head(1, "计算"), Cell::head(2, "依据")]);
        for (label, e) in items {
            grid.push(RowKind::Body, vec![Cell::text(0, label), Cell::text(1, e.text.as_str()), Cell::text(2, e.clause.as_str())]);
        }
    }
    grid
}

/// 审核's batch table: the review columns, figures as numbers and the difference as a formula.
pub(crate) fn review(rows: &[&ReviewRow]) -> Grid {
    let mut grid = Grid::new("审核", vec![24, 22, 18, 12, 10, 10, 12, 14, 6, 6, 7, 30], 12);
    grid.line(RowKind::Title, "审核结果");
    grid.push(RowKind::Header, HEADERS.iter().enumerate().map(|(i, h)| Cell::head(i, *h)).collect());
    for r in rows {
        let texts = cells(r);
        let at = grid.rows.len();
        let mut out = Vec::new();
        for (i, text) in texts.into_iter().enumerate() {
            let xl = match i {
                4 => r.declared_total.map(|d| Xl::Number(d, Fmt::General)),
                5 => r.computed_total.map(|d| Xl::Number(d, Fmt::Fixed2)),
                6 => r.difference().map(|d| {
                    let (e, f) = (a1(at, 4), a1(at, 5));
                    Xl::Formula(format!("IF(AND(ISNUMBER({e}),ISNUMBER({f})),{e}-ROUND({f},2),\"\")"), Some(d), Fmt::Fixed2)
                }),
                8 => Some(Xl::Number(Decimal::from(r.errors), Fmt::General)),
                9 => Some(Xl::Number(Decimal::from(r.warnings), Fmt::General)),
                10 if r.problem.is_none() => Some(Xl::Number(Decimal::from(r.pending), Fmt::General)),
                _ => None,
            };
            out.push(match xl {
                Some(xl) => Cell::figure(i, text, xl),
                None => Cell::text(i, text),
            });
        }
        grid.push(RowKind::Body, out);
    }
    grid
}
