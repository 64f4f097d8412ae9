//! Checks of the 决算 tables: each table's sums (项 → 款 → 类 → 合计, columns → 合计, 总计 =
//! 合计 + 结转), the identities between tables, 年初 + 收入 − 支出 = 年末 for each fund, and
//! the 自评表's 全年执行数 against the 决算's 支出.
//!
//! Guarantees: every finding names the figures compared and the gap; a gap of exactly 0.01 is
//! a warning named as a rounding difference (尾差), any other gap an error; a missing table is
//! not an error here (the recogniser lists what it found). Never panics.

use rust_decimal::Decimal;

use super::forms::{self, Rows, PERSONNEL_CLASSES};
use super::{FaRow, FaTable, FinalAccounts};
use crate::finding::Findings;
use crate::num::{fmt2, sum};

/// Path of a cell: `tables[i].rows[j].values[k]`.
pub fn cell_path(table: usize, row: usize, col: usize) -> String {
    format!("tables[{table}].rows[{row}].values[{col}]")
}

/// Compares a stated figure with the sum it should equal; one finding when they differ.
pub fn compare(out: &mut Findings, code: &str, path: &str, what: &str, stated: Decimal, computed: Decimal) {
    let gap = (stated - computed).abs();
    if gap.is_zero() {
        return;
    }
    if gap == Decimal::new(1, 2) {
        out.warning(code, path, format!("{what}：填列 {}，计算 {}，相差 0.01，是四舍五入的尾差，建议按计算数调整。", fmt2(stated), fmt2(computed)));
    } else {
        out.error(code, path, format!("{what}：填列 {}，计算 {}，相差 {}。", fmt2(stated), fmt2(computed), fmt2(gap)));
    }
}

/// All table checks of a document.
pub fn check_tables(fa: &FinalAccounts) -> Findings {
    let mut out = Findings::default();
    for (i, t) in fa.tables.iter().enumerate() {
        let Some(form) = forms::form(&t.form) else {
            // A table titled as a form but kept as it came (the import could not put all its
            // figures on the form's rows): said, since its figures are not checked.
            if forms::FORMS.iter().any(|f| f.title == t.title.trim()) {
                out.warning("fa.kept", format!("tables[{i}]"), format!("《{}》未能按表式读入（有带数字的行没有科目编码，或有表式中没有的项目），已按原样保留，其数字未参与核对；请补上科目编码或按部门决算软件的公开表重新导出。", t.title.trim()));
            }
            continue;
        };
        // A table of 科目 rows whose figure columns were not found under its header words came
        // in without figures: said, not passed as a table without errors.
        if matches!(form.rows, Rows::Functional | Rows::Economic) && t.columns.is_empty() && !t.rows.is_empty() {
            out.error("fa.columns", format!("tables[{i}]"), format!("《{}》的表头中没有找到数字列（{}等），{} 行的数字均未读入；请检查表头文字。", table_name(t), form.columns.iter().take(3).copied().collect::<Vec<_>>().join("、"), t.rows.len()));
        }
        match form.rows {
            Rows::Functional => functional(i, t, &mut out),
            Rows::Economic => economic(i, t, &mut out),
            Rows::Fixed(_) => {}
        }
        match t.form.as_str() {
            "t1" => summary(i, t, &mut out),
            // The first column is the 合计 of the others, when the table has it.
            "t2" | "t3" if t.columns.len() > 1 && t.columns[0].ends_with("合计") => columns_sum(i, t, 0, &(1..t.columns.len()).collect::<Vec<_>>(), &mut out),
            "t4" => fiscal(i, t, &mut out),
            "t5" => {
                if let (Some(total), Some(b), Some(p)) = (t.col("合计"), t.col("基本支出"), t.col("项目支出")) {
                    columns_sum(i, t, total, &[b, p], &mut out);
                }
            }
            "t7" | "t8" => fund(i, t, &mut out),
            "t9" => sangong(i, t, &mut out),
            _ => {}
        }
    }
    between(fa, &mut out);
    out
}

