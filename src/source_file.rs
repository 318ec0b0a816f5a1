//! Reading an author's source file (a page, a quiz, site.toml, a template): no larger than
//! the size limit, and UTF-8 text. A file over the limit is never read, let alone parsed: a
//! 10 MB table row once took 3.4 GB to render.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::de::{self, Deserializer, Visitor};

use crate::diagnostic::{Diagnostic, Location};

/// A number of bytes, as site.toml's `[limits] max_file_size` gives it: `"5 MiB"`,
/// `"800 KiB"`, `"2 MB"`, or a plain number of bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileSize(pub u64);

impl FileSize {
    /// The limit unless site.toml sets another.
    pub const DEFAULT: FileSize = FileSize(5 * MIB);

    /// Reads `"5 MiB"`, `"1.5 MB"`, `"300 KiB"` or `"1000 B"`; units are case-insensitive,
    /// the space is optional.
    pub fn parse(text: &str) -> Option<FileSize> {
        let text = text.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let number: f64 = number.parse().ok()?;
        let unit = UNITS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(unit.trim()))?;
        let bytes = number * unit.1 as f64;
        (bytes.is_finite() && bytes >= 0.0 && bytes < u64::MAX as f64)
            .then(|| FileSize(bytes.round() as u64))
    }
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// The units [`FileSize::parse`] knows, with their size in bytes.
const UNITS: [(&str, u64); 8] = [
    ("", 1),
    ("B", 1),
    ("KiB", KIB),
    ("MiB", MIB),
    ("GiB", GIB),
    ("KB", 1000),
    ("MB", 1000 * 1000),
    ("GB", 1000 * 1000 * 1000),
];

impl fmt::Display for FileSize {
    /// The size in the largest binary unit it has at least one of: `5 MiB`, `1.5 KiB`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        let (unit, size) = match n {
            n if n >= GIB => ("GiB", GIB),
            n if n >= MIB => ("MiB", MIB),
            n if n >= KIB => ("KiB", KIB),
            _ => return write!(f, "{n} bytes"),
        };
        if n.is_multiple_of(size) {
            write!(f, "{} {unit}", n / size)
        } else {
            write!(f, "{:.1} {unit}", n as f64 / size as f64)
        }
    }
}

impl<'de> serde::Deserialize<'de> for FileSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Size;
        impl Visitor<'_> for Size {
            type Value = FileSize;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a size like \"5 MiB\" or a number of bytes")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FileSize, E> {
                Ok(FileSize(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FileSize, E> {
                u64::try_from(v)
                    .map(FileSize)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FileSize, E> {
                FileSize::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(Size)
    }
}

/// Reads `root/rel`, which must be UTF-8 text of at most `limit` bytes. The size is taken
/// from the open file before anything is read, and the read stops past the limit too, in
/// case the file grows meanwhile.
pub(crate) fn read(root: &Path, rel: &Path, limit: FileSize) -> Result<String, Diagnostic> {
    read_with(root, rel, limit, |size| {
        format!(
            "split it into smaller files, or raise the limit in site.toml: `[limits]` then \
             `max_file_size = \"{}\"`",
            FileSize(size.0.div_ceil(MIB) * MIB)
        )
    })
}

/// Like [`read`], for a file whose limit is not site.toml's: `hint` says, from the file's
/// size, what to do about one too large.
pub(crate) fn read_with(
    root: &Path,
    rel: &Path,
    limit: FileSize,
    hint: impl Fn(FileSize) -> String,
) -> Result<String, Diagnostic> {
    let too_large = |size: FileSize| too_large(rel, size, limit).with_hint(hint(size));
    let cannot = |e: std::io::Error| Diagnostic::new(rel, format!("cannot read this file: {e}"));
    let file = std::fs::File::open(root.join(rel)).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > limit.0 {
        return Err(too_large(FileSize(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit.0 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit.0 {
        return Err(too_large(FileSize(bytes.len() as u64)));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        not_utf8(rel, e.as_bytes(), at)
    })
}

fn too_large(rel: &Path, size: FileSize, limit: FileSize) -> Diagnostic {
    Diagnostic::new(
        rel,
        format!("this file is {size}, over the limit of {limit} for a source file"),
    )
}

/// The error for a file whose first byte that is not UTF-8 is at `at`.
fn not_utf8(rel: &Path, bytes: &[u8], at: usize) -> Diagnostic {
    let before = &bytes[..at];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    // Up to the bad byte the line is valid; after it, the snippet shows a `�` for each
    // byte that is not.
    let line = String::from_utf8_lossy(&bytes[line_start..line_end]);
    let start = at - line_start;
    let (snippet, caret, width) =
        crate::locate::snippet(&line, start, start + char::REPLACEMENT_CHARACTER.len_utf8());
    let location = Location {
        line: memchr::memchr_iter(b'\n', before).count() + 1,
        col: String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1,
        width,
        snippet,
        caret,
    };
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    let hint = if utf16 {
        "the file looks like UTF-16: save it as UTF-8 in your editor"
    } else {
        "save the file as UTF-8 in your editor (it was probably saved as Latin-1 or \
         Windows-1252)"
    };
    Diagnostic::new(
        rel,
        format!(
            "this file is not UTF-8 text: byte 0x{:02X} does not belong here",
            bytes[at]
        ),
    )
    .located(location)
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_or_without_a_unit() {
        assert_eq!(FileSize::parse("5 MiB"), Some(FileSize(5 * MIB)));
        assert_eq!(FileSize::parse("5mib"), Some(FileSize(5 * MIB)));
        assert_eq!(FileSize::parse("1.5 KiB"), Some(FileSize(1536)));
        assert_eq!(FileSize::parse("2 MB"), Some(FileSize(2_000_000)));
        assert_eq!(FileSize::parse("100"), Some(FileSize(100)));
        assert_eq!(FileSize::parse("5 MiBs"), None);
        assert_eq!(FileSize::parse("lots"), None);
        assert_eq!(FileSize::parse(""), None);
    }

    #[test]
    fn sizes_print_in_the_largest_whole_unit() {
        assert_eq!(FileSize::DEFAULT.to_string(), "5 MiB");
        assert_eq!(FileSize(1536).to_string(), "1.5 KiB");
        assert_eq!(FileSize(10_000_000).to_string(), "9.5 MiB");
        assert_eq!(FileSize(12).to_string(), "12 bytes");
    }

    #[test]
    fn the_first_bad_byte_is_located_on_its_line() {
        let bytes = b"+++\ntitle = \"x\"\n+++\nHola se\xf1or\n";
        let d = not_utf8(
            Path::new("a.md"),
            bytes,
            bytes.iter().position(|&b| b == 0xf1).unwrap(),
        );
        assert_eq!(d.position(), "a.md:4:8");
        let text = d.to_string();
        assert!(
            text.contains(" 4 | Hola se\u{fffd}or\n   |        ^\n"),
            "{text}"
        );
    }
}
