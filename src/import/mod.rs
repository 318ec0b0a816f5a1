//! `aula import`: question banks written for other tools (GIFT, Aiken, Moodle XML,
//! mdbook-quiz) read into one small model, checked against what aula's quiz files accept,
//! and written as a commented `quiz.toml` by [`write_toml`].
//!
//! Each reader turns its format into [`Question`]s and reports, as located diagnostics, what
//! it had to leave out: a question with no aula equivalent (an essay, a cloze, a calculated
//! question) is an error and is skipped; a detail lost on the way (partial credit that aula
//! cannot weigh) is a warning and the question is kept. The readers never stop at the first
//! problem, so one run reports every one of them.

pub(crate) mod aiken;
pub(crate) mod gift;
pub(crate) mod mdbook_quiz;
pub(crate) mod moodle_xml;
pub(crate) mod text;
pub(crate) mod write_toml;

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, LineIndex};

/// A format `aula import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Moodle's GIFT text format.
    Gift,
    /// The Aiken format: a question, lettered options, `ANSWER: X`.
    Aiken,
    /// Moodle's XML question export.
    MoodleXml,
    /// mdbook-quiz's TOML.
    MdbookQuiz,
}

impl Format {
    /// The format's name, as `--format` writes it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Gift => "GIFT",
            Format::Aiken => "Aiken",
            Format::MoodleXml => "Moodle XML",
            Format::MdbookQuiz => "mdbook-quiz",
        }
    }

    /// The format of `path`, from its extension, or from its text when the extension does
    /// not tell (`.txt` is Aiken or GIFT alike).
    pub(crate) fn detect(path: &Path, text: &str) -> Format {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "gift" => Format::Gift,
            "xml" => Format::MoodleXml,
            "toml" => Format::MdbookQuiz,
            _ => sniff(text),
        }
    }
}

/// The format of a text whose name does not tell: Moodle XML starts with markup, an
/// mdbook-quiz file has `[[questions]]` tables, Aiken has `ANSWER:` lines, and the rest
/// is read as GIFT, whose questions need no marker at all.
fn sniff(text: &str) -> Format {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') && text.contains("<quiz") {
        return Format::MoodleXml;
    }
    let mut lines = text.lines().map(str::trim);
    if lines
        .clone()
        .any(|l| l == "[[questions]]" || l.starts_with("type = \"MultipleChoice\""))
    {
        return Format::MdbookQuiz;
    }
    if lines.any(|l| aiken::answer_line(l).is_some()) {
        return Format::Aiken;
    }
    Format::Gift
}

/// One question read from a bank, in the terms of aula's quiz files. Texts are Markdown
/// (converted from the bank's HTML or plain text) except where a field says otherwise.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Question {
    /// The line of the input where it starts, named in the written file's comment.
    pub(crate) line: usize,
    /// The bank's name for it (GIFT's `::title::`, Moodle's `<name>`), which gives its id.
    pub(crate) title: Option<String>,
    /// The bank's id for it, kept when aula can take it as it is.
    pub(crate) id: Option<String>,
    /// The category it was filed under, said in a comment.
    pub(crate) category: Option<String>,
    /// A case that several questions share (mdbook-quiz's `multipart`): key and context.
    pub(crate) group: Option<(String, String)>,
    pub(crate) prompt: String,
    /// The general feedback, shown once the question is marked.
    pub(crate) explanation: Option<String>,
    /// Shown when the answer is not fully right.
    pub(crate) feedback: Option<String>,
    /// Offered before the learner answers (Moodle XML's first `<hint>`).
    pub(crate) hint: Option<String>,
    /// What a right answer is worth, when the bank says and it is not 1.
    pub(crate) points: Option<u32>,
    pub(crate) answer: Answer,
    /// What the reader could not keep, written as comments above the question.
    pub(crate) notes: Vec<String>,
}

impl Question {
    /// A question with `prompt` and `answer`, and nothing else yet.
    pub(crate) fn new(line: usize, prompt: String, answer: Answer) -> Question {
        Question {
            line,
            title: None,
            id: None,
            category: None,
            group: None,
            prompt,
            explanation: None,
            feedback: None,
            hint: None,
            points: None,
            answer,
            notes: Vec::new(),
        }
    }
}

/// What the question asks for: one variant per aula kind that a bank's questions map to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answer {
    /// `single`: one right option.
    Single(Vec<Choice>),
    /// `multiple`: any number of right options; `partial` when the bank gave credit per pick.
    Multiple { options: Vec<Choice>, partial: bool },
    /// `true_false`.
    TrueFalse(bool),
    /// `match`: pairs of (left Markdown, right plain text), and right-hand distractors.
    Match {
        pairs: Vec<(String, String)>,
        distractors: Vec<String>,
    },
    /// `short`: the accepted answers, plain text, and a `pattern` for those Moodle wrote
    /// with its `*` wildcard ([`moodle_short`]).
    Short {
        accept: Vec<String>,
        pattern: Option<String>,
    },
    /// `numeric`.
    Numeric { answer: f64, tolerance: f64 },
}

