//! `aula serve`: the authoring loop.

use std::process::ExitCode;

use crate::cli::CourseArgs;
use crate::serve::{self, ServeOptions};

/// Arguments of `aula serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub course: CourseArgs,
    /// Port to listen on; the next free one is taken if it is busy
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. The default serves this machine only; an address such as 0.0.0.0
    /// serves the network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the course in the default browser
    #[arg(long)]
    pub open: bool,
}

/// Serves until Ctrl-C.
pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    serve::run(ServeOptions {
        root: args.course.root,
        bind: args.bind,
        port: args.port,
        drafts: args.course.drafts,
        open: args.open,
    })?;
    Ok(ExitCode::SUCCESS)
}
