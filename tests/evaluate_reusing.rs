//! The editor's evaluation reuses the tables a keystroke did not change (`evaluate_reusing`):
//! after every kind of edit it must give exactly what a fresh `evaluate` gives, findings and
//! their order included.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use jixiao::model::edit::{self, Change};
use jixiao::model::exchange::json::load;
use jixiao::model::{evaluate, evaluate_reusing, Report, Scored};

fn seed(name: &str) -> Report {
    load(&std::fs::read_to_string(format!("tests/fixtures/seeds/{name}.json")).unwrap()).unwrap().report
}

/// Applies each step in turn and compares the reusing evaluation with a fresh one after each.
fn agree(mut report: Report, steps: &[&dyn Fn(&mut Report)]) {
    let mut scored = Scored::default();
    assert_eq!(evaluate_reusing(&report, &mut scored), evaluate(&report));
    for (i, step) in steps.iter().enumerate() {
        step(&mut report);
        let reused = evaluate_reusing(&report, &mut scored);
        let fresh = evaluate(&report);
        assert_eq!(reused, fresh, "step {i}");
    }
}

/// Sets a field of a table's first indicator row (a table's own rows or its first goal's).
fn set_row(r: &mut Report, table: &str, field: &str, text: &str) {
    edit::set(r, &format!("{table}.indicators[0].{field}"), text)
        .or_else(|_| edit::set(r, &format!("{table}.goals[0].indicators[0].{field}"), text))
        .unwrap();
}

#[test]
fn reusing_agrees_with_a_fresh_evaluation_after_every_kind_of_edit() {
    for name in ["seed-000", "seed-001", "seed-003", "seed-004"] {
        let report = seed(name);
        let first_project = !report.projects.is_empty();
        let overall = report.overall.is_some();
        agree(report, &[
            &|r| if overall { set_row(r, "overall", "actual", "1") },
            &|r| if first_project { set_row(r, "projects[0]", "declared_score", "0") },
            &|r| if overall { edit::set(r, "overall.budget.executed", "—").unwrap() },
            &|r| r.rule_pack = "central-2020".into(),
            &|r| r.rule_pack = "no-such-pack".into(),
            &|r| r.rule_pack = "hunan-2024".into(),
            &|r| if first_project { assert!(edit::apply(r, &Change::DuplicateProject { at: 0 })) },
            &|r| if first_project { edit::set(r, "projects[1].name", "").unwrap() },
            &|r| if first_project { assert!(edit::apply(r, &Change::RemoveProject { at: 0 })) },
            &|r| r.department.clear(),
        ]);
    }
}

#[test]
fn an_unchanged_report_is_scored_once() {
    // Same report twice: the second evaluation takes every table from the first (the same
    // figures), and a changed table is scored anew (its new figure appears).
    let mut report = seed("seed-000");
    let mut scored = Scored::default();
    let first = evaluate_reusing(&report, &mut scored);
    assert_eq!(evaluate_reusing(&report, &mut scored), first);
    edit::set(&mut report, "overall.declared_total", "50").unwrap();
    let after = evaluate_reusing(&report, &mut scored);
    assert_ne!(after.findings, first.findings);
    assert_eq!(after, evaluate(&report));
}
