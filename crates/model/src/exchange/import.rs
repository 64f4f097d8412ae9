//! The import preview: what the recogniser made of a file or a paste (`jixiao-office`'s
//! `import::open`), which the user previews and confirms before anything is stored, and 导入's
//! report from it.
//!
//! Guarantees: the preview crosses from the
//! worker to the page as JSON ([`to_wire`] / [`from_wire`]) without losing a figure (the report
//! travels in the versioned envelope); nothing the recogniser did not place is dropped: it is
//! listed, and [`finish`] can keep it as a note on the report.

use serde_json::{json, Value};

use crate::exchange::found::{Column, ColumnOverride, Found, Proposal};
use crate::exchange::json;
use crate::exchange::text::{strip_bom, utf16};
use crate::check::Evaluation;
use crate::report::{NarrativeSection, Report};

/// Title of the narrative section that keeps the cells an import did not place.
pub const LEFTOVER_TITLE: &str = crate::report::IMPORT_NOTES_TITLE;

/// What the import preview shows and what 导入 needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    /// The recognised report (id empty; rule pack, year and department as proposed).
    pub report: Report,
    /// Each recognised table.
    pub tables: Vec<Found>,
    /// Every cell or paragraph not placed, as a line to show ("表 2 第 5 行第 3 列：“…”").
    pub leftovers: Vec<String>,
    /// Remarks of the reader and the recogniser (hidden rows, cells that did not parse…).
    pub notes: Vec<String>,
    /// Proposed rule pack, year and department, with the reason.
    pub proposal: Proposal,
    /// The columns assigned by hand this preview was read with.
    pub overrides: Vec<ColumnOverride>,
}

/// The user's choices in the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Id of the new draft.
    pub id: String,
    /// Rule pack id.
    pub rule_pack: String,
    /// 年度 (0 when unknown).
    pub year: u32,
    /// 部门（单位）名称.
    pub department: String,
    /// Keep the cells that were not placed as a narrative note on the report.
    pub keep_leftovers: bool,
}

/// One row of the preview's table list: what the department declared beside what jixiao
/// computes, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// The table's name ("部门整体支出绩效自评表", "项目支出绩效自评表：…").
    pub table: String,
    /// 填报总分 as written, or "—".
    pub declared: String,
    /// 计算总分, or "—" when it cannot be computed.
    pub computed: String,
    /// 评价等次 computed, or "—".
    pub grade: String,
    /// Errors found in the table.
    pub errors: usize,
}

/// The figures of every scored table of a recognised report under its rule pack, as the one
/// figures policy (`model::figures`) writes them.
pub fn figures(report: &Report, evaluation: &Evaluation) -> Vec<Figures> {
    crate::figures::of_report(report, evaluation)
        .into_iter()
        .map(|f| Figures {
            declared: f.total.declared_text(),
            computed: f.total.computed_text(),
            grade: f.grade.computed.clone().unwrap_or_else(|| crate::view::MISSING.into()),
            errors: f.errors,
            table: f.label,
        })
        .collect()
}

/// Whether a file's first bytes start a JSON object (after a byte-order mark and blanks): such
/// a file is opened as a saved report, anything else goes to the table readers. Rich Text
/// (`{\rtf`, often saved under a .doc name) is not JSON: the readers explain it.
pub fn looks_like_json(head: &[u8]) -> bool {
    let first = match utf16(head) {
        // UTF-16 with a byte-order mark: the ASCII of the first characters.
        Some(label) => {
            let units = head[2..].chunks_exact(2).map(|p| if label == "utf-16le" { [p[0], p[1]] } else { [p[1], p[0]] });
            units.filter(|p| p[1] == 0).map(|p| p[0]).find(|b| !b.is_ascii_whitespace())
        }
        None => strip_bom(head).iter().copied().find(|b| !b.is_ascii_whitespace()),
    };
    // Rich Text (`{\rtf`, often saved under a .doc name) is not JSON: the readers explain it.
    first == Some(b'{') && !strip_bom(head).trim_ascii_start().starts_with(b"{\\rtf")
}

