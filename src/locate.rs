//! From a byte range of a source file to what an author reads: line, column and a snippet of
//! the line with a caret under the range.
//!
//! A file can hold thousands of mistakes on one long line (a generated table, a minified
//! paragraph). Locating each one by scanning the file from its start, and keeping the whole
//! line in every diagnostic, made the cost grow with the square of the number of mistakes.
//! Here a [`LineIndex`] is built once per file and each range is located in about
//! `log(lines) + CHUNK` steps, and a snippet holds at most [`SNIPPET_CHARS`] characters.

use std::ops::Range;

/// A position in a source file, 1-based, with a snippet of its line for the caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    /// The column in characters, from the start of the line.
    pub col: usize,
    /// How many characters of the snippet the caret underline covers (at least 1).
    pub width: usize,
    /// The line, or the part of it around the range when it is long, with `…` where it was
    /// cut.
    pub snippet: String,
    /// The column of the range's first character within `snippet`, 1-based.
    pub caret: usize,
}

/// The most characters of a line a snippet shows, not counting the `…` at its cuts.
pub(crate) const SNIPPET_CHARS: usize = 120;
/// How many of those come before the range, when the line is cut on both sides.
const CONTEXT_BEFORE: usize = 40;
/// Bytes between two character counts kept by [`LineIndex`].
const CHUNK: usize = 256;

/// Where each line of a source starts, and how many characters come before every
/// [`CHUNK`]th byte: enough to turn any byte offset into a line and a column without
/// scanning the file again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// `chars[k]`: characters in the first `k * CHUNK` bytes.
    chars: Vec<usize>,
}

impl LineIndex {
    /// Indexes `source`, in one pass over it.
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
            .collect();
        let mut chars = Vec::with_capacity(bytes.len() / CHUNK + 1);
        let mut n = 0;
        chars.push(0);
        for chunk in bytes.chunks_exact(CHUNK) {
            n += char_starts(chunk);
            chars.push(n);
        }
        LineIndex { line_starts, chars }
    }

    /// Where `span`, a byte range of `source` (the text this index was built from), is.
    pub fn locate(&self, source: &str, span: Range<usize>) -> Location {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line = self.line_starts.partition_point(|&s| s <= start).max(1);
        let line_start = self.line_starts[line - 1];
        let line_end = self
            .line_starts
            .get(line)
            .map_or(source.len(), |&next| next - 1);
        let col = self.chars_before(source, start) - self.chars_before(source, line_start) + 1;
        at_line(source, line, col, line_start..line_end, start, span.end)
    }

    fn chars_before(&self, source: &str, at: usize) -> usize {
        let k = (at / CHUNK).min(self.chars.len() - 1);
        self.chars[k] + char_starts(&source.as_bytes()[k * CHUNK..at])
    }
}

/// Where `span`, a byte range of `source`, is. For one range of a file: for many, a
/// [`LineIndex`] does it without a pass over the file each.
pub(crate) fn locate(source: &str, span: Range<usize>) -> Location {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let before = &source.as_bytes()[..start];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line_end =
        memchr::memchr(b'\n', &source.as_bytes()[start..]).map_or(source.len(), |i| start + i);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let col = char_starts(&before[line_start..]) + 1;
    at_line(source, line, col, line_start..line_end, start, span.end)
}

/// The location of a range starting at `start` (a char boundary) on the line `line` of
/// `source`, which spans the bytes `line_range` without its `\n`.
fn at_line(
    source: &str,
    line: usize,
    col: usize,
    line_range: Range<usize>,
    start: usize,
    end: usize,
) -> Location {
    let text = source[line_range.clone()]
        .strip_suffix('\r')
        .unwrap_or(&source[line_range.clone()]);
    let (snippet, caret, width) = snippet(
        text,
        start - line_range.start,
        end.saturating_sub(line_range.start),
    );
    Location {
        line,
        col,
        width,
        snippet,
        caret,
    }
}

