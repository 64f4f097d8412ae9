//! 部门决算: the seeds' tables built from their 说明 are consistent; each identity catches a
//! deliberate error; the 说明 checks find seed 003's "5.9%" and "完成 0%" and seed 004's
//! errors; the draft and the charts; the JSON round trip.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod fa_common;

use fa_common::{d, seed003, seed004};
use jixiao::model::chart::{alt_text, draw, ChartKind};
use jixiao_office::final_accounts::{chart, check, draft, facts, json, statement, FinalAccounts};
use jixiao::model::finding::Finding;

fn table_findings(fa: &FinalAccounts) -> Vec<Finding> {
    check::check_tables(fa).0
}

fn text_findings(fa: &FinalAccounts) -> Vec<Finding> {
    statement::check_statement(fa).0
}

fn show(f: &[Finding]) -> String {
    f.iter().map(|f| format!("{} {} {}", f.code, f.path, f.message)).collect::<Vec<_>>().join("\n")
}

fn set(fa: &mut FinalAccounts, form: &str, code: &str, col: usize, value: &str) {
    let t = fa.tables.iter_mut().find(|t| t.form == form).unwrap();
    let r = t.rows.iter_mut().find(|r| r.code == code).unwrap_or_else(|| panic!("{form} {code}"));
    r.values[col] = Some(d(value));
}

#[test]
fn seed_tables_are_consistent() {
    for fa in [seed003(), seed004()] {
        let f = table_findings(&fa);
        assert!(f.is_empty(), "{}", show(&f));
    }
    let f = facts::facts(&seed003());
    assert_eq!(f.total_in, Some(d("465.38")));
    assert_eq!(f.basic, Some(d("315.18")));
    assert_eq!(f.project, Some(d("150.20")));
    assert_eq!(f.gpb_budget, Some(d("360.05")));
    assert_eq!(f.personnel, Some(d("304.61")));
    let f = facts::facts(&seed004());
    assert_eq!(f.total_in, Some(d("903.30")));
    assert_eq!(f.gpb, Some(d("901.30")));
    assert_eq!(f.fund, Some(d("2")));
    assert_eq!(f.basic, Some(d("844.68")));
    assert_eq!(f.public, Some(d("706.48")));
}

/// Seed 004 with one deliberate error of each kind (the fixture `errors.json`).
pub fn with_errors() -> FinalAccounts {
    let mut fa = seed004();
    set(&mut fa, "t3", "2012901", 1, "264.75"); // row: 基本支出 ≠ 合计 − 项目 (0.01: rounding)
    set(&mut fa, "t2", "201", 0, "852.15"); // 类 ≠ its 款
    set(&mut fa, "t9", "actual", 0, "0.69"); // 三公 合计 ≠ parts
    set(&mut fa, "t6", "public", 0, "700"); // 公用经费合计 ≠ classes; 基本支出 link
    set(&mut fa, "t4", "out.carry", 1, "5"); // 年初 + 收入 − 支出 ≠ 年末
    fa.statement = fa.statement.replace("2024年度本年收入合计903.30万元", "2024年度本年收入合计90.33万元").replace("本单位当年无", "");
    fa.statement.push_str("\n八、政府性基金预算财政拨款收入支出决算情况说明\n本单位当年无政府性基金预算财政拨款收入支出。");
    fa
}

