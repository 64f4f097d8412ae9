//! A minimal Word 97 (.doc) writer for the reader's tests: paragraphs of UTF-16 text, each
//! with its own grpprl (paragraph and table Sprms) in its own PAPX FKP page, one piece, and the
//! FIB fields the reader uses. The parts can be bent afterwards to build hostile files.

use super::compound;

/// Offset of the text in the WordDocument stream.
pub const TEXT_AT: usize = 1024;
/// Where FibRgFcLcb97 starts (csw 14, cslw 22).
pub const BLOB_AT: usize = 154;
/// ccpText's offset.
pub const CCP_TEXT_AT: usize = 76;

/// The two streams of a .doc, to bend before [`Streams::build`].
pub struct Streams {
    pub word: Vec<u8>,
    pub table: Vec<u8>,
}

impl Streams {
    /// The compound file with `WordDocument` and `1Table`.
    pub fn build(&self) -> Vec<u8> {
        compound(&[("WordDocument", &self.word), ("1Table", &self.table)])
    }

    /// Marks characters `from..to` of the text as a tracked deletion (sprmCFRMarkDel), in a
    /// CHPX FKP page of three runs.
    pub fn mark_deleted(&mut self, from: usize, to: usize) {
        let chars = u32::from_le_bytes(self.word[CCP_TEXT_AT..CCP_TEXT_AT + 4].try_into().unwrap()) as usize;
        let fcs = [TEXT_AT, TEXT_AT + 2 * from, TEXT_AT + 2 * to, TEXT_AT + 2 * chars].map(|f| f as u32);
        let mut page = vec![0u8; 512];
        for (i, f) in fcs.iter().enumerate() {
            page[i * 4..i * 4 + 4].copy_from_slice(&f.to_le_bytes());
        }
        page[17] = 100; // run 1's Chpx at byte 200: cb 3, sprmCFRMarkDel 1
        page[200..204].copy_from_slice(&[3, 0x00, 0x08, 1]);
        page[511] = 3;
        let pn = (self.word.len() / 512) as u32;
        self.word.extend_from_slice(&page);
        let at = self.table.len() as u32;
        self.table.extend_from_slice(&fcs[0].to_le_bytes());
        self.table.extend_from_slice(&fcs[3].to_le_bytes());
        self.table.extend_from_slice(&pn.to_le_bytes());
        self.set_pair(12, at, 12);
    }

    /// Ends sections at the given character positions (PlcfSed; the Seds themselves empty).
    pub fn set_sections(&mut self, ends: &[u32]) {
        let at = self.table.len() as u32;
        for cp in std::iter::once(&0).chain(ends) {
            self.table.extend_from_slice(&cp.to_le_bytes());
        }
        self.table.extend(std::iter::repeat_n(0u8, ends.len() * 12));
        self.set_pair(6, at, (ends.len() * 16 + 4) as u32);
    }

    /// Sets FibRgFcLcb97 pair `i` (13 = PlcBtePapx, 33 = Clx).
    pub fn set_pair(&mut self, i: usize, fc: u32, lcb: u32) {
        let at = BLOB_AT + i * 8;
        self.word[at..at + 4].copy_from_slice(&fc.to_le_bytes());
        self.word[at + 4..at + 8].copy_from_slice(&lcb.to_le_bytes());
    }
}

