//! 部门决算 out and in: the .docx opened by LibreOffice shows the tables, the 说明 and the six
//! charts; the .xlsx keeps totals as formulas and, imported, gives its tables back.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod fa_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use fa_common::{seed003, seed004};
use jixiao_office::import::{open, Opened};
use jixiao_office::read;
use jixiao_office::final_accounts::{check, word, FinalAccounts};

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-fa-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn soffice(dir: &Path, to: &str, file: &str) {
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}"), "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(dir.join(file))
        .output()
        .expect("LibreOffice (soffice) is needed: run scripts/setup.sh");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext is needed");
    String::from_utf8(out.stdout).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn libreoffice_shows_tables_statement_and_six_charts() {
    let dir = tmp("docx");
    std::fs::write(dir.join("seed-004.docx"), word::docx(&seed004())).unwrap();
    soffice(&dir, "pdf", "seed-004.docx");
    let text = pdf_text(&dir.join("seed-004.pdf"));
    for needle in ["收入支出决算总表", "财政拨款“三公”经费支出决算表", "2012950", "事业运行", "529.77", "一般公共预算财政拨款支出决算表", "人员经费合计"] {
        assert!(text.contains(needle), "table text {needle} missing");
    }
    for needle in ["一般公共服务支出201（类）851.15万元，占94.43%", "第三部分名词解释", "“三公”经费"] {
        assert!(text.contains(needle), "说明 text {needle} missing");
    }
    // Each chart's title is drawn by the chart itself and printed again in its caption.
    for title in ["图1：收、支决算总计变动情况", "图2：收入决算结构", "图3：支出决算结构", "图4：财政拨款收、支决算总计变动情况", "图5：一般公共预算财政拨款支出决算变动情况", "图6：一般公共预算财政拨款支出决算结构"] {
        assert!(text.matches(title).count() >= 2, "chart {title} not drawn ({} times)", text.matches(title).count());
    }
}

/// The figures of a document by (form, code) → values, for comparing an import with its source.
fn figures(fa: &FinalAccounts) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for t in &fa.tables {
        for r in &t.rows {
            let values: Vec<String> = r.values.iter().map(|v| v.map(|d| d.normalize().to_string()).unwrap_or_else(|| "0".into())).collect();
            out.push((t.form.clone(), r.code.clone(), values));
        }
    }
    out.sort();
    out
}

#[test]
fn an_exported_xlsx_imports_as_its_tables() {
    for fa in [seed003(), seed004()] {
        let bytes = jixiao_office::final_accounts::xlsx(&fa);
        let Ok(Opened::FinalAccounts(back)) = open("决算.xlsx", &bytes, &read::decode) else { panic!("not read as a 决算") };
        assert_eq!(back.tables.len(), 9);
        assert_eq!((back.year.as_str(), back.department.as_str()), ("2024", fa.department.as_str()));
        let (a, b) = (figures(&fa), figures(&back));
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y);
        }
        assert_eq!(a.len(), b.len());
        assert!(check::check_tables(&back).0.is_empty());
    }
}

#[test]
fn libreoffice_recomputes_the_xlsx_totals() {
    let dir = tmp("xlsx");
    std::fs::write(dir.join("t.xlsx"), jixiao_office::final_accounts::xlsx(&seed004())).unwrap();
    soffice(&dir, "pdf", "t.xlsx");
    let text = pdf_text(&dir.join("t.pdf"));
    assert!(text.contains("903.30") && text.contains("851.15") && text.contains("844.68"), "{text:.400}");
}