fn codes(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn each_identity_catches_its_error() {
    let cases: &[(&str, &str, usize, &str, &str, &str)] = &[
        ("t1", "in.total", 0, "900", "fa.sum.rows", "本年收入合计应等于一至八项收入之和"),
        ("t1", "in.grand", 0, "904.30", "fa.sum.rows", "收入总计应等于"),
        ("t1", "out.grand", 0, "903.31", "fa.sum.balance", "支出总计应等于收入总计"),
        ("t1", "201", 0, "851.16", "fa.link", "同类合计"),
        ("t2", "2012901", 0, "264.70", "fa.sum.columns", "应等于财政拨款收入"),
        ("t3", "20129", 0, "851.00", "fa.sum.rows", "所属各项之和"),
        ("t3", "", 0, "903.00", "fa.sum.rows", "应等于各类之和"),
        ("t4", "in.total", 0, "903.00", "fa.sum.rows", "三类财政拨款收入之和"),
        ("t4", "out.carry", 2, "1", "fa.fund.balance", "年初结转和结余 0.00 + 本年收入 2.00 − 本年支出 2.00"),
        ("t5", "2012999", 3, "56", "fa.sum.columns", "基本支出 + 项目支出"),
        ("t5", "", 1, "901.00", "fa.link", "一般公共预算财政拨款支出决算表》合计"),
        ("t6", "personnel", 0, "138.00", "fa.sum.rows", "人员经费合计应等于"),
        ("t6", "301", 0, "125.00", "fa.sum.rows", "所属各款之和"),
        ("t7", "2296002", 5, "1", "fa.fund.balance", "应等于年末结转和结余"),
        ("t9", "budget", 0, "1", "fa.sangong", "合计应等于因公出国"),
        ("t9", "actual", 2, "0.10", "fa.sangong", "购置费 + 运行费"),
    ];
    for (form, code, col, value, want, words) in cases {
        let mut fa = seed004();
        set(&mut fa, form, code, *col, value);
        let f = table_findings(&fa);
        assert!(
            f.iter().any(|x| x.code == *want && x.message.contains(words)),
            "{form} {code} {col} = {value}: want {want} with “{words}”, got:\n{}",
            show(&f)
        );
    }
}

#[test]
fn a_gap_of_one_cent_is_named_rounding() {
    let mut fa = seed004();
    set(&mut fa, "t3", "2012901", 1, "264.75");
    let f = table_findings(&fa);
    let hit = f.iter().find(|x| x.path.starts_with("tables[2].rows[")).unwrap_or_else(|| panic!("{}", show(&f)));
    assert_eq!(hit.severity, jixiao::model::Severity::Warning);
    assert!(hit.message.contains("相差 0.01，是四舍五入的尾差"), "{}", hit.message);
}

#[test]
fn the_error_document_shows_every_kind() {
    let fa = with_errors();
    let f = table_findings(&fa);
    for code in ["fa.sum.rows", "fa.sum.columns", "fa.sangong", "fa.fund.balance", "fa.link"] {
        assert!(codes(&f).contains(&code), "{code} missing:\n{}", show(&f));
    }
    let t = text_findings(&fa);
    assert!(t.iter().any(|x| x.code == "fa.text.amount" && x.message.contains("903.30") && x.message.contains("90.33")), "{}", show(&t));
    assert!(t.iter().any(|x| x.code == "fa.text.empty_table"), "{}", show(&t));
}

#[test]
fn seed_003_statement_findings() {
    let f = text_findings(&seed003());
    let share = f.iter().find(|x| x.message.contains("5.9%")).unwrap_or_else(|| panic!("{}", show(&f)));
    assert_eq!(share.code, "fa.text.rate");
    assert!(share.message.contains("27.85 ÷ 一般公共预算财政拨款支出 465.38") && share.message.contains("应写6.0%"), "{}", share.message);
    let zero = f.iter().find(|x| x.code == "fa.text.zero_budget" && x.message.contains("死亡抚恤")).unwrap_or_else(|| panic!("{}", show(&f)));
    assert!(zero.message.contains("不应写“完成0%”"), "{}", zero.message);
    assert!(f.iter().any(|x| x.code == "fa.text.rate" && x.message.contains("99.9%") && x.message.contains("应写100.0%")), "{}", show(&f));
    // 职业年金: 0 of 11.48 is a true 0%, not a finding; 6% for 27.74 / 465.38 is right.
    assert!(!f.iter().any(|x| x.message.contains("职业年金")), "{}", show(&f));
    assert!(!f.iter().any(|x| x.message.contains("卫生健康")), "{}", show(&f));
    // Every other amount, change and rate of the seed agrees with the tables.
    let errors: Vec<&Finding> = f.iter().filter(|x| x.severity == jixiao::model::Severity::Error).collect();
    assert_eq!(errors.len(), 4, "{}", show(&f));
}

#[test]
fn seed_004_statement_findings() {
    let f = text_findings(&seed004());
    assert!(f.iter().any(|x| x.code == "fa.text.rounding" && x.message.contains("94.43%") && x.message.contains("应写94.44%")), "{}", show(&f));
    assert!(f.iter().any(|x| x.code == "fa.text.direction" && x.message.contains("不是基本持平")), "{}", show(&f));
    assert!(f.iter().any(|x| x.code == "fa.text.rate" && x.message.contains("0.78%") && x.message.contains("7.81%")), "{}", show(&f));
    // 十、其他重要事项: 0.24 / 706.72 is 0.03%, not 0.33%; a 0 amount cannot be 100% of anything.
    assert!(f.iter().any(|x| x.code == "narrative.change" && x.message.contains("0.33%") && x.message.contains("0.03%")), "{}", show(&f));
    assert_eq!(f.iter().filter(|x| x.code == "fa.text.rate" && x.message.contains("金额为 0 万元")).count(), 2, "{}", show(&f));
    let errors: Vec<&Finding> = f.iter().filter(|x| x.severity == jixiao::model::Severity::Error).collect();
    assert_eq!(errors.len(), 5, "{}", show(&f));
}

#[test]
fn direction_words_and_missing_reasons() {
    let mut fa = seed003();
    fa.statement = "一、收入支出决算总体情况说明\n2024 年度收、支总计均为 465.38 万元。与 2023 年度相比，收、支总计各增加 77.76 万元，增长 14.3%。".into();
    let f = text_findings(&fa);
    assert!(f.iter().any(|x| x.code == "fa.text.direction" && x.message.contains("应为减少")), "{}", show(&f));
    assert!(f.iter().any(|x| x.code == "fa.text.reason"), "{}", show(&f));
    assert!(f.iter().any(|x| x.code == "fa.text.empty_missing" && x.message.contains("国有资本经营")), "{}", show(&f));
    fa.statement = "一、收入支出决算总体情况说明\n2024 年度收、支总计均为 465.38 万元，与上年持平。主要原因：".into();
    let f = text_findings(&fa);
    assert!(f.iter().any(|x| x.code == "fa.text.direction" && x.message.contains("不是持平")), "{}", show(&f));
    assert!(f.iter().any(|x| x.code == "fa.text.reason_empty"), "{}", show(&f));
}

#[test]
fn the_drafted_statement_checks_clean_and_flags_reasons() {
    for fa in [seed003(), seed004()] {
        let (sections, gaps) = draft::draft(&fa);
        assert!(sections.len() >= 9);
        let mut drafted = fa.clone();
        drafted.statement = draft::draft_text(&fa);
        let f = text_findings(&drafted);
        let wrong: Vec<&Finding> = f.iter().filter(|x| x.code != "fa.text.reason_empty" && x.code != "fa.text.reason" && x.code != "fa.text.zero_budget").collect();
        assert!(wrong.is_empty(), "{}\n---\n{}", show(&f), drafted.statement);
        assert!(!gaps.is_empty());
    }
    let text = draft::draft_text(&seed003());
    assert!(text.contains("收、支总计均为465.38万元。与上年相比减少77.76万元，下降14.32%"), "{text}");
    assert!(text.contains("住房保障（类）27.85万元，占5.98%"), "{text}");
    assert!(text.contains("年初预算为0，无法计算完成率"), "{text}");
    assert!(text.contains(draft::REASON_PLACEHOLDER));
    let text = draft::draft_text(&seed004());
    assert!(text.contains("一般公共服务（类）851.15万元，占94.44%"), "{text}");
}

#[test]
fn six_charts_with_text() {
    let charts = chart::charts(&seed004());
    assert_eq!(charts.len(), 6);
    let kinds: Vec<ChartKind> = charts.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChartKind::Bar, ChartKind::Pie, ChartKind::Pie, ChartKind::Bar, ChartKind::Bar, ChartKind::Pie]);
    for (i, c) in charts.iter().enumerate() {
        assert!(c.title.starts_with(&format!("图{}", i + 1)));
        assert_eq!(c.unit, "万元");
        let svg = draw(c).svg;
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && svg.contains("<title>"));
    }
    assert_eq!(alt_text(&charts[0]), "图1：收、支决算总计变动情况：2023年度 875.10万元；2024年度 903.30万元。");
    assert!(alt_text(&charts[1]).contains("一般公共预算财政拨款收入 901.30万元，占 99.78%"), "{}", alt_text(&charts[1]));
    // The pie of 图6 is drawn by the model's pie: its slices start at 12 o'clock of (110, 126).
    assert!(draw(&charts[5]).svg.contains("<path d=\"M110 126 L110 36 "), "{}", draw(&charts[5]).svg);
}

