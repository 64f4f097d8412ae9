//! 部门决算公开表 as departments publish them (issue 24, item 2), as the grids the readers deliver:
//! the national 公开表 with title, 编制单位 and 栏次 rows, merged two-row headers, 科目编码 joined,
//! split, spaced, whole in each column or in the name ("[201]…"), 合计 first or last, 元 / 千元
//! with thousands separators, "-" / "—" / blank for zero, notes under the table, the
//! column-per-kind 财政拨款总表, the 总表 in one column, the 基本支出 table in column blocks, the
//! 三公 table across and down, Word tables under their title lines or broken across pages, a
//! sheet of stacked tables. Each test asserts the figures a user sees after import, in 万元, and
//! that no figure is lost: a table that cannot be read by its form is kept as it came and said.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod fa_layouts;

use fa_layouts::*;
use jixiao::model::exchange::grid::{Block, Document};
use jixiao_office::final_accounts::{check, recognize::recognize};

/// 公开01表 of the national format: title, 公开01表, 编制单位 | 年度 | 金额单位 line, 收入 / 支出
/// spanning the two sides, a 栏次 row, "-" for nothing, every 类 listed, a note underneath.
#[test]
fn national_summary_table_with_column_numbers_and_dashes() {
    let t1 = table("收入支出决算总表", T1_NATIONAL);
    let fa = read_doc(vec![t1, sangong_zero()]);
    assert_eq!((fa.department.as_str(), fa.year.as_str()), ("武汉市汉阳区总工会", "2024"));
    let t = fa.table("t1").expect("收入支出决算总表 recognised");
    for (code, v) in [("in.gpb", "465.38"), ("in.fund", ""), ("in.soe", ""), ("in.business", "0.00"), ("in.total", "465.38"), ("in.surplus", "12.50"), ("in.grand", "477.88")] {
        assert_eq!(shown(t, code), [v], "{code}");
    }
    for (code, v) in [("201", "362.10"), ("202", ""), ("208", "42.69"), ("210", "27.74"), ("213", "5.00"), ("221", "27.85"), ("out.total", "465.38"), ("out.carry", "12.50"), ("out.grand", "477.88")] {
        assert_eq!(shown(t, code), [v], "{code}");
    }
    // The 行次 and 栏次 numbers are not figures.
    assert!(t.rows.iter().all(|r| r.values.iter().flatten().all(|v| *v != d("32") && *v != d("1"))), "{:?}", t.rows);
    no_findings(&fa);
}

/// 公开03表 exported by the 部门决算软件 in 元: "项目" over 功能分类科目编码 (类 | 款 | 项) and
/// 科目名称, the 金额单位 line in the fourth row, a 栏次 row, 合计 first, the code merged across
/// 类款项 in each data row, thousands separators.
#[test]
fn software_export_of_the_expense_table_in_yuan_with_merged_code_cells() {
    let t3 = table("公开03表", T3_YUAN);
    let fa = read_doc(vec![t3, sangong_zero()]);
    let t = fa.table("t3").expect("支出决算表 recognised");
    assert_eq!(t.columns, ["本年支出合计", "基本支出", "项目支出"]);
    assert_eq!((t.rows[0].code.as_str(), t.rows[0].name.as_str()), ("", "合计"));
    assert_eq!(shown(t, ""), ["465.38", "315.18", "150.20"]);
    assert_eq!(shown(t, "2012901"), ["218.63", "218.63", ""]);
    assert_eq!(shown(t, "2080505"), ["103.28", "96.55", "6.73"]);
    assert_eq!(t.row("20129").unwrap().name, "群众团体事务");
    assert_eq!(t.rows.len(), 8);
    no_findings(&fa);
}

