//! Fonts as the text extractor needs them: how a shown string splits into character codes,
//! each code's Unicode text and its width. Sources, first match wins: the font's ToUnicode
//! CMap (bfchar/bfrange, 1- to 4-byte codes); the predefined CJK CMaps by name (UCS-2 and
//! UTF-16 ones directly, GBK/GB-EUC, Big5, Shift-JIS and EUC-KR ones through the platform's
//! `decode`, as web pages are); simple fonts' Differences glyph names and their base encoding
//! (WinAnsi and MacRoman through `decode`, Standard as ASCII).
//!
//! Guarantees: a CMap range expands to at most [`MAX_MAP`] codes in all; unknown codes give
//! no text (counted, so a file of unreadable glyphs can be told apart).

use std::collections::HashMap;

use super::file::File;
use super::syntax::{get, Dict, Fx, Obj, Parser, ONE};
use crate::read::Decode;

/// Codes one ToUnicode CMap may map.
const MAX_MAP: usize = 200_000;

/// How a Type 0 font's predefined CMap turns codes into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cjk {
    /// Identity or an unknown CMap: CIDs, text only through ToUnicode.
    Identity,
    Ucs2,
    Utf16,
    /// A legacy multi-byte encoding, decoded by label (lead bytes 0x81–0xFE take two bytes).
    Legacy(&'static str),
}

/// One font.
pub struct Font {
    /// Type 0 (composite) font.
    composite: bool,
    cjk: Cjk,
    /// ToUnicode: (code length, code) → text.
    map: HashMap<(u8, u32), String>,
    /// ToUnicode codespace ranges (length, low, high).
    spaces: Vec<(u8, u32, u32)>,
    /// Simple fonts: text of each byte.
    simple: Vec<Option<String>>,
    /// Widths in thousandths of text space: simple fonts by code, composite by CID.
    widths: HashMap<u32, Fx>,
    default_width: Fx,
}

/// A character code's text and advance (in text-space units times [`ONE`] per 1000).
pub struct Glyph {
    pub text: String,
    pub width: Fx,
    /// A single-byte code 32 (word spacing applies).
    pub space: bool,
}

impl Font {
    pub fn load(file: &File<'_>, dict: &Dict, decode: Decode<'_>) -> Font {
        let subtype = get(dict, b"Subtype").and_then(Obj::name).unwrap_or(b"");
        let composite = subtype == b"Type0";
        let mut font = Font {
            composite,
            cjk: Cjk::Identity,
            map: HashMap::new(),
            spaces: Vec::new(),
            simple: Vec::new(),
            widths: HashMap::new(),
            default_width: if composite { ONE * 1000 } else { 0 },
        };
        if let Some(data) = get(dict, b"ToUnicode").and_then(|t| file.stream_data(t)) {
            font.read_cmap(&data);
        }
        if composite {
            if let Some(name) = get(dict, b"Encoding").and_then(|e| file.resolve(e).name().map(<[u8]>::to_vec)) {
                font.cjk = cjk_kind(&name);
            }
            let desc = get(dict, b"DescendantFonts")
                .map(|d| file.resolve(d))
                .and_then(|a| a.array().and_then(|a| a.first().cloned()))
                .map(|d| file.resolve(&d));
            if let Some(desc) = desc.as_deref().and_then(Obj::dict) {
                if let Some(dw) = get(desc, b"DW").and_then(|o| file.resolve(o).fx()) {
                    font.default_width = dw;
                }
                if let Some(w) = get(desc, b"W").map(|w| file.resolve(w)) {
                    font.cid_widths(file, w.array().unwrap_or(&[]));
                }
            }
        } else {
            font.simple_encoding(file, dict, decode);
            let first = get(dict, b"FirstChar").and_then(|o| file.resolve(o).int()).unwrap_or(0);
            if let Some(w) = get(dict, b"Widths").map(|w| file.resolve(w)) {
                for (i, o) in w.array().unwrap_or(&[]).iter().enumerate().take(256) {
                    if let (Some(width), Ok(code)) = (file.resolve(o).fx(), u32::try_from(first + i as i64)) {
                        font.widths.insert(code, width);
                    }
                }
            }
            if font.widths.is_empty() {
                font.default_width = 500 * ONE;
            }
        }
        font
    }

    fn cid_widths(&mut self, file: &File<'_>, w: &[Obj]) {
        let mut i = 0;
        while i + 1 < w.len() && self.widths.len() < MAX_MAP {
            let Some(first) = w[i].int() else { break };
            match &*file.resolve(&w[i + 1]) {
                Obj::Array(list) => {
                    for (k, o) in list.iter().enumerate().take(MAX_MAP) {
                        if let (Some(width), Ok(cid)) = (o.fx(), u32::try_from(first + k as i64)) {
                            self.widths.insert(cid, width);
                        }
                    }
                    i += 2;
                }
                last => {
                    let (Some(last), Some(width)) = (last.int(), w.get(i + 2).and_then(Obj::fx)) else { break };
                    for cid in first.max(0)..=last.min(first.max(0) + MAX_MAP as i64) {
                        if let Ok(cid) = u32::try_from(cid) {
                            self.widths.insert(cid, width);
                        }
                    }
                    i += 3;
                }
            }
        }
    }

