//! The built-in example reports: the seed documents transcribed into the JSON format. The same
//! files are the test fixtures in `tests/fixtures/seeds/`, so what the app shows is what is tested.
//!
//! With the feature `examples` (on by default; the root package and the office crate ask for it
//! in their tests) the files are compiled in. The browser app builds without it (issue 25:
//! ≈8.5 KB gzip less at start-up): the page
//! fetches an example's file (`examples/<id>.json` beside index.html, or the copy inlined in
//! jixiao.html) when one is first opened and hands it over with [`provide`].

use std::cell::RefCell;

use crate::exchange::json::{load, LoadError};
use crate::report::Report;

/// One example: its id and the title shown on 首页.
pub struct Example {
    /// Stable id (also the fixture's file stem, and the file name the browser fetches).
    pub id: &'static str,
    /// Title on the home page.
    pub title: &'static str,
}

/// The examples, seed 000 first.
pub const EXAMPLES: &[Example] = &[
    Example { id: "seed-000", title: "岳阳市总工会 2024（湖南，含基础数据表与项目表）" },
    Example { id: "seed-001", title: "岳阳市云溪区总工会 2024（湖南，含封面与评价人员）" },
    Example { id: "seed-003", title: "武汉市汉阳区总工会 2024（湖北，按年度绩效目标）" },
    Example { id: "seed-004", title: "遂宁市安居区总工会 2024（四川，监控表与项目表）" },
];

/// The compiled-in files, by id.
#[cfg(feature = "examples")]
fn built_in(id: &str) -> Option<&'static str> {
    match id {
        "seed-000" => Some(include_str!("../../../tests/fixtures/seeds/seed-000.json")),
        "seed-001" => Some(include_str!("../../../tests/fixtures/seeds/seed-001.json")),
        "seed-003" => Some(include_str!("../../../tests/fixtures/seeds/seed-003.json")),
        "seed-004" => Some(include_str!("../../../tests/fixtures/seeds/seed-004.json")),
        _ => None,
    }
}

#[cfg(not(feature = "examples"))]
fn built_in(_id: &str) -> Option<&'static str> {
    None
}

thread_local! {
    /// Files handed over by the page ([`provide`]): (id, text).
    static PROVIDED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Whether `id` names an example.
pub fn is_example(id: &str) -> bool {
    EXAMPLES.iter().any(|e| e.id == id)
}

/// Whether example `id` must still be fetched before [`example`] can give it.
pub fn needs_file(id: &str) -> bool {
    is_example(id) && built_in(id).is_none() && !PROVIDED.with(|p| p.borrow().iter().any(|(i, _)| i == id))
}

/// Hands over the file of example `id` as fetched by the page.
pub fn provide(id: &str, text: String) {
    PROVIDED.with(|p| {
        let mut p = p.borrow_mut();
        p.retain(|(i, _)| i != id);
        p.push((id.to_string(), text));
    });
}

/// Loads an example by id: `None` for an id that is no example, or one whose file is not here
/// yet ([`needs_file`]).
pub fn example(id: &str) -> Option<Result<Report, LoadError>> {
    if let Some(text) = built_in(id) {
        return Some(load(text).map(|l| l.report));
    }
    PROVIDED.with(|p| p.borrow().iter().find(|(i, _)| i == id).map(|(_, text)| load(text).map(|l| l.report)))
}
