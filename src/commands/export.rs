//! `aula export`: quizzes as questions for Moodle's question bank.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::CourseArgs;
use crate::commands::{fail, plural, warn};
use crate::export::{self, Format, Options};

/// Arguments of `aula export`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["file", "all"])))]
pub(crate) struct Args {
    /// The quiz file to export (quiz.toml or NAME.quiz.toml)
    #[arg(value_name = "FILE.quiz.toml")]
    pub file: Option<PathBuf>,
    /// Export every quiz of the course into one file, a category per module
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub course: CourseArgs,
    /// The format Moodle imports
    #[arg(long, value_enum, default_value = "gift")]
    pub format: Format,
    /// The file to write, instead of the quiz's name with .gift or .xml beside it, or
    /// quiz-bank.gift or quiz-bank.xml in the course folder for --all
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// With --all: export the course's edition in this language (its quizzes' translations),
    /// into quiz-bank.LANG.gift or .xml
    #[arg(long, value_name = "LANG", requires = "all")]
    pub language: Option<String>,
}

/// Exports, then prints what was approximated or skipped and one summary line.
pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let options = Options {
        root: args.course.root,
        file: args.file,
        format: args.format,
        output: args.output,
        force: args.force,
        drafts: args.course.drafts,
        language: args.language,
    };
    match export::export(&options) {
        Ok(exported) => {
            warn(&exported.warnings);
            let skipped = match exported.questions - exported.exported {
                0 => String::new(),
                n => format!("; {n} skipped (see above)"),
            };
            println!(
                "Exported {} of {} as {} into {}{skipped}",
                exported.exported,
                plural(exported.questions, "question", "questions"),
                options.format.name(),
                exported.file.display(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => Ok(fail(&errors)),
    }
}
