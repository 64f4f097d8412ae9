//! Helpers shared by the recogniser's test files: the readers' grid snapshots of the samples.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses what it needs; test code

use jixiao::model::exchange::grid::Document;
use jixiao_office::recognize::{recognize, Recognized};

/// The grid the readers produce from sample `file` (tests/fixtures/grids).
pub fn grid(file: &str) -> Document {
    let text = std::fs::read_to_string(format!("tests/fixtures/grids/{file}.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The sample recognised; a refusal fails the test with its message.
pub fn read(file: &str) -> Recognized {
    recognize(&grid(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}
pub mod office;
