//! Charts as SVG text with a text alternative: a chart spec (title, labels, Decimal values per
//! series, bar or pie) → `Chart { svg, alt }`. Pure string building over Decimal (no floats:
//! pie angles come from a Taylor series), so the editor, print, 审核 and the 部门决算 charts
//! (`final_accounts::chart` only says which six and their figures) draw with the same code
//! natively and in the browser; the Word writers put the same spec in a DrawingML chart part
//! (`exchange::write::docx::chart`) with [`alt_text`] as its description and [`COLOURS`] as
//! its fills. Hand-written: the SVG needed is a few rectangles, arcs and texts, smaller than
//! any plotting crate's start-up cost.
//!
//! Guarantees: every text is escaped for XML and loses the characters XML 1.0 cannot hold
//! (control characters other than tab, newline and carriage return), so a label typed with
//! one still gives a well-formed SVG.

use rust_decimal::Decimal;

use crate::num::{div, fmt2, fmt_rate};
// The print view's escaping, which also drops the characters XML 1.0 cannot hold.
use crate::print::escape;
use crate::score::TableResult;

/// Bars (one group per label, one bar per series) or a pie (the first series).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Horizontal bars, one row per label.
    Bar,
    /// A pie of the first series' shares.
    Pie,
}

/// One series of values, one per label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Shown in the legend and the text alternative ("分值", "得分"); may be empty.
    pub name: String,
    /// One value per label; a missing one is drawn as nothing and read as "—".
    pub values: Vec<Option<Decimal>>,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSpec {
    /// The chart's title (also its accessible name).
    pub title: String,
    /// Bar or pie.
    pub kind: ChartKind,
    /// One label per category.
    pub labels: Vec<String>,
    /// One or more series (a pie uses the first).
    pub series: Vec<Series>,
    /// Unit after each value ("分", "万元", "%"); may be empty.
    pub unit: String,
}

impl ChartSpec {
    /// A chart of one unnamed series.
    pub fn simple(title: &str, kind: ChartKind, labels: Vec<String>, values: Vec<Decimal>, unit: &str) -> ChartSpec {
        ChartSpec {
            title: title.to_string(),
            kind,
            labels,
            series: vec![Series { name: String::new(), values: values.into_iter().map(Some).collect() }],
            unit: unit.to_string(),
        }
    }
}

/// A drawn chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// A standalone `<svg>` element (role="img", `<title>` and `<desc>` inside).
    pub svg: String,
    /// The same content as a Chinese sentence, for screen readers, Word and plain text.
    pub alt: String,
}

/// Fill colours by series (a pie: by slice), the app's accent first; all reach 3:1 against
/// white. The Word charts use the same ones.
pub const COLOURS: [&str; 8] = ["#8b1a1a", "#6b6b6b", "#2a6f97", "#a86400", "#4d7c2a", "#6b4c9a", "#a3306b", "#00707a"];
const WIDTH: i64 = 640;
const LABEL_W: i64 = 150;
const BAR_W: i64 = 380;

/// Draws `spec`.
pub fn draw(spec: &ChartSpec) -> Chart {
    let alt = alt_text(spec);
    let body = match spec.kind {
        ChartKind::Bar => bars(spec),
        ChartKind::Pie => pie(spec),
    };
    let (height, inner) = body;
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"12\"><title>{}</title><desc>{}</desc><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1a1a1a\">{}</text>{inner}</svg>",
        escape(&spec.title),
        escape(&spec.title),
        escape(&alt),
        escape(&spec.title)
    );
    Chart { svg, alt }
}

/// The chart as a sentence: "标题：A 分值 20分、得分 18分；B …。"; a pie's values with their
/// share of the whole: "标题：基本支出 75.00万元，占 75.00%；…。"
pub fn alt_text(spec: &ChartSpec) -> String {
    let total: Decimal = spec.series.first().map(|s| s.values.iter().flatten().map(|v| (*v).max(Decimal::ZERO)).sum()).unwrap_or_default();
    let parts: Vec<String> = spec
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let values: Vec<String> = spec
                .series
                .iter()
                .map(|s| {
                    let v = s.values.get(i).copied().flatten().map(|v| format!("{}{}", fmt2(v), spec.unit)).unwrap_or_else(|| "—".into());
                    if s.name.is_empty() { v } else { format!("{} {v}", s.name) }
                })
                .collect();
            if spec.kind == ChartKind::Pie {
                let share = spec.series.first().and_then(|s| s.values.get(i).copied().flatten()).and_then(|v| div(v.max(Decimal::ZERO), total));
                return format!("{label} {}，占 {}", values.first().map(String::as_str).unwrap_or("—"), share.map(fmt_rate).unwrap_or_else(|| "—".into()));
            }
            format!("{label} {}", values.join("、"))
        })
        .collect();
    format!("{}：{}。", spec.title, parts.join("；"))
}