#[test]
fn json_round_trip_and_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/final_accounts");
    for (name, fa) in [("seed-003.json", seed003()), ("seed-004.json", seed004()), ("errors.json", with_errors())] {
        let text = json::save(&fa);
        assert!(!text.contains(": 1.") && text.contains("\"jixiao-final-accounts\""));
        let back = json::load(&text).unwrap();
        assert_eq!(back, fa);
        assert_eq!(json::save(&back), text);
        let path = dir.join(name);
        if std::env::var_os("UPDATE_FA_FIXTURES").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name} is stale: UPDATE_FA_FIXTURES=1");
    }
    assert!(json::load("{\"format\":\"jixiao-report\",\"version\":1}").unwrap_err().contains("不是部门决算"));
    assert!(json::load("{\"format\":\"jixiao-final-accounts\",\"version\":9}").unwrap_err().contains("更新版本"));
    let bad = json::save(&seed003()).replacen("\"218.63\"", "\"abc\"", 1);
    assert!(json::load(&bad).unwrap_err().contains("values"));
}

#[test]
fn a_changed_figure_moves_the_draft_and_the_charts() {
    use jixiao_office::final_accounts::build::{build, Item, Kind, Spec};
    let item = |code: &str, basic: &str| Item { code: code.into(), kuan: "群众团体事务".into(), name: "行政运行".into(), kind: Kind::Gpb, basic: d(basic), project: d("0"), budget: Some(d("100")) };
    let spec = |v: &str| Spec { year: "2024".into(), department: "单位".into(), items: vec![item("2012901", v)], ..Spec::default() };
    let before = build(&spec("100"));
    let after = build(&spec("120"));
    assert!(draft::draft_text(&before).contains("完成年初预算的100.00%"));
    let text = draft::draft_text(&after);
    assert!(text.contains("收、支总计均为120.00万元") && text.contains("完成年初预算的120.00%") && text.contains("决算数大于年初预算数的主要原因：（请填写）"), "{text}");
    assert!(alt_text(&chart::charts(&after)[0]).contains("2024年度 120.00万元"));
    assert!(draw(&chart::charts(&after)[0]).svg.contains(">120.00万元</text>"));
}

