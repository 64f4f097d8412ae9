//! The report document: every part of a 预算绩效自评 submission as the department wrote it.
//!
//! Guarantees: these types hold only what a person typed or transcribed (declared figures
//! included); nothing computed is stored here, so a recomputation can never overwrite a
//! declared 得分 or 总分. Decimals serialize as JSON strings. Loading is `edit::from_json`: missing
//! parts take their defaults so an incomplete report loads and is checked, not rejected.

use rust_decimal::Decimal;
use serde::Serialize;

/// One self-evaluation report (one department, one year).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Stable id of the draft (used by storage and import to merge).
    pub id: String,
    /// Rule pack id, e.g. `hunan-2024`.
    pub rule_pack: String,
    /// 年度 being evaluated.
    pub year: u32,
    /// 部门（单位）名称.
    pub department: String,
    /// 封面.
    pub cover: Option<Cover>,
    /// 基础数据表 (Hunan 附件1).
    pub basic_data: Option<BasicData>,
    /// 部门整体支出绩效自评表 (or the Hubei goal-grouped variant).
    pub overall: Option<PerfTable>,
    /// 项目支出绩效自评表, one per first-level project.
    pub projects: Vec<PerfTable>,
    /// Sichuan 部门整体 监控 table (no scores).
    pub monitor: Option<MonitorTable>,
    /// 评价人员 and the sign-off block.
    pub sign_off: Option<SignOff>,
    /// 自评报告 narrative sections, in the region's outline order.
    pub narrative: Vec<NarrativeSection>,
}

/// 封面.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cover {
    /// Report title, e.g. "岳阳市云溪区2024年度部门整体支出绩效评价自评报告".
    pub title: String,
    /// 预算编码.
    pub budget_code: String,
    /// 评价方式 (default 部门（单位）绩效自评).
    pub method: String,
    /// 评价机构 (default 部门（单位）评价组).
    pub agency: String,
    /// 报告日期.
    pub report_date: String,
    /// 制表机关, e.g. 岳阳市云溪财政局（制）.
    pub issuer: String,
}

/// The unit a money table is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum MoneyUnit {
    /// 万元 (the official default).
    #[default]
    #[serde(rename = "万元")]
    WanYuan,
    /// 元.
    #[serde(rename = "元")]
    Yuan,
}

impl MoneyUnit {
    /// The label printed in table headers.
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::WanYuan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }

    /// How many 元 one unit is.
    pub fn yuan_factor(self) -> Decimal {
        match self {
            MoneyUnit::WanYuan => Decimal::from(10_000),
            MoneyUnit::Yuan => Decimal::ONE,
        }
    }
}

/// Which kind of scored table this is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 部门整体支出绩效自评表.
    #[default]
    Overall,
    /// 项目支出绩效自评表.
    Project,
}

/// A scored self-evaluation table: 部门整体 or 项目, in any region's variant.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PerfTable {
    /// 整体 or 项目.
    pub kind: TableKind,
    /// 部门名称 (整体) or 项目名称 (项目).
    pub name: String,
    /// 项目编码 (Sichuan writes 编码-名称).
    pub code: String,
    /// 主管部门 (项目表).
    pub supervisor: String,
    /// 实施单位 (项目表).
    pub implementer: String,
    /// Unit of the budget block.
    pub unit: MoneyUnit,
    /// 预算执行情况.
    pub budget: BudgetBlock,
    /// 年度总体目标：预期目标.
    pub goal_expected: String,
    /// 年度总体目标：实际完成情况.
    pub goal_actual: String,
    /// 一级指标 weights as printed in the table header, e.g. 产出指标（50分）.
    pub level1_weights: Vec<DeclaredWeight>,
    /// Indicator rows of tables that are not goal-grouped.
    pub indicators: Vec<Indicator>,
    /// Hubei/Wuhan 年度绩效目标 1…n, each with its weight and rows.
    pub goals: Vec<Goal>,
    /// 总分 as written by the department.
    pub declared_total: Option<Decimal>,
    /// 评价等次 as written; `Some("")` means the row exists but was left blank.
    pub declared_grade: Option<String>,
    /// The form the table follows when it is not the usual 目标/指标 one: "决策过程产出效益"
    /// (项目决策 / 项目管理 / 项目产出 / 项目效益, rows scored by 评分标准); empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub layout: String,
    /// What an import could not read of this table, in words ("3 个实际完成值未读入（第 5 列）；…"),
    /// kept so the editor's summary says it on the table; empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub import_unread: String,
    /// 复核分 total as written beside the 自评分 total (决策过程产出效益 tables).
    #[serde(default, with = "crate::serde_dec::opt", skip_serializing_if = "Option::is_none")]
    pub reviewed_total: Option<Decimal>,
    /// 偏差大或目标未完成原因分析 / 存在问题 (free text).
    pub deviation_analysis: String,
    /// 改进措施 (free text).
    pub improvement: String,
    /// 填表人.
    pub filled_by: String,
    /// 填报日期.
    pub fill_date: String,
    /// 联系电话.
    pub phone: String,
    /// 单位负责人 / 项目负责人.
    pub head: String,
    /// The number cells of this part written as "not applicable" ("/", "／", "—", "无", "不适用"…):
    /// empty for every calculation, and shown again as "/" (not as an empty cell) after a reload.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<String>,
    /// The 附件 label above the form as the imported document printed it ("附件2"); empty:
    /// the rule pack's (`forms` in docs/rules.md).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_label: String,
    /// The form's title as the imported document printed it; empty: the rule pack's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_title: String,
}

