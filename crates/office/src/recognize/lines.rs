//! Lines of the form "填表人：周彬  填报日期：2025.6.11  联系电话:8726829", in paragraphs and in
//! table cells, and the paragraphs around the tables: 封面 fields, the 评价人员 sign-off lines,
//! titles. Also the shared state of one recognition run.
//!
//! Guarantees: a line is read as fields only when it begins with a known label (a sentence that
//! merely mentions 联系电话 is left alone); a value runs to the next label on the line; labels
//! are matched with spaces and full-width forms ignored ("预算 编 码：").

use rust_decimal::Decimal;

use super::sheet::{key, one_line};
use super::{put, Found};
use jixiao_model::report::Report;

/// State shared by the readers of one document.
#[derive(Debug, Default)]
pub struct Context {
    /// The report being filled.
    pub report: Report,
    /// Tables recognised so far.
    pub found: Vec<Found>,
    /// Remarks for the user.
    pub notes: Vec<String>,
    /// Path of the last scored table ("overall", "projects[1]").
    pub last_table: Option<String>,
    /// Tables read so far, and whether the last one was a scored table.
    pub tables_seen: usize,
    /// The last table read was a scored 自评表.
    pub last_was_scored: bool,
    /// Fields of a 填表人 line seen before any table, for the next table.
    pub pending: Vec<(Field, String)>,
    /// A money unit stated above a table ("金额单位：万元"), for the next table.
    pub pending_unit: Option<&'static str>,
    /// Paragraph number of the next paragraph.
    pub paragraph_no: usize,
    /// Paragraphs placed after they were first seen (a title used by the cover).
    pub placed_paragraphs: Vec<(usize, bool)>,
    /// The last paragraph that looks like a report title: (paragraph number, text).
    pub title: Option<(usize, String)>,
    /// Where the sign-off lines are (after 评价人员).
    pub sign_off_step: Option<Step>,
    /// Layout signals for the rule pack proposal.
    pub signals: Signals,
    /// A 项目名称 line above a table, for the next scored table.
    pub pending_project: Option<String>,
    /// The 附件 label ("附件2") and the form's title printed above the next table.
    pub pending_heading: (Option<String>, Option<String>),
    /// Columns assigned by hand: (table number, 0-based column, field or none).
    pub overrides: Vec<(usize, usize, Option<super::heads::Col>)>,
    /// "table path\0一级指标" whose weight is recorded, so thousands of headings are not each
    /// compared with all before them (a `String` map, a type the reader worker already has).
    pub level1_declared: std::collections::HashMap<String, usize>,
}

/// Layout features that point to a region's template.
#[derive(Debug, Default, Clone)]
pub struct Signals {
    /// Indicator rows grouped under 年度绩效目标 N（w分）.
    pub goals: bool,
    /// Budget points printed in the budget block header ("（20 分）") or 分值 column.
    pub budget_points: Option<Decimal>,
    /// 指标性质 / 度量单位 columns.
    pub nature_columns: bool,
    /// Department names read from tables, in order of preference.
    pub departments: Vec<String>,
}

/// Which part of the sign-off block the following lines belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// After the 评价人员 table.
    Reviewers,
    /// After 评价组组长（签字）.
    Leader,
    /// After 部门（单位）意见.
    Department,
    /// After 财政部门归口业务股室意见.
    Finance,
}

/// A labelled field on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 填表人 / 填报人.
    FilledBy,
    /// 填报日期.
    FillDate,
    /// 联系电话.
    Phone,
    /// 单位负责人 / 项目负责人.
    Head,
    /// 财务负责人 (no place in the report).
    Finance,
    /// 部门（单位）名称 / 单位名称.
    Department,
    /// 预算编码.
    BudgetCode,
    /// 评价方式.
    Method,
    /// 评价机构.
    Agency,
    /// 报告日期.
    ReportDate,
}

