//! Field paths and the navigation behind them: one small `Node` trait per report struct, its
//! fields declared once with `fields!` and its children with `children!`, so shared, mutable and
//! appending navigation cannot disagree.

use rust_decimal::Decimal;

use crate::report::{BasicData, Building, BudgetBlock, BudgetLine, Cover, DeclaredWeight, Goal, Indicator, MoneyUnit, MonitorIndicator, MonitorMoney, MonitorTable, MonitorTask, NamedTriple, NarrativeSection, PerfTable, Report, Reviewer, SignOff, TableKind, Tier, Triple};

/// One step of a path: a field name and, for lists, an index.
fn steps(path: &str) -> Option<Vec<(&str, Option<usize>)>> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => rest.strip_suffix(']')?.parse().ok().map(|i| (name, Some(i))),
            None => Some((part, None)),
        })
        .collect()
}

pub(super) fn walk<'a>(root: &'a dyn Node, path: &'a str) -> Option<(&'a dyn Node, &'a str)> {
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

pub(super) fn walk_mut<'a>(root: &'a mut dyn Node, path: &'a str) -> Option<(&'a mut dyn Node, &'a str)> {
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

pub(super) enum Slot<'a> {
    Unit(&'a MoneyUnit),
    Kind(&'a TableKind),
    Text(&'a String),
    Number(&'a Option<Decimal>),
    Grade(&'a Option<String>),
    Tier(&'a Option<Tier>),
    Year(&'a u32),
}

pub(super) enum SlotMut<'a> {
    Unit(&'a mut MoneyUnit),
    Kind(&'a mut TableKind),
    Text(&'a mut String),
    Number(&'a mut Option<Decimal>),
    Grade(&'a mut Option<String>),
    Tier(&'a mut Option<Tier>),
    Year(&'a mut u32),
}

/// Records whether the number field `field` of `node` was written as "not applicable" (a part
/// without a `not_applicable` list keeps nothing). Typing and loading both go through here.
pub(super) fn mark_not_applicable(node: &mut dyn Node, field: &str, marked: bool) {
    if let Some(marks) = node.marks_mut() {
        marks.retain(|f| f != field);
        if marked {
            marks.push(field.to_string());
        }
    }
}

/// A part of the report that has fields and children (implemented by [`fields!`], the children
/// coming from the type's [`Children`] declaration).
pub(super) trait Node {
    fn slot(&self, name: &str) -> Option<Slot<'_>>;
    fn slot_mut(&mut self, name: &str) -> Option<SlotMut<'_>>;
    fn child(&self, name: &str, index: Option<usize>) -> Option<&dyn Node>;
    fn child_mut(&mut self, name: &str, index: Option<usize>) -> Option<&mut dyn Node>;
    /// Appends an empty element to the list `name` and returns it.
    fn push_child(&mut self, name: &str) -> Option<&mut dyn Node>;
    /// The names of this part's number fields written as "not applicable", where it keeps them.
    fn marks(&self) -> Option<&Vec<String>> {
        None
    }
    /// The same, to change.
    fn marks_mut(&mut self) -> Option<&mut Vec<String>> {
        None
    }
}

/// Declares the fields of a struct: `text`, `number`, `grade`, `tier` and `year` slots.
macro_rules! fields {
    ($ty:ty { $($kind:ident: $($field:ident),+;)* } $(marks: $marks:ident)?) => {
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
            $(
            fn marks(&self) -> Option<&Vec<String>> {
                Some(&self.$marks)
            }
            fn marks_mut(&mut self) -> Option<&mut Vec<String>> {
                Some(&mut self.$marks)
            }
            )?
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
        fill_date, phone, head, layout, import_unread, form_label, form_title;
    Number: declared_total, reviewed_total;
    Grade: declared_grade;
    Kind: kind;
    Unit: unit;
} marks: not_applicable);
children!(PerfTable { parts: [], ones: [budget], lists: [indicators, goals, level1_weights] });

fields!(DeclaredWeight { Text: name; Number: weight; });
children!(DeclaredWeight {});

fields!(BudgetBlock {
    Number: initial, adjusted, executed, weight, declared_rate_percent, declared_score, basic, project;
    Text: declared_formula, reason;
} marks: not_applicable);
children!(BudgetBlock { parts: [], ones: [], lists: [by_source] });

fields!(BudgetLine { Text: label; Number: initial, adjusted, executed; });
children!(BudgetLine {});

fields!(Goal { Text: title; Number: weight; });
children!(Goal { parts: [], ones: [], lists: [indicators] });

fields!(Indicator {
    Text: level1, level2, name, target, nature, unit, actual, reason, weight_from, criterion, core;
    Number: weight, declared_score, assessed_score, reviewed_score, coefficient;
    Tier: tier;
} marks: not_applicable);
children!(Indicator {});

fields!(MonitorTable { Text: name, form_label, form_title; Unit: unit; });
children!(MonitorTable { parts: [], ones: [total, basic, project], lists: [tasks, indicators] });

fields!(MonitorMoney { Number: budget, executed; Text: reason, measures; });
children!(MonitorMoney {});
fields!(MonitorTask { Text: name, content, progress; });
children!(MonitorTask {});
fields!(MonitorIndicator { Text: level1, level2, name, target, expected, reason, measures; });
children!(MonitorIndicator {});

fields!(BasicData { Number: staff_quota, staff_actual, declared_control_rate_percent; Text: frugality, form_label, form_title; Unit: unit; });
children!(BasicData { parts: [], ones: [], lists: [specials, buildings], named: triple / triple_mut });

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

