//! The 决算 editor's operations (`final_accounts::session`) as the reader worker runs them for
//! the page: a saved JSON in, the new saved JSON and the editor's HTML out. What the page shows
//! is asserted on that HTML: the cell's value, the findings and their links, the drafted 说明,
//! the charts' text alternatives.
#![allow(clippy::unwrap_used)]

mod fa_common;

use fa_common::{d, seed004};
use jixiao::model::final_accounts::session::{parse_figure, run, run_wire, Answer, Op};
use jixiao_office::final_accounts::write;
use jixiao::model::final_accounts::{json, FinalAccounts};

fn saved(fa: &FinalAccounts) -> String {
    json::save(fa)
}

fn ok(op: Op, text: &str) -> Answer {
    run(&op, text).unwrap_or_else(|e| panic!("{e}"))
}

fn set(table: usize, row: usize, col: usize, text: &str) -> Op {
    Op::Set { table, row, col, text: text.into() }
}

fn loaded(a: &Answer) -> FinalAccounts {
    json::load(&a.json).unwrap()
}

/// The index of the table of form `id` and of its row `code`.
fn at(fa: &FinalAccounts, form: &str, code: &str) -> (usize, usize) {
    let t = fa.table_index(form).unwrap();
    (t, fa.tables[t].rows.iter().position(|r| r.code == code).unwrap())
}

/// seed 004's tables without its written 说明 (its findings are the statement checker's tests).
fn tables_only() -> FinalAccounts {
    let mut fa = seed004();
    fa.statement.clear();
    fa
}

#[test]
fn a_changed_figure_moves_the_checks_the_draft_and_the_charts() {
    let fa = tables_only();
    let opened = ok(Op::Open, &saved(&fa));
    assert!(opened.html.contains("各表数字及表间关系均已核对，未发现问题。"), "seed 004's tables are consistent");
    assert!(!opened.changed && opened.message.is_none());
    assert!(opened.html.contains("基本支出844.68万元"), "the drafted 说明 speaks of the table's figure");
    // 支出决算表, 合计 row, 基本支出: 844.68 → 850.
    let (t, r) = at(&fa, "t3", "");
    let edited = ok(set(t, r, 1, "850"), &opened.json);
    assert!(edited.changed);
    assert_eq!(loaded(&edited).tables[t].rows[r].values[1], Some(d("850")));
    let html = &edited.html;
    assert!(html.contains(&format!("id=\"fa-c-{t}-{r}-1\" data-t=\"{t}\" data-r=\"{r}\" data-c=\"1\"")), "the cell's input carries its address");
    assert!(html.contains("value=\"850.00\""), "the cell shows the new figure");
    assert!(html.contains("基本支出850.00万元"), "the drafted 说明 follows");
    assert!(html.contains("图3：支出决算结构：基本支出 850.00万元"), "chart 3's text alternative follows");
    assert!(!html.contains("未发现问题"));
    // The 合计 row's 本年支出合计 no longer equals 基本 + 项目: the finding links to that cell,
    // and the cell is marked.
    assert!(html.contains(&format!("data-goto=\"cell\" data-t=\"{t}\" data-r=\"{r}\" data-c=\"0\"")), "{html}");
    assert!(html.contains("本年支出合计”应等于基本支出 + 项目支出"), "{html}");
    assert!(html.contains(&format!("class=\"fa-cell flagged\" inputmode=\"decimal\" id=\"fa-c-{t}-{r}-0\"")));
    // Typed back: the finding is gone.
    let back = ok(set(t, r, 1, "844.68"), &edited.json);
    assert!(back.html.contains("未发现问题"));
    assert_eq!(back.json, opened.json, "export → edit → edit back is byte-identical");
}

