//! Damaged and random input: truncated files, mutated streams and containers, random bytes.
//! Whatever the bytes, the reader returns (a grid or an error) and never panics.

use std::io::{Cursor, Read};

use super::records::compound;
use super::*;

/// A small deterministic generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn workbook_stream(bytes: &[u8]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let mut data = Vec::new();
    file.open_stream("/Workbook").unwrap().read_to_end(&mut data).unwrap();
    data
}

/// Files to damage, with how finely: every 97th byte of the small real samples, coarser on the
/// larger generated workbooks (the test must stay within seconds in a debug build).
const SAMPLES: [(&str, usize); 5] = [
    ("samples/seed-000-附件2.xls", 97),
    ("samples/seed-004-项目支出绩效自评表.xls", 97),
    ("xls/seed-003-整体绩效自评表.lo.xls", 397),
    ("xls/features.xls", 997),
    ("xls/features.lo.xls", 997),
];

#[test]
fn truncated_files_never_panic() {
    for (path, step) in SAMPLES {
        let bytes = fixture(path);
        for len in (0..bytes.len()).step_by(step) {
            let _ = xls::read(&bytes[..len]);
        }
        // Cut inside the Workbook stream itself (the container stays valid).
        let stream = workbook_stream(&bytes);
        for len in (0..stream.len()).step_by(step) {
            let result = xls::read(&compound(&[("Workbook", &stream[..len])]));
            if let Err(e) = result {
                assert!(!e.to_string().is_empty());
            }
        }
    }
}

#[test]
fn random_and_mutated_files_never_panic() {
    let mut random = XorShift(0x2024_0611);
    for round in 0..400 {
        let len = (random.next() % 4096) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| random.next() as u8).collect();
        if round % 2 == 0 && bytes.len() >= 8 {
            bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        }
        let _ = xls::read(&bytes);
    }
    for (path, step) in SAMPLES {
        let rounds = if step < 100 { 150 } else { 15 };
        let stream = workbook_stream(&fixture(path));
        for _ in 0..rounds {
            let mut mutated = stream.clone();
            for _ in 0..1 + random.next() % 8 {
                let at = (random.next() as usize) % mutated.len();
                mutated[at] = random.next() as u8;
            }
            let _ = xls::read(&compound(&[("Workbook", &mutated)]));
        }
        // The container itself damaged.
        let bytes = fixture(path);
        for _ in 0..rounds {
            let mut mutated = bytes.clone();
            let at = (random.next() as usize) % mutated.len();
            mutated[at] = random.next() as u8;
            let _ = xls::read(&mutated);
        }
    }
}
