//! Paragraph properties of a .doc ([MS-DOC] 2.4.6.4, 2.9.x): the bin table PlcBtePapx points
//! to 512-byte PAPX FKP pages in the `WordDocument` stream; each page maps ranges of stream
//! offsets (FCs) to a grpprl, a list of Sprms. The Sprms read here say whether a paragraph is
//! in a table (sprmPFInTable), ends a row (sprmPFTtp, sprmPFInnerTtp), ends a nested cell
//! (sprmPFInnerTableCell) and how deep (sprmPItap, sprmPDtap); on a row's end mark they also
//! carry the row's layout (TAP): sprmTDefTable's cell edges and TC80 merge flags, changed by
//! sprmTMerge, sprmTSplit and sprmTVertMerge. A grpprl too large for its page is in the
//! `Data` stream (sprmPHugePapx).
//!
//! Guarantees: pages are read in place with every offset checked; a Sprm whose operand runs
//! past its grpprl ends the grpprl; nothing here can index out of bounds.

use super::{u16_at, u32_at};

const FKP: usize = 512;

/// sprm values used here.
const IN_TABLE: u16 = 0x2416;
const TTP: u16 = 0x2417;
const ITAP: u16 = 0x6649;
const DTAP: u16 = 0x664A;
const INNER_CELL: u16 = 0x244B;
const INNER_TTP: u16 = 0x244C;
const HUGE_PAPX: u16 = 0x6646;
const DEF_TABLE: u16 = 0xD608;
const MERGE: u16 = 0x5624;
const SPLIT: u16 = 0x5625;
const VERT_MERGE: u16 = 0xD62B;
const CHG_TABS: u16 = 0xC615;

/// One cell of a row's layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct TapCell {
    /// Left and right edges (twips from the table's origin).
    pub left: i32,
    pub right: i32,
    /// Horizontal merge: 0 none, 1 first cell of a merged run, 2 or 3 merged into the one before.
    pub hmerge: u8,
    /// Vertical merge: 0 none, 1 merged into the cell above, 3 first of a vertical run.
    pub vmerge: u8,
}

/// A row's layout (the part of the TAP this reader uses).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Tap {
    pub cells: Vec<TapCell>,
}

/// The properties of one paragraph that place it in a table.
#[derive(Debug, Clone, Default)]
pub(super) struct ParaProps {
    pub in_table: bool,
    pub ttp: bool,
    pub itap: i64,
    pub inner_cell: bool,
    pub inner_ttp: bool,
    /// The row layout, on a row's end mark.
    pub tap: Option<Tap>,
}

impl ParaProps {
    /// Table depth: 0 outside tables, 1 for a top-level table.
    pub fn depth(&self) -> i64 {
        if self.in_table {
            self.itap.max(1)
        } else {
            0
        }
    }
}

/// A bin table (PlcBtePapx, PlcBteChpx) with the `WordDocument` stream its 512-byte FKP pages
/// are in. Pages are read in place, never copied or cached: a lookup costs a binary search in
/// the table and a scan of at most 255 runs of one page.
pub(super) struct BinTable<'a> {
    word: &'a [u8],
    plc: &'a [u8],
    /// Entries: `n + 1` FCs, then `n` page numbers.
    n: usize,
}

/// A run found in an FKP page: the page, its run count, the run's index and its FC bounds.
pub(super) struct Run<'a> {
    pub page: &'a [u8],
    pub crun: usize,
    pub index: usize,
    pub from: u32,
    pub to: u32,
}

impl<'a> BinTable<'a> {
    pub fn new(word: &'a [u8], plc: &'a [u8]) -> BinTable<'a> {
        BinTable { word, plc, n: plc.len().saturating_sub(4) / 8 }
    }

    /// The run holding stream offset `fc`, in a page whose runs have `entry`-byte descriptors
    /// after the FCs (13 for PAPX, 1 for CHPX).
    pub fn find(&self, fc: u32, entry: usize) -> Option<Run<'a>> {
        let (mut lo, mut hi) = (0, self.n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if u32_at(self.plc, (mid + 1) * 4)? <= fc {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo >= self.n || u32_at(self.plc, lo * 4)? > fc {
            return None;
        }
        let pn = (u32_at(self.plc, (self.n + 1) * 4 + lo * 4)? & 0x3F_FFFF) as usize;
        let start = pn.checked_mul(FKP)?;
        let page = self.word.get(start..start.checked_add(FKP)?)?;
        let crun = usize::from(page[FKP - 1]);
        if crun == 0 || (crun + 1) * 4 + crun * entry > FKP - 1 {
            return None;
        }
        (0..crun).find_map(|index| {
            let (from, to) = (u32_at(page, index * 4)?, u32_at(page, index * 4 + 4)?);
            (from <= fc && fc < to).then_some(Run { page, crun, index, from, to })
        })
    }
}

/// The paragraph property lookup of one document.
pub(super) struct Props<'a> {
    bins: BinTable<'a>,
    data: &'a [u8],
}

