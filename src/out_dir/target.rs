//! Where a build may write: never over the course, nor into a folder aula reads, however
//! the output is reached (symbolic links, `..`, relative paths), and only over a folder that
//! aula made. Every refusal is a diagnostic naming the paths and what to do.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::made_by_aula::{judge, Verdict, MARKER};
use super::CommitError;
use crate::diagnostic::Diagnostic;
use crate::locate::Location;
use crate::paths::{normalize, resolve, slashed};

/// Where the output folder was named, which is where the author changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NamedBy {
    /// `--output` on the command line.
    Option,
    /// `output_dir` in site.toml.
    Config,
}

/// The output folder of a build: as the author named it, and where it really is.
#[derive(Debug)]
pub(crate) struct Target {
    shown: PathBuf,
    resolved: PathBuf,
    named_by: NamedBy,
    /// Where site.toml sets `output_dir`, for errors about an output it named.
    setting: Option<Box<Location>>,
}

/// The folders under the course root that aula reads.
const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

impl Target {
    /// The output `path`, named by `named_by`, with its symbolic links resolved. `setting` is
    /// where site.toml names it, if it does.
    pub(crate) fn new(
        path: &Path,
        named_by: NamedBy,
        setting: Option<Box<Location>>,
    ) -> Result<Target, Diagnostic> {
        let mut target = Target {
            shown: path.to_path_buf(),
            resolved: PathBuf::new(),
            named_by,
            setting,
        };
        target.resolved = resolve(path).map_err(|e| {
            target.error(
                format!(
                    "cannot find where the output folder `{}` is: {e}",
                    target.show()
                ),
                format!("choose another {}", target.option()),
            )
        })?;
        Ok(target)
    }

    /// Where the output really is: what the build writes to.
    pub(crate) fn path(&self) -> &Path {
        &self.resolved
    }

    /// Refuses an output that is, or holds, the course at `root` or anything aula reads
    /// there (site.toml, the folders of [`SOURCE_FOLDERS`], the theme `theme` in use), or
    /// that lies inside one of those folders; and one that cannot be made because a file
    /// stands where a folder on its way should be.
    pub(crate) fn check_place(&self, root: &Path, theme: &str) -> Result<(), Diagnostic> {
        let source = |rel: &str| {
            let shown = if rel.is_empty() {
                root.to_path_buf()
            } else if root == Path::new(".") {
                PathBuf::from(rel)
            } else {
                root.join(rel)
            };
            resolve(&shown).map(|resolved| (shown, resolved))
        };
        let refuse = |what: String| {
            self.error(
                format!("the output folder {} {what}", self.named()),
                "choose another output_dir or --output: aula replaces the output folder on every \
                 build, so it must not hold the course, nor lie inside content/, themes/, \
                 templates/ or static/ (`public` inside the course is fine)",
            )
        };
        let unreadable = |e: io::Error| {
            self.error(
                format!(
                    "cannot tell whether the output folder {} overlaps the course: {e}",
                    self.named()
                ),
                format!("choose another {}", self.option()),
            )
        };
        let (root_shown, root_real) = source("").map_err(unreadable)?;
        // `.` says little in a message: the course is always named with where it is.
        let course = format!("`{}` ({})", slashed(&root_shown), root_real.display());
        if root_real == self.resolved {
            return Err(refuse(format!(
                "contains the course itself: it is the course folder {course}"
            )));
        }
        if root_real.starts_with(&self.resolved) {
            return Err(refuse(format!("contains the course itself, {course}")));
        }
        let (file_shown, file_real) = source("site.toml").map_err(unreadable)?;
        if file_real.starts_with(&self.resolved) {
            return Err(refuse(format!(
                "contains the course's site.toml, {}",
                named(&file_shown, &file_real)
            )));
        }
        let theme_dir = format!("themes/{theme}");
        let folders = SOURCE_FOLDERS
            .iter()
            .map(|dir| (format!("the course's {dir}/ folder"), dir.to_string()))
            .chain([("the theme folder in use".to_string(), theme_dir)]);
        for (what, rel) in folders {
            let (shown, real) = source(&rel).map_err(unreadable)?;
            if self.resolved.starts_with(&real) {
                return Err(refuse(format!(
                    "is inside {what}, {}",
                    named(&shown, &real)
                )));
            }
            if real.starts_with(&self.resolved) {
                return Err(refuse(format!("contains {what}, {}", named(&shown, &real))));
            }
        }
        self.check_way()
    }

    /// The nearest part of the output's path that exists must be a folder, or the folders
    /// cannot be made.
    fn check_way(&self) -> Result<(), Diagnostic> {
        let existing = self
            .shown
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .find(|a| fs::metadata(a).is_ok());
        match existing {
            Some(file) if !file.is_dir() => Err(self.error(
                format!(
                    "cannot make the output folder `{}`: `{}` is a file",
                    self.show(),
                    slashed(file)
                ),
                format!("choose another {}", self.option()),
            )),
            _ => Ok(()),
        }
    }

