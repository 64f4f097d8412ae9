//! Editing a report by field path: the one way the editor (and its tests) read and change a
//! report, so every cell of every table is a path string like `overall.indicators[3].actual` —
//! the same paths the findings carry, which is what lets a finding focus its field.
//!
//! Guarantees: `get` never fails (an absent part reads as empty text); `set` either changes
//! exactly the addressed field or returns a Chinese message and leaves the report untouched; a
//! number is stored only when [`parse_decimal`] accepts it (full-width digits, thousands
//! separators and `%` included). Structural edits (rows, projects, goals, reviewers) and the
//! spreadsheet paste live here too, so they are tested natively.

use rust_decimal::Decimal;

use crate::model::num::{div, mul, parse_decimal, plain, NumberError};
use crate::model::report::{
    BasicData, Building, BudgetBlock, BudgetLine, Cover, DeclaredWeight, Goal, Indicator, MoneyUnit, MonitorIndicator,
    MonitorMoney, MonitorTable, MonitorTask, NamedTriple, NarrativeSection, PerfTable, Report, Reviewer, SignOff,
    TableKind, Tier, Triple,
};
use crate::model::rules::RulePack;

/// Why an edit was refused. Each message is a Chinese sentence shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The path names no field (a programming error in the caller, never user input).
    NoSuchField(String),
    /// A number cell got text that is not a number.
    Number(NumberError),
    /// A choice cell got a value outside its list.
    BadChoice(String),
    /// A paste that is too large to be a table.
    PasteTooLarge(usize),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoSuchField(p) => write!(f, "没有字段 {p}。"),
            EditError::Number(e) => write!(f, "{e}，本格保留原值。"),
            EditError::BadChoice(v) => write!(f, "“{v}”不是可选的值。"),
            EditError::PasteTooLarge(n) => write!(f, "粘贴内容有 {n} 行，超过每次 {MAX_PASTE_ROWS} 行的上限，未作改动。"),
        }
    }
}

/// What kind of value a field holds, so the editor picks the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A number (money, weight, score, percent).
    Number,
    /// 评价等次 as written (a row that may exist and be blank).
    Grade,
    /// 定性指标 tier.
    Tier,
    /// 年度.
    Year,
    /// 万元 / 元 (changed through [`Change::SetUnit`], which converts the amounts).
    Unit,
    /// 整体 / 项目.
    TableKind,
}

/// The value of a field as shown in its input.
pub fn get(report: &Report, path: &str) -> String {
    let Some((node, last)) = walk(report as &dyn Node, path) else { return String::new() };
    match node.slot(last) {
        Some(Slot::Text(s)) => s.clone(),
        Some(Slot::Number(d)) => d.map(plain).unwrap_or_default(),
        Some(Slot::Grade(g)) => g.clone().unwrap_or_default(),
        Some(Slot::Tier(t)) => t.map(tier_key).unwrap_or_default().to_string(),
        Some(Slot::Year(y)) => if *y == 0 { String::new() } else { y.to_string() },
        Some(Slot::Unit(u)) => u.label().to_string(),
        Some(Slot::Kind(k)) => table_kind_key(*k).to_string(),
        None => String::new(),
    }
}

/// The kind of the field at `path`, or `None` when the path names no field.
pub fn kind(path: &str) -> Option<FieldKind> {
    let mut probe = Report::default();
    let (node, last) = walk_mut(&mut probe as &mut dyn Node, path)?;
    Some(match node.slot_mut(last)? {
        SlotMut::Text(_) => FieldKind::Text,
        SlotMut::Number(_) => FieldKind::Number,
        SlotMut::Grade(_) => FieldKind::Grade,
        SlotMut::Tier(_) => FieldKind::Tier,
        SlotMut::Year(_) => FieldKind::Year,
        SlotMut::Unit(_) => FieldKind::Unit,
        SlotMut::Kind(_) => FieldKind::TableKind,
    })
}

/// The kind of the field at `path` in this report (lists index into its rows).
pub fn kind_in(report: &Report, path: &str) -> Option<FieldKind> {
    let found = walk(report as &dyn Node, path).and_then(|(node, last)| node.slot(last)).map(|slot| match slot {
        Slot::Text(_) => FieldKind::Text,
        Slot::Number(_) => FieldKind::Number,
        Slot::Grade(_) => FieldKind::Grade,
        Slot::Tier(_) => FieldKind::Tier,
        Slot::Year(_) => FieldKind::Year,
        Slot::Unit(_) => FieldKind::Unit,
        Slot::Kind(_) => FieldKind::TableKind,
    });
    found.or_else(|| kind(path))
}

/// Sets the field at `path` from the text typed into it. An empty number cell clears it.
pub fn set(report: &mut Report, path: &str, text: &str) -> Result<(), EditError> {
    let missing = || EditError::NoSuchField(path.to_string());
    // Parse before walking: walking creates absent parts (封面, 基础数据表) on the way, and a
    // refused edit must leave the report exactly as it was.
    let kind = kind_in(report, path).ok_or_else(missing)?;
    let number = match kind {
        FieldKind::Number => parse_optional(text)?,
        _ => None,
    };
    let tier = match kind {
        FieldKind::Tier => Some(parse_tier(text)?),
        _ => None,
    };
    let year = match kind {
        FieldKind::Year => Some(parse_year(text)?),
        _ => None,
    };
    let (node, last) = walk_mut(report as &mut dyn Node, path).ok_or_else(missing)?;
    match node.slot_mut(last).ok_or_else(missing)? {
        SlotMut::Text(s) => *s = text.to_string(),
        SlotMut::Number(d) => *d = number,
        SlotMut::Grade(g) => *g = Some(text.trim().to_string()),
        SlotMut::Tier(t) => *t = tier.flatten(),
        SlotMut::Year(y) => *y = year.unwrap_or_default(),
        SlotMut::Unit(u) => *u = parse_unit(text)?,
        SlotMut::Kind(k) => *k = parse_table_kind(text)?,
    }
    Ok(())
}

/// Whether the text in an input already shows the stored value `stored` (as [`get`] writes it),
/// so the input need not be rewritten: "1." and "１０" show 1 and 10, a grade may carry spaces.
pub fn shows(kind: FieldKind, typed: &str, stored: &str) -> bool {
    match kind {
        FieldKind::Number => parse_optional(typed).ok().map(|d| d.map(plain).unwrap_or_default()).as_deref() == Some(stored),
        FieldKind::Grade => typed.trim() == stored,
        _ => typed == stored,
    }
}

/// A typed number: empty clears, otherwise it must parse.
pub fn parse_optional(text: &str) -> Result<Option<Decimal>, EditError> {
    match parse_decimal(text) {
        Ok(d) => Ok(Some(d)),
        Err(NumberError::Empty) => Ok(None),
        Err(e) => Err(EditError::Number(e)),
    }
}