fn table_name(t: &FaTable) -> &str {
    if t.title.trim().is_empty() {
        forms::form(&t.form).map(|f| f.title).unwrap_or("表")
    } else {
        t.title.trim()
    }
}

fn row_label(r: &FaRow) -> String {
    if r.code.chars().all(|c| c.is_ascii_digit()) && !r.code.is_empty() {
        format!("{} {}", r.code, r.name.trim())
    } else {
        r.name.trim().to_string()
    }
}

/// 项 → 款 → 类 → 合计 in every column.
fn functional(ti: usize, t: &FaTable, out: &mut Findings) {
    let name = table_name(t);
    for (ri, r) in t.rows.iter().enumerate() {
        let level = r.level();
        let children: Vec<&FaRow> = match level {
            1 | 2 => {
                let len = if level == 1 { 5 } else { 7 };
                t.rows.iter().filter(|c| c.code.len() == len && c.level() > 0 && c.code.starts_with(&r.code)).collect()
            }
            0 if r.code.is_empty() || r.code == "total" => t.rows.iter().filter(|c| c.level() == 1).collect(),
            _ => continue,
        };
        if children.is_empty() {
            continue;
        }
        let parts = if level == 0 { "各类" } else if level == 1 { "所属各款" } else { "所属各项" };
        for (ci, col) in t.columns.iter().enumerate() {
            let computed = sum(children.iter().map(|c| c.get(ci))).unwrap_or_default();
            compare(out, "fa.sum.rows", &cell_path(ti, ri, ci), &format!("《{name}》“{}”的“{col}”应等于{parts}之和", row_label(r)), r.get(ci), computed);
        }
    }
}

/// Within each row: column `total` = the sum of columns `parts`.
fn columns_sum(ti: usize, t: &FaTable, total: usize, parts: &[usize], out: &mut Findings) {
    let name = table_name(t);
    let Some(total_name) = t.columns.get(total) else { return };
    let names: Vec<&str> = parts.iter().filter_map(|p| t.columns.get(*p).map(String::as_str)).collect();
    for (ri, r) in t.rows.iter().enumerate() {
        let computed = sum(parts.iter().map(|p| r.get(*p))).unwrap_or_default();
        let what = format!("《{name}》“{}”的“{total_name}”应等于{}", row_label(r), names.join(" + "));
        compare(out, "fa.sum.columns", &cell_path(ti, ri, total), &what, r.get(total), computed);
    }
}

fn at(t: &FaTable, code: &str) -> Option<usize> {
    t.rows.iter().position(|r| r.code == code)
}

/// A fixed row `code` = the sum of rows `parts` in column `col`.
fn rows_sum(ti: usize, t: &FaTable, code: &str, parts: &[&str], col: usize, what: &str, out: &mut Findings) {
    let Some(ri) = at(t, code) else { return };
    let computed = sum(parts.iter().filter_map(|p| t.value(p, col))).unwrap_or_default();
    compare(out, "fa.sum.rows", &cell_path(ti, ri, col), &format!("《{}》{what}", table_name(t)), t.rows[ri].get(col), computed);
}

fn class_rows(t: &FaTable) -> Vec<&FaRow> {
    t.rows.iter().filter(|r| r.level() == 1).collect()
}