impl<'a> Props<'a> {
    pub fn new(word: &'a [u8], data: &'a [u8], plc: &'a [u8]) -> Props<'a> {
        Props { bins: BinTable::new(word, plc), data }
    }

    /// The properties of the paragraph whose mark is at stream offset `fc`; `extra` is a grpprl
    /// the piece adds (Prm pointing to a Prc).
    pub fn at(&mut self, fc: usize, extra: Option<&[u8]>) -> ParaProps {
        let mut props = ParaProps::default();
        if let Some(grpprl) = self.bins.find(u32::try_from(fc).unwrap_or(u32::MAX), 13).and_then(|run| papx(&run)) {
            apply(&mut props, grpprl, self.data, true);
        }
        if let Some(extra) = extra {
            apply(&mut props, extra, self.data, true);
        }
        props
    }
}

/// The grpprl of a PAPX run: BxPap's bOffset (in words) points to a PapxInFkp, whose size byte
/// `cb` gives `2 × cb − 1` bytes, or, when 0, the next byte `2 × cb'`; the style index comes
/// first.
fn papx<'a>(run: &Run<'a>) -> Option<&'a [u8]> {
    let at = usize::from(*run.page.get((run.crun + 1) * 4 + run.index * 13)?) * 2;
    if at == 0 {
        return None;
    }
    let cb = usize::from(*run.page.get(at)?);
    let (from, len) = if cb != 0 { (at + 1, 2 * cb - 1) } else { (at + 2, 2 * usize::from(*run.page.get(at + 1)?)) };
    let to = from + len;
    run.page.get(from + 2..to.min(FKP - 1))
}

/// The Sprms of a grpprl: (sprm, operand); a variable operand keeps its size prefix.
pub(super) fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, pos)?;
        let at = pos + 2;
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == DEF_TABLE => usize::from(u16_at(grpprl, at)?) + 1,
            // A cb of 255 has a size of its own making; stop rather than guess.
            _ if sprm == CHG_TABS && *grpprl.get(at)? == 255 => return None,
            _ => usize::from(*grpprl.get(at)?) + 1,
        };
        let operand = grpprl.get(at..at.checked_add(size)?)?;
        pos = at + size;
        Some((sprm, operand))
    })
}

/// Applies a grpprl's Sprms to `props`; `huge` allows one level of sprmPHugePapx.
fn apply(props: &mut ParaProps, grpprl: &[u8], data: &[u8], huge: bool) {
    for (sprm, op) in sprms(grpprl) {
        let flag = op.first().is_some_and(|&b| b != 0);
        match sprm {
            IN_TABLE => props.in_table = flag,
            TTP => props.ttp = flag,
            INNER_CELL => props.inner_cell = flag,
            INNER_TTP => props.inner_ttp = flag,
            ITAP => props.itap = i64::from(u32_at(op, 0).unwrap_or(0) as i32),
            DTAP => props.itap += i64::from(u32_at(op, 0).unwrap_or(0) as i32),
            HUGE_PAPX if huge => {
                let at = usize::try_from(u32_at(op, 0).unwrap_or(u32::MAX)).unwrap_or(usize::MAX);
                let cb = u16_at(data, at).map_or(0, usize::from);
                if let Some(big) = at.checked_add(2).and_then(|from| data.get(from..from.checked_add(cb)?)) {
                    apply(props, big, data, false);
                }
            }
            DEF_TABLE => props.tap = Some(def_table(op)),
            MERGE | SPLIT | VERT_MERGE => {
                if let Some(tap) = &mut props.tap {
                    change(tap, sprm, op);
                }
            }
            _ => {}
        }
    }
}

/// sprmTDefTable's operand: cb (2), NumberOfColumns (1), rgdxaCenter (n + 1 XAS), rgTc80
/// (20 bytes each, possibly fewer than n).
fn def_table(op: &[u8]) -> Tap {
    let n = op.get(2).map_or(0, |&n| usize::from(n));
    let edges: Vec<i32> = (0..=n).map_while(|i| u16_at(op, 3 + i * 2)).map(|x| i32::from(x as i16)).collect();
    let tcs = 3 + (n + 1) * 2;
    let cells = edges
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let grf = u16_at(op, tcs + i * 20).unwrap_or(0);
            TapCell { left: w[0], right: w[1], hmerge: (grf & 3) as u8, vmerge: ((grf >> 5) & 3) as u8 }
        })
        .collect();
    Tap { cells }
}

/// sprmTMerge / sprmTSplit (itcFirst, itcLim) and sprmTVertMerge (cb, itc, flags).
fn change(tap: &mut Tap, sprm: u16, op: &[u8]) {
    match sprm {
        VERT_MERGE => {
            if let (Some(&itc), Some(&flags)) = (op.get(1), op.get(2)) {
                if let Some(cell) = tap.cells.get_mut(usize::from(itc)) {
                    cell.vmerge = flags & 3;
                }
            }
        }
        _ => {
            let (Some(&first), Some(&lim)) = (op.first(), op.get(1)) else { return };
            for (i, cell) in tap.cells.iter_mut().enumerate().take(usize::from(lim)).skip(usize::from(first)) {
                cell.hmerge = match (sprm, i == usize::from(first)) {
                    (SPLIT, _) => 0,
                    (_, true) => 1,
                    _ => 2,
                };
            }
        }
    }
}
