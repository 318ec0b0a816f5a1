//! Admonitions: the boxes authors bring from GitHub (`> [!NOTE]`), Obsidian (`> [!tip] Title`,
//! `> [!faq]-` folded) and Pandoc or the Carpentries (`::: note` … `:::`). pulldown-cmark knows
//! neither syntax as we need it, so:
//! - a GitHub alert is a block quote whose first line is `[!KIND]`: the renderer asks
//!   [`alert`] about each block quote's first line;
//! - a fenced div's `:::` lines are found here before parsing, outside code, and each is
//!   replaced by an HTML comment the parser passes through as a block of its own
//!   ([`prepare`]); the renderer turns each comment into the box's opening or closing HTML.
//!   The comments are not as long as the lines, so [`Prepared::source_offset`] maps positions
//!   in the prepared text back to the author's file for error messages.

use std::borrow::Cow;
use std::ops::Range;

use crate::templates::escape::escape_html;

/// What kind of box, which gives its title, its colour and whether it is folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
    Example,
    Exercise,
    /// Folded: the learner opens it once they have tried the exercise.
    Solution,
    /// Folded, titled by the author.
    Details,
}

/// The kinds as authors write them, for the error that names them.
const KNOWN: &str = "note, tip, important, warning, caution, example, exercise, solution, details (also `callout` and `info` for a note, `hint` for a tip, `danger` for a caution, `challenge` for an exercise)";

impl Kind {
    /// The kind written `name`, in any case. Other tools' names for the same boxes are
    /// accepted, so material moved from them renders: the Carpentries' `callout` and
    /// `challenge`, and Docusaurus's `info` and `danger`.
    fn named(name: &str) -> Option<Kind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "note" | "callout" | "info" => Kind::Note,
            "tip" | "hint" => Kind::Tip,
            "important" => Kind::Important,
            "warning" => Kind::Warning,
            "caution" | "danger" => Kind::Caution,
            "example" => Kind::Example,
            "exercise" | "challenge" => Kind::Exercise,
            "solution" => Kind::Solution,
            "details" => Kind::Details,
            _ => return None,
        })
    }

    /// The kind's name: its CSS class `admonition-NAME` and its UI string `admonition_NAME`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Tip => "tip",
            Kind::Important => "important",
            Kind::Warning => "warning",
            Kind::Caution => "caution",
            Kind::Example => "example",
            Kind::Exercise => "exercise",
            Kind::Solution => "solution",
            Kind::Details => "details",
        }
    }

    /// Every kind, for the UI strings the theme must have.
    pub(crate) const ALL: [Kind; 9] = [
        Kind::Note,
        Kind::Tip,
        Kind::Important,
        Kind::Warning,
        Kind::Caution,
        Kind::Example,
        Kind::Exercise,
        Kind::Solution,
        Kind::Details,
    ];

    fn folded(self) -> bool {
        matches!(self, Kind::Solution | Kind::Details)
    }
}

/// One box as written: its kind, the author's title if any, and whether it is folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Admonition {
    pub kind: Kind,
    /// The author's own title, as written (inline Markdown).
    pub title: Option<String>,
    /// Shown as a `<details>` the learner opens: solutions and details, and an Obsidian
    /// callout written `[!kind]-`.
    pub folded: bool,
}

impl Admonition {
    /// An ordinary note, for a box whose kind is unknown: its content still shows, boxed.
    pub(crate) fn plain() -> Admonition {
        Admonition {
            kind: Kind::Note,
            title: None,
            folded: false,
        }
    }

    /// The box's opening HTML, its title from `titles` unless the author gave one. On the
    /// print page a folded box is printed open: paper cannot be clicked.
    pub(crate) fn open(&self, titles: &Titles, print: bool) -> String {
        let title = match &self.title {
            // Inline Markdown, as in a page's title: `` ::: tip Use `cargo fmt` ``.
            Some(title) => crate::title::render(title).html,
            None => titles.of(self.kind).to_string(),
        };
        let class = format!("admonition admonition-{}", self.kind.name());
        if self.folded {
            let open = if print { " open" } else { "" };
            format!("<details class=\"{class}\"{open}><summary class=\"admonition-title\">{title}</summary>\n")
        } else {
            // A note, not a region: a region is a landmark, and a page of twenty boxes
            // would bury the page's own landmarks under them.
            format!(
                "<div class=\"{class}\" role=\"note\"><p class=\"admonition-title\">{title}</p>\n"
            )
        }
    }