/// 收入支出决算总表.
fn summary(ti: usize, t: &FaTable, out: &mut Findings) {
    let incomes = ["in.gpb", "in.fund", "in.soe", "in.upper", "in.business", "in.operating", "in.affiliated", "in.other"];
    rows_sum(ti, t, "in.total", &incomes, 0, "本年收入合计应等于一至八项收入之和", out);
    rows_sum(ti, t, "in.grand", &["in.total", "in.surplus", "in.carry"], 0, "收入总计应等于本年收入合计 + 使用非财政拨款结余 + 年初结转和结余", out);
    let classes: Vec<String> = class_rows(t).iter().map(|r| r.code.clone()).collect();
    let refs: Vec<&str> = classes.iter().map(String::as_str).collect();
    if !refs.is_empty() {
        rows_sum(ti, t, "out.total", &refs, 0, "本年支出合计应等于各类支出之和", out);
    }
    rows_sum(ti, t, "out.grand", &["out.total", "out.distribution", "out.carry"], 0, "支出总计应等于本年支出合计 + 结余分配 + 年末结转和结余", out);
    if let (Some(ri), Some(a)) = (at(t, "out.grand"), t.value("in.grand", 0)) {
        compare(out, "fa.sum.balance", &cell_path(ti, ri, 0), "《收入支出决算总表》支出总计应等于收入总计", t.rows[ri].get(0), a);
    }
}

/// 财政拨款收入支出决算总表, with 年初 + 收入 − 支出 = 年末 per kind.
fn fiscal(ti: usize, t: &FaTable, out: &mut Findings) {
    rows_sum(ti, t, "in.total", &["in.gpb", "in.fund", "in.soe"], 0, "本年收入合计应等于三类财政拨款收入之和", out);
    rows_sum(ti, t, "in.grand", &["in.total", "in.carry.gpb", "in.carry.fund", "in.carry.soe"], 0, "收入总计应等于本年收入合计 + 年初财政拨款结转和结余", out);
    let classes: Vec<String> = class_rows(t).iter().map(|r| r.code.clone()).collect();
    let refs: Vec<&str> = classes.iter().map(String::as_str).collect();
    for col in 0..t.columns.len().min(4) {
        if !refs.is_empty() {
            rows_sum(ti, t, "out.total", &refs, col, &format!("本年支出合计的“{}”应等于各类支出之和", t.columns[col]), out);
        }
        rows_sum(ti, t, "out.grand", &["out.total", "out.carry"], col, &format!("支出总计的“{}”应等于本年支出合计 + 年末结转和结余", t.columns[col]), out);
    }
    // Each row with kinds: 合计 = the three kinds.
    for (ri, r) in t.rows.iter().enumerate() {
        if r.code.starts_with("in.") || r.values.len() < 4 {
            continue;
        }
        let computed = sum((1..4).map(|c| r.get(c))).unwrap_or_default();
        compare(out, "fa.sum.columns", &cell_path(ti, ri, 0), &format!("《{}》“{}”的合计应等于三类财政拨款之和", table_name(t), row_label(r)), r.get(0), computed);
    }
    if let (Some(ri), Some(a)) = (at(t, "out.grand"), t.value("in.grand", 0)) {
        compare(out, "fa.sum.balance", &cell_path(ti, ri, 0), "《财政拨款收入支出决算总表》支出总计应等于收入总计", t.rows[ri].get(0), a);
    }
    for (k, (kind, label)) in [("gpb", "一般公共预算财政拨款"), ("fund", "政府性基金预算财政拨款"), ("soe", "国有资本经营预算财政拨款")].iter().enumerate() {
        let (Some(ri), Some(carry_in), Some(income), Some(spent)) =
            (at(t, "out.carry"), t.value(&format!("in.carry.{kind}"), 0), t.value(&format!("in.{kind}"), 0), t.value("out.total", k + 1))
        else {
            continue;
        };
        let computed = carry_in + income - spent;
        let what = format!("{label}：年初结转和结余 {} + 本年收入 {} − 本年支出 {} 应等于年末结转和结余", fmt2(carry_in), fmt2(income), fmt2(spent));
        compare(out, "fa.fund.balance", &cell_path(ti, ri, k + 1), &what, t.rows[ri].get(k + 1), computed);
    }
}

