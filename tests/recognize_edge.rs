//! The recogniser on made-up and altered grids: leftovers with their places, hidden rows,
//! tables continued in a second table or sheet, template rows, units, the 监控 and 基础数据表
//! tables, a whole three-attachment document, and bad input (no header words, empty, huge,
//! deeply nested, random grids) that gets a result or a Chinese message, never a panic.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod recognize_common;

mod support;

use jixiao::model::edit;
use jixiao::model::exchange::grid::{Block, Cell, Document, Row, Table};
use jixiao_office::recognize::{recognize, RecognizeError};
use jixiao::model::num::fmt2;
use jixiao::model::{evaluate, Report};
use recognize_common::{grid, read};

fn table(rows: &[&[(usize, &str)]]) -> Table {
    Table {
        name: String::new(),
        rows: rows.iter().map(|r| Row { cells: r.iter().map(|(c, t)| Cell::new(*c, *t)).collect(), hidden: false }).collect(),
    }
}

#[test]
fn a_stray_cell_is_listed_with_its_place() {
    let mut doc = grid("seed-000-附件3.docx");
    let Some(Block::Table(t)) = doc.blocks.iter_mut().find(|b| matches!(b, Block::Table(_))) else { panic!() };
    t.rows[4].cells.push(Cell::new(9, "以上数据待核"));
    let got = recognize(&doc).unwrap();
    let listed: Vec<String> = got.leftovers.iter().map(ToString::to_string).collect();
    assert!(listed.contains(&"表 1 第 5 行第 10 列：“以上数据待核”".to_string()), "{listed:#?}");
    // The figures are unchanged by it.
    assert_eq!(edit::get(&got.report, "projects[0].budget.executed"), "100");
}

#[test]
fn a_hidden_row_that_was_read_is_noted() {
    let mut doc = grid("seed-000-附件2.xlsx");
    let Some(Block::Table(t)) = doc.blocks.iter_mut().find(|b| matches!(b, Block::Table(_))) else { panic!() };
    t.rows[14].hidden = true;
    let got = recognize(&doc).unwrap();
    assert!(got.notes.contains(&"表 1 第 15 行在原文件中是隐藏行，其内容已读入，请核对。".to_string()), "{:?}", got.notes);
    assert_eq!(got.report.overall.as_ref().unwrap().indicators.len(), 17);
}

#[test]
fn a_table_split_over_two_word_tables_is_joined() {
    let whole = read("seed-000-附件2.docx");
    let mut doc = grid("seed-000-附件2.docx");
    let at = doc.blocks.iter().position(|b| matches!(b, Block::Table(_))).unwrap();
    let Block::Table(t) = doc.blocks[at].clone() else { panic!() };
    // Split before row 22 (效益指标): no span but the 绩效指标 label crosses it; cut that one.
    let (mut first, second) = (t.rows[..21].to_vec(), t.rows[21..].to_vec());
    for row in &mut first {
        for cell in &mut row.cells {
            cell.row_span = cell.row_span.min(21);
        }
    }
    doc.blocks[at] = Block::Table(Table { name: String::new(), rows: first });
    doc.blocks.insert(at + 1, Block::Paragraph("续表".into()));
    doc.blocks.insert(at + 2, Block::Table(Table { name: String::new(), rows: second }));
    let joined = recognize(&doc).unwrap();
    assert_eq!(joined.report.overall, whole.report.overall);
    assert_eq!(joined.tables.len(), 1, "{:?}", joined.tables);
    assert!(joined.leftovers.is_empty(), "{:#?}", joined.leftovers);
}

