//! `jixiao-check [--json | --to docx|xlsx|csv|json OUTDIR] [--rules PACK.json]... [--pack ID]
//! [--max-seconds N] [--max-mb N] [--] FILE...`: recomputes exported reports with the same model
//! code as the app, or converts them with the app's own writers.
//!
//! A file is taken by its content: a jixiao JSON report, or a Word (.docx), Excel (.xlsx, .xls),
//! WPS or web-page (.html) file whose 自评表 are recognised as the app's import does.
//!
//! `--rules` (repeatable) loads a bureau's own rule pack from a file (docs/rules.md); a report
//! naming its id is scored with it, and a file with a built-in id replaces that pack. `--pack ID`
//! scores every report under one pack instead of the one it names. A broken pack file is
//! reported naming the file and the field; the built-in packs keep working.
//!
//! Prints one line per file (file, 部门, rule pack, declared 总分, computed 总分, grade, errors,
//! warnings) and its findings; with `--json`, one JSON array with one object per scored table
//! plus one `"table": "报告"` object per file for the report-level findings. The array is
//! streamed: `[` first, then each row on its own line as soon as its file is done, then `]`.
//! Exit code: 0 no errors, 1 some report has errors, 2 a file could not be read or parsed.
//!
//! `--to KIND OUTDIR` converts each file instead (batch conversion for a bureau): `docx` and
//! `xlsx` through the reader worker's own entry (`write::write_file`, as 导出 Word / 导出 Excel),
//! `csv` one file per scored table (as 导出本表 CSV), `json` the saved report (as 导出 JSON).
//! Each output is `OUTDIR/<input file stem>.<kind>` (CSV: `<stem>-<table>.csv`) and one line
//! `FILE → OUTPUT` is printed per file written; the report is scored under the pack it names
//! (`--pack` is refused with `--to`, rather than silently ignored).
//! Exit code: 0 every file converted, 2 some file could not be read, converted or written.
//!
//! Guarantees: each file is read and checked in a child process of this same program, with a
//! time allowance (`--max-seconds`, default [`DEFAULT_SECONDS`]) and, on Unix, an address-space
//! allowance (`--max-mb`, default [`DEFAULT_MB`]); a file past either is killed and named as
//! too complex, and the next file goes on. File names are taken as the OS gives them (not
//! necessarily UTF-8); only regular files are read; `--` ends the options.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::child::{killed_by_signal, runtime_line, Abort};
use jixiao_office::import::{open, Opened};
use jixiao::model::figures::{self, Figure};
use jixiao::model::finding_scope;
use jixiao::model::rules;
use jixiao::model::{evaluate, evaluate_with, Evaluation, Report, Severity};

/// Seconds one file may take (reading, recognising, checking) unless `--max-seconds` says more.
const DEFAULT_SECONDS: u64 = 20;
/// Megabytes of address space one file's child process may use unless `--max-mb` says more.
const DEFAULT_MB: u64 = 1024;
/// The environment variable that makes this program the child for one file (its value: the
/// memory allowance in MB).
const CHILD: &str = "JIXIAO_CHECK_CHILD";
/// Bytes of a file read at most, as in the browser: past this it is refused without being read
/// to the end.
const MAX_FILE: u64 = 30 * 1024 * 1024;
/// Largest JSON report, as in the browser.
const MAX_JSON: usize = 5 * 1024 * 1024;

const USAGE: &str = "用法：jixiao-check [--json | --to docx|xlsx|csv|json 输出文件夹] [--rules 规则包.json]... [--pack 规则包编号] [--max-seconds 秒数] [--max-mb 兆字节] [--] 文件 ...（.json 报告，.docx / .doc / .xlsx / .xls / .html / .pdf 自评表，或部门决算的公开表、Word 文档和 .json）";