fn parse_year(text: &str) -> Result<u32, EditError> {
    match parse_optional(text)? {
        None => Ok(0),
        Some(d) if d.fract().is_zero() && d >= Decimal::from(1990) && d <= Decimal::from(2100) => {
            Ok(d.to_string().parse().unwrap_or_default())
        }
        Some(_) => Err(EditError::BadChoice(text.trim().to_string())),
    }
}

/// The stored key of a tier (`met`, `partly`, `not_met`).
pub fn tier_key(tier: Tier) -> &'static str {
    match tier {
        Tier::Met => "met",
        Tier::Partly => "partly",
        Tier::NotMet => "not_met",
    }
}

fn table_kind_key(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Overall => "overall",
        TableKind::Project => "project",
    }
}

fn parse_unit(text: &str) -> Result<MoneyUnit, EditError> {
    match text.trim() {
        "万元" => Ok(MoneyUnit::WanYuan),
        "元" => Ok(MoneyUnit::Yuan),
        other => Err(EditError::BadChoice(other.to_string())),
    }
}

fn parse_table_kind(text: &str) -> Result<TableKind, EditError> {
    match text.trim() {
        "overall" => Ok(TableKind::Overall),
        "project" => Ok(TableKind::Project),
        other => Err(EditError::BadChoice(other.to_string())),
    }
}

fn parse_tier(text: &str) -> Result<Option<Tier>, EditError> {
    match text.trim() {
        "" => Ok(None),
        "met" => Ok(Some(Tier::Met)),
        "partly" => Ok(Some(Tier::Partly)),
        "not_met" => Ok(Some(Tier::NotMet)),
        other => Err(EditError::BadChoice(other.to_string())),
    }
}

// ---------------------------------------------------------------------------------------------
// Loading from JSON

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
    load_node(&mut report, value, "", &mut unknown)?;
    Ok((report, unknown))
}

/// A decimal field as saved: a string (read as leniently as typing), a JSON number, `null` or
/// `""` (both "not filled in"). The one reader of decimals in files, rule packs included.
pub fn json_decimal(value: &serde_json::Value) -> Result<Option<Decimal>, String> {
    use serde_json::Value;
    match value {
        Value::Null => Ok(None),
        Value::String(t) if t.trim().is_empty() => Ok(None),
        Value::String(t) => parse_decimal(t).map(Some).map_err(|e| e.to_string()),
        // serde_json prints a number in its shortest exact form ("0.1"), so this keeps what the
        // file said without binary floating point arithmetic.
        Value::Number(n) => json_number(&n.to_string()).map(Some),
        other => Err(format!("应为数字，实际是{}", json_kind(other))),
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "空值",
        Value::Bool(_) => "真假值",
        Value::Number(_) => "数字",
        Value::String(_) => "文本",
        Value::Array(_) => "列表",
        Value::Object(_) => "对象",
    }
}

