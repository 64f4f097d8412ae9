//! New documents: an empty 决算 with the nine tables' fixed rows ([`new_document`]), and a
//! consistent document built from 项-level figures ([`build`]): every 类/款/合计 row, every
//! table's totals and the identities between tables follow from the items, so the fixtures of
//! the seeds (and the 200-row benchmark) are made from the figures their 说明 give.
//!
//! Guarantees: [`build`] yields a document on which `check::check_tables` finds nothing
//! (every sum exact); it assumes no 结转结余 and no non-fiscal income beyond `other_income`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::forms::{self, Rows, FORMS, PERSONNEL_CLASSES};
use super::{FaRow, FaTable, FinalAccounts};

/// Which 财政拨款 pays an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 一般公共预算.
    Gpb,
    /// 政府性基金预算.
    Fund,
    /// 国有资本经营预算.
    Soe,
}

/// One 项 with its figures (万元).
#[derive(Debug, Clone)]
pub struct Item {
    /// 7-digit 科目编码.
    pub code: String,
    /// 款 name.
    pub kuan: String,
    /// 项 name.
    pub name: String,
    /// Source of the money.
    pub kind: Kind,
    /// 基本支出.
    pub basic: Decimal,
    /// 项目支出.
    pub project: Decimal,
    /// 年初预算数 (一般公共预算 items).
    pub budget: Option<Decimal>,
}

/// What [`build`] needs.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// 年度.
    pub year: String,
    /// 部门.
    pub department: String,
    /// The 项.
    pub items: Vec<Item>,
    /// 经济分类 款 rows of the 基本支出表: (5-digit code, name, 决算数).
    pub economic: Vec<(String, String, Decimal)>,
    /// 三公 预算数 and 决算数: 出国, 购置, 运行, 接待.
    pub sangong: [[Decimal; 4]; 2],
    /// Last year's figures.
    pub last_year: BTreeMap<String, Decimal>,
    /// The written 说明.
    pub statement: String,
}

fn row(code: &str, name: &str, values: Vec<Decimal>) -> FaRow {
    FaRow { code: code.to_string(), name: name.to_string(), values: values.into_iter().map(Some).collect() }
}

/// An empty document: the nine tables with their fixed rows and 合计 rows, no figures.
pub fn new_document(year: &str, department: &str, unit: &str) -> FinalAccounts {
    let tables = FORMS
        .iter()
        .map(|f| {
            let rows = match f.rows {
                Rows::Fixed(list) => list
                    .iter()
                    .filter(|(k, _)| *k != "out.class")
                    .map(|(k, n)| FaRow { code: (*k).into(), name: (*n).into(), values: vec![None; f.columns.len()] })
                    .collect(),
                Rows::Functional => vec![FaRow { code: String::new(), name: "合计".into(), values: vec![None; f.columns.len()] }],
                Rows::Economic => vec![
                    FaRow { code: "personnel".into(), name: "人员经费合计".into(), values: vec![None] },
                    FaRow { code: "public".into(), name: "公用经费合计".into(), values: vec![None] },
                ],
            };
            FaTable { form: f.id.into(), title: f.title.into(), columns: f.columns.iter().map(|c| (*c).into()).collect(), rows, note: String::new() }
        })
        .collect();
    FinalAccounts { year: year.into(), department: department.into(), unit: unit.into(), tables, ..FinalAccounts::default() }
}

fn class_name(code: &str) -> String {
    forms::CLASSES.iter().find(|(c, _)| code.starts_with(c)).map(|(_, n)| (*n).to_string()).unwrap_or_else(|| format!("{code}类"))
}

/// 功能分类 rows (类, 款, 项, then 合计 first) of the items, each with `cols(item)` figures.
fn functional(items: &[&Item], width: usize, cols: &dyn Fn(&Item) -> Vec<Decimal>) -> Vec<FaRow> {
    let mut rows = vec![row("", "合计", vec![Decimal::ZERO; width])];
    let add = |target: &mut FaRow, v: &[Decimal]| {
        for (t, x) in target.values.iter_mut().zip(v) {
            *t = Some(t.unwrap_or_default() + x);
        }
    };
    for item in items {
        let v = cols(item);
        // Codes are digits; `get` keeps a code with other characters from panicking.
        let (class, kuan) = (item.code.get(..3).unwrap_or(&item.code), item.code.get(..5).unwrap_or(&item.code));
        if !rows.iter().any(|r| r.code == class) {
            rows.push(row(class, &class_name(class), vec![Decimal::ZERO; width]));
        }
        if !rows.iter().any(|r| r.code == kuan) {
            rows.push(row(kuan, &item.kuan, vec![Decimal::ZERO; width]));
        }
        rows.push(row(&item.code, &item.name, v.clone()));
        for code in ["", class, kuan] {
            if let Some(r) = rows.iter_mut().find(|r| r.code == code) {
                add(r, &v);
            }
        }
    }
    rows
}

