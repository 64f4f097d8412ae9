//! Rule packs: the scoring rules of one region and year, as data.
//!
//! Each pack is a JSON file in `src/rules/`, embedded at build time. Adding a region is adding a
//! file and one line to [`EMBEDDED`]; no scoring code branches on a region. Every pack carries an
//! id and a content hash (FNV-1a 64 of the file's bytes) that results carry, so a reviewer can
//! tell exactly which rules produced a figure. A bureau's own packs (read from files by the
//! checker's `--rules`, or by the app from a `rules/` folder) are [`install`]ed at run time and
//! found before the built-in ones. `read.rs` holds the hand-written file reader.

use std::sync::{OnceLock, RwLock};

use rust_decimal::Decimal;
use serde_json::Value;

mod read;

use crate::measure::Comparison;
use crate::report::Tier;

use read::{read_pack, walk};

/// The embedded pack files: (file name, contents).
const EMBEDDED: &[(&str, &str)] = &[
    ("central-2020.json", include_str!("../../rules/central-2020.json")),
    ("hunan-2024.json", include_str!("../../rules/hunan-2024.json")),
    ("hubei-2024.json", include_str!("../../rules/hubei-2024.json")),
    ("sichuan-2024.json", include_str!("../../rules/sichuan-2024.json")),
    ("generic.json", include_str!("../../rules/generic.json")),
];

/// One region's rules for one year.
#[derive(Debug, Clone)]
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
    /// The document (or 本局口径) the rules rest on, e.g. 财预〔2020〕10号; `source` when absent.
    pub provenance: String,
    /// The pack's own version ("1" when absent); results carry the id and content hash.
    pub version: String,
    /// Whether the 一级指标 weights are fixed by the pack, free, or taken from the template.
    pub level1_weights: Level1Weights,
    /// 预算执行 scoring.
    pub budget: BudgetRule,
    /// Points for all indicators together (90, or 80 for goal-grouped Hubei tables).
    pub indicator_points: Option<Decimal>,
    /// Whether indicators are grouped under weighted 年度绩效目标 (Hubei/Wuhan).
    pub goal_grouped: bool,
    /// How a table whose weights do not add up to 100 is totalled.
    pub total_rule: TotalRule,
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
    pub tolerance: Option<Decimal>,
    /// The region's narrative outline.
    pub narrative: Vec<String>,
    /// Each official form's 附件 label and title as the region's template prints them.
    pub forms: FormHeads,
    /// Content hash of the file (filled in when loaded).
    pub hash: String,
}

/// How the budget execution rate is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetFormula {
    /// points × min(rate, 1).
    Capped,
    /// points × max(0, 1 − |rate − 1|): over-execution is penalised too.
    Deviation,
}

/// Which figure is the rate's denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denominator {
    /// 全年预算数 / 调整后预算数.
    Adjusted,
    /// 年初预算数.
    Initial,
}

/// 预算执行 rule.
#[derive(Debug, Clone)]
pub struct BudgetRule {
    /// Points for the budget block.
    pub points: Option<Decimal>,
    /// Formula.
    pub formula: BudgetFormula,
    /// Denominator.
    pub denominator: Denominator,
    /// The formula in words.
    pub formula_text: String,
    /// A rate below this (percent) needs a 原因.
    pub low_rate_needs_reason_below_percent: Option<Decimal>,
    /// Rule source text.
    pub clause: String,
    /// Whether the score is capped at the 分值 (true, the default). Off: 分值 × 执行率 even
    /// above 100% (an older version of the capped formula).
    pub cap: bool,
    /// Whether a formula written in the table header ("20分*执行率") is compared with the pack's.
    pub check_formula_text: bool,
    /// Whether the template prints a 执行率 cell: then a blank one is reported (with the rate
    /// computed from the table) rather than taken for a table without one.
    pub rate_cell: bool,
}

/// How the 总分 of a table whose 分值 do not add up to 100 is obtained: one rule that the
/// summary, the explanation, the findings and every output state alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalRule {
    /// The sum of the scores, at most 100 (the default).
    Cap,
    /// The sum of the scores × 100 ÷ the sum of the 分值.
    Normalise,
    /// The sum of the scores as it is.
    Raw,
}

impl TotalRule {
    /// The rule in words, for explanations and findings.
    pub fn words(self) -> &'static str {
        match self {
            TotalRule::Cap => "各项得分相加，超过100分的按100分计",
            TotalRule::Normalise => "各项得分相加后按100分折算（× 100 ÷ 分值合计）",
            TotalRule::Raw => "各项得分相加，不封顶也不折算",
        }
    }
}