    /// The box's closing HTML.
    pub(crate) fn close(&self) -> &'static str {
        if self.folded {
            "</details>\n"
        } else {
            "</div>\n"
        }
    }
}

/// Each kind's title in the course's language, from the theme's UI strings, escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Titles(Vec<String>);

impl Titles {
    /// The titles from the theme's `strings` (`admonition_note`, …).
    pub(crate) fn from_strings(strings: &toml::Table) -> Titles {
        Titles(
            Kind::ALL
                .iter()
                .map(|k| {
                    let key = format!("admonition_{}", k.name());
                    match strings.get(&key).and_then(|v| v.as_str()) {
                        Some(title) => escape_html(title),
                        // A theme of the course's own may predate admonitions.
                        None => default_title(*k).to_string(),
                    }
                })
                .collect(),
        )
    }

    fn of(&self, kind: Kind) -> &str {
        self.0
            .get(kind as usize)
            .map(String::as_str)
            .unwrap_or_else(|| default_title(kind))
    }
}

fn default_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Note => "Note",
        Kind::Tip => "Tip",
        Kind::Important => "Important",
        Kind::Warning => "Warning",
        Kind::Caution => "Caution",
        Kind::Example => "Example",
        Kind::Exercise => "Exercise",
        Kind::Solution => "Solution",
        Kind::Details => "Details",
    }
}

/// A problem with an admonition, at a range of the author's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

fn unknown_kind(name: &str, span: Range<usize>) -> Problem {
    Problem {
        span,
        message: format!("unknown kind of box `{name}`"),
        hint: format!("use one of: {KNOWN}"),
    }
}

/// What a block quote's first line makes of it: `Some(Ok(box))` for an alert, `Some(Err)` for
/// an alert of an unknown kind, `None` for an ordinary quote. `line` is the quote's first
/// line, from after its `>`, and starts at byte `at` of the text.
pub(crate) fn alert(line: &str, at: usize) -> Option<Result<Admonition, Problem>> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix("[!")?;
    let end = rest.find(']')?;
    let name = &rest[..end];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut after = &rest[end + 1..];
    let Some(kind) = Kind::named(name) else {
        let start = at + (line.len() - trimmed.len());
        return Some(Err(unknown_kind(name, start..start + end + 3)));
    };
    // Obsidian folds a callout written `[!kind]-` (closed) or `[!kind]+` (open).
    let fold = after.chars().next().filter(|c| matches!(c, '-' | '+'));
    if fold.is_some() {
        after = &after[1..];
    }
    Some(Ok(Admonition {
        kind,
        title: title(after),
        folded: kind.folded() || fold == Some('-'),
    }))
}

fn title(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A fenced div's line, as the renderer finds it in the prepared text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fence {
    Open(Admonition),
    Close(Admonition),
}

impl Fence {
    /// The line's HTML: the box's opening or its closing.
    pub(crate) fn html(&self, titles: &Titles, print: bool) -> String {
        match self {
            Fence::Open(a) => a.open(titles, print),
            Fence::Close(a) => a.close().to_string(),
        }
    }
}

/// A page's Markdown with its fenced divs' lines replaced by markers, the boxes they stand
/// for, and what was wrong with them.
#[derive(Debug)]
pub(crate) struct Prepared<'m> {
    pub text: Cow<'m, str>,
    pub fences: Vec<Fence>,
    pub problems: Vec<Problem>,
    /// For each line replaced: where its marker ends in `text`, and how many bytes shorter
    /// `text` is than the author's up to there.
    shifts: Vec<(usize, isize)>,
}

/// The start of each marker; the fence's number follows, then [`MARKER_END`].
const MARKER: &str = "<!--aula:fence:";
const MARKER_END: &str = "-->";

