//! A 说明 the department wrote, checked against the tables: every amount, share, change, rate
//! and direction word it states about a figure of the tables; 原因 present where figures
//! changed or a completion rate is off 100 %; empty-table statements; "完成 0%" (or 100%) over
//! a 0 budget.
//!
//! How: the text is cut into sentences (`statement.sentences[i]` is a finding's path, so the UI
//! can mark the sentence); headings (一、 … 十三、) set the topic; within a sentence each figure
//! is tied to the nearest subject named before it (收、支总计, 基本支出, a 类 or 项 name, 公务
//! 接待费 …), which stays the subject of following sentences until another is named. A figure
//! whose subject is unknown is not judged (the arithmetic inside the text is still checked by
//! `narrative::check_text`). Percentages are compared at the precision written.

use rust_decimal::Decimal;

use super::facts::{facts, Facts, PRIOR_KEYS, SANGONG_KEYS};
use super::FinalAccounts;
use crate::finding::Findings;
use crate::num::{agreement_exact, div, fixed, fmt2, normalize, parse_decimal, plain, Agreement, Precision};

/// A thing the text can speak of.
#[derive(Debug, Clone)]
struct Subject {
    names: Vec<String>,
    label: String,
    actual: Decimal,
    budget: Option<Decimal>,
    last: Option<Decimal>,
    /// The whole its share is of, with the whole's name.
    whole: Option<(Decimal, String)>,
}

/// One sentence of the 说明 with its topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The 一级 heading it stands under ("" before any).
    pub heading: String,
    /// Its text as written.
    pub text: String,
    /// The text with full-width digits and punctuation made ASCII (what is parsed).
    pub plain: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Topic {
    None,
    Total,
    Income,
    Expense,
    Fiscal,
    Gpb,
    Basic,
    Fund,
    Soe,
    Sangong,
    Other,
}

fn topic(heading: &str) -> Topic {
    let h = heading;
    if h.contains("三公") {
        Topic::Sangong
    } else if h.contains("政府性基金") {
        Topic::Fund
    } else if h.contains("国有资本") {
        Topic::Soe
    } else if h.contains("基本支出") {
        Topic::Basic
    } else if h.contains("一般公共预算") {
        Topic::Gpb
    } else if h.contains("财政拨款收入支出") {
        Topic::Fiscal
    } else if h.contains("收入支出决算总体") || h.contains("收支决算总体") {
        Topic::Total
    } else if h.contains("收入决算") {
        Topic::Income
    } else if h.contains("支出决算") {
        Topic::Expense
    } else if h.is_empty() {
        Topic::None
    } else {
        Topic::Other
    }
}

fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let Some(i) = t.find('、') else { return false };
    i > 0 && t[..i].chars().all(|c| "一二三四五六七八九十".contains(c)) && t.chars().count() < 40
}

/// The sentences of a 说明, each with its 一级 heading.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let make = |heading: &str, t: &str| Sentence { heading: heading.to_string(), text: t.to_string(), plain: normalize(t) };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if is_heading(line) {
            heading = line.to_string();
            out.push(make(&heading, line));
            continue;
        }
        for s in line.split_inclusive('。') {
            if !s.trim().is_empty() {
                out.push(make(&heading, s.trim()));
            }
        }
    }
    out
}

fn prior(fa: &FinalAccounts, key: &str) -> Option<Decimal> {
    debug_assert!(PRIOR_KEYS.iter().any(|(k, _)| *k == key));
    fa.last_year.get(key).copied()
}