/// A provincial 收入决算表: 类 | 款 | 项 | 科目名称 as four columns below a 栏次 row, the 类 only on
/// its own row, the amounts in whole 元 without separators, the unit in the title line.
#[test]
fn split_code_columns_below_a_column_number_row_and_whole_yuan() {
    let t2 = table(
        "收入决算表",
        &[
            &["收入决算表（单位：元）", "<", "<", "<", "<", "<"],
            &["科目编码", "<", "<", "科目名称", "本年收入合计", "财政拨款收入"],
            &["类", "款", "项", "^", "^", "^"],
            &["栏次", "<", "<", "<", "1", "2"],
            &["201", "", "", "一般公共服务支出", "3621000", "3621000"],
            &["", "29", "", "群众团体事务", "3621000", "3621000"],
            &["", "", "01", "行政运行", "2186300", "2186300"],
            &["", "", "02", "一般行政管理事务", "1434700", "1434700"],
            &["合计", "<", "<", "<", "3621000", "3621000"],
        ],
    );
    let fa = read_doc(vec![t2, sangong_zero()]);
    let t = fa.table("t2").expect("收入决算表 recognised");
    assert_eq!(t.columns, ["本年收入合计", "财政拨款收入"]);
    let codes: Vec<&str> = t.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["", "201", "20129", "2012901", "2012902"], "合计 first, then the 科目 as joined codes");
    assert_eq!(shown(t, ""), ["362.10", "362.10"]);
    assert_eq!(shown(t, "2012902"), ["143.47", "143.47"]);
    no_findings(&fa);
}

/// A web page's 一般公共预算财政拨款支出决算表: codes inside the names ("[201]一般公共服务支出"),
/// "小计" under "本年支出", 合计 last, "—" for nothing, and the 年初预算数 column.
#[test]
fn codes_inside_the_names_and_the_total_at_the_bottom() {
    let t5 = table(
        "",
        &[
            &["一般公共预算财政拨款支出决算表", "<", "<", "<", "<"],
            &["单位：万元", "<", "<", "<", "<"],
            &["科目", "年初预算数", "本年支出", "<", "<"],
            &["^", "^", "小计", "基本支出", "项目支出"],
            &["[201]一般公共服务支出", "262.46", "362.10", "218.63", "143.47"],
            &["  [20129]群众团体事务", "262.46", "362.10", "218.63", "143.47"],
            &["    [2012901]行政运行", "232.12", "218.63", "218.63", "—"],
            &["    [2012902]一般行政管理事务", "30.34", "143.47", "—", "143.47"],
            &["合计", "262.46", "362.10", "218.63", "143.47"],
        ],
    );
    let fa = read_doc(vec![t5, sangong_zero()]);
    let t = fa.table("t5").expect("一般公共预算财政拨款支出决算表 recognised");
    assert_eq!(t.columns, ["年初预算数", "合计", "基本支出", "项目支出"]);
    assert_eq!(shown(t, ""), ["262.46", "362.10", "218.63", "143.47"]);
    assert_eq!(shown(t, "2012901"), ["232.12", "218.63", "218.63", ""]);
    assert_eq!(t.row("20129").unwrap().name, "群众团体事务");
    assert_eq!(t.row("201").unwrap().name, "一般公共服务支出");
    assert_eq!(t.rows.len(), 5);
    no_findings(&fa);
}