/// At most [`SNIPPET_CHARS`] characters of `line` around the bytes `start..end`, with `…`
/// where it was cut; the caret's 1-based column in it, and how many characters it covers.
/// Only the characters near the range are looked at, however long the line.
pub(crate) fn snippet(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let start = floor_char_boundary(line, start.min(line.len()));
    let end = floor_char_boundary(line, end.clamp(start, line.len()));
    let fits = line.len() <= SNIPPET_CHARS || line.chars().nth(SNIPPET_CHARS).is_none();
    let (from, to) = if fits {
        (0, line.len())
    } else {
        let back = |from: usize, n: usize| {
            line[..from]
                .char_indices()
                .rev()
                .take(n)
                .last()
                .map_or(from, |(i, _)| i)
        };
        let mut from = back(start, CONTEXT_BEFORE);
        let to = line[from..]
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(line.len(), |(i, _)| from + i);
        if to == line.len() {
            // The range is near the end of the line: show more of what comes before.
            from = back(line.len(), SNIPPET_CHARS);
        }
        (from, to)
    };
    let cut_before = from > 0;
    let cut_after = to < line.len();
    let mut text = String::with_capacity(to - from + 6);
    if cut_before {
        text.push('…');
    }
    text.push_str(&line[from..to]);
    if cut_after {
        text.push('…');
    }
    let caret = line[from..start].chars().count() + 1 + usize::from(cut_before);
    let width = line[start..end.min(to)].chars().count().max(1);
    (text, caret, width)
}

/// How many characters start in `bytes`: every byte but UTF-8's continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_multibyte_columns() {
        let src = "a = 1\ntítulo = \"x\"\n";
        let at = src.find("= \"x").unwrap();
        for loc in [
            locate(src, at..at + 1),
            LineIndex::new(src).locate(src, at..at + 1),
        ] {
            assert_eq!((loc.line, loc.col, loc.caret), (2, 8, 8));
            assert_eq!(loc.snippet, "título = \"x\"");
        }
    }

    #[test]
    fn the_index_and_the_scan_agree_everywhere() {
        // Long enough to span several chunks, with multibyte characters across their edges.
        let src: String = (0..400)
            .map(|i| match i % 7 {
                0 => "línea\n",
                3 => "\r\n",
                _ => "ñandú añil ",
            })
            .collect();
        let index = LineIndex::new(&src);
        for at in (0..=src.len()).filter(|&i| src.is_char_boundary(i)) {
            assert_eq!(
                index.locate(&src, at..at + 3),
                locate(&src, at..at + 3),
                "at {at}"
            );
        }
        assert_eq!(LineIndex::new("").locate("", 0..0), locate("", 0..0));
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_with_the_caret_under_it() {
        let line = format!("{}[bad](#nope){}", "word ".repeat(200), " more".repeat(200));
        let start = line.find("[bad]").unwrap();
        let (text, caret, width) = snippet(&line, start, start + 12);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert_eq!(text.chars().count(), SNIPPET_CHARS + 2);
        let under: String = text.chars().skip(caret - 1).take(width).collect();
        assert_eq!(under, "[bad](#nope)");
    }

    #[test]
    fn a_span_near_either_end_of_a_long_line_is_cut_on_one_side_only() {
        let line = "é".repeat(1000);
        let (text, caret, _) = snippet(&line, 2, 4);
        assert!(!text.starts_with('…') && text.ends_with('…'), "{text}");
        assert_eq!(caret, 2);
        let end = line.len() - 2;
        let (text, caret, width) = snippet(&line, end, line.len());
        assert!(text.starts_with('…') && !text.ends_with('…'), "{text}");
        assert_eq!(text.chars().count(), SNIPPET_CHARS + 1);
        assert_eq!((caret, width), (SNIPPET_CHARS + 1, 1));
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        assert_eq!(snippet("tilte = 1", 0, 5), ("tilte = 1".to_string(), 1, 5));
        assert_eq!(snippet("", 0, 0), (String::new(), 1, 1));
    }
}