/// The 附件 label and the title of each official form, as the region's template prints them
/// above the table ("附件2" / "2024年度部门整体支出绩效自评表"). `None`: the form's plain name
/// with the year on a line of its own, and no label.
#[derive(Debug, Clone, Default)]
pub struct FormHeads {
    /// 基础数据表.
    pub basic_data: Option<FormHead>,
    /// 部门整体支出绩效自评表.
    pub overall: Option<FormHead>,
    /// 项目支出绩效自评表.
    pub project: Option<FormHead>,
    /// 部门整体支出绩效自评表（监控）.
    pub monitor: Option<FormHead>,
}

/// One form's label and title.
#[derive(Debug, Clone, Default)]
pub struct FormHead {
    /// The line above the title ("附件2"); empty: none.
    pub label: String,
    /// The title, with `{year}`, `{department}` and `{name}` (the project's or the department's
    /// name in the table) filled in when printed.
    pub title: String,
}

/// Where the 一级指标 weights come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level1Weights {
    /// The pack fixes them (`level1[].weight`); other weights are reported.
    Fixed,
    /// Each table sets its own; only the arithmetic is checked.
    Free,
    /// The template prints them in the header; a table without header weights is reported.
    Template,
}

/// How a reverse (lower-is-better, ≤) indicator that missed its target is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReverseFormula {
    /// 分值 × 指标值 ÷ 完成值.
    Ratio,
    /// 分值 × (1 − (完成值 − 指标值) ÷ 指标值), zero at twice the target.
    Linear,
}

/// How an equal (=) indicator whose target is 0 is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EqualZeroRule {
    /// Full marks only when the actual is exactly 0, else 较小值 ÷ 较大值 (which is 0).
    Exact,
    /// Full marks when the actual is ≤ 0, else 0.
    AtMost,
}

/// How the over-achievement threshold is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OvershootBasis {
    /// By how much the actual exceeds the target: (完成值 − 指标值) ÷ 指标值 > threshold.
    Excess,
    /// The actual as a share of the target: 完成值 ÷ 指标值 > threshold (e.g. 120%).
    OfTarget,
}

/// What a qualitative score outside its tier's band does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandRule {
    /// It is reported as an error; the score is kept.
    Error,
    /// The band is a hard limit (the software refuses to save): the score counts at the
    /// nearest band edge and the finding says so.
    Limit,
}

/// Whether a grade's lowest total is included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeBoundary {
    /// total ≥ min.
    AtLeast,
    /// total > min.
    Above,
}

/// A 一级指标 and its weight.
#[derive(Debug, Clone)]
pub struct Level1Rule {
    /// Name, e.g. 产出指标.
    pub name: String,
    /// Fixed weight, if the region fixes one.
    pub weight: Option<Decimal>,
    /// Its 二级指标.
    pub level2: Vec<String>,
}

/// What happens when a target is exceeded by a lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OvershootRule {
    /// Warn only.
    Warn,
    /// A 数量指标 exceeded by more than the threshold scores 0 (Sichuan).
    ZeroQuantity,
}

/// Quantitative scoring clauses and thresholds.
#[derive(Debug, Clone)]
pub struct QuantitativeRule {
    /// ≥ rule text.
    pub positive_clause: String,
    /// ≤ rule text.
    pub negative_clause: String,
    /// = rule text.
    pub equal_clause: String,
    /// Exceeding the target by more than this percentage is flagged.
    pub overshoot_percent: Option<Decimal>,
    /// What overshooting does.
    pub overshoot_rule: OvershootRule,
    /// Rule text.
    pub overshoot_clause: String,
    /// How the overshoot threshold is measured.
    pub overshoot_basis: OvershootBasis,
    /// Reverse (≤) formula.
    pub reverse_formula: ReverseFormula,
    /// Equal (=) indicators with a target of 0.
    pub equal_zero_target: EqualZeroRule,
    /// How a target written without a comparator ("100%", "4次") is read.
    pub default_comparison: Comparison,
}

/// Qualitative tiers.
#[derive(Debug, Clone)]
pub struct QualitativeRule {
    /// Rule text.
    pub clause: String,
    /// Tier bands, best first.
    pub tiers: Vec<TierBand>,
    /// What a score outside its band does.
    pub band_rule: BandRule,
}

