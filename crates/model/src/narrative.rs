//! Checks the arithmetic written into the narrative: shares ("571.46万元，占19.36%"),
//! completion rates ("年初预算为22.97万元，支出决算为22.96万元，完成年初预算的99.9%"), changes
//! ("减少0.24万元，下降0.33%") and breakdowns whose parts must add up to their whole.
//!
//! Guarantees: a heuristic reader of clauses that only reports a figure when it found both the
//! numbers the figure is made of; percentages are compared at the precision the text wrote them
//! (so "占6%" for 5.96% is fine), rounding-only gaps are warnings.

use rust_decimal::Decimal;

use crate::finding::Findings;
use crate::num::{agreement, div, fixed, fmt2, mul, normalize, parse_decimal, plain, sum, Agreement, Precision};

/// One clause's figures.
#[derive(Debug, Default)]
struct Clause {
    text: String,
    amounts: Vec<Decimal>,
    percent: Option<Decimal>,
    ends_sentence: bool,
}

const DECREASE: &[&str] = &["减少", "下降", "降低", "节约", "压减"];
const INCREASE: &[&str] = &["增加", "增长", "上升", "超出", "提高"];
const BREAKDOWN: &[&str] = &["其中", "主要用于", "包括"];

/// Scans one narrative section's text; findings point at `path` (its `text` field).
pub fn check_text(text: &str, path: &str, tol: Decimal, findings: &mut Findings) {
    for line in normalize(text).lines() {
        check_line(line, path, tol, findings);
    }
}

fn check_line(line: &str, path: &str, tol: Decimal, findings: &mut Findings) {
    let clauses = split_clauses(line);
    let mut whole: Option<Decimal> = None;
    let mut pending: Option<Decimal> = None;
    let mut in_breakdown = false;
    let mut parts: Vec<(Decimal, Decimal)> = Vec::new();
    let mut sentence_amounts: Vec<Decimal> = Vec::new();
    let mut current: Option<Decimal> = None;
    let mut delta: Option<(bool, Decimal, Decimal)> = None; // (decrease, amount, current before)

    let flush_parts = |whole: Option<Decimal>, parts: &mut Vec<(Decimal, Decimal)>, findings: &mut Findings| {
        if let Some(w) = whole {
            let percents = sum(parts.iter().map(|p| p.1)).unwrap_or_default();
            if parts.len() >= 2 && (percents - Decimal::ONE_HUNDRED).abs() <= Decimal::new(1, 1) {
                let total = sum(parts.iter().map(|p| p.0)).unwrap_or_default();
                match agreement(w, total, Precision::TwoPlaces, tol) {
                    Agreement::Same => {}
                    severity => {
                        let list: Vec<String> = parts.iter().map(|p| plain(p.0)).collect();
                        let message = format!(
                            "文中各分项 {} 合计 {} 万元，与总数 {} 万元不符（相差 {}）。",
                            list.join(" + "),
                            fmt2(total),
                            plain(w),
                            fmt2((total - w).abs())
                        );
                        if severity == Agreement::Rounding {
                            findings.warning("narrative.parts_sum", path, message);
                        } else {
                            findings.error("narrative.parts_sum", path, message);
                        }
                    }
                }
            }
        }
        parts.clear();
    };

    for clause in clauses {
        let has = |words: &[&str]| words.iter().any(|w| clause.text.contains(w));
        if has(BREAKDOWN) {
            if let Some(p) = pending.take() {
                flush_parts(whole, &mut parts, findings);
                whole = Some(p);
            }
            in_breakdown = true;
        }
        if let Some(amount) = clause.amounts.first().copied() {
            if has(DECREASE) || has(INCREASE) {
                if delta.is_none() || clause.percent.is_none() {
                    delta = current.map(|c| (has(DECREASE), amount, c));
                }
            } else {
                if let Some(p) = pending.take() {
                    if !in_breakdown {
                        flush_parts(whole, &mut parts, findings);
                        whole = Some(p);
                    }
                }
                pending = Some(amount);
                current = Some(amount);
                sentence_amounts.push(amount);
            }
        }
        if let (Some(percent), true) = (clause.percent, clause.amounts.is_empty()) {
            if clause.text.contains('占') {
                if let (Some(part), Some(w)) = (pending.take(), whole) {
                    parts.push((part, percent));
                    compare_percent(findings, path, "narrative.share", percent, part, w, "占比", tol);
                }
            } else if clause.text.contains("完成") && clause.text.contains("预算") || clause.text.contains("执行率") {
                if sentence_amounts.len() >= 2 {
                    let executed = sentence_amounts[sentence_amounts.len() - 1];
                    let budget = sentence_amounts[sentence_amounts.len() - 2];
                    if budget.is_zero() && !executed.is_zero() {
                        findings.error(
                            "narrative.rate_undefined",
                            path,
                            format!("文中预算数为0、执行数为 {} 万元，完成率无法计算，却写作 {}%。", plain(executed), plain(percent)),
                        );
                    } else if !budget.is_zero() {
                        compare_percent(findings, path, "narrative.rate", percent, executed, budget, "完成率", tol);
                    }
                }
                pending = None;
            } else if has(DECREASE) || has(INCREASE) {
                if let Some((decrease, d, c)) = delta.take() {
                    let base = if decrease { c + d } else { c - d };
                    if !base.is_zero() {
                        compare_percent(findings, path, "narrative.change", percent, d, base, "变动率", tol);
                    }
                }
            }
        }
        if clause.ends_sentence {
            if let Some(p) = pending.take() {
                if !in_breakdown {
                    flush_parts(whole, &mut parts, findings);
                    whole = Some(p);
                }
            }
            in_breakdown = false;
            sentence_amounts.clear();
        }
    }
    flush_parts(whole, &mut parts, findings);
}