/// A short answer's accepted texts as Moodle reads them (GIFT and Moodle XML alike): `*`
/// is a wildcard, for any characters, and `\*` the character. Answers with a wildcard
/// become one `pattern`, anchored, the rest stays in `accept`; `notes` says what was done.
pub(crate) fn moodle_short(answers: Vec<String>, notes: &mut Vec<String>) -> Answer {
    let mut accept = Vec::new();
    let mut wild = Vec::new();
    for answer in answers {
        // The answer split at its wildcards, each piece with `\*` made `*`.
        let pieces: Vec<String> = split_unescaped(&answer, '*')
            .into_iter()
            .map(|p| p.replace("\\*", "*"))
            .collect();
        if pieces.len() == 1 {
            accept.extend(pieces);
        } else if pieces.iter().all(|p| p.trim().is_empty()) {
            notes.push(
                "an answer of only `*` accepted anything, which aula cannot score; it is left out"
                    .into(),
            );
        } else {
            let regex: Vec<String> = pieces.iter().map(|p| regex_literal(p)).collect();
            wild.push(regex.join(".*"));
        }
    }
    let pattern = match wild.len() {
        0 => None,
        1 => Some(format!("^{}$", wild[0])),
        _ => Some(format!("^(?:{})$", wild.join("|"))),
    };
    if pattern.is_some() {
        notes.push(
            "Moodle's `*` wildcard became a `pattern`, where `.*` stands for any characters".into(),
        );
    }
    Answer::Short { accept, pattern }
}

/// `s` split at each `sep` not escaped by a backslash.
fn split_unescaped(s: &str, sep: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == sep => {
                pieces.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&s[start..]);
    pieces
}

/// `s` as a regular expression that matches it: only the characters a pattern reads as
/// syntax are escaped, since browsers refuse any other escape in a `u` pattern.
fn regex_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "^$\\.*+?()[]{}|/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One option of a single or multiple question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Choice {
    pub(crate) text: String,
    pub(crate) correct: bool,
    pub(crate) feedback: Option<String>,
}

/// What one reader made of one input file.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    /// The questions aula can ask, in the input's order.
    pub(crate) questions: Vec<Question>,
    /// How many questions the input holds, those skipped included.
    pub(crate) total: usize,
    /// Errors (a question skipped, a part of the file unreadable) and warnings (a detail
    /// lost), in the input's order.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Imported {
    /// How many questions were left out.
    pub(crate) fn skipped(&self) -> usize {
        self.total - self.questions.len()
    }

    /// "converted 47 of 50 questions; 3 skipped (see above)".
    pub(crate) fn summary(&self) -> String {
        let converted = format!(
            "converted {} of {} question{}",
            self.questions.len(),
            self.total,
            if self.total == 1 { "" } else { "s" }
        );
        match self.skipped() {
            0 => converted,
            n => format!("{converted}; {n} skipped (see above)"),
        }
    }
}

/// Reads `text`, the contents of `path`, as `format`.
pub(crate) fn read(path: &Path, text: &str, format: Format) -> Imported {
    let mut log = Log::new(path, text);
    match format {
        Format::Gift => gift::read(text, &mut log),
        Format::Aiken => aiken::read(text, &mut log),
        Format::MoodleXml => moodle_xml::read(text, &mut log),
        Format::MdbookQuiz => mdbook_quiz::read(text, &mut log),
    }
    log.imported
}

/// Where a reader puts what it read and what it found wrong, each diagnostic located in the
/// input through one [`LineIndex`], so that thousands of them cost no rescans.
pub(crate) struct Log<'a> {
    file: PathBuf,
    source: &'a str,
    index: LineIndex,
    imported: Imported,
}

impl<'a> Log<'a> {
    fn new(path: &Path, source: &'a str) -> Log<'a> {
        Log {
            file: path.to_path_buf(),
            source,
            index: LineIndex::new(source),
            imported: Imported::default(),
        }
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.index
            .locate(self.source, offset..offset.saturating_add(1))
            .line
    }

    fn diagnostic(&self, span: Range<usize>, message: String, hint: &str) -> Diagnostic {
        let end = span.end.clamp(span.start, self.source.len());
        let start = span.start.min(end);
        Diagnostic::new(&self.file, message)
            .located(self.index.locate(self.source, start..end))
            .with_hint(hint)
    }

    /// A problem that cost a question or a part of the file.
    pub(crate) fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: &str) {
        let d = self.diagnostic(span, message.into(), hint);
        self.imported.diagnostics.push(d);
    }

