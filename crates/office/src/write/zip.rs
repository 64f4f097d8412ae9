//! A minimal ZIP archive writer (entries Stored, no compression) for the .docx and .xlsx
//! packages.
//!
//! Guarantees: a valid PKZIP 2.0 archive every reader opens (Word, Excel, WPS, LibreOffice,
//! the `zip` crate); deterministic bytes (fixed 1980-01-01 timestamps, entries in the order
//! given), so tests can compare outputs; UTF-8 names flagged as such.
//!
//! Written here rather than with the `zip` crate: the packages are a few hundred KB at most,
//! the browser gzips the download anyway, and Stored entries need only a CRC-32 and two
//! headers (about 100 lines). The `zip` crate, even with `default-features = false`, brings its
//! own error types, seeking writers and dependencies into the start-up bundle, which the issue
//! limits to 25 KB gzip for both writers. The crate is still used, as an independent reader,
//! by the tests.

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) lookup table, built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// CRC-32 of `bytes` as ZIP stores it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// DOS date of 1980-01-01 (the earliest a ZIP can hold): fixed so output is reproducible.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: names are UTF-8.
const UTF8_FLAG: u16 = 1 << 11;

/// An archive being written in memory.
#[derive(Debug, Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

fn u16le(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn u32le(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

impl ZipWriter {
    /// An empty archive.
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// Adds a file. Sizes beyond 4 GB or more than 65 535 entries cannot occur for a report
    /// (a package holds a few dozen parts of at most a few MB); they are saturated rather than
    /// panicking.
    pub fn file(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        let size = u32::try_from(data.len()).unwrap_or(u32::MAX);
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        let offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        // Local file header.
        let h = &mut self.out;
        u32le(h, 0x0403_4b50);
        u16le(h, 20); // version needed: 2.0
        u16le(h, UTF8_FLAG);
        u16le(h, 0); // method: stored
        u16le(h, 0); // time 00:00:00
        u16le(h, DOS_DATE);
        u32le(h, crc);
        u32le(h, size);
        u32le(h, size);
        u16le(h, name_len);
        u16le(h, 0); // extra length
        h.extend_from_slice(&name.as_bytes()[..name_len as usize]);
        h.extend_from_slice(data);
        // Central directory record.
        let c = &mut self.central;
        u32le(c, 0x0201_4b50);
        u16le(c, 20); // made by: 2.0, MS-DOS attributes
        u16le(c, 20);
        u16le(c, UTF8_FLAG);
        u16le(c, 0);
        u16le(c, 0);
        u16le(c, DOS_DATE);
        u32le(c, crc);
        u32le(c, size);
        u32le(c, size);
        u16le(c, name_len);
        u16le(c, 0); // extra
        u16le(c, 0); // comment
        u16le(c, 0); // disk
        u16le(c, 0); // internal attributes
        u32le(c, 0); // external attributes
        u32le(c, offset);
        c.extend_from_slice(&name.as_bytes()[..name_len as usize]);
        self.entries = self.entries.saturating_add(1);
    }

    /// The finished archive.
    pub fn finish(mut self) -> Vec<u8> {
        let start = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let size = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.out.append(&mut self.central);
        let e = &mut self.out;
        u32le(e, 0x0605_4b50);
        u16le(e, 0);
        u16le(e, 0);
        u16le(e, self.entries);
        u16le(e, self.entries);
        u32le(e, size);
        u32le(e, start);
        u16le(e, 0);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn archive_layout_is_deterministic() {
        let build = || {
            let mut z = ZipWriter::new();
            z.file("a.xml", b"<a/>");
            z.file("文件.txt", "绩效".as_bytes());
            z.finish()
        };
        let bytes = build();
        assert_eq!(bytes, build());
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let end = &bytes[bytes.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2, "two entries");
    }
}