#[test]
fn lenient_figures_are_read_and_a_refused_one_keeps_the_document() {
    assert_eq!(parse_figure("１２３．４５").unwrap(), Some(d("123.45")));
    assert_eq!(parse_figure("1,234.5").unwrap(), Some(d("1234.5")));
    assert_eq!(parse_figure(" 12.5万元 ").unwrap(), Some(d("12.5")));
    assert_eq!(parse_figure("125000元").unwrap(), Some(d("12.5")));
    assert_eq!(parse_figure("1234元").unwrap(), Some(d("0.1234")), "元 are divided exactly, never rounded here");
    for empty in ["", "—", "/", "－", "  "] {
        assert_eq!(parse_figure(empty).unwrap(), None, "{empty:?}");
    }
    assert!(parse_figure("12%").unwrap_err().contains("百分比"));
    assert!(parse_figure("十二").unwrap_err().contains("不是有效的数字"));

    let fa = tables_only();
    let text = saved(&fa);
    let (t, r) = at(&fa, "t9", "actual");
    let refused = ok(set(t, r, 5, "0.6四"), &text);
    assert!(!refused.changed);
    assert_eq!(refused.json, text, "the document is unchanged");
    let message = refused.message.unwrap();
    assert!(message.contains("“决算数”的“公务接待费”") && message.contains("“0.6四”不是有效的数字") && message.contains("本格仍为 0.59"), "{message}");
    assert!(refused.html.contains("data-testid=\"fa-message\""), "the message is shown");
    // A dash empties a cell.
    let emptied = ok(set(t, r, 5, "—"), &text);
    assert_eq!(loaded(&emptied).tables[t].rows[r].values[5], None);
    // A cell that is not there (a stale page) is a message, not a panic.
    for op in [set(99, 0, 0, "1"), set(t, 99, 0, "1"), set(t, r, 99, "1")] {
        let a = ok(op, &text);
        assert!(!a.changed && a.message.unwrap().contains("已不存在"));
    }
}

#[test]
fn year_department_and_unit() {
    let fa = tables_only();
    let a = ok(Op::Meta { field: "unit".into(), text: " 某区总工会机关 ".into() }, &saved(&fa));
    assert!(a.changed);
    assert_eq!(a.title, "某区总工会机关2024年度部门决算");
    assert!(a.html.contains("<h1 data-testid=\"fa-title\">某区总工会机关2024年度部门决算</h1>"));
    let b = ok(Op::Meta { field: "year".into(), text: "2025".into() }, &a.json);
    assert_eq!(loaded(&b).year, "2025");
    let c = ok(Op::Meta { field: "colour".into(), text: "x".into() }, &b.json);
    assert!(!c.changed && c.message.is_some());
}

#[test]
fn a_new_document_has_the_nine_tables_and_rows_can_be_added_and_removed() {
    let a = ok(Op::New { year: "2025".into(), department: "某局".into(), unit: "".into() }, "");
    let fa = loaded(&a);
    assert_eq!(fa.tables.len(), 9);
    assert_eq!(a.title, "某局2025年度部门决算");
    let t5 = fa.table_index("t5").unwrap();
    // A 类 without a name takes the official one; the 款 and 项 go under it in code order.
    let b = ok(Op::AddRow { table: t5, code: "201".into(), name: "".into() }, &a.json);
    let c = ok(Op::AddRow { table: t5, code: "2010101".into(), name: "行政运行".into() }, &b.json);
    let d2 = ok(Op::AddRow { table: t5, code: "20101".into(), name: "人大事务".into() }, &c.json);
    let rows: Vec<String> = loaded(&d2).tables[t5].rows.iter().map(|r| format!("{} {}", r.code, r.name)).collect();
    assert_eq!(rows, [" 合计", "201 一般公共服务支出", "20101 人大事务", "2010101 行政运行"]);
    assert!(d2.html.contains("data-action=\"remove-row\""));
    // A figure in the 项 without its 款 and 类: the sums are found wrong.
    let filled = ok(set(t5, 3, 1, "10"), &d2.json);
    assert!(filled.html.contains("应等于所属各项之和"), "{}", filled.html);
    // Refused: a bad code, a duplicate, a fixed table.
    for (table, code, name, says) in [(t5, "20", "x", "无效"), (t5, "201", "", "已有科目"), (t5, "2019999", "", "请填写"), (0, "201", "x", "固定")] {
        let r = ok(Op::AddRow { table, code: code.into(), name: name.into() }, &d2.json);
        assert!(!r.changed && r.message.as_deref().unwrap_or("").contains(says), "{code}: {:?}", r.message);
    }
    let removed = ok(Op::RemoveRow { table: t5, row: 2 }, &d2.json);
    assert!(removed.changed && removed.message.unwrap().contains("已删除科目“20101 人大事务”"));
    let fixed = ok(Op::RemoveRow { table: t5, row: 0 }, &d2.json);
    assert!(!fixed.changed && fixed.message.unwrap().contains("固定行"));
}