/// The command line, parsed.
#[derive(Debug, Default)]
struct Options {
    json: bool,
    /// `--to KIND OUTDIR`: convert instead of checking.
    to: Option<(Kind, OsString)>,
    pack_files: Vec<OsString>,
    forced: Option<String>,
    seconds: u64,
    mb: u64,
    files: Vec<OsString>,
}

/// Parses the arguments; `Err` is the message to print before the usage.
fn parse(args: Vec<OsString>) -> Result<Options, Option<String>> {
    let mut o = Options { seconds: DEFAULT_SECONDS, mb: DEFAULT_MB, ..Options::default() };
    let mut it = args.into_iter();
    let mut options_end = false;
    while let Some(a) = it.next() {
        if options_end {
            o.files.push(a);
            continue;
        }
        let Some(text) = a.to_str().filter(|t| t.starts_with('-') && t.len() > 1) else {
            o.files.push(a);
            continue;
        };
        let mut value = |name: &str| it.next().ok_or_else(|| Some(format!("选项 {name} 后面缺少取值。")));
        match text {
            "--" => options_end = true,
            "--json" => o.json = true,
            "--to" => {
                let kind = value(text)?;
                let kind = kind.to_str().and_then(Kind::parse).ok_or_else(|| {
                    Some(format!("选项 --to 的格式“{}”不认识，应为 docx、xlsx、csv 或 json。", kind.to_string_lossy()))
                })?;
                o.to = Some((kind, value(text)?));
            }
            "-h" | "--help" => return Err(None),
            "--rules" => o.pack_files.push(value(text)?),
            "--pack" => o.forced = Some(value(text)?.to_string_lossy().into_owned()),
            "--max-seconds" | "--max-mb" => {
                let raw = value(text)?;
                let n = raw.to_str().and_then(|s| s.parse::<u64>().ok()).filter(|n| *n > 0);
                let n = n.ok_or_else(|| Some(format!("选项 {text} 的取值“{}”不是正整数。", raw.to_string_lossy())))?;
                if text == "--max-mb" {
                    o.mb = n;
                } else {
                    o.seconds = n;
                }
            }
            other => return Err(Some(format!("未知的选项“{other}”；文件名以 - 开头时请写在 -- 之后。"))),
        }
    }
    if o.json && o.to.is_some() {
        return Err(Some("选项 --json 与 --to 不能同时使用。".to_string()));
    }
    // A conversion writes the report as it is, scored under the pack it names (as 导出 does).
    if o.forced.is_some() && o.to.is_some() {
        return Err(Some("选项 --pack 与 --to 不能同时使用：转换时按报告自身注明的评分规则计分。".to_string()));
    }
    Ok(o)
}

/// What `--to` converts into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Docx,
    Xlsx,
    Csv,
    Json,
}

