//! The built-in example reports: the seed documents transcribed into the JSON format. The same
//! files are the test fixtures in `tests/fixtures/seeds/`, so what the app shows is what is tested.

use crate::exchange::json::{load, LoadError};
use crate::report::Report;

/// One example: (id, title shown on the home page, file contents).
pub struct Example {
    /// Stable id (also the fixture's file stem).
    pub id: &'static str,
    /// Title on the home page.
    pub title: &'static str,
    /// The JSON file.
    pub json: &'static str,
}

/// The examples, seed 000 first.
pub const EXAMPLES: &[Example] = &[
    Example { id: "seed-000", title: "岳阳市总工会 2024（湖南，含基础数据表与项目表）", json: include_str!("../../../tests/fixtures/seeds/seed-000.json") },
    Example { id: "seed-001", title: "岳阳市云溪区总工会 2024（湖南，含封面与评价人员）", json: include_str!("../../../tests/fixtures/seeds/seed-001.json") },
    Example { id: "seed-003", title: "武汉市汉阳区总工会 2024（湖北，按年度绩效目标）", json: include_str!("../../../tests/fixtures/seeds/seed-003.json") },
    Example { id: "seed-004", title: "遂宁市安居区总工会 2024（四川，监控表与项目表）", json: include_str!("../../../tests/fixtures/seeds/seed-004.json") },
];

/// Loads an example by id.
pub fn example(id: &str) -> Option<Result<Report, LoadError>> {
    EXAMPLES.iter().find(|e| e.id == id).map(|e| load(e.json).map(|l| l.report))
}
