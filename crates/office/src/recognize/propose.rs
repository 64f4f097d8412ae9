//! The proposal shown with an import: which rule pack the layout points to, the year and the
//! department, each with the reason in Chinese. The user confirms or changes them.
//!
//! Guarantees: the rule pack choice is one small function of the layout signals
//! ([`rule_pack`]); a year is proposed only from a title ("2024年度") or, failing that, a date
//! (the year before the date of filling).

use rust_decimal::Decimal;

use super::lines::{Context, Signals};
use super::Proposal;
use jixiao_model::edit;

/// Provinces by their place names and the first two digits of their administrative code (报表
/// 编号 / 项目编码 510904…), with the rule pack made for them ("" = none yet).
const REGIONS: &[(&str, &str, &str, &[&str])] = &[
    ("湖南", "43", "hunan-2024", &["湖南", "长沙", "岳阳", "株洲", "湘潭", "衡阳", "邵阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西"]),
    ("湖北", "42", "hubei-2024", &["湖北", "武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感", "荆州", "黄冈", "咸宁", "随州", "恩施", "仙桃", "潜江", "天门", "神农架"]),
    ("四川", "51", "sichuan-2024", &["四川", "成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充", "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳", "阿坝", "甘孜", "凉山"]),
    ("重庆", "50", "", &["重庆"]),
    ("云南", "53", "", &["云南", "昆明", "曲靖", "玉溪", "保山", "昭通", "丽江", "普洱", "临沧", "楚雄", "红河", "文山", "西双版纳", "大理", "德宏", "怒江", "迪庆"]),
    ("安徽", "34", "", &["安徽", "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆", "黄山", "滁州", "阜阳", "宿州", "六安", "亳州", "池州", "宣城"]),
    ("贵州", "52", "", &["贵州", "贵阳", "遵义", "六盘水", "安顺", "毕节", "铜仁", "黔东南", "黔南", "黔西南"]),
    ("广东", "44", "", &["广东", "广州", "深圳", "珠海", "汕头", "佛山", "东莞", "中山"]),
    ("江西", "36", "", &["江西", "南昌", "九江", "赣州", "上饶", "吉安", "宜春"]),
    ("河南", "41", "", &["河南", "郑州", "洛阳", "开封", "南阳", "信阳"]),
];

/// The region the document names: a place name in a title or in a 部门 / 主管部门 name (the
/// first text that names one), else the province digits of a 报表编号 / 项目编码 ("510904…").
/// Returns (region index, what named it).
fn region_in(texts: &[String]) -> Option<(usize, String)> {
    for t in texts {
        let mut best: Option<(usize, usize, &str)> = None; // (byte position, region, name)
        for (r, (_, _, _, names)) in REGIONS.iter().enumerate() {
            for n in names.iter() {
                if let Some(at) = t.find(n) {
                    if best.is_none_or(|(b, _, _)| at < b) {
                        best = Some((at, r, n));
                    }
                }
            }
        }
        if let Some((_, r, n)) = best {
            return Some((r, format!("地名“{n}”")));
        }
    }
    for t in texts {
        for part in t.split('|') {
            let labelled = part.contains("编号") || part.contains("编码") || part.contains("代码");
            for token in part.split(|c: char| !c.is_ascii_alphanumeric()) {
                let digits = token.chars().take_while(char::is_ascii_digit).count();
                let code_like = digits >= 6 && (labelled || token.len() > digits);
                if !code_like {
                    continue;
                }
                if let Some(r) = REGIONS.iter().position(|(_, p, _, _)| token.starts_with(p)) {
                    return Some((r, format!("编码“{}”", &token[..6])));
                }
            }
        }
    }
    None
}

/// The rule pack the document points to, and why: the region it names decides; a layout alone
/// (columns, groups, points) only proposes the generic pack and says what it looks like, to be
/// confirmed.
pub fn rule_pack(signals: &Signals, text: &[String]) -> (&'static str, String) {
    let looks = looks_like(signals, text);
    if let Some((r, named)) = region_in(text) {
        let (province, _, pack, _) = REGIONS[r];
        if !pack.is_empty() {
            let name = format!("{province} {}", pack.rsplit('-').next().unwrap_or_default());
            let also = looks.map(|(_, why)| format!("（版式：{why}）")).unwrap_or_default();
            return (pack, format!("表中有{named}（{province}） → {name}{also}"));
        }
        return ("generic", format!("表中有{named}（{province}），尚无{province}的规则包 → 通用核算，请确认或安装本地规则"));
    }
    match looks {
        Some(("hunan-2024", why)) if why.starts_with("附件") => ("hunan-2024", why),
        Some((pack, why)) => ("generic", format!("未见地名；版式像 {pack}（{why}） → 通用核算，请确认")),
        None => ("generic", "未见地区特征 → 通用核算（不套用任何地区的固定分值），请确认或选择本地规则".into()),
    }
}

/// What the layout alone resembles.
fn looks_like(signals: &Signals, text: &[String]) -> Option<(&'static str, String)> {
    if signals.nature_columns {
        return Some(("sichuan-2024", "指标性质、指标值、度量单位分列".into()));
    }
    let twenty = signals.budget_points == Some(Decimal::from(20));
    match (signals.goals, twenty) {
        (true, true) => return Some(("hubei-2024", "预算执行率 20 分、按年度绩效目标分组".into())),
        (true, false) => return Some(("hubei-2024", "按年度绩效目标分组".into())),
        (false, true) => return Some(("hubei-2024", "预算执行率 20 分".into())),
        (false, false) => {}
    }
    // The 附件1/2/3 numbering is the Hunan template's own.
    text.iter().any(|t| attachment(t)).then(|| ("hunan-2024", "附件编号（附件1/2/3）与湖南模板相同 → 湖南 2024".to_string()))
}

