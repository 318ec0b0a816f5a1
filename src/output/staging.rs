//! The staging folder a build writes into, beside the output, and the swap that puts it in
//! place.

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
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Declared last, so it is released after `drop` has removed an uncommitted folder.
    _lock: Option<FolderLock>,
}

impl Staging {
    /// Creates an empty temporary folder next to `target`, waiting for any other build that
    /// writes beside it.
    pub fn new(target: &Path) -> io::Result<Staging> {
        Staging::with_wait_note(target, || {})
    }

    /// Like [`Staging::new`], calling `on_wait` first when it has to wait for another build.
    /// Before making its folder, it removes what builds that are gone left beside `target`.
    pub fn with_wait_note(target: &Path, on_wait: impl FnOnce()) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let lock = FolderLock::acquire(parent, on_wait);
        if lock.is_some() {
            sweep(parent, target);
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
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the target with the staged folder, then deletes the old output.
    pub fn commit(mut self) -> io::Result<()> {
        match self.swap()? {
            Some(old) => fs::remove_dir_all(old),
            None => Ok(()),
        }
    }

    /// Like [`Staging::commit`], but deletes the old output on another thread: `aula serve`
    /// announces the new site without waiting for thousands of files to be deleted.
    pub fn commit_in_background(mut self) -> io::Result<()> {
        if let Some(old) = self.swap()? {
            std::thread::spawn(move || fs::remove_dir_all(old));
        }
        Ok(())
    }

    /// Puts the staged folder in place; returns where the old output was moved. The old
    /// output is moved aside first, so there is always a complete site at the target path or
    /// beside it.
    fn swap(&mut self) -> io::Result<Option<PathBuf>> {
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
            Err(e) => return Err(e),
            Ok(m) if !m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists and is not a folder", self.target.display()),
                ));
            }
            Ok(_) => {}
        }
        // Between these two renames there is no site at the target. The next build puts
        // the parked one back if this one is killed there (see `sweep`).
        fs::rename(&self.target, &old)?;
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            fs::rename(&old, &self.target).ok();
            return Err(e);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap()
    }

    #[test]
    fn a_swap_replaces_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("index.html"), "old").unwrap();
        let mut staging = Staging::new(&target).unwrap();
        fs::write(staging.dir().join("index.html"), "new").unwrap();
        let old = staging.swap().unwrap().unwrap();
        assert_eq!(read(&target.join("index.html")), "new");
        assert!(target.join(crate::output::MARKER).is_file());
        assert_eq!(read(&old.join("index.html")), "old");
        assert!(
            !staging.dir().exists(),
            "the old site is parked under its own name"
        );
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