#[test]
fn a_block_from_excel_is_pasted_at_a_cell() {
    let fa = tables_only();
    let (t, r) = at(&fa, "t9", "budget");
    // Two rows × six columns of 三公, as Excel copies them (a trailing line end).
    let block = "1\t0\t0.5\t0\t0.5\t0.5\r\n０.９\t0\t0.3\t0\t0.3\t0.6\r\n";
    let a = ok(Op::Paste { table: t, row: r, col: 0, text: block.into() }, &saved(&fa));
    let got = loaded(&a);
    assert_eq!(got.tables[t].rows[r].values[0], Some(d("1")));
    assert_eq!(got.tables[t].rows[r + 1].values[0], Some(d("0.9")));
    assert_eq!(got.tables[t].rows[r + 1].values[5], Some(d("0.6")));
    assert!(a.message.as_deref().unwrap().starts_with("已粘贴 12 个数。"), "{:?}", a.message);
    assert!(a.html.contains("“三公”经费财政拨款支出全年预算为1.00万元，支出决算为0.90万元，完成全年预算的90.00%"), "the drafted 三公 sentence follows");
    // Past the table's edge and not a number: listed, the rest taken.
    let b = ok(Op::Paste { table: t, row: r + 1, col: 4, text: "x\t7\t8\n1\t2".into() }, &saved(&fa));
    let m = b.message.clone().unwrap();
    assert!(m.contains("已粘贴 1 个数") && m.contains("超出本表范围的 3 个数未粘贴") && m.contains("“x”不是有效的数字"), "{m}");
    assert_eq!(loaded(&b).tables[t].rows[r + 1].values[5], Some(d("7")));
}

#[test]
fn the_written_statement_is_checked_sentence_by_sentence() {
    let fa = tables_only();
    let text = "二、收入决算情况说明\n2024年度本年收入合计903.30万元，其中：一般公共预算财政拨款收入901.30万元，占98.78%；政府性基金预算财政拨款收入2.00万元，占0.22%。";
    let a = ok(Op::Statement { text: text.into() }, &saved(&fa));
    assert!(a.changed);
    assert_eq!(loaded(&a).statement, text);
    // Sentence 1 (after the heading, 0) states a wrong share: listed, linked and marked.
    assert!(a.html.contains("<li id=\"fa-s-1\" data-s=\"1\" tabindex=\"-1\" class=\"flagged error\">"), "{}", a.html);
    assert!(a.html.contains("<li id=\"fa-s-0\" data-s=\"0\" tabindex=\"-1\">二、收入决算情况说明</li>"));
    let link = a.html.find("data-goto=\"sentence\" data-s=\"1\"").unwrap_or_else(|| panic!("{}", a.html));
    let item = &a.html[link..a.html[link..].find("</li>").unwrap() + link];
    assert!(item.contains("98.78%") && item.contains("99.78%"), "{item}");
    // Put right, the finding goes.
    let b = ok(Op::Statement { text: text.replace("98.78", "99.78") }, &a.json);
    assert!(!b.html.contains("data-goto=\"sentence\" data-s=\"1\""), "{}", b.html);
}