/// One tier's band, as percentages of the weight.
#[derive(Debug, Clone)]
pub struct TierBand {
    /// The tier.
    pub tier: Tier,
    /// Display name.
    pub name: String,
    /// Lowest share of the weight (inclusive).
    pub min_percent: Option<Decimal>,
    /// Highest share (inclusive for the top tier, exclusive otherwise).
    pub max_percent: Option<Decimal>,
}

/// Satisfaction tier table.
#[derive(Debug, Clone)]
pub struct SatisfactionRule {
    /// Rule text.
    pub clause: String,
    /// Bands, best first.
    pub bands: Vec<SatisfactionBand>,
}

/// One satisfaction band: an actual in [from, to) earns `fraction` of the weight.
#[derive(Debug, Clone)]
pub struct SatisfactionBand {
    /// Lower bound, percent, inclusive.
    pub from_percent: Option<Decimal>,
    /// Upper bound, percent, exclusive; none for the top band.
    pub to_percent: Option<Decimal>,
    /// Share of the weight earned.
    pub fraction: Option<Decimal>,
    /// Label, e.g. "≥90%".
    pub label: String,
}

/// A grade threshold.
#[derive(Debug, Clone)]
pub struct GradeRule {
    /// 优 / 良 / 中 / 差.
    pub name: String,
    /// Lowest total for this grade (included unless `boundary` is `Above`).
    pub min: Option<Decimal>,
    /// Whether `min` itself earns the grade.
    pub boundary: GradeBoundary,
    /// Other ways documents write this grade (优秀, 良好…).
    pub aliases: Vec<String>,
}

/// Display rounding.
#[derive(Debug, Clone)]
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
        self.grades.iter().find(|g| {
            g.min.is_some_and(|m| match g.boundary {
                GradeBoundary::AtLeast => total >= m,
                GradeBoundary::Above => total > m,
            })
        })
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
    /// What is wrong, naming the field (`budget.formula：应为 capped、deviation 之一`).
    pub message: String,
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "评分规则文件 {} 有误：{}", self.file, self.message)
    }
}

impl std::error::Error for PackError {}

/// Parses one pack file. The reader is written out by hand over [`Value`] (like report files,
/// see `edit::from_json`) rather than derived: serde's derived deserializers for these eleven
/// structs cost 8 KB of the gzipped app.
pub fn parse(file: &str, text: &str) -> Result<RulePack, PackError> {
    let fail = |message: String| PackError { file: file.to_string(), message };
    let value: Value = serde_json::from_str(text).map_err(|e| fail(crate::exchange::text::json_error(&e)))?;
    let mut pack = walk(&value, read_pack).map_err(fail)?;
    pack.hash = content_hash(text.as_bytes());
    Ok(pack)
}

fn load_all() -> Result<Vec<RulePack>, PackError> {
    EMBEDDED.iter().map(|(file, text)| parse(file, text)).collect()
}

/// All embedded packs, parsed once. Empty only if a pack file is broken, which the tests forbid.
pub fn all() -> &'static [RulePack] {
    static PACKS: OnceLock<Vec<RulePack>> = OnceLock::new();
    PACKS.get_or_init(|| load_all().unwrap_or_default())
}

/// A pack installed at run time, with the file it was read from when it came as text.
struct Installed {
    pack: &'static RulePack,
    /// (file name, text) of a pack installed by [`install_text`].
    file: Option<(String, String)>,
}

/// Packs installed at run time (a bureau's `rules/` folder next to the app, a pack file the
/// user imported), consulted before the built-in ones. Each is leaked once: a handful per
/// session, and a figure computed under a replaced pack can still name it.
static INSTALLED: RwLock<Vec<Installed>> = RwLock::new(Vec::new());

fn put(pack: RulePack, file: Option<(String, String)>) -> &'static RulePack {
    let pack: &'static RulePack = Box::leak(Box::new(pack));
    if let Ok(mut installed) = INSTALLED.write() {
        installed.retain(|i| i.pack.id != pack.id);
        installed.push(Installed { pack, file });
    }
    pack
}

/// Makes a bureau's pack available to [`find`] and [`available`]; a pack with the id of an
/// installed or built-in one replaces it.
pub fn install(pack: RulePack) -> &'static RulePack {
    put(pack, None)
}

