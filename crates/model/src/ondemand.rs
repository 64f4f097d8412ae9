//! The HTML that screens used on few visits get from the reader worker (issue 25): the page
//! sends what it has as text (a report's saved JSON, the installed rule pack files) and shows
//! the answer, so the model code that builds these views (`print`, `chart`'s print section
//! and `rules_page`'s) is linked into the worker's module, loaded on first use, and not into
//! the start-up module.
//! Every function here takes text and returns HTML, escaped as its model module escapes it; bad
//! input gives a Chinese message in the HTML, never a panic.

use crate::chart::charts_html;
use crate::exchange::json;
use crate::print::{escape, report_html, PrintOptions};
use crate::rules_page::{compare_html, packs_html, rescore, rescore_html};
use crate::{evaluate, rules};

/// Installs the page's rule pack files (`packs`: the JSON list `[[file, text], …]` of
/// `rules::installed_texts`) and forgets the packs the page no longer has (the user deleted
/// one), so the worker scores and lists under exactly the page's packs.
pub fn install_packs(packs: &str) {
    let files: Vec<(String, String)> = serde_json::from_str(packs).unwrap_or_default();
    // The page installed these already; one that fails here failed there too.
    let kept: Vec<&str> = files.iter().filter_map(|(file, text)| rules::install_text(file, text).ok()).map(|p| p.id.as_str()).collect();
    for pack in rules::installed() {
        if !kept.contains(&pack.id.as_str()) {
            rules::uninstall(&pack.id);
        }
    }
}

/// A message in place of the view, as the page shows its own (`<p class="error">`).
fn error_html(message: &str) -> String {
    format!("<p class=\"error\" role=\"alert\">{}</p>", escape(message))
}

/// The printable report (打印, 历史版本's viewed version, 审核's opened report) of a report
/// given as its saved JSON: `print::report_html` of it and its evaluation, followed by the
/// 得分结构图 section when `charts`.
pub fn print_html(text: &str, options: PrintOptions, charts: bool) -> String {
    let report = match json::load(text) {
        Ok(loaded) => loaded.report,
        Err(e) => return error_html(&format!("无法显示该报告：{e}")),
    };
    let evaluation = evaluate(&report);
    let mut html = report_html(&report, &evaluation, options);
    if charts {
        html.push_str(&charts_html(&evaluation));
    }
    html
}

/// The 评分规则 page's parts and 按其他规则重算 (`rules_page`), under the packs installed:
/// `what` is "packs" (every available pack's rules), "compare" (packs `left` and `right` side
/// by side; empty while either is missing) or "rescore" (the report given as its saved JSON in
/// `text`, 总分 and 等次 under every available pack).
pub fn rules_html(what: &str, text: &str, left: &str, right: &str) -> String {
    match what {
        "packs" => packs_html(&rules::available()),
        "compare" => match (rules::find(left), rules::find(right)) {
            (Some(l), Some(r)) => compare_html(l, r),
            _ => String::new(),
        },
        "rescore" => match json::load(text) {
            Ok(loaded) => rescore_html(&rescore(&loaded.report, &rules::available())),
            Err(e) => error_html(&format!("无法重算该报告：{e}")),
        },
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::example;

    fn seed(id: &str) -> crate::Report {
        match example(id) {
            Some(Ok(r)) => r,
            _ => panic!("example {id}"),
        }
    }

    #[test]
    fn the_print_from_json_is_the_print_of_the_report() {
        let report = seed("seed-000");
        let evaluation = evaluate(&report);
        let options = PrintOptions { findings: true, explanations: false, computed: true, import_notes: false };
        let text = json::save(&report, None);
        assert_eq!(print_html(&text, options, false), report_html(&report, &evaluation, options));
        let with_charts = print_html(&text, options, true);
        assert_eq!(with_charts, report_html(&report, &evaluation, options) + &charts_html(&evaluation));
        assert!(with_charts.contains("<svg"), "seed 000 has score charts");
    }

    #[test]
    fn the_rules_page_parts_are_rules_pages() {
        let all = rules::available();
        assert_eq!(rules_html("packs", "", "", ""), packs_html(&all));
        let (Some(l), Some(r)) = (rules::find("hunan-2024"), rules::find("generic")) else { panic!("built-in packs") };
        assert_eq!(rules_html("compare", "", "hunan-2024", "generic"), compare_html(l, r));
        assert_eq!(rules_html("compare", "", "hunan-2024", "no-such-pack"), "");
        let report = seed("seed-000");
        let rescored = rules_html("rescore", &json::save(&report, None), "", "");
        assert_eq!(rescored, rescore_html(&rescore(&report, &rules::available())));
        assert!(rescored.contains("data-pack=\"hunan-2024\""), "{rescored}");
        assert!(rules_html("rescore", "[]", "", "").contains("无法重算该报告"));
        assert_eq!(rules_html("other", "", "", ""), "");
    }

    #[test]
    fn a_report_that_does_not_load_is_a_message() {
        let html = print_html("{\"format\":", PrintOptions::default(), true);
        assert!(html.starts_with("<p class=\"error\" role=\"alert\">无法显示该报告："), "{html}");
        let hostile = print_html("<script>", PrintOptions::default(), false);
        assert!(!hostile.contains("<script>"), "{hostile}");
    }
}
