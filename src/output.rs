//! Writing the output atomically: a build renders into a temporary folder beside the output
//! and swaps it in only when everything succeeded, so a failed build leaves the previous
//! site exactly as it was.

use std::fs;
use std::io::{self, IoSlice, Write};
use std::path::{Path, PathBuf};

use crate::paths::normalize;

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
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
        })
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

/// Writes `bytes` to `dir/rel`, creating folders as needed: see [`write_pieces`].
pub fn write(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    write_pieces(dir, rel, &[bytes])
}

/// Writes `pieces`, one after the other, to `dir/rel`, creating folders as needed. An
/// existing file is overwritten in place and then cut to length, not truncated first:
/// truncating waits for the kernel to finish writing the old contents out, which made
/// `aula serve` rewriting every page after a template edit twice as slow as the first time.
pub fn write_pieces<P: AsRef<[u8]>>(dir: &Path, rel: &str, pieces: &[P]) -> io::Result<()> {
    let path = dir.join(rel);
    // A build writes every file new, and then open, write and close are all it takes: the
    // folder is made only when the open finds it missing, not checked for every file.
    let open_new = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
    };
    let opened = match (open_new(), path.parent()) {
        (Err(e), Some(parent)) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(parent)?;
            open_new()
        }
        (opened, _) => opened,
    };
    let mut file = match opened {
        Ok(mut file) => return write_all(&mut file, pieces),
        // Also creates the file if it went in between, or if a dangling link was there.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?,
        Err(e) => return Err(e),
    };
    write_all(&mut file, pieces)?;
    file.set_len(pieces.iter().map(|p| p.as_ref().len() as u64).sum())
}

/// All of `pieces`, in as few system calls as the kernel takes them.
fn write_all<P: AsRef<[u8]>>(file: &mut fs::File, pieces: &[P]) -> io::Result<()> {
    // Empty pieces go: a write of nothing returns 0, which would read as a full disk.
    let mut slices: Vec<IoSlice> = pieces
        .iter()
        .filter(|p| !p.as_ref().is_empty())
        .map(|p| IoSlice::new(p.as_ref()))
        .collect();
    let mut slices = &mut slices[..];
    while !slices.is_empty() {
        match file.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Refuses output folders that a swap would destroy the course with.
pub fn check_target(root: &Path, target: &Path) -> Result<(), String> {
    let abs = |p: &Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let (root, target) = (abs(root), abs(target));
    if root.starts_with(&target) {
        return Err(format!(
            "the output folder {} contains the course itself",
            target.display()
        ));
    }
    for dir in ["content", "themes", "templates", "static"] {
        if target.starts_with(root.join(dir)) {
            return Err(format!(
                "the output folder {} is inside the course's {dir}/ folder",
                target.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shorter_file_written_over_a_longer_one_leaves_no_tail() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a/b.html", b"long contents").unwrap();
        write(dir.path(), "a/b.html", b"short").unwrap();
        assert_eq!(fs::read(dir.path().join("a/b.html")).unwrap(), b"short");
    }

    #[test]
    fn pieces_are_written_one_after_the_other() {
        let dir = tempfile::tempdir().unwrap();
        write_pieces(dir.path(), "m/p.html", &["<p>", "", "a", "</p>"]).unwrap();
        assert_eq!(fs::read(dir.path().join("m/p.html")).unwrap(), b"<p>a</p>");
        write_pieces(dir.path(), "m/p.html", &["b"]).unwrap();
        assert_eq!(fs::read(dir.path().join("m/p.html")).unwrap(), b"b");
        write_pieces(dir.path(), "m/p.html", &["", ""]).unwrap();
        write_pieces(dir.path(), "m/empty.css", &[""]).unwrap();
        assert_eq!(fs::read(dir.path().join("m/p.html")).unwrap(), b"");
        assert_eq!(fs::read(dir.path().join("m/empty.css")).unwrap(), b"");
    }

    #[test]
    fn refuses_to_replace_the_course() {
        let root = Path::new("/srv/course");
        assert!(check_target(root, Path::new("/srv/course")).is_err());
        assert!(check_target(root, Path::new("/srv")).is_err());
        assert!(check_target(root, Path::new("/srv/course/content/out")).is_err());
        assert!(check_target(root, Path::new("/srv/course/public")).is_ok());
    }
}