/// Reads a pack file and makes it available (a `rules/` folder file or an imported one), keeping
/// its text for [`installed_texts`]. The same text installed again (the reader worker gets the
/// page's packs with every export) is neither read nor installed a second time.
pub fn install_text(file: &str, text: &str) -> Result<&'static RulePack, PackError> {
    let again = INSTALLED.read().ok().and_then(|v| v.iter().find(|i| i.file.as_ref().is_some_and(|(_, t)| t == text)).map(|i| i.pack));
    if let Some(pack) = again {
        return Ok(pack);
    }
    let pack = parse(file, text)?;
    Ok(put(pack, Some((file.to_string(), text.to_string()))))
}

/// Forgets an installed pack (one the user deleted); a built-in pack of that id is found again.
pub fn uninstall(id: &str) {
    if let Ok(mut installed) = INSTALLED.write() {
        installed.retain(|i| i.pack.id != id);
    }
}

/// The installed packs, in the order they were installed.
pub fn installed() -> Vec<&'static RulePack> {
    INSTALLED.read().map(|v| v.iter().map(|i| i.pack).collect()).unwrap_or_default()
}

/// The (file name, text) of every pack installed from text and still installed, in the order
/// installed: installing them again elsewhere gives the same packs.
pub fn installed_texts() -> Vec<(String, String)> {
    INSTALLED.read().map(|v| v.iter().filter_map(|i| i.file.clone()).collect()).unwrap_or_default()
}

/// The file a pack in use was read from, (file name, text): an installed pack's own file, else
/// the built-in file. A bureau starts its own pack from one of these.
pub fn pack_file(id: &str) -> Option<(String, String)> {
    let installed = INSTALLED.read().ok().and_then(|v| v.iter().find(|i| i.pack.id == id).map(|i| i.file.clone()));
    match installed {
        Some(file) => file,
        None => EMBEDDED.iter().zip(all()).find(|(_, p)| p.id == id).map(|((f, t), _)| (f.to_string(), t.to_string())),
    }
}

/// Every pack a report can use: the built-in ones (each replaced by an installed pack of the
/// same id), then the other installed ones.
pub fn available() -> Vec<&'static RulePack> {
    let extra = installed();
    let mut out: Vec<&'static RulePack> = all().iter().map(|b| extra.iter().find(|p| p.id == b.id).copied().unwrap_or(b)).collect();
    out.extend(extra.iter().filter(|p| all().iter().all(|b| b.id != p.id)));
    out
}

/// The pack with this id: an installed one first, else a built-in one.
pub fn find(id: &str) -> Option<&'static RulePack> {
    installed().into_iter().find(|p| p.id == id).or_else(|| all().iter().find(|p| p.id == id))
}

