//! Writing the output atomically: a build renders into a temporary folder beside the output
//! and swaps it in only when everything succeeded, so a failed build leaves the previous
//! site exactly as it was.

use std::fs;
use std::io;
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
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.aula-old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
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
        if had_old {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            fs::remove_dir_all(&self.dir).ok();
        }
    }
}

/// Writes `bytes` to `dir/rel`, creating folders as needed.
pub fn write(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, bytes)
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
    fn refuses_to_replace_the_course() {
        let root = Path::new("/srv/course");
        assert!(check_target(root, Path::new("/srv/course")).is_err());
        assert!(check_target(root, Path::new("/srv")).is_err());
        assert!(check_target(root, Path::new("/srv/course/content/out")).is_err());
        assert!(check_target(root, Path::new("/srv/course/public")).is_ok());
    }
}
