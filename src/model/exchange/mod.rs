//! File exchange: everything that turns a report into bytes for another program, or bytes from
//! another program into a report. The versioned JSON envelope (`json`), CSV for Excel (`csv`),
//! the neutral table grid (`grid`) that imported Word, Excel and web-page files are read into
//! (`read`, with the Excel 97–2003 reader `xls`), and the recogniser (`recognize`) that finds
//! the 自评表 in such a grid by their header words.

pub mod csv;
pub mod grid;
pub mod import;
pub mod json;
pub mod numfmt;
pub mod read;
pub mod recognize;
pub mod write;
pub mod xls;