/// Reads `rules/index.json`, the list of pack files a bureau deploys next to the app: a JSON
/// list of file names (`["jiangan-2025.json"]`), or `{"packs": [...]}`. Only plain relative
/// names inside the folder are accepted (same origin: no scheme, no `..`, no leading `/`).
pub fn parse_index(text: &str) -> Result<Vec<String>, PackError> {
    let fail = |message: String| PackError { file: "rules/index.json".into(), message };
    let value: Value = serde_json::from_str(text).map_err(|e| fail(crate::exchange::text::json_error(&e)))?;
    let wrapped = match value {
        Value::Array(_) => serde_json::json!({ "packs": value }),
        other => other,
    };
    let names = walk(&wrapped, |root| root.texts("packs")).map_err(fail)?;
    for (i, name) in names.iter().enumerate() {
        let n = name.trim();
        if n.is_empty() || n.contains("..") || n.starts_with('/') || n.contains(':') || n.contains('\\') || !n.ends_with(".json") {
            return Err(fail(format!("packs[{i}]：“{name}”应为本文件夹内的 .json 文件名")));
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_pack_loads_with_a_hash() {
        let packs = load_all().unwrap();
        let ids: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["central-2020", "hunan-2024", "hubei-2024", "sichuan-2024", "generic"]);
        for p in packs.iter().filter(|p| p.budget.points.is_some()) {
            assert_eq!(p.hash.len(), 16);
            let weights: Decimal = p.level1.iter().filter_map(|l| l.weight).sum();
            let points = p.budget.points.unwrap() + p.indicator_points.unwrap();
            assert!(weights.is_zero() || weights == p.indicator_points.unwrap(), "{}", p.id);
            assert_eq!(points, Decimal::ONE_HUNDRED.min(points), "{}", p.id);
        }
        assert_ne!(packs[0].hash, packs[1].hash);
        for p in &packs {
            assert!(!p.provenance.is_empty() && !p.version.is_empty(), "{}", p.id);
        }
        assert_eq!(find("central-2020").unwrap().provenance, "财预〔2020〕10号");
        // 依据 cite the document a rule comes from, never our own sample numbers.
        for (file, text) in EMBEDDED {
            assert!(!text.contains("样本"), "{file} cites a sample number instead of its document");
        }
    }

    #[test]
    fn a_broken_pack_names_the_field() {
        let text = EMBEDDED[1].1.replace("\"capped\"", "\"capd\"");
        assert_eq!(parse("x.json", &text).unwrap_err().message, "budget.formula：应为 capped、deviation 之一");
        let text = EMBEDDED[1].1.replace("\"min\": \"80\"", "\"min\": \"八十\"");
        let e = parse("x.json", &text).unwrap_err();
        assert!(e.message.starts_with("grades[1].min："), "{}", e.message);
        let text = EMBEDDED[1].1.replace("\"money_dp\": 2", "\"money_dp\": -2");
        assert_eq!(parse("x.json", &text).unwrap_err().message, "rounding.money_dp：应为整数");
        assert_eq!(parse("x.json", "{").unwrap_err().message, "第 1 行第 1 列：文件不完整，可能被截断");
        assert_eq!(parse("x.json", "{\n  \"id\" 1}").unwrap_err().message, "第 2 行第 8 列：语法错误");
        // Only the first problem is told, though the reader reads on.
        let text = EMBEDDED[1].1.replace("\"capped\"", "\"capd\"").replace("\"money_dp\": 2", "\"money_dp\": -2");
        assert_eq!(parse("x.json", &text).unwrap_err().message, "budget.formula：应为 capped、deviation 之一");
    }

    #[test]
    fn satisfaction_tables_only_where_the_region_has_one() {
        let with: Vec<&str> = all().iter().filter(|p| p.satisfaction.is_some()).map(|p| p.id.as_str()).collect();
        assert_eq!(with, ["hunan-2024"]);
        let hunan = find("hunan-2024").unwrap();
        let bands = &hunan.satisfaction.as_ref().unwrap().bands;
        assert_eq!(bands.len(), 5);
        assert_eq!(bands[1].fraction, Some(Decimal::new(8, 1)));
        assert_eq!(bands[0].to_percent, None);
        assert_eq!(hunan.grades[2].aliases, ["中等", "合格"]);
        assert_eq!(hunan.rounding.score_dp, 2);
        assert_eq!(hunan.qualitative.tiers[2].tier, Tier::NotMet);
    }

    #[test]
    fn installed_packs_come_before_the_built_in_ones() {
        let text = EMBEDDED[0].1.replace("\"id\": \"central-2020\"", "\"id\": \"test-installed\"");
        assert!(find("test-installed").is_none());
        install(parse("test-installed.json", &text).unwrap());
        assert_eq!(find("test-installed").unwrap().id, "test-installed");
        assert_eq!(available().last().unwrap().id, "test-installed");
        assert_eq!(available().iter().filter(|p| p.id == "test-installed").count(), 1);
        install(parse("test-installed.json", &text.replace("\"version\": \"2020.1\"", "\"version\": \"2\"")).unwrap());
        assert_eq!(find("test-installed").unwrap().version, "2");
        assert_eq!(available().iter().filter(|p| p.id == "test-installed").count(), 1);
        assert_eq!(find("hunan-2024").unwrap().id, "hunan-2024");
        uninstall("test-installed");
        assert!(find("test-installed").is_none());
    }

    #[test]
    fn the_rules_folder_index() {
        // (index.json, files or the message)
        let cases = [
            (r#"["a.json", "b.json"]"#, Ok(vec!["a.json", "b.json"])),
            (r#"{"packs": ["jiangan-2025.json"]}"#, Ok(vec!["jiangan-2025.json"])),
            (r#"{"packs": "a.json"}"#, Err("packs：应为列表")),
            (r#"["https://x.example/a.json"]"#, Err("packs[0]：“https://x.example/a.json”应为本文件夹内的 .json 文件名")),
            (r#"["../a.json"]"#, Err("packs[0]：“../a.json”应为本文件夹内的 .json 文件名")),
            (r#"["a.json", 3]"#, Err("packs[1]：应为文本")),
        ];
        for (text, expected) in cases {
            let got = parse_index(text).map_err(|e| e.message);
            let expected = expected.map(|v| v.into_iter().map(String::from).collect::<Vec<_>>()).map_err(String::from);
            assert_eq!(got, expected, "{text}");
        }
        assert_eq!(parse_index("{").unwrap_err().file, "rules/index.json");
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
