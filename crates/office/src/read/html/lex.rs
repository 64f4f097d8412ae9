//! The HTML tokenizer: tags with their attributes, text with entities decoded, and the page's
//! declared character set.
//!
//! Written here rather than taken from a crate: a conforming parser (html5ever and its
//! dependencies) adds hundreds of KB to the browser download, while tables need only tags,
//! attributes, text and entities, read tolerantly. Guarantees: linear in the input, never
//! panics, skips comments (Word's `<!--[if …]>` included), `<!…>`/`<?…?>` declarations and the
//! content of `<script>`, `<style>`, `<title>`, `<xml>`, `<template>`, `<textarea>`, `<noscript>`.

use super::super::Decode;

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text with entities decoded (whitespace not yet collapsed).
    Text(String),
    /// `<name attr=value …>`, the name lower-cased.
    Start { name: String, attrs: Vec<(String, String)> },
    /// `</name>`, the name lower-cased.
    End(String),
}

/// Elements whose content is not shown as page text.
const RAW: &[&str] = &["script", "style", "title", "xml", "template", "textarea", "noscript"];

/// Splits HTML into tokens, one at a time: a page of millions of tags is never held as a list.
pub fn tokens(html: &str) -> Tokens<'_> {
    Tokens { html, pos: 0, text_start: 0, pending: None, finished: false }
}

/// The tokens of a page, in order (see [`tokens`]).
pub struct Tokens<'a> {
    html: &'a str,
    pos: usize,
    text_start: usize,
    /// A tag found after text: given out right after that text.
    pending: Option<Token>,
    finished: bool,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some(token) = self.pending.take() {
            return Some(token);
        }
        let html = self.html;
        let bytes = html.as_bytes();
        while let Some(offset) = html.get(self.pos..).and_then(|rest| rest.find('<')) {
            let lt = self.pos + offset;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            let (token, end) = if html[lt..].starts_with("<!--") {
                (None, html[lt + 4..].find("-->").map_or(html.len(), |i| lt + 4 + i + 3))
            } else if next == b'!' || next == b'?' {
                (None, html[lt..].find('>').map_or(html.len(), |i| lt + i + 1))
            } else if next == b'/' && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
                let name_end = name_end(html, lt + 2);
                let end = html[name_end..].find('>').map_or(html.len(), |i| name_end + i + 1);
                (Some(Token::End(html[lt + 2..name_end].to_ascii_lowercase())), end)
            } else if next.is_ascii_alphabetic() {
                let (name, attrs, end) = start_tag(html, lt + 1);
                (Some(Token::Start { name, attrs }), end)
            } else {
                self.pos = lt + 1;
                continue;
            };
            let text = (lt > self.text_start).then(|| Token::Text(decode_entities(&html[self.text_start..lt])));
            self.pos = end;
            self.text_start = end;
            if let Some(Token::Start { name, .. }) = &token {
                if RAW.contains(&name.as_str()) {
                    self.pos = find_close(html, self.pos, name).map_or(html.len(), |after| {
                        html[after..].find('>').map_or(html.len(), |j| after + j + 1)
                    });
                    self.text_start = self.pos;
                }
            }
            match (text, token) {
                (Some(text), token) => {
                    self.pending = token;
                    return Some(text);
                }
                (None, Some(token)) => return Some(token),
                (None, None) => continue,
            }
        }
        if !self.finished && self.text_start < html.len() {
            self.finished = true;
            return Some(Token::Text(decode_entities(&html[self.text_start..])));
        }
        self.finished = true;
        None
    }
}

