//! Importing a file someone already has: a jixiao JSON report opens as it was saved; a Word,
//! Excel, WPS, web-page or PDF file (or a pasted table) is read into a grid and recognised into
//! a report, which the user previews (`jixiao_model::exchange::import::Preview`) and confirms
//! before anything is stored; a 部门决算 opens as one.
//!
//! Guarantees: one entry point for the command-line checker, the browser's reader worker and the
//! tests, so all three give the same report for the same bytes.

pub use jixiao_model::exchange::import::*;
use jixiao_model::exchange::found::{ColumnOverride, RecognizeError};
use jixiao_model::exchange::json::{self, LoadError};

use crate::read::{self, Decode, ReadError};
use crate::recognize;

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    /// A report this app saved or exported.
    Saved(json::Loaded),
    /// Tables recognised in another program's file, to be previewed and confirmed.
    Tables(Preview),
    /// A 部门决算 (issue 24): a saved 决算 file, or a document whose tables are 决算 tables
    /// and hold no 自评 table.
    FinalAccounts(Box<jixiao_model::final_accounts::FinalAccounts>),
}

/// Why a file could not be imported. The message is a Chinese sentence; the caller puts the
/// file name in front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not readable as a table (format, damage, limits).
    Read(ReadError),
    /// Readable, but no table of a self-evaluation in it.
    Recognize(RecognizeError),
    /// A JSON file that is not a loadable report.
    Json(LoadError),
    /// A 部门决算 where only 自评 reports can be opened (审核, the 自评 editor's import).
    FinalAccounts,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(e) => write!(f, "{e}"),
            ImportError::Recognize(e) => write!(f, "{e}"),
            ImportError::Json(e) => write!(f, "{e}"),
            ImportError::FinalAccounts => f.write_str(json::FINAL_ACCOUNTS_MESSAGE),
        }
    }
}

/// Opens a file by its content: a jixiao report (JSON), or tables to recognise.
///
/// A file that starts like a JSON object is loaded as a report, so a damaged one gets the JSON
/// loader's message (line, column, what is wrong), as in the browser.
pub fn open(file_name: &str, bytes: &[u8], decode: Decode<'_>) -> Result<Opened, ImportError> {
    open_with(file_name, bytes, decode, &[])
}

/// Opens a file with some columns assigned by hand (the preview's 第 5 列 → 实际完成值): [`open`]
/// with the assignments applied to the tables' recognition. The reader worker and the CLI take
/// this one path, so they decide alike what a file is.
pub fn open_with(file_name: &str, bytes: &[u8], decode: Decode<'_>, overrides: &[ColumnOverride]) -> Result<Opened, ImportError> {
    if looks_like_json(&bytes[..bytes.len().min(64)]) {
        return load_json(&json_text(bytes));
    }
    match read::read(file_name, bytes, decode) {
        Err(ReadError::Json) => load_json(&json_text(bytes)),
        Err(e) => Err(ImportError::Read(e)),
        Ok(doc) => {
            let tables = preview_with(&doc, overrides);
            // 部门决算 (issue 24): a document of 决算 tables with no 自评 table opens as a 决算
            // (its 说明 read as 自评报告 sections does not make it a 自评 report). In the
            // browser this runs in the reader worker, which has the 决算 editor's model code.
            if tables.as_ref().is_err() || tables.as_ref().is_ok_and(|p| p.tables.iter().all(|t| t.path == "narrative")) {
                if let Some(fa) = crate::final_accounts::recognize::recognize(&doc) {
                    return Ok(Opened::FinalAccounts(Box::new(fa)));
                }
                if crate::final_accounts::recognize::looks_like(&doc) {
                    let message = "这像是部门决算文件（有决算公开表的标题），但未能读出其中的决算表（表头或科目行无法识别）；请用部门决算软件重新导出 .xlsx 后再导入。";
                    return Err(ImportError::Json(LoadError::FinalAccounts(message.into())));
                }
            }
            tables.map(Opened::Tables)
        }
    }
}