    /// A detail lost from a question that is still converted.
    pub(crate) fn warn(&mut self, span: Range<usize>, message: impl Into<String>, hint: &str) {
        let d = self.diagnostic(span, message.into(), hint).warning();
        self.imported.diagnostics.push(d);
    }

    /// A question that has no aula equivalent, or could not be read: counted, reported at
    /// `span` and left out.
    pub(crate) fn skip(&mut self, span: Range<usize>, message: impl Into<String>, hint: &str) {
        self.imported.total += 1;
        self.error(span, message, hint);
    }

    /// A question read: kept if aula's quiz files accept it as it is, otherwise skipped with
    /// what stands in the way, at `span`, the question in the input.
    pub(crate) fn question(&mut self, span: Range<usize>, mut q: Question) {
        // An empty accepted text (GIFT's `{= =yes}`) accepts nothing.
        if let Answer::Short { accept, .. } = &mut q.answer {
            accept.retain(|a| !a.trim().is_empty());
        }
        // The question's first line is what an author recognises as "that question".
        let end = self
            .source
            .get(span.start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(span.end, |i| (span.start + i).min(span.end));
        let span = span.start..end.max(span.start);
        match admissible(&q) {
            Ok(()) => {
                for note in &q.notes {
                    self.warn(
                        span.clone(),
                        note.clone(),
                        "the quiz file says so too, in a comment above the question",
                    );
                }
                self.imported.total += 1;
                self.imported.questions.push(q);
            }
            Err((message, hint)) => self.skip(span, message, hint),
        }
    }
}

/// Whether aula's quiz checks would take `q`; if not, what is wrong and what to do. The
/// readers check their own format; this checks what every quiz file must hold, so that the
/// written file always parses.
fn admissible(q: &Question) -> Result<(), (String, &'static str)> {
    if q.prompt.trim().is_empty() {
        return Err((
            "this question has no text".into(),
            "give the question a text in the input",
        ));
    }
    match &q.answer {
        Answer::Single(options) | Answer::Multiple { options, .. } => {
            if options.len() < 2 {
                return Err((
                    format!(
                        "this question has {} option{}; aula needs at least 2",
                        options.len(),
                        if options.len() == 1 { "" } else { "s" }
                    ),
                    "add another option in the input",
                ));
            }
            if options.iter().any(|o| o.text.trim().is_empty()) {
                return Err((
                    "an option of this question has no text".into(),
                    "give every option a text in the input",
                ));
            }
            if !distinct(options.iter().map(|o| o.text.as_str())) {
                return Err((
                    "this question has the same option twice".into(),
                    "give every option a different text in the input",
                ));
            }
            let right = options.iter().filter(|o| o.correct).count();
            if right == 0 {
                return Err((
                    "this question has no right answer".into(),
                    "mark one answer right in the input (`=` in GIFT, a fraction of 100 in Moodle XML)",
                ));
            }
            if right > 1 && matches!(q.answer, Answer::Single(_)) {
                return Err((
                    format!("this question has {right} answers that are each fully right"),
                    "aula's single-choice question has one right answer: keep one, or give the right ones weights that add up to 100% to make it a multiple-choice question",
                ));
            }
        }
        Answer::Match { pairs, distractors } => {
            if pairs.len() < 2 {
                return Err((
                    format!(
                        "this matching question has {} pair{}; aula needs at least 2",
                        pairs.len(),
                        if pairs.len() == 1 { "" } else { "s" }
                    ),
                    "add another pair in the input",
                ));
            }
            if pairs
                .iter()
                .any(|(l, r)| l.trim().is_empty() || r.trim().is_empty())
                || distractors.iter().any(|d| d.trim().is_empty())
            {
                return Err((
                    "a pair of this matching question has an empty side".into(),
                    "give every pair a text on both sides in the input",
                ));
            }
            let rights = pairs
                .iter()
                .map(|p| p.1.as_str())
                .chain(distractors.iter().map(String::as_str));
            if !distinct(pairs.iter().map(|p| p.0.as_str())) || !distinct(rights) {
                return Err((
                    "this matching question has the same text twice on one side".into(),
                    "aula pairs each left text with one right text: make the texts of each side differ",
                ));
            }
        }
        Answer::Short { accept, pattern } => {
            if pattern.is_none() && accept.iter().all(|a| a.trim().is_empty()) {
                return Err((
                    "this short-answer question has no fully right answer".into(),
                    "give at least one answer full credit in the input",
                ));
            }
        }
        Answer::Numeric { answer, tolerance } => {
            if !(answer.is_finite() && tolerance.is_finite() && *tolerance >= 0.0) {
                return Err((
                    "this numeric question's answer is not a finite number".into(),
                    "write the answer as a number, like 18.5, and the tolerance as 0 or more",
                ));
            }
        }
        Answer::TrueFalse(_) => {}
    }
    Ok(())
}

/// Whether no two of `texts` are the same once trimmed, ignoring case, as aula compares them.
fn distinct<'t>(texts: impl Iterator<Item = &'t str>) -> bool {
    let mut seen = HashSet::new();
    texts
        .into_iter()
        .all(|t| seen.insert(t.trim().to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_extension_then_the_text() {
        let p = |name: &str| PathBuf::from(name);
        assert_eq!(Format::detect(&p("a.gift"), ""), Format::Gift);
        assert_eq!(Format::detect(&p("a.XML"), ""), Format::MoodleXml);
        assert_eq!(Format::detect(&p("a.toml"), ""), Format::MdbookQuiz);
        let aiken = "Q?\nA. x\nB. y\nANSWER: A\n";
        assert_eq!(Format::detect(&p("a.txt"), aiken), Format::Aiken);
        assert_eq!(Format::detect(&p("a.txt"), "Q? {=a ~b}"), Format::Gift);
        let xml = "<?xml version=\"1.0\"?>\n<quiz></quiz>";
        assert_eq!(Format::detect(&p("bank"), xml), Format::MoodleXml);
        let md = "[[questions]]\ntype = \"MultipleChoice\"\n";
        assert_eq!(Format::detect(&p("bank.txt"), md), Format::MdbookQuiz);
    }

    /// Every reader, on thousands of texts made of its format's own pieces in a random
    /// order: what it cannot read is reported, and it never panics.
    #[test]
    fn no_input_makes_a_reader_panic() {
        let pieces: [(Format, &[&str]); 4] = [
            (Format::Gift, &["Q? {=a ~b}\n\n", "::t::", "{", "}", "=", "~", "#", "####", "%50%", "%x", "->", "\\", "\\{", "\n", "\n\n", "T", "é", "[html]", "<b>", "#1..", ":", "$CATEGORY: a\n", "// c\n", " "]),
            (Format::Aiken, &["\nQ?\nA. x\nB. y\nANSWER: A\n", "Q?\n", "A. x\n", "B) y\n", "ANSWER: ", "A", "Z", "\n", "\n\n", "é", "\r\n", " "]),
            (Format::MoodleXml, &["<quiz>", "<question type=\"truefalse\"><questiontext><text>Q?</text></questiontext><answer fraction=\"100\"><text>true</text></answer></question>", "</quiz>", "<question type=\"multichoice\">", "<question type=\"numerical\">", "<question type=\"matching\">", "</question>", "<text>", "</text>", "<answer fraction=\"100\">", "</answer>", "<subquestion>", "</subquestion>", "<![CDATA[<p>é", "]]>", "&amp;", "&#x41;", "&bogus;", "<", ">", "<tolerance>", "</tolerance>", "x", "1.5"]),
            (Format::MdbookQuiz, &["[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"p\"\nanswer.answer = \"b\"\n", "[[questions]]\n", "type = \"MultipleChoice\"\n", "type = \"Tracing\"\n", "type = \"ShortAnswer\"\n", "prompt.prompt = \"p\"\n", "prompt.distractors = [\"a\"]\n", "answer.answer = \"b\"\n", "answer.answer = [\"b\", \"c\"]\n", "answer.doesCompile = true\n", "multipart = \"m\"\n", "[multipart]\nm = \"c\"\n", "\"", "=", "\n"]),
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut converted = 0;
        for (format, pieces) in pieces {
            for _ in 0..3000 {
                let mut text = String::new();
                for _ in 0..next(40) {
                    text.push_str(pieces[next(pieces.len())]);
                }
                let imported = read(Path::new("bank"), &text, format);
                assert!(imported.total >= imported.questions.len(), "{text:?}");
                let toml = write_toml::quiz_toml("Bank", "bank", format, &imported.questions);
                if !imported.questions.is_empty() {
                    let parsed = crate::quiz::parse(Path::new("bank.quiz.toml"), &toml, 70);
                    assert!(parsed.is_ok(), "{text:?}\n{toml}\n{parsed:?}");
                    converted += 1;
                }
            }
        }
        // The pieces make questions often enough that the written files are tried too.
        assert!(converted > 1000, "only {converted} texts made a question");
    }

    #[test]
    fn the_summary_counts_what_was_skipped() {
        let mut imported = Imported {
            total: 50,
            ..Imported::default()
        };
        let q = Question::new(1, "Q".into(), Answer::TrueFalse(true));
        imported.questions = vec![q; 47];
        assert_eq!(
            imported.summary(),
            "converted 47 of 50 questions; 3 skipped (see above)"
        );
        imported.total = 47;
        assert_eq!(imported.summary(), "converted 47 of 47 questions");
    }
}