impl Prepared<'_> {
    /// The byte of the author's text at byte `at` of the prepared text.
    #[inline]
    pub(crate) fn source_offset(&self, at: usize) -> usize {
        if self.shifts.is_empty() {
            return at;
        }
        let i = self.shifts.partition_point(|(end, _)| *end <= at);
        match i.checked_sub(1) {
            Some(i) => (at as isize + self.shifts[i].1) as usize,
            None => at,
        }
    }

    /// The fence whose marker starts the HTML block `html`, if it is one.
    pub(crate) fn fence(&self, html: &str) -> Option<&Fence> {
        let n = html
            .trim_start_matches(' ')
            .strip_prefix(MARKER)?
            .split(MARKER_END)
            .next()?;
        self.fences.get(n.parse::<usize>().ok()?)
    }
}

/// `markdown` with each `:::` line of a fenced div replaced by a marker. Text without `:::`
/// is returned as it is, for nothing.
pub(crate) fn prepare(markdown: &str) -> Prepared<'_> {
    let mut prepared = Prepared {
        text: Cow::Borrowed(markdown),
        fences: Vec::new(),
        problems: Vec::new(),
        shifts: Vec::new(),
    };
    // Most texts have no `:::`; a search for `:` is cheaper than setting up a substring
    // search for each of the many small texts of a quiz.
    let bytes = markdown.as_bytes();
    if !memchr::memchr_iter(b':', bytes).any(|i| bytes[i..].starts_with(b":::")) {
        return prepared;
    }
    let mut out = String::with_capacity(markdown.len() + 64);
    let mut open: Vec<(Admonition, Range<usize>)> = Vec::new();
    let mut code: Option<(u8, usize)> = None;
    let mut shift: isize = 0;
    let mut start = 0;
    for line in markdown.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let unindented = &body[indent..];
        if indent <= 3 {
            if let Some(fence) = code_fence(unindented) {
                code = match code {
                    None => Some(fence),
                    // A closing fence: the same character, at least as long, nothing after.
                    Some((c, n))
                        if fence.0 == c
                            && fence.1 >= n
                            && unindented.trim_end().bytes().all(|b| b == c) =>
                    {
                        None
                    }
                    still => still,
                };
            }
        }
        let fence = if code.is_none() && indent <= 3 {
            div_line(unindented)
        } else {
            None
        };
        let Some(div) = fence else {
            out.push_str(line);
            continue;
        };
        let span = at + indent..at + body.len();
        let fence = match div {
            DivLine::Close => match open.pop() {
                Some((admonition, _)) => Fence::Close(admonition),
                None => {
                    prepared.problems.push(Problem {
                        span,
                        message: "`:::` closes no box".into(),
                        hint: "open the box above it with `::: note` (or another kind), or remove this line".into(),
                    });
                    out.push_str(line);
                    continue;
                }
            },
            DivLine::Open { name, title: t } => match Kind::named(name) {
                Some(kind) => {
                    let admonition = Admonition {
                        kind,
                        title: title(t),
                        folded: kind.folded(),
                    };
                    open.push((admonition.clone(), span));
                    Fence::Open(admonition)
                }
                None => {
                    let name_at = span.start + unindented.find(name).unwrap_or(0);
                    prepared
                        .problems
                        .push(unknown_kind(name, name_at..name_at + name.len()));
                    // Its content still renders, in an ordinary box, and its `:::` closes it.
                    let admonition = Admonition::plain();
                    open.push((admonition.clone(), span));
                    Fence::Open(admonition)
                }
            },
        };
        // Indented as the line was, so that a box inside a list item stays in it.
        let marker = format!(
            "{}{MARKER}{}{MARKER_END}\n",
            &body[..indent],
            prepared.fences.len()
        );
        prepared.fences.push(fence);
        out.push_str(&marker);
        shift += line.len() as isize - marker.len() as isize;
        prepared.shifts.push((out.len(), shift));
    }
    for (admonition, span) in open.into_iter().rev() {
        prepared.problems.push(Problem {
            span,
            message: format!("the `{}` box is never closed", admonition.kind.name()),
            hint: "end it with a line of `:::`".into(),
        });
        // Closed at the end, so that the page's HTML stays whole.
        let marker = format!("\n{MARKER}{}{MARKER_END}\n", prepared.fences.len());
        prepared.fences.push(Fence::Close(admonition));
        out.push_str(&marker);
    }
    if !prepared.fences.is_empty() {
        prepared.text = Cow::Owned(out);
    }
    prepared
}