/// The text of a JSON file: UTF-8 (a byte-order mark dropped), or UTF-16 when it starts with a
/// UTF-16 byte-order mark; malformed sequences become U+FFFD, which the JSON loader then names.
pub fn json_text(bytes: &[u8]) -> String {
    match utf16(bytes) {
        Some(label) => {
            let units = bytes[2..].chunks_exact(2).map(|p| if label == "utf-16le" { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
            char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
        }
        None => String::from_utf8_lossy(strip_bom(bytes)).into_owned(),
    }
}

/// What was not read, in words, one sentence per table that lost figures: "表 1（项目支出绩效自评
/// 表：某项目）：3 个实际完成值未读入（第 5 列）". The preview shows these on the table, not only
/// in the list of cells.
pub fn unread(preview: &Preview) -> Vec<String> {
    preview.tables.iter().filter(|t| !t.unread.is_empty()).map(|t| format!("表 {}（{}）：{}。", t.table, t.what, t.unread.join("；"))).collect()
}

/// The report 导入 stores: the preview's report with the user's choices, and the unplaced cells
/// as a note when asked.
pub fn finish(preview: &Preview, choice: &Choice) -> Report {
    let mut report = preview.report.clone();
    report.id = choice.id.clone();
    report.rule_pack = choice.rule_pack.clone();
    report.year = choice.year;
    report.department = choice.department.trim().to_string();
    if let Some(overall) = report.overall.as_mut() {
        if overall.name.trim().is_empty() {
            overall.name = report.department.clone();
        }
    }
    for found in preview.tables.iter().filter(|t| !t.unread.is_empty()) {
        if let Some(table) = crate::edit::table_mut(&mut report, &found.path) {
            table.import_unread = found.unread.join("；");
        }
    }
    if choice.keep_leftovers && !preview.leftovers.is_empty() {
        report.narrative.push(NarrativeSection { title: LEFTOVER_TITLE.to_string(), text: preview.leftovers.join("\n") });
    }
    report
}

/// Puts the first scored table of a pasted or imported preview in place of the table at `path`
/// (`overall` or `projects[i]`) of an open report, keeping that table's kind; returns the
/// table's name, or `None` when the preview has no scored table or `path` names none.
pub fn place_table(report: &mut Report, path: &str, preview: &Preview) -> Option<String> {
    let (_, found) = preview.report.scored_tables().into_iter().next()?;
    let mut table = found.clone();
    let slot = crate::edit::table_mut(report, path)?;
    table.kind = slot.kind;
    let what = preview.tables.iter().find(|t| t.path.starts_with("overall") || t.path.starts_with("projects")).map(|t| t.what.clone());
    *slot = table;
    Some(what.unwrap_or_else(|| slot.name.clone()))
}

/// The preview as JSON text, for the trip from the reader worker to the page.
pub fn to_wire<E: std::fmt::Display>(result: &Result<Preview, E>) -> String {
    let value = match result {
        Err(e) => json!({ "ok": false, "error": e.to_string() }),
        Ok(p) => json!({
            "ok": true,
            "report": json::save(&p.report, None),
            "tables": p.tables.iter().map(|t| json!({
                "what": t.what, "path": t.path, "table": t.table, "unread": t.unread, "header": t.header,
                "columns": t.columns.iter().map(|c| json!({ "column": c.column, "head": c.head, "field": c.field })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "overrides": overrides_value(&p.overrides),
            "leftovers": p.leftovers,
            "notes": p.notes,
            "proposal": {
                "rule_pack": p.proposal.rule_pack,
                "year": p.proposal.year,
                "department": p.proposal.department,
                "why": p.proposal.why,
            },
        }),
    };
    value.to_string()
}

/// Reads [`to_wire`]'s text back: the preview, or the Chinese message of why the file could
/// not be imported.
pub fn from_wire(text: &str) -> Result<Preview, String> {
    let bad = || "读取结果无法解析，请重试。".to_string();
    let value: Value = serde_json::from_str(text).map_err(|_| bad())?;
    if value["ok"] != Value::Bool(true) {
        return Err(value["error"].as_str().map(str::to_string).unwrap_or_else(bad));
    }
    let report = json::load(value["report"].as_str().ok_or_else(bad)?).map_err(|e| e.to_string())?.report;
    let strings = |key: &str| -> Vec<String> {
        value[key].as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default()
    };
    let text_of = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let tables = value["tables"].as_array().map(|a| a.iter().map(found_from_wire).collect()).unwrap_or_default();
    let p = &value["proposal"];
    let proposal = Proposal {
        rule_pack: text_of(&p["rule_pack"]),
        year: p["year"].as_u64().and_then(|y| u32::try_from(y).ok()),
        department: text_of(&p["department"]),
        why: text_of(&p["why"]),
    };
    let overrides = overrides_from(&value["overrides"]);
    Ok(Preview { report, tables, leftovers: strings("leftovers"), notes: strings("notes"), proposal, overrides })
}

fn found_from_wire(t: &Value) -> Found {
    let text_of = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let strings = |v: &Value| -> Vec<String> { v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default() };
    let number = |v: &Value| usize::try_from(v.as_u64().unwrap_or(0)).unwrap_or(0);
    Found {
        what: text_of(&t["what"]),
        path: text_of(&t["path"]),
        table: number(&t["table"]),
        unread: strings(&t["unread"]),
        header: text_of(&t["header"]),
        columns: t["columns"]
            .as_array()
            .map(|a| a.iter().map(|c| Column { column: number(&c["column"]), head: text_of(&c["head"]), field: text_of(&c["field"]) }).collect())
            .unwrap_or_default(),
    }
}

/// Column assignments as JSON: `[{"table": 1, "column": 5, "field": "actual"}, …]`.
pub fn overrides_to_json(overrides: &[ColumnOverride]) -> String {
    // Not `Value::to_string`: its Display goes through an I/O adapter whose error texts would be
    // linked into the start-up module.
    serde_json::to_string(&overrides_value(overrides)).unwrap_or_default()
}

fn overrides_value(overrides: &[ColumnOverride]) -> Value {
    Value::Array(overrides.iter().map(|o| json!({ "table": o.table, "column": o.column, "field": o.field })).collect())
}

/// Reads [`overrides_to_json`]'s text (anything else reads as no assignment).
pub fn overrides_from_json(text: &str) -> Vec<ColumnOverride> {
    serde_json::from_str::<Value>(text).map(|v| overrides_from(&v)).unwrap_or_default()
}

fn overrides_from(v: &Value) -> Vec<ColumnOverride> {
    let number = |v: &Value| usize::try_from(v.as_u64().unwrap_or(0)).unwrap_or(0);
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|o| ColumnOverride { table: number(&o["table"]), column: number(&o["column"]), field: o["field"].as_str().unwrap_or_default().to_string() })
                .filter(|o| o.table > 0 && o.column > 0)
                .collect()
        })
        .unwrap_or_default()
}


#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn finish_applies_the_choices_and_keeps_the_leftovers_as_a_note() {
        let preview = Preview {
            leftovers: vec!["表 1 第 30 行第 1 列：“注：…”".into()],
            report: Report { overall: Some(Default::default()), ..Report::default() },
            ..Preview::default()
        };
        let choice = Choice { id: "x1".into(), rule_pack: "hunan-2024".into(), year: 2024, department: " 岳阳市总工会 ".into(), keep_leftovers: true };
        let r = finish(&preview, &choice);
        assert_eq!((r.id.as_str(), r.rule_pack.as_str(), r.year, r.department.as_str()), ("x1", "hunan-2024", 2024, "岳阳市总工会"));
        assert_eq!(r.overall.unwrap().name, "岳阳市总工会");
        assert_eq!(r.narrative.last().map(|s| (s.title.as_str(), s.text.as_str())), Some((LEFTOVER_TITLE, "表 1 第 30 行第 1 列：“注：…”")));
        let r = finish(&preview, &Choice { keep_leftovers: false, ..choice });
        assert!(r.narrative.is_empty());
    }

    #[test]
    fn json_is_told_by_its_first_bytes() {
        assert!(looks_like_json(b"\xEF\xBB\xBF \n{\"format\""));
        assert!(!looks_like_json(b"PK\x03\x04"));
        assert!(!looks_like_json(b"<html>"));
        assert!(!looks_like_json(b""));
        assert!(!looks_like_json(b"{\\rtf1\\ansi"));
    }

}
