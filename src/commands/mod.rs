//! One file per command, each with its `Args` and an `execute`.

pub mod build;
pub mod check;
pub mod init;

use std::process::ExitCode;

use crate::diagnostic::{report, Diagnostic};

/// Prints every diagnostic to stderr and returns the failure exit code.
pub(crate) fn fail(diagnostics: &[Diagnostic]) -> ExitCode {
    eprint!("{}", report(diagnostics));
    ExitCode::FAILURE
}

/// "1 page" / "2 pages".
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