fn subjects(fa: &FinalAccounts, f: &Facts, t: Topic) -> Vec<Subject> {
    let s = |names: &[&str], label: &str, actual: Option<Decimal>, last: Option<Decimal>, whole: Option<(Option<Decimal>, &str)>| Subject {
        names: names.iter().map(|n| (*n).to_string()).collect(),
        label: label.into(),
        actual: actual.unwrap_or_default(),
        budget: None,
        last,
        whole: whole.and_then(|(w, n)| w.map(|w| (w, n.to_string()))),
    };
    let income = (f.income, "本年收入合计");
    let expense = (f.expense, "本年支出合计");
    let mut v = vec![
        s(&["一般公共预算财政拨款收入"], "一般公共预算财政拨款收入", f.fiscal_kinds[0], prior(fa, "gpb_in"), Some(income)),
        s(&["政府性基金预算财政拨款收入"], "政府性基金预算财政拨款收入", f.fiscal_kinds[1], None, Some(income)),
        s(&["一般公共预算财政拨款支出", "一般公共预算财政拨款", "一般公共预算支出"], "一般公共预算财政拨款支出", f.gpb, prior(fa, "gpb"), Some(expense)),
        s(&["政府性基金预算财政拨款支出", "政府性基金预算财政拨款"], "政府性基金预算财政拨款支出", f.fund, prior(fa, "fund"), Some(expense)),
        s(&["国有资本经营预算财政拨款支出"], "国有资本经营预算财政拨款支出", f.soe, prior(fa, "soe"), Some(expense)),
        s(&["人员经费"], "人员经费", f.personnel, None, None),
        s(&["公用经费"], "公用经费", f.public, None, None),
    ];
    let fiscal_in_sum = f.fiscal_kinds.iter().flatten().copied().sum::<Decimal>();
    match t {
        Topic::Fiscal => {
            v.push(s(&["财政拨款收、支总计", "财政拨款收支总计", "财政拨款收入总计", "财政拨款支出总计", "财政拨款收入", "财政拨款支出", "收、支总计"], "财政拨款收、支总计", f.fiscal_in, prior(fa, "fiscal"), None));
        }
        _ => {
            v.push(s(&["收、支总计", "收支总计", "收入总计", "支出总计"], "收、支总计", f.total_in, prior(fa, "total"), None));
            v.push(s(&["财政拨款收入"], "财政拨款收入", Some(fiscal_in_sum), None, Some(income)));
        }
    }
    v.push(s(&["本年收入合计", "收入合计"], "本年收入合计", f.income, prior(fa, "income"), None));
    v.push(s(&["本年支出合计", "支出合计"], "本年支出合计", f.expense, prior(fa, "expense"), None));
    let (basic, basic_last, basic_whole) = if matches!(t, Topic::Basic | Topic::Gpb) { (f.gpb_basic, None, (f.gpb, "一般公共预算财政拨款支出")) } else { (f.basic, prior(fa, "basic"), expense) };
    v.push(s(&["基本支出"], "基本支出", basic, basic_last, Some(basic_whole)));
    v.push(s(&["项目支出"], "项目支出", f.project, prior(fa, "project"), Some(expense)));
    for c in &f.gpb_classes {
        let bare = c.name.trim_end_matches("支出").to_string();
        let mut sub = s(&[], &c.name, Some(c.actual), None, Some((f.gpb, "一般公共预算财政拨款支出")));
        sub.names = vec![format!("{bare}（类）"), format!("{bare}支出（类）"), c.name.clone(), format!("{bare}{}", c.code)];
        v.push(sub);
    }
    for l in &f.gpb_items {
        let mut sub = s(&[], &l.name, Some(l.actual), None, None);
        sub.names = vec![format!("{}（项）", l.name), format!("{}{}（项）", l.name, &l.code[l.code.len().saturating_sub(2)..])];
        sub.budget = l.budget;
        sub.label = format!("{} {}", l.code, l.name);
        v.push(sub);
    }
    if let Some(b) = f.gpb_budget {
        if let Some(g) = v.iter_mut().find(|x| x.label == "一般公共预算财政拨款支出") {
            g.budget = Some(b);
        }
    }
    let total = (f.sangong_actual[0], "“三公”经费合计");
    let labels: [(&[&str], &str); 6] = [
        (&["“三公”经费", "三公经费", "\"三公\"经费"], "“三公”经费"),
        (&["因公出国(境)", "因公出国（境）"], "因公出国（境）费"),
        (&["公务用车购置及运行", "公务用车购置和运行"], "公务用车购置及运行费"),
        (&["公务用车购置费", "公务用车购置支出"], "公务用车购置费"),
        (&["公务用车运行"], "公务用车运行费"),
        (&["公务接待"], "公务接待费"),
    ];
    for (i, (names, label)) in labels.iter().enumerate() {
        let mut sub = s(names, label, f.sangong_actual[i], prior(fa, SANGONG_KEYS[i]), if i == 0 { None } else { Some(total) });
        sub.budget = f.sangong_budget[i];
        v.push(sub);
    }
    v
}