/// Where the closing tag `</name` (any case) starts at or after `from`.
fn find_close(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = html[at..].find("</") {
        let start = at + i;
        let candidate = html.as_bytes().get(start + 2..start + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// Where a tag or attribute name that starts at `from` ends.
fn name_end(html: &str, from: usize) -> usize {
    html[from..]
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/' || c == '=')
        .map_or(html.len(), |i| from + i)
}

/// A start tag's name, attributes and the index after its `>`.
fn start_tag(html: &str, from: usize) -> (String, Vec<(String, String)>, usize) {
    let end = name_end(html, from);
    let name = html[from..end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let bytes = html.as_bytes();
    let mut i = end;
    loop {
        while i < html.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= html.len() {
            return (name, attrs, html.len());
        }
        if bytes[i] == b'>' {
            return (name, attrs, i + 1);
        }
        let key_end = name_end(html, i).max(i + 1).min(html.len());
        let key = html.get(i..key_end).unwrap_or("").to_ascii_lowercase();
        i = key_end;
        while i < html.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < html.len() && bytes[i] == b'=' {
            i += 1;
            while i < html.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < html.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i] as char;
                let close = html[i + 1..].find(quote).map_or(html.len(), |j| i + 1 + j);
                value = decode_entities(&html[i + 1..close]);
                i = (close + 1).min(html.len());
            } else {
                let close = html[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(html.len(), |j| i + j);
                value = decode_entities(&html[i..close]);
                i = close;
            }
        }
        attrs.push((key, value));
    }
}

/// Named character references in common use on Chinese government pages and in Office HTML.
const NAMED: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'), ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''),
    ("middot", '·'), ("hellip", '…'), ("mdash", '—'), ("ndash", '–'), ("lsquo", '‘'), ("rsquo", '’'),
    ("ldquo", '“'), ("rdquo", '”'), ("sbquo", '‚'), ("bdquo", '„'), ("times", '×'), ("divide", '÷'),
    ("plusmn", '±'), ("deg", '°'), ("permil", '‰'), ("sup1", '¹'), ("sup2", '²'), ("sup3", '³'),
    ("frac12", '½'), ("frac14", '¼'), ("frac34", '¾'), ("yen", '¥'), ("cent", '¢'), ("pound", '£'),
    ("euro", '€'), ("copy", '©'), ("reg", '®'), ("trade", '™'), ("sect", '§'), ("para", '¶'),
    ("bull", '•'), ("laquo", '«'), ("raquo", '»'), ("lsaquo", '‹'), ("rsaquo", '›'), ("le", '≤'),
    ("ge", '≥'), ("ne", '≠'), ("asymp", '≈'), ("minus", '−'), ("micro", 'µ'), ("ordm", 'º'),
    ("ordf", 'ª'), ("ensp", '\u{2002}'), ("emsp", '\u{2003}'), ("thinsp", '\u{2009}'),
    ("zwsp", '\u{200b}'), ("zwnj", '\u{200c}'), ("zwj", '\u{200d}'), ("shy", '\u{ad}'), ("iexcl", '¡'),
    ("iquest", '¿'), ("larr", '←'), ("rarr", '→'), ("uarr", '↑'), ("darr", '↓'), ("radic", '√'),
    ("infin", '∞'), ("sum", '∑'), ("prime", '′'), ("Prime", '″'), ("alpha", 'α'), ("beta", 'β'),
    ("mu", 'μ'), ("pi", 'π'), ("Omega", 'Ω'), ("check", '✓'), ("star", '☆'), ("starf", '★'),
];

/// Names a browser accepts without the closing semicolon.
const LEGACY: &[&str] = &["nbsp", "amp", "lt", "gt", "quot", "copy", "reg", "middot", "times", "deg", "yen"];

/// Text with character references (`&nbsp;`, `&#12345;`, `&#x3000;`) replaced; unknown ones
/// stay as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((ch, used)) => {
                if let Some(ch) = ch {
                    out.push(ch);
                }
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference after `&` stands for (`None` inside for a reference to nothing
/// printable) and the bytes it used.
fn reference(after: &str) -> Option<(Option<char>, usize)> {
    if let Some(num) = after.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
        if len == 0 || len > 8 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..len], radix).ok()?;
        let ch = match code {
            0 => None,
            0x80..=0x9f => Some(windows_1252(code)),
            _ => Some(char::from_u32(code).unwrap_or('\u{fffd}')),
        };
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((ch, skip + len + semicolon));
    }
    let len = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
    let name = &after[..len];
    let ch = NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)?;
    if after[len..].starts_with(';') {
        Some((Some(ch), len + 1))
    } else if LEGACY.contains(&name) {
        Some((Some(ch), len))
    } else {
        None
    }
}

/// What browsers show for `&#128;`–`&#159;` (Windows-1252 punctuation), or the code itself.
fn windows_1252(code: u32) -> char {
    match code {
        0x80 => '€',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x85 => '…',
        _ => char::from_u32(code).unwrap_or('\u{fffd}'),
    }
}

/// Decodes a page: byte-order mark first; then UTF-8 whenever the bytes are valid UTF-8 (pages
/// re-saved by an editor often keep a stale `charset=gb2312` while their bytes are UTF-8, and
/// GBK text is almost never valid UTF-8); otherwise the charset its `<meta>` declares in the
/// first 4 KB (gb2312 and gbk read as gb18030, their superset), or GB18030 when none is declared.
pub fn decode_page(bytes: &[u8], decode: Decode<'_>) -> String {
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(body).into_owned();
    }
    if let Some(label) = super::super::sniff::utf16(bytes) {
        if let Some(text) = decode(label, &bytes[2..]) {
            return text;
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let label = match declared_charset(&bytes[..bytes.len().min(4096)]).as_deref() {
        Some("gb2312" | "gbk" | "x-gbk" | "gb_2312-80" | "cp936" | "ms936" | "windows-936" | "csgb2312") | None => {
            "gb18030".to_string()
        }
        Some(other) => other.to_string(),
    };
    decode(&label, bytes)
        .or_else(|| decode("gb18030", bytes))
        .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned())
}

/// The label after the first `charset=` in the head of a page, lower-cased.
pub(super) fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(7).position(|w| w == b"charset")?;
    let rest = &lower[at + 7..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"=")?;
    let start = rest.iter().position(|b| !b.is_ascii_whitespace() && *b != b'"' && *b != b'\'')?;
    let label: Vec<u8> = rest[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .copied()
        .collect();
    (!label.is_empty()).then(|| String::from_utf8_lossy(&label).into_owned())
}
