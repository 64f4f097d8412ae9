//! A PDF file's structure: the cross-reference (classic tables and xref streams, incremental
//! updates where the latest section wins, hybrid files' /XRefStm), object streams, and a
//! fallback that scans the whole file for `n 0 obj` when the cross-reference is broken.
//!
//! Guarantees: each xref section is read once (a /Prev loop ends), references are followed
//! a bounded number of times and an object that refers to itself while it is being read comes
//! back as null; objects are cached; all decoded streams together stay under the expansion
//! budget; at most [`MAX_OBJECTS`] objects.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::crypt::Crypt;
use super::filter::{self, FilterError};
use super::syntax::{find, get, is_white, parse_uint, rfind, Dict, Obj, Parser};

/// Objects a file may have.
pub const MAX_OBJECTS: usize = 1_000_000;

/// An object stream: (object number, offset in the data) of each object, and the data.
type ObjStream = Rc<(Vec<(u32, usize)>, Vec<u8>)>;

#[derive(Debug, Clone, Copy)]
enum Entry {
    Offset(usize),
    InStream(u32, usize),
}

/// Why the file cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// No catalog or page tree found.
    Broken,
    /// Encrypted (the trailer names a security handler).
    Encrypted,
    /// Streams expand past the budget, or too many objects.
    TooLarge,
}

/// An open PDF file.
pub struct File<'a> {
    data: &'a [u8],
    entries: HashMap<u32, Entry>,
    pub trailer: Dict,
    cache: RefCell<HashMap<u32, Rc<Obj>>>,
    streams: RefCell<HashMap<u32, ObjStream>>,
    busy: RefCell<HashSet<u32>>,
    scanned: bool,
    /// Bytes all decoded streams may still take.
    budget: Cell<usize>,
    /// Set when a stream went past the budget.
    pub over_budget: Cell<bool>,
    /// Searches near a wrong xref offset still allowed.
    searches: Cell<usize>,
    /// The decryptor of a file protected without a user password.
    crypt: Option<Crypt>,
}

