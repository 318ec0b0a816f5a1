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
        let mut site = Site::open(options)?;
        site.render_markdown();
        let mut errors = site.errors();
        errors.extend(site.check_templates().err().unwrap_or_default());
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
