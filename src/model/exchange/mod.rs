//! File exchange: everything that turns a report into bytes for another program, or bytes from
//! another program into a report. The versioned JSON envelope (`json`), CSV for Excel (`csv`),
//! and the neutral table grid (`grid`) that imported Word, Excel and web-page files are read into.

pub mod csv;
pub mod grid;
pub mod json;
pub mod recognize;
