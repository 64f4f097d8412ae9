//! The Word and Excel exports, checked by an independent reader: the `zip` crate opens the
//! archives and LibreOffice (headless, from Debian) converts them to PDF, CSV and HTML, whose
//! text must show the official layout and figures: titles, every table's rows in order, the
//! 其中 rows, 总分 98.00 / 94.15, "第 1 页 共 N 页", merged 一级 cells, and an .xlsx whose
//! score cells follow when an input figure is changed.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

mod office;

use jixiao_office::write::{docx, xlsx, DocxOptions};
use office::{compact, in_order, pdftotext, soffice};
use jixiao::model::{evaluate, examples, Report};

fn seed(id: &str) -> Report {
    examples::example(id).unwrap().unwrap()
}

fn export(id: &str) -> (Vec<u8>, Vec<u8>) {
    let r = seed(id);
    let e = evaluate(&r);
    (docx(&r, &e, &DocxOptions::default()), xlsx(&r, &e))
}

/// The text of one part of an archive, read with the `zip` crate.
fn part(archive: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The archive with one part replaced (to change an input cell as a user would in Excel).
fn replace_part(archive: &[u8], name: &str, text: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut out = jixiao_office::write::zip::ZipWriter::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let file_name = f.name().to_string();
        if file_name == name {
            out.file(&file_name, text.as_bytes());
        } else {
            out.file(&file_name, &bytes);
        }
    }
    out.finish()
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}



/// The first characters of every indicator name, table by table, as the rows are printed.
fn row_names(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for (_, t) in r.scored_tables() {
        for ind in jixiao::model::score::all_indicators(t) {
            let name = compact(&ind.name);
            out.push(name.chars().take(4).collect());
        }
    }
    out
}

