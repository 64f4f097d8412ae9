//! Rule packs: the scoring rules of one region and year, as data.
//!
//! Each pack is a JSON file in `src/rules/`, embedded at build time. Adding a region is adding a
//! file and one line to [`EMBEDDED`]; no scoring code branches on a region. Every pack carries an
//! id and a content hash (FNV-1a 64 of the file's bytes) that results carry, so a reviewer can
//! tell exactly which rules produced a figure.

use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::model::report::Tier;

/// The embedded pack files: (file name, contents).
const EMBEDDED: &[(&str, &str)] = &[
    ("central-2020.json", include_str!("../rules/central-2020.json")),
    ("hunan-2024.json", include_str!("../rules/hunan-2024.json")),
    ("hubei-2024.json", include_str!("../rules/hubei-2024.json")),
    ("sichuan-2024.json", include_str!("../rules/sichuan-2024.json")),
];

/// One region's rules for one year.
#[derive(Debug, Clone, Deserialize)]
pub struct RulePack {
    /// Stable id, e.g. `hunan-2024`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Region (湖南, 湖北, 四川, 中央).
    pub region: String,
    /// Year the rules apply to.
    pub year: u32,
    /// Where the rules come from.
    pub source: String,
    /// 预算执行 scoring.
    pub budget: BudgetRule,
    /// Points for all indicators together (90, or 80 for goal-grouped Hubei tables).
    #[serde(with = "crate::model::serde_dec::opt")]
    pub indicator_points: Option<Decimal>,
    /// Whether indicators are grouped under weighted 年度绩效目标 (Hubei/Wuhan).
    pub goal_grouped: bool,
    /// 一级指标 with their fixed weights (none where the region leaves them free).
    pub level1: Vec<Level1Rule>,
    /// Quantitative scoring.
    pub quantitative: QuantitativeRule,
    /// Qualitative tiers.
    pub qualitative: QualitativeRule,
    /// Satisfaction tier table, where the region has one.
    pub satisfaction: Option<SatisfactionRule>,
    /// Grade thresholds, best first.
    pub grades: Vec<GradeRule>,
    /// The clause printed with grades.
    pub grade_clause: String,
    /// Rounding for display.
    pub rounding: Rounding,
    /// Largest difference that counts as rounding only.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub tolerance: Option<Decimal>,
    /// The region's narrative outline.
    pub narrative: Vec<String>,
    /// Content hash of the file (filled in when loaded).
    #[serde(skip)]
    pub hash: String,
}

/// How the budget execution rate is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetFormula {
    /// points × min(rate, 1).
    Capped,
    /// points × max(0, 1 − |rate − 1|): over-execution is penalised too.
    Deviation,
}

/// Which figure is the rate's denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Denominator {
    /// 全年预算数 / 调整后预算数.
    Adjusted,
    /// 年初预算数.
    Initial,
}

/// 预算执行 rule.
#[derive(Debug, Clone, Deserialize)]
pub struct BudgetRule {
    /// Points for the budget block.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub points: Option<Decimal>,
    /// Formula.
    pub formula: BudgetFormula,
    /// Denominator.
    pub denominator: Denominator,
    /// The formula in words.
    pub formula_text: String,
    /// A rate below this (percent) needs a 原因.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub low_rate_needs_reason_below_percent: Option<Decimal>,
    /// Rule source text.
    pub clause: String,
}

/// A 一级指标 and its weight.
#[derive(Debug, Clone, Deserialize)]
pub struct Level1Rule {
    /// Name, e.g. 产出指标.
    pub name: String,
    /// Fixed weight, if the region fixes one.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub weight: Option<Decimal>,
    /// Its 二级指标.
    pub level2: Vec<String>,
}

/// What happens when a target is exceeded by a lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OvershootRule {
    /// Warn only.
    Warn,
    /// A 数量指标 exceeded by more than the threshold scores 0 (Sichuan).
    ZeroQuantity,
}

/// Quantitative scoring clauses and thresholds.
#[derive(Debug, Clone, Deserialize)]
pub struct QuantitativeRule {
    /// ≥ rule text.
    pub positive_clause: String,
    /// ≤ rule text.
    pub negative_clause: String,
    /// = rule text.
    pub equal_clause: String,
    /// Exceeding the target by more than this percentage is flagged.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub overshoot_percent: Option<Decimal>,
    /// What overshooting does.
    pub overshoot_rule: OvershootRule,
    /// Rule text.
    pub overshoot_clause: String,
}

/// Qualitative tiers.
#[derive(Debug, Clone, Deserialize)]
pub struct QualitativeRule {
    /// Rule text.
    pub clause: String,
    /// Tier bands, best first.
    pub tiers: Vec<TierBand>,
}

/// One tier's band, as percentages of the weight.
#[derive(Debug, Clone, Deserialize)]
pub struct TierBand {
    /// The tier.
    pub tier: Tier,
    /// Display name.
    pub name: String,
    /// Lowest share of the weight (inclusive).
    #[serde(with = "crate::model::serde_dec::opt")]
    pub min_percent: Option<Decimal>,
    /// Highest share (inclusive for the top tier, exclusive otherwise).
    #[serde(with = "crate::model::serde_dec::opt")]
    pub max_percent: Option<Decimal>,
}

