//! Quizzes: the model of a checked quiz, where what a kind of question adds is a variant of
//! [`Answer`].
//! [`parse`] reads and checks `quiz.toml` and `*.quiz.toml` files before anything is
//! rendered, so an author learns about every mistake in one run; [`markdown`] renders a
//! quiz's Markdown fields; [`options`] gives the options a learner sees, with their ids,
//! letters and which are right; [`page`] gives the quiz page its questions and the
//! [`answer_key`] the browser scores with; and [`worksheet`] gives the print page its
//! worksheet.

pub(crate) mod answer_key;
pub(crate) mod markdown;
pub(crate) mod options;
pub(crate) mod page;
pub(crate) mod parse;
pub(crate) mod pattern;
pub(crate) mod translation;
pub(crate) mod worksheet;

use serde::{Deserialize, Serialize};

pub use parse::{parse, parse_lenient, KEYS};

/// When the learner learns whether an answer is right.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Each question is marked and locked as soon as it is answered.
    Instant,
    /// Everything is marked at once, with a summary.
    #[default]
    Submit,
    /// The learner chooses: practice (instant, never counted) or exam (submit, counted).
    Both,
}

/// What changes places from one attempt to the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Shuffle {
    /// Everything stays as written.
    #[default]
    No,
    /// The options of each question; the questions keep their order.
    Options,
    /// The options, and the questions (a group moves as one).
    All,
}

impl Scoring {
    /// The scoring's name, as quiz files write it.
    pub fn name(self) -> &'static str {
        match self {
            Scoring::AllOrNothing => "all_or_nothing",
            Scoring::Partial => "partial",
        }
    }
}

impl Shuffle {
    /// Whether options change places.
    pub fn options(self) -> bool {
        self != Shuffle::No
    }
}

impl Serialize for Shuffle {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Shuffle::No => "no",
            Shuffle::Options => "options",
            Shuffle::All => "all",
        })
    }
}

/// The kind of a question: what the quiz file's `type` says, and what the page, its answer
/// key and the print page are told as `kind` ("single", "multiple", "true_false").
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One correct option.
    Single,
    /// Any number of correct options.
    Multiple,
    /// A statement that is true or false.
    TrueFalse,
    /// Items to put in order.
    Order,
    /// Left items to pair with right items.
    Match,
    /// A typed answer.
    Short,
    /// A number, within a tolerance.
    Numeric,
}

impl Kind {
    /// The kind's name, as quiz files write it in `type`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::TrueFalse => "true_false",
            Kind::Order => "order",
            Kind::Match => "match",
            Kind::Short => "short",
            Kind::Numeric => "numeric",
        }
    }
}

/// How a `multiple`, `order` or `match` question turns an answer into points.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// The points only when every pick is right.
    #[default]
    AllOrNothing,
    /// For `multiple`, +1 per right pick, −1 per wrong pick, floored at 0; for `order`, the
    /// share of items in their place; for `match`, the share of pairs right. Scaled to the
    /// question's points.
    Partial,
}

/// Markdown written by the author, with where it starts in the file for link errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The Markdown as written.
    pub markdown: String,
    /// Byte offset of the first character of `markdown` in the quiz file.
    pub offset: usize,
}

/// A checked quiz, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// The quiz's title, in the navigation and on its page.
    pub title: String,
    /// Shown above the questions.
    pub description: Option<Text>,
    /// The percent of the points a learner needs to pass.
    pub pass: u8,
    /// When the learner learns whether an answer is right.
    pub mode: Mode,
    /// What is shown in a different order each attempt.
    pub shuffle: Shuffle,
    /// Ask this many picks (a question, or a group) drawn from the pool; `None` asks them all.
    pub draw: Option<usize>,
    /// 0 means unlimited.
    pub attempts: u32,
    /// Where the quiz goes among its module's pages.
    pub weight: Option<i64>,
    /// Left out of the build unless drafts are asked for.
    pub draft: bool,
    /// Every question, in the file's order, those of groups included.
    pub questions: Vec<Question>,
    /// The groups: runs of `questions` that share a context.
    pub groups: Vec<Group>,
    /// Changes when what scoring depends on changes (see [`scoring_hash`]): it keys the
    /// learners' stored results, which a new wording keeps and a new answer leaves behind.
    pub hash: String,
}