#[test]
fn last_year_figures_and_the_glossary() {
    let fa = tables_only();
    let a = ok(Op::LastYear { key: "total".into(), text: "800".into() }, &saved(&fa));
    assert_eq!(loaded(&a).last_year.get("total"), Some(&d("800")));
    assert!(a.html.contains("与上年相比增加103.30万元，增长12.91%"), "the drafted 说明's change follows");
    assert!(a.html.contains("图1：收、支决算总计变动情况：2023年度 800.00万元；2024年度 903.30万元"), "chart 1's text follows");
    let b = ok(Op::LastYear { key: "total".into(), text: "".into() }, &a.json);
    assert_eq!(loaded(&b).last_year.get("total"), None);
    let c = ok(Op::LastYear { key: "total".into(), text: "八百".into() }, &a.json);
    assert!(!c.changed && c.message.unwrap().contains("上年“收、支总计”"));
    let e = ok(Op::LastYear { key: "nope".into(), text: "1".into() }, &a.json);
    assert!(!e.changed);
    let g = ok(Op::Glossary { text: "（一）自定义<b>解释</b>".into() }, &a.json);
    assert_eq!(loaded(&g).glossary, "（一）自定义<b>解释</b>");
    assert!(g.html.contains("（一）自定义&lt;b&gt;解释&lt;/b&gt;"));
}

#[test]
fn every_typed_text_is_escaped() {
    let mut fa = tables_only();
    fa.unit = "<script>alert(1)</script>".into();
    fa.statement = "一、<img src=x onerror=alert(1)>\n\"引号\" & 与。".into();
    fa.tables[1].rows[1].name = "<b>科目</b>".into();
    fa.tables[1].title = "\"><svg onload=x>".into();
    let a = ok(Op::Open, &saved(&fa));
    for bad in ["<script>", "<img", "<b>科目", "<svg onload"] {
        assert!(!a.html.contains(bad), "{bad} in {}", a.html);
    }
    let print = jixiao::model::final_accounts::session::print_wire(&a.json);
    for bad in ["<script>", "<img", "<b>科目", "<svg onload"] {
        assert!(!print.contains(bad), "{bad} in print");
    }
}

#[test]
fn the_wire_answers_json_and_a_draft_that_does_not_load_says_why() {
    let text = saved(&tables_only());
    let v: serde_json::Value = serde_json::from_str(&run_wire("{\"op\":\"set\",\"table\":8,\"row\":1,\"col\":5,\"text\":\"0.8\"}", &text, "")).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["changed"], true);
    assert!(v["html"].as_str().unwrap().contains("value=\"0.80\""));
    assert!(v["json"].as_str().unwrap().contains("\"0.8\""));
    let bad: serde_json::Value = serde_json::from_str(&run_wire("{\"op\":\"open\"}", "{\"format\":\"jixiao-final-accounts\",\"version\":99}", "")).unwrap();
    assert_eq!(bad["ok"], false);
    assert!(bad["error"].as_str().unwrap().starts_with("该部门决算草稿无法打开：该文件由更新版本的应用生成"), "{bad}");
    let garbage: serde_json::Value = serde_json::from_str(&run_wire("{\"op\":\"fly\"}", &text, "")).unwrap();
    assert_eq!(garbage["ok"], false);
    for junk in ["", "[]", "{", "null"] {
        let v: serde_json::Value = serde_json::from_str(&run_wire("{\"op\":\"open\"}", junk, "")).unwrap();
        assert_eq!(v["ok"], false, "{junk}");
    }
}

#[test]
fn exports_and_print_come_from_the_saved_json() {
    let fa = tables_only();
    let text = saved(&fa);
    let docx = write("fa-docx", &text).unwrap();
    assert_eq!(docx, jixiao_office::final_accounts::word::docx(&fa));
    assert_eq!(write("fa-xlsx", &text).unwrap(), jixiao_office::final_accounts::xlsx(&fa));
    assert!(write("fa-pdf", &text).is_err());
    assert!(write("fa-docx", "{}").unwrap_err().starts_with("该部门决算无法导出"));
    let print = jixiao::model::final_accounts::session::print_wire(&text);
    assert!(print.contains("<h2>收入支出决算总表</h2>") && print.contains("<h2>部门决算情况说明</h2>") && print.contains("<h2>名词解释</h2>"), "{print}");
    assert_eq!(print.matches("<svg").count(), 6, "the six charts");
    assert!(print.contains("图2：收入决算结构："));
}