/// A weight printed in a header, e.g. 产出指标（50分）.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DeclaredWeight {
    /// 一级指标 name as printed.
    pub name: String,
    /// 分值.
    #[serde(with = "crate::serde_dec::opt")]
    pub weight: Option<Decimal>,
}

/// 预算执行情况: the budget block of a scored table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BudgetBlock {
    /// 年初预算数.
    #[serde(with = "crate::serde_dec::opt")]
    pub initial: Option<Decimal>,
    /// 全年预算数 / 调整后预算数 / 预算数(A): the rate's denominator in every rule pack.
    #[serde(with = "crate::serde_dec::opt")]
    pub adjusted: Option<Decimal>,
    /// 全年执行数 / 执行数(B).
    #[serde(with = "crate::serde_dec::opt")]
    pub executed: Option<Decimal>,
    /// 分值 as printed (the rule pack's budget points when blank).
    #[serde(with = "crate::serde_dec::opt")]
    pub weight: Option<Decimal>,
    /// 执行率 as printed, in percent (100 for "100%").
    #[serde(with = "crate::serde_dec::opt")]
    pub declared_rate_percent: Option<Decimal>,
    /// 得分 as printed.
    #[serde(with = "crate::serde_dec::opt")]
    pub declared_score: Option<Decimal>,
    /// The scoring formula printed in the header, e.g. "20分*执行率".
    pub declared_formula: String,
    /// Breakdown by income nature (按收入性质分) or by source (当年财政拨款, 上年结转…).
    pub by_source: Vec<BudgetLine>,
    /// 基本支出 (按支出性质分, 执行数).
    #[serde(with = "crate::serde_dec::opt")]
    pub basic: Option<Decimal>,
    /// 项目支出 (按支出性质分, 执行数).
    #[serde(with = "crate::serde_dec::opt")]
    pub project: Option<Decimal>,
    /// 原因 (Sichuan: required when the rate is below 90%).
    pub reason: String,
    /// The number cells of this part written as "not applicable" ("/", "／", "—", "无", "不适用"…):
    /// empty for every calculation, and shown again as "/" (not as an empty cell) after a reload.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<String>,
}

/// One breakdown line of the budget block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BudgetLine {
    /// e.g. 一般公共预算, 当年财政拨款, 上年结转资金.
    pub label: String,
    /// 年初预算数.
    #[serde(with = "crate::serde_dec::opt")]
    pub initial: Option<Decimal>,
    /// 全年预算数.
    #[serde(with = "crate::serde_dec::opt")]
    pub adjusted: Option<Decimal>,
    /// 全年执行数.
    #[serde(with = "crate::serde_dec::opt")]
    pub executed: Option<Decimal>,
}

/// A Hubei/Wuhan 年度绩效目标 with its own weight.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Goal {
    /// The goal's text, e.g. "积极开展招商引资，完成企业引进工作。".
    pub title: String,
    /// The goal's weight (5, 10, 14…).
    #[serde(with = "crate::serde_dec::opt")]
    pub weight: Option<Decimal>,
    /// The goal's rows.
    pub indicators: Vec<Indicator>,
}

