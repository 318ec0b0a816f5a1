//! `aula check`: every problem a build would find, without writing anything.

use std::process::ExitCode;

use crate::cli::CourseArgs;
use crate::commands::{fail, plural, timed, warn};
use crate::pipeline::Options;

/// Arguments of `aula check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub course: CourseArgs,
}

/// Checks, then prints one summary line or every error.
pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let options = Options {
        root: args.course.root,
        drafts: args.course.drafts,
        ..Options::default()
    };
    let (result, elapsed) = timed(|| crate::check::check(options));
    match result {
        Ok(checked) => {
            warn(&checked.warnings);
            println!(
                "No errors in {} ({} ms)",
                plural(checked.pages, "page", "pages"),
                elapsed.as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => Ok(fail(&errors)),
    }
}