/// Streams for `paragraphs`: (text ending in its mark, `\r` or `\u{7}`, and its grpprl).
pub fn streams(paragraphs: &[(&str, Vec<u8>)]) -> Streams {
    let mut word = vec![0u8; TEXT_AT];
    word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes()); // fWhichTblStm: 1Table
    word[32..34].copy_from_slice(&14u16.to_le_bytes());
    word[62..64].copy_from_slice(&22u16.to_le_bytes());
    word[152..154].copy_from_slice(&0x5Du16.to_le_bytes());
    let mut bounds = vec![TEXT_AT as u32];
    for (text, _) in paragraphs {
        for unit in text.encode_utf16() {
            word.extend_from_slice(&unit.to_le_bytes());
        }
        bounds.push(word.len() as u32);
    }
    let chars = ((word.len() - TEXT_AT) / 2) as u32;
    word[CCP_TEXT_AT..CCP_TEXT_AT + 4].copy_from_slice(&chars.to_le_bytes());
    word.resize(word.len().div_ceil(512) * 512, 0);
    let first_page = word.len() / 512;
    for (i, (_, grpprl)) in paragraphs.iter().enumerate() {
        let mut page = vec![0u8; 512];
        page[0..4].copy_from_slice(&bounds[i].to_le_bytes());
        page[4..8].copy_from_slice(&bounds[i + 1].to_le_bytes());
        page[8] = 128; // bOffset: the PapxInFkp at byte 256
        let len = 2 + grpprl.len();
        let (head, at) = if len % 2 == 1 { (vec![len.div_ceil(2) as u8], 257) } else { (vec![0, (len / 2) as u8], 258) };
        page[256..256 + head.len()].copy_from_slice(&head);
        page[at + 2..at + 2 + grpprl.len()].copy_from_slice(grpprl);
        page[511] = 1;
        word.extend_from_slice(&page);
    }
    // 1Table: the Clx (one UTF-16 piece), then PlcBtePapx (one page per paragraph).
    let mut table = vec![2u8];
    table.extend_from_slice(&16u32.to_le_bytes());
    table.extend_from_slice(&0u32.to_le_bytes());
    table.extend_from_slice(&chars.to_le_bytes());
    table.extend_from_slice(&[0, 0]);
    table.extend_from_slice(&(TEXT_AT as u32).to_le_bytes());
    table.extend_from_slice(&[0, 0]);
    let clx_len = table.len() as u32;
    for b in &bounds {
        table.extend_from_slice(&b.to_le_bytes());
    }
    for i in 0..paragraphs.len() {
        table.extend_from_slice(&((first_page + i) as u32).to_le_bytes());
    }
    let bte_len = table.len() as u32 - clx_len;
    let mut streams = Streams { word, table };
    streams.set_pair(33, 0, clx_len);
    streams.set_pair(13, clx_len, bte_len);
    streams
}

/// A .doc of `paragraphs` (see [`streams`]).
pub fn doc(paragraphs: &[(&str, Vec<u8>)]) -> Vec<u8> {
    streams(paragraphs).build()
}

/// sprmPFInTable.
pub fn in_table() -> Vec<u8> {
    vec![0x16, 0x24, 1]
}

/// sprmPFInTable + sprmPFTtp: the end of a top-level row, with the row's sprmTDefTable
/// (`edges`, n + 1 twips; `grf`, each cell's TC80 flags) and further table Sprms.
pub fn row_end(edges: &[i16], grf: &[u16], more: &[u8]) -> Vec<u8> {
    let mut g = vec![0x16, 0x24, 1, 0x17, 0x24, 1];
    g.extend(def_table(edges, grf));
    g.extend_from_slice(more);
    g
}

/// sprmTDefTable.
pub fn def_table(edges: &[i16], grf: &[u16]) -> Vec<u8> {
    let n = edges.len() - 1;
    let rest = 1 + edges.len() * 2 + grf.len() * 20;
    let mut g = vec![0x08, 0xD6];
    g.extend_from_slice(&((rest + 1) as u16).to_le_bytes());
    g.push(n as u8);
    for e in edges {
        g.extend_from_slice(&e.to_le_bytes());
    }
    for f in grf {
        g.extend_from_slice(&f.to_le_bytes());
        g.extend_from_slice(&[0; 18]);
    }
    g
}

/// sprmPItap.
pub fn itap(depth: u32) -> Vec<u8> {
    let mut g = vec![0x16, 0x24, 1, 0x49, 0x66];
    g.extend_from_slice(&depth.to_le_bytes());
    g
}

/// A nested table's cell end (sprmPFInnerTableCell) at `depth`.
pub fn inner_cell(depth: u32) -> Vec<u8> {
    let mut g = itap(depth);
    g.extend_from_slice(&[0x4B, 0x24, 1]);
    g
}

/// A nested table's row end (sprmPFInnerTableCell + sprmPFInnerTtp) at `depth`, with its row's
/// sprmTDefTable.
pub fn inner_row_end(depth: u32, edges: &[i16]) -> Vec<u8> {
    let mut g = inner_cell(depth);
    g.extend_from_slice(&[0x4C, 0x24, 1]);
    g.extend(def_table(edges, &vec![0; edges.len() - 1]));
    g
}