impl Kind {
    fn parse(text: &str) -> Option<Kind> {
        Some(match text {
            "docx" => Kind::Docx,
            "xlsx" => Kind::Xlsx,
            "csv" => Kind::Csv,
            "json" => Kind::Json,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Csv => "csv",
            Kind::Json => "json",
        }
    }
}

pub fn main() -> ExitCode {
    let options = match parse(std::env::args_os().skip(1).collect()) {
        Ok(o) if !o.files.is_empty() => o,
        Ok(_) | Err(None) => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
        Err(Some(message)) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(mb) = std::env::var_os(CHILD) {
        let mb = mb.to_str().and_then(|s| s.parse::<u64>().ok()).unwrap_or(DEFAULT_MB);
        return ExitCode::from(child(&options, mb));
    }
    ExitCode::from(parent(&options))
}

/// Installs the rule packs; returns whether every file loaded.
fn install_packs(files: &[OsString], quiet: bool) -> bool {
    let mut ok = true;
    for file in files {
        let name = file.to_string_lossy();
        let read = std::fs::read_to_string(file).map_err(|e| format!("{name}: 无法读取评分规则文件：{e}"));
        match read.and_then(|t| rules::parse(&name, &t).map_err(|e| e.to_string())) {
            Ok(pack) => {
                rules::install(pack);
            }
            Err(message) => {
                if !quiet {
                    eprintln!("{message}");
                }
                ok = false;
            }
        }
    }
    ok
}

/// Runs one child per file under the allowances and relays its output; returns the exit code.
fn parent(o: &Options) -> u8 {
    let mut unreadable = !install_packs(&o.pack_files, false);
    if let Some(id) = &o.forced {
        if rules::find(id).is_none() {
            eprintln!("未知的评分规则“{id}”。");
            return 2;
        }
    }
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("无法找到 jixiao-check 程序本身，无法逐个检查文件。");
        return 2;
    };
    if let Some((_, dir)) = &o.to {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("无法创建输出文件夹 {}：{e}", dir.to_string_lossy());
            return 2;
        }
    }
    let stdout = std::io::stdout();
    let mut first_row = true;
    if o.json {
        let _ = writeln!(stdout.lock(), "[");
    }
    let mut any_errors = false;
    for file in &o.files {
        let name = file.to_string_lossy();
        if let Err(message) = regular_file(file) {
            eprintln!("{name}: {message}");
            unreadable = true;
            continue;
        }
        let mut cmd = Command::new(&exe);
        cmd.env(CHILD, o.mb.to_string());
        if o.json {
            cmd.arg("--json");
        }
        if let Some((kind, dir)) = &o.to {
            cmd.arg("--to").arg(kind.name()).arg(dir);
        }
        for p in &o.pack_files {
            cmd.arg("--rules").arg(p);
        }
        if let Some(id) = &o.forced {
            cmd.arg("--pack").arg(id);
        }
        // The child's stderr is relayed without the runtime's own English lines (an allocation
        // past --max-mb aborts with "memory allocation of … bytes failed"): the parent names
        // that case in Chinese below.
        cmd.arg("--").arg(file).env("RUST_BACKTRACE", "0").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut running = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{name}: 无法启动检查进程：{e}");
                unreadable = true;
                continue;
            }
        };
        // Relays the child's lines as they come (a row is one line), so a later failure loses
        // nothing already written.
        let relay = running.stdout.take().map(|out| {
            let json = o.json;
            let mut first = first_row;
            std::thread::spawn(move || {
                let stdout = std::io::stdout();
                let mut reader = std::io::BufReader::new(out);
                let mut bytes = Vec::new();
                // Only whole lines: a child stopped in the middle of a row leaves no half row.
                while reader.read_until(b'\n', &mut bytes).is_ok_and(|n| n > 0) && bytes.ends_with(b"\n") {
                    let line = String::from_utf8_lossy(&bytes[..bytes.len() - 1]).into_owned();
                    bytes.clear();
                    let mut lock = stdout.lock();
                    let _ = if json && !first { writeln!(lock, ",\n{line}") } else { write!(lock, "{line}{}", if json { "" } else { "\n" }) };
                    let _ = lock.flush();
                    first = false;
                }
                first
            })
        });
        // What the runtime said before the child stopped, so a signal is named for its cause.
        let errors = running.stderr.take().map(|err| {
            std::thread::spawn(move || {
                let mut reader = std::io::BufReader::new(err);
                let mut bytes = Vec::new();
                let mut cause = Abort::Unknown;
                while reader.read_until(b'\n', &mut bytes).is_ok_and(|n| n > 0) {
                    let line = String::from_utf8_lossy(&bytes);
                    let line = line.trim_end();
                    if runtime_line(line) {
                        cause = match cause {
                            Abort::Unknown => Abort::of(line),
                            known => known,
                        };
                    } else {
                        let _ = std::io::stderr().lock().write_all(&bytes);
                    }
                    bytes.clear();
                }
                cause
            })
        });
        let deadline = Instant::now() + Duration::from_secs(o.seconds);
        let status = loop {
            match running.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                Ok(None) | Err(_) => {
                    let _ = running.kill();
                    let _ = running.wait();
                    break None;
                }
            }
        };
        if let Some(handle) = relay {
            first_row = handle.join().unwrap_or(first_row);
        }
        let cause = errors.and_then(|handle| handle.join().ok()).unwrap_or(Abort::Unknown);
        match status.map(|s| (s.code(), killed_by_signal(&s))) {
            None => {
                eprintln!("{name}: 文件过于复杂，读取和检查超过 {} 秒仍未完成，已停止（可用 --max-seconds 放宽）。", o.seconds);
                unreadable = true;
            }
            Some((Some(0), _)) => {}
            Some((Some(1), _)) => any_errors = true,
            Some((Some(_), _)) => unreadable = true,
            Some((None, signal)) => {
                match cause {
                    Abort::Memory => eprintln!("{name}: 文件过于复杂，读取所需内存超过 {} MB，已停止（可用 --max-mb 放宽）。", o.mb),
                    Abort::Stack => eprintln!("{name}: 文件结构嵌套过深，读取时超出程序的栈空间，已停止。"),
                    // Killed from outside (the system short of memory, a user's kill): not
                    // something the file is known to have caused.
                    Abort::Unknown => eprintln!("{name}: 检查进程被系统终止（信号 {}），此文件未能完成检查；可稍后单独重试。", signal.map_or_else(|| "未知".to_string(), |n| n.to_string())),
                }
                unreadable = true;
            }
        }
    }
    if o.json {
        let _ = writeln!(stdout.lock(), "{}]", if first_row { "" } else { "\n" });
    }
    if unreadable {
        2
    } else if any_errors {
        1
    } else {
        0
    }
}

