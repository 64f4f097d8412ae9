//! The one module that talks to browser storage (`localStorage`). Keys:
//!
//! - `jixiao.draft.<id>`: the draft in the versioned envelope of `model::exchange::json` (one line);
//! - `jixiao.meta.<id>`: its name, last save time, the tab that saved it and when the last
//!   snapshot was taken (JSON), so an autosave never has to read the snapshots;
//! - `jixiao.snapshots.<id>`: up to 20 earlier versions, at most one per minute of editing;
//! - `jixiao.quarantine.<key>`: an entry that did not load, moved aside untouched;
//! - `jixiao.rules.<id>`: a rule pack file the user imported on 评分规则, as read;
//! - `jixiao.columns.<header words>`: the columns a person assigned by hand in the import
//!   preview for tables with that header (`[{"column": 5, "field": "actual"}]`).
//!
//! Guarantees: a failed write returns a Chinese message and leaves what was stored before; a
//! draft that another tab saved after this tab last loaded or saved it is never overwritten
//! (`SaveError::Conflict`); an entry that does not load (corrupt, or from a newer app) is moved
//! to the quarantine with its text unchanged and never stops the others from loading.

use std::cell::OnceCell;

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::model::exchange::json::{self, BackupDraft, BackupEntry, LoadError, Merge};
use crate::model::report::Report;

/// Key prefix of a draft.
pub const DRAFT_PREFIX: &str = "jixiao.draft.";
/// Key prefix of a draft's metadata.
pub const META_PREFIX: &str = "jixiao.meta.";
/// Key prefix of a draft's snapshots.
pub const SNAPSHOT_PREFIX: &str = "jixiao.snapshots.";
/// Key prefix of quarantined entries (followed by the entry's original key).
pub const QUARANTINE_PREFIX: &str = "jixiao.quarantine.";
/// Key prefix of imported rule pack files (followed by the pack id).
pub const RULES_PREFIX: &str = "jixiao.rules.";
/// Key prefix of hand-made column assignments (followed by the table's header words).
pub const COLUMNS_PREFIX: &str = "jixiao.columns.";
/// Snapshots kept per draft.
pub const SNAPSHOTS_KEPT: usize = 20;
/// At most one snapshot per this many milliseconds while editing.
pub const SNAPSHOT_INTERVAL_MS: u64 = 60_000;

/// A draft's metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    /// Name in the draft list.
    pub name: String,
    /// Last save, milliseconds since 1970 (strictly increasing per draft).
    pub saved: u64,
    /// The tab that saved it last.
    pub writer: String,
    /// When the last snapshot was taken (0: unknown), so a save need not read the snapshots.
    pub snapshot: u64,
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The browser refused the write (storage full or disabled): what to do, in Chinese.
    Full(String),
    /// Another tab saved this draft after this tab last loaded or saved it.
    Conflict(Meta),
}

/// One entry of the draft list.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEntry {
    /// Draft id.
    pub id: String,
    /// The draft.
    pub report: Report,
    /// Its metadata.
    pub meta: Meta,
}

/// A quarantined entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantined {
    /// The key it was found under.
    pub key: String,
    /// Its text, untouched.
    pub text: String,
    /// Why it did not load.
    pub reason: String,
}

/// A stored earlier version of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// When it was taken.
    pub saved: u64,
    /// The envelope text.
    pub text: String,
}

/// Everything removed by [`take`], to put back for 撤销删除.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    entries: Vec<(String, String)>,
}

fn store() -> Option<web_sys::Storage> {
    // Only when the browser gives it without an error (disabled, or a file:// page in some
    // browsers): gloo-storage's `raw` throws otherwise.
    web_sys::window()?.local_storage().ok()??;
    Some(LocalStorage::raw())
}

fn get(key: &str) -> Option<String> {
    store()?.get_item(key).ok()?
}

fn full_message() -> String {
    "浏览器存储空间已满或不可用，最近的修改未能保存（本页中的内容仍在）。请立即下载 JSON 备份；删除不用的草稿或历史版本后会自动继续保存。".into()
}

