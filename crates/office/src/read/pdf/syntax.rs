//! PDF syntax: the lexer and the object parser shared by the file structure (objects, xref
//! streams, object streams) and the content streams (operands and operators).
//!
//! Guarantees: never panics, never reads past the slice; numbers saturate instead of
//! overflowing; reals are fixed-point integers ([`Fx`], millionths) since the model uses no
//! floats; arrays and dictionaries nested deeper than [`MAX_NEST`] are an error.

/// A fixed-point number: the value times [`ONE`].
pub type Fx = i64;
/// 1.0 as an [`Fx`].
pub const ONE: Fx = 1_000_000;
/// Arrays and dictionaries inside each other.
pub const MAX_NEST: usize = 64;

/// `a × b` in fixed point, saturating.
pub fn mul(a: Fx, b: Fx) -> Fx {
    let p = (a as i128 * b as i128) / ONE as i128;
    p.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// `a ÷ b` in fixed point, saturating; 0 when `b` is 0.
pub fn div(a: Fx, b: Fx) -> Fx {
    if b == 0 {
        return 0;
    }
    let q = (a as i128 * ONE as i128) / b as i128;
    q.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// A dictionary: keys in file order (a later duplicate is ignored by [`get`]).
pub type Dict = Vec<(Vec<u8>, Obj)>;

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(Fx),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// A stream's dictionary and its raw (still encoded) bytes.
    Stream(Dict, Vec<u8>),
    Ref(u32, u16),
    /// A content-stream operator or another bare keyword.
    Op(Vec<u8>),
}

impl Obj {
    /// The number as fixed point.
    pub fn fx(&self) -> Option<Fx> {
        match self {
            Obj::Int(i) => Some(i.saturating_mul(ONE)),
            Obj::Real(r) => Some(*r),
            _ => None,
        }
    }
    /// The integer (a real is truncated).
    pub fn int(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) => Some(r / ONE),
            _ => None,
        }
    }
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }
    pub fn array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// The value of `key` in a dictionary.
pub fn get<'d>(dict: &'d Dict, key: &[u8]) -> Option<&'d Obj> {
    dict.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

pub fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// A parser over a byte slice.
pub struct Parser<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

/// A token: an object start or a complete simple object.
enum Tok {
    Obj(Obj),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
}