#[test]
fn archives_are_deterministic_and_hold_the_official_structure() {
    for id in ["seed-000", "seed-003"] {
        let (d1, x1) = export(id);
        let (d2, x2) = export(id);
        assert_eq!(d1, d2, "{id}: the same report gives the same .docx bytes");
        assert_eq!(x1, x2, "{id}: the same report gives the same .xlsx bytes");
    }
    let (docx000, xlsx000) = export("seed-000");
    let doc = part(&docx000, "word/document.xml");
    for needle in [
        "<w:vMerge w:val=\"restart\"/>",
        "<w:tblHeader/>",
        "<w:cantSplit/>",
        "w:orient=\"landscape\"",
        "<w:pgMar w:top=\"2097\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\"",
        "其中：一般公共预算",
        "按支出性质分：",
        "其中：基本支出",
        "其中：当年财政拨款",
        "预算执行情况（万元）",
        "产出指标（50分）",
        "<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">（一）基本支出情况</w:t>",
    ] {
        assert!(doc.contains(needle), "document.xml lacks {needle}");
    }
    assert!(part(&docx000, "word/footer1.xml").contains("<w:fldSimple w:instr=\" NUMPAGES \">"));
    assert!(part(&docx000, "word/styles.xml").contains("w:eastAsia=\"仿宋_GB2312\""));
    assert!(part(&docx000, "word/fontTable.xml").contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"));

    let wb = part(&xlsx000, "xl/workbook.xml");
    assert!(wb.contains("<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/>"));
    assert!(wb.contains("<sheet name=\"部门整体\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"市财政帮扶资金\""));
    assert!(wb.contains("<sheet name=\"基础数据表\"") && wb.contains("<sheet name=\"检查结果\""));
    assert!(wb.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'部门整体'!$16:$16</definedName>"), "{wb}");
    assert!(wb.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'部门整体'!$A$1:$H$"));
    let sheet = part(&xlsx000, "xl/worksheets/sheet1.xml");
    // The figures policy: the form's 执行率 and 得分 cells hold what the department declared
    // (100%, 10); the 计算执行率 (I) and 计算预算执行得分 (J) beside the form hold the formulas
    // under the Hunan rule (capped), 373.29% and 10 cached.
    assert!(sheet.contains("<c r=\"G5\" s=\"5\"><v>1</v></c><c r=\"H5\" s=\"3\"><v>10</v></c>"), "declared 100% and 10 kept as typed");
    assert!(sheet.contains("<c r=\"I4\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">计算执行率</t>"), "{sheet}");
    assert!(sheet.contains("<f>IF(E5=&quot;&quot;,&quot;&quot;,IFERROR(E5/IF(D5=&quot;&quot;,C5,D5),&quot;&quot;))</f><v>3.7328553182341262313947165421"), "{sheet}");
    assert!(sheet.contains("<f>IF(I5=&quot;&quot;,&quot;&quot;,F5*MIN(I5,1))</f><v>10</v>"));
    // 产出指标 merged over its 10 rows, with its 50 points; 总分 a formula caching 98.
    assert!(sheet.contains("<c r=\"A17\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">产出指标（50分）</t></is></c>"));
    assert!(sheet.contains("<mergeCell ref=\"A17:A26\"/>"));
    // The computed 总分 sums the 计算得分 column (I), not the declared 得分 (G).
    assert!(sheet.contains("<f>IF(J5=&quot;&quot;,&quot;&quot;,MIN(100,J5+SUM(I17:I33)))</f><v>98"), "{sheet}");
    // A quantitative row (≥10场, 20多项) is a live formula over the numbers read from its texts.
    assert!(sheet.contains("MIN(F30,MAX(0,IF(K30&gt;=J30,F30,IF(J30&lt;=0,0,F30*MAX(K30,0)/J30))))"), "{sheet}");

    let (_, xlsx003) = export("seed-003");
    let sheet = part(&xlsx003, "xl/worksheets/sheet1.xml");
    let exact = evaluate(&seed("seed-003")).tables[0].budget.score.unwrap().normalize().to_string();
    assert_eq!(exact, "14.149145951951117900291626164");
    // The Hubei form has one line above the table, its title with the year in it ("2024年度
    // 武汉市汉阳区总工会整体绩效自评表", no 附件 label, no year line): the budget row is row 4.
    assert!(sheet.contains(&format!("<f>IF(J4=&quot;&quot;,&quot;&quot;,F4*MAX(0,1-ABS(J4-1)))</f><v>{exact}</v>")), "Hubei: the deviation formula, caching the model's exact figure");
    assert!(sheet.contains("&gt;=90,&quot;优&quot;"), "评价等次 from the total by the pack's thresholds");
}

#[test]
fn typed_text_never_becomes_markup_or_a_formula() {
    let mut r = seed("seed-001");
    r.department = "=HYPERLINK(\"x\")<w:p>&\u{1}\u{b}".into();
    r.overall.as_mut().unwrap().name = "=1+1".into();
    r.overall.as_mut().unwrap().indicators[0].name = "]]></w:t><script>".into();
    let e = evaluate(&r);
    let d = docx(&r, &e, &DocxOptions { findings: true, explanations: true, ..DocxOptions::default() });
    let x = xlsx(&r, &e);
    let doc = part(&d, "word/document.xml");
    assert!(doc.contains("=HYPERLINK(&quot;x&quot;)&lt;w:p&gt;&amp;") && !doc.contains('\u{1}') && !doc.contains('\u{b}'));
    assert!(doc.contains("]]&gt;&lt;/w:t&gt;&lt;script&gt;"));
    assert!(doc.contains("附：计算说明") && doc.contains("检查结果"));
    // Issue 27: each scored table's 得分结构图 as a chart with its sentence; a typed 一级指标
    // is escaped in the chart part too, its control character dropped.
    assert!(doc.contains("r:id=\"rIdChart1\"") && doc.contains("得分结构：预算执行率 分值 "), "chart in the Word");
    let mut r = seed("seed-000");
    r.projects[0].name = "帮扶<资金>\u{1}".into();
    let d = docx(&r, &evaluate(&r), &DocxOptions::default());
    let chart = part(&d, "word/charts/chart2.xml");
    assert!(chart.contains("<a:t>帮扶&lt;资金&gt;得分结构</a:t>") && !chart.contains('\u{1}'), "{chart}");
    assert_eq!(chart_part(&chart).title, "帮扶<资金>得分结构");
    let sheet = part(&x, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("t=\"inlineStr\"><is><t xml:space=\"preserve\">=1+1</t>"));
    assert!(!sheet.contains("<f>1+1</f>") && !sheet.contains("<f>=1+1"));
}

#[test]
fn review_batch_as_xlsx() {
    let mut rows = Vec::new();
    for (i, e) in examples::EXAMPLES.iter().enumerate() {
        let r = seed(e.id);
        rows.extend(jixiao::model::review::rows_for(&format!("{}.json", e.id), i, &r, &evaluate(&r)));
    }
    rows.push(jixiao::model::review::broken_row("bad.json", "文件不是有效的 JSON"));
    let shown: Vec<_> = rows.iter().collect();
    let x = jixiao_office::write::review_xlsx(&shown);
    let sheet = part(&x, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("差额（填报−计算）") && sheet.contains("bad.json") && sheet.contains("文件不是有效的 JSON"));
    assert!(sheet.contains("ISNUMBER(E3)"), "the difference is a formula on the row's own cells");
    assert!(part(&x, "xl/workbook.xml").contains("<sheet name=\"审核\""));
}

/// Exports seed 000 and 003 and lets LibreOffice print, export and recalculate them.
#[test]
fn libreoffice_reads_the_exports_as_official_forms() {
    let dir = scratch();
    let mut files = Vec::new();
    for id in ["seed-000", "seed-003"] {
        let (d, x) = export(id);
        std::fs::write(dir.join(format!("{id}-word.docx")), &d).unwrap();
        std::fs::write(dir.join(format!("{id}-excel.xlsx")), &x).unwrap();
        files.push(format!("{id}-word.docx"));
        files.push(format!("{id}-excel.xlsx"));
    }
    // Seed 003 (Hubei, deviation formula): 全年执行数 465.38 → 342.0475 (95% of 360.05) in the
    // sheet's XML, as a user would type it in Excel: 得分 20 × (1 − 5%) = 19, 总分 94.15 − 14.15 + 19.
    let (_, x003) = export("seed-003");
    let sheet = part(&x003, "xl/worksheets/sheet1.xml");
    let changed = sheet.replace("<c r=\"E4\" s=\"4\"><v>465.38</v></c>", "<c r=\"E4\" s=\"4\"><v>342.0475</v></c>");
    assert_ne!(changed, sheet, "the 全年执行数 cell is E4 (the Hubei form has one title line)");
    std::fs::write(dir.join("changed.xlsx"), replace_part(&x003, "xl/worksheets/sheet1.xml", &changed)).unwrap();

    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    soffice(&dir, "pdf", &names);
    soffice(&dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", &["changed.xlsx"]);
    soffice(&dir, "html", &["seed-000-word.docx"]);

    // The 总分 shown is the declared one as typed (seed 000: 98), else the computed one.
    for id in ["seed-000", "seed-003"] {
        let r = seed(id);
        let total = &jixiao::model::figures::of_report(&r, &evaluate(&r))[0].total.shown();
        let word = compact(&pdftotext(&dir.join(format!("{id}-word.pdf"))));
        let title = compact(&format!("{}{}年度部门整体支出绩效评价自评报告", r.department, r.year));
        assert!(word.contains(&title), "{id}: the report's title");
        assert!(word.contains(&format!("总分100{total}")), "{id}: 总分 {total} in the Word table");
        assert!(word.contains("第1页共"), "{id}: the footer's page fields");
        // Each form under the label and title its region's template prints (issue 22).
        let mut parts: Vec<String> = match id {
            "seed-000" => ["附件1", "2024年度部门整体支出绩效评价基础数据表", "附件2", "2024年度部门整体支出绩效自评表", "附件3", "2024年度项目支出绩效自评表"].map(String::from).to_vec(),
            _ => vec!["2024年度武汉市汉阳区总工会整体绩效自评表".into()],
        };
        assert_eq!(r.projects.len(), usize::from(id == "seed-000"));
        parts.push("评价人员".into());
        in_order(&word, &parts, &format!("{id}: the tables in the print view's order"));
        in_order(&word, &row_names(&r), &format!("{id}: every indicator row in order (Word)"));
        let excel = compact(&pdftotext(&dir.join(format!("{id}-excel.pdf"))));
        assert!(excel.contains(&format!("总分100{total}")), "{id}: 总分 {total} in the Excel print");
        in_order(&excel, &row_names(&r), &format!("{id}: every indicator row in order (Excel)"));
        assert!(excel.contains("第1页共"), "{id}: the sheet footer");
    }
    let word000 = compact(&pdftotext(&dir.join("seed-000-word.pdf")));
    in_order(&word000, &["按收入性质分".into(), "其中：一般公共预算".into(), "按支出性质分".into(), "其中：基本支出".into()], "seed 000: 其中 rows");
    assert!(word000.contains("其中：当年财政拨款"), "seed 000: the project's 其中 rows");
    assert_eq!(word000.matches("第1页共").count(), 1, "one first page");
    // The indicator header repeats on the pages a table continues on (2 tables, 5 pages of them).
    let header = "一级指标二级指标三级指标年度指标值实际完成值分值得分";
    assert!(word000.matches(header).count() > 2, "Word repeats the header rows");
    let excel000 = compact(&pdftotext(&dir.join("seed-000-excel.pdf")));
    assert!(excel000.matches(header).count() > 2, "Excel's print titles repeat the header rows");

    // LibreOffice recalculated the changed workbook: the scores followed the new 全年执行数.
    let csv = std::fs::read_to_string(dir.join("changed-部门整体.csv")).unwrap();
    let budget_row = csv.lines().find(|l| l.starts_with(",年度资金总额,")).unwrap();
    // The form keeps the declared 129.25% and 14.15 as typed; the 计算 columns beside it (J, K)
    // were recalculated.
    assert_eq!(budget_row, ",年度资金总额,,360.05,342.05,20,129.25%,14.15,,95.00%,19.00,,");
    let total_row = csv.lines().find(|l| l.starts_with("总分,")).unwrap();
    assert!(total_row.ends_with(",99.00,,,"), "{total_row}");
    let grade_row = csv.lines().find(|l| l.starts_with("评价等次,")).unwrap();
    assert!(grade_row.contains("优"), "{grade_row}");

    // LibreOffice sees the merged 一级 cells of the Word table.
    let html = std::fs::read_to_string(dir.join("seed-000-word.html")).unwrap();
    let merged = html.split("<td").filter(|td| td.contains("rowspan=\"10\"") && td.contains("产出指标")).count();
    assert_eq!(merged, 1, "产出指标 spans its 10 rows");
    assert!(html.split("<td").any(|td| td.contains("rowspan=\"3\"") && td.contains("数量指标")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_part_of_the_report_is_written_even_when_incomplete() {
    // Sichuan 监控 table (seed 004) and 评价人员 with named reviewers (seed 001).
    let r = seed("seed-004");
    let d = docx(&r, &evaluate(&r), &DocxOptions::default());
    let doc = part(&d, "word/document.xml");
    assert!(doc.contains(">部门整体支出绩效自评表<") && doc.contains("绩效目标完成情况监控") && doc.contains("其中：基本支出"));
    let m = r.monitor.as_ref().unwrap();
    in_order(&doc, &m.indicators.iter().map(|i| i.name.clone()).filter(|n| !n.is_empty()).collect::<Vec<_>>(), "监控 rows");
    assert!(part(&xlsx(&r, &evaluate(&r)), "xl/workbook.xml").contains("<sheet name=\"监控表\""));
    let r = seed("seed-001");
    let doc = part(&docx(&r, &evaluate(&r), &DocxOptions::default()), "word/document.xml");
    let s = r.sign_off.as_ref().unwrap();
    in_order(&doc, &s.reviewers.iter().map(|p| p.name.clone()).collect::<Vec<_>>(), "评价人员");
    assert!(doc.contains("评价组组长（签字）") && doc.contains("（盖章）　　负责人（签字）"));

    // One figures policy: seed 000 declared 执行率 100%, written as typed in Word and in the
    // form's cell in Excel; the computed 373.29% beside it (Excel's 计算执行率 column, Word only
    // with 附上计算结果).
    let (d, x) = export("seed-000");
    assert!(part(&d, "word/document.xml").contains(">100%<") && !part(&d, "word/document.xml").contains("373.29%"));
    assert!(part(&x, "xl/worksheets/sheet1.xml").contains("<v>3.73285"));
    let with = docx(&seed("seed-000"), &evaluate(&seed("seed-000")), &DocxOptions { computed: true, ..DocxOptions::default() });
    assert!(part(&with, "word/document.xml").contains(">100%（计算 373.29%）<"));

    // An empty report and a table with nothing in it still export.
    let mut empty = Report::default();
    let e = evaluate(&empty);
    assert!(part(&docx(&empty, &e, &DocxOptions { findings: true, explanations: true, ..DocxOptions::default() }), "word/document.xml").contains("评价人员"));
    assert!(part(&xlsx(&empty, &e), "xl/workbook.xml").contains("<sheet name=\"检查结果\""));
    empty.rule_pack = "hunan-2024".into();
    empty.overall = Some(Default::default());
    empty.projects = vec![Default::default(), Default::default()];
    let e = evaluate(&empty);
    let wb = part(&xlsx(&empty, &e), "xl/workbook.xml");
    assert!(wb.contains("<sheet name=\"项目\"") && wb.contains("<sheet name=\"项目（2）\""), "{wb}");
    assert!(part(&docx(&empty, &e, &DocxOptions::default()), "word/document.xml").contains("项目支出绩效自评表"));
}

/// The reader worker writes the exports from the report's saved JSON (`write_file`): the same
/// bytes as writing from the report in hand, for each kind, and a Chinese message for a text
/// that is not a report.
#[test]
fn the_worker_entry_writes_the_same_files() {
    use jixiao::model::exchange::json;
    use jixiao_office::write::write_file;
    let report = seed("seed-000");
    let evaluation = evaluate(&report);
    let text = json::save(&report, None);
    let notes = DocxOptions { findings: true, explanations: true, ..DocxOptions::default() };
    assert_eq!(write_file("docx", &text, &notes).unwrap(), docx(&report, &evaluation, &notes));
    assert_eq!(write_file("xlsx", &text, &DocxOptions::default()).unwrap(), xlsx(&report, &evaluation));
    let rows = jixiao::model::review::rows_for("seed-000.json", 0, &report, &evaluation);
    let wire = serde_json::to_string(&rows).unwrap();
    let refs: Vec<_> = rows.iter().collect();
    assert_eq!(write_file("review-xlsx", &wire, &DocxOptions::default()).unwrap(), jixiao_office::write::review_xlsx(&refs));
    let refused = write_file("docx", "不是报告", &notes).unwrap_err();
    assert!(refused.starts_with("导出失败"), "{refused}");
}

/// A number cell written as not applicable ("—", "／") prints and exports as "/", not as a blank:
/// the printed form and the Word and Excel files show what the department wrote.
#[test]
fn not_applicable_cells_print_and_export_as_a_slash() {
    use jixiao::model::edit::set;
    let slashes = |r: &Report| {
        let e = evaluate(r);
        let html = jixiao::model::print::report_html(r, &e, jixiao::model::print::PrintOptions::default());
        let (d, x) = (docx(r, &e, &DocxOptions::default()), xlsx(r, &e));
        (html.matches("<td class=\"num\">/</td>").count(), part(&d, "word/document.xml").matches("<w:t xml:space=\"preserve\">/</w:t>").count() + part(&d, "word/document.xml").matches("<w:t>/</w:t>").count(), part(&x, "xl/worksheets/sheet1.xml").matches(">/<").count())
    };
    let before = slashes(&seed("seed-000"));
    let mut r = seed("seed-000");
    set(&mut r, "overall.budget.executed", "—").unwrap();
    set(&mut r, "overall.indicators[1].weight", "／").unwrap();
    let after = slashes(&r);
    assert_eq!(after.0, before.0 + 2, "print: {before:?} → {after:?}");
    assert_eq!(after.1, before.1 + 2, "Word: {before:?} → {after:?}");
    assert!(after.2 > before.2, "Excel: {before:?} → {after:?}");
}

/// The Word 检查结果 and the Excel 检查结果 sheet name each field as a person would
/// (第 n 行“…”的实际完成值), never by its path (`overall.indicators[5].actual`).
#[test]
fn findings_name_fields_not_paths() {
    let r = seed("seed-001");
    let e = evaluate(&r);
    let row_finding = e.findings.iter().find(|f| f.path.contains(".indicators[") && f.path.matches('.').count() >= 2).expect("seed 001 has a finding on a row's field");
    let named = jixiao::model::finding_scope::field_name(&r, &row_finding.path, false);
    assert!(named.starts_with("第 ") && named.contains("”的"), "{named}");
    let doc = part(&docx(&r, &e, &DocxOptions { findings: true, ..DocxOptions::default() }), "word/document.xml");
    let x = xlsx(&r, &e);
    let names: Vec<String> = {
        let wb = part(&x, "xl/workbook.xml");
        wb.split("<sheet name=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
    };
    let n = names.iter().position(|s| s == "检查结果").unwrap() + 1;
    let sheet = part(&x, &format!("xl/worksheets/sheet{n}.xml"));
    for (what, text) in [("Word", &doc), ("Excel", &sheet)] {
        assert!(text.contains(&named), "{what}: {named}");
        for f in &e.findings {
            assert!(!text.contains(&format!(">{}<", f.path)), "{what} prints the path {}", f.path);
        }
        assert!(!text.contains("overall.indicators["), "{what}");
    }
}

/// Titles follow the content (a report of project tables only is a 项目支出绩效自评报告), and
/// an import's unplaced cells stay out of the Word file unless asked for.
#[test]
fn word_title_follows_the_content_and_import_notes_only_when_asked() {
    let mut r = seed("seed-000");
    r.cover = None;
    r.overall = None;
    r.narrative.push(jixiao::model::report::NarrativeSection { title: jixiao::model::report::IMPORT_NOTES_TITLE.into(), text: "表 1 第 1 行第 1 列：“附件2”".into() });
    let e = evaluate(&r);
    let doc = part(&docx(&r, &e, &DocxOptions::default()), "word/document.xml");
    assert!(doc.contains("岳阳市总工会2024年度项目支出绩效自评报告") && !doc.contains("部门整体支出绩效评价自评报告"));
    assert!(!doc.contains("导入时未识别的内容") && !doc.contains("表 1 第 1 行第 1 列"), "import notes stay in the draft");
    let asked = part(&docx(&r, &e, &DocxOptions { import_notes: true, ..DocxOptions::default() }), "word/document.xml");
    assert!(asked.contains("导入时未识别的内容") && asked.contains("表 1 第 1 行第 1 列"));
}

/// One chart part as its reader sees it: title, categories, and each series' name and cached
/// values (a missing value as `None`).
#[derive(Debug, PartialEq)]
struct ChartPart {
    title: String,
    categories: Vec<String>,
    series: Vec<(String, Vec<Option<String>>)>,
}

/// Reads `word/charts/chartN.xml` with quick-xml, element by element.
fn chart_part(xml: &str) -> ChartPart {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut part = ChartPart { title: String::new(), categories: Vec::new(), series: Vec::new() };
    let mut idx = 0usize;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "c:ser" {
                    part.series.push((String::new(), Vec::new()));
                }
                if name == "c:pt" {
                    idx = e.try_get_attribute("idx").unwrap().map(|a| String::from_utf8(a.value.to_vec()).unwrap().parse().unwrap()).unwrap();
                }
                path.push(name);
            }
            Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "c:ptCount" && path.ends_with(&["c:numCache".to_string()]) && path.iter().any(|p| p == "c:val") {
                    let n: usize = e.try_get_attribute("val").unwrap().map(|a| String::from_utf8(a.value.to_vec()).unwrap().parse().unwrap()).unwrap();
                    part.series.last_mut().unwrap().1 = vec![None; n];
                }
            }
            Event::Text(t) => {
                let text = t.unescape().unwrap().to_string();
                let inside = |p: &str| path.iter().any(|x| x == p);
                if inside("c:title") && path.last().is_some_and(|l| l == "a:t") {
                    part.title.push_str(&text);
                } else if path.last().is_some_and(|l| l == "c:v") && inside("c:ser") {
                    let first = part.series.len() == 1;
                    let ser = part.series.last_mut().unwrap();
                    if inside("c:tx") {
                        ser.0 = text;
                    } else if inside("c:cat") && first {
                        part.categories.push(text);
                    } else if inside("c:val") {
                        ser.1[idx] = Some(text);
                    }
                }
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    part
}

/// Issue 27 item 5: the Word export draws each scored table's 得分结构 (分值 against 得分 per
/// 一级指标, the budget block first) as a real chart right after the table, with its sentence as
/// the drawing's description and caption; LibreOffice opens the file without an error and draws
/// the chart itself: a document holding only the export's drawings still shows the category
/// labels, the series and the figures.
#[test]
fn word_draws_a_score_chart_after_each_scored_table() {
    let report = seed("seed-000");
    let evaluation = evaluate(&report);
    let bytes = docx(&report, &evaluation, &DocxOptions::default());
    let types = part(&bytes, "[Content_Types].xml");
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    let doc = part(&bytes, "word/document.xml");
    let level1 = ["预算执行率", "产出指标", "效益指标", "满意度指标"].map(String::from).to_vec();
    let v = |x: &[&str]| x.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
    let expected = [
        ChartPart { title: "部门整体得分结构".into(), categories: level1.clone(), series: vec![("分值".into(), v(&["10", "50", "30", "10"])), ("得分".into(), v(&["10", "48", "30", "10"]))] },
        ChartPart { title: "市财政帮扶资金得分结构".into(), categories: level1, series: vec![("分值".into(), v(&["10", "50", "30", "10"])), ("得分".into(), v(&["10", "50", "30", "10"]))] },
    ];
    assert_eq!(report.scored_tables().len(), expected.len());
    let mut at = 0;
    for (i, want) in expected.iter().enumerate() {
        let n = i + 1;
        assert_eq!(&chart_part(&part(&bytes, &format!("word/charts/chart{n}.xml"))), want);
        assert!(types.contains(&format!("<Override PartName=\"/word/charts/chart{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>")));
        assert!(rels.contains(&format!("Id=\"rIdChart{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart{n}.xml\"")));
        assert!(part(&bytes, &format!("word/charts/_rels/chart{n}.xml.rels")).contains(&format!("Target=\"../embeddings/chart{n}.xlsx\"")));
        // The embedded workbook holds the same figures, for 编辑数据 in Word and WPS.
        let wb = {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
            let mut data = Vec::new();
            zip.by_name(&format!("word/embeddings/chart{n}.xlsx")).unwrap().read_to_end(&mut data).unwrap();
            data
        };
        let sheet = part(&wb, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("预算执行率") && sheet.contains("满意度指标") && sheet.contains("<v>48</v>") == (n == 1), "{sheet}");
        // After its own table (the table's title first), with its text alternative as description.
        let title_at = doc[at..].find(if n == 1 { "部门整体支出绩效自评表" } else { "项目支出绩效自评表" }).map(|x| x + at).expect("the table's title");
        let chart_at = doc.find(&format!("r:id=\"rIdChart{n}\"")).expect("the drawing");
        assert!(chart_at > title_at, "chart {n} after its table");
        at = chart_at;
        let descr = format!("descr=\"{}：预算执行率 分值 10.00分、得分 10.00分；产出指标 分值 50.00分、得分 {}分；", want.title, if n == 1 { "48.00" } else { "50.00" });
        assert!(doc.contains(&descr), "{descr}");
    }
    assert!(!doc.contains('█'), "no text bars: the chart replaces them");

    // LibreOffice: the whole export opens without an error and prints each chart's title twice
    // (drawn in the chart, and in its caption).
    let dir = scratch().join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("whole.docx"), &bytes).unwrap();
    // The same package with a body of the drawings alone: whatever the PDF shows came from the charts.
    let drawings: String = doc.match_indices("<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>").map(|(i, _)| &doc[i..i + doc[i..].find("</w:p>").unwrap() + 6]).collect();
    assert_eq!(drawings.matches("<w:drawing>").count(), 2);
    let body_start = doc.find("<w:body>").unwrap() + "<w:body>".len();
    let only = format!("{}{drawings}<w:p/></w:body></w:document>", &doc[..body_start]);
    std::fs::write(dir.join("only.docx"), replace_part(&bytes, "word/document.xml", &only)).unwrap();
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation=file://{}/lo-profile", dir.display()), "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args([dir.join("whole.docx"), dir.join("only.docx")])
        .output()
        .expect("LibreOffice (soffice) is needed: run scripts/setup.sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !stderr.contains("Error") && !stderr.contains("error"), "soffice: {stderr}");
    let whole = compact(&pdftotext(&dir.join("whole.pdf")));
    for want in &expected {
        assert!(whole.matches(&want.title).count() >= 2, "{} drawn and captioned", want.title);
    }
    let only = pdftotext(&dir.join("only.pdf"));
    let text = compact(&only);
    for needle in ["部门整体得分结构", "市财政帮扶资金得分结构", "预算执行率", "产出指标", "效益指标", "满意度指标", "分值", "得分", "48.00", "50.00"] {
        assert!(text.contains(needle), "the chart shows {needle}: {only}");
    }
    assert!(!text.contains("：预算执行率"), "no caption in this document: the labels are the chart's own");
}