fn load_node(node: &mut dyn Node, value: &serde_json::Value, path: &str, unknown: &mut Vec<String>) -> Result<(), JsonError> {
    use serde_json::Value;
    let error = |path: String, message: String| JsonError { path, message };
    let Value::Object(map) = value else {
        return Err(error(path.to_string(), format!("应为对象，实际是{}", json_kind(value))));
    };
    for (key, item) in map {
        let item_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        if let Some(slot) = node.slot_mut(key) {
            load_leaf(slot, item).map_err(|m| error(item_path, m))?;
            continue;
        }
        match item {
            // An absent optional part, or an empty list.
            Value::Null => {}
            Value::Array(items) => {
                for (i, element) in items.iter().enumerate() {
                    if let Some(child) = node.push_child(key) {
                        load_node(child, element, &format!("{item_path}[{i}]"), unknown)?;
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
                    load_node(child, item, &item_path, unknown)?;
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

/// A JSON number as a decimal: exponent forms (`1e3`, what serde_json prints for very large or
/// small numbers) are read exactly; magnitudes no budget figure reaches are refused.
fn json_number(text: &str) -> Result<Decimal, String> {
    if !text.contains(['e', 'E']) {
        return parse_decimal(text).map_err(|e| e.to_string());
    }
    match Decimal::from_scientific(text) {
        Ok(d) if d.abs() < crate::model::num::MAX_ABS => Ok(d),
        _ => Err(NumberError::TooLarge(text.to_string()).to_string()),
    }
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
                Value::String(t) => crate::model::num::normalize(t.trim()).parse().map_err(|_| format!("“{t}”不是有效的年度"))?,
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

// ---------------------------------------------------------------------------------------------
// Paths

/// One step of a path: a field name and, for lists, an index.
fn steps(path: &str) -> Option<Vec<(&str, Option<usize>)>> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => rest.strip_suffix(']')?.parse().ok().map(|i| (name, Some(i))),
            None => Some((part, None)),
        })
        .collect()
}

fn walk<'a>(root: &'a dyn Node, path: &'a str) -> Option<(&'a dyn Node, &'a str)> {
    let steps = steps(path)?;
    let (last, inner) = steps.split_last()?;
    if last.1.is_some() {
        return None;
    }
    let mut node = root;
    for (name, index) in inner {
        node = node.child(name, *index)?;
    }
    Some((node, last.0))
}

fn walk_mut<'a>(root: &'a mut dyn Node, path: &'a str) -> Option<(&'a mut dyn Node, &'a str)> {
    let steps = steps(path)?;
    let (last, inner) = steps.split_last()?;
    if last.1.is_some() {
        return None;
    }
    let mut node = root;
    for (name, index) in inner {
        node = node.child_mut(name, *index)?;
    }
    Some((node, last.0))
}

enum Slot<'a> {
    Unit(&'a MoneyUnit),
    Kind(&'a TableKind),
    Text(&'a String),
    Number(&'a Option<Decimal>),
    Grade(&'a Option<String>),
    Tier(&'a Option<Tier>),
    Year(&'a u32),
}

enum SlotMut<'a> {
    Unit(&'a mut MoneyUnit),
    Kind(&'a mut TableKind),
    Text(&'a mut String),
    Number(&'a mut Option<Decimal>),
    Grade(&'a mut Option<String>),
    Tier(&'a mut Option<Tier>),
    Year(&'a mut u32),
}

/// A part of the report that has fields and children (implemented by [`fields!`], the children
/// coming from the type's [`Children`] declaration).
trait Node {
    fn slot(&self, name: &str) -> Option<Slot<'_>>;
    fn slot_mut(&mut self, name: &str) -> Option<SlotMut<'_>>;
    fn child(&self, name: &str, index: Option<usize>) -> Option<&dyn Node>;
    fn child_mut(&mut self, name: &str, index: Option<usize>) -> Option<&mut dyn Node>;
    /// Appends an empty element to the list `name` and returns it.
    fn push_child(&mut self, name: &str) -> Option<&mut dyn Node>;
}

/// Declares the fields of a struct: `text`, `number`, `grade`, `tier` and `year` slots.
macro_rules! fields {
    ($ty:ty { $($kind:ident: $($field:ident),+;)* }) => {
        impl Node for $ty {
            fn slot(&self, name: &str) -> Option<Slot<'_>> {
                match name {
                    $($(stringify!($field) => Some(Slot::$kind(&self.$field)),)+)*
                    _ => None,
                }
            }
            fn slot_mut(&mut self, name: &str) -> Option<SlotMut<'_>> {
                match name {
                    $($(stringify!($field) => Some(SlotMut::$kind(&mut self.$field)),)+)*
                    _ => None,
                }
            }
            fn child(&self, name: &str, index: Option<usize>) -> Option<&dyn Node> {
                Children::get_child(self, name, index)
            }
            fn child_mut(&mut self, name: &str, index: Option<usize>) -> Option<&mut dyn Node> {
                Children::get_child_mut(self, name, index)
            }
            fn push_child(&mut self, name: &str) -> Option<&mut dyn Node> {
                Children::push(self, name)
            }
        }
    };
}

/// Child navigation per type; types without children use the default (none).
trait Children {
    fn get_child(&self, _name: &str, _index: Option<usize>) -> Option<&dyn Node> {
        None
    }
    fn get_child_mut(&mut self, _name: &str, _index: Option<usize>) -> Option<&mut dyn Node> {
        None
    }
    fn push(&mut self, _name: &str) -> Option<&mut dyn Node> {
        None
    }
}

/// Declares the children of a struct: optional `parts` (created when written), single `ones`,
/// `lists` (indexed, appended to by `push`), and a `named` lookup for the rest (basic data rows).
/// One declaration gives the shared, mutable and push navigation, so they cannot disagree.
macro_rules! children {
    ($ty:ty {}) => {
        impl Children for $ty {}
    };
    ($ty:ty { parts: [$($p:ident),*], ones: [$($o:ident),*], lists: [$($l:ident),*] $(, named: $get:ident / $get_mut:ident)? }) => {
        impl Children for $ty {
            fn get_child(&self, name: &str, index: Option<usize>) -> Option<&dyn Node> {
                match name {
                    $(stringify!($p) => part(&self.$p, index),)*
                    $(stringify!($o) => index.is_none().then_some(&self.$o as &dyn Node),)*
                    $(stringify!($l) => item(&self.$l, index),)*
                    _ => {
                        $(if index.is_none() {
                            return self.$get(name).map(|t| t as &dyn Node);
                        })?
                        None
                    }
                }
            }
            fn get_child_mut(&mut self, name: &str, index: Option<usize>) -> Option<&mut dyn Node> {
                match name {
                    $(stringify!($p) => part_mut(&mut self.$p, index),)*
                    $(stringify!($o) => if index.is_none() { Some(&mut self.$o as &mut dyn Node) } else { None },)*
                    $(stringify!($l) => item_mut(&mut self.$l, index),)*
                    _ => {
                        $(if index.is_none() {
                            return self.$get_mut(name).map(|t| t as &mut dyn Node);
                        })?
                        None
                    }
                }
            }
            fn push(&mut self, name: &str) -> Option<&mut dyn Node> {
                match name {
                    $(stringify!($l) => push(&mut self.$l),)*
                    _ => None,
                }
            }
        }
    };
}

fn push<T: Node + Default>(list: &mut Vec<T>) -> Option<&mut dyn Node> {
    list.push(T::default());
    list.last_mut().map(|t| t as &mut dyn Node)
}

fn item<T: Node>(list: &[T], index: Option<usize>) -> Option<&dyn Node> {
    list.get(index?).map(|t| t as &dyn Node)
}

fn item_mut<T: Node>(list: &mut [T], index: Option<usize>) -> Option<&mut dyn Node> {
    list.get_mut(index?).map(|t| t as &mut dyn Node)
}

/// An optional part reads as absent and is created (empty) when written.
fn part<T: Node>(part: &Option<T>, index: Option<usize>) -> Option<&dyn Node> {
    match index {
        None => part.as_ref().map(|t| t as &dyn Node),
        Some(_) => None,
    }
}

fn part_mut<T: Node + Default>(part: &mut Option<T>, index: Option<usize>) -> Option<&mut dyn Node> {
    match index {
        None => Some(part.get_or_insert_with(T::default) as &mut dyn Node),
        Some(_) => None,
    }
}

fields!(Report { Text: id, department, rule_pack; Year: year; });
children!(Report { parts: [cover, basic_data, overall, monitor, sign_off], ones: [], lists: [projects, narrative] });

fields!(Cover { Text: title, budget_code, method, agency, report_date, issuer; });
children!(Cover {});

fields!(PerfTable {
    Text: name, code, supervisor, implementer, goal_expected, goal_actual, deviation_analysis, improvement, filled_by,
        fill_date, phone, head;
    Number: declared_total;
    Grade: declared_grade;
    Kind: kind;
    Unit: unit;
});
children!(PerfTable { parts: [], ones: [budget], lists: [indicators, goals, level1_weights] });

fields!(DeclaredWeight { Text: name; Number: weight; });
children!(DeclaredWeight {});

fields!(BudgetBlock {
    Number: initial, adjusted, executed, weight, declared_rate_percent, declared_score, basic, project;
    Text: declared_formula, reason;
});
children!(BudgetBlock { parts: [], ones: [], lists: [by_source] });

fields!(BudgetLine { Text: label; Number: initial, adjusted, executed; });
children!(BudgetLine {});

fields!(Goal { Text: title; Number: weight; });
children!(Goal { parts: [], ones: [], lists: [indicators] });

fields!(Indicator {
    Text: level1, level2, name, target, nature, unit, actual, reason;
    Number: weight, declared_score, assessed_score;
    Tier: tier;
});
children!(Indicator {});

fields!(MonitorTable { Text: name; Unit: unit; });
children!(MonitorTable { parts: [], ones: [total, basic, project], lists: [tasks, indicators] });

fields!(MonitorMoney { Number: budget, executed; Text: reason, measures; });
children!(MonitorMoney {});
fields!(MonitorTask { Text: name, content, progress; });
children!(MonitorTask {});
fields!(MonitorIndicator { Text: level1, level2, name, target, expected, reason, measures; });
children!(MonitorIndicator {});

fields!(BasicData { Number: staff_quota, staff_actual, declared_control_rate_percent; Text: frugality; Unit: unit; });
children!(BasicData { parts: [], ones: [], lists: [specials, buildings], named: triple / triple_mut });

/// Declares the 经费控制情况 rows once: the list in table order and the lookups by field name.
macro_rules! basic_rows {
    ($($field:ident => $label:literal,)+) => {
        /// The 经费控制情况 rows of the 基础数据表, in table order: (field, label).
        pub const BASIC_ROWS: &[(&str, &str)] = &[$((stringify!($field), $label),)+];

        impl BasicData {
            /// The 经费控制情况 row named as in [`BASIC_ROWS`].
            pub fn triple(&self, name: &str) -> Option<&Triple> {
                match name {
                    $(stringify!($field) => Some(&self.$field),)+
                    _ => None,
                }
            }

            fn triple_mut(&mut self, name: &str) -> Option<&mut Triple> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)+
                    _ => None,
                }
            }
        }
    };
}

basic_rows! {
    three_public => "三公经费",
    cars => "1、公务用车购置和维护经费",
    car_purchase => "其中：公车购置",
    car_running => "公车运行维护",
    abroad => "2、出国经费",
    reception => "3、公务接待",
    project_total => "项目支出",
    business => "1、业务工作经费",
    operation => "2、运行维护经费",
    public_total => "公用经费",
    office => "其中：办公经费",
    utilities_travel => "水费、电费、差旅费",
    meeting_training => "会议费、培训费",
    procurement => "政府采购金额",
    basic_adjustment => "部门基本支出预算调整",
}

/// The 市级专项资金 rows come after this many rows of [`BASIC_ROWS`] (under 项目支出).
pub const SPECIALS_AFTER: usize = 9;

impl BasicData {
    /// Every 经费控制情况 row in table order, the 市级专项资金 rows in their place: (label, figures).
    pub fn rows(&self) -> Vec<(String, &Triple)> {
        let (before, after) = BASIC_ROWS.split_at(SPECIALS_AFTER);
        let fixed = |rows: &'static [(&'static str, &'static str)]| {
            rows.iter().filter_map(|(field, label)| self.triple(field).map(|t| (label.to_string(), t))).collect::<Vec<_>>()
        };
        let mut rows = fixed(before);
        rows.extend(self.specials.iter().map(|s| (format!("3、{}", s.name), &s.values)));
        rows.extend(fixed(after));
        rows
    }
}

fields!(Triple { Number: prev_final, budget, final_; });
children!(Triple {});
fields!(NamedTriple { Text: name; });
children!(NamedTriple { parts: [], ones: [values], lists: [] });
fields!(Building {
    Text: name;
    Number: approved_area, actual_area, declared_area_rate_percent, budget_investment, actual_investment,
        declared_investment_rate_percent;
});
children!(Building {});

fields!(SignOff {
    Text: leader_date, department_opinion, department_date, finance_opinion, finance_date, filled_by, phone;
});
children!(SignOff { parts: [], ones: [], lists: [reviewers] });
fields!(Reviewer { Text: name, title, unit; });
children!(Reviewer {});
fields!(NarrativeSection { Text: title, text; });
children!(NarrativeSection {});

// ---------------------------------------------------------------------------------------------
// Tables and rows

/// The scored table at `overall` or `projects[i]`.
pub fn table<'a>(report: &'a Report, path: &str) -> Option<&'a PerfTable> {
    if path == "overall" {
        return report.overall.as_ref();
    }
    let i: usize = path.strip_prefix("projects[")?.strip_suffix(']')?.parse().ok()?;
    report.projects.get(i)
}

/// The scored table at `path`, mutable.
pub fn table_mut<'a>(report: &'a mut Report, path: &str) -> Option<&'a mut PerfTable> {
    if path == "overall" {
        return report.overall.as_mut();
    }
    let i: usize = path.strip_prefix("projects[")?.strip_suffix(']')?.parse().ok()?;
    report.projects.get_mut(i)
}

/// Which list of indicator rows: the table's own, or goal `g`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowList {
    /// `table.indicators`.
    Table,
    /// `table.goals[g].indicators`.
    Goal(usize),
}

impl RowList {
    /// The path prefix of the list's rows, e.g. `overall.goals[1].indicators`.
    pub fn prefix(self, table_path: &str) -> String {
        match self {
            RowList::Table => format!("{table_path}.indicators"),
            RowList::Goal(g) => format!("{table_path}.goals[{g}].indicators"),
        }
    }
}

fn rows_mut(table: &mut PerfTable, list: RowList) -> Option<&mut Vec<Indicator>> {
    match list {
        RowList::Table => Some(&mut table.indicators),
        RowList::Goal(g) => table.goals.get_mut(g).map(|g| &mut g.indicators),
    }
}

/// A structural change to a list in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Insert an empty indicator row at `at` (clamped to the end), copying 一级/二级 from the row above.
    InsertRow { table: String, list: RowList, at: usize },
    /// Remove a row.
    RemoveRow { table: String, list: RowList, at: usize },
    /// Move a row one place up (`up`) or down.
    MoveRow { table: String, list: RowList, at: usize, up: bool },
    /// Add a 年度绩效目标 (goal-grouped tables).
    AddGoal { table: String },
    /// Remove a 年度绩效目标 and its rows.
    RemoveGoal { table: String, at: usize },
    /// Add the 部门整体支出绩效自评表 laid out for the report's rule pack (when it has none).
    AddOverall,
    /// Add an empty 项目支出绩效自评表 at the end.
    AddProject,
    /// Add the rule pack's narrative outline (when the report has no narrative).
    AddNarrative,
    /// Copy project `at` right after itself, named “（副本）”.
    DuplicateProject { at: usize },
    /// Remove project `at`.
    RemoveProject { at: usize },
    /// Move project `at` one place up or down.
    MoveProject { at: usize, up: bool },
    /// Add a 评价人员 row.
    AddReviewer,
    /// Remove a 评价人员 row.
    RemoveReviewer { at: usize },
    /// Add a 市级专项资金 row to the 基础数据表.
    AddSpecial,
    /// Remove a 市级专项资金 row.
    RemoveSpecial { at: usize },
    /// Switch a scored table's money unit, converting its amounts so they keep their value.
    SetUnit { table: String, unit: MoneyUnit },
}

/// Applies a structural change. Returns `false` (and changes nothing) when it does not apply.
pub fn apply(report: &mut Report, change: &Change) -> bool {
    match change {
        Change::InsertRow { table, list, at } => {
            let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, *list)) else { return false };
            let at = (*at).min(rows.len());
            let mut row = Indicator::default();
            if let Some(above) = at.checked_sub(1).and_then(|i| rows.get(i)) {
                row.level1 = above.level1.clone();
                row.level2 = above.level2.clone();
            }
            rows.insert(at, row);
            true
        }
        Change::RemoveRow { table, list, at } => {
            let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, *list)) else { return false };
            if *at >= rows.len() {
                return false;
            }
            rows.remove(*at);
            true
        }
        Change::MoveRow { table, list, at, up } => {
            let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, *list)) else { return false };
            swap_neighbour(rows, *at, *up)
        }
        Change::AddGoal { table } => {
            let Some(t) = table_mut(report, table) else { return false };
            t.goals.push(Goal { indicators: vec![Indicator::default()], ..Goal::default() });
            true
        }
        Change::RemoveGoal { table, at } => {
            let Some(t) = table_mut(report, table) else { return false };
            if *at >= t.goals.len() {
                return false;
            }
            t.goals.remove(*at);
            true
        }
        Change::AddOverall => {
            if report.overall.is_some() {
                return false;
            }
            let mut overall = match crate::model::rules::find(&report.rule_pack) {
                Some(pack) => table_for(pack, TableKind::Overall),
                None => PerfTable::default(),
            };
            overall.name = report.department.clone();
            report.overall = Some(overall);
            true
        }
        Change::AddNarrative => {
            let Some(pack) = crate::model::rules::find(&report.rule_pack) else { return false };
            if !report.narrative.is_empty() || pack.narrative.is_empty() {
                return false;
            }
            report.narrative =
                pack.narrative.iter().map(|title| NarrativeSection { title: title.clone(), text: String::new() }).collect();
            true
        }
        Change::AddProject => {
            report.projects.push(new_project(report.rule_pack.as_str()));
            true
        }
        Change::DuplicateProject { at } => {
            let Some(project) = report.projects.get(*at) else { return false };
            let mut copy = project.clone();
            copy.name = format!("{}（副本）", copy.name);
            report.projects.insert(at + 1, copy);
            true
        }
        Change::RemoveProject { at } => {
            if *at >= report.projects.len() {
                return false;
            }
            report.projects.remove(*at);
            true
        }
        Change::MoveProject { at, up } => swap_neighbour(&mut report.projects, *at, *up),
        Change::AddReviewer => {
            report.sign_off.get_or_insert_with(SignOff::default).reviewers.push(Reviewer::default());
            true
        }
        Change::RemoveReviewer { at } => match report.sign_off.as_mut() {
            Some(s) if *at < s.reviewers.len() => {
                s.reviewers.remove(*at);
                true
            }
            _ => false,
        },
        Change::AddSpecial => {
            report.basic_data.get_or_insert_with(BasicData::default).specials.push(NamedTriple::default());
            true
        }
        Change::RemoveSpecial { at } => match report.basic_data.as_mut() {
            Some(b) if *at < b.specials.len() => {
                b.specials.remove(*at);
                true
            }
            _ => false,
        },
        Change::SetUnit { table, unit } => match table_mut(report, table) {
            Some(t) => set_unit(t, *unit),
            None => false,
        },
    }
}

