//! What the page and the office formats exchange without either reading a file: the versioned
//! JSON envelope of a saved report (`json`), CSV for Excel (`csv`), the neutral table grid that
//! imported Word, Excel, web-page and PDF files are read into (`grid`), the text helpers both
//! sides share (`text`: byte-order marks, tab-separated splitting), what the recogniser found
//! (`found`), the import preview and its trip from the reader worker to the page (`import`), and
//! the names of the written files (`export`). The readers, the recogniser and the writers
//! themselves are the `jixiao-office` crate, which the start-up module cannot link.

pub mod csv;
pub mod export;
pub mod found;
pub mod grid;
pub mod import;
pub mod json;
pub mod text;
