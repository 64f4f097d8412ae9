//! The layers of the house: the crates depend one way (model ← office ← reader worker and
//! checker; the app has the model only, so linking a file reader or an Office writer into the
//! start-up module is a build error), read from `cargo metadata`; inside the model and the
//! office crates no two modules use each other, directly or through a longer circle (the
//! `crate::…` paths of every non-test source file, read the way a reader would); no source file
//! is over 700 lines; and ARCHITECTURE.md's code map names every source and test file.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A folder module whose `mod.rs` only declares and re-exports is a namespace: each of its
/// files is a module of its own. Any other folder module is one module.
fn is_namespace(dir: &Path) -> bool {
    let Ok(text) = fs::read_to_string(dir.join("mod.rs")) else { return false };
    !text.lines().map(str::trim_start).any(|l| {
        ["fn ", "pub fn ", "struct ", "pub struct ", "enum ", "pub enum ", "impl ", "const ", "pub const "].iter().any(|k| l.starts_with(k))
    })
}

/// The module a `crate::a::b::…` path names.
fn module_of(parts: &[&str], root: &Path) -> Option<String> {
    let first = *parts.first()?;
    let dir = root.join(first);
    if dir.is_dir() && is_namespace(&dir) {
        let second = parts.get(1)?;
        if second.chars().next()?.is_lowercase() && (dir.join(format!("{second}.rs")).exists() || dir.join(second).is_dir()) {
            return Some(format!("{first}::{second}"));
        }
    }
    Some(first.to_string())
}

/// Source text without test code (the `#[cfg(test)]` module at the end of a file).
fn non_test(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

fn collect(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap();
            let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
            let parts: Vec<&str> = parts.iter().map(String::as_str).filter(|p| *p != "mod").collect();
            // The crate root only declares the modules and re-exports a few items.
            if parts == ["lib"] {
                continue;
            }
            let Some(me) = module_of(&parts, root) else { continue };
            let text = fs::read_to_string(&path).unwrap();
            let node = graph.entry(me.clone()).or_default();
            for (i, _) in non_test(&text).match_indices("crate::") {
                let rest = &text[i + "crate::".len()..];
                let path: Vec<&str> = rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).next().unwrap_or("").split("::").filter(|s| !s.is_empty()).collect();
                // `use crate::model::{a, b}` names several modules at once.
                let targets: Vec<Vec<&str>> = if path.is_empty() && rest.starts_with('{') {
                    rest[1..rest.find('}').unwrap_or(1)].split(',').map(|s| s.trim().split("::").collect()).collect()
                } else {
                    vec![path]
                };
                for target in targets {
                    let Some(other) = module_of(&target, root) else { continue };
                    let file = root.join(other.replace("::", "/"));
                    // Items re-exported at the top (`crate::evaluate`) name no module.
                    if other != me && (file.with_extension("rs").exists() || file.is_dir()) {
                        node.insert(other);
                    }
                }
            }
        }
    }
    graph
}

/// A circle in the graph, if there is one (depth-first search with colours).
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(n: &str, g: &BTreeMap<String, BTreeSet<String>>, state: &mut BTreeMap<String, u8>, path: &mut Vec<String>) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == m).unwrap_or(0);
                    let mut c = path[start..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, g, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn model_modules_import_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/model/src");
    let graph = collect(&root);
    assert!(graph.contains_key("edit") && graph.contains_key("rules") && graph.contains_key("exchange::json"), "{graph:?}");
    // The layering the architecture promises: rules sit below editing.
    assert!(!graph["rules"].contains("edit"), "rules must not import edit");
    assert!(graph["check"].contains("score") && graph["exchange::json"].contains("check"), "{graph:?}");
    // Editing (paste) splits tab-separated text with the model's own helper, not a reader's.
    assert!(graph["edit"].contains("exchange::text"), "{graph:?}");
    if let Some(c) = circle(&graph) {
        panic!("import circle in crates/model: {}", c.join(" → "));
    }
}

#[test]
fn office_modules_import_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/office/src");
    let graph = collect(&root);
    assert!(graph["import"].contains("read") && graph["import"].contains("recognize"), "{graph:?}");
    if let Some(c) = circle(&graph) {
        panic!("import circle in crates/office: {}", c.join(" → "));
    }
}