fn set(key: &str, value: &str) -> Result<(), String> {
    let store = store().ok_or_else(full_message)?;
    store.set_item(key, value).map_err(|_| full_message())
}

fn remove(key: &str) {
    if let Some(store) = store() {
        store.remove_item(key).ok();
    }
}

fn keys() -> Vec<String> {
    let Some(store) = store() else { return Vec::new() };
    let n = store.length().unwrap_or(0);
    (0..n).filter_map(|i| store.key(i).ok().flatten()).collect()
}

/// The text stored under `key` (for the 部门决算 drafts, `app::final_accounts`).
pub fn get_text(key: &str) -> Option<String> {
    get(key)
}

/// Stores `value` under `key`, or says in Chinese why it could not.
pub fn set_text(key: &str, value: &str) -> Result<(), String> {
    set(key, value)
}

/// Removes `key`.
pub fn remove_text(key: &str) {
    remove(key);
}

/// The stored keys that start with `prefix`.
pub fn keys_with(prefix: &str) -> Vec<String> {
    keys().into_iter().filter(|k| k.starts_with(prefix)).collect()
}

/// Milliseconds since 1970.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// This page's id, written into the metadata of every save.
pub fn tab_id() -> String {
    thread_local! {
        static TAB: OnceCell<String> = const { OnceCell::new() };
    }
    TAB.with(|t| t.get_or_init(|| format!("t{}-{}", now_ms(), (js_sys::Math::random() * 1e9) as u64)).clone())
}

/// The metadata of draft `id`.
pub fn meta(id: &str) -> Option<Meta> {
    store()?;
    get(&format!("{META_PREFIX}{id}")).and_then(|t| meta_from(&t))
}

/// A stored metadata text, read through `serde_json::Value` (which drafts are read with anyway)
/// rather than a derived deserializer, whose code was 2 KB gzip of the start-up. A missing field
/// counts as its default (as `#[serde(default)]` had it), and so does one of another kind (the
/// derived reader refused the whole metadata then; the app never writes such); text that is not
/// a JSON object is no metadata.
fn meta_from(text: &str) -> Option<Meta> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let text_of = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let number = |k: &str| v[k].as_u64().unwrap_or(0);
    v.is_object().then(|| Meta { name: text_of("name"), saved: number("saved"), writer: text_of("writer"), snapshot: number("snapshot") })
}

/// The name a draft gets when it has none.
pub fn default_name(report: &Report) -> String {
    let department = if report.department.trim().is_empty() { "未填部门" } else { report.department.trim() };
    format!("{department} {}年度绩效自评", report.year)
}

/// The stored draft `id`, if there is one.
pub fn load(id: &str) -> Option<Result<(Report, Meta), LoadError>> {
    let text = get(&format!("{DRAFT_PREFIX}{id}"))?;
    Some(json::load(&text).map(|l| {
        let meta = meta(id).unwrap_or_else(|| Meta { name: default_name(&l.report), ..Meta::default() });
        (l.report, meta)
    }))
}

/// Saves a draft unless another tab saved it after `base` (the save time this tab last loaded
/// or wrote). Returns the new metadata.
pub fn save(report: &Report, base: u64) -> Result<Meta, SaveError> {
    let previous = meta(&report.id);
    if let Some(m) = &previous {
        if m.saved > base && m.writer != tab_id() {
            return Err(SaveError::Conflict(m.clone()));
        }
    }
    write(report, None, previous.as_ref()).map_err(SaveError::Full)
}

/// Writes a draft without the conflict check (new drafts, restores, a user's choice). It keeps
/// the name (unless `name` gives one) and the snapshot time of `previous`, the metadata stored
/// so far, and saves strictly after it.
pub fn write(report: &Report, name: Option<String>, previous: Option<&Meta>) -> Result<Meta, String> {
    set(&format!("{DRAFT_PREFIX}{}", report.id), &json::save_compact(report))?;
    let meta = Meta {
        name: name.or_else(|| previous.map(|m| m.name.clone())).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| default_name(report)),
        saved: now_ms().max(previous.map(|m| m.saved).unwrap_or(0) + 1),
        writer: tab_id(),
        snapshot: previous.map(|m| m.snapshot).unwrap_or(0),
    };
    write_meta(&report.id, &meta)?;
    Ok(meta)
}

