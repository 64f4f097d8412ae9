//! The hand-written reader of pack files: a JSON value walked field by field, every problem
//! named by its path (`budget.formula：应为 capped、deviation 之一`), optional fields given
//! the defaults docs/rules.md lists.

use serde_json::Value;

use super::*;
use crate::measure::Comparison;
use crate::report::Tier;

/// A JSON value and where it is, for messages.
pub(super) struct Field<'a> {
    value: &'a Value,
    path: String,
}

impl<'a> Field<'a> {
    pub(super) fn root(value: &'a Value) -> Self {
        Field { value, path: String::new() }
    }

    /// The member `key` (JSON `null` when absent).
    fn get(&self, key: &str) -> Field<'a> {
        static NULL: Value = Value::Null;
        let path = if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) };
        Field { value: self.value.get(key).unwrap_or(&NULL), path }
    }

    fn error(&self, expected: &str) -> String {
        format!("{}：应为{expected}", self.path)
    }

    fn text(&self, key: &str) -> Result<String, String> {
        let f = self.get(key);
        f.value.as_str().map(str::to_string).ok_or_else(|| f.error("文本"))
    }

    fn decimal(&self, key: &str) -> Result<Option<Decimal>, String> {
        let f = self.get(key);
        crate::num::json_decimal(f.value).map_err(|m| format!("{}：{m}", f.path))
    }

    fn whole(&self, key: &str) -> Result<u32, String> {
        let f = self.get(key);
        f.value.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| f.error("整数"))
    }

    fn flag(&self, key: &str) -> Result<bool, String> {
        let f = self.get(key);
        f.value.as_bool().ok_or_else(|| f.error("true 或 false"))
    }

    fn choice<T: Copy>(&self, key: &str, options: &[(&str, T)]) -> Result<T, String> {
        let f = self.get(key);
        let found = options.iter().find(|(name, _)| f.value.as_str() == Some(name));
        found.map(|(_, v)| *v).ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
            f.error(&format!(" {} 之一", names.join("、")))
        })
    }

    /// Like [`Field::choice`], `default` when the member is absent or `null`.
    fn choice_or<T: Copy>(&self, key: &str, options: &[(&str, T)], default: T) -> Result<T, String> {
        if self.get(key).value.is_null() {
            Ok(default)
        } else {
            self.choice(key, options)
        }
    }

    /// Like [`Field::flag`], `default` when absent or `null`.
    fn flag_or(&self, key: &str, default: bool) -> Result<bool, String> {
        if self.get(key).value.is_null() {
            Ok(default)
        } else {
            self.flag(key)
        }
    }

    /// Like [`Field::text`], `None` when absent or `null`.
    fn text_opt(&self, key: &str) -> Result<Option<String>, String> {
        if self.get(key).value.is_null() {
            Ok(None)
        } else {
            self.text(key).map(Some)
        }
    }

    /// A list (absent or `null` is empty), each element read by `read`.
    fn list<T>(&self, key: &str, read: impl Fn(&Field<'_>) -> Result<T, String>) -> Result<Vec<T>, String> {
        let f = self.get(key);
        match f.value {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, value)| read(&Field { value, path: format!("{}[{i}]", f.path) }))
                .collect(),
            _ => Err(f.error("列表")),
        }
    }

    pub(super) fn texts(&self, key: &str) -> Result<Vec<String>, String> {
        self.list(key, |f| f.value.as_str().map(str::to_string).ok_or_else(|| f.error("文本")))
    }
}