/// 政府性基金 / 国有资本经营: 小计 = 基本 + 项目; 年初 + 收入 − 支出 = 年末 in each row.
fn fund(ti: usize, t: &FaTable, out: &mut Findings) {
    let (Some(c0), Some(inc), Some(sub), Some(b), Some(p), Some(end)) =
        (t.col("年初"), t.col("本年收入"), t.col("本年支出"), t.col("基本支出"), t.col("项目支出"), t.col("年末"))
    else {
        return;
    };
    columns_sum(ti, t, sub, &[b, p], out);
    for (ri, r) in t.rows.iter().enumerate() {
        let computed = r.get(c0) + r.get(inc) - r.get(sub);
        let what = format!("《{}》“{}”：年初结转和结余 {} + 本年收入 {} − 本年支出 {} 应等于年末结转和结余", table_name(t), row_label(r), fmt2(r.get(c0)), fmt2(r.get(inc)), fmt2(r.get(sub)));
        compare(out, "fa.fund.balance", &cell_path(ti, ri, end), &what, r.get(end), computed);
    }
}

/// 三公: 合计 = 出国 + 车 + 接待; 车 = 购置 + 运行.
fn sangong(ti: usize, t: &FaTable, out: &mut Findings) {
    for (ri, r) in t.rows.iter().enumerate() {
        let label = r.name.trim();
        compare(out, "fa.sangong", &cell_path(ti, ri, 0), &format!("“三公”经费{label}：合计应等于因公出国（境）费 + 公务用车购置及运行费 + 公务接待费"), r.get(0), r.get(1) + r.get(2) + r.get(5));
        compare(out, "fa.sangong", &cell_path(ti, ri, 2), &format!("“三公”经费{label}：公务用车购置及运行费应等于购置费 + 运行费"), r.get(2), r.get(3) + r.get(4));
    }
}

/// 基本支出表: 类 = its 款; 人员经费合计 / 公用经费合计 from the classes.
fn economic(ti: usize, t: &FaTable, out: &mut Findings) {
    let name = table_name(t);
    let classes: Vec<&FaRow> = t.rows.iter().filter(|r| r.code.len() == 3 && r.code.chars().all(|c| c.is_ascii_digit())).collect();
    for (ri, r) in t.rows.iter().enumerate() {
        if r.code.len() != 3 || !r.code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let kids: Vec<&FaRow> = t.rows.iter().filter(|c| c.code.len() == 5 && c.code.starts_with(&r.code)).collect();
        if !kids.is_empty() {
            let computed = sum(kids.iter().map(|c| c.get(0))).unwrap_or_default();
            compare(out, "fa.sum.rows", &cell_path(ti, ri, 0), &format!("《{name}》“{}”应等于所属各款之和", row_label(r)), r.get(0), computed);
        }
    }
    for (key, personnel, label) in [("personnel", true, "人员经费合计"), ("public", false, "公用经费合计")] {
        let Some(ri) = at(t, key) else { continue };
        let computed = sum(classes.iter().filter(|c| PERSONNEL_CLASSES.contains(&c.code.as_str()) == personnel).map(|c| c.get(0))).unwrap_or_default();
        let kinds = if personnel { "工资福利支出与对个人和家庭的补助" } else { "商品和服务支出等其余各类" };
        compare(out, "fa.sum.rows", &cell_path(ti, ri, 0), &format!("《{name}》{label}应等于{kinds}之和"), t.rows[ri].get(0), computed);
    }
}

