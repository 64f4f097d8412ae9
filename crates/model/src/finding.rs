//! Findings: what the checker says about a report.
//!
//! Guarantees: every finding has a stable code (listed in docs/format.md), a severity, the path
//! of the field it is about (the same path the editor uses to focus that field) and a Chinese
//! message that names the numbers involved. An incomplete report yields findings, not errors.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Wrong: the report should not be submitted like this.
    Error,
    /// Probably wrong or needs a human look (rounding, unverifiable, suspicious).
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// 错误 / 警告 / 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `budget.rate_mismatch`.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// Path of the field, e.g. `overall.indicators[5].reason`.
    pub path: String,
    /// Chinese message with the numbers.
    pub message: String,
}

impl Finding {
    /// The scored table this finding belongs to (`overall`, `projects[2]`), or `None` for the
    /// report-level parts (cover, 基础数据表, 监控表, narrative).
    pub fn table_path(&self) -> Option<&str> {
        if self.path == "overall" || self.path.starts_with("overall.") {
            return Some("overall");
        }
        if self.path.starts_with("projects[") {
            let end = self.path.find(']')?;
            return Some(&self.path[..=end]);
        }
        None
    }
}

/// Collects findings while checking.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    /// Adds an error.
    pub fn error(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.push(code, Severity::Error, path, message);
    }

    /// Adds a warning.
    pub fn warning(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.push(code, Severity::Warning, path, message);
    }

    /// Adds an info.
    pub fn info(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.push(code, Severity::Info, path, message);
    }

    /// Adds a finding of the given severity.
    pub fn push(&mut self, code: &str, severity: Severity, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Finding { code: code.to_string(), severity, path: path.into(), message: message.into() });
    }
}
