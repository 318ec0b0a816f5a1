//! Checks inside a page: a fenced block with the info string `quiz` holds questions in a quiz
//! file's TOML. The renderer reads each one where it meets it ([`Block::read`]), so that its
//! mistakes are reported at the page's own lines, and leaves a marker in the HTML in its
//! place ([`marker`]): the check becomes a form only in the template stage, which has the
//! theme, and [`fill`] puts it there, on the page and on the print page alike.

use std::ops::Range;

use crate::content::Page;
use crate::diagnostic::{Diagnostic, Location};
use crate::quiz::parse::parse_check;
use crate::quiz::{Answer, Quiz, Text};

/// The start of a check's marker; its number follows, then [`MARKER_END`]. An HTML comment,
/// so that HTML nobody filled shows nothing.
const MARKER: &str = "<!--aula:check:";
const MARKER_END: &str = "-->";

/// The marker of check `n` of a page, as a block of the page's HTML.
pub(super) fn marker(n: usize) -> String {
    format!("{MARKER}{n}{MARKER_END}\n")
}

/// A ```` ```quiz ```` block being read: where it is, and its text so far.
pub(super) struct Block {
    /// The block's fence line in the page's file, for a check with nothing in it.
    fence: Range<usize>,
    /// The bytes of the page's file its text spans, from the first line to the last.
    lines: Option<Range<usize>>,
    text: String,
    /// Where each piece of `text` starts, in `text` and in the page's file.
    pieces: Vec<(usize, usize)>,
}

impl Block {
    /// A block whose opening fence spans `fence` of the page's file.
    pub(super) fn new(fence: Range<usize>) -> Block {
        Block {
            fence,
            lines: None,
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    /// Adds a piece of the block's text, found at `span` of the page's file.
    pub(super) fn push(&mut self, text: &str, span: Range<usize>) {
        self.pieces.push((self.text.len(), span.start));
        self.text.push_str(text);
        self.lines = Some(match self.lines.take() {
            Some(lines) => lines.start..span.end,
            None => span,
        });
    }

    /// The check the block holds, as far as it can be read, and every mistake in it at the
    /// page's line and column.
    pub(super) fn read(self, page: &Page) -> (Option<Quiz>, Vec<Diagnostic>) {
        let start = match &self.lines {
            Some(lines) => lines.start,
            // An empty block: its mistake is shown at its fence.
            None => self.fence.start,
        };
        let written = self
            .lines
            .as_ref()
            .and_then(|lines| page.text.get(lines.clone()));
        if self.lines.is_none() || written == Some(self.text.as_str()) {
            return parse_check(&page.source, &page.text, start, &self.text);
        }
        // Inside a list item or a block quote, the block's lines lose their indent or their
        // `>` and its text is no longer a piece of the file: it is read as if it followed the
        // page's text up to its start, which keeps every line number right and every column
        // but the indented ones'.
        let file = format!(
            "{}{}",
            page.text.get(..start).unwrap_or_default(),
            self.text
        );
        let (mut quiz, mut errors) = parse_check(&page.source, &file, start, &self.text);
        // Then each mistake, and each piece of Markdown, is moved to where it is in the file.
        for error in &mut errors {
            let Some(at) = &error.location else { continue };
            let Some((from, to)) = self.in_text(&file, start, at) else {
                continue;
            };
            error.location = page
                .error(self.in_file(from)..self.in_file(to), "")
                .location;
        }
        if let Some(quiz) = &mut quiz {
            for_each_text(quiz, |t| {
                t.offset = self.in_file(t.offset.saturating_sub(start))
            });
        }
        (quiz, errors)
    }

    /// Where a location in `file` (the page's text up to byte `start`, then `self.text`) is
    /// in `self.text`, as a byte range.
    fn in_text(&self, file: &str, start: usize, at: &Location) -> Option<(usize, usize)> {
        let line = file.split_inclusive('\n').nth(at.line - 1)?;
        let line_start = line.as_ptr() as usize - file.as_ptr() as usize;
        let byte = |chars: usize| {
            line.char_indices()
                .nth(chars)
                .map_or(line.len(), |(i, _)| i)
        };
        let from = (line_start + byte(at.col - 1)).checked_sub(start)?;
        let to = (line_start + byte(at.col - 1 + at.width)).checked_sub(start)?;
        Some((from, to.max(from)))
    }

    /// The byte of the page's file that byte `at` of `self.text` was read from.
    fn in_file(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|&(text, _)| text <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((text, file)) => file + (at - text),
            None => self.fence.start,
        }
    }
}

/// Calls `f` with every piece of Markdown of `quiz`.
fn for_each_text(quiz: &mut Quiz, mut f: impl FnMut(&mut Text)) {
    quiz.description.iter_mut().for_each(&mut f);
    for g in &mut quiz.groups {
        g.context.iter_mut().for_each(&mut f);
    }
    for q in &mut quiz.questions {
        f(&mut q.prompt);
        for t in [&mut q.explanation, &mut q.hint, &mut q.feedback] {
            t.iter_mut().for_each(&mut f);
        }
        match &mut q.answer {
            Answer::Single { options } | Answer::Multiple { options, .. } => {
                for o in options {
                    f(&mut o.text);
                    o.feedback.iter_mut().for_each(&mut f);
                }
            }
            Answer::Order { items, .. } => items.iter_mut().for_each(&mut f),
            Answer::Match { pairs, .. } => pairs.iter_mut().for_each(|p| f(&mut p.left)),
            Answer::TrueFalse { .. } | Answer::Short { .. } | Answer::Numeric { .. } => {}
        }
    }
}

/// `html` with the `n`th check's HTML, `check(n)`, in place of each check's marker. A marker
/// out of turn (an author who wrote one by hand) is left as the comment it is.
pub(crate) fn fill(
    html: &str,
    mut check: impl FnMut(usize) -> Result<String, Diagnostic>,
) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(html.len() + 4096);
    let mut rest = html;
    let mut next = 0;
    while let Some(at) = rest.find(MARKER) {
        let after = &rest[at + MARKER.len()..];
        let number = after.split(MARKER_END).next().unwrap_or_default();
        let end = at + MARKER.len() + number.len() + MARKER_END.len();
        out.push_str(&rest[..at]);
        if number.parse() == Ok(next) && after[number.len()..].starts_with(MARKER_END) {
            out.push_str(&check(next)?);
            next += 1;
        } else {
            out.push_str(&rest[at..end.min(rest.len())]);
        }
        rest = &rest[end.min(rest.len())..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_each_check_at_its_marker_and_leaves_others_alone() {
        let html = format!(
            "<p>a</p>\n{}<p>b</p>\n<!--aula:check:7-->{}<!--aula:check:x",
            marker(0),
            marker(1)
        );
        let filled = fill(&html, |n| Ok(format!("[check {n}]"))).unwrap();
        assert_eq!(
            filled,
            "<p>a</p>\n[check 0]\n<p>b</p>\n<!--aula:check:7-->[check 1]\n<!--aula:check:x"
        );
    }
}
