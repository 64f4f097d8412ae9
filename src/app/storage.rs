//! The one module that talks to browser storage. Each draft is one `localStorage` entry holding
//! the versioned envelope of `model::format` (the same text an export writes), plus a small
//! entry with its last save time.
//!
//! Guarantees: a failed write returns a Chinese message and changes nothing else; an entry that
//! does not load is reported by `list` and left untouched, never overwritten or dropped.

use gloo_storage::{LocalStorage, Storage};

use crate::model::format::{self, LoadError};
use crate::model::report::Report;

/// Key prefix of a draft: `jixiao.draft.<id>`.
pub const DRAFT_PREFIX: &str = "jixiao.draft.";
/// Key prefix of a draft's last save time (milliseconds since 1970): `jixiao.saved.<id>`.
pub const SAVED_PREFIX: &str = "jixiao.saved.";

/// One entry of the draft list.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEntry {
    /// Draft id.
    pub id: String,
    /// The draft, or why it did not load.
    pub report: Result<Report, LoadError>,
    /// Last save time in milliseconds, when known.
    pub saved_ms: Option<u64>,
}

fn storage() -> Option<web_sys::Storage> {
    Some(LocalStorage::raw())
}

/// The stored draft `id`, if there is one.
pub fn load(id: &str) -> Option<Result<Report, LoadError>> {
    let text = storage()?.get_item(&format!("{DRAFT_PREFIX}{id}")).ok().flatten()?;
    Some(format::load(&text).map(|l| l.report))
}

/// Saves a draft under its id. The message says what to do when the browser refuses.
pub fn save(report: &Report) -> Result<(), String> {
    let refused = || "浏览器存储空间已满或不可用，草稿未能保存。请导出 JSON 文件备份，或删除不用的草稿后继续。".to_string();
    let store = storage().ok_or_else(refused)?;
    let text = format::save(report, None);
    store.set_item(&format!("{DRAFT_PREFIX}{}", report.id), &text).map_err(|_| refused())?;
    store.set_item(&format!("{SAVED_PREFIX}{}", report.id), &(js_sys::Date::now() as u64).to_string()).ok();
    Ok(())
}

/// Removes a draft.
pub fn delete(id: &str) {
    if let Some(store) = storage() {
        store.remove_item(&format!("{DRAFT_PREFIX}{id}")).ok();
        store.remove_item(&format!("{SAVED_PREFIX}{id}")).ok();
    }
}

/// Every stored draft, newest save first. Entries that do not load are listed with their error.
pub fn list() -> Vec<DraftEntry> {
    let Some(store) = storage() else { return Vec::new() };
    let n = store.length().unwrap_or(0);
    let mut ids = Vec::new();
    for i in 0..n {
        if let Ok(Some(key)) = store.key(i) {
            if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
                ids.push(id.to_string());
            }
        }
    }
    let mut entries: Vec<DraftEntry> = ids
        .into_iter()
        .filter_map(|id| {
            let report = load(&id)?;
            let saved_ms = store.get_item(&format!("{SAVED_PREFIX}{id}")).ok().flatten().and_then(|t| t.parse().ok());
            Some(DraftEntry { id, report, saved_ms })
        })
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.saved_ms));
    entries
}

/// "2026-11-21 14:03" in local time.
pub fn local_time(ms: u64) -> String {
    let d = js_sys::Date::new(&(ms as f64).into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// "14:03:22" now, for 已保存.
pub fn clock_now() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}
