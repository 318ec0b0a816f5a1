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

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::pipeline::Options;

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
    target.check_place(&options.root, &config.theme.name)?;
    Ok((target, shown))
}

/// What would stop a build with `options` of a course configured by `config` from writing
/// its output, found without writing: for `aula check`, and for a build whose course has
/// errors.
pub(crate) fn problem(options: &Options, config: &Config) -> Option<Diagnostic> {
    target(options, config)
        .and_then(|(target, _)| target.check_replaceable())
        .err()
}

/// Like [`problem`], for a course whose settings were not loaded with it: site.toml is read
/// again, and without settings there is nothing to say.
pub(crate) fn problem_unloaded(options: &Options) -> Option<Diagnostic> {
    problem(options, &Config::load_lenient(&options.root).0?)
}

/// Where a build with `options` writes the site of a course configured by `config`.
fn output_dir(options: &Options, config: &Config) -> PathBuf {
    match &options.output {
        Some(o) => o.clone(),
        None if options.root == Path::new(".") => config.output_dir.clone(),
        None => options.root.join(&config.output_dir),
    }
}
