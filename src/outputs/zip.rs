//! Files into a zip archive, for an LMS package. Each file is deflated as it is written, on
//! the thread that rendered it, so the pages are compressed on every core: into one of a few
//! archives in memory, one per thread writing at a time, each of which keeps its compressor
//! from one file to the next (a new one for each of a thousand small pages cost a tenth of
//! a package's time). [`Zip::finish`] then copies the compressed files, sorted, into one
//! archive. Every entry has the same fixed time and permissions, and deflate gets the same
//! chunks of a file however it was written, so the same course always gives the same bytes.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Cursor, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::pipeline::Files;

/// What a package's archive comment starts with: how `aula package` knows a zip it may
/// replace is one it made.
pub(crate) const COMMENT: &str = "Made by aula package";

/// A part of the archive in memory.
type Part = ZipWriter<Cursor<Vec<u8>>>;

/// Files on their way into a zip, each one already deflated.
#[derive(Clone)]
pub(crate) struct Zip {
    /// The archive's name, for messages.
    shown: PathBuf,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    /// The parts no file is being written into: all of them, once every file is done.
    idle: Vec<Part>,
    /// Every file done, by its path in the archive.
    names: BTreeSet<String>,
    /// The first file that could not be compressed: reported when the archive is written.
    failed: Option<(String, io::Error)>,
}

impl Zip {
    /// An empty archive to be written as `shown`.
    pub(crate) fn new(shown: PathBuf) -> Zip {
        Zip {
            shown,
            state: Arc::default(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every path written so far, sorted.
    pub(crate) fn names(&self) -> Vec<String> {
        self.state().names.iter().cloned().collect()
    }

    /// Writes the archive to `out`, and empties this one: the files named in `first` first
    /// (the manifest, which some LMSs look for at the start), then every other in sorted
    /// order. Every file must be done.
    pub(crate) fn finish<W: Write + Seek>(&self, out: W, first: &[&str]) -> io::Result<W> {
        let mut state = self.state();
        if let Some((rel, e)) = state.failed.take() {
            return Err(io::Error::new(e.kind(), format!("{rel}: {e}")));
        }
        let names = std::mem::take(&mut state.names);
        let mut parts = Vec::new();
        for part in std::mem::take(&mut state.idle) {
            let bytes = part.finish().map_err(io::Error::other)?.into_inner();
            parts.push(ZipArchive::new(Cursor::new(bytes)).map_err(io::Error::other)?);
        }
        drop(state);
        // Where each file is: which part, and its place in it.
        let mut at = HashMap::new();
        for (p, part) in parts.iter().enumerate() {
            for i in 0..part.len() {
                if let Some(Ok(name)) = part.name_for_index(i) {
                    at.insert(name.into_owned(), (p, i));
                }
            }
        }
        let mut zip = ZipWriter::new(out);
        zip.set_comment(COMMENT).map_err(io::Error::other)?;
        let rest = names
            .iter()
            .map(String::as_str)
            .filter(|n| !first.contains(n));
        for name in first.iter().copied().chain(rest) {
            let Some(&(p, i)) = at.get(name) else {
                return Err(io::Error::other(format!(
                    "{name} was written but is missing"
                )));
            };
            let file = parts[p].by_index_raw(i).map_err(io::Error::other)?;
            zip.raw_copy_file(file).map_err(io::Error::other)?;
        }
        zip.finish().map_err(io::Error::other)
    }

    /// A part to write one file into: an idle one, or a new one.
    fn take(&self) -> Part {
        let idle = self.state().idle.pop();
        // Room for a good share of a course from the start, rather than copied as it grows.
        idle.unwrap_or_else(|| ZipWriter::new(Cursor::new(Vec::with_capacity(4 << 20))))
    }

    /// A part back, with the file `rel` in it, or the error that stopped it; the first
    /// error is also kept for [`Zip::finish`].
    fn give_back(&self, rel: &str, part: Part, done: io::Result<()>) -> io::Result<()> {
        let mut state = self.state();
        state.idle.push(part);
        // Two files of one name (a course's file where the package puts its own, like
        // content/imsmanifest.xml) would leave one of them to chance.
        let done = done.and_then(|()| match state.names.insert(rel.to_string()) {
            true => Ok(()),
            false => Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("two files of the package are `{rel}`"),
            )),
        });
        if let Err(e) = &done {
            let kept = io::Error::new(e.kind(), e.to_string());
            state.failed.get_or_insert((rel.to_string(), kept));
        }
        done
    }
}

/// The options of every entry: fixed time and permissions, and deflate for all but files
/// that are compressed already, where it would only cost time, and the print page. That
/// one is the whole course's text at once, which deflates at half the speed of the pages
/// (whose sidebars repeat), on one thread: see bench/README.md, "LMS package".
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
        })
        || rel == super::print::OUTPUT;
    let options = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    if packed {
        options.compression_method(CompressionMethod::Stored)
    } else {
        options
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(LEVEL))
    }
}

