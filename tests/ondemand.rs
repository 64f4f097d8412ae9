//! The reader worker's side of the on-demand screens (issue 25, `model::ondemand`): the worker
//! has exactly the page's rule packs when it builds their HTML. In a process of its own: it
//! installs and forgets packs, which the library's unit tests also do.

use jixiao::model::{ondemand, rules};

#[test]
fn the_worker_has_exactly_the_pages_packs() {
    let (_, text) = rules::pack_file("hunan-2024").unwrap_or_default();
    let own = text.replacen("\"hunan-2024\"", "\"ondemand-test\"", 1);
    assert_ne!(own, text, "the pack file names its id");
    let packs = serde_json::to_string(&[("ondemand-test.json", own.as_str())]).unwrap_or_default();
    ondemand::install_packs(&packs);
    assert!(rules::find("ondemand-test").is_some(), "installed as the page has it");
    ondemand::install_packs(&packs);
    assert_eq!(rules::installed().iter().filter(|p| p.id == "ondemand-test").count(), 1, "installed once");
    // The user deleted it on the page: the next request's list no longer has it.
    ondemand::install_packs("[]");
    assert!(rules::find("ondemand-test").is_none(), "forgotten as the page forgot it");
    ondemand::install_packs("not json");
    assert!(rules::find("hunan-2024").is_some(), "built-in packs stay");
}
