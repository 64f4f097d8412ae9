//! What the page needs to know of the files the writers make (the writers themselves are in the
//! reader worker's module, `jixiao-office`'s `write`): the message when one could not be
//! written, and the MIME types of the downloads.

/// Message when the worker could not write the file.
pub const FAILED: &str = "导出失败，请重试；如仍失败，请先导出 JSON 备份。";

/// MIME type of a .docx download.
pub const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// MIME type of a .xlsx download.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
