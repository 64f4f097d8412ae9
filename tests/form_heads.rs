//! Issue 22, "the 附件 labels and table titles as the form has them": each region's forms carry
//! the label and title its template prints (Hunan: 附件1 基础数据表, 附件2 部门整体支出绩效自评表,
//! 附件3 项目支出绩效自评表; Hubei and Sichuan no 附件 label and titles of their own), the same
//! in print, Word (read back, and opened by LibreOffice) and Excel; a region whose template
//! numbers no 附件 prints none; a label and title read from an imported document are kept; a
//! bureau's pack sets its own.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_office::import::{open, Opened};
use jixiao_office::read;
use jixiao_office::write::{docx, xlsx, DocxOptions};
use jixiao::model::print::{report_html, PrintOptions};
use jixiao::model::{evaluate, examples, Report};

fn seed(id: &str) -> Report {
    examples::example(id).unwrap().unwrap()
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn print(r: &Report) -> String {
    report_html(r, &evaluate(r), PrintOptions::default())
}

fn part(archive: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The paragraphs of a Word body in order, as text (table cells included, each its own).
fn word_paragraphs(document_xml: &str) -> Vec<String> {
    document_xml
        .split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            for run in p.split("<w:t").skip(1) {
                let body = run.split_once('>').map(|(_, b)| b).unwrap_or("");
                text.push_str(body.split("</w:t>").next().unwrap_or(""));
            }
            text
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The text of worksheet cell `a1` (an inline string, as jixiao writes text).
fn cell_text(sheet_xml: &str, a1: &str) -> Option<String> {
    let start = sheet_xml.find(&format!("<c r=\"{a1}\""))?;
    let cell = &sheet_xml[start..];
    let cell = &cell[..cell.find("</c>")?];
    let t = cell.split_once("<t xml:space=\"preserve\">")?.1;
    Some(t.split("</t>").next()?.to_string())
}

fn imported(name: &str, bytes: &[u8]) -> Report {
    match open(name, bytes, &read::decode).unwrap() {
        Opened::Tables(p) => p.report,
        _ => panic!("{name} opens as a preview of tables"),
    }
}

fn scratch(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-form-heads-{what}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// LibreOffice's PDF of each file, as text without white space (pdftotext spaces CJK and wraps).
fn office_text(dir: &Path, files: &[(&str, &[u8])]) -> Vec<String> {
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}"), "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(files.iter().map(|(f, _)| dir.join(f)))
        .output()
        .expect("LibreOffice (soffice) is needed: run scripts/setup.sh");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    files
        .iter()
        .map(|(name, _)| {
            let pdf = dir.join(Path::new(name).with_extension("pdf"));
            let out = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils) is needed");
            assert!(out.status.success());
            String::from_utf8(out.stdout).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
        })
        .collect()
}

#[test]
fn a_hunan_report_prints_its_attachment_labels_above_its_forms_in_every_output() {
    let r = seed("seed-000");
    assert_eq!(r.rule_pack, "hunan-2024");
    let e = evaluate(&r);

    // Print.
    let html = print(&r);
    for (label, title) in [("附件1", "2024年度部门整体支出绩效评价基础数据表"), ("附件2", "2024年度部门整体支出绩效自评表"), ("附件3", "2024年度项目支出绩效自评表")] {
        assert!(html.contains(&format!("<p class=\"form-label\">{label}</p><h2>{title}</h2>")), "print: {label} above {title}");
    }

    // The editor's table heading: label and title on one line, from the same place.
    let heading = jixiao::model::forms::heading::of_table(&r, r.overall.as_ref().unwrap(), "overall");
    assert_eq!(heading.one_line(), "附件2　2024年度部门整体支出绩效自评表");

    // Word: the label is the paragraph right above the title, read back from the file.
    let word = docx(&r, &e, &DocxOptions::default());
    let paragraphs = word_paragraphs(&part(&word, "word/document.xml"));
    let at = paragraphs.iter().position(|p| p == "2024年度部门整体支出绩效自评表").expect("the 整体表's title in Word");
    assert_eq!(paragraphs[at - 1], "附件2", "Word: 附件2 right above the title");
    assert!(!paragraphs[at + 1].contains("年度）"), "no year line under a title naming the year: {}", paragraphs[at + 1]);
    let at = paragraphs.iter().position(|p| p == "2024年度项目支出绩效自评表").expect("the 项目表's title in Word");
    assert_eq!(paragraphs[at - 1], "附件3");
    let at = paragraphs.iter().position(|p| p == "2024年度部门整体支出绩效评价基础数据表").expect("the 基础数据表's title in Word");
    assert_eq!(paragraphs[at - 1], "附件1");
    // What jixiao writes it reads back: the imported Word file keeps the label and title.
    let back = imported("seed-000.docx", &word);
    let overall = back.overall.as_ref().unwrap();
    assert_eq!((overall.form_label.as_str(), overall.form_title.as_str()), ("附件2", "2024年度部门整体支出绩效自评表"));
    assert_eq!(back.projects[0].form_label, "附件3");

    // Excel: the label in A1 and the title in A2 of the 整体 sheet, where the year line was:
    // the form's two lines above the table, so no cell of the form moves.
    let book = xlsx(&r, &e);
    let sheet = part(&book, "xl/worksheets/sheet1.xml");
    assert_eq!(cell_text(&sheet, "A1").as_deref(), Some("附件2"));
    assert_eq!(cell_text(&sheet, "A2").as_deref(), Some("2024年度部门整体支出绩效自评表"));
    assert_eq!(cell_text(&sheet, "A3").as_deref(), Some("部门名称"));
    let back = imported("seed-000.xlsx", &book);
    assert_eq!(back.overall.as_ref().unwrap().form_label, "附件2", "the workbook's label read back");

    // LibreOffice opens both files and prints the label right above the title.
    let dir = scratch("hunan");
    let texts = office_text(&dir, &[("seed-000.docx", &word), ("seed-000.xlsx", &book)]);
    assert!(texts[0].contains("附件22024年度部门整体支出绩效自评表市级预算部门名称") || texts[0].contains("附件22024年度部门整体支出绩效自评表部门名称"), "Word in LibreOffice");
    assert!(texts[0].contains("附件32024年度项目支出绩效自评表"), "Word in LibreOffice: 附件3");
    assert!(texts[0].contains("附件12024年度部门整体支出绩效评价基础数据表"), "Word in LibreOffice: 附件1");
    assert!(texts[1].contains("附件22024年度部门整体支出绩效自评表部门名称"), "Excel in LibreOffice");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_region_whose_forms_number_no_attachment_prints_no_label() {
    for pack in ["central-2020", "generic"] {
        let mut r = seed("seed-000");
        r.rule_pack = pack.into();
        r.narrative.clear();
        let e = evaluate(&r);
        let html = print(&r);
        assert!(!html.contains("form-label") && !html.contains("附件"), "{pack}: print has no label");
        assert!(html.contains("<h2>部门整体支出绩效自评表</h2><p class=\"table-meta\">（2024年度）</p>"), "{pack}: the plain title and the year line");
        assert!(html.contains("<h2>基础数据表</h2>"));
        let word = part(&docx(&r, &e, &DocxOptions::default()), "word/document.xml");
        assert!(!word.contains("附件"), "{pack}: Word has no label");
        let paragraphs = word_paragraphs(&word);
        let at = paragraphs.iter().position(|p| p == "部门整体支出绩效自评表").unwrap();
        assert_eq!(paragraphs[at + 1], "（2024年度）");
        let sheet = part(&xlsx(&r, &e), "xl/worksheets/sheet1.xml");
        assert_eq!(cell_text(&sheet, "A1").as_deref(), Some("部门整体支出绩效自评表"));
        assert_eq!(cell_text(&sheet, "A2").as_deref(), Some("（2024年度）"));
        assert!(!sheet.contains("附件"));
    }
}

/// Hubei (seed 003) titles its table "2024 年度武汉市汉阳区总工会整体绩效自评表" under no 附件
/// label; Sichuan (seed 004) prints "部门整体支出绩效自评表" over its 监控 table and
/// "部门预算项目支出绩效自评表（2024年度）" over each project.
#[test]
fn hubei_and_sichuan_forms_carry_their_own_titles_and_no_label() {
    let r = seed("seed-003");
    let html = print(&r);
    assert!(html.contains("<h2>2024年度武汉市汉阳区总工会整体绩效自评表</h2><table"), "Hubei: the department in the title, the year in it");
    assert!(!html.contains("form-label"));
    let e = evaluate(&r);
    let sheet = part(&xlsx(&r, &e), "xl/worksheets/sheet1.xml");
    assert_eq!(cell_text(&sheet, "A1").as_deref(), Some("2024年度武汉市汉阳区总工会整体绩效自评表"));
    assert!(word_paragraphs(&part(&docx(&r, &e, &DocxOptions::default()), "word/document.xml")).contains(&"2024年度武汉市汉阳区总工会整体绩效自评表".to_string()));

    let r = seed("seed-004");
    let html = print(&r);
    assert!(html.contains("<h2>部门整体支出绩效自评表</h2>") && !html.contains("（监控）"), "Sichuan's 监控 table under the form's own title");
    assert_eq!(html.matches("<h2>部门预算项目支出绩效自评表（2024年度）</h2><table").count(), r.projects.len());
    assert!(!html.contains("form-label"));
    let e = evaluate(&r);
    let word = word_paragraphs(&part(&docx(&r, &e, &DocxOptions::default()), "word/document.xml"));
    assert_eq!(word.iter().filter(|p| *p == "部门预算项目支出绩效自评表（2024年度）").count(), r.projects.len());
}

#[test]
fn an_imported_table_keeps_the_label_and_title_its_document_printed() {
    let r = imported("附件2.docx", &sample("seed-000-附件2.docx"));
    let t = r.overall.as_ref().unwrap();
    assert_eq!((t.form_label.as_str(), t.form_title.as_str()), ("附件2", "2024年度部门整体支出绩效自评表"));
    // The document's label wins over the pack's: under a pack without labels it still prints.
    let mut generic = r.clone();
    generic.rule_pack = "generic".into();
    assert!(print(&generic).contains("<p class=\"form-label\">附件2</p><h2>2024年度部门整体支出绩效自评表</h2>"));
    // A document numbering its tables its own way keeps its numbering.
    let mut own = r.clone();
    own.overall.as_mut().unwrap().form_label = "附件5".into();
    own.overall.as_mut().unwrap().form_title = "2024年度某某局部门整体支出绩效自评表".into();
    let e = evaluate(&own);
    assert!(print(&own).contains("<p class=\"form-label\">附件5</p><h2>2024年度某某局部门整体支出绩效自评表</h2>"));
    let sheet = part(&xlsx(&own, &e), "xl/worksheets/sheet1.xml");
    assert_eq!(cell_text(&sheet, "A1").as_deref(), Some("附件5"));
    // And the label survives the saved draft.
    let saved = jixiao::model::exchange::json::save(&own, None);
    assert!(saved.contains("\"form_label\": \"附件5\""), "the label is saved in the draft");
    let Ok(loaded) = jixiao::model::exchange::json::load(&saved) else { panic!("the saved draft loads") };
    assert_eq!(loaded.report.overall.unwrap().form_label, "附件5");

    // "附件 3-1：" above seed 001's cover labels the report, not the first table after the cover.
    let r = imported("部门整体.docx", &sample("seed-001-部门整体.docx"));
    assert_eq!(r.overall.as_ref().unwrap().form_label, "");
}

#[test]
fn a_bureau_pack_sets_its_own_labels_and_titles() {
    let generic = include_str!("../crates/model/rules/generic.json");
    let mut pack: serde_json::Value = serde_json::from_str(generic).unwrap();
    pack["id"] = "bureau-heads-2024".into();
    pack["forms"] = serde_json::json!({ "overall": { "label": "附表1", "title": "{department}{year}年度整体支出绩效自评表" } });
    let text = pack.to_string();
    jixiao::model::rules::install_text("bureau-heads-2024.json", &text).unwrap();
    let mut r = seed("seed-001");
    r.rule_pack = "bureau-heads-2024".into();
    let name = r.overall.as_ref().unwrap().name.clone();
    assert!(print(&r).contains(&format!("<p class=\"form-label\">附表1</p><h2>{name}{}年度整体支出绩效自评表</h2>", r.year)));

    // A `forms` entry that is not an object is refused with its place named.
    pack["forms"] = serde_json::json!({ "overall": "附件2" });
    let e = jixiao::model::rules::parse("bad.json", &pack.to_string()).unwrap_err();
    assert!(e.to_string().contains("forms.overall"), "{e}");
    pack["forms"] = serde_json::json!({ "project": { "label": "附件3" } });
    let e = jixiao::model::rules::parse("bad.json", &pack.to_string()).unwrap_err();
    assert!(e.to_string().contains("forms.project.title"), "{e}");
}
