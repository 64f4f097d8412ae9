//! The saved and exported JSON format: a versioned envelope around a [`Report`].
//!
//! `{"format": "jixiao-report", "version": 1, "app_version": "…", "report": {…}, "computed": {…}}`
//!
//! Guarantees: loading never panics and never guesses: text that is not JSON, another format, a
//! version newer than this app, or a field of the wrong type is a [`LoadError`] naming the place;
//! older versions are upgraded step by step ([`upgrade`]); fields this version does not know are
//! reported (not silently dropped). `computed` is written for reviewers and ignored on load:
//! figures are always recomputed. Saving is deterministic, so export → import → export is
//! byte-identical.

use serde::Serialize;
use serde_json::Value;

use crate::check::Evaluation;
use crate::report::Report;

/// The `format` tag.
pub const FORMAT: &str = "jixiao-report";
/// The version this app writes.
pub const VERSION: u64 = 1;
/// This app's version, written into every file.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The `format` tag of a saved 部门决算 (`model::final_accounts::json`).
pub const FINAL_ACCOUNTS_FORMAT: &str = "jixiao-final-accounts";

/// What the browser says of a 部门决算 file (its tables, or its saved JSON) until it has the 决算
/// editor.
pub const FINAL_ACCOUNTS_MESSAGE: &str = "这是部门决算文件（决算公开表），不是绩效自评报告；请在首页“导入报告文件”打开它（部门决算编辑），也可用 jixiao-check 检查它。";

/// Why a file could not be loaded. Each variant's message is a Chinese sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON at all.
    Syntax { line: usize, column: usize, message: String },
    /// JSON, but not an object with `format`.
    NotAReport,
    /// Another program's format.
    OtherFormat(String),
    /// `version` missing or not a whole number.
    BadVersion,
    /// Written by a newer jixiao.
    NewerVersion(u64),
    /// `report` missing.
    MissingReport,
    /// A field has the wrong type or an invalid value.
    Invalid { path: String, message: String },
    /// A 部门决算 file (by its `format` tag) that did not load: the 决算 loader's own sentence.
    FinalAccounts(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Syntax { line, column, message } => {
                write!(f, "文件不是有效的 JSON：第 {line} 行第 {column} 列附近有错误（{message}）。")
            }
            LoadError::NotAReport => write!(f, "这不是绩效自评报告文件：缺少 \"format\": \"{FORMAT}\" 标记。"),
            LoadError::OtherFormat(other) if other == FINAL_ACCOUNTS_FORMAT => f.write_str(FINAL_ACCOUNTS_MESSAGE),
            LoadError::OtherFormat(other) => write!(f, "这是其他格式的文件（format 为“{other}”），不是绩效自评报告。"),
            LoadError::BadVersion => write!(f, "文件缺少有效的版本号（version）。"),
            LoadError::NewerVersion(v) => write!(
                f,
                "该文件由更新版本的应用生成（格式版本 {v}，本应用支持到 {VERSION}），请升级应用后再打开；原文件未作任何改动。"
            ),
            LoadError::MissingReport => write!(f, "文件缺少报告内容（report）。"),
            LoadError::FinalAccounts(message) => write!(f, "{message}"),
            LoadError::Invalid { path, message } => {
                // Named as a person would; the path (for whoever edits the file) in brackets.
                let field = path.strip_prefix("report.").unwrap_or(path);
                let words = crate::finding_scope::field_name(&Report::default(), field, true);
                if words.is_empty() || field == path {
                    write!(f, "字段 {path} 有误：{message}。")
                } else {
                    write!(f, "“{words}”有误：{}（字段 {path}）。", message.trim_end_matches('。'))
                }
            }
        }
    }
}

/// A loaded report and what the loader has to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The report, upgraded to the current version.
    pub report: Report,
    /// The version the file had.
    pub from_version: u64,
    /// Fields the file had that this version does not know (they are not kept).
    pub unknown_fields: Vec<String>,
}

