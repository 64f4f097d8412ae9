//! 自评报告 text in an imported document: its paragraphs split into sections at the outline's
//! headings ("一、部门（单位）基本情况" … "十、…", as the Hunan and Sichuan outlines number them),
//! each section's text the paragraphs up to the next heading. Text before the first heading
//! (the title, the addressee) is left for the leftovers.

use jixiao_model::report::NarrativeSection;

/// Chinese numerals of outline headings, the two-character ones first.
const NUMERALS: [&str; 15] = ["十一", "十二", "十三", "十四", "十五", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The heading's title when `text` is a first-level outline heading: a numeral, "、", a short
/// title without a full stop.
pub(super) fn heading(text: &str) -> Option<String> {
    let t = text.trim();
    if t.chars().count() > 40 {
        return None;
    }
    let rest = NUMERALS.iter().find_map(|n| t.strip_prefix(n))?;
    let title = rest.strip_prefix('、')?.trim();
    (!title.is_empty() && !title.contains('。')).then(|| t.to_string())
}

/// The sections of a document's blocks, given as `Some((paragraph index, text))` for a
/// paragraph the other readers did not place and `None` for a table (which ends a section), and
/// the indices of the paragraphs they took (headings and texts). At least two headings make an
/// outline; fewer give no sections.
pub(super) fn sections(blocks: &[Option<(usize, &str)>]) -> (Vec<NarrativeSection>, Vec<usize>) {
    let is_heading = |b: &Option<(usize, &str)>| b.is_some_and(|(_, t)| heading(t).is_some());
    if blocks.iter().filter(|b| is_heading(b)).count() < 2 {
        return (Vec::new(), Vec::new());
    }
    let mut sections: Vec<NarrativeSection> = Vec::new();
    let mut used = Vec::new();
    let mut open = false;
    for block in blocks {
        match block {
            None => open = false,
            Some((i, text)) => {
                if let Some(title) = heading(text) {
                    sections.push(NarrativeSection { title, text: String::new() });
                    used.push(*i);
                    open = true;
                } else if let (true, Some(section)) = (open, sections.last_mut()) {
                    used.push(*i);
                    let line = text.trim();
                    if !line.is_empty() {
                        if !section.text.is_empty() {
                            section.text.push('\n');
                        }
                        section.text.push_str(line);
                    }
                }
            }
        }
    }
    (sections, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_the_outlines() {
        assert_eq!(heading(" 一、部门（单位）基本情况").as_deref(), Some("一、部门（单位）基本情况"));
        assert_eq!(heading("十一、其他需要说明的情况").as_deref(), Some("十一、其他需要说明的情况"));
        assert_eq!(heading("十、自评结果应用"), Some("十、自评结果应用".to_string()));
        // Sub-headings, sentences and numbers are not sections.
        assert_eq!(heading("（一）部门职能"), None);
        assert_eq!(heading("一、是加强管理。二是……"), None);
        assert_eq!(heading("1．主要职能。"), None);
        assert_eq!(heading("一是增加财政代扣工会经费"), None);
    }

    #[test]
    fn paragraphs_between_headings_form_a_section() {
        let p = ["2024年度某单位自评报告", "一、基本情况", "甲。", "", "乙。", "二、绩效目标", "丙。", "附表标题", "填表人：某"];
        let mut blocks: Vec<Option<(usize, &str)>> = p.iter().copied().enumerate().map(Some).collect();
        // A table after 丙: what follows it is not the section's text.
        blocks.insert(7, None);
        let (found, used) = sections(&blocks);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].title, "一、基本情况");
        assert_eq!(found[0].text, "甲。\n乙。");
        assert_eq!(found[1].text, "丙。");
        assert_eq!(used, (1..7).collect::<Vec<_>>(), "neither the title before the outline nor the text after the table");
        assert!(sections(&[Some((0, "一、基本情况")), Some((1, "甲。"))]).0.is_empty(), "one heading is no outline");
    }
}