/// Refuses what is not a regular file (a directory, a FIFO, a device such as /dev/zero) and a
/// file over [`MAX_FILE`], before reading a byte.
fn regular_file(file: &OsStr) -> Result<(), String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("无法读取文件：{e}"))?;
    if !meta.is_file() {
        return Err("不是普通文件（是目录、管道或设备），不予读取。".into());
    }
    if meta.len() > MAX_FILE {
        return Err(format!("文件超过 {} MB，不予读取。", MAX_FILE / 1024 / 1024));
    }
    Ok(())
}

/// Caps this process's address space at `mb` megabytes: past it an allocation fails and the
/// process aborts, which the parent reports as too complex.
#[cfg(unix)]
fn cap_memory(mb: u64) {
    let bytes = mb.saturating_mul(1024 * 1024);
    let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
    // SAFETY: setrlimit only reads the struct passed by reference.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn cap_memory(_mb: u64) {}

/// Reads at most [`MAX_FILE`] + 1 bytes of a regular file.
fn read_file(file: &OsStr) -> Result<Vec<u8>, String> {
    use std::io::Read;
    regular_file(file)?;
    let f = std::fs::File::open(file).map_err(|e| format!("无法读取文件：{e}"))?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE + 1).read_to_end(&mut bytes).map_err(|e| format!("无法读取文件：{e}"))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!("文件超过 {} MB，不予读取。", MAX_FILE / 1024 / 1024));
    }
    Ok(bytes)
}

/// The child: checks its one file and prints its lines (rows, in JSON mode) on stdout.
fn child(o: &Options, mb: u64) -> u8 {
    // A panic is reported by the loop below in Chinese (内部错误), not as Rust's English text.
    std::panic::set_hook(Box::new(|_| {}));
    cap_memory(mb);
    install_packs(&o.pack_files, true);
    let forced_pack = o.forced.as_deref().and_then(rules::find);
    let mut code = 0;
    for file in &o.files {
        let name = file.to_string_lossy();
        let result = std::panic::catch_unwind(|| match &o.to {
            Some((kind, dir)) => convert_one(file, &name, *kind, dir).map(|()| false),
            None => check_one(file, &name, o.json, forced_pack),
        });
        code = code.max(match result {
            Ok(Ok(errors)) => u8::from(errors),
            Ok(Err(message)) => {
                eprintln!("{name}: {message}");
                2
            }
            Err(_) => {
                eprintln!("{name}: 读取时发生内部错误，已跳过此文件。");
                2
            }
        });
    }
    code
}

