//! Text helpers shared by the page and the readers: byte-order marks, and tab-separated text
//! (a paste from Excel or WPS, a .txt table) split into records of fields; JSON errors told in
//! Chinese.
//!
//! Guarantees: never panics; linear in the input.

/// The bytes after a UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The WHATWG label of a UTF-16 byte-order mark at the start, if any.
pub fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        Some("utf-16le")
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some("utf-16be")
    } else {
        None
    }
}

/// Splits text into records of fields, Excel-style quoting understood.
pub fn split(text: &str) -> Vec<Vec<String>> {
    split_with(text, true).unwrap_or_else(|| split_with(text, false).unwrap_or_default())
}

/// The split; `None` when `quotes` is on and a quoted field never closes.
fn split_with(text: &str, quotes: bool) -> Option<Vec<Vec<String>>> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if quotes && at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '\t' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut fields));
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return None;
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(fields);
    }
    Some(records)
}

/// What kind of JSON error `e` is, in Chinese.
pub fn json_error_kind(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "文件不完整，可能被截断".into(),
        Category::Syntax => "语法错误".into(),
        Category::Data | Category::Io => "内容错误".into(),
    }
}

/// A JSON error in Chinese with where it is: "第 3 行第 5 列：语法错误". Not serde_json's English
/// message, whose text (and the I/O error texts it can hold) would also weigh on the start-up.
pub fn json_error(e: &serde_json::Error) -> String {
    format!("第 {} 行第 {} 列：{}", e.line(), e.column(), json_error_kind(e))
}
