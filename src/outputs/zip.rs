//! Files into a zip archive, for an LMS package. Each file is deflated as it is written, on
//! the thread that rendered it, so the pages are compressed on every core; [`Zip::finish`]
//! then only copies the compressed bytes, in sorted order, into one archive. Every entry
//! has the same fixed time and permissions, so the same course always gives the same bytes.

use std::collections::BTreeMap;
use std::io::{self, Cursor, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::pipeline::Files;

/// What a package's archive comment starts with: how `aula package` knows a zip it may
/// replace is one it made.
pub(crate) const COMMENT: &str = "Made by aula package";

/// Files on their way into a zip: each one already deflated, as a one-entry archive.
#[derive(Clone)]
pub(crate) struct Zip {
    /// The archive's name, for messages.
    shown: PathBuf,
    entries: Arc<Mutex<Entries>>,
}

#[derive(Default)]
struct Entries {
    /// Path in the archive → a one-entry archive holding it.
    done: BTreeMap<String, Vec<u8>>,
    /// The first file that could not be compressed: reported when the archive is written.
    failed: Option<(String, io::Error)>,
}

impl Zip {
    /// An empty archive to be written as `shown`.
    pub(crate) fn new(shown: PathBuf) -> Zip {
        Zip {
            shown,
            entries: Arc::default(),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every path written so far, sorted.
    pub(crate) fn names(&self) -> Vec<String> {
        self.entries().done.keys().cloned().collect()
    }

    /// Writes the archive to `out`: the files named in `first` first (the manifest, which
    /// some LMSs look for at the start), then every other in sorted order.
    pub(crate) fn finish<W: Write + Seek>(&self, out: W, first: &[&str]) -> io::Result<W> {
        let mut entries = self.entries();
        if let Some((rel, e)) = entries.failed.take() {
            return Err(io::Error::new(e.kind(), format!("{rel}: {e}")));
        }
        let done = &entries.done;
        let rest = done.keys().filter(|k| !first.contains(&k.as_str()));
        let mut zip = ZipWriter::new(out);
        zip.set_comment(COMMENT).map_err(io::Error::other)?;
        for name in first.iter().copied().chain(rest.map(String::as_str)) {
            let Some(one) = done.get(name) else { continue };
            let mut archive =
                ZipArchive::new(Cursor::new(one.as_slice())).map_err(io::Error::other)?;
            let file = archive.by_index_raw(0).map_err(io::Error::other)?;
            zip.raw_copy_file(file).map_err(io::Error::other)?;
        }
        zip.finish().map_err(io::Error::other)
    }

    fn insert(&self, rel: &str, one: io::Result<Vec<u8>>) -> io::Result<()> {
        let mut entries = self.entries();
        match one {
            Ok(bytes) => {
                entries.done.insert(rel.to_string(), bytes);
                Ok(())
            }
            Err(e) => {
                let kind = e.kind();
                entries.failed.get_or_insert((rel.to_string(), e));
                Err(kind.into())
            }
        }
    }
}

/// The options of every entry: fixed time and permissions, and deflate for all but files
/// that are compressed already, where it would only cost time.
fn options(rel: &str) -> SimpleFileOptions {
    let packed = Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            [
                "png", "jpg", "jpeg", "gif", "webp", "avif", "woff", "woff2", "mp4", "webm", "mp3",
                "ogg", "m4a", "zip", "pdf", "gz",
            ]
            .contains(&e.to_ascii_lowercase().as_str())
        });
    SimpleFileOptions::default()
        .compression_method(if packed {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        })
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// A one-entry archive being written: `rel`, deflated as it comes.
struct Entry {
    rel: String,
    zip: Option<ZipWriter<Cursor<Vec<u8>>>>,
    into: Zip,
}

impl Entry {
    fn start(rel: &str, into: &Zip) -> io::Result<Entry> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(rel, options(rel))
            .map_err(io::Error::other)?;
        Ok(Entry {
            rel: rel.to_string(),
            zip: Some(zip),
            into: into.clone(),
        })
    }

    fn end(&mut self) -> io::Result<()> {
        let Some(zip) = self.zip.take() else {
            return Ok(());
        };
        let one = zip
            .finish()
            .map(Cursor::into_inner)
            .map_err(io::Error::other);
        self.into.insert(&self.rel, one)
    }
}

impl Write for Entry {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.zip {
            Some(zip) => zip.write(buf),
            None => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

// A streamed file (the print page) is done when its writer goes; a failure then is kept
// and reported by `Zip::finish`.
impl Drop for Entry {
    fn drop(&mut self) {
        let _ = self.end();
    }
}

impl Files for Zip {
    fn write(&self, rel: &str, pieces: &[&[u8]]) -> io::Result<()> {
        let mut entry = Entry::start(rel, self)?;
        for piece in pieces {
            entry.write_all(piece)?;
        }
        entry.end()
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let mut entry = Entry::start(rel, self)?;
        io::copy(&mut std::fs::File::open(from)?, &mut entry)?;
        entry.end()
    }

    fn create(&self, rel: &str) -> io::Result<Box<dyn Write + Send>> {
        Ok(Box::new(Entry::start(rel, self)?))
    }

    fn path(&self, rel: &str) -> PathBuf {
        PathBuf::from(format!("{}:{rel}", self.shown.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn written(zip: &Zip) -> Vec<u8> {
        zip.finish(Cursor::new(Vec::new()), &["b.txt"])
            .unwrap()
            .into_inner()
    }

    #[test]
    fn the_same_files_in_any_order_give_the_same_bytes() {
        let one = Zip::new("a.zip".into());
        one.write("a/x.html", &[b"<p>", b"x</p>"]).unwrap();
        one.write("b.txt", &[b"b"]).unwrap();
        let two = Zip::new("a.zip".into());
        two.write("b.txt", &[b"b"]).unwrap();
        let mut streamed = two.create("a/x.html").unwrap();
        streamed.write_all(b"<p>x</p>").unwrap();
        drop(streamed);
        assert_eq!(written(&one), written(&two));

        let bytes = written(&one);
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.comment(), COMMENT.as_bytes());
        // The file named first comes first, then the rest sorted.
        let first = archive.name_for_index(0).and_then(Result::ok);
        assert_eq!(first.as_deref(), Some("b.txt"));
        let mut text = String::new();
        archive
            .by_name("a/x.html")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "<p>x</p>");
    }
}