/// Satisfaction tier table.
#[derive(Debug, Clone, Deserialize)]
pub struct SatisfactionRule {
    /// Rule text.
    pub clause: String,
    /// Bands, best first.
    pub bands: Vec<SatisfactionBand>,
}

/// One satisfaction band: an actual in [from, to) earns `fraction` of the weight.
#[derive(Debug, Clone, Deserialize)]
pub struct SatisfactionBand {
    /// Lower bound, percent, inclusive.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub from_percent: Option<Decimal>,
    /// Upper bound, percent, exclusive; none for the top band.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub to_percent: Option<Decimal>,
    /// Share of the weight earned.
    #[serde(with = "crate::model::serde_dec::opt")]
    pub fraction: Option<Decimal>,
    /// Label, e.g. "≥90%".
    pub label: String,
}

/// A grade threshold.
#[derive(Debug, Clone, Deserialize)]
pub struct GradeRule {
    /// 优 / 良 / 中 / 差.
    pub name: String,
    /// Lowest total for this grade (inclusive).
    #[serde(with = "crate::model::serde_dec::opt")]
    pub min: Option<Decimal>,
    /// Other ways documents write this grade (优秀, 良好…).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Display rounding.
#[derive(Debug, Clone, Deserialize)]
pub struct Rounding {
    /// Money decimals.
    pub money_dp: u32,
    /// Rate decimals (of the percentage).
    pub rate_dp: u32,
    /// Score decimals.
    pub score_dp: u32,
    /// Always 四舍五入.
    pub strategy: String,
}

impl RulePack {
    /// The tolerance for rounding-only differences (0.01 when the pack leaves it out).
    pub fn tolerance(&self) -> Decimal {
        self.tolerance.unwrap_or(Decimal::new(1, 2))
    }

    /// The grade for a total, best first.
    pub fn grade_for(&self, total: Decimal) -> Option<&GradeRule> {
        self.grades.iter().find(|g| g.min.is_some_and(|m| total >= m))
    }

    /// The canonical grade name for a written grade ("优秀" → "优"), if recognised.
    pub fn canonical_grade(&self, written: &str) -> Option<&str> {
        let w = written.trim();
        self.grades
            .iter()
            .find(|g| g.name == w || g.aliases.iter().any(|a| a == w))
            .map(|g| g.name.as_str())
    }

    /// The 一级指标 rule a written name belongs to ("产出目标 (50分)" → 产出指标).
    pub fn level1_for(&self, written: &str) -> Option<&Level1Rule> {
        let key: String = written.chars().filter(|c| !c.is_whitespace()).take(2).collect();
        if key.is_empty() {
            return None;
        }
        self.level1.iter().find(|l| l.name.starts_with(&key))
    }

    /// The band of a qualitative tier.
    pub fn tier_band(&self, tier: Tier) -> Option<&TierBand> {
        self.qualitative.tiers.iter().find(|t| t.tier == tier)
    }
}

/// FNV-1a 64-bit hash, hex. Identifies a pack's exact content; not a security measure.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Why an embedded pack could not be read (a build-time mistake, caught by the tests).
#[derive(Debug, Clone)]
pub struct PackError {
    /// File name.
    pub file: String,
    /// serde's message.
    pub message: String,
}

fn load_all() -> Result<Vec<RulePack>, PackError> {
    EMBEDDED
        .iter()
        .map(|(file, text)| {
            let mut pack: RulePack = serde_json::from_str(text)
                .map_err(|e| PackError { file: (*file).to_string(), message: e.to_string() })?;
            pack.hash = content_hash(text.as_bytes());
            Ok(pack)
        })
        .collect()
}

/// All embedded packs, parsed once. Empty only if a pack file is broken, which the tests forbid.
pub fn all() -> &'static [RulePack] {
    static PACKS: OnceLock<Vec<RulePack>> = OnceLock::new();
    PACKS.get_or_init(|| load_all().unwrap_or_default())
}

/// The pack with this id.
pub fn find(id: &str) -> Option<&'static RulePack> {
    all().iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_pack_loads_with_a_hash() {
        let packs = load_all().unwrap();
        let ids: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["central-2020", "hunan-2024", "hubei-2024", "sichuan-2024"]);
        for p in &packs {
            assert_eq!(p.hash.len(), 16);
            let weights: Decimal = p.level1.iter().filter_map(|l| l.weight).sum();
            let points = p.budget.points.unwrap() + p.indicator_points.unwrap();
            assert!(weights.is_zero() || weights == p.indicator_points.unwrap(), "{}", p.id);
            assert_eq!(points, Decimal::ONE_HUNDRED.min(points), "{}", p.id);
        }
        assert_ne!(packs[0].hash, packs[1].hash);
    }

    #[test]
    fn grades_and_aliases() {
        let p = find("hunan-2024").unwrap();
        assert_eq!(p.grade_for(Decimal::from(98)).unwrap().name, "优");
        assert_eq!(p.grade_for(Decimal::from(90)).unwrap().name, "优");
        assert_eq!(p.grade_for(Decimal::new(8999, 2)).unwrap().name, "良");
        assert_eq!(p.grade_for(Decimal::from(59)).unwrap().name, "差");
        assert_eq!(p.canonical_grade("良好"), Some("良"));
        assert_eq!(p.level1_for("产出目标 (50分)").unwrap().name, "产出指标");
        assert_eq!(p.level1_for("满意度 (10分)").unwrap().name, "满意度指标");
    }
}