/// 定性指标 tier chosen by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 达成预期指标 (Sichuan: 优).
    Met,
    /// 部分达成预期指标 (Sichuan: 良/中).
    Partly,
    /// 未达成预期指标 (Sichuan: 低/差).
    NotMet,
}

impl Tier {
    /// The stored key of a tier (`met`, `partly`, `not_met`): the one place these keys are spelled.
    pub fn key(self) -> &'static str {
        match self {
            Tier::Met => "met",
            Tier::Partly => "partly",
            Tier::NotMet => "not_met",
        }
    }
}

/// One indicator row (三级指标).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Indicator {
    /// 一级指标, e.g. 产出指标.
    pub level1: String,
    /// 二级指标, e.g. 数量指标.
    pub level2: String,
    /// 三级指标 name.
    pub name: String,
    /// 年度指标值 / 年初目标值(A), as written ("≥4次").
    pub target: String,
    /// Sichuan 指标性质 (≥ ≤ = > < 定性); when set, the target is nature + value + unit.
    pub nature: String,
    /// Sichuan 度量单位.
    pub unit: String,
    /// 实际完成值 / 实际完成值(B), as written ("5家").
    pub actual: String,
    /// 分值 / 权重.
    #[serde(with = "crate::serde_dec::opt")]
    pub weight: Option<Decimal>,
    /// 得分 as printed by the department.
    #[serde(with = "crate::serde_dec::opt")]
    pub declared_score: Option<Decimal>,
    /// Qualitative rows: the tier the evaluator chose.
    pub tier: Option<Tier>,
    /// Qualitative rows: the score the evaluator chose within the tier's band.
    #[serde(with = "crate::serde_dec::opt")]
    pub assessed_score: Option<Decimal>,
    /// 偏差原因分析及改进措施.
    pub reason: String,
    /// When the table printed no 分值 for this row: the heading whose weight was shared equally
    /// among its rows to give `weight` ("产出指标（60分）"); empty when the weight is the table's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub weight_from: String,
    /// 评分标准 / 指标解释 (决策过程产出效益 tables).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criterion: String,
    /// 复核分 as printed beside the 自评分 (`declared_score`).
    #[serde(default, with = "crate::serde_dec::opt", skip_serializing_if = "Option::is_none")]
    pub reviewed_score: Option<Decimal>,
    /// Chongqing 得分系数: 得分系数 × 指标权重 = 指标得分.
    #[serde(default, with = "crate::serde_dec::opt", skip_serializing_if = "Option::is_none")]
    pub coefficient: Option<Decimal>,
    /// Chongqing 是否核心指标 ("是" / "否"), as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub core: String,
    /// The number cells of this part written as "not applicable" ("/", "／", "—", "无", "不适用"…):
    /// empty for every calculation, and shown again as "/" (not as an empty cell) after a reload.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<String>,
}

impl Indicator {
    /// The target as one text: Sichuan's split columns joined, else the written target.
    pub fn target_text(&self) -> String {
        let nature = self.nature.trim();
        if nature.is_empty() || nature == "定性" {
            if self.unit.trim().is_empty() || self.target.trim().is_empty() {
                return self.target.clone();
            }
            return format!("{}{}", self.target.trim(), self.unit.trim());
        }
        format!("{}{}{}", nature, self.target.trim(), self.unit.trim())
    }

    /// A placeholder row ("无" with nothing else) that is not part of the evaluation.
    pub fn is_placeholder(&self) -> bool {
        let name = self.name.trim();
        // Template placeholders: "无", "/", "……", "指标2：" with nothing else filled in.
        let blank = |t: &str| t.trim().is_empty() || crate::num::not_applicable(t) || t.trim().chars().all(|c| matches!(c, '…' | '.' | '。'));
        let template_name = name.strip_prefix("指标").is_some_and(|rest| {
            let rest = rest.trim_end_matches(['：', ':', ' ']);
            rest.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c))
        });
        (blank(name) || template_name)
            && blank(&self.target)
            && blank(&self.actual)
            && self.weight.is_none()
            && self.declared_score.is_none()
    }
}