/// What a line of a fenced div is.
enum DivLine<'a> {
    Open { name: &'a str, title: &'a str },
    Close,
}

/// The line as a fenced div's opening or closing, as Pandoc writes them: three colons or
/// more, then for an opening a kind (`note`, or `{.note}`) and an optional title.
fn div_line(line: &str) -> Option<DivLine<'_>> {
    let rest = line.trim_start_matches(':');
    if line.len() - rest.len() < 3 {
        return None;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(DivLine::Close);
    }
    // Pandoc's attributes, `{.note #id}`: the first class is the kind.
    if let Some(attrs) = rest.strip_prefix('{') {
        let (attrs, after) = attrs.split_once('}')?;
        let name = attrs.split_whitespace().find_map(|a| a.strip_prefix('.'))?;
        let after = after.trim_end_matches(':');
        return Some(DivLine::Open { name, title: after });
    }
    let (name, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    // Pandoc allows colons after the title, to balance the opening line.
    Some(DivLine::Open {
        name,
        title: title.trim_end_matches(':'),
    })
}

/// A code fence's character and length, if the line opens or closes one.
fn code_fence(line: &str) -> Option<(u8, usize)> {
    let c = *line.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = line.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_in_github_and_obsidian_style() {
        let note = alert(" [!NOTE]", 0).unwrap().unwrap();
        assert_eq!(
            (note.kind, note.title, note.folded),
            (Kind::Note, None, false)
        );
        let tip = alert(" [!tip] Read this first", 0).unwrap().unwrap();
        assert_eq!(tip.title.as_deref(), Some("Read this first"));
        assert!(alert("[!faq]- x", 0).unwrap().is_err());
        assert!(alert("[!warning]- Folded", 0).unwrap().unwrap().folded);
        assert!(alert(" [link] text", 0).is_none());
        assert!(alert(" plain quote", 0).is_none());
        let Some(Err(problem)) = alert(" [!NOPE]", 10) else {
            panic!()
        };
        assert_eq!(problem.span, 11..18);
        assert!(problem.hint.contains("note, tip"), "{problem:?}");
    }

    #[test]
    fn fenced_divs_become_markers_outside_code_and_offsets_map_back() {
        let md = "Intro\n::: tip Be brief\nInside\n:::\n```\n::: note\n```\nAfter :::\n";
        let p = prepare(md);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.fences.len(), 2);
        assert!(matches!(&p.fences[0], Fence::Open(a) if a.title.as_deref() == Some("Be brief")));
        let text = p.text.as_ref();
        assert!(text.contains("```\n::: note\n```"), "{text}");
        let after = text.find("After").unwrap();
        assert_eq!(p.source_offset(after), md.find("After").unwrap());
        let inside = text.find("Inside").unwrap();
        assert_eq!(p.source_offset(inside), md.find("Inside").unwrap());
        assert_eq!(p.source_offset(2), 2);
    }

    #[test]
    fn carpentries_nesting_and_attributes() {
        let md = "::::::: challenge\n\n## Q\n\n:::: {.solution}\n\nA\n\n::::\n\n:::::::\n";
        let p = prepare(md);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let kinds: Vec<_> = p
            .fences
            .iter()
            .map(|f| match f {
                Fence::Open(a) => format!("+{}", a.kind.name()),
                Fence::Close(a) => format!("-{}", a.kind.name()),
            })
            .collect();
        assert_eq!(kinds, ["+exercise", "+solution", "-solution", "-exercise"]);
    }

    #[test]
    fn unknown_unclosed_and_stray_fences_are_problems() {
        let md = "::: nope\nx\n";
        let p = prepare(md);
        assert_eq!(p.problems.len(), 2, "{:?}", p.problems);
        assert_eq!(&md[p.problems[0].span.clone()], "nope");
        assert!(p.problems[1].message.contains("never closed"));
        let p = prepare("text\n:::\n");
        assert_eq!(p.problems[0].message, "`:::` closes no box");
    }

    #[test]
    fn text_without_fences_is_not_copied() {
        assert!(matches!(prepare("a: b :: c").text, Cow::Borrowed(_)));
    }
}
