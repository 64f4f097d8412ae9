//! The open document: one reactive report per editor page, its evaluation, undo history and the
//! editor's shared UI state, provided as a context (`use_doc`). Every change to the report goes
//! through the methods here, which call the model's `edit` functions; nothing here computes.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::model::edit::{self, Change, EditError, History, Pasted, RowList};
use crate::model::finding::Severity;
use crate::model::report::Report;
use crate::model::finding_scope::shown;
use crate::model::{evaluate, evaluate_reusing, Evaluation, Scored};

/// Where in the report the editor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    /// 封面 (with 部门, 年度 and rule pack).
    Cover,
    /// 基础数据表.
    Basic,
    /// A scored table: `overall` or `projects[i]`.
    Table(String),
    /// Sichuan 部门整体 监控 table.
    Monitor,
    /// 评价人员.
    SignOff,
    /// 自评报告.
    Narrative,
}

impl Section {
    /// The section holding the field at `path` (a finding's path).
    pub fn of_path(path: &str) -> Section {
        let head = path.split('.').next().unwrap_or("");
        match head.split('[').next().unwrap_or("") {
            "overall" => Section::Table("overall".into()),
            "projects" => Section::Table(head.to_string()),
            "basic_data" => Section::Basic,
            "monitor" => Section::Monitor,
            "sign_off" => Section::SignOff,
            "narrative" => Section::Narrative,
            _ => Section::Cover,
        }
    }
}

/// What the explanation panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What the figure is, e.g. 总分.
    pub title: String,
    /// The formula with the numbers, or the finding's message.
    pub text: String,
    /// The rule it comes from.
    pub clause: String,
    /// The field whose findings this explains: the panel follows that field's findings as they
    /// change (a fixed problem does not stay on screen).
    pub field: Option<String>,
}

/// What the panel says when the field it showed has no problem any more.
pub const FIXED: &str = "此处已没有检查问题。";

/// A field's findings, for its inline marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The most severe finding's severity.
    pub severity: Severity,
    /// All messages, one per line.
    pub message: String,
}

/// The autosave state shown in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed since the report was opened.
    Unchanged,
    /// A change is waiting to be written.
    Pending,
    /// Written at this time.
    Saved(String),
    /// The browser refused; the message says what to do.
    Failed(String),
    /// Another tab saved a newer version; paused until the user chooses.
    Conflict,
}

/// The open document and the editor's shared state. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Doc {
    /// The report as typed.
    pub report: RwSignal<Report>,
    /// Its evaluation, recomputed when the report changes.
    pub evaluation: Memo<Evaluation>,
    /// Findings by field path.
    pub marks: Memo<BTreeMap<String, Mark>>,
    /// Undo availability, for the toolbar.
    pub can_undo: RwSignal<bool>,
    /// Redo availability.
    pub can_redo: RwSignal<bool>,
    /// The explanation panel's content.
    pub explain: RwSignal<Option<Explanation>>,
    /// The section in view.
    pub section: RwSignal<Section>,
    /// The scored table whose figures the summary bar shows.
    pub table_in_view: RwSignal<String>,
    /// A short message after paste, undo and the like.
    pub notice: RwSignal<Option<String>>,
    /// Autosave state.
    pub save_status: RwSignal<SaveStatus>,
    /// Bumped on every change, so autosave can watch one number.
    pub revision: RwSignal<u64>,
    /// Bumped on every change that may rewrite fields other than the one being typed into
    /// (structural changes, paste, undo/redo, a replaced report). Inputs resync their text on
    /// this only, so one keystroke does not make every input of a 2,000-row table re-read the
    /// report.
    pub external: RwSignal<u64>,
    /// Save time of the stored version this page started from or last wrote (0: never stored).
    pub base_saved: StoredValue<u64>,
    /// Another tab saved a newer version: saving is paused until the user chooses.
    pub conflict: RwSignal<Option<crate::app::storage::Meta>>,
    history: StoredValue<History>,
}