/// The identities between tables.
fn between(fa: &FinalAccounts, out: &mut Findings) {
    let idx = |id: &str| fa.table_index(id);
    let total_of = |id: &str, col: usize| fa.table(id).and_then(|t| t.total_row()).map(|r| r.get(col));
    if let Some(t1) = idx("t1") {
        link(fa, out, "fa.link", (t1, "in.total", 0), total_of("t2", 0), "总表本年收入合计应等于《收入决算表》合计".into());
        link(fa, out, "fa.link", (t1, "out.total", 0), total_of("t3", 0), "总表本年支出合计应等于《支出决算表》合计".into());
        let t2 = fa.table("t2");
        let fiscal = fa.table("t1").map(|t| ["in.gpb", "in.fund", "in.soe"].iter().filter_map(|k| t.value(k, 0)).sum::<Decimal>());
        if let (Some(t2), Some(fiscal)) = (t2.and_then(|t| t.total_row().map(|r| r.get(1))), fiscal) {
            if let Some(ti) = idx("t2") {
                let ri = fa.tables[ti].rows.iter().position(|r| r.code.is_empty() || r.code == "total").unwrap_or(0);
                compare(out, "fa.link", &cell_path(ti, ri, 1), "《收入决算表》财政拨款收入应等于总表三类财政拨款收入之和", t2, fiscal);
            }
        }
        for (key, col, label) in [("in.upper", 2, "上级补助收入"), ("in.business", 3, "事业收入"), ("in.operating", 4, "经营收入"), ("in.affiliated", 5, "附属单位上缴收入"), ("in.other", 6, "其他收入")] {
            link(fa, out, "fa.link", (t1, key, 0), total_of("t2", col), format!("总表{label}应等于《收入决算表》{label}合计"));
        }
        if let (Some(t1t), Some(t3t)) = (fa.table("t1"), fa.table("t3")) {
            for (ri, r) in t1t.rows.iter().enumerate().filter(|(_, r)| r.level() == 1) {
                if let Some(other) = t3t.row(&r.code) {
                    compare(out, "fa.link", &cell_path(t1, ri, 0), &format!("总表“{}”应等于《支出决算表》同类合计", row_label(r)), r.get(0), other.get(0));
                }
            }
        }
        if let Some(t4) = idx("t4") {
            for (key, label) in [("in.gpb", "一般公共预算财政拨款收入"), ("in.fund", "政府性基金预算财政拨款收入"), ("in.soe", "国有资本经营预算财政拨款收入")] {
                let v = fa.tables[t4].value(key, 0);
                link(fa, out, "fa.link", (t1, key, 0), v, format!("总表{label}应等于《财政拨款收入支出决算总表》同项"));
            }
        }
    }
    if let (Some(t4), Some(t5)) = (idx("t4"), fa.table("t5")) {
        let col = t5.col("合计").unwrap_or(0);
        link(fa, out, "fa.link", (t4, "out.total", 1), t5.total_row().map(|r| r.get(col)), "财政拨款总表一般公共预算本年支出应等于《一般公共预算财政拨款支出决算表》合计".into());
        for (ri, r) in fa.tables[t4].rows.iter().enumerate().filter(|(_, r)| r.level() == 1) {
            let other = t5.row(&r.code).map(|o| o.get(col)).unwrap_or_default();
            compare(out, "fa.link", &cell_path(t4, ri, 1), &format!("财政拨款总表“{}”的一般公共预算支出应等于《一般公共预算财政拨款支出决算表》同类合计", row_label(r)), r.get(1), other);
        }
    }
    if let Some(t4) = idx("t4") {
        for (id, kind_col, key, label) in [("t7", 2, "in.fund", "政府性基金"), ("t8", 3, "in.soe", "国有资本经营")] {
            let Some(t) = fa.table(id) else { continue };
            let spent = t.col("本年支出").and_then(|c| t.total_row().map(|r| r.get(c)));
            link(fa, out, "fa.link", (t4, "out.total", kind_col), spent, format!("财政拨款总表{label}预算本年支出应等于《{}》合计", table_name(t)));
            let income = t.col("本年收入").and_then(|c| t.total_row().map(|r| r.get(c)));
            link(fa, out, "fa.link", (t4, key, 0), income, format!("财政拨款总表{label}预算财政拨款收入应等于《{}》本年收入合计", table_name(t)));
        }
    }
    if let (Some(t5), Some(t6)) = (idx("t5"), fa.table("t6")) {
        let col = fa.tables[t5].col("基本支出").unwrap_or(2);
        let both = t6.value("personnel", 0).zip(t6.value("public", 0)).map(|(a, b)| a + b);
        link(fa, out, "fa.link", (t5, "", col), both, "《一般公共预算财政拨款支出决算表》基本支出应等于《基本支出决算表》人员经费 + 公用经费".into());
    }
}

