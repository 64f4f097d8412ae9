//! The reader worker's WebAssembly module (built by Trunk as a web worker, loaded on the first
//! import): reads a Word, Excel, WPS or web-page file, or a pasted table, and recognises its
//! 自评表, answering with the preview as JSON (`exchange::import::to_wire`). The readers are
//! large (zip, XML, the .xls reader), so they live here and never weigh on the app's start-up
//! download; natively this binary is empty (`jixiao-check` reads files itself). The Word and
//! Excel writers live here too, for the same reason: they load when first used, and so does the
//! HTML of the screens used on few visits (the printable report, 评分规则 and 按其他规则重算:
//! `model::ondemand`), and the whole 部门决算 editor's model side (`final_accounts::session`).

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;

    use jixiao_office::import::{open_pasted_with, open_with, overrides_from_json, to_wire, ImportError, Opened};
    use jixiao_office::read::ReadError;

    /// Text in a legacy encoding (a GBK web page) through the browser's own decoder, which
    /// costs the bundle nothing.
    fn decode(label: &str, bytes: &[u8]) -> Option<String> {
        let decoder = web_sys::TextDecoder::new_with_label(label).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }

    /// Reads one file with some columns assigned by hand (`overrides`: JSON list of {table,
    /// column, field}, "[]" for none): the preview of its tables, or why it cannot be imported.
    #[wasm_bindgen]
    pub fn read_file(name: &str, bytes: &[u8], overrides: &str) -> String {
        let result = match open_with(name, bytes, &decode, &overrides_from_json(overrides)) {
            Ok(Opened::Tables(preview)) => Ok(preview),
            // The page opens its own JSON files; one that reaches here is told apart plainly.
            Ok(Opened::Saved(_)) => Err(ImportError::Read(ReadError::Json)),
            // A 部门决算 opens in its editor: its saved JSON beside the message that the places
            // taking only 自评 reports (审核, the 自评 editor's import) show.
            Ok(Opened::FinalAccounts(fa)) => {
                let saved = jixiao_model::final_accounts::json::save(&fa);
                return serde_json::json!({ "ok": false, "error": ImportError::FinalAccounts.to_string(), "final_accounts": saved }).to_string();
            }
            Err(e) => Err(e),
        };
        to_wire(&result)
    }

    /// Reads a table pasted from the clipboard (`text/html`, else `text/plain`), with some
    /// columns assigned by hand as for `read_file`.
    #[wasm_bindgen]
    pub fn read_pasted(text: &str, overrides: &str) -> String {
        to_wire(&open_pasted_with(text, &overrides_from_json(overrides)))
    }

    /// Writes a Word or Excel file (`exchange::write::write_file`) under the same rule packs as
    /// the page: `packs` is the JSON list of the page's installed pack files, [[file, text], …].
    /// The file's bytes; when it cannot be written, an empty array and the message in `error`.
    #[wasm_bindgen]
    pub fn write_file(what: &str, text: &str, packs: &str, findings: bool, explanations: bool, computed: bool, import_notes: bool) -> Vec<u8> {
        if what.starts_with("fa-") {
            // The 决算 editor's 导出 Word / 导出 Excel of its saved JSON.
            return match jixiao_office::final_accounts::write(what, text) {
                Ok(bytes) => bytes,
                Err(message) => {
                    ERROR.with(|e| *e.borrow_mut() = message);
                    Vec::new()
                }
            };
        }
        jixiao_model::ondemand::install_packs(packs);
        let options = jixiao_office::write::DocxOptions { findings, explanations, computed, import_notes };
        match jixiao_office::write::write_file(what, text, &options) {
            Ok(bytes) => bytes,
            Err(message) => {
                ERROR.with(|e| *e.borrow_mut() = message);
                Vec::new()
            }
        }
    }

    /// The printable report (`model::ondemand::print_html`) of a report given as its saved JSON,
    /// under the page's installed rule packs (`packs` as for `write_file`), with the score
    /// charts when `charts`: the print view's model code loads here, on first use.
    #[wasm_bindgen]
    pub fn print_html(text: &str, packs: &str, findings: bool, explanations: bool, computed: bool, import_notes: bool, charts: bool) -> String {
        jixiao_model::ondemand::install_packs(packs);
        let options = jixiao_model::print::PrintOptions { findings, explanations, computed, import_notes };
        jixiao_model::ondemand::print_html(text, options, charts)
    }

    /// The 评分规则 page's parts and 按其他规则重算 (`model::ondemand::rules_html`: `what` is
    /// "packs", "compare" of `left` and `right`, or "rescore" of the report in `text`), under the
    /// page's installed rule packs (`packs` as for `write_file`).
    #[wasm_bindgen]
    pub fn rules_html(what: &str, text: &str, packs: &str, left: &str, right: &str) -> String {
        jixiao_model::ondemand::install_packs(packs);
        jixiao_model::ondemand::rules_html(what, text, left, right)
    }

    /// The 部门决算 editor (`final_accounts::session`): `what` "op" applies the operation `op`
    /// (JSON) to the document whose saved JSON is `text` and answers the new JSON and view as
    /// JSON, with the 自评 report `report` (saved JSON, "" for none) checked against it; "print"
    /// answers the printable document's HTML; "review" 审核's rows (`session::review_wire`).
    #[wasm_bindgen]
    pub fn final_accounts(what: &str, op: &str, text: &str, report: &str) -> String {
        use jixiao_model::final_accounts::session;
        if what == "print" {
            session::print_wire(text)
        } else if what == "review" {
            session::review_wire(text)
        } else {
            session::run_wire(op, text, report)
        }
    }

    thread_local! {
        static ERROR: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }

    /// Why the last `write_file` returned nothing.
    #[wasm_bindgen]
    pub fn write_error() -> String {
        ERROR.with(|e| e.borrow().clone())
    }
}

fn main() {}
