//! `aula export`'s work: quizzes as questions for Moodle's question bank, in GIFT or Moodle
//! XML.
//!
//! [`sources`] reads the quizzes as `aula check` does; [`mapping`] turns each question into
//! the closest Moodle question, noting what does not map exactly; [`gift`] and
//! [`moodle_xml`] write them; [`places`] finds each question's line in its file; and the
//! file is written atomically here, never over another unless asked. What is approximated
//! or skipped is a warning at the question's place in its quiz file.

mod gift;
mod mapping;
mod moodle_xml;
mod places;
mod sources;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::quiz::{Quiz, Shuffle};

use mapping::Note;
use places::{at_line, key_span, question_headers, question_span};
use sources::{Category, Source};

/// The file format Moodle imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Moodle's text format
    Gift,
    /// Moodle XML, which also keeps marks, hints and feedback GIFT cannot hold
    MoodleXml,
}

impl Format {
    /// The extension of a file in this format.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Gift => "gift",
            Format::MoodleXml => "xml",
        }
    }

    /// The format's name, for the summary line.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Gift => "GIFT",
            Format::MoodleXml => "Moodle XML",
        }
    }
}

/// What to export, and where.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The course root.
    pub root: PathBuf,
    /// One quiz file, or `None` for every quiz of the course.
    pub file: Option<PathBuf>,
    pub format: Format,
    /// The file to write, instead of the default.
    pub output: Option<PathBuf>,
    /// Replace the output if it exists.
    pub force: bool,
    /// Include draft pages, for the whole course.
    pub drafts: bool,
    /// For the whole course: the edition in this language, not the default one.
    pub language: Option<String>,
}

/// What an export wrote.
#[derive(Debug)]
pub(crate) struct Exported {
    pub file: PathBuf,
    /// Questions in the quizzes.
    pub questions: usize,
    /// Questions written.
    pub exported: usize,
    /// What was approximated or skipped, at each question.
    pub warnings: Vec<Diagnostic>,
}

/// The name of the whole course's bank, in the course root.
const BANK: &str = "quiz-bank";

/// Reads the quizzes, writes them in `options.format`, and says what was left out.
pub(crate) fn export(options: &Options) -> Result<Exported, Vec<Diagnostic>> {
    let ext = options.format.extension();
    let mut untranslated = Vec::new();
    let (sources, title, default_output) = match &options.file {
        Some(file) => {
            let source = sources::one(&options.root, file)?;
            let title = source.quiz.title.clone();
            (vec![source], title, file.with_extension(ext))
        }
        None => {
            let (sources, title, notes) =
                sources::all(&options.root, options.drafts, options.language.as_deref())?;
            untranslated = notes;
            let name = match &options.language {
                Some(language) => format!("{BANK}.{language}.{ext}"),
                None => format!("{BANK}.{ext}"),
            };
            // `./quiz-bank.gift` reads worse in the summary than `quiz-bank.gift`.
            let output = if options.root == Path::new(".") {
                PathBuf::from(name)
            } else {
                options.root.join(name)
            };
            (sources, title, output)
        }
    };
    let output = options.output.clone().unwrap_or(default_output);
    if output.exists() && !options.force {
        return Err(vec![Diagnostic::new(&output, "this file already exists")
            .with_hint(
                "pass --force to replace it, or choose another file with --output",
            )]);
    }
    let bank = write_bank(&sources, options.format, &title).map_err(|e| {
        vec![Diagnostic::new(
            &output,
            format!("cannot write the export: {e}"),
        )]
    })?;
    let mut warnings = untranslated;
    warnings.extend(bank.warnings);
    if bank.exported == 0 {
        // An empty bank would import nothing: the warnings say why.
        warnings.push(
            Diagnostic::new(&output, "nothing to export: every question was skipped")
                .with_hint("see the warnings above for what Moodle cannot hold"),
        );
        return Err(warnings);
    }
    warnings.extend(published(&options.root, &output));
    crate::atomic_file::write(&output, ".aula-export-", options.force, |f| {
        f.write_all(bank.text.as_bytes())
    })
    .map_err(|e| {
        let d = match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                Diagnostic::new(&output, "this file already exists")
                    .with_hint("pass --force to replace it, or choose another file with --output")
            }
            _ => Diagnostic::new(&output, format!("cannot write this file: {e}")),
        };
        vec![d]
    })?;
    Ok(Exported {
        file: output,
        questions: bank.questions,
        exported: bank.exported,
        warnings,
    })
}

/// A bank's text, and what went into it.
struct BankText {
    text: String,
    questions: usize,
    exported: usize,
    warnings: Vec<Diagnostic>,
}

/// The file being written, in its format.
enum Writer {
    Gift(gift::Bank),
    Xml(moodle_xml::Bank),
}

