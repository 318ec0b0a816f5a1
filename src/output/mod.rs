//! Writing the output: a build renders into a staging folder beside the output and swaps it
//! in only when everything succeeded ([`Staging`]), into a folder that aula may replace
//! ([`Target`]), so a failed, killed or concurrent build never costs the author a file.

mod leftovers;
mod lock;
mod made_by_aula;
mod staging;
mod target;

use std::fs;
use std::io::{self, IoSlice, Write};
use std::path::Path;

pub use made_by_aula::MARKER;
pub use staging::{CommitError, Staging};
pub use target::{NamedBy, Target};

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
