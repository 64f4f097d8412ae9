//! 部门决算 out and in: the .docx opened by LibreOffice shows the tables, the 说明 and the six
//! charts; the .xlsx keeps totals as formulas and, imported, gives its tables back.

mod fa_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use fa_common::{seed003, seed004};
use jixiao::model::exchange::import::{open, Opened};
use jixiao::model::exchange::read;
use jixiao::model::final_accounts::{check, word, FinalAccounts};

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
