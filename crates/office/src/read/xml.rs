//! A thin, safe layer over quick-xml for the parts of Office files: events by local name (so
//! `w:`/`x:` prefixes and Strict OOXML namespaces do not matter), attributes by local name,
//! unescaped text, and subtrees skipped whole.
//!
//! Guarantees: a DOCTYPE (and so any entity definition) is refused with [`ReadError::Doctype`];
//! every parse error is a [`ReadError::BadXml`] naming the part; never panics.

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::Reader;

use super::ReadError;

/// An event reader over one part of an archive.
pub struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    part: &'a str,
}

impl<'a> Xml<'a> {
    /// Reads `bytes`, the part named `part` (for messages).
    pub fn new(bytes: &'a [u8], part: &'a str) -> Result<Xml<'a>, ReadError> {
        let head = &bytes[..bytes.len().min(64 * 1024)];
        if contains(head, b"<!DOCTYPE") || contains(head, b"<!ENTITY") {
            return Err(ReadError::Doctype);
        }
        let mut reader = Reader::from_reader(bytes);
        reader.config_mut().expand_empty_elements = true;
        reader.config_mut().trim_text(false);
        Ok(Xml { reader, part })
    }

    /// The next event; `Event::Eof` at the end.
    pub fn next(&mut self) -> Result<Event<'a>, ReadError> {
        match self.reader.read_event() {
            Ok(Event::DocType(_)) => Err(ReadError::Doctype),
            Ok(event) => Ok(event),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Skips to the end of the element `start` just opened.
    pub fn skip(&mut self, start: &BytesStart<'_>) -> Result<(), ReadError> {
        let name = start.name();
        self.reader.read_to_end(name).map(|_| ()).map_err(|e| self.error(e))
    }

    /// The unescaped content of a text event.
    pub fn text(&self, text: &BytesText<'_>) -> Result<String, ReadError> {
        text.unescape().map(|t| t.into_owned()).map_err(|e| self.error(e))
    }

    fn error(&self, e: quick_xml::Error) -> ReadError {
        ReadError::BadXml { part: self.part.to_string(), detail: e.to_string() }
    }
}

/// The local name of an element ("tbl" for `w:tbl`).
pub fn local<'b>(e: &'b BytesStart<'_>) -> &'b [u8] {
    let full = e.name().into_inner();
    match full.iter().rposition(|&b| b == b':') {
        Some(i) => &full[i + 1..],
        None => full,
    }
}

/// The value of the attribute whose local name is `name` (`w:val` → "val"), unescaped.
pub fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    // Without quick-xml's duplicate check, which compares each attribute with all before it
    // (300,000 attributes on one element: minutes); the first of duplicates wins.
    e.attributes().with_checks(false).flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| {
        a.unescape_value().map(|v| v.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// A whole-number attribute, or `None` when missing or not a number.
pub fn attr_num(e: &BytesStart<'_>, name: &[u8]) -> Option<usize> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// Whether an on/off attribute (`w:val`, `hidden`) is on: missing counts as `default`.
pub fn attr_on(e: &BytesStart<'_>, name: &[u8], default: bool) -> bool {
    match attr(e, name) {
        None => default,
        Some(v) => !matches!(v.trim(), "0" | "false" | "off"),
    }
}

/// Whether `haystack` contains `needle`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