impl<'a> Parser<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Parser<'a> {
        Parser { data, pos: pos.min(data.len()) }
    }

    pub fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    pub fn at_end(&mut self) -> bool {
        self.skip_white();
        self.pos >= self.data.len()
    }

    /// A bare keyword or number-like run of regular characters.
    fn regular(&mut self) -> &'a [u8] {
        self.pos = self.pos.min(self.data.len());
        let start = self.pos;
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn token(&mut self) -> Option<Tok> {
        self.skip_white();
        let b = *self.data.get(self.pos)?;
        match b {
            b'[' => {
                self.pos += 1;
                Some(Tok::ArrayOpen)
            }
            b']' => {
                self.pos += 1;
                Some(Tok::ArrayClose)
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Tok::DictOpen)
            }
            b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Some(Tok::DictClose)
            }
            b'<' => Some(Tok::Obj(Obj::Str(self.hex_string()))),
            b'(' => Some(Tok::Obj(Obj::Str(self.literal_string()))),
            b'/' => {
                self.pos += 1;
                Some(Tok::Obj(Obj::Name(unescape_name(self.regular()))))
            }
            b')' | b'>' | b'{' | b'}' => {
                self.pos += 1;
                Some(Tok::Obj(Obj::Op(vec![b])))
            }
            _ => {
                let word = self.regular();
                Some(Tok::Obj(word_obj(word)))
            }
        }
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let rest = self.data.get(self.pos..).unwrap_or_default();
        // Through the closing '>', where the ASCIIHexDecode filter's decoder stops too.
        let end = rest.iter().position(|&b| b == b'>').map_or(rest.len(), |i| i + 1);
        self.pos += end;
        super::filter::ascii_hex(&rest[..end])
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// The next object; `None` at the end or on a stray closing bracket. References (`1 0 R`)
    /// are recognised; `stream` bodies are not read here (see [`Parser::object_at`]).
    pub fn object(&mut self) -> Option<Obj> {
        // An explicit stack instead of recursion: hostile nesting cannot overflow.
        enum Open {
            Array(Vec<Obj>),
            Dict(Dict, Option<Vec<u8>>),
        }
        let mut stack: Vec<Open> = Vec::new();
        loop {
            let tok = self.token()?;
            let done = match tok {
                Tok::ArrayOpen | Tok::DictOpen => {
                    if stack.len() >= MAX_NEST {
                        return None;
                    }
                    stack.push(if matches!(tok, Tok::ArrayOpen) { Open::Array(Vec::new()) } else { Open::Dict(Vec::new(), None) });
                    continue;
                }
                Tok::ArrayClose => match stack.pop() {
                    Some(Open::Array(a)) => Obj::Array(a),
                    Some(Open::Dict(d, _)) => Obj::Dict(d),
                    None => return None,
                },
                Tok::DictClose => match stack.pop() {
                    Some(Open::Dict(d, _)) => Obj::Dict(d),
                    Some(Open::Array(a)) => Obj::Array(a),
                    None => return None,
                },
                Tok::Obj(Obj::Int(n)) => self.maybe_ref(n),
                Tok::Obj(o) => o,
            };
            match stack.last_mut() {
                None => return Some(done),
                Some(Open::Array(a)) => a.push(done),
                Some(Open::Dict(d, key)) => match key.take() {
                    Some(k) => d.push((k, done)),
                    // A value without a key is dropped.
                    None => {
                        if let Obj::Name(n) = done {
                            *key = Some(n);
                        }
                    }
                },
            }
        }
    }

    /// After an integer: `n g R` is a reference, otherwise the integer alone.
    fn maybe_ref(&mut self, n: i64) -> Obj {
        let save = self.pos;
        self.skip_white();
        let g = self.regular();
        if let (Ok(num), Some(gen)) = (u32::try_from(n), parse_uint(g)) {
            self.skip_white();
            if self.data.get(self.pos) == Some(&b'R') && self.data.get(self.pos + 1).is_none_or(|&b| is_white(b) || is_delim(b)) {
                self.pos += 1;
                return Obj::Ref(num, gen.min(u16::MAX as u64) as u16);
            }
        }
        self.pos = save;
        Obj::Int(n)
    }

    /// Reads `num gen obj … endobj` at the current position: the object number and the
    /// object; a stream's bytes run `length` bytes when `endstream` follows them there, else up
    /// to the next `endstream`.
    pub fn indirect(&mut self, length: &dyn Fn(&Obj) -> Option<i64>) -> Option<(u32, u16, Obj)> {
        self.skip_white();
        let num = parse_uint(self.regular())?;
        self.skip_white();
        let gen = parse_uint(self.regular())?.min(u16::MAX as u64) as u16;
        self.skip_white();
        if self.regular() != b"obj" {
            return None;
        }
        let obj = self.object()?;
        let save = self.pos;
        self.skip_white();
        if let Obj::Dict(dict) = &obj {
            if self.data.get(self.pos..).is_some_and(|rest| rest.starts_with(b"stream")) {
                self.pos += 6;
                if self.data.get(self.pos) == Some(&b'\r') {
                    self.pos += 1;
                }
                if self.data.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                let start = self.pos;
                let declared = get(dict, b"Length").and_then(length).and_then(|n| usize::try_from(n).ok());
                let end = declared
                    .and_then(|n| start.checked_add(n))
                    .filter(|&end| end <= self.data.len() && followed_by_endstream(&self.data[end..]))
                    .or_else(|| find(&self.data[start..], b"endstream").map(|i| trim_eol(self.data, start, start + i)))
                    .unwrap_or(self.data.len());
                self.pos = end;
                return Some((u32::try_from(num).ok()?, gen, Obj::Stream(dict.clone(), self.data[start..end].to_vec())));
            }
        }
        self.pos = save;
        Some((u32::try_from(num).ok()?, gen, obj))
    }
}

