//! `aula build`: the course into its output folder, atomically.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::CourseArgs;
use crate::commands::{fail, plural, timed, warn};
use crate::pipeline::Options;

/// Arguments of `aula build`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub course: CourseArgs,
    /// Where to write the site, instead of site.toml's output_dir
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Builds, then prints one summary line or every error.
pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let options = Options {
        root: args.course.root,
        output: args.output,
        drafts: args.course.drafts,
        live_reload: false,
    };
    let (result, elapsed) = timed(|| crate::build::build(options).map(|b| b.free_in_background()));
    match result {
        Ok((stats, target)) => {
            warn(&stats.warnings);
            let languages = match stats.languages.len() {
                0 | 1 => String::new(),
                n => format!(" in {n} languages ({})", stats.languages.join(", ")),
            };
            println!(
                "Built {} ({}, {}){languages} into {} in {} ms",
                plural(stats.pages, "page", "pages"),
                plural(stats.modules, "module", "modules"),
                plural(stats.quizzes, "quiz", "quizzes"),
                target.display(),
                elapsed.as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => Ok(fail(&errors)),
    }
}
