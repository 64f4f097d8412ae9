//! 部门决算 files: the project's versioned envelope with its own `format` tag,
//! `{"format": "jixiao-final-accounts", "version": 1, "app_version": "…", "accounts": {…}}`.
//!
//! Guarantees: figures are written as exact strings and read through `num::json_decimal` (never
//! a float); loading never panics and names the field it could not read; saving is
//! deterministic (export → import → export is byte-identical).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{FaRow, FaTable, FinalAccounts};
use crate::num::json_decimal;

/// The `format` tag of this family.
pub const FORMAT: &str = crate::exchange::json::FINAL_ACCOUNTS_FORMAT;
/// The version written.
pub const VERSION: u64 = 1;

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    app_version: &'static str,
    accounts: &'a FinalAccounts,
}

/// Browser storage key prefix of a 决算 draft (its saved JSON), as the app's import and the
/// pages module both write it.
pub const DRAFT_PREFIX: &str = "jixiao.fa.";
/// Browser storage key prefix of a 决算 draft's name and save time ([`draft_meta`]).
pub const META_PREFIX: &str = "jixiao.fa-meta.";

/// A 决算 draft's stored name and save time (ms): `{"name": …, "saved": …}`.
pub fn draft_meta(name: &str, saved: u64) -> String {
    format!("{{\"name\":{},\"saved\":{saved}}}", serde_json::to_string(name).unwrap_or_default())
}

/// The name and save time (ms) of a record written by [`draft_meta`]; `("", 0)` for one that
/// does not read.
pub fn read_meta(text: &str) -> (String, u64) {
    let v: Value = serde_json::from_str(text).unwrap_or_default();
    (v["name"].as_str().unwrap_or_default().to_string(), v["saved"].as_u64().unwrap_or(0))
}

/// Writes a document, pretty-printed.
pub fn save(fa: &FinalAccounts) -> String {
    let env = Envelope { format: FORMAT, version: VERSION, app_version: crate::exchange::json::APP_VERSION, accounts: fa };
    serde_json::to_string_pretty(&env).unwrap_or_default()
}

/// Whether a JSON text is a 决算 file: its `format` tag near the start (where [`save`] writes
/// it), without parsing the whole text; a false "yes" only costs a 决算 load error.
pub fn is_final_accounts(text: &str) -> bool {
    let head: String = text.chars().take(300).collect();
    head.contains(&format!("\"{FORMAT}\""))
}

fn text(v: &Value, key: &str, path: &str) -> Result<String, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("字段 {path}.{key} 应为文字。")),
    }
}

fn list<'a>(v: &'a Value, key: &str, path: &str) -> Result<&'a [Value], String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(format!("字段 {path}.{key} 应为列表。")),
    }
}

/// Reads a 决算 file; the error is a Chinese sentence naming the field.
pub fn load(input: &str) -> Result<FinalAccounts, String> {
    let v: Value = serde_json::from_str(input).map_err(|e| format!("文件不是有效的 JSON：第 {} 行第 {} 列附近有错误。", e.line(), e.column()))?;
    match v.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => return Err(format!("这是其他格式的文件（format 为“{other}”），不是部门决算。")),
        None => return Err(format!("这不是部门决算文件：缺少 \"format\": \"{FORMAT}\" 标记。")),
    }
    match v.get("version").and_then(Value::as_u64) {
        Some(n) if (1..=VERSION).contains(&n) => {}
        Some(n) if n > VERSION => return Err(format!("该文件由更新版本的应用生成（格式版本 {n}），请升级应用后再打开。")),
        _ => return Err("文件缺少有效的版本号（version）。".into()),
    }
    let a = v.get("accounts").filter(|a| a.is_object()).ok_or("文件缺少部门决算内容（accounts）。")?;
    let mut fa = FinalAccounts {
        year: text(a, "year", "accounts")?,
        department: text(a, "department", "accounts")?,
        unit: text(a, "unit", "accounts")?,
        statement: text(a, "statement", "accounts")?,
        glossary: text(a, "glossary", "accounts")?,
        ..FinalAccounts::default()
    };
    for (ti, t) in list(a, "tables", "accounts")?.iter().enumerate() {
        let p = format!("accounts.tables[{ti}]");
        let mut table = FaTable { form: text(t, "form", &p)?, title: text(t, "title", &p)?, note: text(t, "note", &p)?, ..FaTable::default() };
        for c in list(t, "columns", &p)? {
            table.columns.push(c.as_str().ok_or(format!("字段 {p}.columns 应为文字列表。"))?.to_string());
        }
        for (ri, r) in list(t, "rows", &p)?.iter().enumerate() {
            let rp = format!("{p}.rows[{ri}]");
            let mut row = FaRow { code: text(r, "code", &rp)?, name: text(r, "name", &rp)?, values: Vec::new() };
            for (ci, c) in list(r, "values", &rp)?.iter().enumerate() {
                // Named as a person reads the table; the path (for whoever edits the file) in brackets.
                let what = format!("《{}》“{}”的第 {} 个数", table.title.trim(), row.name.trim(), ci + 1);
                row.values.push(json_decimal(c).map_err(|e| format!("{what}有误：{}（字段 {rp}.values[{ci}]）。", e.trim_end_matches('。')))?);
            }
            table.rows.push(row);
        }
        fa.tables.push(table);
    }
    if let Some(Value::Object(m)) = a.get("last_year") {
        let mut map = BTreeMap::new();
        for (k, val) in m {
            if let Some(d) = json_decimal(val).map_err(|e| format!("字段 accounts.last_year.{k} 有误：{e}"))? {
                map.insert(k.clone(), d);
            }
        }
        fa.last_year = map;
    }
    Ok(fa)
}
