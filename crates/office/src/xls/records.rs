//! The BIFF8 record layer of an Excel 97–2003 `Workbook` stream: records (type, length,
//! payload), little-endian fields, Unicode strings, and the shared string table (SST) whose
//! strings may be split across CONTINUE records.
//!
//! Guarantees: every read is bounds-checked and returns `None`/an error instead of panicking;
//! counts taken from the file (string lengths, run counts, the SST's string count) never size
//! an allocation beyond the bytes actually present, so a lying header cannot exhaust memory.
//! Written by hand because no crates.io crate reads BIFF8 without also bringing its own cell
//! model with floats (calamine turns every number into an `f64`).

/// Record types the reader looks at (MS-XLS 2.3).
pub mod kind {
    /// Beginning of a substream (workbook globals, sheet, chart).
    pub const BOF: u16 = 0x0809;
    /// End of a substream.
    pub const EOF: u16 = 0x000A;
    /// The workbook is encrypted.
    pub const FILEPASS: u16 = 0x002F;
    /// Dates count from 1904 instead of 1900.
    pub const DATEMODE: u16 = 0x0022;
    /// More payload for the record before.
    pub const CONTINUE: u16 = 0x003C;
    /// A sheet: name, state, type, offset of its BOF.
    pub const BOUNDSHEET: u16 = 0x0085;
    /// The shared string table.
    pub const SST: u16 = 0x00FC;
    /// A number format code and its id.
    pub const FORMAT: u16 = 0x041E;
    /// A cell style (its number format id).
    pub const XF: u16 = 0x00E0;
    /// Row properties (hidden flag).
    pub const ROW: u16 = 0x0208;
    /// Column properties (hidden flag).
    pub const COLINFO: u16 = 0x007D;
    /// Merged ranges.
    pub const MERGEDCELLS: u16 = 0x00E5;
    /// A text cell holding an index into the SST.
    pub const LABELSST: u16 = 0x00FD;
    /// A text cell holding its string.
    pub const LABEL: u16 = 0x0204;
    /// A rich text cell holding its string.
    pub const RSTRING: u16 = 0x00D6;
    /// A number cell (IEEE double).
    pub const NUMBER: u16 = 0x0203;
    /// A number cell (RK encoding).
    pub const RK: u16 = 0x027E;
    /// A run of number cells (RK encoding).
    pub const MULRK: u16 = 0x00BD;
    /// A boolean or error cell.
    pub const BOOLERR: u16 = 0x0205;
    /// A formula cell with its cached result.
    pub const FORMULA: u16 = 0x0006;
    /// The cached text result of the formula before it.
    pub const STRING: u16 = 0x0207;
}

/// One record: its type and payload.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// Record type.
    pub kind: u16,
    /// Payload (the bytes after the 4-byte header).
    pub data: &'a [u8],
}

/// Reads records one after another from `offset`; stops at the end of the stream. A record
/// whose length runs past the end is reported as `Err(offset)`.
pub struct Records<'a> {
    stream: &'a [u8],
    offset: usize,
}

impl<'a> Records<'a> {
    /// Records of `stream` starting at `offset`.
    pub fn new(stream: &'a [u8], offset: usize) -> Records<'a> {
        Records { stream, offset }
    }

    /// The record after the current one, without moving.
    pub fn peek(&self) -> Option<Result<Record<'a>, usize>> {
        read_record(self.stream, self.offset).map(|r| r.map(|(record, _)| record))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let result = read_record(self.stream, self.offset)?;
        match result {
            Ok((record, next)) => {
                self.offset = next;
                Some(Ok(record))
            }
            Err(at) => {
                // Stop after reporting: a damaged length leaves nothing trustworthy behind it.
                self.offset = self.stream.len();
                Some(Err(at))
            }
        }
    }
}

fn read_record(stream: &[u8], offset: usize) -> Option<Result<(Record<'_>, usize), usize>> {
    if offset >= stream.len() {
        return None;
    }
    let Some(header) = stream.get(offset..offset + 4) else { return Some(Err(offset)) };
    let kind = u16::from_le_bytes([header[0], header[1]]);
    let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
    let start = offset + 4;
    match stream.get(start..start + len) {
        Some(data) => Some(Ok((Record { kind, data }, start + len))),
        None => Some(Err(offset)),
    }
}

/// A little-endian `u16` at `at`.
pub fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

/// A little-endian `u32` at `at`.
pub fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Eight bytes at `at` (an IEEE double).
pub fn bytes8_at(data: &[u8], at: usize) -> Option<[u8; 8]> {
    let b = data.get(at..at.checked_add(8)?)?;
    let mut out = [0u8; 8];
    out.copy_from_slice(b);
    Some(out)
}