/// A consistent document from 项-level figures.
pub fn build(spec: &Spec) -> FinalAccounts {
    let mut fa = new_document(&spec.year, &spec.department, &spec.department);
    let all: Vec<&Item> = spec.items.iter().collect();
    let z = Decimal::ZERO;
    let of = |k: Kind| -> Vec<&Item> { spec.items.iter().filter(|i| i.kind == k).collect() };
    let spent = |items: &[&Item]| items.iter().map(|i| i.basic + i.project).sum::<Decimal>();
    let (gpb, fund, soe) = (spent(&of(Kind::Gpb)), spent(&of(Kind::Fund)), spent(&of(Kind::Soe)));
    let total = gpb + fund + soe;
    let t2 = functional(&all, 7, &|i| vec![i.basic + i.project, i.basic + i.project, z, z, z, z, z]);
    let t3 = functional(&all, 6, &|i| vec![i.basic + i.project, i.basic, i.project, z, z, z]);
    let t5 = functional(&of(Kind::Gpb), 4, &|i| vec![i.budget.unwrap_or_default(), i.basic + i.project, i.basic, i.project]);
    let fund_rows = |k: Kind| functional(&of(k), 6, &|i| vec![z, i.basic + i.project, i.basic + i.project, i.basic, i.project, z]);
    let classes: Vec<FaRow> = t3.iter().filter(|r| r.level() == 1).cloned().collect();
    for t in fa.tables.iter_mut() {
        match t.form.as_str() {
            "t1" => {
                for r in t.rows.iter_mut() {
                    let v = match r.code.as_str() {
                        "in.gpb" => gpb,
                        "in.fund" => fund,
                        "in.soe" => soe,
                        "in.total" | "in.grand" | "out.total" | "out.grand" => total,
                        _ => z,
                    };
                    r.values = vec![Some(v)];
                }
                let at = t.rows.iter().position(|r| r.code == "out.total").unwrap_or(t.rows.len());
                let class_rows: Vec<FaRow> = classes.iter().map(|c| row(&c.code, &c.name, vec![c.get(0)])).collect();
                t.rows.splice(at..at, class_rows);
            }
            "t2" => t.rows = t2.clone(),
            "t3" => t.rows = t3.clone(),
            "t4" => {
                for r in t.rows.iter_mut() {
                    r.values = match r.code.as_str() {
                        "in.gpb" => vec![Some(gpb)],
                        "in.fund" => vec![Some(fund)],
                        "in.soe" => vec![Some(soe)],
                        "in.total" | "in.grand" => vec![Some(total)],
                        "out.total" | "out.grand" => vec![Some(total), Some(gpb), Some(fund), Some(soe)],
                        "out.carry" => vec![Some(z); 4],
                        _ => vec![Some(z)],
                    };
                }
                let by_kind = functional(&all, 4, &|i| {
                    let v = i.basic + i.project;
                    vec![v, if i.kind == Kind::Gpb { v } else { z }, if i.kind == Kind::Fund { v } else { z }, if i.kind == Kind::Soe { v } else { z }]
                });
                let at = t.rows.iter().position(|r| r.code == "out.total").unwrap_or(t.rows.len());
                t.rows.splice(at..at, by_kind.into_iter().filter(|r| r.level() == 1));
            }
            "t5" => t.rows = t5.clone(),
            "t6" => {
                let mut rows: Vec<FaRow> = Vec::new();
                let (mut personnel, mut public) = (z, z);
                for (code, name, v) in &spec.economic {
                    let class = code.get(..3).unwrap_or(code);
                    if !rows.iter().any(|r| r.code == class) {
                        rows.push(row(class, economic_class(class), vec![z]));
                    }
                    if let Some(c) = rows.iter_mut().find(|r| r.code == class) {
                        c.values = vec![Some(c.get(0) + v)];
                    }
                    rows.push(row(code, name, vec![*v]));
                    if PERSONNEL_CLASSES.contains(&class) {
                        personnel += v;
                    } else {
                        public += v;
                    }
                }
                rows.push(row("personnel", "人员经费合计", vec![personnel]));
                rows.push(row("public", "公用经费合计", vec![public]));
                t.rows = rows;
            }
            "t7" => {
                t.rows = fund_rows(Kind::Fund);
                if fund.is_zero() {
                    t.note = "本单位当年无政府性基金预算财政拨款收入支出。".into();
                }
            }
            "t8" => {
                t.rows = fund_rows(Kind::Soe);
                if soe.is_zero() {
                    t.note = "本单位当年无国有资本经营预算财政拨款支出。".into();
                }
            }
            "t9" => {
                for (r, s) in t.rows.iter_mut().zip(spec.sangong.iter()) {
                    let car = s[1] + s[2];
                    r.values = vec![s[0] + car + s[3], s[0], car, s[1], s[2], s[3]].into_iter().map(Some).collect();
                }
            }
            _ => {}
        }
    }
    fa.last_year = spec.last_year.clone();
    fa.statement = spec.statement.clone();
    fa.glossary = super::draft::GLOSSARY.to_string();
    fa
}

/// 经济分类 类 names.
pub fn economic_class(code: &str) -> &'static str {
    match code {
        "301" => "工资福利支出",
        "302" => "商品和服务支出",
        "303" => "对个人和家庭的补助",
        "307" => "债务利息及费用支出",
        "309" => "资本性支出（基本建设）",
        "310" => "资本性支出",
        "399" => "其他支出",
        _ => "其他",
    }
}