fn write_meta(id: &str, meta: &Meta) -> Result<(), String> {
    set(&format!("{META_PREFIX}{id}"), &serde_json::to_string(meta).unwrap_or_default())
}

/// Renames a draft.
pub fn rename(id: &str, name: &str) -> Result<(), String> {
    let mut meta = meta(id).unwrap_or_default();
    meta.name = name.trim().to_string();
    write_meta(id, &meta)
}

/// Copies a draft under a new id; returns the new id.
pub fn duplicate(id: &str) -> Result<String, String> {
    let Some(Ok((mut report, meta))) = load(id) else { return Err("草稿无法读取，未能复制。".into()) };
    report.id = new_id();
    write(&report, Some(format!("{}（副本）", meta.name)), None)?;
    Ok(report.id)
}

/// A fresh draft id.
pub fn new_id() -> String {
    format!("d{}{}", now_ms(), (js_sys::Math::random() * 1000.0) as u64)
}

/// Removes a draft with its metadata and snapshots, returning them for 撤销删除.
pub fn take(id: &str) -> Removed {
    let mut entries = Vec::new();
    for prefix in [DRAFT_PREFIX, META_PREFIX, SNAPSHOT_PREFIX] {
        let key = format!("{prefix}{id}");
        if let Some(text) = get(&key) {
            entries.push((key.clone(), text));
            remove(&key);
        }
    }
    Removed { entries }
}

/// Puts back what [`take`] removed.
pub fn put_back(removed: &Removed) -> Result<(), String> {
    for (key, text) in &removed.entries {
        set(key, text)?;
    }
    Ok(())
}

/// Every draft that loads, newest save first. Entries that do not load are moved to the
/// quarantine first (their text unchanged), so one bad entry never hides the others.
pub fn list() -> Vec<DraftEntry> {
    let mut entries = Vec::new();
    for key in keys() {
        let Some(id) = key.strip_prefix(DRAFT_PREFIX) else { continue };
        match load(id) {
            Some(Ok((report, meta))) => entries.push(DraftEntry { id: id.to_string(), report, meta }),
            Some(Err(_)) => quarantine(&key),
            None => {}
        }
    }
    sort_short(&mut entries, |a, b| a.meta.saved > b.meta.saved);
    entries
}

