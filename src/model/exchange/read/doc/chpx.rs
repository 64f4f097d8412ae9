//! Character properties of a .doc, as far as the reader needs them: which text is a tracked
//! deletion (sprmCFRMarkDel), left out as the .docx reader leaves out `w:del`. The bin table
//! PlcBteChpx points to 512-byte CHPX FKP pages in the `WordDocument` stream; each maps ranges
//! of stream offsets to a grpprl ([MS-DOC] 2.9.33 ChpxFkp).
//!
//! Guarantees: each page is checked and parsed once; out-of-range offsets mean "not deleted".

use std::collections::HashMap;

use super::papx::sprms;
use super::u32_at;

const FKP: usize = 512;
const RMARK_DEL: u16 = 0x0800;

/// The runs of one FKP page: their FC bounds and whether each is deleted.
#[derive(Debug)]
struct Page {
    fcs: Vec<u32>,
    deleted: Vec<bool>,
}

/// Deleted-text lookup for one document.
pub(super) struct Runs<'a> {
    word: &'a [u8],
    fcs: Vec<u32>,
    pages: Vec<u32>,
    cache: HashMap<u32, Option<Page>>,
    /// The last run found: `[from, to)` and whether it is deleted.
    last: Option<(u32, u32, bool)>,
}

impl<'a> Runs<'a> {
    pub fn new(word: &'a [u8], plc: &[u8]) -> Runs<'a> {
        let n = plc.len().saturating_sub(4) / 8;
        let fcs = (0..=n).filter_map(|i| u32_at(plc, i * 4)).collect();
        let pages = (0..n).filter_map(|i| u32_at(plc, (n + 1) * 4 + i * 4)).map(|pn| pn & 0x3F_FFFF).collect();
        Runs { word, fcs, pages, cache: HashMap::new(), last: None }
    }

    /// Whether the character stored at `fc` is a tracked deletion.
    pub fn deleted(&mut self, fc: usize) -> bool {
        let fc = u32::try_from(fc).unwrap_or(u32::MAX);
        if let Some((from, to, deleted)) = self.last {
            if from <= fc && fc < to {
                return deleted;
            }
        }
        let found = self.find(fc);
        self.last = found;
        found.is_some_and(|(_, _, deleted)| deleted)
    }

    fn find(&mut self, fc: u32) -> Option<(u32, u32, bool)> {
        let j = self.fcs.partition_point(|&f| f <= fc);
        if j == 0 || j >= self.fcs.len() {
            return None;
        }
        let pn = *self.pages.get(j - 1)?;
        let word = self.word;
        let page = self.cache.entry(pn).or_insert_with(|| Page::parse(word, pn)).as_ref()?;
        let i = page.fcs.partition_point(|&f| f <= fc);
        if i == 0 || i >= page.fcs.len() {
            return None;
        }
        Some((page.fcs[i - 1], page.fcs[i], *page.deleted.get(i - 1)?))
    }
}

impl Page {
    fn parse(word: &[u8], pn: u32) -> Option<Page> {
        let start = (pn as usize).checked_mul(FKP)?;
        let page = word.get(start..start.checked_add(FKP)?)?;
        let crun = usize::from(page[FKP - 1]);
        if crun == 0 || (crun + 1) * 4 + crun > FKP - 1 {
            return None;
        }
        let fcs = (0..=crun).filter_map(|i| u32_at(page, i * 4)).collect();
        let deleted = (0..crun)
            .map(|i| {
                let at = usize::from(page[(crun + 1) * 4 + i]) * 2;
                let Some(&cb) = page.get(at).filter(|_| at != 0) else { return false };
                let grpprl = page.get(at + 1..(at + 1 + usize::from(cb)).min(FKP - 1)).unwrap_or_default();
                sprms(grpprl).any(|(sprm, op)| sprm == RMARK_DEL && op.first().is_some_and(|&b| b != 0))
            })
            .collect();
        Some(Page { fcs, deleted })
    }
}
