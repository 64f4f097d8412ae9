//! The HTML that screens used on few visits get from the reader worker (issue 25): the page
//! sends what it has as text (a report's saved JSON, the installed rule pack files) and shows
//! the answer, so the model code that builds these views (`print`, `chart`'s print section, …)
//! is linked into the worker's module, loaded on first use, and not into the start-up module.
//! Every function here takes text and returns HTML, escaped as its model module escapes it; bad
//! input gives a Chinese message in the HTML, never a panic.

use crate::model::chart::charts_html;
use crate::model::exchange::json;
use crate::model::print::{escape, report_html, PrintOptions};
use crate::model::{evaluate, rules};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::example;

    fn seed(id: &str) -> crate::model::Report {
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
    fn a_report_that_does_not_load_is_a_message() {
        let html = print_html("{\"format\":", PrintOptions::default(), true);
        assert!(html.starts_with("<p class=\"error\" role=\"alert\">无法显示该报告："), "{html}");
        let hostile = print_html("<script>", PrintOptions::default(), false);
        assert!(!hostile.contains("<script>"), "{hostile}");
    }
}
