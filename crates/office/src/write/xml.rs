//! XML text for the Office packages: escaping and the characters XML 1.0 forbids.
//!
//! Guarantees: whatever a user typed comes out as well-formed character data or attribute
//! value: `& < > "` are escaped, and control characters other than tab, newline and carriage
//! return (and U+FFFE/U+FFFF) are dropped, since XML 1.0 cannot carry them at all.

/// Whether XML 1.0 can hold `c`.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Appends `text` escaped for element content and attribute values.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped (see [`push_escaped`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters() {
        assert_eq!(escape("a<b>&\"c\"\u{1}\u{8}\t\n\u{FFFF}绩效"), "a&lt;b&gt;&amp;&quot;c&quot;\t\n绩效");
        assert_eq!(escape("=SUM(A1)"), "=SUM(A1)", "text stays text; the writers never make it a formula");
    }
}
