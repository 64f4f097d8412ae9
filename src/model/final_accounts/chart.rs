//! The six charts of the 说明 as SVG with a text alternative: 图1 收、支决算总计变动 (bar),
//! 图2 收入决算结构 (pie), 图3 支出决算结构 (pie), 图4 财政拨款收、支决算总计变动 (bar),
//! 图5 一般公共预算财政拨款支出决算变动 (bar), 图6 一般公共预算财政拨款支出决算结构 (pie).
//!
//! Self-contained on purpose, with one small API (a [`Chart`] spec → [`svg`] + [`alt_text`]):
//! a sibling chart module for 自评 score charts is being written at the same time, and the two
//! are meant to merge into one `model::chart` later. No floats: coordinates are `Decimal`
//! rounded to 0.1 px; pie arcs use a Taylor series for sin/cos. Every label is XML-escaped.

use rust_decimal::Decimal;

use super::facts::facts;
use super::FinalAccounts;
use crate::model::num::{div, fixed, fmt2, fmt_rate, round_half_up};

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Vertical bars, one per value.
    Bar,
    /// A pie of the values' shares.
    Pie,
}

/// A chart spec: title, kind, labelled values (万元).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// "图1：收、支决算总计变动情况".
    pub title: String,
    /// Bar or pie.
    pub kind: Kind,
    /// (label, value) in drawing order.
    pub values: Vec<(String, Decimal)>,
}

const W: i64 = 480;
const H: i64 = 300;
const COLORS: &[&str] = &["#2f6db5", "#e08a2c", "#4a9a5b", "#b8433f", "#7a5ba8", "#8c6d3f", "#c25c9a", "#6b7b8c"];

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn px(v: Decimal) -> String {
    let r = round_half_up(v, 1).normalize();
    r.to_string()
}

/// The SVG of a chart (a complete `<svg>` element with `role="img"` and a `<title>`).
pub fn svg(chart: &Chart) -> String {
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" font-family=\"SimSun, serif\" font-size=\"12\"><title>{}</title><rect width=\"{W}\" height=\"{H}\" fill=\"#fff\"/><text x=\"{}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{}</text>",
        esc(&alt_text(chart)),
        W / 2,
        esc(&chart.title)
    );
    match chart.kind {
        Kind::Bar => bars(chart, &mut s),
        Kind::Pie => pie(chart, &mut s),
    }
    s.push_str("</svg>");
    s
}

fn bars(chart: &Chart, s: &mut String) {
    let max = chart.values.iter().map(|(_, v)| *v).fold(Decimal::ZERO, Decimal::max);
    let n = Decimal::from(chart.values.len().max(1));
    let (top, bottom, left) = (Decimal::from(50), Decimal::from(H - 40), Decimal::from(40));
    let slot = div(Decimal::from(W - 80), n).unwrap_or_default();
    let bar_w = slot * Decimal::new(5, 1);
    s.push_str(&format!("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>", px(left), px(bottom), W - 40, px(bottom)));
    for (i, (label, v)) in chart.values.iter().enumerate() {
        let h = div(*v * (bottom - top), max).unwrap_or_default().max(Decimal::ZERO);
        let x = left + slot * Decimal::from(i) + (slot - bar_w) / Decimal::TWO;
        let color = COLORS[i % COLORS.len()];
        s.push_str(&format!("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{color}\"/>", px(x), px(bottom - h), px(bar_w), px(h)));
        let cx = px(x + bar_w / Decimal::TWO);
        s.push_str(&format!("<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>", px(bottom - h - Decimal::from(4)), fmt2(*v)));
        s.push_str(&format!("<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>", px(bottom + Decimal::from(16)), esc(label)));
    }
}

fn pi() -> Decimal {
    // π to 20 places (rust_decimal's constant needs the `maths` feature, not enabled here).
    Decimal::from_i128_with_scale(314_159_265_358_979_323_846, 20)
}

fn two_pi() -> Decimal {
    pi() * Decimal::TWO
}

/// sin and cos of `a` radians by Taylor series (|a| ≤ 2π after reduction).
fn sin_cos(a: Decimal) -> (Decimal, Decimal) {
    let two_pi = two_pi();
    let mut x = a % two_pi;
    if x > pi() {
        x -= two_pi;
    }
    let (mut sin, mut cos) = (Decimal::ZERO, Decimal::ZERO);
    let (mut term_s, mut term_c) = (x, Decimal::ONE);
    for k in 0..14i64 {
        sin += term_s;
        cos += term_c;
        let (a2, b2) = (Decimal::from(2 * k + 2), Decimal::from(2 * k + 3));
        term_s = -term_s * x * x / (a2 * b2);
        term_c = -term_c * x * x / (Decimal::from(2 * k + 1) * a2);
    }
    (sin, cos)
}

