//! `aula check`: every problem a build would find, without writing anything.

use std::process::ExitCode;

use crate::cli::CourseArgs;
use crate::commands::{fail, plural};
use crate::site::{timed, Options, Site};

/// Arguments of `aula check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub course: CourseArgs,
}

/// Runs the pipeline up to the templates, then renders every page in memory so template
/// and UI-string errors are found too.
pub fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let options = Options {
        root: args.course.root,
        drafts: args.course.drafts,
        ..Options::default()
    };
    let (result, elapsed) = timed(|| {
        let site = Site::load(options)?;
        site.check_templates()?;
        Ok::<_, Vec<_>>(site)
    });
    match result {
        Ok(site) => {
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