fn link(fa: &FinalAccounts, out: &mut Findings, code: &str, a: (usize, &str, usize), b_value: Option<Decimal>, what: String) {
    let (ti, row, col) = a;
    let Some(t) = fa.tables.get(ti) else { return };
    let found = if row.is_empty() { t.rows.iter().position(|r| r.code.is_empty() || r.code == "total") } else { at(t, row) };
    let Some(ri) = found else { return };
    if let Some(b) = b_value {
        compare(out, code, &cell_path(ti, ri, col), &what, t.rows[ri].get(col), b);
    }
}

/// The 自评表's 全年执行数 against the 决算's 本年支出合计 (or 财政拨款支出) when both exist.
pub fn check_against_report(fa: &FinalAccounts, report: &crate::Report, out: &mut Findings) {
    let Some(executed) = report.overall.as_ref().and_then(|t| t.budget.executed) else { return };
    let f = super::facts::facts(fa);
    // 部门整体 执行数 is the 本年支出合计, or (where only 财政 money is evaluated) the
    // 一般公共预算财政拨款支出.
    let candidates = [f.expense, f.gpb];
    if candidates.iter().flatten().any(|v| *v == executed) {
        return;
    }
    let Some(expense) = f.expense else { return };
    compare(out, "fa.self_eval", "overall.budget.executed", &format!("自评表全年执行数应与部门决算本年支出合计一致（财政拨款支出 {}）", f.gpb.map(fmt2).unwrap_or_else(|| "—".into())), executed, expense);
}

/// One row of `jixiao-check` for a 决算: a table or the 说明, with its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    /// 表名 or "情况说明".
    pub label: String,
    /// `tables[i]` or `statement`.
    pub path: String,
    /// Its findings.
    pub findings: Vec<crate::finding::Finding>,
}

/// Every check of a document, one row per table plus the 说明.
pub fn check_rows(fa: &FinalAccounts) -> Vec<CheckRow> {
    let tables = check_tables(fa).0;
    let mut rows: Vec<CheckRow> = fa
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (path, prefix) = (format!("tables[{i}]"), format!("tables[{i}]."));
            // A finding on the whole table (fa.columns, fa.kept) has the table's own path.
            let findings = tables.iter().filter(|f| f.path == path || f.path.starts_with(&prefix)).cloned().collect();
            CheckRow { label: table_name(t).to_string(), path, findings }
        })
        .collect();
    rows.push(CheckRow { label: "情况说明".into(), path: "statement".into(), findings: super::statement::check_statement(fa).0 });
    rows
}

/// The rows of [`check_rows`] for 审核's batch (issue 24): one line per table plus the 说明,
/// `部门\t表\t错误数\t警告数\t首个问题`, the 部门 being the 单位 where the document names one.
/// Lines, not JSON, so the start-up module reads them without another deserialiser
/// (`review::final_accounts_row`).
pub fn review_lines(fa: &FinalAccounts) -> String {
    use crate::finding::Severity;
    let who = if fa.unit.trim().is_empty() { fa.department.trim() } else { fa.unit.trim() };
    let flat = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    let mut out = String::new();
    for row in check_rows(fa) {
        let count = |s: Severity| row.findings.iter().filter(|f| f.severity == s).count();
        let first = row.findings.iter().find(|f| f.severity == Severity::Error).or_else(|| row.findings.iter().find(|f| f.severity == Severity::Warning));
        let first = first.map(|f| f.message.as_str()).unwrap_or("");
        out.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", flat(who), flat(&row.label), count(Severity::Error), count(Severity::Warning), flat(first)));
    }
    out
}