impl<'a> File<'a> {
    pub fn open(data: &'a [u8], budget: usize) -> Result<File<'a>, FileError> {
        let mut file = File {
            data,
            entries: HashMap::new(),
            trailer: Dict::new(),
            cache: RefCell::default(),
            streams: RefCell::default(),
            busy: RefCell::default(),
            scanned: false,
            budget: Cell::new(budget),
            over_budget: Cell::new(false),
            searches: Cell::new(10_000),
            crypt: None,
        };
        let ok = file.read_xref() && file.root().is_some();
        if !ok {
            file.scan()?;
        }
        if let Some(encrypt) = get(&file.trailer, b"Encrypt").filter(|e| !matches!(e, Obj::Null)) {
            let encrypt = file.resolve(&encrypt.clone());
            let id = match get(&file.trailer, b"ID").and_then(Obj::array).and_then(|a| a.first()) {
                Some(Obj::Str(s)) => s.clone(),
                _ => Vec::new(),
            };
            let crypt = encrypt.dict().ok_or(FileError::Encrypted).and_then(|d| Crypt::new(d, &id).map_err(|_| FileError::Encrypted))?;
            file.crypt = Some(crypt);
            // Objects read while looking for the catalog were read without the key.
            file.cache.borrow_mut().clear();
            file.streams.borrow_mut().clear();
        }
        if file.root().is_none() {
            return Err(FileError::Broken);
        }
        Ok(file)
    }

    /// The document catalog.
    pub fn root(&self) -> Option<Rc<Obj>> {
        let r = self.resolve(get(&self.trailer, b"Root")?);
        r.dict().is_some().then_some(r)
    }

    fn read_xref(&mut self) -> bool {
        let tail = self.data.len().saturating_sub(2048);
        let Some(at) = rfind(&self.data[tail..], b"startxref") else { return false };
        let mut p = Parser::new(self.data, tail + at + 9);
        p.skip_white();
        let start = p.pos;
        while p.data.get(p.pos).is_some_and(u8::is_ascii_digit) {
            p.pos += 1;
        }
        let Some(mut offset) = parse_uint(&self.data[start..p.pos]).and_then(|o| usize::try_from(o).ok()) else {
            return false;
        };
        let mut seen = HashSet::new();
        let mut first = true;
        while seen.insert(offset) && seen.len() < 1000 {
            let Some((trailer, xref_stm)) = self.section(offset) else { return !first };
            if let Some(stm) = xref_stm {
                if seen.insert(stm) {
                    self.section(stm);
                }
            }
            for (k, v) in &trailer {
                if get(&self.trailer, k).is_none() && k.as_slice() != b"Prev" {
                    self.trailer.push((k.clone(), v.clone()));
                }
            }
            first = false;
            match get(&trailer, b"Prev").and_then(Obj::int).and_then(|o| usize::try_from(o).ok()) {
                Some(prev) => offset = prev,
                None => break,
            }
        }
        true
    }

    fn add(&mut self, num: u32, entry: Entry) {
        if self.entries.len() < MAX_OBJECTS {
            self.entries.entry(num).or_insert(entry);
        }
    }

    /// One xref section at `offset`: its trailer and a hybrid file's /XRefStm offset.
    fn section(&mut self, offset: usize) -> Option<(Dict, Option<usize>)> {
        let mut p = Parser::new(self.data, offset);
        p.skip_white();
        if self.data.get(p.pos..)?.starts_with(b"xref") {
            p.pos += 4;
            loop {
                p.skip_white();
                if self.data.get(p.pos..)?.starts_with(b"trailer") {
                    p.pos += 7;
                    break;
                }
                let first = int_at(&mut p)?;
                let count = int_at(&mut p)?;
                for i in 0..count.min(MAX_OBJECTS as u64) {
                    p.skip_white();
                    let line = self.data.get(p.pos..p.pos + 18)?;
                    p.pos += 18;
                    let off = parse_uint(&line[0..10]);
                    let in_use = line[17] == b'n';
                    if let (Some(off), true) = (off, in_use) {
                        let num = u32::try_from(first + i).ok()?;
                        self.add(num, Entry::Offset(off as usize));
                    }
                }
            }
            let trailer = match p.object()? {
                Obj::Dict(d) => d,
                _ => return None,
            };
            let stm = get(&trailer, b"XRefStm").and_then(Obj::int).and_then(|o| usize::try_from(o).ok());
            return Some((trailer, stm));
        }
        let (_, _, Obj::Stream(dict, raw)) = p.indirect(&|o| o.int())? else { return None };
        let data = self.decode(&dict, &raw).ok()?;
        let widths: Vec<usize> = get(&dict, b"W")?.array()?.iter().map(|o| o.int().unwrap_or(0).clamp(0, 8) as usize).collect();
        if widths.len() < 3 {
            return None;
        }
        let size = get(&dict, b"Size").and_then(Obj::int).unwrap_or(0).max(0);
        let index: Vec<i64> = match get(&dict, b"Index").and_then(Obj::array) {
            Some(a) => a.iter().filter_map(Obj::int).collect(),
            None => vec![0, size],
        };
        let row = widths[0] + widths[1] + widths[2];
        let mut rows = data.chunks_exact(row.max(1));
        for pair in index.chunks_exact(2) {
            for i in 0..pair[1].clamp(0, MAX_OBJECTS as i64) {
                let Some(r) = rows.next() else { break };
                let field = |from: usize, w: usize, default: u64| {
                    if w == 0 {
                        default
                    } else {
                        r[from..from + w].iter().fold(0u64, |v, &b| v << 8 | b as u64)
                    }
                };
                let kind = field(0, widths[0], 1);
                let a = field(widths[0], widths[1], 0);
                let b = field(widths[0] + widths[1], widths[2], 0);
                let Ok(num) = u32::try_from(pair[0].saturating_add(i)) else { continue };
                match kind {
                    1 => self.add(num, Entry::Offset(a as usize)),
                    2 => self.add(num, Entry::InStream(a.min(u32::MAX as u64) as u32, b as usize)),
                    _ => {}
                }
            }
        }
        Some((dict, None))
    }

    /// Rebuilds the table from every `n g obj` in the file (later definitions win) and takes
    /// the last trailer dictionary, or a catalog object, as the trailer.
    fn scan(&mut self) -> Result<(), FileError> {
        self.scanned = true;
        self.entries.clear();
        self.cache.borrow_mut().clear();
        let data = self.data;
        let mut found: Vec<(u32, usize)> = Vec::new();
        let mut i = 0;
        while let Some(at) = find(&data[i..], b"obj") {
            let pos = i + at;
            i = pos + 3;
            if let Some(start) = obj_header_start(data, pos) {
                found.push((start.0, start.1));
                if found.len() > MAX_OBJECTS {
                    return Err(FileError::TooLarge);
                }
            }
        }
        for &(num, off) in &found {
            self.entries.insert(num, Entry::Offset(off));
        }
        if let Some(at) = rfind(data, b"trailer") {
            if let Some(Obj::Dict(d)) = Parser::new(data, at + 7).object() {
                if self.trailer.is_empty() || get(&d, b"Root").is_some() {
                    self.trailer = d;
                }
            }
        }
        if self.root().is_none() {
            // Objects inside object streams, then a catalog anywhere.
            for &(num, _) in &found {
                if let Obj::Stream(d, _) = &*self.get(num) {
                    if get(d, b"Type").and_then(Obj::name) == Some(b"ObjStm") {
                        if let Some(s) = self.object_stream(num) {
                            for (n, idx) in s.0.iter().enumerate().map(|(idx, (n, _))| (*n, idx)) {
                                self.entries.entry(n).or_insert(Entry::InStream(num, idx));
                            }
                        }
                    }
                }
            }
            let nums: Vec<u32> = self.entries.keys().copied().collect();
            let catalog = nums.into_iter().find(|&n| {
                self.get(n).dict().and_then(|d| get(d, b"Type")).and_then(Obj::name) == Some(b"Catalog")
            });
            if let Some(n) = catalog {
                self.trailer.retain(|(k, _)| k != b"Root");
                self.trailer.push((b"Root".to_vec(), Obj::Ref(n, 0)));
            }
        }
        Ok(())
    }

    /// Decodes a stream within the budget.
    pub fn decode(&self, dict: &Dict, raw: &[u8]) -> Result<Vec<u8>, FilterError> {
        let left = self.budget.get();
        match filter::decode(dict, raw, left) {
            Ok(data) => {
                self.budget.set(left.saturating_sub(data.len()));
                Ok(data)
            }
            Err(FilterError::TooLarge) => {
                self.over_budget.set(true);
                Err(FilterError::TooLarge)
            }
            Err(e) => Err(e),
        }
    }

    /// A stream object's decoded bytes (a reference is followed).
    pub fn stream_data(&self, obj: &Obj) -> Option<Vec<u8>> {
        match &*self.resolve(obj) {
            Obj::Stream(d, raw) => self.decode(d, raw).ok(),
            _ => None,
        }
    }

    /// Follows references (a bounded number of times); anything else is returned as is.
    pub fn resolve(&self, obj: &Obj) -> Rc<Obj> {
        let mut cur = match obj {
            Obj::Ref(n, _) => self.get(*n),
            other => return Rc::new(other.clone()),
        };
        for _ in 0..16 {
            let next = match &*cur {
                Obj::Ref(n, _) => self.get(*n),
                _ => return cur,
            };
            cur = next;
        }
        Rc::new(Obj::Null)
    }

    /// Object `num`, or null when missing, damaged, or being read already.
    pub fn get(&self, num: u32) -> Rc<Obj> {
        if let Some(o) = self.cache.borrow().get(&num) {
            return o.clone();
        }
        if !self.busy.borrow_mut().insert(num) {
            return Rc::new(Obj::Null);
        }
        let obj = Rc::new(self.load(num).unwrap_or(Obj::Null));
        self.busy.borrow_mut().remove(&num);
        self.cache.borrow_mut().insert(num, obj.clone());
        obj
    }

    fn load(&self, num: u32) -> Option<Obj> {
        match *self.entries.get(&num)? {
            Entry::Offset(off) => {
                let length = |o: &Obj| self.resolve(o).int();
                let parsed = Parser::new(self.data, off).indirect(&length).filter(|(n, _, _)| *n == num);
                match parsed {
                    Some((_, gen, obj)) => Some(self.decrypted(num, gen, obj)),
                    // A wrong offset: look for the object's header near it.
                    None if !self.scanned && self.searches.get() > 0 => {
                        self.searches.set(self.searches.get() - 1);
                        let from = off.saturating_sub(1024).min(self.data.len());
                        let to = off.saturating_add(1024).min(self.data.len());
                        let head = format!("{num} ");
                        let window = &self.data[from..to];
                        let mut i = 0;
                        while let Some(at) = find(&window[i..], head.as_bytes()) {
                            let pos = from + i + at;
                            i += at + 1;
                            if pos > 0 && !is_white(self.data[pos - 1]) {
                                continue;
                            }
                            if let Some((n, gen, obj)) = Parser::new(self.data, pos).indirect(&length) {
                                if n == num {
                                    return Some(self.decrypted(num, gen, obj));
                                }
                            }
                        }
                        None
                    }
                    None => None,
                }
            }
            Entry::InStream(stm, idx) => {
                let s = self.object_stream(stm)?;
                let &(n, off) = s.0.get(idx).filter(|(n, _)| *n == num).or_else(|| s.0.iter().find(|(n, _)| *n == num))?;
                let _ = n;
                Parser::new(&s.1, off).object()
            }
        }
    }

    /// A stream's data decrypted (not the cross-reference streams, which are never encrypted).
    fn decrypted(&self, num: u32, gen: u16, obj: Obj) -> Obj {
        match (&self.crypt, obj) {
            (Some(c), Obj::Stream(dict, raw)) if get(&dict, b"Type").and_then(Obj::name) != Some(b"XRef") => {
                let data = c.decrypt(num, gen, &raw);
                Obj::Stream(dict, data)
            }
            (_, obj) => obj,
        }
    }

    /// An object stream's index (object number, offset in the data) and its data.
    fn object_stream(&self, num: u32) -> Option<ObjStream> {
        if let Some(s) = self.streams.borrow().get(&num) {
            return Some(s.clone());
        }
        let obj = self.get(num);
        let Obj::Stream(dict, raw) = &*obj else { return None };
        let data = self.decode(dict, raw).ok()?;
        let n = get(dict, b"N").and_then(Obj::int)?.clamp(0, 1_000_000) as usize;
        let first = usize::try_from(get(dict, b"First").and_then(Obj::int)?).ok()?;
        let mut p = Parser::new(&data, 0);
        let mut index = Vec::with_capacity(n.min(10_000));
        for _ in 0..n {
            let (Some(Obj::Int(num)), Some(Obj::Int(off))) = (p.object(), p.object()) else { break };
            if let (Ok(num), Ok(off)) = (u32::try_from(num), usize::try_from(off)) {
                index.push((num, first.saturating_add(off)));
            }
        }
        let s = Rc::new((index, data));
        self.streams.borrow_mut().insert(num, s.clone());
        Some(s)
    }
}

fn int_at(p: &mut Parser<'_>) -> Option<u64> {
    p.skip_white();
    let start = p.pos;
    while p.data.get(p.pos).is_some_and(u8::is_ascii_digit) {
        p.pos += 1;
    }
    parse_uint(&p.data[start..p.pos])
}

/// For `obj` at `pos`, the object number and offset of a preceding `num gen ` header.
fn obj_header_start(data: &[u8], pos: usize) -> Option<(u32, usize)> {
    if data.get(pos + 3).is_some_and(|&b| !is_white(b) && !b"<[(/%".contains(&b)) {
        return None;
    }
    let mut i = pos;
    let back_white = |i: &mut usize| {
        let end = *i;
        while *i > 0 && is_white(data[*i - 1]) {
            *i -= 1;
        }
        end > *i
    };
    let back_digits = |i: &mut usize| {
        let end = *i;
        while *i > 0 && data[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        (end > *i).then_some((*i, end))
    };
    if !back_white(&mut i) {
        return None;
    }
    back_digits(&mut i)?;
    if !back_white(&mut i) {
        return None;
    }
    let (s, e) = back_digits(&mut i)?;
    let num = parse_uint(&data[s..e])?;
    Some((u32::try_from(num).ok()?, s))
}