/// Labels in matching order (longer first where one contains another).
const LABELS: &[(&str, Field)] = &[
    ("单位负责人签字", Field::Head),
    ("单位负责人", Field::Head),
    ("项目负责人", Field::Head),
    ("财务负责人", Field::Finance),
    ("填表人", Field::FilledBy),
    ("填报人", Field::FilledBy),
    ("填报日期", Field::FillDate),
    ("填表日期", Field::FillDate),
    ("联系电话", Field::Phone),
    ("部门(单位)名称", Field::Department),
    ("部门名称", Field::Department),
    ("单位名称", Field::Department),
    ("预算编码", Field::BudgetCode),
    ("评价方式", Field::Method),
    ("评价机构", Field::Agency),
    ("报告日期", Field::ReportDate),
];

/// The labelled fields of a line that begins with a label; empty otherwise.
pub fn fields(text: &str) -> Vec<(Field, String)> {
    // Squeeze the text (keys) and remember where each squeezed char is in the original.
    let mut squeezed: Vec<char> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        let k = key(&c.to_string());
        for kc in k.chars() {
            squeezed.push(kc);
            at.push(i);
        }
    }
    let s: String = squeezed.iter().collect();
    let mut hits: Vec<(usize, usize, Field)> = Vec::new(); // (start char, end char, field)
    let mut i = 0;
    // Whether `word` is at char `from` of the squeezed text: compares only as many chars as
    // `word` has, so a 300,000-character line is scanned once, not rebuilt at each char.
    let starts = |from: usize, word: &str| {
        let mut at = squeezed.get(from..).unwrap_or(&[]).iter();
        word.chars().all(|w| at.next() == Some(&w))
    };
    while i < squeezed.len() {
        if let Some((label, field)) = LABELS.iter().find(|(l, _)| starts(i, l)) {
            let mut end = i + label.chars().count();
            // "(签名)", "(签字)", "(签章)" after a label.
            for extra in ["(签名)", "(签字)", "(签章)", "签字", "签名"] {
                if starts(end, extra) {
                    end += extra.chars().count();
                    break;
                }
            }
            if squeezed.get(end) == Some(&':') {
                end += 1;
            }
            hits.push((i, end, *field));
            i = end;
            continue;
        }
        i += 1;
    }
    if hits.first().map(|h| h.0) != Some(0) || s.is_empty() {
        return Vec::new();
    }
    let byte = |char_index: usize| at.get(char_index).copied().unwrap_or(text.len());
    hits.iter()
        .enumerate()
        .map(|(n, (_, end, field))| {
            let from = byte(*end);
            let to = hits.get(n + 1).map(|h| byte(h.0)).unwrap_or(text.len());
            let value = text.get(from..to).unwrap_or("");
            let value = value.trim_start_matches([':', '：']);
            (*field, one_line(value))
        })
        .collect()
}

/// Puts a field read from a line: table fields into the scored table at `table`, the rest into
/// the cover or the report. Returns whether it found a place.
pub fn apply(cx: &mut Context, table: Option<&str>, field: Field, value: &str) -> bool {
    let sign_off = cx.sign_off_step.is_some();
    let cover = |f: &str| format!("cover.{f}");
    let path = match field {
        Field::FilledBy if sign_off => "sign_off.filled_by".to_string(),
        Field::Phone if sign_off => "sign_off.phone".to_string(),
        Field::FilledBy | Field::FillDate | Field::Phone | Field::Head => match table {
            Some(t) => format!("{t}.{}", table_field(field)),
            // Below a table that has no such field (基础数据表): not placed.
            None if cx.tables_seen > 0 && !cx.last_was_scored => return value.is_empty(),
            None => {
                cx.pending.push((field, value.to_string()));
                return true;
            }
        },
        Field::Finance => return value.is_empty(),
        Field::Department => {
            if !value.is_empty() {
                cx.signals.departments.insert(0, value.to_string());
            }
            return true;
        }
        Field::BudgetCode => cover("budget_code"),
        Field::Method => cover("method"),
        Field::Agency => cover("agency"),
        Field::ReportDate => cover("report_date"),
    };
    if path.starts_with("cover.") {
        take_title(cx);
    }
    value.is_empty() || put(cx, &path, value)
}

fn table_field(field: Field) -> &'static str {
    match field {
        Field::FilledBy => "filled_by",
        Field::FillDate => "fill_date",
        Field::Phone => "phone",
        _ => "head",
    }
}

