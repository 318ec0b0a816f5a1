//! GIFT read the way Moodle's importer reads it (question/format/gift/format.php), quirks
//! included: the answers are between the first `{` and the first `}`, the general feedback
//! follows the last `####`, the type is guessed from the answers' characters, and weights
//! are `%n%` at an answer's start. Written from that reader's behaviour, to check what
//! Moodle would make of `aula export`'s GIFT, not to import it.

/// One block of a GIFT file as Moodle reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// `$CATEGORY: path`.
    Category(String),
    Question(Question),
}

/// A question as Moodle's GIFT importer builds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Question {
    pub name: String,
    /// The text format in brackets before the text (`markdown`), if any.
    pub format: Option<String>,
    pub text: String,
    pub general_feedback: String,
    pub kind: Kind,
}

/// What Moodle's GIFT importer guessed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// `single` is whether an answer is marked `=`.
    MultiChoice {
        single: bool,
        answers: Vec<Answer>,
    },
    TrueFalse {
        answer: bool,
        wrong_feedback: String,
        right_feedback: String,
    },
    ShortAnswer {
        answers: Vec<Answer>,
    },
    /// Answers `*` with a tolerance of 0 stand for "any other number".
    Numerical {
        answers: Vec<(Answer, f64)>,
    },
    /// `(left, right)`; an empty left is a distractor.
    Matching {
        pairs: Vec<(String, String)>,
    },
    Essay,
    Description,
}

/// An answer: its text, its fraction of the mark (0.5 for `%50%`) and its feedback.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Answer {
    pub text: String,
    pub fraction: f64,
    pub feedback: String,
}

// Escaped characters stand in the text as private-use characters while it is split, as
// Moodle's placeholders do.
const ESCAPED: [(char, char); 7] = [
    (':', '\u{E000}'),
    ('#', '\u{E001}'),
    ('=', '\u{E002}'),
    ('{', '\u{E003}'),
    ('}', '\u{E004}'),
    ('~', '\u{E005}'),
    ('n', '\u{E006}'),
];
const BACKSLASH: char = '\u{E007}';

fn pre(text: &str) -> String {
    let text = text.replace("\\\\", &BACKSLASH.to_string());
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&(_, p)) = ESCAPED.iter().find(|(e, _)| Some(e) == chars.peek()) {
                chars.next();
                out.push(p);
                continue;
            }
        }
        out.push(c);
    }
    out.replace(BACKSLASH, "\\")
}

fn post(text: &str) -> String {
    text.chars()
        .map(|c| match ESCAPED.iter().find(|(_, p)| *p == c) {
            Some(('n', _)) => '\n',
            Some((e, _)) => *e,
            None => c,
        })
        .collect()
}

/// `[format]text`, trimmed and unescaped.
fn with_format(text: &str) -> (Option<String>, String) {
    let known = ["moodle", "html", "plain", "markdown"];
    if let Some(rest) = text.strip_prefix('[') {
        if let Some(end) = rest.find(']') {
            if known.contains(&&rest[..end]) {
                return (Some(rest[..end].to_string()), post(rest[end + 1..].trim()));
            }
        }
    }
    (None, post(text.trim()))
}

/// `%n%` at the start of an answer: its fraction and the rest.
fn weight(answer: &str) -> Option<(f64, &str)> {
    let rest = answer.strip_prefix('%')?;
    let digits = rest.trim_start_matches('-');
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = rest.find('%')?;
    let value: f64 = rest[..end].parse().ok()?;
    Some((value / 100.0, &rest[end + 1..]))
}

/// `answer#feedback`.
fn comment(answer: &str) -> (String, String) {
    match answer.split_once('#') {
        Some((a, f)) => (with_format(a).1, with_format(f).1),
        None => (with_format(answer).1, String::new()),
    }
}

/// Splits at `sep`, dropping an empty first part, as Moodle does.
fn parts(text: &str, sep: char) -> Vec<String> {
    let mut parts: Vec<String> = text.split(sep).map(str::to_string).collect();
    if parts.first().is_some_and(|p| p.trim().is_empty()) {
        parts.remove(0);
    }
    parts
}

/// Every category and question of a GIFT file; an error names what Moodle would refuse.
pub(crate) fn read(file: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in file.lines().chain(std::iter::once("")) {
        if !line.trim().is_empty() {
            block.push(line);
            continue;
        }
        let lines: Vec<&str> = block
            .drain(..)
            .map(|l| if l.trim().starts_with("//") { " " } else { l })
            .collect();
        let text = lines.join("\n");
        let text = text.trim();
        if !text.is_empty() {
            items.push(item(text)?);
        }
    }
    Ok(items)
}

