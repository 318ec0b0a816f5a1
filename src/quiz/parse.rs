//! Reading a quiz file: its TOML into a checked [`Quiz`], every mistake reported at its
//! line and column.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    content_hash, Answer, Choice, Group, Kind, Mode, Pair, Question, Quiz, Scoring, Shuffle, Text,
};
use crate::diagnostic::Diagnostic;
use crate::toml_file::words::Keys;
use crate::toml_file::{self, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    pass: Option<Spanned<i64>>,
    mode: Option<Mode>,
    shuffle: Option<Spanned<RawShuffle>>,
    draw: Option<Spanned<i64>>,
    attempts: Option<Spanned<i64>>,
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
    groups: Option<Spanned<Vec<Spanned<RawGroup>>>>,
}

/// `shuffle = true | false | "options"`.
enum RawShuffle {
    Bool(bool),
    Word(String),
}

/// `answer = true` for true_false, `answer = 18.5` for numeric; text is read to say so.
enum RawAnswer {
    Bool(bool),
    Number(f64),
    Text(String),
}

// Read by hand rather than `#[serde(untagged)]`, whose error for a value of another type
// ("data did not match any variant of untagged enum") says nothing an author can use: this
// way a list or a table is "invalid type: sequence, expected …", which `words` explains.
impl<'de> Deserialize<'de> for RawShuffle {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawShuffle;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`true`, `false` or a word")
            }

            fn visit_bool<E>(self, b: bool) -> Result<RawShuffle, E> {
                Ok(RawShuffle::Bool(b))
            }

            fn visit_str<E>(self, s: &str) -> Result<RawShuffle, E> {
                Ok(RawShuffle::Word(s.to_owned()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawAnswer;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`true`, `false` or a number")
            }

            fn visit_bool<E>(self, b: bool) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Bool(b))
            }

            fn visit_i64<E>(self, n: i64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(n as f64))
            }

            fn visit_u64<E>(self, n: u64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(n as f64))
            }

            fn visit_f64<E>(self, n: f64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(n))
            }

            fn visit_str<E>(self, s: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(s.to_owned()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: Option<Spanned<String>>,
    context: Option<Spanned<String>>,
    questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    id: Option<Spanned<String>>,
    #[serde(rename = "type")]
    kind: Option<Spanned<Kind>>,
    prompt: Option<Spanned<String>>,
    explanation: Option<Spanned<String>>,
    hint: Option<Spanned<String>>,
    feedback: Option<Spanned<String>>,
    points: Option<Spanned<i64>>,
    scoring: Option<Spanned<Scoring>>,
    answer: Option<Spanned<RawAnswer>>,
    options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    items: Option<Spanned<Vec<Spanned<String>>>>,
    pairs: Option<Spanned<Vec<Spanned<RawPair>>>>,
    distractors: Option<Spanned<Vec<Spanned<String>>>>,
    accept: Option<Spanned<Vec<Spanned<String>>>>,
    pattern: Option<Spanned<String>>,
    tolerance: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    left: Option<Spanned<String>>,
    right: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: Option<Spanned<String>>,
    #[serde(default)]
    correct: bool,
    feedback: Option<Spanned<String>>,
    #[serde(default)]
    fixed: bool,
}

/// What each key of a quiz file holds, for a value of the wrong type.
pub const KEYS: Keys = &[
    (
        "title",
        "text in quotes, like `title = \"Evaluación: características\"`",
    ),
    (
        "description",
        "Markdown in quotes, like `description = \"Answer all the questions.\"`",
    ),
    ("pass", "a whole number of percent, like `pass = 80`"),
    (
        "mode",
        "`\"instant\"`, `\"submit\"` or `\"both\"`, like `mode = \"both\"`",
    ),
    (
        "shuffle",
        "`true`, `false` or `\"options\"`, like `shuffle = \"options\"`",
    ),
    ("draw", "a whole number of questions, like `draw = 5`"),
    (
        "attempts",
        "a whole number, like `attempts = 3` (0 for unlimited)",
    ),
    (
        "weight",
        "a whole number, like `weight = 100` (lower comes first)",
    ),
    ("draft", "`true` or `false`, like `draft = true`"),
    (
        "questions",
        "a list of tables, each question starting with a `[[questions]]` line",
    ),
    ("questions.id", "text in quotes, like `id = \"intangible\"`"),
    (
        "questions.type",
        "`\"single\"`, `\"multiple\"`, `\"true_false\"`, `\"order\"`, `\"match\"`, `\"short\"` or `\"numeric\"`, like `type = \"single\"`",
    ),
    (
        "questions.prompt",
        "Markdown in quotes, like `prompt = \"What is …?\"`",
    ),
    (
        "questions.explanation",
        "Markdown in quotes, like `explanation = \"Because …\"`",
    ),
    (
        "questions.hint",
        "Markdown in quotes, like `hint = \"Think of …\"`",
    ),
    ("questions.points", "a whole number, like `points = 2`"),
    (
        "questions.scoring",
        "`\"all_or_nothing\"` or `\"partial\"`, like `scoring = \"partial\"`",
    ),
    (
        "questions.answer",
        "`true` or `false` for a true_false question, like `answer = true`, or a number for a numeric one, like `answer = 18.5`",
    ),
    (
        "questions.feedback",
        "Markdown in quotes, like `feedback = \"Go back to …\"`",
    ),
    (
        "questions.items",
        "a list of texts in the right order, like `items = [\"Listen\", \"Thank\"]`",
    ),
    (
        "questions.pairs",
        "a list of tables, each pair starting with a `[[questions.pairs]]` line",
    ),
    (
        "questions.pairs.left",
        "Markdown in quotes, like `left = \"Intangible\"`",
    ),
    (
        "questions.pairs.right",
        "text in quotes, like `right = \"Cannot be touched\"`",
    ),
    (
        "questions.distractors",
        "a list of texts, like `distractors = [\"Made in series\"]`",
    ),
    (
        "questions.accept",
        "a list of texts, like `accept = [\"moment of truth\"]`",
    ),
    (
        "questions.pattern",
        "a regular expression in single quotes, like `pattern = '^moments? of truth$'`",
    ),
    (
        "questions.tolerance",
        "a number, 0 or more, like `tolerance = 0.5`",
    ),
    (
        "groups",
        "a list of tables, each group starting with a `[[groups]]` line",
    ),
    ("groups.id", "text in quotes, like `id = \"bank-case\"`"),
    (
        "groups.context",
        "Markdown in quotes, like `context = \"\"\"What happened …\"\"\"`",
    ),
    (
        "groups.questions",
        "a list of tables, each question starting with a `[[groups.questions]]` line",
    ),
    (
        "questions.options",
        "a list of tables, each option starting with a `[[questions.options]]` line",
    ),
    (
        "questions.options.text",
        "Markdown in quotes, like `text = \"Intangible\"`",
    ),
    (
        "questions.options.correct",
        "`true` or `false`, like `correct = true`",
    ),
    (
        "questions.options.feedback",
        "Markdown in quotes, like `feedback = \"Yes: …\"`",
    ),
    (
        "questions.options.fixed",
        "`true` or `false`, like `fixed = true`",
    ),
];

/// Parses and checks a quiz file. `default_pass` comes from site.toml's `[quiz]`.
pub fn parse(path: &Path, text: &str, default_pass: i64) -> Result<Quiz, Vec<Diagnostic>> {
    match parse_lenient(path, text, default_pass) {
        (Some(quiz), errors) if errors.is_empty() => Ok(quiz),
        (_, errors) => Err(errors),
    }
}

/// Like [`parse`], and the quiz as far as it could be read when it has mistakes that still
/// let it be read (unknown keys, a missing prompt), so that links to it still resolve.
pub fn parse_lenient(
    path: &Path,
    text: &str,
    default_pass: i64,
) -> (Option<Quiz>, Vec<Diagnostic>) {
    let src = Source::new(path, text, 0);
    let (raw, unknown_keys) = toml_file::parse_lenient::<RawQuiz>(text, &src, KEYS);
    let Some(raw) = raw else {
        return (None, unknown_keys);
    };
    let mut check = Checker::new(src);
    let quiz = check.quiz(raw, default_pass);
    // A misspelt key is often what the checks then miss (`promt`, then "no prompt"): the
    // checks are reported once the keys are right.
    let errors = if unknown_keys.is_empty() {
        // The checks go question by question, key by key; authors read top to bottom.
        toml_file::sorted(check.errors)
    } else {
        unknown_keys
    };
    (Some(quiz), errors)
}

/// Checks what a quiz file holds, collecting every mistake.
pub(crate) struct Checker<'a> {
    src: Source<'a>,
    pub(crate) errors: Vec<Diagnostic>,
    /// Whether the question being checked is a group's, whose tables are written
    /// `[[groups.questions.options]]` rather than `[[questions.options]]`.
    in_group: bool,
}