#[test]
fn the_self_evaluation_of_the_same_unit_is_checked_against_the_final_accounts() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds/seed-003.json")).unwrap();
    let mut fa = fa_common::seed003();
    fa.statement.clear();
    let text = saved(&fa);
    let agree: serde_json::Value = serde_json::from_str(&run_wire("{\"op\":\"open\"}", &text, &seed)).unwrap();
    assert!(!agree["html"].as_str().unwrap().contains("自评表全年执行数"));
    assert_eq!(agree["year"], "2024");
    // The 支出 changed (总表 and 一般公共预算表, as the existing check's test does): the 自评表's
    // 全年执行数 no longer agrees; named, not linked (it is the 自评 report's figure).
    let (t1, r1) = at(&fa, "t1", "out.total");
    let (t5, _) = at(&fa, "t5", "");
    let first = ok(set(t1, r1, 0, "466.38"), &text);
    let second = ok(set(t5, 0, 1, "466.38"), &first.json);
    let v: serde_json::Value = serde_json::from_str(&run_wire("{\"op\":\"open\"}", &second.json, &seed)).unwrap();
    let html = v["html"].as_str().unwrap();
    let at_finding = html.find("自评表全年执行数应与部门决算本年支出合计一致").expect("the 自评 finding is listed");
    let item = &html[at_finding..at_finding + html[at_finding..].find("</li>").unwrap()];
    assert!(item.contains("填列 465.38，计算 466.38") && item.contains("（自评报告中的数字，请在自评报告中核对）"), "{item}");
    let op = "{\"op\":\"open\"}";
    let text = second.json.clone();
    // A report that does not load is left out, not an error.
    let v: serde_json::Value = serde_json::from_str(&run_wire(op, &text, "{broken")).unwrap();
    assert_eq!(v["ok"], true);
    assert!(!v["html"].as_str().unwrap().contains("自评表全年执行数"));
}

/// 审核 takes a 部门决算 in its batch as `jixiao-check` does: one row per table plus the 说明,
/// with the error and warning counts and the first problem, the same numbers as the checker's;
/// the rows of one file are not flagged as copies of each other, a file loaded twice is.
#[test]
fn review_rows_of_a_final_accounts_are_one_per_table_and_the_statement() {
    use jixiao::model::final_accounts::{check, session::review_wire};
    use jixiao::model::review::{cells, final_accounts_row, flag_duplicates, Filter};
    let fa = fa_common::seed003();
    let lines = review_wire(&saved(&fa));
    let rows: Vec<_> = lines.lines().map(|l| final_accounts_row("决算.json", l).unwrap()).collect();
    let expected = check::check_rows(&fa);
    assert_eq!(rows.len(), fa.tables.len() + 1);
    assert_eq!(rows.len(), expected.len());
    for (row, want) in rows.iter().zip(&expected) {
        assert_eq!(row.table, format!("部门决算：{}", want.label));
        assert_eq!(row.errors, want.findings.iter().filter(|f| f.severity == jixiao::model::Severity::Error).count());
    }
    let statement = rows.last().unwrap();
    assert_eq!(statement.table, "部门决算：情况说明");
    assert_eq!(statement.errors, 4, "seed 003's 说明 has four wrong figures (the checker's count)");
    let c = cells(statement);
    assert_eq!(c[1], "武汉市汉阳区总工会");
    assert_eq!((c[3].as_str(), c[4].as_str(), c[6].as_str()), ("部门决算", "—", "—"));
    assert!(!c[11].is_empty(), "the first problem is named: {c:?}");
    assert!(!statement.differs(), "no score, so no 差额");
    // The filter 有错误的 keeps the 说明 and drops the tables without errors.
    let shown = jixiao::model::review::filter(&rows, Filter { errors: true, difference: false }, "").len();
    assert_eq!(shown, rows.iter().filter(|r| r.errors > 0).count());
    // One file's rows are not copies; the same file again is.
    let mut batch: Vec<_> = rows.iter().chain(rows.iter()).cloned().collect();
    flag_duplicates(&mut batch, &[]);
    assert!(batch[..rows.len()].iter().all(|r| r.duplicate_of.is_none()));
    assert!(batch[rows.len()..].iter().all(|r| r.duplicate_of.as_deref() == Some("决算.json")));
    // A document that does not load is one row with its message.
    assert!(review_wire("{\"format\": \"jixiao-final-accounts\", \"version\": 99}").starts_with("!该部门决算无法读取"));
}