    fn simple_encoding(&mut self, file: &File<'_>, dict: &Dict, decode: Decode<'_>) {
        let enc = get(dict, b"Encoding").map(|e| file.resolve(e));
        let (base, diffs) = match enc.as_deref() {
            Some(Obj::Name(n)) => (n.clone(), None),
            Some(Obj::Dict(d)) => (
                get(d, b"BaseEncoding").and_then(Obj::name).unwrap_or(b"StandardEncoding").to_vec(),
                get(d, b"Differences").map(|o| file.resolve(o)),
            ),
            _ => (b"StandardEncoding".to_vec(), None),
        };
        let upper: Vec<u8> = (128..=255).collect();
        let label = match base.as_slice() {
            b"WinAnsiEncoding" => Some("windows-1252"),
            b"MacRomanEncoding" => Some("macintosh"),
            _ => None,
        };
        let high: Vec<Option<String>> = match label.and_then(|l| decode(l, &upper)) {
            Some(text) if text.chars().count() == 128 => text.chars().map(|c| Some(c.to_string())).collect(),
            _ => vec![None; 128],
        };
        self.simple = (0..128u8)
            .map(|b| match b {
                b'\'' if label.is_none() => Some("\u{2019}".to_string()),
                b'`' if label.is_none() => Some("\u{2018}".to_string()),
                32..=126 => Some((b as char).to_string()),
                _ => None,
            })
            .chain(high)
            .collect();
        if let Some(Obj::Array(list)) = diffs.as_deref() {
            let mut code = 0usize;
            for o in list {
                match o {
                    Obj::Int(n) => code = (*n).clamp(0, 256) as usize,
                    Obj::Name(glyph) => {
                        if let Some(slot) = self.simple.get_mut(code) {
                            *slot = glyph_text(glyph);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }

    /// Reads a ToUnicode CMap's codespace ranges, bfchar and bfrange entries.
    fn read_cmap(&mut self, data: &[u8]) {
        let mut p = Parser::new(data, 0);
        let mut section: &[u8] = b"";
        let mut args: Vec<Obj> = Vec::new();
        while let Some(obj) = p.object() {
            match obj {
                Obj::Op(op) => {
                    match op.as_slice() {
                        b"begincodespacerange" | b"beginbfchar" | b"beginbfrange" => {
                            section = match op.as_slice() {
                                b"begincodespacerange" => b"space",
                                b"beginbfchar" => b"char",
                                _ => b"range",
                            };
                        }
                        b"endcodespacerange" | b"endbfchar" | b"endbfrange" => section = b"",
                        _ => {}
                    }
                    args.clear();
                    continue;
                }
                other => args.push(other),
            }
            let need = if section == b"range" { 3 } else { 2 };
            if section.is_empty() || args.len() < need {
                if section.is_empty() {
                    args.clear();
                }
                continue;
            }
            let taken: Vec<Obj> = std::mem::take(&mut args);
            let (Obj::Str(lo), Some(second)) = (&taken[0], taken.get(1)) else { continue };
            let Some(lo_code) = code_of(lo) else { continue };
            let len = lo.len() as u8;
            match (section, second) {
                (b"space", Obj::Str(hi)) => {
                    if let Some(hi) = code_of(hi) {
                        self.spaces.push((len, lo_code, hi));
                    }
                }
                (b"char", Obj::Str(dst)) | (b"char", Obj::Name(dst)) if self.map.len() < MAX_MAP => {
                    self.map.insert((len, lo_code), utf16(dst));
                }
                (b"range", Obj::Str(hi)) => {
                    let Some(hi) = code_of(hi) else { continue };
                    let span = hi.saturating_sub(lo_code) as usize;
                    if hi < lo_code || self.map.len() + span >= MAX_MAP {
                        continue;
                    }
                    match &taken[2] {
                        Obj::Str(dst) => {
                            let units: Vec<u16> = dst.chunks(2).map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16).collect();
                            for k in 0..=span as u32 {
                                let mut u = units.clone();
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add(k as u16);
                                }
                                self.map.insert((len, lo_code + k), String::from_utf16_lossy(&u));
                            }
                        }
                        Obj::Array(list) => {
                            for (k, d) in list.iter().enumerate().take(span + 1) {
                                if let Obj::Str(d) = d {
                                    self.map.insert((len, lo_code + k as u32), utf16(d));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// Splits a shown string into glyphs.
    pub fn glyphs(&self, bytes: &[u8], decode: Decode<'_>, unknown: &mut usize) -> Vec<Glyph> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]).min(bytes.len() - i);
            let raw = &bytes[i..i + len];
            let code = code_of(raw).unwrap_or(0);
            i += len;
            let text = match self.map.get(&(len as u8, code)) {
                Some(t) => Some(t.clone()),
                None if self.composite => match self.cjk {
                    Cjk::Ucs2 | Cjk::Utf16 => Some(utf16(raw)),
                    Cjk::Legacy(label) => decode(label, raw),
                    Cjk::Identity => None,
                },
                None => self.simple.get(code as usize).cloned().flatten(),
            };
            let text = text.unwrap_or_else(|| {
                *unknown += 1;
                String::new()
            });
            // Without the predefined CMap's CIDs, the half-width Latin of Adobe-GB1 (CIDs 1–95
            // are U+0020–U+007E) still gets its own width; other characters the default.
            let cid = match (self.composite, self.cjk) {
                (true, Cjk::Identity) | (false, _) => code,
                (true, _) => match text.chars().next().map(u32::from) {
                    Some(u @ 0x20..=0x7e) if text.chars().count() == 1 => u - 31,
                    _ => u32::MAX,
                },
            };
            let width = self.widths.get(&cid).copied().unwrap_or(self.default_width);
            out.push(Glyph { text, width, space: len == 1 && code == 32 });
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        let first = rest.first().copied().unwrap_or(0) as u32;
        if self.composite {
            match self.cjk {
                Cjk::Legacy(_) => return if (0x81..=0xfe).contains(&first) { 2 } else { 1 },
                Cjk::Utf16 if (0xd8..=0xdb).contains(&first) => return 4,
                Cjk::Ucs2 | Cjk::Utf16 => return 2,
                Cjk::Identity => {}
            }
        }
        for len in 1..=4usize {
            if rest.len() < len {
                break;
            }
            let code = code_of(&rest[..len]).unwrap_or(0);
            if self.spaces.iter().any(|&(l, lo, hi)| l as usize == len && (lo..=hi).contains(&code)) {
                return len;
            }
        }
        if self.composite {
            2
        } else {
            1
        }
    }
}

fn cjk_kind(name: &[u8]) -> Cjk {
    let n = String::from_utf8_lossy(name);
    if n.contains("UCS2") {
        Cjk::Ucs2
    } else if n.contains("UTF16") {
        Cjk::Utf16
    } else if n.starts_with("GB") {
        Cjk::Legacy("gbk")
    } else if n.starts_with("B5") || n.starts_with("ETen") || n.starts_with("HKscs") {
        Cjk::Legacy("big5")
    } else if n.contains("RKSJ") {
        Cjk::Legacy("shift_jis")
    } else if n.starts_with("KSC") {
        Cjk::Legacy("euc-kr")
    } else {
        Cjk::Identity
    }
}

/// A big-endian code of 1 to 4 bytes.
fn code_of(bytes: &[u8]) -> Option<u32> {
    (!bytes.is_empty() && bytes.len() <= 4).then(|| bytes.iter().fold(0u32, |v, &b| v << 8 | b as u32))
}

/// UTF-16BE bytes as text.
fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16).collect();
    String::from_utf16_lossy(&units)
}

/// The text of a glyph name: `uniXXXX`, `uXXXX`, and the ASCII glyph names.
fn glyph_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if let Some(hex) = base.strip_prefix("uni").filter(|h| h.len() >= 4) {
        let units: Vec<u16> = hex.as_bytes().chunks(4).filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok()).collect();
        return Some(String::from_utf16_lossy(&units));
    }
    if let Some(hex) = base.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            return Some(c.to_string());
        }
    }
    if base.len() == 1 && base.as_bytes()[0].is_ascii_alphabetic() {
        return Some(base.to_string());
    }
    const NAMES: &str = "space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal greater question at";
    if let Some(i) = NAMES.split(' ').position(|n| n == base) {
        return Some(((b' ' + i as u8) as char).to_string());
    }
    let other = match base {
        "bracketleft" => "[",
        "backslash" => "\\",
        "bracketright" => "]",
        "asciicircum" => "^",
        "underscore" => "_",
        "grave" => "`",
        "braceleft" => "{",
        "bar" => "|",
        "braceright" => "}",
        "asciitilde" => "~",
        "quoteright" => "\u{2019}",
        "quoteleft" => "\u{2018}",
        "quotedblleft" => "\u{201c}",
        "quotedblright" => "\u{201d}",
        "endash" => "\u{2013}",
        "emdash" => "\u{2014}",
        "bullet" => "\u{2022}",
        "periodcentered" => "\u{b7}",
        "multiply" => "\u{d7}",
        "degree" => "\u{b0}",
        "nbspace" | "uni00A0" => " ",
        _ => return None,
    };
    Some(other.to_string())
}
