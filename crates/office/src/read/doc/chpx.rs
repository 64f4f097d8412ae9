//! Character properties of a .doc, as far as the reader needs them: which text is a tracked
//! deletion (sprmCFRMarkDel), left out as the .docx reader leaves out `w:del`. The bin table
//! PlcBteChpx points to 512-byte CHPX FKP pages in the `WordDocument` stream; each maps ranges
//! of stream offsets to a grpprl ([MS-DOC] 2.9.33 ChpxFkp).
//!
//! Guarantees: pages are read in place with every offset checked; out-of-range offsets mean
//! "not deleted".

use super::papx::{sprms, BinTable};

const RMARK_DEL: u16 = 0x0800;

/// Deleted-text lookup for one document.
pub(super) struct Runs<'a> {
    bins: BinTable<'a>,
    /// The last run found: `[from, to)` and whether it is deleted.
    last: Option<(u32, u32, bool)>,
}

impl<'a> Runs<'a> {
    pub fn new(word: &'a [u8], plc: &'a [u8]) -> Runs<'a> {
        Runs { bins: BinTable::new(word, plc), last: None }
    }

    /// Whether the character stored at `fc` is a tracked deletion.
    pub fn deleted(&mut self, fc: usize) -> bool {
        let fc = u32::try_from(fc).unwrap_or(u32::MAX);
        if let Some((from, to, deleted)) = self.last {
            if from <= fc && fc < to {
                return deleted;
            }
        }
        let Some(run) = self.bins.find(fc, 1) else {
            self.last = None;
            return false;
        };
        // The run's Chpx: offset in words, then cb and a grpprl of cb bytes.
        let at = run.page.get((run.crun + 1) * 4 + run.index).map_or(0, |&b| usize::from(b) * 2);
        let grpprl = match run.page.get(at) {
            Some(&cb) if at != 0 => run.page.get(at + 1..(at + 1 + usize::from(cb)).min(511)).unwrap_or_default(),
            _ => &[],
        };
        let deleted = sprms(grpprl).any(|(sprm, op)| sprm == RMARK_DEL && op.first().is_some_and(|&b| b != 0));
        self.last = Some((run.from, run.to, deleted));
        deleted
    }
}
