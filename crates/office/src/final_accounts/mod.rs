//! The 部门决算's office formats: its tables recognised in an imported grid (`recognize`), the
//! whole 决算公开 document as .docx (`word`) and the tables as .xlsx ([`xlsx`]). The document,
//! its checks, the 说明 and the charts are the model's (`jixiao_model::final_accounts`, re-exported
//! here so the formats read it by the same names).

mod layout;
pub mod recognize;
pub mod word;

pub use jixiao_model::final_accounts::*;

/// The tables as an .xlsx workbook (one sheet per table, totals as formulas).
pub fn xlsx(fa: &FinalAccounts) -> Vec<u8> {
    crate::write::xlsx::workbook(&out::grids(fa))
}

/// The files of 导出 from the editor: "fa-docx" (the whole 决算公开 document), "fa-xlsx" (the
/// tables with formulas) of the document in `saved`.
pub fn write(what: &str, saved: &str) -> Result<Vec<u8>, String> {
    let fa = json::load(saved).map_err(|e| format!("该部门决算无法导出：{e}"))?;
    match what {
        "fa-docx" => Ok(word::docx(&fa)),
        "fa-xlsx" => Ok(xlsx(&fa)),
        _ => Err(format!("无法导出“{what}”。")),
    }
}
