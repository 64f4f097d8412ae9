//! Pages and their content streams: the page tree (inherited resources and boxes), and an
//! interpreter of the operators that place text (BT/ET, Tf, Tm, Td, TD, T*, Tj, TJ, ', ",
//! Tc, Tw, Tz, TL, Ts), transform (cm, q/Q), draw straight lines and rectangles (m, l, re, h and
//! the painting operators) and draw form XObjects; images are counted, not decoded.
//!
//! Guarantees: positions are fixed point in the page's user space (y up); the page tree walk
//! visits each node once and at most [`MAX_PAGES`] pages; forms nest at most [`MAX_FORMS`]
//! deep; the graphics-state stack is bounded; the operator budget is shared by the document.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::file::File;
use super::font::Font;
use super::syntax::{div, get, is_white, mul, Dict, Fx, Obj, Parser, ONE};
use crate::read::Decode;

pub const MAX_PAGES: usize = 5_000;
const MAX_FORMS: usize = 8;
const MAX_STACK: usize = 256;
/// Characters and ruling lines kept from the whole document.
const MAX_ITEMS: usize = 1_000_000;

/// One shown character with its origin, advance and size in user space.
#[derive(Debug, Clone)]
pub struct Char {
    pub x: Fx,
    pub y: Fx,
    pub w: Fx,
    pub size: Fx,
    pub text: String,
}

/// An axis-parallel ruling line: horizontal (`at` is y, from..to along x) or vertical.
#[derive(Debug, Clone, Copy)]
pub struct Seg {
    pub horizontal: bool,
    pub at: Fx,
    pub from: Fx,
    pub to: Fx,
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct Page {
    /// The page box: left, bottom, right, top.
    pub bbox: [Fx; 4],
    pub chars: Vec<Char>,
    pub segs: Vec<Seg>,
    pub images: usize,
    /// Characters and lines this page may still add (the document's budget).
    room: usize,
}

/// The pages of the document in order (each page's dictionary with inherited entries).
pub fn pages(file: &File<'_>) -> Vec<Dict> {
    let mut out = Vec::new();
    let Some(root) = file.root() else { return out };
    let Some(tree) = root.dict().and_then(|d| get(d, b"Pages")).cloned() else { return out };
    let mut seen = HashSet::new();
    let mut pushed = 0usize;
    // (node, inherited Resources, MediaBox, CropBox)
    let mut stack: Vec<(Obj, Dict)> = vec![(tree, Vec::new())];
    while let Some((node, inherited)) = stack.pop() {
        if let Obj::Ref(n, _) = node {
            if !seen.insert(n) {
                continue;
            }
        }
        let obj = file.resolve(&node);
        let Some(dict) = obj.dict() else { continue };
        let mut inh = inherited.clone();
        for key in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
            if let Some(v) = get(dict, key) {
                inh.retain(|(k, _)| k != key);
                inh.push((key.to_vec(), v.clone()));
            }
        }
        let kids = get(dict, b"Kids").map(|k| file.resolve(k));
        match kids.as_deref().and_then(Obj::array) {
            Some(kids) if get(dict, b"Type").and_then(Obj::name) != Some(b"Page") => {
                for kid in kids.iter().rev() {
                    if pushed < MAX_PAGES * 4 {
                        pushed += 1;
                        stack.push((kid.clone(), inh.clone()));
                    }
                }
            }
            _ => {
                let mut page = dict.clone();
                for (k, v) in inh {
                    if get(&page, &k).is_none() {
                        page.push((k, v));
                    }
                }
                out.push(page);
                if out.len() >= MAX_PAGES {
                    break;
                }
            }
        }
    }
    out
}

type Matrix = [Fx; 6];
const IDENTITY: Matrix = [ONE, 0, 0, ONE, 0, 0];

fn concat(m: &Matrix, n: &Matrix) -> Matrix {
    [
        mul(m[0], n[0]).saturating_add(mul(m[1], n[2])),
        mul(m[0], n[1]).saturating_add(mul(m[1], n[3])),
        mul(m[2], n[0]).saturating_add(mul(m[3], n[2])),
        mul(m[2], n[1]).saturating_add(mul(m[3], n[3])),
        mul(m[4], n[0]).saturating_add(mul(m[5], n[2])).saturating_add(n[4]),
        mul(m[4], n[1]).saturating_add(mul(m[5], n[3])).saturating_add(n[5]),
    ]
}

fn apply(m: &Matrix, x: Fx, y: Fx) -> (Fx, Fx) {
    (
        bounded(mul(x, m[0]).saturating_add(mul(y, m[2])).saturating_add(m[4])),
        bounded(mul(x, m[1]).saturating_add(mul(y, m[3])).saturating_add(m[5])),
    )
}

