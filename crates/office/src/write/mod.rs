//! Writers of the Office formats: the whole report as a Word document (.docx) in the official
//! layout, the scored tables as an Excel workbook (.xlsx) with live formulas, and 审核's batch
//! table as a workbook. Pure Rust, no dependency beyond the model: the archive (`zip`) and the
//! XML (`xml`) are written here.
//!
//! Guarantees: the output is deterministic (same report, same bytes); every text a person
//! typed is escaped and never becomes markup or a formula; a report with missing parts still
//! exports (blank cells and "—", never a panic).

pub(crate) mod docx;
pub(crate) mod extra;
pub(crate) mod xlsx;
pub mod xml;
pub mod zip;

pub use docx::{docx, DocxOptions};
pub use xlsx::{review_xlsx, xlsx};

/// What the page asks the reader worker to write (the writers live there, loaded on first use,
/// so they do not weigh on the start-up download): `docx` or `xlsx` of a report given as its
/// saved JSON (evaluated here as the editor evaluates it), or `review-xlsx` of 审核's rows given
/// as JSON. The file's bytes, or a Chinese message.
pub fn write_file(what: &str, text: &str, options: &DocxOptions) -> Result<Vec<u8>, String> {
    if what == "review-xlsx" {
        let rows: Vec<jixiao_model::review::ReviewRow> = serde_json::from_str(text).map_err(|_| FAILED.to_string())?;
        return Ok(review_xlsx(&rows.iter().collect::<Vec<_>>()));
    }
    let report = jixiao_model::exchange::json::load(text).map_err(|e| format!("{FAILED}（{e}）"))?.report;
    let evaluation = jixiao_model::finding_scope::shown(&report, jixiao_model::evaluate(&report), None);
    match what {
        "docx" => Ok(docx(&report, &evaluation, options)),
        "xlsx" => Ok(xlsx(&report, &evaluation)),
        _ => Err(FAILED.to_string()),
    }
}

pub use jixiao_model::exchange::export::{DOCX_MIME, FAILED, XLSX_MIME};