/// A cover field was found: the report title above it becomes the cover title.
fn take_title(cx: &mut Context) {
    if cx.report.cover.as_ref().is_some_and(|c| !c.title.is_empty()) {
        return;
    }
    if let Some((no, title)) = cx.title.take() {
        let title = one_line(&title);
        if put(cx, "cover.title", &title) {
            cx.placed_paragraphs.push((no, true));
        }
    }
}

/// The fields of a line, applied to the last scored table (or kept for the next one when that
/// field of the last table is already filled). Returns whether the line was read.
pub fn apply_line(cx: &mut Context, text: &str) -> bool {
    let found = fields(text);
    if found.is_empty() {
        return false;
    }
    let mut all = true;
    for (field, value) in found {
        let table = cx.last_table.clone().filter(|_| cx.last_was_scored).filter(|t| {
            let f = table_field(field);
            jixiao_model::edit::get(&cx.report, &format!("{t}.{f}")).is_empty()
        });
        all &= apply(cx, table.as_deref(), field, &value);
    }
    all
}

/// Reads a paragraph outside the tables. Returns whether it was placed. A paragraph of prose
/// (not placed) ends the heading lines kept for the next table: a 附件 label above a report's
/// cover labels the report, not the first table after it.
pub fn paragraph(cx: &mut Context, text: &str) -> bool {
    let placed = read_paragraph(cx, text);
    if !placed {
        cx.pending_heading = (None, None);
    }
    placed
}

/// "附件2", "附件 3-1：" (as a key) → the label as printed without its colon, or `None`.
pub fn attachment_label(k: &str) -> Option<String> {
    let rest = k.strip_prefix("附件")?;
    let is_label = rest.chars().next().is_some_and(|c| c.is_ascii_digit()) && rest.chars().count() <= 6;
    is_label.then(|| k.trim_end_matches(':').to_string())
}

/// A form's title line: "2024年度部门整体支出绩效自评表", "部门预算项目支出绩效自评表（2024年度）",
/// "2024年度部门整体支出绩效评价基础数据表" (as a key).
pub fn is_form_title(k: &str) -> bool {
    (k.ends_with("自评表") || k.ends_with("基础数据表") || k.ends_with("年度)")) && (k.contains("自评表") || k.contains("基础数据表")) && k.chars().count() <= 60
}

/// The label and title kept from the lines above a table, written into the table at `path`
/// (`form_label`, `form_title`).
pub fn take_heading(cx: &mut Context, path: &str) {
    let (label, title) = std::mem::take(&mut cx.pending_heading);
    if let Some(label) = label {
        put(cx, &format!("{path}.form_label"), &label);
    }
    if let Some(title) = title {
        put(cx, &format!("{path}.form_title"), &title);
    }
}

fn read_paragraph(cx: &mut Context, text: &str) -> bool {
    let no = cx.paragraph_no;
    cx.paragraph_no += 1;
    let k = key(text);
    if k.is_empty() || k.starts_with("续表") || k.starts_with("(续") {
        return true;
    }
    if let Some(unit) = super::budget::unit_line(&k) {
        cx.pending_unit = Some(unit);
        return true;
    }
    if k.ends_with("(制)") {
        take_title(cx);
        return put(cx, "cover.issuer", &one_line(text));
    }
    if let Some(done) = sign_off_line(cx, &k, text) {
        return done;
    }
    if apply_line(cx, text) {
        return true;
    }
    match name_line(&k, text) {
        Some(NameLine::Department(v)) => {
            cx.signals.departments.insert(0, v);
            return true;
        }
        Some(NameLine::Project(v)) => {
            cx.pending_project = Some(v);
            return true;
        }
        None => {}
    }
    if k.contains("自评报告") {
        cx.title = Some((no, text.to_string()));
        return false;
    }
    // Titles: "附件2", "2024年度部门整体支出绩效自评表", "（2024年度）"; the label and the title
    // are kept for the next table (what the document printed above it).
    let attachment = attachment_label(&k);
    let year_only = k.starts_with('(') && k.ends_with("年度)") && k.chars().count() <= 9;
    if let Some(label) = &attachment {
        cx.pending_heading = (Some(label.clone()), None);
    } else if is_form_title(&k) {
        cx.pending_heading.1 = Some(one_line(text));
        return true;
    }
    attachment.is_some() || year_only || k.contains("自评表")
}

