//! Stream filters: FlateDecode, LZWDecode, ASCII85Decode and ASCIIHexDecode, with PNG and TIFF
//! predictors. Image filters (DCT, JPX, CCITT, JBIG2) are not decoded: text never needs them.
//!
//! Guarantees: every decoder stops at the byte budget it is given (a decompression bomb ends
//! as an error, not as memory); a damaged Flate stream gives what was inflated before the
//! damage, as PDF viewers do; hand-written LZW and ASCII85 because they are a few dozen lines
//! and no small crate covers PDF's EarlyChange variant together with the others.

use std::io::Read;

use super::syntax::{get, Dict, Obj};

/// Why a stream could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    /// It would expand past the budget.
    TooLarge,
    /// A filter this reader does not decode (images).
    Unsupported,
}

/// Decodes `raw` through the stream's filters, producing at most `budget` bytes.
pub fn decode(dict: &Dict, raw: &[u8], budget: usize) -> Result<Vec<u8>, FilterError> {
    let filters: Vec<Vec<u8>> = match get(dict, b"Filter").or_else(|| get(dict, b"F")) {
        Some(Obj::Name(n)) => vec![n.clone()],
        Some(Obj::Array(a)) => a.iter().filter_map(|o| o.name().map(<[u8]>::to_vec)).collect(),
        _ => Vec::new(),
    };
    let params: Vec<Option<&Dict>> = match get(dict, b"DecodeParms").or_else(|| get(dict, b"DP")) {
        Some(Obj::Dict(d)) => vec![Some(d)],
        Some(Obj::Array(a)) => a.iter().map(Obj::dict).collect(),
        _ => Vec::new(),
    };
    if filters.len() > 8 {
        return Err(FilterError::Unsupported);
    }
    let mut data = raw.to_vec();
    for (i, f) in filters.iter().enumerate() {
        let parms = params.get(i).copied().flatten();
        data = match f.as_slice() {
            b"FlateDecode" | b"Fl" => predict(inflate(&data, budget)?, parms, budget)?,
            b"LZWDecode" | b"LZW" => {
                let early = parms.and_then(|p| get(p, b"EarlyChange")).and_then(Obj::int).unwrap_or(1) != 0;
                predict(lzw(&data, early, budget)?, parms, budget)?
            }
            b"ASCII85Decode" | b"A85" => ascii85(&data),
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"Crypt" => data,
            _ => return Err(FilterError::Unsupported),
        };
        if data.len() > budget {
            return Err(FilterError::TooLarge);
        }
    }
    Ok(data)
}

fn inflate(data: &[u8], budget: usize) -> Result<Vec<u8>, FilterError> {
    let limit = budget as u64 + 1;
    let mut out = Vec::new();
    let zlib = data.len() >= 2 && (data[0] & 0x0f) == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    // A read error after some output is a damaged end: keep what came before it.
    let _ = if zlib {
        flate2::read::ZlibDecoder::new(data).take(limit).read_to_end(&mut out)
    } else {
        flate2::read::DeflateDecoder::new(data).take(limit).read_to_end(&mut out)
    };
    if out.len() > budget {
        return Err(FilterError::TooLarge);
    }
    Ok(out)
}

fn lzw(data: &[u8], early: bool, budget: usize) -> Result<Vec<u8>, FilterError> {
    let mut out: Vec<u8> = Vec::new();
    let mut table: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
    table.push(Vec::new()); // 256 clear
    table.push(Vec::new()); // 257 end
    let mut width = 9u32;
    let mut prev: Option<usize> = None;
    let (mut acc, mut bits) = (0u32, 0u32);
    for &byte in data {
        acc = (acc << 8) | byte as u32;
        bits += 8;
        while bits >= width {
            let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as usize;
            bits -= width;
            acc &= (1 << bits) - 1;
            if code == 256 {
                table.truncate(258);
                width = 9;
                prev = None;
                continue;
            }
            if code == 257 {
                return Ok(out);
            }
            let entry = match (table.get(code), prev) {
                (Some(e), _) if code < table.len() && (code < 256 || !e.is_empty()) => e.clone(),
                (_, Some(p)) if code == table.len() => {
                    let mut e = table[p].clone();
                    e.push(table[p].first().copied().unwrap_or(0));
                    e
                }
                _ => return Ok(out),
            };
            if let Some(p) = prev {
                if table.len() < 4096 {
                    let mut e = table[p].clone();
                    e.push(entry[0]);
                    table.push(e);
                }
            }
            out.extend_from_slice(&entry);
            if out.len() > budget {
                return Err(FilterError::TooLarge);
            }
            prev = Some(code);
            let next = table.len() + usize::from(early);
            width = if next > 2048 { 12 } else if next > 1024 { 11 } else if next > 512 { 10 } else { 9 };
        }
    }
    Ok(out)
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5 + 4);
    let mut group = [0u8; 5];
    let mut n = 0;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in body {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |v, &d| v * 85 + d as u64) as u32;
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |v, &d| v * 85 + d as u64) as u32;
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

/// ASCIIHexDecode, also the decoder of a hex string `<…>`: stops at `>`, skips what is not a
/// hex digit, an odd last digit is followed by 0.
pub(super) fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let Some(v) = (b as char).to_digit(16) else { continue };
        match high.take() {
            Some(h) => out.push(h << 4 | v as u8),
            None => high = Some(v as u8),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

/// Undoes a PNG (10–15) or TIFF (2) predictor.
fn predict(data: Vec<u8>, parms: Option<&Dict>, budget: usize) -> Result<Vec<u8>, FilterError> {
    let Some(p) = parms else { return Ok(data) };
    let int = |k: &[u8], d: i64| get(p, k).and_then(Obj::int).unwrap_or(d);
    let predictor = int(b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = int(b"Colors", 1).clamp(1, 32) as usize;
    let bpc = int(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = int(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        let mut out = data;
        if bpc == 8 {
            for line in out.chunks_mut(row) {
                for i in bpp..line.len() {
                    line[i] = line[i].wrapping_add(line[i - bpp]);
                }
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prior = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (kind, line) = (chunk[0], &chunk[1..]);
        let mut cur = line.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prior[i];
            let up_left = if i >= bpp { prior[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => cur[i].wrapping_add(left),
                2 => cur[i].wrapping_add(up),
                3 => cur[i].wrapping_add(((left as u16 + up as u16) / 2) as u8),
                4 => cur[i].wrapping_add(paeth(left, up, up_left)),
                _ => cur[i],
            };
        }
        out.extend_from_slice(&cur[..line.len().min(row)]);
        if out.len() > budget {
            return Err(FilterError::TooLarge);
        }
        prior = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_filters_and_lzw() {
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>"), b"Hello World!");
        assert_eq!(ascii_hex(b"48 65 6C6C6F>"), b"Hello");
        // The example from the PDF reference: 45 45 45 45 45 65 45 45 45 66.
        let coded = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&coded, true, 100).unwrap(), vec![45, 45, 45, 45, 45, 65, 45, 45, 45, 66]);
    }

    #[test]
    fn a_bomb_stops_at_the_budget() {
        use std::io::Write;
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![0u8; 10_000_000]).unwrap();
        let z = enc.finish().unwrap();
        assert_eq!(inflate(&z, 1_000_000), Err(FilterError::TooLarge));
    }
}
