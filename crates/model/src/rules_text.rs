//! A rule pack in Chinese as a person reads it, topic by topic ("预算执行率 10 分：执行数 ÷
//! 全年预算数 × 10，超过 100% 按 100% 计"), and two packs side by side with their differences
//! marked. Guarantees: every field that changes a score has a line; the text is built from the
//! pack's data only, so two packs differ in a line exactly when their rules for it differ.

use crate::num::plain;
use crate::rules::{
    BandRule, BudgetFormula, Denominator, EqualZeroRule, GradeBoundary, Level1Weights, OvershootBasis, OvershootRule, ReverseFormula,
    RulePack,
};

/// One rule of a pack, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLine {
    /// What the rule is about: 预算执行, 反向指标, 评价等次….
    pub topic: &'static str,
    /// The rule as a sentence.
    pub text: String,
}

/// One topic of two packs side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    /// The topic.
    pub topic: &'static str,
    /// The first pack's rule.
    pub left: String,
    /// The second pack's rule.
    pub right: String,
    /// Whether they differ.
    pub differs: bool,
}

/// Every rule of a pack in reading order.
pub fn describe(pack: &RulePack) -> Vec<RuleLine> {
    let mut lines = Vec::new();
    let mut line = |topic: &'static str, text: String| lines.push(RuleLine { topic, text });
    line("依据", format!("{}（版本 {}）", pack.provenance, pack.version));
    line("预算执行", budget(pack));
    line(
        "表头计分公式",
        if pack.budget.check_formula_text { "核对表头所写公式，仅在按其计分与本规则得分不同时提示".into() } else { "不核对表头所写公式".into() },
    );
    line(
        "执行率一栏",
        if pack.budget.rate_cell { "模板印有执行率一栏，未填时提示并给出按数字计算的执行率".into() } else { "不要求填写执行率一栏".into() },
    );
    let points = pack.indicator_points.map(|p| format!("绩效指标合计 {} 分", plain(p))).unwrap_or_else(|| "绩效指标分值按表内所填".into());
    let grouped = if pack.goal_grouped { "，指标按年度绩效目标分组，每个目标得分不超过其分值" } else { "" };
    line("指标分值", format!("{points}{grouped}"));
    line("一级指标分值", level1(pack));
    let q = &pack.quantitative;
    line("正向指标", "完成值达到指标值得满分，未达到按 分值 × 完成值 ÷ 指标值 计分".into());
    line(
        "反向指标",
        match q.reverse_formula {
            ReverseFormula::Ratio => "完成值不超过指标值得满分，超过按 分值 × 指标值 ÷ 完成值 计分".into(),
            ReverseFormula::Linear => "完成值不超过指标值得满分，超过按 分值 × (1 − (完成值 − 指标值) ÷ 指标值) 计分，达到指标值 2 倍得 0 分".into(),
        },
    );
    line(
        "等于型指标",
        format!(
            "完成值等于指标值得满分，否则按 分值 × 较小值 ÷ 较大值 计分；{}",
            match q.equal_zero_target {
                EqualZeroRule::Exact => "指标值为 0 时完成值须为 0 才得分",
                EqualZeroRule::AtMost => "指标值为 0 时完成值不超过 0 得满分，否则 0 分",
            }
        ),
    );
    line("未写比较符", format!("指标值未写比较符时按“{}”处理", q.default_comparison.symbol()));
    line("超额完成", overshoot(pack));
    line("定性指标", qualitative(pack));
    line(
        "满意度",
        match &pack.satisfaction {
            None => "不设满意度计分表，按定量或定性指标计分".into(),
            Some(s) => {
                let bands: Vec<String> = s.bands.iter().map(|b| format!("{}得{}", b.label, b.fraction.map(percent).unwrap_or_default())).collect();
                format!("满意度计分表：{}（按分值折算）", bands.join("，"))
            }
        },
    );
    line("评价等次", grades(pack));
    let r = &pack.rounding;
    line(
        "舍入",
        format!(
            "金额保留 {} 位、比率 {} 位、得分 {} 位小数，{}；相差不超过 {} 视为舍入差异",
            r.money_dp,
            r.rate_dp,
            r.score_dp,
            r.strategy,
            plain(pack.tolerance())
        ),
    );
    lines
}

/// Two packs side by side, topic by topic.
pub fn compare(left: &RulePack, right: &RulePack) -> Vec<Compared> {
    describe(left)
        .into_iter()
        .zip(describe(right))
        .map(|(l, r)| Compared { topic: l.topic, differs: l.text != r.text, left: l.text, right: r.text })
        .collect()
}

fn percent(fraction: rust_decimal::Decimal) -> String {
    format!("{}%", plain(fraction * rust_decimal::Decimal::ONE_HUNDRED))
}

fn budget(pack: &RulePack) -> String {
    let b = &pack.budget;
    let points = b.points.map(plain);
    let head = match &points {
        Some(p) => format!("预算执行率 {p} 分"),
        None => "预算执行率（分值按表内所填）".into(),
    };
    let w = points.unwrap_or_else(|| "分值".into());
    let denominator = match b.denominator {
        Denominator::Adjusted => "全年预算数",
        Denominator::Initial => "年初预算数",
    };
    let formula = match (b.formula, b.cap) {
        (BudgetFormula::Capped, true) => format!("执行数 ÷ {denominator} × {w}，超过 100% 按 100% 计"),
        (BudgetFormula::Capped, false) => format!("执行数 ÷ {denominator} × {w}，超过 100% 照计，不封顶"),
        (BudgetFormula::Deviation, _) => format!("{w} × (1 − |执行率 − 100%|)，执行率 = 执行数 ÷ {denominator}，超支与结余同样扣分，最低 0 分"),
    };
    let reason = b.low_rate_needs_reason_below_percent.map(|p| format!("；执行率低于 {}% 须说明原因", plain(p))).unwrap_or_default();
    format!("{head}：{formula}{reason}")
}