impl Doc {
    /// Opens a report: it starts on its 部门整体 table (or its first project). `base_saved` is
    /// the save time of the stored version (0 when it is not stored yet).
    pub fn new(report: Report, base_saved: u64) -> Doc {
        Doc::scoped(report, base_saved, None)
    }

    /// Opens a report whose page shows only the part at `scope` (快速核分: `overall`), so only
    /// findings the user can fix there are listed. An untouched new report shows none.
    // Not inlined: `new` and 快速核分 share one copy (each caller's constant scope would
    // otherwise get its own, 3.4 KB of the start-up module).
    #[inline(never)]
    pub fn scoped(report: Report, base_saved: u64, scope: Option<&'static str>) -> Doc {
        let first_table = report.scored_tables().first().map(|(p, _)| p.clone()).unwrap_or_else(|| "overall".into());
        let section = if report.overall.is_none() && report.monitor.is_some() && report.projects.is_empty() {
            Section::Monitor
        } else {
            Section::Table(first_table.clone())
        };
        let report = RwSignal::new(report);
        // The last evaluation's tables: a keystroke re-scores only the table it changed.
        let scored = StoredValue::new(Scored::default());
        let evaluation = Memo::new(move |_| {
            report.with(|r| scored.try_update_value(|s| shown(r, evaluate_reusing(r, s), scope)).unwrap_or_else(|| shown(r, evaluate(r), scope)))
        });
        let marks = Memo::new(move |_| {
            evaluation.with(|e| {
                let mut marks: BTreeMap<String, Mark> = BTreeMap::new();
                for f in &e.findings {
                    marks
                        .entry(f.path.clone())
                        .and_modify(|m| {
                            m.message.push('\n');
                            m.message.push_str(&f.message);
                            if f.severity < m.severity {
                                m.severity = f.severity;
                            }
                        })
                        .or_insert_with(|| Mark { severity: f.severity, message: f.message.clone() });
                }
                marks
            })
        });
        Doc {
            report,
            evaluation,
            marks,
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            explain: RwSignal::new(None),
            section: RwSignal::new(section),
            table_in_view: RwSignal::new(first_table),
            notice: RwSignal::new(None),
            save_status: RwSignal::new(SaveStatus::Unchanged),
            revision: RwSignal::new(0),
            external: RwSignal::new(0),
            base_saved: StoredValue::new(base_saved),
            conflict: RwSignal::new(None),
            history: StoredValue::new(History::default()),
        }
    }

    /// Runs one change of the report as an undo step. `field` names the field being typed into
    /// (consecutive edits of one field merge into one step, and need no snapshot then); `f`
    /// either changes the report and succeeds, or fails having changed nothing. `None` when the
    /// document is already gone (the page was left).
    fn step<T, E>(&self, field: Option<&str>, f: impl FnOnce(&mut Report) -> Result<T, E>) -> Option<Result<T, E>> {
        let history = self.history;
        let mut outcome = None;
        self.report.maybe_update(|r| {
            let before = (!history.with_value(|h| h.would_merge(field))).then(|| r.clone());
            let result = f(r);
            let changed = result.is_ok();
            if changed {
                history.update_value(|h| h.record(before.as_ref().unwrap_or(r), field));
            }
            outcome = Some(result);
            changed
        });
        if outcome.as_ref().is_some_and(Result::is_ok) {
            if field.is_none() {
                self.external.update(|n| *n += 1);
            }
            self.after_change();
        }
        outcome
    }

    /// Sets one field from typed text; a refused value leaves the report as it was. For the
    /// input being typed into: other inputs are not asked to re-read the report.
    pub fn edit(&self, path: &str, text: &str) -> Result<(), EditError> {
        self.step(Some(path), |r| edit::set(r, path, text)).unwrap_or_else(|| Err(EditError::NoSuchField(path.to_string())))
    }

    /// Sets one field from outside its input (插入数据, a picker): as [`Doc::edit`], and the
    /// field's input then shows the new value.
    pub fn set_field(&self, path: &str, text: &str) -> Result<(), EditError> {
        let result = self.edit(path, text);
        if result.is_ok() {
            self.external.update(|n| *n += 1);
        }
        result
    }

