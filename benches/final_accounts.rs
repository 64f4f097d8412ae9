//! Benchmark (not a test): a 部门决算 whose 功能分类 tables have 229 rows each (12 类 × 3 款 ×
//! 5 项): opened from its saved JSON and checked (tables + 说明), opened from its .xlsx (read +
//! recognise) and checked, and its .docx written. Prints median and spread.
//! Run: `cargo bench --bench final_accounts`.

use std::time::Instant;

use jixiao_office::final_accounts::build::{build, Item, Kind, Spec};
use jixiao_office::final_accounts::{check, draft, json, word};
use rust_decimal::Decimal;

fn measure(label: &str, runs: usize, mut f: impl FnMut()) {
    let mut times: Vec<u128> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_micros()
        })
        .collect();
    times.sort_unstable();
    let ms = |us: u128| format!("{}.{:03}", us / 1000, us % 1000);
    println!("{label}: median {} ms, min {} ms, p90 {} ms, max {} ms ({runs} runs)", ms(times[runs / 2]), ms(times[0]), ms(times[runs * 9 / 10]), ms(times[runs - 1]));
}

fn main() {
    let classes = ["201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "221"];
    let mut items = Vec::new();
    for (c, class) in classes.iter().enumerate() {
        for k in 1..=3 {
            for i in 1..=5 {
                let v = Decimal::new(((c * 97 + k * 13 + i * 7) as i64) * 101, 2);
                items.push(Item {
                    code: format!("{class}{k:02}{i:02}"),
                    kuan: format!("款{k}"),
                    name: format!("项{class}{k}{i}"),
                    kind: Kind::Gpb,
                    basic: v,
                    project: Decimal::new(i as i64 * 55, 2),
                    budget: Some(v + Decimal::ONE),
                });
            }
        }
    }
    let mut fa = build(&Spec {
        year: "2024".into(),
        department: "基准测试单位".into(),
        items,
        economic: vec![("30101".into(), "基本工资".into(), Decimal::from(100)), ("30201".into(), "办公费".into(), Decimal::from(50))],
        ..Spec::default()
    });
    fa.statement = draft::draft_text(&fa);
    let rows = fa.table("t3").map(|t| t.rows.len()).unwrap_or(0);
    let text = json::save(&fa);
    let findings: usize = check::check_rows(&fa).iter().map(|r| r.findings.len()).sum();
    println!("决算: {rows} rows in the 支出决算表, {} rows in all tables, json {} bytes, {findings} findings", fa.tables.iter().map(|t| t.rows.len()).sum::<usize>(), text.len());
    measure("决算 open JSON + check (tables + 说明)", 50, || {
        let loaded = json::load(std::hint::black_box(&text)).ok();
        std::hint::black_box(loaded.map(|l| check::check_rows(&l)));
    });
    let xlsx = jixiao_office::final_accounts::xlsx(&fa);
    measure("决算 open .xlsx (read + recognise) + check", 20, || {
        if let Ok(jixiao_office::import::Opened::FinalAccounts(f)) =
            jixiao_office::import::open("决算.xlsx", std::hint::black_box(&xlsx), &jixiao_office::read::decode)
        {
            std::hint::black_box(check::check_rows(&f));
        }
    });
    measure("决算 draft 说明 + export .docx (tables, 说明, six charts)", 20, || {
        std::hint::black_box(word::docx(std::hint::black_box(&fa)));
    });
}
