//! One file per command, each with its `Args` and an `execute`.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod package;
pub(crate) mod serve;

use std::process::ExitCode;

use crate::diagnostic::{report, Diagnostic};

/// Prints every diagnostic to stderr and returns the failure exit code.
pub(crate) fn fail(diagnostics: &[Diagnostic]) -> ExitCode {
    eprint!("{}", report(diagnostics));
    ExitCode::FAILURE
}

/// Prints the warnings of a command that succeeded, if any, to stderr.
pub(crate) fn warn(warnings: &[Diagnostic]) {
    if !warnings.is_empty() {
        eprint!("{}", report(warnings));
    }
}

/// Times a closure, for the summary line.
pub(crate) fn timed<T>(f: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let start = std::time::Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// "1 page" / "2 pages"; `plural_form` for irregular words like quiz.
pub(crate) fn plural(n: usize, word: &str, plural_form: &str) -> String {
    format!("{n} {}", if n == 1 { word } else { plural_form })
}
