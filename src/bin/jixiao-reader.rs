//! The reader worker's WebAssembly module (built by Trunk as a web worker, loaded on the first
//! import): reads a Word, Excel, WPS or web-page file, or a pasted table, and recognises its
//! 自评表, answering with the preview as JSON (`exchange::import::to_wire`). The readers are
//! large (zip, XML, the .xls reader), so they live here and never weigh on the app's start-up
//! download; natively this binary is empty (`jixiao-check` reads files itself).

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;

    use jixiao::model::exchange::import::{open, open_pasted, to_wire, ImportError, Opened};
    use jixiao::model::exchange::read::ReadError;

    /// Text in a legacy encoding (a GBK web page) through the browser's own decoder, which
    /// costs the bundle nothing.
    fn decode(label: &str, bytes: &[u8]) -> Option<String> {
        let decoder = web_sys::TextDecoder::new_with_label(label).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }

    /// Reads one file: the preview of its tables, or why it cannot be imported.
    #[wasm_bindgen]
    pub fn read_file(name: &str, bytes: &[u8]) -> String {
        let result = match open(name, bytes, &decode) {
            Ok(Opened::Tables(preview)) => Ok(preview),
            // The page opens its own JSON files; one that reaches here is told apart plainly.
            Ok(Opened::Saved(_)) => Err(ImportError::Read(ReadError::Json)),
            Err(e) => Err(e),
        };
        to_wire(&result)
    }

    /// Reads a table pasted from the clipboard (`text/html`, else `text/plain`).
    #[wasm_bindgen]
    pub fn read_pasted(text: &str) -> String {
        to_wire(&open_pasted(text))
    }
}

fn main() {}