/// 科目编码 printed with spaces between 类, 款 and 项 ("201 29 01"), as some PDFs and Word
/// tables show it.
#[test]
fn codes_with_spaces_between_their_parts() {
    let t3 = table(
        "",
        &[
            &["支出决算表", "<", "<", "<", "<"],
            &["编制单位：某某局", "", "", "", "单位：万元"],
            &["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
            &["", "合计", "362.10", "218.63", "143.47"],
            &["201", "一般公共服务支出", "362.10", "218.63", "143.47"],
            &["201 29", "群众团体事务", "362.10", "218.63", "143.47"],
            &["201 29 01", "行政运行", "218.63", "218.63", "0.00"],
            &["201 29 02", "一般行政管理事务", "143.47", "0.00", "143.47"],
        ],
    );
    let fa = read_doc(vec![t3, sangong_zero()]);
    let t = fa.table("t3").expect("支出决算表 recognised");
    assert_eq!(t.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["", "201", "20129", "2012901", "2012902"]);
    assert_eq!(shown(t, "2012902"), ["143.47", "0.00", "143.47"]);
    assert_eq!(fa.department, "某某局");
    no_findings(&fa);
}

/// 公开04表 财政拨款收入支出决算总表: the 支出 side with one column per kind of 财政拨款 (合计 |
/// 一般公共预算 | 政府性基金 | 国有资本经营), 栏次 row, the 年初结转 rows by fund.
#[test]
fn fiscal_summary_with_a_column_per_kind_of_appropriation() {
    let t4 = table(
        "公开04表",
        &[
            &["财政拨款收入支出决算总表", "<", "<", "<", "<", "<", "<", "<", "<"],
            &["编制单位：某某局", "<", "<", "", "", "", "", "", "金额单位：万元"],
            &["收入", "<", "<", "支出", "<", "<", "<", "<", "<"],
            &["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
            &["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
            &["一、一般公共预算财政拨款", "1", "465.38", "一、一般公共服务支出", "30", "372.10", "362.10", "10.00", "-"],
            &["二、政府性基金预算财政拨款", "2", "10.00", "二、社会保障和就业支出", "31", "103.28", "103.28", "-", "-"],
            &["三、国有资本经营预算财政拨款", "3", "-", "", "", "", "", "", ""],
            &["本年收入合计", "4", "475.38", "本年支出合计", "32", "475.38", "465.38", "10.00", "-"],
            &["年初财政拨款结转和结余", "5", "2.00", "年末财政拨款结转和结余", "33", "2.00", "2.00", "-", "-"],
            &["一般公共预算财政拨款", "6", "2.00", "", "34", "", "", "", ""],
            &["政府性基金预算财政拨款", "7", "-", "", "35", "", "", "", ""],
            &["国有资本经营预算财政拨款", "8", "-", "", "36", "", "", "", ""],
            &["收入总计", "9", "477.38", "支出总计", "37", "477.38", "467.38", "10.00", "-"],
        ],
    );
    let fa = read_doc(vec![t4, sangong_zero()]);
    let t = fa.table("t4").expect("财政拨款收入支出决算总表 recognised");
    assert_eq!(shown(t, "in.gpb"), ["465.38"]);
    assert_eq!(shown(t, "in.fund"), ["10.00"]);
    assert_eq!(shown(t, "in.carry.gpb"), ["2.00"]);
    assert_eq!(shown(t, "in.grand"), ["477.38"]);
    assert_eq!(shown(t, "201"), ["372.10", "362.10", "10.00", ""]);
    assert_eq!(shown(t, "out.total"), ["475.38", "465.38", "10.00", ""]);
    assert_eq!(shown(t, "out.carry"), ["2.00", "2.00", "", ""]);
    assert_eq!(shown(t, "out.grand"), ["477.38", "467.38", "10.00", ""]);
    no_findings(&fa);
}

/// 公开06表 一般公共预算财政拨款基本支出决算表 in three column blocks (人员经费 | 公用经费 in two),
/// each 科目编码 | 科目名称 | 决算数, with "-" and blanks for nothing, totals in the last row.
#[test]
fn basic_expenditure_in_column_blocks_with_blank_figures() {
    let t6 = table("公开06表", T6_BLOCKS);
    let fa = read_doc(vec![t6, sangong_zero()]);
    let t = fa.table("t6").expect("基本支出决算表 recognised");
    for (code, v) in [("301", "280.00"), ("30101", "120.00"), ("30102", "160.00"), ("303", "24.61"), ("30302", "24.61"), ("302", "10.57"), ("30201", ""), ("30228", "10.57"), ("30229", ""), ("307", ""), ("30701", ""), ("310", ""), ("31002", ""), ("personnel", "304.61"), ("public", "10.57")] {
        assert_eq!(shown(t, code), [v], "{code}");
    }
    assert_eq!(t.row("30228").unwrap().name, "工会经费");
    no_findings(&fa);
}

/// 三公 down the page (one row per item, 预算数 | 决算数 as columns), as many provinces print it.
#[test]
fn sangong_with_one_row_per_item() {
    let t9 = table("", T9_DOWN);
    let t7 = table("", &[&["政府性基金预算财政拨款收入支出决算表"], &["科目编码", "科目名称", "本年收入", "本年支出合计"], &["", "合计", "", ""]]);
    let fa = read_doc(vec![t7, t9]);
    let t = fa.table("t9").expect("三公 recognised");
    assert_eq!(shown(t, "budget"), ["3.50", "", "2.00", "", "2.00", "1.50"]);
    assert_eq!(shown(t, "actual"), ["2.59", "", "2.00", "", "2.00", "0.59"]);
    no_findings(&fa);
}

/// 三公 across the page in the national format: 预算数 and 决算数 each spanning six columns,
/// 公务用车购置及运行费 over 小计 | 购置费 | 运行费, a 栏次 row 1 … 12, "-" for nothing.
#[test]
fn sangong_across_with_merged_headers_and_column_numbers() {
    let t9 = table("公开09表", T9_ACROSS);
    let fa = read_doc(vec![table("", &[&["收入决算表"], &["科目编码", "科目名称", "本年收入合计"], &["", "合计", ""]]), t9]);
    let t = fa.table("t9").expect("三公 recognised");
    assert_eq!(shown(t, "budget"), ["3.50", "", "2.00", "", "2.00", "1.50"]);
    assert_eq!(shown(t, "actual"), ["2.59", "", "2.00", "", "2.00", "0.59"]);
    no_findings(&fa);
}

/// An empty 公开07表 as published: header, 栏次, an empty 合计 and the sentence saying why.
#[test]
fn an_empty_fund_table_keeps_its_sentence() {
    let t7 = table(
        "公开07表",
        &[
            &["政府性基金预算财政拨款收入支出决算表", "<", "<", "<", "<", "<", "<", "<", "<"],
            &["编制单位：某某局", "<", "<", "", "", "", "", "", "金额单位：万元"],
            &["项目", "<", "<", "<", "年初结转和结余", "本年收入", "本年支出", "<", "<"],
            &["功能分类科目编码", "<", "<", "科目名称", "^", "^", "小计", "基本支出", "项目支出"],
            &["类", "款", "项", "^", "^", "^", "^", "^", "^"],
            &["栏次", "<", "<", "<", "1", "2", "3", "4", "5"],
            &["合计", "<", "<", "<", "", "", "", "", ""],
            &["注：本单位2024年度没有使用政府性基金预算财政拨款安排的支出，故本表无数据。", "<", "<", "<", "<", "<", "<", "<", "<"],
        ],
    );
    let fa = read_doc(vec![t7, sangong_zero()]);
    let t = fa.table("t7").expect("政府性基金表 recognised");
    assert!(t.is_empty());
    assert_eq!(t.columns, ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出"]);
    assert!(t.note.contains("本单位2024年度没有使用政府性基金预算财政拨款安排的支出"), "{:?}", t.note);
    no_findings(&fa);
}

/// A table whose 科目 rows carry no code (names indented only): its figures cannot be put on the
/// form's rows, so the table is kept as it came, every figure with its name, not half read.
#[test]
fn rows_without_codes_are_kept_as_they_came() {
    let t3 = table(
        "",
        &[
            &["支出决算表", "<", "<", "<"],
            &["单位：万元", "<", "<", "<"],
            &["科目名称", "本年支出合计", "基本支出", "项目支出"],
            &["合计", "362.10", "218.63", "143.47"],
            &["一般公共服务支出", "362.10", "218.63", "143.47"],
            &["  群众团体事务", "362.10", "218.63", "143.47"],
            &["    行政运行", "218.63", "218.63", ""],
            &["    一般行政管理事务", "143.47", "", "143.47"],
        ],
    );
    let fa = read_doc(vec![t3, sangong_zero(), table("", &[&["收入决算表"], &["科目编码", "科目名称", "本年收入合计"], &["", "合计", ""]])]);
    assert!(fa.table("t3").is_none(), "not read as a 支出决算表 with its rows dropped");
    let kept = fa.tables.iter().find(|t| t.title.contains("支出决算表")).expect("kept as it came");
    assert_eq!(kept.form, "other");
    let names: Vec<&str> = kept.rows.iter().map(|r| r.name.trim()).collect();
    assert_eq!(names, ["合计", "一般公共服务支出", "群众团体事务", "行政运行", "一般行政管理事务"]);
    assert_eq!(kept.rows[4].values, [Some(d("143.47")), None, Some(d("143.47"))]);
    assert_eq!(kept.columns, ["本年支出合计", "基本支出", "项目支出"]);
    // The user is told the table was kept and not checked.
    let said: Vec<String> = check::check_tables(&fa).0.into_iter().filter(|f| f.code == "fa.kept").map(|f| f.message).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("《支出决算表》未能按表式读入") && said[0].contains("未参与核对"), "{said:?}");
    // 审核 and jixiao-check show it on the table's own line.
    let lines = check::review_lines(&fa);
    assert!(lines.lines().any(|l| l.contains("\t支出决算表\t0\t1\t《支出决算表》未能按表式读入")), "{lines}");
}

/// A Word 决算公开: each table's title, 公开表 number, 编制单位 and 金额单位 as paragraphs of their
/// own above it (four lines), the 收入决算表 in 元.
#[test]
fn word_tables_under_four_lines_of_title_and_unit() {
    let t2 = table("", &[&["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"], &["", "合计", "3,621,000.00", "3,521,000.00", "100,000.00"], &["201", "一般公共服务支出", "3,621,000.00", "3,521,000.00", "100,000.00"]]);
    let t9 = table("", &[&["项目", "预算数", "决算数"], &["合计", "0.59", "0.59"], &["因公出国（境）费", "", ""], &["公务用车购置及运行费", "", ""], &["公务接待费", "0.59", "0.59"]]);
    let p = |s: &str| Block::Paragraph(s.into());
    let doc = Document {
        blocks: vec![
            p("武汉市汉阳区总工会2024年度部门决算"),
            p("第一部分　部门决算表"),
            p("收入决算表"),
            p("公开02表"),
            p("编制单位：武汉市汉阳区总工会"),
            p("金额单位：元"),
            Block::Table(t2),
            p("财政拨款“三公”经费支出决算表"),
            p("公开09表"),
            p("编制单位：武汉市汉阳区总工会"),
            p("金额单位：万元"),
            Block::Table(t9),
        ],
        notes: vec![],
    };
    let fa = recognize(&doc).expect("recognised");
    assert_eq!((fa.department.as_str(), fa.year.as_str()), ("武汉市汉阳区总工会", "2024"));
    let t = fa.table("t2").expect("收入决算表 found by the title four lines up");
    assert_eq!(t.columns, ["本年收入合计", "财政拨款收入", "其他收入"]);
    assert_eq!(shown(t, ""), ["362.10", "352.10", "10.00"]);
    assert_eq!(shown(fa.table("t9").unwrap(), "actual"), ["0.59", "", "", "", "", "0.59"]);
    no_findings(&fa);
}

/// All tables on one sheet, one under another with a blank row between (as some departments
/// post the 公开表 set): each is its own table.
#[test]
fn several_tables_stacked_on_one_sheet() {
    let mut rows: Vec<&[&str]> = Vec::new();
    rows.extend_from_slice(T1_NATIONAL);
    rows.push(&["", "", "", "", "", ""]);
    rows.extend_from_slice(&[
        &["支出决算表（公开03表）", "", "", "", "", ""],
        &["单位：万元", "", "", "", "", ""],
        &["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", ""],
        &["", "合计", "465.38", "315.18", "150.20", ""],
        &["201", "一般公共服务支出", "362.10", "218.63", "143.47", ""],
        &["208", "社会保障和就业支出", "42.69", "40.96", "1.73", ""],
        &["210", "卫生健康支出", "27.74", "27.74", "", ""],
        &["213", "农林水支出", "5.00", "", "5.00", ""],
        &["221", "住房保障支出", "27.85", "27.85", "", ""],
    ]);
    rows.push(&["", "", "", "", "", ""]);
    rows.extend_from_slice(T9_DOWN);
    let fa = read_doc(vec![table("Sheet1", &rows)]);
    assert_eq!(fa.tables.iter().map(|t| t.form.as_str()).collect::<Vec<_>>(), ["t1", "t3", "t9"]);
    assert_eq!(shown(fa.table("t1").unwrap(), "out.grand"), ["477.88"]);
    assert_eq!(shown(fa.table("t3").unwrap(), "208"), ["42.69", "40.96", "1.73"]);
    assert_eq!(shown(fa.table("t9").unwrap(), "actual"), ["2.59", "", "2.00", "", "2.00", "0.59"]);
    no_findings(&fa);
}

/// A 支出决算表 published without its 本年支出合计 column (基本支出 | 项目支出 only): the two
/// columns are read as themselves, not 基本支出 as the 合计, and no 合计 check is invented.
#[test]
fn an_expense_table_without_its_total_column() {
    let t3 = table("", &[&["支出决算表"], &["科目编码", "科目名称", "基本支出", "项目支出"], &["", "合计", "315.18", "150.20"], &["201", "一般公共服务支出", "315.18", "150.20"]]);
    let fa = read_doc(vec![t3, sangong_zero()]);
    let t = fa.table("t3").unwrap();
    assert_eq!(t.columns, ["基本支出", "项目支出"]);
    assert_eq!(shown(t, "201"), ["315.18", "150.20"]);
    no_findings(&fa);
    // Its Excel sheet has no formula making 基本支出 the sum of 项目支出.
    let sheet = jixiao_office::final_accounts::out::grid(&fa, t);
    let row = sheet.rows.iter().find(|r| r.cells.first().is_some_and(|c| c.text == "201")).unwrap();
    assert!(row.cells.iter().all(|c| !matches!(c.xl, jixiao::model::forms::Xl::Formula(..))), "{row:?}");
}

/// A long 支出决算表 whose header and 栏次 row are printed again where a page breaks (as a PDF
/// turned into Word or Excel gives it; the second time as 甲 | 乙 | 1 | 2 | 3), in 千元.
#[test]
fn a_header_repeated_at_a_page_break_and_thousands_of_yuan() {
    let t3 = table(
        "",
        &[
            &["支出决算表", "", "", "", ""],
            &["", "", "", "", "单位：千元"],
            &["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
            &["栏次", "", "1", "2", "3"],
            &["", "合计", "3,621.00", "2,186.30", "1,434.70"],
            &["201", "一般公共服务支出", "3,621.00", "2,186.30", "1,434.70"],
            &["20129", "群众团体事务", "3,621.00", "2,186.30", "1,434.70"],
            &["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
            &["甲", "乙", "1", "2", "3"],
            &["2012901", "行政运行", "2,186.30", "2,186.30", ""],
            &["2012902", "一般行政管理事务", "1,434.70", "", "1,434.70"],
        ],
    );
    let fa = read_doc(vec![t3, sangong_zero()]);
    let t = fa.table("t3").expect("支出决算表 read, not kept as it came");
    assert_eq!(t.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["", "201", "20129", "2012901", "2012902"]);
    assert_eq!(shown(t, ""), ["362.10", "218.63", "143.47"]);
    assert_eq!(shown(t, "2012902"), ["143.47", "", "143.47"]);
    no_findings(&fa);
}

/// A Word table broken across pages into two tables ("续表" between, the second without its
/// header): the second part's rows belong to the first table.
#[test]
fn a_word_table_continued_after_a_page_break() {
    let first = table("", &[&["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"], &["", "合计", "362.10", "218.63", "143.47"], &["201", "一般公共服务支出", "362.10", "218.63", "143.47"], &["20129", "群众团体事务", "362.10", "218.63", "143.47"]]);
    let second = table("", &[&["2012901", "行政运行", "218.63", "218.63", ""], &["2012902", "一般行政管理事务", "143.47", "", "143.47"]]);
    let p = |s: &str| Block::Paragraph(s.into());
    let doc = Document { blocks: vec![p("支出决算表"), p("单位：万元"), Block::Table(first), p("续表"), Block::Table(second), p("财政拨款“三公”经费支出决算表"), Block::Table(sangong_zero())], notes: vec![] };
    let fa = recognize(&doc).expect("recognised");
    assert_eq!(fa.tables.iter().map(|t| t.form.as_str()).collect::<Vec<_>>(), ["t3", "t9"]);
    let t = fa.table("t3").unwrap();
    assert_eq!(t.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["", "201", "20129", "2012901", "2012902"]);
    assert_eq!(shown(t, "2012901"), ["218.63", "218.63", ""]);
    no_findings(&fa);
}

/// 三公 down the page with last year's 决算数 beside this year's 预算数 and 决算数 (a common
/// provincial layout): this year's columns are the form's.
#[test]
fn sangong_down_with_last_years_column() {
    let t9 = table(
        "",
        &[
            &["财政拨款“三公”经费支出决算表"],
            &["项目", "2023年决算数", "2024年预算数", "2024年决算数", "增减率（%）"],
            &["合计", "4.00", "3.50", "2.59", "-35.25"],
            &["因公出国（境）费", "", "", "", ""],
            &["公务用车购置及运行费", "3.00", "2.00", "2.00", "-33.33"],
            &["其中：公务用车购置费", "", "", "", ""],
            &["      公务用车运行费", "3.00", "2.00", "2.00", "-33.33"],
            &["公务接待费", "1.00", "1.50", "0.59", "-41.00"],
        ],
    );
    let fa = read_doc(vec![table("", &[&["收入决算表"], &["科目编码", "科目名称", "本年收入合计"], &["", "合计", ""]]), t9]);
    let t = fa.table("t9").unwrap();
    assert_eq!(shown(t, "budget"), ["3.50", "", "2.00", "", "2.00", "1.50"]);
    assert_eq!(shown(t, "actual"), ["2.59", "", "2.00", "", "2.00", "0.59"]);
    no_findings(&fa);
}

/// A web page's 收入支出决算总表 in one column of labels (项目 | 金额): the 收入 rows, then the
/// 支出 rows under them.
#[test]
fn summary_table_with_both_sides_in_one_column() {
    let t1 = table(
        "",
        &[
            &["收入支出决算总表", ""],
            &["项目", "金额（万元）"],
            &["收入", ""],
            &["一、一般公共预算财政拨款收入", "465.38"],
            &["二、政府性基金预算财政拨款收入", "—"],
            &["本年收入合计", "465.38"],
            &["年初结转和结余", "—"],
            &["总计", "465.38"],
            &["支出", ""],
            &["一、一般公共服务支出", "362.10"],
            &["二、社会保障和就业支出", "103.28"],
            &["本年支出合计", "465.38"],
            &["年末结转和结余", "—"],
            &["总计", "465.38"],
        ],
    );
    let fa = read_doc(vec![t1, sangong_zero()]);
    let t = fa.table("t1").expect("收入支出决算总表 read");
    for (code, v) in [("in.gpb", "465.38"), ("in.total", "465.38"), ("in.grand", "465.38"), ("201", "362.10"), ("208", "103.28"), ("out.total", "465.38"), ("out.grand", "465.38")] {
        assert_eq!(shown(t, code), [v], "{code}");
    }
    no_findings(&fa);
}

/// 类 | 款 | 项 columns holding the whole code each (201 | 20129 | 2012901), as some exports
/// print them.
#[test]
fn split_code_columns_with_whole_codes() {
    let t2 = table(
        "",
        &[
            &["收入决算表", "", "", "", "", ""],
            &["类", "款", "项", "科目名称", "本年收入合计", "财政拨款收入"],
            &["", "", "", "合计", "362.10", "362.10"],
            &["201", "", "", "一般公共服务支出", "362.10", "362.10"],
            &["", "20129", "", "群众团体事务", "362.10", "362.10"],
            &["", "", "2012901", "行政运行", "218.63", "218.63"],
            &["", "", "2012902", "一般行政管理事务", "143.47", "143.47"],
        ],
    );
    let fa = read_doc(vec![t2, sangong_zero()]);
    let t = fa.table("t2").expect("收入决算表 read");
    assert_eq!(t.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["", "201", "20129", "2012901", "2012902"]);
    assert_eq!(shown(t, "2012902"), ["143.47", "143.47"]);
    no_findings(&fa);
}

/// A provincial "三公"经费、会议费、培训费 table down the page: 会议费 and 培训费 are not the form's
/// items, so the table is kept as it came (and said), not read without them.
#[test]
fn sangong_with_meeting_and_training_costs_is_kept_as_it_came() {
    let t9 = table(
        "",
        &[
            &["财政拨款“三公”经费支出决算表"],
            &["项目", "预算数", "决算数"],
            &["合计", "3.50", "2.59"],
            &["因公出国（境）费", "", ""],
            &["公务用车购置及运行费", "2.00", "2.00"],
            &["公务接待费", "1.50", "0.59"],
            &["会议费", "4.00", "3.20"],
            &["培训费", "6.00", "5.10"],
        ],
    );
    let fa = read_doc(vec![table("", &[&["收入决算表"], &["科目编码", "科目名称", "本年收入合计"], &["", "合计", ""]]), t9, table("", &[&["支出决算表"], &["科目编码", "科目名称", "本年支出合计"], &["", "合计", ""]])]);
    assert!(fa.table("t9").is_none());
    let kept = fa.tables.iter().find(|t| t.title == "财政拨款“三公”经费支出决算表").expect("kept as it came");
    assert_eq!(kept.form, "other");
    let training = kept.rows.iter().find(|r| r.name == "培训费").expect("培训费 kept");
    assert_eq!(training.values, [Some(d("6.00")), Some(d("5.10"))]);
    assert!(check::check_tables(&fa).0.iter().any(|f| f.code == "fa.kept" && f.message.starts_with("《财政拨款“三公”经费支出决算表》")));
}

/// A 基本支出 table with a figure by a name that has no 科目编码: kept as it came, not read
/// without it.
#[test]
fn basic_expenditure_with_a_row_without_its_code_is_kept() {
    let t6 = table(
        "",
        &[
            &["一般公共预算财政拨款基本支出决算表", "", "", "", "", ""],
            &["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
            &["301", "工资福利支出", "285.00", "302", "商品和服务支出", "10.57"],
            &["30101", "基本工资", "120.00", "30228", "工会经费", "10.57"],
            &["30102", "津贴补贴", "160.00", "", "", ""],
            &["", "其他工资福利支出", "5.00", "", "", ""],
            &["人员经费合计", "", "285.00", "公用经费合计", "", "10.57"],
        ],
    );
    let fa = read_doc(vec![t6, sangong_zero(), table("", &[&["收入决算表"], &["科目编码", "科目名称", "本年收入合计"], &["", "合计", ""]])]);
    assert!(fa.table("t6").is_none());
    let kept = fa.tables.iter().find(|t| t.title == "一般公共预算财政拨款基本支出决算表").expect("kept as it came");
    assert!(kept.rows.iter().any(|r| r.name == "其他工资福利支出" && r.values.contains(&Some(d("5.00")))), "{kept:?}");
    assert!(check::check_tables(&fa).0.iter().any(|f| f.code == "fa.kept"));
}

/// Published tables cut at any row, split in two, or with any one cell blanked, dashed or
/// garbled never make the import panic, and no row holds more figures than its table has columns.
#[test]
fn cut_or_damaged_layouts_never_panic() {
    let mut tried = 0;
    for layout in [T1_NATIONAL, T3_YUAN, T6_BLOCKS, T9_DOWN, T9_ACROSS] {
        let mut variants: Vec<Vec<Vec<String>>> = Vec::new();
        let owned: Vec<Vec<String>> = layout.iter().map(|r| r.iter().map(|c| (*c).to_string()).collect()).collect();
        for k in 0..=owned.len() {
            variants.push(owned[..k].to_vec());
            variants.push(owned[k..].to_vec());
        }
        for (ri, row) in owned.iter().enumerate() {
            for ci in 0..row.len() {
                // One kind of damage a cell, in turn.
                let junk = ["", "—", "x1.2.3", "201 29", "[2012901]", "99999999999999999999"][(ri + ci) % 6];
                let mut v = owned.clone();
                v[ri][ci] = junk.to_string();
                variants.push(v);
            }
        }
        for v in variants {
            let rows: Vec<Vec<&str>> = v.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
            let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
            let d = doc(vec![table("", &refs), sangong_zero(), table("", &refs)]);
            if let Some(fa) = recognize(&d) {
                for t in &fa.tables {
                    assert!(t.rows.iter().all(|r| r.values.len() <= t.columns.len().max(1)), "{t:?}");
                }
                let _ = check::check_tables(&fa);
            }
            tried += 1;
        }
    }
    assert!(tried > 400, "{tried}");
}
