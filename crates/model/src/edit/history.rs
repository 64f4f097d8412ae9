//! Undo and redo over whole-report snapshots, one step per typed cell.

use crate::report::Report;

/// Undo history of whole-report snapshots. Typing into one field is one step: consecutive
/// edits of the same field merge, as in a spreadsheet where Ctrl+Z undoes the cell, not a letter.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Report>,
    redo: Vec<Report>,
    /// The field the last step was typing into.
    typing: Option<String>,
}

/// Steps kept; older ones are dropped.
pub const HISTORY_LIMIT: usize = 100;

impl History {
    /// Records `before` as an undo step for an edit of `field` (`None` for structural changes).
    pub fn record(&mut self, before: &Report, field: Option<&str>) {
        let merges = self.would_merge(field);
        self.redo.clear();
        self.typing = field.map(str::to_string);
        if merges {
            return;
        }
        self.undo.push(before.clone());
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
    }

    /// Whether an edit of `field` would merge into the current step (then no snapshot is needed).
    pub fn would_merge(&self, field: Option<&str>) -> bool {
        field.is_some() && self.typing.as_deref() == field && !self.undo.is_empty()
    }

    /// Ends the current typing step (the field lost focus), so the next edit is its own step.
    pub fn seal(&mut self) {
        self.typing = None;
    }

    /// The report before the last step, keeping `current` for redo.
    pub fn undo(&mut self, current: &Report) -> Option<Report> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        self.typing = None;
        Some(previous)
    }

    /// The report the last undo left, keeping `current` for undo.
    pub fn redo(&mut self, current: &Report) -> Option<Report> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.typing = None;
        Some(next)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