#[test]
fn split_codes_and_yuan_are_read() {
    use jixiao::model::exchange::grid::{Block, Cell, Document, Row, Table};
    let row = |cells: &[&str]| Row { cells: cells.iter().enumerate().map(|(i, t)| Cell::new(i, *t)).collect(), hidden: false };
    let t3 = Table {
        name: "支出决算表".into(),
        rows: vec![
            row(&["支出决算表"]),
            row(&["单位：元"]),
            row(&["类", "款", "项", "科目名称", "本年支出合计", "基本支出", "项目支出"]),
            row(&["", "", "", "合计", "4,653,800.00", "3,151,800.00", "1,502,000.00"]),
            row(&["201", "", "", "一般公共服务支出", "3,621,000", "2,186,300", "1,434,700"]),
            row(&["201", "29", "", "群众团体事务", "3,621,000", "2,186,300", "1,434,700"]),
            row(&["201", "29", "01", "行政运行", "2,186,300", "2,186,300", ""]),
            row(&["201", "29", "02", "一般行政管理事务", "1,434,700", "", "1,434,700"]),
        ],
    };
    let t9 = Table {
        name: "三公".into(),
        rows: vec![
            row(&["财政拨款“三公”经费支出决算表"]),
            row(&["预算数", "", "", "", "", "", "决算数"]),
            row(&["合计", "因公出国（境）费", "小计", "购置费", "运行费", "公务接待费", "合计", "因公出国（境）费", "小计", "购置费", "运行费", "公务接待费"]),
            row(&["0.59", "0", "0", "0", "0", "0.59", "0.59", "0", "0", "0", "0", "0.59"]),
        ],
    };
    let doc = Document { blocks: vec![Block::Paragraph("武汉市汉阳区总工会 2024 年度部门决算".into()), Block::Table(t3), Block::Table(t9)], notes: vec![] };
    let fa = jixiao_office::final_accounts::recognize::recognize(&doc).expect("recognised");
    assert_eq!((fa.year.as_str(), fa.department.as_str()), ("2024", "武汉市汉阳区总工会"));
    let t = fa.table("t3").unwrap();
    assert_eq!(t.columns, ["本年支出合计", "基本支出", "项目支出"]);
    let item = t.row("2012901").expect("joined code");
    assert_eq!(item.values[0], Some(fa_common::d("218.63")));
    assert_eq!(t.rows[0].code, "");
    assert_eq!(t.row("20129").unwrap().get(2), fa_common::d("143.47"));
    let s = fa.table("t9").unwrap();
    assert_eq!(s.value("actual", 5), Some(fa_common::d("0.59")));
    let f = check::check_tables(&fa).0;
    // 合计 465.38 against 类 362.10: the missing 类 rows show as a sum error, nothing else.
    assert!(f.iter().all(|x| x.code == "fa.sum.rows" && x.path.starts_with("tables[0].rows[0]")), "{f:?}");
}

