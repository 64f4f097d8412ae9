//! The hand-written reader of pack files: a JSON value walked field by field, every problem
//! named by its path (`budget.formula：应为 capped、deviation 之一`), optional fields given
//! the defaults docs/rules.md lists.
//!
//! A field that is wrong is noted (the first one is the error) and read as its type's default,
//! and the walk goes on: the pack is then built as one value with no early return, so the
//! compiler does not write a clean-up of every field read so far after each of the 60 reads
//! (that was 10 KB of the start-up module's code).

use std::cell::RefCell;

use serde_json::Value;

use super::*;
use crate::measure::Comparison;
use crate::report::Tier;

/// A JSON value and where it is, for messages, with the walk's first problem.
pub(super) struct Field<'a> {
    value: &'a Value,
    path: String,
    first_error: &'a RefCell<Option<String>>,
}

/// Reads `value` from its root with `read`; the first problem noted on the way is the error.
pub(super) fn walk<T>(value: &Value, read: impl FnOnce(&Field<'_>) -> T) -> Result<T, String> {
    let first_error = RefCell::new(None);
    let out = read(&Field { value, path: String::new(), first_error: &first_error });
    first_error.into_inner().map_or(Ok(out), Err)
}

impl<'a> Field<'a> {
    /// The member `key` (JSON `null` when absent).
    #[inline(never)]
    fn get(&self, key: &str) -> Field<'a> {
        static NULL: Value = Value::Null;
        let path = if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) };
        Field { value: self.value.get(key).unwrap_or(&NULL), path, first_error: self.first_error }
    }

    /// Notes "path：应为 `expected`" unless an earlier problem was noted.
    #[inline(never)]
    fn fail(&self, expected: &str) {
        self.note(format!("{}：应为{expected}", self.path));
    }

    fn note(&self, message: String) {
        let mut first = self.first_error.borrow_mut();
        if first.is_none() {
            *first = Some(message);
        }
    }

    #[inline(never)]
    fn text(&self, key: &str) -> String {
        let f = self.get(key);
        f.as_text()
    }

    fn as_text(&self) -> String {
        match self.value.as_str() {
            Some(t) => t.to_string(),
            None => {
                self.fail("文本");
                String::new()
            }
        }
    }

    #[inline(never)]
    fn decimal(&self, key: &str) -> Option<Decimal> {
        let f = self.get(key);
        crate::num::json_decimal(f.value).unwrap_or_else(|m| {
            f.note(format!("{}：{m}", f.path));
            None
        })
    }

    #[inline(never)]
    fn whole(&self, key: &str) -> u32 {
        let f = self.get(key);
        f.value.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or_else(|| {
            f.fail("整数");
            0
        })
    }

    /// The member's boolean; `default` when absent or `null` and given.
    #[inline(never)]
    fn flag(&self, key: &str, default: Option<bool>) -> bool {
        let f = self.get(key);
        match (f.value.as_bool(), default) {
            (Some(b), _) => b,
            (None, Some(d)) if f.value.is_null() => d,
            _ => {
                f.fail("true 或 false");
                false
            }
        }
    }

    /// One of `options` by its name; the first option after a problem.
    fn choice<T: Copy>(&self, key: &str, options: &[(&str, T)]) -> T {
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        options[self.pick(key, &names, false).unwrap_or(0)].1
    }

    /// Like [`Field::choice`], `default` when the member is absent or `null`.
    fn choice_or<T: Copy>(&self, key: &str, options: &[(&str, T)], default: T) -> T {
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        self.pick(key, &names, true).and_then(|i| options.get(i)).map_or(default, |o| o.1)
    }

    /// The index in `names` of the member's text: `None` when absent or `null` and that is
    /// allowed (`may_be_absent`), or after a problem. Not generic: one copy for every choice's
    /// type.
    #[inline(never)]
    fn pick(&self, key: &str, names: &[&str], may_be_absent: bool) -> Option<usize> {
        let f = self.get(key);
        if may_be_absent && f.value.is_null() {
            return None;
        }
        let found = names.iter().position(|name| f.value.as_str() == Some(name));
        if found.is_none() {
            f.fail(&format!(" {} 之一", names.join("、")));
        }
        found
    }

    /// Like [`Field::text`], `None` when absent or `null`.
    #[inline(never)]
    fn text_opt(&self, key: &str) -> Option<String> {
        let f = self.get(key);
        (!f.value.is_null()).then(|| f.as_text())
    }

    /// A list (absent or `null` is empty), each element read by `read`.
    fn list<T>(&self, key: &str, read: impl Fn(&Field<'_>) -> T) -> Vec<T> {
        let f = self.get(key);
        match f.value {
            Value::Null => Vec::new(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, value)| read(&Field { value, path: format!("{}[{i}]", f.path), first_error: self.first_error }))
                .collect(),
            _ => {
                f.fail("列表");
                Vec::new()
            }
        }
    }

    #[inline(never)]
    pub(super) fn texts(&self, key: &str) -> Vec<String> {
        self.list(key, |f| f.as_text())
    }

    /// Notes a problem unless the member is absent, `null` or an object.
    fn object(&self, expected: &str) -> bool {
        let ok = self.value.is_object();
        if !ok && !self.value.is_null() {
            self.fail(expected);
        }
        ok
    }
}

