//! LibreOffice as the independent reader of the exported files: headless conversion to PDF
//! (or CSV, HTML) with a private profile, and the text of the PDF as a whole or page by page.
#![allow(clippy::unwrap_used, dead_code)] // test code: a panic is a failed test; not every test file uses every helper

use std::path::Path;
use std::process::Command;

/// Converts `files` with one LibreOffice run (a private profile, so parallel runs do not clash).
/// The profile recalculates .xlsx formulas on load, as Excel and WPS do for a workbook with
/// `fullCalcOnLoad`: LibreOffice's own default trusts the cached values of an unchanged file,
/// but here a cell was changed behind its back, as a user typing in Excel would.
pub fn soffice(dir: &Path, to: &str, files: &[&str]) {
    let user = dir.join("lo-profile/user");
    std::fs::create_dir_all(&user).unwrap();
    let settings = user.join("registrymodifications.xcu");
    if !settings.exists() {
        std::fs::write(
            &settings,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
        )
        .unwrap();
    }
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}"), "--convert-to", to, "--outdir"])
        .arg(dir)
        .args(files.iter().map(|f| dir.join(f)))
        .output()
        .expect("LibreOffice (soffice) is needed: run scripts/setup.sh");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
}

pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}


/// The text of each page of a PDF (`pdftotext -layout -f N -l N`).
pub fn pages(pdf: &Path) -> Vec<String> {
    let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils) is needed");
    let info = String::from_utf8_lossy(&info.stdout);
    let n: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|v| v.trim().parse().ok()).unwrap();
    (1..=n)
        .map(|i| {
            let out = Command::new("pdftotext").args(["-layout", "-f", &i.to_string(), "-l", &i.to_string()]).arg(pdf).arg("-").output().unwrap();
            assert!(out.status.success());
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
}

/// Prints an HTML file to PDF with headless Chromium as a desktop browser would (a 1366 px wide
/// window; A4 and landscape pages from the CSS `@page` rules, no header or footer of its own).
pub fn chromium_pdf(html: &Path, pdf: &Path) {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--window-size=1366,768"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("Chromium is needed: run scripts/setup.sh");
    assert!(out.status.success() && pdf.exists(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// The text with all white space removed: pdftotext spaces CJK from digits and wraps cells.
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts that `needles` occur in `text` in this order.
pub fn in_order(text: &str, needles: &[String], what: &str) {
    let mut at = 0;
    for n in needles {
        match text[at..].find(n.as_str()) {
            Some(i) => at += i + n.len(),
            None => panic!("{what}: “{n}” missing or out of order after …{}", text[at.saturating_sub(60)..].chars().take(120).collect::<String>()),
        }
    }
}