impl Quiz {
    /// The units that are drawn and shuffled, in the file's order: a question outside any
    /// group, or a whole group, each as its range of `questions`.
    pub fn picks(&self) -> Vec<std::ops::Range<usize>> {
        picks(self.questions.len(), &self.groups)
    }
}

/// The picks of `count` questions of which `groups` take some runs.
pub(crate) fn picks(count: usize, groups: &[Group]) -> Vec<std::ops::Range<usize>> {
    let mut picks = Vec::new();
    let mut next = 0;
    for g in groups {
        picks.extend((next..g.questions.start).map(|i| i..i + 1));
        picks.push(g.questions.clone());
        next = g.questions.end;
    }
    picks.extend((next..count).map(|i| i..i + 1));
    picks
}

/// Several questions on one case: its context is shown once, above them, and they are drawn
/// and shuffled together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Unique among its quiz's groups: part of the page's HTML ids (`g-…`, apart from the questions' `q-…`).
    pub id: String,
    /// What the questions are about: the case, in Markdown.
    pub context: Option<Text>,
    /// Its questions, as a range of [`Quiz::questions`].
    pub questions: std::ops::Range<usize>,
}

/// One question of a quiz: what every kind of question has, and in [`Answer`] what its kind
/// adds.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Unique in its quiz: part of the page's HTML ids and of the learner's stored answers.
    pub id: String,
    /// What is asked.
    pub prompt: Text,
    /// Shown once the question is marked.
    pub explanation: Option<Text>,
    /// Shown when the learner asks for it.
    pub hint: Option<Text>,
    /// Shown once the question is marked, when the answer is not fully right.
    pub feedback: Option<Text>,
    /// What a right answer is worth.
    pub points: u32,
    /// What the question's kind adds.
    pub answer: Answer,
}

impl Question {
    /// The question's kind, as the quiz file names it.
    pub fn kind(&self) -> Kind {
        match self.answer {
            Answer::Single { .. } => Kind::Single,
            Answer::Multiple { .. } => Kind::Multiple,
            Answer::TrueFalse { .. } => Kind::TrueFalse,
            Answer::Order { .. } => Kind::Order,
            Answer::Match { .. } => Kind::Match,
            Answer::Short { .. } => Kind::Short,
            Answer::Numeric { .. } => Kind::Numeric,
        }
    }
}

/// What a question asks for and what counts as right: one variant per kind of question, each
/// with only the data that kind has, so that a new kind is a new variant and the compiler
/// points at every place that must handle it.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Pick the one correct option.
    Single {
        /// The options, as written.
        options: Vec<Choice>,
    },
    /// Pick every correct option.
    Multiple {
        /// The options, as written.
        options: Vec<Choice>,
        /// How picks become points.
        scoring: Scoring,
    },
    /// True or false; the two options are the theme's strings, not the author's.
    TrueFalse {
        /// Whether the statement is true.
        answer: bool,
    },
    /// Put the items in order; they are shown shuffled.
    Order {
        /// The items, in the right order (inline Markdown).
        items: Vec<Text>,
        /// How the order becomes points.
        scoring: Scoring,
    },
    /// Pair each left item with its right item.
    Match {
        /// The pairs, as written.
        pairs: Vec<Pair>,
        /// Right-hand answers that belong to no left item.
        distractors: Vec<String>,
        /// How the pairs become points.
        scoring: Scoring,
    },
    /// Type the answer.
    Short {
        /// Right answers, compared ignoring case, accents, punctuation and extra spaces.
        accept: Vec<String>,
        /// A regular expression a right answer matches, checked at build time.
        pattern: Option<String>,
    },
    /// Type a number.
    Numeric {
        /// The right number.
        answer: f64,
        /// How far from `answer` still counts as right.
        tolerance: f64,
    },
}