/// A line naming the department or the project above a table (or in a title row of a sheet).
pub enum NameLine {
    /// "部门：岳阳市某区农业农村局" (names the department before any 主管部门).
    Department(String),
    /// "项目名称：城乡环境综合治理".
    Project(String),
}

/// Reads a "部门：…" or "项目名称：…" line (`k` is its key).
pub fn name_line(k: &str, text: &str) -> Option<NameLine> {
    let value = || one_line(text.split_once([':', '：']).map(|(_, v)| v).unwrap_or_default());
    let short = |v: &str| !v.is_empty() && v.chars().count() <= 60;
    if ["部门:", "单位:", "部门(单位):", "预算部门:", "填报单位:"].iter().any(|p| k.starts_with(p)) {
        let v = value();
        return short(&v).then_some(NameLine::Department(v));
    }
    if k.starts_with("项目名称:") {
        let v = value();
        return short(&v).then_some(NameLine::Project(v));
    }
    None
}

/// The 评价人员 block's lines: 评价组组长（签字） + date, 部门（单位）意见, 财政部门归口业务股室意见.
fn sign_off_line(cx: &mut Context, k: &str, text: &str) -> Option<bool> {
    if k.ends_with("评价人员") && k.chars().count() <= 8 {
        cx.sign_off_step = Some(Step::Reviewers);
        return Some(true);
    }
    let step = cx.sign_off_step?;
    let after_colon = |t: &str| t.split_once([':', '：']).map(|(_, v)| one_line(v)).unwrap_or_default();
    if k.starts_with("评价组组长") {
        cx.sign_off_step = Some(Step::Leader);
        return Some(true);
    }
    if k.starts_with("部门(单位)意见") || k.starts_with("部门意见") || k.starts_with("单位意见") {
        cx.sign_off_step = Some(Step::Department);
        let v = after_colon(text);
        return Some(v.is_empty() || put(cx, "sign_off.department_opinion", &v));
    }
    if k.starts_with("财政部门") && k.contains("意见") {
        cx.sign_off_step = Some(Step::Finance);
        let v = after_colon(text);
        return Some(v.is_empty() || put(cx, "sign_off.finance_opinion", &v));
    }
    if k.contains("负责人") && (k.contains("签章") || k.contains("签字")) && after_colon(text).is_empty() {
        return Some(true);
    }
    if is_date(k) {
        let field = match step {
            Step::Leader => "sign_off.leader_date",
            Step::Department => "sign_off.department_date",
            Step::Finance => "sign_off.finance_date",
            Step::Reviewers => return None,
        };
        let blank = !k.chars().any(|c| c.is_ascii_digit());
        return Some(blank || put(cx, field, &one_line(text)));
    }
    None
}

/// "2025年6月20日", "年 月 日" (a blank date).
fn is_date(k: &str) -> bool {
    k.contains('年') && k.contains('月') && k.chars().all(|c| c.is_ascii_digit() || "年月日".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_lines_split_at_each_label() {
        let got = fields("填表人：   周彬                    填报日期：2025.6.11                      联系电话:8726829");
        assert_eq!(got, vec![(Field::FilledBy, "周彬".into()), (Field::FillDate, "2025.6.11".into()), (Field::Phone, "8726829".into())]);
        let got = fields("填表人：刘  倩      填报日期：2025年6月11日     联系电话：0730-8726825   单位负责人签字：");
        assert_eq!(got[0], (Field::FilledBy, "刘倩".into()));
        assert_eq!(got[3], (Field::Head, String::new()));
        assert_eq!(fields("预算 编 码： 116001"), vec![(Field::BudgetCode, "116001".into())]);
        assert_eq!(fields("填报人(签名): 杨奕"), vec![(Field::FilledBy, "杨奕".into())]);
        assert!(fields("请于月底前报送，联系电话：123").is_empty(), "a sentence is not a labelled line");
    }
}