#[allow(clippy::too_many_arguments)]
fn compare_percent(findings: &mut Findings, path: &str, code: &str, stated: Decimal, part: Decimal, whole: Decimal, what: &str, tol: Decimal) {
    let Some(computed) = div(part, whole).and_then(|r| mul(r, Decimal::ONE_HUNDRED)) else { return };
    let message = |kind: &str| {
        format!(
            "文中{what}写作 {}%，按 {} ÷ {} 计算应为 {}%{kind}。",
            plain(stated),
            plain(part),
            plain(whole),
            fixed(computed, 2)
        )
    };
    match agreement(stated, computed, Precision::AsStated, tol) {
        Agreement::Same => {}
        Agreement::Rounding => findings.warning(code, path, message("（仅舍入差异）")),
        Agreement::Different => findings.error(code, path, message("")),
    }
}

fn split_clauses(line: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut current = String::new();
    for c in line.chars() {
        let boundary = matches!(c, ',' | '，' | '；' | ';' | '。' | ':' | '：' | '、');
        if boundary {
            clauses.push(read_clause(&current, c == '。'));
            current.clear();
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        clauses.push(read_clause(&current, true));
    }
    clauses
}

/// Finds amounts in 万元 and a percentage in one clause.
fn read_clause(text: &str, ends_sentence: bool) -> Clause {
    let chars: Vec<char> = text.chars().collect();
    let mut clause = Clause { text: text.to_string(), ends_sentence, ..Clause::default() };
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let rest: String = chars[j..chars.len().min(j + 2)].iter().collect();
        let Ok(value) = parse_decimal(&number) else { continue };
        if rest.starts_with('%') {
            clause.percent = Some(value);
        } else if rest == "万元" {
            clause.amounts.push(value);
        }
    }
    clause
}