/// 部门整体支出绩效自评表 of Sichuan: 预算执行情况监控 and 绩效目标完成情况监控, no scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MonitorTable {
    /// 部门名称.
    pub name: String,
    /// Unit of the money rows.
    pub unit: MoneyUnit,
    /// 年度预算总额.
    pub total: MonitorMoney,
    /// 其中：基本支出.
    pub basic: MonitorMoney,
    /// 项目支出.
    pub project: MonitorMoney,
    /// 年度主要任务完成情况.
    pub tasks: Vec<MonitorTask>,
    /// 绩效目标完成情况监控 rows.
    pub indicators: Vec<MonitorIndicator>,
    /// The 附件 label above the form as the imported document printed it ("附件2"); empty:
    /// the rule pack's (`forms` in docs/rules.md).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_label: String,
    /// The form's title as the imported document printed it; empty: the rule pack's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_title: String,
}

/// One money row of the 监控 table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MonitorMoney {
    /// 全年预算数.
    #[serde(with = "crate::serde_dec::opt")]
    pub budget: Option<Decimal>,
    /// 全年执行数.
    #[serde(with = "crate::serde_dec::opt")]
    pub executed: Option<Decimal>,
    /// 偏差原因分析 (required above 20% deviation).
    pub reason: String,
    /// 拟采取的措施.
    pub measures: String,
}

/// 年度主要任务.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MonitorTask {
    /// 任务名称.
    pub name: String,
    /// 年初主要内容.
    pub content: String,
    /// 截止监控节点完成进度.
    pub progress: String,
}

/// 绩效目标完成情况监控 row.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MonitorIndicator {
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 年初目标值.
    pub target: String,
    /// 全年预计完成情况.
    pub expected: String,
    /// 偏差原因分析.
    pub reason: String,
    /// 拟采取的措施.
    pub measures: String,
}

/// 基础数据表 (Hunan 附件1).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BasicData {
    /// Unit written in the 经费控制情况 header.
    pub unit: MoneyUnit,
    /// 编制数.
    #[serde(with = "crate::serde_dec::opt")]
    pub staff_quota: Option<Decimal>,
    /// 实际在职人数.
    #[serde(with = "crate::serde_dec::opt")]
    pub staff_actual: Option<Decimal>,
    /// 控制率 as printed, in percent.
    #[serde(with = "crate::serde_dec::opt")]
    pub declared_control_rate_percent: Option<Decimal>,
    /// 三公经费 = 公务用车购置和维护 + 出国 + 公务接待.
    pub three_public: Triple,
    /// 1、公务用车购置和维护经费 = 公车购置 + 公车运行维护.
    pub cars: Triple,
    /// 其中：公车购置.
    pub car_purchase: Triple,
    /// 公车运行维护.
    pub car_running: Triple,
    /// 2、出国经费.
    pub abroad: Triple,
    /// 3、公务接待.
    pub reception: Triple,
    /// 项目支出 = 业务工作经费 + 运行维护经费 + 市级专项资金.
    pub project_total: Triple,
    /// 1、业务工作经费.
    pub business: Triple,
    /// 2、运行维护经费.
    pub operation: Triple,
    /// 3、市级专项资金, one row per 专项.
    pub specials: Vec<NamedTriple>,
    /// 公用经费.
    pub public_total: Triple,
    /// 其中：办公经费.
    pub office: Triple,
    /// 水费、电费、差旅费.
    pub utilities_travel: Triple,
    /// 会议费、培训费.
    pub meeting_training: Triple,
    /// 政府采购金额.
    pub procurement: Triple,
    /// 部门基本支出预算调整.
    pub basic_adjustment: Triple,
    /// 楼堂馆所控制情况.
    pub buildings: Vec<Building>,
    /// 厉行节约保障措施.
    pub frugality: String,
    /// The 附件 label above the form as the imported document printed it ("附件2"); empty:
    /// the rule pack's (`forms` in docs/rules.md).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_label: String,
    /// The form's title as the imported document printed it; empty: the rule pack's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_title: String,
}

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

            /// The 经费控制情况 row named as in [`BASIC_ROWS`], mutable.
            pub fn triple_mut(&mut self, name: &str) -> Option<&mut Triple> {
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

/// The three columns of the 经费控制情况 block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Triple {
    /// 上年决算数.
    #[serde(with = "crate::serde_dec::opt")]
    pub prev_final: Option<Decimal>,
    /// 本年预算数.
    #[serde(with = "crate::serde_dec::opt")]
    pub budget: Option<Decimal>,
    /// 本年决算数.
    #[serde(with = "crate::serde_dec::opt")]
    pub final_: Option<Decimal>,
}