fn swap_neighbour<T>(list: &mut [T], at: usize, up: bool) -> bool {
    let other = if up { at.checked_sub(1) } else { at.checked_add(1) };
    match other {
        Some(o) if o < list.len() && at < list.len() => {
            list.swap(at, o);
            true
        }
        _ => false,
    }
}

/// Converts a table's money figures to `unit` so every amount keeps its value (1 万元 = 10000 元).
/// Rates, weights and scores are unit-free and stay as they are. Returns `false` when the unit
/// is already `unit` or a converted amount would overflow (then nothing changes).
pub fn set_unit(table: &mut PerfTable, unit: MoneyUnit) -> bool {
    if table.unit == unit {
        return false;
    }
    let from = table.unit.yuan_factor();
    let to = unit.yuan_factor();
    let convert = |v: Option<Decimal>| -> Result<Option<Decimal>, ()> {
        match v {
            None => Ok(None),
            Some(v) => mul(v, from).and_then(|y| div(y, to)).map(Some).ok_or(()),
        }
    };
    let mut budget = table.budget.clone();
    let mut ok = true;
    for slot in [&mut budget.initial, &mut budget.adjusted, &mut budget.executed, &mut budget.basic, &mut budget.project] {
        match convert(*slot) {
            Ok(v) => *slot = v,
            Err(()) => ok = false,
        }
    }
    for line in &mut budget.by_source {
        for slot in [&mut line.initial, &mut line.adjusted, &mut line.executed] {
            match convert(*slot) {
                Ok(v) => *slot = v,
                Err(()) => ok = false,
            }
        }
    }
    if !ok {
        return false;
    }
    table.budget = budget;
    table.unit = unit;
    true
}