#[test]
fn odd_statements_never_panic() {
    let mut fa = seed004();
    for text in ["", "一、", "占%", "万元万元%%", "一、收入支出决算总体情况说明\n收、支总计,,,万元，增长%。", "九、三公\n“三公”经费全年预算为 0 万元，完成预算的 %", &"五、一般公共预算\n行政运行01（项）支出决算为1万元，占1%。".repeat(50)] {
        fa.statement = text.into();
        let _ = text_findings(&fa);
        let _ = statement::sentences(text);
    }
}

/// A saved (or recognised) 收入决算表 whose figure columns were not found still has its 项 rows:
/// Excel and Word give the table's rows instead of failing on the 合计 column it lacks.
#[test]
fn a_table_without_figure_columns_still_exports() {
    let text = r#"{"format":"jixiao-final-accounts","version":1,"app_version":"x","accounts":{"year":"2024","department":"某单位","unit":"某单位",
        "tables":[{"form":"t2","title":"收入决算表","columns":[],"rows":[{"code":"2010101","name":"行政运行","values":[]}]}]}}"#;
    let saved = json::load(text).unwrap();
    // The same from a web page whose figure columns have headers the recogniser does not know.
    let page = "<p>收入决算表</p><table><tr><td>科目编码</td><td>科目名称</td><td>甲</td></tr><tr><td>2010101</td><td>行政运行</td><td>10</td></tr></table>\
                <p>支出决算表</p><table><tr><td>科目编码</td><td>科目名称</td><td>乙</td></tr><tr><td>2010101</td><td>行政运行</td><td>10</td></tr></table>";
    let Ok(jixiao_office::import::Opened::FinalAccounts(recognised)) = jixiao_office::import::open("决算.html", page.as_bytes(), &jixiao_office::read::decode) else {
        panic!("the page opens as a 决算")
    };
    assert!(recognised.tables[0].columns.is_empty(), "{recognised:?}");
    // Said as an error on each such table, not passed as a table without errors.
    let said: Vec<String> = jixiao_office::final_accounts::check::check_tables(&recognised).0.into_iter().filter(|f| f.code == "fa.columns").map(|f| f.message).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].starts_with("《收入决算表》的表头中没有找到数字列（本年收入合计") && said[0].contains("1 行的数字均未读入"), "{said:?}");
    for fa in [saved, *recognised] {
        for (name, bytes) in [("x.xlsx", jixiao_office::final_accounts::xlsx(&fa)), ("x.docx", jixiao_office::final_accounts::word::docx(&fa))] {
            let doc = jixiao_office::read::read(name, &bytes, &jixiao_office::read::decode).unwrap();
            let cells: Vec<String> = doc.tables().flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.text.clone()))).collect();
            assert!(cells.iter().any(|c| c == "行政运行"), "{name}: {cells:?}");
        }
    }
}