/// A coordinate to one decimal place.
fn c(v: Decimal) -> String {
    v.round_dp(1).normalize().to_string()
}

/// At most `n` characters, "…" after a cut.
fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n { text.to_string() } else { format!("{}…", text.chars().take(n.saturating_sub(1)).collect::<String>()) }
}

fn bars(spec: &ChartSpec) -> (i64, String) {
    let n_series = spec.series.len().max(1) as i64;
    let bar_h: i64 = 14;
    let group_h = n_series * (bar_h + 2) + 10;
    let top: i64 = 28 + if spec.series.iter().any(|s| !s.name.is_empty()) { 18 } else { 0 };
    let max = spec.series.iter().flat_map(|s| s.values.iter().flatten()).copied().fold(Decimal::ZERO, Decimal::max);
    let max = if max > Decimal::ZERO { max } else { Decimal::ONE };
    let mut out = String::new();
    // Legend of named series.
    let mut x = 0;
    for (k, s) in spec.series.iter().enumerate().filter(|(_, s)| !s.name.is_empty()) {
        let colour = COLOURS[k % COLOURS.len()];
        out.push_str(&format!("<rect x=\"{x}\" y=\"26\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"36\" fill=\"#1a1a1a\">{}</text>", x + 16, escape(&s.name)));
        x += 30 + 13 * s.name.chars().count() as i64;
    }
    for (i, label) in spec.labels.iter().enumerate() {
        let y = top + i as i64 * group_h;
        out.push_str(&format!("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>", LABEL_W - 6, y + bar_h, escape(&short(label, 11))));
        for (k, s) in spec.series.iter().enumerate() {
            let by = y + k as i64 * (bar_h + 2);
            let colour = COLOURS[k % COLOURS.len()];
            match s.values.get(i).copied().flatten() {
                Some(v) => {
                    let len = (v.max(Decimal::ZERO) * Decimal::from(BAR_W) / max).min(Decimal::from(BAR_W));
                    out.push_str(&format!(
                        "<rect x=\"{LABEL_W}\" y=\"{by}\" width=\"{}\" height=\"{bar_h}\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}{}</text>",
                        c(len),
                        c(len + Decimal::from(LABEL_W + 4)),
                        by + bar_h - 3,
                        fmt2(v),
                        escape(&spec.unit)
                    ));
                }
                None => out.push_str(&format!("<text x=\"{}\" y=\"{}\" fill=\"#5c5c5c\">—</text>", LABEL_W + 4, by + bar_h - 3)),
            }
        }
    }
    (top + spec.labels.len() as i64 * group_h + 4, out)
}

/// π to 28 digits.
fn pi() -> Decimal {
    Decimal::from_i128_with_scale(3_141_592_653_589_793_238_462_643_383, 27)
}

/// (cos, sin) of a fraction of a full turn, by Taylor series on [-π, π].
fn cos_sin(turn: Decimal) -> (Decimal, Decimal) {
    let t = turn - turn.floor();
    let t = if t > Decimal::new(5, 1) { t - Decimal::ONE } else { t };
    let x = t * Decimal::TWO * pi();
    let (mut cos, mut sin) = (Decimal::ZERO, Decimal::ZERO);
    let mut term = Decimal::ONE; // x^n / n!
    for n in 0..40u32 {
        match n % 4 {
            0 => cos += term,
            1 => sin += term,
            2 => cos -= term,
            _ => sin -= term,
        }
        term = (term * x / Decimal::from(n + 1)).round_dp(24);
        if term.is_zero() {
            break;
        }
    }
    (cos, sin)
}