/// What one file holds: a 自评 report (with its unknown fields and the recogniser's notes), or a
/// 部门决算 (issue 24).
enum Read {
    Report(Report, Vec<String>, Vec<String>),
    Accounts(Box<jixiao::model::final_accounts::FinalAccounts>),
}

/// Reads and recognises one file of either family.
fn read_any(file: &OsStr, name: &str) -> Result<Read, String> {
    let bytes = read_file(file)?;
    // As the browser: a file named .json, or one that starts as JSON, is a report, refused past 5 MB.
    let named_json = std::path::Path::new(file).extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if bytes.len() > MAX_JSON && (named_json || jixiao_office::import::looks_like_json(&bytes[..64])) {
        let megabytes = jixiao::model::num::megabytes(bytes.len() as u64);
        return Err(format!("文件有 {megabytes} MB，超过 5 MB，不像是绩效自评报告文件，未读取。"));
    }
    Ok(match open(name, &bytes, &decode).map_err(|e| e.to_string())? {
        Opened::Saved(loaded) => Read::Report(loaded.report, loaded.unknown_fields, Vec::new()),
        Opened::FinalAccounts(fa) => Read::Accounts(fa),
        Opened::Tables(preview) => {
            // As the import preview says it: the 自评报告 (table 0) is no table of the file.
            let mut notes: Vec<String> = preview.tables.iter().map(|t| if t.table == 0 { format!("识别到{}", t.what) } else { format!("识别到{}（表 {}）", t.what, t.table) }).collect();
            notes.extend(preview.leftovers.iter().map(|l| format!("未识别：{l}")));
            notes.extend(preview.notes);
            Read::Report(preview.report, Vec::new(), notes)
        }
    })
}

/// Converts a 部门决算 into `dir`: the whole 决算公开 document (.docx), its tables with formulas
/// (.xlsx) or its saved JSON; CSV has no 决算 form.
fn convert_accounts(file: &OsStr, name: &str, fa: &jixiao::model::final_accounts::FinalAccounts, kind: Kind, dir: &OsStr) -> Result<(), String> {
    use jixiao::model::final_accounts::json;
    use jixiao_office::final_accounts::{word, xlsx};
    let stem = std::path::Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| format!("{}{}年度部门决算", fa.department, fa.year));
    let bytes = match kind {
        Kind::Docx => word::docx(fa),
        Kind::Xlsx => xlsx(fa),
        Kind::Json => json::save(fa).into_bytes(),
        Kind::Csv => return Err("部门决算没有 CSV 格式，请用 --to xlsx 导出其各表。".to_string()),
    };
    write_outputs(file, name, dir, vec![(format!("{stem}.{}", kind.name()), bytes)])
}

/// Converts one file into `dir` with the app's own writers and prints `FILE → OUTPUT` per file
/// written.
fn convert_one(file: &OsStr, name: &str, kind: Kind, dir: &OsStr) -> Result<(), String> {
    use jixiao::model::exchange::{csv, json};
    use jixiao_office::write;
    let report = match read_any(file, name)? {
        Read::Report(report, _, _) => report,
        Read::Accounts(fa) => return convert_accounts(file, name, &fa, kind, dir),
    };
    let stem = std::path::Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| json::file_stem(&report));
    let outputs: Vec<(String, Vec<u8>)> = match kind {
        Kind::Docx | Kind::Xlsx => {
            let bytes = write::write_file(kind.name(), &json::save(&report, None), &write::DocxOptions::default())?;
            vec![(format!("{stem}.{}", kind.name()), bytes)]
        }
        Kind::Json => vec![(format!("{stem}.json"), json::save(&report, None).into_bytes())],
        Kind::Csv => {
            let evaluation = finding_scope::shown(&report, evaluate(&report), None);
            let tables: Vec<(String, Vec<u8>)> = report
                .scored_tables()
                .into_iter()
                .filter_map(|(path, _)| {
                    let text = csv::scored_table(&report, &evaluation, &path)?;
                    let label = finding_scope::table_label(&report, &path).replace(['：', '/', '\\'], "-");
                    Some((format!("{stem}-{label}.csv"), text.into_bytes()))
                })
                .collect();
            if tables.is_empty() {
                return Err("没有可导出为 CSV 的评分表（部门整体或项目支出绩效自评表）。".to_string());
            }
            tables
        }
    };
    write_outputs(file, name, dir, outputs)
}