    /// Refuses to replace what is at the output path unless aula made it: checked while
    /// holding the lock that builds writing there take, so no other build is changing it.
    pub(crate) fn check_replaceable(&self) -> Result<(), Diagnostic> {
        let verdict = judge(&self.resolved).map_err(|e| {
            self.error(
                format!("cannot read the output folder {}: {e}", self.named()),
                format!("choose another {}", self.option()),
            )
        })?;
        let option = self.option();
        match verdict {
            Verdict::Missing | Verdict::Replaceable => Ok(()),
            Verdict::NotAFolder { is_file } => Err(self.error(
                format!(
                    "the output folder {} is {}, not a folder",
                    self.named(),
                    if is_file { "a file" } else { "something else" }
                ),
                format!("remove it or choose another {option}"),
            )),
            Verdict::NotMadeByAula => Err(self.error(
                format!(
                    "`{}/` exists and was not made by aula: empty it or choose another {option}",
                    self.show().trim_end_matches('/')
                ),
                format!(
                    "aula replaces its output folder, with everything in it, on every build, so \
                     it writes only into an empty folder or one it made (which holds `{MARKER}`)"
                ),
            )),
            Verdict::HoldsRepository(repository) => Err(self.error(
                format!(
                    "`{}/` holds `{repository}`, which aula did not write",
                    self.show().trim_end_matches('/')
                ),
                format!(
                    "aula replaces its output folder, with everything in it, on every build: \
                     choose another {option}, and copy the site into the repository from there"
                ),
            )),
        }
    }

    /// The error of a staging folder that could not be made beside the output.
    pub(crate) fn cannot_stage(&self, e: io::Error) -> Diagnostic {
        self.error(
            format!(
                "cannot make a temporary folder beside the output folder {}: {e}",
                self.named()
            ),
            format!(
                "aula writes the site there and then swaps it in: the folder that holds {} \
                 must be writable, or choose another {}",
                self.show(),
                self.option()
            ),
        )
    }

    /// The error of a swap that failed, or of an old site that could not be deleted.
    pub(crate) fn cannot_commit(&self, e: CommitError) -> Diagnostic {
        match e {
            CommitError::Swap(e) => self.error(
                format!("cannot put the new site in place at {}: {e}", self.named()),
                "the previous site is still there; check that its folder can be renamed",
            ),
            CommitError::RemoveOld(old, e) => self.error(
                format!(
                    "the new site is in place at {}, but the old one could not be deleted from {}: {e}",
                    self.named(),
                    old.display()
                ),
                "the next build tries again; delete it by hand if it keeps failing",
            ),
            CommitError::Parked(old, e) => self.error(
                format!(
                    "cannot put the new site in place at {}, nor the previous one back: it is parked at {}: {e}",
                    self.named(),
                    old.display()
                ),
                "the next build puts it back; or rename it back by hand, once the folder can be renamed",
            ),
        }
    }

    /// A diagnostic about the output, at the place where it was named.
    fn error(&self, message: String, hint: impl Into<String>) -> Diagnostic {
        let d = match (self.named_by, &self.setting) {
            (NamedBy::Option, _) => Diagnostic::new(&self.shown, message),
            (NamedBy::Config, None) => Diagnostic::new("site.toml", message),
            (NamedBy::Config, Some(at)) => {
                Diagnostic::new("site.toml", message).located(Location::clone(at))
            }
        };
        d.with_hint(hint)
    }

    fn option(&self) -> &'static str {
        match self.named_by {
            NamedBy::Option => "--output",
            NamedBy::Config => "output_dir",
        }
    }

    fn show(&self) -> String {
        slashed(&self.shown)
    }

    fn named(&self) -> String {
        named(&self.shown, &self.resolved)
    }
}

/// A path as the author wrote it, and where it really is when symbolic links make that
/// another place than it reads.
fn named(shown: &Path, resolved: &Path) -> String {
    let reads = std::path::absolute(shown).map(|p| normalize(&p));
    if reads.is_ok_and(|p| p == resolved) {
        format!("`{}`", slashed(shown))
    } else {
        format!("`{}` ({})", slashed(shown), resolved.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(root: &Path, output: &Path) -> Option<String> {
        let target = Target::new(output, NamedBy::Option, None).unwrap();
        target.check_place(root, "aula").err().map(|d| d.message)
    }

    #[test]
    fn the_course_and_its_sources_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        fs::create_dir_all(root.join("content")).unwrap();
        for (output, says) in [
            (root.clone(), "contains the course itself"),
            (dir.path().to_path_buf(), "contains the course itself"),
            (
                root.join("content/out"),
                "inside the course's content/ folder",
            ),
            (
                root.join("static/../themes/aula/x"),
                "inside the course's themes/ folder",
            ),
        ] {
            let message = refused(&root, &output).unwrap_or_default();
            assert!(message.contains(says), "{}: {message}", output.display());
        }
        assert_eq!(refused(&root, &root.join("public")), None);
        assert_eq!(refused(&root, &dir.path().join("site")), None);
    }
}