/// A coordinate kept within a billion points, so sums and differences of two never overflow.
fn bounded(v: Fx) -> Fx {
    const FAR: Fx = 1_000_000_000 * ONE;
    v.clamp(-FAR, FAR)
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: Fx,
    char_sp: Fx,
    word_sp: Fx,
    scale: Fx,
    leading: Fx,
    rise: Fx,
    /// The clipping path's bounding box: left, bottom, right, top.
    clip: [Fx; 4],
}

/// The interpreter of one document: font cache and the shared operator budget.
pub struct Reader<'f, 'a> {
    pub file: &'f File<'a>,
    pub decode: Decode<'f>,
    fonts: HashMap<u32, Rc<Font>>,
    /// Operators left for the whole document.
    pub ops_left: usize,
    /// Character codes without known text.
    pub unknown: usize,
    /// Characters and ruling lines all pages together may still add.
    room: usize,
}

impl<'f, 'a> Reader<'f, 'a> {
    pub fn new(file: &'f File<'a>, decode: Decode<'f>, ops: usize) -> Self {
        Reader { file, decode, fonts: HashMap::new(), ops_left: ops, unknown: 0, room: MAX_ITEMS }
    }

    /// Runs one page's content.
    pub fn page(&mut self, dict: &Dict) -> Page {
        let mut page = Page { room: self.room, ..Page::default() };
        let bbox = get(dict, b"CropBox").or_else(|| get(dict, b"MediaBox")).map(|b| self.file.resolve(b));
        let nums: Vec<Fx> = bbox.as_deref().and_then(Obj::array).unwrap_or(&[]).iter().filter_map(Obj::fx).map(bounded).collect();
        page.bbox = if nums.len() == 4 {
            [nums[0].min(nums[2]), nums[1].min(nums[3]), nums[0].max(nums[2]), nums[1].max(nums[3])]
        } else {
            [0, 0, 595 * ONE, 842 * ONE]
        };
        // A page shown turned (/Rotate): its content turned the same way, so that reading
        // order is top to bottom as shown.
        let [left, bottom, right, top] = page.bbox;
        let rotate = get(dict, b"Rotate").and_then(|r| self.file.resolve(r).int()).unwrap_or(0).rem_euclid(360);
        let start = match rotate {
            90 => [0, -ONE, ONE, 0, -bottom, right],
            180 => [-ONE, 0, 0, -ONE, right, top],
            270 => [0, ONE, -ONE, 0, top, -left],
            _ => IDENTITY,
        };
        if rotate != 0 && start != IDENTITY {
            let (w, h) = (right - left, top - bottom);
            page.bbox = if rotate == 180 { [0, 0, w, h] } else { [0, 0, h, w] };
        }
        let resources = get(dict, b"Resources").map(|r| self.file.resolve(r)).and_then(|r| r.dict().cloned()).unwrap_or_default();
        let mut data = Vec::new();
        match get(dict, b"Contents").map(|c| self.file.resolve(c)).as_deref() {
            Some(Obj::Array(parts)) => {
                for part in parts.iter().take(10_000) {
                    if let Some(d) = self.file.stream_data(part) {
                        data.extend_from_slice(&d);
                        data.push(b'\n');
                    }
                }
            }
            Some(s @ Obj::Stream(..)) => data = self.file.stream_data(s).unwrap_or_default(),
            _ => {}
        }
        self.run(&data, &resources, start, [Fx::MIN, Fx::MIN, Fx::MAX, Fx::MAX], &mut page, 0);
        self.room = page.room;
        page
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.file.resolve(get(resources, b"Font")?);
        let entry = get(fonts.dict()?, name)?.clone();
        if let Obj::Ref(n, _) = entry {
            if let Some(f) = self.fonts.get(&n) {
                return Some(f.clone());
            }
        }
        let obj = self.file.resolve(&entry);
        let font = Rc::new(Font::load(self.file, obj.dict()?, self.decode));
        if let Obj::Ref(n, _) = entry {
            self.fonts.insert(n, font.clone());
        }
        Some(font)
    }

