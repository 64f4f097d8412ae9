//! What the recogniser found in an imported document, as the import preview shows it and the page
//! keeps it: each recognised table, the columns of a scored table and the field each was read as
//! (`Col`, also what a person can assign a column to by hand), the cells not placed, the proposed
//! rule pack, and why nothing was recognised. The recogniser itself is `jixiao-office`'s
//! `recognize`; these types cross from the reader worker to the page (`import::from_wire`).

use std::fmt;

/// A column of the indicator rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Level1,
    Level2,
    Name,
    Nature,
    Target,
    /// 调整指标值 (Chongqing): the target in effect when filled.
    Adjusted,
    Unit,
    Actual,
    Weight,
    Score,
    /// 复核分 beside 自评分.
    Review,
    /// 评分标准 / 指标解释.
    Criterion,
    /// 得分系数 (Chongqing).
    Coefficient,
    /// 是否核心指标 (Chongqing).
    Core,
    Reason,
}

impl Col {
    /// The indicator field it fills.
    pub fn field(self) -> &'static str {
        match self {
            Col::Level1 => "level1",
            Col::Level2 => "level2",
            Col::Name => "name",
            Col::Nature => "nature",
            Col::Target | Col::Adjusted => "target",
            Col::Unit => "unit",
            Col::Actual => "actual",
            Col::Weight => "weight",
            Col::Score => "declared_score",
            Col::Review => "reviewed_score",
            Col::Criterion => "criterion",
            Col::Coefficient => "coefficient",
            Col::Core => "core",
            Col::Reason => "reason",
        }
    }

    /// How the field is named to a person ("实际完成值").
    pub fn label(self) -> &'static str {
        match self {
            Col::Level1 => "一级指标",
            Col::Level2 => "二级指标",
            Col::Name => "三级指标",
            Col::Nature => "指标性质",
            Col::Target => "年度指标值",
            Col::Adjusted => "调整指标值",
            Col::Unit => "度量单位",
            Col::Actual => "实际完成值",
            Col::Weight => "分值",
            Col::Score => "得分",
            Col::Review => "复核分",
            Col::Criterion => "评分标准",
            Col::Coefficient => "得分系数",
            Col::Core => "是否核心指标",
            Col::Reason => "偏差原因分析及改进措施",
        }
    }

    /// Every column a person can assign by hand in the import preview, in the order offered.
    pub const ALL: [Col; 15] = [
        Col::Level1,
        Col::Level2,
        Col::Name,
        Col::Target,
        Col::Actual,
        Col::Weight,
        Col::Score,
        Col::Reason,
        Col::Nature,
        Col::Unit,
        Col::Adjusted,
        Col::Review,
        Col::Criterion,
        Col::Coefficient,
        Col::Core,
    ];

    /// The column a field name or label names (`actual` or "实际完成值").
    pub fn from_name(name: &str) -> Option<Col> {
        Col::ALL.into_iter().find(|c| c.field() == name && *c != Col::Adjusted || c.label() == name)
    }
}

/// One recognised table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What it is, in Chinese: "部门整体支出绩效自评表", "项目支出绩效自评表：市财政帮扶资金".
    pub what: String,
    /// Where it went in the report: "overall", "projects[0]", "sign_off", "monitor", "basic_data".
    pub path: String,
    /// 1-based number of the source table (the first, when it continues in further tables).
    pub table: usize,
    /// Figures of a column named by a figure head that were not read, in words ("3 个实际完成值
    /// 未读入（第 5 列）"); empty when every figure came in.
    pub unread: Vec<String>,
    /// The header words of a scored table's indicator rows, joined: files with the same header
    /// share the columns a person assigned by hand.
    pub header: String,
    /// The columns of a scored table's indicator rows under their heads, with the field each
    /// was read as ("" = none).
    pub columns: Vec<Column>,
}

impl Found {
    /// A recognised table with nothing more to say about its columns.
    pub fn new(what: impl Into<String>, path: impl Into<String>, table: usize) -> Found {
        Found { what: what.into(), path: path.into(), table, unread: Vec::new(), header: String::new(), columns: Vec::new() }
    }
}

/// A column of a scored table as the preview offers it for assigning by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// 1-based column.
    pub column: usize,
    /// Its head, the header words over it joined ("指标值全年数").
    pub head: String,
    /// The field it was read as (`actual`), or "" when none.
    pub field: String,
}

/// A column of a scored table assigned by hand in the import preview: (1-based) column
/// `column` of source table `table` holds `field` (a field name such as `actual`, or its
/// Chinese label such as 实际完成值), whatever its head says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnOverride {
    /// 1-based table number in the document.
    pub table: usize,
    /// 1-based column.
    pub column: usize,
    /// Field name or label; "" or "忽略" takes the column away from any field.
    pub field: String,
}

/// The fields a column can be assigned to by hand, as (field name, label), in the order offered.
pub fn assignable_fields() -> Vec<(&'static str, &'static str)> {
    Col::ALL.iter().map(|c| (c.field(), c.label())).collect()
}

/// A cell or paragraph the recogniser did not place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// 1-based table number; `None` for a paragraph outside tables.
    pub table: Option<usize>,
    /// 1-based row in that table (0 for paragraphs).
    pub row: usize,
    /// 1-based column (spans counted; 0 for paragraphs).
    pub column: usize,
    /// The text.
    pub text: String,
}

impl fmt::Display for Leftover {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.table {
            Some(t) => write!(f, "表 {t} 第 {} 行第 {} 列：“{}”", self.row, self.column, self.text),
            None => write!(f, "表格外文字：“{}”", self.text),
        }
    }
}

/// The rule pack, year and department the document suggests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposal {
    /// Rule pack id (`hubei-2024`, `sichuan-2024`, `hunan-2024`, or `generic` when no region shows).
    pub rule_pack: String,
    /// 年度, when a title or date names it.
    pub year: Option<u32>,
    /// 部门（单位）名称, empty when not found.
    pub department: String,
    /// Why this rule pack, in Chinese ("预算执行率 20 分、按年度绩效目标分组 → 湖北 2024").
    pub why: String,
}

/// Why nothing could be recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecognizeError {
    /// The document holds neither tables nor text.
    Empty,
    /// No table has the header words of a 自评表 (or another known table).
    NoTable,
}

impl fmt::Display for RecognizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecognizeError::Empty => write!(f, "文件中没有表格，也没有文字。"),
            RecognizeError::NoTable => {
                write!(f, "没有找到可识别的自评表：表头中没有“一级指标”“三级指标”等字样")
            }
        }
    }
}

impl std::error::Error for RecognizeError {}

