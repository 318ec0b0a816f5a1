//! The output folder: a build renders into a staging folder beside the output and swaps it
//! in only when everything succeeded ([`Staging`]), into a folder that aula may replace
//! ([`Target`]), so a failed, killed or concurrent build never costs the author a file.

mod leftovers;
mod lock;
mod made_by_aula;
mod staging;
mod target;

pub(crate) use staging::{CommitError, Staging};
pub(crate) use target::{NamedBy, Target};

use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{output_dir, Options};

/// The output folder of a build with `options`, checked against the course's own folders,
/// and as the author named it.
pub(crate) fn target(options: &Options, config: &Config) -> Result<(Target, PathBuf), Diagnostic> {
    let shown = output_dir(options, config);
    let named_by = match options.output {
        Some(_) => NamedBy::Option,
        None => NamedBy::Config,
    };
    let setting = match named_by {
        NamedBy::Config => config.error_at_key("output_dir", "").location,
        NamedBy::Option => None,
    };
    let target = Target::new(&shown, named_by, setting)?;
    target.check_place(&options.root, &config.theme)?;
    Ok((target, shown))
}

/// What would stop a build with `options` from writing its output, found without writing:
/// for `aula check`, and for a build whose course has errors.
pub(crate) fn problem(options: &Options) -> Option<Diagnostic> {
    let config = Config::load_lenient(&options.root).0?;
    target(options, &config)
        .and_then(|(target, _)| target.check_replaceable())
        .err()
}