    /// Applies a structural change as one undo step.
    pub fn change(&self, change: Change) -> bool {
        matches!(self.step(None, |r| if edit::apply(r, &change) { Ok(()) } else { Err(()) }), Some(Ok(())))
    }

    /// Pastes a tab-separated block into a row list as one undo step.
    pub fn paste(&self, table: &str, list: RowList, row: usize, column: usize, text: &str) -> Result<Pasted, EditError> {
        self.step(None, |r| edit::paste_rows(r, table, list, row, column, text)).unwrap_or_else(|| Err(EditError::NoSuchField(table.to_string())))
    }

    /// 采用计算结果: the table's computed figures into its declared cells, as one undo step;
    /// returns how many cells changed.
    pub fn adopt(&self, table: &str) -> usize {
        match self.step(None, |r| match crate::model::adopt::adopt_computed(r, table) {
            0 => Err(()),
            n => Ok(n),
        }) {
            Some(Ok(n)) => n,
            _ => 0,
        }
    }

    /// Replaces the whole report (a snapshot or another tab's version) as one undo step.
    pub fn replace(&self, report: Report) {
        self.step(None, |r| {
            *r = report;
            Ok::<(), ()>(())
        });
    }

    /// Ends the typing step of a field (it lost focus).
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    /// Ctrl+Z.
    pub fn undo(&self) {
        self.travel(History::undo, "已撤销。", "没有可撤销的操作。");
    }

    /// Ctrl+Y.
    pub fn redo(&self) {
        self.travel(History::redo, "已重做。", "没有可重做的操作。");
    }

    fn travel(&self, go: fn(&mut History, &Report) -> Option<Report>, done: &str, nothing: &str) {
        let history = self.history;
        let other = self.report.with_untracked(|r| history.try_update_value(|h| go(h, r)).flatten());
        match other {
            Some(report) => {
                self.report.set(report);
                self.external.update(|n| *n += 1);
                self.notice.set(Some(done.into()));
                self.after_change();
            }
            None => self.notice.set(Some(nothing.into())),
        }
    }

    fn after_change(&self) {
        self.can_undo.set(self.history.with_value(History::can_undo));
        self.can_redo.set(self.history.with_value(History::can_redo));
        self.revision.update(|r| *r += 1);
    }

    /// Shows a figure's explanation.
    pub fn show(&self, title: impl Into<String>, text: impl Into<String>, clause: impl Into<String>) {
        self.explain.set(Some(Explanation { title: title.into(), text: text.into(), clause: clause.into(), field: None }));
    }

    /// Shows what is wrong with the field at `path` (a refused value, else its findings); the
    /// panel then follows that field until something else is shown.
    pub fn show_field(&self, path: &str, refused: Option<String>) {
        let (title, text) = match refused {
            Some(e) => ("输入有误".to_string(), e),
            None => match self.marks.with_untracked(|m| m.get(path).cloned()) {
                Some(m) => (format!("检查结果（{}）", m.severity.label()), m.message),
                None => return,
            },
        };
        self.explain.set(Some(Explanation { title, text, clause: String::new(), field: Some(path.to_string()) }));
    }

    /// After a keystroke in the field at `path`: if the panel shows that field, show it anew.
    pub fn refresh_field(&self, path: &str, refused: Option<String>) {
        if self.explain.with_untracked(|e| e.as_ref().and_then(|e| e.field.as_deref()) == Some(path)) {
            if refused.is_none() && self.marks.with_untracked(|m| !m.contains_key(path)) {
                self.explain.set(Some(Explanation { title: "检查结果".into(), text: FIXED.into(), clause: String::new(), field: Some(path.to_string()) }));
            } else {
                self.show_field(path, refused);
            }
        }
    }
}

/// The document of the editor page this component is in.
pub fn use_doc() -> Doc {
    expect_context::<Doc>()
}