fn attachment(k: &str) -> bool {
    k.split('|').any(|p| p.strip_prefix("附件").is_some_and(|r| r.starts_with(['1', '2', '3'])) && p.chars().count() <= 8)
}

/// The first "2024年度" in the texts, read in order.
fn year_in(texts: &[String]) -> Option<u32> {
    for t in texts {
        let chars: Vec<char> = t.chars().collect();
        for w in chars.windows(6) {
            if w[4] == '年' && w[5] == '度' && w[..4].iter().all(|c| c.is_ascii_digit()) {
                let y: String = w[..4].iter().collect();
                if let Ok(y) = y.parse::<u32>() {
                    if (1990..=2100).contains(&y) {
                        return Some(y);
                    }
                }
            }
        }
    }
    None
}

/// The year before a date written as "2025年6月11日" or "2025.6.11".
fn year_before(date: &str) -> Option<u32> {
    let digits: String = date.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
    let y: u32 = digits.parse().ok()?;
    (1991..=2101).contains(&y).then(|| y - 1)
}

/// A department named in a title: "岳阳市总工会2024年度…" → "岳阳市总工会",
/// "2024年度武汉市汉阳区总工会整体…" → "武汉市汉阳区总工会".
fn department_in_title(k: &str) -> Option<String> {
    let at = k.find("年度")?;
    let year_start = k[..at].char_indices().rev().take_while(|(_, c)| c.is_ascii_digit()).last().map(|(i, _)| i)?;
    let before = &k[..year_start];
    // Drop an outline number ("一、", "2.") in front of the title.
    let before = match before.char_indices().take(4).find(|(_, c)| *c == '、' || *c == '.') {
        Some((i, c)) => &before[i + c.len_utf8()..],
        None => before,
    };
    if before.chars().count() >= 3 && !before.contains("附件") {
        return Some(before.to_string());
    }
    let after = &k[at + "年度".len()..];
    let end = ["部门整体", "整体", "部门预算", "项目支出", "部门决算", "绩效"].iter().filter_map(|w| after.find(w)).min()?;
    let name = &after[..end];
    (name.chars().count() >= 3).then(|| name.to_string())
}

/// Proposes rule pack, year and department from what the run read.
pub fn propose(cx: &Context, texts: &[String]) -> Proposal {
    let (pack, why) = rule_pack(&cx.signals, texts);
    let dates = [
        cx.report.cover.as_ref().map(|c| c.report_date.clone()).unwrap_or_default(),
        cx.report.overall.as_ref().map(|t| t.fill_date.clone()).unwrap_or_default(),
    ];
    let project_dates = cx.report.projects.iter().map(|p| p.fill_date.clone());
    let year = year_in(texts).or_else(|| dates.into_iter().chain(project_dates).find_map(|d| year_before(&d)));
    let department = cx
        .signals
        .departments
        .iter()
        .find(|d| !d.is_empty())
        .cloned()
        .or_else(|| texts.iter().flat_map(|t| t.split('|')).find_map(department_in_title))
        .unwrap_or_else(|| edit::get(&cx.report, "department"));
    Proposal { rule_pack: pack.to_string(), year, department, why }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_departments_from_titles() {
        assert_eq!(year_in(&["附件2".into(), "2024年度部门整体支出绩效自评表".into()]), Some(2024));
        assert_eq!(year_in(&["部门预算项目支出绩效自评表(2024年度)".into()]), Some(2024));
        assert_eq!(year_before("2025年6月11日"), Some(2024));
        assert_eq!(year_before("2025.6.11"), Some(2024));
        assert_eq!(department_in_title("岳阳市总工会2024年度整体支出绩效自评报告").as_deref(), Some("岳阳市总工会"));
        assert_eq!(department_in_title("一、2024年度武汉市汉阳区总工会整体绩效评价自评表").as_deref(), Some("武汉市汉阳区总工会"));
        assert_eq!(department_in_title("2024年度部门整体支出绩效自评表"), None);
    }

    #[test]
    fn the_region_chooses_the_rule_pack_and_the_layout_only_proposes() {
        let none: Vec<String> = Vec::new();
        let mut s = Signals::default();
        assert_eq!(rule_pack(&s, &none).0, "generic");
        assert_eq!(rule_pack(&s, &["附件2".to_string()]).0, "hunan-2024");
        assert_eq!(rule_pack(&s, &["岳阳市总工会整体支出".to_string()]).0, "hunan-2024");
        s.goals = true;
        s.budget_points = Some(Decimal::from(20));
        let (pack, why) = rule_pack(&s, &none);
        assert_eq!(pack, "generic");
        assert!(why.contains("请确认") && why.contains("预算执行率 20 分"), "{why}");
        assert_eq!(rule_pack(&s, &["武汉市某区".to_string()]).0, "hubei-2024");
        s.nature_columns = true;
        assert_eq!(rule_pack(&s, &none).0, "generic");
        assert_eq!(rule_pack(&s, &["云南省某县2024年度".to_string()]).0, "generic");
        assert_eq!(rule_pack(&s, &["项目编码|51090422T000000386793-劳模经费".to_string()]).0, "sichuan-2024");
        assert_eq!(rule_pack(&s, &["报表编号:510000".to_string()]).0, "sichuan-2024");
        assert_eq!(rule_pack(&Signals::default(), &["资金420000元".to_string()]).0, "generic", "an amount is no code");
    }
}
