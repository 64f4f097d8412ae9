//! What kind of file a byte string is, judged by its content (magic numbers, then the shape of
//! its text), and how text files are decoded.
//!
//! Guarantees: looks at a bounded prefix only; never panics; a file name plays no part.

pub use jixiao_model::exchange::text::{strip_bom, utf16};

use super::{Decode, ReadError};

/// The kinds of content [`super::read`] distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// No bytes, or only whitespace.
    Empty,
    /// A zip archive (PK\x03\x04 …): .docx, .xlsx, or something else zipped.
    Zip,
    /// A compound file (D0 CF 11 E0): .doc, .xls, .wps, .et, or an encrypted .docx/.xlsx.
    Compound,
    /// %PDF.
    Pdf,
    /// A picture.
    Image,
    /// `{\rtf`.
    Rtf,
    /// Word or Excel 2003 XML.
    OfficeXml,
    /// A MIME web archive (.mht).
    Mht,
    /// A web page or clipboard HTML.
    Html,
    /// Other text (tab-separated tables, JSON).
    Text,
    /// Binary of no known kind.
    Unknown,
}

/// Judges `bytes` by their first bytes.
pub fn sniff(bytes: &[u8]) -> Kind {
    const MAGIC: &[(&[u8], Kind)] = &[
        (b"PK\x03\x04", Kind::Zip),
        (b"PK\x05\x06", Kind::Zip),
        (b"PK\x07\x08", Kind::Zip),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Kind::Compound),
        (b"%PDF", Kind::Pdf),
        (b"\x89PNG", Kind::Image),
        (b"\xFF\xD8\xFF", Kind::Image),
        (b"GIF8", Kind::Image),
        (b"II*\x00", Kind::Image),
        (b"MM\x00*", Kind::Image),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return *kind;
    }
    let webp = bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP";
    let bmp = bytes.len() > 14 && bytes.starts_with(b"BM") && bytes[6..10] == [0, 0, 0, 0];
    if webp || bmp {
        return Kind::Image;
    }
    let head = &bytes[..bytes.len().min(4096)];
    // UTF-16 with a byte-order mark: judged by the ASCII of its first characters, so a UTF-16
    // web page or XML file is taken for what it is, not for text.
    let ascii: Vec<u8>;
    let body = match utf16(head) {
        Some(label) => {
            ascii = head[2..]
                .chunks_exact(2)
                .map(|p| if label == "utf-16le" { (p[0], p[1]) } else { (p[1], p[0]) })
                .map(|(low, high)| if high == 0 && low.is_ascii() { low } else { b'x' })
                .collect();
            &ascii[..]
        }
        None => strip_bom(head),
    };
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    if start == body.len() {
        return if utf16(bytes).is_some() && bytes.len() > 2 { Kind::Text } else { Kind::Empty };
    }
    let lower: Vec<u8> = body[start..].iter().map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    let cf_html = lower.starts_with(b"version:") && contains(b"starthtml:");
    let markup = lower.starts_with(b"<")
        && (contains(b"<html") || contains(b"<table") || contains(b"<body") || contains(b"<!doctype html"));
    if lower.starts_with(b"<?xml")
        && (contains(b"urn:schemas-microsoft-com:office:spreadsheet") || contains(b"<w:worddocument"))
    {
        return Kind::OfficeXml;
    }
    if cf_html || markup {
        return Kind::Html;
    }
    if lower.starts_with(b"{\\rtf") {
        return Kind::Rtf;
    }
    if lower.starts_with(b"mime-version:") && contains(b"multipart/related") {
        return Kind::Mht;
    }
    if utf16(bytes).is_some() {
        return Kind::Text;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    if controls > 0 {
        return Kind::Unknown;
    }
    Kind::Text
}

/// Decodes a text file: UTF-16 by its byte-order mark, UTF-8 when valid, otherwise GB18030 (the
/// superset of GBK and GB2312 that Chinese Windows saves text in).
pub fn decode_text(bytes: &[u8], decode: Decode<'_>) -> Result<String, ReadError> {
    if let Some(label) = utf16(bytes) {
        return decode(label, &bytes[2..]).ok_or_else(|| ReadError::Encoding(label.into()));
    }
    let body = strip_bom(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => {
            let text = decode("gb18030", body).ok_or_else(|| ReadError::Encoding("gb18030".into()))?;
            // Neither UTF-8 nor GB18030: named as such rather than read as garbled characters.
            let bad = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
            if bad >= 8 && bad.saturating_mul(50) >= text.chars().count() {
                return Err(ReadError::Encoding("内容既不是 UTF-8 也不是 GB18030".into()));
            }
            Ok(text)
        }
    }
}

/// Whether text is a JSON object or array (a jixiao report, or another program's data).
pub fn is_json(text: &str) -> bool {
    let t = text.trim_start();
    (t.starts_with('{') || t.starts_with('[')) && serde_json::from_str::<serde_json::Value>(t).is_ok()
}
