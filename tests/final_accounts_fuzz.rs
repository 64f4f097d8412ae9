//! Bounded property tests of the 部门决算 (issue 24) against hostile input, as the brief asks of
//! every reader: tables of random 决算 words, codes and strange numbers; saved JSON mutated;
//! editor operations out of range or with strange text; written 说明 of random sentences. None
//! panics, and whatever is recognised or kept goes through every output (checks, the drafted 说明,
//! charts, the editor's and the print HTML, the saved JSON and back, Word and Excel) without one.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod fa_common;

use proptest::prelude::*;

use jixiao::model::exchange::grid::{Block, Cell, Document, Row, Table};
use jixiao::model::final_accounts::{check, draft, json, page, session, statement, FinalAccounts};
use jixiao_office::final_accounts::{recognize::recognize, word, xlsx};

/// Words a 决算 table is made of: titles, headers, row names, units and notes.
const WORDS: &[&str] = &[
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
    "财政拨款“三公”经费支出决算表", "公开01表", "单位：万元", "金额单位：元", "编制单位：某区总工会", "项目", "行次", "金额",
    "科目编码", "科目名称", "类", "款", "项", "合计", "总计", "本年收入合计", "本年支出合计", "基本支出", "项目支出",
    "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "年初结转和结余", "年末结转和结余",
    "人员经费", "公用经费", "预算数", "决算数", "因公出国（境）费", "公务用车购置及运行费", "购置费", "运行费", "公务接待费",
    "一、一般公共预算财政拨款收入", "一、一般公共服务支出", "使用非财政拨款结余", "结余分配", "栏次", "注：本表反映本年度收支。",
    "本单位无政府性基金预算财政拨款收入、支出和结转结余，故本表为空表。", "", "", "",
];

/// Codes and numbers, well formed and not.
const FIGURES: &[&str] = &[
    "201", "20129", "2012901", "208", "20805", "2080505", "301", "30101", "302", "30201", "310", "01", "29", "[201]",
    "0", "0.00", "465.38", "1,234,567.89", "１２３．４５", "-12.5", "(3.00)", "—", "/", "-", "1e400", "NaN", "99999999999999999999999999999999",
    "0.000000000000000000000000001", "12.345%", "五十", "１", "  7  ", "\u{3000}", "1.2.3", "+", "%",
];

fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(WORDS).prop_map(str::to_string),
        prop::sample::select(FIGURES).prop_map(str::to_string),
        "[0-9,.\\-]{0,12}",
        "\\PC{0,6}",
    ]
}

fn table() -> impl Strategy<Value = Table> {
    let row = prop::collection::vec(cell_text(), 0..9);
    (prop::sample::select(WORDS), prop::collection::vec(row, 0..14)).prop_map(|(name, rows)| Table {
        name: name.to_string(),
        rows: rows.into_iter().map(|cells| Row { cells: cells.iter().enumerate().map(|(i, t)| Cell::new(i, t.as_str())).collect(), hidden: false }).collect(),
    })
}

fn document() -> impl Strategy<Value = Document> {
    let block = prop_oneof![
        table().prop_map(Block::Table),
        prop::sample::select(WORDS).prop_map(|w| Block::Paragraph(w.to_string())),
        "\\PC{0,40}".prop_map(Block::Paragraph),
    ];
    prop::collection::vec(block, 0..8).prop_map(|blocks| Document { blocks, notes: vec![] })
}

/// seed 004's tables as the .xlsx reader gives them (the starting point of the mutations below).
fn seed_tables() -> Vec<Table> {
    let doc = jixiao_office::read::read("决算.xlsx", &xlsx(&fa_common::seed004()), &jixiao_office::read::decode).unwrap();
    doc.blocks.into_iter().filter_map(|b| match b { Block::Table(t) => Some(t), _ => None }).collect()
}

/// The mutations start from a document that is recognised whole, so they test the recogniser.
#[test]
fn the_unmutated_seed_tables_are_recognised() {
    let doc = Document { blocks: seed_tables().into_iter().map(Block::Table).collect(), notes: vec![] };
    let fa = recognize(&doc).expect("recognised");
    assert_eq!(fa.tables.len(), 9);
    every_output(&fa);
}

