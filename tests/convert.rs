//! `jixiao-check --to docx|xlsx|csv|json OUTDIR FILE…` (issue 23): each input is converted with
//! the app's own writers, byte for byte what 导出 Word / 导出 Excel / 导出本表 CSV / 导出 JSON give
//! for the same report, and a file that cannot be read or written is named without stopping
//! the others.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_office::import::{open, Opened};
use jixiao::model::exchange::{csv, json};
use jixiao_office::write;
use jixiao::model::{evaluate, finding_scope, Report};

/// A scratch folder of this test's own, empty.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-convert-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the checker; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-check")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// The report the app would hold after opening `file` (a saved JSON or a recognised table).
fn report_of(file: &str) -> Report {
    let bytes = std::fs::read(file).unwrap();
    match open(file, &bytes, &|_, _| None).unwrap() {
        Opened::Saved(loaded) => loaded.report,
        Opened::Tables(preview) => preview.report,
        Opened::FinalAccounts(_) => panic!("{file} opened as a 部门决算"),
    }
}

const SEED: &str = "tests/fixtures/seeds/seed-000.json";
const WORD: &str = "tests/fixtures/samples/seed-001-部门整体.docx";

#[test]
fn each_kind_is_what_the_apps_own_writers_give() {
    let dir = scratch("kinds");
    let out = dir.to_str().unwrap();
    for kind in ["docx", "xlsx", "json", "csv"] {
        let (code, stdout, stderr) = run(&["--to", kind, out, SEED, WORD]);
        assert_eq!(code, 0, "--to {kind}: {stderr}");
        assert!(stdout.contains(&format!("{SEED} → ")), "--to {kind}: {stdout}");
        for input in [SEED, WORD] {
            let report = report_of(input);
            let stem = Path::new(input).file_stem().unwrap().to_string_lossy().into_owned();
            let saved = json::save(&report, None);
            match kind {
                "docx" | "xlsx" => {
                    let written = std::fs::read(dir.join(format!("{stem}.{kind}"))).unwrap();
                    assert_eq!(written, write::write_file(kind, &saved, &write::DocxOptions::default()).unwrap(), "{input} → {kind}");
                }
                "json" => {
                    let written = std::fs::read_to_string(dir.join(format!("{stem}.json"))).unwrap();
                    assert_eq!(written, saved);
                    assert_eq!(json::load(&written).unwrap().report, report, "{input}: the JSON reads back as the same report");
                }
                _ => {
                    let evaluation = finding_scope::shown(&report, evaluate(&report), None);
                    let tables = report.scored_tables();
                    assert!(!tables.is_empty());
                    for (path, _) in tables {
                        let label = finding_scope::table_label(&report, &path).replace(['：', '/', '\\'], "-");
                        let written = std::fs::read_to_string(dir.join(format!("{stem}-{label}.csv"))).unwrap();
                        assert_eq!(Some(written), csv::scored_table(&report, &evaluation, &path), "{input} {path}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_bad_file_is_named_and_the_others_are_converted() {
    let dir = scratch("bad");
    let broken = dir.join("坏.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a workbook").unwrap();
    let out = dir.join("out");
    let (code, stdout, stderr) = run(&["--to", "xlsx", out.to_str().unwrap(), broken.to_str().unwrap(), SEED]);
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("坏.xlsx"), "{stderr}");
    assert!(out.join("seed-000.xlsx").is_file(), "the good file after the bad one is converted");

    // Converting a file onto itself is refused, the input left as it was.
    let own = dir.join("seed-000.json");
    std::fs::copy(SEED, &own).unwrap();
    let before = std::fs::read(&own).unwrap();
    let (code, _, stderr) = run(&["--to", "json", dir.to_str().unwrap(), own.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("输入文件本身"), "{stderr}");
    assert_eq!(std::fs::read(&own).unwrap(), before);

    // An unknown kind, or --to with --json, is a usage error.
    let (code, _, stderr) = run(&["--to", "pdf", dir.to_str().unwrap(), SEED]);
    assert_eq!(code, 2);
    assert!(stderr.contains("docx、xlsx、csv 或 json"), "{stderr}");
    let (code, _, stderr) = run(&["--json", "--to", "csv", dir.to_str().unwrap(), SEED]);
    assert_eq!(code, 2);
    assert!(stderr.contains("不能同时使用"), "{stderr}");
    // --pack scores a check under another pack; a conversion would silently keep the report's own.
    let (code, stdout, stderr) = run(&["--pack", "generic", "--to", "csv", dir.to_str().unwrap(), SEED]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("选项 --pack 与 --to 不能同时使用"), "{stderr}");
}

#[test]
fn a_final_accounts_file_converts_with_its_own_writers() {
    use jixiao_office::final_accounts::{json as fa_json, word};
    let dir = scratch("accounts");
    let input = "tests/fixtures/final_accounts/seed-004.json";
    let fa = fa_json::load(&std::fs::read_to_string(input).unwrap()).unwrap();
    for (kind, want) in [("docx", word::docx(&fa)), ("xlsx", jixiao_office::final_accounts::xlsx(&fa)), ("json", fa_json::save(&fa).into_bytes())] {
        let (code, stdout, stderr) = run(&["--to", kind, dir.to_str().unwrap(), input]);
        assert_eq!(code, 0, "--to {kind}: {stderr}");
        assert!(stdout.contains(" → "), "{stdout}");
        assert_eq!(std::fs::read(dir.join(format!("seed-004.{kind}"))).unwrap(), want, "--to {kind}");
    }
    let (code, _, stderr) = run(&["--to", "csv", dir.to_str().unwrap(), input]);
    assert_eq!(code, 2);
    assert!(stderr.contains("部门决算没有 CSV 格式"), "{stderr}");
}

/// A 项目 table typed in 快速核分 and saved as a draft sits in the report's one table slot
/// (`overall`) with its kind: print and Word title it 项目支出绩效自评表, and so do the CSV, the
/// checker's findings and the figures every other output takes its names from.
#[test]
fn a_project_table_in_the_quick_score_slot_is_named_a_project_table_everywhere() {
    let mut report = report_of(SEED);
    let project = report.projects.remove(0);
    assert_eq!(project.kind, jixiao::model::report::TableKind::Project);
    report.overall = Some(project);
    let evaluation = evaluate(&report);
    let html = jixiao::model::print::report_html(&report, &evaluation, jixiao::model::print::PrintOptions::default());
    assert!(html.contains("项目支出绩效自评表</h2>") && !html.contains("部门整体支出绩效自评表</h2>"), "print titles it a 项目 table");
    let full = jixiao::model::print::report_html(&report, &evaluation, jixiao::model::print::PrintOptions { findings: true, explanations: true, ..Default::default() });
    // Its 计算说明 heading and its findings' place name it a 项目 table too (the rules' 依据 may
    // still cite the 部门整体 form they come from).
    assert!(full.contains("<h3>项目：市财政帮扶资金</h3>") && !full.contains("<h3>部门整体支出绩效自评表</h3>"), "计算说明");
    assert!(full.contains("（项目：市财政帮扶资金）") && !full.contains("（部门整体支出绩效自评表）"), "检查结果");
    let label = finding_scope::table_label(&report, "overall");
    assert_eq!(label, "项目支出绩效自评表：市财政帮扶资金");
    let figures = jixiao::model::figures::of_report(&report, &evaluation);
    assert_eq!(figures[0].title, label);
    let csv = csv::scored_table(&report, &evaluation, "overall").unwrap();
    assert!(csv.trim_start_matches('\u{feff}').starts_with("项目支出绩效自评表,市财政帮扶资金"), "{csv:.80}");
    let dir = scratch("quick-project");
    let file = dir.join("快速核分.json");
    std::fs::write(&file, json::save(&report, None)).unwrap();
    let (_, stdout, stderr) = run(&[file.to_str().unwrap()]);
    assert!(stdout.contains("  提示 [indicator.pending] 项目支出绩效自评表：市财政帮扶资金 第 4 行"), "{stdout}{stderr}");
    assert!(!stdout.contains("部门整体支出绩效自评表"), "{stdout}");
}

/// A 得分 declared with three decimals that jixiao takes as it is (a 定性 row not yet assessed
/// counts the unit's own score) is not a difference: 审核, the CLI and 附上计算结果 said
/// "填报 4.995，计算为 5.00" about one and the same number.
#[test]
fn a_declared_figure_jixiao_takes_as_it_is_does_not_differ() {
    let mut report = report_of(SEED);
    let row = report.overall.as_mut().unwrap().indicators.iter_mut().find(|i| i.name == "经费支出管理").unwrap();
    row.declared_score = Some("4.995".parse().unwrap());
    let evaluation = evaluate(&report);
    let figures = jixiao::model::figures::of_report(&report, &evaluation);
    let row = figures[0].rows.iter().find(|r| r.place.contains("经费支出管理")).unwrap();
    assert_eq!(row.score.computed, row.score.declared, "the pending row counts the declared score");
    assert!(!row.score.differs(), "{:?}", figures[0].why());
    assert_eq!(row.score.difference(), Some(rust_decimal::Decimal::ZERO));
    assert_eq!(row.score.beside(true), "4.995");
}
