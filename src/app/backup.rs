//! What 首页's 全部备份 and 恢复备份 do (issue 25: in the screens module, loaded on the first
//! click; the buttons and the usage line stay on 首页, `home::Home`): the backup file
//! written and downloaded; a chosen backup read and merged into storage, with its message and
//! the list of drafts newer here, each with 仍用备份覆盖. After a change to storage it says
//! `jixiao-storage` on the window so 首页 reads its lists again. The message and the list are
//! kept for the page's lifetime, so a later click does not drop an answer not yet given.

use leptos::prelude::*;

use crate::app::storage;
use crate::model::exchange::json::BackupDraft;

thread_local! {
    /// The last message and the drafts still to decide, made outside any view's owner (see
    /// `app::screens::mount`).
    static STATE: (RwSignal<Option<String>>, RwSignal<Vec<BackupDraft>>) = (RwSignal::new(None), RwSignal::new(Vec::new()));
}

/// The state, made on first use outside any view (`app::screens::mount` asks before mounting).
pub fn state() -> (RwSignal<Option<String>>, RwSignal<Vec<BackupDraft>>) {
    STATE.with(|s| *s)
}

/// Tells 首页 that storage changed.
fn changed() {
    if let Ok(event) = web_sys::Event::new("jixiao-storage") {
        let _ = window().dispatch_event(&event);
    }
}

/// 全部备份: every draft, quarantined entry and imported rule pack, downloaded as one file.
pub fn backup_all() {
    let (status, _) = state();
    let name = format!("绩效自评-全部草稿备份-{}.json", storage::local_time(storage::now_ms()).replace([' ', ':'], "-"));
    status.set(storage::download(&name, &storage::backup(), "application/json").err());
}

/// 恢复备份 of `file`: merged by id; newer drafts here are listed, not overwritten.
pub fn restore(file: web_sys::File) {
    let (status, ask) = state();
    if crate::app::import::file_bytes(&file) > 10 * crate::app::import::MAX_JSON_BYTES {
        status.set(Some("备份文件超过 50 MB，不像是本应用的备份，未读取。".into()));
        return;
    }
    // Not leptos::task: this runs before the screens module has mounted any view, and Leptos'
    // executor is set up by the first mount.
    wasm_bindgen_futures::spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
            Some(t) => t,
            None => {
                status.set(Some("无法读取所选文件。".into()));
                return;
            }
        };
        match storage::restore(&text) {
            Ok(r) => {
                let mut parts = vec![format!("已恢复 {} 个草稿", r.written)];
                if r.same > 0 {
                    parts.push(format!("{} 个与本机相同", r.same));
                }
                if r.quarantined > 0 {
                    parts.push(format!("{} 个无法读取的条目已放入“无法读取的条目”", r.quarantined));
                }
                if r.newer_accounts > 0 {
                    parts.push(format!("{} 个部门决算草稿本机的版本较新，保留本机版本", r.newer_accounts));
                }
                if !r.newer_here.is_empty() {
                    parts.push(format!("{} 个草稿本机的版本较新，未覆盖（见下方，可逐个选择）", r.newer_here.len()));
                }
                status.set(Some(format!("{}。", parts.join("；"))));
                ask.set(r.newer_here);
            }
            Err(m) => status.set(Some(m)),
        }
        changed();
    });
}

/// The message of the last 全部备份 or 恢复备份 and the drafts newer here (仍用备份覆盖).
#[component]
pub fn BackupStatus() -> impl IntoView {
    let (status, ask) = state();
    view! {
        {move || status.get().map(|s| view! { <p class="notice" role="status" data-testid="backup-status">{s}</p> })}
        {move || {
            let list = ask.get();
            (!list.is_empty()).then(|| view! {
                <ul class="restore-ask">
                    {list.into_iter().map(|d| {
                        let label = format!("“{}”：本机版本较新（备份中的保存于 {}）", d.name, storage::local_time(d.saved));
                        let draft = d.clone();
                        view! {
                            <li>{label}" "<button type="button" class="button danger" on:click=move |_| {
                                storage::snapshot_stored(&draft.id);
                                match storage::restore_draft(&draft) {
                                    Ok(()) => {
                                        ask.update(|l| l.retain(|x| x.id != draft.id));
                                        changed();
                                    }
                                    Err(m) => status.set(Some(m)),
                                }
                            }>"仍用备份覆盖（本机版本存为历史版本）"</button></li>
                        }
                    }).collect_view()}
                </ul>
            })
        }}
    }
}
