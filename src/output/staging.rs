//! The staging folder a build writes into, beside the output, and the swap that puts it in
//! place.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::made_by_aula::mark;

/// A temporary output folder that becomes the real one on [`Staging::commit`], and is
/// removed if dropped before that.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty temporary folder next to `target`.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.aula-tmp-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        let staging = Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
        };
        mark(&staging.dir)?;
        Ok(staging)
    }

    /// Where to write.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the target with the staged folder. The old output is moved aside first and
    /// deleted last, so there is always a complete site at the target path or beside it.
    pub fn commit(self) -> io::Result<()> {
        match self.swap()? {
            Some(old) => fs::remove_dir_all(old),
            None => Ok(()),
        }
    }

    /// Like [`Staging::commit`], but deletes the old output on another thread: `aula serve`
    /// announces the new site without waiting for thousands of files to be deleted.
    pub fn commit_in_background(self) -> io::Result<()> {
        if let Some(old) = self.swap()? {
            std::thread::spawn(move || fs::remove_dir_all(old));
        }
        Ok(())
    }

    /// Puts the staged folder in place; returns where the old output was moved.
    fn swap(mut self) -> io::Result<Option<PathBuf>> {
        // Numbered, as an old output may still be being deleted in the background.
        static SWAPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let old = self.dir.with_file_name(format!(
            ".{}.aula-old-{}-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id(),
            SWAPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let had_old = match fs::symlink_metadata(&self.target) {
            Ok(m) if m.is_dir() => {
                fs::rename(&self.target, &old)?;
                true
            }
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists and is not a folder", self.target.display()),
                ));
            }
            Err(_) => false,
        };
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                fs::rename(&old, &self.target).ok();
            }
            return Err(e);
        }
        self.committed = true;
        Ok(had_old.then_some(old))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            fs::remove_dir_all(&self.dir).ok();
        }
    }
}