// ---------------------------------------------------------------------------------------------
// Paste from Excel / WPS

/// The indicator columns a paste fills, in the order they are shown: (field, header).
pub const ROW_COLUMNS: &[(&str, &str)] = &[
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("name", "三级指标"),
    ("target", "年度指标值"),
    ("actual", "实际完成值"),
    ("weight", "分值"),
    ("declared_score", "填报得分"),
    ("reason", "偏差原因分析及改进措施"),
];

/// Largest paste accepted at once.
pub const MAX_PASTE_ROWS: usize = 2000;

/// What a paste did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pasted {
    /// Rows written (existing rows overwritten plus rows added).
    pub rows: usize,
    /// Rows added at the end of the list.
    pub added: usize,
    /// Cells refused, each with a Chinese message naming row and column.
    pub refused: Vec<String>,
}

/// Splits text copied from a spreadsheet into rows of cells: tab-separated, `\r\n` or `\n`
/// line ends, cells in double quotes may hold tabs, line breaks and `""` (Excel's quoting).
pub fn split_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    // Spreadsheets end a copied block with a line break; drop trailing empty lines only.
    while rows.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
        rows.pop();
    }
    rows
}

/// Pastes a block copied from Excel or WPS into the rows of `list`, starting at row `row` and
/// column `column` (an index into [`ROW_COLUMNS`]). Rows past the end are added. Blank 一级 or
/// 二级 cells inherit the value above, because Excel copies a merged cell into its first row only.
/// A number that does not parse leaves its cell unchanged and is listed in `refused`.
pub fn paste_rows(report: &mut Report, table: &str, list: RowList, row: usize, column: usize, text: &str) -> Result<Pasted, EditError> {
    let block = split_tsv(text);
    if block.len() > MAX_PASTE_ROWS {
        return Err(EditError::PasteTooLarge(block.len()));
    }
    let prefix = list.prefix(table);
    let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, list)) else {
        return Err(EditError::NoSuchField(prefix));
    };
    let mut pasted = Pasted::default();
    for (r, cells) in block.iter().enumerate() {
        let index = row + r;
        while rows.len() <= index {
            rows.push(Indicator::default());
            pasted.added += 1;
        }
        let above = index.checked_sub(1).and_then(|i| rows.get(i)).map(|a| (a.level1.clone(), a.level2.clone()));
        let target = &mut rows[index];
        for (c, value) in cells.iter().enumerate() {
            let Some((field, header)) = ROW_COLUMNS.get(column + c) else { break };
            let value = value.trim();
            let value = match (*field, &above) {
                ("level1", Some((l1, _))) if value.is_empty() && r > 0 => l1.as_str(),
                ("level2", Some((_, l2))) if value.is_empty() && r > 0 => l2.as_str(),
                _ => value,
            };
            let result = match target.slot_mut(field) {
                Some(SlotMut::Text(s)) => {
                    *s = value.to_string();
                    Ok(())
                }
                Some(SlotMut::Number(d)) => parse_optional(value).map(|v| *d = v),
                _ => Ok(()),
            };
            if let Err(e) = result {
                pasted.refused.push(format!("第 {} 行“{header}”：{e}", index + 1));
            }
        }
        pasted.rows += 1;
    }
    Ok(pasted)
}