/// Writes the converted files into `dir`, never over the input, and prints `FILE → OUTPUT` each.
fn write_outputs(file: &OsStr, name: &str, dir: &OsStr, outputs: Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let input = std::fs::canonicalize(file).ok();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (file_name, bytes) in outputs {
        let target = std::path::Path::new(dir).join(&file_name);
        if input.is_some() && std::fs::canonicalize(&target).ok() == input {
            return Err(format!("输出文件 {} 就是输入文件本身，未覆盖；请换一个输出文件夹。", target.display()));
        }
        std::fs::write(&target, bytes).map_err(|e| format!("无法写入 {}：{e}", target.display()))?;
        let _ = writeln!(out, "{name} → {}", target.display());
    }
    Ok(())
}

/// Reads, recognises and checks one file, printing its result; `Ok(true)` when it has errors.
fn check_one(file: &OsStr, name: &str, as_json: bool, forced_pack: Option<&'static rules::RulePack>) -> Result<bool, String> {
    let (report, unknown_fields, notes) = match read_any(file, name)? {
        Read::Report(report, unknown, notes) => (report, unknown, notes),
        Read::Accounts(fa) => return Ok(print_final_accounts(name, &fa, as_json)),
    };
    let evaluation = match forced_pack {
        Some(pack) => evaluate_with(&report, pack),
        None => evaluate(&report),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if as_json {
        for row in json_rows(name, &report, &evaluation) {
            let _ = writeln!(out, "{row}");
        }
    } else {
        print_text(&mut out, name, &report, &evaluation);
        for field in &unknown_fields {
            let _ = writeln!(out, "  提示 {field}: 本版本不认识该字段，已忽略");
        }
        for note in &notes {
            let _ = writeln!(out, "  说明 {note}");
        }
    }
    let _ = out.flush();
    Ok(evaluation.count(Severity::Error) > 0)
}

/// A 部门决算 (issue 24): one line (or JSON row) per table plus the 说明; `true` when it has errors.
fn print_final_accounts(file: &str, fa: &jixiao::model::final_accounts::FinalAccounts, as_json: bool) -> bool {
    let rows = jixiao::model::final_accounts::check::check_rows(fa);
    let count = |fs: &[jixiao::model::Finding], s: Severity| fs.iter().filter(|f| f.severity == s).count();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut errors = 0;
    if !as_json {
        let all: Vec<jixiao::model::Finding> = rows.iter().flat_map(|r| r.findings.clone()).collect();
        let _ = writeln!(out, "{file}\t{}\t部门决算 {}\t错误 {}\t警告 {}", fa.department, fa.year, count(&all, Severity::Error), count(&all, Severity::Warning));
    }
    for r in &rows {
        errors += count(&r.findings, Severity::Error);
        if as_json {
            let findings: Vec<Value> = r.findings.iter().map(|f| json!({"code": f.code, "severity": f.severity, "path": f.path, "message": f.message})).collect();
            let row = json!({"file": file, "department": fa.department, "kind": "final_accounts", "year": fa.year, "table": r.label, "path": r.path,
                "errors": count(&r.findings, Severity::Error), "warnings": count(&r.findings, Severity::Warning), "findings": findings});
            let _ = writeln!(out, "{row}");
        } else {
            let _ = writeln!(out, "  {}\t错误 {}\t警告 {}", r.label, count(&r.findings, Severity::Error), count(&r.findings, Severity::Warning));
            for f in &r.findings {
                let _ = writeln!(out, "    {} [{}] {}", f.severity.label(), f.code, f.message);
            }
        }
    }
    let _ = out.flush();
    errors > 0
}

/// Text in a legacy encoding (GBK web pages) through encoding_rs.
fn decode(label: &str, bytes: &[u8]) -> Option<String> {
    jixiao_office::read::decode(label, bytes)
}

fn print_text(out: &mut impl Write, file: &str, report: &Report, evaluation: &Evaluation) {
    let figures = figures::of_report(report, evaluation);
    let first = figures.first();
    let dash = || "—".to_string();
    let _ = writeln!(
        out,
        "{file}\t{}\t{}\t填报总分 {}\t计算总分 {}\t{}\t错误 {}\t警告 {}",
        report.department,
        evaluation.rule_pack,
        first.map(|f| f.total.declared_text()).unwrap_or_else(dash),
        first.map(|f| f.total.computed_text()).unwrap_or_else(dash),
        first.and_then(|f| f.grade.computed.clone()).unwrap_or_else(dash),
        evaluation.count(Severity::Error),
        evaluation.count(Severity::Warning)
    );
    for f in figures.iter().skip(1) {
        let _ = writeln!(out, "  {}\t填报总分 {}\t计算总分 {}\t{}", f.label, f.total.declared_text(), f.total.computed_text(), f.grade.computed.clone().unwrap_or_else(dash));
    }
    for f in &evaluation.findings {
        let _ = writeln!(out, "  {} [{}] {}: {}", f.severity.label(), f.code, finding_scope::field_name(report, &f.path, true), f.message);
    }
}

fn json_rows(file: &str, report: &Report, evaluation: &Evaluation) -> Vec<Value> {
    let finding_json = |f: &&jixiao::model::Finding| {
        json!({"code": f.code, "severity": f.severity, "path": f.path, "field": finding_scope::field_name(report, &f.path, true), "message": f.message})
    };
    let figure = |f: &Figure| json!({"declared": f.declared.map(|_| f.declared_text()), "computed": f.computed.map(|_| f.computed_text()), "differs": f.differs()});
    let groups = evaluation.findings_by_table();
    let mut rows = Vec::new();
    for f in figures::of_report(report, evaluation) {
        rows.push(json!({
            "file": file,
            "department": report.department,
            "table": f.label,
            "path": f.path,
            "rule_pack": evaluation.rule_pack,
            "rule_pack_hash": evaluation.rule_pack_hash,
            "declared_total": f.total.declared.map(|_| f.total.declared_text()),
            "computed_total": f.total.computed.map(|_| f.total.computed_text()),
            "declared_grade": f.grade.declared,
            "grade": f.grade.computed,
            "rate": figure(&f.rate),
            "budget_score": figure(&f.budget_score),
            "rows": f.rows.iter().map(|r| json!({"path": r.path, "place": r.place, "score": figure(&r.score)})).collect::<Vec<_>>(),
            "differences": f.why(),
            "findings": Evaluation::group(&groups, Some(f.path.as_str())).iter().map(finding_json).collect::<Vec<_>>(),
        }));
    }
    rows.push(json!({
        "file": file,
        "department": report.department,
        "table": "报告",
        "path": "",
        "rule_pack": evaluation.rule_pack,
        "rule_pack_hash": evaluation.rule_pack_hash,
        "declared_total": null,
        "computed_total": null,
        "declared_grade": null,
        "grade": null,
        "findings": Evaluation::group(&groups, None).iter().map(finding_json).collect::<Vec<_>>(),
    }));
    rows
}
