//! `jixiao-check [--rules PACK.json]... [--pack ID] FILE...`: recomputes exported reports with
//! the same model code as the app.
//!
//! A file is taken by its content: a jixiao JSON report, or a Word (.docx), Excel (.xlsx, .xls),
//! WPS or web-page (.html) file whose 自评表 are recognised as the app's import does.
//!
//! `--rules` (repeatable) loads a bureau's own rule pack from a file (docs/rules.md); a report
//! naming its id is scored with it, and a file with a built-in id replaces that pack. `--pack ID`
//! scores every report under one pack instead of the one it names. A broken pack file is
//! reported naming the file and the field; the built-in packs keep working.
//!
//! Prints one line per file (file, 部门, rule pack, declared 总分, computed 总分, grade, errors,
//! warnings) and its findings; with `--json`, one JSON array with one object per scored table
//! plus one `"table": "报告"` object per file for the report-level findings.
//! Exit code: 0 no errors, 1 some report has errors, 2 a file could not be read or parsed.

use std::process::ExitCode;

use serde_json::{json, Value};

use jixiao::model::exchange::import::{open, Opened};
use jixiao::model::figures::{self, Figure};
use jixiao::model::shown;
use jixiao::model::rules;
use jixiao::model::{evaluate, evaluate_with, Evaluation, Report, Severity};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let as_json = args.iter().any(|a| a == "--json");
    let mut files: Vec<&String> = Vec::new();
    let mut pack_files: Vec<&String> = Vec::new();
    let mut forced: Option<&String> = None;
    let mut missing_value = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rules" | "--pack" => match (a.as_str(), it.next()) {
                ("--rules", Some(f)) => pack_files.push(f),
                (_, Some(id)) => forced = Some(id),
                (_, None) => missing_value = true,
            },
            _ if a.starts_with("--") || a == "-h" => {}
            _ => files.push(a),
        }
    }
    if files.is_empty() || missing_value || args.iter().any(|a| a == "--help" || a == "-h") {
        eprintln!("用法：jixiao-check [--json] [--rules 规则包.json]... [--pack 规则包编号] 文件 ...（.json 报告，或 .docx / .xlsx / .xls / .html / .pdf 自评表）");
        return ExitCode::from(2);
    }
    let mut rows: Vec<Value> = Vec::new();
    let mut any_errors = false;
    let mut unreadable = false;
    for file in pack_files {
        match std::fs::read_to_string(file).map_err(|e| format!("{file}: 无法读取评分规则文件：{e}")).and_then(|t| rules::parse(file, &t).map_err(|e| e.to_string())) {
            Ok(pack) => {
                rules::install(pack);
            }
            Err(message) => {
                eprintln!("{message}");
                unreadable = true;
            }
        }
    }
    let forced_pack = match forced {
        Some(id) => match rules::find(id) {
            Some(p) => Some(p),
            None => {
                eprintln!("未知的评分规则“{id}”。");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: 无法读取文件：{e}");
                unreadable = true;
                continue;
            }
        };
        let (report, unknown_fields, notes) = match open(file, &bytes, &decode) {
            Ok(Opened::Saved(loaded)) => (loaded.report, loaded.unknown_fields, Vec::new()),
            Ok(Opened::Tables(preview)) => {
                let mut notes: Vec<String> = preview.tables.iter().map(|t| format!("识别到{}（表 {}）", t.what, t.table)).collect();
                notes.extend(preview.leftovers.iter().map(|l| format!("未识别：{l}")));
                notes.extend(preview.notes);
                (preview.report, Vec::new(), notes)
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                unreadable = true;
                continue;
            }
        };
        let evaluation = match forced_pack {
            Some(pack) => evaluate_with(&report, pack),
            None => evaluate(&report),
        };
        any_errors |= evaluation.count(Severity::Error) > 0;
        if as_json {
            rows.extend(json_rows(file, &report, &evaluation));
        } else {
            print_text(file, &report, &evaluation);
            for field in &unknown_fields {
                println!("  提示 {field}: 本版本不认识该字段，已忽略");
            }
            for note in &notes {
                println!("  说明 {note}");
            }
        }
    }
    if as_json {
        println!("{}", serde_json::to_string_pretty(&Value::Array(rows)).unwrap_or_default());
    }
    if unreadable {
        ExitCode::from(2)
    } else if any_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Text in a legacy encoding (GBK web pages) through encoding_rs. This binary only runs natively;
