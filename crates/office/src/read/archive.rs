//! The zip container of Word and Excel files: which document it holds, and its parts read under
//! the expansion limits.
//!
//! Guarantees: the declared sizes of all entries together (pictures and embedded objects aside,
//! which are never inflated) stay under
//! [`limits::MAX_UNPACKED`](super::limits::MAX_UNPACKED), and every part read is inflated with a
//! byte limit (the rest of the total, and [`limits::MAX_RATIO`](super::limits::MAX_RATIO) times its
//! packed size once past [`limits::RATIO_FLOOR`](super::limits::RATIO_FLOOR)), so a lying header
//! cannot expand further. Part names are looked up, never written to disk; relationship targets
//! that climb above the archive root (`../../x`) are treated as missing.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::xml::{attr, local, Xml};
use super::{at_most, docx, grid, limits, xlsx, ReadError};
use quick_xml::events::Event;

/// An opened Office archive.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-case normalised part name → entry index.
    names: HashMap<String, usize>,
    /// Bytes inflated so far.
    used: u64,
}

/// Reads a zip file as a Word or Excel document.
pub fn read_office(bytes: &[u8]) -> Result<grid::Document, ReadError> {
    let mut archive = Archive::open(bytes)?;
    let main = archive.main_part()?;
    let data = archive.part(&main)?.ok_or_else(|| ReadError::MissingPart(main.clone()))?;
    match root_element(&data, &main)?.as_slice() {
        b"document" => docx::read(&data, &main),
        b"workbook" => xlsx::read(&mut archive, &data, &main),
        _ => Err(ReadError::OtherArchive),
    }
}

impl<'a> Archive<'a> {
    /// Opens the archive and checks the declared sizes.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ReadError> {
        refuse_many_ends(bytes)?;
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        let mut names = HashMap::new();
        let mut declared: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(zip_error)?;
            let name = normalize(entry.name());
            // Pictures and embedded files are never inflated here, and a report full of
            // scanned pages may well hold more than 50 MB of them.
            if !is_media(&name) {
                declared = declared.saturating_add(entry.size());
            }
            if declared > limits::MAX_UNPACKED {
                return Err(ReadError::TooLarge);
            }
            names.insert(name, i);
        }
        Ok(Archive { zip, names, used: 0 })
    }

    /// Whether the archive has a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&normalize(name))
    }

    /// The bytes of a part, `None` when there is no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(&index) = self.names.get(&normalize(name)) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(zip_error)?;
        let packed = entry.compressed_size();
        let declared = entry.size();
        let by_ratio = packed.saturating_mul(limits::MAX_RATIO).max(limits::RATIO_FLOOR);
        let limit = by_ratio.min(limits::MAX_UNPACKED.saturating_sub(self.used));
        if declared > limit {
            return Err(ReadError::TooLarge);
        }
        let mut data = Vec::new();
        entry
            .take(limit.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| ReadError::BadArchive(io_detail(&e)))?;
        if data.len() as u64 > limit {
            return Err(ReadError::TooLarge);
        }
        self.used = self.used.saturating_add(data.len() as u64);
        Ok(Some(utf8_part(data)))
    }

    /// The main document part named by `_rels/.rels` (officeDocument), or the usual names.
    fn main_part(&mut self) -> Result<String, ReadError> {
        if let Some(rels) = self.part("_rels/.rels")? {
            let targets = relationships(&rels, "_rels/.rels")?;
            if let Some((_, target)) = targets.iter().find(|(kind, _)| kind.ends_with("/officeDocument")) {
                if let Some(path) = resolve("", target) {
                    if self.has(&path) {
                        return Ok(path);
                    }
                }
            }
        }
        for usual in ["word/document.xml", "xl/workbook.xml"] {
            if self.has(usual) {
                return Ok(usual.to_string());
            }
        }
        Err(ReadError::OtherArchive)
    }
}

/// The relationships of a `.rels` part as (type, target) pairs, in order.
pub fn relationships(data: &[u8], part: &str) -> Result<Vec<(String, String)>, ReadError> {
    Ok(relationship_ids(data, part)?.into_iter().map(|(_, kind, target)| (kind, target)).collect())
}