/// One pair of a `match` question.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// What the learner sees and pairs (inline Markdown).
    pub left: Text,
    /// Its answer, among the choices of every left item (plain text: it sits in a `<select>`).
    pub right: String,
}

impl Answer {
    /// The options the author wrote, whose Markdown is rendered; none for a kind whose
    /// options come from the theme.
    pub fn choices(&self) -> &[Choice] {
        match self {
            Answer::Single { options } | Answer::Multiple { options, .. } => options,
            Answer::TrueFalse { .. }
            | Answer::Order { .. }
            | Answer::Match { .. }
            | Answer::Short { .. }
            | Answer::Numeric { .. } => &[],
        }
    }
}

impl Answer {
    /// A match question's right-hand answers: its pairs', in their order, then its
    /// distractors; so pair `i`'s answer is number `i`. None for another kind.
    pub fn right_hand(&self) -> Vec<&str> {
        match self {
            Answer::Match {
                pairs, distractors, ..
            } => pairs
                .iter()
                .map(|p| p.right.as_str())
                .chain(distractors.iter().map(String::as_str))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// One option of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The option's text.
    pub text: Text,
    /// Whether picking it is right.
    pub correct: bool,
    /// Shown when the learner picks it.
    pub feedback: Option<Text>,
    /// Stays in place when options are shuffled.
    pub fixed: bool,
}

/// A hash of what a quiz's scoring depends on: the pass mark, and per question its id, kind,
/// points, scoring and answer (which options are right, the items, the pairs and
/// distractors, the accepted texts and pattern, the number and tolerance). Wording the
/// title, the description, a prompt, an option, an explanation or feedback otherwise keeps
/// it, so that learners keep their results through such edits.
pub fn scoring_hash(pass: u8, questions: &[Question]) -> String {
    use std::fmt::Write;
    // Kinds and scorings go in by the names quiz files write, which do not change.
    let mut s = format!("pass={pass}");
    for q in questions {
        let _ = write!(
            s,
            "\u{1f}{}\u{1e}{}\u{1e}{}",
            q.id,
            q.kind().name(),
            q.points
        );
        let _ = match &q.answer {
            Answer::Single { options } => write!(s, "\u{1e}{:?}", flags(options)),
            Answer::Multiple { options, scoring } => {
                write!(s, "\u{1e}{:?}\u{1e}{}", flags(options), scoring.name())
            }
            Answer::TrueFalse { answer } => write!(s, "\u{1e}{answer}"),
            Answer::Order { items, scoring } => {
                let items: Vec<&str> = items.iter().map(|t| t.markdown.trim()).collect();
                write!(s, "\u{1e}{items:?}\u{1e}{}", scoring.name())
            }
            Answer::Match {
                pairs,
                distractors,
                scoring,
            } => {
                let pairs: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|p| (p.left.markdown.trim(), p.right.as_str()))
                    .collect();
                write!(
                    s,
                    "\u{1e}{pairs:?}\u{1e}{distractors:?}\u{1e}{}",
                    scoring.name()
                )
            }
            Answer::Short { accept, pattern } => write!(s, "\u{1e}{accept:?}\u{1e}{pattern:?}"),
            Answer::Numeric { answer, tolerance } => write!(s, "\u{1e}{answer}\u{1e}{tolerance}"),
        };
    }
    content_hash(&s)
}

/// Which options are right, in the written order.
fn flags(options: &[Choice]) -> Vec<bool> {
    options.iter().map(|o| o.correct).collect()
}

/// FNV-1a: stable across Rust versions, unlike `DefaultHasher`, because learners' stored
/// results are keyed by it.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}