/// Where `name` occurs last in `text` before byte `end`.
fn last_at(text: &str, name: &str, end: usize) -> Option<usize> {
    text[..end].rfind(name)
}

fn subject_before<'a>(subjects: &'a [Subject], text: &str, end: usize) -> Option<&'a Subject> {
    let mut best: Option<(usize, usize, &Subject)> = None;
    for s in subjects {
        for n in &s.names {
            if let Some(at) = last_at(text, n, end) {
                let key = (at + n.len(), n.len());
                if best.is_none_or(|(e, l, _)| key > (e, l)) {
                    best = Some((key.0, key.1, s));
                }
            }
        }
    }
    best.map(|(_, _, s)| s)
}

/// A number ending at `end` (exclusive) in `text`: its start and value.
fn number_before(text: &str, end: usize) -> Option<(usize, Decimal)> {
    let head = text[..end].trim_end();
    let mut start = head.char_indices().rev().take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',').last().map(|(i, _)| i)?;
    while head[start..].starts_with(',') {
        start += 1;
    }
    let digits = &head[start..];
    if digits.is_empty() {
        return None;
    }
    parse_decimal(digits).ok().map(|d| (start, d))
}

const UP: &[&str] = &["增加", "增长", "上升", "提高"];
const DOWN: &[&str] = &["减少", "下降", "降低", "压减", "节约"];

fn direction(word_zone: &str) -> Option<bool> {
    let up = UP.iter().filter_map(|w| word_zone.rfind(w)).max();
    let down = DOWN.iter().filter_map(|w| word_zone.rfind(w)).max();
    match (up, down) {
        (Some(u), Some(d)) => Some(u > d),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        _ => None,
    }
}

/// Whether the words before an amount name a budget ("年初预算为", "全年预算数"), not a 决算.
fn budget_words(zone: &str) -> bool {
    let z = zone.trim_end();
    !z.contains("决算") && (z.contains("预算为") || z.contains("预算数") || z.ends_with("预算"))
}

fn judge_rate(out: &mut Findings, path: &str, sentence: &str, stated: Decimal, computed: Decimal, what: &str) {
    let percent = computed * Decimal::ONE_HUNDRED;
    match agreement_exact(stated, percent, Precision::AsStated, Decimal::new(1, 2)) {
        Agreement::Same => {}
        Agreement::Rounding => out.warning(
            "fa.text.rounding",
            path,
            format!("“{sentence}”：{what}为{}%，按四舍五入应写{}%，文中写{}%，是尾数取舍（截尾）的差异。", fixed(percent, 4), fixed(percent, stated.scale()), plain(stated)),
        ),
        Agreement::Different => {
            let places = stated.scale();
            let forced = what.contains('÷') && !what.contains("完成率") && !what.contains("变动率") && (stated - crate::num::round_half_up(percent, places)).abs() == Decimal::new(1, places);
            let note = if forced { "（差在末位，可能是为使各项占比合计为100%而调整了尾数，但各项占比应分别按四舍五入计算）" } else { "" };
            out.error("fa.text.rate", path, format!("“{sentence}”：{what}为{}%（应写{}%），文中写{}%{note}。", fixed(percent, 2), fixed(percent, places), plain(stated)));
        }
    }
}

