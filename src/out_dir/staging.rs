//! The staging folder a build writes into, beside the output, and the swap that puts it in
//! place: in one step where the system can exchange two folders, so that a build killed at
//! any instant leaves either the old site or the new one at the output path.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::leftovers::{parked_name, staging_name, sweep};
use super::lock::FolderLock;
use super::made_by_aula::mark;

/// A temporary output folder that becomes the real one on [`Staging::commit`], and is
/// removed if dropped before that. While it lives, it holds the lock on the folder that
/// holds the output, so another build into it waits.
pub(crate) struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Declared last, so it is released after `drop` has removed an uncommitted folder.
    _lock: Option<FolderLock>,
}

/// Why [`Staging::commit`] failed.
#[derive(Debug)]
pub(crate) enum CommitError {
    /// The new site could not be put in place; the old one is still there.
    Swap(io::Error),
    /// The new site is in place, but the old one, parked at this path, could not be deleted.
    /// The next build tries again.
    RemoveOld(PathBuf, io::Error),
    /// The new site could not be put in place, nor the old one back from where it was
    /// parked: it is at this path, and the next build puts it back.
    Parked(PathBuf, io::Error),
}

impl From<io::Error> for CommitError {
    fn from(e: io::Error) -> Self {
        CommitError::Swap(e)
    }
}

impl Staging {
    /// Creates an empty temporary folder next to `target`, waiting for any other build that
    /// writes beside it.
    pub(crate) fn new(target: &Path) -> io::Result<Staging> {
        Staging::with_wait_note(target, || {})
    }

    /// Like [`Staging::new`], calling `on_wait` first when it has to wait for another build.
    /// Before making its folder, it removes what builds that are gone left beside `target`.
    pub(crate) fn with_wait_note(target: &Path, on_wait: impl FnOnce()) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let lock = FolderLock::acquire(parent, on_wait)?;
        if lock.is_some() {
            sweep(parent);
        }
        let dir = parent.join(staging_name(&output_name(target)));
        // Left by an earlier process that had the same id.
        if fs::symlink_metadata(&dir).is_ok() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        let staging = Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
            _lock: lock,
        };
        mark(&staging.dir)?;
        Ok(staging)
    }

    /// Where to write.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the target with the staged folder, then deletes the old output.
    pub(crate) fn commit(mut self) -> Result<(), CommitError> {
        match self.swap(exchange)? {
            Some(old) => fs::remove_dir_all(&old).map_err(|e| CommitError::RemoveOld(old, e)),
            None => Ok(()),
        }
    }

    /// Like [`Staging::commit`], but deletes the old output on another thread: `aula serve`
    /// announces the new site without waiting for thousands of files to be deleted.
    pub(crate) fn commit_in_background(mut self) -> io::Result<()> {
        let swapped = self.swap(exchange).map_err(|e| match e {
            CommitError::Swap(e) | CommitError::RemoveOld(_, e) => e,
            CommitError::Parked(old, e) => io::Error::new(
                e.kind(),
                format!("{e}; the old site is parked at {}", old.display()),
            ),
        })?;
        if let Some(old) = swapped {
            std::thread::spawn(move || fs::remove_dir_all(old));
        }
        Ok(())
    }

    /// Puts the staged folder in place with `exchange` (or, where it cannot, with two
    /// renames); returns where the old output now is.
    fn swap(
        &mut self,
        exchange: fn(&Path, &Path) -> io::Result<bool>,
    ) -> Result<Option<PathBuf>, CommitError> {
        // Numbered, as an old output may still be being deleted in the background.
        static SWAPS: AtomicUsize = AtomicUsize::new(0);
        let old = self.dir.with_file_name(parked_name(
            &output_name(&self.target),
            SWAPS.fetch_add(1, Ordering::Relaxed),
        ));
        match fs::symlink_metadata(&self.target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::rename(&self.dir, &self.target)?;
                self.committed = true;
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
            Ok(m) if !m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists and is not a folder", self.target.display()),
                )
                .into());
            }
            Ok(_) => {}
        }
        if exchange(&self.dir, &self.target)? {
            self.committed = true;
            // The staging folder's name now holds the old site. Parked under a name of its
            // own, it is out of the way of the next staging folder; if that fails, it is
            // deleted from where it is.
            return Ok(Some(match fs::rename(&self.dir, &old) {
                Ok(()) => old,
                Err(_) => self.dir.clone(),
            }));
        }
        // Between these two renames there is no site at the target. The next build puts
        // the parked one back if this one is killed there (see `sweep`).
        fs::rename(&self.target, &old)?;
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            return Err(match fs::rename(&old, &self.target) {
                Ok(()) => CommitError::Swap(e),
                Err(_) => CommitError::Parked(old, e),
            });
        }
        self.committed = true;
        Ok(Some(old))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            fs::remove_dir_all(&self.dir).ok();
        }
    }
}