/// Every output of a document; none may panic.
fn every_output(fa: &FinalAccounts) {
    let _ = check::check_rows(fa);
    let _ = check::review_lines(fa);
    let _ = draft::draft_text(fa);
    let _ = page::editor_html(fa, None, &[]);
    let _ = page::print_html(fa);
    let saved = json::save(fa);
    let back = json::load(&saved).expect("a saved document loads again");
    assert_eq!(json::save(&back), saved, "saved → loaded → saved is stable");
    assert!(!word::docx(fa).is_empty());
    assert!(!xlsx(fa).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, max_shrink_iters: 200, ..ProptestConfig::default() })]

    /// Random tables of 决算 words and strange figures are recognised or not, never a panic;
    /// what is recognised goes through every output.
    #[test]
    fn random_tables_never_panic(doc in document()) {
        if let Some(fa) = recognize(&doc) {
            every_output(&fa);
        }
    }

    /// Saved JSON with a stretch cut out or replaced loads or says why, never panics.
    #[test]
    fn mutated_saved_json_never_panics(at in 0usize..20_000, cut in 0usize..200, with in "\\PC{0,8}") {
        let text = json::save(&fa_common::seed004());
        let chars: Vec<char> = text.chars().collect();
        let at = at % chars.len();
        let end = (at + cut).min(chars.len());
        let mutated: String = chars[..at].iter().chain(with.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        match json::load(&mutated) {
            Ok(fa) => every_output(&fa),
            Err(message) => prop_assert!(!message.is_empty()),
        }
        let _ = session::run_wire("{\"op\":\"open\"}", &mutated, "");
        let _ = session::review_wire(&mutated);
    }
}

proptest! {
    // Each case writes Word and Excel of a whole document (debug builds: ≈0.2 s).
    #![proptest_config(ProptestConfig { cases: 40, max_shrink_iters: 100, ..ProptestConfig::default() })]

    /// The seed's tables with random cells overwritten: recognised, and every output holds.
    #[test]
    fn seed_tables_with_strange_cells(edits in prop::collection::vec((0usize..9, 0usize..40, 0usize..8, cell_text()), 1..12)) {
        let mut tables = seed_tables();
        for (t, r, c, text) in edits {
            let Some(table) = tables.get_mut(t) else { continue };
            let n = table.rows.len().max(1);
            let Some(row) = table.rows.get_mut(r % n) else { continue };
            let m = row.cells.len().max(1);
            if let Some(cell) = row.cells.get_mut(c % m) {
                *cell = Cell { text, ..cell.clone() };
            }
        }
        let doc = Document { blocks: tables.into_iter().map(Block::Table).collect(), notes: vec![] };
        if let Some(fa) = recognize(&doc) {
            every_output(&fa);
        }
    }

    /// A written 说明 of random sentences over the seed's tables is checked, never a panic.
    #[test]
    fn random_statements_are_checked(sentences in prop::collection::vec((prop::sample::select(WORDS), prop::sample::select(FIGURES), prop::sample::select(&["增加", "减少", "持平", "占", "完成年初预算的", "主要原因是", "。", "%", "万元"][..])), 0..30)) {
        let mut fa = fa_common::seed004();
        fa.statement = sentences.iter().map(|(w, f, k)| format!("{w}{f}{k}{f}%。")).collect::<Vec<_>>().join("\n");
        let _ = statement::check_statement(&fa);
        every_output(&fa);
    }
}

proptest! {
    // Each case redraws the whole editor per operation and writes Word and Excel at the end.
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 100, ..ProptestConfig::default() })]

    /// Editor operations with any indices and text answer a document or a message.
    #[test]
    fn editor_operations_never_panic(ops in prop::collection::vec((0u8..6, 0usize..12, 0usize..300, 0usize..12, cell_text()), 1..8)) {
        let mut text = json::save(&fa_common::seed003());
        for (kind, table, row, col, typed) in ops {
            let op = match kind {
                0 => session::Op::Set { table, row, col, text: typed },
                1 => session::Op::Paste { table, row, col, text: format!("{typed}\t{typed}\n1\t2\t3\n\n{typed}") },
                2 => session::Op::AddRow { table, code: typed.clone(), name: typed },
                3 => session::Op::RemoveRow { table, row },
                4 => session::Op::Statement { text: format!("本年收入合计{typed}万元，比上年增加{typed}%，占{typed}%。") },
                _ => session::Op::LastYear { key: typed.clone(), text: typed },
            };
            match session::run(&op, &text) {
                Ok(answer) => {
                    prop_assert!(json::load(&answer.json).is_ok());
                    text = answer.json;
                }
                Err(message) => prop_assert!(!message.is_empty()),
            }
        }
        every_output(&json::load(&text).unwrap());
    }
}