/// The pack `f` holds (read through [`walk`], which tells the first problem).
pub(super) fn read_pack(f: &Field<'_>) -> RulePack {
    let budget = f.get("budget");
    let quantitative = f.get("quantitative");
    let qualitative = f.get("qualitative");
    let satisfaction = f.get("satisfaction");
    let rounding = f.get("rounding");
    let source = f.text("source");
    let level1 = f.list("level1", |l| Level1Rule { name: l.text("name"), weight: l.decimal("weight"), level2: l.texts("level2") });
    let fixed = if level1.iter().any(|l| l.weight.is_some()) { Level1Weights::Fixed } else { Level1Weights::Free };
    RulePack {
        id: f.text("id"),
        name: f.text("name"),
        region: f.text("region"),
        year: f.whole("year"),
        provenance: f.text_opt("provenance").unwrap_or_else(|| source.clone()),
        version: f.text_opt("version").unwrap_or_else(|| "1".into()),
        level1_weights: f.choice_or(
            "level1_weights",
            &[("fixed", Level1Weights::Fixed), ("free", Level1Weights::Free), ("template", Level1Weights::Template)],
            fixed,
        ),
        source,
        budget: BudgetRule {
            points: budget.decimal("points"),
            formula: budget.choice("formula", &[("capped", BudgetFormula::Capped), ("deviation", BudgetFormula::Deviation)]),
            denominator: budget.choice("denominator", &[("adjusted", Denominator::Adjusted), ("initial", Denominator::Initial)]),
            formula_text: budget.text("formula_text"),
            low_rate_needs_reason_below_percent: budget.decimal("low_rate_needs_reason_below_percent"),
            clause: budget.text("clause"),
            cap: budget.flag("cap", Some(true)),
            check_formula_text: budget.flag("check_formula_text", Some(true)),
            rate_cell: budget.flag("rate_cell", Some(false)),
        },
        indicator_points: f.decimal("indicator_points"),
        goal_grouped: f.flag("goal_grouped", None),
        total_rule: f.choice_or("total_rule", &[("cap", TotalRule::Cap), ("normalise", TotalRule::Normalise), ("raw", TotalRule::Raw)], TotalRule::Cap),
        level1,
        quantitative: QuantitativeRule {
            positive_clause: quantitative.text("positive_clause"),
            negative_clause: quantitative.text("negative_clause"),
            equal_clause: quantitative.text("equal_clause"),
            overshoot_percent: quantitative.decimal("overshoot_percent"),
            overshoot_rule: quantitative.choice("overshoot_rule", &[("warn", OvershootRule::Warn), ("zero_quantity", OvershootRule::ZeroQuantity)]),
            overshoot_clause: quantitative.text("overshoot_clause"),
            overshoot_basis: quantitative.choice_or(
                "overshoot_basis",
                &[("excess", OvershootBasis::Excess), ("of_target", OvershootBasis::OfTarget)],
                OvershootBasis::Excess,
            ),
            reverse_formula: quantitative.choice_or(
                "reverse_formula",
                &[("ratio", ReverseFormula::Ratio), ("linear", ReverseFormula::Linear)],
                ReverseFormula::Ratio,
            ),
            default_comparison: quantitative.choice_or(
                "default_comparison",
                &[("at_least", Comparison::AtLeast), ("at_most", Comparison::AtMost), ("equal", Comparison::Equal)],
                Comparison::AtLeast,
            ),
            equal_zero_target: quantitative.choice_or(
                "equal_zero_target",
                &[("exact", EqualZeroRule::Exact), ("at_most", EqualZeroRule::AtMost)],
                EqualZeroRule::Exact,
            ),
        },
        qualitative: QualitativeRule {
            clause: qualitative.text("clause"),
            tiers: qualitative.list("tiers", |t| {
                TierBand {
                    tier: t.choice("tier", &[Tier::Met, Tier::Partly, Tier::NotMet].map(|tier| (tier.key(), tier))),
                    name: t.text("name"),
                    min_percent: t.decimal("min_percent"),
                    max_percent: t.decimal("max_percent"),
                }
            }),
            band_rule: qualitative.choice_or("band_rule", &[("error", BandRule::Error), ("limit", BandRule::Limit)], BandRule::Error),
        },
        satisfaction: match satisfaction.value {
            Value::Null => None,
            _ => Some(SatisfactionRule {
                clause: satisfaction.text("clause"),
                bands: satisfaction.list("bands", |b| {
                    SatisfactionBand {
                        from_percent: b.decimal("from_percent"),
                        to_percent: b.decimal("to_percent"),
                        fraction: b.decimal("fraction"),
                        label: b.text("label"),
                    }
                }),
            }),
        },
        grades: f.list("grades", |g| {
            GradeRule {
                name: g.text("name"),
                min: g.decimal("min"),
                boundary: g.choice_or("boundary", &[("at_least", GradeBoundary::AtLeast), ("above", GradeBoundary::Above)], GradeBoundary::AtLeast),
                aliases: g.texts("aliases"),
            }
        }),
        grade_clause: f.text("grade_clause"),
        rounding: Rounding {
            money_dp: rounding.whole("money_dp"),
            rate_dp: rounding.whole("rate_dp"),
            score_dp: rounding.whole("score_dp"),
            strategy: rounding.text("strategy"),
        },
        tolerance: f.decimal("tolerance"),
        narrative: f.texts("narrative"),
        forms: {
            // Only an object's members are read (after a problem noted, none).
            let forms = f.get("forms");
            let forms_ok = forms.object("对象");
            let head = |key: &str| -> Option<FormHead> {
                let h = forms.get(key);
                (forms_ok && h.object("对象（label、title）")).then(|| FormHead { label: h.text_opt("label").unwrap_or_default(), title: h.text("title") })
            };
            FormHeads { basic_data: head("basic_data"), overall: head("overall"), project: head("project"), monitor: head("monitor") }
        },
        hash: String::new(),
    }
}