#[test]
fn a_sheet_continued_on_the_next_sheet_is_joined() {
    let whole = read("seed-000-附件2.xlsx");
    let mut doc = grid("seed-000-附件2.xlsx");
    let Block::Table(t) = doc.blocks[0].clone() else { panic!() };
    // Rows 1–23 on sheet 附件2, the rest (效益指标 on) on sheet 附件2续; the 绩效指标 label's span is cut.
    let (mut first, second) = (t.rows[..23].to_vec(), t.rows[23..].to_vec());
    for cell in first.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        cell.row_span = cell.row_span.min(23);
    }
    doc.blocks = vec![
        Block::Table(Table { name: "附件2".into(), rows: first }),
        Block::Table(Table { name: "附件2续".into(), rows: second }),
    ];
    let joined = recognize(&doc).unwrap();
    assert_eq!(joined.report.overall, whole.report.overall);
    assert_eq!(joined.tables.len(), 1);
    // Rows on the second sheet are rows of the same table.
    let Block::Table(t) = &mut doc.blocks[1] else { panic!() };
    let cell = t.rows[1].cells.iter_mut().find(|c| c.text == "无").unwrap();
    cell.text = "无（见附表）".into();
    let got = recognize(&doc).unwrap();
    assert_eq!(got.report.overall.as_ref().unwrap().indicators[11].name, "无（见附表）");
    assert_eq!(got.tables.len(), 1);
}

#[test]
fn documents_without_a_recognisable_table_get_a_chinese_message() {
    let doc = Document { blocks: vec![Block::Table(table(&[&[(0, "序号"), (1, "名称")], &[(0, "1"), (1, "办公桌")]]))], notes: vec![] };
    let e = recognize(&doc).unwrap_err();
    assert_eq!(e, RecognizeError::NoTable);
    assert_eq!(e.to_string(), "没有找到可识别的自评表：表头中没有“一级指标”“三级指标”等字样");
    assert_eq!(recognize(&Document::default()).unwrap_err(), RecognizeError::Empty);
    assert_eq!(recognize(&Document::default()).unwrap_err().to_string(), "文件中没有表格，也没有文字。");
}

#[test]
fn template_rows_are_skipped_and_a_central_table_is_proposed_central() {
    let doc = Document {
        blocks: vec![
            Block::Paragraph("项目支出绩效自评表（2023年度）".into()),
            Block::Table(table(&[
                &[(0, "项目名称"), (1, "某项目")],
                &[(0, "一级指标"), (1, "二级指标"), (2, "三级指标"), (3, "年度指标值"), (4, "实际完成值"), (5, "分值"), (6, "得分"), (7, "偏差原因分析及改进措施")],
                &[(0, "产出指标（50分）"), (1, "数量指标"), (2, "培训人次"), (3, "≥100人次"), (4, "120人次"), (5, "50"), (6, "50")],
                &[(0, "效益指标"), (1, "……"), (2, "指标2："), (3, "/"), (4, "—")],
                &[(0, "总分"), (5, "50"), (6, "50")],
            ])),
        ],
        notes: vec![],
    };
    let got = recognize(&doc).unwrap();
    assert_eq!(got.proposal.rule_pack, "generic");
    assert_eq!(got.proposal.year, Some(2023));
    let p = &got.report.projects[0];
    assert_eq!(p.indicators.len(), 1, "the template row is skipped");
    assert_eq!(p.level1_weights[0].name, "产出指标");
    assert_eq!(edit::get(&got.report, "projects[0].declared_total"), "50");
    assert_eq!(got.leftovers.iter().map(ToString::to_string).collect::<Vec<_>>(), ["表 1 第 4 行第 1 列：“效益指标”"]);
}