/// Sorts `list` so that `a` comes before `b` wherever `before(a, b)`, keeping the order of the
/// others: an insertion sort, for the short lists of drafts and packs (the standard library's
/// stable sort adds 3 KB of code to the start-up per element type).
fn sort_short<T>(list: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..list.len() {
        let mut j = i;
        while j > 0 && before(&list[j], &list[j - 1]) {
            list.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Moves the entry at `key` to the quarantine, untouched.
pub fn quarantine(key: &str) {
    let Some(text) = get(key) else { return };
    if set(&format!("{QUARANTINE_PREFIX}{key}"), &text).is_ok() {
        remove(key);
    }
}

/// The quarantined entries with the reason each did not load.
pub fn quarantined() -> Vec<Quarantined> {
    keys()
        .into_iter()
        .filter_map(|k| {
            let original = k.strip_prefix(QUARANTINE_PREFIX)?.to_string();
            let text = get(&k)?;
            let reason = match json::load(&text) {
                Ok(_) => "可以读取（可能已在其他版本中修复），请下载后用“导入”打开。".to_string(),
                // A 部门决算 draft (app::final_accounts) its editor could not open.
                Err(_) if original.starts_with(crate::model::final_accounts::json::DRAFT_PREFIX) => "部门决算草稿无法打开（内容损坏，或由更新版本的应用保存），原文未改动，请下载后检查。".to_string(),
                Err(e) => e.to_string(),
            };
            Some(Quarantined { key: original, text, reason })
        })
        .collect()
}

/// Deletes a quarantined entry (after the user downloaded it).
pub fn discard_quarantined(key: &str) {
    remove(&format!("{QUARANTINE_PREFIX}{key}"));
}

/// The snapshots of draft `id`, oldest first.
pub fn snapshots(id: &str) -> Vec<Snapshot> {
    get(&format!("{SNAPSHOT_PREFIX}{id}")).and_then(|t| snapshots_from(&t)).unwrap_or_default()
}

/// A stored snapshot list (`[{"saved": …, "text": …}, …]`), read as [`meta_from`] is; one
/// entry without both fields makes the list unreadable, as the derived reader had it.
fn snapshots_from(text: &str) -> Option<Vec<Snapshot>> {
    let serde_json::Value::Array(items) = serde_json::from_str(text).ok()? else { return None };
    // Each version's text is taken out of the parsed value, not copied.
    items
        .into_iter()
        .map(|mut s| match (s["saved"].as_u64(), s.get_mut("text").map(serde_json::Value::take)) {
            (Some(saved), Some(serde_json::Value::String(text))) => Some(Snapshot { saved, text }),
            _ => None,
        })
        .collect()
}

/// Keeps the report as a snapshot: at most one per minute unless `force`, the last 20.
/// Returns whether one was written.
pub fn snapshot(report: &Report, force: bool) -> bool {
    let now = now_ms();
    // The metadata (small) says when the last snapshot was taken; the snapshots themselves
    // (up to 20 whole reports) are read only when one is due.
    let mut meta = meta(&report.id);
    let last = meta.as_ref().map(|m| m.snapshot).filter(|t| *t > 0);
    let last = last.unwrap_or_else(|| snapshots(&report.id).last().map(|s| s.saved).unwrap_or(0));
    if !force && now.saturating_sub(last) < SNAPSHOT_INTERVAL_MS {
        return false;
    }
    let mut list = snapshots(&report.id);
    list.push(Snapshot { saved: now, text: json::save_compact(report) });
    let excess = list.len().saturating_sub(SNAPSHOTS_KEPT);
    list.drain(..excess);
    if set(&format!("{SNAPSHOT_PREFIX}{}", report.id), &serde_json::to_string(&list).unwrap_or_default()).is_err() {
        return false;
    }
    if let Some(m) = meta.as_mut() {
        m.snapshot = now;
        write_meta(&report.id, m).ok();
    }
    true
}

/// Keeps stored text (another tab's version) as a snapshot of draft `id`.
pub fn snapshot_stored(id: &str) -> bool {
    match load(id) {
        Some(Ok((report, _))) => snapshot(&report, true),
        _ => false,
    }
}

/// Bytes this app keeps in storage (UTF-16, as browsers count them).
pub fn usage() -> usize {
    let Some(store) = store() else { return 0 };
    keys()
        .into_iter()
        .filter(|k| k.starts_with("jixiao."))
        .map(|k| (k.len() + store.get_item(&k).ok().flatten().map(|v| v.encode_utf16().count()).unwrap_or(0)) * 2)
        .sum()
}

/// 全部备份: every draft (自评 and 部门决算), quarantined entry and imported rule pack in one
/// file.
pub fn backup() -> String {
    let drafts = keys()
        .into_iter()
        .filter_map(|k| {
            let id = k.strip_prefix(DRAFT_PREFIX)?.to_string();
            let text = get(&k)?;
            let meta = meta(&id).unwrap_or_default();
            Some(BackupDraft { id, name: meta.name, saved: meta.saved, text })
        })
        .collect();
    let quarantine = quarantined().into_iter().map(|q| BackupEntry { key: q.key, text: q.text }).collect();
    let rules = imported_rules().into_iter().map(|(key, text)| BackupEntry { key, text }).collect();
    json::save_backup_with_accounts(drafts, quarantine, rules, accounts_drafts())
}

/// The 部门决算 drafts as a backup holds them (their name and save time from their record).
fn accounts_drafts() -> Vec<BackupDraft> {
    use crate::model::final_accounts::json::{read_meta, DRAFT_PREFIX as FA, META_PREFIX as FA_META};
    keys()
        .into_iter()
        .filter_map(|k| {
            let id = k.strip_prefix(FA)?.to_string();
            let (name, saved) = read_meta(&get(&format!("{FA_META}{id}")).unwrap_or_default());
            Some(BackupDraft { text: get(&k)?, id, name, saved })
        })
        .collect()
}

/// Restores one backed-up 部门决算 draft by the rule of [`restore`]: a text that is not a 决算
/// is quarantined, a newer one here is kept (counted in `newer_accounts`).
fn restore_accounts(draft: &BackupDraft, outcome: &mut Restored) -> Result<(), String> {
    use crate::model::final_accounts::json::{draft_meta, is_final_accounts, read_meta, DRAFT_PREFIX as FA, META_PREFIX as FA_META};
    if !is_final_accounts(&draft.text) {
        outcome.quarantined += 1;
        return set(&format!("{QUARANTINE_PREFIX}{FA}{}", draft.id), &draft.text);
    }
    let here = get(&format!("{FA}{}", draft.id)).map(|_| read_meta(&get(&format!("{FA_META}{}", draft.id)).unwrap_or_default()).1);
    match json::merge(here, draft.saved) {
        Merge::Add | Merge::Replace => {
            set(&format!("{FA}{}", draft.id), &draft.text)?;
            set(&format!("{FA_META}{}", draft.id), &draft_meta(&draft.name, draft.saved))?;
            outcome.written += 1;
        }
        Merge::Same => outcome.same += 1,
        Merge::Ask => outcome.newer_accounts += 1,
    }
    Ok(())
}

/// What 恢复备份 did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Restored {
    /// Drafts added or replaced by a newer copy.
    pub written: usize,
    /// Drafts already identical here.
    pub same: usize,
    /// Drafts newer here than in the backup: replaced only if the user says so.
    pub newer_here: Vec<BackupDraft>,
    /// Entries that did not load, put in the quarantine.
    pub quarantined: usize,
    /// Imported rule packs written (they take effect on the next start).
    pub rules: usize,
    /// 部门决算 drafts newer here than in the backup, kept as they are.
    pub newer_accounts: usize,
}

/// 恢复备份: merges by id; never replaces a newer draft (those are returned to ask about).
pub fn restore(text: &str) -> Result<Restored, String> {
    let backup = json::load_backup(text)?;
    let mut outcome = Restored::default();
    for draft in backup.drafts {
        if json::load(&draft.text).is_err() {
            set(&format!("{QUARANTINE_PREFIX}{DRAFT_PREFIX}{}", draft.id), &draft.text)?;
            outcome.quarantined += 1;
            continue;
        }
        match json::merge(meta(&draft.id).map(|m| m.saved), draft.saved) {
            Merge::Add | Merge::Replace => {
                restore_draft(&draft)?;
                outcome.written += 1;
            }
            Merge::Same => outcome.same += 1,
            Merge::Ask => outcome.newer_here.push(draft),
        }
    }
    for draft in &backup.final_accounts {
        restore_accounts(draft, &mut outcome)?;
    }
    for entry in backup.rules {
        save_rules(&entry.key, &entry.text)?;
        outcome.rules += 1;
    }
    for entry in backup.quarantine {
        let key = format!("{QUARANTINE_PREFIX}{}", entry.key);
        if get(&key).is_none() {
            set(&key, &entry.text)?;
            outcome.quarantined += 1;
        }
    }
    Ok(outcome)
}

/// The imported rule pack files: (pack id, file text), by id.
pub fn imported_rules() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = keys().into_iter().filter_map(|k| Some((k.strip_prefix(RULES_PREFIX)?.to_string(), get(&k)?))).collect();
    sort_short(&mut out, |a, b| a.0 < b.0);
    out
}

/// Keeps an imported rule pack file under its pack id (replacing an earlier one of that id).
pub fn save_rules(id: &str, text: &str) -> Result<(), String> {
    set(&format!("{RULES_PREFIX}{id}"), text)
}

/// Forgets an imported rule pack file.
pub fn remove_rules(id: &str) {
    remove(&format!("{RULES_PREFIX}{id}"));
}

/// The columns assigned by hand for tables whose header words are `header`: (1-based column,
/// field name), in the order they were made.
pub fn column_choices(header: &str) -> Vec<(usize, String)> {
    if header.is_empty() {
        return Vec::new();
    }
    let text = get(&format!("{COLUMNS_PREFIX}{header}")).unwrap_or_default();
    crate::model::exchange::import::overrides_from_json(&text).into_iter().map(|o| (o.column, o.field)).collect()
}

/// Remembers the columns assigned by hand for tables with this header (none: forgets them).
pub fn save_column_choices(header: &str, choices: &[(usize, String)]) -> Result<(), String> {
    if header.is_empty() {
        return Ok(());
    }
    if choices.is_empty() {
        remove(&format!("{COLUMNS_PREFIX}{header}"));
        return Ok(());
    }
    let list: Vec<crate::model::exchange::found::ColumnOverride> =
        choices.iter().map(|(column, field)| crate::model::exchange::found::ColumnOverride { table: 1, column: *column, field: field.clone() }).collect();
    set(&format!("{COLUMNS_PREFIX}{header}"), &crate::model::exchange::import::overrides_to_json(&list))
}

/// Writes one backed-up draft as it was (text, name and save time).
pub fn restore_draft(draft: &BackupDraft) -> Result<(), String> {
    set(&format!("{DRAFT_PREFIX}{}", draft.id), &draft.text)?;
    write_meta(&draft.id, &Meta { name: draft.name.clone(), saved: draft.saved, writer: "backup".into(), snapshot: 0 })
}

/// A JavaScript date for a time in milliseconds (JavaScript holds times as doubles).
fn date(ms: u64) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
}