fn level1(pack: &RulePack) -> String {
    match pack.level1_weights {
        Level1Weights::Fixed => {
            let parts: Vec<String> = pack.level1.iter().filter_map(|l| l.weight.map(|w| format!("{} {} 分", l.name, plain(w)))).collect();
            format!("固定：{}", parts.join("、"))
        }
        Level1Weights::Free => "各表自定，只核对表头分值与其下指标分值之和".into(),
        Level1Weights::Template => "按模板表头所印分值，表头未印时提示".into(),
    }
}

fn overshoot(pack: &RulePack) -> String {
    let q = &pack.quantitative;
    let Some(limit) = q.overshoot_percent else { return "不设超额完成判定线".into() };
    let when = match q.overshoot_basis {
        OvershootBasis::Excess => format!("完成值超过指标值 {}% 以上", plain(limit)),
        OvershootBasis::OfTarget => format!("完成值达到指标值的 {}% 以上", plain(limit)),
    };
    let then = match q.overshoot_rule {
        OvershootRule::Warn => "提示目标设定偏低",
        OvershootRule::ZeroQuantity => "视为目标设定偏低，数量指标不得分",
    };
    format!("{when}，{then}（百分比指标除外）")
}

fn qualitative(pack: &RulePack) -> String {
    let q = &pack.qualitative;
    if q.tiers.is_empty() {
        return "由评价人评定得分，不设档次区间，得分不超过分值".into();
    }
    let bands: Vec<String> = q
        .tiers
        .iter()
        .map(|t| format!("{} {}%–{}%", t.name, plain(t.min_percent.unwrap_or_default()), plain(t.max_percent.unwrap_or(rust_decimal::Decimal::ONE_HUNDRED))))
        .collect();
    let rule = match q.band_rule {
        BandRule::Error => "得分超出所选档次区间时报错",
        BandRule::Limit => "得分必须在所选档次区间内，超出时按区间边界计",
    };
    format!("按分值的比例分档：{}；{rule}", bands.join("，"))
}

fn grades(pack: &RulePack) -> String {
    let parts: Vec<String> = pack
        .grades
        .iter()
        .map(|g| match (g.min, g.boundary) {
            (Some(m), _) if m.is_zero() => format!("{} 其余", g.name),
            (Some(m), GradeBoundary::AtLeast) => format!("{} ≥ {}", g.name, plain(m)),
            (Some(m), GradeBoundary::Above) => format!("{} > {}", g.name, plain(m)),
            (None, _) => g.name.clone(),
        })
        .collect();
    parts.join("，")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;
    use crate::rules::find;

    fn text(pack: &str, topic: &str) -> String {
        describe(find(pack).unwrap()).into_iter().find(|l| l.topic == topic).unwrap().text
    }

    #[test]
    fn each_pack_reads_as_sentences() {
        // (pack, topic, text)
        let cases = [
            ("central-2020", "依据", "财预〔2020〕10号（版本 2020.1）"),
            ("central-2020", "预算执行", "预算执行率 10 分：执行数 ÷ 全年预算数 × 10，超过 100% 按 100% 计"),
            ("hubei-2024", "预算执行", "20 × (1 − |执行率 − 100%|)"),
            ("sichuan-2024", "预算执行", "执行率低于 90% 须说明原因"),
            ("central-2020", "一级指标分值", "固定：产出指标 50 分、效益指标 30 分、满意度指标 10 分"),
            ("generic", "一级指标分值", "各表自定"),
            ("generic", "预算执行", "预算执行率（分值按表内所填）：执行数 ÷ 全年预算数 × 分值"),
            ("hunan-2024", "评价等次", "优 ≥ 90，良 ≥ 80，中 ≥ 60，差 其余"),
            ("hubei-2024", "定性指标", "部分达成预期指标 50%–80%"),
            ("sichuan-2024", "超额完成", "完成值超过指标值 30% 以上，视为目标设定偏低，数量指标不得分"),
            ("hunan-2024", "满意度", "≥90%得80%"),
            ("central-2020", "反向指标", "分值 × 指标值 ÷ 完成值"),
        ];
        for (pack, topic, fragment) in cases {
            let t = text(pack, topic);
            assert!(t.contains(fragment), "{pack} {topic}: {t}");
        }
    }

    #[test]
    fn two_packs_side_by_side_mark_their_differences() {
        let rows = compare(find("central-2020").unwrap(), find("hubei-2024").unwrap());
        let differing: Vec<&str> = rows.iter().filter(|r| r.differs).map(|r| r.topic).collect();
        for topic in ["依据", "预算执行", "指标分值", "一级指标分值", "定性指标"] {
            assert!(differing.contains(&topic), "{topic} in {differing:?}");
        }
        for topic in ["正向指标", "反向指标", "评价等次", "舍入"] {
            assert!(!differing.contains(&topic), "{topic} in {differing:?}");
        }
        assert!(compare(find("generic").unwrap(), find("generic").unwrap()).iter().all(|r| !r.differs));
    }
}