    fn run(&mut self, data: &[u8], resources: &Dict, ctm: Matrix, clip: [Fx; 4], page: &mut Page, depth: usize) {
        let mut p = Parser::new(data, 0);
        let mut args: Vec<Obj> = Vec::new();
        let mut gs = State { ctm, font: None, size: 0, char_sp: 0, word_sp: 0, scale: ONE, leading: 0, rise: 0, clip };
        let mut clipping = false;
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let mut path: Vec<Vec<(Fx, Fx)>> = Vec::new();
        loop {
            let Some(obj) = p.object() else {
                if p.at_end() {
                    break;
                }
                p.pos += 1;
                continue;
            };
            let Obj::Op(op) = obj else {
                if args.len() < 64 {
                    args.push(obj);
                }
                continue;
            };
            if self.ops_left == 0 {
                break;
            }
            self.ops_left -= 1;
            let n = |i: usize| args.get(i).and_then(Obj::fx).unwrap_or(0);
            match op.as_slice() {
                b"q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" if args.len() >= 6 => gs.ctm = concat(&[n(0), n(1), n(2), n(3), n(4), n(5)], &gs.ctm),
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" if args.len() >= 2 => {
                    gs.font = args[0].name().and_then(|name| self.font(resources, name));
                    gs.size = n(1);
                }
                b"Tc" => gs.char_sp = n(0),
                b"Tw" => gs.word_sp = n(0),
                b"Tz" => gs.scale = n(0) / 100,
                b"TL" => gs.leading = n(0),
                b"Ts" => gs.rise = n(0),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        gs.leading = -n(1);
                    }
                    tlm = concat(&[ONE, 0, 0, ONE, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if args.len() >= 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = concat(&[ONE, 0, 0, ONE, 0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"\"" && args.len() >= 3 {
                        gs.word_sp = n(0);
                        gs.char_sp = n(1);
                    }
                    if op != b"Tj" && op != b"TJ" {
                        tlm = concat(&[ONE, 0, 0, ONE, 0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let items: Vec<Obj> = match (op.as_slice(), args.last()) {
                        (b"TJ", Some(Obj::Array(a))) => a.clone(),
                        (_, Some(s @ Obj::Str(_))) => vec![s.clone()],
                        _ => Vec::new(),
                    };
                    for item in items {
                        match item {
                            Obj::Str(bytes) => self.show(&bytes, &gs, &mut tm, page),
                            other => {
                                let adj = other.fx().unwrap_or(0);
                                let tx = mul(div(-adj, 1000 * ONE), mul(gs.size, gs.scale));
                                tm = concat(&[ONE, 0, 0, ONE, tx, 0], &tm);
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = args.first().and_then(Obj::name) {
                        self.draw(name, resources, &gs, page, depth);
                    }
                }
                b"ID" => {
                    page.images += 1;
                    p.pos += 1;
                    while p.pos + 2 <= data.len() {
                        if &data[p.pos..p.pos + 2] == b"EI"
                            && p.pos > 0
                            && is_white(data[p.pos - 1])
                            && data.get(p.pos + 2).is_none_or(|&b| is_white(b))
                        {
                            p.pos += 2;
                            break;
                        }
                        p.pos += 1;
                    }
                    if p.pos + 2 > data.len() {
                        p.pos = data.len();
                    }
                }
                b"m" if args.len() >= 2 && path.len() < 100_000 => path.push(vec![apply(&gs.ctm, n(0), n(1))]),
                b"l" if args.len() >= 2 => {
                    if let Some(sub) = path.last_mut() {
                        if sub.len() < 10_000 {
                            sub.push(apply(&gs.ctm, n(0), n(1)));
                        }
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are not ruling lines: end the straight run here.
                    let last = args.len().saturating_sub(2);
                    if path.len() < 100_000 {
                        path.push(vec![apply(&gs.ctm, n(last), n(last + 1))]);
                    }
                }
                b"h" => {
                    if let Some(sub) = path.last_mut() {
                        if let Some(&first) = sub.first() {
                            sub.push(first);
                        }
                    }
                }
                b"re" if args.len() >= 4 => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let corners = [(x, y), (x.saturating_add(w), y), (x.saturating_add(w), y.saturating_add(h)), (x, y.saturating_add(h)), (x, y)];
                    if path.len() < 100_000 {
                        path.push(corners.iter().map(|&(a, b)| apply(&gs.ctm, a, b)).collect());
                    }
                }
                b"W" | b"W*" => clipping = true,
                b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" | b"f" | b"F" | b"f*" | b"n" if clipping => {
                    clipping = false;
                    let points = path.iter().flatten();
                    let (mut x0, mut y0, mut x1, mut y1) = (Fx::MAX, Fx::MAX, Fx::MIN, Fx::MIN);
                    for &(x, y) in points {
                        x0 = x0.min(x);
                        y0 = y0.min(y);
                        x1 = x1.max(x);
                        y1 = y1.max(y);
                    }
                    if x0 <= x1 {
                        gs.clip = [gs.clip[0].max(x0), gs.clip[1].max(y0), gs.clip[2].min(x1), gs.clip[3].min(y1)];
                    }
                    match op.as_slice() {
                        b"n" => {}
                        b"f" | b"F" | b"f*" => fill(&path, page),
                        _ => stroke(&path, page),
                    }
                    path.clear();
                }
                b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" => {
                    stroke(&path, page);
                    path.clear();
                }
                b"f" | b"F" | b"f*" => {
                    fill(&path, page);
                    path.clear();
                }
                b"n" => path.clear(),
                _ => {}
            }
            args.clear();
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &State, tm: &mut Matrix, page: &mut Page) {
        let Some(font) = gs.font.clone() else { return };
        // Past the document's budget no glyph is kept: do not decode them either.
        let bytes = &bytes[..bytes.len().min(page.room.saturating_mul(4))];
        let glyphs = font.glyphs(bytes, self.decode, &mut self.unknown);
        let th = gs.scale;
        for g in glyphs {
            let trm = concat(&[mul(gs.size, th), 0, 0, gs.size, 0, gs.rise], &concat(tm, &gs.ctm));
            let mut tx = mul(div(g.width, 1000 * ONE), gs.size).saturating_add(gs.char_sp);
            if g.space {
                tx = tx.saturating_add(gs.word_sp);
            }
            tx = mul(tx, th);
            let user = concat(tm, &gs.ctm);
            let size = trm[3].abs().max(trm[2].abs());
            let w = mul(tx, user[0].abs().max(user[1].abs()));
            let (x, y) = (trm[4], trm[5]);
            let [l, b, r, t] = gs.clip;
            let inside = x >= l.saturating_sub(ONE) && x <= r.saturating_add(ONE) && y >= b.saturating_sub(ONE) && y <= t.saturating_add(ONE);
            if inside && !g.text.is_empty() && page.room > 0 {
                page.room -= 1;
                page.chars.push(Char { x: bounded(trm[4]), y: bounded(trm[5]), w: bounded(w), size: bounded(size), text: g.text });
            }
            *tm = concat(&[ONE, 0, 0, ONE, tx, 0], tm);
        }
    }

    fn draw(&mut self, name: &[u8], resources: &Dict, gs: &State, page: &mut Page, depth: usize) {
        let Some(xobjects) = get(resources, b"XObject").map(|x| self.file.resolve(x)) else { return };
        let Some(entry) = xobjects.dict().and_then(|d| get(d, name)) else { return };
        let obj = self.file.resolve(entry);
        let Obj::Stream(dict, _) = &*obj else { return };
        match get(dict, b"Subtype").and_then(Obj::name) {
            Some(b"Image") => page.images += 1,
            Some(b"Form") if depth < MAX_FORMS => {
                let Some(data) = self.file.stream_data(&obj) else { return };
                let m: Vec<Fx> = get(dict, b"Matrix").and_then(Obj::array).unwrap_or(&[]).iter().filter_map(Obj::fx).collect();
                let matrix = if m.len() == 6 { [m[0], m[1], m[2], m[3], m[4], m[5]] } else { IDENTITY };
                let own = get(dict, b"Resources").map(|r| self.file.resolve(r)).and_then(|r| r.dict().cloned());
                let res = own.unwrap_or_else(|| resources.clone());
                self.run(&data, &res, concat(&matrix, &gs.ctm), gs.clip, page, depth + 1);
            }
            _ => {}
        }
    }
}

/// Half a point: how far from straight a ruling line may be.
const STRAIGHT: Fx = ONE / 2;
/// Filled rectangles at most this thick are lines.
const THIN: Fx = 3 * ONE;

fn push_seg(page: &mut Page, (x0, y0): (Fx, Fx), (x1, y1): (Fx, Fx)) {
    if page.room == 0 {
        return;
    }
    page.room -= 1;
    if (y1 - y0).abs() <= STRAIGHT && (x1 - x0).abs() > ONE {
        page.segs.push(Seg { horizontal: true, at: (y0 + y1) / 2, from: x0.min(x1), to: x0.max(x1) });
    } else if (x1 - x0).abs() <= STRAIGHT && (y1 - y0).abs() > ONE {
        page.segs.push(Seg { horizontal: false, at: (x0 + x1) / 2, from: y0.min(y1), to: y0.max(y1) });
    }
}

fn stroke(path: &[Vec<(Fx, Fx)>], page: &mut Page) {
    for sub in path {
        for w in sub.windows(2) {
            push_seg(page, w[0], w[1]);
        }
    }
}

/// A filled subpath that is a thin bar is a line along its long side; wider fills (cell
/// shading) are not lines.
fn fill(path: &[Vec<(Fx, Fx)>], page: &mut Page) {
    for sub in path {
        if sub.len() < 3 {
            continue;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (Fx::MAX, Fx::MAX, Fx::MIN, Fx::MIN);
        for &(x, y) in sub {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if h <= THIN && w > h {
            push_seg(page, (x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2));
        } else if w <= THIN && h > w {
            push_seg(page, ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1));
        }
    }
}
