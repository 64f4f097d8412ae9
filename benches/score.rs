//! Benchmark (not a test): scores and checks the performance budget's large report (1 整体 +
//! 30 项目 tables × 20 indicators) and a larger one (1 + 50 × 30), the JSON round trips and the
//! Word/Excel exports.
//! Prints median and spread over 50 runs.
//! Run: `cargo bench --bench score` (uses the `bench` profile: optimised like release).

use std::time::Instant;

use jixiao::model::exchange::json::{load, save};
use jixiao_office::write::{docx, xlsx, DocxOptions};
use jixiao::model::report::{BudgetBlock, DeclaredWeight, Indicator, PerfTable, Report, TableKind};
use jixiao::model::evaluate;
use rust_decimal::Decimal;

fn table(kind: TableKind, name: String, rows: usize) -> PerfTable {
    let weight = Decimal::from(90) / Decimal::from(rows as u64);
    let indicators = (0..rows)
        .map(|i| {
            let (level1, target, actual) = match i % 5 {
                0 => ("产出指标", "≥4次".to_string(), format!("{}次", 3 + i % 3)),
                1 => ("产出指标", "≥95%".to_string(), "93.5%".to_string()),
                2 => ("效益指标", "≤5%".to_string(), "6%".to_string()),
                3 => ("效益指标", "按时完成".to_string(), "已完成".to_string()),
                _ => ("满意度指标", "≥90%".to_string(), "96%".to_string()),
            };
            Indicator {
                level1: level1.into(),
                level2: "数量指标".into(),
                name: format!("指标{i}"),
                target,
                actual,
                weight: Some(weight),
                declared_score: Some(weight),
                reason: "原因".into(),
                ..Indicator::default()
            }
        })
        .collect();
    PerfTable {
        kind,
        name,
        budget: BudgetBlock {
            initial: Some(Decimal::new(79077, 2)),
            adjusted: Some(Decimal::new(79077, 2)),
            executed: Some(Decimal::new(75012, 2)),
            weight: Some(Decimal::TEN),
            declared_score: Some(Decimal::new(948, 2)),
            ..BudgetBlock::default()
        },
        level1_weights: vec![DeclaredWeight { name: "产出指标".into(), weight: Some(Decimal::from(50)) }],
        indicators,
        declared_total: Some(Decimal::from(95)),
        declared_grade: Some("优".into()),
        ..PerfTable::default()
    }
}

fn measure(label: &str, runs: usize, mut f: impl FnMut()) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}: median {:.3} ms, min {:.3} ms, p90 {:.3} ms, max {:.3} ms ({runs} runs)",
        times[runs / 2],
        times[0],
        times[runs * 9 / 10],
        times[runs - 1]
    );
}

fn report(projects: usize, rows: usize) -> Report {
    Report {
        id: "bench".into(),
        rule_pack: "hunan-2024".into(),
        year: 2024,
        department: "基准测试单位".into(),
        overall: Some(table(TableKind::Overall, "整体".into(), rows)),
        projects: (0..projects).map(|i| table(TableKind::Project, format!("项目{i}"), rows)).collect(),
        ..Report::default()
    }
}

fn main() {
    for (projects, rows) in [(30, 20), (50, 30)] {
        let report = report(projects, rows);
        let e = evaluate(&report);
        println!("report: {} tables, {} indicator rows, {} findings", e.tables.len(), e.tables.iter().map(|t| t.rows.len()).sum::<usize>(), e.findings.len());
        measure(&format!("score + check (1 整体 + {projects} 项目 × {rows} 指标)"), 50, || {
            std::hint::black_box(evaluate(std::hint::black_box(&report)));
        });
        let text = save(&report, None);
        println!("json size: {} bytes", text.len());
        measure(&format!("json save + load (1 + {projects} × {rows})"), 50, || {
            let t = save(std::hint::black_box(&report), None);
            std::hint::black_box(load(&t).ok());
        });
        println!("docx size: {} bytes, xlsx size: {} bytes", docx(&report, &e, &DocxOptions::default()).len(), xlsx(&report, &e).len());
        measure(&format!("export .docx (1 + {projects} × {rows})"), 50, || {
            std::hint::black_box(docx(std::hint::black_box(&report), &e, &DocxOptions::default()));
        });
        measure(&format!("export .xlsx (1 + {projects} × {rows})"), 50, || {
            std::hint::black_box(xlsx(std::hint::black_box(&report), &e));
        });
        // Import: the exported Word file (one table per 自评表) read, recognised and scored.
        let word = docx(&report, &e, &DocxOptions::default());
        measure(&format!("import .docx of {} tables (read + recognise + score)", projects + 1), 20, || {
            if let Ok(jixiao_office::import::Opened::Tables(p)) =
                jixiao_office::import::open("large.docx", std::hint::black_box(&word), &jixiao_office::read::decode)
            {
                std::hint::black_box(evaluate(&p.report));
            }
        });
    }
    // A 20-page PDF (issue 28): read alone, and imported (read + recognise + score).
    let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf/seed-000-附件3.docx.reportlab-20-pages.pdf")).unwrap_or_default();
    measure(&format!("read a 20-page PDF ({} B)", pdf.len()), 21, || {
        std::hint::black_box(jixiao_office::read::read("x.pdf", std::hint::black_box(&pdf), &jixiao_office::read::decode).ok());
    });
    measure("import a 20-page PDF (read + recognise + score)", 21, || {
        if let Ok(jixiao_office::import::Opened::Tables(p)) =
            jixiao_office::import::open("x.pdf", std::hint::black_box(&pdf), &jixiao_office::read::decode)
        {
            std::hint::black_box(evaluate(&p.report));
        }
    });
}
