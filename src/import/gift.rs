//! Moodle's GIFT format: questions separated by blank lines, each an optional `::title::`,
//! an optional `[format]`, its text, and its answers in braces.
//!
//! `{=right ~wrong}` is a single-choice question, or a multiple-choice one with partial
//! scoring when answers carry weights (`~%50%`); `{T}` / `{F}` true or false; `{=a =b}` a
//! short answer; `{#18.5:0.5}`, `{#1..5}` and `{#=18.5 =%50%18}` numeric; `{=a -> b}`
//! matching. Text after the braces makes a "missing word" question, whose blank is written
//! `_____` in the prompt. `#feedback` follows an answer, `####feedback` is the general
//! feedback (aula's explanation). `$CATEGORY:` lines name the category of the questions
//! below them, which the quiz file says in a comment: one bank becomes one quiz, as its
//! author imports it. An essay (`{}`), a description (no braces) and a cloze (two answer
//! blocks) have no aula equivalent and are skipped.

use std::ops::Range;

use super::text::{self, Markup};
use super::{Answer, Choice, Log, Question};

/// Where a missing word's blank goes, until the prompt is Markdown: a character of Unicode's
/// private use area, which no bank means as text.
const BLANK: char = '\u{e000}';

/// Reads a GIFT bank into `log`.
pub(crate) fn read(source: &str, log: &mut Log) {
    let mut category = None;
    for_each_chunk(source, |chunk| {
        let mut start = skip_space(&chunk.text, 0);
        if chunk.text[start..].starts_with("$CATEGORY:") {
            let end = chunk.text[start..]
                .find('\n')
                .map_or(chunk.text.len(), |i| start + i);
            category = Some(category_name(&chunk.text[start + "$CATEGORY:".len()..end]));
            start = skip_space(&chunk.text, end);
            if start >= chunk.text.len() {
                return;
            }
        }
        let at = chunk.src(start);
        let span = at..chunk.src(chunk.text.len());
        match question(&chunk, start) {
            Ok(mut q) => {
                q.line = log.line(at);
                q.category = category.clone();
                log.question(span, q);
            }
            Err(Skip {
                span,
                message,
                hint,
            }) => log.skip(span, message, hint),
        }
    });
}

/// Why a question is left out, and where.
struct Skip {
    span: Range<usize>,
    message: String,
    hint: &'static str,
}

/// One question's lines, comments left out, with where each line starts in the file.
struct Chunk {
    text: String,
    /// (offset in `text`, offset in the file) of each line's start.
    lines: Vec<(usize, usize)>,
}

impl Chunk {
    /// The file's offset of `text`'s offset `at`.
    fn src(&self, at: usize) -> usize {
        let i = self
            .lines
            .partition_point(|&(off, _)| off <= at)
            .saturating_sub(1);
        self.lines.get(i).map_or(0, |&(off, src)| src + (at - off))
    }

    fn span(&self, r: Range<usize>) -> Range<usize> {
        self.src(r.start)..self.src(r.end)
    }

    fn skip(&self, r: Range<usize>, message: impl Into<String>, hint: &'static str) -> Skip {
        Skip {
            span: self.span(r),
            message: message.into(),
            hint,
        }
    }
}

/// Each of the file's questions, in turn: runs of lines between blank lines, `//` comment
/// lines left out. One at a time, so that a bank costs one question's copy.
fn for_each_chunk(source: &str, mut each: impl FnMut(Chunk)) {
    let mut current = Chunk {
        text: String::new(),
        lines: Vec::new(),
    };
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.starts_with("//") {
            continue;
        }
        if trimmed.is_empty() {
            if !current.lines.is_empty() {
                each(std::mem::replace(
                    &mut current,
                    Chunk {
                        text: String::new(),
                        lines: Vec::new(),
                    },
                ));
            }
            continue;
        }
        if !current.text.is_empty() {
            current.text.push('\n');
        }
        // A byte-order mark is no part of the first question.
        let (content, start) = match content.strip_prefix('\u{feff}') {
            Some(rest) => (rest, start + '\u{feff}'.len_utf8()),
            None => (content, start),
        };
        current.lines.push((current.text.len(), start));
        current.text.push_str(content);
    }
    if !current.lines.is_empty() {
        each(current);
    }
}