/// Each workspace package's dependencies as (name, kind, target): kind "normal", "dev" or
/// "build"; target the `cfg(…)` it is limited to, or "" for every target.
fn dependencies() -> BTreeMap<String, Vec<(String, String, String)>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let deps = p["dependencies"].as_array().unwrap().iter().map(|d| (text(&d["name"]), d["kind"].as_str().unwrap_or("normal").to_string(), text(&d["target"]))).collect();
            (text(&p["name"]), deps)
        })
        .collect()
}

#[test]
fn the_crates_depend_one_way() {
    let deps = dependencies();
    let names: BTreeSet<&str> = deps.keys().map(String::as_str).collect();
    assert_eq!(names, BTreeSet::from(["jixiao", "jixiao-model", "jixiao-office", "jixiao-pages", "jixiao-reader", "jixiao-screens", "wasm-streams"]), "the workspace's crates");
    // The stand-in for crates.io wasm-streams (server_fn's): web crates only, none of ours.
    assert!(deps["wasm-streams"].iter().all(|(n, _, _)| !n.starts_with("jixiao")), "wasm-streams depends on {:?}", deps["wasm-streams"]);
    let normal = |pkg: &str| -> Vec<(String, String)> { deps[pkg].iter().filter(|(_, kind, _)| kind == "normal").map(|(n, _, t)| (n.clone(), t.clone())).collect() };
    let names_of = |pkg: &str| -> BTreeSet<String> { normal(pkg).into_iter().map(|(n, _)| n).collect() };
    const FORMATS: [&str; 7] = ["zip", "quick-xml", "cfb", "flate2", "md-5", "aes", "encoding_rs"];
    const WEB: [&str; 6] = ["leptos", "wasm-bindgen", "web-sys", "js-sys", "gloo-storage", "wasm-bindgen-futures"];
    // The model: no other crate of ours, no file format, no web crate.
    let model = names_of("jixiao-model");
    assert!(model.iter().all(|n| !n.starts_with("jixiao") && !FORMATS.contains(&n.as_str()) && !WEB.contains(&n.as_str())), "jixiao-model depends on {model:?}");
    // The office formats: on the model, never on the app or the worker, no web crate.
    let office = names_of("jixiao-office");
    assert!(office.contains("jixiao-model") && !office.contains("jixiao") && !office.contains("jixiao-reader"), "{office:?}");
    assert!(office.iter().all(|n| !WEB.contains(&n.as_str())), "jixiao-office depends on a web crate: {office:?}");
    // The app: the office formats only natively (the checker), so the start-up module cannot
    // link them; the worker's crate is the one wasm module that has them.
    for (name, target) in normal("jixiao") {
        assert!(name != "jixiao-reader", "the app depends on the worker's crate");
        if name == "jixiao-office" || FORMATS.contains(&name.as_str()) {
            assert_eq!(target, "cfg(not(target_arch = \"wasm32\"))", "the app may have {name} only natively");
        }
    }
    let reader = names_of("jixiao-reader");
    assert!(reader.contains("jixiao-office") && reader.contains("jixiao-model") && !reader.contains("jixiao"), "{reader:?}");
    // The pages module (the 部门决算 editor's page side, on the page thread): the model at most,
    // never the office formats (its files are written by the worker), the app or the worker.
    let pages: BTreeSet<String> = deps["jixiao-pages"].iter().map(|(n, _, _)| n.clone()).collect();
    assert!(pages.iter().all(|n| n == "jixiao-model" || !n.starts_with("jixiao")) && pages.iter().all(|n| !FORMATS.contains(&n.as_str())), "jixiao-pages depends on {pages:?}");
    // The screens module (审核 on demand): the app package itself, whose screens it links (the
    // start-up's router never calls them), so it has what the app has and nothing more.
    let screens = names_of("jixiao-screens");
    assert!(screens.contains("jixiao") && screens.iter().all(|n| n == "jixiao" || !n.starts_with("jixiao")) && screens.iter().all(|n| !FORMATS.contains(&n.as_str())), "jixiao-screens depends on {screens:?}");
    // Nothing depends on the worker, the pages module or the screens module; only the screens
    // module depends on the app.
    for (pkg, list) in &deps {
        assert!(list.iter().all(|(n, _, _)| n != "jixiao-reader" && n != "jixiao-pages" && n != "jixiao-screens"), "{pkg} depends on the worker or an on-demand module");
        assert!(pkg == "jixiao-screens" || list.iter().all(|(n, _, _)| n != "jixiao"), "{pkg} depends on the app");
    }
}