pub(super) fn read_pack(f: &Field<'_>) -> Result<RulePack, String> {
    let budget = f.get("budget");
    let quantitative = f.get("quantitative");
    let qualitative = f.get("qualitative");
    let satisfaction = f.get("satisfaction");
    let rounding = f.get("rounding");
    let source = f.text("source")?;
    let level1 = f.list("level1", |l| Ok(Level1Rule { name: l.text("name")?, weight: l.decimal("weight")?, level2: l.texts("level2")? }))?;
    let fixed = if level1.iter().any(|l| l.weight.is_some()) { Level1Weights::Fixed } else { Level1Weights::Free };
    Ok(RulePack {
        id: f.text("id")?,
        name: f.text("name")?,
        region: f.text("region")?,
        year: f.whole("year")?,
        provenance: f.text_opt("provenance")?.unwrap_or_else(|| source.clone()),
        version: f.text_opt("version")?.unwrap_or_else(|| "1".into()),
        level1_weights: f.choice_or(
            "level1_weights",
            &[("fixed", Level1Weights::Fixed), ("free", Level1Weights::Free), ("template", Level1Weights::Template)],
            fixed,
        )?,
        source,
        budget: BudgetRule {
            points: budget.decimal("points")?,
            formula: budget.choice("formula", &[("capped", BudgetFormula::Capped), ("deviation", BudgetFormula::Deviation)])?,
            denominator: budget.choice("denominator", &[("adjusted", Denominator::Adjusted), ("initial", Denominator::Initial)])?,
            formula_text: budget.text("formula_text")?,
            low_rate_needs_reason_below_percent: budget.decimal("low_rate_needs_reason_below_percent")?,
            clause: budget.text("clause")?,
            cap: budget.flag_or("cap", true)?,
            check_formula_text: budget.flag_or("check_formula_text", true)?,
            rate_cell: budget.flag_or("rate_cell", false)?,
        },
        indicator_points: f.decimal("indicator_points")?,
        goal_grouped: f.flag("goal_grouped")?,
        total_rule: f.choice_or("total_rule", &[("cap", TotalRule::Cap), ("normalise", TotalRule::Normalise), ("raw", TotalRule::Raw)], TotalRule::Cap)?,
        level1,
        quantitative: QuantitativeRule {
            positive_clause: quantitative.text("positive_clause")?,
            negative_clause: quantitative.text("negative_clause")?,
            equal_clause: quantitative.text("equal_clause")?,
            overshoot_percent: quantitative.decimal("overshoot_percent")?,
            overshoot_rule: quantitative.choice("overshoot_rule", &[("warn", OvershootRule::Warn), ("zero_quantity", OvershootRule::ZeroQuantity)])?,
            overshoot_clause: quantitative.text("overshoot_clause")?,
            overshoot_basis: quantitative.choice_or(
                "overshoot_basis",
                &[("excess", OvershootBasis::Excess), ("of_target", OvershootBasis::OfTarget)],
                OvershootBasis::Excess,
            )?,
            reverse_formula: quantitative.choice_or(
                "reverse_formula",
                &[("ratio", ReverseFormula::Ratio), ("linear", ReverseFormula::Linear)],
                ReverseFormula::Ratio,
            )?,
            default_comparison: quantitative.choice_or(
                "default_comparison",
                &[("at_least", Comparison::AtLeast), ("at_most", Comparison::AtMost), ("equal", Comparison::Equal)],
                Comparison::AtLeast,
            )?,
            equal_zero_target: quantitative.choice_or(
                "equal_zero_target",
                &[("exact", EqualZeroRule::Exact), ("at_most", EqualZeroRule::AtMost)],
                EqualZeroRule::Exact,
            )?,
        },
        qualitative: QualitativeRule {
            clause: qualitative.text("clause")?,
            tiers: qualitative.list("tiers", |t| {
                Ok(TierBand {
                    tier: t.choice("tier", &[Tier::Met, Tier::Partly, Tier::NotMet].map(|tier| (tier.key(), tier)))?,
                    name: t.text("name")?,
                    min_percent: t.decimal("min_percent")?,
                    max_percent: t.decimal("max_percent")?,
                })
            })?,
            band_rule: qualitative.choice_or("band_rule", &[("error", BandRule::Error), ("limit", BandRule::Limit)], BandRule::Error)?,
        },
        satisfaction: match satisfaction.value {
            Value::Null => None,
            _ => Some(SatisfactionRule {
                clause: satisfaction.text("clause")?,
                bands: satisfaction.list("bands", |b| {
                    Ok(SatisfactionBand {
                        from_percent: b.decimal("from_percent")?,
                        to_percent: b.decimal("to_percent")?,
                        fraction: b.decimal("fraction")?,
                        label: b.text("label")?,
                    })
                })?,
            }),
        },
        grades: f.list("grades", |g| {
            Ok(GradeRule {
                name: g.text("name")?,
                min: g.decimal("min")?,
                boundary: g.choice_or("boundary", &[("at_least", GradeBoundary::AtLeast), ("above", GradeBoundary::Above)], GradeBoundary::AtLeast)?,
                aliases: g.texts("aliases")?,
            })
        })?,
        grade_clause: f.text("grade_clause")?,
        rounding: Rounding {
            money_dp: rounding.whole("money_dp")?,
            rate_dp: rounding.whole("rate_dp")?,
            score_dp: rounding.whole("score_dp")?,
            strategy: rounding.text("strategy")?,
        },
        tolerance: f.decimal("tolerance")?,
        narrative: f.texts("narrative")?,
        forms: {
            let forms = f.get("forms");
            if !(forms.value.is_null() || forms.value.is_object()) {
                return Err(forms.error("对象"));
            }
            let head = |key: &str| -> Result<Option<FormHead>, String> {
                let h = forms.get(key);
                if h.value.is_null() {
                    return Ok(None);
                }
                if !h.value.is_object() {
                    return Err(h.error("对象（label、title）"));
                }
                Ok(Some(FormHead { label: h.text_opt("label")?.unwrap_or_default(), title: h.text("title")? }))
            };
            FormHeads { basic_data: head("basic_data")?, overall: head("overall")?, project: head("project")?, monitor: head("monitor")? }
        },
        hash: String::new(),
    })
}
