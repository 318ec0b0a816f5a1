//! `aula package`: the course as a SCORM package for an LMS, atomically.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::CourseArgs;
use crate::commands::{fail, plural, timed, warn};
use crate::outputs::lms::Format;
use crate::pipeline::Options;

/// Arguments of `aula package`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub course: CourseArgs,
    /// The SCORM version the LMS takes
    #[arg(long, value_enum)]
    pub format: Format,
    /// The zip to write, instead of ID-FORMAT.zip in the course folder
    #[arg(long, short, value_name = "FILE.zip")]
    pub output: Option<PathBuf>,
}

/// Packages, then prints one summary line or every error.
pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let options = Options {
        root: args.course.root,
        output: None,
        drafts: args.course.drafts,
        live_reload: false,
    };
    let (result, elapsed) = timed(|| crate::package::package(options, args.format, args.output));
    match result {
        Ok(packaged) => {
            warn(&packaged.stats.warnings);
            println!(
                "Packaged {} ({}, {}) as {} into {} ({} KB) in {} ms",
                plural(packaged.stats.pages, "page", "pages"),
                plural(packaged.stats.modules, "module", "modules"),
                plural(packaged.stats.quizzes, "quiz", "quizzes"),
                args.format.name(),
                packaged.file.display(),
                packaged.bytes.div_ceil(1000),
                elapsed.as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => Ok(fail(&errors)),
    }
}