/// The first amount (万元) stated for `keyword` at the start of a line, e.g. the 基本支出 of
/// "基本支出：2024年预算执行数为2951.83万元，其中…".
pub fn stated_amount(text: &str, keyword: &str) -> Option<Decimal> {
    for line in normalize(text).lines() {
        let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || "()（）一二三四五六七八九十、.".contains(c));
        let trimmed = trimmed.strip_prefix("情况").unwrap_or(trimmed);
        if !trimmed.starts_with(keyword) {
            continue;
        }
        let sentence = trimmed.split('。').next().unwrap_or("");
        for clause in split_clauses(sentence) {
            if let Some(a) = clause.amounts.first() {
                return Some(*a);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn scan(text: &str) -> Vec<(String, Severity, String)> {
        let mut f = Findings::default();
        check_text(text, "narrative[0].text", Decimal::new(1, 2), &mut f);
        f.0.into_iter().map(|f| (f.code, f.severity, f.message)).collect()
    }

    #[test]
    fn shares_and_breakdowns_of_seed_000() {
        let found = scan("基本支出：2024年预算执行数为2951.83万元，其中工资福利支出571.46万元，占财政拨款支出的19.36%；商品和服务支出1403.01万元，占财政拨款支出的47.53%；对个人和家庭补助支出787.36万元，占财政拨款支出的26.78%，其他支出190万元，占财政6.33%。");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].2.contains("26.78%") && found[0].2.contains("26.67%"), "{}", found[0].2);
        assert!(found[1].2.contains("6.33%") && found[1].2.contains("6.44%"), "{}", found[1].2);
        assert!(found.iter().all(|f| f.1 == Severity::Error));
    }

    #[test]
    fn changes_rates_and_carried_wholes_of_seed_004() {
        let found = scan("2024年度，遂宁市安居区总工会机关运行经费支出706.48万元，比2023年度减少0.24万元，下降0.33%。");
        assert_eq!(found.len(), 1);
        assert!(found[0].2.contains("0.03%"), "{}", found[0].2);
        let found = scan("公务接待费支出0.59万元，完成预算100%。公务接待费支出决算比2023年度减少0.05万元，下降0.05万元，下降0.78%。");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].2.contains("7.81%"));
        let found = scan("政府采购支出总额2.4万元，其中：政府采购货物支出2.4万元、政府采购工程支出0万元、政府采购服务支出0万元。授予中小企业合同金额0万元，占政府采购支出总额的100%。");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].2.contains("0 ÷ 2.4"), "{}", found[0].2);
        let found = scan("2024年年初预算支出840.99万元，其中：基本支出828.05万元，占98.46%；项目支出12.95万元，占1.54%。");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].1, Severity::Warning);
        assert!(found[0].2.contains("841.00"));
    }

    #[test]
    fn completion_rates_of_seed_003() {
        let found = scan("年初预算为22.97万元，支出决算为22.96万元，完成年初预算的99.9%。");
        assert_eq!(found.len(), 1);
        let found = scan("项目全年预算数为 0 万元，执行数为 120 万元，完成预算 0%。");
        assert_eq!(found[0].0, "narrative.rate_undefined");
        assert!(scan("项目全年预算数为 7 万元，执行数为 4.25 万元，完成预算 60.7%。").is_empty());
        assert!(scan("与 2023 年度相比，支出 465.38 万元，减少 77.76 万元，下降 14.3%。").is_empty());
    }

    /// Seed 003's 部门决算 wording: the reasons after a completion rate name amounts (工会经费
    /// 120 万元) that are neither the budget nor the execution.
    #[test]
    fn reasons_after_a_completion_rate_are_not_an_execution_seed_003() {
        let text = include_str!("../../../tests/fixtures/narrative/seed-003-reasons.txt");
        let found = scan(text);
        assert!(found.iter().all(|(code, _, _)| code != "narrative.rate_undefined"), "{found:?}");
        assert!(found.iter().all(|(_, severity, _)| *severity != Severity::Error), "{found:?}");
    }

    #[test]
    fn stated_amount_reads_line_openings() {
        let text = "（一）基本支出情况\n基本支出：2024年预算执行数为2951.83万元，其中工资福利支出571.46万元";
        assert_eq!(stated_amount(text, "基本支出"), Some(Decimal::new(295183, 2)));
        assert_eq!(stated_amount("其中：基本支出828.05万元", "基本支出"), None);
    }
}