// ---------------------------------------------------------------------------------------------
// New reports

/// What the 新建自评报告 form asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    /// Draft id (unique; the shell makes one from the time).
    pub id: String,
    /// Rule pack.
    pub rule_pack: String,
    /// 年度.
    pub year: u32,
    /// 部门（单位）名称.
    pub department: String,
    /// Include the 部门整体支出绩效自评表 (or Sichuan's 监控表 for a pack without indicator weights).
    pub overall: bool,
    /// Include the 基础数据表.
    pub basic_data: bool,
    /// Number of 项目支出绩效自评表.
    pub projects: usize,
    /// Include the narrative report with the region's outline.
    pub narrative: bool,
}

/// Largest number of project tables the form creates at once.
pub const MAX_NEW_PROJECTS: usize = 100;

/// A new, empty report laid out for the rule pack: the 一级指标 header rows with their weights,
/// one row per 二级指标 to fill in, the budget 分值, the narrative outline and a cover.
pub fn new_report(form: &NewReport, pack: &RulePack) -> Report {
    let mut overall = table_for(pack, TableKind::Overall);
    overall.name = form.department.clone();
    let narrative = if form.narrative {
        pack.narrative.iter().map(|title| NarrativeSection { title: title.clone(), text: String::new() }).collect()
    } else {
        Vec::new()
    };
    Report {
        id: form.id.clone(),
        rule_pack: pack.id.clone(),
        year: form.year,
        department: form.department.clone(),
        cover: Some(Cover {
            title: format!("{}{}年度部门整体支出绩效评价自评报告", form.department, form.year),
            method: "部门（单位）绩效自评".into(),
            agency: "部门（单位）评价组".into(),
            ..Cover::default()
        }),
        basic_data: form.basic_data.then(BasicData::default),
        overall: form.overall.then_some(overall),
        projects: (0..form.projects.min(MAX_NEW_PROJECTS)).map(|_| table_for(pack, TableKind::Project)).collect(),
        monitor: None,
        sign_off: Some(SignOff { reviewers: vec![Reviewer::default(); 3], ..SignOff::default() }),
        narrative,
    }
}

fn new_project(rule_pack: &str) -> PerfTable {
    match crate::model::rules::find(rule_pack) {
        Some(pack) => table_for(pack, TableKind::Project),
        None => PerfTable { kind: TableKind::Project, ..PerfTable::default() },
    }
}

fn table_for(pack: &RulePack, kind: TableKind) -> PerfTable {
    let rows = |level1: &crate::model::rules::Level1Rule| -> Vec<Indicator> {
        let level2 = if level1.level2.is_empty() { vec![String::new()] } else { level1.level2.clone() };
        level2
            .into_iter()
            .map(|l2| Indicator { level1: level1.name.clone(), level2: l2, ..Indicator::default() })
            .collect()
    };
    let mut table = PerfTable {
        kind,
        budget: BudgetBlock { weight: pack.budget.points, ..BudgetBlock::default() },
        declared_grade: Some(String::new()),
        ..PerfTable::default()
    };
    table.level1_weights =
        pack.level1.iter().filter(|l| l.weight.is_some()).map(|l| DeclaredWeight { name: l.name.clone(), weight: l.weight }).collect();
    if pack.goal_grouped {
        table.goals = vec![Goal { indicators: pack.level1.iter().flat_map(rows).collect(), ..Goal::default() }];
    } else {
        table.indicators = pack.level1.iter().flat_map(rows).collect();
    }
    table
}

// ---------------------------------------------------------------------------------------------
// Undo / redo

/// Undo history of whole-report snapshots. Typing into one field is one step: consecutive
/// edits of the same field merge, as in a spreadsheet where Ctrl+Z undoes the cell, not a letter.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Report>,
    redo: Vec<Report>,
    /// The field the last step was typing into.
    typing: Option<String>,
}

/// Steps kept; older ones are dropped.
pub const HISTORY_LIMIT: usize = 100;

impl History {
    /// Records `before` as an undo step for an edit of `field` (`None` for structural changes).
    pub fn record(&mut self, before: &Report, field: Option<&str>) {
        let merges = self.would_merge(field);
        self.redo.clear();
        self.typing = field.map(str::to_string);
        if merges {
            return;
        }
        self.undo.push(before.clone());
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
    }

    /// Whether an edit of `field` would merge into the current step (then no snapshot is needed).
    pub fn would_merge(&self, field: Option<&str>) -> bool {
        field.is_some() && self.typing.as_deref() == field && !self.undo.is_empty()
    }

    /// Ends the current typing step (the field lost focus), so the next edit is its own step.
    pub fn seal(&mut self) {
        self.typing = None;
    }