fn pie(spec: &ChartSpec) -> (i64, String) {
    let r = Decimal::from(90);
    let (cx, cy) = (Decimal::from(110), Decimal::from(126));
    let values: Vec<Decimal> = spec.series.first().map(|s| s.values.iter().map(|v| v.unwrap_or_default().max(Decimal::ZERO)).collect()).unwrap_or_default();
    let total: Decimal = values.iter().copied().sum();
    let mut out = String::new();
    let point = |turn: Decimal| {
        let (cos, sin) = cos_sin(turn);
        // Clockwise from 12 o'clock.
        (c(cx + r * sin), c(cy - r * cos))
    };
    let mut start = Decimal::ZERO;
    let mut legend_y = 40;
    for (i, (label, v)) in spec.labels.iter().zip(values.iter().chain(std::iter::repeat(&Decimal::ZERO))).enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let share = if total > Decimal::ZERO { *v / total } else { Decimal::ZERO };
        if share >= Decimal::ONE {
            out.push_str(&format!("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\"/>", c(cx), c(cy), c(r)));
        } else if share > Decimal::ZERO {
            let end = start + share;
            let (x0, y0) = point(start);
            let (x1, y1) = point(end);
            let large = if share > Decimal::new(5, 1) { 1 } else { 0 };
            out.push_str(&format!(
                "<path d=\"M{} {} L{x0} {y0} A{} {} 0 {large} 1 {x1} {y1} Z\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1\"/>",
                c(cx),
                c(cy),
                c(r),
                c(r)
            ));
            start = end;
        }
        out.push_str(&format!(
            "<rect x=\"240\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"258\" y=\"{}\" fill=\"#1a1a1a\">{} {}{}（{}）</text>",
            legend_y - 10,
            legend_y,
            escape(&short(label, 16)),
            fmt2(*v),
            escape(&spec.unit),
            fmt_rate(share)
        ));
        legend_y += 18;
    }
    (226.max(legend_y as i64), out)
}

/// The score structure of one scored table: per 一级指标 (per goal when the table is grouped
/// by goals, as the summary bar) its 分值 against its 得分, with the budget block's 分值 and 得分 first.
/// `None` when the table has nothing to draw.
pub fn score_structure(table: &TableResult) -> Option<ChartSpec> {
    let parts = if table.goals.is_empty() { &table.level1 } else { &table.goals };
    let mut labels = vec!["预算执行率".to_string()];
    let mut weights = vec![Some(table.budget.weight)];
    let mut scores = vec![table.budget.score];
    for p in parts {
        labels.push(p.name.clone());
        weights.push(Some(p.declared_weight.or(p.rule_weight).unwrap_or(p.weight_sum)));
        scores.push(p.score);
    }
    if labels.len() == 1 && table.budget.weight.is_zero() {
        return None;
    }
    Some(ChartSpec {
        title: format!("{}得分结构", if table.label == "整体" { "部门整体".to_string() } else { table.label.clone() }),
        kind: ChartKind::Bar,
        labels,
        series: vec![Series { name: "分值".into(), values: weights }, Series { name: "得分".into(), values: scores }],
        unit: "分".into(),
    })
}

/// A chart spec as text, for a module that draws it without the model that made it (the
/// editor's 得分结构图 is drawn by the screens module on demand, issue 25): `kind\tunit\ttitle`,
/// the series' names, then one line per label, `label\tvalue…` (an absent value empty). A tab or
/// line break inside a text becomes a space. [`spec_from_text`] reads it back.
pub fn spec_text(spec: &ChartSpec) -> String {
    let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
    let kind = if spec.kind == ChartKind::Pie { "pie" } else { "bar" };
    let mut out = format!("{kind}\t{}\t{}\n", clean(&spec.unit), clean(&spec.title));
    out.push_str(&spec.series.iter().map(|s| clean(&s.name)).collect::<Vec<_>>().join("\t"));
    for (i, label) in spec.labels.iter().enumerate() {
        out.push('\n');
        out.push_str(&clean(label));
        for s in &spec.series {
            out.push('\t');
            if let Some(v) = s.values.get(i).copied().flatten() {
                out.push_str(&v.to_string());
            }
        }
    }
    out
}

/// Reads [`spec_text`]'s text; `None` when it is not one (no head line, or a value that is not
/// a number below 10^15 in size).
pub fn spec_from_text(text: &str) -> Option<ChartSpec> {
    let mut lines = text.split('\n');
    let mut head = lines.next()?.splitn(3, '\t');
    let kind = if head.next()? == "pie" { ChartKind::Pie } else { ChartKind::Bar };
    let unit = head.next()?.to_string();
    let title = head.next()?.to_string();
    let mut series: Vec<Series> = lines.next()?.split('\t').map(|name| Series { name: name.to_string(), values: Vec::new() }).collect();
    let mut labels = Vec::new();
    for line in lines {
        let mut cells = line.split('\t');
        labels.push(cells.next()?.to_string());
        for s in &mut series {
            let cell = cells.next().unwrap_or("");
            // A figure no table can hold (the model's own limit) is not drawn: the drawing's
            // arithmetic would overflow.
            let value: Option<Decimal> = if cell.is_empty() { None } else { Some(cell.parse().ok().filter(|v: &Decimal| v.abs() < crate::num::MAX_ABS)?) };
            s.values.push(value);
        }
    }
    Some(ChartSpec { title, kind, labels, series, unit })
}