#[test]
fn a_circle_is_found() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(circle(&g), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    g.insert("c".to_string(), BTreeSet::new());
    assert_eq!(circle(&g), None);
}

/// The source folders of every crate of the workspace.
fn source_roots() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots = vec![root.join("src")];
    for entry in fs::read_dir(root.join("crates")).unwrap().flatten() {
        roots.push(entry.path().join("src"));
    }
    roots
}

#[test]
fn no_source_file_is_over_700_lines() {
    let mut stack = source_roots();
    let mut long = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                let n = text.lines().count();
                if n > 700 {
                    long.push(format!("{} ({n} lines)", path.display()));
                }
                assert!(text.starts_with("//!"), "{} opens without a //! line saying its job", path.display());
            }
        }
    }
    assert!(long.is_empty(), "files over 700 lines: {long:?}");
}

/// Every path the code map of ARCHITECTURE.md names: an entry line (indent below the
/// description column) names a file or a folder under the folders above it; a folder's
/// description (its line and the deeper-indented lines after it) may name files inside it by
/// their path relative to that folder (`read/numfmt.rs`). `*` in a name matches any file name.
fn code_map_names() -> Vec<String> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let block = text.split("```").nth(1).expect("ARCHITECTURE.md opens its code map with ```");
    const DESCRIPTION_COLUMN: usize = 20;
    let mut names = Vec::new();
    let mut folders: Vec<(usize, String)> = Vec::new();
    let mut here = String::new();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let indent = line.len() - line.trim_start().len();
        let mut words = line.split_whitespace();
        let description = if indent < DESCRIPTION_COLUMN {
            let entry = words.next().unwrap_or("");
            while folders.last().is_some_and(|(i, _)| *i >= indent) {
                folders.pop();
            }
            let base: String = folders.iter().map(|(_, f)| f.as_str()).collect();
            let path = format!("{base}{entry}");
            names.push(path.clone());
            here = if entry.ends_with('/') {
                folders.push((indent, entry.to_string()));
                path
            } else {
                path.rsplit_once('/').map(|(dir, _)| format!("{dir}/")).unwrap_or_default()
            };
            words.collect::<Vec<_>>()
        } else {
            words.collect()
        };
        for word in description {
            let word = word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == '/' || c == '*' || c == '_' || c == '-'));
            if [".rs", ".json", ".js", ".mjs", ".sh"].iter().any(|e| word.ends_with(e)) || word.ends_with('/') {
                names.push(format!("{here}{word}"));
            }
        }
    }
    names
}

fn glob_matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((head, tail)) => path.starts_with(head) && path.ends_with(tail) && !path[head.len()..path.len() - tail.len()].contains('/'),
    }
}

#[test]
fn the_code_map_names_every_source_and_test_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = code_map_names();
    let mut files = Vec::new();
    let mut stack = source_roots();
    stack.push(root.join("tests"));
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                // Fixtures are data, not code; test folders are named as folders.
                if !rel.starts_with("tests/") {
                    stack.push(path);
                } else if !rel.starts_with("tests/fixtures") {
                    files.push(format!("{rel}/"));
                }
            } else if rel.ends_with(".rs") {
                files.push(rel);
            }
        }
    }
    files.sort();
    // A folder's entry names its mod.rs.
    let named = |f: &String| names.iter().any(|n| glob_matches(n, f) || f.strip_suffix("mod.rs").is_some_and(|dir| n == dir));
    let unnamed: Vec<&String> = files.iter().filter(|f| !named(f)).collect();
    assert!(unnamed.is_empty(), "files ARCHITECTURE.md's code map does not name: {unnamed:?}");
    let stale: Vec<&String> = names
        .iter()
        .filter(|n| (n.starts_with("src/") || n.starts_with("crates/")) && n.ends_with(".rs") && !n.contains('*') && !root.join(n).exists())
        .collect();
    assert!(stale.is_empty(), "the code map names files that do not exist: {stale:?}");
}