/// "2026-11-21 14:03" in local time.
pub fn local_time(ms: u64) -> String {
    let d = date(ms);
    format!("{}-{:02}-{:02} {:02}:{:02}", d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
}

/// "14:03:22" of a time, for 已保存.
pub fn clock(ms: u64) -> String {
    let d = date(ms);
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// Offers `text` as a download named `file_name` (nothing leaves the machine).
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    offer_blob(file_name, &wasm_bindgen::JsValue::from_str(text), mime)
}

/// Offers `bytes` (a .docx or .xlsx archive) as a download named `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    offer_blob(file_name, &js_sys::Uint8Array::from(bytes), mime)
}

/// Offers one Blob part (a string or a byte array) of type `mime` as a download.
fn offer_blob(file_name: &str, part: &wasm_bindgen::JsValue, mime: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let failed = || "浏览器未能生成下载文件。".to_string();
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    // web-sys's `new_with_*_sequence` variants bind the same `new Blob(parts, options)`, which
    // takes strings and byte arrays alike.
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(failed)?;
    let link = document.create_element("a").map_err(|_| failed())?.dyn_into::<web_sys::HtmlAnchorElement>().map_err(|_| failed())?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    web_sys::Url::revoke_object_url(&url).ok();
    Ok(())
}

/// Asks the browser to keep this site's storage (not evicted under pressure) and reports the
/// quota; `done(persisted, quota bytes)` is called when the browser answers.
pub fn request_persistence(done: impl FnOnce(bool, Option<u64>) + 'static) {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else { return };
    leptos::task::spawn_local(async move {
        let persisted = match manager.persist() {
            Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
            Err(_) => false,
        };
        let quota = match manager.estimate() {
            Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
                .await
                .ok()
                .and_then(|v| js_sys::Reflect::get(&v, &"quota".into()).ok())
                .and_then(|q| q.as_f64())
                .map(|q| q as u64),
            Err(_) => None,
        };
        done(persisted, quota);
    });
}

/// The name of a stored draft with the same content as `report` apart from its id (the same
/// file imported again), if any.
pub fn same_content(report: &Report) -> Option<String> {
    list().into_iter().find(|d| Report { id: report.id.clone(), ..d.report.clone() } == *report).map(|d| d.meta.name)
}

/// Whether draft `id` is stored (its text is not read).
pub fn exists(id: &str) -> bool {
    get(&format!("{DRAFT_PREFIX}{id}")).is_some()
}