fn followed_by_endstream(rest: &[u8]) -> bool {
    let skip = rest.iter().take(4).take_while(|&&b| is_white(b)).count();
    rest[skip..].starts_with(b"endstream")
}

/// The end of stream data before the end-of-line that precedes `endstream`.
fn trim_eol(data: &[u8], start: usize, mut end: usize) -> usize {
    if end > start && data.get(end - 1) == Some(&b'\n') {
        end -= 1;
    }
    if end > start && data.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    end
}

/// The first position of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1].iter().position(|&b| b == first) {
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

/// The last position of `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).rev().find(|&i| &hay[i..i + needle.len()] == needle)
}

pub fn parse_uint(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 18 || !word.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(word.iter().fold(0u64, |v, d| v * 10 + (d - b'0') as u64))
}

/// A bare word as a number, boolean, null or operator.
fn word_obj(word: &[u8]) -> Obj {
    match word {
        b"true" => return Obj::Bool(true),
        b"false" => return Obj::Bool(false),
        b"null" => return Obj::Null,
        _ => {}
    }
    let first = word.first().copied().unwrap_or(0);
    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
        if let Some(n) = parse_number(word) {
            return n;
        }
    }
    Obj::Op(word.to_vec())
}

/// `12`, `-3`, `.5`, `4.`, `-0.002`: integers as [`Obj::Int`] (saturating), others as
/// [`Obj::Real`]; garbage such as `1-2` is read up to the first bad character, as readers do.
fn parse_number(word: &[u8]) -> Option<Obj> {
    let (neg, body) = match word.first() {
        Some(b'-') => (true, &word[1..]),
        Some(b'+') => (false, &word[1..]),
        _ => (false, word),
    };
    let mut int: i64 = 0;
    let mut frac: i64 = 0;
    let mut scale: i64 = ONE;
    let mut dot = false;
    let mut digits = 0;
    for &b in body {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                let d = (b - b'0') as i64;
                if dot {
                    if scale > 1 {
                        scale /= 10;
                        frac += d * scale;
                    }
                } else {
                    int = int.saturating_mul(10).saturating_add(d);
                }
            }
            b'.' if !dot => dot = true,
            _ => break,
        }
    }
    if digits == 0 {
        return None;
    }
    let sign = if neg { -1 } else { 1 };
    if dot {
        Some(Obj::Real(int.saturating_mul(ONE).saturating_add(frac).saturating_mul(sign)))
    } else {
        Some(Obj::Int(int * sign))
    }
}

/// A name's bytes with `#xx` escapes decoded.
fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 2 < raw.len() {
            let hex = std::str::from_utf8(&raw[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects() {
        let mut p = Parser::new(b"<< /A 1 0 R /B [1 -2.5 (a\\(b\\)c) <414> /N#41] /C true >> 7", 0);
        let Some(Obj::Dict(d)) = p.object() else { panic!() };
        assert_eq!(get(&d, b"A"), Some(&Obj::Ref(1, 0)));
        let Some(Obj::Array(b)) = get(&d, b"B") else { panic!() };
        assert_eq!(b[1], Obj::Real(-2_500_000));
        assert_eq!(b[2], Obj::Str(b"a(b)c".to_vec()));
        assert_eq!(b[3], Obj::Str(vec![0x41, 0x40]));
        assert_eq!(b[4], Obj::Name(b"NA".to_vec()));
        assert_eq!(p.object(), Some(Obj::Int(7)));
        assert_eq!(p.object(), None);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(10_000);
        assert_eq!(Parser::new(deep.as_bytes(), 0).object(), None);
    }
}