/// zlib's fastest level: the pages repeat the sidebar, which any level finds; level 6 took
/// half again as long for a package of the 1k bench corpus, for a zip a quarter smaller
/// (bench/package.py). Stored files take no level.
const LEVEL: i64 = 1;

/// A file being compressed: `rel`, into a part of its own while it is written.
struct Entry {
    rel: String,
    part: Option<Part>,
    /// What is not yet handed to the compressor. Deflate's output depends on where its
    /// input is cut, so it always gets whole chunks: the same file gives the same bytes
    /// however it was written.
    pending: Vec<u8>,
    into: Zip,
}

/// The compressor's input size.
const CHUNK: usize = 256 * 1024;

impl Entry {
    fn start(rel: &str, into: &Zip, size: usize) -> io::Result<Entry> {
        let mut part = into.take();
        if let Err(e) = part.start_file(rel, options(rel)) {
            let kept = into.give_back(rel, part, Err(io::Error::other(e)));
            return Err(kept.err().unwrap_or_else(|| io::ErrorKind::Other.into()));
        }
        Ok(Entry {
            rel: rel.to_string(),
            part: Some(part),
            pending: Vec::with_capacity(size.min(2 * CHUNK)),
            into: into.clone(),
        })
    }

    fn end(&mut self) -> io::Result<()> {
        let Some(mut part) = self.part.take() else {
            return Ok(());
        };
        let done = part.write_all(&self.pending);
        self.pending = Vec::new();
        self.into.give_back(&self.rel, part, done)
    }
}

impl Write for Entry {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(part) = &mut self.part else {
            return Err(io::ErrorKind::BrokenPipe.into());
        };
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= CHUNK {
            let whole = self.pending.len() / CHUNK * CHUNK;
            for chunk in self.pending[..whole].chunks(CHUNK) {
                part.write_all(chunk)?;
            }
            self.pending.drain(..whole);
        }
        Ok(buf.len())
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
        let size = pieces.iter().map(|p| p.len()).sum();
        let mut entry = Entry::start(rel, self, size)?;
        for piece in pieces {
            entry.write_all(piece)?;
        }
        entry.end()
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let mut file = std::fs::File::open(from)?;
        let size = file.metadata().map_or(0, |m| m.len() as usize);
        let mut entry = Entry::start(rel, self, size)?;
        io::copy(&mut file, &mut entry)?;
        entry.end()
    }

    fn create(&self, rel: &str) -> io::Result<Box<dyn Write + Send>> {
        Ok(Box::new(Entry::start(rel, self, 0)?))
    }

    fn path(&self, rel: &str) -> PathBuf {
        PathBuf::from(format!("{}:{rel}", self.shown.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};
    use zip::ZipArchive;

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
        // A file of several chunks, whole or in small writes, as the print page streams.
        let big: Vec<u8> = (0..700_000u32)
            .map(|i| b"aula <p>"[(i * 7 % 8) as usize] ^ (i / 997) as u8)
            .collect();
        one.write("print.html", &[&big]).unwrap();
        let mut streamed = two.create("print.html").unwrap();
        for piece in big.chunks(999) {
            streamed.write_all(piece).unwrap();
        }
        drop(streamed);
        let bytes = written(&one);
        assert_eq!(bytes, written(&two));

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