    /// The report before the last step, keeping `current` for redo.
    pub fn undo(&mut self, current: &Report) -> Option<Report> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        self.typing = None;
        Some(previous)
    }

    /// The report the last undo left, keeping `current` for undo.
    pub fn redo(&mut self, current: &Report) -> Option<Report> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.typing = None;
        Some(next)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, examples};

    fn seed(id: &str) -> Report {
        examples::example(id).unwrap().unwrap()
    }

    #[test]
    fn get_and_set_every_kind() {
        let mut r = seed("seed-000");
        assert_eq!(get(&r, "overall.indicators[0].name"), r.overall.as_ref().unwrap().indicators[0].name);
        set(&mut r, "overall.indicators[0].weight", "１２．５").unwrap();
        assert_eq!(get(&r, "overall.indicators[0].weight"), "12.5");
        set(&mut r, "overall.budget.executed", "1,234.50").unwrap();
        assert_eq!(r.overall.as_ref().unwrap().budget.executed, Some(Decimal::new(123450, 2)));
        set(&mut r, "overall.budget.declared_rate_percent", "98%").unwrap();
        assert_eq!(get(&r, "overall.budget.declared_rate_percent"), "98");
        set(&mut r, "overall.declared_grade", "良").unwrap();
        assert_eq!(r.overall.as_ref().unwrap().declared_grade.as_deref(), Some("良"));
        set(&mut r, "overall.indicators[0].tier", "partly").unwrap();
        assert_eq!(r.overall.as_ref().unwrap().indicators[0].tier, Some(Tier::Partly));
        set(&mut r, "year", "2025").unwrap();
        assert_eq!(r.year, 2025);
        set(&mut r, "basic_data.three_public.final_", "3.2").unwrap();
        assert_eq!(get(&r, "basic_data.three_public.final_"), "3.2");
        set(&mut r, "overall.budget.executed", "").unwrap();
        assert_eq!(r.overall.as_ref().unwrap().budget.executed, None);
    }

    #[test]
    fn every_seed_round_trips_through_the_json_loader() {
        for e in examples::EXAMPLES {
            let report = seed(e.id);
            let value = serde_json::to_value(&report).unwrap();
            let (loaded, unknown) = from_json(&value).unwrap();
            assert_eq!(loaded, report, "{}", e.id);
            assert!(unknown.is_empty(), "{}: {unknown:?}", e.id);
        }
    }

    /// Every field the format writes is a path the loader knows: a report with every part
    /// present and one element in every list, saved, lists no unknown field on load.
    #[test]
    fn the_loader_knows_every_field_of_the_format() {
        let mut table = PerfTable {
            budget: BudgetBlock { by_source: vec![BudgetLine::default()], ..BudgetBlock::default() },
            level1_weights: vec![DeclaredWeight::default()],
            indicators: vec![Indicator { tier: Some(Tier::Met), ..Indicator::default() }],
            goals: vec![Goal { indicators: vec![Indicator::default()], ..Goal::default() }],
            declared_grade: Some("优".into()),
            ..PerfTable::default()
        };
        table.declared_total = Some(Decimal::ONE);
        let report = Report {
            id: "x".into(),
            year: 2024,
            cover: Some(Cover::default()),
            basic_data: Some(BasicData { specials: vec![NamedTriple::default()], buildings: vec![Building::default()], ..BasicData::default() }),
            overall: Some(table.clone()),
            projects: vec![PerfTable { kind: TableKind::Project, unit: MoneyUnit::Yuan, ..table }],
            monitor: Some(MonitorTable { tasks: vec![MonitorTask::default()], indicators: vec![MonitorIndicator::default()], ..MonitorTable::default() }),
            sign_off: Some(SignOff { reviewers: vec![Reviewer::default()], ..SignOff::default() }),
            narrative: vec![NarrativeSection::default()],
            ..Report::default()
        };
        let value = serde_json::to_value(&report).unwrap();
        let (loaded, unknown) = from_json(&value).unwrap();
        assert!(unknown.is_empty(), "{unknown:?}");
        assert_eq!(loaded, report);
    }

    #[test]
    fn json_errors_name_the_field_in_chinese() {
        let check = |json: &str, path: &str, message: &str| {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let e = from_json(&value).unwrap_err();
            assert_eq!((e.path.as_str(), e.message.as_str()), (path, message), "{json}");
        };
        check(r#"{"overall":{"budget":{"executed":"abc"}}}"#, "overall.budget.executed", "“abc”不是有效的数字");
        check(r#"{"overall":{"budget":{"executed":true}}}"#, "overall.budget.executed", "应为数字，实际是真假值");
        check(r#"{"projects":{"name":"x"}}"#, "projects", "应为列表，实际是对象");
        check(r#"{"overall":[{}]}"#, "overall", "应为对象，实际是列表");
        check(r#"{"projects":[{"indicators":[{},{"weight":"1e999"}]}]}"#, "projects[0].indicators[1].weight", "“1e999”不是有效的数字");
        check(r#"{"department":["x"]}"#, "department", "应为文本，实际是列表");
        check(
            r#"{"overall":{"budget":{"executed":123456789012345678901234567890}}}"#,
            "overall.budget.executed",
            "“1.2345678901234568e+29”超出允许的数值范围（绝对值须小于10的15次方）",
        );
        check(r#"{"year":"二〇二四"}"#, "year", "“二〇二四”不是有效的年度");
        check(r#"{"overall":{"unit":"千元"}}"#, "overall.unit", "金额单位应为“万元”或“元”，实际是“千元”");
        let value: serde_json::Value =
            serde_json::from_str(r#"{"year":"２０２４","extra":1,"overall":{"budget":{"executed":1.5,"initial":2e3,"note":"x"}}}"#).unwrap();
        let (r, unknown) = from_json(&value).unwrap();
        assert_eq!(r.year, 2024);
        let budget = r.overall.unwrap().budget;
        assert_eq!(budget.executed, Some(Decimal::new(15, 1)));
        assert_eq!(budget.initial, Some(Decimal::from(2000)));
        assert_eq!(unknown, ["extra", "overall.budget.note"]);
    }

    #[test]
    fn refused_edit_changes_nothing() {
        let mut r = seed("seed-001");
        let before = r.clone();
        let e = set(&mut r, "overall.indicators[0].weight", "十分").unwrap_err();
        assert_eq!(e.to_string(), "“十分”不是有效的数字，本格保留原值。");
        assert!(set(&mut r, "overall.nope", "1").is_err());
        assert!(set(&mut r, "projects[99].name", "x").is_err());
        // A refused number for an absent part must not create the part.
        r.basic_data = None;
        let before_none = r.clone();
        assert!(set(&mut r, "basic_data.staff_quota", "abc").is_err());
        assert_eq!(r, before_none);
        assert!(set(&mut r, "year", "99999").is_err());
        r.basic_data = before.basic_data.clone();
        assert_eq!(r, before);
    }

    #[test]
    fn absent_parts_read_empty_and_are_created_on_write() {
        let mut r = Report::default();
        assert_eq!(get(&r, "cover.report_date"), "");
        set(&mut r, "cover.report_date", "2025年3月").unwrap();
        assert_eq!(r.cover.unwrap().report_date, "2025年3月");
        assert_eq!(kind("overall.indicators[0].weight"), None, "rows are not created by a write");
        assert_eq!(kind("overall.declared_total"), Some(FieldKind::Number));
    }

    #[test]
    fn an_input_shows_the_stored_value_as_typed() {
        assert!(shows(FieldKind::Number, "1.", "1"));
        assert!(shows(FieldKind::Number, "１０", "10"));
        assert!(shows(FieldKind::Number, "", ""));
        assert!(!shows(FieldKind::Number, "abc", "1"));
        assert!(shows(FieldKind::Grade, " 优 ", "优"));
        assert!(!shows(FieldKind::Text, "a ", "a"));
    }

    #[test]
    fn typing_decimal_point_keeps_value() {
        let mut r = seed("seed-000");
        set(&mut r, "overall.indicators[0].weight", "1.").unwrap();
        assert_eq!(get(&r, "overall.indicators[0].weight"), "1");
    }

    #[test]
    fn rows_insert_remove_move() {
        let mut r = seed("seed-000");
        let n = r.overall.as_ref().unwrap().indicators.len();
        let first = r.overall.as_ref().unwrap().indicators[0].clone();
        assert!(apply(&mut r, &Change::InsertRow { table: "overall".into(), list: RowList::Table, at: 1 }));
        let o = r.overall.as_ref().unwrap();
        assert_eq!(o.indicators.len(), n + 1);
        assert_eq!(o.indicators[1].level1, first.level1, "a new row takes 一级 from the row above");
        assert_eq!(o.indicators[1].name, "");
        assert!(apply(&mut r, &Change::MoveRow { table: "overall".into(), list: RowList::Table, at: 1, up: true }));
        assert_eq!(r.overall.as_ref().unwrap().indicators[1], first);
        assert!(!apply(&mut r, &Change::MoveRow { table: "overall".into(), list: RowList::Table, at: 0, up: true }));
        assert!(apply(&mut r, &Change::RemoveRow { table: "overall".into(), list: RowList::Table, at: 0 }));
        assert_eq!(r.overall.as_ref().unwrap().indicators[0], first);
        assert!(!apply(&mut r, &Change::RemoveRow { table: "overall".into(), list: RowList::Table, at: 999 }));
    }

    #[test]
    fn projects_add_duplicate_move_remove() {
        let mut r = seed("seed-000");
        let n = r.projects.len();
        assert!(apply(&mut r, &Change::DuplicateProject { at: 0 }));
        assert_eq!(r.projects.len(), n + 1);
        assert!(r.projects[1].name.ends_with("（副本）"));
        assert!(apply(&mut r, &Change::MoveProject { at: 1, up: true }));
        assert!(r.projects[0].name.ends_with("（副本）"));
        assert!(apply(&mut r, &Change::RemoveProject { at: 0 }));
        assert_eq!(r.projects.len(), n);
        assert!(apply(&mut r, &Change::AddProject));
        let added = r.projects.last().unwrap();
        assert_eq!(added.kind, TableKind::Project);
        assert_eq!(added.indicators[0].level1, "产出指标");
        assert_eq!(added.budget.weight, Some(Decimal::from(10)));
    }

    #[test]
    fn unit_switch_keeps_amounts_and_scores() {
        let mut r = seed("seed-000");
        let before = evaluate(&r).tables[0].clone();
        let executed = r.overall.as_ref().unwrap().budget.executed.unwrap();
        assert!(apply(&mut r, &Change::SetUnit { table: "overall".into(), unit: MoneyUnit::Yuan }));
        let o = r.overall.as_ref().unwrap();
        assert_eq!(o.unit, MoneyUnit::Yuan);
        assert_eq!(o.budget.executed.unwrap(), executed * Decimal::from(10_000));
        let after = evaluate(&r).tables[0].clone();
        assert_eq!(after.budget.rate, before.budget.rate);
        assert_eq!(after.total, before.total);
        assert!(apply(&mut r, &Change::SetUnit { table: "overall".into(), unit: MoneyUnit::WanYuan }));
        assert_eq!(r.overall.as_ref().unwrap().budget.executed.unwrap(), executed);
    }

    #[test]
    fn tsv_with_quotes_and_crlf() {
        let rows = split_tsv("a\tb\r\n\"x\ty\"\t\"he said \"\"hi\"\"\nok\"\r\n\r\n");
        assert_eq!(rows, vec![vec!["a".to_string(), "b".into()], vec!["x\ty".into(), "he said \"hi\"\nok".into()]]);
        assert!(split_tsv("").is_empty());
    }

    #[test]
    fn paste_fills_rows_and_merged_cells() {
        let mut r = seed("seed-000");
        r.overall.as_mut().unwrap().indicators.clear();
        let text = "产出指标\t数量指标\t开展活动\t≥4次\t5次\t10\t10\t\n\t\t培训人次\t≥100人次\t120人次\t１０\t10\t\n效益指标\t社会效益指标\t满意度\t≥90%\t95%\tabc\t8\t无\n";
        let pasted = paste_rows(&mut r, "overall", RowList::Table, 0, 0, text).unwrap();
        assert_eq!(pasted.rows, 3);
        assert_eq!(pasted.added, 3);
        assert_eq!(pasted.refused, vec!["第 3 行“分值”：“abc”不是有效的数字，本格保留原值。".to_string()]);
        let rows = &r.overall.as_ref().unwrap().indicators;
        assert_eq!(rows[1].level1, "产出指标");
        assert_eq!(rows[1].level2, "数量指标");
        assert_eq!(rows[1].weight, Some(Decimal::from(10)));
        assert_eq!(rows[2].level1, "效益指标");
        assert_eq!(rows[2].weight, None);
        assert_eq!(rows[2].reason, "无");
        // Starting at a later column writes only from there on.
        let pasted = paste_rows(&mut r, "overall", RowList::Table, 0, 4, "6次\t12").unwrap();
        assert_eq!(pasted.rows, 1);
        assert_eq!(rows_of(&r)[0].actual, "6次");
        assert_eq!(rows_of(&r)[0].weight, Some(Decimal::from(12)));
        assert_eq!(rows_of(&r)[0].name, "开展活动");
    }

    fn rows_of(r: &Report) -> &Vec<Indicator> {
        &r.overall.as_ref().unwrap().indicators
    }

    #[test]
    fn huge_paste_is_refused_whole() {
        let mut r = seed("seed-000");
        let before = r.clone();
        let text = "a\tb\n".repeat(MAX_PASTE_ROWS + 1);
        assert_eq!(paste_rows(&mut r, "overall", RowList::Table, 0, 0, &text), Err(EditError::PasteTooLarge(MAX_PASTE_ROWS + 1)));
        assert_eq!(r, before);
    }

    #[test]
    fn new_report_follows_the_rule_pack() {
        let pack = crate::model::rules::find("hunan-2024").unwrap();
        let form = NewReport {
            id: "d1".into(),
            rule_pack: pack.id.clone(),
            year: 2025,
            department: "某某局".into(),
            overall: true,
            basic_data: true,
            projects: 2,
            narrative: true,
        };
        let r = new_report(&form, pack);
        let o = r.overall.as_ref().unwrap();
        assert_eq!(o.level1_weights.len(), 3);
        assert_eq!(o.indicators.len(), 9, "one row per 二级指标");
        assert_eq!(r.projects.len(), 2);
        assert_eq!(r.narrative.len(), pack.narrative.len());
        let e = evaluate(&r);
        assert_eq!(e.tables.len(), 3);
        assert_eq!(e.tables[0].total, None, "nothing typed: no total, not 0");
        let hubei = crate::model::rules::find("hubei-2024").unwrap();
        let r = new_report(&NewReport { rule_pack: hubei.id.clone(), ..form }, hubei);
        assert_eq!(r.overall.as_ref().unwrap().goals.len(), 1);
    }

    #[test]
    fn history_merges_typing_in_one_field() {
        let mut r = seed("seed-000");
        let original = r.clone();
        let mut h = History::default();
        for text in ["1", "12"] {
            h.record(&r, Some("overall.indicators[0].weight"));
            set(&mut r, "overall.indicators[0].weight", text).unwrap();
        }
        h.seal();
        let after_weight = r.clone();
        h.record(&r, None);
        apply(&mut r, &Change::AddProject);
        let undone = h.undo(&r).unwrap();
        assert_eq!(undone, after_weight);
        let undone = h.undo(&undone).unwrap();
        assert_eq!(undone, original);
        assert!(!h.can_undo());
        let redone = h.redo(&undone).unwrap();
        assert_eq!(redone, after_weight);
    }
}
