//! Issue 15's round trip: a .docx or .xlsx that jixiao exports, read back by jixiao's own import,
//! gives the same report, figure for figure (declared figures as exported, computed 总分): the
//! budget block, every indicator row and the declared 总分 of the 整体 table.

#![allow(clippy::unwrap_used)]

use jixiao_office::import::{open, Opened};
use jixiao_office::read;
use jixiao_office::write::{docx, xlsx, DocxOptions};
use jixiao::model::num::fmt2;
use jixiao::model::report::PerfTable;
use jixiao::model::{evaluate, examples};

/// The figures a reader compares: budget block, each row's name, target, actual, weight and
/// declared score, and the declared 总分.
fn figures(t: &PerfTable) -> Vec<String> {
    let b = &t.budget;
    let d = |x: Option<rust_decimal::Decimal>| x.map(|v| v.normalize().to_string()).unwrap_or_default();
    let mut out = vec![format!("budget {} {} {} {}", d(b.initial), d(b.adjusted), d(b.executed), d(b.weight))];
    let rows = t.indicators.iter().chain(t.goals.iter().flat_map(|g| g.indicators.iter()));
    out.extend(rows.filter(|i| !i.is_placeholder()).map(|i| format!("{} | {} | {} | {} | {}", i.name.trim(), i.target_text().trim(), i.actual.trim(), d(i.weight), d(i.declared_score))));
    out.push(format!("total {}", d(t.declared_total)));
    out
}

#[test]
fn word_export_reads_back_figure_for_figure() {
    for (id, total) in [("seed-000", "98.00"), ("seed-003", "94.15")] {
        let report = examples::example(id).unwrap().unwrap();
        let evaluation = evaluate(&report);
        let bytes = docx(&report, &evaluation, &DocxOptions::default());
        let Opened::Tables(preview) = open("export.docx", &bytes, &read::decode).unwrap() else { panic!() };
        let back = preview.report.overall.as_ref().unwrap();
        assert_eq!(figures(back), figures(report.overall.as_ref().unwrap()), "{id}");
        assert_eq!(preview.proposal.rule_pack, report.rule_pack, "{id}");
        assert_eq!(evaluate(&preview.report).tables[0].total.map(fmt2).as_deref(), Some(total), "{id}");
    }
}

#[test]
fn excel_export_reads_back_with_the_same_totals() {
    for (id, total) in [("seed-000", "98.00"), ("seed-003", "94.15")] {
        let report = examples::example(id).unwrap().unwrap();
        let bytes = xlsx(&report, &evaluate(&report));
        let Opened::Tables(preview) = open("export.xlsx", &bytes, &read::decode).unwrap() else { panic!() };
        let e = evaluate(&preview.report);
        assert_eq!(e.tables[0].total.map(fmt2).as_deref(), Some(total), "{id}: {:?}", preview.tables);
    }
}