/// Whether a question went into the file.
enum Written {
    /// It did, with what its format dropped.
    Yes(Vec<Note>),
    /// Its format cannot hold it.
    No(Note),
}

impl Writer {
    fn new(format: Format, title: &str) -> std::io::Result<Writer> {
        Ok(match format {
            Format::Gift => Writer::Gift(gift::Bank::new(title)),
            Format::MoodleXml => Writer::Xml(moodle_xml::Bank::new(title)?),
        })
    }

    fn category(&mut self, category: &Category) -> std::io::Result<()> {
        match self {
            Writer::Gift(gift) => gift.category(category),
            Writer::Xml(xml) => xml.category(category)?,
        }
        Ok(())
    }

    fn question(&mut self, q: &mapping::Question, from: &str) -> std::io::Result<Written> {
        Ok(match self {
            Writer::Gift(gift) => match gift.question(q, from) {
                Ok(notes) => Written::Yes(notes),
                Err(note) => Written::No(note),
            },
            Writer::Xml(xml) => {
                xml.question(q, from)?;
                Written::Yes(Vec::new())
            }
        })
    }

    fn finish(self) -> std::io::Result<String> {
        match self {
            Writer::Gift(gift) => Ok(gift.finish()),
            Writer::Xml(xml) => xml.finish(),
        }
    }
}

/// Every question of `sources`, each quiz under its category.
fn write_bank(sources: &[Source], format: Format, title: &str) -> std::io::Result<BankText> {
    let mut writer = Writer::new(format, title)?;
    let (mut questions, mut exported) = (0, 0);
    let mut warnings = Vec::new();
    let mut category = None;
    for source in sources {
        warnings.extend(quiz_settings(source));
        if category != Some(&source.category) {
            category = Some(&source.category);
            writer.category(&source.category)?;
        }
        let quiz = &source.quiz;
        let headers = question_headers(&source.text);
        for (i, q) in quiz.questions.iter().enumerate() {
            questions += 1;
            let span = question_span(&source.text, &headers, q.prompt.offset);
            let at = |note: Note| {
                let message = if note.skipped {
                    format!("skipped: {}", note.message)
                } else {
                    note.message
                };
                Diagnostic::at(&source.file, &source.text, span.clone(), message)
                    .with_hint(note.hint)
                    .warning()
            };
            let context = quiz
                .groups
                .iter()
                .find(|g| g.questions.contains(&i))
                .and_then(|g| g.context.as_ref());
            let (mapped, notes) = mapping::question(q, context, quiz.shuffle.options());
            warnings.extend(notes.into_iter().map(at));
            let Some(mapped) = mapped else { continue };
            let from = at_line(&source.file, &source.text, span.start);
            match writer.question(&mapped, &from)? {
                Written::Yes(notes) => {
                    warnings.extend(notes.into_iter().map(at));
                    exported += 1;
                }
                Written::No(note) => warnings.push(at(note)),
            }
        }
    }
    Ok(BankText {
        text: writer.finish()?,
        questions,
        exported,
        warnings,
    })
}

/// The quiz's settings that a question bank cannot hold: which questions a learner gets and
/// in which order are the Moodle quiz's settings.
fn quiz_settings(source: &Source) -> Vec<Diagnostic> {
    let quiz: &Quiz = &source.quiz;
    let mut warnings = Vec::new();
    let mut say = |key: &str, message: String, hint: &str| {
        if let Some(span) = key_span(&source.text, key) {
            warnings.push(
                Diagnostic::at(&source.file, &source.text, span, message)
                    .with_hint(hint)
                    .warning(),
            );
        }
    };
    if let Some(n) = quiz.draw {
        say(
            "draw",
            format!("draw = {n} is not exported: a question bank has no draw"),
            "in the Moodle quiz, add random questions from the quiz's category instead",
        );
    }
    if quiz.shuffle == Shuffle::All {
        say(
            "shuffle",
            "the questions' shuffling is not exported: it is a setting of the Moodle quiz".into(),
            "in the Moodle quiz, turn on \"Shuffle\" on its Questions page; options stay shuffled",
        );
    }
    warnings
}

/// A warning when the export lands inside `content/`: a build copies every file there into
/// the site, and this one holds the answers.
fn published(root: &Path, output: &Path) -> Option<Diagnostic> {
    let content = crate::paths::resolve(&root.join(crate::content::CONTENT_DIR)).ok()?;
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = crate::paths::resolve(dir).ok()?;
    dir.starts_with(&content).then(|| {
        Diagnostic::new(
            output,
            "the export is inside content/, so `aula build` would publish it, answers included",
        )
        .with_hint("move it out of content/, or write it elsewhere with --output")
        .warning()
    })
}
