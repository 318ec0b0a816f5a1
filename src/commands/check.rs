//! `aula check`: every problem a build would find, without writing anything.

use std::process::ExitCode;

use crate::cli::CourseArgs;
use crate::commands::{fail, plural, warn};
use crate::site::{timed, Options, Site};

/// Arguments of `aula check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub course: CourseArgs,
}

/// Runs the pipeline up to the templates, then renders every page in memory so template
/// and UI-string errors are found too, even when links are broken.
pub fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let options = Options {
        root: args.course.root,
        drafts: args.course.drafts,
        ..Options::default()
    };
    let (result, elapsed) = timed(|| {
        // Where a build would write is checked too, whatever the course's state.
        let output = crate::build::output_problem(&options);
        let mut site = Site::open(options).map_err(|mut errors| {
            errors.extend(output.clone());
            errors
        })?;
        let mut errors = site.problems();
        errors.extend(output);
        if errors.is_empty() {
            Ok(site)
        } else {
            Err(errors)
        }
    });
    match result {
        Ok(site) => {
            warn(&site.config.warnings());
            println!(
                "No errors in {} ({} ms)",
                plural(site.course.pages.len(), "page", "pages"),
                elapsed.as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => Ok(fail(&errors)),
    }
}
