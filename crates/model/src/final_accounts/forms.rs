//! The nine official 部门决算公开 tables as data: id, title, columns and how rows are made
//! (fixed rows with keys, or 支出功能分类 / 经济分类 科目 rows with a 合计 row).
//!
//! Everything that prints, checks, recognises or creates a table reads these descriptions; a
//! table a region adds (项目支出决算表, 机关运行经费, 政府采购) has no description and is kept
//! as it came (form `other`).

/// How a form's rows are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// Fixed rows (key, label); 功能分类 类 rows may be inserted where the key `out.class` stands.
    Fixed(&'static [(&'static str, &'static str)]),
    /// 支出功能分类科目 rows (类 3 digits, 款 5, 项 7) and a 合计 row (empty code).
    Functional,
    /// 经济分类 rows (301, 30101 …) and the two total rows `personnel` / `public`.
    Economic,
}

/// One form description.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    /// `t1` … `t9`.
    pub id: &'static str,
    /// The official title.
    pub title: &'static str,
    /// Figure columns, in order.
    pub columns: &'static [&'static str],
    /// How rows are made.
    pub rows: Rows,
    /// Words in a title or header that identify the table when imported (all must occur).
    pub words: &'static [&'static str],
}

/// 收入支出决算总表 rows: 收入 side, then 支出 side (类 rows inserted at `out.class`).
pub const T1_ROWS: &[(&str, &str)] = &[
    ("in.gpb", "一、一般公共预算财政拨款收入"),
    ("in.fund", "二、政府性基金预算财政拨款收入"),
    ("in.soe", "三、国有资本经营预算财政拨款收入"),
    ("in.upper", "四、上级补助收入"),
    ("in.business", "五、事业收入"),
    ("in.operating", "六、经营收入"),
    ("in.affiliated", "七、附属单位上缴收入"),
    ("in.other", "八、其他收入"),
    ("in.total", "本年收入合计"),
    ("in.surplus", "使用非财政拨款结余（含专用结余）"),
    ("in.carry", "年初结转和结余"),
    ("in.grand", "总计"),
    ("out.class", "（支出功能分类类级科目）"),
    ("out.total", "本年支出合计"),
    ("out.distribution", "结余分配"),
    ("out.carry", "年末结转和结余"),
    ("out.grand", "总计"),
];

/// 财政拨款收入支出决算总表 rows.
pub const T4_ROWS: &[(&str, &str)] = &[
    ("in.gpb", "一、一般公共预算财政拨款"),
    ("in.fund", "二、政府性基金预算财政拨款"),
    ("in.soe", "三、国有资本经营预算财政拨款"),
    ("in.total", "本年收入合计"),
    ("in.carry.gpb", "年初财政拨款结转和结余：一般公共预算财政拨款"),
    ("in.carry.fund", "年初财政拨款结转和结余：政府性基金预算财政拨款"),
    ("in.carry.soe", "年初财政拨款结转和结余：国有资本经营预算财政拨款"),
    ("in.grand", "收入总计"),
    ("out.class", "（支出功能分类类级科目）"),
    ("out.total", "本年支出合计"),
    ("out.carry", "年末财政拨款结转和结余"),
    ("out.grand", "支出总计"),
];

/// 三公 rows: 预算数 and 决算数.
pub const T9_ROWS: &[(&str, &str)] = &[("budget", "预算数"), ("actual", "决算数")];

/// The nine forms.
pub const FORMS: &[Form] = &[
    Form { id: "t1", title: "收入支出决算总表", columns: &["决算数"], rows: Rows::Fixed(T1_ROWS), words: &["收入支出决算总表"] },
    Form {
        id: "t2",
        title: "收入决算表",
        columns: &["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
        rows: Rows::Functional,
        words: &["收入决算表"],
    },
    Form {
        id: "t3",
        title: "支出决算表",
        columns: &["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
        rows: Rows::Functional,
        words: &["支出决算表"],
    },
    Form {
        id: "t4",
        title: "财政拨款收入支出决算总表",
        columns: &["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
        rows: Rows::Fixed(T4_ROWS),
        words: &["财政拨款收入支出决算总表"],
    },
    Form {
        id: "t5",
        title: "一般公共预算财政拨款支出决算表",
        columns: &["年初预算数", "合计", "基本支出", "项目支出"],
        rows: Rows::Functional,
        words: &["一般公共预算财政拨款支出决算"],
    },
    Form {
        id: "t6",
        title: "一般公共预算财政拨款基本支出决算表",
        columns: &["决算数"],
        rows: Rows::Economic,
        words: &["基本支出决算"],
    },
    Form {
        id: "t7",
        title: "政府性基金预算财政拨款收入支出决算表",
        columns: &["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
        rows: Rows::Functional,
        words: &["政府性基金"],
    },
    Form {
        id: "t8",
        title: "国有资本经营预算财政拨款支出决算表",
        columns: &["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
        rows: Rows::Functional,
        words: &["国有资本经营"],
    },
    Form {
        id: "t9",
        title: "财政拨款“三公”经费支出决算表",
        columns: &["合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"],
        rows: Rows::Fixed(T9_ROWS),
        words: &["三公"],
    },
];

/// The form with this id.
pub fn form(id: &str) -> Option<&'static Form> {
    FORMS.iter().find(|f| f.id == id)
}

/// The form a printed title names: the most specific match (longest matching title words), so
/// "一般公共预算财政拨款基本支出决算表" is `t6`, not `t5`, and "财政拨款收入支出决算总表" `t4`.
pub fn form_for_title(title: &str) -> Option<&'static Form> {
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.replace(['"', '“', '”', '\''], "");
    let mut best: Option<(&Form, usize)> = None;
    for f in FORMS {
        let words: Vec<String> = f.words.iter().map(|w| w.replace(['“', '”'], "")).collect();
        if !words.iter().all(|w| compact.contains(w.as_str())) {
            continue;
        }
        // t4's title contains t1's; t6's contains t5's: prefer the longer title match.
        let bare = f.title.replace(['“', '”'], "");
        let score = if compact.contains(bare.as_str()) { bare.chars().count() * 10 } else { words.iter().map(|w| w.chars().count()).sum() };
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((f, score));
        }
    }
    best.map(|(f, _)| f)
}

/// 经济分类 类 codes counted as 人员经费 (工资福利支出, 对个人和家庭的补助); the rest are 公用经费.
pub const PERSONNEL_CLASSES: &[&str] = &["301", "303"];

/// The 支出功能分类 类 names, by code (for 类 rows and the 总表's expense side).
pub const CLASSES: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// The 类 code for a name ("社会保障和就业" → 208), matching with or without 支出.
pub fn class_code(name: &str) -> Option<&'static str> {
    let bare = name.trim().trim_end_matches("（类）").trim_end_matches("支出");
    if bare.is_empty() {
        return None;
    }
    CLASSES.iter().find(|(_, n)| n.trim_end_matches("支出") == bare).map(|(c, _)| *c)
}
