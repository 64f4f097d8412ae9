//! Reading a saved report: the `report` object of a file is walked through the same field paths
//! the editor writes, so every field is read by exactly one rule (the typing rule) and an error
//! names its field in Chinese.

use crate::num::{json_decimal, json_kind, means_not_applicable};
use crate::report::Report;

use super::node::{Node, SlotMut};
use super::{parse_table_kind, parse_tier, parse_unit};

/// Why a report's JSON did not load: the field path (`overall.budget.executed`) and a Chinese
/// message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Path of the field, as the editor and findings write it.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

/// Builds a report from the `report` object of a saved file through the same field paths the
/// editor writes, so every field is read by exactly one rule and an error names its field.
/// Reading is as lenient as typing (numbers as strings or JSON numbers, full-width digits,
/// `null` for "not filled in"); keys this version does not know are returned, not dropped
/// silently.
pub fn from_json(value: &serde_json::Value) -> Result<(Report, Vec<String>), JsonError> {
    let mut report = Report::default();
    let mut unknown = Vec::new();
    let mut typed = Vec::new();
    load_node(&mut report, value, "", &mut unknown, &mut typed)?;
    // Numbers written with a unit ("10分", "150万元", "90%") are read as typing reads them, once
    // the whole report (and so each table's 金额单位) is known: the unit is checked, never
    // dropped.
    for (path, text) in typed {
        super::set(&mut report, &path, &text).map_err(|_| JsonError { path: path.clone(), message: format!("“{text}”不是此栏可用的数字（单位不符或无法识别）") })?;
    }
    Ok((report, unknown))
}

/// Whether a number written as text carries a unit or sign typing must judge (分, 元, 万元, %).
fn has_unit(text: &str) -> bool {
    let t = text.trim();
    ['分', '元', '%', '％'].iter().any(|u| t.ends_with(*u))
}

fn load_node(node: &mut dyn Node, value: &serde_json::Value, path: &str, unknown: &mut Vec<String>, typed: &mut Vec<(String, String)>) -> Result<(), JsonError> {
    use serde_json::Value;
    let error = |path: String, message: String| JsonError { path, message };
    let Value::Object(map) = value else {
        return Err(error(path.to_string(), format!("应为对象，实际是{}", json_kind(value))));
    };
    for (key, item) in map {
        let item_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        if let Some(slot) = node.slot_mut(key) {
            let number = matches!(slot, SlotMut::Number(_));
            if let (true, Value::String(t)) = (number, item) {
                if has_unit(t) {
                    typed.push((item_path, t.clone()));
                    continue;
                }
            }
            load_leaf(slot, item).map_err(|m| error(item_path, m))?;
            // A number written as "/" (a file made by hand or by another program) is marked as
            // not applicable, as typing it would.
            if number && matches!(item, Value::String(t) if means_not_applicable(t)) {
                super::node::mark_not_applicable(node, key, true);
            }
            continue;
        }
        if key == "not_applicable" {
            if let (Some(marks), Value::Array(names)) = (node.marks_mut(), item) {
                marks.extend(names.iter().filter_map(|n| n.as_str()).map(str::to_string));
                continue;
            }
        }
        match item {
            // An absent optional part, or an empty list.
            Value::Null => {}
            Value::Array(items) => {
                for (i, element) in items.iter().enumerate() {
                    if let Some(child) = node.push_child(key) {
                        load_node(child, element, &format!("{item_path}[{i}]"), unknown, typed)?;
                        continue;
                    }
                    if node.child_mut(key, None).is_some() {
                        return Err(error(item_path, "应为对象，实际是列表".into()));
                    }
                    unknown.push(item_path);
                    break;
                }
            }
            Value::Object(_) => {
                if let Some(child) = node.child_mut(key, None) {
                    load_node(child, item, &item_path, unknown, typed)?;
                } else if node.push_child(key).is_some() {
                    // The push only probes whether `key` is a list; the load fails anyway.
                    return Err(error(item_path, "应为列表，实际是对象".into()));
                } else {
                    unknown.push(item_path);
                }
            }
            other => {
                if node.child_mut(key, None).is_some() || node.push_child(key).is_some() {
                    return Err(error(item_path, format!("应为对象或列表，实际是{}", json_kind(other))));
                }
                unknown.push(item_path);
            }
        }
    }
    Ok(())
}

fn load_leaf(slot: SlotMut<'_>, value: &serde_json::Value) -> Result<(), String> {
    use serde_json::Value;
    let wrong = |expected: &str| format!("应为{expected}，实际是{}", json_kind(value));
    match slot {
        SlotMut::Text(s) => match value {
            Value::String(t) => *s = t.clone(),
            Value::Null => s.clear(),
            // A code or phone number written as a JSON number is still that text.
            Value::Number(n) => *s = n.to_string(),
            _ => return Err(wrong("文本")),
        },
        SlotMut::Number(d) => *d = json_decimal(value)?,
        SlotMut::Grade(g) => match value {
            Value::String(t) => *g = Some(t.clone()),
            Value::Null => *g = None,
            _ => return Err(wrong("文本")),
        },
        SlotMut::Tier(t) => match value {
            Value::Null => *t = None,
            Value::String(k) => *t = parse_tier(k).map_err(|e| e.to_string())?,
            _ => return Err(wrong("档次（met / partly / not_met）")),
        },
        SlotMut::Year(y) => {
            *y = match value {
                Value::Null => 0,
                Value::Number(n) => n.as_u64().and_then(|v| u32::try_from(v).ok()).ok_or_else(|| format!("“{n}”不是有效的年度"))?,
                Value::String(t) => crate::num::normalize(t.trim()).parse().map_err(|_| format!("“{t}”不是有效的年度"))?,
                _ => return Err(wrong("年度（整数）")),
            }
        }
        SlotMut::Unit(u) => match value {
            Value::String(t) => *u = parse_unit(t).map_err(|_| format!("金额单位应为“万元”或“元”，实际是“{t}”"))?,
            _ => return Err(wrong("金额单位（万元 / 元）")),
        },
        SlotMut::Kind(k) => match value {
            Value::String(t) => *k = parse_table_kind(t).map_err(|_| format!("表的类别应为 overall 或 project，实际是“{t}”"))?,
            _ => return Err(wrong("表的类别（overall / project）")),
        },
    }
    Ok(())
}