/// A JSON file: a saved report, or (by its `format` tag, near the start where jixiao writes it
/// or anywhere in a file whose keys another tool reordered) a saved 部门决算.
fn load_json(text: &str) -> Result<Opened, ImportError> {
    use jixiao_model::final_accounts::json as fa_json;
    let accounts = |text: &str| fa_json::load(text).map(|fa| Opened::FinalAccounts(Box::new(fa))).map_err(|message| ImportError::Json(LoadError::FinalAccounts(message)));
    if fa_json::is_final_accounts(text) {
        return accounts(text);
    }
    match json::load(text) {
        Err(LoadError::OtherFormat(format)) if format == fa_json::FORMAT => accounts(text),
        loaded => loaded.map(Opened::Saved).map_err(ImportError::Json),
    }
}

/// Opens a table pasted from the clipboard (`text/html` or `text/plain`).
pub fn open_pasted(text: &str) -> Result<Preview, ImportError> {
    open_pasted_with(text, &[])
}

/// [`open_pasted`] with some columns assigned by hand.
pub fn open_pasted_with(text: &str, overrides: &[ColumnOverride]) -> Result<Preview, ImportError> {
    let doc = read::read_pasted(text).map_err(ImportError::Read)?;
    preview_with(&doc, overrides)
}

fn preview_with(doc: &jixiao_model::exchange::grid::Document, overrides: &[ColumnOverride]) -> Result<Preview, ImportError> {
    let found = recognize::recognize_with(doc, overrides).map_err(ImportError::Recognize)?;
    let overrides = overrides.to_vec();
    let mut notes = doc.notes.clone();
    notes.extend(found.notes);
    Ok(Preview {
        report: found.report,
        tables: found.tables,
        leftovers: found.leftovers.iter().map(ToString::to_string).collect(),
        notes,
        proposal: found.proposal,
        overrides,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn sample(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../../tests/fixtures/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn a_preview_survives_the_trip_from_the_worker() {
        let Opened::Tables(p) = open("附件2.docx", &sample("seed-000-附件2.docx"), &read::decode).unwrap() else { panic!() };
        let back = from_wire(&to_wire(&Ok::<_, ImportError>(p.clone()))).unwrap();
        assert_eq!(back.tables, p.tables);
        assert_eq!(back.leftovers, p.leftovers);
        assert_eq!(back.proposal, p.proposal);
        assert_eq!(json::save(&back.report, None), json::save(&p.report, None));
    }

    #[test]
    fn an_error_crosses_as_its_sentence() {
        let e = open("a.pdf", b"%PDF-1.4 ...", &read::decode).unwrap_err();
        assert_eq!(from_wire(&to_wire(&Err(e.clone()))).unwrap_err(), e.to_string());
        assert!(e.to_string().contains("PDF"), "{e}");
    }

    #[test]
    fn the_preview_lists_declared_beside_computed_totals() {
        let Opened::Tables(p) = open("附件2.docx", &sample("seed-000-附件2.docx"), &read::decode).unwrap() else { panic!() };
        let rows = figures(&p.report, &jixiao_model::evaluate(&p.report));
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].declared.as_str(), rows[0].computed.as_str(), rows[0].grade.as_str()), ("98", "98.00", "优"), "the declared 总分 as typed, as 审核 and print show it");
        assert!(rows[0].errors > 0, "the 373.29% rate is an error");
    }

    #[test]
    fn a_pasted_table_takes_the_place_of_an_open_one() {
        let Opened::Tables(p) = open("附件3.docx", &sample("seed-000-附件3.docx"), &read::decode).unwrap() else { panic!() };
        let mut report = jixiao_model::examples::example("seed-000").unwrap().unwrap();
        let before = report.projects[0].clone();
        report.projects[0].indicators.clear();
        let what = place_table(&mut report, "projects[0]", &p).unwrap();
        assert!(what.contains("项目支出绩效自评表"), "{what}");
        assert_eq!(report.projects[0].indicators.len(), before.indicators.len());
        assert_eq!(jixiao_model::evaluate(&report).tables[1].total.map(jixiao_model::num::fmt2).as_deref(), Some("100.00"));
        assert_eq!(place_table(&mut report, "projects[7]", &p), None);
    }

    #[test]
    fn a_saved_report_opens_as_saved() {
        let text = json::save(&jixiao_model::examples::example("seed-001").unwrap().unwrap(), None);
        let Opened::Saved(loaded) = open("r.json", text.as_bytes(), &read::decode).unwrap() else { panic!() };
        assert_eq!(loaded.report.department, "岳阳市云溪区总工会");
    }
}
