//! How a file's child process ended when it gave no exit code: the Rust runtime's own last lines
//! (in English, about the program rather than the file) are kept off the user's screen and say
//! whether an allocation past `--max-mb` failed or the stack overflowed; otherwise the signal
//! came from outside.

/// Why a child stopped without an exit code, from the runtime's own last words.
#[derive(Clone, Copy)]
pub enum Abort {
    /// An allocation past `--max-mb` failed.
    Memory,
    /// The stack overflowed (deep nesting).
    Stack,
    /// Nothing said: a signal from outside.
    Unknown,
}

impl Abort {
    pub fn of(line: &str) -> Abort {
        if line.starts_with("memory allocation of ") {
            Abort::Memory
        } else if line.contains("has overflowed its stack") {
            Abort::Stack
        } else {
            Abort::Unknown
        }
    }
}

/// A line the Rust runtime writes when it aborts the child (out of memory, stack overflow), in
/// English and about the program rather than the file; the child's own messages are Chinese and
/// start with the file's name.
pub fn runtime_line(line: &str) -> bool {
    line.is_empty()
        || line.starts_with("memory allocation of ") && line.ends_with(" failed")
        || line.starts_with("thread '") && line.contains("has overflowed its stack")
        || line.starts_with("fatal runtime error:")
        || line.starts_with("skipping backtrace printing")
        || line.starts_with("stack backtrace:")
        || line.starts_with("note: ")
        // Backtrace frames: "  12: std::…" and "             at /rustc/…".
        || line.starts_with(' ') && line.trim_start().split_once(": ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        || line.starts_with(' ') && line.trim_start().starts_with("at ")
}

/// The signal that ended the child, if one did.
#[cfg(unix)]
pub fn killed_by_signal(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
pub fn killed_by_signal(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_child_is_named_by_what_the_runtime_said() {
        assert!(matches!(Abort::of("memory allocation of 4294967296 bytes failed"), Abort::Memory));
        assert!(matches!(Abort::of("thread 'main' has overflowed its stack"), Abort::Stack));
        // A signal from outside leaves no runtime line, or only a backtrace note.
        assert!(matches!(Abort::of("note: run with `RUST_BACKTRACE=1`"), Abort::Unknown));
        assert!(runtime_line("memory allocation of 8 bytes failed") && !runtime_line("a.docx: 无法读取文件"));
    }
}