/// 得分结构图 of every scored table as a printable section (escaped HTML with inline SVG and
/// each chart's text alternative as its caption); empty when no table has one.
pub fn charts_html(evaluation: &crate::Evaluation) -> String {
    let charts: Vec<Chart> = evaluation.tables.iter().filter_map(score_structure).map(|s| draw(&s)).collect();
    if charts.is_empty() {
        return String::new();
    }
    let mut html = String::from("<section class=\"print-section charts\" data-testid=\"charts\"><h2>得分结构图</h2>");
    for chart in charts {
        html.push_str("<figure class=\"chart-figure\">");
        html.push_str(&chart.svg);
        html.push_str("<figcaption>");
        html.push_str(&escape(&chart.alt));
        html.push_str("</figcaption></figure>");
    }
    html.push_str("</section>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_as_text_reads_back_the_same() {
        let spec = ChartSpec {
            title: "项目\t甲得分结构".into(),
            kind: ChartKind::Bar,
            labels: vec!["预算执行率".into(), "产出\n指标".into(), "效益".into()],
            series: vec![
                Series { name: "分值".into(), values: vec![Some(d("10")), Some(d("50.5")), None] },
                Series { name: "得分".into(), values: vec![Some(d("9.86")), None, Some(d("-1"))] },
            ],
            unit: "分".into(),
        };
        let back = spec_from_text(&spec_text(&spec)).unwrap();
        assert_eq!(back.title, "项目 甲得分结构");
        assert_eq!(back.labels, ["预算执行率", "产出 指标", "效益"]);
        assert_eq!(back.series, spec.series);
        assert_eq!((back.kind, back.unit.as_str()), (ChartKind::Bar, "分"));
        assert_eq!(draw(&back).alt, "项目 甲得分结构：预算执行率 分值 10.00分、得分 9.86分；产出 指标 分值 50.50分、得分 —；效益 分值 —、得分 -1.00分。");
        let pie = ChartSpec::simple("支出", ChartKind::Pie, vec!["基本".into()], vec![d("75")], "万元");
        assert_eq!(spec_from_text(&spec_text(&pie)).unwrap(), pie);
        assert!(spec_from_text("bar\t分").is_none());
        assert!(spec_from_text("bar\t分\t标题\n分值\n甲\tx").is_none());
        assert!(spec_from_text("bar\t分\t标题\n分值\n甲\t79228162514264337593543950335").is_none());
        assert!(spec_from_text("bar\t分\t标题\n分值\n甲\t999999999999999").is_some());
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn bars_draw_every_value_and_say_it() {
        let spec = ChartSpec {
            title: "得分结构".into(),
            kind: ChartKind::Bar,
            labels: vec!["产出指标".into(), "效益<指标>".into()],
            series: vec![Series { name: "分值".into(), values: vec![Some(d("50")), Some(d("30"))] }, Series { name: "得分".into(), values: vec![Some(d("48.5")), None] }],
            unit: "分".into(),
        };
        let chart = draw(&spec);
        assert!(chart.svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(chart.svg.contains("role=\"img\""));
        assert_eq!(chart.svg.matches("<rect").count(), 2 + 3, "two legend keys and three bars");
        // The longest bar fills the bar area; the others are in proportion.
        assert!(chart.svg.contains("width=\"380\""));
        assert!(chart.svg.contains("width=\"228\""), "30 of 50 is 228 of 380");
        assert!(chart.svg.contains("效益&lt;指标&gt;"));
        assert_eq!(chart.alt, "得分结构：产出指标 分值 50.00分、得分 48.50分；效益<指标> 分值 30.00分、得分 —。");
    }

    #[test]
    fn pie_slices_meet_and_a_whole_is_a_circle() {
        let spec = ChartSpec::simple("支出结构", ChartKind::Pie, vec!["基本支出".into(), "项目支出".into()], vec![d("75"), d("25")], "万元");
        let chart = draw(&spec);
        assert_eq!(chart.svg.matches("<path").count(), 2);
        // 75 % from 12 o'clock clockwise ends at 9 o'clock: (cx − r, cy).
        assert!(chart.svg.contains("A90 90 0 1 1 20 126 Z"), "{}", chart.svg);
        assert!(chart.svg.contains("（75.00%）") && chart.svg.contains("（25.00%）"));
        assert_eq!(chart.alt, "支出结构：基本支出 75.00万元，占 75.00%；项目支出 25.00万元，占 25.00%。");
        let whole = draw(&ChartSpec::simple("全部", ChartKind::Pie, vec!["一项".into()], vec![d("3")], ""));
        assert!(whole.svg.contains("<circle"));
        // Nothing to share: no slices, no panic.
        let empty = draw(&ChartSpec::simple("空", ChartKind::Pie, vec!["零".into()], vec![Decimal::ZERO], ""));
        assert_eq!(empty.svg.matches("<path").count(), 0);
    }

    #[test]
    fn cos_sin_match_known_angles() {
        let close = |a: Decimal, b: Decimal| (a - b).abs() < d("0.000001");
        let (c0, s0) = cos_sin(Decimal::ZERO);
        assert!(close(c0, Decimal::ONE) && close(s0, Decimal::ZERO));
        let (c1, s1) = cos_sin(d("0.25"));
        assert!(close(c1, Decimal::ZERO) && close(s1, Decimal::ONE));
        let (c2, s2) = cos_sin(d("0.625"));
        assert!(close(c2, d("-0.7071067811")) && close(s2, d("-0.7071067811")));
    }

    #[test]
    fn seed_000_score_structure() {
        let report = crate::examples::example("seed-000").and_then(Result::ok);
        let Some(report) = report else { return };
        let evaluation = crate::evaluate(&report);
        let spec = evaluation.tables.first().and_then(score_structure);
        let Some(spec) = spec else { panic!("seed 000's 整体 table has a score structure") };
        assert_eq!(spec.labels.first().map(String::as_str), Some("预算执行率"));
        assert!(spec.labels.len() >= 3, "{:?}", spec.labels);
        let chart = draw(&spec);
        assert!(chart.alt.starts_with("部门整体得分结构：预算执行率 分值 "), "{}", chart.alt);
        let html = charts_html(&evaluation);
        assert_eq!(html.matches("<svg").count(), evaluation.tables.len(), "one chart per scored table");
        assert!(html.contains("<figcaption>部门整体得分结构：预算执行率"));
    }

    #[test]
    fn escape_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a<b>&\"c\"\u{0}\u{1}\u{8}\u{b}\u{1f}\t\n\r\u{FFFE}\u{FFFF}绩效"), "a&lt;b&gt;&amp;&quot;c&quot;\t\n\r绩效");
        let spec = ChartSpec::simple("标题\u{7}", ChartKind::Pie, vec!["基本\u{1}支出".into(), "项目支出".into()], vec![d("1"), d("1")], "万\u{1b}元");
        for svg in [draw(&spec).svg, draw(&ChartSpec { kind: ChartKind::Bar, ..spec.clone() }).svg] {
            assert!(!svg.chars().any(|c| c.is_control()), "{svg:?}");
            assert!(svg.contains("基本支出") && svg.contains("万元"));
        }
    }

    #[test]
    fn a_final_accounts_pie_and_a_score_bar_come_from_the_same_drawer() {
        let text = include_str!("../../../tests/fixtures/final_accounts/seed-004.json");
        let Ok(fa) = crate::final_accounts::json::load(text) else { panic!("seed 004's 决算 fixture loads") };
        let charts = crate::final_accounts::chart::charts(&fa);
        let Some(pie) = charts.iter().find(|c| c.kind == ChartKind::Pie) else { panic!("the 决算 has pies") };
        let Some(report) = crate::examples::example("seed-000").and_then(Result::ok) else { panic!("seed 000") };
        let evaluation = crate::evaluate(&report);
        let Some(bars) = evaluation.tables.first().and_then(score_structure) else { panic!("a score structure") };
        let (pie_svg, bar_svg) = (draw(pie).svg, draw(&bars).svg);
        // One frame (size, role, fonts, title style) and one palette for both.
        let frame = |svg: &str| svg.split("viewBox").next().map(str::to_string);
        assert_eq!(frame(&pie_svg), frame(&bar_svg));
        for svg in [&pie_svg, &bar_svg] {
            assert!(svg.contains("class=\"chart\"") && svg.contains("font-family=\"sans-serif\" font-size=\"12\"") && svg.contains("font-weight=\"bold\""));
            assert!(svg.contains(&format!("fill=\"{}\"", COLOURS[0])));
        }
        assert!(pie_svg.contains("<path d=\"M110 126 L110 36 A90 90 0 ") && pie_svg.contains("万元（"), "{pie_svg}");
        assert!(bar_svg.contains(">分值</text>") && bar_svg.contains("分</text>"));
        assert!(draw(pie).alt.starts_with(&format!("{}：", pie.title)) && draw(pie).alt.contains("万元，占 "));
    }
}