fn pie(chart: &Chart, s: &mut String) {
    let total: Decimal = chart.values.iter().map(|(_, v)| (*v).max(Decimal::ZERO)).sum();
    let (cx, cy, r) = (Decimal::from(150), Decimal::from(165), Decimal::from(100));
    if total.is_zero() {
        s.push_str(&format!("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">无数据</text>", W / 2, H / 2));
        return;
    }
    let mut angle = Decimal::ZERO;
    let point = |a: Decimal| {
        let (sin, cos) = sin_cos(a - (pi() / Decimal::TWO));
        (cx + r * cos, cy + r * sin)
    };
    for (i, (label, v)) in chart.values.iter().enumerate() {
        let part = div((*v).max(Decimal::ZERO), total).unwrap_or_default();
        let color = COLORS[i % COLORS.len()];
        if part >= Decimal::ONE {
            s.push_str(&format!("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{color}\"/>", px(cx), px(cy), px(r)));
        } else if !part.is_zero() {
            let sweep = part * two_pi();
            let (x1, y1) = point(angle);
            let (x2, y2) = point(angle + sweep);
            let large = if part > Decimal::new(5, 1) { 1 } else { 0 };
            s.push_str(&format!(
                "<path d=\"M{} {} L{} {} A{} {} 0 {large} 1 {} {} Z\" fill=\"{color}\" stroke=\"#fff\"/>",
                px(cx), px(cy), px(x1), px(y1), px(r), px(r), px(x2), px(y2)
            ));
            angle += sweep;
        }
        let y = 60 + 22 * i as i64;
        s.push_str(&format!("<rect x=\"290\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{color}\"/>", y - 10));
        s.push_str(&format!("<text x=\"308\" y=\"{y}\">{} {}（{}）</text>", esc(label), fmt2(*v), fmt_rate(part)));
    }
}

/// The text alternative: every value and, for a pie, its share.
pub fn alt_text(chart: &Chart) -> String {
    let total: Decimal = chart.values.iter().map(|(_, v)| *v).sum();
    let parts: Vec<String> = chart
        .values
        .iter()
        .map(|(l, v)| match chart.kind {
            Kind::Pie => format!("{l} {} 万元，占 {}", fmt2(*v), div(*v, total).map(fmt_rate).unwrap_or_else(|| "—".into())),
            Kind::Bar => format!("{l} {} 万元", fmt2(*v)),
        })
        .collect();
    format!("{}：{}。", chart.title, parts.join("；"))
}

/// The six charts of a document (a bar chart without last year's figure shows this year only).
pub fn charts(fa: &FinalAccounts) -> Vec<Chart> {
    let f = facts(fa);
    let last = |k: &str| fa.last_year.get(k).copied();
    let (y, py) = (fa.year.trim().to_string(), fa.year.trim().parse::<i32>().map(|v| (v - 1).to_string()).unwrap_or_else(|_| "上".into()));
    let bar = |title: &str, now: Option<Decimal>, before: Option<Decimal>| {
        let mut values = Vec::new();
        if let Some(b) = before {
            values.push((format!("{py}年度"), b));
        }
        values.push((format!("{y}年度"), now.unwrap_or_default()));
        Chart { title: title.into(), kind: Kind::Bar, values }
    };
    let mut expense_parts = vec![("基本支出".to_string(), f.basic.unwrap_or_default()), ("项目支出".to_string(), f.project.unwrap_or_default())];
    expense_parts.retain(|(_, v)| !v.is_zero());
    vec![
        bar("图1：收、支决算总计变动情况", f.total_in, last("total")),
        Chart { title: "图2：收入决算结构".into(), kind: Kind::Pie, values: f.income_parts.iter().filter(|(n, _)| n.ends_with("收入")).cloned().collect() },
        Chart { title: "图3：支出决算结构".into(), kind: Kind::Pie, values: expense_parts },
        bar("图4：财政拨款收、支决算总计变动情况", f.fiscal_in, last("fiscal")),
        bar("图5：一般公共预算财政拨款支出决算变动情况", f.gpb, last("gpb")),
        Chart {
            title: "图6：一般公共预算财政拨款支出决算结构".into(),
            kind: Kind::Pie,
            values: f.gpb_classes.iter().filter(|l| !l.actual.is_zero()).map(|l| (l.name.clone(), l.actual)).collect(),
        },
    ]
}

/// A share printed to 1 place, for legends elsewhere.
pub fn share1(part: Decimal, whole: Decimal) -> String {
    div(part * Decimal::ONE_HUNDRED, whole).map(|p| format!("{}%", fixed(p, 1))).unwrap_or_else(|| "—".into())
}