/// The file name of the output, which names its staging and parked folders.
fn output_name(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// Exchanges two folders in one step (renameat2 with RENAME_EXCHANGE). `Ok(false)` when
/// the file system does not know how, and two renames must do.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere two renames do.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap()
    }

    /// A swap in one step and one in two renames end the same way.
    fn replaces_the_old_site(exchange: fn(&Path, &Path) -> io::Result<bool>) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("index.html"), "old").unwrap();
        let mut staging = Staging::new(&target).unwrap();
        fs::write(staging.dir().join("index.html"), "new").unwrap();
        let old = staging.swap(exchange).unwrap().unwrap();
        assert_eq!(read(&target.join("index.html")), "new");
        assert!(target.join(super::super::made_by_aula::MARKER).is_file());
        assert_eq!(read(&old.join("index.html")), "old");
        assert!(
            !staging.dir().exists(),
            "the old site is parked under its own name"
        );
    }

    #[test]
    fn a_swap_in_one_step_replaces_the_old_site() {
        replaces_the_old_site(exchange);
    }

    #[test]
    fn a_swap_in_two_renames_replaces_the_old_site() {
        replaces_the_old_site(|_, _| Ok(false));
    }

    /// How often a watcher finds no site at the output path during 300 swaps.
    fn times_the_output_went_missing(exchange: fn(&Path, &Path) -> io::Result<bool>) -> usize {
        use std::sync::atomic::AtomicBool;
        use std::sync::Arc;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("index.html"), "first").unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let watcher = {
            let (stop, page) = (stop.clone(), target.join("index.html"));
            std::thread::spawn(move || {
                let mut missing = 0;
                while !stop.load(Ordering::Relaxed) {
                    missing += usize::from(!page.exists());
                }
                missing
            })
        };
        for round in 0..300 {
            let mut staging = Staging::new(&target).unwrap();
            fs::write(staging.dir().join("index.html"), format!("{round}")).unwrap();
            let old = staging.swap(exchange).unwrap();
            fs::remove_dir_all(old.unwrap()).unwrap();
        }
        stop.store(true, Ordering::Relaxed);
        watcher.join().unwrap()
    }

    /// With two renames, the watcher finds no site thousands of times in 300 swaps.
    #[test]
    fn the_output_never_goes_missing_during_a_swap() {
        let probe = tempfile::tempdir().unwrap();
        let (a, b) = (probe.path().join("a"), probe.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        if !exchange(&a, &b).unwrap() {
            return; // This file system takes two renames: nothing to test.
        }
        assert_eq!(times_the_output_went_missing(exchange), 0);
    }

    #[test]
    fn a_first_build_renames_its_folder_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new/public");
        let staging = Staging::new(&target).unwrap();
        fs::write(staging.dir().join("index.html"), "new").unwrap();
        staging.commit().unwrap();
        assert_eq!(read(&target.join("index.html")), "new");
        let names: Vec<_> = fs::read_dir(dir.path().join("new")).unwrap().collect();
        assert_eq!(names.len(), 1, "only the output is left");
    }

    #[test]
    fn an_abandoned_staging_folder_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public")).unwrap();
        let path = staging.dir().to_path_buf();
        assert!(path.is_dir());
        drop(staging);
        assert!(!path.exists());
    }

    #[test]
    fn deleting_in_the_background_leaves_the_next_staging_folder_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        for round in 0..3 {
            let staging = Staging::new(&target).unwrap();
            for i in 0..200 {
                fs::write(staging.dir().join(format!("{i}.html")), "x").unwrap();
            }
            fs::write(staging.dir().join("index.html"), round.to_string()).unwrap();
            staging.commit_in_background().unwrap();
            assert_eq!(read(&target.join("index.html")), round.to_string());
        }
    }
}