/// Loads a report file.
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: crate::exchange::text::json_error_kind(&e),
    })?;
    let Value::Object(mut envelope) = value else { return Err(LoadError::NotAReport) };
    match envelope.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => return Err(LoadError::OtherFormat(f.clone())),
        _ => return Err(LoadError::NotAReport),
    }
    let version = envelope.get("version").and_then(Value::as_u64).ok_or(LoadError::BadVersion)?;
    if version == 0 {
        return Err(LoadError::BadVersion);
    }
    if version > VERSION {
        return Err(LoadError::NewerVersion(version));
    }
    let mut report_value = envelope.remove("report").ok_or(LoadError::MissingReport)?;
    if !report_value.is_object() {
        return Err(LoadError::Invalid { path: "report".into(), message: "应为对象".into() });
    }
    for from in version..VERSION {
        report_value = upgrade(report_value, from);
    }
    let (report, unknown) = crate::edit::from_json(&report_value)
        .map_err(|e| LoadError::Invalid { path: format!("report.{}", e.path), message: e.message })?;
    let mut unknown_fields: Vec<String> = unknown.into_iter().map(|p| format!("report.{p}")).collect();
    for key in envelope.keys() {
        if !["format", "version", "app_version", "computed"].contains(&key.as_str()) {
            unknown_fields.push(key.clone());
        }
    }
    Ok(Loaded { report, from_version: version, unknown_fields })
}

/// One upgrade step, from `version` to `version + 1`. Version 1 is the first; the chain is
/// here so that version 2 adds one arm and one fixture, never edits old ones.
pub fn upgrade(report: Value, version: u64) -> Value {
    // Version 1 is current, so there is no step yet; version 2 adds `1 => v1_to_v2(report)`.
    let _ = version;
    report
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    app_version: &'static str,
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    computed: Option<&'a Evaluation>,
}

/// Writes a report (with the computed figures and findings when given), pretty-printed.
pub fn save(report: &Report, computed: Option<&Evaluation>) -> String {
    let envelope = Envelope { format: FORMAT, version: VERSION, app_version: APP_VERSION, report, computed };
    let mut text = serde_json::to_string_pretty(&envelope).unwrap_or_default();
    text.push('\n');
    text
}

/// The start of every file name a report is exported under: `{部门}-{年度}`.
pub fn file_stem(report: &Report) -> String {
    let department = report.department.trim();
    format!("{}-{}", if department.is_empty() { "未填部门" } else { department }, report.year)
}

/// The name of the exported JSON file: `{部门}-{年度}-绩效自评.json`.
pub fn export_file_name(report: &Report) -> String {
    format!("{}-绩效自评.json", file_stem(report))
}

/// Writes a report on one line, for browser storage (about a third smaller than [`save`];
/// [`load`] reads both).
pub fn save_compact(report: &Report) -> String {
    compact(&save(report, None))
}

/// serde_json's compact form of its own pretty-printed text: the whitespace between tokens is
/// dropped, strings are copied as they are. Going through the pretty printer means the derived
/// serializers are compiled once, not once per output style (3 KB of the gzipped app).
pub fn compact(pretty: &str) -> String {
    let mut out = Vec::with_capacity(pretty.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in pretty.as_bytes() {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
            out.push(b);
        } else if !b.is_ascii_whitespace() {
            out.push(b);
        }
    }
    // Only ASCII whitespace outside strings was removed, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// The `format` tag of a backup of all drafts.
pub const BACKUP_FORMAT: &str = "jixiao-backup";

/// One draft in a backup: its saved text exactly as stored, with its name and save time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupDraft {
    /// Draft id.
    pub id: String,
    /// The name shown in the draft list.
    pub name: String,
    /// Last save, milliseconds since 1970.
    pub saved: u64,
    /// The stored envelope text (loaded with [`load`] on restore).
    pub text: String,
}

/// A quarantined storage entry in a backup: its key and text, untouched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupEntry {
    /// Storage key it was found under.
    pub key: String,
    /// Its text as found.
    pub text: String,
}

/// A backup of every draft and quarantined entry of one browser (全部备份).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backup {
    /// Always [`BACKUP_FORMAT`].
    pub format: String,
    /// Backup format version (1).
    pub version: u64,
    /// App version that wrote it.
    pub app_version: String,
    /// Drafts.
    pub drafts: Vec<BackupDraft>,
    /// Quarantined entries.
    pub quarantine: Vec<BackupEntry>,
    /// Rule packs the user imported (key: the pack id, text: the pack file). Older backups
    /// have none; older apps ignore the list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<BackupEntry>,
    /// 部门决算 drafts (issue 24): the saved 决算 JSON as stored, with the name and save time of
    /// its record (`final_accounts::json::draft_meta`). Older backups have none; older apps
    /// ignore the list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub final_accounts: Vec<BackupDraft>,
}

/// Writes a backup, pretty-printed.
pub fn save_backup(drafts: Vec<BackupDraft>, quarantine: Vec<BackupEntry>) -> String {
    save_backup_with_rules(drafts, quarantine, Vec::new())
}