/// The relationships of a `.rels` part as (id, type, target).
pub fn relationship_ids(data: &[u8], part: &str) -> Result<Vec<(String, String, String)>, ReadError> {
    let mut xml = Xml::new(data, part)?;
    let mut out = Vec::new();
    loop {
        match xml.next()? {
            Event::Start(e) if local(&e) == b"Relationship" => {
                let external = attr(&e, b"TargetMode").is_some_and(|m| m == "External");
                if let (Some(id), Some(kind), Some(target), false) =
                    (attr(&e, b"Id"), attr(&e, b"Type"), attr(&e, b"Target"), external)
                {
                    out.push((id, kind, target));
                    at_most(out.len(), limits::MAX_RELATIONSHIPS, "关系（relationship）条目")?;
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship target resolved against the folder of the part that names it (`base_dir`,
/// e.g. "xl"); `None` when it climbs above the root.
pub fn resolve(base_dir: &str, target: &str) -> Option<String> {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    let full = if let Some(absolute) = target.strip_prefix('/') {
        absolute.to_string()
    } else if base_dir.is_empty() {
        target
    } else {
        format!("{base_dir}/{target}")
    };
    for piece in full.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// A part name as looked up: forward slashes, no leading slash, lower case (OOXML part names
/// are case-insensitive).
fn normalize(name: &str) -> String {
    name.replace('\\', "/").trim_start_matches('/').to_lowercase()
}

/// Whether a part is a picture, an embedded object or the thumbnail (never read here).
fn is_media(name: &str) -> bool {
    name.contains("/media/") || name.contains("/embeddings/") || name.starts_with("docprops/thumbnail")
}

/// The local name of the first element of an XML part.
fn root_element(data: &[u8], part: &str) -> Result<Vec<u8>, ReadError> {
    let mut xml = Xml::new(data, part)?;
    loop {
        match xml.next()? {
            Event::Start(e) => return Ok(local(&e).to_vec()),
            Event::Eof => return Err(ReadError::MissingPart(part.to_string())),
            _ => {}
        }
    }
}

fn zip_error(e: ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => ReadError::Encrypted,
        ZipError::InvalidPassword => ReadError::Encrypted,
        ZipError::UnsupportedArchive(_) => ReadError::BadArchive("使用了不支持的压缩方式".into()),
        ZipError::Io(e) => ReadError::BadArchive(io_detail(&e)),
        ZipError::InvalidArchive(_) | ZipError::FileNotFound => ReadError::BadArchive("压缩结构无效".into()),
        _ => ReadError::BadArchive("压缩结构无效".into()),
    }
}

fn io_detail(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "文件不完整，可能只下载或复制了一部分".into(),
        _ => "数据无法解压".into(),
    }
}

/// End-of-central-directory records a zip may have in its last 64 KiB (its own, perhaps one of
/// a stored archive inside it); the zip crate tries every candidate, each a directory parse.
const MAX_ENDS: usize = 16;

/// Refuses a zip whose tail holds more than [`MAX_ENDS`] end-of-central-directory signatures
/// (20,000 of them after a broken directory took the zip crate over a minute).
fn refuse_many_ends(bytes: &[u8]) -> Result<(), ReadError> {
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    let ends = tail.windows(4).filter(|w| *w == b"PK\x05\x06").count();
    if ends > MAX_ENDS {
        return Err(ReadError::BadArchive(format!("文件末尾有 {ends} 个目录结束记录，超过 {MAX_ENDS} 个")));
    }
    Ok(())
}

/// A part as UTF-8: a part saved in UTF-16 (its byte-order mark says so) is converted, so the
/// XML reader, which reads UTF-8, sees its text; unpaired surrogates become U+FFFD.
fn utf8_part(data: Vec<u8>) -> Vec<u8> {
    let le = data.starts_with(b"\xFF\xFE");
    if !le && !data.starts_with(b"\xFE\xFF") {
        return data;
    }
    let units = data[2..].chunks_exact(2).map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
    let text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    // The declaration still says UTF-16; the text is UTF-8 now.
    let text = match text.find("?>") {
        Some(end) if text.starts_with("<?xml") => {
            let (decl, rest) = text.split_at(end);
            format!("{}{rest}", decl.replace("UTF-16", "UTF-8").replace("utf-16", "utf-8"))
        }
        _ => text,
    };
    text.into_bytes()
}