/// Checks a written 说明 against the tables; findings point at `statement.sentences[i]`.
pub fn check_statement(fa: &FinalAccounts) -> Findings {
    let mut out = Findings::default();
    if fa.statement.trim().is_empty() {
        return out;
    }
    let f = facts(fa);
    let list = sentences(&fa.statement);
    let mut current: Option<Subject> = None;
    let mut last_heading = String::new();
    let mut need_reason: Option<(usize, String)> = None;
    let mut section_has_reason = false;
    let mut cached: (Topic, Vec<Subject>) = (Topic::None, Vec::new());
    let flush = |need: &mut Option<(usize, String)>, has: bool, out: &mut Findings| {
        if let Some((i, what)) = need.take() {
            if !has {
                out.warning("fa.text.reason", format!("statement.sentences[{i}]"), format!("{what}，但本部分没有说明原因（主要原因：…）。"));
            }
        }
    };
    for (i, s) in list.iter().enumerate() {
        let path = format!("statement.sentences[{i}]");
        if s.heading != last_heading {
            flush(&mut need_reason, section_has_reason, &mut out);
    // An empty 政府性基金 / 国有资本经营 table still needs its sentence (本单位无…).
    for (empty, word, table) in [(f.fund_empty, "政府性基金", "政府性基金预算财政拨款收入支出决算表"), (f.soe_empty, "国有资本经营", "国有资本经营预算财政拨款支出决算表")] {
        if empty && !list.iter().any(|s| s.plain.contains(word)) {
            out.warning("fa.text.empty_missing", "statement", format!("《{table}》为空表，说明中应写明本单位当年无此项收支（空表说明）。"));
        }
    }
            section_has_reason = false;
            last_heading = s.heading.clone();
            current = None;
        }
        let t = topic(&s.heading);
        if cached.0 != t || cached.1.is_empty() {
            cached = (t, subjects(fa, &f, t));
        }
        let text = s.plain.as_str();
        let shown = s.text.as_str();
        if let Some(at) = text.find("原因") {
            let after = text[at + "原因".len()..].trim_start_matches(['：', ':', '是', '为']).trim();
            if after.is_empty() || after.starts_with('（') && after.contains("请填写") || after == "。" {
                out.warning("fa.text.reason_empty", &path, format!("“{shown}”：主要原因尚未填写。"));
            } else {
                section_has_reason = true;
            }
        }
        empty_statements(&f, text, shown, &path, &mut out);
        if matches!(t, Topic::Other | Topic::None) {
            zero_share(text, shown, &path, &mut out);
            continue;
        }
        if !text.contains("万元") && !text.contains('%') {
            if let Some(found) = subject_before(&cached.1, text, text.len()) {
                current = Some(found.clone());
            }
        }
        // Walk the figures in order.
        let mut pos = 0;
        while pos < text.len() {
            let rest = &text[pos..];
            let wan = rest.find("万元").map(|i| (i, "万元"));
            let pct = rest.find('%').map(|i| (i, "%"));
            let Some((rel, unit)) = [wan, pct].into_iter().flatten().min_by_key(|(i, _)| *i) else { break };
            let end = pos + rel;
            pos = end + unit.len();
            let Some((start, value)) = number_before(text, end) else { continue };
            if text[..start].contains("原因") {
                // Figures inside a reason ("增加工会经费120万元") are the department's own.
                continue;
            }
            let clause_start = text[..start].char_indices().rev().find(|(_, c)| matches!(c, '，' | '；' | '：' | '。' | ',' | ';' | ':')).map(|(i, c)| i + c.len_utf8()).unwrap_or(0).min(start);
            let zone = &text[clause_start..start];
            let subject_zone_end = if unit == "%" { text[..start].rfind('占').unwrap_or(start) } else { start };
            if let Some(found) = subject_before(&cached.1, text, subject_zone_end) {
                current = Some(found.clone());
            }
            let Some(subject) = current.clone() else { continue };
            let dir = direction(zone);
            if unit == "万元" {
                if let Some(up) = dir {
                    change_amount(&mut out, &path, shown, &subject, value, up, &mut need_reason, i);
                } else if budget_words(zone) {
                    if let Some(b) = subject.budget {
                        if b != value {
                            out.error("fa.text.amount", &path, format!("“{shown}”：{}的预算数在表中为{}万元，文中写{}万元。", subject.label, fmt2(b), plain(value)));
                        }
                    }
                } else if subject.actual != value {
                    let gap = (subject.actual - value).abs();
                    let kind = if gap == Decimal::new(1, 2) { "（相差 0.01，尾差）" } else { "" };
                    out.error("fa.text.amount", &path, format!("“{shown}”：{}在表中为{}万元，文中写{}万元{kind}。", subject.label, fmt2(subject.actual), plain(value)));
                }
            } else if zone.contains('占') || text[..start].ends_with('占') || zone.ends_with("的") && zone.contains('占') {
                let whole = if zone.contains("支出合计") || zone.contains("本年支出") {
                    f.expense.map(|w| (w, "本年支出合计".to_string()))
                } else if zone.contains("收入合计") || zone.contains("本年收入") {
                    f.income.map(|w| (w, "本年收入合计".to_string()))
                } else {
                    subject.whole.clone()
                };
                if let Some((w, wname)) = whole {
                    match div(subject.actual, w) {
                        Some(r) => judge_rate(&mut out, &path, shown, value, r, &format!("{} {} ÷ {wname} {} ", subject.label, fmt2(subject.actual), fmt2(w))),
                        None => out.error("fa.text.rate", &path, format!("“{shown}”：{wname}为 0，占比无从计算，文中写{}%。", plain(value))),
                    }
                }
            } else if zone.contains("完成") || zone.contains("执行") {
                let Some(b) = subject.budget else { continue };
                match div(subject.actual, b) {
                    Some(r) => {
                        judge_rate(&mut out, &path, shown, value, r, &format!("{}完成率 {} ÷ {} ", subject.label, fmt2(subject.actual), fmt2(b)));
                        if subject.actual != b {
                            need_reason.get_or_insert((i, format!("{}决算数{}万元与预算数{}万元不同", subject.label, fmt2(subject.actual), fmt2(b))));
                        }
                    }
                    None => {
                        let state = if subject.actual.is_zero() { "预算数和决算数均为 0" } else { "预算数为 0" };
                        out.error("fa.text.zero_budget", &path, format!("“{shown}”：{}{state}（决算 {} 万元），完成率无从计算，不应写“完成{}%”，应写明“年初预算为0”并说明原因。", subject.label, fmt2(subject.actual), plain(value)));
                    }
                }
            } else if let Some(up) = dir {
                let Some(last) = subject.last else { continue };
                let delta = subject.actual - last;
                if delta.is_zero() {
                    out.error("fa.text.direction", &path, format!("“{shown}”：{}与上年相同（{}万元），文中却写{}。", subject.label, fmt2(last), if up { "增长" } else { "下降" }));
                } else if let Some(r) = div(delta.abs(), last) {
                    if (delta > Decimal::ZERO) != up {
                        out.error("fa.text.direction", &path, format!("“{shown}”：{}由上年{}万元变为{}万元，应为{}。", subject.label, fmt2(last), fmt2(subject.actual), if delta > Decimal::ZERO { "增长" } else { "下降" }));
                    }
                    judge_rate(&mut out, &path, shown, value, r, &format!("{}变动率 |{} − {}| ÷ {} ", subject.label, fmt2(subject.actual), fmt2(last), fmt2(last)));
                }
            }
        }
        if text.contains("持平") && !text.contains("预算数") {
            if let Some(sub) = current.as_ref() {
                if let Some(last) = sub.last {
                    if last != sub.actual {
                        let basic = if text.contains("基本持平") { "基本持平" } else { "持平" };
                        out.error("fa.text.direction", &path, format!("“{shown}”：{}上年{}万元、本年{}万元，不是{basic}。", sub.label, fmt2(last), fmt2(sub.actual)));
                    }
                }
            }
        }
    }
    flush(&mut need_reason, section_has_reason, &mut out);
    // An empty 政府性基金 / 国有资本经营 table still needs its sentence (本单位无…).
    for (empty, word, table) in [(f.fund_empty, "政府性基金", "政府性基金预算财政拨款收入支出决算表"), (f.soe_empty, "国有资本经营", "国有资本经营预算财政拨款支出决算表")] {
        if empty && !list.iter().any(|s| s.plain.contains(word)) {
            out.warning("fa.text.empty_missing", "statement", format!("《{table}》为空表，说明中应写明本单位当年无此项收支（空表说明）。"));
        }
    }
    // Sentences about figures the tables do not hold (机关运行经费, 政府采购 …): their inner
    // arithmetic is still checked.
    let other: Vec<&str> = list.iter().filter(|s| matches!(topic(&s.heading), Topic::Other)).map(|s| s.text.as_str()).collect();
    crate::narrative::check_text(&other.join("\n"), "statement", Decimal::new(1, 2), &mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn change_amount(out: &mut Findings, path: &str, shown: &str, subject: &Subject, value: Decimal, up: bool, need: &mut Option<(usize, String)>, i: usize) {
    let Some(last) = subject.last else { return };
    let delta = subject.actual - last;
    if !delta.is_zero() {
        need.get_or_insert((i, format!("{}较上年{}", subject.label, if delta > Decimal::ZERO { "增加" } else { "减少" })));
    }
    if delta.abs() != value {
        out.error("fa.text.change", path, format!("“{shown}”：{}本年{}万元、上年{}万元，变动{}万元，文中写{}万元。", subject.label, fmt2(subject.actual), fmt2(last), fmt2(delta.abs()), plain(value)));
    } else if !delta.is_zero() && (delta > Decimal::ZERO) != up {
        out.error("fa.text.direction", path, format!("“{shown}”：{}由上年{}万元变为{}万元，应为{}。", subject.label, fmt2(last), fmt2(subject.actual), if delta > Decimal::ZERO { "增加" } else { "减少" }));
    }
}

/// "合同金额0万元，占…总额的100%": a share of nothing must be 0 % (figures the tables do not
/// hold, so only this much is certain).
fn zero_share(text: &str, shown: &str, path: &str, out: &mut Findings) {
    let mut from = 0;
    while let Some(rel) = text[from..].find('%') {
        let end = from + rel;
        from = end + 1;
        let Some((start, pct)) = number_before(text, end) else { continue };
        let Some(zhan) = text[..start].rfind('占') else { continue };
        let Some(wan) = text[..zhan].rfind("万元") else { continue };
        if text[wan..zhan].chars().count() > 4 {
            continue;
        }
        if let Some((_, amount)) = number_before(text, wan) {
            if amount.is_zero() && !pct.is_zero() {
                out.error("fa.text.rate", path, format!("“{shown}”：金额为 0 万元，所占比例只能是 0%，文中写{}%。", plain(pct)));
            }
        }
    }
}

fn empty_statements(f: &Facts, text: &str, shown: &str, path: &str, out: &mut Findings) {
    let says_none = |w: &str| text.contains("无") && text.contains(w) && (text.contains("本单位") || text.contains("本部门"));
    if says_none("政府性基金") && !f.fund_empty {
        out.error("fa.text.empty_table", path, format!("“{shown}”：《政府性基金预算财政拨款收入支出决算表》有数（本年支出 {} 万元），不能说无。", fmt2(f.fund.unwrap_or_default())));
    }
    if says_none("国有资本") && !f.soe_empty {
        out.error("fa.text.empty_table", path, format!("“{shown}”：《国有资本经营预算财政拨款支出决算表》有数（本年支出 {} 万元），不能说无。", fmt2(f.soe.unwrap_or_default())));
    }
    if says_none("三公") && f.sangong_actual[0].is_some_and(|v| !v.is_zero()) {
        out.error("fa.text.empty_table", path, format!("“{shown}”：“三公”经费支出决算为 {} 万元，不能说无。", fmt2(f.sangong_actual[0].unwrap_or_default())));
    }
}