/// `$course$/top/Geography/Capitals` as `Geography/Capitals`.
fn category_name(raw: &str) -> String {
    let mut name = raw.trim();
    for prefix in ["$course$/", "$system$/", "$module$/", "$cat1$/", "top/"] {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    name.to_string()
}

fn skip_space(s: &str, from: usize) -> usize {
    let from = from.min(s.len());
    s[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(s.len(), |i| from + i)
}

/// Where `pat` (ASCII) first occurs in `s` from `from`, not escaped by a backslash.
fn find(s: &str, from: usize, pat: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(pat.as_bytes()) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// GIFT's escapes undone: `\~ \= \# \{ \} \:` and `\\` are the characters, `\n` a new line.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => out.push(e),
            Some('n') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn question(chunk: &Chunk, start: usize) -> Result<Question, Skip> {
    let t = chunk.text.as_str();
    let mut pos = start;
    let mut title = None;
    if t[pos..].starts_with("::") {
        let Some(end) = find(t, pos + 2, "::") else {
            return Err(chunk.skip(
                pos..pos + 2,
                "this question's title is never closed",
                "end the title with `::`, as in `::Title:: Question text {…}`",
            ));
        };
        title = Some(unescape(&t[pos + 2..end]).trim().to_string());
        pos = skip_space(t, end + 2);
    }
    let mut markup = Markup::Moodle;
    if t[pos..].starts_with('[') {
        if let Some(close) = t[pos..].find(']') {
            let word = &t[pos + 1..pos + close];
            let known = match word {
                "html" => Some(Markup::Html),
                "markdown" => Some(Markup::Markdown),
                "plain" => Some(Markup::Plain),
                "moodle" => Some(Markup::Moodle),
                _ => None,
            };
            if let Some(m) = known {
                markup = m;
                pos = skip_space(t, pos + close + 1);
            }
        }
    }
    let Some(open) = find(t, pos, "{") else {
        return Err(chunk.skip(
            pos..t.len().min(pos + t[pos..].find('\n').unwrap_or(t.len() - pos)),
            "a description (text without answers in braces) has no aula equivalent",
            "put the text in a lesson, or add its answers in `{…}`; a brace in the text is written `\\{`",
        ));
    };
    let Some(close) = find(t, open + 1, "}") else {
        return Err(chunk.skip(
            open..open + 1,
            "this `{` is never closed",
            "end the answers with `}`; a brace in the text is written `\\{`",
        ));
    };
    if let Some(second) = find(t, close + 1, "{") {
        // Answers on a later line are most likely the next question, the blank line GIFT
        // separates questions with forgotten: say so, at the line that starts it.
        if let Some(line) = t[close + 1..second].find('\n') {
            let next = skip_space(t, close + 1 + line);
            return Err(chunk.skip(
                next..next + t[next..].find('\n').unwrap_or(t.len() - next),
                "a second answer block, on a line of its own: GIFT separates questions with a blank line",
                "add a blank line before this line if it starts a new question",
            ));
        }
        return Err(chunk.skip(
            second..second + 1,
            "a second answer block: embedded answers (cloze) have no aula equivalent",
            "split it into one question per blank, or escape the brace as `\\{`",
        ));
    }
    let before = t[pos..open].trim();
    let after = t[close + 1..].trim();
    let prompt_raw = if after.is_empty() {
        before.to_string()
    } else {
        // The "missing word" format: the blank goes where the answers were, put in after
        // the text is converted, which would escape its underscores.
        format!("{before} {BLANK} {after}")
    };
    let mut prompt = text::markdown(markup, &unescape(&prompt_raw)).replace(BLANK, "_____");
    if prompt.is_empty() {
        prompt = title.clone().unwrap_or_default();
    }
    let mut block = open + 1..close;
    let mut general = None;
    if let Some(g) = find(t, block.start, "####").filter(|&g| g < close) {
        general = Some(text::markdown(markup, &unescape(&t[g + 4..close])));
        block = block.start..g;
    }
    let mut q = answers(chunk, block, markup)?;
    q.prompt = prompt;
    q.title = title;
    q.explanation = join(q.explanation.take(), general);
    Ok(q)
}

/// Two optional texts as one, in paragraphs.
fn join(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a.filter(|s| !s.is_empty()), b.filter(|s| !s.is_empty())) {
        (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
        (a, b) => a.or(b),
    }
}

/// One answer of a block: its marker (`=`, `~`), weight in percent, text and feedback,
/// with the text's place in the chunk.
struct Raw {
    marker: char,
    weight: Option<f64>,
    text: Range<usize>,
    feedback: Option<Range<usize>>,
}

impl Raw {
    /// The credit it gives, in percent: `=` is full credit and `~` none, unless weighed.
    fn credit(&self) -> f64 {
        self.weight
            .unwrap_or(if self.marker == '=' { 100.0 } else { 0.0 })
    }
}

/// The question that the answer block at `block` of the chunk makes; its prompt is filled
/// in by the caller.
fn answers(chunk: &Chunk, block: Range<usize>, markup: Markup) -> Result<Question, Skip> {
    let t = chunk.text.as_str();
    let inner = t[block.clone()].trim();
    let lead = block.start + (t[block.clone()].len() - t[block.clone()].trim_start().len());
    if inner.is_empty() {
        return Err(chunk.skip(
            block.start - 1..block.end + 1,
            "an essay question (`{}`) has no aula equivalent",
            "aula scores every answer in the browser: ask for a written answer in a lesson's exercise instead",
        ));
    }
    let md = |r: &Range<usize>| text::inline(markup, &unescape(&t[r.clone()]));
    let block_md = |r: &Range<usize>| text::markdown(markup, &unescape(&t[r.clone()]));
    let mut q = Question::new(0, String::new(), Answer::TrueFalse(true));
    if inner.starts_with('#') {
        return self::numeric(chunk, lead + 1..block.end, markup, q);
    }
    // True or false, with the feedback for a wrong answer, then for a right one.
    let head_end = find(t, lead, "#")
        .filter(|&h| h < block.end)
        .unwrap_or(block.end);
    let head = t[lead..head_end].trim().to_ascii_uppercase();
    if matches!(head.as_str(), "T" | "TRUE" | "F" | "FALSE") {
        q.answer = Answer::TrueFalse(head.starts_with('T'));
        if head_end < block.end {
            let second = find(t, head_end + 1, "#").filter(|&h| h < block.end);
            let wrong = head_end + 1..second.unwrap_or(block.end);
            q.feedback = Some(block_md(&wrong)).filter(|s| !s.is_empty());
            if let Some(s) = second {
                q.explanation = Some(block_md(&(s + 1..block.end))).filter(|s| !s.is_empty());
            }
        }
        return Ok(q);
    }
    let raws = split(chunk, lead..block.end)?;
    let matching = raws
        .iter()
        .any(|r| find(t, r.text.start, "->").is_some_and(|a| a < r.text.end));
    if matching {
        let mut pairs = Vec::new();
        let mut distractors = Vec::new();
        for r in &raws {
            let arrow = find(t, r.text.start, "->").filter(|&a| a < r.text.end);
            let (Some(arrow), '=') = (arrow, r.marker) else {
                return Err(chunk.skip(
                    r.text.start.saturating_sub(1)..r.text.end,
                    "this answer of a matching question is not `=left -> right`",
                    "write every answer of a matching question as `=item -> its match`",
                ));
            };
            let left = md(&(r.text.start..arrow));
            let right = text::plain(markup, &unescape(&t[arrow + 2..r.text.end]));
            if left.is_empty() {
                distractors.push(right);
            } else {
                pairs.push((left, right));
            }
        }
        q.answer = Answer::Match { pairs, distractors };
        return Ok(q);
    }
    let full: Vec<&Raw> = raws.iter().filter(|r| r.credit() >= 100.0).collect();
    let partial: Vec<&Raw> = raws
        .iter()
        .filter(|r| r.credit() > 0.0 && r.credit() < 100.0)
        .collect();
    if raws.iter().all(|r| r.marker == '=') {
        // Short answer: each accepted text; partial credit has no aula equivalent.
        let accept = full
            .iter()
            .map(|r| text::plain(Markup::Plain, &unescape(&t[r.text.clone()])))
            .collect();
        q.answer = super::moodle_short(accept, &mut q.notes);
        for r in &partial {
            q.notes.push(format!(
                "the answer `{}` gave {}% credit, which aula cannot give; it is left out",
                unescape(t[r.text.clone()].trim()),
                r.credit()
            ));
        }
        let fb: Vec<String> = full
            .iter()
            .filter_map(|r| r.feedback.as_ref().map(&block_md))
            .filter(|f| !f.is_empty())
            .collect();
        q.explanation = (!fb.is_empty()).then(|| fb.join("\n\n"));
        return Ok(q);
    }
    let options: Vec<Choice> = raws
        .iter()
        .map(|r| Choice {
            text: md(&r.text),
            correct: if full.is_empty() {
                r.credit() > 0.0
            } else {
                r.credit() >= 100.0
            },
            feedback: r.feedback.as_ref().map(&block_md).filter(|f| !f.is_empty()),
        })
        .collect();
    if full.is_empty() && partial.len() > 1 {
        let weights: Vec<String> = partial.iter().map(|r| format!("{}%", r.credit())).collect();
        if partial.iter().any(|r| r.credit() != partial[0].credit()) {
            q.notes.push(format!(
                "the right answers had different weights ({}); aula's partial scoring gives each right pick the same credit",
                weights.join(", ")
            ));
        }
        q.answer = Answer::Multiple {
            options,
            partial: true,
        };
    } else {
        if !full.is_empty() && !partial.is_empty() {
            let texts: Vec<String> = partial
                .iter()
                .map(|r| format!("`{}` ({}%)", unescape(t[r.text.clone()].trim()), r.credit()))
                .collect();
            q.notes.push(format!(
                "partial credit for {} has no aula equivalent in a single-choice question; they count as wrong",
                texts.join(", ")
            ));
        }
        q.answer = Answer::Single(options);
    }
    Ok(q)
}

/// The answers of a block, each starting at an unescaped `=` or `~`.
fn split(chunk: &Chunk, block: Range<usize>) -> Result<Vec<Raw>, Skip> {
    let t = chunk.text.as_str();
    let mut starts = Vec::new();
    let mut i = block.start;
    while i < block.end {
        let next = [find(t, i, "="), find(t, i, "~")]
            .into_iter()
            .flatten()
            .filter(|&m| m < block.end)
            .min();
        let Some(m) = next else { break };
        starts.push(m);
        i = m + 1;
    }
    let first = starts.first().copied().unwrap_or(block.end);
    if !t[block.start..first].trim().is_empty() {
        let r = block.start..first;
        return Err(chunk.skip(
            r,
            "these answers do not start with `=` or `~`",
            "mark each answer `=` (right) or `~` (wrong); an `=` or `~` in an answer's text is written `\\=` or `\\~`",
        ));
    }
    let mut out = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(block.end);
        let marker = if t.as_bytes()[s] == b'=' { '=' } else { '~' };
        let mut text_start = s + 1;
        let mut weight = None;
        if t[text_start..end].starts_with('%') {
            let Some(close) = t[text_start + 1..end].find('%') else {
                return Err(chunk.skip(
                    text_start..end,
                    "this answer's weight is never closed",
                    "write a weight as a percent between two `%`, like `~%50%answer`",
                ));
            };
            let raw = &t[text_start + 1..text_start + 1 + close];
            match raw.trim().parse::<f64>() {
                Ok(w) if w.is_finite() && (-100.0..=100.0).contains(&w) => weight = Some(w),
                _ => {
                    return Err(chunk.skip(
                        text_start..text_start + close + 2,
                        format!("the weight `%{raw}%` is not a percent between -100 and 100"),
                        "write a weight like `~%50%answer` or `~%-100%answer`",
                    ))
                }
            }
            text_start += close + 2;
        }
        let hash = find(t, text_start, "#").filter(|&h| h < end);
        let text_end = hash.unwrap_or(end);
        let trim = trimmed(t, text_start..text_end);
        out.push(Raw {
            marker,
            weight,
            text: trim,
            feedback: hash.map(|h| h + 1..end),
        });
    }
    Ok(out)
}

/// `r` without the white space at its ends.
fn trimmed(t: &str, r: Range<usize>) -> Range<usize> {
    let s = &t[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// A numeric block (after its `#`): one answer, or several `=` answers of which the first
/// with full credit is aula's.
fn numeric(
    chunk: &Chunk,
    block: Range<usize>,
    markup: Markup,
    mut q: Question,
) -> Result<Question, Skip> {
    let t = chunk.text.as_str();
    let has_markers = find(t, block.start, "=").is_some_and(|m| m < block.end)
        || find(t, block.start, "~").is_some_and(|m| m < block.end);
    let raws = if has_markers {
        split(chunk, block.clone())?
    } else {
        let hash = find(t, block.start, "#").filter(|&h| h < block.end);
        vec![Raw {
            marker: '=',
            weight: None,
            text: trimmed(t, block.start..hash.unwrap_or(block.end)),
            feedback: hash.map(|h| h + 1..block.end),
        }]
    };
    let mut chosen: Option<(f64, f64, &Raw)> = None;
    for r in &raws {
        let value = &t[r.text.clone()];
        let wrong = r.marker == '~' || r.credit() <= 0.0;
        // `~#feedback` without a number, as Moodle writes it: the feedback for any other.
        if wrong && matches!(value.trim(), "" | "*") {
            if let Some(fb) = &r.feedback {
                let fb = text::markdown(markup, &unescape(&t[fb.clone()]));
                q.feedback = join(q.feedback.take(), Some(fb));
            }
            continue;
        }
        let Some((answer, tolerance)) = number(value) else {
            return Err(chunk.skip(
                r.text.clone(),
                format!("`{}` is not a number", value.trim()),
                "write a number (`18.5`), a number and its tolerance (`18.5:0.5`) or a range (`1..5`)",
            ));
        };
        if wrong {
            if let Some(fb) = &r.feedback {
                let fb = text::markdown(markup, &unescape(&t[fb.clone()]));
                q.feedback = join(q.feedback.take(), Some(fb));
            }
            continue;
        }
        if chosen.is_none() && r.credit() >= 100.0 {
            chosen = Some((answer, tolerance, r));
        } else {
            q.notes.push(format!(
                "the answer `{}` ({}% credit) is left out: aula's numeric question has one answer and its tolerance",
                value.trim(),
                r.credit()
            ));
        }
    }
    let Some((answer, tolerance, r)) = chosen else {
        return Err(chunk.skip(
            block,
            "this numeric question has no answer with full credit",
            "give one answer full credit, like `{#=18.5:0.5}`",
        ));
    };
    q.answer = Answer::Numeric { answer, tolerance };
    q.explanation = r
        .feedback
        .as_ref()
        .map(|fb| text::markdown(markup, &unescape(&t[fb.clone()])))
        .filter(|s| !s.is_empty());
    Ok(q)
}

/// `18.5`, `18.5:0.5` or `1..5` as (answer, tolerance).
fn number(s: &str) -> Option<(f64, f64)> {
    let s = unescape(s);
    let s = s.trim();
    let num = |x: &str| x.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    if let Some((lo, hi)) = s.split_once("..") {
        let (lo, hi) = (num(lo)?, num(hi)?);
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        return Some(((lo + hi) / 2.0, (hi - lo) / 2.0));
    }
    if let Some((n, tol)) = s.split_once(':') {
        return Some((num(n)?, num(tol)?.abs()));
    }
    Some((num(s)?, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_undone_and_found_past() {
        assert_eq!(
            unescape(r"a \= b \~ c \# \{\} \: \\ \n x"),
            "a = b ~ c # {} : \\ \n x"
        );
        assert_eq!(find(r"a \{ b {", 0, "{"), Some(7));
        assert_eq!(find("é {", 0, "{"), Some(3));
    }

    #[test]
    fn numbers_ranges_and_tolerances() {
        assert_eq!(number("18.5:0.5"), Some((18.5, 0.5)));
        assert_eq!(number("1..5"), Some((3.0, 2.0)));
        assert_eq!(number(" 42 "), Some((42.0, 0.0)));
        assert_eq!(number("abc"), None);
        assert_eq!(number("1..x"), None);
    }
}