/// `cargo test --target wasm32-unknown-unknown` compiles it too, where nothing decodes.
fn decode(label: &str, bytes: &[u8]) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    return jixiao::model::exchange::read::decode(label, bytes);
    #[cfg(target_arch = "wasm32")]
    {
        let _ = (label, bytes);
        None
    }
}

fn print_text(file: &str, report: &Report, evaluation: &Evaluation) {
    let figures = figures::of_report(report, evaluation);
    let first = figures.first();
    let dash = || "—".to_string();
    println!(
        "{file}\t{}\t{}\t填报总分 {}\t计算总分 {}\t{}\t错误 {}\t警告 {}",
        report.department,
        evaluation.rule_pack,
        first.map(|f| f.total.declared_text()).unwrap_or_else(dash),
        first.map(|f| f.total.computed_text()).unwrap_or_else(dash),
        first.and_then(|f| f.grade.computed.clone()).unwrap_or_else(dash),
        evaluation.count(Severity::Error),
        evaluation.count(Severity::Warning)
    );
    for f in figures.iter().skip(1) {
        println!("  {}\t填报总分 {}\t计算总分 {}\t{}", f.label, f.total.declared_text(), f.total.computed_text(), f.grade.computed.clone().unwrap_or_else(dash));
    }
    for f in &evaluation.findings {
        println!("  {} [{}] {}: {}", f.severity.label(), f.code, shown::field_name(report, &f.path, true), f.message);
    }
}

fn json_rows(file: &str, report: &Report, evaluation: &Evaluation) -> Vec<Value> {
    let finding_json = |f: &jixiao::model::Finding| {
        json!({"code": f.code, "severity": f.severity, "path": f.path, "field": shown::field_name(report, &f.path, true), "message": f.message})
    };
    let figure = |f: &Figure| json!({"declared": f.declared.map(|_| f.declared_text()), "computed": f.computed.map(|_| f.computed_text()), "differs": f.differs()});
    let mut rows = Vec::new();
    for f in figures::of_report(report, evaluation) {
        rows.push(json!({
            "file": file,
            "department": report.department,
            "table": f.label,
            "path": f.path,
            "rule_pack": evaluation.rule_pack,
            "rule_pack_hash": evaluation.rule_pack_hash,
            "declared_total": f.total.declared.map(|_| f.total.declared_text()),
            "computed_total": f.total.computed.map(|_| f.total.computed_text()),
            "declared_grade": f.grade.declared,
            "grade": f.grade.computed,
            "rate": figure(&f.rate),
            "budget_score": figure(&f.budget_score),
            "rows": f.rows.iter().map(|r| json!({"path": r.path, "place": r.place, "score": figure(&r.score)})).collect::<Vec<_>>(),
            "differences": f.why(),
            "findings": evaluation.findings_of(Some(f.path.as_str())).map(finding_json).collect::<Vec<_>>(),
        }));
    }
    rows.push(json!({
        "file": file,
        "department": report.department,
        "table": "报告",
        "path": "",
        "rule_pack": evaluation.rule_pack,
        "rule_pack_hash": evaluation.rule_pack_hash,
        "declared_total": null,
        "computed_total": null,
        "declared_grade": null,
        "grade": null,
        "findings": evaluation.findings_of(None).map(finding_json).collect::<Vec<_>>(),
    }));
    rows
}