#[test]
fn large_and_deep_tables_end_quickly_with_a_note() {
    let started = support::Work::start();
    // A 20,000-row sheet under a real header.
    let mut rows: Vec<Row> = vec![Row {
        cells: ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"].iter().enumerate().map(|(c, t)| Cell::new(c, *t)).collect(),
        hidden: false,
    }];
    for i in 0..20_000 {
        rows.push(Row { cells: vec![Cell::new(0, "产出指标"), Cell::new(2, format!("指标{i}名")), Cell::new(5, "1"), Cell::new(6, "1")], hidden: false });
    }
    let doc = Document { blocks: vec![Block::Table(Table { name: "Sheet1".into(), rows })], notes: vec![] };
    let got = recognize(&doc).unwrap();
    assert_eq!(got.report.overall.as_ref().unwrap().indicators.len(), 20_000);
    // Tables nested 50 deep and a cell claiming absurd spans.
    let mut inner = table(&[&[(0, "最里层")]]);
    for _ in 0..50 {
        let mut cell = Cell::new(0, "套");
        cell.nested = vec![inner];
        inner = Table { name: String::new(), rows: vec![Row { cells: vec![cell], hidden: false }] };
    }
    let mut wide = Cell::new(usize::MAX - 1, "越界");
    wide.col_span = usize::MAX;
    wide.row_span = usize::MAX;
    let mut header = table(&[&[(0, "一级指标"), (1, "二级指标"), (2, "三级指标"), (3, "分值")]]);
    header.rows.push(Row { cells: vec![Cell { nested: inner.rows[0].cells[0].nested.clone(), ..Cell::new(0, "产出指标") }, wide], hidden: false });
    let got = recognize(&Document { blocks: vec![Block::Table(header)], notes: vec![] }).unwrap();
    assert!(got.notes.iter().any(|n| n.contains("嵌套过深")), "{:?}", got.notes);
    assert!(got.leftovers.iter().any(|l| l.text == "越界"));
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "权重", "指标性质", "度量单位", "总分", "合计",
        "评价等次", "年初预算数", "全年预算数", "全年执行数", "执行率", "年度资金总额", "其中：基本支出：1", "年度绩效目标 1：（5分）x",
        "预期目标", "实际完成情况", "填表人：张三 联系电话：1", "姓名", "职务", "单位", "全年预计完成情况", "编制数", "三公经费", "/", "无",
        "12.5", "100%", "abc", "", "（万元）", "（20 分）", "项目名称", "1-x", "附件2",
    ];

    fn cell() -> impl Strategy<Value = Cell> {
        (0usize..12, 0..WORDS.len(), 1usize..4, 1usize..4).prop_map(|(col, w, rs, cs)| Cell { row_span: rs, col_span: cs, ..Cell::new(col, WORDS[w]) })
    }

    fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            (0..WORDS.len()).prop_map(|w| Block::Paragraph(WORDS[w].to_string())),
            prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..12).prop_map(|rows| Block::Table(Table {
                name: String::new(),
                rows: rows.into_iter().map(|mut cells| {
                    cells.sort_by_key(|c| c.col);
                    Row { cells, hidden: false }
                }).collect(),
            })),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        /// Any grid gives a result or a Chinese error, never a panic, and every leftover names
        /// a place.
        #[test]
        fn any_grid_is_recognised_or_refused(blocks in prop::collection::vec(block(), 0..6)) {
            match recognize(&Document { blocks, notes: vec![] }) {
                Ok(got) => {
                    for l in &got.leftovers {
                        prop_assert!(l.table.is_none() || l.row >= 1 && l.column >= 1);
                    }
                    let _ = evaluate(&got.report);
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}

fn spans(rows: &[&[(usize, &str, usize, usize)]]) -> Table {
    Table {
        name: String::new(),
        rows: rows
            .iter()
            .map(|r| Row { cells: r.iter().map(|(c, t, rs, cs)| Cell { row_span: *rs, col_span: *cs, ..Cell::new(*c, *t) }).collect(), hidden: false })
            .collect(),
    }
}

/// Seed 004's 监控 table as its Word layout sets it.
#[test]
fn the_sichuan_monitor_table() {
    let t = spans(&[
        &[(0, "部门\n名称", 1, 1), (1, "遂宁市安居区总工会", 1, 7)],
        &[(0, "预算执行情况监控", 4, 1), (1, "总体资金情况\n（万元）", 4, 1), (2, "", 1, 1), (3, "全年预算数", 1, 1), (4, "全年执行数", 1, 1), (5, "偏差原因分析\n（偏差率在20%以上需填写）", 1, 2), (7, "拟采取的措施", 1, 1)],
        &[(2, "年度预算总额：", 1, 1), (3, "903.30", 1, 1), (4, "903.30", 1, 1), (5, "", 1, 2), (7, "", 1, 1)],
        &[(2, "其中：基本支出", 1, 1), (3, "844.68", 1, 1), (4, "844.68", 1, 1)],
        &[(2, "项目支出", 1, 1), (3, "58.62", 1, 1), (4, "58.62", 1, 1)],
        &[(0, "年度主要任务完成情况监控", 3, 1), (1, "年度主要任务完成情况", 1, 1), (2, "任务名称", 1, 1), (3, "年初主要内容", 1, 3), (6, "截止监控节点完成进度", 1, 2)],
        &[(1, "任务1", 1, 1), (2, "服务职工用心用情", 1, 1), (3, "以提升职工生活品质为目标。", 1, 3)],
        &[(1, "任务2", 1, 1), (2, "普惠活动做优做实", 1, 1), (3, "构建工会会员普惠商圈。", 1, 3)],
        &[(0, "绩效目标完成情况监控", 4, 1), (1, "一级指标", 1, 1), (2, "二级指标", 1, 1), (3, "三级指标", 1, 1), (4, "年初目标值", 1, 1), (5, "全年预计完成情况", 1, 1), (6, "偏差原因分析\n（偏差率在20%以上）", 1, 1), (7, "拟采取的措施", 1, 1)],
        &[(1, "产出指标", 2, 1), (2, "数量指标", 1, 1), (3, "科目调整次数", 1, 1), (4, "3", 1, 1), (5, "3", 1, 1)],
        &[(2, "数量指标", 1, 1), (3, "足额保障率", 1, 1), (4, "100%", 1, 1), (5, "100%", 1, 1)],
        &[(1, "效益指标", 1, 1), (2, "社会效益", 1, 1), (3, "结余率", 1, 1), (4, "100%", 1, 1), (5, "100%", 1, 1)],
    ]);
    let doc = Document { blocks: vec![Block::Paragraph("部门整体支出绩效自评表".into()), Block::Table(t)], notes: vec![] };
    let got = recognize(&doc).unwrap();
    assert_eq!(got.tables[0].path, "monitor");
    let m = got.report.monitor.as_ref().unwrap();
    assert_eq!(m.name, "遂宁市安居区总工会");
    let money = |p: &str| [edit::get(&got.report, &format!("monitor.{p}.budget")), edit::get(&got.report, &format!("monitor.{p}.executed"))];
    assert_eq!(money("total"), ["903.3", "903.3"]);
    assert_eq!(money("basic"), ["844.68", "844.68"]);
    assert_eq!(money("project"), ["58.62", "58.62"]);
    let tasks: Vec<&str> = m.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tasks, ["服务职工用心用情", "普惠活动做优做实"]);
    assert_eq!(m.tasks[0].content, "以提升职工生活品质为目标。");
    let rows: Vec<(&str, &str, &str, &str)> = m.indicators.iter().map(|i| (i.level1.as_str(), i.name.as_str(), i.target.as_str(), i.expected.as_str())).collect();
    assert_eq!(rows, [("产出指标", "科目调整次数", "3", "3"), ("产出指标", "足额保障率", "100%", "100%"), ("效益指标", "结余率", "100%", "100%")]);
    assert!(got.leftovers.is_empty(), "{:#?}", got.leftovers);
}

/// Seed 000's 附件1 基础数据表 as printed (figures in 元 under a 万元 header, kept as printed).
#[test]
fn the_hunan_basic_data_table() {
    let three = |label: &'static str, a: &'static str, b: &'static str, c: &'static str| -> Vec<(usize, &'static str, usize, usize)> {
        vec![(0, label, 1, 1), (1, a, 1, 1), (2, b, 1, 1), (3, c, 1, 1)]
    };
    let rows: Vec<Vec<(usize, &str, usize, usize)>> = vec![
        three("财政供养人员情况(人)", "编制数", "2024年实际在职人数", "控制率"),
        three("", "37", "33", "89%"),
        three("经费控制情况(万元)", "2023年决算数", "2024年预算数", "2024年决算数"),
        three("三公经费", "", "", ""),
        three("1、公务用车购置和维护经费", "0", "0", "0"),
        three("其中：公车购置", "", "", ""),
        three("2、出国经费", "0", "0", "0"),
        three("3、公务接待", "0", "0", "0"),
        three("项目支出：", "", "", ""),
        three("1、业务工作经费", " 4479209", "135600", "7426775.36"),
        three("3、市级专项资金(一个专项一行)", "", "", ""),
        three("帮扶资金", " 1000000", "1000000", "1000000"),
        three("劳模慰问", "900000", "900000", "900000"),
        three("公用经费", "", "", ""),
        three("部门基本支出预算调整", "11444250.88", "7907700", "29518300"),
        vec![(0, "楼堂馆所控制情况 (2024年完工项目)", 1, 1), (1, "批复规模 (m²)", 1, 1), (2, "实际规 模(m²)", 1, 1), (3, " 规模控制 率", 1, 1)],
        three("", "", "", ""),
        vec![(0, "厉行节约保障措施", 1, 1), (1, "严控三公经费", 1, 3)],
    ];
    let refs: Vec<&[(usize, &str, usize, usize)]> = rows.iter().map(Vec::as_slice).collect();
    let doc = Document { blocks: vec![Block::Paragraph("附件1".into()), Block::Table(spans(&refs))], notes: vec![] };
    let got = recognize(&doc).unwrap();
    assert_eq!(got.tables[0].what, "基础数据表");
    let r = &got.report;
    let g = |p: &str| edit::get(r, &format!("basic_data.{p}"));
    assert_eq!([g("staff_quota"), g("staff_actual"), g("declared_control_rate_percent"), g("unit")], ["37", "33", "89", "万元"]);
    assert_eq!([g("business.prev_final"), g("business.budget"), g("business.final_")], ["4479209", "135600", "7426775.36"]);
    assert_eq!([g("cars.final_"), g("basic_adjustment.final_")], ["0", "29518300"]);
    let b = r.basic_data.as_ref().unwrap();
    let specials: Vec<&str> = b.specials.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(specials, ["帮扶资金", "劳模慰问"]);
    assert_eq!(g("specials[1].values.budget"), "900000");
    assert!(b.buildings.is_empty(), "an empty 楼堂馆所 row is no building");
    assert_eq!(b.frugality, "严控三公经费");
    assert!(got.leftovers.is_empty(), "{:#?}", got.leftovers);
    // Seed 000's staff control rate follows: 33 / 37.
    assert_eq!(evaluate(r).staff_control_rate.map(jixiao::model::num::fmt_rate).as_deref(), Some("89.19%"));
}

#[test]
fn a_unit_line_above_the_table_sets_the_unit() {
    let mut doc = grid("seed-000-附件3.docx");
    let at = doc.blocks.iter().position(|b| matches!(b, Block::Table(_))).unwrap();
    doc.blocks.insert(at, Block::Paragraph("金额单位：元".into()));
    let got = recognize(&doc).unwrap();
    // The 项目资金(万元) label inside the table wins over the line above it.
    assert_eq!(edit::get(&got.report, "projects[0].unit"), "万元");
    let mut doc = grid("seed-004-劳模经费.docx");
    doc.blocks.insert(0, Block::Paragraph("单位：元".into()));
    let got = recognize(&doc).unwrap();
    assert_eq!(edit::get(&got.report, "projects[0].unit"), "万元", "年度预算数（万元） in the table");
    let doc = Document { blocks: vec![Block::Paragraph("单位：元".into()), Block::Table(table(&[&[(0, "一级指标"), (1, "二级指标"), (2, "三级指标")]]))], notes: vec![] };
    assert_eq!(edit::get(&recognize(&doc).unwrap().report, "overall.unit"), "元");
}

/// 附件1, 附件2 and 附件3 of seed 000 in one Word document: each 填表人 line belongs to the
/// table above it, and a line under the 基础数据表 (which has no such field) is left over.
#[test]
fn a_whole_hunan_document_with_three_attachments() {
    let mut blocks = vec![
        Block::Paragraph("附件1".into()),
        Block::Table(table(&[&[(0, "财政供养人员情况(人)"), (1, "编制数"), (2, "实际在职人数"), (3, "控制率")], &[(1, "37"), (2, "33"), (3, "89%")]])),
        Block::Paragraph("填表人：周彬   单位负责人签字：喻文".into()),
    ];
    blocks.extend(grid("seed-000-附件2.docx").blocks);
    blocks.extend(grid("seed-000-附件3.docx").blocks);
    let got = recognize(&Document { blocks, notes: vec![] }).unwrap();
    let paths: Vec<(&str, usize)> = got.tables.iter().map(|t| (t.path.as_str(), t.table)).collect();
    assert_eq!(paths, [("basic_data", 1), ("overall", 2), ("projects[0]", 3)]);
    let r = &got.report;
    assert_eq!(r.overall.as_ref().unwrap().filled_by, "周彬");
    assert_eq!(r.overall.as_ref().unwrap().head, "");
    assert_eq!(r.projects[0].filled_by, "刘倩");
    assert!(got.leftovers.iter().any(|l| l.to_string() == "表格外文字：“填表人：周彬   单位负责人签字：喻文”"), "{:#?}", got.leftovers);
    let e = evaluate(&Report { rule_pack: got.proposal.rule_pack.clone(), ..r.clone() });
    let totals: Vec<String> = e.tables.iter().map(|t| t.total.map(fmt2).unwrap_or_default()).collect();
    assert_eq!(totals, ["98.00", "100.00"]);
    assert_eq!(e.staff_control_rate.map(jixiao::model::num::fmt_rate).as_deref(), Some("89.19%"));
}

/// A budget block without a 总额 row (the figures right under the header) and 分值 written
/// "5分": read as the figures they are.
#[test]
fn a_budget_row_without_a_total_label_and_points_with_fen() {
    let doc = Document {
        blocks: vec![Block::Table(table(&[
            &[(0, "项目名称"), (1, "职工培训")],
            &[(0, "项目资金（万元）"), (1, "年初预算数"), (2, "全年预算数"), (3, "全年执行数"), (4, "分值"), (5, "执行率"), (6, "得分")],
            &[(1, "10"), (2, "10"), (3, "9"), (4, "10分"), (5, "90%"), (6, "9")],
            &[(0, "一级指标"), (1, "二级指标"), (2, "三级指标"), (3, "年度指标值"), (4, "实际完成值"), (5, "分值"), (6, "得分")],
            &[(0, "产出指标"), (1, "数量指标"), (2, "培训人次"), (3, "≥100人次"), (4, "120人次"), (5, "90分"), (6, "90 分")],
            &[(0, "总分"), (6, "99分")],
        ]))],
        notes: vec![],
    };
    let got = recognize(&doc).unwrap();
    let g = |f: &str| edit::get(&got.report, &format!("projects[0].{f}"));
    let budget = ["initial", "adjusted", "executed", "weight", "declared_rate_percent", "declared_score"].map(|f| g(&format!("budget.{f}")));
    assert_eq!(budget, ["10", "10", "9", "10", "90", "9"]);
    assert_eq!([g("indicators[0].weight"), g("indicators[0].declared_score"), g("declared_total"), g("unit")], ["90", "90", "99", "万元"]);
    assert!(got.leftovers.is_empty(), "{:#?}", got.leftovers);
    let total = evaluate(&Report { rule_pack: "central-2020".into(), ..got.report.clone() }).tables[0].total.map(fmt2);
    assert_eq!(total.as_deref(), Some("99.00"));
}