fn item(text: &str) -> Result<Item, String> {
    let mut text = pre(text);
    if let Some(path) = text.strip_prefix("$CATEGORY:") {
        return Ok(Item::Category(path.trim().to_string()));
    }
    let mut name = String::new();
    if let Some(rest) = text.strip_prefix("::") {
        if let Some(end) = rest.find("::") {
            name = post(&rest[..end]);
            text = rest[end + 2..].trim().to_string();
        }
    }
    let (start, finish) = (text.find('{'), text.find('}'));
    let (question_text, mut answers) = match (start, finish) {
        (None, None) => (text.clone(), None),
        (Some(s), Some(f)) if s < f => {
            let answers = text[s + 1..f].trim().to_string();
            let blank = if text.ends_with('}') { "" } else { "_____" };
            (
                format!("{}{blank}{}", &text[..s], &text[f + 1..]),
                Some(answers),
            )
        }
        _ => return Err(format!("braces do not match in {text}")),
    };
    let mut general_feedback = String::new();
    if let Some(a) = &answers {
        if let Some(at) = a.rfind("####") {
            general_feedback = with_format(&a[at + 4..]).1;
            answers = Some(a[..at].trim().to_string());
        }
    }
    let (format, text) = with_format(&question_text);
    let kind = match answers {
        None => Kind::Description,
        Some(a) => kind(&a)?,
    };
    Ok(Item::Question(Question {
        name,
        format,
        text,
        general_feedback,
        kind,
    }))
}

fn kind(a: &str) -> Result<Kind, String> {
    if a.is_empty() {
        return Ok(Kind::Essay);
    }
    if let Some(numbers) = a.strip_prefix('#') {
        let (numbers, wrong) = match numbers.find('~') {
            Some(at) => (&numbers[..at], Some(&numbers[at..])),
            None => (numbers, None),
        };
        let mut answers = Vec::new();
        for p in parts(numbers, '=') {
            let p = p.trim();
            let (fraction, p) = weight(p).unwrap_or((1.0, p));
            let (value, feedback) = comment(p);
            let (answer, tolerance) = if let Some((min, max)) = value.split_once("..") {
                let (min, max): (f64, f64) = (num(min)?, num(max)?);
                ((min + max) / 2.0, (max - min) / 2.0)
            } else if let Some((v, t)) = value.split_once(':') {
                (num(v)?, num(t)?)
            } else {
                (num(&value)?, 0.0)
            };
            answers.push((
                Answer {
                    text: answer.to_string(),
                    fraction,
                    feedback,
                },
                tolerance,
            ));
        }
        if let Some(w) = wrong {
            let (_, feedback) = comment(w);
            answers.push((
                Answer {
                    text: "*".into(),
                    fraction: 0.0,
                    feedback,
                },
                0.0,
            ));
        }
        return Ok(Kind::Numerical { answers });
    }
    if a.contains('~') {
        let single = a.contains('=');
        let mut answers = Vec::new();
        for p in parts(&a.replace('=', "~="), '~') {
            let p = p.trim();
            let (fraction, p) = match p.strip_prefix('=') {
                Some(rest) => (1.0, rest),
                None => weight(p).unwrap_or((0.0, p)),
            };
            let (text, feedback) = comment(p);
            answers.push(Answer {
                text,
                fraction,
                feedback,
            });
        }
        if answers.len() < 2 {
            return Err(format!("fewer than 2 answers in {a}"));
        }
        return Ok(Kind::MultiChoice { single, answers });
    }
    if a.contains('=') && a.contains("->") {
        let mut pairs = Vec::new();
        for p in parts(a, '=') {
            let (left, right) = p
                .trim()
                .split_once("->")
                .ok_or_else(|| format!("a pair without -> in {a}"))?;
            pairs.push((with_format(left).1, post(right.trim())));
        }
        return Ok(Kind::Matching { pairs });
    }
    let truth = a.split('#').next().unwrap_or("").trim();
    if ["T", "TRUE", "F", "FALSE"].contains(&truth) {
        let mut bits = a.splitn(3, '#').map(|b| with_format(b).1);
        let answer = bits.next().unwrap_or_default().starts_with('T');
        return Ok(Kind::TrueFalse {
            answer,
            wrong_feedback: bits.next().unwrap_or_default(),
            right_feedback: bits.next().unwrap_or_default(),
        });
    }
    let mut answers = Vec::new();
    for p in parts(a, '=') {
        let p = p.trim();
        let (fraction, p) = weight(p).unwrap_or((1.0, p));
        let (text, feedback) = comment(p);
        answers.push(Answer {
            text,
            fraction,
            feedback,
        });
    }
    Ok(Kind::ShortAnswer { answers })
}

fn num(s: &str) -> Result<f64, String> {
    s.trim().parse().map_err(|_| format!("not a number: {s:?}"))
}