#[test]
fn jixiao_check_reads_final_accounts() {
    let bin = env!("CARGO_BIN_EXE_jixiao-check");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/final_accounts");
    let out = Command::new(bin).arg(dir.join("seed-003.json")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("部门决算 2024") && text.contains("收入支出决算总表\t错误 0") && text.contains("情况说明\t错误 4"), "{text}");
    assert!(text.contains("5.9%"));
    let out = Command::new(bin).arg("--json").arg(dir.join("errors.json")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<serde_json::Value> = text.lines().filter(|l| l.starts_with('{')).map(|l| serde_json::from_str(l.trim_end().trim_end_matches(',')).unwrap()).collect();
    assert_eq!(rows.len(), 10, "{text}");
    assert!(rows.iter().any(|r| r["table"] == "支出决算表" && r["errors"].as_u64() == Some(0) && r["warnings"].as_u64() >= Some(1)));
    assert!(!out.status.success());
    // A 决算 workbook, chosen by content.
    let tmp = tmp("cli");
    std::fs::write(tmp.join("决算.xlsx"), jixiao_office::final_accounts::xlsx(&seed004())).unwrap();
    let out = Command::new(bin).arg(tmp.join("决算.xlsx")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("部门决算") && text.contains("财政拨款“三公”经费支出决算表\t错误 0") && text.contains("情况说明\t错误 0"), "{text}");
    assert!(out.status.success());
}

#[test]
fn the_word_document_gives_tables_and_statement_by_headings() {
    let fa = seed003();
    let bytes = word::docx(&fa);
    let Ok(Opened::FinalAccounts(back)) = open("决算公开.docx", &bytes, &read::decode) else { panic!("not read as a 决算") };
    assert_eq!(back.tables.len(), 9);
    assert_eq!(figures(&back), figures(&fa));
    let lines: Vec<&str> = fa.statement.lines().collect();
    assert_eq!(back.statement.lines().collect::<Vec<_>>(), lines);
    assert!(back.glossary.contains("基本支出"));
    // Last year's figures are not in the publication's tables: typed, or from last year's file.
    assert!(back.last_year.is_empty());
    let mut back = back;
    back.last_year = fa.last_year.clone();
    // The imported 说明 is checked against the imported tables as the original was.
    let before: Vec<String> = jixiao_office::final_accounts::statement::check_statement(&fa).0.into_iter().map(|f| f.message).collect();
    let after: Vec<String> = jixiao_office::final_accounts::statement::check_statement(&back).0.into_iter().map(|f| f.message).collect();
    assert_eq!(before, after);
}

#[test]
fn a_web_page_of_final_accounts_tables() {
    let page = "<html><body><p>2024年度部门决算</p><p>支出决算表</p><table><tr><td>科目编码</td><td>科目名称</td><td>本年支出合计</td><td>基本支出</td><td>项目支出</td></tr>\
        <tr><td></td><td>合计</td><td>5.00</td><td>0</td><td>5.00</td></tr><tr><td>213</td><td>农林水支出</td><td>5.00</td><td>0</td><td>5.00</td></tr></table>\
        <p>财政拨款“三公”经费支出决算表</p><table><tr><td>项目</td><td>合计</td><td>因公出国（境）费</td><td>小计</td><td>购置费</td><td>运行费</td><td>公务接待费</td></tr>\
        <tr><td>预算数</td><td>1</td><td>0</td><td>1</td><td>0</td><td>1</td><td>0</td></tr><tr><td>决算数</td><td>2</td><td>0</td><td>1</td><td>0</td><td>1</td><td>0</td></tr></table></body></html>";
    let Ok(Opened::FinalAccounts(fa)) = open("决算.html", page.as_bytes(), &read::decode) else { panic!("not read as a 决算") };
    assert_eq!(fa.table("t3").unwrap().value("213", 2), Some(fa_common::d("5")));
    let f = check::check_tables(&fa).0;
    assert!(f.iter().any(|x| x.code == "fa.sangong" && x.message.contains("填列 2.00，计算 1.00")), "{f:?}");
}

#[test]
fn the_self_evaluation_against_the_final_accounts() {
    let seed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/seed-003.json")).unwrap();
    let report = jixiao::model::exchange::json::load(&seed).unwrap().report;
    let mut out = jixiao::model::finding::Findings::default();
    check::check_against_report(&seed003(), &report, &mut out);
    assert!(out.0.is_empty(), "{:?}", out.0);
    let mut other = seed003();
    let t = other.tables.iter_mut().find(|t| t.form == "t1").unwrap();
    t.rows.iter_mut().find(|r| r.code == "out.total").unwrap().values[0] = Some(fa_common::d("466.38"));
    let t5 = other.tables.iter_mut().find(|t| t.form == "t5").unwrap();
    t5.rows[0].values[1] = Some(fa_common::d("466.38"));
    check::check_against_report(&other, &report, &mut out);
    assert!(out.0.iter().any(|f| f.code == "fa.self_eval" && f.message.contains("填列 465.38，计算 466.38")), "{:?}", out.0);
}

#[test]
fn a_software_export_of_the_summary_table() {
    use jixiao::model::exchange::grid::{Block, Cell, Document, Row, Table};
    let row = |cells: &[&str]| Row { cells: cells.iter().enumerate().map(|(i, t)| Cell::new(i, *t)).collect(), hidden: false };
    let t1 = Table {
        name: "公开01表".into(),
        rows: vec![
            row(&["收入支出决算总表"]),
            row(&["公开01表", "", "", "", "", "金额单位：万元"]),
            row(&["项目", "行次", "金额", "项目", "行次", "金额"]),
            row(&["一、一般公共预算财政拨款收入", "1", "465.38", "一、一般公共服务支出", "32", "362.10"]),
            row(&["二、政府性基金预算财政拨款收入", "2", "", "二、社会保障和就业支出", "33", "103.28"]),
            row(&["本年收入合计", "3", "465.38", "本年支出合计", "34", "465.38"]),
            row(&["", "", "", "年末结转和结余", "35", ""]),
            row(&["总计", "4", "465.38", "总计", "36", "465.38"]),
        ],
    };
    let t9 = Table { name: "公开09表".into(), rows: vec![row(&["财政拨款“三公”经费支出决算表"]), row(&["预算数", "0", "0", "0", "0", "0", "0", "决算数", "0", "0", "0", "0", "0", "0"])] };
    let doc = Document { blocks: vec![Block::Table(t1), Block::Table(t9)], notes: vec![] };
    let fa = jixiao_office::final_accounts::recognize::recognize(&doc).expect("recognised");
    let t = fa.table("t1").unwrap();
    let got: Vec<(&str, String)> = t.rows.iter().map(|r| (r.code.as_str(), r.get(0).to_string())).collect();
    assert!(got.contains(&("in.gpb", "465.38".into())) && got.contains(&("201", "362.10".into())) && got.contains(&("208", "103.28".into())), "{got:?}");
    assert!(got.contains(&("out.carry", "0".into())) && got.contains(&("out.grand", "465.38".into())) && got.contains(&("in.grand", "465.38".into())), "{got:?}");
    assert!(check::check_tables(&fa).0.is_empty(), "{:?}", check::check_tables(&fa).0);
}

/// The browser's reader tells a 决算 apart by its tables' titles (it has no 决算 editor yet):
/// the .xlsx and .docx of both seeds are told apart, and no 自评 sample is mistaken for one.
#[test]
fn the_browser_tells_a_final_accounts_document_apart_by_its_titles() {
    use jixiao_office::final_accounts::recognize::looks_like;
    for fa in [seed003(), seed004()] {
        for (name, bytes) in [("决算.xlsx", jixiao_office::final_accounts::xlsx(&fa)), ("决算.docx", word::docx(&fa))] {
            assert!(looks_like(&read::read(name, &bytes, &read::decode).unwrap()), "{name} of {}", fa.department);
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(doc) = read::read(&path.file_name().unwrap().to_string_lossy(), &std::fs::read(&path).unwrap(), &read::decode) else { continue };
        assert!(!looks_like(&doc), "{} is a 自评 sample", path.display());
        seen += 1;
    }
    assert!(seen >= 15, "{seen} samples read");
    // One 决算 table alone is not a 决算 document.
    let one = "<html><body><p>支出决算表</p><table><tr><td>科目编码</td><td>科目名称</td><td>本年支出合计</td></tr><tr><td>213</td><td>农林水支出</td><td>5.00</td></tr></table></body></html>";
    assert!(!looks_like(&read::read("一张.html", one.as_bytes(), &read::decode).unwrap()));
}

/// What the browser's page shows for a saved 决算 dropped on 首页 (it loads JSON itself, with the
/// 自评 loader): the 决算 is named, whatever the order of its keys.
#[test]
fn the_page_names_a_saved_final_accounts_file() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/final_accounts/seed-004.json")).unwrap();
    let reordered = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    for t in [&text, &reordered] {
        let message = jixiao::model::exchange::json::load(t).unwrap_err().to_string();
        assert!(message.starts_with("这是部门决算文件") && message.contains("jixiao-check"), "{message}");
    }
}

/// The cells of one worksheet: reference → (formula, shown value).
fn sheet_cells(xml: &str) -> std::collections::HashMap<String, (Option<String>, String)> {
    let mut cells = std::collections::HashMap::new();
    for part in xml.split("<c r=\"").skip(1) {
        let reference = part[..part.find('"').unwrap()].to_string();
        let body = &part[..part.find("</c>").unwrap_or(part.len())];
        let between = |open: &str, close: &str| body.find(open).map(|a| body[a + open.len()..][..body[a + open.len()..].find(close).unwrap()].to_string());
        cells.insert(reference, (between("<f>", "</f>"), between("<v>", "</v>").unwrap_or_default()));
    }
    cells
}

/// What Excel shows after recalculating is what Word and print show: in every sheet of the 决算
/// workbook, each formula's sum of its cells equals the figure it caches, also for the fixture
/// with deliberate errors (a 类 that is not the sum of its 款 is written as the number the
/// department wrote, 852.15, not as a formula Excel would turn into 851.15).
#[test]
fn excel_recalculated_shows_the_figures_word_shows() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/final_accounts");
    for name in ["seed-003.json", "seed-004.json", "errors.json"] {
        let fa = jixiao_office::final_accounts::json::load(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
        let bytes = jixiao_office::final_accounts::xlsx(&fa);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let sheets: Vec<String> = zip.file_names().filter(|n| n.starts_with("xl/worksheets/sheet")).map(String::from).collect();
        let (mut formulas, mut numbers) = (0, 0);
        for sheet in sheets {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(&sheet).unwrap(), &mut xml).unwrap();
            let cells = sheet_cells(&xml);
            for (reference, (formula, shown)) in &cells {
                let Some(formula) = formula else {
                    numbers += usize::from(!shown.is_empty());
                    continue;
                };
                let sum: rust_decimal::Decimal = formula
                    .split('+')
                    .filter(|r| *r != "0")
                    .map(|r| cells.get(r).map(|(_, v)| v.parse::<rust_decimal::Decimal>().unwrap_or_default()).unwrap_or_default())
                    .sum();
                assert_eq!(sum, shown.parse::<rust_decimal::Decimal>().unwrap(), "{name} {sheet} {reference}: {formula}");
                formulas += 1;
            }
        }
        assert!(formulas > 100 && numbers > 100, "{name}: {formulas} formulas, {numbers} numbers");
    }
    // The erroneous 类 201 of the 收入决算表: the department's 852.15 in Excel, as in Word.
    let fa = jixiao_office::final_accounts::json::load(&std::fs::read_to_string(dir.join("errors.json")).unwrap()).unwrap();
    let word = jixiao_office::final_accounts::word::docx(&fa);
    let back = read::read("决算.docx", &word, &read::decode).unwrap();
    let xlsx = read::read("决算.xlsx", &jixiao_office::final_accounts::xlsx(&fa), &read::decode).unwrap();
    let texts = |doc: &jixiao::model::exchange::grid::Document| -> Vec<String> {
        doc.blocks.iter().filter_map(|b| match b { jixiao::model::exchange::grid::Block::Table(t) => Some(t), _ => None }).flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.text.trim().to_string()))).filter(|t| t.parse::<rust_decimal::Decimal>().is_ok()).collect()
    };
    let (w, x) = (texts(&back), texts(&xlsx));
    assert!(w.contains(&"852.15".to_string()) && x.contains(&"852.15".to_string()));
    assert_eq!(w, x, "the figures of the Word tables and of the workbook, in order");
}
