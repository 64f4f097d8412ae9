//! `jixiao-check` against hostile arguments and files: names that are not UTF-8, a FIFO, `--`,
//! unknown options, and a file past the time or memory allowance in the middle of good files
//! (the good files' rows are all in the streamed `--json` array).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::gen;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-adversarial-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seed(n: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/seeds/seed-{n}.json"))
}

/// Runs the checker; returns (exit code, stdout, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-check")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// The files named by the rows of a `--json` array.
fn files_of(stdout: &str) -> Vec<String> {
    let rows: serde_json::Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let mut files: Vec<String> = rows.as_array().unwrap().iter().map(|r| r["file"].as_str().unwrap().to_string()).collect();
    files.dedup();
    files
}

#[test]
fn options_dash_dash_and_unknown_options() {
    let (code, _, err) = run(&["--bogus".as_ref(), seed("000").as_os_str()]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的选项“--bogus”"), "{err}");
    // After `--`, `-h` and `--json` are file names.
    let dir = scratch("dash");
    let h = dir.join("-h");
    std::fs::copy(seed("000"), &h).unwrap();
    let (code, out, err) = run(&["--json".as_ref(), "--".as_ref(), h.as_os_str()]);
    assert_ne!(code, 2, "{err}");
    assert_eq!(files_of(&out), [h.to_string_lossy()]);
    let (code, _, err) = run(&["--max-seconds".as_ref(), "abc".as_ref(), h.as_os_str()]);
    assert_eq!(code, 2);
    assert!(err.contains("不是正整数"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_and_a_fifo_are_handled_and_the_batch_goes_on() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("names");
    // 报告.json in GBK, as unpacked from a Windows zip.
    let gbk = dir.join(std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.json"));
    std::fs::copy(seed("001"), &gbk).unwrap();
    let fifo = dir.join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let start = Instant::now();
    let (code, out, err) = run(&["--json".as_ref(), seed("000").as_os_str(), fifo.as_os_str(), "/dev/zero".as_ref(), gbk.as_os_str(), seed("003").as_os_str()]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("fifo: 不是普通文件"), "{err}");
    assert!(err.contains("/dev/zero: 不是普通文件"), "{err}");
    assert_eq!(files_of(&out), [seed("000").to_string_lossy(), gbk.to_string_lossy(), seed("003").to_string_lossy()]);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A file past the memory allowance (a million cells) and one past the time allowance sit
/// between good files: each is named as too complex and every good file keeps its rows.
#[cfg(unix)]
#[test]
fn a_file_past_its_allowance_is_stopped_and_the_good_files_keep_their_rows() {
    let dir = scratch("allowance");
    let big = dir.join("big.txt");
    std::fs::write(&big, "a\tb\tc\td\te\tf\tg\th\ti\n".repeat(100_000)).unwrap();
    let (code, out, err) = run(&["--json".as_ref(), "--max-mb".as_ref(), "48".as_ref(), seed("000").as_os_str(), big.as_os_str(), seed("001").as_os_str()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("big.txt: 文件过于复杂，读取所需内存超过 48 MB"), "{err}");
    assert_eq!(files_of(&out), [seed("000").to_string_lossy(), seed("001").to_string_lossy()]);

    // Linear but slow in a debug build: 9 million tags take several seconds.
    let slow = dir.join("slow.html");
    std::fs::write(&slow, gen::html_tags(9_000_000)).unwrap();
    let start = Instant::now();
    let (code, out, err) = run(&["--json".as_ref(), "--max-seconds".as_ref(), "1".as_ref(), seed("000").as_os_str(), slow.as_os_str(), seed("001").as_os_str()]);
    let took = start.elapsed();
    if err.contains("slow.html: 文件过于复杂") {
        assert!(err.contains("超过 1 秒"), "{err}");
        assert!(took < Duration::from_secs(8), "{took:?}");
    } else {
        // A fast machine (or an optimised build) read it within the second: nothing to stop.
        assert!(took < Duration::from_secs(3), "{took:?}: {err}");
    }
    assert_eq!(code, 2, "{err}");
    assert_eq!(files_of(&out), [seed("000").to_string_lossy(), seed("001").to_string_lossy()]);
    std::fs::remove_dir_all(dir).unwrap();
}

/// 20,000 tables in `--json`: every table used to scan all findings.
#[test]
fn twenty_thousand_tables_in_json_take_seconds_not_minutes() {
    let dir = scratch("tables");
    let file = dir.join("tables.json");
    std::fs::write(&file, gen::json_tables(20_000)).unwrap();
    let start = Instant::now();
    let (code, out, err) = run(&["--json".as_ref(), file.as_os_str()]);
    // Quadratic, it took 56 s in a release build: minutes in this debug one.
    assert!(start.elapsed() < Duration::from_secs(40), "{:?}", start.elapsed());
    assert_ne!(code, 2, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(20_001));
    std::fs::remove_dir_all(dir).unwrap();
}