/// Writes a backup that also holds the imported rule packs.
pub fn save_backup_with_rules(drafts: Vec<BackupDraft>, quarantine: Vec<BackupEntry>, rules: Vec<BackupEntry>) -> String {
    save_backup_with_accounts(drafts, quarantine, rules, Vec::new())
}

/// Writes a backup that holds everything of one browser: the 自评 drafts, the quarantined
/// entries, the imported rule packs and the 部门决算 drafts.
pub fn save_backup_with_accounts(drafts: Vec<BackupDraft>, quarantine: Vec<BackupEntry>, rules: Vec<BackupEntry>, final_accounts: Vec<BackupDraft>) -> String {
    let backup = Backup { format: BACKUP_FORMAT.into(), version: 1, app_version: APP_VERSION.into(), drafts, quarantine, rules, final_accounts };
    let mut text = serde_json::to_string_pretty(&backup).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a backup file; the message says what is wrong in Chinese.
pub fn load_backup(text: &str) -> Result<Backup, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("备份文件不是有效的 JSON：第 {} 行第 {} 列附近有错误（{}）。", e.line(), e.column(), crate::exchange::text::json_error_kind(&e)))?;
    match value.get("format").and_then(Value::as_str) {
        Some(BACKUP_FORMAT) => {}
        Some(FORMAT) => return Err("这是单个报告文件，不是备份文件；请在首页用“导入”打开它。".into()),
        _ => return Err("这不是绩效自评的备份文件（缺少 \"format\": \"jixiao-backup\" 标记）。".into()),
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(v) if v > 1 => return Err(format!("该备份由更新版本的应用生成（备份格式版本 {v}），请升级应用后再恢复。")),
        _ => return Err("备份文件缺少有效的版本号（version）。".into()),
    }
    // Read by hand rather than through a derived deserializer: four string fields per entry.
    let bad = |what: &str| format!("备份文件内容有误：{what}。");
    let text_of = |entry: &Value, key: &str, what: &str| entry.get(key).and_then(Value::as_str).map(str::to_string).ok_or_else(|| bad(what));
    let list = |key: &str| value.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let drafts_of = |key: &str, what: &str| -> Result<Vec<BackupDraft>, String> {
        let mut drafts = Vec::new();
        for (i, entry) in list(key).iter().enumerate() {
            drafts.push(BackupDraft {
                id: text_of(entry, "id", &format!("第 {} 个{what}缺少 id", i + 1))?,
                name: entry.get("name").and_then(Value::as_str).unwrap_or_default().to_string(),
                saved: entry.get("saved").and_then(Value::as_u64).ok_or_else(|| bad(&format!("第 {} 个{what}缺少保存时间", i + 1)))?,
                text: text_of(entry, "text", &format!("第 {} 个{what}缺少内容", i + 1))?,
            });
        }
        Ok(drafts)
    };
    let drafts = drafts_of("drafts", "草稿")?;
    let final_accounts = drafts_of("final_accounts", "部门决算草稿")?;
    let mut quarantine = Vec::new();
    for (i, entry) in list("quarantine").iter().enumerate() {
        let what = format!("第 {} 个无法读取的条目不完整", i + 1);
        quarantine.push(BackupEntry { key: text_of(entry, "key", &what)?, text: text_of(entry, "text", &what)? });
    }
    let mut rules = Vec::new();
    for (i, entry) in list("rules").iter().enumerate() {
        let what = format!("第 {} 个评分规则不完整", i + 1);
        rules.push(BackupEntry { key: text_of(entry, "key", &what)?, text: text_of(entry, "text", &what)? });
    }
    let app_version = value.get("app_version").and_then(Value::as_str).unwrap_or_default().to_string();
    Ok(Backup { format: BACKUP_FORMAT.into(), version: 1, app_version, drafts, quarantine, rules, final_accounts })
}

/// What restoring one backed-up draft does to the draft of the same id in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// No draft with this id here: add it.
    Add,
    /// The backup's copy is newer: replace.
    Replace,
    /// Same save time: nothing to do.
    Same,
    /// The draft here is newer than the backup's: ask before replacing.
    Ask,
}

/// Merging by id, never overwriting a newer draft without asking.
pub fn merge(local_saved: Option<u64>, backup_saved: u64) -> Merge {
    match local_saved {
        None => Merge::Add,
        Some(l) if l == backup_saved => Merge::Same,
        Some(l) if l < backup_saved => Merge::Replace,
        Some(_) => Merge::Ask,
    }
}