/// A named row with the three columns (市级专项资金).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NamedTriple {
    /// 专项 name.
    pub name: String,
    /// The figures.
    pub values: Triple,
}

/// 楼堂馆所 (completed this year).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Building {
    /// Project name.
    pub name: String,
    /// 批复规模 (m²).
    #[serde(with = "crate::serde_dec::opt")]
    pub approved_area: Option<Decimal>,
    /// 实际规模 (m²).
    #[serde(with = "crate::serde_dec::opt")]
    pub actual_area: Option<Decimal>,
    /// 规模控制率 as printed, percent.
    #[serde(with = "crate::serde_dec::opt")]
    pub declared_area_rate_percent: Option<Decimal>,
    /// 预算投资 (万元).
    #[serde(with = "crate::serde_dec::opt")]
    pub budget_investment: Option<Decimal>,
    /// 实际投资 (万元).
    #[serde(with = "crate::serde_dec::opt")]
    pub actual_investment: Option<Decimal>,
    /// 投资概算控制率 as printed, percent.
    #[serde(with = "crate::serde_dec::opt")]
    pub declared_investment_rate_percent: Option<Decimal>,
}

/// 评价人员 and the sign-off block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SignOff {
    /// 评价人员 rows.
    pub reviewers: Vec<Reviewer>,
    /// 评价组组长 signature date.
    pub leader_date: String,
    /// 部门(单位)意见.
    pub department_opinion: String,
    /// 部门意见 date.
    pub department_date: String,
    /// 财政部门归口业务股室意见.
    pub finance_opinion: String,
    /// 财政意见 date.
    pub finance_date: String,
    /// 填报人.
    pub filled_by: String,
    /// 联系电话.
    pub phone: String,
}

/// One 评价人员 row (签字 is left for paper).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reviewer {
    /// 姓名.
    pub name: String,
    /// 职务(职称).
    pub title: String,
    /// 单位.
    pub unit: String,
}

/// The report's title when the cover gives none: a report of 项目 tables only is a
/// 项目支出绩效自评报告, anything else a 部门整体支出绩效评价自评报告.
pub fn default_title(department: &str, year: u32, projects_only: bool) -> String {
    if projects_only {
        format!("{department}{year}年度项目支出绩效自评报告")
    } else {
        format!("{department}{year}年度部门整体支出绩效评价自评报告")
    }
}

/// Title of the narrative section that keeps what an import did not place ("表 1 第 1 行第 1
/// 列：…"): kept in the draft, shown in the editor's panel, printed only when asked.
pub const IMPORT_NOTES_TITLE: &str = "导入时未识别的内容";

/// One section of the narrative report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NarrativeSection {
    /// Heading from the region's outline, e.g. 二、一般公共预算支出情况.
    pub title: String,
    /// The text the department wrote.
    pub text: String,
}

impl Report {
    /// Every scored table with its path: the 整体 table first, then the projects in order.
    pub fn scored_tables(&self) -> Vec<(String, &PerfTable)> {
        let mut tables = Vec::with_capacity(self.projects.len() + 1);
        if let Some(overall) = &self.overall {
            tables.push(("overall".to_string(), overall));
        }
        for (i, project) in self.projects.iter().enumerate() {
            tables.push((format!("projects[{i}]"), project));
        }
        tables
    }
}

/// How a number cell written as "not applicable" ("/", "—", "无", "不适用"…) is shown, printed
/// and exported.
pub const NOT_APPLICABLE: &str = "/";

/// [`NOT_APPLICABLE`] when the number field `field` of a part is empty because it was written as
/// not applicable (its name is in the part's `not_applicable` list), not because it was left blank.
pub fn not_applicable_shown(value: Option<Decimal>, marks: &[String], field: &str) -> Option<&'static str> {
    (value.is_none() && marks.iter().any(|m| m == field)).then_some(NOT_APPLICABLE)
}
