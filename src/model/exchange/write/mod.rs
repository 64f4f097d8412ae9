//! Writers of the Office formats: the whole report as a Word document (.docx) in the official
//! layout, the scored tables as an Excel workbook (.xlsx) with live formulas, and 审核's batch
//! table as a workbook. Pure Rust, no dependency beyond the model: the archive (`zip`) and the
//! XML (`xml`) are written here.
//!
//! Guarantees: the output is deterministic (same report, same bytes); every text a person
//! typed is escaped and never becomes markup or a formula; a report with missing parts still
//! exports (blank cells and "—", never a panic).

pub(crate) mod docx;
pub(crate) mod layout;
pub(crate) mod xlsx;
pub mod xml;
pub mod zip;

pub use docx::{docx, DocxOptions};
pub use xlsx::{review_xlsx, xlsx};

/// MIME type of a .docx download.
pub const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// MIME type of a .xlsx download.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
