//! Where outputs write: [`Folder`] writes files into a folder, [`Discard`] writes nothing
//! (`aula check` renders everything and keeps none of it); `zip.rs` has the third, [`super::Zip`].

use std::fs;
use std::io::{self, IoSlice, Write};
use std::path::{Path, PathBuf};

use crate::pipeline::Files;

/// Files in a folder.
pub(crate) struct Folder(pub(crate) PathBuf);

impl Files for Folder {
    fn write(&self, rel: &str, pieces: &[&[u8]]) -> io::Result<()> {
        write_pieces(&self.0, rel, pieces)
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.0.join(rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, to).map(drop)
    }

    fn create(&self, rel: &str) -> io::Result<Box<dyn Write + Send>> {
        // Large writes: with 8 KiB ones, ext4 zeroed the partial block each one began in.
        let path = self.0.join(rel);
        // Another language's print page is the first file of its folder.
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = fs::File::create(path)?;
        Ok(Box::new(io::BufWriter::with_capacity(1 << 20, file)))
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

/// Nowhere: what `aula check` renders into.
pub(crate) struct Discard;

impl Files for Discard {
    fn write(&self, _: &str, _: &[&[u8]]) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, _: &str, _: &Path) -> io::Result<()> {
        Ok(())
    }

    fn create(&self, _: &str) -> io::Result<Box<dyn Write + Send>> {
        Ok(Box::new(io::sink()))
    }

    fn path(&self, rel: &str) -> PathBuf {
        PathBuf::from(rel)
    }
}

/// Writes `bytes` to `dir/rel`, creating folders as needed: see [`write_pieces`].
#[cfg(test)]
fn write(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    write_pieces(dir, rel, &[bytes])
}

/// Writes `pieces`, one after the other, to `dir/rel`, creating folders as needed. An
/// existing file is overwritten in place and then cut to length, not truncated first:
/// truncating waits for the kernel to finish writing the old contents out, which made
/// `aula serve` rewriting every page after a template edit twice as slow as the first time.
pub(crate) fn write_pieces<P: AsRef<[u8]>>(dir: &Path, rel: &str, pieces: &[P]) -> io::Result<()> {
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
}
