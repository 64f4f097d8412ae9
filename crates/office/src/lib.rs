//! jixiao's office formats: every reader of another program's file (Word .docx and .doc, Excel
//! .xlsx and .xls, WPS, web pages, PDF, pasted tables) into the neutral grid (`read`, `xls`,
//! `numfmt`), the recogniser that finds the 自评表 in a grid (`recognize`), opening a file as a
//! report, a preview or a 部门决算 (`import`), and the Word and Excel writers (`write`,
//! `final_accounts`). It sits on the model (`jixiao-model`) and is linked only into the reader
//! worker's module and the command-line checker, never into the page's start-up module.

pub mod final_accounts;
pub mod import;
pub mod numfmt;
pub mod read;
pub mod recognize;
pub mod write;
pub mod xls;

// The model's exchange types under the names the formats have always used for them.
pub use jixiao_model::exchange::{csv, export, found, grid, json, text};