/// A payload followed by its CONTINUE records, read as one stream of bytes in which string
/// characters restart with a fresh option byte at each continuation (MS-XLS 2.5.293
/// XLUnicodeRichExtendedString): that is what makes the SST awkward.
pub struct Continued<'a> {
    segments: Vec<&'a [u8]>,
    segment: usize,
    at: usize,
    /// Bytes in the segments after each one (computed once: a million CONTINUE records must
    /// not be summed again for every string).
    after: Vec<usize>,
}

impl<'a> Continued<'a> {
    /// Reads `segments` (the record's payload, then each CONTINUE payload) in order.
    pub fn new(segments: Vec<&'a [u8]>) -> Continued<'a> {
        let mut after = vec![0; segments.len()];
        let mut sum = 0usize;
        for (i, s) in segments.iter().enumerate().rev() {
            after[i] = sum;
            sum = sum.saturating_add(s.len());
        }
        Continued { segments, segment: 0, at: 0, after }
    }

    /// Bytes not yet read in all segments.
    pub fn remaining(&self) -> usize {
        let current = self.segments.get(self.segment).map_or(0, |s| s.len().saturating_sub(self.at));
        current + self.after.get(self.segment).copied().unwrap_or(0)
    }

    /// Moves to the next non-empty segment when the current one is used up. Returns whether a
    /// segment boundary was crossed.
    fn settle(&mut self) -> bool {
        let mut crossed = false;
        while self.segments.get(self.segment).is_some_and(|s| self.at >= s.len()) {
            self.segment += 1;
            self.at = 0;
            crossed = true;
        }
        crossed
    }

    /// One byte, across segment boundaries without any marker.
    pub fn byte(&mut self) -> Option<u8> {
        self.settle();
        let b = *self.segments.get(self.segment)?.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// A little-endian `u16` (may straddle a boundary).
    pub fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    /// A little-endian `u32` (may straddle a boundary).
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]))
    }

    /// Skips `n` bytes (formatting runs, phonetic data), failing if fewer remain.
    pub fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            self.settle();
            let segment = self.segments.get(self.segment)?;
            let step = n.min(segment.len().saturating_sub(self.at));
            if step == 0 {
                return None;
            }
            self.at += step;
            n -= step;
        }
        Some(())
    }

    /// A BIFF8 Unicode string (XLUnicodeString / XLUnicodeRichExtendedString): 16-bit count,
    /// option byte, optional run count and extension size, characters (each continuation
    /// starts with a new option byte), then the runs and the extension, which are skipped.
    pub fn unicode_string(&mut self) -> Option<String> {
        let count = usize::from(self.u16()?);
        self.string_body(count)
    }

    /// The rest of a Unicode string after its character count.
    pub fn string_body(&mut self, count: usize) -> Option<String> {
        let options = self.byte()?;
        let mut wide = options & 0x01 != 0;
        let runs = if options & 0x08 != 0 { usize::from(self.u16()?) } else { 0 };
        let extension = if options & 0x04 != 0 { self.u32()? as usize } else { 0 };
        let mut units: Vec<u16> = Vec::with_capacity(count.min(self.remaining()));
        while units.len() < count {
            if self.settle() {
                // A continuation inside the characters: a fresh option byte, whose only
                // meaningful bit says whether the characters now take one byte or two.
                let flag = *self.segments.get(self.segment)?.get(self.at)?;
                self.at += 1;
                wide = flag & 0x01 != 0;
                continue;
            }
            let segment = self.segments.get(self.segment)?;
            if wide {
                let b = segment.get(self.at..self.at + 2)?;
                units.push(u16::from_le_bytes([b[0], b[1]]));
                self.at += 2;
            } else {
                units.push(u16::from(*segment.get(self.at)?));
                self.at += 1;
            }
        }
        self.skip(runs.checked_mul(4)?)?;
        self.skip(extension)?;
        Some(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
    }
}

/// A short string with an 8-bit count (ShortXLUnicodeString, sheet names), from `data[at..]`.
pub fn short_string(data: &[u8], at: usize) -> Option<String> {
    let count = usize::from(*data.get(at)?);
    Continued::new(vec![data.get(at + 1..)?]).string_body(count)
}

/// The shared strings of the SST record and its CONTINUE records. Reads at most as many
/// strings as the data holds, whatever count the header claims; `None` when a string is cut.
pub fn shared_strings(segments: Vec<&[u8]>) -> Option<Vec<String>> {
    let mut reader = Continued::new(segments);
    let _total = reader.u32()?;
    let unique = reader.u32()? as usize;
    // Each string takes at least 3 bytes: never allocate more slots than that allows.
    let mut strings = Vec::with_capacity(unique.min(reader.remaining() / 3));
    while strings.len() < unique {
        if reader.remaining() == 0 {
            // Fewer strings than announced: LibreOffice and others are sometimes loose here;
            // cells pointing past the end are reported when they are met.
            break;
        }
        strings.push(reader.unicode_string()?);
    }
    Some(strings)
}