/// A question or a group, where it starts in the file: the two are written as separate
/// lists of tables, and read in the file's order.
enum Entry {
    /// Boxed: a question's raw table is several times a group's.
    Question(Box<Spanned<RawQuestion>>),
    Group(Spanned<RawGroup>),
}

impl<'a> Checker<'a> {
    /// A checker of the TOML in `src`.
    pub(crate) fn new(src: Source<'a>) -> Checker<'a> {
        Checker {
            src,
            errors: Vec::new(),
            in_group: false,
        }
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: &str) {
        self.errors
            .push(self.src.error(span, message).with_hint(hint));
    }

    fn text(&self, s: Spanned<String>) -> Text {
        Text {
            offset: self.src.offset
                + string_start(&self.src.file_text[self.src.offset..], s.span()),
            markdown: s.into_inner(),
        }
    }

    fn header(&self, span: Range<usize>) -> Range<usize> {
        header_span(&self.src.file_text[self.src.offset..], span)
    }

    /// The header of a table of the question being checked, as the author writes it:
    /// `[[questions.options]]`, or `[[groups.questions.options]]` in a group.
    fn table(&self, key: &str) -> String {
        let questions = if self.in_group {
            "groups.questions"
        } else {
            "questions"
        };
        format!("`[[{questions}.{key}]]`")
    }

    fn quiz(&mut self, raw: RawQuiz, default_pass: i64) -> Quiz {
        let pass = match raw.pass {
            Some(p) if !(0..=100).contains(p.get_ref()) => {
                self.error(
                    p.span(),
                    format!("pass = {} is outside 0–100", p.get_ref()),
                    "give the percent a learner needs to pass, e.g. `pass = 80`",
                );
                0
            }
            Some(p) => *p.get_ref(),
            None => default_pass,
        };
        let attempts = match raw.attempts {
            Some(a) if *a.get_ref() < 0 => {
                self.error(
                    a.span(),
                    format!("attempts = {} is negative", a.get_ref()),
                    "use 0 for unlimited attempts, or the number of attempts allowed",
                );
                0
            }
            Some(a) => u32::try_from(*a.get_ref()).unwrap_or(u32::MAX),
            None => 0,
        };
        let shuffle = match raw.shuffle.map(|s| (s.span(), s.into_inner())) {
            None | Some((_, RawShuffle::Bool(false))) => Shuffle::No,
            Some((_, RawShuffle::Bool(true))) => Shuffle::All,
            Some((_, RawShuffle::Word(w))) if w == "options" => Shuffle::Options,
            Some((span, RawShuffle::Word(w))) => {
                self.error(
                    span,
                    format!("shuffle = \"{w}\" is not a way to shuffle"),
                    "write `shuffle = true` (options and questions), `shuffle = \"options\"` (options only) or `shuffle = false`",
                );
                Shuffle::No
            }
        };
        let empty = raw
            .questions
            .as_ref()
            .is_none_or(|q| q.get_ref().is_empty())
            && raw.groups.as_ref().is_none_or(|g| g.get_ref().is_empty());
        if empty {
            let span = raw.questions.as_ref().map_or(0..0, |q| q.span());
            self.error(
                span,
                "this quiz has no questions",
                "add at least one `[[questions]]` table with a prompt and options",
            );
        }
        let (questions, groups) = self.entries(raw.questions, raw.groups);
        let pool = super::picks(questions.len(), &groups).len();
        let draw = raw.draw.and_then(|d| {
            let n = *d.get_ref();
            if n < 1 || n as usize > pool {
                let what = if groups.is_empty() {
                    format!("question{}", plural(pool))
                } else {
                    format!("pick{} (a question or a whole group)", plural(pool))
                };
                self.error(
                    d.span(),
                    format!("draw = {n} but the pool has {pool} {what}"),
                    "draw must be at least 1 and at most the number of questions; a group counts as one",
                );
                None
            } else {
                Some(n as usize)
            }
        });
        let title = match raw.title {
            Some(t) if !t.get_ref().trim().is_empty() => t.into_inner(),
            other => {
                self.error(
                    other.map_or(0..0, |t| t.span()),
                    "this quiz has no title",
                    "add `title = \"…\"` at the top of the quiz file",
                );
                String::new()
            }
        };
        Quiz {
            title,
            description: raw.description.map(|d| self.text(d)),
            pass: pass as u8,
            mode: raw.mode.unwrap_or_default(),
            shuffle,
            draw,
            attempts,
            weight: raw.weight,
            draft: raw.draft,
            hash: super::scoring_hash(pass as u8, &questions),
            questions,
            groups,
        }
    }

    /// Checks the questions and the groups of questions, in the file's order.
    fn entries(
        &mut self,
        questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
        groups: Option<Spanned<Vec<Spanned<RawGroup>>>>,
    ) -> (Vec<Question>, Vec<Group>) {
        let mut entries: Vec<Entry> = questions
            .map(|q| q.into_inner())
            .unwrap_or_default()
            .into_iter()
            .map(|q| Entry::Question(Box::new(q)))
            .chain(
                groups
                    .map(|g| g.into_inner())
                    .unwrap_or_default()
                    .into_iter()
                    .map(Entry::Group),
            )
            .collect();
        entries.sort_by_key(|e| match e {
            Entry::Question(q) => q.span().start,
            Entry::Group(g) => g.span().start,
        });
        self.misplaced_tables(&mut entries);
        // Generated ids must not take an id that a later question or group gives itself.
        let explicit_groups: HashSet<String> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Group(g) => g.get_ref().id.as_ref().map(|id| id.get_ref().clone()),
                Entry::Question(_) => None,
            })
            .collect();
        let mut explicit = HashSet::new();
        for e in &entries {
            let own = |q: &RawQuestion| q.id.as_ref().map(|id| id.get_ref().clone());
            match e {
                Entry::Question(q) => explicit.extend(own(q.get_ref())),
                Entry::Group(g) => {
                    for q in g.get_ref().questions.iter().flat_map(|q| q.get_ref()) {
                        explicit.extend(own(q.get_ref()));
                    }
                }
            }
        }
        let mut ids = Ids {
            explicit,
            taken: HashSet::new(),
            groups: HashSet::new(),
        };
        let mut out = Vec::new();
        let mut groups = Vec::new();
        for entry in entries {
            match entry {
                Entry::Question(q) => {
                    let q = self.question(out.len(), *q, &mut ids);
                    out.push(q);
                }
                Entry::Group(g) => {
                    let span = self.header(g.span());
                    let g = g.into_inner();
                    let id = match g.id {
                        Some(id) => {
                            if self.check_id(&id, "group")
                                && !ids.groups.insert(id.get_ref().clone())
                            {
                                self.error(
                                    id.span(),
                                    format!("duplicate group id `{}`", id.get_ref()),
                                    "give every group of the quiz its own id",
                                );
                            }
                            id.into_inner()
                        }
                        None => {
                            let base = format!("g{}", groups.len() + 1);
                            let id = unused(&base, |id| {
                                explicit_groups.contains(id) || ids.groups.contains(id)
                            });
                            ids.groups.insert(id.clone());
                            id
                        }
                    };
                    let start = out.len();
                    let qs = g.questions.map(|q| q.into_inner()).unwrap_or_default();
                    if qs.is_empty() {
                        self.error(
                            span,
                            format!("group `{id}` has no questions"),
                            "add its questions below it, each starting with `[[groups.questions]]`",
                        );
                    }
                    self.in_group = true;
                    for q in qs {
                        let q = self.question(out.len(), q, &mut ids);
                        out.push(q);
                    }
                    self.in_group = false;
                    groups.push(Group {
                        id,
                        context: g.context.map(|c| self.text(c)),
                        questions: start..out.len(),
                    });
                }
            }
        }
        (out, groups)
    }

    /// Takes away, and reports, each `[[questions.options]]` or `[[questions.pairs]]` written
    /// below a `[[groups]]`: TOML adds it to the last `[[questions]]` above the group, so
    /// what the author meant for the group's question would become another question's.
    fn misplaced_tables(&mut self, entries: &mut [Entry]) {
        let group_starts: Vec<usize> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Group(g) => Some(g.span().start),
                Entry::Question(_) => None,
            })
            .collect();
        for e in entries.iter_mut() {
            let Entry::Question(q) = e else { continue };
            let start = q.span().start;
            let Some(&group) = group_starts.iter().find(|&&g| g > start) else {
                continue;
            };
            let q = q.get_mut();
            q.options = self.keep_above(q.options.take(), group, "options");
            q.pairs = self.keep_above(q.pairs.take(), group, "pairs");
        }
    }

    /// The tables of the question's list `key` that start above `limit`, the start of a
    /// group; each of the others is reported.
    fn keep_above<T>(
        &mut self,
        list: Option<Spanned<Vec<Spanned<T>>>>,
        limit: usize,
        key: &str,
    ) -> Option<Spanned<Vec<Spanned<T>>>> {
        let list = list?;
        let span = list.span();
        let (above, below): (Vec<_>, Vec<_>) = list
            .into_inner()
            .into_iter()
            .partition(|t| t.span().start < limit);
        for t in below {
            self.error(
                self.header(t.span()),
                format!(
                    "this `[[questions.{key}]]` is below a `[[groups]]`, so it belongs to the last `[[questions]]` above the group"
                ),
                &format!("for a question of the group, write `[[groups.questions.{key}]]`"),
            );
        }
        (!above.is_empty()).then(|| Spanned::new(span, above))
    }

    /// Reports an id that cannot be part of an HTML id; returns whether it is valid.
    fn check_id(&mut self, id: &Spanned<String>, what: &str) -> bool {
        let valid = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !valid {
            self.error(
                id.span(),
                format!("{what} id `{}` is not a valid id", id.get_ref()),
                "use only letters, digits, `-` and `_`: the id becomes part of the page's HTML ids",
            );
        }
        valid
    }

    fn question(&mut self, index: usize, q: Spanned<RawQuestion>, ids: &mut Ids) -> Question {
        let span = q.span();
        let header = self.header(span.clone());
        let mut q = q.into_inner();
        let kind = match &q.kind {
            Some(k) => *k.get_ref(),
            None => infer_kind(&q),
        };
        self.foreign_keys(&q, kind);
        let id = match q.id.take() {
            Some(id) => {
                if self.check_id(&id, "question") && !ids.taken.insert(id.get_ref().clone()) {
                    self.error(
                        id.span(),
                        format!("duplicate question id `{}`", id.get_ref()),
                        "give every question of the quiz its own id",
                    );
                }
                id.into_inner()
            }
            None => {
                let id = unused(&format!("q{}", index + 1), |id| {
                    ids.explicit.contains(id) || ids.taken.contains(id)
                });
                ids.taken.insert(id.clone());
                id
            }
        };
        let prompt = match q.prompt.take() {
            Some(p) if !p.get_ref().trim().is_empty() => self.text(p),
            _ => {
                self.error(
                    header.clone(),
                    format!("question {} has no prompt", index + 1),
                    "add `prompt = \"…\"` with the question's text",
                );
                Text {
                    markdown: String::new(),
                    offset: self.src.offset + span.start,
                }
            }
        };
        let points = match &q.points {
            Some(p) if *p.get_ref() < 0 => {
                self.error(
                    p.span(),
                    "points cannot be negative",
                    "give a whole number of points, 1 by default",
                );
                0
            }
            Some(p) => u32::try_from(*p.get_ref()).unwrap_or(u32::MAX),
            None => 1,
        };
        let scoring = q
            .scoring
            .as_ref()
            .map_or(Scoring::default(), |s| *s.get_ref());
        let answer = match kind {
            Kind::Single | Kind::Multiple => {
                let choices = match q.options {
                    Some(o) => self.options(&id, kind, o.span(), o.into_inner()),
                    None => {
                        // With an `answer` instead, that was reported as foreign.
                        if q.answer.is_none() {
                            let hint = format!(
                                "add at least two {} tables, one with `correct = true`",
                                self.table("options")
                            );
                            self.error(
                                header.clone(),
                                format!("question `{id}` has no options"),
                                &hint,
                            );
                        }
                        Vec::new()
                    }
                };
                match kind {
                    Kind::Single => Answer::Single { options: choices },
                    _ => Answer::Multiple {
                        options: choices,
                        scoring,
                    },
                }
            }
            Kind::TrueFalse => {
                let answer = match q.answer.map(|a| (a.span(), a.into_inner())) {
                    Some((_, RawAnswer::Bool(b))) => b,
                    Some((aspan, a)) => {
                        let hint = match a {
                            RawAnswer::Text(t) if truth(&t).is_some() => format!(
                                "write it without quotes: `answer = {}`",
                                t.trim().to_lowercase()
                            ),
                            _ => "write `answer = true` or `answer = false`".to_string(),
                        };
                        self.error(
                            aspan,
                            format!(
                                "the answer of true_false question `{id}` is not `true` or `false`"
                            ),
                            &hint,
                        );
                        true
                    }
                    None => {
                        if q.options.is_none() {
                            self.error(
                                header.clone(),
                                format!("true_false question `{id}` has no answer"),
                                "add `answer = true` or `answer = false`",
                            );
                        }
                        // Reported; `true` lets the quiz still be read.
                        true
                    }
                };
                Answer::TrueFalse { answer }
            }
            Kind::Order => Answer::Order {
                items: self.items(&id, &header, q.items),
                scoring,
            },
            Kind::Match => {
                let (pairs, distractors) = self.pairs(&id, &header, q.pairs, q.distractors);
                Answer::Match {
                    pairs,
                    distractors,
                    scoring,
                }
            }
            Kind::Short => self.short(&id, &header, q.accept, q.pattern),
            Kind::Numeric => self.numeric(&id, &header, q.answer, q.tolerance),
        };
        Question {
            id,
            prompt,
            explanation: q.explanation.map(|t| self.text(t)),
            hint: q.hint.map(|t| self.text(t)),
            feedback: q.feedback.map(|t| self.text(t)),
            points,
            answer,
        }
    }

    /// Reports each key that the question's kind does not take.
    fn foreign_keys(&mut self, q: &RawQuestion, kind: Kind) {
        use Kind::*;
        // A true_false answer next to options: the author mixed two kinds of question.
        if let (Some(a), Some(_)) = (&q.answer, &q.options) {
            self.error(
                a.span(),
                "`answer` is given together with `options`",
                "a true_false question takes `answer = true|false` and no options; other questions take options and no answer",
            );
            return;
        }
        let keys: [KindKey; 9] = [
            (
                "options",
                q.options.as_ref().map(|v| v.span()),
                &[Single, Multiple],
            ),
            (
                "answer",
                q.answer.as_ref().map(|v| v.span()),
                &[TrueFalse, Numeric],
            ),
            (
                "scoring",
                q.scoring.as_ref().map(|v| v.span()),
                &[Multiple, Order, Match],
            ),
            ("items", q.items.as_ref().map(|v| v.span()), &[Order]),
            ("pairs", q.pairs.as_ref().map(|v| v.span()), &[Match]),
            (
                "distractors",
                q.distractors.as_ref().map(|v| v.span()),
                &[Match],
            ),
            ("accept", q.accept.as_ref().map(|v| v.span()), &[Short]),
            ("pattern", q.pattern.as_ref().map(|v| v.span()), &[Short]),
            (
                "tolerance",
                q.tolerance.as_ref().map(|v| v.span()),
                &[Numeric],
            ),
        ];
        for (key, span, kinds) in keys {
            let Some(span) = span else { continue };
            if kinds.contains(&kind) {
                continue;
            }
            let names: Vec<String> = kinds.iter().map(|k| format!("`{}`", k.name())).collect();
            let names = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => names.concat(),
            };
            let span = if key == "options" || key == "pairs" {
                self.header(span)
            } else {
                span
            };
            self.error(
                span,
                format!("`{key}` does not apply to {} questions", kind.name()),
                &format!("remove it, or write the `type` that takes it: {names}"),
            );
        }
    }

    fn items(
        &mut self,
        id: &str,
        header: &Range<usize>,
        items: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> Vec<Text> {
        let Some(items) = items else {
            self.error(
                header.clone(),
                format!("order question `{id}` has no items"),
                "add `items = [\"…\", \"…\"]` with the items in the right order",
            );
            return Vec::new();
        };
        let span = items.span();
        let items = items.into_inner();
        if items.len() < 2 {
            self.error(
                span,
                format!(
                    "order question `{id}` has {} item{}; it needs at least 2",
                    items.len(),
                    plural(items.len())
                ),
                "list at least two items, in the right order",
            );
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for item in items {
            if item.get_ref().trim().is_empty() {
                self.error(
                    item.span(),
                    format!("an item of question `{id}` is empty"),
                    "give every item a text",
                );
                continue;
            }
            if !seen.insert(item.get_ref().trim().to_lowercase()) {
                self.error(
                    item.span(),
                    format!(
                        "question `{id}` has the item `{}` twice",
                        item.get_ref().trim()
                    ),
                    "every item needs a different text, or the right order is ambiguous",
                );
            }
            out.push(self.text(item));
        }
        out
    }

    fn pairs(
        &mut self,
        id: &str,
        header: &Range<usize>,
        pairs: Option<Spanned<Vec<Spanned<RawPair>>>>,
        distractors: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> (Vec<Pair>, Vec<String>) {
        let pairs = pairs.map(|p| (p.span(), p.into_inner()));
        let count = pairs.as_ref().map_or(0, |(_, p)| p.len());
        if count < 2 {
            let span = pairs
                .as_ref()
                .map_or(header.clone(), |(s, _)| self.header(s.clone()));
            let hint = format!(
                "add {} tables, each with a `left` and its `right`",
                self.table("pairs")
            );
            self.error(
                span,
                format!(
                    "match question `{id}` has {count} pair{}; it needs at least 2",
                    plural(count)
                ),
                &hint,
            );
        }
        let (mut lefts, mut rights) = (HashSet::new(), HashSet::new());
        let mut out = Vec::new();
        for p in pairs.map(|(_, p)| p).unwrap_or_default() {
            let pspan = self.header(p.span());
            let p = p.into_inner();
            let (left, right) = match (
                p.left.filter(|l| !l.get_ref().trim().is_empty()),
                p.right.filter(|r| !r.get_ref().trim().is_empty()),
            ) {
                (Some(left), Some(right)) => (left, right),
                (left, right) => {
                    let missing = match (left, right) {
                        (None, None) => "no `left` and no `right`",
                        (None, _) => "no `left`",
                        _ => "no `right`",
                    };
                    self.error(
                        pspan,
                        format!("a pair of question `{id}` has {missing}"),
                        "give every pair both: `left = \"…\"` and `right = \"…\"`",
                    );
                    continue;
                }
            };
            if !lefts.insert(left.get_ref().trim().to_lowercase()) {
                self.error(
                    left.span(),
                    format!(
                        "question `{id}` has the left item `{}` twice",
                        left.get_ref().trim()
                    ),
                    "every left item needs a different text",
                );
            }
            if !rights.insert(right.get_ref().trim().to_lowercase()) {
                self.error(
                    right.span(),
                    format!(
                        "question `{id}` has the right item `{}` twice",
                        right.get_ref().trim()
                    ),
                    "every right item needs a different text, or two pairings would both be right",
                );
            }
            out.push(Pair {
                left: self.text(left),
                right: right.into_inner().trim().to_string(),
            });
        }
        let mut extra = Vec::new();
        for d in distractors.map(|d| d.into_inner()).unwrap_or_default() {
            let text = d.get_ref().trim();
            if text.is_empty() {
                self.error(
                    d.span(),
                    format!("a distractor of question `{id}` is empty"),
                    "give it a text, or remove it",
                );
            } else if !rights.insert(text.to_lowercase()) {
                self.error(
                    d.span(),
                    format!("question `{id}` has the right-hand text `{text}` twice"),
                    "a distractor must differ from every right item and from the other distractors",
                );
            } else {
                extra.push(text.to_string());
            }
        }
        (out, extra)
    }

    fn short(
        &mut self,
        id: &str,
        header: &Range<usize>,
        accept: Option<Spanned<Vec<Spanned<String>>>>,
        pattern: Option<Spanned<String>>,
    ) -> Answer {
        let mut answers = Vec::new();
        for a in accept.map(|a| a.into_inner()).unwrap_or_default() {
            if a.get_ref().trim().is_empty() {
                self.error(
                    a.span(),
                    format!("an accepted answer of question `{id}` is empty"),
                    "give it a text, or remove it",
                );
            } else {
                answers.push(a.into_inner());
            }
        }
        let has_pattern = pattern.is_some();
        let pattern = pattern.and_then(|p| {
            let span = p.span();
            match super::pattern::check(p.get_ref()) {
                Ok(()) => Some(p.into_inner()),
                Err(e) => {
                    // Point into the pattern when the file holds it as it is read (a
                    // literal string, or a basic one without escapes).
                    let toml = &self.src.file_text[self.src.offset..];
                    let at = match verbatim_start(toml, span.clone(), p.get_ref()) {
                        Some(start) => start + e.at.start..start + e.at.end.max(e.at.start + 1),
                        None => span,
                    };
                    self.error(
                        at,
                        format!("the pattern of question `{id}` {}", e.message),
                        &e.hint,
                    );
                    None
                }
            }
        });
        if answers.is_empty() && !has_pattern {
            self.error(
                header.clone(),
                format!("short question `{id}` has no `accept` and no `pattern`"),
                "add `accept = [\"…\"]` with the right answers, or a `pattern`",
            );
        }
        Answer::Short {
            accept: answers,
            pattern,
        }
    }

    fn numeric(
        &mut self,
        id: &str,
        header: &Range<usize>,
        answer: Option<Spanned<RawAnswer>>,
        tolerance: Option<Spanned<f64>>,
    ) -> Answer {
        let answer = match answer.map(|a| (a.span(), a.into_inner())) {
            Some((_, RawAnswer::Number(n))) if n.is_finite() => n,
            Some((span, RawAnswer::Text(t))) => {
                // "18,5", as Spanish writes it, is `answer = 18.5`.
                let hint = match t.trim().replace(',', ".").parse::<f64>() {
                    Ok(n) if n.is_finite() => {
                        format!("write the number without quotes, with a dot: `answer = {n}`")
                    }
                    _ => "write the right number without quotes, like `answer = 18.5`".to_string(),
                };
                self.error(
                    span,
                    format!("the answer of numeric question `{id}` is text, not a number"),
                    &hint,
                );
                0.0
            }
            Some((span, _)) => {
                self.error(
                    span,
                    format!("the answer of numeric question `{id}` is not a number"),
                    "write the right number, like `answer = 18.5`",
                );
                0.0
            }
            None => {
                self.error(
                    header.clone(),
                    format!("numeric question `{id}` has no answer"),
                    "add `answer = …` with the right number",
                );
                0.0
            }
        };
        let tolerance = match tolerance {
            Some(t) if !(*t.get_ref() >= 0.0 && t.get_ref().is_finite()) => {
                let value = *t.get_ref();
                let what = if value < 0.0 {
                    "is negative"
                } else {
                    "is not a number"
                };
                self.error(
                    t.span(),
                    format!("tolerance = {value} {what}"),
                    "give how far from the answer still counts as right, 0 or more, like `tolerance = 0.5`",
                );
                0.0
            }
            Some(t) => *t.get_ref(),
            None => 0.0,
        };
        Answer::Numeric { answer, tolerance }
    }

    fn options(
        &mut self,
        id: &str,
        kind: Kind,
        span: Range<usize>,
        opts: Vec<Spanned<RawOption>>,
    ) -> Vec<Choice> {
        let span = self.header(span);
        if opts.len() < 2 {
            self.error(
                span.clone(),
                format!(
                    "question `{id}` has {} option{}; it needs at least 2",
                    opts.len(),
                    if opts.len() == 1 { "" } else { "s" }
                ),
                &format!("add another {} table", self.table("options")),
            );
        }
        let correct = opts.iter().filter(|o| o.get_ref().correct).count();
        if correct == 0 && !opts.is_empty() {
            self.error(
                span.clone(),
                format!("question `{id}` has no correct option"),
                "mark the right option with `correct = true`",
            );
        }
        let one_right = kind == Kind::Single;
        if correct > 1 && one_right {
            self.error(
                span.clone(),
                format!("single-answer question `{id}` has {correct} correct options"),
                "mark only one option `correct = true`, or make it `type = \"multiple\"`",
            );
        }
        let mut seen = HashSet::new();
        let mut choices = Vec::new();
        for o in opts {
            let ospan = self.header(o.span());
            let o = o.into_inner();
            let Some(text) = o.text.filter(|t| !t.get_ref().trim().is_empty()) else {
                self.error(
                    ospan,
                    format!("an option of question `{id}` has no text"),
                    "add `text = \"…\"` to the option",
                );
                continue;
            };
            let key = text.get_ref().trim().to_lowercase();
            if !seen.insert(key) {
                self.error(
                    text.span(),
                    format!(
                        "question `{id}` has the option `{}` twice",
                        text.get_ref().trim()
                    ),
                    "every option of a question needs a different text",
                );
            }
            choices.push(Choice {
                text: self.text(text),
                correct: o.correct,
                feedback: o.feedback.map(|f| self.text(f)),
                fixed: o.fixed,
            });
        }
        choices
    }
}

/// A key that only some kinds of question take: its name, where the question gives it, and
/// the kinds that take it.
type KindKey = (&'static str, Option<Range<usize>>, &'static [Kind]);

/// The ids given so far, and those the file gives, so that generated ones differ.
struct Ids {
    explicit: HashSet<String>,
    taken: HashSet<String>,
    groups: HashSet<String>,
}

/// The kind of a question without a `type`, from the keys it has.
fn infer_kind(q: &RawQuestion) -> Kind {
    match (&q.answer, &q.options) {
        (_, Some(o)) if o.get_ref().iter().filter(|o| o.get_ref().correct).count() > 1 => {
            Kind::Multiple
        }
        (_, Some(_)) => Kind::Single,
        (Some(a), None) => match a.get_ref() {
            RawAnswer::Bool(_) => Kind::TrueFalse,
            // `answer = "true"`: a true_false question, its answer wrongly in quotes.
            RawAnswer::Text(t) if truth(t).is_some() => Kind::TrueFalse,
            _ => Kind::Numeric,
        },
        (None, None) if q.items.is_some() => Kind::Order,
        (None, None) if q.pairs.is_some() || q.distractors.is_some() => Kind::Match,
        (None, None) if q.accept.is_some() || q.pattern.is_some() => Kind::Short,
        (None, None) if q.tolerance.is_some() => Kind::Numeric,
        (None, None) => Kind::Single,
    }
}

/// The truth a text means when it is `true` or `false` in quotes.
fn truth(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// `base`, or `base-2`, `base-3`… : the first that `taken` does not hold.
fn unused(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while taken(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The first line of a table's span: what an author recognises as "that question".
fn header_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end.min(span.end.max(start))
}

/// Where the characters of the string `value`, at `span` of `text`, start, when they are
/// written as they are read (a literal string, or a basic one without escapes): then a
/// place in the value is the same place in the file.
fn verbatim_start(text: &str, span: Range<usize>, value: &str) -> Option<usize> {
    let start = string_start(text, span.clone());
    let inner = text.get(start..span.end)?;
    let closing = ["\"\"\"", "'''", "\"", "'"]
        .iter()
        .find(|q| inner.ends_with(*q))?;
    (inner[..inner.len() - closing.len()] == *value).then_some(start)
}

/// Where the characters of a TOML string value start, past its opening quotes.
fn string_start(text: &str, span: Range<usize>) -> usize {
    let s = text.get(span.clone()).unwrap_or("");
    let quotes = ["\"\"\"\n", "'''\n", "\"\"\"", "'''", "\"", "'"];
    span.start
        + quotes
            .iter()
            .find(|q| s.starts_with(*q))
            .map_or(0, |q| q.len())
}

/// Reads and checks a check inside a lesson: the TOML `toml` of a ```` ```quiz ```` block,
/// which starts at byte `offset` of `file_text`, the text of `path`, so that every mistake is
/// reported at the lesson's line and column. A check holds only questions and groups: it is
/// answered with instant feedback, never counts and stores nothing, so it has no title,
/// pass mark, mode or attempts to set.
pub(crate) fn parse_check(
    path: &Path,
    file_text: &str,
    offset: usize,
    toml: &str,
) -> (Option<Quiz>, Vec<Diagnostic>) {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawCheck {
        questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
        groups: Option<Spanned<Vec<Spanned<RawGroup>>>>,
    }
    let src = Source::new(path, file_text, offset);
    let (raw, mut unknown_keys) = toml_file::parse_lenient::<RawCheck>(toml, &src, KEYS);
    // A quiz file's settings, written in a check: said in so many words. They are the keys
    // above the first table, as TOML writes a table's own keys.
    let first_line = file_text[..offset.min(file_text.len())]
        .matches('\n')
        .count()
        + 1;
    let tables = toml
        .lines()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(usize::MAX, |n| first_line + n);
    for d in &mut unknown_keys {
        let setting = [
            "title",
            "description",
            "pass",
            "mode",
            "shuffle",
            "draw",
            "attempts",
        ]
        .iter()
        .any(|k| d.message == format!("unknown key `{k}`"));
        if setting && d.location.as_ref().is_some_and(|l| l.line < tables) {
            d.hint = Some(
                "a check inside a lesson holds only questions (and groups): it has no title, gives instant feedback and never counts; a quiz that counts goes in a quiz file".into(),
            );
        }
    }
    let Some(raw) = raw else {
        return (None, unknown_keys);
    };
    let empty = raw
        .questions
        .as_ref()
        .is_none_or(|q| q.get_ref().is_empty())
        && raw.groups.as_ref().is_none_or(|g| g.get_ref().is_empty());
    let no_questions = empty.then(|| {
        src.error(0..0, "this check has no questions").with_hint(
            "write its questions as in a quiz file, each starting with a `[[questions]]` line",
        )
    });
    let mut check = Checker::new(src);
    let (questions, groups) = check.entries(raw.questions, raw.groups);
    let errors = if unknown_keys.is_empty() {
        toml_file::sorted(no_questions.into_iter().chain(check.errors).collect())
    } else {
        unknown_keys
    };
    let quiz = Quiz {
        title: String::new(),
        description: None,
        pass: 0,
        mode: Mode::Instant,
        shuffle: Shuffle::No,
        draw: None,
        attempts: 0,
        weight: None,
        draft: false,
        questions,
        groups,
        hash: content_hash(toml),
    };
    (Some(quiz), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_says_what_it_holds() {
        crate::toml_file::words::assert_every_key_is_described::<RawQuiz>(KEYS);
    }
}