/// A 决算 file that does not load says why once, in the loader's words, naming the table and row
/// (the path only in brackets), without a doubled 。.
#[test]
fn a_final_accounts_file_that_does_not_load_says_why_in_words() {
    use jixiao_office::import::open;
    let fa = seed004();
    let mut v: serde_json::Value = serde_json::from_str(&json::save(&fa)).unwrap();
    v["accounts"]["tables"][1]["rows"][0]["values"][0] = "abc".into();
    let text = v.to_string();
    let bad_figure = open("决算.json", text.as_bytes(), &jixiao_office::read::decode).map(|_| ()).unwrap_err().to_string();
    let title = &fa.tables[1].title;
    let name = &fa.tables[1].rows[0].name;
    assert!(bad_figure.starts_with(&format!("《{title}》“{name}”的第 1 个数有误：“abc”不是有效的数字")), "{bad_figure}");
    assert!(bad_figure.contains("（字段 accounts.tables[1].rows[0].values[0]）"), "{bad_figure}");
    v["version"] = 2.into();
    let newer = v.to_string();
    let newer = open("决算.json", newer.as_bytes(), &jixiao_office::read::decode).map(|_| ()).unwrap_err().to_string();
    assert!(newer.starts_with("该文件由更新版本的应用生成（格式版本 2）"), "{newer}");
    for e in [bad_figure, newer] {
        assert!(!e.contains("。。") && !e.contains("字段 accounts 有误"), "{e}");
    }
}

/// A 决算 file whose keys another tool reordered (`format` last, as `jq -S` or a sorted dump
/// writes it) still opens as a 决算, not as "其他格式的文件".
#[test]
fn a_final_accounts_file_with_its_keys_sorted_opens() {
    use jixiao_office::import::{open, Opened};
    let fa = seed004();
    let v: serde_json::Value = serde_json::from_str(&json::save(&fa)).unwrap();
    let sorted = serde_json::to_string_pretty(&v).unwrap();
    assert!(sorted.find("\"format\"") > sorted.find("\"accounts\""), "the keys come sorted");
    match open("决算.json", sorted.as_bytes(), &jixiao_office::read::decode) {
        Ok(Opened::FinalAccounts(opened)) => assert_eq!(*opened, fa),
        Ok(_) => panic!("opened as a 自评 report"),
        Err(e) => panic!("{e}"),
    }
}
